"""A measure's text as HTML with its evidence highlighted (every piece escaped)."""
from __future__ import annotations

import html

import pandas as pd

from reformkg.loaders.records import Role

from .shared import esc

STYLE = {
    "clause": "background:#fff3bf",
    Role.LEAD: "background:#ffc9c9;font-weight:600",
    Role.SUPPORT: "background:#d0ebff",
    Role.RESPONSIBLE: "background:#d3f9d8",
    Role.COLLECTIVE: "background:#e9ecef",
    "citation": "background:#e5dbff",
    "target": "background:#ffe8cc;font-weight:600",
}
ROLES = {role.value for role in Role}
PRIORITY = ["clause", "citation", "target", *reversed(Role)]   # later ones paint over earlier


def highlight_html(m: pd.Series, chain: pd.DataFrame, spans: pd.DataFrame) -> str:
    text: str = m["text"]
    base = int(m["start"])
    marks: list[str | None] = [None] * len(text)

    def paint(kind: str, start, end) -> None:
        if start is None or end is None or pd.isna(start) or pd.isna(end):
            return
        for i in range(max(0, int(start) - base), min(len(text), int(end) - base)):
            if marks[i] is None or PRIORITY.index(kind) > PRIORITY.index(marks[i]):
                marks[i] = kind

    paint("clause", m["clause_start"], m["clause_end"])
    for _, row in spans.iterrows():
        paint(row["kind"], row["start"], row["end"])
    clause = (m["clause_start"], m["clause_end"])
    for _, row in chain.iterrows():
        if row["step"] in ROLES:
            if row.get("correction") and (row["start"], row["end"]) == clause:
                continue   # a corrected unit the clause does not print: its evidence is the whole clause
            paint(row["step"], row["start"], row["end"])
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        piece = esc(text[i:j]).replace("\n", "<br>")   # Markdown escaped too: st.markdown renders it
        out.append(f'<span style="{STYLE[marks[i]]}" class="hl-{marks[i]}">{piece}</span>' if marks[i] else piece)
        i = j
    return '<div style="line-height:1.9;font-size:1.05rem">' + "".join(out) + "</div>"


LEGEND = [("clause", "责任条款"), (Role.LEAD, "牵头单位"), (Role.SUPPORT, "配合单位"), (Role.RESPONSIBLE, "责任单位"),
          (Role.COLLECTIVE, "集体主体"), ("citation", "引用法规"), ("target", "数值目标")]


def legend_html() -> str:
    return "图例:" + " ".join(f'<span style="{STYLE[k]};padding:0 4px">{html.escape(v)}</span>' for k, v in LEGEND)
