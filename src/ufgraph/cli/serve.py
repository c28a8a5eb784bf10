"""``ufgraph serve``: a read-only SPARQL endpoint over the store (see :mod:`ufgraph.serve`)."""

from __future__ import annotations

from typing import Optional

import typer

from ._app import app
from ._errors import friendly


@app.command()
@friendly
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless given)."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="Port (0: any free port)."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help="Store folder or SPARQL endpoint URL (default: UFGRAPH_STORE or ./ufgraph-store)."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Query time limit in seconds."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Result rows (or triples) per answer at most."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each request on stderr."),
) -> None:
    """Serve the store read-only: SPARQL 1.1 Protocol at /query, lookups at /lookup/NAME, /viz."""
    from ..serve import is_loopback, make_server

    server = make_server(store, host, port, timeout=timeout, max_rows=max_rows, verbose=verbose)
    if not is_loopback(host):
        typer.echo(f"warning: listening on {host}, not loopback: anyone who can reach this machine can query the store", err=True)
    typer.echo(f"ufgraph serve: {server.url}/query (read-only; store {server.engine.spec}); Ctrl-C to stop", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.engine.close()
