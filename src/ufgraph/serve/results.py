"""SPARQL results and graphs as bytes, chosen by content negotiation.

SELECT/ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV; CONSTRUCT/DESCRIBE: Turtle (the
default), N-Triples, RDF/XML or JSON-LD through pyoxigraph's serialisers. Rows are lists of
pyoxigraph terms (``None`` for unbound), already cut to the server's row limit.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..store.base import PREFIXES

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: result kind → {format name: media type}; the first is the default.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_ALIASES = {  # other media types clients send, and the short names of ?format= / ?output=
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
    "text/plain": "ntriples", "application/x-turtle": "turtle", "text/n3": "turtle",
    "text": "tsv", "n-triples": "ntriples", "nt": "ntriples", "ttl": "turtle", "rdf+xml": "rdfxml",
}


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float, int]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime = fields[0].lower()
        if not mime:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((mime, q, i))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(m, q) for m, q, _ in out if q > 0]


def negotiate(kind: str, accept: str | None, format_param: str | None = None) -> str | None:
    """The format name for a ``kind`` ("results" or "graph") answer, or ``None`` (406)."""
    table = RESULT_TYPES if kind == "results" else GRAPH_TYPES
    if format_param:
        name = format_param.strip().lower()
        if kind == "graph" and name in ("xml", "rdf"):
            name = "rdfxml"
        if kind == "graph" and name == "json":
            name = "jsonld"
        name = _ALIASES.get(name, name)
        for fmt, mime in table.items():
            if name in (fmt, mime):
                return fmt
    if not accept:
        return next(iter(table))
    by_mime = {mime: fmt for fmt, mime in table.items()}
    for mime, _ in _parse_accept(accept):
        if mime in by_mime:
            return by_mime[mime]
        alias = _ALIASES.get(mime)
        if alias in table:
            return alias
        if mime in ("*/*", "application/*", "text/*"):
            if mime == "text/*":
                return "turtle" if kind == "graph" else "csv"
            return next(iter(table))
    return None


# -- SELECT / ASK --------------------------------------------------------------------------------
def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # RDF-star triple terms: as text


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def select_bytes(fmt: str, variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_csv_value(t) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
    parts.append("</head>\n<results>")
    for row in rows:
        parts.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                          for v, t in zip(variables, row) if t is not None) + "</result>")
    parts.append("</results>\n</sparql>\n")
    return "\n".join(parts).encode("utf-8")


def ask_bytes(fmt: str, value: bool) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{text}</boolean></sparql>\n").encode("utf-8")
    return (text + "\n").encode("utf-8")


# -- CONSTRUCT / DESCRIBE ------------------------------------------------------------------------
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
}


def graph_bytes(fmt: str, triples: Sequence[Any]) -> bytes:
    rdf_format = _RDF_FORMATS[fmt]
    kwargs: dict[str, Any] = {"prefixes": PREFIXES} if rdf_format == ox.RdfFormat.TURTLE else {}
    return ox.serialize(triples, format=rdf_format, **kwargs) or b""


def media_type(fmt: str) -> str:
    mime = RESULT_TYPES.get(fmt) or GRAPH_TYPES[fmt]
    return mime + "; charset=utf-8"


__all__ = ["negotiate", "select_bytes", "ask_bytes", "graph_bytes", "media_type", "RESULT_TYPES", "GRAPH_TYPES"]
