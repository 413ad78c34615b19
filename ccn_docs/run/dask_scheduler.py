"""The Dask scheduler: documents through a Dask distributed cluster.

Imported only when a scheduler address is given; with ``dask_worker`` it is the
only module that imports Dask. Work flows as

    client: page jobs ──► worker: ocr_batch (up to 6 pages) ──► client (pages)
    client: pages ──► worker: finish(path, pages) ──► client

and the client, the only process that writes the database, gets each document
back in input order, so a cluster run loads documents in a fixed order.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from distributed import Client, Future, WorkerPlugin, as_completed

from ..errors import ClusterError, Msg
from ..inputs import PageJob
from .dask_worker import file_fingerprint, files_not_seen, input_bytes, ocr_batch, worker_version
from .environment import VERSION_KEY, local_environment
from .version import processing_version
from .work import DocumentOutcome, DocumentWork, Failure, RecognisedPage

logger = logging.getLogger(__name__)

#: Pages per OCR task: a few seconds of work, so scheduling costs (Dask's documentation gives about 1 ms a task)
#: stay negligible while a lost worker costs little rework.
BATCH_PAGES = 6
#: Reruns of a task that raised (Dask's ``retries``); tasks of a dead worker are
#: rescheduled by Dask itself, up to ``distributed.scheduler.allowed-failures``.
RETRIES = 2
#: OCR tasks kept queued per worker thread: enough to keep every core busy,
#: few enough that input bytes of far-away documents are not held in memory.
TASKS_PER_THREAD = 3
#: Inputs probed to decide between paths and bytes.
PROBE_INPUTS = 32
#: Finished documents held back at most while an earlier one is still running.
BUFFERED_DOCUMENTS = 256
#: Seconds to wait for a fit worker before giving up.
WAIT_FOR_WORKERS = 60.0


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

    def __init__(self, version: str) -> None:
        self.version = version

    def setup(self, worker: Any) -> None:
        try:
            local_environment().check(self.version)
        except ClusterError as error:
            message = Msg.WORKER_ENVIRONMENT.format(worker=worker.address, reason=error)
            logger.error("%s; closing this worker", message)
            self._closing = asyncio.get_running_loop().create_task(worker.close(nanny=True, reason=message))


def publish_environment(client: Client, version: str, *, wait_seconds: float = WAIT_FOR_WORKERS) -> None:
    """Tell the scheduler which processing version workers must have, install the
    guard on every worker, and wait until at least one fit worker is there."""
    client.set_metadata(VERSION_KEY, version)
    client.register_plugin(EnvironmentGuard(version))
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        # Workers the guard is closing may still answer; count only fit ones.
        if version in client.run(worker_version, on_error="ignore").values():
            return
        time.sleep(0.5)
    raise ClusterError(Msg.CLUSTER_NO_WORKERS.format(address=client.scheduler.address, seconds=wait_seconds))


def batches(jobs: Sequence[Any], size: int = BATCH_PAGES) -> list[list[Any]]:
    """Cut one document's page jobs into consecutive batches of at most ``size``,
    as even as possible (7 pages → 4 + 3, not 6 + 1)."""
    if not jobs:
        return []
    count = math.ceil(len(jobs) / size)
    cuts = [round(i * len(jobs) / count) for i in range(count + 1)]
    return [list(jobs[a:b]) for a, b in zip(cuts, cuts[1:])]


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


@contextmanager
def open_dask_scheduler(address: str, scans: Sequence[Path], *, shared_storage: bool | None = None) -> Iterator["DaskScheduler"]:
    """Connect to ``address``, publish this client's processing version, make sure
    a fit worker is there, decide paths or bytes for the ``scans``, and yield the
    scheduler. The connection closes on exit."""
    version = processing_version()
    client = connect(address)
    try:
        publish_environment(client, version)
        yield DaskScheduler(client, version, shared_storage=shared_storage_in_use(client, scans, shared_storage))
    finally:
        client.close()


@dataclass
class _InFlight:
    outcome: DocumentOutcome
    waiting: int  # page jobs not yet recognised or failed
    input_file: str | Future = ""  # absolute path, or a task holding the bytes
    done: bool = False


class DaskScheduler:
    """``Scheduler`` on a Dask cluster; yields documents in input order as they complete.

    Faults: a dead worker's tasks are rescheduled by Dask; a batch that fails is
    split into single-page tasks, each retried ``retries`` times, so only the
    page that keeps failing is reported, with its error, and the run goes on.
    """

    def __init__(
        self,
        client: Client,
        version: str,
        *,
        shared_storage: bool = True,
        batch_pages: int = BATCH_PAGES,
        retries: int = RETRIES,
    ) -> None:
        self.client = client
        self.version = version
        self.shared_storage = shared_storage
        self.batch_pages = batch_pages
        self.retries = retries
        self._task_meta: dict[str, tuple[_InFlight, list[PageJob], str]] = {}

    def map_documents(
        self, works: Iterable[DocumentWork], on_pages: Callable[[int], None], meanwhile: Optional[Callable[[], None]] = None
    ) -> Iterator[DocumentOutcome]:
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
            if meanwhile is not None:  # the cluster has its first tasks: the caller's turn
                meanwhile()
                meanwhile = None
            if running.is_empty():
                if exhausted and not started:
                    return
                continue
            future = next(running)
            flight, jobs, kind = self._task_meta.pop(future.key)
            if kind == "finish":
                self._finish_done(flight, future)
            else:
                settled = self._ocr_done(flight, jobs, future, running, single=kind == "page")
                if settled:
                    on_pages(settled)
                if flight.waiting == 0:
                    self._pages_done(flight, running)
            future.release()

    def _start(self, work: DocumentWork, running: as_completed) -> _InFlight:
        flight = _InFlight(DocumentOutcome(work), waiting=len(work.jobs))
        if not work.jobs:
            self._pages_done(flight, running)
            return flight
        if self.shared_storage:
            flight.input_file = str(Path(work.path).resolve())  # the same on every host
        else:
            # A task holding the bytes, not a scatter: the scheduler keeps its
            # spec, so the bytes can be recomputed if the worker holding them dies
            # (Dask's "large graph" warning is about exactly this, and expected).
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Sending large graph")
                flight.input_file = self.client.submit(input_bytes, Path(work.path).read_bytes(), pure=False)
        for batch in batches(work.jobs, self.batch_pages):
            self._submit_ocr(flight, batch, running, single=False)
        return flight

    def _submit_ocr(self, flight: _InFlight, jobs: list[PageJob], running: as_completed, *, single: bool) -> None:
        future = self.client.submit(
            ocr_batch,
            flight.outcome.work.recognise,
            jobs,
            flight.input_file,
            self.version,
            raise_errors=single,
            retries=self.retries if single else 0,
            pure=False,
        )
        self._task_meta[future.key] = (flight, jobs, "page" if single else "batch")
        running.add(future)

    def _ocr_done(self, flight: _InFlight, jobs: list[PageJob], future: Future, running: as_completed, *, single: bool) -> int:
        """Record a finished OCR task; resubmit what failed in a batch page by page.
        Returns the number of pages settled (recognised, or failed for good)."""
        outcome = flight.outcome
        try:
            results = future.result()
        except Exception as error:  # noqa: BLE001 — task raised after its retries, or its workers kept dying
            if not single:
                for job in jobs:
                    self._submit_ocr(flight, [job], running, single=True)
                return 0
            results = [Failure.of(jobs[0].source, error, jobs[0].page)]
        settled = 0
        for job, result in zip(jobs, results):
            if isinstance(result, RecognisedPage) or single:
                outcome.add_page(result)
                flight.waiting -= 1
                settled += 1
            else:
                self._submit_ocr(flight, [job], running, single=True)
        return settled

    def _pages_done(self, flight: _InFlight, running: as_completed) -> None:
        """Send the document to a worker for ``finish``; a scan with a failed page
        is not finished, as in a local run."""
        flight.input_file = ""  # release the input bytes
        outcome = flight.outcome
        if not outcome.pages_done():
            flight.done = True
            return
        future = self.client.submit(outcome.work.finish, *outcome.finish_arguments(), retries=self.retries, pure=False)
        self._task_meta[future.key] = (flight, [], "finish")
        running.add(future)

    def _finish_done(self, flight: _InFlight, future: Future) -> None:
        try:
            flight.outcome.result = future.result()
        except Exception as error:  # noqa: BLE001 — reported per document; the run goes on
            flight.outcome.error = Failure.of(str(flight.outcome.work.path), error)
        flight.done = True
