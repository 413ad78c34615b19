"""Discovering inputs and turning them into page jobs; every bad input names its file."""

import pickle

import pikepdf
import pytest
from PIL import Image

from ccn_docs.errors import InputError
from ccn_docs.inputs import DEFAULT_DPI, IMAGE, PDF, PageJob, discover, load_image, page_jobs
from tests.ocr_fixtures import (
    corrupt_pdf,
    decompression_bomb,
    encrypted_pdf,
    non_image,
    pdf_of,
    save_png,
    text_strip,
    zero_page_pdf,
)


def test_discover_recurses_folders_and_keeps_named_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    png = save_png(text_strip(), tmp_path / "a" / "b" / "p.png")
    pdf = pdf_of([text_strip()], tmp_path / "a" / "d.pdf")
    (tmp_path / "a" / "notes.txt").write_text("x")
    named = non_image(tmp_path / "named.txt")
    missing = tmp_path / "missing.png"
    assert discover([tmp_path / "a", named, missing]) == [png, pdf, named, missing]


def test_png_keeps_its_dpi(tmp_path):
    jobs = page_jobs(save_png(text_strip(), tmp_path / "p.png", dpi=200))
    assert jobs == [PageJob(str(tmp_path / "p.png"), 1, 200, IMAGE)]


def test_image_without_dpi_is_taken_as_a4(tmp_path):
    path = tmp_path / "page.png"
    Image.new("L", (1240, 1754), 255).save(path)
    assert page_jobs(path)[0].dpi == 150


def test_pdf_pages_and_multipage_tiff(tmp_path):
    pdf = pdf_of([text_strip(), text_strip("Hai"), text_strip("Ba")], tmp_path / "d.pdf")
    assert [(j.page, j.dpi, j.kind) for j in page_jobs(pdf, dpi=200)] == [(1, 200, PDF), (2, 200, PDF), (3, 200, PDF)]
    tiff = tmp_path / "scan.tiff"
    first, second = text_strip("Một"), text_strip("Hai hai hai")
    first.save(tiff, save_all=True, append_images=[second], dpi=(150, 150))
    jobs = page_jobs(tiff)
    assert [j.page for j in jobs] == [1, 2]
    assert load_image(jobs[1]).size == second.size


def test_embedded_jobs_travel_without_the_file(tmp_path):
    path = pdf_of([text_strip()], tmp_path / "d.pdf")
    job = page_jobs(path, dpi=150, embed=True)[0]
    path.unlink()
    copy = pickle.loads(pickle.dumps(job))
    assert copy.image and load_image(copy).size == load_image(job).size


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: corrupt_pdf(p / "corrupt.pdf"), "cannot read input"),
        (lambda p: encrypted_pdf(p / "locked.pdf"), "PDF is encrypted"),
        (lambda p: zero_page_pdf(p / "empty.pdf"), "input has no pages"),
        (lambda p: non_image(p / "letter.png"), "unsupported input type"),
        (lambda p: decompression_bomb(p / "bomb.png"), "3,600,000,000 pixels is too large to be a page"),
        (lambda p: p / "absent.pdf", "no such file"),
    ],
    ids=["corrupt pdf", "encrypted pdf", "zero-page pdf", "non-image", "decompression bomb", "missing"],
)
def test_bad_inputs(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as caught:
        page_jobs(path)
    assert str(caught.value).startswith(str(path))


def test_pdf_page_too_large_at_the_requested_dpi(tmp_path):
    path = tmp_path / "poster.pdf"
    Image.new("L", (2000, 2000), 255).save(path, resolution=10)  # a 200-inch square page
    with pytest.raises(InputError, match="too large to be a page"):
        page_jobs(path, dpi=300)


def test_pdf_pages_are_rasterised_at_the_scans_resolution(tmp_path):
    path = pdf_of([text_strip(), text_strip()], tmp_path / "scan.pdf", dpi=200)
    assert [job.dpi for job in page_jobs(path)] == [200, 200]
    assert [job.dpi for job in page_jobs(path, dpi=300)] == [300, 300]
    born_digital = tmp_path / "typed.pdf"
    typed = pikepdf.new()
    typed.add_blank_page()
    typed.save(born_digital)
    assert [job.dpi for job in page_jobs(born_digital)] == [DEFAULT_DPI]
