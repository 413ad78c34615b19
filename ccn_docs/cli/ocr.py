"""``ccn ocr``: recognise scanned directives (PDFs, images, folders)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import BatchFailed, Msg
from ..inputs import DEFAULT_DPI
from ..textio import write_text_atomically
from .app import app, handles_errors
from .options import AsJson, Inputs, Jobs, Output

if TYPE_CHECKING:
    from ..run.recognise import OcrBatch

Raw = Annotated[bool, typer.Option("--raw", help="Write the text as recognised, without restoration.")]
Dpi = Annotated[
    Optional[int],
    typer.Option(
        "--dpi", min=70, max=1200, show_default=False,
        help=f"Resolution at which PDF pages are rasterised (default: the scan's own; {DEFAULT_DPI} for pages without one).",
    ),
]


def report_failures(batch: OcrBatch, total: int) -> None:
    """One line per failure on stderr, then a non-zero exit."""
    if not batch.failures:
        return
    for failure in batch.failures:
        typer.echo(f"failed: {failure.message}", err=True)
    raise BatchFailed(Msg.BATCH_FAILED.format(failed=len(batch.failed_sources), total=total))


@app.command()
@handles_errors
def ocr(
    inputs: Inputs,
    output: Output = None,
    raw: Raw = False,
    jobs: Jobs = None,
    as_json: AsJson = False,
    dpi: Dpi = None,
) -> None:
    """OCR PDFs and page images with Tesseract 'vie': one text line per line,
    pages separated by form feeds (or JSON with boxes, confidences and
    per-character alternatives)."""
    from ..run.local import DEFAULT_JOBS
    from ..run.recognise import ocr_paths

    batch = ocr_paths(inputs, jobs=jobs or DEFAULT_JOBS, dpi=dpi, restore=not raw)
    if batch.documents:
        result = batch.to_json() if as_json else batch.text()
        if output is None:
            typer.echo(result, nl=False)
        else:
            write_text_atomically(output, result)
    total = len({document.source for document in batch.documents} | set(batch.failed_sources))
    report_failures(batch, total)
