"""reformkg explorer: `streamlit run app.py` (or `reformkg explore`)."""
from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="改革措施知识图谱", page_icon="🗂", layout="wide")

from explorer import shared  # noqa: E402
from explorer.first_build import build_corpus_if_empty  # noqa: E402

build_corpus_if_empty()

PAGES = [
    st.Page("explorer/pages/overview.py", title="总览", url_path="overview", default=True),
    st.Page("explorer/pages/department.py", title="部门", url_path="department"),
    st.Page("explorer/pages/measure.py", title="措施", url_path="measure"),
    st.Page("explorer/pages/indicator.py", title="指标对比", url_path="indicator"),
    st.Page("explorer/pages/regulations.py", title="法规", url_path="regulations"),
    st.Page("explorer/pages/audit.py", title="审计", url_path="audit"),
    st.Page("explorer/pages/review.py", title="审核", url_path="review"),
    st.Page("explorer/pages/cypher.py", title="Cypher", url_path="cypher"),
    st.Page("explorer/pages/upload.py", title="导入", url_path="import"),
]
page = st.navigation(PAGES)
shared.scope_sidebar()
st.sidebar.caption(f"数据库:{shared.backend_name()}")
page.run()
