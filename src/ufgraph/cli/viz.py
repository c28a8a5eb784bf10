"""Commands over the store's network: ``viz`` (an interactive offline page) and ``rank``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ._app import app
from ._errors import friendly

if TYPE_CHECKING:
    from ..viz.projection import Selection


def _selection(focus: List[str], depth: int, types: Optional[str], since: Optional[str], until: Optional[str]) -> "Selection":
    from ..viz.projection import Selection

    kinds = [t.strip() for t in types.split(",") if t.strip()] if types else None
    return Selection(since=since, until=until, types=kinds, focus=tuple(focus), depth=depth)


@app.command()
@friendly
def viz(
    output: Path = typer.Option(Path("graph.html"), "-o", "--output", help="The HTML page to write."),
    focus: List[str] = typer.Option([], "--focus", help="Only the neighbourhood of NAME (Chinese, traditional or pinyin); repeatable."),
    depth: int = typer.Option(2, "--depth", min=0, help="Hops around --focus."),
    types: Optional[str] = typer.Option(None, "--types", help="Comma-separated: person,body,meeting,award,area,task."),
    since: Optional[str] = typer.Option(None, "--since", help="Only claims dated on or after DATE (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only claims dated on or before DATE (YYYY-MM-DD)."),
    store: Optional[str] = typer.Option(None, "--store", help="Store path or URL (default: UFGRAPH_STORE or ./ufgraph-store)."),
) -> None:
    """Write an interactive network page (one offline HTML file) of people, bodies, meetings,
    awards, work areas and tasks."""
    from ..store import open_store
    from ..viz.projection import project
    from ..viz.render import write_html

    with open_store(store, read_only=True, must_exist=True) as st:
        graph = project(st, _selection(focus, depth, types, since, until))
    heading = "ufgraph" + (" · " + "、".join(focus) if focus else "")
    page = write_html(graph, output, heading=heading)
    if page.warning:
        typer.echo(f"warning: {page.warning}", err=True)
    typer.echo(f"wrote {output} ({page.nodes} nodes, {page.edges} edges)")


@app.command()
@friendly
def rank(
    by: str = typer.Option("degree", "--by", help="degree or betweenness."),
    top: int = typer.Option(20, "--top", min=1, help="How many people and bodies to list."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
    since: Optional[str] = typer.Option(None, "--since", help="Only posts observed on or after DATE."),
    until: Optional[str] = typer.Option(None, "--until", help="Only posts observed on or before DATE."),
    store: Optional[str] = typer.Option(None, "--store", help="Store path or URL (default: UFGRAPH_STORE or ./ufgraph-store)."),
) -> None:
    """Rank the people who bridge the most bodies and the bodies with the most office-holders."""
    from ..errors import UfgraphError
    from ..store import open_store
    from ..viz.projection import project
    from ..viz.rank import METHODS, format_ranking, rank as run

    if by not in METHODS:
        raise UfgraphError(f"--by: choose degree or betweenness, not {by!r}")
    if fmt not in ("table", "json", "csv"):
        raise UfgraphError(f"--format: choose table, json or csv, not {fmt!r}")
    with open_store(store, read_only=True, must_exist=True) as st:
        graph = project(st, _selection([], 1, None, since, until))
    typer.echo(format_ranking(run(graph, by, top), fmt, by), nl=False)
