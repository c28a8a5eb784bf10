"""People, posts and roles: one small invented article per GENRE §2–3 pattern."""

from __future__ import annotations

import dataclasses

from ufgraph.extract import extract
from ufgraph.normalise import Damage, normalise

HEAD = "上海市委统战部召开座谈会\n"


def run(body: str, head: str = HEAD):
    return extract(head + body, "t.txt")


def person(rec, name):
    found = [p for p in rec.people if p.name == name]
    assert found, f"{name} not found in {[p.name for p in rec.people]}"
    return found[0]


def posts(p):
    return [(x.title, x.org, x.org_as_written) for x in p.posts]


def test_post_chain_inherits_party_committee_and_two_roles():
    rec = run("5月6日，座谈会召开。市委常委、统战部部长严立本出席会议并讲话。")
    p = person(rec, "严立本")
    assert posts(p) == [("常委", "中共上海市委", "市委"), ("部长", "中共上海市委统一战线工作部", "统战部")]
    assert p.posts[1].parent_org == "中共上海市委"
    assert p.roles == ["attended", "spoke"]
    assert p.role_evidence[0]["quote"].startswith("市委常委")


def test_title_without_body_inherits_the_one_before():
    rec = run("市民政局（市社会组织管理局）党组书记、局长郑可达出席会议。")
    assert posts(person(rec, "郑可达")) == [("党组书记", "上海市民政局", "市民政局"), ("局长", "上海市民政局", "市民政局")]


def test_implied_government_for_deputy_mayor():
    rec = run("市委常委、副市长卫东来主持会议。")
    p = person(rec, "卫东来")
    assert posts(p)[1] == ("副市长", "上海市人民政府", "市") and p.roles == ["chaired"]


def test_passive_chair_with_two_posts():
    rec = run("会议由市委统战部二级巡视员、市欧美同学会党组书记柏青主持。")
    p = person(rec, "柏青")
    assert posts(p) == [("二级巡视员", "中共上海市委统一战线工作部", "市委统战部"),
                        ("党组书记", "上海市欧美同学会", "市欧美同学会")]
    assert p.roles == ["chaired"]


def test_bracketed_posts_after_name_and_compound_surname():
    rec = run("欧阳明轩（市侨联常委、上海某某侨商会会长）说，要做好工作。")
    p = person(rec, "欧阳明轩")
    assert [x.title for x in p.posts] == ["常委", "会长"]
    assert p.posts[1].org == "上海某某侨商会" and p.roles == ["spoke"]


def test_list_members_take_the_list_verb():
    rec = run("市侨联党组书记、主席甘露，市民族宗教局副局长、一级巡视员葛成，市工商联副主席童颜，"
              "市委统战部相关工作负责同志出席会议。")
    for n in ("甘露", "葛成", "童颜"):
        assert person(rec, n).roles == ["attended"]
    assert posts(person(rec, "葛成"))[1] == ("一级巡视员", "上海市民族和宗教事务局", "市民族宗教局")
    assert all("负责" not in p.name for p in rec.people)


def test_democratic_party_committee_is_not_the_cpc():
    rec = run("民进市委主委解立新、民盟市委专职副主委莫问等出席会议。")
    assert posts(person(rec, "解立新")) == [("主委", "中国民主促进会上海市委员会", "民进市委")]
    assert person(rec, "莫问").posts[0].parent_org == "中国民主同盟"
    assert person(rec, "解立新").roles == ["attended"]


def test_bare_name_list_with_count_and_warning():
    rec = run("会上，陶一、鲁二、韦三等4位同志作交流发言。")
    assert {p.name for p in rec.people} == {"陶一", "鲁二", "韦三"}
    assert all(p.roles == ["spoke"] and p.posts == [] for p in rec.people)
    assert any("等4位" in w for w in rec.warnings)


def test_minority_name_with_dot():
    rec = run("会议由市委统战部副部长阿依古丽·吐尔逊主持。")
    assert person(rec, "阿依古丽·吐尔逊").roles == ["chaired"]


def test_deferred_verbs():
    rec = run("市侨联主席叶知秋就做好侨联工作作交流发言；某公司董事长祁连山等企业家代表先后发言。")
    assert person(rec, "叶知秋").roles == ["spoke"]
    assert person(rec, "祁连山").roles == ["spoke"]


def test_precision_guards():
    rec = run("会议深入学习习近平总书记关于统一战线工作的重要思想。市委统战部相关负责同志出席会议。"
              "各区委常委、统战部部长，各区民宗办主任近200人出席会议。\n（记者 欧阳记）")
    assert rec.people == []


def test_reporter_named_in_the_body_furniture_is_not_a_person():
    rec = run("本报讯（记者 苗青）市委常委、统战部部长麦田出席会议。")
    assert [p.name for p in rec.people] == ["麦田"]


def test_traditional_with_pinyin_keeps_written_form():
    rec = extract("上海市委統(tǒng)戰(zhàn)部召開(kāi)座談會(huì)\n市委常委、統(tǒng)戰(zhàn)部部長(zhǎng)陳(chén)立新出席會(huì)議。", "t.txt")
    p = person(rec, "陈立新")
    assert p.written == "陳立新"
    ev = p.evidence[0]
    raw = "上海市委統(tǒng)戰(zhàn)部召開(kāi)座談會(huì)\n市委常委、統(tǒng)戰(zhàn)部部長(zhǎng)陳(chén)立新出席會(huì)議。"
    assert "陳(chén)立新" in raw[ev["raw_start"]:ev["raw_end"]]


def test_no_name_overlapping_a_damaged_span():
    text = HEAD + "市委常委、统战部部长蓝天出席会议。"
    n = normalise(text)
    at = n.text.index("蓝天")
    rs, re_ = n.raw_span(at, at + 2)
    damaged = dataclasses.replace(n, damaged=(Damage(rs, re_, n.raw[rs:re_], "test"),))
    assert extract(damaged, "t.txt").people == []


def test_district_article_resolves_relative_bodies():
    rec = extract("杨浦区委统战部召开会议\n6月8日，会议召开。区委常委、统战部部长韩梅出席会议。副区长陆地主持会议。", "t.txt")
    assert rec.jurisdiction == "上海市杨浦区"
    assert posts(person(rec, "韩梅"))[0] == ("常委", "中共上海市杨浦区委", "区委")
    assert posts(person(rec, "陆地")) == [("副区长", "上海市杨浦区人民政府", "区")]


def test_deployment_role_and_presenting_awards():
    rec = run("市委常委、统战部部长严立本出席会议并为获奖单位颁奖。市委统战部副部长伍德部署民族宗教工作。")
    assert person(rec, "严立本").roles == ["attended", "presented_awards"]
    assert person(rec, "伍德").roles == ["deployed"]


def test_attendees_sentence_invitation_and_speech_in_clause():
    rec = run("出席会议的还有市委常委、统战部部长麦冬，副市长韦青。会议邀请了市社会主义学院院长戴维作专题辅导报告。"
              "麦冬在讲话中指出，要做好工作。")
    assert person(rec, "韦青").roles == ["attended"]
    assert person(rec, "麦冬").roles == ["attended", "spoke"]
    assert posts(person(rec, "戴维")) == [("院长", "上海市社会主义学院", "市社会主义学院")]
    assert person(rec, "戴维").roles == ["spoke"]


def test_relative_body_of_another_level_stays_unresolved():
    rec = extract("南京市召开会议\n区委常委、统战部部长钱江同志，市委统战部副部长孙河同志分别作交流发言。", "t.txt")
    assert posts(person(rec, "钱江")) == [("常委", "中共区委", "区委"), ("部长", "中共区委统一战线工作部", "统战部")]
    assert person(rec, "钱江").roles == ["spoke"] and person(rec, "孙河").roles == ["spoke"]


def test_name_before_a_count():
    rec = run("郑十、冯十一两位同志作典型发言。")
    assert [p.name for p in rec.people] == ["郑十", "冯十一"]


def test_committee_after_a_party_body_is_the_partys():
    rec = extract("九三学社上海市委召开会议\n九三学社中央副主席、上海市委主委钱江出席会议并讲话。社市委专职副主委吕布作工作报告。"
                  "市政府侨办主任陶潜到会指导并讲话。", "t.txt")
    assert posts(person(rec, "钱江"))[1] == ("主委", "九三学社上海市委员会", "上海市委")
    assert posts(person(rec, "吕布")) == [("专职副主委", "九三学社上海市委员会", "社市委")]
    assert person(rec, "吕布").roles == ["reported"]
    assert person(rec, "陶潜").roles == ["attended", "spoke"]


def test_concurrent_posts_with_jian_and_national_bodies():
    rec = extract("全省民营经济统战工作会议召开\n全国政协常委、民建中央副主席白云出席会议。"
                  "省委统战部副部长兼省工商联党组书记秦川作工作部署。会议由省委统战部副部长（兼）、省侨联主席衡阳主持。", "t.txt")
    assert posts(person(rec, "白云"))[0] == ("常委", "中国人民政治协商会议全国委员会", "全国政协")
    assert [x.title for x in person(rec, "秦川").posts] == ["副部长", "党组书记"]
    assert person(rec, "秦川").roles == ["deployed"]
    assert [x.title for x in person(rec, "衡阳").posts] == ["副部长", "主席"]


def test_known_person_named_again_with_title_after():
    rec = run("市委常委、统战部部长严立本出席会议。会议由严立本部长主持。")
    assert person(rec, "严立本").roles == ["attended", "chaired"]
    assert [p.name for p in rec.people] == ["严立本"]


def test_one_post_shared_by_two_names():
    rec = run("市委统战部副部长甘一鸣、符晓岚，市侨联主席谭立德等出席会议。")
    for name in ("甘一鸣", "符晓岚"):
        p = person(rec, name)
        assert posts(p) == [("副部长", "中共上海市委统一战线工作部", "市委统战部")] and p.roles == ["attended"]
        assert p.posts[0].as_written == "市委统战部副部长"
    assert posts(person(rec, "谭立德")) == [("主席", "上海市归国华侨联合会", "市侨联")]


def test_pronoun_carries_the_role_of_the_person_just_named():
    rec = run("会议由市工商联党组书记、常务副主席龚晓梅主持，她传达了有关文件精神。")
    assert person(rec, "龚晓梅").roles == ["chaired", "conveyed"]
    rec = run("会议由市侨联主席谭立德主持。他通报了全年工作情况。")
    assert person(rec, "谭立德").roles == ["chaired", "reported"]


def test_bracketed_speakers_with_clergy_titles_and_speaking_verbs():
    rec = run("释明心（市佛教协会副会长、某某山广福禅寺住持）表示，要加强自身建设。"
              "甘保罗（市基督教协会会长、某某路堂主任牧师）指出，要坚持中国化方向。"
              "莫立新（市道教协会会长）介绍了经验。", head="上海市民宗局召开座谈会\n")
    assert posts(person(rec, "释明心")) == [("副会长", "上海市佛教协会", "市佛教协会"), ("住持", "某某山广福禅寺", "某某山广福禅寺")]
    assert posts(person(rec, "甘保罗"))[1] == ("主任牧师", "某某路堂", "某某路堂")
    assert [person(rec, n).roles for n in ("释明心", "甘保罗", "莫立新")] == [["spoke"]] * 3


def test_status_words_before_posts_and_in_brackets_are_no_posts():
    rec = run("会上，市侨联副主席谭立德，先进个人代表、某某区某某镇卫生院院长郑小燕作交流发言。"
              "伍思成（新媒体从业人员代表、市新联会理事）说，要发挥作用。")
    assert person(rec, "谭立德").roles == ["spoke"]  # the status does not break the list
    assert posts(person(rec, "郑小燕")) == [("院长", "上海市某某区某某镇卫生院", "某某区某某镇卫生院")]
    assert posts(person(rec, "伍思成")) == [("理事", "上海市新的社会阶层人士联谊会", "市新联会")]
    assert person(rec, "伍思成").roles == ["spoke"]


def test_report_on_behalf_of_a_body_and_reading_a_decision():
    rec = run("区侨联主席韦立华代表区侨联第二届委员会作工作报告。市委常委、统战部部长严立本宣读表彰决定。",
              head="上海市杨浦区侨联召开代表大会\n")
    assert person(rec, "韦立华").roles == ["reported"]
    p = person(rec, "严立本")  # 宣读 is no role, the person is kept
    assert p.roles == [] and len(p.posts) == 2


def test_award_recipient_who_speaks_with_a_post_is_a_person_too():
    rec = run("表彰龚小明、谭立德等2名同志为模范个人。会上，模范个人代表、某某街道党工委书记谭立德作交流发言。")
    assert rec.awards[0].recipients == ["龚小明", "谭立德"]
    assert [p.name for p in rec.people] == ["谭立德"]
    assert person(rec, "谭立德").roles == ["spoke"]


def test_bare_title_opening_a_list_item_inherits_the_body_before_it():
    rec = run("市政协副主席甘一鸣、符晓岚，秘书长谭立德出席会议。")
    p = person(rec, "谭立德")
    assert posts(p) == [("秘书长", "中国人民政治协商会议上海市委员会", "市政协")] and p.posts[0].as_written == "秘书长"
    assert p.roles == ["attended"]


def test_bare_name_between_titled_members_of_a_list():
    rec = run("会上，市政协委员、民盟市委副主委阮一鸣，艾力·吐尔洪，上海某某轴承有限公司董事长尚立平等3位委员先后发言。")
    assert [(p.name, p.roles) for p in rec.people] == [("阮一鸣", ["spoke"]), ("艾力·吐尔洪", ["spoke"]), ("尚立平", ["spoke"])]
    assert person(rec, "艾力·吐尔洪").posts == []


def test_made_speeches_of_any_kind():
    for body, roles in (("市委书记严立本作总结讲话。", ["spoke"]),
                        ("市侨联主席严立本作大会主旨报告。", ["spoke"]),
                        ("市委常委、统战部部长严立本作动员部署。", ["deployed"]),
                        ("市侨联主席严立本代表市侨联九届委员会作工作报告。", ["reported"]),
                        ("市委书记严立本出席会议并发表热情洋溢的讲话。", ["attended", "spoke"]),
                        ("市委书记严立本作出批示。", [])):
        assert person(run(body), "严立本").roles == roles, body


def test_town_party_committee_and_more_titles():
    rec = run("会上，某某县石浦镇党委书记严立本，市社会主义学院常务副院长龚晓梅，某某律师事务所律师谭立德作交流发言。",
              head="宁波市委统战部召开座谈会\n")
    assert posts(person(rec, "严立本")) == [("书记", "中共某某县石浦镇委员会", "某某县石浦镇党委")]
    assert posts(person(rec, "龚晓梅")) == [("常务副院长", "宁波市社会主义学院", "市社会主义学院")]
    assert posts(person(rec, "谭立德")) == [("律师", "某某律师事务所", "某某律师事务所")]
    assert all(p.roles == ["spoke"] for p in rec.people)


def test_a_list_member_the_grammar_cannot_read_does_not_cut_the_list_verb():
    rec = run("省政协副主席甘一鸣，省政协常委、某某大学某某研究院院长禤振华，省侨联副主席谭立德先后发言。",
              head="广东省政协召开协商会\n")
    assert [(p.name, p.roles) for p in rec.people] == [("甘一鸣", ["spoke"]), ("禤振华", ["spoke"]), ("谭立德", ["spoke"])]
    rec = run("市委书记甘一鸣，近日带队到某地调研，市长谭立德出席会议。")
    assert person(rec, "甘一鸣").roles == []


def test_a_title_is_never_the_start_of_a_name():
    rec = run("区委副书记、区长王一明出席会议。区委书记甘一鸣，区长谭立德出席会议。", head="上海市杨浦区召开会议\n")
    assert {p.name for p in rec.people} == {"王一明", "甘一鸣", "谭立德"}


def test_autonomous_region_bodies_and_tibetan_names():
    rec = run("自治区党委常委、统战部部长扎西次仁出席会议并讲话。自治区党委统战部副部长、自治区民宗委主任白玛央金主持会议。",
              head="西藏自治区召开会议\n")
    assert rec.jurisdiction == "西藏自治区"
    assert posts(person(rec, "扎西次仁"))[0] == ("常委", "中共西藏自治区委员会", "自治区党委")
    assert [x[1] for x in posts(person(rec, "白玛央金"))] == ["中共西藏自治区委统一战线工作部", "西藏自治区民族宗教事务委员会"]


def test_a_titled_speech():
    assert person(run("市委书记严立本作了题为《凝心聚力》的专题报告。"), "严立本").roles == ["spoke"]
    assert person(run("市委书记严立本作题为“同心共进”的讲话。"), "严立本").roles == ["spoke"]
