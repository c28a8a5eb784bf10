"""The ``ufgraph`` command line: a thin typer layer over the library.

Each submodule registers the commands of one area on :data:`app`; errors are turned into
friendly one-line messages in one place (:mod:`ufgraph.cli._errors`).
"""

from __future__ import annotations

from ._app import app, main
from . import text  # noqa: F401  (registers normalise, extract)

for _optional in ("graph", "viz", "serve"):
    try:  # areas land one by one; a missing one must not break the others
        __import__(f"{__name__}.{_optional}")
    except ModuleNotFoundError as _exc:  # pragma: no cover
        if _exc.name != f"{__name__}.{_optional}":
            raise

__all__ = ["app", "main"]
