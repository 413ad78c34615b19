"""Phone photos taken from afar: ccn against plain Tesseract on photo pages captured at low resolution.

The phone-photo members of the family (``synth.MEMBERS``: "photo", "photo-clean" by default)
draw their capture resolution from 60–120 dpi; here each page's is drawn from ``--capture-dpi``
instead (a range, or one value), so that the small pages a phone held far away gives are
measured apart from the rest. The first page of each of ``--docs`` dev documents (never one of
a blind setting's), set in the tuning typefaces in turn (``bench.ocr.TUNING_STYLES``), is
damaged with ``--seeds`` draws of each member. Syllable accuracy per group (member and
resolution range): the median over pages and the pooled figure, for ``ccn ocr --raw``,
``ccn ocr`` restored and plain ``tesseract -l vie``.

    python -m bench.ocr_lowdpi [--capture-dpi 60-80] [--members photo,photo-clean] [--docs 8] [--seeds 2] [--jobs 2] [--no-tesseract]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from dataclasses import replace

from ccn_docs import synth
from ccn_docs.scoring import SyllableScore, syllable_score

from .ocr import OUT, PAGES_DIR, SEED, TUNING_STYLES, BenchPage, _save, dev_documents, layout_document, run_ccn, run_tesseract

RENDER_DPI = 200  # the page is typeset at this resolution, then captured at the drawn one


def capture_range(text: str) -> tuple[int, int]:
    """``"60-80"`` → (60, 80); ``"70"`` → (70, 70)."""
    low, _, high = text.partition("-")
    return int(low), int(high or low)


def photo_pages(members: list[str], capture: tuple[int, int], documents: int, seeds: int) -> list[BenchPage]:
    """First pages of ``documents`` dev documents, each damaged by ``seeds`` draws of every member,
    its capture resolution drawn from ``capture``."""
    folder = PAGES_DIR / f"lowdpi-{capture[0]}-{capture[1]}"
    group_dpi = f"{capture[0]}–{capture[1]}" if capture[0] != capture[1] else str(capture[0])
    pages = []
    for doc_number, (path, meta) in enumerate(dev_documents(documents)):
        style = TUNING_STYLES[doc_number % len(TUNING_STYLES)]
        spec = layout_document(path, meta, RENDER_DPI, style)[0]
        clean = synth.render(spec, RENDER_DPI, style)
        for member in members:
            for draw in range(seeds):
                seed = SEED + 1000 * doc_number + 100 * draw + sum(map(ord, member))
                capture_dpi = random.Random(seed).randint(*capture)
                damage = replace(synth.sample_damage(member, seed), capture_dpi=capture_dpi)
                image, image_dpi = synth.damage_page(clean, damage, RENDER_DPI, seed)
                target = folder / member / f"{path.stem}-{draw}.png"
                saved = _save(image, image_dpi, target, declare_dpi=False)
                pages.append(BenchPage(saved, image_dpi, spec.reference_text, f"{member} {group_dpi} dpi", style.family))
    return pages


def table(pages: list[BenchPage], texts: dict[str, list[str]]) -> str:
    """Per group and tool: median page accuracy, and the accuracy over all the group's syllables."""
    tools = list(texts)
    rows = ["| pages | n | " + " | ".join(f"{tool} median | {tool} pooled" for tool in tools) + " |", "|---|---|" + "---|---|" * len(tools)]
    for group in dict.fromkeys(p.group for p in pages):
        chosen = [i for i, p in enumerate(pages) if p.group == group]
        cells = []
        for tool in tools:
            scores = [syllable_score(texts[tool][i], pages[i].reference) for i in chosen]
            cells += [f"{statistics.median(s.accuracy for s in scores):.2%}", f"{sum(scores, SyllableScore(0, 0)).accuracy:.2%}"]
        rows.append(f"| {group} | {len(chosen)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def report(pages: list[BenchPage], texts: dict[str, list[str]], jobs: int, name: str) -> None:
    """Print the table, stamped with the time and the workers, and write it to ``name`` in bench/out/."""
    text = f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {jobs} worker processes per tool.\n\n{table(pages, texts)}\n"
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--capture-dpi", type=capture_range, default=(60, 80), help="capture resolution range, e.g. 60-80, or one value")
    parser.add_argument("--members", default="photo,photo-clean", help="comma-separated phone-photo members of synth.MEMBERS")
    parser.add_argument("--docs", type=int, default=8, help="dev documents, one tuning typeface each")
    parser.add_argument("--seeds", type=int, default=2, help="damage draws per document and member")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes per tool")
    parser.add_argument("--no-tesseract", action="store_true", help="ccn alone")
    args = parser.parse_args()
    pages = photo_pages(args.members.split(","), args.capture_dpi, args.docs, args.seeds)
    texts: dict[str, list[str]] = {}
    texts["ccn raw"], texts["ccn restored"] = run_ccn(pages, args.jobs)
    if not args.no_tesseract:
        texts["tesseract -l vie"] = run_tesseract(pages, args.jobs)
    report(pages, texts, args.jobs, "ocr-lowdpi.md")


if __name__ == "__main__":
    main()
