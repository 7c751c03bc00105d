"""总览: documents, counts, measures per indicator per city, top lead departments."""
import streamlit as st

from explorer import shared

st.title("改革措施知识图谱")
st.caption("政府改革措施与责任部门 · 每一条关系都能追溯到文件原文")

docs = shared.run("documents")
workload = shared.run("department_workload", limit=15)
overview = shared.run("indicator_overview")
all_depts = shared.run("department_workload", limit=100000)

c = st.columns(4)
c[0].metric("文件", len(docs))
c[1].metric("措施", int(docs["measures"].sum()) if not docs.empty else 0)
c[2].metric("责任部门", len(all_depts))
c[3].metric("城市", docs["jurisdiction"].nunique() if not docs.empty else 0)

st.subheader("文件")
st.dataframe(docs.rename(columns={"id": "编号", "title": "标题", "issuer": "发文机关", "doc_number": "文号",
                                  "published": "发布日期", "jurisdiction": "地区", "province": "省份",
                                  "measures": "措施数", "format": "格式"}),
             hide_index=True, use_container_width=True)

st.subheader("各指标措施数(分城市)")
if overview.empty:
    st.info("尚无指标相关措施。")
else:
    pivot = overview.pivot_table(index="indicator", columns="city", values="measures", fill_value=0)
    st.bar_chart(pivot, horizontal=True, height=520)

st.subheader("牵头措施最多的部门")
if not workload.empty:
    top = workload.assign(部门=workload["name"] + "(" + workload["jurisdiction"] + ")")
    st.bar_chart(top.set_index("部门")[["leads", "supports", "responsible"]]
                 .rename(columns={"leads": "牵头", "supports": "配合", "responsible": "责任"}),
                 horizontal=True, height=420)
    shared.json_twin(workload, "department_workload")
