"""A normal (non-editable) install: build the wheel from the checkout, install it
into a fresh virtual environment, and run `reformkg build` and `reformkg explore`
from outside the checkout.

The venv sees the test environment's site-packages for the dependencies
(spaCy, Streamlit, LadybugDB: no network), but reformkg itself comes from the
wheel: the test checks that every reformkg module it runs lives in the venv.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _sources(dest: Path) -> None:
    """Copy what git would ship (tracked and new files), never .cache or build output."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, names):
        src = ROOT / os.fsdecode(name)
        if src.is_file():
            (dest / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            (dest / os.fsdecode(name)).write_bytes(src.read_bytes())


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    _sources(src)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (tmp / "dist").glob("reformkg-*.whl")
    env = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env)], check=True)
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    return env


def test_the_wheel_installs_everything_under_one_name(venv):
    (wheel,) = (venv.parent / "dist").glob("reformkg-*.whl")
    tops = {n.split("/", 1)[0] for n in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"reformkg", wheel.name.split("-py3")[0] + ".dist-info"}, tops
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("reformkg/loaders/data/lexicon.yaml", "reformkg/loaders/data/divisions.csv",
                 "reformkg/queries/measures_led_by.cypher", "reformkg/queries/console.yaml",
                 "reformkg/explorer/app.py", "reformkg/explorer/pages/department.py"):
        assert data in names, data


def test_installed_modules_come_from_the_venv_and_add_no_top_level_names(venv, tmp_path):
    probe = ("import importlib.util as u, json, reformkg.graph, reformkg.loaders, reformkg.queries, "
             "reformkg.explorer; print(json.dumps({'files': [m.__file__ for m in (reformkg.graph, "
             "reformkg.loaders, reformkg.queries, reformkg.explorer)], 'top': [n for n in "
             "('graph', 'loaders', 'queries', 'explorer', 'app') if u.find_spec(n)]}))")
    out = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path,
                                    capture_output=True, text=True, check=True).stdout)
    assert all(f.startswith(str(venv)) for f in out["files"]), out["files"]
    assert out["top"] == []


def test_installed_build_and_explore(venv, tmp_path):
    db = tmp_path / "g" / "graph.lbug"
    bin_ = venv / "bin"
    built = subprocess.run([str(bin_ / "reformkg"), "build", str(ROOT / "corpus"), "--db", str(db)],
                           cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    led = subprocess.run([str(bin_ / "reformkg"), "query", "run", "measures_led_by", "--db", str(db),
                          "--param", "dept=市大数据发展服务局", "--format", "json"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert led.returncode == 0, led.stderr
    assert len(json.loads(led.stdout)) == 10

    port = 8800 + os.getpid() % 100
    server = subprocess.Popen([str(bin_ / "reformkg"), "explore", "--db", str(db), "--port", str(port)],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        health = None
        for _ in range(60):
            try:
                health = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        assert health == b"ok"
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
    # the installed main script renders its pages (Streamlit's own test runner, in the venv)
    render = ("import importlib.util as u, pathlib; from streamlit.testing.v1 import AppTest\n"
              "app = u.find_spec('reformkg.explorer.app').origin\n"
              "at = AppTest.from_file(app, default_timeout=60).run()\n"
              "assert not at.exception, at.exception\n"
              "first = at.title[0].value\n"
              "at.switch_page(str(pathlib.Path(app).parent / 'pages' / 'department.py'))\n"
              "at.query_params['dept'] = '市大数据发展服务局'\n"
              "at.run(); assert not at.exception, at.exception\n"
              "print(first, '|', at.title[0].value, '|', at.header[0].value)\n")
    shown = subprocess.run([str(bin_ / "python"), "-c", render], cwd=tmp_path, capture_output=True, text=True,
                           env={**os.environ, "REFORMKG_DB": str(db)})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "改革措施知识图谱 | 部门 | 市大数据发展服务局"
