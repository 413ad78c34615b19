"""OCR benchmark: ccn against raw Tesseract and OCRmyPDF on damaged scans, photos and a real scan.

Pages of dev-split documents (corpus/splits/dev.txt) are typeset with ``ccn_docs.synth`` in
several typefaces and spacings (two-column header on the first page, a footnote on the
second) and damaged by each member of the family (``synth.MEMBERS``), by the "scan"
member at 100, 150, 200 and 300 dpi, by "combo" (several damages on a page) at 150 and 200 dpi
and by "fax" (bitonal) at 150 and 200 dpi.
The tuning pages are set in twelve typefaces, serif and sans-serif, of ordinary, narrow and wide
letters (``TUNING_STYLES``), one per document; every tool's accuracy is given per typeface too. A blind setting
(``--blind-setting``, by default corpus/splits/ocr-blind.json: its own documents, typeface and
damage ranges, fixed before any tuning) is scored beside them unless ``--no-blind`` is given,
as ``make bench-ocr`` does: the sealed settings are scored once, at the end of a change;
the real scan is corpus/samples/danang-115-cv-pa83.scan.pdf against its human reading.
Every tool reads the same pages in the same run; syllable accuracy (``ccn_docs.scoring``).
ccn is scored raw and restored (``restore_page`` on its raw pages, as ``ccn ocr`` does).

Then it measures whole processes as a user runs them, one command per document (``ccn
ocr FILE.pdf`` and ``ocrmypdf -l vie --sidecar``, in turns, median of the per-pair ratios) on
1-, 8- and 40-page PDFs at 150 and 200 dpi, and ccn's in-process throughput.
``--ablation`` measures ccn's preprocessing steps one by one on the tuning pages, and a second
recognition model; ``--errors`` counts ccn's wrong syllables by class (tone mark, vowel mark,
letters, merged or split, missing), per group and per group and body typeface.
``--faces`` scores the faces given (any of ``synth.FONTS`` no tuning style uses) alone: the tuning
documents' scan-member pages at 150 and 200 dpi set in each, ``--draws`` damage draws per page, every
tool per face, ccn restored's median page, ccn's wrong syllables by class raw → restored, and every
page's texts in bench/out/ocr-faces.json for a closer look.

    python -m bench.ocr [--docs 12] [--jobs 2] [--only ccn] [--no-timing] [--groups 'scan 150,ink'] [--ablation] [--errors]
                        [--faces 'DejaVu Sans,Noto Serif,TeX Gyre Termes,TeX Gyre Cursor' [--draws 2]]
                        [--blind-setting corpus/splits/ocr-blind-2.json | --no-blind]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import img2pdf
from PIL import Image
from rapidfuzz.distance import Levenshtein

from ccn_docs import synth
from ccn_docs._exec import tesseract
from ccn_docs.ocr import Settings
from ccn_docs.ocr.page import SCRIPT_MODEL
from ccn_docs.run.recognise import ocr_paths
from ccn_docs.ocr.preprocess import Preprocessing
from ccn_docs.types import Page
from ccn_docs.scoring import SyllableScore, syllable_score
from ccn_docs.vietnamese import fold, normalize_text, split_tone, syllables

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "bench" / "out"
PAGES_DIR = OUT / "ocr-pages"
SPLITS = ROOT / "corpus" / "splits"
BLIND = SPLITS / "ocr-blind.json"
REAL_SCAN = ROOT / "corpus" / "samples" / "danang-115-cv-pa83.scan.pdf"
REAL_REFERENCE = REAL_SCAN.with_name("danang-115-cv-pa83.reference.txt")
SWEEP_DPI = (100, 150, 200, 300)
MEMBER_DPI = 200
# Bitonal archive scans (fax, CCITT) come at 150 dpi as often as at 200: the fax member has a row at each.
FAX_DPI = (150, MEMBER_DPI)
BLIND_DPI = (150, 200)
COMBO_DPI = (150, 200)
TIMING_DPI = (150, 200)
TIMING_PAGES = (1, 8, 40)
SEED = 2024
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DATE_LINE = re.compile(r"ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}")
MIN_WORDS = 900  # enough text for two full pages
# Typesetting of the tuning pages, one per document in turn (the blind pages have their own):
# serif and sans-serif bodies of ordinary, narrow and wide letters, in many faces, so that no
# choice fits one kind of face. None is a face of a blind setting.
TUNING_STYLES = (
    synth.DIRECTIVE,
    synth.Typesetting(family="DejaVu Serif", header_family="DejaVu Serif", body_pt=12, line_spacing=1.4),
    synth.Typesetting(family="Liberation Sans", header_family="Liberation Sans", body_pt=11.5, line_spacing=1.35),
    synth.Typesetting(family="TeX Gyre Bonum", header_family="TeX Gyre Bonum", body_pt=11.5, line_spacing=1.3, width_scale=1.05),
    synth.Typesetting(family="FreeSerif", header_family="FreeSerif", body_pt=13, line_spacing=1.3, margins_inches=(1.0, 0.7, 0.8)),
    synth.Typesetting(family="FreeSans", header_family="Liberation Serif", body_pt=12, line_spacing=1.35, width_scale=0.9),
    synth.Typesetting(family="Charis SIL", header_family="Charis SIL", body_pt=12, line_spacing=1.4),
    synth.Typesetting(
        family="Gentium Plus", header_family="Gentium Plus", body_pt=13.5, line_spacing=1.3, margins_inches=(1.25, 0.9, 0.9)
    ),
    synth.Typesetting(family="Carlito", header_family="Carlito", body_pt=13, line_spacing=1.4),
    synth.Typesetting(family="TeX Gyre Heros Condensed", header_family="FreeSans", body_pt=13, line_spacing=1.3),
    synth.Typesetting(
        family="TeX Gyre Pagella", header_family="TeX Gyre Pagella", body_pt=12.5, line_spacing=1.25, width_scale=0.88,
        margins_inches=(0.9, 0.6, 0.7),
    ),
    synth.Typesetting(family="TeX Gyre Schola", header_family="TeX Gyre Schola", body_pt=11.5, line_spacing=1.5),
)


@dataclass(frozen=True)
class BenchPage:
    image: Path
    dpi: int
    reference: str
    group: str
    typeface: str = ""  # the body's face, size and spacing (the real scan has none)


# --- building the pages ---------------------------------------------------------------


def blind_setting(path: Path = BLIND) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def sealed_documents() -> set[str]:
    """The documents of every blind setting (corpus/splits/ocr-blind*.json)."""
    return {name for path in SPLITS.glob("ocr-blind*.json") for name in blind_setting(path)["documents"]}


def dev_documents(count: int) -> list[tuple[Path, dict[str, str]]]:
    """``count`` dev documents long enough for two pages, never one of a blind setting's."""
    names = (SPLITS / "dev.txt").read_text(encoding="utf-8").split()
    sealed = sealed_documents()
    usable = [n for n in names if n not in sealed and len((CORPUS / "admin" / n).read_text(encoding="utf-8").split()) >= MIN_WORDS]
    return _with_metadata(sorted(random.Random(SEED).sample(usable, count)))


def _with_metadata(names: list[str]) -> list[tuple[Path, dict[str, str]]]:
    with (CORPUS / "admin" / "index.tsv").open(encoding="utf-8") as handle:
        index = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return [(CORPUS / "admin" / n, index.get(n, {})) for n in names]


def layout_document(path: Path, meta: dict[str, str], dpi: int, style: synth.Typesetting) -> list[synth.PageSpec]:
    """First two pages of a document: the header as two columns (issuer and
    number left; motto and date right), a footnote on the second page."""
    paragraphs = [p.strip() for p in normalize_text(path.read_text(encoding="utf-8")).splitlines() if p.strip()]
    date_index = next((i for i, p in enumerate(paragraphs[:15]) if DATE_LINE.search(p)), -1)
    issuer = " ".join(meta.get("issuer_header", "").split()) or paragraphs[0]
    header_width = round(style.text_width(dpi) * 0.32)
    left = synth.wrap(issuer, style.face(style.header_pt, dpi, bold=True, header=True), header_width)
    if meta.get("so_hieu"):
        left.append(f"Số: {meta['so_hieu']}")
    right = MOTTO + ([paragraphs[date_index]] if date_index >= 0 else [])
    body = paragraphs[date_index + 1 :]
    note = " ".join(paragraphs[-1].split()[:28])
    return synth.paginate(body, dpi, first_page_header=(left, right), footnotes={1: [f"1 {note}"]}, style=style)


def _save(image: Image.Image, dpi: int, target: Path, *, declare_dpi: bool = True) -> Path:
    """PNG, or JPEG as a phone writes it (no resolution declared) for JPEG-damaged colour photos."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not declare_dpi:
        target = target.with_suffix(".jpg")
        image.save(target, quality=95)
    else:
        image.save(target, dpi=(dpi, dpi))
    return target


def _damaged_pages(
    documents, group: str, dpi: int, damage_of, style_of, pages_per_document: int, folder: Path
) -> list[BenchPage]:
    pages = []
    for doc_number, (path, meta) in enumerate(documents):
        style = style_of(doc_number)
        for page_number, spec in enumerate(layout_document(path, meta, dpi, style)[:pages_per_document]):
            seed = SEED + 1000 * doc_number + 10 * page_number + dpi
            damage = damage_of(seed)
            image, image_dpi = synth.damage_page(synth.render(spec, dpi, style), damage, dpi, seed)
            target = folder / f"{path.stem}-{page_number + 1}.png"
            saved = _save(image, image_dpi, target, declare_dpi=not damage.capture_dpi)
            width = f", {style.width_scale:.0%} wide" if style.width_scale != 1 else ""
            typeface = f"{style.family} {style.body_pt:g} pt{width}, {style.line_spacing:g} lines"
            pages.append(BenchPage(saved, image_dpi, spec.reference_text, group, typeface))
    return pages


def tuning_pages(documents: int) -> list[BenchPage]:
    """The family on the tuning documents: every member at 200 dpi and the bitonal (fax) member
    at 150 dpi too (first page), the scan member at each resolution and the combination of
    damages at 150 and 200 dpi (both pages)."""
    chosen = dev_documents(documents)
    style_of = lambda number: TUNING_STYLES[number % len(TUNING_STYLES)]  # noqa: E731
    pages = []
    for dpi in SWEEP_DPI:
        damage_of = lambda seed: synth.sample_damage("scan", seed)  # noqa: E731
        pages += _damaged_pages(chosen, f"scan {dpi} dpi", dpi, damage_of, style_of, 2, PAGES_DIR / f"scan-{dpi}")
    for dpi in COMBO_DPI:
        damage_of = lambda seed: synth.sample_damage("combo", seed)  # noqa: E731
        pages += _damaged_pages(chosen, f"combo {dpi} dpi", dpi, damage_of, style_of, 2, PAGES_DIR / f"combo-{dpi}")
    for member in (m for m in synth.MEMBERS if m not in ("scan", "combo")):  # those have their own rows
        damage_of = lambda seed, member=member: synth.sample_damage(member, seed)  # noqa: E731
        for dpi in FAX_DPI if member == "fax" else (MEMBER_DPI,):
            group = f"{member} {dpi} dpi" if member.startswith(("clean", "scan", "fax", "paper", "ink")) else member
            pages += _damaged_pages(chosen, group, dpi, damage_of, style_of, 1, PAGES_DIR / member / str(dpi))
    return pages


def tuning_faces() -> set[str]:
    return {face for style in TUNING_STYLES for face in (style.family, style.header_family)}


def face_pages(faces: list[str], documents: int, draws: int) -> list[BenchPage]:
    """The tuning documents' scan-member pages at 150 and 200 dpi (both pages) set wholly in each
    of ``faces``, which no tuning style uses, with ``draws`` damage draws per page; the
    same draws for every face, so faces compare on equal damage. Groups "face scan 150 dpi"…"""
    unfit = [face for face in faces if face in tuning_faces() or face not in synth.FONTS]
    if unfit:
        raise SystemExit(f"not a face outside the tuning styles: {', '.join(unfit)}")
    chosen = dev_documents(documents)
    pages = []
    for face in faces:
        style = synth.Typesetting(family=face, header_family=face, body_pt=13, line_spacing=1.4)
        for draw in range(draws):
            for dpi in BLIND_DPI:
                damage_of = lambda seed, draw=draw: synth.sample_damage("scan", seed + 100_000 * draw)  # noqa: E731
                folder = PAGES_DIR / "faces" / face.replace(" ", "-") / f"{dpi}-{draw}"
                pages += _damaged_pages(chosen, f"face scan {dpi} dpi", dpi, damage_of, lambda _: style, 2, folder)
    return pages


def _blind_damage(ranges: dict, seed: int) -> synth.Damage:
    """A page's damage drawn from the sealed ranges ([low, high] floats or ints, or a value)."""
    rng = random.Random(seed)
    values = {}
    for name, value in ranges.items():
        if not isinstance(value, list):
            values[name] = value
        elif all(isinstance(v, int) for v in value):
            values[name] = rng.randint(*value)
        else:
            values[name] = round(rng.uniform(*value), 3)
    if "rotation_degrees" in values:
        values["rotation_degrees"] *= rng.choice([-1, 1])
    return synth.Damage(**values)


def blind_pages(path: Path = BLIND) -> list[BenchPage]:
    """The pages of a blind setting; its groups are named after the file ("blind", "blind-2")."""
    setting = blind_setting(path)
    name = path.stem.removeprefix("ocr-")
    style = synth.Typesetting(**{k: tuple(v) if isinstance(v, list) else v for k, v in setting["typesetting"].items()})
    documents = _with_metadata(setting["documents"])
    pages = []
    for dpi in BLIND_DPI:
        damage_of = lambda seed: _blind_damage(setting["scan"], setting["seed"] + seed)  # noqa: E731
        pages += _damaged_pages(documents, f"{name} scan {dpi} dpi", dpi, damage_of, lambda _: style, 2, PAGES_DIR / f"{name}-{dpi}")
    damage_of = lambda seed: _blind_damage(setting["photo"], setting["seed"] + seed)  # noqa: E731
    pages += _damaged_pages(documents, f"{name} photo", 200, damage_of, lambda _: style, 1, PAGES_DIR / f"{name}-photo")
    return pages


def real_scan_pages() -> list[BenchPage]:
    """The real scan's pages as 300 dpi colour PNGs with their human reading."""
    folder = PAGES_DIR / "real"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(REAL_SCAN), str(folder / "page")], check=True)
    references = REAL_REFERENCE.read_text(encoding="utf-8").split("\f")
    images = sorted(folder.glob("page-*.png"))
    for image in images:
        with Image.open(image) as opened:
            opened.save(image, dpi=(300, 300))
    return [BenchPage(image, 300, reference, "real scan (danang-115)") for image, reference in zip(images, references)]


# --- the tools --------------------------------------------------------------------------


def _tesseract_page(page: BenchPage) -> str:
    with Image.open(page.image) as image:
        return tesseract.image_to_string(image, lang="vie", dpi=page.dpi)


def run_tesseract(pages: list[BenchPage], jobs: int) -> list[str]:
    """Plain ``tesseract -l vie`` on each page, one process per job."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_tesseract_page, pages))


def _ocrmypdf_command(source: Path, output: Path, sidecar: Path, jobs: int) -> list[str]:
    program = str(ROOT / ".venv" / "bin" / "ocrmypdf")
    return [program, "-l", "vie", "--deskew", "--clean", "--sidecar", str(sidecar), "--jobs", str(jobs), "-q", str(source), str(output)]


def run_ocrmypdf(pages: list[BenchPage], jobs: int) -> list[str]:
    """``ocrmypdf -l vie --deskew --clean --sidecar`` on a PDF of the same images
    (img2pdf keeps pixels and dpi); sidecar pages are split at form feeds."""
    with tempfile.TemporaryDirectory() as work:
        source, sidecar = Path(work) / "in.pdf", Path(work) / "sidecar.txt"
        source.write_bytes(img2pdf.convert([str(p.image) for p in pages]))
        subprocess.run(_ocrmypdf_command(source, Path(work) / "out.pdf", sidecar, jobs), check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        texts = sidecar.read_text(encoding="utf-8").split("\f")
    return (texts + [""] * len(pages))[: len(pages)]


def _ccn_pages(pages: list[BenchPage], jobs: int, settings: Settings | None = None) -> list[Page | None]:
    batch = ocr_paths([p.image for p in pages], jobs=jobs, progress=False, settings=settings)
    by_source = {page.source: page for page in batch.pages}
    return [by_source.get(str(p.image)) for p in pages]


def run_ccn_raw(pages: list[BenchPage], jobs: int, settings: Settings | None = None) -> list[str]:
    return [page.text if page else "" for page in _ccn_pages(pages, jobs, settings)]


def run_ccn(pages: list[BenchPage], jobs: int) -> tuple[list[str], list[str]]:
    """Ours, raw and restored (``restore_page`` on the raw pages, as ``ccn ocr`` does)."""
    from ccn_docs.restore import restore_page

    recognised = _ccn_pages(pages, jobs)
    raw = [page.text if page else "" for page in recognised]
    return raw, [restore_page(page).text if page else "" for page in recognised]


# --- measuring --------------------------------------------------------------------------


def score(texts: list[str], pages: list[BenchPage]) -> SyllableScore:
    return sum((syllable_score(t, p.reference) for t, p in zip(texts, pages)), SyllableScore(0, 0))


TOOL_NAMES = ("tesseract -l vie", "OCRmyPDF", "ccn raw", "ccn restored")


def read_pages(pages: list[BenchPage], jobs: int, only_ccn: bool) -> dict[str, list[str]]:
    """Every tool's text of every page, by tool name (``TOOL_NAMES``)."""
    texts: dict[str, list[str]] = {}
    texts["ccn raw"], texts["ccn restored"] = run_ccn(pages, jobs)
    if not only_ccn:
        texts["tesseract -l vie"] = run_tesseract(pages, jobs)
        texts["OCRmyPDF"] = []
        for group in dict.fromkeys(p.group for p in pages):  # one OCRmyPDF document per group
            texts["OCRmyPDF"] += run_ocrmypdf([p for p in pages if p.group == group], jobs)
        by_group_order = [p for group in dict.fromkeys(p.group for p in pages) for p in pages if p.group == group]
        position = {id(p): i for i, p in enumerate(by_group_order)}
        texts["OCRmyPDF"] = [texts["OCRmyPDF"][position[id(p)]] for p in pages]
    return texts


def accuracy_table(pages: list[BenchPage], texts: dict[str, list[str]], errors: bool = False) -> str:
    tools = [name for name in TOOL_NAMES if name in texts]
    rows = [
        "| pages | n | " + " | ".join(tools) + (" | ccn raw − OCRmyPDF |" if "OCRmyPDF" in texts else " |"),
        "|---|---|" + "---|" * len(tools) + ("---|" if "OCRmyPDF" in texts else ""),
    ]
    for group in dict.fromkeys(p.group for p in pages):
        chosen = [i for i, p in enumerate(pages) if p.group == group]
        scores = {name: score([texts[name][i] for i in chosen], [pages[i] for i in chosen]).accuracy for name in tools}
        cells = [f"{scores[name]:.2%}" for name in tools]
        if "OCRmyPDF" in texts:
            cells.append(f"{(scores['ccn raw'] - scores['OCRmyPDF']) * 100:+.1f}")
        rows.append(f"| {group} | {len(chosen)} | " + " | ".join(cells) + " |")
    tables = ["\n".join(rows)] + ([error_table(pages, texts)] if errors else []) + [typeface_table(pages, texts, errors)]
    return "\n\n".join(tables)


ERROR_CLASSES = ("tone mark", "vowel mark or đ", "other letters", "merged or split", "missing or moved")


def error_classes(hypothesis: str, reference: str) -> Counter:
    """Reference syllables read wrong, by what went wrong: only the tone mark, a vowel's
    mark or đ (the letters are right without marks), other letters, two syllables read as
    one or one as two, or none read in their place (lost, or read elsewhere on the page:
    a line out of reading order counts here)."""
    hyp, ref = syllables(hypothesis), syllables(reference)
    found: Counter = Counter()
    for op in Levenshtein.opcodes(hyp, ref):
        read, meant = hyp[op.src_start : op.src_end], ref[op.dest_start : op.dest_end]
        if op.tag == "insert":
            found["missing or moved"] += len(meant)
        elif op.tag == "replace" and len(read) != len(meant):
            found["merged or split" if fold("".join(read)) == fold("".join(meant)) else "other letters"] += len(meant)
        elif op.tag == "replace":
            for got, wanted in zip(read, meant):
                if fold(got) != fold(wanted):
                    found["other letters"] += 1
                elif split_tone(got)[0] == split_tone(wanted)[0]:
                    found["tone mark"] += 1
                else:
                    found["vowel mark or đ"] += 1
    return found


def error_table(pages: list[BenchPage], texts: dict[str, list[str]]) -> str:
    """Per group, ccn's wrong syllables by class, raw and restored."""
    rows = ["| pages | ccn | " + " | ".join(ERROR_CLASSES) + " |", "|---|---|" + "---|" * len(ERROR_CLASSES)]
    for group in dict.fromkeys(p.group for p in pages):
        chosen = [i for i, p in enumerate(pages) if p.group == group]
        for tool in ("ccn raw", "ccn restored"):
            found = sum((error_classes(texts[tool][i], pages[i].reference) for i in chosen), Counter())
            rows.append(f"| {group} | {tool.removeprefix('ccn ')} | " + " | ".join(str(found[name]) for name in ERROR_CLASSES) + " |")
    return "\n".join(rows)


def typeface_table(pages: list[BenchPage], texts: dict[str, list[str]], errors: bool) -> str:
    """Per group and body typeface, every tool's accuracy, and with ``errors`` ccn raw's wrong
    syllables by class: which faces, sizes and spacings the remaining errors come from."""
    tools = [name for name in TOOL_NAMES if name in texts]
    classes = ERROR_CLASSES if errors else ()
    rows = [
        "| pages | typeface | n | " + " | ".join(tools + [f"raw: {name}" for name in classes]) + " |",
        "|---|---|---|" + "---|" * (len(tools) + len(classes)),
    ]
    for group in dict.fromkeys(p.group for p in pages):
        for typeface in dict.fromkeys(p.typeface for p in pages if p.group == group and p.typeface):
            chosen = [i for i, p in enumerate(pages) if p.group == group and p.typeface == typeface]
            cells = [f"{score([texts[name][i] for i in chosen], [pages[i] for i in chosen]).accuracy:.2%}" for name in tools]
            if errors:
                found = sum((error_classes(texts["ccn raw"][i], pages[i].reference) for i in chosen), Counter())
                cells += [str(found[name]) for name in classes]
            rows.append(f"| {group} | {typeface} | {len(chosen)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def face_table(pages: list[BenchPage], texts: dict[str, list[str]]) -> str:
    """Per group and face, every tool's accuracy over the pages, ccn restored's median page, and
    ccn's wrong syllables by class raw → restored."""
    tools = [name for name in TOOL_NAMES if name in texts]
    rows = [
        "| pages | face | n | " + " | ".join(tools) + " | restored, median page | " + " | ".join(ERROR_CLASSES) + " |",
        "|---|---|---|" + "---|" * (len(tools) + 1 + len(ERROR_CLASSES)),
    ]
    for group in dict.fromkeys(p.group for p in pages):
        for face in dict.fromkeys(p.typeface for p in pages if p.group == group):
            chosen = [i for i, p in enumerate(pages) if p.group == group and p.typeface == face]
            cells = [f"{score([texts[name][i] for i in chosen], [pages[i] for i in chosen]).accuracy:.2%}" for name in tools]
            cells.append(f"{statistics.median(score([texts['ccn restored'][i]], [pages[i]]).accuracy for i in chosen):.2%}")
            raw, restored = (sum((error_classes(texts[tool][i], pages[i].reference) for i in chosen), Counter()) for tool in ("ccn raw", "ccn restored"))
            cells += [f"{raw[name]} → {restored[name]}" for name in ERROR_CLASSES]
            rows.append(f"| {group} | {face} | {len(chosen)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _whole_process(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (its own and its children's) of one command run to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timing_pdf(pages: int, dpi: int, folder: Path) -> Path:
    """A ``pages``-page PDF of scan-member pages at ``dpi`` (the tuning documents' pages, cycled)."""
    target = folder / f"scan-{pages}p-{dpi}dpi.pdf"
    if target.exists():
        return target
    images: list[Path] = []
    documents = dev_documents(8)
    for doc_number, (path, meta) in enumerate(documents):
        style = TUNING_STYLES[doc_number % len(TUNING_STYLES)]
        for page_number, spec in enumerate(layout_document(path, meta, dpi, style)):
            if len(images) == pages:
                break
            seed = SEED + 1000 * doc_number + 10 * page_number + dpi
            image, _ = synth.damage_page(synth.render(spec, dpi, style), synth.sample_damage("scan", seed), dpi, seed)
            images.append(_save(image, dpi, folder / "timing-pages" / f"{dpi}-{len(images)}.png"))
    images = (images * pages)[:pages]
    target.write_bytes(img2pdf.convert([str(p) for p in images]))
    return target


def timing_table(jobs: int, repeat: int) -> str:
    """Whole process, one command per document, ccn and OCRmyPDF in turns."""
    folder = OUT / "ocr-timing"
    folder.mkdir(parents=True, exist_ok=True)
    ccn = str(ROOT / ".venv" / "bin" / "ccn")
    rows = [
        "| PDF | command | median wall s | median CPU s | pages/min | speed vs OCRmyPDF (median of pairs) |",
        "|---|---|---|---|---|---|",
    ]
    for dpi in TIMING_DPI:
        for pages in TIMING_PAGES:
            pdf = timing_pdf(pages, dpi, folder)
            commands = {
                "ccn ocr --raw": [ccn, "ocr", str(pdf), "--raw", "--jobs", str(jobs), "-o", str(folder / "ccn-raw.txt")],
                "ccn ocr": [ccn, "ocr", str(pdf), "--jobs", str(jobs), "-o", str(folder / "ccn.txt")],
                "ocrmypdf": _ocrmypdf_command(pdf, folder / "out.pdf", folder / "sidecar.txt", jobs),
            }
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
            if pages == TIMING_PAGES[0]:
                for command in commands.values():  # warm-up: disk cache, numba cache
                    _whole_process(command)
            for _ in range(repeat if pages < TIMING_PAGES[-1] else 1):  # one pair of the longest
                for name, command in commands.items():
                    runs[name].append(_whole_process(command))
            peer = [wall for wall, _ in runs["ocrmypdf"]]
            for name, measured in runs.items():
                walls = [wall for wall, _ in measured]
                ratio = statistics.median(p / w for p, w in zip(peer, walls))
                rows.append(
                    f"| {pages} p, {dpi} dpi | {name} | {statistics.median(walls):.2f} | "
                    f"{statistics.median(c for _, c in measured):.2f} | {pages / statistics.median(walls) * 60:.1f} | {ratio:.2f}× |"
                )
    return "\n".join(rows)


def throughput_table(jobs: int) -> str:
    """In-process: ``ocr_paths`` on the 8-page PDFs' pages, after a warm-up page, as
    ``ccn ocr --raw`` reads them (without per-character alternatives)."""
    folder = OUT / "ocr-timing"
    raw = Settings(choices=False)
    rows = ["| pages | in-process pages/min (raw) |", "|---|---|"]
    for dpi in TIMING_DPI:
        pdf = timing_pdf(8, dpi, folder)
        ocr_paths([pdf], jobs=1, progress=False, dpi=dpi, settings=raw)
        start = time.perf_counter()
        batch = ocr_paths([pdf], jobs=jobs, progress=False, dpi=dpi, settings=raw)
        elapsed = time.perf_counter() - start
        rows.append(f"| 8 × {dpi} dpi | {len(batch.pages) / elapsed * 60:.1f} |")
    return "\n".join(rows)


ADAPTIVE_STEPS = ("page_outline", "drop_colour", "background", "show_through", "rules", "bitonal", "rescale", "dewarp", "sharpen")
UNUSED_STEPS = ("denoise", "binarise")  # measured, and off by default
# The script model after the language model: Tesseract tries the second on the words the first
# reads poorly and keeps the better.
SECOND_MODEL = f"vie+{SCRIPT_MODEL}"
ABLATION = {
    "no preprocessing": Settings(preprocessing=Preprocessing(**{name: False for name in Preprocessing.__dataclass_fields__})),
    "deskew + despeckle + contrast only": Settings(preprocessing=Preprocessing(**{name: False for name in ADAPTIVE_STEPS})),
    "all steps (default)": Settings(),
    **{f"all but {name.replace('_', ' ')}": Settings(preprocessing=replace(Preprocessing(), **{name: False})) for name in ADAPTIVE_STEPS},
    **{f"all steps and {name}": Settings(preprocessing=replace(Preprocessing(), **{name: True})) for name in UNUSED_STEPS},
    f"all steps, Tesseract -l {SECOND_MODEL}": Settings(lang=SECOND_MODEL),
    "all steps, an unsure bitonal page's body as Tesseract segments it": Settings(body_as_block=False),
    "all steps, an unsure page with faint ink read once": Settings(faint_second_reading=False),
    "all steps, a monospaced page read once, without the script model": Settings(monospaced_script_model=False),
}


def ablation_table(pages: list[BenchPage], jobs: int) -> str:
    groups = list(dict.fromkeys(p.group for p in pages))
    rows = ["| preprocessing | " + " | ".join(groups) + " |", "|---|" + "---|" * len(groups)]
    for name, settings in ABLATION.items():
        raw = run_ccn_raw(pages, jobs, settings)
        cells = []
        for group in groups:
            chosen = [i for i, p in enumerate(pages) if p.group == group]
            cells.append(f"{score([raw[i] for i in chosen], [pages[i] for i in chosen]).accuracy:.2%}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=len(TUNING_STYLES), help="tuning dev documents")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes per tool")
    parser.add_argument("--repeat", type=int, default=3, help="timed pairs per PDF (one for the longest)")
    parser.add_argument("--only", choices=["ccn"], help="score ccn alone (no peers), on the tuning pages")
    parser.add_argument("--groups", help="comma-separated group name prefixes to keep (e.g. 'scan 150,ink')")
    parser.add_argument("--no-timing", action="store_true", help="accuracy only, without the whole-process timings")
    parser.add_argument("--ablation", action="store_true", help="ccn's preprocessing steps one by one, a second model (tuning pages)")
    parser.add_argument("--errors", action="store_true", help="ccn's wrong syllables by class (tone, letters, order…)")
    parser.add_argument("--blind-setting", type=Path, default=BLIND, help="the sealed blind setting to score (JSON)")
    parser.add_argument("--no-blind", action="store_true", help="leave the blind setting out (it is scored once, at the end of a change)")
    parser.add_argument("--faces", help="comma-separated faces outside the tuning styles: scan pages at 150 and 200 dpi in each, alone")
    parser.add_argument("--draws", type=int, default=2, help="with --faces, damage draws per page")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    if args.faces:
        pages = _kept(face_pages(args.faces.split(","), args.docs, args.draws), args.groups)
        texts = read_pages(pages, args.jobs, args.only == "ccn")
        tables, target = [accuracy_table(pages, texts), face_table(pages, texts)], OUT / "ocr-faces.md"
        OUT.mkdir(parents=True, exist_ok=True)
        records = [{"image": str(p.image), "group": p.group, "face": p.typeface, "reference": p.reference} for p in pages]
        for number, record in enumerate(records):
            record.update({tool: text[number] for tool, text in texts.items()})
        (OUT / "ocr-faces.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    elif args.ablation:
        pages = [p for p in tuning_pages(args.docs) if p.image.stem.endswith("-1") and not p.group.startswith("scan 300")]
        tables, target = [ablation_table(_kept(pages, args.groups), args.jobs)], OUT / "ocr-ablation.md"
    else:
        pages = tuning_pages(args.docs)
        if not args.only:
            pages += ([] if args.no_blind else blind_pages(args.blind_setting)) + real_scan_pages()
        pages = _kept(pages, args.groups)
        tables, target = [accuracy_table(pages, read_pages(pages, args.jobs, args.only == "ccn"), args.errors)], OUT / "ocr.md"
        if not (args.only or args.no_timing):
            tables.append(timing_table(args.jobs, args.repeat) + "\n\n" + throughput_table(args.jobs))
    load_after = os.getloadavg()[0]
    stamp = f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {args.jobs} worker processes per tool, load average {load_before:.1f} before, {load_after:.1f} after"
    text = f"{stamp}.\n\n" + "\n\n".join(tables) + "\n"
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    sys.stdout.flush()


def _kept(pages: list[BenchPage], groups: str | None) -> list[BenchPage]:
    """The pages of the groups whose names start with one of the comma-separated ``groups``."""
    return [p for p in pages if p.group.startswith(tuple(groups.split(",")))] if groups else pages


if __name__ == "__main__":
    main()
