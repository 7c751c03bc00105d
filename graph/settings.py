"""Every setting of reformkg, declared once: its environment variable, its
default and what it does. The CLI, the explorer, the stores and the console
read them here; the README's settings table lists them all (a test fails
when one is missing there, or when code reads a REFORMKG_/NEO4J_ variable
that is not declared here).
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str               # the environment variable
    default: str | None     # None: unset means "not used" or "decided elsewhere" (see help)
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("REFORMKG_DB", ".reformkg/graph.lbug", "the embedded LadybugDB store (`--db` on the CLI)"),
    Setting("NEO4J_URI", None, "use Neo4j at this Bolt URI instead of the embedded store (`--neo4j`)"),
    Setting("NEO4J_USERNAME", "neo4j", "Neo4j user"),
    Setting("NEO4J_PASSWORD", "", "Neo4j password (never echoed, never on a command line)"),
    Setting("NEO4J_DATABASE", "neo4j", "Neo4j database name"),
    Setting("REFORMKG_CORRECTIONS", None, "the corrections file (default: corrections.yaml beside the "
                                          "embedded store; .reformkg/ for Neo4j; `--corrections`)"),
    Setting("REFORMKG_JOBS", None, "extraction processes of `build` and `extract` (default: the cores "
                                   "this process may use; `--jobs`)"),
    Setting("REFORMKG_QUERY_TIMEOUT_MS", "30000", "time limit of a query: CLI `--timeout` default, "
                                                  "explorer pages, the console"),
    Setting("REFORMKG_CONSOLE_MEMORY_MB", "2048", "memory limit of a console query's process (LadybugDB)"),
    Setting("REFORMKG_LADYBUG_BUFFER_MB", "0", "LadybugDB page cache in MB (0: the engine's default)"),
    Setting("REFORMKG_CORPUS", "corpus", "the folder the explorer builds on first start with an empty store"),
)
BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str | None:
    """The setting's value: the environment, else its default."""
    return os.environ.get(name) or BY_NAME[name].default


def get_int(name: str) -> int:
    value = get(name)
    try:
        return int(value or 0)
    except ValueError:
        raise SystemExit(f"reformkg: {name}={value!r}: expected a whole number") from None


def backend(neo4j: bool = False, db: object = None) -> str:
    """The one place the store is chosen: --neo4j, else --db (embedded), else
    Neo4j when NEO4J_URI is set, else the embedded store."""
    if neo4j:
        return "neo4j"
    if db:
        return "ladybug"
    return "neo4j" if get("NEO4J_URI") else "ladybug"
