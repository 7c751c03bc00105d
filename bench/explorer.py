"""Explorer speed on the seed corpus, in Debian's Chromium: time to first render
of each page (a fresh browser context, from the URL to the page's result on
screen with no loading placeholder left) and to a page switch (clicking the
sidebar link, to the same state on the next page).

    python bench/explorer.py [--repeat 3]

Targets: first render <= 2 s, switch <= 0.5 s. Every first render after the
server's very first one counts (a fresh browser context each time), so the
numbers include the websocket handshake and the page's queries; the server's
query cache is warm after the first repeat, as it is for real users.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, PAGES, streamlit_server, wait_idle  # noqa: E402

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import subprocess

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "g.lbug"
        subprocess.run([sys.executable, "-m", "reformkg", "build", "--db", str(db)], cwd=ROOT, check=True,
                       capture_output=True)
        with streamlit_server(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            first: dict[str, list[float]] = {p.title: [] for p in PAGES}
            switch: dict[str, list[float]] = {p.title: [] for p in PAGES}
            # one untimed pass: the server imports its modules and opens the store
            ctx = browser.new_context()
            pg = ctx.new_page()
            for p in PAGES:
                pg.goto(base + p.url)
                pg.get_by_text(p.result, exact=False).first.wait_for(timeout=60_000)
            ctx.close()
            for _ in range(args.repeat):
                for p in PAGES:
                    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                    pg = ctx.new_page()
                    t0 = time.perf_counter()
                    pg.goto(base + p.url)
                    pg.get_by_text(p.result, exact=False).first.wait_for(timeout=60_000)
                    wait_idle(pg, settle_ms=0)
                    first[p.title].append(time.perf_counter() - t0)
                    ctx.close()
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                pg = ctx.new_page()
                pg.goto(base + "/")
                pg.get_by_text(PAGES[0].result, exact=False).first.wait_for(timeout=60_000)
                wait_idle(pg)
                for p in PAGES[1:] + PAGES[:1]:
                    t0 = time.perf_counter()
                    pg.locator("[data-testid=stSidebarNav] a", has_text=p.title).first.click()
                    pg.get_by_text(p.default, exact=False).first.wait_for(timeout=60_000)
                    wait_idle(pg, settle_ms=0)
                    switch[p.title].append(time.perf_counter() - t0)
                ctx.close()
            browser.close()
    print("| page | first render (median of %d) | switch (median) |" % args.repeat)
    print("|---|---|---|")
    for name in first:
        print(f"| {name} | {statistics.median(first[name]):.2f} s | {statistics.median(switch[name]):.2f} s |")
    worst_first = max(statistics.median(v) for v in first.values())
    worst_switch = max(statistics.median(v) for v in switch.values())
    print(f"\nslowest first render {worst_first:.2f} s (target <= 2 s: {'met' if worst_first <= 2 else 'NOT met'}); "
          f"slowest switch {worst_switch:.2f} s (target <= 0.5 s: {'met' if worst_switch <= 0.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
