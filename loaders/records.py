"""Typed records produced by the loaders: the contract of `reformkg extract`.

`MeasureRecord.to_json()` emits the fields of shared/spec/extraction-format.md
first, in the spec's order, followed by the optional fields this project adds
(ids, spans, canonical names, leaders, targets, inline mentions, indicator).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

SPEC_FIELDS = (
    "doc", "path", "label", "title", "leads", "supports", "responsible",
    "collectives", "deadline", "deadline_text", "regulations",
)


class Role(StrEnum):
    """The part a named actor plays in a measure (spec: "Role rules"). A StrEnum
    equals its value, so JSON, Cypher parameters and the stored `role` property
    stay the plain word; code names the member."""

    LEAD = "lead"
    SUPPORT = "support"
    RESPONSIBLE = "responsible"     # named units of a clause without a lead
    COLLECTIVE = "collective"       # 各县区、各有关部门 …: no department

    @property
    def field(self) -> str:
        """The record field (spec key) listing the names in this role."""
        return _ROLE_FIELD[self]


_ROLE_FIELD = {Role.LEAD: "leads", Role.SUPPORT: "supports", Role.RESPONSIBLE: "responsible",
               Role.COLLECTIVE: "collectives"}
UNIT_ROLES = (Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE)    # the roles a department can hold


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def to_json(self) -> list[int]:
        return [self.start, self.end]


@dataclass
class UnitMention:
    """One unit or collective as printed in a clause, with its evidence."""

    surface: str           # as printed (suffix expanded where written once)
    role: Role
    span: Span             # where it is printed (whole list item for expanded names)
    rank: int = 0          # position within its role list, 1-based
    canonical: str = ""    # canonical name within the jurisdiction (units)
    id: str = ""           # the Department's id, or the Collective's (loaders/identity.py)

    @property
    def kind(self) -> str:
        """unit | collective (a collective names no department)."""
        return "collective" if self.role == Role.COLLECTIVE else "unit"


def number_ranks(units: list[UnitMention]) -> None:
    """rank = 1-based position of each unit within its role, in printed order."""
    counts: dict[str, int] = {}
    for u in units:
        counts[u.role] = counts.get(u.role, 0) + 1
        u.rank = counts[u.role]


@dataclass
class Target:
    quote: str
    value: float | int
    unit: str
    comparator: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "value": self.value, "unit": self.unit,
                "comparator": self.comparator, "span": self.span.to_json()}


@dataclass
class LeaderMention:
    """A person or post held accountable (责任领导:张三), with its evidence."""

    name: str
    title: str             # the label that names the role (责任领导), "" when none
    span: Span
    id: str = ""           # the Leader's id (loaders/identity.py)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "id": self.id, "span": self.span.to_json()}


@dataclass
class Citation:
    title: str
    span: Span


@dataclass
class InlineMention:
    unit: str
    role: str   # lead | actor
    sub: str    # the sub-item label or the group it is named for
    span: Span


@dataclass
class MeasureRecord:
    doc: str
    path: str
    label: str
    title: str
    units: list[UnitMention] = field(default_factory=list)
    deadline: str | None = None
    deadline_text: str | None = None
    deadline_span: Span | None = None
    citations: list[Citation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    inline: list[InlineMention] = field(default_factory=list)
    leaders: list[LeaderMention] = field(default_factory=list)
    span: Span = Span(0, 0)                 # the whole measure
    clause_span: Span | None = None         # its responsibility clause
    clause_text: str | None = None
    text: str = ""
    indicator: str | None = None
    ordinal: int = 0
    label_end: int = 0                      # span.start..label_end is the printed label
    review: list[str] = field(default_factory=list)   # why a person should look (spec: `review`)

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.path}"

    def names(self, role: Role) -> list[str]:
        return [u.surface for u in self.units if u.role == role]

    @property
    def leads(self) -> list[str]:
        return self.names(Role.LEAD)

    @property
    def supports(self) -> list[str]:
        return self.names(Role.SUPPORT)

    @property
    def responsible(self) -> list[str]:
        return self.names(Role.RESPONSIBLE)

    @property
    def collectives(self) -> list[str]:
        return self.names(Role.COLLECTIVE)

    @property
    def regulations(self) -> list[str]:
        return [c.title for c in self.citations]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc, "path": self.path, "label": self.label, "title": self.title,
            **{role.field: self.names(role) for role in Role}, "deadline": self.deadline,
            "deadline_text": self.deadline_text, "regulations": self.regulations,
            "review": self.review,
        }
        out.update({
            "clause": self.clause_text,
            "id": self.id,
            "ordinal": self.ordinal,
            "indicator": self.indicator,
            "inline": [{"unit": m.unit, "role": m.role, "sub": m.sub, "span": m.span.to_json()}
                       for m in self.inline],
            "leaders": [leader.to_json() for leader in self.leaders],
            "targets": [t.to_json() for t in self.targets],
            "units": [{"surface": u.surface, "role": u.role, "rank": u.rank, "kind": u.kind,
                       "canonical": u.canonical, "id": u.id, "span": u.span.to_json()}
                      for u in self.units],
            "citations": [{"title": c.title, "span": c.span.to_json()} for c in self.citations],
            "span": self.span.to_json(),
            "clause_span": self.clause_span.to_json() if self.clause_span else None,
            "deadline_span": self.deadline_span.to_json() if self.deadline_span else None,
        })
        return out


@dataclass
class SectionRecord:
    path: str
    label: str
    heading: str
    indicator: str | None = None
    chief: str | None = None
    coordinator: str | None = None
    span: Span = Span(0, 0)
    annotation_span: Span | None = None
    ordinal: int = 0
    label_end: int = 0
    heading_span: Span | None = None
    chief_span: Span | None = None
    coordinator_span: Span | None = None
    chief_id: str | None = None          # the Leader's id (loaders/identity.py)
    coordinator_id: str | None = None    # the Department's id

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("span", "annotation_span", "heading_span", "chief_span", "coordinator_span"):
            v = getattr(self, k)
            d[k] = v.to_json() if v else None
        return d


@dataclass
class DocumentFacts:
    """What a document says about itself (loaders/metadata.py reads them). Each
    field is declared here once: DocumentRecord is these plus what the reader
    and the extractor add, `to_json` lists them from here, and the builder
    fills the Document node's properties of the same names (graph/schema.py)."""

    title: str | None = None
    title_span: Span | None = None      # the title line, when printed
    issuer: str | None = None
    issuer_span: Span | None = None
    doc_number: str | None = None       # 文号
    signed: str | None = None           # ISO date of the signature line
    published: str | None = None        # ISO date it was published
    jurisdiction: str | None = None     # the administrative division it belongs to
    province: str | None = None
    year: int | None = None             # the plan's year


@dataclass(kw_only=True)
class DocumentRecord(DocumentFacts):
    doc: str
    source_file: str
    source_format: str
    encoding: str | None
    sha256: str
    text: str
    sections: list[SectionRecord] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)
    jurisdiction_id: str = ""           # loaders/identity.py: the name, or the unknown marker
    issuer_id: str | None = None        # the issuing Department's id

    @property
    def doc_regulations(self) -> list[str]:
        return [c.title for c in self.citations]

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        facts = {f.name: getattr(self, f.name) for f in fields(DocumentFacts) if not f.name.endswith("_span")}
        out = {
            "doc": self.doc, **facts,
            "sections": [s.to_json() for s in self.sections],
            "doc_regulations": self.doc_regulations,
            "conventions": self.conventions,
            "source_file": self.source_file, "source_format": self.source_format,
            "encoding": self.encoding, "sha256": self.sha256,
        }
        if with_text:
            out["text"] = self.text
        return out


@dataclass
class Extraction:
    """Everything extracted from one file."""

    document: DocumentRecord
    measures: list[MeasureRecord]
    warnings: list[str] = field(default_factory=list)
