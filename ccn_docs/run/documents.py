"""Per-document work of ``ccn run``, run by a scheduler's workers: the stages
composed. A scan's recognised pages are restored, a text input is restored line
by line, then extraction reads the restored text. Results are plain data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from ..inputs import TEXT_SUFFIXES, discover
from ..store import LineView, PageView
from ..textio import decode_text, read_text
from ..types import Directive, Page
from .archive import restore_keeping_reading

PAGE_BREAK = "\f"  # `ccn ocr` separates pages of its text output with form feeds


@dataclass
class Finished:
    """A document after restoration and extraction (built in a worker, so plain data)."""

    directive: Directive
    text: str  # what extraction read; task source lines index into it
    pages: list[PageView]
    seconds: float = 0.0  # restoration + extraction
    startup_seconds: float = 0.0  # loading their models, once per worker process
    restored: list[Page] = field(default_factory=list)  # a scan's restored pages, for its archive outputs


def discover_inputs(paths: list[Path]) -> list[Path]:
    """What ``discover`` finds (files named directly, scans inside folders) plus
    the text files inside folders."""
    return discover(paths) + discover([p for p in paths if p.is_dir()], TEXT_SUFFIXES)


def is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def read_text_input(path: Path, data: Optional[bytes] = None) -> str:
    """The decoded text of a text input (``ccn_docs.textio``); ``data`` is its bytes
    when the process cannot read ``path`` (a cluster worker without shared storage)."""
    return read_text(path) if data is None else decode_text(data, path)


#: The modules ``load_stages`` imports (numba, spaCy, PyTorch among them), for a worker pool to preload.
STAGE_MODULES = ("ccn_docs.restore", "ccn_docs.extract.components", "ccn_docs.extract.deadlines")


def load_stages() -> float:
    """Load restoration and extraction models (cached per process); returns seconds spent."""
    from ..extract import build_pipeline
    from ..restore import default_restorer

    start = time.perf_counter()
    default_restorer()
    build_pipeline()
    return time.perf_counter() - start


def finish_scan(path: Path, pages: list[Page], read: Sequence[Page] = ()) -> Finished:
    """Restore the recognised pages of one scan, and those ``read`` from a PDF's
    own text, and extract its tasks."""
    from ..extract import extract_text

    startup = load_stages()
    start = time.perf_counter()
    restored = [restore_keeping_reading(page) for page in sorted([*pages, *read], key=lambda p: p.number)]
    # Keep page breaks so extraction knows pages (footnotes sit at page bottoms).
    text = ("\n" + PAGE_BREAK).join(page.text for page in restored)
    directive = extract_text(text, source_file=str(path))
    views = [
        PageView(
            number=index,
            lines=[LineView([(word.text, word.confidence) for word in line.words]) for line in page.lines],
            image=str(path),
            image_page=page.number,
            width=page.width,
            height=page.height,
            text_source=page.text_source,
        )
        for index, page in enumerate(restored, start=1)
    ]
    return Finished(directive, text, views, time.perf_counter() - start, startup, restored)


def finish_text(path: Path, data: Optional[bytes] = None) -> Finished:
    """Restore a text input (raw OCR text or clean text) and extract its tasks.
    Form feeds split it into pages, as ``ccn ocr`` writes them. ``data`` as in
    ``read_text_input``."""
    from ..extract import extract_text
    from ..restore import default_restorer
    from ..restore.decode import rebuild_line

    startup = load_stages()
    start = time.perf_counter()
    decoder = default_restorer().decoder
    views = []
    texts = []
    for number, chunk in enumerate(read_text_input(path, data).split(PAGE_BREAK), start=1):
        lines = chunk.split("\n")
        # One decoding gives both the restored line and each token's confidence.
        decoded = decoder.decode_lines(lines, explain=True)
        restored = [rebuild_line(line, units) for line, units in zip(lines, decoded)]
        views.append(
            PageView(
                number=number,
                lines=[LineView(words_with_confidence(text, [(u.text, u.confidence * 100) for u in units])) for text, units in zip(restored, decoded)],
            )
        )
        texts.append("\n".join(restored))
    text = PAGE_BREAK.join(texts)  # the input's own line and page structure
    directive = extract_text(text, source_file=str(path))
    return Finished(directive, text, views, time.perf_counter() - start, startup)


def words_with_confidence(line: str, tokens: list[tuple[str, float]]) -> list[tuple[str, Optional[float]]]:
    """Split a restored line at spaces and give each word the lowest confidence of
    the restoration tokens inside it (None for punctuation no token covers)."""
    words: list[tuple[str, Optional[float]]] = []
    index = 0
    for word in line.split():
        confidences = []
        position = 0
        while index < len(tokens):
            found = word.find(tokens[index][0], position) if tokens[index][0] else -1
            if found < 0:
                break
            confidences.append(tokens[index][1])
            position = found + len(tokens[index][0])
            index += 1
        words.append((word, round(min(confidences), 1) if confidences else None))
    return words
