"""Stores chosen by name, rdflib style: ``open_store(spec)``.

* a path (default ``./ufgraph-store``, or ``UFGRAPH_STORE``): the persistent embedded Oxigraph store;
* ``memory``: a throw-away in-memory Oxigraph store;
* a URL (``http://…``, ``https://…``): a remote SPARQL endpoint (:mod:`.remote`, registered below
  with :func:`register_backend`; other schemes can register their own backend).
"""

from __future__ import annotations

from typing import Callable

from ..errors import StoreError
from ..settings import default_store
from .base import EXPORT_FORMATS, QueryResult, Store, bind, is_update
from .embedded import EmbeddedStore

Factory = Callable[..., Store]
_BACKENDS: dict[str, Factory] = {}


def register_backend(prefix: str, factory: Factory) -> None:
    """Let specs starting with ``prefix`` (e.g. ``"http://"``) open with ``factory(spec, **options)``."""
    _BACKENDS[prefix] = factory


def open_store(spec: str | None = None, *, read_only: bool = False, must_exist: bool = False, **options: object) -> Store:
    """Open the store named by ``spec`` (``None``: ``UFGRAPH_STORE`` or ``./ufgraph-store``).

    ``must_exist``: fail with a clear :class:`StoreError` instead of creating an empty store (read
    commands). ``read_only``: open without the write lock (see :mod:`.embedded` for the caveat).
    """
    spec = spec or default_store()
    if spec == "memory":
        return EmbeddedStore(None)
    for prefix, factory in _BACKENDS.items():
        if spec.startswith(prefix):
            return factory(spec, read_only=read_only, must_exist=must_exist, **options)
    return EmbeddedStore(spec, read_only=read_only, must_exist=must_exist)


def _open_remote(spec: str, **options: object) -> Store:
    from .remote import open_remote  # imported late: only remote specs need it

    return open_remote(spec, **options)


register_backend("http://", _open_remote)
register_backend("https://", _open_remote)


__all__ = ["open_store", "register_backend", "Store", "QueryResult", "EmbeddedStore", "EXPORT_FORMATS", "bind", "is_update"]
