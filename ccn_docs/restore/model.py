"""The restoration model files in ``models/`` and their loaders.

- ``restore-lm.npz``: syllable vocabulary, which entries may be proposed as
  candidates, and a pruned trigram language model (stupid backoff) as sorted
  integer keys with float log-probabilities;
- ``restore-channel.json``: the OCR channel learned by aligning Tesseract output of
  rendered training text with its source (token and character confusions,
  diacritic-change rates) and the issuer-code inventory of document numbers.

Both are written by ``ccn model build`` and fail loudly when missing or stale.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, Msg
from ..modeldata import manifest, model_file
from ..textio import write_bytes_atomically, write_text_atomically
from .segment import SENTENCE_START, UNKNOWN, fold_key

LM_FILE = "restore-lm.npz"
CHANNEL_FILE = "restore-channel.json"
ID_BITS = 20  # vocabulary ids fit in 20 bits, so a trigram packs into one int64
CACHED_CONTEXTS = 300_000  # contexts kept read at once: bounds memory on long runs
BACKOFF = math.log(0.2)  # stupid-backoff penalty per order dropped (best of 0.2, 0.4, 0.7 on held-out training documents)


EMPTY: dict[int, float] = {}


def context_key(a: int, b: int) -> int:
    """One int for a pair of ids: the key of a bigram, or of a trigram's context."""
    return (a << ID_BITS) | b


def flatten(nested: dict[int, dict[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted flat keys (context << ID_BITS | id) and float16 log-probabilities."""
    items = sorted(((context << ID_BITS) | c, value) for context, following in nested.items() for c, value in following.items())
    keys = np.fromiter((k for k, _ in items), dtype=np.int64, count=len(items))
    values = np.fromiter((v for _, v in items), dtype=np.float64, count=len(items)).astype(np.float16)
    return keys, values


class Followers(dict):
    """context → {follower id: log-probability}, read from the sorted flat arrays
    on first use: loading costs nothing per n-gram, and the decoder then probes one
    small, cache-friendly dict per context. Look contexts up with ``[]`` (``.get``
    bypasses the on-demand read)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        super().__init__()
        self.flat_keys, self.flat_logp = keys, values
        self._contexts = keys >> ID_BITS
        self._followers = keys & ((1 << ID_BITS) - 1)

    @classmethod
    def from_nested(cls, nested: dict[int, dict[int, float]]) -> "Followers":
        return cls(*flatten(nested))

    def __missing__(self, context: int) -> dict[int, float]:
        low, high = self._contexts.searchsorted((context, context + 1)).tolist()
        found = dict(zip(self._followers[low:high].tolist(), self.flat_logp[low:high].astype(np.float32).tolist())) if high > low else EMPTY
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
    vocab: list[str]
    unigram: list[float]  # log P(w)
    bigram: Followers  # b → {c: log P(c | b)}
    trigram: Followers  # context_key(a, b) → {c: log P(c | a b)}
    candidate: list[bool]  # may be proposed as a restoration (Vietnamese syllable or known abbreviation)
    index: dict[str, int] = field(init=False)
    by_fold: dict[str, list[int]] = field(init=False)  # same letters without diacritics, most frequent first

    def __post_init__(self) -> None:
        if not isinstance(self.bigram, Followers):
            self.bigram = Followers.from_nested(self.bigram)
        if not isinstance(self.trigram, Followers):
            self.trigram = Followers.from_nested(self.trigram)
        self.index = {form: i for i, form in enumerate(self.vocab)}
        by_fold: dict[str, list[int]] = {}
        order = sorted(range(len(self.vocab)), key=lambda i: -self.unigram[i])
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
        """log P(c | a b) with stupid backoff."""
        value = self.trigram[context_key(a, b)].get(c)
        if value is not None:
            return value
        value = self.bigram[b].get(c)
        if value is not None:
            return BACKOFF + value
        return 2 * BACKOFF + self.unigram[c]

    def save(self, directory: Path) -> Path:
        arrays = {
            "vocab": np.array("\n".join(self.vocab)),
            "unigram": np.asarray(self.unigram, dtype=np.float32),
            "candidate": np.asarray(self.candidate, dtype=np.bool_),
            "bigram_keys": self.bigram.flat_keys,
            "bigram_logp": self.bigram.flat_logp,
            "trigram_keys": self.trigram.flat_keys,
            "trigram_logp": self.trigram.flat_logp,
        }
        path = directory / LM_FILE
        write_bytes_atomically(path, npz_bytes(arrays))
        return path

    @classmethod
    def load(cls, directory: Path | None = None) -> "LanguageModel":
        path = model_file(LM_FILE, directory)
        try:
            with np.load(path) as data:
                return cls(
                    vocab=str(data["vocab"]).split("\n"),
                    unigram=data["unigram"].tolist(),
                    bigram=Followers(data["bigram_keys"], data["bigram_logp"]),
                    trigram=Followers(data["trigram_keys"], data["trigram_logp"]),
                    candidate=data["candidate"].tolist(),
                )
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


def load_models(directory: Path | None = None) -> tuple[LanguageModel, Channel]:
    """Both model files, after the manifest's version check."""
    manifest(directory)
    return LanguageModel.load(directory), Channel.load(directory)
