"""Photos: the sheet found on the table and straightened; bent lines made straight."""

import numpy as np
import pytest

from ccn_docs import synth
from ccn_docs.ocr import page_outline, preprocess
from tests.ocr_fixtures import BODY, HEADER


@pytest.fixture(scope="module")
def page() -> synth.Image.Image:
    return synth.render(synth.paginate(BODY * 3, 150, first_page_header=HEADER)[0], 150)


def test_the_sheet_is_found_and_made_upright(page):
    photo, _ = synth.damage_page(page, synth.Damage(perspective=0.05, rotation_degrees=2, capture_dpi=100), 150, 4)
    sheet, dpi = page_outline.rectify(np.asarray(photo), 100)
    assert 90 <= dpi <= 110  # an A4 sheet's width tells the resolution
    assert sheet.shape[0] / sheet.shape[1] == pytest.approx(synth.A4_INCHES[1] / synth.A4_INCHES[0], rel=0.05)
    corners = [sheet[:5, :5], sheet[:5, -5:], sheet[-5:, :5], sheet[-5:, -5:]]
    assert all(np.mean(corner) > 200 for corner in corners)  # paper, not table, in every corner


def test_a_scan_is_left_as_it_is(page):
    scan = np.asarray(page)
    same, dpi = page_outline.rectify(scan, 150)
    assert same is scan and dpi == 150


def test_curled_lines_are_straightened(page):
    curled, _ = synth.damage_page(page, synth.Damage(curl=0.012), 150, 1)
    gray = np.asarray(curled.convert("L"))
    offsets = page_outline.line_offsets(preprocess.ink_mask(gray))
    assert offsets is not None and offsets.max() - offsets.min() > 10
    straight = page_outline.straighten_lines(gray, preprocess.ink_mask(gray))
    left = page_outline.line_offsets(preprocess.ink_mask(straight))
    assert left is None or left.max() - left.min() < 4
    flat = np.asarray(page)
    assert page_outline.line_offsets(preprocess.ink_mask(flat)) is None
    assert page_outline.straighten_lines(flat, preprocess.ink_mask(flat)) is flat


def test_a_bend_is_kept_only_when_it_lines_the_text_up(page):
    flat = preprocess.ink_mask(np.asarray(page))
    width = flat.shape[1]
    bow = 12 * np.sin(np.pi * np.arange(width) / width)
    assert not page_outline._straightens(flat, bow)  # straight lines: bending them makes them worse
    curled, _ = synth.damage_page(page, synth.Damage(curl=0.012), 150, 1)
    ink = preprocess.ink_mask(np.asarray(curled.convert("L")))
    assert page_outline._straightens(ink, page_outline.line_offsets(ink))
