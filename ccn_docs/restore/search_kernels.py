"""The search's compiled kernels: exact second-order Viterbi over many context
segments at once (``viterbi``), and each choice's margin over the best other
candidate (``margins``), written for numba.

``viterbi.py`` runs them compiled ahead of time into an extension module, which
loads without numba; numba's just-in-time compilation of this module, cached on
disk, serves where that build is not possible (no C compiler).
"""

from __future__ import annotations

import math

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def _find(keys, low, high, key):  # pragma: no cover - compiled
    """Index of ``key`` in the sorted ``keys[low:high]``, or -1."""
    while low < high:
        middle = (low + high) >> 1
        value = keys[middle]
        if value < key:
            low = middle + 1
        elif value > key:
            high = middle
        else:
            return middle
    return -1


@numba.njit(cache=True, nogil=True)
def _bigram_logp(unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, b, c):  # pragma: no cover - compiled
    """log P(c | b), backed off to the unigram."""
    found = _find(bigram_next, bigram_first[b], bigram_first[b + 1], c)
    return bigram_logp[found] if found >= 0 else unigram_bow[b] + unigram[c]


@numba.njit(cache=True, nogil=True)
def _logp(unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, bigram_bow, trigram_first, trigram_next, trigram_logp, pair, b, c):  # pragma: no cover - compiled
    """log P(c | a b), where ``pair`` is the index of the bigram (a, b) or -1."""
    if pair >= 0:
        found = _find(trigram_next, trigram_first[pair], trigram_first[pair + 1], c)
        if found >= 0:
            return trigram_logp[found]
    value = _bigram_logp(unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, b, c)
    return value + bigram_bow[pair] if pair >= 0 else value


@numba.njit(cache=True, nogil=True)
def viterbi(  # pragma: no cover - compiled
    unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, bigram_bow, trigram_first, trigram_next, trigram_logp,
    unit_start, candidate_start, ids, costs, boost, start, beam, max_states, choices,
):
    for segment in range(len(unit_start) - 1):
        first_unit = unit_start[segment]
        length = unit_start[segment + 1] - first_unit
        # State (j, k) at position p: candidate j of position p - 1 (the one <s>
        # before position 0), candidate k of position p; stored at
        # state_start[p] + j * width[p] + k. ``back`` keeps the best candidate of p - 2.
        width = np.empty(length, dtype=np.int64)
        state_start = np.empty(length + 1, dtype=np.int64)
        state_start[0] = 0
        for p in range(length):
            width[p] = candidate_start[first_unit + p + 1] - candidate_start[first_unit + p]
            state_start[p + 1] = state_start[p] + (width[p - 1] if p > 0 else 1) * width[p]
        scores = np.full(state_start[length], -np.inf)
        back = np.zeros(state_start[length], dtype=np.int64)
        for p in range(length):
            base = candidate_start[first_unit + p]
            if p == 0:
                pair = _find(bigram_next, bigram_first[start], bigram_first[start + 1], start)
                for k in range(width[0]):
                    c = ids[base + k]
                    value = _logp(unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, bigram_bow, trigram_first, trigram_next, trigram_logp, pair, start, c)
                    if boost[base + k] > 0.0:
                        value = math.log(math.exp(value) + boost[base + k])
                    scores[k] = value - costs[base + k]
                continue
            earlier = width[p - 2] if p > 1 else 1
            previous = width[p - 1]
            previous_base = candidate_start[first_unit + p - 1]
            earlier_base = candidate_start[first_unit + p - 2] if p > 1 else 0
            before = state_start[p - 1]
            states = scores[before : before + earlier * previous]
            floor = states.max() - beam
            if len(states) > max_states and (states >= floor).sum() > max_states:
                floor = np.partition(states, len(states) - max_states)[len(states) - max_states]
            # log P(c | b) of each (j, k), for the backoff of every i: a bigram's run of
            # next ids can be long, a trigram's is short. Only for j some state extends.
            bigram_value = np.empty(previous * width[p])
            for j in range(previous):
                extended = False
                for i in range(earlier):
                    if scores[before + i * previous + j] >= floor:
                        extended = True
                        break
                if extended:
                    b = ids[previous_base + j]
                    for k in range(width[p]):
                        bigram_value[j * width[p] + k] = _bigram_logp(unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, b, ids[base + k])
            for i in range(earlier):
                a = ids[earlier_base + i] if p > 1 else start
                for j in range(previous):
                    score = scores[before + i * previous + j]
                    if score < floor:
                        continue
                    pair = _find(bigram_next, bigram_first[a], bigram_first[a + 1], ids[previous_base + j])
                    low = trigram_first[pair] if pair >= 0 else 0
                    high = trigram_first[pair + 1] if pair >= 0 else 0
                    bow = bigram_bow[pair] if pair >= 0 else 0.0
                    for k in range(width[p]):
                        c = ids[base + k]
                        found = _find(trigram_next, low, high, c)
                        value = trigram_logp[found] if found >= 0 else bigram_value[j * width[p] + k] + bow
                        if boost[base + k] > 0.0:
                            value = math.log(math.exp(value) + boost[base + k])
                        total = score + value - costs[base + k]
                        target = state_start[p] + j * width[p] + k
                        if total > scores[target]:
                            scores[target] = total
                            back[target] = i
        # Backtrack from the best state of the last position.
        p = length - 1
        best = state_start[p]
        for state in range(state_start[p], state_start[p + 1]):
            if scores[state] > scores[best]:
                best = state
        j, k = (best - state_start[p]) // width[p], (best - state_start[p]) % width[p]
        while True:
            choices[first_unit + p] = k
            if p == 0:
                break
            i = back[state_start[p] + j * width[p] + k]
            k, j = j, i
            p -= 1


@numba.njit(cache=True, nogil=True)
def margins(  # pragma: no cover - compiled
    unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, bigram_bow, trigram_first, trigram_next, trigram_logp,
    unit_start, candidate_start, ids, costs, boost, start, choices, margins,
):
    for segment in range(len(unit_start) - 1):
        first_unit, end_unit = unit_start[segment], unit_start[segment + 1]
        for u in range(first_unit, end_unit):
            base = candidate_start[u]
            width = candidate_start[u + 1] - base
            if width < 2:
                continue
            a = ids[candidate_start[u - 2] + choices[u - 2]] if u - 2 >= first_unit else start
            b = ids[candidate_start[u - 1] + choices[u - 1]] if u - 1 >= first_unit else start
            first_pair = _find(bigram_next, bigram_first[a], bigram_first[a + 1], b)  # the same for every candidate
            best_other = -np.inf
            chosen = 0.0
            for k in range(width):
                score = -costs[base + k]
                previous, current, pair = a, b, first_pair
                for step in range(3):
                    v = u + step
                    if v >= end_unit:
                        break
                    position = base + k if step == 0 else candidate_start[v] + choices[v]
                    c = ids[position]
                    if step:
                        pair = _find(bigram_next, bigram_first[previous], bigram_first[previous + 1], current)
                    value = _logp(unigram, unigram_bow, bigram_first, bigram_next, bigram_logp, bigram_bow, trigram_first, trigram_next, trigram_logp, pair, current, c)
                    if boost[position] > 0.0:
                        value = math.log(math.exp(value) + boost[position])
                    score += value
                    previous, current = current, c
                if k == choices[u]:
                    chosen = score
                elif score > best_other:
                    best_other = score
            margins[u] = chosen - best_other
