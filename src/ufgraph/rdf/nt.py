"""RDF terms as their N-Triples text: the working representation of the mapping and the write path.

An article's graph is built as a set of ``(subject, predicate, object)`` strings, each already in
N-Triples syntax (``<iri>``, ``"text"@zh-Hans``, ``"12"^^<…#integer>``). That text is what every
writer wants in the end — Oxigraph's bulk loader reads it inside TriG graph blocks, a SPARQL
server takes the same triples inside ``INSERT DATA`` or as an N-Triples Graph Store PUT — so
nothing is converted from one library's term objects to another's on the way (that conversion,
and building rdflib terms, cost more than the whole extraction; see BENCHMARKS.md "Scale: ingest
and remote").

**Escaping is the safety of this module.** A literal's text is escaped here and nowhere else:
``\\``, ``"``, line feed and carriage return — exactly the characters that N-Triples' and SPARQL's
double-quoted strings forbid raw — so no text from an article can end a literal, start a line or
inject a triple. IRIs are checked against the characters IRIREF forbids; every IRI the mapping
makes is percent-encoded (:mod:`ufgraph.rdf.iris`), so the check only ever fails on a bug.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from rdflib import Graph, Namespace
from rdflib.namespace import XSD

from ..errors import UfgraphError

NTriple = tuple[str, str, str]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class TermError(UfgraphError):
    """A value that cannot be written as an RDF term (a bug in the mapping, never user input)."""


@lru_cache(maxsize=200_000)
def iri(value: str) -> str:
    """``<value>``, after checking that ``value`` has none of the characters an IRIREF forbids."""
    if not value or _BAD_IRI.search(value):
        raise TermError(f"not a writable IRI: {value!r}")
    return f"<{value}>"


def escape(text: str) -> str:
    """The body of an N-Triples / SPARQL double-quoted string for ``text``."""
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def literal(text: str, lang: str | None = None) -> str:
    """A plain literal (``xsd:string``), or a language-tagged one."""
    return f'"{escape(text)}"@{lang}' if lang else f'"{escape(text)}"'


def typed(text: str, datatype: str) -> str:
    """A literal of ``datatype`` (an N-Triples IRI such as :data:`XSD_DATE`)."""
    return f'"{escape(text)}"^^{datatype}'


XSD_DATE = iri(str(XSD.date))
XSD_GYEAR = iri(str(XSD.gYear))
XSD_INTEGER = iri(str(XSD.integer))
XSD_BOOLEAN = iri(str(XSD.boolean))


def integer(value: int) -> str:
    return typed(str(int(value)), XSD_INTEGER)


def boolean(value: bool) -> str:
    return typed("true" if value else "false", XSD_BOOLEAN)


class Terms:
    """A namespace whose attributes are N-Triples IRIs: ``Terms(UFG).evidence`` is
    ``"<https://w3id.org/ufgraph/ns#evidence>"``. Names are looked up in the wrapped namespace (so
    a :class:`~rdflib.namespace.DefinedNamespace` still refuses unknown terms) once, then cached
    as a plain attribute."""

    def __init__(self, namespace: Namespace | Any):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = iri(str(getattr(self._namespace, name)))
        setattr(self, name, value)
        return value


def lines(triples: Iterable[NTriple]) -> str:
    """N-Triples text, one line per triple (newline-terminated)."""
    return "".join([f"{s} {p} {o} .\n" for s, p, o in triples])


def trig(graph: str, ntriples: bytes) -> bytes:
    """One TriG graph block, ``<graph> { … }``, around N-Triples (UTF-8) as made by :func:`lines`:
    every N-Triples line is a valid TriG triple (same IRIs, literals and escapes), so a whole
    batch of graphs becomes one document for a bulk loader without touching a line — and without
    repeating the graph's IRI on every line, as N-Quads would."""
    return b"%s {\n%s}\n" % (iri(graph).encode("utf-8"), ntriples)


def to_graph(ntriples: str, graph: Graph | None = None) -> Graph:
    """Parse N-Triples text into an rdflib graph (for tests, SHACL and Turtle output), with
    rdflib's own parser — an independent check of the escaping above."""
    g = graph if graph is not None else Graph()
    g.parse(data=ntriples, format="nt")
    return g


__all__ = ["NTriple", "Terms", "TermError", "iri", "literal", "typed", "integer", "boolean", "escape", "lines",
           "trig", "to_graph", "XSD_DATE", "XSD_GYEAR", "XSD_INTEGER", "XSD_BOOLEAN"]
