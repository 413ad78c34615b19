"""The task database: tables, indexes and full-text search, built with sqlite-utils.

Tables (documented in docs/schema.md):

- ``documents``: one row per input file, keyed by ``id`` (the first 12 hex digits of
  the input's SHA-256, so the same file keeps its id wherever it lies); ``path`` is the
  incremental key: its ``content_hash`` + ``model_version`` decide whether a re-run can skip it.
- ``pages``: per page of a document, its restored lines with word confidences
  (the review page draws them beside the page image).
- ``tasks``: one row per extracted task: ``rowid`` (declared ``INTEGER PRIMARY KEY``,
  handed out in load order, so ``VACUUM`` keeps it and the links and FTS index stay
  valid) and the stable ``uid`` (``<document id>-<task id>``, unique); carries the
  document's number, date, type and issuer so filters and facets need no join.
  ``task_folded`` is the task text with every diacritic removed (đ → d too), which
  FTS5 indexes (``tasks_fts``, external content): searches fold their words too.
  ``agency_tokens`` names the task's agencies for the same index ("al12" leads,
  "as7" supports: agency ids), so words and an agency are found by one FTS5 query.
- ``agencies`` (canonical name, folded key, aliases) and ``agency_aliases``
  (every key or initialism a user may type → agency).
- ``task_agencies``: task (``task_rowid`` = ``tasks.rowid``) ↔ agency with ``role``
  ``chủ trì`` (lead) or ``phối hợp`` (an agency both leads and supports a task: lead);
  carries the document date so an agency's newest tasks come straight off its index.
- ``legal_refs`` (one row per cited document, keyed by its folded number) and
  ``task_legal_refs`` (task ↔ reference, with article/clause/point as cited).
- ``corrections``: every change a reviewer made to a task (``uid``, field, old → new
  as JSON, who, when), never touched by a load. ``tasks`` shows the corrected values
  (``edited`` 1, the extracted ones of the corrected fields in ``extracted``) and the
  reviewer's ``status``; a load applies the latest correction of each field again, so
  corrections survive re-extraction.

The link tables are ``WITHOUT ROWID`` tables keyed by task first: a load appends to
them. The search indexes over them and over ``tasks`` are secondary (``INDEXES``), so a
bulk load into an empty database can build them once at the end (``Loader.bulk``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from ..errors import DatabaseError, Msg

ROLE_LEAD = "chủ trì"
ROLE_SUPPORT = "phối hợp"

#: The shape of the tables below; a database written with another shape is refused
#: (SQLite's ``user_version``) instead of being misread.
SCHEMA_VERSION = 4  # what each version changed: CHANGELOG.md

# sqlite-utils column types per table, in display order, and primary keys.
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
            "text_source": str,
        },
        ("document_id", "number"),
    ),
    "tasks": (
        {
            "rowid": int, "uid": str, "document_id": str, "seq": int, "task_id": str, "agency": str,
            "lead_agencies": str, "co_agencies": str, "task": str, "task_folded": str,
            "legal_refs": str, "ref_numbers": str, "deadline": str, "recurrence": str,
            "page": int, "line_start": int, "line_end": int, "source_file": str,
            "document_number": str, "document_date": str, "document_type": str, "issuer": str,
            "due_date": str, "rrule": str, "status": str, "edited": int, "extracted": str, "agency_tokens": str,
        },
        "rowid",
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
    "corrections": (
        {"id": int, "uid": str, "document_id": str, "field": str, "old": str, "new": str, "author": str, "at": str,
         "task": str},
        "id",
    ),
}
#: Keyed by task first, so loads append to them; one B-tree each instead of a rowid
#: table plus its primary-key index.
WITHOUT_ROWID = {"task_agencies", "task_legal_refs"}

INDEXES: dict[str, list[tuple[str, ...]]] = {
    "documents": [("path",), ("number_key",), ("date",), ("issuer",)],
    # A facet chosen on the search page: an issuer's tasks are few.
    "tasks": [("uid",), ("document_id",), ("document_date",), ("issuer",)],
    "agencies": [("key",)],
    "agency_aliases": [("agency_id",)],
    # Agency searches walk this index newest first and stop at the limit.
    "task_agencies": [("agency_id", "document_date", "task_rowid")],
    "legal_refs": [("key",)],
    "task_legal_refs": [("ref_id",)],
    "corrections": [("uid", "field", "id"), ("document_id",)],
}
UNIQUE = {("documents", ("path",)), ("tasks", ("uid",)), ("agencies", ("key",)), ("legal_refs", ("key",))}
#: Tables whose indexes a bulk load into an empty database builds once, at the end:
#: kept row by row, their inserts land all over the index B-trees, and every commit
#: rewrites most of those pages.
BULK_INDEXED = ("tasks", "task_agencies", "task_legal_refs")
FTS_COLUMNS = ["task_folded", "agency_tokens"]
#: Lead and supporting agencies in ``agency_tokens``: prefix + agency id.
LEAD_TOKEN, SUPPORT_TOKEN = "al", "as"
# What sqlite-utils' enable_fts creates, without sync triggers (the loader maintains
# the index itself, one statement per batch, which bulk loads much faster than a
# trigger per row) and without per-row column sizes (columnsize=0: only bm25 ranking
# reads them, and searches order by rowid).
CREATE_FTS = f'CREATE VIRTUAL TABLE [tasks_fts] USING FTS5 ({", ".join(FTS_COLUMNS)}, content="tasks", columnsize=0)'
#: What turns a database of an older schema into this one, in place (corrections are
#: human work: never ask for a database holding them to be deleted).
MIGRATIONS: dict[int, list[str]] = {
    3: [f"ALTER TABLE tasks ADD COLUMN [{column}] {kind}" for column, kind in
        (("due_date", "TEXT"), ("rrule", "TEXT"), ("status", "TEXT"), ("edited", "INTEGER"), ("extracted", "TEXT"),
         ("agency_tokens", "TEXT"))] + [
        "UPDATE tasks SET agency_tokens = (SELECT group_concat(CASE role WHEN 'chủ trì' THEN 'al' ELSE 'as' END || agency_id, ' ') "
        "FROM task_agencies WHERE task_rowid = tasks.rowid)",
        "DROP TABLE tasks_fts",
        CREATE_FTS,
        "INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild')",
    ],
}


def connect(path: Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open the task database (creating it and its schema if ``create``).

    Failures (missing file, read-only folder, not a database, a database of another
    ccn version) become ``DatabaseError``.
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
        elif db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            ensure_schema(db)  # an older schema upgraded, or refused
    except (sqlite3.Error, OSError) as error:
        raise DatabaseError(Msg.DATABASE.format(path=path, reason=error)) from error
    return db


def _check_version(db: sqlite_utils.Database) -> None:
    """Refuse a database of a schema this ccn cannot read or upgrade."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found != SCHEMA_VERSION and found not in MIGRATIONS:
        age = "an older" if found < SCHEMA_VERSION else "a newer"
        raise DatabaseError(Msg.DATABASE.format(
            path=db.execute("PRAGMA database_list").fetchone()[2],
            reason=f"built by {age} ccn (schema {found}, this ccn reads {SCHEMA_VERSION}); delete it and run 'ccn run' again",
        ))


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes and the FTS5 index (kept in step by the loader);
    upgrade a database of an older schema ``MIGRATIONS`` knows."""
    if any(db[name].exists() for name in TABLES):
        _check_version(db)
    with db.atomic():  # a schema half made would read as one of an older ccn
        found = db.execute("PRAGMA user_version").fetchone()[0]
        while found in MIGRATIONS and db["tasks"].exists():
            for statement in MIGRATIONS[found]:
                db.execute(statement)
            found += 1
        for name, (columns, pk) in TABLES.items():
            if db[name].exists():
                # Columns added within a schema version: a reader of the older shape never asks for them.
                for column in columns.keys() - db[name].columns_dict.keys():
                    db[name].add_column(column, columns[column])
                continue
            if name in WITHOUT_ROWID:
                db.execute(db.create_table_sql(name, columns, pk=pk).strip().rstrip(";") + " WITHOUT ROWID")
            else:
                db[name].create(columns, pk=pk)
        create_indexes(db, TABLES)
        if not db["tasks_fts"].exists():
            db.execute(CREATE_FTS)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _index_name(table: str, columns: tuple[str, ...]) -> str:
    return f"idx_{table}_{'_'.join(columns)}"


#: Indexes of only some rows: (table, column, condition). A reviewer's status is set on
#: few tasks (NULL is open): its index holds those, so SQLite knows it is selective;
#: the tasks due within days are few of those with a due date.
PARTIAL_INDEXES = [("tasks", "status", "status IS NOT NULL"), ("tasks", "due_date", "due_date IS NOT NULL")]


def create_indexes(db: sqlite_utils.Database, tables) -> None:
    """Create the missing indexes of ``tables`` (names of ``INDEXES``)."""
    for name in tables:
        for columns in INDEXES.get(name, []):
            db[name].create_index(columns, index_name=_index_name(name, columns), unique=(name, columns) in UNIQUE, if_not_exists=True)
        for table, column, condition in PARTIAL_INDEXES:
            if table == name:
                db.execute(f"CREATE INDEX IF NOT EXISTS [{_index_name(table, (column,))}] ON [{table}] ([{column}]) WHERE {condition}")


def drop_indexes(db: sqlite_utils.Database, tables) -> None:
    for name in tables:
        for columns in [*INDEXES.get(name, []), *((column,) for table, column, _ in PARTIAL_INDEXES if table == name)]:
            db.execute(f"DROP INDEX IF EXISTS [{_index_name(name, columns)}]")
