"""``ccn serve``: refuses a missing database clearly (serving is tested in
test_store_serve.py and, in a browser, test_serve_browser.py)."""

from __future__ import annotations

from typer.testing import CliRunner

from ccn_docs.cli import app


def test_serve_missing_database(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db"), "--port", "8765"])
    assert result.exit_code == 7
    assert "no such database" in result.output
