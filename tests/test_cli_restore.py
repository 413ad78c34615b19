"""``ccn restore`` on files: plain text, JSON, bad inputs."""

import json

from typer.testing import CliRunner

from ccn_docs.cli.app import app

runner = CliRunner()
FOLDED = "Uy ban nhan dan tinh chi dao cac so, nganh thuc hien Nghi dinh so 32/2024/ND-CP.\nKe hoach nam 2025"


def test_restore_writes_one_line_per_input_line(tmp_path):
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text(FOLDED, encoding="utf-8")
    result = runner.invoke(app, ["restore", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành thực hiện Nghị định số 32/2024/NĐ-CP")
    assert lines[1] == "Kế hoạch năm 2025"


def test_restore_json_has_confidence_and_alternatives(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("ke hoach", encoding="utf-8")
    result = runner.invoke(app, ["restore", str(source), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    tokens = data["lines"][0]
    assert [t["text"] for t in tokens] == ["kế", "hoạch"]
    assert all(0 < t["confidence"] <= 1 for t in tokens)
    assert any(t["alternatives"] for t in tokens)


def test_binary_input_is_one_clear_error(tmp_path):
    source = tmp_path / "scan.bin"
    source.write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(app, ["restore", str(source), "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 3
    assert "scan.bin" in result.output and "binary" in result.output
    assert not (tmp_path / "out.txt").exists()


def test_empty_input_gives_empty_output(tmp_path):
    source, target = tmp_path / "empty.txt", tmp_path / "out.txt"
    source.write_bytes(b"")
    result = runner.invoke(app, ["restore", str(source), "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == ""


def test_missing_input(tmp_path):
    result = runner.invoke(app, ["restore", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3
    assert "nope.txt" in result.output
