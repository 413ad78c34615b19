"""PDF pages that carry their own text: born-digital directives, and scans OCR'd before.

Per page, OCRmyPDF's PDF inspection tells whether text is drawn visibly (real
fonts) or only invisibly (render mode 3 or a glyphless font: an OCR layer over
a scan). A page read from its own text becomes a ``Page`` like an OCR'd one:
Poppler's words and boxes (``pdftotext -bbox-layout``), in pixels at the page's
dpi, then the same layout step (header columns, footnotes), so restoration and
extraction read it as they read a scan.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

from .._exec import poppler
from ..errors import InputError, Msg
from ..inputs import TextLayerMode
from ..types import Line, Page, Word
from . import layout

VISIBLE, INVISIBLE, NO_TEXT = "visible", "invisible", "none"
TEXT_LAYER = "text-layer"
_XHTML = "{http://www.w3.org/1999/xhtml}"
#: Fewer letters of visible text than this on a page with an image is a stamp
#: or a page number on a scan, not the page's text.
MIN_LETTERS = 40


class PageText(NamedTuple):
    kind: str  # VISIBLE, INVISIBLE or NO_TEXT
    has_images: bool  # a scan, or a typed page with a picture


def text_kinds(path: Path) -> list[PageText]:
    """Per page (in order): ``VISIBLE``, ``INVISIBLE`` (only an OCR layer) or
    ``NO_TEXT``, and whether it holds images."""
    from ocrmypdf.exceptions import ExitCodeException
    from ocrmypdf.pdfinfo import PdfInfo
    from pikepdf import PdfError

    try:
        info = PdfInfo(path, progbar=False)
    except (ExitCodeException, PdfError, OSError, ValueError) as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=error)) from None
    return [
        PageText(VISIBLE if page.has_visible_text else INVISIBLE if page.has_text else NO_TEXT, bool(page.images))
        for page in info.pages
    ]


def pages_to_read(kinds: list[PageText], mode: TextLayerMode) -> list[int]:
    """Page numbers (1-based) to read from the PDF's own text under ``mode``."""
    wanted = {TextLayerMode.AUTO: {VISIBLE}, TextLayerMode.USE: {VISIBLE, INVISIBLE}, TextLayerMode.IGNORE: set()}[TextLayerMode(mode)]
    return [number for number, page in enumerate(kinds, start=1) if page.kind in wanted]


def read_page(path: Path, number: int, dpi: int, *, has_images: bool = True) -> Page | None:
    """Page ``number`` of ``path`` from its own text, boxes in pixels at ``dpi``;
    None when a page with images holds too little text to be its text."""
    root = ElementTree.fromstring(poppler.text_boxes(path, page=number))
    page_element = next(root.iter(f"{_XHTML}page"))
    scale = dpi / poppler.POINTS_PER_INCH
    lines = []
    for line_element in page_element.iter(f"{_XHTML}line"):
        words = [
            Word(text=element.text.strip(), bbox=_pixels(element, scale), confidence=100.0)
            for element in line_element.iter(f"{_XHTML}word")
            if element.text and element.text.strip()
        ]
        if words:
            box = _pixels(line_element, scale)
            lines.append(Line(words=words, bbox=box, text_height=float(box[3] - box[1])))
    if has_images and sum(c.isalpha() for line in lines for word in line.words for c in word.text) < MIN_LETTERS:
        return None
    page = Page(
        source=str(path),
        number=number,
        width=round(float(page_element.get("width")) * scale),
        height=round(float(page_element.get("height")) * scale),
        dpi=dpi,
        lines=lines,
        text_source=TEXT_LAYER,
    )
    return layout.arrange(page)


def _pixels(element: ElementTree.Element, scale: float) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (float(element.get(key)) * scale for key in ("xMin", "yMin", "xMax", "yMax"))
    return (round(x0), round(y0), round(x1), round(y1))
