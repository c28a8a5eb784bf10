"""The structure of one normalised article: headline, metadata, paragraphs, headings, bullets.

Every block keeps its span in the normalised text (``start``/``end``) so that any claim found in
it can be mapped back to raw offsets with :meth:`Normalised.raw_span`. Site furniture (the
``2022年11月18日09:39 | 来源：解放网`` line, ``本报讯（记者 张骏）``, ``（责编：严远、轩召强）``) is
kept as metadata and never appears in body blocks.

>>> from ufgraph.normalise import normalise
>>> d = parse(normalise("标题\\n本报讯（记者 张三）昨天，会议召开。\\n（责编：李四）"))
>>> d.headline.text, d.meta.reporters, d.meta.editors, [b.text for b in d.body]
('标题', ['张三'], ['李四'], ['昨天，会议召开。'])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator

from .normalise import Normalised

# --------------------------------------------------------------------------- patterns
_PUBLISHED = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
_SOURCE = re.compile(r"(?:来源|来自|稿源)\s*[：:]\s*([^\s|｜　（）()]+)")
_EDITOR = re.compile(r"[（(]?\s*(?:责编|责任编辑|编辑|审核|校对|审校|终审|初审)\s*[：:]\s*([^）)]+?)\s*[）)]?\s*$")
_REPORTER_LEAD = re.compile(
    r"^(?:(?P<outlet>[^\s（）]{0,12}?)讯|(?P<agency>[^\s（）]{2,8}社)(?P<place>[^\s（）]{0,6}?)(?P<m>\d{1,2})月(?P<d>\d{1,2})日电)"
    r"\s*(?:[（(](?:记者|通讯员|作者)[^）)]*[）)])?\s*"
)
_REPORTER_NAMES = re.compile(r"(?:记者|通讯员|作者|撰稿)\s*[：:]?\s*((?:[\u4e00-\u9fff·]{2,5}[\s、，,]*)+)")
_BYLINE = re.compile(r"^[（(]?\s*(?:记者|通讯员|作者|撰稿|摄影|图|文)\s*[：:]?\s*[\u4e00-\u9fff·、，,：:\s]{2,40}[）)]?$")
_STAFF = re.compile(r"(?P<role>记者|通讯员|作者|撰稿|摄影|责编|责任编辑|编辑|审稿|审核|校对)\s*[：:]?\s*"
                    r"(?P<names>[\u4e00-\u9fff·]{2,5}(?:[、，,\s]+(?!记者|通讯员|作者|撰稿|摄影|责编|责任编辑|编辑|审稿|审核|校对)[\u4e00-\u9fff·]{2,5})*)")
_WRITERS = {"记者", "通讯员", "作者", "撰稿", "摄影"}
_WHEN = re.compile(r"^[\s|｜]*(?:发布时间|发布日期|发稿时间|时间|日期)\s*[：:]\s*")
_CLOSING = re.compile(r"^[（(]\s*([^\s（）()：:\d，。]{2,12}?)\s*\d{4}\s*[年\-/.][^（）()]{2,16}[）)]$")
_META_ONLY = re.compile(r"^[\s|｜]*(?:发布时间|发布日期|时间|日期|来源|字号|分享到|打印|关闭|浏览次数|阅读)[^\n]{0,60}$")

HEADING_TASKS = re.compile(r"^(?:\d{4}年度?)?[^。；●]{2,40}?(?:重点任务|主要任务|工作要点|重点工作|工作任务|主要工作)$")
HEADING_BRACKET = re.compile(r"^【([^】]{1,30})】\s*")
HEADING_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。；]{2,30}$")
BULLET = re.compile(r"^(?:[●·•◆■▪○◎★☆▶►]\s*|(?P<num>\d{1,2})[.．、)）]\s*(?!\d)|[（(](?P<cn>[一二三四五六七八九十\d]{1,3})[）)]\s*)")
ENUM = re.compile(r"(?:^|(?<=[，。；：\s]))([一二三四五六七八九十]{1,3})是")
SENTENCE_END = "。！？!?"
_SENTENCE_BREAK = re.compile(r"([。！？!?\n])[”’」』）)]*")


@dataclass
class Block:
    """A span of the body: ``kind`` is heading, paragraph, bullet, subitem or enum."""

    kind: str
    text: str
    start: int
    end: int
    marker: str = ""
    parent: int | None = None  # index in Document.blocks of the heading/bullet this belongs to
    heading: int | None = None  # index of the heading this block falls under

    def sentences(self) -> Iterator[tuple[int, int]]:
        """Normalised spans of the sentences of this block (split after 。！？)."""
        return iter(split_sentences(self.text, self.start))


@dataclass
class Meta:
    """Site furniture: publication date and outlet, reporters and editors, dateline."""

    published: dt.date | None = None
    published_text: str | None = None
    outlet: str | None = None
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    dateline: str | None = None  # 本报讯 / 新华社上海2月26日电 as written
    dateline_date: tuple[int, int] | None = None  # (month, day) of a 电 dateline
    spans: list[tuple[int, int]] = field(default_factory=list)  # normalised spans of the furniture


@dataclass
class Document:
    norm: Normalised
    headline: Block | None
    blocks: list[Block]
    meta: Meta

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def body(self) -> list[Block]:
        """Paragraph-like blocks (paragraphs, bullets, sub-items; headings excluded)."""
        return [b for b in self.blocks if b.kind in ("paragraph", "bullet", "subitem")]

    def evidence(self, start: int, end: int) -> dict:
        """The evidence object for normalised ``[start, end)``: quote and raw offsets."""
        rs, re_ = self.norm.raw_span(start, end)
        return {"quote": self.norm.text[start:end], "raw_start": rs, "raw_end": re_}


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (closing quotes stay with their sentence)."""
    out, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        j = m.end()
        if text[start:j].strip():
            out.append((offset + start, offset + (m.start() if m.group(1) == "\n" else j)))
        start = j
    if text[start:].strip():
        out.append((offset + start, offset + len(text)))
    return out


_STAFF_WORDS = {"记者", "通讯员", "作者", "撰稿", "摄影", "审稿", "编辑", "本报", "实习生"}


def _names(text: str) -> list[str]:
    """The people of a byline (``周舟 通讯员 李沁`` -> 周舟, 李沁)."""
    return [x for x in re.split(r"[、，,\s]+|(?:记者|通讯员|作者|撰稿|摄影|审稿|实习生)[：:]?", text) if x and x not in _STAFF_WORDS]


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _meta_line(line: str, meta: Meta) -> bool:
    """Record ``line`` as metadata if it is site furniture; return whether it was."""
    s = line.strip()
    if len(s) > 80:
        return False
    src = _SOURCE.search(s)
    ed = _EDITOR.search(s)
    pub = _PUBLISHED.search(s)
    if ed and ed.start() <= 1:
        meta.editors += [x for x in re.split(r"[、，,\s]+", ed.group(1)) if x]
        return True
    if src and (pub or s.startswith(("来源", "来自", "稿源")) or "|" in s or "｜" in s):
        meta.outlet = meta.outlet or src.group(1)
        if pub and not meta.published:
            meta.published = _date(*pub.groups())
            meta.published_text = pub.group(0)
        return True
    when = _WHEN.match(s)
    if pub and when and when.end() == pub.start():  # 发布时间：2024-03-05 10:00, 日期：2024年01月02日
        if not meta.published:
            meta.published = _date(*pub.groups())
            meta.published_text = pub.group(0)
        return True
    closing = _CLOSING.match(s)
    if pub and closing:  # （南宁日报 2024年1月2日）: an outlet and a day closing the article
        meta.outlet = meta.outlet or closing.group(1)
        if not meta.published:
            meta.published = _date(*pub.groups())
            meta.published_text = pub.group(0)
        return True
    if pub and pub.start() == 0 and len(s) - len(pub.group(0)) <= 12 and not re.search(r"[，。]", s):
        if not meta.published:
            meta.published = _date(*pub.groups())
            meta.published_text = pub.group(0)
        return True
    if _BYLINE.match(s):
        for m in _STAFF.finditer(s):
            names = _names(m.group("names"))
            (meta.reporters if m.group("role") in _WRITERS else meta.editors).extend(names)
        return True
    return bool(_META_ONLY.match(s))


def parse(norm: Normalised) -> Document:
    """Split a normalised article into headline, metadata and body blocks."""
    text = norm.text
    meta = Meta()
    blocks: list[Block] = []
    headline: Block | None = None
    pos = 0
    heading_idx: int | None = None
    last_bullet: int | None = None
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        # trim
        lstrip = len(line) - len(line.lstrip())
        start += lstrip
        line = line.strip()
        end = start + len(line)
        if not line:
            continue
        if _meta_line(line, meta):
            meta.spans.append((start, end))
            continue
        m = _REPORTER_LEAD.match(line)
        if m and m.end() > 0 and (m.group("outlet") is not None or m.group("agency")):
            lead = m.group(0)
            meta.dateline = lead.strip()
            meta.spans.append((start, start + len(lead)))
            names = _REPORTER_NAMES.search(lead)
            if names:
                meta.reporters += _names(names.group(1).rstrip("）)"))
            if m.group("agency") and m.group("m"):
                meta.dateline_date = (int(m.group("m")), int(m.group("d")))
            if m.group("agency") and not meta.outlet:
                meta.outlet = m.group("agency")
            start += len(lead)
            line = line[len(lead):]
            if not line:
                continue
        # trailing editor note on a body line: 。（责编：…）
        ed = re.search(r"[（(]\s*(?:责编|责任编辑|编辑)\s*[：:][^）)]*[）)]\s*$", line)
        if ed:
            _meta_line(ed.group(0), meta)
            meta.spans.append((start + ed.start(), end))
            line = line[: ed.start()].rstrip()
            end = start + len(line)
            if not line:
                continue
        if headline is None and not blocks and len(line) <= 80 and line[-1] not in "。；":
            headline = Block("headline", line, start, end)
            continue
        hb = HEADING_BRACKET.match(line)
        if HEADING_TASKS.match(line) or HEADING_SECTION.match(line) or hb:
            if hb:
                inner = hb.group(1)
                hstart = start + 1
                blocks.append(Block("heading", inner, hstart, hstart + len(inner), marker="【】"))
                heading_idx, last_bullet = len(blocks) - 1, None
                rest = line[hb.end():]
                if rest:
                    rs = start + hb.end()
                    blocks.append(Block("paragraph", rest, rs, end, heading=heading_idx))
                    _add_enums(blocks, len(blocks) - 1)
                continue
            blocks.append(Block("heading", line, start, end))
            heading_idx, last_bullet = len(blocks) - 1, None
            continue
        bm = BULLET.match(line)
        if bm and not re.match(r"^\d{1,2}[.．](?:\d)", line):
            body = line[bm.end():]
            blocks.append(Block("bullet", body, start + bm.end(), end, marker=bm.group(0).strip(), heading=heading_idx))
            last_bullet = len(blocks) - 1
            continue
        if last_bullet is not None and blocks[last_bullet].marker in _SYMBOL_BULLETS and _looks_subitem(line):
            blocks.append(Block("subitem", line, start, end, parent=last_bullet, heading=heading_idx))
            continue
        last_bullet = None
        blocks.append(Block("paragraph", line, start, end, heading=heading_idx))
        _add_enums(blocks, len(blocks) - 1)
    return Document(norm, headline, blocks, meta)


_SYMBOL_BULLETS = set("●·•◆■▪○◎★☆▶►")
_AUDIENCE = re.compile(r"(?:出席|参加|列席)(?:了)?(?:会议|活动|大会)")


def _looks_subitem(line: str) -> bool:
    """An unbulleted line under a symbol bullet is a sub-item when it is short, one sentence at
    most, and not the closing note on who attended."""
    inner = line.rstrip("。；;")
    return len(line) <= 80 and not any(c in inner for c in "。！？") and not _AUDIENCE.search(line)


def _add_enums(blocks: list[Block], idx: int) -> None:
    """Add the ``一是…；二是…`` items of paragraph ``idx`` as ``enum`` blocks after it."""
    b = blocks[idx]
    marks = list(ENUM.finditer(b.text))
    if len(marks) < 2 or marks[0].group(1) != "一":
        return
    for k, m in enumerate(marks):
        s = m.end()
        e = marks[k + 1].start() if k + 1 < len(marks) else len(b.text)
        item = b.text[s:e]
        # the last item ends at the end of its sentence
        if k + 1 == len(marks):
            cut = re.search(r"[。！？]", item)
            if cut:
                item = item[: cut.start()]
        stripped = item.rstrip("，；。、 ")
        if stripped:
            blocks.append(Block("enum", stripped, b.start + s, b.start + s + len(stripped), marker=m.group(0), parent=idx, heading=b.heading))
