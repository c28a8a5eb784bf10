"""Deterministic, readable IRIs.

Scheme (all under ``https://w3id.org/ufgraph/id/``; each path segment is the NFC, simplified
name, percent-encoded as UTF-8, so the IRIs are plain URIs that every SPARQL server, HTTP client
and JSON-LD tool accepts, and decode back to the name — see :func:`readable`):

==================  ==========================================  ============================
thing               path                                        identity
==================  ==========================================  ============================
person              ``person/{jurisdiction}/{name}``            name *within* a jurisdiction
body                ``org/{canonical name}``                    canonical name (全称)
post                ``post/{canonical body}/{title}``           the office, shared by holders
title/role/area     ``title/{t}``, ``role/{r}``, ``area/{a}``   SKOS concepts
award               ``award/{name}``                            name (usually carries a year)
meeting             ``meeting/{jurisdiction}/{name}/{date|_}``  name, place and date
article (= graph)   ``article/{sha256 of the raw bytes[:32]}``  the bytes, see below
claim nodes         ``{article}/{kind}/{digest}``               what they link, in that article
evidence            ``{article}/evidence/{start}-{end}``        the raw span
==================  ==========================================  ============================

**Why the article IRI comes from the content hash and not the file name**: the same bytes give the
same graph wherever the file lies and whatever it is called (re-ingesting replaces; a copy under
another name is not a second article), while two different files that share a name
(``index.html`` from two sites) can never overwrite each other. An *edited* file is a new article;
its old graph stays until removed. Records without a hash (the hand-made gold files) fall back to
a hash of their ``source`` name, marked ``src-``.

Segments are never empty (``_`` stands for unknown) and ``/`` inside a name is percent-encoded, so
the mapping from names to IRIs is injective: no two people, bodies or posts collide.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib import URIRef

from .keys import clean, han_key, has_han
from .vocab import ID_BASE

UNKNOWN = "_"

#: The one graph that is not an article's: what follows from a thing's IRI alone (its class, name,
#: romanised name and search keys; a post's body and title; a person's jurisdiction), written
#: once per store instead of once per article.
NAMES_GRAPH = ID_BASE + "names"


@lru_cache(maxsize=200_000)
def segment(name: str | None) -> str:
    """One percent-encoded path segment for ``name`` (simplified, NFC)."""
    if name is None or not clean(name):
        return UNKNOWN
    text = han_key(name) if has_han(name) else clean(name)
    return quote(text, safe="")


def path(*parts: str | None) -> str:
    """The IRI (a plain ``str``) for a path of names: ``path("person", "上海市", "陈通")``. The
    functions below return the same as rdflib ``URIRef``; the mapping uses this form."""
    return ID_BASE + "/".join([segment(p) for p in parts])


def _iri(*parts: str | None) -> URIRef:
    return URIRef(path(*parts))


def person(name: str, jurisdiction: str | None) -> URIRef:
    return _iri("person", jurisdiction, name)


def body(name: str) -> URIRef:
    return _iri("org", name)


def post(body_name: str, title: str) -> URIRef:
    return _iri("post", body_name, title)


def title(name: str) -> URIRef:
    return _iri("title", name)


def role(name: str) -> URIRef:
    return _iri("role", name)


def area(name: str) -> URIRef:
    return _iri("area", name)


def award(name: str) -> URIRef:
    return _iri("award", name)


def meeting(name: str, jurisdiction: str | None, date: str | None) -> URIRef:
    return _iri("meeting", jurisdiction, name, date)


def article_path(content_hash: str | None, source: str | None) -> str:
    """The article's IRI, which is also its named graph's IRI (as a plain ``str``)."""
    if content_hash:
        h = content_hash.lower().removeprefix("sha256:")
        if not all(c in "0123456789abcdef" for c in h) or len(h) < 32:
            h = hashlib.sha256(content_hash.encode("utf-8")).hexdigest()
        return f"{ID_BASE}article/{h[:32]}"
    digest = hashlib.sha256((source or "").encode("utf-8")).hexdigest()
    return f"{ID_BASE}article/src-{digest[:32]}"


def article(content_hash: str | None, source: str | None) -> URIRef:
    return URIRef(article_path(content_hash, source))


def claim_path(article_iri: str, kind: str, *parts: object) -> str:
    """An n-ary claim node inside an article: a digest of what it links, so it is stable."""
    digest = hashlib.sha1("\x1f".join([str(p) for p in parts]).encode("utf-8")).hexdigest()[:16]
    return f"{article_iri}/{kind}/{digest}"


def claim(article_iri: str, kind: str, *parts: object) -> URIRef:
    return URIRef(claim_path(article_iri, kind, *parts))


def evidence_path(article_iri: str, start: int | None, end: int | None, quote_text: str) -> str:
    if start is None or end is None:
        digest = hashlib.sha1(quote_text.encode("utf-8")).hexdigest()[:16]
        return f"{article_iri}/evidence/q-{digest}"
    return f"{article_iri}/evidence/{int(start)}-{int(end)}"


def evidence(article_iri: str, start: int | None, end: int | None, quote_text: str) -> URIRef:
    return URIRef(evidence_path(article_iri, start, end, quote_text))


def readable(iri: str) -> str:
    """``…/person/%E4%B8%8A…/%E9%99%88%E9%80%9A`` → ``person/上海市/陈通`` for display."""
    return unquote(iri[len(ID_BASE):]) if iri.startswith(ID_BASE) else iri
