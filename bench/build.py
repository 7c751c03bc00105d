"""Build throughput and memory at 100 / 1,000 / 10,000 documents, both stores.

    python bench/build.py [--docs 100 1000 10000] [--stores ladybug neo4j] [--jobs N]

For each size a synthetic corpus (bench/synthetic.py, mix_dev: the seeds and
the real dev documents, each moved to its own city with its own counties) is
built from scratch by `reformkg build` in a subprocess; the peak RSS of the
whole process tree (the build and its extraction workers, sampled every
0.1 s from /proc) is reported with wall time and documents/s. Then one
document is edited and the store rebuilt (incremental: only that document
is extracted), and one new document is added.

Neo4j: the test server of scripts/test (REFORMKG_TEST_NEO4J_URI, emptied!).
Its own memory is the server's, not the build's, and is not counted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return total


def run(cmd: list[str], env: dict) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and stdout of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return time.perf_counter() - start, peak[0], out


def bench(n: int, store: str, jobs: int, tmp: Path) -> dict:
    corpus = tmp / f"c{n}"
    if not corpus.exists():
        make_corpus(corpus, n, mix_dev=True)
    env = dict(os.environ)
    args = ["--jobs", str(jobs)]
    if store == "neo4j":
        env.update(NEO4J_URI=os.environ["REFORMKG_TEST_NEO4J_URI"], NEO4J_USERNAME="neo4j",
                   NEO4J_PASSWORD=os.environ.get("REFORMKG_TEST_NEO4J_PASSWORD", "reformkg-test"))
        args += ["--neo4j", "--fresh", "--yes"]
    else:
        args += ["--db", str(tmp / f"g{n}" / "graph.lbug"), "--fresh"]
    env["REFORMKG_CORRECTIONS"] = str(tmp / f"fixes{n}.yaml")
    mb = sum(f.stat().st_size for f in corpus.iterdir()) / 1e6
    wall, rss, _ = run([sys.executable, "-m", "reformkg", "build", str(corpus), *args], env)
    args = [a for a in args if a not in ("--fresh", "--yes")]
    victim = sorted(corpus.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edit_wall, _, out = run([sys.executable, "-m", "reformkg", "build", str(corpus), *args], env)
    assert "built 1 document(s)" in out, out
    extra = corpus / "新增-baoji-9999.txt"
    shutil.copy(ROOT / "corpus" / "baoji-2022.txt", extra)
    add_wall, _, out = run([sys.executable, "-m", "reformkg", "build", str(corpus), *args], env)
    assert "built 1 document(s)" in out, out
    extra.unlink()
    return {"docs": n, "store": store, "mb": mb, "wall": wall, "rss": rss, "edit": edit_wall, "add": add_wall}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--stores", nargs="+", default=["ladybug", "neo4j"], choices=["ladybug", "neo4j"])
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = ap.parse_args()
    if "neo4j" in args.stores and not os.environ.get("REFORMKG_TEST_NEO4J_URI"):
        raise SystemExit("set REFORMKG_TEST_NEO4J_URI (the test server of scripts/test), or --stores ladybug")
    print(f"| documents | MB | store | build (wall) | documents/s | peak RSS | edit 1 + rebuild | add 1 |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            for store in args.stores:
                r = bench(n, store, args.jobs, Path(tmp))
                print(f"| {r['docs']:,} | {r['mb']:.0f} | {store} | {r['wall']:.1f} s | "
                      f"{r['docs'] / r['wall']:.1f} | {r['rss'] / 2**30:.2f} GB | {r['edit']:.1f} s | "
                      f"{r['add']:.1f} s |", flush=True)
    print(f"(--jobs {args.jobs}; peak RSS of the build process and its workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
