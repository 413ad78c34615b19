"""Preprocessing steps on synthetic pages (no Tesseract)."""

import numpy as np
import pytest

from ccn_docs import synth
from ccn_docs.ocr import preprocess
from tests.ocr_fixtures import BODY, HEADER


@pytest.fixture(scope="module")
def clean_page() -> np.ndarray:
    spec = synth.paginate(BODY * 3, 150, first_page_header=HEADER)[0]
    return np.asarray(synth.render(spec, 150))


@pytest.mark.parametrize("degrees", [-2.6, -1.3, 0.4, 1.85, 2.9])
def test_skew_is_found_to_a_tenth_of_a_degree(clean_page, degrees):
    damaged = np.asarray(synth.degrade(synth.Image.fromarray(clean_page), synth.Degradation.archive(3).__class__(
        rotation_degrees=degrees, blur_radius=0.5, noise_sigma=8, speckle_density=0.001, fade=0.2, jpeg_quality=45), 3))
    assert preprocess.estimate_skew(damaged) == pytest.approx(degrees, abs=0.1)
    straight, removed = preprocess.deskew(damaged)
    assert abs(preprocess.estimate_skew(straight)) <= 0.1 and removed == pytest.approx(degrees, abs=0.1)


def test_blank_page_has_no_skew():
    assert preprocess.estimate_skew(np.full((300, 200), 255, np.uint8)) == 0.0


def test_despeckle_removes_specks_but_keeps_dots():
    page = np.full((200, 200), 255, np.uint8)
    page[50, 50] = page[120, 30] = 20  # single-pixel specks
    page[100:104, 100:104] = 0  # a 4×4 dot, like the dot of "ạ" at 150 dpi
    cleaned = preprocess.despeckle(page, 150)
    assert cleaned[50, 50] == 255 and cleaned[120, 30] == 255
    assert (cleaned[100:104, 100:104] == 0).all()


def test_contrast_stretches_faded_ink():
    page = np.full((100, 100), 230, np.uint8)
    page[40:60, 10:90] = 120
    stretched = preprocess.normalise_contrast(page)
    assert stretched.min() == 0 and stretched.max() == 255


def test_binarise_gives_two_levels(clean_page):
    assert set(np.unique(preprocess.binarise(clean_page))) == {0, 255}


NOTHING = preprocess.Preprocessing(**{name: False for name in preprocess.Preprocessing.__dataclass_fields__})


def test_apply_runs_the_enabled_steps(clean_page):
    rotated = preprocess.rotate(clean_page, 2.0)
    image, dpi, skew = preprocess.apply(rotated, 150, preprocess.Preprocessing())
    assert dpi == 150 and image.shape == clean_page.shape  # text already a good size
    assert skew == pytest.approx(2.0, abs=0.1)
    untouched = preprocess.apply(rotated, 150, NOTHING)
    assert untouched[0] is rotated and untouched[2] == 0.0
