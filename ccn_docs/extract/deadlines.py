"""Deadlines ("trước ngày 25/12 hằng năm") and recurrences ("hằng tháng",
"định kỳ") — the ``ccn_deadline_ruler`` spaCy component over ``cues.jsonl``."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .patterns import doc_text, fold_same_length, records_of

KINDS = ("deadline", "recurrence")


@lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """One alternation per cue kind, matched on folded lower-case text."""
    patterns = {}
    for kind in KINDS:
        alternatives = "|".join(f"(?:{r['pattern']})" for r in records_of("cues.jsonl", kind))
        patterns[kind] = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")
    return patterns


def find_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    folded = fold_same_length(text).lower()
    return {kind: [m.span() for m in pattern.finditer(folded)] for kind, pattern in cue_patterns().items()}


@Language.factory("ccn_deadline_ruler", default_config={})
def make_deadline_ruler(nlp: Language, name: str) -> "DeadlineRuler":
    return DeadlineRuler(name)


class DeadlineRuler:
    """Adds ``doc.spans["deadline"]`` and ``doc.spans["recurrence"]``."""

    def __init__(self, name: str) -> None:
        self.name = name
        cue_patterns()  # load (and validate) the data at initialisation

    def __call__(self, doc: Doc) -> Doc:
        for kind, spans in find_cues(doc_text(doc)).items():
            doc.spans[kind] = [
                span for start, end in spans
                if (span := doc.char_span(start, end, label=kind, alignment_mode="expand")) is not None
            ]
        return doc
