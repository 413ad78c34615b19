"""One page through the OCR stage: a flat list of steps over a ``PageState``.

``ocr_page`` is a plain function of picklable data, so a process pool or a Dask
worker runs it unchanged. Steps that work on the recognised ``Page`` (such as
restoration, which is another stage) are given by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from PIL import Image

from .._exec import tesseract
from ..types import Page
from . import hocr, layout, preprocess
from ..inputs import PageJob, load_image
from .preprocess import Preprocessing

LANGUAGE = "vie"


@dataclass(frozen=True)
class Settings:
    """How pages are recognised (the benchmark varies ``preprocessing``)."""

    lang: str = LANGUAGE
    timeout: float = tesseract.DEFAULT_TIMEOUT
    choices: bool = True  # per-character alternatives: restoration and JSON output read them
    preprocessing: Preprocessing = field(default_factory=Preprocessing)


@dataclass
class PageState:
    job: PageJob
    settings: Settings
    image: np.ndarray | None = None
    dpi: int = 0
    skew: float = 0.0
    hocr: str = ""
    page: Page | None = None


def load(state: PageState) -> PageState:
    state.image = np.asarray(load_image(state.job, colour=True))
    state.dpi = state.job.dpi
    return state


def clean(state: PageState) -> PageState:
    state.image, state.dpi, state.skew = preprocess.apply(state.image, state.dpi, state.settings.preprocessing)
    return state


def recognise(state: PageState) -> PageState:
    state.hocr = tesseract.image_to_hocr(
        Image.fromarray(state.image),
        lang=state.settings.lang,
        dpi=state.dpi,
        choices=state.settings.choices,
        timeout=state.settings.timeout,
        path=state.job.source,
        page=state.job.page,
    )
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


STEPS: tuple[Callable[[PageState], PageState], ...] = (load, clean, recognise, read_layout)

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
