"""bench/tune.py: the kinds of error left in restored stripped text."""

import pytest

from bench.tune import ERROR_KINDS, error_kinds

TONE, VOWEL_MARK, D_OR_DJ, NAME, OPENING, USUAL_READING = ERROR_KINDS


def test_a_right_restoration_has_no_error() -> None:
    text = "Ủy ban nhân dân tỉnh Cà Mau.\nSở Tài chính"
    assert error_kinds(text, text) == {}


def test_what_is_wrong_is_told_apart() -> None:
    reference = "kế hoạch sửa lỗi của đơn vị"
    restored = "kê hoạch sửa lợi của dơn vị"
    kinds = error_kinds(restored, reference)
    assert kinds["errors"] == 3
    assert kinds[TONE] == 1  # kê for kế
    assert kinds[VOWEL_MARK] == 1  # lợi for lỗi
    assert kinds[D_OR_DJ] == 1  # dơn for đơn


def test_names_are_capitalised_words_inside_a_sentence() -> None:
    reference = "Thành lập xã Tân Ân. Đầm Dơi có ĐIỆN"
    restored = "Thanh lập xã Tân An. Đâm Dơi có ĐIỂN"
    kinds = error_kinds(restored, reference)
    assert kinds["errors"] == 4
    assert kinds[NAME] == 1  # Ân, after "Tân"
    assert kinds[OPENING] == 3  # Thành and Đầm open a sentence, ĐIỆN is in capitals


def test_the_documents_usual_reading_is_counted() -> None:
    reference = "sửa lỗi, báo lỗi, lỗi nhỏ, lợi ích"
    restored = "sửa lợi, báo lỗi, lỗi nhỏ, lỗi ích"
    kinds = error_kinds(restored, reference)
    assert kinds["errors"] == 2
    assert kinds[USUAL_READING] == 1  # lỗi is the reference's reading of "loi" three times in four


def test_a_restoration_with_other_words_is_refused() -> None:
    with pytest.raises(ValueError):
        error_kinds("kế hoạch năm", "kế hoạch")
