"""Searchable PDF/A-2b: the input's own pages with an invisible layer of ccn's text.

Each recognised page's words are drawn invisibly (text render mode 3) at their
boxes by OCRmyPDF's text-layer renderer (fpdf2), in the frame Tesseract saw: the
page straightened and perhaps resampled. pikepdf places that layer under the
page's own content with the matrix that turns the frame back onto the page, so
the scan itself is never touched (a PDF input keeps its image streams byte for
byte; an image input is wrapped losslessly by img2pdf). ``pikepdf.pdfa``
declares PDF/A-2b, writes to a temporary file, validates what it wrote and only
then moves it into place: a failed run leaves an existing file as it was.

The libraries are imported with this module, which nothing imports before it is
to write a PDF; ``prepare`` loads the rest (the fonts) ahead of the first one.
"""

from __future__ import annotations

import functools
import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import img2pdf
import pikepdf
from ocrmypdf._graft import strip_invisible_text  # OCRmyPDF's own --redo-ocr step
from ocrmypdf.font import MultiFontManager
from ocrmypdf.fpdf_renderer import Fpdf2MultiPageRenderer
from ocrmypdf.models.ocr_element import BoundingBox, OcrElement
from pikepdf import Matrix, Name, pdfa
from pikepdf.canvas import ContentStreamBuilder

from ..errors import InputError, Msg, OutputError
from ..inputs import PDF, load_image, page_jobs
from ..types import BBox, Line, Page
from .frame import unskew

PDFA_FLAVOUR = "2b"
LANGUAGE = "vi"  # BCP 47, as PDF's /Lang and XMP's dc:language want it
#: hOCR line classes of the layout kinds (the renderer draws them alike).
_LINE_CLASS = {"header": "ocr_header", "footnote": "ocr_caption"}
WORD_GAP = 0.2  # least blank between two words of the text layer, in line heights


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself: the program that made it, and title and
    subject as extraction found them."""

    producer: str
    title: Optional[str] = None
    subject: Optional[str] = None


def write_searchable_pdf(source: Path, pages: Sequence[Page], output: Path, info: DocumentInfo) -> None:
    """Write ``source`` (a PDF or an image) as a PDF/A-2b with an invisible text
    layer of its OCR'd ``pages`` (restored, as ``ccn ocr`` reads them). An earlier
    invisible OCR layer on those pages is replaced (as ``ocrmypdf --redo-ocr``
    does); pages read from their own text keep it and get no second layer.

    Raises ``InputError`` naming ``source`` when it cannot be read, and
    ``OutputError`` when the result cannot be written or is not valid PDF/A:
    then an existing ``output`` is left as it was."""
    recognised = [page for page in pages if page.text_source == "ocr"]
    output.parent.mkdir(parents=True, exist_ok=True)
    with _base_document(source) as pdf, tempfile.TemporaryDirectory(prefix="ccn-pdf-") as scratch:
        for page in recognised:
            if not 1 <= page.number <= len(pdf.pages):
                raise InputError(Msg.INPUT_UNREADABLE.format(path=source, reason=f"page {page.number}: no such page"))
        if recognised:
            layers = Path(scratch) / "text.pdf"
            _render_text_layers(recognised, layers)
            with pikepdf.open(layers) as text_pdf:
                for page, text_page in zip(recognised, text_pdf.pages):
                    target = pdf.pages[page.number - 1]
                    strip_invisible_text(pdf, target)
                    _place_text_layer(pdf, target, text_page, page)
        _save_pdfa(pdf, output, info)


def _base_document(source: Path) -> pikepdf.Pdf:
    """The input as a PDF: itself, or an image wrapped page by page by img2pdf,
    which embeds a JPEG as it is and other images losslessly. An image img2pdf
    refuses (transparency, an unusual colour space) is wrapped as the greyscale
    pages ccn read, losslessly."""
    jobs = page_jobs(source)
    layout = img2pdf.get_fixed_dpi_layout_fun((jobs[0].dpi, jobs[0].dpi))
    try:
        if jobs[0].kind == PDF:
            return pikepdf.open(source)
        try:
            return pikepdf.open(io.BytesIO(img2pdf.convert(str(source), layout_fun=layout)))
        except (img2pdf.AlphaChannelError, img2pdf.UnsupportedColorspaceError, img2pdf.JpegColorspaceError):
            return pikepdf.open(io.BytesIO(img2pdf.convert([_png(load_image(job)) for job in jobs], layout_fun=layout)))
    except (pikepdf.PdfError, img2pdf.ImageOpenError, img2pdf.ExifOrientationError, ValueError, OSError) as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=source, reason=error)) from None


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _render_text_layers(pages: Sequence[Page], path: Path) -> None:
    """One text-only PDF page per page, drawn by OCRmyPDF's renderer."""
    trees = [(index, _ocr_tree(page), float(page.dpi)) for index, page in enumerate(pages)]
    Fpdf2MultiPageRenderer(trees, _fonts(), invisible_text=True).render(path)


def prepare() -> None:
    """Load what the first PDF would otherwise wait for (the text layer's fonts)."""
    _fonts()


@functools.cache
def _fonts() -> MultiFontManager:
    """OCRmyPDF's fonts for the text layer, loaded once per process."""
    return MultiFontManager()


def _ocr_tree(page: Page) -> OcrElement:
    """A page in OCRmyPDF's OCR element model: lines of words with their boxes."""
    return OcrElement(
        ocr_class="ocr_page",
        bbox=BoundingBox(0, 0, page.width, page.height),
        dpi=float(page.dpi),
        page_number=page.number - 1,
        children=[_line_element(line) for line in page.lines if line.words],
    )


def _line_element(line: Line) -> OcrElement:
    return OcrElement(
        ocr_class=_LINE_CLASS.get(line.kind, "ocr_line"),
        bbox=BoundingBox(*line.bbox),
        language="vie",
        children=[
            OcrElement(ocr_class="ocrx_word", bbox=BoundingBox(*box), text=word.text, confidence=word.confidence / 100)
            for word, box in zip(line.words, _spaced_boxes(line))
        ],
    )


def _spaced_boxes(line: Line) -> list[BBox]:
    """The words' boxes, each ending at least ``WORD_GAP`` line heights before the
    next begins. OCR boxes hug the ink and may touch or overlap; a word's text is
    stretched to its box, and text extraction that reads in content order then
    hears no space between two words and joins them."""
    gap = WORD_GAP * max(line.bbox[3] - line.bbox[1], 1)
    boxes = [word.bbox for word in line.words]
    spaced = []
    for box, following in zip(boxes, boxes[1:] + [None]):
        x0, y0, x1, y1 = box
        if following is not None and following[0] > x0 and x1 > following[0] - gap:
            x1 = max(round(following[0] - gap), x0 + (x1 - x0 + 1) // 2)
        spaced.append((x0, y0, x1, y1))
    return spaced


def frame_to_page(page: Page, mediabox: Sequence[float], rotate: int = 0) -> Matrix:
    """The matrix from the text layer's points (its page is the OCR frame at
    ``page.dpi``) to the PDF page's points: into frame pixels, turned back as
    scanned (``frame.unskew``), then onto the page as a viewer shows it, which
    the scan spans: its media box turned clockwise by ``rotate`` (/Rotate)."""
    x0, y0, x1, y1 = (float(v) for v in mediabox)
    across, down = (y1 - y0, x1 - x0) if rotate in (90, 270) else (x1 - x0, y1 - y0)
    sx, sy = across / page.width, down / page.height  # page points per frame pixel, as shown
    per_point = page.dpi / 72
    text_to_frame = Matrix(per_point, 0, 0, -per_point, 0, page.height)
    scan_to_page = {
        0: Matrix(sx, 0, 0, -sy, x0, y1),
        90: Matrix(0, sx, sy, 0, x0, y0),
        180: Matrix(-sx, 0, 0, sy, x1, y0),
        270: Matrix(0, -sx, -sy, 0, x1, y1),
    }[rotate]
    return text_to_frame @ Matrix(*unskew(page)) @ scan_to_page


def _place_text_layer(pdf: pikepdf.Pdf, target: pikepdf.Page, text_page: pikepdf.Page, page: Page) -> None:
    """Put ``text_page`` under ``target``'s content as a Form XObject."""
    form = pdf.copy_foreign(text_page.as_form_xobject())
    name = target.add_resource(form, Name.XObject, prefix="OCR")
    rotate = int(target.obj.get(Name.Rotate, 0)) % 360
    drawing = ContentStreamBuilder().push().cm(frame_to_page(page, target.mediabox, rotate)).draw_xobject(name).pop()
    target.contents_add(drawing.build(), prepend=True)


def _save_pdfa(pdf: pikepdf.Pdf, output: Path, info: DocumentInfo) -> None:
    # Where a viewer opens the file (born-digital PDFs often say): pikepdf's
    # validator approves only what it can vouch for, and this it cannot.
    if Name.OpenAction in pdf.Root:
        del pdf.Root.OpenAction
    pdfa.prepare(pdf, PDFA_FLAVOUR)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdf:Producer"] = info.producer
        meta["dc:language"] = [LANGUAGE]
        if info.title:
            meta["dc:title"] = info.title
        if info.subject:
            meta["dc:description"] = info.subject
    pdf.Root.Lang = pikepdf.String(LANGUAGE)
    try:
        pdfa.save(pdf, output, PDFA_FLAVOUR, repair=False)
    except pdfa.PdfaError as error:
        raise OutputError(Msg.OUTPUT_NOT_PDFA.format(path=output, reason=_first_finding(error.report))) from None
    except OSError as error:
        raise OutputError(Msg.OUTPUT_UNWRITABLE.format(path=output, reason=error)) from None


def _first_finding(report) -> str:
    return str(report.findings[0]) if report.findings else str(report.verdict)
