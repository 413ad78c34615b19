"""Many inputs through the OCR stage: one Tesseract per core, failures collected.

A bad input (or a page Tesseract chokes on) becomes a ``Failure`` with its
message; every other input is still recognised.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .._exec import tesseract
from ..errors import CcnError, InputError, Msg
from ..progress import progress_bar
from ..types import Page
from ..inputs import DEFAULT_DPI, PageJob, discover, page_jobs
from .pipeline import Settings, ocr_page

DEFAULT_JOBS = os.cpu_count() or 1


@dataclass
class Failure:
    source: str
    message: str
    exit_code: int
    page: int | None = None


@dataclass
class Document:
    source: str
    pages: list[Page] = field(default_factory=list)


@dataclass
class OcrBatch:
    """Recognised documents (input order, pages in order) and what failed."""

    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

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


def _check_restoration() -> None:
    """Load the restoration model once up front so a missing model fails the
    batch with one message instead of once per page."""
    from ..restore import default_restorer

    default_restorer()


def ocr_paths(
    paths: list[Path],
    *,
    jobs: int = DEFAULT_JOBS,
    progress: bool = True,
    dpi: int = DEFAULT_DPI,
    restore: bool = False,
    settings: Settings | None = None,
) -> OcrBatch:
    """Recognise every page of every input (files or folders).

    ``jobs`` worker processes each run one single-threaded Tesseract. A progress
    bar is drawn when ``progress`` and stderr is a terminal. Raises only for
    problems that concern every input (Tesseract or its language missing, no
    restoration model); per-input problems land in ``OcrBatch.failures``."""
    settings = settings or Settings()
    tesseract.require_language(lang=settings.lang)
    sources = discover(paths)
    if not sources:
        raise InputError(Msg.INPUT_EMPTY.format(path=", ".join(str(p) for p in paths)))
    if restore:
        _check_restoration()
    batch = OcrBatch()
    documents: dict[str, Document] = {}
    work: list[PageJob] = []
    for source in sources:
        try:
            page_list = page_jobs(source, dpi=dpi)
        except CcnError as error:
            batch.failures.append(Failure(str(source), str(error), error.exit_code))
            continue
        documents[str(source)] = Document(str(source))
        work.extend(page_list)
    results: dict[tuple[str, int], Page] = {}
    with _pool(jobs, len(work)) as pool:
        outcomes = _outcomes(pool, work, restore=restore, settings=settings)  # workers start here, before any progress thread
        with progress_bar(len(work), "OCR", "pages", enabled=None if progress else False) as advance:
            for job, outcome in outcomes:
                if isinstance(outcome, CcnError):
                    batch.failures.append(Failure(job.source, str(outcome), outcome.exit_code, job.page))
                else:
                    results[(job.source, job.page)] = outcome
                advance(1)
    for source, document in documents.items():
        document.pages = [results[key] for key in sorted(k for k in results if k[0] == source)]
        if document.pages:
            batch.documents.append(document)
    return batch


def _pool(jobs: int, pages: int) -> ProcessPoolExecutor | contextlib.nullcontext:
    """Worker processes, forked (no re-import per worker); none for one job or one page."""
    if jobs <= 1 or pages <= 1:
        return contextlib.nullcontext()
    return ProcessPoolExecutor(max_workers=min(jobs, pages), mp_context=multiprocessing.get_context("fork"))


def _inline(job: PageJob, *, restore: bool, settings: Settings) -> tuple[PageJob, Page | CcnError]:
    try:
        return job, ocr_page(job, restore=restore, settings=settings)
    except CcnError as error:
        return job, error


def _outcomes(
    pool: ProcessPoolExecutor | None, work: list[PageJob], *, restore: bool, settings: Settings
) -> Iterator[tuple[PageJob, Page | CcnError]]:
    """``(job, Page or CcnError)`` as pages finish; with a pool, every page is
    submitted (and every worker forked) before this returns."""
    if pool is None:
        return (_inline(job, restore=restore, settings=settings) for job in work)
    futures = [pool.submit(_inline, job, restore=restore, settings=settings) for job in work]
    return (future.result() for future in as_completed(futures))
