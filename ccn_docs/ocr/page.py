"""One page through the OCR stage: a flat list of steps over a ``PageState``.

``ocr_page`` is a plain function of picklable data, so a process pool or a Dask
worker runs it unchanged. Steps that work on the recognised ``Page`` (such as
restoration, which is another stage) are given by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

import numpy as np
from PIL import Image

from .._exec import tesseract
from ..types import Page
from . import hocr, layout, preprocess
from ..inputs import PageJob, load_image
from .preprocess import Preprocessing

LANGUAGE = "vie"
# Mean word confidence below which a bitonal page's first reading is taken to have fallen apart.
UNSURE_PAGE_CONFIDENCE = 85
# Mean word confidence below which a page with faint ink is read a second time.
UNSURE_FAINT_PAGE_CONFIDENCE = 90
UNIFORM_BLOCK = 6  # Tesseract's page segmentation mode for one block of text lines


@dataclass(frozen=True)
class Settings:
    """How pages are recognised (the benchmark varies ``preprocessing``)."""

    lang: str = LANGUAGE
    timeout: float = tesseract.DEFAULT_TIMEOUT
    choices: bool = True  # per-character alternatives: restoration and JSON output read them
    preprocessing: Preprocessing = field(default_factory=Preprocessing)
    body_as_block: bool = True  # read an unsure bitonal page's body again as one block (``reread_body``)
    faint_second_reading: bool = True  # read an unsure page with faint ink again, stretched to its paper (``reread_faint``)


@dataclass
class PageState:
    job: PageJob
    settings: Settings
    image: np.ndarray | None = None
    dpi: int = 0
    skew: float = 0.0
    bitonal: bool = False
    faint: bool = False
    hocr: str = ""
    page: Page | None = None


def load(state: PageState) -> PageState:
    state.image = np.asarray(load_image(state.job, colour=True))
    state.dpi = state.job.dpi
    return state


def clean(state: PageState) -> PageState:
    state.image, state.dpi, state.skew, state.bitonal, state.faint = preprocess.apply(state.image, state.dpi, state.settings.preprocessing)
    return state


def _hocr(state: PageState, image: np.ndarray, psm: int | None = None) -> str:
    return tesseract.image_to_hocr(
        Image.fromarray(image),
        lang=state.settings.lang,
        dpi=state.dpi,
        choices=state.settings.choices,
        psm=psm,
        timeout=state.settings.timeout,
        path=state.job.source,
        page=state.job.page,
    )


def recognise(state: PageState) -> PageState:
    state.hocr = _hocr(state, state.image)
    return state


def read_layout(state: PageState) -> PageState:
    (width, height), lines = hocr.parse(state.hocr)
    page = Page(
        source=state.job.source,
        number=state.job.page,
        width=width,
        height=height,
        dpi=state.dpi,
        lines=lines,
        skew_degrees=state.skew,
    )
    state.page = layout.arrange(page)
    return state


def reread_body(state: PageState) -> PageState:
    """Read the body of a bitonal page that Tesseract is unsure of again as one uniform block
    of lines, below the header, and keep that reading. Thresholding leaves such a page's
    letters in pieces, and Tesseract's own page segmentation then splits and scatters its
    lines; the header's two columns, which one block would interleave, keep the first reading."""
    page = state.page
    assert page is not None
    if not (state.settings.body_as_block and state.bitonal and mean_confidence(page) < UNSURE_PAGE_CONFIDENCE):
        return state
    header = [line for line in page.lines if line.kind == "header"]
    top = max((line.bbox[3] for line in header), default=0)
    _, body = hocr.parse(_hocr(state, state.image[top:], psm=UNIFORM_BLOCK), top=top)
    page.lines = header + body
    state.page = layout.arrange(page)
    return state


def reread_faint(state: PageState) -> PageState:
    """Read a page with faint ink that Tesseract is unsure of again, its contrast stretched to
    its paper's own level, and keep the reading Tesseract is surer of. A dim, blurred photo's
    thin strokes stay grey and its paper keeps a grey veil, which the usual stretch to the
    page's lightest per cent leaves; on a page whose paper is uneven that stretch is the
    better one, and the confidences tell the two apart."""
    page = state.page
    assert page is not None
    if not (state.settings.faint_second_reading and state.faint and mean_confidence(page) < UNSURE_FAINT_PAGE_CONFIDENCE):
        return state
    to_paper = replace(state.settings.preprocessing, paper_white=True)
    second = PageState(job=state.job, settings=replace(state.settings, preprocessing=to_paper))
    for step in (load, clean, recognise, read_layout):
        second = step(second)
    assert second.page is not None
    return second if mean_confidence(second.page) > mean_confidence(page) else state


def mean_confidence(page: Page) -> float:
    """Tesseract's word confidence (0–100) averaged over the page's words; 0 without words."""
    confidences = [word.confidence for line in page.lines for word in line.words]
    return sum(confidences) / len(confidences) if confidences else 0.0


STEPS: tuple[Callable[[PageState], PageState], ...] = (load, clean, recognise, read_layout, reread_body, reread_faint)

#: A step over a recognised page, given by the caller (e.g. restoration).
PageStep = Callable[[Page], Page]


def ocr_page(job: PageJob, *, settings: Settings | None = None, after: Sequence[PageStep] = ()) -> Page:
    """Recognise one page: load, clean, Tesseract hOCR, layout, then each step of
    ``after`` in turn. Raises ``CcnError`` subclasses naming the page."""
    state = PageState(job=job, settings=settings or Settings())
    for step in STEPS:
        state = step(state)
    assert state.page is not None
    page = state.page
    for page_step in after:
        page = page_step(page)
    return page
