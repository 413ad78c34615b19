"""Reading order of a directive page: header columns, body, footnotes.

Tesseract reads the two-column header of Nghị định 30/2020/NĐ-CP row by row
("ỦY BAN NHÂN DÂN" / "CỘNG HÒA XÃ HỘI…" / "TỈNH BẮC GIANG" / "Độc lập…"), which
interleaves issuer and motto. Here the header is found geometrically (lines
side by side near the top of the page), each column is read top to bottom, left
column first; footnotes (smaller text at the bottom, starting with a number)
are marked and moved after the body.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from ..types import BBox, Line, Page, Word
from ..vietnamese import fold

HEADER_ZONE = 0.45  # fraction of page height where the header columns can be
BODY_WIDTH = 0.55  # a line wider than this fraction of the page is body text: the header is above it
FOOTNOTE_ZONE = 0.6  # footnotes start below this fraction of page height
FOOTNOTE_SIZE = 0.88  # footnote text height relative to the body median
MIN_COLUMN_LETTERS = 3  # a header column line has words, not specks
COLUMN_GAP = 2.0  # a gap wider than this many text heights separates two columns…
# …and so does a narrower one, at least this many text heights, when it is several times the
# line's usual word space ("Số: 4385/QĐ-BVHTTDL   Hà Nội, ngày…": a long number nearly
# meets the date); a justified line widens all its spaces alike and is not cut
NARROW_COLUMN_GAP = 1.0
SPACES_IN_COLUMN_GAP = 3.0
# …and in the row below the header's pairs, a gap this many word spaces wide, where it parts two pieces centred
# under the columns
SPACES_IN_ROW_GAP = 2.0
ROW_STEPS_APART = 1.5  # a step between header lines this many times the shortest one skips a row
MOTTO_OPENINGS = (("CONG", "HOA", "XA"), ("DOC", "LAP"))  # folded first words of the motto's two lines
FOOTNOTE_START = re.compile(r"^[(\[]?\d{1,3}[)\].]?(\s|$)|^[¹²³⁴⁵⁶⁷⁸⁹⁰]")
# "Nơi nhận:", which heads the left column of every directive's signature block (Nghị định 30/2020/NĐ-CP)
DISTRIBUTION_OPENING = re.compile(r"(?i)^\W{0,3}n\S{0,2}i\s*nh\S{0,3}n\b")
# A line ended its paragraph when the next line's first word would have fitted after it with this many text
# heights to spare: a word processor wraps only before a word that does not fit, and the space before the word
# and the side bearings that the words' ink boxes leave out take less than this.
PARAGRAPH_END_ROOM = 0.5
# Share of the measure a line fills for its room to be measured: a shorter line's end shows in the text by its
# length alone, and table cells typeset one a line down the margin are as short.
PARAGRAPH_END_FILL = 0.75
MARGIN_NEIGHBOURS = 4  # body lines on each side of a line over which the text's margins are measured


def _height(line: Line) -> int:
    return line.bbox[3] - line.bbox[1]


def _side_by_side(a: Line, b: Line) -> bool:
    """Vertically overlapping by half a line and horizontally apart."""
    overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    apart = a.bbox[2] < b.bbox[0] or b.bbox[2] < a.bbox[0]
    return apart and overlap > 0.5 * min(_height(a), _height(b))


def line_of(words: list[Word], like: Line) -> Line:
    bbox = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words), max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
    return Line(words=words, bbox=bbox, text_height=like.text_height)


def split_columns(lines: list[Line], limit: float) -> list[Line]:
    """Cut lines above ``limit`` at column-wide gaps: Tesseract sometimes reads a
    header row ("ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI…") as one line."""
    result: list[Line] = []
    for line in lines:
        result.extend(cut_at_column_gaps(line) if line.bbox[1] < limit else [line])
    return result


def cut_at_column_gaps(line: Line) -> list[Line]:
    """The line's pieces between column-wide gaps, left to right (the line itself when it has none)."""
    if len(line.words) < 2:
        return [line]
    words = sorted(line.words, key=lambda w: w.bbox[0])
    wide = COLUMN_GAP * line.text_height
    # Columns are cut where the blank space between two words with letters or
    # digits, not counting the punctuation or dirt in it, is column-wide: a speck
    # in the middle of a column gap cannot bridge it, a dash cannot open one.
    content = [w for w in words if _letters([w])]
    if not content:
        return [line]
    motto = motto_starts(content)
    # The part of a mark inside the gap is taken off, also where its box reaches into a word's ("KTVB -" / "Bộ …").
    marks = [w for w in words if not _letters([w])]
    blanks = [
        word.bbox[0] - previous.bbox[2]
        - sum(max(0, min(w.bbox[2], word.bbox[0]) - max(w.bbox[0], previous.bbox[2])) for w in marks)
        for previous, word in zip(content, content[1:])
    ]
    if len(blanks) >= 3:
        wide = min(wide, max(NARROW_COLUMN_GAP * line.text_height, SPACES_IN_COLUMN_GAP * statistics.median(blanks)))
    column_of, column = {id(content[0]): 0}, 0
    for index, (blank, word) in enumerate(zip(blanks, content[1:]), 1):
        if blank > wide or index in motto:
            column += 1
        column_of[id(word)] = column
    if column == 0 and len(content) == len(words):
        return [line]
    parts: list[list[Word]] = [[] for _ in range(column + 1)]
    for word in words:
        if id(word) not in column_of:  # punctuation joins the nearest word; far from any word it is dirt
            nearest = min(content, key=lambda w: _distance(w, word))
            if _distance(nearest, word) > wide:
                continue
            column_of[id(word)] = column_of[id(nearest)]
        parts[column_of[id(word)]].append(word)
    return [line_of(part, line) for part in parts]


def motto_starts(words: list[Word]) -> set[int]:
    """Indexes where the national motto ("CỘNG HÒA XÃ HỘI…", "Độc lập - Tự do…")
    begins: every directive heads its right header column with it (Nghị định
    30/2020/NĐ-CP), so a header row read as one line is cut there even when the
    issuer's name nearly touches it."""
    keys = [fold("".join(c for c in w.text if c.isalpha())).upper() for w in words]
    return {i for i in range(len(keys)) for opening in MOTTO_OPENINGS if tuple(keys[i : i + len(opening)]) == opening}


def _distance(a: Word, b: Word) -> int:
    """Horizontal space between two words (0 when they overlap)."""
    return max(b.bbox[0] - a.bbox[2], a.bbox[0] - b.bbox[2], 0)


def _letters(words: list[Word]) -> int:
    """Letters and digits; modifier letters (ˆ, ˇ: specks read as accents) do not count."""
    return sum(c.isalnum() and unicodedata.category(c) != "Lm" for w in words for c in w.text)


def _header_rows(lines: list[Line], width: int, height: int) -> tuple[list[Line], list[tuple[Line, Line]], Line | None]:
    """The lines of the page's top above the first wide (body) line below the topmost pair of
    lines side by side, those pairs, and that wide line (None without one); no pairs when
    there are none or body text stands above them."""
    top = [line for line in lines if line.bbox[1] < HEADER_ZONE * height]
    candidates = [line for line in top if _letters(line.words) >= MIN_COLUMN_LETTERS]
    pairs = [(a, b) for i, a in enumerate(candidates) for b in candidates[i + 1 :] if _side_by_side(a, b)]
    if not pairs:
        return top, [], None
    first_row = min(line.bbox[1] for pair in pairs for line in pair)
    if any(l.bbox[1] < first_row and l.bbox[2] - l.bbox[0] > BODY_WIDTH * width for l in top):
        # the header heads the page: lines side by side below body text are a signature block or dirt
        return top, [], None
    below = [l for l in top if l.bbox[1] > first_row and l.bbox[2] - l.bbox[0] > BODY_WIDTH * width]
    wide = min(below, key=lambda l: l.bbox[1], default=None)
    limit = wide.bbox[1] if wide else HEADER_ZONE * height
    above = [line for line in top if line.bbox[1] < limit]
    return above, [(a, b) for a, b in pairs if max(a.bbox[1], b.bbox[1]) < limit], wide


def _extent(boxes: list[Line] | list[Word]) -> tuple[int, int]:
    """Leftmost and rightmost x of the lines or words."""
    return min(b.bbox[0] for b in boxes), max(b.bbox[2] for b in boxes)


def _centred_under(piece: tuple[int, int], column: tuple[int, int]) -> bool:
    """Centred under the column, as header lines are; body text, set from the margin, is not."""
    return abs((piece[0] + piece[1] - column[0] - column[1]) / 2) <= (column[1] - column[0]) / 4


def cut_row_under_columns(lines: list[Line], width: int, height: int) -> list[Line]:
    """Cut the wide line in the row right below the header's pairs in two where one piece is
    centred under the left column and the other under the right one, at a gap wider than
    ``SPACES_IN_ROW_GAP`` of its word spaces: the number and the date ("Số: 88/2025/QĐ-UBND
    Lai Châu, ngày …"), a long number nearly meeting the date, read as one line of the body."""
    while True:
        _, pairs, wide = _header_rows(lines, width, height)
        if not pairs or wide is None or len(wide.words) < 3:
            return lines
        paired = [line for pair in pairs for line in pair]
        line_height = statistics.median(_height(l) for l in paired)
        if wide.bbox[1] - max(l.bbox[3] for l in paired) > line_height:
            return lines  # a row of its own, after the header's blank row
        left = [min(pair, key=lambda l: l.bbox[0]) for pair in pairs]
        right = [max(pair, key=lambda l: l.bbox[0]) for pair in pairs]
        columns = [_extent(left), _extent(right)]
        words = sorted(wide.words, key=lambda w: w.bbox[0])
        gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:])]
        cuts = [
            index
            for index, gap in enumerate(gaps, 1)
            if gap >= SPACES_IN_ROW_GAP * statistics.median(gaps)
            and _centred_under(_extent(words[:index]), columns[0])
            and _centred_under(_extent(words[index:]), columns[1])
        ]
        if not cuts:
            return lines
        cut = max(cuts, key=lambda index: gaps[index - 1])
        place = next(i for i, line in enumerate(lines) if line is wide)
        lines = lines[:place] + [line_of(words[:cut], wide), line_of(words[cut:], wide)] + lines[place + 1 :]


def mark_header(lines: list[Line], width: int, height: int) -> None:
    """Set ``kind="header"`` and ``column`` 0/1 on the header lines in place.

    Header rows are pairs of lines side by side in the top ``HEADER_ZONE`` of
    the page, above the first wide (body) line below the topmost pair."""
    top, pairs, _ = _header_rows(lines, width, height)
    if not pairs or any(DISTRIBUTION_OPENING.match(fold(line.text)) for line in top):
        return  # no header, or a signature block heading the page ("Nơi nhận:" beside the title)
    left = [min(pair, key=lambda l: l.bbox[0]) for pair in pairs]
    right = [max(pair, key=lambda l: l.bbox[0]) for pair in pairs]
    extents = [_extent(left), _extent(right)]
    line_height = statistics.median(_height(l) for l in left + right)
    # A long number in the left column may reach under the start of the motto (rows apart)
    if extents[0][1] - extents[1][0] >= line_height:
        return  # not two columns after all
    boundary = (extents[0][1] + extents[1][0]) / 2

    def column_of(line: Line) -> int | None:
        if line.bbox[2] <= max(boundary, extents[0][1]):
            return 0
        return 1 if line.bbox[0] >= min(boundary, extents[1][0]) else None

    # A line belongs to the header rows when it starts within half a row below the last
    # row's place; the title after the header's blank row (at two rows) does not. The pitch
    # is measured down each column's lines to the last row, paired or not: a column may skip
    # a row ("Số:" stands level with the date, under an issuer of one line or of three), and a
    # step over the blank row is two rows, not the pitch.
    last_row = max(l.bbox[1] for l in left + right)
    written = [l for l in top if l.bbox[1] <= last_row and _letters(l.words)]
    tops = [sorted(l.bbox[1] for l in written if column_of(l) == column) for column in (0, 1)]
    steps = [b - a for column in tops for a, b in zip(column, column[1:]) if b > a]
    single = [step for step in steps if step <= ROW_STEPS_APART * min(steps)]
    pitch = statistics.median(single) if steps else 1.5 * line_height
    bottom = last_row + 1.5 * pitch
    for line in top:
        if line.bbox[1] >= bottom or _letters(line.words) == 0:
            continue
        column = column_of(line)
        if column is not None:
            line.kind, line.column = "header", column
    for column, extent in enumerate(extents):
        _continue_column(top, column, extent, line_height)


def _continue_column(lines: list[Line], column: int, extent: tuple[int, int], line_height: float) -> None:
    """Mark the lines that go on a header column below the other one's end (an issuer of
    several lines, the number, a "V/v" subject under it): each starts within a line height
    of the column's last line and is centred under the column, as the header is; body
    text, left-aligned at the margin, is not."""
    start, end = extent
    last = max((l.bbox[3] for l in lines if l.kind == "header" and l.column == column), default=None)
    if last is None:
        return
    below = [l for l in lines if l.kind == "body" and l.bbox[0] < end and l.bbox[2] > start and _letters(l.words)]
    for line in sorted(below, key=lambda l: l.bbox[1]):
        if line.bbox[1] < last:
            continue
        if line.bbox[1] - last > line_height or not _centred_under((line.bbox[0], line.bbox[2]), extent):
            return
        line.kind, line.column = "header", column
        last = line.bbox[3]


def mark_footnotes(lines: list[Line], page_height: int) -> None:
    """Set ``kind="footnote"`` on the block of small lines at the page bottom
    that starts with a footnote number."""
    body = [line for line in lines if line.kind == "body"]
    if len(body) < 3:
        return
    typical = statistics.median(line.text_height for line in body)
    block: list[Line] = []
    for line in sorted(body, key=lambda l: l.bbox[1], reverse=True):
        if line.bbox[1] < FOOTNOTE_ZONE * page_height or line.text_height >= FOOTNOTE_SIZE * typical:
            break
        block.append(line)
    block.reverse()
    starts = [i for i, line in enumerate(block) if FOOTNOTE_START.match(line.text)]
    if not starts:
        return
    for line in block[starts[0] :]:
        line.kind = "footnote"


def join_line_pieces(lines: list[Line]) -> list[Line]:
    """Join body lines read side by side with no column gap between them into one, in the
    place of the first: Tesseract sometimes reads a line's first words, or a letter of a
    broken word ("qu" of "quyết"), as a line of their own and puts it later on the page."""
    joined: list[Line] = []
    for line in lines:
        place = next((i for i, piece in enumerate(joined) if _pieces_of_one_line(piece, line)), None)
        if place is None:
            joined.append(line)
        else:
            joined[place] = line_of(sorted(joined[place].words + line.words, key=lambda w: w.bbox[0]), joined[place])
    return joined


def _pieces_of_one_line(a: Line, b: Line) -> bool:
    gap = max(a.bbox[0], b.bbox[0]) - min(a.bbox[2], b.bbox[2])
    return a.kind == b.kind == "body" and _side_by_side(a, b) and gap <= COLUMN_GAP * max(a.text_height, b.text_height)


def order_signature_columns(lines: list[Line], width: int) -> list[Line]:
    """Read the signature block's two columns one after the other: the "Nơi nhận:" list on the
    left, then the signer's title and name on the right. Tesseract reads the block row by row
    ("Nơi nhận: KT. BỘ TRƯỞNG" / "- Như trên; THỨ TRƯỞNG"), which interleaves them. The block
    runs from the row of "Nơi nhận:" down to the first line as wide as body text; its rows
    are cut at column-wide gaps, and a piece that
    starts past the first third of the page is in the right column (the list's items and their
    wrapped lines start at the margin). Lines above and below the block keep their order; a
    block with fewer than two lines of words on the right (a list and signature typeset down
    the margin, a speck beside an item) is left as it is."""
    opening = next((l for l in lines if l.kind == "body" and DISTRIBUTION_OPENING.match(fold(l.text))), None)
    if opening is None:
        return lines
    top = opening.bbox[1] - _height(opening) / 2
    block: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in sorted((l for l in lines if l.kind == "body" and l.bbox[1] >= top), key=lambda l: l.bbox[1]):
        pieces = cut_at_column_gaps(line)
        if any(piece.bbox[2] - piece.bbox[0] > BODY_WIDTH * width for piece in pieces):
            break
        block.append(line)
        for piece in pieces:
            (right if piece.bbox[0] > width / 3 else left).append(piece)
    if sum(_letters(piece.words) >= MIN_COLUMN_LETTERS for piece in right) < 2:
        return lines
    in_block = {id(line) for line in block}
    place = min(index for index, line in enumerate(lines) if id(line) in in_block)
    rest = [line for line in lines if id(line) not in in_block]
    # each column in the block's row order, a row's pieces left to right: a piece cut off a row's end may sit higher
    return rest[:place] + left + right + rest[place:]


def part_paragraphs(lines: list[Line], tables: list[BBox]) -> list[Line]:
    """The lines with a blank line after each body line that ended its paragraph: the next line starts at the
    same left margin with a capital, and its first word would have fitted on the line, which fills most of the
    measure (the lines around them), before the measure's end. A printed page leaves no blank line between
    paragraphs, and nothing else tells that such a nearly full line ended its paragraph. A title in capitals
    breaks where its sense does, not where the width does; lines in a ruled table and from the signature block
    on are left as they are."""
    body = [index for index, line in enumerate(lines)
            if line.kind == "body" and _letters(line.words) and not any(_within(line, table) for table in tables)]
    ends: set[int] = set()
    for place, (index, following) in enumerate(zip(body, body[1:])):
        above, below = lines[index], lines[following]
        if DISTRIBUTION_OPENING.match(fold(below.text)):
            break
        height = above.text_height or _height(above)
        if following != index + 1 or not 0.5 * height < below.bbox[1] - above.bbox[1] < 2.5 * height:
            continue
        around = [lines[i] for i in body[max(0, place - MARGIN_NEIGHBOURS) : place + MARGIN_NEIGHBOURS + 2]]
        left, right = min(line.bbox[0] for line in around), max(line.bbox[2] for line in around)
        first = below.words[0]
        room = right - above.bbox[2] - (first.bbox[2] - first.bbox[0])
        words = sum(any(c.isalpha() for c in word.text) for word in above.words)
        if (max(above.bbox[0], below.bbox[0]) - left <= height / 2 and first.text[:1].isupper() and words >= 2
                and not _in_capitals(above.text) and room >= PARAGRAPH_END_ROOM * height
                and above.bbox[2] - left >= PARAGRAPH_END_FILL * (right - left)):
            ends.add(index)
    parted: list[Line] = []
    for index, line in enumerate(lines):
        parted.append(line)
        if index in ends:
            parted.append(Line(words=[], bbox=(line.bbox[0], line.bbox[3], line.bbox[0], line.bbox[3])))
    return parted


def _within(line: Line, box: BBox) -> bool:
    x, y = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def arrange(page: Page) -> Page:
    """Mark header columns and footnotes; order lines as header left, header
    right, body (Tesseract's order; a signature block's left column, then its right one),
    footnotes (top to bottom)."""
    page.lines = split_columns(page.lines, HEADER_ZONE * page.height)
    page.lines = cut_row_under_columns(page.lines, page.width, page.height)
    mark_header(page.lines, page.width, page.height)
    mark_footnotes(page.lines, page.height)
    page.lines = join_line_pieces(page.lines)
    page.lines = order_signature_columns(page.lines, page.width)

    def order(kind: str, column: int | None = None) -> list[Line]:
        chosen = [l for l in page.lines if l.kind == kind and (column is None or l.column == column)]
        return chosen if kind == "body" else sorted(chosen, key=lambda l: l.bbox[1])

    page.lines = order("header", 0) + order("header", 1) + order("body") + order("footnote")
    return page
