"""The OCR channel fitted to one text: which tone marks its reader put for which.

How often Tesseract writes a wrong tone depends on the typeface, its size and the
damage: on one face it reads the hook above a circumflex ("ể") as an acute accent
("ế") on every other such syllable, on another never. The first decoding's choices
show, syllable by syllable, which tone the text's OCR wrote for the tone chosen;
mixed with the channel's overall rate as a prior, those counts give the text's own
P(tone written | tone meant) for each kind of vowel, and each candidate that differs
from the reading only in its tone is costed again with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from ..vietnamese import split_tone
from .candidates import Candidate
from .segment import lm_form

TONES = 6
CIRCUMFLEX, OTHER_MARK = "âêô", "ăơư"
PRIOR_WEIGHT = 50.0  # syllables' worth of the channel's overall rate in each tone's estimate (bench/tune.py compares 20 and 200)


def vowel_kind(base: str) -> int:
    """0 plain vowels, 1 a circumflex (the hook above it is the mark OCR loses most), 2 a breve or horn."""
    if any(c in CIRCUMFLEX for c in base):
        return 1
    return 2 if any(c in OTHER_MARK for c in base) else 0


@lru_cache(maxsize=200_000)  # a text's candidates repeat; this runs for every one
def tone_pair(observed: str, form: str) -> tuple[int, int, int] | None:
    """(vowel kind, tone of ``form``, tone of ``observed``) when the two differ in
    their tone at most; None when their letters or quality marks differ."""
    base_observed, tone_observed = split_tone(observed)
    base_form, tone_form = split_tone(form)
    if base_observed != base_form:
        return None
    return vowel_kind(base_form), tone_form, tone_observed


class ToneChannel:
    """−log P(tone written | tone meant) per vowel kind, from counts of one text's
    decoded syllables and the prior rate ``tone_rate`` of any one wrong tone."""

    def __init__(self, counts: np.ndarray, tone_rate: float) -> None:
        prior = np.full((TONES, TONES), tone_rate)
        np.fill_diagonal(prior, 1.0 - (TONES - 1) * tone_rate)
        totals = counts.sum(axis=2, keepdims=True)
        probability = (counts + PRIOR_WEIGHT * prior) / (totals + PRIOR_WEIGHT)
        # Relative to keeping the reading: what each position's candidates share cancels.
        cost = -np.log(probability)
        self.delta = cost - np.diagonal(cost, axis1=1, axis2=2)[:, None, :]
        prior_cost = -np.log(prior)
        self.delta -= prior_cost - np.diagonal(prior_cost)[None, :]

    def extra_cost(self, observed: str, form: str | None) -> float:
        """What the text's own rates add to (or take from) a candidate's channel cost."""
        if form is None:
            return 0.0
        pair = tone_pair(observed, form)
        return 0.0 if pair is None else float(self.delta[pair])


def count_tones(units: Iterable) -> np.ndarray:
    """[vowel kind, tone chosen, tone written] counts over decoded units."""
    counts = np.zeros((3, TONES, TONES))
    for unit in units:
        if not unit.candidates or unit.fixed is not None:
            continue
        form = unit.candidates[unit.choice].form
        if form is not None:
            pair = tone_pair(lm_form(unit.observed), form)
            if pair is not None:
                counts[pair] += 1
    return counts


def adapted_candidates(observed: str, candidates: tuple[Candidate, ...], channel: ToneChannel) -> tuple[Candidate, ...]:
    """``candidates`` of the token ``observed``, costed with the text's own tone rates."""
    form = lm_form(observed)
    return tuple(Candidate(c.form, c.id, c.cost + channel.extra_cost(form, c.form)) for c in candidates)
