"""The correction form: reassign a measure's roles, confirm it, or mark it as
not a measure (审核 page and 措施 page). Saving appends to the corrections
file and applies the correction at once (explorer.shared.save_correction)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from reformkg.graph.corrections import ROLE_FIELDS, CorrectionsError
from reformkg.loaders.clauses import printed_units

from . import shared

FIELD_ZH = {"leads": "牵头单位", "supports": "配合单位", "responsible": "责任单位(无牵头时)",
            "collectives": "集体主体(各县区等)"}
_FLASH = "reformkg.review.flash"


def current_roles(chain: pd.DataFrame) -> dict[str, list[str]]:
    """field -> names in rank order, as the graph holds them now."""
    out = {}
    for field, role in ROLE_FIELDS.items():
        rows = chain[chain["step"] == role].sort_values(["rank", "start"], na_position="last")
        out[field] = list(dict.fromkeys(rows["name"].tolist()))
    return out


def show_flash() -> None:
    """The message of the last save, shown once after the page reran."""
    msg = st.session_state.pop(_FLASH, None)
    if msg:
        st.success(msg)


def correction_form(measure: pd.Series, chain: pd.DataFrame, key: str) -> None:
    """The edit form for one measure (`measure`: a measure_detail row)."""
    measure_id = measure["id"]
    current = current_roles(chain)
    choices = list(dict.fromkeys(printed_units(measure["clause"] or "")
                                 + [n for names in current.values() for n in names]))
    with st.form(f"correct-{key}-{measure_id}"):
        st.caption("从条款中印出的单位里选择,或直接输入新的单位名称后回车。只有改动过的角色会被更正。")
        picked = {}
        for field, label in FIELD_ZH.items():
            picked[field] = st.multiselect(label, choices, default=current[field], accept_new_options=True,
                                           key=f"{key}-{field}-{measure_id}")
        deadline = st.text_input("完成时限", value=measure["deadline_text"] or measure["deadline"] or "",
                                 key=f"{key}-deadline-{measure_id}", placeholder="例如:2023年6月底")
        who = st.text_input("更正人", value=st.session_state.get("reformkg.who", ""),
                            key=f"{key}-who-{measure_id}")
        why = st.text_area("理由", key=f"{key}-why-{measure_id}", placeholder="例如:条款写“会同”,会同前的单位牵头")
        cols = st.columns(4)
        save = cols[0].form_submit_button("保存更正", type="primary")
        confirm = cols[1].form_submit_button("确认无误")
        flag = cols[2].form_submit_button("标记待审")
        not_measure = cols[3].form_submit_button("不是措施")
    if not (save or confirm or flag or not_measure):
        return
    if not who.strip():
        st.error("请填写更正人。")
        return
    if not why.strip() and not confirm:
        st.error("请填写理由(确认无误时可不填)。")
        return
    st.session_state["reformkg.who"] = who.strip()
    values: dict = {}
    if save:
        values = {f: v for f, v in picked.items() if v != current[f]}
        if deadline.strip() != (measure["deadline_text"] or measure["deadline"] or ""):
            values["deadline"] = deadline.strip()
        if not values:
            st.warning("没有改动:请修改角色或时限,或选择「确认无误」。")
            return
    kind = "set" if save else "confirmed" if confirm else "flagged" if flag else "not_a_measure"
    try:
        outcome = shared.save_correction(measure_id, kind=kind, who=who.strip(), why=why.strip(),
                                         values=values)
    except CorrectionsError as e:
        st.error(f"未保存:{shared.esc(e)}")
        return
    except shared.StoreError as e:
        st.error(f"写入失败:{shared.esc(e)}")
        return
    st.session_state[_FLASH] = (f"已保存:{shared.KIND_ZH[kind]} {measure_id}"
                                f"({shared.STATUS_ZH.get(outcome.status, outcome.status)})")
    st.rerun()
