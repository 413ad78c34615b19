"""The task database: tables, indexes and full-text search, built with sqlite-utils.

Tables (documented in the README):

- ``documents``: one row per input file, keyed by ``id`` (the first 12 hex digits of
  the input's SHA-256, so the same file keeps its id wherever it lies); ``path`` is the
  incremental key: its ``content_hash`` + ``model_version`` decide whether a re-run can skip it.
- ``pages``: per page of a document, its restored lines with word confidences
  (the review page draws them beside the page image).
- ``tasks``: one row per extracted task, keyed by the stable ``uid``
  (``<document id>-<task id>``); carries the document's number, date, type and
  issuer so filters and facets need no join. ``task_folded`` is the task text with
  every diacritic removed (đ → d too), indexed by FTS5 (``tasks_fts``, external
  content) next to ``task``.
- ``agencies`` (canonical name, folded key, aliases) and ``agency_aliases``
  (every key or initialism a user may type → agency).
- ``task_agencies``: task (``task_rowid`` = ``tasks.rowid``, an integer key, so bulk
  loads append to the link tables instead of inserting at random) ↔ agency with ``role`` ``chủ trì`` (lead) or ``phối hợp``
  (an agency both leads and supports a task: lead); carries the document date so
  an agency's newest tasks come straight off its index.
- ``legal_refs`` (one row per cited document, keyed by its folded number) and
  ``task_legal_refs`` (task ↔ reference, with article/clause/point as cited).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from ..errors import DatabaseError, Msg

ROLE_LEAD = "chủ trì"
ROLE_SUPPORT = "phối hợp"

# sqlite-utils column types per table, in display order.
TABLES: dict[str, tuple[dict[str, type], str | tuple[str, ...]]] = {
    "documents": (
        {
            "id": str, "path": str, "source_file": str, "kind": str, "content_hash": str,
            "model_version": str, "pages": int, "number": str, "number_key": str, "date": str,
            "type": str, "issuer": str, "parent_issuer": str, "place": str, "subject": str,
            "signer": str, "signer_title": str, "recipients": str, "legal_bases": str,
            "distribution": str, "task_count": int, "text": str, "json_path": str, "loaded_at": str,
        },
        "id",
    ),
    "pages": (
        {
            "document_id": str, "number": int, "image": str, "image_page": int, "width": int,
            "height": int, "first_line": int, "line_count": int, "text": str, "lines": str,
        },
        ("document_id", "number"),
    ),
    "tasks": (
        {
            "uid": str, "document_id": str, "seq": int, "task_id": str, "agency": str,
            "lead_agencies": str, "co_agencies": str, "task": str, "task_folded": str,
            "legal_refs": str, "ref_numbers": str, "deadline": str, "recurrence": str,
            "page": int, "line_start": int, "line_end": int, "source_file": str,
            "document_number": str, "document_date": str, "document_type": str, "issuer": str,
        },
        "uid",
    ),
    "agencies": ({"id": int, "name": str, "key": str, "initialism": str, "aliases": str}, "id"),
    "agency_aliases": ({"alias": str, "agency_id": int, "kind": str}, ("alias", "agency_id")),
    "task_agencies": (
        {"task_rowid": int, "agency_id": int, "role": str, "document_date": str},
        ("task_rowid", "agency_id"),
    ),
    "legal_refs": (
        {"id": int, "key": str, "number": str, "type": str, "year": int, "issuer_code": str, "date": str, "text": str,
         "text_folded": str},
        "id",
    ),
    "task_legal_refs": (
        {"task_rowid": int, "ref_id": int, "text": str, "article": str, "clause": str, "point": str},
        ("task_rowid", "ref_id", "text"),
    ),
}

INDEXES: dict[str, list[tuple[str, ...]]] = {
    "documents": [("path",), ("number_key",), ("date",), ("issuer",)],
    "tasks": [("document_id",), ("document_date",)],
    "agencies": [("key",)],
    "agency_aliases": [("agency_id",)],
    # Agency searches walk this index newest first and stop at the limit.
    "task_agencies": [("agency_id", "document_date", "task_rowid")],
    "legal_refs": [("key",)],
    "task_legal_refs": [("ref_id",)],
}
UNIQUE = {("documents", ("path",)), ("agencies", ("key",)), ("legal_refs", ("key",))}
FTS_COLUMNS = ["task", "task_folded"]


def connect(path: Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open the task database (creating it and its schema if ``create``).

    Failures (missing file, read-only folder, not a database) become ``DatabaseError``.
    """
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(Msg.DATABASE.format(path=path, reason="no such database; run 'ccn run' first"))
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA cache_size = -65536")  # 64 MiB: bulk loads touch many index pages
        if create:
            db.enable_wal()
            # In WAL mode NORMAL still never corrupts the database; a power cut may
            # only lose the last commits, which the next run reloads.
            db.execute("PRAGMA synchronous = NORMAL")
            ensure_schema(db)
        elif not db["tasks_fts"].exists():
            raise DatabaseError(Msg.DATABASE.format(path=path, reason="not a ccn task database (no tasks table)"))
    except (sqlite3.Error, OSError) as error:
        raise DatabaseError(Msg.DATABASE.format(path=path, reason=error)) from error
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes and the FTS5 index (kept in step by the loader)."""
    if db["task_agencies"].exists() and "task_rowid" not in db["task_agencies"].columns_dict:
        raise DatabaseError(Msg.DATABASE.format(
            path=db.execute("PRAGMA database_list").fetchone()[2],
            reason="built by an older ccn (text task keys in the link tables); delete it and run 'ccn run' again",
        ))
    for name, (columns, pk) in TABLES.items():
        db[name].create(columns, pk=pk, if_not_exists=True)
    for name, index_columns in INDEXES.items():
        for columns in index_columns:
            db[name].create_index(columns, unique=(name, columns) in UNIQUE, if_not_exists=True)
    if not db["tasks_fts"].exists():
        # No sync triggers: the loader maintains the index itself, one statement
        # per batch, which bulk loads four times faster than a trigger per row.
        db["tasks"].enable_fts(FTS_COLUMNS)
