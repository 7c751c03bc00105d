"""`reformkg` command line: extract, build, cypher, query, analyze, explore."""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

EXIT_BAD_INPUT = 1
EXIT_BACKEND = 2


def _progress(iterable, total: int, desc: str):
    from tqdm import tqdm

    # disable=None: a bar on an interactive terminal, silence in pipes and CI logs
    return tqdm(iterable, total=total, desc=desc, unit="file", disable=None, file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from loaders import LoadError, SPEC_FIELDS, extract_file, iter_input_files

    files = list(iter_input_files(args.paths))
    failed = 0
    out = sys.stdout
    rows: list[dict] = []
    for path in _progress(files, len(files), "extract"):
        try:
            result = extract_file(path)
        except LoadError as e:
            print(f"reformkg: {e.path}: {e.reason}", file=sys.stderr)
            failed += 1
            continue
        except Exception as e:  # a bug, not bad input: still one line, and keep going
            print(f"reformkg: {path}: internal error while extracting ({type(e).__name__}: {e})",
                  file=sys.stderr)
            failed += 1
            continue
        for w in result.warnings:
            print(f"reformkg: {path}: warning: {w}", file=sys.stderr)
        if args.documents:
            rows.append(result.document.to_json())
            continue
        for m in result.measures:
            rec = m.to_json()
            if args.spec_only:
                rec = {k: rec[k] for k in SPEC_FIELDS}
            rows.append(rec)
        if args.format == "jsonl":
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
            rows = []
    if args.format == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(_table(rows, documents=args.documents))
    if failed:
        print(f"reformkg: {failed} of {len(files)} file(s) could not be extracted", file=sys.stderr)
    return EXIT_BAD_INPUT if failed or not files else 0


def _table(rows: list[dict], documents: bool) -> str:
    """A readable view: one line per record, units joined with 、."""
    buf = io.StringIO()
    if documents:
        cols = ["doc", "title", "issuer", "doc_number", "signed", "published", "jurisdiction", "province"]
    else:
        cols = ["doc", "path", "title", "leads", "supports", "responsible", "collectives", "deadline"]
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        cells = []
        for c in cols:
            v = r.get(c)
            if isinstance(v, list):
                v = "、".join(v)
            elif v is None:
                v = ""
            v = str(v)
            cells.append(v if c != "title" or len(v) <= 30 else v[:29] + "…")
        w.writerow(cells)
    return buf.getvalue()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reformkg", description=(
        "Knowledge graph of government reform measures and the agencies responsible for them."))
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract measure records from documents",
                       description="Print one record per measure (shared/spec/extraction-format.md).")
    e.add_argument("paths", nargs="+", type=Path, help="files or directories (walked)")
    e.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl")
    e.add_argument("--spec-only", action="store_true", help="only the fields of the extraction spec")
    e.add_argument("--documents", action="store_true",
                   help="print document records (metadata, sections) instead of measures")
    e.set_defaults(func=cmd_extract)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `reformkg extract … | head`
        try:
            sys.stdout.close()
        except Exception:
            pass
        return 0
    except KeyboardInterrupt:
        print("reformkg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
