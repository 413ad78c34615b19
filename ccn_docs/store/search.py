"""Search the task table: by agency (any spelling), cited reference, document,
date range, deadline, status and full text; one search box that understands all
of them (``understand``); facets over the matches (``find``).

Every user string reaches SQL only as a bound parameter. Full-text queries are
rebuilt from their words, each quoted, so FTS5 syntax typed by a user (``"``,
``*``, ``NEAR(``, ``AND``) is searched for as text instead of being interpreted.

Full text is matched without diacritics (the index holds folded text), then
ranked: among the newest ``WINDOW`` matches, those with the words as typed, in
order, come first, then the words in order without diacritics, then the rest
("phóng xạ" above "phòng xã", both above "phòng … xã"). Facets count the same
newest ``WINDOW`` matches, so a search costs about the same on a million tasks as
on a thousand; the page says when there were more.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Iterator, Optional

import sqlite_utils
from rapidfuzz import fuzz, process

from ..errors import DatabaseError, Msg
from ..vietnamese import WORD_RE, fold, nfc
from .agencies import agency_key
from .corrections import OPEN, STATUSES, history
from .load import agency_value, database_path
from .schema import LEAD_TOKEN, ROLE_LEAD, ROLE_SUPPORT, SUPPORT_TOKEN

#: Fuzzy agency matches must score at least this (rapidfuzz WRatio, 0–100) ...
AGENCY_CUTOFF = 88.0
#: ... and be within this of the best match, so "so tai chinh" never drifts to a
#: merely similar agency when a closer one exists.
AGENCY_MARGIN = 5.0
#: A run of words in the search box names an agency when it is one of its spellings,
#: or is this close to one (rapidfuzz ratio over the whole name: "so tai chin").
BOX_AGENCY_CUTOFF = 90.0
#: Matches ranked and counted into facets: the newest ones.
WINDOW = 1000
#: Matches counted for "N kết quả"; beyond, "more than N".
COUNT_CAP = 5000
#: "Due soon" means within this many days.
SOON = timedelta(days=30)
_NUMBER_RE = re.compile(r"[0-9][0-9A-Z/.\-&]*")
#: A document number typed in the search box: "32/2024", "2029/UBND-KTTH", "31-CT/TU".
_BOX_NUMBER_RE = re.compile(r"(?<![\w/])\d+[\wĐđ]*(?:[/\-][\wĐđ]+)+")

TASK_COLUMNS = (
    "uid", "task_id", "agency", "lead_agencies", "co_agencies", "task", "legal_refs", "deadline",
    "recurrence", "source_file", "page", "line_start", "line_end", "document_id", "document_number",
    "document_date", "document_type", "issuer", "due_date", "rrule", "status", "edited",
)
#: Deadline facet values and their labels.
DEADLINES = {"overdue": "Quá hạn", "soon": "Đến hạn trong 30 ngày", "recurring": "Định kỳ", "none": "Không có thời hạn"}
ROLES = {"chu-tri": ROLE_LEAD, "phoi-hop": ROLE_SUPPORT}


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
    offset: int = 0
    number: Optional[str] = None  # a document number: cited by the task, or the task's own document
    issuer: Optional[str] = None  # the issuing body as stored
    document_type: Optional[str] = None
    year: Optional[int] = None  # of the document
    deadline: Optional[str] = None  # a key of DEADLINES
    status: Optional[str] = None  # a key of corrections.STATUSES
    today: Optional[date] = None  # for the deadline filter; today when None
    dated: bool = False  # only tasks with a due date or a recurrence rule


@dataclass
class AgencyMatch:
    id: int
    name: str
    score: float


@dataclass
class Understood:
    """What the search box's text was read as."""

    agency: Optional[str] = None  # canonical name of the agency it names
    number: Optional[str] = None  # a document number
    text: Optional[str] = None  # the other words


@dataclass
class Facet:
    value: str  # the filter's parameter value
    label: str
    count: int


@dataclass
class Found:
    """One page of tasks, how many match, and the facets of the matches."""

    tasks: list[dict[str, Any]]
    total: int  # of the matches, or how many were counted when there are more
    counted_all: bool  # total is exact; else there are more
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    facets_cover_all: bool = True  # facets count every match, not the newest WINDOW
    agencies: list[AgencyMatch] = field(default_factory=list)  # what the agency filter matched


def match_agencies(db: sqlite_utils.Database, name: str) -> list[AgencyMatch]:
    """Agencies whose name, abbreviation-expanded name or initialism matches ``name``
    ignoring case and diacritics; exact keys win, otherwise the closest fuzzy ones."""
    key = agency_key(name)
    if not key:
        return []
    exact = _exact_agencies(db, key)
    if exact:
        return exact
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
    return _named(db, scores)


def _exact_agencies(db: sqlite_utils.Database, key: str, kind: Optional[str] = None) -> list[AgencyMatch]:
    rows = db.execute(
        "SELECT DISTINCT a.id, a.name FROM agency_aliases x JOIN agencies a ON a.id = x.agency_id WHERE x.alias = ?"
        + (" AND x.kind = ?" if kind else ""),
        [key, kind] if kind else [key],
    ).fetchall()
    return [AgencyMatch(agency_id, shown, 100.0) for agency_id, shown in rows]


def _named(db: sqlite_utils.Database, scores: dict[int, float]) -> list[AgencyMatch]:
    names = dict(db.execute(f"SELECT id, name FROM agencies WHERE id IN ({','.join('?' * len(scores))})", list(scores)).fetchall())
    return sorted((AgencyMatch(i, names[i], s) for i, s in scores.items()), key=lambda m: (-m.score, m.name))


def understand(db: sqlite_utils.Database, text: str) -> Understood:
    """Read the search box: a document number ("32/2024": cited, or the task's own
    document), an agency named by a run of words at the start or the end (any
    spelling seen, its abbreviation-expanded name, its initialism when typed in
    capitals or alone: "STC"; else the first words of one agency's name, or a typo
    of a name), and the other words."""
    text = nfc(text)
    number = _BOX_NUMBER_RE.search(text)
    if number:
        text = text[: number.start()] + " " + text[number.end():]
    words = text.split()
    spans = [(start, size) for size in range(min(len(words), 12), 0, -1) for start in dict.fromkeys((0, len(words) - size))]
    aliases: Optional[list[tuple[str, int]]] = None
    for way in ("exact", "start", "typo"):  # a spelling anywhere before the start of one, before a typo
        for start, size in spans:
            span = words[start:start + size]
            key = agency_key(" ".join(span))
            if not key or (way != "exact" and size == 1):
                continue
            if way == "exact":
                found = _exact_agencies(db, key, "name")
                if not found and size == 1 and (span[0].isupper() or len(words) == 1):
                    found = _exact_agencies(db, key, "initialism")
            else:
                if aliases is None:
                    aliases = db.execute("SELECT alias, agency_id FROM agency_aliases WHERE kind = 'name'").fetchall()
                if way == "start":  # "ban dan toc" of "Ban Dân tộc tỉnh", when it starts one agency's names only
                    starting = {agency_id for alias, agency_id in aliases if alias.startswith(key + " ")}
                    found = _named(db, {starting.pop(): 100.0}) if len(starting) == 1 else []
                else:
                    best = process.extractOne(key, [alias for alias, _ in aliases], scorer=fuzz.ratio, score_cutoff=BOX_AGENCY_CUTOFF)
                    found = _named(db, {aliases[best[2]][1]: best[1]}) if best else []
            if found:
                rest = " ".join(words[:start] + words[start + size:])
                return Understood(found[0].name, number.group(0) if number else None, rest or None)
    return Understood(None, number.group(0) if number else None, " ".join(words) or None)


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


@dataclass
class _Sql:
    """A query's FROM, WHERE and ORDER BY, and the agencies it matched."""

    source: str = "tasks t"
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    order: str = "t.document_date DESC, t.document_id, t.seq"
    distinct: str = ""
    agencies: list[AgencyMatch] = field(default_factory=list)

    def select(self, columns: str, tail: str = "") -> str:
        where = " WHERE " + " AND ".join(self.clauses) if self.clauses else ""
        return f"SELECT {self.distinct}{columns} FROM {self.source}{where}{tail}"

    @property
    def alone(self) -> bool:
        """Whether the driving index alone (FTS5, an agency's, or the date's of the
        whole table) says what matches."""
        return not self.clauses or (len(self.clauses) == 1 and not self.source.startswith("tasks t"))

    def rowids(self, limit: int) -> str:
        """SQL of the matches' rowids in order, at most ``limit``: from the driving
        index alone when nothing else filters them."""
        if self.alone and self.source.startswith("tasks_fts"):
            return f"SELECT rowid FROM tasks_fts WHERE {self.clauses[0]} ORDER BY rowid DESC LIMIT {limit}"
        if self.alone and self.source.startswith("task_agencies"):
            return (f"SELECT {self.distinct}a.task_rowid, a.document_date FROM task_agencies a WHERE {self.clauses[0]} "
                    f"ORDER BY a.document_date DESC, a.task_rowid LIMIT {limit}")
        return self.select("t.rowid", f" ORDER BY {self.order} LIMIT {limit}")


def _sql(db: sqlite_utils.Database, query: SearchQuery) -> Optional[_Sql]:
    """The query as SQL, or None when nothing can match (no words, unknown agency)."""
    sql = _Sql()
    # One table drives each query, so its index yields rows already in order and
    # LIMIT stops early: FTS for text, the agency index for agencies, else tasks.
    if query.agency is not None:
        sql.agencies = match_agencies(db, query.agency)
        if not sql.agencies:
            return None
    if query.text is not None:
        match = fts_query(query.text)
        if not match:
            return None
        if sql.agencies:  # the agency's tokens in the same index: FTS5 intersects the two
            prefixes = {ROLE_LEAD: [LEAD_TOKEN], ROLE_SUPPORT: [SUPPORT_TOKEN]}.get(query.role or "", [LEAD_TOKEN, SUPPORT_TOKEN])
            match += " AND agency_tokens : (" + " OR ".join(f"{prefix}{m.id}" for m in sql.agencies for prefix in prefixes) + ")"
        sql.source = "tasks_fts f JOIN tasks t ON t.rowid = f.rowid"
        sql.clauses.append("tasks_fts MATCH ?")
        sql.params.append(match)
        # FTS5 walks its index by rowid, so this order needs no sort over all matches.
        sql.order = "f.rowid DESC"
    elif sql.agencies:
        ids = [m.id for m in sql.agencies]
        linked = f"a.agency_id IN ({','.join('?' * len(ids))})" + (" AND a.role = ?" if query.role else "")
        sql.params += ids + ([query.role] if query.role else [])
        if query.deadline == "soon":  # the few tasks due soon drive; each is checked against the agency
            sql.clauses.append(f"EXISTS (SELECT 1 FROM task_agencies a WHERE a.task_rowid = t.rowid AND {linked})")
        else:
            sql.source = "task_agencies a JOIN tasks t ON t.rowid = a.task_rowid"
            sql.clauses.append(linked)
            sql.order = "a.document_date DESC, a.task_rowid"
            sql.distinct = "DISTINCT " if len(ids) > 1 else ""
    if query.ref is not None:
        refs = _refs(query.ref)
        if refs is None:
            return None
        sql.clauses.append(f"t.rowid IN (SELECT task_rowid FROM task_legal_refs WHERE ref_id IN ({refs[0]}))")
        sql.params += refs[1]
    if query.document is not None:
        bounds = _number_range(query.document)
        if not bounds:
            return None
        sql.clauses.append(f"t.document_id IN (SELECT id FROM documents WHERE {_key_clause('number_key', bounds)})")
        sql.params += list(bounds)
    if query.number is not None:
        bounds = _number_range(query.number)
        if not bounds:
            return None
        sql.clauses.append(
            f"(t.rowid IN (SELECT task_rowid FROM task_legal_refs WHERE ref_id IN (SELECT id FROM legal_refs WHERE {_key_clause('key', bounds)}))"
            f" OR t.document_id IN (SELECT id FROM documents WHERE {_key_clause('number_key', bounds)}))"
        )
        sql.params += list(bounds) * 2
    for column, value in (("t.issuer", query.issuer), ("t.document_type", query.document_type)):
        if value is not None:
            sql.clauses.append(f"{column} = ?")
            sql.params.append(value)
    if query.year is not None:
        sql.clauses.append("t.document_date >= ? AND t.document_date < ?")
        sql.params += [str(query.year), str(query.year + 1)]
    if query.since:
        sql.clauses.append("t.document_date >= ?")
        sql.params.append(query.since)
    if query.until:
        sql.clauses.append("t.document_date <= ?")
        sql.params.append(query.until)
    # NULL is open; a status set is few rows of its partial index.
    still_open = "(t.status IS NULL OR t.status = 'open')"
    if query.status is not None:
        sql.clauses.append(still_open if query.status == OPEN else "t.status = ?")
        sql.params += [] if query.status == OPEN else [query.status]
    if query.dated:
        sql.clauses.append("(t.due_date IS NOT NULL OR t.rrule IS NOT NULL)")
    if query.deadline is not None:
        today = query.today or date.today()
        # The due-date index serves "due soon", a few days of dates; for the others
        # ("+" keeps SQLite off it) the newest tasks qualify often enough.
        clause, params = {
            "overdue": (f"+t.due_date < ? AND {still_open}", [today.isoformat()]),
            "soon": (f"t.due_date >= ? AND t.due_date <= ? AND {still_open}", [today.isoformat(), (today + SOON).isoformat()]),
            "recurring": ("t.rrule IS NOT NULL", []),
            "none": ("t.deadline IS NULL AND +t.due_date IS NULL AND t.rrule IS NULL", []),
        }[query.deadline]
        sql.clauses.append(clause)
        sql.params += params
    return sql


def _refs(value: str) -> Optional[tuple[str, list[Any]]]:
    """A subquery of the ids of the cited documents ``value`` names (by number, or else by words)."""
    bounds = _number_range(value)
    if bounds:
        return f"SELECT id FROM legal_refs WHERE {_key_clause('key', bounds)}", list(bounds)
    words = " ".join(WORD_RE.findall(fold(nfc(value)).lower()))
    if not words:
        return None
    return "SELECT id FROM legal_refs WHERE text_folded LIKE ? ESCAPE '\\'", ["%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"]


def _execute(db: sqlite_utils.Database, sql: str, params: list[Any]) -> sqlite3.Cursor:
    try:
        return db.execute(sql, params)
    except sqlite3.Error as error:
        raise DatabaseError(Msg.DATABASE.format(path=database_path(db), reason=error)) from error


_ROW_COLUMNS = ", ".join("t." + c for c in TASK_COLUMNS) + ", t.rowid"
_ROW_KEYS = (*TASK_COLUMNS, "rowid")


def _each_row(db: sqlite_utils.Database, sql: _Sql, limit: Optional[int], offset: int = 0) -> Iterator[dict[str, Any]]:
    tail = f" ORDER BY {sql.order} LIMIT ? OFFSET ?"
    for row in _execute(db, sql.select(_ROW_COLUMNS, tail), sql.params + [-1 if limit is None else limit, offset]):
        yield dict(zip(_ROW_KEYS, row))


def _rows(db: sqlite_utils.Database, sql: _Sql, limit: Optional[int], offset: int = 0) -> list[dict[str, Any]]:
    return list(_each_row(db, sql, limit, offset))


def _by_rowid(db: sqlite_utils.Database, rowids: list[int]) -> list[dict[str, Any]]:
    """Task rows in the order of ``rowids``."""
    found = {row["rowid"]: row for row in _each_row(db, _Sql(clauses=["t.rowid IN (SELECT value FROM json_each(?))"], params=[json.dumps(rowids)], order="t.rowid"), None)}
    return [found[rowid] for rowid in rowids if rowid in found]


def _phrase(words: list[str]) -> re.Pattern[str]:
    """``words`` in order, as whole words, whatever separates them, any case."""
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


#: What the window of matches holds for ranking and facets, by position.
_WINDOW_COLUMNS = "rowid, issuer, document_type, substr(document_date, 1, 4), due_date, rrule, deadline, coalesce(status, 'open')"
_ROWID, _ISSUER, _TYPE, _YEAR, _DUE, _RRULE, _DEADLINE, _STATUS, _TASK, _FOLDED = range(10)


def _window(db: sqlite_utils.Database, rowids: list[int], text: Optional[str]) -> list[tuple]:
    """The rows of ``rowids`` (the newest matches, in order); with words, ranked (ties
    keep their order): the words as typed, in order, first (diacritics compared where
    they were typed), then the words in order without diacritics, then the rest."""
    typed = WORD_RE.findall(nfc(text or "").lower())
    folded = [fold(word) for word in typed]
    marked = typed != folded
    ranks = marked or len(typed) > 1  # one word typed without diacritics matches all alike
    columns = _WINDOW_COLUMNS + (", task, task_folded" if ranks else "")
    found = {row[_ROWID]: row for row in _execute(
        db, f"SELECT {columns} FROM tasks WHERE rowid IN (SELECT value FROM json_each(?))", [json.dumps(rowids)])}
    window = [found[rowid] for rowid in rowids if rowid in found]
    if ranks:
        as_typed, in_order = _phrase(typed), _phrase(folded)
        window.sort(key=lambda row: 0 if marked and as_typed.search(nfc(row[_TASK])) else 1 if in_order.search(row[_FOLDED]) else 2)
    return window


def _page(db: sqlite_utils.Database, sql: _Sql, query: SearchQuery, window: list[tuple]) -> list[dict[str, Any]]:
    """The rows ``query.offset``/``query.limit`` asks for: from the ranked window,
    then, past it, in the query's order."""
    stop = query.offset + query.limit if query.limit is not None else None
    rows = _by_rowid(db, [row[_ROWID] for row in window[query.offset:stop]])
    if len(window) == WINDOW and (stop is None or stop > WINDOW):
        rows += _rows(db, sql, None if stop is None else stop - max(query.offset, WINDOW), max(query.offset, WINDOW))
    return rows


def _matches(db: sqlite_utils.Database, sql: _Sql, limit: int) -> list[int]:
    return [row[0] for row in _execute(db, sql.rowids(limit), sql.params)]


def search_tasks(db: sqlite_utils.Database, query: SearchQuery) -> list[dict[str, Any]]:
    """Tasks matching every given filter. With ``query.text``: ranked (see the module
    docstring), most recently loaded first; otherwise newest directives first."""
    sql = _sql(db, query)
    if sql is None:
        return []
    if query.text is None:
        return [task_record(row) for row in _each_row(db, sql, query.limit, query.offset)]
    return [task_record(row) for row in _page(db, sql, query, _window(db, _matches(db, sql, WINDOW), query.text))]


def find(db: sqlite_utils.Database, query: SearchQuery) -> Found:
    """``search_tasks`` with the number of matches (up to ``COUNT_CAP``) and the
    facets of the newest ``WINDOW`` matches: agency, role (with an agency filter),
    issuer, document type, year, deadline and status."""
    sql = _sql(db, query)
    if sql is None:
        return Found([], 0, True)
    # Counted up to COUNT_CAP when the driving index answers alone; through other
    # filters, as far as the window goes. One more match says there are more.
    cap = COUNT_CAP if sql.alone else WINDOW
    rowids = _matches(db, sql, cap + 1)
    more = len(rowids) > cap
    window = _window(db, rowids[:WINDOW], query.text)
    return Found(
        [task_record(row) for row in _page(db, sql, query, window)], cap if more else len(rowids), not more,
        _facets(db, window, query, sql.agencies), len(rowids) <= WINDOW, sql.agencies,
    )


def _facets(db: sqlite_utils.Database, window: list[tuple], query: SearchQuery, agencies: list[AgencyMatch]) -> dict[str, list[Facet]]:
    rowids = json.dumps([row[_ROWID] for row in window])
    among = "task_rowid IN (SELECT value FROM json_each(?))"
    by_agency = _execute(
        db, f"SELECT a.name, count(*) FROM task_agencies l JOIN agencies a ON a.id = l.agency_id WHERE {among} "
        "GROUP BY l.agency_id ORDER BY 2 DESC, 1 LIMIT 15", [rowids],
    ).fetchall()
    roles = dict(_execute(
        db, f"SELECT role, count(*) FROM task_agencies WHERE {among} AND agency_id IN (SELECT value FROM json_each(?)) GROUP BY role",
        [rowids, json.dumps([m.id for m in agencies])],
    ).fetchall()) if agencies else {}
    today = (query.today or date.today()).isoformat()
    soon = ((query.today or date.today()) + SOON).isoformat()
    deadlines = Counter(_deadline_state(row, today, soon) for row in window)
    statuses = Counter(row[_STATUS] for row in window)
    facets = {
        "agency": [Facet(name, name, count) for name, count in by_agency],
        "role": [Facet(key, role.capitalize(), roles[role]) for key, role in ROLES.items() if roles.get(role)],
        "issuer": _counted(row[_ISSUER] for row in window),
        "type": _counted(row[_TYPE] for row in window),
        "year": sorted(_counted(row[_YEAR] for row in window), key=lambda f: f.value, reverse=True),
        "deadline": [Facet(key, label, deadlines[key]) for key, label in DEADLINES.items() if deadlines[key]],
        "status": [Facet(key, label, statuses[key]) for key, label in STATUSES.items() if statuses[key]],
    }
    return {name: values for name, values in facets.items() if values}


def _counted(values: Iterator[Optional[str]], top: int = 15) -> list[Facet]:
    return [Facet(value, value, count) for value, count in Counter(v for v in values if v).most_common(top)]


def _deadline_state(row: tuple, today: str, soon: str) -> Optional[str]:
    """The DEADLINES key a window row falls under, if any (dates as ISO text)."""
    due = row[_DUE]
    if due and row[_STATUS] == OPEN:
        if due < today:
            return "overdue"
        if due <= soon:
            return "soon"
    if row[_RRULE]:
        return "recurring"
    if not (row[_DEADLINE] or due):
        return "none"
    return None


def task_record(row: dict[str, Any]) -> dict[str, Any]:
    """A task row as extraction shaped it (``agency`` a name, a list or null), with
    reviewers' corrections applied, plus its stable ``uid``, its status, whether it
    was ``edited``, and its document's number, date, type and issuer."""
    return {
        "uid": row["uid"],
        "id": row["task_id"],
        "agency": agency_value(json.loads(row["lead_agencies"] or "[]")),
        "task": row["task"],
        "co_agencies": json.loads(row["co_agencies"] or "[]"),
        "legal_refs": json.loads(row["legal_refs"] or "[]"),
        "deadline": row["deadline"],
        "due_date": row["due_date"],
        "recurrence": row["recurrence"],
        "rrule": row["rrule"],
        "status": row["status"] or OPEN,
        "edited": bool(row["edited"]),
        "source": {"file": row["source_file"], "page": row["page"], "line_start": row["line_start"], "line_end": row["line_end"]},
        "document_id": row["document_id"],
        "document_number": row["document_number"],
        "document_date": row["document_date"],
        "document_type": row["document_type"],
        "document_issuer": row["issuer"],
    }


def all_tasks(db: sqlite_utils.Database, agency: Optional[str] = None) -> Iterator[dict[str, Any]]:
    """Every task (of ``agency``, any spelling, lead or supporting) as ``task_record``s
    in a stable order (document, then position)."""
    if agency is None:
        sql: Optional[_Sql] = _Sql()
    else:
        sql = _sql(db, SearchQuery(agency=agency))
        if sql is None:
            return
    for row in _each_row(db, replace(sql, order="t.document_id, t.seq"), None):
        yield task_record(row)


def tasks_of_document(db: sqlite_utils.Database, document_id: str) -> list[dict[str, Any]]:
    """A document's tasks as ``task_record``s, in the order extraction found them."""
    return [task_record(row) for row in _each_row(db, _Sql(clauses=["t.document_id = ?"], params=[document_id], order="t.seq"), None)]


def task_by_uid(db: sqlite_utils.Database, uid: str) -> Optional[dict[str, Any]]:
    """One task's ``task_record``, None for an unknown uid."""
    rows = _rows(db, _Sql(clauses=["t.uid = ?"], params=[uid]), 1)
    return task_record(rows[0]) if rows else None


def task_detail(db: sqlite_utils.Database, uid: str) -> Optional[dict[str, Any]]:
    """A task's ``task_record`` with the extracted values of its corrected fields
    (``extracted``) and every correction made to it (``corrections``), oldest first."""
    record = task_by_uid(db, uid)
    if record is None:
        return None
    extracted = db.execute("SELECT extracted FROM tasks WHERE uid = ?", [uid]).fetchone()[0]
    record["extracted"] = json.loads(extracted) if extracted else {}
    record["corrections"] = [correction.to_dict() for correction in history(db, uid)]
    return record
