"""Locate the bundled ``data/``, ``ontology/`` and ``queries/`` folders.

In a source checkout (and an editable install) they are the top-level folders of the repository;
in a wheel, hatchling's ``force-include`` copies them to ``ufgraph/_bundled/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    """Return the folder of bundled resource ``name`` (``data``, ``ontology`` or ``queries``)."""
    for candidate in (_PKG / "_bundled" / name, _PKG.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found next to {_PKG}")


def data_path(*parts: str) -> Path:
    return resource_dir("data").joinpath(*parts)


def ontology_path(*parts: str) -> Path:
    return resource_dir("ontology").joinpath(*parts)


def queries_path(*parts: str) -> Path:
    return resource_dir("queries").joinpath(*parts)
