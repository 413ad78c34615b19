"""``ccn search``: tasks by text, agency, legal reference, document and date."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from enum import Enum
from typing import Annotated, Optional

import typer

from .app import app, handles_errors
from .options import DEFAULT_DB, Database

DATE_FORMATS = ["%Y-%m-%d"]


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Role(str, Enum):
    any = "any"
    lead = "chu-tri"
    support = "phoi-hop"


@app.command()
@handles_errors
def search(
    text: Annotated[Optional[str], typer.Argument(help="Words the task text must contain (diacritics optional).", show_default=False)] = None,
    agency: Annotated[Optional[str], typer.Option("--agency", "-a", help="Agency name, alias or abbreviation; diacritics and case ignored, typos tolerated.")] = None,
    role: Annotated[Role, typer.Option("--role", help="With --agency: lead (chu-tri), supporting (phoi-hop) or either.")] = Role.any,
    ref: Annotated[Optional[str], typer.Option("--ref", "-r", help="Cited document, e.g. 32/2024 or 'Nghị định 32/2024/NĐ-CP'.")] = None,
    doc: Annotated[Optional[str], typer.Option("--doc", "-d", help="Number of the directive holding the task, e.g. 2029/UBND-KTTH.")] = None,
    since: Annotated[Optional[datetime], typer.Option("--since", formats=DATE_FORMATS, help="Directives dated on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[datetime], typer.Option("--until", formats=DATE_FORMATS, help="Directives dated on or before this day (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many tasks (0: all).")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output: a readable table, JSON rows or CSV.")] = Format.table,
    db: Database = DEFAULT_DB,
) -> None:
    """Search the task table. Filters combine. Results: newest directives first
    (with TEXT: most recently loaded first)."""
    from ..store import ROLE_LEAD, ROLE_SUPPORT, SearchQuery, connect, search_tasks
    from ..store.export import write_records

    query = SearchQuery(
        text=text,
        agency=agency,
        role={Role.lead: ROLE_LEAD, Role.support: ROLE_SUPPORT}.get(role),
        ref=ref,
        document=doc,
        since=since.date().isoformat() if since else None,
        until=until.date().isoformat() if until else None,
        limit=limit or None,
    )
    records = search_tasks(connect(db, create=False), query)
    if fmt is Format.json:
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        write_records(records, sys.stdout, "csv")
    else:
        _print_table(records)


def _print_table(records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..store.export import flat_row

    table = Table(show_lines=True)
    table.add_column("Văn bản", no_wrap=True)
    for header in ("Chủ trì", "Phối hợp", "Nhiệm vụ", "Căn cứ", "Thời hạn"):
        table.add_column(header, overflow="fold")
    for record in records:
        flat = flat_row(record)
        table.add_row(
            f"{flat['document_number'] or ''}\n{flat['document_date'] or ''}",
            flat["agency"] or "",
            flat["co_agencies"],
            flat["task"],
            flat["legal_refs"],
            flat["deadline"] or "",
        )
    console = Console()
    console.print(table)
    console.print(f"{len(records)} tasks")
