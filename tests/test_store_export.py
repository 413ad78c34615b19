"""Export: csv/xlsx/json/jsonl with stable ids; xlsx headers, frozen row, filters."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

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
    assert sheet.auto_filter.ref == f"A1:M{5 + 1}"
    assert sheet.max_row == 6


def test_failed_export_keeps_the_previous_file(db, tmp_path, monkeypatch):
    target = tmp_path / "t.jsonl"
    target.write_text("previous export\n", encoding="utf-8")

    def failing(database):
        yield from list(all_tasks(database))[:2]
        raise OSError("disk full")

    monkeypatch.setattr(export, "all_tasks", failing)
    with pytest.raises(OSError):
        export_tasks(db, target, "jsonl")
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert not list(tmp_path.glob(".*.tmp"))
