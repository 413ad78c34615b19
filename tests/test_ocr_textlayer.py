"""PDF pages with their own text: told apart from scans and read like OCR'd pages."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from ccn_docs import synth

from ccn_docs.inputs import TextLayerMode, page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.pdf import DocumentInfo, write_searchable_pdf
from ccn_docs.ocr.textlayer import INVISIBLE, NO_TEXT, TEXT_LAYER, VISIBLE, PageText, pages_to_read, read_page, text_kinds

from .ocr_fixtures import BODY, FOOTNOTE, born_digital_pdf, jpeg_pdf, text_strip


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("textlayer")
    scan = jpeg_pdf(text_strip("Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả thực hiện nhiệm vụ"), folder / "scan.pdf")
    ocred = folder / "ocred.pdf"
    write_searchable_pdf(scan, [ocr_page(job) for job in page_jobs(scan)], ocred, DocumentInfo("ccn_docs test"))
    return {"born": born_digital_pdf(folder / "born.pdf"), "scan": scan, "ocred": ocred}


def test_kinds_of_text(files):
    assert text_kinds(files["born"]) == [PageText(VISIBLE, has_images=False)]
    assert text_kinds(files["scan"]) == [PageText(NO_TEXT, has_images=True)]
    assert text_kinds(files["ocred"]) == [PageText(INVISIBLE, has_images=True)]


@pytest.mark.parametrize(
    ("mode", "read"),
    [(TextLayerMode.AUTO, [1]), (TextLayerMode.USE, [1, 2]), (TextLayerMode.IGNORE, [])],
)
def test_pages_to_read_per_mode(mode, read):
    kinds = [PageText(VISIBLE, False), PageText(INVISIBLE, True), PageText(NO_TEXT, True)]
    assert pages_to_read(kinds, mode) == read


def test_a_born_digital_page_reads_like_an_ocr_page(files):
    page = read_page(files["born"], 1, dpi=300)
    assert page.text_source == TEXT_LAYER and page.dpi == 300 and page.width == 2480
    kinds = [(line.kind, line.column, line.text) for line in page.lines]
    assert kinds[:5] == [
        ("header", 0, "ỦY BAN NHÂN DÂN"), ("header", 0, "TỈNH BẮC GIANG"), ("header", 0, "Số: 2029/UBND-KTTH"),
        ("header", 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("header", 1, "Độc lập - Tự do - Hạnh phúc"),
    ]
    assert kinds[-1] == ("footnote", 0, FOOTNOTE)
    assert " ".join(text for kind, _, text in kinds if kind == "body").split() == " ".join(BODY).split()


def test_a_page_number_alone_is_the_pages_text_only_without_a_scan(tmp_path):
    short = tmp_path / "short.pdf"
    pdf = FPDF()
    pdf.add_font("serif", fname=str(synth.FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("serif", size=10)
    pdf.text(20, 20, "Trang 1")
    pdf.output(str(short))
    assert read_page(short, 1, dpi=300, has_images=True) is None
    assert read_page(short, 1, dpi=300, has_images=False).text == "Trang 1"
