"""What a host needs to run ccn tasks, checked the same way on client and workers.

A worker must have Tesseract with the ``vie`` data and exactly the client's
processing version: a worker with another model or other code would read
documents differently, and the database would then mix two versions' output
under one. No Dask import here: the checks also run before a worker exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._exec.tesseract import require_language
from ..errors import CcnError, ClusterError, Msg
from .version import processing_version

OCR_LANGUAGE = "vie"
#: Scheduler metadata key under which the client publishes its processing version.
VERSION_KEY = ["ccn", "processing-version"]


@dataclass(frozen=True)
class Environment:
    """One host's answer to "can you run ccn tasks?"."""

    version: str | None
    problem: str | None  # first reason this host cannot run tasks, None when fit

    def check(self, expected_version: str | None) -> None:
        """Raise ``ClusterError`` unless this host can run the client's tasks."""
        if self.problem:
            raise ClusterError(self.problem)
        if expected_version is not None and self.version != expected_version:
            raise ClusterError(Msg.WORKER_VERSION_MISMATCH.format(found=self.version, expected=expected_version))


def local_environment() -> Environment:
    """Tesseract with ``vie`` installed, and a readable model of the right layout."""
    try:
        require_language(lang=OCR_LANGUAGE)
        version = processing_version()
    except CcnError as error:
        return Environment(version=None, problem=str(error))
    return Environment(version=version, problem=None)
