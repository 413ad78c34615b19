"""Run the pipeline on a Dask distributed cluster (``ccn run --scheduler``, ``ccn worker``).

The client sends per-page OCR (in batches of pages) and per-document restoration +
extraction to workers and gets plain results back; it alone writes the database.
Inputs reach workers as paths when every worker sees them on shared storage, as
bytes otherwise (``client.shared_storage_in_use``). Only ``job``, ``client`` and
``worker`` import Dask, and only a run with a scheduler imports them.
"""

from __future__ import annotations

#: Environment variable naming the scheduler when ``ccn run --scheduler`` is not given.
SCHEDULER_ENV = "CCN_SCHEDULER"

