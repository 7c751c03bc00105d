"""审计: gaps, ambiguous names, workload and centrality, the responsibility matrix export."""
import io
import re

import pandas as pd
import streamlit as st

from reformkg.explorer import shared
from reformkg.explorer.bars import bar_chart

st.title("审计")

st.subheader("无明确牵头单位的措施")
gaps = shared.run("measures_without_lead")
GAP_ZH = {"no_explicit_lead": "责任单位未分主次", "collective_only": "仅有集体主体", "no_units": "未列责任单位"}
if gaps.empty:
    st.success("所有措施都有明确的牵头单位。")
else:
    gaps["问题"] = gaps["gap"].map(GAP_ZH)
    shared.table(gaps, "measures_without_lead", columns=["问题", "doc", "path", "title", "named_units",
                                                         "collectives"],
                 rename={"doc": "文件", "path": "编号", "title": "措施", "named_units": "具名单位",
                         "collectives": "集体主体"},
                 links={"链接": shared.Link("measure", "id", "id")})
    st.caption("按问题统计:" + ",".join(f"{GAP_ZH[k]} {v}" for k, v in gaps["gap"].value_counts().items()))

st.subheader("易混淆的部门名称")
amb = shared.run("ambiguous_departments")
shared.table(amb.assign(类型=amb["kind"].map({"same_name": "多地同名", "alias_candidate": "疑似别名"})),
             "ambiguous_departments", columns=["类型", "name", "other", "places", "jurisdictions"],
             rename={"name": "名称", "other": "另一名称", "places": "地区数", "jurisdictions": "地区"})

st.subheader("部门任务量与网络中心性")


MAX_NETWORK = 3_000   # departments: betweenness is O(V·E); beyond this, choose a region first


@st.cache_data(show_spinner="计算协同网络……", ttl=900)
def centrality(edges: pd.DataFrame, generation: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    from reformkg.graph.analytics import analyze

    result = analyze(edges.to_dict("records"))
    return pd.DataFrame(result.departments), pd.DataFrame(result.communities)


edges = shared.run("department_edges", jurisdiction=None)
n_depts = edges["dept"].nunique() if "dept" in edges.columns and not edges.empty else len(edges)
if n_depts > MAX_NETWORK:
    st.info(f"范围内有 {n_depts} 个部门,网络中心性需先在侧栏选择地区(或文件)以缩小范围。")
    depts = communities = pd.DataFrame()
else:
    depts, communities = centrality(edges, shared.generation())
if not depts.empty:
    shared.table(depts, "centrality",
                 rename={"id": "编号", "name": "部门", "jurisdiction": "地区", "leads": "牵头", "supports": "配合",
                         "responsible": "责任", "partners": "协同部门数", "weighted_degree": "加权度",
                         "betweenness": "中介中心性", "indicators": "涉及指标数", "community": "社群"})
    chart = depts.head(15).set_index("name")["betweenness"].rename("中介中心性")
    chart.index.name = "部门"
    bar_chart(chart, x_label="中介中心性", y_label="部门")
    with st.expander(f"协同社群({len(communities)})"):   # one element: a page switch draws each one
        st.markdown("\n".join(f"- 社群 {c['community']}({c['size']}):" + shared.esc("、".join(c["members"]))
                              for _, c in communities.iterrows()))

st.subheader("导出责任矩阵")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx(rows: pd.DataFrame) -> bytes:
    clean = rows.map(lambda v: _CONTROL.sub("", v) if isinstance(v, str) else v)
    clean["角色"] = clean["role"].map(shared.ROLE_ZH)
    pivot = clean.pivot_table(index=["doc", "path", "title"], columns="department", values="角色",
                              aggfunc="first", fill_value="")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        pivot.to_excel(writer, sheet_name="责任矩阵")
        clean.drop(columns=["ordinal"]).to_excel(writer, sheet_name="证据", index=False)
    return buf.getvalue()


# the rows and files are made on request: for thousands of documents they take seconds, not every render
st.caption("范围内每条(措施,部门)责任关系一行,每条附原文与位置。")
if st.button("准备导出文件", disabled=edges.empty) or st.session_state.get("audit-export"):
    st.session_state["audit-export"] = True
    matrix = shared.run("responsibility_matrix")
    st.caption(f"{len(matrix)} 条(措施,部门)责任关系。")
    c1, c2 = st.columns(2)
    c1.download_button("下载 XLSX(矩阵 + 证据)", xlsx(matrix), file_name="responsibility_matrix.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    c2.download_button("下载 CSV", matrix.to_csv(index=False), file_name="responsibility_matrix.csv",
                       mime="text/csv")
