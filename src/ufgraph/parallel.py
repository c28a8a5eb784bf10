"""Parallel ingest: worker processes read, normalise, extract and map articles to RDF
(:func:`ufgraph.ingest.build`); the calling process stays the single writer.

:func:`imap_build` yields ``(path, built)`` in input order, exactly what the sequential loop of
:func:`ufgraph.ingest.ingest` gets from ``build(path)``, so ``ingest --jobs N`` writes the same
graphs and reports the same per-file results and errors as ``--jobs 1``.

A built graph crosses the process boundary as a :class:`Built`: its triples already converted to
pyoxigraph terms in the worker (``store.base.to_ox``), which pickle compactly and which the
stores take as they are — the conversion (a large share of the writer's time otherwise) runs in
the workers too. Workers are started with ``forkserver`` where available (clean processes, the
extraction modules preloaded once), else ``spawn``; never plain ``fork`` of a process that may
hold an open RocksDB store and a progress-bar thread.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from rdflib import Literal, URIRef

from .ingest import Extractor, FileResult, build
from .store.base import to_ox

#: Paths handed to a worker at a time (amortises the inter-process round trip).
CHUNKSIZE = 8


@dataclass(frozen=True)
class Built:
    """An article's graph as built in a worker: the duck type of ``ArticleGraph`` that
    :func:`ufgraph.ingest.write` needs (``iri``, ``triples`` — here a list of triples of
    pyoxigraph terms —, ``source``, ``warnings``)."""

    iri: URIRef
    triples: list[tuple[Any, Any, Any]]
    source: str
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.triples)


#: rdflib term → pyoxigraph term, per process: articles share most of their IRIs and many
#: literals, and the conversion is otherwise a large cost next to the mapping (≈5× faster).
_TERMS: dict[Any, Any] = {}
_TERMS_MAX = 300_000


def to_ox_cached(term: Any) -> Any:
    """:func:`ufgraph.store.base.to_ox` with a bounded per-process memo."""
    key = (term, term.language, term.datatype) if isinstance(term, Literal) else term
    found = _TERMS.get(key)
    if found is None:
        if len(_TERMS) >= _TERMS_MAX:
            _TERMS.clear()
        found = _TERMS[key] = to_ox(term)
    return found


def build_portable(path: str, extractor: Extractor | None = None) -> Built | FileResult:
    """:func:`build` one path, with its triples as pyoxigraph terms (picklable, cheap to write)."""
    built = build(path, extractor)
    if isinstance(built, FileResult):
        return built
    triples = [(to_ox_cached(s), to_ox_cached(p), to_ox_cached(o)) for s, p, o in built.triples]
    return Built(URIRef(str(built.iri)), triples, built.source, tuple(built.warnings))


def _work(args: tuple[str, Extractor | None]) -> Built | FileResult:
    path, extractor = args
    return build_portable(path, extractor)


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["ufgraph.parallel", "ufgraph.extract", "ufgraph.rdf.mapping"])
        return ctx
    return mp.get_context("spawn")


def default_jobs() -> int:
    """``os.cpu_count()`` (at least 1)."""
    return max(1, os.cpu_count() or 1)


def imap_build(paths: Iterable[str], extractor: Extractor | None = None, jobs: int = 2) -> Iterator[tuple[str, Any]]:
    """``(path, build(path))`` for each path, in order, built by ``jobs`` worker processes.
    With ``jobs <= 1`` everything runs here (no processes)."""
    if jobs <= 1:
        for path in paths:
            yield path, build(path, extractor)
        return
    todo = list(paths)
    if not todo:
        return
    jobs = min(jobs, len(todo))
    chunk = max(1, min(CHUNKSIZE, len(todo) // (jobs * 4) or 1))
    with _context().Pool(jobs) as pool:
        results = pool.imap(_work, ((p, extractor) for p in todo), chunksize=chunk)
        for path, built in zip(todo, results):
            yield path, built


__all__ = ["imap_build", "build_portable", "to_ox_cached", "Built", "default_jobs", "CHUNKSIZE"]
