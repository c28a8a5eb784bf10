"""Officials, their posts and their roles: the title-and-name grammar of GENRE.md §2–3.

Two patterns find a person:

* **post chain + name**: ``市委常委、统战部部长陈通出席…`` — a title from the gazetteer followed by a
  plausible name (a known surname, 2–4 Han characters, or a name with ``·``) that is followed by
  one of the grammar's name followers (出席, 主持, 、, ，, 同志, 等…). The chain is read backwards over
  the separators 、 ， , ； for as long as each segment is a pure post (``[body]title``);
* **name + bracketed posts**: ``崔华平（上海中青年知识分子联谊会副会长）说``.

A title without a body inherits the body before it (``党组书记、局长``); a title that implies one
takes it (``副市长`` → the city government); a body written without a jurisdiction inherits the
one before it (``市委常委、统战部部长``). Roles come from the verb right after the person (after
同志/等/adverbs) and after 并 in the same clause; people of a list with no verb of their own take
the verb of the list (``A，B，C出席会议``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterator
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, Org, alternation
from .context import Context, cn_int
from .records import Person, Post

SEPS = "、，,；"
_SEGMENT_MARK = re.compile("[（()）兼" + SEPS + "]")
HAN = r"\u4e00-\u9fff"
_ATTENDEES = re.compile(r"(?:出席|参加)(?:会议|活动|大会|座谈会)?的(?:还)?有")
_COUNT = r"(?:\d+|[一二两三四五六七八九十]+)"
_MINORITY = re.compile(rf"[{HAN}]{{1,6}}·[{HAN}]{{1,10}}")


@dataclass
class Mention:
    """One mention of a person in a sentence."""

    name: str
    start: int  # normalised offsets of the name
    end: int
    chain_start: int
    tail: int  # where the text after the person (role verbs) starts
    posts: list[Post]
    sentence: tuple[int, int]
    roles: list[str] = field(default_factory=list)
    deploys: list[str] = field(default_factory=list)


@dataclass
class Deployment:
    person: str
    area_text: str
    evidence: dict


class _Grammar:
    """Regexes built once per gazetteer (see :func:`grammar`)."""

    def __init__(self, g: Gazetteer) -> None:
        # a name ends before a follower word or a count of people (郑十、冯十一两位同志作发言)
        self.follower = re.compile(rf"(?:{alternation(g.grammar.get('name_follower', []))}|(?:\d+|十?[两二三四五六七八九十])(?:位|名))")
        self.noise = re.compile(f"^(?:{alternation(g.grammar.get('lead_noise', []))})+")
        # a title may carry a note: 副部长（兼）, 副主任（正局长级）
        self.post = re.compile(f"(?P<org>.*?)(?P<title>{alternation(g.titles)})(?:（[^（）]{{1,6}}）)?$")
        self.title_end = re.compile(f"(?:{alternation(g.titles)})(?:（[^（）]{{1,6}}）)?$")
        self.role = re.compile(f"(?:{alternation(g.roles)})")
        self.skip = re.compile(
            rf"^(?:同志)?(?:等?{_COUNT}?(?:位|名|人)?(?:同志|领导|负责同志)?)?"
            rf"(?:(?:{alternation(g.grammar.get('role_adverb', []))})\s*)*"
        )
        self.cut_before = tuple(g.grammar.get("cut_before", []))
        self.award_giving = re.compile(r"^为[^，。；]{1,40}?(颁奖|颁发)")
        roles = alternation(g.roles)
        # 等8位同志作交流发言, 等企业家代表先后发言; 就做好…工作作交流发言
        # 代表区侨联第二届委员会作工作报告: speaking on behalf of a body
        self.deferred = re.compile(rf"^(?:等[^，。；、]{{0,14}}?|(?:就|围绕|结合|针对|对|在|代表)[^，。；]{{0,30}}?)({roles})")
        # 她传达了…, 他还介绍了…: a pronoun opening a clause carries the role of the person just named
        self.pronoun = re.compile(rf"(?:(?<=[，；。！？\n])|^)(?:她|他)(?:还|也|并|随后|同时)?({roles})")
        collective = alternation(g.collectives)
        # 杨茜，市委统战部…相关工作负责同志出席会议: a list closed by a collective, then the verb
        self.list_verb = re.compile(
            rf"^[，、,；](?:[^。；！？]*?)(?:{collective}|等)(?:[^。；，、]{{0,4}}?)(?:应邀|一同|共同|也)?({alternation(g.roles)})")
        self.also = re.compile(f"并(?:作|发表|致|作了|进行)?({alternation(g.roles)}|为[^，。；]{{1,30}}?颁奖)")
        # 作总结讲话, 作重要讲话, 发表热情洋溢的致辞, 作大会主旨报告, 作动员部署: a made speech of any kind
        self.made = re.compile(rf"(?:作了?|发表了?)(?P<kind>[{HAN}]{{1,8}}?|题为“[^”]{{1,40}}”的[{HAN}]{{0,4}}|题为《[^》]{{1,40}}》的[{HAN}]{{0,4}})(?P<head>讲话|发言|致辞|报告|部署)(?=[，。；、并]|$)")
        self.and_made = re.compile("并" + self.made.pattern)  # 出席会议并作总结讲话


_GRAMMARS: dict[int, _Grammar] = {}


def grammar(g: Gazetteer) -> _Grammar:
    """The compiled grammar of gazetteer ``g`` (built on first use)."""
    if id(g) not in _GRAMMARS:
        _GRAMMARS[id(g)] = _Grammar(g)
    return _GRAMMARS[id(g)]


def _segments(text: str, start: int, end: int, gr: _Grammar | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at separators outside brackets (and, given the grammar, at a
    兼 right after a title: 副部长兼市侨办主任)."""
    out, depth, s = [], 0, start
    for m in _SEGMENT_MARK.finditer(text, start, end):  # only the characters that matter
        i, c = m.start(), m.group()
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and (c in SEPS or (c == "兼" and gr is not None and gr.title_end.search(text, max(start, i - 12), i))):
            out.append((s, i))
            s = i + 1
    out.append((s, end))
    return out


def name_at(ctx: Context, gr: _Grammar, text: str, p: int, limit: int) -> int | None:
    """End of a plausible person's name starting at ``p`` (followed by a name follower), or None."""
    if ctx.gaz.is_collective(text[p:limit]) or ctx.gaz.title_re.match(text, p, limit):
        return None  # 相关负责同志; 区长王明 (a title, not a surname 区)
    m = _MINORITY.match(text, p, limit)
    if m:
        dot = text.index("·", p)
        lengths = list(range(dot + 2 - p, m.end() - p + 1))
    else:
        k = ctx.gaz.is_surname_start(text[p:limit])
        if not k:
            return None
        lengths = [k + 1, k + 2]
    for n in lengths:
        e = p + n
        if e > limit or not re.fullmatch(rf"[{HAN}·]+", text[p:e]):
            continue
        if e == limit or gr.follower.match(text, e, limit):
            return e
    return None


def is_bare_name(ctx: Context, s: str) -> bool:
    """Whether ``s`` is a whole plausible name (a list item with no post)."""
    if "·" in s:
        return bool(re.fullmatch(rf"[{HAN}]{{1,6}}·[{HAN}]{{1,10}}", s))
    k = ctx.gaz.is_surname_start(s)
    return bool(k) and k + 1 <= len(s) <= k + 2 and bool(re.fullmatch(rf"[{HAN}]+", s)) \
        and not ctx.gaz.is_collective(s) and not ctx.gaz.title_re.search(s)


def _strip_noise(gr: _Grammar, s: str) -> tuple[str, int]:
    """Drop words that open a clause but are no part of a body (会上, 会议由, 启动仪式由…)."""
    # passive 由 and invitations (会议邀请了 BODY TITLE NAME): the body starts after the last one
    off = max((s.rfind(w) + len(w) if w in s else 0 for w in gr.cut_before), default=0)
    m = gr.noise.match(s, off)
    off = m.end() if m else off
    return s[off:], off


def _resolve(ctx: Context, written: str, inherit: str | None) -> Org | None:
    """Resolve a written body; if the whole does not resolve, its longest known tail."""
    org = ctx.gaz.resolve_org(written, ctx.place, inherit)
    if org is not None:
        return org
    for i in range(1, len(written) - 1):
        org = ctx.gaz.resolve_org(written[i:], ctx.place, inherit)
        if org is not None and org.kind != "other":
            return org
    return None


def _pure_post(ctx: Context, gr: _Grammar, text: str, s: int, e: int) -> tuple[int, str, str] | None:
    """``(org_start, org_written, title)`` if ``text[s:e]`` is a post ``[body]title``, else None."""
    seg, off = _strip_noise(gr, text[s:e])
    m = gr.post.fullmatch(seg)
    if not m:
        return None
    org = m.group("org")
    if org and ctx.gaz.resolve_org(org, ctx.place) is None:
        return None
    return s + off, org, m.group("title")


def build_posts(ctx: Context, parts: list[tuple[int, str, str, int]]) -> list[Post]:
    """Posts from ``(org_start, org_written, title, title_end)`` parts in written order."""
    posts: list[Post] = []
    prev: Org | None = None
    for org_start, written, title, title_end in parts:
        if title.startswith("党委") and re.search(r"(?:镇|乡|街道)$", written or ""):
            # 石浦镇党委书记: 书记 of the town's party committee (中共…石浦镇委员会)
            written, title = written + "党委", title[2:]
        t = ctx.gaz.titles.get(title)
        org: Org | None = None
        as_org = written
        if written:
            org = _resolve(ctx, written, prev.jurisdiction if prev else None)
            if org is not None and org.as_written != written:
                as_org = org.as_written
            if org is not None and prev is not None and prev.kind == "democratic_party" and prev.parent \
                    and org.kind == "party" and org.parent is None:
                # 九三学社中央副主席、上海市委主委: the committee is the party's, not the CPC's
                org = dataclasses.replace(org, canonical=f"{prev.parent}{org.jurisdiction or ''}委员会",
                                          parent=prev.parent, kind="democratic_party")
        elif t is not None and t.implied_stem:
            org = ctx.gaz.resolve_org(t.implied_level + t.implied_stem, ctx.place)
            as_org = t.implied_level or ""
        elif prev is not None:
            org, as_org = prev, prev.as_written
        base_as_org = re.sub(r"（[^（）]*）$", "", as_org)
        as_written = ctx.doc.text[org_start:title_end] if written else title
        posts.append(Post(title, org.canonical if org else None, base_as_org, as_written,
                          org.parent if org else None, [ctx.evidence(org_start, title_end)]))
        if org is not None and written:
            prev = org
        elif org is not None and prev is None:
            prev = org
    return posts


def is_status(ctx: Context, gr: _Grammar, seg: str) -> bool:
    """A status that may open a post chain without being a post: 无党派人士, 模范个人代表,
    新媒体从业人员代表 (a group's representative)."""
    seg = _strip_noise(gr, seg)[0]
    return seg in ctx.gaz.grammar.get("descriptor", ()) or (
        re.fullmatch(rf"[{HAN}]{{2,10}}代表", seg) is not None and not ctx.gaz.title_re.search(seg))


def _chain_before(ctx: Context, gr: _Grammar, text: str, sent: tuple[int, int], title_start: int,
                  title: str) -> tuple[int, list[tuple[int, str, str, int]]]:
    """The post chain that ends with ``title`` at ``title_start``: its start and its parts."""
    segs = _segments(text, sent[0], title_start, gr)
    last_s, last_e = segs[-1]
    seg, off = _strip_noise(gr, text[last_s:last_e])
    parts = [(last_s + off, seg, title, title_start + len(title))]
    chain_start = last_s + off
    for s, e in reversed(segs[:-1]):
        post = _pure_post(ctx, gr, text, s, e)
        if post is None:
            if is_status(ctx, gr, text[s:e]):
                chain_start = s  # 无党派人士、南京大学教授冯子墨: a status, not a post
            break
        org_start, org, t = post
        parts.insert(0, (org_start, org, t, e))
        chain_start = org_start
    return chain_start, parts


def _mentions(ctx: Context, gr: _Grammar, sent: tuple[int, int]) -> list[Mention]:
    text = ctx.doc.text
    s, e = sent
    out: list[Mention] = []
    # pattern 1: posts then name
    for m in ctx.gaz.title_re.finditer(text, s, e):
        end = name_at(ctx, gr, text, m.end(), e)
        if end is None:
            continue
        chain_start, parts = _chain_before(ctx, gr, text, sent, m.start(), m.group(0))
        # the body of the last part must resolve (or be empty)
        if parts[-1][1] and _resolve(ctx, parts[-1][1], None) is None:
            continue
        posts = build_posts(ctx, parts)
        out.append(Mention(text[m.end():end], m.end(), end, chain_start, end, posts, sent))
        # 副部长甲、乙: names that follow with 、 and no post of their own share the post
        while end < e and text[end] == "、":
            nxt = name_at(ctx, gr, text, end + 1, e)
            if nxt is None or not is_bare_name(ctx, text[end + 1:nxt]) or ctx.gaz.title_re.match(text, nxt, e):
                break
            out.append(Mention(text[end + 1:nxt], end + 1, nxt, end + 1, nxt, [dataclasses.replace(p) for p in posts], sent))
            end = nxt
    # pattern 2: name（posts）
    for m in re.finditer(r"（([^（）]{2,80})）", text[s:e]):
        ps, pe = s + m.start(), s + m.end()
        seg_start = max([s] + [i + 1 for i in range(s, ps) if text[i] in SEPS])
        lead, off = _strip_noise(gr, text[seg_start:ps])
        name_start = seg_start + off
        if not (2 <= ps - name_start <= 17) or name_at(ctx, gr, text[: ps] + "，", name_start, ps + 1) != ps:
            continue
        parts = []
        ok = True
        for a, b in _segments(text, ps + 1, pe - 1, gr):
            post = _pure_post(ctx, gr, text, a, b)
            if post is None and is_status(ctx, gr, text[a:b]):
                continue  # （新媒体从业人员代表、市新联会理事）: the status is no post
            if post is None:
                ok = False
                break
            parts.append((post[0], post[1], post[2], b))
        if ok and parts:
            out.append(Mention(text[name_start:ps], name_start, ps, name_start, pe, build_posts(ctx, parts), sent))
    out.sort(key=lambda x: x.start)
    # 市政协副主席甲、乙，秘书长丙: a bare title opening a list item is of the body before it
    for prev, men in zip(out, out[1:]):
        first = men.posts[0] if men.posts else None
        if first is None or first.org is not None or first.org_as_written or not prev.posts \
                or not re.fullmatch(r"(?:同志)?[、，,；]", text[prev.tail:men.chain_start]):
            continue
        src = next((p for p in reversed(prev.posts) if p.org is not None), None)
        if src is not None and ctx.gaz.titles.get(first.title) is not None \
                and ctx.gaz.titles[first.title].implied_stem is None:
            men.posts[0] = dataclasses.replace(first, org=src.org, org_as_written=src.org_as_written,
                                               parent_org=src.parent_org)
            for i in range(1, len(men.posts)):  # 秘书长、党组成员: the titles after it inherit too
                if men.posts[i].org is None and not men.posts[i].org_as_written:
                    men.posts[i] = dataclasses.replace(men.posts[i], org=src.org,
                                                       org_as_written=src.org_as_written, parent_org=src.parent_org)
    return out


def _first_verb(gr: _Grammar, tail: str) -> tuple[str, int] | None:
    """The role verb that opens ``tail`` (after 同志/等/adverbs, or deferred: 等…代表作发言,
    就…作交流发言) and where it ends; None if the tail opens with none."""
    rest = tail[gr.skip.match(tail).end():]
    for text in (rest, tail):
        m = gr.role.match(text)
        if m:
            return m.group(0), len(tail) - len(text) + m.end()
        d = gr.deferred.match(text)
        if d:
            return d.group(1), len(tail) - len(text) + d.end(1)
    mk = gr.made.match(rest)
    if mk:
        return _made_verb(mk), len(tail) - len(rest) + mk.end()
    return None


def _made_verb(m: re.Match) -> str:
    """The roles.tsv verb a made speech stands for: 作工作报告 reports, 作…部署 deploys, the rest speak."""
    if m.group("head") == "部署":
        return "部署"
    if m.group("head") == "报告" and m.group("kind").endswith("工作"):
        return "作工作报告"
    return "讲话"


def _roles(ctx: Context, gr: _Grammar, men: Mention, limit: int) -> None:
    """Fill ``men.roles`` from the verbs after the person (up to ``limit``)."""
    tail = ctx.doc.text[men.tail:limit]
    rest = tail[gr.skip.match(tail).end():]
    first = _first_verb(gr, tail)
    after = tail
    if first:
        verb, end = first
        men.roles.append(ctx.gaz.roles[verb])
        after = tail[end:]
        if ctx.gaz.roles[verb] == "deployed":
            men.deploys.append(re.split(r"[，。；]", after)[0])
    elif gr.award_giving.match(rest):
        men.roles.append("presented_awards")
    else:
        lv = gr.list_verb.match(tail)
        if lv and not gr.role.search(tail[: lv.start(1)]):
            men.roles.append(ctx.gaz.roles[lv.group(1)])
    if not men.roles:
        return
    # 出席会议并讲话, 出席会议，并作讲话, 通报…并部署…, 出席会议并为获奖单位颁奖
    scope = re.split(r"[。；]", after)[0]
    for mk in gr.and_made.finditer(scope):  # 出席会议并作总结讲话
        role = ctx.gaz.roles[_made_verb(mk)]
        if role not in men.roles:
            men.roles.append(role)
    for extra in gr.also.finditer(scope):
        role = ctx.gaz.roles.get(extra.group(1), "presented_awards")
        if role not in men.roles:
            men.roles.append(role)
        if role == "deployed":
            men.deploys.append(re.split(r"[，。；]", scope[extra.end():])[0])


def _occurrences(text: str, needle: str, start: int, end: int) -> Iterator[int]:
    """Where ``needle`` occurs in ``text[start:end]``, left to right, not overlapping (a plain
    search: a regular expression per name would be compiled per name, and evict the others)."""
    at = text.find(needle, start, end)
    while at >= 0 and needle:
        yield at
        at = text.find(needle, at + len(needle), end)


def _bare_mentions(ctx: Context, gr: _Grammar, sent: tuple[int, int], known: set[str],
                   taken: list[Mention]) -> list[Mention]:
    """People named without a post: a known person named again (梁振华、邝伟明为…颁奖), or a list of
    names closed by 等/a role verb (刘思远、张晓光…等8位同志作交流发言)."""
    text = ctx.doc.text
    out: list[Mention] = []
    busy = [(m.chain_start, m.tail) for m in taken]
    segs = _segments(text, *sent)
    run: list[tuple[int, int]] = []
    after_titled = False  # the run follows a titled person of the same list
    for k, (a, b) in enumerate(segs):
        seg, off = _strip_noise(gr, text[a:b])
        a += off
        if any(x < b and a < y for x, y in busy):
            # 甲主委A，B，公司董事长C等4位代表发言: bare names between titled members of a list
            if run and after_titled and gr.role.search(text, a, sent[1]):
                out += [Mention(text[x:y], x, y, x, y, [], sent) for x, y in run]
            run = []
            after_titled = True
            continue
        if not run and not is_bare_name(ctx, text[a:b]):
            after_titled = False
        end = name_at(ctx, gr, text, a, b)
        whole = is_bare_name(ctx, text[a:b])
        if whole and (k + 1 < len(segs)) and text[b] in "、，,":
            run.append((a, b))
            continue
        if end is not None and is_bare_name(ctx, text[a:end]):
            tail = text[end:b]
            after = tail[gr.skip.match(tail).end():]
            closes = any(x is not None for x in (gr.role.match(after), gr.deferred.match(tail),
                                                  gr.deferred.match(after), gr.award_giving.match(after)))
            items = run + [(a, end)]
            names = [text[x:y] for x, y in items]
            if closes and (len(items) >= 2 or names[0] in known):
                for x, y in items:
                    out.append(Mention(text[x:y], x, y, x, y, [], sent))
                count = re.match(r"^(?:同志)?等(\d+|[一二三四五六七八九十两]+)(?:位|名|人)", tail)
                if count and cn_int(count.group(1)) != len(items):
                    ctx.warnings.append(f"{count.group(0)}: {len(items)} names listed ({'、'.join(names)})")
        run = []
    # a known person named alone inside a longer clause
    for name in known:
        for a in _occurrences(text, name, *sent):
            b = a + len(name)
            if any(x < b and a < y for x, y in busy) or any(o.start < b and a < o.end for o in out):
                continue
            if a > sent[0] and text[a - 1] not in SEPS + "。：由":
                continue
            if name_at(ctx, gr, text, a, sent[1]) == b:
                out.append(Mention(name, a, b, a, b, [], sent))
                continue
            t = ctx.gaz.title_re.match(text, b, sent[1])  # 陈通部长出席: a known person, title after
            if t and (t.end() == sent[1] or gr.follower.match(text, t.end(), sent[1])):
                out.append(Mention(name, a, b, a, t.end(), [], sent))
    return out


def extract_people(ctx: Context) -> tuple[list[Person], list[Deployment]]:
    """Every person in the body, merged by name, with posts, roles and evidence."""
    gr = grammar(ctx.gaz)
    doc = ctx.doc
    excluded = set(doc.meta.reporters) | set(doc.meta.editors)
    sentences = [sent for block in doc.blocks if block.kind in ("paragraph", "enum") for sent in block.sentences()]
    titled: dict[tuple[int, int], list[Mention]] = {}
    for sent in sentences:
        found = [m for m in _mentions(ctx, gr, sent) if m.name not in excluded and not ctx.damaged(m.start, m.end)]
        titled[sent] = _dedupe(found)
    known = {m.name for ms in titled.values() for m in ms}
    people: dict[str, Person] = {}
    deployments: list[Deployment] = []
    last: list[Mention] = []  # the people of the previous sentence
    for sent in sentences:
        bare = [m for m in _bare_mentions(ctx, gr, sent, known, titled[sent])
                if m.name not in excluded and not ctx.damaged(m.start, m.end)]
        mentions = sorted(titled[sent] + bare, key=lambda m: m.start)
        for i, men in enumerate(mentions):
            limit = mentions[i + 1].chain_start if i + 1 < len(mentions) else sent[1]
            _roles(ctx, gr, men, max(limit, men.tail))
        # 出席会议的有…: everyone the sentence names attended
        if _ATTENDEES.match(doc.text, sent[0]):
            for men in mentions:
                if not men.roles:
                    men.roles.append("attended")
        # 会议由郝某主持，她传达了…: the pronoun's role goes to the person named last before it
        for pm in gr.pronoun.finditer(doc.text[: sent[1]], sent[0]):
            before = [m for m in mentions if m.end <= pm.start()]
            role = ctx.gaz.roles[pm.group(1)]
            if before and not _ATTENDEES.match(doc.text, sent[0]):
                if role not in before[-1].roles:
                    before[-1].roles.append(role)
            elif pm.start() == sent[0] and last and last[-1].name in people:  # 她指出，… after a sentence
                people[last[-1].name].add_role(role, ctx.evidence(*sent))
        # list members with no verb take the next member's verbs
        for i in range(len(mentions) - 2, -1, -1):
            men, nxt = mentions[i], mentions[i + 1]
            between = doc.text[men.tail:nxt.chain_start]
            if not men.roles and (re.fullmatch(r"(?:同志)?[、，,；和及与\s]*", between) or _unread_members(ctx, gr, between)):
                men.roles = [r for r in nxt.roles if r != "deployed"]
        last = mentions or last
        ev = ctx.evidence(*sent)
        for men in mentions:
            person = Person(men.name, men.posts, [], _written(ctx, men), [ev])
            for r in men.roles:
                person.add_role(r, ev)
            if men.name in people:
                people[men.name].merge(person)
            else:
                people[men.name] = person
            for d in men.deploys:
                deployments.append(Deployment(men.name, d, ev))
    return list(people.values()), deployments


def _unread_members(ctx: Context, gr: _Grammar, between: str) -> bool:
    """Whether ``between`` holds only list members the grammar could not read (a name it does not
    know after a post: ``，省政协常委、某研究院院长区某，``): every item carries a title, none a verb."""
    if not between or between[0] not in "、，,；" or re.search(r"[。！？]", between):
        return False
    items = [x for x in re.split(r"[、，,；]", between) if x]
    return bool(items) and all(ctx.gaz.title_re.search(x) and not gr.role.search(x) and len(x) <= 30 for x in items)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions whose name overlaps an earlier one (a bracket inside a chain)."""
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _written(ctx: Context, men: Mention) -> str | None:
    w = ctx.doc.norm.written_form(men.start, men.end)
    return w if w != men.name else None
