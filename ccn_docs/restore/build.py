"""``ccn model build``: train the restoration model from the corpus.

Steps (each deterministic: sorted inputs, fixed seeds):
1. count syllable n-grams on the training part of ``admin/`` and on Wikipedia,
   estimate a Kneser-Ney model of each and mix them, the domain weighted up
   (``smoothing.py``);
2. train the context model, a small convolutional network over folded text, on
   the same texts (``context_training.py``, PyTorch);
3. learn the OCR channel by rendering training text, running Tesseract on it and
   aligning the output with the source (``confusions.py``);
4. collect the issuer codes of document numbers (NĐ-CP, QĐ-UBND…) and the written
   forms of codes and abbreviations (UBND, NĐ, CP, TTg): capitals whose letters
   the corpus writes so more often than in lower case;
5. write ``models/`` and its manifest atomically.

The GPL syllable list of hunspell-vi is only read to decide which corpus forms are
Vietnamese syllables; the shipped vocabulary comes from corpus counts.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError, Msg
from ..modeldata import MANIFEST, MODEL_VERSION, models_dir
from ..progress import progress_bar
from ..vietnamese import normalize_syllable, nfc
from .confusions import learn_channel
from .context import CONTEXT_DIR, ContextModel
from .corpus import check_corpus, sentences, train_documents, wiki_articles
from ..textio import write_text_atomically
from .model import CHANNEL_FILE, LM_DIR, LanguageModel, context_key
from .segment import SENTENCE_START, SPECIAL, TOKEN_RE, UNKNOWN, code_like, fold_key
from .smoothing import ID_BITS, NgramCounts, interpolate, kneser_ney

log = logging.getLogger(__name__)

SHARED_SYLLABLES = "lexicon/syllables-vi.txt"
HUNSPELL_DICTIONARY = Path("/usr/share/hunspell/vi_VN.dic")
WIKI_ARTICLES = 5279  # in corpus/wiki-vi.txt.xz: the progress bars' total
MIN_CODE_COUNT = 2  # a code-like token seen once may be a typo
ISSUER_CODE_RE = re.compile(r"\b\d+(?:/\d{4})?/([A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)+)")


@dataclass
class Counts:
    unigram: Counter
    bigram: Counter
    trigram: Counter

    @classmethod
    def empty(cls) -> "Counts":
        return cls(Counter(), Counter(), Counter())

    def add(self, ids: list[int]) -> None:
        self.unigram.update(ids[1:])
        self.bigram.update(context_key(a, b) for a, b in zip(ids, ids[1:]))
        self.trigram.update(context_key(context_key(a, b), c) for a, b, c in zip(ids, ids[1:], ids[2:]))


@dataclass
class BuildOptions:
    admin_share: float = 0.7  # weight of the admin model in the mix, the rest Wikipedia's (see bench/tune.py)
    min_admin_vocab: int = 2
    min_wiki_vocab: int = 4
    wiki_articles: int | None = None  # all
    channel_pages: int = 200
    context_steps: int = 20_000  # training steps of the context model, batches of 64 windows of 128 tokens (make bench-tune compares fewer)
    context_width: int = 64  # its vector width: a wider network restored held-out training documents no better, for more arithmetic


def syllable_inventory(corpus: Path) -> set[str]:
    """Valid Vietnamese syllables (GPL lists, read only, never shipped), normalised
    like the model: the shared lexicon, else the Debian hunspell-vi dictionary."""
    path = corpus.parent / SHARED_SYLLABLES
    if path.exists():
        words = path.read_text(encoding="utf-8").split()
    elif HUNSPELL_DICTIONARY.exists():
        lines = HUNSPELL_DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]  # first line is the entry count
        words = [line.split("/")[0] for line in lines if line.strip()]
    else:
        words = []
    return {normalize_syllable(nfc(w).lower()) for w in words}


@dataclass
class CorpusCounts:
    vocab: list[str]  # every form, by id
    admin: Counts
    wiki: Counts
    codes: Counter  # issuer codes of document numbers
    abbreviations: dict[str, int]  # codes and abbreviations as written (UBND, NĐ, TTg): ``code_forms``
    documents: int  # admin documents counted


def count_corpus(corpus: Path, options: BuildOptions, documents: list[Path] | None = None) -> CorpusCounts:
    """N-gram counts of admin documents (default: the training part) and of
    Wikipedia over one id space."""
    ids: dict[str, int] = {form: i for i, form in enumerate(SPECIAL)}
    admin, wiki = Counts.empty(), Counts.empty()
    codes: Counter = Counter()
    capitals: Counter = Counter()  # tokens written like codes
    lowercase: Counter = Counter()  # letters (folded) of tokens in lower case

    def to_ids(sentence: list[str]) -> list[int]:
        return [ids.setdefault(form, len(ids)) for form in sentence]

    documents = train_documents(corpus) if documents is None else documents
    with progress_bar(len(documents), "counting admin documents", "docs") as advance:
        for path in documents:
            text = path.read_text(encoding="utf-8")
            codes.update(nfc(m.group(1)) for m in ISSUER_CODE_RE.finditer(nfc(text)))
            for token in TOKEN_RE.findall(nfc(text)):
                if token.islower():
                    lowercase[fold_key(token)] += 1
                elif code_like(token):
                    capitals[token] += 1
            for sentence in sentences(text):
                admin.add(to_ids(sentence))
            advance(1)
    total = options.wiki_articles or WIKI_ARTICLES
    with progress_bar(total, "counting Wikipedia articles", "articles") as advance:
        for number, article in enumerate(wiki_articles(corpus)):
            if options.wiki_articles and number >= options.wiki_articles:
                break
            for sentence in sentences(article):
                wiki.add(to_ids(sentence))
            advance(1)
    vocab = sorted(ids, key=ids.get)  # type: ignore[arg-type]
    return CorpusCounts(vocab, admin, wiki, codes, code_forms(capitals, lowercase), len(documents))


def build_language_model(corpus: Path, options: BuildOptions) -> tuple[LanguageModel, CorpusCounts, dict]:
    """The language model, the counts it came from and its statistics."""
    counts = count_corpus(corpus, options)
    model, stats = estimate_language_model(counts, syllable_inventory(corpus), options)
    return model, counts, stats


def code_forms(capitals: Counter, lowercase: Counter) -> dict[str, int]:
    """The codes and abbreviations restoration keeps as written: tokens written like
    one (``code_like``) at least twice whose letters the corpus writes so more often
    than in lower case. "UBND", "NĐ" and "TTg" are; "BAN" and "NAM" of headings are
    words ("ban", "năm" are far more frequent), and so are headings stripped of marks."""
    letters_in_capitals: Counter = Counter()
    for form, count in capitals.items():
        letters_in_capitals[fold_key(form)] += count
    return {
        form: count
        for form, count in sorted(capitals.items())
        if count >= MIN_CODE_COUNT and letters_in_capitals[fold_key(form)] > lowercase[fold_key(form)]
    }


def build_context_model(corpus: Path, lm: LanguageModel, options: BuildOptions, documents: list[Path] | None = None) -> tuple[ContextModel, dict]:
    """The context model trained over ``lm``'s forms on the admin documents (default:
    the training part) and Wikipedia."""
    try:
        from .context_training import train_context_model
    except ImportError as error:
        raise ModelError(Msg.TRAINING_NEEDS_TORCH.format(reason=error)) from error
    documents = train_documents(corpus) if documents is None else documents
    articles = wiki_articles(corpus)
    if options.wiki_articles:
        articles = itertools.islice(articles, options.wiki_articles)
    return train_context_model(
        lm,
        [path.read_text(encoding="utf-8") for path in documents],
        articles,
        wiki_total=options.wiki_articles or WIKI_ARTICLES,
        steps=options.context_steps,
        width=options.context_width,
    )


def estimate_language_model(counts: CorpusCounts, syllables: set[str], options: BuildOptions) -> tuple[LanguageModel, dict]:
    """The mixed Kneser-Ney model of ``counts`` over the kept vocabulary (rarer forms
    become ``<unk>``) and its statistics."""
    vocab, admin, wiki = counts.vocab, counts.admin, counts.wiki
    keep = [
        i
        for i, form in enumerate(vocab)
        if form in SPECIAL or admin.unigram[i] >= options.min_admin_vocab or wiki.unigram[i] >= options.min_wiki_vocab
    ]
    if len(keep) >= 1 << ID_BITS:
        keep = keep[: (1 << ID_BITS) - 1]
    new_id = np.full(len(vocab), keep.index(vocab.index(UNKNOWN)), dtype=np.int64)
    new_id[keep] = np.arange(len(keep))
    start = int(new_id[vocab.index(SENTENCE_START)])
    admin_model = kneser_ney(ngram_counts(admin, new_id, len(keep)), start)
    wiki_model = kneser_ney(ngram_counts(wiki, new_id, len(keep)), start)
    ngrams = interpolate(admin_model, wiki_model, options.admin_share)
    forms = [vocab[old] for old in keep]
    candidate = [
        form in syllables or (admin.unigram[old] >= 3 and form.isalpha() and form not in SPECIAL)
        for form, old in zip(forms, keep)
    ]
    model = LanguageModel.of(forms, ngrams, candidate, mixed_frequency(admin, wiki, new_id, len(keep), options.admin_share))
    stats = {
        "admin_documents": counts.documents,
        "admin_tokens": sum(admin.unigram.values()),
        "wiki_tokens": sum(wiki.unigram.values()),
        "vocabulary": len(forms),
        "candidates": sum(candidate),
        "bigrams": len(ngrams.keys[1]),
        "trigrams": len(ngrams.keys[2]),
    }
    return model, stats


def mixed_frequency(admin: Counts, wiki: Counts, new_id: np.ndarray, vocabulary: int, admin_share: float) -> list[float]:
    """log of each form's relative frequency, the corpora mixed with the model's weights."""
    mixed = np.zeros(vocabulary)
    for counts, weight in ((admin, admin_share), (wiki, 1 - admin_share)):
        ids = np.fromiter(counts.unigram.keys(), dtype=np.int64, count=len(counts.unigram))
        values = np.fromiter(counts.unigram.values(), dtype=np.float64, count=len(counts.unigram))
        mixed += weight * np.bincount(new_id[ids], weights=values, minlength=vocabulary) / max(values.sum(), 1)
    return np.log(np.maximum(mixed, 1e-12)).tolist()


def ngram_counts(counts: Counts, new_id: np.ndarray, vocabulary: int) -> NgramCounts:
    """``counts`` as sorted packed arrays over the kept vocabulary: the ids of
    dropped forms become ``<unk>``'s and their n-grams merge."""
    mask = (1 << ID_BITS) - 1
    keys_by_order, counts_by_order = [], []
    for order, counter in enumerate((counts.unigram, counts.bigram, counts.trigram), start=1):
        keys = np.fromiter(counter.keys(), dtype=np.int64, count=len(counter))
        values = np.fromiter(counter.values(), dtype=np.float64, count=len(counter))
        packed = np.zeros_like(keys)
        for position in range(order):
            shift = ID_BITS * (order - 1 - position)
            packed |= new_id[(keys >> shift) & mask] << shift
        if order == 1:  # every form of the vocabulary, seen in this corpus or not
            keys_by_order.append(np.arange(vocabulary, dtype=np.int64))
            counts_by_order.append(np.bincount(packed, weights=values, minlength=vocabulary))
            continue
        unique, inverse = np.unique(packed, return_inverse=True)
        keys_by_order.append(unique)
        counts_by_order.append(np.bincount(inverse, weights=values))
    return NgramCounts(keys_by_order, counts_by_order)


def build(
    corpus: Path,
    out_dir: Path | None = None,
    options: BuildOptions | None = None,
    cache_dir: Path | None = None,
    sections: dict | None = None,
) -> dict:
    """Build every restoration model file into ``out_dir`` (default ``models/``);
    return the manifest written. ``sections`` are written into the manifest too
    (``ccn model build`` adds the extraction patterns' versions and counts)."""
    options = options or BuildOptions()
    out_dir = out_dir or models_dir()
    check_corpus(corpus)
    started = time.monotonic()
    log.info("building restoration model from %s", corpus)
    model, counts, lm_stats = build_language_model(corpus, options)
    log.info("language model: %s", lm_stats)
    context, context_stats = build_context_model(corpus, model, options)
    channel = learn_channel(corpus, model, counts.codes, counts.abbreviations, pages=options.channel_pages, cache_dir=cache_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(out_dir)
    context.save(out_dir)
    channel.save(out_dir)
    data = {
        "version": MODEL_VERSION,
        "files": {
            LM_DIR: "syllable trigram language model (Kneser-Ney, admin and Wikipedia models mixed; backoff form, laid out "
            "for the search), vocabulary and candidate flags; plain .npy arrays, read memory-mapped",
            CHANNEL_FILE: "OCR confusion channel learned from Tesseract output, issuer codes, written forms of codes and abbreviations",
            CONTEXT_DIR: "context model: a convolutional network over folded text (±15 tokens and a document "
            "summary) ranking each token's same-letter forms, for text without diacritics (float16 .npy weights)",
        },
        "sources": {
            "admin": f"{corpus.name}/admin: {lm_stats['admin_documents']} training documents "
            "(all but corpus/splits/dev.txt), mix weight " + f"{options.admin_share:g}",
            "wikipedia": f"{corpus.name}/wiki-vi.txt.xz: Vietnamese Wikipedia article text",
            "syllable_filter": "hunspell-vi syllable list (read at build time only, not shipped)",
            "channel": "Tesseract 'eng' and 'vie' output of training text rendered with ccn_docs.synth",
            "context": "the admin training documents and Wikipedia, as for the language model",
        },
        "counts": {
            **lm_stats,
            **context_stats,
            **channel.stats,
            "issuer_codes": len(channel.issuer_codes),
            "abbreviations": len(channel.abbreviations),
        },
        **(sections or {}),
        "attribution": "N-gram statistics and context-model weights derived in part from Vietnamese Wikipedia, "
        "© Wikipedia contributors, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). "
        "Administrative documents are not objects of copyright (Law on Intellectual Property, Art. 15).",
        "license": "CC BY-SA 4.0 (because of the Wikipedia-derived statistics and weights)",
    }
    write_text_atomically(out_dir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    log.info("model built in %.0f s", time.monotonic() - started)
    return data
