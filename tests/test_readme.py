"""What the README claims, checked where a test can check it."""
from __future__ import annotations

import re

from reformkg import queries
from conftest import ROOT
from reformkg.graph import schema

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_schema_diagram_is_the_schema():
    diagram = re.search(r"```mermaid\n(.*?)```", README, flags=re.S).group(1).strip()
    assert diagram == schema.mermaid()


def test_every_named_query_is_in_the_query_table_and_every_listed_one_exists():
    section = README.split("## The query library", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z_]+)(?:\(|`)", section))
    names = {q.name for q in queries.list()}
    assert names - listed == set(), "queries missing from the README's table"
    assert {n for n in listed if "_" in n or n in names} - names == set(), "the README lists queries that do not exist"


def test_every_explorer_page_is_in_the_page_table():
    app = (ROOT / "explorer" / "app.py").read_text(encoding="utf-8")
    titles = re.findall(r'st\.Page\(.*?title="([^"]+)"', app)
    section = README.split("## The explorer", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")}
    assert titles and set(titles) <= rows, set(titles) - rows


def test_every_cli_command_is_shown_in_using_it():
    from reformkg.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    section = README.split("## Using it", 1)[1].split("\n## ", 1)[0]
    assert {c for c in commands if f"reformkg {c}" not in section} == set()
