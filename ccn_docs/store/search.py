"""Search the task table: by agency (any spelling), cited reference, document,
date range and full text.

Every user string reaches SQL only as a bound parameter. Full-text queries are
rebuilt from their words, each quoted, so FTS5 syntax typed by a user (``"``,
``*``, ``NEAR(``, ``AND``) is searched for as text instead of being interpreted.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any, Optional

import sqlite_utils
from rapidfuzz import fuzz, process

from ..errors import DatabaseError, Msg
from ..vietnamese import WORD_RE, fold, nfc
from .agencies import agency_key
from .load import database_path

#: Fuzzy agency matches must score at least this (rapidfuzz WRatio, 0–100) ...
AGENCY_CUTOFF = 88.0
#: ... and be within this of the best match, so "so tai chinh" never drifts to a
#: merely similar agency when a closer one exists.
AGENCY_MARGIN = 5.0
_NUMBER_RE = re.compile(r"[0-9][0-9A-Z/.\-&]*")

TASK_COLUMNS = (
    "uid", "task_id", "agency", "lead_agencies", "co_agencies", "task", "legal_refs", "deadline",
    "recurrence", "source_file", "page", "line_start", "line_end", "document_id", "document_number",
    "document_date", "document_type", "issuer",
)


@dataclass
class SearchQuery:
    text: Optional[str] = None
    agency: Optional[str] = None
    role: Optional[str] = None  # ROLE_LEAD, ROLE_SUPPORT or None for either
    ref: Optional[str] = None
    document: Optional[str] = None
    since: Optional[str] = None  # ISO date, inclusive
    until: Optional[str] = None
    limit: Optional[int] = 100


@dataclass
class AgencyMatch:
    id: int
    name: str
    score: float


def match_agencies(db: sqlite_utils.Database, name: str) -> list[AgencyMatch]:
    """Agencies whose name, abbreviation-expanded name or initialism matches ``name``
    ignoring case and diacritics; exact keys win, otherwise the closest fuzzy ones."""
    key = agency_key(name)
    if not key:
        return []
    exact = db.execute(
        "SELECT DISTINCT a.id, a.name FROM agency_aliases x JOIN agencies a ON a.id = x.agency_id WHERE x.alias = ?",
        [key],
    ).fetchall()
    if exact:
        return [AgencyMatch(agency_id, shown, 100.0) for agency_id, shown in exact]
    aliases = db.execute("SELECT alias, agency_id FROM agency_aliases WHERE kind = 'name'").fetchall()
    found = process.extract(key, [alias for alias, _ in aliases], scorer=fuzz.WRatio, score_cutoff=AGENCY_CUTOFF, limit=None)
    if not found:
        return []
    best = max(score for _, score, _ in found)
    scores: dict[int, float] = {}
    for _, score, index in found:
        if score >= best - AGENCY_MARGIN:
            agency_id = aliases[index][1]
            scores[agency_id] = max(score, scores.get(agency_id, 0.0))
    names = dict(db.execute(f"SELECT id, name FROM agencies WHERE id IN ({','.join('?' * len(scores))})", list(scores)).fetchall())
    return sorted((AgencyMatch(i, names[i], s) for i, s in scores.items()), key=lambda m: (-m.score, m.name))


def fts_query(text: str) -> str:
    """An FTS5 query over the folded column that requires every word of ``text``;
    empty when ``text`` has no words."""
    words = WORD_RE.findall(fold(nfc(text)).lower())
    if not words:
        return ""
    return "task_folded : (" + " ".join(f'"{word}"' for word in words) + ")"


def _number_range(value: str) -> Optional[tuple[str, ...]]:
    """Key bounds for a document number typed in any form: '32/2024' matches
    '32/2024' itself and every key continuing it with '/' or '-' ('32/2024/ND-CP')."""
    match = _NUMBER_RE.search("".join(fold(nfc(value)).upper().split()))
    if not match:
        return None
    prefix = match.group(0).rstrip("/-.")
    return (prefix, prefix + "/", prefix + "0", prefix + "-", prefix + ".")


def _key_clause(column: str, bounds: tuple[str, ...]) -> str:
    # '/' < '0' and '-' < '.' in ASCII: [p/, p0) and [p-, p.) are "p/…" and "p-…".
    return f"({column} = ? OR ({column} >= ? AND {column} < ?) OR ({column} >= ? AND {column} < ?))"


def search_tasks(db: sqlite_utils.Database, query: SearchQuery) -> list[dict[str, Any]]:
    """Tasks matching every given filter. With ``query.text``: most recently loaded
    matches first; otherwise newest directives first."""
    clauses: list[str] = []
    params: list[Any] = []
    # One table drives each query, so its index yields rows already in order and
    # LIMIT stops early: FTS for text, the agency index for agencies, else tasks.
    source = "tasks t"
    order = "t.document_date DESC, t.document_id, t.seq"
    distinct = ""
    if query.text is not None:
        match = fts_query(query.text)
        if not match:
            return []
        source = "tasks_fts f JOIN tasks t ON t.rowid = f.rowid"
        clauses.append("tasks_fts MATCH ?")
        params.append(match)
        # FTS5 walks its index by rowid, so this order needs no sort over all matches.
        order = "f.rowid DESC"
    if query.agency is not None:
        matches = match_agencies(db, query.agency)
        if not matches:
            return []
        ids = [m.id for m in matches]
        role = " AND role = ?" if query.role else ""
        if source == "tasks t":
            source = "task_agencies a JOIN tasks t ON t.rowid = a.task_rowid"
            clauses.append(f"a.agency_id IN ({','.join('?' * len(ids))}){role.replace('role', 'a.role')}")
            order = "a.document_date DESC, a.task_rowid"
            distinct = "DISTINCT " if len(ids) > 1 else ""
        else:
            clauses.append(f"t.rowid IN (SELECT task_rowid FROM task_agencies WHERE agency_id IN ({','.join('?' * len(ids))}){role})")
        params += ids + ([query.role] if query.role else [])
    if query.ref is not None:
        bounds = _number_range(query.ref)
        if bounds:
            refs = f"SELECT id FROM legal_refs WHERE {_key_clause('key', bounds)}"
            params += list(bounds)
        else:
            words = " ".join(WORD_RE.findall(fold(nfc(query.ref)).lower()))
            if not words:
                return []
            refs = "SELECT id FROM legal_refs WHERE text_folded LIKE ? ESCAPE '\\'"
            params.append("%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        clauses.append(f"t.rowid IN (SELECT task_rowid FROM task_legal_refs WHERE ref_id IN ({refs}))")
    if query.document is not None:
        bounds = _number_range(query.document)
        if not bounds:
            return []
        clauses.append(f"t.document_id IN (SELECT id FROM documents WHERE {_key_clause('number_key', bounds)})")
        params += list(bounds)
    if query.since:
        clauses.append("t.document_date >= ?")
        params.append(query.since)
    if query.until:
        clauses.append("t.document_date <= ?")
        params.append(query.until)
    sql = f"SELECT {distinct}{', '.join('t.' + c for c in TASK_COLUMNS)} FROM {source}"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += f" ORDER BY {order}"
    if query.limit:
        sql += " LIMIT ?"
        params.append(query.limit)
    try:
        cursor = db.execute(sql, params)
    except sqlite3.Error as error:
        raise DatabaseError(Msg.DATABASE.format(path=database_path(db), reason=error)) from error
    return [task_record(dict(zip(TASK_COLUMNS, row))) for row in cursor]


def task_record(row: dict[str, Any]) -> dict[str, Any]:
    """A task row as extraction shaped it (``agency`` a name, a list or null), plus its
    stable ``uid`` and its document's number, date, type and issuer."""
    leads = json.loads(row["lead_agencies"] or "[]")
    return {
        "uid": row["uid"],
        "id": row["task_id"],
        "agency": leads[0] if len(leads) == 1 else (leads or None),
        "task": row["task"],
        "co_agencies": json.loads(row["co_agencies"] or "[]"),
        "legal_refs": json.loads(row["legal_refs"] or "[]"),
        "deadline": row["deadline"],
        "recurrence": row["recurrence"],
        "source": {"file": row["source_file"], "page": row["page"], "line_start": row["line_start"], "line_end": row["line_end"]},
        "document_id": row["document_id"],
        "document_number": row["document_number"],
        "document_date": row["document_date"],
        "document_type": row["document_type"],
        "document_issuer": row["issuer"],
    }


def all_tasks(db: sqlite_utils.Database):
    """Every task as ``task_record``s in a stable order (document, then position)."""
    sql = f"SELECT {', '.join(TASK_COLUMNS)} FROM tasks ORDER BY document_id, seq"
    for row in db.execute(sql):
        yield task_record(dict(zip(TASK_COLUMNS, row)))

