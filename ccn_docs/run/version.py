"""The processing version: what ``ccn run`` records with every document.

It names everything whose change can change a document's output: the model
files (restoration model and extraction patterns), the package version, and the
source of the code that turns an input into text and tasks. ``ccn run`` skips an
input only when the database holds it under the same version, so a new model,
new patterns or new extraction rules re-process what they would read differently.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..modeldata import manifest, models_dir

PACKAGE = Path(__file__).resolve().parent.parent
#: The package's modules and packages an input's output depends on, the keys the store files
#: its tasks' agencies under included: a new key must re-file what was stored under the old.
PROCESSING_CODE = ("inputs.py", "textio.py", "types.py", "vietnamese.py", "admin_levels.py", "_exec", "ocr", "restore",
                   "extract", "store/agencies.py")


def processing_version(directory: Path | None = None) -> str:
    """``<model layout version>+<digest>``: two hosts or two runs agree only when
    their model folders are byte-identical and they run the same ccn_docs code."""
    return _processing_version(directory or models_dir())


@lru_cache(maxsize=8)
def _processing_version(directory: Path) -> str:
    data = manifest(directory)
    digest = hashlib.sha256(f"ccn_docs {__version__}\n".encode())
    _digest_files(digest, directory, sorted(p for p in directory.rglob("*") if p.is_file() and not _hidden(p, directory)))
    _digest_files(digest, PACKAGE, _code_files())
    return f"{data['version']}+{digest.hexdigest()[:16]}"


def _code_files() -> list[Path]:
    files: list[Path] = []
    for name in PROCESSING_CODE:
        path = PACKAGE / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _digest_files(digest: "hashlib._Hash", root: Path, paths: list[Path]) -> None:
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)
