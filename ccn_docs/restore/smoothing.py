"""N-gram estimation for the restoration language model, on numpy arrays.

Each corpus gets its own interpolated modified Kneser-Ney model (Chen & Goodman
1998: three discounts per order from the count-of-counts, lower orders estimated
from continuation counts); the administrative and the Wikipedia model are then
mixed linearly into one model in backoff form (what SRILM's ``-mix-lm`` does):
every n-gram of either model gets the mixed probability, and each context a
backoff weight that keeps its distribution summing to one. The decoder then needs
one lookup chain per probability, as with any backoff model.

No library on PyPI estimates Kneser-Ney at this scale (KenLM's estimator is a
C++ program, NLTK's is per-query Python), hence this module.

N-grams are packed into one int64: ``ID_BITS`` bits per id, oldest id highest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

ID_BITS = 20  # vocabulary ids fit in 20 bits, so a trigram packs into one int64
NEVER = math.log(1e-12)  # log floor for probabilities that round to zero


def suffix_of(keys: np.ndarray, order: int) -> np.ndarray:
    """The last ``order - 1`` ids of packed ``order``-grams."""
    return keys & ((1 << (ID_BITS * (order - 1))) - 1)


def context_of(keys: np.ndarray) -> np.ndarray:
    """The first ``order - 1`` ids of packed n-grams."""
    return keys >> ID_BITS


def lookup(keys: np.ndarray, values: np.ndarray, queries: np.ndarray, default: float) -> tuple[np.ndarray, np.ndarray]:
    """``values`` at ``queries`` in the sorted ``keys``, ``default`` where absent; and the hit mask."""
    if not len(keys):
        return np.full(len(queries), default), np.zeros(len(queries), dtype=bool)
    position = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
    hit = keys[position] == queries
    return np.where(hit, values[position], default), hit


@dataclass
class NgramCounts:
    """Counts of one corpus: per order (1, 2, 3…), sorted packed keys and their counts."""

    keys: list[np.ndarray]
    counts: list[np.ndarray]


@dataclass
class BackoffModel:
    """An n-gram model in backoff form. ``logp[n-1]`` are the log-probabilities of
    the stored ``n``-grams (keys in ``keys[n-1]``); ``bow[n-1]`` the log backoff
    weight of each stored ``n``-gram as a context (0 for the highest order). An
    unstored n-gram ``h w`` has log P = bow(h) + log P(w | h without its first id)."""

    keys: list[np.ndarray]
    logp: list[np.ndarray]
    bow: list[np.ndarray]

    @property
    def order(self) -> int:
        return len(self.keys)

    def full_logp(self, order: int, queries: np.ndarray) -> np.ndarray:
        """log P of packed ``order``-grams, stored or not (queries sorted or not)."""
        stored, hit = lookup(self.keys[order - 1], self.logp[order - 1], queries, NEVER)
        if order == 1 or hit.all():
            return stored
        missing = ~hit
        backoff, _ = lookup(self.keys[order - 2], self.bow[order - 2], context_of(queries[missing]), 0.0)
        stored[missing] = backoff + self.full_logp(order - 1, suffix_of(queries[missing], order))
        return stored


def discounts(adjusted: np.ndarray) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts D1, D2, D3+ from the count-of-counts."""
    rounded = np.rint(adjusted).astype(np.int64)
    n1, n2, n3, n4 = (max(int(np.count_nonzero(rounded == k)), 1) for k in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    return (
        max(1 - 2 * y * n2 / n1, 0.0),
        max(2 - 3 * y * n3 / n2, 0.0),
        max(3 - 4 * y * n4 / n3, 0.0),
    )


def kneser_ney(counts: NgramCounts, start: int) -> BackoffModel:
    """Interpolated modified Kneser-Ney. The highest order uses raw counts; lower
    orders use continuation counts (how many distinct ids precede them), except
    n-grams that open with the sentence start ``start``, which nothing precedes."""
    order = len(counts.keys)
    adjusted = [counts.counts[n].astype(np.float64) for n in range(order)]
    for n in range(1, order):  # n-grams of order n get their continuation counts from order n + 1
        following, continuation = np.unique(suffix_of(counts.keys[n], n + 1), return_counts=True)
        keys = counts.keys[n - 1]
        found = np.zeros(len(keys))
        found[np.searchsorted(keys, following)] = continuation
        opens = (keys >> (ID_BITS * (n - 1))) == start
        adjusted[n - 1] = np.where(opens, adjusted[n - 1], found)
    vocabulary = len(counts.keys[0])
    logp, bow = [], []
    lower = np.full(vocabulary, 1.0 / vocabulary)
    for n in range(1, order + 1):
        keys, count = counts.keys[n - 1], adjusted[n - 1]
        d1, d2, d3 = discounts(count[count > 0])
        rounded = np.rint(count)
        discount = np.minimum(np.select([rounded >= 3, rounded == 2, rounded == 1], [d3, d2, d1], 0.0), count)
        contexts = context_of(keys) if n > 1 else np.zeros(len(keys), dtype=np.int64)
        unique_contexts, of_context = np.unique(contexts, return_inverse=True)
        total = np.bincount(of_context, weights=count)
        gamma = np.where(total > 0, np.bincount(of_context, weights=discount) / np.maximum(total, 1e-300), 1.0)
        if n > 1:
            lower = np.exp(logp[n - 2][np.searchsorted(counts.keys[n - 2], suffix_of(keys, n))])
        probability = (count - discount) / np.maximum(total[of_context], 1e-300) + gamma[of_context] * lower
        logp.append(np.log(np.maximum(probability, 1e-300)))
        if n > 1:  # the backoff weight of a context is the mass its discounts set aside (1 without followers)
            weights = np.ones(len(counts.keys[n - 2]))
            weights[np.searchsorted(counts.keys[n - 2], unique_contexts)] = np.maximum(gamma, 1e-12)
            bow.append(np.log(weights))
    bow.append(np.zeros(len(counts.keys[-1])))
    return BackoffModel(list(counts.keys), logp, bow)


def interpolate(first: BackoffModel, second: BackoffModel, weight: float) -> BackoffModel:
    """``weight`` × first + (1 − weight) × second, as one backoff model over the
    union of their n-grams; each context's backoff weight renormalises it."""
    keys = [np.union1d(a, b) for a, b in zip(first.keys, second.keys)]
    mixed = [
        np.logaddexp(math.log(weight) + first.full_logp(n, k), math.log(1 - weight) + second.full_logp(n, k))
        for n, k in enumerate(keys, start=1)
    ]
    bow = []
    for n in range(1, len(keys)):
        higher = keys[n]
        contexts, of_context = np.unique(context_of(higher), return_inverse=True)
        lower = mixed[n - 1][np.searchsorted(keys[n - 1], suffix_of(higher, n + 1))]
        kept = 1 - np.bincount(of_context, weights=np.exp(mixed[n]))
        kept_lower = 1 - np.bincount(of_context, weights=np.exp(lower))
        weights = np.ones(len(keys[n - 1]))
        weights[np.searchsorted(keys[n - 1], contexts)] = np.maximum(kept, 1e-12) / np.maximum(kept_lower, 1e-12)
        bow.append(np.log(weights))
    bow.append(np.zeros(len(keys[-1])))
    return BackoffModel(keys, mixed, bow)
