"""The main job: the stages composed, above them.

``job.run_inputs`` (``ccn run``) takes inputs to JSON files and the task table;
``recognise.ocr_paths`` (``ccn ocr``) takes inputs to recognised pages. Both hand
their work (``work.DocumentWork``) to a scheduler: ``local.LocalScheduler`` (worker
processes on this machine) or ``dask_scheduler.DaskScheduler`` (a Dask cluster,
whose hosts run ``dask_worker``). ``version`` names the processing version every
document is recorded under.

The names below are imported when first used: ``ccn ocr`` and every worker process
import this package, and neither needs the task table's libraries (sqlite-utils, pandas).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .job import RunSummary, run_inputs
    from .recognise import OcrBatch, ocr_paths
    from .work import Failure

_HOMES = {"RunSummary": "job", "run_inputs": "job", "OcrBatch": "recognise", "ocr_paths": "recognise", "Failure": "work"}

__all__ = ["Failure", "OcrBatch", "RunSummary", "ocr_paths", "run_inputs"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
