"""``ccn run``: summary, exit status with failed inputs, JSON files."""

from __future__ import annotations

from typer.testing import CliRunner

from ccn_docs.cli import app
from ccn_docs.errors import BatchFailed

from .directives import directive_text


def test_run_prints_a_summary_and_fails_the_batch_on_bad_input(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cong-van.txt").write_text(directive_text(), encoding="utf-8")
    (tmp_path / "in" / "scan.pdf").write_bytes(b"not a pdf at all")
    db = tmp_path / "out" / "ccn.db"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == BatchFailed.exit_code, result.output
    assert "documents: 1 processed, 0 unchanged, 1 failed" in result.output
    assert "tasks:" in result.output and "slowest document:" in result.output
    assert f"database: {db}" in result.output and f"JSON: {db.parent}/ (one file per document)" in result.output
    assert "scan.pdf" in result.output
    assert (tmp_path / "out" / "cong-van.json").exists()
    again = CliRunner().invoke(app, ["run", str(tmp_path / "in" / "cong-van.txt"), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 0 and "0 processed, 1 unchanged" in again.output
