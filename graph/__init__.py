"""Graph: schema, the pure builder (records -> batch) and the two stores.

    from reformkg.graph import build, open_store
    with open_store() as store:            # embedded LadybugDB unless NEO4J_URI is set
        store.load(build(extractions))
        store.query("MATCH (m:Measure) RETURN count(m)")
"""
from __future__ import annotations

from pathlib import Path

from . import settings
from .builder import GraphBatch, build, to_networkx
from .store import GraphStore, LoadStats, QueryError, QueryResult, StoreError

__all__ = ["build", "to_networkx", "GraphBatch", "GraphStore", "LoadStats", "QueryError",
           "QueryResult", "StoreError", "open_store", "open_writer", "reopen", "default_db_path",
           "backend_from_env"]



def default_db_path() -> Path:
    return Path(settings.get("REFORMKG_DB"))


def backend_from_env() -> str:
    return settings.backend()


def open_store(*, backend: str | None = None, db_path: Path | str | None = None,
               read_only: bool = False) -> GraphStore:
    """The configured store: `backend` ("ladybug" | "neo4j"), else Neo4j when
    NEO4J_URI is set, else the embedded file at `db_path` / REFORMKG_DB."""
    backend = backend or settings.backend(db=db_path)
    if backend == "neo4j":
        from .neo4j_store import Neo4jStore

        return Neo4jStore(settings.get("NEO4J_URI") or "bolt://127.0.0.1:7687", settings.get("NEO4J_USERNAME"),
                          settings.get("NEO4J_PASSWORD"), settings.get("NEO4J_DATABASE"))
    from .ladybug_store import LadybugStore

    return LadybugStore(Path(db_path) if db_path else default_db_path(), read_only=read_only)


def reopen(spec: dict) -> GraphStore:
    """Open, read-only, the store a `GraphStore.reopen_spec()` describes (in
    another process: the console's isolated queries). Neo4j credentials come
    from the environment that `reopen_spec()` returned."""
    if spec["backend"] == "neo4j":
        return open_store(backend="neo4j", read_only=True)
    return open_store(backend="ladybug", db_path=spec["db"], read_only=True)


def open_writer(*, backend: str | None = None, db_path: Path | str | None = None):
    """A context manager that yields a store to load into. The embedded store
    is written as a staged copy that replaces it atomically when the block
    ends without error (graph.ladybug_store.staged_writer); Neo4j is written
    in place (interrupted loads are finished by the next one: GraphStore.load)."""
    import contextlib

    backend = backend or settings.backend(db=db_path)
    if backend == "neo4j":
        return contextlib.closing(open_store(backend="neo4j"))
    from .ladybug_store import staged_writer

    return staged_writer(Path(db_path) if db_path else default_db_path())
