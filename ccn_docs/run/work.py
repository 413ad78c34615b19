"""What the main job hands a scheduler, and what comes back.

A scheduler runs ``DocumentWork``: the page function over each page job of a
scan, then the document function over the recognised pages (or over a text
input directly). Two schedulers implement ``Scheduler``: ``local.LocalScheduler``
(processes on this machine) and ``dask_scheduler.DaskScheduler`` (a Dask
cluster). The functions travel to other processes, so they must be picklable:
module-level functions, or ``functools.partial`` of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Protocol

from ..errors import CcnError
from ..inputs import PageJob
from ..types import Page


@dataclass(frozen=True)
class Failure:
    """An input, or one page of it, that could not be processed, with the error a
    user sees and the exit code of its kind."""

    source: str
    message: str
    exit_code: int = CcnError.exit_code
    page: Optional[int] = None

    @classmethod
    def of(cls, source: str, error: BaseException, page: Optional[int] = None) -> "Failure":
        """A domain error keeps its message and exit code; anything else is named by its type."""
        if isinstance(error, CcnError):
            return cls(source, str(error), error.exit_code, page)
        return cls(source, f"{type(error).__name__}: {error}", CcnError.exit_code, page)


@dataclass(frozen=True)
class RecognisedPage:
    page: Page
    seconds: float  # worker time for this page (load, clean, Tesseract, layout, page steps)


def recognise_pages(
    recognise: Callable[[PageJob], Page], jobs: Sequence[PageJob], *, raise_errors: bool = False
) -> list[RecognisedPage | Failure]:
    """Each job through ``recognise``; a page that fails becomes a ``Failure`` and
    the other pages still run (with ``raise_errors``, its error is raised)."""
    outcomes: list[RecognisedPage | Failure] = []
    for job in jobs:
        start = time.perf_counter()
        try:
            page = recognise(job)
        except Exception as error:  # noqa: BLE001 — any page error is reported, not fatal to the batch
            if raise_errors:
                raise
            outcomes.append(Failure.of(job.source, error, job.page))
            continue
        outcomes.append(RecognisedPage(page, time.perf_counter() - start))
    return outcomes


@dataclass(eq=False)
class DocumentWork:
    """One input document. A scan's ``jobs`` go through ``recognise`` page by page;
    then ``finish(path, pages, *finish_args)`` runs for a scan, ``finish(path,
    *finish_args)`` for a text input (no jobs). Without ``finish`` the document is
    done when its pages are. ``key`` is the caller's, handed back with the outcome."""

    path: Path
    jobs: list[PageJob]
    recognise: Optional[Callable[[PageJob], Page]] = None
    finish: Optional[Callable[..., Any]] = None
    finish_args: tuple[Any, ...] = ()
    key: Any = None


@dataclass
class DocumentOutcome:
    """What came back for one document: its pages in page order, the pages that
    failed, and the result of ``finish``. ``error`` says why the document was not
    finished: the first failed page (a scan with a failed page is not finished)
    or the failure of ``finish``."""

    work: DocumentWork
    pages: list[Page] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    ocr_seconds: float = 0.0  # worker time spent on this document's pages
    result: Any = None
    error: Optional[Failure] = None

    def add_page(self, outcome: RecognisedPage | Failure) -> None:
        if isinstance(outcome, Failure):
            self.failures.append(outcome)
        else:
            self.pages.append(outcome.page)
            self.ocr_seconds += outcome.seconds

    def pages_done(self) -> bool:
        """Sort what came back; True when ``finish`` should run, else the outcome
        is complete (no ``finish``, or a page failed)."""
        self.pages.sort(key=lambda page: page.number)
        self.failures.sort(key=lambda failure: failure.page or 0)
        if self.failures:
            self.error = self.failures[0]
        return self.work.finish is not None and not self.failures

    def finish_arguments(self) -> tuple[Any, ...]:
        work = self.work
        return (work.path, self.pages, *work.finish_args) if work.jobs else (work.path, *work.finish_args)


class Scheduler(Protocol):
    def map_documents(
        self, works: Iterable[DocumentWork], on_pages: Callable[[int], None], meanwhile: Optional[Callable[[], None]] = None
    ) -> Iterator[DocumentOutcome]:
        """Run every work and yield one outcome each; ``on_pages(n)`` is called as
        pages are recognised or fail (for a progress bar). ``meanwhile()`` is called
        once, in the calling thread, when the first works are handed out and before
        waiting for any of them: work of the caller's own that then overlaps theirs."""
        ...
