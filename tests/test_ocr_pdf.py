"""The searchable PDF/A: the scan untouched, an invisible layer of the words on their ink."""

from __future__ import annotations

import re
import subprocess

import numpy as np
import pikepdf
import pytest
from pikepdf import pdfa

from ccn_docs.errors import InputError
from ccn_docs.inputs import page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.pdf import DocumentInfo, write_searchable_pdf

from .ocr_fixtures import directive_page, jpeg_pdf, save_png

DPI = 150


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    """A skewed, degraded directive page as a scanner's JPEG-in-PDF, and its OCR."""
    folder = tmp_path_factory.mktemp("pdf")
    image = directive_page(DPI)
    source = jpeg_pdf(image, folder / "scan.pdf", DPI)
    pages = [ocr_page(job) for job in page_jobs(source, dpi=DPI)]
    output = folder / "searchable.pdf"
    write_searchable_pdf(source, pages, output, DocumentInfo("ccn_docs test", title="Công văn số 2029/UBND-KTTH", subject="Về việc báo cáo"))
    return source, pages, output, image


def pdftotext(*arguments) -> str:
    return subprocess.run(["pdftotext", *map(str, arguments), "-"], capture_output=True, text=True, check=True).stdout


def test_text_layer_reads_as_ccn_in_content_order(scan):
    _, pages, output, _ = scan
    assert pdftotext("-raw", output).split() == pages[0].text.split()


def test_word_boxes_fall_on_the_ink(scan):
    _, pages, output, image = scan
    ink = np.asarray(image.convert("L")) < 128
    listing = pdftotext("-bbox", output)
    width = float(re.search(r'<page width="([\d.]+)"', listing).group(1))
    scale = image.width / width
    boxes = [[float(v) * scale for v in m] for m in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', listing)]
    assert len(boxes) >= sum(len(line.words) for line in pages[0].lines)  # Poppler may cut a word at a slash
    inked = [ink[round(y0):round(y1) + 1, round(x0):round(x1) + 1].mean() for x0, y0, x1, y1 in boxes]
    assert min(inked) > 0.02  # every word box covers print, none lies on blank paper
    assert np.median(inked) > 4 * ink.mean()  # and they sit on the words, not beside them


def test_pdfa_identification_and_metadata(scan):
    _, _, output, _ = scan
    with pikepdf.open(output) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["pdf:Producer"] == "ccn_docs test"
        assert meta["dc:title"] == "Công văn số 2029/UBND-KTTH"
        assert meta["dc:description"] == "Về việc báo cáo"
        assert "vi" in meta["dc:language"]
        assert str(pdf.Root.Lang) == "vi"
        assert pdf.docinfo["/Title"] == "Công văn số 2029/UBND-KTTH"


def test_output_passes_pikepdfs_pdfa_validator(scan):
    assert pdfa.validate_written(scan[2], "2b").passed


def test_image_streams_are_the_inputs_byte_for_byte(scan):
    source, _, output, _ = scan

    def images(path):
        with pikepdf.open(path) as pdf:
            return [image.read_raw_bytes() for page in pdf.pages for image in page.get_images().values()]

    assert images(output) == images(source) and images(source)


def test_size_stays_near_the_inputs(scan):
    source, _, output, _ = scan
    assert output.stat().st_size <= 1.1 * source.stat().st_size


def test_an_earlier_ocr_layer_is_replaced_not_doubled(scan, tmp_path):
    _, pages, output, _ = scan
    again = tmp_path / "again.pdf"
    write_searchable_pdf(output, pages, again, DocumentInfo("ccn_docs test"))
    assert pdftotext("-raw", again).split() == pages[0].text.split()


def test_image_input_is_wrapped_without_loss(tmp_path):
    image = directive_page(DPI)
    source = save_png(image, tmp_path / "page.png", DPI)
    pages = [ocr_page(job) for job in page_jobs(source)]
    output = tmp_path / "page.pdf"
    write_searchable_pdf(source, pages, output, DocumentInfo("ccn_docs test"))
    with pikepdf.open(output) as pdf:
        (embedded,) = pdf.pages[0].get_images().values()
        assert np.array_equal(np.asarray(pikepdf.PdfImage(embedded).as_pil_image().convert("L")), np.asarray(image.convert("L")))
    assert pdftotext("-raw", output).split() == pages[0].text.split()


def test_a_failed_run_leaves_the_existing_file(scan, tmp_path):
    source, pages, _, _ = scan
    existing = tmp_path / "kept.pdf"
    existing.write_bytes(b"earlier result")
    wrong = pages[0].__class__.from_dict({**pages[0].to_dict(), "number": 5})
    with pytest.raises(InputError, match="page 5"):
        write_searchable_pdf(source, [wrong], existing, DocumentInfo("ccn_docs test"))
    assert existing.read_bytes() == b"earlier result"


def test_a_page_turned_by_rotate_gets_its_words_on_its_ink(tmp_path):
    upright = directive_page(DPI)
    source = jpeg_pdf(upright.rotate(90, expand=True), tmp_path / "turned.pdf", DPI)  # stored turned a quarter anticlockwise
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Rotate = 90  # shown upright: turned a quarter clockwise
        pdf.save()
    pages = [ocr_page(job) for job in page_jobs(source, dpi=DPI)]
    output = tmp_path / "searchable.pdf"
    write_searchable_pdf(source, pages, output, DocumentInfo("ccn_docs test"))
    ink = np.asarray(upright.convert("L")) < 128
    listing = pdftotext("-bbox", output)
    # Poppler gives the boxes as the page is shown, and the page's size as its media box lies.
    scale = upright.width / float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', listing).group(1))
    boxes = [[float(v) * scale for v in m] for m in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', listing)]
    assert len(boxes) > 50
    assert np.median([ink[round(y0):round(y1) + 1, round(x0):round(x1) + 1].mean() for x0, y0, x1, y1 in boxes]) > 4 * ink.mean()


def test_a_transparent_image_is_wrapped_as_the_page_ccn_read(tmp_path):
    image = directive_page(DPI).convert("LA")
    source = tmp_path / "page.png"
    image.save(source, dpi=(DPI, DPI))
    pages = [ocr_page(job) for job in page_jobs(source)]
    output = tmp_path / "page.pdf"
    write_searchable_pdf(source, pages, output, DocumentInfo("ccn_docs test"))
    assert pdftotext("-raw", output).split() == pages[0].text.split()
