"""Document structure: pages and lines, footnotes, and paragraph blocks.

Input is text as OCR or a text file gives it: hard-wrapped lines, form feeds
between pages, footnotes (small text at the page bottom that starts with its
number) interleaved with the body. Footnotes are cut out and joined to their
marker ("quy định¹", or in OCR "quy định!"), so a sentence interrupted by a
page's footnotes reads through. Lines are then grouped into blocks: one per
bullet, numbered item or paragraph, with its page and line range.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..types import Footnote
from .patterns import LOWER, UPPER, fold_key, fold_same_length, records_of

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# OCR reads a superscript footnote number as one of these (1 → "!", 2 → "?", 3 → "®" ...).
_OCR_MARKERS = "!?®°*'’\""
_FOOTNOTE_START = re.compile(rf"^\s*(?:(?P<n>\d{{1,2}}|[{_SUPERSCRIPTS}]+|!)|\[(?P<bracket>\d{{1,2}})\])\s+(?P<body>\S.{{8,}})$")
MARKER = re.compile(
    r"^\s*(?:(?P<roman>[IVX]{1,5})[.)]"
    r"|(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]|(?<=\d\.\d)|(?<=\d\.\d\d))(?!\d)"
    r"|(?P<letter>[a-zđ])\)"
    r"|\((?P<paren>\d{1,2}|[a-zđ]|[ivx]{1,4})\)"
    r"|(?P<chapter>Chương\s+[IVXLC]{1,6})(?:[.:]|(?=\s))"
    r"|(?P<article>Điều\s+\d{1,3})[.:]"
    r"|(?P<bullet>[-–—•_])"
    r"|(?P<plus>[+*]))"
    r"\s*(?=\S)"
)
_MARKER_ONLY = re.compile(r"^\s*(?:(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])[.)]|Điều\s+\d{1,3}[.:]?|Chương\s+[IVXLC]{1,6}[.:]?)\s*$")
_ARTICLE_ONLY = re.compile(r"^\s*Điều\s+\d{1,3}[.:]?\s*$")
# A heading's word alone on its line, and the start of the line that must follow for it to be its number.
_SPLIT_HEADING_NUMBER = {"Điều": re.compile(r"^\d{1,3}[.:](?:\s|$)"), "Chương": re.compile(r"^[IVXLC]{1,6}[.:]?(?:\s|$)")}
LEVELS = {"chapter": 0, "roman": 1, "article": 1, "number": 2, "paren": 4, "letter": 4, "step": 5, "bullet": 5, "plus": 6}
# A procedure's step ("Bước 2: Sở Y tế trả …"): an item of the procedure, holding the lines under it.
STEP = re.compile(r"^\s*(?P<step>(?i:bước)\s+\d{1,2})\s*[:.]\s*(?=\S)")
_TERMINAL = tuple(".:;!?")
_DASH_THEN_WORD = re.compile(r"[-–]\s+([^\W\d_]+)")
# A table written one cell per paragraph opens with its number column's header standing alone ("STT").
TABLE_FIRST = re.compile(r"(?i)^(?:s?tt|số tt)$")
# Where such a table has ended: an appendix, the list of recipients, a chapter or article, a Roman part's title
# (unless a row's number follows it: then it is a group row of the table, "I. NÂNG CAO NHẬN THỨC" / "1").
_TABLE_END = re.compile(r"^(?:PHỤ LỤC|Phụ lục\s+[IVX\d]|Nơi nhận|Chương\s+[IVXLC]|Điều\s+\d)|^(?P<part>[IVX]{1,5}\.\s+\S)")
_ROW_NUMBER_LINE = re.compile(r"^(?:\d{1,3}|[A-Z])(?:\.\d{1,3}){0,2}\.?$")
_CITED_ARTICLE = re.compile(r"Điều\s+\d{1,3}(?![\d.:])")
# "Điều 1. Sửa đổi, bổ sung điểm a khoản 3 Điều 5 như sau:", folded: the new wording that follows is the document's own
_AMENDING_LINE = re.compile(r"^(?:dieu \d+[.:]?\s*|\d+\.\s*)?(?:sua doi|bo sung|thay the)\b.*\bnhu sau\s*:$")
_OPEN_END = re.compile(r"(?<![\w])(?:tại|của|theo|về|với|và|hoặc|cho|số|trong|đối với|quy định tại)$")
# What a spoilt item number leaves: a mark or two and its full stop ('o. UBND …', 'Ầ:').
_SPOILT_NUMBER = re.compile(rf"^\s*[^\s\d]{{1,2}}[.:]\s*(?=[{UPPER}]|$)")


FIELDS = ("content", "lead", "co", "time", "other")


@lru_cache(maxsize=1)
def _field_pattern() -> re.Pattern[str]:
    forms: dict[str, list[str]] = {}
    for record in records_of("cues.jsonl", "field"):
        forms.setdefault(record["field"], []).append(record["pattern"])
    fields = "|".join(f"(?P<{name}>{'|'.join(patterns)})" for name, patterns in forms.items())
    # "Thời gian thực hiện sau khi …", "Thời hạn chậm nhất …" go without a colon.
    return re.compile(rf"^(?:{fields})\s*(?::|-\s|(?<=[a-z])\s+(?=(?:sau|truoc|cham nhat|tu|trong|nam|quy|thang|thuong xuyen|hang|giai doan|\d)))\s*",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _column_patterns() -> dict[str, re.Pattern[str]]:
    columns: dict[str, list[str]] = {}
    for record in records_of("cues.jsonl", "column"):
        columns.setdefault(record["field"], []).append(record["pattern"])
    return {name: re.compile(rf"^(?:{'|'.join(forms)})\b") for name, forms in columns.items()}


def column_of(text: str) -> Optional[str]:
    """The field a table's header cell names: 'lead' for 'Cơ quan chủ trì', 'content' for 'Nhiệm vụ'; None for others."""
    key = fold_key(text)
    return next((name for name, pattern in _column_patterns().items() if pattern.match(key)), None)


# A list of administrative procedures ("Tên thủ tục hành chính", "Tên TTHC", "Thủ tục"): its "Cơ quan thực hiện" is the body
# that handles an application, no doer of a task.
_PROCEDURE_COLUMN = re.compile(r"\b(?:thu tuc|tthc)\b")


def table_columns(header: list[str]) -> Optional[list[Optional[str]]]:
    """The field each of a table's header cells (after "STT") names, when the table says who does each row: it
    names a lead column, and a task column or, failing that, its first column holds the row's main cell ("Tên
    thông tin thống kê" | … | "Đơn vị chịu trách nhiệm phổ biến"). None for other tables, and for a list of
    administrative procedures, whose rows the decision publishes, not assigns."""
    columns = [column_of(cell) for cell in header]
    if "lead" not in columns or any(_PROCEDURE_COLUMN.search(fold_key(cell)) for cell in header):
        return None
    if "content" not in columns and columns[0] is None:
        columns[0] = "content"
    return columns if "content" in columns else None


def _table_header(lines: list[SourceLine], index: int) -> tuple[list[str], int]:
    """The header cells after the "STT" of ``lines[index]``, up to the first row's number or group title, and how
    many blank lines stand among them."""
    header, blanks = [], 0
    for line in lines[index + 1:index + 40]:
        text = line.text.strip()
        if _ROW_NUMBER_LINE.match(text) or re.match(r"[IVX]{1,5}\.?(?:\s|$)", text):
            break
        if text:
            header.append(text)
        elif header:
            blanks += 1
    return header, blanks


def task_table_at(lines: list[SourceLine], index: int) -> bool:
    """``lines[index]`` opens a task table written one cell per paragraph: "STT", then header cells that name a
    lead column and the rows' task (:func:`table_columns`), up to the first row's number or group title."""
    header, blanks = _table_header(lines, index)
    if table_columns(header) is None:
        return False
    # Without a column that names the task, the rows' first cells are read as tasks; that needs every cell apart:
    # a blank line after each, or a page's cells one a line (:func:`cells_by_line`). In OCR'd text where blank lines
    # fall anywhere, a wrapped cell and the next row's cells run together.
    return blanks >= len(header) - 1 or "content" in map(column_of, header) or cells_by_line(lines, index)


def cells_by_line(lines: list[SourceLine], index: int) -> bool:
    """The table that ``lines[index]`` opens was typeset on a page one cell under the other and read back without
    the blank lines between them: a page's text (no line longer than a printed one) with no blank line among the
    header's cells. Each line is then a cell, or the part of one that the page's width wrapped."""
    header, blanks = _table_header(lines, index)
    return len(header) >= 2 and blanks == 0 and not typed_text(lines)


_DASHED = re.compile(r"^[-–+]\s")


def _same_cell(previous: str, line: str, full: int) -> bool:
    """In cells typeset one a line, ``line`` goes on with the cell whose last line is ``previous``: the page's width
    wrapped it (its first word did not fit, and is no cell's first word, which a capital opens: "… đi làm việc ở nước
    ngoài" / "Chính thức"), or it is an item of the cell's list ("… tài liệu:" / "- Tại phòng đọc" / "- Trực tuyến")."""
    wrapped = len(previous) + 1 + len(line.split()[0]) >= _ROOM_LEFT * full and not line[0].isupper()
    return wrapped or bool(_DASHED.match(line)) and (previous.endswith(":") or bool(_DASHED.match(previous)))


def field_of(text: str) -> Optional[tuple[str, str]]:
    """('lead', 'Sở Y tế') for 'Cơ quan chủ trì: Sở Y tế'; None for other text."""
    m = _field_pattern().match(fold_same_length(text.strip()))
    if not m:
        return None
    name = next(key for key in FIELDS if m.group(key))
    if name != "time" and m.group(0).rstrip()[-1:] not in (":", "-"):
        return None
    return name, text.strip()[m.end():].strip()


@dataclass
class SourceLine:
    number: int  # 1-based line number in the input
    page: int  # 1-based
    text: str


@dataclass
class Block:
    """A paragraph, bullet or numbered item, its lines joined."""

    text: str
    page: int
    line_start: int
    line_end: int
    marker_kind: Optional[str] = None  # roman, number, paren, letter, article, step, bullet, plus
    marker: str = ""
    body: str = ""  # text without the marker
    cell: bool = False  # a cell of a table written one cell per paragraph

    @property
    def level(self) -> int:
        """Nesting depth of the marker; '1.1.' is deeper than '1.'."""
        if self.marker_kind is None:
            return 0
        if self.marker_kind == "number":
            return LEVELS["number"] + min(self.marker.rstrip(".)").count("."), 1)
        return LEVELS[self.marker_kind]


@dataclass
class Layout:
    lines: list[SourceLine]
    footnotes: list[Footnote] = field(default_factory=list)
    # (line, marker): a footnote pointed to again after its first marker ("… của Trung ương2 và 3")
    mentions: list[tuple[int, str]] = field(default_factory=list)


def split_lines(text: str) -> list[SourceLine]:
    """Lines with their page (form feeds start a new page); a lone page number
    at the top of a page is dropped."""
    lines = []
    page = 1
    fresh_page = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
            fresh_page = True
        if fresh_page and raw.strip():
            fresh_page = False
            if re.fullmatch(r"\s*-?\s*\d{1,4}\s*-?\s*", raw):
                continue
        lines.append(SourceLine(number, page, raw.rstrip()))
    return lines


def _typical_width(lines: list[SourceLine]) -> float:
    lengths = [len(line.text.strip()) for line in lines if line.text.strip()]
    return statistics.median(lengths) if lengths else 0.0


def _footnote_number(token: str) -> int:
    if token == "!":
        return 1
    if token[0] in _SUPERSCRIPTS:
        return int("".join(str(_SUPERSCRIPTS.index(c)) for c in token))
    return int(token)


def cut_footnotes(lines: list[SourceLine]) -> Layout:
    """Remove footnote lines and the footnote markers in the body.

    A footnote starts with the next expected number followed by text, on a line
    longer than the body's typical line (footnotes are set in a smaller font) or
    right after a blank line at a page end; it continues over the following long
    lines until a short line, a blank line, a bullet or the next footnote."""
    width = _typical_width(lines)
    long_line = 1.12 * width
    body: list[SourceLine] = []
    footnotes: list[Footnote] = []
    expected = 1
    current: Optional[list[SourceLine]] = None
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        start = _FOOTNOTE_START.match(line.text)
        # "[3] ..." is a footnote wherever it stands; a bare "3 ..." only on a long (small-print) line.
        is_start = bool(start) and _footnote_number(start.group("n") or start.group("bracket")) == expected and (
            bool(start.group("bracket")) or len(stripped) >= long_line)
        if is_start:
            current = [line]
            footnotes.append(Footnote(marker=str(expected), text="", page=line.page, line=line.number))
            expected += 1
            continue
        if current is not None:
            previous = current[-1].text.strip()
            if (stripped and line.page == current[-1].page and len(previous) >= long_line * 0.93
                    and not MARKER.match(line.text) and not line.text[:1].isspace()):
                current.append(line)
                continue
            footnotes[-1].text = _join([l.text.strip() for l in current])
            footnotes[-1].text = re.sub(r"^\S+\s+", "", footnotes[-1].text, count=1)
            current = None
        body.append(line)
    if current is not None:
        footnotes[-1].text = re.sub(r"^\S+\s+", "", _join([l.text.strip() for l in current]), count=1)
    _strip_markers(body, footnotes)
    return Layout(body, footnotes, _strip_mentions(body, footnotes))


_MENTION = re.compile(r"(?<=[a-zà-ỹđ])(?P<first>\d{1,2})(?P<more>(?:\s*(?:,|và)\s*\d{1,2}(?![\d/.]))*)(?=[\s,.;:)]|$)")


def _strip_mentions(body: list[SourceLine], footnotes: list[Footnote]) -> list[tuple[int, str]]:
    """Markers of footnotes already met, written again later ('văn bản chỉ đạo của Trung ương2 và 3'):
    deleted, and returned as (line, marker). Only markers after a lower-case letter count, so that
    'CO2' or 'PM2.5' stay."""
    first = {f.marker: f.line for f in footnotes if f.line is not None}
    mentions: list[tuple[int, str]] = []
    for line in body:
        def strip(m: re.Match[str]) -> str:
            markers = [m.group("first")] + re.findall(r"\d{1,2}", m.group("more"))
            if not all(marker in first and first[marker] < line.number for marker in markers):
                return m.group(0)
            mentions.extend((line.number, marker) for marker in markers)
            return ""
        line.text = _MENTION.sub(strip, line.text)
    return mentions


def _strip_markers(body: list[SourceLine], footnotes: list[Footnote]) -> None:
    """Find each footnote's marker in the body, in order, and delete it; the
    footnote records the line of its marker."""
    position = 0  # index into body lines; markers appear in footnote order
    for footnote in footnotes:
        n = int(footnote.marker)
        superscript = "".join(_SUPERSCRIPTS[int(d)] for d in str(n))
        ocr = _OCR_MARKERS + ("!" if n == 1 else "")
        marker = re.compile(rf"\[{n}\]|(?<=[^\W\d_])(?:{n}|{superscript}|[{re.escape(ocr)}])(?=[\s,.;:)]|$)")
        for index in range(position, len(body)):
            if body[index].number >= (footnote.line or 0):
                break
            m = marker.search(body[index].text)
            if m:
                body[index].text = body[index].text[:m.start()] + body[index].text[m.end():]
                footnote.line = body[index].number
                position = index
                break


def _join(parts: list[str]) -> str:
    """Join wrapped lines: no space after a line ending inside a number or code
    ('32/2024/NĐ-' + 'CP', '2021-' + '2030')."""
    text = ""
    for part in parts:
        if not text:
            text = part
        elif re.search(r"[\w][/-]$", text) and re.search(r"[\d/A-ZĐ]\S*[/-]$", text.split()[-1]) and part[:1].isalnum():
            text += part
        else:
            text += " " + part
    return text


_PRINTED_LINE_LIMIT = 160
# Vietnamese list letters in order ("đ)" after "d)"; no "f)", "j)", "w)", "z)").
LIST_LETTERS = "abcdđeghiklmnopqrstuvxy"
# An item's marker as OCR misreads it: a comma for a number's or an article's full stop, an accented letter for a list
# letter, a tilde for a dash ("~ Tổ chức …", "~- Kho bạc …"), and a part's Roman numeral in glyphs like its strokes
# over the part's title in capitals ("HI. GIẢI PHÁP", "1V. TỔ CHỨC", "1/L. NỘI DUNG").
_MISREAD_MARKER = re.compile(
    rf"^(?:(?P<number>\d{{1,2}}),|(?P<letter>[{LOWER}])\)|(?P<article>Điều\s+(?P<article_number>\d{{1,3}}))[,;]"
    rf"|(?P<bullet>~+\s*-?)|(?P<roman>[IVXHLl1|!/]{{1,5}})[.,:])\s+(?=[{UPPER}])")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10}
# A list letter written with a full stop ("a. Thời gian thực hiện"), which a spoilt item number may also leave ("o. UBND").
_DOTTED_LETTER = re.compile(rf"^(?P<letter>[a-zđ])\.\s+(?=[{UPPER}])")
# Share of a full line that a line plus the next line's first word stay under when a paragraph ended there.
_ROOM_LEFT = 0.9


def typed_text(lines: list[SourceLine]) -> bool:
    """The text keeps one paragraph per line (a text file, not OCR of a page): a printed page line never
    exceeds ~130 characters."""
    return any(len(line.text.strip()) > _PRINTED_LINE_LIMIT for line in lines)


def blocks(lines: list[SourceLine]) -> list[Block]:
    """Group lines into blocks. A block starts at a list marker, after a blank
    line, after a line that ends a sentence and is short (the last line of a
    wrapped paragraph), or at a capital after a line the capital's word would
    have fitted on (a heading's last line) — or at any sentence end when the
    text has one paragraph per line. A list letter with a full stop ("b.")
    and, on OCR'd pages, a misread marker ("1,", "ở)") count as the marker
    their neighbours leave."""
    lines = _join_split_headings(lines)
    wide = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    full = wide[int(0.9 * (len(wide) - 1))] if wide else 0
    paragraph_per_line = typed_text(lines)
    lines = _mend_markers(lines, full, misread=not paragraph_per_line)
    result: list[Block] = []
    current: list[SourceLine] = []

    def flush() -> None:
        if current:
            result.append(_make_block(current))
            result[-1].cell = cell
            current.clear()

    after_blank = False
    in_table = by_line = cell = False
    filled = [line for line in lines if line.text.strip()]
    following = {id(line): after.text.strip() for line, after in zip(filled, filled[1:])}
    next_cell = _next_paragraph_starts(lines)
    for position, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped:
            after_blank = True
            continue
        if TABLE_FIRST.match(stripped) and (after_blank or not current or cells_by_line(lines, position)) \
                and task_table_at(lines, position):
            in_table = True
            by_line = cells_by_line(lines, position)
            flush()
        elif (end := _TABLE_END.match(stripped)) and not (end.group("part") and (
                _ROW_NUMBER_LINE.match(following.get(id(line), "")) or _ROW_NUMBER_LINE.match(next_cell[id(line)]))):
            in_table = False  # a group title may wrap ("II. HOÀN" / "THIỆN CƠ CHẾ …"): the row's number is the next cell
        if in_table:
            # a blank line ends a cell, and only a blank line: a row's number ("1.") is a cell of its own; in cells
            # typeset one a line, so does each line but a cell's wrapped or listed ones
            if after_blank or by_line and current and not _same_cell(current[-1].text.strip(), stripped, full):
                flush()
            if not current:
                cell = True
            current.append(line)
            after_blank = False
            continue
        if current and _MARKER_ONLY.match(current[-1].text) and not (
                _ARTICLE_ONLY.match(current[-1].text) and MARKER.match(stripped)):
            # "1." alone on its line: its text follows on the next; "Điều 7." over "1. Bộ X …" has no title, its
            # first clause is a block of its own
            current.append(line)
            after_blank = False
            continue
        if current:
            previous = current[-1].text.strip()
            ends_sentence = previous.endswith(_TERMINAL)
            short = len(previous) < 0.8 * full
            # A line with room left ended its paragraph, or its heading ("4. Thu hồi địa chỉ thư điện tử
            # công vụ" / "Khi cơ quan …"; "Điều 12. Trách nhiệm của Sở …" / "1.").
            room_left = _room_left(previous, stripped, full)
            # A line that goes on with a lower-case word after an unfinished sentence
            # continues it, across a blank line, a cut-out footnote, or a wrong split.
            marked = _item_marker(stripped, previous)[1] is not None
            continues = (stripped[0].islower() and not previous.endswith((".", "!", "?"))
                         or previous.endswith((";", ",")) and not marked
                         # "… Phụ lục II Nghị quyết" / "214/NQ-CP)." and "… như:" / "Giám sát môi trường, …"
                         or not after_blank and not marked and (
                             stripped[0].isdigit() and not previous.endswith((".", ";", "!", "?"))
                             or re.search(r"(?i)\bnhư\s*:$", previous))
                         # "… theo hướng dẫn tại" / "Điều 27 Nghị định số 88/2024/NĐ-CP …": no sentence ends on these words
                         or not marked and _OPEN_END.search(previous)
                         # "… quy định tại khoản 1, 2, 3" / "Điều 47 Nghị định …": an article cited, no article's heading
                         or _CITED_ARTICLE.match(stripped) and not previous.endswith(_TERMINAL)) or (
                _is_caps(previous) and _is_caps(stripped) and len(previous) < 60 and not after_blank)
            # A title in capitals ends where a sentence in lower case begins ("III. TỔ CHỨC THỰC HIỆN" / "Bộ …").
            after_title = _is_caps(previous) and not _is_caps(stripped) and stripped[0].isupper()
            # An item's number alone on its line ("1." / "Trên cơ sở …") starts the item even after a title, an
            # article's among them however full its line ("Điều 16. Trách nhiệm … thư điện tử công vụ" / "1.");
            # a plan's lead, co-agency or time line starts its own block even when OCR lost the item's full stop.
            article = (opening := MARKER.match(current[0].text)) is not None and opening.group("article") is not None
            starts_item = bool(_MARKER_ONLY.match(stripped)) and (
                previous.endswith(_TERMINAL) or _is_caps(previous) or room_left or article)
            # "… giai đoạn 2021" / "- 2025 sang …": a range's dash, no bullet
            ranged = previous[-1:].isdigit() and re.match(r"[-–]\s*\d", stripped) is not None
            # "… tổ chức chính trị" / "- xã hội tại địa phương …": a compound's dash wrapped to the line's start, no
            # bullet, since a bullet opens no lower-case word after an unfinished sentence
            joined = not after_blank and not previous.endswith(_TERMINAL + (",",)) \
                and (dash := _DASH_THEN_WORD.match(stripped)) is not None and dash.group(1).islower()
            continues = continues or ranged or joined
            if (marked or STEP.match(stripped)) and not (ranged or joined) or starts_item or _plan_line(stripped) \
                    or not continues and (
                    paragraph_per_line or after_blank or after_title or (ends_sentence and short)
                    or room_left and stripped[0].isupper()):
                flush()
        after_blank = False
        if not current:
            cell = False
        current.append(line)
    flush()
    return _renumber_damaged(result)


def _next_paragraph_starts(lines: list[SourceLine]) -> dict[int, str]:
    """For each line that holds text (by ``id``), the first line of the paragraph after its own ("" at the end)."""
    starts: dict[int, str] = {}
    upcoming, first = "", ""
    for line in reversed(lines):
        text = line.text.strip()
        if not text:
            if first:
                upcoming, first = first, ""
            continue
        starts[id(line)] = upcoming
        first = text
    return starts


def _room_left(previous: str, line: str, full: int) -> bool:
    """A wrapped line breaks only before a word that does not fit: ``previous``, a line of lower case that the first
    word of ``line`` would have fitted on, ended there (``full``: the length of a full line). A mark of a pen or a seal
    read as a line of its own, with one word at most, ends nothing."""
    words = sum(any(c.isalpha() for c in word) for word in previous.split())
    return words >= 2 and not _is_caps(previous) and len(previous) + 1 + len(line.split()[0]) < _ROOM_LEFT * full


def _roman_value(numeral: str) -> int:
    """12 for 'XII'."""
    values = [_ROMAN_DIGITS[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0]))


def _roman_numeral(value: int) -> str:
    numeral = ""
    for digit_value, digits in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, digit_value)
        numeral += digits * count
    return numeral


def _article_number(marker: re.Match) -> int:
    """7 for the marker "Điều 7."."""
    return int(marker.group("article").split()[-1])


def _next_parts_and_articles(lines: list[SourceLine]) -> list[tuple[Optional[int], Optional[int]]]:
    """For each line, the number of the next part ("III.") and of the next article ("Điều 7.") that a marker
    after it gives (None where none follows)."""
    upcoming: list[tuple[Optional[int], Optional[int]]] = []
    part = article = None
    for line in reversed(lines):
        upcoming.append((part, article))
        if marker := MARKER.match(line.text):
            if marker.group("roman"):
                part = _roman_value(marker.group("roman"))
            elif marker.group("article"):
                article = _article_number(marker)
    return upcoming[::-1]


def _mend_markers(lines: list[SourceLine], full: int, misread: bool) -> list[SourceLine]:
    """Markers written in another form read as the marker: a list letter with a full stop ("b." for "b)"), and on
    OCR'd pages (``misread``) OCR's misreadings ("1," for "1.", "ở)" for "đ)", "Điều 7," for "Điều 7.", "~" for
    "-", "HI." for "III."). Each counts only in its place in its list (an "a." starts a list of letters; numbers
    count again under a new heading, letters under a new number; an article or a part is the one after the
    previous and before the next), after a line that ended (a sentence, a title, a line with room left), so that
    a spoilt number's mark ("o. UBND …") stays what it is."""
    mended: list[SourceLine] = []
    number, letter = 0, ""
    part = article = 0
    upcoming = _next_parts_and_articles(lines)
    previous = ""
    for line, (next_part, next_article) in zip(lines, upcoming):
        stripped = line.text.strip()
        if not stripped:
            mended.append(line)
            continue
        marker = MARKER.match(stripped)
        form = None if marker else _DOTTED_LETTER.match(stripped) or misread and _MISREAD_MARKER.match(stripped)
        if form and (previous.endswith(_TERMINAL) or _is_caps(previous) or _room_left(previous, stripped, full)):
            following = LIST_LETTERS[LIST_LETTERS.index(letter) + 1:][:1] if letter else ""
            if form.re is _DOTTED_LETTER:
                meant = f"{form.group('letter')})" if form.group("letter") in ("a", following) else ""
            elif form.group("number"):
                meant = f"{number + 1}." if int(form.group("number")) == number + 1 else ""
            elif form.group("article"):
                read = int(form.group("article_number"))
                meant = f"{form.group('article')}." if read - 1 == article or read + 1 == next_article else ""
            elif form.group("bullet"):
                meant = "-"
            elif form.group("roman"):
                # a part's title in capitals: its number is the sequence's to give, the glyphs could be any numeral's
                known = part > 0 or next_part is not None
                fits = next_part is None or next_part > part + 1
                meant = f"{_roman_numeral(part + 1)}." if _is_caps(stripped[form.end():]) and known and fits else ""
            else:
                meant = f"{following})" if following else ""
            if meant:
                line = SourceLine(line.number, line.page, f"{meant} {stripped[form.end():]}")
                marker = MARKER.match(line.text)
        if marker and marker.group("roman"):
            part = _roman_value(marker.group("roman"))
        elif marker and marker.group("article"):
            article = _article_number(marker)
        elif marker and marker.group("chapter"):
            part = 0
        if marker and (marker.group("article") or marker.group("chapter") or marker.group("roman")):
            number, letter = 0, ""
        elif marker and marker.group("number") and marker.group("number").isdigit():
            number, letter = int(marker.group("number")), ""
        elif marker and marker.group("letter"):
            letter = marker.group("letter") if marker.group("letter") in LIST_LETTERS else ""
        mended.append(line)
        previous = stripped
    return mended


def _join_split_headings(lines: list[SourceLine]) -> list[SourceLine]:
    """'Điều' / '10. Trách nhiệm của …' and 'Chương' / 'III': a heading's word and its number that a text
    export put on lines of their own, back on one line."""
    joined: list[SourceLine] = []
    pending: Optional[SourceLine] = None
    for line in lines:
        stripped = line.text.strip()
        if pending is not None:
            if not stripped:
                continue
            if _SPLIT_HEADING_NUMBER[pending.text.strip()].match(stripped):
                joined.append(SourceLine(pending.number, pending.page, f"{pending.text.strip()} {stripped}"))
                pending = None
                continue
            joined.append(pending)
            pending = None
        if stripped in _SPLIT_HEADING_NUMBER:
            pending = line
            continue
        joined.append(line)
    if pending is not None:
        joined.append(pending)
    return joined


def _renumber_damaged(found: list[Block]) -> list[Block]:
    """An item whose number a pen stroke or a seal spoilt ('o. UBND các xã …', 'Ầ:' / 'Rà soát …' between
    '4.' and '6.'): the number the items around it leave, its text from the next block when it has none."""
    numbers = [(i, int(b.marker.rstrip(".)"))) for i, b in enumerate(found)
               if b.marker_kind == "number" and b.marker.rstrip(".)").isdigit()]
    result = list(found)
    joined: set[int] = set()  # blocks that became the text of a renumbered item
    for (before, low), (after, high) in zip(numbers, numbers[1:]):
        if high != low + 2:
            continue
        gap = [i for i in range(before + 1, after) if found[i].marker_kind is None and _SPOILT_NUMBER.match(found[i].text)]
        if len(gap) != 1:
            continue
        index = gap[0]
        block = last = found[index]
        body = block.text[_SPOILT_NUMBER.match(block.text).end():].strip()
        if not body and index + 1 < after and found[index + 1].marker_kind is None:
            last = found[index + 1]
            joined.add(index + 1)
            body = last.text
        marker = str(low + 1)
        result[index] = Block(text=f"{marker}. {body}".strip(), page=block.page, line_start=block.line_start,
                              line_end=last.line_end, marker_kind="number", marker=marker, body=body)
    return [b for i, b in enumerate(result) if i not in joined]


def cut_blocks_at(found: list[Block], lines: list[SourceLine], line_number: int) -> list[Block]:
    """``found`` with the block that runs over ``line_number`` cut there: where the header ends or the
    closing begins, OCR may have run the first paragraph on into the last recipient's block, or "Nơi
    nhận:" into the last paragraph's."""
    result: list[Block] = []
    for block in found:
        if block.line_start < line_number <= block.line_end:
            before = [l for l in lines if block.line_start <= l.number < line_number and l.text.strip()]
            after = [l for l in lines if line_number <= l.number <= block.line_end and l.text.strip()]
            result.extend(_make_block(part) for part in (before, after) if part)
        else:
            result.append(block)
    return result


def _plan_line(text: str) -> bool:
    """'Đơn vị chủ trì: Sở Y tế', 'Thời gian thực hiện: Quý III': a plan's line naming who or when."""
    named = text[0].isupper() and field_of(text)
    return bool(named) and named[0] in ("lead", "co", "time")


def _is_caps(text: str) -> bool:
    """A title in capitals ('I. MỤC' + 'ĐÍCH, YÊU CẦU' is one heading split over lines)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def amends(text: str) -> bool:
    """``text`` is a line that amends and gives the new wording next ("Điều 1. Sửa đổi, bổ sung điểm a khoản 3 Điều 5
    như sau:")."""
    return _AMENDING_LINE.match(fold_same_length(text).lower()) is not None


def _item_marker(text: str, previous: str = "") -> tuple[int, Optional[re.Match]]:
    """An item's marker at the start of ``text`` (where the marker starts, the match or None); after an opening
    quotation mark too at a block's start, or after a line that amends ("Sửa đổi, bổ sung điểm a khoản 3 Điều 5 như
    sau:" / "“a) …": the new wording's items); a provision another text is cited for goes on with its lead-in."""
    quote = 1 if text.startswith(("“", '"')) and (not previous or amends(previous)) else 0
    return quote, MARKER.match(text[quote:])


def _make_block(lines: list[SourceLine]) -> Block:
    text = _join([line.text.strip() for line in lines])
    block = Block(text=text, page=lines[0].page, line_start=lines[0].number, line_end=lines[-1].number, body=text)
    quote, m = _item_marker(text)
    if m:
        block.marker_kind = next(kind for kind in MARKER.groupindex if m.group(kind))
        block.marker = m.group(block.marker_kind)
        block.body = text[quote + m.end():]
    elif step := STEP.match(text):
        block.marker_kind, block.marker, block.body = "step", step.group("step"), text[step.end():]
    return block
