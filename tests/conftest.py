from __future__ import annotations

import json
import os
import subprocess
import sys
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
