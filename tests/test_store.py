"""The store: atomic replace (re-ingest never duplicates), union queries, export, stats, the
"store in use" error, and bound parameters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from _graph_helpers import gold_records, handmade
from ufgraph.errors import QueryError, StoreError, StoreInUseError
from ufgraph.rdf import record_to_graph
from ufgraph.store import EmbeddedStore, open_store
from ufgraph.store.base import bind, is_update, query_form


def _fill(store) -> int:
    total = 0
    for rec in gold_records() + [handmade()]:
        ag = record_to_graph(rec)
        total += store.replace_graph(str(ag.iri), ag.graph)
    return total


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    st = open_store("memory" if request.param == "memory" else str(tmp_path / "st"))
    yield st
    st.close()


def test_replacing_a_graph_never_duplicates(store) -> None:
    total = _fill(store)
    assert store.triple_count() == total
    _fill(store)  # the same articles again: replaced, not added
    assert store.triple_count() == total
    assert len(store.graphs()) == 3


def test_replace_swaps_the_content(store) -> None:
    rec = handmade()
    ag = record_to_graph(rec)
    store.replace_graph(str(ag.iri), ag.graph)
    rec["people"] = rec["people"][:1]
    smaller = record_to_graph(rec)
    n = store.replace_graph(str(smaller.iri), smaller.graph)
    assert store.triple_count() == n == len(smaller.graph) < len(ag.graph)


def test_bulk_replace_graphs_then_replace_again(tmp_path: Path) -> None:
    st = open_store(str(tmp_path / "bulk"))
    items = [(str(ag.iri), list(ag.graph)) for ag in map(record_to_graph, gold_records() + [handmade()])]
    written = st.replace_graphs(items)  # fresh graphs: bulk-loaded
    assert st.triple_count() == written
    st.replace_graphs(items + items[:1])  # existing graphs, one twice: replaced in transactions
    assert st.triple_count() == written
    st.close()


def test_queries_see_the_union_of_graphs(store) -> None:
    _fill(store)
    res = store.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }")
    assert res.rows[0]["n"] == 19  # 17 in Shanghai + 2 in Beijing
    assert store.query("ASK { ?p a foaf:Person }").boolean is True


def test_stats_counts(store) -> None:
    _fill(store)
    s = store.stats()
    assert s["graphs"] == 3 and s["people"] == 19 and s["meetings"] == 3 and s["triples"] == store.triple_count()
    assert s["bodies"] >= 18 and s["awards"] == 2


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export_parses_back(store, fmt: str) -> None:
    _fill(store)
    data = store.export(fmt)
    rdflib_fmt = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt]
    if fmt == "turtle":
        g = Graph().parse(data=data, format=rdflib_fmt)
        assert len(g) > 0 and len(g) <= store.triple_count()
    else:
        ds = Dataset()
        ds.parse(data=data, format=rdflib_fmt)
        assert len({c.identifier for c in ds.graphs() if len(c)}) == 3


def test_export_to_a_file(store, tmp_path: Path) -> None:
    _fill(store)
    out = tmp_path / "x.nq"
    with out.open("wb") as fh:
        store.export("nquads", fh)
    assert len(out.read_text(encoding="utf-8").splitlines()) == store.triple_count()


def test_construct_returns_an_rdflib_graph(store) -> None:
    _fill(store)
    g = store.construct("CONSTRUCT { ?p a foaf:Person } WHERE { ?p a foaf:Person }")
    assert len(g) == 19


def test_remove_graph(store) -> None:
    _fill(store)
    first = store.graphs()[0]
    store.remove_graph(first)
    assert first not in store.graphs()


def test_a_second_writer_gets_store_in_use(tmp_path: Path) -> None:
    path = tmp_path / "locked"
    st = open_store(str(path))
    _fill(st)
    code = (
        "import sys\nfrom ufgraph.store import open_store\nfrom ufgraph.errors import StoreInUseError\n"
        f"try:\n    open_store({str(path)!r})\nexcept StoreInUseError as e:\n    print(e); sys.exit(7)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 7, proc.stderr
    assert "store in use" in proc.stdout
    with pytest.raises(StoreInUseError):  # the same process, too
        open_store(str(path))
    st.close()
    again = open_store(str(path))  # closing released the lock
    assert again.triple_count() > 0
    again.close()


def test_read_commands_do_not_create_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "nothing"), must_exist=True)
    assert not (tmp_path / "nothing").exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    st = open_store(str(tmp_path / "ro"))
    _fill(st)
    st.close()
    ro = open_store(str(tmp_path / "ro"), read_only=True)
    assert ro.stats()["people"] == 19
    with pytest.raises(StoreError, match="read-only"):
        ro.replace_graph("https://example.org/g", [])
    ro.close()


def test_backends_register_by_prefix() -> None:
    from ufgraph.store import register_backend

    seen = {}

    def factory(spec, **options):
        seen[spec] = options
        return EmbeddedStore(None)

    register_backend("fake+test://", factory)
    st = open_store("fake+test://x", must_exist=True)
    assert seen == {"fake+test://x": {"read_only": False, "must_exist": True}}
    st.close()


def test_closed_store_says_so() -> None:
    st = EmbeddedStore(None)
    st.close()
    with pytest.raises(StoreError, match="closed"):
        st.triple_count()


# -- binding -----------------------------------------------------------------------------------
HOSTILE = ['副部长" } ; DROP ALL ; #', "x' . ?s ?p ?o", "a\\\"b\nc", "} UNION { ?s ?p ?o }", "<http://evil>"]


@pytest.mark.parametrize("value", HOSTILE)
def test_bound_values_are_escaped_terms(store, value: str) -> None:
    _fill(store)
    before = store.triple_count()
    res = store.query("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": value})
    assert res.rows == []
    res = store.query("SELECT ?v WHERE { BIND(?name AS ?v) }", {"name": value})
    assert res.rows == [{"v": value}]
    assert store.triple_count() == before


def test_bind_rejects_bad_names_and_needs_a_where() -> None:
    with pytest.raises(QueryError):
        bind("SELECT * WHERE { ?s ?p ?o }", {"a b": "x"})
    with pytest.raises(QueryError):
        bind("CONSTRUCT { ?s ?p ?o }", {"x": "y"})
    text = bind("# WHERE { in a comment\nSELECT * WHERE { ?s ?p ?x }", {"x": Literal(3)})
    assert text.index("VALUES") > text.index("SELECT")


def test_typed_bindings() -> None:
    st = open_store("memory")
    st.replace_graph("https://example.org/g", [(URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(3))])
    assert st.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": 3}).column("s") == ["https://example.org/a"]
    assert st.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef("https://example.org/a")}).column("o") == [3]


def test_update_detection() -> None:
    assert is_update("PREFIX x: <http://x#>\nDELETE WHERE { ?s ?p ?o }")
    assert is_update("drop all")
    assert not is_update("# DROP ALL\nSELECT * WHERE { ?s <http://x/DROP> 'INSERT' }")
    assert query_form("PREFIX a: <http://a#> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "construct"
    assert query_form("ASK { ?s ?p ?o }") == "ask"
