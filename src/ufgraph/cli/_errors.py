"""One place that maps ufgraph's errors to friendly CLI messages and exit codes."""

from __future__ import annotations

import functools
import sys
import traceback
from typing import Any, Callable

import typer

from ..errors import UfgraphError


def report(exc: BaseException, debug: bool = False) -> None:
    """Print one clear line for ``exc`` on stderr (with the traceback when ``debug``)."""
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, UfgraphError):
        typer.echo(f"error: {exc}", err=True)
    else:
        typer.echo(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)", err=True)


def fail(exc: BaseException, debug: bool = False) -> "typer.Exit":
    """Report ``exc`` and return the ``typer.Exit`` to raise."""
    report(exc, debug)
    return typer.Exit(getattr(exc, "exit_code", 1))


STATE = {"debug": False}


def debug_flag() -> bool:
    """Whether ``--debug`` was given (set by the root callback; argv for safety)."""
    return STATE["debug"] or "--debug" in sys.argv


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command so that a :class:`UfgraphError` (or any unexpected error) prints one
    line and exits with the error's code; ``--debug`` adds the traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - mapped to a message, traceback with --debug
            raise fail(exc, debug_flag()) from None

    return wrapper
