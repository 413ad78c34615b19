"""How restoration cuts text into tokens, shared by model building and decoding so
the language model sees text exactly as the decoder does.

A line is a sequence of tokens (runs of characters that are not spaces or
punctuation) and separators. OCR noise such as '€' or '|' inside a word stays
part of the token: it is evidence for the channel model, not a boundary.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..vietnamese import fold, normalize_syllable, split_tone

TOKEN_RE = re.compile(r"[^\s\-–—/\\.,;:()\[\]{}\"“”'‘’`!?…*•<>=+]+")
# A separator holding one of these ends an n-gram context. Commas do not: lists
# such as "sở, ban, ngành" are strong context.
BOUNDARY_RE = re.compile(r"[.;:!?()\[\]{}\"“”…•]")
NUMBER_RE = re.compile(r"\d+")

SENTENCE_START = "<s>"
NUMBER = "<num>"
UNKNOWN = "<unk>"
SPECIAL = (SENTENCE_START, NUMBER, UNKNOWN)

VIETNAMESE_MARKED = set("ăâêôơưđ")


class Span(NamedTuple):
    start: int
    end: int
    text: str
    boundary_before: bool  # the separator before this token ends the n-gram context


def spans(line: str) -> list[Span]:
    """Tokens of one line with their character offsets."""
    out: list[Span] = []
    previous_end = 0
    for match in TOKEN_RE.finditer(line):
        separator = line[previous_end : match.start()]
        out.append(Span(match.start(), match.end(), match.group(0), not out or bool(BOUNDARY_RE.search(separator))))
        previous_end = match.end()
    return out


@lru_cache(maxsize=200_000)
def lm_form(token: str) -> str:
    """The form a token has in the language model: NFC, lower case, old-style tone
    placement; numbers collapse to one class."""
    if NUMBER_RE.fullmatch(token):
        return NUMBER
    return normalize_syllable(unicodedata.normalize("NFC", token).lower())


@lru_cache(maxsize=200_000)
def fold_key(token: str) -> str:
    """Lower-case letters without any diacritic: the key of same-letter candidates."""
    return fold(token.lower())


def has_vietnamese_marks(token: str) -> bool:
    """True when the token carries any diacritic (tone or quality mark, or đ)."""
    return not token.isascii() and fold(token) != token


def marks_of(syllable: str) -> tuple[int, str]:
    """(tone, quality-marked letters) of a syllable: what diacritics it carries."""
    base, tone = split_tone(syllable.lower())
    return tone, "".join(c for c in base if c in VIETNAMESE_MARKED)


def code_like(token: str) -> bool:
    """Written as a code or an abbreviation is: two capital letters first, then
    letters or digits, no tone or quality mark (đ is a letter of its own: UBND, NĐ,
    CP, TTg, PTTg, UBTVQH15). Such a token is data, not a misread word; "HUẾ" is a word."""
    return (
        len(token) >= 2
        and token[:2].isupper()
        and token[:2].isalpha()
        and token.isalnum()
        and fold(token) == token.replace("Đ", "D").replace("đ", "d")
    )
