"""Named queries over real extraction of the samples: headers, parameters, and the lookups the
issue asks for."""

from __future__ import annotations

import pytest

from _graph_helpers import handmade
from ufgraph import lookups, queries
from ufgraph.errors import QueryError
from ufgraph.ingest import ingest, write
from ufgraph.rdf import record_to_graph
from ufgraph.store import open_store

VICE_MINISTERS = ["房剑森", "王珏", "王霄汉", "蔡忠"]
AWARDED = {"上海海外联谊会", "上海市新的社会阶层人士联谊会", "上海中青年知识分子联谊会", "上海市总商会",
           "上海市公共关系协会", "上海中国和平统一促进会"}


@pytest.fixture(scope="module")
def store(samples_dir):
    st = open_store("memory")
    summary = ingest([samples_dir], st)
    assert not summary.failed, summary.failed
    ag = record_to_graph(handmade())
    write(st, [ag])  # as ingest writes it: the article's graph and its share of the names graph
    yield st
    st.close()


def test_every_bundled_query_has_a_header_and_runs(store) -> None:
    names = queries.available()
    assert {"who-holds", "posts-of", "body-people", "meeting-participants", "awards", "tasks-by-area",
            "timeline", "shared-bodies", "shared-meetings"} <= set(names)
    for name in names:
        q = queries.load(name)
        assert q.summary, name
        args = {p.name: "陈通" for p in q.params if p.required}
        if name == "who-holds":
            args = {"titleKey": "副部长"}
        if name == "body-people":
            args = {"orgKey": "市委统战部"}
        res = queries.run(store, name, args)
        assert res.variables, name


def test_parameters_are_checked_against_the_header(store) -> None:
    with pytest.raises(QueryError, match="needs parameter titleKey"):
        queries.run(store, "who-holds", {})
    with pytest.raises(QueryError, match="has no parameter"):
        queries.run(store, "who-holds", {"titleKey": "部长", "nope": 1})
    with pytest.raises(QueryError, match="no query named"):
        queries.load("who holds")


def test_who_holds_vice_minister_of_the_abbreviated_department(store) -> None:
    res = lookups.who_holds(store, "副部长", org="市委统战部")
    assert sorted({r["name"] for r in res}) == sorted(VICE_MINISTERS)
    for r in res:
        assert r["observed"] == "2024-02-26" and r["source"].endswith("000_863f9859c0c15b95.txt")
        assert r["quote"] and isinstance(r["rawStart"], int)


def test_who_holds_on_a_date(store) -> None:
    assert lookups.who_holds(store, "副部长", org="市委统战部", on="2024-01-01").rows == []
    assert len(lookups.who_holds(store, "部长", org="中共上海市委统一战线工作部", on="2024-12-31")) == 1
    with pytest.raises(QueryError, match="bad date"):
        lookups.who_holds(store, "部长", on="yesterday")


@pytest.mark.parametrize("typed", ["陈通", "陳通", "Chen Tong", "chentong"])
def test_posts_of_chen_tong_in_any_script(store, typed: str) -> None:
    res = lookups.posts(store, typed)
    shanghai = [r for r in res if r["jurisdiction"] == "上海市"]
    assert {(r["title"], r["observed"]) for r in shanghai} == {
        ("常委", "2024-02-26"), ("部长", "2024-02-26"), ("常委", "2024-04-18"), ("部长", "2024-04-18")}
    assert {r["jurisdiction"] for r in res} == {"上海市", "北京市"}  # two people named 陈通, kept apart


def test_variant_name_finds_wang_jue(store) -> None:
    assert {r["name"] for r in lookups.posts(store, "王玨")} == {"王珏"}


def test_awards_lists_the_six_recipients(store) -> None:
    res = lookups.awards(store, "2023年度优秀社会组织")
    assert {r["recipient"] for r in res} == AWARDED
    assert {r["year"] for r in res} == {"2023"}
    assert {r["supervisedBy"] for r in res} == {"中共上海市委统一战线工作部"}
    assert len(lookups.awards(store, year=2023)) == 8  # + the Beijing award to a person and a body


def test_tasks_by_area_and_year(store) -> None:
    res = lookups.tasks(store, "民族宗教工作", 2024)
    assert [r["order"] for r in res if r["parentOrder"] is None] == list(range(1, 9))
    assert {r["deployedBy"] for r in res} == {"王珏"}
    assert lookups.tasks(store, "民族宗教工作", 2023).rows == []


def test_body_people_meetings_timeline_and_shared(store) -> None:
    names = {r["name"] for r in lookups.body_people(store, "市工商联")}
    assert {"王霄汉", "杨茜", "欧阳明"} <= names  # the abbreviation names Shanghai's and Beijing's
    names = {r["name"] for r in lookups.body_people(store, "上海市工商业联合会")}
    assert {"王霄汉", "杨茜"} == names  # a parameter reaches the sub-SELECT too
    meetings = lookups.meetings(store)
    assert {m["date"] for m in meetings} >= {"2024-02-26", "2024-04-18"}
    roles = {(r["name"], r["role"]) for r in lookups.meeting_participants(store, "2024年全市统战部长会议")}
    assert ("华源", "主持") in roles and ("陈通", "讲话") in roles
    dates = [r["date"] for r in lookups.timeline(store, "陈通") if r["kind"] == "holds"]
    assert dates == sorted(dates) and "2024-04-18" in dates
    pairs = {(r["name"], r["other"]) for r in lookups.shared_bodies(store, "王珏")}
    assert ("王珏", "蔡忠") in pairs and {a for a, _ in pairs} == {"王珏"}
    assert {r["name"] for r in lookups.shared_meetings(store, "陈通")} == {"陈通"}
    assert any(r["other"] == "齐全胜" for r in lookups.shared_meetings(store, "陈通"))
    everyone = {(r["person"], r["otherPerson"]) for r in lookups.shared_bodies(store)}
    assert everyone and all((b, a) in everyone for a, b in everyone)  # each pair from both sides


def test_hostile_lookup_text_is_only_ever_a_value(store) -> None:
    before = store.triple_count()
    for text in ['副部长" } ; DROP ALL ; #', "} UNION { ?s ?p ?o }"]:
        assert lookups.who_holds(store, text).rows == []
        assert lookups.posts(store, text).rows == []
    assert store.triple_count() == before
