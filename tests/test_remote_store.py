"""The remote store against a real Oxigraph server (``oxigraph serve``, started here on a free
loopback port in a temp dir), and its failure modes against tiny local stub servers: down, slow,
failing with 500, and a connection cut in the middle of a graph replace."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from ufgraph import lookups
from ufgraph.cli import app

from _stub_endpoint import stub  # noqa: F401  (a pytest fixture)
from ufgraph.errors import EndpointError, StoreError
from ufgraph.ingest import ingest
from ufgraph.store import open_store
from ufgraph.store.remote import RemoteStore, derive_urls, public_url

EX = "http://example.org/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_program() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A fresh Oxigraph server; yields its query URL."""
    program = oxigraph_program()
    if program is None:
        pytest.skip("the oxigraph program is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([program, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode(errors='replace')}")
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(10)


def _unordered(row: dict) -> dict:
    return {k: "、".join(sorted(v.split("、"))) if isinstance(v, str) else v for k, v in row.items()}


def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)


def remote(url: str, **kw) -> RemoteStore:
    kw.setdefault("retries", 1)
    kw.setdefault("backoff", 0.01)
    return RemoteStore(url, **kw)


# -- a real server ---------------------------------------------------------------------------------

@pytest.mark.integration
def test_lookups_give_the_same_results_as_the_embedded_store(server: str, samples_dir: Path) -> None:
    with remote(server) as st, open_store("memory") as em:
        summary = ingest([samples_dir], st)
        assert not summary.failed and summary.store_triples > 1000
        ingest([samples_dir], em)
        assert st.triple_count() == em.triple_count()
        assert st.graphs() == em.graphs()
        assert st.stats() == em.stats()
        holders = lookups.who_holds(em, "副部长")
        assert holders.rows, "the samples name a 副部长"
        person, body = holders.rows[0]["name"], holders.rows[0]["body"]
        calls = [
            lambda s: lookups.who_holds(s, "副部长"),
            lambda s: lookups.who_holds(s, "副部长", body),
            lambda s: lookups.who_holds(s, "副部长", None, "2030-01-01"),
            lambda s: lookups.posts(s, person),
            lambda s: lookups.body_people(s, body),
            lambda s: lookups.meetings(s),
            lambda s: lookups.meeting_participants(s),
            lambda s: lookups.awards(s),
            lambda s: lookups.tasks(s),
            lambda s: lookups.timeline(s, person),
            lambda s: lookups.shared_bodies(s),
        ]
        for call in calls:
            a, b = call(st), call(em)
            assert a.variables == b.variables
            # the same rows; rows that tie on a query's ORDER BY may come in either order, and so
            # may the parts of a GROUP_CONCAT (shared-bodies' titles): SPARQL leaves both open
            assert sorted(map(_unordered, a.rows), key=_key) == sorted(map(_unordered, b.rows), key=_key)


@pytest.mark.integration
def test_reingest_replaces_and_never_duplicates(server: str, samples_dir: Path) -> None:
    with remote(server) as st:
        first = ingest([samples_dir], st).store_triples
        assert ingest([samples_dir], st).store_triples == first
        st.write_via = "gsp"  # the other write path: one Graph Store PUT per article
        assert ingest([samples_dir], st).store_triples == first


@pytest.mark.integration
def test_export_matches_the_embedded_store(server: str, samples_dir: Path) -> None:
    with remote(server) as st, open_store("memory") as em:
        ingest([samples_dir], st)
        ingest([samples_dir], em)
        a = set(ox.parse(st.export("nquads"), format=ox.RdfFormat.N_QUADS))
        b = set(ox.parse(em.export("nquads"), format=ox.RdfFormat.N_QUADS))
        assert a == b and len(a) == st.triple_count()


@pytest.mark.integration
def test_hostile_values_are_bound_not_pasted(server: str, samples_dir: Path) -> None:
    with remote(server) as st:
        ingest([samples_dir], st)
        before = st.triple_count()
        for evil in ['x" } ; DROP ALL ; #', "副部长'}\nINSERT DATA { <a:b> <a:b> <a:b> }", "}}} DELETE WHERE { ?s ?p ?o }"]:
            assert lookups.who_holds(st, evil).rows == []
        assert st.triple_count() == before
        # and a literal with quotes, braces, newlines and a backslash goes in and out unchanged
        nasty = 'a "quoted" } DROP ALL ; # \n\\ 部长'
        st.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(EX + "p"), Literal(nasty))])
        res = st.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(EX + "g")})
        assert res.column("o") == [nasty]


@pytest.mark.integration
def test_cli_ingest_and_lookup_over_http(server: str, samples_dir: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", str(samples_dir), "--store", server])
    assert res.exit_code == 0, res.output
    remote_rows = json.loads(runner.invoke(app, ["who-holds", "副部长", "--store", server, "-f", "json"]).output)
    with open_store("memory") as em:
        ingest([samples_dir], em)
        assert remote_rows == json.loads(json.dumps(lookups.who_holds(em, "副部长").rows, ensure_ascii=False))


class _CuttingProxy(threading.Thread):
    """Forwards the first ``keep`` bytes of each request to ``upstream`` and then cuts both
    connections: the server sees a truncated request, the client a dropped connection."""

    def __init__(self, upstream: int, keep: int):
        super().__init__(daemon=True)
        self.upstream, self.keep = upstream, keep
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.cuts = 0

    def run(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with client, socket.create_connection(("127.0.0.1", self.upstream)) as up:
                got = b""
                client.settimeout(2)
                while len(got) < self.keep:
                    chunk = client.recv(65536)
                    if not chunk:
                        break
                    got += chunk
                up.sendall(got[: self.keep])
                self.cuts += 1


@pytest.mark.integration
def test_a_cut_connection_leaves_the_old_graph_whole(server: str) -> None:
    port = int(server.rsplit(":", 1)[1].split("/")[0])
    g = EX + "article"
    old = [(URIRef(EX + f"s{i}"), URIRef(EX + "p"), Literal(f"old {i}")) for i in range(50)]
    new = [(URIRef(EX + f"s{i}"), URIRef(EX + "p"), Literal(f"new {i} " + "x" * 50)) for i in range(3000)]
    with remote(server) as direct:
        direct.replace_graph(g, old)
        proxy = _CuttingProxy(port, keep=20_000)
        proxy.start()
        with remote(f"http://127.0.0.1:{proxy.port}/query", retries=2) as cut:
            with pytest.raises(EndpointError) as err:
                cut.replace_graph(g, new)
            assert f"127.0.0.1:{proxy.port}/update" in str(err.value)
        proxy.sock.close()
        assert proxy.cuts == 3  # tried, then retried twice (a whole-graph replace is idempotent)
        rows = direct.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(g)}).column("o")
        assert sorted(rows) == sorted(f"old {i}" for i in range(50))


def test_down_endpoint_gives_one_clear_error_without_credentials(monkeypatch, samples_dir: Path) -> None:
    monkeypatch.setenv("UFGRAPH_USER", "alice")
    monkeypatch.setenv("UFGRAPH_PASSWORD", "s3cret-pw")
    url = f"http://127.0.0.1:{free_port()}/query"
    with remote(url) as st:
        with pytest.raises(EndpointError) as err:
            ingest([samples_dir], st)
        with pytest.raises(EndpointError):
            st.query("ASK {}")
    msg = str(err.value)
    assert "cannot reach" in msg and url.replace("/query", "/update") in msg
    assert "s3cret" not in msg and "alice" not in msg and "\n" not in msg


def test_cli_down_endpoint_is_one_line(samples_dir: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    res = CliRunner().invoke(app, ["ingest", str(samples_dir), "--store", url], env={"UFGRAPH_RETRIES": "0"})
    assert res.exit_code == 3
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert lines == [f"error: cannot reach {url.replace('/query', '/update')} (graph replace): Connection refused"]


def test_slow_endpoint_times_out(stub) -> None:
    url, handler = stub(status=200, delay=2.0)
    with remote(url, timeout=0.3, retries=2) as st:
        with pytest.raises(EndpointError, match=r"did not answer within 0\.3 s"):
            st.query("ASK {}")
    assert len(handler.seen) == 1  # a timed-out request is not repeated


def test_500_is_retried_with_backoff_then_a_clear_error(stub) -> None:
    url, handler = stub(status=500)
    with remote(url, retries=2, backoff=0.01) as st:
        with pytest.raises(EndpointError, match=r"HTTP 500 after 3 attempts"):
            st.query("ASK {}")
        assert len(handler.seen) == 3
        handler.seen.clear()
        with pytest.raises(EndpointError, match="HTTP 500"):
            st.update("INSERT DATA { <a:b> <a:b> <a:b> }")
        assert len(handler.seen) == 1  # a free-form update is never retried once sent


def test_credentials_come_from_the_environment_only(stub, monkeypatch) -> None:
    url, handler = stub(status=200)
    monkeypatch.setenv("UFGRAPH_TOKEN", "tok-123")
    with remote(url) as st:
        assert st.query("ASK {}").boolean is True
    assert handler.seen[-1]["auth"] == "Bearer tok-123"
    monkeypatch.delenv("UFGRAPH_TOKEN")
    monkeypatch.setenv("UFGRAPH_USER", "bob")
    monkeypatch.setenv("UFGRAPH_PASSWORD", "pw")
    with remote(url) as st:
        st.query("ASK {}")
    assert handler.seen[-1]["auth"] == "Basic Ym9iOnB3"
    with pytest.raises(StoreError) as err:
        RemoteStore("http://bob:hunter2@127.0.0.1:1/query")
    assert "hunter2" not in str(err.value) and "UFGRAPH_USER" in str(err.value)


def test_urls_are_derived_only_where_the_convention_is_certain(monkeypatch) -> None:
    for var in ("UFGRAPH_UPDATE_URL", "UFGRAPH_GSP_URL", "UFGRAPH_UNION_PARAM", "UFGRAPH_WRITE_VIA"):
        monkeypatch.delenv(var, raising=False)
    assert derive_urls("http://h:7878/query") == ("http://h:7878/update", "http://h:7878/store", True)
    assert derive_urls("http://h:3030/ds/sparql") == ("http://h:3030/ds/update", "http://h:3030/ds/data", False)
    assert derive_urls("http://h:3030/ds/query") == ("http://h:3030/ds/update", "http://h:3030/ds/data", False)
    assert derive_urls("http://h:8890/sparql") == (None, None, False)
    assert derive_urls("http://h:7200/repositories/r") == (
        "http://h:7200/repositories/r/statements", "http://h:7200/repositories/r/rdf-graphs/service", False)
    st = RemoteStore("http://h:8890/sparql")
    with pytest.raises(StoreError, match="--update-url"):
        st.replace_graph(EX + "g", [])
    monkeypatch.setenv("UFGRAPH_UPDATE_URL", "http://h:8890/sparql-auth")
    assert RemoteStore("http://h:8890/sparql").update_url == "http://h:8890/sparql-auth"
    assert RemoteStore("http://h:8890/sparql", update_url="http://x/u").update_url == "http://x/u"
    assert public_url("https://u:p@h:1/q?key=secret#f") == "https://h:1/q"
    with open_store("http://h:7878/query", read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.replace_graph(EX + "g", [])


@pytest.mark.integration
def test_serve_over_a_remote_store(server: str, samples_dir: Path) -> None:
    from ufgraph.serve import make_server, serve_in_thread

    with remote(server) as st:
        ingest([samples_dir], st)
        expected = st.triple_count()
    front = make_server(server, port=0)
    serve_in_thread(front)
    try:
        q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
        with urllib.request.urlopen(f"{front.url}/query?{q}", timeout=30) as r:
            doc = json.loads(r.read())
        assert int(doc["results"]["bindings"][0]["n"]["value"]) == expected
        req = urllib.request.Request(f"{front.url}/query", data=b"update=DROP+ALL", method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=30)
        assert err.value.code == 403
    finally:
        front.shutdown()
        front.server_close()
        front.engine.close()
