#!/usr/bin/env python3
"""Sanity-check the hand-written gold files against their articles.

Usage: python tests/corpus/check_gold.py [CORPUS_DIR]

For every gold/<stem>.json it reads articles/<stem>.txt, undoes the corpus's own damage with a
deliberately crude reading (strip tags and entities, drop toned ruby pinyin after Han characters,
OpenCC t2s, ASCII , ( ) ; to full width) and checks that what the gold claims is literally in
the text: the headline, every name, every post as written, every organisation as written inside
its post, award recipients, stated counts, meeting name and place, every task and sub-task, and
that each work area's deployer is a person with the role "deployed".  It also checks the shape.
It is a guard against typos in the gold, not an extractor: it proves presence, not correctness.
"""
from __future__ import annotations

import html
import json
import pathlib
import re
import sys

ROLES = {"attended", "spoke", "chaired", "reported", "conveyed", "deployed", "presented_awards"}
TOP = ["source", "headline", "jurisdiction", "meeting", "people", "awards", "work_areas"]
RUBY = re.compile(r"(?<=[\u3400-\u9fff])\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")
PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uffef\u2000-\u206f!-/:-@\[-`{-~·•●]")


def clean(text: str) -> str:
    from opencc import OpenCC

    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("\xa0", " ")
    text = RUBY.sub("", text)
    text = OpenCC("t2s").convert(text)
    return text.translate(str.maketrans({",": "，", "(": "（", ")": "）", ";": "；"}))


def read_text(path: pathlib.Path) -> str:
    """Decode by BOM, else UTF-8, else GB18030, else Big5 (the corpora's encodings)."""
    b = path.read_bytes()
    if b.startswith(b"\xef\xbb\xbf"):
        return b[3:].decode("utf-8")
    if b[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return b.decode("utf-16")
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            return b.decode(codec)
        except UnicodeDecodeError:
            pass
    raise ValueError(f"{path}: cannot decode")


def key(s: str) -> str:
    return PUNCT.sub("", s)


def check(gold_path: pathlib.Path, article: pathlib.Path) -> list[str]:
    errs: list[str] = []
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = read_text(article)
    t = clean(raw)
    tk = key(t)
    e = errs.append
    if [k for k in TOP if k not in g]:
        e(f"missing keys {[k for k in TOP if k not in g]}")
    if g.get("source") != article.name:
        e(f"source {g.get('source')!r} != {article.name!r}")
    first = t.split("\n", 1)[0].strip()
    if g["headline"] != first:
        e(f"headline {g['headline']!r} != first line {first!r}")
    m = g["meeting"]
    for k in ("name", "date", "place", "organiser"):
        if k not in m:
            e(f"meeting lacks {k}")
    for k in ("name", "place", "attendance_note"):
        if m.get(k) and m[k] not in t:
            e(f"meeting {k} {m[k]!r} not in text")
    if m.get("date") and not re.fullmatch(r"\d{4}-\d\d-\d\d", m["date"]):
        e(f"bad date {m['date']}")
    names = set()
    for p in g["people"]:
        n = p["name"]
        names.add(n)
        if n not in t:
            e(f"name {n} not in text")
        if not set(p["roles"]) <= ROLES:
            e(f"{n}: bad roles {p['roles']}")
        if not p["posts"] and not p["roles"]:
            e(f"{n}: neither post nor role")
        for post in p["posts"]:
            aw, oaw, title = post["as_written"], post["org_as_written"], post["title"]
            if aw not in t:
                e(f"{n}: as_written {aw!r} not in text")
            if not aw.endswith(title):
                e(f"{n}: as_written {aw!r} does not end with title {title!r}")
            if oaw and oaw not in t:
                e(f"{n}: org_as_written {oaw!r} not in text")
            if not post["org"]:
                e(f"{n}: empty org")
    if len(names) != len(g["people"]):
        e("duplicate person")
    for a in g["awards"]:
        if key(a["award"]) not in tk:
            e(f"award {a['award']!r} not in text")
        for r in a["recipients"]:
            if r not in t:
                e(f"recipient {r!r} not in text")
        c = a.get("count_stated")
        if c is not None and not re.search(rf"等{c}[家名位个]", t):
            e(f"count {c} not stated as 等{c}…")
    for w in g["work_areas"]:
        if w.get("heading") and w["heading"] not in t:
            e(f"heading {w['heading']!r} not in text")
        d = w.get("deployed_by")
        if d and not any(p["name"] == d and "deployed" in p["roles"] for p in g["people"]):
            e(f"deployer {d} is not a person with role deployed")
        for task in w["tasks"]:
            for s in [task["text"], *task["subtasks"]]:
                if key(s) not in tk:
                    e(f"task {s[:20]!r} not in text")
    return errs


def main(argv: list[str]) -> int:
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).parent
    bad = 0
    golds = sorted((root / "gold").glob("*.json"))
    for gp in golds:
        art = root / "articles" / f"{gp.stem}.txt"
        if not art.exists():
            print(f"{gp.stem}: no article"); bad += 1; continue
        for err in check(gp, art):
            print(f"{gp.stem}: {err}"); bad += 1
    print(f"{len(golds)} gold files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
