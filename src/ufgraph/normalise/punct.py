"""Punctuation and whitespace: ASCII ``, ( ) : ; ! ?`` next to Han text become full-width;
runs of spaces fold; lines are trimmed."""

from __future__ import annotations

import re

from .textmap import MappedText

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_CJKP = r"\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"
#: ASCII punctuation and its full-width form (mojibake repair folds back through it too)
FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"}
# ASCII punctuation with Han (or CJK punctuation) on at least one side, and not between digits
# (so 9:39 and 1,000 stay). A '?' is left alone: it marks lost characters in damaged text.
_ASCII_P = re.compile(rf"(?<=[{_HAN}{_CJKP}])[,:;!]|[,:;!](?=[{_HAN}{_CJKP}])")
_PARENS = re.compile(r"\(([^()\n]{0,80})\)")
_HAS_HAN = re.compile(rf"[{_HAN}]")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
_TRIM = re.compile(r"^[ \u3000]+|[ \u3000]+$", re.M)
_BLANKS = re.compile(r"\n{3,}")
_CRLF = re.compile(r"\r\n?")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")


def _parens(m: re.Match[str]) -> str:
    """Full-width parentheses where the parenthetical or a neighbour is Chinese."""
    inner = m.group(1)
    if _HAS_HAN.search(inner) or _HAS_HAN.search(m.string[max(0, m.start() - 1) : m.start()]):
        return f"（{inner}）"
    return m.group(0)


def tidy(t: MappedText) -> MappedText:
    t = t.sub(_CRLF, lambda m: "\n")
    t = t.sub(_INVISIBLE, lambda m: "")
    t = t.sub(_PARENS, _parens)
    t = t.sub(_ASCII_P, lambda m: FULL_WIDTH[m.group(0)])
    t = t.sub(_SPACES, lambda m: " ")
    t = t.sub(_TRIM, lambda m: "")
    return t.sub(_BLANKS, lambda m: "\n\n")
