"""Benchmark of extraction: accuracy per genre, on the sample, on scans, and throughput.

* **Clean text.** ``ccn eval extract`` over the dev gold (``corpus/gold/*.json``): dev- and
  training-split documents read as they are, the OCR sample restored first (and, as its peer in the
  same run, extracted straight from the damaged OCR); a row per genre.
* **Scans.** Every dev-split gold document (``corpus/splits/dev.txt``; never a training-split one,
  whose text the restoration model saw) typeset with ``ccn_docs.synth`` at 200 dpi as a directive is
  laid out (``synth.typeset_directive``). A text that opens with a header (the issuer's lines in
  capitals, the national motto, "Số:", a "V/v" subject, the place-and-date line) gets it in two
  columns: issuer, number and subject centred on the left, motto and the place and date (in italics)
  on the right, "Số:" level with the date. A "Nơi nhận:" list followed by the signer's title lines and
  name becomes a two-column signature block under the paragraph before it: the list in 11 pt on the
  left; the title lines in bold, three blank rows for seal and signature, and the name on the right;
  what follows the block (attachments, notes) starts on the next page. Everything else is set from
  the left margin, as ``--one-column`` sets every line. A table the text writes one cell per
  block is drawn as a ruled grid, its columns as wide as their content asks, cut between rows at a
  page end (one whose rows do not fill a grid is set as text). Page after page,
  each page damaged (seeded) as a member of the degradation family (by default ``scan``: a flatbed
  scan's tilt, blur, noise and JPEG; and ``ink``: the same with seals, "SAO Y" stamps and pen) and
  bound into one PDF; the gold of real scans (``corpus/gold/scans``) with their PDFs. Each group
  goes through ``ccn run`` in a fresh process, and each document's JSON is scored with the same
  scorer as ``ccn eval extract``. ``--blind`` does the same for the sealed slice's dev-split documents
  (``corpus/gold/blind``), with seeds of their own, and reports them only as a whole.
* **Speed.** Extraction time as a share of OCR time: the OCR seconds ``ccn run`` reports for those
  scans against extraction of the restored texts it stored, timed here. Pages of text per second
  (a page = 3,000 characters) over the dev documents, the sample with restoration off and on, and a
  generated 1,000-page directive (time must stay linear); median of three runs, wall-clock and CPU.

Prints Markdown and writes ``bench/out/extract.md``.

    python -m bench.extract [--no-scans] [--jobs 2] [--members scan,ink] [--one-column] [--keep DIR]
    python -m bench.extract --blind --members scan   (the sealed slice's dev-split documents as scans)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

import img2pdf

from ccn_docs import synth
from ccn_docs.errors import CcnError
from ccn_docs.extract import extract_text
from ccn_docs.extract.evaluate import Report, evaluate, gold_files, load_gold, score_document
from ccn_docs.textio import read_text, write_text_atomically
from ccn_docs.types import Directive

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CCN_CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "bench" / "out"
SAMPLE = ROOT / "corpus" / "samples" / "bac-giang-2029-ubnd-ktth.ocr.txt"
SCAN_GOLD = ROOT / "corpus" / "gold" / "scans"
DPI = 200
SEED = 2026
BLIND_SEED_OFFSET = 50_000  # the sealed slice's pages are damaged unlike any dev page
PAGE_CHARS = 3000
RUNS = 3
SAMPLE_PASSES = 10
_SUMMARY_OCR = re.compile(r"scans: OCR ([\d.]+) s; restore \+ extract \+ load ([\d.]+) s")


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``RUNS`` runs."""
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def dev_names() -> set[str]:
    return set((ROOT / "corpus" / "splits" / "dev.txt").read_text(encoding="utf-8").split())


# --- clean text -------------------------------------------------------------------------


def accuracy_section() -> list[str]:
    from ccn_docs.restore import restore_text

    gold = gold_files()
    sample = [p for p in gold if load_gold(p)["source_file"].startswith("samples/")]  # OCR text
    lines = ["## Clean text: dev gold", "", evaluate(gold, CORPUS, restorer=restore_text).to_markdown(), ""]
    for restore, label in ((True, "with restoration (the normal path)"), (False, "without restoration (peer)")):
        try:
            sample_report: Report = evaluate(sample, CORPUS, restore=restore, restorer=restore_text)
        except CcnError as error:
            lines += [f"Sample from its damaged OCR, {label}: not run — {error}", ""]
            continue
        lines += [f"Sample from its damaged OCR, {label}:", "", sample_report.to_markdown(per_document=False), ""]
        lines += [f"Tasks per agency ({label}): {_sample_agency_counts(restore)}", ""]
    return lines


def _sample_agency_counts(restore: bool) -> str:
    """Tasks per agency of the canonical sample (six for Sở Công Thương, two for Sở Tài chính)."""
    text = read_text(SAMPLE)
    if restore:
        from ccn_docs.restore import restore_text

        text = restore_text(text)
    directive = extract_text(text, source_file=str(SAMPLE))
    counts = Counter(t.agency if isinstance(t.agency, str) else " + ".join(t.agency or []) for t in directive.tasks)
    return ", ".join(f"{name}: {count}" for name, count in counts.most_common())


# --- scans ------------------------------------------------------------------------------


def scan_gold(blind: bool = False) -> list[tuple[Path, Path]]:
    """(gold file, scan to make or read) of every dev-split gold document and every real scan; with
    ``blind``, of the sealed slice's dev-split documents only."""
    pairs = []
    dev = dev_names()
    for path in gold_files(blind):
        source = load_gold(path)["source_file"]
        if source.startswith("admin/") and Path(source).name in dev:
            pairs.append((path, Path(source)))
    if not blind:
        for path in sorted(SCAN_GOLD.glob("*.json")):
            pairs.append((path, ROOT / "corpus" / load_gold(path)["source_file"]))
    return pairs


def render_scan(text_file: Path, target: Path, member: str, seed: int, one_column: bool = False) -> int:
    """Typeset a document's lines at ``DPI`` as a directive is laid out (``synth.typeset_directive``:
    header and signature block in two columns), or with ``one_column`` every line from the left
    margin, page after page, its tables written one cell per block as ruled grids; damage each page as
    ``member`` of the degradation family (``ccn_docs.synth.MEMBERS``) and bind them into one PDF.
    Returns the page count."""
    paragraphs = [line.strip() for line in read_text(CORPUS / text_file).splitlines()]
    images = []
    pages = (synth.paginate(paragraphs, DPI, tables=True) if one_column
             else synth.typeset_directive(paragraphs, DPI, tables=True))
    with tempfile.TemporaryDirectory() as work:
        for number, spec in enumerate(pages):
            page_seed = seed + number
            image, dpi = synth.damage_page(synth.render(spec, DPI), synth.sample_damage(member, page_seed), DPI, page_seed)
            path = Path(work) / f"{number:03d}.png"
            image.save(path, dpi=(dpi, dpi))
            images.append(str(path))
        target.write_bytes(img2pdf.convert(images))
    return len(images)


def scans_section(jobs: int, members: list[str], keep: Path | None = None, blind: bool = False, one_column: bool = False) -> list[str]:
    """Score the scans; with ``keep``, the PDFs, ``ccn run``'s JSON and its databases stay there. With
    ``blind``, the sealed slice's scans, damaged with seeds of their own and reported as a whole;
    with ``one_column``, typeset every line from the left margin."""
    pairs = scan_gold(blind)
    seed = SEED + BLIND_SEED_OFFSET if blind else SEED
    with tempfile.TemporaryDirectory() as work:
        work_dir = keep or Path(work)
        work_dir.mkdir(parents=True, exist_ok=True)
        inputs, pages = {}, Counter()
        for member in members:
            for number, (gold, source) in enumerate(pairs):
                if source.suffix != ".txt":
                    continue
                target = work_dir / member / f"{gold.stem}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                pages[member] += render_scan(source, target, member, seed + 100 * number, one_column)
                inputs[(member, gold)] = target
        for gold, source in pairs:
            if source.suffix != ".txt":
                inputs[("real", gold)] = source
        out_dir, database = work_dir / "out", work_dir / "ccn.db"
        started = time.perf_counter()
        runs, texts, scores = [], [], {}
        for group in [*members, "real"]:
            batch = {gold: target for (name, gold), target in inputs.items() if name == group}
            if not batch:
                continue
            out_dir, database = work_dir / "out" / group, work_dir / f"{group}.db"
            database.unlink(missing_ok=True)
            started = time.perf_counter()
            run = subprocess.run([str(ROOT / ".venv" / "bin" / "ccn"), "run", *map(str, batch.values()),
                                  "--db", str(database), "--out-dir", str(out_dir), "--jobs", str(jobs)],
                                 capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - started
            if run.returncode != 0:
                return ["## Scans through `ccn run`", "", f"not run: exit {run.returncode}: {run.stderr.strip()[-500:]}", ""]
            runs.append((group, seconds, _SUMMARY_OCR.search(run.stdout + run.stderr)))
            scores[group] = [score_document(load_gold(gold), Directive.from_output(json.loads(
                (out_dir / f"{target.stem}.json").read_text(encoding="utf-8"))), gold.name) for gold, target in batch.items()]
            texts += [row[0] for row in sqlite3.connect(database).execute("SELECT text FROM documents")]
    extract_wall, extract_cpu = timed(lambda: [extract_text(t, source_file=str(i)) for i, t in enumerate(texts)])
    documents = len(pairs) - len(scores.get("real", []))
    layout = "every line from the left margin" if one_column else "with the header and signature block in two columns"
    lines = ["## Scans through `ccn run`", "",
             f"{documents} {'of the sealed slice' if blind else 'gold'} dev-split documents typeset at {DPI} dpi {layout} and damaged page by page as members of the "
             f"degradation family ({', '.join(f'{m}: {pages[m]} pages' for m in members)}), and "
             f"{len(scores.get('real', []))} real scan(s); each group through `ccn run --jobs {jobs}` "
             f"({', '.join(f'{group} {seconds:.0f} s' for group, seconds, _ in runs)}).", ""]
    for group in [*members, "real"]:
        if group in scores:
            lines += [f"{'Real scans' if group == 'real' else f'Member `{group}`'}:", "", Report(scores[group]).to_markdown(per_document=not blind), ""]
    ocr = sum(float(summary.group(1)) for _, _, summary in runs if summary)
    restore_extract_load = sum(float(summary.group(2)) for _, _, summary in runs if summary)
    if ocr:
        lines += [f"Extraction of the {len(texts)} restored texts: {extract_wall:.2f} s wall, {extract_cpu:.2f} s CPU "
                  f"(median of {RUNS}) = **{extract_cpu / ocr:.2%} of the {ocr:.0f} s of OCR** `ccn run` reported "
                  f"(its restore + extract + load: {restore_extract_load:.0f} s).", ""]
    return lines


# --- throughput -------------------------------------------------------------------------


def dev_texts() -> list[str]:
    return [read_text(CORPUS / "admin" / name) for name in sorted(dev_names())]


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-scans", action="store_true", help="skip the scans (OCR takes minutes)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="ccn run worker processes")
    parser.add_argument("--members", default="scan,ink",
                        help=f"degradation family members for the scans, comma-separated ({', '.join(synth.MEMBERS)})")
    parser.add_argument("--blind", action="store_true",
                        help="score only the sealed slice's dev-split documents as scans, as a whole (once, at the end of a round)")
    parser.add_argument("--one-column", action="store_true",
                        help="typeset the scans' every line from the left margin, header and signature block too")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the scans, the JSON `ccn run` wrote and its databases in DIR (per member)")
    args = parser.parse_args()
    members = [m for m in args.members.split(",") if m]
    if unknown := [m for m in members if m not in synth.MEMBERS]:
        parser.error(f"unknown member(s): {', '.join(unknown)}")
    if args.blind:
        text = "\n".join(["# Extraction benchmark: the sealed slice as scans", ""] + scans_section(args.jobs, members, args.keep, blind=True, one_column=args.one_column))
        print(text)
        write_text_atomically(OUT / "extract-blind.md", text + "\n")
        return
    lines = ["# Extraction benchmark", ""] + accuracy_section()
    if not args.no_scans:
        lines += scans_section(args.jobs, members, args.keep, one_column=args.one_column)
    lines += throughput_section()
    text = "\n".join(lines)
    print(text)
    write_text_atomically(OUT / "extract.md", text + "\n")


if __name__ == "__main__":
    main()
