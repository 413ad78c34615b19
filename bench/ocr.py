"""OCR benchmark: ccn vs raw ``tesseract -l vie`` vs OCRmyPDF on degraded scans.

Pages of dev-split documents (corpus/splits/dev.txt) are typeset with
``ccn_docs.synth`` (two-column header on the first page, a footnote on the
second) at 150 and 200 dpi and degraded like archive scans (seeded). Each tool
(ccn twice: raw, and with restoration as ``ccn ocr`` runs by default)
reads the same pages; syllable accuracy is scored against the typeset text and
every tool is timed on the whole set, ``--repeat`` times, interleaved, with the
same number of worker processes. ``--ablation`` instead measures the
preprocessing steps of ccn one by one.

    python -m bench.ocr [--docs 4] [--repeat 3] [--jobs 2] [--ablation]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import img2pdf
from PIL import Image

from ccn_docs import synth
from ccn_docs._exec import tesseract
from ccn_docs.ocr import Settings
from ccn_docs.run.recognise import ocr_paths
from ccn_docs.ocr.preprocess import Preprocessing
from ccn_docs.scoring import SyllableScore, syllable_score
from ccn_docs.vietnamese import normalize_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "bench" / "out"
PAGES_DIR = OUT / "ocr-pages"
RESOLUTIONS = (150, 200)
SEED = 2024
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DATE_LINE = re.compile(r"ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}")
MIN_WORDS = 900  # enough text for two full pages


@dataclass(frozen=True)
class BenchPage:
    image: Path
    dpi: int
    reference: str


# --- building the pages ---------------------------------------------------------------


def dev_documents(count: int) -> list[tuple[Path, dict[str, str]]]:
    names = (ROOT / "corpus" / "splits" / "dev.txt").read_text(encoding="utf-8").split()
    with (CORPUS / "admin" / "index.tsv").open(encoding="utf-8") as handle:
        index = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    usable = [n for n in names if len((CORPUS / "admin" / n).read_text(encoding="utf-8").split()) >= MIN_WORDS]
    chosen = sorted(random.Random(SEED).sample(usable, count))
    return [(CORPUS / "admin" / n, index.get(n, {})) for n in chosen]


def layout_document(path: Path, meta: dict[str, str], dpi: int) -> list[synth.PageSpec]:
    """First two pages of a document: the header as two columns (issuer and
    number left; motto and date right), a footnote on the second page."""
    paragraphs = [p.strip() for p in normalize_text(path.read_text(encoding="utf-8")).splitlines() if p.strip()]
    date_index = next((i for i, p in enumerate(paragraphs[:15]) if DATE_LINE.search(p)), -1)
    issuer = " ".join(meta.get("issuer_header", "").split()) or paragraphs[0]
    header_width = round((synth.A4_INCHES[0] - 1.97) * dpi * 0.32)
    left = synth.wrap(issuer, synth.font(12, dpi, bold=True), header_width)
    if meta.get("so_hieu"):
        left.append(f"Số: {meta['so_hieu']}")
    right = MOTTO + ([paragraphs[date_index]] if date_index >= 0 else [])
    body = paragraphs[date_index + 1 :]
    note = " ".join(paragraphs[-1].split()[:28])
    return synth.paginate(body, dpi, first_page_header=(left, right), footnotes={1: [f"1 {note}"]})[:2]


def build_pages(documents: int) -> list[BenchPage]:
    """Render, degrade and save the pages (PNG with its dpi, reference text)."""
    pages = []
    for dpi in RESOLUTIONS:
        folder = PAGES_DIR / str(dpi)
        folder.mkdir(parents=True, exist_ok=True)
        for doc_number, (path, meta) in enumerate(dev_documents(documents)):
            for page_number, spec in enumerate(layout_document(path, meta, dpi)):
                seed = SEED + 100 * doc_number + 10 * page_number + dpi
                image = synth.degrade(synth.render(spec, dpi), synth.Degradation.archive(seed), seed)
                target = folder / f"{path.stem}-{page_number + 1}.png"
                image.save(target, dpi=(dpi, dpi))
                pages.append(BenchPage(target, dpi, spec.reference_text))
    return pages


# --- the three tools --------------------------------------------------------------------


def _tesseract_page(page: BenchPage) -> str:
    with Image.open(page.image) as image:
        return tesseract.image_to_string(image, lang="vie", dpi=page.dpi)


def run_tesseract(pages: list[BenchPage], jobs: int) -> list[str]:
    """Plain ``tesseract -l vie`` on each page, one process per job."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_tesseract_page, pages))


def run_ocrmypdf(pages: list[BenchPage], jobs: int) -> list[str]:
    """``ocrmypdf -l vie --deskew --clean --sidecar`` on a PDF of the same images
    (img2pdf keeps pixels and dpi); sidecar pages are split at form feeds."""
    with tempfile.TemporaryDirectory() as work:
        source, sidecar = Path(work) / "in.pdf", Path(work) / "sidecar.txt"
        source.write_bytes(img2pdf.convert([str(p.image) for p in pages]))
        command = ["ocrmypdf", "-l", "vie", "--deskew", "--clean", "--sidecar", str(sidecar), "--jobs", str(jobs), "-q"]
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / command[0]), *command[1:], str(source), str(Path(work) / "out.pdf")],
            check=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        texts = sidecar.read_text(encoding="utf-8").split("\f")
    return (texts + [""] * len(pages))[: len(pages)]


def run_ccn(pages: list[BenchPage], jobs: int, settings: Settings | None = None, restore: bool = False) -> list[str]:
    """Ours: raw (before restoration), or restored as ``ccn ocr`` does by default."""
    batch = ocr_paths([p.image for p in pages], jobs=jobs, progress=False, settings=settings, restore=restore)
    by_source = {page.source: page.text for page in batch.pages}
    return [by_source.get(str(p.image), "") for p in pages]


TOOLS = {
    "tesseract -l vie": run_tesseract,
    "OCRmyPDF": run_ocrmypdf,
    "ccn (raw)": run_ccn,
    "ccn (restored, as `ccn ocr`)": partial(run_ccn, restore=True),
}


# --- measuring --------------------------------------------------------------------------


def score(texts: list[str], pages: list[BenchPage]) -> SyllableScore:
    return sum((syllable_score(t, p.reference) for t, p in zip(texts, pages)), SyllableScore(0, 0))


def timed(run, pages: list[BenchPage], jobs: int, **kwargs) -> tuple[list[str], float]:
    start = time.perf_counter()
    texts = run(pages, jobs, **kwargs)
    return texts, time.perf_counter() - start


def compare(pages: list[BenchPage], jobs: int, repeat: int) -> str:
    rows = []
    load_before = os.getloadavg()
    for dpi in RESOLUTIONS:
        subset = [p for p in pages if p.dpi == dpi]
        seconds: dict[str, list[float]] = {name: [] for name in TOOLS}
        accuracy: dict[str, SyllableScore] = {}
        for _ in range(repeat):
            for name, run in TOOLS.items():
                texts, elapsed = timed(run, subset, jobs)
                seconds[name].append(elapsed)
                accuracy[name] = score(texts, subset)  # deterministic across repeats
        peer = statistics.median(seconds["OCRmyPDF"])
        for name in TOOLS:
            median = statistics.median(seconds[name])
            rows.append(
                f"| {dpi} | {name} | {accuracy[name].accuracy:.2%} | {len(subset) / median * 60:.1f} "
                f"| {median:.1f} | {peer / median:.2f}× |"
            )
    load_after = os.getloadavg()
    header = [
        f"{len(pages) // len(RESOLUTIONS)} pages per resolution, {jobs} worker processes per tool, "
        f"median of {repeat} interleaved runs; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after.",
        "",
        "| dpi | tool | syllable accuracy | pages/min | median s | speed vs OCRmyPDF |",
        "|---|---|---|---|---|---|",
    ]
    return "\n".join(header + rows)


ABLATION = {
    "no preprocessing": Preprocessing(upscale=False, contrast=False, despeckle=False, deskew=False, binarise=False),
    "deskew": Preprocessing(upscale=False, contrast=False, despeckle=False, deskew=True, binarise=False),
    "despeckle": Preprocessing(upscale=False, contrast=False, despeckle=True, deskew=False, binarise=False),
    "deskew + despeckle": Preprocessing(upscale=False, contrast=False, despeckle=True, deskew=True, binarise=False),
    "deskew + despeckle + contrast": Preprocessing(upscale=False, contrast=True, despeckle=True, deskew=True, binarise=False),
    "deskew + despeckle + binarise": Preprocessing(upscale=False, contrast=False, despeckle=True, deskew=True, binarise=True),
    "deskew + despeckle + upscale to 300 dpi": Preprocessing(upscale=True, contrast=False, despeckle=True, deskew=True, binarise=False),
    "deskew + despeckle + contrast + upscale to 300 dpi": Preprocessing(upscale=True, contrast=True, despeckle=True, deskew=True, binarise=False),
}


def ablation(pages: list[BenchPage], jobs: int) -> str:
    rows = [
        "| preprocessing | " + " | ".join(f"accuracy {dpi} dpi" for dpi in RESOLUTIONS) + " | pages/min |",
        "|---|" + "---|" * len(RESOLUTIONS) + "---|",
    ]
    for name, steps in ABLATION.items():
        settings = replace(Settings(), preprocessing=steps)
        texts, elapsed = timed(run_ccn, pages, jobs, settings=settings)
        cells = []
        for dpi in RESOLUTIONS:
            chosen = [(t, p) for t, p in zip(texts, pages) if p.dpi == dpi]
            cells.append(f"{score([t for t, _ in chosen], [p for _, p in chosen]).accuracy:.2%}")
        default = " (default)" if steps == Preprocessing() else ""
        rows.append(f"| {name}{default} | " + " | ".join(cells) + f" | {len(pages) / elapsed * 60:.1f} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4, help="dev documents (two pages each, per resolution)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes per tool")
    parser.add_argument("--ablation", action="store_true", help="measure ccn's preprocessing steps instead")
    args = parser.parse_args()
    pages = build_pages(args.docs)
    if args.ablation:
        table, target = ablation(pages, args.jobs), OUT / "ocr-ablation.md"
    else:
        table, target = compare(pages, args.jobs, args.repeat), OUT / "ocr.md"
    print(table)
    target.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
