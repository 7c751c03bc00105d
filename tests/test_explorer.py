"""The Streamlit explorer, headless (streamlit.testing.v1.AppTest), on the embedded store."""
from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import CORPUS, ROOT, run_cli

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("explorer") / "g.lbug"
    proc = run_cli("build", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.fixture()
def app(seeded_db, monkeypatch):
    monkeypatch.setenv("REFORMKG_DB", str(seeded_db))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()

    def open_page(page: str, **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        if page != "overview":
            at.switch_page(f"explorer/pages/{page}.py")
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield open_page
    st.cache_resource.clear()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [t.value for t in at.title]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def frames(at: AppTest):
    """The page's tables (explorer.shared.table draws them as HTML), as frames:
    cells as shown, a link cell as its URL."""
    return [_frame(m.value) for m in at.markdown if 'class="rk-table"' in m.value]


def _frame(markup: str):
    import html
    from html.parser import HTMLParser

    import pandas as pd

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.head, self.rows, self.cell, self.link = [], [], None, False

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("th", "td"):
                self.cell = ""
            elif tag == "a" and self.cell is not None:
                self.cell = dict(attrs)["href"]
                self.link = True

        def handle_endtag(self, tag):
            if tag in ("th", "td"):
                (self.head if tag == "th" else self.rows[-1]).append(html.unescape(self.cell))
                self.cell, self.link = None, False

        def handle_data(self, data):
            if self.cell is not None and not self.link:
                self.cell += data

    parser = Cells()
    parser.feed(markup)
    return pd.DataFrame([r for r in parser.rows if r], columns=parser.head)


def test_overview(app):
    at = app("overview")
    assert at.title[0].value == "改革措施知识图谱"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["文件"] == "2" and metrics["措施"] == "154"
    docs = frames(at)[0]
    assert set(docs["编号"]) == {"baoji-2022", "xining-2022"}


def test_department_page_lists_the_ten_led_measures(app):
    at = app("department", dept="市大数据发展服务局")
    assert at.header[0].value == "市大数据发展服务局"
    led = frames(at)[0]
    assert len(led) == 10
    assert "二/(十五)/79" in set(led["编号"])
    assert "牵头的措施(10)" in texts(at)


def test_department_page_finds_aliases_and_suggests(app):
    at = app("department", dept="市交通局")
    assert at.header[0].value == "市交通运输局"
    at = app("department", dept="大数据")
    assert "没有名为" in "\n".join(w.value for w in at.warning)


def test_department_graph_view(app):
    from reformkg.explorer.graphview import neighbourhood_graph, neighbourhood_html
    from reformkg.graph import open_store
    from reformkg import queries

    at = app("department", dept="市大数据发展服务局")
    before = len(at.get("iframe"))
    at.toggle[0].set_value(True).run()
    assert not at.exception and len(at.get("iframe")) == before + 1
    with open_store(read_only=True) as store:
        edges = queries.run("department_neighbourhood", {"dept": "宝鸡市/市大数据发展服务局", "limit": 40},
                            store).records()
    import pandas as pd
    graph = neighbourhood_graph(pd.DataFrame(edges), "宝鸡市/市大数据发展服务局")
    captions = {str(n.id): n.caption for n in graph.nodes}
    assert captions["宝鸡市/市大数据发展服务局"] == "市大数据发展服务局"
    assert len(graph.relationships) == len(edges) >= 10
    assert {str(r.target) for r in graph.relationships} == {e["measure"] for e in edges}
    assert "<html" in neighbourhood_html(pd.DataFrame(edges), "宝鸡市/市大数据发展服务局")


def test_measure_page_detail(app):
    at = app("measure", id="baoji-2022:二/(十五)/79")
    assert "加快推进全市政务服务便民热线整合" in at.header[0].value
    html = "\n".join(m.value for m in at.markdown)
    assert 'class="hl-lead">市大数据发展服务局<' in html
    assert 'class="hl-clause"' in html
    chain = frames(at)[0]
    assert "牵头单位" in set(chain["环节"]) and "指标长" in set(chain["环节"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["指标"] == "政务服务"


def test_measure_page_search_and_list(app):
    at = app("measure", q="纳税")
    assert any(len(df) >= 5 for df in frames(at))
    at = app("measure")   # the first document's 107 measures, in pages of 50
    assert len(frames(at)[0]) == 50 and "共 107 行 · 第 1/3 页" in texts(at)
    at.number_input[0].set_value(3).run()
    page = frames(at)[0]
    assert len(page) == 7 and "第 3/3 页" in texts(at)
    # each row's link opens that row's measure (made for the rows of the page shown)
    assert [u.split("%2F")[-1] for u in page["详情"]] == [p.split("/")[-1] for p in page["编号"]]
    downloads = [b for b in at.get("download_button")]
    assert len(downloads) == 2   # JSON and CSV of all 107 rows, whatever the page


def test_measure_text_is_escaped(app):
    from reformkg.explorer.highlight import highlight_html
    import pandas as pd

    m = pd.Series({"text": "<script>x</script>市财政局", "start": 0, "clause_start": None, "clause_end": None})
    chain = pd.DataFrame([{"step": "lead", "start": 17, "end": 21}])
    out = highlight_html(m, chain, pd.DataFrame(columns=["kind", "start", "end"]))
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_indicator_page_shows_tax_hours(app):
    at = app("indicator", indicator="纳税")
    targets = frames(at)[0]
    goals = set(targets["目标"])
    assert "≤ 80 小时" in goals and "≤ 98 小时" in goals
    assert set(targets["城市"]) == {"宝鸡市", "西宁市"}


def test_regulations_page(app):
    at = app("regulations", title="条例")
    rows = frames(at)[0]
    assert set(rows["法规"]) == {"保障中小企业款项支付条例", "陕西省人力资源市场条例"}


def test_audit_page(app):
    at = app("audit")
    gaps = frames(at)[0]
    assert len(gaps) == 48   # baoji 三/99 and every xining measure: units listed, no lead
    assert set(gaps[gaps["文件"] == "baoji-2022"]["编号"]) == {"三/99"}
    assert set(gaps["问题"]) == {"责任单位未分主次"}
    assert not any(b.label.startswith("下载 XLSX") for b in at.get("download_button"))   # made on request
    next(b for b in at.button if b.label == "准备导出文件").click()
    at.run()
    assert any(b.label.startswith("下载 XLSX") for b in at.get("download_button"))


def test_cypher_page_runs_and_refuses(app):
    at = app("cypher")
    at.text_area(key="cypher").set_value(
        "MATCH (d:Department {name:'市大数据发展服务局'})-[:LEADS]->(m:Measure) RETURN m.path AS path").run()
    at.button[0].click().run()
    assert not at.exception
    assert len(frames(at)[0]) == 10
    at.text_area(key="cypher").set_value("MATCH (m:Measure) DETACH DELETE m").run()
    at.button[0].click().run()
    assert any("已拒绝" in e.value for e in at.error)


def test_import_page_renders(app):
    from reformkg.loaders import READERS

    at = app("upload")
    assert at.title[0].value == "导入文件"
    caption = "\n".join(c.value for c in at.caption)
    assert all(ext in caption for ext in READERS)          # every supported format is named
    assert not at.button                                   # nothing to add before a file is chosen


def test_first_start_builds_the_corpus(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "xining-2022.txt", corpus)
    monkeypatch.setenv("REFORMKG_DB", str(tmp_path / "new.lbug"))
    monkeypatch.setenv("REFORMKG_CORPUS", str(corpus))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    import reformkg.explorer.shared as shared
    monkeypatch.setattr(shared, "CORPUS", corpus)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics.get("措施") == "47"
    st.cache_resource.clear()


def test_graph_view_escapes_names():
    import pandas as pd
    from reformkg.explorer.graphview import neighbourhood_html

    evil = "</script><img src=x onerror=alert(1)>"
    edges = pd.DataFrame([{"center": "d1", "measure": "m1", "measure_title": evil, "dept_id": "d1",
                           "dept_name": evil, "role": "lead", "doc": "x", "ordinal": 1}])
    out = neighbourhood_html(edges, "d1", height="100px")
    assert evil not in out and "<img src=x" not in out


REVIEWED = "xining-2022:二/(一)/1/(1)"   # 责任单位: three units, no lead printed


@pytest.fixture()
def own_db(tmp_path, monkeypatch):
    """A store of its own: the edit tests write to it."""
    db = tmp_path / "g.lbug"
    assert run_cli("build", "--db", str(db)).returncode == 0
    monkeypatch.setenv("REFORMKG_DB", str(db))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("REFORMKG_CORRECTIONS", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield db
    st.cache_resource.clear()


def _page(page: str, at: AppTest | None = None, **params) -> AppTest:
    if at is None:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
    at.switch_page(f"explorer/pages/{page}.py")
    at.query_params.clear()
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_review_page_edit_reaches_the_department_page(own_db):
    at = _page("review", id=REVIEWED)
    assert "待审核记录" in texts(at)
    key = lambda field: f"review-{field}-{REVIEWED}"   # noqa: E731
    assert at.multiselect(key=key("responsible")).value == ["市营商环境监督局", "市行政审批局", "市大数据管理局"]
    assert "市营商环境监督局" in at.multiselect(key=key("leads")).options   # printed in the clause
    at.multiselect(key=key("leads")).set_value(["市营商环境监督局"])
    at.multiselect(key=key("responsible")).set_value([])
    at.multiselect(key=key("supports")).set_value(["市行政审批局", "市大数据管理局"])
    at.text_input(key=key("who")).input("张三")
    at.text_area(key=key("why")).input("按职责,首列单位牵头")
    next(b for b in at.button if b.label == "保存更正").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已保存" in s.value for s in at.success), [s.value for s in at.success]
    fixes = (own_db.parent / "corrections.yaml").read_text(encoding="utf-8")
    assert "leads: [市营商环境监督局]" in fixes and "who: 张三" in fixes
    at = _page("department", at, dept="西宁市/市营商环境监督局")
    assert "牵头的措施(1)" in texts(at)
    at = _page("measure", at, id=REVIEWED)
    chain = next(f for f in frames(at) if "环节" in f.columns)
    lead = chain[chain["环节"] == "牵头单位"]
    assert list(lead["名称"]) == ["市营商环境监督局"] and lead["人工更正"].iloc[0].startswith("张三")


def test_review_page_confirm_and_not_a_measure(own_db):
    at = _page("review", id=REVIEWED)
    key = lambda field: f"review-{field}-{REVIEWED}"   # noqa: E731
    at.text_input(key=key("who")).input("李四")
    next(b for b in at.button if b.label == "不是措施").click()
    at.run()
    assert any("请填写理由" in e.value for e in at.error)    # nothing saved without a reason
    assert not (own_db.parent / "corrections.yaml").exists()
    at.text_area(key=key("why")).input("这是背景说明")
    next(b for b in at.button if b.label == "不是措施").click()
    at.run()
    assert any("已保存" in s.value for s in at.success)
    at = _page("measure", at, id=REVIEWED)
    assert any("没有编号为" in e.value for e in at.error)
    at = _page("review", at)
    history = next(f for f in frames(at) if "类型" in f.columns and "更正内容" in f.columns)
    assert list(history["类型"]) == ["不是措施"] and list(history["更正人"]) == ["李四"]


def test_review_queue_follows_the_scope_of_the_sidebar(own_db):
    at = _page("review", id=REVIEWED)
    key = lambda field: f"review-{field}-{REVIEWED}"   # noqa: E731
    at.text_input(key=key("who")).input("王五")
    at.text_area(key=key("why")).input("牵头单位待核实")
    next(b for b in at.button if b.label == "标记待审").click()
    at.run()
    assert any("已保存" in s.value for s in at.success)
    at = _page("review", at, doc="xining-2022")
    assert at.selectbox(key="scope-doc").value == "xining-2022"        # one 文件 widget: the scope's
    assert "review-doc" not in [w.key for w in at.selectbox]
    queue = next(f for f in frames(at) if "原因" in f.columns)
    assert list(queue["编号"]) == [REVIEWED]
    at = _page("review", at, doc="baoji-2022")
    assert any("没有待审核的记录" in i.value for i in at.info)


def test_an_ambiguous_name_lists_the_matches_and_opens_one(app):
    at = app("department", dept="市财政局")   # printed by both seeds: two units
    assert any("有 2 个部门名为「市财政局」" in i.value for i in at.info)
    assert not at.header                                             # no profile rendered
    matches = frames(at)[0]
    assert sorted(matches["地区"]) == ["宝鸡市", "西宁市"]
    at = app("department", dept="西宁市/市财政局")                    # the link of one match
    assert [h.value for h in at.header] == ["市财政局"] and "西宁市" in texts(at)


def test_the_scope_is_kept_in_the_url_and_applied_on_every_page(app):
    at = app("overview", jurisdiction="西宁市")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["文件"] == "1" and metrics["措施"] == "47"
    assert at.selectbox(key="scope-jurisdiction").value == "西宁市"
    assert "范围:西宁市" in [e.label for e in at.sidebar.expander]    # the closed selectors' title says it
    at.switch_page("explorer/pages/department.py")
    at.query_params.pop("jurisdiction", None)       # a page switch: the session keeps the scope
    at.query_params["dept"] = "市财政局"
    at.run()
    assert at.query_params["jurisdiction"] == ["西宁市"] or at.query_params["jurisdiction"] == "西宁市"
    assert [h.value for h in at.header] == ["市财政局"]              # only 西宁's: no chooser
    at.switch_page("explorer/pages/measure.py")
    at.query_params.clear()
    at.run()
    assert at.selectbox[1].options == ["xining-2022"] or "xining-2022" in at.selectbox[-1].options


def test_every_table_has_downloads_and_every_chart_chinese_axes():
    """Tables go through shared.table (pages, — for empty cells, JSON and CSV);
    charts name their axes (no `value`, `city` in English)."""
    import re

    for page in [*sorted((ROOT / "explorer").rglob("*.py")), ROOT / "app.py"]:
        src = page.read_text(encoding="utf-8")
        if page.name != "shared.py":
            assert "st.dataframe(" not in src and ".dataframe(" not in src, page
        assert "st.bar_chart(" not in src, page      # explorer.bars: no Vega bundle on first render
        for call in re.findall(r"(?<!def )\bbar_chart\((.*?)\)\n", src, flags=re.S):
            assert "x_label=" in call and "y_label=" in call, (page, call)


def test_bar_charts_are_escaped_html_with_values_legend_and_axes():
    import pandas as pd

    from reformkg.explorer.bars import bars_html

    frame = pd.DataFrame({"牵头": [5, 1], "配合": [3, None]}, index=["市<b>财政局</b>", "市税务局"])
    out = bars_html(frame, x_label="措施数", y_label="部门")
    assert "<b>" not in out and "&lt;b&gt;" in out                  # labels are escaped
    assert out.count('class="rk-bar"') == 2 and ">8<" in out and ">1<" in out   # stacked totals printed
    assert "措施数" in out and "部门" in out and "牵头" in out and "配合" in out   # axes and legend
    first, second = out.split('class="rk-bar"')[1:]
    assert "width:62.50%" in first and "width:37.50%" in first     # the longest total fills the track
    assert "width:12.50%" in second and "width:37.50%" not in second   # an empty cell draws nothing
    grouped = bars_html(frame, x_label="目标值", y_label="城市", stacked=False)
    assert grouped.count('class="rk-bar"') == 3                     # one bar per (label, series) with a value
    single = bars_html(pd.Series([2.5], index=["《条例》"], name="引用次数"), x_label="引用次数", y_label="法规")
    assert "2.5" in single and "rk-bars" in single and "display:inline-block;width:10px" not in single   # no legend
    summed = bars_html(frame.assign(**{"其他 3 个": [1, 1]}), x_label="x", y_label="y", rest="其他 3 个")
    assert "background:#ced4da" in summed                          # the rest summed is grey


def test_a_page_changing_a_result_never_changes_the_cache(app):
    from reformkg.explorer import shared

    at = app("overview")      # a session, so that run() has its scope
    first = shared.run("documents", scoped=False)
    first["标题"] = "改过"
    first.loc[0, "id"] = "改过"
    again = shared.run("documents", scoped=False)
    assert "标题" not in again.columns and "改过" not in set(again["id"]) and not at.exception


def test_table_cells_are_escaped_empty_ones_a_dash_links_only_the_explorers_own():
    import pandas as pd

    from reformkg.explorer.shared import table_html

    df = pd.DataFrame({"年份": [2022.0, None], "措施数": [3, 4], "别名": [["甲", "乙"], []],
                       "标题": ["<script>alert(1)</script>", "![x](http://h/a.png)"],
                       "链接": ["/measure?id=a%2F1", "javascript:alert(1)"]})
    markup = table_html(df, {"链接": "详情"})
    got = _frame(markup)
    assert got.columns.tolist() == ["年份", "措施数", "别名", "标题", "详情"]
    assert got["年份"].tolist() == ["2022", "—"]                 # 2022, not 2022.0; empty: —
    assert got["措施数"].tolist() == ["3", "4"]
    assert got["别名"].tolist() == ["甲、乙", "—"]
    assert "<script>" not in markup and "](http" not in markup   # shown as text, never run or fetched
    assert got["标题"].tolist() == ["<script>alert(1)</script>", "![x](http://h/a.png)"]
    assert '<a href="/measure?id=a%2F1">打开</a>' in markup
    assert "href=\"javascript" not in markup and got["详情"].tolist()[1] == "javascript:alert(1)"


def test_document_warnings_reach_the_graph_and_the_review_page(tmp_path, monkeypatch):
    """An item left out (its siblings carry clauses, it none) is in no record:
    the document's warnings are kept on its node and listed on 审核."""
    doc = tmp_path / "left-out.txt"
    doc.write_text("某市2024年工作要点\n一、任务\n1.甲。(市发改委负责)\n2.乙。(市财政局负责)\n"
                   "3.丙。内容。\n4.丁。(市商务局负责)\n", encoding="utf-8")
    db = tmp_path / "g.lbug"
    proc = run_cli("build", "--db", str(db), str(doc))
    assert proc.returncode == 0, proc.stderr
    monkeypatch.setenv("REFORMKG_DB", str(db))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [int(n) for n in frames(at)[0]["抽取警告数"]] == [1]
    at = _page("review", at)
    assert "文件警告" in texts(at) and "1 个文件有 1 条警告" in texts(at)
    assert not any("警告" in f.columns for f in frames(at))   # the table is drawn on request
    at.toggle(key="show-warnings").set_value(True).run()
    warned = next(f for f in frames(at) if "警告" in f.columns)
    assert list(warned["文件"]) == ["left-out"] and "item 一/3" in warned["警告"].iloc[0]
    st.cache_resource.clear()
