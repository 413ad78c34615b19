"""The compiled second-order Viterbi finds the best path, as brute force does."""

import importlib.machinery
import itertools
import math
import random
import subprocess
import sys

import numpy as np
import pytest

from ccn_docs.restore import search_kernels, viterbi
from ccn_docs.restore.build import Counts, ngram_counts
from ccn_docs.restore.viterbi import SearchModel, Segments, best_paths, choice_margins
from ccn_docs.restore.smoothing import kneser_ney
from ccn_docs.restore.model import context_key

START = 0
VOCABULARY = 12


@pytest.fixture(scope="module")
def ngrams():
    generator = random.Random(5)
    counts = Counts.empty()
    for _ in range(60):
        counts.add([START, *(generator.randrange(1, VOCABULARY) for _ in range(generator.randrange(2, 7)))])
    return kneser_ney(ngram_counts(counts, np.arange(VOCABULARY), VOCABULARY), START)


@pytest.fixture(scope="module")
def search(ngrams) -> SearchModel:
    """Read-only, as the memory-mapped arrays of a loaded model are: the tests run the
    search numba compiled for model files, not a second compilation for writable arrays."""
    model = SearchModel.of(ngrams)
    for array in model:
        array.setflags(write=False)
    return model


def path_score(ngrams, ids, costs, boost):
    history = (START, START)
    total = 0.0
    for c, cost in zip(ids, costs):
        key = np.array([context_key(context_key(*history), c)])
        value = ngrams.full_logp(3, key)[0]
        total += math.log(math.exp(value) + boost[c]) - cost
        history = (history[1], c)
    return total


def random_segments(generator: random.Random) -> tuple[list, Segments]:
    """Three segments of one to four units of one to three (id, cost) candidates."""
    segments = []
    for _ in range(3):
        segments.append([
            [(generator.randrange(1, VOCABULARY), generator.random() * 2) for _ in range(generator.randrange(1, 4))]
            for _ in range(generator.randrange(1, 5))
        ])
    units = [unit for segment in segments for unit in segment]
    flat = Segments(
        unit_start=np.cumsum([0] + [len(s) for s in segments]),
        candidate_start=np.cumsum([0] + [len(u) for u in units]),
        ids=np.array([c for u in units for c, _ in u], dtype=np.int64),
        costs=np.array([cost for u in units for _, cost in u]),
    )
    return segments, flat


@pytest.mark.parametrize("seed", range(8))
def test_best_paths_match_brute_force(ngrams, search, seed, monkeypatch):
    monkeypatch.setattr(viterbi, "BEAM", math.inf)  # exact
    monkeypatch.setattr(viterbi, "MAX_STATES", 10**6)
    generator = random.Random(seed)
    segments, flat = random_segments(generator)
    boost = np.zeros(VOCABULARY)
    if seed % 2:
        boost[generator.randrange(1, VOCABULARY)] = 0.05
    choices = best_paths(search, flat, boost[flat.ids], START).tolist()
    cursor = 0
    for segment in segments:
        chosen = choices[cursor : cursor + len(segment)]
        cursor += len(segment)
        best = max(
            itertools.product(*(range(len(u)) for u in segment)),
            key=lambda path: path_score(ngrams, [u[k][0] for u, k in zip(segment, path)], [u[k][1] for u, k in zip(segment, path)], boost),
        )
        scored = [path_score(ngrams, [u[k][0] for u, k in zip(segment, p)], [u[k][1] for u, k in zip(segment, p)], boost) for p in (chosen, best)]
        assert scored[0] == pytest.approx(scored[1], abs=1e-4)


@pytest.mark.parametrize("seed", range(8))
def test_a_state_cap_of_one_extends_only_the_best_state(ngrams, search, seed, monkeypatch):
    """With one state kept per position, the search is greedy: each unit takes the
    candidate that scores best after the choices before it."""
    monkeypatch.setattr(viterbi, "BEAM", math.inf)
    monkeypatch.setattr(viterbi, "MAX_STATES", 1)
    segments, flat = random_segments(random.Random(100 + seed))
    boost = np.zeros(VOCABULARY)
    choices = best_paths(search, flat, boost[flat.ids], START).tolist()
    greedy = []
    for segment in segments:
        path: list[int] = []
        for position, unit in enumerate(segment):
            def score(k: int) -> float:
                chosen = [*path, k]
                units = segment[: position + 1]
                return path_score(ngrams, [u[c][0] for u, c in zip(units, chosen)], [u[c][1] for u, c in zip(units, chosen)], boost)

            path.append(max(range(len(unit)), key=score))
        greedy += path
    assert choices == greedy


@pytest.mark.parametrize("seed", range(8))
def test_a_choice_margin_is_the_path_score_lost_by_the_best_other_candidate(ngrams, search, seed):
    """With every other choice of its segment kept: the trigrams that hold the unit and its cost."""
    generator = random.Random(200 + seed)
    segments, flat = random_segments(generator)
    boost = np.zeros(VOCABULARY)
    boost[generator.randrange(1, VOCABULARY)] = 0.05
    choices = np.array([generator.randrange(len(u)) for segment in segments for u in segment])
    margins = choice_margins(search, flat, boost[flat.ids], START, choices).tolist()
    cursor = 0
    for segment in segments:
        chosen = choices[cursor : cursor + len(segment)].tolist()

        def score(path):
            return path_score(ngrams, [u[k][0] for u, k in zip(segment, path)], [u[k][1] for u, k in zip(segment, path)], boost)

        for position, unit in enumerate(segment):
            others = [score(chosen[:position] + [k] + chosen[position + 1 :]) for k in range(len(unit)) if k != chosen[position]]
            expected = score(chosen) - max(others) if others else math.inf
            assert margins[cursor + position] == pytest.approx(expected, abs=1e-4)
        cursor += len(segment)


def test_the_built_kernels_choose_and_score_as_numba_compiles_them(ngrams, search):
    """The ahead-of-time build and numba's just-in-time compilation are the same kernels."""
    built = viterbi.compiled_kernels()
    assert built is not search_kernels  # built, not the fallback
    generator = random.Random(300)
    for _ in range(20):
        _, flat = random_segments(generator)
        boost = np.zeros(VOCABULARY)
        boost[generator.randrange(1, VOCABULARY)] = 0.05
        outputs = []
        for kernels in (built, search_kernels):
            choices = np.zeros(len(flat.candidate_start) - 1, dtype=np.int64)
            kernels.viterbi(*search, *flat, boost[flat.ids], START, 2.0, 2, choices)
            margins = np.full(len(choices), np.inf)
            kernels.margins(*search, *flat, boost[flat.ids], START, choices, margins)
            outputs.append((choices, margins))
        assert np.array_equal(outputs[0][0], outputs[1][0])
        assert np.array_equal(outputs[0][1], outputs[1][1])


@pytest.mark.slow
def test_the_kernels_build_into_a_module_of_their_own(tmp_path):
    path = tmp_path / ("search_kernels_trial" + importlib.machinery.EXTENSION_SUFFIXES[0])
    viterbi.build_kernels("search_kernels_trial", path)
    assert [found.name for found in tmp_path.iterdir()] == [path.name]  # nothing of the build left beside it
    built = viterbi.load_built_kernels("search_kernels_trial", path)
    assert callable(built.viterbi) and callable(built.margins)


@pytest.mark.slow
def test_a_new_process_searches_without_importing_numba():
    viterbi.compiled_kernels()  # built by this process if not yet
    code = (
        "import sys, numpy as np\n"
        "from ccn_docs.restore.viterbi import compiled_kernels\n"
        "print(compiled_kernels().__name__, 'numba' in sys.modules)"
    )
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert printed[0].startswith("search_kernels_") and printed[1] == "False"


def test_the_search_falls_back_to_numba_where_the_kernels_cannot_be_built(tmp_path, monkeypatch):
    """Once: a later process goes straight to numba, the reason recorded for whoever looks."""
    attempts = []

    def no_compiler(name, path):
        attempts.append(name)
        raise OSError("no C compiler")

    monkeypatch.setattr(viterbi, "BUILT_KERNELS_DIR", tmp_path)
    monkeypatch.setattr(viterbi, "build_kernels", no_compiler)
    try:
        for _ in range(2):
            viterbi.compiled_kernels.cache_clear()
            assert viterbi.compiled_kernels() is search_kernels
    finally:
        viterbi.compiled_kernels.cache_clear()
    assert len(attempts) == 1
    assert [path.read_text() for path in tmp_path.glob("*.unbuildable")] == ["OSError: no C compiler\n"]


def test_the_kernels_key_follows_their_source_and_signatures(tmp_path, monkeypatch):
    source = tmp_path / "search_kernels.py"
    source.write_text("def viterbi(): pass\n")
    monkeypatch.setattr(viterbi, "KERNELS_SOURCE", source)
    keys = [viterbi.kernels_key()]
    source.write_text("def viterbi(): return 1\n")
    keys.append(viterbi.kernels_key())
    monkeypatch.setattr(viterbi, "KERNEL_SIGNATURES", {**viterbi.KERNEL_SIGNATURES, "viterbi": "void(f8[:])"})
    keys.append(viterbi.kernels_key())
    assert len(set(keys)) == 3
