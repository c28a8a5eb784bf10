"""Named SPARQL queries: ``queries/<name>.rq``, each opening with a header comment::

    # who-holds: one line saying what it answers.
    # param titleKey: required. What the value is.
    # param orgKey: optional. …

:func:`run` checks the parameters against the header (unknown or missing ones are a
:class:`QueryError`) and hands them to the store as *bindings* — never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .errors import QueryError
from .resources import queries_path
from .store.base import QueryResult, Store

_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(required|optional)?\.?\s*(.*)$", re.IGNORECASE)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    summary: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    def check(self, bindings: Mapping[str, Any]) -> dict[str, Any]:
        """The bindings with ``None`` values dropped; raise on unknown or missing parameters."""
        known = {p.name for p in self.params}
        given = {k: v for k, v in bindings.items() if v is not None and v != ""}
        unknown = sorted(set(given) - known)
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes: {', '.join(sorted(known)) or 'none'}")
        missing = [p.name for p in self.params if p.required and p.name not in given]
        if missing:
            raise QueryError(f"query {self.name!r} needs parameter {', '.join(missing)} (--param {missing[0]}=…)")
        return given


def parse(text: str, name: str) -> NamedQuery:
    """Read the header comment of a query."""
    summary, params = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        m = _PARAM.match(line)
        if m:
            params.append(Param(m.group(1), (m.group(2) or "").lower() == "required", m.group(3).strip()))
        elif not summary:
            summary = line.lstrip("#").strip()
            if summary.lower().startswith(name + ":"):
                summary = summary[len(name) + 1:].strip()
    return NamedQuery(name, text, summary, tuple(params))


def available() -> list[str]:
    """The names of the bundled queries."""
    return sorted(p.stem for p in queries_path().glob("*.rq"))


@lru_cache(maxsize=None)
def _load_bundled(name: str) -> NamedQuery:
    path = queries_path(f"{name}.rq")
    if not path.is_file():
        raise QueryError(f"no query named {name!r}; known: {', '.join(available())}")
    return parse(path.read_text(encoding="utf-8"), name)


def load(name_or_file: str) -> NamedQuery:
    """A bundled query by name (``who-holds``), or a ``.rq`` file by path."""
    if name_or_file.endswith(".rq") or "/" in name_or_file or "\\" in name_or_file:
        path = Path(name_or_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read query file {path}: {exc.strerror or exc}") from None
        return parse(text, path.stem)
    if not _NAME.match(name_or_file):
        raise QueryError(f"no query named {name_or_file!r}; known: {', '.join(available())}")
    return _load_bundled(name_or_file)


def run(store: Store, query: str | NamedQuery, bindings: Mapping[str, Any] | None = None) -> QueryResult:
    """Run a named query (or a loaded one) with its parameters bound."""
    q = load(query) if isinstance(query, str) else query
    return store.query(q.text, q.check(bindings or {}))
