"""The store → networkx projection, over the two seed articles' gold records in a memory store."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ufgraph.errors import UfgraphError
from ufgraph.rdf import record_to_graph
from ufgraph.store import open_store
from ufgraph.viz.projection import NoMatchError, Selection, in_window, project, project_all

GOLD = sorted((Path(__file__).parent / "seeds_gold").glob("*.json"))


def gold_store():
    store = open_store("memory")
    for path in GOLD:
        ag = record_to_graph(json.loads(path.read_text("utf-8")))
        store.replace_graph(str(ag.iri), ag.graph)
    return store


@pytest.fixture(scope="module")
def store():
    return gold_store()


def labels(g) -> set[str]:
    return {a["label"] for _, a in g.nodes(data=True)}


def test_projection_holds_every_kind_of_thing(store) -> None:
    g = project_all(store)
    types = Counter(t for _, t in g.nodes(data="type"))
    assert types == {"person": 17, "body": 18, "meeting": 2, "award": 1, "area": 3, "task": 38}
    kinds = Counter(k for *_, k in g.edges(data="kind"))
    assert kinds["holds-post-in"] == 28
    assert kinds["chaired"] == 2 and kinds["spoke"] >= 2 and kinds["attended"] >= 1
    assert kinds["received"] == 6 and kinds["deployed"] > 0 and kinds["has-task"] > 0


def test_edges_carry_titles_and_evidence(store) -> None:
    g = project_all(store)
    by_label = {a["label"]: n for n, a in g.nodes(data=True)}
    wang, ufwd = by_label["王珏"], by_label["中共上海市委统一战线工作部"]
    posts = [d for _, v, d in g.out_edges(wang, data=True) if v == ufwd and d["kind"] == "holds-post-in"]
    assert [d["label"] for d in posts] == ["副部长"]
    ev = posts[0]["evidence"][0]
    assert ev["quote"] and ev["date"] == "2024-02-26" and "统战部长会议" in ev["article"]
    chair = [d for _, _, d in g.out_edges(by_label["华源"], data=True) if d["kind"] == "chaired"]
    assert chair and chair[0]["label"] == "主持"


def test_people_carry_pinyin_and_bodies_their_written_forms(store) -> None:
    g = project_all(store)
    node = next(a for _, a in g.nodes(data=True) if a["label"] == "陈通")
    assert "Chen Tong" in node["aka"]


@pytest.mark.parametrize("name", ["陈通", "陳通", "chen tong", "Chén Tōng"])
def test_focus_matches_simplified_traditional_and_pinyin(store, name: str) -> None:
    g = project(store, Selection(focus=[name], depth=1))
    assert "陈通" in labels(g)
    assert "中共上海市委统一战线工作部" in labels(g) and "中共上海市委" in labels(g)
    assert all(a["type"] != "task" for _, a in g.nodes(data=True))


def test_focus_depth_widens_the_ego_graph(store) -> None:
    small = project(store, Selection(focus=["王珏"], depth=1))
    large = project(store, Selection(focus=["王珏"], depth=2))
    assert set(small) < set(large)
    assert project(store, Selection(focus=["王珏"], depth=0)).number_of_nodes() == 1


def test_focus_falls_back_to_label_substrings(store) -> None:
    g = project(store, Selection(focus=["欧美同学会"], depth=1))
    assert "上海市欧美同学会" in labels(g)


def test_focus_on_nothing_is_a_clear_error(store) -> None:
    with pytest.raises(NoMatchError, match="不存在"):
        project(store, Selection(focus=["不存在的人"]))


def test_types_keep_only_those_nodes(store) -> None:
    g = project(store, Selection(types=["person", "body"]))
    assert {t for _, t in g.nodes(data="type")} == {"person", "body"}
    assert {k for *_, k in g.edges(data="kind")} <= {"holds-post-in", "sub-body-of"}
    with pytest.raises(UfgraphError, match="unknown"):
        project(store, Selection(types=["people"]))


def test_date_window_selects_articles(store) -> None:
    after = project(store, Selection(since="2024-03-01"))
    before = project(store, Selection(until="2024-03-01"))
    assert "2024年全市统战社会组织工作交流会" in labels(after) and "2024年全市统战部长会议" not in labels(after)
    assert "2024年全市统战部长会议" in labels(before) and "2024年全市统战社会组织工作交流会" not in labels(before)
    assert project(store, Selection(since="2030-01-01")).number_of_nodes() == 0
    with pytest.raises(UfgraphError, match="not a date"):
        project(store, Selection(since="2024-13-40"))


def test_date_values_never_reach_the_query_text() -> None:
    seen: list[tuple[str, dict]] = []

    class Spy:
        def __init__(self, inner):
            self.inner = inner

        def query(self, sparql, bindings=None):
            seen.append((sparql, dict(bindings or {})))
            return self.inner.query(sparql, bindings)

    project(Spy(gold_store()), Selection(since="2024-03-01", until="2024-12-31", focus=["陈通"]))
    assert seen and not any("2024-03-01" in q or "2024-12-31" in q or "陈通" in q for q, _ in seen)
    assert any(b.get("key") is not None for _, b in seen)  # the focus key is bound


def test_in_window() -> None:
    assert in_window(None, None, None) and not in_window(None, "2024-01-01", None)
    assert in_window("2024-02-26", "2024-02-26", "2024-02-26")
    assert not in_window("2024-02-27", None, "2024-02-26")


def test_hostile_names_survive_the_round_trip() -> None:
    store = open_store("memory")
    record = {"source": "evil.txt", "jurisdiction": "上海市",
              "meeting": {"name": "会议<script>window.__pwned=1</script>", "date": "2024-05-01"},
              "people": [{"name": "<img src=x onerror=alert(1)>", "roles": ["spoke"],
                          "posts": [{"title": "部长", "org": "</script><b>机构</b>"}]}]}
    ag = record_to_graph(record)
    store.replace_graph(str(ag.iri), ag.graph)
    g = project_all(store)
    assert {"会议<script>window.__pwned=1</script>", "</script><b>机构</b>"} <= labels(g)
