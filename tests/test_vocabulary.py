"""Clause vocabulary as data: tests/specs/vocabulary.yaml, one test per battery.

Each battery puts its words, one an item, into the same clause of one document;
every record must give the battery's roles with an empty review (and, for
deadlines, the deadline each word names). A failure lists every word that did
not, so a battery reads like a table of what the lexicon knows."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import by_path

BATTERIES = yaml.safe_load(
    (Path(__file__).parent / "specs" / "vocabulary.yaml").read_text(encoding="utf-8"))["batteries"]


def _document(battery: dict) -> tuple[str, list[tuple[str, str | None]]]:
    """The document of a battery, and (word, deadline or None) per item, in order."""
    words = [(w[0], w[1]) if isinstance(w, list) else (w, None) for w in battery["words"]]
    lines = [battery.get("title", "某市工作要点"), "一、任务"]
    lines += [f"{i}.事项{i}。内容。{battery['template'].format(w)}" for i, (w, _) in enumerate(words, 1)]
    return "\n".join(lines), words


def test_words_are_unique_within_a_battery():
    for name, battery in BATTERIES.items():
        words = [w[0] if isinstance(w, list) else w for w in battery["words"]]
        assert len(words) == len(set(words)), name


@pytest.mark.parametrize("name", list(BATTERIES))
def test_battery(name):
    from reformkg.loaders.text import fold

    battery = BATTERIES[name]
    body, words = _document(battery)
    got = by_path(body)
    wrong = []
    for i, (word, deadline) in enumerate(words, 1):
        rec = got.get(f"一/{i}")
        if rec is None:
            wrong.append(f"{word}: no record")
            continue
        problems = [f"review {rec['review']}"] if rec["review"] else []
        for field, want in battery["expect"].items():
            want = [fold(x.format(word)) for x in want]
            if [fold(x) for x in rec[field]] != want:
                problems.append(f"{field} {rec[field]} != {want}")
        if battery.get("words") and isinstance(battery["words"][0], list):
            if rec["deadline"] != deadline or fold(rec["deadline_text"] or "") != fold(word):
                problems.append(f"deadline {rec['deadline_text']!r} -> {rec['deadline']!r}, want {deadline!r}")
        if problems:
            wrong.append(f"{word}: " + "; ".join(problems))
    assert not wrong, f"{name}: {len(wrong)} of {len(words)} words read wrong:\n" + "\n".join(wrong)
