"""An extracted article record (the dict of ``ArticleRecord.to_json()``, or a gold file) → the
triples of ONE named graph, the article's.

Every claim is an n-ary node (``ufg:Occupancy``, ``ufg:Participation``, ``ufg:AwardConferral``,
``ufg:Task``, the meeting) that carries ``prov:wasDerivedFrom`` the article and ``ufg:evidence``
nodes (quote + raw offsets + article). Shortcut triples (``org:holds``/``org:heldBy``,
``ufg:participatedIn``, ``ufg:received``) sit beside them so that simple queries stay simple.

What follows from a node's IRI alone — its class, label, romanisation and search keys, a post's
body and title, a person's jurisdiction — goes to the shared names graph
(:data:`~ufgraph.rdf.iris.NAMES_GRAPH`) rather than into the article's; what the article wrote a
name as (alternative labels and their keys) stays in the article's.

Records are read defensively: every evidence and extra field is optional (the gold files have
none). A claim whose record carries no evidence gets a quote-only evidence node built from the
text the record itself gives (the post as written, the task text…), without offsets; SHACL
reports those as warnings, not violations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Iterable, Mapping

from rdflib import Dataset, Graph, URIRef

from ..normalise.script import has_traditional, simplify
from . import iris
from .keys import clean, han_key, keys_for, pinyin_name, pinyin_text
from .nt import XSD_DATE, XSD_GYEAR, NTriple, Terms, boolean, integer, iri, lines, literal, to_graph, typed
from .vocab import FOAF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, UFG

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

# The vocabulary as N-Triples IRIs (see :mod:`ufgraph.rdf.nt`).
T_FOAF, T_ORG, T_PROV, T_RDF, T_RDFS, T_SCHEMA, T_SKOS, T_UFG = map(Terms, (FOAF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, UFG))

_PREFIXES = (("ufg", UFG._NS), ("org", ORG), ("foaf", FOAF), ("schema", SCHEMA), ("prov", PROV),
             ("skos", SKOS), ("ufgid", iris.ID_BASE))


@dataclass(frozen=True)
class ArticleGraph:
    """The triples of one article: ``triples`` for its own named graph ``iri``, and ``names``
    for the shared names graph (:data:`NAMES_GRAPH`).

    Both are plain sets of triples in N-Triples syntax (:mod:`ufgraph.rdf.nt`): what the writers
    send on as text, with no term objects built. ``ntriples``/``names_ntriples`` are that text;
    ``graph`` parses both into one rdflib ``Graph`` on demand (tests, SHACL, Turtle output): the
    article's whole description, wherever each triple is stored. To store an article, use
    :func:`ufgraph.ingest.write` (or ``Store.load_graphs``), which puts each part in its graph:
    the named queries look for names in the names graph."""

    iri: URIRef
    triples: frozenset[NTriple]
    source: str
    warnings: tuple[str, ...] = ()
    names: frozenset[NTriple] = frozenset()

    def __len__(self) -> int:
        return len(self.triples)

    @cached_property
    def ntriples(self) -> str:
        """The article graph as N-Triples text, one line per triple."""
        return lines(self.triples)

    @cached_property
    def names_ntriples(self) -> str:
        """The article's share of the names graph as N-Triples text."""
        return lines(self.names)

    @cached_property
    def nt(self) -> bytes:
        """The article graph as N-Triples, UTF-8: what the writer sends to the store."""
        return self.ntriples.encode("utf-8")

    @cached_property
    def names_nt(self) -> bytes:
        """The article's share of the names graph as N-Triples, UTF-8."""
        return self.names_ntriples.encode("utf-8")

    @cached_property
    def graph(self) -> Graph:
        g = Graph()
        for prefix, ns in _PREFIXES:
            g.bind(prefix, ns, override=True)
        return to_graph(self.ntriples + self.names_ntriples, g)

    def dataset(self) -> Dataset:
        """The article graph and its share of the names graph, as stored."""
        ds = Dataset()
        for prefix, ns in _PREFIXES:
            ds.bind(prefix, ns)
        to_graph(self.ntriples, ds.graph(self.iri))
        to_graph(self.names_ntriples, ds.graph(URIRef(iris.NAMES_GRAPH)))
        return ds


def _date_text(value: Any) -> str | None:
    if isinstance(value, str) and _DATE.match(value.strip()):
        return value.strip()
    return None


def _date(value: Any) -> str | None:
    text = _date_text(value)
    return typed(text, XSD_DATE) if text else None


def _year(*values: Any) -> str | None:
    for v in values:
        if isinstance(v, int) and 1900 <= v <= 2100:
            return typed(str(v), XSD_GYEAR)
        if isinstance(v, str):
            if re.fullmatch(r"\d{4}", v.strip()):
                return typed(v.strip(), XSD_GYEAR)
            if _DATE.match(v.strip()):
                return typed(v.strip()[:4], XSD_GYEAR)
            m = _YEAR.search(v)
            if m:
                return typed(m.group(1), XSD_GYEAR)
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and clean(value):
        return clean(value)
    return None


@lru_cache(maxsize=200_000)
def _node(*parts: str | None) -> str:
    """The N-Triples IRI of a named thing: ``_node("org", name)`` (see :func:`iris.path`)."""
    return iri(iris.path(*parts))


def _form(name: str, person: bool) -> str:
    return han_key(name) if person else simplify(clean(name))


@lru_cache(maxsize=65536)
def _written_pairs(name: str, alts: tuple[str | None, ...], person: bool) -> tuple[tuple[str, str], ...]:
    """The (predicate, literal) pairs of a name that belong in the article's graph: what the
    article wrote it as (alternative labels, and their search keys). Cached: the same bodies,
    titles and people recur across thousands of articles."""
    form = _form(name, person)
    out = []
    written = [a for a in alts if a and len(clean(a)) >= 2]
    for alt in written:
        alt = _text(alt)
        if alt and alt != form:
            lang = "zh-Hant" if has_traditional(alt) else "zh"
            out.append((T_SKOS.altLabel, literal(alt, lang if alt != han_key(alt) else ZH)))
    if written:
        for key in sorted(keys_for(*written, person=person) - keys_for(form, person=person)):
            out.append((T_UFG.searchKey, literal(key)))
    return tuple(out)


@lru_cache(maxsize=65536)
def _name_aids(name: str, person: bool, concept: bool = False) -> tuple[tuple[str, str], ...]:
    """The (predicate, literal) pairs that follow from a name alone — its label (and a SKOS
    concept's ``skos:prefLabel``), romanisation and search keys — which go to the names graph
    (:data:`NAMES_GRAPH`), once per store."""
    form = _form(name, person)
    out = [(T_RDFS.label, literal(form, ZH))]
    if concept:
        out.append((T_SKOS.prefLabel, literal(form, ZH)))
    romanised = pinyin_name(form) if person else pinyin_text(form)
    if romanised:
        out.append((T_SKOS.altLabel, literal(romanised, PINYIN)))
    for key in sorted(keys_for(form, person=person)):
        out.append((T_UFG.searchKey, literal(key)))
    return tuple(out)


class _Builder:
    """Accumulates the triples (N-Triples strings) of one article."""

    def __init__(self, record: Record):
        self.r = record
        self.g: set[NTriple] = set()
        self.n: set[NTriple] = set()  # the names graph's share
        self.jur = _text(record.get("jurisdiction"))
        self.source = _text(record.get("source")) or "<unknown>"
        self.article_iri = iris.article_path(_text(record.get("content_hash")), self.source)
        self.article = iri(self.article_iri)
        meeting = record.get("meeting") or {}
        self.observed_on = _date_text(meeting.get("date")) or _date_text(record.get("published"))
        self.observed = typed(self.observed_on, XSD_DATE) if self.observed_on else None
        self.people: dict[str, str] = {}
        self.evidence_nodes: dict[tuple[Any, Any, Any], str] = {}

    # -- helpers -----------------------------------------------------------------------------
    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def labels(self, node: str, name: str, *alts: str | None, person: bool = False, concept: bool = False) -> None:
        g, n = self.g, self.n
        if alts:
            for p, o in _written_pairs(name, alts, person):
                g.add((node, p, o))
        for p, o in _name_aids(name, person, concept):
            n.add((node, p, o))

    def kind(self, node: str, cls: str) -> None:
        """The class of a shared thing (a person, body, post, concept, award): names graph."""
        self.n.add((node, T_RDF.type, cls))

    def claim_node(self, kind: str, *parts: object) -> str:
        """The IRI of a claim node, from a digest of what it links (names, and IRIs *bare*)."""
        return iri(iris.claim_path(self.article_iri, kind, *parts))

    def evidence(self, claim: str, items: Any, fallback: str | None, prop: str = T_UFG.evidence) -> None:
        """Link ``claim`` to each evidence object in ``items`` (or a quote-only one)."""
        found = False
        g = self.g
        for ev in items if isinstance(items, list) else [items] if isinstance(items, dict) else []:
            if not isinstance(ev, dict):
                continue
            start, end, quote = ev.get("raw_start"), ev.get("raw_end"), ev.get("quote")
            ok = isinstance(start, int) and isinstance(end, int)
            key = (start, end, quote) if ok else (None, None, quote)
            node = self.evidence_nodes.get(key)
            if node is None:
                if not _text(quote):
                    continue
                node = self.evidence_node(start if ok else None, end if ok else None, quote, _text(quote))
                self.evidence_nodes[key] = node
            g.add((claim, prop, node))
            found = True
        if not found and fallback:
            g.add((claim, prop, self.evidence_node(None, None, fallback, fallback)))

    def evidence_node(self, start: int | None, end: int | None, quote: str, key: str) -> str:
        """An evidence node: the quote, its raw offsets when known, and the article (its IRI is
        made from the offsets, or from ``key`` when there are none)."""
        node = iri(iris.evidence_path(self.article_iri, start, end, key))
        g = self.g
        g.add((node, T_RDF.type, T_UFG.Evidence))
        g.add((node, T_UFG.quote, literal(quote)))
        if start is not None and end is not None:
            g.add((node, T_UFG.rawStart, integer(start)))
            g.add((node, T_UFG.rawEnd, integer(end)))
        g.add((node, T_UFG.article, self.article))
        return node

    def claim(self, node: str, cls: str) -> None:
        self.add(node, T_RDF.type, cls)
        self.add(node, T_PROV.wasDerivedFrom, self.article)

    def body(self, name: str, *as_written: str | None) -> str:
        node = _node("org", name)
        self.kind(node, T_ORG.Organization)
        self.labels(node, name, *as_written)
        return node

    def person(self, name: str) -> str:
        key = han_key(name)
        if key not in self.people:
            self.people[key] = _node("person", self.jur, key)
        return self.people[key]

    def concept(self, node: str, scheme: str, name: str, english: str | None = None) -> str:
        self.kind(node, T_SKOS.Concept)
        self.n.add((node, T_SKOS.inScheme, scheme))
        self.labels(node, name, concept=True)
        if english:
            self.n.add((node, T_RDFS.label, literal(english, "en")))
        return node

    # -- the parts of a record ---------------------------------------------------------------
    def article_node(self) -> None:
        a, r = self.article, self.r
        self.add(a, T_RDF.type, T_UFG.Article)
        self.add(a, T_RDF.type, T_PROV.Entity)
        self.add(a, T_UFG.sourceFile, literal(self.source))
        for key, prop in (("headline", T_SCHEMA.headline), ("outlet", T_UFG.outlet),
                          ("content_hash", T_UFG.contentHash), ("encoding", T_UFG.encoding),
                          ("jurisdiction", T_UFG.jurisdiction)):
            v = _text(r.get(key))
            if v:
                self.add(a, prop, literal(v, ZH if key == "headline" else None))
        self.add(a, T_UFG.published, _date(r.get("published")))
        if isinstance(r.get("damaged"), (bool, list)):
            self.add(a, T_UFG.damaged, boolean(bool(r.get("damaged"))))

    def meeting(self) -> str | None:
        m = self.r.get("meeting") or {}
        name = _text(m.get("name"))
        if not name:
            return None
        node = _node("meeting", self.jur, name, _text(m.get("date")))
        self.claim(node, T_SCHEMA.Event)
        self.add(node, T_RDF.type, T_UFG.Meeting)
        self.labels(node, name)
        self.add(node, T_SCHEMA.name, literal(name, ZH))
        self.add(node, T_SCHEMA.startDate, _date(m.get("date")))
        place = _text(m.get("place"))
        if place:
            self.add(node, T_SCHEMA.location, literal(place, ZH))
        organiser = _text(m.get("organiser") or m.get("organizer"))
        if organiser:
            self.add(node, T_SCHEMA.organizer, self.body(organiser))
        note = _text(m.get("attendance_note"))
        if note:
            self.add(node, T_UFG.attendanceNote, literal(note, ZH))
        self.evidence(node, m.get("evidence"), name)
        return node

    def person_node(self, p: Record, meeting: str | None) -> None:
        name = _text(p.get("name"))
        if not name:
            return
        node = self.person(name)
        self.kind(node, T_FOAF.Person)
        self.add(node, T_PROV.wasDerivedFrom, self.article)
        self.labels(node, name, _text(p.get("written")), person=True)
        if self.jur:
            self.n.add((node, T_UFG.jurisdiction, literal(self.jur)))
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

    def occupancy(self, person: str, name: str, post: Record) -> None:
        title, org = _text(post.get("title")), _text(post.get("org"))
        if not title or not org:
            return
        o = self.body(org, post.get("org_as_written"))
        parent = _text(post.get("parent_org"))
        if parent and parent != org:
            self.add(o, T_ORG.subOrganizationOf, self.body(parent))
        t = self.concept(_node("title", title), T_UFG.titles, title)
        x = _node("post", org, title)
        self.kind(x, T_ORG.Post)
        self.n.add((x, T_ORG.postIn, o))
        self.n.add((x, T_ORG.role, t))
        self.n.add((x, T_RDFS.label, literal(f"{org}{title}", ZH)))
        self.add(person, T_ORG.holds, x)
        self.add(x, T_ORG.heldBy, person)
        occ = self.claim_node("occupancy", person[1:-1], x[1:-1])
        self.claim(occ, T_UFG.Occupancy)
        self.add(occ, T_UFG.holder, person)
        self.add(occ, T_UFG.post, x)
        self.add(occ, T_UFG.observedOn, self.observed)
        as_written = _text(post.get("as_written"))
        if as_written:
            self.add(occ, T_UFG.asWritten, literal(as_written, ZH))
        self.evidence(occ, post.get("evidence"), f"{as_written or title}{name}")

    def participation(self, person: str, name: str, meeting: str, role: str, ev: Any) -> None:
        english, chinese = ROLE_LABELS.get(role, (role, role))
        r = self.concept(_node("role", role), T_UFG.roles, chinese, english)
        node = self.claim_node("participation", person[1:-1], meeting[1:-1], role)
        self.claim(node, T_UFG.Participation)
        self.add(node, T_RDF.type, T_PROV.Association)
        self.add(node, T_UFG.participant, person)
        self.add(node, T_PROV.agent, person)
        self.add(node, T_UFG.meeting, meeting)
        self.add(node, T_PROV.hadRole, r)
        self.add(meeting, T_PROV.qualifiedAssociation, node)
        self.add(person, T_UFG.participatedIn, meeting)
        self.evidence(node, ev, f"{name}{chinese}")

    def awards(self) -> None:
        people = {han_key(_text(p.get("name")) or ""): p for p in self.r.get("people") or []}
        for aw in self.r.get("awards") or []:
            name = _text(aw.get("award") or aw.get("name"))
            if not name:
                continue
            w = _node("award", name)
            self.kind(w, T_UFG.Award)
            self.labels(w, name)
            year = _year(aw.get("year"), name)
            for rec in aw.get("recipients") or []:
                rname = _text(rec if isinstance(rec, str) else (rec or {}).get("name"))
                if not rname:
                    continue
                kind = rec.get("kind") if isinstance(rec, dict) else None
                if kind == "person" or (kind is None and han_key(rname) in people):
                    who = self.person(rname)
                    self.kind(who, T_FOAF.Person)
                    self.labels(who, rname, person=True)
                else:
                    who = self.body(rname)
                c = self.claim_node("conferral", who[1:-1], w[1:-1])
                self.claim(c, T_UFG.AwardConferral)
                self.add(c, T_UFG.recipient, who)
                self.add(c, T_UFG.award, w)
                self.add(c, T_UFG.year, year)
                for key, prop in (("conferred_by", T_UFG.conferredBy), ("supervised_by", T_UFG.supervisedBy)):
                    body = _text(aw.get(key))
                    if body:
                        self.add(c, prop, self.body(body))
                self.add(who, T_UFG.received, w)
                rec_ev = rec.get("evidence") if isinstance(rec, dict) else None
                self.evidence(c, rec_ev or aw.get("evidence"), f"{rname}{name}")

    def work_areas(self) -> None:
        for wa in self.r.get("work_areas") or []:
            name = _text(wa.get("name"))
            if not name:
                continue
            area = self.concept(_node("area", name), T_UFG.workAreas, name)
            year = _year(wa.get("year"), wa.get("heading"), name) or _year(self.observed_on)
            deployer = _text(wa.get("deployed_by"))
            who = self.person(deployer) if deployer else None
            if who is not None:
                self.kind(who, T_FOAF.Person)
                self.labels(who, deployer, person=True)
                if self.jur:
                    self.n.add((who, T_UFG.jurisdiction, literal(self.jur)))
            heading = _text(wa.get("heading"))
            for i, task in enumerate(wa.get("tasks") or [], start=1):
                self.task(task, i, area, name, year, who, heading, wa.get("evidence"), None)

    def task(self, task: Any, order: int, area: str, area_name: str, year: str | None, who: str | None,
             heading: str | None, area_ev: Any, parent: str | None, sub_ev: Any = None) -> None:
        text = _text(task if isinstance(task, str) else (task or {}).get("text"))
        if not text:
            return
        if isinstance(task, dict) and isinstance(task.get("order"), int) and task["order"] > 0:
            order = task["order"]
        node = self.claim_node("task", area_name, parent[1:-1] if parent else "", order, text)
        self.claim(node, T_UFG.Task)
        self.add(node, T_RDFS.label, literal(text, ZH))
        self.add(node, T_UFG.workArea, area)
        self.add(node, T_UFG.year, year)
        self.add(node, T_UFG.order, integer(order))
        self.add(node, T_UFG.deployedBy, who)
        if heading:
            self.add(node, T_UFG.heading, literal(heading, ZH))
        self.add(node, T_UFG.subTaskOf, parent)
        self.evidence(node, task.get("evidence") if isinstance(task, dict) else sub_ev, text)
        self.evidence(node, area_ev, heading or area_name, T_UFG.deploymentEvidence)
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
        return ArticleGraph(URIRef(self.article_iri), frozenset(self.g), self.source, warnings, frozenset(self.n - self.g))


def record_to_graph(record: Record) -> ArticleGraph:
    """Map one article record to the triples of its named graph."""
    return _Builder(record).build()


def records_to_dataset(records: Iterable[Record]) -> Dataset:
    """Several records as one rdflib Dataset, one named graph each (for tests and export)."""
    ds = Dataset()
    names = ds.graph(URIRef(iris.NAMES_GRAPH))
    for r in records:
        ag = record_to_graph(r)
        to_graph(ag.ntriples, ds.graph(ag.iri))
        to_graph(ag.names_ntriples, names)
    return ds


__all__ = ["ArticleGraph", "record_to_graph", "records_to_dataset"]
