"""Tesseract hOCR → ``Line``s of ``Word``s with per-character alternatives.

With ``lstm_choice_mode=2`` and ``hocr_char_boxes=1`` each word holds, per
character, a span ``ocrx_cinfo`` (``x_bboxes …; x_conf …``) with the chosen
character, followed by a span ``lstm_choices_…`` listing the alternatives the
LSTM considered (``x_confs`` 0–100, best first).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from ..types import BBox, Line, Word

_NS = "{http://www.w3.org/1999/xhtml}"
LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_textfloat", "ocr_caption"})
_FIELD = re.compile(r"(\w+)\s+([^;]*)")
# The slash of a document number ("7360/KH-UBND", "15/2020/NĐ-CP") that Tesseract's
# Vietnamese model reads as a bar-like letter in sans-serif faces; directives never
# write a digit straight before one of these and a capital or a year and a code.
_SLASH_READ_AS_LETTER = re.compile(r"(?<=\d)[Il!|](?=[A-ZĐ]|\d{4}[/Il!|][A-ZĐ])")
# A number's digit that Tesseract's Vietnamese model reads as a letter of like shape in
# sans-serif faces ("2ó" for 26, "O9" for 09): a run of letters and digits holding a digit,
# whose every letter has a digit among its first alternatives.
_ALPHANUMERIC_RUN = re.compile(r"[^\W_]+")
DIGIT_RANK = 3  # how far down a letter's alternatives its digit may be
# One Đ of a code ("QĐ-UBND", "CĐ-TTg") read twice, the second time as the Icelandic eth
# (Ð, U+00D0), which Vietnamese never writes.
_D_READ_TWICE = re.compile(r"(?<=[Đđ])[Ðð]")


def title_fields(element: ElementTree.Element) -> dict[str, str]:
    """``title="bbox 1 2 3 4; x_wconf 96"`` → ``{"bbox": "1 2 3 4", "x_wconf": "96"}``."""
    return {key: value.strip() for key, value in _FIELD.findall(element.get("title", ""))}


def _bbox(fields: dict[str, str], key: str = "bbox", top: int = 0) -> BBox:
    x0, y0, x1, y1 = (int(v) for v in fields[key].split()[:4])
    return (x0, y0 + top, x1, y1 + top)


def _children(element: ElementTree.Element) -> list[ElementTree.Element]:
    return [child for child in element if child.tag == f"{_NS}span"]


def parse_word(element: ElementTree.Element, top: int = 0) -> Word:
    """A word, its characters, and each character's alternatives (its box ``top`` rows lower)."""
    fields = title_fields(element)
    characters: list[str] = []
    choices: list[list[tuple[str, float]]] = []
    for span in _children(element):
        if (span.get("id") or "").startswith("lstm_choices") and choices:
            alternatives = [(c.text or "", float(title_fields(c).get("x_confs", 0)) / 100) for c in _children(span)]
            if alternatives:
                choices[-1] = alternatives
        elif "x_bboxes" in span.get("title", ""):
            character = span.text or ""
            characters.append(character)
            choices.append([(character, float(title_fields(span).get("x_conf", 0)) / 100)])
    text = "".join(characters) if characters else "".join(element.itertext()).strip()
    text, choices = mend_codes(text, choices)
    return Word(text=text, bbox=_bbox(fields, top=top), confidence=float(fields.get("x_wconf", 0)), choices=choices)


def mend_codes(text: str, choices: list[list[tuple[str, float]]]) -> tuple[str, list[list[tuple[str, float]]]]:
    """Document numbers and codes as printed: a slash back where a letter was read for it,
    a number's digits where letters were read for them (the slash or digit becomes that
    character's first choice), a Đ read twice read once."""
    letters = list(text)
    aligned = len(choices) == len(letters)
    for match in _SLASH_READ_AS_LETTER.finditer(text):
        letters[match.start()] = "/"
        if aligned and choices[match.start()]:
            options = choices[match.start()]
            choices[match.start()] = [("/", options[0][1])] + [option for option in options if option[0] != "/"]
    if aligned:
        for match in _ALPHANUMERIC_RUN.finditer("".join(letters)):
            digits = [read_digit(choices[i]) if letters[i].isalpha() else letters[i] for i in range(match.start(), match.end())]
            if any(letter.isdigit() for letter in match.group(0)) and all(digits):
                for i, digit in enumerate(digits, start=match.start()):
                    if digit != letters[i]:
                        letters[i] = digit
                        choices[i] = [(digit, choices[i][0][1])] + [option for option in choices[i] if option[0] != digit]
    for match in reversed(list(_D_READ_TWICE.finditer(text))):
        del letters[match.start()]
        if aligned:
            del choices[match.start()]
    return "".join(letters), choices


def read_digit(options: list[tuple[str, float]]) -> str | None:
    """The first digit among a character's first alternatives, if any."""
    return next((character for character, _ in options[:DIGIT_RANK] if character.isdigit()), None)


def parse(hocr: str, *, top: int = 0) -> tuple[tuple[int, int], list[Line]]:
    """Page size and text lines in Tesseract's reading order (empty words dropped). Of an
    image cut from a page ``top`` rows below its top, the lines' boxes are in the page's rows."""
    root = ElementTree.fromstring(hocr.encode("utf-8"))
    page = next(e for e in root.iter(f"{_NS}div") if e.get("class") == "ocr_page")
    _, _, width, height = _bbox(title_fields(page))
    lines: list[Line] = []
    for element in page.iter(f"{_NS}span"):
        if element.get("class") not in LINE_CLASSES:
            continue
        words = [parse_word(w, top) for w in _children(element) if w.get("class") == "ocrx_word"]
        words = [w for w in words if w.text.strip()]
        if words:
            fields = title_fields(element)
            size = float(fields.get("x_size", 0)) or float(_bbox(fields)[3] - _bbox(fields)[1])
            lines.append(Line(words=words, bbox=_bbox(fields, top=top), text_height=size))
    return (width, height), lines
