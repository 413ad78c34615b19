"""``ccn serve``: browse and search the task table in a web browser (Datasette)."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, handles_errors
from .options import DEFAULT_DB, Database


@app.command()
@handles_errors
def serve(
    db: Database = DEFAULT_DB,
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 to share on the network).")] = "127.0.0.1",
) -> None:
    """Serve the task table with Datasette: search, facets by agency/document/reference,
    JSON and CSV endpoints, and a review page per document (/-/review/<id>)."""
    from ..store.serve import serve as serve_database

    typer.echo(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve_database(db, host=host, port=port)
