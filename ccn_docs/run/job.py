"""``ccn run``: inputs → OCR → restoration → extraction → JSON files + task table.

``run_inputs`` takes scans (PDF, images), raw OCR text or clean text, or folders
of them. A scheduler (local processes, or a Dask cluster) recognises the pages
of scans, then restores and extracts each document (``documents``); this
process alone writes each finished document (``writer``). A document whose
content hash and processing version the database already holds is skipped, so
a run interrupted by Ctrl-C resumes where it stopped, and a changed input or a
new version replaces the old rows.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from contextlib import AbstractContextManager, closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Optional

import sqlite_utils

from ..errors import CcnError, InputError, Msg
from ..inputs import INPUT_SUFFIXES, TEXT_SUFFIXES, TextLayerMode, page_jobs
from ..ocr import ocr_page
from ..progress import progress_bars
from ..store import connect, file_hash, run_lock, stored_state
from .archive import ArchiveTargets, prepare_archives, read_own_text
from .documents import STAGE_MODULES, discover_inputs, finish_scan, finish_text, is_text
from .local import DEFAULT_JOBS, LocalScheduler, workers_for
from .version import processing_version
from .work import DocumentOutcome, DocumentWork, Failure, Scheduler
from .writer import Writer

logger = logging.getLogger(__name__)


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
    database: Optional[Path] = None
    json_folder: Optional[Path] = None
    notes: list[str] = field(default_factory=list)  # which pages were read from a PDF's own text
    archive: ArchiveTargets = ArchiveTargets()

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
        lines += [f"failed: {failure.source}: {failure.message}" for failure in self.failures]
        if self.database:
            lines.append(f"database: {self.database}")
        if self.json_folder:
            lines.append(f"JSON: {self.json_folder}/ (one file per document)")
        if self.archive.pdf_dir:
            lines.append(f"PDF/A: {self.archive.pdf_dir}/ (one searchable PDF per scan)")
        if self.archive.alto_dir:
            lines.append(f"ALTO: {self.archive.alto_dir}/ (one file per page of a scan)")
        return lines


@dataclass(frozen=True)
class _Input:
    path: Path
    content_hash: str
    scan: bool


def run_inputs(
    paths: list[Path],
    *,
    db: Path,
    jobs: int = DEFAULT_JOBS,
    out_dir: Optional[Path] = None,
    wait_for_lock: bool = False,
    progress: Optional[bool] = None,
    on_loaded: Optional[Callable[[Path], None]] = None,
    scheduler: Optional[str] = None,
    shared_storage: Optional[bool] = None,
    force: bool = False,
    text_layer: TextLayerMode = TextLayerMode.AUTO,
    archive: ArchiveTargets = ArchiveTargets(),
) -> RunSummary:
    """Process ``paths`` (files or folders) into ``out_dir`` (default: the database's
    folder) and the database ``db``. Bad inputs are recorded in the summary's
    ``failures`` and the others still run. ``on_loaded(path)`` is called after each
    document is committed. With ``scheduler`` (a Dask address) the work runs on
    that cluster, else on ``jobs`` local processes; ``shared_storage`` (None:
    detect) says whether Dask workers read inputs by path or get their bytes.
    ``text_layer`` says which pages of a PDF are read from its own text;
    ``archive`` where a scan's searchable PDF/A and ALTO pages go (nowhere by default);
    ``force`` processes inputs the database already holds unchanged too."""
    started = time.perf_counter()
    out_dir = Path(out_dir) if out_dir else Path(db).parent
    summary = RunSummary(database=Path(db), json_folder=out_dir, archive=archive)
    version = processing_version()
    with run_lock(db, wait=wait_for_lock), closing(connect(db)) as database:
        inputs = discover_inputs([Path(p) for p in paths])
        works: list[DocumentWork] = []
        for path in inputs:
            try:
                work = _work(
                    path, database, version, send_text=scheduler is not None, force=force, text_layer=text_layer,
                    notes=summary.notes,
                )
            except (CcnError, OSError) as error:
                summary.failures.append(Failure.of(str(path), error))
                continue
            if work is None:
                summary.skipped += 1
            else:
                works.append(work)
        writer = Writer(database, out_dir, version, inputs, archive)
        total_pages = sum(len(work.jobs) or 1 for work in works)
        with _open_scheduler(scheduler, workers_for(jobs, total_pages), works, shared_storage) as running, progress_bars(
            [("documents", len(works), "docs"), ("pages", total_pages, "pages")], enabled=progress
        ) as advance:
            # The archive outputs' libraries load while the workers start on the scans.
            meanwhile = partial(prepare_archives, archive) if archive else None
            for outcome in running.map_documents(works, on_pages=lambda pages: advance(0, pages), meanwhile=meanwhile):
                _record(outcome, writer, summary)
                advance(1, 0 if outcome.work.jobs else 1)
                if on_loaded and outcome.error is None:
                    on_loaded(outcome.work.path)
    summary.seconds = time.perf_counter() - started
    return summary


def _work(
    path: Path, database: sqlite_utils.Database, version: str, *, send_text: bool, force: bool, text_layer: TextLayerMode,
    notes: list[str],
) -> Optional[DocumentWork]:
    """The work for one input, or None when the database holds it unchanged (and not ``force``).
    ``send_text``: a text input travels as its bytes (Dask workers may not see
    the client's files; text is small). A PDF's pages with their own text are
    read here (``text_layer``), the others go to OCR; ``notes`` gets what the
    user should know about that."""
    if not path.exists():
        raise InputError(Msg.INPUT_MISSING.format(path=path))
    if path.is_file() and path.suffix and path.suffix.lower() not in INPUT_SUFFIXES | TEXT_SUFFIXES:
        raise InputError(Msg.INPUT_UNSUPPORTED.format(path=path, kind=path.suffix))
    content_hash = file_hash(path)
    if not force and stored_state(database, path, content_hash) == (content_hash, version):
        return None
    if not is_text(path):
        # Raw OCR per page; restoration runs per document, with the extraction.
        jobs = page_jobs(path)
        own = read_own_text(path, jobs, text_layer)
        notes.extend(own.notes)
        read = {page.number for page in own.pages}
        to_recognise = [job for job in jobs if job.page not in read]
        return DocumentWork(
            path, to_recognise, ocr_page if to_recognise else None, finish_scan, (own.pages,), key=_Input(path, content_hash, scan=True)
        )
    data: tuple[Optional[bytes], ...] = ()
    if send_text:
        try:
            data = (path.read_bytes(),)
        except OSError:
            data = (None,)  # the worker then reports the unreadable file, as a local run does
    return DocumentWork(path, [], None, finish_text, data, key=_Input(path, content_hash, scan=False))


def _open_scheduler(address: Optional[str], workers: int, works: list[DocumentWork], shared_storage: Optional[bool]) -> AbstractContextManager[Scheduler]:
    """The Dask scheduler at ``address``, else ``workers`` local processes. Nothing
    of Dask is imported for a local run, and nothing is started when there is no work."""
    if address and works:
        from .dask_scheduler import open_dask_scheduler

        return open_dask_scheduler(address, [work.path for work in works if work.jobs], shared_storage=shared_storage)
    return LocalScheduler(workers, preload=STAGE_MODULES)


def _record(outcome: DocumentOutcome, writer: Writer, summary: RunSummary) -> None:
    """Write a finished document and count it, or record why it failed."""
    document: _Input = outcome.work.key
    if outcome.error is not None:
        if outcome.error.exit_code == CcnError.exit_code:  # an unexpected error, not a reported input problem
            logger.warning("%s: %s", document.path, outcome.error.message)
        summary.failures.append(dataclasses.replace(outcome.error, source=str(document.path)))
        return
    finished = outcome.result
    load_start = time.perf_counter()
    try:
        summary.tasks += writer.write(document.path, document.content_hash, "scan" if document.scan else "text", finished)
    except CcnError as error:  # its archive outputs could not be made: not loaded, so a re-run retries it
        summary.failures.append(Failure.of(str(document.path), error))
        return
    load_seconds = time.perf_counter() - load_start
    summary.documents += 1
    summary.pages += len(finished.pages)
    summary.load_seconds += load_seconds
    summary.ocr_seconds += outcome.ocr_seconds
    summary.finish_seconds += finished.seconds
    summary.startup_seconds += finished.startup_seconds
    if document.scan:
        summary.scan_extra_seconds += finished.seconds + load_seconds
    work = outcome.ocr_seconds + finished.seconds
    if summary.slowest is None or work > summary.slowest[1]:
        summary.slowest = (str(document.path), work)
