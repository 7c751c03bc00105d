"""The same document as .docx, .doc, .md, .pdf, .html, GB18030, UTF-16 and traditional
characters gives the records of its .txt twin (spec fields, folded)."""
from __future__ import annotations

import pytest

import twins
from conftest import CORPUS, SEEDS, run_cli
from reformkg.loaders import SPEC_FIELDS, extract_file
from reformkg.loaders.text import fold

VARIANT_DOC = """渭南市人民政府办公室关于印发渭南市2022年优化营商环境重点任务的通知
渭南市2022年优化营商环境重点任务
一、提升政务服务效能
(一)推进一网通办。(1)梳理事项清单。(2)完善平台功能,推动更多事项实现掌上办、指尖办、网上办、就近办、一次办。(3)市行政审批服务局牵头,组织培训。(市行政审批服务局牵头,市发改委、市大数据局等部门及各县市区按职责分工负责)
(二)优化纳税服务。年内纳税时间压减至90小时以内。(责任单位:市税务局,各县市区政府。完成时限:2022年12月底)
二、强化保障
1.加强宣传。内容。
牵头单位:市委宣传部
责任单位:市融媒体中心、市文旅局
完成时限:持续推进
"""


def _folded(v):
    return fold(v) if isinstance(v, str) else [fold(x) for x in v] if isinstance(v, list) else v


def spec_view(path):
    return [{k: _folded(v) for k, v in m.to_json().items() if k in SPEC_FIELDS and k != "doc"}
            for m in extract_file(path).measures]


FACTS = ("title", "issuer", "doc_number", "signed", "published", "year", "jurisdiction", "province")


def facts_view(path):
    document = extract_file(path).document
    return {k: _folded(getattr(document, k)) for k in FACTS}


def _sources():
    out = {}
    for doc in SEEDS:
        out[doc] = (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
    out["variants"] = VARIANT_DOC
    return out


WRITERS = {
    "docx": lambda text, p: twins.write_docx(text, p.with_suffix(".docx")),
    "doc": lambda text, p: twins.write_doc(text, p.with_suffix(".doc")),
    "wps": lambda text, p: twins.write_doc(text, p.with_suffix(".wps")),   # WPS saves the Word 97 format
    "md": lambda text, p: twins.write_md(text, p.with_suffix(".md")),
    "pdf": lambda text, p: twins.write_pdf(text, p.with_suffix(".pdf")),
    "html": lambda text, p: twins.write_html(text, p.with_suffix(".html")),
    "html-gbk": lambda text, p: twins.write_html(text, p.with_suffix(".htm"), encoding="gbk"),
    "gb18030": lambda text, p: twins.write_txt(text, p.with_suffix(".txt"), "gb18030"),
    "utf-16": lambda text, p: twins.write_txt(text, p.with_suffix(".txt"), "utf-16"),
    "utf-8-bom": lambda text, p: twins.write_txt(text, p.with_suffix(".txt"), "utf-8-sig"),
    "traditional": lambda text, p: twins.write_traditional(text, p.with_suffix(".txt")),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("doc", [*SEEDS, "variants"])
def test_twin_gives_the_records_of_the_txt(tmp_path, fmt, doc):
    text = _sources()[doc]
    (tmp_path / "txt").mkdir()
    original = twins.write_txt(text, tmp_path / "txt" / f"{doc}.txt")
    (tmp_path / fmt).mkdir()
    twin = WRITERS[fmt](text, tmp_path / fmt / doc)
    expected = spec_view(original)
    assert expected, "the .txt gives no measures"
    got = spec_view(twin)
    assert [m["path"] for m in got] == [m["path"] for m in expected]
    assert got == expected
    assert facts_view(twin) == facts_view(original)


def test_a_traditional_title_names_its_jurisdiction(tmp_path):
    """寶雞市 is 宝鸡市: divisions are looked up by the simplified name, and a
    title is kept as printed."""
    p = tmp_path / "trad.txt"
    p.write_text("寶雞市2022年優化營商環境工作要點\n一、提升服務\n1.推行一網通辦。(市政府辦公室牽頭)\n",
                 encoding="utf-8")
    result = extract_file(p)
    assert (result.document.title, result.document.jurisdiction) == ("寶雞市2022年優化營商環境工作要點", "宝鸡市")
    assert result.measures[0].units[0].id == "宝鸡市/市人民政府办公室"


def test_detected_encoding_is_reported(tmp_path):
    p = twins.write_txt(VARIANT_DOC, tmp_path / "gbk.txt", "gb18030")
    assert extract_file(p).document.encoding == "gb18030"
    p = twins.write_txt(VARIANT_DOC, tmp_path / "u16.txt", "utf-16")
    assert extract_file(p).document.encoding.startswith("utf-16")


def test_traditional_twin_keeps_traditional_surface_forms(tmp_path):
    p = twins.write_traditional(VARIANT_DOC, tmp_path / "trad.txt")
    m = extract_file(p).measures
    assert m[0].leads == ["市行政審批服務局"]
    assert m[1].deadline == "2022-12-31"


def test_html_chrome_is_dropped(tmp_path):
    p = twins.write_html(VARIANT_DOC, tmp_path / "page.html")
    text = extract_file(p).document.text
    for chrome in ("分享到", "打印本页", "ICP备案号", "统计代码", "机构设置", "当前位置"):
        assert chrome not in text
    assert "渭南市2022年优化营商环境重点任务" in text


def test_html_ordered_lists_get_the_numbers_a_browser_draws(tmp_path):
    """<ol><li>: the number is drawn by the browser, not in the text; the
    outline needs it (one style per nesting depth; `start` honoured; none when
    the list shows none or the item prints its own)."""
    p = tmp_path / "ol.html"
    p.write_text("""<html><body><h1>某市2023年工作要点</h1><p>一、提升政务服务</p>
      <ol><li>推行一网通办。内容。(市政务服务中心牵头)</li>
          <li>推行一窗受理。<ol><li>设立综合窗口。(市行政审批局牵头)</li>
                                <li>推行帮办代办。(市政务服务中心牵头)</li></ol></li></ol>
      <p>二、优化监管</p><ol start="3"><li>推行信用监管。(市发改委牵头)</li></ol>
      <ol style="list-style-type: none"><li>4.推行智慧监管。(市市场监管局牵头)</li></ol>
      </body></html>""", encoding="utf-8")
    got = [(m.path, m.leads) for m in extract_file(p).measures]
    assert got == [("一/1", ["市政务服务中心"]), ("一/2/(1)", ["市行政审批局"]),
                   ("一/2/(2)", ["市政务服务中心"]), ("二/3", ["市发改委"]), ("二/4", ["市市场监管局"])]


def _numbered_docx(path, paragraphs):
    """A .docx whose numbers are Word's automatic numbering (numbering.xml),
    not text: levels 一、 / （一） / 1., as Chinese offices set them up."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]   # %n: level n's number
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        + "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                  f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
        + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in paragraphs:
        p = d.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    d.save(path)
    return path


def test_docx_automatic_numbering_is_read(tmp_path):
    """Word draws 一、 (一) 1. from numbering.xml; the text holds none of them.
    A lower level restarts when a higher one advances."""
    p = _numbered_docx(tmp_path / "auto.docx", [
        (None, "某市2023年优化营商环境工作要点"),
        (0, "提升政务服务"), (1, "优化审批"),
        (2, "推行一网通办。内容。(市政务服务中心牵头)"), (2, "推行一窗受理。(市行政审批局牵头)"),
        (1, "优化监管"), (2, "推行信用监管。(市发改委牵头)"),
        (0, "优化法治环境"), (1, "规范执法"), (2, "推行三项制度。(市司法局牵头)")])
    got = [(m.path, m.leads) for m in extract_file(p).measures]
    assert got == [("一/(一)/1", ["市政务服务中心"]), ("一/(一)/2", ["市行政审批局"]),
                   ("一/(二)/1", ["市发改委"]), ("二/(一)/1", ["市司法局"])]


def test_docx_list_number_style_is_numbered(tmp_path):
    """Numbering that comes from a paragraph style (Word's 'List Number')."""
    import docx

    d = docx.Document()
    d.add_paragraph("某市2023年工作要点")
    d.add_paragraph("一、提升政务服务")
    d.add_paragraph("推行一网通办。(市政务服务中心牵头)", style="List Number")
    d.add_paragraph("推行一窗受理。(市行政审批局牵头)", style="List Number")
    d.save(tmp_path / "style.docx")
    got = [(m.path, m.leads) for m in extract_file(tmp_path / "style.docx").measures]
    assert got == [("一/1", ["市政务服务中心"]), ("一/2", ["市行政审批局"])]


def test_doc_fields_cells_and_line_breaks(tmp_path):
    """A .doc keeps a field's shown result, not its instruction; a cell of two
    paragraphs is one cell; a manual line break (0x0B) ends a line."""
    from word97 import field, write_doc

    p = write_doc([
        "某市2023年优化营商环境工作要点",
        "一、提升政务服务",
        "1." + field(' HYPERLINK "http://www.example.gov.cn/a" ', "推行一网通办") + "。内容。(市政务服务中心牵头)",
        "2.推行一窗受理。内容。\x0b(市行政审批局牵头)",
        "附件:重点任务分工表",
        [["序号", "重点任务", "牵头单位", "配合单位"],
         ["3", "推行信用监管。", "市发改委", "市市场监管局\n市税务局"]],
    ], tmp_path / "plan.doc")
    ex = extract_file(p)
    assert "HYPERLINK" not in ex.document.text and "example.gov.cn" not in ex.document.text
    got = [(m.label, m.title, m.leads, m.supports) for m in ex.measures]
    assert got == [("1", "推行一网通办", ["市政务服务中心"], []), ("2", "推行一窗受理", ["市行政审批局"], []),
                   ("3", "推行信用监管", ["市发改委"], ["市市场监管局", "市税务局"])]


def test_doc_tracked_deletions_are_not_read(tmp_path):
    """A .doc keeps deleted revisions in its text, marked deleted in the character
    properties; what Word shows is read (a unit struck out is no unit)."""
    from word97 import deleted, write_doc

    p = write_doc(["某市2023年工作要点", "一、提升政务服务",
                   "1.推行一网通办。(" + deleted("市发改委") + "市政务服务中心牵头,市大数据局配合)",
                   deleted("2.推行一窗受理。(市行政审批局牵头)"),
                   "2.推行帮办代办。(市政务服务中心负责)"], tmp_path / "rev.doc")
    ex = extract_file(p)
    assert "市发改委" not in ex.document.text and "一窗受理" not in ex.document.text
    got = [(m.path, m.leads, m.supports, m.responsible) for m in ex.measures]
    assert got == [("一/1", ["市政务服务中心"], ["市大数据局"], []), ("一/2", [], [], ["市政务服务中心"])]


def test_doc_automatic_numbering_is_warned(tmp_path):
    """A .doc does not store the numbers of Word's automatic lists as text: say so."""
    from word97 import write_doc

    p = write_doc(["某市2023年工作要点", "一、提升政务服务", "推行一网通办。(市政务服务中心牵头)",
                   "推行一窗受理。(市行政审批局牵头)"], tmp_path / "auto.doc", listed={2, 3})
    proc = run_cli("extract", str(p))
    assert "2 paragraph(s) use Word's automatic numbering" in proc.stderr and str(p) in proc.stderr


@pytest.mark.parametrize("make,words", [
    (lambda w, p: w(["一、任务", "1.推行一网通办。(市发改委牵头)"], p, encrypted=True), "encrypted"),
    (lambda w, p: w(["一、任务", "1.推行一网通办。(市发改委牵头)"], p, nfib=0x0065), "Word 6/95"),
    (lambda w, p: p.write_bytes(b"\xd0\xcf\x11\xe0 not a compound file" * 20), "not an OLE compound file"),
    (lambda w, p: p.write_bytes(w(["一、任务", "1.推行一网通办。"], p).read_bytes()[:3000]), "cannot read"),
])
def test_unreadable_doc_is_reported(tmp_path, make, words):
    from word97 import write_doc

    p = tmp_path / "bad.doc"
    make(write_doc, p)
    proc = run_cli("extract", str(p))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert words in proc.stderr and str(p) in proc.stderr


def test_markdown_shows_its_text(tmp_path):
    """Headings, bullets, emphasis, links and escapes are Markdown, not text; pipe rows stay a table."""
    p = tmp_path / "plan.md"
    p.write_text("# 某市2023年工作要点\n\n## 一、提升政务服务\n\n"
                 "- 1\\. **推行一网通办**。见[平台](http://example.gov.cn)。（市政务服务中心牵头）\n"
                 "* 2、*推行一窗受理*。`窗口`设在大厅,压缩至2*3*4个。（市行政审批局牵头）\n\n- - -\n\n"
                 "> 二、优化市场环境\n\n"
                 "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 3 | **推行信用监管** | 市发改委 |\n", encoding="utf-8")
    ex = extract_file(p)
    assert "http" not in ex.document.text and "**" not in ex.document.text and "`" not in ex.document.text
    assert "2*3*4" in ex.document.text and "- -" not in ex.document.text
    got = [(m.path, m.title, m.leads) for m in ex.measures]
    assert got == [("一/1", "推行一网通办", ["市政务服务中心"]), ("一/2", "推行一窗受理", ["市行政审批局"]),
                   ("二/3", "推行信用监管", ["市发改委"])]


def test_docx_text_in_content_controls_revisions_and_smart_tags(tmp_path):
    """Text Word shows but python-docx's paragraph.text skips: a block content
    control (w:sdt), a tracked insertion (w:ins), a smart tag; a tracked deletion
    (w:del) is not shown and not read."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("某市2023年工作要点")
    d.add_paragraph("一、提升政务服务")
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>1.推行一网通办。(市政务服务中心牵头)</w:t></w:r></w:p>'
        f'</w:sdtContent></w:sdt>'))
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {w}><w:r><w:t>2.推行一窗受理。(</w:t></w:r>'
        f'<w:ins w:id="1" w:author="a"><w:r><w:t>市行政审批局</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="a"><w:r><w:delText>市发改委</w:delText></w:r></w:del>'
        f'<w:r><w:t>牵头)</w:t></w:r></w:p>'))
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {w}><w:r><w:t>3.推行帮办代办。(</w:t></w:r><w:smartTag w:uri="u" w:element="place">'
        f'<w:r><w:t>市政务服务中心</w:t></w:r></w:smartTag><w:r><w:t>负责)</w:t></w:r></w:p>'))
    d.save(tmp_path / "rev.docx")
    got = [(m.path, m.leads, m.responsible) for m in extract_file(tmp_path / "rev.docx").measures]
    assert got == [("一/1", ["市政务服务中心"], []), ("一/2", ["市行政审批局"], []),
                   ("一/3", [], ["市政务服务中心"])]


def test_a_task_table_exported_as_csv(tmp_path):
    """A task table saved as CSV (here GB18030, quoted cells holding commas): read as
    a one-sheet workbook. It had been refused as an unsupported file type."""
    p = tmp_path / "tasks.csv"
    p.write_bytes(("序号,工作任务,牵头单位,配合单位,完成时限\n"
                   "1,推进县城更新改造,县住建局,\"县自然资源局,县财政局\",2023年12月底\n"
                   "2,加快乡村振兴,县农业农村局,各乡镇,长期坚持\n").encode("gb18030"))
    result = extract_file(p)
    assert result.document.source_format == "csv"
    got = [(m.path, m.title, m.leads, m.supports, m.collectives, m.deadline) for m in result.measures]
    assert got == [("1", "推进县城更新改造", ["县住建局"], ["县自然资源局", "县财政局"], [], "2023-12-31"),
                   ("2", "加快乡村振兴", ["县农业农村局"], [], ["各乡镇"], "ongoing")]


def test_a_csv_that_is_no_table_says_why(tmp_path):
    from reformkg.loaders import LoadError

    huge = tmp_path / "huge.csv"
    huge.write_text("序号,工作任务,牵头单位\n1," + "甲" * 200_000 + ",市发改委\n", encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\nc,d\n", encoding="utf-8")
    with pytest.raises(LoadError, match="not a readable CSV table"):
        extract_file(huge)
    with pytest.raises(LoadError, match="no task table found"):
        extract_file(plain)
