"""``ccn ocr`` on real inputs through typer's CliRunner."""

import json
import subprocess

import pikepdf
from typer.testing import CliRunner

from ccn_docs.cli.app import app
from ccn_docs.errors import BatchFailed, InputError, OcrLanguageMissing
from ccn_docs._exec import tesseract
from ccn_docs.scoring import syllable_accuracy
from tests.ocr_fixtures import FOOTNOTE, born_digital_pdf, directive_page, encrypted_pdf, jpeg_pdf, phone_photo, save_png, text_strip

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


def pdftotext_raw(path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_searchable_pdf_carries_the_restored_text_and_extractions_title(tmp_path):
    scan = jpeg_pdf(directive_page(150), tmp_path / "scan.pdf")
    out_pdf, out_txt = tmp_path / "out" / "scan.pdf", tmp_path / "scan.txt"
    result = runner.invoke(app, ["ocr", str(scan), "--dpi", "150", "--pdf", str(out_pdf), "-o", str(out_txt), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert pdftotext_raw(out_pdf).split() == out_txt.read_text(encoding="utf-8").split()
    with pikepdf.open(out_pdf) as pdf:
        assert "2029/UBND-KTTH" in str(pdf.docinfo["/Title"])
        assert pdf.open_metadata()["pdf:Producer"].startswith("ccn_docs ")


def test_pdf_takes_one_input(tmp_path):
    first = save_png(text_strip("Quyết định"), tmp_path / "a.png")
    result = runner.invoke(app, ["ocr", str(first), str(first), "--pdf", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2
    assert "--pdf takes exactly one input" in result.output


def test_pdf_dir_and_alto_per_input_and_a_bad_input_keeps_its_old_pdf(tmp_path):
    good = save_png(text_strip("Ủy ban nhân dân tỉnh Bắc Giang báo cáo"), tmp_path / "good.png")
    locked = encrypted_pdf(tmp_path / "locked.pdf")
    pdfs, alto = tmp_path / "pdf", tmp_path / "alto"
    pdfs.mkdir()
    (pdfs / "locked.pdf").write_bytes(b"earlier result")
    result = runner.invoke(app, ["ocr", str(good), str(locked), "--pdf-dir", str(pdfs), "--alto", str(alto), "--jobs", "1", "-o", str(tmp_path / "t.txt")])
    assert result.exit_code == BatchFailed.exit_code
    assert f"failed: {locked}: PDF is encrypted" in result.stderr
    assert pdftotext_raw(pdfs / "good.pdf").split() == "Ủy ban nhân dân tỉnh Bắc Giang báo cáo".split()
    assert (pdfs / "locked.pdf").read_bytes() == b"earlier result"
    assert sorted(p.name for p in alto.iterdir()) == ["good-0001.alto.xml"]


def test_the_input_is_never_the_output(tmp_path):
    scan = jpeg_pdf(text_strip("Kế hoạch"), tmp_path / "scan.pdf")
    before = scan.read_bytes()
    result = runner.invoke(app, ["ocr", str(scan), "--pdf-dir", str(tmp_path), "--jobs", "1", "-o", str(tmp_path / "t.txt")])
    assert result.exit_code == BatchFailed.exit_code
    assert "is the input itself" in result.stderr
    assert scan.read_bytes() == before


def test_born_digital_pdf_is_read_from_its_own_text_and_says_so(tmp_path):
    born = born_digital_pdf(tmp_path / "born.pdf")
    result = runner.invoke(app, ["ocr", str(born), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"note: {born}: page 1 read from the PDF's own text" in result.stderr
    assert result.stdout.splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]
    assert result.stdout.split()[-len(FOOTNOTE.split()):] == FOOTNOTE.split()
    forced = runner.invoke(app, ["ocr", str(born), "--jobs", "1", "--text-layer", "ignore", "--dpi", "150", "--json"])
    assert forced.exit_code == 0, forced.output
    assert "page 1 has its own text but is OCR'd" in forced.stderr
    assert json.loads(forced.stdout)["documents"][0]["pages"][0]["text_source"] == "ocr"


def test_a_mixed_pdf_is_read_page_by_page(tmp_path):
    born = born_digital_pdf(tmp_path / "born.pdf")
    scan = jpeg_pdf(text_strip("Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả"), tmp_path / "scan.pdf")
    mixed = tmp_path / "mixed.pdf"
    with pikepdf.open(born) as pdf, pikepdf.open(scan) as scanned:
        pdf.pages.append(scanned.pages[0])
        pdf.save(mixed)
    out = tmp_path / "mixed.searchable.pdf"
    result = runner.invoke(app, ["ocr", str(mixed), "--json", "--pdf", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    pages = json.loads(result.stdout)["documents"][0]["pages"]
    assert [page["text_source"] for page in pages] == ["text-layer", "ocr"]
    first, second = pdftotext_raw(out).split("\f")[:2]
    assert first.split()[:4] == ["ỦY", "BAN", "NHÂN", "DÂN"] and first.count("ỦY BAN NHÂN DÂN") == 1  # no second layer
    assert second.split() == "Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả".split()
