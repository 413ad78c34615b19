import json

from typer.testing import CliRunner

from ccn_docs.cli.app import app

from .extract_fixtures import CONG_VAN

runner = CliRunner()


def test_extract_json_to_file(tmp_path):
    source = tmp_path / "cv.txt"
    source.write_text(CONG_VAN, encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(source), "--no-restore", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["document"]["number"] == "1234/UBND-KT" and len(data["tasks"]) == 6


def test_extract_table_and_batch_with_a_bad_input(tmp_path):
    good = tmp_path / "cv.txt"
    good.write_text(CONG_VAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    result = runner.invoke(app, ["extract", str(good), str(bad), "--no-restore", "--format", "table"])
    assert result.exit_code == 8
    assert "| 1 | Sở Công Thương |" in result.stdout
    assert "bad.txt" in result.stderr


def test_extract_warns_about_documents_without_tasks(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(empty), "--no-restore"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["tasks"] == []
    assert "warning:" in result.stderr


def test_extract_rejects_an_unknown_format(tmp_path):
    source = tmp_path / "cv.txt"
    source.write_text(CONG_VAN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "--format", "xml"])
    assert result.exit_code == 2


def test_extract_restores_first_unless_told_not_to(tmp_path, monkeypatch):
    import ccn_docs.restore
    from ccn_docs.cli.extract import extract_inputs

    path = tmp_path / "ocr.txt"
    path.write_text("1. So Cong Thuong\n- Ra soat quy hoach.\n", encoding="utf-8")
    calls = []
    monkeypatch.setattr(ccn_docs.restore, "restore_text", lambda text: calls.append(text) or text)
    directives, _ = extract_inputs([path])
    assert directives[0].tasks[0].agency == "Sở Công Thương"
    assert len(calls) == 1
    extract_inputs([path], restore=False)
    assert len(calls) == 1
