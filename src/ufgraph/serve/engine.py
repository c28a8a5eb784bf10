"""Read-only query execution for ``ufgraph serve``: a time limit, a row limit, a bound on
concurrent queries, and an embedded store that is opened read-only and reopened when an ingest
has changed it.

**Read-only, twice.** Every SPARQL text is checked with :func:`ufgraph.store.base.is_update` and
refused; and only query APIs are ever called (pyoxigraph's ``Store.query`` rejects update syntax
itself). The embedded store is opened with ``read_only=True`` (RocksDB read-only: no lock taken,
so ``ufgraph ingest`` can keep writing); a read-only handle sees the store as it was when opened,
so the engine reopens it when the store folder changed (checked at most every
``refresh_seconds``) or when a read fails (a file compacted away under it).

**Time limit.** A query runs in a worker thread (pyoxigraph releases the GIL while it evaluates)
and the request gives up after ``timeout`` seconds with :class:`TimeLimit`. Oxigraph cannot
cancel a query from Python, so the thread runs on to completion; at most ``max_concurrent``
queries run at once and further requests get :class:`Busy` instead of piling up.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

import pyoxigraph as ox

from ..errors import QueryError, StoreError, UfgraphError
from ..store import open_store
from ..store.base import PREFIXES, Store, is_update, query_form
from ..store.embedded import EmbeddedStore

T = TypeVar("T")


class TimeLimit(UfgraphError):
    """The query ran over the server's time limit."""


class Busy(UfgraphError):
    """Every query slot is taken."""


class UpdateRefused(QueryError):
    """A SPARQL update was sent to the read-only endpoint."""


@dataclass
class Answer:
    """``kind`` is ``select``, ``ask`` or ``graph``; rows are lists of pyoxigraph terms."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    triples: list[Any] = field(default_factory=list)
    boolean: bool = False
    truncated: bool = False


def _signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the files in the store folder: changes when an ingest writes."""
    out: list[tuple[str, int, int]] = []
    try:
        with os.scandir(path) as it:
            for entry in it:
                if entry.is_file():
                    st = entry.stat()
                    out.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(out))


class Engine:
    """Runs read-only queries against the store named by ``spec`` under the server's limits."""

    def __init__(self, spec: str | None, *, timeout: float = 30.0, max_rows: int = 10_000,
                 max_concurrent: int = 4, refresh_seconds: float = 1.0):
        self.timeout = timeout
        self.max_rows = max_rows
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._store: Store = open_store(spec, read_only=True, must_exist=True)
        self.spec = self._store.spec
        self._path = getattr(self._store, "path", None) if isinstance(self._store, EmbeddedStore) else None
        self._sig = _signature(self._path) if self._path else ()
        self._checked = time.monotonic()
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._pool = cf.ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="ufgraph-query")

    # -- the store ---------------------------------------------------------------------------
    def store(self) -> Store:
        """The store, reopened first if an embedded store changed on disk since it was opened."""
        if self._path is None:
            return self._store
        now = time.monotonic()
        if now - self._checked >= self.refresh_seconds:
            with self._lock:
                self._checked = now
                sig = _signature(self._path)
                if sig != self._sig:
                    self._reopen(sig)
        return self._store

    def _reopen(self, sig: tuple | None = None) -> None:
        old = self._store
        self._store = EmbeddedStore(self._path, read_only=True, must_exist=True)
        self._sig = sig if sig is not None else _signature(self._path)  # type: ignore[arg-type]
        del old  # closing it could break a query still running on it; it goes when unreferenced

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._store.close()

    # -- limits ------------------------------------------------------------------------------
    def limited(self, fn: Callable[[Store], T]) -> T:
        """``fn(store)`` in a worker thread, within the time limit (one retry on a fresh handle if
        the embedded store failed under an ingest)."""
        if not self._slots.acquire(timeout=min(self.timeout, 5.0)):
            raise Busy("the server is busy (every query slot is taken); try again shortly")

        def task() -> T:
            try:
                try:
                    return fn(self.store())
                except StoreError:
                    if self._path is None:
                        raise
                    with self._lock:
                        self._reopen()
                    return fn(self._store)
            finally:
                self._slots.release()

        future = self._pool.submit(task)
        try:
            return future.result(timeout=self.timeout)
        except cf.TimeoutError:
            raise TimeLimit(f"the query ran over the time limit of {self.timeout:g} s") from None

    # -- SPARQL ------------------------------------------------------------------------------
    def sparql(self, text: str) -> Answer:
        if is_update(text):
            raise UpdateRefused("this endpoint is read-only: SPARQL updates are refused")
        return self.limited(lambda st: self._evaluate(st, text))

    def _evaluate(self, st: Store, text: str) -> Answer:
        if isinstance(st, EmbeddedStore):
            try:
                res = st.ox.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
            except SyntaxError as exc:
                raise QueryError(f"bad SPARQL: {exc}") from None
            except OSError as exc:
                raise StoreError(f"query failed on {st.spec}: {exc}") from None
        elif hasattr(st, "query_terms"):
            res = st.query_terms(text)
        else:  # pragma: no cover - every backend so far is one of the two
            raise StoreError(f"ufgraph serve cannot serve a {type(st).__name__}")
        if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
            return Answer("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows: list[list[Any]] = []
            for sol in res:
                if len(rows) >= self.max_rows:
                    return Answer("select", names, rows, truncated=True)
                rows.append([sol[n] for n in names])
            return Answer("select", names, rows)
        triples: list[Any] = []
        for t in res:
            if len(triples) >= self.max_rows:
                return Answer("graph", triples=triples, truncated=True)
            triples.append(t)
        return Answer("graph", triples=triples)

    @staticmethod
    def form(text: str) -> str:
        return query_form(text)


__all__ = ["Engine", "Answer", "TimeLimit", "Busy", "UpdateRefused"]
