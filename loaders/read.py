"""Read a file of any supported format into plain document text.

Readers are registered by file extension (like spaCy's registered
components); each returns a `RawDocument`. Anything wrong with the input
raises `LoadError(path, reason)`, a one-line, user-facing message.
"""
from __future__ import annotations

import codecs
import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .lexicon import lexicon

if TYPE_CHECKING:
    from .tables import TableRenderer

MAX_BYTES = 200 * 1024 * 1024   # refuse anything larger outright
# .docx/.xlsx are zip packages: what counts is what they inflate to. Real
# work plans inflate to a few MB; a zip bomb to gigabytes.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200             # inflated/compressed size of one member


class LoadError(Exception):
    """A file that cannot be turned into measure records, and why."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class RawDocument:
    text: str
    source_format: str
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    doubts: tuple[tuple[str, str], ...] = ()   # (a line of the text, why its record needs a look)


Reader = Callable[[Path, bytes], RawDocument]
READERS: dict[str, Reader] = {}


def reader(*extensions: str):
    def register(fn: Reader) -> Reader:
        for ext in extensions:
            READERS[ext] = fn
        return fn
    return register


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_document(path: Path) -> RawDocument:
    path = Path(path)
    ext = path.suffix.lower()
    if not path.exists():
        raise LoadError(path, "no such file")
    if path.is_dir():
        raise LoadError(path, "is a directory")
    if not path.is_file():   # a device (/dev/zero), a FIFO, a socket: unbounded or blocking
        raise LoadError(path, "not a regular file (a device, pipe or socket)")
    if ext not in READERS:
        raise LoadError(path, f"unsupported file type '{ext or '(none)'}' "
                              f"(supported: {', '.join(sorted(READERS))})")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(path, f"file is {size // (1024 * 1024)} MB, larger than the "
                                  f"{MAX_BYTES // (1024 * 1024)} MB limit")
        data = path.read_bytes()
    except LoadError:
        raise
    except IsADirectoryError:
        raise LoadError(path, "is a directory") from None
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except OSError as e:
        raise LoadError(path, f"cannot read file ({e.strerror or e})") from None
    if not data.strip():
        raise LoadError(path, "file is empty")
    return READERS[ext](path, data)


# --- plain text --------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(path: Path, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Detect the encoding (never assume it): BOM, strict UTF-8, then charset-normalizer."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, ()
            except UnicodeDecodeError as e:
                raise LoadError(path, f"invalid {enc} text at byte {e.start}") from None
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(enc), enc, ()
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        found = _utf16_without_bom(data)   # CJK-heavy UTF-16 has few NULs, but some
        if found is not None:
            return found
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            text = data[:e.start].decode("utf-8")
            return text, "utf-8", (f"truncated UTF-8: the last {len(data) - e.start} byte(s) "
                                   f"end inside a character and were dropped",)
        utf8_error = e
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:2_000_000], cp_isolation=["gb18030", "big5", "utf_8", "utf_16"]).best()
    except Exception:  # detection itself failed on odd input
        best = None
    if best is not None and best.encoding:
        enc = "gb18030" if best.encoding.lower() in ("gb2312", "gbk", "gb18030") else best.encoding
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text = None
        if text is not None and _mostly_text(text):
            return text, enc, ()
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text, enc, ()
    raise LoadError(path, f"cannot decode text: not UTF-8 (invalid byte at {utf8_error.start}), "
                          f"GB18030 or Big5; is it a binary file?")


_PLAIN_CHAR = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\s]")


def _utf16_without_bom(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-16 (either byte order) without a BOM: the order whose text is
    almost all Chinese, ASCII and punctuation, if one is."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        if sample and len(_PLAIN_CHAR.findall(sample)) / len(sample) > 0.97:
            return text, enc, ()
    return None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # ASCII-heavy UTF-16 has NULs in every other byte; CJK-heavy UTF-16 has none,
    # but then strict UTF-8 decoding fails and detection below handles it.
    return max(even_nul, odd_nul) > 0.3 and min(even_nul, odd_nul) < 0.05


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t") or ch == "\ufffd"
              or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(sample) < 0.01


@reader(".txt", ".text")
def read_text(path: Path, data: bytes) -> RawDocument:
    text, enc, warnings = decode(path, data)
    return _plain_text_document(text, "txt", enc, warnings)


def _plain_text_document(text: str, fmt: str, enc: str | None, warnings: tuple[str, ...]) -> RawDocument:
    """Plain text with its tables written as text (pipe rows, one cell per line …) rendered."""
    from .tables import TableRenderer

    return _with_text_tables(text, fmt, enc, warnings, TableRenderer())


def _with_text_tables(text: str, fmt: str, enc: str | None, warnings: tuple[str, ...], tables) -> RawDocument:
    """A reader's text, its task tables written as text rendered too: a table
    pasted into a page or a Word file as paragraphs (one cell per line, cells
    set apart by tabs or spaces) is as common there as in plain text. A table
    the reader rendered itself is never continued by text after it."""
    from .tables import text_tables

    tables.forget_last_table()
    text = text_tables(text, tables)
    return RawDocument(text, fmt, enc, warnings + tuple(tables.warnings), tuple(tables.doubts))


@reader(".md", ".markdown")
def read_markdown(path: Path, data: bytes) -> RawDocument:
    """Markdown as the text it shows: `## 一、…` is the line `一、…`, `- 3.…` the
    line `3.…`, `**推行…**` the words; pipe tables are read as text tables."""
    text, enc, warnings = decode(path, data)
    return _plain_text_document(markdown_text(text), "md", enc, warnings)


_MD_LINE = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$"), r"\1"),   # ATX heading
    (re.compile(r"^(\s*>\s?)+"), ""),                                 # block quote
    (re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$"), ""),               # horizontal rule (before bullets: - - -)
    (re.compile(r"^\s{0,3}=+\s*$"), ""),                               # underline of a setext heading
    (re.compile(r"^\s*[-*+]\s+(?!$)"), ""),                            # bullet of a list
]
_MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                        # image
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                    # link: its text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),             # strong
    (re.compile(r"(?<![*0-9A-Za-z])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*0-9A-Za-z])"), r"\1"),  # emphasis (2*3*4 none)
    (re.compile(r"`([^`\n]+)`"), r"\1"),                               # code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),               # backslash escape
]


def markdown_text(text: str) -> str:
    """The text a Markdown document shows, line by line (pipe rows kept as they are)."""
    out = []
    for line in text.split("\n"):
        if not line.lstrip().startswith("|"):
            for pattern, repl in _MD_LINE:
                line = pattern.sub(repl, line)
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        out.append(line)
    return "\n".join(out)


# --- HTML ------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button",
              "aside", "select", "option", "svg", "canvas", "template", "object", "embed")
_CHROME = re.compile(r"(^|[-_ ])(nav|navbar|menu|share|bdshare|footer|foot|header|head|top|"
                     r"breadcrumb|crumb|sidebar|side|toolbar|search|login|copyright|related|"
                     r"fenxiang|dayin|print|close|weixin|weibo|qrcode|ewm|"
                     r"prev|next|pager|pagination|location|position"   # 上一篇/下一篇, 当前位置
                     r")([-_ ]|\d|$)", re.I)
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "tbody",
          "thead", "main", "figure", "figcaption", "caption"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _html_decode(path: Path, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = "gb18030" if enc in ("gb2312", "gbk", "gb18030") else enc
        try:
            return data.decode(enc), enc, ()
        except (UnicodeDecodeError, LookupError):
            pass
    return decode(path, data)


def html_table_grid(table) -> list[list[str]]:
    """A <table> as a grid, rowspan/colspan expanded (covered cells repeat the text)."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.find_all("tr")):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
            for br in td.find_all("br"):
                br.replace_with("\n")
            text = "\n".join(p.get_text(" ", strip=True) for p in td.find_all(["p", "div"], recursive=False)) \
                or td.get_text(" ", strip=True)
            try:
                rowspan = max(1, int(td.get("rowspan", 1)))
                colspan = max(1, int(td.get("colspan", 1)))
            except ValueError:
                rowspan = colspan = 1
            for dc in range(colspan):
                row.append(text)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = text
            c += colspan
        while (r, c) in pending:
            row.append(pending.pop((r, c)))
            c += 1
        grid.append(row)
    return grid


def html_to_text(html: str, tables: "TableRenderer | None" = None) -> str:
    """Document text of a saved web page: chrome dropped, block structure kept;
    task tables rendered as numbered items (loaders/tables.py)."""
    from bs4 import BeautifulSoup, Comment, NavigableString

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marker = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
        if marker.strip() and _CHROME.search(marker) and tag.name not in ("body", "html", "table"):
            text_len = len(tag.get_text(strip=True))
            if text_len < 400:   # chrome is short; never drop the article itself
                tag.decompose()
    root = soup.body or soup
    out: list[str] = []

    # an explicit stack, not recursion: a page nested thousands deep must not
    # raise RecursionError
    stack: list[tuple[bool, object]] = [(False, root)]   # (is text, text or node)
    while stack:
        is_text, x = stack.pop()
        if is_text:
            out.append(x)
            continue
        items: list[tuple[bool, object]] = []
        for child in x.children:
            if isinstance(child, NavigableString):   # a line break of the source: _SEGMENT_BREAK
                items.append((True, _SPACES.sub(lambda m: _SEGMENT_BREAK if "\n" in m.group() else " ", str(child))))
            elif child.name == "table" and tables is not None:
                lines = tables.render(html_table_grid(child))
                items.append((False, child) if lines is None else (True, "\n" + "\n".join(lines) + "\n"))
            elif child.name in ("td", "th"):
                items += [(True, "\t"), (False, child)]
            elif child.name == "li" and (label := _list_number(child)):
                items += [(True, "\n" + label), (False, child), (True, "\n")]
            elif child.name in _BLOCK:
                items += [(True, "\n"), (False, child), (True, "\n")]
            else:
                items.append((False, child))
        stack.extend(reversed(items))
    text = _WIDE_BREAK.sub("", "".join(out)).replace(_SEGMENT_BREAK, " ")
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# A line break in a page's source between two wide (Chinese) characters shows as nothing,
# as CSS's segment-break rule has it (牵头\n部门 is 牵头部门), elsewhere as a space:
# marked while the page is walked, then dropped or made a space.
_SEGMENT_BREAK = "\x00"
_SPACES = re.compile(r"\s+")
_WIDE = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ {_SEGMENT_BREAK}]*{_SEGMENT_BREAK}[ {_SEGMENT_BREAK}]*(?=[{_WIDE}])")


# The label a browser draws before an <li> of an <ol>, by nesting depth: the
# outline reads levels from label styles, so each depth gets its own.
_LIST_LABELS = ("{}.", "({})", "{})")
_NO_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*none", re.I)


def _list_number(li) -> str:
    """`1.` for the first <li> of a top-level <ol>, `(1)` one level down …; ""
    when the browser draws no number (another list type, list-style none) or
    the item's text already begins with its own label."""
    from .outline import label_style

    ol = li.parent
    if ol is None or ol.name != "ol" or (ol.get("type") or "1") != "1":
        return ""
    if _NO_LIST_STYLE.search((ol.get("style") or "") + ";" + (li.get("style") or "")):
        return ""
    if label_style(li.get_text(" ", strip=True)[:20]):
        return ""
    try:
        start = int(ol.get("start") or 1)
    except ValueError:
        start = 1
    position = sum(1 for sib in li.find_previous_siblings("li"))
    depth = len([a for a in li.parents if a.name == "ol"])
    return _LIST_LABELS[min(depth, len(_LIST_LABELS)) - 1].format(start + position)


@reader(".html", ".htm", ".shtml", ".xhtml")
def read_html(path: Path, data: bytes) -> RawDocument:
    from .tables import TableRenderer

    html, enc, warnings = _html_decode(path, data)
    tables = TableRenderer()
    text = html_to_text(html, tables)
    if not text.strip():
        raise LoadError(path, "HTML page has no text content")
    return _with_text_tables(text, "html", enc, warnings, tables)


# --- Word ------------------------------------------------------------------

def check_zip_package(path: Path, data: bytes) -> None:
    """Refuse a .docx/.xlsx that would inflate past the limits (a zip bomb),
    from the sizes its directory declares and, since those can lie, by
    inflating each member with a cap."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise LoadError(path, f"not a valid zip package ({e})") from None
    total = 0
    with archive:
        for info in archive.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNZIPPED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO):
                raise LoadError(path, f"package member {info.filename} inflates to "
                                      f"{info.file_size // (1024 * 1024)} MB (ratio {ratio:.0f}:1); "
                                      f"refused as a possible zip bomb (limit "
                                      f"{MAX_UNZIPPED_BYTES // (1024 * 1024)} MB in all)")
        inflated = 0
        for info in archive.infolist():
            with archive.open(info) as member:
                while chunk := member.read(1024 * 1024):
                    inflated += len(chunk)
                    if inflated > MAX_UNZIPPED_BYTES:
                        raise LoadError(path, f"package inflates past {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
                                              f"(its directory understates sizes); refused as a possible zip bomb")


@reader(".docx")
def read_docx(path: Path, data: bytes) -> RawDocument:
    import io

    check_zip_package(path, data)
    try:
        import docx
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(path, f"not a valid .docx file ({type(e).__name__}: {e})") from None
    except Exception as e:  # python-docx raises several internal types on corrupt packages
        raise LoadError(path, f"cannot open .docx ({type(e).__name__}: {e})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .tables import TableRenderer

    tables = TableRenderer()
    numbers = WordNumbering(document)
    lines: list[str] = []
    for block in _body_blocks(document.element.body):
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(numbers.label(Paragraph(block, document)) + word_paragraph_text(block))
        elif tag == "tbl":
            # merged cells: python-docx repeats the merged cell in every position it covers
            grid = [["\n".join(word_paragraph_text(p) for p in cell._tc.iterchildren(_W + "p"))
                     for cell in row.cells] for row in Table(block, document).rows]
            lines.extend(_table_lines(tables, grid))
    return _with_text_tables("\n".join(lines), "docx", None, (), tables)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# where a paragraph's shown text is not: deleted or moved-away revisions, the
# fallback copy of a drawing, text boxes (drawn apart from the text flow)
_NOT_SHOWN = {_W + "del", _W + "moveFrom", _W + "txbxContent",
              "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _body_blocks(body):
    """Paragraphs and tables of the body in order, also those inside content controls (w:sdt)."""
    for block in body.iterchildren():
        if block.tag == _W + "sdt":
            content = block.find(_W + "sdtContent")
            if content is not None:
                yield from _body_blocks(content)
        elif block.tag in (_W + "p", _W + "tbl"):
            yield block


def word_paragraph_text(p) -> str:
    """The text a paragraph shows: every run, also inside hyperlinks, tracked
    insertions, smart tags and content controls (python-docx's `text` skips
    the last three); tabs and line breaks as characters."""
    out: list[str] = []

    def walk(el):
        for child in el.iterchildren():
            tag = child.tag
            if tag in _NOT_SHOWN or tag == _W + "pPr":
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out)


@reader(".doc", ".wps")
def read_doc(path: Path, data: bytes) -> RawDocument:
    """Word 97-2003 binary documents (and WPS files saved in that format)."""
    import struct

    from .tables import TableRenderer
    from .word97 import Word97Error, word97_blocks

    try:
        blocks, notes = word97_blocks(data)
    except Word97Error as e:
        raise LoadError(path, f"cannot read {path.suffix.lower()} ({e})") from None
    except (struct.error, IndexError, KeyError) as e:
        raise LoadError(path, f"damaged Word 97-2003 file ({type(e).__name__}: {e})") from None
    tables = TableRenderer()
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
            continue
        lines.extend(_table_lines(tables, block))
    if not any(line.strip() for line in lines):
        raise LoadError(path, "Word document has no text")
    return _with_text_tables("\n".join(lines), "doc", None, tuple(notes), tables)


def _table_lines(tables, grid: list[list[str]]) -> list[str]:
    """A word processor's table: rendered when it is a task table, else one tab-separated line per row."""
    rendered = tables.render(grid)
    if rendered is None:
        return ["\t".join(c.replace("\n", " ") for c in row) for row in grid]
    return rendered


class WordNumbering:
    """The numbers Word draws before auto-numbered paragraphs (一、 (一) 1.),
    which are not in their text: numbering.xml says, per list and level, the
    format (decimal, chineseCounting, decimalEnclosedCircle …), the start and
    the label text (`%1、`, `（%1）`, `%1.%2`); a paragraph takes its list from
    its own properties or its style's. Counters run per list; a level
    restarts when a higher one advances."""

    _W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def __init__(self, document):
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}   # numId -> ilvl -> (start, fmt, text)
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        w = self._W
        abstract = {a.get(w + "abstractNumId"): self._read_levels(a) for a in root.iter(w + "abstractNum")}
        for num in root.iter(w + "num"):
            ref = num.find(w + "abstractNumId")
            levels = dict(abstract.get(ref.get(w + "val") if ref is not None else None, {}))
            for override in num.iter(w + "lvlOverride"):
                ilvl, start = int(override.get(w + "ilvl", "0")), override.find(w + "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start.get(w + "val", "1")), *levels[ilvl][1:])
            self._levels[num.get(w + "numId")] = levels

    def _read_levels(self, abstract) -> dict[int, tuple[int, str, str]]:
        w, out = self._W, {}
        for lvl in abstract.iter(w + "lvl"):
            def val(tag, default):
                el = lvl.find(w + tag)
                return el.get(w + "val", default) if el is not None else default
            out[int(lvl.get(w + "ilvl", "0"))] = (int(val("start", "1")), val("numFmt", "decimal"),
                                                  val("lvlText", ""))
        return out

    def _num_pr(self, paragraph):
        """(numId, ilvl) from the paragraph's properties, else its style's."""
        w = self._W
        # the style chain is looked up only when the paragraph's own properties do not say
        candidates = itertools.chain([paragraph._p.pPr], (getattr(st.element, "pPr", None)
                                                          for st in self._style_chain(paragraph.style)))
        num_id, ilvl = None, None
        for pr in candidates:
            numpr = pr.find(w + "numPr") if pr is not None else None
            if numpr is None:
                continue
            n, i = numpr.find(w + "numId"), numpr.find(w + "ilvl")
            num_id = num_id if num_id is not None else (n.get(w + "val") if n is not None else None)
            ilvl = ilvl if ilvl is not None else (int(i.get(w + "val", "0")) if i is not None else None)
            if num_id is not None and ilvl is not None:
                break
        return num_id, ilvl or 0

    @staticmethod
    def _style_chain(style):
        seen = 0
        while style is not None and seen < 10:
            yield style
            style, seen = style.base_style, seen + 1

    def label(self, paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        levels = self._levels.get(num_id) if num_id not in (None, "0") else None
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        start = levels[ilvl][0]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, template = levels[ilvl][1], levels[ilvl][2]
        if fmt in ("bullet", "none") or not template:
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            n = counters[k] or (levels.get(k, (1,))[0])
            return _format_number(n, levels.get(k, (1, "decimal"))[1])

        return re.sub(r"%([1-9])", number, template)


def _format_number(n: int, fmt: str) -> str:
    """A list number as Word draws it in format `fmt` (Chinese counting from the lexicon)."""
    from .lexicon import lexicon

    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "chineseLegalSimplified") and 0 < n < 100:
        lx = lexicon().data
        digit = {}
        for ch, v in lx["cn_digits"].items():
            digit.setdefault(v, ch)
        ten = next(ch for ch, v in lx["cn_multipliers"].items() if v == 10)
        tens, ones = divmod(n, 10)
        return ((digit[tens] if tens > 1 else "") + (ten if tens else "") + (digit[ones] if ones else "")) or digit[0]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return lexicon().data["circled_digits"][n - 1]
    if fmt == "decimalEnclosedParen" and 0 < n <= 20:
        return lexicon().data["paren_digits"][n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26:
        return chr((0x61 if fmt == "lowerLetter" else 0x41) + n - 1)
    return str(n)


# --- Excel -----------------------------------------------------------------

@reader(".xlsx", ".xlsm")
def read_xlsx(path: Path, data: bytes) -> RawDocument:
    import io

    check_zip_package(path, data)
    try:
        import openpyxl
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Exception as e:
        raise LoadError(path, f"not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
    uncached = _formulas_without_values(book, formulas)
    sheets = []
    for sheet in book.worksheets:
        grid = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merged = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in sheet.merged_cells.ranges]
        sheets.append((sheet.title, _spread_merged(grid, merged)))
    warnings = ()
    if uncached:
        warnings = (f"{len(uncached)} formula cell(s) have no saved value and were read as empty "
                    f"(first: {uncached[0]}); open and save the workbook in Excel to store them",)
    return _workbook_document(path, sheets, "xlsx", warnings)


@reader(".csv")
def read_csv(path: Path, data: bytes) -> RawDocument:
    """A task table exported as CSV (comma, tab or semicolon between cells, in any
    of the encodings plain text may have), read as a one-sheet workbook."""
    import csv
    import io

    text, enc, warnings = decode(path, data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        grid = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as e:   # a field over the module's limit, a NUL byte …
        raise LoadError(path, f"not a readable CSV table ({e})") from None
    raw = _workbook_document(path, [(path.name, grid)], "csv", warnings)
    return RawDocument(raw.text, raw.source_format, enc, raw.warnings)


def _xlsx_cell(value) -> str:
    """A cell as Excel shows it: a date without its midnight time."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return str(value)


def _spread_merged(grid: list[list[str]], merged) -> list[list[str]]:
    """Every cell a merged range covers takes the range's value (its top-left
    cell's), as a reader sees it; `merged` holds (row, row_end, col, col_end),
    0-based, ends exclusive."""
    for r0, r1, c0, c1 in merged:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid))):
            for c in range(c0, min(c1, len(grid[r]))):
                grid[r][c] = value
    return grid


def _workbook_document(path: Path, sheets, fmt: str, warnings: tuple[str, ...]) -> RawDocument:
    """The task tables of a workbook's sheets ((title, grid) each), rendered as text."""
    from .tables import TableRenderer

    tables = TableRenderer()
    lines: list[str] = []
    unrecognised = []
    for title, grid in sheets:
        rendered = tables.render(grid)
        if rendered is None:
            if any(any(c.strip() for c in row) for row in grid):
                unrecognised.append(title)
            continue
        lines.extend(rendered)
    if not lines:
        raise LoadError(path, "no task table found: no sheet has a header row with a task column "
                              "(重点任务/工作任务/具体措施…) and a unit column (牵头单位/责任单位/配合单位)")
    warnings = tuple(tables.warnings) + tuple(f"sheet {t!r} has no task-table header; skipped"
                                              for t in unrecognised) + warnings
    return RawDocument("\n".join(lines), fmt, None, warnings)


def _formulas_without_values(book, formulas) -> list[str]:
    """Cells holding a formula whose result the file does not store."""
    out = []
    for sheet in formulas.worksheets:
        values = book[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and values[cell.coordinate].value is None:
                    out.append(f"{sheet.title}!{cell.coordinate}")
    return out


@reader(".xls")
def read_xls(path: Path, data: bytes) -> RawDocument:
    """Excel 97-2003 (BIFF) workbooks, through xlrd; merged ranges as in .xlsx."""
    try:
        import xlrd
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as e:  # xlrd raises XLRDError, CompDocError, struct.error … on bad files
        raise LoadError(path, f"not a readable .xls workbook ({type(e).__name__}: {e})") from None
    sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            grid = [[_xls_cell(book, sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
            sheets.append((sheet.name, _spread_merged(grid, sheet.merged_cells)))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return _workbook_document(path, sheets, "xls", ())


def _xls_cell(book, cell) -> str:
    """A cell as Excel shows it: whole numbers without `.0`, dates as YYYY-MM-DD."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        value = cell.value
        return str(int(value)) if float(value).is_integer() else str(value)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            y, m, d, *_ = xlrd.xldate_as_tuple(cell.value, book.datemode)
            return f"{y:04d}-{m:02d}-{d:02d}"
        except xlrd.xldate.XLDateError:
            return str(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)


# --- PDF -------------------------------------------------------------------

_CID = re.compile(r"\(cid:\d+\)")   # a glyph without a Unicode mapping, as pdfminer writes it


@reader(".pdf")
def read_pdf(path: Path, data: bytes) -> RawDocument:
    import io
    import logging

    from .tables import TableRenderer

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        import pdfplumber
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 - opening the page tree is where encryption shows
    except Exception as e:
        name = type(e).__name__
        inner = " ".join(type(a).__name__ for a in e.args if isinstance(a, Exception))  # pdfplumber wraps
        if "Password" in name + inner or "Encrypt" in name + inner:
            raise LoadError(path, "the PDF is password-protected; save an unprotected copy") from None
        raise LoadError(path, f"not a readable PDF ({name}: {str(e) or 'no detail'})") from None
    tables = TableRenderer()
    lines: list[PdfLine] = []
    with pdf:
        for page in pdf.pages:
            try:
                blocks = _pdf_page(page, tables)
            except LoadError:
                raise
            except Exception as e:
                raise LoadError(path, f"cannot extract text from page {page.page_number} "
                                      f"({type(e).__name__})") from None
            lines.extend(blocks)
    if not lines:
        raise LoadError(path, "PDF has no text layer (scanned image?); OCR it first")
    text = join_wrapped_lines(lines)
    unmapped = len(_CID.findall(text))
    if unmapped and unmapped * 8 > len(text) * 0.2:   # (cid:123) stands for one character
        raise LoadError(path, f"the PDF's fonts have no Unicode mapping ({unmapped} glyphs read as "
                              f"(cid:N)), as copy-protected PDFs do; its text cannot be read")
    return RawDocument(text, "pdf", None, tuple(tables.warnings))


def _pdf_page(page, tables) -> list["PdfLine"]:
    """A page's lines in reading order; task tables pdfplumber finds replaced by
    their rendered rows (which always stand as paragraphs of their own)."""
    found = []
    for t in page.find_tables():
        rendered = tables.render([[c or "" for c in row] for row in t.extract()], merges_unseen=True)   # None: merged
        if rendered is not None:
            found.append((t.bbox, rendered))

    def outside(obj) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b, _ in found)

    text_page = page.filter(outside) if found else page
    items: list[tuple[float, list[PdfLine]]] = []
    for ln in text_page.extract_text_lines(return_chars=False):
        t = ln["text"].strip()
        if t and not lexicon().named("page_number_pattern").match(t):
            items.append((ln["top"], [PdfLine(t, ln["x0"], ln["x1"], ln["bottom"] - ln["top"])]))
    for bbox, rendered in found:
        items.append((bbox[1], [PdfLine(r, bbox[0], bbox[2], 0.0, standalone=True) for r in rendered]))
    items.sort(key=lambda it: it[0])
    return [ln for _, group in items for ln in group]


@dataclass
class PdfLine:
    text: str
    x0: float
    x1: float
    height: float
    standalone: bool = False   # a rendered table row: always a paragraph of its own


def join_wrapped_lines(lines: list[PdfLine]) -> str:
    """Re-join lines that a PDF wrapped in the middle of a paragraph.

    A paragraph ends where its last line stops short of the right margin (by
    more than about one character). A full line never ends one, even when it
    happens to end with 。, so an inline "(2)" wrapped to the start of a line
    stays inside its paragraph. A line starting with a section or item label
    (一、 (一) 1. 第一条) always starts a new one, and so does (1) after a
    line that ends with a closing bracket (the previous item's clause).
    """
    from .outline import label_style

    if not lines:
        return ""
    text_lines = [ln for ln in lines if not ln.standalone] or lines
    rights = sorted(ln.x1 for ln in text_lines)
    margin = rights[int(len(rights) * 0.9)] if len(rights) > 3 else rights[-1]
    heights = sorted(ln.height for ln in lines if ln.height)
    char_w = (heights[len(heights) // 2] if heights else 0) or 10.0
    out = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        short = prev.x1 < margin - 1.2 * char_w
        style = label_style(line.text)
        if (short or prev.standalone or line.standalone
                or style in ("chapter", "chapter_section", "article", "matter", "cn", "pcn", "num")
                or (style in ("pnum", "circ") and prev.text.endswith((")", "〕", "】", "]")))):
            out.append("\n" + line.text)
        else:
            out.append(line.text)
    return "".join(out)
