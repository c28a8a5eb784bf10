"""The gazetteer: bodies resolved as patterns over any jurisdiction, titles, places, surnames."""

from __future__ import annotations

import pytest

from ufgraph.gazetteer import load

G = load()


@pytest.mark.parametrize("place, written, canonical, parent", [
    ("上海市", "市委统战部", "中共上海市委统一战线工作部", "中共上海市委"),
    ("上海市", "市民宗局", "上海市民族和宗教事务局", "上海市人民政府"),
    ("上海市", "市政府侨办", "上海市人民政府侨务办公室", "上海市人民政府"),
    ("上海市", "民进市委", "中国民主促进会上海市委员会", "中国民主促进会"),
    ("上海市杨浦区", "区委统战部", "中共上海市杨浦区委统一战线工作部", "中共上海市杨浦区委"),
    ("上海市杨浦区", "市委", "中共上海市委", None),
    ("浙江省", "省侨联", "浙江省归国华侨联合会", None),
    ("浙江省", "杭州市委统战部", "中共杭州市委统一战线工作部", "中共杭州市委"),
    ("安吉县", "县委", "中共安吉县委", None),
    ("成都市", "市政协", "中国人民政治协商会议成都市委员会", None),
    ("厦门市", "台盟中央", "台湾民主自治同盟中央委员会", "台湾民主自治同盟"),
    ("成都市", "四川大学侨联", "四川大学归国华侨联合会", None),
    ("上海市", "上海市某某服务商会", "上海市某某服务商会", None),
])
def test_resolve_org(place, written, canonical, parent):
    org = G.resolve_org(written, G.place(place))
    assert org is not None and (org.canonical, org.parent) == (canonical, parent)


def test_not_a_body():
    assert G.resolve_org("加强思想政治引领", G.place("上海市")) is None


def test_inherited_jurisdiction():
    assert G.resolve_org("统战部", G.place("上海市"), inherit="天津市").canonical == "中共天津市委统一战线工作部"


def test_places_and_display():
    assert G.place("杨浦区").levels == {"district": "上海市杨浦区", "city": "上海市", "province": "上海市"}
    assert G.display("安吉县") == "浙江省湖州市安吉县"


def test_titles_and_surnames():
    assert G.titles["副市长"].implied_stem == "政府" and G.titles["一级巡视员"].kind == "rank"
    assert G.is_surname_start("欧阳明轩") == 2 and G.is_surname_start("陈通") == 1
    assert G.is_surname_start("会议") == 0
    assert G.is_collective("相关负责同志") and not G.is_collective("陈通")


def test_work_area_aliases():
    assert G.work_area_key("港澳台侨工作") == "港澳台、海外统战和侨务工作"


def test_written_places_are_kept_unless_they_are_the_articles_own():
    nanjing, gulou = G.place("南京市"), G.place("鼓楼区")
    assert G.resolve_org("广东总商会", nanjing).canonical == "广东总商会"
    assert G.resolve_org("鼓楼区工商联", nanjing).canonical == "南京市鼓楼区工商业联合会"  # the city's own
    assert G.resolve_org("鼓楼区工商联", G.place("杭州市")).canonical == "鼓楼区工商业联合会"  # another city's
    assert G.resolve_org("鼓楼区工商联", gulou).canonical == "南京市鼓楼区工商业联合会"


@pytest.mark.parametrize("place, written, canonical", [
    ("南宁市", "青秀区侨联", "南宁市青秀区归国华侨联合会"),  # a district the table lacks: the article's city's
    ("南宁市", "青秀区新竹街道党工委", "中共南宁市青秀区新竹街道工作委员会"),
    ("杨浦区", "五角场街道侨联", "上海市杨浦区五角场街道归国华侨联合会"),  # a street of the article's district
    ("南宁市", "青秀区长塘镇卫生院", "南宁市青秀区长塘镇卫生院"),  # a free body opened by a district
    ("南宁市", "南宁青山机械有限公司", "南宁青山机械有限公司"),  # companies keep their name
])
def test_districts_and_streets_carry_their_city(place, written, canonical):
    assert G.resolve_org(written, G.place(place)).canonical == canonical
    assert G.resolve_org("市新联会", G.place("苏州市")).canonical == "苏州市新的社会阶层人士联谊会"


def test_county_level_city_is_its_own_city():
    assert G.place("昆山市").at("city") == "昆山市"
    assert G.resolve_org("市委统战部", G.place("昆山市")).canonical == "中共昆山市委统一战线工作部"
