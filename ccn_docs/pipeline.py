"""The main job: inputs → OCR → restoration → extraction → JSON files + task table.

``run_inputs`` takes scans (PDF, images), raw OCR text or clean text, or folders of
them. Pages are recognised in a process pool, one Tesseract per worker; each
finished document is restored and extracted in the pool too, then written by
this process alone: its JSON to ``extracted/`` (atomically) and its rows to the
database (one transaction). A document whose content hash and model version the
database already holds is skipped, so a run interrupted by Ctrl-C resumes where
it stopped, and a changed input replaces its old rows.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .errors import CcnError, InputError, Msg
from .progress import RateColumn
from .textio import atomic_write
from .store import DocumentRecord, LineView, Loader, PageView, connect, document_id, file_hash, run_lock, stored_state
from .types import Directive, Page

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt"})
PAGE_BREAK = "\f"  # `ccn ocr` separates pages of its text output with form feeds


@dataclass
class Finished:
    """A document after restoration and extraction (built in a worker, so plain data)."""

    directive: Directive
    text: str  # what extraction read; task source lines index into it
    pages: list[PageView]
    seconds: float = 0.0  # restoration + extraction
    startup_seconds: float = 0.0  # loading their models, once per worker process


@dataclass
class Failure:
    path: str
    error: str


@dataclass
class RunSummary:
    documents: int = 0  # processed and loaded in this run
    skipped: int = 0  # unchanged since an earlier run
    pages: int = 0
    tasks: int = 0
    failures: list[Failure] = field(default_factory=list)
    slowest: Optional[tuple[str, float]] = None  # (input, seconds of work)
    seconds: float = 0.0
    ocr_seconds: float = 0.0  # worker time in Tesseract and preprocessing
    finish_seconds: float = 0.0  # worker time in restoration + extraction
    load_seconds: float = 0.0  # JSON files + database
    startup_seconds: float = 0.0  # model loading in worker processes
    scan_extra_seconds: float = 0.0  # restore + extract + load of scanned inputs

    @property
    def overhead(self) -> Optional[float]:
        """Restore + extract + load of scans as a fraction of their OCR time
        (one-off model loading excluded)."""
        return self.scan_extra_seconds / self.ocr_seconds if self.ocr_seconds else None

    def lines(self) -> list[str]:
        rate = self.pages / self.seconds * 60 if self.seconds else 0.0
        lines = [
            f"documents: {self.documents} processed, {self.skipped} unchanged, {len(self.failures)} failed",
            f"pages: {self.pages} ({rate:.1f} pages/min)",
            f"tasks: {self.tasks}",
            f"time: {self.seconds:.1f} s",
        ]
        if self.overhead is not None:
            lines.append(
                f"scans: OCR {self.ocr_seconds:.1f} s; restore + extract + load {self.scan_extra_seconds:.1f} s "
                f"= {self.overhead:.1%} of OCR time (model loading, {self.startup_seconds:.1f} s, not counted)"
            )
        if self.slowest:
            lines.append(f"slowest document: {self.slowest[0]} ({self.slowest[1]:.1f} s)")
        lines += [f"failed: {failure.path}: {failure.error}" for failure in self.failures]
        return lines


def discover_inputs(paths: list[Path]) -> list[Path]:
    """What OCR's ``discover`` finds (files named directly, scans inside folders)
    plus the text files inside folders."""
    from .inputs import discover

    texts = sorted(p for path in paths if path.is_dir() for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    return discover(paths) + texts


def read_text_input(path: Path, data: Optional[bytes] = None) -> str:
    """The decoded text of a text input (``ccn_docs.textio``); ``data`` is its bytes
    when the process cannot read ``path`` (a cluster worker without shared storage)."""
    from .textio import decode_text, read_text

    return read_text(path) if data is None else decode_text(data, path)


# --- work done in pool processes (module-level, picklable) ----------------------------


def _ignore_sigint() -> None:
    # Ctrl-C is handled once, by the main process; workers just get cancelled.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def recognise(job: Any) -> tuple[Page, float]:
    """OCR one page (no restoration yet: that runs per document, in ``finish_scan``)."""
    from .ocr import ocr_page

    start = time.perf_counter()
    page = ocr_page(job, restore=False)
    return page, time.perf_counter() - start


def load_stages() -> float:
    """Load restoration and extraction models (cached per process); returns seconds spent."""
    from .extract import build_pipeline
    from .restore import default_restorer

    start = time.perf_counter()
    default_restorer()
    build_pipeline()
    return time.perf_counter() - start


def finish_scan(path: Path, pages: list[Page]) -> Finished:
    """Restore the recognised pages of one scan and extract its tasks."""
    from .extract import extract_text
    from .restore import restore_page

    startup = load_stages()
    start = time.perf_counter()
    restored = [restore_page(page) for page in sorted(pages, key=lambda p: p.number)]
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
        )
        for index, page in enumerate(restored, start=1)
    ]
    return Finished(directive, text, views, time.perf_counter() - start, startup)


def finish_text(path: Path, data: Optional[bytes] = None) -> Finished:
    """Restore a text input (raw OCR text or clean text) and extract its tasks.
    Form feeds split it into pages, as ``ccn ocr`` writes them. ``data`` as in
    ``read_text_input``."""
    from .extract import extract_text
    from .restore import default_restorer
    from .restore.decode import rebuild_line

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


# --- the job ---------------------------------------------------------------------------


@dataclass
class _Document:
    path: Path
    content_hash: str
    jobs: list[Any]  # page jobs of a scan; empty for text
    pages: list[Page] = field(default_factory=list)
    waiting: int = 0
    ocr_seconds: float = 0.0


def run_inputs(
    paths: list[Path],
    *,
    db: Path,
    jobs: int = os.cpu_count() or 1,
    out_dir: Optional[Path] = None,
    wait_for_lock: bool = False,
    progress: Optional[bool] = None,
    on_loaded: Optional[Callable[[Path], None]] = None,
    scheduler: Optional[str] = None,
    shared_storage: Optional[bool] = None,
) -> RunSummary:
    """Process ``paths`` (files or folders) into ``out_dir`` (default: the database's
    folder) and the database ``db``. Bad inputs are recorded in the summary's
    ``failures`` and the others still run. ``on_loaded(path)`` is called after each
    document is committed. With ``scheduler`` (a Dask address) the work runs on
    that cluster; ``shared_storage`` (None: detect) says whether workers read
    inputs by path or get their bytes."""
    from .cluster.environment import model_version
    from .inputs import INPUT_SUFFIXES, page_jobs

    started = time.perf_counter()
    out_dir = Path(out_dir) if out_dir else Path(db).parent
    summary = RunSummary()
    version = model_version()
    with run_lock(db, wait=wait_for_lock):
        database = connect(db)
        loader = Loader(database)
        inputs = discover_inputs([Path(p) for p in paths])
        stems = Counter(p.stem for p in inputs)
        todo: list[_Document] = []
        for path in inputs:
            try:
                if not path.exists():
                    raise InputError(Msg.INPUT_MISSING.format(path=path))
                if path.is_file() and path.suffix.lower() not in INPUT_SUFFIXES | TEXT_SUFFIXES and path.suffix:
                    raise InputError(Msg.INPUT_UNSUPPORTED.format(path=path, kind=path.suffix))
                content_hash = file_hash(path)
                if stored_state(database, path, content_hash) == (content_hash, version):
                    summary.skipped += 1
                    continue
                is_text = path.suffix.lower() in TEXT_SUFFIXES
                todo.append(_Document(path, content_hash, [] if is_text else page_jobs(path)))
            except (CcnError, OSError) as error:
                summary.failures.append(Failure(str(path), str(error)))

        def write(document: _Document, finished: Finished) -> None:
            load_start = time.perf_counter()
            json_path = out_dir / _json_name(document.path, document.content_hash, stems)
            record = DocumentRecord(
                directive=finished.directive,
                path=document.path.resolve(),
                content_hash=document.content_hash,
                model_version=version,
                kind="scan" if document.jobs else "text",
                text=finished.text,
                pages=finished.pages,
                json_path=str(json_path),
            )
            _write_json(json_path, record)
            summary.tasks += loader.load([record])
            summary.documents += 1
            summary.pages += len(finished.pages)
            load_seconds = time.perf_counter() - load_start
            summary.load_seconds += load_seconds
            summary.ocr_seconds += document.ocr_seconds
            summary.finish_seconds += finished.seconds
            summary.startup_seconds += finished.startup_seconds
            if document.jobs:
                summary.scan_extra_seconds += finished.seconds + load_seconds
            work = document.ocr_seconds + finished.seconds
            if summary.slowest is None or work > summary.slowest[1]:
                summary.slowest = (str(document.path), work)
            if on_loaded:
                on_loaded(document.path)

        total_pages = sum(len(d.jobs) or 1 for d in todo)
        with _run_progress(len(todo), total_pages, progress) as advance, ProcessPoolExecutor(
            # forkserver: workers never inherit the progress bar's thread or the database connection
            max_workers=jobs, initializer=_ignore_sigint, mp_context=multiprocessing.get_context("forkserver")
        ) as pool:
            try:
                if scheduler:  # a Dask cluster instead of the pool (which then starts no process)
                    from .cluster.job import run_on_cluster

                    run_on_cluster(scheduler, todo, write, summary, advance, shared_storage=shared_storage)
                else:
                    _schedule(pool, todo, jobs, write, summary, advance)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    summary.seconds = time.perf_counter() - started
    return summary


def _schedule(pool: ProcessPoolExecutor, todo: list[_Document], jobs: int, write: Callable[[_Document, Finished], None], summary: RunSummary, advance: Callable[[int, int], None]) -> None:
    """Keep the pool busy with page and document work; write documents as they finish.
    Only a few documents are in flight at once, so memory stays flat on big batches."""
    pending = iter(todo)
    running: dict[Future, tuple[str, _Document]] = {}
    in_flight = 0
    limit = max(2, jobs * 2)

    def fail(document: _Document, error: BaseException) -> None:
        message = str(error) if isinstance(error, CcnError) else f"{type(error).__name__}: {error}"
        logger.debug("%s failed", document.path, exc_info=error)
        summary.failures.append(Failure(str(document.path), message))
        advance(1, max(document.waiting, 0) if document.jobs else 1)

    while True:
        while in_flight < limit and (document := next(pending, None)) is not None:
            in_flight += 1
            if document.jobs:
                document.waiting = len(document.jobs)
                for job in document.jobs:
                    running[pool.submit(recognise, job)] = ("page", document)
            else:
                running[pool.submit(finish_text, document.path)] = ("finish", document)
        if not running:
            return
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            kind, document = running.pop(future)
            if document.waiting < 0:  # the document already failed on another page
                continue
            error = future.exception()
            if error is not None:
                if not isinstance(error, CcnError):
                    logger.warning("%s: %s", document.path, error)
                fail(document, error)
                document.waiting = -1
                in_flight -= 1
                continue
            if kind == "page":
                page, seconds = future.result()
                document.pages.append(page)
                document.ocr_seconds += seconds
                document.waiting -= 1
                advance(0, 1)
                if document.waiting == 0:
                    running[pool.submit(finish_scan, document.path, document.pages)] = ("finish", document)
                continue
            write(document, future.result())
            in_flight -= 1
            advance(1, 0 if document.jobs else 1)


def _json_name(path: Path, content_hash: str, stems: Counter) -> str:
    """``<stem>.json``; inputs of this run sharing a stem get their id appended."""
    if stems[path.stem] > 1:
        return f"{path.stem}-{document_id(content_hash)[:8]}.json"
    return f"{path.stem}.json"


def _write_json(path: Path, record: DocumentRecord) -> None:
    """Write the document's JSON atomically (temporary file + rename)."""
    output = record.directive.to_output()
    output["input"] = {
        "path": str(record.path),
        "sha256": record.content_hash,
        "model_version": record.model_version,
        "kind": record.kind,
        "pages": len(record.pages),
        "document_id": document_id(record.content_hash),
    }
    with atomic_write(path) as handle:
        json.dump(output, handle, ensure_ascii=False, indent=2)


class _UnitRate(RateColumn):
    """Items per minute in each bar's own unit (docs, pages)."""

    def render(self, task):  # type: ignore[no-untyped-def]
        self.unit = task.fields["unit"]
        return super().render(task)


@contextmanager
def _run_progress(documents: int, pages: int, enabled: Optional[bool]) -> Iterator[Callable[[int, int], None]]:
    """Two bars on a terminal: documents and pages, with throughput and time left.
    Yields ``advance(documents, pages)``."""
    if enabled is None:
        enabled = Console(stderr=True).is_terminal
    if not enabled:
        yield lambda documents=0, pages=0: None
        return
    columns = [
        TextColumn("[bold]{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        _UnitRate(""),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True)) as bar:
        doc_task = bar.add_task("documents", total=documents, unit="docs")
        page_task = bar.add_task("pages", total=pages, unit="pages")

        def advance(documents: int = 0, pages: int = 0) -> None:
            bar.advance(doc_task, documents)
            bar.advance(page_task, pages)

        yield advance
