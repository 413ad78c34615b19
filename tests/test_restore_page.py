"""``restore_page``: Tesseract's confidences and per-character choices as evidence."""

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from ccn_docs import synth
from ccn_docs.inputs import PageJob
from ccn_docs.ocr import ocr_page
from ccn_docs.restore import default_restorer
from ccn_docs.restore.page import CONFIDENT_CHANGE_COST, READ_IN_CONTEXT_COST, choice_variants, foreign_line, read_in_context, word_candidates
from ccn_docs.restore.segment import lm_form, spans
from ccn_docs.types import Line, Page, Word


@pytest.fixture(scope="module")
def restorer():
    return default_restorer()  # loaded once for the whole test run


def word(text, confidence=96.0, choices=None):
    return Word(text=text, bbox=(0, 0, 10, 10), confidence=confidence, choices=choices or [])


def page_of(*lines):
    return Page(source="scan.png", number=1, width=100, height=100, dpi=300,
                lines=[Line(words=list(words), bbox=(0, 0, 100, 10)) for words in lines])


def sure(text):
    return [[(c, 0.99)] for c in text]


def test_choice_variants_cost_by_probability_ratio():
    unsure = word("quá", 60, [[("q", 0.99)], [("u", 0.99)], [("á", 0.6), ("ả", 0.3)]])
    variants = choice_variants(unsure)
    assert set(variants) == {"quả"}
    assert variants["quả"] == pytest.approx(0.693, abs=0.01)  # −log(0.3 / 0.6)


def test_a_reading_is_in_context_when_it_makes_a_likely_pair_with_a_neighbour(restorer):
    line = "các chỉ tiêu. Xyzq chí tiêu"
    found = {span.start: span.text for span in spans(line)}
    paired = read_in_context(restorer.decoder, spans(line))
    assert sorted(found[offset] for offset in paired) == ["chỉ", "tiêu"]  # not across the full stop, nor "chí tiêu"


def test_changing_a_confident_reading_in_context_costs_more(restorer):
    def change_costs(in_context):
        candidates = word_candidates(restorer.decoder, word("chỉ", 96, sure("chỉ")), "chỉ", "accented", in_context)
        return {c.form: c.cost for c in candidates}

    alone, paired = change_costs(False), change_costs(True)
    assert paired[lm_form("chỉ")] == alone[lm_form("chỉ")]  # keeping the reading costs no more
    assert paired["chi"] - alone["chi"] == pytest.approx(READ_IN_CONTEXT_COST)
    unsure = word_candidates(restorer.decoder, word("chỉ", 60, sure("chỉ")), "chỉ", "accented", True)
    assert {c.form: c.cost for c in unsure}["chi"] == pytest.approx(alone["chi"] - CONFIDENT_CHANGE_COST)


def test_unsure_word_takes_the_alternative_the_context_wants(restorer):
    page = page_of([word("Kết"), word("quá", 55, sure("qu") + [[("á", 0.55), ("ả", 0.45)]]), word("thực"), word("hiện")])
    restored = restorer.restore_page(page)
    assert restored.text == "Kết quả thực hiện"
    assert page.text == "Kết quá thực hiện"  # the input page is left as it was


def test_an_unsure_word_may_have_lost_a_letter(restorer):
    read = [word("Giám"), word("đốc"), word("ở", 40), word("Y"), word("tế"), word("có"), word("trách"), word("hiệm", 40)]
    assert restorer.restore_page(page_of(read)).text == "Giám đốc sở Y tế có trách nhiệm"
    confident = [word("cảm"), word("ơn", 96, sure("ơn"))]
    assert restorer.restore_page(page_of(confident)).text == "cảm ơn"


def test_a_digit_read_as_a_letter_is_the_number_its_alternatives_and_context_say(restorer):
    six = [[("ó", 0.95), ("6", 0.35), ("é", 0.13)]]
    date = [word(w, 95, sure(w)) for w in "ngày 24 tháng".split()] + [word("ó", 92, six)] + [word(w, 95, sure(w)) for w in "năm 2025".split()]
    assert restorer.restore_page(page_of(date)).text == "ngày 24 tháng 6 năm 2025"
    pollution = [word(w, 95, sure(w)) for w in "gây".split()] + [word("ô", 92, [[("ô", 0.95), ("6", 0.35)]])]
    pollution += [word(w, 95, sure(w)) for w in "nhiễm môi trường".split()]
    assert restorer.restore_page(page_of(pollution)).text == "gây ô nhiễm môi trường"


def test_clean_confident_reading_is_kept(restorer):
    text = "Ủy ban nhân dân tỉnh Bắc Giang ban hành kế hoạch tổ chức thực hiện"
    page = page_of([word(w, 95, sure(w)) for w in text.split()])
    assert restorer.restore_page(page).text == text


def test_a_code_in_a_sentence_keeps_its_reading(restorer):
    sentence = [word("Văn"), word("bản"), word("HAN", 80), word("đã"), word("ban"), word("hành")]
    assert restorer.restore_page(page_of(sentence)).text == "Văn bản HAN đã ban hành"
    heading = [word(w, 80) for w in "ỦY BAN NHÂN DÂN TỈNH HA NAM".split()]  # capitals: a word that lost its mark
    assert restorer.restore_page(page_of(heading)).text == "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"


def test_folded_eng_page_gets_diacritics(restorer):
    page = page_of([word(w, 80) for w in "Nghi dinh s6 32/2024/ND-CP ciia Chinh phu".split()])
    assert restorer.restore_page(page).text == "Nghị định số 32/2024/NĐ-CP của Chính phủ"


def test_words_keep_their_boxes_and_punctuation(restorer):
    page = page_of([word("ke", 70), word("hoach;", 70), word("(UBND)", 90)])
    restored = restorer.restore_page(page)
    assert [w.text for w in restored.lines[0].words] == ["kế", "hoạch;", "(UBND)"]
    assert [w.bbox for w in restored.lines[0].words] == [w.bbox for w in page.lines[0].words]


def in_sentences(codes):
    """One sentence per code, the code in a document number and alone."""
    return [f"Căn cứ văn bản số {n}/2024/{code} ngày 15/3/2024 và {code} của cơ quan." for n, code in enumerate(codes, 10)]


def compact(codes):
    """Four codes a line: two in short document numbers, two alone, the last ending the line."""
    lines = []
    for first in range(0, len(codes), 4):
        cited = [f"{10 + first // 2 + i}/{'2024/' if i else ''}{code}" if i < 2 else code for i, code in enumerate(codes[first : first + 4])]
        lines.append(f"Căn cứ {', '.join(cited[:-1])} và {cited[-1]}" if len(cited) > 1 else f"Căn cứ {cited[0]}")
    return lines


def occurrences(code, text):
    return len(re.findall(rf"(?<![\w&-]){re.escape(code)}(?![\w&-])", text))


@pytest.mark.heavy
@pytest.mark.parametrize(
    "arrangement, style, dpi, damage",
    [
        (in_sentences, synth.DIRECTIVE, 300, None),
        (compact, synth.Typesetting(family="Liberation Sans", body_pt=11, line_spacing=1.15), 200, "scan"),
    ],
    ids=["serif-300-dpi-sentences", "sans-200-dpi-scanned-compact"],
)
def test_every_issuer_code_of_the_corpus_survives_ocr_and_restoration(restorer, arrangement, style, dpi, damage):
    """Each issuer code the corpus numbers documents with, typeset in document numbers and
    standing alone (one sentence a code, or four codes a line), rendered (clean, or scanned),
    read by Tesseract and restored, comes out as written, as often as it was typeset."""
    codes = sorted(restorer.decoder.channel.issuer_codes)
    lines = arrangement(codes)
    def read(number_and_spec):
        number, spec = number_and_spec
        image = synth.render(spec, dpi, style)
        if damage:
            image, _ = synth.damage_page(image, synth.sample_damage(damage, number), dpi, number)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return ocr_page(PageJob("codes.png", number, dpi, image=buffer.getvalue()))

    # Tesseract runs as a program, so two threads keep both cores busy.
    with ThreadPoolExecutor(max_workers=2) as pool:
        pages = list(pool.map(read, enumerate(synth.paginate(lines, dpi, style=style), 1)))
    text = "\n".join(restorer.restore_page(page).text for page in pages)
    written = "\n".join(lines)
    assert len(codes) > 50
    assert {code: occurrences(code, text) for code in codes} == {code: occurrences(code, written) for code in codes}


def test_a_confident_foreign_word_keeps_its_reading(restorer):
    text = "Máy cắt tấm bán dẫn thành từng die riêng, gắn die, chip lên khung"
    assert restorer.restore_page(page_of([word(w, 95, sure(w)) for w in text.split()])).text == text


def test_lines_in_another_language_are_left_as_read(restorer):
    english = [
        "Pursuant to the Decree No. 15/2020/ND-CP on fees and charges;",
        "The Minister of Finance hereby promulgates this Circular on",
        "fees for licensing of karaoke services and collection thereof.",
    ]
    misread = [word(w, 95, sure(w)) for w in "Thủ trưởng các cơ quan".split()] + [word("tố", 70, sure("tố")), word("chức", 95, sure("chức"))]
    restored = restorer.restore_page(page_of(*[[word(w, 95, sure(w)) for w in line.split()] for line in english], misread))
    assert restored.text.split("\n") == [*english, "Thủ trưởng các cơ quan tổ chức"]  # the page's own line restored


def test_a_line_of_initials_is_no_foreign_line():
    assert not foreign_line(spans("- TT HĐND, UBND, UBMTTQ VN TP; các sở, ngành"))
    assert foreign_line(spans("silicon carbide (SiC), gallium arsenide (GaAs), gallium nitride"))
