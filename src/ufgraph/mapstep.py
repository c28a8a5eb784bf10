"""Extraction as a stateless map step: articles in, N-Quads of their named graphs out.

Each article becomes the lines of ONE named graph (the article's IRI), built by the same
record → RDF mapping as ``ufgraph ingest`` (:func:`ufgraph.rdf.mapping.record_to_graph`), so a
cluster engine (Spark, Dask, Ray) can run extraction over millions of files in parallel and the
concatenated output bulk-loads into any quad store (``oxigraph load``, ``tdb2.tdbloader``,
Virtuoso's ``ld_dir``) with the same content an ingest would have written. Nothing here keeps
state between articles; the functions are safe to ship to workers (plain bytes/str in and out).

    ufgraph extract --format nquads articles/*.txt > part-0000.nq

or, in Python (e.g. ``rdd.map(lambda kv: nquads_of_bytes(*kv))`` over ``sc.binaryFiles``)::

    from ufgraph.mapstep import nquads_of_bytes
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .rdf.mapping import ArticleGraph, record_to_graph
from .rdf.iris import NAMES_GRAPH
from .rdf.nt import iri


def graph_nquads(ag: ArticleGraph) -> str:
    """The N-Quads lines (newline-terminated) of one article's named graph, then of its share of
    the names graph, each sorted for stable output. Terms are written and escaped by
    :mod:`ufgraph.rdf.nt`, as for ``ingest``. Articles share names: the same names-graph line
    comes once per article that needs it, and a quad store keeps it once."""
    g, n = iri(str(ag.iri)), iri(NAMES_GRAPH)
    return "".join(sorted(f"{s} {p} {o} {g} .\n" for s, p, o in ag.triples)) + \
        "".join(sorted(f"{s} {p} {o} {n} .\n" for s, p, o in ag.names))


def record_nquads(record: Mapping[str, Any]) -> str:
    """One extracted record (``ArticleRecord.to_dict()``) → N-Quads of its named graph."""
    return graph_nquads(record_to_graph(record))


def records_to_nquads(records: Iterable[Mapping[str, Any]]) -> str:
    """Several records → their N-Quads, one graph after the other (the ``extract`` formatter)."""
    return "".join(record_nquads(r) for r in records).rstrip("\n")


def nquads_of_bytes(name: str, data: bytes) -> str:
    """One article's raw bytes (any supported encoding) → N-Quads. Raises the extractor's
    :class:`ufgraph.errors.InputError` for an unreadable article."""
    from .extract import extract

    return record_nquads(extract(data, name).to_dict())


def nquads_of_file(path: str) -> str:
    """One article file → N-Quads (``source`` is the path as given, as in ``ingest``)."""
    from .extract import extract_file

    return record_nquads(extract_file(path).to_dict())


__all__ = ["graph_nquads", "record_nquads", "records_to_nquads", "nquads_of_bytes", "nquads_of_file"]
