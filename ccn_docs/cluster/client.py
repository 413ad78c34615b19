"""The client side of a cluster run: connect, check workers, schedule, collect.

Imported only when a scheduler address is given; it is the one module of the
client that imports Dask. Work flows as

    client: page_jobs(path) ──► worker: ocr_batch (4–8 pages) ──► client (pages)
    client: pages ──► worker: finish(path, pages) (restore + extract) ──► client

and the client, the only process that writes the database, hands each finished
document to the caller as a ``DocumentOutcome``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import Client, Future, WorkerPlugin, as_completed

from ..errors import ClusterError, Msg
from ..types import Page
from ..inputs import PageJob
from .environment import MODEL_VERSION_KEY, local_environment
from .tasks import PageFailure, RecognisedPage, describe, ocr_batch

logger = logging.getLogger(__name__)

#: Pages per OCR task: a few seconds of work, so scheduling costs (~1 ms a task)
#: stay negligible while a lost worker costs little rework.
BATCH_PAGES = 6
#: Reruns of a task that raised (Dask's ``retries``); tasks of a dead worker are
#: rescheduled by Dask itself, up to ``distributed.scheduler.allowed-failures``.
RETRIES = 2
#: OCR tasks kept queued per worker thread: enough to keep every core busy,
#: few enough that input bytes of far-away documents are not held in memory.
TASKS_PER_THREAD = 3
#: Leading bytes compared when checking that a worker sees an input at the same path.
PROBE_BYTES = 1 << 16
#: Inputs probed to decide between paths and bytes.
PROBE_INPUTS = 32
#: Finished documents held back at most while an earlier one is still running.
BUFFERED_DOCUMENTS = 256


def connect(address: str, *, timeout: float = 10.0) -> Client:
    """A ``distributed.Client`` on ``address``, or a ``ClusterError`` saying why not."""
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, asyncio.TimeoutError) as error:
        raise ClusterError(Msg.CLUSTER_UNREACHABLE.format(address=address, reason=error or type(error).__name__)) from None


class EnvironmentGuard(WorkerPlugin):
    """Installed on every worker, present and future: a worker whose environment
    does not match the client's closes itself (and its nanny) instead of taking
    tasks. This covers workers started with plain ``dask worker``."""

    name = "ccn-environment-guard"

    def __init__(self, model_version: str) -> None:
        self.model_version = model_version

    def setup(self, worker: Any) -> None:
        try:
            local_environment().check(self.model_version)
        except ClusterError as error:
            message = Msg.WORKER_ENVIRONMENT.format(worker=worker.address, reason=error)
            logger.error("%s; closing this worker", message)
            self._closing = asyncio.get_running_loop().create_task(worker.close(nanny=True, reason=message))


def publish_environment(client: Client, model_version: str, *, wait_seconds: float = 60.0) -> None:
    """Tell the scheduler which model workers must have, install the guard on
    every worker, and wait until at least one fit worker is there."""
    client.set_metadata(MODEL_VERSION_KEY, model_version)
    client.register_plugin(EnvironmentGuard(model_version))
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        # Workers the guard is closing may still answer; count only fit ones.
        if model_version in client.run(worker_model_version, on_error="ignore").values():
            return
        time.sleep(0.5)
    raise ClusterError(Msg.CLUSTER_NO_WORKERS.format(address=client.scheduler.address, seconds=wait_seconds))


def worker_model_version() -> str | None:
    """Run on a worker: its model version, None when it cannot run tasks."""
    environment = local_environment()
    return None if environment.problem else environment.model_version


def batches(jobs: Sequence[Any], size: int = BATCH_PAGES) -> list[list[Any]]:
    """Cut one document's page jobs into consecutive batches of at most ``size``,
    as even as possible (7 pages → 4 + 3, not 6 + 1)."""
    if not jobs:
        return []
    count = math.ceil(len(jobs) / size)
    cuts = [round(i * len(jobs) / count) for i in range(count + 1)]
    return [list(jobs[a:b]) for a, b in zip(cuts, cuts[1:])]


def file_fingerprint(path: str) -> tuple[int, str]:
    """Size and digest of the leading bytes: enough to tell "the same file"
    across hosts without reading whole scans."""
    with open(path, "rb") as handle:
        head = handle.read(PROBE_BYTES)
        size = handle.seek(0, 2)
    return size, hashlib.sha256(head).hexdigest()


def files_not_seen(expected: dict[str, tuple[int, str]]) -> list[str]:
    """Run on a worker: which inputs it does not see identically at the same path."""
    missing = []
    for path, fingerprint in expected.items():
        try:
            if file_fingerprint(path) != fingerprint:
                missing.append(path)
        except OSError:
            missing.append(path)
    return missing


def shared_storage_in_use(client: Client, paths: Sequence[Path], requested: bool | None) -> bool:
    """Decide how inputs reach workers.

    ``requested`` False: always bytes. True: paths, and every connected worker
    must see the probed inputs (else ``ClusterError``). None (auto): paths when
    every connected worker sees the probed inputs at the same absolute path with
    the same size and leading bytes, bytes otherwise.
    """
    if requested is False or not paths:
        return False
    step = max(1, len(paths) // PROBE_INPUTS)
    expected = {str(p.resolve()): file_fingerprint(str(p.resolve())) for p in list(paths)[::step][:PROBE_INPUTS]}
    unseen = {worker: missing for worker, missing in client.run(files_not_seen, expected).items() if missing}
    if unseen and requested:
        worker, missing = next(iter(unseen.items()))
        raise ClusterError(Msg.SHARED_STORAGE_MISSING.format(path=missing[0], worker=worker))
    logger.info("inputs go to workers as %s", "bytes" if unseen else "paths")
    return not unseen


@dataclass
class DocumentWork:
    """One input document and the per-document function that turns it into the
    caller's result on a worker: ``finish(path, pages, *finish_args)`` for a scan
    (after its ``jobs`` are recognised), ``finish(path, *finish_args)`` for a
    text input (no jobs). It must be a module-level function; its arguments and
    result must be picklable."""

    path: Path
    jobs: list[PageJob]
    finish: Callable[..., Any]
    finish_args: tuple[Any, ...] = ()


@dataclass
class DocumentOutcome:
    """What came back for one document. ``error`` is set when a page kept failing
    (``failures`` says which; the document is then not finished, as in a local
    run) or when ``finish`` failed."""

    work: DocumentWork
    pages: list[Page] = field(default_factory=list)
    failures: list[PageFailure] = field(default_factory=list)
    ocr_seconds: float = 0.0  # worker time spent on this document's pages
    result: Any = None
    error: str | None = None


@dataclass
class _InFlight:
    outcome: DocumentOutcome
    waiting: int  # page jobs not yet recognised or failed
    input_file: str | Future = ""  # absolute path, or a task holding the bytes
    done: bool = False


class ClusterExecutor:
    """Runs documents on a Dask cluster; yields them in input order as they complete.

    Faults: a dead worker's tasks are rescheduled by Dask; a batch that fails is
    split into single-page tasks, each retried ``retries`` times, so only the
    page that keeps failing is reported, with its error, and the run goes on.
    """

    def __init__(
        self,
        client: Client,
        model_version: str,
        *,
        shared_storage: bool = True,
        batch_pages: int = BATCH_PAGES,
        retries: int = RETRIES,
    ) -> None:
        self.client = client
        self.model_version = model_version
        self.shared_storage = shared_storage
        self.batch_pages = batch_pages
        self.retries = retries
        self._task_meta: dict[str, tuple[_InFlight, list[PageJob], str]] = {}

    def map_documents(self, works: Iterable[DocumentWork], on_pages: Callable[[int], None] | None = None) -> Iterator[DocumentOutcome]:
        """Yield one ``DocumentOutcome`` per work, in the order of ``works``, so the
        writer loads documents in the same order whatever finishes first.
        ``on_pages(n)`` is called as pages finish OCR (for a progress bar)."""
        pending = iter(works)
        queue_limit = TASKS_PER_THREAD * max(1, sum(self.client.nthreads().values()))
        running = as_completed(loop=self.client.loop)
        started: deque[_InFlight] = deque()
        exhausted = False
        while True:
            # Keep workers busy, but bound the documents held while an early one is slow.
            while not exhausted and running.count() < queue_limit and len(started) < BUFFERED_DOCUMENTS:
                work = next(pending, None)
                if work is None:
                    exhausted = True
                else:
                    started.append(self._start(work, running))
            while started and started[0].done:
                yield started.popleft().outcome
            if running.is_empty():
                if exhausted and not started:
                    return
                continue
            future = next(running)
            flight, jobs, kind = self._task_meta.pop(future.key)
            if kind == "finish":
                self._finish_done(flight, future)
            else:
                recognised = self._ocr_done(flight, jobs, future, running, single=kind == "page")
                if on_pages and recognised:
                    on_pages(recognised)
                if flight.waiting == 0:
                    self._submit_finish(flight, running)
            future.release()

    def _start(self, work: DocumentWork, running: as_completed) -> _InFlight:
        flight = _InFlight(DocumentOutcome(work), waiting=len(work.jobs))
        if not work.jobs:
            self._submit_finish(flight, running)
            return flight
        if self.shared_storage:
            flight.input_file = str(Path(work.path).resolve())  # the same on every host
        else:
            # A task holding the bytes, not a scatter: the scheduler keeps its
            # spec, so the bytes can be recomputed if the worker holding them dies
            # (Dask's "large graph" warning is about exactly this, and expected).
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Sending large graph")
                flight.input_file = self.client.submit(_input_bytes, Path(work.path).read_bytes(), pure=False)
        for batch in batches(work.jobs, self.batch_pages):
            self._submit_ocr(flight, batch, running, single=False)
        return flight

    def _submit_ocr(self, flight: _InFlight, jobs: list[PageJob], running: as_completed, *, single: bool) -> None:
        future = self.client.submit(
            ocr_batch,
            jobs,
            flight.input_file,
            self.model_version,
            raise_errors=single,
            retries=self.retries if single else 0,
            pure=False,
        )
        self._task_meta[future.key] = (flight, jobs, "page" if single else "batch")
        running.add(future)

    def _ocr_done(self, flight: _InFlight, jobs: list[PageJob], future: Future, running: as_completed, *, single: bool) -> int:
        """Record a finished OCR task; resubmit what failed in a batch page by page.
        Returns the number of pages newly recognised."""
        outcome = flight.outcome
        try:
            results = future.result()
        except Exception as error:  # noqa: BLE001 — task raised after its retries, or its workers kept dying
            if single:
                self._page_failed(flight, jobs[0], describe(error))
            else:
                for job in jobs:
                    self._submit_ocr(flight, [job], running, single=True)
            return 0
        recognised = 0
        for job, result in zip(jobs, results):
            if isinstance(result, RecognisedPage):
                outcome.pages.append(result.page)
                outcome.ocr_seconds += result.seconds
                flight.waiting -= 1
                recognised += 1
            elif single:
                self._page_failed(flight, job, result.error)
            else:
                self._submit_ocr(flight, [job], running, single=True)
        return recognised

    def _page_failed(self, flight: _InFlight, job: PageJob, error: str) -> None:
        flight.outcome.failures.append(PageFailure(source=job.source, number=job.page, error=error))
        flight.waiting -= 1

    def _submit_finish(self, flight: _InFlight, running: as_completed) -> None:
        """Send the document to a worker for restoration and extraction; a scan
        with a failed page fails as a whole, as in a local run."""
        outcome, work = flight.outcome, flight.outcome.work
        flight.input_file = ""  # release the input bytes
        if outcome.failures:
            outcome.failures.sort(key=lambda failure: failure.number)
            outcome.error, flight.done = outcome.failures[0].error, True
            return
        outcome.pages.sort(key=lambda page: page.number)
        arguments = (work.path, outcome.pages) if work.jobs else (work.path,)
        future = self.client.submit(work.finish, *arguments, *work.finish_args, retries=self.retries, pure=False)
        self._task_meta[future.key] = (flight, [], "finish")
        running.add(future)

    def _finish_done(self, flight: _InFlight, future: Future) -> None:
        try:
            flight.outcome.result = future.result()
        except Exception as error:  # noqa: BLE001 — reported per document; the run goes on
            flight.outcome.error = describe(error)
        flight.done = True


def _input_bytes(data: bytes) -> bytes:
    return data
