"""Text the page's reading missed: inked places with no recognised word, read again on their own.

Tesseract's page segmentation sometimes leaves whole lines out: a form's lines whose labels end in
dotted leaders ("Họ và tên:……… Chức vụ:………"), a cell standing alone in a table. Their ink is
still on the page; here it is found (letter-sized marks away from every recognised word, grouped
into lines) and read again, all such places of a page in one Tesseract call as one block of lines.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

from ..types import BBox, Line, Page, Word
from .layout import line_of

INK = 128  # grey level below which a pixel is ink
WORD_MARGIN_INCHES = 0.02  # around a recognised word: its ink boxes leave out the tips of its strokes and accents
# A mark this tall is a letter (or a letter's body with its accents); lower ones are dots of a leader or specks,
# taller ones rules, seals or pictures
LETTER_INCHES = (0.05, 0.4)
MAX_LETTER_WIDTH_INCHES = 0.6
WORD_SPACE_INCHES = 0.12  # letters this close side by side belong to one line's piece
MIN_LINE_LETTERS = 3  # a line has several letters, not a speck or two
MIN_LINE_INCHES = 0.3  # nor is it narrower than a short word
MIN_CONFIDENCE = 50  # of a word read again: below it the place held a stamp, a signature or dirt
STACK_GAP = 40  # blank rows between and around the places stacked for one reading

Recognise = Callable[[np.ndarray], list[Line]]


def read_apart(boxes: list[BBox], image: np.ndarray, recognise: Recognise, inset: int = 0) -> dict[BBox, list[Line]]:
    """The lines read in each box of the page ``image`` (``inset`` pixels in from its edges; a negative
    inset reaches out), in one Tesseract call: each box's inside stacked under the others with blank
    space between, so a lone piece of text is read with no page layout to lose it in. Boxes with nothing
    read are left out; the words' boxes are in the page's pixels."""
    crops = []
    for box in boxes:
        left, top = max(0, box[0] + inset), max(0, box[1] + inset)
        crop = image[top : max(top, box[3] - inset), left : max(left, box[2] - inset)]
        if crop.size:
            crops.append((box, left, top, crop))
    if not crops:
        return {}
    gap = STACK_GAP
    strip = np.full((sum(crop.shape[0] + gap for *_, crop in crops) + gap, max(crop.shape[1] for *_, crop in crops) + 2 * gap), 255, np.uint8)
    slots, row = [], gap
    for box, left, top, crop in crops:
        strip[row : row + crop.shape[0], gap : gap + crop.shape[1]] = crop
        slots.append((box, left - gap, top - row, row, row + crop.shape[0]))
        row += crop.shape[0] + gap
    found: dict[BBox, list[Line]] = {}
    for line in recognise(strip):
        middle = (line.bbox[1] + line.bbox[3]) / 2
        slot = next((slot for slot in slots if slot[3] - gap / 2 <= middle < slot[4] + gap / 2), None)
        if slot is None:
            continue
        box, dx, dy = slot[:3]
        words = [Word(text=w.text, bbox=(w.bbox[0] + dx, w.bbox[1] + dy, w.bbox[2] + dx, w.bbox[3] + dy), confidence=w.confidence,
                      choices=w.choices) for w in line.words]
        found.setdefault(box, []).append(line_of(words, line))
    return found


def unread_lines(image: np.ndarray, dpi: int, lines: list[Line], skip: list[BBox]) -> list[BBox]:
    """Boxes of the pieces of lines inked on the page ``image`` (greyscale) where no word of ``lines``
    stands, outside the boxes ``skip``: letter-sized marks, grouped side by side at word spacing, with
    ``MIN_LINE_LETTERS`` or more and ``MIN_LINE_INCHES`` wide. A leader's dots, specks, rules and
    pictures are no letters; the places of recognised words are blanked first."""
    ink = (image < INK).astype(np.uint8)
    margin = round(WORD_MARGIN_INCHES * dpi)
    for word in (word for line in lines for word in line.words):
        ink[max(0, word.bbox[1] - margin) : word.bbox[3] + margin, max(0, word.bbox[0] - margin) : word.bbox[2] + margin] = 0
    for box in skip:
        ink[box[1] : box[3], box[0] : box[2]] = 0
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    letter = (heights >= LETTER_INCHES[0] * dpi) & (heights <= LETTER_INCHES[1] * dpi) & (widths <= MAX_LETTER_WIDTH_INCHES * dpi)
    letter[0] = False  # the paper
    if letter.sum() < MIN_LINE_LETTERS:
        return []
    letters = letter[labels].astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, round(WORD_SPACE_INCHES * dpi)), 1))
    count, pieces, piece_stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(letters, kernel), connectivity=8)
    # each letter counted once, in the piece its first pixel lies in
    firsts = np.flatnonzero(letter)
    rows, columns = stats[firsts, cv2.CC_STAT_TOP], stats[firsts, cv2.CC_STAT_LEFT]
    starts = np.array([np.argmax(labels[row, column:] == label) + column for label, row, column in zip(firsts, rows, columns)])
    letters_in = np.bincount(pieces[rows, starts], minlength=count)
    return [
        (int(x), int(y), int(x + width), int(y + height))
        for label, (x, y, width, height, _) in enumerate(piece_stats)
        if label and letters_in[label] >= MIN_LINE_LETTERS and width >= MIN_LINE_INCHES * dpi
    ]


def read_unread_lines(page: Page, image: np.ndarray, skip: list[BBox], recognise: Recognise) -> list[Line]:
    """The lines read again in the page's inked places with no recognised word (``unread_lines``), their
    words of ``MIN_CONFIDENCE`` or more; ``recognise`` reads one image as a block of lines."""
    places = unread_lines(image, page.dpi, page.lines, skip)
    margin = round(WORD_MARGIN_INCHES * page.dpi)
    found = []
    for lines in read_apart(places, image, recognise, inset=-margin).values():
        for line in lines:
            words = [word for word in line.words if word.confidence >= MIN_CONFIDENCE]
            if words:
                found.append(line_of(words, line))
    return found


def put_in_place(lines: list[Line], found: list[Line]) -> list[Line]:
    """The lines with each of ``found`` before the first body line that starts below it (at the end
    when none does): Tesseract's order of a page's body runs down the page."""
    placed = list(lines)
    for line in sorted(found, key=lambda l: l.bbox[1]):
        index = next((i for i, other in enumerate(placed) if other.kind == "body" and other.bbox[1] > line.bbox[1]), len(placed))
        placed.insert(index, line)
    return placed
