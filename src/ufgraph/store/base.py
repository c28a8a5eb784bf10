"""What every store backend offers (embedded Oxigraph now; a remote SPARQL endpoint next), the
query result type, and the two pieces every backend shares: turning rdflib terms into pyoxigraph
terms, and binding parameters into a query as a ``VALUES`` block of serialised RDF terms.

Parameters are *bound*, never pasted: a value becomes an RDF term object (``Literal``,
``NamedNode``) and is written by the RDF library's own N-Triples serialiser, which escapes it; the
variable names are checked against a strict pattern. The ``VALUES`` block is placed first in each
``WHERE`` group (the outermost and every sub-SELECT's), so that ``FILTER(!BOUND(?p) || …)`` sees
it — a parameter left out is simply unbound (a wildcard). (pyoxigraph's own ``substitutions``
would also do, but only for projected variables.) This works the same on any SPARQL 1.1 server.
"""

from __future__ import annotations

import itertools
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, BinaryIO, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError
from ..rdf.iris import NAMES_GRAPH

Triple = tuple[Node, Node, Node]
Value = Any  # str | int | float | bool | None
Binding = "str | int | float | bool | URIRef | Literal | ox.NamedNode | ox.Literal"

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}

PREFIXES = {
    "ufg": "https://w3id.org/ufgraph/ns#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_VALUES_ROWS = 10_000
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_UPDATE = re.compile(
    r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE
)


@dataclass
class QueryResult:
    """Rows of a SELECT (``variables`` and one dict per row, values as plain Python), or the
    answer of an ASK (``boolean``)."""

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Value]] = field(default_factory=list)
    boolean: bool | None = None

    def __iter__(self) -> Iterator[dict[str, Value]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Value]:
        return [r.get(name) for r in self.rows]


# -- terms -----------------------------------------------------------------------------------
@lru_cache(maxsize=200_000)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def to_ox(term: Node | Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term (or a plain Python value) as a pyoxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        try:
            return _named(str(term))
        except ValueError as exc:
            raise QueryError(f"bad IRI {str(term)!r}: {exc}") from None
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_named(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool):
        return ox.Literal("true" if term else "false", datatype=_named(_XSD + "boolean"))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=_named(_XSD + "integer"))
    if isinstance(term, float):
        return ox.Literal(repr(term), datatype=_named(_XSD + "double"))
    if isinstance(term, str):
        return ox.Literal(term)
    raise QueryError(f"cannot bind a value of type {type(term).__name__}")


def to_quads(graph_iri: str, triples: Iterable[Triple]) -> Iterator[ox.Quad]:
    g = _named(str(graph_iri))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)


def parse_ntriples(text: str) -> list[tuple[Any, Any, Any]]:
    """N-Triples text → triples of pyoxigraph terms."""
    try:
        return [(t.subject, t.predicate, t.object)
                for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as exc:
        raise QueryError(f"bad N-Triples: {exc}") from None


def from_ox(term: Any) -> Value:
    """A pyoxigraph term as plain Python: IRIs and most literals as ``str``, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in (_XSD + "integer", _XSD + "int", _XSD + "long"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt == _XSD + "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def to_rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"unsupported term {term!r}")


# -- binding -----------------------------------------------------------------------------------
def _mask_comments(sparql: str) -> str:
    """Blank out ``#`` comments (outside IRIs and strings) so keywords in them are not found."""
    out, i, n = [], 0, len(sparql)
    in_iri = in_str = None
    while i < n:
        c = sparql[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(sparql[i + 1])
                i += 2
                continue
            if c == in_str:
                in_str = None
        elif in_iri:
            out.append(c)
            if c == ">":
                in_iri = None
        elif c in "\"'":
            in_str = c
            out.append(c)
        elif c == "<" and i + 1 < n and not sparql[i + 1].isspace() and sparql[i + 1] not in "=":
            in_iri = True
            out.append(c)
        elif c == "#":
            j = sparql.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


_PROLOGUE = re.compile(r"\b(?:PREFIX\s+[^\s:]*:\s*<[^<>]*>|BASE\s*<[^<>]*>)", re.IGNORECASE)


def _body(sparql: str) -> str:
    """The query without comments, each prologue declaration on a line of its own removed, so
    that the operation's keyword starts a line even after ``PREFIX … DELETE`` on one line."""
    return _PROLOGUE.sub("\n", _mask_comments(sparql))


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is an update (INSERT, DELETE, DROP, LOAD…) rather than a query."""
    return bool(_UPDATE.search(_body(sparql)))


def query_form(sparql: str) -> str:
    """``select``, ``ask``, ``construct``, ``describe`` or ``update``."""
    masked = _body(sparql)
    if _UPDATE.search(masked):
        return "update"
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked, re.IGNORECASE)
    return m.group(1).lower() if m else "select"


def bind(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """Return ``sparql`` with ``bindings`` as a ``VALUES`` block opening each ``WHERE`` group —
    a list (or tuple/set) value gives one row per element (the alternatives of that parameter);
    the outermost one and every sub-SELECT's, so that a parameter means the same value everywhere
    (a sub-SELECT does not otherwise see the outer query's variables)."""
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise QueryError(f"bad parameter name {name!r}: letters, digits and _ only")
    columns = [list(v) if isinstance(v, (list, tuple, set, frozenset)) else [v] for v in (bindings[n] for n in names)]
    rows = [" ".join(str(to_ox(v)) for v in combo) for combo in itertools.product(*columns)]
    if len(rows) > MAX_VALUES_ROWS:
        raise QueryError(f"too many parameter values ({len(rows)}; at most {MAX_VALUES_ROWS})")
    block = " ".join(f"({r})" for r in rows)
    values = " VALUES (" + " ".join("?" + n for n in names) + ") { " + block + " } "
    masked = _mask_comments(sparql)
    ends = [m.end() for m in re.finditer(r"\bWHERE\s*\{", masked, re.IGNORECASE)]
    if not ends:  # SELECT * { … } and ASK { … } may leave out the keyword
        m = re.search(r"\b(?:SELECT|ASK)\b[^{]*\{", masked, re.IGNORECASE)
        if m is None:
            raise QueryError("cannot bind parameters: the query has no WHERE { … } group")
        ends = [m.end()]
    out, last = [], 0
    for at in ends:
        out += [sparql[last:at], values]
        last = at
    out.append(sparql[last:])
    return "".join(out)


# -- the protocol -------------------------------------------------------------------------------
class Store(ABC):
    """A place to keep the graph: one named graph per article; queries see their union."""

    spec: str = ""
    read_only: bool = False

    # writing
    @abstractmethod
    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> int:
        """Atomically make named graph ``graph_iri`` hold exactly ``triples``; return their count."""

    def replace_graphs(self, items: Iterable[tuple[str, Sequence[Triple]]]) -> int:
        """Replace several graphs (a backend may batch them); return the triples written."""
        return sum(self.replace_graph(iri, triples) for iri, triples in items)

    def load_graphs(self, items: Sequence[tuple[str, bytes]], names: bytes = b"") -> int:
        """Replace each named graph ``iri`` with the triples of its N-Triples (UTF-8 bytes, as
        made by :mod:`ufgraph.rdf.nt`: the ingest write path, whose terms are already written and
        escaped, so a backend can send them on as they are), and add the triples of ``names`` to
        the names graph (:data:`ufgraph.rdf.iris.NAMES_GRAPH`; only ever added to: what it holds
        follows from the IRIs alone). Same guarantees as :meth:`replace_graphs`; returns the
        triples written to the article graphs."""
        written = self.replace_graphs([(iri, parse_ntriples(data.decode("utf-8"))) for iri, data in items])
        if names.strip():
            self.update(f"INSERT DATA {{ GRAPH <{NAMES_GRAPH}> {{ {names.decode('utf-8')} }} }}")
        return written

    @abstractmethod
    def remove_graph(self, graph_iri: str) -> None: ...

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update (only on explicit request: ``query --allow-update``)."""

    # reading
    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """SELECT or ASK over the union of all graphs, with ``bindings`` bound (never pasted)."""

    @abstractmethod
    def construct(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Graph:
        """CONSTRUCT or DESCRIBE over the union of all graphs, as an rdflib Graph."""

    @abstractmethod
    def export(self, fmt: str = "trig", output: BinaryIO | None = None) -> bytes | None:
        """Serialise the store (``turtle`` is the union graph; the others keep named graphs)."""

    @abstractmethod
    def graphs(self) -> list[str]: ...

    @abstractmethod
    def triple_count(self) -> int: ...

    def stats(self) -> dict[str, int]:
        """Counts of triples, graphs and the main kinds of thing."""
        counts = {"triples": self.triple_count(), "graphs": len(self.graphs())}
        res = self.query(STATS_QUERY)
        row = res.rows[0] if res.rows else {}
        for key in ("people", "bodies", "posts", "meetings", "awards", "tasks", "articles", "occupancies"):
            counts[key] = int(row.get(key) or 0)
        return counts

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store (for the embedded store: its lock)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


STATS_QUERY = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX ufg: <https://w3id.org/ufgraph/ns#>
SELECT ?people ?bodies ?posts ?meetings ?awards ?tasks ?articles ?occupancies WHERE {
  { SELECT (COUNT(DISTINCT ?p) AS ?people) WHERE { ?p a foaf:Person } }
  { SELECT (COUNT(DISTINCT ?b) AS ?bodies) WHERE { ?b a org:Organization } }
  { SELECT (COUNT(DISTINCT ?x) AS ?posts) WHERE { ?x a org:Post } }
  { SELECT (COUNT(DISTINCT ?m) AS ?meetings) WHERE { ?m a schema:Event } }
  { SELECT (COUNT(DISTINCT ?w) AS ?awards) WHERE { ?w a ufg:Award } }
  { SELECT (COUNT(DISTINCT ?t) AS ?tasks) WHERE { ?t a ufg:Task } }
  { SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a ufg:Article } }
  { SELECT (COUNT(DISTINCT ?o) AS ?occupancies) WHERE { ?o a ufg:Occupancy } }
}
"""
