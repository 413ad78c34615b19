"""Progress bars that appear only on a terminal (rich), never in pipes or logs."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items per minute in each bar's own unit, the unit archivists plan with."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed * 60 if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} {task.fields['unit']}/min", style="progress.data.speed")


@contextmanager
def progress_bars(bars: Sequence[tuple[str, int, str]], *, enabled: bool | None = None) -> Iterator[Callable[..., None]]:
    """One bar per ``(description, total, unit)``, with throughput and time left.
    Yields ``advance(*counts)``, one count per bar in order (missing counts are 0).
    Draws on stderr only when it is a terminal (or when ``enabled``)."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda *counts: None
        return
    width = max(len(description) for description, _, _ in bars)
    columns = [
        TextColumn(f"[bold]{{task.description:<{width}}}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True)) as progress:
        tasks = [progress.add_task(description, total=total, unit=unit) for description, total, unit in bars]

        def advance(*counts: int) -> None:
            for task_id, count in zip(tasks, counts):
                if count:
                    progress.advance(task_id, count)

        yield advance


@contextmanager
def progress_bar(total: int, description: str, unit: str = "pages", *, enabled: bool | None = None) -> Iterator[Callable[[int], None]]:
    """A single bar; yields ``advance(n)``."""
    with progress_bars([(description, total, unit)], enabled=enabled) as advance:
        yield advance
