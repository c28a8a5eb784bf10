"""Document structure: headline, metadata (never body), headings, bullets, sub-items, enumerations."""

from __future__ import annotations

import datetime as dt

from ufgraph.document import parse, split_sentences
from ufgraph.normalise import normalise


def doc(text: str):
    return parse(normalise(text))


def test_headline_and_furniture_are_metadata():
    d = doc("某市召开统战工作会议\n2023年05月16日09:39 | 来源：某某日报\n本报讯（记者 周一鸣）昨天，会议召开。\n（责编：吴二、郑三）")
    assert d.headline.text == "某市召开统战工作会议"
    assert d.meta.published == dt.date(2023, 5, 16)
    assert d.meta.outlet == "某某日报"
    assert d.meta.reporters == ["周一鸣"]
    assert d.meta.editors == ["吴二", "郑三"]
    body = " ".join(b.text for b in d.body)
    assert "记者" not in body and "责编" not in body and "来源" not in body
    assert [b.text for b in d.body] == ["昨天，会议召开。"]


def test_trailing_editor_on_a_body_line_is_cut():
    d = doc("标题\n会议召开。（责编：严某）")
    assert [b.text for b in d.body] == ["会议召开。"]
    assert d.meta.editors == ["严某"]


def test_iso_date_line_with_source():
    d = doc("标题\n2024-03-15 来源：某县新闻网\n正文。")
    assert d.meta.published == dt.date(2024, 3, 15) and d.meta.outlet == "某县新闻网"


def test_headings_bullets_and_subitems_keep_spans():
    text = "标题\n正文。\n2024年民族宗教工作重点任务\n● 任务甲\n子项一\n子项二。\n● 任务乙\n各单位负责同志参加会议。"
    d = doc(text)
    kinds = [(b.kind, b.text) for b in d.blocks]
    assert kinds == [
        ("paragraph", "正文。"), ("heading", "2024年民族宗教工作重点任务"),
        ("bullet", "任务甲"), ("subitem", "子项一"), ("subitem", "子项二。"),
        ("bullet", "任务乙"), ("paragraph", "各单位负责同志参加会议。"),
    ]
    for b in d.blocks:
        assert d.text[b.start:b.end] == b.text
    sub = d.blocks[3]
    assert d.blocks[sub.parent].text == "任务甲" and d.blocks[sub.heading].kind == "heading"


def test_numbered_items_take_no_subitems():
    d = doc("标题\n2024年重点任务\n1.任务一；\n2.任务二；\n全体干部参加会议。")
    assert [b.kind for b in d.blocks] == ["heading", "bullet", "bullet", "paragraph"]


def test_yearbook_heading_and_enumeration():
    d = doc("某市年鉴\n【统战工作】2023年，市委统战部扎实工作。一是加强引领；二是推进合作；三是服务企业。9月，另有活动。")
    heading = d.blocks[0]
    assert heading.kind == "heading" and heading.text == "统战工作"
    enums = [b.text for b in d.blocks if b.kind == "enum"]
    assert enums == ["加强引领", "推进合作", "服务企业"]
    for b in d.blocks:
        assert d.text[b.start:b.end] == b.text


def test_sentences_keep_closing_quotes():
    assert split_sentences("他说：“好。”然后走了。") == [(0, 7), (7, 12)]


def test_evidence_maps_to_raw_offsets():
    n = normalise("標題\n陳(chén)通出席。")
    d = parse(n)
    b = d.body[0]
    ev = d.evidence(b.start, b.end)
    assert ev["quote"] == "陈通出席。"
    assert n.raw[ev["raw_start"]:ev["raw_end"]].startswith("陳(chén)通")


def test_staff_lines_split_writers_and_editors():
    d = doc("标题\n正文。\n（撰稿：顾一 审稿：马二）")
    assert (d.meta.reporters, d.meta.editors, [b.text for b in d.body]) == (["顾一"], ["马二"], ["正文。"])
    d = doc("标题\n某日报讯（记者 周三 通讯员 李四）今天，会议召开。")
    assert d.meta.reporters == ["周三", "李四"] and [b.text for b in d.body] == ["今天，会议召开。"]


def test_publication_line_and_closing_source_line_are_metadata():
    d = doc("标题\n发布日期：2024年03月05日\n会议召开。")
    assert d.meta.published == dt.date(2024, 3, 5) and [b.text for b in d.body] == ["会议召开。"]
    d = doc("标题\n会议召开。\n（南宁日报 2024年3月5日）")
    assert d.meta.published == dt.date(2024, 3, 5) and d.meta.outlet == "南宁日报"
    assert [b.text for b in d.body] == ["会议召开。"]
