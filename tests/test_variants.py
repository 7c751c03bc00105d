"""Self-written documents for every clause, numbering and unit-list variant.

Each case is a small document of an imagined city and the records it must
give (only the fields named in `expect` are compared).
"""
from __future__ import annotations

import textwrap

import pytest

from loaders import extract_text
from loaders.text import Text, fold


def extract(body: str, doc: str = "test-doc"):
    return extract_text(doc, Text.of(textwrap.dedent(body).strip() + "\n"))


def by_path(body: str) -> dict[str, dict]:
    return {m.path: m.to_json() for m in extract(body).measures}


def check(body: str, expect: dict[str, dict]) -> None:
    got = by_path(body)
    assert list(got) == list(expect), f"measures: {list(got)}"
    for path, fields in expect.items():
        for k, v in fields.items():
            g = got[path][k]
            assert (fold(g) if isinstance(g, str) else g) == (fold(v) if isinstance(v, str) else v), \
                f"{path}.{k}: got {g!r}, want {v!r}"


# --- responsibility clauses ------------------------------------------------

def test_lead_with_supports_etc_and_collectives():
    check("""
        汉中市2023年优化营商环境工作要点
        一、提升审批效率
        1.推行容缺受理。对非关键材料实行容缺受理。(市行政审批服务局牵头,市发改委、市住建局等部门及各县区按职责分工负责)
        """, {"一/1": {"title": "推行容缺受理", "leads": ["市行政审批服务局"],
                       "supports": ["市发改委", "市住建局"], "responsible": [], "collectives": ["各县区"]}})


def test_several_leads_and_leads_by_duty():
    check("""
        一、重点任务
        1.加强协同。内容。(市财政局、市税务局牵头,各县区按职责分工负责)
        2.分组推进。内容。(市司法局、市统计局按职责分别牵头,市级有关部门及各县区按职责分工负责)
        """, {"一/1": {"leads": ["市财政局", "市税务局"], "supports": [], "collectives": ["各县区"]},
              "一/2": {"leads": ["市司法局", "市统计局"], "collectives": ["市级有关部门", "各县区"]}})


def test_clause_without_lead_is_responsible():
    check("""
        一、重点任务
        1.加强宣传。内容。(市委宣传部、市融媒体中心按职责分工负责)
        2.完善平台。内容。(市大数据局负责)
        """, {"一/1": {"leads": [], "supports": [], "responsible": ["市委宣传部", "市融媒体中心"]},
              "一/2": {"leads": [], "responsible": ["市大数据局"]}})


def test_lead_with_cooperating_units_and_lead_alone():
    check("""
        一、重点任务
        1.优化服务。内容。(市商务局牵头,市口岸办、榆林海关配合)
        2.推进改革。内容。(市发改委牵头负责)
        """, {"一/1": {"leads": ["市商务局"], "supports": ["市口岸办", "榆林海关"]},
              "一/2": {"leads": ["市发改委"], "supports": [], "responsible": []}})


@pytest.mark.parametrize("sep", [",", "。", ";"])
def test_responsible_units_with_deadline(sep):
    check(f"""
        一、主要任务
        (一)政务服务
        1.提升网办能力。内容。(责任单位:市营商环境局、市行政审批局,各县区政府{sep}完成时限:2022年12月底)
        """, {"一/(一)/1": {"responsible": ["市营商环境局", "市行政审批局"], "collectives": ["各县区政府"],
                              "deadline": "2022-12-31", "deadline_text": "2022年12月底"}})


@pytest.mark.parametrize("open_, close", [("(", ")"), ("〔", "〕"), ("[", "]"), ("【", "】"), ("（", "）")])
def test_labelled_lead_and_responsible_in_any_brackets(open_, close):
    check(f"""
        一、主要任务
        1.建设平台。内容。{open_}牵头单位:市发改委;责任单位:市财政局、市审计局{close}
        """, {"一/1": {"leads": ["市发改委"], "supports": ["市财政局", "市审计局"], "responsible": []}})


def test_labels_separated_only_by_spaces():
    check("""
        一、主要任务
        1.建设平台。内容。(牵头单位:市发改委 责任单位:市财政局、市审计局 完成时限:2023年6月底)
        """, {"一/1": {"leads": ["市发改委"], "supports": ["市财政局", "市审计局"],
                       "deadline": "2023-06-30", "deadline_text": "2023年6月底"}})


def test_clause_lines_under_the_item():
    check("""
        一、主要任务
        1.建设统一平台。整合各类系统。
        牵头单位:市大数据局
        责任单位:市发改委、市财政局
        配合单位:各县区政府
        完成时限:2022年底前
        2.完善制度。内容。
        责任单位:市司法局
        时限要求:持续推进
        """, {"一/1": {"title": "建设统一平台", "leads": ["市大数据局"],
                       "supports": ["市发改委", "市财政局"], "collectives": ["各县区政府"],
                       "deadline": "2022-12-31", "deadline_text": "2022年底前"},
              "一/2": {"responsible": ["市司法局"], "deadline": "ongoing", "deadline_text": "持续推进"}})


def test_declared_first_unit_is_lead_convention():
    # 下同 after the convention repeats the convention; item 3 carries no clause
    check("""
        三、重点任务
        1.深化改革。内容一。(责任单位:市发改委、市财政局,第一责任单位为牵头单位,下同)
        2.优化流程。内容二。(责任单位:市自然资源局、市住建局、市税务局)
        3.加强监管。内容三。
        """, {"三/1": {"leads": ["市发改委"], "supports": ["市财政局"], "responsible": []},
              "三/2": {"leads": ["市自然资源局"], "supports": ["市住建局", "市税务局"]}})


def test_clause_carried_forward_by_xiatong():
    check("""
        三、重点任务
        1.深化改革。内容一。(市发改委牵头,市财政局配合,下同)
        2.优化流程。内容二。
        3.加强监管。内容三。(市市场监管局牵头)
        4.规范执法。内容四。
        """, {"三/1": {"leads": ["市发改委"], "supports": ["市财政局"]},
              "三/2": {"leads": ["市发改委"], "supports": ["市财政局"]},
              "三/3": {"leads": ["市市场监管局"], "supports": []}})


def test_units_applying_to_all_later_items():
    check("""
        一、主要任务
        1.任务一。内容。(责任单位:市发改委,各县区政府,以下不再单独列出)
        2.任务二。内容。(责任单位:市财政局)
        """, {"一/1": {"responsible": ["市发改委"], "collectives": ["各县区政府"]},
              "一/2": {"responsible": ["市财政局"], "collectives": ["各县区政府"]}})


def test_bare_unit_list_ending_every_item():
    check("""
        一、工作任务
        1.推行电子证照。全面应用电子证照。(市大数据局、市行政审批局)
        2.清理证明事项。全面清理各类证明。(市司法局)
        """, {"一/1": {"responsible": ["市大数据局", "市行政审批局"], "leads": []},
              "一/2": {"responsible": ["市司法局"]}})


def test_deadline_inside_free_form_clause_and_body_dates_ignored():
    check("""
        西安市2022年工作方案
        一、工作任务
        1.压缩时间。年底前将时间压减至3个工作日。(市税务局牵头,市财政局配合,6月底完成)
        2.持续推进。到2023年底实现全覆盖。(市商务局牵头)
        """, {"一/1": {"leads": ["市税务局"], "supports": ["市财政局"], "deadline": "2022-06-30",
                       "deadline_text": "6月底完成"},
              "一/2": {"deadline": None, "deadline_text": None}})


def test_traditional_character_clauses_keep_their_characters():
    got = by_path("""
        一、主要任務
        1.優化服務。內容。(市發改委牽頭,市財政局、市稅務局等部門按職責分工負責)
        2.建設平台。內容。(責任單位:市大數據局,各縣區政府,完成時限:2022年12月底)
        """)
    assert got["一/1"]["leads"] == ["市發改委"]
    assert got["一/1"]["supports"] == ["市財政局", "市稅務局"]
    assert got["一/2"]["responsible"] == ["市大數據局"]
    assert got["一/2"]["collectives"] == ["各縣區政府"]
    assert got["一/2"]["deadline"] == "2022-12-31"


def test_accountable_people_are_leaders_not_units():
    got = by_path("""
        一、主要任务
        1.推进改革。内容。(牵头市领导:张三;牵头单位:市发改委;责任单位:市财政局)
        2.优化服务。内容。(责任领导:李四,分管省领导:王五,责任单位:省商务厅)
        """)
    assert got["一/1"]["leads"] == ["市发改委"] and got["一/1"]["supports"] == ["市财政局"]
    assert [x["name"] for x in got["一/1"]["leaders"]] == ["张三"]
    assert got["一/2"]["responsible"] == ["省商务厅"]
    assert [(x["name"], x["title"]) for x in got["一/2"]["leaders"]] == [("李四", "责任领导"), ("王五", "分管省领导")]
    for rec in got.values():
        for name in ("张三", "李四", "王五"):
            assert name not in rec["leads"] + rec["supports"] + rec["responsible"] + rec["collectives"]


# --- numbering and structure -------------------------------------------------

def test_numbering_styles_and_normalised_labels():
    check("""
        第一章 总则
        第一条 推进改革。内容。(市发改委牵头)
        第二章 任务
        一、主要任务
        （一）政务服务
        1、事项一。内容。(市财政局牵头)
        2．事项二。内容。(市税务局牵头)
        （1）子项。内容。(市商务局牵头)
        ① 细项。内容。(市农业农村局牵头)
        ⑵ 另一子项。内容。(市水利局牵头)
        """, {"第一章/第一条": {"label": "第一条", "leads": ["市发改委"]},
              "第二章/一/(一)/1": {"label": "1", "leads": ["市财政局"]},
              "第二章/一/(一)/2": {"label": "2", "leads": ["市税务局"]},
              "第二章/一/(一)/2/(1)": {"label": "(1)", "leads": ["市商务局"]},
              "第二章/一/(一)/2/(1)/①": {"label": "①", "leads": ["市农业农村局"]},
              "第二章/一/(一)/2/(2)": {"label": "(2)", "leads": ["市水利局"]}})


def test_items_numbered_straight_through_across_sections():
    check("""
        二、提升指标
        (一)开办企业(指标长:市政府分管领导,总牵头部门:市市场监管局)
        1.压缩时间。内容。(市市场监管局牵头)
        2.推行电子执照。内容。(市市场监管局牵头)
        (二)纳税(指标长:市政府分管领导,总牵头部门:市税务局)
        3.压缩纳税时间。年内纳税时间压减至90小时以内。(市税务局牵头)
        """, {"二/(一)/1": {}, "二/(一)/2": {}, "二/(二)/3": {"leads": ["市税务局"]}})
    result = extract("""
        二、提升指标
        (一)开办企业(指标长:市政府分管领导,总牵头部门:市市场监管局)
        1.压缩时间。内容。(市市场监管局牵头)
        (二)纳税(指标长:市政府分管领导,总牵头部门:市税务局)
        3.压缩纳税时间。年内纳税时间压减至90小时以内。(市税务局牵头)
        """)
    sections = {s.path: s for s in result.document.sections}
    assert sections["二/(一)"].indicator == "开办企业"
    assert sections["二/(二)"].chief == "市政府分管领导"
    assert sections["二/(二)"].coordinator == "市税务局"
    assert result.measures[-1].indicator == "纳税"
    assert [(t.value, t.unit, t.comparator) for t in result.measures[-1].targets] == [(90, "小时", "<=")]


def test_inline_sub_items_sharing_one_clause_are_one_measure():
    check("""
        一、重点改革
        (一)深化审批改革。(1)推进多规合一。(2)健全网上审批。(3)市行政审批服务局牵头,组织培训。(市行政审批服务局牵头,市发改委等部门按职责分工负责)
        """, {"一/(一)": {"title": "深化审批改革", "leads": ["市行政审批服务局"], "supports": ["市发改委"]}})
    m = extract("""
        一、重点改革
        (一)深化审批改革。(1)推进多规合一。(2)健全网上审批。(3)市行政审批服务局牵头,组织培训。(市行政审批服务局牵头,市发改委等部门按职责分工负责)
        """).measures[0]
    assert [(i.unit, i.role, i.sub) for i in m.inline] == [("市行政审批服务局", "lead", "(3)")]


def test_inline_sub_items_each_with_own_clause_are_measures():
    check("""
        一、重点改革
        (一)深化审批改革。(1)推进多规合一。(市自然资源局牵头)(2)健全网上审批。(市行政审批局牵头,市大数据局配合)
        """, {"一/(一)/(1)": {"title": "推进多规合一", "leads": ["市自然资源局"]},
              "一/(一)/(2)": {"title": "健全网上审批", "leads": ["市行政审批局"], "supports": ["市大数据局"]}})


def test_only_annotated_items_are_measures_and_safeguards_are_not():
    check("""
        一、总体要求
        坚持以人民为中心。
        二、主要任务
        1.任务一。内容。(市发改委牵头)
        三、保障措施
        (一)加强领导。各部门要高度重视。
        (二)强化督查。定期通报。
        """, {"二/1": {"leads": ["市发改委"]}})


def test_unannotated_document_takes_every_lowest_level_item():
    check("""
        某市优化营商环境若干措施
        一、总体要求
        (一)指导思想。坚持改革。
        二、主要措施
        (一)提升政务服务
        1.推行一网通办。内容。
        2.推行一窗受理。内容。
        (二)强化监管。内容。
        三、保障措施
        (一)加强组织领导。内容。
        """, {"二/(一)/1": {"title": "推行一网通办", "leads": [], "responsible": []},
              "二/(一)/2": {"title": "推行一窗受理"},
              "二/(二)": {"title": "强化监管"}})


# --- unit lists ------------------------------------------------------------

def test_unit_list_splitting_expansion_and_collectives():
    check("""
        一、任务
        1.任务。内容。(责任单位:市自然资源规划局、市税务局,大通县、湟源县、湟中区政府,东川园区、南川园区、生物园区管委会,其他行业主管部门)
        2.任务。内容。(市市场监管局牵头,市司法局等市级有关部门和各县区按职责分工负责)
        3.任务。内容。(市财政局牵头,市政务服务大厅相关部门及各开发区、园区按职责分工负责)
        4.任务。内容。(发改委牵头,财政局、人社局、市人力资源和社会保障局按职责分工负责)
        """, {"一/1": {"responsible": ["市自然资源规划局", "市税务局", "大通县政府", "湟源县政府", "湟中区政府",
                                       "东川园区管委会", "南川园区管委会", "生物园区管委会"],
                       "collectives": ["其他行业主管部门"]},
              "一/2": {"leads": ["市市场监管局"], "supports": ["市司法局"],
                       "collectives": ["市级有关部门", "各县区"]},
              "一/3": {"leads": ["市财政局"], "supports": [],
                       "collectives": ["市政务服务大厅相关部门", "各开发区", "园区"]},
              "一/4": {"leads": ["发改委"], "supports": ["财政局", "人社局", "市人力资源和社会保障局"]}})


def test_regulations_with_nested_titles_not_the_documents_own_title():
    result = extract("""
        关于印发《延安市2022年营商环境工作方案》的通知
        延安市2022年营商环境工作方案
        贯彻《优化营商环境条例》。
        一、任务
        1.落实法规。落实《陕西省实施〈中华人民共和国中小企业促进法〉办法》和《优化营商环境条例》,制定《延安市容缺受理目录》(以下简称《目录》)。(市司法局牵头)
        """)
    m = result.measures[0]
    assert m.regulations == ["陕西省实施〈中华人民共和国中小企业促进法〉办法", "优化营商环境条例",
                             "延安市容缺受理目录", "目录"]
    assert result.document.title == "延安市2022年营商环境工作方案"
    assert "延安市2022年营商环境工作方案" not in result.document.doc_regulations
    assert result.document.jurisdiction == "延安市" and result.document.province == "陕西省"


def test_targets_with_several_values_and_comparators():
    m = extract("""
        一、任务
        1.压缩时限。审批时限分别压缩至95、60、15个工作日以内,好评率达到99%以上,费率不超过1.5%。(市发改委牵头)
        """).measures[0]
    assert [(t.value, t.unit, t.comparator) for t in m.targets] == [
        (95, "工作日", "<="), (60, "工作日", "<="), (15, "工作日", "<="), (99, "%", ">="), (1.5, "%", "<=")]


def test_document_metadata_from_a_notice():
    result = extract("""
        榆林市人民政府办公室关于印发榆林市2023年优化营商环境实施方案的通知
        榆政办发〔2023〕12号
        各县市区人民政府,市政府各工作部门:
        现将《榆林市2023年优化营商环境实施方案》印发给你们,请认真贯彻执行。
        榆林市人民政府办公室
        2023年3月1日
        榆林市2023年优化营商环境实施方案
        一、任务
        1.任务。内容。(市发改委牵头)
        """)
    d = result.document
    assert (d.title, d.issuer, d.doc_number, d.signed, d.jurisdiction, d.province) == (
        "榆林市2023年优化营商环境实施方案", "榆林市人民政府办公室", "榆政办发〔2023〕12号",
        "2023-03-01", "榆林市", "陕西省")


def test_lead_marked_in_brackets_inside_a_list():
    check("""
        一、主要任务
        1.任务一。内容。(责任单位:市发改委(牵头)、市财政局、市税务局)
        2.任务二。内容。
        牵头单位:市商务局
        责任单位:市口岸办(配合)、各县区
        3.任务三。内容。(市发改委（牵头）,市财政局)
        """, {"一/1": {"leads": ["市发改委"], "supports": ["市财政局", "市税务局"], "responsible": []},
              "一/2": {"leads": ["市商务局"], "supports": ["市口岸办"], "collectives": ["各县区"]},
              "一/3": {"leads": ["市发改委"], "supports": ["市财政局"]}})


def test_numbering_with_a_closing_parenthesis():
    check("""
        二、其他任务
        1)任务三。内容。(市司法局牵头)
        2）任务四。内容。(市公安局牵头)
        """, {"二/1)": {"label": "1)", "title": "任务三", "leads": ["市司法局"]},
              "二/2)": {"label": "2)", "leads": ["市公安局"]}})


def test_bracketed_field_labels():
    check("""
        一、主要任务
        1.任务一。内容。【牵头单位】市发改委【责任单位】市财政局、市税务局【完成时限】2023年6月底
        2.任务二。内容。
        【牵头单位】市商务局
        【配合单位】市口岸办
        """, {"一/1": {"title": "任务一", "leads": ["市发改委"], "supports": ["市财政局", "市税务局"],
                       "deadline": "2023-06-30"},
              "一/2": {"leads": ["市商务局"], "supports": ["市口岸办"]}})
    m = extract("""
        一、主要任务
        1.任务一。内容。【牵头单位】市发改委【责任单位】市财政局
        """).measures[0]
    assert m.clause_text == "【牵头单位】市发改委【责任单位】市财政局"


def test_each_distributes_over_nameless_levels():
    # 各区、县（市）政府 is every district and county government, not a unit
    # called 县(市)政府: the ending 政府 is shared, so the run is one collective.
    # Without a shared ending each nameless level is a collective of its own
    # (各乡、镇（街道）, as shared/dev/README.md reads 各区、县级市 -> 各区, 县级市);
    # named governments, 市政府 and collectives stay apart.
    check("""
        一、任务
        1.深化改革。（责任部门：市市场监管局，各区、县（市）政府）
        2.加强统筹。（责任单位：各县、市、区政府，市发改委）
        3.深化服务。（牵头单位：市政务服务局；责任单位：各乡、镇（街道））
        4.优化环境。（责任单位：各县区、开发区，市政府）
        5.推进试点。（责任单位：大通县、湟中区政府）
        """, {
        "一/1": {"responsible": ["市市场监管局"], "collectives": ["各区、县(市)政府"]},
        "一/2": {"responsible": ["市发改委"], "collectives": ["各县、市、区政府"]},
        "一/3": {"leads": ["市政务服务局"], "collectives": ["各乡", "镇(街道)"]},
        "一/4": {"responsible": ["市政府"], "collectives": ["各县区", "开发区"]},
        "一/5": {"responsible": ["大通县政府", "湟中区政府"], "collectives": []},
    })


def test_implementation_verbs_are_not_part_of_a_name():
    check("""
        一、任务
        （一）推行全程电子化。（省市场监管局牵头，省公安厅配合，各地级以上市人民政府负责落实）
        （二）清理口岸收费。（省发展改革委、省商务厅负责组织实施）
        """, {
        "一/(一)": {"leads": ["省市场监管局"], "supports": ["省公安厅"],
                   "collectives": ["各地级以上市人民政府"]},
        "一/(二)": {"leads": [], "responsible": ["省发展改革委", "省商务厅"]},
    })
