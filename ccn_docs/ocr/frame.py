"""From the frame Tesseract saw back to the page as scanned.

Preprocessing turns the page image by ``-skew_degrees`` about its centre (and
may scale it evenly, centre onto centre), so a box in a ``Page`` is in that
straightened frame. Outputs that sit beside the scan itself (the PDF text
layer, ALTO) turn it back.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ..types import BBox, Page


class Affine(NamedTuple):
    """x' = a·x + c·y + e, y' = b·x + d·y + f (PDF's matrix order)."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f


def unskew(page: Page) -> Affine:
    """Frame pixels → pixels of the page as scanned, in a canvas of the frame's
    size (y down): the rotation preprocessing removed, put back about the centre."""
    angle = math.radians(page.skew_degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    centre_x, centre_y = page.width / 2, page.height / 2
    return Affine(
        cos, -sin, sin, cos,
        centre_x - cos * centre_x - sin * centre_y,
        centre_y + sin * centre_x - cos * centre_y,
    )


def scanned_box(page: Page, bbox: BBox) -> BBox:
    """The smallest upright box, inside the page, around ``bbox`` turned back
    onto the page as scanned."""
    turn = unskew(page)
    corners = [turn.apply(x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return (
        max(0, math.floor(min(xs))),
        max(0, math.floor(min(ys))),
        min(page.width, math.ceil(max(xs))),
        min(page.height, math.ceil(max(ys))),
    )
