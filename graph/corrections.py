"""Corrections: a person fixes what the extraction got wrong, and the fix
survives every build.

Corrections are data, kept beside the store (never inside it, so that
`build --fresh` wipes the graph and keeps them): one YAML list, one entry per
correction, appended in the order they were made.

    - doc: xining-2022                 # document id
      path: 一/3                       # measure path (reformkg extract's `path`)
      clause_sha: 3f9a0c1d2b7e4a65     # the clause text it was made against (clause_sha())
      leads: [市发展改革委]             # any of leads / supports / responsible / collectives,
      supports: [市财政局, 市商务局]    #   deadline; a list given replaces that role
      who: 张三                         # free text
      when: '2026-12-01T10:20:00+00:00'
      why: 条款写“会同”,会同前的单位牵头

    `confirmed: true`      the extracted record is right (it leaves the review queue)
    `not_a_measure: true`  the item is not a measure (it leaves the graph)
    `flag: true`           a person doubts it (it enters the review queue)

Every build and every upload applies them (apply_corrections) after loading,
on both stores. An entry is checked against the measure it names: when the
clause text has changed since (a new version of the document), or the measure
is gone, the correction is *stale*: recorded and reported, never applied.
Applied entries become Correction nodes with a CORRECTS edge to the measure;
the edges they set carry `source: correction` and who/at/why, with the
clause's own evidence (doc/start/end/quote).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import yaml

from reformkg.loaders.identity import DepartmentResolver
from reformkg.loaders.records import Role, Span, UnitMention

from .builder import basis_span, correction_batch, correction_node_batch
from .schema import REL_BY_TYPE, ROLE_REL
from .store import GraphStore

# entry field -> the role of the units it lists
ROLE_FIELDS = {role.field: role for role in Role}
VALUE_FIELDS = (*ROLE_FIELDS, "deadline")
# marker field -> kind of correction (a correction without one sets values)
MARKERS = {"confirmed": "confirmed", "not_a_measure": "not_a_measure", "flag": "flagged"}
META_FIELDS = ("doc", "path", "clause_sha", "who", "when", "why")
# the Measure.review_status each kind leaves behind
STATUS_OF_KIND = {"set": "corrected", "confirmed": "confirmed", "flagged": "flagged"}
FILE_NAME = "corrections.yaml"
_SEPARATORS = re.compile(r"[,,、;;]")


class CorrectionsError(Exception):
    """A corrections file that cannot be read or an entry that cannot be made."""


@dataclass(frozen=True)
class Correction:
    doc: str
    path: str
    clause_sha: str
    who: str
    when: str
    why: str = ""
    kind: str = "set"                                   # set | confirmed | not_a_measure | flagged
    values: dict[str, Any] = field(default_factory=dict)   # leads: [...], deadline: "..."
    entry: int = 0                                      # 1-based position in its file
    line: int = 0

    @property
    def measure_id(self) -> str:
        return f"{self.doc}:{self.path}"

    @property
    def id(self) -> str:
        """Stable across reordering: the entry's content, not its position."""
        body = json.dumps([self.doc, self.path, self.clause_sha, self.kind, self.values, self.who,
                           self.when, self.why], ensure_ascii=False, sort_keys=True)
        return f"{self.measure_id}#c{hashlib.sha256(body.encode()).hexdigest()[:12]}"

    def to_entry(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc": self.doc, "path": self.path, "clause_sha": self.clause_sha}
        if self.kind == "set":
            out.update({k: self.values[k] for k in VALUE_FIELDS if k in self.values})
        else:
            out[next(m for m, k in MARKERS.items() if k == self.kind)] = True
        out.update({"who": self.who, "when": self.when, "why": self.why})
        return out


@dataclass
class Outcome:
    correction: Correction
    status: str          # applied | stale | no_document
    problem: str = ""    # why it is stale


@dataclass
class CorrectionsReport:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # one line each: file, entry, problem

    @property
    def stale(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "stale"]

    @property
    def applied(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "applied"]

    def lines(self) -> list[str]:
        """What a user is told: every problem, every stale correction."""
        out = list(self.problems)
        for o in self.stale:
            c = o.correction
            out.append(f"correction {c.entry} for {c.measure_id} (by {c.who}, {c.when}) is stale: "
                       f"{o.problem}; not applied (check the measure and correct it again)")
        return out


def clause_sha(text: str | None) -> str:
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:16]


def basis_text(measure: dict[str, Any]) -> str:
    """The text a correction is checked against: the clause, else the measure."""
    return measure["clause"] if measure.get("clause") is not None else measure["text"]


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def default_path(backend: str, db_path: Path | None) -> Path:
    """REFORMKG_CORRECTIONS, else corrections.yaml in the embedded store's
    folder (for Neo4j: the default store folder, .reformkg/)."""
    from . import default_db_path, settings

    if settings.get("REFORMKG_CORRECTIONS"):
        return Path(settings.get("REFORMKG_CORRECTIONS"))

    if backend == "neo4j":
        return Path(".reformkg") / FILE_NAME
    return Path(db_path or default_db_path()).parent / FILE_NAME


def split_names(text: str | Iterable[str] | None) -> list[str]:
    """`A,B、C` (or a list) -> names, blanks dropped, order kept, no repeats."""
    if text is None:
        return []
    items = _SEPARATORS.split(text) if isinstance(text, str) else list(text)
    return list(dict.fromkeys(s.strip() for s in items if s and s.strip()))


# --- reading and writing the file ---------------------------------------------

def read_file(path: Path) -> tuple[list[Correction], list[str]]:
    """Entries and problems. A missing file is no corrections. A file that is
    not YAML is one problem (and no entries: nothing is guessed); each bad
    entry is one problem naming the file, the entry and its line, and the
    others are kept."""
    entries, problems, _ = _read(Path(path))
    return entries, problems


def _read(path: Path) -> tuple[list[Correction], list[str], bool]:
    """(entries, problems, whether the file as a whole could not be read)."""
    if not path.exists():
        return [], [], False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return [], [f"{path}: cannot read the corrections ({type(e).__name__}: {e})"], True
    if path.suffix == ".jsonl":
        return (*_read_jsonl(path, text), False)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return [], [], False
        if not isinstance(root, yaml.SequenceNode):
            return [], [f"{path}: line {root.start_mark.line + 1}: expected a list of corrections "
                        f"(entries starting with `- doc: …`)"], True
        items = [(node.start_mark.line + 1, loader.construct_object(node, deep=True))
                 for node in root.value]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        return [], [f"{path}: {where}not valid YAML ({getattr(e, 'problem', None) or e}); "
                    f"no correction in this file is applied until it is fixed"], True
    finally:
        loader.dispose()
    return (*_entries(path, items), False)


def _read_jsonl(path: Path, text: str) -> tuple[list[Correction], list[str]]:
    items, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            problems.append(f"{path}: line {n}: not valid JSON ({e.msg})")
    entries, more = _entries(path, items)
    return entries, problems + more


def _entries(path: Path, items: list[tuple[int, Any]]) -> tuple[list[Correction], list[str]]:
    entries, problems = [], []
    for n, (line, item) in enumerate(items, 1):
        try:
            entries.append(parse_entry(item, entry=n, line=line))
        except CorrectionsError as e:
            problems.append(f"{path}: entry {n} (line {line}): {e}; this entry is not applied")
    return entries, problems


def parse_entry(item: Any, entry: int = 0, line: int = 0) -> Correction:
    """One entry as written in the file, checked field by field."""
    if not isinstance(item, dict):
        raise CorrectionsError("expected a mapping of fields (doc, path, clause_sha, …)")
    unknown = sorted(set(item) - set(META_FIELDS) - set(VALUE_FIELDS) - set(MARKERS))
    if unknown:
        raise CorrectionsError(f"unknown field {', '.join(map(repr, unknown))} (known: "
                               f"{', '.join((*META_FIELDS, *VALUE_FIELDS, *MARKERS))})")
    for k in ("doc", "path", "clause_sha", "who", "when"):
        v = item.get(k)
        if not isinstance(v, (str, datetime)) or not str(v).strip():
            raise CorrectionsError(f"`{k}` is missing or empty")
    markers = [k for k in MARKERS if item.get(k) is not None]
    values = {k: item[k] for k in VALUE_FIELDS if k in item}
    for k in markers:
        if item[k] is not True:
            raise CorrectionsError(f"`{k}` must be `true` when given")
    if len(markers) > 1 or (markers and values):
        raise CorrectionsError("one kind per entry: values to set, or one of "
                               f"{', '.join(MARKERS)}")
    if not markers and not values:
        raise CorrectionsError(f"nothing to correct: give {', '.join(VALUE_FIELDS)}, or one of "
                               f"{', '.join(MARKERS)}")
    kind = MARKERS[markers[0]] if markers else "set"
    if kind != "confirmed" and not str(item.get("why") or "").strip():
        raise CorrectionsError("`why` is missing: say why the record is wrong")
    clean: dict[str, Any] = {}
    for k, v in values.items():
        if k == "deadline":
            if v is not None and not isinstance(v, str):
                raise CorrectionsError("`deadline` must be text (2023年6月底, 2023-06-30) or null")
            clean[k] = v.strip() if isinstance(v, str) and v.strip() else None
        else:
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise CorrectionsError(f"`{k}` must be a list of names ([] for none)")
            clean[k] = split_names(v)
    seen: dict[str, str] = {}
    for k in ROLE_FIELDS:
        for name in clean.get(k, []):
            if name in seen:
                raise CorrectionsError(f"{name} is listed in both `{seen[name]}` and `{k}`: "
                                       f"a unit has one role in a measure")
            seen[name] = k
    return Correction(doc=str(item["doc"]).strip(), path=str(item["path"]).strip(),
                      clause_sha=str(item["clause_sha"]).strip(), who=str(item["who"]).strip(),
                      when=str(item["when"]).strip(), why=str(item.get("why") or "").strip(),
                      kind=kind, values=clean, entry=entry, line=line)


HEADER = ("# reformkg corrections: one entry per correction, in the order they were made.\n"
          "# Written by `reformkg review set` and the explorer's 审核 page; edit by hand if you\n"
          "# like (fields: graph/corrections.py). Applied by every build; stale entries are\n"
          "# reported, never applied.\n")


def append(path: Path, corrections: list[Correction]) -> None:
    """Add entries at the end of the file, atomically (a temporary file renamed
    over it): comments and earlier entries stay byte for byte. Refuses to
    touch a file it cannot read, so that nothing in it is lost."""
    path = Path(path)
    _, problems, unreadable = _read(path)
    if unreadable:
        raise CorrectionsError(f"{problems[0]} (not writing to it, so that nothing in it is lost)")
    jsonl = path.suffix == ".jsonl"
    old = path.read_text(encoding="utf-8") if path.exists() else ("" if jsonl else HEADER)
    if old and not old.endswith("\n"):
        old += "\n"
    if jsonl:
        new = "".join(json.dumps(c.to_entry(), ensure_ascii=False) + "\n" for c in corrections)
    else:
        new = "".join(yaml.safe_dump([c.to_entry()], allow_unicode=True, sort_keys=False,
                                     default_flow_style=None, width=1000) for c in corrections)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(old + new, encoding="utf-8")
    os.replace(tmp, path)


def export(entries: list[Correction], path: Path) -> None:
    """Write the entries to a new file (YAML, or JSON lines for .jsonl)."""
    path = Path(path)
    if path.exists():
        path.unlink()
    append(path, entries)


# --- applying -------------------------------------------------------------------

def load(store: GraphStore, batch, path: Path, progress=None):
    """Load a batch, then apply the corrections of its documents: what every
    build and every upload does. Returns (LoadStats, CorrectionsReport)."""
    stats = store.load(batch, progress=progress)
    entries, problems = read_file(path)
    outcomes = apply_corrections(store, entries, docs=batch.documents)
    return stats, CorrectionsReport(outcomes, problems)


_MEASURE_FIELDS = ("id", "doc", "path", "title", "text", "start", "end", "clause", "clause_start",
                   "clause_end", "jurisdiction", "deadline", "deadline_text", "review",
                   "review_status")


def stored_measures(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    cols = ", ".join(f"m.`{k}` AS `{k}`" for k in _MEASURE_FIELDS)
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 2000):
        res = store.query(f"MATCH (m:Measure) WHERE m.id IN $ids RETURN {cols}", {"ids": ids[i:i + 2000]})
        out.update({r["id"]: r for r in res.records()})
    return out


def make(measure: dict[str, Any], *, who: str, why: str, kind: str = "set",
         values: dict[str, Any] | None = None, when: str | None = None) -> Correction:
    """A new correction of a stored measure, checked as an entry of the file is."""
    item: dict[str, Any] = {"doc": measure["doc"], "path": measure["path"],
                            "clause_sha": clause_sha(basis_text(measure)), "who": who,
                            "when": when or now(), "why": why}
    if kind == "set":
        item.update(values or {})
    else:
        item[next(m for m, k in MARKERS.items() if k == kind)] = True
    return parse_entry(item)


def apply_corrections(store: GraphStore, corrections: list[Correction],
                      docs: Iterable[str] | None = None) -> list[Outcome]:
    """Apply, in file order, the corrections of `docs` (all when None) that the
    store has not recorded yet (a load removes a document's Correction nodes
    with it, so every build applies them all again)."""
    wanted = set(docs) if docs is not None else None
    todo = [c for c in corrections if wanted is None or c.doc in wanted]
    if not todo:
        return []
    have = store.existing_ids("Correction", [c.id for c in todo])
    todo = [c for c in todo if c.id not in have]
    present = set(store.values("MATCH (x:Document) WHERE x.id IN $ids RETURN x.id",
                               {"ids": sorted({c.doc for c in todo})}))
    measures = stored_measures(store, sorted({c.measure_id for c in todo}))
    outcomes = []
    touched: set[str] = set()
    for c in todo:
        if c.doc not in present:
            outcomes.append(Outcome(c, "no_document", "its document is not in the store"))
            continue
        m = measures.get(c.measure_id)
        if m is None:
            outcome = Outcome(c, "stale", "the document has no measure at this path any more")
        elif clause_sha(basis_text(m)) != c.clause_sha:
            outcome = Outcome(c, "stale", "the clause text has changed since the correction was made")
        else:
            outcome = Outcome(c, "applied")
            touched |= _apply_one(store, c, m)
            if c.kind == "not_a_measure":
                measures.pop(c.measure_id)
        store.write_batch(correction_node_batch(_node(c, outcome), m))
        outcomes.append(outcome)
    if touched:
        store.remove_orphans()
        store.refresh_departments(sorted(touched))
    return outcomes


def _node(c: Correction, outcome: Outcome) -> dict[str, Any]:
    return {"id": c.id, "doc": c.doc, "measure": c.measure_id, "path": c.path, "kind": c.kind,
            "fields": json.dumps(c.values, ensure_ascii=False, sort_keys=True), "clause_sha": c.clause_sha,
            "who": c.who, "at": c.when, "why": c.why, "status": outcome.status,
            "problem": outcome.problem or None, "entry": c.entry}


def _apply_one(store: GraphStore, c: Correction, m: dict[str, Any]) -> set[str]:
    """Change the stored measure; return the departments whose edges changed."""
    mid = c.measure_id
    touched: set[str] = set()
    if c.kind == "not_a_measure":
        touched |= set(store.values(
            "MATCH (d:Department)-[r]->(m:Measure {id: $id}) RETURN DISTINCT d.id", {"id": mid}))
        store.write("MATCH (t:Target) WHERE t.measure = $id DETACH DELETE t", {"id": mid})
        store.write("MATCH (m:Measure {id: $id}) DETACH DELETE m", {"id": mid})
        left = store.values("MATCH (m:Measure) WHERE m.doc = $doc RETURN count(m)", {"doc": c.doc})[0]
        store.write("MATCH (x:Document {id: $doc}) SET x.measure_count = $n", {"doc": c.doc, "n": left})
        return touched
    if c.kind == "set":
        provenance = {"source": "correction", "who": c.who, "at": c.when, "why": c.why}
        units = [UnitMention(surface=name, role=role, span=_evidence_span(m, name), rank=rank)
                 for fld, role in ROLE_FIELDS.items() for rank, name in enumerate(c.values.get(fld, []), 1)]
        DepartmentResolver(m["jurisdiction"]).identify_units(units)   # who is who: as in a build
        patch = correction_batch(m, units, provenance)
        named = sorted({r.src for role in ROLE_FIELDS.values() for r in patch.rels.get(ROLE_REL[role], [])})
        for fld, role in ROLE_FIELDS.items():
            # a role given is replaced; a unit given another role leaves the roles not given
            rel = ROLE_REL[role]
            src = REL_BY_TYPE[rel].pairs[0][0]       # Department, or Collective for INVOLVES
            where = "" if fld in c.values else "WHERE d.id IN $named "
            params = {"id": mid, "named": named}
            touched |= set(store.values(f"MATCH (d:{src})-[r:{rel}]->(m:Measure {{id: $id}}) {where}"
                                        "RETURN DISTINCT d.id", params))
            store.write(f"MATCH (d:{src})-[r:{rel}]->(m:Measure {{id: $id}}) {where}DELETE r", params)
        if units:
            store.write_batch(patch)
            touched |= {r["id"] for r in patch.nodes.get("Department", [])}
        if "deadline" in c.values:
            store.write("MATCH (m:Measure {id: $id}) SET m.deadline = $deadline, m.deadline_text = $text",
                        {"id": mid, "deadline": _iso_deadline(c.values["deadline"], c.doc, store),
                         "text": c.values["deadline"]})
    store.write("MATCH (m:Measure {id: $id}) SET m.review_status = $status",
                {"id": mid, "status": STATUS_OF_KIND[c.kind]})
    return touched


def _evidence_span(m: dict[str, Any], name: str) -> Span:
    """Where the clause prints the unit; the whole clause (or measure) when it does not."""
    basis = basis_span(m)
    text = m["text"][basis.start - m["start"]:basis.end - m["start"]]
    at = text.find(name)
    if at >= 0:
        return Span(basis.start + at, basis.start + at + len(name))
    return basis


def _iso_deadline(text: str | None, doc: str, store: GraphStore) -> str | None:
    """2023-06-30 as given, else the printed form read as the extractor reads it."""
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text
    from reformkg.loaders.dates import parse_deadline

    years = store.values("MATCH (x:Document {id: $doc}) RETURN x.year", {"doc": doc})
    return parse_deadline(text, years[0] if years else None) or text
