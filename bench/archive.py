"""Archive outputs against OCRmyPDF: text-layer accuracy and file sizes of
searchable PDFs, and born-digital PDFs read from their own text.

The scans are ``make bench-ocr``'s degraded 200 dpi pages of dev-split
documents (two pages each), as a scanner's PDF (each page one JPEG, embedded
by img2pdf) and as the PNG images themselves. ``ccn ocr --pdf-dir`` and
``ocrmypdf -l vie --deskew --clean --sidecar`` read the same files; the text
layer of each output is read back with ``pdftotext -raw`` (content order) and
scored like ``ccn ocr``'s text, against the typeset text. The born-digital PDF
is one dev document's text typed into a PDF with a real font (fpdf2, Liberation
Serif); ``ccn run`` reads it, its text file, and the same PDF OCR'd
(``--text-layer ignore``), in one process. Whole-process timings are taken
separately (see docs/archive.md).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import tempfile
import time
from pathlib import Path

import img2pdf
from PIL import Image

from bench.ocr import OUT, PAGES_DIR, ROOT, TUNING_STYLES, BenchPage, _damaged_pages, dev_documents, score
from ccn_docs import synth
from ccn_docs.inputs import TextLayerMode, page_jobs
from ccn_docs.run import run_inputs
from ccn_docs.run.archive import read_own_text
from ccn_docs.store import connect

DPI = 200
BIN = ROOT / ".venv" / "bin"
ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": "1"}
JPEG_QUALITY = 75


def scan_pages(documents: int) -> list[BenchPage]:
    """``make bench-ocr``'s scan member at 200 dpi: the first two pages of each of
    its first ``documents`` tuning documents, typeset and degraded as it does."""
    return _damaged_pages(
        dev_documents(documents), f"scan {DPI} dpi", DPI, lambda seed: synth.sample_damage("scan", seed),
        lambda number: TUNING_STYLES[number % len(TUNING_STYLES)], 2, PAGES_DIR / f"scan-{DPI}",
    )


def scanner_pdf(images: list[Path], target: Path) -> Path:
    """The pages as a scanner writes them: one JPEG per page, embedded as it is."""
    jpegs = []
    for image in images:
        buffer = io.BytesIO()
        with Image.open(image) as page:
            page.convert("L").save(buffer, format="JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
        jpegs.append(buffer.getvalue())
    target.write_bytes(img2pdf.convert(jpegs))
    return target


def text_layer(pdf: Path) -> list[str]:
    """The text layer of each page, in content-stream order (Poppler ends every
    page with a form feed: the last item is empty)."""
    done = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, env=ENVIRONMENT, stdout=subprocess.DEVNULL)


def documents_of(pages: list[BenchPage]) -> dict[str, list[BenchPage]]:
    grouped: dict[str, list[BenchPage]] = {}
    for page in pages:
        grouped.setdefault(page.image.stem.rsplit("-", 1)[0], []).append(page)
    return grouped


def scans(pages: list[BenchPage], work: Path, jobs: int) -> str:
    documents = documents_of(pages)
    inputs = {name: scanner_pdf([p.image for p in doc], work / f"{name}.pdf") for name, doc in documents.items()}
    ordered = [p for doc in documents.values() for p in doc]
    ccn_pdf, ccn_png, peer_pdf, peer_png = (work / name for name in ("ccn-pdf", "ccn-png", "ocrmypdf-pdf", "ocrmypdf-png"))
    run([str(BIN / "ccn"), "ocr", *map(str, inputs.values()), "--dpi", str(DPI), "--pdf-dir", str(ccn_pdf), "-o", str(work / "ccn.txt"), "--jobs", str(jobs)])
    run([str(BIN / "ccn"), "ocr", *(str(p.image) for p in ordered), "--pdf-dir", str(ccn_png), "-o", str(work / "ccn-png.txt"), "--jobs", str(jobs)])
    ccn_text = (work / "ccn.txt").read_text(encoding="utf-8").split("\f")
    ccn_layer = [text for name in documents for text in text_layer(ccn_pdf / f"{name}.pdf")[: len(documents[name])]]
    peer_sidecar, peer_layer = [], []
    peer_pdf.mkdir()
    peer_png.mkdir()
    for name, source in inputs.items():
        sidecar = work / f"{name}.sidecar.txt"
        run([str(BIN / "ocrmypdf"), "-l", "vie", "--deskew", "--clean", "--sidecar", str(sidecar), "--jobs", str(jobs), "-q", str(source), str(peer_pdf / f"{name}.pdf")])
        peer_sidecar += sidecar.read_text(encoding="utf-8").split("\f")[: len(documents[name])]
        peer_layer += text_layer(peer_pdf / f"{name}.pdf")[: len(documents[name])]
    for page in ordered:
        run([str(BIN / "ocrmypdf"), "-l", "vie", "--deskew", "--clean", "--jobs", str(jobs), "-q", str(page.image), str(peer_png / f"{page.image.stem}.pdf")])

    def accuracy(texts: list[str]) -> str:
        return f"{score(texts, ordered).accuracy:.2%}"

    def total(folder: Path, names: list[str]) -> int:
        return sum((folder / n).stat().st_size for n in names)

    pdf_names = [f"{name}.pdf" for name in documents]
    png_names = [f"{p.image.stem}.pdf" for p in ordered]
    input_pdf = sum(path.stat().st_size for path in inputs.values())
    input_png = sum(p.image.stat().st_size for p in ordered)
    return "\n".join([
        f"{len(ordered)} degraded {DPI} dpi pages of {len(documents)} dev-split documents; {jobs} worker processes per tool.",
        "",
        "| text | syllable accuracy |",
        "|---|---|",
        f"| `ccn ocr` text output | {accuracy(ccn_text)} |",
        f"| `ccn ocr --pdf` text layer (`pdftotext -raw`) | {accuracy(ccn_layer)} |",
        f"| OCRmyPDF sidecar | {accuracy(peer_sidecar)} |",
        f"| OCRmyPDF text layer (`pdftotext -raw`) | {accuracy(peer_layer)} |",
        "",
        "| input | input size | `ccn ocr --pdf` | OCRmyPDF |",
        "|---|---|---|---|",
        f"| scanner PDFs (JPEG q{JPEG_QUALITY}) | {input_pdf / 1e6:.2f} MB | {total(ccn_pdf, pdf_names) / 1e6:.2f} MB "
        f"({total(ccn_pdf, pdf_names) / input_pdf:.2f}×) | {total(peer_pdf, pdf_names) / 1e6:.2f} MB ({total(peer_pdf, pdf_names) / input_pdf:.2f}×) |",
        f"| PNG images | {input_png / 1e6:.2f} MB | {total(ccn_png, png_names) / 1e6:.2f} MB | {total(peer_png, png_names) / 1e6:.2f} MB |",
    ])


def born_digital_pdf(text: str, target: Path) -> Path:
    """The document's text typed into A4 pages with a real font, one paragraph per line of the text."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("serif", fname=str(synth.FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.set_font("serif", size=13)
    pdf.set_margins(70, 56, 56)
    pdf.set_auto_page_break(True, margin=56)
    pdf.add_page()
    for paragraph in text.splitlines():
        if paragraph.strip():
            pdf.multi_cell(0, 17, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def tasks_of(db: Path) -> list[tuple[str, str]]:
    rows = connect(db).execute("select agency, task from tasks order by seq").fetchall()
    return [(agency or "", " ".join(task.split())) for agency, task in rows]


def born_digital(work: Path) -> str:
    """One dev document as text, as a born-digital PDF, and as that PDF OCR'd,
    through ``ccn run`` in this process (one job): once to warm up (models,
    compiled code), then measured."""
    source, _ = dev_documents(1)[0]
    text = source.read_text(encoding="utf-8")
    (work / "born").mkdir()
    text_input = work / "born" / f"{source.stem}.txt"
    text_input.write_text(text, encoding="utf-8")
    pdf = born_digital_pdf(text, work / "born" / f"{source.stem}.pdf")
    cases = (
        ("text file", text_input, TextLayerMode.AUTO),
        ("born-digital PDF, own text (`--text-layer auto`)", pdf, TextLayerMode.AUTO),
        ("born-digital PDF, OCR'd (`--text-layer ignore`)", pdf, TextLayerMode.IGNORE),
    )
    rows, tasks, seconds = [], {}, {}
    for attempt in ("warm-up", "measured"):
        for number, (label, path, mode) in enumerate(cases):
            db = work / "born" / f"{attempt}-{number}.db"
            # The client reads a PDF's own text before it hands the document on:
            # timed here by the same call, since the run's summary counts the rest.
            reading = 0.0
            if path.suffix == ".pdf":
                start = time.perf_counter()
                read_own_text(path, page_jobs(path), mode)
                reading = time.perf_counter() - start
            start = time.perf_counter()
            summary = run_inputs([path], db=db, jobs=1, progress=False, text_layer=mode)
            wall = time.perf_counter() - start
            if attempt == "measured":
                tasks[label] = tasks_of(db)
                seconds[label] = reading + summary.ocr_seconds + summary.finish_seconds + summary.load_seconds
                rows.append(f"| {label} | {summary.pages} | {len(tasks[label])} | {seconds[label]:.2f} | {wall + reading:.2f} |")
    text_label, own_label, ocr_label = (case[0] for case in cases)
    same = tasks[text_label] == tasks[own_label]
    return "\n".join([
        f"Dev document {source.name} ({len(text.split())} words), one process, after a warm-up run of each.",
        "",
        "| input | pages | tasks | work s (read or OCR, restore, extract, load) | wall s |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Tasks from the PDF's own text {'are' if same else 'are NOT'} the text file's (agency and task text, in order); "
        f"reading the PDF's text is {seconds[ocr_label] / seconds[own_label]:.0f}× faster than OCRing it.",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4, help="dev documents (two pages each)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes per tool")
    parser.add_argument("--only", choices=("scans", "born-digital"), help="measure one part")
    args = parser.parse_args()
    parts = []
    with tempfile.TemporaryDirectory(prefix="ccn-bench-archive-") as folder:
        work = Path(folder)
        if args.only != "born-digital":
            parts.append(scans(scan_pages(args.docs), work, args.jobs))
            print(parts[-1] + "\n", flush=True)
        if args.only != "scans":
            parts.append(born_digital(work))
            print(parts[-1], flush=True)
    (OUT / "archive.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
