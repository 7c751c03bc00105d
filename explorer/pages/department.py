"""部门: search by name or alias; profile, measures by role, co-responsible units, graph."""
import streamlit as st

from reformkg.explorer import shared
from reformkg.loaders.records import Role

st.title("部门")
WORKLOAD_ZH = {"id": "编号", "name": "部门", "jurisdiction": "地区", "leads": "牵头", "supports": "配合",
               "responsible": "责任", "total": "合计"}
dept = st.text_input("部门名称、全称或别名", value=shared.query_param("dept"), key="dept",
                     placeholder="例如:市大数据发展服务局")
if dept != shared.query_param("dept"):
    st.query_params["dept"] = dept

if not dept:
    st.caption("任务量最大的部门:")
    top = shared.run("department_workload", limit=30)
    shared.table(top, "department_workload", rename=WORKLOAD_ZH,
                 links={"链接": shared.Link("department", "dept", "id", label="查看")})
    st.stop()

profile = shared.run("department_profile", dept=dept)
if profile.empty:
    st.warning(f"没有名为「{shared.esc(dept)}」的部门。相近的名称:")
    hits = shared.run("search", text=dept)
    hits = hits[hits["kind"] == "department"]
    if hits.empty:
        st.write("(无)")
    for _, h in hits.head(20).iterrows():
        st.page_link(shared.page_file("department"), label=f"{h['name']}({h['doc']})",
                     query_params={"dept": h["id"]})
    st.stop()

if len(profile) > 1:   # one name, several units (市财政局 of many cities): choose, do not render all
    st.info(f"有 {len(profile)} 个部门名为「{shared.esc(dept)}」,请选择一个(或在侧栏限定范围):")
    choices = profile.assign(文件=["、".join(d) if isinstance(d, list) else "" for d in profile["documents"]])
    shared.table(choices, "department_matches", columns=["name", "jurisdiction", "文件", "leads", "supports",
                                                          "responsible"],
                 rename={"name": "部门", "jurisdiction": "地区", "leads": "牵头", "supports": "配合",
                         "responsible": "责任"},
                 links={"链接": shared.Link("department", "dept", "id", label="打开")})
    st.stop()

for _, p in profile.iterrows():
    st.header(p["name"])
    st.caption(shared.esc(f"全称:{p['full_name']} · 地区:{p['jurisdiction']} · 编号:{p['id']}"))
    if p["aliases"]:
        st.write("别名:" + "、".join(p["aliases"]))
    c = st.columns(4)
    c[0].metric("牵头", p["leads"])
    c[1].metric("配合", p["supports"])
    c[2].metric("责任", p["responsible"])
    c[3].metric("总牵头(指标)", p["coordinates"])

    measures = shared.run("measures_involving", dept=p["id"])
    measures["角色"] = measures["role"].map(shared.ROLE_ZH)
    for role, title in ((Role.LEAD, "牵头的措施"), (Role.SUPPORT, "配合的措施"), (Role.RESPONSIBLE, "负责的措施")):
        part = measures[measures["role"] == role]
        st.subheader(f"{title}({len(part)})")
        if part.empty:
            st.write("(无)")
            continue
        shared.table(part, f"measures_involving-{role}-{p['id']}",
                     columns=["path", "title", "doc", "rank", "evidence"],
                     rename={"path": "编号", "title": "措施", "doc": "文件", "rank": "排序", "evidence": "原文"},
                     links={"链接": shared.Link("measure", "id", "id")})

    st.subheader("协同部门")
    co = shared.run("co_responsible", dept=p["id"], limit=30)
    shared.table(co, f"co_responsible-{p['id']}",
                 rename={"id": "编号", "name": "部门", "shared": "共同措施", "as_lead": "其牵头",
                         "as_support": "其配合", "as_responsible": "其责任"},
                 links={"链接": shared.Link("department", "dept", "id", label="查看")})

    if st.toggle("显示关系图", key=f"graph-{p['id']}"):
        from reformkg.explorer.graphview import neighbourhood_html
        import streamlit.components.v1 as components

        edges = shared.run("department_neighbourhood", dept=p["id"], limit=40)
        components.html(neighbourhood_html(edges, p["id"]), height=520)
