"""Restoration of ``ccn ocr`` pages, with Tesseract's own evidence.

Each word brings its confidence and, per character, the alternatives Tesseract
considered. Alternatives become extra candidates (cost: how much less likely
Tesseract found them), and the word confidence scales how much any change costs:
a confident reading is overturned only by strong language-model evidence, so
restoration does not make clean OCR worse. A word Tesseract was unsure of may have
lost or misread a letter: the syllables a letter away are candidates too. An
alternative reading that is a number ("6" for "ó") is a candidate as read, for the
language model to weigh ("tháng 6 năm" against "tháng ó năm"). Words and lines in another
language (an English translation, a list of technical terms) are left as read.
"""

from __future__ import annotations

import copy
import math

from ..types import Page, Word
from ..vietnamese import nfc
from .candidates import Candidate
from .decode import ACCENTED, VIETNAMESE_SHARE, Decoder, Unit, continued_lines
from .segment import NUMBER, Span, code_like, fold_key, has_vietnamese_marks, lm_form, spans

CONFIDENT = 90.0  # Tesseract word confidence (0–100) above which a reading is trusted
CONFIDENT_CHANGE_COST = 3.0  # extra cost of changing a trusted reading (bench/tune.py compares 2, 4 and 6)
# …and more again when the reading is a syllable that makes, with a neighbour as read, a word
# pair the language model has seen ("chỉ tiêu", "nghiêm cấm"): such a reading is right far
# more often than a confident misreading that happens to be a word.
READ_IN_CONTEXT_COST = 3.0
PAIR_LOGP = math.log(0.01)  # log P(word | word before) from which a pair counts as likely
MAX_CHOICE_VARIANTS = 24
UNSURE = CONFIDENT  # below it, syllables a letter away are candidates too (bench/tune.py compares 50 and 70)
# A token written as a code inside a sentence (TTr, HAN, QLDN2) keeps Tesseract's reading
# unless the model is this sure (nats) — or Tesseract itself was unsure of the word.
CODE_CHANGE_COST = 6.0
UNSURE_CODE = 50.0  # Tesseract word confidence below which a code's reading is not protected
# A line in another language (an English translation, a list of English terms) is left as
# read: on a page of accented OCR, a line of at least ``FOREIGN_LINE_WORDS`` words of which
# less than ``FOREIGN_LINE_MARKS`` carry Vietnamese marks.
FOREIGN_LINE_WORDS = 5
FOREIGN_LINE_MARKS = 0.2


def choice_variants(word: Word) -> dict[str, float]:
    """Spellings of the word from its per-character alternatives, with the cost
    −log(p_alternative / p_best), up to two substitutions."""
    variants = {word.text: 0.0}
    if len(word.choices) != len(word.text):
        return {}
    for position, options in enumerate(word.choices):
        if len(options) < 2 or options[0][1] <= 0:
            continue
        best = options[0][1]
        for char, probability in options[1:]:
            if probability <= 0:
                continue
            cost = -math.log(probability / best)
            for text, spent in list(variants.items()):
                variant = text[:position] + char + text[position + 1 :]
                if variant not in variants or variants[variant] > spent + cost:
                    variants[variant] = spent + cost
        if len(variants) > MAX_CHOICE_VARIANTS:
            break
    variants.pop(word.text)
    return variants


def word_candidates(decoder: Decoder, word: Word, token: str, mode: str, in_context: bool = False) -> tuple[Candidate, ...]:
    """Candidates of a word that is one token: the text channel's, plus Tesseract's
    alternatives, with change costs raised for a confident reading, and raised more
    when that reading makes a known word pair with a neighbour (``in_context``)."""
    generate = decoder.generate.for_mode[mode]
    base = generate(nfc(token))
    observed = lm_form(token)
    extra = 0.0
    if word.confidence >= CONFIDENT:
        extra = CONFIDENT_CHANGE_COST + (READ_IN_CONTEXT_COST if in_context else 0.0)
    costs: dict[tuple[str | None, int], float] = {}
    for candidate in base:
        unchanged = candidate.form is None or candidate.form == observed
        costs[(candidate.form, candidate.id)] = candidate.cost + (0.0 if unchanged else extra)
    if word.confidence < UNSURE and not code_like(token):  # UBND, KGVX: kept unless sure
        for candidate in decoder.generate.one_letter_away(nfc(token)):
            key = (candidate.form, candidate.id)
            costs.setdefault(key, candidate.cost)
    for variant, cost in choice_variants(word).items():
        form = lm_form(variant)
        if form == NUMBER:  # a digit read as a letter of like shape ("tháng ó năm"): the digits, as read
            key = (variant, decoder.lm.id(NUMBER))
        elif (index := decoder.lm.index.get(form)) is not None and decoder.lm.candidate[index]:
            key = (form, index)
        else:
            continue
        costs[key] = min(costs.get(key, math.inf), cost + extra)
    return tuple(Candidate(form, index, cost) for (form, index), cost in costs.items())


def foreign_word(decoder: Decoder, token: str) -> bool:
    """Whether a word in Latin letters is no Vietnamese syllable even without its marks
    ("fee", "die", "InP"): read confidently by Vietnamese OCR, it is a foreign word or a
    name, not a misreading (``eng`` OCR makes such words of Vietnamese ones: "ciia")."""
    return token.isascii() and token.isalpha() and fold_key(token) not in decoder.lm.by_fold


def foreign_line(found: list[Span]) -> bool:
    """Whether a line is in another language: enough words (codes left out: a list of
    agencies' initials is no language), almost none with Vietnamese marks."""
    letters = [span.text for span in found if span.text.isalpha() and not code_like(span.text)]
    return len(letters) >= FOREIGN_LINE_WORDS and sum(map(has_vietnamese_marks, letters)) < FOREIGN_LINE_MARKS * len(letters)


def restore_page_with(decoder: Decoder, page: Page) -> Page:
    restored = copy.deepcopy(page)
    lines = [line.text for line in restored.lines]
    line_spans = [spans(text) for text in lines]
    words = [s.text for found in line_spans for s in found]
    if decoder.vietnamese_share(words) < VIETNAMESE_SHARE:
        return restored
    foreign = [foreign_line(found) for found in line_spans]
    # Codes carry no marks in any text. A page whose own words (not those of its lines and
    # words in another language) are accented OCR is read as such, its lines in another
    # language left as read; else every line is read alike.
    own = [s.text for found, away in zip(line_spans, foreign) if not away for s in found]
    mode = decoder.mode([w for w in own if not code_like(w) and not foreign_word(decoder, w)])
    if mode != ACCENTED:
        mode = decoder.mode([w for w in words if not code_like(w)])
        foreign = [False] * len(lines)
    line_units, line_offsets = [], []
    for line, text, found, away in zip(restored.lines, lines, line_spans, foreign):
        offsets, cursor = [], 0
        for word in line.words:
            offsets.append(cursor)
            cursor += len(word.text) + 1
        if away:
            line_units.append([])
            line_offsets.append(offsets)
            continue
        evidence = {}
        paired = read_in_context(decoder, found)
        for word, offset in zip(line.words, offsets):
            word_spans = spans(word.text)
            if len(word_spans) != 1:
                continue
            token, start = word_spans[0].text, offset + word_spans[0].start
            if mode == ACCENTED and word.confidence >= CONFIDENT and foreign_word(decoder, token):
                evidence[start] = tuple(c for c in decoder.generate.for_mode[mode](token) if c.form is None)  # as read
            elif token == word.text:
                evidence[offset] = word_candidates(decoder, word, word.text, mode, offset in paired)
        units = decoder.units(text, mode, found, evidence)
        protect_codes(units, line.words, offsets)
        line_units.append(units)
        line_offsets.append(offsets)
    decoder.mark_enumerations(lines, line_units, mode)
    decoder.decode(line_units, mode, continued_lines(lines), ocr_evidence=True)
    for line, units, offsets in zip(restored.lines, line_units, line_offsets):
        line.words, offsets = join_words(line.words, offsets, units)
        for word, offset in zip(line.words, offsets):
            word.text = rebuild_word(word.text, offset, units)
    return restored


def read_in_context(decoder: Decoder, line_spans: list[Span]) -> set[int]:
    """Offsets of the tokens that, as read, are syllables the model may propose and make,
    with the token before or after them in the same context, a word pair the language model
    finds likely (``PAIR_LOGP``): "chỉ tiêu", not "chí tiêu"."""
    lm = decoder.lm
    ids = []
    for span in line_spans:
        index = lm.index.get(lm_form(span.text))
        ids.append(index if index is not None and lm.candidate[index] else None)
    paired = set()
    for number in range(1, len(line_spans)):
        before, after = ids[number - 1], ids[number]
        if before is None or after is None or line_spans[number].boundary_before:
            continue
        position = lm.bigrams[before].get(after)
        if position is not None and lm.search.bigram_logp[position] >= PAIR_LOGP:
            paired.update((line_spans[number - 1].start, line_spans[number].start))
    return paired


def protect_codes(units: list[Unit], words: list[Word], offsets: list[int]) -> None:
    """Make changing a token written as a code (``code_like``: TTr, HAN, QLDN2) cost
    ``CODE_CHANGE_COST`` more, and keeping it nothing, where it stands in a sentence (most
    of the line's tokens have lower-case letters; in a heading in capitals "HOA" is a word
    that lost its mark) and Tesseract was not unsure of its word."""
    lettered = [unit.observed for unit in units if any(c.isalpha() for c in unit.observed)]
    if sum(any(c.islower() for c in token) for token in lettered) * 2 <= len(lettered):
        return
    for unit in units:
        if unit.fixed is not None or not code_like(unit.observed):
            continue
        word = next((w for w, offset in zip(words, offsets) if offset <= unit.start < offset + len(w.text)), None)
        if word is None or word.confidence < UNSURE_CODE:
            continue
        observed = lm_form(unit.observed)
        unit.candidates = tuple(
            Candidate(c.form, c.id, 0.0 if c.form is None or c.form == observed else c.cost + CODE_CHANGE_COST)
            for c in unit.candidates
        )


def join_words(words: list[Word], offsets: list[int], units: list[Unit]) -> tuple[list[Word], list[int]]:
    """The words, those a unit spans joined into one (a document number OCR split at
    a space: "QLĐĐ-TKKKT TĐĐ"), with their offsets in the line."""
    ends = [offset + len(word.text) for word, offset in zip(words, offsets)]
    joined_words, joined_offsets = list(words), list(offsets)
    for unit in reversed(units):
        first = next((i for i, (o, e) in enumerate(zip(offsets, ends)) if o <= unit.start < e), None)
        last = next((i for i, (o, e) in enumerate(zip(offsets, ends)) if o < unit.end <= e), None)
        if first is None or last is None or last <= first:
            continue
        group = joined_words[first : last + 1]
        joined_words[first : last + 1] = [
            Word(
                text=" ".join(w.text for w in group),
                bbox=(min(w.bbox[0] for w in group), min(w.bbox[1] for w in group), max(w.bbox[2] for w in group), max(w.bbox[3] for w in group)),
                confidence=min(w.confidence for w in group),
            )
        ]
        joined_offsets[first : last + 1] = [joined_offsets[first]]
    return joined_words, joined_offsets


def rebuild_word(text: str, offset: int, units: list[Unit]) -> str:
    pieces, cursor = [], 0
    for unit in units:
        start, end = unit.start - offset, unit.end - offset
        if start < 0 or end > len(text):
            continue
        pieces.append(text[cursor:start])
        pieces.append(unit.text)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
