"""Minimal model folders for the cluster tests: a manifest of this code's layout
version and one data file whose ``content`` stands for the trained model."""

from __future__ import annotations

import json
from pathlib import Path

from ccn_docs.modeldata import MODEL_VERSION


def make_models(folder: Path, content: str) -> Path:
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"version": MODEL_VERSION}))
    (folder / "lm.txt").write_text(content)
    return folder
