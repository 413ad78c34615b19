"""Boxes of the straightened frame turned back onto the page as scanned."""

import numpy as np
import pytest

from ccn_docs.ocr import preprocess
from ccn_docs.ocr.frame import scanned_box, unskew
from ccn_docs.types import Page


@pytest.mark.parametrize("skew", [2.5, -1.7, 0.0])
def test_unskew_undoes_the_deskew_rotation(skew):
    scan = np.full((400, 300), 255, np.uint8)
    scan[50:56, 220:226] = 0  # an ink dot far from the centre
    straightened = preprocess.rotate(scan, -skew)
    ys, xs = np.nonzero(straightened < 128)
    page = Page(source="scan.png", number=1, width=300, height=400, dpi=150, skew_degrees=skew)
    x, y = unskew(page).apply(xs.mean(), ys.mean())
    assert (x, y) == pytest.approx((222.5, 52.5), abs=1.0)


def test_scanned_box_stays_inside_the_page():
    page = Page(source="scan.png", number=1, width=300, height=400, dpi=150, skew_degrees=4.0)
    box = scanned_box(page, (0, 0, 300, 20))
    assert box[0] >= 0 and box[1] >= 0 and box[2] <= 300 and box[3] <= 400
    assert box[3] - box[1] > 20  # a turned line covers more height than it had
