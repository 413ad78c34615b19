"""``ccn task``: corrections and status from the command line, kept across re-runs."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ccn_docs.cli import app
from ccn_docs.store import Loader, connect

from .directives import directive_text, industry_directive, record


def ccn(*args):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def test_set_show_and_list_corrections(tmp_path):
    db = tmp_path / "ccn.db"
    Loader(connect(db)).load([record(industry_directive(), tmp_path)])
    uid = connect(db).execute("select uid from tasks where task_id = '2'").fetchone()[0]
    result = ccn("task", "set", uid, "agency=Sở Xây dựng", "co_agencies=Sở Tài chính; Sở Y tế", "status=done", "--by", "Lan", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "agency: Sở Tư pháp → Sở Xây dựng", "co_agencies: (trống) → Sở Tài chính; Sở Y tế", "status: open → done"]
    assert ccn("task", "set", uid, "status=done", "--db", db).output == "nothing changed\n"
    shown = json.loads(ccn("task", "show", uid, "--db", db).output)
    assert (shown["agency"], shown["status"], shown["edited"]) == ("Sở Xây dựng", "done", True)
    assert shown["extracted"] == {"agency": "Sở Tư pháp", "co_agencies": []}
    assert [(c["field"], c["by"]) for c in shown["corrections"]] == [("agency", "Lan"), ("co_agencies", "Lan"), ("status", "Lan")]
    listed = ccn("task", "corrections", "--db", db).output.splitlines()
    assert len(listed) == 3 and f"Lan  {uid}  agency: Sở Tư pháp → Sở Xây dựng" in listed[0]
    assert ccn("task", "corrections", "--orphaned", "--db", db).output == ""


def test_bad_corrections_are_one_line_errors(tmp_path):
    db = tmp_path / "ccn.db"
    Loader(connect(db)).load([record(industry_directive(), tmp_path)])
    uid = connect(db).execute("select uid from tasks where task_id = '1'").fetchone()[0]
    for args, code, message in [
        ((uid, "status=finished"), 10, "status: 'finished' is not one of open, done, not-applicable"),
        ((uid, "owner=Lan"), 10, "cannot correct 'owner'"),
        ((uid, "agency"), 10, "field=value"),
        (("000000000000-1", "status=done"), 11, "no task 000000000000-1"),
    ]:
        result = ccn("task", "set", *args, "--db", db)
        assert (result.exit_code, result.output.startswith("error: ")) == (code, True), result.output
        assert message in result.output
    assert ccn("task", "show", "nope", "--db", db).exit_code == 11


def test_a_correction_survives_a_forced_run(tmp_path):
    source = tmp_path / "in" / "cong-van.txt"
    source.parent.mkdir()
    source.write_text(directive_text(), encoding="utf-8")
    db = tmp_path / "ccn.db"
    assert ccn("run", source, "--db", db, "--jobs", 1).exit_code == 0
    found = json.loads(ccn("search", "--agency", "so tu phap", "--format", "json", "--db", db).output)
    uid = next(task["uid"] for task in found if task["agency"] == "Sở Tư pháp")
    assert ccn("task", "set", uid, "agency=Sở Xây dựng", "due_date=2025-06-30", "--db", db).exit_code == 0
    again = ccn("run", source, "--db", db, "--jobs", 1, "--force")
    assert again.exit_code == 0 and "documents: 1 processed, 0 unchanged" in again.output
    found = json.loads(ccn("search", "--agency", "so xay dung", "--format", "json", "--db", db).output)
    assert [(task["uid"], task["due_date"], task["edited"]) for task in found] == [(uid, "2025-06-30", True)]
    assert ccn("export", "-o", tmp_path / "t.csv", "--db", db).exit_code == 0
    assert f"{uid},118/UBND-KT" in (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "Sở Xây dựng" in (tmp_path / "t.csv").read_text(encoding="utf-8")
