"""Extraction throughput: MB/s over >= 200 synthetic documents, one core.

    python bench/extract.py [--docs 200]

Reports input megabytes per second of `extract_file` (read, decode, t2s view,
layout repair, outline, clauses, spaCy components, identity) and checks that
every generated document gives the measure count of its seed, so a fast wrong
run cannot pass. In the same run it times two whole processes over the same
files, start-up included: `reformkg extract DIR --format jsonl` and the naive
single-pass regex reader `bench/naive.py`, and prints the ratio (issue 11's
target: at most 3x).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reformkg.graph.pipeline import tune_gc  # noqa: E402
from reformkg.loaders import extract_file  # noqa: E402
from synthetic import make_corpus  # noqa: E402

EXPECTED = {"baoji": 107, "xining": 47}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), args.docs)
        total_bytes = sum(p.stat().st_size for p in paths)
        extract_file(paths[0])  # warm-up: spaCy pipeline, OpenCC, data files
        tune_gc()               # as `reformkg extract` and its workers do
        start = time.perf_counter()
        measures = 0
        for p in paths:
            result = extract_file(p)
            seed = p.stem.split("-")[1]
            if len(result.measures) != EXPECTED[seed]:
                print(f"FAIL {p.name}: {len(result.measures)} measures, expected {EXPECTED[seed]}")
                return 1
            measures += len(result.measures)
        elapsed = time.perf_counter() - start
        full = _process_seconds([sys.executable, "-m", "reformkg", "extract", tmp, "--format", "jsonl"])
        naive = _process_seconds([sys.executable, str(Path(__file__).with_name("naive.py")), tmp])
    mb = total_bytes / 1e6
    print(f"documents: {len(paths)}  input: {mb:.2f} MB  measures: {measures}")
    print(f"time: {elapsed:.2f} s  throughput: {mb / elapsed:.2f} MB/s  "
          f"({len(paths) / elapsed:.1f} docs/s, {measures / elapsed:.0f} measures/s), one core")
    print("target: >= 2 MB/s per core:", "met" if mb / elapsed >= 2 else "NOT met")
    print(f"whole process, start-up included: reformkg extract {full:.2f} s, naive regex reader "
          f"{naive:.2f} s, ratio {full / naive:.1f}x (target <= 3x:",
          "met)" if full / naive <= 3 else "NOT met)")
    return 0


def _process_seconds(cmd: list[str]) -> float:
    """Wall time of a whole process, output discarded."""
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   cwd=Path(__file__).resolve().parent.parent)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
