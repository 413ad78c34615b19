import pytest

from ccn_docs.vietnamese import fold, normalize_syllable, normalize_text, split_tone, syllables


@pytest.mark.parametrize(
    "new_style, old_style",
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Uỷ", "Ủy"), ("hoàn", "hoàn"),
     ("quả", "quả"), ("giữ", "giữ"), ("người", "người"), ("ngoài", "ngoài"), ("khuỷu", "khuỷu")],
)
def test_tone_goes_where_the_documents_put_it(new_style, old_style):
    assert normalize_syllable(new_style) == old_style


def test_fold_removes_all_marks_including_d_bar():
    assert fold("Sở Tài chính Đà Nẵng") == "So Tai chinh Da Nang"


def test_split_tone_keeps_quality_marks():
    assert split_tone("Nghị") == ("Nghi", 5)
    assert split_tone("được") == ("đươc", 5)


def test_normalize_text_keeps_punctuation_and_numbers():
    assert normalize_text("Uỷ ban, 32/2024/NĐ-CP hoà.") == "Ủy ban, 32/2024/NĐ-CP hòa."


def test_syllables_for_scoring_ignore_case_and_punctuation():
    assert syllables("Ủy ban, NHÂN-dân hoà!") == ["ủy", "ban", "nhân", "dân", "hòa"]
