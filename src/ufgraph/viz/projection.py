"""The store → a networkx ``MultiDiGraph`` of people, bodies, meetings, awards, work areas and tasks.

Only SPARQL SELECTs through the store abstraction (``store.query(sparql, bindings)``). No value
that comes from the user is ever pasted into a query: a searched name's key is *bound*; the date
window is compared in Python against each claim's ``?date`` (see ``_DATED``).
Queries read the union of the article graphs (the store's default graph).

Node ids are the entities' IRIs; node attributes: ``type``, ``label``, ``aka`` (other labels:
pinyin, traditional, as written), ``title`` (a readable id / details) and, for edges, ``kind``,
``label`` and ``evidence`` (``[{"article", "date", "quote"}]``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Protocol, Sequence

import networkx as nx
from rdflib import Literal

from ..errors import UfgraphError
from ..rdf.iris import readable
from ..rdf.keys import query_key

NODE_TYPES: tuple[str, ...] = ("person", "body", "meeting", "award", "area", "task")
#: Tasks are sentences: their node label is cut to this many characters.
TASK_LABEL_CHARS = 14


class Store(Protocol):
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Iterable[Any]: ...


class NoMatchError(UfgraphError):
    """``--focus NAME`` matched no node."""

    exit_code = 2


PREFIXES = """PREFIX ufg: <https://w3id.org/ufgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

ENTITIES = PREFIXES + """
SELECT ?s ?type ?label WHERE {
  VALUES (?cls ?type) { (foaf:Person "person") (org:Organization "body") (ufg:Meeting "meeting")
                        (ufg:Award "award") (ufg:Task "task") }
  ?s a ?cls .
  OPTIONAL { ?s skos:prefLabel ?pref }
  OPTIONAL { ?s rdfs:label ?rl }
  BIND(COALESCE(?pref, ?rl) AS ?label)
}"""

AREAS = PREFIXES + """
SELECT ?s ?type ?label WHERE {
  ?s skos:inScheme ufg:workAreas .
  OPTIONAL { ?s skos:prefLabel ?label }
  BIND("area" AS ?type)
}"""

ALT_LABELS = PREFIXES + """
SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt }"""

MEETING_DETAILS = PREFIXES + """
SELECT ?s ?date ?place WHERE {
  ?s a ufg:Meeting .
  OPTIONAL { ?s schema:startDate ?date }
  OPTIONAL { ?s schema:location ?place }
}"""

# The date a claim is dated by: its own observation date, else its article's meeting, else the
# article's publication date. The --since/--until window is applied to ?date in Python: engines
# apply bound values (pyoxigraph ``substitutions``, rdflib ``initBindings``) as a final join that a
# FILTER does not see, and pasting the user's dates into the query is not an option.
_DATED = """
  ?claim prov:wasDerivedFrom ?article .
  OPTIONAL { ?claim ufg:observedOn ?d1 }
  OPTIONAL { ?mt a ufg:Meeting ; prov:wasDerivedFrom ?article ; schema:startDate ?d2 }
  OPTIONAL { ?article ufg:published ?d3 }
  BIND(COALESCE(?d1, ?d2, ?d3) AS ?date)
"""

CLAIM_EDGES = PREFIXES + """
SELECT ?claim ?kind ?from ?to ?label ?date WHERE {
  {
    ?claim a ufg:Occupancy ; ufg:holder ?from ; ufg:post ?post .
    ?post org:postIn ?to .
    OPTIONAL { ?post org:role/skos:prefLabel ?label }
    BIND("holds-post-in" AS ?kind)
  } UNION {
    ?claim a ufg:Participation ; ufg:participant ?from ; ufg:meeting ?to ; prov:hadRole ?role .
    OPTIONAL { ?role rdfs:label ?en FILTER(lang(?en) = "en") }
    OPTIONAL { ?role skos:prefLabel ?zh }
    BIND(COALESCE(?en, ?zh, "attended") AS ?kind)
    BIND(?zh AS ?label)
  } UNION {
    ?claim a ufg:AwardConferral ; ufg:recipient ?from ; ufg:award ?to .
    OPTIONAL { ?claim ufg:year ?label }
    BIND("received" AS ?kind)
  } UNION {
    ?claim a ufg:Task ; ufg:deployedBy ?from .
    BIND(?claim AS ?to)
    BIND("deployed" AS ?kind)
  } UNION {
    ?claim a ufg:Task ; ufg:workArea ?from .
    FILTER NOT EXISTS { ?claim ufg:subTaskOf ?parent }
    BIND(?claim AS ?to)
    BIND("has-task" AS ?kind)
  } UNION {
    ?claim a ufg:Task ; ufg:subTaskOf ?to .
    BIND(?claim AS ?from)
    BIND("sub-task-of" AS ?kind)
  } UNION {
    ?claim a ufg:Meeting ; schema:organizer ?to .
    BIND(?claim AS ?from)
    BIND("organised-by" AS ?kind)
  } UNION {
    ?claim a ufg:AwardConferral ; ufg:award ?from ; ufg:supervisedBy|ufg:conferredBy ?to .
    BIND("conferred-by" AS ?kind)
  }
""" + _DATED + "}"

SUB_BODIES = PREFIXES + """
SELECT ?from ?to WHERE { ?from org:subOrganizationOf ?to }"""

EVIDENCE = PREFIXES + """
SELECT ?claim ?quote ?file ?headline ?published WHERE {
  ?claim ufg:evidence ?ev .
  ?ev ufg:quote ?quote .
  OPTIONAL { ?ev ufg:article ?a .
             OPTIONAL { ?a ufg:sourceFile ?file }
             OPTIONAL { ?a schema:headline ?headline }
             OPTIONAL { ?a ufg:published ?published } }
}"""

FIND_KEY = PREFIXES + """
SELECT DISTINCT ?s ?key WHERE { ?s ufg:searchKey ?key }"""


def value(row: Any, name: str) -> str | None:
    """The lexical value of ``row[name]`` for pyoxigraph solutions, rdflib rows or dicts."""
    try:
        term = row[name]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if term is None:
        return None
    if isinstance(term, str):  # rdflib terms are str subclasses; plain strings too
        return str(term)
    lexical = getattr(term, "value", None)
    return None if lexical is None else str(lexical)


def _check_date(name: str, day: str | None) -> str | None:
    """``day`` as an ISO date string (compared as text, which orders ISO dates), or None."""
    if not day:
        return None
    try:
        return datetime.date.fromisoformat(day.strip()).isoformat()
    except ValueError:
        raise UfgraphError(f"--{name}: {day!r} is not a date (YYYY-MM-DD)") from None


def in_window(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a claim dated ``date`` (``YYYY-MM-DD…``) falls in the window; undated claims
    fall in only when there is no window."""
    if not since and not until:
        return True
    if not date:
        return False
    day = date[:10]
    return (not since or day >= since) and (not until or day <= until)


@dataclass(frozen=True)
class Selection:
    """What to project: date window, node types, focus names and depth."""

    since: str | None = None
    until: str | None = None
    types: Sequence[str] | None = None
    focus: Sequence[str] = ()
    depth: int = 1


def _add_nodes(g: nx.MultiDiGraph, store: Store) -> None:
    for q in (ENTITIES, AREAS):
        for row in store.query(q, {}):
            s = value(row, "s")
            if s is None or s in g:
                continue
            label = value(row, "label") or readable(s).rsplit("/", 1)[-1]
            kind = value(row, "type")
            title = readable(s)
            if kind == "task" and len(label) > TASK_LABEL_CHARS:  # the full text goes in the tooltip
                label, title = label[: TASK_LABEL_CHARS - 1] + "…", label
            g.add_node(s, type=kind, label=label, aka=[], title=title)
    for row in store.query(ALT_LABELS, {}):
        s, alt = value(row, "s"), value(row, "alt")
        if s in g and alt and alt != g.nodes[s]["label"] and alt not in g.nodes[s]["aka"]:
            g.nodes[s]["aka"].append(alt)
    for row in store.query(MEETING_DETAILS, {}):
        s = value(row, "s")
        if s in g:
            details = " · ".join(v for v in (value(row, "date"), value(row, "place")) if v)
            if details:
                g.nodes[s]["title"] = details


def _evidence(store: Store) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for row in store.query(EVIDENCE, {}):
        claim = value(row, "claim")
        if claim is None:
            continue
        out.setdefault(claim, []).append({
            "article": value(row, "headline") or value(row, "file") or "",
            "date": value(row, "published") or "",
            "quote": value(row, "quote") or "",
        })
    return out


def project_all(store: Store, since: str | None = None, until: str | None = None) -> nx.MultiDiGraph:
    """Every entity and relation in the store (claims dated within ``since``..``until``)."""
    since, until = _check_date("since", since), _check_date("until", until)
    g = nx.MultiDiGraph()
    _add_nodes(g, store)
    evidence = _evidence(store)
    seen: set[tuple[str, str, str, str]] = set()
    touched: set[str] = set()
    for row in store.query(CLAIM_EDGES, {}):
        claim, kind, u, v = (value(row, k) for k in ("claim", "kind", "from", "to"))
        date = value(row, "date") or ""
        if not (claim and kind and u in g and v in g) or (claim, kind, u, v) in seen or not in_window(date, since, until):
            continue
        seen.add((claim, kind, u, v))
        label = value(row, "label") or ""
        ev = [dict(e, date=e["date"] or date) for e in evidence.get(claim, [])]
        g.add_edge(u, v, kind=kind, label=label, evidence=ev, claim=claim, date=date)
        touched.update((u, v))
    for row in store.query(SUB_BODIES, {}):
        u, v = value(row, "from"), value(row, "to")
        if u in g and v in g and u != v and not g.has_edge(u, v, key="sub-body-of"):
            g.add_edge(u, v, key="sub-body-of", kind="sub-body-of", label="", evidence=[])
    if since or until:  # a date window keeps only what its dated claims touch (and their parent bodies)
        keep = set(touched)
        for u, v, kind in g.edges(data="kind"):
            if kind == "sub-body-of" and u in keep:
                keep.add(v)
        g = g.subgraph(keep).copy()
    for node, attrs in g.nodes(data=True):  # evidence on the node itself, for its tooltip
        attrs["evidence"] = evidence.get(node, [])
    return g


def find_nodes(store: Store, g: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes named ``name``: exact search-key match (simplified, traditional or pinyin, bound in
    the query), else a case-insensitive substring of a label or alternative label."""
    key = query_key(name)
    hits = [s for row in store.query(FIND_KEY, {"key": Literal(key)}) if (s := value(row, "s")) in g] if key else []
    if hits:
        return sorted(set(hits))
    needle = name.strip().lower()
    return sorted(n for n, a in g.nodes(data=True)
                  if needle and any(needle in str(t).lower() for t in (a.get("label"), *a.get("aka", []))))


def project(store: Store, selection: Selection = Selection()) -> nx.MultiDiGraph:
    """The graph to draw or rank: :func:`project_all`, then ``types``, then the ego graph of the
    ``focus`` names to ``depth`` hops (edges read both ways)."""
    g = project_all(store, selection.since, selection.until)
    if selection.types:
        unknown = set(selection.types) - set(NODE_TYPES)
        if unknown:
            raise UfgraphError(f"--types: unknown {', '.join(sorted(unknown))} (choose from {', '.join(NODE_TYPES)})")
        g = g.subgraph([n for n, t in g.nodes(data="type") if t in selection.types]).copy()
    if selection.focus:
        centres: list[str] = []
        for name in selection.focus:
            found = find_nodes(store, g, name)
            if not found:
                raise NoMatchError(f"--focus: nothing in the graph is called {name!r}")
            centres.extend(found)
        und = g.to_undirected(as_view=True)
        keep: set[str] = set()
        for c in centres:
            keep.update(nx.single_source_shortest_path_length(und, c, cutoff=max(0, selection.depth)))
        g = g.subgraph(keep).copy()
        for c in centres:
            g.nodes[c]["focus"] = True
    return g
