#!/usr/bin/env python3
"""Derive the damaged variants of the test corpus from the clean articles, reproducibly.

Usage: python tests/corpus/build_variants.py            (rewrites the files listed below)

The clean articles in articles/ and their gold in gold/ are written by hand.  This script makes:

* traditional-character mirrors with ruby pinyin (articles/t<NN>_*.txt): OpenCC s2t, then after
  every character that s2t changed, its reading in parentheses with tone marks (pypinyin,
  Style.TONE, read from the simplified text so that 长 in 部长 is zhǎng), and the punctuation
  the pasted pages carry: ASCII , ( ) ; for ， （ ） ；.  Real parentheticals stay, in ASCII
  brackets, exactly as in the seeds: 劉(liú)思遠(yuǎn)(區(qū)新聯(lián)會(huì)副會(huì)長(zhǎng)…)說(shuō)
* an HTML-remnant copy (articles/h<NN>_*.txt): <p> paragraphs, &nbsp; indents, &ldquo;/&rdquo;
  quotes, stray <span> and </span>, a <br/>.
* re-encoded bytes (encoded/<same stem>.txt, so the clean article's gold applies): GBK,
  Big5 (of the OpenCC s2tw text without pinyin: Big5 has no tone-marked letters, and s2tw
  keeps to Big5's repertoire where s2t writes e.g. 峯 for 峰), UTF-16 with BOM,
  UTF-8 with BOM.  See encoded/README.md.

The gold of a mirror or HTML copy is the clean article's gold with its own "source"; the
gold is always the clean reading.
"""
from __future__ import annotations

import json
import pathlib
import re

from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

HERE = pathlib.Path(__file__).resolve().parent
ART, GOLD, ENC = HERE / "articles", HERE / "gold", HERE / "encoded"

MIRRORS = {"06_haidian_xinlianhui": "t06_haidian_xinlianhui", "10_nanjing_dangwai_zuotan": "t10_nanjing_dangwai_zuotan"}
HTML = {"04_guangzhou_gongshanglian_zhiwei": "h04_guangzhou_gongshanglian_zhiwei"}
ENCODED = {  # stem -> (codec, traditional?)
    "01_hangzhou_tongzhan_buzhang": ("gbk", False),
    "03_tianjin_minjin_gongzuo": ("big5", True),
    "05_yangpu_lingdao_xiaozu": ("utf-16", False),  # Python's utf-16 codec writes a BOM
    "07_zhejiang_qiaowu_gongzuo": ("utf-8-sig", False),
}
HAN = re.compile(r"[\u3400-\u9fff]+")
ASCII_PUNCT = str.maketrans({"，": ",", "（": "(", "）": ")", "；": ";"})
S2T = OpenCC("s2t")
S2TW = OpenCC("s2tw")


def readings(simplified: str) -> list[str | None]:
    """Toned pinyin for every character of ``simplified`` (None for non-Han)."""
    out: list[str | None] = [None] * len(simplified)
    for m in HAN.finditer(simplified):
        for i, py in enumerate(lazy_pinyin(m.group(), style=Style.TONE)):
            out[m.start() + i] = py
    return out


def mirror(simplified: str) -> str:
    trad = S2T.convert(simplified)
    if len(trad) != len(simplified):  # phrase mappings of unequal length: fall back to chars
        trad = "".join(S2T.convert(c) for c in simplified)
    py = readings(simplified)
    out = []
    for s, t, r in zip(simplified, trad, py):
        out.append(t)
        if s != t and r:
            out.append(f"({r})")
    return "".join(out).translate(ASCII_PUNCT)


def html_remnants(text: str) -> str:
    lines = text.rstrip("\n").split("\n")
    out = [lines[0]]
    for i, line in enumerate(lines[1:], 1):
        line = line.replace("“", "&ldquo;").replace("”", "&rdquo;")
        if i == 2:  # a styled span around the opening of the first body paragraph, closed late
            line = '<span style="font-size:16px">' + line.replace("。", "。</span>", 1)
        if i == 3:
            line = line.replace("，", "，<br/>", 1)
        out.append(f"<p>&nbsp;&nbsp;{line}</p>")
    out.append("</span></div>")
    return "\n".join(out) + "\n"


def derived_gold(stem: str, new_stem: str, how: str) -> None:
    g = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    g["source"] = f"{new_stem}.txt"
    g["note"] = f"{how} of {stem}.txt; the gold is the clean reading"
    (GOLD / f"{new_stem}.json").write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    for stem, new in MIRRORS.items():
        text = (ART / f"{stem}.txt").read_text(encoding="utf-8")
        (ART / f"{new}.txt").write_text(mirror(text), encoding="utf-8")
        derived_gold(stem, new, "traditional mirror with ruby pinyin")
    for stem, new in HTML.items():
        text = (ART / f"{stem}.txt").read_text(encoding="utf-8")
        (ART / f"{new}.txt").write_text(html_remnants(text), encoding="utf-8")
        derived_gold(stem, new, "HTML-remnant copy")
    ENC.mkdir(exist_ok=True)
    for stem, (codec, trad) in ENCODED.items():
        text = (ART / f"{stem}.txt").read_text(encoding="utf-8")
        if trad:
            text = S2TW.convert(text)
        (ENC / f"{stem}.txt").write_bytes(text.encode(codec))
    print(f"{len(MIRRORS)} mirrors, {len(HTML)} HTML copies, {len(ENCODED)} encoded files")


if __name__ == "__main__":
    main()
