"""The OCR channel fitted to one text: which tone marks and vowel marks its reader put for which.

How often Tesseract writes a wrong tone depends on the typeface, its size and the
damage: on one face it reads the hook above a circumflex ("ể") as an acute accent
("ế") on every other such syllable, on another never. The first decoding's choices
show, syllable by syllable, which tone the text's OCR wrote for the tone chosen;
mixed with the channel's overall rate as a prior, those counts give the text's own
P(tone written | tone meant) for each kind of vowel, and each candidate that differs
from the reading only in its tone is costed again with it.

The marks that make a letter of another (the horn of "ư", the circumflex of "ô", the
bar of "đ") are lost the same way: a typewriter face's horn is a speck that Tesseract
drops on most "ư" of a page, where another face keeps every one. The same counts, per
letter, give the text's own P(letter written | letter meant) within each group of letters
that differ only in such a mark, and a candidate that differs from the reading in those
marks is costed again with it.
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
# Letters that differ only in a quality mark or the bar of đ, group by group.
MARK_GROUPS = ("aăâ", "eê", "oôơ", "uư", "dđ")
MARK_LETTERS = "".join(MARK_GROUPS)
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


def fitted_delta(counts: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """−log P(written | meant) over the last two axes of ``counts`` [.., meant, written], each
    row's counts mixed with ``PRIOR_WEIGHT`` syllables of ``prior``; relative to keeping the
    reading (what each position's candidates share cancels) and to the prior the channel's
    costs already hold. Pairs the prior rules out (rate 0) come out inf or nan."""
    totals = counts.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        cost = -np.log((counts + PRIOR_WEIGHT * prior) / (totals + PRIOR_WEIGHT))
        prior_cost = -np.log(prior)
        return (cost - np.diagonal(cost, axis1=-2, axis2=-1)[..., None, :]) - (
            prior_cost - np.diagonal(prior_cost, axis1=-2, axis2=-1)[..., None, :]
        )


class ToneChannel:
    """−log P(tone written | tone meant) per vowel kind, from counts of one text's
    decoded syllables and the prior rate ``tone_rate`` of any one wrong tone."""

    def __init__(self, counts: np.ndarray, tone_rate: float) -> None:
        prior = np.full((TONES, TONES), tone_rate)
        np.fill_diagonal(prior, 1.0 - (TONES - 1) * tone_rate)
        self.delta = fitted_delta(counts, prior)

    def extra_cost(self, observed: str, form: str | None) -> float:
        """What the text's own rates add to (or take from) a candidate's channel cost."""
        if form is None:
            return 0.0
        pair = tone_pair(observed, form)
        return 0.0 if pair is None else float(self.delta[pair])


@lru_cache(maxsize=200_000)
def mark_pairs(observed: str, form: str) -> tuple[tuple[int, int], ...] | None:
    """(letter meant, letter written) as ``MARK_LETTERS`` indices at each position holding one,
    when ``form`` and ``observed`` differ, tones aside, in such letters' marks at most; else None."""
    meant, written = split_tone(form.lower())[0], split_tone(observed.lower())[0]
    if len(meant) != len(written):
        return None
    pairs = []
    for wanted, read in zip(meant, written):
        if wanted == read and wanted not in MARK_LETTERS:
            continue
        group = next((g for g in MARK_GROUPS if wanted in g), "")
        if read not in group:
            return None
        pairs.append((MARK_LETTERS.index(wanted), MARK_LETTERS.index(read)))
    return tuple(pairs)


class MarkChannel:
    """−log P(letter written | letter meant) within each group of ``MARK_GROUPS``, from
    counts of one text's decoded syllables and the prior rate ``mark_rate`` of a lost or
    wrong mark."""

    def __init__(self, counts: np.ndarray, mark_rate: float) -> None:
        size = len(MARK_LETTERS)
        same_group = np.zeros((size, size), dtype=bool)
        for group in MARK_GROUPS:
            members = [MARK_LETTERS.index(c) for c in group]
            same_group[np.ix_(members, members)] = True
        prior = np.where(same_group, mark_rate, 0.0)
        np.fill_diagonal(prior, 0.0)
        np.fill_diagonal(prior, 1.0 - prior.sum(axis=1))
        self.delta = np.where(same_group, fitted_delta(counts, prior), 0.0)  # letters of different groups never pair

    def extra_cost(self, observed: str, form: str | None) -> float:
        """What the text's own rates add to (or take from) a candidate's channel cost."""
        pairs = None if form is None else mark_pairs(observed, form)
        return 0.0 if not pairs else float(sum(self.delta[pair] for pair in pairs))


def count_marks(units: Iterable) -> np.ndarray:
    """[letter chosen, letter written] counts (``MARK_LETTERS``) over decoded units."""
    counts = np.zeros((len(MARK_LETTERS), len(MARK_LETTERS)))
    for form, observed in chosen_forms(units):
        for pair in mark_pairs(observed, form) or ():
            counts[pair] += 1
    return counts


def chosen_forms(units: Iterable) -> Iterable[tuple[str, str]]:
    """(form chosen, token as read) of the decoded units that chose a form."""
    for unit in units:
        if not unit.candidates or unit.fixed is not None:
            continue
        form = unit.candidates[unit.choice].form
        if form is not None:
            yield form, lm_form(unit.observed)


def count_tones(units: Iterable) -> np.ndarray:
    """[vowel kind, tone chosen, tone written] counts over decoded units."""
    counts = np.zeros((3, TONES, TONES))
    for form, observed in chosen_forms(units):
        pair = tone_pair(observed, form)
        if pair is not None:
            counts[pair] += 1
    return counts


def adapted_candidates(
    observed: str, candidates: tuple[Candidate, ...], channels: tuple[ToneChannel | MarkChannel, ...]
) -> tuple[Candidate, ...]:
    """``candidates`` of the token ``observed``, costed with the text's own tone and mark rates."""
    form = lm_form(observed)
    return tuple(Candidate(c.form, c.id, c.cost + sum(channel.extra_cost(form, c.form) for channel in channels)) for c in candidates)
