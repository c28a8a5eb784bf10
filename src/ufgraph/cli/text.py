"""Commands over single articles, no store needed: ``normalise`` and ``extract``."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import app
from ._errors import friendly


@app.command()
@friendly
def normalise(
    file: Path = typer.Argument(..., help="Article file (any supported encoding); - for stdin."),
    report: bool = typer.Option(False, "--report", help="Also list the repairs and the spans left damaged."),
) -> None:
    """Print the cleaned, simplified text of an article (with --report: what was repaired)."""
    from ..io import read_source
    from ..normalise import normalise as run
    from ..report import format_report

    name, data = read_source(file)
    result = run(data, name)
    typer.echo(result.text)
    if report:
        typer.echo(format_report(result), err=False)
