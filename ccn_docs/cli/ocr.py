"""``ccn ocr``: recognise scanned directives (PDFs, images, folders)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import BatchFailed, CcnError, Msg
from ..inputs import DEFAULT_DPI, TextLayerMode
from ..textio import write_text_atomically
from .app import app, handles_errors
from .options import AsJson, Inputs, Jobs, Output, PdfDir, TextLayer

if TYPE_CHECKING:
    from ..run.archive import ArchiveTargets
    from ..run.recognise import OcrBatch

Raw = Annotated[bool, typer.Option("--raw", help="Write the text as recognised, without restoration.")]
Dpi = Annotated[
    Optional[int],
    typer.Option(
        "--dpi", min=70, max=1200, show_default=False,
        help=f"Resolution at which PDF pages are rasterised (default: the scan's own; {DEFAULT_DPI} for pages without one).",
    ),
]
Pdf = Annotated[
    Optional[Path],
    typer.Option("--pdf", help="Write a searchable PDF/A of the one input here (its pages with an invisible layer of the text).", dir_okay=False),
]
Alto = Annotated[
    Optional[Path],
    typer.Option("--alto", help="Write one ALTO v4 XML file per page into this folder (<stem>-<page>.alto.xml).", file_okay=False),
]


def report_failures(batch: OcrBatch, total: int) -> None:
    """One line per failure on stderr, then a non-zero exit."""
    if not batch.failures:
        return
    for failure in batch.failures:
        typer.echo(f"failed: {failure.message}", err=True)
    raise BatchFailed(Msg.BATCH_FAILED.format(failed=len(batch.failed_sources), total=total))


def write_archives(batch: OcrBatch, targets: ArchiveTargets) -> None:
    """The PDF and ALTO outputs of every input that was read whole; a failure is
    added to the batch's failures and the other inputs are still written. A PDF's
    title and subject come from the document's header, as extraction reads it."""
    from ..run.archive import output_stems, write_archive
    from ..run.work import Failure

    failed = set(batch.failed_sources)
    documents = [document for document in batch.documents if document.source not in failed]
    stems = output_stems([Path(document.source) for document in documents])
    for document in documents:
        source = Path(document.source)
        try:
            directive = None
            if targets.pdf_path(stems[source]) is not None:
                from ..extract import extract_header

                directive = extract_header("\n".join(page.text for page in document.pages), source_file=str(source))
            write_archive(source, document.pages, targets, stem=stems[source], directive=directive)
        except CcnError as error:
            batch.failures.append(Failure.of(str(source), error))


@app.command()
@handles_errors
def ocr(
    inputs: Inputs,
    output: Output = None,
    raw: Raw = False,
    jobs: Jobs = None,
    as_json: AsJson = False,
    dpi: Dpi = None,
    pdf: Pdf = None,
    pdf_dir: PdfDir = None,
    alto: Alto = None,
    text_layer: TextLayer = TextLayerMode.AUTO,
) -> None:
    """OCR PDFs and page images with Tesseract 'vie': one text line per line,
    pages separated by form feeds (or JSON with boxes, confidences and
    per-character alternatives); optionally searchable PDF/A files and ALTO XML.
    PDF pages with their own text are read from it (--text-layer)."""
    from ..ocr import Settings
    from ..run.archive import ArchiveTargets, prepare_archives
    from ..run.local import DEFAULT_JOBS
    from ..run.recognise import ocr_paths

    if pdf is not None and (pdf_dir is not None or len(inputs) != 1 or inputs[0].is_dir()):
        raise typer.BadParameter("--pdf takes exactly one input file (use --pdf-dir for several)", param_hint="--pdf")
    targets = ArchiveTargets(pdf=pdf, pdf_dir=pdf_dir, alto_dir=alto)
    # The archive outputs' libraries load while the workers OCR, not after.
    meanwhile = partial(prepare_archives, targets, titles=True) if targets else None
    # Raw text needs no per-character alternatives: only restoration and JSON read them.
    settings = Settings(choices=not raw or as_json)
    batch = ocr_paths(
        inputs, jobs=jobs or DEFAULT_JOBS, dpi=dpi, restore=not raw, settings=settings, text_layer=text_layer, meanwhile=meanwhile
    )
    for note in batch.notes:
        typer.echo(f"note: {note}", err=True)
    if batch.documents:
        result = batch.to_json() if as_json else batch.text()
        if output is None:
            typer.echo(result, nl=False)
        else:
            write_text_atomically(output, result)
    if targets:
        write_archives(batch, targets)
    total = len({document.source for document in batch.documents} | set(batch.failed_sources))
    report_failures(batch, total)
