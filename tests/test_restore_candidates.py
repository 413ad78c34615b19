"""Candidate generation: same-letter syllables, learned OCR confusions, fuzzy matches."""

import pytest

from ccn_docs.restore import candidates, default_restorer


@pytest.fixture(scope="module")
def generate():
    return default_restorer().decoder.generate


def forms(candidates):
    return {c.form for c in candidates}


def test_folded_token_gets_every_same_letter_syllable(generate):
    found = forms(generate.folded("hoa"))
    assert {"hóa", "hòa", "hoa", "họa"} <= found


def test_learned_confusions_reach_the_true_syllable(generate):
    assert "số" in forms(generate.folded("s6"))
    assert "của" in forms(generate.folded("ciia"))
    assert "lý" in forms(generate.folded("1y"))
    assert "độc" in forms(generate.folded("Poc"))


def test_numbers_may_be_misread_syllables_only_when_learned(generate):
    assert "số" in forms(generate.number("56"))
    assert forms(generate.number("2024")) == {None}


def test_accented_token_prefers_itself(generate):
    assert "nhân" not in generate.vie_tokens  # no learned confusion for it
    by_form = {c.form: c.cost for c in generate.accented("nhân")}
    assert "nhận" in by_form
    assert by_form["nhân"] == min(by_form.values())


def test_accented_token_uses_learned_vie_confusions(generate):
    lm = generate.lm
    proposable = {
        observed: [t for t in truths if t in lm.index and lm.candidate[lm.index[t]]]
        for observed, truths in sorted(generate.vie_tokens.items())
    }
    observed, truths = next((o, t) for o, t in proposable.items() if len(t) > 1)
    by_form = {c.form: c.cost for c in generate.accented(observed)}
    assert set(truths) <= set(by_form)


def test_unknown_token_can_be_kept(generate):
    kept = [c for c in generate.folded("Xyzzqk") if c.form is None]
    assert len(kept) == 1


def test_capitalised_abbreviation_is_cheap_to_keep(generate):
    keep_abbreviation = [c.cost for c in generate.folded("CCN") if c.form is None]
    keep_word = [c.cost for c in generate.folded("ccn") if c.form is None]
    assert keep_abbreviation and keep_word and keep_abbreviation[0] < keep_word[0]


def test_a_plain_word_may_still_be_a_misreading_at_a_cost(generate):
    candidates = {c.form: c.cost for c in generate.folded("hat")}
    assert candidates["hát"] == 0.0
    assert "hút" in candidates and candidates["hút"] > 0  # thu hút read as 'thu hat'


def test_a_known_word_in_capitals_is_not_edited(generate):
    assert {"con", "còn", "cơn"} <= forms(generate.folded("CON"))
    assert {key for key in forms(generate.folded("CON")) if key} <= set(forms(generate.folded("con")))
    assert "cuốn" not in forms(generate.folded("CON"))


def test_noise_inside_a_word_falls_back_to_its_letters(generate):
    assert "nghiệp" in forms(generate.folded("nghié¢p"))
    assert "có" in forms(generate.folded("co6"))


def test_syllables_a_letter_away_keep_the_marks(generate):
    assert {"người", "cười", "mười"} <= forms(generate.one_letter_away("ười"))  # a two-letter onset lost too
    assert {"nhận", "thận"} <= forms(generate.one_letter_away("hận"))
    found = generate.one_letter_away("táng")
    assert "tháng" in forms(found) and "tảng" not in forms(found)  # marks stay as read
    assert {c.cost for c in found} == {candidates.LETTER_EDIT_COST}
    assert generate.one_letter_away("2025") == ()


def test_letters_a_geometric_face_draws_alike_are_read_back_marks_kept():
    assert dict(candidates.shape_variants("vò")) == {"và": 1}
    assert ("luật", 1) in candidates.shape_variants("luột")
    assert ("quyết", 1) in candidates.shape_variants("quuết")
    assert ("ngày", 2) in candidates.shape_variants("ngòu")
    assert candidates.shape_variants("thư") == []  # a horned "ư" is never a "y"
    assert candidates.shape_variants("biển") == []


def test_a_syllable_read_in_a_geometric_face_gets_the_one_it_was_drawn_as(generate):
    by_form = {c.form: c.cost for c in generate.accented("cóc")}
    assert by_form["các"] == candidates.SHAPE_MISREADING_COST
    assert by_form["cóc"] == min(by_form.values())  # the reading itself stays the cheapest
    assert "và" in forms(generate.accented("vò"))
