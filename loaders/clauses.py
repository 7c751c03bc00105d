"""Responsibility clauses: a tokenizer over the lexicon and a small grammar.

A clause is where a document says who does a task:

    (市行政审批服务局牵头,市发改委、市住建局等部门及各县区按职责分工负责)
    (责任单位:市营商环境监督局、市行政审批局,各县区政府,完成时限:2022年12月底)
    〔牵头单位:市发改委;配合单位:市财政局〕
    (5月底取得明显成效并持续推进,牵头考核单位:市审批服务局)
    牵头单位:市发改委            <- on its own line under the item
    (市财政局、市税务局)          <- a bare unit list

`tokenize()` turns a stretch of text into typed tokens with spans — notes
(a first-is-lead convention, 下同, a note that applies units to every later
item), field labels with their role, deadlines, role markers and unit
stretches — using only loaders/data/lexicon.yaml. `parse_clause()` reads
the tokens with one grammar:

    clause  := field+
    field   := LABEL? part (SEP part)*
    part    := DEADLINE | UNITS MARKER? | UNITS
    note    := CONVENTION | CARRY | APPLY_TO_ALL(units)   (anywhere, removed)

A bracketed group *is* a clause when it parses as one (a label, a marker
after valid units, or a list of valid units); there is no second keyword
list. Every unit is validated (loaders/units.py); text that is not a unit is
read as a deadline or a person, or reported in `review`. Roles are resolved
afterwards by a pure function of the parse and the document's convention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import knowledge
from .lexicon import lexicon
from .records import UNIT_ROLES, LeaderMention, Role, Span, UnitMention, number_ranks
from .text import Text, fold, strip_span
from .units import (Piece, bare_name, body_before_words, bracketed_person, collective_by_kind_alone,
                    ends_like_a_body, is_collective, is_nameless, looks_concatenated, name_core, only_levels,
                    org_suffix, place_suffix, post_after_unit, spaced_inside_a_name, split_units, strip_leading_words,
                    top_level_split, unit_after_task, unit_problem, without_contact_number, without_copy_spaces)

_TAIL_PUNCT = " \t\n。;.,:【[|"
_ROLE_ORDER = {role: i for i, role in enumerate(Role)}   # strongest first: lead, support, …
_SHORT_NAME = 8   # a name without an organisation ending is kept (and flagged) up to this length


@dataclass
class Token:
    """A typed piece of a clause: kind, span and, for labels and markers, a role."""

    kind: str            # label | deadline | marker | units | object | convention | carry | apply_all | text
    start: int
    end: int
    role: str = ""       # labels: lead/support/responsible/leader/deadline/chief/coordinator/free;
                         # markers: lead | task; objects: task | units (what it names)


@dataclass
class Mention:
    """A unit as parsed, before roles are resolved."""

    piece: Piece
    kind: str            # unit | collective
    raw_role: str        # lead (label or marker) | task (marker) | support | responsible | "" (bare)


@dataclass
class Clause:
    regions: list[Span]
    mentions: list[Mention] = field(default_factory=list)
    units: list[UnitMention] = field(default_factory=list)   # after resolve()
    deadline_text: str | None = None
    deadline_span: Span | None = None
    leaders: list[LeaderMention] = field(default_factory=list)
    chief: str | None = None
    chief_span: Span | None = None
    coordinator: str | None = None
    coordinator_span: Span | None = None
    carry_forward: bool = False           # 下同
    same_as_above: bool = False           # 同上 for the units: those of the clause above
    same_as_above_whole: bool = False     # (同上): the whole clause, not one field's value
    same_deadline_above: bool = False     # 完成时限:同上, or (同上): the deadline above
    apply_to_all: list[UnitMention] = field(default_factory=list)   # 以下…均需X落实,不再单独列出
    applies_own_collectives: bool = False   # (…,各县区政府,以下不再单独列出): no units of its own
    parsed: bool = False                  # a label, a marker after units, or a bare unit list
    marked_leads: list[str] = field(default_factory=list)   # 市市场监管局*: the printed name and mark
    review: list[str] = field(default_factory=list)
    _text: Text | None = None

    @property
    def span(self) -> Span:
        return Span(self.regions[0].start, self.regions[-1].end)

    @property
    def has_roles(self) -> bool:
        return bool(self.mentions or self.apply_to_all or self.refers_above) or self.deadline_text is not None

    @property
    def names_a_lead(self) -> bool:
        """Does the clause itself name a lead (牵头单位:X, X牵头), before any convention?"""
        return any(m.raw_role == Role.LEAD for m in self.mentions)

    @property
    def refers_above(self) -> bool:
        """同上: its units or its deadline are those of the clause above."""
        return self.same_as_above or self.same_deadline_above

    def for_all_later(self) -> list[UnitMention]:
        """Collectives that this clause's note applies to every later item."""
        if self.applies_own_collectives:
            return [u for u in self.units if u.role == Role.COLLECTIVE]
        return self.apply_to_all

    def leader_as_chief(self) -> None:
        """The clause's one leader becomes its section's chief (牵头市领导 on a
        heading says what 指标长 says)."""
        leader = self.leaders.pop()
        self.chief, self.chief_span = leader.name, leader.span

    @property
    def is_section_annotation(self) -> bool:
        """(指标长:…,总牵头部门:…) on a heading: describes a section, not a task."""
        return (self.chief is not None or self.coordinator is not None) and not self.mentions

    def resolve(self, first_is_lead: bool, responsible_leads: bool = False) -> "Clause":
        """Set `units` with final roles (see resolve_roles)."""
        self.units = resolve_roles(self._text, self.mentions, first_is_lead, responsible_leads)
        explicit = self.names_a_lead
        if _all_lead(self.mentions, first_is_lead, responsible_leads) and any(
                u.role == Role.LEAD for u in self.units):
            self.review.append(lexicon().data["review_responsible_is_lead"])
        if explicit and not any(m.raw_role == Role.LEAD and m.kind == "unit" for m in self.mentions):
            self.review.append(lexicon().data["review_collective_lead"])
        if (first_is_lead and not explicit and self.mentions[:1]
                and self.mentions[0].kind == "collective"
                and any(m.kind == "unit" for m in self.mentions)):
            # "the first-listed leads", but the first listed is a collective
            self.review.append(lexicon().data["review_first_listed_collective"])
        return self


# --- brackets -----------------------------------------------------------------------

def matching_open(s: str, close_at: int, floor: int) -> int:
    """Index of the bracket that opens the one closing at `close_at`, or -1."""
    close = s[close_at]
    opener = lexicon().opener_of[close]
    depth = 0
    for i in range(close_at, floor - 1, -1):
        ch = s[i]
        if ch == close:
            depth += 1
        elif ch == opener:
            depth -= 1
            if depth == 0:
                return i
    return -1


# --- the tokenizer --------------------------------------------------------------------

def _notes(s: str, a: int, b: int) -> list[Token]:
    """Convention, carry-forward and apply-to-all notes in [a, b), non-overlapping.

    A 下同 right after a convention or an apply-to-all note belongs to that
    note (the convention, or the note's units, carry on), not to the clause.
    """
    lx = lexicon()
    found: list[Token] = []
    for m in lx.apply_to_all_units_first_re.finditer(s, a, b):   # 以下各项任务X均需…
        found.append(Token("apply_all", m.start(), m.end()))
    for m in lx.apply_to_all_note_re.finditer(s, a, b):
        if not any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in found):
            found.append(Token("apply_all", m.start(), m.end()))
    for m in lx.apply_to_all_re.finditer(s, a, b):
        if not any(t.start <= m.start() < t.end for t in found):
            found.append(Token("apply_all", m.start(), m.end()))
    lead_in = lx.named("convention_lead_in_pattern")
    for convention in (lx.first_is_lead_re, lx.responsible_is_lead_re, lx.named("marked_is_lead_pattern")):
        for m in convention.finditer(s, a, b):
            # 以下各项任务均由列在首位的部门牵头: what it applies to is part of the note
            segment = _after_last(s, a, m.start(), lx.segment_separators)
            before = lead_in.search(s, segment, m.start())
            found.append(Token("convention", before.start() if before else m.start(), m.end()))
    for m in lx.named("same_as_above_pattern").finditer(s, a, b):
        found.append(Token("same_above", m.start(), m.end()))
    for m in lx.carry_forward_re.finditer(s, a, b):
        if any(t.start <= m.start() < t.end for t in found):
            continue
        before = s[a:m.start()].rstrip(" ,;、")
        owner = next((t for t in found if t.end == a + len(before)), None)
        if owner is not None:
            owner.end = m.end()           # 第一责任单位为牵头单位,下同: one note
        else:
            found.append(Token("carry", m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    out: list[Token] = []
    for t in found:
        if out and t.start < out[-1].end:
            out[-1].end = max(out[-1].end, t.end)
            continue
        out.append(t)
    # a note in brackets takes its brackets with it: 市财政局(第一责任单位为牵头单位,下同)
    for t in out:
        i, j = t.start - 1, t.end
        while i >= a and s[i] in " ,;":
            i -= 1
        while j < b and s[j] in " ,;。":
            j += 1
        if i >= a and j < b and s[i] in lx.closer_of and s[j] == lx.closer_of[s[i]]:
            t.start, t.end = i, j + 1
    return out


def _labels(s: str, a: int, b: int) -> list[re.Match]:
    """Field labels in [a, b): at a boundary, or glued right after a unit name
    when a colon follows (牵头单位:区发改局责任单位:… in flattened text)."""
    lx = lexicon()
    return [m for m in lx.label_re.finditer(s, a, b)
            if _field_may_start(s, a, m.start()) or (":" in m.group() and org_suffix(s[a:m.start()]))]


def _field_may_start(s: str, a: int, i: int) -> bool:
    """A field may start at i: the stretch's start, or after any mark or space that
    parts it from the words before (, ; / 牵头单位:X/配合单位:Y, ——责任单位:X,
    推进甲:责任单位:X, 推进甲→责任单位:X), never inside a word."""
    return i == a or not s[i - 1].isalnum()


def tokenize(text: Text, a: int, b: int) -> list[Token]:
    """Typed tokens of the clause text [a, b) (bracket contents or a clause line).

    A pure function of the simplified text of [a, b): computed once per
    distinct clause text (a document parses some clauses more than once, and
    repeats others) and shifted to where this one is printed."""
    return [Token(t.kind, t.start + a, t.end + a, t.role) for t in _tokens_of(text.simp[a:b])]


@lru_cache(maxsize=8192)
def _tokens_of(simp: str) -> tuple[Token, ...]:
    return tuple(_tokenize(Text(simp, simp), 0, len(simp)))


def _tokenize(text: Text, a: int, b: int) -> list[Token]:
    s = text.simp
    lx = lexicon()
    tokens: list[Token] = []
    notes = _notes(s, a, b)
    pos = a
    stretches: list[tuple[int, int]] = []
    for n in notes:
        tokens.append(n)
        if _inside_a_label(s, a, b, n):   # 责任单位(列第一位的为牵头单位):X: read, and the label stays one
            continue
        if n.start > pos:
            stretches.append((pos, n.start))
        pos = max(pos, n.end)
    if pos < b:
        stretches.append((pos, b))
    stretches = [part for x, y in stretches for part in _without_aside_brackets(s, x, y)]
    for x, y in stretches:
        labels = _labels(s, x, y)
        cuts = [(m.start(), m.end(), lx.label_role(m["label"])) for m in labels]
        # 责任领导:县委常委、副县长 王某: a post and a space after a leader label is the
        # person's post, not a label of its own
        cuts = [c for k, c in enumerate(cuts) if not (k and c[2] == "leader" == cuts[k - 1][2]
                                                      and s[c[0]:c[1]] != s[c[0]:c[1]].rstrip())]
        bounds = [c[0] for c in cuts] + [y]
        tokens.extend(_parts(text, x, bounds[0]))          # text before the first label
        for (l0, l1, role), end in zip(cuts, bounds[1:]):
            tokens.append(Token("label", l0, l1, role))
            value_end = _deadline_value_end(s, l1, end) if role == "deadline" else end
            tokens.extend(_parts(text, l1, value_end, whole=role in ("deadline", "leader", "chief",
                                                                   "coordinator", "other")))
            tokens.extend(_parts(text, value_end, end))
    tokens.sort(key=lambda t: t.start)
    return tokens


def _inside_a_label(s: str, a: int, b: int, note: Token) -> bool:
    """Whether `note` is the bracketed note between a label and its colon."""
    return any(m.start() < note.start and note.end <= m.end() for m in lexicon().label_re.finditer(s, a, b))


def _deadline_value_end(s: str, a: int, b: int) -> int:
    """Where a 完成时限 field's value ends: before a later part that names a
    unit and no date (完成时限:2023年6月底前;市发改委负责); the rest is the value
    (2023年6月底前启动,12月底前完成; 2022年完成一期,2025年全部完成)."""
    lx, pos = lexicon(), a
    for k in range(a, b + 1):
        if k == b or s[k] in lx.segment_separators:
            part = s[pos:k].strip()
            if (pos > a and part and not lx.named("deadline_date_pattern").search(part)
                    and (_markers(s, pos, k) or org_suffix(part))):
                return pos
            pos = k + 1
    return b


def _without_aside_brackets(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) cut around brackets that open with a field label (市审批局(联系人:张三,
    电话:…), 市发改委(配合单位:市财政局)) or say which unit of the list leads
    (区民政局、区商务局(区民政局牵头), (其中区民政局为牵头单位)): their contents are
    stretches of their own (a person is read as a leader, a phone number set aside,
    helpers as helpers, the named unit as the lead), their brackets never part of a
    unit name."""
    lx = lexicon()
    if not any(ch in lx.closer_of for ch in s[a:b]):   # no bracket opens here: nothing aside
        return [(a, b)]
    asides = []
    for m in lx.label_re.finditer(s, a, b):
        i = m.start() - 1
        if i >= a and s[i] in lx.closer_of and _matching_close(s, i, b) >= m.end():
            asides.append((i, _matching_close(s, i, b)))   # not 【协作单位】区城管局: the label's own
    for m in lx.lead_marker_re.finditer(s, a, b):
        j = m.end()
        if j < b and s[j] in lx.opener_of:
            i = matching_open(s, j, a)
            if i > a and _names_a_lead(s, i + 1, m.start()):
                asides.append((i, j))
    out, pos = [], a
    for i, j in sorted(asides):
        if i >= pos:
            out += [(pos, i), (i + 1, j)]
            pos = j + 1
    out.append((pos, b))
    return [(x, y) for x, y in out if x < y]


def _names_a_lead(s: str, a: int, b: int) -> bool:
    """其中区民政局 / 区民政局 before a bracket's closing 牵头: one unit's name, after a
    list (a bracket right after a name), not the unit's own role note (市审批局(牵头))."""
    name = s[strip_leading_words(s, a, b):b]
    return (re.fullmatch(r"[\u4e00-\u9fff]", s[a - 2] if a >= 2 else "") is not None
            and bool(name) and unit_problem(name) is None)


def _matching_close(s: str, open_at: int, limit: int) -> int:
    """Index of the bracket closing the one at `open_at`, before `limit`, or -1."""
    closer_of, depth = lexicon().closer_of, 0
    for k in range(open_at, limit):
        if s[k] in closer_of:
            depth += 1
        elif s[k] in lexicon().opener_of:
            depth -= 1
            if depth == 0:
                return k
    return -1


def _parts(text: Text, a: int, b: int, *, whole: bool = False) -> list[Token]:
    """A field value: deadline, unit stretches with their markers, separators dropped."""
    s = text.simp
    lx = lexicon()
    a, b = strip_span(s, a, b, _TAIL_PUNCT + "、")
    if a >= b:
        return []
    if whole:
        return [Token("text", a, b)]
    out: list[Token] = []
    for p, q in top_level_split(s, a, b, lx.segment_separators):
        p, q = strip_span(s, p, q)
        if p >= q:
            continue
        if lx.deadline_re.match(s[p:q]) or lx.deadline_re.match(re.sub(r"\s+", "", s[p:q])):   # 2023 年 6 月底前
            out.append(Token("deadline", p, q))
            continue
        pos = p
        for m in _markers(s, p, q):
            if m[0] > pos:
                out.append(Token("units", pos, m[0]))
            out.append(Token("marker", m[0], m[1], m[2]))
            pos = m[1]
        found = _marker_before_object(text, pos, q) if pos < q else None
        if found is not None:   # 市人社局负责制定配套政策: units, marker, what they are to do
            x, y, role, obj = found
            out += [Token("units", pos, x), Token("marker", x, y, role), Token("object", y, q, obj)]
        elif pos < q:
            out.append(Token("units", pos, q))
    return out


def _marker_before_object(text: Text, a: int, b: int) -> tuple[int, int, str, str] | None:
    """A role marker inside the stretch [a, b) with only valid units before it
    and, after it to b, what they are to do (负责制定配套政策, 研究提出落实意见):
    (start, end, role, object), object "units" when what they are to do names a
    unit (负责指导各区县, 配合市发改委). The last such marker, so that a verb inside
    a name (市委组织部) is passed over. None when the rest lists units or holds a
    deadline (市发改委2023年底前完成): other rules read those."""
    s = text.simp
    lx = lexicon()
    for m in reversed(list(lx.marker_before_object_re.finditer(s, a, b))):
        # the list's last name, its role note set aside: 审批服务局(牵头) is a name with
        # its note, not 审批 (a verb) and its object (the name had been lost, unflagged)
        last = lx.role_note_re.sub("", s[_after_last(s, a, m.start(), lx.list_separators):b].strip())
        if (m.start() > a and (obj := _task_object(s, m.end(), b)) and _only_units(text, a, m.start())
                and unit_problem(last) is not None and not _inside_a_name(s, m.start(), m.end(), b)):
            return m.start(), m.end(), Role.LEAD.value if m["lead"] else "task", obj
    return None


def _inside_a_name(s: str, x: int, y: int, b: int) -> bool:
    """Does the verb [x, y) start a name's ending (组织部, 监管局, 督查室备案, 研究中心)?
    Then it is no marker: an organisation's ending follows it at once (not 推进一网通办)."""
    return any(len(org_suffix(s[x:k])) == k - y for k in range(y + 1, min(y + 4, b) + 1))


def _task_object(s: str, a: int, b: int) -> str:
    """What [a, b), after a role marker, is: "task" (words that name no unit),
    "units" (it starts with a unit or a collective: the task's object, perhaps
    its helper), or "" (a list, a deadline, a person, nothing)."""
    a, b = strip_span(s, a, b)
    words = s[a:b]
    if a >= b or any(c in lexicon().list_separators for c in words) or lexicon().deadline_re.search(words):
        return ""
    problem = unit_problem(words)
    if problem is None or words.startswith(knowledge.units().unit_starts) or is_collective(words):
        return "units"
    return "task" if problem in ("no_head", "clause_words", "sentence", "too_long") else ""


def _only_units(text: Text, a: int, b: int) -> bool:
    """[a, b) is units or collectives, each a valid name."""
    pieces = split_units(text, a, b)
    return bool(pieces) and all(unit_problem(p.simp(text), collective=kind == "collective") is None
                                for p, kind in pieces)


def _markers(s: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """Role markers in [a, b), longest first where they overlap; never inside
    brackets (市发改委(负责协调): the unit's note, not a marker)."""
    lx = lexicon()
    found = [(m.start(), m.end(), Role.LEAD.value) for m in lx.lead_marker_re.finditer(s, a, b)]
    for m in lx.task_marker_re.finditer(s, a, b):
        if not any(x <= m.start() < y or m.start() <= x < m.end() for x, y, _ in found):
            found.append((m.start(), m.end(), "task"))
    found = [f for f in (_after_collective(s, a, b, *f) for f in found) if f is not None
             and not (f[2] == "task" and f[1] < b and s[f[1]].isspace()
                      and spaced_inside_a_name(s, a, f[1], b))]   # 市行政审批 服务局
    found += [(m.start(), m.end(), "mark") for m in _lead_mark_re().finditer(s, a, b)]
    return sorted(f for f in found if not _inside_brackets(s, a, f[0], b))


@lru_cache(maxsize=1)
def _lead_mark_re() -> re.Pattern:
    """A lead mark right after a name (市市场监管局*), where a unit list ends or goes on."""
    return lexicon().pattern(r"(?<=[\u4e00-\u9fff]|{bracket_close})[{lead_marks}](?=$|[,;。、\s]|{bracket_close})")


def _after_collective(s: str, a: int, b: int, x: int, y: int, role: str) -> tuple[int, int, str] | None:
    """A marker at x that would cut a collective word (社会组织配合: 组织 ends the
    word, it is no task verb) starts after that word, or is none."""
    lx, k_units = lexicon(), knowledge.units()
    words = k_units.collective_words
    a = _after_last(s, a, x, lx.list_separators)   # the list's last name
    etc = s.rfind(k_units.etc_word, a, x)   # 省妇联等群团组织配合: the word after 等
    starts = (a, etc + 1) if etc >= 0 else (a,)
    end = next((k for k in range(y, x, -1) if any(s[st:k] in words for st in starts)), x)
    if end == x:
        return x, y, role
    m = lx.lead_marker_re.match(s, end, b) or lx.task_marker_re.match(s, end, b)
    if m is None:
        return None
    return m.start(), m.end(), Role.LEAD.value if m.re is lx.lead_marker_re else "task"


def _after_last(s: str, a: int, i: int, chars: str) -> int:
    """Where the stretch [a, i) goes on after the last of `chars` in it (a if none)."""
    return max(a, *(s.rfind(c, a, i) + 1 for c in chars))


def _inside_brackets(s: str, a: int, i: int, b: int | None = None) -> bool:
    """Is position i inside a bracket opened after a, or (given the end b) inside a
    quote closed before b? (按照“谁主管、谁负责”原则落实: the principle's words are no
    marker; a quote never closed, “蒙速办" with a straight mark, hides nothing)"""
    lx = lexicon()
    depth = 0
    for ch in s[a:i]:
        if ch in lx.closer_of:
            depth += 1
        elif ch in lx.opener_of:
            depth = depth - 1 if depth else 0
    if depth > 0:
        return True
    if b is None:
        return False
    for opener, closer in lx.data["quotes"]:
        at = s.rfind(opener, a, i)
        if at >= 0 and s.find(closer, at, i) < 0 and s.find(closer, i, b) >= 0:
            return True
    return False


# --- the grammar ----------------------------------------------------------------------

def parse_clause(text: Text, regions: list[Span]) -> Clause:
    """Parse the clause printed in `regions` (bracket contents or clause lines)."""
    s = text.simp
    clause = Clause(regions=regions, _text=text)
    lx = lexicon()
    for region in regions:
        a, b = region.start, region.end
        if b - a > 1 and s[b - 1] in lx.opener_of and matching_open(s, b - 1, a) == a:
            a, b = a + 1, b - 1   # a clause line written in brackets
        label_role, label = "", ""
        pending: list[Mention] = []     # the units a following marker applies to
        tokens = tokenize(text, a, b)
        for i, tok in enumerate(tokens):
            if tok.kind == "label":
                label_role, label = tok.role, text.raw[tok.start:tok.end].rstrip(" :】]")
                clause.parsed = True
            elif tok.kind == "convention":
                clause.parsed = True   # its reach is the document's (extract._resolve_conventions)
            elif tok.kind == "carry":
                clause.carry_forward = True
            elif tok.kind == "same_above":
                clause.parsed = True
                if label_role == "deadline" or not label_role:
                    clause.same_deadline_above = True
                if label_role != "deadline":
                    clause.same_as_above = True
                    clause.same_as_above_whole = clause.same_as_above_whole or not label_role
            elif tok.kind == "apply_all":
                _apply_to_all(text, tok, clause)
            elif tok.kind == "deadline":
                _set_deadline(text, clause, tok.start, tok.end)
            elif tok.kind == "text":
                _field_text(text, clause, label_role, label, tok)
            elif tok.kind == "marker" and tok.role == "mark":
                if pending:   # the mark is the last name's alone (市审批局、市市场监管局*)
                    pending[-1].raw_role = Role.LEAD
                    clause.marked_leads.append(text.raw[pending[-1].piece.start:tok.end])
                    clause.parsed = True
                pending = []
            elif tok.kind == "marker":
                helps = tok.role != Role.LEAD and _names_helpers(s[tok.start:tok.end])
                keep = 0
                if (label_role and i + 1 < len(tokens) and tokens[i + 1].kind == "object"
                        and tokens[i + 1].role == "units"):
                    helps = False   # 牵头单位:市商务局配合市发改委: whom it helps, flagged; the label's role stays
                if (helps and len(pending) >= 2 and i >= 2 and tokens[i - 2].kind == "label"
                        and tokens[i - 2].role == Role.LEAD):
                    # 牵头单位:市发改委、市财政局参与: the label's first unit leads, the rest help
                    keep = 1
                    clause.review.append(lexicon().data["review_first_leads_rest_help"].format(
                        text=text.raw[tokens[i - 2].start:tok.end]))
                for m in pending[keep:]:   # a lead marker overrides a 责任单位 label (市发改委牵头),
                    # a helper's a 牵头单位 label carried over (牵头单位:市发改委;市财政局配合)
                    m.raw_role = (Role.LEAD if tok.role == Role.LEAD else Role.SUPPORT if helps
                                  else (m.raw_role or "task"))
                clause.parsed = clause.parsed or bool(pending)
                pending = []
            elif tok.kind == "object" and tok.role == "units":   # 市发改委负责指导各区县: whom?
                clause.review.append(lexicon().data["review_unit_after_a_task"].format(
                    text=text.raw[tokens[i - 2].start:tok.end]))
            elif tok.kind == "units":
                added = _units(text, clause, tok, label_role, label)
                if _joins_the_next_list(tokens, i, pending) and not _names_again(text, pending, added):
                    # 发展改革委,中央网信办,工业和信息化部牵头: a comma or space typed for 、
                    pending = pending + added
                    if tokens[i + 1].kind == "marker":
                        clause.review.append(lexicon().data["review_list_across_separators"].format(
                            text=text.raw[pending[0].piece.start:tokens[i + 1].end]))
                else:
                    pending = added
                if label_role:
                    clause.parsed = True
                elif (pending and not clause.parsed and [t.kind for t in tokens[i + 1:i + 2]] != ["marker"]
                        and _is_bare_list(text, tok, pending, clause)):
                    clause.parsed = True
                    if all(m.kind == "unit" and not org_suffix(name_core(m.piece.simp(text)))
                           for m in pending):
                        clause.review.append(lexicon().data["review_places_only"])
        _unknown_labels(s, a, b, clause)
    _parted_by_a_space(text, clause)
    _readings_in_names(text, clause)
    return clause


def _readings_in_names(text: Text, clause: Clause) -> None:
    """A name that holds a mirror site's pinyin reading (園區(qū)管委會) is reported as
    printed; the reading may have hidden what the name is, so the record says so."""
    reading = lexicon().named("pinyin_reading_pattern")
    for m in clause.mentions:
        printed = text.raw[m.piece.start:m.piece.evidence_end]
        if reading.search(printed):
            clause.review.append(lexicon().data["review_reading_in_name"].format(text=printed))


def _parted_by_a_space(text: Text, clause: Clause) -> None:
    """Two names parted by white space alone (市人力资源和社会 保障局, 市政府 各部门): a copy's
    space may have cut one name in two, so the record says so (once). Whole names each
    starting with a level (市发改委 市财政局) are a list spaced so. The other way, one name
    read across a space after a named place (立山经济开发区 税务局) may be two units: said too."""
    k = knowledge.units()

    def whole(name: str) -> bool:   # 市发改委, or a national body known by its short name (体育总局)
        return (name.startswith(k.jurisdiction_levels) and bool(org_suffix(name))) or name in k.national_units.names

    mentions = sorted(clause.mentions, key=lambda m: m.piece.start)
    for one, two in zip(mentions, mentions[1:]):
        gap = text.simp[one.piece.evidence_end:two.piece.start]
        a, b = one.piece.simp(text), two.piece.simp(text)
        # a collective then 各… (各有关单位 各区) is no name either; 市政府 各部门 may be one
        if gap and not gap.strip() and not (whole(a) and whole(b)) and not (is_collective(a) and b.startswith(k.each_word)):
            clause.review.append(lexicon().data["review_parted_by_a_space"].format(
                text=text.raw[one.piece.start:two.piece.evidence_end]))
            return
    for m in mentions:   # the other way: 立山经济开发区 税务局 read as one name, a place's own bureau
        parts = m.piece.simp(text).split()
        if (len(parts) == 2 and len(parts[0]) > len(place_suffix(parts[0])) > 0   # 立山经济开发区, not 市
                and org_suffix(parts[1]) and not is_nameless(parts[1]) and unit_problem(parts[1]) is None):
            clause.review.append(lexicon().data["review_joined_across_a_space"].format(
                text=text.raw[m.piece.start:m.piece.evidence_end]))
            return


def _joins_the_next_list(tokens: list[Token], i: int, pending: list[Mention]) -> bool:
    """Do the units of the stretch before tokens[i] (`pending`, all named units)
    and of tokens[i] form one list? Only when nothing but units follows up to a
    lead marker (A,B,C牵头); a helper's or a task's marker reads the same either way."""
    if not (pending and tokens[i - 1].kind == "units" and all(m.kind == "unit" for m in pending)):
        return False
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "units":
        j += 1
    return j < len(tokens) and tokens[j].kind == "marker" and tokens[j].role == Role.LEAD


def _names_again(text: Text, earlier: list[Mention], later: list[Mention]) -> bool:
    """Does `later` name a unit of `earlier` again (市发改委、市财政局,其中市发改委为牵头单位:
    which of the list leads, not a list going on)?"""
    names = {m.piece.simp(text) for m in earlier}
    return any(m.piece.simp(text) in names for m in later)


@lru_cache(maxsize=1024)
def _names_helpers(marker: str) -> bool:
    """A task marker that says its units help (配合, 协助落实, 参与): a helper role word."""
    return any(w in marker for w in lexicon().words("support_roles"))


def _set_deadline(text: Text, clause: Clause, a: int, b: int) -> None:
    """The clause's deadline; a second part right after the first extends it
    (2023年上半年启动,年底前完成: one deadline, printed in two parts)."""
    span, joiners = clause.deadline_span, " " + lexicon().data["deadline_separators"]
    if clause.deadline_text is None:
        clause.deadline_text, clause.deadline_span = text.raw[a:b], Span(a, b)
    elif span is not None and a >= span.end and not text.simp[span.end:a].strip(joiners):
        clause.deadline_text, clause.deadline_span = text.raw[span.start:b], Span(span.start, b)
    elif span is None or (a, b) != (span.start, span.end):   # (6月底前,市发改委负责,12月底前)
        clause.review.append(lexicon().data["review_second_deadline"].format(text=text.raw[a:b]))


def _field_text(text: Text, clause: Clause, role: str, label: str, tok: Token) -> None:
    s = text.simp
    a, b = tok.start, tok.end
    if role == "deadline":
        _set_deadline(text, clause, a, b)
    elif role == "leader":
        for p, q in _people(s, a, b):
            clause.leaders.append(LeaderMention(text.raw[p:q], label, Span(p, q)))
    elif role == "chief":
        clause.chief, clause.chief_span = text.raw[a:b], Span(a, b)
    elif role == "coordinator":
        clause.coordinator, clause.coordinator_span = text.raw[a:b], Span(a, b)


def _people(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """The people of a leader field: 县委副书记李某、副县长赵某 is two, but a post printed
    bare is the next person's (县委常委、副县长 王某 is one person with two posts)."""
    posts = lexicon().words("posts")
    out: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []   # posts printed without a name, so far
    for p, q in top_level_split(s, a, b, "、,;"):
        p, q = strip_span(s, p, q, _TAIL_PUNCT)
        if p >= q:
            continue
        if s[p:q].endswith(posts):
            bare.append((p, q))
        else:                          # a name ends the person and takes the posts before it
            out.append((bare[0][0] if bare else p, q))
            bare = []
    return out + bare                  # posts with no name after them (县长、分管副县长): one person each


def _units(text: Text, clause: Clause, tok: Token, label_role: str, label: str = "") -> list[Mention]:
    """Validated unit mentions of a unit stretch; what is not a unit is read as a
    deadline or a person, or reported in the clause's review."""
    role = label_role if label_role in UNIT_ROLES else ""
    persons_named = lexicon().named("patterns.with_persons").search(label) is not None
    added: list[Mention] = []
    for piece, kind in split_units(text, tok.start, tok.end):
        if kind == "unit" and not added and _each_reaches(text, clause, piece):
            kind, piece.collective = "collective", True   # 各县区人民政府,园区管委会: 各 across the comma
        surface = piece.simp(text)
        if lexicon().named("none_value_pattern").fullmatch(surface):
            continue   # 配合单位:无 — there is none
        if len(surface) > 1 and surface[0] in lexicon().data["lead_marks"]:
            clause.review.append(lexicon().data["review_lead_mark_before_name"].format(
                text=text.raw[piece.start + 1:piece.evidence_end], mark=surface[0]))
            piece = replace(piece, start=piece.start + 1)   # ※市发改委: what the mark says is not known
            surface = piece.simp(text)
        if kind == "unit" and not piece.suffix and (found := bracketed_person(surface, persons_named)):
            piece = _person_after_unit(text, clause, piece, *found)
            surface = piece.simp(text)
        if kind == "unit" and not piece.suffix and (cut := post_after_unit(surface)):
            _add_person(text, clause, Piece(piece.start + cut, piece.end))   # 区财政局局长张三负责
            piece = replace(piece, end=piece.start + cut)
            surface = piece.simp(text)
        problem = unit_problem(surface, collective=kind == "collective")
        if (problem == "no_head" and persons_named and (added or clause.mentions)
                and bare_name(without_contact_number(surface))):
            problem = "person"   # 牵头单位及责任人:区卫健局 赵六: the unit's person
        if (problem is None and kind == "collective" and not piece.suffix
                and _acts_after_its_name(without_copy_spaces(surface))):
            problem = "clause_words"   # 各县区配合做好相关工作: the collective, then what it does
        printed = text.raw[piece.start:piece.evidence_end]
        if (problem in ("no_head", "clause_words") and not piece.suffix and not _name_before_task(surface)
                and (cut := _name_before_deadline(surface))):
            # 市发改委2023年底前完成: the name, then its deadline with nothing between (市财政局按要求:
            # a manner, read as one below)
            _set_deadline(text, clause, piece.start + cut, piece.evidence_end)
            piece = replace(piece, end=piece.start + cut)
            surface = piece.simp(text)
            problem = unit_problem(surface, collective=kind == "collective")
        if problem in ("no_head", "clause_words") and not piece.suffix and (cut := _name_before_task(surface)):
            # 市财政局做好资金: the name, then what it is to do
            if unit_after_task(surface, cut):   # 市商务局配合市发改委: helping whom?
                clause.review.append(lexicon().data["review_unit_after_a_task"].format(text=printed))
            piece = Piece(piece.start, piece.start + cut, role_hint=piece.role_hint)
            surface = piece.simp(text)
            if is_collective(surface):   # the kind of what is left, not of the whole stretch
                kind = "collective"
            problem = unit_problem(surface, collective=kind == "collective")
            if problem is None and _LETTERS.search(printed, len(surface)):   # 负(fù)责(zé): not a task phrase
                clause.review.append(lexicon().data["review_name_before_text"].format(
                    text=printed, name=text.raw[piece.start:piece.end]))
        if (problem is None and kind == "collective" and not piece.suffix
                and not ends_like_a_body(without_copy_spaces(surface))):   # 各区政 府: a copy's space
            # 各县区属地(负责), 各县区要(加强…): the collective's name, then words no rule knows
            if cut := body_before_words(surface):
                clause.review.append(lexicon().data["review_name_before_text"].format(
                    text=printed, name=text.raw[piece.start:piece.start + cut]))
                piece = replace(piece, end=piece.start + cut)
                surface = piece.simp(text)
            else:
                problem = "no_head"
        if (problem == "no_head" and len(surface) <= _SHORT_NAME
                and surface.startswith(knowledge.units().unit_starts)):
            # a short name without an organisation ending (中国信保, 国家电网) in a
            # clause: most likely a unit, so kept, but a person should look
            problem = None
            clause.review.append(lexicon().data["review_unit_without_ending"].format(
                text=text.raw[piece.start:piece.evidence_end]))
        if problem is None:
            added.append(Mention(piece, kind, piece.role_hint or role))
            if kind == "collective" and not piece.collective and collective_by_kind_alone(surface):
                clause.review.append(lexicon().data["review_kind_of_body"].format(
                    text=text.raw[piece.start:piece.evidence_end]))
            if kind == "unit" and looks_concatenated(surface):
                clause.review.append(lexicon().data["review_units_run_together"].format(
                    text=text.raw[piece.start:piece.evidence_end]))
        elif problem == "deadline":
            _set_deadline(text, clause, piece.start, piece.evidence_end)
        elif problem == "person":
            _add_person(text, clause, piece)
        else:
            reason = lexicon().data["unit_problems"].get(problem, problem)
            clause.review.append(lexicon().data["review_not_a_unit"].format(
                text=text.raw[piece.start:piece.evidence_end], reason=reason))
    clause.mentions.extend(added)
    return added


def _add_person(text: Text, clause: Clause, piece: Piece) -> None:
    """A person named in a clause without a label (县长助理赵某牵头); a post printed bare
    just before, with only 、 between, is the same person's (县委常委、常务副县长吴某),
    as in a leader field (`_people`)."""
    posts = lexicon().words("posts")
    last = clause.leaders[-1] if clause.leaders else None
    if (last is not None and not last.title and last.name.endswith(posts)
            and text.simp[last.span.end:piece.start].strip() == "\u3001"
            and not piece.simp(text).endswith(posts)):
        start = last.span.start
        clause.leaders[-1] = LeaderMention(text.raw[start:piece.end], "", Span(start, piece.end))
    else:
        clause.leaders.append(LeaderMention(text.raw[piece.start:piece.end], "",
                                            Span(piece.start, piece.end)))


def _each_reaches(text: Text, clause: Clause, piece: Piece) -> bool:
    """The list before a comma ended in a 各 collective, and `piece` names no body
    of its own: 各 distributes over it as over a 、 list (units._distribute_each)."""
    if not clause.mentions or piece.role_hint or not is_nameless(piece.simp(text)):
        return False
    prev = clause.mentions[-1]
    between = text.simp[prev.piece.evidence_end:piece.start]
    return (prev.kind == "collective" and not between.strip(lexicon().list_separators + " \t\n")
            and (prev.piece.collective or prev.piece.simp(text).startswith(knowledge.units().each_word)))


def _person_after_unit(text: Text, clause: Clause, piece: Piece, open_at: int, inferred: bool) -> Piece:
    """县住建局(副局长王五): the person in the brackets is a leader, the unit the name before."""
    p, q = piece.start + open_at + 1, piece.end - 1
    number = lexicon().named("contact_number_pattern").search(text.simp, p, q)
    q = number.start() if number else q   # (孙七,13800000000): the name, not the number
    clause.leaders.append(LeaderMention(text.raw[p:q], "", Span(p, q)))
    if inferred:
        clause.review.append(lexicon().data["review_person_in_brackets"].format(
            text=text.raw[piece.start:piece.end], person=text.raw[p:q]))
    return Piece(piece.start, piece.start + open_at, role_hint=piece.role_hint)


_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]")   # Latin letters, tone-marked pinyin too


def _name_before_task(surface: str) -> int:
    """Length of the unit (or collective) name that starts `surface` when a task
    phrase or a manner follows it (市财政局|做好资金, 区市场监管局|按照…原则), else 0.
    A collective word is whole (社会组织: no name 社会 before a task 组织)."""
    if surface in knowledge.units().collective_words:
        return 0
    for m in _task_start_re().finditer(surface, 2):
        if org_suffix(surface[:m.start()]) or is_collective(surface[:m.start()]):   # 各县区|按照属地原则
            return m.start()
    return 0


def _name_before_deadline(surface: str) -> int:
    """Length of the name that starts `surface` when a deadline fills the rest of it
    (市发改委|2023年底前完成), else 0."""
    for i in range(2, len(surface) - 1):
        if not (org_suffix(surface[:i]) or is_collective(surface[:i])):
            continue
        m = lexicon().deadline_re.match(surface[i:])   # anchored at its start: a slice, not pos
        if m and m.end() == len(surface) - i:
            return i
    return 0


def _acts_after_its_name(surface: str) -> bool:
    """A collective followed by what it is to do (各县区配合做好相关工作), not one whose
    own words hold a task verb (各县区实施单位: it ends as a body does)."""
    cut = _name_before_task(surface)
    rest = surface[cut:]
    return bool(cut) and not (org_suffix(rest) or is_collective(rest)
                              or rest.endswith(tuple(knowledge.units().bare_nouns)))


@lru_cache(maxsize=1)
def _task_start_re() -> re.Pattern:
    return lexicon().pattern("(?:{task_adverbs}|{task_verbs}|{manner_words})")


def _is_bare_list(text: Text, tok: Token, added: list[Mention], clause: Clause) -> bool:
    """A bracketed list with no label or marker is a clause only when all of it is
    units or people (a unit's role note, 市财政局(按职责分工), counts as its own), and not
    when it is only levels: 县(市、区), 重点企业(园区) say what a word covers."""
    if all(only_levels(m.piece.simp(text)) for m in added):
        return False
    s = lexicon().role_note_any_re.sub("", text.simp[tok.start:tok.end])
    k = knowledge.units()
    s = next((s[:-len(k.etc_word + t)] for t in sorted(k.etc_tails, key=len, reverse=True)
              if s.endswith(k.etc_word + t)), s)   # 市发改委等部门: 等部门 says more exist
    covered = sum(m.piece.evidence_end - m.piece.start for m in added)
    covered += sum(p.span.end - p.span.start for p in clause.leaders   # (副区长赵六、区住建局): a person
                   if tok.start <= p.span.start and p.span.end <= tok.end)
    span = clause.deadline_span   # (市发改委2023年底前完成): a unit and its deadline
    if span is not None and tok.start <= span.start and span.end <= tok.end:
        covered += span.end - span.start
    return not clause.review and covered >= 0.6 * len(s.replace("、", ""))


def _apply_to_all(text: Text, tok: Token, clause: Clause) -> None:
    """以下…均需各县区人民政府、园区管委会落实,不再单独列出: collectives of every later item."""
    clause.parsed = True
    units = _note_units(text, tok)
    if units is None:
        clause.applies_own_collectives = True
    else:
        clause.apply_to_all += units


def notes_for_all(text: Text, a: int, b: int) -> list[UnitMention]:
    """The units of every note in [a, b), text outside any clause (the preamble:
    以下各项任务均需各乡镇人民政府落实,不再单独列出), that applies them to every later item."""
    return [u for t in _notes(text.simp, a, b) if t.kind == "apply_all" for u in _note_units(text, t) or ()]


def _note_units(text: Text, tok: Token) -> list[UnitMention] | None:
    """The units an apply-to-all note names, before its 均需 or after it; None
    when it names none (市发改委,各县区政府,以下不再单独列出: the clause's own
    collectives are meant)."""
    lx = lexicon()
    m = (lx.apply_to_all_units_first_re.search(text.simp, tok.start, tok.end)
         or lx.apply_to_all_note_re.search(text.simp, tok.start, tok.end))
    if m is None:
        return None
    return [UnitMention(piece.surface(text), Role.COLLECTIVE, Span(piece.start, piece.evidence_end))
            for piece, _ in split_units(text, m.start("units"), m.end("units"))
            if unit_problem(piece.simp(text)) is None]


def _unknown_labels(s: str, a: int, b: int, clause: Clause) -> None:
    if ":" not in s[a:b]:
        return
    lx = lexicon()
    known = {m.start() for m in _labels(s, a, b)}
    for m in lx.unknown_label_re.finditer(s, a, b):
        if not any(k <= m.start() + len(m["label"]) and m.start() <= k for k in known) \
                and not lx.label_re.match(s, m.start()):
            clause.review.append(lexicon().data["review_unknown_label"].format(label=m["label"]))


# --- roles: a pure function of the parse -------------------------------------------------

def resolve_roles(text: Text, mentions: list[Mention], first_is_lead: bool,
                  responsible_leads: bool = False) -> list[UnitMention]:
    """Final roles. Collectives stay collectives; labelled or marked leads lead;
    with a lead, every other named unit supports; without one, under a declared
    first-is-lead convention the first unit leads and the rest support, under a
    responsible-units-lead convention all lead, else all are responsible (helpers
    named without a lead, too). A unit named twice keeps its strongest role."""
    has_lead = any(m.raw_role == Role.LEAD and m.kind == "unit" for m in mentions)
    promote = first_is_lead and not has_lead
    all_lead = _all_lead(mentions, first_is_lead, responsible_leads)
    out: list[UnitMention] = []
    seen: dict[str, UnitMention] = {}
    for m in mentions:
        if m.kind == "collective":
            role = Role.COLLECTIVE
        elif m.raw_role == Role.LEAD:
            role = Role.LEAD
        elif has_lead:
            role = Role.SUPPORT
        elif promote:
            role, promote = Role.LEAD, False
        elif first_is_lead:
            role = Role.SUPPORT
        elif all_lead and m.raw_role != Role.SUPPORT:   # labelled helpers stay helpers
            role = Role.LEAD
        else:
            role = Role.RESPONSIBLE
        unit = UnitMention(surface=m.piece.surface(text), role=role,
                           span=Span(m.piece.start, m.piece.evidence_end))
        key = fold(unit.surface)
        if key in seen:
            if _ROLE_ORDER[seen[key].role] <= _ROLE_ORDER[role]:
                continue
            out.remove(seen[key])   # named again with a stronger role
        seen[key] = unit
        out.append(unit)
    number_ranks(out)
    return out


def _all_lead(mentions: list[Mention], first_is_lead: bool, responsible_leads: bool) -> bool:
    """The responsible-units-lead convention applies: declared, the first-is-lead
    one not, and no lead named at all (not even a collective one)."""
    return responsible_leads and not first_is_lead and not any(m.raw_role == Role.LEAD for m in mentions)


# --- finding clauses ------------------------------------------------------------------

def trailing_bracket(s: str, a: int, b: int, tail: str = _TAIL_PUNCT) -> tuple[int, int] | None:
    """(open, close+1) of the bracket group that ends [a, b) (after `tail` characters), or None."""
    _, end = strip_span(s, a, b, tail)
    if end <= a or s[end - 1] not in lexicon().opener_of:
        return None
    start = matching_open(s, end - 1, a)
    return (start, end) if start >= 0 else None


def find_trailing_clause(text: Text, a: int, b: int) -> tuple[int, int, Clause] | None:
    """A bracketed clause ending the stretch [a, b): (open, close+1, parse)."""
    s = text.simp
    found = trailing_bracket(s, a, b)
    if found is None:
        return None
    start, end = found
    regions = [Span(start + 1, end - 1)]
    # (市发改委、市财政局)(2023年底前), (牵头单位:X)(配合单位:Y): a clause printed in
    # brackets one after another is one clause
    before = find_trailing_clause(text, a, start)
    if before is not None and not s[before[1]:start].strip():
        if _note_bracket(text, start + 1, end - 1):   # (…牵头)(新增): a note on the item, not a unit
            return before[0], end, before[2]
        start, regions = before[0], [*before[2].regions, *regions]
    clause = parse_clause(text, regions)
    if not clause.parsed or not (clause.has_roles or clause.leaders or clause.chief or clause.coordinator):
        return None
    return start, end, clause


def is_note_line(text: Text, a: int, b: int) -> bool:
    """[a, b) is only notes on the clause above it (a convention, 下同, a note that
    applies units to every later item), in brackets or not: the clause lines
    under an item go on past it ((第一责任单位为牵头单位,下同) on its own line).
    Text beside a note would be a token of another kind."""
    tokens = tokenize(text, *strip_span(text.simp, a, b, _TAIL_PUNCT))
    return bool(tokens) and all(t.kind in ("convention", "carry", "apply_all") for t in tokens)


def _note_bracket(text: Text, a: int, b: int) -> bool:
    """[a, b) holds only words that name no unit (新增, 省定任务, 延续): no label,
    marker or deadline, and no piece with a unit's or a collective's ending."""
    tokens = tokenize(text, a, b)
    if not tokens or any(t.kind != "units" for t in tokens):
        return False
    pieces = [p.simp(text) for t in tokens for p, _ in split_units(text, t.start, t.end)]
    return bool(pieces) and all(unit_problem(p) == "no_head" for p in pieces)


def find_unclosed_clause(text: Text, a: int, b: int) -> tuple[int, int, Clause] | None:
    """The last bracket of [a, b), opened after its first sentence end (if it has
    one) and never closed before b, when all it holds to b is a clause
    ((市发改委牵头,市财政局配合 at the end of an item whose closing bracket a web
    copy lost): (open, b, parse), flagged."""
    s = text.simp
    a, b = strip_span(s, a, b, _TAIL_PUNCT)
    opener = max((s.rfind(o, a, b) for o in lexicon().closer_of), default=-1)   # keys: openers
    if opener <= s.find("。", a, b) or _matching_close(s, opener, b) >= 0:
        return None
    clause = parse_clause(text, [Span(opener + 1, b)])
    if not clause.parsed or not clause.has_roles or clause.review:
        return None
    clause.review.append(lexicon().data["review_unclosed_bracket"])
    return opener, b, clause


def find_sentence_clause(text: Text, a: int, b: int, own_line: bool = False
                         ) -> tuple[int, int, Clause] | None:
    """The last sentence of [a, b) when all of it is a clause written without
    brackets (由区税务局牵头,区财政局、区发改局配合。): (start, end, parse).

    Stricter than a bracketed clause, because a body sentence names units too:
    every unit stretch must be valid and followed by a role marker, the rest
    may only be a deadline, and nothing may be left for review. A last sentence
    that is only a deadline (…配合。2023年6月底前完成。) belongs to the clause
    sentence before it. The first
    sentence of an item (its title) never counts, and the record says its
    clause was read from a sentence; a paragraph below the title that is one
    such sentence (`own_line`) is the clause line of its item and needs no
    review.
    """
    s = text.simp
    a, b = strip_span(s, a, b, _TAIL_PUNCT)
    start = s.rfind("。", a, b) + 1
    regions: list[Span] = []
    # 市发改委牵头,市财政局配合。2023年6月底前完成。: a sentence that is only a
    # deadline closes the clause sentence before it; both are the clause
    if start > a and _only_deadline(text, *strip_span(s, start, b)):
        regions.append(Span(*strip_span(s, start, b)))
        b = start - 1
        start = s.rfind("。", a, b) + 1
    whole = start <= a
    start, end = strip_span(s, max(start, a), b)
    if not _reads_as_clause_sentence(text, start, end):
        # 开展专项整治,区住建局牵头,区水务局配合。: the clause follows the body's
        # words after a comma, in the same sentence
        start = _clause_after_comma(text, a, start, end)
        if start is None:
            return None
        whole = False
    elif whole and not own_line:
        return None
    regions.insert(0, Span(start, end))
    clause = parse_clause(text, regions)
    if not clause.parsed or clause.review or not clause.mentions or clause.leaders:
        return None
    if not whole:
        clause.review.append(lexicon().data["review_sentence_clause"])
    return start, regions[-1].end, clause


def _reads_as_clause_sentence(text: Text, a: int, b: int) -> bool:
    """[a, b) is unit stretches each followed by a role marker, and deadlines:
    区住建局牵头,区水务局配合,2025年底前完成. What the units are to do may follow
    a marker only in a sentence that assigns the work (由财政部会同农业部研究提出落实意见)."""
    kinds = [t.kind for t in tokenize(text, a, b)]
    if "object" in kinds and not lexicon().named("assignment_pattern").match(text.simp, a, b):
        return False
    return ("marker" in kinds and all(k in ("units", "marker", "object", "deadline") for k in kinds)
            and all(kinds[i + 1:i + 2] == ["marker"] for i, k in enumerate(kinds) if k == "units"))


def _clause_after_comma(text: Text, a: int, start: int, end: int) -> int | None:
    """Start of the longest run of comma-separated parts closing the sentence
    [start, end) that reads as a clause sentence, after some words of the body;
    None when a part before it in the item [a, end) reads as a clause too
    (一是…,由市发改委负责;二是…,由市审批局负责: a clause for each sentence)."""
    s = text.simp
    if not lexicon().marker_before_object_re.search(s, start, end):   # no role marker: no clause closes it
        return None
    cuts = [i for i in range(a, end) if s[i] in ",;。" and not _inside_brackets(s, a, i)]
    for n, i in enumerate(cuts):
        tail = strip_span(s, i + 1, end)
        if i < start or not tail[0] < tail[1] or not _reads_as_clause_sentence(text, *tail):
            continue
        parts = zip([a - 1, *cuts[:n]], cuts[:n + 1])
        if any(_reads_as_clause_sentence(text, *strip_span(s, x + 1, y)) for x, y in parts):
            return None
        return tail[0]
    return None


def _only_deadline(text: Text, a: int, b: int) -> bool:
    """[a, b) is a deadline and nothing else (2023年6月底前完成, 持续推进)."""
    return a < b and [t.kind for t in tokenize(text, a, b)] == ["deadline"]


def inner_clauses(text: Text, a: int, b: int) -> list[tuple[int, int]]:
    """Bracketed clauses inside [a, b) that close a sentence (before or after
    its 。) or a phrase (…达到90%(市大数据局负责),推进…) with more text after
    them: an item carrying several clauses, each for its own sentence."""
    s = text.simp
    out = []
    for m in _closers_re().finditer(s, a, b):
        i = m.start()
        if not s[i + 1:b].strip(" 。;"):
            continue
        start = matching_open(s, i, a)
        if start < 0:
            continue
        # after 。 or ; (a line break between, as a copy that starts each sentence on a line prints it)
        closes_sentence = s[i + 1:i + 2] in "。;" or s[a:start].rstrip()[-1:] in ("。", ";")
        if not (closes_sentence or s[i + 1:i + 2] == ","):
            continue
        clause = parse_clause(text, [Span(start + 1, i)])
        if not (clause.parsed and clause.mentions):
            continue
        marked = any(m.raw_role for m in clause.mentions)
        # before a comma, a bare name is another's (联络站(海外人才工作站),); with no role
        # word, only places or levels say where, not who ((含自贸试验区)。, (市、县两级)。)
        if marked or (closes_sentence and any(org_suffix(name_core(m.piece.simp(text))) for m in clause.mentions)):
            out.append((start, i + 1))
    return out


def bracketed_clauses(text: Text, a: int, b: int) -> list[tuple[int, int, Clause]]:
    """Every outermost bracket group in [a, b) that parses as a clause naming
    units or a deadline: (open, close+1, parse), in order."""
    s = text.simp
    groups: list[tuple[int, int]] = []
    for m in _closers_re().finditer(s, a, b):
        start = matching_open(s, m.start(), a)
        if start < 0:
            continue
        while groups and groups[-1][0] > start:   # an inner group of this one
            groups.pop()
        groups.append((start, m.end()))
    out = []
    for start, end in groups:
        clause = parse_clause(text, [Span(start + 1, end - 1)])
        if clause.parsed and clause.has_roles:
            out.append((start, end, clause))
    return out


@lru_cache(maxsize=1)
def _closers_re() -> re.Pattern:
    return re.compile("[" + re.escape("".join(lexicon().opener_of)) + "]")


def find_label_clause(text: Text, a: int, b: int) -> int | None:
    """Start of an unbracketed labelled clause (责任单位:…) running to `b`."""
    s = text.simp
    for m in _labels(s, a, b):
        if lexicon().label_role(m["label"]) in (*UNIT_ROLES, "deadline", "leader", "free"):
            i = m.start()
            if i > a and s[i - 1] in "【[" and m.group().rstrip()[-1:] in "】]":
                return i - 1            # 【牵头单位】…: from the bracket
            if not _inside_brackets(s, a, i):   # (责任单位:X) in mid-body is a bracketed clause
                return _unknown_fields_before(s, a, i)
    return None


def _unknown_fields_before(s: str, a: int, i: int) -> int:
    """Where the clause starts when fields with labels the lexicon does not know
    come before its first known label in the same sentence (包保单位:县住建局;完成时限:…):
    they are part of it, so that its record says what it could not read."""
    sentence = _after_last(s, a, i, "。")
    for m in lexicon().unknown_label_re.finditer(s, sentence, i):
        if _field_may_start(s, sentence, m.start()):
            return m.start()
    return i


def clause_line_start(text: Text, a: int, b: int) -> int | None:
    """Where the clause starts in a paragraph that is only a clause (牵头单位:…,
    (责任单位:…), ★牵头单位:… after a bullet mark), or None."""
    s = text.simp
    lx = lexicon()
    a = next((a + len(m) for m in lx.data["bullet_marks"] if s.startswith(m, a)), a)
    if lx.label_re.match(s, a + 1 if s[a:a + 1] in "【[" else a, b):
        return a
    if _deadline_then_label(text, a, b):
        return a
    if s[a] in lx.closer_of:
        found = find_trailing_clause(text, a, b)
        return a if found is not None and found[0] == a else None
    return None


def _deadline_then_label(text: Text, a: int, b: int) -> bool:
    """A line that starts with a deadline and goes on with a label (5月底取得明显成效并
    持续推进,牵头考核单位:市审批服务局), as the same clause in brackets would."""
    s, lx = text.simp, lexicon()
    cut = min((i for c in lx.segment_separators if (i := s.find(c, a, b)) >= 0), default=-1)
    if cut < 0:
        return False
    after = strip_span(s, cut + 1, b)[0]
    after += s[after:after + 1] in "【["   # 【牵头单位】…
    # the label first: it rules out almost every paragraph, and a clause is tokenized
    return lx.label_re.match(s, after, b) is not None and _only_deadline(text, *strip_span(s, a, cut))


def printed_units(clause: str) -> list[str]:
    """Every unit name a clause prints, whatever its role, in printed order:
    the choices offered to a person correcting the roles (explorer 审核)."""
    text = Text.of(clause)
    names: list[str] = []
    for tok in tokenize(text, 0, len(text)):
        if tok.kind == "units":
            names.extend(piece.surface(text) for piece, _ in split_units(text, tok.start, tok.end))
    return list(dict.fromkeys(n for n in names if n and unit_problem(n, is_collective(n)) is None))
