"""Vietnamese text primitives shared by every stage: NFC, diacritic folding,
tone-mark placement and syllable tokenisation.

The project uses one tone-placement convention, the old style the documents use
("hòa", "thủy", "khỏe"): when a two-vowel nucleus ends the syllable the tone sits
on the first vowel, otherwise on the vowel that carries a quality mark.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_CHARS = {v: k for k, v in TONE_MARKS.items()}
_QUALITY_VOWELS = set("ăâêôơưĂÂÊÔƠƯ")
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")

# Syllable-ish tokens: letters (incl. Vietnamese) and digits; everything else is separator.
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Remove every diacritic, including đ → d: 'Sở Tài chính' → 'So Tai chinh'."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D")


def split_tone(syllable: str) -> tuple[str, int]:
    """Return the syllable without its tone mark (quality marks kept) and the tone
    (0 level, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng)."""
    tone = 0
    kept = []
    for char in unicodedata.normalize("NFD", syllable):
        mark = TONE_MARKS.get(char)
        if mark is not None:
            tone = mark
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _nucleus(base: str) -> list[int]:
    """Indexes of the vowel letters that form the nucleus, skipping the glide
    of 'qu' and the 'i' of 'gi' when another vowel follows."""
    lower = base.lower()
    start = 0
    if lower.startswith("qu"):
        start = 2
    elif lower.startswith("gi") and len(lower) > 2 and lower[2] in "aăâeêoôơuưy":
        start = 2
    indexes = [i for i in range(start, len(base)) if base[i] in _VOWELS]
    if not indexes and start:
        indexes = [i for i in range(len(base)) if base[i] in _VOWELS]
    # Keep the first contiguous run only.
    run = indexes[:1]
    for i in indexes[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            break
    return run


def place_tone(base: str, tone: int) -> str:
    """Put ``tone`` on the right vowel of a toneless syllable, old style."""
    if tone == 0:
        return base
    run = _nucleus(base)
    if not run:
        return base
    marked = [i for i in run if base[i] in _QUALITY_VOWELS]
    if marked:
        target = marked[-1]
    elif len(run) == 1:
        target = run[0]
    elif len(run) >= 3:
        target = run[1]
    elif run[-1] == len(base) - 1:
        target = run[0]  # open syllable: hòa, thủy, mía
    else:
        target = run[1]  # closed syllable: hoàn, toán
    decomposed = unicodedata.normalize("NFD", base[target]) + _TONE_CHARS[tone]
    return unicodedata.normalize("NFC", base[:target] + unicodedata.normalize("NFC", decomposed) + base[target + 1 :])


@lru_cache(maxsize=1 << 16)  # a text repeats a few thousand syllables; extraction asks for each many times
def normalize_syllable(syllable: str) -> str:
    """NFC and old-style tone placement for one syllable."""
    base, tone = split_tone(syllable)
    return place_tone(base, tone)


def normalize_text(text: str) -> str:
    """NFC and old-style tone placement for every word of ``text``."""
    text = nfc(text)
    return WORD_RE.sub(lambda m: normalize_syllable(m.group(0)), text)


def syllables(text: str) -> list[str]:
    """Syllable tokens of ``text`` for scoring: lower case, punctuation dropped,
    tone placement normalised so 'hoà' and 'hòa' compare equal."""
    return [normalize_syllable(m.group(0).lower()) for m in WORD_RE.finditer(nfc(text))]
