"""ufgraph rank: who bridges bodies, which bodies have the most office-holders."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from ufgraph.viz.rank import format_ranking, rank


def toy() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for p in ("甲", "乙", "丙", "丁"):
        g.add_node(p, type="person", label=p)
    for b in ("统战部", "工商联", "侨办", "市委"):
        g.add_node(b, type="body", label=b)
    g.add_node("会", type="meeting", label="会")
    posts = [("甲", "统战部", "部长"), ("甲", "工商联", "党组书记"), ("甲", "侨办", "主任"),
             ("乙", "统战部", "副部长"), ("乙", "统战部", "秘书长"),  # two posts, one body
             ("丙", "统战部", "副部长"), ("丙", "市委", "常委"), ("丁", "侨办", "副主任")]
    for p, b, t in posts:
        g.add_edge(p, b, kind="holds-post-in", label=t)
    g.add_edge("丁", "会", kind="attended")  # not a post: ignored
    return g


def test_degree_counts_distinct_bodies_and_holders() -> None:
    rows = rank(toy(), "degree", 10)
    people = [(r.label, r.score) for r in rows if r.group == "people"]
    bodies = [(r.label, r.score) for r in rows if r.group == "bodies"]
    assert people[0] == ("甲", 3.0) and ("乙", 1.0) in people
    assert bodies[0] == ("统战部", 3.0) and bodies[1] == ("侨办", 2.0)


def test_betweenness_finds_the_bridge() -> None:
    rows = rank(toy(), "betweenness", 2)
    assert [r.label for r in rows if r.group == "people"][0] == "甲"
    assert len([r for r in rows if r.group == "people"]) == 2


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError):
        rank(toy(), "pagerank")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_formats(fmt: str) -> None:
    text = format_ranking(rank(toy(), "degree", 3), fmt)
    if fmt == "json":
        data = json.loads(text)
        assert data[0]["label"] == "甲" and data[0]["detail"] == sorted(["统战部", "工商联", "侨办"])
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:3] == ["group", "rank", "label"] and rows[1][2] == "甲"
    else:
        assert "People who bridge the most bodies" in text and "甲" in text


def test_rank_over_the_seed_store() -> None:
    from ufgraph.rdf import record_to_graph
    from ufgraph.store import open_store
    from ufgraph.viz.projection import project

    store = open_store("memory")
    for path in sorted((Path(__file__).parent / "seeds_gold").glob("*.json")):
        ag = record_to_graph(json.loads(path.read_text("utf-8")))
        store.replace_graph(str(ag.iri), ag.graph)
    rows = rank(project(store), "degree", 1)
    assert [r.label for r in rows if r.group == "bodies"] == ["中共上海市委统一战线工作部"]
