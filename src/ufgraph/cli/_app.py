"""The typer application, its global options and the entry point."""

from __future__ import annotations

import typer

from ._errors import STATE

app = typer.Typer(
    name="ufgraph",
    help="Turn Chinese united-front work news into a knowledge graph of officials, bodies and tasks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors.")) -> None:
    STATE["debug"] = debug


def main() -> None:
    app()
