"""Choose the best restoration of each line: candidates (channel model) scored by
the syllable trigram language model, decoded with Viterbi.

On OCR'd text the search is exact second-order Viterbi (a state is a pair of
syllables). On stripped text it is first order: the state is the current syllable
and the trigram context of a transition is the best path into the previous state
(a standard approximation that keeps the search at |candidates|² per token). Both
keep restoration linear in input length.
A second pass re-decodes the lines where a word took a spelling that the rest of
the text mostly did not, when the text's majority is not the language model's usual
spelling ("thẻ" in a directive about cards): documents repeat their own vocabulary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..vietnamese import fold, nfc
from .candidates import Candidate, CandidateGenerator
from .model import BACKOFF, ID_BITS, Channel, LanguageModel
from .segment import NUMBER, NUMBER_RE, Span, fold_key, has_vietnamese_marks, lm_form, spans

STRIPPED, FOLDED, ACCENTED = "stripped", "folded", "accented"
ACCENTED_SHARE = 0.5  # share of words with diacritics above which text counts as accented (eng OCR: 0.1–0.26, vie OCR: 0.8–0.93)
VIETNAMESE_SHARE = 0.5  # below this share of known words a text is another language: left alone
LINE_VIETNAMESE_SHARE = 0.3
OCR_SIGNS_SHARE = 0.03  # eng OCR puts é, ó… or digits (s6, 1y) into 10–25% of words; stripped text into none
CHANNEL_WEIGHT = 1.0
ALTERNATIVES = 3
BREAK_COST = 3.0  # a merge or split costs as much as an unlikely OCR confusion
BEAM = 12.0  # log-probability below the best state at which a state is dropped
MAX_STATES = 24  # (previous, current) pairs kept per token by the second-order decoder
CONSISTENCY_WEIGHT = 1.5  # chosen on held-out training documents (bench/tune.py compares 0 and 3)
CONSISTENCY_MIN_COUNT = 3  # choices of a key before the text's majority counts
BACKOFF2 = 2 * BACKOFF

# A document number: "32/2024/NĐ-CP", "2029/UBND-KTTH", "Nb-CP" and "NÐ-CP" misreadings included.
DOCUMENT_NUMBER_RE = re.compile(
    r"(?<![\w/])(\d{1,5}(?:/\d{4})?/)([A-Za-zĐđÐð][A-Za-zĐđÐð&]*(?:-[A-Za-zĐđÐð][A-Za-zĐđÐð0-9&]*)+)"
)

# A list marker: "a) ", "đ) " at the start of a line or after a space.
ENUMERATION_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_])\)")

DIGIT_RE = re.compile(r"\d")
LETTER_RE = re.compile(r"[^\W\d_]")

# Party documents ("31-CT/TU", "09-NQ/TW") are numbered differently; they are kept as written.
PARTY_NUMBER_RE = re.compile(r"(?<![\w/])\d{1,5}-[A-ZĐ]{1,8}/[A-ZĐ]{1,8}\b")


@dataclass(slots=True)
class Unit:
    """One decoded token of a line: its span, candidates and the choice made."""

    start: int
    end: int
    observed: str
    candidates: tuple[Candidate, ...]
    boundary_before: bool
    fixed: str | None = None  # output decided without the language model (numbers, identifiers)
    prefix: str = ""  # put before the output: a space when a joined token was split
    choice: int = 0
    confidence: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    def render(self, candidate: Candidate) -> str:
        if self.fixed is not None:
            return self.fixed
        return self.observed if candidate.form is None else apply_case(self.observed, candidate.form)

    @property
    def text(self) -> str:
        return self.render(self.candidates[self.choice]) if self.candidates else (self.fixed or self.observed)


def apply_case(observed: str, form: str) -> str:
    """Carry the observed capitalisation (all caps, or initial capital) onto ``form``."""
    if observed.islower():
        return form
    letters = [c for c in observed if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return form.upper()
    if letters and letters[0].isupper():
        return form[:1].upper() + form[1:]
    return form


class Decoder:
    def __init__(self, lm: LanguageModel, channel: Channel) -> None:
        self.lm = lm
        self.channel = channel
        self.generate = CandidateGenerator(lm, channel)
        codes = sorted(channel.issuer_codes, key=lambda c: (-channel.issuer_codes[c], c))
        self.code_keys = [fold(c).upper() for c in codes]
        # Token pairs that OCR output showed for one true token, e.g. a word broken in two.
        self.learned_merges = {
            observed.lower() for observed, truths in channel.merges.items() if any(" " not in t for t in truths)
        }
        self.code_by_key: dict[str, str] = {}
        for code, key in zip(codes, self.code_keys):
            self.code_by_key.setdefault(key, code)

    # --- whole texts -----------------------------------------------------------------

    def mode(self, words: list[str]) -> str:
        """``accented`` when enough words carry diacritics (``vie`` OCR, clean text);
        ``stripped`` when (almost) no word does and none mixes letters and digits (text whose
        diacritics were removed: OCR confusions do not apply); else ``folded``
        (``eng`` OCR)."""
        letters = [w for w in words if not DIGIT_RE.search(w)]
        if not letters:
            return STRIPPED
        marked = sum(has_vietnamese_marks(w) for w in letters) / len(letters)
        mixed = sum(1 for w in words if DIGIT_RE.search(w) and LETTER_RE.search(w))
        if marked >= ACCENTED_SHARE:
            return ACCENTED
        if marked + mixed / len(letters) < OCR_SIGNS_SHARE:
            return STRIPPED
        return FOLDED

    def vietnamese_share(self, words: list[str]) -> float:
        """Share of alphabetic words that are (or OCR-misread) Vietnamese syllables."""
        letters = [w for w in words if w.isalpha()]
        if not letters:
            return 1.0
        known = sum(fold_key(w) in self.lm.by_fold or w.lower() in self.generate.eng_tokens for w in letters)
        return known / len(letters)

    def decode_lines(self, lines: list[str], *, explain: bool = False) -> list[list[Unit]]:
        """Units of every line, decoded; text in another language comes back unchanged."""
        line_spans = [spans(line) for line in lines]
        words = [s.text for found in line_spans for s in found]
        if self.vietnamese_share(words) < VIETNAMESE_SHARE:
            return [[] for _ in lines]
        mode = self.mode(words)
        out = []
        for line, found in zip(lines, line_spans):
            letters = [s.text for s in found if s.text.isalpha()]
            if len(letters) >= 5 and self.vietnamese_share(letters) < LINE_VIETNAMESE_SHARE:
                out.append([])
                continue
            out.append(self.units(line, mode, found))
        self.mark_enumerations(lines, out, mode)
        self.decode(out, mode)
        if explain:
            for units in out:
                self.explain(units)
        return out

    def mark_enumerations(self, lines: list[str], line_units: list[list[Unit]], mode: str) -> None:
        """Vietnamese lists run a) b) c) d) đ) e): text without marks shows đ) as a
        second d), which no n-gram context tells apart, so the list order decides."""
        if mode == ACCENTED:
            return
        previous = None
        for line, units in zip(lines, line_units):
            for match in ENUMERATION_RE.finditer(line):
                letter = match.group(1).lower()
                if letter == "d" and previous == "d":
                    for unit in units:
                        if unit.start == match.start(1) and unit.end == match.end(1):
                            unit.candidates = (Candidate("đ", self.lm.id("đ"), 0.0),)
                            letter = "đ"
                previous = letter

    # --- one line ----------------------------------------------------------------------

    def units(
        self, line: str, mode: str, line_spans: list[Span], evidence: dict[int, tuple[Candidate, ...]] | None = None
    ) -> list[Unit]:
        """Tokens of a line with their candidates; ``evidence`` overrides the
        candidates of the token starting at a given offset (OCR choices)."""
        identifiers = [(m.start(), m.end(), m.group(1) + self.mend_code(m.group(2))) for m in DOCUMENT_NUMBER_RE.finditer(line)]
        identifiers += [(m.start(), m.end(), m.group(0)) for m in PARTY_NUMBER_RE.finditer(line)]
        units: list[Unit] = []
        number_id = self.lm.id(NUMBER)
        boundary_pending = False
        for span in line_spans:
            region = next((r for r in identifiers if r[0] <= span.start < r[1]), None) if identifiers else None
            if region is not None:
                if region[0] == span.start:
                    units.append(Unit(region[0], region[1], line[region[0] : region[1]], (Candidate(None, number_id, 0.0),), span.boundary_before, fixed=region[2]))
                boundary_pending = True
                continue
            if NUMBER_RE.fullmatch(span.text):
                candidates: tuple[Candidate, ...] = (
                    self.generate.number(span.text) if mode == FOLDED else (Candidate(None, number_id, 0.0),)
                )
            elif evidence and span.start in evidence:
                candidates = evidence[span.start]
            else:
                candidates = self.generate.for_mode[mode](span.text if span.text.isascii() else nfc(span.text))
            units.append(Unit(span.start, span.end, span.text, candidates, span.boundary_before or boundary_pending))
            boundary_pending = False
        if mode == STRIPPED:
            # Text whose marks were removed was not OCR'd: a token that is no syllable is a
            # name or a foreign word (Petro, articles), not two joined syllables.
            return units
        return self.mend_breaks(line, units, mode, evidence or {})

    def mend_breaks(self, line: str, units: list[Unit], mode: str, evidence: dict) -> list[Unit]:
        """Merges and splits where OCR broke a word ('ph ủ') or joined two
        ('củaChính'): only for tokens nothing else explains, and only into known syllables."""
        generate = self.generate.for_mode[mode]
        out: list[Unit] = []
        index = 0
        while index < len(units):
            unit = units[index]
            following = units[index + 1] if index + 1 < len(units) else None
            if (
                following is not None
                and self._breakable(unit, evidence)
                and self._breakable(following, evidence)
                and not following.boundary_before
                and line[unit.end : following.start] == " "
                and (
                    not (self.known(unit.observed, mode) and self.known(following.observed, mode))
                    or f"{unit.observed} {following.observed}".lower() in self.learned_merges
                )
            ):
                joined = nfc(unit.observed + following.observed)
                candidates = tuple(c for c in generate(joined) if c.form is not None)
                if self.known(joined, mode):
                    merged = tuple(Candidate(c.form, c.id, c.cost + BREAK_COST) for c in candidates)
                    out.append(Unit(unit.start, following.end, joined, merged, unit.boundary_before))
                    index += 2
                    continue
            if (
                self._breakable(unit, evidence)
                and unexplained(unit)
                and len(unit.observed) >= 4
                and not unit.observed.isupper()  # NCKT, UBNDTP: joined capitals are abbreviations
            ):
                halves = self._split(unit.observed, generate)
                if halves:
                    cut, left, right = halves
                    out.append(Unit(unit.start, unit.start + cut, unit.observed[:cut], left, unit.boundary_before))
                    out.append(Unit(unit.start + cut, unit.end, unit.observed[cut:], right, False, prefix=" "))
                    index += 1
                    continue
            out.append(unit)
            index += 1
        return out

    def known(self, token: str, mode: str) -> bool:
        """A syllable as it stands: its letters (folded text) or its exact form (accented text)."""
        if mode != ACCENTED:
            return fold_key(token) in self.lm.by_fold
        index = self.lm.index.get(lm_form(token))
        return index is not None and self.lm.candidate[index]

    @staticmethod
    def _breakable(unit: Unit, evidence: dict) -> bool:
        return unit.fixed is None and unit.start not in evidence and unit.observed.isalpha()

    def _split(self, token: str, generate) -> tuple[int, tuple[Candidate, ...], tuple[Candidate, ...]] | None:
        """The cut of ``token`` into two known syllables with the most frequent halves."""
        best = None
        for cut in range(1, len(token)):
            left = tuple(c for c in generate(nfc(token[:cut])) if c.form is not None and c.cost == 0)
            right = tuple(c for c in generate(nfc(token[cut:])) if c.form is not None and c.cost == 0)
            if left and right:
                score = self.lm.unigram[left[0].id] + self.lm.unigram[right[0].id]
                if best is None or score > best[0]:
                    best = (score, cut, left, right)
        if best is None:
            return None
        _, cut, left, right = best
        return cut, tuple(Candidate(c.form, c.id, BREAK_COST) for c in left), right

    def mend_code(self, code: str) -> str:
        """The issuer code of a document number as the training corpus most often
        writes it (ND-CP, Nb-CP, NÐ-CP → NĐ-CP); unknown codes are kept."""
        code = code.replace("Ð", "Đ").replace("ð", "đ")
        key = fold(code).upper()
        if key in self.code_by_key:
            return self.code_by_key[key]
        match = process.extractOne(key, self.code_keys, scorer=Levenshtein.distance, score_cutoff=1)
        return self.code_by_key[match[0]] if match else code

    def decode(self, lines: list[list[Unit]], mode: str) -> None:
        """Choose every unit of a text: Viterbi per context segment (first order on
        stripped text, where it is faster and nearly as accurate; second order on
        OCR'd text, where the neighbours are noisy too; bench/tune.py compares both),
        then, for text without marks, once more on the lines where a word took a
        spelling the rest of the text mostly did not (a document repeats its words:
        "thẻ" in one place supports "thẻ" in another).

        Only those lines can change: a line whose choices all agree with the majority
        keeps its best path when the minority spellings get costlier."""
        search = self.viterbi if mode == STRIPPED else self.viterbi_pairs
        paths: dict[tuple, list[int]] = {}
        for units in lines:
            self.choose(units, search, paths)
        if mode == ACCENTED:
            return  # the marks were read: they, not the text's habits, decide
        extra = self.minority_costs(lines)
        if not extra:
            return
        for units in lines:
            if any(len(unit.candidates) > 1 and unit.candidates[unit.choice].id in extra for unit in units):
                for unit in units:
                    if len(unit.candidates) > 1:
                        unit.candidates = tuple(
                            Candidate(c.form, c.id, c.cost + extra[c.id]) if c.id in extra and c.form is not None else c
                            for c in unit.candidates
                        )
                self.choose(units, search, paths)

    @staticmethod
    def choose(units: list[Unit], search: Callable[[list[tuple[Candidate, ...]]], list[int]], paths: dict[tuple, list[int]]) -> None:
        """Set ``choice`` on every unit, one context segment at a time. A segment's
        best path depends only on its candidates, and a document repeats whole
        segments (headings, "Như trên", list items: about a fifth of the syllables of
        the dev documents), so ``paths`` keeps the path of each distinct segment of
        the text and each is searched once."""
        first = 0
        for position in range(1, len(units) + 1):
            if position < len(units) and not units[position].boundary_before:
                continue
            segment = [unit.candidates for unit in units[first:position]]
            key = tuple(segment)
            path = paths.get(key)
            if path is None:
                path = paths[key] = search(segment)
            for unit, choice in zip(units[first:position], path):
                unit.choice = choice
            first = position

    def minority_costs(self, lines: list[list[Unit]]) -> dict[int, float]:
        """Extra cost of each spelling the text chose less often than the most chosen
        spelling with the same letters: the log of the ratio of their (add-one) counts,
        for letters chosen at least ``CONSISTENCY_MIN_COUNT`` times where there was a choice."""
        counts: dict[str, Counter] = {}
        for units in lines:
            for unit in units:
                if len(unit.candidates) > 1:
                    chosen = unit.candidates[unit.choice]
                    if chosen.form is not None:
                        counts.setdefault(fold_key(chosen.form), Counter())[chosen.id] += 1
        extra: dict[int, float] = {}
        for key, count in counts.items():
            spellings = self.lm.by_fold.get(key, ())
            if not spellings or count.total() < CONSISTENCY_MIN_COUNT or count.most_common(1)[0][0] == spellings[0]:
                continue  # rare, or the text agrees with the language model's usual spelling
            top = max(count.values())
            for index in spellings:
                if count[index] < top:
                    extra[index] = CONSISTENCY_WEIGHT * math.log((top + 1) / (count[index] + 1))
        return extra

    def viterbi(self, segment: list[tuple[Candidate, ...]]) -> list[int]:
        """The best choice per token of one context segment. The language-model
        lookup is inlined (it is the inner loop) and states far below the best are
        pruned (beam)."""
        trigram, bigram, unigram = self.lm.trigram, self.lm.bigram, self.lm.unigram
        start = self.lm.start
        scores, history, ids, backs = [0.0], [start], [start], []
        for candidates in segment:
            contexts = [
                (j, scores[j], trigram[(history[j] << ID_BITS) | previous].get, bigram[previous].get)
                for j, previous in enumerate(ids)
                if scores[j] > -math.inf
            ]
            new_scores, new_back = [], []
            for candidate in candidates:
                best, arg = -math.inf, 0
                cid = candidate.id
                fallback = BACKOFF2 + unigram[cid]
                for j, score, after_context, after_previous in contexts:
                    value = after_context(cid)
                    if value is None:
                        value = after_previous(cid)
                        value = fallback if value is None else BACKOFF + value
                    score += value
                    if score > best:
                        best, arg = score, j
                new_scores.append(best - CHANNEL_WEIGHT * candidate.cost)
                new_back.append(arg)
            floor = max(new_scores) - BEAM
            scores = [score if score >= floor else -math.inf for score in new_scores]
            history = [ids[a] for a in new_back]
            ids = [c.id for c in candidates]
            backs.append(new_back)
        best = max(range(len(scores)), key=scores.__getitem__)
        path = []
        for back in reversed(backs):
            path.append(best)
            best = back[best]
        return path[::-1]

    def viterbi_pairs(self, segment: list[tuple[Candidate, ...]]) -> list[int]:
        """The best choice per token of one context segment by exact second-order
        Viterbi. A state is a (previous, current) candidate pair, so every transition
        is scored with its full trigram context; states far below the best (beam) and
        beyond the best ``MAX_STATES`` are pruned. Used for OCR'd text, where the
        neighbours are noisy too and the first-order approximation costs most."""
        trigram, bigram, unigram = self.lm.trigram, self.lm.bigram, self.lm.unigram
        start = self.lm.start
        states: list[tuple[float, int, int, int, int]] = [(0.0, start, start, 0, -1)]  # (score, previous id, current id, current choice, back pointer)
        layers = []
        for candidates in segment:
            contexts = [
                (index, score, choice, current, trigram[(previous << ID_BITS) | current], bigram[current])
                for index, (score, previous, current, choice, _) in enumerate(states)
            ]
            layer = []
            for k, candidate in enumerate(candidates):
                cid = candidate.id
                fallback = BACKOFF2 + unigram[cid]
                best: dict[int, tuple[float, int, int]] = {}
                for index, score, choice, current, after_pair, after_current in contexts:
                    value = after_pair.get(cid)
                    if value is None:
                        value = after_current.get(cid)
                        value = fallback if value is None else BACKOFF + value
                    score += value
                    kept = best.get(choice)
                    if kept is None or score > kept[0]:
                        best[choice] = (score, current, index)
                cost = CHANNEL_WEIGHT * candidate.cost
                layer.extend((score - cost, current, cid, k, index) for score, current, index in best.values())
            floor = max(state[0] for state in layer) - BEAM
            layer = [state for state in layer if state[0] >= floor]
            if len(layer) > MAX_STATES:
                layer.sort(key=lambda state: -state[0])
                del layer[MAX_STATES:]
            layers.append(layer)
            states = layer
        index = max(range(len(states)), key=lambda i: states[i][0])
        path = []
        for layer in reversed(layers):
            _, _, _, choice, index = layer[index]
            path.append(choice)
        return path[::-1]

    def explain(self, units: list[Unit]) -> None:
        """Confidence and runner-ups of each choice, from the candidates' scores with
        the chosen neighbours fixed (softmax over the local path score)."""
        start = self.lm.start
        chosen = [u.candidates[u.choice].id for u in units]
        logp = self.lm.logp
        for i, unit in enumerate(units):
            if len(unit.candidates) < 2:
                continue
            segment_open = [j for j in range(i, -1, -1) if units[j].boundary_before]
            first = segment_open[0] if segment_open else 0
            p2 = chosen[i - 2] if i - 2 >= first else start
            p1 = chosen[i - 1] if i - 1 >= first else start
            following = []
            for j in (i + 1, i + 2):
                if j >= len(units) or units[j].boundary_before:
                    break
                following.append(chosen[j])
            scores = []
            for candidate in unit.candidates:
                c = candidate.id
                score = logp(p2, p1, c) - CHANNEL_WEIGHT * candidate.cost
                if following:
                    score += logp(p1, c, following[0])
                if len(following) > 1:
                    score += logp(c, following[0], following[1])
                scores.append(score)
            top = max(scores)
            weights = [math.exp(s - top) for s in scores]
            total = sum(weights)
            ranked = sorted(range(len(scores)), key=lambda k: -scores[k])
            unit.confidence = round(weights[unit.choice] / total, 4)
            unit.alternatives = [
                (unit.render(unit.candidates[k]), round(weights[k] / total, 4)) for k in ranked if k != unit.choice
            ][:ALTERNATIVES]


def rebuild_line(line: str, units: list[Unit]) -> str:
    """The line with every unit's output put in place of its span."""
    pieces, cursor = [], 0
    for unit in units:
        pieces.append(line[cursor : unit.start])
        pieces.append(unit.prefix + unit.text)
        cursor = unit.end
    pieces.append(line[cursor:])
    return "".join(pieces)


def unexplained(unit: Unit) -> bool:
    """No known reading among the candidates: only keeping the token as it is."""
    return all(c.form is None for c in unit.candidates)
