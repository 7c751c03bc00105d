"""From a document's text to measure and section records, in stages:

    outline      text -> paragraphs -> numbered items (loaders/outline.py)
    candidates   items -> Candidate per item or inline sub-item, with its clause
                 parse (loaders/clauses.py)
    conventions  candidates -> roles resolved under the document's declared
                 conventions; 下同 and apply-to-all notes carried forward
    choose       candidates -> which are measures, which are sections
    records      -> MeasureRecord / SectionRecord with spans, units, deadline,
                 review reasons
    entities     -> citations, targets, inline mentions (loaders/nlp.py)

Which items are measures (shared/spec/extraction-format.md): where any item
carries a responsibility clause, exactly the items that carry one (their own,
one carried forward by 下同, or the heading above them that names their
department); otherwise every lowest-level item outside
preamble/safeguard sections.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields

from . import knowledge
from .clauses import (Clause, bracketed_clauses, clause_line_start, find_label_clause,
                      find_sentence_clause, find_trailing_clause, find_unclosed_clause, inner_clauses, notes_for_all,
                      is_note_line, parse_clause, tokenize, trailing_bracket)
from .layout import repair_layout
from .lexicon import lexicon
from .dates import cn_number, deadline_parts, parse_deadline
from .identity import identify
from .metadata import national_by_units, place_by_units, province_of, read_metadata
from .nlp import analyse, regulation_spans
from .outline import Item, Paragraph, build_outline, inline_labels, paragraphs
from .records import (UNIT_ROLES, Citation, DocumentFacts, DocumentRecord, Extraction, InlineMention, LeaderMention,
                      MeasureRecord, Role, SectionRecord, Span, Target, UnitMention, number_ranks)
from .tables import column_of
from .text import Text, fold, strip_span
from .units import org_suffix, split_units, unit_problem

# marks that part a title from a label after it (推进甲——责任单位:X, 推进乙→责任单位:X)
_TITLE_TRIM = " \t\n,;:、—–-→·•>~/|…"


@dataclass
class Candidate:
    """A numbered item (or inline sub-item) that may be a measure."""

    item: Item
    path: str
    label: str
    start: int            # label start
    body_start: int       # after the label
    body_end: int         # end of the text before the clause (or of the item)
    end: int              # end of the measure, clause included
    clause: Clause | None = None
    annotation: Clause | None = None
    heading_like: bool = False
    one_sentence: bool = False  # its text is one short sentence (a title with a stop)
    lists_parts: bool = False   # its text ends with a colon: 具体包括: / 主要任务如下: (its sub-items follow)
    carried: bool = False
    extra_units: list[UnitMention] = field(default_factory=list)
    several_clauses: int = 0  # clauses ending sentences inside the item (each for its sentence)
    inside: Span | None = None  # the brackets of a clause printed inside the item, not at its end
    clause_below: bool = False  # its clause is a paragraph of its own below the item's text
    clauses_after: int = 0      # later paragraphs of the item that end with a clause of their own
    heading_leaders: list[LeaderMention] = field(default_factory=list)  # a heading's several leaders, no unit


def _clause_inside(text: Text, item: Item, paras: list[Paragraph]) -> tuple[Clause | None, Span | None, int]:
    """An item with no clause at its end may print one inside: first
    (1.【牵头单位:X】扩大消费。…), ending its title (1.推进项目建设(X牵头)。…), or
    in mid-body, where only a labelled or marked clause counts (a bare list of
    units there may be an example) and the record says where it was found.

    Returns (the first such clause, its brackets, how many more there are)."""
    s = text.simp
    title_end = s.find("。", item.body_start, item.para.end)
    title_end = item.para.end if title_end < 0 else title_end
    qualified = []
    for p in paras:
        for start, end, clause in bracketed_clauses(text, max(p.start, item.body_start), p.end):
            if not clause.mentions:
                continue
            leading = not s[item.body_start:start].strip()
            ends_title = start < title_end and not s[end:title_end].strip()
            if leading or ends_title:
                qualified.append((start, end, clause))
            elif any(m.raw_role for m in clause.mentions):
                clause.review.append(lexicon().data["review_clause_inside"])
                qualified.append((start, end, clause))
    if not qualified:
        return None, None, 0
    start, end, clause = qualified[0]
    return clause, Span(start, end), len(qualified) - 1


def _clause_for(text: Text, paras: list[Paragraph]):
    """Find the item's clause: ending its first paragraph, ending a later body
    paragraph of the item, or in clause lines (牵头单位:…) under it.

    Returns (the parsed clause or None, index of the last paragraph used, end of
    the body text before the clause).
    """
    regions: list[Span] = []
    body_end = paras[0].end
    end_para = 0
    parsed: Clause | None = None      # the parse of a single bracketed clause, reused
    labelled = False                  # the last paragraph read was a labelled clause line
    skipped: Paragraph | None = None  # a clause line below, apart from those read
    for idx, p in enumerate(paras):
        if idx > 0 and (start := clause_line_start(text, p.start, p.end)) is not None:
            regions.append(Span(start, p.end))
            end_para, labelled = idx, text.simp[start] not in lexicon().closer_of
            continue
        if regions and text.simp[regions[-1].start:regions[-1].end].rstrip().endswith(":"):
            # 责任单位: with its units on the next line
            regions.append(Span(p.start, p.end))
            end_para = idx
            continue
        if labelled and text.raw.count("\n", paras[idx - 1].end, p.start) == 1 and _one_unit_line(text, p):
            # 配合单位:市财政局 / 市税务局 / 市商务局: one unit per line, the label's list goes on
            # (not across a blank line: a signature 某市人民政府办公室 may follow the last item)
            regions[-1] = Span(regions[-1].start, p.end)
            end_para = idx
            continue
        if regions and is_note_line(text, p.start, p.end):
            # 责任单位:市发改委、市财政局 / (第一责任单位为牵头单位,下同) / 时限要求:…
            regions.append(Span(p.start, p.end))
            end_para = idx
            continue
        if (regions and _content_line(text, p) and idx + 1 < len(paras)
                and clause_line_start(text, paras[idx + 1].start, paras[idx + 1].end) is not None):
            continue   # 牵头单位:… / 工作内容:… / 配合单位:…: the item's own content between its field lines
        if regions:
            skipped = next((q for q in paras[idx + 1:]
                            if clause_line_start(text, q.start, q.end) is not None), None)
            break
        found = find_trailing_clause(text, p.start, p.end)
        if found and _labelled_before(text, p.start, found[0]):
            found = None   # 责任单位:X、Y(X牵头): the bracket ends the labelled clause, it is not all of it
        if found:
            regions.append(Span(found[0] + 1, found[1] - 1))
            body_end, end_para, parsed = found[0], idx, found[2]
            continue
        label_at = find_label_clause(text, p.start, p.end)
        if label_at is not None and label_at > p.start:
            regions.append(Span(label_at, _fields_end(text, label_at, p.end)))
            body_end, end_para = label_at, idx
            continue
        # a body paragraph without a clause: the clause may still follow below
    if not regions:
        return None, 0, paras[0].end
    clause = parsed if parsed is not None and len(regions) == 1 else parse_clause(text, regions)
    if skipped is not None:   # 责任单位:… / a line of other text / 时限要求:…: the last line not read
        clause.review.append(lexicon().data["review_clause_line_apart"].format(
            text=text.raw[skipped.start:skipped.end].strip()))
    return clause, end_para, body_end


def _fields_end(text: Text, a: int, b: int) -> int:
    """Where the labelled fields from `a` end in a paragraph: at the end of the sentence
    after which the paragraph goes on with text that is no field (责任单位:市商务局。推进
    国际贸易“单一窗口”建设。: the body goes on after the clause), else at `b`."""
    s = text.simp
    k = s.find("\u3002", a, b)
    while k >= 0:
        rest = strip_span(s, k + 1, b)[0]
        if rest >= b:
            return b
        if clause_line_start(text, rest, b) is None and not is_note_line(text, rest, b):
            return k
        k = s.find("\u3002", k + 1, b)
    return b


def _content_line(text: Text, p: Paragraph) -> bool:
    """A paragraph that opens with a field label naming the item's task or content
    (工作内容:, 具体措施:, 目标任务:, as a task table's columns are headed)."""
    m = _FIELD_OPENING.match(text.simp, p.start, p.end)
    return m is not None and column_of(m[1]) in ("task", "content")


_FIELD_OPENING = re.compile(r"\s*([\u4e00-\u9fff]{2,8})\s*:")


def _labelled_before(text: Text, a: int, bracket: int) -> bool:
    """A labelled clause (责任单位:…, 牵头单位:…) in the sentence that the bracket at
    `bracket` ends, the bracket printed straight after its last name."""
    label_at = find_label_clause(text, a, bracket)
    return (label_at is not None and label_at > a and "。" not in text.simp[label_at:bracket]
            and re.match(r"[\u4e00-\u9fff]", text.simp[bracket - 1]) is not None)


def _one_unit_line(text: Text, p: Paragraph) -> bool:
    """A paragraph that is one unit's name (or a collective), nothing more, and
    not a signature (a name on the line before a date)."""
    after = text.simp[p.end:p.end + 20].strip().split("\n")[0]
    if lexicon().named("date_full_pattern").match(after.strip()):   # 2024年3月1日(印发)
        return False
    return _sole_name(text, p.start, p.end) is not None


def _sole_name(text: Text, a: int, b: int) -> tuple[str, str] | None:
    """(name, kind) when [a, b) prints one valid unit or collective and nothing else."""
    pieces = split_units(text, a, b)
    if len(pieces) != 1:
        return None
    piece, kind = pieces[0]
    name = piece.simp(text)
    return (name, kind) if unit_problem(name, kind == "collective") is None else None


def _item_candidate(text: Text, item: Item, paras: list[Paragraph]) -> Candidate:
    """The item with its clause, looked for in this order: at the end of a
    paragraph or in clause lines (_clause_for), inside the item (_clause_inside),
    or as its last sentence (find_sentence_clause)."""
    clause, end_para, body_end = _clause_for(text, paras)
    inside, more = None, 0
    if clause is None:
        clause, inside, more = _clause_inside(text, item, paras)
        if clause is not None:
            end_para, body_end = len(paras) - 1, paras[-1].end
    if clause is None:
        found = (find_sentence_clause(text, paras[-1].start, paras[-1].end, own_line=len(paras) > 1)
                 or find_unclosed_clause(text, paras[-1].start, paras[-1].end))
        if found is not None:
            clause, end_para, body_end = found[2], len(paras) - 1, found[0]
    end = item.para.end
    if inside is not None:
        end = paras[-1].end
    elif clause is not None:
        end = max(clause.span.end, paras[end_para].end if end_para else clause.span.end)
        if text.simp[end:end + 1] in ")〕]】〗":
            end += 1
        if text.simp[end:end + 1] == "\u3002" and text.simp[end + 1:paras[end_para].end].strip():
            end = paras[end_para].end   # 责任单位:X。推进…: the body goes on after the clause (_fields_end)
    cand = Candidate(item, item.path, item.label, item.para.start, item.body_start, body_end, end,
                     inside=inside)
    if clause is not None and (clause.is_section_annotation or _read_as_heading_annotation(text, item, clause)):
        cand.annotation = clause
    elif clause is not None and clause.has_roles:
        cand.clause = clause
        # up to the clause, over the item's body paragraphs when the clause is on a line below them
        cand.several_clauses = more if inside else len(inner_clauses(text, item.body_start,
                                                                     max(body_end, clause.span.start)))
        cand.clause_below = inside is None and end_para > 0 and clause.span.start >= paras[1].start
        if inside is None:
            cand.clauses_after = _clauses_after(text, paras[end_para + 1:])
            if cand.clauses_after:
                clause.review.append(lexicon().data["review_clauses_below_the_clause"].format(
                    count=cand.clauses_after))
    elif clause is not None and clause.leaders and item.children:
        cand.heading_leaders = clause.leaders   # 扩大开放(牵头市领导:张三、李四): a section holds one
    body = text.simp[item.body_start:body_end]
    cand.heading_like = "。" not in body and len(body.strip()) <= 60
    cand.one_sentence = body.strip().endswith("。") and body.count("。") == 1 and len(body.strip()) <= 60
    cand.lists_parts = body.rstrip().endswith(":")
    return cand


def _read_as_heading_annotation(text: Text, item: Item, clause: Clause) -> bool:
    """A heading's clause that describes its section, not a task of its own:
    一、开办企业(指标长:张三;牵头单位:市市场监管局) above items of its own names
    the indicator's chief and the one unit that coordinates it (as 总牵头部门
    does); on a heading that names an indicator, one leader of any label is its
    chief (纳税(牵头市领导:王五;指标牵头单位:市税务局)), as 指标长 says; a heading
    with one leader and no unit (扩大开放(牵头市领导:张三)) names who is
    accountable for the section. The clause is turned into that annotation
    (it then names no units) and True returned."""
    if not item.children or clause.coordinator is not None:
        return False
    if not clause.mentions and clause.chief is None and len(clause.leaders) == 1 and not clause.deadline_text:
        clause.leader_as_chief()
        return True
    if len(clause.mentions) != 1 or clause.mentions[0].kind != "unit" or clause.mentions[0].raw_role != Role.LEAD:
        return False
    if clause.chief is None:
        heading = fold(text.simp[item.body_start:clause.span.start])
        if len(clause.leaders) != 1 or _indicator_of(heading) is None:
            return False
        clause.leader_as_chief()
    piece = clause.mentions[0].piece
    clause.coordinator, clause.coordinator_span = piece.surface(text), Span(piece.start, piece.evidence_end)
    clause.mentions = []
    return True


def _clauses_after(text: Text, paras: list[Paragraph]) -> int:
    """Paragraphs that end with a clause naming units (`A.推行…(牵头单位:X)` below the
    item's own clause: items whose numbering was not read, or none)."""
    return sum(1 for p in paras if (found := find_trailing_clause(text, p.start, p.end)) is not None
               and found[2].has_roles and not found[2].is_section_annotation)


def _clauses_after_warnings(chosen: list[Candidate]) -> list[str]:
    return [f"item {c.path}: {c.clauses_after} paragraph(s) below its clause end with clauses of "
            f"their own and are not numbered as items (or their numbering was not read); not recorded"
            for c in chosen if c.clauses_after]


def _candidates(text: Text, items: list[Item]) -> list[Candidate]:
    out: list[Candidate] = []
    for item in items:
        paras = [item.para] + item.extra
        # Inline sub-items (1)(2)… that each end with their own clause are measures.
        subs = inline_labels(text, item.body_start, item.para.end)
        if subs:
            seg_cands = []
            for i, (a, b, label) in enumerate(subs):
                seg_end = subs[i + 1][0] if i + 1 < len(subs) else item.para.end
                found = find_trailing_clause(text, b, seg_end)
                cand = Candidate(item, f"{item.path}/{label}", label, a, b, seg_end, seg_end)
                if found:
                    cand.clause = found[2]
                    cand.body_end, cand.end = found[0], found[1]
                seg_cands.append(cand)
            if sum(1 for c in seg_cands if c.clause and not c.clause.is_section_annotation) >= 2:
                head = Candidate(item, item.path, item.label, item.para.start, item.body_start,
                                 subs[0][0], subs[0][0], heading_like=True)
                out.append(head)
                out.extend(seg_cands)
                continue
        bullets = _bullet_candidates(text, item)
        if bullets:
            out.extend(bullets)
            continue
        out.append(_item_candidate(text, item, paras))
    _lift_clauses_below_sub_items(out)
    _units_named_by_headings(text, out)
    _clauses_given_by_reference(text, out)
    return out


def _clauses_given_by_reference(text: Text, cands: list[Candidate]) -> None:
    """以上两项由市发改委牵头,市财政局配合: a paragraph below items that carry no
    clause gives them its own. A count says how many of the items right above it
    (the one it is printed under included); numbers (第1—3项由…) which items above
    it; without either (以上措施由…), or when the items it names are not all there,
    it is every one back to the last item of the section that carries a clause,
    and their records say the reach was inferred."""
    lx = lexicon()
    leaves = [c for c in cands if c.path == c.item.path and not c.item.children]
    for i, c in enumerate(leaves):
        if c.clause is not None or c.annotation is not None:
            continue
        for p in c.item.extra:
            m = lx.named("item_reference_pattern").match(text.simp, p.start, p.end)
            if m is None:
                continue
            clause = parse_clause(text, [Span(*strip_span(text.simp, m.start("clause"), m.end("clause")))])
            if not (clause.parsed and clause.mentions) or clause.review:
                continue   # (a deadline alone, 以上各项于年底前完成, names no one)
            meant = _items_meant(m, leaves[:i + 1])
            if meant is None:
                meant = _items_right_above(leaves[:i + 1])
                clause.review.append(lx.data["review_reference_inferred"].format(
                    words=text.raw[p.start:p.end].strip()))
            for x in meant:
                x.clause = clause
            break


def _items_right_above(leaves: list[Candidate]) -> list[Candidate]:
    """The last of `leaves` and the siblings before it, back to one that carries a clause."""
    above = []
    for x in reversed(leaves):
        if x.clause is not None or x.annotation is not None or x.item.parent is not leaves[-1].item.parent:
            break
        above.append(x)
    return above[::-1]


def _items_meant(m: re.Match, leaves: list[Candidate]) -> list[Candidate] | None:
    """The items a reference names by count or numbers, when all of them are
    there without a clause of their own; else None."""
    if m["count"]:
        count, above = cn_number(m["count"]), _items_right_above(leaves)
        return above[len(above) - count:] if count and count <= len(above) else None
    if m["first"] or m["items"]:
        numbers = ({str(n) for n in range(int(m["first"]), int(m["last"]) + 1)} if m["first"]
                   else set(re.findall(r"\d+", m["items"])))
        meant = [x for x in leaves if x.label in numbers and x.clause is None and x.annotation is None]
        return meant if numbers and len(meant) == len(numbers) else None   # (第5—3项: none)
    return None


def _heading_unit(text: Text, head: Candidate) -> Clause | None:
    """The parse of a heading that is one unit's name and nothing else, or one
    unit and its role (市发改委牵头的任务, 市财政局负责的工作, 市商务局(5项))."""
    if head.path != head.item.path or not head.item.children or head.clause or head.annotation:
        return None
    a, b = strip_span(text.simp, head.body_start, head.item.para.end, _TITLE_TRIM + "。")
    tail = lexicon().named("department_heading_tail").search(text.simp, a, b)
    if tail is not None and tail.start() > a:
        a, b = strip_span(text.simp, a, tail.start())
    tokens = tokenize(text, a, b)
    name_end = tokens[0].end if [t.kind for t in tokens] == ["units", "marker"] else b
    found = _sole_name(text, a, name_end)
    if found is None or found[1] != "unit" or not org_suffix(found[0]):
        return None
    clause = parse_clause(text, [Span(a, b)])
    return clause if clause.parsed and clause.has_roles and not clause.review else None


def _units_named_by_headings(text: Text, cands: list[Candidate]) -> None:
    """一、市发展和改革委员会 / 1.… 2.… / 二、市市场监督管理局 / 3.…: tasks listed by
    department. Where two or more sibling headings are each one unit's name and
    nothing else, that unit is responsible for every item below its heading that
    names no one (the heading is the clause the records quote; a name without a
    place or level in front is flagged: it may be a topic); an item there with a
    clause of its own that names no lead is flagged."""
    by_parent: dict[tuple[int, int], list[tuple[Candidate, Clause]]] = {}
    for head in cands:
        clause = _heading_unit(text, head)
        if clause is not None:
            by_parent.setdefault(head.item.siblings_key, []).append((head, clause))
    by_item = {id(c.item): c for c in cands if c.path == c.item.path}
    for heads in by_parent.values():
        if len(heads) < 2:
            continue
        for head, clause in heads:
            if not clause.mentions[0].piece.simp(text).startswith(knowledge.units().unit_starts):
                # (一)政务服务中心 / (二)便民服务中心: a topic, perhaps, not a department
                clause.review.append(lexicon().data["review_department_heading"])
            below = list(head.item.children)
            while below:
                item = below.pop()
                below.extend(item.children)
                c = by_item.get(id(item))
                if c is None or item.children or c.annotation is not None:
                    continue
                if c.clause is None:
                    c.clause = clause
                elif not c.clause.names_a_lead:
                    # its own (配合:市财政局) under 一、市发展和改革委员会: the department may lead
                    c.clause.review.append(lexicon().data["review_own_clause_below_a_department"].format(
                        department=text.raw[clause.span.start:clause.span.end]))


def _bullet_candidates(text: Text, item: Item) -> list[Candidate]:
    """一、提升政务服务水平 / ●推进标准化。(X牵头) / ●推行一网通办。(Y负责): two or
    more bulleted paragraphs below an item that each end with their own clause
    are measures (●1, ●2 …); the item above them is their heading (or a measure
    itself, where it carries a clause too). [] when the bullets are not such."""
    s, marks = text.simp, lexicon().data["bullet_marks"]
    starts = [i for i, p in enumerate(item.extra) if s.startswith(tuple(marks), p.start)]
    if len(starts) < 2:
        return []
    bullets = []
    for n, i in enumerate(starts):
        first, last = item.extra[i], item.extra[(starts[n + 1] if n + 1 < len(starts) else len(item.extra)) - 1]
        mark = next(m for m in marks if s.startswith(m, first.start))
        body = strip_span(s, first.start + len(mark), last.end)[0]
        found = find_trailing_clause(text, body, last.end)
        if found is None:
            continue
        label = f"{mark}{n + 1}"
        cand = Candidate(item, f"{item.path}/{label}", label, first.start, body, found[0], found[1],
                         clause=found[2])
        cand.several_clauses = len(inner_clauses(text, body, found[0]))
        bullets.append(cand)
    if len(bullets) < 2:
        return []
    head = _item_candidate(text, item, [item.para] + item.extra[:starts[0]])
    head.heading_like = head.heading_like or head.clause is None
    return [head, *bullets]


def _lift_clauses_below_sub_items(cands: list[Candidate]) -> None:
    """1.完善应急预案体系 / (1)… / (2)… / (3)… / (责任单位:…): a clause on a line
    of its own after the last of two or more sub-items, none of which carries
    one, under a heading that carries none, is the heading's; the sub-items are
    parts of that measure (its record says the clause may be meant for each).
    The heading may be one short sentence (一)推进一网通办。, or end with a colon
    that lists the sub-items (…。具体包括:). Below a heading of more text the
    clause stays the last sub-item's, flagged. A clause that ends the last
    sub-item's own line is lifted only below such a sentence or colon: below a
    bare heading (一、市发改委) it is that item's."""
    by_item = {id(c.item): c for c in cands if c.path == c.item.path}
    with_clauses = {id(c.item) for c in cands if c.clause is not None}   # bullets and inline parts too
    groups = []   # (head, its sub-items) where only the last sub-item carries a clause
    for head in cands:
        kids = [by_item.get(id(k)) for k in head.item.children]
        if (head.path != head.item.path or head.clause or head.annotation
                or len(kids) < 2 or any(k is None or k.item.children for k in kids)):
            continue
        if kids[-1].clause is not None and not any(id(k.item) in with_clauses for k in kids[:-1]):
            groups.append((head, kids))
    # How the document prints clause lines, by numbering style and depth: a line under
    # an item that has a sibling after it says items carry a line each (then a line below
    # a group's last item is that item's); a group whose last item alone has a line below
    # says a line closes a group. The more frequent reading wins; a tie lifts, flagged.
    last_sibling = {c.item.siblings_key: id(c.item) for c in cands if c.path == c.item.path}
    each_own = Counter((c.item.style, c.item.level) for c in cands
                       if c.clause is not None and c.clause_below and not c.item.children
                       and c.path == c.item.path and last_sibling[c.item.siblings_key] != id(c.item))
    closing = Counter((kids[-1].item.style, kids[-1].item.level) for _, kids in groups if kids[-1].clause_below)
    for head, kids in groups:
        last = kids[-1]
        framed = head.one_sentence or head.lists_parts
        if not last.clause_below and not framed:
            continue   # 一、市发改委 / 1.… / 2.…(X配合): under a mere heading, the last item's own
        key = (last.item.style, last.item.level)
        if not framed and each_own[key] > closing[key] - 1:
            continue   # 二、社会民生 / 3.… / 4.… / 责任单位:… while items elsewhere carry a line each: 4's
        if not (head.heading_like or framed):
            last.clause.review.append(lexicon().data["review_clause_below_the_last_part"])
            continue
        head.clause, head.end, last.clause = last.clause, last.end, None
        last.end = last.item.para.end


def _resolve_conventions(text: Text, cands: list[Candidate]) -> list[str]:
    """Resolve every clause's roles. A convention (the first-listed unit leads;
    where no lead is named, the responsible units lead), in whatever wording and
    wherever it is declared (its own note, inside a clause's brackets, after a
    list), applies from its declaration to the end of the document. Returns the
    conventions the document declares. One declared below every clause (注:以上各项任务中排在第一位的
    为牵头单位, closing the list) speaks of the items above it: it applies to all of
    them, and unless it says so (以上, 上述) their records say where it was read."""
    lx = lexicon()
    found = {name: first for name, pattern in (("first_is_lead", lx.first_is_lead_re),
                                               ("responsible_is_lead", lx.responsible_is_lead_re))
             if (first := pattern.search(text.simp)) is not None}
    clauses = [cl for c in cands for cl in (c.clause, c.annotation) if cl is not None]
    last_clause_end = max((cl.span.end for cl in clauses), default=0)
    declared = {name: m.start() for name, m in found.items()}
    below: dict[str, str] = {}   # convention -> its words, when they do not say 以上
    for name, m in found.items():
        if m.start() >= last_clause_end:
            declared[name] = -1
            line_start = text.simp.rfind("\n", 0, m.start()) + 1
            if not lx.named("refers_above_pattern").search(text.simp, line_start, m.end()):
                below[name] = text.raw[m.start():m.end()]

    def applies(name: str, clause: Clause) -> bool:
        return name in declared and declared[name] < clause.span.end

    for words in below.values():
        for clause in clauses:   # the ones whose leads it gives: no lead of their own
            if clause.mentions and not clause.names_a_lead:
                clause.review.append(lx.data["review_convention_below"].format(words=words))

    maybe = None if "first_is_lead" in declared else lx.named("maybe_first_is_lead_pattern").search(text.simp)
    marks_explained = lx.named("marked_is_lead_pattern").search(text.simp) is not None
    if marks_explained:
        declared["marked_is_lead"] = 0
    by_type = lx.named("formatted_is_lead_pattern").search(text.simp)
    for clause in clauses:
        if by_type is not None and clause.mentions and not clause.names_a_lead:
            clause.review.append(lx.data["review_lead_by_type"].format(words=text.raw[by_type.start():by_type.end()]))
        if not marks_explained:
            clause.review += [lx.data["review_lead_mark_undeclared"].format(text=t[:-1], mark=t[-1])
                              for t in clause.marked_leads]
        clause.resolve(first_is_lead=applies("first_is_lead", clause),
                       responsible_leads=applies("responsible_is_lead", clause))
        if maybe is not None and sum(u.role == Role.RESPONSIBLE for u in clause.units) >= 2:
            clause.review.append(lx.data["review_maybe_first_is_lead"].format(
                words=text.raw[maybe.start():maybe.end()]))
    return list(declared)


def _title_span(text: Text, cand: Candidate) -> Span:
    """Text after the label up to the first 。 of the item's own paragraph; a
    heading line without one is the title whole (the body below is not)."""
    start = cand.body_start
    line_end = text.simp.find("\n", start)   # the end of the paragraph its label starts
    limit = min(cand.body_end, len(text.simp) if line_end < 0 else line_end)
    stop = text.simp.find("。", cand.body_start, limit)
    end = stop if stop >= 0 else limit
    clause = cand.clause
    para_end = cand.end if line_end < 0 else min(line_end, cand.end)
    if (cand.inside is None and clause is not None and not text.simp[start:cand.body_end].strip()
            and start <= clause.span.start and clause.span.end < para_end):
        # 5.责任单位:县医保局。推进医保服务便利化。: the labelled clause first, the title after it
        start = clause.span.end + 1
        stop = text.simp.find("\u3002", start, para_end)
        end = stop if stop >= 0 else para_end
    elif cand.inside is not None:   # a clause printed first, or ending the title, is no part of it
        if not text.simp[start:cand.inside.start].strip():
            start = cand.inside.end
            stop = text.simp.find("。", start, limit)
            end = stop if stop >= 0 else limit
        elif cand.inside.start < end:
            end = cand.inside.start
    return Span(*strip_span(text.raw, start, end, _TITLE_TRIM))


def _title(text: Text, cand: Candidate) -> str:
    span = _title_span(text, cand)
    return text.raw[span.start:span.end]


def _label_end(text: Text, cand: Candidate) -> int:
    """End of the printed label (without the space after it)."""
    return strip_span(text.raw, cand.start, cand.body_start)[1]


def _indicator_of(heading: str) -> str | None:
    best, best_len = None, 0
    for ind in knowledge.indicators():
        for kw in ind.keywords:
            if kw in heading and len(kw) > best_len:
                best, best_len = ind.name, len(kw)
    return best


def _apply_same_as_above(cands: list[Candidate]) -> None:
    """同上: a clause that says so takes the units of the clause above it (and,
    written alone, its leaders), or its deadline (完成时限:同上, or written alone),
    their evidence the words above."""
    above: Clause | None = None
    for c in cands:
        clause = c.clause
        if clause is None:
            continue
        if clause.refers_above and above is None:
            clause.review.append(lexicon().data["review_same_as_above_without_clause"])
        elif clause.refers_above:
            if clause.same_as_above:
                if clause.mentions:
                    clause.review.append(lexicon().data["review_same_as_above_with_units"])
                clause.mentions = [*above.mentions, *clause.mentions]
                if clause.same_as_above_whole and not clause.leaders:
                    clause.leaders = list(above.leaders)
            if clause.same_deadline_above and clause.deadline_text is None:
                clause.deadline_text, clause.deadline_span = above.deadline_text, above.deadline_span
        above = clause


def _apply_notes(text: Text, cands: list[Candidate]) -> None:
    """下同 carries a clause to later items without one; a note that applies
    units to every later item (以下…不再单独列出), in a clause or in the preamble,
    makes them collectives there."""
    carried: Clause | None = None
    for_all: list[UnitMention] = notes_for_all(text, 0, cands[0].start) if cands else []
    for c in cands:
        if c.clause is not None:
            # the note's units are collectives of the item that declares it, too
            for_all = for_all + [u for u in c.clause.for_all_later()
                                 if fold(u.surface) not in {fold(x.surface) for x in for_all}]
            if for_all:
                c.extra_units = [u for u in for_all
                                 if fold(u.surface) not in {fold(x.surface) for x in c.clause.units}]
            # a new explicit clause ends the scope of an earlier 下同
            carried = c.clause if c.clause.carry_forward else None
        elif carried is not None and not c.item.children and not c.heading_like:
            c.clause, c.carried = carried, True
            c.extra_units = list(for_all)


def _headings_over_own_clauses(text: Text, cands: list[Candidate]) -> None:
    """(一)深化改革(牵头单位:市发改委) above items that each carry a clause naming
    their own lead or responsible units: the heading only groups measures (the
    spec's sections); its one lead unit coordinates the section (and its one
    leader, if any, is accountable for it), as 总牵头部门 does for an indicator."""
    for c in cands:
        clause = c.clause
        if clause is None or c.path != c.item.path or not c.item.children or c.extra_units or not c.heading_like:
            continue   # (2-1 压缩办电时间。(牵头单位:X) states a task: a measure above its sub-tasks)
        if (len(clause.units) != 1 or clause.units[0].role != Role.LEAD or clause.deadline_text
                or len(clause.leaders) > 1 or clause.chief is not None):
            continue
        leaves = [x for x in cands if x is not c and not x.item.children
                  and any(a is c.item for a in x.item.ancestors())]
        if not leaves or not all(x.clause is not None and not x.carried and not _helpers_only(x.clause)
                                 and any(u.role in (Role.LEAD, Role.RESPONSIBLE) for u in x.clause.units)
                                 for x in leaves):   # (配合单位:…) below: helping the heading's lead
            continue
        lead = clause.units[0]
        clause.coordinator, clause.coordinator_span = lead.surface, lead.span
        if clause.leaders:
            clause.leader_as_chief()
        clause.mentions, clause.units = [], []
        c.annotation, c.clause = clause, None


def extract_text(doc_id: str, text: Text, *, source_file: str = "", source_format: str = "txt",
                 encoding: str | None = None, sha256: str = "") -> Extraction:
    """The stages, in order; each takes and returns typed values."""
    text, flattened = repair_layout(text)
    paras = paragraphs(text)
    items = build_outline(text, paras)
    meta = read_metadata(text, paras, items[0].para.start if items else None)
    cands = _candidates(text, items)
    _apply_same_as_above(cands)
    declared = _resolve_conventions(text, cands)
    _apply_notes(text, cands)
    _headings_over_own_clauses(text, cands)
    warnings = _leave_out_several_clause_items(cands)
    notice, notice_open = _notice_items(text, cands, meta.title)
    chosen = _choose_measures(text, cands, notice)
    if notice and not any(c.clause is not None for c in cands):
        warnings.append(NOTICE_ONLY + "、".join(c.path for c in cands if id(c.item) in notice))
    warnings += _unread_clauses(text, cands, chosen)
    warnings += _clauses_after_warnings(chosen)
    sections, indicator_by_item = _sections(text, cands, chosen)
    warnings += [f"heading {c.path} names {len(c.heading_leaders)} leaders for its section "
                 f"(「{'、'.join(x.name for x in c.heading_leaders)}」); a section records one, so none is recorded"
                 for c in cands if c.heading_leaders]
    measures, bodies = _measure_records(doc_id, text, chosen, meta, indicator_by_item, warnings)
    warnings += _labels_never_read(text, cands, measures)
    _entity_layer(text, measures, bodies)
    _flag_misprints(measures)
    if notice_open and not flattened:   # a flattened text has no lines to find the notice's date on
        _flag_maybe_notice_paragraphs(measures, notice_open)
    if flattened:   # the outline was inferred from labels in mid-line: every record may be off
        warnings.append("the text was flattened onto few lines; its numbering levels were inferred")
        for rec in measures:
            rec.review.append(lexicon().data["review_flattened"])
    if meta.jurisdiction is None:
        meta.jurisdiction = _placed_by_its_units(measures)
        meta.province = province_of(meta.jurisdiction)
    document = DocumentRecord(
        **{f.name: getattr(meta, f.name) for f in fields(DocumentFacts)},
        doc=doc_id, source_file=source_file, source_format=source_format, encoding=encoding,
        sha256=sha256, text=text.raw, sections=sections, citations=_document_citations(text, meta),
        conventions=declared)
    identify(document, measures)
    return Extraction(document, measures, warnings)


def _leave_out_several_clause_items(cands: list[Candidate]) -> list[str]:
    """An item with a clause per sentence, or per paragraph (一、 above unnumbered
    paragraphs that each end with a clause), is no single measure: warn, drop its clause."""
    warnings = []
    for c in cands:
        if c.clause is not None and c.several_clauses:
            warnings.append(f"item {c.path} carries {c.several_clauses + 1} responsibility clauses, "
                            f"each for its own sentence; not recorded as one measure")
            c.clause = None
        elif c.clause is not None and c.clauses_after and not c.item.children:
            warnings.append(f"item {c.path} carries {c.clauses_after + 1} responsibility clauses, "
                            f"each ending a paragraph of its own (unnumbered, or numbered in a way not "
                            f"read); not recorded as one measure")
            c.clause = None
    return warnings


def _unread_clauses(text: Text, cands: list[Candidate], chosen: list[Candidate]) -> list[str]:
    """Items left out, among items that carry clauses, although they end with a
    bracket that has a label the lexicon does not know (具体办理单位:…) or names
    a unit (市政府办公室督办) or a role word ((发改、财政部门负责)), or open with a
    unit and a colon (市发改委:负责…),
    or although most of their sibling items carry a clause: no record can say so,
    the document's warnings do."""
    if not chosen:
        return []
    s, lx, taken = text.simp, lexicon(), {id(c) for c in chosen}
    leaves: dict[tuple[int, int], list[Candidate]] = {}    # the leaf candidates under each parent
    alike: Counter = Counter()      # leaf items by numbering style and depth, anywhere in the document
    alike_kept: Counter = Counter()
    for x in cands:
        if not x.item.children:
            leaves.setdefault(x.item.siblings_key, []).append(x)
            alike[(x.item.style, x.item.level)] += 1
            alike_kept[(x.item.style, x.item.level)] += id(x) in taken
    preamble: set[int] | None = None   # made when first needed: most documents never need it
    out = []
    for c in cands:
        if id(c) in taken or c.item.children or c.several_clauses or c.clauses_after:
            continue   # (several clauses: warned already)
        siblings = leaves[c.item.siblings_key]
        kept = sum(1 for x in siblings if id(x) in taken)
        if c.heading_like and (not (kept >= 2 and 2 * kept >= len(siblings))
                               or any(x.item is c.item for x in chosen)):
            continue   # a line like a heading: an item only when most of its siblings are measures
            #            and no part of it is one (1.深化改革。(1)…(X牵头)(2)…; 一、… above ●…(X牵头))
        found = trailing_bracket(s, c.body_start, c.item.para.end, " \t\n。;")
        label = named = role_word = None
        if found is not None:
            start, end = found
            role_word = lx.named("patterns.clause_role_word").search(s, start + 1, end - 1)
            label = (lx.unknown_label_re.search(s, start + 1, end - 1)
                     or lx.named("patterns.bracket_field").match(s, start + 1, end - 1))
            names = (p.simp(text) for p, kind in split_units(text, start + 1, end - 1) if kind == "unit")
            named = next((n for n in names if org_suffix(n) and unit_problem(n) is None), None)
        if label is not None:
            known = lx.is_label(label["label"])   # 责任单位:同第1项: the label read, its value not
            out.append(f"item {c.path} ends with a clause whose label 「{label['label']}」 "
                       f"{'has a value that could not be read' if known else 'is not known'}; "
                       f"not recorded as a measure")
        elif named:
            out.append(f"item {c.path} ends with a bracket naming 「{named}」 that was not read as a "
                       f"responsibility clause; not recorded as a measure")
        elif (lead := _lead_named_in(s, c.body_start, c.item.para.end)) is not None:
            out.append(f"item {c.path} names a lead in its text (「{text.raw[lead[0]:lead[1]]}」) that was "
                       f"not read as its responsibility clause; not recorded as a measure")
        elif role_word is not None:
            out.append(f"item {c.path} ends with a bracket holding the role word 「{role_word.group()}」 "
                       f"(「{text.raw[start + 1:end - 1]}」) that was not read as a responsibility clause; "
                       f"not recorded as a measure")
        elif (unit := _unit_opening(text, c)) is not None:
            out.append(f"item {c.path} opens with a unit and a colon (「{unit}」), as a list of each unit's "
                       f"duties does; not read as a responsibility clause; not recorded as a measure")
        elif kept >= 2 and 2 * kept >= len(siblings):
            out.append(f"item {c.path} carries no responsibility clause that could be read, unlike "
                       f"{kept} of its {len(siblings) - 1} sibling items; not recorded as a measure")
        elif (n := alike_kept[(c.item.style, c.item.level)]) >= 2 and 2 * n >= alike[(c.item.style, c.item.level)]:
            preamble = _preamble_items(text, cands) if preamble is None else preamble
            if _in_preamble(c.item, preamble):
                continue
            out.append(f"item {c.path} carries no responsibility clause that could be read, unlike "
                       f"{n} of the document's {alike[(c.item.style, c.item.level)] - 1} other items numbered "
                       f"as it is; not recorded as a measure")
    return out


def _preamble_items(text: Text, cands: list[Candidate]) -> set[int]:
    """Ids of the items that are preamble or safeguards, not tasks: a heading naming
    one (一、总体要求, 二、基本原则) and a leaf titled so (一、总体要求 above paragraphs)."""
    non_task = lexicon().words("non_task_sections")
    return {id(c.item) for c in cands
            if (any(w in text.simp[c.body_start:c.body_end] for w in non_task) if c.item.children
                else fold(_title(text, c)) in non_task)}


NOTICE_ONLY = ("the publishing notice's own numbered paragraphs are requirements for carrying the plan "
               "out, not measures (the plan itself may be an attachment not in this file): ")


def _notice_items(text: Text, cands: list[Candidate], title: str | None) -> tuple[set[int], Span | None]:
    """Ids of the publishing notice's own numbered paragraphs: after the sentence that
    hands the plan over (现将《方案》印发给你们,并就有关事项通知如下:) and before the date
    the notice is signed on, or the plan's title printed below. None when neither
    follows (the items may be the plan's); then the span from the hand-over on, where
    items may be the notice's."""
    s = text.simp
    handed = lexicon().named("notice_hands_over_pattern").search(s)
    start = s.find("\n", handed.end()) if handed else -1
    if start < 0:
        return set(), None
    date_line = lexicon().named("date_line_pattern")
    end = next((start + m.start() for m in re.finditer(r"[^\n]+", s[start:]) if date_line.match(m.group().strip())),
               None)
    below = re.search(rf"^\s*{re.escape(fold(title))}\s*$", s[start:], re.M) if title and end is None else None
    if below:   # the plan's title on a line of its own below the notice
        end = start + below.start()
    if end is None:
        return set(), Span(start, len(s))
    return {id(c.item) for c in cands if start < c.start < end}, None


def _flag_misprints(measures: list[MeasureRecord]) -> None:
    """Flag a unit whose name differs by one character inside it from a name the
    document prints more often (lexicon.yaml review_maybe_misprint says which)."""
    lx = lexicon()
    exempt = set(lx.data["misprint_exempt_chars"])
    counts = Counter(fold(u.surface) for m in measures for u in m.units if u.role != Role.COLLECTIVE)
    by_length: dict[int, list[str]] = {}
    for name in counts:
        by_length.setdefault(len(name), []).append(name)

    def other_of(name: str) -> str | None:
        for other in by_length.get(len(name) + 1, []) + by_length.get(len(name) - 1, []):
            if counts[other] < max(2, counts[name] + 1):
                continue
            longer, shorter = (other, name) if len(other) > len(name) else (name, other)
            cut = next((i for i in range(len(shorter)) if longer[i] != shorter[i]), len(shorter))
            if (0 < cut < len(longer) - 1 and longer[cut] not in exempt
                    and longer[:cut] + longer[cut + 1:] == shorter):
                return other
        return None

    misprint_of = {name: other for name in counts if len(name) >= 3 and (other := other_of(name))}
    for rec in measures:
        for u in rec.units:
            if u.role != Role.COLLECTIVE and (other := misprint_of.get(fold(u.surface))):
                rec.review.append(lx.data["review_maybe_misprint"].format(name=u.surface, other=other))


def _flag_maybe_notice_paragraphs(measures: list[MeasureRecord], notice_open: Span) -> None:
    """Items without units after the notice's hand-over, with neither its signing date
    nor the plan's title below: they may be the notice's requirements (flagged)."""
    for rec in measures:
        if not rec.units and notice_open.start < rec.span.start:
            rec.review.append(lexicon().data["review_notice_paragraph"])


def _placed_by_its_units(measures: list[MeasureRecord]) -> str | None:
    """The place of a document whose text names none, from its units: the central scope
    when they are the country's ministries (a 国办发 copy without its head), else the
    division the places they name lie in (越秀区 beside 市… units: 广州市); else None."""
    names = [fold(u.surface) for m in measures for u in m.units if u.role != Role.COLLECTIVE]
    return knowledge.units().national_jurisdiction if national_by_units(names) else place_by_units(names)


def _in_preamble(item: Item, preamble: set[int]) -> bool:
    """(一)指导思想 under 一、总体要求: the item or a heading above it is preamble."""
    return any(id(node) in preamble for node in (item, *item.ancestors()))


def _unit_opening(text: Text, c: Candidate) -> str | None:
    """The unit an item opens with, before a colon (1.市发改委:负责…), as printed."""
    m = _UNIT_OPENING.match(text.simp, c.body_start, c.item.para.end)
    if m is None or lexicon().is_label(m[1]) or not org_suffix(m[1]) or unit_problem(m[1]) is not None:
        return None
    return text.raw[m.start(1):m.end(1)]


_UNIT_OPENING = re.compile(r"\s*([^\s:;,。]{2,30}?)\s*:")


def _lead_named_in(s: str, a: int, b: int) -> tuple[int, int] | None:
    """(start, end) of the first lead marker in [a, b) after words that end like
    an organisation (由市发改委牵头), from the start of its sentence."""
    m = next((m for m in lexicon().lead_marker_re.finditer(s, a, b)
              if org_suffix(s[max(a, m.start() - 12):m.start()])), None)
    if m is None:
        return None
    return max(a, m.start() - 20, *(s.rfind(ch, 0, m.start()) + 1 for ch in "。;\n")), m.end()


def _labels_never_read(text: Text, cands: list[Candidate], measures: list[MeasureRecord]) -> list[str]:
    """A document in which no item's clause was read, although it prints a field
    label naming units (牵头单位:, 责任单位:) or a lead marker after a unit
    (以上三项由市发改委牵头) after its first item: every record says its roles may
    have been missed (the worst case is a record without roles that does not say so)."""
    if not cands or any(c.clause is not None for c in cands):
        return []
    lx, s = lexicon(), text.simp
    label = next((m for m in lx.named("patterns.label_with_a_mark").finditer(s, cands[0].start)
                  if lx.label_role(m["label"]) in UNIT_ROLES), None)   # anywhere: a net
    marker = None if label else _lead_named_in(s, cands[0].start, len(s))
    if label is None and marker is None:
        return _duty_list(text, cands, measures)
    # a marker with the words from the start of its sentence: 以上两项由市发改委牵头
    words = text.raw[marker[0]:marker[1]] if marker else label["label"]
    reason = lx.data["review_labels_never_read"].format(label=words)
    for rec in measures:
        rec.review.append(reason)
    return [f"no responsibility clause was read, yet the text prints 「{words}」; every record is flagged"]


def _duty_list(text: Text, cands: list[Candidate], measures: list[MeasureRecord]) -> list[str]:
    """1.市发改委:负责… / 2.市市场监管局:负责…: most items open with a unit and a
    colon, as a list of each unit's duties does, and no clause was read: every
    record says who it names was not read as a role."""
    openings = [u for c in cands if (u := _unit_opening(text, c)) is not None]
    if len(openings) < 2 or 2 * len(openings) < len(measures):
        return []
    reason = lexicon().data["review_duty_list"].format(unit=openings[0])
    for rec in measures:
        rec.review.append(reason)
    return [f"no responsibility clause was read, and {len(openings)} items open with a unit and a colon "
            f"(「{openings[0]}」) as a list of each unit's duties does; every record is flagged"]


def _choose_measures(text: Text, cands: list[Candidate], notice_items: set[int]) -> list[Candidate]:
    """Where any item carries a clause, exactly those; otherwise every lowest-level
    item outside preamble and safeguard sections and the publishing notice's own paragraphs."""
    if any(c.clause is not None for c in cands):
        return [c for c in cands if c.clause is not None]
    preamble = _preamble_items(text, cands) | notice_items
    return [c for c in cands if not c.item.children and not _in_preamble(c.item, preamble)
            and not (c.heading_like and c.path == c.item.path and
                     any(x.item is c.item and x.path != c.path for x in cands))]


def _sections(text: Text, cands: list[Candidate], chosen: list[Candidate]):
    """Numbered headings that are not measures, and the indicator each names."""
    chosen_ids = {id(c) for c in chosen}
    sections: list[SectionRecord] = []
    indicator_by_item: dict[int, str | None] = {}
    for c in cands:
        if id(c) in chosen_ids or c.path != c.item.path or not (c.item.children or c.heading_like):
            continue
        heading = _title(text, c)
        sec = SectionRecord(path=c.path, label=c.label, heading=heading,
                            indicator=_indicator_of(fold(heading)),
                            span=Span(c.start, c.end), ordinal=len(sections) + 1,
                            label_end=_label_end(text, c), heading_span=_title_span(text, c))
        if c.annotation is not None:
            sec.chief, sec.coordinator = c.annotation.chief, c.annotation.coordinator
            sec.annotation_span = c.annotation.span
            sec.chief_span, sec.coordinator_span = c.annotation.chief_span, c.annotation.coordinator_span
        sections.append(sec)
        indicator_by_item[id(c.item)] = sec.indicator
    return sections, indicator_by_item


def _measure_records(doc_id: str, text: Text, chosen: list[Candidate], meta, indicator_by_item,
                     warnings: list[str]):
    """A MeasureRecord per chosen candidate: units, deadline, review."""
    measures: list[MeasureRecord] = []
    bodies: list[tuple[int, int, Candidate]] = []
    used_paths: dict[str, int] = {}
    heading_leads = {id(c.item): c.clause for c in chosen if c.path == c.item.path and c.item.children
                     and any(u.role == Role.LEAD for u in c.clause.units)}
    for c in chosen:
        rec = MeasureRecord(doc=doc_id, path=c.path, label=c.label, title=_title(text, c),
                            span=Span(c.start, c.end), ordinal=len(measures) + 1,
                            label_end=_label_end(text, c))
        rec.text = text.raw[c.start:c.end]
        if c.clause is not None:
            _fill_from_clause(text, rec, c, meta.year)
        if c.path == c.item.path and c.item.children and c.clause is not None:
            # 二、优化审批服务(牵头单位:X) above items 1. 2. that carry none: whose clause is it?
            rec.review.append(lexicon().data["review_heading_with_items"])
        if c.clause is not None and (label := _label_in_body(text, c)) is not None:
            # 甲。责任单位:区民政局。(区商务局负责): a second clause in the body, never read
            rec.review.append(lexicon().data["review_label_in_body"].format(label=label))
        if c.clause is not None and _helpers_only(c.clause) and _lead_above(c.item, heading_leads):
            # (一)优化纳税服务(牵头单位:市税务局) / 1.…(配合单位:市财政局): helping whom?
            rec.review.append(lexicon().data["review_helpers_below_a_lead"])
        rec.indicator = next((indicator for node in (c.item, *c.item.ancestors())
                              if (indicator := indicator_by_item.get(id(node))) is not None), None)
        if rec.path in used_paths:
            used_paths[rec.path] += 1
            warnings.append(f"numbering repeats: item {rec.path} appears again; "
                            f"recorded as {rec.path}#{used_paths[rec.path]}")
            # a heading above them was not read as one (or a table's columns were
            # misread): each record of the number may belong elsewhere
            reason = lexicon().data["review_numbering_repeats"].format(path=rec.path)
            for same in [r for r in measures if r.path == rec.path] + [rec]:
                if reason not in same.review:
                    same.review.append(reason)
            rec.path = f"{rec.path}#{used_paths[rec.path]}"
        else:
            used_paths[rec.path] = 1
        measures.append(rec)
        bodies.append((c.body_start, c.end, c))
    return measures, bodies


def _label_in_body(text: Text, c: Candidate) -> str | None:
    """A field label naming units (责任单位:, 牵头单位:) printed unbracketed in the
    body before the item's clause, which the clause does not hold."""
    end = min(c.body_end, c.clause.span.start)
    at = find_label_clause(text, c.body_start, end)
    if at is None or (c.inside is not None and c.inside.start <= at < c.inside.end):
        return None
    m = next((m for m in lexicon().named("patterns.label_with_a_mark").finditer(text.simp, at, end)
              if lexicon().label_role(m["label"]) in UNIT_ROLES), None)
    return text.raw[m.start("label"):m.end("label")] if m else None


def _helpers_only(clause: Clause) -> bool:
    """A clause that names units only under a helper label (配合单位:…)."""
    units = [m for m in clause.mentions if m.kind == "unit"]
    return bool(units) and all(m.raw_role == Role.SUPPORT for m in units)


def _lead_above(item: Item, heading_leads: dict[int, Clause]) -> bool:
    return any(id(node) in heading_leads for node in item.ancestors())


def _fill_from_clause(text: Text, rec: MeasureRecord, c: Candidate, year: int | None) -> None:
    clause = c.clause
    rec.clause_span = clause.span
    rec.clause_text = text.raw[clause.span.start:clause.span.end]
    # copies: a clause carried forward by 下同 is shared by several measures
    units = [UnitMention(u.surface, u.role, u.span) for u in clause.units + c.extra_units]
    number_ranks(units)
    rec.units = units
    rec.deadline_text, rec.deadline_span = clause.deadline_text, clause.deadline_span
    if clause.deadline_text:
        _read_deadline(rec, clause.deadline_text, year)
    rec.leaders = clause.leaders
    rec.review = list(dict.fromkeys(clause.review + rec.review))


def _read_deadline(rec: MeasureRecord, printed: str, year: int | None) -> None:
    """The record's deadline from the clause's deadline text, and the review
    reason when it could not be read, was read in part, or has no year."""
    lx, folded = lexicon(), fold(printed)
    rec.deadline = parse_deadline(folded, year)
    parts = deadline_parts(folded)
    if rec.deadline is None and not lx.deadline_re.match(folded):
        rec.review.append(lx.data["review_deadline_unread"].format(text=printed))
    elif rec.deadline is not None and not all(lx.deadline_re.match(p) for p in parts):
        # 2025年底前完成,力争提前: only the date was read
        rec.review.append(lx.data["review_deadline_partly_read"].format(text=printed))
    elif rec.deadline is not None and (holiday := _lunar_holiday_without_year(folded)):
        # a plan for 2024 issued in March means the next 春节
        rec.review.append(lx.data["review_deadline_holiday_year"].format(text=printed, holiday=holiday))
    elif rec.deadline is None and year is None and lx.named("date_month_pattern").search(folded):
        rec.review.append(lx.data["review_deadline_without_year"].format(text=printed))


def _lunar_holiday_without_year(folded: str) -> str | None:
    """春节前 with no year: the holiday (its date depends on the year guessed)."""
    lx = lexicon()
    m = lx.named("date_holiday_pattern").search(folded)
    return m["h"] if m and not m["y"] and lx.data["holidays"][m["h"]] == "lunar" else None


def _entity_layer(text: Text, measures: list[MeasureRecord], bodies) -> None:
    """Regulations over the whole measure, targets and inline mentions in its body."""
    docs = analyse(text.simp[a:b] for a, b, _ in bodies)
    for rec, (a, b, c), sdoc in zip(measures, bodies, docs):
        seen = set()
        for sp in sdoc.spans["regulations"]:
            t = text.raw[a + sp.start_char:a + sp.end_char]
            if fold(t) not in seen:
                seen.add(fold(t))
                rec.citations.append(Citation(t, Span(a + sp.start_char, a + sp.end_char)))
        body_len = c.body_end - a

        def in_clause(sp) -> bool:   # a clause printed inside the body is no part of it
            return c.inside is not None and c.inside.start <= a + sp.start_char < c.inside.end

        for sp in sdoc.spans["targets"]:
            if sp.end_char > body_len or in_clause(sp):
                continue
            quote = text.raw[a + sp.start_char:a + sp.end_char]
            for t in sp._.targets:
                rec.targets.append(Target(quote, t["value"], t["unit"], t["comparator"],
                                          Span(a + sp.start_char, a + sp.end_char)))
        subs = inline_labels(text, c.body_start, c.body_end)
        for sp in sdoc.spans["units"]:
            if sp.end_char > body_len or in_clause(sp):
                continue
            start = a + sp.start_char
            sub = ""
            for s0, _, lab in subs:
                if s0 <= start:
                    sub = lab
            if text.simp[start - 1:start] == "(":
                head = text.simp[max(a, start - 12):start - 1]
                sub = head.split("。")[-1].split(",")[-1] or sub
            rec.inline.append(InlineMention(text.raw[start:a + sp.end_char], sp._.role, sub,
                                            Span(start, a + sp.end_char)))


def _document_citations(text: Text, meta) -> list[Citation]:
    """Regulations cited anywhere in the document, except its own title."""
    own = {fold(meta.title or "")}
    if meta.jurisdiction and meta.title:
        own.add(fold(meta.title).removeprefix(meta.jurisdiction))
    out, seen = [], set()
    for a, b in regulation_spans(text.simp):
        t = text.raw[a:b]
        f = fold(t)
        if f in seen or f in own:
            continue
        seen.add(f)
        out.append(Citation(t, Span(a, b)))
    return out
