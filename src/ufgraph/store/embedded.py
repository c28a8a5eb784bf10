"""The embedded store: pyoxigraph's RocksDB-backed ``Store(path)``, or ``Store()`` in memory.

**Atomic replace.** Each article's graph is replaced in one transaction: a graph not yet in the
store is added with ``extend`` (transactional); an existing one is replaced by ONE SPARQL update
``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``, which Oxigraph applies all or
nothing. Re-ingesting therefore replaces and never duplicates, and a crash leaves either the old
graph or the new one. Ingest's :meth:`load_graphs` (and :meth:`replace_graphs` for term triples)
writes the *new* graphs of a batch with one bulk load — much faster and a far smaller store on
disk (see BENCHMARKS.md), but not transactional: a crash in the middle can leave a partial new
graph, which the next ingest of that file replaces whole (it then exists, so it goes through the
transactional path).

**Store in use.** RocksDB takes an exclusive lock file (``LOCK``) in the store folder; a second
``Store(path)`` — from another process or this one — fails with an ``OSError`` naming the lock,
which becomes :class:`StoreInUseError`. ``Store.read_only`` takes no lock, and Oxigraph documents
reading while another process writes as undefined behaviour, so read commands open the store
read-write too (taking the lock for the few milliseconds of a lookup) unless a caller asks for
``read_only=True`` explicitly.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Graph

from ..errors import QueryError, StoreError, StoreInUseError
from ..rdf.iris import NAMES_GRAPH
from ..rdf.nt import iri as nt_iri, trig
from .base import EXPORT_FORMATS, PREFIXES, QueryResult, Store, Triple, bind, from_ox, to_quads, to_rdflib


def _lock_error(exc: OSError) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("unavailable" in text or "hold" in text or "lock file" in text or "no locks" in text)


class EmbeddedStore(Store):
    """Oxigraph in this process: persistent in ``path``, or in memory when ``path`` is None."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, must_exist: bool = False):
        self.path = Path(path) if path is not None else None
        self.spec = str(path) if path is not None else "memory"
        self.read_only = read_only
        if self.path is None:
            self._store: ox.Store | None = ox.Store()
            return
        if (must_exist or read_only) and not (self.path / "CURRENT").exists():
            raise StoreError(f"no store at {self.path} (run `ufgraph ingest` first, or give --store)")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"cannot open store {self.path}: not a directory")
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            if _lock_error(exc):
                raise StoreInUseError(
                    f"store in use: {self.path} is open in another process (an ingest still running?); "
                    "wait for it to finish, or use another --store"
                ) from None
            raise StoreError(f"cannot open store {self.path}: {exc}") from None
        if not read_only:
            self._remove_bulk_leftovers()

    def _remove_bulk_leftovers(self) -> None:
        """Delete the bulk loader's temporary ``bulk-*.sst`` files that a process killed in the
        middle of :meth:`replace_graphs` left behind (RocksDB never took them in, so they hold
        nothing of the store, only disk space). Safe: we hold the store's lock, no one else loads."""
        assert self.path is not None
        for leftover in self.path.glob("bulk-*.sst"):
            if leftover.name[5:-4].isdigit():
                try:
                    leftover.unlink()
                except OSError:
                    pass

    # -- internals -------------------------------------------------------------------------------
    @property
    def ox(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.spec} is closed")
        return self._store

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"store {self.spec} was opened read-only")
        return self.ox

    def _run(self, sparql: str, bindings: Mapping[str, Any] | None) -> Any:
        try:
            return self.ox.query(bind(sparql, bindings), use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"bad SPARQL: {exc}") from None
        except OSError as exc:
            raise StoreError(f"query failed on {self.spec}: {exc}") from None

    # -- writing ---------------------------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> int:
        store = self._writable()
        quads = list(to_quads(graph_iri, triples))
        g = ox.NamedNode(str(graph_iri))
        try:
            if not store.contains_named_graph(g):
                store.extend(quads)  # one transaction
                if not quads:
                    store.add_graph(g)
            else:
                body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                store.update(f"DROP SILENT GRAPH {g} ; INSERT DATA {{ GRAPH {g} {{ {body} }} }}")
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph_iri} to {self.spec}: {exc}") from None
        return len(quads)

    def replace_graphs(self, items: Iterable[tuple[str, Sequence[Triple]]], bulk: bool = True) -> int:
        store = self._writable()
        latest: dict[str, Sequence[Triple]] = {}
        for iri, triples in items:  # the same article twice in one batch: the last one wins
            latest[str(iri)] = triples
        fresh = [iri for iri in latest if not store.contains_named_graph(ox.NamedNode(iri))]
        written = 0
        if bulk and self.path is not None and len(fresh) > 1:
            quads = [q for iri in fresh for q in to_quads(iri, latest[iri])]
            try:
                store.bulk_extend(quads)
            except OSError as exc:
                raise StoreError(f"cannot write to {self.spec}: {exc}") from None
            written += len(quads)
            for iri in fresh:
                del latest[iri]
        for iri, triples in latest.items():
            written += self.replace_graph(iri, triples)
        return written

    def load_graphs(self, items: Sequence[tuple[str, bytes]], names: bytes = b"") -> int:
        """:meth:`Store.load_graphs`: the graphs not yet in the store go in with ONE ``bulk_load``
        of a TriG document — each graph's N-Triples inside its graph block, and the names — (as
        in :meth:`replace_graphs`, the fastest way in and not transactional); a graph that exists
        is replaced by one atomic update (which also carries the names when there was no bulk
        load)."""
        store = self._writable()
        latest: dict[str, bytes] = {}
        for iri, data in items:  # the same article twice in one batch: the last one wins
            latest[str(iri)] = data
        fresh = [iri for iri in latest if not store.contains_named_graph(ox.NamedNode(iri))]
        written = 0
        if self.path is not None and len(fresh) > 1:
            blocks = [trig(iri, latest[iri]) for iri in fresh]
            if names:
                blocks.append(trig(NAMES_GRAPH, names))
            try:
                # lenient: skips re-validating IRIs that ufgraph.rdf.nt checked when it wrote them
                store.bulk_load(b"".join(blocks), format=ox.RdfFormat.TRIG, lenient=True)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot write to {self.spec}: {exc}") from None
            for iri in fresh:
                written += latest.pop(iri).count(b"\n")
            names = b""
        names_text = names.decode("utf-8")
        names_g = nt_iri(NAMES_GRAPH)
        for iri, data in latest.items():
            g = nt_iri(iri)
            text = data.decode("utf-8")
            extra = f" GRAPH {names_g} {{ {names_text} }}" if names_text else ""
            try:
                store.update(f"DROP SILENT GRAPH {g} ; INSERT DATA {{ GRAPH {g} {{ {text} }}{extra} }}")
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot write graph {iri} to {self.spec}: {exc}") from None
            if not text.strip():
                store.add_graph(ox.NamedNode(iri))
            written += text.count("\n")
            names_text = ""
        if names_text.strip():
            try:
                store.load(names, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(NAMES_GRAPH))
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot write to {self.spec}: {exc}") from None
        return written

    def remove_graph(self, graph_iri: str) -> None:
        store = self._writable()
        g = ox.NamedNode(str(graph_iri))
        if store.contains_named_graph(g):
            store.remove_graph(g)

    def update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"bad SPARQL update: {exc}") from None
        except OSError as exc:
            raise StoreError(f"update failed on {self.spec}: {exc}") from None

    # -- reading ---------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        res = self._run(sparql, bindings)
        if isinstance(res, bool):
            return QueryResult(boolean=res)
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = [{n: from_ox(sol[n]) for n in names} for sol in res]
            return QueryResult(variables=names, rows=rows)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(boolean=bool(res))
        raise QueryError("this query builds a graph (CONSTRUCT/DESCRIBE); use it with `export`-style output")

    def construct(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Graph:
        res = self._run(sparql, bindings)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in res:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def export(self, fmt: str = "trig", output: BinaryIO | None = None) -> bytes | None:
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            return self.ox.dump(output, format=rdf_format, prefixes=PREFIXES) if rdf_format != ox.RdfFormat.N_QUADS \
                else self.ox.dump(output, format=rdf_format)
        union = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        kwargs: dict[str, Any] = {"prefixes": PREFIXES} if rdf_format == ox.RdfFormat.TURTLE else {}
        return ox.serialize(union, output, format=rdf_format, **kwargs)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode) and g.value != NAMES_GRAPH)

    def triple_count(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        if self._store is not None:
            if not self.read_only and self.path is not None:
                try:
                    self._store.flush()
                except OSError:
                    pass
            self._store = None
            gc.collect()  # drop any result iterator still holding the RocksDB lock
