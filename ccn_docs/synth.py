"""Synthetic scans of directive text, for tests, benchmarks and model building.

Pages are typeset like a directive (A4, Times-like Liberation Serif 13 pt, the
two-column header of Nghị định 30/2020/NĐ-CP, footnotes in 10 pt at the bottom;
on request, a table written one cell per block as a ruled grid in 12 pt)
and then degraded the way archive scans are: skew, blur, fading, speckle, noise
and JPEG compression (``Degradation``, the model the restoration channel is learned on).

``damage_page`` goes further, for OCR benchmarks: a family of real-world damage
(``MEMBERS``, each drawing its parameters per page) — blur, Gaussian and
salt-and-pepper noise, JPEG 20–90, bitonal fax thresholding, phone photos (60–120
dpi, perspective, page curl, uneven light), bleed-through, folds, red or purple
seals and blue handwriting, and "combo", several of them on one page — on pages set in
other typefaces, sizes, spacings and letter widths (``Typesetting``). Everything is seeded, so a fixture is reproducible.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from .vietnamese import fold

_TRUETYPE = Path("/usr/share/fonts/truetype")
_OPENTYPE = Path("/usr/share/fonts/opentype")
FONT_DIR = _TRUETYPE / "liberation2"
_TEX_GYRE = Path("/usr/share/texmf/fonts/opentype/public/tex-gyre")
A4_INCHES = (8.27, 11.69)
# Typefaces from Debian font packages (fonts-liberation2, fonts-dejavu-core, fonts-dejavu-extra, fonts-noto-core,
# fonts-freefont-ttf, fonts-sil-charis, fonts-sil-gentiumplus, fonts-crosextra-carlito, fonts-texgyre, fonts-comfortaa,
# fonts-quicksand, fonts-league-spartan, fonts-roboto-unhinted, fonts-open-sans), each with
# every precomposed Vietnamese letter in its character map: family → (regular, bold) files.
FONTS = {
    "Liberation Serif": (FONT_DIR / "LiberationSerif-Regular.ttf", FONT_DIR / "LiberationSerif-Bold.ttf"),
    "Liberation Sans": (FONT_DIR / "LiberationSans-Regular.ttf", FONT_DIR / "LiberationSans-Bold.ttf"),
    "DejaVu Serif": (_TRUETYPE / "dejavu/DejaVuSerif.ttf", _TRUETYPE / "dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVu Sans": (_TRUETYPE / "dejavu/DejaVuSans.ttf", _TRUETYPE / "dejavu/DejaVuSans-Bold.ttf"),
    "Noto Serif": (_TRUETYPE / "noto/NotoSerif-Regular.ttf", _TRUETYPE / "noto/NotoSerif-Bold.ttf"),
    "Noto Sans": (_TRUETYPE / "noto/NotoSans-Regular.ttf", _TRUETYPE / "noto/NotoSans-Bold.ttf"),
    "DejaVu Serif Condensed": (_TRUETYPE / "dejavu/DejaVuSerifCondensed.ttf", _TRUETYPE / "dejavu/DejaVuSerifCondensed-Bold.ttf"),
    "DejaVu Sans Condensed": (_TRUETYPE / "dejavu/DejaVuSansCondensed.ttf", _TRUETYPE / "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "FreeSerif": (_TRUETYPE / "freefont/FreeSerif.ttf", _TRUETYPE / "freefont/FreeSerifBold.ttf"),
    "FreeSans": (_TRUETYPE / "freefont/FreeSans.ttf", _TRUETYPE / "freefont/FreeSansBold.ttf"),
    "Charis SIL": (_TRUETYPE / "charis/CharisSIL-Regular.ttf", _TRUETYPE / "charis/CharisSIL-Bold.ttf"),
    "Gentium Plus": (_TRUETYPE / "gentiumplus/GentiumPlus-Regular.ttf", _TRUETYPE / "gentiumplus/GentiumPlus-Bold.ttf"),
    "Carlito": (_TRUETYPE / "crosextra/Carlito-Regular.ttf", _TRUETYPE / "crosextra/Carlito-Bold.ttf"),
    "TeX Gyre Heros Condensed": (_TEX_GYRE / "texgyreheroscn-regular.otf", _TEX_GYRE / "texgyreheroscn-bold.otf"),
    "TeX Gyre Pagella": (_TEX_GYRE / "texgyrepagella-regular.otf", _TEX_GYRE / "texgyrepagella-bold.otf"),
    "TeX Gyre Schola": (_TEX_GYRE / "texgyreschola-regular.otf", _TEX_GYRE / "texgyreschola-bold.otf"),
    "TeX Gyre Bonum": (_TEX_GYRE / "texgyrebonum-regular.otf", _TEX_GYRE / "texgyrebonum-bold.otf"),
    "TeX Gyre Termes": (_TEX_GYRE / "texgyretermes-regular.otf", _TEX_GYRE / "texgyretermes-bold.otf"),
    "TeX Gyre Adventor": (_TEX_GYRE / "texgyreadventor-regular.otf", _TEX_GYRE / "texgyreadventor-bold.otf"),
    "TeX Gyre Cursor": (_TEX_GYRE / "texgyrecursor-regular.otf", _TEX_GYRE / "texgyrecursor-bold.otf"),
    "TeX Gyre Heros": (_TEX_GYRE / "texgyreheros-regular.otf", _TEX_GYRE / "texgyreheros-bold.otf"),
    "Liberation Mono": (FONT_DIR / "LiberationMono-Regular.ttf", FONT_DIR / "LiberationMono-Bold.ttf"),
    "FreeMono": (_TRUETYPE / "freefont/FreeMono.ttf", _TRUETYPE / "freefont/FreeMonoBold.ttf"),
    "Comfortaa": (_TRUETYPE / "comfortaa/Comfortaa-Regular.ttf", _TRUETYPE / "comfortaa/Comfortaa-Bold.ttf"),
    "Quicksand": (_TRUETYPE / "quicksand/Quicksand-Regular.ttf", _TRUETYPE / "quicksand/Quicksand-Bold.ttf"),
    "League Spartan": (_OPENTYPE / "league-spartan/LeagueSpartan-Regular.otf", _OPENTYPE / "league-spartan/LeagueSpartan-Bold.otf"),
    "Roboto": (_TRUETYPE / "roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", _TRUETYPE / "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    "Open Sans": (_TRUETYPE / "open-sans/OpenSans-Regular.ttf", _TRUETYPE / "open-sans/OpenSans-Bold.ttf"),
}
# Italic faces (regular, bold) where a family has them; a family without draws italics upright.
ITALICS = {"Liberation Serif": (FONT_DIR / "LiberationSerif-Italic.ttf", FONT_DIR / "LiberationSerif-BoldItalic.ttf")}


@dataclass
class Grid:
    """Rows of a ruled table on one page: each row's cells as wrapped lines, a row of two cells (its number and
    one cell across the other columns) being a group row; column widths and row heights in pixels."""

    columns: list[int]
    rows: list[list[list[str]]]
    heights: list[int]
    bold_first: bool = False  # the table's header row opens this piece

    @property
    def text(self) -> str:
        """The cells as the corpus writes a table: each cell a block of lines, a blank line between cells."""
        return "\n\n".join("\n".join(cell) for row in self.rows for cell in row)


@dataclass
class PageSpec:
    """What goes on one page: optional header columns, body lines and table grids, footnotes."""

    body: list[str | Grid]
    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    # Face of a header line by its text, "regular" or "italic"; a line not named here is bold.
    header_faces: dict[str, str] = field(default_factory=dict)
    # A signature block under the body: the distribution list in small type on the left; the
    # signer's title lines, blank rows for the seal and signature, and the name on the right.
    signature_left: list[str] = field(default_factory=list)
    signature_right: list[str] = field(default_factory=list)

    @property
    def reference_text(self) -> str:
        """Reading order: left header, right header, body, signature block (left, right), footnotes."""
        body = [item if isinstance(item, str) else f"\n{item.text}\n" for item in self.body]
        return "\n".join(self.header_left + self.header_right + body + self.signature_left + self.signature_right
                         + self.footnotes)


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


@dataclass(frozen=True)
class Typesetting:
    """How a page is typeset; the defaults are Nghị định 30/2020/NĐ-CP's (Times 13 pt, 1.5 lines,
    3 cm left and 2 cm top and right margins)."""

    family: str = "Liberation Serif"
    header_family: str = "Liberation Serif"
    body_pt: float = 13
    header_pt: float = 12
    line_spacing: float = 1.5
    margins_inches: tuple[float, float, float] = (1.18, 0.79, 0.79)  # left, top, right; bottom as top
    text_height_inches: float = A4_INCHES[1] - 1.57
    header_centres: tuple[float, float] = (0.2, 0.68)  # of the text width
    # Width of the body's and footnotes' letters (a word processor's character scale): below 1
    # narrower, above 1 wider than the face draws them.
    width_scale: float = 1.0

    def face(self, size_pt: float, dpi: int, *, bold: bool = False, header: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
        family = self.header_family if header else self.family
        regular, heavy = ITALICS.get(family, FONTS[family]) if italic else FONTS[family]
        return ImageFont.truetype(str(heavy if bold else regular), round(size_pt * dpi / 72))

    def line_height(self, dpi: int) -> int:
        return round(self.body_pt * self.line_spacing * dpi / 72)

    def lines_per_page(self, dpi: int) -> int:
        return int(self.text_height_inches * dpi) // self.line_height(dpi)

    def text_width(self, dpi: int) -> int:
        left, _, right = self.margins_inches
        return round((A4_INCHES[0] - left - right) * dpi)


DIRECTIVE = Typesetting()


def font(size_pt: float, dpi: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return DIRECTIVE.face(size_pt, dpi, bold=bold)


def wrap(text: str, face: ImageFont.FreeTypeFont, width_px: int, width_scale: float = 1.0) -> list[str]:
    """Greedy word wrap of one paragraph to a pixel width (letters drawn ``width_scale`` wide)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and face.getlength(candidate) * width_scale > width_px:
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
    style: Typesetting = DIRECTIVE,
    tables: bool = False,
) -> list[PageSpec]:
    """Wrap paragraphs to A4 text width and cut them into pages.

    ``footnotes`` maps a page index to footnote paragraphs (each starting with
    its number); they are wrapped in the 10 pt note font and the body on that
    page gives up the room they and their separator rule take. Empty paragraphs
    part blocks and take no room; with ``tables``, a table written one cell per
    block (:func:`find_tables`) is drawn as a ruled grid, cut between rows at a page end."""
    body_font = style.face(style.body_pt, dpi)
    width_px = style.text_width(dpi)
    line_height = style.line_height(dpi)
    lines_per_page = style.lines_per_page(dpi)
    items: list[str | _TableRow] = []
    position = 0
    for start, end, table in find_tables(paragraphs) if tables else []:
        items += [line for p in paragraphs[position:start] for line in wrap(p, body_font, width_px, style.width_scale)]
        items += _grid_rows(table, dpi, width_px, style) or [line for p in paragraphs[start:end] for line in wrap(p, body_font, width_px, style.width_scale)]
        position = end
    items += [line for p in paragraphs[position:] for line in wrap(p, body_font, width_px, style.width_scale)]
    footnotes = footnotes or {}
    pages: list[PageSpec] = []
    header_rows = _header_rows(first_page_header) if first_page_header else 0
    index = 0
    while index < len(items) or not pages or len(pages) in footnotes:
        note_face = style.face(NOTE_SIZE_PT, dpi)
        notes = [line for note in footnotes.get(len(pages), []) for line in wrap(note, note_face, width_px, style.width_scale)]
        capacity = lines_per_page - (header_rows if not pages else 0) - _note_rows(len(notes), dpi, line_height)
        taken, room = index, capacity * line_height
        while taken < len(items) and (taken == index or _height(items[taken], line_height) <= room):
            room -= _height(items[taken], line_height)
            taken += 1
        spec = PageSpec(body=_with_grids(items[index:taken]), footnotes=notes)
        if not pages and first_page_header:
            spec.header_left, spec.header_right = list(first_page_header[0]), list(first_page_header[1])
        pages.append(spec)
        index = taken
    return pages


# A table written one cell per block opens with its number column's header alone ("STT", "TT", "Số TT").
_TABLE_OPENING = re.compile(r"(?i)^(?:s?tt|số tt)$")
# A row's number cell: "1", "1.", "2.3", a group's "I", "I.1", "A".
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[IVX]{1,5}|[A-Z])(?:\.\d{1,3}){0,2}\.?$")
# A block that cannot be a cell: a numbered or Roman heading with text, an appendix, the recipients.
_AFTER_TABLE = re.compile(r"^(?:\d{1,2}\.|[IVX]{1,5}\.)\s+\S|^(?:PHỤ LỤC|Phụ lục\s+[IVX\d]|Nơi nhận|Chương\s+[IVXLC]|Điều\s+\d)")
HEADER_CELL_CHARS = 80  # a header cell names its column in a few words
TABLE_PT = 12
CELL_PADDING_INCHES = 0.05


@dataclass(frozen=True)
class Table:
    """A table read from cell-per-block text: the header's cells and each row's (a group row has two)."""

    header: list[list[str]]
    rows: list[list[list[str]]]


def _blocks(paragraphs: list[str], start: int) -> list[tuple[int, int]]:
    """(first, end) paragraph indexes of each block from ``start`` on: runs of non-empty paragraphs."""
    spans, first = [], None
    for index in range(start, len(paragraphs) + 1):
        empty = index == len(paragraphs) or not paragraphs[index].strip()
        if empty and first is not None:
            spans.append((first, index))
            first = None
        elif not empty and first is None:
            first = index
    return spans


def find_tables(paragraphs: list[str]) -> list[tuple[int, int, Table | None]]:
    """The tables written one cell per block (blocks parted by empty paragraphs): "STT" alone, the other header
    cells up to the first row's number, then rows, each its number cell and a cell per other column, or a group
    row's one title cell. Each as (first paragraph, end, table), the table None where the blocks do not fill a
    grid (a row with too many or too few cells): such a table is typeset as text."""
    found: list[tuple[int, int, Table | None]] = []
    index = 0
    while index < len(paragraphs):
        if not (_TABLE_OPENING.match(paragraphs[index].strip()) and (index == 0 or not paragraphs[index - 1].strip())):
            index += 1
            continue
        spans = _blocks(paragraphs, index)
        texts = [[p.strip() for p in paragraphs[a:b]] for a, b in spans]
        first_row = next((i for i, cell in enumerate(texts) if _number_cell(cell)), None)
        header = texts[:first_row]
        if first_row is None or len(header) < 3 or any(len(" ".join(cell)) > HEADER_CELL_CHARS for cell in header):
            index += 1
            continue
        rows, position, consistent = [], first_row, True
        while position < len(texts) and _number_cell(texts[position]):
            cells = [texts[position]]
            position += 1
            while position < len(texts) and not _number_cell(texts[position]) \
                    and not _TABLE_OPENING.match(texts[position][0]) and not _AFTER_TABLE.match(texts[position][0]):
                cells.append(texts[position])
                position += 1
            if len(cells) > len(header) and not (position < len(texts) and _number_cell(texts[position])):
                position -= len(cells) - len(header)  # the table ends with its last row: text follows
                cells = cells[: len(header)]
            consistent &= len(cells) in (2, len(header))
            rows.append(cells)
        end = spans[position - 1][1]
        found.append((index, end, Table(header, rows) if consistent else None))
        index = end
    return found


def _number_cell(cell: list[str]) -> bool:
    return len(cell) == 1 and bool(_ROW_NUMBER.match(cell[0]))


@dataclass(frozen=True)
class _TableRow:
    """One row of a typeset table, as pagination places it."""

    columns: list[int]  # one list per table: rows sharing it are one table's
    cells: list[list[str]]
    height: int
    header: bool


def _height(item: "str | _TableRow", line_height: int) -> int:
    return line_height if isinstance(item, str) else item.height


def _grid_rows(table: Table | None, dpi: int, width_px: int, style: Typesetting) -> list[_TableRow]:
    """The table's rows with column widths from their content: each column at least its longest word, the
    width left shared out by how much more its longest cell asks. None when the longest words do not fit."""
    if table is None:
        return []
    face, bold = style.face(TABLE_PT, dpi), style.face(TABLE_PT, dpi, bold=True)
    padding = round(CELL_PADDING_INCHES * dpi)
    full = [table.header] + [row for row in table.rows if len(row) == len(table.header)]

    def widest(column: int, measure) -> float:
        return max(measure(" ".join(row[column])) for row in full) + 2 * padding + 1

    narrowest = [widest(c, lambda text: max((bold.getlength(w) for w in text.split()), default=0)) for c in range(len(table.header))]
    natural = [widest(c, bold.getlength) for c in range(len(table.header))]
    if sum(narrowest) > width_px:
        return []
    room, asked = width_px - sum(narrowest), sum(natural) - sum(narrowest)
    share = [(n - m) / asked if asked else 1 / len(natural) for n, m in zip(natural, narrowest)]
    columns = [int(m + room * part) for m, part in zip(narrowest, share)]
    columns[-1] = width_px - sum(columns[:-1])
    line_height = _cell_line_height(dpi)
    rows = []
    for number, row in enumerate([table.header] + table.rows):
        widths = columns if len(row) == len(columns) else [columns[0], sum(columns[1:])]
        lines = [[line for text in cell for line in wrap(text, bold if number == 0 else face, width - 2 * padding)] for cell, width in zip(row, widths)]
        height = max(map(len, lines)) * line_height + 2 * padding
        rows.append(_TableRow(columns, lines, height, number == 0))
    return rows


def _cell_line_height(dpi: int) -> int:
    return round(TABLE_PT * 1.25 * dpi / 72)


def _with_grids(items: "list[str | _TableRow]") -> list[str | Grid]:
    """Body lines as they are, each run of one table's rows as one grid."""
    body: list[str | Grid] = []
    for item in items:
        if isinstance(item, str):
            body.append(item)
        elif body and isinstance(body[-1], Grid) and body[-1].columns is item.columns:
            body[-1].rows.append(item.cells)
            body[-1].heights.append(item.height)
        else:
            body.append(Grid(item.columns, [item.cells], [item.height], item.header))
    return body
def _header_rows(header: tuple[list[str], list[str]]) -> int:
    """Body lines the two header columns take, with the blank row under them."""
    return max(len(header[0]), len(header[1])) + 1


def _note_rows(note_lines: int, dpi: int, line_height: int) -> int:
    """Body lines given up for ``note_lines`` footnote lines plus the rule above them."""
    if not note_lines:
        return 0
    return -(-(_note_height(dpi) * (note_lines + 1)) // line_height)


def _note_height(dpi: int) -> int:
    return round(NOTE_SIZE_PT * 1.3 * dpi / 72)


def render(spec: PageSpec, dpi: int, style: Typesetting = DIRECTIVE) -> Image.Image:
    """Typeset one page as a clean greyscale image."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    left, top, right = (round(margin * dpi) for margin in style.margins_inches)
    body_font, note_font = style.face(style.body_pt, dpi), style.face(NOTE_SIZE_PT, dpi)
    header_fonts = {
        "bold": style.face(style.header_pt, dpi, bold=True, header=True),
        "regular": style.face(style.header_pt, dpi, header=True),
        "italic": style.face(style.header_pt, dpi, header=True, italic=True),
    }
    line_height = style.line_height(dpi)
    y = top
    if spec.header_left or spec.header_right:
        text_width = width - left - right
        left_centre = left + text_width * style.header_centres[0]
        right_centre = left + text_width * style.header_centres[1]
        for row in range(max(len(spec.header_left), len(spec.header_right))):
            for column, centre in ((spec.header_left, left_centre), (spec.header_right, right_centre)):
                if row < len(column):
                    header_font = header_fonts[spec.header_faces.get(column[row], "bold")]
                    draw.text((centre - header_font.getlength(column[row]) / 2, y), column[row], font=header_font, fill=0)
            y += line_height
        y += line_height
    for item in spec.body:
        if isinstance(item, Grid):
            _draw_grid(draw, item, (left, y), dpi, style)
            y += sum(item.heights)
            continue
        _draw_scaled(image, (left, y), item, body_font, style.width_scale)
        y += line_height
    if spec.signature_left or spec.signature_right:
        _draw_signature(draw, spec, y, dpi, style)
    if spec.footnotes:
        note_height = _note_height(dpi)
        y = height - round(style.margins_inches[1] * dpi) - note_height * len(spec.footnotes)
        draw.line((left, y - note_height // 2, left + 2 * dpi, y - note_height // 2), fill=0, width=max(1, dpi // 150))
        for note in spec.footnotes:
            _draw_scaled(image, (left, y), note, note_font, style.width_scale)
            y += note_height
    return image


def _draw_grid(draw: ImageDraw.ImageDraw, grid: Grid, origin: tuple[int, int], dpi: int, style: Typesetting) -> None:
    """The grid's rules and its cells' lines, from ``origin`` (its top left corner)."""
    face, bold = style.face(TABLE_PT, dpi), style.face(TABLE_PT, dpi, bold=True)
    padding, rule, line_height = round(CELL_PADDING_INCHES * dpi), max(1, dpi // 100), _cell_line_height(dpi)
    left, y = origin
    right = left + sum(grid.columns)
    for number, (row, height) in enumerate(zip(grid.rows, grid.heights)):
        widths = grid.columns if len(row) == len(grid.columns) else [grid.columns[0], sum(grid.columns[1:])]
        draw.line((left, y, right, y), fill=0, width=rule)
        x = left
        for cell, width in zip(row, widths):
            draw.line((x, y, x, y + height), fill=0, width=rule)
            for index, line in enumerate(cell):
                draw.text((x + padding, y + padding + index * line_height), line, font=bold if grid.bold_first and number == 0 else face, fill=0)
            x += width
        draw.line((right, y, right, y + height), fill=0, width=rule)
        y += height
    draw.line((left, y, right, y), fill=0, width=rule)


def _draw_scaled(image: Image.Image, origin: tuple[int, int], text: str, face: ImageFont.FreeTypeFont, width_scale: float) -> None:
    """Black text at ``origin``, its letters stretched horizontally by ``width_scale``."""
    if width_scale == 1.0:
        ImageDraw.Draw(image).text(origin, text, font=face, fill=0)
        return
    _, _, right, bottom = face.getbbox(text)
    strip = Image.new("L", (max(1, right), max(1, bottom)), 255)
    ImageDraw.Draw(strip).text((0, 0), text, font=face, fill=0)
    strip = strip.resize((max(1, round(right * width_scale)), strip.height), Image.LANCZOS)
    box = (origin[0], origin[1], origin[0] + strip.width, origin[1] + strip.height)
    image.paste(ImageChops.darker(image.crop(box), strip), box[:2])


# --- a directive's own layout: the two-column header and signature block ------------------------

SIGNATURE_NOTE_PT = 11  # the distribution list's type
SIGNATURE_GAP_ROWS = 3  # blank rows between the signer's title and name, for the seal and signature
_MOTTO_OPENING = re.compile(r"^CONG\b")
_MOTTO_CLOSING = re.compile(r"^DOC\s*LAP\b")
_NUMBER_LABEL = re.compile(r"^So\s*:")
_SUBJECT_OPENING = re.compile(r"\s*\bV/v\b")
_PLACE_AND_DATE = re.compile(r"\S,\s*ngay\s.*\bnam\s+\d{4}\s*$")
_DISTRIBUTION_OPENING = re.compile(r"^\W{0,3}Noi nhan\b")
_DASHED = re.compile(r"^[-–+]")
_STORAGE = re.compile(r"^[-–+]?\s*Luu\b")
_NAME = re.compile(r"^(?:[A-ZĐ][a-zđ]*\s+){1,4}[A-ZĐ][a-zđ]*$")
MAX_ISSUER_LINES = 4
MAX_HEADER_NUMBER_LINES = 5  # "Số:", the number, the "V/v" subject's lines before the place and date
MAX_TITLE_LINES = 6


@dataclass
class DirectiveHeader:
    """The header's columns as a directive sets them, and how many of the text's paragraphs they are."""

    left: list[str]
    right: list[str]
    faces: dict[str, str]
    paragraphs: int


@dataclass
class SignatureBlock:
    """The "Nơi nhận:" list and the signature lines, and where they stand among the paragraphs."""

    distribution: list[str]
    signature: list[str]
    start: int
    end: int


def _folded(paragraph: str) -> str:
    return fold(paragraph).strip()


def find_header(paragraphs: list[str], dpi: int, style: Typesetting = DIRECTIVE) -> DirectiveHeader | None:
    """The header a text opens with: the issuer's lines (upper case), the national motto's, "Số:"
    and its number, a "V/v" subject, the place-and-date line; None when the text does not open so."""
    motto = next((i for i, p in enumerate(paragraphs[: MAX_ISSUER_LINES + 1]) if _MOTTO_OPENING.match(_folded(p).upper())), None)
    if not motto or any(p != p.upper() for p in paragraphs[:motto]):
        return None
    closing = next((i for i in range(motto, min(motto + 4, len(paragraphs))) if _MOTTO_CLOSING.match(_folded(paragraphs[i]).upper())), None)
    if closing is None:
        return None
    numbered = paragraphs[closing + 1 : closing + 1 + MAX_HEADER_NUMBER_LINES + 1]
    dated = next((i for i, p in enumerate(numbered) if _PLACE_AND_DATE.search(_folded(p))), None)
    if dated is None or not all(_NUMBER_LABEL.match(_folded(p)) or _SUBJECT_OPENING.match(p) or not p.count(" ") for p in numbered[:dated]):
        return None
    number, _, subject = " ".join(numbered[:dated]).partition("V/v")
    column_width = round(2 * style.header_centres[0] * style.text_width(dpi))
    bold, regular = style.face(style.header_pt, dpi, bold=True, header=True), style.face(style.header_pt, dpi, header=True)
    issuer = [line for p in paragraphs[:motto] for line in wrap(p, bold, column_width)]
    number_lines = wrap(number, regular, column_width)
    subject_lines = wrap(f"V/v {subject.strip()}", regular, column_width) if subject.strip() else []
    motto_lines = [" ".join(paragraphs[motto:closing]), paragraphs[closing]]
    # "Số:" stands level with the place and date, under the taller of issuer and motto
    rows = max(len(issuer), len(motto_lines))
    left = issuer + [""] * (rows - len(issuer)) + number_lines + subject_lines
    right = motto_lines + [""] * (rows - len(motto_lines)) + [numbered[dated]]
    faces = {line: "regular" for line in number_lines + subject_lines} | {numbered[dated]: "italic"}
    return DirectiveHeader(left, right, faces, closing + 2 + dated)


def find_signature(paragraphs: list[str], after: int = 0) -> SignatureBlock | None:
    """The first "Nơi nhận:" list after paragraph ``after`` (its dashed items and their
    wrapped lines, through the "Lưu" entry), then the signer's title lines (upper case)
    and name; None when the text has no such block."""
    start = next((i for i in range(after, len(paragraphs)) if _DISTRIBUTION_OPENING.match(_folded(paragraphs[i]))), None)
    if start is None:
        return None
    index, ended = start + 1, False
    while index < len(paragraphs) and not ended:
        folded = _folded(paragraphs[index])
        # an item's wrapped lines: after an unfinished line, or in lower case (title lines are upper case)
        continuing = not paragraphs[index - 1].rstrip().endswith((";", ".", ":")) or paragraphs[index] != paragraphs[index].upper()
        if not (_DASHED.match(folded) or continuing):
            break
        ended = bool(_STORAGE.match(folded))
        index += 1
    titles = index
    while index < len(paragraphs) and index - titles < MAX_TITLE_LINES and paragraphs[index] == paragraphs[index].upper():
        index += 1
    if index == titles or index >= len(paragraphs) or not _NAME.match(_folded(paragraphs[index])):
        return None
    return SignatureBlock(paragraphs[start:titles], paragraphs[titles : index + 1], start, index + 1)


def typeset_directive(paragraphs: list[str], dpi: int, style: Typesetting = DIRECTIVE, *, tables: bool = False) -> list[PageSpec]:
    """Pages of a directive's text laid out as a directive is: its header in two columns at the
    top of the first page, its signature block in two columns under the last paragraph before it
    (on a page of its own when the rest of that page is too short), what follows the block
    (attachments, notes) from the next page on. A text without them is set as ``paginate`` sets it
    (``tables`` as there); empty paragraphs only part blocks."""
    written = [index for index, paragraph in enumerate(paragraphs) if paragraph.strip()]
    lines = [paragraphs[index] for index in written]

    def at(index: int) -> int:  # the position in ``paragraphs`` of the written line ``index``
        return written[index] if index < len(written) else len(paragraphs)

    header = find_header(lines, dpi, style)
    opening = header.paragraphs if header else 0
    signature = find_signature(lines, opening)
    before = paragraphs[at(opening) : at(signature.start)] if signature else paragraphs[at(opening):]
    pages = paginate(before, dpi, first_page_header=(header.left, header.right) if header else None, style=style,
                     tables=tables)
    if header:
        pages[0].header_faces = header.faces
    if not signature:
        return pages
    left, right = _signature_columns(signature, dpi, style)
    line_height = style.line_height(dpi)
    body_height = sum(line_height if isinstance(item, str) else sum(item.heights) for item in pages[-1].body)
    used = -(-body_height // line_height) + (_header_rows((header.left, header.right)) if header and len(pages) == 1 else 0)
    if used + _signature_rows(left, right, dpi, style) > style.lines_per_page(dpi):
        pages.append(PageSpec(body=[]))
    pages[-1].signature_left, pages[-1].signature_right = left, right
    rest = paragraphs[at(signature.end - 1) + 1 :]
    return pages + (paginate(rest, dpi, style=style, tables=tables) if any(p.strip() for p in rest) else [])


def _signature_columns(block: SignatureBlock, dpi: int, style: Typesetting) -> tuple[list[str], list[str]]:
    """The block's lines wrapped to its columns' widths; blank rows between title and name."""
    half = style.text_width(dpi) // 2
    note = style.face(SIGNATURE_NOTE_PT, dpi)
    left = [line for item in block.distribution for line in wrap(item, note, half)]
    title = style.face(style.body_pt, dpi, bold=True)
    titles = [line for item in block.signature[:-1] for line in wrap(item, title, half)]
    return left, titles + [""] * SIGNATURE_GAP_ROWS + block.signature[-1:]


def _signature_note_height(dpi: int) -> int:
    return round(SIGNATURE_NOTE_PT * 1.3 * dpi / 72)


def _signature_rows(left: list[str], right: list[str], dpi: int, style: Typesetting) -> int:
    """Body lines the block takes, with the blank row above it."""
    line_height = style.line_height(dpi)
    return 1 - (-max(len(left) * _signature_note_height(dpi), len(right) * line_height) // line_height)


def _draw_signature(draw: ImageDraw.ImageDraw, spec: PageSpec, top: int, dpi: int, style: Typesetting) -> None:
    """The signature block from ``top`` (the row under the body) on: the list from the left margin,
    "Nơi nhận:" in bold italic, its items in small type; the signature lines in bold centred
    under the right header column's place."""
    left = round(style.margins_inches[0] * dpi)
    line_height = style.line_height(dpi)
    y = top + line_height
    opening, note = style.face(style.header_pt, dpi, bold=True, italic=True), style.face(SIGNATURE_NOTE_PT, dpi)
    for number, line in enumerate(spec.signature_left):
        draw.text((left, y), line, font=opening if number == 0 else note, fill=0)
        y += _signature_note_height(dpi)
    bold = style.face(style.body_pt, dpi, bold=True)
    centre = left + style.text_width(dpi) * style.header_centres[1]
    y = top + line_height
    for line in spec.signature_right:
        draw.text((centre - bold.getlength(line) / 2, y), line, font=bold, fill=0)
        y += line_height


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


# --- the degradation family: real-world damage, randomised per page ------------------------

INK_COLOURS = {"red": (205, 35, 45), "purple": (115, 45, 150), "blue": (25, 50, 165)}
TABLE_COLOUR = (70, 62, 55)  # what a phone photo shows around the page


@dataclass(frozen=True)
class Damage:
    """One page's damage. Geometry and resolution first, then ink, paper and capture."""

    rotation_degrees: float = 0.0
    perspective: float = 0.0  # corner displacement, fraction of the page side (photos)
    curl: float = 0.0  # page curl, bulge as a fraction of the page height
    capture_dpi: int | None = None  # resample to this resolution (phone photos: 60–120)
    seals: int = 0  # red or purple round seals and "SAO Y" stamps over the text
    seal_colour: str = "red"
    handwriting: int = 0  # blue pen strokes in the margins and over the text's blanks
    illumination: float = 0.0  # 0 = even light, 0.5 = one corner at half brightness
    bleed_through: float = 0.0  # 0–1: how dark the other side's text shows through
    folds: int = 0
    fade: float = 0.0
    blur_sigma: float = 0.0
    noise_sigma: float = 0.0
    salt_pepper: float = 0.0  # fraction of pixels flipped to black or white
    bitonal: bool = False  # thresholded to black and white, as a fax or CCITT scan
    jpeg_quality: int | None = None

    @property
    def coloured(self) -> bool:
        return bool(self.seals or self.handwriting or self.illumination or self.perspective or self.curl)


def _uniform(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 3)


def _scan(rng: random.Random) -> dict:
    """Flatbed scan damage every member shares in some measure."""
    return {
        "rotation_degrees": rng.choice([-1, 1]) * _uniform(rng, 0.2, 2.5),
        "blur_sigma": _uniform(rng, 0.3, 1.2),
        "noise_sigma": _uniform(rng, 3, 14),
        "salt_pepper": _uniform(rng, 0, 0.003),
        "fade": _uniform(rng, 0, 0.3),
        "jpeg_quality": rng.randint(20, 90),
    }


def _photo(rng: random.Random) -> dict:
    return {
        "rotation_degrees": rng.choice([-1, 1]) * _uniform(rng, 0, 3),
        "perspective": _uniform(rng, 0.01, 0.06),
        "curl": _uniform(rng, 0, 0.015),
        "capture_dpi": rng.randint(60, 120),
        "illumination": _uniform(rng, 0.1, 0.45),
        "blur_sigma": _uniform(rng, 0, 0.8),
        "noise_sigma": _uniform(rng, 2, 8),
        "jpeg_quality": rng.randint(50, 90),
    }


def _paper(rng: random.Random) -> dict:
    """Old paper: uneven light, the reverse side showing through, folds."""
    return {"illumination": _uniform(rng, 0.1, 0.4), "bleed_through": _uniform(rng, 0.1, 0.35), "folds": rng.randint(1, 2)}


def _ink(rng: random.Random) -> dict:
    """Coloured ink over the print: seals and stamps, pen writing."""
    return {"seals": rng.randint(1, 2), "seal_colour": rng.choice(["red", "purple"]), "handwriting": rng.randint(2, 6)}


# The paper and ink damages a combination picks from (a seal's colour goes with the seal).
_COMBINABLE = (("illumination",), ("bleed_through",), ("folds",), ("seals", "seal_colour"), ("handwriting",))


def _combination(rng: random.Random) -> dict:
    """A realistic archive page: the scan damage together with two to all five of the paper
    and ink damages, each drawn over the family's ranges."""
    extras = {**_paper(rng), **_ink(rng)}
    chosen = rng.sample(_COMBINABLE, rng.randint(2, len(_COMBINABLE)))
    return {**_scan(rng), **{name: extras[name] for names in chosen for name in names}}


# Named members of the family: each draws its parameters from its own ranges. Benchmarks
# report accuracy per member; the last three are the phone-photo members.
MEMBERS = {
    "clean": lambda rng: {},
    "scan": _scan,
    "fax": lambda rng: {**_scan(rng), "blur_sigma": _uniform(rng, 0.3, 0.9), "bitonal": True, "jpeg_quality": None},
    "paper": lambda rng: {**_scan(rng), **_paper(rng)},
    "ink": lambda rng: {**_scan(rng), **_ink(rng)},
    "combo": _combination,
    "photo-clean": lambda rng: {
        "capture_dpi": rng.randint(60, 120),
        "perspective": _uniform(rng, 0.01, 0.04),
        "illumination": _uniform(rng, 0.05, 0.15),
        "jpeg_quality": 90,
    },
    "photo": _photo,
    "photo-dark-blurred": lambda rng: {
        **_photo(rng),
        "blur_sigma": _uniform(rng, 0.8, 1.5),
        "fade": _uniform(rng, 0.1, 0.3),
        "illumination": _uniform(rng, 0.35, 0.55),
    },
}


def sample_damage(member: str, seed: int) -> Damage:
    """The damage of one page of ``member`` (a ``MEMBERS`` name), reproducible from ``seed``."""
    return Damage(**MEMBERS[member](random.Random(seed)))


def damage_page(image: Image.Image, damage: Damage, dpi: int, seed: int) -> tuple[Image.Image, int]:
    """Apply ``damage`` to a clean greyscale page typeset at ``dpi``; returns the damaged page
    (RGB when colour was involved, else greyscale; bitonal as mode "1") and its resolution."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float32) / 255.0
    if damage.bleed_through:
        pixels = _bleed_through(pixels, damage.bleed_through, dpi)
    if damage.fade:
        pixels = 1 - (1 - pixels) * (1 - damage.fade)
    page = np.repeat(pixels[:, :, None], 3, axis=2)
    for _ in range(damage.seals):
        page = _overprint(page, _seal(page.shape[:2], dpi, rng), INK_COLOURS[damage.seal_colour])
    for _ in range(damage.handwriting):
        page = _overprint(page, _pen_stroke(pixels, dpi, rng), INK_COLOURS["blue"])
    for _ in range(damage.folds):
        page = page * _fold(page.shape[:2], rng)[:, :, None]
    if damage.illumination:
        page = page * _lighting(page.shape[:2], damage.illumination, rng)[:, :, None]
    page = (np.clip(page, 0, 1) * 255).astype(np.uint8)
    if damage.curl:
        page = _curl(page, damage.curl)
    if damage.perspective:
        page = _photograph(page, damage.perspective, damage.rotation_degrees, rng)
    elif damage.rotation_degrees:
        page = _rotate(page, damage.rotation_degrees)
    if damage.capture_dpi:
        factor = damage.capture_dpi / dpi
        page = cv2.resize(page, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        dpi = damage.capture_dpi
    out = page.astype(np.float32)
    if damage.blur_sigma:
        out = cv2.GaussianBlur(out, (0, 0), damage.blur_sigma)
    if damage.noise_sigma:
        out = out + rng.normal(0, damage.noise_sigma, out.shape[:2])[:, :, None]
    if damage.salt_pepper:
        flips = rng.random(out.shape[:2])
        out[flips < damage.salt_pepper / 2] = 0
        out[flips > 1 - damage.salt_pepper / 2] = 255
    out = np.clip(out, 0, 255).astype(np.uint8)
    if damage.bitonal:
        grey = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)
        return Image.fromarray(grey).point(lambda v: 255 if v > 150 else 0).convert("1"), dpi
    result = Image.fromarray(out) if damage.coloured else Image.fromarray(cv2.cvtColor(out, cv2.COLOR_RGB2GRAY))
    if damage.jpeg_quality:
        buffer = io.BytesIO()
        result.save(buffer, format="JPEG", quality=damage.jpeg_quality)
        result = Image.open(io.BytesIO(buffer.getvalue()))
        result.load()
    return result, dpi


def _overprint(page: np.ndarray, alpha: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    """Translucent ink over the page: it darkens what is under it, as a stamp does."""
    ink = np.array(colour, np.float32) / 255.0
    return page * (1 - alpha[:, :, None] * (1 - ink))


def _seal(shape: tuple[int, int], dpi: int, rng: np.random.Generator) -> np.ndarray:
    """Coverage of a round seal (two rings, a star, a ring of letters) or a rectangular
    "SAO Y" stamp, somewhere over the text."""
    height, width = shape
    mask = np.zeros(shape, np.uint8)
    centre = (int(rng.uniform(0.3, 0.8) * width), int(rng.uniform(0.25, 0.85) * height))
    thickness = max(1, dpi // 75)
    if rng.random() < 0.7:
        radius = int(dpi * rng.uniform(0.7, 0.9))
        cv2.circle(mask, centre, radius, 255, 2 * thickness)
        cv2.circle(mask, centre, int(radius * 0.72), 255, thickness)
        angles = np.linspace(0, 2 * np.pi, 11)[:-1] - np.pi / 2
        star = [
            (centre[0] + np.cos(a) * radius * (0.3 if i % 2 else 0.13), centre[1] + np.sin(a) * radius * (0.3 if i % 2 else 0.13))
            for i, a in enumerate(angles)
        ]
        cv2.fillPoly(mask, [np.array(star, np.int32)], 255)
        for angle in np.linspace(0, 2 * np.pi, 28, endpoint=False):
            x = int(centre[0] + np.cos(angle) * radius * 0.86)
            y = int(centre[1] + np.sin(angle) * radius * 0.86)
            cv2.putText(mask, chr(65 + int(rng.integers(26))), (x - thickness * 3, y + thickness * 3), cv2.FONT_HERSHEY_SIMPLEX, dpi / 400, 255, thickness)
    else:
        top_left = (centre[0] - dpi, centre[1] - dpi // 4)
        cv2.rectangle(mask, top_left, (centre[0] + dpi, centre[1] + dpi // 4), 255, thickness * 2)
        cv2.putText(mask, "SAO Y", (top_left[0] + dpi // 3, centre[1] + dpi // 8), cv2.FONT_HERSHEY_DUPLEX, dpi / 90, 255, thickness * 2)
    alpha = cv2.GaussianBlur(mask.astype(np.float32) / 255.0, (0, 0), dpi / 300)
    return alpha * rng.uniform(0.6, 0.95)


def _pen_stroke(pixels: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """Coverage of a line of cursive-like pen writing: in the left margin (notes written up the
    page, as archive readers do) or across the text (a number or name in a blank)."""
    height, width = pixels.shape
    mask = np.zeros(pixels.shape, np.uint8)
    length = int(dpi * rng.uniform(0.8, 3.0))
    loops = np.linspace(0, length / (dpi / 12), 400)
    along = np.linspace(0, length, 400)
    across = dpi / 20 * np.sin(loops) + dpi / 60 * np.sin(2.3 * loops + rng.uniform(0, 6))
    forward = along + dpi / 30 * np.cos(loops)
    if rng.random() < 0.5:  # margin note, written upwards
        x0, y0 = rng.uniform(0.05, 0.13) * width, rng.uniform(0.4, 0.9) * height
        points = np.stack([x0 + across, y0 - forward], axis=1)
    else:
        x0, y0 = rng.uniform(0.15, 0.7) * width, rng.uniform(0.1, 0.9) * height
        points = np.stack([x0 + forward, y0 + across], axis=1)
    cv2.polylines(mask, [points.astype(np.int32)], False, 255, max(1, dpi // 100), cv2.LINE_AA)
    return mask.astype(np.float32) / 255.0 * rng.uniform(0.7, 1.0)


def _bleed_through(pixels: np.ndarray, strength: float, dpi: int) -> np.ndarray:
    """The reverse side's print, mirrored, blurred and faint, under this side's."""
    shift = int(dpi * 0.3)
    reverse = np.roll(pixels[:, ::-1], shift, axis=0)
    reverse = cv2.GaussianBlur(reverse, (0, 0), dpi / 100)
    return np.minimum(pixels, 1 - strength * (1 - reverse))


def _fold(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Brightness of a fold across the page: a dark crease with a soft shadow on one side."""
    height, width = shape
    horizontal = rng.random() < 0.7
    position = rng.uniform(0.3, 0.7) * (height if horizontal else width)
    axis = np.arange(height if horizontal else width, dtype=np.float32) - position
    crease = 1 - 0.35 * np.exp(-((axis / 1.5) ** 2)) - 0.12 * np.exp(-np.maximum(axis, 0) / (0.01 * len(axis)))
    return np.tile(crease[:, None], (1, width)) if horizontal else np.tile(crease[None, :], (height, 1))


def _lighting(shape: tuple[int, int], strength: float, rng: np.random.Generator) -> np.ndarray:
    """Uneven light: brightness falls towards a random corner and the edges."""
    height, width = shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    corner_x, corner_y = rng.choice([0, width]), rng.choice([0, height])
    distance = np.hypot((xs - corner_x) / width, (ys - corner_y) / height) / np.sqrt(2)
    vignette = np.hypot(xs / width - 0.5, ys / height - 0.5) / np.sqrt(0.5)
    return 1 - strength * (0.75 * (1 - distance) + 0.25 * vignette)


def _rotate(page: np.ndarray, degrees: float) -> np.ndarray:
    height, width = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(page, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))


def _curl(page: np.ndarray, bulge: float) -> np.ndarray:
    """Lines bow as over a curled page: each column shifts down by a sine of its position."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    map_y = ys - bulge * height * np.sin(np.pi * xs / width)
    return cv2.remap(page, xs, map_y, cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def _photograph(page: np.ndarray, strength: float, degrees: float, rng: np.random.Generator) -> np.ndarray:
    """The page seen at an angle on a dark table: turned by ``degrees``, its corners moved,
    a border of table around."""
    height, width = page.shape[:2]
    border = int(0.08 * max(height, width))
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    turned = corners @ turn[:, :2].T + turn[:, 2]
    jitter = rng.uniform(-strength, strength, (4, 2)) * np.float32([width, height])
    target = (turned + border + jitter).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    size = (width + 2 * border, height + 2 * border)
    return cv2.warpPerspective(page, matrix, size, flags=cv2.INTER_LINEAR, borderValue=TABLE_COLOUR)
