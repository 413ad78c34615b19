"""Functions that run on Dask workers: OCR of a batch of pages.

They return plain picklable data to the client and never touch the database.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import CcnError, OcrError
from ..inputs import PageJob
from ..types import Page
from .environment import local_environment


@dataclass(frozen=True)
class PageFailure:
    """A page that could not be recognised, with the error a user should see."""

    source: str
    number: int
    error: str


@dataclass(frozen=True)
class RecognisedPage:
    page: Page
    seconds: float  # worker time for this page (load, clean, Tesseract, layout)


def check_worker(expected_model_version: str) -> None:
    """Refuse to run a task on a host whose environment differs from the client's
    (a worker that joined without ``ccn worker``'s own check)."""
    local_environment().check(expected_model_version)


def ocr_batch(
    jobs: Sequence[PageJob],
    input_file: str | bytes,
    expected_model_version: str,
    *,
    raise_errors: bool = False,
) -> list[RecognisedPage | PageFailure]:
    """Recognise consecutive pages of one input.

    ``input_file`` is where the worker reads the input: its absolute path on
    shared storage, or its bytes, then read from a private temporary copy (so
    rasterising stays on the worker). Pages and errors are reported under the
    jobs' own ``source``, so the database cannot tell the transports apart.
    With ``raise_errors`` (single-page retries) a failure raises, so Dask's
    ``retries`` reruns it; in a batch it is returned, so the other pages count.
    """
    from ..ocr import ocr_page

    check_worker(expected_model_version)
    with _readable(input_file, suffix=Path(jobs[0].source).suffix.lower()) as local_source:
        outcomes: list[RecognisedPage | PageFailure] = []
        for job in jobs:
            start = time.perf_counter()
            try:
                # Raw OCR: restoration runs per document, with the extraction.
                page = ocr_page(dataclasses.replace(job, source=local_source), restore=False)
            except Exception as error:  # noqa: BLE001 — any page error is reported, not fatal to the batch
                failure = _named_after(error, job.source, local_source)
                if raise_errors:
                    raise failure from error
                outcomes.append(PageFailure(source=job.source, number=job.page, error=str(failure)))
                continue
            outcomes.append(RecognisedPage(dataclasses.replace(page, source=job.source), time.perf_counter() - start))
        return outcomes


def describe(error: BaseException) -> str:
    """One line for a failed page: a domain error's own message, else type and text."""
    return str(error) if isinstance(error, CcnError) else f"{type(error).__name__}: {error}"


def _named_after(error: Exception, source: str, local_source: str) -> CcnError:
    """The error as a ``CcnError`` naming the client's path, not a temporary copy."""
    message = describe(error).replace(local_source, source)
    return type(error)(message) if isinstance(error, CcnError) else OcrError(message)


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
