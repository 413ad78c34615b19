"""What a host needs to run ccn tasks, checked the same way on client and workers.

A worker must have Tesseract with the ``vie`` data and exactly the client's model
files: a worker with another model would restore text differently, and the
database would then mix two models' output under one model version.
No Dask import here: the checks also run before a worker exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import CcnError, ClusterError, Msg
from ..modeldata import manifest, models_dir

OCR_LANGUAGE = "vie"
#: Scheduler metadata key under which the client publishes its model version.
MODEL_VERSION_KEY = ["ccn", "model-version"]


def model_version(directory: Path | None = None) -> str:
    """``<manifest version>+<digest>``: the digest covers every model file, so two
    hosts agree only when their ``models/`` folders are byte-identical."""
    return _model_version(directory or models_dir())


@lru_cache(maxsize=8)
def _model_version(directory: Path) -> str:
    data = manifest(directory)
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and not _hidden(p, directory)):
        digest.update(path.relative_to(directory).as_posix().encode())
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return f"{data['version']}+{digest.hexdigest()[:16]}"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)


@dataclass(frozen=True)
class Environment:
    """One host's answer to "can you run ccn tasks?"."""

    model_version: str | None
    problem: str | None  # first reason this host cannot run tasks, None when fit

    def check(self, expected_model_version: str | None) -> None:
        """Raise ``ClusterError`` unless this host can run the client's tasks."""
        if self.problem:
            raise ClusterError(self.problem)
        if expected_model_version is not None and self.model_version != expected_model_version:
            raise ClusterError(Msg.WORKER_MODEL_MISMATCH.format(found=self.model_version, expected=expected_model_version))


def local_environment() -> Environment:
    """Tesseract with ``vie`` installed, and a readable model of the right layout."""
    from .._exec.tesseract import require_language  # the one module that runs tesseract

    try:
        require_language(lang=OCR_LANGUAGE)
        version = model_version()
    except CcnError as error:
        return Environment(model_version=None, problem=str(error))
    return Environment(model_version=version, problem=None)
