"""``ccn eval extract``: score extraction against hand-annotated gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import eval_app, handles_errors
from .options import AsJson

Gold = Annotated[list[Path], typer.Argument(help="Gold JSON files (corpus/gold/*.json).", show_default=False)]
Corpus = Annotated[Optional[Path], typer.Option("--corpus", help="Corpus folder holding admin/ (default ../shared/corpus or $CCN_CORPUS).")]
Restore = Annotated[
    Optional[bool],
    typer.Option("--restore/--no-restore", help="Restore inputs first (default: only OCR samples/, not clean corpus text)."),
]
Details = Annotated[bool, typer.Option("--details", help="List missed and extra tasks, agency and reference errors.")]


@eval_app.command("extract")
@handles_errors
def eval_extract(gold: Gold, corpus: Corpus = None, restore: Restore = None, as_json: AsJson = False,
                 details: Details = False) -> None:
    """Task precision/recall/F1, agency accuracy and legal-reference precision/recall
    per gold document and overall."""
    from ..extract.evaluate import evaluate
    from ..restore import restore_text

    report = evaluate(gold, corpus, restore, restorer=restore_text)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    typer.echo(report.to_markdown())
    if details:
        for document in report.documents:
            typer.echo(f"\n{document.gold_file}")
            for opening in document.misses:
                typer.echo(f"  missed: {opening}")
            for opening in document.extras:
                typer.echo(f"  extra:  {opening}")
            for opening, expected, found in document.agency_errors:
                typer.echo(f"  agency: {opening}: gold {expected}, found {found}")
            for opening, missing, extra in document.ref_errors:
                typer.echo(f"  refs:   {opening}: missing {missing}, extra {extra}")
