"""Extraction cases as data: tests/specs/extraction.yaml, one test per case."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import check

CASES = yaml.safe_load((Path(__file__).parent / "specs" / "extraction.yaml").read_text(encoding="utf-8"))["cases"]


def test_case_names_are_unique():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    check(case["text"], case["expect"], case.get("warnings"), case.get("sections"))
