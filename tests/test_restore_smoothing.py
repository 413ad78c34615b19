"""Kneser-Ney estimation and the static mix: proper distributions in backoff form."""

import math
import random

import numpy as np
import pytest

from ccn_docs.restore.build import Counts, ngram_counts
from ccn_docs.restore.model import context_key
from ccn_docs.restore.smoothing import discounts, interpolate, kneser_ney

START = 0
VOCABULARY = 8


def counts_of(sentences: list[list[int]]):
    counts = Counts.empty()
    for sentence in sentences:
        counts.add([START, *sentence])
    return ngram_counts(counts, np.arange(VOCABULARY), VOCABULARY)


ADMIN = [[3, 4, 5], [3, 4, 6], [3, 4, 5, 7], [4, 5], [6, 7, 3, 4]]
WIKI = [[5, 6, 7], [7, 3, 5], [4, 4, 5, 6], [6, 6, 7, 2]]


def distribution(model, history: tuple[int, ...]) -> np.ndarray:
    """P(w | history) for every w of the vocabulary."""
    words = np.arange(VOCABULARY, dtype=np.int64)
    if not history:
        return np.exp(model.full_logp(1, words))
    if len(history) == 1:
        return np.exp(model.full_logp(2, context_key(history[0], 0) + words))
    return np.exp(model.full_logp(3, context_key(context_key(*history), 0) + words))


@pytest.mark.parametrize("history", [(), (3,), (4,), (2,), (3, 4), (4, 5), (START, 3), (7, 7)])
def test_kneser_ney_distributions_sum_to_one(history):
    model = kneser_ney(counts_of(ADMIN), START)
    assert distribution(model, history).sum() == pytest.approx(1.0)


def test_kneser_ney_prefers_what_followed_the_context():
    model = kneser_ney(counts_of(ADMIN), START)
    after = distribution(model, (3, 4))
    assert after[5] > after[6] > after[7] > 0


def test_continuation_counts_shape_the_unigram():
    # 6 is frequent but only ever follows 5; 7 is rarer but follows three different words
    filler = random.Random(3)
    sentences = [[5, 6]] * 10 + [[1, 7], [2, 7], [3, 7]]
    sentences += [[filler.randrange(1, 5) for _ in range(4)] for _ in range(60)]
    alone = distribution(kneser_ney(counts_of(sentences), START), ())
    assert alone[7] > alone[6]


@pytest.mark.parametrize("history", [(), (3,), (6,), (3, 4), (6, 6), (1, 2)])
def test_the_mix_is_a_distribution(history):
    mixed = interpolate(kneser_ney(counts_of(ADMIN), START), kneser_ney(counts_of(WIKI), START), 0.7)
    assert distribution(mixed, history).sum() == pytest.approx(1.0)


def test_the_mix_of_stored_ngrams_is_the_weighted_average():
    admin, wiki = kneser_ney(counts_of(ADMIN), START), kneser_ney(counts_of(WIKI), START)
    mixed = interpolate(admin, wiki, 0.7)
    key = np.array([context_key(context_key(3, 4), 5)])
    expected = 0.7 * math.exp(admin.full_logp(3, key)[0]) + 0.3 * math.exp(wiki.full_logp(3, key)[0])
    assert math.exp(mixed.full_logp(3, key)[0]) == pytest.approx(expected)


def test_discounts_grow_with_the_count_and_stay_below_it():
    counts = np.array([1] * 50 + [2] * 20 + [3] * 10 + [4] * 6 + [9] * 5, dtype=float)
    d1, d2, d3 = discounts(counts)
    assert 0 < d1 < d2 < d3 < 3
