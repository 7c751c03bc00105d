"""Synthetic corpora made from real documents with other jurisdictions.

Each generated document is a seed (or, with `mix_dev`, one of the real
documents of ../shared/dev) with its city and province names replaced by
another prefecture-level city's (loaders/data/divisions.csv), and the seed's
counties, districts and parks by that city's own, so that no two cities share
a unit they do not really share. The loaders see real structures with unseen
names. Used by the benchmarks.
"""
from __future__ import annotations

import random
from pathlib import Path

from reformkg.loaders import knowledge

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {
    "baoji-2022": ("宝鸡", "陕西"),
    "xining-2022": ("西宁", "青海"),
}
# the seeds' own counties, districts and parks: replaced by the new city's
LOCAL_PLACES = {
    "xining-2022": ["湟中区", "大通县", "湟源县"],
    "baoji-2022": [],
}
LOCAL_PARKS = {"xining-2022": ["东川园区", "南川园区", "生物园区"], "baoji-2022": []}
DEV_DOCS = ROOT.parent / "shared" / "dev" / "docs"


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


def counties_of(city: str) -> list[str]:
    """The real counties and districts of a city (市辖区 left out)."""
    return sorted(d.name for d in knowledge.divisions().values()
                  if d.level == "county" and d.prefecture == f"{city}市"
                  and d.name != "市辖区")


def localise(text: str, name: str, city: str, province: str) -> str:
    """A seed's text as the plan of `city`: names, counties, districts, parks."""
    old_city, old_province = SEEDS[name]
    mine = counties_of(city) or [f"{city}{n}区" for n in "东西南北"]
    for i, place in enumerate(LOCAL_PLACES[name]):
        text = text.replace(place, mine[i % len(mine)])
    for i, park in enumerate(LOCAL_PARKS[name]):
        text = text.replace(park, f"{mine[i % len(mine)][:-1]}园区")
    return text.replace(old_city, city).replace(old_province, province)


def dev_sources() -> list[tuple[str, str, str | None, str | None]]:
    """(file name, text, city stem, province stem) of each dev document: the
    jurisdiction its metadata names, so that it can be moved to another city."""
    from reformkg.loaders import extract_file

    out = []
    for f in sorted(DEV_DOCS.glob("*.txt")):
        doc = extract_file(f).document
        jur, prov = doc.jurisdiction or "", doc.province or ""
        city = jur[:-1] if jur.endswith("市") and jur != prov else None
        out.append((f.stem, f.read_text(encoding="utf-8"), city,
                    prov[:-1] if prov.endswith("省") else None))
    return out


def make_corpus(out_dir: Path, n_docs: int, mix_dev: bool = False) -> list[Path]:
    """Write n_docs documents into out_dir; return their paths. The seeds
    alternate; with `mix_dev`, every other document is a dev document moved
    to the new city (its layout, real clause styles) instead."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {name: (ROOT / "corpus" / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS}
    devs = dev_sources() if mix_dev and DEV_DOCS.is_dir() else []
    paths = []
    for i, (city, province) in enumerate(other_cities(n_docs)):
        if devs and i % 2:
            stem, text, old_city, old_province = devs[(i // 2) % len(devs)]
            if old_city:
                text = text.replace(old_city, city)
            if old_province:
                text = text.replace(old_province, province)
            path = out_dir / f"{city}-dev-{stem}-{i:05d}.txt"
        else:
            name = list(SEEDS)[(i // (2 if devs else 1)) % len(SEEDS)]
            text = localise(texts[name], name, city, province)
            path = out_dir / f"{city}-{name.split('-')[0]}-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
