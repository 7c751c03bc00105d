"""The explorer's main script: `reformkg explore` runs this file (installed or
not); `streamlit run app.py` in a checkout runs it through the top-level app.py.
Page files are given by absolute path, so either main script finds them."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"


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
    return [
        st.Page(PAGES_DIR / "overview.py", title="总览", url_path="overview", default=True),
        st.Page(PAGES_DIR / "department.py", title="部门", url_path="department"),
        st.Page(PAGES_DIR / "measure.py", title="措施", url_path="measure"),
        st.Page(PAGES_DIR / "indicator.py", title="指标对比", url_path="indicator"),
        st.Page(PAGES_DIR / "regulations.py", title="法规", url_path="regulations"),
        st.Page(PAGES_DIR / "audit.py", title="审计", url_path="audit"),
        st.Page(PAGES_DIR / "review.py", title="审核", url_path="review"),
        st.Page(PAGES_DIR / "cypher.py", title="Cypher", url_path="cypher"),
        st.Page(PAGES_DIR / "upload.py", title="导入", url_path="import"),
    ]


if __name__ == "__main__":   # Streamlit runs its main script as __main__
    main()
