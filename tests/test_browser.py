"""Real browser: every explorer page through its URL, in Debian's Chromium.

Screenshots go to .cache/screenshots/; the README's copies are refreshed with
`REFORMKG_SCREENSHOTS=docs/screenshots bash scripts/test -k browser`.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from browser import CHROMIUM, PAGES, chromium_page, streamlit_server, wait_idle
from conftest import ROOT, run_cli

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]
SHOTS = Path(os.environ.get("REFORMKG_SCREENSHOTS", ROOT / ".cache" / "screenshots"))

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "g.lbug"
    assert run_cli("build", "--db", str(db)).returncode == 0
    with streamlit_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def page():
    with chromium_page() as p:
        yield p


@pytest.mark.parametrize("explorer_page", PAGES, ids=[p.key for p in PAGES])
def test_page_by_url(server, page, explorer_page):
    page.goto(server + explorer_page.url)
    page.get_by_text(explorer_page.heading, exact=False).first.wait_for(timeout=30_000)
    page.get_by_text(explorer_page.result, exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert not page.get_by_text("Traceback").count()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{explorer_page.key}.png"), full_page=False)


def test_console_query_and_refused_write(server, page):
    page.goto(server + "/cypher")
    box = page.locator("textarea").first
    box.wait_for(timeout=30_000)
    box.fill("MATCH (d:Department {name:'市大数据发展服务局'})-[:LEADS]->(m:Measure) RETURN m.path AS path")
    page.get_by_role("button", name="运行").click()
    page.get_by_text("10 行", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "cypher-result.png"))
    box.fill("MATCH (m:Measure) DETACH DELETE m")
    page.get_by_role("button", name="运行").click()
    page.get_by_text("已拒绝", exact=False).first.wait_for(timeout=30_000)


def test_import_a_document(server, page, tmp_path):
    doc = tmp_path / "weinan-2022.txt"
    doc.write_text("渭南市2022年优化营商环境重点任务\n一、提升政务服务效能\n"
                   "1.推进一网通办。内容。(市行政审批服务局牵头,市大数据局配合)\n", encoding="utf-8")
    page.goto(server + "/import")
    page.locator("input[type=file]").first.set_input_files(str(doc))
    page.get_by_text("加入图谱", exact=False).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="加入图谱").click()
    page.get_by_text("已加入 1 个文件", exact=False).first.wait_for(timeout=30_000)
    page.goto(server + "/department?dept=" + quote("渭南市/市大数据局"))
    page.get_by_text("配合的措施(1)", exact=False).first.wait_for(timeout=30_000)


def test_no_request_leaves_the_machine(server, page):
    outside = [u for u in page.requests if not u.startswith(("http://127.0.0.1", "ws://127.0.0.1",
                                                               "data:", "blob:", "about:"))]
    assert outside == []


def test_review_edit_reaches_the_department_page(server, page):
    """审核 → reassign the roles of a clause without a lead → 部门 shows the new lead."""
    page.goto(server + "/review?id=" + quote("xining-2022:二/(一)/1/(1)"))
    page.get_by_text("保存更正").first.wait_for(timeout=30_000)
    wait_idle(page)
    leads = page.locator('[data-testid="stMultiSelect"]').filter(has_text="牵头单位").locator("input")
    leads.click()
    leads.fill("市营商环境监督局")
    page.get_by_role("option", name="市营商环境监督局").first.click()
    page.keyboard.press("Escape")
    page.get_by_label("更正人").fill("张三")
    page.get_by_label("理由").fill("按职责,首列单位牵头")
    page.get_by_role("button", name="保存更正").click()
    page.get_by_text("已保存", exact=False).first.wait_for(timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-saved.png"))
    page.goto(server + "/department?dept=" + quote("西宁市/市营商环境监督局"))
    page.get_by_text("牵头的措施(1)", exact=False).first.wait_for(timeout=30_000)


def test_ambiguous_name_chooser_and_scope(server, page):
    page.goto(server + "/department?dept=" + quote("市财政局"))
    page.get_by_text("个部门名为「市财政局」", exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert not page.get_by_text("牵头的措施(", exact=False).count()       # none rendered yet
    page.goto(server + "/?jurisdiction=" + quote("西宁市"))
    page.get_by_text("各指标措施数(分城市)", exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    page.locator("[data-testid=stSidebarNav] a", has_text="部门").first.click()
    page.get_by_text("任务量最大的部门", exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert "jurisdiction=" in page.url                                   # the scope travels in the URL
    page.get_by_label("部门名称、全称或别名").fill("市财政局")
    page.keyboard.press("Enter")
    page.get_by_text("配合的措施(", exact=False).first.wait_for(timeout=30_000)   # 西宁's only: no chooser
    assert not page.get_by_text("个部门名为", exact=False).count()


def _download(page, label: str) -> str:
    """Click a download button and return the file's text. A click that lands
    while Streamlit reruns the page hits the button being replaced; the
    rerun's own button is clicked then (at most three tries)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        wait_idle(page)
        try:
            with page.expect_download(timeout=10_000) as info:
                page.get_by_role("button", name=label).first.click()
            return Path(info.value.path()).read_text(encoding="utf-8")
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def test_table_downloads_have_every_row(server, page):
    """The JSON and CSV twins are written on click (not on every render) and
    hold all rows of the table, not only the page shown."""
    import csv
    import io
    import json

    page.goto(server + "/measure")
    page.get_by_text("共 107 行", exact=False).first.wait_for(timeout=30_000)
    rows = json.loads(_download(page, "下载 JSON"))
    assert len(rows) == 107 and len({r["path"] for r in rows}) == 107 and rows[0]["title"]
    # the link column is made on click for every row, not only for the 50 shown
    assert all(r["链接"] == "/measure?id=" + quote(f"baoji-2022:{r['path']}", safe="") for r in rows)
    table = list(csv.DictReader(io.StringIO(_download(page, "下载 CSV"))))
    assert [r["path"] for r in table] == [r["path"] for r in rows]
