"""Limits and defaults, each overridable from the environment (``UFGRAPH_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Input limits. A file over ``max_file_bytes`` or an article over ``max_article_chars`` is
    refused with a clear error rather than read into memory."""

    max_file_bytes: int = field(default_factory=lambda: _env_int("UFGRAPH_MAX_FILE_BYTES", 20_000_000))
    max_article_chars: int = field(default_factory=lambda: _env_int("UFGRAPH_MAX_ARTICLE_CHARS", 2_000_000))


DEFAULT_STORE = "ufgraph-store"


def default_store() -> str:
    return os.environ.get("UFGRAPH_STORE", DEFAULT_STORE)
