"""A remote SPARQL 1.1 endpoint as a :class:`Store`: ``--store http://host:port/query``.

**URLs.** The spec is the *query* endpoint. Writes go to the *update* endpoint (SPARQL 1.1
Update) or, where the server has one, the *Graph Store* endpoint; each comes from the caller
(``--update-url``, ``--gsp-url``), else the environment (``UFGRAPH_UPDATE_URL``,
``UFGRAPH_GSP_URL``), else is derived where a server's convention makes it certain:

* Oxigraph server: ``http://h:p/query`` → ``/update`` and ``/store``;
* Apache Jena Fuseki: ``http://h:p/DS/query`` or ``/DS/sparql`` → ``/DS/update`` and ``/DS/data``;
* RDF4J and GraphDB: ``http://h:p/repositories/R`` → ``…/R/statements`` and ``…/R/rdf-graphs/service``.

Anything else (Virtuoso's ``/sparql``, whose updates depend on a grant) needs the URLs given.

**Atomic replace.** An article's graph is written in ONE request that the server applies as one
transaction: the update ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }`` (the default
when an update URL is known; a batch of articles is one request of such pairs, still all or
nothing), or one Graph Store ``PUT ?graph=g`` of N-Triples. Terms are written and escaped by
:mod:`ufgraph.rdf.nt` (ingest) or pyoxigraph's N-Triples serialiser; nothing is pasted. If the
endpoint is down or fails, the request either happened whole or not at all: no half-written graph.

**Retries.** Timeouts per request (``UFGRAPH_TIMEOUT``, default 30 s). Idempotent requests
(queries, graph replaces, PUT) are retried with exponential back-off on connection errors, 5xx
and 429 (``UFGRAPH_RETRIES``, default 3); a free-form update (``query --allow-update``) is never
retried once sent. A request that timed out is not retried (a slow server is not helped by more
load). Failures become one :class:`EndpointError` line naming the URL — never the credentials.

**Credentials** only from the environment: ``UFGRAPH_USER``/``UFGRAPH_PASSWORD`` (HTTP Basic) or
``UFGRAPH_TOKEN`` (Bearer). A URL with ``user:password@`` in it is refused.

**Union default graph.** Queries must see the union of the article graphs, as in the embedded
store. For the Oxigraph server this is the ``union-default-graph`` request parameter (sent when
the URL follows its convention, or when ``UFGRAPH_UNION_PARAM=1``); Fuseki needs
``tdb2:unionDefaultGraph true`` in its dataset configuration; Virtuoso and GraphDB query all
graphs by default.
"""

from __future__ import annotations

import base64
import http.client
import os
import random
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import Graph

from ..errors import EndpointError, QueryError, StoreError
from ..rdf.iris import NAMES_GRAPH
from .base import EXPORT_FORMATS, PREFIXES, QueryResult, Store, Triple, bind, from_ox, query_form, to_ox, to_rdflib

#: A batch of graph replaces is cut into requests of about this many bytes.
MAX_REQUEST_BYTES = 4_000_000
_SPARQL_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# -- URLs ----------------------------------------------------------------------------------------
def public_url(url: str) -> str:
    """``url`` as safe to print: no user info, no query string or fragment (they may hold keys)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def check_url(url: str, what: str = "endpoint") -> str:
    """Refuse a URL that is not http(s) or carries credentials (those come from the environment)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise StoreError(f"bad {what} URL {public_url(url)!s}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"bad {what} URL {public_url(url)}: use http://host[:port]/path")
    if parts.username is not None or parts.password is not None:
        raise StoreError(f"the {what} URL {public_url(url)} carries credentials: put them in "
                         "UFGRAPH_USER/UFGRAPH_PASSWORD or UFGRAPH_TOKEN instead")
    return url


def derive_urls(query_url: str) -> tuple[str | None, str | None, bool]:
    """``(update_url, gsp_url, is_oxigraph)`` derived from a query URL by a server's convention."""
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")
    if parts.query:
        return None, None, False

    def sibling(name: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, path.rsplit("/", 1)[0] + "/" + name, "", ""))

    if path == "/query":  # Oxigraph server
        return sibling("update"), sibling("store"), True
    if re.fullmatch(r"/[^/]+/(query|sparql)", path):  # Fuseki: /DATASET/query|sparql
        return sibling("update"), sibling("data"), False
    if re.fullmatch(r"(/[^/]+)*/repositories/[^/]+", path):  # RDF4J / GraphDB: /repositories/ID
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        return base + "/statements", base + "/rdf-graphs/service", False
    return None, None, False


# -- HTTP ------------------------------------------------------------------------------------------
@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def text(self, limit: int = 300) -> str:
        text = self.body.decode("utf-8", "replace").strip().replace("\n", " ")
        return text if len(text) <= limit else text[: limit - 1] + "…"


class _Client:
    """Keep-alive HTTP(S) connections (one per thread and host), timeouts, retries, auth."""

    def __init__(self, timeout: float, retries: int, backoff: float):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._local = threading.local()
        self._auth = self._auth_header()

    @staticmethod
    def _auth_header() -> str | None:
        token = os.environ.get("UFGRAPH_TOKEN")
        if token:
            return "Bearer " + token
        user = os.environ.get("UFGRAPH_USER")
        if user:
            pair = f"{user}:{os.environ.get('UFGRAPH_PASSWORD', '')}".encode("utf-8")
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None

    def _connection(self, scheme: str, netloc: str, fresh: bool) -> http.client.HTTPConnection:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = self._local.__dict__.setdefault("pool", {})
        key = (scheme, netloc)
        conn = pool.pop(key, None)
        if conn is not None and fresh:
            conn.close()
            conn = None
        if conn is None:
            cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            conn = cls(netloc, timeout=self.timeout)
        pool[key] = conn
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        pool = self._local.__dict__.get("pool", {})
        conn = pool.pop((scheme, netloc), None)
        if conn is not None:
            conn.close()

    def close(self) -> None:
        for conn in self._local.__dict__.get("pool", {}).values():
            conn.close()
        self._local.__dict__["pool"] = {}

    def request(self, method: str, url: str, body: bytes | None = None, headers: Mapping[str, str] | None = None,
                *, idempotent: bool = True, what: str = "request") -> Response:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        hdrs = {"User-Agent": "ufgraph", "Connection": "keep-alive", **(headers or {})}
        if self._auth:
            hdrs["Authorization"] = self._auth
        shown = public_url(url)
        attempt = 0
        while True:
            sent = False
            reused = bool(self._local.__dict__.get("pool", {}).get((parts.scheme, parts.netloc)))
            conn = self._connection(parts.scheme, parts.netloc, fresh=not idempotent)
            try:
                if conn.sock is None:
                    conn.connect()
                conn.request(method, target, body=body, headers=hdrs)
                sent = True
                resp = conn.getresponse()
                data = resp.read()
                result = Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
                if resp.will_close:
                    self._drop(parts.scheme, parts.netloc)
            except (socket.timeout, TimeoutError):
                self._drop(parts.scheme, parts.netloc)
                hint = "" if what == "query" else "; each graph is either wholly replaced or untouched: re-run to be sure"
                raise EndpointError(f"{shown} did not answer within {self.timeout:g} s ({what}){hint}") from None
            except (OSError, http.client.HTTPException) as exc:
                self._drop(parts.scheme, parts.netloc)
                stale = reused and isinstance(exc, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError))
                if (idempotent or not sent) and attempt < self.retries:
                    attempt += 1
                    if not stale:
                        self._sleep(attempt, None)
                    continue
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                raise EndpointError(f"cannot reach {shown} ({what}): {reason}"
                                    + (f" after {attempt + 1} attempts" if attempt else "")) from None
            if result.status in _RETRY_STATUS and idempotent and attempt < self.retries:
                attempt += 1
                self._sleep(attempt, result.headers.get("retry-after"))
                continue
            result.attempts = attempt + 1  # type: ignore[attr-defined]
            return result

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4)
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, min(float(retry_after), 30.0))
        time.sleep(delay)


# -- the store ----------------------------------------------------------------------------------
def _with_prefixes(sparql: str) -> str:
    """``sparql`` with PREFIX lines for the project prefixes it uses but does not declare (the
    embedded store declares them for every query)."""
    declared = {(m.group(1) or "") for m in _PREFIX_DECL.finditer(sparql)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared and f"{p}:" in sparql]
    return ("\n".join(lines) + "\n" + sparql) if lines else sparql


def _ntriples(triples: Iterable[Triple]) -> Iterator[str]:
    for s, p, o in triples:
        yield f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ."


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint (query, update, Graph Store Protocol) as a store."""

    def __init__(self, query_url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 read_only: bool = False, must_exist: bool = False, timeout: float | None = None,
                 retries: int | None = None, backoff: float | None = None, write_via: str | None = None,
                 union_param: bool | None = None, **_: object):
        self.query_url = check_url(query_url, "query endpoint")
        self.spec = public_url(query_url)
        self.read_only = read_only
        d_update, d_gsp, oxigraph = derive_urls(query_url)
        self.update_url = update_url or os.environ.get("UFGRAPH_UPDATE_URL") or d_update
        self.gsp_url = gsp_url or os.environ.get("UFGRAPH_GSP_URL") or d_gsp
        for url, what in ((self.update_url, "update endpoint"), (self.gsp_url, "Graph Store endpoint")):
            if url:
                check_url(url, what)
        env_union = os.environ.get("UFGRAPH_UNION_PARAM")
        self.union_param = union_param if union_param is not None else (
            env_union.strip().lower() in ("1", "true", "yes") if env_union else oxigraph)
        self.write_via = (write_via or os.environ.get("UFGRAPH_WRITE_VIA") or ("update" if self.update_url else "gsp"))
        if self.write_via not in ("update", "gsp"):
            raise StoreError(f"UFGRAPH_WRITE_VIA must be 'update' or 'gsp', not {self.write_via!r}")
        self.http = _Client(
            timeout if timeout is not None else _env_float("UFGRAPH_TIMEOUT", 30.0),
            retries if retries is not None else int(_env_float("UFGRAPH_RETRIES", 3)),
            backoff if backoff is not None else _env_float("UFGRAPH_BACKOFF", 0.25),
        )

    # -- plumbing --------------------------------------------------------------------------------
    def _post_query(self, sparql: str, accept: str) -> Response:
        params = {"query": _with_prefixes(sparql)}
        if self.union_param:
            params["union-default-graph"] = ""
        body = urlencode(params).encode("utf-8")
        resp = self.http.request("POST", self.query_url, body, {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept}, what="query")
        if resp.status == 400:
            raise QueryError(f"the endpoint refused the query: {resp.text()}")
        self._check(resp, self.query_url, "query")
        return resp

    def _check(self, resp: Response, url: str, what: str) -> None:
        if 200 <= resp.status < 300:
            return
        shown = public_url(url)
        tries = getattr(resp, "attempts", 1)
        after = f" after {tries} attempts" if tries > 1 else ""
        if resp.status in (401, 403):
            raise EndpointError(f"{shown} refused the {what} (HTTP {resp.status}): check UFGRAPH_USER/"
                                "UFGRAPH_PASSWORD or UFGRAPH_TOKEN and the server's permissions")
        if resp.status == 404:
            raise EndpointError(f"{shown} answered 404 Not Found to the {what}: is this the right endpoint URL?")
        raise EndpointError(f"{shown} failed the {what} with HTTP {resp.status}{after}: {resp.text(200)}")

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.spec} was opened read-only")
        if self.write_via == "update" and not self.update_url:
            raise StoreError(f"no update endpoint for {self.spec}: give --update-url or UFGRAPH_UPDATE_URL")
        if self.write_via == "gsp" and not self.gsp_url:
            raise StoreError(f"no Graph Store endpoint for {self.spec}: give --gsp-url or UFGRAPH_GSP_URL "
                             "(or --update-url for SPARQL Update)")

    def _send_update(self, sparql: str, *, idempotent: bool, what: str) -> None:
        assert self.update_url
        body = urlencode({"update": sparql}).encode("utf-8")
        resp = self.http.request("POST", self.update_url, body, {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}, idempotent=idempotent, what=what)
        if resp.status == 400 and not idempotent:
            raise QueryError(f"the endpoint refused the update: {resp.text()}")
        self._check(resp, self.update_url, what)

    # -- writing ---------------------------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> int:
        return self.replace_graphs([(graph_iri, list(triples))])

    def replace_graphs(self, items: Iterable[tuple[str, Sequence[Triple]]]) -> int:
        return self.load_graphs([(iri, "".join(line + "\n" for line in _ntriples(triples)).encode("utf-8"))
                                 for iri, triples in items])

    def load_graphs(self, items: Sequence[tuple[str, bytes]], names: bytes = b"") -> int:
        """The N-Triples go into the request as they are (their terms are written and escaped
        by :mod:`ufgraph.rdf.nt`): inside ``INSERT DATA``, or as the body of a Graph Store PUT
        (the names: a POST, which adds)."""
        self._writable()
        raw: dict[str, bytes] = {}
        for iri, data in items:  # the same article twice in one batch: the last one wins
            raw[str(iri)] = data
        if self.write_via == "gsp":
            for iri, data in raw.items():
                self._put_graph(iri, data)
            if names.strip():
                self._put_graph(NAMES_GRAPH, names, method="POST")
            return sum(data.count(b"\n") for data in raw.values())
        latest = {iri: data.decode("utf-8") for iri, data in raw.items()}
        names_text = names.decode("utf-8")
        chunk: list[str] = []
        size = 0
        if names_text.strip():
            chunk.append(f"INSERT DATA {{ GRAPH <{NAMES_GRAPH}> {{\n{names_text}}} }}")
            size = len(chunk[0])
        for iri, text in latest.items():
            g = str(ox.NamedNode(iri))
            op = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{text}}} }}"
            if chunk and size + len(op) > MAX_REQUEST_BYTES:
                self._send_update(" ;\n".join(chunk), idempotent=True, what="graph replace")
                chunk, size = [], 0
            chunk.append(op)
            size += len(op)
        if chunk:
            self._send_update(" ;\n".join(chunk), idempotent=True, what="graph replace")
        return sum(text.count("\n") for text in latest.values())

    def _put_graph(self, iri: str, body: bytes, method: str = "PUT") -> None:
        assert self.gsp_url
        url = self.gsp_url + ("&" if "?" in self.gsp_url else "?") + urlencode({"graph": iri})
        resp = self.http.request(method, url, body, {"Content-Type": _NTRIPLES}, what="graph replace")
        self._check(resp, self.gsp_url, "graph replace")

    def remove_graph(self, graph_iri: str) -> None:
        self._writable()
        if self.write_via == "update":
            self._send_update(f"DROP SILENT GRAPH {ox.NamedNode(str(graph_iri))}", idempotent=True, what="graph removal")
            return
        assert self.gsp_url
        url = self.gsp_url + ("&" if "?" in self.gsp_url else "?") + urlencode({"graph": str(graph_iri)})
        resp = self.http.request("DELETE", url, what="graph removal")
        if resp.status != 404:
            self._check(resp, self.gsp_url, "graph removal")

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.spec} was opened read-only")
        if not self.update_url:
            raise StoreError(f"no update endpoint for {self.spec}: give --update-url or UFGRAPH_UPDATE_URL")
        self._send_update(_with_prefixes(sparql), idempotent=False, what="update")

    # -- reading ---------------------------------------------------------------------------------
    def query_terms(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """SELECT/ASK as pyoxigraph ``QuerySolutions``/``QueryBoolean``; CONSTRUCT/DESCRIBE as a
        list of pyoxigraph ``Triple`` — the same types the embedded store's ``query`` gives."""
        text = bind(sparql, bindings)
        if query_form(text) in ("construct", "describe"):
            resp = self._post_query(text, _NTRIPLES)
            ctype = resp.headers.get("content-type", _NTRIPLES).split(";")[0].strip()
            fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
            try:
                return list(ox.parse(resp.body, format=fmt))
            except (SyntaxError, ValueError) as exc:
                raise EndpointError(f"{self.spec} sent unreadable RDF: {exc}") from None
        resp = self._post_query(text, _SPARQL_JSON)
        try:
            return ox.parse_query_results(resp.body, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.spec} sent unreadable query results: {exc}") from None

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        res = self.query_terms(sparql, bindings)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(boolean=bool(res))
        if isinstance(res, list):
            raise QueryError("this query builds a graph (CONSTRUCT/DESCRIBE); use it with `export`-style output")
        names = [v.value for v in res.variables]
        rows = [{n: from_ox(sol[n]) for n in names} for sol in res]
        return QueryResult(variables=names, rows=rows)

    def construct(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Graph:
        res = self.query_terms(sparql, bindings)
        if not isinstance(res, list):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in res:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def _quads(self) -> Iterator[ox.Quad]:
        res = self.query_terms("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for sol in res:
            yield ox.Quad(sol["s"], sol["p"], sol["o"], sol["g"])

    def export(self, fmt: str = "trig", output: BinaryIO | None = None) -> bytes | None:
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        kwargs: dict[str, Any] = {"prefixes": PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
        if rdf_format.supports_datasets:
            return ox.serialize(self._quads(), output, format=rdf_format, **kwargs)
        triples = self.query_terms("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return ox.serialize(triples, output, format=rdf_format, **kwargs)

    def graphs(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r["g"]) for r in res.rows if r.get("g") and r["g"] != NAMES_GRAPH)

    def triple_count(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0]["n"]) if res.rows else 0

    def ping(self) -> None:
        """Raise :class:`EndpointError` unless the query endpoint answers."""
        self.query("ASK { }")

    def close(self) -> None:
        self.http.close()


def open_remote(spec: str, **options: Any) -> RemoteStore:
    """The :func:`ufgraph.store.open_store` factory for ``http://`` and ``https://`` specs."""
    options = {k: v for k, v in options.items() if v is not None}
    return RemoteStore(spec, **options)


__all__ = ["RemoteStore", "open_remote", "derive_urls", "public_url", "check_url", "MAX_REQUEST_BYTES"]
