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
from . import hocr, layout, preprocess, tables, unread
from ..inputs import PageJob, load_image
from .preprocess import Preprocessing

LANGUAGE = "vie"
# Mean word confidence below which a bitonal page's first reading is taken to have fallen apart.
UNSURE_PAGE_CONFIDENCE = 85
# Mean word confidence below which a page with faint ink is read a second time.
UNSURE_FAINT_PAGE_CONFIDENCE = 90
UNIFORM_BLOCK = 6  # Tesseract's page segmentation mode for one block of text lines
# Tesseract's Vietnamese script model (Debian tesseract-ocr-script-viet), added to the language
# model on a typewritten page: a typewriter face draws every letter to one width ("l" with a foot,
# "i" with a flag), shapes the language model alone misreads more often than the two together.
SCRIPT_MODEL = "Vietnamese"
# Spread of word widths around a fixed pitch (median distance from width = pitch × letters +
# side bearings, in pitches) below which a page is set in a monospaced face: a typewriter face's
# words lie within a twentieth of a pitch of that line, a proportional face's a fifth or more away.
MONOSPACED_SPREAD = 0.12
MIN_PITCH_WORDS = 30  # distinct words of two letters or more needed to measure a page's pitch


@dataclass(frozen=True)
class Settings:
    """How pages are recognised (the benchmark varies ``preprocessing``)."""

    lang: str = LANGUAGE
    timeout: float = tesseract.DEFAULT_TIMEOUT
    choices: bool = True  # per-character alternatives: restoration and JSON output read them
    preprocessing: Preprocessing = field(default_factory=Preprocessing)
    body_as_block: bool = True  # read an unsure bitonal page's body again as one block (``reread_body``)
    faint_second_reading: bool = True  # read an unsure page with faint ink again, stretched to its paper (``reread_faint``)
    monospaced_script_model: bool = True  # read a monospaced page again with the script model too (``reread_monospaced``)


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
    ruled_tables: list[tables.Table] = field(default_factory=list)  # ruled tables, found before preprocessing erases rules


def load(state: PageState) -> PageState:
    state.image = np.asarray(load_image(state.job, colour=True))
    state.dpi = state.job.dpi
    return state


def clean(state: PageState) -> PageState:
    def see_rules(gray: np.ndarray, dpi: int) -> None:
        state.ruled_tables = tables.find_tables(gray, dpi)

    state.image, state.dpi, state.skew, state.bitonal, state.faint = preprocess.apply(
        state.image, state.dpi, state.settings.preprocessing, see_rules)
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


def pitch_spread(page: Page) -> float | None:
    """How far the page's word widths lie from one fixed pitch: the median distance of each
    word's width from the least-squares line width = pitch × letters + offset, in pitches
    (about 0.05 for a monospaced face, 0.2 or more for a proportional one); None with fewer
    than ``MIN_PITCH_WORDS`` distinct words of two letters or more."""
    # Each distinct word once: a page repeating a few words ("Căn cứ … số … ngày …") would fit any pitch.
    widths_of: dict[str, list[int]] = {}
    for line in page.lines:
        for word in line.words:
            if len(word.text) >= 2 and word.text.isalpha():
                widths_of.setdefault(word.text, []).append(word.bbox[2] - word.bbox[0])
    if len(widths_of) < MIN_PITCH_WORDS:
        return None
    letters = np.array([len(text) for text in widths_of], np.float64)
    widths = np.array([np.median(each) for each in widths_of.values()], np.float64)
    (pitch, offset), *_ = np.linalg.lstsq(np.column_stack([letters, np.ones_like(letters)]), widths, rcond=None)
    if pitch <= 0:
        return None
    return float(np.median(np.abs(widths - (pitch * letters + offset))) / pitch)


def reread_monospaced(state: PageState) -> PageState:
    """Read a page set in a monospaced (typewriter) face again with Tesseract's Vietnamese
    script model beside its language model, and keep that reading; the steps after it read
    with both models too. A page in a proportional face, or without the script model
    installed, keeps its first reading."""
    page = state.page
    assert page is not None
    if not state.settings.monospaced_script_model or SCRIPT_MODEL in state.settings.lang.split("+"):
        return state
    spread = pitch_spread(page)
    if spread is None or spread >= MONOSPACED_SPREAD or SCRIPT_MODEL not in tesseract.languages():
        return state
    state.settings = replace(state.settings, lang=f"{state.settings.lang}+{SCRIPT_MODEL}")
    state = read_layout(recognise(state))
    assert state.page is not None
    keep_numbers(state.page, page)
    return state


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The share of the smaller of two boxes that the other covers."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max(1, min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])))


def keep_numbers(page: Page, first: Page) -> None:
    """Words with a digit keep the language model's reading (the word of ``first`` over the
    same place, when it has a digit too): the script model takes a typewriter's dotted or
    slashed zero for a 9 or a 6 more often."""
    numbers = [word for line in first.lines for word in line.words if any(c.isdigit() for c in word.text)]
    for line in page.lines:
        for index, word in enumerate(line.words):
            if not any(c.isdigit() for c in word.text):
                continue
            match = max(numbers, key=lambda other: _overlap(word.bbox, other.bbox), default=None)
            if match is not None and _overlap(word.bbox, match.bbox) > 0.5:
                line.words[index] = match


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


def _read_as_block(state: PageState) -> unread.Recognise:
    return lambda image: hocr.parse(_hocr(state, image, psm=UNIFORM_BLOCK))[1]


def read_unread_lines(state: PageState) -> PageState:
    """Read again, on their own, the inked lines outside ruled tables where the page's reading found no
    word (``unread.read_unread_lines``), and put them in their place: Tesseract's page segmentation leaves
    out some lines whole, a form's labels with dotted leaders most of all. Ruled tables read their empty
    cells themselves."""
    assert state.page is not None and state.image is not None
    found = unread.read_unread_lines(state.page, state.image, [table.bbox for table in state.ruled_tables],
                                     _read_as_block(state))
    if found:
        state.page.lines = unread.put_in_place(state.page.lines, found)
        state.page = layout.arrange(state.page)
    return state


def read_ruled_tables(state: PageState) -> PageState:
    """Write each ruled table's words as its cells, one block per cell (``tables.read_tables``)."""
    assert state.page is not None and state.image is not None
    state.page = tables.read_tables(state.page, state.ruled_tables, state.image, _read_as_block(state))
    return state


def part_paragraphs(state: PageState) -> PageState:
    """A blank line where a paragraph ends in the body (``layout.part_paragraphs``), as a text file has one."""
    assert state.page is not None
    state.page.lines = layout.part_paragraphs(state.page.lines, [table.bbox for table in state.ruled_tables])
    return state


STEPS: tuple[Callable[[PageState], PageState], ...] = (
    load, clean, recognise, read_layout, reread_monospaced, reread_body, reread_faint, read_unread_lines, read_ruled_tables,
    part_paragraphs)

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
