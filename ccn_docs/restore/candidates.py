"""Candidate restorations of one observed token, each with a channel cost
(−log probability that OCR turned it into what we see).

Three observation modes:
- ``stripped`` (diacritics removed from clean text): only same-letter syllables;
- ``folded`` (text without diacritics: stripped, or OCR'd with ``eng``): every
  syllable with the same letters once diacritics are removed, plus what the
  learned ``eng`` confusions (token table, character groups such as 6→o, ii→u,
  1→l) turn the token into, plus rapidfuzz near matches for what is still not a
  syllable;
- ``accented`` (``vie`` OCR, or clean text): the token itself is strong evidence;
  same-letter syllables with another tone or mark cost what ``vie`` confusions
  say such a change costs, and letter edits cost more.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..vietnamese import fold
from .model import Channel, LanguageModel
from .segment import NUMBER, code_like, fold_key, lm_form, marks_of

MAX_SAME_LETTERS = 12  # most frequent same-letter candidates kept
MAX_FREQUENCY_GAP = 11.0  # drop same-letter candidates e^11 times rarer than the best (bench/tune.py compares 8)
# Keeping a token that is no known word… (the language model scores it as the unknown-word
# class, all rare forms' mass: in some contexts that outbids the real word; bench/tune.py compares 7)
KEEP_UNKNOWN_COST = 10.0
KEEP_ABBREVIATION_COST = 3.0  # …unless it is written in capitals
EDIT_FLOOR = 0.02  # character edits never cost less than −log(0.02)…
VALID_EDIT_COST = 5.0  # …and editing a token that already is a word costs this on top
# …but a plain word in eng-OCR'd text is often a misreading ('hat' for 'hút'): bench/tune.py
# compares 1, 3 and 5 on eng OCR of held-out training pages
VALID_FOLDED_EDIT_COST = 3.0
FUZZY_COST = 5.0  # per Levenshtein edit for rapidfuzz fallbacks
NOISE_CHAR_COST = 2.5  # per dropped non-letter inside a word (half a fuzzy edit)
MAX_EDIT_DEPTH = 2
LETTER_EDIT_COST = 6.0  # a letter dropped or misread in a word OCR was unsure of (bench/tune.py compares 4 and 8)
SYLLABLE_LETTERS = "abcdeghiklmnopqrstuvxy"  # what Vietnamese syllables are spelt with, marks aside
DOUBLE_ONSETS = ("ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr")
MAX_EDITS_OF_WORD = 6  # misreading keys kept for a token that already is a word
MAX_TOKEN_FOR_EDITS = 12
HORN = "\u031b"
# Letters a geometric sans face draws alike, as Tesseract reads them → the letter meant: a
# single-storey "a" is read as "o" ("và" → "vò", "các" → "cóc"), a "y" with a straight tail as "u"
# ("quyết" → "quuết"). The marks stay: "ậ" is read "ộ". Such a misreading is itself a syllable more
# often than not, so the learned channel, which saw few pages in such faces, does not propose it.
SHAPE_MISREADINGS = {"o": "a", "u": "y"}
SHAPE_MISREADING_COST = 4.0  # per letter; the language model decides between "vò" and "và"
MAX_SHAPE_MISREADINGS = 2


class Candidate(NamedTuple):
    form: str | None  # model form (lower case); None keeps the observed token as it is
    id: int  # language-model id
    cost: float  # channel cost, −log P(observed | candidate) up to a constant


class CandidateGenerator:
    def __init__(self, lm: LanguageModel, channel: Channel) -> None:
        self.lm = lm
        self.channel = channel
        self.eng_tokens = _token_costs(channel, "eng")
        self.vie_tokens = _token_costs(channel, "vie")
        self.eng_edits = _edit_costs(channel.chars.get("eng", {}))
        self.vie_edits = _edit_costs(channel.chars.get("vie", {}))
        # A token that is no syllable may show any OCR confusion, eng-style ones included (1ớp → lớp).
        self.any_edits = _edit_costs(_merge_tables(channel.chars.get("vie", {}), channel.chars.get("eng", {})))
        self.tone_cost = -math.log(max(channel.diacritics.get("tone", 0.01), 1e-4))
        self.marks_cost = -math.log(max(channel.diacritics.get("marks", 0.01), 1e-4))
        self.keys_by_length: dict[int, list[str]] = {}
        for key in sorted(lm.by_fold, key=lambda k: -lm.frequency[lm.by_fold[k][0]]):
            self.keys_by_length.setdefault(len(key), []).append(key)
        self.folded = lru_cache(maxsize=100_000)(self._folded)
        self.accented = lru_cache(maxsize=100_000)(self._accented)
        self.number = lru_cache(maxsize=10_000)(self._number)
        self.stripped = lru_cache(maxsize=100_000)(self._stripped)
        self.one_letter_away = lru_cache(maxsize=100_000)(self._one_letter_away)
        self.for_mode = {"stripped": self.stripped, "folded": self.folded, "accented": self.accented}

    # --- stripped text ------------------------------------------------------------------

    def _stripped(self, token: str) -> tuple[Candidate, ...]:
        """Text whose diacritics were removed: only the same letters, or the token itself."""
        out = self._same_letters(fold(token.lower()), 0.0)
        return tuple(out) + self._keep(token, bool(out))

    # --- folded observations ----------------------------------------------------------

    def _folded(self, token: str) -> tuple[Candidate, ...]:
        observed = token.lower()
        base = fold(observed)
        keys: dict[str, float] = {}
        learned = self.eng_tokens.get(observed)
        if learned:
            keys.update(learned)
        elif base in self.lm.by_fold:
            keys[base] = 0.0
        scale = capitals_scale(token)
        capitals = scale > 1.0
        known = base in self.lm.by_fold
        penalty = (VALID_FOLDED_EDIT_COST if observed == base else VALID_EDIT_COST) if known else 0.0
        if not (capitals and known and observed == base):
            edited: dict[str, float] = {}
            for variant, cost in self._edits(observed, self.eng_edits).items():
                key = fold(variant)
                if key in self.lm.by_fold and key not in keys:
                    edited[key] = min(edited.get(key, math.inf), scale * cost + penalty)
            if known:  # the letters already form a word: only its likeliest misreadings
                ranked = sorted(edited.items(), key=lambda item: (item[1], -self.lm.frequency[self.lm.by_fold[item[0]][0]]))
                edited = dict(ranked[:MAX_EDITS_OF_WORD])
            keys.update(edited)
        if observed != base and known:
            keys.setdefault(base, 0.5)  # unseen accented Latin letter: the letters likely hold
        if not known and not learned:
            # OCR noise inside a word ('nghié¢p', 'co6'): its letters alone, else their near
            # matches, next to what the learned edits found (they may miss: 'céac' for 'các').
            letters = "".join(char for char in base if char.isalpha())
            if letters != base and letters in self.lm.by_fold:
                keys.setdefault(letters, NOISE_CHAR_COST * (len(base) - len(letters)))
            else:
                for key, cost in self._fuzzy(letters).items():
                    keys.setdefault(key, scale * cost)
        out = [c for key, cost in keys.items() for c in self._same_letters(key, cost)]
        return tuple(out) + self._keep(token, bool(out))

    def _number(self, token: str) -> tuple[Candidate, ...]:
        """A number, or what ``eng`` OCR made of a syllable ('56' for 'số', '6' for 'ở')."""
        number = self.lm.id(NUMBER)
        learned = self.eng_tokens.get(token)
        if not learned:
            return (Candidate(None, number, 0.0),)
        out = [Candidate(None, number, learned.get(token, -math.log(EDIT_FLOOR)))]
        for key, cost in learned.items():
            out.extend(self._same_letters(key, cost))
        return tuple(out)

    # --- accented observations --------------------------------------------------------

    def _accented(self, token: str) -> tuple[Candidate, ...]:
        observed = lm_form(token)
        key = fold_key(token)
        marks = marks_of(observed)
        costs: dict[int, float] = {}
        learned = self.vie_tokens.get(observed)
        if learned:
            for form, cost in learned.items():
                if form in self.lm.index and self.lm.candidate[self.lm.index[form]]:
                    costs[self.lm.index[form]] = cost
        for i in self.lm.by_fold.get(key, ()):
            costs.setdefault(i, self._mark_cost(marks, self.lm.vocab[i]))
        valid = observed in self.lm.index and self.lm.candidate[self.lm.index[observed]]
        penalty = VALID_EDIT_COST if valid else 0.0
        scale = capitals_scale(token)
        edits = self._edits(key, self.vie_edits, depth=1) if valid else self._edits(key, self.any_edits)
        for variant, cost in edits.items():
            for i in self.lm.by_fold.get(variant, ())[:MAX_SAME_LETTERS]:
                costs.setdefault(i, scale * cost + penalty + self._mark_cost(marks, self.lm.vocab[i]))
        for form, letters in shape_variants(observed):
            i = self.lm.index.get(form)
            if i is not None and self.lm.candidate[i]:
                costs.setdefault(i, letters * SHAPE_MISREADING_COST)
        if not costs:
            for fuzzy_key, cost in self._fuzzy(key).items():
                for i in self.lm.by_fold[fuzzy_key][:MAX_SAME_LETTERS]:
                    costs.setdefault(i, scale * cost + self._mark_cost(marks, self.lm.vocab[i]))
        out = tuple(Candidate(self.lm.vocab[i], i, cost) for i, cost in costs.items())
        return out + self._keep(token, bool(out))

    def _one_letter_away(self, token: str) -> tuple[Candidate, ...]:
        """Syllables one letter (or a two-letter onset) away from an unsure reading, with
        the same marks: OCR drops or swaps a letter of a word it is unsure of ('ười' for
        'người', 'hận' for 'nhận', 'táng' for 'tháng')."""
        observed = lm_form(token)
        key = fold_key(token)
        if not key.isalpha() or len(key) > MAX_TOKEN_FOR_EDITS:
            return ()
        marks = marks_of(observed)
        neighbours = {key[:i] + key[i + 1 :] for i in range(len(key))}
        for i in range(len(key) + 1):
            for letter in SYLLABLE_LETTERS:
                neighbours.add(key[:i] + letter + key[i:])
                if i < len(key):
                    neighbours.add(key[:i] + letter + key[i + 1 :])
        neighbours.update(onset + key for onset in DOUBLE_ONSETS)
        neighbours.discard(key)
        return tuple(
            Candidate(self.lm.vocab[i], i, LETTER_EDIT_COST)
            for neighbour in sorted(neighbours)
            for i in self.lm.by_fold.get(neighbour, ())[:MAX_SAME_LETTERS]
            if marks_of(self.lm.vocab[i]) == marks
        )

    def _mark_cost(self, marks: tuple[int, str], form: str) -> float:
        tone, quality = marks_of(form)
        cost = 0.0
        if tone != marks[0]:
            cost += self.tone_cost
        if quality != marks[1]:
            cost += self.marks_cost
        return cost

    # --- shared -------------------------------------------------------------------------

    def _same_letters(self, key: str, cost: float) -> list[Candidate]:
        ids = self.lm.by_fold.get(key, [])[:MAX_SAME_LETTERS]
        if not ids:
            return []
        top = self.lm.frequency[ids[0]]
        return [Candidate(self.lm.vocab[i], i, cost) for i in ids if top - self.lm.frequency[i] <= MAX_FREQUENCY_GAP]

    def _keep(self, token: str, has_candidates: bool) -> tuple[Candidate, ...]:
        """Keeping the token as it is: free when nothing else fits, else costly."""
        form = lm_form(token)
        known = form in self.lm.index and self.lm.candidate[self.lm.index[form]]
        if known:
            return ()  # already among the candidates
        if not has_candidates:
            cost = 0.0
        elif code_like(token):
            cost = KEEP_ABBREVIATION_COST  # UBND, CCN, TTg: capitals are usually an abbreviation
        else:
            cost = KEEP_UNKNOWN_COST
        # A rare form is scored as the unknown-word class, which holds all rare forms' mass.
        index = self.lm.id(form)
        if self.lm.unigram[index] < self.lm.unigram[self.lm.unknown]:
            index = self.lm.unknown
        return (Candidate(None, index, cost),)

    def _edits(self, observed: str, table: dict[str, list[tuple[str, float]]], depth: int = MAX_EDIT_DEPTH) -> dict[str, float]:
        """Strings reachable with up to ``depth`` learned group substitutions, cheapest cost."""
        if len(observed) > MAX_TOKEN_FOR_EDITS:
            return {}
        found: dict[str, float] = {}
        frontier = {observed: 0.0}
        for _ in range(depth):
            following: dict[str, float] = {}
            for text, spent in frontier.items():
                for start in range(len(text)):
                    for length in (1, 2, 3):
                        group = text[start : start + length]
                        if len(group) < length:
                            break
                        for replacement, cost in table.get(group, ()):
                            variant = text[:start] + replacement + text[start + length :]
                            total = spent + cost
                            if variant and total < found.get(variant, math.inf):
                                found[variant] = total
                                following[variant] = total
            frontier = following
        found.pop(observed, None)
        return found

    def _fuzzy(self, key: str) -> dict[str, float]:
        """Nearest known keys by plain edit distance (rapidfuzz), for tokens nothing else explains."""
        if len(key) < 2 or not key.isalpha():
            return {}
        pool = [k for n in (len(key) - 1, len(key), len(key) + 1) for k in self.keys_by_length.get(n, ())]
        matches = process.extract(key, pool, scorer=Levenshtein.distance, score_cutoff=1 if len(key) < 5 else 2, limit=3)
        return {match: FUZZY_COST * distance for match, distance, _ in matches}


def shape_variants(observed: str) -> list[tuple[str, int]]:
    """Spellings of ``observed`` with up to ``MAX_SHAPE_MISREADINGS`` of its letters read back as the
    letter a geometric face draws alike (``SHAPE_MISREADINGS``), marks kept, with how many changed."""
    letters = list(unicodedata.normalize("NFD", observed))
    # "ư" is "u" and a horn: a horn is drawn on no "y", so only a bare "u" may be a "y".
    spots = [i for i, c in enumerate(letters) if c in SHAPE_MISREADINGS and letters[i + 1 : i + 2] != [HORN]]
    variants = []
    for count in range(1, min(MAX_SHAPE_MISREADINGS, len(spots)) + 1):
        for chosen in combinations(spots, count):
            changed = [SHAPE_MISREADINGS[c] if i in chosen else c for i, c in enumerate(letters)]
            variants.append((unicodedata.normalize("NFC", "".join(changed)), count))
    return variants


def capitals_scale(token: str) -> float:
    """How much dearer a misreading is for this token: a word in capitals is more
    often an abbreviation (CCN, TTĐTTP, TTg) than a misreading."""
    return 2.0 if code_like(token) else 1.0


def _token_costs(channel: Channel, mode: str) -> dict[str, dict[str, float]]:
    totals = channel.token_totals.get(mode, {})
    return {
        observed: {truth: -math.log(count / totals[observed]) for truth, count in truths.items()}
        for observed, truths in channel.tokens.get(mode, {}).items()
    }


def _edit_costs(table: dict[str, dict[str, float]]) -> dict[str, list[tuple[str, float]]]:
    return {
        group: sorted((replacement, -math.log(max(p, EDIT_FLOOR))) for replacement, p in replacements.items())
        for group, replacements in table.items()
    }


def _merge_tables(*tables: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    merged: dict[str, dict[str, float]] = {}
    for table in tables:
        for group, replacements in table.items():
            for replacement, p in replacements.items():
                slot = merged.setdefault(group, {})
                slot[replacement] = max(slot.get(replacement, 0.0), p)
    return merged
