"""One interface, two stores: LadybugDB (embedded default) and Neo4j.

The load algorithm lives here, once; each backend supplies a handful of
primitives (bulk-create nodes and relationships, run a write, run a
read-only query). Loading a batch:

0. record which documents this load writes (a marker the store keeps), so
   that a load that is killed half-way is undone by the next one: its
   documents are removed again and rewritten if they are still in the batch;
1. remove the old subgraph of every document in the batch (replace: no stale
   edges), in bounded batches, then shared nodes left without any edge;
2. create shared nodes (Department, Regulation, …) that do not exist yet;
3. create the document-owned nodes (Document, Section, Measure, Target);
4. create relationships (those of pre-existing shared nodes to their
   jurisdiction already exist and are skipped);
   Derived relationships (BELONGS_TO, PART_OF: no evidence) are created
   wherever they are missing, so every build repairs them;
5. recompute the name, full name and aliases of every department touched,
   from the surface forms on its edges;
6. clear the marker.
"""
from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from datetime import datetime, timezone
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from .builder import GraphBatch, RelRow, department_names, lookup_key
from .schema import NODES, RELS

log = logging.getLogger("reformkg.store")
SHARED_LABELS = [n.label for n in NODES if not n.owned_by_document]
OWNED_LABELS = [n.label for n in NODES if n.owned_by_document]   # Document, Section, Measure, Target
# what a department does in documents: LEADS|SUPPORTS|RESPONSIBLE_FOR|COORDINATES
DEPT_ACTS = "|".join(r.type for r in RELS if r.has_evidence and any(a == "Department" for a, _ in r.pairs))
RELEASE_EVERY = 2   # bulk writes of a load between two release_memory() calls
DERIVED = {r.type for r in RELS if not r.has_evidence}   # BELONGS_TO, PART_OF
DELETE_BATCH = 2_000   # nodes per delete transaction: bounded, whatever the corpus size
_ORPHANS = {
    "Department": f"MATCH (n:Department) WHERE NOT EXISTS {{ MATCH (n)-[:{DEPT_ACTS}]->() }} "
                  "AND NOT EXISTS { MATCH ()-[:ISSUED_BY]->(n) } DETACH DELETE n",
    "Collective": "MATCH (n:Collective) WHERE NOT EXISTS { MATCH (n)-[:INVOLVES]->() } DETACH DELETE n",
    "Leader": "MATCH (n:Leader) WHERE NOT EXISTS { MATCH (n)-[:ACCOUNTABLE_FOR]->() } DETACH DELETE n",
    "Regulation": "MATCH (n:Regulation) WHERE NOT EXISTS { MATCH ()-[:CITES]->(n) } DETACH DELETE n",
}
# a jurisdiction nothing belongs to: cities first, then the provinces they emptied
_ORPHAN_JURISDICTIONS = ("MATCH (n:Jurisdiction) WHERE NOT EXISTS { MATCH ()-[:BELONGS_TO]->(n) } "
                         "AND NOT EXISTS { MATCH (:Jurisdiction)-[:PART_OF]->(n) } DETACH DELETE n")


class StoreError(Exception):
    """The store cannot be used (unreachable server, wrong password, locked file)."""


class QueryError(Exception):
    """A query failed: syntax, a refused write, a timeout."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    elapsed_ms: float = 0.0

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


@dataclass
class LoadStats:
    documents: int = 0
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    per_step: dict[str, float] = field(default_factory=dict)
    recovered: list[str] = field(default_factory=list)   # documents of an interrupted load


Progress = Callable[[str, int], None]


class GraphStore(ABC):
    backend: str = "?"
    location: str = ""

    # --- primitives each backend provides ------------------------------
    @abstractmethod
    def ensure_schema(self) -> None: ...

    @abstractmethod
    def create_nodes(self, label: str, rows: list[dict[str, Any]]) -> None: ...

    @abstractmethod
    def create_rels(self, rtype: str, src_label: str, dst_label: str, rows: list[RelRow]) -> None: ...

    def flush(self) -> None:
        """Finish relationship writes a backend queued (default: nothing queued)."""

    def release_memory(self) -> None:
        """Between the batches of a long build: give back what the engine holds
        (default: nothing to do; the Neo4j server manages its own memory)."""

    @abstractmethod
    def write(self, cypher: str, params: dict[str, Any] | None = None) -> None: ...

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              timeout_ms: int | None = None, max_rows: int | None = None) -> QueryResult:
        """Run a read-only query; writes are refused by the backend."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def pending_load(self) -> list[str]:
        """Documents of a load that started and never finished (the marker)."""

    @abstractmethod
    def mark_load(self, doc_ids: list[str] | None) -> None:
        """Set the marker to these documents, or clear it (None)."""

    # --- shared logic -----------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def values(self, cypher: str, params: dict[str, Any] | None = None) -> list[Any]:
        return [r[0] for r in self.query(cypher, params).rows]

    def counts(self) -> dict[str, int]:
        out = {}
        for n in NODES:
            out[n.label] = self.values(f"MATCH (n:{n.label}) RETURN count(n)")[0]
        for r in RELS:
            out[r.type] = self.values(f"MATCH ()-[r:{r.type}]->() RETURN count(r)")[0]
        return out

    def delete_documents(self, doc_ids: list[str]) -> set[str]:
        """Remove the subgraphs of these documents; return the departments they touched."""
        # only documents that exist: a build of new documents costs no deletes
        # (children never exist without their Document: it is created first)
        doc_ids = self.values("MATCH (x:Document) WHERE x.id IN $docs RETURN x.id", {"docs": doc_ids}) \
            if doc_ids else []
        if not doc_ids:
            return set()
        touched = set(self.values(
            f"MATCH (d:Department)-[r:{DEPT_ACTS}]->() "
            "WHERE r.doc IN $docs RETURN DISTINCT d.id", {"docs": doc_ids}))
        touched |= set(self.values(
            "MATCH (x:Document)-[:ISSUED_BY]->(d:Department) WHERE x.id IN $docs RETURN DISTINCT d.id",
            {"docs": doc_ids}))
        for label in reversed(OWNED_LABELS):   # children first, the Document last
            key = "id" if label == "Document" else "doc"
            ids = self.values(f"MATCH (n:{label}) WHERE n.{key} IN $docs RETURN n.id", {"docs": doc_ids})
            for i in range(0, len(ids), DELETE_BATCH):
                self.write(f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n",
                           {"ids": ids[i:i + DELETE_BATCH]})
        self.remove_orphans()
        return touched

    def remove_orphans(self) -> None:
        """Shared nodes nothing points at any more, then jurisdictions left empty."""
        for cypher in (*_ORPHANS.values(), _ORPHAN_JURISDICTIONS, _ORPHAN_JURISDICTIONS):
            self.write(cypher)

    def existing_ids(self, label: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 5000):
            found |= set(self.values(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id",
                                     {"ids": ids[i:i + 5000]}))
        return found

    def load(self, batch: GraphBatch, progress: Progress | None = None) -> LoadStats:
        stats = LoadStats(documents=len(batch.documents))
        step_start = t0 = time.perf_counter()

        def step(name: str) -> None:
            nonlocal step_start
            now = time.perf_counter()
            stats.per_step[name] = now - step_start
            log.debug("load %d document(s): %s %.2f s", len(batch.documents), name, now - step_start)
            step_start = now
            if progress:
                progress(name, 1)

        self.ensure_schema()
        stats.recovered = sorted(set(self.pending_load()) - set(batch.documents))
        docs = sorted(set(batch.documents) | set(stats.recovered))
        self.mark_load(docs)
        touched = self.delete_documents(docs)
        step("replace")
        self.write_batch(batch, stats, step)
        if batch.documents:
            self.write("MATCH (x:Document) WHERE x.id IN $docs SET x.loaded_at = $now",
                       {"docs": batch.documents,
                        "now": datetime.now(timezone.utc).replace(microsecond=0).isoformat()})
        touched |= {r["id"] for r in batch.nodes.get("Department", [])}
        self.refresh_departments(sorted(touched))
        self.mark_load(None)
        step("departments")
        stats.seconds = time.perf_counter() - t0
        return stats

    def write_batch(self, batch: GraphBatch, stats: LoadStats | None = None,
                    step: Callable[[str], None] | None = None) -> None:
        """Create the batch's nodes and relationships (steps 2-4 of a load; also
        a correction's patch): shared nodes only where missing, derived
        relationships only where missing."""
        stats = stats or LoadStats()
        writes = 0

        def wrote() -> None:
            # LadybugDB holds memory for each bulk write until the database is
            # closed (measured in a 10,000-document store: 10-45 MB per COPY, 560 MB
            # for one batch's 30); reopening every few bounds it, at ~0.1 s each
            nonlocal writes
            writes += 1
            if writes % RELEASE_EVERY == 0:
                self.release_memory()

        for label in SHARED_LABELS:
            rows = batch.nodes.get(label, [])
            have = self.existing_ids(label, [r["id"] for r in rows])
            new = [r for r in rows if r["id"] not in have]
            if new:
                self.create_nodes(label, new)
                stats.nodes += len(new)
                wrote()
        for label in OWNED_LABELS:
            rows = batch.nodes.get(label, [])
            if rows:
                self.create_nodes(label, rows)
                stats.nodes += len(rows)
                wrote()
        if step:
            step("nodes")
        for rtype, rows in batch.rels.items():
            groups: dict[tuple[str, str], list[RelRow]] = defaultdict(list)
            for r in rows:
                groups[(r.src_label, r.dst_label)].append(r)
            for (a, b), group in sorted(groups.items()):
                if rtype in DERIVED:
                    group = self._missing(rtype, a, b, group)
                if group:
                    self.create_rels(rtype, a, b, group)
                    stats.relationships += len(group)
                    wrote()
        self.flush()
        if step:
            step("relationships")

    def _missing(self, rtype: str, src_label: str, dst_label: str, rows: list[RelRow]) -> list[RelRow]:
        """The derived relationships of `rows` the store does not hold yet."""
        have: set[tuple[str, str]] = set()
        srcs = sorted({r.src for r in rows})
        for i in range(0, len(srcs), 5000):
            have |= {(a, b) for a, b in self.query(
                f"MATCH (a:{src_label})-[:{rtype}]->(b:{dst_label}) WHERE a.id IN $ids RETURN a.id, b.id",
                {"ids": srcs[i:i + 5000]}).rows}
        return [r for r in rows if (r.src, r.dst) not in have]

    def refresh_departments(self, ids: list[str]) -> None:
        """Name each department by the form printed most often, the others as aliases."""
        if not ids:
            return
        surfaces: dict[str, Counter] = defaultdict(Counter)
        jurisdiction: dict[str, str] = {}
        for dept_id, jur, surface in self.query(
                f"MATCH (d:Department)-[r:{DEPT_ACTS}]->() "
                "WHERE d.id IN $ids RETURN d.id, d.jurisdiction, r.surface", {"ids": ids}).rows:
            surfaces[dept_id][surface] += 1
            jurisdiction[dept_id] = jur
        for dept_id, jur, surface in self.query(
                "MATCH (:Document)-[r:ISSUED_BY]->(d:Department) WHERE d.id IN $ids "
                "RETURN d.id, d.jurisdiction, r.surface", {"ids": ids}).rows:
            surfaces[dept_id][surface] += 1
            jurisdiction[dept_id] = jur
        rows = []
        for d, c in sorted(surfaces.items()):
            names = department_names(jurisdiction[d], c)
            forms = names.pop("lookup_forms")
            rows.append({"id": d, **names, "lookup": lookup_key(forms, d)})
        if rows:
            self.write("UNWIND $rows AS r MATCH (d:Department {id: r.id}) "
                       "SET d.name = r.name, d.full_name = r.full_name, d.aliases = r.aliases, "
                       "d.kind = r.kind, d.lookup = r.lookup", {"rows": rows})
