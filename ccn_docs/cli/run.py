"""``ccn run``: the main job — OCR, restore, extract and load into the task table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import BatchFailed
from .app import app, handles_errors
from ..inputs import TextLayerMode
from .options import DEFAULT_DB, Database, Inputs, Jobs, PdfDir, TextLayer

#: Environment variable naming the scheduler when ``--scheduler`` is not given.
SCHEDULER_ENV = "CCN_SCHEDULER"


@app.command()
@handles_errors
def run(
    inputs: Inputs,
    db: Database = DEFAULT_DB,
    jobs: Jobs = None,
    out_dir: Annotated[
        Optional[Path], typer.Option("--out-dir", help="Folder for each document's JSON (default: the database's folder).", file_okay=False)
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="If another 'ccn run' holds the database, wait for it instead of failing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Process every input again, even those the database holds unchanged (reviewers' corrections are kept).")] = False,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", envvar=SCHEDULER_ENV, help="Run on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786 (workers: 'ccn worker').", show_default=False),
    ] = None,
    pdf_dir: PdfDir = None,
    alto_dir: Annotated[
        Optional[Path], typer.Option("--alto-dir", help="Write one ALTO v4 XML file per page of each scan into this folder.", file_okay=False)
    ] = None,
    text_layer: TextLayer = TextLayerMode.AUTO,
    shared_storage: Annotated[
        Optional[bool],
        typer.Option(
            "--shared-storage/--no-shared-storage",
            help="With --scheduler: workers read inputs at the same path (shared storage), or get their bytes from this process. Default: paths if every worker sees the inputs, else bytes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Process scans (PDF, images), raw OCR text or clean text, or folders of them:
    OCR, restoration, extraction; write one JSON per document and load the task
    table, and a searchable PDF/A and ALTO per scan if asked. PDF pages with
    their own text are read from it (--text-layer). Unchanged inputs are skipped,
    so an interrupted run resumes."""
    from ..run.archive import ArchiveTargets
    from ..run.job import run_inputs
    from ..run.local import DEFAULT_JOBS

    try:
        summary = run_inputs(
            inputs, db=db, jobs=jobs or DEFAULT_JOBS, out_dir=out_dir, wait_for_lock=wait, scheduler=scheduler,
            shared_storage=shared_storage, force=force, text_layer=text_layer,
            archive=ArchiveTargets(pdf_dir=pdf_dir, alto_dir=alto_dir),
        )
    except KeyboardInterrupt:
        typer.echo("interrupted: finished documents are saved; run the same command again to resume", err=True)
        raise typer.Exit(130) from None
    for note in summary.notes:
        typer.echo(f"note: {note}", err=True)
    for line in summary.lines():
        typer.echo(line)
    if summary.failures:
        raise BatchFailed(f"{len(summary.failures)} of {summary.documents + summary.skipped + len(summary.failures)} inputs failed")
