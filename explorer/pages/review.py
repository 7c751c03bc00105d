"""审核: the records to review (flagged by the extractor or by a user), one at a
time with its text, clause, roles and reasons, and the correction form;
stale corrections and the history of corrections below."""
import json

import pandas as pd
import streamlit as st

from reformkg.explorer import shared
from reformkg.explorer.highlight import highlight_html, legend_html
from reformkg.explorer.review_form import correction_form, show_flash
from reformkg.loaders.records import Role

st.title("审核")
st.caption("抽取器没有把握的记录(附原因)和用户标记的记录。更正、确认或标记“不是措施”后立即生效,"
           f"并保存在更正文件中,每次重建图谱都会重新应用:{shared.esc(shared.corrections_file())}")
show_flash()

doc = shared.scope().get("doc")   # the sidebar's 文件 (the scope) narrows the queue to one document

queue = shared.run("review_queue", doc=doc)
stale = shared.run("corrections", doc=doc)
stale = stale[stale["status"] == "stale"]

c = st.columns(2)
c[0].metric("待审核", len(queue))
c[1].metric("已失效的更正", len(stale))

if not stale.empty:
    st.subheader("已失效的更正")
    st.warning("这些更正针对的条款原文已经改变(文件有了新版本),因此没有应用。请核对措施后重新更正。")
    view = stale.assign(类型=stale["kind"].map(shared.KIND_ZH))
    shared.table(view, "stale_corrections", columns=["measure", "类型", "fields", "who", "at", "why", "problem"],
                 rename={"measure": "措施", "fields": "更正内容", "who": "更正人", "at": "时间", "why": "理由",
                         "problem": "问题"},
                 links={"链接": shared.Link("review", "id", "measure", label="审核")})

docs = shared.run("documents")
warned = [(d, w) for d, ws in zip(docs["id"], docs["warnings"]) if isinstance(ws, list) and (not doc or d == doc)
          for w in ws] if not docs.empty else []
if warned:
    st.subheader("文件警告")
    st.caption(f"{len({d for d, _ in warned})} 个文件有 {len(warned)} 条警告:抽取器没能读出的内容"
               "(例如没有可读责任条款、因而未记为措施的条目),它们不在任何记录里,请对照原文核对。")
    if st.toggle("显示文件警告", key="show-warnings"):   # drawn on request: thousands at scale
        shared.table(pd.DataFrame(warned, columns=["doc", "warning"]), "document_warnings",
                     rename={"doc": "文件", "warning": "警告"})

st.subheader("待审核记录")
if queue.empty:
    st.info("没有待审核的记录。")
else:
    view = queue.assign(原因=["；".join(r) if isinstance(r, list) else "" for r in queue["review"]],
                        状态=[shared.STATUS_ZH.get(s, "抽取器标记") if s else "抽取器标记"
                            for s in queue["review_status"]])
    shared.table(view, "review_queue", columns=["id", "title", "原因", "状态"], rename={"id": "编号", "title": "措施"},
                 links={"链接": shared.Link("review", "id", "id", label="审核", extra=(("doc", doc or ""),))})

def record(measure_id: str) -> None:
    """One record: its reasons, text with the clause highlighted, roles, the form."""
    detail = shared.run("measure_detail", scoped=False, measure=measure_id)
    if detail.empty:
        st.info(f"措施 {shared.esc(measure_id)} 已不在图谱中(可能已标记为“不是措施”)。")
        return
    m = detail.iloc[0]
    chain = shared.run("responsibility_chain", scoped=False, measure=measure_id)
    spans = shared.run("measure_spans", scoped=False, measure=measure_id)
    st.markdown(f"**{shared.esc(m['path'])}  {shared.esc(m['title'])}** · "
                f"[措施页]({shared.link('measure', id=measure_id)})")
    row = queue[queue["id"] == measure_id]
    if not row.empty and isinstance(row.iloc[0]["review"], list) and row.iloc[0]["review"]:
        st.markdown("**存疑原因:** " + shared.esc("；".join(row.iloc[0]["review"])))
    st.markdown(highlight_html(m, chain, spans), unsafe_allow_html=True)
    st.markdown(legend_html(), unsafe_allow_html=True)
    roles = chain[chain["step"].isin([role.value for role in Role])]
    if not roles.empty:
        shared.table(roles.assign(角色=roles["step"].map(shared.STEP_ZH)), f"roles-{measure_id}",
                     columns=["角色", "name", "quote", "correction"],
                     rename={"name": "单位", "quote": "原文", "correction": "人工更正"})
    correction_form(m, chain, key="review")


ids = queue["id"].tolist()
chosen = shared.query_param("id")
if chosen and chosen not in ids:
    ids = [chosen] + ids     # opened by link: a record outside the queue can be corrected too
if ids:
    measure_id = st.selectbox("审核记录", ids, index=ids.index(chosen) if chosen in ids else 0, key="review-id")
    if measure_id != chosen:
        st.query_params["id"] = measure_id
    record(measure_id)

with st.expander("更正记录"):
    history = shared.run("corrections", doc=doc)
    if history.empty:
        st.caption("还没有更正。")
    else:
        history = history.assign(类型=history["kind"].map(shared.KIND_ZH),
                                 状态=history["status"].map(shared.STATUS_ZH),
                                 更正内容=[", ".join(f"{k}: {'、'.join(v) if isinstance(v, list) else v}"
                                               for k, v in json.loads(f or "{}").items()) for f in history["fields"]])
        shared.table(history, "corrections", columns=["measure", "类型", "更正内容", "状态", "who", "at", "why"],
                     rename={"measure": "措施", "who": "更正人", "at": "时间", "why": "理由"})
