"""Pattern data of the extraction rules: JSONL files under ``models/patterns/``.

Every rule component reads its data through :func:`load_patterns`, which fails
loudly (``ModelError``) when a file is missing or malformed, so a broken install
never silently extracts nothing.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from ..errors import ModelError, Msg
from ..modeldata import model_file
from ..vietnamese import fold

#: Version of the pattern files' layout; bump when a field changes meaning.
PATTERNS_VERSION = "1"
PATTERN_FILES = ("agencies.jsonl", "agency_terms.jsonl", "legal.jsonl", "cues.jsonl")
_REQUIRED = {
    "agencies.jsonl": ("canonical", "kind", "aliases"),
    "agency_terms.jsonl": ("kind", "form"),
    "legal.jsonl": ("kind", "form"),
    "cues.jsonl": ("kind", "pattern"),
}


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """Records of ``models/patterns/<name>``, each checked for its required keys."""
    path = model_file(f"patterns/{name}")
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ModelError(Msg.PATTERNS_INVALID.format(path=path, line=number, reason=error.msg)) from None
            missing = [key for key in _REQUIRED.get(name, ()) if key not in record]
            if missing:
                reason = "missing " + ", ".join(missing)
                raise ModelError(Msg.PATTERNS_INVALID.format(path=path, line=number, reason=reason))
            records.append(record)
    if not records:
        raise ModelError(Msg.PATTERNS_INVALID.format(path=path, line=0, reason="no records"))
    return tuple(records)


def records_of(name: str, kind: str) -> list[dict[str, Any]]:
    return [record for record in load_patterns(name) if record["kind"] == kind]


def pattern_counts() -> dict[str, int]:
    """Record counts per file, for the manifest and ``ccn model`` reports."""
    return {name: len(load_patterns(name)) for name in PATTERN_FILES}


#: Upper- and lower-case letters of Vietnamese, for regex classes ("À-Ỹ" would span both cases).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
#: Where a sentence ends and the next begins: a full stop after a word or a closing bracket or quote, then a capital.
SENTENCE_BREAK = re.compile(rf"(?<=[^\W_]{{2}}[.])\s+(?=[{UPPER}])|(?<=[)”\"][.])\s+(?=[{UPPER}])")

_LOOKALIKES = dict(zip("АВСЕНКМОРТХаеорсух", "ABCEHKMOPTXaeopcyx"))


class _FoldTable(dict):
    """``str.translate`` table mapping each character to one folded character, so
    folded text keeps the offsets of the original (needed to map matches back)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _LOOKALIKES:  # Cyrillic letters that look Latin ("BТС" typed with Т, С)
            self[code] = _LOOKALIKES[char]
            return self[code]
        folded = fold(char)
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold_same_length(text: str) -> str:
    """Diacritics removed (đ → d), case kept, one output character per input character."""
    return text.translate(_FOLD_TABLE)


_NOT_KEY = re.compile(r"[^\w&]+|_+")


def number_key(number: str) -> str:
    """A document number as compared: folded, upper case, no spaces ("32/2024/ND-CP")."""
    return re.sub(r"\s+", "", fold(number).upper())


def fold_key(text: str) -> str:
    """Lower-case, folded, punctuation collapsed to single spaces: a comparison key."""
    return _NOT_KEY.sub(" ", fold_same_length(text).lower()).strip()


def doc_text(doc: Any) -> str:
    """``doc.text``, rebuilt by spaCy from the tokens on every access, cached on the doc."""
    text = doc.user_data.get("ccn_text")
    if text is None:
        text = doc.user_data["ccn_text"] = doc.text
    return text
