"""The page in a photo: find its outline against the table and straighten it (OpenCV).

A phone photo shows the sheet at an angle on a darker surface. The sheet is the largest
bright region; its outline, simplified to four corners, is mapped onto an upright
rectangle of the same size, and the resolution follows from the sheet's width (A4).
A scan, whose paper reaches the image edges, is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

A4_SHORT_SIDE_INCHES = 8.27
DETECTION_SIDE = 600  # px: the outline is found on a copy this long
MIN_PAGE_SHARE = 0.2  # of the image area
MIN_BACKGROUND_EDGE = 0.5  # share of the image border that must be background


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def find_page(image: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners (top-left, top-right, bottom-right, bottom-left, in image
    pixels), or None when no sheet stands out from a background around it."""
    gray = _grey(image)
    scale = DETECTION_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))  # print inside the sheet
    border = np.concatenate([paper[0], paper[-1], paper[:, 0], paper[:, -1]])
    if np.mean(border == 0) < MIN_BACKGROUND_EDGE:
        return None
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    if cv2.contourArea(sheet) < MIN_PAGE_SHARE * paper.size:
        return None
    hull = cv2.convexHull(sheet)
    corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(corners) != 4:
        corners = cv2.boxPoints(cv2.minAreaRect(hull))
    return _order(corners.astype(np.float32) / scale)


def _order(corners: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    total = corners.sum(axis=1)
    difference = corners[:, 1] - corners[:, 0]
    return np.float32([corners[np.argmin(total)], corners[np.argmin(difference)], corners[np.argmax(total)], corners[np.argmax(difference)]])


def rectify(image: np.ndarray, dpi: int) -> tuple[np.ndarray, int]:
    """The sheet alone, upright, and its resolution as an A4 sheet; the image unchanged
    when it shows no sheet on a background."""
    corners = find_page(image)
    if corners is None:
        return image, dpi
    top_left, top_right, bottom_right, bottom_left = corners
    width = int(round(max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))))
    height = int(round(max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))))
    target = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    white = (255,) * (1 if image.ndim == 2 else image.shape[2])
    sheet = cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=white)
    return sheet, max(1, round(min(width, height) / A4_SHORT_SIDE_INCHES))


STRIPS = 12  # vertical strips whose line positions are compared
MIN_CURVE_PX = 3.0  # smaller bends are left alone
STRAIGHTER = 1.02  # how much more peaked the straightened rows' ink must be than the bent ones'


def _strip_offset(reference: np.ndarray, profile: np.ndarray, limit: int) -> int:
    """The shift (rows) that best lines ``profile`` up with ``reference``."""
    scores = [float(np.dot(reference[limit:-limit], np.roll(profile, -shift)[limit:-limit])) for shift in range(-limit, limit + 1)]
    return int(np.argmax(scores)) - limit


def line_offsets(ink: np.ndarray) -> np.ndarray | None:
    """For each column, how far (rows) its text lines sit below those of the middle column,
    as a smooth curve, or None when the lines are straight or there is too little text.
    Each strip of columns is lined up with its neighbour, from the middle outwards, so a
    bend larger than a line pitch is still followed."""
    height, width = ink.shape
    columns = np.flatnonzero(ink.sum(axis=0) > 0)
    if len(columns) < STRIPS * 10:
        return None
    edges = np.linspace(columns[0], columns[-1] + 1, STRIPS + 1).astype(int)
    profiles = [ink[:, a:b].sum(axis=1).astype(np.float64) for a, b in zip(edges[:-1], edges[1:])]
    limit = max(2, height // 80)
    middle = STRIPS // 2
    offsets = np.zeros(STRIPS)
    for index in list(range(middle + 1, STRIPS)) + list(range(middle - 1, -1, -1)):
        neighbour = index - 1 if index > middle else index + 1
        offsets[index] = offsets[neighbour] + _strip_offset(profiles[neighbour], profiles[index], limit)
    centres = (edges[:-1] + edges[1:]) / 2
    curve = np.polyval(np.polyfit(centres, offsets, 2), np.arange(width))
    curve -= curve[width // 2]
    bend = curve[columns[0] : columns[-1] + 1]
    if bend.max() - bend.min() < MIN_CURVE_PX or not _straightens(ink, curve):
        return None
    return curve


def _straightens(ink: np.ndarray, curve: np.ndarray) -> bool:
    """Whether shifting the columns by ``curve`` lines the text up better than leaving them:
    the rows' ink histogram gets more peaked. On a straight page with short lines in one part
    (a list, a signature block) the strips can be matched with the wrong lines."""
    ys, xs = np.nonzero(ink)

    def sharpness(rows: np.ndarray) -> float:
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.dot(counts, counts))

    return sharpness(ys - np.round(curve[xs]).astype(np.int64)) > STRAIGHTER * sharpness(ys)


def straighten_lines(gray: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Shift every column so that bent text lines (a curled page, a photo's residual
    perspective) run straight; its top half and bottom half are measured apart and the
    shift blended between them."""
    height, width = gray.shape
    top, bottom = line_offsets(ink[: height // 2]), line_offsets(ink[height // 2 :])
    if top is None and bottom is None:
        return gray
    top = bottom if top is None else top
    bottom = top if bottom is None else bottom
    rows = np.arange(height, dtype=np.float32)[:, None]
    weight = np.clip((rows - height / 4) / (height / 2), 0, 1)  # each half's offsets hold at its middle
    map_y = rows + top.astype(np.float32)[None, :] + weight * (bottom - top).astype(np.float32)[None, :]
    map_x = np.ascontiguousarray(np.broadcast_to(np.arange(width, dtype=np.float32), (height, width)))
    return cv2.remap(gray, map_x, map_y, cv2.INTER_LINEAR, borderValue=255)
