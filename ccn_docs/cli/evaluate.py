"""``ccn eval extract``: score extraction against hand-annotated gold files."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import eval_app, handles_errors
from .options import AsJson

Gold = Annotated[Optional[list[Path]], typer.Argument(help="Gold JSON files (default: the dev gold, corpus/gold/*.json).",
                                                      show_default=False)]
Corpus = Annotated[Optional[Path], typer.Option("--corpus", help="Corpus folder holding admin/ (default ../shared/corpus or $CCN_CORPUS).")]
Restore = Annotated[
    Optional[bool],
    typer.Option("--restore/--no-restore", help="Restore inputs first (default: only OCR samples/, not clean corpus text)."),
]
Details = Annotated[bool, typer.Option("--details", help="List missed and extra tasks, agency and reference errors.")]
Classifier = Annotated[Optional[bool], typer.Option(
    "--classifier/--rules-only", help="Extract with the task classifier, or with the rules alone (default: as models/task-classifier.json says).")]
Blind = Annotated[bool, typer.Option("--blind", help="Score the sealed blind slice (corpus/gold/blind): figures per "
                                                    "genre and overall only, never its documents or their tasks.")]


@eval_app.command("extract")
@handles_errors
def eval_extract(gold: Gold = None, corpus: Corpus = None, restore: Restore = None, as_json: AsJson = False,
                 details: Details = False, blind: Blind = False, classifier: Classifier = None) -> None:
    """Task precision/recall/F1, agency accuracy, legal-reference precision/recall and
    document-field accuracy (right / wrong / null) per gold document, per genre and overall."""
    from ..extract import task_classifier
    from ..extract.evaluate import evaluate, gold_files
    from ..restore import restore_text

    if blind and (gold or details):
        raise typer.BadParameter("the blind slice is scored as a whole, without gold files or --details",
                                 param_hint="--blind")
    chosen = nullcontext() if classifier is None else task_classifier.using(task_classifier.load() if classifier else None)
    with chosen:
        report = evaluate(gold or gold_files(blind), corpus, restore, restorer=restore_text)
    if as_json:
        typer.echo(json.dumps(report.to_dict(per_document=not blind), ensure_ascii=False, indent=1))
        return
    typer.echo(report.to_markdown(per_document=not blind))
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
            for name, expected, found in document.field_errors:
                typer.echo(f"  {document.fields[name]}: {name}: gold {expected}, found {found}")
