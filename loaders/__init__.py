"""Loaders: files -> measure records. No database code lives here.

    from reformkg.loaders import extract_file, iter_input_files, LoadError
    result = extract_file(Path("corpus/baoji-2022.txt"))
    result.document.title, len(result.measures)
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .read import READERS, LoadError, read_document, supported
from .records import DocumentRecord, Extraction, MeasureRecord, SectionRecord, SPEC_FIELDS
from .text import Text

__all__ = ["extract_file", "extract_text", "iter_input_files", "doc_id_for", "file_sha256",
           "extractor_version", "LoadError", "Extraction",
           "DocumentRecord", "MeasureRecord", "SectionRecord", "SPEC_FIELDS", "READERS"]


def __getattr__(name: str):
    # the extraction pipeline (spaCy) is imported on first use only: the graph
    # stores and the console's child processes need records, not the pipeline
    if name == "extract_text":
        from .extract import extract_text

        return extract_text
    raise AttributeError(name)


# A work plan's longest paragraph is a few thousand characters, and one that
# PDF or Word extraction flattened onto one line some hundred thousand. A
# longer line is not a document layout, and extracting it would take memory
# without bound (the entity layer holds one token per character).
MAX_LINE_CHARS = 1_000_000


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the loaders' code and data: a document extracted by another
    version is extracted again by an incremental build."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted([*here.glob("*.py"), *(here / "data").glob("*")]):
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def file_sha256(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def doc_id_for(path: Path) -> str:
    """Document id = the file's name without its extension."""
    return Path(path).stem


def extract_file(path: Path | str) -> Extraction:
    """Read and extract one file; raises LoadError with a one-line reason."""
    path = Path(path)
    raw = read_document(path)
    longest = max((len(line) for line in raw.text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise LoadError(path, f"a line of {longest:,} characters (limit {MAX_LINE_CHARS:,}): "
                              f"not the layout of a document; split it into paragraphs first")
    text = Text.of(raw.text)
    if not text.raw.strip():
        raise LoadError(path, "no text after reading the file")
    from .extract import NOTICE_ONLY, extract_text

    digest = file_sha256(path)
    result = extract_text(doc_id_for(path), text, source_file=str(path),
                          source_format=raw.source_format, encoding=raw.encoding, sha256=digest)
    result.warnings.extend(raw.warnings)
    _flag_doubts(result, raw.doubts)
    _flag_an_unread_table(result)
    if not result.measures and not result.document.sections:
        raise LoadError(path, next((f"no measures: {w}" for w in result.warnings if w.startswith(NOTICE_ONLY)),
                                   _no_items(result.document.text)))
    return result


def _no_items(text: str) -> str:
    """Why a file gave no items: no labels, or a task table printed one cell per line
    whose rows nothing tells apart (no 序号 column)."""
    from .tables import unread_header_per_line

    header = unread_header_per_line(text)
    if header is not None:
        return (f"no numbered items found: a task table printed one cell per line ({header}) has no 序号 "
                f"column to tell where each row starts; add the row numbers, or save the table as .docx, "
                f".xlsx or .html")
    return "no numbered items found (expected labels such as 一、 (一) 1. (1))"


def _flag_doubts(result: Extraction, doubts: tuple[tuple[str, str], ...]) -> None:
    """The reader's doubts about lines it wrote (a table row whose cells were
    told apart by a guess): the record printed on each such line is flagged;
    a line no record covers is a document warning."""
    text = result.document.text
    for line, reason in doubts:
        at = text.find(line)
        hits = [m for m in result.measures if at >= 0 and m.span.start <= at < m.span.end]
        for m in hits:
            if reason not in m.review:
                m.review.append(reason)
        if not hits:
            result.warnings.append(f"{reason}:「{line[:40]}」")


def _flag_an_unread_table(result: Extraction) -> None:
    """A task table's header left in the text (no reader could read the table):
    the records with no unit may be its rows, read as prose; each says so."""
    from .lexicon import lexicon
    from .tables import unread_header

    bare = [m for m in result.measures if not m.units]
    header = unread_header(result.document.text) if bare else None
    if header is None:
        return
    reason = lexicon().data["review_table_unread"].format(header=header[:40])
    result.warnings.append(reason)
    for m in bare:
        m.review.append(reason)


def iter_input_files(paths: Iterable[Path | str],
                     on_error: Callable[[str, str], None] | None = None) -> Iterator[Path]:
    """Files named on the command line; directories are walked (supported
    types only, hidden files and folders skipped). A folder that cannot be
    read is reported to `on_error(path, reason)`, never skipped silently."""
    def report(err: OSError) -> None:
        if on_error is not None:
            on_error(err.filename or "?", err.strerror or type(err).__name__)

    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, onerror=report):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in files if not f.startswith("."))
            for child in sorted(found):
                if child.is_file() and supported(child):
                    yield child
        else:
            yield p
