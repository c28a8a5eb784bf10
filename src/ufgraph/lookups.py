"""The named lookups behind the CLI: user input (simplified, traditional, variant or pinyin) →
a search key → a bound named query → rows of plain values.

Every row carries where it came from: ``source`` (the article's file), ``published`` and, where
the claim has one, ``quote`` with ``rawStart``/``rawEnd`` offsets into the raw article.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD

from . import queries
from .errors import QueryError
from .rdf.keys import query_key
from .store.base import QueryResult, Store


def _key(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    key = query_key(text)
    if not key:
        raise QueryError(f"{what} {text!r} has nothing to look up (no Han characters or letters)")
    return key


def _date(text: str | None) -> Literal | None:
    if text is None:
        return None
    try:
        return Literal(date.fromisoformat(text.strip()).isoformat(), datatype=XSD.date)
    except ValueError:
        raise QueryError(f"bad date {text!r}: use YYYY-MM-DD") from None


def _year(value: int | str | None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise QueryError(f"bad year {value!r}: use four digits, e.g. 2024")
    return text


def who_holds(store: Store, title: str, org: str | None = None, on: str | None = None) -> QueryResult:
    """People observed holding ``title`` (in body ``org``). With ``on``: only observations on or
    before that date, the latest one per person and post — who is known to have held it by then."""
    res = queries.run(store, "who-holds", {"titleKey": _key(title, "title"), "orgKey": _key(org, "body"), "on": _date(on)})
    if on is not None:
        latest: dict[tuple[Any, Any], dict[str, Any]] = {}
        for row in res.rows:  # ordered by date within a person and body: keep the last
            latest[(row["person"], row["bodyIri"])] = row
        res = QueryResult(res.variables, list(latest.values()))
    return res


def posts(store: Store, person: str) -> QueryResult:
    return queries.run(store, "posts-of", {"personKey": _key(person, "person")})


def body_people(store: Store, body: str) -> QueryResult:
    return queries.run(store, "body-people", {"orgKey": _key(body, "body")})


def meetings(store: Store, year: int | str | None = None) -> QueryResult:
    return queries.run(store, "meetings", {"inYear": _year(year)})


def meeting_participants(store: Store, name: str | None = None) -> QueryResult:
    return queries.run(store, "meeting-participants", {"meetingKey": _key(name, "meeting")})


def awards(store: Store, award: str | None = None, year: int | str | None = None) -> QueryResult:
    return queries.run(store, "awards", {"awardKey": _key(award, "award"), "inYear": _year(year)})


def tasks(store: Store, area: str | None = None, year: int | str | None = None) -> QueryResult:
    return queries.run(store, "tasks-by-area", {"areaKey": _key(area, "work area"), "inYear": _year(year)})


def timeline(store: Store, person: str) -> QueryResult:
    return queries.run(store, "timeline", {"personKey": _key(person, "person")})


def shared_bodies(store: Store, person: str | None = None) -> QueryResult:
    return queries.run(store, "shared-bodies", {"personKey": _key(person, "person")})


def shared_meetings(store: Store, person: str | None = None) -> QueryResult:
    return queries.run(store, "shared-meetings", {"personKey": _key(person, "person")})
