"""Find and parse responsibility clauses.

A clause is where a document says who does a task:

    (市行政审批服务局牵头,市发改委、市住建局等部门及各县区按职责分工负责)
    (责任单位:市营商环境监督局、市行政审批局,各县区政府,完成时限:2022年12月底)
    〔牵头单位:市发改委;配合单位:市财政局〕
    牵头单位:市发改委            <- on its own line under the item
    (市财政局、市税务局)          <- a bare unit list

`find_trailing_clause` locates one at the end of a stretch of text;
`parse_clause` turns one or more regions of text into role-tagged unit
mentions, a deadline, leaders and the notes that carry it forward.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import knowledge
from .dates import looks_like_deadline
from .records import Span, UnitMention, number_ranks
from .text import Text, strip_span
from .units import looks_like_unit, split_units, _top_level_split

OPENERS = {")": "(", "〕": "〔", "]": "[", "】": "【", "〗": "〖", "}": "{"}
_TAIL_PUNCT = " \t\n。;.,:【["
_BOUNDARY_BEFORE_LABEL = " \t\n。;,(〔[【〖{"
_ROLE_ORDER = {"lead": 0, "support": 1, "responsible": 2, "collective": 3}


@dataclass
class Clause:
    regions: list[Span]
    units: list[UnitMention] = field(default_factory=list)
    deadline_text: str | None = None
    deadline_span: Span | None = None
    leaders: list[dict] = field(default_factory=list)
    chief: str | None = None
    chief_span: Span | None = None
    coordinator: str | None = None
    coordinator_span: Span | None = None
    carry_forward: bool = False       # 下同
    apply_to_all: bool = False        # 以下不再单独列出
    has_roles: bool = False           # names any unit or deadline

    @property
    def span(self) -> Span:
        return Span(self.regions[0].start, self.regions[-1].end)

    @property
    def is_section_annotation(self) -> bool:
        """(指标长:…,总牵头部门:…) on a heading: describes a section, not a task."""
        return (self.chief is not None or self.coordinator is not None) and not self.units


def matching_open(s: str, close_at: int, floor: int) -> int:
    """Index of the bracket that opens the one closing at `close_at`, or -1."""
    close = s[close_at]
    opener = OPENERS[close]
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


def is_clause_content(text: Text, a: int, b: int) -> bool:
    """Whether a bracketed group's content states responsibility."""
    s = text.simp[a:b]
    if not s.strip():
        return False
    if knowledge.clauses().keyword_re.search(s):
        return True
    # A bare unit list: every item is a unit or collective.
    parts = split_units(text, a, b)
    if not parts:
        return False
    covered = sum(p.evidence_end - p.start for p, _ in parts)
    return all(looks_like_unit(p.simp(text)) for p, _ in parts) and covered >= 0.6 * len(s.replace("、", ""))


def find_trailing_clause(text: Text, a: int, b: int) -> tuple[int, int] | None:
    """A bracketed clause ending the stretch [a, b): returns (open, close+1)."""
    s = text.simp
    _, end = strip_span(s, a, b, _TAIL_PUNCT)
    if end <= a or s[end - 1] not in OPENERS:
        return None
    start = matching_open(s, end - 1, a)
    if start < 0:
        return None
    if not is_clause_content(text, start + 1, end - 1):
        return None
    return start, end


def find_label_clause(text: Text, a: int, b: int) -> int | None:
    """Start of an unbracketed labelled clause (责任单位:…) running to `b`."""
    s = text.simp
    k = knowledge.clauses()
    for m in k.label_re.finditer(s, a, b):
        i = m.start()
        if i == a or s[i - 1] in _BOUNDARY_BEFORE_LABEL:
            if k.field_labels[m["label"]] in ("lead", "responsible", "support", "deadline", "leader"):
                return i - 1 if i > a and s[i - 1] in "【[" else i   # 【牵头单位】…: from the bracket
    return None


def is_clause_line(text: Text, a: int, b: int) -> bool:
    """A paragraph that is only a clause: 牵头单位:… or (责任单位:…)."""
    s = text.simp
    k = knowledge.clauses()
    m = k.label_re.match(s, a + 1 if s[a:a + 1] in "【[" else a, b)
    if m:
        return True
    if s[a] in "(〔[【〖":
        found = find_trailing_clause(text, a, b)
        return found is not None and found[0] == a
    return False


# --- parsing ---------------------------------------------------------------

def _marker_re() -> re.Pattern:
    k = knowledge.clauses()
    lead = knowledge.alternation(k.lead_endings)
    sup = knowledge.alternation(k.support_endings)
    # not inside brackets: 市发改委(牵头) is a role note on one unit (loaders/units.py)
    return re.compile(rf"(?<![(])(?:(?P<lead>{lead})|(?P<support>{sup}))(?=$|[,;。、\s)〕\]】])")


_MARKERS: re.Pattern | None = None


def _markers() -> re.Pattern:
    global _MARKERS
    if _MARKERS is None:
        _MARKERS = _marker_re()
    return _MARKERS


def _strip_notes(text: Text, a: int, b: int, clause: Clause) -> list[tuple[int, int]]:
    """Remove 下同 / 以下不再单独列出 / convention notes; return what remains."""
    k = knowledge.clauses()
    s = text.simp
    cut: list[tuple[int, int]] = []
    for words, flag in ((k.carry_forward, "carry_forward"), (k.apply_to_all, "apply_to_all"),
                        (k.first_is_lead, None)):
        for w in words:
            i = s.find(w, a, b)
            while i >= 0:
                before = s[a:i].rstrip(" ,;、")
                if flag == "carry_forward" and before.endswith(k.first_is_lead):
                    pass  # "第一责任单位为牵头单位,下同" repeats the convention, not the units
                elif flag:
                    setattr(clause, flag, True)
                cut.append((i, i + len(w)))
                i = s.find(w, i + len(w), b)
    if not cut:
        return [(a, b)]
    cut.sort()
    out, pos = [], a
    for c0, c1 in cut:
        if c0 > pos:
            out.append((pos, c0))
        pos = max(pos, c1)
    if pos < b:
        out.append((pos, b))
    return out


def _groups(text: Text, a: int, b: int, default_role: str | None, clause: Clause,
            groups: list[tuple[str | None, int, int]]) -> None:
    """Split a free-form stretch into (role, start, end) unit groups."""
    s = text.simp
    for x, y in _strip_notes(text, a, b, clause):
        for p, q in _top_level_split(s, x, y, ",;。"):
            p, q = strip_span(s, p, q)
            if p >= q:
                continue
            seg = s[p:q]
            if looks_like_deadline(seg):
                if clause.deadline_text is None:
                    clause.deadline_text = text.raw[p:q]
                    clause.deadline_span = Span(p, q)
                continue
            pos = p
            for m in _markers().finditer(s, p, q):
                if m.start() > pos:
                    groups.append(("lead" if m["lead"] else "support", pos, m.start()))
                pos = m.end()
            if pos < q:
                groups.append((default_role, pos, q))


def parse_clause(text: Text, regions: list[Span], *, first_is_lead: bool = False) -> Clause:
    """Parse the clause printed in `regions` (bracket contents or clause lines)."""
    k = knowledge.clauses()
    s = text.simp
    clause = Clause(regions=regions)
    groups: list[tuple[str | None, int, int]] = []
    for region in regions:
        a, b = region.start, region.end
        if s[a:a + 1] in "(〔[【〖{" and find_trailing_clause(text, a, b) == (a, b):
            a, b = a + 1, b - 1   # a clause line written in brackets
        labels = [m for m in k.label_re.finditer(s, a, b)
                  if m.start() == a or s[m.start() - 1] in _BOUNDARY_BEFORE_LABEL]
        first = labels[0].start() if labels else b
        if first > a:
            _groups(text, a, first, None, clause, groups)
        for i, m in enumerate(labels):
            role = k.field_labels[m["label"]]
            v0, v1 = m.end(), labels[i + 1].start() if i + 1 < len(labels) else b
            v0, v1 = strip_span(s, v0, v1, _TAIL_PUNCT + "、")
            if v0 >= v1:
                continue
            if role in ("lead", "responsible", "support"):
                _groups(text, v0, v1, role, clause, groups)
            elif role == "deadline":
                clause.deadline_text = text.raw[v0:v1]
                clause.deadline_span = Span(v0, v1)
            elif role == "leader":
                for p, q in _top_level_split(s, v0, v1, "、,;"):
                    p, q = strip_span(s, p, q, _TAIL_PUNCT)
                    if p < q:
                        clause.leaders.append({"name": text.raw[p:q], "title": m["label"],
                                               "span": [p, q]})
            elif role == "chief":
                clause.chief, clause.chief_span = text.raw[v0:v1], Span(v0, v1)
            elif role == "coordinator":
                clause.coordinator, clause.coordinator_span = text.raw[v0:v1], Span(v0, v1)
    _assign_roles(text, clause, groups, first_is_lead)
    clause.has_roles = bool(clause.units) or clause.deadline_text is not None
    return clause


def _assign_roles(text: Text, clause: Clause, groups, first_is_lead: bool) -> None:
    pieces = [("lead" if p.role_hint == "lead" else role, p, kind)
              for role, a, b in groups for p, kind in split_units(text, a, b)]
    has_lead = any(role == "lead" and kind == "unit" for role, _, kind in pieces)
    promoted = False
    seen: dict[str, int] = {}
    for role, piece, kind in pieces:
        if kind == "collective":
            final = "collective"
        elif role == "lead":
            final = "lead"
        elif has_lead:
            final = "support"
        elif first_is_lead and role == "responsible" and not promoted:
            final, promoted = "lead", True
        elif first_is_lead and role == "responsible":
            final = "support"
        else:
            final = "responsible"
        key = piece.simp(text)
        if key in seen and _ROLE_ORDER[seen[key]] <= _ROLE_ORDER[final]:
            continue
        if key in seen:  # named again with a stronger role: keep the stronger one
            clause.units = [u for u in clause.units if text.simp[u.span.start:u.span.end] != key]
        seen[key] = final
        clause.units.append(UnitMention(
            surface=piece.surface(text), role=final,
            span=Span(piece.start, piece.evidence_end), kind=kind))
    if first_is_lead and not has_lead and promoted:
        # under the convention the remaining units of the clause support the lead
        for u in clause.units:
            if u.role == "responsible":
                u.role = "support"
    number_ranks(clause.units)
