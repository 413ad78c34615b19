"""The Poppler wrapper: page counts, rasterising, and PDFs it cannot read."""

import pytest

from ccn_docs._exec import poppler
from ccn_docs.errors import InputError
from tests.ocr_fixtures import corrupt_pdf, encrypted_pdf, pdf_of, text_strip, zero_page_pdf


def test_info_and_rasterise(tmp_path):
    path = pdf_of([text_strip(), text_strip("Trang hai")], tmp_path / "two.pdf", dpi=150)
    details = poppler.info(path)
    assert details.pages == 2
    image = poppler.rasterise(path, page=2, dpi=300)
    assert image.mode == "L"
    assert image.width == pytest.approx(text_strip("Trang hai").width * 2, abs=4)  # 150 dpi page drawn at 300


@pytest.mark.parametrize(
    "make, message",
    [
        (encrypted_pdf, "PDF is encrypted"),
        (zero_page_pdf, "input has no pages"),
        (corrupt_pdf, "cannot read input"),
    ],
    ids=["encrypted", "zero pages", "corrupt"],
)
def test_bad_pdfs_name_the_file(tmp_path, make, message):
    path = make(tmp_path / "bad.pdf")
    with pytest.raises(InputError, match=message) as caught:
        poppler.info(path)
    assert str(caught.value).startswith(str(path))


def test_image_resolutions_are_the_scans_own(tmp_path):
    path = pdf_of([text_strip(), text_strip("Trang hai")], tmp_path / "two.pdf", dpi=150)
    assert poppler.image_resolutions(path) == {1: 150, 2: 150}
    assert poppler.image_resolutions(tmp_path / "missing.pdf") == {}


def test_colour_rasterising(tmp_path):
    path = pdf_of([text_strip().convert("RGB")], tmp_path / "colour.pdf", dpi=150)
    assert poppler.rasterise(path, page=1, dpi=150, colour=True).mode == "RGB"
