"""The meeting an article reports: name, date, place, organiser and attendance note.

Patterns (first sentences of the body, then the headline):

* ``[date，]NAME在PLACE召开/举行`` — ``2月26日，2024年全市统战部长会议在上海展览中心召开``;
* ``[date，]BODY[在PLACE]召开/举行/举办NAME`` — ``4月18日下午，市委统战部召开2024年全市…交流会``.

NAME must end like a meeting (grammar.tsv ``meeting_suffix``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import alternation
from . import dates
from .context import Context
from .records import Meeting

_VERB = r"(?:召开|举行|举办|开幕|召集召开)"
_DATE_LEAD = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月\d{1,2}日|昨天|昨日|今天|今日|日前|近日|前天)(?:上午|下午|晚上|晚间|早上)?[，,]?")
_ATTEND = re.compile(r"(?:[近约共逾超过]+)?\d+(?:余|多)?(?:人|名[^，。；]{0,8}?)(?:出席|参加)(?:了)?(?:会议|活动|大会|座谈会|座谈|研讨会|研讨|培训|开幕式|仪式|论坛)?")


def _patterns(ctx: Context) -> tuple[re.Pattern, re.Pattern]:
    return _compiled(alternation(ctx.gaz.grammar.get("meeting_suffix", ["会议"])))


@lru_cache(maxsize=8)
def _compiled(suf: str) -> tuple[re.Pattern, re.Pattern]:
    name = rf"[^，。；]{{0,40}}?(?:{suf})”?"  # names may list (民主党派、工商联和无党派人士…联席会)
    a = re.compile(rf"(?P<name>{name})(?:在(?P<place>[^，。；]{{2,30}}?))?(?:隆重|顺利)?{_VERB}")
    b = re.compile(rf"(?P<org>[^，。；]{{2,40}}?)(?:在(?P<place>[^，。；]{{2,30}}?))?(?:隆重|顺利)?{_VERB}(?:了)?(?P<name>{name})(?=[，。；]|$)")
    return a, b


def extract_meeting(ctx: Context) -> Meeting:
    """The article's meeting (empty fields when the article reports none)."""
    doc = ctx.doc
    pa, pb = _patterns(ctx)
    candidates = []
    paras = [b for b in doc.blocks if b.kind == "paragraph"][:3]
    for block in paras:
        for s, e in block.sentences():
            candidates.append((s, e))
            if len(candidates) >= 4:
                break
    if doc.headline is not None:
        candidates.append((doc.headline.start, doc.headline.end))
    meeting = Meeting()
    for s, e in candidates:
        sent = doc.text[s:e]
        for clause_m in re.finditer(r"[^，。；]+(?:[，。；]|$)", sent):
            clause = clause_m.group(0).rstrip("，。；")
            lead = _DATE_LEAD.match(clause)
            body = clause[lead.end():] if lead else clause
            mb = pb.match(body)
            ma = pa.match(body) if not mb else None
            if mb and not _convener(ctx, mb.group("org")):
                mb = None
                ma = pa.match(body)
            m = mb or ma
            if not m:
                continue
            name = m.group("name").strip()
            if len(name) < 4:
                continue
            meeting.name = name
            meeting.place = m.group("place")
            if mb:
                org = ctx.gaz.resolve_org(_org_text(mb.group("org")), ctx.place)
                meeting.organiser = org.canonical if org else None
            else:
                meeting.organiser = _body_prefix(ctx, name)
            meeting.evidence = [ctx.evidence(s, e)]
            date, _ = dates.resolve(sent, ctx.published, name)
            if date is None and paras:
                date, _ = dates.resolve(doc.text[paras[0].start:paras[0].end], ctx.published, name)
            meeting.date = date
            meeting.attendance_note = _attendance(ctx)
            return meeting
    meeting.attendance_note = _attendance(ctx)
    return meeting


def _convener(ctx: Context, text: str) -> bool:
    """Whether ``text`` can convene a meeting: a body, or a place (西湖区召开…会议)."""
    t = _org_text(text)
    return ctx.gaz.resolve_org(t, ctx.place) is not None or t in ctx.gaz.jurisdictions or t == ctx.place.name or t.startswith(("在", "于"))


def _org_text(s: str) -> str:
    return re.sub(r"^(?:由|经)", "", s.strip())


def _body_prefix(ctx: Context, name: str) -> str | None:
    """The body a meeting's name opens with (``成都市归国华侨联合会第十届…全体会议``,
    ``广州市工商联（总商会）十五届…``): a body holding its own meeting organises it."""
    for k in range(len(name) - 2, 2, -1):
        head = name[:k]
        if head.endswith(("（", "）")) and not re.search(r"（[^（）]*）$", head):
            continue
        org = ctx.gaz.resolve_org(head, ctx.place)
        if org is not None and org.kind != "other":
            return org.canonical
    return None


def _attendance(ctx: Context) -> str | None:
    for b in ctx.doc.blocks:
        if b.kind != "paragraph":
            continue
        m = _ATTEND.search(b.text)
        if m:
            return m.group(0)
    return None
