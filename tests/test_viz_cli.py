"""ufgraph viz / ufgraph rank on the command line, over a store holding the seed gold records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ufgraph.cli import app
from ufgraph.rdf import record_to_graph
from ufgraph.store import open_store

GOLD = sorted((Path(__file__).parent / "seeds_gold").glob("*.json"))
runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("viz") / "store"
    with open_store(str(path)) as store:
        for gold in GOLD:
            ag = record_to_graph(json.loads(gold.read_text("utf-8")))
            store.replace_graph(str(ag.iri), ag.graph)
    return str(path)


def test_viz_writes_an_offline_page(store_dir: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    res = runner.invoke(app, ["viz", "--store", store_dir, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "79 nodes" in res.output and out.exists()
    html = out.read_text("utf-8")
    assert "陈通" in html and "<link" not in html


def test_viz_focus_types_and_dates(store_dir: str, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    res = runner.invoke(app, ["viz", "--store", store_dir, "-o", str(out), "--focus", "Wang Jue", "--depth", "1",
                              "--types", "person,body,area,task", "--since", "2024-01-01", "--until", "2024-12-31"])
    assert res.exit_code == 0, res.output
    assert "王珏" in out.read_text("utf-8")


def test_viz_warns_above_the_threshold(store_dir: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ufgraph.viz.render.WARN_ABOVE", 10)
    res = runner.invoke(app, ["viz", "--store", store_dir, "-o", str(tmp_path / "g.html")])
    assert res.exit_code == 0 and "--focus" in res.output


@pytest.mark.parametrize("args, message", [
    (["viz", "--focus", "没有这个人"], "nothing in the graph is called"),
    (["viz", "--types", "people"], "unknown people"),
    (["viz", "--since", "yesterday"], "not a date"),
    (["rank", "--by", "pagerank"], "choose degree or betweenness"),
    (["rank", "--format", "xml"], "choose table, json or csv"),
])
def test_errors_are_one_friendly_line(store_dir: str, tmp_path: Path, args: list[str], message: str) -> None:
    res = runner.invoke(app, [*args, "--store", store_dir] + (["-o", str(tmp_path / "x.html")] if args[0] == "viz" else []))
    assert res.exit_code != 0 and message in res.output and "Traceback" not in res.output


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["rank", "--store", str(tmp_path / "nothing")])
    assert res.exit_code != 0 and "no store" in res.output


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_rank_formats(store_dir: str, fmt: str) -> None:
    res = runner.invoke(app, ["rank", "--store", store_dir, "--format", fmt, "--top", "3"])
    assert res.exit_code == 0, res.output
    assert "中共上海市委统一战线工作部" in res.output
    if fmt == "json":
        assert len(json.loads(res.output)) == 6


def test_rank_betweenness(store_dir: str) -> None:
    res = runner.invoke(app, ["rank", "--store", store_dir, "--by", "betweenness", "--top", "1"])
    assert res.exit_code == 0 and "陈通" in res.output
