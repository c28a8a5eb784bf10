"""Commands over single articles, no store needed: ``normalise`` and ``extract``."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Callable

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


class ExtractFormat(str, Enum):
    """Output formats of ``extract``."""

    json = "json"
    jsonl = "jsonl"
    nquads = "nquads"


def _as_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1)


def _as_jsonl(records: list[dict]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)


def _as_nquads(records: list[dict]) -> str:
    from ..mapstep import records_to_nquads  # the same record → RDF mapping as ingest

    return records_to_nquads(records)


_FORMATTERS: dict[str, Callable[[list[dict]], str]] = {"json": _as_json, "jsonl": _as_jsonl, "nquads": _as_nquads}


@app.command()
@friendly
def extract(
    files: list[Path] = typer.Argument(..., help="Article files (any supported encoding); - for stdin."),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="json: one array; jsonl: one article per line; nquads: each article's named graph (a map step)."),
) -> None:
    """Extract officials, posts, meetings, awards and tasks from articles (no store needed).

    A file that cannot be read or extracted prints one ``error: NAME: reason`` line on stderr;
    the other files go on, and the exit code is non-zero if any failed.
    """
    from ..errors import InputError, UfgraphError
    from ..extract import extract_file

    records: list[dict] = []
    failed = 0
    for f in files:
        try:
            records.append(extract_file(f).to_dict())
        except UfgraphError as exc:
            failed += 1
            msg = f"{exc.source}: {exc.reason}" if isinstance(exc, InputError) else f"{f}: {exc}"
            typer.echo(f"error: {msg}", err=True)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the others
            failed += 1
            typer.echo(f"error: {f}: unexpected {type(exc).__name__}: {exc}", err=True)
    out = _FORMATTERS[format.value](records)
    if out:
        typer.echo(out)
    if failed:
        raise typer.Exit(2)
