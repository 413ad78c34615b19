"""``ccn run``: summary, exit status with failed inputs, JSON files, archive outputs."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ccn_docs.cli import app
from ccn_docs.errors import BatchFailed
from ccn_docs.store import connect

from .directives import directive_text
from .ocr_fixtures import born_digital_pdf, jpeg_pdf, text_strip


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


def test_run_reads_born_digital_pages_and_leaves_pdfs_and_alto(tmp_path):
    born = born_digital_pdf(tmp_path / "born.pdf")
    scan = jpeg_pdf(text_strip("Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả"), tmp_path / "scan.pdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(born), str(scan), "--db", str(out / "ccn.db"), "--pdf-dir", str(out / "pdf"), "--alto-dir", str(out / "alto"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert f"note: {born}: page 1 read from the PDF's own text" in result.stderr
    assert f"PDF/A: {out / 'pdf'}/" in result.stdout
    assert json.loads((out / "born.json").read_text(encoding="utf-8"))["input"]["page_sources"] == ["text-layer"]
    scanned = json.loads((out / "scan.json").read_text(encoding="utf-8"))
    assert scanned["input"]["page_sources"] == ["ocr"]
    assert scanned["outputs"] == [str((out / "pdf" / "scan.pdf").resolve()), str((out / "alto" / "scan-0001.alto.xml").resolve())]
    rows = connect(out / "ccn.db").execute("select p.text_source from pages p join documents d on d.id = p.document_id order by d.source_file").fetchall()
    assert rows == [("text-layer",), ("ocr",)]
    assert sorted(p.name for p in (out / "pdf").iterdir()) == ["born.pdf", "scan.pdf"]
    assert sorted(p.name for p in (out / "alto").iterdir()) == ["born-0001.alto.xml", "scan-0001.alto.xml"]
