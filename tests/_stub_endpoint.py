"""A stub SPARQL endpoint on a loopback port that answers every request with one status after a
delay (down, slow and failing endpoints for the remote-store and fault tests)."""

from __future__ import annotations

import http.server
import threading
import time
from typing import Iterator

import pytest


class _Stub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    status = 500
    delay = 0.0
    seen: list[dict] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append({"method": self.command, "path": self.path, "auth": self.headers.get("Authorization")})
        time.sleep(self.delay)
        body = b'{"head":{},"boolean":true}' if self.status == 200 else b"boom"
        self.send_response(self.status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout test)
            pass

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub() -> Iterator:
    servers = []

    def start(status: int = 500, delay: float = 0.0) -> tuple[str, type]:
        handler = type("Stub", (_Stub,), {"status": status, "delay": delay, "seen": []})
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/query", handler

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()
