"""Horizontal bar charts drawn as escaped HTML, not Vega-Lite.

Streamlit's own bar chart loads and runs the Vega bundle in the browser (measured here:
0.3-0.5 s of every first render of a page with charts, on top of Streamlit's
own ~1.3 s). The explorer's charts are ranked lists - top N departments,
cities, regulations - which read best as labelled bars with their numbers
printed, so they are HTML: Chinese labels and legend, the value at the end of
every bar, a tooltip per segment, every label escaped.

    bar_chart(frame, x_label="措施数", y_label="部门")     # index: labels; columns: series
    bar_chart(frame, x_label=..., y_label=..., stacked=False)   # one bar per (label, series)
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .shared import esc   # HTML and the Markdown st.markdown runs first

# Tableau 10: distinguishable, and readable under black text
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac"]
REST_COLOUR = "#ced4da"   # the series that sums the rest ("其他 N 个城市")
LABEL_CHARS = 24   # longer labels are cut (the tooltip has them whole)


def bar_chart(data: pd.DataFrame | pd.Series, *, x_label: str, y_label: str, stacked: bool = True,
              rest: str | None = None) -> None:
    """Draw `data` (rows: labels, top first; columns: series) as horizontal bars;
    the series named `rest` (the others summed) is grey."""
    st.markdown(bars_html(data, x_label=x_label, y_label=y_label, stacked=stacked, rest=rest),
                unsafe_allow_html=True)


def bars_html(data: pd.DataFrame | pd.Series, *, x_label: str, y_label: str, stacked: bool = True,
              rest: str | None = None) -> str:
    legend = isinstance(data, pd.DataFrame)   # a frame's columns name something (角色, 比较): say what
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    frame = frame.apply(pd.to_numeric, errors="coerce")
    series = [str(c) for c in frame.columns]
    named = [s for s in series if s != rest]
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(named)} | {rest: REST_COLOUR}
    rows = []   # (label, [(series, value)])
    for label, values in frame.iterrows():
        cells = [(s, float(v)) for s, v in zip(series, values) if pd.notna(v) and v > 0]
        if stacked:
            rows.append((str(label), cells))
        else:
            rows.extend((str(label), [cell]) for cell in cells)
    top = max((sum(v for _, v in cells) for _, cells in rows), default=0) or 1
    out = ['<div class="rk-bars" role="figure" style="margin:0.25rem 0 1rem 0">',
           f'<div style="display:flex;justify-content:space-between;color:#666;font-size:0.85rem">'
           f'<span>{esc(y_label)}</span><span>{esc(x_label)}</span></div>']
    if legend:
        out.append('<div style="font-size:0.85rem;margin:2px 0 6px 0">' + " ".join(
            f'<span style="white-space:nowrap;margin-right:10px"><span style="display:inline-block;width:10px;'
            f'height:10px;background:{colour[s]};margin-right:4px"></span>{esc(s)}</span>' for s in series)
            + "</div>")
    for label, cells in rows:
        total = sum(v for _, v in cells)
        shown = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
        segments = "".join(
            f'<span title="{esc(label)} · {esc(s)}:{_number(v)}" style="display:inline-block;height:100%;'
            f'width:{100 * v / top:.2f}%;background:{colour[s]}"></span>' for s, v in cells)
        out.append('<div class="rk-bar" style="display:grid;grid-template-columns:minmax(6rem,30%) 1fr 4rem;'
                   'align-items:center;gap:6px;margin:2px 0;font-size:0.9rem">'
                   f'<span title="{esc(label)}" style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;'
                   f'text-align:right">{esc(shown)}</span>'
                   f'<span style="display:block;height:16px;background:#f1f3f5;white-space:nowrap;'
                   f'overflow:hidden">{segments}</span>'
                   f'<span style="font-variant-numeric:tabular-nums">{_number(total)}</span></div>')
    out.append("</div>")
    return "".join(out)


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3g}"
