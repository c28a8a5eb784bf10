"""Injection: hostile titles, names, bodies and ``--param`` values never change a query, and
``query --sparql`` changes the store only with ``--allow-update``.

Property tests (hypothesis) over strings built from quotes, braces, ``#``, newlines, ``}``,
``DROP``/``INSERT``, backslashes, ``<``/``>`` and any unicode:

* every named lookup and every named query with such values answers no rows (unless the value is
  exactly a key in the store), raises nothing but a clean :class:`QueryError`, and leaves the
  store as it was;
* a bound query parses and its algebra is the algebra of the same query bound to a plain value —
  the value is one RDF term in the VALUES data, nothing more;
* such values as article text (headline, names, bodies) and as literals written by the store's
  transactional replace (``DROP … ; INSERT DATA``, used when a graph exists) come back exactly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from typer.testing import CliRunner

from ufgraph import lookups, queries
from ufgraph.cli import app
from ufgraph.errors import QueryError
from ufgraph.ingest import ingest
from ufgraph.rdf.keys import query_key
from ufgraph.store import open_store
from ufgraph.store.base import bind, is_update

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
FRAGMENTS = [
    '"', "'", '"""', "'''", "{", "}", "#", "\n", "\r", "\t", "\\", "\\u0022", "\\n", "<", ">", "<>", ")", "(", ";", ".",
    "} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o ", '" } INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "c" } } #',
    "') } DROP GRAPH <urn:g> #", "} UNION { ?s ?p ?o }", "FILTER(true)", "?s", "$o", "^^<http://www.w3.org/2001/XMLSchema#string>",
    "@en", "VALUES", "DELETE WHERE { ?s ?p ?o }", "drop all", "LOAD <http://127.0.0.1:1/x>", "CLEAR DEFAULT",
    "部长", "統戰部", "陈", "\u202e", "\U0001f600", "\u3000", "＂", "｛", "》",
]
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=8).map("".join).filter(bool)
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def seeded():
    """An in-memory store holding the seed articles, its triple count and all its search keys."""
    store = open_store("memory")
    ingest([SAMPLES], store)
    keys = set(store.query("SELECT DISTINCT ?k WHERE { ?x <https://w3id.org/ufgraph/ns#searchKey> ?k }").column("k"))
    return store, store.triple_count(), keys


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory) -> tuple[str, int, set]:
    path = str(tmp_path_factory.mktemp("inj") / "store")
    res = runner.invoke(app, ["ingest", str(SAMPLES), "--store", path])
    assert res.exit_code == 0, res.output
    with open_store(path) as st:
        keys = set(st.query("SELECT DISTINCT ?k WHERE { ?x <https://w3id.org/ufgraph/ns#searchKey> ?k }").column("k"))
        return path, st.triple_count(), keys


LOOKUPS = {
    "who_holds": lambda s, v: lookups.who_holds(s, v),
    "who_holds_org": lambda s, v: lookups.who_holds(s, "副部长", v),
    "posts": lookups.posts,
    "body_people": lookups.body_people,
    "meeting_participants": lookups.meeting_participants,
    "awards": lambda s, v: lookups.awards(s, v),
    "tasks": lambda s, v: lookups.tasks(s, v),
    "timeline": lookups.timeline,
    "shared_bodies": lookups.shared_bodies,
    "shared_meetings": lookups.shared_meetings,
}


@PROPS
@given(value=hostile)
def test_named_lookups_with_hostile_values_find_nothing_and_change_nothing(seeded, value: str) -> None:
    store, triples, keys = seeded
    exact = query_key(value) in keys  # a value that IS a key (e.g. 部长 among junk) may match
    for name, lookup in LOOKUPS.items():
        try:
            res = lookup(store, value)
        except QueryError as exc:  # the one clean refusal: nothing to look up
            assert "nothing to look up" in str(exc), (name, exc)
            continue
        if not exact:
            assert res.rows == [], (name, value)
    assert store.triple_count() == triples


@PROPS
@given(value=hostile)
def test_named_queries_with_every_parameter_hostile_find_nothing_and_change_nothing(seeded, value: str) -> None:
    store, triples, keys = seeded
    for name in queries.available():
        q = queries.load(name)
        bindings = {p.name: value for p in q.params}
        res = queries.run(store, q, bindings)
        if value not in keys:
            assert res.rows == [], (name, value)
    assert store.triple_count() == triples


def _shape(x, in_values: bool = False):
    """The algebra of a query as plain tuples, every literal of the VALUES data replaced by a
    marker (rows and variables kept). Only the data: rdflib expands ``\\uXXXX`` before parsing
    even after an escaped backslash (Oxigraph does not, see the exact-match test), so the value
    it reads back can differ from the one bound."""
    if isinstance(x, Literal) and in_values:
        return "<VALUE>"
    if isinstance(x, CompValue):
        inner = in_values or x.name == "values"
        return (x.name, tuple((k, _shape(v, inner)) for k, v in x.items()))
    if isinstance(x, dict):
        return tuple(sorted((str(k), _shape(v, in_values)) for k, v in x.items()))
    if isinstance(x, (list, tuple)):
        return tuple(_shape(v, in_values) for v in x)
    if isinstance(x, (set, frozenset)):
        return frozenset(_shape(v, in_values) for v in x)
    return x


def algebra(text: str):
    return _shape(translateQuery(parseQuery(text)).algebra)


def _bound(name: str, value: str) -> str:
    q = queries.load(name)
    return bind(q.text, {p.name: value for p in q.params})


SHAPES = {name: algebra(_bound(name, "plainvalue")) for name in queries.available()}


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(sorted(SHAPES)), value=hostile)
def test_a_bound_query_parses_to_the_same_algebra_apart_from_the_value(name: str, value: str) -> None:
    bound = _bound(name, value)
    assert algebra(bound) == SHAPES[name]
    ox.Store().query(bound)  # Oxigraph parses it too (and finds nothing in an empty store)


@settings(max_examples=60, deadline=None)
@given(value=hostile)
def test_a_bound_value_matches_exactly_itself(value: str) -> None:
    """One triple holds the hostile literal: binding it finds exactly that triple."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(value), ox.NamedNode("urn:g")))
    store.add(ox.Quad(ox.NamedNode("urn:t"), ox.NamedNode("urn:p"), ox.Literal(value + "x"), ox.NamedNode("urn:g")))
    q = "SELECT ?s WHERE { GRAPH ?g { ?s <urn:p> ?v } }"
    rows = [sol["s"].value for sol in store.query(bind(q, {"v": value}))]
    assert rows == ["urn:s"]
    assert len(store) == 2


@settings(max_examples=60, deadline=None)
@given(value=hostile)
def test_hostile_literals_survive_the_transactional_replace(value: str) -> None:
    """An existing graph is replaced through ONE update text (DROP … ; INSERT DATA {…}): the
    literals written into it must stay literals."""
    with open_store("memory") as store:
        g = "urn:graph:article"
        triples = [(URIRef("urn:s"), URIRef("urn:label"), Literal(value)),
                   (URIRef("urn:s"), URIRef("urn:label"), Literal(value, lang="zh-Hans")),
                   (URIRef("urn:other"), URIRef("urn:p"), Literal("kept"))]
        store.replace_graph("urn:graph:neighbour", [(URIRef("urn:n"), URIRef("urn:p"), Literal("n"))])
        store.replace_graph(g, triples[:1])
        store.replace_graph(g, triples)  # the graph exists: the update-text path
        got = {(q.subject.value, q.object.value, q.object.language) for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g))}
        assert got == {("urn:s", value, None), ("urn:s", value, "zh-hans"), ("urn:other", "kept", None)}
        assert store.triple_count() == 4 and store.graphs() == ["urn:graph:article", "urn:graph:neighbour"]


ARTICLE = "{headline}\n2024年3月1日，市委统战部召开座谈会。市委常委、统战部部长陈通出席会议并讲话。{body}\n"


@settings(max_examples=15, deadline=None)
@given(headline=hostile, body=hostile)
def test_hostile_article_text_through_ingest_stays_data(tmp_path_factory, headline: str, body: str) -> None:
    """Titles and text of an article written in hostile characters: ingesting it twice (the second
    time through the update-text path) gives the same graph; no other graph appears."""
    folder = tmp_path_factory.mktemp("art")
    path = folder / "a.txt"
    path.write_text(ARTICLE.format(headline=headline, body=body), encoding="utf-8")
    with open_store("memory") as store:
        first = ingest([path], store)
        if first.failed:  # e.g. the text is too damaged to be an article: a clean per-file error
            assert first.failed[0].error and not first.ok
            return
        before = set(store.ox)
        graphs = store.graphs()
        ingest([path], store)
        assert set(store.ox) == before and store.graphs() == graphs and len(graphs) == 1


# ---------------------------------------------------------------- the CLI
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile)
def test_cli_param_values_are_bound_not_pasted(disk_store, value: str) -> None:
    path, triples, keys = disk_store
    res = runner.invoke(app, ["query", "--sparql", "SELECT ?s WHERE { ?s ?p ?v }", "--param", f"v={value}",
                              "--store", path, "-f", "json"])
    if res.exit_code == 4:  # a value written <like an IRI> that is not one: a clean error
        assert value.startswith("<") and value.endswith(">") and res.output.startswith("error: bad IRI")
    else:
        assert res.exit_code == 0, res.output
        assert res.output.strip() == "[]"
    res = runner.invoke(app, ["query", "posts-of", "--param", f"personKey={value}", "--store", path, "-f", "json"])
    if not query_key(value):  # nothing left to look up once normalised: the parameter is missing
        assert res.exit_code == 4 and "needs parameter personKey" in res.output
    else:
        assert res.exit_code == 0, res.output
        assert res.output.strip() == "[]" or query_key(value) in keys
    with open_store(path) as st:
        assert st.triple_count() == triples


UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "drop all",
    "  Clear\tAll",
    "LOAD <http://127.0.0.1:1/nothing.ttl>",
    "# just a comment\nDROP ALL",
    "# SELECT in a comment\n  delete where { ?s ?p ?o }",
    "PREFIX ufg: <https://w3id.org/ufgraph/ns#>\nDELETE WHERE { ?s ufg:holder ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CREATE GRAPH <urn:new>",
    "COPY DEFAULT TO <urn:g>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_query_sparql_refuses_updates_without_allow_update(disk_store, update: str) -> None:
    path, triples, _ = disk_store
    res = runner.invoke(app, ["query", "--sparql", update, "--store", path])
    assert res.exit_code == 4, res.output
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    with open_store(path) as st:
        assert st.triple_count() == triples and len(st.graphs()) == 2


@pytest.mark.parametrize("update", [u for u in UPDATES if is_update(u) and "LOAD" not in u])
def test_each_refused_update_runs_with_allow_update(disk_store, tmp_path: Path, update: str) -> None:
    path = str(tmp_path / "s")
    shutil.copytree(disk_store[0], path, ignore=shutil.ignore_patterns("LOCK"))
    res = runner.invoke(app, ["query", "--sparql", update, "--allow-update", "--store", path])
    assert res.exit_code == 0 and "update applied" in res.output, res.output


def test_an_update_after_an_inline_prefix_runs_with_allow_update(tmp_path: Path) -> None:
    path = str(tmp_path / "s")
    runner.invoke(app, ["ingest", str(SAMPLES), "--store", path])
    res = runner.invoke(app, ["query", "--allow-update", "--store", path, "--sparql",
                              "PREFIX ufg: <https://w3id.org/ufgraph/ns#> DELETE WHERE { ?s ufg:holder ?o }"])
    assert res.exit_code == 0, res.output
