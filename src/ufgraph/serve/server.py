"""``ufgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, on the standard
library's ``ThreadingHTTPServer``.

* ``GET /query?query=…`` and ``POST /query`` (``application/x-www-form-urlencoded`` with
  ``query=``, or ``application/sparql-query``); ``/sparql`` is the same. Answers by content
  negotiation (``Accept``, or ``?format=``): SELECT/ASK as JSON (default), XML, CSV or TSV;
  CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, RDF/XML or JSON-LD.
* Updates are refused with 403 (``update=``, ``application/sparql-update``, ``/update``, or an
  update sent as a query); PUT/DELETE/PATCH get 405.
* ``GET /lookup/NAME?…`` — the named lookups of :mod:`ufgraph.lookups` as JSON.
* ``GET /viz?focus=…`` — the network page of :mod:`ufgraph.viz`.

Limits: a query time limit, a row limit (the answer is cut and says so in ``X-SPARQL-MaxRows``
and ``X-Ufgraph-Truncated``), a request-body limit. Everything echoed into HTML is escaped.
"""

from __future__ import annotations

import html
import ipaddress
import json
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from .. import lookups
from ..errors import EndpointError, QueryError, StoreError, UfgraphError
from . import results
from .engine import Answer, Busy, Engine, TimeLimit, UpdateRefused

MAX_BODY = 1_000_000
DEFAULT_PORT = 7878

#: /lookup/NAME → (function, allowed parameters, required parameters)
LOOKUPS: dict[str, tuple[Callable[..., Any], tuple[str, ...], tuple[str, ...]]] = {
    "who-holds": (lookups.who_holds, ("title", "org", "on"), ("title",)),
    "posts": (lookups.posts, ("person",), ("person",)),
    "org": (lookups.body_people, ("body",), ("body",)),
    "meetings": (lookups.meetings, ("year",), ()),
    "meeting": (lookups.meeting_participants, ("name",), ()),
    "awards": (lookups.awards, ("award", "year"), ()),
    "tasks": (lookups.tasks, ("area", "year"), ()),
    "timeline": (lookups.timeline, ("person",), ("person",)),
    "shared-bodies": (lookups.shared_bodies, ("person",), ()),
    "shared-meetings": (lookups.shared_meetings, ("person",), ()),
}


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
        except OSError:
            return False


class _Reply(Exception):
    """An HTTP error answer: status and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class Handler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        return "ufgraph"

    # -- plumbing ------------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.server.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        body = (message.replace("\n", " ") + "\n").encode("utf-8")
        self._send(status, body, "text/plain; charset=utf-8", headers)

    def _handle(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except _Reply as r:
            self._error(r.status, r.message, r.headers)
        except UpdateRefused as exc:
            self._error(HTTPStatus.FORBIDDEN, str(exc))
        except TimeLimit as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except Busy as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), {"Retry-After": "1"})
        except QueryError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except EndpointError as exc:  # serving a remote store that failed
            self._error(HTTPStatus.BAD_GATEWAY, str(exc))
        except StoreError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        except UfgraphError as exc:  # a bad lookup value, a --focus name that matches nothing
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the server
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(exc).__name__}")
            if self.server.verbose:
                import traceback

                traceback.print_exception(exc)

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Reply(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length > MAX_BODY:
            raise _Reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY:,} bytes")
        return self.rfile.read(length) if length > 0 else b""

    # -- verbs -----------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._handle(self._post)

    def _refuse_method(self) -> None:
        self._body()
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = lambda self: self._handle(self._refuse_method)  # noqa: E731

    def _get(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        path = url.path.rstrip("/") or "/"
        if path in ("/query", "/sparql"):
            if "update" in params:
                raise UpdateRefused("this endpoint is read-only: SPARQL updates are refused")
            if "query" not in params:
                raise _Reply(HTTPStatus.BAD_REQUEST, "give the SPARQL query as ?query=…")
            return self._sparql(params["query"][0], params)
        if path == "/update":
            raise UpdateRefused("this endpoint is read-only: SPARQL updates are refused")
        if path.startswith("/lookup/"):
            return self._lookup(path[len("/lookup/"):], params)
        if path == "/viz":
            return self._viz(params)
        if path == "/":
            return self._index()
        raise _Reply(HTTPStatus.NOT_FOUND, "not found: try /query, /lookup/who-holds, /viz")

    def _post(self) -> None:
        url = urlsplit(self.path)
        path = url.path.rstrip("/")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if path == "/update" or ctype == "application/sparql-update":
            raise UpdateRefused("this endpoint is read-only: SPARQL updates are refused")
        if path not in ("/query", "/sparql"):
            raise _Reply(HTTPStatus.NOT_FOUND, "not found: POST queries to /query")
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                raise UpdateRefused("this endpoint is read-only: SPARQL updates are refused")
            if "query" not in form:
                raise _Reply(HTTPStatus.BAD_REQUEST, "give the SPARQL query as the form field query=…")
            params = {**params, **form}
            text = form["query"][0]
        elif ctype == "application/sparql-query":
            text = body.decode("utf-8", "replace")
        else:
            raise _Reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                         "POST application/x-www-form-urlencoded (query=…) or application/sparql-query")
        self._sparql(text, params)

    # -- answers ---------------------------------------------------------------------------------
    def _sparql(self, text: str, params: dict[str, list[str]]) -> None:
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise _Reply(HTTPStatus.BAD_REQUEST, "default-graph-uri/named-graph-uri are not supported: "
                         "queries read the union of the article graphs (use GRAPH ?g { … })")
        fmt_param = (params.get("format") or params.get("output") or [None])[0]
        kind = "graph" if self.server.engine.form(text) in ("construct", "describe") else "results"
        fmt = results.negotiate(kind, self.headers.get("Accept"), fmt_param)
        if fmt is None:
            supported = results.GRAPH_TYPES if kind == "graph" else results.RESULT_TYPES
            raise _Reply(HTTPStatus.NOT_ACCEPTABLE, "cannot answer in the requested type; supported: "
                         + ", ".join(supported.values()))
        answer: Answer = self.server.engine.sparql(text)
        if answer.kind == "ask":
            body = results.ask_bytes(fmt if fmt in results.RESULT_TYPES else "json", answer.boolean)
            fmt = fmt if fmt in results.RESULT_TYPES else "json"
        elif answer.kind == "select":
            if fmt not in results.RESULT_TYPES:
                fmt = "json"
            body = results.select_bytes(fmt, answer.variables, answer.rows)
        else:
            if fmt not in results.GRAPH_TYPES:
                fmt = "turtle"
            body = results.graph_bytes(fmt, answer.triples)
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers.update({"X-SPARQL-MaxRows": str(self.server.engine.max_rows), "X-Ufgraph-Truncated": "true"})
        self._send(HTTPStatus.OK, body, results.media_type(fmt), headers)

    def _lookup(self, name: str, params: dict[str, list[str]]) -> None:
        if name not in LOOKUPS:
            raise _Reply(HTTPStatus.NOT_FOUND, f"no lookup {name!r}; known: {', '.join(LOOKUPS)}")
        fn, allowed, required = LOOKUPS[name]
        unknown = sorted(set(params) - set(allowed))
        if unknown:
            raise _Reply(HTTPStatus.BAD_REQUEST, f"lookup {name} takes {', '.join(allowed) or 'no parameters'}, "
                         f"not {', '.join(unknown)}")
        missing = [p for p in required if not (params.get(p) or [""])[0].strip()]
        if missing:
            raise _Reply(HTTPStatus.BAD_REQUEST, f"lookup {name} needs {', '.join(missing)}")
        args = {p: params[p][0] for p in allowed if p in params and params[p][0].strip()}
        engine = self.server.engine
        res = engine.limited(lambda st: fn(st, **args))
        rows = res.rows[: engine.max_rows]
        doc = {"lookup": name, "parameters": args, "variables": res.variables, "rows": rows,
               "truncated": len(res.rows) > len(rows)}
        self._send(HTTPStatus.OK, json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _viz(self, params: dict[str, list[str]]) -> None:
        from ..viz.projection import Selection, project
        from ..viz.render import render_html

        focus = tuple(v for v in params.get("focus", []) if v.strip())
        types = [t.strip() for t in (params.get("types") or [""])[0].split(",") if t.strip()] or None
        try:
            depth = int((params.get("depth") or ["2"])[0])
        except ValueError:
            raise _Reply(HTTPStatus.BAD_REQUEST, "depth must be a whole number") from None
        selection = Selection(since=(params.get("since") or [None])[0], until=(params.get("until") or [None])[0],
                              types=types, focus=focus, depth=max(0, min(depth, 6)))
        graph = self.server.engine.limited(lambda st: project(st, selection))
        heading = "ufgraph" + (" · " + "、".join(focus) if focus else "")
        page = render_html(graph, heading=heading)
        self._send(HTTPStatus.OK, page.html.encode("utf-8"), "text/html; charset=utf-8")

    def _index(self) -> None:
        store = html.escape(self.server.engine.spec)
        names = "".join(f"<li><code>/lookup/{html.escape(n)}?{html.escape('&'.join(p + '=…' for p in a))}</code></li>"
                        for n, (_, a, _) in LOOKUPS.items())
        page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ufgraph endpoint</title></head>
<body><h1>ufgraph: read-only SPARQL endpoint</h1><p>Store: <code>{store}</code></p>
<p>SPARQL 1.1 Protocol at <code>/query</code> (GET ?query=, POST form or application/sparql-query);
answers: JSON, XML, CSV, TSV; graphs as Turtle. Updates are refused. Rows are limited to
{self.server.engine.max_rows:,}; queries to {self.server.engine.timeout:g} s.</p>
<p><a href="/viz">The network page</a></p><h2>Lookups (JSON)</h2><ul>{names}</ul></body></html>"""
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": "default-src 'none'"})


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], engine: Engine, verbose: bool = False):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.engine = engine
        self.verbose = verbose

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}"


def make_server(store: str | None = None, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
                timeout: float = 30.0, max_rows: int = 10_000, verbose: bool = False) -> SparqlServer:
    """A server (not yet serving) over ``store``; ``port=0`` picks a free port (see ``.url``)."""
    engine = Engine(store, timeout=timeout, max_rows=max_rows)
    try:
        return SparqlServer((host, port), engine, verbose)
    except OSError as exc:
        engine.close()
        raise UfgraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run ``server`` in a daemon thread (tests, notebooks); stop with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="ufgraph-serve", daemon=True)
    thread.start()
    return thread


__all__ = ["make_server", "serve_in_thread", "SparqlServer", "Handler", "is_loopback", "LOOKUPS", "DEFAULT_PORT"]
