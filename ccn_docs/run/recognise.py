"""``ccn ocr``: every page of many inputs through OCR, and restoration per page
unless the raw text is wanted, on the local scheduler. Pages a PDF carries its
own text for are read from it instead (``--text-layer``, ``archive.read_own_text``).

A bad input (or a page Tesseract chokes on) becomes a ``Failure`` with its
message; every other input is still recognised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .._exec import tesseract
from ..errors import CcnError, InputError, Msg
from ..inputs import TextLayerMode, discover, page_jobs
from ..ocr import Settings, ocr_page
from ..progress import progress_bar
from ..types import Page
from .archive import read_own_text, restore_keeping_reading
from .local import DEFAULT_JOBS, LocalScheduler, workers_for
from .work import DocumentWork, Failure


@dataclass
class Document:
    source: str
    pages: list[Page] = field(default_factory=list)


@dataclass
class OcrBatch:
    """Recognised documents (input order, pages in order) and what failed."""

    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # which pages were read from a PDF's own text

    @property
    def pages(self) -> list[Page]:
        return [page for document in self.documents for page in document.pages]

    @property
    def failed_sources(self) -> list[str]:
        return list(dict.fromkeys(failure.source for failure in self.failures))

    def text(self) -> str:
        """One line per text line, pages separated by a form feed."""
        return "\f".join(page.text for page in self.pages) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [{"source": d.source, "pages": [p.to_dict() for p in d.pages]} for d in self.documents],
            "failures": [vars(f) for f in self.failures],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)


def ocr_paths(
    paths: list[Path],
    *,
    jobs: int = DEFAULT_JOBS,
    progress: bool = True,
    dpi: int | None = None,
    restore: bool = False,
    settings: Settings | None = None,
    text_layer: TextLayerMode = TextLayerMode.AUTO,
    meanwhile: Callable[[], None] | None = None,
) -> OcrBatch:
    """Recognise every page of every input (files or folders), restored unless
    ``restore`` is False; a PDF's pages with their own text are read from it
    as ``text_layer`` says.

    ``jobs`` worker processes each run one single-threaded Tesseract. A progress
    bar is drawn when ``progress`` and stderr is a terminal. Raises only for
    problems that concern every input (Tesseract or its language missing, no
    restoration model); per-input problems land in ``OcrBatch.failures``.
    ``meanwhile()`` runs once in this thread while the workers recognise the
    first pages (say, loading what the caller needs after OCR)."""
    settings = settings or Settings()
    tesseract.require_language(lang=settings.lang)
    sources = discover(paths)
    if not sources:
        raise InputError(Msg.INPUT_EMPTY.format(path=", ".join(str(p) for p in paths)))
    after: tuple = ()
    if restore:
        from ..restore import default_restorer

        default_restorer()  # a missing model fails the batch once, not once per page
        after = (restore_keeping_reading,)
    recognise = partial(ocr_page, settings=settings, after=after)
    batch = OcrBatch()
    works = []
    documents: dict[str, Document] = {}
    order: list[str] = []  # inputs that could be opened, in input order
    for source in sources:
        try:
            jobs_of_source = page_jobs(source, dpi=dpi)
            own = read_own_text(source, jobs_of_source, text_layer)
        except CcnError as error:
            batch.failures.append(Failure.of(str(source), error))
            continue
        batch.notes.extend(own.notes)
        if own.pages:
            read = [restore_keeping_reading(page) for page in own.pages] if restore else own.pages
            documents[str(source)] = Document(str(source), read)
        to_recognise = [job for job in jobs_of_source if job.page not in {page.number for page in own.pages}]
        if to_recognise:
            works.append(DocumentWork(source, to_recognise, recognise))
        order.append(str(source))
    pages = sum(len(work.jobs) for work in works)
    with LocalScheduler(workers_for(jobs, pages), preload=["ccn_docs.restore"] if restore else []) as scheduler, progress_bar(pages, "OCR", "pages", enabled=None if progress else False) as advance:
        for outcome in scheduler.map_documents(works, on_pages=advance, meanwhile=meanwhile):
            batch.failures.extend(outcome.failures)
            if outcome.pages:
                document = documents.setdefault(str(outcome.work.path), Document(str(outcome.work.path)))
                document.pages = sorted(document.pages + outcome.pages, key=lambda page: page.number)
    batch.documents = [documents[source] for source in order if source in documents]
    return batch
