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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows as NULs in every other byte (for ASCII and most CJK text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) * 4 >= len(zeros) or (data.count(0) * 8 >= len(data) and enc == "utf-16-le"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    return None


def _plausibility(text: str) -> float:
    """Share of characters that are common CJK, ASCII text or CJK punctuation."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF or 0x20 <= o < 0x7F or ch in "\n\r\t" or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027:
            good += 1
        elif 0x3400 <= o <= 0x4DBF or o >= 0x20000 or 0xE000 <= o <= 0xF8FF:
            good -= 1  # rare extension-A / private-use characters: typical of a wrong codec
    return good / len(text)


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:4096]
    if sample.count(0) > len(sample) // 10:
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
    text16 = _utf16_without_bom(data)
    if text16 is not None and _plausibility(text16) > 0.9:
        return text16, "utf-16"
    what = _looks_binary(data)
    if what:
        raise InputError(source, f"is {what}, not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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
