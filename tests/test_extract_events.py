"""Meetings, dates, awards, work areas and tasks: invented articles per pattern."""

from __future__ import annotations

from ufgraph.extract import extract


def test_meeting_name_place_date_year_from_name():
    rec = extract("标题\n2月26日，2025年全市统战部长会议在某某会展中心召开。近300人出席会议。", "t.txt")
    m = rec.meeting
    assert (m.name, m.place, m.date, m.attendance_note) == ("2025年全市统战部长会议", "某某会展中心", "2025-02-26", "近300人出席会议")
    assert m.evidence[0]["quote"].startswith("2月26日")


def test_meeting_organiser_and_relative_date():
    rec = extract("杭州市委统战部召开交流会\n2024-03-01 08:00 | 来源：杭州日报\n本报讯（记者 林一）昨天，市委统战部召开全市统战社会组织工作交流会。", "t.txt")
    assert rec.meeting.organiser == "中共杭州市委统一战线工作部"
    assert rec.meeting.date == "2024-02-29" and rec.published == "2024-03-01"
    assert rec.outlet == "杭州日报" and rec.jurisdiction == "杭州市"


def test_recently_gives_no_date():
    rec = extract("标题\n2024-01-19 来源：成都日报\n日前，成都市侨联十届三次全委会议召开。", "t.txt")
    assert rec.meeting.date is None


def test_body_led_meeting_name_gives_organiser():
    rec = extract("标题\n3月1日，南京市工商联（总商会）十届二次执委会议在南京召开。", "t.txt")
    assert rec.meeting.organiser == "南京市工商业联合会"


def test_award_list_with_supervisor_and_count_mismatch():
    rec = extract("上海市委统战部召开会议\n会上，上海某甲联谊会、上海某乙促进会和上海某丙协会等4家市委统战部主管的社会组织获评2023年度优秀社会组织荣誉。", "t.txt")
    a = rec.awards[0]
    assert a.award == "2023年度优秀社会组织" and a.year == 2023
    assert a.recipients == ["上海某甲联谊会", "上海某乙促进会", "上海某丙协会"]
    assert a.supervised_by == "中共上海市委统一战线工作部" and a.count_stated == 4
    assert any("4 recipients stated, 3 listed" in w for w in rec.warnings)


def test_person_and_work_recipients_are_not_people_but_presenters_are():
    rec = extract("标题\n某市工商联办公室任真同志获评2023年度优秀信息员。《同心实践研究》获评优秀成果一等奖。"
                  "梁山、林海为获奖单位和个人颁奖。", "t.txt")
    assert [a.recipients for a in rec.awards] == [["任真"], ["《同心实践研究》"]]
    assert [(p.name, p.roles) for p in rec.people] == [("梁山", ["presented_awards"]), ("林海", ["presented_awards"])]


def test_tasks_with_subtasks_and_deployment_alias():
    text = ("上海市委统战部召开会议\n会上，市委统战部常务副部长韦明部署港澳台侨工作。\n"
            "2024年港澳台、海外统战和侨务工作重点任务\n● 锻造品牌\n启动甲活动\n实施乙计划\n● 建强网络\n"
            "各区负责同志出席会议。")
    rec = extract(text, "t.txt")
    (area,) = rec.work_areas
    assert area.name == "港澳台、海外统战和侨务工作" and area.deployed_by == "韦明" and area.year == 2024
    assert [(t.order, t.text, t.subtasks) for t in area.tasks] == [(1, "锻造品牌", ["启动甲活动", "实施乙计划"]), (2, "建强网络", [])]


def test_generic_deployment_goes_to_the_only_area_and_numbered_tasks():
    text = ("标题\n市民族宗教委党组书记、主任蒲松部署了2024年重点工作。\n2024年全市民族宗教工作重点任务\n"
            "1.开展甲；\n2.推进乙；\n各区县负责同志参加会议。")
    (area,) = extract(text, "t.txt").work_areas
    assert (area.name, area.deployed_by) == ("民族宗教工作", "蒲松")
    assert [t.text for t in area.tasks] == ["开展甲；", "推进乙；"]


def test_deployment_without_task_list_is_an_area():
    rec = extract("全省侨务工作会议在杭州召开\n会上，省委统战部副部长、省政府侨办主任盛夏部署了2024年全省侨务工作。", "t.txt")
    assert rec.jurisdiction == "浙江省"
    (area,) = rec.work_areas
    assert (area.name, area.heading, area.deployed_by, area.tasks) == ("侨务工作", None, "盛夏", [])


def test_yearbook_enumeration_tasks():
    rec = extract("某市年鉴\n【统战工作】2023年，市委统战部扎实工作。一是加强引领；二是推进合作。", "t.txt")
    (area,) = rec.work_areas
    assert area.name == "统战工作" and [t.text for t in area.tasks] == ["加强引领", "推进合作"]


def test_conferred_title_with_count():
    rec = extract("南京市统一战线表彰\n会上，市委统战部授予南京某甲商会、南京某乙协会等2家单位“同心示范点”称号。", "t.txt")
    (a,) = rec.awards
    assert (a.award, a.recipients, a.count_stated) == ("同心示范点", ["南京某甲商会", "南京某乙协会"], 2)
    assert a.conferred_by == "中共南京市委统一战线工作部"
    assert not any("stated" in w for w in rec.warnings)


def test_body_wins_an_award():
    (a,) = extract("标题\n复旦大学荣获2017年度上海统战工作实践创新成果特色奖。", "t.txt").awards
    assert (a.recipients, a.year) == (["复旦大学"], 2017)


def test_a_place_convenes_and_district_display():
    rec = extract("西湖区召开统战工作会议\n3月19日下午，西湖区召开2024年统一战线工作会议。", "t.txt")
    assert (rec.meeting.name, rec.meeting.date, rec.meeting.organiser) == ("2024年统一战线工作会议", "2024-03-19", None)
    assert rec.jurisdiction == "浙江省杭州市西湖区"


def test_yesterday_counts_from_a_wire_dateline():
    rec = extract("标题\n2024-02-28 08:00 来源：某某网\n新华社上海2月26日电 昨天，全市统战工作会议在上海召开。", "t.txt")
    assert rec.meeting.date == "2024-02-25" and rec.published == "2024-02-28"


def test_county_level_city_article():
    rec = extract("昆山市工商联召开执委会议\n5月16日上午，市工商联召开2025年度执委会议。市委常委、统战部部长朱倩出席会议并讲话。", "t.txt")
    assert rec.jurisdiction == "江苏省苏州市昆山市"
    assert rec.meeting.organiser == "昆山市工商业联合会"
    assert rec.people[0].posts[1].org == "中共昆山市委统一战线工作部"


def test_minority_person_recipient():
    (a,) = extract("标题\n某市工商联办公室艾力·司马义同志获评2020年度优秀信息员。", "t.txt").awards
    assert a.recipients == ["艾力·司马义"]


def test_naming_and_commending_lists_for_bodies_people_and_works():
    rec = extract("南宁市召开表彰大会\n大会命名青秀区新竹街道、南宁市第九中学、南宁青山机械有限公司等3家单位为南宁市民族团结进步示范单位；"
                  "表彰韦小明、莫丽华等3名同志为2023年度南宁市民族团结进步模范个人；作品《邕江两岸》获评南宁市优秀宣传作品。"
                  "市委统战部命名表彰了南宁市第一小学、南宁市第二小学等2所学校为示范学校。", "t.txt")
    got = [(a.award, a.recipients, a.count_stated, a.year, a.conferred_by) for a in rec.awards]
    assert got == [
        ("南宁市民族团结进步示范单位", ["青秀区新竹街道", "南宁市第九中学", "南宁青山机械有限公司"], 3, None, None),
        ("2023年度南宁市民族团结进步模范个人", ["韦小明", "莫丽华"], 3, 2023, None),
        ("南宁市优秀宣传作品", ["《邕江两岸》"], None, None, None),
        ("示范学校", ["南宁市第一小学", "南宁市第二小学"], 2, None, "中共南宁市委统一战线工作部"),
    ]
    assert any("3 recipients stated, 2 listed" in w for w in rec.warnings)
    assert rec.people == []  # names only in award lists are not people


def test_a_commended_clause_that_lists_no_names_is_no_award():
    rec = extract("南宁市召开表彰大会\n会议表彰了在民族团结进步创建中作出突出贡献的单位为先进。", "t.txt")
    assert rec.awards == []


def test_meeting_name_may_list_groups_with_dunhao():
    rec = extract("标题\n2024年5月8日 | 来源：南宁日报\n本报讯 昨天，市委统战部在南宁饭店召开民主党派、工商联和无党派人士座谈会，通报情况。", "t.txt")
    m = rec.meeting
    assert (m.name, m.place, m.date) == ("民主党派、工商联和无党派人士座谈会", "南宁饭店", "2024-05-07")


def test_year_from_a_publication_line_or_a_closing_source_line():
    for furniture, body in (("发布时间：2024-03-05 10:00 来源：南宁日报\n", "3月4日，南宁市民营经济座谈会在南宁召开。"),
                            ("", "3月4日，南宁市民营经济座谈会在南宁召开。\n（来源：南宁日报 2024年3月5日）"),
                            ("", "3月4日，南宁市民营经济座谈会在南宁召开。\n（南宁日报 2024年3月5日）"),
                            ("发布日期：2024年03月05日\n", "3月4日，南宁市民营经济座谈会在南宁召开。")):
        rec = extract("标题\n" + furniture + body, "t.txt")
        assert rec.meeting.date == "2024-03-04" and rec.published == "2024-03-05", (furniture, body)


def test_a_year_in_the_name_never_puts_the_day_after_publication():
    rec = extract("标题\n2023-12-30 来源：南宁日报\n12月29日，市委统战部召开2024年党外人士迎新座谈会。", "t.txt")
    assert rec.meeting.date == "2023-12-29"


def test_a_county_the_table_lacks_is_the_articles_place():
    rec = extract("石城县召开民营企业家座谈会\n2024-02-20 17:30 来源：石城县融媒体中心\n今天，石城县召开2024年民营企业家座谈会。"
                  "县委书记钟立平出席会议并讲话，县委副书记、县长肖文静主持会议。副县长黄俊杰出席会议。", "t.txt")
    assert rec.jurisdiction == "石城县"
    assert (rec.meeting.name, rec.meeting.date, rec.meeting.organiser) == ("2024年民营企业家座谈会", "2024-02-20", None)
    orgs = {p.name: [x.org for x in p.posts] for p in rec.people}
    assert orgs == {"钟立平": ["中共石城县委"], "肖文静": ["中共石城县委", "石城县人民政府"], "黄俊杰": ["石城县人民政府"]}
    rec = extract("赣州市石城县召开民营企业家座谈会\n县委书记钟立平出席会议。", "t.txt")
    assert rec.jurisdiction == "江西省赣州市石城县"


def test_passive_naming_verbs_and_a_titled_person_recipient():
    rec = extract("南宁市召开表彰大会\n南宁市第一中学、南宁市第二中学被命名为全国民族团结进步示范学校。"
                  "南宁市侨联副主席韦小明荣膺2023年度全国侨联系统先进个人。", "t.txt")
    assert [(a.award, a.recipients, a.year) for a in rec.awards] == [
        ("全国民族团结进步示范学校", ["南宁市第一中学", "南宁市第二中学"], None),
        ("2023年度全国侨联系统先进个人", ["韦小明"], 2023)]


def test_attendance_of_a_seminar_and_not_people_served():
    rec = extract("标题\n9月2日，全省宗教界研讨会在福州召开。活动服务群众300余人次。各宗教团体负责人共50余人参加研讨。", "t.txt")
    assert rec.meeting.attendance_note == "共50余人参加研讨"


def test_place_from_an_outlet_named_after_it():
    for outlet, place, party in (("晋江新闻网", "福建省泉州市晋江市", "中共晋江市委"), ("西安日报", "西安市", "中共西安市委"),
                                 ("甬派", "宁波市", "中共宁波市委")):
        rec = extract(f"统战工作会议召开\n2024-03-02 来源：{outlet}\n3月1日，全市统战工作会议召开。市委书记严立本出席会议并讲话。", "t.txt")
        assert rec.jurisdiction == place and rec.people[0].posts[0].org == party, outlet


def test_a_county_only_visited_by_city_officials_is_not_the_place():
    rec = extract("市委统战部领导到民营企业调研\n2024-07-03 16:20 来源：无锡日报\n7月2日，市委常委、统战部部长尤立华带队到江阴市调研。"
                  "江阴市委常委、统战部部长缪一佳陪同调研。尤立华一行走访了江阴某某实业集团有限公司。", "t.txt")
    assert rec.jurisdiction == "无锡市"
    orgs = {p.name: p.posts[0].org for p in rec.people}
    assert orgs == {"尤立华": "中共无锡市委", "缪一佳": "中共江阴市委"}
