"""Ruled tables: cells found from the rules, read back as the corpus writes a table.

Tesseract reads a ruled grid across: the cells of one row as one line, a wrapped cell's lines
interleaved with its neighbours', rules as "|" or not at all. Here the grid is found on the page
image (long horizontal and vertical strokes, by morphology; the spaces they enclose are the
cells), each recognised word goes into the cell that holds its box's centre, and the table is
written in the page's reading order as text files write it: a blank line, then each cell's lines
followed by a blank line, row by row, header row first. A table cut by a page end goes on at the
top of the next page in the same form. A page without a grid is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..types import BBox, Line, Page, Word
from .layout import line_of
from .unread import INK, Recognise, read_apart

RULE_INCHES = 0.3  # a horizontal or vertical stroke this long is a rule: no letter is as tall or a word's stroke as long
MIN_TABLE_WIDTH = 0.35  # of the page width: narrower rules (the footnote rule, an underline) are no table
MIN_CELL_INCHES = 0.08  # a space between rules smaller than this is a gap between two rules, not a cell
RULE_BAND_INCHES = 0.04  # rows a straightened rule may still drift over
RULE_MARKS = "|[]!_"  # what Tesseract makes of a rule it reads as a letter
CELL_INSET = 3  # pixels inside a cell's edges where its rules end


@dataclass
class Table:
    """A ruled table on a page: its box and its cells' boxes, row by row, left to right."""

    bbox: BBox
    rows: list[list[BBox]]


def _rules(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def find_tables(image: np.ndarray, dpi: int) -> list[Table]:
    """The ruled tables on a page image (greyscale or colour, dark ink on light paper)."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    length = max(3, round(RULE_INCHES * dpi))
    horizontal = _rules(ink, length, horizontal=True)
    if not _wide_rule(horizontal, MIN_TABLE_WIDTH * grey.shape[1], dpi):
        return []  # no table on the page: one morphology pass is all it costs
    vertical = _rules(ink, length, horizontal=False)
    # Rules broken by noise or a slight tilt are joined again before the grid's spaces are taken as cells.
    joint = max(1, round(0.01 * dpi))
    lines = cv2.dilate(horizontal | vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * joint + 1, 2 * joint + 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    tables = []
    for label in range(1, count):
        x, y, width, height, _ = stats[label]
        if width < MIN_TABLE_WIDTH * grey.shape[1] or height < length:
            continue
        grid = (labels[y : y + height, x : x + width] == label).astype(np.uint8)
        rows = _cells(grid, (x, y), dpi)
        if sum(map(len, rows)) >= 2:
            tables.append(Table((int(x), int(y), int(x + width), int(y + height)), rows))
    return tables


def _wide_rule(horizontal: np.ndarray, width: float, dpi: int) -> bool:
    """Whether some band of rows holds that much horizontal rule: a rule straightened to within a few rows
    of level lies in one band."""
    band = max(1, round(RULE_BAND_INCHES * dpi))
    per_row = cv2.reduce(horizontal, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S)[:, 0] // 255
    return bool((np.convolve(per_row, np.ones(band, np.int64)) >= width).any())


def _cells(grid: np.ndarray, origin: tuple[int, int], dpi: int) -> list[list[BBox]]:
    """The spaces the grid's rules enclose, grouped into rows by their tops, each row left to right."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((grid == 0).astype(np.uint8), connectivity=4)
    height, width = grid.shape
    smallest = MIN_CELL_INCHES * dpi
    boxes = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if x == 0 or y == 0 or x + w == width or y + h == height or w < smallest or h < smallest:
            continue  # outside the grid's frame, or a sliver between two rules
        boxes.append((int(x + origin[0]), int(y + origin[1]), int(x + w + origin[0]), int(y + h + origin[1])))
    rows: list[list[BBox]] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        if rows and _same_row(box, rows[-1][0]):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row) for row in rows]


def _same_row(a: BBox, b: BBox) -> bool:
    """Side by side, overlapping by more than half the shorter one's height (a tilted row's cells start at
    different heights)."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1])


def _inside(word: Word, box: BBox) -> bool:
    x, y = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _blank(at: BBox) -> Line:
    return Line(words=[], bbox=(at[0], at[1], at[0], at[1]))


def _without_rule_marks(word: Word) -> Word | None:
    """The word with the rule marks at its ends taken off; None when it is nothing else."""
    text = word.text.strip(RULE_MARKS)
    if not text:
        return None
    if text == word.text:
        return word
    return Word(text=text, bbox=word.bbox, confidence=word.confidence)


def _table_lines(table: Table, placed: list[tuple[int, Line, Word]], missed: dict[BBox, list[Line]]) -> list[Line]:
    """The table's cells, row by row, each its lines (words in the order they were read) and a blank line."""
    read = {number: line for number, line, _ in placed}
    lines = [_blank(table.bbox)]
    for row in table.rows:
        for cell in row:
            pieces: dict[int, list[Word]] = {}
            for number, _, word in placed:
                if _inside(word, cell) and (kept := _without_rule_marks(word)) is not None:
                    pieces.setdefault(number, []).append(kept)
            cell_lines = sorted((line_of(sorted(words, key=lambda w: w.bbox[0]), read[number]) for number, words in pieces.items()),
                                key=lambda line: line.bbox[1]) or missed.get(cell, [])
            if cell_lines:
                lines += cell_lines + [_blank(cell)]
    return lines


def _read_empty_cells(cells: list[BBox], image: np.ndarray, recognise: Recognise) -> dict[BBox, list[Line]]:
    """The inked cells where the page's reading found no word, read again on their own (``unread.read_apart``):
    Tesseract's page reading drops a cell's text standing alone, most of all a row's number in its narrow column."""
    inset = CELL_INSET
    inked = [cell for cell in cells
             if (image[cell[1] + inset : cell[3] - inset, cell[0] + inset : cell[2] - inset] < INK).sum() > 4 * inset * inset]
    return read_apart(inked, image, recognise, inset)


def read_tables(page: Page, tables: list[Table], image: np.ndarray, recognise: Recognise) -> Page:
    """The page with each ruled table's words (``find_tables`` on its image) taken out of the lines
    Tesseract read and written in their place as the table's cells (see the module's docstring);
    ``recognise`` reads an image of cells whose text the page's reading missed."""
    for table in tables:
        placed = [(number, line, word) for number, line in enumerate(page.lines) for word in line.words if _inside(word, table.bbox)]
        empty = [cell for row in table.rows for cell in row if not any(_inside(word, cell) for _, _, word in placed)]
        missed = _read_empty_cells(empty, image, recognise)
        if not placed and not missed:
            continue
        first = placed[0][0] if placed else next((n for n, line in enumerate(page.lines) if line.bbox[1] > table.bbox[1]), len(page.lines))
        table_lines = _table_lines(table, placed, missed)
        kept = []
        for number, line in enumerate(page.lines):
            if number == first:
                kept += table_lines
            outside = [word for word in line.words if not _inside(word, table.bbox)]
            if len(outside) == len(line.words):
                kept.append(line)
            elif outside:
                kept.append(Line(words=outside, bbox=line.bbox, kind=line.kind, column=line.column, text_height=line.text_height))
        if first == len(page.lines):
            kept += table_lines
        page.lines = kept
    return page
