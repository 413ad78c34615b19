"""Scorers as plain functions (rapidfuzz style): syllable accuracy for text and
precision/recall/F1 for extraction."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .vietnamese import syllables


@dataclass
class SyllableScore:
    matches: int
    reference: int

    @property
    def accuracy(self) -> float:
        return self.matches / self.reference if self.reference else 1.0

    def __add__(self, other: "SyllableScore") -> "SyllableScore":
        return SyllableScore(self.matches + other.matches, self.reference + other.reference)


def syllable_score(hypothesis: str, reference: str) -> SyllableScore:
    """Align hypothesis syllables to reference syllables (Levenshtein over syllable
    tokens) and count aligned matches. Case, punctuation and tone-mark placement
    are ignored."""
    hyp = syllables(hypothesis)
    ref = syllables(reference)
    matches = sum(
        op.src_end - op.src_start for op in Levenshtein.opcodes(hyp, ref) if op.tag == "equal"
    )
    return SyllableScore(matches, len(ref))


def syllable_accuracy(hypothesis: str, reference: str) -> float:
    return syllable_score(hypothesis, reference).accuracy


@dataclass
class PRF:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )
