"""The property-graph schema, declared once for both stores.

LadybugDB needs typed tables (its schema is strict), Neo4j needs uniqueness
constraints and full-text indexes; both are generated from these objects, so
the two backends hold the same graph by construction.

Every relationship that comes from the text of a document carries evidence:
`doc`, `start`, `end` (character offsets into Document.text) and `quote`
(exactly Document.text[start:end]). BELONGS_TO and PART_OF are derived from
jurisdictions, not from a passage, and carry none.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reformkg.loaders.records import Role

STRING, INT, FLOAT, STRINGS = "STRING", "INT64", "DOUBLE", "STRING[]"

EVIDENCE = {"doc": STRING, "start": INT, "end": INT, "quote": STRING}


@dataclass(frozen=True)
class NodeType:
    label: str
    properties: dict[str, str]
    description: str
    owned_by_document: bool = False   # deleted with its document on replace
    fulltext: tuple[str, ...] = ()    # properties searched by the Neo4j cjk index

    @property
    def key(self) -> str:
        return "id"


@dataclass(frozen=True)
class RelType:
    type: str
    pairs: tuple[tuple[str, str], ...]
    properties: dict[str, str] = field(default_factory=dict)
    description: str = ""
    role: Role | None = None          # the measure role this relationship records

    @property
    def has_evidence(self) -> bool:
        return "quote" in self.properties


NODES: tuple[NodeType, ...] = (
    NodeType("Document", {
        "id": STRING, "title": STRING, "issuer": STRING, "doc_number": STRING, "signed": STRING,
        "published": STRING, "jurisdiction": STRING, "province": STRING, "year": INT,
        "source_file": STRING, "source_format": STRING, "encoding": STRING, "sha256": STRING,
        "text": STRING, "measure_count": INT, "title_start": INT, "title_end": INT,
        "extractor": STRING, "loaded_at": STRING, "warnings": STRINGS,
    }, "one published work plan; `text` is the normalised text every span points into; "
       "extractor = the loaders' version that read it, loaded_at = when it was loaded (UTC); "
       "warnings = what the extractor could not read in it (items left out, columns not read …)",
        owned_by_document=True),
    NodeType("Section", {
        "id": STRING, "doc": STRING, "path": STRING, "label": STRING, "heading": STRING,
        "chief": STRING, "coordinator": STRING, "indicator": STRING, "ordinal": INT,
        "start": INT, "end": INT, "heading_start": INT, "heading_end": INT,
    }, "a numbered heading that groups measures; chief = 指标长, coordinator = 总牵头部门",
        owned_by_document=True),
    NodeType("Measure", {
        "id": STRING, "doc": STRING, "path": STRING, "label": STRING, "title": STRING,
        "text": STRING, "ordinal": INT, "start": INT, "end": INT, "deadline": STRING,
        "deadline_text": STRING, "clause": STRING, "clause_start": INT, "clause_end": INT,
        "indicator": STRING, "jurisdiction": STRING, "review": STRINGS, "review_status": STRING,
    }, "the smallest numbered task item a responsibility clause is attached to; review = why the "
       "extractor doubts it, review_status = corrected | confirmed | flagged once a person looked",
        owned_by_document=True, fulltext=("title", "text")),
    NodeType("Target", {
        "id": STRING, "doc": STRING, "measure": STRING, "value": FLOAT, "unit": STRING,
        "comparator": STRING, "quote": STRING, "start": INT, "end": INT,
    }, "a numeric target set by a measure (压减至80小时以内)", owned_by_document=True),
    NodeType("Department", {
        "id": STRING, "name": STRING, "full_name": STRING, "jurisdiction": STRING,
        "aliases": STRINGS, "kind": STRING, "lookup": STRING,
    }, "a responsible unit, one per real unit per jurisdiction; name as usually printed; "
       "lookup = |name|full_name|aliases…|id| for one indexed CONTAINS lookup by any form",
        fulltext=("name", "full_name")),
    NodeType("Collective", {"id": STRING, "name": STRING, "jurisdiction": STRING},
             "an unspecific group of actors: 各县区, 市级有关部门 …"),
    NodeType("Leader", {"id": STRING, "name": STRING, "jurisdiction": STRING},
             "a person or post held accountable (指标长:市政府分管领导, 责任领导:张三)"),
    NodeType("Indicator", {"id": STRING, "name": STRING, "aliases": STRINGS},
             "one of the 18 national business-environment indicators"),
    NodeType("Regulation", {"id": STRING, "title": STRING}, "a title cited in 《》"),
    NodeType("Jurisdiction", {"id": STRING, "name": STRING, "level": STRING, "province": STRING},
             "a city, county or province (level: province, prefecture, county), the country (national), "
             "or a document's unknown place (未知:<document>, unknown)"),
    NodeType("Correction", {
        "id": STRING, "doc": STRING, "measure": STRING, "path": STRING, "kind": STRING,
        "fields": STRING, "clause_sha": STRING, "who": STRING, "at": STRING, "why": STRING,
        "status": STRING, "problem": STRING, "entry": INT,
    }, "a person's correction of a measure (graph/corrections.py): kind = set | confirmed | "
       "not_a_measure | flagged, fields = the corrected values as JSON, status = applied | stale",
        owned_by_document=True),
)

# `role` repeats the relationship type as a property: type(r) is label(r) on
# LadybugDB, so portable queries read r.role instead. `source` says who decided
# the edge: "document" (extracted) or "correction" (a person: who, at, why).
PROVENANCE = {"source": STRING, "who": STRING, "at": STRING, "why": STRING}
_DEPT_ROLE = {"role": STRING, "rank": INT, "surface": STRING, **PROVENANCE, **EVIDENCE}

RELS: tuple[RelType, ...] = (
    RelType("CONTAINS", (("Document", "Section"), ("Document", "Measure"), ("Section", "Section"),
                         ("Section", "Measure")),
            {"ordinal": INT, **EVIDENCE}, "outline nesting; the quote is the child's label"),
    RelType("LEADS", (("Department", "Measure"),), dict(_DEPT_ROLE), "X牵头 / 牵头单位:X", Role.LEAD),
    RelType("SUPPORTS", (("Department", "Measure"),), dict(_DEPT_ROLE),
            "named units of a clause that has a lead", Role.SUPPORT),
    RelType("RESPONSIBLE_FOR", (("Department", "Measure"),), dict(_DEPT_ROLE),
            "named units of a clause without a lead (责任单位:A、B)", Role.RESPONSIBLE),
    RelType("INVOLVES", (("Collective", "Measure"),), {"surface": STRING, **PROVENANCE, **EVIDENCE},
            "collective actors of a clause", Role.COLLECTIVE),
    RelType("ACCOUNTABLE_FOR", (("Leader", "Measure"), ("Leader", "Section")),
            {"title": STRING, **EVIDENCE}, "责任领导 / 指标长 …"),
    RelType("COORDINATES", (("Department", "Section"),), {"surface": STRING, **EVIDENCE},
            "总牵头部门 of an indicator section"),
    RelType("ADDRESSES", (("Section", "Indicator"), ("Measure", "Indicator")), dict(EVIDENCE),
            "the indicator a section heading names (measures inherit it)"),
    RelType("CITES", (("Measure", "Regulation"), ("Document", "Regulation")), dict(EVIDENCE),
            "《》 citations"),
    RelType("SETS", (("Measure", "Target"),), dict(EVIDENCE), "numeric targets"),
    RelType("ISSUED_BY", (("Document", "Department"),), {"surface": STRING, **EVIDENCE},
            "the office that issued the document"),
    RelType("BELONGS_TO", (("Department", "Jurisdiction"), ("Collective", "Jurisdiction"),
                           ("Leader", "Jurisdiction"), ("Document", "Jurisdiction")), {},
            "derived from the document's jurisdiction"),
    RelType("PART_OF", (("Jurisdiction", "Jurisdiction"),), {}, "city -> province"),
    RelType("CORRECTS", (("Correction", "Measure"),), dict(EVIDENCE),
            "a correction and the clause it was made against (the measure's text without one)"),
)

NODE_BY_LABEL = {n.label: n for n in NODES}
REL_BY_TYPE = {r.type: r for r in RELS}
ROLE_REL = {r.role: r.type for r in RELS if r.role}   # Role.LEAD -> "LEADS" …


def mermaid() -> str:
    """A Mermaid diagram of the schema (embedded in the README)."""
    lines = ["graph LR"]
    for rel in RELS:
        for a, b in rel.pairs:
            lines.append(f"  {a} -->|{rel.type}| {b}")
    return "\n".join(lines)
