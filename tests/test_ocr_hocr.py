"""hOCR parsing, on Tesseract's real output and on a hand-written excerpt of its structure."""

from ccn_docs._exec import tesseract
from ccn_docs.ocr import hocr
from tests.ocr_fixtures import text_strip

EXCERPT = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' id='page_1' title='image "x"; bbox 0 0 800 600; ppageno 0'>
 <span class='ocr_line' id='line_1_1' title="bbox 10 20 200 60; baseline 0 -5; x_size 30; x_descenders 6; x_ascenders 8">
  <span class='ocrx_word' id='word_1_1' title='bbox 10 20 80 60; x_wconf 91'>
   <span class='ocrx_cinfo' title='x_bboxes 10 20 40 60; x_conf 99.1'>N</span>
    <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
     <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 93.5'>N</span>
     <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 4'>H</span>
    </span>
   <span class='ocrx_cinfo' title='x_bboxes 42 20 80 60; x_conf 97'>ộ</span>
  </span>
  <span class='ocrx_word' id='word_1_2' title='bbox 90 20 100 60; x_wconf 20'> </span>
 </span>
</div></body></html>"""


def test_structure_of_words_and_choices():
    (width, height), lines = hocr.parse(EXCERPT)
    assert (width, height) == (800, 600)
    [line] = lines
    assert line.bbox == (10, 20, 200, 60) and line.text_height == 30
    [word] = line.words  # the empty word is dropped
    assert word.text == "Nộ" and word.confidence == 91 and word.bbox == (10, 20, 80, 60)
    assert word.choices == [[("N", 0.935), ("H", 0.04)], [("ộ", 0.97)]]


def test_boxes_of_an_image_cut_from_a_page_are_in_the_page_rows():
    (width, height), [line] = hocr.parse(EXCERPT, top=500)
    assert (width, height) == (800, 600)
    assert line.bbox == (10, 520, 200, 560) and line.text_height == 30
    assert line.words[0].bbox == (10, 520, 80, 560)


def test_real_tesseract_output_has_alternatives_for_each_character():
    _, lines = hocr.parse(tesseract.image_to_hocr(text_strip("Chính phủ quyết định"), lang="vie", dpi=150))
    words = [w for line in lines for w in line.words]
    assert " ".join(w.text for w in words) == "Chính phủ quyết định"
    for word in words:
        assert len(word.choices) == len(word.text)
        assert all(alternatives[0][0] == char for char, alternatives in zip(word.text, word.choices))
    assert any(len(a) > 1 for w in words for a in w.choices)


def test_document_number_slashes_read_as_letters_are_mended():
    choices = [[(c, 0.9)] for c in "7360IKH-UBND"]
    choices[4] = [("I", 0.95), ("!", 0.3), ("/", 0.01)]
    text, mended = hocr.mend_codes("7360IKH-UBND", choices)
    assert text == "7360/KH-UBND"
    assert mended[4] == [("/", 0.95), ("I", 0.95), ("!", 0.3)]
    assert hocr.mend_codes("15I2020!NĐ-CP", [])[0] == "15/2020/NĐ-CP"
    for kept in ("UBND", "1I", "Il", "2020I", "li", "H2I", "12Ihs", "QLĐĐ-TKKKT"):
        assert hocr.mend_codes(kept, [])[0] == kept


def test_a_d_with_stroke_read_twice_is_read_once():
    choices = [[(c, 0.9)] for c in "225/CĐÐ-TTg"]
    text, mended = hocr.mend_codes("225/CĐÐ-TTg", choices)
    assert text == "225/CĐ-TTg" and len(mended) == len(text)
    assert [options[0][0] for options in mended] == list(text)
    assert hocr.mend_codes("1512IQĐÐ-UBND", [])[0] == "1512/QĐ-UBND"


def test_digits_of_a_number_read_as_letters_are_mended_from_their_alternatives():
    choices = [[("2", 0.96)], [("ó", 0.96), ("6", 0.02), ("é", 0.01)]]
    text, mended = hocr.mend_codes("2ó", choices)
    assert text == "26" and mended[1] == [("6", 0.96), ("ó", 0.96), ("é", 0.01)]
    zero = [("O", 0.9), ("0", 0.05), ("o", 0.01)]
    assert hocr.mend_codes("O9/2025/QH15", [zero] + [[(c, 0.9)] for c in "9/2025/QH15"])[0] == "09/2025/QH15"


def test_letters_beside_digits_stay_without_a_digit_among_their_first_alternatives():
    def options(text: str, alternatives: dict[int, str]) -> list[list[tuple[str, float]]]:
        return [[(c, 0.9)] + [(a, 0.01) for a in alternatives.get(i, "")] for i, c in enumerate(text)]

    kept = {
        "2b,": {1: "Bh6"},  # an item label, its digit too far down
        "0óg,": {1: "6é", 2: "pø"},  # a letter of the run without a digit: not a number
        "16h": {2: "n"},
        "QH15": {0: "0"},
        "Hó": {1: "6"},  # no digit in the run
    }
    for text, alternatives in kept.items():
        assert hocr.mend_codes(text, options(text, alternatives))[0] == text
    assert hocr.mend_codes("2ó", [])[0] == "2ó"  # read without alternatives: nothing to go on


def test_raw_text_without_choices_reads_the_same_words():
    image = text_strip("Chính phủ quyết định")
    _, lines = hocr.parse(tesseract.image_to_hocr(image, lang="vie", dpi=150, choices=False))
    words = [w for line in lines for w in line.words]
    assert " ".join(w.text for w in words) == "Chính phủ quyết định"
    assert all(not w.choices for w in words)
