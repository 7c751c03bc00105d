"""Named-query latency: p50/p95 per query on both backends at 10, 100 and 1,000
synthetic documents, one run, one table.

    bash scripts/neo4j start
    python bench/queries.py [--sizes 10,100,1000] [--reps 20] [--neo4j-uri …]

The Neo4j database is EMPTIED. Lookups take jurisdiction-scoped ids, so their
result size stays constant as the corpus grows; the listing queries'
results grow with it. Each query runs five times untimed, then `--reps` times (or
until 10 s are spent on it).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the project root first: this file's own name would otherwise shadow the queries package
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reformkg import queries  # noqa: E402
from reformkg.graph import build  # noqa: E402
from reformkg.graph.ladybug_store import LadybugStore  # noqa: E402
from reformkg.graph.neo4j_store import Neo4jStore  # noqa: E402
from reformkg.loaders import extract_file  # noqa: E402
from synthetic import make_corpus, other_cities  # noqa: E402

# Lookups: one department or measure, result size independent of the corpus
# (the synthetic corpus reuses city names beyond ~280 documents, so a city's
# results grow a little at 1,000). The others list across every document.
LOOKUPS = {"measures_led_by", "measures_involving", "responsibility_chain", "department_profile",
           "co_responsible"}


def params_for(city: str) -> dict[str, dict]:
    """Parameters aimed at one synthetic city (a Baoji-structured document)."""
    j = f"{city}市"
    return {
        "measures_led_by": {"dept": f"{j}/市大数据发展服务局"},
        "measures_involving": {"dept": f"{j}/市行政审批服务局"},
        "responsibility_chain": {"measure": f"{city}-baoji-0000:二/(十五)/79"},
        "department_workload": {"jurisdiction": j, "limit": 20},
        "co_responsible": {"dept": f"{j}/市大数据发展服务局", "limit": 20},
        "measures_without_lead": {"doc": f"{city}-baoji-0000"},
        "indicator_measures": {"indicator": "纳税"},
        "indicator_targets": {"indicator": "纳税"},
        "regulation_citations": {"title": "条例"},
        "deadlines": {"from": "2022-07-01", "to": "2022-12-31"},
        "overdue": {"as_of": "2022-07-01"},
        "department_profile": {"dept": f"{j}/市交通运输局"},
        "search": {"text": "便民热线"},
        "ambiguous_departments": {},
    }


def timed(store, name, params, reps) -> tuple[float, float, int]:
    for _ in range(5):
        rows = len(queries.run(name, params, store).rows)
    times = []
    budget = time.perf_counter() + 10
    for _ in range(reps):
        t0 = time.perf_counter()
        queries.run(name, params, store)
        times.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() > budget:
            break
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--neo4j-password", default=os.environ.get("NEO4J_PASSWORD", "reformkg-dev"))
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    neo = Neo4jStore(args.neo4j_uri, "neo4j", args.neo4j_password)
    results: dict[tuple[str, str, int], tuple[float, float, int]] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            paths = make_corpus(Path(tmp) / "corpus", n)
            batch = build(extract_file(p) for p in paths)
            city = other_cities(n)[0][0]
            lb = LadybugStore(Path(tmp) / "q.lbug")
            lb.load(batch)
            neo.clear()
            neo.load(batch)
            for backend, store in (("ladybug", lb), ("neo4j", neo)):
                for name, params in params_for(city).items():
                    results[(name, backend, n)] = timed(store, name, params, args.reps)
                    p50, p95, rows = results[(name, backend, n)]
                    print(f"  {n:>5} docs {backend:<8} {name:<24} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
                          f"rows {rows}", file=sys.stderr)
            lb.close()

    head = "| query | backend | " + " | ".join(f"{n} docs p50 / p95 (rows)" for n in sizes) + " |"
    print(head)
    print("|" + "---|" * (2 + len(sizes)))
    for name in params_for("x"):
        for backend in ("ladybug", "neo4j"):
            cells = []
            for n in sizes:
                p50, p95, rows = results[(name, backend, n)]
                cells.append(f"{p50:.1f} / {p95:.1f} ms ({rows})")
            mark = " *" if name in LOOKUPS else ""
            print(f"| {name}{mark} | {backend} | " + " | ".join(cells) + " |")
    worst = max((results[(q, b, sizes[-1])][1], q, b) for q in LOOKUPS for b in ("ladybug", "neo4j"))
    print(f"\n* lookup. Slowest lookup p95 at {sizes[-1]} documents: {worst[0]:.1f} ms ({worst[1]}, {worst[2]}); "
          f"target <= 20 ms: {'met' if worst[0] <= 20 else 'NOT met'}")
    sys.stdout.flush()
    neo.clear()
    neo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
