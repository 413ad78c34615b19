"""``ccn export``: every format from the command line."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from typer.testing import CliRunner

from ccn_docs.cli import app
from ccn_docs.store import Loader, connect

from .directives import industry_directive, record


def test_export_formats(tmp_path):
    Loader(connect(tmp_path / "ccn.db")).load([record(industry_directive(), tmp_path)])
    runner = CliRunner()
    for fmt in ("csv", "xlsx", "json", "jsonl"):
        result = runner.invoke(app, ["export", "--format", fmt, "-o", str(tmp_path / f"t.{fmt}"), "--db", str(tmp_path / "ccn.db")])
        assert result.exit_code == 0, result.output
        assert "3 tasks written" in result.output
    assert len(json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))) == 3
    assert load_workbook(tmp_path / "t.xlsx").active.freeze_panes == "A2"


def test_export_of_missing_database_fails_clearly(tmp_path):
    result = CliRunner().invoke(app, ["export", "-o", str(tmp_path / "t.csv"), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 7 and "no such database" in result.output
    assert not (tmp_path / "t.csv").exists()


def test_export_a_calendar_of_one_agency(tmp_path):
    industry = industry_directive()
    industry.tasks[0].due_date = "2024-06-30"
    Loader(connect(tmp_path / "ccn.db")).load([record(industry, tmp_path)])
    result = CliRunner().invoke(app, ["export", "--format", "ics", "--agency", "STC", "-o", str(tmp_path / "t.ics"),
                                      "--base-url", "http://tasks.example", "--db", str(tmp_path / "ccn.db")])
    assert result.exit_code == 0, result.output
    assert "1 events written" in result.output
    assert "URL:http://tasks.example/-/review/" in (tmp_path / "t.ics").read_text(encoding="utf-8")
