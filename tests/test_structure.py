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


def test_a_document_without_a_known_jurisdiction_has_one_marker():
    ex = extract("""
        一、重点任务
        1.推进网上办理。(某某局牵头,各有关单位配合;责任领导:张三)
        """)
    assert ex.document.jurisdiction is None            # the fact: not printed
    assert ex.document.jurisdiction_id == UNKNOWN      # the id scope: the one marker
    batch = build([ex])
    assert [r["id"] for r in batch.nodes["Jurisdiction"]] == [UNKNOWN]
    scoped = [r["id"] for label in ("Department", "Collective", "Leader") for r in batch.nodes[label]]
    assert scoped and all(i.startswith(UNKNOWN + "/") for i in scoped), scoped
    assert all(r["jurisdiction"] == UNKNOWN for label in ("Department", "Collective", "Leader")
               for r in batch.nodes[label])


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
