"""A minimal Word 97-2003 (.doc) writer for tests: paragraphs and tables.

    write_doc(["标题", [["序号", "重点任务"], ["1", "…"]], "正文"], path)

It writes what a reader of the format depends on, as [MS-DOC] lays it out: a
compound file (olefile, an independent reader, opens it) with a WordDocument
stream (FIB, text, PAPX pages) and a 1Table stream (piece table, PlcBtePapx).
ASCII runs go into compressed 8-bit pieces and the rest into UTF-16 pieces, so
both kinds are read. Table paragraphs carry sprmPFInTable and row ends sprmPFTtp.
A row end carries sprmTDefTable with one TC80 per cell: a cell given as `ABOVE`
is written empty with vertMerge set, as Word stores a vertically merged cell.
`listed` paragraphs carry sprmPIlfo, as Word's automatic numbering does;
`field` wraps text as a field result behind an instruction.
"""
from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
TEXT_AT = 0x800          # text starts here in the WordDocument stream
ABOVE = "\0merged-above"  # a cell that continues the merged cell above it (written empty)

IN_TABLE = struct.pack("<HB", 0x2416, 1)
ROW_END = IN_TABLE + struct.pack("<HB", 0x2417, 1)
LISTED = struct.pack("<HH", 0x460B, 1)


DELETED_START, DELETED_END = "\ue000", "\ue001"   # around text written as a tracked deletion


def field(instruction: str, result: str) -> str:
    return f"\x13{instruction}\x14{result}\x15"


def deleted(text: str) -> str:
    """`text` written as a tracked deletion (sprmCFRMarkDel on its run)."""
    return f"{DELETED_START}{text}{DELETED_END}"


def write_doc(blocks, path: Path, listed: set[int] = frozenset(), nfib: int = 0x00C1,
              encrypted: bool = False) -> Path:
    """`blocks`: paragraphs (str) and tables (lists of rows of cell strings);
    `listed`: indexes of paragraphs (str blocks) in an automatic list."""
    chars, marks = _text(blocks, listed)
    chars, gone = _deletions(chars, marks)
    pieces, stream = _pieces(chars)
    marks_fc = [(fc_of(pieces, cp), sprms) for cp, sprms in marks]
    pages_at = (len(stream) + SECTOR - 1) // SECTOR * SECTOR
    stream += b"\0" * (pages_at - len(stream))
    pages, bounds = [], []
    start = fc_of(pieces, 0)
    for chunk in _paged(marks_fc):
        pages.append(_papx_page(start, chunk, pieces))
        bounds.append(start)
        start = _after(pieces, chunk[-1][0])
    bounds.append(start)
    stream += b"".join(pages)
    chpx_at_page = len(stream) // SECTOR
    runs = _runs(gone)
    chpx_pages = [_chpx_page([(fc_of(pieces, a), _after(pieces, fc_of(pieces, b - 1)), flag) for a, b, flag in chunk])
                  for chunk in (runs[k:k + 40] for k in range(0, len(runs), 40))]
    chpx_bounds = [fc_of(pieces, chunk_start) for chunk_start in (r[0] for r in runs[::40])]
    chpx_bounds.append(_after(pieces, fc_of(pieces, len(chars) - 1)))
    stream += b"".join(chpx_pages)
    table = bytearray()
    clx_at = len(table)
    cps = [p[0] for p in pieces] + [len(chars)]
    plc = b"".join(struct.pack("<I", c) for c in cps) + b"".join(
        struct.pack("<HIH", 0, p[2], 0) for p in pieces)
    table += b"\x02" + struct.pack("<I", len(plc)) + plc
    papx_at = len(table)
    table += b"".join(struct.pack("<I", b) for b in bounds)
    table += b"".join(struct.pack("<I", pages_at // SECTOR + i) for i in range(len(pages)))
    papx_len = len(table) - papx_at
    chpx_at = len(table)
    table += b"".join(struct.pack("<I", b) for b in chpx_bounds)
    table += b"".join(struct.pack("<I", chpx_at_page + i) for i in range(len(chpx_pages)))
    fib = _fib(nfib, encrypted, len(chars), {33: (clx_at, papx_at - clx_at), 13: (papx_at, papx_len),
                                            12: (chpx_at, len(table) - chpx_at)})
    stream = fib + stream[len(fib):]
    path.write_bytes(_compound({"WordDocument": bytes(stream), "1Table": bytes(table)}))
    return path


def _text(blocks, listed):
    """The main text and, per paragraph mark, (cp, sprms)."""
    chars: list[str] = []
    marks: list[tuple[int, bytes]] = []
    paragraph = 0
    for block in blocks:
        if isinstance(block, str):
            chars.extend(block)
            marks.append((len(chars), LISTED if paragraph in listed else b""))
            chars.append("\r")
            paragraph += 1
            continue
        for r, row in enumerate(block):
            below = block[r + 1] if r + 1 < len(block) else []
            for cell in row:
                parts = [] if cell == ABOVE else cell.split("\n")
                for k, part in enumerate(parts):
                    chars.extend(part)
                    if k < len(parts) - 1:
                        marks.append((len(chars), IN_TABLE))
                        chars.append("\r")
                marks.append((len(chars), IN_TABLE))
                chars.append("\x07")
            flags = [0x0020 if cell == ABOVE else 0x0060 if c < len(below) and below[c] == ABOVE else 0
                     for c, cell in enumerate(row)]
            marks.append((len(chars), ROW_END + _table_definition(flags)))
            chars.append("\x07")
    return "".join(chars), marks


def _deletions(chars: str, marks):
    """The text without the deletion markers, and per character whether it is deleted
    (the paragraph marks' positions shift with the markers taken out)."""
    out, gone, shift, inside = [], [], [], False
    for ch in chars:
        shift.append(len(out))
        if ch in (DELETED_START, DELETED_END):
            inside = ch == DELETED_START
            continue
        out.append(ch)
        gone.append(inside)
    marks[:] = [(shift[cp], sprms) for cp, sprms in marks]
    return "".join(out), gone


def _runs(flags: list[bool]) -> list[tuple[int, int, bool]]:
    """(start, end, flag) of each run of equal flags."""
    runs, start = [], 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            runs.append((start, i, flags[start]))
            start = i
    return runs


def _chpx_page(runs) -> bytes:
    """One ChpxFkp: rgfc, one rgb byte per run, a Chpx (sprmCFRMarkDel = 1) for deleted runs."""
    page = bytearray(SECTOR)
    bounds = [runs[0][0]] + [end for _, end, _ in runs]
    for i, b in enumerate(bounds):
        struct.pack_into("<I", page, 4 * i, b)
    chpx = bytes([3]) + struct.pack("<HB", 0x0800, 1)
    free = 506                                        # even, below the run count in byte 511
    page[free:free + len(chpx)] = chpx
    for i, (_, _, flag) in enumerate(runs):
        page[4 * (len(runs) + 1) + i] = free // 2 if flag else 0
    page[511] = len(runs)
    return bytes(page)


def _table_definition(flags: list[int]) -> bytes:
    """sprmTDefTable: itcMac, cell edges, one TC80 (flags, width, four borders) per cell."""
    cells = len(flags)
    rest = bytes([cells]) + b"".join(struct.pack("<h", 1000 * c) for c in range(cells + 1))
    rest += b"".join(struct.pack("<HH", f, 1000) + b"\0" * 16 for f in flags)
    return struct.pack("<HH", 0xD608, len(rest) + 1) + rest


def _papx_bytes(sprms: bytes) -> bytes:
    grp = b"\0\0" + sprms                             # istd 0, then the sprms
    return bytes([(len(grp) + 1) // 2]) + grp if len(grp) % 2 else b"\0" + bytes([len(grp) // 2]) + grp


def _paged(marks):
    """The paragraph marks in runs that fit one 512-byte page each."""
    page, used = [], 1
    for mark in marks:
        need = 4 + 13 + (len(_papx_bytes(mark[1])) + 1 if mark[1] else 0)
        if page and used + 4 + need > SECTOR:          # + 4: the page's last rgfc entry
            yield page
            page, used = [], 1
        page.append(mark)
        used += need
    if page:
        yield page


def _pieces(text: str):
    """Runs of ASCII (compressed) and of other text (UTF-16): [(cp, length, fc field, offset, width)]."""
    stream = bytearray(b"\0" * TEXT_AT)
    pieces = []
    cp = 0
    while cp < len(text):
        ascii_run = text[cp].isascii()
        end = cp
        while end < len(text) and text[end].isascii() == ascii_run:
            end += 1
        run = text[cp:end]
        offset = len(stream)
        if ascii_run:
            stream += run.encode("cp1252")
            pieces.append((cp, end - cp, (offset * 2) | 0x40000000, offset, 1))
        else:
            stream += run.encode("utf-16-le")
            pieces.append((cp, end - cp, offset, offset, 2))
        cp = end
    return pieces, stream


def fc_of(pieces, cp: int) -> int:
    for first, length, _, offset, width in pieces:
        if first <= cp < first + length:
            return offset + (cp - first) * width
    raise ValueError(cp)


def _after(pieces, fc: int) -> int:
    """The file offset just after the character at `fc`."""
    for _, length, _, offset, width in pieces:
        if offset <= fc < offset + length * width:
            return fc + width
    raise ValueError(fc)


def _papx_page(start: int, marks, pieces) -> bytes:
    """One 512-byte PapxFkp: the paragraphs ending at `marks`, the first starting at `start`."""
    page = bytearray(SECTOR)
    runs = len(marks)
    bounds = [start] + [_after(pieces, fc) for fc, _ in marks]
    for i, b in enumerate(bounds):
        struct.pack_into("<I", page, 4 * i, b)
    free = 511
    for i, (_, sprms) in enumerate(marks):
        if not sprms:
            continue                                      # bOffset 0: default properties
        papx = _papx_bytes(sprms)
        free = (free - len(papx)) // 2 * 2
        page[free:free + len(papx)] = papx
        page[4 * (runs + 1) + 13 * i] = free // 2
    page[511] = runs
    return bytes(page)


def _fib(nfib: int, encrypted: bool, ccp_text: int, pairs: dict[int, tuple[int, int]]) -> bytes:
    flags = 0x0200 | (0x0100 if encrypted else 0)           # fWhichTblStm: 1Table
    base = struct.pack("<HHHHHHHI", 0xA5EC, nfib, 0, 0x0804, 0, flags, 0xBF, 0).ljust(32, b"\0")
    rg_w = struct.pack("<H", 14) + b"\0" * 28
    rg_lw = struct.pack("<H", 22) + struct.pack("<IIII", 0, 0, 0, ccp_text) + b"\0" * (88 - 16)
    n = 93
    rg_fc = struct.pack("<H", n) + b"".join(struct.pack("<II", *pairs.get(i, (0, 0))) for i in range(n))
    return base + rg_w + rg_lw + rg_fc + struct.pack("<H", 0)


def _compound(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file: one FAT sector, one directory sector, streams
    padded past the 4096-byte mini-stream cutoff so that no mini stream is needed."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))   # the directory's sibling order
    data = [streams[n].ljust(max(len(streams[n]), 4096), b"\0") for n in names]
    sectors = [(len(d) + SECTOR - 1) // SECTOR for d in data]
    fat_sectors = 1
    while 128 * fat_sectors < fat_sectors + 1 + sum(sectors):
        fat_sectors += 1
    fat = [FAT_SECTOR] * fat_sectors + [END]                    # FAT sectors, then the directory
    starts = []
    for n in sectors:
        starts.append(len(fat))
        fat += list(range(len(fat) + 1, len(fat) + n)) + [END]
    fat += [FREE] * (128 * fat_sectors - len(fat))
    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, fat_sectors, fat_sectors, 0, 4096, END, 0, END, 0)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 76, *difat)

    def entry(name, kind, left, right, child, start, size):
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, left, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, NO_STREAM, NO_STREAM, 1, END, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NO_STREAM      # a chain to the right, all black
        directory += entry(name, 2, NO_STREAM, right, NO_STREAM, starts[i], len(data[i]))
    directory = directory.ljust(SECTOR, b"\0")
    body = b"".join(struct.pack("<128I", *fat[128 * k:128 * k + 128]) for k in range(fat_sectors))
    body += directory + b"".join(d.ljust(n * SECTOR, b"\0") for d, n in zip(data, sectors))
    return bytes(header) + body
