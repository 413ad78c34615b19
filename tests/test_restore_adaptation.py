"""The OCR channel fitted to one text: its own tone confusions."""

import numpy as np
import pytest

from ccn_docs.restore.adaptation import TONES, ToneChannel, adapted_candidates, count_tones, tone_pair, vowel_kind
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
    adapted = adapted_candidates("Thế", base, channel)
    assert [c.form for c in adapted] == ["thế", "thể", None]
    assert adapted[1].cost < 4.2 and adapted[2].cost == 10.0
