"""Faults: an ingest killed with SIGKILL half-way, two writers at once, a remote endpoint that
fails. Real subprocesses; nothing here asserts how long anything takes.

Remote endpoints are mostly covered in ``tests/test_remote_store.py`` (down: one clear line;
slow: times out, not repeated; HTTP 500: retried then a clear error; a connection cut in the middle
of a graph replace leaves the old graph whole on a real Oxigraph server). Added here: the same
failures seen through ``ufgraph ingest`` — one line, exit code 3, no traceback.
"""

from __future__ import annotations

import glob
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from ufgraph.cli import app

from _stub_endpoint import stub  # noqa: F401  (a pytest fixture)
from ufgraph.ingest import BATCH, ingest
from ufgraph.rdf.iris import NAMES_GRAPH
from ufgraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
UFGRAPH = str(Path(sys.executable).parent / "ufgraph")
N = BATCH * 4  # several write batches (BATCH), so a kill can land after the first with more to come


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(N), str(out), "--seed", "1", "--quiet"],
                   check=True, timeout=300)
    return out / "articles"


@pytest.fixture(scope="module")
def clean(corpus: Path) -> dict[str, set]:
    """Each article's graph from a clean, uninterrupted ingest of the same files."""
    with open_store("memory") as st:
        summary = ingest([str(corpus)], st)
        assert len(summary.ok) == N and not summary.failed
        return by_graph(st.ox)


def by_graph(store: ox.Store) -> dict[str, set]:
    graphs: dict[str, set] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        graphs[q.graph_name.value].add((q.subject, q.predicate, q.object))
    return dict(graphs)


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def wait_for(what, proc: subprocess.Popen, timeout: float = 300) -> None:
    end = time.monotonic() + timeout  # only a guard against hanging, not an assertion on speed
    while not what():
        assert proc.poll() is None, "the ingest finished before the fault could be injected"
        assert time.monotonic() < end, "gave up waiting"
        time.sleep(0.01)


def numbered_ssts(store: Path) -> int:
    return len(glob.glob(str(store / "[0-9]*.sst")))


def bulk_files(store: Path) -> int:
    return len(glob.glob(str(store / "bulk-*.sst")))


# Where the kill lands: while the bulk loader writes the first batch's files (before RocksDB takes
# them in), or after the first batch is in the store (RocksDB has taken in the loader's files as
# numbered SST files beyond the one made on open) and the next is being extracted.
KILL_POINTS = {
    "during-bulk-load": lambda store: bulk_files(store) > 0,
    "after-first-batch": lambda store: numbered_ssts(store) >= 2 and bulk_files(store) == 0,
}


@pytest.mark.parametrize("when", list(KILL_POINTS))
def test_sigkill_mid_ingest_keeps_written_graphs_whole_and_a_rerun_completes(tmp_path: Path, corpus: Path, clean,
                                                                             when: str) -> None:
    store = tmp_path / "store"
    first = subprocess.Popen([UFGRAPH, "ingest", str(corpus), "--store", str(store)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: (store / "CURRENT").exists(), first)
        if when == "after-first-batch":
            # a second writer meanwhile: refused with one clear line
            second = subprocess.run([UFGRAPH, "ingest", str(corpus), "--store", str(store)],
                                    capture_output=True, text=True, timeout=300)
            assert second.returncode == 3
            assert one_line(second.stderr).startswith(f"error: store in use: {store} is open in another process")
            assert "Traceback" not in second.stderr
        wait_for(lambda: KILL_POINTS[when](store), first)
        if when == "after-first-batch":
            time.sleep(0.2)  # past RocksDB's manifest write; the next batch is seconds of extraction away
        first.send_signal(signal.SIGKILL)
    finally:
        first.kill()
        first.wait()
    assert first.returncode == -signal.SIGKILL

    with open_store(str(store)) as st:  # opens: no lock left behind, no corruption
        written = by_graph(st.ox)
        names = written.pop(NAMES_GRAPH, set())
        assert st.stats()["graphs"] == len(written)
    assert bulk_files(store) == 0  # the loader's leftovers are cleared on open
    if when == "after-first-batch":
        assert BATCH <= len(written) < N, len(written)
    broken = [g for g, triples in written.items() if triples != clean[g]]
    assert broken == []  # every article graph that is there is the whole graph
    assert names <= clean[NAMES_GRAPH]  # the names graph may lack some names until the rerun, nothing else

    again = subprocess.run([UFGRAPH, "ingest", str(corpus), "--store", str(store), "--format", "json"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    with open_store(str(store)) as st:
        after = by_graph(st.ox)
        assert st.triple_count() == sum(len(t) for t in clean.values())  # no duplicates
    assert after == clean


def test_bulk_loader_leftovers_are_removed_when_a_writer_opens(tmp_path: Path) -> None:
    path = tmp_path / "s"
    open_store(str(path)).close()
    (path / "bulk-1234567890.sst").write_bytes(b"x" * 1000)
    (path / "bulk-notes.sst").write_bytes(b"not ours")
    with open_store(str(path), read_only=True):
        assert (path / "bulk-1234567890.sst").exists()  # a reader never deletes
    with open_store(str(path)):
        assert not (path / "bulk-1234567890.sst").exists()
        assert (path / "bulk-notes.sst").exists()


def test_two_writers_in_two_processes(tmp_path: Path) -> None:
    """A process holding the store (a long ingest, here a Python holding it open) and ``ufgraph
    ingest`` at the same time: the second gets one line and exit code 3, the first is unharmed."""
    store = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
         "s.add(ox.Quad(ox.NamedNode('urn:a'), ox.NamedNode('urn:b'), ox.Literal('c'), ox.NamedNode('urn:g'))); "
         "print('ready', flush=True); sys.stdin.read(); s.flush()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        res = subprocess.run([UFGRAPH, "ingest", str(ROOT / "data" / "samples"), "--store", str(store)],
                             capture_output=True, text=True, timeout=300)
        assert res.returncode == 3
        assert "store in use" in one_line(res.stderr)
        res = subprocess.run([UFGRAPH, "stats", "--store", str(store)], capture_output=True, text=True, timeout=300)
        assert res.returncode == 3 and "store in use" in one_line(res.stderr)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    with open_store(str(store)) as st:
        assert st.triple_count() == 1


# -- a remote endpoint through the CLI ---------------------------------------------------------------
@pytest.mark.parametrize("status,delay,message", [(500, 0.0, "HTTP 500"), (503, 0.0, "HTTP 503"),
                                                   (200, 2.0, "did not answer within 0.2 s")])
def test_failing_or_slow_endpoint_is_one_line_through_the_cli(stub, samples_dir: Path, status, delay, message) -> None:
    url, _ = stub(status, delay)
    res = CliRunner().invoke(app, ["ingest", str(samples_dir), "--store", url],
                             env={"UFGRAPH_RETRIES": "1", "UFGRAPH_BACKOFF": "0.01", "UFGRAPH_TIMEOUT": "0.2"})
    assert res.exit_code == 3, res.output
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert "Traceback" not in res.output
