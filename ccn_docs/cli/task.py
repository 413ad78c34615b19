"""``ccn task``: correct a task, set its status, show it with its corrections, and
list every correction (those whose task is no longer extracted included)."""

from __future__ import annotations

import getpass
import json
from typing import Annotated, Any

import typer

from ..errors import CorrectionError, Msg
from .app import app, handles_errors
from .options import DEFAULT_DB, Database

task_app = typer.Typer(help="Correct tasks and set their status; show corrections.", no_args_is_help=True)
app.add_typer(task_app, name="task")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ccn"


def _assignments(pairs: list[str]) -> dict[str, str]:
    """``field=value`` arguments as a dict; a list field's items are separated by ';'."""
    changes = {}
    for pair in pairs:
        field, sign, value = pair.partition("=")
        if not sign:
            raise CorrectionError(
                Msg.CORRECTION_VALUE.format(field=pair, value=pair, expected="field=value"),
                Msg.VI_CORRECTION_VALUE.format(label=pair, value=pair, expected="trường=giá trị"),
            )
        changes[field.strip()] = value
    return changes


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value) or "(trống)"
    return "(trống)" if value in (None, "") else str(value)


@task_app.command("set")
@handles_errors
def set_fields(
    uid: Annotated[str, typer.Argument(help="The task's uid (as 'ccn search' and 'ccn export' show it).", show_default=False)],
    assignments: Annotated[
        list[str],
        typer.Argument(
            help="field=value: agency, co_agencies, task, legal_refs, deadline, due_date (YYYY-MM-DD), rrule, "
            "status (open, done, not-applicable). Lists take items separated by ';'; an empty value clears.",
            show_default=False,
        ),
    ],
    by: Annotated[str, typer.Option("--by", help="Who makes the correction (default: your user name).", show_default=False)] = "",
    db: Database = DEFAULT_DB,
) -> None:
    """Correct a task's fields or set its status. The correction is kept apart from
    the extracted values, with who and when, and survives 'ccn run' re-extracting
    the document. Works while a 'ccn run' is loading the same database."""
    from ..store import Loader, connect

    changes = Loader(connect(db, create=False)).correct(uid, _assignments(assignments), by or _user())
    for field, (old, new) in changes.items():
        typer.echo(f"{field}: {_shown(old)} → {_shown(new)}")
    if not changes:
        typer.echo("nothing changed")


@task_app.command("show")
@handles_errors
def show(
    uid: Annotated[str, typer.Argument(help="The task's uid.", show_default=False)],
    db: Database = DEFAULT_DB,
) -> None:
    """Print a task as JSON (the fields of 'ccn export'), with the extracted values
    of corrected fields and every correction made to it."""
    from ..errors import TaskNotFound
    from ..store import connect
    from ..store.search import task_detail

    record = task_detail(connect(db, create=False), uid)
    if record is None:
        raise TaskNotFound(Msg.TASK_NOT_FOUND.format(uid=uid, path=db))
    typer.echo(json.dumps(record, ensure_ascii=False, indent=2))


@task_app.command("corrections")
@handles_errors
def corrections(
    orphaned: Annotated[bool, typer.Option("--orphaned", help="Only corrections of tasks no longer extracted.")] = False,
    db: Database = DEFAULT_DB,
) -> None:
    """List every correction, oldest first: when, who, task, field, old → new. A
    correction whose task a later run no longer extracted is marked and kept."""
    from ..store import connect
    from ..store.corrections import listing

    for c in listing(connect(db, create=False), orphaned=orphaned):
        mark = "  [task no longer extracted]" if c.orphaned else ""
        typer.echo(f"{c.at}  {c.author}  {c.uid}  {c.field}: {_shown(c.old)} → {_shown(c.new)}{mark}")
