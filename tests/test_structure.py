"""One decision, one place: who is who is decided by the loaders and the graph
trusts it; one marker for an unknown jurisdiction; roles are named, not typed;
the Document node's facts are the record's."""
from __future__ import annotations

import copy
import re
import subprocess
from dataclasses import fields
from pathlib import Path

from reformkg.graph import build
from reformkg.graph.schema import NODE_BY_LABEL, ROLE_REL
from reformkg.loaders import knowledge
from reformkg.loaders.records import DocumentFacts, DocumentRecord, Role

from conftest import extract

ROOT = Path(__file__).resolve().parent.parent
UNKNOWN = knowledge.units().unknown_jurisdiction


def test_the_builder_takes_the_ids_the_records_carry(seed_extractions):
    ex = copy.deepcopy(seed_extractions[0])
    ex.document.issuer_id = "审定/发文机关"
    for m in ex.measures:
        for u in m.units:
            u.id = "审定/" + u.surface
        for leader in m.leaders:
            leader.id = "审定/" + leader.name
    for s in ex.document.sections:
        s.coordinator_id = s.coordinator and "审定/" + s.coordinator
        s.chief_id = s.chief and "审定/" + s.chief
    batch = build([ex])
    for label in ("Department", "Collective", "Leader"):
        ids = [r["id"] for r in batch.nodes[label]]
        assert ids and all(i.startswith("审定/") for i in ids), (label, ids[:3])
    assert {r.dst for r in batch.rels["ISSUED_BY"]} == {"审定/发文机关"}


def test_documents_without_a_known_jurisdiction_are_scopes_of_their_own():
    """市发改委 in two documents that name no place may be two cities' offices:
    each document's units are scoped by the marker and the document, never merged."""
    text = """
        一、重点任务
        1.推进网上办理。(市发改委牵头,各有关单位配合;责任领导:张三)
        """
    a, b = extract(text, doc="plan-a"), extract(text, doc="plan-b")
    assert a.document.jurisdiction is None             # the fact: not printed
    assert a.document.jurisdiction_id == f"{UNKNOWN}:plan-a"
    batch = build([a, b])
    assert sorted(r["id"] for r in batch.nodes["Jurisdiction"]) == [f"{UNKNOWN}:plan-a", f"{UNKNOWN}:plan-b"]
    for label in ("Department", "Collective", "Leader"):
        rows = batch.nodes[label]
        assert sorted(r["jurisdiction"] for r in rows) == [f"{UNKNOWN}:plan-a", f"{UNKNOWN}:plan-b"], label
        assert all(r["id"].startswith(r["jurisdiction"] + "/") for r in rows), rows
    dept = next(r for r in batch.nodes["Department"] if r["jurisdiction"].endswith("plan-a"))
    assert dept["full_name"] == "市发改委"           # no place to prefix
    assert {r["level"] for r in batch.nodes["Jurisdiction"]} == {"unknown"}


def test_the_countrys_scope_is_national():
    ex = extract("""国务院办公厅关于深入开展消费扶贫的指导意见
        一、任务
        (一)任务。内容。(财政部牵头)
        """)
    assert [(r["id"], r["level"]) for r in build([ex]).nodes["Jurisdiction"]] == [("全国", "national")]


def test_every_document_fact_reaches_the_document_node(seed_extractions):
    ex = seed_extractions[0]
    node = build([ex]).nodes["Document"][0]
    declared = [f.name for f in fields(DocumentRecord) if f.name in NODE_BY_LABEL["Document"].properties]
    assert {f.name for f in fields(DocumentFacts)} - {"title_span", "issuer_span"} <= set(declared)
    assert {"source_file", "sha256", "text"} <= set(declared)
    assert {k: node[k] for k in declared} == {k: getattr(ex.document, k) for k in declared}


def test_each_role_has_its_relationship_in_the_schema():
    assert set(ROLE_REL) == set(Role)
    assert ROLE_REL[Role.LEAD] == "LEADS" and ROLE_REL[Role.COLLECTIVE] == "INVOLVES"


_WORD = r"""["'](lead|support|responsible|collective)["']"""
# a role compared, listed or used as a key; `kind == "collective"` is the mention's
# kind and "responsible" beside "leads"/"supports" a record field, not a role
_ROLE_LITERAL = re.compile(rf"""(?<!kind )(==|!=)\s*{_WORD}|\bin\s*[(\[]\s*{_WORD}|[{{,]\s*{_WORD}\s*:"""
                           rf"""|role\w*\s*=\s*{_WORD}|\(\[\s*{_WORD}""")


def test_roles_are_named_not_typed():
    """Code compares and keys roles by Role members; the word itself is written
    once, in loaders/records.py."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                            "graph", "loaders", "queries", "explorer", "reformkg"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for name in files:
        if not name.endswith(".py") or name == "loaders/records.py":
            continue
        for n, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1):
            if _ROLE_LITERAL.search(line) and not re.search(r"""["'](leads|supports)["']""", line):
                offenders.append(f"{name}:{n}: {line.strip()}")
    assert offenders == []
