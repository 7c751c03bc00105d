"""`reformkg` command line: extract, build, review, cypher, query, analyze, explore."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

EXIT_BAD_INPUT = 1
EXIT_BACKEND = 2
BUILD_FIRST = " (build the store first: reformkg build)"


def _progress(iterable, total: int, desc: str):
    from tqdm import tqdm

    # disable=None: a bar on an interactive terminal, silence in pipes and CI logs
    return tqdm(iterable, total=total, desc=desc, unit="file", disable=None, file=sys.stderr)


def _shown(path) -> str:
    """A path for a one-line message: control characters (a newline in a file
    name) are written as escapes so that one failure stays one line."""
    text = str(path)
    return text if text.isprintable() else repr(text)[1:-1]


def _input_files(paths) -> list[Path]:
    """The supported files under `paths`; an unreadable folder or no file at all is said."""
    from reformkg.loaders import READERS, iter_input_files

    files = list(iter_input_files(
        paths, on_error=lambda where, why: print(f"reformkg: {_shown(where)}: skipped ({why})",
                                                 file=sys.stderr)))
    if not files:
        print(f"reformkg: no supported files under {', '.join(_shown(p) for p in paths)} "
              f"(supported: {', '.join(sorted(READERS))})", file=sys.stderr)
    return files


def _say_extracted(item, bar=None) -> bool:
    """One line per failed file and per warning (above the progress bar); True when extracted."""
    say = bar.write if bar is not None and not bar.disable else (lambda m: print(m, file=sys.stderr))
    if item.error is not None:
        say(f"reformkg: {_shown(item.path)}: {item.error}")
        return False
    for w in item.warnings:
        say(f"reformkg: {_shown(item.path)}: warning: {w}")
    return True


def _extract_all(paths, counts: dict, jobs: int, then):
    """Extract every file under `paths` (in `jobs` processes, in file order),
    yielding `then(extraction)` of each, made where it was extracted; each bad
    file is one stderr line (counted in counts["failed"]), warnings are
    printed, never a traceback."""
    from reformkg.graph.pipeline import extract_files, tune_gc

    tune_gc()   # this process extracts (with one job) and collects the results
    files = _input_files(paths)
    counts.update(files=len(files), failed=0)
    bar = _progress(None, len(files), "extract")
    for item in extract_files(files, jobs, then=then):
        bar.update(1)
        if _say_extracted(item, bar):
            yield item.output
        else:
            counts["failed"] += 1
    bar.close()


def _extracted_rows(extraction, documents: bool, review: bool, spec_only: bool) -> list[dict]:
    """The rows `reformkg extract` prints for one file: its document, or its records."""
    from reformkg.loaders import SPEC_FIELDS

    if documents:
        return [extraction.document.to_json()]
    rows = []
    for m in extraction.measures:
        if review and not m.review:
            continue
        rec = m.to_json()
        if spec_only:
            rec = {k: rec[k] for k in SPEC_FIELDS + (("review",) if review else ())}
        rows.append(rec)
    return rows


def _extracted_lines(extraction, **options) -> str:
    """Those rows as JSON lines, one string."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _extracted_rows(extraction, **options))


def cmd_extract(args: argparse.Namespace) -> int:
    from functools import partial

    out = sys.stdout
    options = dict(documents=args.documents, review=args.review, spec_only=args.spec_only)
    counts: dict = {}
    if args.format == "jsonl":
        for lines in _extract_all(args.paths, counts, args.jobs, partial(_extracted_lines, **options)):
            out.write(lines)
    else:
        rows = [r for rows in _extract_all(args.paths, counts, args.jobs, partial(_extracted_rows, **options))
                for r in rows]
        if args.format == "json":
            json.dump(rows, out, ensure_ascii=False, indent=1)
            out.write("\n")
        else:
            out.write(_table(rows, documents=args.documents, review=args.review))
    if counts["failed"]:
        print(f"reformkg: {counts['failed']} of {counts['files']} file(s) could not be extracted",
              file=sys.stderr)
    return EXIT_BAD_INPUT if counts["failed"] or not counts["files"] else 0


def _table(rows: list[dict], documents: bool, review: bool = False) -> str:
    """A readable view: one line per record, units joined with 、."""
    buf = io.StringIO()
    if documents:
        cols = ["doc", "title", "issuer", "doc_number", "signed", "published", "jurisdiction", "province"]
    elif review:
        cols = ["doc", "path", "title", "review", "clause", "leads", "supports", "responsible", "collectives"]
    else:
        cols = ["doc", "path", "title", "leads", "supports", "responsible", "collectives", "deadline"]
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        cells = []
        for c in cols:
            v = r.get(c)
            if isinstance(v, list):
                v = ("; " if c == "review" else "、").join(v)
            elif v is None:
                v = ""
            v = str(v)
            cells.append(v if c != "title" or len(v) <= 30 else v[:29] + "…")
        w.writerow(cells)
    return buf.getvalue()


def _store_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--db", type=Path, help="embedded LadybugDB file (default: REFORMKG_DB or .reformkg/graph.lbug)")
    g.add_argument("--neo4j", action="store_true",
                   help="use Neo4j at NEO4J_URI (also the default when NEO4J_URI is set)")


def _backend(args: argparse.Namespace) -> str:
    from reformkg.graph import settings

    return settings.backend(neo4j=args.neo4j, db=args.db)


def _open(args: argparse.Namespace, read_only: bool):
    from reformkg.graph import open_store

    return open_store(backend=_backend(args), db_path=args.db, read_only=read_only)


def _writer(args: argparse.Namespace):
    from reformkg.graph import open_writer

    return open_writer(backend=_backend(args), db_path=args.db)


def _corrections_path(args: argparse.Namespace) -> Path:
    from reformkg.graph.corrections import default_path

    if getattr(args, "corrections", None):
        return args.corrections
    return default_path(_backend(args), args.db)


def _report_corrections(report) -> None:
    for line in report.lines():
        print(f"reformkg: {line}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """Extract what is new or changed (in parallel) and load it batch by batch."""
    from reformkg.graph import StoreError
    from reformkg.graph.pipeline import run_build

    files = _input_files(args.paths or [Path("corpus")])
    if not files:
        return EXIT_BAD_INPUT
    on_neo4j = _backend(args) == "neo4j"
    if args.fresh and on_neo4j and not args.yes:
        print("reformkg: --fresh on Neo4j deletes every node and relationship of the database; "
              "add --yes to confirm", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.fresh and not on_neo4j:
        from reformkg.graph import default_db_path

        db = args.db or default_db_path()
        for f in (db, Path(str(db) + ".wal"), Path(str(db) + ".loading")):
            if f.exists():
                f.unlink()
    bar = _progress(None, len(files), "build")
    try:
        with _writer(args) as store:
            if args.fresh and on_neo4j:
                store.clear()
            report = run_build(store, files, corrections_path=_corrections_path(args), jobs=args.jobs,
                               fresh=args.fresh, prune=args.prune,
                               on_plan=lambda plan: bar.update(len(plan.unchanged)),
                               on_file=lambda item: (bar.update(1), _say_extracted(item, bar)))
            bar.close()
            counts = store.counts()
            where = store.location
    except StoreError as e:
        bar.close()
        print(f"reformkg: {e}", file=sys.stderr)
        return EXIT_BACKEND
    except Exception as e:   # the server stopped, a second build at once, an unknown database
        bar.close()
        if not type(e).__module__.startswith("neo4j"):
            raise
        first = (getattr(e, "message", None) or str(e) or type(e).__name__).splitlines()[0]
        print(f"reformkg: Neo4j failed during the build ({type(e).__name__}: {first[:200]}); "
              f"the next build finishes or undoes this one", file=sys.stderr)
        return EXIT_BACKEND
    plan, stats = report.plan, report.stats
    for kept, skipped in plan.duplicates:
        print(f"reformkg: {_shown(skipped)}: skipped: {_shown(kept)} gives the same document id "
              f"({kept.stem})", file=sys.stderr)
    if stats.recovered:
        print(f"reformkg: an earlier load was interrupted; removed its {len(stats.recovered)} "
              f"document(s) not in this build: {', '.join(stats.recovered)}", file=sys.stderr)
    _report_corrections(report.corrections)
    if report.twins:
        shown = "; ".join(f"{key}: {', '.join(docs)}" for key, docs in report.twins[:5])
        print(f"reformkg: {len(report.twins)} group(s) of stored documents look like one document loaded "
              f"twice (the same 文号, or the same title in the same place), so their measures count twice: "
              f"{shown}{' …' if len(report.twins) > 5 else ''}", file=sys.stderr)
    if report.failed and not report.extracted:
        print("reformkg: no document could be extracted", file=sys.stderr)
    print(f"built {report.extracted} document(s) into {where} in {stats.seconds:.1f} s "
          f"(new {len(plan.new)}, changed {len(plan.changed)}, unchanged and skipped "
          f"{len(plan.unchanged)}, failed {len(report.failed)}, pruned {len(report.pruned)})")
    if plan.gone and not args.prune:
        print(f"  {len(plan.gone)} stored document(s) no given file produces (remove them with --prune): "
              f"{', '.join(plan.gone[:5])}{' …' if len(plan.gone) > 5 else ''}")
    if report.corrections.outcomes:
        print(f"  corrections applied: {len(report.corrections.applied)}, stale: "
              f"{len(report.corrections.stale)} ({_corrections_path(args)})")
    width = max(len(k) for k in counts)
    for k, v in counts.items():
        print(f"  {k:<{width}}  {v}")
    return EXIT_BAD_INPUT if report.failed else 0


def cmd_status(args: argparse.Namespace) -> int:
    """What the store holds, when it was built, and which files changed since."""
    from reformkg import queries
    from reformkg.graph.corrections import read_file
    from reformkg.graph.pipeline import plan_build, stored_documents
    from reformkg.loaders import iter_input_files

    paths = args.paths or [Path("corpus")]
    files = list(iter_input_files(p for p in paths if Path(p).exists()))

    def look(store):
        stored = stored_documents(store)
        return (stored, plan_build(files, store),
                store.values("MATCH (m:Measure) RETURN count(m)")[0] if stored else 0,
                queries.run("corrections", {}, store).records() if stored else [],
                f"{store.location} ({store.backend})")

    done, status = _on_reader(args, look, "status")
    if done is None:
        return status
    stored, plan, measures, fixes, where = done
    path = _corrections_path(args)
    _, problems = read_file(path)
    built = max((v[3] for v in stored.values() if v[3]), default=None)
    status = {
        "store": where, "documents": len(stored), "measures": measures, "last_built": built,
        "corrections": {"file": str(path), "applied": sum(f["status"] == "applied" for f in fixes),
                        "stale": sum(f["status"] == "stale" for f in fixes), "problems": problems},
        "files": {"under": [str(p) for p in paths], "new": [str(p) for p in plan.new],
                  "changed": [str(p) for p in plan.changed], "unchanged": len(plan.unchanged),
                  "stored_without_file": plan.gone},
    }
    if args.format == "json":
        json.dump(status, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    f, c = status["files"], status["corrections"]
    print(f"store        {where}")
    print(f"documents    {len(stored)} ({measures} measures), last built {built or '—'} (UTC)")
    print(f"corrections  {c['applied']} applied, {c['stale']} stale ({path})")
    for line in problems:
        print(f"             problem: {line}")
    print(f"files under {', '.join(f['under'])}: {len(f['new'])} new, {len(f['changed'])} changed "
          f"(content or extractor version), {f['unchanged']} unchanged, "
          f"{len(f['stored_without_file'])} stored document(s) without a file")
    for what in ("new", "changed", "stored_without_file"):
        for item in f[what][:20]:
            print(f"  {what.replace('_', ' ')}: {_shown(item)}")
        if len(f[what]) > 20:
            print(f"  … and {len(f[what]) - 20} more {what.replace('_', ' ')}")
    if f["new"] or f["changed"] or f["stored_without_file"]:
        print("run `reformkg build` to bring the store up to date"
              + (" (--prune removes documents without a file)" if f["stored_without_file"] else ""))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """The review queue and people's corrections (graph/corrections.py)."""
    return {"list": _review_list, "set": _review_set, "apply": _review_apply,
            "export": _review_export}[args.action](args)


def _review_list(args: argparse.Namespace) -> int:
    from reformkg import queries
    from reformkg.graph.corrections import read_file

    _, problems = read_file(_corrections_path(args))
    done, status = _on_reader(
        args, lambda store: (queries.run("review_queue", {"doc": args.doc}, store),
                             queries.run("corrections", {"doc": args.doc}, store).records()),
        "review list", BUILD_FIRST)
    if done is None:
        return status
    queue, fixes = done
    stale = [r for r in fixes if r["status"] == "stale"]
    for line in problems:
        print(f"reformkg: {line}", file=sys.stderr)
    for r in stale:
        print(f"reformkg: stale correction of {r['measure']} by {r['who']} ({r['at']}): "
              f"{r['problem']}; not applied", file=sys.stderr)
    cols = ["id", "title", "review", "review_status", "clause"]
    idx = [queue.columns.index(c) for c in cols]
    write_result(cols, [[row[i] for i in idx] for row in queue.rows], args.format)
    return 0


def _on_reader(args: argparse.Namespace, fn, what: str, hint: str = ""):
    """fn(store) on the store opened read-only: (result, None), or, after one
    line on stderr, (None, exit status). `hint` follows a failed query."""
    from reformkg.graph import QueryError, StoreError

    try:
        with _open(args, read_only=True) as store:
            return fn(store), None
    except StoreError as e:
        print(f"reformkg: {e}", file=sys.stderr)
        return None, EXIT_BACKEND
    except QueryError as e:
        print(f"reformkg: {what} failed: {e}{hint}", file=sys.stderr)
        return None, EXIT_BAD_INPUT


def _on_writer(args: argparse.Namespace, fn):
    """fn(store) on the store opened for writing: (result, None), or, after one
    line on stderr, (None, exit status)."""
    from reformkg.graph import StoreError
    from reformkg.graph.corrections import CorrectionsError

    try:
        with _writer(args) as store:
            return fn(store), None
    except CorrectionsError as e:
        print(f"reformkg: {e}", file=sys.stderr)
        return None, EXIT_BAD_INPUT
    except StoreError as e:
        print(f"reformkg: {e}", file=sys.stderr)
        return None, EXIT_BACKEND


def _review_set(args: argparse.Namespace) -> int:
    from reformkg.graph.corrections import (ROLE_FIELDS, CorrectionsError, append, apply_corrections, make,
                                   split_names, stored_measures)

    kinds = [k for k, on in (("confirmed", args.confirm), ("not_a_measure", args.not_a_measure),
                             ("flagged", args.flag)) if on]
    values = {f: split_names(getattr(args, f)) for f in ROLE_FIELDS if getattr(args, f) is not None}
    if args.deadline is not None:
        values["deadline"] = args.deadline
    if len(kinds) > 1 or (kinds and values) or not (kinds or values):
        print("reformkg: review set: give the values to set (--leads, --supports, --responsible, "
              "--collectives, --deadline) or one of --confirm, --not-a-measure, --flag",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    path = _corrections_path(args)

    def correct(store):
        measure = stored_measures(store, [args.measure]).get(args.measure)
        if measure is None:
            raise CorrectionsError(f"no measure {args.measure} in {store.location} (ids are doc:path, as "
                                   f"`reformkg review list` and `reformkg query measure_list` print them)")
        correction = make(measure, who=args.who, why=args.why or "",
                          kind=kinds[0] if kinds else "set", values=values)
        append(path, [correction])   # the file first: a failed write is applied by the next build
        return correction, apply_corrections(store, [correction])[0]

    done, status = _on_writer(args, correct)
    if done is None:
        return status
    correction, outcome = done
    what = ", ".join(f"{k}: {('、'.join(v) or '—') if isinstance(v, list) else (v or '—')}" for k, v in values.items())
    print(f"{args.measure}: {correction.kind} {what}".rstrip() + f" ({outcome.status}; saved in {path})")
    return 0


def _review_apply(args: argparse.Namespace) -> int:
    """Add the entries of FILE to the store's corrections, then apply them."""
    from reformkg.graph.corrections import CorrectionsReport, append, apply_corrections, read_file

    incoming, problems = read_file(args.file)
    if not args.file.exists():
        problems = [f"{args.file}: no such file"]
    path = _corrections_path(args)
    have, own_problems = read_file(path)
    known = {c.id for c in have}
    new = [c for c in incoming if c.id not in known]

    def add_and_apply(store):
        if new:
            append(path, new)
        return apply_corrections(store, have + new)

    outcomes, status = _on_writer(args, add_and_apply)
    if outcomes is None:
        return status
    report = CorrectionsReport(outcomes, problems + own_problems)
    _report_corrections(report)
    print(f"{len(new)} new correction(s) from {args.file} added to {path}; applied now: "
          f"{len(report.applied)}, stale: {len(report.stale)}")
    return EXIT_BAD_INPUT if problems else 0


def _review_export(args: argparse.Namespace) -> int:
    from reformkg.graph.corrections import export, read_file

    entries, problems = read_file(_corrections_path(args))
    for line in problems:
        print(f"reformkg: {line}", file=sys.stderr)
    export(entries, args.file)
    print(f"{len(entries)} correction(s) written to {args.file}")
    return EXIT_BAD_INPUT if problems else 0


def parse_params(items: list[str] | None) -> dict:
    """--param k=v: v is read as JSON when it parses (numbers, lists), else as text."""
    params = {}
    for item in items or []:
        if "=" not in item:
            raise SystemExit(f"reformkg: --param {item!r}: expected NAME=VALUE")
        k, v = item.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    return params


def write_result(columns: list[str], rows: list[list], fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump([dict(zip(columns, r)) for r in rows], out, ensure_ascii=False, indent=1, default=str)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in r])
    else:
        cells = [[("" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict))
                   else str(v)) for v in r] for r in rows]
        widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
        line = lambda vals: "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths))  # noqa: E731
        out.write(line(columns).rstrip() + "\n")
        for r in cells:
            out.write(line(r).rstrip() + "\n")
        out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _read_and_print(args: argparse.Namespace, run, what: str) -> int:
    """Open the store read-only, run, print the result; one line per failure."""
    result, status = _on_reader(args, run, what)
    if result is None:
        return status
    write_result(result.columns, result.rows, args.format)
    if result.truncated:
        print(f"reformkg: truncated at {args.limit} rows (--limit)", file=sys.stderr)
    return 0


def cmd_cypher(args: argparse.Namespace) -> int:
    """The analysts' console from the shell: the explorer's guard and isolation."""
    from reformkg.queries import console

    params = parse_params(args.param)
    try:
        limits = console.ConsoleLimits(args.timeout,
                                       console.MAX_ROWS_CAP if args.limit is None else args.limit)
        console.check(args.query)
    except console.ConsoleRefused as e:
        print(f"reformkg: refused: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _read_and_print(args, lambda store: console.run(store, args.query, params, limits), "query")


def cmd_query(args: argparse.Namespace) -> int:
    from reformkg import queries

    if args.name == "list":
        for q in queries.list():
            params = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in q.params)
            print(f"{q.name:<24} {q.title_zh} | {q.title_en}  ({params})")
        for problem in queries.PROBLEMS:
            print(f"reformkg: query file skipped: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT if queries.PROBLEMS else 0
    if args.name == "run":   # `query run NAME`: any name, `list` and `show` too
        if not args.extra:
            print("reformkg: query run NAME [--param k=v …]", file=sys.stderr)
            return EXIT_BAD_INPUT
        args.name, args.extra = args.extra[0], args.extra[1:]
    elif args.name == "show":
        if not args.extra:
            print("reformkg: query show NAME", file=sys.stderr)
            return EXIT_BAD_INPUT
        try:
            q = queries.get(args.extra[0])
        except queries.QueryParamError as e:
            print(f"reformkg: {e}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(q.path.read_text(encoding="utf-8").rstrip())
        for backend, text in sorted(q.variants.items()):
            print(f"\n// --- variant for {backend} ---\n{text}")
        return 0
    if args.extra:
        print(f"reformkg: unexpected arguments {args.extra}; parameters go in --param NAME=VALUE",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        params = parse_params(args.param)
        queries.get(args.name).bind(params)   # validate before opening any store
    except queries.QueryParamError as e:
        print(f"reformkg: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _read_and_print(
        args, lambda store: queries.run(args.name, params, store, timeout_ms=args.timeout,
                                        max_rows=args.limit),
        f"query {args.name}")


def cmd_analyze(args: argparse.Namespace) -> int:
    from reformkg import queries
    from reformkg.graph.analytics import analyze, bridges

    rows, status = _on_reader(   # a query error: a store without the schema, say
        args, lambda store: queries.run("department_edges", {"jurisdiction": args.jurisdiction}, store).records(),
        "analyze", BUILD_FIRST)
    if rows is None:
        return status
    result = analyze(rows)
    tables = {
        "centrality": result.departments[: args.top],
        "bridges": bridges(result, args.top),
        "communities": result.communities,
    }
    if args.table:
        tables = {args.table: tables[args.table]}
    elif args.format == "csv":
        print("reformkg: --format csv writes one table: add --table centrality|bridges|communities",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "json":
        json.dump(tables, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for title, rows in tables.items():
        if args.format == "table":
            print(f"== {title} ==")
        if rows:
            cols = list(rows[0])
            write_result(cols, [[r[c] for c in cols] for r in rows], args.format)
        if args.format == "table":
            print()
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    """Start the Streamlit explorer (it builds corpus/ itself on first start)."""
    import subprocess
    import threading
    import webbrowser

    from importlib.util import find_spec

    app = find_spec("reformkg.explorer.app").origin   # the packaged main script, installed or not
    env = dict(os.environ)
    if args.db:
        env["REFORMKG_DB"] = str(args.db)
    url = f"http://{args.host}:{args.port}/"
    # always headless: Streamlit's own browser start asks for an e-mail on first run
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", args.host,
           "--server.port", str(args.port), "--browser.gatherUsageStats", "false",
           "--server.headless", "true"]
    print(f"reformkg: explorer on {url} (Ctrl-C to stop)", file=sys.stderr)
    if args.open:
        threading.Timer(3.0, lambda: webbrowser.open(url)).start()
    try:
        return subprocess.call(cmd, env=env, cwd=os.getcwd())
    except KeyboardInterrupt:
        return 0


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return n


def _timeout_default() -> int:
    from reformkg.graph import settings

    return settings.get_int("REFORMKG_QUERY_TIMEOUT_MS")


def _jobs_arg(p: argparse.ArgumentParser) -> None:
    from reformkg.graph.pipeline import default_jobs

    p.add_argument("--jobs", type=_positive_int, default=default_jobs(), metavar="N",
                   help="extract in N processes (default: REFORMKG_JOBS or the number of cores, "
                        f"here {default_jobs()}); the records are the same, in the same order")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reformkg", description=(
        "Knowledge graph of government reform measures and the agencies responsible for them."))
    p.add_argument("--debug", action="store_true",
                   help="log what happens (timings, store steps) and show a traceback on an internal error")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract measure records from documents",
                       description="Print one record per measure (shared/spec/extraction-format.md).")
    e.add_argument("paths", nargs="+", type=Path, help="files or directories (walked)")
    e.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl")
    e.add_argument("--spec-only", action="store_true", help="only the fields of the extraction spec")
    e.add_argument("--documents", action="store_true",
                   help="print document records (metadata, sections) instead of measures")
    e.add_argument("--review", action="store_true",
                   help="only the records the extractor flagged, with the reasons (the `review` field)")
    _jobs_arg(e)
    e.set_defaults(func=cmd_extract)

    b = sub.add_parser("build", help="extract documents and load them into the graph",
                       description="Replace each document's subgraph in the store (embedded by default).")
    b.add_argument("paths", nargs="*", type=Path, help="files or directories (default: corpus/)")
    b.add_argument("--fresh", action="store_true",
                   help="start from an empty store: delete the embedded file, or on Neo4j "
                        "every node of the database (with --yes)")
    b.add_argument("--yes", action="store_true", help="confirm --fresh on Neo4j")
    b.add_argument("--prune", action="store_true",
                   help="remove stored documents that none of the given files produces")
    _jobs_arg(b)
    b.add_argument("--corrections", type=Path, metavar="FILE",
                   help="the corrections to apply (default: REFORMKG_CORRECTIONS, or corrections.yaml "
                        "beside the embedded store; .reformkg/ for Neo4j)")
    _store_args(b)
    b.set_defaults(func=cmd_build)

    st = sub.add_parser("status", help="what the store holds and which files changed since the build")
    st.add_argument("paths", nargs="*", type=Path, help="files or directories to compare (default: corpus/)")
    st.add_argument("--format", choices=("table", "json"), default="table")
    st.add_argument("--corrections", type=Path, metavar="FILE", help="the corrections file (as for build)")
    _store_args(st)
    st.set_defaults(func=cmd_status)

    r = sub.add_parser("review", help="the review queue and people's corrections",
                       description="Corrections live beside the store (REFORMKG_CORRECTIONS, default "
                                   "corrections.yaml in the store's folder) and are applied by every build.")
    rs = r.add_subparsers(dest="action", required=True)
    rl = rs.add_parser("list", help="records to review: flagged by the extractor or a user; stale corrections")
    rl.add_argument("--doc", help="only this document id")
    rl.add_argument("--format", choices=("table", "json", "csv"), default="table")
    rset = rs.add_parser("set", help="correct one measure (saved, then applied at once)")
    rset.add_argument("measure", help="measure id doc:path (reformkg review list prints them)")
    for f, what in (("leads", "lead units"), ("supports", "supporting units"),
                    ("responsible", "responsible units (a clause without a lead)"),
                    ("collectives", "collectives (各县区 …)")):
        rset.add_argument(f"--{f}", metavar="A,B", help=f"the {what}, comma-separated ('' for none)")
    rset.add_argument("--deadline", help="the deadline as printed (2023年6月底) or ISO (2023-06-30)")
    rset.add_argument("--confirm", action="store_true", help="the extracted record is right")
    rset.add_argument("--not-a-measure", action="store_true", help="the item is not a measure")
    rset.add_argument("--flag", action="store_true", help="put the record in the review queue")
    rset.add_argument("--who", required=True, help="who makes the correction")
    rset.add_argument("--why", help="why (required except with --confirm)")
    ra = rs.add_parser("apply", help="add the corrections of FILE (YAML or .jsonl) and apply them")
    ra.add_argument("file", type=Path)
    rx = rs.add_parser("export", help="write the store's corrections to FILE (YAML or .jsonl)")
    rx.add_argument("file", type=Path)
    for sp in (rl, rset, ra, rx):
        sp.add_argument("--corrections", type=Path, metavar="FILE",
                        help="the corrections file (default: REFORMKG_CORRECTIONS, or corrections.yaml "
                             "beside the embedded store; .reformkg/ for Neo4j)")
        _store_args(sp)
    r.set_defaults(func=cmd_review)

    c = sub.add_parser("cypher", help="run a read-only Cypher query",
                       description="Read-only on both backends: writes are refused by the engine.")
    c.add_argument("query")
    c.add_argument("--param", action="append", metavar="NAME=VALUE", help="query parameter (repeatable)")
    c.add_argument("--format", choices=("table", "json", "csv"), default="table")
    c.add_argument("--timeout", type=_positive_int, default=_timeout_default(), metavar="MS",
                   help=f"time limit (default: REFORMKG_QUERY_TIMEOUT_MS, here {_timeout_default()})")
    c.add_argument("--limit", type=_positive_int, default=None, metavar="N", help="stop after N rows")
    _store_args(c)
    c.set_defaults(func=cmd_cypher)

    q = sub.add_parser("query", help="run a named query (reformkg query list)",
                       description="reformkg query list | query show NAME | query run NAME --param k=v … "
                                   "(`query NAME` is short for `query run NAME`)")
    q.add_argument("name", help="list, show, run, or a query name")
    q.add_argument("extra", nargs="*", help="the query name after `show` or `run`")
    q.add_argument("--param", action="append", metavar="NAME=VALUE", help="query parameter (repeatable)")
    q.add_argument("--format", choices=("table", "json", "csv"), default="table")
    q.add_argument("--timeout", type=_positive_int, default=_timeout_default(), metavar="MS",
                   help=f"time limit (default: REFORMKG_QUERY_TIMEOUT_MS, here {_timeout_default()})")
    q.add_argument("--limit", type=_positive_int, default=None, metavar="N")
    _store_args(q)
    q.set_defaults(func=cmd_query)

    a = sub.add_parser("analyze", help="co-responsibility network: centrality, communities, bridges")
    a.add_argument("--jurisdiction", default=None, help="only this jurisdiction")
    a.add_argument("--top", type=_positive_int, default=15)
    a.add_argument("--table", choices=("centrality", "bridges", "communities"),
                   help="only this table (required with --format csv: one header per stream)")
    a.add_argument("--format", choices=("table", "json", "csv"), default="table")
    _store_args(a)
    a.set_defaults(func=cmd_analyze)

    x = sub.add_parser("explore", help="open the Streamlit explorer",
                       description="Runs `streamlit run app.py`; builds corpus/ first if the store is empty.")
    x.add_argument("--host", default="127.0.0.1")
    x.add_argument("--port", type=int, default=8501)
    x.add_argument("--open", action="store_true", help="also open it in the default browser")
    x.add_argument("--db", type=Path, help="embedded store (default: REFORMKG_DB or .reformkg/graph.lbug)")
    x.set_defaults(func=cmd_explore)
    return p


def main(argv: list[str] | None = None) -> int:
    import logging

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="reformkg: %(name)s: %(levelname)s: %(message)s")
    log = logging.getLogger("reformkg")
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
    except Exception as e:   # a bug: one line for a user, the traceback with --debug
        if args.debug:
            raise
        log.debug("internal error", exc_info=True)
        first = str(e).splitlines()[0][:200] if str(e) else ""
        print(f"reformkg: internal error ({type(e).__name__}: {first}); run again with --debug for the "
              f"traceback", file=sys.stderr)
        return EXIT_BACKEND


if __name__ == "__main__":
    sys.exit(main())
