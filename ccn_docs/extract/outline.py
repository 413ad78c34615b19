"""A document's outline: its body blocks as a tree.

Items nest by their marker style. A style already open closes everything
opened after it ("2." after "1. … - …"); a new style opens under the current
item, unless it usually ranks above it (Roman parts over numbers over letters
over bullets), so documents that skip a level still nest. Plain paragraphs
belong to the nearest open heading (a short title, or a lead-in ending with
':'), so a paragraph after a list's last item does not join that item.

Plan layouts become fields of their activity: "Nội dung: …", "Cơ quan chủ
trì/thực hiện: …", "Cơ quan phối hợp: …", "Thời gian thực hiện: …" lines, as
list items or plain paragraphs, attach to the item they describe, and a task
table (columns Nhiệm vụ | Chủ trì | Phối hợp | Thời gian, one cell per line;
any table with a lead column) gives one row node per task with its cells as fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .layout import TABLE_FIRST, Block, field_of, table_columns
from .patterns import fold_key

_RANKS = {"chapter": 0, "roman": 1, "article": 2, "upper": 2, "number": 3, "letter": 6, "step": 6.5, "paren": 7, "bullet": 8,
          "plus": 9}
_HEADING_WORDS = 40
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,2}|[IVX]{1,5}|[A-Z]|[a-zđ])[.)]?$")
_ELLIPSIS = re.compile(r"^[\s.…]{3,}$")
_COLUMN_NUMBER = re.compile(r"^\(\d{1,2}\)$")
_COLUMN_LABEL = re.compile(r"^(?:[A-Z]|\d{1,2})$")
_DOTTED_NUMBER = re.compile(r"\d+(?:\.\d+)*")  # "3", "3.2", "3.2.1"
_TIME_CELL = re.compile(r"^(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|(?:truoc |trong |den |cuoi |dau )?"
                        r"(?:ngay|thang|quy|nam|giai doan) [\divx]|thuong xuyen|hang (?:nam|thang|quy)|\d{4}(?:\s*-\s*\d{4})?$)")
_LIST_MARKERS = ("bullet", "plus", "letter", "paren")
# A table read cell by cell must place this share of its text in rows; one it reads worse is read as paragraphs.
_READ_SHARE = 0.5
# What no row of a table takes: the title of the appendix after it ("PHỤ LỤC II"), the next table's first header cell
# or the table's notes.
_APPENDIX_TITLE = re.compile(r"^(?:PHỤ LỤC|Phụ lục\s+[IVX\d])")
_TABLE_NOTE = re.compile(r"^\[\d{1,2}\]\s")  # "[1] Tại phần 2 …": the table's notes, under its last row
_SHARED_DOWN = ("lead", "co", "time")  # the columns whose cells a row may share with the rows below it
_KINDS = ("time", "source")  # columns whose cells are known by what they are
_SOURCE_CELL = re.compile(r"^(?:nghi quyet|nghi dinh|quyet dinh|chi thi|thong bao|thong tu|ke hoach|cong van|ket luan|"
                          r"chuong trinh|luat|van ban)\b.{0,40}\d")


@dataclass(eq=False)
class Node:
    block: Optional[Block]
    style: str  # marker style ("number1", "letter", "bullet" …), "plain", "row" or "root"
    parent: Optional["Node"] = None
    children: list["Node"] = field(default_factory=list)
    plan: Optional[str] = None  # content, lead, co, time or other: the node is a plan line
    value: str = ""  # the field's value
    cells: dict[str, str] = field(default_factory=dict)  # a table row's fields
    rank: float = -1.0  # nesting rank: lower ranks hold higher ranks
    continuation: bool = False  # a paragraph between two items of a list, going on with the item before it

    @property
    def body(self) -> str:
        return self.block.body.strip() if self.block else ""

    @property
    def marked(self) -> bool:
        return self.style not in ("plain", "root", "row")

    @property
    def heading_like(self) -> bool:
        """A title ('1. Sở Công Thương', 'II. NHIỆM VỤ') or a lead-in ending with ':'."""
        if self.style == "root":
            return True
        text = self.body
        if not text or self.plan:
            return False
        if text.endswith(":"):
            return True
        return self.marked and (len(text.split()) <= _HEADING_WORDS or self.style == "article") \
            and not text.endswith((".", ";", "!", "?", ".)"))  # an article's title may run long

    def add(self, child: "Node") -> "Node":
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator["Node"]:
        """The nodes above this one, nearest first, up to (not including) the root."""
        parent = self.parent
        while parent is not None and parent.block is not None:
            yield parent
            parent = parent.parent


def style_of(block: Block) -> Optional[str]:
    if block.marker_kind is None:
        return None
    if block.marker_kind == "number":
        return f"number{block.marker.rstrip('.)').count('.')}"
    return block.marker_kind


def _rank(style: str) -> float:
    if style.startswith("number"):
        return _RANKS["number"] + int(style[6:])
    return _RANKS.get(style, 5)


def outline(blocks: list[Block]) -> Node:
    """The tree of ``blocks`` (see the module doc)."""
    root = Node(None, "root")
    stack = [root]
    index = 0
    # the style of the next marked block from each index on (None when no list item follows)
    next_style: list[Optional[str]] = [None] * (len(blocks) + 1)
    for position in range(len(blocks) - 1, -1, -1):
        next_style[position] = style_of(blocks[position]) or next_style[position + 1]
    while index < len(blocks):
        block = blocks[index]
        table = _task_table(blocks, index)
        if table is not None:
            rows, index = table
            while not stack[-1].heading_like:
                stack.pop()
            for row in rows:
                stack[-1].add(row)
            continue
        index += 1
        style = style_of(block)
        named = field_of(block.body)
        if style is not None:
            rank = _rank(style)
            if style in [n.style for n in stack[1:]]:
                while stack[-1].style != style:
                    stack.pop()
                stack.pop()
            else:
                while len(stack) > 1 and stack[-1].rank >= rank:
                    stack.pop()
            node = stack[-1].add(Node(block, style, rank=rank))
            stack.append(node)
        else:
            node = Node(block, "plain")
            following = next_style[index]
            if named is not None:
                if stack[-1].marked and not stack[-1].heading_like and stack[-1].rank >= _RANKS["letter"]:
                    stack.pop()  # a plan line after list items describes the items: their sibling
                if stack[-1].plan and not stack[-1].marked:
                    stack.pop()  # and after the list of a plan line that holds one, that line's sibling
            else:
                while not stack[-1].heading_like:
                    stack.pop()
                # A paragraph lead-in's list ends at a paragraph after its last item ("… đề nghị các tỉnh:" / "1. …" /
                # "2. …" / "Bộ Nội vụ sẽ tổng hợp …"): the paragraph is its sibling. One between two items stays.
                while len(stack) > 1 and stack[-1].style == "plain" and stack[-1].body.endswith(":") \
                        and (items := [c for c in stack[-1].children if c.marked]) \
                        and items[-1].style != following:
                    stack.pop()
                    while not stack[-1].heading_like:
                        stack.pop()
                if block.text.rstrip().endswith("/.") and not any(n.style == "article" for n in stack):
                    # the closing paragraph ("… thực hiện./.") belongs to no section; an article's last clause stays in it
                    del stack[1:]
            siblings = stack[-1].children
            if named is None and siblings and not node.heading_like and not node.body.isupper() and (
                    siblings[-1].marked and not siblings[-1].heading_like or siblings[-1].continuation):
                item = next(c for c in reversed(siblings) if c.marked)
                # before the list's next item, or after its last (the next marker ranks higher, or none follows)
                node.continuation = following is None or item.style == following or _rank(following) < _rank(item.style)
            stack[-1].add(node)
            if node.heading_like and (named is None or named[0] == "other"):
                # "Thủ tướng Chính phủ yêu cầu:" holds the items that follow it, and so does a line that describes an
                # activity ("Điểm quan trắc: … như sau:"), whose items describe it too.
                node.rank = stack[-1].rank + 0.5
                stack.append(node)
        if named is not None:
            node.plan, node.value = named
    return root


def _task_table(blocks: list[Block], index: int) -> Optional[tuple[list[Node], int]]:
    """A task table written one cell per block: 'STT', header cells naming a lead column and the rows' task
    (:func:`.layout.table_columns`), then rows that start with their number. Returns its rows and the index after it;
    a table that reports what was done (a column of results) is passed over with no rows, and one whose rows
    account for less than half of its text (cells left over, rows no column takes) is left to be read as paragraphs."""
    if not TABLE_FIRST.match(blocks[index].text.strip()):
        return None
    header: list[str] = []
    k = index + 1
    while k < len(blocks) and len(header) < 10:
        if _ROW_NUMBER.match(blocks[k].text.strip()) or blocks[k].marker_kind == "roman":
            break  # the first row, or the first group row ("I. NÂNG CAO NHẬN THỨC …")
        if header and _marks(blocks[k].text):
            k += 1
            break  # the columns' labels under the header ("A" "B" "1" "2" …), which OCR read as one line of marks
        if not _COLUMN_NUMBER.match(blocks[k].text.strip()):  # "(1)" "(2)" …: the columns' numbers, a row of the header
            header.append(blocks[k].text)
        k += 1
    columns = table_columns(header)
    if columns is None:
        return None
    # the columns' labels under the header, one a column, the number column's too ("A" "B" "1" "2" …): no row
    if all(_COLUMN_LABEL.match(b.text.strip()) for b in blocks[k:k + len(columns) + 1]):
        k += len(columns) + 1
    # a field's first column is the one read ("Nhiệm vụ" | … | "Chỉ tiêu đạt được": the task, not its indicator)
    columns = [name if name not in columns[:c] else None for c, name in enumerate(columns)]
    reports = "report" in columns
    rows: list[Node] = []
    group: Optional[Node] = None
    above: Optional[Node] = None  # the row before, within the same group
    last: Optional[str] = None  # the last row's number
    placed = sum(len(b.text) for b in blocks[index:k])  # the text the rows account for, the header's first
    while k < len(blocks):
        if _ELLIPSIS.match(blocks[k].text):
            placed += len(blocks[k].text)
            k += 1  # "…......": rows the copy left out; the table goes on, at whatever number
            last = None
            continue
        if _next_table(blocks[k]):
            break
        number: Optional[Block] = blocks[k]
        start = k + 1
        if blocks[k].marker_kind == "roman":
            number, start = None, k  # a group row whose number and title share a cell
        elif not _row_number(blocks[k], last):
            # a row the table left without a number (a second task under one number, a group's only row): cells up
            # to the next number
            only_row = group is not None and not group.children and rows[-1] is group
            if not only_row and not any(_row_number(b, last) for b in blocks[k + 1:k + len(columns) + 1]):
                break
            number, start = None, k
        end = start
        while end < len(blocks) and (not _row_number(blocks[end], number.text if number else last)
                                     or _untitled_group(blocks, end, number.text if number else last)) \
                and not _ELLIPSIS.match(blocks[end].text) and (end == start or blocks[end].marker_kind != "roman") \
                and not _next_table(blocks[end]):
            end += 1
        cells = blocks[start:end]
        if len(cells) <= 1 and (not cells or not cells[0].text.strip()):
            break
        if number is not None:
            last = number.text
        grouped = number is None and blocks[k].marker_kind == "roman"
        if grouped or number is not None and (
                len(cells) < 2 or re.fullmatch(r"[IVX]{1,5}|[A-Z]", number.text.strip().rstrip("."))):
            # a group row ("I | NHÓM GIẢI PHÁP …"): a heading for the rows below it
            group = Node(cells[0] if cells else number, "plain")
            rows.append(group)
            above = None
            placed += sum(len(b.text) for b in blocks[k:start]) + (len(cells[0].text) if cells else 0)
            # a row's worth of cells after the title: the group's only row, left without a number
            k = start + 1 if len(cells) > len(columns) else end
            continue
        if number is None and len(cells) < 2:
            k = end  # a cell left over, no row: the text the rows do not account for
            continue
        if not (repeated := _repeated_tasks(columns, cells)):
            cells = _joined(cells, len(columns))
            if late := _late_time(columns, cells):
                # the time column's date comes that many cells late: the task cell runs over as many more paragraphs
                task = cells[0]
                for cell in cells[1:late + 1]:
                    task = _merged(task, cell)
                cells = [task] + cells[late + 1:]
            if len(cells) > len(columns):
                # more cells than columns: the columns' worth is the row, the rest a second task under the same number
                cells = cells[:len(columns)]
                end = next(i for i in range(start, end) if blocks[i].line_start > cells[-1].line_end)
        placed += sum(len(b.text) for b in blocks[k:start])
        for task_cells in repeated or [cells]:
            aligned = _aligned(columns, task_cells)
            named = dict(aligned)
            row = Node(named.get("content", task_cells[0]), "row")
            row.cells = {name: cell.text.strip() for name, cell in named.items() if name and name != "content"}
            if "lead" not in row.cells and above is not None:
                # a cell merged down the rows is written once, in its first row: a row without its lead shares the
                # lead, partners and time of the row above
                row.cells = {**{name: above.cells[name] for name in _SHARED_DOWN if name in above.cells}, **row.cells}
            above = row
            placed += sum(len(cell.text) for _, cell in aligned)
            if group is not None:
                group.add(row)
            else:
                rows.append(row)
        k = end
    if reports:
        return [], k
    if not rows or placed < _READ_SHARE * sum(len(b.text) for b in blocks[index:k]):
        return None
    return rows, k


def _marks(text: str) -> bool:
    """No cell's words: fewer letters than other characters, among them marks no heading writes ("C2 89 PP + >";
    not "Năm 2025", "(1)")."""
    written = text.replace(" ", "")
    return sum(c.isalpha() for c in written) < len(written) / 2 and not re.fullmatch(r"[\w/.,:;()%–-]*", written)


def _repeated_tasks(columns: list[Optional[str]], cells: list[Block]) -> list[list[Block]]:
    """A row that gives its lead and partners once and then several tasks, each in as many paragraphs as the
    columns from the task column on ("Cơ quan chủ trì" | "Cơ quan phối hợp" | "Nội dung" | "Chỉ tiêu" | "Thời hạn",
    with "Nội dung" | "Chỉ tiêu" | "Thời hạn" two or more times): each task's cells with the shared ones before them.
    A cell is a paragraph between blank lines, whatever lists it holds; no such row gives an empty list."""
    if "content" not in columns or (shared := columns.index("content")) == 0:
        return []
    paragraphs: list[Block] = []
    for cell in cells:
        if paragraphs and cell.line_start == paragraphs[-1].line_end + 1:  # no blank line between: the same cell
            paragraphs[-1] = _merged(paragraphs[-1], cell)
        else:
            paragraphs.append(cell)
    width = len(columns) - shared
    tasks, rest = divmod(len(paragraphs) - shared, width)
    if tasks < 2 or rest:
        return []
    return [paragraphs[:shared] + paragraphs[shared + width * t:shared + width * (t + 1)] for t in range(tasks)]


def _untitled_group(blocks: list[Block], index: int, last: Optional[str]) -> bool:
    """``blocks[index]`` looks like a group's number ("I", "A") but the next row's number follows it at once: a group
    has a title, so it is a cell of the row before (a column of Roman numerals: "Nguồn lực" "I" / "2", "I" / "III")."""
    text = blocks[index].text.strip().rstrip(".)")
    return bool(re.fullmatch(r"[IVX]{1,5}|[A-Z]", text)) and index + 1 < len(blocks) \
        and _row_number(blocks[index + 1], last)


def _next_table(block: Block) -> bool:
    """``block`` opens what follows a table: the next appendix ("PHỤ LỤC II"), the next table ("STT") or the
    table's notes ("[1] …")."""
    text = block.text.strip()
    return bool(_APPENDIX_TITLE.match(text) or TABLE_FIRST.match(text) or _TABLE_NOTE.match(text))


def _row_number(block: Block, last: Optional[str]) -> bool:
    """``block`` is a row's number: a number alone in its cell that may follow ``last`` (the row number before it):
    the next number or sub-number ("3" / "4", "3" / "3.1", "3.2" / "4"), a restart at 1, a letter or a Roman
    number. A quantity in a cell ("120") is no row number."""
    text = block.text.strip()
    if not _ROW_NUMBER.match(text):
        return False
    digits = text.rstrip(".)")
    if last is None or not _DOTTED_NUMBER.fullmatch(digits):
        return True
    before = last.strip().rstrip(".)")
    if not _DOTTED_NUMBER.fullmatch(before):
        return True
    parts, previous = [int(p) for p in digits.split(".")], [int(p) for p in before.split(".")]
    if parts[-1] == 1 and parts[:-1] in (previous, []):
        return True  # "3" / "3.1", or a restart
    return any(parts == previous[:depth - 1] + [previous[depth - 1] + step]
               for depth in range(1, len(previous) + 1) for step in (1, 2))


def _joined(cells: list[Block], width: int) -> list[Block]:
    """A row's cells, those that go on with the cell before them joined to it while the row has more cells than
    columns: first a list's next item that no full stop before it has ended ("- Bộ A" / "- Bộ B"), then a list's
    first item ("- …", "+ …", "a) …") and a cell in lower case."""
    joined = list(cells)
    tails = [cell.marker_kind for cell in cells]  # the list marker of each cell's last part

    def join(goes_on) -> None:
        position = 1
        while len(joined) > width and position < len(joined):
            if goes_on(position):
                joined[position - 1:position + 1] = [_merged(joined[position - 1], joined[position])]
                tails[position - 1:position + 1] = [tails[position]]
            else:
                position += 1

    join(lambda p: tails[p] in _LIST_MARKERS and tails[p - 1] == tails[p] and not joined[p - 1].text.endswith("."))
    join(lambda p: tails[p] in _LIST_MARKERS or joined[p].text[:1].islower())
    return joined


def _late_time(columns: list[Optional[str]], cells: list[Block]) -> int:
    """How many cells after the time column a row whose first column is the task has its first date or period
    (0 when the time column's cell is one, or no later cell is)."""
    if columns[0] != "content" or "time" not in columns:
        return 0
    time = columns.index("time")
    if time >= len(cells) or _cell_kind(cells[time].text) == "time":
        return 0
    return next((c - time for c in range(time + 1, len(cells)) if _cell_kind(cells[c].text) == "time"), 0)


def _merged(before: Block, cell: Block) -> Block:
    """One cell of ``before`` and the paragraph ``cell`` that goes on with it."""
    return Block(f"{before.text} {cell.text}", before.page, before.line_start, cell.line_end, before.marker_kind,
                 before.marker, f"{before.body} {cell.text}")


def _aligned(columns: list[Optional[str]], cells: list[Block]) -> list[tuple[Optional[str], Block]]:
    """A row's cells with their columns (None for a column no field names). A row short of cells (one left empty
    and dropped) places each cell by what it is: a date or period in the time column, a document's citation in the
    source column, others in order."""
    if len(cells) >= len(columns):
        return list(zip(columns, cells))
    placed: list[tuple[Optional[str], Block]] = []
    column = 0
    for cell in cells:
        kind = _cell_kind(cell.text)
        if kind is not None and kind in columns[column:]:
            column = columns.index(kind, column)
        elif kind is None:  # not into a time or source column
            column = next((c for c in range(column, len(columns)) if columns[c] not in _KINDS), column)
        if column >= len(columns):
            break
        placed.append((columns[column], cell))
        column += 1
    return placed


def _cell_kind(text: str) -> Optional[str]:
    """'time' for a date or period ("30/09/2025", "Quý IV/2025", "Năm 2026", "Thường xuyên"), 'source' for a
    document's citation ("Nghị quyết số 71/NQ-CP"), None for other cells."""
    key = fold_key(text)
    if _TIME_CELL.match(key):
        return "time"
    if _SOURCE_CELL.match(key):
        return "source"
    return None
