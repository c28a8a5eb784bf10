"""Make GBK chunk-boundary mojibake the way scrapers do (used by the normalisation tests)."""

from __future__ import annotations

_FOLD = str.maketrans({"，": ",", "；": ";", "：": ":", "！": "!", "（": "(", "）": ")"})


def _pairwise(data: bytes) -> str:
    """Decode GBK two bytes at a time from the first byte, as a naive reader does: an invalid
    pair (or a lone last byte) becomes one ``?``; an ASCII byte is read alone."""
    out, i = [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        try:
            out.append(data[i : i + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return "".join(out)


def garble(text: str, char_index: int) -> str:
    """Cut the GBK bytes of ``text`` one byte into character ``char_index`` and read the rest out
    of step, as the genre's scraped pages show: the orphan lead byte becomes ``?`` and the
    following bytes pair up wrongly until an ASCII byte realigns them. Full-width punctuation is
    then folded to ASCII, as the mirror sites do."""
    data = text.encode("gbk")
    cut = len(text[:char_index].encode("gbk")) + 1
    head = data[: cut - 1].decode("gbk")
    return (head + "?" + _pairwise(data[cut:])).translate(_FOLD)
