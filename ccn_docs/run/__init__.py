"""The main job: the stages composed, above them.

``job.run_inputs`` (``ccn run``) takes inputs to JSON files and the task table;
``recognise.ocr_paths`` (``ccn ocr``) takes inputs to recognised pages. Both hand
their work (``work.DocumentWork``) to a scheduler: ``local.LocalScheduler`` (worker
processes on this machine) or ``dask_scheduler.DaskScheduler`` (a Dask cluster,
whose hosts run ``dask_worker``). ``version`` names the processing version every
document is recorded under.
"""

from .job import RunSummary, run_inputs
from .recognise import OcrBatch, ocr_paths
from .work import Failure

__all__ = ["Failure", "OcrBatch", "RunSummary", "ocr_paths", "run_inputs"]
