"""``ccn export``: the task table as CSV, XLSX, JSON, JSON Lines or a calendar."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, handles_errors
from .options import DEFAULT_DB, Database


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"
    ics = "ics"


@app.command()
@handles_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (replaced atomically).", dir_okay=False)],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv, xlsx (Vietnamese headers, filters), json, jsonl, or ics (a calendar of dated tasks)."),
    ] = ExportFormat.csv,
    agency: Annotated[Optional[str], typer.Option("--agency", "-a", help="Only this agency's tasks (lead or supporting; any spelling).")] = None,
    base_url: Annotated[
        Optional[str],
        typer.Option("--base-url", help="With ics: address of 'ccn serve' for the events' review links (default: where 'ccn serve' listens).", show_default=False),
    ] = None,
    db: Database = DEFAULT_DB,
) -> None:
    """Export every task with its stable id, its status and corrections, for
    tracking systems: importing the same file twice updates instead of duplicating."""
    from ..store import connect
    from ..store.export import export_tasks

    address = {"base_url": base_url} if base_url else {}
    count = export_tasks(connect(db, create=False), output, fmt.value, agency=agency, **address)
    typer.echo(f"{count} {'events' if fmt is ExportFormat.ics else 'tasks'} written to {output}", err=True)
