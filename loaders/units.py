"""Split a printed list of units into unit and collective mentions.

    市发改委、市住建局等部门及各县区      -> 市发改委, 市住建局 | 各县区 (collective)
    大通县、湟源县、湟中区政府            -> 大通县政府, 湟源县政府, 湟中区政府
    市司法局等市级有关部门               -> 市司法局 | 市级有关部门 (collective)

Matching runs on the simplified view; every surface string is cut from the
document's own text, so traditional documents keep their characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import knowledge
from .lexicon import lexicon
from .records import Role
from .text import Text, strip_span

_TRIM = " \t\n,;、。:“”\"'.-—"


@dataclass
class Piece:
    """A stretch of the document text [start, end) that names one unit."""

    start: int
    end: int
    suffix: str = ""          # shared suffix appended (printed once later in the list), as printed
    suffix_simp: str = ""     # the same suffix in the simplified view
    suffix_end: int = 0       # end of the list item that printed the suffix
    role_hint: str = ""       # "lead" for 市发改委(牵头); "" otherwise
    collective: bool = False  # a nameless level that a 各 before it distributes over, or what follows 等

    def share_suffix(self, text: Text, at: int, end: int) -> None:
        """Take the ending text[at:end], printed once after a later item of the list."""
        self.suffix, self.suffix_simp, self.suffix_end = text.raw[at:end], text.simp[at:end], end

    def surface(self, text: Text) -> str:
        return text.raw[self.start:self.end] + self.suffix

    def simp(self, text: Text) -> str:
        return text.simp[self.start:self.end] + self.suffix_simp

    @property
    def evidence_end(self) -> int:
        return max(self.end, self.suffix_end)


def ends_with_any(s: str, endings) -> str:
    for e in endings:
        if e and s.endswith(e):
            return e
    return ""


@lru_cache(maxsize=1)
def _collective_re() -> re.Pattern:
    k = knowledge.units()
    return re.compile(
        rf"^(?:{knowledge.alternation(k.collective_prefixes)})"
        rf"|(?:{knowledge.alternation(k.collective_suffixes)})$"
        rf"|^.+(?:{knowledge.alternation(k.collective_infixes)})")


@lru_cache(maxsize=65536)
def is_collective(s: str) -> bool:
    k = knowledge.units()
    if _collective_by_words(s) or _kind_of_body(s):
        return True
    rest = s[len(_concerned_prefix(s)):]
    if len(rest) < len(s) and bool(rest) and (rest in k.collective_words or bool(org_suffix(rest))
                                              or bool(place_suffix(rest))):
        return True
    level = next((p for p in k.nameless_level_prefixes if s.startswith(p)), "")
    body = s[len(level):]   # 乡镇人民政府: a body of every township, no name between
    return ((bool(level) and bool(body) and bool(org_suffix(body))
             and not place_suffix(body[:-len(org_suffix(body))])
             and (not body.endswith(k.above_township_endings) or body.endswith(k.township_offices)))
            or _several_levels(s)
            or (s.startswith(k.class_levels) and s.endswith(tuple(k.bare_nouns))))   # 市级行政执法部门


def _collective_by_words(s: str) -> bool:
    """A collective word, or a collective prefix, suffix or infix (各县区, 市级有关部门)."""
    return s in knowledge.units().collective_words or _collective_re().search(s) is not None


def collective_by_kind_alone(s: str) -> bool:
    """教育部门 with nothing else making it a collective (not 各级教育部门, not 有关部门)."""
    return _kind_of_body(s) and not _collective_by_words(s)


@lru_cache(maxsize=65536)
def ends_like_a_body(s: str) -> bool:
    """各县区, 各县(市、区), 市直有关部门, 各有关方面: a collective ends as a body does
    (notes in brackets after it aside); 各县区属地 does not."""
    core = s
    while (shorter := name_core(core)) != core:
        core = shorter
    core = core or s[1:-1]   # (含各县区): the whole in brackets
    return bool(org_suffix(core) or place_suffix(core)) or core.endswith(_body_endings())


@lru_cache(maxsize=1)
def _body_endings() -> tuple[str, ...]:
    k = knowledge.units()
    return (*k.bare_nouns, *k.kind_nouns, *k.level_words, *k.collective_endings, *k.collective_suffixes,
            *k.collective_words)


def body_before_words(s: str) -> int:
    """Length of the longest collective that starts `s` and ends as a body does (各县区 in 各县区属地), or 0."""
    return next((n for n in range(len(s) - 1, 1, -1)
                 if ends_like_a_body(s[:n]) and is_collective(s[:n]) and _balanced(s[:n])), 0)


def _kind_of_body(s: str) -> bool:
    """教育部门, 公安机关: a kind of body and no place, so every such body (市教育部门 is the city's)."""
    kind = ends_with_any(s, knowledge.units().kind_nouns)
    return bool(kind) and len(s) > len(kind) and not any(
        p in s[:-len(kind)] for p in knowledge.units().place_suffixes)


@lru_cache(maxsize=4096)
def _several_levels(s: str) -> bool:
    """Two levels or more and no name (区县政府, 市县, 县(市、区)人民政府): every body
    of those levels, never one; one level (县政府) may be the document's own."""
    m = _levels_re().fullmatch(s)
    if m is None:
        return False
    words = _level_word_re().findall(s, 0, m.end(1))
    # 县开发区管委会: a county's own zone, one body
    return len(words) >= 2 and not any(w in knowledge.units().zone_levels for w in words)


@lru_cache(maxsize=1)
def _level_word_re() -> re.Pattern:
    return re.compile(knowledge.alternation(knowledge.units().level_words))


@lru_cache(maxsize=65536)
def org_suffix(s: str) -> str:
    return ends_with_any(s, knowledge.units().org_suffixes)


@lru_cache(maxsize=65536)
def place_suffix(s: str) -> str:
    return ends_with_any(s, knowledge.units().place_suffixes)


def _collective_prefix(s: str) -> str:
    k = knowledge.units()
    return next((p for p in k.collective_prefixes if s.startswith(p)), "") or _concerned_prefix(s)


def _concerned_prefix(s: str) -> str:
    return next((p for p in knowledge.units().concerned_prefixes if s.startswith(p)), "")


def looks_like_unit(s: str) -> bool:
    return bool(org_suffix(s)) or is_collective(s)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        if ch in lexicon().openers:
            depth += 1
        elif ch in lexicon().closers:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def is_person(s: str) -> bool:
    """A person or a post (分管副市长, 张三同志, 副县长李四), never a unit; not a sentence
    that ends in a post's word (各县区要加强组织领导)."""
    if _task_adverb_re().search(s):
        return False
    return s.endswith(lexicon().posts) or bool(lexicon().named("post_then_name_pattern").search(s)
                                               and not org_suffix(s) and not place_suffix(s))


@lru_cache(maxsize=1)
def _task_adverb_re() -> re.Pattern:
    return lexicon().pattern("{task_adverbs}")


def without_copy_spaces(s: str) -> str:
    """`s` without white space between two characters (省政府有 关部门, 市财政 局): a copy's
    (a PDF's justified line, a web page's wrapped source), never a name's."""
    return _COPY_SPACE.sub("", s)


_COPY_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=65536)   # the same names recur in every clause of a document
def unit_problem(s: str, collective: bool = False) -> str | None:
    """Why the printed string `s` cannot be a unit name (a code; lexicon.yaml
    `unit_problems` says it in Chinese), or None when it can.

    A unit is balanced in its brackets, holds no clause vocabulary (labels,
    conventions, notes), is not a deadline, a person or a sentence, is not too
    long, and ends like an organisation or a place (or is a collective)."""
    lx = lexicon()
    s = without_copy_spaces(s)   # 市行政审批 服务局: the splitter kept the name whole (审批 is no verb here)
    s = lx.named("pinyin_reading_pattern").sub("", s)   # 發(fā)展: a mirror's reading is no part of the name
    if s in knowledge.units().collective_words:   # 社会组织: a word, though 组织 is a task verb
        return None
    if not re.search(r"[\u4e00-\u9fff]", s):
        return "no_cjk"
    if not _balanced(s):
        return "unbalanced"
    if len(s) > lx.max_unit_length:
        return "too_long"
    if len(s.strip()) < 2:   # 市, 局: what is left of a name broken apart
        return "too_short"
    if lx.deadline_re.match(s):
        return "deadline"
    if is_person(s):
        return "person"
    if (lx.label_re.search(s) or lx.first_is_lead_re.search(s) or lx.responsible_is_lead_re.search(s)
            or lx.apply_to_all_re.search(s)
            or _task_inside(s) or lx.lead_marker_re.search(s)
            or any(w in s for w in lx.data["role_words_never_in_a_name"])
            or unit_after_task(s)                      # 市商务局配合市发改委: a sentence
            or lx.named("manner_pattern").search(s)    # 按照各自职责: how, not who
            or lx.role_note_any_re.search(s)            # 市审批局(牵头)市直有关部门: a note inside
            or lx.named("item_numbers_pattern").search(s)   # 第1—3项由市发改委: items, by number
            or lx.is_label(s)                            # 牵头单位/市财政局: the label alone
            or lx.named("patterns.unit_label").match(s)):  # 牵头单位团市委: a label, no colon
        return "clause_words"
    if re.search(r"[|<>=\\]", s):   # 牵头单位|市财政局: a mark no name holds
        return "marks"
    words = s[len(_collective_prefix(s)):] if collective or is_collective(s) else s
    verb = next((w for w in lx.words("bare_verb_starts")
                 if s.startswith(w) and not s.startswith(lx.words("bare_verb_nouns"))), "")
    if (lx.not_in_unit_re.search(words) or re.search(r"[。,;:]", s)   # (涉及的市县政府: a collective)
            or s.startswith(lx.words("not_unit_starts"))
            or (verb and len(s) > len(verb) + len(org_suffix(s)))):    # 建设创新中心, not 建设局
        return "sentence"
    if lx.named("scope_note_pattern").match(s):
        return "scope_note"
    if collective or is_collective(s):
        return None
    core = name_core(s)
    if not (org_suffix(core) or place_suffix(core)):
        return "no_head"
    return None


def _task_inside(s: str) -> bool:
    """A task word inside `s`, not one that ends it as a noun (各级工会组织: the unions)."""
    m = lexicon().task_marker_re.search(s)
    return m is not None and not (m.end() == len(s) and s.endswith(tuple(knowledge.units().bare_nouns)))


def bracketed_person(s: str, persons_named: bool = False) -> tuple[int, bool] | None:
    """Where the bracket opens when `s` is a unit name with a person in brackets
    after it (县住建局(副局长王五), 县工信局(王五局长)), and whether that is only
    inferred: a bare name (县住建局(王五)) is a person when the label named
    persons (责任单位及责任人), and otherwise most likely one. None otherwise."""
    m = _trailing_alias_re().search(s)
    if m is None or m.start() == 0:
        return None
    inner = without_contact_number(s[m.start() + 1:-1])   # (孙七,13800000000)
    if is_person(inner):
        return m.start(), False
    return (m.start(), not persons_named) if bare_name(inner) else None


def post_after_unit(s: str) -> int | None:
    """Where the person starts when `s` is a unit's name with its head's post and name
    after it (区财政局局长张三, 县住建局副局长王五), or None. A place's government or
    party committee before a post (县政府副县长李四, 县委书记张三) is the person's
    office, not a unit of the clause: the whole is the person."""
    m = lexicon().named("post_then_name_pattern").search(s)
    if m is None or m.start() == 0 or not bare_name(m["name"]):
        return None
    unit = s[:m.start()]
    k = knowledge.units()
    office = ends_with_any(unit, (*k.government_words, *k.party_committees))
    if office and place_suffix(unit[:-len(office)]):
        return None
    return m.start() if org_suffix(unit) and unit_problem(unit) is None else None


def person_name(s: str) -> str:
    """The person of a leader mention without the posts printed around the name, so
    that one person is one leader: 王某某 for 副市长王某某 and for 王某某(副市长); a post
    alone (分管副市长) or anything else as printed."""
    m = _trailing_alias_re().search(s)
    if m and m.start() > 0 and is_person(s[m.start() + 1:-1]) and bare_name(s[:m.start()]):
        return s[:m.start()]
    m = lexicon().named("post_then_name_pattern").search(s)
    return m["name"] if m and bare_name(m["name"]) else s


def without_contact_number(s: str) -> str:
    """A person's name without the contact number printed after it (孙七,13800000000)."""
    return lexicon().named("contact_number_pattern").sub("", s)


def bare_name(s: str) -> bool:
    """A person's name alone (王五, 孙七): two or three characters that are no
    organisation, place, collective, role note or deadline."""
    return (2 <= len(s) <= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", s) is not None
            and not (org_suffix(s) or place_suffix(s) or is_collective(s)
                     or lexicon().role_note_any_re.search(s) or lexicon().deadline_re.match(s)))


def unit_after_task(s: str, start: int = 1) -> bool:
    """Whether `s` holds, from `start` on, a task verb with another unit after it
    (市商务局配合市发改委) or a collective (市发改委负责指导各区县), not a name that
    merely holds such a verb (市就业指导中心)."""
    for m in lexicon().task_before_unit_re.finditer(s, start):
        rest = s[m.end():]
        if (len(rest) > len(org_suffix(rest)) + 1 and org_suffix(rest)) or is_collective(rest):
            return True
    return False


def name_core(s: str) -> str:
    """The name before a second name in brackets: 市委宣传部(市新闻出版局),
    市发改委〔市信用办〕 -> 市委宣传部, 市发改委."""
    return _trailing_alias_re().sub("", s)


@lru_cache(maxsize=1)
def _trailing_alias_re() -> re.Pattern:
    lx = lexicon()
    any_bracket = re.escape(lx.openers + lx.closers)
    return re.compile(f"[{re.escape(lx.openers)}][^{any_bracket}]+[{re.escape(lx.closers)}]$")


def looks_concatenated(s: str) -> bool:
    """Two unit names written without a separator (市发改委市财政局): an
    organisation ending followed by a jurisdiction level word or a national
    body's first word that starts a second name (工业和信息化部中央网信办). Only
    flagged for review: 市委市政府督查室 is one name."""
    k = knowledge.units()
    starts = k.own_levels + k.national_name_starts
    for i in range(2, len(s) - 2):
        if s.startswith(starts, i) and org_suffix(s[:i]) and org_suffix(s[i:]) \
                and len(s[:i]) > len(org_suffix(s[:i])) + 1:
            return True
    return False


def top_level_split(simp: str, start: int, end: int, seps: str) -> list[tuple[int, int]]:
    """Split [start, end) on separator characters (and white space) outside brackets."""
    opens, closes = lexicon().openers_and_closers
    parts, depth, last = [], 0, start
    for m in _split_points(seps).finditer(simp, start, end):   # only the characters that matter
        ch = m.group()
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth = depth - 1 if depth else 0
        elif depth == 0:
            i = m.start()
            if ch.isspace() and _space_parts_nothing(simp, start, last, i, end):
                continue
            parts.append((last, i))
            last = i + 1
    parts.append((last, end))
    return parts


def _space_parts_nothing(simp: str, start: int, last: int, i: int, end: int) -> bool:
    """Is the white space at i, in the stretch [start, end) whose current part began at
    `last`, a copy's (a PDF's justified line, a web page's wrapped source) rather than
    a separator? So it is beside a list separator, after a level word alone (市 自然资源局)
    or 等 (市发改委等 有关部门), inside a name, a role word, a label or a date."""
    before = simp[last:i]
    word = re.search(r"[\u4e00-\u9fff]*$", before.rstrip()).group()   # the last word: 各区、县 级市
    return (word in knowledge.units().jurisdiction_levels
            or before.endswith(knowledge.units().etc_word)
            or _pads_a_list_separator(simp, last, i, end)
            or spaced_inside_a_name(simp, last, i, end)
            or _inside_a_clause_word(simp, last, i, end)
            or (i > start and lexicon().named("spaced_date_pattern").match(simp, i - 1) is not None))


def spaced_inside_a_name(simp: str, last: int, i: int, end: int) -> bool:
    """Is the white space at i inside one name (市行政审批 服务局, 市人 社局配合, 国家卫生健康
    委负责, 财 政部, 各 地区, 各有关 单位, 国务院办 公厅)? Yes when a word known whole runs
    across it, or when the word before it (no deadline) has no organisation ending and
    the characters after it complete one, or it is only the prefix of a collective (各,
    各有关) and they complete that; a word after it that starts with a level or 各 starts
    a name of its own."""
    units = knowledge.units()
    before = re.search(r"[\u4e00-\u9fff]+$", simp[last:i].rstrip())
    if before is None or lexicon().deadline_re.match(before.group()):
        return False
    j = i
    while j < end and simp[j].isspace():
        j += 1
    run = re.match(r"[\u4e00-\u9fff]{1,12}", simp[j:end])
    if run is not None and _known_word_across(before.group(), run.group()):
        return True   # 国务院办 公厅, 海关 总署, 市人力资源和社 会保障局: a known word cut in two
    if org_suffix(before.group()):
        return False
    after = re.match(r"[\u4e00-\u9fff]{1,8}", simp[j:end])
    if after is None or after.group().startswith((*units.jurisdiction_levels, *units.collective_prefixes)):
        return False
    word, rest = before.group(), after.group()
    prefix_only = not word.strip("".join(units.collective_prefixes))   # 各, 各有关, 有关
    return any(org_suffix(word + rest[:k]) or (prefix_only and is_collective(word + rest[:k]))
               for k in range(1, len(rest) + 1))


def _known_word_across(before: str, after: str) -> bool:
    """Does a word the loaders know as a whole (a unit's ending, 办公厅; a part of a name
    that has other spellings, 人力资源和社会保障局; a central ministry, 海关总署; a
    collective's ending, 部门和单位) run on from the end of `before` into `after`? Then
    the space between them cut a name."""
    joined, cut, words = before + after, len(before), _known_words_re()
    return any((m := words.match(joined, at)) is not None and m.end() > cut for at in range(cut))   # overlapping


@lru_cache(maxsize=1)
def _known_words_re() -> re.Pattern:
    k = knowledge.units()
    words = [*(ending for ending, _ in k.kinds), *k.place_body_endings, *k.national_units.names,
             *k.collective_suffixes,   # 各有关部门 和单位, 有关部门和单 位
             *(part for group in knowledge.aliases()["equivalent_parts"] for part in group)]
    return re.compile(knowledge.alternation(w for w in words if len(w) >= 3))


def _inside_a_clause_word(simp: str, last: int, i: int, end: int) -> bool:
    """Is the white space at i inside a role word, a label or a deadline (负 责, 牵 头,
    牵头考核单 位:, 6月底 完成), as the lexicon's patterns read them with a copy's spaces?"""
    lx = lexicon()
    a, b = max(last, i - 12), min(end, i + 12)
    return any(m.start() < i < m.end() - 1
               for rx in (lx.lead_marker_re, lx.task_marker_re, lx.label_re, lx.spaced_deadline_re)
               for m in rx.finditer(simp, a, b))


def _pads_a_list_separator(simp: str, last: int, i: int, end: int) -> bool:
    """Is the white space at i padding beside a list separator (各区、 县级市, a web
    copy's no-break space after 、)? Then it separates nothing the 、 does not."""
    seps = lexicon().list_separators
    before = simp[last:i].rstrip()
    j = i
    while j < end and simp[j].isspace():
        j += 1
    return (bool(before) and before[-1] in seps) or (j < end and simp[j] in seps)


@lru_cache(maxsize=16)
def _split_points(seps: str) -> re.Pattern:
    opens, closes = lexicon().openers_and_closers
    return re.compile("[" + re.escape(opens + closes + seps) + r"]|\s")


def strip_leading_words(simp: str, start: int, end: int) -> int:
    """Where a unit's name starts after words that are no part of it (由, 其中, 会同…)."""
    lead_in = lexicon().named("unit_lead_pattern")
    while (m := lead_in.match(simp, start, end)) and end - m.end() > 1:
        rest = simp[m.end():end]
        if not (looks_like_unit(rest) or rest.startswith(knowledge.units().unit_starts)):
            break
        start = m.end()
    return start


def _split_joiners(simp: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split on 及/和 where they join two units (not inside 自然资源和规划局)."""
    k = knowledge.units()
    s = simp[start:end]
    for j in k.joiners:
        idx = s.find(j, 1)
        while idx > 0:
            left, right = s[:idx], s[idx + len(j):]
            # the left side names a body (中央和国家机关工委: 中央 alone names none), and
            # the right side is not a bare "and others" word (各有关部门和单位: one collective)
            left_ok = ((looks_like_unit(left) and len(left) > len(org_suffix(left)))
                       or _etc_split(left) is not None)
            # nor a bare ending that shares the left side's place (各县党委和政府: one collective)
            right_ok = (bool(right) and right not in k.bare_nouns and len(right) > len(org_suffix(right))
                        and not right.startswith(k.back_references)   # 及其有关部门: the left side's own
                        and (looks_like_unit(right) or any(right.startswith(u) for u in k.unit_starts)
                             or _names_a_unit_before_etc(right)))   # X会同财政部等部门
            if left_ok and right_ok:
                return (_split_joiners(simp, start, start + idx)
                        + _split_joiners(simp, start + idx + len(j), end))
            idx = s.find(j, idx + 1)
    return [(start, end)]


def _names_a_unit_before_etc(s: str) -> bool:
    """财政部等部门: a unit's name, then 等 and what kind of others."""
    found = _etc_split(s)
    return found is not None and bool(org_suffix(s[:found[0]]))


def _without_scope_note(simp: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without a bracketed note on scope closing it (市财政局(含下属单位),
    市发改委(含各县区)): the note says what the unit covers, it names no one."""
    lx = lexicon()
    if simp[end - 1:end] not in lx.opener_of:
        return start, end
    opener = simp.rfind(lx.opener_of[simp[end - 1]], start, end - 1)
    if opener <= start or not lx.named("scope_note_pattern").match(simp[opener + 1:end - 1]):   # (^ anchored)
        return start, end
    return strip_span(simp, start, opener, _TRIM)


def _etc_split(s: str) -> tuple[int, str] | None:
    """Find a final 等 after a unit name: (index of 等, tail after it)."""
    k = knowledge.units()
    idx = s.rfind(k.etc_word)
    while idx > 0:
        head, tail = s[:idx], s[idx + 1:]
        if s[idx - 1:idx + 1] in k.words_with_etc:   # 各高等院校: 等 inside a word
            idx = s.rfind(k.etc_word, 0, idx)
            continue
        # 等10个部门: the count adds nothing; 等 有关部门, 等有 关部门: a copy's spaces
        tail = without_copy_spaces(lexicon().named("etc_count_pattern").sub("", tail.strip(), count=1))
        if head and (org_suffix(head) or is_collective(head) or place_suffix(head)):
            if tail in k.etc_tails or is_collective(tail) or looks_like_unit(tail):
                return idx, tail
        idx = s.rfind(k.etc_word, 0, idx)
    return None


def split_units(text: Text, start: int, end: int) -> list[tuple[Piece, str]]:
    """Unit pieces of the list printed at [start, end), each with its kind.

    A pure function of the printed list, so it is computed once per distinct
    list (documents repeat theirs: 市直有关部门, 各县区政府 …) and shifted to
    where this one is printed; the pieces are new objects on every call."""
    found = _split_list(text.raw[start:end], text.simp[start:end])
    return [(replace(p, start=p.start + start, end=p.end + start, suffix_end=p.suffix_end and p.suffix_end + start),
             kind) for p, kind in found]


@lru_cache(maxsize=16384)
def _split_list(raw: str, simp: str) -> tuple[tuple[Piece, str], ...]:
    """split_units of one list, its offsets relative to the list's start."""
    return tuple(_split_units(Text(raw, simp), 0, len(raw)))


def _split_units(text: Text, start: int, end: int) -> list[tuple[Piece, str]]:
    simp = text.simp
    pieces: list[Piece] = []
    for a, b in top_level_split(simp, start, end, lexicon().list_separators + "\n"):
        a, b = strip_span(simp, a, b, _TRIM)
        if a >= b:
            continue
        a = strip_leading_words(simp, a, b)
        for c, d in _split_joiners(simp, a, b):
            c, d = strip_span(simp, c, d, _TRIM)
            if c >= d:
                continue
            hint = ""
            note = lexicon().role_note_re.search(simp, c, d) if simp[d - 1] in lexicon().opener_of else None
            if note:
                hint = Role.LEAD if note["role"].startswith(lexicon().words("lead_roles")) else ""
                c, d = strip_span(simp, c, note.start(), _TRIM)
                if c >= d:
                    continue
            c, d = _without_scope_note(simp, c, d)   # 市发改委(含各县区): the unit, not a collective
            found = _etc_split(simp[c:d])
            if hint:
                pieces.append(Piece(c, d, role_hint=hint))
            elif found is not None:
                idx, tail = found
                pieces.append(Piece(c, c + idx))
                if tail and tail not in knowledge.units().etc_tails:
                    t0, t1 = strip_span(simp, c + idx + 1, d, _TRIM)
                    if t0 < t1:   # what follows 等 is a class, never one unit (spec): 等区县政府
                        pieces.append(Piece(t0, t1, collective=True))
            else:
                pieces.append(Piece(c, d))
    pieces = _join_lone_levels(text, _distribute_each(text, pieces))
    _expand_shared_suffixes(text, pieces)
    _expand_party_and_government(text, pieces)
    out = []
    for p in pieces:
        s = without_copy_spaces(p.simp(text))   # 省政府有 关部门: a collective all the same
        if not s or not re.search(r"[\u4e00-\u9fff]", s):
            continue
        out.append((p, "collective" if p.collective or is_collective(s) else "unit"))
    return out


@lru_cache(maxsize=1)
def _levels_re() -> re.Pattern:
    k, lx = knowledge.units(), lexicon()
    brackets = re.escape("".join(lx.closer_of) + "".join(lx.opener_of))   # 县(市、区), 县〔市、区〕
    endings = (*k.org_suffixes, *k.place_body_endings)   # 县(市、区)政府, 县(市、区)人民政府
    return re.compile(rf"((?:{knowledge.alternation(k.level_words)}|[{brackets}、])+)"
                      rf"(?:{knowledge.alternation(endings)})?")


def _join_lone_levels(text: Text, pieces: list[Piece]) -> list[Piece]:
    """A level alone (市 in 市、县两级政府, 省、市 in 省、市、县三级人民政府, 省、市有关部门)
    names no body: it joins the levels listed after it, one collective of them all."""
    out: list[Piece] = []
    for p in pieces:
        prev = out[-1] if out else None
        if (prev is not None and not prev.suffix and not prev.role_hint
                and _lone_levels_re().fullmatch(text.simp, prev.start, prev.end)
                and not text.simp[prev.end:p.start].strip(lexicon().list_separators + " ")
                and _level_word_re().match(text.simp, p.start)):
            out[-1] = replace(p, start=prev.start)
        else:
            out.append(p)
    return out


@lru_cache(maxsize=1)
def _lone_levels_re() -> re.Pattern:
    levels = knowledge.alternation(knowledge.units().jurisdiction_levels)
    return re.compile(rf"(?:{levels})(?:[{re.escape(lexicon().list_separators)}]\s*(?:{levels}))*")


def only_levels(s: str) -> bool:
    """Levels alone, with no body's ending (市、区; 地、州、盟; 园区): they name no
    body, and in brackets after a word (县(市、区), 重点企业(园区)) they say what
    the word covers."""
    m = _levels_re().fullmatch(s)
    return m is not None and m.end(1) == len(s)


@lru_cache(maxsize=65536)
def is_nameless(s: str) -> bool:
    """A level, a body every place has, or a kind of body, printed with no name
    (县(市), 园区管委会, 政府, 司法行政机关): after 各 it is every such one."""
    k = knowledge.units()
    if s in k.nameless_bodies or collective_by_kind_alone(s):   # 各级法院、检察院; 各级公安、司法行政机关
        return True
    # 县开发区管委会, 市园区管委会: one jurisdiction's own zone, a unit
    own_zone = tuple(j + z for j in k.jurisdiction_levels for z in k.zone_levels)
    return (bool(_levels_re().fullmatch(s)) and (not is_collective(s) or _several_levels(s))
            and not (s.startswith(k.own_levels) and org_suffix(s)) and not s.startswith(own_zone))


def _distribute_each(text: Text, pieces: list[Piece]) -> list[Piece]:
    """各 distributes over the nameless levels that follow it in a list.

    各区、县(市)政府 and 各县、市、区政府: the organisation ending of the last
    item belongs to every level before it, so the run is one collective.
    各区、县级市 and 各县区人民政府、园区管委会: no ending is shared, so each
    nameless item is a collective of its own; so is a body every place has, or
    a kind of body, printed with no place (各级党委、政府; 各级公安机关、司法行政机关).
    Items that are collectives already (开发区) stay as they are, and 市政府 /
    省政府 stay units: in a list they are the document's own.
    """
    levels = _levels_re()
    nameless = lambda p: not p.role_hint and is_nameless(p.simp(text))   # noqa: E731
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        s = p.simp(text)
        if not s.startswith(knowledge.units().each_word):
            out.append(p)
            i += 1
            continue
        run = [p]
        while i + len(run) < len(pieces) and nameless(pieces[i + len(run)]) \
                and text.simp[run[-1].end:pieces[i + len(run)].start].strip(_TRIM) in ("", "、"):
            run.append(pieces[i + len(run)])
        shared = (len(run) > 1 and org_suffix(run[-1].simp(text)) and not org_suffix(s)
                  and levels.fullmatch(s[1:]) and not any(org_suffix(q.simp(text)) for q in run[1:-1])
                  and not run[-1].simp(text).startswith(knowledge.units().zone_levels))
        if shared:
            out.append(Piece(p.start, run[-1].end))
        else:
            for q in run[1:]:
                q.collective = True
            out.extend(run)
        i += len(run)
    return out


def _expand_shared_suffixes(text: Text, pieces: list[Piece]) -> None:
    """大通县、湟源县、湟中区政府: give each bare place the final 政府."""
    for i in range(len(pieces) - 1, 0, -1):
        last = pieces[i].simp(text)
        suffix, place_end = _place_then_org(last)
        if not suffix:
            continue
        any_kind = ends_with_any(suffix, knowledge.units().place_body_endings)
        governs = any(g in suffix for g in knowledge.units().government_words)
        kind = place_suffix(last[:place_end])
        named_kind = _named_place_kind(last[:place_end])
        j = i - 1
        while j >= 0:
            prev = pieces[j]
            s = prev.simp(text)
            # 西安、宝鸡、咸阳市政府: a place printed without its level, which the last item's
            # level makes a known division, shares the level and the ending;
            # 东川、南川工业园区管委会: a bare name shares the last item's kind of place
            shared_kind = (kind if kind and not place_suffix(s) and (s + kind) in knowledge.divisions()
                           else named_kind if named_kind and _bare_place_name(s) else "")
            if (prev.suffix or org_suffix(s) or not (place_suffix(s) or shared_kind)
                    or s.startswith(knowledge.units().each_word)
                    or not (any_kind or place_suffix(s) == kind or shared_kind)
                    or (governs and place_suffix(s) in knowledge.units().places_without_a_government)):
                break
            prev.share_suffix(text, pieces[i].start + place_end - len(shared_kind), pieces[i].end)
            j -= 1


def _bare_place_name(s: str) -> bool:
    """东川, 河东: a place's own name printed without its kind or any ending."""
    low, high = knowledge.units().bare_place_name_length
    return (low <= len(s) <= high and re.fullmatch(r"[\u4e00-\u9fff]+", s) is not None
            and not place_suffix(s) and not org_suffix(s) and not is_collective(s))


def _named_place_kind(place: str) -> str:
    """南川工业园区 -> 工业园区: the place's kind, when a bare name precedes it."""
    kind = ends_with_any(place, knowledge.units().place_kinds)
    return kind if kind and _bare_place_name(place[:-len(kind)]) else ""


def _expand_party_and_government(text: Text, pieces: list[Piece]) -> None:
    """县委、县政府督查室: the committee and the government of one place share the office
    printed once after the government (县委督查室, 县政府督查室), as 两办 do."""
    k = knowledge.units()
    for prev, last in zip(pieces, pieces[1:]):
        s, t = prev.simp(text), last.simp(text)
        gov = next((g for g in k.government_words if g in t[:8]), "")
        if not gov or prev.suffix or last.suffix:
            continue
        place, office = t[:t.index(gov)], t[t.index(gov) + len(gov):]
        if (office and org_suffix(office) and not office.startswith(k.own_levels)
                and s in {place + c for c in k.party_committees}):
            prev.share_suffix(text, last.start + len(place) + len(gov), last.end)


def _place_then_org(s: str) -> tuple[str, int]:
    """Split 湟中区政府 into (政府, 3): an organisation ending after a place
    (区县政府 too: its ending is shared back, 长安区、临潼区等区县政府)."""
    if is_collective(s) and not _several_levels(s):
        return "", 0
    for p in knowledge.units().place_suffixes:
        idx = s.rfind(p)
        while idx > 0:
            tail = s[idx + len(p):]
            if tail and len(tail) <= 6 and org_suffix(tail):
                return tail, idx + len(p)
            idx = s.rfind(p, 0, idx)
    return "", 0
