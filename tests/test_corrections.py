"""Corrections (graph/corrections.py): made by people, kept beside the store,
applied by every build on both stores, stale - reported, never applied - when
the clause they were made against has changed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from reformkg import queries
from conftest import CORPUS, run_cli
from reformkg.graph import build
from reformkg.graph import corrections as C

# 责任单位:市营商环境监督局、市行政审批局、市大数据管理局,各县区政府、… : no lead printed
MEASURE = "xining-2022:二/(一)/1/(1)"
CLAUSE_UNITS = "市营商环境监督局、市行政审批局、市大数据管理局"


def chain(args: list[str], env: dict | None = None, measure: str = MEASURE) -> dict[str, list[dict]]:
    proc = run_cli("query", "responsibility_chain", "--param", f"measure={measure}", "--format", "json",
                   *args, env=env)
    assert proc.returncode == 0, proc.stderr
    steps: dict[str, list[dict]] = {}
    for r in json.loads(proc.stdout):
        steps.setdefault(r["step"], []).append(r)
    return steps


def names(steps: dict, step: str) -> list[str]:
    return [r["name"] for r in sorted(steps.get(step, []), key=lambda r: r["rank"])]


@pytest.fixture(params=["ladybug", "neo4j"])
def cli_store(request, tmp_path):
    """CLI arguments and environment for one store, with its corrections file."""
    fixes = tmp_path / "fixes" / "corrections.yaml"
    if request.param == "ladybug":
        return {"args": ["--db", str(tmp_path / "g.lbug")], "fresh": ["--fresh"], "env": None,
                "file": tmp_path / "corrections.yaml"}
    env = request.getfixturevalue("neo4j_env")
    return {"args": ["--neo4j"], "fresh": ["--fresh", "--yes"],
            "env": {**env, "REFORMKG_CORRECTIONS": str(fixes)}, "file": fixes}


def test_a_correction_survives_fresh_rebuilds(cli_store):
    args, env = cli_store["args"], cli_store["env"]
    assert run_cli("build", *cli_store["fresh"], *args, env=env).returncode == 0
    assert names(chain(args, env), "responsible") == sorted(CLAUSE_UNITS.split("、"), key=CLAUSE_UNITS.index)
    proc = run_cli("review", "set", MEASURE, "--leads", "市营商环境监督局", "--supports",
                   "市行政审批局,市大数据管理局", "--responsible", "", "--who", "张三",
                   "--why", "按职责,首列单位牵头", *args, env=env)
    assert proc.returncode == 0, proc.stderr
    assert cli_store["file"].exists()
    for _ in range(2):
        proc = run_cli("build", *cli_store["fresh"], *args, env=env)
        assert proc.returncode == 0, proc.stderr
        assert "corrections applied: 1, stale: 0" in proc.stdout
        steps = chain(args, env)
        assert names(steps, "lead") == ["市营商环境监督局"]
        assert names(steps, "support") == ["市行政审批局", "市大数据管理局"]
        assert names(steps, "responsible") == []
        assert names(steps, "collective") == ["各县区政府", "西宁经济技术开发区各园区管委会"]  # untouched
        lead = steps["lead"][0]
        assert lead["correction"].startswith("张三 · ") and lead["correction"].endswith("按职责,首列单位牵头")
        assert steps["collective"][0]["correction"] == ""
    # the corrected edge still points at the words of the document
    text = json.loads(run_cli("query", "document_text", "--param", "doc=xining-2022", "--format", "json",
                              *args, env=env).stdout)[0]["text"]
    assert text[lead["start"]:lead["end"]] == lead["quote"] == "市营商环境监督局"
    led = json.loads(run_cli("query", "measures_led_by", "--param", "dept=西宁市/市营商环境监督局",
                             "--format", "json", *args, env=env).stdout)
    assert MEASURE.split(":", 1)[1] in [r["path"] for r in led]
    fixes = json.loads(run_cli("query", "corrections", "--format", "json", *args, env=env).stdout)
    assert [(f["measure"], f["kind"], f["status"], f["who"]) for f in fixes] == [(MEASURE, "set", "applied", "张三")]


def test_a_changed_clause_makes_the_correction_stale(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    db = ["--db", str(tmp_path / "g.lbug")]
    assert run_cli("build", str(corpus), *db).returncode == 0
    other = "xining-2022:二/(一)/1/(2)"
    for measure, lead in ((MEASURE, "市行政审批局"), (other, None)):
        extra = ["--leads", lead, "--why", "测试"] if lead else ["--flag", "--why", "条款存疑"]
        assert run_cli("review", "set", measure, "--who", "李四", *extra, *db).returncode == 0
    steps = chain(db)
    assert names(steps, "lead") == ["市行政审批局"]
    assert names(steps, "responsible") == ["市营商环境监督局", "市大数据管理局"]   # moved, not doubled
    source = corpus / "xining-2022.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(
        CLAUSE_UNITS, CLAUSE_UNITS + "、市财政局", 1), encoding="utf-8")
    proc = run_cli("build", str(corpus), *db)
    assert proc.returncode == 0, proc.stderr
    stale_lines = [line for line in proc.stderr.splitlines() if "stale" in line]
    assert len(stale_lines) == 1 and MEASURE in stale_lines[0] and "李四" in stale_lines[0]
    steps = chain(db)
    assert names(steps, "lead") == []                                   # not applied
    assert names(steps, "responsible")[-1] == "市财政局"                  # the new text is read
    assert all(r["correction"] == "" for r in steps["responsible"])
    proc = run_cli("review", "list", "--format", "json", *db)
    assert any(MEASURE in line and "stale" in line for line in proc.stderr.splitlines())
    assert [r["id"] for r in json.loads(proc.stdout)] == [other]         # the flag still applies
    fixes = {f["measure"]: f for f in json.loads(run_cli("query", "corrections", "--format", "json", *db).stdout)}
    assert fixes[MEASURE]["status"] == "stale" and fixes[other]["status"] == "applied"


def test_a_malformed_entry_is_one_line_and_the_others_apply(tmp_path):
    db = ["--db", str(tmp_path / "g.lbug")]
    assert run_cli("build", *db).returncode == 0
    sha = C.clause_sha(chain(db)["clause"][0]["quote"])
    good = {"doc": "xining-2022", "path": MEASURE.split(":", 1)[1], "clause_sha": sha,
            "leads": ["市行政审批局"], "who": "王五", "when": "2026-12-01T09:00:00+00:00", "why": "测试"}
    entries = [good, {**good, "leads": None, "leeds": ["市财政局"]}, {**good, "who": ""},
               {**good, "leads": ["市财政局"], "supports": ["市财政局"]}]
    fixes = tmp_path / "corrections.yaml"
    fixes.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    proc = run_cli("build", *db)
    assert proc.returncode == 0, proc.stderr
    problems = [line for line in proc.stderr.splitlines() if str(fixes) in line]
    assert len(problems) == 3, proc.stderr
    assert "entry 2" in problems[0] and "'leeds'" in problems[0]
    assert "entry 3" in problems[1] and "`who`" in problems[1]
    assert "entry 4" in problems[2] and "市财政局" in problems[2]
    assert names(chain(db), "lead") == ["市行政审批局"]                  # entry 1 applied

    fixes.write_text("- doc: xining-2022\n  path: [unclosed\n", encoding="utf-8")
    before = fixes.read_bytes()
    proc = run_cli("build", *db)
    assert proc.returncode == 0, proc.stderr
    problems = [line for line in proc.stderr.splitlines() if str(fixes) in line]
    assert len(problems) == 1 and "line " in problems[0] and "not valid YAML" in problems[0]
    assert "Measure" in proc.stdout                                    # the documents still loaded
    proc = run_cli("review", "set", MEASURE, "--confirm", "--who", "王五", *db)
    assert proc.returncode == 1 and "not writing to it" in proc.stderr
    assert fixes.read_bytes() == before                                 # nothing in it is lost


def test_export_and_apply_carry_corrections_to_another_store(tmp_path):
    a, b = ["--db", str(tmp_path / "a" / "g.lbug")], ["--db", str(tmp_path / "b" / "g.lbug")]
    for args in (a, b):
        assert run_cli("build", *args).returncode == 0
    assert run_cli("review", "set", MEASURE, "--leads", "市行政审批局", "--who", "赵六", "--why", "测试",
                   *a).returncode == 0
    out = tmp_path / "fixes.jsonl"
    proc = run_cli("review", "export", str(out), *a)
    assert proc.returncode == 0 and "1 correction(s)" in proc.stdout
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["leads"] == ["市行政审批局"]
    proc = run_cli("review", "apply", str(out), *b)
    assert proc.returncode == 0, proc.stderr
    assert names(chain(b), "lead") == ["市行政审批局"]
    proc = run_cli("review", "apply", str(out), *b)                    # again: nothing new, nothing doubled
    assert "0 new correction(s)" in proc.stdout
    assert names(chain(b), "lead") == ["市行政审批局"]


# --- the kinds, in process, on both stores ---------------------------------------------

def _measure(store, measure_id):
    return C.stored_measures(store, [measure_id])[measure_id]


def test_confirm_flag_and_not_a_measure(any_store, seed_extractions):
    any_store.load(build(seed_extractions))
    flagged, dropped = "baoji-2022:二/(一)/2", "baoji-2022:二/(一)/3"
    count = any_store.values("MATCH (x:Document {id:'baoji-2022'}) RETURN x.measure_count")[0]
    fixes = [C.make(_measure(any_store, flagged), who="甲", why="条款有歧义", kind="flagged"),
             C.make(_measure(any_store, dropped), who="甲", why="这是说明,不是任务", kind="not_a_measure")]
    outcomes = C.apply_corrections(any_store, fixes)
    assert [o.status for o in outcomes] == ["applied", "applied"]
    queue = queries.run("review_queue", {}, any_store).records()
    assert [r["id"] for r in queue] == [flagged] and queue[0]["review_status"] == "flagged"
    assert queries.run("measure_detail", {"measure": dropped}, any_store).rows == []
    assert any_store.values("MATCH (x:Document {id:'baoji-2022'}) RETURN x.measure_count")[0] == count - 1
    confirm = C.make(_measure(any_store, flagged), who="乙", why="", kind="confirmed")
    assert C.apply_corrections(any_store, fixes + [confirm])[0].status == "applied"   # only the new one
    assert queries.run("review_queue", {}, any_store).rows == []
    kinds = [(r["measure"], r["kind"], r["status"]) for r in queries.run("corrections", {}, any_store).records()]
    assert sorted(kinds) == sorted([(flagged, "flagged", "applied"), (dropped, "not_a_measure", "applied"),
                                    (flagged, "confirmed", "applied")])


def test_a_correction_for_a_document_not_loaded_waits(any_store, seed_extractions):
    any_store.load(build(seed_extractions[:1]))       # baoji only
    entry = C.parse_entry({"doc": "xining-2022", "path": "一/1", "clause_sha": "0" * 16, "who": "甲",
                           "when": "2026-12-01", "why": "x", "leads": ["市财政局"]})
    assert [o.status for o in C.apply_corrections(any_store, [entry])] == ["no_document"]
    assert any_store.values("MATCH (c:Correction) RETURN count(c)") == [0]


@pytest.mark.parametrize("item,problem", [
    ({}, "`doc` is missing"),
    ({"leads": "市财政局"}, "must be a list"),
    ({"confirmed": True, "leads": ["市财政局"]}, "one kind per entry"),
    ({"supports": 5}, "must be a list"),
    ({"confirmed": "yes", "leads": None}, "must be `true`"),
    ({"why": "", "leads": ["市财政局"]}, "`why` is missing"),
    ({"deadline": 20230630}, "must be text"),
])
def test_entry_checks(item, problem):
    base = {"doc": "d", "path": "一/1", "clause_sha": "ab", "who": "甲", "when": "2026-12-01", "why": "x"}
    entry = {**base, **item}
    if item == {}:
        entry.pop("doc")
    entry = {k: v for k, v in entry.items() if not (k == "leads" and v is None)}
    with pytest.raises(C.CorrectionsError, match=problem.replace("(", r"\(")):
        C.parse_entry(entry)


def test_entry_round_trip(tmp_path):
    entry = C.parse_entry({"doc": "d", "path": "一/1", "clause_sha": "ab", "who": "甲", "when": "2026-12-01",
                           "why": "x", "leads": ["A、B"], "deadline": "2023年6月底"})
    assert entry.values == {"leads": ["A、B"], "deadline": "2023年6月底"}
    for name in ("c.yaml", "c.jsonl"):
        C.export([entry], tmp_path / name)
        back, problems = C.read_file(tmp_path / name)
        assert problems == [] and back[0].id == entry.id and back[0].entry == 1
    assert C.split_names("市财政局, 市商务局、市财政局") == ["市财政局", "市商务局"]
