"""The console on both backends: the engine behind the guard, row cap, time limit.

What the guard refuses and accepts is data (tests/specs/console.yaml, run by
tests/test_security.py)."""
from __future__ import annotations

import pytest

from reformkg.graph import QueryError
from reformkg.queries import console


@pytest.mark.parametrize("cypher", ["CREATE (n:Measure {id: 'x'}) RETURN n",
                                    "MATCH (m:Measure) SET m.title = 'x' RETURN count(m)"])
def test_the_engine_refuses_writes_behind_the_guard(read_only_store, cypher):
    with pytest.raises(QueryError, match="read-only"):
        read_only_store.query(cypher)
    assert read_only_store.query("MATCH (m:Measure {id: 'x'}) RETURN count(m)").rows == [[0]]


def test_row_cap_truncates(read_only_store):
    result = console.run(read_only_store, "MATCH (m:Measure) RETURN m.id AS id ORDER BY id",
                         limits=console.ConsoleLimits(timeout_ms=5000, max_rows=10))
    assert len(result.rows) == 10 and result.truncated
    full = console.run(read_only_store, "MATCH (m:Measure) RETURN m.id AS id",
                       limits=console.ConsoleLimits(timeout_ms=5000, max_rows=1000))
    assert len(full.rows) == 154 and not full.truncated


def test_time_limit_stops_a_long_query(read_only_store):
    slow = ("MATCH (a:Measure), (b:Measure), (c:Measure), (d:Measure) "
            "WHERE a.ordinal + b.ordinal + c.ordinal + d.ordinal > 0 RETURN count(*)")
    with pytest.raises(QueryError, match="time limit"):
        console.run(read_only_store, slow, limits=console.ConsoleLimits(timeout_ms=200, max_rows=10))
