"""Fuzzing normalise AND extract (hypothesis): arbitrary text, arbitrary bytes and article-like
text in the genre's alphabet (names, titles, bodies, dates, markup, entities, ruby, mojibake,
hostile punctuation).

* nothing escapes but the documented :class:`InputError` (bytes that are no text, over a limit);
* every extracted person's name occurs in the normalised text;
* every evidence span lies inside the raw text (``0 <= raw_start <= raw_end <= len(raw)``) and is
  what the contract says: its quote is the normalised text of a span whose raw span is exactly
  ``[raw_start, raw_end)`` (``Document.evidence``).

(``tests/test_normalise_properties.py`` checks the normaliser's offset map itself.)
"""

from __future__ import annotations

from typing import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ufgraph.errors import InputError
from ufgraph.extract import extract
from ufgraph.normalise import normalise

PIECES = st.one_of(
    st.sampled_from([
        "市委统战部召开", "座谈会", "全市统战部长会议", "2024年3月1日，", "2月26日，", "（记者 王明）", "上海市", "黄浦区委",
        "市委常委、统战部部长", "副部长", "市政协副主席", "主任", "秘书长", "党组书记", "出席会议并讲话", "主持会议",
        "作工作报告", "陈通", "王霄汉", "蔡忠", "房剑森", "欧阳明", "阿不都·热合曼", "陳通", "統戰部", "會議",
        "被命名为", "“上海市统一战线实践创新基地”", "称号", "等3家单位", "一、", "（一）", "民族宗教工作", "要",
        "。", "，", "、", "；", "：", "“", "”", "《", "》", "（", "）", "\n", "\r\n", " ", "\u3000", "\t",
        "(tǒng)", "(zhàn)", "<p>", "</p>", "<script>alert(1)</script>", "&lt;img src=x onerror=alert(1)&gt;",
        "&nbsp;", "&#x4e00;", "&bogus;", "!逼放平ㄔO", ";浇糖嗄陼", "�", "\x00", "\ufeff",
        '"', "'", "{", "}", "#", "\\", "<", ">", "} DROP ALL #", "INSERT", "\u202e", "\U0001f600",
    ]),
    st.text(max_size=5),
)
soup = st.lists(PIECES, max_size=40).map("".join)
junk = st.one_of(st.just(""), st.lists(PIECES, max_size=3).map("".join))
TITLES = ["市委常委、统战部部长", "市委统战部副部长", "市政协副主席", "区委书记", "市工商联主席", "市民宗局局长", "統戰部部長"]
NAMES = ["陈通", "王霄汉", "蔡忠", "房剑森", "欧阳明", "陳通", "李霞", "阿不都·热合曼"]
VERBS = ["出席会议并讲话", "主持会议", "作工作报告", "出席", "传达会议精神", "讲话"]
sentence = st.tuples(junk, st.sampled_from(TITLES), st.sampled_from(NAMES), st.sampled_from(VERBS), junk,
                     st.sampled_from(["。", "，", "；", "\n", "。\n"])).map("".join)
article = st.one_of(
    st.tuples(junk, st.sampled_from(["市委统战部召开座谈会", "全市统战部长会议召开", "上海市政協召開會議"]), st.just("\n"),
              st.sampled_from(["", "2024年3月1日，", "（记者 王明）3月1日，"]), junk,
              st.lists(sentence, min_size=1, max_size=6).map("".join)).map("".join),
    soup,
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def evidences(obj) -> Iterator[dict]:
    """Every evidence-like dict (quote + raw offsets) anywhere in a record's JSON."""
    if isinstance(obj, dict):
        if "raw_start" in obj and "raw_end" in obj and "quote" in obj:
            yield obj
        for v in obj.values():
            yield from evidences(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from evidences(v)


def check(data: bytes | str) -> None:
    try:
        norm = normalise(data, "fuzz.txt")
    except InputError as exc:
        assert isinstance(data, bytes) and "fuzz.txt" in str(exc)
        return
    try:
        rec = extract(data, "fuzz.txt")
    except InputError:  # pragma: no cover - normalise accepted it, so extract must too
        raise AssertionError("extract refused what normalise accepted")
    for person in rec.people:
        assert person.name and person.name in norm.text, (person.name, norm.text)
    raw = norm.raw
    for ev in evidences(rec.to_dict()):
        rs, re_, quote = ev["raw_start"], ev["raw_end"], ev["quote"]
        assert 0 <= rs <= re_ <= len(raw), ev
        starts = [i for i in range(len(norm.text) - len(quote) + 1) if norm.text.startswith(quote, i)]
        assert any(norm.raw_span(i, i + len(quote)) == (rs, re_) for i in starts), (ev, norm.text)


@SETTINGS
@given(article)
def test_article_like_text(text: str) -> None:
    check(text)


@SETTINGS
@given(article, st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le", "big5"]))
def test_article_like_bytes_in_any_encoding(text: str, encoding: str) -> None:
    check(text.encode(encoding, errors="replace"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


def test_an_html_tag_is_no_award_recipient() -> None:
    rec = extract("会上，市委统战部授予&lt;b onmouseover=x&gt;“上海市统一战线先进集体”称号。\n", "a.txt")
    recipients = [r for a in rec.awards for r in a.recipients]
    assert not any("<" in r or ">" in r for r in recipients), recipients
