"""The local scheduler: documents through worker processes on this machine.

Each worker runs one single-threaded Tesseract. Workers come from a
``forkserver``, so they never inherit the progress bar's thread or the database
connection, and they ignore Ctrl-C, which the main process handles once. The
forkserver imports the stages' libraries once (``preload``), so each worker starts
with them in memory. With one job everything runs in this process: no worker to
start, models loaded once.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any, Optional

from .work import DocumentOutcome, DocumentWork, Failure, recognise_pages

#: Worker processes when none are asked for: one per core.
DEFAULT_JOBS = os.cpu_count() or 1


def workers_for(jobs: int, pages: int) -> int:
    """No more workers than pages to recognise (a text input counts as one)."""
    return max(1, min(jobs, pages))


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _InProcess(Executor):
    """Runs each call at once, in this process; its futures are already done."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # noqa: BLE001 — handed back like a worker's error
            future.set_exception(error)
        return future


@dataclass
class _InFlight:
    outcome: DocumentOutcome
    waiting: int  # pages not yet back


class LocalScheduler:
    """``Scheduler`` over ``jobs`` local processes; use it as a context manager.
    Outcomes come as documents finish. Only a few documents are in flight at once,
    so memory stays flat on big batches."""

    def __init__(self, jobs: int = DEFAULT_JOBS, preload: Sequence[str] = ()) -> None:
        self.jobs = max(1, jobs)
        self.preload = preload
        self.in_flight = 1 if self.jobs == 1 else 2 * self.jobs
        self._executor: Optional[Executor] = None

    def __enter__(self) -> "LocalScheduler":
        if self.jobs == 1:
            self._executor = _InProcess()
        else:
            context = get_context("forkserver")
            # Read when the forkserver starts, once per process; "__main__" is the default.
            context.set_forkserver_preload(["__main__", *self.preload])
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_ignore_sigint)
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        assert self._executor is not None
        # On an error or Ctrl-C, drop queued work instead of finishing it.
        self._executor.shutdown(wait=error is None, cancel_futures=error is not None)
        self._executor = None

    def map_documents(
        self, works: Iterable[DocumentWork], on_pages: Callable[[int], None], meanwhile: Optional[Callable[[], None]] = None
    ) -> Iterator[DocumentOutcome]:
        executor = self._executor
        assert executor is not None, "use LocalScheduler as a context manager"
        pending = iter(works)
        running: dict[Future, _InFlight] = {}
        documents = 0
        while True:
            while documents < self.in_flight and (work := next(pending, None)) is not None:
                documents += 1
                flight = _InFlight(DocumentOutcome(work), waiting=len(work.jobs))
                for job in work.jobs:
                    running[executor.submit(recognise_pages, work.recognise, [job])] = flight
                if not work.jobs and flight.outcome.pages_done():
                    running[executor.submit(work.finish, *flight.outcome.finish_arguments())] = flight
                elif not work.jobs:  # nothing to do for it
                    documents -= 1
                    yield flight.outcome
            if meanwhile is not None:  # the workers have their first pages: the caller's turn
                meanwhile()
                meanwhile = None
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                flight = running.pop(future)
                outcome = flight.outcome
                error = future.exception()
                if flight.waiting:  # one of its pages came back
                    outcome.add_page(Failure.of(str(outcome.work.path), error) if error else future.result()[0])
                    flight.waiting -= 1
                    on_pages(1)
                    if flight.waiting:
                        continue
                    if outcome.pages_done():
                        running[executor.submit(outcome.work.finish, *outcome.finish_arguments())] = flight
                        continue
                elif error is not None:  # its document function failed
                    outcome.error = Failure.of(str(outcome.work.path), error)
                else:
                    outcome.result = future.result()
                documents -= 1
                yield outcome
