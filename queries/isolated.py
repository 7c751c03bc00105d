"""Console queries in a child process with a memory limit and a hard time limit.

A console query is the only code path that runs text typed by a user. It runs
in a fresh Python process that opens the store read-only, streams at most the
row cap, and prints the result as JSON. The parent watches it: past the time
limit (plus start-up) or above the memory limit it is killed; a crash of the
engine (a segfault inside LadybugDB) ends that process only. Nothing is
shared between users: each query has its own connection, and no lock is held
in the caller while it runs.

    python -m queries.isolated   < {"spec": …, "cypher": …, "params": …, …}

Connection secrets reach the child through its environment, never its argv.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any

from reformkg.graph import settings

STARTUP_LIMIT_S = 30.0            # importing the engine and opening the store
KILL_GRACE_S = 0.5                # after the time limit, for the engine's own stop
_POLL_S = 0.02


def memory_limit_mb() -> int:
    """REFORMKG_CONSOLE_MEMORY_MB (graph/settings.py); a value that is not a
    positive number is the declared default."""
    value = settings.get("REFORMKG_CONSOLE_MEMORY_MB") or ""
    default = int(settings.BY_NAME["REFORMKG_CONSOLE_MEMORY_MB"].default)
    return int(value) if value.isdigit() and int(value) > 0 else default


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_isolated(store, cypher: str, params: dict[str, Any], limits):
    """Run one read query of `store`'s database in a child process."""
    from reformkg.graph import QueryError, QueryResult, StoreError

    spec, env = store.reopen_spec()
    limit_mb = memory_limit_mb()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as scratch:
        started = os.path.join(scratch, "started")   # the child creates it when the query starts
        request = {"spec": spec, "cypher": cypher, "params": params, "started": started,
                   "timeout_ms": int(limits.timeout_ms), "max_rows": int(limits.max_rows)}
        proc = subprocess.Popen([sys.executable, "-m", "reformkg.queries.isolated"],
                                stdin=subprocess.PIPE, stdout=out, stderr=err,
                                env={**os.environ, **env}, start_new_session=True)
        proc.stdin.write(json.dumps(request, ensure_ascii=False, default=str).encode("utf-8"))
        proc.stdin.close()
        deadline = time.monotonic() + STARTUP_LIMIT_S
        running = False
        killed = ""
        while proc.poll() is None:
            if not running and os.path.exists(started):
                running = True
                deadline = time.monotonic() + limits.timeout_ms / 1000 + KILL_GRACE_S
            if time.monotonic() > deadline:
                killed = f"query stopped after the {limits.timeout_ms} ms time limit"
            elif _rss_mb(proc.pid) > limit_mb:
                killed = f"query stopped: it needed more than {limit_mb} MB of memory"
            if killed:
                proc.kill()
                proc.wait()
                raise QueryError(killed)
            time.sleep(_POLL_S)
        out.seek(0)
        payload = out.read().decode("utf-8", "replace")
        if proc.returncode != 0 or not payload:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            if proc.returncode < 0:
                raise QueryError(f"the query crashed the database engine (signal {-proc.returncode}); "
                                 f"nothing else was affected")
            if "MemoryError" in tail[0] or "bad_alloc" in tail[0]:
                raise QueryError(f"query stopped: it needed more than {limit_mb} MB of memory")
            raise QueryError(f"query failed ({tail[0][:200] or f'exit status {proc.returncode}'})")
    answer = json.loads(payload)
    if "error" in answer:
        raise (StoreError if answer.get("kind") == "store" else QueryError)(answer["error"])
    return QueryResult(answer["columns"], answer["rows"], answer["truncated"], answer["elapsed_ms"])


def _child() -> int:
    from reformkg.graph import QueryError, StoreError, reopen

    request = json.loads(sys.stdin.read())
    try:
        with reopen(request["spec"]) as store:
            open(request["started"], "w").close()
            result = store.query(request["cypher"], request["params"],
                                 timeout_ms=request["timeout_ms"], max_rows=request["max_rows"])
        answer = {"columns": result.columns, "rows": result.rows, "truncated": result.truncated,
                  "elapsed_ms": result.elapsed_ms}
    except StoreError as e:
        answer = {"error": str(e), "kind": "store"}
    except QueryError as e:
        answer = {"error": str(e), "kind": "query"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(_child())
