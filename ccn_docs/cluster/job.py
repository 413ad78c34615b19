"""``ccn run --scheduler``: the run job's documents through a Dask cluster.

The pipeline hands over its to-do list and its writer; OCR, restoration and
extraction run on workers, and every document comes back here, in input order,
to be written by this process alone (SQLite has one writer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .client import ClusterExecutor, DocumentWork, connect, publish_environment, shared_storage_in_use
from .environment import model_version

if TYPE_CHECKING:
    from ..pipeline import RunSummary

#: Seconds to wait for a fit worker before giving up.
WAIT_FOR_WORKERS = 60.0


@contextmanager
def open_cluster(address: str, inputs: Sequence[Path], *, shared_storage: bool | None = None) -> Iterator[ClusterExecutor]:
    """Connect to ``address``, publish this client's model version, make sure a
    fit worker is there, decide paths or bytes for ``inputs``, and yield the
    executor. The connection closes on exit."""
    version = model_version()
    client = connect(address)
    try:
        publish_environment(client, version, wait_seconds=WAIT_FOR_WORKERS)
        shared = shared_storage_in_use(client, inputs, shared_storage)
        yield ClusterExecutor(client, version, shared_storage=shared)
    finally:
        client.close()


def run_on_cluster(
    address: str,
    documents: Sequence[Any],
    write: Callable[[Any, Any], None],
    summary: RunSummary,
    advance: Callable[[int, int], None],
    *,
    shared_storage: bool | None = None,
) -> None:
    """Process the pipeline's ``documents`` (``pipeline._Document``) on the cluster,
    calling ``write(document, finished)`` here for each, and recording documents
    that failed in ``summary.failures``, as the local process pool does."""
    from ..pipeline import Failure

    if not documents:  # everything unchanged: no need for the cluster
        return
    works = (_work(document) for document in documents)
    with open_cluster(address, [d.path for d in documents if d.jobs], shared_storage=shared_storage) as executor:
        # Outcomes come in the order of ``documents``.
        for document, outcome in zip(documents, executor.map_documents(works, on_pages=lambda n: advance(0, n))):
            if outcome.error is not None:
                summary.failures.append(Failure(str(document.path), outcome.error))
                advance(1, len(outcome.failures) if document.jobs else 1)
                continue
            document.pages, document.ocr_seconds = outcome.pages, outcome.ocr_seconds
            write(document, outcome.result)
            advance(1, 0 if document.jobs else 1)


def _work(document: Any) -> DocumentWork:
    """A scan goes as page jobs; a text input as its bytes (small, and a worker may
    not see the client's files)."""
    from ..pipeline import finish_scan, finish_text

    if document.jobs:
        return DocumentWork(document.path, document.jobs, finish_scan)
    try:
        data = document.path.read_bytes()
    except OSError:
        data = None  # the worker then reports the unreadable file, as a local run does
    return DocumentWork(document.path, [], finish_text, (data,))
