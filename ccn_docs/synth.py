"""Synthetic scans of directive text, for tests, benchmarks and model building.

Pages are typeset like a directive (A4, Times-like Liberation Serif 13 pt, the
two-column header of Nghị định 30/2020/NĐ-CP, footnotes in 10 pt at the bottom)
and then degraded the way archive scans are: skew, blur, fading, speckle, noise
and JPEG compression. Everything is seeded, so a fixture is reproducible.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
A4_INCHES = (8.27, 11.69)


@dataclass
class PageSpec:
    """What goes on one page: optional header columns, body lines, footnotes."""

    body: list[str]
    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    @property
    def reference_text(self) -> str:
        """Reading order: left header, right header, body, footnotes."""
        return "\n".join(self.header_left + self.header_right + self.body + self.footnotes)


@dataclass
class Degradation:
    rotation_degrees: float = 0.0
    blur_radius: float = 0.0
    noise_sigma: float = 0.0
    speckle_density: float = 0.0  # fraction of pixels turned into dark specks
    fade: float = 0.0  # 0 = black ink, 0.5 = ink at mid grey
    jpeg_quality: int | None = None

    @classmethod
    def archive(cls, seed: int) -> "Degradation":
        """A typical poor archive scan: 1–3° skew, blur, faded ink, speckle, JPEG."""
        rng = random.Random(seed)
        return cls(
            rotation_degrees=rng.choice([-1, 1]) * rng.uniform(1.0, 3.0),
            blur_radius=rng.uniform(0.3, 0.8),
            noise_sigma=rng.uniform(6, 14),
            speckle_density=rng.uniform(0.0005, 0.002),
            fade=rng.uniform(0.15, 0.35),
            jpeg_quality=rng.randint(35, 60),
        )


def font(size_pt: float, dpi: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), round(size_pt * dpi / 72))


def wrap(text: str, face: ImageFont.FreeTypeFont, width_px: int) -> list[str]:
    """Greedy word wrap of one paragraph to a pixel width."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and face.getlength(candidate) > width_px:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


NOTE_SIZE_PT = 10


def paginate(
    paragraphs: list[str],
    dpi: int,
    *,
    first_page_header: tuple[list[str], list[str]] | None = None,
    footnotes: dict[int, list[str]] | None = None,
) -> list[PageSpec]:
    """Wrap paragraphs to A4 text width and cut them into pages.

    ``footnotes`` maps a page index to footnote paragraphs (each starting with
    its number); they are wrapped in the 10 pt note font and the body on that
    page gives up the room they and their separator rule take."""
    body_font = font(13, dpi)
    width_px = round((A4_INCHES[0] - 1.18 - 0.79) * dpi)  # 3 cm left, 2 cm right margin
    line_height = round(13 * 1.5 * dpi / 72)
    lines_per_page = int((A4_INCHES[1] - 1.57) * dpi) // line_height
    all_lines = [line for p in paragraphs for line in wrap(p, body_font, width_px)]
    footnotes = footnotes or {}
    pages: list[PageSpec] = []
    header_rows = 0
    if first_page_header:
        header_rows = max(len(first_page_header[0]), len(first_page_header[1])) + 1
    index = 0
    while index < len(all_lines) or not pages or len(pages) in footnotes:
        notes = [line for note in footnotes.get(len(pages), []) for line in wrap(note, font(NOTE_SIZE_PT, dpi), width_px)]
        capacity = lines_per_page - (header_rows if not pages else 0) - _note_rows(len(notes), dpi, line_height)
        spec = PageSpec(body=all_lines[index : index + capacity], footnotes=notes)
        if not pages and first_page_header:
            spec.header_left, spec.header_right = list(first_page_header[0]), list(first_page_header[1])
        pages.append(spec)
        index += capacity
    return pages


def _note_rows(note_lines: int, dpi: int, line_height: int) -> int:
    """Body lines given up for ``note_lines`` footnote lines plus the rule above them."""
    if not note_lines:
        return 0
    return -(-(_note_height(dpi) * (note_lines + 1)) // line_height)


def _note_height(dpi: int) -> int:
    return round(NOTE_SIZE_PT * 1.3 * dpi / 72)


def render(spec: PageSpec, dpi: int) -> Image.Image:
    """Typeset one page as a clean greyscale image."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    left, top = round(1.18 * dpi), round(0.79 * dpi)
    body_font, header_font, note_font = font(13, dpi), font(12, dpi, bold=True), font(NOTE_SIZE_PT, dpi)
    line_height = round(13 * 1.5 * dpi / 72)
    y = top
    if spec.header_left or spec.header_right:
        text_width = width - left - round(0.79 * dpi)
        left_centre = left + text_width * 0.2
        right_centre = left + text_width * 0.68
        for row in range(max(len(spec.header_left), len(spec.header_right))):
            for column, centre in ((spec.header_left, left_centre), (spec.header_right, right_centre)):
                if row < len(column):
                    draw.text((centre - header_font.getlength(column[row]) / 2, y), column[row], font=header_font, fill=0)
            y += line_height
        y += line_height
    for line in spec.body:
        draw.text((left, y), line, font=body_font, fill=0)
        y += line_height
    if spec.footnotes:
        note_height = _note_height(dpi)
        y = height - round(0.79 * dpi) - note_height * len(spec.footnotes)
        draw.line((left, y - note_height // 2, left + 2 * dpi, y - note_height // 2), fill=0, width=max(1, dpi // 150))
        for note in spec.footnotes:
            draw.text((left, y), note, font=note_font, fill=0)
            y += note_height
    return image


def degrade(image: Image.Image, degradation: Degradation, seed: int) -> Image.Image:
    """Apply scan damage to a clean page image."""
    rng = np.random.default_rng(seed)
    out = image
    if degradation.rotation_degrees:
        out = out.rotate(degradation.rotation_degrees, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if degradation.blur_radius:
        out = out.filter(ImageFilter.GaussianBlur(degradation.blur_radius))
    pixels = np.asarray(out, dtype=np.float32)
    if degradation.fade:
        pixels = 255 - (255 - pixels) * (1 - degradation.fade)
    if degradation.noise_sigma:
        pixels = pixels + rng.normal(0, degradation.noise_sigma, pixels.shape)
    if degradation.speckle_density:
        mask = rng.random(pixels.shape) < degradation.speckle_density
        pixels[mask] = rng.uniform(0, 90, int(mask.sum()))
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if degradation.jpeg_quality:
        buffer = io.BytesIO()
        out.save(buffer, format="JPEG", quality=degradation.jpeg_quality)
        out = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return out
