"""``ufgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, with the named
lookups as JSON and the network page (see :mod:`.server`, :mod:`.engine`, :mod:`.results`)."""

from __future__ import annotations

from .engine import Answer, Busy, Engine, TimeLimit, UpdateRefused
from .server import DEFAULT_PORT, SparqlServer, is_loopback, make_server, serve_in_thread

__all__ = ["make_server", "serve_in_thread", "SparqlServer", "Engine", "Answer", "is_loopback",
           "TimeLimit", "Busy", "UpdateRefused", "DEFAULT_PORT"]
