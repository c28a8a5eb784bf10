"""Ruby pinyin pasted after characters: 統(tǒng) -> 統. Real parentheticals stay.

An annotation is removed only when it follows a Han character (or a ``?`` standing for a lost
one) and its content is one pinyin syllable that is tone-marked, or that is a reading of the
character before it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .textmap import MappedText

ANNOTATION = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff?？\ufffd])[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7})[)）]")
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")


@lru_cache(maxsize=4096)
def _strip_tone(s: str) -> str:
    s = s.replace("ü", "v").replace("Ü", "v")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.lower().replace("ü", "v")


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for r in readings.split(","):
            out.add(_strip_tone(r))
    return frozenset(out)


@lru_cache(maxsize=4096)
def readings(ch: str) -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(_strip_tone(r) for r in pinyin_dict.get(ord(ch), "").split(",") if r)


def is_annotation(prev_char: str, content: str) -> bool:
    bare = _strip_tone(content)
    if bare not in syllables():
        return False
    if _TONED.search(content.lower()):
        return True
    return bare in readings(prev_char)


def annotation_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, syllable)`` of every ruby annotation in ``text``."""
    return [
        (m.start(), m.end(), m.group(1))
        for m in ANNOTATION.finditer(text)
        if is_annotation(text[m.start() - 1], m.group(1))
    ]


def strip_ruby(t: MappedText) -> MappedText:
    spans = annotation_spans(t.text)
    if not spans:
        return t
    pieces, pos = [], 0
    for s, e, _ in spans:
        pieces.append((t.text[pos:s], pos, s))
        pos = e
    pieces.append((t.text[pos:], pos, len(t.text)))
    return t.rewrite(pieces)
