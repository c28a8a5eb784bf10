"""Search keys and romanised labels: how a name typed by a user (simplified, traditional, variant
or pinyin) meets the name stored in the graph.

Every person, body, title, award and work area carries ``ufg:searchKey`` literals: its simplified
Han form(s) and a pinyin key (lower-case letters only, no tones, ``ü``→``u``). A lookup turns the
user's input into one key with :func:`query_key` and *binds* it in the query, so matching is an
exact, indexed lookup and never a regular expression over user text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..normalise.script import simplify

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")

# Compound surnames: romanised as one word ("Ouyang Xiu").
_COMPOUND_SURNAMES = frozenset(
    "司徒 欧阳 诸葛 上官 司马 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 夏侯 令狐 端木 西门 南宫 万俟 闻人 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 轩辕 呼延 独孤".split()
)
# Surnames whose reading differs from the character's most common one.
_SURNAME_READINGS = {
    "解": "xie", "单": "shan", "曾": "zeng", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "盖": "ge", "秘": "bi", "乐": "yue", "缪": "miao", "覃": "qin", "种": "chong", "员": "yun",
    "召": "shao", "翟": "zhai", "黑": "he", "繁": "po", "句": "gou", "尉迟": "yuchi", "万俟": "moqi",
    "长孙": "zhangsun", "单于": "chanyu", "便": "pian", "任": "ren", "沈": "shen", "石": "shi",
}


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


@lru_cache(maxsize=262144)
def clean(text: str) -> str:
    """NFC, trimmed, inner whitespace collapsed: the form every label and IRI segment starts from."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@lru_cache(maxsize=65536)
def han_key(text: str) -> str:
    """Simplified form without spaces or the ``·`` of minority names' separators kept."""
    return simplify(clean(text)).replace(" ", "")


def latin_key(text: str) -> str:
    """``"Chén Tōng"``, ``"chen2 tong1"``, ``"Lü"`` → ``"chentong"``, ``"lu"``."""
    text = unicodedata.normalize("NFD", text.lower().replace("ü", "u").replace("v", "u"))
    return "".join(ch for ch in text if "a" <= ch <= "z")


def query_key(user_input: str) -> str:
    """The key a user's input is matched on: Han input is simplified, Latin input is pinyin."""
    text = clean(user_input)
    return han_key(text) if has_han(text) else latin_key(text)


_ALL_HAN = re.compile(_HAN.pattern + "+")


@lru_cache(maxsize=65536)
def _reading(text: str) -> tuple[str, ...]:
    """pypinyin's reading of ``text``."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore"))


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    """:func:`_reading` of ``text``, cached. A run of Han characters is cut into words the way
    pypinyin cuts it (its phrase segmenter), and each word's reading is cached: new names are
    mostly words seen before (省, 有限公司, a surname), so a new name costs a twentieth of a
    pypinyin call. The result is the same (``tests/test_rdf_mapping.py`` checks it)."""
    if _ALL_HAN.fullmatch(text):
        from pypinyin.seg.mmseg import seg

        return tuple(s for word in seg.cut(text) for s in _reading(word))
    return _reading(text)


@lru_cache(maxsize=65536)
def pinyin_name(name: str) -> str:
    """Romanise a personal name: surname and given name as two capitalised words
    (``陈通`` → ``Chen Tong``, ``欧阳明`` → ``Ouyang Ming``); parts joined by ``·`` kept apart."""
    parts = [p for p in re.split(r"[·・•]", han_key(name)) if p]
    words: list[str] = []
    for part in parts:
        if not has_han(part):
            continue
        if len(parts) == 1 and len(part) >= 2:
            n = 2 if part[:2] in _COMPOUND_SURNAMES and len(part) > 2 else 1
            surname, given = part[:n], part[n:]
            sur = _SURNAME_READINGS.get(surname) or "".join(_syllables(surname))
            words.append(sur.capitalize())
            if given:
                words.append("".join(_syllables(given)).capitalize())
        else:
            words.append("".join(_syllables(part)).capitalize())
    return " ".join(words)


@lru_cache(maxsize=65536)
def pinyin_text(text: str) -> str:
    """Romanise a body, title or other name: syllables run together word by word is not knowable
    without segmentation, so each syllable is a word (``统战部`` → ``tong zhan bu``)."""
    return " ".join(_syllables(han_key(text)))


def keys_for(*labels: str | None, person: bool = False) -> set[str]:
    """All search keys of a thing known by ``labels``: each simplified form, and the pinyin key."""
    keys: set[str] = set()
    for label in labels:
        if not label or not clean(label):
            continue
        if has_han(label):
            k = han_key(label)
            keys.add(k)
            keys.add(latin_key(pinyin_name(k) if person else pinyin_text(k)))
        else:
            keys.add(latin_key(label))
    keys.discard("")
    return keys
