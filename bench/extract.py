"""Benchmark of extraction: accuracy against every gold file, and throughput.

Accuracy: ``ccn eval extract`` over corpus/gold/*.json (dev-split documents read
as they are; the OCR sample restored first, and, as its peer in the same run,
extracted straight from the damaged OCR without restoration).
Throughput: pages of text per second (a page = 3,000 characters) over the dev
documents with restoration off, and on the sample with restoration off and on;
median of three runs, wall-clock and CPU time (the machine is shared, so CPU
time is the steadier figure). A generated 1,000-page directive checks that time
stays linear. Prints a Markdown table and writes bench/out/extract.md.
"""

from __future__ import annotations

import os
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from ccn_docs.errors import CcnError
from ccn_docs.extract import extract_text
from ccn_docs.extract.evaluate import Report, evaluate, load_gold
from ccn_docs.textio import read_text, write_text_atomically

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CCN_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLD = ROOT / "corpus" / "gold"
OUT = ROOT / "bench" / "out"
SAMPLE = ROOT / "corpus" / "samples" / "bac-giang-2029-ubnd-ktth.ocr.txt"
PAGE_CHARS = 3000
RUNS = 3
SAMPLE_PASSES = 10


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``RUNS`` runs."""
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def dev_texts() -> list[str]:
    names = (ROOT / "corpus" / "splits" / "dev.txt").read_text(encoding="utf-8").split()
    return [read_text(CORPUS / "admin" / name) for name in names]


def accuracy_section() -> list[str]:
    gold = sorted(GOLD.glob("*.json"))
    sample = [p for p in gold if load_gold(p)["source_file"].startswith("samples/")]  # OCR text
    admin = [p for p in gold if p not in sample]
    lines = ["## Accuracy against the gold files", ""]
    report = evaluate(admin, CORPUS)
    lines += ["Dev-split documents (text as it is):", "", report.to_markdown(), ""]
    for restore, label in ((True, "with restoration (the normal path)"), (False, "without restoration (peer)")):
        try:
            from ccn_docs.restore import restore_text

            sample_report: Report = evaluate(sample, CORPUS, restore=restore, restorer=restore_text)
        except CcnError as error:
            lines += [f"Sample from its damaged OCR, {label}: not run — {error}", ""]
            continue
        lines += [f"Sample from its damaged OCR, {label}:", "", sample_report.to_markdown(), ""]
        agencies = _sample_agency_counts(restore)
        lines += [f"Tasks per agency ({label}): {agencies}", ""]
    return lines


def _sample_agency_counts(restore: bool) -> str:
    """Tasks per agency of the canonical sample (the issue asks six for Sở Công Thương, two for Sở Tài chính)."""
    text = read_text(SAMPLE)
    if restore:
        from ccn_docs.restore import restore_text

        text = restore_text(text)
    directive = extract_text(text, source_file=str(SAMPLE))
    counts = Counter(t.agency if isinstance(t.agency, str) else " + ".join(t.agency or []) for t in directive.tasks)
    return ", ".join(f"{name}: {count}" for name, count in counts.most_common())


def throughput_section() -> list[str]:
    texts = dev_texts()
    sample = read_text(SAMPLE)
    rows = []

    def measure(label: str, chars: int, work: Callable[[], object]) -> None:
        wall, cpu = timed(work)
        pages = chars / PAGE_CHARS
        rows.append(f"| {label} | {pages:.0f} | {wall:.2f} | {pages / wall:.0f} | {cpu:.2f} | {pages / cpu:.0f} |")

    measure("dev documents, restoration off", sum(map(len, texts)),
            lambda: [extract_text(t, source_file=str(i)) for i, t in enumerate(texts)])
    # The sample is 3 pages: ten passes per run keep the timer's noise small.
    measure(f"sample ×{SAMPLE_PASSES}, restoration off", SAMPLE_PASSES * len(sample),
            lambda: [extract_text(sample, source_file="sample") for _ in range(SAMPLE_PASSES)])
    try:
        from ccn_docs.restore import restore_text

        restore_text(sample)  # load the model outside the timing
        measure(f"sample ×{SAMPLE_PASSES}, restoration on", SAMPLE_PASSES * len(sample),
                lambda: [extract_text(restore_text(sample), source_file="sample") for _ in range(SAMPLE_PASSES)])
    except CcnError as error:
        rows.append(f"| sample, restoration on | – | not run: {error} | | | |")
    # One long directive: the dev documents' bodies (each cut before its "Nơi nhận") page after page.
    enormous = "\f".join(text.split("Nơi nhận")[0] for text in texts)
    while len(enormous) < 1000 * PAGE_CHARS:
        enormous += "\f" + enormous
    enormous = enormous[: 1000 * PAGE_CHARS]
    tenth = enormous[: 100 * PAGE_CHARS]
    measure("generated 100 pages", len(tenth), lambda: extract_text(tenth, source_file="100"))
    measure("generated 1,000 pages", len(enormous), lambda: extract_text(enormous, source_file="1000"))
    header = ["## Throughput (pages of 3,000 characters; median of 3 runs)", "",
              "| input | pages | wall s | pages/s (wall) | CPU s | pages/s (CPU) |", "|---|---:|---:|---:|---:|---:|"]
    return header + rows + [""]


def main() -> None:
    lines = ["# Extraction benchmark", ""] + accuracy_section() + throughput_section()
    text = "\n".join(lines)
    print(text)
    write_text_atomically(OUT / "extract.md", text + "\n")


if __name__ == "__main__":
    main()
