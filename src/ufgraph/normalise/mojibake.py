"""Repair GBK byte-misalignment mojibake.

How the damage arises: a GBK page was cut between the two bytes of a character. The orphan byte
became ``?`` and the bytes after it were read one byte out of step — pairs of "trail, next lead"
bytes that decode to unrelated characters (``家在上?!逼放平ㄔO(shè)`` for ``家在上海”品牌建設(shè)``) —
until an ASCII byte brings the reading back into step. Sometimes a second ``?`` ends the run (its
byte pairs with a lost ASCII ``(``), and the ruby pinyin of that lost character survives
(``陼?huì)`` for ``會(huì)``).

The repair, for each region: re-encode the run as GBK (ASCII punctuation that a mirror folded
from full-width is folded back first), drop its first byte — the trail byte of the character lost
at the ``?`` — and decode again. A lost character is chosen from the GBK characters that fit the
known byte, by the surviving pinyin, the same document and a word list. If words still do not
cover the result, a unique near-identical phrase elsewhere in the same document restores it.
What cannot be repaired with certainty is left as written and recorded as damaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .ruby import ANNOTATION, is_annotation, readings, _strip_tone
from .punct import FULL_WIDTH
from .textmap import MappedText

MARKS = "?\ufffd"
_ORPHAN = re.compile(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# full-width punctuation a mirror folded to ASCII ("?" excepted: it marks a lost byte)
_FOLDED = {k: v for k, v in FULL_WIDTH.items() if k != "?"}
_HAN = re.compile(r"[\u3400-\u9fff]")
_CJK_PUNCT = re.compile(r"[\u3001\u3002\u300a-\u300f\u2018-\u201d\uff01-\uff1f]")
_FULL_ANNOTATION = re.compile(r"[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]")
# a tag whose "<" was swallowed with the lost byte before it
_TAG_TAIL = re.compile(r"/?[A-Za-z][A-Za-z0-9]{0,10}(\s[^<>\n]{0,200})?>")


@dataclass(frozen=True)
class Repair:
    """A change made to the text: its kind, the raw span it replaced, and before/after."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str


@dataclass(frozen=True)
class Damage:
    """A raw span that could not be repaired; nothing is extracted from it."""

    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass
class _Region:
    start: int
    end: int
    lead_annotation: str | None
    run: str
    trail_mark: bool
    trail_annotation: str | None
    run_annotation: str | None = None
    run_start: int = 0
    marks: int = 1


def _gbk(ch: str) -> bytes | None:
    ch = _FOLDED.get(ch, ch)
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


def _orphan_at(text: str, i: int) -> str | None:
    m = _ORPHAN.match(text, i)
    if m and _strip_tone(m.group(0)[:-1]) in _syllables():
        return m.group(0)
    return None


def _syllables() -> frozenset[str]:
    from .ruby import syllables

    return syllables()


def _parse_region(text: str, i: int) -> _Region:
    """Parse ``? annotation? run (? annotation?)?`` starting at the mark ``text[i]``."""
    j = i + 1
    lead_ann = _orphan_at(text, j)
    if lead_ann:
        j += len(lead_ann)
    run_start, nbytes = j, 0
    while j < len(text) and text[j] not in MARKS and not text[j].isspace():
        ch = text[j]
        if ch.isascii() and ch not in _FOLDED:
            # an ASCII byte either completes the pair left open or is the lost character's trail
            if (nbytes == 0 or nbytes % 2 == 0) and 0x40 <= ord(ch) <= 0x7E:
                j += 1
            break
        b = _gbk(ch)
        if b is None:
            break
        nbytes += len(b)
        j += 1
    run = text[run_start:j]
    if not run and j < len(text) and text[j] in MARKS:
        # "??": both bytes of one character lost; its pinyin may follow the second mark
        j += 1
        if lead_ann is None and (lead_ann := _orphan_at(text, j)):
            j += len(lead_ann)
        return _Region(i, j, lead_ann[:-1] if lead_ann else None, "", False, None, None, j, 2)
    trail_mark, trail_ann = False, None
    if j < len(text) and text[j] in MARKS and run:
        trail_mark = True
        j += 1
        trail_ann = _orphan_at(text, j)
        if trail_ann:
            j += len(trail_ann)
        elif tag := _TAG_TAIL.match(text, j):
            j = tag.end()
    run_ann = None
    if run and not trail_mark and (m := _FULL_ANNOTATION.match(text, j)):
        run_ann = m.group(1)
        j = m.end()
    return _Region(
        i, j, lead_ann[:-1] if lead_ann else None, run, trail_mark,
        trail_ann[:-1] if trail_ann else None, run_ann, run_start, 2 if trail_mark else 1,
    )


@lru_cache(maxsize=512)
def _fitting(byte: int, as_lead: bool) -> tuple[str, ...]:
    """GBK characters whose lead (or trail) byte is ``byte``."""
    out = []
    for other in range(0x40, 0xFF) if as_lead else range(0x81, 0xFF):
        pair = bytes([byte, other]) if as_lead else bytes([other, byte])
        try:
            ch = pair.decode("gbk")
        except UnicodeDecodeError:
            continue
        if _HAN.match(ch) or _CJK_PUNCT.match(ch):
            out.append(ch)
    return tuple(out)


class _Doc:
    """The article's own text (simplified, ruby removed) used as evidence for repairs."""

    def __init__(self, text: str):
        from .script import simplify

        self.simplify = simplify
        self.text = simplify(ANNOTATION.sub("", text))

    def count(self, s: str) -> int:
        return self.text.count(s) if s else 0


def _choose(cands: tuple[str, ...], annotation: str | None, left: str, right: str, doc: _Doc) -> str | None:
    """The one candidate the evidence supports, or None."""
    if annotation:
        bare = _strip_tone(annotation)
        by_reading = tuple(c for c in cands if bare in readings(c))
        cands = by_reading or cands
    left, right = doc.simplify(left), doc.simplify(right)
    # the same document is the best witness: a candidate it shows in this very context wins
    seen = {doc.simplify(c): c for c in cands if doc.count(left[-2:] + doc.simplify(c)) + doc.count(doc.simplify(c) + right[:2]) > 0}
    if len(seen) == 1 and len(left) >= 2 and len(right) >= 2:
        return next(iter(seen.values()))
    scored = []
    for c in cands:
        s = doc.simplify(c)
        score = 40 * (doc.count(left[-1:] + s) + doc.count(s + right[:1]))
        score += lexicon.context_score(left[-3:], s, right[:3])
        if annotation and len(cands) == 1:
            score += 1000
        scored.append((score, c))
    scored.sort(reverse=True)
    if not scored or scored[0][0] <= 0:
        return None
    if len(scored) > 1 and scored[1][0] * 3 > scored[0][0]:
        return None
    return scored[0][1]


def _realign(region: _Region, left: str, right: str, doc: _Doc) -> str | None:
    """The repaired (traditional) reading of the region, or None."""
    raw = b"".join(_gbk(c) or b"" for c in region.run)
    if not raw:
        return None
    body = raw[1:]
    trail_lead = None
    if region.trail_mark:
        if len(body) % 2 == 0:
            return None
        body, trail_lead = body[:-1], body[-1]
    try:
        middle = body.decode("gbk")
    except UnicodeDecodeError:
        return None
    if region.run_annotation and middle and not is_annotation(middle[-1], region.run_annotation):
        return None  # the pinyin after the run names another character: the reading is wrong
    first = _choose(_fitting(raw[0], as_lead=False), region.lead_annotation, left, middle or right, doc)
    if first is None:
        return None
    last = ""
    if trail_lead is not None:
        last = _choose(_fitting(trail_lead, as_lead=True), region.trail_annotation, left + first + middle, right, doc) or ""
        if not last:
            return None
    return first + middle + last


MAX_UNCOVERED = 2  # characters of a repaired reading that no word covers (names, mostly)


def _settle(reading: str, left: str, right: str, doc: _Doc) -> str | None:
    """Check a byte-level reading against words and the document.

    Characters that no dictionary word covers mark where bytes may have been dropped. If the
    document holds one phrase that keeps the covered parts and differs only there, it restores
    the reading; otherwise the reading stands when few characters are uncovered (a name
    typically), and is refused when many are."""
    simple = doc.simplify(reading)
    if not all(_HAN.match(c) or _CJK_PUNCT.match(c) for c in simple):
        return None  # symbols, kana or bopomofo: still a misreading
    window = left + simple + right
    bad = lexicon.uncovered(window, len(left), len(left) + len(simple))
    if not bad:
        return reading
    first, last = bad[0] - len(left), bad[-1] - len(left)
    restored = _restore_from_document(simple, left, doc, simple[:first], simple[last + 1 :])
    if restored is not None:
        return restored
    return reading if len(bad) <= MAX_UNCOVERED else None


def _restore_from_document(reading: str, left: str, doc: _Doc, keep_head: str, keep_tail: str) -> str | None:
    """A unique phrase in the document that differs from ``left[-1:] + reading`` by at most two
    edits, starting with ``keep_head`` and ending with ``keep_tail`` (the covered parts)."""
    probe = left[-1:] + reading
    if len(probe) < 4:
        return None
    head = (left[-1:] + keep_head)[:4]
    tail = keep_tail[-4:] if keep_tail else ""
    if len(head) < 2 or len(tail) < 2:
        return None
    found: set[str] = set()
    for m in re.finditer(re.escape(head), doc.text):
        for n in range(max(4, len(probe) - 2), len(probe) + 3):
            cand = doc.text[m.start() : m.start() + n]
            if len(cand) == n and cand.endswith(tail) and not any(c in MARKS for c in cand):
                if cand != probe and cand.startswith(left[-1:] + keep_head) and _edit_distance(cand, probe) <= 2:
                    found.add(cand)
    if len(found) == 1:
        return found.pop()[len(left[-1:]) :]
    return None


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _context(text: str, start: int, end: int, width: int = 4) -> tuple[str, str]:
    left = ANNOTATION.sub("", text[max(0, start - 4 * width) : start])[-width:]
    right = ANNOTATION.sub("", text[end : end + 4 * width])[:width]
    return left, right


def _as_damaged(text: str, region: _Region, end: int) -> str:
    """What stays in the text for a damaged region: its marks and garbled run, without the
    pinyin fragments (they belong to characters that are gone)."""
    if not region.run:
        return "?" * region.marks
    if end < region.end:
        return "?" + text[region.run_start : end]
    return "?" + region.run + ("?" if region.trail_mark else "")


def _damage_end(text: str, region: _Region) -> int | None:
    """Where the damage of an unrepaired region ends, or None if the ``?`` is a real one.

    Pinyin fragments and doubled marks are sure signs of damage; otherwise the run after the
    mark is damaged as far as characters that no word covers reach."""
    from .script import simplify

    left, _ = _context(text, region.start, region.end)
    run = simplify(region.run)
    bad = lexicon.uncovered(simplify(left) + run, len(left), len(left) + len(run), singles=True)
    if not bad:
        if region.lead_annotation or region.marks > 1 or region.trail_annotation:
            return region.end if not region.run else region.run_start
        return None
    last = bad[-1] - len(left) + 1
    if last >= len(region.run) or region.run[last:].isascii():
        return region.end  # through the byte that realigned the reading, and its pinyin
    return region.run_start + last


def repair_mojibake(t: MappedText, raw: str) -> tuple[MappedText, list[Repair], list[Damage]]:
    """Repair every ``?``-marked misalignment region of ``t``; report what stays damaged.
    ``raw`` is the text ``t`` maps to: repairs and damage cite it."""
    text = t.text
    positions = [m.start() for m in re.finditer(r"[?\ufffd]", text) if _near_han(text, m.start())]
    if not positions:
        return t, [], []
    doc = _Doc(text)
    pieces: list[tuple[str, int, int]] = []
    repairs: list[Repair] = []
    damaged: list[Damage] = []
    pos = 0
    for i in positions:
        if i < pos:
            continue
        region = _parse_region(text, i)
        left, right = _context(text, region.start, region.end)
        reading = _realign(region, left, right, doc) if region.run else None
        if reading is None and not region.run:
            reading = _lone_mark(text, region, left, right, doc)
        if reading is not None:
            reading = _settle(reading, left, right, doc)
        if reading is not None:
            lo, hi = t.raw_span(region.start, region.end)
            pieces.append((text[pos : region.start], pos, region.start))
            pieces.append((reading, region.start, region.end))
            repairs.append(Repair("mojibake", lo, hi, raw[lo:hi], reading))
            pos = region.end
            continue
        end = _damage_end(text, region)
        if end is None:
            continue  # a genuine question mark
        lo, hi = t.raw_span(region.start, end)
        damaged.append(Damage(lo, hi, raw[lo:hi], "GBK misalignment that could not be repaired with certainty"))
        pieces.append((text[pos : region.start], pos, region.start))
        pieces.append((_as_damaged(text, region, end), region.start, end))
        pos = end
    if not pieces:
        return t, repairs, damaged
    pieces.append((text[pos:], pos, len(text)))
    return t.rewrite(pieces), repairs, damaged


def _lone_mark(text: str, region: _Region, left: str, right: str, doc: _Doc) -> str | None:
    """A ``?`` with no misaligned run after it: the lost character alone, if certain."""
    if region.lead_annotation is None or not (left and right):
        return None
    bare = _strip_tone(region.lead_annotation)
    cands = tuple(c for c in _all_han_with(bare))
    return _choose(cands, region.lead_annotation, left, right, doc) if cands else None


@lru_cache(maxsize=256)
def _all_han_with(bare: str) -> tuple[str, ...]:
    from pypinyin.pinyin_dict import pinyin_dict

    out = []
    for cp, rs in pinyin_dict.items():
        if 0x4E00 <= cp <= 0x9FFF and bare in {_strip_tone(r) for r in rs.split(",")}:
            out.append(chr(cp))
    return tuple(out)


def _near_han(text: str, i: int) -> bool:
    """A ``?`` within reach of Han text (ruby annotations may stand between)."""
    return bool(_HAN.search(text, max(0, i - 8), i) or _HAN.search(text, i + 1, i + 9))


__all__ = ["Repair", "Damage", "repair_mojibake", "is_annotation"]
