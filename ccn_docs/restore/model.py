"""The restoration model files in ``models/`` and their loaders.

- ``restore-lm.npz``: syllable vocabulary, which entries may be proposed as
  candidates, and a trigram language model in backoff form (Kneser-Ney models of
  the administrative documents and of Wikipedia, mixed: ``smoothing.py``) as
  sorted integer keys with log-probabilities and log backoff weights;
- ``restore-channel.json``: the OCR channel learned by aligning Tesseract output of
  rendered training text with its source (token and character confusions,
  diacritic-change rates) and the issuer-code inventory of document numbers.

Both are written by ``ccn model build`` and fail loudly when missing or stale.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, Msg
from ..modeldata import model_file
from ..textio import write_bytes_atomically, write_text_atomically
from .segment import SENTENCE_START, UNKNOWN, fold_key
from .smoothing import ID_BITS, BackoffModel, lookup

LM_FILE = "restore-lm.npz"
CHANNEL_FILE = "restore-channel.json"
CACHED_CONTEXTS = 300_000  # contexts kept read at once: bounds memory on long runs
#: Key of a context's own log backoff weight among its followers (ids are never negative).
BOW = -1

EMPTY: dict[int, float] = {}


def context_key(a: int, b: int) -> int:
    """One int for a pair of ids: the key of a bigram, or of a trigram's context."""
    return (a << ID_BITS) | b


class Followers(dict):
    """context → {follower id: log-probability, ``BOW``: the context's log backoff
    weight}, read from the sorted flat arrays on first use: loading costs nothing
    per n-gram, and the decoder then probes one small, cache-friendly dict per
    context. A context without followers maps to an empty dict (its backoff weight
    is 0). Look contexts up with ``[]`` (``.get`` bypasses the on-demand read)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray, context_keys: np.ndarray, context_bows: np.ndarray) -> None:
        super().__init__()
        self.flat_keys, self.flat_logp = keys, values
        self.context_keys, self.context_bows = context_keys, context_bows
        self._contexts: np.ndarray | None = None  # split on first use: only explanations read them
        self._followers: np.ndarray | None = None

    def __missing__(self, context: int) -> dict[int, float]:
        if self._contexts is None:
            self._contexts, self._followers = self.flat_keys >> ID_BITS, self.flat_keys & ((1 << ID_BITS) - 1)
        low, high = self._contexts.searchsorted((context, context + 1)).tolist()
        if high > low:
            found = dict(zip(self._followers[low:high].tolist(), self.flat_logp[low:high].astype(np.float32).tolist()))
            found[BOW] = float(lookup(self.context_keys, self.context_bows, np.array([context]), 0.0)[0][0])
        else:
            found = EMPTY
        if len(self) >= CACHED_CONTEXTS:
            self.clear()
        self[context] = found
        return found

    @property
    def size(self) -> int:
        """Number of stored n-grams (contexts read so far are only a cache)."""
        return len(self.flat_keys)


@dataclass
class LanguageModel:
    """The trigram model in backoff form, with the vocabulary it is over."""

    vocab: list[str]
    ngrams: BackoffModel  # packed keys, log-probabilities and log backoff weights per order
    candidate: list[bool]  # may be proposed as a restoration (Vietnamese syllable or known abbreviation)
    # log relative frequency (the two corpora mixed like the model): ranks same-letter
    # candidates. Kneser-Ney's unigram would not do: it counts how many different words
    # precede a form, so "dõi", nearly always after "theo", would rank far down.
    frequency: list[float]
    unigram: list[float] = field(init=False)  # log P(w)
    bigram: Followers = field(init=False)  # b → {c: log P(c | b), BOW: log bow(b)}
    trigram: Followers = field(init=False)  # context_key(a, b) → {c: log P(c | a b), BOW: log bow(a b)}
    index: dict[str, int] = field(init=False)
    by_fold: dict[str, list[int]] = field(init=False)  # same letters without diacritics, most frequent first

    def __post_init__(self) -> None:
        ngrams = self.ngrams
        if ngrams.order != 3 or len(ngrams.keys[0]) != len(self.vocab):
            raise ValueError(f"expected a trigram model over {len(self.vocab)} forms")
        self.unigram = ngrams.logp[0].astype(np.float64).tolist()
        self.bigram = Followers(ngrams.keys[1], ngrams.logp[1], ngrams.keys[0], ngrams.bow[0])
        self.trigram = Followers(ngrams.keys[2], ngrams.logp[2], ngrams.keys[1], ngrams.bow[1])
        self.index = {form: i for i, form in enumerate(self.vocab)}
        by_fold: dict[str, list[int]] = {}
        order = sorted(range(len(self.vocab)), key=lambda i: -self.frequency[i])
        for i in order:
            if self.candidate[i]:
                by_fold.setdefault(fold_key(self.vocab[i]), []).append(i)
        self.by_fold = by_fold

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
        after_pair = self.trigram[context_key(a, b)]
        value = after_pair.get(c)
        if value is not None:
            return value
        after_b = self.bigram[b]
        value = after_b.get(c)
        if value is None:
            value = after_b.get(BOW, 0.0) + self.unigram[c]
        return after_pair.get(BOW, 0.0) + value

    def save(self, directory: Path) -> Path:
        ngrams = self.ngrams
        # The ids of unigram keys are their positions: only their values are stored.
        arrays = {
            "vocab": np.array("\n".join(self.vocab)),
            "candidate": np.asarray(self.candidate, dtype=np.bool_),
            "frequency": np.asarray(self.frequency, dtype=np.float32),
            "unigram_logp": ngrams.logp[0].astype(np.float32),
            "unigram_bow": ngrams.bow[0].astype(np.float32),
            "bigram_keys": ngrams.keys[1],
            "bigram_logp": ngrams.logp[1].astype(np.float16),
            "bigram_bow": ngrams.bow[1].astype(np.float16),
            "trigram_keys": ngrams.keys[2],
            "trigram_logp": ngrams.logp[2].astype(np.float16),
        }
        path = directory / LM_FILE
        write_bytes_atomically(path, npz_bytes(arrays))
        return path

    @classmethod
    def load(cls, directory: Path | None = None) -> "LanguageModel":
        path = model_file(LM_FILE, directory)
        try:
            with np.load(path) as data:
                vocab = str(data["vocab"]).split("\n")
                ngrams = BackoffModel(
                    keys=[np.arange(len(vocab), dtype=np.int64), data["bigram_keys"], data["trigram_keys"]],
                    logp=[data["unigram_logp"], data["bigram_logp"], data["trigram_logp"]],
                    bow=[data["unigram_bow"], data["bigram_bow"], np.zeros(0, dtype=np.float16)],
                )
                return cls(vocab=vocab, ngrams=ngrams, candidate=data["candidate"].tolist(), frequency=data["frequency"].tolist())
        except (OSError, KeyError, ValueError) as error:
            raise ModelError(Msg.MODEL_CORRUPT.format(path=path, reason=error)) from error


@dataclass
class Channel:
    """What OCR does to text, learned from real Tesseract output (see confusions.py).

    ``tokens[mode][observed]`` maps an observed token to {truth: count} (its
    total including correct readings in ``token_totals``); ``chars[mode]`` maps an
    observed character group to {replacement: probability}; ``diacritics`` holds
    the probability that ``vie`` output has the right letters but a wrong tone or
    quality mark; ``issuer_codes`` maps the codes of document numbers (NĐ-CP,
    QĐ-UBND…) to their frequency in the training corpus.
    """

    tokens: dict[str, dict[str, dict[str, int]]]
    token_totals: dict[str, dict[str, int]]
    chars: dict[str, dict[str, dict[str, float]]]
    diacritics: dict[str, float]
    issuer_codes: dict[str, int]
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


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """A compressed .npz archive with fixed timestamps (np.savez stamps the current
    time), so that rebuilding the same model gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()
