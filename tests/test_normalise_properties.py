"""Property tests (hypothesis) over normalisation: it never raises on text, its offset map is
sound, and ruby removal never deletes a Han character outside an annotation."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ufgraph.errors import InputError
from ufgraph.normalise import normalise
from ufgraph.normalise.ruby import annotation_spans, strip_ruby
from ufgraph.normalise.textmap import MappedText

# Text in the genre's alphabet: Han (simplified and traditional), pinyin annotations, ASCII and
# full-width punctuation, mojibake marks, tag fragments and entities.
_PIECES = st.one_of(
    st.text(alphabet="统戰統一线綫会會议議上海市委副部长陈通王玨玨崔华平基督教青年东西", min_size=1, max_size=6),
    st.sampled_from(["(tǒng)", "(zhàn)", "(huì)", "(AI)", "(管理)", "(shè)", "xùn)", "(diǎn)"]),
    st.sampled_from([",", "(", ")", ":", ";", "!", "?", "??", "，", "。", "、", "“", "”", " ", "\n", "\r\n", "\t"]),
    st.sampled_from(["</span>", "<p>", "&nbsp;", "&ldquo;", "<script>x</script>", "&#x4e00;", "&bogus;"]),
    st.sampled_from(["!逼放平ㄔO", ";浇糖嗄陼", "闋恳弥攸c", "|西部"]),
    st.text(max_size=4),
)
genre_text = st.lists(_PIECES, max_size=30).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_map(raw: str, n) -> None:
    m = n.mapped
    assert len(m.starts) == len(m.ends) == len(n.text)
    assert all(0 <= s <= e <= len(raw) for s, e in zip(m.starts, m.ends))
    assert all(a <= b for a, b in zip(m.starts, m.starts[1:])), "starts are monotonic"
    assert all(a <= b for a, b in zip(m.ends, m.ends[1:])), "ends are monotonic"
    for d in n.damaged:
        assert 0 <= d.raw_start <= d.raw_end <= len(raw)
        assert raw[d.raw_start : d.raw_end] == d.text


@SETTINGS
@given(genre_text)
def test_normalise_never_raises_on_genre_text_and_keeps_a_sound_map(raw):
    n = normalise(raw)
    _check_map(raw, n)


@SETTINGS
@given(st.text())
def test_normalise_never_raises_on_arbitrary_text(raw):
    n = normalise(raw)
    _check_map(raw, n)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_text_or_a_clear_input_error(data):
    try:
        n = normalise(data, "fuzz.bin")
    except InputError as exc:
        assert "fuzz.bin" in str(exc)
    else:
        _check_map(n.raw, n)


@SETTINGS
@given(genre_text)
def test_ruby_removal_keeps_every_han_character_outside_annotations(raw):
    spans = annotation_spans(raw)
    inside = {i for s, e, _ in spans for i in range(s, e)}
    out = strip_ruby(MappedText.identity(raw))
    kept = set(out.starts)
    for i, ch in enumerate(raw):
        if "\u4e00" <= ch <= "\u9fff" and i not in inside:
            assert i in kept and out.text[out.starts.index(i)] == ch
    for s, e, syllable in spans:
        assert raw[s] in "(（" and not any("\u4e00" <= c <= "\u9fff" for c in raw[s:e])
