"""Page image clean-up before recognition (OpenCV on greyscale numpy arrays).

Every step is a plain function so the benchmark can switch it on and off
(``python -m bench.ocr --ablation``); which ones the pipeline uses is decided
by that measurement, see ``Preprocessing``.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

TARGET_DPI = 300
UPSCALE_BELOW_DPI = 250
MAX_SKEW_DEGREES = 5.0
_SKEW_SAMPLE = 200_000  # ink pixels used to estimate the skew
SPECK_AREA_AT_150_DPI = 3  # pixels; the dot of an "i" or of "ạ" is larger


@dataclass(frozen=True)
class Preprocessing:
    """Which clean-up steps run; the defaults are the ones that helped on the benchmark."""

    upscale: bool = False
    contrast: bool = True
    despeckle: bool = True
    deskew: bool = True
    binarise: bool = False


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


def upscale(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, int]:
    """Low-resolution scans (< 250 dpi) resampled to 300 dpi: Tesseract's LSTM
    loses diacritics on small glyphs."""
    if dpi >= UPSCALE_BELOW_DPI:
        return gray, dpi
    factor = TARGET_DPI / dpi
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), TARGET_DPI


def normalise_contrast(gray: np.ndarray) -> np.ndarray:
    """Stretch faded ink to black and paper to white (1st/99th percentiles)."""
    cumulative = np.bincount(gray.ravel(), minlength=256).cumsum()
    low, high = np.searchsorted(cumulative, (cumulative[-1] * 0.01, cumulative[-1] * 0.99))
    if high - low < 16:
        return gray
    stretched = (gray.astype(np.float32) - low) * (255.0 / (high - low))
    return np.clip(stretched, 0, 255).astype(np.uint8)


def despeckle(gray: np.ndarray, dpi: int) -> np.ndarray:
    """Paint white the tiny isolated ink blobs (a few pixels at 150 dpi, smaller
    than any diacritic dot) that scanner dust leaves."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink_mask(gray, smooth=False).astype(np.uint8), connectivity=8)
    largest_speck = max(2, round(SPECK_AREA_AT_150_DPI * (dpi / 150) ** 2))
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


def apply(gray: np.ndarray, dpi: int, steps: Preprocessing) -> tuple[np.ndarray, int, float]:
    """Run the enabled steps in order; return image, its dpi and the removed skew."""
    skew = 0.0
    if steps.despeckle:
        gray = despeckle(gray, dpi)
    if steps.contrast:
        gray = normalise_contrast(gray)
    if steps.upscale:
        gray, dpi = upscale(gray, dpi)
    if steps.deskew:
        gray, skew = deskew(gray)
    if steps.binarise:
        gray = binarise(gray)
    return gray, dpi, skew
