"""``ingest --jobs 2`` writes the same store and reports the same per-file results and errors
as ``--jobs 1`` (worker processes build, this process writes)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from ufgraph.cli import app
from ufgraph.ingest import ingest
from ufgraph.parallel import Built, build_portable, imap_build
from ufgraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, samples_dir: Path) -> list[str]:
    """The samples, some corpus articles, and files that fail (empty, binary, missing)."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    corpus = sorted(str(p) for p in CORPUS.glob("*.txt"))[:10]
    return [str(samples_dir), *corpus, str(bad / "empty.txt"), str(bad / "missing.txt"), str(bad / "binary.txt")]


def _nquads(store) -> set:
    return set(ox.parse(store.export("nquads"), format=ox.RdfFormat.N_QUADS))


def test_jobs_2_gives_the_same_store_and_results_as_jobs_1(tmp_path: Path, inputs: list[str]) -> None:
    summaries, quads, counts = [], [], []
    for jobs in (1, 2):
        with open_store(str(tmp_path / f"s{jobs}")) as st:
            seen: list[str] = []
            s = ingest(inputs, st, jobs=jobs, on_file=lambda r: seen.append(r.source))
            summaries.append((s.as_dict(), seen))
            quads.append(_nquads(st))
            counts.append(st.triple_count())
    assert summaries[0] == summaries[1]
    assert counts[0] == counts[1] > 1000
    assert quads[0] == quads[1]  # no blank nodes: equal sets are isomorphic datasets
    results = summaries[0][0]
    assert results["failed"] >= 2 and results["ok"] >= 3


def test_reingest_in_parallel_keeps_the_triple_count(tmp_path: Path, samples_dir: Path) -> None:
    with open_store(str(tmp_path / "s")) as st:
        first = ingest([samples_dir], st, jobs=2).store_triples
        assert ingest([samples_dir], st, jobs=2).store_triples == first


def test_built_graphs_match_the_sequential_build(samples_dir: Path) -> None:
    paths = [str(p) for p in sorted(samples_dir.glob("*.txt"))]
    par = list(imap_build(paths, None, 2))
    assert [p for p, _ in par] == paths
    for path, built in par:
        local = build_portable(path)
        assert isinstance(built, Built) and isinstance(local, Built)
        assert built.iri == local.iri and built.warnings == local.warnings
        assert sorted(built.nt.splitlines()) == sorted(local.nt.splitlines()) and len(built) == len(local)
        assert set(built.names_nt.splitlines()) <= set(local.names_nt.splitlines())  # less what was sent


def test_cli_jobs_output_is_identical(tmp_path: Path, inputs: list[str]) -> None:
    runner = CliRunner()
    outs = []
    for jobs in ("1", "2"):
        res = runner.invoke(app, ["ingest", *inputs, "--store", str(tmp_path / f"c{jobs}"), "--jobs", jobs, "-f", "json"])
        assert res.exit_code == 2  # some files failed
        outs.append(res.output)
    assert outs[0] == outs[1]
    assert json.loads(outs[0][outs[0].index("{"):])["failed"] >= 2
