"""Synthetic corpora made from the seeds' structure with other jurisdictions.

Each generated document is a seed with its city and province names replaced
by another prefecture-level city's (from loaders/data/divisions.csv), so the
loaders see the real structure with unseen names. Used by the benchmarks.
"""
from __future__ import annotations

import random
from pathlib import Path

from loaders import knowledge

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {
    "baoji-2022": ("宝鸡", "陕西"),
    "xining-2022": ("西宁", "青海"),
}


def other_cities(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n (city without 市, province without 省) pairs, deterministic."""
    rows = [d for d in knowledge.divisions().values()
            if d.level == "prefecture" and d.name.endswith("市") and d.province.endswith("省")
            and d.name not in ("宝鸡市", "西宁市") and len(d.name) >= 3]
    rows.sort(key=lambda d: d.name)
    random.Random(seed).shuffle(rows)
    out = [(d.name[:-1], d.province[:-1]) for d in rows]
    while len(out) < n:  # more documents than cities: reuse with a year suffix
        out += out
    return out[:n]


def make_corpus(out_dir: Path, n_docs: int) -> list[Path]:
    """Write n_docs documents (alternating seeds) into out_dir; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {name: (ROOT / "corpus" / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS}
    paths = []
    for i, (city, province) in enumerate(other_cities(n_docs)):
        name = list(SEEDS)[i % len(SEEDS)]
        old_city, old_province = SEEDS[name]
        text = texts[name].replace(old_city, city).replace(old_province, province)
        path = out_dir / f"{city}-{name.split('-')[0]}-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
