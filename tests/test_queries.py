"""Named queries: identical answers on both stores, gold-backed answers, validation."""
from __future__ import annotations

import json

import pytest

from reformkg import queries
from conftest import GOLD, run_cli
from reformkg.graph import build
from reformkg.graph.analytics import analyze

# Representative parameters; optional parameters are also left out, because
# a missing (null) parameter is where the engines differ most.
CASES = {
    "measures_led_by": [{"dept": "市大数据发展服务局"}, {"dept": "宝鸡市大数据发展服务局"}, {"dept": "市交通局"}],
    "measures_involving": [{"dept": "市税务局"}, {"dept": "西宁市/市法院"}],
    "responsibility_chain": [{"measure": "baoji-2022:二/(十五)/79"}, {"measure": "xining-2022:二/(一)/2/(6)"},
                             {"measure": "baoji-2022:三/100"}, {"measure": "xining-2022:二/(一)/1/(1)"}],
    "department_workload": [{}, {"jurisdiction": "西宁市", "limit": 5}],
    "co_responsible": [{"dept": "市大数据发展服务局"}, {"dept": "市法院", "limit": 3}],
    "measures_without_lead": [{}, {"doc": "baoji-2022"}],
    "indicator_measures": [{"indicator": "纳税"}, {"indicator": "government_services"}, {"indicator": "企业开办"}],
    "indicator_targets": [{"indicator": "纳税"}, {"indicator": "获得电力"}],
    "regulation_citations": [{}, {"title": "条例"}],
    "deadlines": [{}, {"from": "2022-07-01", "to": "2022-12-31"}, {"to": "2022-06-30"}],
    "overdue": [{"as_of": "2023-01-01"}, {"as_of": "2022-01-01"}],
    "department_profile": [{"dept": "市交通局"}, {"dept": "人行宝鸡市支行"}, {"dept": "西宁公积金管理中心"}],
    "search": [{"text": "放管服"}, {"text": "税"}, {"text": "大数据"}, {"text": "不存在的词语"}],
    "ambiguous_departments": [{}],
    "documents": [{}],
    "indicator_overview": [{}],
    "measure_detail": [{"measure": "baoji-2022:二/(六)/28"}, {"measure": "xining-2022:二/(一)/1/(4)"}],
    "measure_spans": [{"measure": "baoji-2022:二/(十)/46"}, {"measure": "baoji-2022:三/99"}],
    "measure_list": [{}, {"doc": "xining-2022"}, {"indicator": "纳税"}, {"doc": "baoji-2022", "indicator": "政务服务"}],
    "department_neighbourhood": [{"dept": "市大数据发展服务局"}, {"dept": "市法院", "limit": 5}],
    "responsibility_matrix": [{}, {"doc": "xining-2022"}],
    "department_edges": [{}, {"jurisdiction": "西宁市"}],
    "document_text": [{"doc": "xining-2022"}],
    "review_queue": [{}, {"doc": "baoji-2022"}],
    "corrections": [{}, {"doc": "xining-2022"}],
}


def sample_corrections(store) -> None:
    """One correction of each kind and a stale one, so that the review and
    correction queries are compared on rows, not on empty results."""
    from reformkg.graph import corrections as C

    ids = ["xining-2022:二/(一)/1/(1)", "baoji-2022:二/(一)/2", "baoji-2022:二/(三)/17", "baoji-2022:二/(二)/5"]
    ms = C.stored_measures(store, ids)
    fixes = [C.make(ms[ids[0]], who="甲", why="首列牵头", values={"leads": ["市营商环境监督局"],
                                                                  "supports": ["市行政审批局", "市新设单位"]},
                    when="2026-12-01T09:00:00+00:00"),
             C.make(ms[ids[1]], who="乙", why="存疑", kind="flagged", when="2026-12-01T09:01:00+00:00"),
             C.make(ms[ids[2]], who="丙", why="说明文字", kind="not_a_measure", when="2026-12-01T09:02:00+00:00"),
             C.parse_entry({"doc": "baoji-2022", "path": "二/(二)/5", "clause_sha": "0" * 16, "who": "丁",
                            "when": "2026-12-01T09:03:00+00:00", "why": "旧版本", "leads": ["市财政局"]})]
    assert [o.status for o in C.apply_corrections(store, fixes)] == ["applied"] * 3 + ["stale"]


@pytest.fixture(scope="module")
def stores(tmp_path_factory, seed_extractions, neo4j_env):
    from reformkg.graph.ladybug_store import LadybugStore
    from reformkg.graph.neo4j_store import Neo4jStore

    batch = build(seed_extractions)
    lb = LadybugStore(tmp_path_factory.mktemp("q") / "g.lbug")
    lb.load(batch)
    neo = Neo4jStore(neo4j_env["NEO4J_URI"], neo4j_env["NEO4J_USERNAME"], neo4j_env["NEO4J_PASSWORD"])
    neo.clear()
    neo.load(batch)
    for store in (lb, neo):
        sample_corrections(store)
    yield {"ladybug": lb, "neo4j": neo}
    lb.close()
    neo.close()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, seed_extractions):
    from reformkg.graph.ladybug_store import LadybugStore

    store = LadybugStore(tmp_path_factory.mktemp("e") / "g.lbug")
    store.load(build(seed_extractions))
    yield store
    store.close()


def test_every_named_query_has_cases():
    assert {q.name for q in queries.list()} == set(CASES)
    assert len(CASES) >= 14 + 9


@pytest.mark.parametrize("name,params", [(n, p) for n, ps in CASES.items() for p in ps])
def test_same_rows_on_both_backends(stores, name, params):
    a = queries.run(name, params, stores["ladybug"])
    b = queries.run(name, params, stores["neo4j"])
    assert a.columns == b.columns
    if not queries.get(name).sort and "ORDER BY" not in queries.get(name).cypher:
        a.rows.sort(key=repr)
        b.rows.sort(key=repr)
    assert a.rows == b.rows


def test_every_column_of_every_query_carries_values(stores):
    """Rows for the seeds, and no column that is null in every row: a misspelt
    property is null on Neo4j, not an error, and would pass unnoticed."""
    empty_ok = {("search", "不存在的词语"), ("overdue", "2022-01-01")}
    # empty for the seeds by their content: no alias candidate (`other`), no record the extractor
    # doubts (`review`: the queue holds a user's flag only), no deadline in the two measures shown,
    # nothing the extractor could not read (`warnings`: test_explorer checks a document that has one)
    always_null_ok = {("review_queue", "review"), ("measure_detail", "deadline_text"),
                      ("ambiguous_departments", "other"), ("documents", "warnings")}
    for name, cases in CASES.items():
        seen: dict[str, bool] = {}
        for params in cases:
            result = queries.run(name, params, stores["neo4j"])
            key = (name, next(iter(params.values()), None))
            assert result.rows or key in empty_ok, (name, params)
            for i, col in enumerate(result.columns):
                seen[col] = seen.get(col, False) or any(r[i] not in (None, "", []) for r in result.rows)
        blank = {c for c, v in seen.items() if not v and (name, c) not in always_null_ok}
        assert not blank, (name, sorted(blank))


def test_measures_led_by_gold(embedded):
    facts = json.loads((GOLD / "baoji-2022.doc.json").read_text(encoding="utf-8"))
    rows = queries.run("measures_led_by", {"dept": "市大数据发展服务局"}, embedded).records()
    assert [r["path"] for r in rows] == facts["leads_of"]["市大数据发展服务局"]
    by_full_name = queries.run("measures_led_by", {"dept": "宝鸡市大数据发展服务局"}, embedded).rows
    assert len(by_full_name) == 10


def test_responsibility_chain_of_measure_79(embedded):
    rows = queries.run("responsibility_chain", {"measure": "baoji-2022:二/(十五)/79"}, embedded).records()
    steps = {}
    for r in rows:
        steps.setdefault(r["step"], []).append(r)
    assert [r["name"] for r in steps["lead"]] == ["市大数据发展服务局"]
    assert [r["name"] for r in steps["indicator"]] == ["政务服务"]
    assert [r["name"] for r in steps["coordinator"]] == ["市行政审批服务局"]
    assert [r["name"] for r in steps["chief"]] == ["市政府分管领导"]
    assert steps["clause"][0]["quote"] == "市大数据发展服务局牵头,市行政审批服务局、市发改委等相关部门及各县区按职责分工负责"
    assert [r["name"] for r in steps["support"]] == ["市行政审批服务局", "市发改委"]
    assert [r["name"] for r in steps["collective"]] == ["各县区"]
    text = embedded.values("MATCH (d:Document {id:'baoji-2022'}) RETURN d.text")[0]
    for r in rows:   # every step quotes the document at its offsets
        if r["start"] is not None:
            assert text[r["start"]:r["end"]] == r["quote"], r


def test_indicator_targets_tax_hours(embedded):
    rows = queries.run("indicator_targets", {"indicator": "纳税"}, embedded).records()
    hours = {(r["city"], r["value"]) for r in rows if r["unit"] == "小时"}
    assert ("宝鸡市", 80.0) in hours and ("西宁市", 98.0) in hours


def test_gaps_and_profile(embedded):
    gaps = queries.run("measures_without_lead", {"doc": "baoji-2022"}, embedded).records()
    assert [(g["path"], g["gap"]) for g in gaps] == [("三/99", "no_explicit_lead")]
    profile = queries.run("department_profile", {"dept": "市交通局"}, embedded).records()[0]
    assert profile["name"] == "市交通运输局" and profile["aliases"] == ["市交通局"]
    assert profile["documents"] == ["baoji-2022"]


def test_search_finds_measures_and_departments(embedded):
    rows = queries.run("search", {"text": "大数据"}, embedded).records()
    kinds = {r["kind"] for r in rows}
    assert kinds == {"measure", "department"}
    assert any(r["id"] == "宝鸡市/市大数据发展服务局" for r in rows)


@pytest.mark.parametrize("name,params,words", [
    ("nope", {}, "no query named"),
    ("measures_led_by", {}, "is required"),
    ("measures_led_by", {"dept": "x", "other": 1}, "unknown parameter"),
    ("department_workload", {"limit": "ten"}, "must be int"),
    ("deadlines", {"from": "2022-13-40"}, "YYYY-MM-DD"),
    ("measures_led_by", {"dept": ["a"]}, "must be a department name"),
    ("search", {"text": {"a": 1}}, "must be string"),
])
def test_parameter_validation(embedded, name, params, words):
    with pytest.raises(queries.QueryParamError, match=words):
        queries.run(name, params, embedded)


def test_query_files_have_complete_headers():
    for q in queries.list():
        assert q.title_zh and q.title_en and q.description, q.name
        assert q.path and q.path.name == f"{q.name}.cypher"
        for p in q.params:
            assert p.description, (q.name, p.name)


def test_analytics_same_on_both_backends(stores):
    a, b = (analyze(queries.run("department_edges", {"jurisdiction": None}, stores[k]).records())
            for k in ("ladybug", "neo4j"))
    assert a.departments == b.departments and a.communities == b.communities
    assert a.graph.number_of_nodes() > 90 and a.communities
    top = a.departments[0]
    assert top["name"] == "市行政审批服务局" and top["leads"] == 24


def test_cli_query_commands(tmp_path):
    db = tmp_path / "g.lbug"
    assert run_cli("build", "--db", str(db)).returncode == 0
    listing = run_cli("query", "list")
    assert listing.returncode == 0 and len(listing.stdout.splitlines()) == len(CASES)
    show = run_cli("query", "show", "search")
    assert "variant for neo4j" in show.stdout and "fulltext" in show.stdout
    proc = run_cli("query", "measures_led_by", "--param", "dept=市大数据发展服务局", "--format", "json",
                   "--db", str(db))
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 10
    bad = run_cli("query", "measures_led_by", "--param", "depth=1", "--db", str(db))
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "unknown parameter" in bad.stderr
    analyze_out = run_cli("analyze", "--format", "json", "--db", str(db))
    assert analyze_out.returncode == 0 and json.loads(analyze_out.stdout)["communities"]


def test_communities_are_keyed_by_department_id_not_name():
    """Hand-computed: two cities, each with a 市财政局 working with its own partner.
    Keyed by name, both 市财政局 landed in one community."""
    rows = [{"dept": f"{city}/市财政局", "name": "市财政局", "jurisdiction": city, "measure": f"{city}:{m}",
             "role": "lead", "indicator": None} for city in ("甲市", "乙市") for m in (1, 2)]
    rows += [{"dept": f"{city}/{partner}", "name": partner, "jurisdiction": city, "measure": f"{city}:{m}",
              "role": "support", "indicator": None}
             for city, partner in (("甲市", "市税务局"), ("乙市", "市发改委")) for m in (1, 2)]
    a = analyze(rows)
    assert sorted(c["ids"] for c in a.communities) == [["乙市/市发改委", "乙市/市财政局"],
                                                         ["甲市/市税务局", "甲市/市财政局"]]
    community = {d["id"]: d["community"] for d in a.departments}
    assert community["甲市/市财政局"] == community["甲市/市税务局"] != community["乙市/市财政局"]
    assert community["乙市/市财政局"] == community["乙市/市发改委"]
    weights = {d["id"]: d["weighted_degree"] for d in a.departments}
    assert weights["甲市/市财政局"] == 4.0   # two shared measures, (3 + 1) / 2 each


def test_query_subcommands_list_show_run_and_the_shortcut(built_embedded):
    run = run_cli("query", "run", "measures_led_by", "--param", "dept=市大数据发展服务局",
                  "--format", "json", "--db", str(built_embedded))
    short = run_cli("query", "measures_led_by", "--param", "dept=市大数据发展服务局",
                    "--format", "json", "--db", str(built_embedded))
    assert run.returncode == short.returncode == 0 and json.loads(run.stdout) == json.loads(short.stdout)
    named_list = run_cli("query", "run", "list", "--db", str(built_embedded))
    assert named_list.returncode == 1 and "no query named 'list'" in named_list.stderr


def test_a_bad_query_header_names_its_file_and_line_and_the_others_load(tmp_path, monkeypatch):
    good = (queries.QUERY_DIR / "documents.cypher").read_text(encoding="utf-8")
    (tmp_path / "documents.cypher").write_text(good, encoding="utf-8")
    (tmp_path / "broken.cypher").write_text(
        "// name: broken\n// title: 坏 | Broken\n// param: limit int = 100 - at most\nRETURN 1\n",
        encoding="utf-8")
    monkeypatch.setattr(queries, "QUERY_DIR", tmp_path)
    monkeypatch.setattr(queries, "_CACHE", None)
    assert [q.name for q in queries.list()] == ["documents"]
    assert len(queries.PROBLEMS) == 1 and "broken.cypher:3:" in queries.PROBLEMS[0]
    assert "'100 - at most'" in queries.PROBLEMS[0]
    with pytest.raises(queries.QueryParamError, match="broken.cypher:3"):
        queries.get("broken")
    queries.PROBLEMS.clear()   # the real library (restored by monkeypatch) has none


def test_analyze_csv_is_one_table(built_embedded):
    mixed = run_cli("analyze", "--format", "csv", "--db", str(built_embedded))
    assert mixed.returncode == 1 and "--table" in mixed.stderr
    one = run_cli("analyze", "--format", "csv", "--table", "centrality", "--db", str(built_embedded))
    lines = one.stdout.splitlines()
    assert one.returncode == 0 and lines[0].startswith("id,name,jurisdiction")
    assert not any(line.startswith(("community,", "==")) for line in lines[1:])
