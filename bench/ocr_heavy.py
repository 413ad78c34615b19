"""Heavily damaged grey scans: ccn against raw Tesseract and OCRmyPDF on the scan member's harshest draws.

The scan member of the family (``synth.MEMBERS``) draws fade from 0–0.3 and JPEG quality from
20–90; here only the draws with fade above 0.15 or JPEG quality below 50 are kept (the damage a
faded archive scan sent as a small JPEG has), so that such pages are measured apart from the
milder ones the tuning pages mostly hold. The first page of each of ``--docs`` dev documents
(never one of a blind setting's), set in the tuning typefaces in turn (``bench.ocr.TUNING_STYLES``),
is damaged with ``--seeds`` heavy draws at each resolution. Syllable accuracy per resolution
(median over pages and pooled) of ``ccn ocr --raw`` and restored, plain ``tesseract -l vie`` and
OCRmyPDF, which reads each resolution's pages as one document.

    python -m bench.ocr_heavy [--dpi 150,200] [--docs 12] [--seeds 2] [--jobs 2] [--no-peers]
"""

from __future__ import annotations

import argparse
import os

from ccn_docs import synth

from .ocr import PAGES_DIR, SEED, TUNING_STYLES, BenchPage, _save, dev_documents, layout_document, read_pages
from .ocr_lowdpi import report

HEAVY_FADE = 0.15
HEAVY_JPEG_QUALITY = 50


def heavy_damage(seed: int) -> tuple[int, synth.Damage]:
    """The first seed from ``seed`` on whose scan damage is heavy (faded, or a low-quality JPEG), and its damage."""
    while True:
        damage = synth.sample_damage("scan", seed)
        if damage.fade > HEAVY_FADE or (damage.jpeg_quality or 100) < HEAVY_JPEG_QUALITY:
            return seed, damage
        seed += 1


def heavy_scan_pages(resolutions: list[int], documents: int, seeds: int) -> list[BenchPage]:
    """First pages of ``documents`` dev documents, each damaged by ``seeds`` heavy scan draws per resolution."""
    pages = []
    for doc_number, (path, meta) in enumerate(dev_documents(documents)):
        style = TUNING_STYLES[doc_number % len(TUNING_STYLES)]
        for dpi in resolutions:
            spec = layout_document(path, meta, dpi, style)[0]
            clean = synth.render(spec, dpi, style)
            seed = SEED + 1000 * doc_number + dpi - 1
            for draw in range(seeds):
                seed, damage = heavy_damage(seed + 1)
                image, image_dpi = synth.damage_page(clean, damage, dpi, seed)
                saved = _save(image, image_dpi, PAGES_DIR / f"heavy-scan-{dpi}" / f"{path.stem}-{draw}.png")
                pages.append(BenchPage(saved, image_dpi, spec.reference_text, f"heavy scan {dpi} dpi", style.family))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", default="150,200", help="comma-separated scan resolutions")
    parser.add_argument("--docs", type=int, default=len(TUNING_STYLES), help="dev documents, one tuning typeface each")
    parser.add_argument("--seeds", type=int, default=2, help="heavy damage draws per document and resolution")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes per tool")
    parser.add_argument("--no-peers", action="store_true", help="ccn alone, without plain Tesseract and OCRmyPDF")
    args = parser.parse_args()
    pages = heavy_scan_pages([int(dpi) for dpi in args.dpi.split(",")], args.docs, args.seeds)
    report(pages, read_pages(pages, args.jobs, only_ccn=args.no_peers), args.jobs, "ocr-heavy.md")


if __name__ == "__main__":
    main()
