"""Bad input: one clear line per file on stderr, other files unaffected, no traceback."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT, run_cli

GOOD = CORPUS / "xining-2022.txt"


def _run_with(tmp_path, bad_name: str, bad_bytes: bytes | None):
    bad = tmp_path / bad_name
    if bad_bytes is not None:
        bad.write_bytes(bad_bytes)
    good = tmp_path / "good.txt"
    shutil.copy(GOOD, good)
    proc = run_cli("extract", str(bad), str(good), "--spec-only")
    return bad, proc


def _assert_reported(proc, bad, reason_words):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if str(bad) in ln]
    assert len(lines) == 1, proc.stderr
    assert any(w in lines[0] for w in reason_words), lines[0]
    docs = {json.loads(ln)["doc"] for ln in proc.stdout.splitlines()}
    assert docs == {"good"}, "the good file must still be extracted"
    assert len(proc.stdout.splitlines()) == 47


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", ["empty"]),
    ("blank.txt", b"  \n\n \t\n", ["empty"]),
    ("binary.txt", bytes(range(256)) * 64, ["binary", "decode"]),
    ("image.pdf", b"%PDF-1.4 this is not really a pdf", ["PDF"]),
    ("broken.docx", b"PK\x03\x04 not a zip", [".docx"]),
    ("prose.txt", "这是一段没有任何编号的文字。它只有两句话。".encode(), ["no numbered items"]),
    ("table.xlsb", b"whatever", ["unsupported file type"]),
])
def test_bad_file_is_reported_and_others_processed(tmp_path, name, data, words):
    bad, proc = _run_with(tmp_path, name, data)
    _assert_reported(proc, bad, words)


def test_missing_file(tmp_path):
    bad, proc = _run_with(tmp_path, "missing.txt", None)
    _assert_reported(proc, bad, ["no such file"])


def test_unreadable_file(tmp_path):
    """Real, also as root (CI): root runs the CLI without the capabilities that
    let it read any file (setpriv drops them from the bounding set)."""
    bad = tmp_path / "secret.txt"
    bad.write_bytes(GOOD.read_bytes())
    bad.chmod(0)
    args = ["extract", str(bad), str(GOOD)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "root needs setpriv (util-linux) to make a file unreadable"
        proc = subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", sys.executable,
                               "-m", "reformkg", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    else:
        proc = run_cli(*args)
    lines = [line for line in proc.stderr.splitlines() if str(bad) in line]
    assert len(lines) == 1 and "permission denied" in lines[0].lower(), proc.stderr
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 47   # the good file still extracted


def test_truncated_utf8_gives_records_and_a_warning(tmp_path):
    data = GOOD.read_bytes().rstrip()
    cut = data[:-1]  # the final 。 loses its last byte
    with pytest.raises(UnicodeDecodeError):
        cut.decode("utf-8")
    p = tmp_path / "cut.txt"
    p.write_bytes(cut)
    proc = run_cli("extract", str(p))
    assert proc.returncode == 0, proc.stderr
    assert "truncated UTF-8" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stdout.splitlines()) == 47


def test_invalid_utf8_in_the_middle_is_not_silently_mangled(tmp_path):
    data = GOOD.read_bytes()
    p = tmp_path / "mixed.txt"
    p.write_bytes(data[:3000] + b"\xff\xfe\xfa" + data[3000:])
    proc = run_cli("extract", str(p))
    assert "Traceback" not in proc.stderr
    # refused on one line naming the file and the first bad byte: no record from mangled text
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert f"{p}: cannot decode text: not UTF-8 (invalid byte at 3000)" in lines[0], proc.stderr
    assert lines[1:] == ["reformkg: 1 of 1 file(s) could not be extracted"]


@pytest.mark.slow
def test_20_mb_file(tmp_path):
    """A 20 MB task list extracts completely (numbering repeats are reported, not lost)."""
    one = GOOD.read_text(encoding="utf-8")
    copies = 20 * 1024 * 1024 // len(one.encode("utf-8")) + 1
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as f:
        for i in range(copies):
            f.write(f"\n附件{i + 1}\n")
            f.write(one)
    assert big.stat().st_size >= 20 * 1024 * 1024
    proc = run_cli("extract", str(big), "--spec-only", timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    records = proc.stdout.splitlines()
    assert len(records) == 47 * copies
    paths = [json.loads(r)["path"] for r in records]
    assert len(set(paths)) == len(paths)
    assert paths[47].startswith("附件2/")


def test_directory_is_walked_and_unsupported_files_skipped(tmp_path):
    shutil.copy(GOOD, tmp_path / "a.txt")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("")
    proc = run_cli("extract", str(tmp_path), "--spec-only")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 47


def test_no_files_in_directory_is_an_error(tmp_path):
    proc = run_cli("extract", str(tmp_path))
    assert proc.returncode != 0


def test_a_store_built_by_an_older_schema_says_how_to_rebuild(tmp_path):
    """Loading into it or querying it names the difference and `--fresh`, not a
    database binder error."""
    import ladybug

    db = tmp_path / "old.lbug"
    assert run_cli("build", "--db", str(db), str(CORPUS / "xining-2022.txt")).returncode == 0
    conn = ladybug.Connection(ladybug.Database(str(db)))
    conn.execute("ALTER TABLE Document DROP warnings")   # as a store of the previous release
    del conn
    for args in (("query", "documents"), ("build", str(CORPUS / "xining-2022.txt"))):
        proc = run_cli(*args, "--db", str(db))
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
        assert "built with another schema (Document: warnings)" in proc.stderr, proc.stderr
        assert "reformkg build --fresh" in proc.stderr
