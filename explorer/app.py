"""The explorer's main script: `reformkg explore` runs this file (installed or
not); `streamlit run app.py` in a checkout runs it through the top-level app.py.
Page files are given by absolute path, so either main script finds them."""
from __future__ import annotations

import streamlit as st


def main() -> None:
    st.set_page_config(page_title="改革措施知识图谱", page_icon="🗂", layout="wide")

    from reformkg.explorer import shared
    from reformkg.explorer.first_build import build_corpus_if_empty

    build_corpus_if_empty()
    page = st.navigation(pages())
    shared.scope_sidebar()
    st.sidebar.caption(f"数据库:{shared.backend_name()}")
    page.run()


def pages() -> list:
    from reformkg.explorer.shared import page_file

    return [
        st.Page(page_file("overview"), title="总览", url_path="overview", default=True),
        st.Page(page_file("department"), title="部门", url_path="department"),
        st.Page(page_file("measure"), title="措施", url_path="measure"),
        st.Page(page_file("indicator"), title="指标对比", url_path="indicator"),
        st.Page(page_file("regulations"), title="法规", url_path="regulations"),
        st.Page(page_file("audit"), title="审计", url_path="audit"),
        st.Page(page_file("review"), title="审核", url_path="review"),
        st.Page(page_file("cypher"), title="Cypher", url_path="cypher"),
        st.Page(page_file("upload"), title="导入", url_path="import"),
    ]


if __name__ == "__main__":   # Streamlit runs its main script as __main__
    main()
