"""Load extracted directives into the task database, incrementally and atomically.

A document is identified by its input path. Loading it again replaces every row it
owns (document, pages, tasks, their agency and reference links, their full-text
index entries) inside one transaction, so a reader never sees half a document.
The loader is the only writer and keeps ``tasks_fts`` in step with ``tasks``. Several documents may share
one transaction (bulk loads); a document is never split across two.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import operator
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import sqlite_utils

from ..errors import DatabaseError, Msg
from ..types import Directive, LegalRef, Task
from ..vietnamese import WORD_RE, fold, nfc
from .agencies import agency_key, display_name, initialism
from .schema import FTS_COLUMNS, ROLE_LEAD, ROLE_SUPPORT, TABLES


@dataclass
class LineView:
    """One restored text line as the review page shows it: words with OCR confidence
    (0–100, ``None`` for text inputs that never went through OCR)."""

    words: list[tuple[str, Optional[float]]]

    @property
    def text(self) -> str:
        return " ".join(word for word, _ in self.words)


@dataclass
class PageView:
    number: int
    lines: list[LineView]
    image: Optional[str] = None  # path of the scan this page came from
    image_page: Optional[int] = None  # 1-based page inside that scan (PDF, TIFF)
    width: Optional[int] = None
    height: Optional[int] = None


@dataclass
class DocumentRecord:
    """Everything the database keeps about one processed input."""

    directive: Directive
    path: Path  # absolute input path: the incremental key
    content_hash: str
    model_version: str
    kind: str  # "scan" or "text"
    text: str  # the restored text extraction read; task source lines index into it
    pages: list[PageView] = field(default_factory=list)
    json_path: Optional[str] = None


class _FoldTable(dict):
    """``str.translate`` table computed on demand: ``fold`` one character at a time
    (equivalent for whole strings, since fold only drops combining marks), cached."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fast_fold(text: str) -> str:
    """``vietnamese.fold`` at bulk-load speed."""
    return text.translate(_FOLD)


FTS_LIST = ", ".join(FTS_COLUMNS)

#: One encoder for every JSON column: ``json.dumps(..., ensure_ascii=False)`` builds
#: a new encoder per call, which dominates bulk loads.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _to_json(value: Any) -> str:
    return _encode(value) if value else "[]"
_REF_FIELDS = tuple(f.name for f in dataclasses.fields(LegalRef))


def _ref_dict(ref: LegalRef) -> dict[str, Any]:
    return {name: getattr(ref, name) for name in _REF_FIELDS}


def document_id(path: Path) -> str:
    """Stable id of an input: re-running on the same file keeps its task ids."""
    return _path_id(str(path))


@lru_cache(maxsize=65536)
def _path_id(path: str) -> str:
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:12]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=65536)
def ref_key(number: Optional[str], text: str) -> str:
    """Key of a cited document: its folded number ('32/2024/ND-CP') when it has one."""
    if number:
        return "".join(fold(nfc(number)).upper().split())
    return "text:" + " ".join(fold(nfc(text)).lower().split())


def stored_state(db: sqlite_utils.Database, path: Path) -> Optional[tuple[str, str]]:
    """(content hash, model version) the database holds for ``path``, if any."""
    row = db.execute(
        "SELECT content_hash, model_version FROM documents WHERE id = ?", [document_id(path)]
    ).fetchone()
    return (row[0], row[1]) if row else None


@contextmanager
def run_lock(db_path: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the writer lock of ``db_path`` (a ``.lock`` file beside it).

    A second ``ccn run`` on the same database fails at once with DATABASE_LOCKED,
    or with ``wait`` blocks until the first finishes. The OS drops the lock if the
    holder dies, so a killed run never leaves a stale lock behind.
    """
    lock_path = Path(str(db_path) + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")
    except OSError as error:
        raise DatabaseError(Msg.DATABASE.format(path=db_path, reason=error)) from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseError(Msg.DATABASE_LOCKED.format(path=db_path)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Loader:
    """Writes ``DocumentRecord``s; caches agency and reference ids between documents.

    Only one Loader may write a database at a time (``run_lock``).
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.stale = True

    def _read_ids(self) -> None:
        self.agency_ids: dict[str, int] = {}
        self.agency_forms: dict[int, set[str]] = {}
        self.ref_ids: dict[str, int] = {}
        for agency_id, key, aliases in self.db.execute("SELECT id, key, aliases FROM agencies"):
            self.agency_ids[key] = agency_id
            self.agency_forms[agency_id] = set(json.loads(aliases or "[]"))
        for ref_id, key in self.db.execute("SELECT id, key FROM legal_refs"):
            self.ref_ids[key] = ref_id
        self.next_agency_id = max(self.agency_ids.values(), default=0) + 1
        self.next_ref_id = max(self.ref_ids.values(), default=0) + 1
        self.stale = False

    def load(self, records: Iterable[DocumentRecord], *, batch_size: int = 1) -> int:
        """Load ``records``, ``batch_size`` documents per transaction; returns tasks written."""
        written = 0
        batch: list[DocumentRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                written += self._load_batch(batch)
                batch = []
        if batch:
            written += self._load_batch(batch)
        return written

    def _load_batch(self, records: list[DocumentRecord]) -> int:
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("documents", "pages", "tasks", "task_agencies", "task_legal_refs")}
        new_agencies: dict[int, dict[str, Any]] = {}
        new_refs: list[dict[str, Any]] = []
        loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            if self.stale:
                self._read_ids()
            with self.db.atomic():
                # Old rows go first, so agencies they alone used are gone before
                # the new rows pick ids.
                for record in records:
                    self._delete_document(document_id(record.path))
                for record in records:
                    self._collect(record, rows, new_agencies, new_refs, loaded_at)
                if new_agencies:
                    self.db["agencies"].insert_all(new_agencies.values(), replace=True)
                    self.db["agency_aliases"].insert_all(
                        (alias for agency in new_agencies.values() for alias in _aliases(agency)), ignore=True
                    )
                if new_refs:
                    self.db["legal_refs"].insert_all(new_refs)
                last_rowid = self.db.execute("SELECT coalesce(max(rowid), 0) FROM tasks").fetchone()[0]
                for name, table_rows in rows.items():
                    if table_rows:
                        _insert_many(self.db, name, table_rows)
                self.db.execute(
                    f"INSERT INTO tasks_fts (rowid, {FTS_LIST}) SELECT rowid, {FTS_LIST} FROM tasks WHERE rowid > ?",
                    [last_rowid],
                )
        except BaseException as error:
            # The transaction was rolled back: ids handed out for it are void.
            self.stale = True
            if isinstance(error, sqlite3.Error):
                raise DatabaseError(Msg.DATABASE.format(path=database_path(self.db), reason=error)) from error
            raise
        return len(rows["tasks"])

    def _collect(self, record: DocumentRecord, rows: dict[str, list[dict[str, Any]]], new_agencies: dict[int, dict[str, Any]], new_refs: list[dict[str, Any]], loaded_at: str) -> None:
        directive = record.directive
        doc_id = document_id(record.path)
        doc_fields = {
            "document_number": directive.number,
            "document_date": directive.date,
            "document_type": directive.type,
            "issuer": directive.issuer,
        }
        seen_ids: dict[str, int] = {}
        for seq, task in enumerate(directive.tasks, start=1):
            uid = _task_uid(doc_id, task.id, seen_ids)
            leads = _lead_agencies(task)
            rows["tasks"].append(
                {
                    "uid": uid,
                    "document_id": doc_id,
                    "seq": seq,
                    "task_id": task.id,
                    "agency": "; ".join(leads) or None,
                    "lead_agencies": _to_json(leads),
                    "co_agencies": _to_json(task.co_agencies),
                    "task": task.task,
                    "task_folded": fast_fold(task.task),
                    "legal_refs": _to_json([_ref_dict(r) for r in task.legal_refs]),
                    "ref_numbers": _to_json(sorted({r.number for r in task.legal_refs if r.number})),
                    "deadline": task.deadline,
                    "recurrence": task.recurrence,
                    "page": task.source.page if task.source else None,
                    "line_start": task.source.line_start if task.source else None,
                    "line_end": task.source.line_end if task.source else None,
                    "source_file": directive.source_file,
                    **doc_fields,
                }
            )
            links = {self._agency_id(name, new_agencies): ROLE_SUPPORT for name in task.co_agencies if name.strip()}
            links.update((self._agency_id(name, new_agencies), ROLE_LEAD) for name in leads)
            rows["task_agencies"].extend(
                {"task_uid": uid, "agency_id": a, "role": role, "document_date": directive.date} for a, role in sorted(links.items())
            )
            cited = {}
            for ref in task.legal_refs:
                cited[(self._ref_id(ref, new_refs), ref.text)] = ref
            rows["task_legal_refs"].extend(
                {"task_uid": uid, "ref_id": ref_id, "text": text, "article": ref.article, "clause": ref.clause, "point": ref.point}
                for (ref_id, text), ref in cited.items()
            )
        first_line = 1
        for page in record.pages:
            rows["pages"].append(
                {
                    "document_id": doc_id,
                    "number": page.number,
                    "image": page.image,
                    "image_page": page.image_page,
                    "width": page.width,
                    "height": page.height,
                    "first_line": first_line,
                    "line_count": len(page.lines),
                    "text": "\n".join(line.text for line in page.lines),
                    "lines": _to_json([line.words for line in page.lines]),
                }
            )
            first_line += len(page.lines)
        rows["documents"].append(
            {
                "id": doc_id,
                "path": str(record.path),
                "source_file": directive.source_file,
                "kind": record.kind,
                "content_hash": record.content_hash,
                "model_version": record.model_version,
                "pages": len(record.pages),
                "number": directive.number,
                "number_key": ref_key(directive.number, "") if directive.number else None,
                "date": directive.date,
                "type": directive.type,
                "issuer": directive.issuer,
                "parent_issuer": directive.parent_issuer,
                "place": directive.place,
                "subject": directive.subject,
                "signer": directive.signer,
                "signer_title": directive.signer_title,
                "recipients": _to_json(directive.recipients),
                "legal_bases": _to_json([_ref_dict(ref) for ref in directive.legal_bases]),
                "distribution": _to_json(directive.distribution),
                "task_count": len(directive.tasks),
                "text": record.text,
                "json_path": record.json_path,
                "loaded_at": loaded_at,
            }
        )

    def _agency_id(self, name: str, new_agencies: dict[int, dict[str, Any]]) -> int:
        shown = display_name(name)
        key = agency_key(shown)
        agency_id = self.agency_ids.get(key)
        if agency_id is None:
            agency_id = self.next_agency_id
            self.next_agency_id += 1
            self.agency_ids[key] = agency_id
            self.agency_forms[agency_id] = set()
        forms = self.agency_forms[agency_id]
        if shown not in forms:
            forms.add(shown)
            # The fullest spelling (fewest abbreviations) names the agency.
            canonical = max(forms, key=lambda form: (len(form), form))
            new_agencies[agency_id] = {
                "id": agency_id,
                "name": canonical,
                "key": key,
                "initialism": initialism(key),
                "aliases": _to_json(sorted(forms)),
            }
        return agency_id

    def _ref_id(self, ref: LegalRef, new_refs: list[dict[str, Any]]) -> int:
        key = ref_key(ref.number, ref.text)
        ref_id = self.ref_ids.get(key)
        if ref_id is None:
            ref_id = self.next_ref_id
            self.next_ref_id += 1
            self.ref_ids[key] = ref_id
            new_refs.append(
                {"id": ref_id, "key": key, "number": ref.number, "type": ref.type, "year": ref.year,
                 "issuer_code": ref.issuer_code, "date": ref.date, "text": ref.text,
                 "text_folded": " ".join(WORD_RE.findall(fold(nfc(ref.text)).lower()))}
            )
        return ref_id

    def _delete_document(self, doc_id: str) -> None:
        """Remove a document's rows (inside the caller's transaction), then any agency
        or reference no other task uses."""
        if not self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone():
            return
        task_uids = "SELECT uid FROM tasks WHERE document_id = ?"
        agency_ids = [r[0] for r in self.db.execute(f"SELECT DISTINCT agency_id FROM task_agencies WHERE task_uid IN ({task_uids})", [doc_id])]
        ref_ids = [r[0] for r in self.db.execute(f"SELECT DISTINCT ref_id FROM task_legal_refs WHERE task_uid IN ({task_uids})", [doc_id])]
        self.db.execute(f"DELETE FROM task_agencies WHERE task_uid IN ({task_uids})", [doc_id])
        self.db.execute(f"DELETE FROM task_legal_refs WHERE task_uid IN ({task_uids})", [doc_id])
        self.db.execute(
            f"INSERT INTO tasks_fts (tasks_fts, rowid, {FTS_LIST}) SELECT 'delete', rowid, {FTS_LIST} FROM tasks WHERE document_id = ?",
            [doc_id],
        )
        self.db.execute("DELETE FROM tasks WHERE document_id = ?", [doc_id])
        self.db.execute("DELETE FROM pages WHERE document_id = ?", [doc_id])
        self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        for agency_id in agency_ids:
            if not self.db.execute("SELECT 1 FROM task_agencies WHERE agency_id = ? LIMIT 1", [agency_id]).fetchone():
                self.db.execute("DELETE FROM agency_aliases WHERE agency_id = ?", [agency_id])
                self.db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])
                key = next(k for k, v in self.agency_ids.items() if v == agency_id)
                del self.agency_ids[key]
                del self.agency_forms[agency_id]
        for ref_id in ref_ids:
            if not self.db.execute("SELECT 1 FROM task_legal_refs WHERE ref_id = ? LIMIT 1", [ref_id]).fetchone():
                self.db.execute("DELETE FROM legal_refs WHERE id = ?", [ref_id])
                key = next(k for k, v in self.ref_ids.items() if v == ref_id)
                del self.ref_ids[key]


def _insert_many(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows shaped like ``TABLES[table]`` with one prepared statement: the
    hot path of bulk loads, where per-row inspection by ``insert_all`` costs more
    than SQLite itself."""
    columns = list(TABLES[table][0])
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
    db.conn.executemany(sql, map(operator.itemgetter(*columns), rows))


def database_path(db: sqlite_utils.Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2]


def _aliases(agency: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield {"alias": agency["key"], "agency_id": agency["id"], "kind": "name"}
    if len(agency["initialism"]) > 1:
        yield {"alias": agency["initialism"], "agency_id": agency["id"], "kind": "initialism"}


def _lead_agencies(task: Task) -> list[str]:
    if task.agency is None:
        return []
    names = [task.agency] if isinstance(task.agency, str) else task.agency
    return [display_name(name) for name in names if name and name.strip()]


def _task_uid(doc_id: str, task_id: str, seen: dict[str, int]) -> str:
    """``<document id>-<task id>``; a repeated task id gets a ``.n`` suffix."""
    count = seen.get(task_id, 0)
    seen[task_id] = count + 1
    return f"{doc_id}-{task_id}" if count == 0 else f"{doc_id}-{task_id}.{count}"

