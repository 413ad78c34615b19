"""``ccn extract``: document fields and tasks of directive texts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import BatchFailed, CcnError, InputError, Msg
from ..inputs import TEXT_SUFFIXES, discover
from ..extract.output import FORMATS, render
from ..textio import read_text, write_text_atomically
from ..types import Directive
from .app import app, handles_errors
from .options import Inputs, Output

Format = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
NoRestore = Annotated[bool, typer.Option("--no-restore", help="Extract from the text as it is, without restoration.")]


def extract_inputs(paths: list[Path], *, restore: bool = True) -> tuple[list[Directive], list[CcnError]]:
    """Extract every input; a failing input is reported, the others still run."""
    from ..extract import extract_text

    directives: list[Directive] = []
    failures: list[CcnError] = []
    for path in discover(paths, TEXT_SUFFIXES):
        try:
            text = read_text(path)
        except InputError as error:
            failures.append(error)
            continue
        if restore:
            from ..restore import restore_text

            text = restore_text(text)
        directives.append(extract_text(text, source_file=str(path)))
    return directives, failures


@app.command()
@handles_errors
def extract(
    inputs: Inputs,
    output: Output = None,
    fmt: Format = "json",
    no_restore: NoRestore = False,
) -> None:
    """Extract document fields (issuer, number, date, subject, recipients, legal
    bases, signer, distribution) and one task per obligation (agency, co-agencies,
    text, legal references, deadline, recurrence, source lines)."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    directives, failures = extract_inputs(inputs, restore=not no_restore)
    for directive in directives:
        for warning in directive.warnings:
            typer.echo(f"warning: {warning}", err=True)
    if directives:
        result = render(directives, fmt)
        if output is None:
            typer.echo(result, nl=False)
        else:
            write_text_atomically(output, result)
    for failure in failures:
        typer.echo(f"failed: {failure}", err=True)
    if failures:
        raise BatchFailed(Msg.BATCH_FAILED.format(failed=len(failures), total=len(failures) + len(directives)))
