"""The tesseract wrapper really runs Tesseract."""

import logging

import pytest

from ccn_docs._exec import tesseract
from ccn_docs.errors import OcrError, OcrLanguageMissing
from ccn_docs.ocr import hocr
from tests.ocr_fixtures import directive_page, text_strip


def test_vietnamese_is_installed():
    assert "vie" in tesseract.languages()
    tesseract.require_language(lang="vie+eng")


def test_missing_language_is_reported_before_running():
    with pytest.raises(OcrLanguageMissing, match="'zzz' is not installed.*tesseract-ocr-zzz"):
        tesseract.image_to_string(text_strip(), lang="zzz")


def test_plain_text():
    assert "Bắc Giang" in tesseract.image_to_string(text_strip(), lang="vie", dpi=150)


def test_hocr_carries_per_character_alternatives():
    output = tesseract.image_to_hocr(text_strip("Nghị định"), lang="vie", dpi=150)
    assert "lstm_choices" in output and "x_confs" in output and "x_bboxes" in output
    _, lines = hocr.parse(output)
    choices = [choice for line in lines for word in line.words for choice in word.choices]
    assert any(len(alternatives) > 1 for alternatives in choices)


def test_timeout_names_the_page():
    with pytest.raises(OcrError, match=r"scan\.pdf: page 3: Tesseract timed out after 0\.05 s"):
        tesseract.image_to_hocr(directive_page(), lang="vie", dpi=150, timeout=0.05, path="scan.pdf", page=3)


def test_stderr_lines_get_log_levels(caplog):
    with caplog.at_level(logging.DEBUG, logger=tesseract.log.name):
        tesseract.log_stderr(
            "Estimating resolution as 437\nEmpty page!!\nWarning: strange thing\nError: cannot read\n",
            context="a.png page 1",
        )
    levels = {record.getMessage(): record.levelno for record in caplog.records}
    assert levels == {
        "a.png page 1: Estimating resolution as 437": logging.DEBUG,
        "a.png page 1: Empty page!!": logging.INFO,
        "a.png page 1: Warning: strange thing": logging.WARNING,
        "a.png page 1: Error: cannot read": logging.ERROR,
    }
