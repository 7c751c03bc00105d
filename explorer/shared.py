"""Data access and small widgets shared by the explorer's pages.

The store is opened once per process (read-only); reads run on a connection
(LadybugDB) or session (Neo4j) of their own thread, with no lock shared by
users; only an import takes the lock. Query results are cached per
"generation": importing documents bumps it, so every page sees the new graph.
"""
from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import pandas as pd
import streamlit as st

from reformkg import queries
from reformkg.graph import StoreError, backend_from_env, corrections, default_db_path, open_store, open_writer, settings
from reformkg.loaders.records import Role

CORPUS = Path(settings.get("REFORMKG_CORPUS"))
QUERY_TIMEOUT_MS = settings.get_int("REFORMKG_QUERY_TIMEOUT_MS")


@st.cache_resource
def _holder() -> dict:
    return {"store": None, "lock": threading.Lock(), "generation": 0}


def backend_name() -> str:
    return "Neo4j" if settings.backend() == "neo4j" else "LadybugDB(嵌入式)"


def store():
    """The process's read-only store (the console reopens it in a child process)."""
    h = _holder()
    if h["store"] is None:
        h["store"] = open_store(read_only=True)
    return h["store"]


def store_is_empty() -> bool:
    if settings.backend() == "ladybug" and not default_db_path().exists():
        return True
    return run("documents").empty


def generation() -> int:
    """Bumped by every write: part of every cache key, so caches never go stale."""
    return _holder()["generation"]


def run(name: str, *, scoped: bool = True, **params) -> pd.DataFrame:
    """A named query's result as a DataFrame (cached until the graph changes),
    restricted to the scope chosen in the sidebar (scoped=False: all of it)."""
    df = _cached(name, tuple(sorted(params.items())), generation())
    out = in_scope(df) if scoped else df
    return df.copy() if out is df else out   # the cached frame itself is never handed out


# --- the scope: jurisdiction, year, document; chosen once, on every page, in the URL ---

SCOPE = {"jurisdiction": "地区", "year": "年份", "doc": "文件"}   # URL parameter -> label
_ALL = "(全部)"


def scope() -> dict[str, str]:
    """The scope of this session: URL parameters win (a copied link), else
    what was chosen on an earlier page; written back to the URL on every page."""
    chosen = st.session_state.setdefault("reformkg.scope", {})
    for key in SCOPE:
        if key in st.query_params:
            chosen[key] = st.query_params[key]
    chosen = {k: v for k, v in chosen.items() if v}
    st.session_state["reformkg.scope"] = chosen
    for key, value in chosen.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    return chosen


def scope_sidebar() -> None:
    """The scope selectors (sidebar of every page). The scope is the truth,
    the widgets show it: a copied link or another page's choice sets them.
    They sit in a collapsed expander whose title says the scope: three open
    selectors of a thousand documents cost every page ~0.3 s in the browser
    (bench/explorer.py), closed ones nothing until opened."""
    docs = run("documents", scoped=False)
    current = scope()
    box = st.sidebar.expander("范围:" + (" · ".join(current[k] for k in SCOPE if k in current) or "全部"))
    options = {
        "jurisdiction": sorted(docs["jurisdiction"].dropna().unique()),
        "year": sorted({str(int(y)) for y in docs["year"].dropna()}, reverse=True),
        "doc": docs[_doc_mask(docs, {k: v for k, v in current.items() if k != "doc"})]["id"].tolist(),
    }
    for key, label in SCOPE.items():
        opts = [_ALL, *options[key]]
        st.session_state[f"scope-{key}"] = current.get(key) if current.get(key) in opts else _ALL
        box.selectbox(label, opts, key=f"scope-{key}", on_change=_scope_changed, args=(key,))


def _scope_changed(key: str) -> None:
    value = st.session_state[f"scope-{key}"]
    chosen = dict(st.session_state.get("reformkg.scope") or {})
    chosen[key] = "" if value == _ALL else value
    if key != "doc":
        chosen["doc"] = ""   # a new region or year: the document chosen may not be in it
    st.session_state["reformkg.scope"] = {k: v for k, v in chosen.items() if v}
    for k in SCOPE:
        if chosen.get(k):
            st.query_params[k] = chosen[k]
        elif k in st.query_params:
            del st.query_params[k]


def _doc_mask(docs: pd.DataFrame, chosen: dict[str, str]) -> pd.Series:
    mask = pd.Series(True, index=docs.index)
    if chosen.get("jurisdiction"):
        mask &= docs["jurisdiction"] == chosen["jurisdiction"]
    if chosen.get("year"):
        mask &= docs["year"].astype("string") == chosen["year"]
    if chosen.get("doc"):
        mask &= docs["id"] == chosen["doc"]
    return mask


def in_scope(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of the scope: by their document when the result names one (`doc`),
    else by their jurisdiction (`jurisdiction` or `city`) - the jurisdictions
    of the documents in scope."""
    chosen = st.session_state.get("reformkg.scope") or {}
    if not chosen or df.empty:
        return df
    docs = run("documents", scoped=False)
    docs = docs[_doc_mask(docs, chosen)]
    if "doc" in df.columns:
        return df[df["doc"].isin(set(docs["id"]))].reset_index(drop=True)
    for col in ("jurisdiction", "city"):
        if col in df.columns:
            return df[df[col].isin(set(docs["jurisdiction"]))].reset_index(drop=True)
    return df


def scope_caption() -> str:
    chosen = st.session_state.get("reformkg.scope") or {}
    return " · ".join(f"{SCOPE[k]}:{v}" for k, v in chosen.items()) if chosen else ""


# A resource cache, not st.cache_data: that one unpickles a copy on every hit
# (40-50 ms for the 160,000 edges of 1,000 documents); run() hands out a copy
# instead (a frame filtered to the scope is one already).
@st.cache_resource(show_spinner=False, ttl=900, max_entries=512)
def _cached(name: str, items: tuple, generation: int) -> pd.DataFrame:
    # no lock: Neo4j sessions and LadybugDB read connections are per thread,
    # so one user's slow page never waits for another's
    result = queries.run(name, dict(items), store(), timeout_ms=QUERY_TIMEOUT_MS)
    return pd.DataFrame(result.rows, columns=result.columns)


def with_store(fn):
    """Run fn(store) under the lock (in-process reads such as the analytics)."""
    h = _holder()
    with h["lock"]:
        return fn(store())


def write(fn):
    """Run fn(writer) on the store opened for writing; every page sees the
    result at once (the generation is bumped, caches are dropped)."""
    h = _holder()
    with h["lock"]:
        if h["store"] is not None:
            h["store"].close()   # LadybugDB: a read-only handle must not outlive the write
            h["store"] = None
        try:
            with open_writer() as writer:   # the embedded store is replaced atomically
                result = fn(writer)
        finally:
            h["generation"] += 1
            _cached.clear()
    return result


def corrections_file() -> Path:
    return corrections.default_path(backend_from_env(), None)


def load_batch(batch, progress=None):
    """Write a graph batch (import, first build) and apply the corrections of
    its documents, as `reformkg build` does: (LoadStats, CorrectionsReport)."""
    return write(lambda writer: corrections.load(writer, batch, corrections_file(), progress=progress))


def save_correction(measure_id: str, *, kind: str, who: str, why: str, values: dict | None = None):
    """Append one correction to the corrections file and apply it: the
    Outcome (CorrectionsError when it is not a valid correction)."""
    def run_it(writer):
        measure = corrections.stored_measures(writer, [measure_id]).get(measure_id)
        if measure is None:
            raise corrections.CorrectionsError(f"没有编号为 {measure_id} 的措施")
        c = corrections.make(measure, who=who, why=why, kind=kind, values=values)
        corrections.append(corrections_file(), [c])
        return corrections.apply_corrections(writer, [c])[0]

    return write(run_it)


def extract_uploads(files: list[tuple[str, bytes]]):
    """Extract uploaded files: (extractions, [(file name, reason)]). A file that
    fails - bad input, or a loader bug - is one reason; the others still load."""
    import tempfile

    from reformkg.loaders import LoadError, extract_file

    extractions, errors = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files:
            path = Path(tmp) / Path(name).name
            path.write_bytes(data)
            try:
                extractions.append(extract_file(path))
            except LoadError as e:
                errors.append((name, e.reason))
            except Exception as e:   # a loader bug: never a traceback with server paths
                errors.append((name, f"内部错误:{type(e).__name__}"))
    return extractions, errors


def page_file(name: str) -> Path:
    """The script of page `name` (st.page_link wants the file; absolute, so it
    resolves whichever main script started the app)."""
    return Path(__file__).resolve().parent / "pages" / f"{name}.py"


def link(page: str, **params) -> str:
    return f"/{page}?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())


_MARKDOWN = re.compile(r"[\\`*_{}\[\]()#+\-.!|~$:]")


def esc(text) -> str:
    """Document text for any Streamlit element that renders Markdown (titles,
    headers, captions, messages, markdown with HTML): HTML is escaped and every
    Markdown character becomes a character reference, which both Markdown and
    HTML show as itself, so `![x](http://host/a.png)` is shown, never fetched."""
    escaped = html.escape("" if text is None else str(text), quote=True)
    return _MARKDOWN.sub(lambda m: f"&#{ord(m.group())};", escaped)


PAGE_ROWS = 50


@dataclass(frozen=True)
class Link:
    """A table's link column: page `page` with `param` = the row's `column`.
    Made for the rows shown and, on click, for the downloads: a table of
    thousands of rows does not quote thousands of URLs on every render."""

    page: str
    param: str
    column: str
    label: str = "详情"          # the column's heading; every cell reads 打开
    extra: tuple[tuple[str, str], ...] = ()   # more parameters, the same on every row

    def urls(self, df: pd.DataFrame) -> list[str]:
        return [link(self.page, **{self.param: v}, **dict(self.extra)) for v in df[self.column]]


def table(df: pd.DataFrame, name: str, *, columns: list[str] | None = None, rename: dict | None = None,
          url_columns: dict[str, str] | None = None, key: str | None = None,
          links: dict[str, Link] | None = None) -> None:
    """Every table of the explorer: empty cells shown as —, long tables in
    pages of PAGE_ROWS rows, link columns (`links`, made for the rows shown and
    shown after `columns`; `url_columns`, columns of the frame that hold links
    already: column -> heading), and JSON and CSV downloads of all its rows.

    Drawn as escaped HTML (table_html), not st.dataframe: the data grid's
    bundle cost every first render of a page with a table ~0.5 s in a fresh
    browser here (an empty page 1.25 s, with a 20-row st.dataframe 1.88 s, with
    the same rows as HTML 1.35 s), and long Chinese cells wrap instead of being
    cut. The rows are already sorted by their query, and paged."""
    key = key or name
    links = links or {}
    headings = {c: lk.label for c, lk in links.items()} | (url_columns or {})
    view = df if columns is None else df[columns]
    total = len(view)
    shown_rows = df
    if total > PAGE_ROWS:
        pages = -(-total // PAGE_ROWS)
        c = st.columns([1, 4])
        page = int(c[0].number_input("页", min_value=1, max_value=pages, value=1, key=f"page-{key}"))
        c[1].caption(f"共 {total} 行 · 第 {page}/{pages} 页 · 每页 {PAGE_ROWS} 行")
        view = view.iloc[(page - 1) * PAGE_ROWS: page * PAGE_ROWS]
        shown_rows = df.iloc[(page - 1) * PAGE_ROWS: page * PAGE_ROWS]
    view = _with_links(view, shown_rows, links)
    if rename:
        view = view.rename(columns=rename)
    st.markdown(table_html(view, headings), unsafe_allow_html=True)
    everything = df if columns is None else df[columns]
    json_twin(lambda: _with_links(everything, df, links), name, key=key)


_TABLE_STYLE = ("<style>.rk-table{overflow-x:auto;margin-bottom:0.5rem}"
                ".rk-table table{border-collapse:collapse;width:100%;font-size:0.875rem}"
                ".rk-table th{background:#f1f3f5;text-align:left;font-weight:600}"
                ".rk-table th,.rk-table td{border-bottom:1px solid #e9ecef;padding:4px 8px;vertical-align:top;"
                "white-space:nowrap}.rk-table td.w{white-space:normal;min-width:16rem}"
                "</style>")
WRAP_CHARS = 16   # a longer cell wraps (in a column at least 16rem wide); shorter ones never do


def table_html(view: pd.DataFrame, links: dict[str, str] | None = None) -> str:
    """`view` as an HTML table: every cell escaped, an empty one —; the columns
    in `links` (column -> heading) hold the explorer's own URLs, each shown as
    a link 打开 (a URL that is not the explorer's own is shown as text)."""
    links = links or {}
    head = "".join(f"<th>{esc(links.get(c, c))}</th>" for c in view.columns)
    rows = []
    for values in view.itertuples(index=False):
        cells = []
        for column, v in zip(view.columns, values):
            text = "" if _empty(v) else _cell_text(v)
            if not text.strip():
                cells.append("<td>—</td>")
            elif column in links and text.startswith("/") and not text.startswith("//"):
                cells.append(f'<td><a href="{html.escape(text, quote=True)}">打开</a></td>')
            else:
                wrap = ' class="w"' if len(text) > WRAP_CHARS else ""
                cells.append(f"<td{wrap}>{esc(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'{_TABLE_STYLE}<div class="rk-table"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _with_links(view: pd.DataFrame, rows: pd.DataFrame, links: dict[str, Link]) -> pd.DataFrame:
    """`view` with its link columns, made from the same rows of the full frame."""
    return view.assign(**{c: lk.urls(rows) for c, lk in links.items()}) if links else view


def _cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return "、".join(map(str, v))
    return str(v)


def _empty(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT


def as_json(df: pd.DataFrame) -> str:
    return json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=1)


def as_csv(df: pd.DataFrame) -> str:
    return df.to_csv(index=False)


def json_twin(df: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str | None = None) -> None:
    """Every view's data as JSON (and CSV), like datasette's .json twins: all
    its rows (`df`, or a function making them), written when the button is
    clicked (not on every render). A download does not rerun the page:
    nothing on it changes, and a rerun would retire the other button's
    pending file while it is being clicked."""
    rows = df if callable(df) else (lambda: df)
    c1, c2 = st.columns(2)
    c1.download_button("下载 JSON", lambda: as_json(rows()), file_name=f"{name}.json", mime="application/json",
                       key=f"json-{key or name}", on_click="ignore")
    c2.download_button("下载 CSV", lambda: as_csv(rows()), file_name=f"{name}.csv", mime="text/csv",
                       key=f"csv-{key or name}", on_click="ignore")


def query_param(name: str, default: str = "") -> str:
    return st.query_params.get(name, default)


def show_store_error(e: Exception) -> None:
    st.error(f"无法读取图数据库:{esc(e)}")
    st.stop()


ROLE_ZH = {Role.LEAD: "牵头", Role.SUPPORT: "配合", Role.RESPONSIBLE: "责任", Role.COLLECTIVE: "集体"}
KIND_ZH = {"set": "更正", "confirmed": "确认无误", "not_a_measure": "不是措施", "flagged": "标记待审"}
STATUS_ZH = {"applied": "已生效", "stale": "已失效(条款已变)", "corrected": "已更正", "confirmed": "已确认",
             "flagged": "待审(用户标记)"}
STEP_ZH = {"document": "文件", "section": "章节", "indicator": "指标", "chief": "指标长",
           "coordinator": "总牵头部门", "clause": "责任条款", Role.LEAD: "牵头单位", Role.SUPPORT: "配合单位",
           Role.RESPONSIBLE: "责任单位", Role.COLLECTIVE: "集体主体", "leader": "责任领导"}

__all__ = ["run", "table", "Link", "scope", "scope_sidebar", "scope_caption", "in_scope", "generation", "store_is_empty", "load_batch", "write", "save_correction",
           "corrections_file", "extract_uploads", "link", "esc", "json_twin", "query_param", "CORPUS",
           "StoreError", "ROLE_ZH", "STEP_ZH", "KIND_ZH", "STATUS_ZH", "backend_name", "store", "with_store", "show_store_error"]
