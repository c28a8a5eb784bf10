"""Awards: ``A、B、C等6家市委统战部主管的社会组织获评2023年度优秀社会组织荣誉``;
``复旦大学荣获2017年度…特色奖``; ``X同志获评优秀信息员``; ``《…》获…奖``.

Recipients are split at 、/和/及; a stated count (``等6家``) is checked against the list and a
mismatch goes into the record's warnings. ``…主管的`` gives the supervising body, ``被/由 X 授予``
or ``X 授予`` the conferring one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import alternation
from .context import Context, cn_int
from .records import Award

_STRONG = {"获评", "荣获", "被评为", "被授予", "评为", "被命名为", "被表彰为", "荣膺"}  # verbs that always name an award
_AWARDISH = re.compile(r"奖|优秀|先进|荣誉|称号|模范|标兵|示范|十佳|最美|表彰|成果")


def _person_or_body(ctx: Context, text: str) -> str:
    """``广州市工商联办公室杜诗琪同志`` -> ``杜诗琪``: a recipient written with 同志 is the person
    (the body before the name is where they work); other recipients stay as written."""
    if not text.endswith("同志"):
        # 市侨联副主席韦小明: a person written with a post is the person
        for m in ctx.gaz.title_re.finditer(text):
            if m.end() < len(text) and _is_name(ctx, text[m.end():]) and not ctx.gaz.title_re.search(text, m.end()):
                return text[m.end():]
        return text
    text = text[:-2]
    dot = text.rfind("·")
    if dot > 0:  # 办公室艾力·司马义: the name's first part is as short as leaves a body before it
        for k in range(1, 7):
            before = text[: dot - k]
            if dot - k >= 0 and (not before or ctx.gaz.resolve_org(before, ctx.place)):
                return text[dot - k:]
        return text
    for n in (3, 2, 4):
        name, before = text[-n:], text[:-n]
        if len(text) >= n and ctx.gaz.is_surname_start(name) and (not before or ctx.gaz.resolve_org(before, ctx.place)):
            return name
    return text


def _split_and(ctx: Context, text: str) -> list[str]:
    """Split ``A和B`` only where both sides look like whole names (A ends like a body or a work)."""
    for m in re.finditer(r"[和及与]", text):
        left, right = text[: m.start()], text[m.end():]
        if len(right) >= 2 and (left.endswith("》") or ctx.gaz.is_free_org(left)):
            return [left, *_split_and(ctx, right)]
    return [text]


def _as_recipient(ctx: Context, text: str) -> str:
    """A recipient as the gold keeps it: a work by its title (``作品《…》`` -> ``《…》``)."""
    w = re.fullmatch(r"[^《》]{1,6}?(《[^《》]+》)", text)
    return w.group(1) if w else text


def _all_recipients(ctx: Context, text: str) -> bool:
    """Whether every item of a naming list (命名/表彰 …为) is a name, a body or a work."""
    items = [i for i in re.split(r"、|以及|和|及", text) if i]
    for item in items:
        item = _person_or_body(ctx, item.strip())
        if not (re.fullmatch(r"[^《》]{0,6}《[^《》]+》", item) or ctx.gaz.is_free_org(item)
                or ctx.gaz.resolve_org(item, ctx.place) is not None or _is_name(ctx, item)):
            return False
    return bool(items)


_HAN2 = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")
_MARKUP = re.compile(r"[<>{}\[\]=\\/|@#$%^*~`]")


def _plausible(recipient: str) -> bool:
    """A recipient is a name, a body or a work: Chinese text, never markup or code."""
    return bool(recipient) and bool(_HAN2.search(recipient)) and not _MARKUP.search(recipient)


def _is_name(ctx: Context, s: str) -> bool:
    from .people import is_bare_name
    return is_bare_name(ctx, s)


@lru_cache(maxsize=8)
def _patterns(verbs: str, units: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The award-sentence patterns for the gazetteer's verbs and count units (compiled once)."""
    pat = re.compile(
        rf"(?P<recips>[^，。；：]+?)"
        rf"(?:等(?P<count>\d+|[一二两三四五六七八九十]{{1,3}})[{units}](?P<desc>[^，。；]*?))?"
        rf"(?:分别)?(?P<verb>{verbs})(?!奖)(?P<award>[^，。；]+?)(?:荣誉称号|荣誉|称号)?(?=[，。；]|$)"
    )
    # 市委统战部授予上海某甲、上海某乙等2家单位“同心示范点”称号
    grant = re.compile(
        rf"(?P<org>[^，。；]{{2,30}}?)(?:授予|命名)(?P<recips>[^，。；“]+?)"
        rf"(?:等(?P<count>\d+|[一二两三四五六七八九十]{{1,3}})[{units}](?P<desc>[^，。；“]*?))?"
        rf"(?P<award>“[^”]+”[^，。；]{{0,10}}?)(?:荣誉称号|荣誉|称号)"
    )
    # 大会命名A、B等7家单位为X示范单位；表彰C、D等5名同志为X模范个人；市委统战部命名表彰了…为…
    naming = re.compile(
        rf"(?P<org>[^，。；]{{0,30}}?)(?:命名表彰|表彰命名|命名|表彰|授予|评选|认定|确定)(?:了)?"
        rf"(?P<recips>[^，。；“为]+?)"
        rf"(?:等(?P<count>\d+|[一二两三四五六七八九十]{{1,3}})[{units}](?P<desc>[^，。；“为]*?))?"
        rf"为(?P<award>[^，。；]+?)(?:荣誉称号|荣誉|称号)?"
    )
    return pat, grant, naming


def extract_awards(ctx: Context) -> list[Award]:
    """Every award sentence of the body."""
    verbs = alternation(ctx.gaz.grammar.get("award_verb", ["获评", "荣获"]))
    units = "".join(ctx.gaz.grammar.get("count_unit", ["家", "个", "位", "名"]))
    pat, grant, naming = _patterns(verbs, units)
    out: list[Award] = []
    for block in ctx.doc.blocks:
        if block.kind not in ("paragraph", "enum", "bullet"):
            continue
        for s, e in block.sentences():
            sent = ctx.doc.text[s:e].rstrip("。！？")
            for clause in re.finditer(r"[^，。；]+", sent):
                m = pat.fullmatch(clause.group(0))
                g = grant.fullmatch(clause.group(0)) if not m else None
                n = naming.fullmatch(clause.group(0)) if not m and not g else None
                if n is not None and (n.group("count") or _AWARDISH.search(n.group("award"))) \
                        and _all_recipients(ctx, n.group("recips")):
                    m = n
                elif g is not None:
                    m = g
                elif not m or (m.group("verb") not in _STRONG and not _AWARDISH.search(m.group("award"))):
                    continue
                c0 = s + clause.start()
                if ctx.damaged(c0 + m.start("recips"), c0 + m.end("recips")):
                    ctx.warnings.append(f"award recipients overlap a damaged span: {m.group(0)}")
                    continue
                award = _award(ctx, m, s, e)
                if award is not None:
                    out.append(award)
    return out


def _award(ctx: Context, m: re.Match, s: int, e: int) -> Award | None:
    recips_text = m.group("recips")
    recips_text = re.sub(r"^(?:会上|会议上|其中|另外|此外|同时|经评选)", "", recips_text)
    conferred = None
    recips = [piece for r in re.split(r"、|以及", recips_text) if r for piece in _split_and(ctx, r)]
    recips = [_as_recipient(ctx, _person_or_body(ctx, r.strip())) for r in recips]
    recips = [r for r in recips if _plausible(r) and not ctx.gaz.is_collective(r)]
    if not recips:
        return None
    name = m.group("award").strip()
    name = re.sub(r"^“([^”]+)”$", r"\1", name)
    if "org" in m.groupdict() and m.group("org"):
        written = re.sub(r"^(?:会上|会议上|会议|大会)", "", m.group("org"))
        org = ctx.gaz.resolve_org(written, ctx.place) if written else None
        # the meeting itself naming or commending (大会命名, 会议表彰) is no conferring body
        conferred = org.canonical if org else (written or None)
    conf = re.match(r"^(?P<org>[^，。；]{2,30}?)(?:授予|颁发)(?P<award>.+)$", name)
    if conf:
        org = ctx.gaz.resolve_org(conf.group("org"), ctx.place)
        conferred = org.canonical if org else conf.group("org")
        name = conf.group("award")
    supervised = None
    desc = m.group("desc") or ""
    sm = re.search(r"(?P<org>[^，。；]{2,30}?)(?:主管|指导|管理)的", desc)
    if sm:
        org = ctx.gaz.resolve_org(sm.group("org"), ctx.place)
        supervised = org.canonical if org else sm.group("org")
    count = cn_int(m.group("count")) if m.group("count") else None
    year_m = re.search(r"(\d{4})年", name)
    award = Award(name, supervised, count, recips, int(year_m.group(1)) if year_m else None, conferred,
                  [ctx.evidence(s, e)])
    if count is not None and count != len(recips):
        ctx.warnings.append(f"award {name!r}: {count} recipients stated, {len(recips)} listed")
    return award
