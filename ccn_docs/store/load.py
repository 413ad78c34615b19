"""Load extracted directives into the task database, incrementally and atomically.

A document's id comes from its content (SHA-256), so the same file imported from
another folder keeps its id and its tasks their uids. Loading an input again (same
path, or same content) replaces every row the earlier load wrote (document, pages,
tasks, their agency and reference links, their full-text index entries) inside one
transaction, so a reader never sees half a document. The loader is the only writer and
keeps ``tasks_fts`` in step with ``tasks``. Several documents may share one transaction
(bulk loads); a document is never split across two.

Reviewers' corrections (``corrections``) are applied to every task the loader writes,
and ``Loader.correct`` records a new one and rewrites its task in place. A run's
loader and a reviewer's correction may write the same database: each transaction
takes SQLite's write lock first (``BEGIN IMMEDIATE``), and a loader that finds another
connection wrote since it read its ids reads them again before writing.
"""

from __future__ import annotations

import dataclasses
import fcntl
import gc
import hashlib
import json
import operator
import sqlite3
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from itertools import chain, count
from pathlib import Path
from typing import Any, NoReturn, Optional, Union

import sqlite_utils

from ..errors import DatabaseError, Msg, TaskNotFound
from ..types import Directive, LegalRef, SourceSpan, Task
from ..vietnamese import WORD_RE, fold, nfc
from . import corrections
from .agencies import agency_key, display_name, initialism
from .schema import BULK_INDEXED, FTS_COLUMNS, LEAD_TOKEN, ROLE_LEAD, ROLE_SUPPORT, SUPPORT_TOKEN, TABLES, create_indexes, drop_indexes


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
    text_source: Optional[str] = None  # "ocr", or "text-layer" (a PDF's own text); None for text inputs


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


#: Folded spelling of every word seen. Vietnamese text is made of a few thousand
#: syllables, so folding word by word from this table (``fold`` works character by
#: character, so the result is the same) is several times faster than folding anew.
_FOLDED_WORDS: dict[str, str] = {}
_FOLDED_WORDS_LIMIT = 200_000  # numbers and codes are words too: start afresh past this


def fast_fold(text: str) -> str:
    """``vietnamese.fold`` at bulk-load speed."""
    words = text.split(" ")
    try:
        return " ".join(map(_FOLDED_WORDS.__getitem__, words))
    except KeyError:  # a word not seen before
        if len(_FOLDED_WORDS) > _FOLDED_WORDS_LIMIT:
            _FOLDED_WORDS.clear()
        for word in words:
            if word not in _FOLDED_WORDS:
                _FOLDED_WORDS[word] = fold(word)
        return " ".join(map(_FOLDED_WORDS.__getitem__, words))


FTS_LIST = ", ".join(FTS_COLUMNS)


def _null(value: None) -> None:
    return None


# sqlite3 binds None (NULL) only after a failed adapter lookup; with an adapter registered
# the lookup succeeds at once, which counts in rows full of NULLs. Same NULL.
sqlite3.register_adapter(type(None), _null)

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


_NUMBER = _REF_FIELDS.index("number")
_TEXT = _REF_FIELDS.index("text")
_NO_REFS = ("[]", "[]")

#: Per cited reference (its fields' values): its JSON, number and key. Documents
#: cite the same decrees again and again.
_REF_INFO: dict[tuple[Any, ...], tuple[str, Optional[str], str]] = {}
_REF_INFO_LIMIT = 200_000


def _ref_info(values: tuple[Any, ...]) -> tuple[str, Optional[str], str]:
    info = _REF_INFO.get(values)
    if info is None:
        if len(_REF_INFO) > _REF_INFO_LIMIT:
            _REF_INFO.clear()
        number = values[_NUMBER]
        info = _REF_INFO[values] = (_encode(dict(zip(_REF_FIELDS, values))), number, ref_key(number, values[_TEXT]))
    return info


def _refs_columns(infos: list[tuple[str, Optional[str], str]]) -> tuple[str, str]:
    """``legal_refs`` and ``ref_numbers`` JSON of a task's citations (their ``_ref_info``)."""
    # Same text as ``_to_json`` of the list of dicts: items joined by ", ".
    if len(infos) == 1:
        ref_json, number, _ = infos[0]
        return "[" + ref_json + "]", _names_json((number,) if number else ())
    numbers = sorted({number for _, number, _ in infos if number})
    return "[" + ", ".join([info[0] for info in infos]) + "]", _names_json(tuple(numbers))


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

    records: list[DocumentRecord]
    first_rowid: int  # of its first task; its tasks are numbered on from there
    documents: list[tuple] = field(default_factory=list)
    pages: list[tuple] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)  # led by the task's rowid
    names: list[tuple[str, int]] = field(default_factory=list)  # agency names first seen: (name, id)
    task_legal_refs: list[tuple] = field(default_factory=list)
    agencies: dict[int, tuple] = field(default_factory=dict)  # latest version per id
    legal_refs: dict[int, tuple] = field(default_factory=dict)  # new and more fully cited, per id
    replaced: list[int] = field(default_factory=list)  # rowids of stored tasks it rewrites in place

    def task_rowids(self) -> tuple[str, list[int]]:
        """SQL condition on a task's rowid that holds for the batch's tasks, and its parameters."""
        if self.replaced:
            return f"IN ({','.join('?' * len(self.replaced))})", self.replaced
        return ">= ?", [self.first_rowid]


class Loader:
    """Writes ``DocumentRecord``s; caches agency and reference ids between documents.

    Only one Loader may write a database at a time (``run_lock``).
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.stale = True
        self.names_table = f"temp.ccn_agency_names_{next(_LOADERS)}"

    def _read_ids(self) -> None:
        self.agency_ids: dict[str, int] = {}
        self.agency_forms: dict[int, set[str]] = {}
        self.ref_ids: dict[str, int] = {}
        self.ref_texts: dict[str, str] = {}  # the citation each reference's row shows
        self.name_ids: dict[str, int] = {}  # agency names as written → id, seen before
        # The same names as a table, from which the commit thread links tasks to agencies.
        self.db.execute(f"DROP TABLE IF EXISTS {self.names_table}")
        self.db.execute(f"CREATE TEMP TABLE {self.names_table} (name TEXT PRIMARY KEY, agency_id INTEGER NOT NULL) WITHOUT ROWID")
        for agency_id, key, aliases in self.db.execute("SELECT id, key, aliases FROM agencies"):
            self.agency_ids[key] = agency_id
            self.agency_forms[agency_id] = set(json.loads(aliases or "[]"))
        for ref_id, key, text in self.db.execute("SELECT id, key, text FROM legal_refs"):
            self.ref_ids[key] = ref_id
            self.ref_texts[key] = text
        self.next_agency_id = max(self.agency_ids.values(), default=0) + 1
        self.next_ref_id = max(self.ref_ids.values(), default=0) + 1
        self.next_rowid = self.db.execute("SELECT coalesce(max(rowid), 0) FROM tasks").fetchone()[0] + 1
        self.corrections = corrections.current(self.db)
        # Changes when another connection commits (never for this one's own commits).
        self.data_version = self.db.execute("PRAGMA data_version").fetchone()[0]
        self.stale = False

    @contextmanager
    def bulk(self) -> Iterator["Loader"]:
        """Load many documents into an empty database: the indexes of the big tables
        are dropped and built once when the block ends (however it ends), which is much
        faster than keeping them row by row. A database that holds tasks keeps them.
        Searches during the block are answered, slowly."""
        empty = not self.db.execute("SELECT 1 FROM tasks LIMIT 1").fetchone()
        if empty:
            drop_indexes(self.db, BULK_INDEXED)
        try:
            yield self
        finally:
            if empty:
                create_indexes(self.db, BULK_INDEXED)

    def load(self, records: Iterable[DocumentRecord], *, batch_size: int = 1) -> int:
        """Load ``records``, ``batch_size`` documents per transaction; returns tasks written.

        While a second thread links one batch's tasks to their agencies, updates the FTS
        index and commits (single statements during which sqlite3 lets go of the GIL),
        the main thread builds the next batch's rows.
        """
        written = 0
        pending: Optional[Future] = None
        collecting = gc.isenabled()
        # Row tuples hold no cycles, yet allocating millions of them makes the
        # collector walk the heap again and again.
        gc.disable()
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="ccn-commit") as committer:
                try:
                    if self.stale:
                        self._read_ids()
                    for batch in _batches(records, batch_size):
                        rows = self._collect(batch)
                        if pending is not None:
                            written += pending.result()
                        rows = self._write(rows)
                        pending = committer.submit(self._commit, rows)
                    if pending is not None:
                        written += pending.result()
                except BaseException:
                    # Ids handed out for rows that were never committed are void.
                    self.stale = True
                    if pending is not None:
                        wait([pending])
                    raise
        finally:
            if collecting:
                gc.enable()
        return written

    def _write(self, rows: _Batch) -> _Batch:
        """Open the batch's transaction, remove what its inputs replace and insert its
        rows; returns the rows written (built again when another connection, a
        reviewer's correction, wrote since this loader read its ids)."""
        try:
            self.db.conn.execute("BEGIN IMMEDIATE")
            if self.db.execute("PRAGMA data_version").fetchone()[0] != self.data_version:
                self._read_ids()
                rows = self._collect(rows.records)
            self._replace(rows)
        except BaseException as error:
            self._fail(error)
        return rows

    def _replace(self, rows: _Batch) -> None:
        """In the open transaction: delete what the batch replaces (with the agencies
        and references nothing else, the batch included, uses) and insert its rows."""
        conn = self.db.conn
        unused_agencies: set[int] = set()
        unused_refs: set[int] = set()
        for record in rows.records:
            self._delete_input(record, unused_agencies, unused_refs)
        if rows.replaced:
            condition, params = rows.task_rowids()
            self._delete_tasks(f"rowid {condition}", params, unused_agencies, unused_refs)
        if unused_agencies or unused_refs:
            self._delete_unused(
                unused_agencies - self._batch_agencies(rows),
                unused_refs - {link[1] for link in rows.task_legal_refs},
            )
        conn.executemany(_insert_sql("agencies", "OR REPLACE"), rows.agencies.values())
        conn.executemany(_insert_sql("agency_aliases", "OR IGNORE"), _aliases(rows.agencies.values()))
        conn.executemany(f"INSERT INTO {self.names_table} (name, agency_id) VALUES (?, ?)", rows.names)
        conn.executemany(_insert_sql("legal_refs", "OR REPLACE"), rows.legal_refs.values())
        for name in ("documents", "pages", "tasks", "task_legal_refs"):
            _insert_rows(conn, name, getattr(rows, name))

    def _commit(self, rows: _Batch) -> int:
        """Link the batch's tasks to their agencies, index them for full-text search and
        commit; returns its task count."""
        condition, params = rows.task_rowids()
        try:
            for role, column in ((ROLE_LEAD, "lead_agencies"), (ROLE_SUPPORT, "co_agencies")):
                # Leads first: a supporting agency that also leads the task stays lead.
                self.db.conn.execute(_LINK_AGENCIES.format(column=column, names=self.names_table, rowids=condition), [role, *params])
            self.db.conn.execute(
                f"INSERT INTO tasks_fts (rowid, {FTS_LIST}) SELECT rowid, {FTS_LIST} FROM tasks WHERE rowid {condition}",
                params,
            )
            self.db.conn.execute("COMMIT")
        except BaseException as error:
            self._fail(error)
        return len(rows.tasks)

    def correct(self, uid: str, changes: dict[str, Any], author: str) -> dict[str, tuple[Any, Any]]:
        """Correct the task ``uid``: ``changes`` maps fields (``corrections.FIELDS``) to
        values as typed or as JSON gives them. Records each field whose value changes
        (old → new, ``author``, now) and rewrites the task's rows with every correction
        it has, in one transaction; returns the changes recorded (field → (old, new)).
        ``CorrectionError`` for a bad field or value, ``TaskNotFound`` for an unknown uid."""
        values = {name: corrections.parse_value(name, raw) for name, raw in changes.items()}
        try:
            self.db.conn.execute("BEGIN IMMEDIATE")
            found = self.db.execute(f"SELECT {', '.join(TASK_ROW)} FROM tasks WHERE uid = ?", [uid]).fetchone()
            if found is None:
                raise TaskNotFound(Msg.TASK_NOT_FOUND.format(uid=uid, path=database_path(self.db)))
            row = dict(zip(TASK_ROW, found))
            shown = stored_task(row)
            old = {name: corrections.value_of(shown, name, row["status"]) for name in values}
            changed = {name: (old[name], value) for name, value in values.items() if not corrections.same(name, old[name], value)}
            if changed:
                corrections.record(self.db, uid, row["document_id"], row["task"], changed, author)
                self._read_ids()
                rows = _Batch([], row["rowid"], replaced=[row["rowid"]])
                doc_fields = tuple(row[name] for name in ("source_file", "document_number", "document_date", "document_type", "issuer"))
                self._add_task(rows, row["rowid"], uid, row["document_id"], row["seq"], extracted_task(row), doc_fields)
                self._replace(rows)
                self._commit(rows)
            else:
                self.db.conn.execute("COMMIT")
        except BaseException as error:
            self._fail(error)
        finally:
            # A correction is one transaction of its own: the ids it read may be stale by
            # the next one, and its connection (a server's) must not keep a table per loader.
            self.stale = True
            self.db.execute(f"DROP TABLE IF EXISTS {self.names_table}")
        return changed

    def _fail(self, error: BaseException) -> NoReturn:
        """Roll the open transaction back and raise ``error`` (SQLite's as DatabaseError)."""
        if self.db.conn.in_transaction:
            self.db.conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise DatabaseError(Msg.DATABASE.format(path=database_path(self.db), reason=error)) from error
        raise error

    def _collect(self, records: list[DocumentRecord]) -> _Batch:
        """Row tuples of ``records``, their tasks numbered on from the last one handed out."""
        # The same file twice in one batch (two paths): the later one wins.
        records = list({document_id(record.content_hash): record for record in records}.values())
        rows = _Batch(records, self.next_rowid)
        loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for record in records:
            self._collect_document(record, rows, loaded_at)
        return rows

    def _collect_document(self, record: DocumentRecord, rows: _Batch, loaded_at: str) -> None:
        directive = record.directive
        doc_id = document_id(record.content_hash)
        date = directive.date
        doc_fields = (directive.source_file, directive.number, date, directive.type, directive.issuer)
        rowid = self.next_rowid
        seen_ids: dict[str, int] = {}
        for seq, task in enumerate(directive.tasks, start=1):
            self._add_task(rows, rowid, _task_uid(doc_id, task.id, seen_ids), doc_id, seq, task, doc_fields)
            rowid += 1
        self.next_rowid = rowid
        first_line = 1
        for page in record.pages:
            rows.pages.append(
                (doc_id, page.number, page.image, page.image_page, page.width, page.height, first_line,
                 len(page.lines), "\n".join(line.text for line in page.lines),
                 _to_json([line.words for line in page.lines]), page.text_source)
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

    def _add_task(self, rows: _Batch, rowid: int, uid: str, doc_id: str, seq: int, task: Task, doc_fields: tuple) -> None:
        """The rows of one task as extracted, with its corrections applied; ``doc_fields``:
        its document's source file, number, date, type and issuer."""
        status = extracted = None
        fixes = self.corrections.get(uid)
        if fixes:
            task, status, extracted = corrections.apply(task, fixes)
        agency = task.agency
        leads, lead_text, leads_json = _leads(tuple(agency) if type(agency) is list else agency)
        co_agencies = task.co_agencies
        refs = task.legal_refs
        infos = [_ref_info(_ref_values(ref)) for ref in refs] if refs else None
        source = task.source
        # Every name gets an id here; the commit thread links the task to them.
        names = self.name_ids
        lead_ids = [names.get(name) or self._agency_id(name, rows) for name in leads]
        tokens = [LEAD_TOKEN + str(agency_id) for agency_id in dict.fromkeys(lead_ids)]
        for name in co_agencies:
            if name.strip():
                agency_id = names.get(name) or self._agency_id(name, rows)
                if agency_id not in lead_ids:
                    tokens.append(SUPPORT_TOKEN + str(agency_id))
        rows.tasks.append(
            (rowid, uid, doc_id, seq, task.id, lead_text, leads_json,
             _names_json(tuple(co_agencies)) if co_agencies else "[]", task.task, fast_fold(task.task),
             *(_refs_columns(infos) if refs else _NO_REFS),
             task.deadline, task.recurrence,
             source.page if source else None, source.line_start if source else None,
             source.line_end if source else None, *doc_fields, task.due_date, task.rrule, status,
             1 if extracted else None, _encode(extracted) if extracted else None, " ".join(dict.fromkeys(tokens)) or None)
        )
        if refs:
            cited = {(self._ref_id(ref, key, rows), ref.text): ref for ref, (_, _, key) in zip(refs, infos)}
            for (cited_id, text), ref in cited.items():
                rows.task_legal_refs.append((rowid, cited_id, text, ref.article, ref.clause, ref.point))

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
        rows.names.append((name, agency_id))
        return agency_id

    def _batch_agencies(self, rows: _Batch) -> set[int]:
        """Ids of the agencies the batch's tasks link to."""
        names = self.name_ids
        found = set()
        for row in rows.tasks:
            for name in chain(json.loads(row[_LEADS_COLUMN]), json.loads(row[_CO_COLUMN])):
                if name in names:
                    found.add(names[name])
        return found

    def _ref_id(self, ref: LegalRef, key: str, rows: _Batch) -> int:
        """Id of the reference with ``key`` (``ref_key``). New references, and known ones
        cited more fully than their row shows, go into the batch: a row shows the longest
        citation of its document (ties in code-point order), so the table does not depend
        on the order in which documents load."""
        ref_id = self.ref_ids.get(key)
        if ref_id is None:
            ref_id = self.next_ref_id
            self.next_ref_id += 1
            self.ref_ids[key] = ref_id
        elif (len(ref.text), ref.text) <= (len(shown := self.ref_texts[key]), shown):
            return ref_id
        self.ref_texts[key] = ref.text
        rows.legal_refs[ref_id] = (
            ref_id, key, ref.number, ref.type, ref.year, ref.issuer_code, ref.date, ref.text,
            " ".join(WORD_RE.findall(fold(nfc(ref.text)).lower())),
        )
        return ref_id

    def _delete_input(self, record: DocumentRecord, agency_ids: set[int], ref_ids: set[int]) -> None:
        """Remove what an earlier load of this input left: the document at its path
        (an older version) and the document with its id (the same file from elsewhere)."""
        found = self.db.execute(
            "SELECT id FROM documents WHERE path = ? OR id = ?", [str(record.path), document_id(record.content_hash)]
        ).fetchall()
        for (doc_id,) in found:
            self._delete_document(doc_id, agency_ids, ref_ids)

    def _delete_document(self, doc_id: str, agency_ids: set[int], ref_ids: set[int]) -> None:
        """Remove a document's rows (inside the caller's transaction); adds the agencies
        and references its tasks linked to ``agency_ids`` and ``ref_ids``."""
        self._delete_tasks("document_id = ?", [doc_id], agency_ids, ref_ids)
        self.db.execute("DELETE FROM pages WHERE document_id = ?", [doc_id])
        self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])

    def _delete_tasks(self, where: str, params: list[Any], agency_ids: set[int], ref_ids: set[int]) -> None:
        """Remove the tasks ``where`` selects with their links and index entries."""
        task_rowids = f"SELECT rowid FROM tasks WHERE {where}"
        agency_ids.update(r[0] for r in self.db.execute(f"SELECT agency_id FROM task_agencies WHERE task_rowid IN ({task_rowids})", params))
        ref_ids.update(r[0] for r in self.db.execute(f"SELECT ref_id FROM task_legal_refs WHERE task_rowid IN ({task_rowids})", params))
        self.db.execute(f"DELETE FROM task_agencies WHERE task_rowid IN ({task_rowids})", params)
        self.db.execute(f"DELETE FROM task_legal_refs WHERE task_rowid IN ({task_rowids})", params)
        self.db.execute(
            f"INSERT INTO tasks_fts (tasks_fts, rowid, {FTS_LIST}) SELECT 'delete', rowid, {FTS_LIST} FROM tasks WHERE {where}",
            params,
        )
        self.db.execute(f"DELETE FROM tasks WHERE {where}", params)

    def _delete_unused(self, agency_ids: set[int], ref_ids: set[int]) -> None:
        """Delete those of the agencies and references no stored task links to."""
        for agency_id in agency_ids:
            if not self.db.execute("SELECT 1 FROM task_agencies WHERE agency_id = ? LIMIT 1", [agency_id]).fetchone():
                self.db.execute("DELETE FROM agency_aliases WHERE agency_id = ?", [agency_id])
                self.db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])
                key = next(k for k, v in self.agency_ids.items() if v == agency_id)
                del self.agency_ids[key]
                del self.agency_forms[agency_id]
                self.name_ids = {name: known for name, known in self.name_ids.items() if known != agency_id}
                self.db.execute(f"DELETE FROM {self.names_table} WHERE agency_id = ?", [agency_id])
        for ref_id in ref_ids:
            if not self.db.execute("SELECT 1 FROM task_legal_refs WHERE ref_id = ? LIMIT 1", [ref_id]).fetchone():
                self.db.execute("DELETE FROM legal_refs WHERE id = ?", [ref_id])
                key = next(k for k, v in self.ref_ids.items() if v == ref_id)
                del self.ref_ids[key], self.ref_texts[key]


#: Numbers each Loader's TEMP table of agency names as written (lead names as shown,
#: supporting ones as extracted) → id, kept in step with its ``name_ids``.
_LOADERS = count(1)
#: A batch's task ↔ agency links, made by SQLite from the tasks' JSON lists of names
#: on the commit thread (GIL released) instead of row by row in Python; ``OR IGNORE``
#: drops repeated names, and a supporting agency that also leads the task (linked
#: first as lead) keeps that role.
_LINK_AGENCIES = (
    "INSERT OR IGNORE INTO task_agencies (task_rowid, agency_id, role, document_date) "
    "SELECT t.rowid, m.agency_id, ?, t.document_date FROM tasks t CROSS JOIN json_each(t.{column}) j "
    "CROSS JOIN {names} m ON m.name = j.value WHERE t.rowid {rowids} AND t.{column} <> '[]'"
)
_TASK_COLUMNS = list(TABLES["tasks"][0])
_LEADS_COLUMN = _TASK_COLUMNS.index("lead_agencies")
_CO_COLUMN = _TASK_COLUMNS.index("co_agencies")
#: The columns ``stored_task`` and ``Loader.correct`` read.
TASK_ROW = [name for name in _TASK_COLUMNS if name != "task_folded"]


def stored_task(row: dict[str, Any]) -> Task:
    """The task a ``tasks`` row shows (corrections applied)."""
    return Task.from_dict({
        "id": row["task_id"], "agency": agency_value(json.loads(row["lead_agencies"] or "[]")), "task": row["task"],
        "co_agencies": json.loads(row["co_agencies"] or "[]"), "legal_refs": json.loads(row["legal_refs"] or "[]"),
        "deadline": row["deadline"], "recurrence": row["recurrence"], "due_date": row["due_date"], "rrule": row["rrule"],
        "source": SourceSpan(row["source_file"], row["page"], row["line_start"], row["line_end"]).to_dict(),
    })


def extracted_task(row: dict[str, Any]) -> Task:
    """The task of a ``tasks`` row as extraction gave it, before any correction."""
    shown = stored_task(row)
    if not row["extracted"]:
        return shown
    return Task.from_dict({**shown.to_dict(), **json.loads(row["extracted"])})


def agency_value(leads: list[str]) -> Union[str, list[str], None]:
    """A task's ``agency`` as extraction shapes it: one name, a list of several, or None."""
    return leads[0] if len(leads) == 1 else (leads or None)


def lead_names(agency: Union[str, list[str], None]) -> list[str]:
    """The names of a task's ``agency``, however extraction shaped it."""
    return [agency] if isinstance(agency, str) else list(agency or [])


def _batches(records: Iterable[DocumentRecord], size: int) -> Iterator[list[DocumentRecord]]:
    batch: list[DocumentRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=None)
def _insert_sql(table: str, conflict: str = "", rows: int = 1) -> str:
    """One prepared INSERT of ``rows`` rows per table, fed values in ``TABLES`` column
    order: the hot path of bulk loads, where per-row inspection by ``insert_all``
    costs more than SQLite itself."""
    columns = [f"[{c}]" for c in TABLES[table][0]]
    values = ", ".join(["(" + ", ".join("?" * len(columns)) + ")"] * rows)
    return f"INSERT {conflict} INTO [{table}] ({', '.join(columns)}) VALUES {values}"


#: Values per INSERT statement (SQLite binds at most 32,766): one SQLite step and
#: statement reset per chunk instead of per row.
INSERT_VALUES = 32_766


def _insert_rows(conn: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    per = max(1, INSERT_VALUES // len(TABLES[table][0]))
    whole = len(rows) - len(rows) % per
    if whole:
        conn.executemany(
            _insert_sql(table, rows=per),
            (tuple(chain.from_iterable(rows[start:start + per])) for start in range(0, whole, per)),
        )
    conn.executemany(_insert_sql(table), rows[whole:])


def database_path(db: sqlite_utils.Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2]


def _aliases(agencies: Iterable[tuple]) -> Iterator[tuple]:
    """``agency_aliases`` rows of agency rows: its key, and its initialism when useful."""
    for agency_id, _, key, short, _ in agencies:
        yield (key, agency_id, "name")
        if len(short) > 1:
            yield (short, agency_id, "initialism")


@lru_cache(maxsize=65536)
def _leads(agency: Union[str, tuple[str, ...], None]) -> tuple[tuple[str, ...], Optional[str], str]:
    """A task's lead agencies as shown, joined by '; ' (None without any), and as JSON."""
    if agency is None:
        return (), None, "[]"
    names = (agency,) if isinstance(agency, str) else agency
    leads = tuple(display_name(name) for name in names if name and name.strip())
    return leads, "; ".join(leads) or None, _names_json(leads)


def _task_uid(doc_id: str, task_id: str, seen: dict[str, int]) -> str:
    """``<document id>-<task id>``; a repeated task id gets a ``.n`` suffix."""
    count = seen.get(task_id, 0)
    seen[task_id] = count + 1
    return f"{doc_id}-{task_id}" if count == 0 else f"{doc_id}-{task_id}.{count}"

