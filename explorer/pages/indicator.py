"""指标对比: one indicator, cities side by side — measures and numeric targets."""
import streamlit as st

from reformkg.explorer import shared
from reformkg.explorer.bars import bar_chart
from reformkg.loaders import knowledge

TOP_CITIES = 10
COMPARATOR_ZH = {"<=": "不超过", ">=": "不低于", "=": "等于"}
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
    shared.table(view, f"indicator_targets-{indicator}", columns=["city", "目标", "quote", "title", "measure"],
                 rename={"city": "城市", "quote": "原文", "title": "措施", "measure": "编号"})
    for unit, part in targets.groupby("unit"):
        if part["city"].nunique() > 1:
            best = part.groupby("city")["value"].min().sort_values().index[:TOP_CITIES]
            shown = part[part["city"].isin(best)]
            st.caption(f"单位:{unit}" + (f"(目标最严的 {TOP_CITIES} 个城市,共 {part['city'].nunique()} 个)"
                                         if part["city"].nunique() > TOP_CITIES else ""))
            # each city's strictest target per comparator, strictest city first
            chart = shown.assign(比较=shown["comparator"].map(COMPARATOR_ZH)).pivot_table(
                index="city", columns="比较", values="value", aggfunc="min").reindex(best)
            bar_chart(chart, x_label=f"目标值({unit})", y_label="城市", stacked=False)

st.subheader("各城市措施")
counts = measures["city"].value_counts()
st.caption("各城市措施数:" + "、".join(f"{c} {n}" for c, n in counts.head(TOP_CITIES).items())
           + (f" 等 {len(counts)} 个城市" if len(counts) > TOP_CITIES else ""))
if not measures.empty:
    shared.table(measures, f"indicator_measures-{indicator}", columns=["city", "path", "title", "leads"],
                 rename={"city": "城市", "path": "编号", "title": "措施", "leads": "牵头"},
                 links={"链接": shared.Link("measure", "id", "id")})
