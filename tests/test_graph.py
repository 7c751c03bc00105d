"""Graph: deterministic builder, evidence on every edge, identical stores, replace."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import CORPUS, GOLD, run_cli
from reformkg.graph import build, to_networkx
from reformkg.graph.schema import NODES, REL_BY_TYPE, RELS
from reformkg.loaders import extract_file


def test_building_twice_gives_the_same_batch(seed_extractions):
    a, b = build(seed_extractions), build([extract_file(CORPUS / f"{e.document.doc}.txt")
                                           for e in seed_extractions])
    assert a.nodes == b.nodes and a.rels == b.rels


def test_every_textual_edge_quotes_its_document(seed_extractions):
    batch = build(seed_extractions)
    texts = {d["id"]: d["text"] for d in batch.nodes["Document"]}
    checked = 0
    for rtype, rows in batch.rels.items():
        for r in rows:
            p = r.properties
            if "quote" not in p:
                assert rtype in ("BELONGS_TO", "PART_OF")
                continue
            assert p["quote"], (rtype, r)
            assert texts[p["doc"]][p["start"]:p["end"]] == p["quote"], (rtype, r)
            checked += 1
    assert checked > 1000


def test_networkx_view_has_the_whole_batch(seed_extractions):
    batch = build(seed_extractions)
    g = to_networkx(batch)
    assert g.number_of_nodes() == sum(len(v) for v in batch.nodes.values())
    assert g.number_of_edges() == sum(len(v) for v in batch.rels.values())
    assert g.nodes["Department:宝鸡市/市大数据发展服务局"]["name"] == "市大数据发展服务局"


def test_departments_are_scoped_and_aliased(seed_extractions):
    depts = {d["id"]: d for d in build(seed_extractions).nodes["Department"]}
    assert "宝鸡市/市公安局" in depts and "西宁市/市公安局" in depts
    office = depts["宝鸡市/市人民政府办公室"]
    assert office["name"] == "市政府办公室" and "宝鸡市人民政府办公室" in office["aliases"]
    assert depts["宝鸡市/市大数据发展服务局"]["full_name"] == "宝鸡市大数据发展服务局"


def test_load_gives_batch_counts_and_is_idempotent(any_store, seed_extractions):
    batch = build(seed_extractions)
    any_store.load(batch)
    first = any_store.counts()
    assert first == {k: batch.counts().get(k, 0) for k in first}
    any_store.load(build(seed_extractions))
    assert any_store.counts() == first


def test_both_backends_hold_the_same_graph(ladybug_store, neo4j_store, seed_extractions):
    batch = build(seed_extractions)
    ladybug_store.load(batch)
    neo4j_store.load(batch)
    assert ladybug_store.counts() == neo4j_store.counts()
    q = ("MATCH (d:Department)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure) "
         "RETURN d.id AS d, label(r) AS t, m.id AS m, r.rank AS rank, r.quote AS quote")
    rows_lb = sorted(map(tuple, ladybug_store.query(q).rows))
    rows_neo = sorted(map(tuple, neo4j_store.query(q.replace("label(r)", "type(r)")).rows))
    assert rows_lb == rows_neo and len(rows_lb) == 588


def test_evidence_in_the_store_equals_the_text(any_store, seed_extractions):
    any_store.load(build(seed_extractions))
    texts = dict(any_store.query("MATCH (d:Document) RETURN d.id, d.text").rows)
    for rel in RELS:
        if not rel.has_evidence:
            continue
        rows = any_store.query(f"MATCH ()-[r:{rel.type}]->() RETURN r.doc, r.start, r.`end`, r.quote").rows
        for doc, start, end, quote in rows:
            assert texts[doc][start:end] == quote, rel.type


def test_replacing_an_edited_document_leaves_no_stale_edges(any_store, tmp_path):
    src = tmp_path / "baoji-2022.txt"
    shutil.copy(CORPUS / "baoji-2022.txt", src)
    any_store.load(build([extract_file(src)]))
    leads = "MATCH (d:Department {name:$n})-[:LEADS]->(m:Measure) RETURN m.path ORDER BY m.path"
    assert len(any_store.values(leads, {"n": "市大数据发展服务局"})) == 10
    # the edit: measure 79 changes its lead, 市考核办 disappears from the document
    text = src.read_text(encoding="utf-8")
    text = text.replace("(市大数据发展服务局牵头,市行政审批服务局、市发改委等相关部门及各县区按职责分工负责)",
                        "(市数字经济局牵头,市行政审批服务局、市发改委等相关部门及各县区按职责分工负责)")
    text = text.replace("市考核办、", "")
    src.write_text(text, encoding="utf-8")
    any_store.load(build([extract_file(src)]))
    assert "二/(十五)/79" not in any_store.values(leads, {"n": "市大数据发展服务局"})
    assert any_store.values(leads, {"n": "市数字经济局"}) == ["二/(十五)/79"]
    assert any_store.values("MATCH (d:Department {name:'市考核办'}) RETURN d.id") == []
    assert any_store.values("MATCH (d:Document) RETURN count(d)") == [1]
    assert any_store.values("MATCH (m:Measure) RETURN count(m)") == [107]


LEADS_QUERY = ("MATCH (d:Department {name:'市大数据发展服务局'})-[:LEADS]->(m:Measure) "
               "RETURN m.path AS path ORDER BY path")


def _gold_leads():
    facts = json.loads((GOLD / "baoji-2022.doc.json").read_text(encoding="utf-8"))
    return sorted(facts["leads_of"]["市大数据发展服务局"])


def test_cli_leads_query_on_embedded_store(built_embedded):
    proc = run_cli("cypher", LEADS_QUERY, "--format", "json", "--db", str(built_embedded))
    assert proc.returncode == 0, proc.stderr
    assert [r["path"] for r in json.loads(proc.stdout)] == _gold_leads()


def test_cli_leads_query_on_neo4j(neo4j_env, neo4j_store):
    proc = run_cli("build", env=neo4j_env)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("cypher", LEADS_QUERY, "--format", "json", env=neo4j_env)
    assert proc.returncode == 0, proc.stderr
    assert [r["path"] for r in json.loads(proc.stdout)] == _gold_leads()


def test_cli_cypher_is_read_only_on_embedded(built_embedded):
    proc = run_cli("cypher", "MATCH (m:Measure) SET m.title = 'x' RETURN m", "--db", str(built_embedded))
    assert proc.returncode == 1 and "refused" in proc.stderr and "SET" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_cypher_is_read_only_on_neo4j(neo4j_env, neo4j_store):
    proc = run_cli("cypher", "CREATE (n:Measure {id:'x'}) RETURN n", env=neo4j_env)
    assert proc.returncode == 1 and "refused" in proc.stderr and "CREATE" in proc.stderr
    assert neo4j_store.query("MATCH (m:Measure {id: 'x'}) RETURN count(m)").rows == [[0]]


@pytest.mark.parametrize("env,words", [
    ({"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}, ["bolt://127.0.0.1:1", "unreachable"]),
    ({"NEO4J_URI": "http://127.0.0.1:7474"}, ["not valid"]),
])
def test_unreachable_neo4j_is_one_line_exit_2(env, words):
    for cmd in (["cypher", "RETURN 1"], ["build"]):
        proc = run_cli(*cmd, env=env)
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and all(w in lines[0] for w in words), proc.stderr


def test_wrong_password_is_one_line_exit_2(neo4j_env):
    proc = run_cli("cypher", "RETURN 1", env={**neo4j_env, "NEO4J_PASSWORD": "not-the-password"})
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "authentication failed" in proc.stderr
    assert neo4j_env["NEO4J_URI"] in proc.stderr


def test_the_seeds_use_every_declared_label_and_type_and_only_those(seed_extractions):
    """No dead declaration in graph/schema.py and nothing built outside it;
    every relationship joins the pairs it declares (Correction and CORRECTS
    come from people's corrections, tested in test_corrections.py)."""
    batch = build(seed_extractions)
    made_by_people = {"Correction", "CORRECTS"}
    assert set(batch.nodes) == {n.label for n in NODES} - made_by_people
    assert set(batch.rels) == {r.type for r in RELS} - made_by_people
    for rtype, rows in batch.rels.items():
        pairs = set(REL_BY_TYPE[rtype].pairs)
        assert {(r.src_label, r.dst_label) for r in rows} <= pairs, rtype
    with pytest.raises(KeyError, match="titel"):
        from reformkg.graph.builder import _Builder
        _Builder().node("Measure", {"id": "x", "titel": "a misspelt property"})
