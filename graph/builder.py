"""Records -> graph batch. Pure: no I/O, no database.

    batch = build([extract_file(p) for p in paths])
    batch.nodes["Measure"]            # list of property dicts, sorted by id
    batch.rels["LEADS"]               # list of RelRow, sorted
    to_networkx(batch)                # the same graph as a MultiDiGraph

Ids are deterministic (document id + path, jurisdiction + canonical name,
folded titles), so building the same corpus twice gives the same batch. Who is
who (departments, collectives, leaders, the jurisdiction) is decided by the
loaders (loaders/identity.py): the builder takes the ids the records carry.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from typing import Any, Iterable


from reformkg.loaders import extractor_version, knowledge
from reformkg.loaders.identity import full_name
from reformkg.loaders.records import DocumentRecord, Extraction, Role, Span, UnitMention
from reformkg.loaders.text import fold

from .schema import NODE_BY_LABEL, REL_BY_TYPE, ROLE_REL

# Document node properties read from the record (title, issuer, source_file, text, …):
# the fields of DocumentRecord the schema declares, so neither list is typed twice
DOCUMENT_FIELDS = [f.name for f in fields(DocumentRecord) if f.name in NODE_BY_LABEL["Document"].properties]
DOCUMENT_SOURCE = {"source": "document", "who": None, "at": None, "why": None}


@dataclass(frozen=True, order=True)
class RelRow:
    src_label: str
    src: str
    dst_label: str
    dst: str
    props: tuple[tuple[str, Any], ...] = ()

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.props)


@dataclass
class GraphBatch:
    documents: list[str] = field(default_factory=list)      # ids replaced by this batch
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, list[RelRow]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {label: len(rows) for label, rows in self.nodes.items()}
        out.update({t: len(rows) for t, rows in self.rels.items()})
        return out


def _check_names(what: str, props: dict[str, Any], schema: dict[str, str]) -> None:
    """A property the schema does not declare is a bug (`titel=`), never a silent None."""
    unknown = set(props) - set(schema)
    if unknown:
        raise KeyError(f"{what} has no propert{'y' if len(unknown) == 1 else 'ies'} "
                       f"{', '.join(sorted(unknown))} (graph/schema.py declares {', '.join(schema)})")


def department_kind(name: str) -> str:
    s = fold(name)
    for suffix, kind in knowledge.units().kinds:
        if s.endswith(suffix):
            return kind
    return "agency"


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.rels: dict[str, set[RelRow]] = defaultdict(set)
        self.dept_surfaces: dict[str, Counter] = defaultdict(Counter)

    # -- helpers --------------------------------------------------------
    def node(self, label: str, props: dict[str, Any]) -> str:
        schema = NODE_BY_LABEL[label].properties
        _check_names(label, props, schema)
        row = {k: props.get(k) for k in schema}
        existing = self.nodes[label].get(row["id"])
        if existing is None:
            self.nodes[label][row["id"]] = row
        else:  # shared node seen again: fill what was missing
            for k, v in row.items():
                if existing.get(k) is None and v is not None:
                    existing[k] = v
        return row["id"]

    def rel(self, rtype: str, src_label: str, src: str, dst_label: str, dst: str,
            **props: Any) -> None:
        schema = REL_BY_TYPE[rtype].properties
        _check_names(rtype, props, schema)
        row = tuple((k, props.get(k)) for k in schema)
        self.rels[rtype].add(RelRow(src_label, src, dst_label, dst, row))

    @staticmethod
    def evidence(doc: str, text: str, span: Span | None, offset: int = 0) -> dict[str, Any]:
        """doc/start/end/quote of a span; `text` starts at document offset `offset`."""
        if span is None:
            return {"doc": doc, "start": None, "end": None, "quote": None}
        return {"doc": doc, "start": span.start, "end": span.end,
                "quote": text[span.start - offset:span.end - offset]}

    def unit_edges(self, jur: str, doc: str, mid: str, units: list[UnitMention], text: str,
                   offset: int = 0, provenance: dict[str, Any] | None = None) -> None:
        """The role and INVOLVES edges of a measure's units (extracted, or a correction's)."""
        provenance = provenance or DOCUMENT_SOURCE
        for u in units:
            ev = self.evidence(doc, text, u.span, offset)
            if u.role == Role.COLLECTIVE:
                self.node("Collective", {"id": u.id, "name": fold(u.surface), "jurisdiction": jur})
                self.rel("BELONGS_TO", "Collective", u.id, "Jurisdiction", jur)
                self.rel("INVOLVES", "Collective", u.id, "Measure", mid, surface=u.surface,
                         **provenance, **ev)
            else:
                dept = self.department(jur, u.id, u.surface)
                self.rel(ROLE_REL[u.role], "Department", dept, "Measure", mid, role=u.role.value,
                         rank=u.rank, surface=u.surface, **provenance, **ev)

    def jurisdiction(self, name: str, province: str | None) -> str:
        div = knowledge.divisions().get(name)
        # a division's level; the country's scope is national; an unknown scope (未知:文件) unknown
        level = div.level if div else "national" if name == knowledge.units().national_jurisdiction else "unknown"
        self.node("Jurisdiction", {"id": name, "name": name, "level": level,
                                   "province": province or (div.province if div else None)})
        if province and province != name:
            self.node("Jurisdiction", {"id": province, "name": province, "level": "province",
                                       "province": province})
            self.rel("PART_OF", "Jurisdiction", name, "Jurisdiction", province)
        return name

    def department(self, jurisdiction: str, dept_id: str, surface: str) -> str:
        self.dept_surfaces[dept_id][surface] += 1
        self.node("Department", {"id": dept_id, "jurisdiction": jurisdiction})
        self.rel("BELONGS_TO", "Department", dept_id, "Jurisdiction", jurisdiction)
        return dept_id

    # -- one document ---------------------------------------------------
    def add(self, ex: Extraction) -> None:
        d = ex.document
        text = d.text
        doc = d.doc
        jur = self.jurisdiction(d.jurisdiction_id, d.province)
        self.node("Document", {**{k: getattr(d, k) for k in DOCUMENT_FIELDS},
            "id": doc, "measure_count": len(ex.measures), "extractor": extractor_version(),
            "warnings": list(ex.warnings),
            "title_start": d.title_span.start if d.title_span else None,
            "title_end": d.title_span.end if d.title_span else None})
        self.rel("BELONGS_TO", "Document", doc, "Jurisdiction", jur)
        if d.issuer:
            dept = self.department(jur, d.issuer_id, d.issuer)
            self.rel("ISSUED_BY", "Document", doc, "Department", dept, surface=d.issuer,
                     **self.evidence(doc, text, d.issuer_span))
        for c in d.citations:
            reg = self.regulation(c.title)
            self.rel("CITES", "Document", doc, "Regulation", reg, **self.evidence(doc, text, c.span))

        indicators = {i.name: i for i in knowledge.indicators()}
        section_ids: dict[str, str] = {}
        section_heading: dict[str, tuple[str, Span | None]] = {}
        for s in d.sections:
            sid = f"{doc}:{s.path}"
            section_ids[s.path] = sid
            self.node("Section", {"id": sid, "doc": doc, "path": s.path, "label": s.label,
                                  "heading": s.heading, "chief": s.chief, "coordinator": s.coordinator,
                                  "indicator": s.indicator, "ordinal": s.ordinal,
                                  "start": s.span.start, "end": s.span.end,
                                  "heading_start": s.heading_span.start if s.heading_span else None,
                                  "heading_end": s.heading_span.end if s.heading_span else None})
            self._contains(doc, text, section_ids, s.path, "Section", sid, s.ordinal,
                           Span(s.span.start, s.label_end))
            if s.indicator:
                ind = indicators[s.indicator]
                self.node("Indicator", {"id": ind.id, "name": ind.name, "aliases": list(ind.keywords)})
                self.rel("ADDRESSES", "Section", sid, "Indicator", ind.id,
                         **self.evidence(doc, text, s.heading_span))
                section_heading[s.path] = (ind.id, s.heading_span)
            if s.coordinator:
                dept = self.department(jur, s.coordinator_id, s.coordinator)
                self.rel("COORDINATES", "Department", dept, "Section", sid, surface=s.coordinator,
                         **self.evidence(doc, text, s.coordinator_span))
            if s.chief:
                leader = self.leader(jur, s.chief_id, s.chief)
                self.rel("ACCOUNTABLE_FOR", "Leader", leader, "Section", sid, title="指标长",
                         **self.evidence(doc, text, s.chief_span))

        for m in ex.measures:
            mid = m.id
            self.node("Measure", {"id": mid, "doc": doc, "path": m.path, "label": m.label,
                                  "title": m.title, "text": m.text, "ordinal": m.ordinal,
                                  "start": m.span.start, "end": m.span.end, "deadline": m.deadline,
                                  "deadline_text": m.deadline_text, "clause": m.clause_text,
                                  "clause_start": m.clause_span.start if m.clause_span else None,
                                  "clause_end": m.clause_span.end if m.clause_span else None,
                                  "indicator": m.indicator, "jurisdiction": jur,
                                  "review": list(m.review), "review_status": None})
            self._contains(doc, text, section_ids, m.path, "Measure", mid, m.ordinal,
                           Span(m.span.start, m.label_end))
            self.unit_edges(jur, doc, mid, m.units, text)
            for leader in m.leaders:
                lid = self.leader(jur, leader.id, leader.name)
                self.rel("ACCOUNTABLE_FOR", "Leader", lid, "Measure", mid, title=leader.title,
                         **self.evidence(doc, text, leader.span))
            for c in m.citations:
                self.rel("CITES", "Measure", mid, "Regulation", self.regulation(c.title),
                         **self.evidence(doc, text, c.span))
            for i, t in enumerate(m.targets, 1):
                tid = f"{mid}#t{i}"
                self.node("Target", {"id": tid, "doc": doc, "measure": mid, "value": float(t.value),
                                     "unit": t.unit, "comparator": t.comparator, "quote": t.quote,
                                     "start": t.span.start, "end": t.span.end})
                self.rel("SETS", "Measure", mid, "Target", tid, **self.evidence(doc, text, t.span))
            # the indicator of the nearest enclosing section, with that heading as evidence
            parts = m.path.split("/")
            for n in range(len(parts) - 1, 0, -1):
                hit = section_heading.get("/".join(parts[:n]))
                if hit:
                    self.rel("ADDRESSES", "Measure", mid, "Indicator", hit[0],
                             **self.evidence(doc, text, hit[1]))
                    break

    def _contains(self, doc, text, section_ids, path, label, node_id, ordinal, label_span) -> None:
        parts = path.split("/")
        parent_label, parent = "Document", doc
        for n in range(len(parts) - 1, 0, -1):
            sid = section_ids.get("/".join(parts[:n]))
            if sid:
                parent_label, parent = "Section", sid
                break
        self.rel("CONTAINS", parent_label, parent, label, node_id, ordinal=ordinal,
                 **self.evidence(doc, text, label_span))

    def regulation(self, title: str) -> str:
        rid = fold(title)
        self.node("Regulation", {"id": rid, "title": title})
        return rid

    def leader(self, jurisdiction: str, lid: str, name: str) -> str:
        self.node("Leader", {"id": lid, "name": name, "jurisdiction": jurisdiction})
        self.rel("BELONGS_TO", "Leader", lid, "Jurisdiction", jurisdiction)
        return lid

    # -- finish ---------------------------------------------------------
    def finish(self, documents: list[str], all_indicators: bool = True) -> GraphBatch:
        for ind in knowledge.indicators() if all_indicators else ():
            # all 18, addressed or not: comparisons show gaps too
            self.node("Indicator", {"id": ind.id, "name": ind.name, "aliases": list(ind.keywords)})
        for dept_id, surfaces in self.dept_surfaces.items():
            row = self.nodes["Department"][dept_id]
            names = department_names(row["jurisdiction"], surfaces)
            row.update({k: v for k, v in names.items() if k != "lookup_forms"},
                       lookup=lookup_key(names["lookup_forms"], dept_id))
        return GraphBatch(
            documents=documents,
            nodes={label: [rows[k] for k in sorted(rows)] for label, rows in sorted(self.nodes.items())},
            rels={t: sorted(rows) for t, rows in sorted(self.rels.items())},
        )


def department_names(jurisdiction: str, surfaces: Counter) -> dict[str, Any]:
    """name = the form printed most often (ties: the shortest, then alphabetical).
    Naming, not identity: the id was decided by the loaders."""
    name = sorted(surfaces, key=lambda s: (-surfaces[s], len(s), s))[0]
    full = full_name(jurisdiction, name)
    aliases = sorted(set(surfaces) - {name})
    return {"name": name, "full_name": full, "aliases": aliases, "kind": department_kind(name),
            "lookup_forms": [name, full, *aliases]}


def lookup_key(forms: list[str], dept_id: str) -> str:
    """|form|form|…|id|: queries find a department by any form with one CONTAINS."""
    return "|" + "|".join(dict.fromkeys([*forms, dept_id])) + "|"


def correction_batch(measure: dict[str, Any], units: list[UnitMention],
                     provenance: dict[str, Any]) -> GraphBatch:
    """The edges of the units a correction gives one stored measure
    (departments and collectives resolved as in a build). `measure` is the
    Measure's stored properties (id, doc, text, start, jurisdiction); the units
    carry their ids (loaders.identity.DepartmentResolver.identify_units)."""
    b = _Builder()
    b.unit_edges(measure["jurisdiction"], measure["doc"], measure["id"], units, measure["text"],
                 measure["start"], provenance)
    return b.finish([], all_indicators=False)   # the 18 indicators exist already


def correction_node_batch(correction: dict[str, Any], measure: dict[str, Any] | None) -> GraphBatch:
    """A Correction node and, when it applies to a measure still in the graph,
    its CORRECTS edge quoting the clause it was made against."""
    b = _Builder()
    b.node("Correction", correction)
    if measure is not None and correction["status"] == "applied" and correction["kind"] != "not_a_measure":
        b.rel("CORRECTS", "Correction", correction["id"], "Measure", measure["id"],
              **b.evidence(measure["doc"], measure["text"], basis_span(measure), measure["start"]))
    return b.finish([], all_indicators=False)


def basis_span(measure: dict[str, Any]) -> Span:
    """What a correction is made against: the clause, or the measure's text without one."""
    if measure.get("clause_start") is not None:
        return Span(measure["clause_start"], measure["clause_end"])
    return Span(measure["start"], measure["end"])


def build(extractions: Iterable[Extraction]) -> GraphBatch:
    b = _Builder()
    docs = []
    for ex in extractions:
        b.add(ex)
        docs.append(ex.document.doc)
    return b.finish(docs)


def to_networkx(batch: GraphBatch):
    """The batch as a networkx MultiDiGraph; node keys are "Label:id", the label
    is the attribute `node_type` (a `label` property already exists on measures)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for label, rows in batch.nodes.items():
        for row in rows:
            g.add_node(f"{label}:{row['id']}", node_type=label, **{k: v for k, v in row.items() if k != "text"})
    for rtype, rows in batch.rels.items():
        for r in rows:
            g.add_edge(f"{r.src_label}:{r.src}", f"{r.dst_label}:{r.dst}", key=rtype, type=rtype,
                       **r.properties)
    return g
