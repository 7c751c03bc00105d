"""The development set (shared/dev, 35 real documents) scored as bench/score.py
does, per document and overall; fails below the targets of issue 11. Also the
same documents as hard-wrapped, traditional and flattened copies, so the
layout repair and the t2s view keep working."""
from __future__ import annotations

import sys

import pytest
import yaml

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import score as bench_score  # noqa: E402

DEV = SHARED / "dev"
pytestmark = pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="shared/dev not found")


@pytest.fixture(scope="module")
def result():
    return bench_score.score(DEV, SHARED)


@pytest.mark.parametrize("figure", ["role", "measures", "collective", "deadline"])
def test_overall_targets(result, figure):
    assert result["overall"][figure] >= bench_score.TARGETS[figure], result["overall"]


def test_every_document_reads(result):
    assert result["failures"] == []
    weak = {d: round(f["role"], 3) for d, f in result["per_doc"].items() if f["role"] < 0.95}
    assert not weak, f"documents below role F1 0.95: {weak}"


def test_review_marks_what_may_be_wrong(result):
    r = result["review"]
    assert r["clean_right"] >= bench_score.TARGETS["clean_right"], r
    assert r["wrong_flagged"] >= bench_score.TARGETS["wrong_flagged"], r


@pytest.mark.parametrize("variant,floor", [("wrap", 0.97), ("pdfwrap", 0.99), ("pages", 0.99), ("trad", 0.99), ("web", 0.99),
                                           ("flat", 0.99), ("doc", 0.99), ("mirror", 0.99), ("spaced", 0.99),
                                           ("centred", 0.99), ("centredmix", 0.99),
                                           ("restyled", 0.99)])
def test_real_copy_variants(variant, floor):
    result = bench_score.score(DEV, SHARED, variant)
    overall, review = result["overall"], result["review"]
    assert overall["role"] >= floor and overall["measures"] >= floor, overall
    # what the layout repair had to guess is flagged for a person's look
    assert review["wrong_flagged"] >= bench_score.TARGETS["wrong_flagged"], review


FACTS = yaml.safe_load((ROOT / "tests" / "specs" / "dev_facts.yaml").read_text(encoding="utf-8"))


def test_document_facts_are_right_or_none():
    """Each dev document's jurisdiction and year: its README's, or none, never another;
    and most are known (28 of 35 each when this test was written, 30 places once the
    places a copy's units name placed it; 21 places, and 27 years with 6 wrong ones,
    the session before)."""
    from reformkg.loaders import extract_file

    known = {"jurisdiction": 0, "year": 0}
    for path in sorted((DEV / "docs").iterdir()):
        expected = dict(zip(("jurisdiction", "year"), FACTS[path.stem]))
        document = extract_file(path).document
        for fact, value in expected.items():
            got = getattr(document, fact)
            assert got in (value, None), (path.stem, fact, got, value)
            known[fact] += got == value
    assert known["jurisdiction"] >= 30 and known["year"] >= 28, known
