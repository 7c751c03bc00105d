"""Self-written documents whose checks need code (parameters, spans, leaders,
metadata). Cases that are only a document and its records are data:
tests/specs/extraction.yaml (tests/test_specs.py)."""
from __future__ import annotations

import re

import pytest

from conftest import by_path, check, extract
from reformkg.loaders.lexicon import lexicon


# --- responsibility clauses ------------------------------------------------


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
    result = extract("""
        一、主要任务
        2.优化服务。内容。(责任领导:李四,分管省领导:王五,责任单位:省商务厅)
        """)
    for leader in result.measures[0].leaders:   # evidence like every other mention: the span quotes the name
        assert result.document.text[leader.span.start:leader.span.end] == leader.name


def test_one_person_is_one_leader_however_the_post_is_printed():
    result = extract("""
        一、主要任务
        1.推进改革。内容。(责任领导:副市长王某某;牵头单位:市发改委)
        2.优化服务。内容。(责任领导:王某某(副市长);牵头单位:市商务局)
        3.建设平台。内容。(责任领导:王某某;牵头单位:市大数据局)
        4.保障用地。内容。(责任领导:分管副市长;牵头单位:市自然资源局)
        """)
    ids = [[leader.id for leader in m.leaders] for m in result.measures]
    assert ids[0] == ids[1] == ids[2] and len(ids[0]) == 1
    assert ids[3] != ids[0]   # a post alone is no person's name
    assert [m.leaders[0].name for m in result.measures[:2]] == ["副市长王某某", "王某某(副市长)"]   # as printed


# --- numbering and structure -------------------------------------------------


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


def test_indicator_heading_with_a_lead_label_names_its_coordinator():
    """(指标长:…;牵头单位:X) on a heading above items of its own: X coordinates the
    indicator (as 总牵头部门 does); the heading is a section, not a measure. On an item
    without items below it the same clause is a measure's."""
    body = """
        一、开办企业(指标长:副市长张三;牵头单位:市市场监管局)
        1.推行企业开办一网通办。内容。(市市场监管局牵头,市税务局配合)
        2.推行电子营业执照。内容。(市市场监管局负责)
        二、获得电力(指标长:副市长李四;牵头单位:市发改委)
        3.压缩办电时间。内容。(国网某市供电公司负责)
        三、纳税服务
        4.压缩纳税时间。内容。(指标长:副市长王五;牵头单位:市税务局)
        """
    check(body, {"一/1": {"leads": ["市市场监管局"]}, "一/2": {}, "二/3": {},
                 "三/4": {"leads": ["市税务局"], "review": []}})
    sections = {s.path: s for s in extract(body).document.sections}
    assert (sections["一"].chief, sections["一"].coordinator) == ("副市长张三", "市市场监管局")
    assert sections["二"].coordinator == "市发改委"


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


def test_a_line_set_one_space_apart_is_read_and_shown_closed_up():
    """A PDF of justified text spaces out a whole line, digits and punctuation too:
    the title is shown as the office wrote it, not 推 进 “ 互 联 网 + 监 管."""
    m = extract("""
        一、任务
        1 . 推 进 “ 互 联 网 + 监 管 ” 。 ( 责 任 单 位 : 省 政 务 服 务 中 心 、 省 市 场 监 管 局 ; 完 成 时 限 : 2 0 2 3 年 底 前 )
        """).measures[0]
    assert m.title == "推进“互联网+监管”"
    assert [u.surface for u in m.units] == ["省政务服务中心", "省市场监管局"]
    assert (m.deadline_text, m.deadline) == ("2023年底前", "2023-12-31")


# --- unit lists ------------------------------------------------------------


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


@pytest.mark.parametrize("head, facts", [
    # a page's table of facts, cells set apart by | (a crawler's copy of an HTML table)
    ("发布机构: | 谯城区政府(办公室) | 主题分类: | 综合政务 |\n成文日期: | 发布日期: | 2020-04-09 08:44 | |\n"
     "标 题: | 亳州市谯城区人民政府办公室关于印发2020年政府工作报告重点工作任务分解表的通知 | ||",
     {"title": "2020年政府工作报告重点工作任务分解表", "issuer": "亳州市谯城区人民政府办公室",
      "published": "2020-04-09", "jurisdiction": "谯城区"}),
    # the notice in title marks, its plan's name in inner marks
    ("京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》",
     {"title": "北京市2016年政务公开工作要点", "issuer": "北京市人民政府办公厅", "doc_number": "京政办发〔2016〕26号"}),
    # a title with its 文号 in brackets; the place from the page's source label
    ("发布机构:县人民政府办公室\n2021年县政府重点工作任务(华政发〔2021〕2号)\n来源:华容县政府   2021-03-23 10:56",
     {"title": "2021年县政府重点工作任务", "issuer": "县人民政府办公室", "doc_number": "华政发〔2021〕2号",
      "jurisdiction": "华容县"}),
    # a site's category in 【】 before the head line
    ("【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知\n发布时间:2020-02-03 17:29",
     {"title": "滁州市人民政府关于2020年市政府重点工作及责任分解的通知", "issuer": "滁州市人民政府",
      "published": "2020-02-03", "jurisdiction": "滁州市"}),
    # facts labelled in 【】 (a law database's copy); a title ending in 分解
    ("∙【制定机关】武汉市人民政府办公厅\n∙【公布日期】2020.01.17\n∙【字 号】武政办〔2020〕1号\n"
     "2020年市《政府工作报告》确定的主要目标任务责任分解",
     {"title": "2020年市《政府工作报告》确定的主要目标任务责任分解", "issuer": "武汉市人民政府办公厅",
      "published": "2020-01-17", "doc_number": "武政办〔2020〕1号", "jurisdiction": "武汉市"}),
    # a notice whose title names no place, signed by a body that does, after its own
    # numbered paragraphs
    ("区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n"
     "各街道办事处,区人民政府各部门:\n现印发给你们,并就有关事项通知如下:\n"
     "一、各责任单位要高度重视,制订工作方案。\n二、各责任单位要按季度报送进展情况。\n"
     "蔡甸区人民政府办公室\n2023年1月3日\n2023年区《政府工作报告》确定的主要目标任务责任分解方案",
     {"issuer": "区人民政府办公室", "signed": "2023-01-03", "jurisdiction": "蔡甸区"}),
    # a notice that 印发s without 关于
    ("上海市人民政府印发《关于本市加强政务诚信建设的实施意见》的通知\n沪府发〔2017〕92号",
     {"title": "关于本市加强政务诚信建设的实施意见", "issuer": "上海市人民政府", "jurisdiction": "上海市"}),
    # joint issuers set apart by spaces (the first-listed is the issuer); the plan's title
    # broken over three lines
    ("中共静安区委办公室 静安区人民政府办公室印发《静安区全力打响“上海服务”品牌加快建设“国际静安”三年行动计划(2018—2020年)》的通知\n"
     "静安区全力打响“上海服务”品牌\n加快建设“国际静安”三年行动计划\n(2018—2020年)",
     {"title": "静安区全力打响“上海服务”品牌加快建设“国际静安”三年行动计划(2018—2020年)",
      "issuer": "中共静安区委办公室", "jurisdiction": "静安区"}),
    ("成都市发展和改革委员会 中共成都市委社会工作部 成都市住房和城乡建设局 关于印发成都市城市社区嵌入式服务设施建设工程实施方案的通知",
     {"title": "成都市城市社区嵌入式服务设施建设工程实施方案", "issuer": "成都市发展和改革委员会", "jurisdiction": "成都市"}),
    # the notice's title broken over two lines below a line that is no part of it
    ("正文\n市人民政府办公厅关于印发2020年市\n《政府工作报告》确定的主要目标任务责任分解方案的通知\n武政办〔2020〕1号",
     {"issuer": "市人民政府办公厅", "title": "2020年市《政府工作报告》确定的主要目标任务责任分解方案"}),
    # the notice's title broken over three lines (its parts are no title of their own)
    ("鄂温克族自治旗人民政府办公室\n关于印发2022年《政府工作报告》\n重点任务责任落实分工的通知\n各苏木乡镇人民政府:\n"
     "现将《2022年<政府工作报告>重点任务责任落实分工》印发给你们。\n2022年2月21日",
     {"title": "2022年《政府工作报告》重点任务责任落实分工", "issuer": "鄂温克族自治旗人民政府办公室",
      "jurisdiction": "鄂温克族自治旗"}),
])
def test_document_facts_of_web_copies(head, facts):
    d = extract(head.replace("\\n", "\n") + "\n一、任务\n1.任务。内容。(县发改局牵头)\n").document
    assert {k: getattr(d, k) for k in facts} == facts
    if d.title_span:   # the title's evidence: its printed words, maybe broken over lines
        assert re.sub(r"\s+", "", d.text[d.title_span.start:d.title_span.end]) == d.title


@pytest.mark.parametrize("head, year", [
    ("某市2023年优化营商环境工作要点", 2023),
    ("某市优化营商环境三年行动方案(2023—2025年)", 2023),          # a range: its start
    ("某市数字经济发展行动计划(2024-2025年)", 2024),
    ("某市“十四五”教育发展规划\n为实现2035年远景目标,到2025年,基本建成教育强市。", 2021),   # the period's first year
    ("某市教育发展规划\n为实现2035年远景目标,到2025年,基本建成教育强市。", None),   # targets only
    ("某市工业大数据实施方案\n到2022年,全市建成10个工业互联网平台。", None),
    # a copy republished the next year: its 文号 dates it, not the page
    ("池州市人民政府关于创优营商环境的实施意见(池政〔2017〕101号)\n发布时间:2018-01-26", 2017),
])
def test_the_plans_year_is_never_a_target(head, year):
    """A plan that dates itself nowhere but in its targets (到2025年) has no year, not
    the target's; a plan for a range of years is its first year's."""
    assert extract(head.replace("\\n", "\n") + "\n一、任务\n1.任务。内容。(市发改委牵头)\n").document.year == year


NOTICE = """某县人民政府办公室关于印发2022年重点任务责任落实分工的通知
各乡镇人民政府,县政府各部门:
经县人民政府同意,现将《2022年重点任务责任落实分工》印发给你们,并就有关事项通知如下:
一、各部门要高度重视重点任务落实工作,主要领导要亲自抓、负总责。
二、县政府督查室要加强日常调度,建立重点任务落实台账。
某县人民政府办公室
2022年2月21日
"""


def test_a_publishing_notices_own_paragraphs_are_no_measures():
    """A page that prints only the notice (the plan an attachment) has no measures:
    its 一、二、 ask for the plan to be carried out. A clause-less plan printed after
    the notice keeps its items."""
    alone = extract(NOTICE)
    assert alone.measures == []
    assert any("publishing notice's own numbered paragraphs" in w and w.endswith("一、二") for w in alone.warnings)
    plan = "2022年重点任务责任落实分工\n一、经济发展\n1.推进甲。内容。\n2.推进乙。内容。\n"
    with_plan = extract(NOTICE + plan)
    assert [m.path for m in with_plan.measures] == ["一/1", "一/2"]
    # a web copy that dropped the signature: the plan's title below still ends the notice
    unsigned = NOTICE.replace("某县人民政府办公室\n2022年2月21日\n", "")
    assert [(m.path, m.review) for m in extract(unsigned + plan).measures] == [("一/1", []), ("一/2", [])]
    # and with neither, the items may be the notice's: kept, each flagged
    assert all(m.review == [lexicon().data["review_notice_paragraph"]] for m in extract(unsigned).measures)


def test_a_cited_documents_number_is_not_the_documents_own():
    """A 文号 right after a cited title (根据《…的通知》(苏政发〔2022〕1号)) is that
    document's; the plan's own stands on its line or after its own title."""
    head = "具体实施细则\n为贯彻落实省政府《关于帮助市场主体纾困解难的若干政策措施》(苏政发〔2022〕1号)精神,结合淮安实际,制定本细则。\n"
    body = "一、任务\n1.任务。内容。(市发改委牵头)\n"
    assert extract(head + body).document.doc_number is None
    assert extract("淮政发〔2022〕8号\n" + head + body).document.doc_number == "淮政发〔2022〕8号"
    # printed with a space before its bracket, as some offices set it
    assert extract("菏政办字 〔2023〕1号\n" + head + body).document.doc_number == "菏政办字〔2023〕1号"


@pytest.mark.parametrize("head, issuer, jurisdiction, province", [
    # a head line naming its issuer and kind, its 文号 in brackets after it
    ("池州市人民政府关于创优营商环境的实施意见(池政〔2017〕101号)", "池州市人民政府", "池州市", "安徽省"),
    # a division named inside the title
    ("加快西宁市流通业发展实施意见", None, "西宁市", "青海省"),
    # the central government's documents: by issuer, or by 文号 with no issuer printed
    ("国务院办公厅关于深入开展消费扶贫的指导意见\n国办发〔2018〕129号", "国务院办公厅", "全国", None),
    ("助力打赢脱贫攻坚战的指导意见\n国办发〔2018〕129号", None, "全国", None),
    # the body that signs the notice, a county named after its city
    ("区政府各部门:\n现印发给你们。\n济南市钢城区人民政府办公室\n2021年4月10日\n重点任务分工方案",
     "济南市钢城区人民政府办公室", "钢城区", "山东省"),
    # a central 文号 cited under a title that names its place is not the document's
    ("加快西宁市流通业发展实施意见\n为贯彻《国务院关于深化流通体制改革的意见》(国发〔2012〕39号)", None, "西宁市", "青海省"),
    # an autonomous prefecture by its place alone: the prefecture, by its full name
    ("恩施州人民政府关于印发恩施州2023年重点工作任务分解方案的通知", "恩施州人民政府", "恩施土家族苗族自治州", "湖北省"),
    ("湘西自治州人民政府办公室关于印发方案的通知", "湘西自治州人民政府办公室", "湘西土家族苗族自治州", "湖南省"),
    ("加快博尔塔拉州流通业发展实施意见", None, "博尔塔拉蒙古自治州", "新疆维吾尔自治区"),
    # a publishing notice's title that names no issuer (a web copy's): the plan it names
    ("关于印发黔东南州2023年优化营商环境工作要点的通知", None, "黔东南苗族侗族自治州", "贵州省"),
    # a title in traditional characters (寶雞市 is 宝鸡市)
    ("寶雞市2022年優化營商環境工作要點", None, "宝鸡市", "陕西省"),
    # an issuer printed as its place alone
    ("泰州关于印发聚焦企业关切进一步优化营商环境行动方案的通知", "泰州", "泰州市", "江苏省"),
    # a preamble saying whose circumstances the plan fits, by full name or bare name
    ("稳增长若干措施\n为促进经济平稳发展,结合官渡区实际,特制定如下措施。", None, "官渡区", "云南省"),
    ("具体实施细则\n为贯彻落实省政府部署,结合淮安实际,制定本细则。", None, "淮安市", "江苏省"),
    ("具体实施细则\n为贯彻落实省政府部署,结合我市实际,制定本细则。", None, None, None),
    # a province-level division named inside a title by its place alone
    ("数字广东建设2025年工作要点", None, "广东省", "广东省"),
    ("建设美丽新疆三年行动方案", None, "新疆维吾尔自治区", "新疆维吾尔自治区"),
    ("数字内蒙古建设工作要点", None, "内蒙古自治区", "内蒙古自治区"),
    # the central government's addressees
    ("关于加快构建全国一体化大数据中心协同创新体系的指导意见\n各省、自治区、直辖市及计划单列市人民政府,国务院各部委、各直属机构:",
     None, "全国", None),
])
def test_issuer_and_jurisdiction_without_a_publishing_notice(head, issuer, jurisdiction, province):
    """Jurisdiction had been None for each: it was read only from the start of an
    issuer or title, and the issuer only from a publishing notice (关于印发…的通知);
    every unit of such a document shared the one unknown scope with every other."""
    d = extract(head.replace("\\n", "\n") + """
        一、任务
        1.任务。内容。(市发改委牵头)
        """).document
    assert (d.issuer, d.jurisdiction, d.province) == (issuer, jurisdiction, province)


def test_a_headless_copy_of_a_central_document_is_known_by_its_units():
    """A web copy of a 国办发 notice without its head names no place; its units (the
    country's ministries and agencies) do. A county's bare names (财政局) do not."""
    national = extract("""
        一、任务
        (一)推进甲。内容。(国家卫生健康委、民政部牵头,工业和信息化部按职责分工负责)
        (二)推进乙。内容。(交通运输部、中国民航局、市场监管总局按职责分工负责)
        """)
    assert national.document.jurisdiction == "全国"
    assert national.measures[0].units[1].id == "全国/民政部"
    county = extract("""
        一、任务
        1.推进甲。内容。(责任单位:财政局、税务局、发改局)
        2.推进乙。内容。(责任单位:商务部、财政局、交通运输局)
        """)
    assert county.document.jurisdiction is None


@pytest.mark.parametrize("clauses, jurisdiction", [
    # a city's units and one of its districts by name: the district's city
    ("(市人社局牵头,越秀区配合)", "广州市"),
    # a province's units and a branch named by the city it sits in: that city's province
    ("(省市场监管局牵头,人民银行济南分行配合)", "山东省"),
    ("(省发展改革委、青岛海关按职责分工负责)", "山东省"),
    # a city's units beside a body of another city (the province's customs, its bank): no district, no place
    ("(市商务局牵头,西安海关配合)", None),
    # a name more than one division bears places nothing (白云区: 广州, 贵阳)
    ("(市人社局牵头,白云区配合)", None),
    # places that disagree
    ("(市人社局牵头,越秀区、历下区配合)", None),
    # a bare name that only looks like a place with a level added (公安局: 公安县)
    ("(责任单位:公安局、财政局)", None),
])
def test_a_document_naming_no_place_is_placed_by_the_places_its_units_name(clauses, jurisdiction):
    """A page that starts at its first item names no place but may name one in its units
    (越秀区 beside 市… units; 人民银行济南分行 beside 省… units); the document's own level
    (its units' 省/市) says which division holding that place is its own. Before, such
    a document had an unknown place of its own."""
    d = extract(f"""
        一、任务
        1.推进甲。内容。{clauses}
        2.推进乙。内容。(市人社局、市财政局负责)
        """ if clauses.startswith("(市") else f"""
        一、任务
        1.推进甲。内容。{clauses}
        """).document
    assert d.jurisdiction == jurisdiction
    assert d.province == {"广州市": "广东省", "山东省": "山东省"}.get(jurisdiction)


def test_a_central_documents_ministry_is_one_with_or_without_its_national_prefix():
    """国家发展改革委 and 发展改革委, 国务院国资委 and 国资委, 中国民航局 and 民航局 are one
    department each in the national scope; 国务院办公厅 is no bare 办公厅."""
    d = extract("""国务院办公厅关于深入开展消费扶贫的指导意见
        一、任务
        (一)推进甲。内容。(国家发展改革委、国务院国资委、中国民航局牵头,国务院办公厅负责)
        (二)推进乙。内容。(发展改革委、国资委、民航局按职责分工负责)
        """)
    first, second = ([u.id for u in m.units] for m in d.measures)
    assert first[:3] == second
    assert first[3] == "全国/国务院办公厅"


def test_a_central_government_document_scopes_its_units_nationally():
    """国务院办公厅's units are the country's (全国/财政部), one set for every such
    document; 全国 at the start of 全国总工会 is part of its name, not a place prefix."""
    d = extract("""国务院办公厅关于深入开展消费扶贫的指导意见
        一、任务
        (一)任务。内容。(全国总工会、财政部按职责分工负责)
        """)
    ids = {u.surface: (u.canonical, u.id) for u in d.measures[0].units}
    assert ids == {"全国总工会": ("全国总工会", "全国/全国总工会"), "财政部": ("财政部", "全国/财政部")}


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




def test_a_heading_over_bulleted_measures_is_not_warned_of():
    """一、… above ——…(X负责) bullets: the bullets are the measures and the heading is
    theirs; it is no item whose clause went unread (the warning for a heading-like
    line among measures had named it)."""
    result = extract("""
        一、优化政务服务
        ——推进政务服务标准化。(责任单位:区政务服务局)
        ——推进一网通办。(责任单位:区大数据局)
        二、优化法治环境
        ●推进公正监管。(责任单位:区市场监管局)
        ●推进包容审慎监管。(责任单位:区司法局)
        """)
    assert [m.path for m in result.measures] == ["一/——1", "一/——2", "二/●1", "二/●2"]
    assert result.warnings == []
