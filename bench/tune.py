"""How the restoration settings were chosen: trial models on training documents only.

Every 10th training document (never a dev one) is held out; a trial language model
is counted, and a trial context model trained, on the other training documents plus
Wikipedia; documents the extraction's sealed slice lists are neither (corpus/gold/blind).
Each setting is scored on the held-out documents: stripped of their diacritics; one body page
each of the first 12 rendered and OCR'd with ``tesseract -l eng`` (degraded 200 dpi
and clean 300 dpi); one body page each as ``ccn ocr`` reads it (words with
confidences and choices), damaged by the archive model at 150 and 200 dpi, and, for
the first 12, typeset in the OCR benchmark's
tuning faces and damaged by the family's scan and combo members at 150 and 200 dpi
(``--pages``: these rows only; ``--readings``: the rows of the cache of confident
readings on these pages, on plain ``tesseract -l vie`` text of the first 12 (degraded
150 and 200 dpi, clean 300 dpi) and on stripped text, without the context models, with
the errors left by class; ``--stripped``: stripped text alone with the trial language model and
no context model, in minutes, with the errors left by kind: tone, vowel mark or đ, names,
sentence openings and capitals, and the document's usual reading of the letters). The OCR channel is the shipped one (it models Tesseract, not
the documents). The first row is the model ccn shipped before the Kneser-Ney mix:
stupid backoff (factor 0.2) on one table of counts, an admin sentence counting as 40
Wikipedia ones. Prints a Markdown table and writes bench/out/tune.md.

    python -m bench.tune      (make bench-tune; over an hour, most of it training two context models)
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ccn_docs import synth
from ccn_docs.restore import adaptation, candidates, decode, page

import numpy as np
from rapidfuzz.distance import Levenshtein

from ccn_docs.restore.build import (
    BuildOptions,
    CorpusCounts,
    build_context_model,
    count_corpus,
    estimate_language_model,
    ngram_counts,
    syllable_inventory,
)
from ccn_docs.restore.confusions import render_and_recognise
from ccn_docs.restore.context import ContextModel
from ccn_docs.restore.corpus import train_documents
from ccn_docs.restore.decode import Decoder, rebuild_line
from ccn_docs.restore.model import Channel, LanguageModel
from ccn_docs.restore.smoothing import BackoffModel, context_of
from ccn_docs.scoring import SyllableScore, syllable_score
from ccn_docs.types import Page
from ccn_docs.restore.segment import BOUNDARY_RE
from ccn_docs.vietnamese import WORD_RE, fold, nfc, normalize_syllable, normalize_text, split_tone, syllables

from .ocr import TUNING_STYLES
from .restore import recognised_pages

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CCN_CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "bench" / "out"
HELD_OUT_EVERY = 10
OCR_DOCUMENTS = 12
SEED = 900
# The module constants a row may change (with_constant), put back after each row.
VARIED_CONSTANTS = [
    (decode, name)
    for name in (
        "CACHE_WEIGHT", "CACHE_PASSES", "CONTEXT_WEIGHT", "CONTEXT_MODES", "TONE_PASSES", "continued_lines",
        "READINGS_WEIGHT", "READINGS_BY_SYLLABLE", "READINGS_MARGIN", "AMBIGUOUS_MARGIN", "reading_keys",
    )
] + [
    (candidates, name)
    for name in ("VALID_FOLDED_EDIT_COST", "MAX_FREQUENCY_GAP", "MAX_SAME_LETTERS", "KEEP_UNKNOWN_COST", "LETTER_EDIT_COST")
] + [(page, name) for name in ("CONFIDENT_CHANGE_COST", "UNSURE", "continued_lines")] + [(adaptation, "PRIOR_WEIGHT")]
FAMILY_DOCUMENTS = 12
SEALED_LIST = ROOT / "corpus" / "gold" / "blind" / "README.md"


def sealed_documents() -> set[str]:
    """Stems of the documents the extraction's sealed slice lists (training ones
    among them): never read, trained or tuned on here."""
    return set(re.findall(r"admin/(\w+)\.txt", SEALED_LIST.read_text(encoding="utf-8")))
FAMILY_MEMBERS = ("scan", "combo")


def restore(decoder: Decoder, text: str) -> str:
    lines = text.split("\n")
    return "\n".join(rebuild_line(line, units) for line, units in zip(lines, decoder.decode_lines(lines)))


def accuracy(decoder: Decoder, pairs: list[tuple[str | Page, str]], by_class: bool = False, by_kind: bool = False) -> str:
    """Syllable accuracy of restoring each (input, reference) pair; for OCR pages
    (``restore_page``) also the errors left and the pages made worse; ``by_class``:
    the errors left by class (``error_classes``); ``by_kind``: by kind (``error_kinds``,
    stripped text)."""
    total, raw, worse, classes, kinds = SyllableScore(0, 0), SyllableScore(0, 0), 0, Counter(), Counter()
    for source, reference in pairs:
        if isinstance(source, Page):
            restored = page.restore_page_with(decoder, source).text
            before = syllable_score(source.text, reference)
            score = syllable_score(restored, reference)
            raw += before
            worse += score.matches < before.matches
        else:
            restored = restore(decoder, source)
            score = syllable_score(restored, reference)
        total += score
        if by_class:
            classes += error_classes(restored, reference)
        if by_kind:
            kinds += error_kinds(restored, reference)
    cell = f"{100 * total.accuracy:.2f}%"
    if raw.reference:
        cell += f" ({raw.reference - raw.matches} → {total.reference - total.matches} errors, {worse} pages worse)"
    if by_class:
        errors = sum(classes.values())
        cell += "; " + ", ".join(f"{name} {classes[name]} ({100 * classes[name] / max(errors, 1):.0f}%)" for name in ERROR_CLASSES)
    if by_kind:
        errors = kinds.pop("errors", 0)
        cell += f"; {errors} errors: " + ", ".join(f"{name} {kinds[name]} ({100 * kinds[name] / max(errors, 1):.0f}%)" for name in ERROR_KINDS)
    return cell


ERROR_CLASSES = (
    "same word read right elsewhere",
    "same syllable read right elsewhere",
    "another form of the same letters",
    "other letters",
    "syllables lost or added",
)


def error_classes(restored: str, reference: str) -> Counter:
    """The syllable errors of ``restored`` by class: the reference syllable, with the
    letters of a neighbour, read right elsewhere in the text (the same word); the
    syllable read right elsewhere with other neighbours; else a form with the same
    letters chosen wrongly; other letters; syllables lost or added (OCR'd pages)."""
    output, truth = syllables(restored), syllables(reference)
    pairs: list[tuple[int, int]] = []
    lost = 0
    for operation in Levenshtein.opcodes(output, truth):
        width = operation.dest_end - operation.dest_start
        if operation.tag in ("equal", "replace") and operation.src_end - operation.src_start == width:
            pairs += [(operation.src_start + k, operation.dest_start + k) for k in range(width)]
        else:
            lost += max(width, operation.src_end - operation.src_start)
    folds = [fold(syllable) for syllable in truth]

    def words(position: int) -> list[tuple]:
        found = [(folds[position - 1], truth[position], "after")] if position else []
        return found + ([(truth[position], folds[position + 1], "before")] if position + 1 < len(truth) else [])

    right = {pair for o, t in pairs if output[o] == truth[t] for pair in [*words(t), (truth[t],)]}
    classes = Counter({ERROR_CLASSES[4]: lost} if lost else {})
    for o, t in pairs:
        if output[o] == truth[t]:
            continue
        if any(word in right for word in words(t)):
            classes[ERROR_CLASSES[0]] += 1
        elif (truth[t],) in right:
            classes[ERROR_CLASSES[1]] += 1
        else:
            classes[ERROR_CLASSES[2] if fold(output[o]) == folds[t] else ERROR_CLASSES[3]] += 1
    return classes


ERROR_KINDS = (
    "tone only",
    "a vowel's mark (â ă ê ô ơ ư)",
    "đ or d",
    "capitalised inside a sentence",
    "opening a sentence or in capitals",
    "the document's usual reading of the letters",
)


def error_kinds(restored: str, reference: str) -> Counter:
    """The syllable errors of ``restored`` (stripped text restored: its words stand where
    the reference's do) by what is wrong: the tone only, a vowel's quality mark (with
    or without the tone), đ for d or d for đ; by where the word stands: capitalised
    inside a sentence (names), opening a sentence or written in capitals; and those
    whose reference is the reading the document gives the same letters most often (more
    than once), which a document-wide choice per letters would get right."""
    output, truth = list(WORD_RE.finditer(nfc(restored))), list(WORD_RE.finditer(reference))
    if len(output) != len(truth):
        raise ValueError("restoring stripped text changed its words")
    readings: dict[str, Counter] = {}
    for match in truth:
        readings.setdefault(fold(match.group(0).lower()), Counter())[normalize_syllable(match.group(0).lower())] += 1
    kinds: Counter = Counter()
    previous_end = 0
    for chosen, meant in zip(output, truth):
        separator, previous_end = reference[previous_end : meant.start()], meant.end()
        word, form = normalize_syllable(chosen.group(0).lower()), normalize_syllable(meant.group(0).lower())
        if word == form:
            continue
        kinds["errors"] += 1
        (base, _), (meant_base, _) = split_tone(word), split_tone(form)
        if base == meant_base:
            kinds[ERROR_KINDS[0]] += 1
        elif base.replace("đ", "d") != meant_base.replace("đ", "d"):
            kinds[ERROR_KINDS[1]] += 1
        else:
            kinds[ERROR_KINDS[2]] += 1
        text = meant.group(0)
        opening = meant.start() == 0 or "\n" in separator or bool(BOUNDARY_RE.search(separator))
        if len(text) > 1 and text.isupper() or text[:1].isupper() and opening:
            kinds[ERROR_KINDS[4]] += 1
        elif text[:1].isupper():
            kinds[ERROR_KINDS[3]] += 1
        usual, count = readings[fold(text.lower())].most_common(1)[0]
        if usual == form and count > 1:
            kinds[ERROR_KINDS[5]] += 1
    return kinds


def every_line_afresh(_: Decoder) -> None:
    """The earlier behaviour: each line starts a new n-gram context, wrapped or not."""
    for module in (decode, page):
        module.continued_lines = lambda lines: [False] * len(lines)


def stupid_backoff(counts: CorpusCounts, shipped: LanguageModel, admin_weight: float = 40, factor: float = 0.2) -> LanguageModel:
    """The earlier model over ``shipped``'s vocabulary: relative frequencies of admin ×
    ``admin_weight`` + Wikipedia counts, every unseen n-gram backing off with the same
    factor (not a distribution)."""
    keep = {form: index for index, form in enumerate(shipped.vocab)}
    new_id = np.array([keep.get(form, keep["<unk>"]) for form in counts.vocab], dtype=np.int64)
    admin, wiki = (ngram_counts(table, new_id, len(shipped.vocab)) for table in (counts.admin, counts.wiki))
    keys, logp, bow = [], [], []
    for order in range(3):
        union = np.union1d(admin.keys[order], wiki.keys[order])
        total = np.zeros(len(union))
        total[np.searchsorted(union, admin.keys[order])] += admin_weight * admin.counts[order]
        total[np.searchsorted(union, wiki.keys[order])] += wiki.counts[order]
        if order == 0:
            probability = np.maximum(total, 0.5) / total.sum()
        else:
            _, of_context = np.unique(context_of(union), return_inverse=True)
            probability = total / np.bincount(of_context, weights=total)[of_context]
        keys.append(union)
        logp.append(np.log(probability))
        bow.append(np.full(len(union), math.log(factor)))
    return LanguageModel.of(shipped.vocab, BackoffModel(keys, logp, bow), shipped.candidate, shipped.frequency)


def split_unknown_stripped_tokens(decoder: Decoder) -> None:
    """The earlier behaviour: in stripped text too, split tokens nothing explains."""
    units = decoder.units

    def units_with_breaks(line, mode, line_spans, evidence=None):
        found = units(line, mode, line_spans, evidence)
        if mode == decode.STRIPPED and any(decode.unexplained(unit) for unit in found):
            return decoder.mend_breaks(line, found, mode, evidence or {})
        return found

    decoder.units = units_with_breaks  # type: ignore[method-assign]


def inside_sentence_capitalised(unit: decode.Unit, previous: decode.Unit | None) -> bool:
    """A word capitalised after another in its sentence: a name's, mostly ("xã Tân Ân")."""
    return previous is not None and not unit.boundary_before and unit.observed[:1].isupper() and unit.observed[1:].islower()


def names_filed_by_letters(_: Decoder) -> None:
    """The cache of confident readings also files a word capitalised inside a sentence
    under its letters alone, among such words only: a document spells a name one way."""
    keys_of = decode.reading_keys

    def with_names(units, unit_start, by_syllable):
        found = keys_of(units, unit_start, by_syllable)
        starts = set(unit_start.tolist())
        return [
            keys + ((fold(unit.observed.lower()), "name"),)
            if inside_sentence_capitalised(unit, None if index in starts else units[index - 1]) else keys
            for index, (unit, keys) in enumerate(zip(units, found))
        ]

    decode.reading_keys = with_names


def flatter_names(weight: float) -> Callable[[Decoder], None]:
    """A word capitalised inside a sentence leans less on its forms' corpus frequency
    (``weight`` of its log frequency given back): names are rarer words' forms."""

    def apply(decoder: Decoder) -> None:
        units, frequency = decoder.units, decoder.lm.frequency

        def flattened(line, mode, line_spans, evidence=None):
            found = units(line, mode, line_spans, evidence)
            for previous, unit in zip([None, *found], found):
                if mode == decode.STRIPPED and unit.fixed is None and inside_sentence_capitalised(unit, previous):
                    top = max((frequency[c.id] for c in unit.candidates if c.form is not None), default=0.0)
                    unit.candidates = tuple(
                        c if c.form is None else c._replace(cost=c.cost + weight * (frequency[c.id] - top)) for c in unit.candidates
                    )
            return found

        decoder.units = flattened  # type: ignore[method-assign]

    return apply


def without_code_inventory(decoder: Decoder) -> None:
    """The earlier behaviour: no learned codes, every token a word to restore."""
    decoder.abbreviations, decoder.abbreviation_by_letters = {}, {}


def without_cache_models(_: Decoder) -> None:
    """Neither the cache model of the text's choices nor that of its confident readings."""
    decode.CACHE_PASSES, decode.READINGS_WEIGHT = 0, {}


def readings_rows(row: Callable, lm: LanguageModel, texts: dict[str, tuple[list, str]], context: str | None) -> None:
    """The cache of confident readings (``Decoder.decode_with_confident_readings``) on
    each kind of text: without it, as shipped and its settings, with the errors left
    by class. ``texts``: name → (pairs, mode); the context model reads stripped text."""
    for name, (pairs, mode) in texts.items():
        shipped_weight = decode.READINGS_WEIGHT[mode]
        by_syllable = mode in decode.READINGS_BY_SYLLABLE
        other_weights = (2.0, 6.0) if mode == decode.ACCENTED else (1.0, 4.0)
        uses_context = context if mode == decode.STRIPPED else None
        variants = [
            ("no cache of confident readings", with_constant(decode, "READINGS_WEIGHT", {})),
            (f"shipped settings (confident from a lead of {decode.READINGS_MARGIN:g}, advice below "
             f"{decode.AMBIGUOUS_MARGIN:g}, weight {shipped_weight:g}, {'syllables as keys too' if by_syllable else 'words only'})", None),
            *((f"weight {weight:g}", with_constant(decode, "READINGS_WEIGHT", {mode: weight})) for weight in other_weights),
            ("words only" if by_syllable else "syllables as keys too",
             with_constant(decode, "READINGS_BY_SYLLABLE", () if by_syllable else (mode,))),
            *((f"confident from a lead of {lead:g}, advice below {below:g}",
               with_constant(decode, "READINGS_MARGIN", lead), with_constant(decode, "AMBIGUOUS_MARGIN", below))
              for lead, below in ((3.0, 3.0), (5.0, 10.0))),
        ]
        for label, *changes in variants:
            applied = [change for change in changes if change is not None]
            row(f"{name}: {label}", lm, pairs, *applied, context=uses_context, by_class=True)


def stripped_rows(row: Callable, lm: LanguageModel, stripped: list) -> None:
    """Stripped text without the context model (``--stripped``): the errors left by kind,
    with the shipped settings and with levers on names and the text's own readings."""
    variants = [
        ("shipped settings (cache model μ 0.3; confident readings from a lead of 3, advice below 6, weight 2)",),
        ("cache model μ 0.2", with_constant(decode, "CACHE_WEIGHT", 0.2)),
        ("cache model μ 0.45", with_constant(decode, "CACHE_WEIGHT", 0.45)),
        ("confident readings from a lead of 2", with_constant(decode, "READINGS_MARGIN", 2.0)),
        ("a word capitalised inside a sentence filed under its letters alone too (one spelling per name)", names_filed_by_letters),
        *((f"a word capitalised inside a sentence: {weight:g} of its log frequency given back", flatter_names(weight)) for weight in (0.3, 0.6)),
    ]
    for label, *changes in variants:
        row(label, lm, stripped, *changes, context=None, by_kind=True)


def with_constant(module, name: str, value) -> Callable[[Decoder], None]:
    """A variant that sets a module constant (read at decode time) for one decoder."""

    def apply(_: Decoder) -> None:
        setattr(module, name, value)

    return apply


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sealed = sealed_documents()
    training = train_documents(CORPUS)
    held_out = [p for p in training[::HELD_OUT_EVERY] if p.stem not in sealed]
    fitted = [p for p in training if p not in training[::HELD_OUT_EVERY] and p.stem not in sealed]
    references = [normalize_text(p.read_text(encoding="utf-8")) for p in held_out]
    stripped = [(fold(r), r) for r in references]
    counts = count_corpus(CORPUS, BuildOptions(), documents=fitted)
    channel = replace(Channel.load(), abbreviations=counts.abbreviations)  # the trial documents' codes
    syllables = syllable_inventory(CORPUS)
    default = BuildOptions()

    def model(options: BuildOptions) -> LanguageModel:
        return estimate_language_model(counts, syllables, options)[0]

    rows: list[str] = []
    contexts: dict[str, ContextModel | None] = {"shipped": None}

    def row(
        name: str, lm: LanguageModel, texts: list, *variants: Callable[[Decoder], None], context: str | None = "shipped",
        by_class: bool = False, by_kind: bool = False,
    ) -> None:
        saved = [(module, constant, getattr(module, constant)) for module, constant in VARIED_CONSTANTS]
        decoder = Decoder(lm, channel, contexts[context] if context else None)
        for variant in variants:
            variant(decoder)
        rows.append(f"| {name} | {accuracy(decoder, texts, by_class, by_kind)} |")
        for module, constant, value in saved:
            setattr(module, constant, value)
        print(rows[-1], flush=True)

    shipped = model(default)
    if "--stripped" in sys.argv:  # the trial language model alone, in minutes
        rows.append(f"| **stripped text, {len(held_out)} held-out documents, no context model: errors by kind** | |")
        stripped_rows(row, shipped, stripped)
        write_table(rows)
        return
    pages = [(p, reference) for dpi in (150, 200) for reference, p in recognised_pages(held_out, dpi, synth.Degradation.archive, SEED)]
    family_documents = held_out[:FAMILY_DOCUMENTS]
    family = [
        (p, reference)
        for member in FAMILY_MEMBERS
        for dpi in (150, 200)
        for reference, p in recognised_pages(
            family_documents, dpi, lambda seed, member=member: synth.sample_damage(member, seed), SEED,
            lambda number: TUNING_STYLES[number % len(TUNING_STYLES)],
        )
    ]
    rows.append(
        f"| **`ccn ocr` pages of the damage family (scan and combo, 150 and 200 dpi, the OCR benchmark's tuning faces), "
        f"{len(family)} held-out pages** | |"
    )
    row("shipped settings (the text's own tone confusions, one pass, prior weight 50; words below confidence 90 "
        "get syllables a letter away at cost 6; the cache of confident readings)", shipped, family, context=None)
    row("no tone adaptation", shipped, family, with_constant(decode, "TONE_PASSES", 0), context=None)
    row("two tone-adapted passes", shipped, family, with_constant(decode, "TONE_PASSES", 2), context=None)
    for weight in (20.0, 200.0):
        row(f"tone prior weight {weight:g}", shipped, family, with_constant(adaptation, "PRIOR_WEIGHT", weight), context=None)
    row("no syllables a letter away", shipped, family, with_constant(page, "UNSURE", -1.0), context=None)
    for unsure in (50.0, 70.0):
        row(f"syllables a letter away below confidence {unsure:g}", shipped, family, with_constant(page, "UNSURE", unsure), context=None)
    for cost in (4.0, 8.0):
        row(f"a letter away costs {cost:g}", shipped, family, with_constant(candidates, "LETTER_EDIT_COST", cost), context=None)
    rows.append(f"| **`ccn ocr` pages (`-l vie`, degraded 150 and 200 dpi), {len(pages)} held-out pages** | |")
    row("shipped settings (codes kept, wrapped lines carry the context on)", shipped, pages, context=None)
    row("every line a fresh context", shipped, pages, every_line_afresh, context=None)
    row("no code inventory", shipped, pages, without_code_inventory, context=None)
    for cost in (2.0, 4.0, 6.0):
        row(f"changing a confident reading costs {cost:g} more (shipped: 3)", shipped, pages, with_constant(page, "CONFIDENT_CHANGE_COST", cost), context=None)
    if "--pages" in sys.argv:
        write_table(rows)
        return
    vie = [
        (text, reference)
        for number, document in enumerate(held_out[:OCR_DOCUMENTS])
        for dpi, degraded in ((150, True), (200, True), (300, False))
        for reference, text in [render_and_recognise(document, "vie", dpi, degraded, SEED + number, OUT / "ocr-cache")]
    ]
    readings_texts = {
        "the damage family's pages": (family, decode.ACCENTED),
        "archive-damaged pages": (pages, decode.ACCENTED),
        "`-l vie` plain text (no confidences; degraded 150 and 200 dpi, clean 300 dpi)": (vie, decode.ACCENTED),
        "stripped text": (stripped, decode.STRIPPED),
    }
    if "--readings" in sys.argv:  # without the context models, which take most of an hour to train
        rows.append(f"| **the cache of confident readings, {len(held_out)} held-out documents (no context model)** | |")
        readings_rows(row, shipped, readings_texts, context=None)
        write_table(rows)
        return
    eng = [
        (text, reference)
        for number, document in enumerate(held_out[:OCR_DOCUMENTS])
        for dpi, degraded in ((200, True), (300, False))
        for reference, text in [render_and_recognise(document, "eng", dpi, degraded, SEED + number, OUT / "ocr-cache")]
    ]
    contexts["shipped"], _ = build_context_model(CORPUS, shipped, default, documents=fitted)
    contexts["shorter"], _ = build_context_model(CORPUS, shipped, replace(default, context_steps=5000), documents=fitted)

    earlier = stupid_backoff(counts, shipped)
    no_cache = without_cache_models
    rows.append(f"| **stripped text, {len(held_out)} held-out documents** | |")
    row("stupid backoff, admin weight 40 (the model before), no cache model", earlier, stripped, no_cache, context=None)
    row("Kneser-Ney mix, admin share 0.7, no cache model", shipped, stripped, no_cache, context=None)
    row("Kneser-Ney mix, cache models (μ 0.3, 2 passes; confident readings), no context model", shipped, stripped, context=None)
    row("shipped settings (the above and the context model, λ 0.3; wrapped lines carry the context on)", shipped, stripped)
    row("every line a fresh context", shipped, stripped, every_line_afresh)
    row("context model trained 5,000 steps (shipped: 20,000)", shipped, stripped, context="shorter")
    row("context model λ 0.15", shipped, stripped, with_constant(decode, "CONTEXT_WEIGHT", 0.15))
    row("context model λ 0.45", shipped, stripped, with_constant(decode, "CONTEXT_WEIGHT", 0.45))
    row("admin share 0.6", model(replace(default, admin_share=0.6)), stripped)
    row("admin share 0.8", model(replace(default, admin_share=0.8)), stripped)
    row("cache model μ 0.15", shipped, stripped, with_constant(decode, "CACHE_WEIGHT", 0.15))
    row("cache model μ 0.45", shipped, stripped, with_constant(decode, "CACHE_WEIGHT", 0.45))
    row("one cache pass", shipped, stripped, with_constant(decode, "CACHE_PASSES", 1))
    row("keeping an unknown token costs 7 (shipped: 10)", shipped, stripped, with_constant(candidates, "KEEP_UNKNOWN_COST", 7.0))
    row("unknown tokens split into two syllables (as in OCR output)", shipped, stripped, split_unknown_stripped_tokens)
    row(
        "at most 8 same-letter candidates, none e^8 rarer than the best (shipped: 12, e^11)", shipped, stripped,
        with_constant(candidates, "MAX_SAME_LETTERS", 8), with_constant(candidates, "MAX_FREQUENCY_GAP", 8.0),
    )
    readings_rows(row, shipped, {"stripped text": readings_texts["stripped text"]}, context="shipped")
    rows.append(f"| **`eng` OCR, {len(eng)} held-out pages** | |")
    row("stupid backoff (the model before), no cache model", earlier, eng, no_cache, context=None)
    row("shipped settings (plain-word edit cost 3, cache model, no context model)", shipped, eng)
    row("context model on eng OCR's folded text too, λ 0.3", shipped, eng, with_constant(decode, "CONTEXT_MODES", (decode.STRIPPED, decode.FOLDED)))
    row("no cache model", shipped, eng, no_cache)
    row("plain-word edit cost 1", shipped, eng, with_constant(candidates, "VALID_FOLDED_EDIT_COST", 1.0))
    row("plain-word edit cost 5", shipped, eng, with_constant(candidates, "VALID_FOLDED_EDIT_COST", 5.0))
    row("keeping an unknown token costs 7 (shipped: 10)", shipped, eng, with_constant(candidates, "KEEP_UNKNOWN_COST", 7.0))
    row("every line a fresh context", shipped, eng, every_line_afresh)
    write_table(rows)


def write_table(rows: list[str]) -> None:
    table = "\n".join(["| setting | syllable accuracy |", "| --- | ---: |", *rows]) + "\n"
    print(table)
    (OUT / "tune.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
