"""``ufgraph extract --format nquads``: a stateless map step whose output is exactly what
``ingest`` writes (same named graphs, same triples), escaped safely, per-file errors on stderr."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from ufgraph.cli import app
from ufgraph.ingest import ingest
from ufgraph.mapstep import nquads_of_bytes, nquads_of_file, record_nquads
from ufgraph.rdf.iris import NAMES_GRAPH
from ufgraph.store import open_store

runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


def quads(text: str | bytes) -> set:
    return set(ox.parse(text, format=ox.RdfFormat.N_QUADS))


def test_nquads_equal_what_ingest_writes(samples_dir: Path) -> None:
    files = [str(p) for p in sorted(samples_dir.glob("*.txt"))]
    res = runner.invoke(app, ["extract", "--format", "nquads", *files])
    assert res.exit_code == 0, res.output
    with open_store("memory") as st:
        ingest(files, st)
        assert quads(res.stdout) == quads(st.export("nquads"))
        graphs = {q.graph_name.value for q in quads(res.stdout)}
        assert NAMES_GRAPH in graphs and sorted(graphs - {NAMES_GRAPH}) == st.graphs()


def test_library_map_functions(samples_dir: Path) -> None:
    path = sorted(samples_dir.glob("*.txt"))[0]
    by_file = nquads_of_file(str(path))
    assert by_file == nquads_of_bytes(str(path), path.read_bytes())  # deterministic, stateless
    assert len({q.graph_name.value for q in quads(by_file)} - {NAMES_GRAPH}) == 1  # one article graph, and names


def test_bad_file_is_reported_and_the_others_go_on(tmp_path: Path, samples_dir: Path) -> None:
    good = str(sorted(samples_dir.glob("*.txt"))[0])
    missing = str(tmp_path / "missing.txt")
    res = runner.invoke(app, ["extract", "-f", "nquads", missing, good])
    assert res.exit_code == 2
    assert quads(res.stdout) == quads(nquads_of_file(good))
    assert f"error: {missing}: does not exist" in (res.stderr if hasattr(res, "stderr") else res.output)


def test_hostile_text_is_escaped() -> None:
    record = {"source": 'a"b\n}.txt', "content_hash": "ab" * 32, "headline": 'x" } . <evil> \\ \n DROP ALL #',
              "people": [{"name": "王>伟\"", "posts": [{"title": "部长", "org": "市委统战部"}]}]}
    text = record_nquads(record)
    parsed = quads(text)
    assert len(parsed) == text.count("\n")
    literals = [q.object.value for q in parsed if isinstance(q.object, ox.Literal)]
    assert any('x" }' in v and "<evil> \\" in v and "DROP ALL #" in v for v in literals)  # the headline, intact
