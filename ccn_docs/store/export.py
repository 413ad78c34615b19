"""Export the task table for tracking systems: CSV, XLSX, JSON, JSON Lines or an
iCalendar file.

Every row carries the task's stable ``uid`` (``<document id>-<task id>``), so
importing the same export twice, or a later export of the same documents, updates
rows instead of duplicating them. Rows show reviewers' corrections, the task's
status and whether it was ``edited``. Files are written atomically.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Optional

import sqlite_utils

from ..textio import atomic_write
from .corrections import STATUSES
from .search import all_tasks, match_agencies

FORMATS = ("csv", "xlsx", "json", "jsonl", "ics")
#: Where review links in a calendar point when no server address is given.
DEFAULT_BASE_URL = "http://127.0.0.1:8001"

#: Flat columns of CSV/XLSX/table output: (key, Vietnamese header).
FLAT_COLUMNS: list[tuple[str, str]] = [
    ("uid", "Mã nhiệm vụ"),
    ("document_number", "Số hiệu văn bản"),
    ("document_date", "Ngày ban hành"),
    ("document_type", "Loại văn bản"),
    ("document_issuer", "Cơ quan ban hành"),
    ("agency", "Cơ quan chủ trì"),
    ("co_agencies", "Cơ quan phối hợp"),
    ("task", "Nội dung nhiệm vụ"),
    ("legal_refs", "Căn cứ pháp lý"),
    ("deadline", "Thời hạn"),
    ("due_date", "Hạn (ngày)"),
    ("recurrence", "Định kỳ"),
    ("rrule", "Lặp lại (RRULE)"),
    ("status", "Trạng thái"),
    ("edited", "Đã sửa"),
    ("source_file", "Tệp nguồn"),
    ("source_lines", "Dòng nguồn"),
]


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """A task record with lists joined by '; ', for spreadsheets and tables."""
    agency = record["agency"]
    source = record["source"]
    lines = ""
    if source.get("line_start"):
        lines = f"{source['line_start']}–{source['line_end']}" if source.get("line_end") not in (None, source["line_start"]) else str(source["line_start"])
    return {
        "uid": record["uid"],
        "document_number": record["document_number"],
        "document_date": record["document_date"],
        "document_type": record["document_type"],
        "document_issuer": record["document_issuer"],
        "agency": "; ".join(agency) if isinstance(agency, list) else agency,
        "co_agencies": "; ".join(record["co_agencies"]),
        "task": record["task"],
        "legal_refs": "; ".join(ref.get("number") or ref["text"] for ref in record["legal_refs"]),
        "deadline": record["deadline"],
        "due_date": record["due_date"],
        "recurrence": record["recurrence"],
        "rrule": record["rrule"],
        "status": record["status"],
        "edited": "true" if record["edited"] else "false",
        "source_file": source["file"],
        "source_lines": lines,
    }


def write_records(records: Iterable[dict[str, Any]], handle: IO[str], fmt: str) -> int:
    """Write task records to a text stream as csv (English keys as header, lists
    joined), json or jsonl; returns the count."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=[key for key, _ in FLAT_COLUMNS])
        writer.writeheader()
        for record in records:
            writer.writerow(flat_row(record))
            count += 1
    elif fmt == "jsonl":
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "json":
        handle.write("[")
        for record in records:
            handle.write(("\n  " if count == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
            count += 1
        handle.write("\n]\n" if count else "]\n")
    else:
        raise ValueError(f"text format must be csv, json or jsonl, not {fmt}")
    return count


def write_xlsx(records: Iterable[dict[str, Any]], path: Path) -> int:
    """One sheet 'Nhiệm vụ': Vietnamese headers, frozen header row, autofilter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append([header for _, header in FLAT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for record in records:
        flat = flat_row(record)
        flat.update(status=STATUSES[record["status"]], edited="có" if record["edited"] else "")
        sheet.append([flat[key] for key, _ in FLAT_COLUMNS])
        count += 1
    widths = {"task": 80, "agency": 30, "co_agencies": 30, "document_issuer": 30, "legal_refs": 30}
    for index, (key, _) in enumerate(FLAT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    task_column = get_column_letter([key for key, _ in FLAT_COLUMNS].index("task") + 1)
    for cell in sheet[task_column][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FLAT_COLUMNS))}{count + 1}"
    with atomic_write(path, binary=True) as handle:
        workbook.save(handle)
    return count


def export_tasks(db: sqlite_utils.Database, path: Path, fmt: str, *, agency: Optional[str] = None, base_url: str = DEFAULT_BASE_URL) -> int:
    """Export every task of ``db`` (of ``agency`` only, lead or supporting, when
    given) to ``path``; returns the number of tasks (of events for ``ics``, whose
    review links start with ``base_url``)."""
    records = all_tasks(db, agency)
    if fmt == "xlsx":
        return write_xlsx(records, path)
    if fmt == "ics":
        from .calendar import calendar

        named = match_agencies(db, agency) if agency else []
        data, count = calendar(records, base_url, name=f"Nhiệm vụ — {named[0].name}" if named else "Nhiệm vụ")
        with atomic_write(path, binary=True) as handle:
            handle.write(data)
        return count
    with atomic_write(path) as handle:
        return write_records(records, handle, fmt)
