"""Settings are declared once (graph/settings.py) and every one is documented,
as datasette's test_settings_are_documented does."""
from __future__ import annotations

import re
import subprocess

from conftest import ROOT
from reformkg.graph import settings

README = (ROOT / "README.md").read_text(encoding="utf-8")
NAME = re.compile(r"\b(?:REFORMKG|NEO4J)_[A-Z0-9_]+\b")
PACKAGE = ("graph", "loaders", "queries", "explorer", "reformkg", "app.py")


def _tracked(*paths: str) -> list:
    out = subprocess.run(["git", "ls-files", *paths], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / line for line in out.stdout.splitlines() if (ROOT / line).is_file()]


def test_every_declared_setting_has_a_row_in_the_readme():
    for s in settings.SETTINGS:
        row = next((line for line in README.splitlines() if line.startswith(f"| `{s.name}` |")), None)
        assert row is not None, f"{s.name} is not in the README's settings table"
        default = s.default if s.default not in (None, "") else "—"
        assert f"| {default} |" in row, (s.name, row)


def test_every_variable_the_code_reads_is_documented():
    used = set()
    for path in _tracked("graph", "loaders", "queries", "explorer", "reformkg", "app.py", "scripts", "tests",
                         "bench", ".ci"):
        if path.suffix in (".py", "") or path.name in ("run", "test", "install", "neo4j", "quickstart"):
            try:
                used |= set(NAME.findall(path.read_text(encoding="utf-8")))
            except UnicodeDecodeError:
                continue
    missing = sorted(n for n in used if f"`{n}`" not in README and n not in README)
    assert used and missing == [], missing


def test_package_code_reads_settings_only_through_graph_settings():
    for path in _tracked(*PACKAGE):
        if path.suffix != ".py" or path == ROOT / "graph" / "settings.py":
            continue
        for m in re.finditer(r"environ(?:\.get)?\s*[\[(]\s*[\"']((?:REFORMKG|NEO4J)_[A-Z0-9_]+)", path.read_text(encoding="utf-8")):
            raise AssertionError(f"{path.relative_to(ROOT)} reads {m.group(1)} directly: use graph.settings")


def test_one_backend_choice_and_one_timeout(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert settings.backend() == "ladybug" and settings.backend(neo4j=True) == "neo4j"
    monkeypatch.setenv("NEO4J_URI", "bolt://x:7687")
    assert settings.backend() == "neo4j" and settings.backend(db="g.lbug") == "ladybug"
    from reformkg.queries import console
    assert console.DEFAULT_TIMEOUT_MS == settings.get_int("REFORMKG_QUERY_TIMEOUT_MS") == 30_000
