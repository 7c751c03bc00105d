"""Builds that scale (graph/pipeline.py): parallel and streamed builds give the
graph of a one-job build, incremental builds that of a fresh build, on both stores."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, SHARED, run_cli
from reformkg.graph import schema
from reformkg.graph.pipeline import extract_files, plan_build, run_build

DEV_DOCS = sorted((SHARED / "dev" / "docs").glob("*"))[:6]
VOLATILE = {"loaded_at", "source_file"}   # when and from which folder: not the graph's content


def dump(store) -> dict[str, list]:
    """The whole graph, canonically: every node and relationship with its
    properties (empty ones dropped), sorted."""
    def clean(props: dict) -> dict:
        return {k: v for k, v in props.items()
                if not k.startswith("_") and k not in VOLATILE and v not in (None, [])}

    out: dict[str, list] = {}
    for n in schema.NODES:
        rows = store.query(f"MATCH (n:{n.label}) RETURN n").rows
        out[n.label] = sorted((json.dumps(clean(r[0]), ensure_ascii=False, sort_keys=True) for r in rows))
    for r in schema.RELS:
        rows = store.query(f"MATCH (a)-[r:{r.type}]->(b) RETURN a.id, b.id, r").rows
        out[r.type] = sorted(json.dumps([a, b, clean(p)], ensure_ascii=False, sort_keys=True)
                             for a, b, p in rows)
    return out


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """The seeds and six dev documents: several layouts, not only two."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for f in [*sorted(CORPUS.glob("*.txt")), *DEV_DOCS]:
        shutil.copy(f, folder / f.name)
    return folder


def _files(folder: Path) -> list[Path]:
    from reformkg.loaders import iter_input_files

    return list(iter_input_files([folder]))


def _fresh(any_store, tmp_path, name: str):
    """An empty store of the same backend as any_store."""
    if any_store.backend == "neo4j":
        any_store.clear()
        return any_store
    from reformkg.graph.ladybug_store import LadybugStore

    return LadybugStore(tmp_path / name / "g.lbug")


def test_parallel_streamed_build_equals_one_job(any_store, corpus, tmp_path):
    fixes = tmp_path / "none.yaml"
    one = run_build(any_store, _files(corpus), corrections_path=fixes, jobs=1, batch_docs=1000)
    assert one.extracted == len(_files(corpus)) and not one.failed
    expected = dump(any_store)
    assert sum(map(len, expected.values())) > 2000
    store = _fresh(any_store, tmp_path, "b")
    streamed = run_build(store, _files(corpus), corrections_path=fixes, jobs=2, batch_docs=2)
    assert streamed.stats.documents == one.stats.documents
    assert dump(store) == expected


def test_incremental_build_equals_fresh_build(any_store, corpus, tmp_path):
    fixes = tmp_path / "none.yaml"
    run_build(any_store, _files(corpus), corrections_path=fixes, jobs=2)
    edited, removed = DEV_DOCS[0].name, DEV_DOCS[1].name
    text = (corpus / edited).read_text(encoding="utf-8")
    assert "牵头" in text
    (corpus / edited).write_text(text.replace("牵头", "负责", 1), encoding="utf-8")
    (corpus / removed).unlink()
    added = sorted((SHARED / "dev" / "docs").glob("*"))[6]
    shutil.copy(added, corpus / added.name)

    plan = plan_build(_files(corpus), any_store)
    assert [p.name for p in plan.changed] == [edited]
    assert [p.name for p in plan.new] == [added.name]
    assert plan.gone == [Path(removed).stem]
    assert len(plan.unchanged) == len(_files(corpus)) - 2
    report = run_build(any_store, _files(corpus), corrections_path=fixes, jobs=2, prune=True)
    assert report.extracted == 2 and report.pruned == [Path(removed).stem]
    incremental = dump(any_store)

    store = _fresh(any_store, tmp_path, "fresh")
    run_build(store, _files(corpus), corrections_path=fixes, jobs=1)
    assert dump(store) == incremental


def test_a_new_extractor_version_extracts_again(ladybug_store, corpus, tmp_path, monkeypatch):
    from reformkg.graph import pipeline

    fixes = tmp_path / "none.yaml"
    run_build(ladybug_store, _files(corpus), corrections_path=fixes)
    assert plan_build(_files(corpus), ladybug_store).todo == []
    monkeypatch.setattr(pipeline, "extractor_version", lambda: "another-version")
    assert len(plan_build(_files(corpus), ladybug_store).changed) == len(_files(corpus))


def test_extract_jobs_give_the_same_records_in_the_same_order(corpus):
    files = _files(corpus)
    one = [(e.path, [m.to_json() for m in e.extraction.measures]) for e in extract_files(files, 1)]
    two = [(e.path, [m.to_json() for m in e.extraction.measures]) for e in extract_files(files, 2)]
    assert one == two and len(one) == len(files)


def _titles(extraction) -> list[str]:   # module level: a worker process is sent it
    return [m.title for m in extraction.measures]


def test_then_runs_where_the_file_is_extracted_and_only_its_output_comes_back(corpus):
    files = _files(corpus)
    for jobs in (1, 2):
        got = list(extract_files(files, jobs, then=_titles))
        assert [e.path for e in got] == files
        assert all(e.extraction is None and e.output for e in got)
        assert [e.output for e in got] == [[m.to_json()["title"] for m in e.extraction.measures]
                                           for e in extract_files(files, 1)]


def test_cli_status_and_incremental_build(corpus, tmp_path):
    db = ["--db", str(tmp_path / "g.lbug")]
    proc = run_cli("status", str(corpus), *db)
    assert proc.returncode == 2 and "run `reformkg build` first" in proc.stderr
    proc = run_cli("build", str(corpus), *db, "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    n = len(_files(corpus))
    assert f"built {n} document(s)" in proc.stdout and f"new {n}," in proc.stdout
    proc = run_cli("build", str(corpus), *db)
    assert "built 0 document(s)" in proc.stdout and f"unchanged and skipped {n}" in proc.stdout
    (corpus / "baoji-2022.txt").write_text((CORPUS / "baoji-2022.txt").read_text(encoding="utf-8") + "\n",
                                           encoding="utf-8")
    (corpus / "xining-2022.txt").unlink()
    status = json.loads(run_cli("status", str(corpus), *db, "--format", "json").stdout)
    assert status["documents"] == n and status["last_built"]
    assert status["files"]["changed"] == [str(corpus / "baoji-2022.txt")]
    assert status["files"]["stored_without_file"] == ["xining-2022"] and status["files"]["new"] == []
    proc = run_cli("build", str(corpus), *db, "--prune")
    assert proc.returncode == 0, proc.stderr
    assert "built 1 document(s)" in proc.stdout and "pruned 1)" in proc.stdout
    status = json.loads(run_cli("status", str(corpus), *db, "--format", "json").stdout)
    assert status["documents"] == n - 1 and status["files"]["changed"] == []


def test_a_document_loaded_twice_under_two_names_is_reported(corpus, tmp_path):
    """The same plan saved twice (two names, e.g. a portal's .pdf and .docx) would count
    its measures twice in every workload: the build names both copies."""
    db = ["--db", str(tmp_path / "g.lbug")]
    proc = run_cli("build", str(corpus), *db)
    assert proc.returncode == 0 and "loaded twice" not in proc.stderr, proc.stderr
    (corpus / "宝政办函2022-21.txt").write_text((CORPUS / "baoji-2022.txt").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    proc = run_cli("build", str(corpus), *db)
    assert proc.returncode == 0, proc.stderr
    assert "look like one document loaded twice" in proc.stderr
    assert "宝政办函〔2022〕21号: baoji-2022, 宝政办函2022-21" in proc.stderr
