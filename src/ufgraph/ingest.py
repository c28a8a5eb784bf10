"""The ingest pipeline as a library: paths → read → normalise → extract → RDF → store.

Two halves, kept apart so that extraction can later run in worker processes with one writer:

* :func:`build` (pure, picklable arguments and result): one path → an :class:`ArticleGraph`
  (or an error). Reads, normalises and extracts through :mod:`ufgraph.extract`, then maps.
* :func:`write` (the single writer): batches of built graphs → ``store.load_graphs``.

:func:`ingest` runs both in this process. A file that fails (unreadable, undecodable, an
extraction error) is recorded with its reason and the other files go on.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .errors import InputError, UfgraphError
from .rdf.mapping import ArticleGraph, record_to_graph
from .store.base import Store

SUFFIXES = (".txt", ".html", ".htm")
BATCH = 128

Extractor = Callable[[str, bytes], Mapping[str, Any]]


@dataclass
class FileResult:
    source: str
    ok: bool
    triples: int = 0
    graph: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: the traceback of a failure, shown by ``ufgraph --debug ingest`` (not in :meth:`as_dict`)
    trace: str | None = field(default=None, repr=False, compare=False)


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)
    store_triples: int | None = None

    @property
    def ok(self) -> list[FileResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok]

    @property
    def triples(self) -> int:
        return sum(r.triples for r in self.ok)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": len(self.ok), "failed": len(self.failed), "triples": self.triples,
            "store_triples": self.store_triples,
            "files": [{k: v for k, v in r.__dict__.items() if k != "trace"} for r in self.results],
        }


def expand(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files named, and ``*.txt|*.html|*.htm`` under directories (recursively, sorted, hidden
    names and symlinked folders skipped); ``-`` is stdin. A path that cannot be read is yielded
    as is so that reading it reports the error: a missing path, a folder that cannot be listed
    (permission denied), and under a folder an article-named entry that is no regular file (a
    broken or looping symlink, a FIFO)."""
    for p in paths:
        s = str(p)
        if s == "-":
            yield s
            continue
        path = Path(s)
        if path.is_dir():
            yield from sorted(_walk(path))
        else:
            yield s


def _walk(folder: Path) -> Iterator[str]:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:  # not silently skipped (as Path.rglob does): reading it says why
        yield str(folder)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(Path(entry.path))
                continue
            if entry.is_dir():  # a symlink to a folder: not followed (no loops)
                continue
        except OSError:
            pass  # a looping symlink: reported below if it is named like an article
        if Path(entry.name).suffix.lower() in SUFFIXES:
            yield entry.path


def default_extractor(name: str, data: bytes) -> Mapping[str, Any]:
    """Run the project's extractor (:func:`ufgraph.extract.extract`) on one article's bytes."""
    from .extract import extract

    return _as_dict(extract(data, name))


def _as_dict(record: Any) -> Mapping[str, Any]:
    if isinstance(record, Mapping):
        return record
    for attr in ("to_dict", "to_json"):
        fn = getattr(record, attr, None)
        if fn is not None:
            out = fn()
            if isinstance(out, str):
                import json

                out = json.loads(out)
            return out
    raise TypeError(f"extractor returned {type(record).__name__}, not a record")


def build(path: str, extractor: Extractor | None = None) -> ArticleGraph | FileResult:
    """One file → its graph, or a failed :class:`FileResult` with the reason (never raises for a
    bad file)."""
    from .io import read_source

    name = "<stdin>" if path == "-" else path
    try:
        name, data = read_source(path)
        record = (extractor or default_extractor)(name, data)
        if not record.get("source"):
            record = {**record, "source": name}
        if not record.get("content_hash"):
            import hashlib

            record = {**record, "content_hash": hashlib.sha256(data).hexdigest()}
        return record_to_graph(record)
    except UfgraphError as exc:
        reason = exc.reason if isinstance(exc, InputError) else str(exc)
        return FileResult(name, False, error=reason, trace=traceback.format_exc())
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return FileResult(name, False, error=f"{type(exc).__name__}: {exc}", trace=traceback.format_exc())


class NamesSeen:
    """The names-graph triples already written by this writer, so that each goes to the store
    once per run rather than once per article (most recur: the same bodies, titles and people).
    Bounded: when full it forgets, and a forgotten triple is merely written again (adding a
    triple the graph holds changes nothing)."""

    def __init__(self, limit: int = 1_000_000):
        self.limit = limit
        self.lines: set[bytes] = set()

    def new(self, graphs: Iterable[Any]) -> tuple[bytes, set[bytes]]:
        """The not-yet-written N-Triples lines of ``graphs``' names, joined, and as a set to
        :meth:`add` once they are written."""
        fresh: set[bytes] = set()
        seen = self.lines
        for ag in graphs:
            for line in ag.names_nt.splitlines(keepends=True):
                if line not in seen:
                    fresh.add(line)
        return b"".join(fresh), fresh

    def add(self, lines: set[bytes]) -> None:
        if len(self.lines) + len(lines) > self.limit:
            self.lines.clear()
        self.lines |= lines


def write(store: Store, graphs: list[ArticleGraph], seen: NamesSeen | None = None) -> list[FileResult]:
    """Write built graphs (the single writer). Each article's graph is replaced, never added to;
    its names are added to the names graph (those in ``seen`` are skipped). The graphs go as
    the N-Triples the mapping wrote (:meth:`Store.load_graphs`): nothing is converted here."""
    seen = seen if seen is not None else NamesSeen()
    names, fresh = seen.new(graphs)
    store.load_graphs([(str(ag.iri), ag.nt) for ag in graphs], names)
    seen.add(fresh)
    return [FileResult(ag.source, True, len(ag), str(ag.iri), warnings=list(ag.warnings))
            for ag in graphs]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    on_read: Callable[[str], None] | None = None,
    batch: int = BATCH,
    jobs: int = 1,
) -> IngestSummary:
    """Ingest ``paths`` into ``store``; returns what went in and what failed, with reasons.
    ``on_read(path)`` is called as each file has been read and extracted (progress), ``on_file``
    with each file's result once it is written (or has failed). ``jobs > 1``: build in that many
    worker processes (:mod:`ufgraph.parallel`); this process stays the one writer, same results."""
    summary = IngestSummary()
    pending: list[ArticleGraph] = []
    seen = NamesSeen()

    def flush() -> None:
        if not pending:
            return
        for res in write(store, pending, seen):
            summary.results.append(res)
            if on_file:
                on_file(res)
        pending.clear()

    if jobs > 1:
        from .parallel import imap_build

        built_all: Iterable[tuple[str, Any]] = imap_build(expand(paths), extractor, jobs)
    else:
        built_all = ((path, build(path, extractor)) for path in expand(paths))
    for path, built in built_all:
        if on_read:
            on_read(path)
        if isinstance(built, FileResult):
            summary.results.append(built)
            if on_file:
                on_file(built)
            continue
        pending.append(built)
        if len(pending) >= batch:
            flush()
    flush()
    summary.store_triples = store.triple_count()
    return summary


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many files :func:`ingest` will read (for a progress bar)."""
    return sum(1 for _ in expand(paths))


__all__ = ["ingest", "build", "write", "expand", "count_inputs", "IngestSummary", "FileResult", "SUFFIXES"]
