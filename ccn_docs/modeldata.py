"""Locate the versioned data files in ``models/`` and check their version.

A model file is plain data plus this small loader, which fails loudly (with
``ModelError``) when a file is missing or was built for another code version.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ModelError, Msg

#: Version of the data layout this code reads; ``ccn model build`` writes it.
MODEL_VERSION = "4"  # what each version changed: CHANGELOG.md
MANIFEST = "manifest.json"


def models_dir() -> Path:
    """``$CCN_MODELS`` if set, else the project's ``models/`` folder."""
    env = os.environ.get("CCN_MODELS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models"


def model_file(name: str, directory: Path | None = None) -> Path:
    """``directory/name`` (default: ``models_dir()``); ``ModelError`` when the
    folder or the file is missing."""
    folder = directory or models_dir()
    if not folder.is_dir():
        raise ModelError(Msg.MODELS_NOT_FOUND.format(path=folder))
    path = folder / name
    if not path.exists():
        raise ModelError(Msg.MODEL_MISSING.format(path=path))
    return path


@lru_cache(maxsize=8)
def manifest(directory: Path | None = None) -> dict[str, Any]:
    """The manifest, after checking its version against ``MODEL_VERSION``."""
    path = model_file(MANIFEST, directory)
    data = json.loads(path.read_text(encoding="utf-8"))
    found = str(data.get("version"))
    if found != MODEL_VERSION:
        raise ModelError(Msg.MODEL_VERSION.format(path=path, found=found, expected=MODEL_VERSION))
    return data
