"""Archive outputs of a document: a searchable PDF/A and one ALTO file per page.

Composed above the stages: the text layer and ALTO come from the OCR stage's
pages after restoration (``restore_keeping_reading`` keeps Tesseract's own
reading of each changed word for ALTO's ALTERNATIVE); the PDF's title and
subject from extraction. Pages a PDF carries its own text for are read here
too (``read_own_text``), in the process that sees the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .. import __version__
from ..errors import Msg, OutputError
from ..inputs import PDF, PageJob, TextLayerMode
from ..ocr.textlayer import INVISIBLE, VISIBLE, pages_to_read, read_page, text_kinds
from ..textio import write_bytes_atomically
from ..types import Directive, Page


PRODUCER = f"ccn_docs {__version__}"


@dataclass(frozen=True)
class ArchiveTargets:
    """Where archive outputs go: ``pdf`` for a single input, else ``<stem>.pdf``
    in ``pdf_dir``; ALTO as ``<stem>-<page>.alto.xml`` in ``alto_dir``."""

    pdf: Optional[Path] = None
    pdf_dir: Optional[Path] = None
    alto_dir: Optional[Path] = None

    def __bool__(self) -> bool:
        return any((self.pdf, self.pdf_dir, self.alto_dir))

    def pdf_path(self, stem: str) -> Optional[Path]:
        return self.pdf or (self.pdf_dir / f"{stem}.pdf" if self.pdf_dir else None)

    def alto_path(self, stem: str, page: int) -> Optional[Path]:
        return self.alto_dir / f"{stem}-{page:04d}.alto.xml" if self.alto_dir else None


@dataclass
class OwnText:
    """What a PDF's own text gave: the pages read from it, and a note for the user."""

    pages: list[Page]
    notes: list[str]


def read_own_text(path: Path, jobs: Sequence[PageJob], mode: TextLayerMode) -> OwnText:
    """The pages of a PDF input to read from its own text under ``mode``
    (``textlayer``), read at the jobs' dpi; notes say which pages were read and
    which carried text but are OCR'd."""
    if not jobs or jobs[0].kind != PDF:
        return OwnText([], [])
    kinds = text_kinds(path)
    read = [
        page
        for number in pages_to_read(kinds, mode)
        if (page := read_page(path, number, jobs[0].dpi, has_images=kinds[number - 1].has_images)) is not None
    ]
    numbers = {page.number for page in read}
    notes = []
    if read:
        notes.append(f"{path}: {_pages(numbers)} read from the PDF's own text (--text-layer ignore OCRs them)")
    redone = [n for n, page in enumerate(kinds, start=1) if page.kind == INVISIBLE and n not in numbers]
    if redone:
        notes.append(
            f"{path}: {_pages(redone)} {'carries' if len(redone) == 1 else 'carry'} an earlier OCR layer: OCR'd again, "
            "and a PDF written replaces that layer "
            "(--text-layer use reads it instead)"
        )
    overruled = [n for n, page in enumerate(kinds, start=1) if page.kind == VISIBLE and n not in numbers]
    if overruled and mode == TextLayerMode.IGNORE:
        own_text = "has its own text but is" if len(overruled) == 1 else "have their own text but are"
        notes.append(f"{path}: {_pages(overruled)} {own_text} OCR'd (--text-layer ignore)")
    return OwnText(read, notes)


def _pages(numbers: Iterable[int]) -> str:
    """Page numbers in words: "page 3", "pages 1–3, 5"."""
    ordered = sorted(numbers)
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"page{'s' if len(ordered) > 1 else ''} {text}"


def restore_keeping_reading(page: Page) -> Page:
    """The page restored, each changed word keeping Tesseract's reading in ``ocr_text``."""
    from ..restore import restore_page

    restored = restore_page(page)
    for before, after in zip(page.lines, restored.lines):
        for raw, word in zip(before.words, after.words):
            if word.text != raw.text:
                word.ocr_text = raw.text
    return restored


def document_title(directive: Optional[Directive]) -> Optional[str]:
    """The PDF's title from what extraction found, e.g. "Công văn số 2029/UBND-KTTH
    ngày 22/04/2024 của Ủy ban nhân dân tỉnh Bắc Giang" (None when it found none of it)."""
    if directive is None:
        return None
    parts = [directive.type or "Văn bản"] if directive.number or directive.date or directive.issuer else []
    if directive.number:
        parts.append(f"số {directive.number}")
    if directive.date:
        year, month, day = directive.date.split("-")
        parts.append(f"ngày {day}/{month}/{year}")
    if directive.issuer:
        parts.append(f"của {directive.issuer}")
    return " ".join(parts) or None


def prepare_archives(targets: ArchiveTargets, *, titles: bool = False) -> None:
    """Load what writing ``targets`` needs (the PDF libraries and fonts; with
    ``titles``, what reads a document's header for the PDF's title), so that
    none of it waits until OCR is done. For ``meanwhile`` of a scheduler: it runs
    in the calling thread while the workers OCR (not in a thread of its own, whose
    imports would race this thread's)."""
    if targets.pdf or targets.pdf_dir:
        from ..ocr import pdf

        pdf.prepare()
        if titles:
            from ..extract import prepare_header

            prepare_header()
    if targets.alto_dir:
        from ..ocr import alto  # noqa: F401


def output_stems(paths: Sequence[Path]) -> dict[Path, str]:
    """An output name per input: its stem, numbered on (``-2``, ``-3``) in input
    order where stems repeat."""
    seen: Counter[str] = Counter()
    stems = {}
    for path in paths:
        seen[path.stem] += 1
        stems[path] = path.stem if seen[path.stem] == 1 else f"{path.stem}-{seen[path.stem]}"
    return stems


def write_archive(source: Path, pages: list[Page], targets: ArchiveTargets, *, stem: str, directive: Optional[Directive] = None) -> list[Path]:
    """Write the archive outputs of one document; returns the files written."""
    from ..ocr.alto import alto_xml
    from ..ocr.pdf import DocumentInfo, write_searchable_pdf

    written = []
    pdf_path = targets.pdf_path(stem)
    if pdf_path is not None:
        if pdf_path.resolve() == source.resolve():
            raise OutputError(Msg.OUTPUT_IS_INPUT.format(path=pdf_path))
        info = DocumentInfo(PRODUCER, title=document_title(directive), subject=directive.subject if directive else None)
        write_searchable_pdf(source, pages, pdf_path, info)
        written.append(pdf_path)
    for page in pages:
        alto_path = targets.alto_path(stem, page.number)
        if alto_path is not None:
            try:
                write_bytes_atomically(alto_path, alto_xml(page, image_name=source.name, software_version=__version__))
            except OSError as error:
                raise OutputError(Msg.OUTPUT_UNWRITABLE.format(path=alto_path, reason=error)) from None
            written.append(alto_path)
    return written
