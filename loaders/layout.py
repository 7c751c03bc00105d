"""Layout repair: text that PDF or Word extraction flattened or broke.

Runs first in `extract_text`, on the normalised text; every later span
points into the repaired text, which is what the document record stores. It
only moves line breaks:

- a line that leaves a bracket open, closed on the next line, is one line:
  `(青岛市绿色低碳高` / `质量发展先行区建设办公室负责)`;
- a numbered heading glued after a responsibility clause starts its own line:
  `…协调推进机制牵头部门负责)四、实施…`, `…办公室负责)(十四)中国智港…`
  (only heading styles that start lines elsewhere in the same document);
- a heading broken before its last characters is one line:
  `(十二)…核心引领` / `区`.
"""
from __future__ import annotations

import re

from .lexicon import lexicon
from .text import Text

_SHORT_TAIL = 4        # at most this many characters continue a broken heading
_HEADING_MAX = 60      # a heading line is at most this long and has no 。


def _depth(s: str) -> int:
    lx = lexicon()
    depth = 0
    for ch in s:
        if ch in lx.closer_of:
            depth += 1
        elif ch in lx.opener_of:
            depth -= 1
    return depth


def repair_layout(text: Text) -> Text:
    from .outline import Paragraph, match_label, glued_heading_re

    raw, simp = text.raw.split("\n"), text.simp.split("\n")
    starts = set()
    for s in simp:
        found = match_label(Text(s, s), Paragraph(0, len(s))) if s.strip() else None
        if found:
            starts.add(found[0])
    out_raw: list[str] = []
    out_simp: list[str] = []
    i = 0
    while i < len(raw):
        r, s = raw[i], simp[i]
        # a bracket left open at the end of the line, closed on the next
        while (i + 1 < len(raw) and _depth(s) > 0 and simp[i + 1].strip()
               and _depth(s + simp[i + 1]) <= 0 and not _labelled(simp[i + 1])):
            r, s, i = r + raw[i + 1], s + simp[i + 1], i + 1
        # the last characters of a heading on a line of their own
        tail = s.strip()
        if (out_simp and 0 < len(tail) <= _SHORT_TAIL and not _labelled(s)
                and not re.search(r"[\W\d]", tail) and _is_heading(out_simp[-1])):
            out_raw[-1] += r.strip()
            out_simp[-1] += tail
            i += 1
            continue
        out_raw.append(r)
        out_simp.append(s)
        i += 1
    # numbered headings glued after a clause
    glued = glued_heading_re(starts)
    if glued is not None:
        for k, s in enumerate(out_simp):
            cuts = [m.start() for m in glued.finditer(s) if _ends_clause(s, m.start())]
            for c in reversed(cuts):
                out_raw[k] = out_raw[k][:c] + "\n" + out_raw[k][c:]
                out_simp[k] = out_simp[k][:c] + "\n" + out_simp[k][c:]
    repaired = "\n".join(out_raw)
    if repaired == text.raw:
        return text
    return Text(repaired, "\n".join(out_simp))


def _labelled(s: str) -> bool:
    from .outline import Paragraph, match_label

    t = s.strip()
    return bool(t) and match_label(Text(t, t), Paragraph(0, len(t))) is not None


def _is_heading(s: str) -> bool:
    t = s.strip()
    return _labelled(t) and "。" not in t and len(t) <= _HEADING_MAX and not t.endswith(tuple(lexicon().opener_of))


def _ends_clause(s: str, at: int) -> bool:
    """Whether the bracket group closing right before `at` is a responsibility clause."""
    from .clauses import find_trailing_clause

    line = Text(s, s)
    found = find_trailing_clause(line, 0, at)
    return found is not None and found[1] == at
