"""Cypher console guards, one test per guard, on both backends."""
from __future__ import annotations

import pytest

from graph import QueryError, build
from queries import console


@pytest.fixture()
def loaded(any_store, seed_extractions):
    """The console's real read path: a read-only LadybugDB, read transactions on Neo4j."""
    any_store.load(build(seed_extractions))
    if any_store.backend == "ladybug":
        from graph.ladybug_store import LadybugStore

        any_store.close()
        reader = LadybugStore(any_store.path, read_only=True)
        yield reader
        reader.close()
    else:
        yield any_store


@pytest.mark.parametrize("cypher", [
    "CREATE (n:Measure {id: 'x'}) RETURN n",
    "MATCH (m:Measure) SET m.title = 'x'",
    "MATCH (m:Measure) DETACH DELETE m",
    "MERGE (d:Department {id: 'x'})",
    "match (m:Measure) remove m.title",
    "DROP TABLE Measure",
    "COPY Measure FROM 'x.csv'",
])
def test_writes_are_refused(loaded, cypher):
    with pytest.raises(console.ConsoleRefused, match="只读"):
        console.run(loaded, cypher)


@pytest.mark.parametrize("cypher", ["CREATE (n:Measure {id: 'x'}) RETURN n",
                                    "MATCH (m:Measure) SET m.title = 'x' RETURN count(m)"])
def test_the_engine_refuses_writes_behind_the_guard(loaded, cypher):
    with pytest.raises(QueryError, match="read-only"):
        loaded.query(cypher)
    assert loaded.query("MATCH (m:Measure {id: 'x'}) RETURN count(m)").rows == [[0]]


@pytest.mark.parametrize("cypher,word", [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    ("CALL apoc.help('x')", "apoc"),
    ("CALL dbms.listConfig()", "dbms"),
    ("CALL { MATCH (n) RETURN n } RETURN 1", "CALL"),
    ("MATCH (n) RETURN n; MATCH (m) RETURN m", "一条"),
])
def test_forbidden_procedures_and_forms_are_refused(loaded, cypher, word):
    with pytest.raises(console.ConsoleRefused, match=word):
        console.run(loaded, cypher)


def test_words_inside_strings_are_not_refused(loaded):
    result = console.run(loaded, "MATCH (m:Measure) WHERE m.title CONTAINS 'CREATE' RETURN count(m) AS n")
    assert result.rows == [[0]]


def test_row_cap_truncates(loaded):
    result = console.run(loaded, "MATCH (m:Measure) RETURN m.id AS id ORDER BY id",
                         limits=console.ConsoleLimits(timeout_ms=5000, max_rows=10))
    assert len(result.rows) == 10 and result.truncated
    full = console.run(loaded, "MATCH (m:Measure) RETURN m.id AS id",
                       limits=console.ConsoleLimits(timeout_ms=5000, max_rows=1000))
    assert len(full.rows) == 154 and not full.truncated


def test_time_limit_stops_a_long_query(loaded):
    slow = ("MATCH (a:Measure), (b:Measure), (c:Measure), (d:Measure) "
            "WHERE a.ordinal + b.ordinal + c.ordinal + d.ordinal > 0 RETURN count(*)")
    with pytest.raises(QueryError, match="time limit"):
        console.run(loaded, slow, limits=console.ConsoleLimits(timeout_ms=200, max_rows=10))


def test_empty_statement_is_refused():
    with pytest.raises(console.ConsoleRefused):
        console.check("  // only a comment\n")
