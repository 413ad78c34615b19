from ccn_docs.scoring import PRF, syllable_score


def test_syllable_accuracy_counts_aligned_matches_over_reference():
    score = syllable_score("Nghi dinh số của Chính phủ", "Nghị định số của Chính phủ")
    assert (score.matches, score.reference) == (4, 6)


def test_insertions_do_not_count_as_matches_and_deletions_cost():
    assert syllable_score("a b x c", "a b c").matches == 3
    assert syllable_score("a c", "a b c").accuracy == 2 / 3


def test_tone_placement_and_case_are_ignored():
    assert syllable_score("HOÀ BÌNH", "hòa bình").accuracy == 1.0


def test_scores_add_up():
    total = syllable_score("a", "a b") + syllable_score("c", "c")
    assert (total.matches, total.reference) == (2, 3)


def test_prf():
    prf = PRF(true_positives=8, predicted=10, gold=9) + PRF(1, 1, 1)
    assert round(prf.precision, 4) == round(9 / 11, 4)
    assert prf.recall == 0.9
    assert abs(prf.f1 - 2 * (9 / 11) * 0.9 / (9 / 11 + 0.9)) < 1e-9
    assert PRF(0, 0, 0).f1 == 1.0  # nothing to find and nothing found is perfect
