"""Load throughput: relationships/s into Neo4j (batched UNWIND vs row-by-row MERGE)
and into LadybugDB (COPY FROM Arrow), on one synthetic corpus, in one run.

    bash scripts/neo4j start      # or any Neo4j you may empty
    python bench/load.py --docs 200 [--neo4j-uri bolt://127.0.0.1:7687] [--row-sample 3000]

The Neo4j database is EMPTIED. Row-by-row MERGE (one auto-commit query per
relationship, the way naive loaders work) is timed on a sample of
relationships, because the full set would take minutes; its rate is what the
ratio compares. A 20-document load warms the JVM before anything is timed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph import build  # noqa: E402
from graph.ladybug_store import LadybugStore  # noqa: E402
from graph.neo4j_store import Neo4jStore  # noqa: E402
from graph.store import OWNED_LABELS, SHARED_LABELS  # noqa: E402
from loaders import extract_file  # noqa: E402
from synthetic import make_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--neo4j-password", default=os.environ.get("NEO4J_PASSWORD", "reformkg-dev"))
    ap.add_argument("--row-sample", type=int, default=3000)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp) / "corpus", args.docs)
        batch = build(extract_file(p) for p in paths)
        n_rels = sum(len(v) for v in batch.rels.values())
        n_nodes = sum(len(v) for v in batch.nodes.values())
        print(f"corpus: {args.docs} documents -> {n_nodes} nodes, {n_rels} relationships")

        # LadybugDB: the store's load (COPY FROM Arrow tables)
        lb = LadybugStore(Path(tmp) / "bench.lbug")
        stats = lb.load(batch)
        lb.close()
        lb_rate = stats.relationships / stats.per_step["relationships"]
        print(f"ladybug   COPY FROM        {stats.relationships:>8} rels in "
              f"{stats.per_step['relationships']:.2f} s = {lb_rate:>10,.0f} rel/s "
              f"(whole load {stats.seconds:.2f} s)")

    neo = Neo4jStore(args.neo4j_uri, "neo4j", args.neo4j_password)
    # JIT warm-up of the server's query paths (a small load), as any JVM benchmark needs
    with tempfile.TemporaryDirectory() as tmp:
        neo.clear()
        neo.load(build(extract_file(p) for p in make_corpus(Path(tmp), 20)))
    neo.clear()
    stats = neo.load(batch)
    batched_rate = stats.relationships / stats.per_step["relationships"]
    print(f"neo4j     UNWIND batches   {stats.relationships:>8} rels in "
          f"{stats.per_step['relationships']:.2f} s = {batched_rate:>10,.0f} rel/s "
          f"(whole load {stats.seconds:.2f} s)")

    # Row by row: same nodes, then one MERGE per relationship.
    neo.clear()
    for label in SHARED_LABELS + OWNED_LABELS:
        if batch.nodes.get(label):
            neo.create_nodes(label, batch.nodes[label])
    sample = [(t, r) for t, rows in batch.rels.items() for r in rows][: args.row_sample]
    start = time.perf_counter()
    with neo._driver.session(database=neo.database) as session:
        for rtype, r in sample:
            session.run(f"MATCH (a:{r.src_label} {{id: $src}}) MATCH (b:{r.dst_label} {{id: $dst}}) "
                        f"MERGE (a)-[x:{rtype}]->(b) SET x = $props",
                        src=r.src, dst=r.dst, props=r.properties).consume()
    row_time = time.perf_counter() - start
    row_rate = len(sample) / row_time
    print(f"neo4j     row-by-row MERGE {len(sample):>8} rels in {row_time:.2f} s = {row_rate:>10,.0f} rel/s")
    neo.clear()
    neo.close()
    ratio = batched_rate / row_rate
    print(f"batched / row-by-row: {ratio:.0f}x")
    print("targets: >= 50,000 rel/s batched:", "met" if batched_rate >= 50_000 else "NOT met",
          "| >= 50x row-by-row:", "met" if ratio >= 50 else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
