"""``ccn ocr`` on real inputs through typer's CliRunner."""

import json

from typer.testing import CliRunner

from ccn_docs.cli.app import app
from ccn_docs.errors import BatchFailed, InputError, OcrLanguageMissing
from ccn_docs._exec import tesseract
from ccn_docs.scoring import syllable_accuracy
from tests.ocr_fixtures import encrypted_pdf, phone_photo, save_png, text_strip

runner = CliRunner()


def test_text_output_to_a_file(tmp_path):
    image = save_png(text_strip("Chỉ thị của Ủy ban nhân dân"), tmp_path / "scan.png")
    result = runner.invoke(app, ["ocr", str(image), "--raw", "-o", str(tmp_path / "out.txt"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "Chỉ thị của Ủy ban nhân dân\n"


def test_json_to_stdout(tmp_path):
    image = save_png(text_strip("Kế hoạch"), tmp_path / "scan.png")
    result = runner.invoke(app, ["ocr", str(image), "--raw", "--json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)["documents"][0]["pages"][0]
    assert page["lines"][0]["kind"] == "body" and page["lines"][0]["words"][0]["choices"]


def test_failed_input_is_summarised_and_the_rest_written(tmp_path):
    good = save_png(text_strip("Quyết định"), tmp_path / "good.png")
    locked = encrypted_pdf(tmp_path / "locked.pdf")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["ocr", str(locked), str(good), "--raw", "-o", str(out), "--jobs", "1"])
    assert result.exit_code == BatchFailed.exit_code
    assert f"failed: {locked}: PDF is encrypted" in result.stderr
    assert "1 of 2 inputs failed" in result.stderr
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "Quyết định\n"


def test_nothing_readable_keeps_the_old_output(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("earlier result", encoding="utf-8")
    result = runner.invoke(app, ["ocr", str(tmp_path / "missing.pdf"), "--raw", "-o", str(out)])
    assert result.exit_code == BatchFailed.exit_code
    assert "missing.pdf: no such file" in result.stderr
    assert out.read_text(encoding="utf-8") == "earlier result"


def test_missing_language_exits_with_its_code(tmp_path, monkeypatch):
    image = save_png(text_strip(), tmp_path / "scan.png")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a tessdata folder without vie
    tesseract.languages.cache_clear()
    try:
        result = runner.invoke(app, ["ocr", str(image), "--raw"])
    finally:
        tesseract.languages.cache_clear()
    assert result.exit_code == OcrLanguageMissing.exit_code
    assert result.stderr.strip() == "error: Tesseract language data 'vie' is not installed (apt-get install tesseract-ocr-vie)"


def test_folder_without_scans_is_an_input_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not a scan", encoding="utf-8")
    result = runner.invoke(app, ["ocr", str(tmp_path)])
    assert result.exit_code == InputError.exit_code
    assert result.stderr.strip() == f"error: {tmp_path}: input has no pages"


def test_a_phone_photo_needs_no_flags(tmp_path):
    photo, reference = phone_photo(tmp_path / "photo.jpg")
    result = runner.invoke(app, ["ocr", str(photo)])
    assert result.exit_code == 0, result.output
    assert syllable_accuracy(result.stdout, reference) > 0.95
