"""Records → RDF: golden graphs by isomorphism, evidence on every claim, labels, IRIs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from _graph_helpers import GOLD, GOLDEN, gold_records, handmade
from ufgraph.rdf import iris, record_to_graph
from ufgraph.rdf.keys import keys_for, pinyin_name, query_key
from ufgraph.rdf.vocab import FOAF, ORG, PROV, RDF, RDFS, SKOS, UFG, XSD


def _golden_path(gold: Path) -> Path:
    return GOLDEN / (gold.stem + ".trig")


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_seed_graph_matches_golden_trig_by_isomorphism(gold: Path) -> None:
    import json

    ag = record_to_graph(json.loads(gold.read_text(encoding="utf-8")))
    path = _golden_path(gold)
    if os.environ.get("UFGRAPH_REGEN_GOLDEN"):  # regenerate deliberately, then review the diff
        path.write_bytes(ag.dataset().serialize(format="trig", encoding="utf-8"))
    assert path.exists(), f"no golden file {path}; run with UFGRAPH_REGEN_GOLDEN=1 and review it"
    ds = Dataset()
    ds.parse(path, format="trig")
    got = ag.dataset()
    for name in (ag.iri, URIRef(iris.NAMES_GRAPH)):  # the article graph, and its share of the names graph
        expected, actual = ds.graph(name), got.graph(name)
        assert len(expected) == len(actual) > 0
        if not isomorphic(expected, actual):
            _both, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
            pytest.fail(f"graph {name} differs from {path.name}: missing {sorted(only_expected)[:5]}, "
                        f"extra {sorted(only_got)[:5]}")


def test_mapping_is_deterministic() -> None:
    for rec in gold_records() + [handmade()]:
        assert isomorphic(record_to_graph(rec).graph, record_to_graph(rec).graph)
        assert set(record_to_graph(rec).graph) == set(record_to_graph(rec).graph)  # no blank nodes either


def test_every_claim_has_evidence_and_article() -> None:
    ag = record_to_graph(handmade())
    g = ag.graph
    claims = [s for cls in (UFG.Occupancy, UFG.Participation, UFG.AwardConferral, UFG.Task, UFG.Meeting)
              for s in g.subjects(RDF.type, cls)]
    assert len(claims) > 8
    for c in claims:
        assert (c, PROV.wasDerivedFrom, ag.iri) in g
        evs = list(g.objects(c, UFG.evidence))
        assert evs, c
        for ev in evs:
            assert (ev, UFG.article, ag.iri) in g
            assert g.value(ev, UFG.quote) is not None
    occ = next(o for o in g.subjects(RDF.type, UFG.Occupancy) if str(g.value(o, UFG.asWritten)) == "市委統戰部部長")
    ev = g.value(occ, UFG.evidence)
    assert g.value(ev, UFG.rawStart) == Literal(40, datatype=XSD.integer)
    assert str(g.value(ev, UFG.quote)) == "市委統戰部部長"


def test_shortcuts_beside_nary_nodes() -> None:
    g = record_to_graph(handmade()).graph
    chen = iris.person("陈通", "北京市")
    post = iris.post("中共北京市委统一战线工作部", "部长")
    assert (chen, ORG.holds, post) in g and (post, ORG.heldBy, chen) in g
    meeting = iris.meeting("2024年民营经济座谈会", "北京市", "2024-05-06")
    assert (chen, UFG.participatedIn, meeting) in g
    assert (iris.body("中共北京市委统一战线工作部"), ORG.subOrganizationOf, iris.body("中共北京市委")) in g
    ouyang = iris.person("欧阳明", "北京市")
    assert (ouyang, UFG.received, iris.award("2023年度优秀信息员")) in g
    assert (ouyang, RDF.type, FOAF.Person) in g  # a person named among the people receives as a person
    assert (iris.body("北京市总商会"), RDF.type, ORG.Organization) in g


def test_labels_written_form_and_pinyin() -> None:
    g = record_to_graph(handmade()).graph
    chen = iris.person("陈通", "北京市")
    assert (chen, RDFS.label, Literal("陈通", lang="zh-Hans")) in g
    assert (chen, SKOS.altLabel, Literal("陳通", lang="zh-Hant")) in g
    assert (chen, SKOS.altLabel, Literal("Chen Tong", lang="zh-Latn-pinyin")) in g
    assert (iris.person("欧阳明", "北京市"), SKOS.altLabel, Literal("Ouyang Ming", lang="zh-Latn-pinyin")) in g
    body = iris.body("中共北京市委统一战线工作部")
    assert (body, SKOS.altLabel, Literal("市委統戰部", lang="zh-Hant")) in g
    assert (body, UFG.searchKey, Literal("市委统战部")) in g


def test_search_keys_meet_user_input() -> None:
    keys = keys_for("陈通", "陳通", person=True)
    for typed in ("陈通", "陳通", "Chen Tong", "chen tong", "chén tōng", "CHEN2 TONG1"):
        assert query_key(typed) in keys, typed
    assert pinyin_name("解冬") == "Xie Dong"  # surname reading, not jiě
    assert query_key("王玨") == query_key("王珏")


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@settings(max_examples=400, deadline=None)
@given(st.text(_HAN, min_size=1, max_size=6) | st.lists(st.sampled_from(["长安", "重庆市", "银行行长", "朝阳区", "乐清", "单于", "有限公司", "统一战线", "工作部", "江苏"]) | st.text(_HAN, min_size=1, max_size=2), min_size=1, max_size=5).map("".join))
def test_readings_are_pypinyins_word_by_word(text: str) -> None:
    from pypinyin import Style, lazy_pinyin

    from ufgraph.rdf.keys import _syllables

    assert _syllables(text) == tuple(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore"))


def test_people_are_identified_within_a_jurisdiction() -> None:
    assert iris.person("王霞", "上海市") != iris.person("王霞", "北京市")
    assert iris.person("陳通", "上海市") == iris.person("陈通", "上海市")
    assert iris.body("a/b") != iris.body("a") and "%2F" in iris.body("a/b")
    assert iris.person("王霞", None).endswith("/person/_/%E7%8E%8B%E9%9C%9E")
    assert iris.readable(iris.person("陈通", "上海市")) == "person/上海市/陈通"


def test_article_iri_comes_from_the_content_hash() -> None:
    a = iris.article("ab" * 32, "x.txt")
    assert a == iris.article("ab" * 32, "elsewhere/y.txt")
    assert a != iris.article("cd" * 32, "x.txt")
    assert "src-" in iris.article(None, "x.txt") and iris.article(None, "x.txt") == iris.article(None, "x.txt")


def test_tasks_keep_order_year_and_subtasks() -> None:
    g = record_to_graph(handmade()).graph
    tasks = list(g.subjects(RDF.type, UFG.Task))
    assert len(tasks) == 3
    top = [t for t in tasks if g.value(t, UFG.subTaskOf) is None][0]
    subs = sorted((int(g.value(t, UFG.order)), str(g.value(t, RDFS.label))) for t in tasks if g.value(t, UFG.subTaskOf) == top)
    assert subs == [(1, "筹备会议"), (2, "发布报告")]
    assert g.value(top, UFG.year) == Literal("2024", datatype=XSD.gYear)
    assert g.value(top, UFG.deployedBy) == iris.person("陈通", "北京市")
    assert g.value(top, UFG.deploymentEvidence) is not None


def test_missing_fields_are_tolerated() -> None:
    ag = record_to_graph({"source": "empty.txt", "people": [{"name": "张三", "posts": [{"title": "主任", "org": None}]}],
                          "meeting": None, "awards": None})
    assert (iris.person("张三", None), RDF.type, FOAF.Person) in ag.graph


def test_seed_graphs_pass_shacl() -> None:
    from ufgraph.rdf.validate import validate_graph
    from rdflib import Graph

    g = Graph()
    for rec in gold_records() + [handmade()]:
        for t in record_to_graph(rec).graph:
            g.add(t)
    report = validate_graph(g)
    assert report.conforms, [f.line() for f in report.violations][:10]
    assert not report.violations


def test_shacl_reports_a_broken_claim() -> None:
    from ufgraph.rdf.validate import validate_graph

    g = record_to_graph(handmade()).graph
    occ = next(g.subjects(RDF.type, UFG.Occupancy))
    g.remove((occ, UFG.holder, None))
    g.remove((occ, UFG.evidence, None))
    report = validate_graph(g)
    assert not report.conforms
    lines = [f.line() for f in report.violations]
    assert any("ufg:holder" in line for line in lines) and any("carries its evidence" in line for line in lines)


def test_vocab_and_ontology_agree() -> None:
    from rdflib import Graph
    from ufgraph.resources import ontology_path

    onto = Graph().parse(ontology_path("ufgraph.ttl"))
    defined = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(UFG._NS))}
    declared = {UFG._NS[name] for name in UFG.__annotations__}
    assert declared == defined
    for term in defined:
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        assert {"en", "zh-Hans"} <= langs, term
