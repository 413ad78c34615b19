"""The one writer of a run: each finished document's JSON file and its rows,
and a scan's archive outputs (searchable PDF/A, ALTO) when asked for.

Workers never open the database (SQLite has one writer); this process writes a
document's files atomically (temporary file + rename) and its rows in one
transaction, so a reader never sees half a document. Archive outputs come
first: a document whose PDF cannot be made is not loaded, so a re-run retries it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import sqlite_utils

from ..store import DocumentRecord, Loader, document_id
from ..textio import atomic_write
from .archive import ArchiveTargets, write_archive
from .documents import Finished


class Writer:
    """Writes documents of one run into ``out_dir`` and ``database``, under the
    processing ``version``. ``inputs`` (the run's whole list) decide the JSON
    names: ``<stem>.json``, with the document id appended for stems that repeat
    (the same name for its PDF and ALTO files in ``archive``'s folders)."""

    def __init__(
        self, database: sqlite_utils.Database, out_dir: Path, version: str, inputs: list[Path], archive: ArchiveTargets = ArchiveTargets()
    ) -> None:
        self.loader = Loader(database)
        self.out_dir = out_dir
        self.version = version
        self.stems = Counter(path.stem for path in inputs)
        self.archive = archive

    def write(self, path: Path, content_hash: str, kind: str, finished: Finished) -> int:
        """Write one document; returns its number of tasks. Raises ``CcnError``
        when its archive outputs cannot be made (nothing of it is loaded then)."""
        json_path = self.out_dir / self.json_name(path, content_hash)
        outputs = []
        if self.archive and finished.restored:
            outputs = write_archive(path, finished.restored, self.archive, stem=json_path.stem, directive=finished.directive)
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
        write_json(json_path, record, outputs)
        return self.loader.load([record])

    def json_name(self, path: Path, content_hash: str) -> str:
        if self.stems[path.stem] > 1:
            return f"{path.stem}-{document_id(content_hash)[:8]}.json"
        return f"{path.stem}.json"


def write_json(path: Path, record: DocumentRecord, outputs: list[Path] = ()) -> None:
    """The extraction output plus ``"input"``: path, SHA-256, processing version,
    kind, pages, where each page's text came from (``ocr`` or ``text-layer``; null
    for text inputs) and document id; and ``"outputs"``: the archive files written."""
    output = record.directive.to_output()
    output["input"] = {
        "path": str(record.path),
        "sha256": record.content_hash,
        "model_version": record.model_version,
        "kind": record.kind,
        "pages": len(record.pages),
        "page_sources": [page.text_source for page in record.pages],
        "document_id": document_id(record.content_hash),
    }
    output["outputs"] = [str(Path(file).resolve()) for file in outputs]
    with atomic_write(path) as handle:
        json.dump(output, handle, ensure_ascii=False, indent=2)
