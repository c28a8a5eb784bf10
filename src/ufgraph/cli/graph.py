"""Commands over the store: ``ingest``, the lookups (``who-holds``, ``posts``, ``org``,
``meeting``, ``awards``, ``tasks``, ``timeline``), ``query``, ``export``, ``stats``, ``validate``.

Each command is a few lines over the library (:mod:`ufgraph.ingest`, :mod:`ufgraph.lookups`,
:mod:`ufgraph.queries`, :mod:`ufgraph.store`); output is ``--format table|json|csv``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, List, Optional, Sequence

import typer

from ._app import app
from ._errors import debug_flag, friendly

STORE_HELP = "Store: a folder (default: UFGRAPH_STORE or ./ufgraph-store), 'memory', or a SPARQL query endpoint URL."


class Fmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFmt(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


def _store_opt() -> Any:
    return typer.Option(None, "--store", "-s", help=STORE_HELP)


def _fmt_opt() -> Any:
    return typer.Option(Fmt.table, "--format", "-f", help="table, json or csv.")


def _open(spec: Optional[str], write: bool = False, **remote: Optional[str]) -> Any:
    from ..store import open_store

    return open_store(spec, must_exist=not write, **{k: v for k, v in remote.items() if v})


def _update_url_opt() -> Any:
    return typer.Option(None, "--update-url", help="Remote store: SPARQL Update endpoint (else UFGRAPH_UPDATE_URL, or derived).")


def _gsp_url_opt() -> Any:
    return typer.Option(None, "--gsp-url", help="Remote store: Graph Store endpoint (else UFGRAPH_GSP_URL, or derived).")


# Table columns of each lookup: (row key, header). Every table ends with where the row came from.
EVIDENCE = [("source", "article"), ("published", "published"), ("quote", "evidence")]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "who-holds": [("name", "person"), ("title", "title"), ("body", "body"), ("observed", "observed")] + EVIDENCE,
    "posts-of": [("name", "person"), ("title", "title"), ("body", "body"), ("observed", "observed")] + EVIDENCE,
    "body-people": [("body", "body"), ("parent", "parent body"), ("title", "title"), ("name", "person"),
                    ("observed", "observed")] + EVIDENCE,
    "meetings": [("meeting", "meeting"), ("date", "date"), ("place", "place"), ("organiser", "organiser"),
                 ("participants", "people"), ("source", "article")],
    "meeting-participants": [("meeting", "meeting"), ("date", "date"), ("name", "person"), ("role", "role")] + EVIDENCE,
    "awards": [("award", "award"), ("year", "year"), ("recipient", "recipient"), ("kind", "kind"),
               ("supervisedBy", "supervised by")] + EVIDENCE,
    "tasks-by-area": [("area", "work area"), ("year", "year"), ("number", "#"), ("task", "task"),
                      ("deployedBy", "deployed by"), ("source", "article"), ("published", "published")],
    "timeline": [("date", "date"), ("kind", "kind"), ("what", "what")] + EVIDENCE,
}


def _short_source(value: Any) -> Any:
    return Path(value).name if isinstance(value, str) and value else value


def _cell(value: Any, limit: int = 60) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def emit(rows: Sequence[dict[str, Any]], fmt: Fmt, columns: Optional[list[tuple[str, str]]] = None,
         title: Optional[str] = None, variables: Optional[list[str]] = None) -> None:
    """Print rows as a rich table (chosen columns), JSON (every field) or CSV (every field)."""
    if fmt == Fmt.json:
        typer.echo(json.dumps(list(rows), ensure_ascii=False, indent=1))
        return
    keys = variables or (list(rows[0]) if rows else [k for k, _ in columns or []])
    if fmt == Fmt.csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        typer.echo(buf.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    cols = columns or [(k, k) for k in keys]
    table = Table(title=title, show_lines=False)
    for _, header in cols:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(_short_source(row.get(k)) if k == "source" else row.get(k), 28 if k == "quote" else 60)
                        for k, _ in cols))
    plain = Console()
    console = plain if plain.is_terminal else Console(width=160)
    console.print(table)
    typer.echo(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def _lookup(name: str, result: Any, fmt: Fmt, title: str) -> None:
    emit(result.rows, fmt, COLUMNS.get(name), title, result.variables)


# ---------------------------------------------------------------- ingest
@app.command()
@friendly
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, folders (*.txt, *.html, *.htm, recursively) or - for stdin."),
    store: Optional[str] = _store_opt(),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="Summary as table or json."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction (one writer)."),
    update_url: Optional[str] = _update_url_opt(), gsp_url: Optional[str] = _gsp_url_opt(),
) -> None:
    """Extract articles and write each as its own named graph (re-ingesting replaces it)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..ingest import count_inputs, ingest as run

    err = Console(stderr=True)
    with _open(store, write=True, update_url=update_url, gsp_url=gsp_url) as st, Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        console=err, transient=True, disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("", total=count_inputs(paths))
        summary = run(paths, st, jobs=jobs, on_read=lambda p: bar.update(task, advance=1, description=Path(p).name))
    debug = debug_flag()
    for r in summary.failed:
        if debug and r.trace:
            typer.echo(r.trace.rstrip("\n"), err=True)
        typer.echo(f"error: {r.source}: {r.error}", err=True)
    if fmt == Fmt.json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        typer.echo(f"ingested {len(summary.ok)} file(s), {summary.triples:,} triples; "
                   f"{len(summary.failed)} failed; store now holds {summary.store_triples:,} triples")
    if summary.failed:
        raise typer.Exit(2)


# ---------------------------------------------------------------- lookups
@app.command("who-holds")
@friendly
def who_holds(
    title: str = typer.Argument(..., help="Title, e.g. 副部长 (traditional or simplified)."),
    org: Optional[str] = typer.Option(None, "--org", help="Body: full name or as written (市委统战部)."),
    on: Optional[str] = typer.Option(None, "--on", help="YYYY-MM-DD: latest observation on or before this date."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """Who was observed holding a title (in a body, by a date), with article and date."""
    from .. import lookups

    with _open(store) as st:
        _lookup("who-holds", lookups.who_holds(st, title, org, on), fmt, f"who holds {title}")


@app.command()
@friendly
def posts(
    person: str = typer.Argument(..., help="Name: simplified, traditional or pinyin (\"Chen Tong\")."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """The posts a person was observed holding, by date."""
    from .. import lookups

    with _open(store) as st:
        _lookup("posts-of", lookups.posts(st, person), fmt, f"posts of {person}")


@app.command("org")
@friendly
def org_(
    body: str = typer.Argument(..., help="Body: full name or as written (市委统战部, 市工商联)."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """The people observed holding posts in a body."""
    from .. import lookups

    with _open(store) as st:
        _lookup("body-people", lookups.body_people(st, body), fmt, body)


@app.command()
@friendly
def meeting(
    name: Optional[str] = typer.Argument(None, help="Meeting name; without it, list the meetings."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """List meetings, or who took part in one and in what role."""
    from .. import lookups

    with _open(store) as st:
        if name is None:
            _lookup("meetings", lookups.meetings(st), fmt, "meetings")
        else:
            _lookup("meeting-participants", lookups.meeting_participants(st, name), fmt, name)


@app.command()
@friendly
def awards(
    award: Optional[str] = typer.Option(None, "--award", help="Only this award."),
    year: Optional[int] = typer.Option(None, "--year", help="Only this year."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """Awards and their recipients, with the supervising or conferring body."""
    from .. import lookups

    with _open(store) as st:
        _lookup("awards", lookups.awards(st, award, year), fmt, "awards")


@app.command()
@friendly
def tasks(
    area: Optional[str] = typer.Option(None, "--area", help="Work area, e.g. 民族宗教工作."),
    year: Optional[int] = typer.Option(None, "--year", help="Only this year."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """Tasks by work area and year, in order, sub-tasks numbered under their task."""
    from .. import lookups

    with _open(store) as st:
        res = lookups.tasks(st, area, year)
    for row in res.rows:
        row["number"] = f"{row['parentOrder']}.{row['order']}" if row.get("parentOrder") else str(row.get("order") or "")
    _lookup("tasks-by-area", res, fmt, "tasks")


@app.command()
@friendly
def timeline(
    person: str = typer.Argument(..., help="Name: simplified, traditional or pinyin."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(),
) -> None:
    """Everything observed about a person, by date: posts, meetings, awards, deployments."""
    from .. import lookups

    with _open(store) as st:
        _lookup("timeline", lookups.timeline(st, person), fmt, f"timeline of {person}")


# ---------------------------------------------------------------- query, export, stats, validate
def _params(items: Sequence[str]) -> dict[str, Any]:
    from ..errors import QueryError
    from ..rdf.keys import query_key

    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryError(f"bad --param {item!r}: use name=value")
        out[key.strip()] = _typed(key.strip(), value, query_key)
    return out


def _typed(key: str, value: str, query_key: Any) -> Any:
    """``…Key`` parameters are normalised like lookups; ``<iri>`` is an IRI; YYYY-MM-DD a date."""
    import re

    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    if key.endswith("Key"):
        return query_key(value)
    if value.startswith("<") and value.endswith(">"):
        import pyoxigraph as ox

        from ..errors import QueryError

        try:
            ox.NamedNode(value[1:-1])  # checked first: a bad IRI is a clear error, not a ValueError
        except ValueError as exc:
            raise QueryError(f"bad IRI in --param {key}: {value!r} ({exc})") from None
        return URIRef(value[1:-1])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    return value


@app.command()
@friendly
def query(
    name: Optional[str] = typer.Argument(None, help="A named query (who-holds, posts-of, …) or a FILE.rq."),
    sparql: Optional[str] = typer.Option(None, "--sparql", help="SPARQL text to run instead."),
    param: List[str] = typer.Option([], "--param", "-p", help="name=value (repeatable); bound, never pasted."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Allow a SPARQL update with --sparql."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
    store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt(), update_url: Optional[str] = _update_url_opt(),
) -> None:
    """Run a named query, a .rq file or SPARQL text over the union of all article graphs."""
    from .. import queries
    from ..errors import QueryError
    from ..store import is_update
    from ..store.base import query_form

    if list_:
        for qname in queries.available():
            q = queries.load(qname)
            ps = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
            typer.echo(f"{qname}({ps}): {q.summary}")
        return
    if (name is None) == (sparql is None):
        raise QueryError("give a query NAME or FILE.rq, or --sparql TEXT (one of them)")
    text = sparql if sparql is not None else queries.load(name).text
    bindings = _params(param)
    if is_update(text):
        if not (allow_update and sparql is not None):
            raise QueryError("this is a SPARQL update; only --sparql with --allow-update may change the store")
        if bindings:
            raise QueryError("updates take no --param")
        with _open(store, write=True, update_url=update_url) as st:
            st.update(text)
        typer.echo("update applied")
        return
    with _open(store) as st:
        if name is not None and sparql is None:
            bindings = queries.load(name).check(bindings)
        if query_form(text) in ("construct", "describe"):
            typer.echo(st.construct(text, bindings).serialize(format="turtle"))
            return
        res = st.query(text, bindings)
    if res.boolean is not None:
        typer.echo(json.dumps(res.boolean) if fmt == Fmt.json else str(res.boolean).lower())
        return
    emit(res.rows, fmt, COLUMNS.get(name or ""), name, res.variables)


@app.command()
@friendly
def export(
    fmt: ExportFmt = typer.Option(ExportFmt.trig, "--format", "-f", help="turtle (the union graph), trig, nquads or jsonld."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    store: Optional[str] = _store_opt(),
) -> None:
    """Write the whole store as RDF (named graphs kept, except in turtle)."""
    with _open(store) as st:
        if output is not None:
            with output.open("wb") as fh:
                st.export(fmt.value, fh)
            return
        data = st.export(fmt.value)
    out = getattr(sys.stdout, "buffer", None)
    if out is not None:
        out.write(data or b"")
        out.flush()
    else:  # pragma: no cover
        typer.echo((data or b"").decode("utf-8"), nl=False)


@app.command()
@friendly
def stats(store: Optional[str] = _store_opt(), fmt: Fmt = _fmt_opt()) -> None:
    """Counts: triples, graphs (articles), people, bodies, posts, meetings, awards, tasks."""
    with _open(store) as st:
        counts = st.stats()
    if fmt == Fmt.json:
        typer.echo(json.dumps(counts, indent=1))
    else:
        emit([{"what": k, "count": v} for k, v in counts.items()], fmt, [("what", "what"), ("count", "count")], "store")


@app.command()
@friendly
def validate(
    store: Optional[str] = _store_opt(),
    warnings: bool = typer.Option(False, "--warnings", help="Also list each warning."),
    limit: int = typer.Option(50, "--limit", help="Show at most this many findings."),
) -> None:
    """Check the store against the SHACL shapes; non-zero exit on violations."""
    from ..errors import ValidationFailed
    from ..rdf.validate import validate_store

    with _open(store) as st:
        report = validate_store(st)
    shown = report.violations + (report.warnings if warnings else [])
    for f in shown[:limit]:
        typer.echo(f.line())
    if len(shown) > limit:
        typer.echo(f"… and {len(shown) - limit} more")
    typer.echo(f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    if report.violations:
        raise ValidationFailed(f"{len(report.violations)} SHACL violation(s)")
