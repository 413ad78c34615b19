"""The OCR channel fitted to one text: its own tone and vowel-mark confusions."""

import numpy as np
import pytest

from ccn_docs.restore.adaptation import (
    MARK_LETTERS,
    TONES,
    MarkChannel,
    ToneChannel,
    adapted_candidates,
    count_marks,
    count_tones,
    mark_pairs,
    tone_pair,
    vowel_kind,
)
from ccn_docs.restore.candidates import Candidate
from ccn_docs.restore.decode import Unit

RATE = 0.015


def unit(observed: str, chosen: str) -> Unit:
    return Unit(0, len(observed), observed, (Candidate(chosen, 1, 0.0),), True)


def test_vowel_kinds_and_tone_pairs():
    assert [vowel_kind(base) for base in ("tinh", "thê", "thương")] == [0, 1, 2]
    assert tone_pair("thế", "thể") == (1, 3, 1)  # circumflex, hook meant, acute written
    assert tone_pair("thế", "thế") == (1, 1, 1)
    assert tone_pair("thế", "thé") is None  # a quality mark differs too


def test_tones_are_counted_from_the_choices():
    counts = count_tones([unit("thế", "thể"), unit("tổ", "tổ"), unit("Phát", "phát"), unit("cuc", "cục")])
    assert counts[1, 3, 1] == 1 and counts[1, 3, 3] == 1
    assert counts[0, 1, 1] == 1 and counts[0, 5, 0] == 1
    assert counts.sum() == 4


def test_no_evidence_changes_nothing():
    channel = ToneChannel(np.zeros((3, TONES, TONES)), RATE)
    assert channel.extra_cost("thế", "thể") == pytest.approx(0.0)
    assert channel.extra_cost("thế", "thế") == pytest.approx(0.0)


def test_a_text_that_writes_acute_for_hook_makes_the_hook_cheaper_where_acute_is_read():
    counts = np.zeros((3, TONES, TONES))
    counts[1, 3, 1] = 30  # hook meant, acute written: on a circumflex vowel
    counts[1, 3, 3] = 30
    counts[1, 1, 1] = 200
    channel = ToneChannel(counts, RATE)
    assert channel.extra_cost("thế", "thể") < -2.0  # the hook reading now costs much less
    assert channel.extra_cost("thể", "thế") > 0.0  # an acute read as hook: no evidence, a little dearer
    assert channel.extra_cost("phát", "phảt") == pytest.approx(0.0)  # other vowels: no evidence either way
    assert channel.extra_cost("thế", None) == 0.0  # keeping the token as it is


def test_candidates_are_costed_again():
    counts = np.zeros((3, TONES, TONES))
    counts[1, 3, 1] = 30
    channel = ToneChannel(counts, RATE)
    base = (Candidate("thế", 1, 0.0), Candidate("thể", 2, 4.2), Candidate(None, 3, 10.0))
    adapted = adapted_candidates("Thế", base, (channel,))
    assert [c.form for c in adapted] == ["thế", "thể", None]
    assert adapted[1].cost < 4.2 and adapted[2].cost == 10.0


def letters(pair: str) -> tuple[int, int]:
    return MARK_LETTERS.index(pair[0]), MARK_LETTERS.index(pair[1])


def test_mark_pairs_are_the_marked_letters_meant_and_written():
    assert mark_pairs("dụng", "dựng") == (letters("dd"), letters("ưu"))
    assert mark_pairs("Đường", "đường") == (letters("đđ"), letters("ưư"), letters("ơơ"))
    assert mark_pairs("phế", "phố") is None  # ê and ô are other letters, not one letter's marks
    assert mark_pairs("tu", "tư") == (letters("ưu"),)
    assert mark_pairs("thì", "thi") == ()  # no marked letter, only the tone


def test_marks_are_counted_from_the_choices():
    counts = count_marks([unit("thục", "thực"), unit("tư", "tư"), unit("cuc", "cục")])
    assert counts[letters("ưu")] == 1 and counts[letters("ưư")] == 1 and counts[letters("uu")] == 1
    assert counts.sum() == 3


def test_a_text_that_drops_the_horn_makes_the_horn_cheaper_where_u_is_read():
    rate = 0.01
    assert MarkChannel(np.zeros((len(MARK_LETTERS),) * 2), rate).extra_cost("dụng", "dựng") == pytest.approx(0.0)
    counts = np.zeros((len(MARK_LETTERS),) * 2)
    counts[letters("ưu")] = 40  # the horn lost on most of the text's ư
    counts[letters("ưư")] = 20
    counts[letters("uu")] = 300
    horn_lost = MarkChannel(counts, rate)
    assert horn_lost.extra_cost("dụng", "dựng") < -2.0
    assert horn_lost.extra_cost("dựng", "dụng") > 0.0  # a horn read where none is: no evidence, a little dearer
    assert horn_lost.extra_cost("phế", "phố") == 0.0 and horn_lost.extra_cost("dụng", None) == 0.0
    counts[letters("ưu")] = 0
    assert MarkChannel(counts, rate).extra_cost("dụng", "dựng") > 0.0  # a text that keeps its horns
