"""Page image clean-up before recognition (OpenCV on greyscale numpy arrays).

Every step is a plain function so the benchmark can switch it on and off
(``python -m bench.ocr --ablation``); which ones the pipeline uses is decided
by that measurement, see ``Preprocessing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np

from . import page_outline

MAX_SKEW_DEGREES = 5.0
_SKEW_SAMPLE = 200_000  # ink pixels used to estimate the skew
SPECK_AREA_AT_150_DPI = 3  # pixels; the dot of an "i" or of "ạ" is larger
SMALLEST_SPECK = 2  # pixels: the speck size at low resolution, where a tone mark's dot is as small
PAPER_WHITE_SHARE = 0.7  # of the paper's pixels, the lightest, that the paper-level stretch makes white
# Grey level that the darkest per cent of a page with faint ink stays above: a blurred photo spreads
# each thin stroke over the paper around it, so that even its darkest pixels never reach black.
FAINT_INK_DARKEST = 120


@dataclass(frozen=True)
class Preprocessing:
    """Which clean-up steps run; the defaults are the ones that helped on the benchmark."""

    page_outline: bool = True
    drop_colour: bool = True
    background: bool = True
    rules: bool = True
    show_through: bool = True
    bitonal: bool = True
    rescale: bool = True
    dewarp: bool = True
    sharpen: bool = True
    denoise: bool = False
    contrast: bool = True
    despeckle: bool = True
    deskew: bool = True
    binarise: bool = False
    paper_white: bool = False  # stretch contrast to the paper's own level (``normalise_contrast``)


def ink_mask(gray: np.ndarray, *, smooth: bool = True) -> np.ndarray:
    """Dark pixels: Otsu threshold, by default on a lightly smoothed page."""
    if smooth:
        gray = cv2.GaussianBlur(gray, (3, 3), 0)
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask > 0


def _profile_sharpness(xs: np.ndarray, ys: np.ndarray, degrees: np.ndarray) -> np.ndarray:
    """For each angle: how peaked the row histogram of the ink gets when the
    page is rotated by that angle (text lines aligned → tall, narrow peaks)."""
    scores = np.empty(len(degrees))
    for index, angle in enumerate(np.deg2rad(degrees)):
        rows = np.round(ys * np.cos(angle) - xs * np.sin(angle)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        scores[index] = np.dot(counts, counts)
    return scores


def estimate_skew(gray: np.ndarray, *, max_degrees: float = MAX_SKEW_DEGREES) -> float:
    """Angle (degrees, counter-clockwise positive) by which the text lines are
    rotated, to ~0.05°: projection profiles over ink pixels, coarse then fine."""
    ys, xs = np.nonzero(ink_mask(gray))
    if len(xs) < 100:
        return 0.0
    if len(xs) > _SKEW_SAMPLE:
        stride = -(-len(xs) // _SKEW_SAMPLE)
        xs, ys = xs[::stride], ys[::stride]
    xs = xs.astype(np.float64)
    ys = ys.astype(np.float64)
    best = 0.0
    for step, span in ((0.5, max_degrees), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(candidates[np.argmax(_profile_sharpness(xs, ys, candidates))])
    return round(-best, 2)


def rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate counter-clockwise by ``degrees`` around the centre, white fill."""
    if not degrees:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The straightened page and the skew that was removed."""
    skew = estimate_skew(gray)
    return rotate(gray, -skew), skew


def normalise_contrast(gray: np.ndarray, *, paper_white: bool = False) -> np.ndarray:
    """Stretch faded ink to black and paper to white: from the page's 1st percentile, or on a
    page with less ink than that (a nearly empty one) from its ink's own 10th percentile, so
    that the paper's grain is never stretched into ink; to its 99th percentile, or with
    ``paper_white`` to the level the lightest ``PAPER_WHITE_SHARE`` of the paper (Otsu's light
    side) reach, which leaves no grey veil on the paper of a dim photo."""
    histogram = np.bincount(gray.ravel(), minlength=256)
    cumulative = histogram.cumsum()
    low, high = np.searchsorted(cumulative, (cumulative[-1] * 0.01, cumulative[-1] * 0.99))
    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if low > threshold:  # Otsu's ink is the grey levels up to its threshold
        ink = cumulative[: int(threshold) + 1]
        if ink[-1]:
            low = np.searchsorted(ink, ink[-1] * 0.1)
    if paper_white and cumulative[-1] > cumulative[int(threshold)]:
        paper = cumulative[int(threshold) + 1 :] - cumulative[int(threshold)]
        high = int(threshold) + 1 + np.searchsorted(paper, paper[-1] * (1 - PAPER_WHITE_SHARE))
    if high - low < 16:
        return gray
    stretch = np.clip((np.arange(256, dtype=np.float32) - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)
    return cv2.LUT(gray, stretch)


def has_faint_ink(gray: np.ndarray) -> bool:
    """Whether the page's darkest per cent is lighter than ``FAINT_INK_DARKEST``."""
    histogram = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()  # far quicker than np.bincount
    return int(np.searchsorted(histogram.cumsum(), gray.size * 0.01)) > FAINT_INK_DARKEST


def despeckle(gray: np.ndarray, dpi: int, *, photographed: bool = False) -> np.ndarray:
    """Paint white the tiny isolated ink blobs (a few pixels at 150 dpi, smaller
    than any diacritic dot) that scanner dust leaves. A phone photo below about 120 dpi (taken
    from afar) is left as it is: it has no scanner dust, and there a blob of ``SMALLEST_SPECK``
    pixels is the dot of "ạ" or "ộ"."""
    speck_area = SPECK_AREA_AT_150_DPI * (dpi / 150) ** 2
    if photographed and speck_area < SMALLEST_SPECK:
        return gray
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink_mask(gray, smooth=False).astype(np.uint8), connectivity=8)
    largest_speck = max(SMALLEST_SPECK, round(speck_area))
    specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= largest_speck)
    specks = specks[specks != 0]  # label 0 is the background
    if not len(specks):
        return gray
    # one pixel around each speck too: JPEG smears specks into a grey halo
    halo = cv2.dilate(np.isin(labels, specks).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    cleaned = gray.copy()
    cleaned[halo] = 255
    return cleaned


def binarise(gray: np.ndarray) -> np.ndarray:
    """Black ink on white paper, Otsu threshold after light smoothing."""
    return np.where(ink_mask(gray), 0, 255).astype(np.uint8)


# --- adaptive steps: colour, light, resolution, noise -------------------------------------

COLOUR_CHROMA = 40  # max − min channel above which a pixel is coloured ink, not grey print
# Pages with fewer coloured pixels than this share of their ink are treated as grey: a seal
# or a few pen strokes are a small part of a page's ink, and JPEG leaves little of their colour.
COLOURED_SHARE_OF_INK = 0.001
TARGET_X_HEIGHT = 16  # px: resample pages whose x-height is outside MIN…MAX to this
MIN_X_HEIGHT = 11
MAX_X_HEIGHT = 40
# Most a page is enlarged: a measured x-height below a quarter of the target is a row of specks on a
# nearly empty page, not letters any reader could take in, and a larger image only fails in Tesseract.
MAX_ENLARGEMENT = 4.0
NOISE_TO_SMOOTH = 5.0  # grey levels of noise (σ) above which the page is smoothed
NOISE_TO_SHARPEN = 2.0  # grey levels of noise (σ) below which the page is sharpened
SHARPEN_SIGMA = 1.0  # px: the blur an unsharp mask takes back, a scan's spread of a stroke edge


def _chroma(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's brightest channel and its colourfulness (brightest − darkest channel)."""
    red, green, blue = cv2.split(rgb)
    brightest = cv2.max(cv2.max(red, green), blue)
    return brightest, cv2.subtract(brightest, cv2.min(cv2.min(red, green), blue))


def is_coloured(rgb: np.ndarray) -> bool:
    sample = np.ascontiguousarray(rgb[::4, ::4])
    _, chroma = _chroma(sample)
    ink = np.count_nonzero(ink_mask(cv2.cvtColor(sample, cv2.COLOR_RGB2GRAY)))
    return np.count_nonzero(chroma > COLOUR_CHROMA) > COLOURED_SHARE_OF_INK * max(ink, 1)


# Per chroma level: how much of a pixel's darkness is kept (255 = all, 0 = lifted to white).
_KEPT_DARKNESS = np.clip(255 * (1 - (np.arange(256) - COLOUR_CHROMA) / COLOUR_CHROMA), 0, 255).astype(np.uint8)


def drop_colour_ink(rgb: np.ndarray) -> np.ndarray:
    """Greyscale without seals, signatures and pen notes: black print is dark in every
    channel, coloured ink is bright in at least one. A coloured pixel takes its brightest
    channel, lifted to white in proportion to how coloured it is (a pen line's dark
    channels go); a grey one keeps its luminance."""
    brightest, chroma = _chroma(rgb)
    chroma = cv2.GaussianBlur(chroma, (3, 3), 0)  # JPEG smears colour around strokes
    kept = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    cv2.copyTo(brightest, (chroma > COLOUR_CHROMA // 2).astype(np.uint8), kept)
    darkness = cv2.multiply(cv2.subtract(255, kept), cv2.LUT(chroma, _KEPT_DARKNESS), scale=1 / 255)
    return cv2.subtract(255, darkness)


def to_grey(image: np.ndarray, steps: "Preprocessing") -> np.ndarray:
    if image.ndim == 2:
        return image
    if steps.drop_colour and is_coloured(image):
        return drop_colour_ink(image)
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def is_bitonal(gray: np.ndarray) -> bool:
    """Only black and white pixels (a fax or CCITT scan, or a thresholded copy)."""
    histogram = np.bincount(gray[::3, ::3].ravel(), minlength=256)
    return histogram[0] + histogram[255] >= 0.995 * histogram.sum()


def soften_bitonal(gray: np.ndarray, dpi: int) -> np.ndarray:
    """Grey edges back on a black-and-white page, so resampling and Tesseract's own
    thresholding see strokes rather than stair steps."""
    return cv2.GaussianBlur(gray, (0, 0), 0.5 * dpi / 150)


def flatten_background(gray: np.ndarray, dpi: int) -> np.ndarray:
    """Divide by the paper's own brightness (the page with its print closed over, at low
    resolution): uneven light, shadows, folds and yellowed paper become white."""
    factor = max(1, round(dpi / 50))
    small = cv2.resize(gray, (gray.shape[1] // factor, gray.shape[0] // factor), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))
    paper = cv2.medianBlur(paper, 5)
    paper = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, cv2.max(paper, 1), scale=255)


def erase_rules(gray: np.ndarray, dpi: int) -> np.ndarray:
    """Lines longer than any word (folds, creases, rules, table borders) taken out: at each
    pixel, the darkness that an inch-long straight run through it has all along (a grey-level
    opening, so a faint or noisy crease counts as much as a black rule) is lifted, and a letter
    crossing the line keeps the darkness it has beyond the line's."""
    darkness = cv2.subtract(255, gray)
    length = dpi  # an inch: longer than any word at body size
    lines = np.zeros_like(darkness)
    for along, smoothing in (((length, 1), (3, 1)), ((1, length), (1, 3))):
        smoothed = cv2.blur(darkness, smoothing)  # noise and JPEG must not break a line
        run = cv2.morphologyEx(smoothed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, along))
        lines = cv2.max(lines, run)
    if not lines.any():
        return gray
    return cv2.add(gray, cv2.dilate(lines, np.ones((3, 3), np.uint8)))


SHOW_THROUGH_MARGIN = 0.5  # of the way from the ink/paper threshold to white
# Grain (σ, grey levels) below which a page is clean, a render or a born-digital image: it
# has no show-through, and lifting would only thin its anti-aliased strokes.
CLEAN_PAGE_GRAIN = 0.3


def lift_show_through(gray: np.ndarray) -> np.ndarray:
    """Paper white up from a little above the page's own ink/paper threshold (Otsu's): the
    reverse side's text, stains and grain are lighter than any print, and Tesseract's
    recogniser reads the grey page, where they are noise around the letters. A clean page
    is returned as it is."""
    if noise_level(gray) < CLEAN_PAGE_GRAIN:
        return gray
    threshold, _ = cv2.threshold(cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    white = threshold + SHOW_THROUGH_MARGIN * (255 - threshold)
    stretch = np.clip(np.arange(256, dtype=np.float32) * (255.0 / white), 0, 255).astype(np.uint8)
    return cv2.LUT(gray, stretch)


def x_height(gray: np.ndarray) -> float | None:
    """Median x-height (px) of the text lines of a straight page, or None without text.

    In the row profile of the ink, each text line is a run of inked rows (between lines
    only sparse accents and dirt); its x-height is the span of the rows at least half as
    dense as its densest row (ascenders, descenders and diacritics are sparse). Runs much
    shorter than a typical line (a row of accents) are left out. On a page with a few lines
    the 95th percentile row is a row of specks, so the densest row also sets the bar."""
    profile = ink_mask(gray).sum(axis=1).astype(np.float64)
    text_row = max(np.percentile(profile, 95), 0.1 * profile.max())
    inked = np.concatenate([[False], profile > 0.25 * text_row, [False]])
    edges = np.flatnonzero(np.diff(inked.astype(np.int8)))
    runs = [(start, end) for start, end in zip(edges[::2], edges[1::2]) if end - start >= 3]
    if len(runs) < 5:
        return None
    typical = np.percentile([end - start for start, end in runs], 75)
    spans = []
    for start, end in runs:
        if end - start >= 0.6 * typical:
            dense = np.flatnonzero(profile[start:end] >= 0.5 * profile[start:end].max())
            spans.append(dense[-1] - dense[0] + 1)
    return float(np.median(spans))


def rescale(gray: np.ndarray, dpi: int, skew: float) -> tuple[np.ndarray, int]:
    """Rotate by ``skew`` and resample so that the x-height is about ``TARGET_X_HEIGHT`` px
    (photos and low-resolution scans up, 600 dpi scans down), in one resampling."""
    height, width = gray.shape
    middle = np.ascontiguousarray(gray[:, width // 3 : 2 * width // 3])  # a third is enough, and quick to turn
    turn = cv2.getRotationMatrix2D((middle.shape[1] / 2, height / 2), -skew, 1.0)
    measured = x_height(cv2.warpAffine(middle, turn, (middle.shape[1], height), flags=cv2.INTER_NEAREST, borderValue=255))
    factor = 1.0
    if measured is not None and not MIN_X_HEIGHT <= measured <= MAX_X_HEIGHT:
        factor = min(TARGET_X_HEIGHT / measured, MAX_ENLARGEMENT)
    if factor == 1.0:
        return rotate(gray, -skew), dpi
    size = (round(width * factor), round(height * factor))
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -skew, factor)
    matrix[:, 2] += (size[0] - width) / 2, (size[1] - height) / 2  # the centre goes to the centre
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.warpAffine(gray, matrix, size, flags=interpolation, borderValue=255), max(1, round(dpi * factor))


def noise_level(gray: np.ndarray) -> float:
    """σ of the noise in grey levels (Immerkær's Laplacian estimate over the paper only)."""
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = np.abs(cv2.filter2D(gray.astype(np.float32), -1, kernel))
    paper = cv2.erode((gray > 150).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    if paper.sum() < 1000:
        return 0.0
    return float(np.sqrt(np.pi / 2) * response[paper].mean() / 6)


def denoise(gray: np.ndarray) -> np.ndarray:
    """Smooth a noisy page in proportion to its noise; a clean one is left alone."""
    sigma = noise_level(gray)
    if sigma < NOISE_TO_SMOOTH:
        return gray
    return cv2.bilateralFilter(gray, 5, sigma * 3, 3)


def sharpen(gray: np.ndarray) -> np.ndarray:
    """Unsharp mask on a page whose paper is smooth: a scan's blur spreads the hook and the
    dot of a tone mark into its neighbours, and Tesseract reads the crisper page better. A
    noisy page is left as it is, since sharpening its grain makes specks of it."""
    if noise_level(gray) >= NOISE_TO_SHARPEN:
        return gray
    return cv2.addWeighted(gray, 2.0, cv2.GaussianBlur(gray, (0, 0), SHARPEN_SIGMA), -1.0, 0)


def prepare(image: np.ndarray, dpi: int, steps: "Preprocessing") -> tuple[np.ndarray, int, bool, bool]:
    """Colour, light and resolution: any page image → a greyscale page at a good text size,
    whether it was a sheet photographed on a background, and whether it was bitonal."""
    photographed = False
    if steps.page_outline:
        sheet, dpi = page_outline.rectify(image, dpi)
        image, photographed = sheet, sheet is not image
    gray = to_grey(image, steps)
    bitonal = steps.bitonal and is_bitonal(gray)
    if bitonal:
        gray = soften_bitonal(gray, dpi)
    elif steps.denoise:
        gray = denoise(gray)
    if steps.background:
        gray = flatten_background(gray, dpi)
    return gray, dpi, photographed, bitonal


def apply(
    image: np.ndarray, dpi: int, steps: Preprocessing, see_rules: Callable[[np.ndarray, int], None] | None = None
) -> tuple[np.ndarray, int, float, bool, bool]:
    """Run the enabled steps in order; return image, its dpi, the removed skew, whether
    the page was bitonal and whether its ink was faint (``has_faint_ink``, before the contrast
    stretch; never on a bitonal page). ``see_rules`` is shown the straightened page while its
    rules are still on it (a table's grid), at the returned image's geometry and dpi."""
    skew = 0.0
    gray, dpi, photographed, bitonal = prepare(image, dpi, steps)
    # Thresholding breaks a bitonal page's thin strokes and tone marks into pieces of a few
    # pixels, as small as any speck: there despeckling takes letters' parts away.
    if steps.despeckle and not bitonal:
        gray = despeckle(gray, dpi, photographed=photographed)
    faint = not bitonal and has_faint_ink(gray)
    if steps.contrast:
        gray = normalise_contrast(gray, paper_white=steps.paper_white)
    # a clean render (no grain) was never blurred by a scanner: nothing to sharpen back
    scanned = steps.sharpen and noise_level(gray) >= CLEAN_PAGE_GRAIN
    if steps.show_through and not photographed:  # a scanner's white lid lights the reverse side through
        gray = lift_show_through(gray)
    if steps.deskew:
        skew = estimate_skew(gray)
    if steps.rescale:
        gray, dpi = rescale(gray, dpi, skew)
    else:
        gray = rotate(gray, -skew)
    if steps.dewarp:
        gray = page_outline.straighten_lines(gray, ink_mask(gray))
    if see_rules is not None:
        see_rules(gray, dpi)
    if steps.rules:
        gray = erase_rules(gray, dpi)
    if scanned:
        gray = sharpen(gray)
    if steps.binarise:
        gray = binarise(gray)
    return gray, dpi, skew, bitonal, faint
