"""The context model: a small convolutional network that reads text without
diacritics and says, for each token, how likely each of its same-letter forms is.

The trigram model sees two syllables back; many choices need more ("hàng"/"hằng",
"lợi"/"lỗi", "số"/"sổ"/"sở" are told apart by words further off or by what the
document is about). The network reads the folded syllables 15 tokens to each side
(four gated convolutions, dilations 1, 2, 4, 8) and a summary of the whole text
(the mean of a topic embedding over its tokens). The decoder adds its opinion to
the candidates' costs as a unary score: the log-probability it gives a form, over
the form's share of the same-letter forms' corpus frequency, so that it adds
context and does not count the frequency the trigram model already knows twice.

Inference is plain NumPy (a matrix product per layer); training needs PyTorch and
lives in ``context_training.py``. Weights are in ``models/restore-context/`` (float16,
memory-mapped, widened to float32 at load).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from ..errors import ModelError, Msg
from ..modeldata import model_file
from ..textio import write_text_atomically
from .model import load_array, save_arrays
from .segment import Span, fold_key, lm_form

CONTEXT_DIR = "restore-context"
FOLDS_FILE = "folds.txt"
# Input ids below the folds' own: padding, a line break, a fold the model never saw.
PAD, LINE_BREAK, UNKNOWN_FOLD = 0, 1, 2
RESERVED_INPUTS = 3
CASES = 4  # lower, Capitalised, UPPER, no letters (numbers, line breaks)
MAX_FORMS = 12  # same-letter forms scored per token, most frequent first (a fold has at most 9 in practice)
LAYER_NORM_EPSILON = 1e-5
BLOCK = 1024  # positions per block of the forward pass: few enough for its arrays to stay in the CPU cache
WEIGHTS = (
    "fold_embedding",
    "case_embedding",
    "boundary_embedding",
    "topic_embedding",
    "topic_projection",
    "topic_bias",
    "convolution",
    "convolution_bias",
    "norm_scale",
    "norm_bias",
    "output_embedding",
    "output_bias",
)


def case_class(token: str) -> int:
    if not token[:1].isalpha():
        return 3
    if len(token) > 1 and token.isupper():
        return 2
    return 1 if token[:1].isupper() else 0


@dataclass
class EncodedText:
    """A text as the network reads it: one position per token plus one opening
    each line that has tokens; ``where`` maps (line, token start, token end) to a position."""

    folds: np.ndarray
    cases: np.ndarray
    boundaries: np.ndarray
    where: dict[tuple[int, int, int], int]


def encode(lines: list[list[Span]], fold_ids: dict[str, int]) -> EncodedText:
    folds, cases, boundaries, where = [], [], [], {}
    inputs: dict[str, tuple[int, int]] = {}  # token → (fold id, case): a text repeats its tokens
    for number, line in enumerate(lines):
        if not line:
            continue
        folds.append(LINE_BREAK)
        cases.append(3)
        boundaries.append(1)
        for span in line:
            where[(number, span.start, span.end)] = len(folds)
            found = inputs.get(span.text)
            if found is None:
                found = inputs[span.text] = (fold_ids.get(fold_key(lm_form(span.text)), UNKNOWN_FOLD), case_class(span.text))
            folds.append(found[0])
            cases.append(found[1])
            boundaries.append(int(span.boundary_before))
    return EncodedText(
        np.asarray(folds, dtype=np.int64), np.asarray(cases, dtype=np.int64), np.asarray(boundaries, dtype=np.int64), where
    )


@dataclass
class ContextModel:
    """The network's weights (float32 in memory) and its input vocabulary: the
    folds of the language model's forms. ``output_embedding`` rows are language
    model ids."""

    folds: list[str]
    dilations: tuple[int, ...]
    weights: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        missing = [name for name in WEIGHTS if name not in self.weights]
        if missing:
            raise ValueError(f"context model lacks {', '.join(missing)}")
        self.weights = {name: np.asarray(value, dtype=np.float32) for name, value in self.weights.items()}
        self.fold_ids = {fold: number + RESERVED_INPUTS for number, fold in enumerate(self.folds)}
        width = self.weights["fold_embedding"].shape[1]
        # Each convolution as one matrix over the three taps side by side: (3·width) × (2·width).
        self.tap_matrices = [kernel.transpose(2, 1, 0).reshape(3 * width, 2 * width) for kernel in self.weights["convolution"]]

    @property
    def vocabulary(self) -> int:
        return len(self.weights["output_bias"])

    def hidden(self, text: EncodedText) -> np.ndarray:
        """One context vector per position of ``text``. The matrix products run on
        one BLAS thread: a second one saved no time on 2 cores and doubled the CPU
        time (make bench-restore), and batches already run a process per core."""
        with threadpool_limits(1, user_api="blas"):
            return self._hidden(text)

    def _hidden(self, text: EncodedText) -> np.ndarray:
        """The layers run over blocks of ``BLOCK`` positions, each read with the
        ``receptive`` positions to either side that its outputs see: a block's arrays
        stay in the CPU cache, where a whole document's (tens of MB) do not. The
        outputs are the same as over the whole text at once."""
        w = self.weights
        topic = w["topic_embedding"][text.folds].mean(axis=0) @ w["topic_projection"].T + w["topic_bias"]
        length, receptive = len(text.folds), sum(self.dilations)
        out = np.empty((length, w["fold_embedding"].shape[1]), dtype=np.float32)
        for start in range(0, length, BLOCK):
            end = min(length, start + BLOCK)
            low, high = max(0, start - receptive), min(length, end + receptive)
            x = (
                w["fold_embedding"][text.folds[low:high]]
                + w["case_embedding"][text.cases[low:high]]
                + w["boundary_embedding"][text.boundaries[low:high]]
                + topic
            )
            out[start:end] = self._layers(x)[start - low : end - low]
        return out

    def _layers(self, x: np.ndarray) -> np.ndarray:
        """The gated convolutions over consecutive positions ``x`` (zeros beyond them)."""
        w = self.weights
        width = x.shape[1]
        for layer, dilation in enumerate(self.dilations):
            padded = np.pad(x, ((dilation, dilation), (0, 0)))
            taps = np.concatenate([padded[: len(x)], padded[dilation : dilation + len(x)], padded[2 * dilation :]], axis=1)
            gates = taps @ self.tap_matrices[layer] + w["convolution_bias"][layer]
            x = x + gates[:, :width] / (1 + np.exp(-np.clip(gates[:, width:], -30, 30)))
            x = (x - x.mean(axis=1, keepdims=True)) / np.sqrt(x.var(axis=1, keepdims=True) + LAYER_NORM_EPSILON)
            x = x * w["norm_scale"][layer] + w["norm_bias"][layer]
        return x

    def log_probabilities(self, hidden: np.ndarray, forms: np.ndarray) -> np.ndarray:
        """log P(form | context) over each row of ``forms`` (language model ids, −1
        pads a row), for the context vectors ``hidden`` (one per row)."""
        w = self.weights
        safe = np.maximum(forms, 0)
        logits = np.einsum("nd,nkd->nk", hidden, w["output_embedding"][safe]) + w["output_bias"][safe]
        logits = np.where(forms >= 0, logits, -np.inf)
        top = logits.max(axis=1, keepdims=True)
        return logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))

    def save(self, directory: Path) -> Path:
        path = directory / CONTEXT_DIR
        arrays = {name: self.weights[name].astype(np.float16) for name in WEIGHTS}
        arrays["dilations"] = np.asarray(self.dilations, dtype=np.int64)
        save_arrays(path, arrays)
        write_text_atomically(path / FOLDS_FILE, "\n".join(self.folds))
        return path

    @classmethod
    def load(cls, directory: Path | None = None) -> "ContextModel":
        path = model_file(CONTEXT_DIR, directory)
        try:
            return cls(
                folds=(path / FOLDS_FILE).read_text(encoding="utf-8").split("\n"),
                dilations=tuple(int(d) for d in load_array(path, "dilations")),
                weights={name: load_array(path, name) for name in WEIGHTS},
            )
        except (OSError, ValueError) as error:
            raise ModelError(Msg.MODEL_CORRUPT.format(path=path, reason=error)) from error
