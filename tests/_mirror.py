"""Make a traditional-character mirror with ruby pinyin, as the genre's mirror sites do."""

from __future__ import annotations

from opencc import OpenCC
from pypinyin import Style, pinyin

_S2T = OpenCC("s2t")
_FOLD = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";"})


def mirror(simplified: str) -> str:
    """Traditional text with ``(pīnyīn)`` after every character the conversion changed, and
    full-width punctuation folded to ASCII."""
    trad = _S2T.convert(simplified)
    out = []
    readings = pinyin(simplified, style=Style.TONE, errors=lambda s: [[c] for c in s])
    flat = [r[0] for r in readings]
    for i, (s, t) in enumerate(zip(simplified, trad)):
        out.append(t)
        if s != t and i < len(flat):
            out.append(f"({flat[i]})")
    return "".join(out).translate(_FOLD)
