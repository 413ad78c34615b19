"""The one writer of a run: each finished document's JSON file and its rows.

Workers never open the database (SQLite has one writer); this process writes a
document's JSON atomically (temporary file + rename) and its rows in one
transaction, so a reader never sees half a document.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import sqlite_utils

from ..store import DocumentRecord, Loader, document_id
from ..textio import atomic_write
from .documents import Finished


class Writer:
    """Writes documents of one run into ``out_dir`` and ``database``, under the
    processing ``version``. ``inputs`` (the run's whole list) decide the JSON
    names: ``<stem>.json``, with the document id appended for stems that repeat."""

    def __init__(self, database: sqlite_utils.Database, out_dir: Path, version: str, inputs: list[Path]) -> None:
        self.loader = Loader(database)
        self.out_dir = out_dir
        self.version = version
        self.stems = Counter(path.stem for path in inputs)

    def write(self, path: Path, content_hash: str, kind: str, finished: Finished) -> int:
        """Write one document; returns its number of tasks."""
        json_path = self.out_dir / self.json_name(path, content_hash)
        record = DocumentRecord(
            directive=finished.directive,
            path=path.resolve(),
            content_hash=content_hash,
            model_version=self.version,
            kind=kind,
            text=finished.text,
            pages=finished.pages,
            json_path=str(json_path),
        )
        write_json(json_path, record)
        return self.loader.load([record])

    def json_name(self, path: Path, content_hash: str) -> str:
        if self.stems[path.stem] > 1:
            return f"{path.stem}-{document_id(content_hash)[:8]}.json"
        return f"{path.stem}.json"


def write_json(path: Path, record: DocumentRecord) -> None:
    """The extraction output plus ``"input"``: path, SHA-256, processing version,
    kind, pages and document id."""
    output = record.directive.to_output()
    output["input"] = {
        "path": str(record.path),
        "sha256": record.content_hash,
        "model_version": record.model_version,
        "kind": record.kind,
        "pages": len(record.pages),
        "document_id": document_id(record.content_hash),
    }
    with atomic_write(path) as handle:
        json.dump(output, handle, ensure_ascii=False, indent=2)
