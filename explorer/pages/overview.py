"""总览: documents, counts, measures per indicator per city, top lead departments."""
import streamlit as st

from reformkg.explorer import shared
from reformkg.explorer.bars import bar_chart

TOP_CITIES = 10
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
shared.table(docs.assign(warnings=[len(w) if isinstance(w, list) else 0 for w in docs.get("warnings", [])]),
             "documents", rename={"id": "编号", "title": "标题", "issuer": "发文机关", "doc_number": "文号",
                                  "published": "发布日期", "jurisdiction": "地区", "province": "省份",
                                  "measures": "措施数", "format": "格式", "year": "年份",
                                  "warnings": "抽取警告数"})
if not docs.empty and docs["warnings"].map(bool).any():
    st.caption(f"抽取警告(未记为措施的条目、未读的表格列等)见[审核]({shared.link('review')})页。")

st.subheader("各指标措施数(分城市)")
if overview.empty:
    st.info("尚无指标相关措施。")
else:
    pivot = overview.pivot_table(index="indicator", columns="city", values="measures", fill_value=0)
    ranked = pivot.sum().sort_values(ascending=False).index
    rest = None
    if len(ranked) > TOP_CITIES:   # hundreds of cities are a stripe, not a chart: the top N, the rest summed
        others = ranked[TOP_CITIES:]
        rest = f"其他 {len(others)} 个城市"
        pivot = pivot[ranked[:TOP_CITIES]].assign(**{rest: pivot[others].sum(axis=1)})
        st.caption(f"措施最多的 {TOP_CITIES} 个城市;其余 {len(others)} 个城市合计为“其他”(侧栏可限定地区)。")
    pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=False).index]   # most measures first
    pivot.index.name, pivot.columns.name = "指标", "城市"
    bar_chart(pivot, x_label="措施数", y_label="指标", rest=rest)
    shared.json_twin(overview, "indicator_overview")

st.subheader("牵头措施最多的部门")
if not workload.empty:
    top = workload.assign(部门=workload["name"] + "(" + workload["jurisdiction"] + ")")
    chart = top.set_index("部门")[["leads", "supports", "responsible"]].rename(
        columns={"leads": "牵头", "supports": "配合", "responsible": "责任"})
    chart.columns.name = "角色"
    bar_chart(chart, x_label="措施数", y_label="部门")
    shared.json_twin(workload, "department_workload")
