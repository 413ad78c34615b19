"""The decoder's inner loop: exact second-order Viterbi over many context
segments at once, compiled from ``search_kernels.py``.

A state is the pair (previous candidate, current candidate), so every transition
is scored with its full trigram context. The language model is read from flat
arrays laid out for this search (``SearchModel``): the bigrams of each first id,
and the trigrams of each bigram, are contiguous and sorted, so a lookup is a
binary search in a short, cache-friendly run. A text's cache models enter as a
per-candidate boost: P(c | a b) becomes P(c | a b) + boost of that candidate.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.machinery
import importlib.util
import os
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import numpy as np

from .smoothing import ID_BITS, BackoffModel

# States this far (log-probability) below the best of their position are not extended (a wider
# beam changes almost no choice and costs time)…
BEAM = 10.0
MAX_STATES = 32  # …nor those beyond the best 32 (OCR'd tokens can bring dozens of candidates)
MASK = (1 << ID_BITS) - 1

KERNELS_SOURCE = Path(__file__).with_name("search_kernels.py")
BUILT_KERNELS_DIR = Path(__file__).with_name("__pycache__")
# The kernels' argument types for the ahead-of-time build: the model's arrays (``SearchModel``),
# the segments' (``Segments``), the boost and the start id, then each kernel's own.
MODEL_TYPES = "f8[:], f8[:], i8[:], i4[:], f4[:], f4[:], i8[:], i4[:], f4[:]"
SEGMENT_TYPES = "i8[:], i8[:], i8[:], f8[:], f8[:], i8"
KERNEL_SIGNATURES = {
    "viterbi": f"void({MODEL_TYPES}, {SEGMENT_TYPES}, f8, i8, i8[:])",  # beam, state cap, choices (out)
    "margins": f"void({MODEL_TYPES}, {SEGMENT_TYPES}, i8[:], f8[:])",  # choices, margins (out)
}


class SearchModel(NamedTuple):
    """The trigram model as the compiled search reads it."""

    unigram: np.ndarray  # float64 log P(c)
    unigram_bow: np.ndarray  # float64 log bow(a)
    bigram_first: np.ndarray  # int64: bigrams of first id a are [bigram_first[a], bigram_first[a + 1])
    bigram_next: np.ndarray  # int32 second id of each bigram
    bigram_logp: np.ndarray  # float32
    bigram_bow: np.ndarray  # float32 log bow(a b)
    trigram_first: np.ndarray  # int64: trigrams of bigram i are [trigram_first[i], trigram_first[i + 1])
    trigram_next: np.ndarray  # int32 third id of each trigram
    trigram_logp: np.ndarray  # float32

    @classmethod
    def of(cls, ngrams: BackoffModel) -> "SearchModel":
        vocabulary = len(ngrams.keys[0])
        bigrams, trigrams = ngrams.keys[1], ngrams.keys[2]
        return cls(
            unigram=ngrams.logp[0].astype(np.float64),
            unigram_bow=ngrams.bow[0].astype(np.float64),
            bigram_first=np.searchsorted(bigrams >> ID_BITS, np.arange(vocabulary + 1)).astype(np.int64),
            bigram_next=(bigrams & MASK).astype(np.int32),
            bigram_logp=ngrams.logp[1].astype(np.float32),
            bigram_bow=ngrams.bow[1].astype(np.float32),
            trigram_first=np.append(np.searchsorted(trigrams >> ID_BITS, bigrams), len(trigrams)).astype(np.int64),
            trigram_next=(trigrams & MASK).astype(np.int32),
            trigram_logp=ngrams.logp[2].astype(np.float32),
        )


class Segments(NamedTuple):
    """Context segments as flat arrays: segment ``s`` holds units
    ``[unit_start[s], unit_start[s + 1])``, unit ``u`` the candidates
    ``[candidate_start[u], candidate_start[u + 1])``."""

    unit_start: np.ndarray  # int64
    candidate_start: np.ndarray  # int64
    ids: np.ndarray  # int64 language-model id of each candidate
    costs: np.ndarray  # float64 channel cost of each candidate


def best_paths(model: SearchModel, segments: Segments, boost: np.ndarray, start: int) -> np.ndarray:
    """The choice (candidate index within its unit) of every unit on the best path
    of its segment; ``boost`` holds one value per candidate."""
    choices = np.zeros(len(segments.candidate_start) - 1, dtype=np.int64)
    compiled_kernels().viterbi(*model, *segments, boost, start, BEAM, MAX_STATES, choices)
    return choices


def choice_margins(model: SearchModel, segments: Segments, boost: np.ndarray, start: int, choices: np.ndarray) -> np.ndarray:
    """Per unit, how much better its choice scores than the best other candidate
    with the chosen neighbours (two either side) kept: the trigrams that hold the
    unit, minus channel costs. Infinite for a unit with one candidate."""
    margins = np.full(len(segments.candidate_start) - 1, np.inf)
    compiled_kernels().margins(*model, *segments, boost, start, choices, margins)
    return margins


@lru_cache(maxsize=1)
def compiled_kernels() -> ModuleType:
    """The search kernels compiled ahead of time into an extension module, built on a
    machine's first run: it loads in a millisecond, where numba's own cache costs numba's
    import and set-up (tenths of a second, SciPy's import among them) in every process.
    Where it cannot be built (no C compiler, a read-only installation), numba compiles
    the kernels just in time and caches them; a failed build leaves its reason in
    ``<name>.unbuildable`` beside it, so that later processes do not try again."""
    name = "search_kernels_" + kernels_key()
    path = BUILT_KERNELS_DIR / (name + importlib.machinery.EXTENSION_SUFFIXES[0])
    unbuildable = BUILT_KERNELS_DIR / (name + ".unbuildable")
    if not unbuildable.exists():
        try:
            if not path.exists():
                build_kernels(name, path)
            return load_built_kernels(name, path)
        except Exception as error:  # any failure of the build (compiler, toolchain, file system) leaves the fallback
            with contextlib.suppress(OSError):
                unbuildable.write_text(f"{type(error).__name__}: {error}\n", encoding="utf-8")
    from . import search_kernels

    return search_kernels


def load_built_kernels(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kernels_key() -> str:
    """What the built module depends on: the kernels' source, their signatures and NumPy's version (its ABI)."""
    depends = KERNELS_SOURCE.read_bytes() + repr(KERNEL_SIGNATURES).encode() + np.__version__.encode()
    return hashlib.sha256(depends).hexdigest()[:16]


def build_kernels(name: str, path: Path) -> None:
    """Compile the kernels with numba's ahead-of-time compiler (for any CPU of the
    architecture) into ``path``, atomically: processes building at once each write a
    whole module."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A read-only installation fails here, before numba's import.
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # numba.pycc's pending deprecation
            from numba.pycc import CC
        from . import search_kernels

        compiler = CC(name, source_module=search_kernels)
        compiler.output_dir = scratch
        for kernel, signature in KERNEL_SIGNATURES.items():
            compiler.export(kernel, signature)(getattr(search_kernels, kernel).py_func)
        compiler.compile()
        os.replace(Path(scratch) / compiler.output_file, path)
