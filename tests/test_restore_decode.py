"""Decoding: Viterbi choice, case transfer, identifiers, text modes."""

import pytest

from ccn_docs.restore import default_restorer
from ccn_docs.restore.decode import ACCENTED, FOLDED, STRIPPED, apply_case, rebuild_line


@pytest.fixture(scope="module")
def decoder():
    return default_restorer().decoder


def test_apply_case():
    assert apply_case("UBND", "ubnd") == "UBND"
    assert apply_case("Nghi", "nghị") == "Nghị"
    assert apply_case("nghi", "nghị") == "nghị"
    assert apply_case("HQI", "hội") == "HỘI"


@pytest.mark.parametrize(
    "observed, mended",
    [("ND-CP", "NĐ-CP"), ("Nb-CP", "NĐ-CP"), ("NÐ-CP", "NĐ-CP"), ("QD-UBND", "QĐ-UBND"), ("XYZ-QQQQ", "XYZ-QQQQ")],
)
def test_issuer_codes(decoder, observed, mended):
    assert decoder.mend_code(observed) == mended


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


def test_explain_gives_probabilities(decoder):
    (units,) = decoder.decode_lines(["ke hoach"], explain=True)
    for unit in units:
        total = unit.confidence + sum(p for _, p in unit.alternatives)
        assert 0 < unit.confidence <= 1 and total <= 1.0001


def test_joined_words_are_split(decoder):
    (units,) = decoder.decode_lines(["thuc hienke hoach"])
    assert rebuild_line("thuc hienke hoach", units) == "thực hiện kế hoạch"


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


def test_a_text_keeps_its_own_spelling_of_a_word(decoder):
    lines = ["cap the can cuoc cong dan cho nguoi dan"] * 3 + ["the nay"]
    decoded = decoder.decode_lines(lines)
    assert [u.text for u in decoded[0]][:2] == ["cấp", "thẻ"]
    assert [u.text for u in decoded[-1]] == ["thẻ", "này"]


def test_no_consistency_costs_when_the_text_uses_the_usual_spelling(decoder):
    units = decoder.decode_lines(["ke hoach thuc hien ke hoach"] * 3)
    assert decoder.minority_costs(units) == {}
