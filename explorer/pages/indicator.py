"""指标对比: one indicator, cities side by side — measures and numeric targets."""
import streamlit as st

from explorer import shared
from loaders import knowledge

st.title("指标对比")
names = [i.name for i in knowledge.indicators()]
current = shared.query_param("indicator", "纳税")
indicator = st.selectbox("营商环境指标", names, index=names.index(current) if current in names else 0,
                         key="indicator")
if indicator != shared.query_param("indicator"):
    st.query_params["indicator"] = indicator

measures = shared.run("indicator_measures", indicator=indicator)
targets = shared.run("indicator_targets", indicator=indicator)
st.caption(f"{len(measures)} 条措施 · {len(targets)} 个数值目标")

st.subheader("数值目标")
if targets.empty:
    st.info("该指标没有可比的数值目标。")
else:
    view = targets.assign(目标=targets["comparator"].map({"<=": "≤", ">=": "≥", "=": "="}) + " "
                          + targets["value"].map(lambda v: f"{v:g}") + " " + targets["unit"])
    st.dataframe(view[["city", "目标", "quote", "title", "measure"]]
                 .rename(columns={"city": "城市", "quote": "原文", "title": "措施", "measure": "编号"}),
                 hide_index=True, use_container_width=True)
    for unit, part in targets.groupby("unit"):
        if part["city"].nunique() > 1:
            st.caption(f"单位:{unit}")
            st.bar_chart(part, x="city", y="value", color="comparator", height=260)
    shared.json_twin(targets, f"indicator_targets-{indicator}")

st.subheader("各城市措施")
cities = sorted(measures["city"].unique())
cols = st.columns(max(1, len(cities)))
for col, city in zip(cols, cities):
    part = measures[measures["city"] == city].copy()
    col.markdown(f"**{shared.esc(city)}**({len(part)} 条)")
    part["链接"] = [shared.link("measure", id=i) for i in part["id"]]
    col.dataframe(part[["path", "title", "leads", "链接"]]
                  .rename(columns={"path": "编号", "title": "措施", "leads": "牵头"}),
                  hide_index=True, use_container_width=True,
                  column_config={"链接": st.column_config.LinkColumn("详情", display_text="打开")})
