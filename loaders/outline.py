"""The numbered outline of a document: paragraphs, labels and nesting.

Numbering styles are recognised at the start of a paragraph:

    第一章 / 第一部分    chapter
    第一节              chapter_section
    第一条              article
    第一项              matter
    任务1: / 措施一、    task / step
    一、 一.            cn
    (一) （一）          pcn
    1. 1、 1． ⒈        num
    1.1  1.1.1          dec2, dec3 (a `1 市场准入` line above 1.1 is num; so is `4 规范执法`
                        in a run of such lines)
    1-1  1-1-1          hyp2, hyp3
    (1) （1） ⑴         pnum
    1)  1）             numparen
    一)  一）           cnparen
    A.  A、             letter
    一是…               shi
    第一,  第一、        ordinal
    ①                  circ

Nesting follows the order in which styles first appear: a style seen before
closes everything opened after it (a sibling), a new style opens a child,
except that a few styles are never children of some others (`三、` first met
below `(一)` is its parent level: lexicon.yaml `outline_outer_of`).
This copes with items numbered straight through across sections
(Baoji's 1…95 under (一)…(十八)) and with skipped levels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from typing import Iterable, Iterator

from .lexicon import lexicon
from .text import Text

@dataclass(frozen=True)
class _Numbering:
    """The numbering styles of loaders/data/lexicon.yaml, compiled."""

    cn: str                                  # Chinese numeral characters
    circled: str                             # ①…⑳
    paren_digits: str                        # ⑴…⒇
    stop_digits: str                         # ⒈…⒛
    styles: list[tuple[str, re.Pattern, str]]   # (style, pattern, label template)
    attachment: re.Pattern
    attachment_word: str
    box: re.Pattern                          # 专栏1 …: a plan's box, outside the outline
    inline: re.Pattern                       # (1) ⑴ ① inside a paragraph
    contents_entry: re.Pattern               # 二、重点任务……2
    enumeration_styles: frozenset[str]       # 一是…;二是…: parts of a sentence


@lru_cache(maxsize=1)
def numbering() -> _Numbering:
    lx = lexicon()
    d = lx.data
    styles = [(style, lx.pattern(pattern), template) for style, pattern, template in d["outline_styles"]]
    return _Numbering(
        cn=d["cn_numerals"], circled=d["circled_digits"], paren_digits=d["paren_digits"],
        stop_digits=d["stop_digits"],
        styles=styles, attachment=lx.named("attachment_pattern"), attachment_word=d["attachment_word"],
        box=lx.named("box_pattern"),
        contents_entry=lx.named("contents_entry_pattern"),
        enumeration_styles=frozenset(d["enumeration_styles"]),
        inline=re.compile(rf"[(](\d{{1,2}})[)]|([{d['paren_digits']}])|([{d['circled_digits']}])"))


def _style_match(s: str, start: int, end: int):
    """(style, normalised label, end of the label) at `start`, or None."""
    n = numbering()
    for style, pattern, template in n.styles:
        m = pattern.match(s, start, end)
        if m and m.end() < end:
            return style, template.replace("{1}", m[1]).replace("{2}", m[2] if m.re.groups > 1 else ""), m.end()
    ch = s[start:start + 1]
    if not ch or ch not in n.paren_digits + n.stop_digits + n.circled:
        return None
    j = start + 1
    while j < end and s[j].isspace():
        j += 1
    if j >= end:
        return None
    if ch in n.paren_digits:                # ⑴ is (1)
        return "pnum", f"({n.paren_digits.index(ch) + 1})", j
    if ch in n.stop_digits:                 # ⒈ is 1.
        return "num", str(n.stop_digits.index(ch) + 1), j
    return "circ", ch, j


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
    part: int = 0                       # the document's part: a notice, the plan it issues, each attachment

    @property
    def siblings_key(self) -> tuple[int, int]:
        """Items with the same key are siblings (top-level items of one part too)."""
        return self.part, id(self.parent)

    def ancestors(self) -> Iterator["Item"]:
        """Its parent, the parent's parent, … up to a top-level item."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @cached_property   # fixed once the item is made: its parent and labels never change
    def path(self) -> str:
        labels = [self.label, *(node.label for node in self.ancestors())]
        if self.prefix:
            labels.append(self.prefix)
        return "/".join(reversed(labels))


def paragraphs(text: Text) -> list[Paragraph]:
    """The text's non-blank lines, trimmed; a web page's own lines (上一篇:…,
    lexicon.yaml `page_chrome_line_pattern`) left out."""
    out, pos = [], 0
    raw, chrome = text.raw, lexicon().named("page_chrome_line_pattern")
    for line in raw.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        if a < b and not chrome.match(text.simp, a, b):
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
    found = _style_match(s, para.start, para.end)
    if found:
        return found
    m = _category_re().match(s, para.start, para.end)
    if m and para.end - m.end() <= 40 and "。" not in s[m.end():para.end]:
        return "category", text.raw[m.end():para.end].strip(), m.end()
    return None


# Heading styles that PDF/Word flattening glues after the previous item's
# clause (`…负责)四、…`, `…负责)(十四)…`).
def glued_heading_re(styles: set[str]) -> re.Pattern | None:
    """A heading label of one of `styles` (those that start lines in the
    document) written mid-line, after a closing bracket."""
    cn = numbering().cn
    gluable = {"cn": rf"[{cn}]+、", "pcn": rf"[(][{cn}]+[)]"}
    parts = [p for style, p in gluable.items() if style in styles]
    if not parts:
        return None
    return re.compile(rf"(?<=[)〕\]】])(?:{'|'.join(parts)})(?=\S)")


_SENTENCE_END = "。;:!?)〕]】”"


@lru_cache(maxsize=1)
def _flat_label_re() -> re.Pattern:
    cn, ordinal = numbering().cn, lexicon().data["ordinal_prefix"]
    # num_digit: 11.121人才… right after a sentence end is label 11, not the decimal 11.121
    end = re.escape(_SENTENCE_END)
    return re.compile(rf"(?P<cn>[{cn}]+)、|[(](?P<pcn>[{cn}]+)[)]|(?<![{ordinal}\d.])(?P<num>\d+)[.、](?![\d])"
                      rf"|(?<=[{end}])(?P<num_digit>\d+)[.、](?=\d)|[(](?P<pnum>\d+)[)]")


def flattened_labels(s: str):
    """Labels written mid-line: (start, style, number, after a sentence end)."""
    from .dates import cn_number

    for m in _flat_label_re().finditer(s):
        group = m.lastgroup
        style = "num" if group == "num_digit" else group
        n = cn_number(m[group]) if style in ("cn", "pcn") else int(m[group])
        if n is None:
            continue
        yield m.start(), style, n, m.start() == 0 or s[m.start() - 1] in _SENTENCE_END


def build_outline(text: Text, paras: list[Paragraph]) -> list[Item]:
    """All labelled items in document order, linked into a tree."""
    items: list[Item] = []
    stack: list[Item] = []
    styles: list[str] = []
    prefix, part = "", 0
    # in a plan's box (专栏1 …): the styles met before it, whose labels end it
    in_box: set[str] | None = None
    for i, para in enumerate(paras):
        att = numbering().attachment.match(text.simp, para.start, para.end)
        if att and (para.end - para.start <= 12 or att.end() == para.end):   # 附件 / 附件1 / 附件:title
            # the attachment's numbering starts again: its paths are told apart from the
            # items above, and from other attachments, by the prefix (附件 alone with no
            # items above, as after a notice, needs none)
            number = att[1] or att[2] or att[3] or ""
            prefix = numbering().attachment_word + number if items or number else ""
            stack, styles, part, in_box = [], [], part + 1, None
            continue
        if items and _signature(text, paras, i):
            stack, styles, part, in_box = [], [], part + 1, None   # the notice ends here: the plan below numbers afresh
            items[-1].extra.append(para)
            continue
        if items and _plan_title(text, paras, i, items[-1]):
            stack, styles, part, in_box = [], [], part + 1, None   # the plan printed under its notice, unsigned
            items[-1].extra.append(para)
            continue
        if numbering().contents_entry.search(text.simp, para.start, para.end):
            continue   # 二、重点任务……2: a table of contents' line, not the heading itself
        if items and numbering().box.match(text.simp, para.start, para.end):
            in_box = {it.style for it in items if it.part == part}   # 专栏1 …: outside the outline
            continue
        found = (match_label(text, para) or _next_number_before_digit(text, para, items)
                 or _decimal_parent(text, para, paras[i + 1] if i + 1 < len(paras) else None)
                 or _spaced_number(text, para, items, islice(paras, i + 1, None)))
        if found is not None and items and _enumeration_inside(text, para, found):
            items[-1].extra.append(para)   # 1.标题。/ 一是…;二是…: the item's text below its title
            continue
        if in_box is not None:
            if found is None or found[0] not in in_box:
                continue
            in_box = None
        if found is None:
            if items:
                items[-1].extra.append(para)
            continue
        style, label, body = found
        inner = [k for k, st in enumerate(styles) if st in _outer_of().get(style, ())]
        if style in styles:
            level = styles.index(style)
            del styles[level + 1:]
            del stack[level:]
        elif inner:   # 三、 first met below (一): the level of (一) (its parent), not its child
            level = inner[0]
            del styles[level:]
            del stack[level:]
            styles.append(style)
        else:
            styles.append(style)
            level = len(styles) - 1
        item = Item(style, label, para, body, level=level,
                    parent=stack[-1] if stack else None, prefix=prefix, part=part)
        if item.parent:
            item.parent.children.append(item)
        stack.append(item)
        items.append(item)
    return items


def _enumeration_inside(text: Text, para: Paragraph, found: tuple[str, str, int]) -> bool:
    """The paragraph opens with a label of a style that counts a sentence's parts
    and holds another of that style mid-line (一是…;二是…)."""
    style, _, body = found
    return style in numbering().enumeration_styles and labels_again(text.simp, body, para.end, style)


def labels_again(s: str, start: int, end: int, style: str) -> bool:
    """A label of `style` mid-line in s[start:end], right after a punctuation mark
    (…;二是…, …。(3)…): an enumeration running inside a paragraph."""
    for i in range(start, end):
        if s[i] in _ENUMERATION_BREAK:
            again = _style_match(s, i + 1, end)
            if again is not None and again[0] == style:
                return True
    return False


_ENUMERATION_BREAK = _SENTENCE_END + ","


def _signature(text: Text, paras: list[Paragraph], i: int) -> bool:
    """paras[i] is a signing date alone on its line, below a line that names the
    issuing body (武汉市人民政府 / 2024年1月26日)."""
    from .units import org_suffix

    lx, s = lexicon(), text.simp
    if i == 0 or not lx.named("signature_date_pattern").match(s[paras[i].start:paras[i].end]):
        return False
    issuer = s[paras[i - 1].start:paras[i - 1].end].strip()
    return (len(issuer) <= lx.data["signature_issuer_max_length"]
            and not any(c in issuer for c in lx.segment_separators + ":")   # a name, not a sentence
            and bool(org_suffix(issuer)) and match_label(text, paras[i - 1]) is None)


def _plan_title(text: Text, paras: list[Paragraph], i: int, last: Item) -> bool:
    """paras[i] is the title of a plan printed straight below its notice's own
    numbered paragraphs, with no signature between (三、强化考核。…纳入年度考核。 /
    2024年目标任务责任分解表 / 1.…): a short line with no stop that ends as a plan's
    title does, after an item of prose (a heading has no sentence), before the first
    item of a numbering."""
    lx, s = lexicon(), text.simp
    line = s[paras[i].start:paras[i].end].strip()
    if (i + 1 >= len(paras) or len(line) > lx.data["plan_title_max_length"]
            or not line.endswith(lx.words("title_endings"))
            or any(c in line for c in lx.segment_separators + ":。")):
        return False
    prose = s[last.para.start:last.para.end].rstrip()            # 三、强化考核。…。: sentences
    before = s[paras[i - 1].start:paras[i - 1].end].rstrip()     # ended, so the title is no wrapped tail
    if "。" not in prose[:-1] or not prose.endswith("。") or not before.endswith("。"):
        return False
    found = match_label(text, paras[i]) is None and match_label(text, paras[i + 1])
    return bool(found) and _label_number(found[1]) == 1


def _label_number(label: str) -> int | None:
    """1, (一), 一, ①: the number a normalised label counts."""
    from .dates import cn_number

    core, circled = label.strip("()"), lexicon().data["circled_digits"]
    if core.isdigit():
        return int(core)
    return circled.index(core) + 1 if len(core) == 1 and core in circled else cn_number(core)


@lru_cache(maxsize=1)
def _outer_of() -> dict[str, tuple[str, ...]]:
    return {style: tuple(inner) for style, inner in lexicon().data["outline_outer_of"].items()}


def _decimal_parent(text: Text, para: Paragraph, following: Paragraph | None):
    """`1 市场准入`: a number, a space and a short heading is a `num` label when
    the next paragraph is its first decimal item (`1.1 …`)."""
    lx = lexicon()
    m = lx.named("spaced_number_pattern").match(text.simp, para.start, para.end)
    if (m is None or following is None or para.end - para.start > lx.data["decimal_parent_max_length"]
            or "。" in text.simp[para.start:para.end]):
        return None
    after = _style_match(text.simp, following.start, following.end)
    if after is None or after[0] != "dec2" or after[1].split(".")[0] != m[1]:
        return None
    return "num", m[1], m.end()


def _spaced_number(text: Text, para: Paragraph, items: list[Item], following: Iterable[Paragraph]):
    """`4 规范执法。…` (a PDF that lost the stops): a number and a space is a `num`
    label when it is the next number after the previous item of that style, or is
    1 and the next paragraph so numbered is 2 (numbering that starts again in
    every section); never before a count (`3 个工作日`) nor in a table row
    printed as text (cells two spaces or more apart)."""
    m = _spaced_number_item(text, para)
    if m is None:
        return None
    if _next_num(items, m[1]):
        return "num", m[1], m.end()
    if m[1] != "1":
        return None
    after = next((n for n in (_spaced_number_item(text, p) for p in following) if n), None)
    return ("num", m[1], m.end()) if after is not None and after[1] == "2" else None


def _spaced_number_item(text: Text, para: Paragraph) -> re.Match | None:
    lx, s = lexicon(), text.simp
    m = lx.named("spaced_number_pattern").match(s, para.start, para.end)
    if m is None or _count_after_number_re().match(s, m.end(), para.end):
        return None
    return None if _TABLE_CELLS.search(s, m.end(), para.end) else m


_TABLE_CELLS = re.compile(r"\S[ \t\u3000]{2,}\S")


@lru_cache(maxsize=1)
def _count_after_number_re() -> re.Pattern:
    lx = lexicon()
    counts = "|".join(map(re.escape, lx.data["spaced_number_counts"]))
    return re.compile(f"(?:{lx.named('target_units_pattern').pattern}|{counts})")


def _next_number_before_digit(text: Text, para: Paragraph, items: list[Item]):
    found = number_before_digit(text.simp, para.start, para.end, _last_num(items))
    return ("num", *found) if found is not None else None


def number_before_digit(s: str, start: int, end: int, last: int | None) -> tuple[str, int] | None:
    """`11.121人才梯队项目`: a number label followed by a digit, read as a label
    only when it is the next number after `last`, the previous `num` label
    (otherwise `1.5亿元…` at a line start would be one): (number, label end)."""
    m = lexicon().named("number_before_digit_pattern").match(s, start, end)
    return (m[1], m.end()) if m and last is not None and int(m[1]) == last + 1 else None


def _next_num(items: list[Item], number: str) -> bool:
    """`number` is the next after the last `num` item so far (10 after 9)."""
    last = _last_num(items)
    return last is not None and int(number) == last + 1


def _last_num(items: list[Item]) -> int | None:
    """The number of the last `num` item so far, or None."""
    last = next((it for it in reversed(items) if it.style == "num"), None)
    return int(last.label) if last is not None and last.label.isdigit() else None


def inline_labels(text: Text, a: int, b: int) -> list[tuple[int, int, str]]:
    """Sub-item labels written inside one paragraph, numbered 1, 2, 3 …

    Returns (label start, label end, normalised label) for a run that starts
    at 1 and counts up, each label at the start of the stretch or right
    after a sentence or clause ends.
    """
    s = text.simp
    out: list[tuple[int, int, str]] = []
    expected = 1
    digits = numbering()
    for m in digits.inline.finditer(s, a, b):
        if m[1]:
            n = int(m[1])
        elif m[2]:
            n = digits.paren_digits.index(m[2]) + 1
        else:
            n = digits.circled.index(m[3]) + 1
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
