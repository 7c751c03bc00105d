"""Builds that scale: files -> records -> batches -> store, streamed.

    plan = plan_build(files, store)            # which files are new, changed, unchanged
    for event in extract_files(plan.todo, jobs=2):   # parallel, in file order
        ...
    report = run_build(store, files, jobs=2, corrections_path=…)

- **Incremental**: a file whose content hash and extractor version equal the
  stored document's is skipped; a changed file replaces its document; with
  `prune`, documents no given file produces are removed.
- **Parallel**: extraction runs in `jobs` worker processes (spawned, so that no
  database handle is inherited); results come back in file order, so the
  graph is the same as with one job.
- **Streaming**: at most `batch_docs` extracted documents are held at once (and
  at most a few more in flight), each batch is loaded and its corrections
  applied before the next one is read: memory does not grow with the corpus.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from reformkg.loaders import Extraction, LoadError, doc_id_for, extract_file, extractor_version, file_sha256
from reformkg.loaders.text import fold

from . import settings
from .builder import build
from .store import GraphStore, LoadStats, QueryError

log = logging.getLogger("reformkg.pipeline")
BATCH_DOCS = 200   # documents per load (and extracted ahead while one loads): few loads, ~1 MB each in Python


def tune_gc() -> None:
    """For a process that only extracts (`reformkg extract`, each extraction
    worker): objects made so far (modules, lexicon, spaCy pipeline) are left
    out of every collection, and young objects are collected 70x less often.
    Extraction makes millions of short-lived objects that reference counting
    frees; the collector's frequent scans of them took a quarter of the time
    (200 documents: 0.83 -> 1.15 MB/s, peak RSS 109 -> 114 MB). Not in a
    build's loading process (its memory target is tight) nor in the explorer's
    server, whose process is Streamlit's."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)


def _worker_start() -> None:
    from reformkg.loaders import extract_text  # noqa: F401  (the pipeline, before the freeze)
    from reformkg.loaders.nlp import pipeline

    pipeline()
    tune_gc()


def default_jobs() -> int:
    """REFORMKG_JOBS, else the cores this process may use."""
    if settings.get("REFORMKG_JOBS"):
        return max(1, settings.get_int("REFORMKG_JOBS"))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class BuildPlan:
    todo: list[Path] = field(default_factory=list)        # new or changed: extract and load
    new: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)         # stored documents no given file produces
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)   # (kept, skipped): same id


def stored_documents(store: GraphStore) -> dict[str, tuple[str, str, str, str]]:
    """id -> (sha256, extractor, source_file, loaded_at) of every stored document."""
    try:
        rows = store.query("MATCH (x:Document) RETURN x.id, x.sha256, x.extractor, x.source_file, "
                           "x.loaded_at").rows
    except QueryError:   # a new store, without the schema yet: nothing is stored
        return {}
    return {r[0]: tuple(r[1:]) for r in rows}


def plan_build(files: Iterable[Path], store: GraphStore | None, *, fresh: bool = False) -> BuildPlan:
    plan = BuildPlan()
    stored = {} if (store is None or fresh) else stored_documents(store)
    version = extractor_version()
    seen: dict[str, Path] = {}
    for path in files:
        doc = doc_id_for(path)
        if doc in seen:
            plan.duplicates.append((seen[doc], path))
            continue
        seen[doc] = path
        have = stored.get(doc)
        if have is None:
            plan.new.append(path)
        else:
            try:
                same = have[0] == file_sha256(path) and have[1] == version
            except OSError:
                same = False   # unreadable now: extraction says why
            (plan.unchanged if same else plan.changed).append(path)
    plan.todo = [p for p in seen.values() if p not in set(plan.unchanged)]
    plan.gone = sorted(set(stored) - set(seen))
    return plan


# --- extraction, in worker processes --------------------------------------------

@dataclass
class Extracted:
    path: Path
    extraction: Extraction | None = None   # None when `then` made `output` of it
    error: str | None = None      # one line: why the file could not be extracted
    warnings: list[str] = field(default_factory=list)
    output: object = None         # then(extraction), computed where it was extracted


def _extract_one(path: Path, then: Callable[[Extraction], object] | None = None) -> Extracted:
    try:
        extraction = extract_file(path)
    except LoadError as e:
        return Extracted(path, error=e.reason)
    except Exception as e:   # a bug, not bad input: still one line, and keep going
        first = str(e).splitlines()[0][:200] if str(e) else ""
        return Extracted(path, error=f"internal error while extracting ({type(e).__name__}: {first})")
    if then is None:
        return Extracted(path, extraction=extraction, warnings=extraction.warnings)
    return Extracted(path, warnings=extraction.warnings, output=then(extraction))


def extract_files(files: list[Path], jobs: int = 1, ahead: int = 0,
                  then: Callable[[Extraction], object] | None = None) -> Iterator[Extracted]:
    """Extract in file order; with jobs > 1 in that many processes, with at
    most `ahead` (at least 4 per worker) files in flight: the workers extract
    the next batch while the caller loads one, and memory stays bounded.

    `then` (a module-level function, so that a worker can be sent it) turns
    each extraction into what the caller needs, in the worker: `reformkg
    extract` has its JSON lines made there, for a document's lines cross
    between processes in a seventeenth of the time its records take, and the
    collecting process, which shares the cores, is left only writing them."""
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield _extract_one(path, then)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(min(jobs, len(files)), initializer=_worker_start) as pool:
        pending: deque = deque()
        queue = iter(files)
        for path in queue:
            pending.append(pool.apply_async(_extract_one, (path, then)))
            if len(pending) >= max(4 * jobs, ahead):
                break
        while pending:
            yield pending.popleft().get()
            nxt = next(queue, None)
            if nxt is not None:
                pending.append(pool.apply_async(_extract_one, (nxt, then)))


# --- the build ----------------------------------------------------------------------

@dataclass
class BuildReport:
    plan: BuildPlan
    extracted: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    stats: LoadStats = field(default_factory=LoadStats)
    corrections: object = None     # a CorrectionsReport, merged over the batches
    twins: list[tuple[str, list[str]]] = field(default_factory=list)   # (what they share, document ids)


def run_build(store: GraphStore, files: list[Path], *, corrections_path: Path, jobs: int = 1,
              fresh: bool = False, prune: bool = False, batch_docs: int = BATCH_DOCS,
              on_plan: Callable[[BuildPlan], None] | None = None,
              on_file: Callable[[Extracted], None] | None = None) -> BuildReport:
    """Extract the new and changed files and load them batch by batch, each
    batch's corrections applied after it; remove pruned documents."""
    from .corrections import CorrectionsReport, apply_corrections, read_file

    entries, problems = read_file(corrections_path)
    store.ensure_schema()   # first: a store of an older schema says so before anything is read
    plan = plan_build(files, store, fresh=fresh)
    log.debug("plan: %d new, %d changed, %d unchanged, %d gone", len(plan.new), len(plan.changed),
              len(plan.unchanged), len(plan.gone))
    _redo_uncorrected(store, plan, {c.id for c in entries})
    if on_plan:
        on_plan(plan)
    report = BuildReport(plan=plan, corrections=CorrectionsReport(problems=problems))
    batch: list[Extraction] = []

    def flush() -> None:
        if batch:
            _add_stats(report.stats, store.load(build(batch)))
            batch.clear()
            store.release_memory()

    for item in extract_files(plan.todo, jobs, ahead=batch_docs):
        if on_file:
            on_file(item)
        if item.error is not None:
            report.failed.append((item.path, item.error))
            continue
        report.extracted += 1
        report.warnings.extend((item.path, w) for w in item.warnings)
        batch.append(item.extraction)
        if len(batch) >= batch_docs:
            flush()
    flush()
    if prune and plan.gone:
        store.refresh_departments(sorted(store.delete_documents(plan.gone)))
        report.pruned = plan.gone
    report.twins = twin_documents(store)
    if entries and (report.extracted or report.pruned or plan.unchanged):
        # every correction the store has not recorded: those of the documents
        # just loaded, and any added to the file since the last build
        report.corrections.outcomes = apply_corrections(store, entries)
    return report


def twin_documents(store: GraphStore) -> list[tuple[str, list[str]]]:
    """Stored documents that look like one document loaded twice (the same plan saved
    as .pdf and .docx under two names, or crawled from two sites): the same 文号, or
    the same title in the same jurisdiction. Their measures would count twice in every
    workload; the build says so rather than guess which copy to keep."""
    rows = store.query("MATCH (x:Document) RETURN x.id, x.doc_number, x.title, x.jurisdiction").rows
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, number, title, jurisdiction in rows:
        for key in {number, f"{jurisdiction or ''}《{fold(title)}》" if title else None} - {None, ""}:
            groups[key].append(doc)
    seen, twins = set(), []
    for key, docs in sorted(groups.items()):
        if len(docs) > 1 and tuple(sorted(docs)) not in seen:
            seen.add(tuple(sorted(docs)))
            twins.append((key, sorted(docs)))
    return twins


def _redo_uncorrected(store: GraphStore, plan: BuildPlan, in_file: set[str]) -> None:
    """A document whose stored corrections are no longer all in the file (one
    was deleted by hand) is extracted again, so that the deleted one stops applying."""
    if not plan.unchanged:
        return
    try:
        rows = store.query("MATCH (c:Correction) RETURN c.id, c.doc").rows
    except QueryError:
        return
    redo = {doc for cid, doc in rows if cid not in in_file}
    again = [p for p in plan.unchanged if doc_id_for(p) in redo]
    if again:
        plan.unchanged = [p for p in plan.unchanged if p not in again]
        plan.changed.extend(again)
        plan.todo.extend(again)


def _add_stats(total: LoadStats, part: LoadStats) -> None:
    total.documents += part.documents
    total.nodes += part.nodes
    total.relationships += part.relationships
    total.seconds += part.seconds
    total.recovered.extend(part.recovered)
    for k, v in part.per_step.items():
        total.per_step[k] = total.per_step.get(k, 0.0) + v
