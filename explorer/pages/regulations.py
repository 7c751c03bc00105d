"""法规: regulations and the measures citing them."""
import streamlit as st

from reformkg.explorer import shared
from reformkg.explorer.bars import bar_chart

st.title("法规")
title = st.text_input("标题包含", value=shared.query_param("title"), key="title", placeholder="例如:条例")
if title != shared.query_param("title"):
    st.query_params["title"] = title
rows = shared.run("regulation_citations", title=title or None)
if rows.empty:
    st.info("没有引用。")
    st.stop()
counts = rows.groupby("regulation").size().sort_values(ascending=False).rename("引用次数")
st.subheader(f"{len(counts)} 部法规 · {len(rows)} 次引用")
chart = counts.head(20)
chart.index.name = "法规"
bar_chart(chart, x_label="引用次数", y_label="法规")
shared.table(rows, "regulation_citations", columns=["regulation", "doc", "path", "measure_title"],
             rename={"regulation": "法规", "doc": "文件", "path": "编号", "measure_title": "措施"},
             links={"链接": shared.Link("measure", "id", "measure")})
