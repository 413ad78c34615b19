"""Archive outputs composed above the stages: titles, names, notes, kept readings."""

from __future__ import annotations

from pathlib import Path

from ccn_docs.inputs import TextLayerMode, page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.pdf import DocumentInfo, write_searchable_pdf
from ccn_docs.run.archive import document_title, output_stems, read_own_text, restore_keeping_reading
from ccn_docs.types import Directive, Line, Page, Word

from .ocr_fixtures import jpeg_pdf, text_strip


def test_title_from_extractions_fields():
    directive = Directive("cv.pdf", type="Công văn", number="2029/UBND-KTTH", date="2024-04-22", issuer="Ủy ban nhân dân tỉnh Bắc Giang")
    assert document_title(directive) == "Công văn số 2029/UBND-KTTH ngày 22/04/2024 của Ủy ban nhân dân tỉnh Bắc Giang"
    assert document_title(Directive("x.pdf", number="12/KH-UBND")) == "Văn bản số 12/KH-UBND"
    assert document_title(Directive("x.pdf")) is None


def test_repeated_stems_are_numbered_in_input_order():
    stems = output_stems([Path("a/cv.pdf"), Path("b/cv.png"), Path("c/kh.pdf"), Path("d/cv.pdf")])
    assert list(stems.values()) == ["cv", "cv-2", "kh", "cv-3"]


def test_restoration_keeps_the_ocr_reading_of_changed_words():
    words = [Word(text, (10 * i, 0, 10 * i + 8, 10), 60.0) for i, text in enumerate("Uy ban nhan dan tinh".split())]
    page = Page("p.png", 1, 300, 100, 150, [Line(words, (0, 0, 50, 10))])
    restored = restore_keeping_reading(page)
    assert restored.text == "Ủy ban nhân dân tỉnh"
    assert [word.ocr_text for word in restored.lines[0].words] == ["Uy", None, "nhan", "dan", "tinh"]


def test_an_earlier_ocr_layer_is_redone_and_said_so(tmp_path):
    scan = jpeg_pdf(text_strip("Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả thực hiện"), tmp_path / "scan.pdf")
    ocred = tmp_path / "ocred.pdf"
    write_searchable_pdf(scan, [ocr_page(job) for job in page_jobs(scan)], ocred, DocumentInfo("ccn_docs test"))
    auto = read_own_text(ocred, page_jobs(ocred), TextLayerMode.AUTO)
    assert auto.pages == [] and auto.notes == [
        f"{ocred}: page 1 carries an earlier OCR layer: OCR'd again, and a PDF written replaces that layer (--text-layer use reads it instead)"
    ]
    used = read_own_text(ocred, page_jobs(ocred), TextLayerMode.USE)
    assert [page.text_source for page in used.pages] == ["text-layer"]
    assert used.pages[0].text.split() == "Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả thực hiện".split()
