"""The restoration model files in ``models/`` and their loaders.

- ``restore-lm/``: syllable vocabulary (``vocab.txt``), which entries may be
  proposed as candidates, each form's corpus frequency, and a trigram language
  model in backoff form (Kneser-Ney models of the administrative documents and of
  Wikipedia, mixed: ``smoothing.py``) laid out as the compiled search reads it
  (``viterbi.SearchModel``), one plain ``.npy`` file per array;
- ``restore-channel.json``: the OCR channel learned by aligning Tesseract output of
  rendered training text with its source (token and character confusions,
  diacritic-change rates), the issuer-code inventory of document numbers and the
  written forms of codes and abbreviations.

The arrays are memory-mapped, not read: loading costs the vocabulary's few
dictionaries, and worker processes share the pages. Both are written by ``ccn
model build`` and fail loudly when missing or stale.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, Msg
from ..modeldata import model_file
from ..textio import write_bytes_atomically, write_text_atomically
from .segment import SENTENCE_START, UNKNOWN, fold_key
from .smoothing import ID_BITS, BackoffModel
from .viterbi import SearchModel

LM_DIR = "restore-lm"
CHANNEL_FILE = "restore-channel.json"
VOCABULARY_FILE = "vocab.txt"
CACHED_RUNS = 300_000  # n-gram runs kept read at once: bounds memory on long runs


def context_key(a: int, b: int) -> int:
    """One int for a pair of ids: the key of a bigram, or of a trigram's context."""
    return (a << ID_BITS) | b


class Runs(dict):
    """run → {next id: position}, read from a layout's sorted runs on first use
    (``first[run]``…``first[run + 1]`` of ``following``): the decoder's
    explanations then probe one small dict per context. Look runs up with ``[]``."""

    def __init__(self, first: np.ndarray, following: np.ndarray) -> None:
        super().__init__()
        self.first, self.following = first, following

    def __missing__(self, run: int) -> dict[int, int]:
        low, high = int(self.first[run]), int(self.first[run + 1])
        found = dict(zip(self.following[low:high].tolist(), range(low, high)))
        if len(self) >= CACHED_RUNS:
            self.clear()
        self[run] = found
        return found


@dataclass
class LanguageModel:
    """The trigram model in backoff form, with the vocabulary it is over."""

    vocab: list[str]
    search: SearchModel  # the n-grams as the compiled search reads them
    candidate: list[bool]  # may be proposed as a restoration (Vietnamese syllable or known abbreviation)
    # log relative frequency (the two corpora mixed like the model): ranks same-letter
    # candidates. Kneser-Ney's unigram would not do: it counts how many different words
    # precede a form, so "dõi", nearly always after "theo", would rank far down.
    frequency: list[float]
    unigram: list[float] = field(init=False)  # log P(w)
    index: dict[str, int] = field(init=False)
    by_fold: dict[str, list[int]] = field(init=False)  # same letters without diacritics, most frequent first

    def __post_init__(self) -> None:
        if len(self.search.unigram) != len(self.vocab):
            raise ValueError(f"expected a trigram model over {len(self.vocab)} forms")
        self.unigram = self.search.unigram.tolist()
        self.unigram_bow = self.search.unigram_bow.tolist()
        self.bigrams = Runs(self.search.bigram_first, self.search.bigram_next)  # a → {b: bigram position}
        self.trigrams = Runs(self.search.trigram_first, self.search.trigram_next)  # bigram position → {c: position}
        self.index = {form: i for i, form in enumerate(self.vocab)}
        by_fold: dict[str, list[int]] = {}
        order = sorted(range(len(self.vocab)), key=lambda i: -self.frequency[i])
        for i in order:
            if self.candidate[i]:
                by_fold.setdefault(fold_key(self.vocab[i]), []).append(i)
        self.by_fold = by_fold

    @classmethod
    def of(cls, vocab: list[str], ngrams: BackoffModel, candidate: list[bool], frequency: list[float]) -> "LanguageModel":
        """The model of an estimate, its values rounded as they are stored: float32
        unigrams, float16 precision for the higher orders (held as float32)."""
        if ngrams.order != 3 or len(ngrams.keys[0]) != len(vocab):
            raise ValueError(f"expected a trigram model over {len(vocab)} forms")
        rounded = BackoffModel(
            keys=ngrams.keys,
            logp=[ngrams.logp[0].astype(np.float32), ngrams.logp[1].astype(np.float16), ngrams.logp[2].astype(np.float16)],
            bow=[ngrams.bow[0].astype(np.float32), ngrams.bow[1].astype(np.float16), np.zeros(0, dtype=np.float16)],
        )
        return cls(vocab=vocab, search=SearchModel.of(rounded), candidate=candidate, frequency=frequency)

    @property
    def start(self) -> int:
        return self.index[SENTENCE_START]

    @property
    def unknown(self) -> int:
        return self.index[UNKNOWN]

    def id(self, form: str) -> int:
        return self.index.get(form, self.unknown)

    def logp(self, a: int, b: int, c: int) -> float:
        """log P(c | a b), backing off to the bigram and the unigram."""
        search = self.search
        pair = self.bigrams[a].get(b)
        backoff = 0.0
        if pair is not None:
            found = self.trigrams[pair].get(c)
            if found is not None:
                return float(search.trigram_logp[found])
            backoff = float(search.bigram_bow[pair])
        found = self.bigrams[b].get(c)
        value = float(search.bigram_logp[found]) if found is not None else self.unigram_bow[b] + self.unigram[c]
        return backoff + value

    def save(self, directory: Path) -> Path:
        path = directory / LM_DIR
        arrays = {
            **self.search._asdict(),
            "candidate": np.asarray(self.candidate, dtype=np.bool_),
            "frequency": np.asarray(self.frequency, dtype=np.float32),
        }
        save_arrays(path, arrays)
        write_text_atomically(path / VOCABULARY_FILE, "\n".join(self.vocab))
        return path

    @classmethod
    def load(cls, directory: Path | None = None) -> "LanguageModel":
        path = model_file(LM_DIR, directory)
        try:
            vocab = (path / VOCABULARY_FILE).read_text(encoding="utf-8").split("\n")
            search = SearchModel(*(load_array(path, name) for name in SearchModel._fields))
            return cls(
                vocab=vocab,
                search=search,
                candidate=load_array(path, "candidate").tolist(),
                frequency=load_array(path, "frequency").tolist(),
            )
        except (OSError, ValueError) as error:
            raise ModelError(Msg.MODEL_CORRUPT.format(path=path, reason=error)) from error


@dataclass
class Channel:
    """What OCR does to text, learned from real Tesseract output (see confusions.py).

    ``tokens[mode][observed]`` maps an observed token to {truth: count} (its
    total including correct readings in ``token_totals``); ``chars[mode]`` maps an
    observed character group to {replacement: probability}; ``diacritics`` holds
    the probability that ``vie`` output has the right letters but a wrong tone or
    quality mark; ``issuer_codes`` maps the codes of document numbers (NĐ-CP,
    QĐ-UBND…) to their frequency in the training corpus, ``abbreviations`` the
    written forms of codes and abbreviations (UBND, NĐ, TTg) to theirs.
    """

    tokens: dict[str, dict[str, dict[str, int]]]
    token_totals: dict[str, dict[str, int]]
    chars: dict[str, dict[str, dict[str, float]]]
    diacritics: dict[str, float]
    issuer_codes: dict[str, int]
    abbreviations: dict[str, int]
    merges: dict[str, dict[str, int]]
    stats: dict[str, Any] = field(default_factory=dict)

    def save(self, directory: Path) -> Path:
        path = directory / CHANNEL_FILE
        write_text_atomically(path, json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True, indent=0))
        return path

    @classmethod
    def load(cls, directory: Path | None = None) -> "Channel":
        path = model_file(CHANNEL_FILE, directory)
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError) as error:
            raise ModelError(Msg.MODEL_CORRUPT.format(path=path, reason=error)) from error


def save_arrays(directory: Path, arrays: dict[str, np.ndarray]) -> None:
    """One ``.npy`` file per array (the format holds no timestamp: rebuilding the
    same model gives the same bytes), each written atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.items():
        buffer = io.BytesIO()
        np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
        write_bytes_atomically(directory / f"{name}.npy", buffer.getvalue())


def load_array(directory: Path, name: str) -> np.ndarray:
    """An array of a model folder, memory-mapped read-only (a plain ndarray view)."""
    return np.asarray(np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False))
