"""``ccn restore``: put back diacritics and mend OCR errors in a text file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..textio import read_text, write_text_atomically
from .app import app, handles_errors
from .options import AsJson, Output


def restore_file(source: Path, *, as_json: bool = False) -> str:
    """The restored text of one file, or its tokens with confidence and runner-ups as JSON."""
    from ..restore import restore_text, restore_tokens

    text = read_text(source)
    if not as_json:
        return restore_text(text)
    lines = [[token.to_dict() for token in line] for line in restore_tokens(text)]
    return json.dumps({"source": str(source), "lines": lines}, ensure_ascii=False, indent=1) + "\n"


@app.command()
@handles_errors
def restore(
    source: Annotated[Path, typer.Argument(help="Text file to restore (UTF-8, UTF-16, Windows-1258 or TCVN3).", show_default=False)],
    output: Output = None,
    as_json: AsJson = False,
) -> None:
    """Restore Vietnamese diacritics and fix OCR errors; one output line per input line."""
    result = restore_file(source, as_json=as_json)
    if output is None:
        typer.echo(result, nl=False)
    else:
        write_text_atomically(output, result)
