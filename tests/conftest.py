from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = Path(os.environ.get("REFORMKG_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold"
SEEDS = ("baoji-2022", "xining-2022")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `reformkg …` in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "reformkg", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.fail(f"gold data not found at {GOLD}; set REFORMKG_SHARED to the shared/ folder")
    return GOLD


@pytest.fixture(scope="session")
def neo4j_env() -> dict[str, str]:
    """Connection settings of the *test* Neo4j (scripts/test starts it).

    Only REFORMKG_TEST_NEO4J_URI is used, never NEO4J_URI: these tests empty
    the database. Skipped when absent, except where REFORMKG_REQUIRE_NEO4J=1
    (CI), where a missing server fails the run.
    """
    uri = os.environ.get("REFORMKG_TEST_NEO4J_URI")
    if not uri:
        if os.environ.get("REFORMKG_REQUIRE_NEO4J") == "1":
            pytest.fail("REFORMKG_REQUIRE_NEO4J=1 but no REFORMKG_TEST_NEO4J_URI: start it with scripts/test")
        pytest.skip("no test Neo4j (run the suite with scripts/test, which starts one)")
    return {"NEO4J_URI": uri, "NEO4J_USERNAME": "neo4j",
            "NEO4J_PASSWORD": os.environ.get("REFORMKG_TEST_NEO4J_PASSWORD", "reformkg-test"),
            "NEO4J_DATABASE": "neo4j"}


@pytest.fixture()
def neo4j_store(neo4j_env):
    from reformkg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_env["NEO4J_URI"], neo4j_env["NEO4J_USERNAME"],
                       neo4j_env["NEO4J_PASSWORD"], neo4j_env["NEO4J_DATABASE"])
    store.clear()
    yield store
    store.close()


@pytest.fixture()
def ladybug_store(tmp_path):
    from reformkg.graph.ladybug_store import LadybugStore

    store = LadybugStore(tmp_path / "graph.lbug")
    yield store
    store.close()


@pytest.fixture(params=["ladybug", "neo4j"])
def any_store(request):
    """The same test on both backends."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def seed_extractions():
    from reformkg.loaders import extract_file

    return [extract_file(CORPUS / f"{d}.txt") for d in SEEDS]


@pytest.fixture()
def built_embedded(tmp_path):
    """corpus/ built into an embedded store by the CLI, as a user would."""
    db = tmp_path / "g.lbug"
    proc = run_cli("build", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.fixture()
def read_only_store(any_store, seed_extractions):
    """The seeds on the console's real read path: a read-only LadybugDB, read
    transactions on Neo4j."""
    from reformkg.graph import build

    any_store.load(build(seed_extractions))
    if any_store.backend == "ladybug":
        from reformkg.graph.ladybug_store import LadybugStore

        any_store.close()
        reader = LadybugStore(any_store.path, read_only=True)
        yield reader
        reader.close()
    else:
        yield any_store


# --- extraction checks shared by test_variants.py and test_specs.py ----------------

def extract(body: str, doc: str = "test-doc"):
    from reformkg.loaders import extract_text
    from reformkg.loaders.text import Text

    return extract_text(doc, Text.of(textwrap.dedent(body).strip() + "\n"))


def by_path(body: str) -> dict[str, dict]:
    return {m.path: m.to_json() for m in extract(body).measures}


def check(body: str, expect: dict[str, dict], warnings: list[str] | None = None,
          sections: dict[str, dict] | None = None) -> None:
    """The measures are exactly the paths of `expect`, in order; the fields it
    names compare equal (strings folded as the spec says; leaders by name); each of `warnings`
    is part of one of the document's warnings; the section fields `sections` names
    (chief, coordinator, indicator) compare equal."""
    from reformkg.loaders.text import fold

    result = extract(body)
    got_sections = {s.path: s for s in result.document.sections}
    for path, fields in (sections or {}).items():
        assert path in got_sections, f"no section {path}: {list(got_sections)}"
        for k, v in fields.items():
            assert getattr(got_sections[path], k) == v, f"section {path}.{k}: got {getattr(got_sections[path], k)!r}, want {v!r}"
    got = {m.path: m.to_json() for m in result.measures}
    for w in warnings or ():
        assert any(w in x for x in result.warnings), f"no warning has {w!r}: {result.warnings}"
    assert list(got) == list(expect), f"measures: {list(got)}"
    for path, fields in expect.items():
        for k, v in fields.items():
            g = got[path][k]
            if k == "leaders" and all(isinstance(x, str) for x in v):
                g = [leader["name"] for leader in g]   # leaders: by name
            assert (fold(g) if isinstance(g, str) else g) == (fold(v) if isinstance(v, str) else v), \
                f"{path}.{k}: got {g!r}, want {v!r}"
