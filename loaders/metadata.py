"""Document-level facts: title, issuer, 文号, dates, jurisdiction, province."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from . import knowledge
from .lexicon import lexicon
from .dates import cn_number, five_year_plan_years
from .outline import Paragraph
from .records import DocumentFacts, Span
from .units import org_suffix
from .text import Text, to_simplified

def _pattern(name: str) -> re.Pattern:
    """notice, doc_number, date_line, labelled_date, year: lexicon.yaml's `*_pattern`."""
    return lexicon().named(f"{name}_pattern")


def _iso(y: str, m: str, d: str) -> str | None:
    yy, mm, dd = cn_number(y), cn_number(m), cn_number(d)
    if not (yy and mm and dd) or not (1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


def read_metadata(text: Text, paras: list[Paragraph], first_item_start: int | None) -> DocumentFacts:
    meta = DocumentFacts()
    s = text.simp
    head_end = first_item_start if first_item_start is not None else len(s)
    head = [p for p in paras if p.end <= head_end]

    # The notice that publishes the plan: "X关于印发Y的通知", maybe labelled (名称:…),
    # in a page's table of facts (标 题: | …的通知 |) or in title marks (《…的通知》).
    head_lines = [_head_line(s[p.start:p.end]) for p in head]   # each head line as text, once
    plan, plan_issuer, notice_lines = None, None, []
    for line, lines in (*zip(head_lines, ([p] for p in head)), *_notice_broken_over_lines(head_lines, head)):
        line = re.sub(r"^.{0,12}?[:]\s*", "", line) if ":" in line[:12] else line
        m = _pattern("notice").search(line.strip().removesuffix("》"))
        if m:
            plan, plan_issuer, notice_lines = m["plan"].strip("《》“”〈〉"), m["issuer"], lines
            break
    titled = next((m for line in head_lines if (m := _pattern("titled_issuer").search(line))), None)
    labelled_issuer = _labelled(s, head, lexicon().words("issuer_labels"))
    meta.issuer = (plan_issuer or labelled_issuer
                   or (titled["issuer"] if titled else None) or _signed_by(s, head))

    # The plan's own title: a standalone line equal to or ending with the plan name.
    candidates = []
    for p in head:
        line = s[p.start:p.end]
        if len(notice_lines) > 1 and p in notice_lines:   # a part of the notice broken over lines
            continue
        if (numbered := _pattern("bracketed_doc_number").search(line)) and numbered.end() == len(line.rstrip()):
            line = line[:numbered.start()].rstrip()
        about, notice = lexicon().words("notice_words")
        # A labelled field (名称:…) or the notice's own line, even cut before its 的通知
        # by a PDF's wrapping, only names the plan.
        if "。" in line or ":" in line or len(line) > 80 or about in line and line.endswith(notice):
            continue
        if plan and (line == plan or line.endswith(plan) and about not in line[:-len(plan)]):
            candidates.append((2, len(line), p))
        elif line.endswith(lexicon().words("title_endings")):
            candidates.append((1, len(line), p))
    broken = _broken_over_lines(s, head, plan) if plan and not any(c[0] == 2 for c in candidates) else None
    if broken:   # the plan's title broken over head lines (…品牌 / 加快建设…计划 / (2018—2020年))
        meta.title = "".join(text.raw[p.start:p.end].strip() for p in broken)
        meta.title_span = Span(broken[0].start, broken[-1].end)
    elif candidates:
        best = max(candidates, key=lambda c: (c[0], c[2].start if c[0] == 1 else c[1]))
        p, end = best[2], best[2].start + best[1]
        meta.title, meta.title_span = text.raw[p.start:end], Span(p.start, end)
    elif plan:
        meta.title = plan
    elif titled:
        meta.title = titled["title"]

    cited_before = _pattern("cited_doc_number_before")
    m = next((m for m in _pattern("doc_number").finditer(s, 0, head_end)
              if not cited_before.search(s, max(0, m.start() - 4), m.start())), None)
    if m:
        meta.doc_number = re.sub(r"\s+", "", text.raw[m.start():m.end()])

    for p in paras:
        m = _pattern("date_line").match(s[p.start:p.end])
        if m:
            meta.signed = _iso(m["y"], m["m"], m["d"])
            break
    published = []
    for m in _pattern("labelled_date").finditer(s, 0, head_end):
        iso = _iso(m["y"], m["m"], m["d"])
        if iso and m["label"] in lexicon().words("signed_date_labels") and not meta.signed:
            meta.signed = iso
        elif iso:
            published.append(iso)
    published = [d for d in published if not meta.signed or d >= meta.signed]
    meta.published = min(published) if published else None

    meta.jurisdiction = _jurisdiction(meta, s, head, paras, head_end, plan, labelled_issuer)
    meta.province = province_of(meta.jurisdiction)
    meta.year = _year(meta, plan, s)
    meta.issuer_span = _printed_at(text, meta.issuer)
    meta.title_span = meta.title_span or _printed_at(text, meta.title)
    return meta


def _jurisdiction(meta: DocumentFacts, s: str, head: list[Paragraph], paras: list[Paragraph], head_end: int,
                  plan: str | None, labelled_issuer: str | None) -> str | None:
    """The document's place, from the strongest evidence to the weakest: the division a
    name of its issuer or title starts with (the page's label and the body that signs
    the notice too: 区人民政府办公室关于印发… under 发布机构:下陆区政府办公室, or signed
    蔡甸区人民政府办公室 below the notice's own numbered paragraphs, which the outline
    reads as items); a central issuer; a division the title names inside it; the place
    the preamble fits the plan to; the page's 来源; a central 文号 or addressee."""
    national = knowledge.units().national_jurisdiction
    named = (meta.issuer, labelled_issuer, meta.title, plan, _signed_by(s, paras))
    return (next((j for source in named if (j := jurisdiction_of(source))), None)
            or (national if meta.issuer in lexicon().words("national_issuers") else None)
            or _named_inside(meta.title)
            or _own_place(s[:head_end])
            or jurisdiction_of(_labelled(s, head, lexicon().words("source_labels")))
            or (national if _national_number(meta) or _pattern("national_addressee").search(s, 0, head_end)
                else None))


def _year(meta: DocumentFacts, plan: str | None, s: str) -> int | None:
    """The plan's year: its title's (or the notice's plan name's), its signing date's,
    its 文号's (国发〔2023〕4号), its page's publication date's (a copy republished
    later gives a later one), the first of the five-year period its title names, else
    the first its text names that is no target (lexicon.yaml `year_pattern`)."""
    for source in (meta.title, plan):
        if y := _pattern("year").search(source or ""):
            return int(y[1])
    if meta.signed:
        return int(meta.signed[:4])
    if meta.doc_number and (y := re.search(r"(?<![0-9])(20[0-9]{2})(?![0-9])", meta.doc_number)):
        return int(y[1])
    if meta.published:
        return int(meta.published[:4])
    if period := five_year_plan_years(meta.title or plan or ""):   # “十四五”…规划: 2021
        return period[0]
    y = _pattern("year").search(s)
    return int(y[1]) if y else None


def _notice_broken_over_lines(lines: list[str], head: list[Paragraph], most: int = 3
                              ) -> Iterator[tuple[str, list[Paragraph]]]:
    """Consecutive head lines (`lines`: those of `head` as text) joined, the last ending
    like a notice, from the line that starts it (关于印发…, X印发…) and the issuer's name
    alone on the line above it, if there is one (X人民政府办公室 / 关于印发2022年《政府
    工作报告》 / 重点任务责任落实分工的通知): tried after every single line."""
    notice, starts = lexicon().words("notice_words")[1], _pattern("notice_start")
    for j, last in enumerate(lines):
        if not last.endswith(notice):
            continue
        i = next((i for i in range(j - 1, max(-1, j - most), -1) if starts.search(lines[i])), None)
        if i is None or re.search(r"[。:;]", "".join(lines[i:j])):
            continue
        if i > 0 and org_suffix(lines[i - 1]) and not re.search(r"[。:;,]", lines[i - 1]):
            i -= 1   # the issuer on a line of its own
        yield "".join(lines[i:j + 1]), head[i:j + 1]


def _broken_over_lines(s: str, head: list[Paragraph], plan: str, most: int = 4) -> list[Paragraph] | None:
    """Consecutive head lines (two to `most`) that together spell the plan's name."""
    wanted = re.sub(r"\s+", "", plan)
    for i in range(len(head)):
        joined = ""
        for j in range(i, min(i + most, len(head))):
            joined += re.sub(r"\s+", "", s[head[j].start:head[j].end])
            if j > i and joined == wanted:
                return head[i:j + 1]
            if not wanted.startswith(joined):
                break
    return None


def _signed_by(s: str, head: list[Paragraph]) -> str | None:
    """The body that signs the notice: a name alone on the line above the date
    (济南市钢城区人民政府办公室 / 2021年4月10日)."""
    longest = lexicon().data["signature_issuer_max_length"]
    for p, below in zip(head, head[1:]):
        line = s[p.start:p.end].strip()
        if (_pattern("date_line").match(s[below.start:below.end].strip()) and len(line) <= longest
                and org_suffix(line) and not re.search(r"[。,;:]", line)):
            return line
    return None


def _printed_at(text: Text, value: str | None) -> Span | None:
    """Where a metadata value is printed first (its evidence)."""
    if not value:
        return None
    i = text.raw.find(value)
    return Span(i, i + len(value)) if i >= 0 else None


def _head_line(line: str) -> str:
    """A head line as text: a row of a page's table of facts unpiped (标 题: | X | || ->
    标 题: X), a site's category before it dropped (【…】X -> X)."""
    line = re.sub(r"\s*\|[\s|]*", " ", line).strip() if "|" in line else line.strip()
    return _pattern("head_category").sub("", line)


def _labelled(s: str, paras: list[Paragraph], labels: tuple[str, ...]) -> str | None:
    pattern = re.compile(rf"(?:{'|'.join(labels)})\s*[:】][\s|]*([\u4e00-\u9fff]+)")
    for p in paras:
        m = pattern.search(s, p.start, p.end)
        if m:
            return m[1]
    return None


def _national_number(meta: DocumentFacts) -> bool:
    """A central government's 文号 (国办发〔2018〕129号) on a document that names no
    issuer (a 文号 cited in the text comes after a title that names its place)."""
    prefixes = lexicon().words("national_doc_number_prefixes")
    return not meta.issuer and bool(meta.doc_number) and meta.doc_number.startswith(prefixes)


def _named_inside(title: str | None) -> str | None:
    """The first division a title names inside it (加快西宁市流通业发展实施意见 -> 西宁市)."""
    if not title:
        return None
    title = to_simplified(title)   # a title is printed as the file has it: 寶雞市 is 宝鸡市
    divs, shortest = knowledge.divisions(), lexicon().data["jurisdiction_in_title_min_length"]
    for i in range(len(title)):
        for n in range(min(len(title) - i, 12), shortest - 1, -1):
            if title[i:i + n] in divs:
                return divs[title[i:i + n]].name   # 恩施州: 恩施土家族苗族自治州
    provinces = knowledge.province_short_names()   # 数字广东建设2025年工作要点: 广东省
    return next((provinces[title[i:i + n]].name for i in range(len(title)) for n in (3, 2)
                 if title[i:i + n] in provinces), None)


def national_by_units(names: list[str]) -> bool:
    """Whether a document's units are the country's ministries and agencies (units.yaml
    `national_units`): its place, when its text names none."""
    rule, levels = knowledge.units().national_units, knowledge.units().jurisdiction_levels
    distinct = set(names)
    national = {n for n in distinct if n.startswith(rule.starts) or n in rule.names}   # 市场监管总局 too
    local = {n for n in distinct - national if n.startswith(levels)}                    # 市发改委, 省财政厅
    return len(distinct) >= rule.least and not local and len(national) >= rule.share * len(distinct)


def province_of(jurisdiction: str | None) -> str | None:
    """The province a division lies in (广州市 -> 广东省); None for none or 全国."""
    division = knowledge.divisions().get(jurisdiction) if jurisdiction else None
    return division.province if division else None


def place_by_units(names: list[str]) -> str | None:
    """The place of a document whose text names none, from the places its units name
    (units.yaml `placed_by_units`): the division at its own level (the 省/市 most of its
    units start with) that holds each of them (越秀区 beside 市… units: 广州市; 人民银行
    济南分行 beside 省… units: 山东省); None when they disagree or none is named."""
    k = knowledge.units()
    rule = k.placed_by_units
    own = Counter(next(lv for lv in k.jurisdiction_levels if n.startswith(lv))
                  for n in names if n.startswith(k.jurisdiction_levels)).most_common(1)
    level = rule.levels.get(own[0][0]) if own else None
    if level is None:
        return None
    held = {_holding(d, level) for n in set(names) if (d := _named_division(to_simplified(n))) is not None}
    held.discard(None)
    return held.pop() if len(held) == 1 else None


def _named_division(name: str) -> knowledge.Division | None:
    """The division a unit's name starts with (越秀区人民法院, 山东银保监局), or names after
    its system's name or before its system's kind, perhaps without its level word
    (人民银行济南分行, 青岛海关); None when none does or the name is shared."""
    divs, rule = knowledge.divisions(), knowledge.units().placed_by_units
    for n in range(min(len(name), 12), 2, -1):   # a whole name, not a stem (公安局 is no 公安县's)
        if name[:n] in divs:
            return None if name[:n] in knowledge.shared_division_names() else divs[name[:n]]
    if province := next((d for stem, d in knowledge.province_short_names().items() if name.startswith(stem)), None):
        return province
    system = next((p for p in rule.system_prefixes if name.startswith(p)), None)
    kind = next((k for k in rule.system_suffixes if name.endswith(k)), None)
    if system is not None:
        return _place_at_start(name[len(system):])
    return _place_at_start(name[:-len(kind)]) if kind is not None else None


def _place_at_start(s: str) -> knowledge.Division | None:
    """The division `s` starts with, its level word perhaps left out (济南分行: 济南市)."""
    divs, shared = knowledge.divisions(), knowledge.shared_division_names()
    for n in range(min(len(s), 8), 1, -1):
        found = {d for d in _with_a_level(s[:n]) if d in divs}
        if found:
            return divs[found.pop()] if len(found) == 1 and not found & shared else None
    return None


def _holding(division: knowledge.Division, level: str) -> str | None:
    """The division at `level` that holds `division`: its province; or, for a city's
    document, the city of a district or county (a municipality's district: the
    municipality). A city's document placed by a city's or a province's body is not."""
    if level == "province":
        return division.province
    if division.level != "county":
        return None
    city = knowledge.divisions().get(division.prefecture)
    if city is not None and city.level == level:
        return city.name
    city_word = tuple(p for p, lv in knowledge.units().placed_by_units.levels.items() if lv == level)
    return division.province if division.province.endswith(city_word) else None   # 北京市东城区


def _own_place(preamble: str) -> str | None:
    """结合官渡区实际 -> 官渡区; 结合淮安实际 -> 淮安市 (a name without its level word)."""
    return next((found for m in _pattern("own_place").finditer(preamble) if (found := _place(m["place"]))), None)


def _place(name: str) -> str | None:
    """The division of this name, or of this name and the first level word of
    units.yaml's `jurisdiction_levels` that makes one (泰州 -> 泰州市, 山东 -> 山东省)."""
    divs = knowledge.divisions()
    return next((divs[n].name for n in _with_a_level(name) if n in divs), None)


def _with_a_level(name: str) -> tuple[str, ...]:
    """A place's name as printed, then with each level word after it (泰州, 泰州市, 泰州省 …)."""
    return (name, *(name + level for level in knowledge.units().jurisdiction_levels))


def jurisdiction_of(name: str | None) -> str | None:
    """The longest administrative division a name starts with (宝鸡市人民政府办公室 -> 宝鸡市)."""
    if not name:
        return None
    name, divs = to_simplified(name), knowledge.divisions()
    for n in range(min(len(name), 12), 1, -1):
        if name[:n] in divs:
            return _division_within(name[n:], divs[name[:n]]) or divs[name[:n]].name
    return _place(name)   # an issuer printed as its place alone (泰州关于印发…的通知)


def _division_within(rest: str, outer: knowledge.Division) -> str | None:
    """济南市钢城区人民政府办公室: the county the name goes on to after its city."""
    divs = knowledge.divisions()
    for n in range(min(len(rest), 12), 1, -1):
        inner = divs.get(rest[:n])
        if inner is not None and outer.contains(inner):
            return inner.name
    return None
