"""Run the explorer under `streamlit run` and drive it with Debian's Chromium.

Shared by tests/test_browser.py and bench/explorer.py.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from dataclasses import dataclass
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage"]


@dataclass(frozen=True)
class ExplorerPage:
    key: str          # URL path and screenshot name
    title: str        # the sidebar label
    url: str          # the page with a typical query
    heading: str      # text on screen once it renders
    result: str       # text that appears only with the query's result
    default: str      # text of the page opened from the sidebar (no query)


PAGES = [
    ExplorerPage("overview", "总览", "/", "改革措施知识图谱", "各指标措施数(分城市)", "各指标措施数(分城市)"),
    ExplorerPage("department", "部门", "/department?dept=" + quote("市大数据发展服务局"),
                 "市大数据发展服务局", "牵头的措施(10)", "任务量最大的部门"),
    ExplorerPage("measure", "措施", "/measure?id=" + quote("baoji-2022:二/(十五)/79"),
                 "加快推进全市政务服务便民热线整合", "责任链", "搜索措施"),
    ExplorerPage("indicator", "指标对比", "/indicator?indicator=" + quote("纳税"), "指标对比", "数值目标",
                 "各城市措施"),
    ExplorerPage("regulations", "法规", "/regulations", "法规", "部法规", "部法规"),
    ExplorerPage("audit", "审计", "/audit", "审计", "导出责任矩阵", "导出责任矩阵"),
    ExplorerPage("review", "审核", "/review?id=" + quote("xining-2022:二/(一)/1/(1)"), "审核", "保存更正",
                 "待审核记录"),
    ExplorerPage("cypher", "Cypher", "/cypher", "Cypher 查询", "只读控制台", "只读控制台"),
    ExplorerPage("import", "导入", "/import", "导入文件", "选择文件", "选择文件"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db: Path, corpus: Path | None = None):
    """Start `streamlit run app.py` on 127.0.0.1 and yield its base URL."""
    port = free_port()
    env = {**os.environ, "REFORMKG_DB": str(db)}
    env.pop("NEO4J_URI", None)
    if corpus is not None:
        env["REFORMKG_CORPUS"] = str(corpus)
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        os.unlink(log.name)


@contextlib.contextmanager
def chromium_page(user_data_dir: Path | None = None):
    """A Playwright page in Debian's Chromium; records every request URL."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.on("request", lambda req: page.requests.append(req.url))
        try:
            yield page
        finally:
            context.close()
            browser.close()


def wait_idle(page, timeout_ms: int = 30_000, settle_ms: int = 400) -> None:
    """Wait until Streamlit has drawn everything: no "Running" status and no
    loading skeletons, then a moment for canvas tables to paint."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]') && (!document.querySelector("
        "'[data-testid=\"stStatusWidget\"]') || !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        ".innerText.includes('Running'))", timeout=timeout_ms)
    if settle_ms:
        page.wait_for_timeout(settle_ms)
