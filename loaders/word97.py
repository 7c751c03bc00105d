"""Text and tables of a Word 97-2003 binary document (.doc; WPS saves .wps the same way).

    blocks, notes = word97_blocks(data)   # blocks: paragraphs (str) and tables (rows of cells)

Only what extraction needs is read, following [MS-DOC]: the FIB at the start of
the WordDocument stream says where the piece table (Clx) and the paragraph
properties (PlcBtePapx) lie in the table stream; the piece table maps the main
text (the first ccpText characters) to runs of UTF-16 or of 8-bit text; the
paragraph properties say which paragraph marks are inside a table and which end
a table row, since the cell mark and the row mark are the same character
(0x07), and the row's table definition says which cells continue a merged cell
(Word stores its text once); the character properties say which runs are
tracked deletions or hidden text, which Word does not show. Field instructions (`HYPERLINK "…"`) are dropped and their shown
results kept. Word's automatic list numbers are not part of the text in this
format; the paragraphs that carry one are counted so that the reader can say so.
"""
from __future__ import annotations

import bisect
import struct
from dataclasses import dataclass

WORD_IDENT = 0xA5EC
FIRST_WORD97_NFIB = 0x00C1      # Word 6/95 files carry an older FIB
FC_CLX_PAIR, FC_PAPX_PAIR = 33, 13   # indexes in FibRgFcLcb97
ENCRYPTED, TABLE_1 = 0x0100, 0x0200  # FibBase flags

# paragraph sprms (single property modifiers) that matter here
SPRM_IN_TABLE, SPRM_ROW_END = 0x2416, 0x2417
SPRM_INNER_ROW_END, SPRM_TABLE_DEPTH = 0x244C, 0x6649
SPRM_LIST = 0x460B              # sprmPIlfo: the paragraph is in an automatic list
SPRM_DELETED, SPRM_HIDDEN = 0x0800, 0x083C   # sprmCFRMarkDel (a tracked deletion), sprmCFVanish
FC_CHPX_PAIR = 12               # FibRgFcLcb97.fcPlcfBteChpx
BX_PAP_BYTES, CHPX_OFFSET_BYTES = 13, 1   # an FKP's entry per run: BxPap (offset + reserved), rgb
SPRM_TABLE_DEF, SPRM_CHANGE_TABS = 0xD608, 0xC615
SPRM_VERTICAL_MERGE = 0xD62B    # sprmTVertMerge: itc, flag (Word 2000 and later)
TC80_BYTES = 20
# a TC80's flags (TCGRF): bit 1 merged with the cell on its left, bits 5-6 vertMerge
MERGED_LEFT, VERTICAL_MERGE_SHIFT, MERGED_ABOVE = 0x0002, 5, 1
_OPERAND_BYTES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}   # by spra, the sprm's top 3 bits

CELL_MARK, PARAGRAPH_MARK = "\x07", "\r"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
_BREAKS = {"\x0b": "\n"}                          # a manual line break
_ENDS_PARAGRAPH = {PARAGRAPH_MARK, "\x0c", "\x0e"}  # and a page/section or column break
_REPLACED = {"\x1e": "-", "\x1f": "", "\xa0": " "}  # non-breaking and optional hyphens
# kept when deleted or hidden too: the structure (a deleted mark is Word's, not the reader's, to undo)
_MARKS = {CELL_MARK, FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END} | _ENDS_PARAGRAPH


class Word97Error(ValueError):
    """The file is not a Word 97-2003 document this reader can read (the message says why)."""


@dataclass(frozen=True)
class ParagraphProps:
    in_table: bool = False
    row_end: bool = False
    listed: bool = False
    # on a row end: cells that continue a merged cell, (index, "above" | "left"); Word
    # stores a merged cell's text once, in its first cell, and leaves the others empty
    merged: tuple[tuple[int, str], ...] = ()


DEFAULT = ParagraphProps()


def word97_blocks(data: bytes) -> tuple[list[str | list[list[str]]], list[str]]:
    """Paragraphs and tables of the main text, in order, and notes for the reader's warnings."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError) as e:
        raise Word97Error(f"not an OLE compound file ({e})") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise Word97Error("the package has no WordDocument stream: not a Word 97-2003 document "
                              "(open it in WPS or Word and save it as .docx)")
        stream = ole.openstream("WordDocument").read()
        fib = _Fib(stream)
        table_name = "1Table" if fib.flags & TABLE_1 else "0Table"
        if not ole.exists(table_name):
            raise Word97Error(f"the {table_name} stream the FIB names is missing")
        table = ole.openstream(table_name).read()
    chars = _main_text(stream, table, fib)
    paragraphs = _FkpIndex(stream, table, fib, FC_PAPX_PAIR, BX_PAP_BYTES, _papx, DEFAULT)
    hidden = _FkpIndex(stream, table, fib, FC_CHPX_PAIR, CHPX_OFFSET_BYTES, _chpx_hidden, False)
    blocks, listed = _blocks([(ch, at) for ch, at in chars if not hidden.at(at) or ch in _MARKS], paragraphs)
    notes = []
    if listed:
        notes.append(f"{listed} paragraph(s) use Word's automatic numbering, whose numbers a .doc "
                     f"does not store as text; they are read without them (save as .docx to keep them)")
    return blocks, notes


class _Fib:
    """The fields of the File Information Block this reader uses."""

    def __init__(self, stream: bytes):
        if len(stream) < 0x200 or _u16(stream, 0) != WORD_IDENT:
            raise Word97Error("the WordDocument stream does not start with a Word file header "
                              "(damaged, or not a Word file)")
        n_fib, self.flags = _u16(stream, 2), _u16(stream, 0x0A)
        if n_fib < FIRST_WORD97_NFIB:
            raise Word97Error(f"Word 6/95 format (nFib {n_fib:#x}) is not read; save it as .docx")
        if self.flags & ENCRYPTED:
            raise Word97Error("the document is encrypted or password-protected")
        at = 32
        at += 2 + 2 * _u16(stream, at)               # csw, fibRgW
        self.ccp_text = _u32(stream, at + 2 + 12)    # fibRgLw: cbMac, reserved1, reserved2, ccpText
        at += 2 + 4 * _u16(stream, at)               # cslw, fibRgLw
        pairs, self._base = _u16(stream, at), at + 2
        if pairs <= FC_CLX_PAIR:
            raise Word97Error("the file header has no piece table entry")
        self._stream = stream

    def pair(self, index: int) -> tuple[int, int]:
        """(fc, lcb) of entry `index` of FibRgFcLcb: an offset and a length in the table stream."""
        at = self._base + 8 * index
        return _u32(self._stream, at), _u32(self._stream, at + 4)


def _main_text(stream: bytes, table: bytes, fib: _Fib) -> list[tuple[str, int]]:
    """(character, file offset) of every character of the main text, through the piece table."""
    fc, lcb = fib.pair(FC_CLX_PAIR)
    at, end = fc, fc + lcb
    if end > len(table):
        raise Word97Error("the piece table lies outside the table stream")
    while at < end and table[at] == 0x01:            # Prc: property modifiers of pieces, skipped
        at += 3 + struct.unpack_from("<h", table, at + 1)[0]
    if at >= end or table[at] != 0x02:
        raise Word97Error("no piece table (Pcdt) where the file header says")
    size = _u32(table, at + 1)
    at += 5
    n = (size - 4) // 12
    cps = [_u32(table, at + 4 * i) for i in range(n + 1)]
    out: list[tuple[str, int]] = []
    for i in range(n):
        first, last = cps[i], min(cps[i + 1], fib.ccp_text)
        if first >= last:
            continue
        raw = _u32(table, at + 4 * (n + 1) + 8 * i + 2)
        if raw & 0x40000000:                         # fCompressed: 8-bit text at half the offset
            offset = (raw & 0x3FFFFFFF) // 2
            text = stream[offset:offset + last - first].decode("cp1252", errors="replace")
            out.extend((ch, offset + k) for k, ch in enumerate(text))
        else:
            offset = raw & 0x3FFFFFFF
            text = stream[offset:offset + 2 * (last - first)].decode("utf-16-le", errors="replace")
            out.extend((ch, offset + 2 * k) for k, ch in enumerate(text))
    return out


class _FkpIndex:
    """Properties by file offset, from the FKP pages (512 bytes each) of the
    WordDocument stream that a PlcBte of the table stream lists: paragraph
    properties (PAPX: 13-byte entries) or character properties (CHPX: 1-byte
    entries). `read(fkp, offset)` parses one entry; offset 0: the defaults."""

    def __init__(self, stream: bytes, table: bytes, fib: _Fib, pair: int, entry_bytes: int, read, default):
        self._ranges: list[tuple[int, int, object]] = []
        self._entry_bytes, self._read, self._default = entry_bytes, read, default
        fc, lcb = fib.pair(pair)
        if lcb and fc + lcb <= len(table):
            n = (lcb - 4) // 8
            for i in range(n):
                page = _u32(table, fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF
                self._read_page(stream[512 * page:512 * page + 512])
        self._ranges.sort(key=lambda r: r[0])
        self._starts = [r[0] for r in self._ranges]

    def _read_page(self, fkp: bytes) -> None:
        if len(fkp) < 512:
            return
        runs = fkp[511]
        bounds = [_u32(fkp, 4 * i) for i in range(runs + 1)]
        for i in range(runs):
            offset = 2 * fkp[4 * (runs + 1) + self._entry_bytes * i]
            self._ranges.append((bounds[i], bounds[i + 1], self._read(fkp, offset) if offset else self._default))

    def at(self, offset: int):
        """The properties that cover file offset `offset` (None: not known)."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self._ranges[k][0] <= offset < self._ranges[k][1]:
            return self._ranges[k][2]
        return None


def _chpx_hidden(fkp: bytes, offset: int) -> bool:
    """A Chpx (cb, sprms): is the run deleted as a tracked revision, or hidden?
    (operand 1 sets the property, 0x81 gives the opposite of the style's, which is unset)"""
    at, end = offset + 1, min(offset + 1 + fkp[offset], len(fkp))
    while at + 2 <= end:
        sprm = _u16(fkp, at)
        at += 2
        if sprm in (SPRM_DELETED, SPRM_HIDDEN) and at < end and fkp[at] in (1, 0x81):
            return True
        spra = sprm >> 13
        at += (1 + fkp[at] if at < end else 1) if spra == 6 else _OPERAND_BYTES[spra]
    return False


def _papx(fkp: bytes, offset: int) -> ParagraphProps:
    """A PapxInFkp: cb, then istd and the paragraph's sprms."""
    cb = fkp[offset]
    if cb:
        start, size = offset + 1, 2 * cb - 1
    else:
        start, size = offset + 2, 2 * fkp[offset + 1]
    at, end = start + 2, min(start + size, len(fkp))   # after istd
    in_table = row_end = listed = False
    merged: dict[int, str] = {}
    while at + 2 <= end:
        sprm = _u16(fkp, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:                                   # variable length
            if sprm == SPRM_TABLE_DEF:
                length = 2 + max(_u16(fkp, at) - 1, 0)
            else:
                length = 1 + fkp[at] if sprm != SPRM_CHANGE_TABS or fkp[at] != 255 else end - at
        else:
            length = _OPERAND_BYTES[spra]
        operand = fkp[at] if at < end else 0
        if sprm == SPRM_IN_TABLE:
            in_table = in_table or bool(operand)
        elif sprm == SPRM_TABLE_DEPTH:
            in_table = in_table or _u32(fkp, at) > 0 if at + 4 <= end else in_table
        elif sprm in (SPRM_ROW_END, SPRM_INNER_ROW_END):
            row_end = row_end or bool(operand)
        elif sprm == SPRM_LIST:
            listed = _u16(fkp, at) != 0 if at + 2 <= end else listed
        elif sprm == SPRM_TABLE_DEF:
            merged.update(_merged_cells(fkp[at + 2:min(at + length, end)]))
        elif sprm == SPRM_VERTICAL_MERGE and at + 3 <= end:
            if fkp[at + 2] == MERGED_ABOVE:
                merged[fkp[at + 1]] = "above"
            else:
                merged.pop(fkp[at + 1], None)
        at += length
    return ParagraphProps(in_table or row_end, row_end, listed, tuple(sorted(merged.items())))


def _merged_cells(operand: bytes) -> dict[int, str]:
    """From a TDefTableOperand (itcMac, rgdxaCenter, rgTc80): the cells that continue a merge."""
    if not operand:
        return {}
    cells = operand[0]
    tc_at = 1 + 2 * (cells + 1)
    out = {}
    for c in range(cells):
        at = tc_at + TC80_BYTES * c
        if at + 2 > len(operand):
            break
        flags = _u16(operand, at)
        if (flags >> VERTICAL_MERGE_SHIFT) & 3 == MERGED_ABOVE:
            out[c] = "above"
        elif flags & MERGED_LEFT:
            out[c] = "left"
    return out


def _blocks(chars: list[tuple[str, int]], props: _FkpIndex) -> tuple[list, int]:
    """Walk the text: paragraphs outside tables, and tables as rows of cells."""
    blocks: list[str | list[list[str]]] = []
    grid: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []       # the current cell's finished paragraphs
    buf: list[str] = []        # the current paragraph
    fields: list[bool] = []    # per open field: True once its result is reached
    listed = 0
    previous = ""
    for ch, offset in chars:
        if ch == FIELD_BEGIN:
            fields.append(False)
        elif ch == FIELD_SEPARATOR:
            if fields:
                fields[-1] = True
        elif ch == FIELD_END:
            if fields:
                fields.pop()
        elif ch == CELL_MARK or ch in _ENDS_PARAGRAPH:
            p = props.at(offset)
            if p is None:       # no properties: a second cell mark in a row ends the row
                p = ParagraphProps(ch == CELL_MARK, ch == CELL_MARK and previous == CELL_MARK)
            listed += p.listed
            text = "".join(buf).strip()
            buf = []
            if ch == CELL_MARK and p.row_end:
                grid.append(_unmerged(row, p.merged, grid[-1] if grid else []))
                row = []
            elif ch == CELL_MARK:
                row.append("\n".join([*cell, text]).strip())
                cell = []
            elif p.in_table:
                cell.append(text)
            else:
                if grid:
                    blocks.append(grid)
                    grid = []
                blocks.append(text)
        elif all(fields):
            if ch in _BREAKS:
                buf.append(_BREAKS[ch])
            elif ch in _REPLACED:
                buf.append(_REPLACED[ch])
            elif ch >= " " or ch == "\t":
                buf.append(ch)
        previous = ch
    if row:
        grid.append(row)
    if grid:
        blocks.append(grid)
    if buf:
        blocks.append("".join(buf).strip())
    return blocks, listed


def _unmerged(row: list[str], merged, above: list[str]) -> list[str]:
    """Every cell of a merged cell shows its text, as a reader sees the table."""
    for c, direction in merged:
        if c >= len(row) or row[c]:
            continue
        if direction == "above" and c < len(above):
            row[c] = above[c]
        elif direction == "left" and c > 0:
            row[c] = row[c - 1]
    return row


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from("<H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from("<I", b, at)[0]
