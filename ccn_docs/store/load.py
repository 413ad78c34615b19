"""Load extracted directives into the task database, incrementally and atomically.

A document's id comes from its content (SHA-256), so the same file imported from
another folder keeps its id and its tasks their uids. Loading an input again (same
path, or same content) replaces every row the earlier load wrote (document, pages, tasks, their agency and reference links, their full-text
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
    path: Path  # absolute input path: the incremental key (a changed file at it is replaced)
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


@lru_cache(maxsize=65536)
def _names_json(names: tuple[str, ...]) -> str:
    """JSON list of agency names, cached: the same few hundred lists recur."""
    return _to_json(list(names))


_REF_FIELDS = tuple(f.name for f in dataclasses.fields(LegalRef))
_ref_values = operator.attrgetter(*_REF_FIELDS)


@lru_cache(maxsize=65536)
def _ref_json(values: tuple[Any, ...]) -> str:
    """JSON of one cited reference (its fields' values), cached: documents cite the
    same decrees again and again."""
    return _encode(dict(zip(_REF_FIELDS, values)))


def _refs_json(refs: list[LegalRef]) -> str:
    # Same text as ``_to_json`` of the list of dicts: items joined by ", ".
    return "[" + ", ".join(_ref_json(_ref_values(ref)) for ref in refs) + "]" if refs else "[]"


def document_id(content_hash: str) -> str:
    """Stable id of an input: the first 12 hex digits of its SHA-256. The same file
    keeps its id (and its tasks their uids) wherever it is imported from."""
    return content_hash[:12]


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


def stored_state(db: sqlite_utils.Database, path: Path, content_hash: Optional[str] = None) -> Optional[tuple[str, str]]:
    """(content hash, model version) the database holds for this input, if any: for
    its content (``content_hash``, loaded from wherever) or else for its path."""
    rows = db.execute(
        "SELECT id, content_hash, model_version FROM documents WHERE path = ? OR id = ?",
        [str(Path(path).resolve()), document_id(content_hash) if content_hash else None],
    ).fetchall()
    rows.sort(key=lambda row: row[1] != content_hash)  # the same content first
    return (rows[0][1], rows[0][2]) if rows else None


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


@dataclass
class _Batch:
    """Row tuples of one transaction, in the column order of ``TABLES``."""

    documents: list[tuple] = field(default_factory=list)
    pages: list[tuple] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)  # led by the task's rowid
    task_agencies: list[tuple] = field(default_factory=list)
    task_legal_refs: list[tuple] = field(default_factory=list)
    agencies: dict[int, tuple] = field(default_factory=dict)  # latest version per id
    legal_refs: list[tuple] = field(default_factory=list)


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
        self.name_ids: dict[str, int] = {}  # agency names as written → id, seen before
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
        # The same file twice in one batch (two paths): the later one wins.
        records = list({document_id(record.content_hash): record for record in records}.values())
        rows = _Batch()
        loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            if self.stale:
                self._read_ids()
            with self.db.atomic():
                # Old rows go first, so agencies they alone used are gone before
                # the new rows pick ids.
                for record in records:
                    self._delete_input(record)
                last_rowid = self.db.execute("SELECT coalesce(max(rowid), 0) FROM tasks").fetchone()[0]
                next_rowid = last_rowid + 1
                for record in records:
                    next_rowid = self._collect(record, rows, next_rowid, loaded_at)
                conn = self.db.conn
                conn.executemany(_insert_sql("agencies", "OR REPLACE"), rows.agencies.values())
                conn.executemany(_insert_sql("agency_aliases", "OR IGNORE"), _aliases(rows.agencies.values()))
                for name in ("legal_refs", "documents", "pages", "task_agencies", "task_legal_refs"):
                    conn.executemany(_insert_sql(name), getattr(rows, name))
                conn.executemany(_insert_sql("tasks", rowid=True), rows.tasks)
                conn.execute(
                    f"INSERT INTO tasks_fts (rowid, {FTS_LIST}) SELECT rowid, {FTS_LIST} FROM tasks WHERE rowid > ?",
                    [last_rowid],
                )
        except BaseException as error:
            # The transaction was rolled back: ids handed out for it are void.
            self.stale = True
            if isinstance(error, sqlite3.Error):
                raise DatabaseError(Msg.DATABASE.format(path=database_path(self.db), reason=error)) from error
            raise
        return len(rows.tasks)

    def _collect(self, record: DocumentRecord, rows: _Batch, rowid: int, loaded_at: str) -> int:
        """Append ``record``'s rows to ``rows``, its tasks numbered from ``rowid``;
        returns the next free rowid."""
        directive = record.directive
        doc_id = document_id(record.content_hash)
        date = directive.date
        doc_fields = (directive.source_file, directive.number, date, directive.type, directive.issuer)
        agency_id, ref_id = self._agency_id, self._ref_id
        add_task, add_agency, add_ref = rows.tasks.append, rows.task_agencies.append, rows.task_legal_refs.append
        seen_ids: dict[str, int] = {}
        for seq, task in enumerate(directive.tasks, start=1):
            leads = _lead_agencies(task)
            refs = task.legal_refs
            source = task.source
            add_task(
                (rowid, _task_uid(doc_id, task.id, seen_ids), doc_id, seq, task.id, "; ".join(leads) or None,
                 _names_json(tuple(leads)), _names_json(tuple(task.co_agencies)), task.task, fast_fold(task.task),
                 _refs_json(refs), _names_json(tuple(sorted({r.number for r in refs if r.number}))),
                 task.deadline, task.recurrence,
                 source.page if source else None, source.line_start if source else None,
                 source.line_end if source else None, *doc_fields)
            )
            links = {agency_id(name, rows): ROLE_SUPPORT for name in task.co_agencies if name.strip()}
            links.update((agency_id(name, rows), ROLE_LEAD) for name in leads)
            for agency, role in sorted(links.items()):
                add_agency((rowid, agency, role, date))
            cited = {(ref_id(ref, rows), ref.text): ref for ref in refs}
            for (cited_id, text), ref in cited.items():
                add_ref((rowid, cited_id, text, ref.article, ref.clause, ref.point))
            rowid += 1
        first_line = 1
        for page in record.pages:
            rows.pages.append(
                (doc_id, page.number, page.image, page.image_page, page.width, page.height, first_line,
                 len(page.lines), "\n".join(line.text for line in page.lines),
                 _to_json([line.words for line in page.lines]))
            )
            first_line += len(page.lines)
        rows.documents.append(
            (doc_id, str(record.path), directive.source_file, record.kind, record.content_hash,
             record.model_version, len(record.pages), directive.number,
             ref_key(directive.number, "") if directive.number else None, date, directive.type,
             directive.issuer, directive.parent_issuer, directive.place, directive.subject, directive.signer,
             directive.signer_title, _to_json(directive.recipients),
             _to_json([dict(zip(_REF_FIELDS, _ref_values(ref))) for ref in directive.legal_bases]),
             _to_json(directive.distribution), len(directive.tasks), record.text, record.json_path, loaded_at)
        )
        return rowid

    def _agency_id(self, name: str, rows: _Batch) -> int:
        known = self.name_ids.get(name)
        if known is not None:
            return known
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
            rows.agencies[agency_id] = (agency_id, canonical, key, initialism(key), _to_json(sorted(forms)))
        self.name_ids[name] = agency_id
        return agency_id

    def _ref_id(self, ref: LegalRef, rows: _Batch) -> int:
        key = ref_key(ref.number, ref.text)
        ref_id = self.ref_ids.get(key)
        if ref_id is None:
            ref_id = self.next_ref_id
            self.next_ref_id += 1
            self.ref_ids[key] = ref_id
            rows.legal_refs.append(
                (ref_id, key, ref.number, ref.type, ref.year, ref.issuer_code, ref.date, ref.text,
                 " ".join(WORD_RE.findall(fold(nfc(ref.text)).lower())))
            )
        return ref_id

    def _delete_input(self, record: DocumentRecord) -> None:
        """Remove what an earlier load of this input left: the document at its path
        (an older version) and the document with its id (the same file from elsewhere)."""
        found = self.db.execute(
            "SELECT id FROM documents WHERE path = ? OR id = ?", [str(record.path), document_id(record.content_hash)]
        ).fetchall()
        for (doc_id,) in found:
            self._delete_document(doc_id)

    def _delete_document(self, doc_id: str) -> None:
        """Remove a document's rows (inside the caller's transaction), then any agency
        or reference no other task uses."""
        task_rowids = "SELECT rowid FROM tasks WHERE document_id = ?"
        agency_ids = [r[0] for r in self.db.execute(f"SELECT DISTINCT agency_id FROM task_agencies WHERE task_rowid IN ({task_rowids})", [doc_id])]
        ref_ids = [r[0] for r in self.db.execute(f"SELECT DISTINCT ref_id FROM task_legal_refs WHERE task_rowid IN ({task_rowids})", [doc_id])]
        self.db.execute(f"DELETE FROM task_agencies WHERE task_rowid IN ({task_rowids})", [doc_id])
        self.db.execute(f"DELETE FROM task_legal_refs WHERE task_rowid IN ({task_rowids})", [doc_id])
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
                self.name_ids = {name: known for name, known in self.name_ids.items() if known != agency_id}
        for ref_id in ref_ids:
            if not self.db.execute("SELECT 1 FROM task_legal_refs WHERE ref_id = ? LIMIT 1", [ref_id]).fetchone():
                self.db.execute("DELETE FROM legal_refs WHERE id = ?", [ref_id])
                key = next(k for k, v in self.ref_ids.items() if v == ref_id)
                del self.ref_ids[key]


@lru_cache(maxsize=None)
def _insert_sql(table: str, conflict: str = "", *, rowid: bool = False) -> str:
    """One prepared INSERT per table, fed tuples in ``TABLES`` column order: the hot
    path of bulk loads, where per-row inspection by ``insert_all`` costs more than
    SQLite itself."""
    columns = (["rowid"] if rowid else []) + [f"[{c}]" for c in TABLES[table][0]]
    return f"INSERT {conflict} INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def database_path(db: sqlite_utils.Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2]


def _aliases(agencies: Iterable[tuple]) -> Iterator[tuple]:
    """``agency_aliases`` rows of agency rows: its key, and its initialism when useful."""
    for agency_id, _, key, short, _ in agencies:
        yield (key, agency_id, "name")
        if len(short) > 1:
            yield (short, agency_id, "initialism")


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

