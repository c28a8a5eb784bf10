"""Normalisation: decoding, markup, ruby pinyin, mojibake, script conversion, offsets."""

from __future__ import annotations

import codecs
import re

import pytest

from ufgraph.errors import InputError
from ufgraph.normalise import normalise
from ufgraph.normalise.script import traditional_chars

from _garble import garble
from _mirror import mirror

PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")

ARTICLE = (
    "杭州市委统战部召开2024年全市民族宗教工作会议\n"
    "3月5日，杭州市委统战部召开2024年全市民族宗教工作会议。市委常委、统战部部长罗润田出席会议并讲话。"
    "市民族宗教局局长欧阳建国通报了有关情况。会议由市委统战部副部长阿依古丽·买买提主持。"
)


# --- the seeds -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds(seed_paths):
    return {p.name: normalise(p.read_bytes(), p.name) for p in seed_paths}


def test_seeds_have_no_pinyin_markup_or_traditional_characters(seeds):
    trad = traditional_chars()
    for name, n in seeds.items():
        assert not PINYIN.search(n.text), name
        assert "</span>" not in n.text and "<" not in n.text, name
        assert not [c for c in n.text if c in trad], name


@pytest.mark.parametrize(
    "reading",
    ["“家在上海”品牌建设", "“家在上海”研讨会", "上海基督教青年会、女青年会", "推动东西部协作", "王珏"],
)
def test_seed_repaired_readings(seeds, reading):
    assert any(reading in n.text for n in seeds.values())


def test_seed_damaged_spans_point_at_damaged_raw_text(seeds):
    damaged = [(n, d) for n in seeds.values() for d in n.damaged]
    assert damaged, "seed 003 has a span that cannot be repaired with certainty"
    for n, d in damaged:
        assert n.raw[d.raw_start : d.raw_end] == d.text
        assert d.text.startswith("?")


def test_seed_repairs_cite_raw_spans(seeds):
    repairs = [(n, r) for n in seeds.values() for r in n.repairs]
    assert len(repairs) >= 4
    for n, r in repairs:
        assert n.raw[r.raw_start : r.raw_end] == r.before


def test_written_form_keeps_the_variant(seeds):
    n = seeds["000_863f9859c0c15b95.txt"]
    i = n.text.index("王珏")
    assert n.written_form(i, i + 2) == "王玨"


# --- the genre's damage patterns on our own articles ------------------------------------------

def test_traditional_mirror_with_pinyin_round_trips():
    n = normalise(mirror(ARTICLE))
    assert n.text == ARTICLE
    i = n.text.index("罗润田")
    assert n.written_form(i, i + 3) == "羅潤田"


def test_real_parentheticals_are_kept():
    text = "崔華平(上海中青年知識分子聯誼會副會長)說,會議(AI)很好。他(tā)來了"
    n = normalise(text)
    assert "崔华平（上海中青年知识分子联谊会副会长）说" in n.text
    assert "（AI）" in n.text or "(AI)" in n.text
    assert "他来了" in n.text


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_simplified_encodings(encoding):
    n = normalise(ARTICLE.encode(encoding), "a.txt")
    assert n.text == ARTICLE


def test_big5_traditional():
    from opencc import OpenCC

    trad = OpenCC("s2t").convert(ARTICLE)
    n = normalise(trad.encode("big5"), "big5.txt")
    assert n.encoding.startswith("big5")
    assert "市委常委、统战部部长罗润田出席会议并讲话" in n.text


def test_utf16_without_bom():
    n = normalise(ARTICLE.encode("utf-16-le"), "le.txt")
    assert n.text == ARTICLE


def test_html_remnants():
    html = (
        "<p>市工商联副主席&nbsp;李明出席会议。</p><p>&ldquo;家在杭州&rdquo;品牌建设</span></p>"
        "<script>alert(1)</script>"
    )
    n = normalise(html)
    assert "市工商联副主席 李明出席会议。" in n.text
    assert "“家在杭州”品牌建设" in n.text
    assert "alert" not in n.text and "<" not in n.text


def test_ascii_punctuation_between_han_becomes_full_width():
    n = normalise("会议指出,要加强团结;推进工作:一是,二是。时间 09:39,人数 1,000")
    assert n.text == "会议指出，要加强团结；推进工作：一是，二是。时间 09:39，人数 1,000"


def test_mojibake_in_a_traditional_mirror_is_repaired_from_the_document():
    text = mirror(
        "会上，上海市民族和宗教事务局局长张伟讲话。上海市民族和宗教事务局将深化“家在上海”品牌建设，"
        "召开“家在上海”研讨会，推动东西部协作。"
    )
    cut = text.index("事務", text.index("事務") + 1)  # the second mention
    damaged = garble(text, cut + 1)
    n = normalise(damaged)
    assert "上海市民族和宗教事务局将深化" in n.text
    assert n.repairs and not n.damaged


def test_unrepairable_span_is_reported_not_invented():
    n = normalise("会上，市委统战部副部长?窬志殖ふ盼敖不啊讲话。")
    assert n.damaged
    d = n.damaged[0]
    assert n.raw[d.raw_start : d.raw_end] == d.text
    i = n.text.index("?")
    assert n.is_damaged(i, i + 2)


def test_a_genuine_question_mark_is_not_damage():
    n = normalise("他问：“你好吗?我很好。”")
    assert not n.damaged and not n.repairs


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "data,reason",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_input_is_refused_by_name(data, reason):
    with pytest.raises(InputError) as exc:
        normalise(data, "scan.bin")
    assert "scan.bin" in str(exc.value) and reason in str(exc.value)


def test_file_size_limit():
    from ufgraph.settings import Limits

    with pytest.raises(InputError, match="over the limit"):
        normalise(b"x" * 100, "big.txt", Limits(max_file_bytes=10, max_article_chars=10))


def test_empty_input():
    n = normalise(b"", "empty.txt")
    assert n.text == ""
