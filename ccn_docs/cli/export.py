"""``ccn export``: the whole task table as CSV, XLSX, JSON or JSON Lines."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import app, handles_errors
from .options import DEFAULT_DB, Database


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"


@app.command()
@handles_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (replaced atomically).", dir_okay=False)],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, xlsx (Vietnamese headers, filters), json or jsonl.")] = ExportFormat.csv,
    db: Database = DEFAULT_DB,
) -> None:
    """Export every task with its stable id, for tracking systems: importing the
    same file twice updates instead of duplicating."""
    from ..store import connect
    from ..store.export import export_tasks

    count = export_tasks(connect(db, create=False), output, fmt.value)
    typer.echo(f"{count} tasks written to {output}", err=True)
