"""Security and reliability guards (issue 10): one test per problem, on both
backends where it applies. The console cases are data: tests/specs/console.yaml."""
from __future__ import annotations

import io
import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from reformkg import queries
from reformkg.graph import QueryError, build
from reformkg.queries import console
from reformkg.queries.isolated import run_isolated

from conftest import ROOT, run_cli

SPECS = yaml.safe_load((Path(__file__).parent / "specs" / "console.yaml").read_text(encoding="utf-8"))


# --- the guard: a lexer and an allow-list --------------------------------------

@pytest.mark.parametrize("case", SPECS["refused"], ids=lambda c: c["cypher"][:40])
def test_console_refuses(case):
    with pytest.raises(console.ConsoleRefused) as err:
        console.check(case["cypher"])
    assert case["says"].lower() in str(err.value).lower()


@pytest.mark.parametrize("cypher", SPECS["accepted"], ids=lambda c: c[:40])
def test_console_accepts_reads(cypher):
    console.check(cypher)


@pytest.mark.parametrize("name", [q.name for q in queries.list()])
@pytest.mark.parametrize("backend", ["ladybug", "neo4j"])
def test_every_library_query_passes_the_console(name, backend):
    """The console offers the library as examples: each must run there."""
    console.check(queries.get(name).text_for(backend))


def test_a_string_cannot_hide_code_from_the_guard():
    toks = console.tokens("RETURN '//' AS x, \"/*\" AS y, `a``b` AS z // tail")
    assert [(t.kind, t.text) for t in toks] == [
        ("word", "RETURN"), ("string", "//"), ("word", "AS"), ("word", "x"), ("punct", ","),
        ("string", "/*"), ("word", "AS"), ("word", "y"), ("punct", ","), ("name", "a`b"),
        ("word", "AS"), ("word", "z")]


def test_row_cap_is_pushed_into_the_statement():
    toks = console.check("MATCH (m:Measure) RETURN m.id; // done")
    assert console.with_row_cap("MATCH (m:Measure) RETURN m.id; // done", toks, 10) == \
        "MATCH (m:Measure) RETURN m.id\nLIMIT 11"
    toks = console.check("MATCH (m) RETURN m LIMIT 5")
    assert console.with_row_cap("MATCH (m) RETURN m LIMIT 5", toks, 10) == "MATCH (m) RETURN m LIMIT 5"


@pytest.mark.parametrize("limits", [(-5, 10), (0, 10), (1000, -1), (1000, 0)])
def test_console_limits_must_be_positive(limits):
    with pytest.raises(console.ConsoleRefused):
        console.ConsoleLimits(*limits)


# --- both backends: isolation, limits ---------------------------------------------

def test_console_streams_and_cuts_at_the_cap(read_only_store):
    start = time.monotonic()
    result = console.run(read_only_store, "UNWIND range(1, 50000000) AS x RETURN x",
                         limits=console.ConsoleLimits(timeout_ms=20_000, max_rows=1000))
    assert len(result.rows) == 1000 and result.truncated
    assert time.monotonic() - start < 15   # the engine stopped at the cap, not at 50 million


def test_console_time_limit_is_a_hard_kill(read_only_store):
    start = time.monotonic()
    with pytest.raises(QueryError, match="time limit"):
        # CPU-bound, little memory: 154^4 rows through a predicate
        console.run(read_only_store, "MATCH (a:Measure), (b:Measure), (c:Measure), (d:Measure) "
                                     "WHERE a.ordinal + b.ordinal + c.ordinal + d.ordinal > 0 RETURN count(*)",
                    limits=console.ConsoleLimits(timeout_ms=500, max_rows=10))
    assert time.monotonic() - start < 15


def test_console_memory_limit_costs_that_query_only(read_only_store, monkeypatch):
    """The embedded engine runs in the console's child process, so its memory is
    capped there (on Neo4j the server's transaction memory limit does this)."""
    if read_only_store.backend != "ladybug":
        pytest.skip("Neo4j evaluates queries in the server, under its own memory limits")
    monkeypatch.setenv("REFORMKG_CONSOLE_MEMORY_MB", "400")
    with pytest.raises(QueryError, match="memory|time limit"):
        console.run(read_only_store, "MATCH (a:Document), (b:Document), (c:Measure), (d:Measure) "
                            "RETURN a.text + b.text AS t ORDER BY c.id, d.id",
                    limits=console.ConsoleLimits(timeout_ms=60_000, max_rows=10))
    assert read_only_store.query("MATCH (m:Measure) RETURN count(m)").rows == [[154]]


def test_the_engine_refuses_writes_behind_the_guard(read_only_store):
    with pytest.raises(QueryError, match="read-only"):
        run_isolated(read_only_store, "MATCH (m:Measure) SET m.title = 'x' RETURN count(m)", {},
                     console.ConsoleLimits())
    assert read_only_store.query("MATCH (m:Measure {title: 'x'}) RETURN count(m)").rows == [[0]]


def test_a_crashing_query_kills_only_its_process(ladybug_store, seed_extractions):
    """LadybugDB 0.22 segfaults on READ_CSV_SERIAL: even past the guard, the
    caller survives and its store still answers."""
    from reformkg.graph.ladybug_store import LadybugStore

    ladybug_store.load(build(seed_extractions))
    ladybug_store.close()
    ro = LadybugStore(ladybug_store.path, read_only=True)
    with pytest.raises(QueryError, match="crashed"):
        run_isolated(ro, "CALL READ_CSV_SERIAL('/etc/passwd') RETURN *", {}, console.ConsoleLimits())
    assert ro.query("MATCH (m:Measure) RETURN count(m)").rows == [[154]]
    ro.close()


def test_a_pending_checkpoint_heals_on_the_next_open(ladybug_store, seed_extractions):
    """CHECKPOINT on a read-only database left it unreadable read-only; the
    guard refuses CHECKPOINT, and an open that finds the state repairs it."""
    import ladybug

    from reformkg.graph.ladybug_store import LadybugStore

    ladybug_store.load(build(seed_extractions))
    ladybug_store.close()
    db = ladybug.Database(str(ladybug_store.path), read_only=True)
    with pytest.raises(RuntimeError):
        ladybug.Connection(db).execute("CHECKPOINT")
    db.close()
    with pytest.raises(RuntimeError, match="recovery is pending"):
        ladybug.Database(str(ladybug_store.path), read_only=True)
    ro = LadybugStore(ladybug_store.path, read_only=True)
    assert ro.query("MATCH (m:Measure) RETURN count(m)").rows == [[154]]
    ro.close()


def test_cli_cypher_refuses_copy_to_a_file(tmp_path, built_embedded):
    target = tmp_path / "leak.csv"
    proc = run_cli("cypher", f"COPY (MATCH (d:Department) RETURN d.name) TO '{target}'",
                   "--db", str(built_embedded))
    assert proc.returncode == 1 and "refused" in proc.stderr and "Traceback" not in proc.stderr
    assert not target.exists()


@pytest.mark.parametrize("flag", [["--timeout", "-5"], ["--limit", "-1"], ["--limit", "0"]])
def test_cli_rejects_non_positive_limits(flag, built_embedded):
    proc = run_cli("cypher", "RETURN 1", *flag, "--db", str(built_embedded))
    assert proc.returncode == 2 and "positive" in proc.stderr and "Traceback" not in proc.stderr


# --- Neo4j: engine settings and secrets --------------------------------------------

@pytest.mark.neo4j
def test_neo4j_refuses_file_urls_even_past_the_guard(neo4j_store):
    with pytest.raises(QueryError, match="allow_csv_import_from_file_urls"):
        neo4j_store.query("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1")


@pytest.mark.neo4j
def test_neo4j_password_is_not_on_the_command_line_or_in_the_log(neo4j_env):
    password = neo4j_env["NEO4J_PASSWORD"]
    ps = subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True, text=True).stdout
    assert "Neo4jLauncher" in ps and password not in ps
    cache = Path(os.environ.get("REFORMKG_CACHE", ROOT / ".cache")) / "neo4j"
    for log in cache.rglob("*.log"):
        assert password not in log.read_text(encoding="utf-8", errors="replace"), log


def test_a_password_in_the_uri_is_never_echoed():
    proc = run_cli("cypher", "RETURN 1", env={"NEO4J_URI": "bolt://neo4j:s3cret-pw@127.0.0.1:1"})
    assert proc.returncode == 2 and "s3cret-pw" not in proc.stderr + proc.stdout


@pytest.mark.neo4j
def test_fresh_on_neo4j_needs_confirmation_and_then_clears(neo4j_env, neo4j_store, seed_extractions):
    neo4j_store.load(build(seed_extractions))
    neo4j_store.write("CREATE (:Stray {id: 'left over'})")
    proc = run_cli("build", "--fresh", "--neo4j", env=neo4j_env)
    assert proc.returncode == 1 and "--yes" in proc.stderr
    assert neo4j_store.query("MATCH (n:Stray) RETURN count(n)").rows == [[1]]
    proc = run_cli("build", "--fresh", "--neo4j", "--yes", env=neo4j_env)
    assert proc.returncode == 0, proc.stderr
    assert neo4j_store.query("MATCH (n:Stray) RETURN count(n)").rows == [[0]]
    assert neo4j_store.counts()["Measure"] == 154


# --- builds that converge ---------------------------------------------------------

def test_deletes_run_in_bounded_batches(any_store, seed_extractions, monkeypatch):
    import reformkg.graph.store as store_module

    batch = build(seed_extractions)
    any_store.load(batch)
    clean = any_store.counts()
    writes: list[int] = []
    real_write = any_store.write

    def counting_write(cypher, params=None):
        if "DETACH DELETE" in cypher and params and "ids" in params:
            writes.append(len(params["ids"]))
        return real_write(cypher, params)

    monkeypatch.setattr(store_module, "DELETE_BATCH", 25)
    monkeypatch.setattr(any_store, "write", counting_write)
    any_store.load(batch)
    assert writes and max(writes) <= 25 and sum(writes) > 154
    assert any_store.counts() == clean


def test_an_interrupted_load_is_finished_by_the_next_build(any_store, seed_extractions, monkeypatch):
    batch = build(seed_extractions)
    any_store.load(batch)
    clean = any_store.counts()
    any_store.delete_documents(batch.documents)

    def killed(*a, **k):
        raise KeyboardInterrupt   # the process dies between the node and relationship steps

    with monkeypatch.context() as m:
        m.setattr(any_store, "create_rels", killed)
        with pytest.raises(KeyboardInterrupt):
            any_store.load(batch)
    assert any_store.pending_load() == sorted(batch.documents)
    any_store.load(batch)
    assert any_store.pending_load() == []
    assert any_store.counts() == clean and clean["PART_OF"] == 2


def test_an_interrupted_load_of_a_removed_file_is_undone(any_store, seed_extractions, monkeypatch):
    baoji, xining = build(seed_extractions[:1]), build(seed_extractions[1:])
    any_store.load(baoji)
    only_baoji = any_store.counts()
    with monkeypatch.context() as m:
        m.setattr(any_store, "create_rels", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
        with pytest.raises(KeyboardInterrupt):
            any_store.load(xining)
    stats = any_store.load(baoji)
    assert stats.recovered == ["xining-2022"]
    assert any_store.counts() == only_baoji


# --- bounded input ---------------------------------------------------------------

def _docx_bomb(path: Path, inflated_mb: int) -> None:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (inflated_mb * 1024 * 1024))
            out.writestr(info, data)


def test_a_docx_zip_bomb_is_refused_without_inflating_it(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 300)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    proc = subprocess.run(["bash", "-c", f"ulimit -v 1500000; exec {os.sys.executable} -m reformkg "
                                         f"extract '{bomb}'"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and "zip bomb" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_only_regular_files_are_read(tmp_path, special):
    path = special
    if special == "fifo":
        path = str(tmp_path / "pipe.txt")
        os.mkfifo(path)
    proc = run_cli("extract", path, timeout=30)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr


def test_items_numbered_past_999_are_kept():
    from reformkg.loaders import extract_text
    from reformkg.loaders.text import Text

    body = "".join(f"{n}.任务{n}。(市发改委牵头)\n" for n in range(995, 1006))
    measures = extract_text("big", Text.of("一、任务\n" + body)).measures
    assert [m.label for m in measures] == [str(n) for n in range(995, 1006)]


def test_html_nested_thousands_deep_is_read():
    from reformkg.loaders.read import html_to_text

    deep = "<html><body>" + "<div>" * 5000 + "一、任务(市发改委牵头)" + "</div>" * 5000 + "</body></html>"
    assert html_to_text(deep) == "一、任务(市发改委牵头)"


def test_a_newline_in_a_file_name_stays_one_line(tmp_path):
    bad = tmp_path / "bad\nname.txt"
    bad.write_text("", encoding="utf-8")
    proc = run_cli("extract", str(bad))
    failure, summary = proc.stderr.strip().splitlines()   # the file's line, then the count
    assert proc.returncode == 1 and "bad\\nname.txt: file is empty" in failure
    assert summary.startswith("reformkg: 1 of 1 file")


def test_an_empty_directory_says_so(tmp_path):
    proc = run_cli("extract", str(tmp_path))
    assert proc.returncode == 1 and "no supported files" in proc.stderr


# --- the explorer shows document text, never renders it --------------------------------

def test_markdown_and_html_in_document_text_are_escaped():
    from reformkg.explorer.shared import esc

    shown = esc("![x](http://evil.example/a.png) **粗** <img src=x>")
    assert "![" not in shown and "](" not in shown and "**" not in shown and "<img" not in shown
    import html

    assert html.unescape(shown) == "![x](http://evil.example/a.png) **粗** <img src=x>"


# --- more bounded input ---------------------------------------------------------

def test_utf16_without_a_bom_is_text(tmp_path):
    text = "一、主要任务\n1.推行容缺受理。(市行政审批服务局牵头,市发改委配合)\n"
    for enc in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"plan-{enc}.txt"
        path.write_bytes(text.encode(enc))
        proc = run_cli("extract", str(path), "--spec-only")
        assert proc.returncode == 0, proc.stderr
        assert '"leads": ["市行政审批服务局"]' in proc.stdout


def test_a_password_protected_pdf_says_so(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 750, "plan")
    c.save()
    proc = run_cli("extract", str(path))
    assert proc.returncode == 1 and "password-protected" in proc.stderr


def test_glyphs_without_unicode_are_refused_not_read_as_text(monkeypatch, tmp_path):
    """Copy-protected PDFs map glyphs to nothing: pdfminer writes (cid:N)."""
    import reformkg.loaders.read as read

    monkeypatch.setattr(read, "join_wrapped_lines", lambda lines: "(cid:12)(cid:40)(cid:7)" * 50)
    monkeypatch.setattr(read, "_pdf_page", lambda page, tables: ["line"])
    from reportlab.pdfgen import canvas

    path = tmp_path / "protected.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(100, 750, "x")
    c.save()
    with pytest.raises(read.LoadError, match="no Unicode mapping"):
        read.read_pdf(path, path.read_bytes())


def test_formula_cells_without_saved_values_are_reported(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "牵头单位", "责任单位"])
    ws.append([1, "推行网办。", "市审批局", '=CONCATENATE("市","发改委")'])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    proc = run_cli("extract", str(path), "--spec-only")
    assert proc.returncode == 0 and "formula cell" in proc.stderr and "Sheet!D2" in proc.stderr


def test_a_gigantic_single_line_is_refused_before_it_costs_memory(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("1.任务" + "推进改革。" * 250_000 + "\n", encoding="utf-8")
    proc = subprocess.run(["bash", "-c", f"ulimit -v 2500000; exec {os.sys.executable} -m reformkg "
                                         f"extract '{path}'"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 1 and "a line of 1,250,004 characters" in proc.stderr


def test_a_port_that_never_speaks_bolt_fails_fast():
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    held = []
    threading.Thread(target=lambda: [held.append(server.accept()) for _ in range(5)], daemon=True).start()
    start = time.monotonic()
    proc = run_cli("cypher", "RETURN 1", env={"NEO4J_URI": f"bolt://127.0.0.1:{server.getsockname()[1]}",
                                              "NEO4J_PASSWORD": "x"}, timeout=60)
    assert proc.returncode == 2 and "unreachable" in proc.stderr
    assert time.monotonic() - start < 20
    server.close()


@pytest.mark.neo4j
def test_neo4j_stopping_under_a_reader_is_a_store_error(neo4j_store, monkeypatch):
    from neo4j.exceptions import ServiceUnavailable

    from reformkg.graph import StoreError

    def gone(*a, **k):
        raise ServiceUnavailable("Failed to read from defunct connection")

    monkeypatch.setattr(neo4j_store._driver, "session", gone)
    with pytest.raises(StoreError, match="stopped answering"):
        neo4j_store.query("RETURN 1")


def test_readers_on_one_embedded_store_do_not_share_a_connection(ladybug_store, seed_extractions):
    """Per-thread read connections: a slow read in one thread does not hold a
    lock another thread's read waits for."""
    import threading

    from reformkg.graph.ladybug_store import LadybugStore

    ladybug_store.load(build(seed_extractions))
    ladybug_store.close()
    ro = LadybugStore(ladybug_store.path, read_only=True)
    seen = []

    def read():
        ro.query("MATCH (m:Measure) RETURN count(m)")
        seen.append(ro._reader()[0])

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 2 and seen[0] is not seen[1]
    ro.close()


def test_an_embedded_build_replaces_the_store_in_one_step(tmp_path, seed_extractions, monkeypatch):
    """Readers see the old graph or the new one: a load killed half-way leaves
    the store as it was, and a second writer is refused while one runs."""
    from reformkg.graph import StoreError
    from reformkg.graph.ladybug_store import LadybugStore, staged_writer

    db = tmp_path / "graph.lbug"
    with staged_writer(db) as w:
        w.load(build(seed_extractions[:1]))
    with LadybugStore(db, read_only=True) as ro:
        before = ro.counts()
    with pytest.raises(KeyboardInterrupt):
        with staged_writer(db) as w:
            monkeypatch.setattr(w, "create_rels", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
            w.load(build(seed_extractions))
    with LadybugStore(db, read_only=True) as ro:
        assert ro.counts() == before
    assert not (tmp_path / "graph.lbug.staged").exists()
    with staged_writer(db):
        with pytest.raises(StoreError, match="another build"):
            with staged_writer(db):
                pass


@pytest.mark.neo4j
def test_a_neo4j_failure_during_a_build_is_one_line(neo4j_env):
    proc = run_cli("build", env={**neo4j_env, "NEO4J_DATABASE": "no-such-database"})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len([line for line in proc.stderr.splitlines() if line.startswith("reformkg:")]) == 1


def test_an_unreadable_folder_is_reported_not_skipped(tmp_path, monkeypatch):
    """As root every folder is readable, so the walk's error is simulated."""
    from reformkg import loaders

    (tmp_path / "plans").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "plans" / "secret")))
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(loaders.os, "walk", walk)
    errors = []
    list(loaders.iter_input_files([tmp_path], on_error=lambda p, why: errors.append((p, why))))
    assert errors == [(str(tmp_path / "plans" / "secret"), "Permission denied")]


def test_one_bad_upload_never_drops_the_good_ones(monkeypatch):
    """A loader exception (once: HTML nested 5,000 deep) is one line naming the
    file, without a traceback; the other files of the upload are extracted."""
    import reformkg.loaders.read as read
    from reformkg.explorer.shared import extract_uploads

    good = (ROOT / "corpus" / "xining-2022.txt").read_bytes()
    real = read.html_to_text
    monkeypatch.setattr(read, "html_to_text", lambda *a, **k: (_ for _ in ()).throw(RecursionError("deep")))
    extractions, errors = extract_uploads([("deep.html", b"<html><body><p>x</p></body></html>"),
                                           ("empty.txt", b""), ("plan.txt", good)])
    monkeypatch.setattr(read, "html_to_text", real)
    assert [e.document.doc for e in extractions] == ["plan"] and len(extractions[0].measures) == 47
    assert errors == [("deep.html", "内部错误:RecursionError"), ("empty.txt", "file is empty")]


@pytest.mark.neo4j
def test_a_neo4j_memory_error_is_not_retried(neo4j_store, monkeypatch):
    """A query over the server's transaction memory fails once, with a clear
    reason (a managed transaction would run it three times)."""
    runs = []
    real_session = neo4j_store._driver.session

    def counting_session(**kw):
        session = real_session(**kw)
        real_begin = session.begin_transaction

        def begin(*a, **k):
            runs.append(1)
            return real_begin(*a, **k)

        session.begin_transaction = begin
        return session

    monkeypatch.setattr(neo4j_store._driver, "session", counting_session)
    with pytest.raises(QueryError, match="more memory than the server allows"):
        neo4j_store.query("UNWIND range(1, 60000000) AS x WITH collect(x) AS l RETURN size(l)")
    assert runs == [1]
