"""Access to the knowledge files in loaders/data (loaded once, cached)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def _yaml(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def alternation(words, *, group: str | None = None) -> str:
    """A regex alternation of literal words, longest first."""
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
    return f"(?P<{group}>{body})" if group else f"(?:{body})"


@dataclass(frozen=True)
class UnitKnowledge:
    org_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    etc_tails: frozenset[str]
    collective_prefixes: tuple[str, ...]
    collective_infixes: tuple[str, ...]
    collective_suffixes: tuple[str, ...]
    collective_words: frozenset[str]
    joiners: tuple[str, ...]
    unit_starts: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]
    level_words: tuple[str, ...]


@lru_cache(maxsize=1)
def units() -> UnitKnowledge:
    d = _yaml("units.yaml")
    by_len = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731
    return UnitKnowledge(
        org_suffixes=by_len(d["org_suffixes"]),
        place_suffixes=by_len(d["place_suffixes"]),
        etc_tails=frozenset(x or "" for x in d["etc_tails"]),
        collective_prefixes=by_len(d["collective_prefixes"]),
        collective_infixes=tuple(d["collective_infixes"]),
        collective_suffixes=by_len(d["collective_suffixes"]),
        collective_words=frozenset(d["collective_words"]),
        joiners=by_len(d["joiners"]),
        unit_starts=by_len(d["unit_starts"]),
        kinds=tuple((a, b) for a, b in d["kinds"]),
        level_words=by_len(d["level_words"]),
    )


@dataclass(frozen=True)
class ClauseKnowledge:
    field_labels: dict[str, str]
    lead_endings: tuple[str, ...]
    support_endings: tuple[str, ...]
    first_is_lead: tuple[str, ...]
    carry_forward: tuple[str, ...]
    apply_to_all: tuple[str, ...]
    ongoing_words: tuple[str, ...]
    label_re: re.Pattern
    keyword_re: re.Pattern
    actor_verbs: tuple[str, ...]
    non_task_sections: tuple[str, ...]


@lru_cache(maxsize=1)
def clauses() -> ClauseKnowledge:
    d = _yaml("clauses.yaml")
    labels = d["field_labels"]
    # A field label: the word, then a colon, white space, or the closing bracket
    # of a bracketed label (【牵头单位】市发改委).
    label_re = re.compile(alternation(labels, group="label") + r"\s*(?:[:：]\s*|[】\]]\s*|\s+)")
    # Words whose presence makes a bracketed group a responsibility clause.
    keywords = list(labels) + ["牵头", "负责", "配合", "协助", "参与"]
    return ClauseKnowledge(
        field_labels=labels,
        lead_endings=tuple(sorted(d["lead_endings"], key=len, reverse=True)),
        support_endings=tuple(sorted(d["support_endings"], key=len, reverse=True)),
        first_is_lead=tuple(d["first_is_lead_conventions"]),
        carry_forward=tuple(d["carry_forward_notes"]),
        apply_to_all=tuple(sorted(d["apply_to_all_notes"], key=len, reverse=True)),
        ongoing_words=tuple(sorted(d["ongoing_words"], key=len, reverse=True)),
        label_re=label_re,
        keyword_re=re.compile(alternation(keywords)),
        actor_verbs=tuple(d["actor_verbs"]),
        non_task_sections=tuple(d["non_task_sections"]),
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


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """Administrative divisions by name (first row wins for duplicate names)."""
    out: dict[str, Division] = {}
    with (DATA_DIR / "divisions.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for r in rows:
            out.setdefault(r["name"], Division(r["name"], r["level"], r["province"], r["prefecture"]))
    return out
