"""Layout repair: text that PDF or Word extraction flattened or broke.

Runs first in `extract_text`, on the normalised text; every later span
points into the repaired text, which is what the document record stores. It
moves line breaks and takes out only what a converter put in (page-number lines,
the spaces of letter-spaced text):

- a line that leaves a bracket open, closed on one of the next few lines, is one
  line: `(青岛市绿色低碳高` / `质量发展先行区建设办公室负责)`, `(牵头单` / `位:…市司法` / `局)`;
  blank lines between are dropped, and so is the next line's indentation unless a
  name ends before the break;
- a numbered heading glued after a responsibility clause starts its own line:
  `…协调推进机制牵头部门负责)四、实施…`, `…办公室负责)(十四)中国智港…`
  (only heading styles that start lines elsewhere in the same document);
- a short heading with the first item below it on the same line, set apart by
  white space, is two lines: `第一章 总则  第一条 为规范…` (law-database
  exports; the item's style must start lines elsewhere in the document);
- a clause line broken inside a unit name is one line: `责任单位:…、市自然资源和规` /
  `划局、各县区政府` (the name ends like an organisation only when joined);
- a unit label alone on its line, without a colon, and its units on the next line
  (`责任单位` / `市教育局、市财政局`) are one line, a space between;
- a heading broken before its last characters is one line:
  `(十二)…核心引领` / `区`;
- a digit garbled at a label's place (`-、`, `(-)`, `(十-)`, `l.`) is read as 一 (or 1) when
  a label of that style (`二、`, `(二)`, `(十二)`, `2.`) starts a line too;
- characters set one space apart (`牵 头 单 位:`) are written together again;
- one space inside a name the same document prints whole elsewhere (`市委 网信办`
  beside `市委网信办`) is taken out;
- pinyin a mirror site spliced into the words clauses are read by is taken out
  (`責(zé)任單位`, `負(fù)責(zé)`), not from names (`經(jīng)開區(qū)管委會` stays as printed);
- text hard-wrapped at a fixed width (most lines equally long) is unwrapped:
  a full-width line continues on the next unless that one starts a label (a
  paragraph's first line is full when indented, or two characters short; what
  the wrap cut, an enumeration inside the paragraph, 一是…;二是…, and a word
  broken before what reads as a label go on all the same);
- a document flattened onto a few lines (labels mid-line, hardly any at a
  line start) is split before each label that follows a sentence end or a
  closing bracket, or (for (一) and 1.) a heading, when its number is the
  next one of its style; (1)(2) stay inline sub-items.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import knowledge
from .lexicon import lexicon
from .records import UNIT_ROLES
from .text import Text

_SHORT_TAIL = 4        # at most this many characters continue a broken heading
_SHORT_HEADING = 20    # a heading with an item glued after it is at most this long
_HEADING_MAX = 60      # a heading line is at most this long and has no 。
_WRAP_MIN_WIDTH = 16   # hard wrapping: lines of one length, at least this long,
_WRAP_SHARE = 0.3      # make up at least this share of the non-empty lines
_WRAP_MIN_LINES = 10
_FLAT_MAX_STARTS = 2   # flattened: at most this many labels start a line,
_FLAT_MIN_INLINE = 3   # and at least this many stand mid-line after a sentence


def _depth(s: str) -> int:
    """Brackets opened and not closed in `s` (a count: nesting order does not matter here)."""
    lx = lexicon()
    return sum(s.count(o) for o in lx.closer_of) - sum(s.count(c) for c in lx.opener_of)


def repair_layout(text: Text) -> tuple[Text, bool]:
    """The text with its line breaks repaired (see the module docstring), and
    whether it had been flattened: then its numbering levels were inferred."""
    raw, simp = text.raw.split("\n"), text.simp.split("\n")
    raw, simp = _drop_page_marks(raw, simp)
    simp = _read_garbled_labels(simp)
    raw, simp = _close_letter_spacing(raw, simp)
    raw, simp = _drop_pinyin_in_clause_words(raw, simp)
    raw, simp = _join_names_cut_by_a_space(raw, simp)
    raw, simp = _unwrap(raw, simp)
    lines_before = len(raw)
    raw, simp = _split_flattened(raw, simp)
    flattened = len(raw) != lines_before
    raw, simp = _join_open_brackets(raw, simp)
    raw, simp = _join_wrapped_clause_lines(raw, simp)
    raw, simp = _join_bare_labels(raw, simp)
    raw, simp = _join_lone_numbers(raw, simp)
    styles = _line_styles(simp)   # splitting below starts lines only with styles among these
    raw, simp = _split_glued_headings(raw, simp, styles)
    raw, simp = _split_heading_from_first_item(raw, simp, styles)
    raw, simp = _join_heading_tails(raw, simp)
    repaired, repaired_simp = "\n".join(raw), "\n".join(simp)
    if repaired == text.raw and repaired_simp == text.simp:
        return text, flattened
    return Text(repaired, repaired_simp), flattened


_CUT_BY_A_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")
_NAME_SIDE = 12   # the characters either side of such a space a name may take


def _join_names_cut_by_a_space(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """One space between two Chinese characters, where the text either side makes a
    name the same document prints elsewhere without the space (市委 网信办 beside
    市委网信办, 省委组 织部, 济 南市…办公室): a copy's space, taken out. A space
    between two names (市发改委 市财政局) stays, unless the document runs them
    together elsewhere too."""
    whole = "\n".join(simp)
    out_raw, out_simp = [], []
    for r, t in zip(raw, simp):
        cuts = [m.start() for m in _CUT_BY_A_SPACE.finditer(t) if _rejoins_a_name(t, m.start(), whole)]
        for i in reversed(cuts):
            r, t = r[:i] + r[i + 1:], t[:i] + t[i + 1:]
        out_raw.append(r)
        out_simp.append(t)
    return out_raw, out_simp


def _rejoins_a_name(t: str, i: int, whole: str) -> bool:
    """Is t[i] (a space) inside a name printed whole elsewhere in `whole`?"""
    from .units import org_suffix
    left = re.search(r"[\u4e00-\u9fff]{1,%d}$" % _NAME_SIDE, t[:i]).group()
    right = re.match(r"[\u4e00-\u9fff]{1,%d}" % _NAME_SIDE, t[i + 1:]).group()
    for j in range(len(right), 0, -1):
        if not org_suffix(left + right[:j]):   # the name would end at right[:j]: it needs an ending there
            continue
        for k in range(len(left), 0, -1):
            name = left[-k:] + right[:j]
            if len(name) >= 4 and org_suffix(name) and name in whole:
                return True
    return False


# Single characters set one space apart, punctuation and digits too (推 进 “ 互 联 网 + 监 管 ” 。)
_LETTER_SPACED = re.compile(r"(?<!\S)(?:\S[ \u3000]){3,}\S(?![A-Za-z0-9])")   # not 索 引 号 MB15…
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _close_letter_spacing(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """Four or more characters each set one space apart (牵 头 单 位 :, 市 商 务 局), as a
    PDF of justified text gives them, written together again: spaced, a label is
    no label and a name falls apart into characters. Words a space apart (市发改委
    市财政局) stay as they are."""
    out_raw, out_simp = [], []
    for r, t in zip(raw, simp):
        runs = [m for m in _LETTER_SPACED.finditer(t) if len(_CJK.findall(m.group())) >= 3]
        if runs:
            keep = [True] * len(t)
            for m in runs:
                for i in range(m.start() + 1, m.end(), 2):
                    keep[i] = False
            r = "".join(ch for ch, k in zip(r, keep) if k)
            t = "".join(ch for ch, k in zip(t, keep) if k)
        out_raw.append(r)
        out_simp.append(t)
    return out_raw, out_simp


@lru_cache(maxsize=1)
def _clause_words_re() -> re.Pattern:
    """The words clauses and sections are read by (roles, label heads, task verbs, deadline
    labels, 按职责分工, 会同, the words that make a name a collective or end a list: 相关,
    有关, 等部门; the headings of sections without tasks: 总体要求), of two characters or
    more: a one-character head (处, 科) may end a unit name."""
    lx = lexicon()
    names = ("lead_roles", "support_roles", "responsible_roles", "unit_heads", "leader_heads",
             "task_verbs", "actor_verbs", "deadline_labels", "bare_unit_labels", "non_task_sections")
    k = knowledge.units()
    words = [w for name in names for w in lx.words(name) if len(w) >= 2]
    words += [w for w in (*k.collective_prefixes, *k.collective_infixes, *k.collective_suffixes, *k.etc_tails)
              if w and len(w) >= 2]
    duty = lx.named("patterns.duty").pattern   # 按职责分工
    return re.compile("|".join([f"(?:{duty})", *(re.escape(w) for w in sorted(set(words), key=len, reverse=True))]))


def _ends_a_name_before(t: str, at: int) -> bool:
    """Whether t[at:] starts with what may follow a unit's name in a clause: a list
    separator, a closing bracket, 等, a joiner (及, 和), a clause word (会同, 牵头)."""
    k = knowledge.units()
    rest = lexicon().named("pinyin_reading_pattern").sub("", t[at:at + 24])
    return (not rest or rest[0] in lexicon().list_separators + lexicon().closers + " "
            or rest.startswith((k.etc_word, *k.joiners))
            or _clause_words_re().match(rest) is not None)


def _drop_pinyin_in_clause_words(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """Without the pinyin a mirror site spliced into the words clauses are read by
    (責(zé)任單位, 負(fù)責(zé), 牽(qiān)頭): so spliced, no label or marker is read and
    the item's clause is lost; nor after a name's last character, where it hid the 等 or
    会同 after the name. Pinyin elsewhere (湘西經(jīng)開區(qū)管委會) stays: names are
    reported as printed (and their records say so, clauses.py `_readings_in_names`)."""
    out_raw, out_simp = [], []
    reading = lexicon().named("pinyin_reading_pattern")
    for r, t in zip(raw, simp):
        marks = list(reading.finditer(t))
        if marks:
            kept_at, plain = [], []          # the line without pinyin, and where each char was
            cut = {i for m in marks for i in range(m.start(), m.end())}
            for i, ch in enumerate(t):
                if i not in cut:
                    kept_at.append(i)
                    plain.append(ch)
            plain_text = "".join(plain)
            drop = set()
            for w in _clause_words_re().finditer(plain_text):
                first, last = kept_at[w.start()], kept_at[w.end() - 1]
                for m in marks:   # a reading inside the word, or right after its last character
                    if first < m.start() <= last + 1:
                        drop.update(range(m.start(), m.end()))
            for m in marks:   # after a name's last character (工會(huì)等, 委會(huì)同): what follows is read
                if _ends_a_name_before(t, m.end()):
                    drop.update(range(m.start(), m.end()))
            if drop:
                r = "".join(ch for i, ch in enumerate(r) if i not in drop)
                t = "".join(ch for i, ch in enumerate(t) if i not in drop)
        out_raw.append(r)
        out_simp.append(t)
    return out_raw, out_simp


def _drop_page_marks(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """Without the page number lines a converter left between pages (— 3 —), and
    the blank lines around them: the text before and after a page break is
    adjacent again, as on paper."""
    mark = lexicon().named("page_mark_pattern")
    marks = [i for i, s in enumerate(simp) if mark.match(s)]
    if not marks:
        return raw, simp
    dropped = set(marks)
    beside = _lines_beside(simp, marks)
    furniture = _running_lines(simp, beside, len(marks))
    for i in marks:
        for step in (-1, 1):
            k = i + step
            for _ in range(_FURNITURE_DEPTH + 1):
                while 0 <= k < len(simp) and not simp[k].strip():
                    dropped.add(k)
                    k += step
                if not (0 <= k < len(simp) and simp[k].strip() in furniture and k in beside):
                    break
                dropped.add(k)   # a running header or footer printed beside the number
                k += step
    kept = [i for i in range(len(simp)) if i not in dropped]
    return [raw[i] for i in kept], [simp[i] for i in kept]


_FURNITURE_DEPTH = 2   # lines of a running header or footer on each side of a page number


def _lines_beside(simp: list[str], marks: list[int]) -> set[int]:
    """The first non-blank lines on each side of every page number line."""
    out = set()
    for i in marks:
        for step in (-1, 1):
            k, seen = i + step, 0
            while 0 <= k < len(simp) and seen < _FURNITURE_DEPTH:
                if simp[k].strip():
                    out.add(k)
                    seen += 1
                k += step
    return out


def _running_lines(simp: list[str], beside: set[int], pages: int) -> set[str]:
    """Texts printed beside at least two page numbers, and beside half of them or
    more (某某市人民政府公报 on every page): a running header or footer, never
    content, which would not repeat so. With one or two page numbers, a text beside
    one that is also a whole line elsewhere (the header atop the first page) is one
    too, unless it is a label; so is a periodical's name beside any page number (a
    gazette's header printed once). A line with a stop or a colon is text."""
    from collections import Counter
    counts = Counter(simp[k].strip() for k in beside)
    stops = lexicon().data["running_line_stops"]
    periodical = lexicon().named("running_header_pattern")
    everywhere = Counter(s.strip() for s in simp) if pages <= 2 else Counter()
    return {t for t, n in counts.items()
            if (n >= max(2, (pages + 1) // 2) or everywhere[t] >= 2 and not _labelled(t)
                or periodical.search(t) and not _labelled(t))
            and len(t) <= 40 and not any(c in t for c in stops)}


def _read_garbled_labels(simp: list[str]) -> list[str]:
    """-、 (-) (十-) l. at a line's start read as 一、 (一) (十一) 1. (OCR, or a PDF
    font, garbles the digit) when a label of that style (二、 (二) (十二) 2.) starts
    a line too: else the item is lost and the next heads the list. The simplified
    view only: the text prints the characters as they came."""
    garbled = lexicon().data["garbled_characters"]
    if not any(ch in garbled for t in simp for ch in t.lstrip()[:3]):
        return simp
    out, whole = simp, "\n".join(simp)
    for found, confirm, reads_as in _garbled_label_res():
        if found.search(whole) and confirm.search(whole):   # one search of the text, not one a line
            out = [found.sub(r"\g<1>" + reads_as, t, count=1) for t in out]
    return out


@lru_cache(maxsize=1)
def _garbled_label_res() -> list[tuple[re.Pattern, re.Pattern, str]]:
    lx = lexicon()
    return [(re.compile(lx.pattern(garbled).pattern, re.M), re.compile(lx.pattern(following).pattern, re.M),
             str(reads_as)) for garbled, following, reads_as in lx.data["garbled_labels"]]


def _unwrap(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """Hard-wrapped text: join each full-width line with the next one."""
    from collections import Counter

    widths = Counter(len(s.strip()) for s in simp if len(s.strip()) >= _WRAP_MIN_WIDTH)
    lines = sum(1 for s in simp if s.strip())
    if not widths:
        return raw, simp
    width, count = widths.most_common(1)[0]
    if count < _WRAP_MIN_LINES or count < _WRAP_SHARE * lines:
        return raw, simp
    out_raw, out_simp = [], []
    before, first = "", True   # the line before, as printed, and whether it began its paragraph
    last_number = None         # the number of the last 1. / 2. label that started a line
    for i, (r, s) in enumerate(zip(raw, simp)):
        labelled = _labelled(s) or _next_number_before_digit(s, last_number)
        if out_simp and s.strip() and _wrapped_onto(before, s, width, first, labelled,
                                                     lambda: _lines_after(simp, i), out_simp[-1]):
            out_raw[-1] = out_raw[-1].rstrip() + r.strip()
            out_simp[-1] = out_simp[-1].rstrip() + s.strip()
            first = False
        else:
            out_raw.append(r)
            out_simp.append(s)
            first = True
            last_number = _number_label(s) or last_number
        before = s
    return out_raw, out_simp


def _number_label(line: str) -> int | None:
    """The number of a 1. / 1、 label that starts `line`, or None."""
    found = _label_of(line) if line.strip()[:1].isdigit() else None
    return int(found[1]) if found is not None and found[0] == "num" else None


def _next_number_before_digit(line: str, last: int | None) -> bool:
    """`11.121人才梯队项目` after item 10: a label, as the outline reads it."""
    from .outline import number_before_digit

    t = line.strip()
    return number_before_digit(t, 0, len(t), last) is not None


_INDENT_CREDIT = 4   # white space counted toward an indented first line's width, at most
_FIRST_LINE_INDENT = 2   # a paragraph's first line printed without its indentation is this much shorter
_NUMBER_CUT = re.compile(r"[\d:\-—–./]$")


def _wrapped_onto(before: str, line: str, width: int, first: bool, labelled: bool, after,
                  paragraph: str) -> bool:
    """Does `line` go on from the line `before` in text hard-wrapped at `width`?

    Only when `before` fills the width; a paragraph's first line (`first`) may be
    indented (its white space counts) or printed without it (then that much shorter).
    Then it goes on
    - whatever follows, when the wrap cut a number, a Latin word or a label
      (2023- / 01-26, AP / P、, …措施。( / 2)加强…: each reads as a label);
    - not after a field label's colon;
    - when `line` starts a label (`labelled`), only if `before` stops mid-word in a paragraph of
      prose (…数据标准不 / 一、…: 不一 is the word), or the label's style labels
      mid-line in the `paragraph` above or in the lines `after()` it (…(3)… / (4)…,
      一是… / …;二是…): an enumeration inside the paragraph;
    - otherwise unless `before` ends a sentence, but a bracket after a sentence end
      goes on: (市财政局负责) is the clause of the sentence before it.
    """
    text = before.strip()
    indent = len(before) - len(before.lstrip())
    room = min(indent, _INDENT_CREDIT) if indent else _FIRST_LINE_INDENT if first else 0
    if len(text) + room < width:
        return False
    head = line.lstrip()
    if _cut_at_the_wrap(text, head):
        return True
    if text.endswith(":"):
        return False
    if labelled:
        return _mid_sentence(text, paragraph) or _enumerated_inline(head, paragraph, after())
    return not text.endswith("。") or head.startswith(tuple(lexicon().closer_of))   # keys: openers


def _cut_at_the_wrap(text: str, head: str) -> bool:
    """The wrap between `text` and `head` cut a number (2023- / 01-26), a Latin
    word (AP / P、) or a label (…措施。( / 2)加强…)."""
    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalpha()

    return (bool(_NUMBER_CUT.search(text)) and head[:1].isdigit() or latin(text[-1:]) and latin(head[:1])
            or text.endswith(tuple(lexicon().closer_of)))   # keys: openers


def _mid_sentence(line: str, paragraph: str) -> bool:
    """`line` stops on a word's character, no punctuation, in a `paragraph` where
    a sentence has ended before: prose that goes on, not a heading."""
    return bool(_CJK.fullmatch(line[-1:])) and "。" in paragraph


_LINES_AHEAD = 6   # how far below a line to look for its enumeration going on


def _lines_after(simp: list[str], i: int) -> str:
    """The lines below line i, up to a blank line or a line that starts a label."""
    out = []
    for s in simp[i + 1:i + 1 + _LINES_AHEAD]:
        if not s.strip() or _labelled(s):
            break
        out.append(s.strip())
    return "".join(out)


def _enumerated_inline(line: str, above: str, below: str) -> bool:
    """`line` opens with a label whose style labels mid-line in the paragraph
    `above` it or in the lines `below` it (…;一是… / …;二是…; …(3)… / (4)…)."""
    from .outline import labels_again

    first = _label_of(line)
    if first is None:
        return False
    rest = line + below
    return labels_again(rest, first[2], len(rest), first[0]) or labels_again(above, 0, len(above), first[0])


def _join_lines(raw: list[str], simp: list[str], continues, sep: str = "") -> tuple[list[str], list[str]]:
    """Lines joined onto the one before wherever `continues(line before, line)`
    (simplified views; blank lines never continue), `sep` between them."""
    out_raw, out_simp = [], []
    for r, s in zip(raw, simp):
        if out_simp and s.strip() and continues(out_simp[-1], s):
            out_raw[-1] = out_raw[-1].rstrip() + sep + r.strip()
            out_simp[-1] = out_simp[-1].rstrip() + sep + s.strip()
            continue
        out_raw.append(r)
        out_simp.append(s)
    return out_raw, out_simp


def _split_flattened(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """A document flattened onto a few lines: a line before each label that
    follows a sentence end or closing bracket (or, for (一) and 1., a heading
    word), when its number is the next of its style."""
    from .outline import flattened_labels

    # (1)(2) inside a paragraph are ordinary inline sub-items: they neither
    # show flattening nor get lines of their own
    starts = sum(1 for s in simp if _labelled(s))
    if starts > _FLAT_MAX_STARTS:
        return raw, simp          # labels start lines: not flattened
    inline = sum(1 for s in simp for at, style, _, after_end in flattened_labels(s)
                 if at > 0 and after_end and style != "pnum")
    if not ((starts == 0 and inline) or (starts <= _FLAT_MAX_STARTS and inline >= _FLAT_MIN_INLINE)):
        return raw, simp
    last: dict[str, int] = {}
    out_raw, out_simp = [], []
    for r, s in zip(raw, simp):
        cuts = []
        for at, style, n, after_end in flattened_labels(s):
            if style == "pnum":
                continue
            if at == 0:
                last[style] = n
                continue
            if not (after_end or style in ("pcn", "num") or _next_heading_mid_sentence(s, at, style, n, last)):
                continue
            # the next number of its style (after a sentence end, one may have been
            # missed), a restart at 1, or (the first of its style in an excerpt) any number
            if (style not in last or n == last[style] + 1 or (n == 1 and style != "cn")
                    or (after_end and last[style] + 1 < n <= last[style] + 2)):
                cuts.append(at)
                last[style] = n
        _cut_line(r, s, cuts, out_raw, out_simp)
    return out_raw, out_simp


def _next_heading_mid_sentence(s: str, at: int, style: str, n: int, last: dict[str, int]) -> bool:
    """二、 glued to a sentence that ended without a stop (…增长8%左右二、实施…): the
    next number of the top style, not a list of numerals (一、二、三产业) nor an
    ordinal (第二、)."""
    from .outline import flattened_labels, numbering

    if style != "cn":
        return False
    cn, ordinal = numbering().cn, lexicon().data["ordinal_prefix"]
    after = s.find("、", at) + 1   # the label is 二、
    if s[at - 1] in cn + "、" + ordinal or s.startswith(tuple(cn), after):
        return False
    if style in last:
        return n == last[style] + 1
    # the first of its style seen (一、 lost or garbled): 二、, when 三、 follows after a stop
    later = next((m for _, st, m, after_end in flattened_labels(s[after:]) if st == style and after_end), None)
    return n == 2 and later == 3


def _cut_line(r: str, s: str, cuts: list[int], out_raw: list[str], out_simp: list[str]) -> None:
    """Append the line (raw and simplified views) cut into lines at `cuts`."""
    bounds = [0] + cuts + [len(s)]
    for x, y in zip(bounds, bounds[1:]):
        out_raw.append(r[x:y])
        out_simp.append(s[x:y])


_BRACKET_LINES = 4    # a bracket left open is closed within this many following lines


def _join_open_brackets(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """A line that leaves a bracket open, closed on one of the next few lines
    (none of them numbered; blank lines between are dropped), is one line with
    them: `(牵头单` / `位:市司法` / `局)`."""
    out_raw, out_simp = [], []
    i = 0
    while i < len(raw):
        r, s = raw[i], simp[i]
        while _depth(s) > 0 and (k := _closing_line(simp, i, s)):
            for j in range(i + 1, i + k + 1):
                if simp[j].strip():
                    r, s = _glue(r, s, raw[j], simp[j])
            i += k
        out_raw.append(r)
        out_simp.append(s)
        i += 1
    return out_raw, out_simp


def _glue(r: str, s: str, r_next: str, s_next: str) -> tuple[str, str]:
    """Two lines of one open bracket as one (raw and simplified views). White
    space at the break is indentation, taken out, unless a name ends just
    before it: then it parts two names (`(市发改委` / `  市财政局配合)`)."""
    from .units import org_suffix

    cut, lead = len(s.rstrip()), len(s_next) - len(s_next.lstrip())
    if cut == len(s) and not lead:
        return r + r_next, s + s_next
    lx = lexicon()
    parts = "[" + re.escape(lx.list_separators + lx.segment_separators + lx.openers) + r":\s]"
    tail = re.split(parts, s[:cut])[-1]
    if tail and org_suffix(tail):
        return r + r_next, s + s_next
    return r[:cut] + r_next[lead:], s[:cut] + s_next[lead:]


def _join_wrapped_clause_lines(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """A clause line (责任单位:…) wrapped inside a unit name continues on the
    next line: `…、市自然资源和规` / `划局、各县区政府` is one line when the name
    only ends like an organisation with the next line's first piece."""
    from .units import org_suffix

    lx = lexicon()
    seps = "[" + re.escape(lx.list_separators + lx.segment_separators) + "]"

    def continues(before: str, line: str) -> bool:
        if not lx.label_re.match(before.strip()) or _labelled(line) or lx.label_re.match(line.strip()):
            return False
        tail, head = re.split(seps, before.rstrip())[-1], re.split(seps, line.strip())[0]
        return bool(tail and head and not org_suffix(tail) and org_suffix(tail + head))

    return _join_lines(raw, simp, continues)


def _join_bare_labels(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """A line that is a unit label and nothing else, no colon (`责任单位` / `市教育局、市财政局`),
    with its units on the next line: one line, the break kept as a space. Not when the
    next line is a label (a table's header cells, one per line) or names no unit."""
    from .units import looks_like_unit, split_units

    lx = lexicon()

    def continues(before: str, line: str) -> bool:
        label = before.strip()
        if not lx.is_label(label) or lx.label_role(label) not in UNIT_ROLES:
            return False
        t = line.strip()
        if _labelled(t) or lx.label_re.match(t):
            return False
        text = Text(t, t)
        pieces = split_units(text, 0, len(t))
        return bool(pieces) and looks_like_unit(pieces[0][0].simp(text))

    return _join_lines(raw, simp, continues, sep=" ")


def _join_lone_numbers(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """A line that is an item's number and nothing else (`1.` / `(一)` / `一、`), its
    text on the next line (a web page's list, a paragraph per number): one line. Not
    when the next line is numbered itself."""
    def continues(before: str, line: str) -> bool:
        label = before.strip()
        return (0 < len(label) <= _LONE_NUMBER and not _labelled(label) and _labelled(label + _ANY_TEXT)
                and bool(line.strip()) and not _labelled(line))

    return _join_lines(raw, simp, continues)


_LONE_NUMBER = 6       # (十二) / 第十二条: longer is no number alone
_ANY_TEXT = "x"        # what a label needs after it to be read as one


def _closing_line(simp: list[str], i: int, s: str) -> int:
    """How many lines after line i close the bracket `s` leaves open, or 0.
    Blank lines between do not count towards the limit: some copies put one
    after every line."""
    k = seen = 0
    while seen < _BRACKET_LINES:
        k += 1
        if i + k >= len(simp) or _labelled(simp[i + k]):
            return 0
        if not simp[i + k].strip():
            continue
        seen += 1
        s += simp[i + k]
        if _depth(s) <= 0:
            return k
    return 0


def _line_styles(simp: list[str]) -> set[str]:
    """The label styles that start a line somewhere in the document."""
    from .outline import Paragraph, match_label

    styles = set()
    for s in simp:
        found = match_label(Text(s, s), Paragraph(len(s) - len(s.lstrip()), len(s))) if s.strip() else None
        if found:
            styles.add(found[0])
    return styles


def _split_glued_headings(raw: list[str], simp: list[str], styles: set[str]) -> tuple[list[str], list[str]]:
    """A numbered heading glued after a clause starts a line of its own."""
    from .outline import glued_heading_re

    glued = glued_heading_re(styles)
    if glued is None:
        return raw, simp
    out_raw, out_simp = [], []
    for r, s in zip(raw, simp):
        _cut_line(r, s, [m.start() for m in glued.finditer(s) if _ends_clause(s, m.start())],
                  out_raw, out_simp)
    return out_raw, out_simp


_GAP = re.compile(r"\s{2,}")   # the white space a converter leaves between two paragraphs


def _split_heading_from_first_item(raw: list[str], simp: list[str], styles: set[str]
                                   ) -> tuple[list[str], list[str]]:
    """`第一章 总则  第一条 为规范…`: a short heading (no sentence punctuation), a
    gap of white space, then a label of another style that starts lines
    elsewhere (`styles`): the item starts a line of its own."""
    from .outline import Paragraph, match_label

    out_raw: list[str] = []
    out_simp: list[str] = []
    for r, s in zip(raw, simp):
        cut = None
        gap = _GAP.search(s, len(s) - len(s.lstrip()))
        if gap is not None and gap.end() < len(s):
            head = match_label(Text(s, s), Paragraph(len(s) - len(s.lstrip()), len(s)))
            if head is not None and head[0] != "category":
                title = s[head[2]:gap.start()]
                rest = s[gap.end():]
                item = match_label(Text(rest, rest), Paragraph(0, len(rest)))
                if (0 < len(title.strip()) <= _SHORT_HEADING and not re.search(r"[。;:,!?]", title)
                        and item is not None and item[0] not in (head[0], "category") and item[0] in styles):
                    cut = gap.end()
        _cut_line(r, s, [cut] if cut else [], out_raw, out_simp)
    return out_raw, out_simp


def _join_heading_tails(raw: list[str], simp: list[str]) -> tuple[list[str], list[str]]:
    """The last characters of a heading broken onto a line of their own rejoin it."""
    out_raw: list[str] = []
    out_simp: list[str] = []
    for r, s in zip(raw, simp):
        tail = s.strip()
        if (out_simp and 0 < len(tail) <= _SHORT_TAIL and not _labelled(s)
                and not re.search(r"[\W\d]", tail) and _is_heading(out_simp[-1])):
            out_raw[-1] += r.strip()
            out_simp[-1] += tail
            continue
        out_raw.append(r)
        out_simp.append(s)
    return out_raw, out_simp


def _labelled(s: str) -> bool:
    return _label_of(s) is not None


@lru_cache(maxsize=65536)
def _label_of(s: str) -> tuple[str, str, int] | None:
    """(style, label, body start) of the label that starts the stripped line `s`, or None."""
    from .outline import Paragraph, match_label

    t = s.strip()
    return match_label(Text(t, t), Paragraph(0, len(t))) if t else None


def _is_heading(s: str) -> bool:
    t = s.strip()
    return _labelled(t) and "。" not in t and len(t) <= _HEADING_MAX and not t.endswith(tuple(lexicon().opener_of))


def _ends_clause(s: str, at: int) -> bool:
    """Whether the bracket group closing right before `at` is a responsibility clause."""
    from .clauses import find_trailing_clause

    line = Text(s, s)
    found = find_trailing_clause(line, 0, at)
    return found is not None and found[1] == at
