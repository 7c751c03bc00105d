"""On first start with an empty store, build corpus/ with a visible progress bar."""
from __future__ import annotations

import streamlit as st

from reformkg.graph import StoreError, build
from reformkg.loaders import LoadError, extract_file, iter_input_files

from . import shared


def build_corpus_if_empty() -> None:
    try:
        empty = shared.store_is_empty()
    except StoreError as e:
        shared.show_store_error(e)
        return
    if not empty:
        return
    st.title("改革措施知识图谱")
    st.info(f"图数据库为空:正在从 {shared.CORPUS}/ 构建……")
    files = list(iter_input_files([shared.CORPUS])) if shared.CORPUS.exists() else []
    if not files:
        st.warning(f"{shared.CORPUS}/ 中没有可读取的文件。请在「导入」页上传文件。")
        return
    bar = st.progress(0.0, text="抽取文件")
    extractions, errors = [], []
    for i, path in enumerate(files, 1):
        try:
            extractions.append(extract_file(path))
        except LoadError as e:
            errors.append(f"{e.path}: {e.reason}")
        bar.progress(i / (len(files) + 1), text=f"抽取 {path.name}({i}/{len(files)})")
    for err in errors:
        st.warning(err)
    if extractions:
        bar.progress(len(files) / (len(files) + 1), text="写入图数据库")
        _, report = shared.load_batch(build(extractions))
        for line in report.lines():
            st.warning(shared.esc(line))
    bar.progress(1.0, text="完成")
    st.rerun()
