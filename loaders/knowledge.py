"""Access to the knowledge files in loaders/data (loaded once, cached)."""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


# libyaml's loader where PyYAML was built with it: the data files load in a tenth of the time
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER)  # noqa: S506 - a safe loader


def alternation(words, *, group: str | None = None) -> str:
    """A regex alternation of literal words, longest first."""
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
    return f"(?P<{group}>{body})" if group else f"(?:{body})"


@dataclass(frozen=True)
class UnitKnowledge:
    org_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    place_body_endings: tuple[str, ...]
    places_without_a_government: tuple[str, ...]
    place_kinds: tuple[str, ...]
    party_committees: tuple[str, ...]
    government_words: tuple[str, ...]
    bare_place_name_length: tuple[int, int]
    etc_tails: frozenset[str]
    collective_prefixes: tuple[str, ...]
    concerned_prefixes: tuple[str, ...]
    nameless_level_prefixes: tuple[str, ...]
    above_township_endings: tuple[str, ...]
    township_offices: tuple[str, ...]
    class_levels: tuple[str, ...]
    collective_infixes: tuple[str, ...]
    collective_suffixes: tuple[str, ...]
    kind_nouns: tuple[str, ...]
    collective_endings: tuple[str, ...]
    collective_words: frozenset[str]
    joiners: tuple[str, ...]
    back_references: tuple[str, ...]
    unit_starts: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]
    level_words: tuple[str, ...]
    nameless_bodies: frozenset[str]
    bare_nouns: frozenset[str]
    each_word: str
    etc_word: str
    words_with_etc: tuple[str, ...]
    own_levels: tuple[str, ...]
    national_name_starts: tuple[str, ...]
    zone_levels: tuple[str, ...]
    jurisdiction_levels: tuple[str, ...]
    unknown_jurisdiction: str
    national_jurisdiction: str
    national_units: NationalUnits
    placed_by_units: PlacedByUnits


@dataclass(frozen=True)
class PlacedByUnits:
    """How a document that names no place is placed by its units' places (units.yaml `placed_by_units`)."""
    levels: dict[str, str]
    system_prefixes: tuple[str, ...]
    system_suffixes: tuple[str, ...]


@dataclass(frozen=True)
class NationalUnits:
    """When a document's units make it the central government's (units.yaml `national_units`)."""
    least: int
    share: float
    starts: tuple[str, ...]
    names: frozenset[str]


@lru_cache(maxsize=1)
def units() -> UnitKnowledge:
    d = _yaml("units.yaml")
    by_len = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731
    return UnitKnowledge(
        org_suffixes=by_len(d["org_suffixes"]),
        place_suffixes=by_len(d["place_suffixes"]),
        place_body_endings=by_len(d["place_body_endings"]),
        places_without_a_government=tuple(d["places_without_a_government"]),
        place_kinds=by_len(d["place_kinds"]),
        party_committees=tuple(d["party_committees"]),
        government_words=by_len(d["government_words"]),
        bare_place_name_length=tuple(d["bare_place_name_length"]),
        etc_tails=frozenset(x or "" for x in d["etc_tails"]),
        collective_prefixes=by_len(d["collective_prefixes"]),
        concerned_prefixes=by_len(d["concerned_prefixes"]),
        nameless_level_prefixes=by_len(d["nameless_level_prefixes"]),
        above_township_endings=tuple(d["above_township_endings"]),
        township_offices=tuple(d["township_offices"]),
        class_levels=by_len(d["class_levels"]),
        collective_infixes=tuple(d["collective_infixes"]),
        collective_suffixes=by_len(d["collective_suffixes"]),
        kind_nouns=by_len(d["kind_nouns"]),
        collective_endings=tuple(d["collective_endings"]),
        collective_words=frozenset(d["collective_words"]),
        joiners=by_len(d["joiners"]),
        back_references=tuple(d["back_references"]),
        unit_starts=by_len(d["unit_starts"]),
        kinds=tuple((a, b) for a, b in d["kinds"]),
        level_words=by_len(d["level_words"]),
        nameless_bodies=frozenset(d["nameless_bodies"]),
        bare_nouns=frozenset(d["bare_nouns"]),
        each_word=d["each_word"],
        etc_word=d["etc_word"],
        words_with_etc=tuple(d["words_with_etc"]),
        own_levels=tuple(d["own_levels"]),
        national_name_starts=tuple(d["national_name_starts"]),
        zone_levels=tuple(d["zone_levels"]),
        jurisdiction_levels=tuple(d["jurisdiction_levels"]),
        unknown_jurisdiction=d["unknown_jurisdiction"],
        national_jurisdiction=d["national_jurisdiction"],
        national_units=NationalUnits(least=d["national_units"]["least"], share=d["national_units"]["share"],
                                     starts=tuple(d["national_units"]["starts"]),
                                     names=frozenset(d["national_units"]["names"])),
        placed_by_units=PlacedByUnits(levels=dict(d["placed_by_units"]["levels"]),
                                      system_prefixes=by_len(d["placed_by_units"]["system_prefixes"]),
                                      system_suffixes=by_len(d["placed_by_units"]["system_suffixes"])),
    )


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    keywords: tuple[str, ...]


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    return tuple(Indicator(i["id"], i["name"], tuple(i["keywords"]))
                 for i in _yaml("indicators.yaml")["indicators"])


@lru_cache(maxsize=1)
def aliases() -> dict[str, Any]:
    return _yaml("aliases.yaml")


@dataclass(frozen=True)
class Division:
    name: str
    level: str
    province: str
    prefecture: str

    def contains(self, other: "Division") -> bool:
        """济南市 contains 钢城区: a lower level in the same province (divisions.csv's
        levels, outermost first; its prefectures predate some mergers, so the
        province decides)."""
        return (other.province == self.province and self.level in DIVISION_LEVELS
                and other.level in DIVISION_LEVELS
                and DIVISION_LEVELS.index(other.level) > DIVISION_LEVELS.index(self.level))


DIVISION_LEVELS = ("province", "prefecture", "county")   # divisions.csv's `level`, outermost first


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """Administrative divisions by name (first row wins for duplicate names)."""
    out: dict[str, Division] = {}
    with (DATA_DIR / "divisions.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for r in rows:
            out.setdefault(r["name"], Division(r["name"], r["level"], r["province"], r["prefecture"]))
    for division in list(out.values()):
        for short in _short_forms(division.name):
            out.setdefault(short, division)   # a division of that name comes first
    return out


@lru_cache(maxsize=1)
def shared_division_names() -> frozenset[str]:
    """Names more than one division bears (白云区: 广州's and 贵阳's; 市中区): alone they place nothing."""
    with (DATA_DIR / "divisions.csv").open(encoding="utf-8") as f:
        names = Counter(r["name"] for r in csv.DictReader(line for line in f if not line.startswith("#")))
    return frozenset(n for n, count in names.items() if count > 1)


@lru_cache(maxsize=1)
def province_short_names() -> dict[str, Division]:
    """Province-level divisions by their place alone (广东, 内蒙古, 广西; aliases.yaml `provinces`)."""
    endings, a = aliases()["provinces"]["endings"], aliases()["autonomous_prefectures"]
    out: dict[str, Division] = {}
    for division in divisions().values():
        if division.level != "province" or division.name != division.province:
            continue
        stem = next((division.name[:-len(e)] for e in endings if division.name.endswith(e)), division.name)
        while (people := _people_at_end(stem, a)) and len(stem) - len(people) >= 2:   # 内蒙古 keeps 蒙古
            stem = stem[:-len(people)]
        out.setdefault(stem, division)
    return out


def _short_forms(name: str) -> list[str]:
    """恩施州 and 恩施自治州 for 恩施土家族苗族自治州 (aliases.yaml `autonomous_prefectures`)."""
    a = aliases()["autonomous_prefectures"]
    if not name.endswith(a["ending"]):
        return []
    stem = place = name[:-len(a["ending"])]
    while people := _people_at_end(stem, a):
        stem = stem[:-len(people)]
    return [stem + a["short_ending"], stem + a["ending"]] if 2 <= len(stem) < len(place) else []


def _people_at_end(stem: str, a: dict[str, Any]) -> str | None:
    """The people a prefecture's name ends with, as printed (苗族; 蒙古 may go without 族)."""
    peoples = sorted(a["peoples"], key=len, reverse=True)
    return (next((p + a["people_word"] for p in peoples if stem.endswith(p + a["people_word"])), None)
            or next((p for p in peoples if len(p) > 1 and stem.endswith(p)), None))
