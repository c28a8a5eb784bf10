"""HTML remnants: scripts/styles dropped, tags stripped (block tags become line breaks), entities unescaped."""

from __future__ import annotations

import html
import re

from .textmap import MappedText

_DROP = re.compile(
    r"<(script|style|noscript|head|nav|footer|iframe|aside|menu|form|select|button|template|svg)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->",
    re.S | re.I,
)
# A page's <header> is its banner and menus unless it holds the article's title (<h1>-<h3>).
_HEADER = re.compile(r"<header\b[^>]*>(.*?)</header\s*>", re.S | re.I)
_TITLE_TAG = re.compile(r"<h[1-3]\b", re.I)
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|tr|section|article|ul|ol|table|blockquote)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>|<![A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HAS_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|&(#?\w+);")


def strip_markup(t: MappedText) -> MappedText:
    if not _HAS_MARKUP.search(t.text):
        return t
    t = t.sub(_DROP, lambda m: "")
    t = t.sub(_HEADER, lambda m: m.group(0) if _TITLE_TAG.search(m.group(1)) else "")
    t = t.sub(_BLOCK, lambda m: "\n")
    t = t.sub(_TAG, lambda m: "")
    return t.sub(_ENTITY, lambda m: _unescape(m.group(0)))


def _unescape(entity: str) -> str:
    out = html.unescape(entity)
    if out == "\xa0":
        return " "
    return out if out and "\x00" not in out else ""
