"""Choose the best restoration of each line: candidates (channel model) scored by
the syllable trigram language model, decoded with exact second-order Viterbi
(``viterbi.py``: a state is a pair of syllables), which keeps restoration linear
in input length. Text without marks is decoded twice more with a cache model of
its own choices mixed in: documents repeat their own vocabulary ("thẻ" in a
directive about cards, where the language model prefers "thể"). Last, the choices
it made without confidence take the advice of the text's confident readings of the
same words.
"""

from __future__ import annotations

import itertools
import math
import re
from operator import itemgetter
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..vietnamese import fold, nfc
from .adaptation import MarkChannel, ToneChannel, adapted_candidates, count_marks, count_tones
from .candidates import Candidate, CandidateGenerator
from .context import MAX_FORMS, RESERVED_INPUTS, ContextModel, encode
from .model import Channel, LanguageModel
from .viterbi import Segments, best_paths, choice_margins
from .segment import NUMBER, NUMBER_RE, Span, code_like, fold_key, has_vietnamese_marks, lm_form, spans

STRIPPED, FOLDED, ACCENTED = "stripped", "folded", "accented"
ACCENTED_SHARE = 0.5  # share of words with diacritics above which text counts as accented (eng OCR: 0.1–0.26, vie OCR: 0.8–0.93)
VIETNAMESE_SHARE = 0.5  # below this share of known words a text is another language: left alone
LINE_VIETNAMESE_SHARE = 0.3
OCR_SIGNS_SHARE = 0.03  # eng OCR puts é, ó… or digits (s6, 1y) into 10–25% of words; stripped text into none
CHANNEL_WEIGHT = 1.0
ALTERNATIVES = 3
BREAK_COST = 3.0  # a merge or split costs as much as an unlikely OCR confusion
CACHE_WEIGHT = 0.3  # μ of the text's cache model (bench/tune.py compares 0.15 and 0.45)
CACHE_PASSES = 2  # decodings with the cache of the previous one (bench/tune.py compares 1)
TONE_PASSES = 1  # accented text: decodings with its own tone confusions (bench/tune.py compares 0 and 2)
# The cache of a text's confident readings (``decode_with_confident_readings``), per kind of
# text: the most a candidate gains from it (log score), for the kinds it serves (accented text:
# on OCR'd pages with Tesseract's confidences; without them it mended nothing on held-out text)…
READINGS_WEIGHT = {STRIPPED: 2.0, ACCENTED: 4.0}  # (bench/tune.py compares 1 and 4, and 2 and 6)
# …those where a syllable's letters alone are a key too (OCR misreads a syllable alike through
# a page; without marks the same letters stand for too many words)…
READINGS_BY_SYLLABLE = (ACCENTED,)  # (bench/tune.py compares stripped text too, and pages without)
READINGS_MARGIN = 3.0  # …the lead over the runner-up from which a reading counts as confident…
AMBIGUOUS_MARGIN = 6.0  # …and below which a choice takes the cache's advice (bench/tune.py compares 3 with 3, and 5 with 10)
READINGS_PRIOR = 1.0  # readings' worth of doubt in every share: one confident reading counts half
CONTEXT_WEIGHT = 0.3  # λ of the context model's unary score (bench/tune.py compares 0.15 and 0.45)
CONTEXT_MODES = (STRIPPED,)  # text the context model reads (bench/tune.py compares eng OCR's folded text too)
CACHED_CANDIDATE_SETS = 100_000  # bounds memory on long runs
OUTSIDE_CONTEXT_LOGP = math.log(1e-3)  # context score of a candidate the network does not rank (the token kept as is)

# A document number: "32/2024/NĐ-CP", "2029/UBND-KTTH", "Nb-CP", "NÐ-CP", "T1r-UBND",
# "QD-T'Tg", "HW-TCHỌQ" and "5STC-QLGCS" misreadings included; group 3 is the next word, in case OCR split
# the code ("QLĐĐ-TKKKT TĐĐ", "CT-T Tg"), unless a code of its own starts there.
CODE_PART = r"[A-Za-zĐđÐð][\w&'’]*"
CODE_SEPARATOR = r"-[-. ]?"  # a hyphen, OCR noise after it included ("TIr--NHNN", "TIr-.SNV", "CĐ- TTg")
SPLIT_TAIL = r"(?: ([A-ZĐÐ][\w&]*)(?![\w&-]))?"
DOCUMENT_NUMBER_RE = re.compile(rf"(?<![\w/])(\d{{1,5}}(?:/\d{{4}})?/)(\d?{CODE_PART}(?:{CODE_SEPARATOR}{CODE_PART})+){SPLIT_TAIL}")
LONG_CODE = 7  # characters from which a misread issuer code may be two edits from its truth
# An issuer code standing alone in the text ("theo NĐ-CP", "TI-BGDĐT" misread) or after a
# number OCR garbled ("5O1/2024/TTUT-BQP", "691 /2024/QĐĐ-BDTTG"): parts from a capital on;
# kept or mended as one unit when it is, or mends to, a known code. Group 1 is empty (no number).
ISSUER_CODE_RE = re.compile(rf"(?<![\w'’-])()([^\W\d_][\w&'’]*(?:{CODE_SEPARATOR}['’]?[^\W\d_][\w&'’]*)+)(?![\w-]){SPLIT_TAIL}")

# A list marker: "a) ", "đ) " at the start of a line or after a space.
ENUMERATION_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_])\)")

# A signature block's authority line: "KT. BỘ TRƯỞNG" (signing for), "TM." (on behalf of),
# "TL.", "TUQ." (by order of), "Q." (acting).
SIGNING_AUTHORITY_RE = re.compile(r"\s*(?:KT|TM|TL|TUQ|Q)\.\s")

DIGIT_RE = re.compile(r"\d")
LETTER_RE = re.compile(r"[^\W\d_]")

# A numbered item's label ("Phụ lục 1A", "mẫu 3B") is kept as written, not read as "La".
ITEM_LABEL_RE = re.compile(r"\d+[A-ZĐ]{1,2}")

# A part's Roman number opening a line ("VI. TỔ CHỨC THỰC HIỆN", a table's "VI") is kept as
# written: stripped "VI" is no "VÍ" there.
ROMAN_NUMBER_RE = re.compile(r"\s*((?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))(?:[.)]|\s*$)")

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
    context_costs: tuple[float, ...] = ()  # the context model's cost of each candidate; empty: none
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
    """Carry the observed capitalisation (all caps, or initial capital) onto ``form``;
    a token of mixed case (TTg) chosen as it is keeps its own."""
    if observed.islower():
        return form
    letters = [c for c in observed if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return form.upper()
    if any(c.isupper() for c in letters[1:]) and lm_form(observed) == form:
        return observed
    if letters and letters[0].isupper():
        return form[:1].upper() + form[1:]
    return form


class Decoder:
    def __init__(self, lm: LanguageModel, channel: Channel, context: ContextModel | None = None) -> None:
        """``context`` None decodes with the trigram model alone (trial models of bench/tune.py)."""
        if context is not None and context.vocabulary != len(lm.vocab):
            raise ValueError("the context model was trained over another language model's vocabulary")
        self.lm = lm
        self.channel = channel
        self.context = context
        if context is not None:
            self.rank_context_forms()
        self.generate = CandidateGenerator(lm, channel)
        self.search_model = lm.search
        # Load the compiled search now (built on a machine's first run), with the model, not
        # in the middle of the first document.
        warm_up = self.flatten([(((Candidate(None, lm.start, 0.0),), ()),)])
        choice_margins(self.search_model, warm_up, np.zeros(1), lm.start, best_paths(self.search_model, warm_up, np.zeros(1), lm.start))
        codes = sorted(channel.issuer_codes, key=lambda c: (-channel.issuer_codes[c], c))
        self.code_keys = [fold(c).upper() for c in codes]
        # Token pairs that OCR output showed for one true token, e.g. a word broken in two.
        self.learned_merges = {
            observed.lower() for observed, truths in channel.merges.items() if any(" " not in t for t in truths)
        }
        self.code_by_key: dict[str, str] = {}
        for code, key in zip(codes, self.code_keys):
            self.code_by_key.setdefault(key, code)
        # Codes and abbreviations as the corpus writes them (UBND, NĐ, CP, TTg), and by
        # their letters without marks (ND → NĐ), the most frequent form first.
        self.abbreviations = channel.abbreviations
        self.abbreviation_by_letters: dict[str, str] = {}
        for form in sorted(self.abbreviations, key=lambda f: (-self.abbreviations[f], f)):
            self.abbreviation_by_letters.setdefault(fold(form), form)

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

    def vietnamese_share(self, words: list[str], verdicts: dict[str, bool] | None = None) -> float:
        """Share of alphabetic words that are (or OCR-misread) Vietnamese syllables;
        ``verdicts`` remembers each word's, for a text judged whole and line by line."""
        letters = [w for w in words if w.isalpha()]
        if not letters:
            return 1.0
        verdicts = {} if verdicts is None else verdicts
        for word in letters:
            if word not in verdicts:
                verdicts[word] = fold_key(word) in self.lm.by_fold or word.lower() in self.generate.eng_tokens
        return sum(verdicts[w] for w in letters) / len(letters)

    def decode_lines(self, lines: list[str], *, explain: bool = False) -> list[list[Unit]]:
        """Units of every line, decoded; text in another language comes back unchanged."""
        line_spans = [spans(line) for line in lines]
        words = [s.text for found in line_spans for s in found]
        verdicts: dict[str, bool] = {}
        if self.vietnamese_share(words, verdicts) < VIETNAMESE_SHARE:
            return [[] for _ in lines]
        mode = self.mode(words)
        out = []
        for line, found in zip(lines, line_spans):
            letters = [s.text for s in found if s.text.isalpha()]
            if len(letters) >= 5 and self.vietnamese_share(letters, verdicts) < LINE_VIETNAMESE_SHARE:
                out.append([])
                continue
            out.append(self.units(line, mode, found))
        self.mark_enumerations(lines, out, mode)
        if mode in CONTEXT_MODES and self.context is not None:
            self.add_context_scores(line_spans, out)
        self.decode(out, mode, continued_lines(lines))
        if explain:
            for units in out:
                self.explain(units)
        return out

    def mark_enumerations(self, lines: list[str], line_units: list[list[Unit]], mode: str) -> None:
        """Vietnamese lists run a) b) c) d) đ) e): text without marks shows đ) as a
        second d), which no n-gram context tells apart, so the list order decides:
        the d) after c) is d, the one after d) is đ. OCR misreads one for the other too."""
        previous = None
        for line, units in zip(lines, line_units):
            for match in ENUMERATION_RE.finditer(line):
                letter = match.group(1).lower()
                if letter in ("d", "đ") and previous in ("c", "d"):
                    letter = "đ" if previous == "d" else "d"
                    for unit in units:
                        if unit.start == match.start(1) and unit.end == match.end(1):
                            unit.candidates = (Candidate(letter, self.lm.id(letter), 0.0),)
                previous = letter

    def add_context_scores(self, line_spans: list[list[Span]], line_units: list[list[Unit]]) -> None:
        """Lower the cost of the forms the context model prefers: by λ times its
        log-probability over the form's frequency share among the forms it ranks.
        Only for text without marks (``CONTEXT_MODES``), where a token's letters
        leave every form open and the network reads the kind of input it was trained on.
        A unit that is not one token as written (merged, split) has no position."""
        text = encode(line_spans, self.context.fold_ids)
        ranked, positions = [], []
        for number, units in enumerate(line_units):
            for unit in units:
                if len(unit.candidates) > 1:
                    position = text.where.get((number, unit.start, unit.end))
                    if position is not None:
                        ranked.append(unit)
                        positions.append(position)
        rows = self.context_row_of_input[text.folds[positions]]
        kept = np.flatnonzero(rows >= 0)
        if not len(kept):
            return
        rows, positions = rows[kept], np.asarray(positions)[kept]
        forms = self.context_forms[rows]
        network = self.context.log_probabilities(self.context.hidden(text)[positions], forms)
        costs = np.full((len(rows), MAX_FORMS + 1), -CONTEXT_WEIGHT * OUTSIDE_CONTEXT_LOGP)
        costs[:, :MAX_FORMS] = np.where(forms >= 0, -CONTEXT_WEIGHT * (network - self.context_priors[rows]), 0.0)
        units = [ranked[k] for k in kept.tolist()]
        columns = [self.context_columns_of(row, unit.candidates) for row, unit in zip(rows.tolist(), units)]
        lengths = np.fromiter(map(len, columns), dtype=np.int64, count=len(columns))
        flat_columns = np.fromiter(itertools.chain.from_iterable(columns), dtype=np.int64, count=int(lengths.sum()))
        values = costs[np.repeat(np.arange(len(units)), lengths), flat_columns].tolist()
        ends = np.cumsum(lengths).tolist()
        for unit, start, end in zip(units, [0, *ends], ends):
            unit.context_costs = tuple(values[start:end])

    def context_columns_of(self, row: int, candidates: tuple[Candidate, ...]) -> tuple[int, ...]:
        """Each candidate's column among the ranked forms (``MAX_FORMS``: not ranked).
        A text repeats its tokens, and a token's candidates, so the answers are kept."""
        key = (row, candidates)
        found = self.context_column_cache.get(key)
        if found is None:
            column = self.context_columns[row]
            found = tuple(column.get(c.id, MAX_FORMS) if c.form is not None else MAX_FORMS for c in candidates)
            if len(self.context_column_cache) >= CACHED_CANDIDATE_SETS:
                self.context_column_cache.clear()
            self.context_column_cache[key] = found
        return found

    def rank_context_forms(self) -> None:
        """Per letter sequence with several forms, the forms the context model ranks
        (most frequent first), their log frequency shares, and each form's column;
        the row of each of the network's inputs (−1: a fold with one form, or none)."""
        folds = [key for key, ids in self.lm.by_fold.items() if len(ids) > 1]
        row_of = {key: row for row, key in enumerate(folds)}
        self.context_row_of_input = np.full(RESERVED_INPUTS + len(self.context.folds), -1, dtype=np.int64)
        for key, input_id in self.context.fold_ids.items():
            self.context_row_of_input[input_id] = row_of.get(key, -1)
        self.context_forms = np.full((len(folds), MAX_FORMS), -1, dtype=np.int64)
        self.context_columns = []
        for row, key in enumerate(folds):
            ids = self.lm.by_fold[key][:MAX_FORMS]
            self.context_forms[row, : len(ids)] = ids
            self.context_columns.append({form: column for column, form in enumerate(ids)})
        self.context_column_cache: dict[tuple[int, tuple[Candidate, ...]], tuple[int, ...]] = {}
        frequency = np.asarray(self.lm.frequency)
        ranked = self.context_forms >= 0
        priors = np.where(ranked, frequency[np.maximum(self.context_forms, 0)], -np.inf)
        priors -= np.logaddexp.reduce(priors, axis=1, keepdims=True)
        self.context_priors = np.where(ranked, priors, 0.0)

    # --- one line ----------------------------------------------------------------------

    def units(
        self, line: str, mode: str, line_spans: list[Span], evidence: dict[int, tuple[Candidate, ...]] | None = None
    ) -> list[Unit]:
        """Tokens of a line with their candidates; ``evidence`` overrides the
        candidates of the token starting at a given offset (OCR choices)."""
        identifiers = [self.identifier(match, mode)[:3] for match in DOCUMENT_NUMBER_RE.finditer(line)]
        identifiers += [(m.start(), m.end(), m.group(0)) for m in PARTY_NUMBER_RE.finditer(line)]
        for match in ISSUER_CODE_RE.finditer(line):
            if not all(part.lstrip("'’")[:1].isupper() for part in re.split(CODE_SEPARATOR, match.group(2))):
                continue
            if any(start <= match.start() < end for start, end, _ in identifiers):
                continue
            start, end, mended, edits = self.identifier(match, mode)
            if edits < math.inf:
                identifiers.append((start, end, mended))
        units: list[Unit] = []
        number = (Candidate(None, self.lm.id(NUMBER), 0.0),)
        generate = self.generate.for_mode[mode]
        boundary_pending = False
        roman = ROMAN_NUMBER_RE.match(line)
        for span in line_spans:
            region = next((r for r in identifiers if r[0] <= span.start < r[1]), None) if identifiers else None
            if region is not None:
                if region[0] == span.start:
                    units.append(Unit(region[0], region[1], line[region[0] : region[1]], number, span.boundary_before, fixed=region[2]))
                boundary_pending = True
                continue
            # Codes and item labels have a capital second (UBND, TTg, 1A): most tokens are not looked up.
            if roman and span.start == roman.start(1) and span.end == roman.end(1):
                code = span.text
            else:
                code = self.written_code(span.text, mode) if span.text[1:2].isupper() else None
            if code is not None:
                kept = (Candidate(None, self.lm.id(lm_form(code)), 0.0),)
                units.append(Unit(span.start, span.end, span.text, kept, span.boundary_before or boundary_pending, fixed=code))
                boundary_pending = False
                continue
            if NUMBER_RE.fullmatch(span.text):
                candidates = self.generate.number(span.text) if mode == FOLDED else number
            elif evidence and span.start in evidence:
                candidates = evidence[span.start]
            else:
                candidates = generate(span.text if span.text.isascii() else nfc(span.text))
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
                score = self.lm.frequency[left[0].id] + self.lm.frequency[right[0].id]
                if best is None or score > best[0]:
                    best = (score, cut, left, right)
        if best is None:
            return None
        _, cut, left, right = best
        return cut, tuple(Candidate(c.form, c.id, BREAK_COST) for c in left), right

    def identifier(self, match: re.Match, mode: str) -> tuple[int, int, str, float]:
        """(start, end, mended text, edits) of a document number or an issuer code
        (``mended_code``); a code OCR split at a space ("QLĐĐ-TKKKT TĐĐ", "CT-T Tg") is
        joined when that makes a known code with fewer edits."""
        code, edits = self.mended_code(match.group(2), mode)
        if match.group(3) and edits:
            joined, joined_edits = self.mended_code(match.group(2) + match.group(3), mode)
            if joined_edits < edits:
                return match.start(), match.end(3), match.group(1) + joined, joined_edits
        return match.start(), match.end(2), match.group(1) + code, edits

    def written_code(self, token: str, mode: str) -> str | None:
        """The code or abbreviation ``token`` is, as the corpus writes it (UBND, NĐ,
        TTg): in accented text its own spelling when the corpus has it, else (and in
        text that lost its marks) the corpus's most frequent spelling of its letters
        (ND, NÐ → NĐ); an item label (1A) as written; None for a token not written like
        one or unknown to the corpus."""
        if ITEM_LABEL_RE.fullmatch(token):
            return token
        token = token.replace("Ð", "Đ")
        if not code_like(token):
            return None
        if mode == ACCENTED and token in self.abbreviations:
            return token
        return self.abbreviation_by_letters.get(fold(token))

    def mended_code(self, code: str, mode: str) -> tuple[str, float]:
        """An issuer code as the training corpus writes it, and how far that is from what
        was read (0: known as written, by its letters, or made of known parts; infinity:
        kept, unknown). In accented text a known code stays as written; else the corpus's
        most frequent spelling of its letters (ND-CP, NÐ-CP, QD-T'Tg → NĐ-CP, QĐ-TTg);
        else, when a part is no code the corpus writes (Nb-CP, TI-BGDĐT) and the text was
        OCR'd, or the part is not even written like a code (Nb), the known code one edit
        away (two in a long code, when they are OCR noise: ``ocr_noise_only``). A code made
        of known parts (CĐ-CT, SVHTT&DL) is kept: it is rarer, not misread; but words spaced
        after a hyphen ("KT- TC") are joined only into a known code."""
        spaced = "- " in code
        code = re.sub(CODE_SEPARATOR, "-", code).replace("Ð", "Đ").replace("ð", "đ").replace("'", "").replace("’", "")
        if mode == ACCENTED and code in self.channel.issuer_codes:
            return code, 0
        key = fold(code).upper()
        if key in self.code_by_key:
            return self.code_by_key[key], 0
        parts = [part.replace("&", "") for part in code.split("-")]
        if all(part in self.abbreviations for part in parts) and not spaced:
            return code, 0
        if mode == STRIPPED and all(code_like(part) for part in parts):  # not OCR'd: as written
            return code, math.inf
        edits = 1 if len(key) < LONG_CODE else 2  # OCR noise in a long code: TI1-BKHCN, TI-BYTT
        for known, distance, _ in process.extract(key, self.code_keys, scorer=Levenshtein.distance, score_cutoff=edits, limit=4):
            if distance == 1 or ocr_noise_only(key, known):
                return self.code_by_key[known], distance
        return code, math.inf

    def decode(self, lines: list[list[Unit]], mode: str, continued: list[bool] | None = None, ocr_evidence: bool = False) -> None:
        """Choose every unit of a text: exact second-order Viterbi per context
        segment, then, for text without marks, again with a cache model of the
        text's own choices mixed into the language model. A document repeats its
        words ("thẻ" in a directive about cards, where the language model prefers
        "thể"), so the spellings it chose get more probable everywhere in it.

        A document also repeats whole segments (headings, "Như trên", list items:
        about a fifth of the syllables of the dev documents): each distinct segment
        is searched once per pass.

        Then, for text without marks and OCR'd pages (``ocr_evidence``), the choices made
        without confidence are reconsidered with the text's confident readings of the same
        words (``decode_with_confident_readings``).

        ``continued`` says which lines carry on the sentence of the line before
        (``continued_lines``): their first segment joins the last one before them.
        ``ocr_evidence``: the candidates carry Tesseract's confidences and choices
        (``restore_page``)."""
        segments: list[list[Unit]] = []
        previous_found = False  # the line before ended a segment that this one may carry on
        for number, units in enumerate(lines):
            found = context_segments(units)
            if found and previous_found and continued and continued[number]:
                segments[-1] = segments[-1] + found[0]
                found = found[1:]
                previous_found = True
            else:
                previous_found = bool(found)
            segments.extend(found)
        distinct: dict[tuple, list[list[Unit]]] = {}
        for segment in segments:
            distinct.setdefault(tuple((unit.candidates, unit.context_costs) for unit in segment), []).append(segment)
        if not distinct:
            return
        flat = self.flatten(list(distinct))
        boost_by_id = np.zeros(len(self.lm.vocab))
        # Text without marks: the text's habits (its cache model) decide again; accented text:
        # its OCR's own tone confusions.
        for number in range(1 + (CACHE_PASSES if mode != ACCENTED else TONE_PASSES)):
            if number and mode == ACCENTED:
                flat = self.flatten(self.tone_adapted(distinct))
            elif number:
                boost_by_id = self.cache_boost(distinct)
            boost = boost_by_id[flat.ids]
            choices = best_paths(self.search_model, flat, boost, self.lm.start)
            assign_choices(distinct, choices)
        if mode in READINGS_WEIGHT and (mode != ACCENTED or ocr_evidence):
            self.decode_with_confident_readings(distinct, flat, boost, choices, mode)

    def decode_with_confident_readings(
        self, distinct: dict[tuple, list[list[Unit]]], flat: Segments, boost: np.ndarray, choices: np.ndarray, mode: str
    ) -> None:
        """Decode again with a cache of the text's confident readings of each word. A
        unit's reading is confident when it beats the runner-up by ``READINGS_MARGIN``
        (log score, its chosen neighbours kept); it is filed under the unit's letters
        with those of the unit before it, and with those of the unit after it (in the
        kinds of text ``READINGS_BY_SYLLABLE``, under its letters alone too). A unit
        whose choice is ahead by less than ``AMBIGUOUS_MARGIN`` then gets, for each
        candidate, a bonus of ``READINGS_WEIGHT`` (per kind of text) times its share of the
        confident readings filed under its keys (its own reading left out). A directive
        repeats its names, terms and agencies: "Vĩnh Thạnh" settled in one sentence
        settles "vinh thanh" in another. A repeated segment counts once, so no reading
        feeds itself. Only segments where a bonus favours another candidate than the
        one chosen are searched again: elsewhere the best path gains the most."""
        margins = choice_margins(self.search_model, flat, boost, self.lm.start, choices)
        units = [unit for segments in distinct.values() for unit in segments[0]]
        keys = reading_keys(units, flat.unit_start, mode in READINGS_BY_SYLLABLE)
        bonus, changed = reading_bonus(units, keys, margins, flat.candidate_start, READINGS_WEIGHT[mode])
        if not changed.any():
            return
        unit_segment = np.repeat(np.arange(len(flat.unit_start) - 1), np.diff(flat.unit_start))
        selected, unit_index, candidate_index = select_segments(flat, np.unique(unit_segment[changed]))
        selected = selected._replace(costs=selected.costs - bonus[candidate_index])
        choices = choices.copy()
        choices[unit_index] = best_paths(self.search_model, selected, boost[candidate_index], self.lm.start)
        assign_choices(distinct, choices)

    def tone_adapted(self, distinct: dict[tuple, list[list[Unit]]]) -> list[tuple]:
        """The distinct segments' keys with their candidates costed by the text's own
        tone and vowel-mark confusions (``adaptation.py``), learned from the choices made so far."""
        decoded = [unit for segments in distinct.values() for segment in segments for unit in segment]
        channels = (
            ToneChannel(count_tones(decoded), math.exp(-self.generate.tone_cost)),  # the channel's rate of any one wrong tone
            MarkChannel(count_marks(decoded), math.exp(-self.generate.marks_cost)),
        )
        return [
            tuple(
                (adapted_candidates(unit.observed, candidates, channels), context)
                for (candidates, context), unit in zip(key, segments[0])
            )
            for key, segments in distinct.items()
        ]

    @staticmethod
    def flatten(keys: list[tuple[tuple[tuple[Candidate, ...], tuple[float, ...]], ...]]) -> Segments:
        """The distinct segments' candidates (with their context costs) as the
        compiled search's arrays."""
        units = [unit for key in keys for unit in key]
        unit_start = np.cumsum([0] + [len(key) for key in keys])
        candidate_start = np.cumsum([0] + [len(candidates) for candidates, _ in units])
        every = [candidate for candidates, _ in units for candidate in candidates]
        ids = np.fromiter(map(itemgetter(1), every), dtype=np.int64, count=len(every))  # Candidate.id
        costs = np.fromiter(map(itemgetter(2), every), dtype=np.float64, count=len(every)) * CHANNEL_WEIGHT  # .cost
        for (candidates, context), start in zip(units, candidate_start.tolist()):
            if context:
                costs[start : start + len(candidates)] += context
        return Segments(unit_start, candidate_start, ids, costs)

    def cache_boost(self, distinct: dict[tuple, list[list[Unit]]]) -> np.ndarray:
        """Per language-model id, what the text's cache model adds to its
        probability: P(w | h) becomes (1 − μ) P(w | h) + μ · share of w among the
        text's choices, divided by 1 − μ (a factor every path shares)."""
        chosen = Counter(
            candidate.id
            for segments in distinct.values()
            for segment in segments
            for unit in segment
            if (candidate := unit.candidates[unit.choice]).form is not None
        )
        boost = np.zeros(len(self.lm.vocab))
        if chosen:
            ids = np.fromiter(chosen.keys(), dtype=np.int64, count=len(chosen))
            counts = np.fromiter(chosen.values(), dtype=np.float64, count=len(chosen))
            boost[ids] = counts * (CACHE_WEIGHT / (1 - CACHE_WEIGHT) / counts.sum())
        return boost

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
            for k, candidate in enumerate(unit.candidates):
                c = candidate.id
                score = logp(p2, p1, c) - CHANNEL_WEIGHT * candidate.cost - (unit.context_costs[k] if unit.context_costs else 0.0)
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


def assign_choices(distinct: dict[tuple, list[list[Unit]]], choices: np.ndarray) -> None:
    """Give every occurrence of each distinct segment the choices of its search."""
    choices, cursor = choices.tolist(), 0
    for segments in distinct.values():
        width = len(segments[0])
        for segment in segments:
            for unit, choice in zip(segment, choices[cursor : cursor + width]):
                unit.choice = choice
        cursor += width


def reading_keys(units: list[Unit], unit_start: np.ndarray, by_syllable: bool) -> list[tuple]:
    """Per unit, the keys its reading is filed under: its letters with those of the
    unit before it, and with those of the unit after it, in its segment; with
    ``by_syllable``, its letters alone too."""
    folds = [fold_key(unit.observed) for unit in units]
    keys: list[tuple] = []
    for first, end in zip(unit_start.tolist(), unit_start[1:].tolist()):
        for index in range(first, end):
            found: list[tuple] = [(folds[index],)] if by_syllable else []
            if index > first:
                found.append((folds[index - 1], folds[index], "after"))
            if index + 1 < end:
                found.append((folds[index], folds[index + 1], "before"))
            keys.append(tuple(found))
    return keys


def reading_bonus(
    units: list[Unit], keys: list[tuple], margins: np.ndarray, candidate_start: np.ndarray, weight: float
) -> tuple[np.ndarray, np.ndarray]:
    """The bonus of every candidate (laid out by ``candidate_start``) from the confident
    readings filed under its unit's keys (``decode_with_confident_readings``), and per
    unit whether it favours another candidate than the one chosen."""
    chosen = [unit.candidates[unit.choice] for unit in units]
    votes: dict[tuple, dict[int, int]] = {}
    for index in np.flatnonzero(margins >= READINGS_MARGIN).tolist():
        if chosen[index].form is not None:
            for key in keys[index]:
                counts = votes.setdefault(key, {})
                counts[chosen[index].id] = counts.get(chosen[index].id, 0) + 1
    bonus = np.zeros(int(candidate_start[-1]))
    changed = np.zeros(len(units), dtype=bool)
    for index in np.flatnonzero(margins < AMBIGUOUS_MARGIN).tolist():
        found: dict[int, int] = {}
        for key in keys[index]:
            for form, count in votes.get(key, {}).items():
                found[form] = found.get(form, 0) + count
        if not found:
            continue
        if margins[index] >= READINGS_MARGIN and chosen[index].form is not None:
            found[chosen[index].id] -= len(keys[index])  # its own reading is no evidence
        total = sum(found.values()) + READINGS_PRIOR
        shares = [found.get(candidate.id, 0) / total for candidate in units[index].candidates]
        start = int(candidate_start[index])
        bonus[start : start + len(shares)] = shares
        changed[index] = max(shares) > shares[units[index].choice]
    return weight * bonus, changed


def spans_of(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The indices of the ranges [starts[i], ends[i]) one after another."""
    lengths = ends - starts
    offsets = np.repeat(ends - np.cumsum(lengths), lengths)
    return np.arange(int(lengths.sum())) + offsets


def select_segments(flat: Segments, chosen: np.ndarray) -> tuple[Segments, np.ndarray, np.ndarray]:
    """The segments ``chosen`` (indices) of ``flat`` as arrays of their own, with the
    index in ``flat`` of each of their units and candidates."""
    unit_index = spans_of(flat.unit_start[chosen], flat.unit_start[chosen + 1])
    candidate_index = spans_of(flat.candidate_start[unit_index], flat.candidate_start[unit_index + 1])
    lengths = np.diff(flat.unit_start)[chosen]
    widths = np.diff(flat.candidate_start)[unit_index]
    selected = Segments(
        np.concatenate([[0], np.cumsum(lengths)]),
        np.concatenate([[0], np.cumsum(widths)]),
        flat.ids[candidate_index],
        flat.costs[candidate_index],
    )
    return selected, unit_index, candidate_index


def continued_lines(lines: list[str]) -> list[bool]:
    """Whether each line carries on the sentence of the line before it: OCR output
    wraps lines mid-sentence ("phóng" / "xạ"), and documents break headings and
    titles over lines ("CỘNG" / "HÒA XÃ HỘI…"), so the n-gram context runs on after a
    line ending in a word or a comma into a line opening with a letter. A signature
    block's lines are titles of their own: the line of a signing authority ("KT. BỘ
    TRƯỞNG", "TM. ỦY BAN NHÂN DÂN") neither carries on the line before nor runs on
    into the signer's title under it ("THỨ TRƯỞNG")."""
    flags = [False]
    for previous, line in zip(lines, lines[1:]):
        end = previous.rstrip()[-1:]
        signing = SIGNING_AUTHORITY_RE.match(previous) or SIGNING_AUTHORITY_RE.match(line)
        flags.append((end.isalnum() or end == ",") and line[:1].isalpha() and not signing)
    return flags


def context_segments(units: list[Unit]) -> list[list[Unit]]:
    """The units of a line cut where an n-gram context ends (sentence punctuation);
    units without candidates (none is left) take no part."""
    segments: list[list[Unit]] = []
    for unit in units:
        if unit.boundary_before or not segments:
            segments.append([])
        if unit.candidates:
            segments[-1].append(unit)
    return [segment for segment in segments if segment]


def rebuild_line(line: str, units: list[Unit]) -> str:
    """The line with every unit's output put in place of its span."""
    pieces, cursor = [], 0
    for unit in units:
        pieces.append(line[cursor : unit.start])
        pieces.append(unit.prefix + unit.text)
        cursor = unit.end
    pieces.append(line[cursor:])
    return "".join(pieces)


def ocr_noise_only(observed: str, known: str) -> bool:
    """Whether ``observed`` is ``known`` with substituted characters and added noise
    only: a stray digit or a doubled letter (TI1-BKHCN, TI-BYTT), not a letter dropped
    or a letter of its own added (STC-CSTH is no BTC-CST)."""
    for operation, position, _ in Levenshtein.editops(observed, known):
        if operation == "insert":
            return False
        if operation == "delete":
            character = observed[position]
            neighbours = observed[position - 1 : position] + observed[position + 1 : position + 2]
            if not (character.isdigit() or character in neighbours):
                return False
    return True


def unexplained(unit: Unit) -> bool:
    """No known reading among the candidates: only keeping the token as it is."""
    return all(c.form is None for c in unit.candidates)
