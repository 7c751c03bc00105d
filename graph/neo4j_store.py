"""Neo4j through the official `neo4j` driver (Rust extension for packstream).

Constraints and indexes are created idempotently; loads are batched
`UNWIND … CREATE` inside explicit write transactions; every call names the
database (`database_`/`database=`); queries run in read transactions, so the
server itself refuses writes there.
"""
from __future__ import annotations

import re
import time
from typing import Any

from .builder import RelRow
from .schema import NODES, REL_BY_TYPE
from .store import GraphStore, QueryError, QueryResult, StoreError

NODE_BATCH = 5_000   # rows per write transaction (nodes)
REL_BATCH = 2_500    # rows per write transaction (relationships): measured 15-25% faster
                     # than 10,000 with two writers (bench/load.py); 1,000 was no faster
WRITERS = 2          # concurrent sessions for relationship batches (2 cores: the client
                     # packs one batch while the server writes the other, ~1.4x faster)
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _without_userinfo(uri: str) -> str:
    """bolt://user:pw@host:7687 -> bolt://host:7687: a URI is never echoed with a password."""
    return re.sub(r"^([a-z0-9+]+://)[^@/]*@", r"\1", uri)


class Neo4jStore(GraphStore):
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j"):
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

        shown = _without_userinfo(uri)

        self.location = f"{_without_userinfo(uri)} (database {database})"
        self.uri, self.database = uri, database
        self._user, self._password = user, password
        if not uri.startswith(_SCHEMES):
            raise StoreError(f"Neo4j URI {shown!r} is not valid: use one of "
                             f"{', '.join(s + '://' for s in _SCHEMES)}")
        try:
            # both timeouts: a port that accepts but never speaks Bolt must fail fast too
            self._driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5,
                                                connection_acquisition_timeout=8,
                                                max_connection_lifetime=3600,
                                                # "label does not exist yet" warnings are noise here
                                                notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except AuthError:
            raise StoreError(f"Neo4j at {shown}: authentication failed for user '{user}' "
                             f"(check NEO4J_USERNAME / NEO4J_PASSWORD)") from None
        except ServiceUnavailable as e:
            cause = str(e).splitlines()[0].split(" (resolved to")[0]
            raise StoreError(f"Neo4j at {shown} is unreachable: {cause} "
                             f"(is the server running? scripts/neo4j start)") from None
        except (ConfigurationError, ValueError) as e:
            raise StoreError(f"Neo4j URI {shown!r} is not valid: {str(e).replace(uri, shown)}") from None
        except Exception as e:  # DNS failures, TLS mismatch, protocol errors
            raise StoreError(f"Neo4j at {shown}: cannot connect "
                             f"({type(e).__name__}: {str(e).replace(uri, shown)})") from None
        self._schema_ready = False
        # load state (see load()): element ids of this load's nodes, queued relationship jobs
        self._eids: dict[tuple[str, str], str] = {}
        self._queued: list[tuple[str, dict]] | None = None   # None outside write_batch(): write at once

    def reopen_spec(self) -> tuple[dict, dict]:
        """How another process opens this database: the password goes in its environment."""
        return {"backend": "neo4j"}, {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self._user,
                                      "NEO4J_PASSWORD": self._password, "NEO4J_DATABASE": self.database}

    # --- the load marker: one node outside the schema ---------------------
    _MARKER = "ReformkgLoad"

    def pending_load(self) -> list[str]:
        rows = self.query(f"MATCH (m:{self._MARKER}) RETURN m.docs").rows
        return list(rows[0][0] or []) if rows else []

    def mark_load(self, doc_ids: list[str] | None) -> None:
        if doc_ids is None:
            self.write(f"MATCH (m:{self._MARKER}) DELETE m")
        else:
            self.write(f"MERGE (m:{self._MARKER} {{id: 'pending'}}) SET m.docs = $docs", {"docs": doc_ids})

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        statements = []
        for n in NODES:
            statements.append(f"CREATE CONSTRAINT {n.label.lower()}_id IF NOT EXISTS "
                              f"FOR (n:{n.label}) REQUIRE n.id IS UNIQUE")
        for label in ("Section", "Measure", "Target"):
            statements.append(f"CREATE INDEX {label.lower()}_doc IF NOT EXISTS FOR (n:{label}) ON (n.doc)")
        statements.append("CREATE INDEX department_name IF NOT EXISTS FOR (n:Department) ON (n.name)")
        # a TEXT index answers `d.lookup CONTAINS $dept_key` without a label scan
        statements.append("CREATE TEXT INDEX department_lookup IF NOT EXISTS FOR (n:Department) ON (n.lookup)")
        for n in NODES:
            if n.fulltext:
                props = ", ".join(f"n.{p}" for p in n.fulltext)
                statements.append(
                    f"CREATE FULLTEXT INDEX {n.label.lower()}_search IF NOT EXISTS FOR (n:{n.label}) "
                    f"ON EACH [{props}] OPTIONS {{indexConfig: {{`fulltext.analyzer`: 'cjk'}}}}")
        for s in statements:
            self._driver.execute_query(s, database_=self.database)
        self._driver.execute_query("CALL db.awaitIndexes(60)", database_=self.database)
        self._schema_ready = True

    def _write_batches(self, cypher: str, rows: list[Any]) -> list[Any]:
        out: list[Any] = []
        with self._driver.session(database=self.database) as session:
            for i in range(0, len(rows), NODE_BATCH):
                chunk = rows[i:i + NODE_BATCH]
                out.extend(session.execute_write(
                    lambda tx, c=chunk: [tuple(rec.values()) for rec in tx.run(cypher, rows=c)]))
        return out

    # Relationships are created by seeking both ends by elementId, which skips
    # the two index lookups per row (about 1.5x faster). Element ids are only
    # valid for nodes created or looked up during the current load: Neo4j may
    # reuse the ids of deleted nodes.
    def write_batch(self, batch, stats=None, step=None):
        self._eids, self._queued = {}, []
        try:
            return super().write_batch(batch, stats, step)
        finally:
            self._eids, self._queued = {}, None

    def existing_ids(self, label: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 5000):
            res = self._driver.execute_query(
                f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, elementId(n) AS eid",
                {"ids": ids[i:i + 5000]}, database_=self.database)
            for rec in res.records:
                found.add(rec["id"])
                self._eids[(label, rec["id"])] = rec["eid"]
        return found

    def create_nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        created = self._write_batches(
            f"UNWIND $rows AS r CREATE (n:{label}) SET n = r RETURN r.id, elementId(n)", rows)
        for node_id, eid in created:
            self._eids[(label, node_id)] = eid

    def create_rels(self, rtype: str, src_label: str, dst_label: str, rows: list[RelRow]) -> None:
        # Columns (one list per property) pack and decode much faster than a
        # list of maps; rows are addressed by index.
        keys = list(REL_BY_TYPE[rtype].properties)
        eids = self._eids
        try:
            a = [eids[(src_label, r.src)] for r in rows]
            b = [eids[(dst_label, r.dst)] for r in rows]
            match = "MATCH (a) WHERE elementId(a) = $a[i] MATCH (b) WHERE elementId(b) = $b[i]"
        except KeyError:  # an end not created or seen in this load: look it up by id
            a, b = [r.src for r in rows], [r.dst for r in rows]
            match = f"MATCH (a:{src_label} {{id: $a[i]}}) MATCH (b:{dst_label} {{id: $b[i]}})"
        columns = {k: [v for _, v in (r.props[j] for r in rows)] for j, k in enumerate(keys)}
        props = ", ".join(f"`{k}`: $p{j}[i]" for j, k in enumerate(keys))
        cypher = f"UNWIND range(0, size($a) - 1) AS i {match} CREATE (a)-[:{rtype} {{{props}}}]->(b)"
        n = REL_BATCH
        jobs = [(cypher, {"a": a[i:i + n], "b": b[i:i + n],
                          **{f"p{j}": columns[k][i:i + n] for j, k in enumerate(keys)}})
                for i in range(0, len(rows), n)]
        if self._queued is not None:
            self._queued.extend(jobs)     # written by flush(), concurrently
        else:
            for job in jobs:
                self._run_job(job)

    def _run_job(self, job: tuple[str, dict]) -> None:
        cypher, params = job
        with self._driver.session(database=self.database) as session:
            # a managed transaction: deadlocks between the writers are retried
            session.execute_write(lambda tx: tx.run(cypher, params).consume())

    def flush(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        if not self._queued:
            return
        jobs, self._queued = self._queued, []
        if len(jobs) > 1:
            with ThreadPoolExecutor(WRITERS) as pool:
                list(pool.map(self._run_job, jobs))   # re-raises the first failure
        elif jobs:
            self._run_job(jobs[0])

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> None:
        with self._driver.session(database=self.database) as session:
            session.execute_write(lambda tx: tx.run(cypher, params or {}).consume())

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              timeout_ms: int | None = None, max_rows: int | None = None) -> QueryResult:
        from neo4j import READ_ACCESS
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, TransientError

        start = time.perf_counter()

        try:
            with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
                # one explicit read transaction: never retried, so a query that
                # runs out of memory or time fails once instead of three times
                with s.begin_transaction(timeout=(timeout_ms / 1000.0) if timeout_ms else None) as tx:
                    result = tx.run(cypher, params or {})
                    keys = list(result.keys())
                    rows, truncated = [], False
                    for record in result:
                        if max_rows is not None and len(rows) >= max_rows:
                            truncated = True
                            break
                        rows.append([_plain(v) for v in record.values()])
                    tx.rollback()
        except (ClientError, TransientError) as e:
            code = e.code or ""
            if "AccessMode" in code or "WriteOnReadOnlyAccess" in code or "ForbiddenDueToTransactionType" in code:
                raise QueryError("the store is read-only here: writes are refused") from None
            if "TransactionTimedOut" in code or "Terminated" in code:
                raise QueryError(f"query stopped after the {timeout_ms} ms time limit") from None
            if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
                raise QueryError("query stopped: it needed more memory than the server allows "
                                 "for one transaction") from None
            raise QueryError(e.message or str(e)) from None
        except Neo4jError as e:
            raise QueryError(e.message or str(e)) from None
        except ServiceUnavailable as e:
            raise StoreError(f"Neo4j at {_without_userinfo(self.uri)} stopped answering "
                             f"({str(e).splitlines()[0][:120]})") from None
        return QueryResult(keys, rows, truncated, (time.perf_counter() - start) * 1000)

    def clear(self) -> None:
        """Delete everything (tests and benchmarks only).

        Relationships go first, in batches: DETACH DELETE of a department with
        thousands of edges would otherwise exceed the transaction memory pool.
        """
        with self._driver.session(database=self.database) as session:
            # CALL … IN TRANSACTIONS needs an auto-commit transaction
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()

    def close(self) -> None:
        if getattr(self, "_driver", None) is not None:
            self._driver.close()
            self._driver = None
