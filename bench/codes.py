"""Issuer codes through OCR and restoration, in many layouts.

Every issuer code the model knows (``channel.issuer_codes``: NĐ-CP, QĐ-TTg, TTr-BCA…) is
typeset in each layout of a seeded family: a tuning typeface (``bench.ocr.TUNING_STYLES``)
at a drawn size and spacing, 150, 200 or 300 dpi, clean or damaged by the "scan" member,
and one arrangement in turn: short document numbers three to a paragraph, a code alone in
a sentence, several codes to a line, a code ending its line. Each page is read by ``ccn
ocr``'s recognition (``ocr_page``) and restored (``restore_page``). Per layout: codes lost
by Tesseract (raw), lost after restoration, and of those how many Tesseract had read
right (restoration's fault) and wrong (not repaired). The held-out seeds are reported
apart: they are the check on what was tuned on the others. Pages are cached under
bench/out/codes-cache/, so rerunning after a change to restoration costs no OCR.

    python -m bench.codes [--seeds 1-16] [--held-out 101-104] [--show]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from ccn_docs import synth
from ccn_docs.inputs import PageJob
from ccn_docs.ocr import ocr_page
from ccn_docs.restore import Restorer, default_restorer
from ccn_docs.types import Page
from ccn_docs.vietnamese import nfc

from .ocr import TUNING_STYLES

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "out" / "codes-cache"
ARRANGEMENTS = ("numbers", "alone", "several", "line ends")
DPIS = (150, 200, 300)
DAMAGES = (None, "scan")


@dataclass(frozen=True)
class Layout:
    seed: int
    style: synth.Typesetting
    dpi: int
    damage: str | None
    arrangement: str

    @property
    def label(self) -> str:
        return (
            f"{self.seed}: {self.style.family} {self.style.body_pt:g} pt, {self.dpi} dpi, "
            f"{self.damage or 'clean'}, {self.arrangement}"
        )


def layout(seed: int) -> Layout:
    """The layout of a seed: the arrangement in turn, the rest drawn."""
    rng = random.Random(seed)
    style = dataclasses.replace(
        rng.choice(TUNING_STYLES), body_pt=rng.choice((11, 12, 13)), line_spacing=rng.choice((1.15, 1.3, 1.5))
    )
    return Layout(seed, style, rng.choice(DPIS), rng.choice(DAMAGES), ARRANGEMENTS[seed % len(ARRANGEMENTS)])


def paragraphs(codes: list[str], arrangement: str, seed: int) -> list[str]:
    """The text that carries every code once, in the arrangement."""
    rng = random.Random(seed)
    shuffled = rng.sample(codes, len(codes))
    groups = [shuffled[i : i + 3] for i in range(0, len(shuffled), 3)]
    if arrangement == "numbers":
        number = lambda code: f"{rng.randint(1, 2999)}/{rng.choice(('', '2023/', '2024/'))}{code}"  # noqa: E731
        return [f"Căn cứ các văn bản số {', '.join(number(c) for c in group)} của cơ quan." for group in groups]
    if arrangement == "alone":
        return [f"Văn bản {code} của cơ quan đã ban hành." for code in shuffled]
    if arrangement == "several":
        return [f"Các cơ quan {', '.join(group[:-1])} và {group[-1]} phối hợp." if len(group) > 1 else f"Cơ quan {group[0]}." for group in groups]
    return [f"Báo cáo gửi {code}" for code in shuffled]


def occurrences(code: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w&-]){re.escape(code)}(?![\w&-])", text))


def read_pages(item: Layout, codes: list[str]) -> list[tuple[str, Page]]:
    """(reference text, raw OCR page) of every page of the layout, cached."""
    specs = synth.paginate(paragraphs(codes, item.arrangement, item.seed), item.dpi, style=item.style)
    key = hashlib.sha1(repr((item, codes)).encode()).hexdigest()[:16]
    cached = [CACHE / f"{key}-{number}.json" for number in range(1, len(specs) + 1)]
    if all(path.exists() for path in cached):
        return [(spec.reference_text, Page.from_json(path.read_text(encoding="utf-8"))) for spec, path in zip(specs, cached)]

    def read(number: int) -> Page:
        image = synth.render(specs[number - 1], item.dpi, item.style)
        if item.damage:
            image, _ = synth.damage_page(image, synth.sample_damage(item.damage, item.seed * 100 + number), item.dpi, number)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return ocr_page(PageJob("codes.png", number, item.dpi, image=buffer.getvalue()))

    with ThreadPoolExecutor(max_workers=2) as pool:  # Tesseract runs as a program: two keep both cores busy
        pages = list(pool.map(read, range(1, len(specs) + 1)))
    CACHE.mkdir(parents=True, exist_ok=True)
    for path, page in zip(cached, pages):
        path.write_text(page.to_json(), encoding="utf-8")
    return [(spec.reference_text, page) for spec, page in zip(specs, pages)]


@dataclass
class Tally:
    codes: int = 0
    lost_raw: int = 0
    lost_restored: int = 0
    restoration_fault: int = 0  # read right, restored wrong
    not_repaired: int = 0  # read wrong, still wrong

    def add(self, other: "Tally") -> None:
        for count in dataclasses.fields(self):
            setattr(self, count.name, getattr(self, count.name) + getattr(other, count.name))

    def row(self, label: str) -> str:
        return f"| {label} | {self.codes} | {self.lost_raw} | {self.lost_restored} | {self.restoration_fault} | {self.not_repaired} |"


def score(item: Layout, codes: list[str], restorer: Restorer, show: bool) -> Tally:
    tally = Tally()
    for reference, page in read_pages(item, codes):
        raw_lines = [nfc(line.text) for line in page.lines]
        restored_lines = [nfc(line.text) for line in restorer.restore_page(page).lines]
        raw, restored = "\n".join(raw_lines), "\n".join(restored_lines)
        for code in codes:
            expected = occurrences(code, reference)
            if not expected:
                continue
            raw_right = occurrences(code, raw) >= expected
            restored_right = occurrences(code, restored) >= expected
            tally.codes += expected
            tally.lost_raw += not raw_right
            tally.lost_restored += not restored_right
            tally.restoration_fault += raw_right and not restored_right
            tally.not_repaired += not raw_right and not restored_right
            if show and not restored_right and raw_lines:
                line = next(ln for ln in reference.splitlines() if occurrences(code, ln))
                _, _, index = process.extractOne(line, raw_lines, scorer=fuzz.ratio)
                verdict = "CHANGED" if raw_right else "misread"
                print(f"  {verdict} {code}: raw {raw_lines[index]!r}\n{'':>{len(verdict) + 4 + len(code)}} restored {restored_lines[index]!r}")
    return tally


def seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def table(title: str, items: list[Layout], codes: list[str], restorer: Restorer, show: bool) -> str:
    rows = [f"### {title}", "", "| layout | codes | lost raw | lost restored | of these read right | read wrong |", "|---|---|---|---|---|---|"]
    total = Tally()
    for item in items:
        if show:
            print(item.label)
        tally = score(item, codes, restorer, show)
        total.add(tally)
        rows.append(tally.row(item.label))
    rows.append(total.row("**all**"))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-16", help="layout seeds to tune on (first-last)")
    parser.add_argument("--held-out", default="101-104", help="layout seeds kept aside as the check")
    parser.add_argument("--show", action="store_true", help="print each code lost after restoration, raw and restored")
    args = parser.parse_args()
    restorer = default_restorer()
    codes = sorted(restorer.decoder.channel.issuer_codes)
    tuning = table("Tuning layouts", [layout(s) for s in seeds(args.seeds)], codes, restorer, args.show)
    held_out = table("Held-out layouts", [layout(s) for s in seeds(args.held_out)], codes, restorer, args.show) if args.held_out else ""
    print(f"{len(codes)} issuer codes\n\n{tuning}\n\n{held_out}".rstrip())


if __name__ == "__main__":
    main()
