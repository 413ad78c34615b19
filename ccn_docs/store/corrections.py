"""Reviewers' corrections of tasks: what may be corrected, how a typed value is
read, and how the latest corrections turn an extracted task into the one shown.

Every change is one row of ``corrections`` (task uid, field, old → new as JSON,
who, when), kept apart from the extracted values and never touched by a load. The
loader applies the latest correction of each field whenever it writes a task, so a
correction survives ``ccn run`` re-extracting its document; a correction whose task
is no longer extracted stays in the table and is listed (``orphans``).
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Optional

import sqlite_utils

from ..errors import CorrectionError, Msg
from ..types import LegalRef, Task
from ..vietnamese import fold, nfc

#: A task's status as a reviewer sets it (open until set), with its Vietnamese label.
STATUSES = {"open": "Đang thực hiện", "done": "Đã xong", "not-applicable": "Không áp dụng"}
OPEN = "open"

#: Fields a reviewer may correct, with their Vietnamese labels. Lists (agencies,
#: references) are typed as items separated by ';'.
FIELDS = {
    "agency": "Cơ quan chủ trì",
    "co_agencies": "Cơ quan phối hợp",
    "task": "Nội dung nhiệm vụ",
    "legal_refs": "Căn cứ pháp lý",
    "deadline": "Thời hạn",
    "due_date": "Hạn (ngày)",
    "rrule": "Lặp lại (RRULE)",
    "status": "Trạng thái",
}
LIST_FIELDS = ("agency", "co_agencies", "legal_refs")

#: Document numbers as cited: "32/2024/NĐ-CP", "05/CT-UBND", "31-CT/TU".
_NUMBER_RE = re.compile(r"\d+(?:/\d{4})?/[A-ZĐ][\w\-Đđ]*|\d+-[A-ZĐ]+/[A-ZĐ]+")
_REF_TYPES = ("Luật", "Nghị định", "Thông tư", "Quyết định", "Chỉ thị", "Nghị quyết", "Kế hoạch", "Công văn",
              "Thông báo", "Công điện", "Kết luận", "Hướng dẫn")
_RRULE_RE = re.compile(r"FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)(?:;[A-Z]+=[A-Z0-9,+\-]+)*")


@dataclass(frozen=True)
class Correction:
    """One change: ``old`` and ``new`` are field values as ``value_of`` gives them."""

    id: int
    uid: str
    document_id: str
    field: str
    old: Any
    new: Any
    author: str
    at: str
    task: Optional[str]  # the task's text when it was corrected
    orphaned: bool = False  # its task is no longer extracted

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "field": self.field, "old": self.old, "new": self.new, "by": self.author, "at": self.at,
                "task": self.task, "orphaned": self.orphaned}


def check_field(field: str) -> None:
    if field not in FIELDS:
        fields = ", ".join(FIELDS)
        raise CorrectionError(Msg.CORRECTION_FIELD.format(field=field, fields=fields), Msg.VI_CORRECTION_FIELD.format(field=field, fields=fields))


def _invalid(field: str, value: Any, expected: str) -> CorrectionError:
    english, vietnamese = Msg.CORRECTION_EXPECTED[expected]
    return CorrectionError(Msg.CORRECTION_VALUE.format(field=field, value=value, expected=english),
                           Msg.VI_CORRECTION_VALUE.format(label=FIELDS[field], value=value, expected=vietnamese))


def parse_value(field: str, raw: Any) -> Any:
    """A field's value as typed (text; for list fields items separated by ';') or
    as JSON gives it (lists as lists), checked and normalised; ``CorrectionError``
    says what is wrong. Empty text clears a field (the task's text excepted)."""
    check_field(field)
    if field in LIST_FIELDS:
        items = raw if isinstance(raw, list) else (raw or "").split(";") if isinstance(raw, (str, type(None))) else None
        if items is None or not all(isinstance(item, str) for item in items):
            raise _invalid(field, raw, "list")
        return [" ".join(nfc(item).split()) for item in items if item.strip()]
    if raw is not None and not isinstance(raw, str):
        raise _invalid(field, raw, "text")
    value = " ".join(nfc(raw).split()) if raw else None
    if field == "task" and not value:
        raise _invalid(field, raw, "text")
    if field == "status" and value not in STATUSES:
        raise _invalid(field, raw, "status")
    if field == "due_date" and value:
        try:
            value = date.fromisoformat(value).isoformat()
        except ValueError:
            raise _invalid(field, raw, "date") from None
    if field == "rrule" and value:
        value = value.upper().removeprefix("RRULE:")
        if not _RRULE_RE.fullmatch(value):
            raise _invalid(field, raw, "rrule")
    return value


def same(field: str, old: Any, new: Any) -> bool:
    """Whether a field's stored value ``old`` already is ``new`` (as ``parse_value`` reads values)."""
    try:
        return parse_value(field, old) == new
    except CorrectionError:
        return False


def value_of(task: Task, field: str, status: Optional[str] = None) -> Any:
    """A task's value of a correctable field, in the form corrections hold."""
    if field == "status":
        return status or OPEN
    if field == "agency":
        return [task.agency] if isinstance(task.agency, str) else list(task.agency or [])
    if field == "legal_refs":
        return [ref.number or ref.text for ref in task.legal_refs]
    return getattr(task, field)


def reference(text: str, known: list[LegalRef]) -> LegalRef:
    """The reference a reviewer typed: the extracted one it names, else one read
    from the text (type, number, year, issuer code)."""
    key = fold(text).lower()
    for ref in known:
        if key in (fold(ref.number or "").lower(), fold(ref.text).lower()):
            return ref
    number = _NUMBER_RE.search(text)
    kind = next((t for t in _REF_TYPES if fold(text).lower().startswith(fold(t).lower())), None)
    year = re.search(r"/(\d{4})/", number.group(0)) if number else None
    return LegalRef(
        text=text, type=kind, number=number.group(0) if number else None, year=int(year.group(1)) if year else None,
        issuer_code=number.group(0).split("/")[-1] if number and year else None,
    )


def apply(task: Task, fixes: dict[str, Any]) -> tuple[Task, Optional[str], Optional[dict[str, Any]]]:
    """The task as corrected by ``fixes`` (field → latest value), its status, and
    the extracted values of the fields corrected, as ``Task.to_dict`` gives them
    (None when none was)."""
    changes: dict[str, Any] = {}
    extracted: dict[str, Any] = {}
    as_extracted = task.to_dict()
    for field, value in fixes.items():
        if field == "status":
            continue
        extracted[field] = as_extracted[field]
        if field == "agency":
            changes[field] = value[0] if len(value) == 1 else (value or None)
        elif field == "legal_refs":
            changes[field] = [reference(text, task.legal_refs) for text in value]
        else:
            changes[field] = value
    return dataclasses.replace(task, **changes), fixes.get("status"), extracted or None


def current(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """The latest value of every corrected field: uid → field → value."""
    found: dict[str, dict[str, Any]] = {}
    rows = db.execute(
        "SELECT uid, field, new FROM corrections WHERE id IN (SELECT max(id) FROM corrections GROUP BY uid, field) ORDER BY id"
    )
    for uid, field, new in rows:
        found.setdefault(uid, {})[field] = json.loads(new)
    return found


def record(db: sqlite_utils.Database, uid: str, document_id: str, task_text: str, changes: dict[str, tuple[Any, Any]], author: str) -> None:
    """Add one row per changed field (``changes``: field → (old, new)) in the caller's transaction."""
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    db.conn.executemany(
        "INSERT INTO corrections (uid, document_id, field, old, new, author, at, task) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(uid, document_id, field, json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False), author, at, task_text)
         for field, (old, new) in changes.items()],
    )


def _corrections(db: sqlite_utils.Database, where: str, params: list[Any]) -> list[Correction]:
    rows = db.execute(
        "SELECT id, uid, document_id, field, old, new, author, at, task, NOT EXISTS (SELECT 1 FROM tasks t WHERE t.uid = c.uid) "
        f"FROM corrections c WHERE {where} ORDER BY id",
        params,
    )
    return [Correction(i, uid, doc, field, json.loads(old), json.loads(new), author, at, task, bool(gone))
            for i, uid, doc, field, old, new, author, at, task, gone in rows]


def history(db: sqlite_utils.Database, uid: str) -> list[Correction]:
    """Every correction of a task, oldest first."""
    return _corrections(db, "uid = ?", [uid])


def listing(db: sqlite_utils.Database, *, orphaned: bool = False) -> list[Correction]:
    """Every correction, oldest first; with ``orphaned`` only those of tasks no
    longer extracted (their document re-read differently, or deleted)."""
    where = "NOT EXISTS (SELECT 1 FROM tasks t WHERE t.uid = c.uid)" if orphaned else "1"
    return _corrections(db, where, [])


def by_document(db: sqlite_utils.Database, document_id: str) -> list[Correction]:
    """Every correction of a document's tasks (present or no longer extracted), oldest first."""
    return _corrections(db, "document_id = ?", [document_id])
