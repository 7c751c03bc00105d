"""措施: search; a measure's full text with clause, units, citations and targets
highlighted, its responsibility chain with evidence, deadline, source position."""
import streamlit as st

from reformkg.explorer import shared
from reformkg.explorer.highlight import highlight_html, legend_html
from reformkg.explorer.review_form import correction_form, show_flash
from reformkg.loaders.records import UNIT_ROLES

st.title("措施")
show_flash()
measure_id = shared.query_param("id")
q = st.text_input("搜索措施", value=shared.query_param("q"), key="q", placeholder="例如:纳税、一网通办")
if q != shared.query_param("q"):
    st.query_params["q"] = q

if q and not measure_id:
    hits = shared.run("search", text=q)
    hits = hits[hits["kind"] == "measure"].copy()
    st.caption(f"找到 {len(hits)} 条措施")
    shared.table(hits, "search", columns=["id", "name", "doc"], rename={"id": "编号", "name": "措施", "doc": "文件"},
                 links={"链接": shared.Link("measure", "id", "id")})
    st.stop()

if not measure_id:
    docs = shared.run("documents")
    doc = st.selectbox("文件", docs["id"].tolist()) if not docs.empty else None
    if doc:
        rows = shared.run("measure_list", doc=doc)
        shared.table(rows, f"measure_list-{doc}", columns=["path", "title", "indicator", "leads", "deadline"],
                     rename={"path": "编号", "title": "措施", "indicator": "指标", "leads": "牵头",
                             "deadline": "时限"},
                     links={"链接": shared.Link("measure", "id", "id")})
    st.stop()

detail = shared.run("measure_detail", scoped=False, measure=measure_id)
if detail.empty:
    st.error(f"没有编号为「{shared.esc(measure_id)}」的措施。")
    st.stop()
m = detail.iloc[0]
chain = shared.run("responsibility_chain", scoped=False, measure=measure_id)
spans = shared.run("measure_spans", scoped=False, measure=measure_id)

st.header(shared.esc(f"{m['path']}  {m['title']}"))
st.caption(shared.esc(f"{m['doc_title']} · {m['jurisdiction']} · 编号 {m['id']}"))
c = st.columns(3)
c[0].metric("指标", m["indicator"] or "—")
c[1].metric("完成时限", m["deadline"] if m["deadline"] else "—", help=m["deadline_text"] or None)
c[2].metric("原文位置", f"{m['start']}–{m['end']}")

st.subheader("原文")
st.markdown(highlight_html(m, chain, spans), unsafe_allow_html=True)
st.markdown(legend_html(), unsafe_allow_html=True)

st.subheader("责任链")
table = chain.assign(环节=chain["step"].map(shared.STEP_ZH))
table["链接"] = [shared.link("department", dept=n) if s in (*UNIT_ROLES, "coordinator") else None
                for s, n in zip(chain["step"], chain["name"])]
shared.table(table, f"responsibility_chain-{measure_id}",
             columns=["环节", "name", "quote", "start", "end", "correction", "链接"],
             rename={"name": "名称", "quote": "原文", "start": "起", "end": "止", "correction": "人工更正"},
             url_columns={"链接": "部门"})

with st.expander("更正此记录(角色、时限;确认;不是措施)"):
    correction_form(m, chain, key="measure")

if not spans.empty:
    st.subheader("引用与数值目标")
    shared.table(spans, f"measure_spans-{measure_id}", rename={"kind": "类型", "name": "名称", "quote": "原文"})

with st.expander("在文件中的位置(前后文)"):
    text = shared.run("document_text", scoped=False, doc=m["doc"]).iloc[0]["text"]
    a, b = int(m["start"]), int(m["end"])
    st.markdown(f"…{shared.esc(text[max(0, a - 200):a])}<mark>{shared.esc(text[a:b])}</mark>"
                f"{shared.esc(text[b:b + 200])}…", unsafe_allow_html=True)
