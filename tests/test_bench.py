"""bench/load.py still runs end to end (tiny corpus; its numbers are not judged here)."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_load_benchmark_runs_on_both_backends(neo4j_env):
    # the benchmark empties the database: only ever the test server
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--docs", "3", "--warmup", "1",
         "--repeat", "1", "--row-sample", "300", "--row-warmup", "0",
         "--neo4j-uri", neo4j_env["NEO4J_URI"], "--neo4j-password", neo4j_env["NEO4J_PASSWORD"]],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    rels = int(re.search(r"-> \d+ nodes, (\d+) relationships", out).group(1))
    assert re.search(rf"ladybug\s+COPY FROM\s+{rels} rels", out)
    assert re.search(rf"neo4j\s+UNWIND batches\s+{rels} rels", out)
    assert re.search(r"row-by-row MERGE\s+300 rels", out)
    assert re.search(r"batched / row-by-row: \d+x", out)
