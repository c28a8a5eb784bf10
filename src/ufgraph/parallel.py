"""Parallel ingest: worker processes read, normalise, extract and map articles to RDF
(:func:`ufgraph.ingest.build`); the calling process stays the single writer.

:func:`imap_build` yields ``(path, built)`` in input order, exactly what the sequential loop of
:func:`ufgraph.ingest.ingest` gets from ``build(path)``, so ``ingest --jobs N`` writes the same
graphs and reports the same per-file results and errors as ``--jobs 1``.

A built graph crosses the process boundary as a :class:`Built`: its N-Triples (UTF-8 ``bytes``,
which pickle as fast as memory copies) — exactly what the writer hands to
:meth:`ufgraph.store.base.Store.load_graphs`, so the writer does no term work at all. Each worker
also leaves out the names-graph lines it has already sent: the single writer is the bottleneck,
so whatever the workers can do, they do. Workers
are started with ``forkserver`` where available (clean processes, the extraction modules
preloaded once), else ``spawn``; never plain ``fork`` of a process that may hold an open RocksDB
store and a progress-bar thread.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from rdflib import URIRef

from .ingest import Extractor, FileResult, build
from .rdf.nt import NTriple, lines

#: Paths handed to a worker at a time (amortises the inter-process round trip).
CHUNKSIZE = 8


@dataclass(frozen=True)
class Built:
    """An article's graph as built in a worker: the duck type of ``ArticleGraph`` that
    :func:`ufgraph.ingest.write` needs (``iri``, ``nt``, ``names_nt``, ``source``,
    ``warnings``, ``len``)."""

    iri: URIRef
    nt: bytes
    names_nt: bytes
    triples: int
    source: str
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return self.triples


def build_portable(path: str, extractor: Extractor | None = None, sent: set[NTriple] | None = None) -> Built | FileResult:
    """:func:`build` one path, as a :class:`Built` (cheap to pickle and to write). Names-graph
    triples in ``sent`` are left out, and those sent now are added to it."""
    built = build(path, extractor)
    if isinstance(built, FileResult):
        return built
    names = built.names_nt
    if sent is not None:
        if len(sent) > _SENT_MAX:
            sent.clear()
        new = built.names - sent
        sent |= new
        names = lines(new).encode("utf-8")
    return Built(URIRef(str(built.iri)), built.nt, names, len(built), built.source, tuple(built.warnings))


#: Names-graph triples this worker has sent. Safe to leave out later: the writer writes results in
#: input order, and a failed write ends the run (a new run starts with new workers).
_SENT: set[NTriple] = set()
_SENT_MAX = 1_000_000


def _work(args: tuple[str, Extractor | None]) -> Built | FileResult:
    path, extractor = args
    return build_portable(path, extractor, _SENT)


def _start_worker() -> None:
    """Load the gazetteer and grammars once, then keep the garbage collector off them: freeze what
    exists (tables that live as long as the worker) and collect the young generation less often —
    a worker makes tens of thousands of short-lived tuples per article, and the default threshold
    (700) ran a collection every few sentences."""
    import gc

    from .extract import extract

    try:
        extract("标题\n本报讯 昨天，会议召开。", "<warm-up>")
    except Exception:  # noqa: BLE001 - a warm-up only; the first real article reports any error
        pass
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)


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
    with _context().Pool(jobs, initializer=_start_worker) as pool:
        results = pool.imap(_work, ((p, extractor) for p in todo), chunksize=chunk)
        for path, built in zip(todo, results):
            yield path, built


__all__ = ["imap_build", "build_portable", "Built", "default_jobs", "CHUNKSIZE"]
