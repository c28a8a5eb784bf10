"""Traditional -> simplified with OpenCC (``t2s``), then a small variant table for characters
OpenCC leaves (玨 -> 珏). Text with no traditional-only character skips OpenCC (its slowest step)."""

from __future__ import annotations

import csv
import os
import re
from functools import lru_cache

from ..resources import data_path
from .textmap import MappedText


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def variant_table() -> dict[str, str]:
    """``data/gazetteer/variants.tsv``: written form -> simplified norm, one pair a line."""
    table: dict[str, str] = {}
    with data_path("gazetteer", "variants.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader((l for l in fh if l.strip() and not l.startswith("#")), delimiter="\t"):
            if len(row) >= 2 and len(row[0]) == 1 and len(row[1]) == 1:
                table[row[0]] = row[1]
    return table


@lru_cache(maxsize=1)
def _char_table() -> dict[str, str]:
    """OpenCC's character table (TSCharacters): traditional -> first simplified form."""
    import opencc

    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0]
            if len(key) == 1 and first and first != key:
                table[key] = first
    table.update(variant_table())
    return table


def t2s_char(ch: str) -> str:
    """The simplified form of one character, out of context (for scoring, not for output)."""
    return _char_table().get(ch, ch)


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    """Characters that t2s changes."""
    return frozenset(_char_table())


_SPLIT = re.compile(r"[^\n。！？；]*[\n。！？；]?")


def has_traditional(text: str) -> bool:
    return not traditional_chars().isdisjoint(text)


def to_simplified(t: MappedText) -> MappedText:
    """Convert, sentence by sentence so that a rare length change stays local in the map."""
    if has_traditional(t.text):
        conv = _converter()
        pieces = []
        for m in _SPLIT.finditer(t.text):
            seg = m.group(0)
            if seg:
                pieces.append((conv.convert(seg) if has_traditional(seg) else seg, m.start(), m.end()))
        t = t.rewrite(pieces)
    table = variant_table()
    if not table.keys().isdisjoint(t.text):
        t = t.replace_chars("".join(table.get(ch, ch) for ch in t.text))
    return t


def simplify(text: str) -> str:
    """Plain-string convenience: the simplified form of ``text`` (used for names typed by users)."""
    return to_simplified(MappedText.identity(text)).text
