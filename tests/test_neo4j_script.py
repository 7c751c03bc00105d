"""scripts/neo4j: its settings file reaches the server, and a bad one is named.

The running test server (started by scripts/test from scripts/neo4j.conf) is
asked for its settings; the failure cases start a second launcher on a free
port with a temporary data folder, which exits before opening any store.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "neo4j"
CONF = ROOT / "scripts" / "neo4j.conf"
LAUNCHER_BUILT = (ROOT / "scripts" / "neo4j-launcher" / "target" / "classpath.txt").is_file()


def _settings(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp_path: Path, conf: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "REFORMKG_CACHE": str(tmp_path / "cache"),
           "REFORMKG_NEO4J_PORT": str(_free_port()), "REFORMKG_NEO4J_CONF": str(conf)}
    try:
        return subprocess.run(["bash", str(SCRIPT), "start"], env=env, capture_output=True,
                              text=True, timeout=180)
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture()
def launcher():
    if not (LAUNCHER_BUILT and shutil.which("java")):
        if os.environ.get("REFORMKG_REQUIRE_NEO4J") == "1":
            pytest.fail("the Neo4j launcher is not built (scripts/neo4j start builds it)")
        pytest.skip("the Neo4j launcher is not built here")


def test_settings_file_reaches_the_server(neo4j_store):
    wanted = _settings(CONF)
    assert "db.tx_log.rotation.retention_policy" in wanted, "the disk-filling default must stay overridden"
    rows = neo4j_store.query("SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
                             {"names": sorted(wanted)}).rows
    actual = dict(rows)
    assert set(actual) == set(wanted)
    for name, value in wanted.items():
        # sizes come back normalised (256m -> 256.00MiB): compare the number
        assert re.sub(r"\.0+MiB$", "m", actual[name]) == value, name


def test_bad_setting_is_named_in_one_line(tmp_path, launcher):
    conf = tmp_path / "bad.conf"
    conf.write_text("db.transaction.timeout=soon\n", encoding="utf-8")
    result = _start(tmp_path, conf)
    assert result.returncode == 1
    assert "db.transaction.timeout" in result.stderr and str(conf) in result.stderr
    assert "Exception" not in result.stderr and "\tat " not in result.stderr


def test_unknown_setting_is_refused(tmp_path, launcher):
    conf = tmp_path / "typo.conf"
    conf.write_text("db.tx_log.rotation.retention_polcy=keep_none\n", encoding="utf-8")
    result = _start(tmp_path, conf)
    assert result.returncode == 1
    assert "retention_polcy" in result.stderr


def test_missing_settings_file(tmp_path):
    result = _start(tmp_path, tmp_path / "nowhere.conf")
    assert result.returncode == 2
    assert "nowhere.conf" in result.stderr and "not found" in result.stderr
