"""Write one document's text in the formats real offices publish.

Used by the format tests: each twin must give the records of the .txt.
"""
from __future__ import annotations

import html
from pathlib import Path


def display_width(s: str) -> int:
    """Columns a string takes in a fixed-width layout (CJK characters two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap_cell(cell: str, width: int) -> list[str]:
    """A table cell's text wrapped at `width` display columns, as a PDF prints
    it (an empty cell: one empty line)."""
    lines, line = [], ""
    for ch in cell:
        if display_width(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_txt(text: str, path: Path, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_traditional(text: str, path: Path) -> Path:
    import opencc

    path.write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    return path


def write_docx(text: str, path: Path) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs(text):
        d.add_paragraph(p)
    d.save(path)
    return path


def write_doc(text: str, path: Path) -> Path:
    """Word 97-2003, one paragraph per line (tests/word97.py writes the binary format)."""
    from word97 import write_doc as write

    return write(list(paragraphs(text)), path)


def write_md(text: str, path: Path) -> Path:
    """Markdown as a converter writes it: `一、` and `(一)` headings as ATX headings,
    numbered items as list bullets with the stop after the number escaped (`1\\.`),
    every title in bold, a rule under the document's title."""
    import re

    out = []
    for i, p in enumerate(paragraphs(text)):
        if re.match(r"[一二三四五六七八九十]+、", p):
            out.append(f"## {p}")
        elif re.match(r"[（(][一二三四五六七八九十]+[）)]", p):
            out.append(f"### {p}")
        elif (m := re.match(r"(\d+)[.．、](.+?)(。|$)(.*)", p)):
            out.append(f"- {m[1]}\\. **{m[2].strip()}**{m[3]}{m[4]}")
        else:
            out.append(p)
        out.append("")
        if i == 0:
            out.append("---\n")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_html(text: str, path: Path, encoding: str = "utf-8") -> Path:
    """A government page saved from a browser: navigation, scripts, share buttons around the text."""
    body = "\n".join(
        f"<p style='text-indent:2em'><span>{html.escape(p[:5])}</span>{html.escape(p[5:])}</p>"
        for p in paragraphs(text))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav {{ color: red }}</style></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a> 无障碍 长者模式</div>
<nav class="nav"><ul><li>机构设置</li><li>政策文件</li><li>办事服务</li></ul></nav>
<div class="breadcrumb">当前位置:首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="article" id="zoom">
{body}
</div>
<div class="share bdshare">分享到:微信 微博 QQ空间</div>
<div class="print-close">【打印本页】【关闭窗口】</div>
<footer>主办单位:市人民政府办公室 网站标识码 1234567890 ICP备案号</footer>
<script>console.log("tail")</script>
</body></html>"""
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


def write_pdf(text: str, path: Path) -> Path:
    """A text-layer PDF: lines wrapped by width, several pages, page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"  # built into reportlab: no font file needed
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    size, lead = 10.5, 15
    width, height = A4
    left, right, top, bottom = 72, 72, 72, 72
    usable = width - left - right
    c = canvas.Canvas(str(path), pagesize=A4)
    page = 1
    y = height - top

    def new_page():
        nonlocal y, page
        c.setFont(font, 9)
        c.drawCentredString(width / 2, 40, f"- {page} -")
        c.showPage()
        page += 1
        y = height - top

    for para in paragraphs(text):
        line = ""
        lines = []
        for ch in para:
            if pdfmetrics.stringWidth(line + ch, font, size) > usable:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
        for ln in lines:
            if y < bottom:
                new_page()
            c.setFont(font, size)
            c.drawString(left, y, ln)
            y -= lead
    new_page()
    c.save()
    return path
