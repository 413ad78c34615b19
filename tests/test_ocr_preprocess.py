"""Preprocessing steps on synthetic pages (no Tesseract)."""

import cv2
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


def test_a_phone_photo_taken_from_afar_keeps_its_two_pixel_dots():
    page = np.full((200, 200), 255, np.uint8)
    page[100, 100:102] = 40  # the dot of "ạ" on a phone photo taken from afar (70 dpi)
    assert (preprocess.despeckle(page, 70, photographed=True)[100, 100:102] == 40).all()
    assert (preprocess.despeckle(page, 70)[100, 100:102] == 255).all()  # dust on a 70 dpi scan
    assert (preprocess.despeckle(page, 150, photographed=True)[100, 100:102] == 255).all()


def test_contrast_stretches_faded_ink():
    page = np.full((100, 100), 230, np.uint8)
    page[40:60, 10:90] = 120
    stretched = preprocess.normalise_contrast(page)
    assert stretched.min() == 0 and stretched.max() == 255


def test_contrast_leaves_the_grain_of_a_nearly_empty_page_light():
    """A last page with one line on grainy paper: its darkest 1% is grain, not ink, and
    stretching from there would turn the grain into specks for Tesseract to read."""
    rng = np.random.default_rng(3)
    page = np.clip(rng.normal(240, 6, (400, 600)), 0, 255).astype(np.uint8)
    page[40:43, 50:450] = 70  # half a per cent of the page
    stretched = preprocess.normalise_contrast(page)
    paper = np.ones(page.shape, bool)
    paper[40:43, 50:450] = False
    assert np.mean(stretched[paper] > 200) > 0.99
    assert (stretched[40:43, 50:450] < 80).all()


def _dim_blurred_photo(clean_page: np.ndarray) -> np.ndarray:
    """The page as a dim phone photo: blurred, ink no darker than mid grey, paper grey and grainy."""
    blurred = cv2.GaussianBlur(clean_page, (0, 0), 1.5).astype(np.float32)
    dim = 150 + blurred * (215 - 150) / 255
    return np.clip(dim + np.random.default_rng(5).normal(0, 4, dim.shape), 0, 255).astype(np.uint8)


def test_the_paper_level_stretch_whitens_a_dim_photos_paper_the_usual_one_leaves_a_veil(clean_page):
    photo = _dim_blurred_photo(clean_page)
    paper = clean_page == 255
    usual = preprocess.normalise_contrast(photo)
    to_paper = preprocess.normalise_contrast(photo, paper_white=True)
    assert np.median(usual[paper]) < 240
    assert np.mean(to_paper[paper] == 255) > 0.6
    assert np.median(to_paper[clean_page == 0]) < 40


def test_faint_ink_is_told_from_black_print(clean_page):
    assert preprocess.has_faint_ink(_dim_blurred_photo(clean_page))
    assert not preprocess.has_faint_ink(clean_page)
    faded_but_sharp = np.where(clean_page < 128, 100, clean_page).astype(np.uint8)
    assert not preprocess.has_faint_ink(faded_but_sharp)
    assert preprocess.apply(_dim_blurred_photo(clean_page), 150, NOTHING)[4]
    assert not preprocess.apply(clean_page, 150, NOTHING)[4]


def test_binarise_gives_two_levels(clean_page):
    assert set(np.unique(preprocess.binarise(clean_page))) == {0, 255}


NOTHING = preprocess.Preprocessing(**{name: False for name in preprocess.Preprocessing.__dataclass_fields__})


def test_apply_runs_the_enabled_steps(clean_page):
    rotated = preprocess.rotate(clean_page, 2.0)
    image, dpi, skew, _, _ = preprocess.apply(rotated, 150, preprocess.Preprocessing())
    assert dpi == 150 and image.shape == clean_page.shape  # text already a good size
    assert skew == pytest.approx(2.0, abs=0.1)
    untouched = preprocess.apply(rotated, 150, NOTHING)
    assert untouched[0] is rotated and untouched[2] == 0.0


def test_coloured_ink_is_dropped_and_black_print_kept(clean_page):
    stamped, _ = synth.damage_page(synth.Image.fromarray(clean_page), synth.Damage(seals=2, handwriting=6), 150, 3)
    rgb = np.asarray(stamped)
    assert preprocess.is_coloured(rgb) and not preprocess.is_coloured(np.dstack([clean_page] * 3))
    grey = preprocess.drop_colour_ink(rgb)
    print_pixels = clean_page < 100
    assert np.mean(grey[print_pixels] < 128) > 0.9  # the print, seals over it or not, stays dark
    channels = rgb.astype(int)
    ink_only = (channels.max(axis=2) - channels.min(axis=2) > 80) & (clean_page == 255)
    assert ink_only.sum() > 1000
    assert np.mean(np.asarray(stamped.convert("L"))[ink_only] < 200) > 0.5
    assert np.mean(grey[ink_only] > 200) > 0.95  # the ink went


def test_uneven_light_and_folds_are_flattened_to_white_paper(clean_page):
    shaded, _ = synth.damage_page(synth.Image.fromarray(clean_page), synth.Damage(illumination=0.5, folds=1), 150, 2)
    flat = preprocess.erase_rules(preprocess.flatten_background(np.asarray(shaded.convert("L")), 150), 150)
    paper = clean_page == 255
    assert np.percentile(np.asarray(shaded.convert("L"))[paper], 5) < 170
    assert np.percentile(flat[paper], 1) > 200


def test_bitonal_pages_are_recognised_and_softened(clean_page):
    bitonal = np.where(clean_page < 128, 0, 255).astype(np.uint8)
    assert preprocess.is_bitonal(bitonal) and not preprocess.is_bitonal(clean_page)
    softened = preprocess.soften_bitonal(bitonal, 150)
    assert np.mean((softened > 30) & (softened < 225)) > 0.01  # grey stroke edges


def test_a_bitonal_page_keeps_its_small_pieces_of_strokes_and_a_grey_page_loses_its_specks(clean_page):
    bitonal = np.where(clean_page < 128, 0, 255).astype(np.uint8)
    pieces = [(y, x) for y in range(1300, 1700, 80) for x in range(200, 1000, 160)]  # in the blank below the text
    assert (bitonal[1290:1710, 190:1010] == 255).all()
    for y, x in pieces:
        bitonal[y : y + 2, x] = 0  # two pixels: what thresholding leaves of a thin hook or a dot
    only_despeckle = preprocess.Preprocessing(**{**{name: False for name in preprocess.Preprocessing.__dataclass_fields__},
                                                 "bitonal": True, "despeckle": True})
    kept, _, _, _, _ = preprocess.apply(bitonal, 150, only_despeckle)
    assert all(kept[y : y + 2, x].min() < 160 for y, x in pieces)
    grey = np.where(bitonal == 0, 40, 250).astype(np.uint8)  # the same page, not two-valued
    cleaned, _, _, _, _ = preprocess.apply(grey, 150, only_despeckle)
    assert all(cleaned[y : y + 2, x].min() == 255 for y, x in pieces)


@pytest.mark.parametrize("dpi", [100, 150, 300])
def test_x_height_follows_the_resolution(dpi):
    spec = synth.paginate(BODY * 3, dpi)[0]
    measured = preprocess.x_height(np.asarray(synth.render(spec, dpi)))
    expected = 13 * 0.46 * dpi / 72  # Liberation Serif's x-height is 0.46 em
    assert measured == pytest.approx(expected, rel=0.2)


def test_small_text_is_enlarged_and_large_text_reduced():
    small = np.asarray(synth.render(synth.paginate(BODY * 3, 90)[0], 90))
    bigger, dpi = preprocess.rescale(small, 90, 0.0)
    assert dpi > 90 and bigger.shape[0] > small.shape[0]
    assert preprocess.MIN_X_HEIGHT <= preprocess.x_height(bigger) <= preprocess.MAX_X_HEIGHT
    large = np.asarray(synth.render(synth.paginate(BODY * 3, 600)[0], 600))
    smaller, dpi = preprocess.rescale(large, 600, 0.0)
    assert dpi < 600 and preprocess.x_height(smaller) <= preprocess.MAX_X_HEIGHT


def test_a_page_of_a_few_lines_among_specks_keeps_its_resolution():
    """The last page of a letter: two paragraphs on a speckled sheet. The rows of specks
    must not pass for lines of tiny text (which would enlarge the page fivefold)."""
    spec = synth.paginate(BODY[:2], 150)[0]
    page = np.asarray(synth.degrade(synth.render(spec, 150), synth.Degradation.archive(1), 1).convert("L"))
    _, dpi = preprocess.rescale(page, 150, 0.0)
    assert dpi == 150


def test_a_page_whose_lines_measure_only_a_few_pixels_is_enlarged_at_most_fourfold(monkeypatch):
    """Rows of specks two pixels high, as a stretched veil of grain leaves on a nearly empty
    page: taken for tiny text they would ask for an eightfold page that Tesseract refuses."""
    monkeypatch.setattr(preprocess, "x_height", lambda gray: 2.0)
    enlarged, dpi = preprocess.rescale(np.full((600, 400), 255, np.uint8), 150, 0.0)
    assert dpi == 150 * preprocess.MAX_ENLARGEMENT and enlarged.shape == (2400, 1600)


def test_noise_is_measured_and_smoothed(clean_page):
    rng = np.random.default_rng(1)
    paper = (clean_page * 0.85 + 20).astype(np.uint8)  # greyish paper: the noise is not clipped at white
    noisy = np.clip(paper + rng.normal(0, 12, paper.shape), 0, 255).astype(np.uint8)
    assert preprocess.noise_level(paper) < 1 < 8 < preprocess.noise_level(noisy) < 16
    assert preprocess.noise_level(preprocess.denoise(noisy)) < preprocess.noise_level(noisy) / 2
    assert preprocess.denoise(paper) is paper


def test_a_seal_whose_colour_jpeg_has_thinned_still_makes_the_page_coloured(clean_page):
    damage = synth.Damage(seals=1, seal_colour="purple", blur_sigma=1.0, jpeg_quality=20)
    stamped, _ = synth.damage_page(synth.Image.fromarray(clean_page), damage, 150, 12)
    rgb = np.asarray(stamped.convert("RGB"))
    channels = rgb.astype(int)
    assert np.mean(channels.max(axis=2) - channels.min(axis=2) > preprocess.COLOUR_CHROMA) < 0.0025  # a sliver of the page
    assert preprocess.is_coloured(rgb)
    grey_jpeg, _ = synth.damage_page(synth.Image.fromarray(clean_page), synth.Damage(jpeg_quality=20), 150, 11)
    assert not preprocess.is_coloured(np.asarray(grey_jpeg.convert("RGB")))


def test_show_through_goes_white_and_print_stays_dark(clean_page):
    damaged, _ = synth.damage_page(synth.Image.fromarray(clean_page), synth.Damage(bleed_through=0.35, noise_sigma=6), 150, 4)
    grey = np.asarray(damaged)
    lifted = preprocess.lift_show_through(grey)
    paper, print_pixels = clean_page == 255, clean_page < 100
    reverse = paper & (grey < 215)  # the other side's text where this side has none
    assert reverse.sum() > 1000
    assert np.mean(lifted[reverse] > 235) > 0.8  # near paper white
    assert np.mean(lifted[print_pixels] < 128) > 0.9


def test_a_faint_noisy_crease_across_the_text_is_erased_and_the_letters_kept(clean_page):
    rng = np.random.default_rng(2)
    creased = clean_page.astype(np.float32)
    row = int(np.flatnonzero((clean_page < 128).sum(axis=1) > 200)[40])  # through a line of text
    creased[row : row + 2] = np.minimum(creased[row : row + 2], 150)
    creased = np.clip(creased + rng.normal(0, 10, creased.shape), 0, 255).astype(np.uint8)
    erased = preprocess.erase_rules(creased, 150)
    letters = (clean_page < 100)[row : row + 2]
    crease_only = (clean_page == 255)[row : row + 2]
    assert np.mean(erased[row : row + 2][crease_only] > 200) > 0.95
    assert np.mean(erased[row : row + 2][letters] < 160) > 0.8  # the crease's darkness goes, the letters' stays
    untouched = np.ones(clean_page.shape, bool)
    untouched[row - 2 : row + 4] = False
    assert np.mean(np.abs(erased[untouched].astype(int) - creased[untouched]) < 8) > 0.99


def test_a_clean_page_is_not_lifted(clean_page):
    assert preprocess.lift_show_through(clean_page) is clean_page



def test_a_blurred_smooth_page_is_sharpened_and_a_grainy_one_left(clean_page):
    blurred = cv2.GaussianBlur(clean_page, (0, 0), 1.2)
    sharpened = preprocess.sharpen(blurred)

    def edge_strength(page):
        return np.abs(np.diff(page.astype(np.int16), axis=1)).mean()

    assert edge_strength(sharpened) > 1.2 * edge_strength(blurred)
    paper = clean_page == 255
    assert np.mean(sharpened[paper] > 245) > np.mean(blurred[paper] > 245)  # the blur's grey halo narrows
    rng = np.random.default_rng(4)
    grainy = np.clip(blurred * 0.85 + 20 + rng.normal(0, 6, blurred.shape), 0, 255).astype(np.uint8)
    assert preprocess.sharpen(grainy) is grainy
