"""Learn the OCR channel from real confusions.

Training text (never dev documents) is rendered with ``ccn_docs.synth``, clean and
degraded, and recognised by Tesseract: ``eng`` (which loses the diacritics and
garbles letters the way archive OCR does) and ``vie`` on degraded 150/200 dpi
scans. The output is aligned with its source token by token (on diacritic-free
keys) and, inside mismatching tokens, character by character. What is counted:

- ``tokens[mode]``: observed token → {true form: count};
- ``chars[mode]``: observed character group → {true group: probability};
- ``diacritics``: how often ``vie`` reads the right letters with a wrong mark;
- ``merges``: observed token pairs that were one true token, and the reverse.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .. import synth
from .._exec.tesseract import image_to_string
from ..progress import progress_bar
from ..vietnamese import fold, normalize_text
from .corpus import train_documents
from .model import Channel, LanguageModel
from .segment import fold_key, lm_form, marks_of, spans

log = logging.getLogger(__name__)

SEED = 20240415
ENG, VIE = "eng", "vie"
MAX_GROUP = 3  # longest character group in the table
MIN_COUNT = 2
DEFAULT_CACHE = Path(__file__).resolve().parent.parent.parent / "build" / "ocr-cache"


def page_jobs(corpus: Path, pages: int) -> list[tuple[Path, str, int, bool, int]]:
    """(document, language, dpi, degraded, seed) for each page to recognise; half
    ``eng`` (clean and degraded, 200/300 dpi), half ``vie`` (degraded, 150/200 dpi)."""
    documents = train_documents(corpus)
    shuffled = list(documents)
    random.Random(SEED).shuffle(shuffled)  # a prefix: more pages keep the first ones (and their cache)
    picks = shuffled[:pages]
    jobs = []
    for number, document in enumerate(picks):
        if number % 2 == 0:
            jobs.append((document, ENG, (200, 300)[number // 2 % 2], number % 3 != 0, SEED + number))
        else:
            jobs.append((document, VIE, (150, 200)[number // 2 % 2], True, SEED + number))
    return jobs


def render_and_recognise(document: Path, lang: str, dpi: int, degraded: bool, seed: int, cache_dir: Path) -> tuple[str, str]:
    """(source text, OCR text) of the first full page of ``document``; OCR output
    is cached by its parameters so rebuilding is fast."""
    text = normalize_text(document.read_text(encoding="utf-8"))
    paragraphs = [p for p in text.splitlines() if p.strip()]
    specs = synth.paginate(paragraphs, dpi)
    spec = specs[1] if len(specs) > 2 else specs[0]  # a body page when there is one
    source = spec.reference_text
    key = hashlib.sha1(f"{document.name}|{lang}|{dpi}|{degraded}|{seed}|{source}".encode()).hexdigest()[:16]
    cached = cache_dir / f"{key}.txt"
    if cached.exists():
        return source, cached.read_text(encoding="utf-8")
    image = synth.render(spec, dpi)
    if degraded:
        image = synth.degrade(image, synth.Degradation.archive(seed), seed)
    output = image_to_string(image, lang=lang, dpi=dpi)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_text(output, encoding="utf-8")
    return source, output


def tokens_of(text: str) -> list[str]:
    return [span.text for line in normalize_text(text).splitlines() for span in spans(line)]


def aligned_pairs(observed: list[str], truth: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """One-to-one token pairs, and n:m pairs (n, m ≤ 2, n ≠ m) as joined strings,
    from aligning diacritic-free keys."""
    pairs: list[tuple[str, str]] = []
    uneven: list[tuple[str, str]] = []
    keys_observed = [fold_key(t) for t in observed]
    keys_truth = [fold_key(t) for t in truth]
    for s1, e1, s2, e2 in differing_blocks(Levenshtein.opcodes(keys_observed, keys_truth), keep_equal=True):
        got, want = observed[s1:e1], truth[s2:e2]
        if len(got) == len(want):
            pairs.extend(zip(got, want))
        elif got and want and len(got) <= 2 and len(want) <= 2:
            uneven.append((" ".join(got), " ".join(want)))
    return pairs, uneven


def differing_blocks(opcodes, keep_equal: bool = False) -> list[list[int]]:
    """[src_start, src_end, dest_start, dest_end] of runs of adjacent non-equal
    edits merged into one (a replacement next to an insertion is one n:m edit);
    with ``keep_equal`` the equal runs are returned as blocks too."""
    blocks: list[list[int]] = []
    previous_equal = True
    for op in opcodes:
        if op.tag == "equal":
            if keep_equal:
                blocks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
            previous_equal = True
            continue
        if blocks and not previous_equal:
            blocks[-1][1], blocks[-1][3] = op.src_end, op.dest_end
        else:
            blocks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        previous_equal = False
    return blocks


def edit_groups(observed: str, truth: str) -> list[tuple[str, str]]:
    """Character groups that differ, adjacent edits merged; a pure insertion or
    deletion takes one neighbouring character so it can be applied in context."""
    groups = []
    for s1, e1, s2, e2 in differing_blocks(Levenshtein.opcodes(observed, truth)):
        if s1 == e1 or s2 == e2:
            if s1 > 0 and s2 > 0:
                s1, s2 = s1 - 1, s2 - 1
            elif e1 < len(observed) and e2 < len(truth):
                e1, e2 = e1 + 1, e2 + 1
        got, want = observed[s1:e1], truth[s2:e2]
        if got and len(got) <= MAX_GROUP and len(want) <= MAX_GROUP:
            groups.append((got, want))
    return groups


def char_table(pairs: Counter) -> dict[str, dict[str, float]]:
    """P(true group | observed group) from (observed, truth) token pairs with counts."""
    group_counts: Counter = Counter()
    for (got, want), count in pairs.items():
        if got != want:
            for group in edit_groups(got, want):
                group_counts[group] += count
    observed_tokens: Counter = Counter()
    for (got, _), count in pairs.items():
        observed_tokens[got] += count
    table: dict[str, dict[str, float]] = defaultdict(dict)
    groups = sorted({g for (g, _), c in group_counts.items() if c >= MIN_COUNT})
    occurrences = {g: sum(token.count(g) * c for token, c in observed_tokens.items()) for g in groups}
    for (got, want), count in sorted(group_counts.items()):
        if count >= MIN_COUNT and occurrences[got]:
            table[got][want] = round(min(count / occurrences[got], 0.99), 5)
    return dict(table)


def learn_channel(
    corpus: Path, model: LanguageModel, codes: Counter, abbreviations: dict[str, int], pages: int, cache_dir: Path | None = None
) -> Channel:
    cache_dir = cache_dir or DEFAULT_CACHE
    token_pairs = {ENG: Counter(), VIE: Counter()}  # (observed key, true form) → count
    char_pairs = {ENG: Counter(), VIE: Counter()}
    merges: Counter = Counter()
    diacritics = Counter()
    jobs = page_jobs(corpus, pages)
    with progress_bar(len(jobs), "learning OCR confusions (tesseract)", "pages") as advance:
        for document, lang, dpi, degraded, seed in jobs:
            source, output = render_and_recognise(document, lang, dpi, degraded, seed, cache_dir)
            pairs, uneven = aligned_pairs(tokens_of(output), tokens_of(source))
            merges.update(uneven)
            for got, want in pairs:
                if lang == ENG:
                    observed, true_form = got.lower(), fold_key(want)
                    char_pairs[ENG][(observed, true_form)] += 1
                else:
                    observed, true_form = lm_form(got), lm_form(want)
                    char_pairs[VIE][(fold_key(got), fold_key(want))] += 1
                    if fold_key(got) == fold_key(want):
                        diacritics["same_letters"] += 1
                        if observed != true_form:
                            tone_got, marks_got = marks_of(observed)
                            tone_want, marks_want = marks_of(true_form)
                            diacritics["tone" if marks_got == marks_want else "marks"] += 1
                token_pairs[lang][(observed, true_form)] += 1
            advance(1)
    tokens: dict[str, dict[str, dict[str, int]]] = {}
    totals: dict[str, dict[str, int]] = {}
    for lang, pairs in token_pairs.items():
        by_observed: dict[str, Counter] = defaultdict(Counter)
        for (got, want), count in pairs.items():
            by_observed[got][want] += count
        kept = {
            got: dict(sorted(wants.items()))
            for got, wants in sorted(by_observed.items())
            if any(count >= MIN_COUNT for want, count in wants.items() if want != (got if lang == VIE else fold(got)))
        }
        tokens[lang] = kept
        totals[lang] = {got: sum(by_observed[got].values()) for got in kept}
    same = diacritics["same_letters"] or 1
    uneven_kept: dict[str, dict[str, int]] = defaultdict(dict)
    for (got, want), count in sorted(merges.items()):
        if count >= MIN_COUNT:
            uneven_kept[got][want] = count
    stats = {
        "channel_pages": len(jobs),
        "eng_token_pairs": sum(token_pairs[ENG].values()),
        "vie_token_pairs": sum(token_pairs[VIE].values()),
        "eng_token_accuracy_folded": round(
            sum(c for (g, w), c in token_pairs[ENG].items() if fold(g) == w) / max(1, sum(token_pairs[ENG].values())), 4
        ),
        "vie_token_accuracy": round(
            sum(c for (g, w), c in token_pairs[VIE].items() if g == w) / max(1, sum(token_pairs[VIE].values())), 4
        ),
        "merge_split_pairs": sum(merges.values()),
    }
    return Channel(
        tokens=tokens,
        token_totals=totals,
        chars={lang: char_table(pairs) for lang, pairs in char_pairs.items()},
        diacritics={
            "tone": round(diacritics["tone"] / same, 5),
            "marks": round(diacritics["marks"] / same, 5),
        },
        issuer_codes={code: count for code, count in sorted(codes.items()) if count >= MIN_COUNT},
        abbreviations=abbreviations,
        merges=dict(uneven_kept),
        stats=stats,
    )
