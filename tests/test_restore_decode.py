"""Decoding: Viterbi choice, case transfer, identifiers, text modes."""

import numpy as np
import pytest

from ccn_docs.restore import default_restorer
from ccn_docs.restore import decode
from ccn_docs.restore.candidates import Candidate
from ccn_docs.restore.viterbi import Segments
from ccn_docs.restore.decode import ACCENTED, FOLDED, STRIPPED, apply_case, continued_lines, rebuild_line
from ccn_docs.restore.segment import spans


@pytest.fixture(scope="module")
def decoder():
    return default_restorer().decoder


def test_apply_case():
    assert apply_case("UBND", "ubnd") == "UBND"
    assert apply_case("Nghi", "nghị") == "Nghị"
    assert apply_case("nghi", "nghị") == "nghị"
    assert apply_case("HQI", "hội") == "HỘI"
    assert apply_case("TTg", "ttg") == "TTg"  # mixed case kept when the form is unchanged


@pytest.mark.parametrize(
    "observed, mode, mended",
    [
        ("ND-CP", FOLDED, "NĐ-CP"),
        ("Nb-CP", FOLDED, "NĐ-CP"),
        ("NÐ-CP", ACCENTED, "NĐ-CP"),
        ("QD-UBND", STRIPPED, "QĐ-UBND"),
        ("XYZ-QQQQ", FOLDED, "XYZ-QQQQ"),
        ("CĐ-CT", ACCENTED, "CĐ-CT"),  # one edit from QĐ-CT, but written like a code: kept
        ("TTr-SVHTT&DL", ACCENTED, "TTr-SVHTT&DL"),
        ("TI1-BKHCN", ACCENTED, "TT-BKHCN"),  # two edits, a stray digit among them
        ("TI-BYTT", ACCENTED, "TT-BYT"),  # a doubled letter
        ("STC-CSTH", ACCENTED, "STC-CSTH"),  # two edits from BTC-CST, but a letter of its own
        ("STC-CSTH", STRIPPED, "STC-CSTH"),
        ("Nb-CP", STRIPPED, "NĐ-CP"),  # Nb is written like no code: misread, even here
    ],
)
def test_issuer_codes(decoder, observed, mode, mended):
    assert decoder.mended_code(observed, mode)[0] == mended


def test_mode_detection(decoder):
    assert decoder.mode("Uy ban nhan dan tinh".split()) == STRIPPED
    assert decoder.mode("Nghi dinh s6 ciia Chinh phu vé quan 1y".split()) == FOLDED
    assert decoder.mode("Ủy ban nhân dân tỉnh".split()) == ACCENTED


def test_context_decides_between_same_letter_syllables(decoder):
    (units,) = decoder.decode_lines(["ban hanh ke hoach thuc hien"])
    assert [u.text for u in units] == ["ban", "hành", "kế", "hoạch", "thực", "hiện"]


def test_document_numbers_are_one_fixed_unit(decoder):
    line = "theo Quyet dinh so 12/2025/QD-UBND ngay 3/4/2025"
    (units,) = decoder.decode_lines([line])
    assert "12/2025/QĐ-UBND" in [u.text for u in units]
    assert rebuild_line(line, units) == "theo Quyết định số 12/2025/QĐ-UBND ngày 3/4/2025"


@pytest.mark.parametrize(
    "line, restored",
    [
        ("số 5O1/2024/TTUT-BQP-BLĐTBXH của Bộ", "số 5O1/2024/TTLT-BQP-BLĐTBXH của Bộ"),  # after a garbled number
        ("số 691 /2024/QĐĐ-BDTTG của Bộ", "số 691 /2024/QĐ-BDTTG của Bộ"),  # after a number OCR spaced
        ("Văn bản CT-T Tg của cơ quan", "Văn bản CT-TTg của cơ quan"),  # split at a space: joined
        ("theo TI-BGDĐT NĐ-CP", "theo TT-BGDĐT NĐ-CP"),  # a code of its own after it: not joined
        ("các cơ quan TI-'VPCP và", "các cơ quan TT-VPCP và"),  # a stray quote before a part
        ("Báo cáo gửi TIr--NHNN", "Báo cáo gửi TTr-NHNN"),  # a stray mark after the hyphen
        ("Văn bản CĐ- TTg của", "Văn bản CĐ-TTg của"),  # a space after the hyphen
        ("Căn cứ 39/2024/5STC-QLGCS của", "Căn cứ 39/2024/STC-QLGCS của"),  # a stray digit before it
    ],
)
def test_issuer_codes_ocr_garbled_around_are_mended(decoder, line, restored):
    (units,) = decoder.decode_lines([line])
    assert rebuild_line(line, units) == restored


def test_explain_gives_probabilities(decoder):
    (units,) = decoder.decode_lines(["ke hoach"], explain=True)
    for unit in units:
        total = unit.confidence + sum(p for _, p in unit.alternatives)
        assert 0 < unit.confidence <= 1 and total <= 1.0001


def test_joined_words_are_split_in_ocr_output(decoder):
    line = "Chinh phu vé thuc hienke hoach s6 1"
    (units,) = decoder.decode_lines([line])
    assert rebuild_line(line, units).startswith("Chính phủ về thực hiện kế hoạch")


def test_stripped_text_keeps_unknown_words_whole(decoder):
    line = "Cong ty Tan cang Petro Cam Ranh"
    (units,) = decoder.decode_lines([line])
    assert rebuild_line(line, units) == "Công ty Tân cảng Petro Cam Ranh"


def test_broken_word_is_merged(decoder):
    line = "Tổ chức thực hi ện kế hoạch"
    (units,) = decoder.decode_lines([line])
    assert rebuild_line(line, units) == "Tổ chức thực hiện kế hoạch"


def test_two_known_words_are_not_merged(decoder):
    line = "Kết quả tổ chức thực hiện nhiệm vụ"
    (units,) = decoder.decode_lines([line])
    assert rebuild_line(line, units) == line


def test_party_document_numbers_are_kept(decoder):
    line = "Chi thi so 31-CT/TU cua Tinh uy"
    (units,) = decoder.decode_lines([line])
    assert rebuild_line(line, units) == "Chỉ thị số 31-CT/TU của Tỉnh ủy"


def test_a_parts_roman_number_opening_a_line_is_kept(decoder):
    lines = ["VI. TO CHUC THUC HIEN", "VI", "THU TRUONG DON VI"]
    decoded = decoder.decode_lines(lines)
    assert [rebuild_line(line, units) for line, units in zip(lines, decoded)] == [
        "VI. TỔ CHỨC THỰC HIỆN", "VI", "THỦ TRƯỞNG ĐƠN VỊ",
    ]


def test_a_text_keeps_its_own_spelling_of_a_word(decoder):
    lines = ["cap the can cuoc cong dan cho nguoi dan"] * 3 + ["the nay"]
    decoded = decoder.decode_lines(lines)
    assert [u.text for u in decoded[0]][:2] == ["cấp", "thẻ"]
    assert [u.text for u in decoded[-1]] == ["thẻ", "này"]


def test_the_cache_boosts_what_the_text_chose_in_proportion(decoder):
    lines = ["cap the can cuoc", "cap the can cuoc", "ke hoach"]
    units = [decoder.units(line, STRIPPED, spans(line)) for line in lines]
    decoder.decode(units, STRIPPED)
    distinct = {}
    for line in units:
        distinct.setdefault(tuple(u.candidates for u in line), []).append(line)
    boost = decoder.cache_boost(distinct)
    card = units[0][1].candidates[units[0][1].choice].id
    plan = units[2][1].candidates[units[2][1].choice].id
    assert boost[card] == pytest.approx(2 * boost[plan]) and boost[card] > 0
    # Mixed in with weight μ, the cache's probabilities sum to one: μ / (1 − μ) after scaling.
    assert boost.sum() == pytest.approx(decode.CACHE_WEIGHT / (1 - decode.CACHE_WEIGHT))


@pytest.fixture
def searched(monkeypatch):
    """The number of context segments of each search the decoder runs."""
    counts = []
    real = decode.best_paths

    def recording(model, segments, boost, start):
        counts.append(len(segments.unit_start) - 1)
        return real(model, segments, boost, start)

    monkeypatch.setattr(decode, "best_paths", recording)
    return counts


def test_accented_text_gets_tone_passes_not_cache_passes(decoder, searched):
    decoder.decode_lines(["Kế hoạch thực hiện nhiệm vụ"])
    assert len(searched) == 1 + decode.TONE_PASSES
    decoder.decode_lines(["ke hoach thuc hien nhiem vu"])
    assert len(searched) == 1 + decode.TONE_PASSES + 1 + decode.CACHE_PASSES


def reading_units(choices_and_forms):
    """Units of one letter sequence, each choosing among the forms ``thể`` (id 1), ``thẻ`` (id 2)."""
    forms = (Candidate("thể", 1, 0.0), Candidate("thẻ", 2, 0.0))
    return [decode.Unit(0, 3, "the", forms, False, choice=choice) for choice in choices_and_forms]


def test_an_ambiguous_choice_gets_a_bonus_from_confident_readings_elsewhere():
    units = reading_units([1, 1, 0])  # thẻ twice with confidence, then thể by a hair
    keys = [(("the",),)] * 3
    bonus, changed = decode.reading_bonus(units, keys, np.array([10.0, 10.0, 0.5]), np.arange(0, 8, 2), 2.0)
    assert bonus[4:].tolist() == pytest.approx([0.0, 2.0 * 2 / 3])  # two readings and one of doubt
    assert changed.tolist() == [False, False, True]
    assert not bonus[:4].any()  # confident choices are left alone


def test_a_reading_never_feeds_itself():
    units = reading_units([0, 1])  # both confident enough to count, not enough to be left alone
    margin = (decode.READINGS_MARGIN + decode.AMBIGUOUS_MARGIN) / 2
    bonus, changed = decode.reading_bonus(units, [(("the",),)] * 2, np.array([margin, margin]), np.arange(0, 6, 2), 2.0)
    assert bonus.tolist() == pytest.approx([0.0, 1.0, 1.0, 0.0])
    assert changed.all()
    alone, changed = decode.reading_bonus(units[:1], [(("the",),)], np.array([margin]), np.arange(0, 4, 2), 2.0)
    assert not alone.any() and not changed.any()


def test_readings_are_filed_under_neighbouring_letters_within_a_segment():
    units = [decode.Unit(0, 1, word, (), False) for word in ("Ho", "so", "du", "thau")]
    keys = decode.reading_keys(units, np.array([0, 3, 4]), by_syllable=False)
    assert keys == [
        (("ho", "so", "before"),),
        (("ho", "so", "after"), ("so", "du", "before")),
        (("so", "du", "after"),),
        (),
    ]
    assert decode.reading_keys(units, np.array([0, 3, 4]), by_syllable=True)[3] == (("thau",),)


def test_accented_text_takes_the_confident_readings_only_on_ocr_pages(decoder, monkeypatch):
    asked = []
    real = decode.reading_keys

    def recording(units, unit_start, by_syllable):
        asked.append(by_syllable)
        return real(units, unit_start, by_syllable)

    monkeypatch.setattr(decode, "reading_keys", recording)
    line = "Sở Giáo dục và Đào tạo, Sơ Giáo dục"
    decoder.decode([decoder.units(line, ACCENTED, spans(line))], ACCENTED)
    assert asked == []
    decoder.decode([decoder.units(line, ACCENTED, spans(line))], ACCENTED, ocr_evidence=True)
    decoder.decode([decoder.units("So Giao duc", STRIPPED, spans("So Giao duc"))], STRIPPED)
    assert asked == [True, False]


def test_a_text_that_repeats_no_word_is_not_searched_again(decoder, searched):
    decoder.decode_lines(["ke hoach thuc hien nhiem vu nam 2025"])
    assert len(searched) == 1 + decode.CACHE_PASSES


def test_selected_segments_keep_their_units_and_candidates():
    flat = Segments(
        unit_start=np.array([0, 2, 3, 5]),
        candidate_start=np.array([0, 2, 3, 6, 7, 9]),
        ids=np.arange(9),
        costs=np.arange(9) / 10,
    )
    selected, unit_index, candidate_index = decode.select_segments(flat, np.array([0, 2]))
    assert unit_index.tolist() == [0, 1, 3, 4]
    assert candidate_index.tolist() == [0, 1, 2, 6, 7, 8]
    assert selected.unit_start.tolist() == [0, 2, 4]
    assert selected.candidate_start.tolist() == [0, 2, 3, 4, 6]
    assert selected.ids.tolist() == [0, 1, 2, 6, 7, 8]


def test_a_repeated_segment_is_searched_once_and_decoded_alike(decoder, searched):
    lines = ["Nhu tren; ke hoach thuc hien.", "ke hoach thuc hien", "Nhu tren"]
    units = [decoder.units(line, STRIPPED, spans(line)) for line in lines]
    decoder.decode(units, STRIPPED)
    assert searched == [2] * (1 + decode.CACHE_PASSES)  # "nhu tren" and "ke hoach thuc hien"
    assert [u.text for u in units[1]] == [u.text for u in units[0][2:]] == ["kế", "hoạch", "thực", "hiện"]
    assert [u.text for u in units[2]] == ["Như", "trên"]


def test_mode_counts_words_mixing_letters_and_digits(decoder):
    assert decoder.mode("Nghi dinh so ba muoi hai cua Chinh phu".split()) == STRIPPED
    assert decoder.mode("Nghi dinh s6 ba muoi hai cua Chinh phu 1y".split()) == FOLDED


def test_the_list_marker_after_d_is_d_with_stroke(decoder):
    lines = ["c) Bao cao ket qua;", "d) Kiem tra dinh ky;", "d) Tong hop y kien;", "e) Cac nhiem vu khac."]
    restored = [rebuild_line(line, units) for line, units in zip(lines, decoder.decode_lines(lines))]
    assert [line.split(")")[0] for line in restored] == ["c", "d", "đ", "e"]


def test_codes_are_learned_from_the_corpus_not_listed(decoder):
    learned = decoder.channel.abbreviations
    assert {"UBND", "TTg", "PTTg", "NĐ", "CP", "QĐ", "KH", "BTC", "PTHT"} <= set(learned)
    assert not {"QUYẾT", "ĐỊNH", "BAN", "QUYET"} & set(learned)  # capitals whose letters are a syllable's


@pytest.mark.parametrize(
    "text, restored",
    [
        ("Thu tuong (TTg) va PTTg giao UBND tinh", "Thủ tướng (TTg) và PTTg giao UBND tỉnh"),
        ("theo Nghị định NĐ-CP và Quyết định QĐ-UBND, KH-UBND, BTC-PTHT", "theo Nghị định NĐ-CP và Quyết định QĐ-UBND, KH-UBND, BTC-PTHT"),
        ("Nghi dinh ND-CP cua Chinh phu", "Nghị định NĐ-CP của Chính phủ"),
        ("QUYET DINH VE VIEC BAN HANH KE HOACH", "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH"),
        ("theo Phụ lục số 1A, 1B, 3A;", "theo Phụ lục số 1A, 1B, 3A;"),
    ],
)
def test_codes_and_abbreviations_are_kept_and_capitals_words_restored(text, restored):
    assert default_restorer().restore_text(text) == restored


def test_a_code_is_one_fixed_unit_that_the_language_model_still_reads(decoder):
    line = "Thủ tướng (TTg) giao"
    [units] = decoder.decode_lines([line])
    code = next(unit for unit in units if unit.observed == "TTg")
    assert code.fixed == "TTg" and code.candidates[0].id == decoder.lm.id("ttg") != decoder.lm.unknown


def test_list_order_mends_a_misread_list_letter_in_ocr_text_too(decoder):
    items = ["kiểm tra", "báo cáo", "tổng hợp", "hướng dẫn", "thực hiện"]
    read = [f"{letter}) {item}" for letter, item in zip("abcđd", items)]
    meant = [f"{letter}) {item}" for letter, item in zip("abcdđ", items)]
    assert [rebuild_line(line, units) for line, units in zip(read, decoder.decode_lines(read))] == meant


def test_lines_wrapped_mid_sentence_carry_the_context_on():
    lines = ["các loại tia phóng", "xạ, bức xạ.", "Điều 2.", "- Lưu: VT;", "giao Sở,", "ngành", "", "Như trên"]
    assert continued_lines(lines) == [False, True, False, False, False, True, False, False]


def test_a_heading_broken_over_lines_is_decoded_as_one(decoder):
    lines = ["CONG", "HOA"]  # alone, "CÔNG" is the likelier reading of the first line
    assert [rebuild_line(line, units) for line, units in zip(lines, decoder.decode_lines(lines))] == ["CỘNG", "HÒA"]


def test_a_signature_block_line_is_a_title_of_its_own(decoder):
    lines = ["TM. UY BAN NHAN DAN", "KT. BO TRUONG", "THU TRUONG"]  # "bộ trưởng thủ trưởng" if run on
    assert continued_lines(lines) == [False, False, False]
    assert [rebuild_line(line, units) for line, units in zip(lines, decoder.decode_lines(lines))] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"
    ]


def test_a_wrapped_line_is_decoded_with_the_line_before(decoder, searched):
    decoder.decode_lines(["Ủy ban nhân dân tỉnh giao các", "sở, ngành thực hiện"])
    assert searched == [1] * (1 + decode.TONE_PASSES)  # one segment over both lines, in every pass
