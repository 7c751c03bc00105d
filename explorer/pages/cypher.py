"""Cypher console for analysts: read-only, time limit, row cap, guarded."""
import json

import pandas as pd
import streamlit as st

from reformkg import queries
from reformkg.explorer import shared
from reformkg.graph import QueryError, settings
from reformkg.queries import console

st.title("Cypher 查询")
st.caption("只读控制台:只接受 MATCH … RETURN 形式的读取查询(写入、读取文件、过程调用、管理命令都会被拒绝);"
           "每条查询在独立进程中运行,有时间、内存和行数上限。")

named = {f"{q.name} — {q.title_zh}": q for q in queries.list()}
example = st.selectbox("示例(查询库)", ["(自己写)"] + list(named), key="example")
if example != "(自己写)" and st.session_state.get("loaded_example") != example:
    q = named[example]
    st.session_state["cypher"] = q.text_for(settings.backend())
    defaults = {p.name: p.default for p in q.params}
    for p in q.params:
        if p.type == "dept":
            defaults[f"{p.name}_key"] = None
    st.session_state["params"] = json.dumps(defaults, ensure_ascii=False)
    st.session_state["loaded_example"] = example

if "cypher" not in st.session_state:
    st.session_state["cypher"] = shared.query_param(
        "q", "MATCH (d:Department)-[r:LEADS]->(m:Measure) RETURN d.name AS 部门, count(m) AS 牵头数 "
             "ORDER BY 牵头数 DESC LIMIT 10")
cypher = st.text_area("Cypher", key="cypher", height=160)
params_text = st.text_input("参数(JSON)", key="params", value=st.session_state.get("params", "{}"))
c1, c2 = st.columns(2)
timeout = c1.number_input("时间限制(毫秒)", 100, 60_000, console.DEFAULT_TIMEOUT_MS, step=500)
max_rows = c2.number_input("最多行数", 1, 100_000, console.DEFAULT_MAX_ROWS, step=100)

if st.button("运行", type="primary") or shared.query_param("run") == "1":
    st.query_params["q"] = cypher
    try:
        params = json.loads(params_text or "{}")
        if not isinstance(params, dict):
            raise ValueError
    except ValueError:
        st.error("参数必须是 JSON 对象,例如 {\"dept\": \"市税务局\"}")
        st.stop()
    try:
        # its own process and connection: no lock shared with other users
        result = console.run(shared.store(), cypher, params,
                             console.ConsoleLimits(int(timeout), int(max_rows)))
    except console.ConsoleRefused as e:
        st.error(f"已拒绝:{shared.esc(e)}")
        st.stop()
    except QueryError as e:
        msg = str(e)
        if "time limit" in msg:
            st.error(f"查询超过时间限制({int(timeout)} 毫秒),已停止。")
        elif "memory" in msg:
            st.error("查询所需内存超过上限,已停止(其他用户不受影响)。")
        elif "crashed" in msg:
            st.error("查询使数据库引擎崩溃,已在独立进程中终止(其他用户不受影响)。")
        elif "read-only" in msg:
            st.error("已拒绝:只读控制台不允许写入。")
        else:
            st.error(f"查询出错:{shared.esc(msg)}")
        st.stop()
    st.success(f"{len(result.rows)} 行 · {result.elapsed_ms:.0f} 毫秒")
    if result.truncated:
        st.warning(f"结果已截断:只显示前 {int(max_rows)} 行。")
    df = pd.DataFrame([[json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in r]
                       for r in result.rows], columns=result.columns)
    tab1, tab2 = st.tabs(["表格", "图"])
    with tab1:
        shared.table(df, "cypher-result")
    with tab2:
        from reformkg.explorer.graphview import result_graph_html
        import streamlit.components.v1 as components

        html = result_graph_html(result.rows)
        if html:
            components.html(html, height=500)
        else:
            st.info("结果中没有节点或关系(返回 n、r 或路径即可绘图)。")
