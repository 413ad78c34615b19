"""CPU time of a call for tests that check how work grows with input size."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

Result = TypeVar("Result")


def fastest_cpu_time(call: Callable[[], Result], runs: int) -> tuple[float, Result]:
    """The fastest of a few runs in this process's CPU time (a busy machine slows a run, never speeds it up),
    with the last run's result."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        result = call()
        times.append(time.process_time() - started)
    return min(times), result
