"""Text the page's reading missed: inked lines with no recognised word found and read again on their own."""

import numpy as np
from PIL import Image, ImageDraw

from ccn_docs import synth
from ccn_docs.inputs import PageJob
from ccn_docs.ocr.page import PageState, Settings, _read_as_block
from ccn_docs.ocr.unread import put_in_place, read_apart, read_unread_lines, unread_lines
from ccn_docs.types import Line, Page, Word

DPI = 200
LABEL = "Họ và tên người đề nghị:"
LEADER = "………………………"


def _form_line(words_read: bool = False) -> tuple[np.ndarray, list[Line]]:
    """A page with one body line and a form's line under it, a label followed by a dotted leader;
    the page's reading found the first line's words, and the form's line's too when ``words_read``."""
    image = Image.new("L", (1600, 400), 255)
    draw, face = ImageDraw.Draw(image), synth.font(13, DPI)
    opening = "Ủy ban nhân dân xã đề nghị như sau:"
    draw.text((200, 60), opening, font=face, fill=0)
    draw.text((200, 160), LABEL + LEADER, font=face, fill=0)
    lines = [_line([Word(opening, draw.textbbox((200, 60), opening, font=face), 95.0)])]
    if words_read:
        lines.append(_line([Word(LABEL, draw.textbbox((200, 160), LABEL, font=face), 95.0)]))
    return np.asarray(image), lines


def _line(words: list[Word]) -> Line:
    return Line(words=words, bbox=(min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
                                   max(w.bbox[2] for w in words), max(w.bbox[3] for w in words)))


def test_an_inked_line_without_words_is_found_and_its_leader_left_out():
    image, lines = _form_line()
    [box] = unread_lines(image, DPI, lines, [])
    face = synth.font(13, DPI)
    assert box[1] > 150 and box[3] < 210 and abs(box[0] - 200) < 20
    assert box[2] < 200 + face.getlength(LABEL) + 20  # the dots of the leader are no letters


def test_lines_with_their_words_read_and_places_skipped_have_nothing_unread():
    image, lines = _form_line(words_read=True)
    assert unread_lines(image, DPI, lines, []) == []
    image, lines = _form_line()
    assert unread_lines(image, DPI, lines, [(150, 140, 1500, 230)]) == []


def test_the_missed_line_is_read_again_with_tesseract():
    image, lines = _form_line()
    page = Page(source="p", number=1, width=image.shape[1], height=image.shape[0], dpi=DPI, lines=lines)
    state = PageState(job=PageJob(source="p", page=1, dpi=DPI), settings=Settings(), dpi=DPI)
    [line] = read_unread_lines(page, image, [], _read_as_block(state))
    assert line.text.startswith("Họ và tên người đề nghị") and 150 < line.bbox[1] < 200


def test_places_read_apart_come_back_in_the_pages_pixels():
    image = np.full((300, 900), 255, np.uint8)
    seen = []

    def recognise(strip: np.ndarray) -> list[Line]:
        seen.append(strip.shape)
        # the second place's line, as the stacked image holds it: under the first place and the gaps
        return [_line([Word("Chức", (45, 40 + 30 + 40 + 5, 100, 40 + 30 + 40 + 25), 90.0)])]

    found = read_apart([(100, 50, 300, 80), (500, 200, 800, 230)], image, recognise)
    assert len(seen) == 1 and list(found) == [(500, 200, 800, 230)]
    [[line]] = found.values()
    assert line.words[0].bbox == (505, 205, 560, 225)


def test_a_line_read_again_goes_before_the_first_body_line_below_it():
    header = Line(words=[Word("BỘ", (100, 10, 150, 40), 95.0)], bbox=(100, 10, 150, 40), kind="header")
    above, below = _line([Word("Một", (100, 100, 160, 130), 95.0)]), _line([Word("Ba", (100, 300, 160, 330), 95.0)])
    found = _line([Word("Hai", (100, 200, 160, 230), 95.0)])
    last = _line([Word("Bốn", (100, 400, 160, 430), 95.0)])
    assert [l.text for l in put_in_place([header, above, below], [last, found])] == ["BỘ", "Một", "Hai", "Ba", "Bốn"]
