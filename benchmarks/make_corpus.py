#!/usr/bin/env python3
"""Synthetic corpus generator: genre-realistic united-front news articles with their gold records.

Usage: python benchmarks/make_corpus.py N OUTDIR [--seed S] [--trad F] [--html F] [--gbk F] [--bom F]

Writes OUTDIR/articles/syn_NNNNNN.txt and OUTDIR/gold/syn_NNNNNN.json (the gold shape of
tests/corpus and ../shared/gold: source, headline, jurisdiction, meeting, people, awards,
work_areas).  Every article is built from templates and the small tables in
benchmarks/corpus_data/, and its gold is recorded while the text is written, so the two agree by
construction.  Article i depends only on (seed, i): the corpus is deterministic, and a corpus of
N is a prefix of a corpus of M > N made with the same seed.

Kinds of article: work meetings (统战部长会议 and the like, with deployments and task lists in ●
bullets with sub-items or in 1. 2. numbering), meetings of a body (awards with stated counts, some
deliberately wrong; bracketed speakers; lists with 等N位; passive chairs), democratic-party work
meetings, non-party forums (lists of party heads), and yearbook entries (【统战工作】 一是…；二是…).
Jurisdictions are cities, districts, provinces and counties.  Damage, by fraction of articles:
traditional characters with ruby pinyin (--trad, default 0.08), HTML remnants (--html, 0.05),
GBK bytes (--gbk, 0.03), UTF-8 with BOM (--bom, 0.02).  The gold is always the clean reading.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import re
import sys
import time
from datetime import date, timedelta

DATA = pathlib.Path(__file__).resolve().parent / "corpus_data"
HAN = re.compile(r"[\u3400-\u9fff]+")


# ----------------------------------------------------------------------------- tables
def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


class Tables:
    def __init__(self) -> None:
        self.jurisdictions = [dict(kind=k, written=w, J=j, L=l, C=c) for k, w, j, l, c in _rows("jurisdictions.tsv")]
        self.bodies = {k: dict(written=w, canonical=c, titles=t.split(",")) for k, w, c, t in _rows("bodies.tsv")}
        self.parties = _rows("parties.tsv")
        names = {k: v.split() for k, v in _rows("names.tsv")}
        self.surnames, self.compound = names["surname"], names["compound"]
        self.given = sorted(set(names["given"]))
        self.min_given, self.min_father = names["minority_given"], names["minority_father"]
        orgs = {k: v.split() for k, v in _rows("orgs.tsv")}
        self.brands, self.industries = orgs["brand"], orgs["industry"]
        self.chambers, self.societies, self.venues = orgs["chamber"], orgs["society"], orgs["venue"]
        self.areas = [dict(name=a, deploy=d.split("|"), chain=[tuple(x.split(":")) for x in c.split(",")])
                      for a, d, c in _rows("areas.tsv")]
        self.tasks: dict[str, list[tuple[str, list[str]]]] = {}
        for area, task in _rows("tasks.tsv"):
            text, _, subs = task.partition(" >> ")
            self.tasks.setdefault(area, []).append((text, [s for s in subs.split(" | ") if s] if subs else []))
        self.phrases: dict[str, list[str]] = {}
        for kind, text in _rows("phrases.tsv"):
            self.phrases.setdefault(kind, []).append(text)


# ----------------------------------------------------------------------------- one article
class Article:
    """Writes one article and its gold side by side."""

    def __init__(self, tb: Tables, rng: random.Random, jur: dict | None = None) -> None:
        self.tb, self.r = tb, rng
        self.j = jur or rng.choice(tb.jurisdictions)
        self.L, self.J, self.C, self.W = self.j["L"], self.j["J"], self.j["C"], self.j["written"]
        self.S = "全" + self.L
        self.people: dict[str, dict] = {}
        self.names: set[str] = set()
        self.awards: list[dict] = []
        self.areas: list[dict] = []
        self.meeting = {"name": None, "date": None, "place": None, "organiser": None}

    # names ------------------------------------------------------------------
    def name(self) -> str:
        r = self.r
        for _ in range(100):
            x = r.random()
            if x < 0.02:
                n = r.choice(self.tb.min_given) + "·" + r.choice(self.tb.min_father)
            else:
                sur = r.choice(self.tb.compound) if x < 0.05 else r.choice(self.tb.surnames)
                n = sur + "".join(r.choice(self.tb.given) for _ in range(1 if r.random() < 0.35 else 2))
            if n not in self.names and not any(n in m or m in n for m in self.names):
                self.names.add(n)
                return n
        raise RuntimeError("name pool exhausted")

    # bodies and posts -------------------------------------------------------
    def body(self, key: str, party: tuple[str, str] | None = None, full: bool = False) -> tuple[str, str]:
        """(written, canonical) of a body of this jurisdiction."""
        b = self.tb.bodies[key]
        written, canon = b["written"], b["canonical"]
        if key == "dp":
            abbr, pfull = party
            written = written.replace("{P}", abbr + (self.W if full else ""))
            canon = canon.replace("{PF}", pfull)
            if full:
                written = written.replace("{L}", "")
        elif full and key not in ("gov", "party", "utz", "tb"):
            written = written.replace("{L}", self.W)
        return written.replace("{L}", self.L), canon.replace("{J}", self.J).replace("{L}", self.L)

    def chain(self, specs: list[tuple], full: bool = False) -> tuple[str, list[dict]]:
        """Write a post chain; return its text and the gold posts. A spec is (body, title[, party])."""
        parts, posts, prev = [], [], None
        for spec in specs:
            key, title = spec[0], spec[1].replace("{L}", self.L)
            party = spec[2] if len(spec) > 2 else None
            written, canon = self.body(key, party, full and not posts)
            if key == "utz" and prev == "party":          # 市委常委、统战部部长
                org_w, aw = "统战部", "统战部" + title
            elif key == "gov":                              # 副市长: the body is the level
                org_w, aw = self.L, title
            elif prev == (key, party):                      # 党组书记、主席: inherits the body
                org_w, aw = posts[-1]["org_as_written"], title
            else:
                org_w, aw = written, written + title
            posts.append({"title": title, "org": canon, "org_as_written": org_w, "as_written": aw})
            parts.append(aw)
            prev = (key, party) if key not in ("party",) else "party"
        return "、".join(parts), posts

    def person(self, specs: list[tuple], roles: list[str], full: bool = False) -> tuple[str, str]:
        """A new person with this post chain; returns (chain text + name, name)."""
        n = self.name()
        text, posts = self.chain(specs, full) if specs else ("", [])
        self.people[n] = {"name": n, "posts": posts, "roles": list(roles)}
        return text + n, n

    def plain(self, posts: list[dict], roles: list[str]) -> str:
        n = self.name()
        self.people[n] = {"name": n, "posts": posts, "roles": list(roles)}
        return n

    def add_role(self, n: str, role: str) -> None:
        if role not in self.people[n]["roles"]:
            self.people[n]["roles"].append(role)

    # bits of text -------------------------------------------------------------
    def company(self) -> str:
        return self.C + self.r.choice(self.tb.brands) + self.r.choice(self.tb.industries)

    def assoc(self, chamber: bool | None = None) -> str:
        """A chamber of commerce (城市+商会) or a society of this place."""
        r = self.r
        local = self.j["kind"] in ("district", "county")
        if chamber or (chamber is None and r.random() < 0.5):
            return (self.W if local else self.C + self.L) + r.choice(self.tb.chambers)
        return (self.W if local else self.C) + r.choice(self.tb.societies)

    def phrase(self, kind: str, year: int) -> str:
        return self.r.choice(self.tb.phrases[kind]).format(C=self.C, Y=year, P=year - 1, S=self.S)

    def dates(self, year: int, name_has_year: bool) -> tuple[date, str, str]:
        """(meeting date, dateline line or '', date phrase in the body)."""
        r = self.r
        d = date(year, r.randint(1, 11), r.randint(1, 28))
        pub = d + timedelta(days=r.choice([0, 1, 1, 2]))
        outlet = r.choice([self.C + "日报", self.C + "统战", self.C + "发布", self.C + "新闻网", self.C + "统一战线"])
        style = r.random()
        if style < 0.4:
            dl = f"{pub.year}年{pub.month:02d}月{pub.day:02d}日{r.randint(7, 22):02d}:{r.randint(0, 59):02d} | 来源：{outlet}"
        elif style < 0.75:
            dl = f"{pub.isoformat()} {r.randint(7, 22):02d}:{r.randint(0, 59):02d} 来源：{outlet}"
        else:
            dl = ""
        when = r.choice(["", "", "上午", "下午"])
        if dl and pub - d == timedelta(days=1) and r.random() < 0.4:
            phrase = "昨天" + when
        elif dl and pub == d and r.random() < 0.3:
            phrase = "今天" + when
        elif dl or name_has_year:
            phrase = f"{d.month}月{d.day}日{when}"
        else:
            phrase = f"{d.year}年{d.month}月{d.day}日{when}"
        return d, dl, phrase

    def reporter(self) -> str:
        return f"本报讯（记者 {self.name()}）"

    def editors(self) -> str:
        return f"（责编：{self.name()}、{self.name()}）"

    # task blocks --------------------------------------------------------------
    def task_block(self, area: dict, year: int, deployer: str | None, wording: str | None) -> list[str]:
        r = self.r
        pool = self.tb.tasks[area["name"]]
        chosen = r.sample(pool, k=r.randint(2, min(5, len(pool))))
        heading = f"{year}年{area['name']}重点任务"
        numbered = r.random() < 0.3
        lines, tasks = [heading], []
        for i, (text, subs) in enumerate(chosen, 1):
            text = text.format(C=self.C)
            subs = [s.format(C=self.C) for s in subs] if not numbered else []
            if numbered:
                lines.append(f"{i}. {text}" + ("；" if i < len(chosen) else "。"))
            else:
                lines.append("● " + text)
                lines.extend(subs)
            tasks.append({"text": text, "subtasks": subs})
        wa = {"name": area["name"], "heading": heading, "deployed_by": deployer}
        if wording and wording != area["name"]:
            wa["note"] = f"deployed in the text as {wording}"
        wa["tasks"] = tasks
        self.areas.append(wa)
        return lines

    def gold(self, source: str, headline: str) -> dict:
        return {"source": source, "headline": headline, "jurisdiction": self.J, "meeting": self.meeting,
                "people": list(self.people.values()), "awards": self.awards, "work_areas": self.areas}


# ----------------------------------------------------------------------------- article kinds
def work_meeting(a: Article, year: int) -> tuple[str, list[str]]:
    r = a.r
    kind = r.choice(["统战部长会议", "统战工作会议", "民营经济统战工作会议", "民族宗教工作会议", "侨务工作会议"])
    mname = f"{year}年{a.S}{kind}"
    d, dl, when = a.dates(year, True)
    venue = a.C + r.choice(a.tb.venues)
    a.meeting.update(name=mname, date=d.isoformat(), place=venue)
    headline = r.choice([f"{mname}召开", f"{a.W}召开{mname}",
                         f"推动{a.C}统一战线事业迈上更高水平 {a.S}{kind}召开"])
    lead, lead_n = a.person([("party", "常委"), ("utz", "部长")], ["attended", "spoke"])
    chair_specs = r.choice([[("party", "常委"), ("gov", "副{L}长")], [("gov", "副{L}长")], [("utz", "常务副部长")]])
    chair, _ = a.person(chair_specs, ["chaired"])
    p1 = (a.reporter() if dl and r.random() < 0.4 else "") + f"{when}，{mname}在{venue}召开。"
    p1 += "会议以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平总书记关于做好新时代党的统一战线工作的重要思想，"
    p1 += f"总结{year - 1}年{a.J}统一战线工作，部署{year}年重点任务。{lead}出席会议并讲话。"
    p1 += f"会议由{chair}主持。" if r.random() < 0.5 else f"{chair}主持会议。"
    body = [p1, a.phrase("pointed", year), a.phrase("stressed", year)]
    sents = []
    if r.random() < 0.7:
        rep, _ = a.person([("utz", "副部长")], ["reported"])
        sents.append(f"{rep}通报了{year - 1}年度{a.S}统一战线各项工作评选表彰情况。")
    if r.random() < 0.6:
        con, _ = a.person([("utz", "副部长")], ["conveyed"])
        sents.append(f"{con}传达了全国统战部长会议精神。")
    areas = r.sample(a.tb.areas, k=r.randint(1, 3))
    deps, blocks = [], []
    for area in areas:
        specs = [(k, t) for k, t in area["chain"]]
        if a.j["kind"] in ("district", "county"):
            specs = [("mzb", "主任") if k == "mzj" else (k, t) for k, t in specs]
        wording = r.choice(area["deploy"])
        text, n = a.person(specs, ["deployed"])
        deps.append(f"{text}部署{wording}")
        blocks.extend(a.task_block(area, year, n, wording))
    sents.append("；".join(deps) + "。")
    body.append("会上，" + "".join(sents))
    body.extend(blocks)
    body.append(f"{a.L}委统战部全体部领导，各有关单位分管领导、相关负责同志近{r.randint(10, 30) * 10}人出席会议。"
                f"各民主党派{a.L}委专职领导、无党派人士代表应邀出席会议。")
    a.meeting["attendance_note"] = re.search(r"近\d+人出席会议", body[-1]).group()
    if r.random() < 0.3:
        body.append(a.editors())
    return headline, ([dl] if dl else []) + body


def body_meeting(a: Article, year: int) -> tuple[str, list[str]]:
    r = a.r
    org_key = r.choice(["utz", "gsl", "xlh", "zlh", "ql"])
    org_w, org_c = a.body(org_key)
    what = {"utz": "统战社会组织工作交流会", "gsl": "执委会议", "xlh": "会员大会", "zlh": "会员大会", "ql": "全委会议"}[org_key]
    mname = f"{year}年{a.S}{what}" if org_key == "utz" else f"{year}年度{what}"
    d, dl, when = a.dates(year, False)  # "YYYY年度" is no safe source of the year: dateline or full date
    a.meeting.update(name=mname, date=d.isoformat(), organiser=org_c)
    # the headline names the full jurisdiction (上海市杨浦区…): a district's city is in the text
    headline = f"{a.J}{org_w[1:]}召开{mname}" if org_key != "utz" else f"{a.J[:-1]}{org_w}召开{mname}"
    lead, lead_n = a.person([("party", "常委"), ("utz", "部长")], ["attended", "spoke"])
    p1 = (a.reporter() if dl and r.random() < 0.4 else "") + f"{when}，{org_w}召开{mname}。{lead}出席会议并讲话。"
    body = [p1, a.phrase("pointed", year)]
    # awards
    if r.random() < 0.7:
        k = r.randint(2, 6)
        award = r.choice([f"{year - 1}年度优秀社会组织", f"{year - 1}年度“四好”商会", f"{year - 1}年度统战工作先进集体"])
        recips: list[str] = []
        while len(recips) < k:
            x = a.assoc(chamber=True if "商会" in award else None)
            if x not in recips:
                recips.append(x)
        stated = k + 1 if r.random() < 0.15 else k
        sup = r.random() < 0.5
        sup_w, sup_c = a.body("utz")
        text = "会上，" + "、".join(recips) + f"等{stated}家" + (f"{sup_w}主管的社会组织" if sup else "单位") + f"获评{award}"
        text += "荣誉。" if r.random() < 0.5 else "。"
        aw = {"award": award, "supervised_by": sup_c if sup else None, "count_stated": stated, "recipients": recips}
        if stated != k:
            aw["note"] = f"count mismatch: 等{stated}家 but {k} listed"
        a.awards.append(aw)
        if r.random() < 0.4:
            n = a.name()
            text += f"{n}同志获评{year - 1}年度优秀信息员。"
            a.awards.append({"award": f"{year - 1}年度优秀信息员", "supervised_by": None, "count_stated": None, "recipients": [n]})
        if r.random() < 0.5:
            text += f"{lead_n}为获奖单位颁奖。"
            a.add_role(lead_n, "presented_awards")
        body.append(text)
    # speakers: a counted list or bracketed posts
    if r.random() < 0.5:
        k = r.randint(3, 8)
        names = [a.plain([], ["spoke"]) for _ in range(k)]
        body.append("会上，" + "、".join(names) + f"等{k}位同志作交流发言。")
    for _ in range(r.randint(1, 4)):
        if r.random() < 0.5:
            org = a.assoc()
            title = r.choice(["会长", "副会长", "秘书长", "执行会长"])
        else:
            org = a.company()
            title = r.choice(["董事长", "总经理"])
        n = a.plain([{"title": title, "org": org, "org_as_written": org, "as_written": org + title}], ["spoke"])
        body.append(f"{n}（{org}{title}）说，" + a.phrase("speech", year))
    # attendees and a passive chair
    att = []
    for specs in r.sample([[("ql", "党组书记"), ("ql", "主席")], [("mzj", "副局长"), ("mzj", "一级巡视员")],
                           [("gsl", "副主席")], [("zx", "副主席"), ("gsl", "主席")], [("tb", "主任")]], k=r.randint(1, 3)):
        if a.j["kind"] in ("district", "county"):
            specs = [("mzb", "副主任") if k == "mzj" else (k, t) for k, t in specs if t != "一级巡视员"]
        att.append(a.person(specs, ["attended"])[0])
    sep = "；" if r.random() < 0.2 else "，"
    chair, _ = a.person(r.choice([[("utz", "二级巡视员"), ("oms", "党组书记")], [("utz", "副部长")], [(org_key if org_key != "utz" else "gsl", "秘书长")]]), ["chaired"])
    body.append(sep.join(att) + f"{sep}{a.L}委统战部相关工作负责同志出席会议。会议由{chair}主持。")
    return headline, ([dl] if dl else []) + body


def party_meeting(a: Article, year: int) -> tuple[str, list[str]]:
    r = a.r
    party = tuple(r.choice(a.tb.parties))
    full_w, canon = a.body("dp", party, full=True)
    mname = f"{full_w}会{year}年工作会议"
    d, dl, when = a.dates(year, True)
    a.meeting.update(name=mname, date=d.isoformat(), place=f"{full_w}会机关", organiser=canon)
    headline = f"{full_w}会召开{year}年工作会议"
    lead, _ = a.person([("dp", "主委", party)], ["attended", "spoke"], full=True)
    utz, _ = a.person([("utz", "副部长")], ["attended", "spoke"])
    chair, _ = a.person([("dp", "专职副主委", party)], ["chaired"])
    p1 = f"{when}，{mname}在{full_w}会机关召开。{lead}出席会议并讲话，{utz}出席会议并讲话。会议由{chair}主持。"
    body = [p1, a.phrase("pointed", year), a.phrase("stressed", year)]
    rep, _ = a.person([("dp", "副主委", party)], ["reported"])
    con, _ = a.person([("dp", "副主委", party), ("dp", "秘书长", party)], ["conveyed"])
    body.append(f"会上，{rep}通报了{year - 1}年度参政议政工作情况。{con}传达了{party[0]}中央有关会议精神。")
    body.append(f"{party[0]}{a.L}委会领导班子成员、各基层组织负责同志、会员代表共{r.randint(5, 20) * 10}余人参加会议。")
    a.meeting["attendance_note"] = re.search(r"共\d+余人参加会议", body[-1]).group()
    return headline, ([dl] if dl else []) + body


def forum(a: Article, year: int) -> tuple[str, list[str]]:
    r = a.r
    d, dl, when = a.dates(year, False)
    _, party_c = a.body("party")
    a.meeting.update(name="党外人士座谈会", date=d.isoformat(), organiser=party_c)
    sec, sec_n = a.person([("party", "书记")], ["chaired", "spoke"])
    mayor, _ = a.person([("gov", "{L}长")], ["reported"])
    p1 = f"{when}，{a.L}委召开党外人士座谈会，就{a.L}委有关工作听取意见建议。{sec}主持会议并讲话。{mayor}通报了{year - 1}年经济社会发展情况。"
    heads = []
    for party in r.sample(a.tb.parties, k=r.randint(3, 7)):
        heads.append(a.person([("dp", r.choice(["主委", "主委", "副主委"]), tuple(party))], ["spoke"])[0])
    heads_text = "、".join(heads) + "，" + a.person([("gsl", "主席")], ["spoke"])[0]
    p2 = f"座谈会上，{heads_text}等先后发言，围绕推进科技创新、促进民营经济发展、优化营商环境等提出意见建议。"
    p3 = f"{sec_n}在讲话中指出，希望大家继续发挥优势，为{a.C}高质量发展贡献智慧和力量。"
    att1, _ = a.person([("party", "副书记")], ["attended"])
    att2, _ = a.person([("party", "常委"), ("utz", "部长")], ["attended"])
    body = [p1, p2, p3, f"{att1}，{att2}出席会议。"]
    return f"{a.W}委召开党外人士座谈会", ([dl] if dl else []) + body


def yearbook(a: Article, year: int) -> tuple[str, list[str]]:
    r = a.r
    utz_w, utz_c = a.body("utz")
    headline = utz_c
    items = []
    for area in r.sample(a.tb.areas, k=r.randint(2, 4)):
        text, _ = r.choice(a.tb.tasks[area["name"]])
        items.append(text.format(C=a.C))
    nums = "一二三四五六"
    enum = "；".join(f"{nums[i]}是{t}" for i, t in enumerate(items)) + "。"
    p = f"【统战工作】{year}年，{utz_w}围绕中心、服务大局，推动{a.S}统一战线工作取得新成效。{enum}"
    if r.random() < 0.5:
        lead, _ = a.person([("party", "常委"), ("utz", "部长")], [])
        p += f"{r.randint(3, 11)}月，{lead}带队赴对口地区开展调研。"
    a.areas.append({"name": "统战工作", "heading": "【统战工作】", "deployed_by": None,
                    "tasks": [{"text": t, "subtasks": []} for t in items]})
    return headline, [p, f"（撰稿：{a.name()}）"]


KINDS = [(work_meeting, 0.35), (body_meeting, 0.3), (party_meeting, 0.12), (forum, 0.13), (yearbook, 0.10)]


# ----------------------------------------------------------------------------- damage
class Damage:
    def __init__(self) -> None:
        from opencc import OpenCC

        self.s2t = OpenCC("s2t")

    def mirror(self, text: str) -> str:
        from pypinyin import Style, lazy_pinyin

        trad = self.s2t.convert(text)
        if len(trad) != len(text):
            trad = "".join(self.s2t.convert(c) for c in text)
        # one call for the whole text (non-Han characters come back empty, one per character)
        py = lazy_pinyin(text, style=Style.TONE, errors=lambda run: [""] * len(run))
        if len(py) != len(text):  # never seen; fall back to one call per Han run
            py = [""] * len(text)
            for m in HAN.finditer(text):
                for i, p in enumerate(lazy_pinyin(m.group(), style=Style.TONE)):
                    py[m.start() + i] = p
        out = []
        for s, t, p in zip(text, trad, py):
            out.append(t)
            if s != t and p:
                out.append(f"({p})")
        return "".join(out).translate(str.maketrans({"，": ",", "（": "(", "）": ")", "；": ";"}))

    @staticmethod
    def html(text: str) -> str:
        lines = text.rstrip("\n").split("\n")
        body = [f"<p>&nbsp;&nbsp;{l.replace('“', '&ldquo;').replace('”', '&rdquo;')}</p>" for l in lines[1:]]
        if body:
            body[0] = body[0].replace("<p>", '<p><span style="font-size:16px">', 1).replace("</p>", "</span></p>")
        return "\n".join([lines[0], *body]) + "\n"


# ----------------------------------------------------------------------------- driver
def make_one(tb: Tables, seed: int, i: int, fr: dict, dmg: Damage) -> tuple[str, bytes, dict]:
    r = random.Random(f"{seed}:{i}")
    x, acc = r.random(), 0.0
    for fn, w in KINDS:
        acc += w
        if x < acc:
            break
    jur = r.choice(tb.jurisdictions)
    if fn in (forum, party_meeting):  # democratic parties sit at city and province level
        jur = r.choice([j for j in tb.jurisdictions if j["kind"] in ("city", "province")])
    a = Article(tb, r, jur)
    year = r.randint(2019, 2025)
    headline, paras = fn(a, year)
    text = headline + "\n" + "\n".join(paras) + "\n"
    stem = f"syn_{i:06d}"
    gold = a.gold(stem + ".txt", headline)
    y = r.random()
    if y < fr["trad"]:
        text = dmg.mirror(text)
    elif y < fr["trad"] + fr["html"]:
        text = dmg.html(text)
    z = r.random()
    if z < fr["gbk"]:
        try:
            return stem, text.encode("gbk"), gold
        except UnicodeEncodeError:
            pass
    elif z < fr["gbk"] + fr["bom"]:
        return stem, text.encode("utf-8-sig"), gold
    return stem, text.encode("utf-8"), gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=pathlib.Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trad", type=float, default=0.08, help="fraction traditional with ruby pinyin")
    ap.add_argument("--html", type=float, default=0.05, help="fraction with HTML remnants")
    ap.add_argument("--gbk", type=float, default=0.03, help="fraction written as GBK bytes")
    ap.add_argument("--bom", type=float, default=0.02, help="fraction written as UTF-8 with BOM")
    ap.add_argument("--indent", type=int, default=None, help="pretty-print the gold (slower: Python's JSON encoder)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    tb, dmg = Tables(), Damage()
    fr = {"trad": args.trad, "html": args.html, "gbk": args.gbk, "bom": args.bom}
    (args.outdir / "articles").mkdir(parents=True, exist_ok=True)
    (args.outdir / "gold").mkdir(parents=True, exist_ok=True)
    for i in range(args.n):
        stem, data, gold = make_one(tb, args.seed, i, fr, dmg)
        (args.outdir / "articles" / f"{stem}.txt").write_bytes(data)
        (args.outdir / "gold" / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=args.indent) + "\n", encoding="utf-8")
    dt = time.perf_counter() - t0
    if not args.quiet:
        print(f"{args.n} articles in {dt:.1f}s ({args.n / dt:.0f} articles/s) -> {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
