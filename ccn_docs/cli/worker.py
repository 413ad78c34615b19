"""``ccn worker``: join a Dask scheduler as a checked worker host."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app, handles_errors


@app.command()
@handles_errors
def worker(
    scheduler: Annotated[str, typer.Argument(help="Scheduler address, e.g. tcp://10.0.0.5:8786.", show_default=False)],
    nworkers: Annotated[
        Optional[int],
        typer.Option("--nworkers", "-n", min=1, help="Worker processes on this host, one thread each (default: number of cores).", show_default=False),
    ] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Worker name shown on the dashboard (suffixed -0, -1, ... per process).")] = None,
    memory_limit: Annotated[str, typer.Option("--memory-limit", help="Memory per worker process, e.g. 4GiB ('auto': share of RAM).")] = "auto",
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the scheduler to answer.")] = 10.0,
) -> None:
    """Check this host (Tesseract 'vie' data, the client's processing version), then run
    Dask workers for SCHEDULER until stopped (Ctrl-C)."""
    from ..run.dask_worker import check_join, serve
    from ..run.local import DEFAULT_JOBS

    nworkers = nworkers or DEFAULT_JOBS
    environment = check_join(scheduler, timeout=timeout)
    typer.echo(f"environment ok: tesseract vie, processing version {environment.version}; joining {scheduler} with {nworkers} worker(s)")
    serve(scheduler, workers=nworkers, name=name, memory_limit=memory_limit)
