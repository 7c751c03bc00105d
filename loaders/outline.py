"""The numbered outline of a document: paragraphs, labels and nesting.

Numbering styles are recognised at the start of a paragraph:

    第一章 / 第一部分    chapter
    第一条              article
    一、 一.            cn
    (一) （一）          pcn
    1. 1、 1．          num
    (1) （1） ⑴         pnum
    1)  1）             numparen
    ①                  circ

Nesting follows the order in which styles first appear: a style seen before
closes everything opened after it (a sibling), a new style opens a child.
This copes with items numbered straight through across sections
(Baoji's 1…95 under (一)…(十八)) and with skipped levels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Text

_CN = "一二三四五六七八九十百零〇"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"

# (style, pattern, label builder). Patterns run on the simplified view at a
# paragraph's first non-space character.
_STYLES: list[tuple[str, re.Pattern, callable]] = [
    ("chapter", re.compile(rf"第([{_CN}\d]+)(章|部分|篇)[\s、.:]*"), lambda m: f"第{m[1]}{m[2]}"),
    ("article", re.compile(rf"第([{_CN}\d]+)条[\s、.:]*"), lambda m: f"第{m[1]}条"),
    ("cn", re.compile(rf"([{_CN}]+)\s*[、.]\s*"), lambda m: m[1]),
    ("pcn", re.compile(rf"[(]([{_CN}]+)[)]\s*[、.]?\s*"), lambda m: f"({m[1]})"),
    ("num", re.compile(r"(\d+)\s*(?:[、.](?!\d))\s*"), lambda m: m[1]),
    ("pnum", re.compile(r"[(](\d+)[)]\s*[、.]?\s*"), lambda m: f"({m[1]})"),
    ("numparen", re.compile(r"(\d+)[)]\s*"), lambda m: f"{m[1]})"),
    ("pnum", re.compile(rf"([{_PAREN_DIGITS}])\s*"), lambda m: f"({_PAREN_DIGITS.index(m[1]) + 1})"),
    ("circ", re.compile(rf"([{_CIRCLED}])\s*"), lambda m: m[1]),
]

# Attachment headings (附件 / 附件1 / 附件2:…) restart the outline.
_ATTACHMENT = re.compile(r"附件\s*(\d*)\s*[:]?\s*$|附件\s*(\d+)\s*[:]?")

# Inline sub-item labels inside one paragraph: (1) ⑴ ①, after a sentence end.
_INLINE = re.compile(rf"[(](\d{{1,2}})[)]|([{_PAREN_DIGITS}])|([{_CIRCLED}])")


@dataclass
class Paragraph:
    start: int
    end: int


@dataclass
class Item:
    style: str
    label: str
    para: Paragraph
    body_start: int                     # first character after the label
    level: int = 0
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    extra: list[Paragraph] = field(default_factory=list)   # unlabelled paragraphs that follow
    prefix: str = ""                    # attachment prefix such as 附件1

    @property
    def path(self) -> str:
        labels = []
        node: Item | None = self
        while node is not None:
            labels.append(node.label)
            node = node.parent
        if self.prefix:
            labels.append(self.prefix)
        return "/".join(reversed(labels))


def paragraphs(text: Text) -> list[Paragraph]:
    out, pos = [], 0
    raw = text.raw
    for line in raw.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Paragraph(a, b))
    return out


def _category_re() -> re.Pattern:
    """`类别:政务服务` lines, written for a task table's category column
    (loaders/tables.py); the category itself is the label."""
    global _CATEGORY
    if _CATEGORY is None:
        from .knowledge import _yaml, alternation

        words = _yaml("table_headers.yaml")["columns"]["category"]
        _CATEGORY = re.compile(alternation(words) + r"\s*:\s*(?=\S)")
    return _CATEGORY


_CATEGORY: re.Pattern | None = None


def match_label(text: Text, para: Paragraph) -> tuple[str, str, int] | None:
    """(style, normalised label, body start) of a paragraph, or None."""
    s = text.simp
    for style, pattern, build in _STYLES:
        m = pattern.match(s, para.start, para.end)
        if m and m.end() < para.end:
            return style, build(m), m.end()
    m = _category_re().match(s, para.start, para.end)
    if m and para.end - m.end() <= 40 and "。" not in s[m.end():para.end]:
        return "category", text.raw[m.end():para.end].strip(), m.end()
    return None


# Heading styles that PDF/Word flattening glues after the previous item's
# clause (`…负责)四、…`, `…负责)(十四)…`).
_GLUABLE = {"cn": rf"[{_CN}]+、", "pcn": rf"[(][{_CN}]+[)]"}


def glued_heading_re(styles: set[str]) -> re.Pattern | None:
    """A heading label of one of `styles` (those that start lines in the
    document) written mid-line, after a closing bracket."""
    parts = [p for style, p in _GLUABLE.items() if style in styles]
    if not parts:
        return None
    return re.compile(rf"(?<=[)〕\]】])(?:{'|'.join(parts)})(?=\S)")


_FLAT_LABEL = re.compile(rf"(?P<cn>[{_CN}]+)、|[(](?P<pcn>[{_CN}]+)[)]|(?<![第\d.])(?P<num>\d+)[.、](?![\d])"
                         rf"|[(](?P<pnum>\d+)[)]")
_SENTENCE_END = "。;:!?)〕]】”"


def flattened_labels(s: str):
    """Labels written mid-line: (start, style, number, after a sentence end)."""
    from .dates import cn_number

    for m in _FLAT_LABEL.finditer(s):
        style = m.lastgroup
        n = cn_number(m[style]) if style in ("cn", "pcn") else int(m[style])
        if n is None:
            continue
        yield m.start(), style, n, m.start() == 0 or s[m.start() - 1] in _SENTENCE_END


def build_outline(text: Text, paras: list[Paragraph]) -> list[Item]:
    """All labelled items in document order, linked into a tree."""
    items: list[Item] = []
    stack: list[Item] = []
    styles: list[str] = []
    prefix = ""
    for para in paras:
        att = _ATTACHMENT.match(text.simp, para.start, para.end)
        if att and para.end - para.start <= 12:
            prefix = "附件" + (att[1] or att[2] or "")
            stack, styles = [], []
            continue
        found = match_label(text, para) or _next_number_before_digit(text, para, items)
        if found is None:
            if items:
                items[-1].extra.append(para)
            continue
        style, label, body = found
        if style in styles:
            level = styles.index(style)
            del styles[level + 1:]
            del stack[level:]
        else:
            styles.append(style)
            level = len(styles) - 1
        item = Item(style, label, para, body, level=level,
                    parent=stack[-1] if stack else None, prefix=prefix)
        if item.parent:
            item.parent.children.append(item)
        stack.append(item)
        items.append(item)
    return items


_NUM_BEFORE_DIGIT = re.compile(r"(\d+)\s*[.]\s*(?=\d)")


def _next_number_before_digit(text: Text, para: Paragraph, items: list[Item]):
    """`11.121人才梯队项目`: a number label followed by a digit is read as a label
    only when it is the next number after the previous item of that style
    (otherwise `1.5亿元…` at a line start would be one)."""
    m = _NUM_BEFORE_DIGIT.match(text.simp, para.start, para.end)
    if not m:
        return None
    last = next((it for it in reversed(items) if it.style == "num"), None)
    if last is None or not last.label.isdigit() or int(m[1]) != int(last.label) + 1:
        return None
    return "num", m[1], m.end()


def inline_labels(text: Text, a: int, b: int) -> list[tuple[int, int, str]]:
    """Sub-item labels written inside one paragraph, numbered 1, 2, 3 …

    Returns (label start, label end, normalised label) for a run that starts
    at 1 and counts up, each label at the start of the stretch or right
    after a sentence or clause ends.
    """
    s = text.simp
    out: list[tuple[int, int, str]] = []
    expected = 1
    for m in _INLINE.finditer(s, a, b):
        if m[1]:
            n = int(m[1])
        elif m[2]:
            n = _PAREN_DIGITS.index(m[2]) + 1
        else:
            n = _CIRCLED.index(m[3]) + 1
        before = s[m.start() - 1] if m.start() > a else "。"
        if n != expected or before not in "。;:!?)〕】 \t":
            continue
        label = m[3] if m[3] else f"({n})"
        out.append((m.start(), m.end(), label))
        expected += 1
    return out if len(out) >= 2 else []


def label_style(line: str) -> str | None:
    """The numbering style a line of plain text begins with, if any."""
    from .text import Text

    t = Text.of(line.strip())
    found = match_label(t, Paragraph(0, len(t.raw))) if t.raw else None
    return found[0] if found else None
