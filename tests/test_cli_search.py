"""``ccn search``: filters, output formats, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from ccn_docs.cli import app
from ccn_docs.store import Loader, connect

from .directives import industry_directive, land_directive, record


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-search")
    Loader(connect(folder / "ccn.db")).load([record(industry_directive(), folder), record(land_directive(), folder)])
    return folder / "ccn.db"


def search(db_path, *args):
    return CliRunner().invoke(app, ["search", *args, "--db", str(db_path)])


def test_agency_json_rows_carry_task_and_document_fields(db_path):
    result = search(db_path, "--agency", "so tai chinh", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {row["id"] for row in rows} == {"1", "3"}
    assert all(row["document_number"] == "2029/UBND-KTTH" and row["document_date"] == "2024-04-22" for row in rows)
    assert all(row["document_issuer"] == "Ủy ban nhân dân tỉnh Bắc Giang" for row in rows)
    assert {"agency", "task", "co_agencies", "legal_refs", "deadline", "recurrence", "source"} <= set(rows[0])


def test_ref_csv_and_table(db_path):
    result = search(db_path, "--ref", "32/2024", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(row["document_number"] for row in rows) == ["05/CT-UBND", "2029/UBND-KTTH"]
    table = search(db_path, "dau tu", "--since", "2024-01-01", "--until", "2024-12-31")
    assert table.exit_code == 0 and "2029/UBND-KTTH" in table.output and "05/CT-UBND" not in table.output
    assert "2 tasks" in table.output


def test_hostile_text_and_bad_dates(db_path):
    result = search(db_path, 'NEAR("dau', "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []
    bad = search(db_path, "--since", "22/4/2024")
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = search(tmp_path / "none.db", "--agency", "x")
    assert result.exit_code == 7
    assert "no such database" in result.output
