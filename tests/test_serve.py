"""``ufgraph serve`` over an embedded store ingested from the samples, queried with a real SPARQL
client (SPARQLWrapper) and with curl: content negotiation, updates refused, limits, lookups, the
network page, loopback by default, and ingest still able to write while it serves."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from ufgraph import lookups
from ufgraph.ingest import ingest
from ufgraph.rdf.iris import NAMES_GRAPH
from ufgraph.serve import is_loopback, make_server, serve_in_thread
from ufgraph.store import open_store

PEOPLE = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?p ?name WHERE { ?p a foaf:Person ; rdfs:label ?name } ORDER BY ?name"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y FILTER(?p != ?q) }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, samples_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    with open_store(str(path)) as st:
        ingest([samples_dir], st)
    return path


@pytest.fixture(scope="module")
def endpoint(store_path: Path) -> Iterator[str]:
    server = make_server(str(store_path), port=0, max_rows=1000, timeout=20)
    serve_in_thread(server)
    yield server.url
    server.shutdown()
    server.server_close()
    server.engine.close()


def wrapper(endpoint: str, query: str, fmt: str = JSON, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(endpoint + "/query")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_select_with_sparqlwrapper_get_and_post(endpoint: str, store_path: Path) -> None:
    for method in ("GET", "POST"):
        res = wrapper(endpoint, PEOPLE, JSON, method).query().convert()
        names = [b["name"]["value"] for b in res["results"]["bindings"]]
        assert len(names) >= 10 and res["head"]["vars"] == ["p", "name"]
    assert res["results"]["bindings"][0]["name"]["type"] == "literal"
    ask = wrapper(endpoint, "ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }").query().convert()
    assert ask["boolean"] is True


def test_content_negotiation_with_sparqlwrapper(endpoint: str) -> None:
    json_rows = wrapper(endpoint, PEOPLE, JSON).query().convert()["results"]["bindings"]
    xml_doc = wrapper(endpoint, PEOPLE, XML).query().convert()  # a minidom document
    assert len(xml_doc.getElementsByTagName("result")) == len(json_rows)
    csv_rows = list(csv.reader(io.StringIO(wrapper(endpoint, PEOPLE, CSV).query().convert().decode("utf-8"))))
    assert csv_rows[0] == ["p", "name"] and len(csv_rows) == len(json_rows) + 1
    assert [r[1] for r in csv_rows[1:]] == [b["name"]["value"] for b in json_rows]
    tsv = wrapper(endpoint, PEOPLE, TSV).query().convert().decode("utf-8").splitlines()
    assert tsv[0] == "?p\t?name" and tsv[1].startswith("<http") and '"' in tsv[1]
    ttl = wrapper(endpoint, "CONSTRUCT { ?p a <http://xmlns.com/foaf/0.1/Person> } WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }",
                  TURTLE).query().convert()
    g = Graph().parse(data=ttl, format="turtle")
    assert len(g) == len({b["p"]["value"] for b in json_rows})


curl = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


def run_curl(*args: str) -> tuple[int, str, str]:
    out = subprocess.run(["curl", "-s", "-S", "-i", *args], capture_output=True, timeout=60)
    head, _, body = out.stdout.decode("utf-8").partition("\r\n\r\n")
    status = int(head.split()[1])
    return status, head.lower(), body


@curl
@pytest.mark.parametrize("accept, ctype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, */*;q=0.1", "application/sparql-results+json"),
])
def test_curl_select_content_types(endpoint: str, accept: str, ctype: str) -> None:
    status, head, body = run_curl("-G", "-H", f"Accept: {accept}", "--data-urlencode", f"query={PEOPLE}", endpoint + "/query")
    assert status == 200 and f"content-type: {ctype}" in head
    assert body.strip()


@curl
def test_curl_construct_is_turtle_and_post_sparql_query(endpoint: str) -> None:
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> ; ?p ?o }"
    status, head, body = run_curl("-H", "Content-Type: application/sparql-query", "--data-binary", q, endpoint + "/query")
    assert status == 200 and "content-type: text/turtle" in head
    assert len(Graph().parse(data=body, format="turtle")) > 10
    status, head, body = run_curl("-H", "Accept: application/n-triples", "--data-urlencode", f"query={q}", endpoint + "/sparql")
    assert status == 200 and "content-type: application/n-triples" in head
    assert len(Graph().parse(data=body, format="nt")) > 10
    status, _, _ = run_curl("-G", "-H", "Accept: image/png", "--data-urlencode", f"query={q}", endpoint + "/query")
    assert status == 406


@curl
def test_updates_are_refused(endpoint: str, store_path: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = wrapper(endpoint, count).query().convert()["results"]["bindings"][0]["n"]["value"]
    attempts = [
        ("--data-urlencode", "update=DROP ALL", endpoint + "/query"),
        ("--data-urlencode", "query=DROP ALL", endpoint + "/query"),
        ("-H", "Content-Type: application/sparql-update", "--data-binary", "CLEAR ALL", endpoint + "/query"),
        ("--data-urlencode", "update=CLEAR ALL", endpoint + "/update"),
        ("-G", "--data-urlencode", "query=# a comment\nINSERT DATA { <a:b> <a:b> <a:b> }", endpoint + "/query"),
    ]
    for args in attempts:
        status, _, body = run_curl(*args)
        assert status == 403 and "read-only" in body, (args, status, body)
    status, head, _ = run_curl("-X", "PUT", "--data-binary", "<a:b> <a:b> <a:b> .", endpoint + "/store?graph=a:g")
    assert status == 405 and "allow: get, head, post" in head
    sw = wrapper(endpoint, "DELETE WHERE { ?s ?p ?o }", JSON, "POST")
    with pytest.raises(Exception):
        sw.query()
    after = wrapper(endpoint, count).query().convert()["results"]["bindings"][0]["n"]["value"]
    assert after == before


def test_bad_query_is_400(endpoint: str) -> None:
    status, _, body = http(endpoint + "/query?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert status == 400 and b"bad SPARQL" in body


def test_row_limit_and_time_limit(store_path: Path) -> None:
    server = make_server(str(store_path), port=0, max_rows=3, timeout=0.1)
    serve_in_thread(server)
    try:
        res = wrapper(server.url, PEOPLE).query()
        assert len(res.convert()["results"]["bindings"]) == 3
        assert res.info().get("x-sparql-maxrows") == "3" and res.info().get("x-ufgraph-truncated") == "true"
        status, _, body = http(server.url + "/query?" + urllib.parse.urlencode({"query": SLOW}))
        assert status == 503 and b"time limit" in body
    finally:
        server.shutdown()
        server.server_close()
        server.engine.close()


def test_lookups_as_json(endpoint: str, store_path: Path) -> None:
    status, head, body = http(endpoint + "/lookup/who-holds?" + urllib.parse.urlencode({"title": "副部长"}))
    assert status == 200 and head["Content-Type"].startswith("application/json")
    doc = json.loads(body)
    with open_store(str(store_path), read_only=True) as st:
        direct = lookups.who_holds(st, "副部长")
    assert doc["variables"] == direct.variables and doc["rows"] == json.loads(json.dumps(direct.rows, default=str))
    person = doc["rows"][0]["name"]
    status, _, body = http(endpoint + "/lookup/posts?" + urllib.parse.urlencode({"person": person}))
    assert status == 200 and json.loads(body)["rows"]
    assert http(endpoint + "/lookup/posts")[0] == 400
    assert http(endpoint + "/lookup/who-holds?title=x&evil=1")[0] == 400
    assert http(endpoint + "/lookup/nope")[0] == 404
    status, _, body = http(endpoint + "/lookup/who-holds?" + urllib.parse.urlencode({"title": '"} DROP ALL #'}))
    assert status == 200 and json.loads(body)["rows"] == []


def test_viz_page_and_escaping(endpoint: str) -> None:
    status, head, body = http(endpoint + "/viz")
    assert status == 200 and head["Content-Type"].startswith("text/html") and b"<html" in body.lower()
    status, head, body = http(endpoint + "/viz?" + urllib.parse.urlencode({"focus": "<script>alert(1)</script>"}))
    assert status == 400 and head["Content-Type"].startswith("text/plain")  # never echoed as HTML
    assert head["X-Content-Type-Options"] == "nosniff"
    status, head, body = http(endpoint + "/")
    assert status == 200 and b"/query" in body


def test_index_escapes_the_store_name(tmp_path: Path, samples_dir: Path) -> None:
    path = tmp_path / "<i>st&re"
    with open_store(str(path)) as st:
        ingest([samples_dir / "000_863f9859c0c15b95.txt"], st)
    server = make_server(str(path), port=0)
    serve_in_thread(server)
    try:
        _, _, body = http(server.url + "/")
        assert b"&lt;i&gt;st&amp;re" in body and b"<i>st" not in body
    finally:
        server.shutdown()
        server.server_close()
        server.engine.close()


def test_ingest_can_write_while_serving(tmp_path: Path, samples_dir: Path) -> None:
    path = str(tmp_path / "store")
    first, second = sorted(samples_dir.glob("*.txt"))[:2]
    with open_store(path) as st:
        ingest([first], st)
    server = make_server(path, port=0)
    server.engine.refresh_seconds = 0
    serve_in_thread(server)
    count = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{NAMES_GRAPH}>) }}"
    try:
        n = lambda: int(wrapper(server.url, count).query().convert()["results"]["bindings"][0]["n"]["value"])  # noqa: E731
        assert n() == 1
        with open_store(path) as st:  # the server holds no lock: the writer gets in
            ingest([second], st)
        assert n() == 2
    finally:
        server.shutdown()
        server.server_close()
        server.engine.close()


def test_loopback_by_default(store_path: Path) -> None:
    server = make_server(str(store_path), port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
        server.engine.close()
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("") and not is_loopback("192.168.1.10")


def test_cli_serve_subprocess(store_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from ufgraph.cli import main; main()", "serve", "--store", str(store_path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"})
        deadline = time.monotonic() + 20
        while True:
            try:
                status, _, body = http(url)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/query" in err.decode() and "warning" not in err.decode()
