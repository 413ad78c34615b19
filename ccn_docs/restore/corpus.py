"""The training corpus: which documents may be trained on, and their text as
n-gram sentences. The dev split (``corpus/splits/dev.txt``) is never read here."""

from __future__ import annotations

import lzma
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, Msg
from ..vietnamese import nfc
from .segment import BOUNDARY_RE, SENTENCE_START, TOKEN_RE, lm_form

DEV_SPLIT = Path(__file__).resolve().parent.parent.parent / "corpus" / "splits" / "dev.txt"


def dev_names(split: Path = DEV_SPLIT) -> set[str]:
    return {line.strip() for line in split.read_text(encoding="utf-8").splitlines() if line.strip()}


def check_corpus(corpus: Path) -> None:
    if not (corpus / "admin").is_dir() or not (corpus / "wiki-vi.txt.xz").is_file():
        raise InputError(Msg.CORPUS_MISSING.format(path=corpus))


def train_documents(corpus: Path, split: Path = DEV_SPLIT) -> list[Path]:
    """Administrative documents of the training part, in sorted order."""
    held_out = dev_names(split)
    return [p for p in sorted((corpus / "admin").glob("*.txt")) if p.name not in held_out]


def dev_documents(corpus: Path, split: Path = DEV_SPLIT) -> list[Path]:
    """Administrative documents of the dev split, in sorted order (benchmarks only)."""
    held_out = dev_names(split)
    return [p for p in sorted((corpus / "admin").glob("*.txt")) if p.name in held_out]


def wiki_articles(corpus: Path) -> Iterator[str]:
    """Wikipedia articles, one blank-line-separated block each."""
    with lzma.open(corpus / "wiki-vi.txt.xz", "rt", encoding="utf-8") as stream:
        block: list[str] = []
        for line in stream:
            if line.strip():
                block.append(line)
            elif block:
                yield "".join(block)
                block = []
        if block:
            yield "".join(block)


def sentences(text: str) -> Iterator[list[str]]:
    """Language-model sentences of a text: lists of token forms, each opened by
    ``<s>``, cut at line ends and at punctuation."""
    for line in nfc(text).splitlines():
        current: list[str] = []
        previous_end = 0
        for match in TOKEN_RE.finditer(line):
            if current and BOUNDARY_RE.search(line, previous_end, match.start()):
                yield current
                current = []
            if not current:
                current = [SENTENCE_START]
            current.append(lm_form(match.group(0)))
            previous_end = match.end()
        if current:
            yield current
