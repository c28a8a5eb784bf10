"""An extracted article record (the dict of ``ArticleRecord.to_json()``, or a gold file) → the
triples of ONE named graph, the article's.

Every claim is an n-ary node (``ufg:Occupancy``, ``ufg:Participation``, ``ufg:AwardConferral``,
``ufg:Task``, the meeting) that carries ``prov:wasDerivedFrom`` the article and ``ufg:evidence``
nodes (quote + raw offsets + article). Shortcut triples (``org:holds``/``org:heldBy``,
``ufg:participatedIn``, ``ufg:received``) sit beside them so that simple queries stay simple.

Records are read defensively: every evidence and extra field is optional (the gold files have
none). A claim whose record carries no evidence gets a quote-only evidence node built from the
text the record itself gives (the post as written, the task text…), without offsets; SHACL
reports those as warnings, not violations.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..normalise.script import has_traditional, simplify
from . import iris
from .keys import clean, han_key, keys_for, pinyin_name, pinyin_text
from .vocab import FOAF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, UFG, XSD

ZH = "zh-Hans"
PINYIN = "zh-Latn-pinyin"

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "attended": ("attended", "出席"),
    "spoke": ("spoke", "讲话"),
    "chaired": ("chaired", "主持"),
    "reported": ("reported", "通报"),
    "conveyed": ("conveyed", "传达"),
    "deployed": ("deployed", "部署"),
    "presented": ("presented awards", "颁奖"),
    "hosted": ("hosted", "承办"),
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

Record = Mapping[str, Any]


_PREFIXES = (("ufg", UFG._NS), ("org", ORG), ("foaf", FOAF), ("schema", SCHEMA), ("prov", PROV),
             ("skos", SKOS), ("ufgid", iris.ID_BASE))


@dataclass(frozen=True)
class ArticleGraph:
    """The triples of one article, to be written as the named graph ``iri``.

    ``triples`` is a plain set — building an rdflib ``Graph`` costs more than all the rest of the
    mapping, and writers only iterate; ``graph`` makes one on demand (tests, Turtle output)."""

    iri: URIRef
    triples: frozenset[tuple[Node, Node, Node]]
    source: str
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.triples)

    @cached_property
    def graph(self) -> Graph:
        g = Graph()
        for prefix, ns in _PREFIXES:
            g.bind(prefix, ns, override=True)
        for t in self.triples:
            g.add(t)
        return g

    def dataset(self) -> Dataset:
        ds = Dataset()
        for prefix, ns in _PREFIXES:
            ds.bind(prefix, ns)
        g = ds.graph(self.iri)
        for t in self.triples:
            g.add(t)
        return ds


def _date(value: Any) -> Literal | None:
    if isinstance(value, str) and _DATE.match(value.strip()):
        return Literal(value.strip(), datatype=XSD.date)
    return None


def _year(*values: Any) -> Literal | None:
    for v in values:
        if isinstance(v, int) and 1900 <= v <= 2100:
            return Literal(str(v), datatype=XSD.gYear)
        if isinstance(v, str):
            if re.fullmatch(r"\d{4}", v.strip()):
                return Literal(v.strip(), datatype=XSD.gYear)
            if _DATE.match(v.strip()):
                return Literal(v.strip()[:4], datatype=XSD.gYear)
            m = _YEAR.search(v)
            if m:
                return Literal(m.group(1), datatype=XSD.gYear)
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and clean(value):
        return clean(value)
    return None


@lru_cache(maxsize=65536)
def _label_pairs(name: str, alts: tuple[str | None, ...], person: bool) -> tuple[tuple[URIRef, Literal], ...]:
    """The label, alternative-label, pinyin and search-key (predicate, literal) pairs of a name.
    Cached: the same bodies, titles and people recur across thousands of articles."""
    name = han_key(name) if person else simplify(clean(name))
    out = [(RDFS.label, Literal(name, lang=ZH)), (SKOS.prefLabel, Literal(name, lang=ZH))]
    for alt in alts:
        alt = _text(alt)
        if alt and alt != name and len(alt) >= 2:
            lang = "zh-Hant" if has_traditional(alt) else "zh"
            out.append((SKOS.altLabel, Literal(alt, lang=lang if alt != han_key(alt) else ZH)))
    romanised = pinyin_name(name) if person else pinyin_text(name)
    if romanised:
        out.append((SKOS.altLabel, Literal(romanised, lang=PINYIN)))
    for key in sorted(keys_for(name, *(a for a in alts if a and len(clean(a)) >= 2), person=person)):
        out.append((UFG.searchKey, Literal(key)))
    return tuple(out)


class _Builder:
    """Accumulates the triples of one article."""

    def __init__(self, record: Record):
        self.r = record
        self.g: set[tuple[Node, Node, Node]] = set()
        self.jur = _text(record.get("jurisdiction"))
        self.source = _text(record.get("source")) or "<unknown>"
        self.article = iris.article(_text(record.get("content_hash")), self.source)
        meeting = record.get("meeting") or {}
        self.observed = _date(meeting.get("date")) or _date(record.get("published"))
        self.people: dict[str, URIRef] = {}

    # -- helpers -----------------------------------------------------------------------------
    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def labels(self, node: URIRef, name: str, *alts: str | None, person: bool = False) -> None:
        for p, o in _label_pairs(name, alts, person):
            self.g.add((node, p, o))

    def evidence(self, claim: URIRef, items: Any, fallback: str | None, prop: URIRef = UFG.evidence) -> None:
        """Link ``claim`` to each evidence object in ``items`` (or a quote-only one)."""
        found = False
        for ev in items if isinstance(items, list) else [items] if isinstance(items, dict) else []:
            if not isinstance(ev, dict):
                continue
            quote = _text(ev.get("quote"))
            start, end = ev.get("raw_start"), ev.get("raw_end")
            if not quote:
                continue
            ok = isinstance(start, int) and isinstance(end, int)
            node = iris.evidence(self.article, start if ok else None, end if ok else None, quote)
            self.add(node, RDF.type, UFG.Evidence)
            self.add(node, UFG.quote, Literal(ev.get("quote")))
            if ok:
                self.add(node, UFG.rawStart, Literal(start, datatype=XSD.integer))
                self.add(node, UFG.rawEnd, Literal(end, datatype=XSD.integer))
            self.add(node, UFG.article, self.article)
            self.add(claim, prop, node)
            found = True
        if not found and fallback:
            node = iris.evidence(self.article, None, None, fallback)
            self.add(node, RDF.type, UFG.Evidence)
            self.add(node, UFG.quote, Literal(fallback))
            self.add(node, UFG.article, self.article)
            self.add(claim, prop, node)

    def claim(self, node: URIRef, cls: URIRef) -> None:
        self.add(node, RDF.type, cls)
        self.add(node, PROV.wasDerivedFrom, self.article)

    def body(self, name: str, *as_written: str | None) -> URIRef:
        node = iris.body(name)
        self.add(node, RDF.type, ORG.Organization)
        self.labels(node, name, *as_written)
        return node

    def person(self, name: str) -> URIRef:
        key = han_key(name)
        if key not in self.people:
            self.people[key] = iris.person(key, self.jur)
        return self.people[key]

    def concept(self, node: URIRef, scheme: URIRef, name: str, english: str | None = None) -> URIRef:
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, scheme)
        self.labels(node, name)
        if english:
            self.add(node, RDFS.label, Literal(english, lang="en"))
        return node

    # -- the parts of a record ---------------------------------------------------------------
    def article_node(self) -> None:
        a, r = self.article, self.r
        self.add(a, RDF.type, UFG.Article)
        self.add(a, RDF.type, PROV.Entity)
        self.add(a, UFG.sourceFile, Literal(self.source))
        for key, prop in (("headline", SCHEMA.headline), ("outlet", UFG.outlet), ("content_hash", UFG.contentHash),
                          ("encoding", UFG.encoding), ("jurisdiction", UFG.jurisdiction)):
            v = _text(r.get(key))
            if v:
                self.add(a, prop, Literal(v, lang=ZH) if key == "headline" else Literal(v))
        self.add(a, UFG.published, _date(r.get("published")))
        if isinstance(r.get("damaged"), (bool, list)):
            self.add(a, UFG.damaged, Literal(bool(r.get("damaged"))))

    def meeting(self) -> URIRef | None:
        m = self.r.get("meeting") or {}
        name = _text(m.get("name"))
        if not name:
            return None
        node = iris.meeting(name, self.jur, _text(m.get("date")))
        self.claim(node, SCHEMA.Event)
        self.add(node, RDF.type, UFG.Meeting)
        self.labels(node, name)
        self.add(node, SCHEMA.name, Literal(name, lang=ZH))
        self.add(node, SCHEMA.startDate, _date(m.get("date")))
        place = _text(m.get("place"))
        if place:
            self.add(node, SCHEMA.location, Literal(place, lang=ZH))
        organiser = _text(m.get("organiser") or m.get("organizer"))
        if organiser:
            self.add(node, SCHEMA.organizer, self.body(organiser))
        note = _text(m.get("attendance_note"))
        if note:
            self.add(node, UFG.attendanceNote, Literal(note, lang=ZH))
        self.evidence(node, m.get("evidence"), name)
        return node

    def person_node(self, p: Record, meeting: URIRef | None) -> None:
        name = _text(p.get("name"))
        if not name:
            return
        node = self.person(name)
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.labels(node, name, _text(p.get("written")), person=True)
        if self.jur:
            self.add(node, UFG.jurisdiction, Literal(self.jur))
        self.evidence(node, p.get("evidence"), None)
        for post in p.get("posts") or []:
            self.occupancy(node, name, post)
        if meeting is not None:
            role_ev: dict[str, list] = {}
            for ev in p.get("role_evidence") or []:
                if isinstance(ev, dict) and ev.get("role"):
                    role_ev.setdefault(ev["role"], []).append(ev)
            for role in p.get("roles") or []:
                if isinstance(role, str) and role.strip():
                    self.participation(node, name, meeting, role.strip(), role_ev.get(role.strip()) or p.get("evidence"))

    def occupancy(self, person: URIRef, name: str, post: Record) -> None:
        title, org = _text(post.get("title")), _text(post.get("org"))
        if not title or not org:
            return
        o = self.body(org, post.get("org_as_written"))
        parent = _text(post.get("parent_org"))
        if parent and parent != org:
            self.add(o, ORG.subOrganizationOf, self.body(parent))
        t = self.concept(iris.title(title), UFG.titles, title)
        x = iris.post(org, title)
        self.add(x, RDF.type, ORG.Post)
        self.add(x, ORG.postIn, o)
        self.add(x, ORG.role, t)
        self.add(x, RDFS.label, Literal(f"{clean(org)}{title}", lang=ZH))
        self.add(person, ORG.holds, x)
        self.add(x, ORG.heldBy, person)
        occ = iris.claim(self.article, "occupancy", person, x)
        self.claim(occ, UFG.Occupancy)
        self.add(occ, UFG.holder, person)
        self.add(occ, UFG.post, x)
        self.add(occ, UFG.observedOn, self.observed)
        as_written = _text(post.get("as_written"))
        if as_written:
            self.add(occ, UFG.asWritten, Literal(as_written, lang=ZH))
        self.evidence(occ, post.get("evidence"), f"{as_written or title}{name}")

    def participation(self, person: URIRef, name: str, meeting: URIRef, role: str, ev: Any) -> None:
        english, chinese = ROLE_LABELS.get(role, (role, role))
        r = self.concept(iris.role(role), UFG.roles, chinese, english)
        node = iris.claim(self.article, "participation", person, meeting, role)
        self.claim(node, UFG.Participation)
        self.add(node, RDF.type, PROV.Association)
        self.add(node, UFG.participant, person)
        self.add(node, PROV.agent, person)
        self.add(node, UFG.meeting, meeting)
        self.add(node, PROV.hadRole, r)
        self.add(meeting, PROV.qualifiedAssociation, node)
        self.add(person, UFG.participatedIn, meeting)
        self.evidence(node, ev, f"{name}{chinese}")

    def awards(self) -> None:
        people = {han_key(_text(p.get("name")) or ""): p for p in self.r.get("people") or []}
        for aw in self.r.get("awards") or []:
            name = _text(aw.get("award") or aw.get("name"))
            if not name:
                continue
            w = iris.award(name)
            self.add(w, RDF.type, UFG.Award)
            self.labels(w, name)
            year = _year(aw.get("year"), name)
            for rec in aw.get("recipients") or []:
                rname = _text(rec if isinstance(rec, str) else (rec or {}).get("name"))
                if not rname:
                    continue
                kind = rec.get("kind") if isinstance(rec, dict) else None
                if kind == "person" or (kind is None and han_key(rname) in people):
                    who = self.person(rname)
                    self.add(who, RDF.type, FOAF.Person)
                    self.labels(who, rname, person=True)
                else:
                    who = self.body(rname)
                c = iris.claim(self.article, "conferral", who, w)
                self.claim(c, UFG.AwardConferral)
                self.add(c, UFG.recipient, who)
                self.add(c, UFG.award, w)
                self.add(c, UFG.year, year)
                for key, prop in (("conferred_by", UFG.conferredBy), ("supervised_by", UFG.supervisedBy)):
                    body = _text(aw.get(key))
                    if body:
                        self.add(c, prop, self.body(body))
                self.add(who, UFG.received, w)
                rec_ev = rec.get("evidence") if isinstance(rec, dict) else None
                self.evidence(c, rec_ev or aw.get("evidence"), f"{rname}{name}")

    def work_areas(self) -> None:
        for wa in self.r.get("work_areas") or []:
            name = _text(wa.get("name"))
            if not name:
                continue
            area = self.concept(iris.area(name), UFG.workAreas, name)
            year = _year(wa.get("year"), wa.get("heading"), name) or (_year(str(self.observed)) if self.observed else None)
            deployer = _text(wa.get("deployed_by"))
            who = self.person(deployer) if deployer else None
            if who is not None:
                self.add(who, RDF.type, FOAF.Person)
                self.labels(who, deployer, person=True)
                if self.jur:
                    self.add(who, UFG.jurisdiction, Literal(self.jur))
            heading = _text(wa.get("heading"))
            for i, task in enumerate(wa.get("tasks") or [], start=1):
                self.task(task, i, area, name, year, who, heading, wa.get("evidence"), None)

    def task(self, task: Any, order: int, area: URIRef, area_name: str, year: Literal | None, who: URIRef | None,
             heading: str | None, area_ev: Any, parent: URIRef | None, sub_ev: Any = None) -> None:
        text = _text(task if isinstance(task, str) else (task or {}).get("text"))
        if not text:
            return
        if isinstance(task, dict) and isinstance(task.get("order"), int) and task["order"] > 0:
            order = task["order"]
        node = iris.claim(self.article, "task", area_name, parent or "", order, text)
        self.claim(node, UFG.Task)
        self.add(node, RDFS.label, Literal(text, lang=ZH))
        self.add(node, UFG.workArea, area)
        self.add(node, UFG.year, year)
        self.add(node, UFG.order, Literal(order, datatype=XSD.integer))
        self.add(node, UFG.deployedBy, who)
        if heading:
            self.add(node, UFG.heading, Literal(heading, lang=ZH))
        self.add(node, UFG.subTaskOf, parent)
        self.evidence(node, task.get("evidence") if isinstance(task, dict) else sub_ev, text)
        self.evidence(node, area_ev, heading or area_name, UFG.deploymentEvidence)
        subs = task.get("subtasks") if isinstance(task, dict) else None
        sub_evs = (task.get("subtask_evidence") if isinstance(task, dict) else None) or []
        for j, sub in enumerate(subs or [], start=1):
            ev = sub_evs[j - 1] if j <= len(sub_evs) else None
            self.task(sub, j, area, area_name, year, who, heading, area_ev, node, [ev] if isinstance(ev, dict) else ev)

    def build(self) -> ArticleGraph:
        self.article_node()
        meeting = self.meeting()
        for p in self.r.get("people") or []:
            if isinstance(p, dict):
                self.person_node(p, meeting)
        self.awards()
        self.work_areas()
        warnings = tuple(str(w) for w in self.r.get("warnings") or [])
        return ArticleGraph(self.article, frozenset(self.g), self.source, warnings)


def record_to_graph(record: Record) -> ArticleGraph:
    """Map one article record to the triples of its named graph."""
    return _Builder(record).build()


def records_to_dataset(records: Iterable[Record]) -> Dataset:
    """Several records as one rdflib Dataset, one named graph each (for tests and export)."""
    ds = Dataset()
    for r in records:
        ag = record_to_graph(r)
        g = ds.graph(ag.iri)
        for t in ag.triples:
            g.add(t)
    return ds


__all__ = ["ArticleGraph", "record_to_graph", "records_to_dataset", "BNode"]
