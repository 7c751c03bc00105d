"""The unit layer under the acceptance tests: each loader function on the small
cases of tests/specs/units.yaml, and the co-responsibility graph on a graph
small enough to compute by hand."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reformkg.graph.analytics import analyze, co_responsibility_graph
from reformkg.loaders.dates import cn_number, parse_deadline
from reformkg.loaders.identity import DepartmentResolver
from reformkg.loaders.outline import build_outline, paragraphs
from reformkg.loaders.read import PdfLine, html_to_text, join_wrapped_lines
from reformkg.loaders.text import Text, fold
from reformkg.loaders.units import split_units

CASES = yaml.safe_load((Path(__file__).parent / "specs" / "units.yaml").read_text(encoding="utf-8"))


def _iso(value) -> str | None:
    return None if value is None else str(value)    # YAML reads 2022-06-30 as a date


@pytest.mark.parametrize("printed,expected", CASES["cn_number"])
def test_cn_number(printed, expected):
    assert cn_number(printed) == expected


@pytest.mark.parametrize("printed,year,expected", CASES["parse_deadline"])
def test_parse_deadline(printed, year, expected):
    assert parse_deadline(fold(printed), year) == _iso(expected)


@pytest.mark.parametrize("jurisdiction,a,b,same", CASES["same_department"])
def test_same_department(jurisdiction, a, b, same):
    resolver = DepartmentResolver(jurisdiction)
    assert (resolver.dept_id(a) == resolver.dept_id(b)) is same


@pytest.mark.parametrize("case", CASES["split_units"], ids=lambda c: c["text"])
def test_split_units(case):
    text = Text.of(case["text"])
    got = [[piece.surface(text), kind] for piece, kind in split_units(text, 0, len(case["text"]))]
    assert got == case["units"]


@pytest.mark.parametrize("case", CASES["build_outline"], ids=lambda c: c["text"].split("\n")[0])
def test_build_outline(case):
    text = Text.of(case["text"])
    items = build_outline(text, paragraphs(text))
    assert [[i.path, i.style, i.level] for i in items] == case["items"]
    for item in items:   # the tree: every child's path extends its parent's
        assert item.parent is None or item.path.startswith(item.parent.path + "/")


@pytest.mark.parametrize("case", CASES["html_to_text"], ids=lambda c: c["text"][:8])
def test_html_to_text(case):
    assert html_to_text(case["html"]) == case["text"]


@pytest.mark.parametrize("case", CASES["join_wrapped_lines"], ids=lambda c: c["text"][:8])
def test_join_wrapped_lines(case):
    lines = [PdfLine(t, 0.0, float(right), 10.0) for t, right in case["lines"]]
    assert join_wrapped_lines(lines) == case["text"]


def _rows(*edges):
    return [{"dept": d, "name": d.split("/")[1], "jurisdiction": d.split("/")[0], "measure": m, "role": r,
             "indicator": None}
            for m, d, r in edges]


def test_co_responsibility_graph_weights_by_role_by_hand():
    # m1: A leads, B supports; m2: A leads, B is responsible; m3: C alone
    rows = _rows(("m1", "甲市/A", "lead"), ("m1", "甲市/B", "support"),
                 ("m2", "甲市/A", "lead"), ("m2", "甲市/B", "responsible"),
                 ("m3", "甲市/C", "lead"))
    g = co_responsibility_graph(rows)
    assert sorted(g.nodes) == ["甲市/A", "甲市/B", "甲市/C"]
    assert list(g.edges) == [("甲市/A", "甲市/B")]
    edge = g["甲市/A"]["甲市/B"]
    # weights: lead 3, responsible 2, support 1; a pair weighs the mean of its roles
    assert edge["shared"] == 2
    assert edge["weight"] == pytest.approx((3 + 1) / 2 + (3 + 2) / 2)
    assert edge["distance"] == pytest.approx(1 / 4.5)


def test_communities_are_keyed_by_id_not_name():
    # two cities, the same department names: 财政局 of 甲市 works with 公安局 of 甲市,
    # 财政局 of 乙市 with 公安局 of 乙市; by name they would be one community
    rows = _rows(("a1", "甲市/财政局", "lead"), ("a1", "甲市/公安局", "support"),
                 ("a2", "甲市/财政局", "lead"), ("a2", "甲市/公安局", "support"),
                 ("b1", "乙市/财政局", "lead"), ("b1", "乙市/公安局", "support"),
                 ("b2", "乙市/财政局", "lead"), ("b2", "乙市/公安局", "support"))
    analysis = analyze(rows)
    groups = sorted(tuple(c["ids"]) for c in analysis.communities)
    assert groups == [("乙市/公安局", "乙市/财政局"), ("甲市/公安局", "甲市/财政局")]
    by_id = {d["id"]: d for d in analysis.departments}
    assert by_id["甲市/财政局"]["leads"] == 2 and by_id["甲市/公安局"]["supports"] == 2
    assert by_id["甲市/财政局"]["community"] != by_id["乙市/财政局"]["community"]
