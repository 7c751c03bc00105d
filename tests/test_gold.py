"""The loaders reproduce the hand-checked gold records of the seed documents."""
from __future__ import annotations

import json

import pytest

from conftest import CORPUS, SEEDS, load_jsonl, run_cli
from reformkg.loaders import SPEC_FIELDS, extract_file
from reformkg.loaders.identity import DepartmentResolver
from reformkg.loaders.text import fold


def folded(value):
    """The spec's comparison form: width, script and white space folded."""
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, list):
        return [folded(v) for v in value]
    return value


@pytest.fixture(scope="module")
def cli_records() -> dict[str, list[dict]]:
    proc = run_cli("extract", str(CORPUS / "baoji-2022.txt"), str(CORPUS / "xining-2022.txt"),
                   "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    out: dict[str, list[dict]] = {}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        out.setdefault(rec["doc"], []).append(rec)
    return out


@pytest.mark.parametrize("doc", SEEDS)
def test_cli_output_equals_gold_field_by_field(cli_records, gold_dir, doc):
    gold = load_jsonl(gold_dir / f"{doc}.jsonl")
    got = cli_records[doc]
    assert [r["path"] for r in got] == [g["path"] for g in gold], "measures or their order differ"
    mismatches = []
    for g, r in zip(gold, got):
        for field in SPEC_FIELDS:
            if folded(r[field]) != folded(g[field]):
                mismatches.append(f"{g['path']} {field}: got {r[field]!r}, gold {g[field]!r}")
    assert not mismatches, "\n".join(mismatches)


def test_all_154_measures(cli_records):
    assert sum(len(v) for v in cli_records.values()) == 154


def test_measures_led_by_big_data_bureau_match_gold(cli_records, gold_dir):
    expected = json.loads((gold_dir / "baoji-2022.doc.json").read_text(encoding="utf-8"))["leads_of"]
    for dept, paths in expected.items():
        got = [r["path"] for r in cli_records["baoji-2022"] if dept in r["leads"]]
        assert got == paths
        assert len(got) == 10 or dept != "市大数据发展服务局"


@pytest.mark.parametrize("doc", SEEDS)
def test_document_facts_match_gold(gold_dir, doc):
    gold = json.loads((gold_dir / f"{doc}.doc.json").read_text(encoding="utf-8"))
    got = extract_file(CORPUS / f"{doc}.txt").document.to_json()
    for key in ("title", "issuer", "doc_number", "signed", "published", "jurisdiction", "province",
                "doc_regulations"):
        assert folded(got[key]) == folded(gold[key]), key
    strip = lambda s: {k: s[k] for k in ("path", "label", "heading", "indicator", "chief", "coordinator")}  # noqa: E731
    assert [strip(s) for s in got["sections"]] == [strip(s) for s in gold["sections"]]


@pytest.mark.parametrize("doc", SEEDS)
def test_gold_alias_clusters_resolve_to_one_id(gold_dir, doc):
    facts = json.loads((gold_dir / f"{doc}.doc.json").read_text(encoding="utf-8"))
    resolver = DepartmentResolver(facts["jurisdiction"])
    for cluster in json.loads((gold_dir / f"aliases-{doc}.json").read_text(encoding="utf-8")):
        ids = {resolver.dept_id(form) for form in cluster["forms"]}
        assert len(ids) == 1, cluster["forms"]


@pytest.mark.parametrize("doc", SEEDS)
def test_no_two_real_units_merge(gold_dir, doc):
    """Distinct printed units get distinct ids unless gold says they are one unit."""
    gold = load_jsonl(gold_dir / f"{doc}.jsonl")
    clusters = json.loads((gold_dir / f"aliases-{doc}.json").read_text(encoding="utf-8"))
    same = {}
    for i, c in enumerate(clusters):
        for f in c["forms"]:
            same[f] = i
    facts = json.loads((gold_dir / f"{doc}.doc.json").read_text(encoding="utf-8"))
    resolver = DepartmentResolver(facts["jurisdiction"])
    names = sorted({u for g in gold for role in ("leads", "supports", "responsible") for u in g[role]})
    by_id: dict[str, set[str]] = {}
    for n in names:
        by_id.setdefault(resolver.dept_id(n), set()).add(n)
    for dept_id, forms in by_id.items():
        groups = {same.get(f, f) for f in forms}
        assert len(groups) == 1, f"{dept_id} merges {sorted(forms)}"


def test_same_name_in_two_cities_is_two_departments():
    baoji, xining = DepartmentResolver("宝鸡市"), DepartmentResolver("西宁市")
    assert baoji.dept_id("市公安局") != xining.dept_id("市公安局")
    assert baoji.dept_id("市发改委") == baoji.dept_id("宝鸡市发展和改革委员会")
    assert xining.dept_id("市发展改革委") == xining.dept_id("市发改委")


def test_every_span_quotes_the_document():
    for doc in SEEDS:
        result = extract_file(CORPUS / f"{doc}.txt")
        text = result.document.text
        for m in result.measures:
            assert text[m.span.start:m.span.end] == m.text
            # the span starts with the label as printed (1. 1、 （一）), punctuation after it aside
            assert fold(text[m.span.start:m.label_end]).rstrip(".、．") == fold(m.label), m.path
            if m.clause_span:
                assert m.clause_text == text[m.clause_span.start:m.clause_span.end]
            for u in m.units:
                q, name = fold(text[u.span.start:u.span.end]), fold(u.surface)
                if q != name:   # the suffix printed once for the list: 大通县、湟源县政府 -> 大通县政府
                    head = q.split("、")[0]
                    assert "、" in q and name.startswith(head) and q.endswith(name[len(head):]), (name, q)
                assert m.span.start <= u.span.start < u.span.end <= m.span.end
            for c in m.citations:
                assert text[c.span.start:c.span.end] == c.title
            if m.deadline_span:
                assert text[m.deadline_span.start:m.deadline_span.end] == m.deadline_text


@pytest.mark.parametrize("variant", ["wrap", "pdfwrap", "pages"])
@pytest.mark.parametrize("doc", SEEDS)
def test_seed_as_a_pdfs_wrapped_text_equals_gold(gold_dir, doc, variant, tmp_path):
    """The seed hard-wrapped as a PDF's text (bench/score.py's variants: at 38; at 28
    with each paragraph's first line two characters short; with page numbers and a
    running header) gives the gold records all the same."""
    import sys

    sys.path.insert(0, str(CORPUS.parent / "bench"))
    import score as bench_score

    path = tmp_path / f"{doc}.txt"
    path.write_text(bench_score._variant((CORPUS / f"{doc}.txt").read_text(encoding="utf-8"), variant),
                    encoding="utf-8")
    got = [r.to_json() for r in extract_file(path).measures]
    gold = load_jsonl(gold_dir / f"{doc}.jsonl")
    assert [r["path"] for r in got] == [g["path"] for g in gold], "measures or their order differ"
    mismatches = [f"{g['path']} {field}: got {r[field]!r}, gold {g[field]!r}"
                  for g, r in zip(gold, got) for field in SPEC_FIELDS if folded(r[field]) != folded(g[field])]
    assert not mismatches, "\n".join(mismatches)
