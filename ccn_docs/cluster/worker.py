"""``ccn worker``: check this host, then serve Dask workers for a scheduler.

A host joins only if it can run the client's tasks: Tesseract with ``vie`` data
and the same model files as the client that published its model version on the
scheduler. Each worker process gets one thread and one Tesseract thread
(``OMP_THREAD_LIMIT=1``): Tesseract's own threading is slower on small machines
and restoration is Python code that threads would serialise on the GIL.
"""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from ..errors import ClusterError, Msg
from .environment import MODEL_VERSION_KEY, Environment, local_environment

WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}


async def published_model_version(address: str, *, timeout: float = 10.0) -> str | None:
    """The model version the client published on the scheduler, None before any client came."""
    from distributed.core import rpc

    try:
        async with rpc(address, timeout=timeout) as scheduler:
            return await scheduler.get_metadata(keys=MODEL_VERSION_KEY, default=None)
    except (OSError, asyncio.TimeoutError) as error:
        raise ClusterError(Msg.CLUSTER_UNREACHABLE.format(address=address, reason=error or type(error).__name__)) from None


def check_join(address: str, *, timeout: float = 10.0) -> Environment:
    """This host's environment if it may join ``address``; else ``ClusterError``."""
    environment = local_environment()
    environment.check(asyncio.run(published_model_version(address, timeout=timeout)))
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
