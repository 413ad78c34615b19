"""The worker side of a Dask run: ``ccn worker`` and the tasks workers run.

A host joins only if it can run the client's tasks: Tesseract with ``vie`` data
and the processing version the client published on the scheduler. Each worker
process gets one thread and one Tesseract thread (``OMP_THREAD_LIMIT=1``):
Tesseract's own threading is slower on small machines, and restoration is Python
code that threads would serialise on the GIL. Tasks return plain picklable data
and never touch the database.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import os
import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import CcnError, ClusterError, Msg, OcrError
from ..inputs import PageJob
from ..types import Page
from .environment import VERSION_KEY, Environment, local_environment
from .work import Failure, RecognisedPage, recognise_pages

WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}
#: Leading bytes compared when checking that a worker sees an input at the same path.
PROBE_BYTES = 1 << 16


# --- tasks ---------------------------------------------------------------------------------


def ocr_batch(
    recognise: Callable[[PageJob], Page],
    jobs: Sequence[PageJob],
    input_file: str | bytes,
    expected_version: str,
    *,
    raise_errors: bool = False,
) -> list[RecognisedPage | Failure]:
    """Recognise consecutive pages of one input.

    ``input_file`` is where the worker reads the input: its absolute path on
    shared storage, or its bytes, then read from a private temporary copy (so
    rasterising stays on the worker). Pages and errors are reported under the
    jobs' own ``source``, so the database cannot tell the transports apart.
    With ``raise_errors`` (single-page retries) a failure raises, so Dask's
    ``retries`` reruns it; in a batch it is returned, so the other pages count.
    """
    local_environment().check(expected_version)  # a worker that joined without ``ccn worker``'s check
    with _readable(input_file, suffix=Path(jobs[0].source).suffix.lower()) as local_source:
        try:
            outcomes = recognise_pages(recognise, [dataclasses.replace(job, source=local_source) for job in jobs], raise_errors=raise_errors)
        except Exception as error:
            raise _named_after(error, jobs[0].source, local_source) from error
    return [
        RecognisedPage(dataclasses.replace(outcome.page, source=job.source), outcome.seconds)
        if isinstance(outcome, RecognisedPage)
        else dataclasses.replace(outcome, source=job.source, message=outcome.message.replace(local_source, job.source))
        for job, outcome in zip(jobs, outcomes)
    ]


def _named_after(error: Exception, source: str, local_source: str) -> CcnError:
    """The error as a ``CcnError`` naming the client's path, not a temporary copy."""
    message = Failure.of(source, error).message.replace(local_source, source)
    return type(error)(message) if isinstance(error, CcnError) else OcrError(message)


def worker_version() -> str | None:
    """This worker's processing version, None when it cannot run tasks."""
    environment = local_environment()
    return None if environment.problem else environment.version


def file_fingerprint(path: str) -> tuple[int, str]:
    """Size and digest of the leading bytes: enough to tell "the same file"
    across hosts without reading whole scans."""
    with open(path, "rb") as handle:
        head = handle.read(PROBE_BYTES)
        size = handle.seek(0, 2)
    return size, hashlib.sha256(head).hexdigest()


def files_not_seen(expected: dict[str, tuple[int, str]]) -> list[str]:
    """Which inputs this worker does not see identically at the same path."""
    missing = []
    for path, fingerprint in expected.items():
        try:
            if file_fingerprint(path) != fingerprint:
                missing.append(path)
        except OSError:
            missing.append(path)
    return missing


def input_bytes(data: bytes) -> bytes:
    return data


@contextmanager
def _readable(input_file: str | bytes, suffix: str) -> Iterator[str]:
    """A path to read the input from: the shared path itself, or a temporary
    file holding the bytes, removed afterwards."""
    if isinstance(input_file, str):
        yield input_file
        return
    descriptor, name = tempfile.mkstemp(prefix="ccn-input-", suffix=suffix)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(input_file)
        yield name
    finally:
        os.unlink(name)


# --- ccn worker -----------------------------------------------------------------------------


async def published_version(address: str, *, timeout: float = 10.0) -> str | None:
    """The processing version the client published on the scheduler, None before any client came."""
    from distributed.core import rpc

    try:
        async with rpc(address, timeout=timeout) as scheduler:
            return await scheduler.get_metadata(keys=VERSION_KEY, default=None)
    except (OSError, asyncio.TimeoutError) as error:
        raise ClusterError(Msg.CLUSTER_UNREACHABLE.format(address=address, reason=error or type(error).__name__)) from None


def check_join(address: str, *, timeout: float = 10.0) -> Environment:
    """This host's environment if it may join ``address``; else ``ClusterError``."""
    environment = local_environment()
    environment.check(asyncio.run(published_version(address, timeout=timeout)))
    return environment


def serve(address: str, *, workers: int, name: str | None = None, memory_limit: str = "auto") -> None:
    """Run ``workers`` single-threaded Dask worker processes (each under a nanny
    that restarts it if it dies) until SIGINT/SIGTERM or until the scheduler
    closes them. Call ``check_join`` first."""
    os.environ.update(WORKER_ENV)
    asyncio.run(_serve(address, workers=workers, name=name, memory_limit=memory_limit))


async def _serve(address: str, *, workers: int, name: str | None, memory_limit: str) -> None:
    from distributed import Nanny

    nannies = [
        Nanny(
            address,
            nthreads=1,
            env=dict(WORKER_ENV),
            memory_limit=memory_limit,
            name=None if name is None else (name if workers == 1 else f"{name}-{i}"),
        )
        for i in range(workers)
    ]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    running = asyncio.ensure_future(_run_nannies(nannies))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait([running, stopping], return_when=asyncio.FIRST_COMPLETED)
    if stopping.done():
        await asyncio.gather(*(nanny.close(timeout=10, reason="ccn-worker-stopped") for nanny in nannies))
    else:
        stopping.cancel()
        running.result()


async def _run_nannies(nannies: list[Any]) -> None:
    await asyncio.gather(*nannies)
    await asyncio.gather(*(nanny.finished() for nanny in nannies))
