"""Bytes -> str: BOMs, UTF-8, UTF-16, GB18030/GBK and Big5, detected; binary refused."""

from __future__ import annotations

import codecs

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in order after UTF-8. GB18030 is a superset of GBK and decodes almost any byte string,
# so the candidates are ranked by how plausible the decoded text is, not by which decodes first.
_CJK_CANDIDATES = ("gb18030", "big5", "big5hkscs")
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx?)",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an MS Office document",
}


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: the byte order whose text reads as common Chinese or ASCII."""
    if len(data) < 4 or len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text, strict=True)
        if score > 0.8 and (best is None or score > best[0]):
            best = (score, text, enc)
    return (best[1], best[2]) if best else None


def _plausibility(text: str, strict: bool = False) -> float:
    """Share of characters that are CJK, ASCII text or CJK punctuation; with ``strict``, Han
    characters count only when common (simplified or traditional), so that bytes decoded with
    the wrong codec, which scatter over rare characters, score low."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF:
            good += 1 if not strict or _common_han(ch) else 0
        elif 0x20 <= o < 0x7F or ch in "\n\r\t" or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027:
            good += 1
        elif 0x3400 <= o <= 0x4DBF or o >= 0x20000 or 0xE000 <= o <= 0xF8FF or o < 0x20:
            good -= 1  # rare extension-A, private-use or control characters: a wrong codec
    return good / len(text)


def _common_han(ch: str) -> bool:
    from .lexicon import is_common_char
    from .script import t2s_char

    return is_common_char(ch) or is_common_char(t2s_char(ch))


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    if controls * 50 > len(sample):
        return "binary data"
    return None


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. Raises :class:`InputError` naming ``source``."""
    if not data:
        return "", "empty"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(source, f"has a {enc} byte-order mark but does not decode: {exc.reason}") from None
    what = _looks_binary(data)
    try:
        text = data.decode("utf-8")
        if not what:
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    found16 = _utf16_without_bom(data)
    if found16 is not None:
        return found16
    if what:
        raise InputError(source, f"is {what}, not a text article")
    best: tuple[float, str, str] | None = None
    for enc in _CJK_CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] > 0.6:
        return best[1], best[2]
    raise InputError(source, "cannot be decoded as UTF-8, UTF-16, GB18030 or Big5 text")
