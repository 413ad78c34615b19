"""Tokenisation shared by model building and decoding."""

from ccn_docs.restore.segment import NUMBER, fold_key, lm_form, marks_of, spans


def test_spans_keep_ocr_noise_inside_words_and_mark_boundaries():
    found = spans("Vi€t Nam, ngay 15/3. Tiep")
    assert [s.text for s in found] == ["Vi€t", "Nam", "ngay", "15", "3", "Tiep"]
    assert [s.boundary_before for s in found] == [True, False, False, False, False, True]


def test_lm_form_normalises_case_tone_placement_and_numbers():
    assert lm_form("Hoà") == "hòa"
    assert lm_form("2024") == NUMBER


def test_fold_key_and_marks():
    assert fold_key("Đồng") == "dong"
    assert marks_of("triển") == (3, "ê")
