"""Task lists published as tables (任务分工表): grids -> document text.

A grid is a list of rows of cell strings, merged cells already expanded (each
covered position holds the merged cell's text). The header row is recognised
by its column names (loaders/data/table_headers.yaml); section rows (one text
across the row, e.g. a merged 一、… row) become heading lines; a category
column becomes `类别:X` heading lines whenever its value changes; every data
row becomes one line in the ordinary numbered-item-with-clause form

    1.推行容缺受理。对非关键材料实行容缺受理。(牵头单位:市行政审批局;责任单位:市发改委、市住建局;完成时限:2022年12月底)

so the outline and clause rules that read prose read tables identically, and
the cell texts appear verbatim in the extracted text (evidence spans point at
them). Units split over lines inside a cell are joined with 、.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from . import knowledge
from .lexicon import lexicon
from .records import UNIT_ROLES
from .text import normalise, to_simplified


@lru_cache(maxsize=1)
def _sentence_ends() -> tuple[str, ...]:
    """What a task cell's text ends with (lexicon.yaml `sentence_ends`): no unit cell does."""
    return tuple(lexicon().data["sentence_ends"])


def _column_keyed(mapping: Mapping[int, str], key: str, default: int | None = None) -> int | None:
    """The index of the column a header mapping gives `key` (the first), else `default`."""
    return next((c for c, k in mapping.items() if k == key), default)


_UNIT_KEYS = tuple(UNIT_ROLES)   # table columns named after a role
_LABEL_COLUMNS = (*_UNIT_KEYS, "leader", "deadline")   # columns a clause label's role may name


@lru_cache(maxsize=1)
def _headers() -> tuple[dict[str, str], dict[str, str]]:
    data = knowledge._yaml("table_headers.yaml")
    synonyms = {}
    for key, words in data["columns"].items():
        for w in words:
            synonyms[w] = key
    return synonyms, data["clause_labels"]


def _default_category() -> str:
    """The label of category lines when the table names none: the first synonym."""
    return knowledge._yaml("table_headers.yaml")["columns"]["category"][0]


def _clean(cell) -> str:
    return normalise("" if cell is None else str(cell)).strip()


_HEADER_NOTE = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]$")


@lru_cache(maxsize=4096)   # every line of a text document is tried as a header cell
def column_of(header_cell: str) -> str | None:
    synonyms, _ = _headers()
    s = re.sub(r"\s+", "", to_simplified(_clean(header_cell)))
    s = _HEADER_NOTE.sub("", s).strip(":()()")   # 责任单位(排名第一的为牵头单位): the note aside
    if not s or len(s) > 12:
        return None
    if named := _column_named(s):
        return named
    for word in sorted(synonyms, key=len, reverse=True):
        if len(word) >= 2 and s.endswith(word):
            return synonyms[word]
    return None


def _column_named(s: str) -> str | None:
    """The column a header cell (simplified, no white space) names as a whole:
    a synonym of it, or a clause label of its role (牵头处室, 协办科室, 主要责任单位,
    which leads though it ends 责任单位)."""
    synonyms, _ = _headers()
    if s in synonyms:
        return synonyms[s]
    if lexicon().is_label(s) and lexicon().label_role(s) in _LABEL_COLUMNS:
        return lexicon().label_role(s)
    return None


def _names_a_column(cell: str) -> bool:
    """A header cell that is a column's name as a whole (牵头单位), not one that
    only ends like one (任务分工表序号: a title line and the 序号 below it)."""
    return _column_named(re.sub(r"\s+", "", to_simplified(_clean(cell)))) is not None


def header_map(row: list[str]) -> dict[int, str] | None:
    """Column index -> field, when this row is a task-table header."""
    found: dict[int, str] = {}
    for i, cell in enumerate(row):
        key = column_of(cell)
        if key == "task" and "task" in found.values():
            # 重点任务 | 具体措施: the later, narrower column is the task; the earlier
            # one (often merged over its rows) groups them, as a category column would
            earlier = next(j for j, k in found.items() if k == "task")
            free = [k for k in ("category", "content") if k not in found.values()]
            if free:
                found[earlier], found[i] = free[0], key
            continue
        if key and key not in found.values():
            found[i] = key
    fields = set(found.values())
    if "task" in fields and fields & set(_UNIT_KEYS):
        return found
    return None


def _task_in_each_row(mapping: dict[int, str], header: list[str], rows: list[list[str]]) -> None:
    """具体任务 | 工作措施 with a task of its own in every numbered row: the earlier
    column is the task and the later its content, not a group heading over them
    (a column that groups rows repeats its value, or is merged and left empty).
    Changes `mapping` in place."""
    earlier = next((j for j, k in mapping.items() if k == "category" and column_of(header[j]) == "task"), None)
    later = _column_keyed(mapping, "task")
    if earlier is None or later is None or "content" in mapping.values():
        return
    tasks = [r[earlier] if earlier < len(r) else "" for r in rows
             if len({c for c in r if c}) > 1]            # section rows left out
    if len(tasks) >= 2 and all(tasks) and len(set(tasks)) == len(tasks):
        mapping[earlier], mapping[later] = "task", "content"


def _shifted_by_a_section_column(mapping: dict[int, str], rows: list[list[str]]) -> None:
    """序号 | 重点任务 | 具体措施 over rows | 一、政务服务 | 1 | 推行告知承诺制 |: the
    sections sit in the 序号 column (merged over their rows) and every row's number in
    the task column, so each column holds what the header to its left names. The 序号
    column is then the category, the task column the number and the content column the
    task. Changes `mapping` in place."""
    col = {k: j for j, k in mapping.items()}
    if not {"seq", "task", "content"} <= col.keys() or "category" in col:
        return
    body = [r for r in rows if len({c for c in r if c}) > 1]
    seqs = [r[col["seq"]] for r in body if col["seq"] < len(r) and r[col["seq"]]]
    numbers = [r[col["task"]] for r in body if col["task"] < len(r)]
    if (seqs and numbers and all(_numbered_section(x) and not _section_number(x) for x in seqs)
            and all(re.fullmatch(r"\s*\d{1,3}\s*[、.．]?\s*", x) for x in numbers)):
        mapping[col["seq"]], mapping[col["task"]], mapping[col["content"]] = "category", "seq", "task"


@dataclass
class TableRenderer:
    """Renders successive grids of one document; a headerless grid with the
    column count of the previous task table continues it (split over pages)."""

    warnings: list[str] = field(default_factory=list)
    doubts: list[tuple[str, str]] = field(default_factory=list)   # (a written row, why to look at it)
    recognised: int = 0
    _mapping: dict[int, str] | None = None
    _width: int = 0
    _counter: int = 0
    _category: str | None = None
    _category_header: str = ""
    _tables_seen: int = 0
    _wrap_widths: dict[int, int] = field(default_factory=dict)   # column -> the width its cells wrap at

    def forget_last_table(self) -> None:
        """A headerless grid after this continues no table rendered before."""
        self._mapping = None

    def render(self, grid: list[list[str]], guessed: Mapping[int, str] | None = None,
               merges_unseen: bool = False) -> list[str] | None:
        """Lines for a task table, or None when the grid is not one. The rows
        `guessed` (grid index -> the lexicon's review key) were read by a
        guess: their lines go to `doubts` with the reason. `merges_unseen`: the
        grid was read from text (or a PDF), where a cell merged over rows shows in
        its first row only; a row whose lead cell is empty below one that is not
        goes to `doubts` too."""
        self._tables_seen += 1
        rows = [[_clean(c) for c in row] for row in grid]
        guessed = {sum(map(any, rows[:k])): why for k, why in (guessed or {}).items()}   # indices once empty rows are gone
        rows = [r for r in rows if any(r)]
        if not rows:
            return None
        start, header = None, []
        for i, row in enumerate(rows[:4]):
            two_rows = _two_row_header(row, rows[i + 1]) if i + 1 < len(rows) else None
            row = two_rows or row
            mapping = header_map(row)
            if mapping:
                self._mapping, self._width, start = mapping, len(row), i + (2 if two_rows else 1)
                _task_in_each_row(mapping, row, rows[start:])
                _shifted_by_a_section_column(mapping, rows[start:])
                header = rows[i:start]
                self._counter, self._category = 0, None
                cat = [row[j] for j, k in mapping.items() if k == "category" and column_of(row[j]) == k]
                self._category_header = re.sub(r"\s+", "", cat[0]) if cat else _default_category()
                unread = [c for j, c in enumerate(row) if c and j not in mapping
                          and any(j < len(r) and r[j] for r in rows[start:])]
                if unread:
                    self.warnings.append(f"table {self._tables_seen}: column(s) "
                                         f"{'、'.join(f'「{c}」' for c in unread)} not read "
                                         f"(not a known task-table header)")
                break
        if start is None:
            if self._mapping is None or max(len(r) for r in rows) != self._width:
                return None
            start = 0  # the same table continued (split over pages)
        self.recognised += 1
        self._wrap_widths = _wrap_widths(rows[start:]) or self._wrap_widths
        lines = _conventions_in_header(header)
        lead = _column_keyed(self._mapping, "lead") if merges_unseen else None
        above = ""   # the lead cell of the row above
        for n, row in enumerate(rows[start:], start + 1):
            if header_map(row):
                continue  # a header repeated on the next page
            items_before = self._counter
            written = self._row(row, n)
            if n - 1 in guessed and written:
                self.doubts.append((written[-1], lexicon().data[guessed[n - 1]]))
            if lead is not None and self._counter > items_before and lead < len(row):   # an item, no section
                if not row[lead] and above:
                    self.doubts.append((written[-1], lexicon().data["review_table_cell_maybe_merged"].format(
                        above=above.replace("\n", ""))))
                above = row[lead]
            lines.extend(written)
        return lines

    def _row(self, row: list[str], n: int) -> list[str]:
        assert self._mapping is not None
        where = f"table {self._tables_seen} row {n}"
        printed = len(row)
        if len(row) != self._width:
            extra = [c for c in row[self._width:] if c]
            if extra:
                self.warnings.append(f"{where}: {len(row)} cells but the header has {self._width}; "
                                     f"extra cells ignored: {' | '.join(extra)[:60]}")
            row = (row + [""] * self._width)[: self._width]
        distinct = {c for c in row if c}
        if len(distinct) == 1:          # a section row (merged across the row, or alone)
            return [next(iter(distinct)).replace("\n", "")]
        cells: dict[str, str] = {}
        for i, key in self._mapping.items():
            if row[i]:
                cells[key] = row[i]
        seq = cells.get("seq", "").replace("\n", "")
        if _section_number(seq) and not set(cells) - {"seq", "task", "category"}:
            # | 一 | 营商环境 | | |: a section numbered in the 序号 column, no units, no deadline
            rest = "".join(c.replace("\n", "") for i, c in enumerate(row) if c and self._mapping.get(i) != "seq")
            return [seq.rstrip("、.．") + "、" + rest]
        if printed < self._width:
            self.warnings.append(f"{where}: {printed} cells but the header has {self._width}")
        if "task" not in cells:
            self.warnings.append(f"{where}: no text in the task column; row skipped")
            return []
        out: list[str] = []
        category = cells.get("category", "").replace("\n", "")
        if category and category != self._category:
            self._category = category
            # 一、经济发展 in the category column is a numbered section: its label goes in the path
            out.append(category if _numbered_section(category) else f"{self._category_header}:{category}")
        self._counter += 1
        seq = seq or str(self._counter)
        if not re.search(r"[、.．)）]$", seq):
            seq += "."
        task = cells["task"].replace("\n", "")
        if cells.get("content"):
            task = task.rstrip("。") + "。" + cells["content"].replace("\n", "")
        _, labels = _headers()
        parts = []
        for key, label in labels.items():
            value = cells.get(key, "")
            if value and lexicon().label_re.match(to_simplified(value.strip())):
                # 牵头单位:X / 配合单位:Y inside one 责任单位 cell: the cell labels its own parts
                parts.append(";".join(x.strip() for x in value.split("\n") if x.strip()))
            elif value:
                wrap = next((w for c, w in self._wrap_widths.items() if self._mapping.get(c) == key), None)
                parts.append(f"{label}:{_join_lines(value, key, wrap)}")
        clause = f"({';'.join(parts)})" if parts else ""
        out.append(f"{seq}{task}{clause}")
        return out


def _conventions_in_header(header: list[list[str]]) -> list[str]:
    """Header cells whose note declares a convention (责任单位(排名第一的为牵头单位)):
    the document's, so each becomes a line of its own before the rows it governs."""
    lx = lexicon()

    def declares(cell: str) -> bool:
        note = _HEADER_NOTE.search(cell)
        return note is not None and any(p.search(to_simplified(note.group()))
                                        for p in (lx.first_is_lead_re, lx.responsible_is_lead_re))

    return list(dict.fromkeys(c for row in header for c in row if declares(c)))


def _two_row_header(head: list[str], sub: list[str]) -> list[str] | None:
    """序号 | 任务内容 | 责任单位 (over two columns) | 完成时限 above
    序号 | 任务内容 | 牵头单位 | 配合单位 | 完成时限 (merged cells repeated): the header
    is the lower row where it names a column and differs, else the upper one.
    None when `sub` is not such a second header row."""
    if len(sub) != len(head):
        return None
    if not any(c and c == h and column_of(c) for h, c in zip(head, sub)):
        return None   # no column header merged over both rows: `head` is a title above the header
    named = [j for j, (h, c) in enumerate(zip(head, sub)) if c and c != h and column_of(c)]
    if not named or any(c and c != h and column_of(c) is None for h, c in zip(head, sub)):
        return None
    return [sub[j] if j in named else h for j, h in enumerate(head)]


def _section_number(seq: str) -> bool:
    """一, 二、, 第三: a Chinese numeral as written for a section, not an item."""
    lx = lexicon().data
    return bool(re.fullmatch(rf"(?:{lx['ordinal_prefix']})?[{lx['cn_numerals']}]+", seq.rstrip("、.．")))


def _numbered_section(text: str) -> bool:
    """一、经济发展, (一)营商环境: a cell that opens with a section's label, as the
    outline reads labels."""
    from .outline import label_style   # outline reads the text tables write: imported when used

    return label_style(text) in ("cn", "pcn")


def _join_lines(value: str, key: str, wrap: int | None = None) -> str:
    """Lines inside a cell: one unit per line (join with 、), or a long name
    wrapped by the page layout, as PDFs do (join without a separator). A place
    alone on a line (湟源县) is one of the units when two lines at least are
    units; beside one other line it may be a name cut by a wrap (西宁市 / 城北区政府).
    `wrap`: the width the column's cells wrap at (_wrap_widths); a cell whose
    lines but the last all reach it was wrapped, whatever its lines hold
    (省委宣传部、省人力资源社 / 会保障厅)."""
    lines = [x.strip() for x in value.split("\n") if x.strip()]
    if wrap and len(lines) > 1 and all(_width(x) >= wrap - _WRAP_SLACK for x in lines[:-1]):
        return "".join(lines)
    units = sum(map(_unit_line, lines))
    places = sum(map(_place_line, lines))
    if len(lines) > 1 and key in _UNIT_KEYS and units + places == len(lines) and (not places or units >= 2):
        return "、".join(x.rstrip("、,;") for x in lines)
    return "".join(lines)


@lru_cache(maxsize=4096)
def _unit_line(line: str, most: bool = False) -> bool:
    """A line of unit names, as the clause grammar splits a list (市审批局(牵头) /
    市直有关部门 / 县公安局、县人社局); not a name cut by a wrap (…、西宁 / 经济技术
    开发区…; …开发区各 / 园区管委会). `most`: half of its names or more are units
    (…等部门及各县区、开发区、园区), enough to tell a line of units from prose."""
    from .units import is_collective, looks_like_unit

    names = [name for name, _ in _cell_names(line)]
    each = knowledge.units().each_word
    units = sum(len(x) >= 3 and (looks_like_unit(x) or is_collective(x)) for x in names)
    return (bool(names) and not any(x.endswith(each) for x in names)
            and (2 * units >= len(names) if most else units == len(names)))


@lru_cache(maxsize=4096)
def _cell_names(text: str) -> tuple[tuple[str, str], ...]:
    """The names a cell's text lists, as the clause grammar splits a list: (the
    simplified name, its kind: unit or collective)."""
    from .text import Text
    from .units import split_units

    t = Text.of(normalise(text).strip())
    return tuple((t.simp[p.start:p.end], kind) for p, kind in split_units(t, 0, len(t.raw)))


def _names_not_units(cell: str) -> int:
    """How many of a unit cell's names are no unit's (省经济和信 / 息化厅: a name
    cut where a cell's lines were parted)."""
    from .units import unit_problem

    return sum(unit_problem(name, kind == "collective") is not None for name, kind in _cell_names(cell))


def _wrap_widths(rows: list[list[str]]) -> dict[int, int]:
    """The width each column's cells were wrapped at, where the text shows one:
    the lines of its cells but their last ones (four at least), most of them of
    one display width (±_WRAP_SLACK). Cells of one unit per paragraph show none."""
    out = {}
    for c in range(max(map(len, rows), default=0)):
        widths = [_width(x.strip()) for r in rows if c < len(r) and "\n" in r[c] for x in r[c].split("\n")[:-1]]
        if len(widths) < _WRAP_LINES_MIN:
            continue
        top = max(set(widths), key=lambda w: sum(abs(x - w) <= _WRAP_SLACK for x in widths))
        near = sum(abs(x - top) <= _WRAP_SLACK for x in widths)
        if top >= _WRAP_WIDTH_MIN and near >= _WRAP_SHARE * len(widths):
            out[c] = max(x for x in widths if abs(x - top) <= _WRAP_SLACK)
    return out


def _place_line(line: str) -> bool:
    """A place's name alone on a line (湟源县, 东川园区)."""
    from .units import place_suffix

    return len(line) <= _PLACE_MAX and bool(place_suffix(line)) and not _unit_line(line)


# --- tables written as text ------------------------------------------------------

_HEADER_CELL_MAX = 12
_PLACE_MAX = 8           # a county's or a park's name, alone on a line of a unit cell
_WRAP_LINES_MIN = 4      # lines (not a cell's last) that show the width a column's cells wrap at
_WRAP_SLACK = 1          # display columns a wrapped line may fall short of that width (less than a CJK character)
_WRAP_WIDTH_MIN = 12     # display columns: narrower "wraps" are short lines, not a width
_WRAP_SHARE = 0.75       # of those lines, the share that must be of one width
_HEADER_CELLS_MAX = 12   # a task table has fewer columns
_WRAP_LINES_MAX = 80     # lines a row of one cell per line may take beyond one a cell (a long task wrapped)
_WAYS_MAX = 20000        # ways of dealing a row's lines to its cells tried (~0.05 s)
_NOT_A_WAY = 1000        # a way of dealing that puts an empty cell's line in a cell with others
_ROW_NUMBER = re.compile(r"(\d{1,4})[.、．]?")
_PIPE_RULE = re.compile(r"^[\s|:+\-=—]*$")
_BREAK_IN_CELL = re.compile(r"<br\s*/?>", re.I)


def _cells(line: str, in_table: bool = False) -> list[str] | None:
    """The cells of a text table row: `| a | b |` or `a<TAB>b<TAB>c`; inside a
    table a row of two cells (`一<TAB>营商环境`, a section) is one too."""
    s = line.strip()
    least = 1 if in_table else 2
    if s.count("|") >= 2:   # a line break inside a cell is <br> (Markdown has no other)
        return [_BREAK_IN_CELL.sub("\n", c).strip() for c in s.strip("|").split("|")]
    if line.count("\t") >= least and s:
        return [c.strip() for c in line.strip("\n").split("\t")]
    return None


def text_tables(text: str, renderer: "TableRenderer") -> str:
    """Plain text whose task tables were written as text, rendered like any
    other task table: pipe rows (`| 序号 | 重点任务 | 牵头单位 |`), tab-separated
    rows (a section's line among them with no separator: a merged row copied
    from a word processor), one cell per line under a header of one cell per line (header
    cells may be split over two lines: `牵头` / `单位`), or columns aligned with
    spaces (a PDF converted with its layout kept)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        block: list[list[str]] = []
        j = i
        while j < len(lines):
            cells = _cells(lines[j], bool(block))
            if cells is None and block and _section_line(lines[j]) and _rows_go_on(lines, j + 1):
                cells = [lines[j].strip()]   # a merged section row copied as its text alone
            if cells is None and not (block and _PIPE_RULE.match(lines[j]) and lines[j].strip()):
                break
            if cells is not None and not _PIPE_RULE.match(lines[j]):
                block.append(cells)
            j += 1
        if len(block) >= 2:
            rendered = renderer.render(block, merges_unseen=True)
            if rendered is not None:
                out.extend(rendered)
                i = j
                continue
        found = _cell_per_line_table(lines, i) or _aligned_table(lines, i)
        if found is not None:
            grid, j, guessed = found
            rendered = renderer.render(grid, guessed, merges_unseen=True)
            if rendered is not None:
                out.extend(rendered)
                i = j
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def unread_header(text: str) -> str | None:
    """A line of the text that is a task table's header (序号 重点任务 牵头单位 …,
    its cells set apart by any white space) left as text: a table no reader
    could read (its cells set apart by single spaces, as a page shows tabs)."""
    for line in text.split("\n"):
        cells = line.split()
        if 3 <= len(cells) <= _HEADER_CELLS_MAX and len(line) <= 120 and _task_table_header(header_map(cells)):
            return line.strip()
    return None


def _task_table_header(mapping: dict[int, str] | None) -> bool:
    """Does a header's mapping name a task column and a unit column?"""
    return bool(mapping) and "task" in mapping.values() and bool(set(mapping.values()) & set(_UNIT_KEYS))


def unread_header_per_line(text: str) -> str | None:
    """A task table's header printed one cell per line with no 序号 column (重点任务 /
    牵头单位 / 配合单位 / 完成时限), left as text: its rows, one cell per line too, have no
    number that tells where each starts. Its cells joined by " / ", else None."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not 0 < len(line.strip()) <= _HEADER_CELL_MAX:
            continue
        found = _header_cells(lines, i)
        mapping = header_map(found[0]) if found else None
        if _task_table_header(mapping) and "seq" not in mapping.values():
            return " / ".join(found[0])
    return None


def _rows_go_on(lines: list[str], k: int) -> bool:
    """Rows of cells follow from lines[k], after any sections' lines (二、… / (一)…)."""
    while k < len(lines) and _cells(lines[k], True) is None and _section_line(lines[k]):
        k += 1
    return k < len(lines) and _cells(lines[k], True) is not None


def _header_cells(lines: list[str], i: int) -> tuple[list[str], int, bool] | None:
    """A header written one cell per line from lines[i] (blank lines between
    cells allowed, as a web page's text has them): (cells, index after,
    whether blank lines stood between its cells)."""
    cells: list[str] = []
    filled = _filled_lines(lines, i, _HEADER_CELLS_MAX * 2)
    n = 0
    while n < len(filled):
        one = filled[n][1]
        nxt = filled[n + 1][1] if n + 1 < len(filled) else ""
        two = one + nxt
        if (nxt and len(two) <= 8 and filled[n + 1][0] == filled[n][0] + 1 and _names_a_column(two)
                and not (column_of(one) and column_of(nxt))):
            cells.append(two)           # 牵头 / 单位 split over two lines
            n += 2
        elif column_of(one):
            cells.append(one)
            n += 1
        else:
            break
    if len(cells) >= 3 and header_map(cells):
        end = filled[n - 1][0] + 1
        return cells, end, end - i > n
    return None


def _filled_lines(lines: list[str], i: int, most: int) -> list[tuple[int, str]]:
    """(index, stripped text) of the first `most` non-blank lines from lines[i]."""
    out: list[tuple[int, str]] = []
    for k in range(i, len(lines)):
        s = lines[k].strip()
        if s:
            out.append((k, s))
            if len(out) == most:
                break
    return out


def _row_number(line: str) -> int | None:
    """1 / 1. / 1、: a row's running number, alone on its line."""
    found = _ROW_NUMBER.fullmatch(line.strip())
    return int(found[1]) if found else None


def _section_line(line: str) -> bool:
    """一、营商环境 / (一)… / 1.提升…: a heading's line between rows, not a row's number."""
    from .outline import label_style

    return _row_number(line) is None and label_style(line.strip()) is not None


def _cell_per_line_table(lines: list[str], i: int) -> tuple[list[list[str]], int, dict[int, str]] | None:
    """A table flattened to one cell per line, as a web page's text gives it:
    a header of one cell per line, then rows that each start with their running
    number (序号 first). Where the header's cells stand on consecutive lines, a
    blank line in a row is an empty cell; where blank lines part them, they part
    the cells too. A section's line (一、…, (一)…, 1.…) before a row is a section
    row; a row of more or fewer lines than the header has cells is dealt to its
    cells by what each line holds (_cells_of_lines). Returns the grid, the
    index after it and the grid rows whose dealing was a guess."""
    if not 0 < len(lines[i].strip()) <= _HEADER_CELL_MAX:   # a header cell is short
        return None
    found = _header_cells(lines, i)
    if found is None:
        return None
    header, end, spaced = found
    mapping = header_map(header)
    if mapping is None or mapping.get(0) != "seq":
        return None
    width = len(header)
    grid = [header]
    doubts: dict[int, str] = {}
    expected = 1
    while True:
        filled = _filled_lines(lines, end, width + _WRAP_LINES_MAX + 1)
        sections = []
        while filled and _section_line(filled[0][1]):
            sections.append(filled.pop(0)[1])   # a section row, if a row follows
        if not filled or _row_number(filled[0][1]) != expected:
            break
        start = filled[0][0]
        nxt = next((k for k, s in filled[1:] if _row_number(s) == expected + 1), None)
        if nxt is None:   # the last row: what follows it may be prose
            row = _last_row(lines, start, width, spaced)
        else:
            row = lines[start:nxt]
            while row and ((spaced and not row[-1].strip()) or (len(row) > width and _section_line(row[-1]))):
                row.pop()      # blank lines that part cells, and the next row's section rows
        lines_read = len(row)
        row = _without_page_break(row, header)
        # blank lines part the cells: a run of lines between them is one cell (wrapped)
        values = _runs_of_lines(row) if spaced else [x.strip() for x in row]
        if len(values) != width:
            dealt = _cells_of_lines(values, mapping, width, blank_cells=not spaced)
            if dealt is None:
                break
            values, doubtful = dealt
            if doubtful:
                doubts[len(grid) + len(sections)] = "review_table_lines_dealt"
        grid.extend([s] for s in sections)
        grid.append(values)
        end = start + lines_read
        expected += 1
    return (grid, end, doubts) if len(grid) > 1 else None


def _without_page_break(row: list[str], header: list[str]) -> list[str]:
    """A row's lines without what a page break put among them: the page's
    number (- 2 -) and the header's cells printed again at the next page's top."""
    mark = lexicon().named("page_mark_pattern")
    row = [x for x in row if not mark.match(x)]
    filled = [(n, x.strip()) for n, x in enumerate(row) if x.strip()]
    for k in range(len(filled) - len(header) + 1):
        if [x for _, x in filled[k:k + len(header)]] == header:
            return row[:filled[k][0]] + row[filled[k + len(header) - 1][0] + 1:]
    return row


def _runs_of_lines(lines: list[str]) -> list[str]:
    """Runs of non-blank lines, each one text (its lines kept apart by \n)."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            runs[-1].append(line.strip())
        elif runs[-1]:
            runs.append([])
    return ["\n".join(run) for run in runs if run]


def _last_row(lines: list[str], start: int, width: int, spaced: bool) -> list[str]:
    """The lines of a table's last row: as many cells as the header has (blank
    lines counted as cells where they are cells), then any lines of units or a
    deadline that follow (a unit cell of one unit per line), up to a deadline."""
    row: list[str] = []
    cells = 0
    for n, line in enumerate(lines[start:]):
        s = line.strip()
        if cells >= width and not (s and (_unit_line(s, most=True) or _place_line(s) or _deadline_line(s))):
            break
        row.append(line)
        cells += bool(s) or not spaced
        if cells >= width and n and _deadline_line(s):
            break   # the row's deadline: what follows is not the row's (a signature's unit)
    return row


def _deadline_line(line: str) -> bool:
    return bool(lexicon().deadline_re.match(to_simplified(line)))


def _cells_of_lines(values: list[str], mapping: dict[int, str], width: int,
                    blank_cells: bool = False) -> tuple[list[str], bool] | None:
    """A row's lines dealt to its cells when there are more or fewer lines than
    cells: the columns before the task take a line each, and the lines from the
    task on are split where they fit best (_Dealing): lines of unit names in the
    unit columns, prose in the task, a deadline in the deadline column; a column
    other than the task may be empty (a cell of several paragraphs, or of one unit
    per line, gave several lines; an empty cell none). Ties go to the way closest
    to a line a cell, then to the one where the earlier unit column takes fewer
    lines (one lead, its helpers listed one per line). Cells keep their lines
    apart (\n), as a cell read from a real table does. With the cells, whether
    another way fitted as well, as close to a line a cell, and gave units other
    roles: then the row's record is flagged (RawDocument.doubts).
    `blank_cells`: an empty line in `values` is an empty cell, a cell of its own,
    and every cell has a line at least."""
    task = _column_keyed(mapping, "task")
    if len(values) < task + 1:
        return None
    dealing = _Dealing(values[task:], [mapping.get(c) for c in range(task, width)])
    rest, keys = dealing.lines, dealing.keys
    if math.comb(len(rest) - 1 + len(keys) - 1, len(keys) - 1) > _WAYS_MAX:   # too many to try: a guess
        return values[:task] + ["\n".join(rest[:len(rest) - len(keys) + 1]), *rest[len(rest) - len(keys) + 1:]], True
    least = int(blank_cells and len(rest) >= len(keys))   # fewer lines than cells: empty ones left none
    fits = {way: dealing.fit(way) for way in _compositions(len(rest), len(keys), least)
            if way[0] == 1 or not dealing.task_ends}
    if not fits:
        return None
    best = max(fits, key=fits.__getitem__)
    roles = {_role_split(keys, way) for way, f in fits.items() if f[:2] == fits[best][:2]}
    cells, at = values[:task], 0
    for size in best:
        cells.append("\n".join(rest[at:at + size]))
        at += size
    return cells, len(roles) > 1


class _Dealing:
    """The lines of a row from its task on, what each looks like, and how well a
    way of dealing them to the cells (`keys`, the task's first) fits."""

    def __init__(self, lines: list[str], keys: list[str | None]):
        self.keys = keys
        ends = [x.rstrip().endswith(_sentence_ends()) for x in lines]   # no unit cell ends a sentence
        flat = [x.replace("\n", "") for x in lines]   # a run of lines (a wrapped cell) read as one
        units = [(_unit_line(x, most=True) or _place_line(x)) and not end for x, end in zip(flat, ends)]
        deadlines = [_deadline_line(x) for x in flat]
        self.task_ends = False
        if all(key in _UNIT_KEYS or key == "deadline" for key in keys[1:]):
            # only units and a deadline after the task: up to its last line of prose, the lines are
            # the task's; up to its last sentence's end, only they are (the cells after it wrapped too)
            prose = [n for n in range(len(lines)) if lines[n] and not units[n] and not deadlines[n]]
            sentence_ends = [n for n in prose if ends[n]]
            cut = sentence_ends[-1] if sentence_ends else max(prose, default=0)
            self.task_ends = bool(sentence_ends)
            if cut:
                lines = ["\n".join(lines[:cut + 1]), *lines[cut + 1:]]
                units, deadlines = [False, *units[cut + 1:]], [False, *deadlines[cut + 1:]]
        self.lines, self.units, self.deadlines = lines, units, deadlines
        self._cut_names: dict[tuple[int, int], int] = {}

    def cut_names(self, at: int, size: int) -> int:
        """Names a unit cell of these lines would hold that are no unit's (a wrap cut them)."""
        if (at, size) not in self._cut_names:
            cell = _join_lines("\n".join(self.lines[at:at + size]), "lead")
            self._cut_names[at, size] = _names_not_units(cell) if size else 0
        return self._cut_names[at, size]

    def fit(self, parts: tuple[int, ...]) -> tuple[int, int, tuple[int, ...]]:
        """(how well the lines fit the cells, how close to a line a cell, unit cells' sizes negated)."""
        score, at = 0, 0
        for key, size in zip(self.keys, parts):
            if size > 1 and not all(self.lines[at:at + size]):
                score -= _NOT_A_WAY   # an empty cell's line is a cell of its own
            lines = [n for n in range(at, at + size) if self.lines[n]]
            if key in _UNIT_KEYS:
                score += sum(1 if self.units[n] else -2 for n in lines) - 2 * self.cut_names(at, size)
            elif key == "task":
                score -= 2 * sum(self.units[n] or self.deadlines[n] for n in lines if n > at)
            elif key == "deadline":   # a deadline column holds nothing else
                score += sum(1 if self.deadlines[n] else -3 for n in lines)
            else:
                score -= max(size - 1, 0)
            at += size
        unit_sizes = tuple(-size for key, size in zip(self.keys, parts) if key in _UNIT_KEYS)
        return score, -sum(abs(size - 1) for size in parts), unit_sizes


def _role_split(keys: list[str | None], sizes: tuple[int, ...]) -> tuple[tuple[str, int, int], ...]:
    """Which lines a way of dealing gives each unit column: (role, first line,
    lines), lines counted from the task's first."""
    out, at = [], 0
    for key, size in zip(keys, sizes):
        if key in _UNIT_KEYS:
            out.append((key, at, size))
        at += size
    return tuple(out)


def _compositions(total: int, parts: int, least: int = 0):
    """Every way to deal `total` lines to `parts` cells in order: the first (the
    task) takes one or more, the others `least` or more."""
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total + 1):
        for rest in _later_sizes(total - first, parts - 1, least):
            yield (first, *rest)


def _later_sizes(total: int, parts: int, least: int):
    if parts == 0:
        if total == 0:
            yield ()
        return
    for first in range(least, total + 1):
        for rest in _later_sizes(total - first, parts - 1, least):
            yield (first, *rest)


# --- columns aligned with spaces ------------------------------------------------------

_GAP = re.compile(r"(?: {2,}|\u3000+|\t+)")
_COLUMN_SLACK = 2   # display columns a stretch may start off its column's start
_SHORT_OF_THE_EDGE = 1   # display columns a wrapped line may stop short of its column's edge (a CJK character: 2)


def _width(s: str) -> int:
    """Columns a string takes in a fixed-width layout (CJK characters two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _segments(line: str) -> list[tuple[int, str]]:
    """(display column, text) of each stretch between gaps of two spaces or more."""
    out, pos = [], 0
    for part in _GAP.split(line.rstrip()):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((_width(line[:pos + lead]), part.strip()))
        pos += len(part)
        gap = _GAP.match(line, pos)
        pos = gap.end() if gap else pos
    return out


def _split_at_columns(segments: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """Stretches split where a single space is followed by text that starts at a
    later column's start: a cell as wide as its column leaves one space before the
    next (国网某市供电公司 市发改委 is two cells, 牵头 and 配合, not a list of two leads)."""
    out = []
    for col, value in segments:
        cut, cut_at, at = 0, col, col   # where the current cell starts, in characters and columns
        for k, ch in enumerate(value):
            at += _width(ch)
            if ch == " " and k > cut and any(abs(at - start) <= 1 for start in starts if start > col):
                out.append((cut_at, value[cut:k]))
                cut, cut_at = k + 1, at
        out.append((cut_at, value[cut:]))
    return out


def _aligned_table(lines: list[str], i: int) -> tuple[list[list[str]], int, dict[int, str]] | None:
    """A header whose cells are separated by runs of spaces, then rows aligned
    under it: each stretch goes to the column whose start is nearest its own
    (an empty cell is a gap), or, in a row of as many stretches as the header
    has cells, to the column of its place (cells set two spaces apart, not
    aligned: text copied from a web page). A row whose first column is empty
    continues the row above (a cell wrapped over lines), unless the cells are
    centred in their rows (_centred_rows). Blank lines between rows (a PDF's
    row heights kept) part the rows: the lines between two blank lines are one
    row, whatever line its number is on. Ends at a blank line not followed by a
    line of the table. Returns the grid, the index after it and the grid rows
    whose lines were parted by a guess."""
    if len(lines[i]) > 200 or len(_GAP.findall(lines[i].strip())) < 2:   # most lines: no header
        return None
    header = _segments(lines[i])
    if len(header) < 3 or header_map([c for _, c in header]) is None:
        return None
    j = i + 1
    if j < len(lines) and (wrapped := _header_wrapped(header, lines[j], below=True)):
        header, j = wrapped, j + 1
    if i and (wrapped := _header_wrapped(header, lines[i - 1], below=False)):
        header = wrapped
    starts = [col for col, _ in header]
    header_cells = [c for _, c in header]
    columns = header_map(header_cells) or {}
    blocks: list[list[list[str]]] = [[]]   # the table's lines as cells, parted where blank lines stood
    while j < len(lines):
        if _page_break_line(lines[j], columns):   # a page's number, or the header printed again on the next page
            wrapped = j + 1 < len(lines) and _header_wrapped(_segments(lines[j]), lines[j + 1], below=True)
            j += 2 if wrapped else 1
            continue
        if not lines[j].strip():
            k = next((n for n in range(j + 1, len(lines)) if lines[n].strip()), None)
            if k is None or not _in_columns(lines[k], starts):
                break
            blocks.append([])
            j = k
            continue
        blocks[-1].append(_aligned_row(lines[j], starts))
        j += 1
    blocks = [b for b in blocks if b]
    task = _column_keyed(columns, "task", default=1)
    if len(blocks) > 1:   # parted by blank lines: a block is a row
        rows, parted = [_joined(block) for block in blocks], set()
    elif blocks:
        keys = [columns.get(c) for c in range(len(header_cells))]
        if _centred(blocks[0]):
            rows, parted, _ = _centred_rows(blocks[0], keys)
        else:
            rows, parted = _top_aligned_rows(blocks[0], task)
            if parted:   # a row may start above its number: so it does if every cell sits in its row's middle
                centred = _centred_rows(blocks[0], keys)
                if centred[2] < _MISFIT:   # (within a line where the middle falls between two)
                    rows, parted = centred[:2]
    else:
        return None
    return [header_cells, *rows], j, {n + 1: "review_table_rows_parted" for n in parted}


def _page_break_line(line: str, columns: dict[int, str]) -> bool:
    """A line a page break leaves inside a table printed as text: the page's
    number (- 2 -), or the table's header (`columns`, its header_map) repeated
    at the next page's top."""
    if lexicon().named("page_mark_pattern").match(line):
        return True
    cells = [c for _, c in _segments(line)]
    return len(cells) >= 3 and header_map(cells) == columns


def _header_wrapped(header: list[tuple[int, str]], line: str, below: bool) -> list[tuple[int, str]] | None:
    """An aligned header whose cells wrap over two lines (完成 / 时限, 责任 / 单位):
    the header with `line`'s stretches (the line below it, or above) joined to
    the cells whose columns they stand in, when each cell so joined names a
    column; else None (a row, prose)."""
    segments = _segments(line)
    if not segments or _row_number(segments[0][1]) is not None:
        return None
    cells = [list(cell) for cell in header]
    for col, text in segments:
        k = max((n for n, (start, _) in enumerate(header) if start - _COLUMN_SLACK <= col), default=None)
        if k is None or len(text) > _HEADER_CELL_MAX:
            return None
        cells[k][1] = cells[k][1] + text if below else text + cells[k][1]
        if column_of(cells[k][1]) is None:
            return None
    return [(col, text) for col, text in cells]


def _top_aligned_rows(lines: list[list[str]], task: int) -> tuple[list[list[str]], set[int]]:
    """The rows of an aligned table whose cells start at the top of their rows:
    a line with the first column empty continues the row above (its cells
    wrapped), but where it may be the next row's first (_a_row_may_start) both
    rows are doubtful. Returns the rows and the indices of the doubtful ones."""
    rooms = _edges(lines)
    out: list[list[str]] = []
    doubtful: set[int] = set()
    above: list[str] = []   # each column's text on the row's lines so far, the last
    for row in lines:
        if row[0] or not out:
            out.append(row)
            above = list(row)
            continue
        if _a_row_may_start(above, row, rooms, task):
            doubtful.update((len(out) - 1, len(out)))
        out[-1] = _joined([out[-1], row])
        above = [c or a for c, a in zip(row, above)]
    return out, doubtful


def _a_row_may_start(above: list[str], row: list[str], rooms: list[int], task: int) -> bool:
    """A line read as the cells above wrapped that may be the next row's first
    instead (its cells centred in a row whose number is on a later line): in a
    column, the text above stopped well short of the column's edge, so it was not
    wrapped there; in the task's column, only after a sentence's end and not
    before a labelled paragraph of the same cell ((1)…, 2.…)."""
    from .outline import label_style

    def cut_short(c: int) -> bool:
        if not (row[c] and above[c] and _width(above[c]) < rooms[c] - _SHORT_OF_THE_EDGE):
            return False
        return c != task or (above[c].rstrip().endswith(_sentence_ends()) and label_style(row[c].strip()) is None)

    return any(cut_short(c) for c in range(1, len(row)))


def _edges(lines: list[list[str]]) -> list[int]:
    """Each column's edge in an aligned table's lines: the display width of its widest line."""
    return [max(_width(line[c].rstrip()) for line in lines) for c in range(len(lines[0]))]


def _cell_of_lines(lines: list[str], edge: int) -> str:
    """One cell from its lines in an aligned table: a line that reaches the
    column's edge was wrapped there and goes on in the next (相关市(州) /
    人民政府); one that stops short ended there (one unit a line), and the
    lines stay apart (\n) for _join_lines to read."""
    out, above = "", ""
    for line in filter(None, lines):
        out += line if not out or _width(above.rstrip()) >= edge - _SHORT_OF_THE_EDGE else "\n" + line
        above = line
    return out


def _joined(rows: list[list[str]]) -> list[str]:
    """Lines of one row, each a list of cells: the row's cells."""
    return ["".join(cells) for cells in zip(*rows)]


def _is_section_row(row: list[str]) -> bool:
    return bool(row[0]) and not any(row[1:]) and _section_line(row[0])


def _centred(rows: list[list[str]]) -> bool:
    """Cells centred in their rows: a line with the first column empty (no row's
    number) shows text in a column where the line above showed none (the upper
    half of a row whose number is on a later line; right below the header or a
    section's line, any text). A table whose cells start at the top of their
    rows continues on such a line only cells begun above."""
    for n, row in enumerate(rows):
        if row[0]:
            continue
        above = rows[n - 1] if n else None
        if above is None or _is_section_row(above) or any(c and not a for c, a in zip(row[1:], above[1:])):
            return True
    return False


def _centred_rows(rows: list[list[str]], keys: list[str | None]) -> tuple[list[list[str]], set[int], int]:
    """The rows of a table whose cells are centred in their rows, from its
    lines. A row's lines hold its number and, in every column, its cell's lines
    with as many blank lines above as below (one more below where they cannot
    be equal, or above: a PDF rounds a middle between two lines either way, as
    a rule one way for the whole table): where two rows' cells touch, that
    decides which lines are whose (_row_parts). A section's line is a row of
    its own and parts the table.
    Returns the rows, the indices of those whose lines were still a guess
    (another parting fitted as well, or none fitted exactly) and what the
    partings cost (0: every cell centred, _row_parts). `keys`: each column's
    field (header_map)."""
    out: list[list[str]] = []
    guessed: set[int] = set()
    segment: list[list[str]] = []
    costs = []

    def flush() -> None:
        numbers = [i for i, r in enumerate(segment) if _row_number(r[0]) is not None]
        if numbers:
            rooms = _edges(segment)
            parts, doubtful, cost = min((_row_parts(segment, numbers, keys, rooms, below)
                                         for below in (True, False)), key=lambda found: found[2])
            costs.append(cost)
            for k, (top, end) in enumerate(zip(parts, parts[1:])):
                out.append([segment[numbers[k]][0], *(_cell_of_lines([line[c] for line in segment[top:end]], rooms[c])
                                                      for c in range(1, len(segment[0])))])
                if k in doubtful:
                    guessed.add(len(out) - 1)
        segment.clear()

    for row in rows:
        if _is_section_row(row):
            flush()
            out.append(row)
        else:
            segment.append(row)
    flush()
    return out, guessed, sum(costs)


_MISFIT = 1000   # a misfit costs more than any number of cells one line off their middle the other way
_ROWS_SEARCHED_WHOLE = 24   # between two numbers up to this many lines apart, every place a row may end is tried
_NEAR_THE_MIDDLE = 3        # else only where the row's number is this close to its middle (lines above vs below)


def _row_parts(lines: list[list[str]], numbers: list[int], keys: list[str | None], rooms: list[int],
               below: bool) -> tuple[list[int], set[int], int]:
    """Where the rows of one stretch of a centred table part: row k holds its
    number (the line numbers[k]) and the lines from parts[k] to parts[k+1].
    A parting costs, for each cell, how far it sits from its row's middle
    (`below`: an odd blank line goes below the cell, else above; one line off
    the other way costs least, each other misfit _MISFIT); a line inside
    it that stops short of the column's edge (a wrapped cell's lines but its
    last reach it); in a column of units, a cell that ends on a separator (、)
    or holds a name that is no unit's (省工业和信 / 息化厅: a name cut between
    two rows); in the task's, a cell that does not end a sentence. A column
    whose cells fill their rows shows no middle: its lines and names decide.
    The cheapest parting wins, by dynamic programming over the lines each
    boundary may fall on (after one number, up to the next). Returns the parts,
    the rows that another parting fitted as well or that fitted with a cost
    (where some cell is off the other way, the rounding is no evidence: only
    the other costs count), and the cost. `rooms`: each column's edge (_edges)."""
    separators = tuple(lexicon().list_separators + lexicon().segment_separators)

    @lru_cache(maxsize=None)
    def cost(top: int, end: int) -> int:
        misfit, rounded = 0, 0   # rounded: cells one line off their row's middle the other way
        for c, key in enumerate(keys):
            filled = [n for n in range(top, end) if lines[n][c]]
            if not filled:
                continue
            gaps = filled[-1] - filled[0] + 1 - len(filled)   # blank lines inside one cell: not this row's
            above, under = filled[0] - top, end - 1 - filled[-1]
            extra = under - above if below else above - under   # 0 or 1 when centred
            misfit += 2 * gaps + max(0, abs(extra) - 1)
            rounded += extra == -1
            # a line that stops short of the column's edge ends its cell (or the cell is one name a line)
            misfit += sum(_width(lines[n][c].rstrip()) < rooms[c] - _SHORT_OF_THE_EDGE for n in filled[:-1])
            if key in _UNIT_KEYS:
                cell = _cell_of_lines([lines[n][c] for n in filled], rooms[c])
                misfit += 2 * cell.rstrip().endswith(separators) + 2 * _names_not_units(_join_lines(cell, key))
            elif key == "task":
                misfit += not lines[filled[-1]][c].rstrip().endswith(_sentence_ends())
        return misfit * _MISFIT + rounded

    # candidates[k]: the lines boundary k may fall on (0: the first line; last: past the end)
    candidates = [[0], *([*range(a + 1, b + 1)] for a, b in zip(numbers, numbers[1:])), [len(lines)]]
    count = len(numbers)

    def search(near_only: bool) -> tuple[list[dict[int, tuple[float, int]]], list[dict[int, float]]]:
        """The least cost up to each place a boundary may fall on (and the place before), and from it on.
        `near_only`: between numbers far apart, a row ends only where its number sits near its middle
        (every pair of places there would take too long)."""
        def step(k: int, t: int, p: int) -> float:   # row k on lines t to p
            near = not near_only or len(candidates[k + 1]) <= _ROWS_SEARCHED_WHOLE or k + 1 == count \
                or abs(p - 1 - 2 * numbers[k] + t) <= _NEAR_THE_MIDDLE
            return cost(t, p) if near else math.inf

        ahead: list[dict[int, tuple[float, int]]] = [{0: (0, 0)}]   # boundary k at p: (least cost, previous p)
        for k in range(count):
            ahead.append({p: min((ahead[k][t][0] + step(k, t, p), t) for t in candidates[k])
                          for p in candidates[k + 1]})
        behind: list[dict[int, float]] = [{} for _ in range(count)] + [{len(lines): 0}]
        for k in range(count - 1, -1, -1):
            behind[k] = {t: min(step(k, t, p) + behind[k + 1][p] for p in candidates[k + 1])
                         for t in candidates[k]}
        return ahead, behind

    ahead, behind = search(near_only=True)
    if ahead[count][len(lines)][0] == math.inf:   # no row fits near its middle: every place, however long
        ahead, behind = search(near_only=False)
    best = int(ahead[count][len(lines)][0])
    parts = [len(lines)]
    for k in range(count, 0, -1):
        parts.append(ahead[k][parts[-1]][1])
    parts.reverse()
    # where some cell sits off its row's middle the other way, the rounding tells nothing: only the rest counts
    unit = 1 if best % _MISFIT == 0 else _MISFIT
    doubtful = set()
    for k in range(1, count):   # a boundary that another line would fit as well: both rows are a guess
        if sum((ahead[k][p][0] + behind[k][p]) // unit == best // unit for p in candidates[k]) > 1:
            doubtful.update((k - 1, k))
    doubtful.update(k for k in range(count) if cost(parts[k], parts[k + 1]) // unit)
    return parts, doubtful, best


def _aligned_row(line: str, starts: list[int]) -> list[str]:
    """The cells of one line of an aligned table."""
    segments = _segments(line)
    if len(segments) == len(starts):   # one stretch per cell: by place
        return [value for _, value in segments]
    row = [""] * len(starts)           # by column: a gap is an empty cell
    for col, value in _split_at_columns(segments, starts):
        k = min(range(len(starts)), key=lambda n: abs(starts[n] - col))
        row[k] = (row[k] + value) if row[k] else value
    return row


def _in_columns(line: str, starts: list[int]) -> bool:
    """A line of the table after a blank line: a section's line, or stretches
    that each start where a column starts (a cell of a later column alone too)."""
    segments = _segments(line)
    if len(segments) == 1 and segments[0][0] < starts[1] and _section_line(segments[0][1]):
        return True
    return all(any(abs(col - start) <= _COLUMN_SLACK for start in starts) for col, _ in segments) \
        and (len(segments) > 1 or segments[0][0] >= starts[1] or _row_number(segments[0][1]) is not None)
