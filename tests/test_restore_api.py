"""The public restoration API on the shipped model: diacritics, OCR damage,
identifiers, line structure and bad input."""

import time

import pytest

from ccn_docs.restore import default_restorer, restore_text, restore_tokens
from ccn_docs.scoring import syllable_accuracy
from ccn_docs.vietnamese import fold

from .timing import fastest_cpu_time

REFERENCE = (
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố "
    "tăng cường công tác quản lý, phát triển cụm công nghiệp trên địa bàn tỉnh."
)


@pytest.fixture(scope="module")
def restorer():
    return default_restorer()  # loaded once for the whole test run


def test_stripped_text_gets_its_diacritics_back(restorer):
    restored = restorer.restore_text(fold(REFERENCE))
    assert syllable_accuracy(restored, REFERENCE) >= 0.95


def test_eng_ocr_damage_is_mended(restorer):
    damaged = "Nghi dinh s6 32/2024/ND-CP ngay 15/3/2024 ciia Chinh phu vé quan 1y, phat trién cum cong nghiép"
    restored = restorer.restore_text(damaged)
    assert restored.startswith("Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ về quản lý")


@pytest.mark.parametrize("code", ["ND-CP", "Nb-CP", "NÐ-CP", "NĐ-CP"])
def test_issuer_codes_are_mended(restorer, code):
    assert restorer.restore_text(f"Nghi dinh so 32/2024/{code}") == "Nghị định số 32/2024/NĐ-CP"


def test_clean_vietnamese_is_left_alone(restorer):
    assert restorer.restore_text(REFERENCE) == REFERENCE


def test_abbreviations_case_numbers_and_punctuation_are_kept(restorer):
    text = "UBND tinh, HDND tinh va CCN Dong Vang: 12,5 ha (TTHC)."
    restored = restorer.restore_text(text)
    assert restored.startswith("UBND tỉnh, HĐND tỉnh và CCN")
    assert restored.endswith(": 12,5 ha (TTHC).")


def test_one_output_line_per_input_line(restorer):
    text = "ke hoach\n\n  \nbao cao ket qua\n"
    restored = restorer.restore_text(text)
    assert restored.split("\n") == ["kế hoạch", "", "  ", "báo cáo kết quả", ""]


def test_tokens_carry_confidence_and_runner_ups(restorer):
    lines = restorer.restore_tokens("ban hanh ke hoach\n")
    assert [t.text for t in lines[0]] == ["ban", "hành", "kế", "hoạch"]
    assert len(lines) == 2 and lines[1] == []
    for token in lines[0]:
        assert 0 < token.confidence <= 1
        assert all(alternative != token.text for alternative, _ in token.alternatives)
    assert any(token.alternatives for token in lines[0])


def test_module_level_functions_use_the_default_model():
    assert restore_text("ke hoach") == "kế hoạch"
    assert restore_tokens("ke hoach")[0][0].text == "kế"


def test_empty_text(restorer):
    assert restorer.restore_text("") == ""
    assert restorer.restore_tokens("") == [[]]


def test_another_language_passes_through(restorer):
    english = "The committee will review the budget report before the meeting on Monday.\nThanks to all."
    assert restorer.restore_text(english) == english


def test_long_lines_take_linear_time(restorer):
    sentence = fold(REFERENCE) + " "
    short = sentence * 62
    long = sentence * 620  # over 100,000 characters on one line
    assert len(long) >= 100_000

    short_time, _ = fastest_cpu_time(lambda: restorer.restore_text(short), runs=5)
    long_time, restored = fastest_cpu_time(lambda: restorer.restore_text(long), runs=3)
    assert restored.count("\n") == 0
    assert long_time < 30 * max(short_time, 0.01)  # ten times the text, well under thirty times the time
    assert long_time < 20


def test_a_100k_character_token_does_not_hang(restorer):
    blob = "x" * 100_000
    started = time.perf_counter()
    assert restorer.restore_text(blob) == blob
    assert time.perf_counter() - started < 5


def test_a_line_read_in_a_geometric_face_is_restored():
    """A single-storey "a" read as "o" makes syllables of their own ("vò", "tọi"); the language model
    puts the meant ones back."""
    read = "Xét đề nghị của Ủy bon nhân dôn Thònh phố tọi Tờ trình số 393/TTr-UBND ngòy 18 thóng 11 năm 2025"
    meant = "Xét đề nghị của Ủy ban nhân dân Thành phố tại Tờ trình số 393/TTr-UBND ngày 18 tháng 11 năm 2025"
    assert restore_text(read) == meant
