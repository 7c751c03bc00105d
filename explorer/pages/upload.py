"""导入: upload documents, preview the extracted records and errors, add them to the graph."""
import pandas as pd
import streamlit as st

from reformkg.explorer import shared
from reformkg.graph import StoreError, build
from reformkg.loaders import READERS, SPEC_FIELDS

MAX_WARNINGS = 20   # a huge file can carry thousands of warnings

st.title("导入文件")
st.caption("支持 " + "、".join(sorted(READERS)) + ";简体或繁体;UTF-8、GB18030 或 UTF-16。"
           "同名文件会替换图中已有的版本。")
files = st.file_uploader("选择文件", accept_multiple_files=True, type=[e.lstrip(".") for e in READERS])
if not files:
    st.stop()

extractions, errors = shared.extract_uploads([(f.name, f.getvalue()) for f in files])

for name, reason in errors:
    st.error(f"{shared.esc(name)}:{shared.esc(reason)}")
for ex in extractions:
    d = ex.document
    st.subheader(shared.esc(d.title or d.doc))
    st.caption(shared.esc(f"{d.doc} · {d.jurisdiction or '地区未知'} · {d.doc_number or '无文号'} · "
                          f"{len(ex.measures)} 条措施 · 编码 {d.encoding or d.source_format}"))
    for w in ex.warnings[:MAX_WARNINGS]:
        st.warning(shared.esc(w))
    if len(ex.warnings) > MAX_WARNINGS:
        st.caption(f"另有 {len(ex.warnings) - MAX_WARNINGS} 条警告未显示。")
    preview = pd.DataFrame([{k: m.to_json()[k] for k in SPEC_FIELDS} for m in ex.measures])
    shared.table(preview, f"preview-{d.doc}")

if extractions and st.button(f"加入图谱({len(extractions)} 个文件)", type="primary"):
    bar = st.progress(0.0, text="写入图数据库")
    steps = {"n": 0}

    def progress(name, n):
        steps["n"] += n
        bar.progress(min(1.0, steps["n"] / 4), text=name)

    try:
        stats, report = shared.load_batch(build(extractions), progress=progress)
    except StoreError as e:
        st.error(f"写入失败:{shared.esc(e)}")
        st.stop()
    bar.progress(1.0, text="完成")
    for line in report.lines():
        st.warning(shared.esc(line))
    if report.applied:
        st.info(f"已重新应用 {len(report.applied)} 条人工更正。")
    st.success(f"已加入 {stats.documents} 个文件:{stats.nodes} 个节点、{stats.relationships} 条关系。")
