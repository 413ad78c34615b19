"""Export: csv/xlsx/json/jsonl with stable ids; xlsx headers, frozen row, filters."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ccn_docs.store import Loader, connect
from ccn_docs.store import export
from ccn_docs.store.export import FLAT_COLUMNS, export_tasks
from ccn_docs.store.search import all_tasks

from .directives import industry_directive, land_directive, record


@pytest.fixture
def db(tmp_path):
    database = connect(tmp_path / "ccn.db")
    Loader(database).load([record(industry_directive(), tmp_path), record(land_directive(), tmp_path)])
    return database


def test_jsonl_and_json_carry_stable_ids(db, tmp_path):
    assert export_tasks(db, tmp_path / "a.jsonl", "jsonl") == 5
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({row["uid"] for row in rows}) == 5
    assert rows[0].keys() >= {"uid", "id", "agency", "task", "co_agencies", "legal_refs", "deadline", "source", "document_number", "document_date", "document_issuer"}
    export_tasks(db, tmp_path / "a.json", "json")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == rows
    # Re-loading the same documents, even from another folder, keeps every id: an
    # importer updates, never duplicates.
    Loader(db).load([record(industry_directive(), tmp_path / "moved"), record(land_directive(), tmp_path / "moved")])
    export_tasks(db, tmp_path / "b.jsonl", "jsonl")
    again = [json.loads(line) for line in (tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [row["uid"] for row in again] == [row["uid"] for row in rows]


def test_csv_is_flat_and_vietnamese_survives(db, tmp_path):
    export_tasks(db, tmp_path / "t.csv", "csv")
    with open(tmp_path / "t.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and list(rows[0]) == [key for key, _ in FLAT_COLUMNS]
    shared = next(row for row in rows if ";" in row["agency"])
    assert shared["agency"] == "Sở Tài Chính; UBND các huyện"
    assert any(row["legal_refs"] == "32/2024/NĐ-CP" for row in rows)


def test_xlsx_has_headers_frozen_row_and_filters(db, tmp_path):
    export_tasks(db, tmp_path / "t.xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [cell.value for cell in sheet[1]] == [header for _, header in FLAT_COLUMNS]
    assert "Cơ quan chủ trì" in [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(FLAT_COLUMNS))}{5 + 1}"
    assert sheet.max_row == 6


def test_failed_export_keeps_the_previous_file(db, tmp_path, monkeypatch):
    target = tmp_path / "t.jsonl"
    target.write_text("previous export\n", encoding="utf-8")

    def failing(database, agency=None):
        yield from list(all_tasks(database))[:2]
        raise OSError("disk full")

    monkeypatch.setattr(export, "all_tasks", failing)
    with pytest.raises(OSError):
        export_tasks(db, target, "jsonl")
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_corrected_values_status_and_edited_flag_in_every_format(db, tmp_path):
    uid = db.execute("select uid from tasks where task_id = '2' and document_number = '2029/UBND-KTTH'").fetchone()[0]
    Loader(db).correct(uid, {"agency": "Sở Xây dựng", "status": "done", "due_date": "2024-09-30"}, "Lan")
    export_tasks(db, tmp_path / "t.jsonl", "jsonl")
    rows = {row["uid"]: row for row in map(json.loads, (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines())}
    assert (rows[uid]["agency"], rows[uid]["status"], rows[uid]["edited"], rows[uid]["due_date"]) == ("Sở Xây dựng", "done", True, "2024-09-30")
    assert sum(row["edited"] for row in rows.values()) == 1 and {row["status"] for row in rows.values()} == {"open", "done"}
    export_tasks(db, tmp_path / "t.csv", "csv")
    with open(tmp_path / "t.csv", encoding="utf-8", newline="") as handle:
        flat = {row["uid"]: row for row in csv.DictReader(handle)}
    assert (flat[uid]["agency"], flat[uid]["status"], flat[uid]["edited"]) == ("Sở Xây dựng", "done", "true")
    export_tasks(db, tmp_path / "t.xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == uid)
    assert (row[header.index("Trạng thái")], row[header.index("Đã sửa")]) == ("Đã xong", "có")


def test_one_agencys_tasks_and_its_calendar(db, tmp_path):
    assert export_tasks(db, tmp_path / "t.jsonl", "jsonl", agency="so tu phap") == 2
    uid = db.execute("select uid from tasks where task_id = '2' and document_number = '2029/UBND-KTTH'").fetchone()[0]
    Loader(db).correct(uid, {"due_date": "2024-09-30"}, "Lan")
    assert export_tasks(db, tmp_path / "t.ics", "ics", agency="so tu phap", base_url="http://h:9") == 1
    text = (tmp_path / "t.ics").read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Nhiệm vụ — Sở Tư pháp" in text and "DTSTART;VALUE=DATE:20240930" in text and "http://h:9/-/review/" in text
