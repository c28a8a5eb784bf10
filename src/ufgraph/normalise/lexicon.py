"""Word and character knowledge used to judge repairs of damaged text.

The word list is jieba's dictionary (349k simplified words with frequencies), read as a plain
file: jieba's segmenter is never loaded. It is read lazily, only when an article contains
mojibake, so clean articles pay nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def words() -> dict[str, int]:
    """Simplified word -> corpus frequency (jieba's ``dict.txt``)."""
    out: dict[str, int] = {}
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts) >= 2:
                try:
                    out[parts[0]] = int(parts[1])
                except ValueError:
                    continue
    return out


MIN_FREQ = 5  # jieba's list has a long tail of one-off "words"; ignore the rarest


def word_freq(w: str) -> int:
    """Frequency of a word of two or more characters (0 if unknown or too rare)."""
    if len(w) < 2:
        return 0
    f = words().get(w, 0)
    return f if f >= MIN_FREQ else 0


@lru_cache(maxsize=65536)
def is_common_char(ch: str) -> bool:
    """A character of GB2312 level 1 (the 3,755 most used simplified characters)."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


COMMON_SINGLE = 20_000  # a character this frequent on its own is a word by itself (我, 很, 好)


def uncovered(text: str, lo: int, hi: int, max_len: int = 6, singles: bool = False) -> list[int]:
    """Indices in ``[lo, hi)`` of Han characters of ``text`` that no dictionary word of two or
    more characters (anywhere in ``text``) covers; with ``singles``, very common one-character
    words cover themselves."""
    covered = [singles and words().get(ch, 0) >= COMMON_SINGLE for ch in text]
    for i in range(len(text)):
        for j in range(i + 2, min(len(text), i + max_len) + 1):
            if word_freq(text[i:j]):
                for k in range(i, j):
                    covered[k] = True
    return [i for i in range(lo, hi) if "\u4e00" <= text[i] <= "\u9fff" and not covered[i]]


def context_score(left: str, cand: str, right: str, max_len: int = 4) -> int:
    """Sum of the frequencies of dictionary words that contain ``cand`` in ``left+cand+right``."""
    s = left + cand + right
    pos = len(left)
    total = 0
    for i in range(max(0, pos - max_len + 1), pos + 1):
        for j in range(pos + 1, min(len(s), i + max_len) + 1):
            if j - i >= 2:
                total += word_freq(s[i:j])
    return total
