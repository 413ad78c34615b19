"""Ruled tables: the grid found on the image, its cells read back one block per cell in row order."""

from difflib import SequenceMatcher

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ccn_docs import synth
from ccn_docs.inputs import page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.page import STEPS, PageState, Settings, read_ruled_tables
from ccn_docs.ocr.tables import Table, find_tables, read_tables
from ccn_docs.types import Line, Page, Word
from tests.ocr_fixtures import directive_page, save_png

DPI = 200
HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
ROWS = [
    ["1.", "Rà soát, sửa đổi quy chế phối hợp trong công tác quản lý nhà nước về văn thư, lưu trữ trên địa bàn tỉnh", "Sở Nội vụ", "Tháng 6/2026"],
    ["2.", "Xây dựng cơ sở dữ liệu hồ sơ điện tử và kết nối với hệ thống quản lý văn bản của tỉnh", "Sở Khoa học và Công nghệ", "Quý III/2026"],
    ["3.", "Bố trí kinh phí thực hiện các nhiệm vụ của kế hoạch", "Sở Tài chính", "Hằng năm"],
]
INTRODUCTION = "Ủy ban nhân dân tỉnh giao các cơ quan thực hiện các nhiệm vụ sau:"


def _cell_per_block(rows: list[list[str]]) -> list[str]:
    paragraphs = [INTRODUCTION, ""]
    for cell in [cell for row in [HEADER, *rows] for cell in row]:
        paragraphs += [cell, ""]
    return paragraphs + ["Các cơ quan báo cáo kết quả thực hiện về Sở Nội vụ."]


def _ruled_grid(columns: list[int], rows: int, dpi: int = DPI) -> Image.Image:
    """A blank page with a ruled grid of ``rows`` rows, the third one's cells after the first merged."""
    image = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    left, top, height = 240, 300, 90
    edges = [left + sum(columns[:i]) for i in range(len(columns) + 1)]
    for row in range(rows + 1):
        draw.line((edges[0], top + row * height, edges[-1], top + row * height), fill=0, width=2)
    for row in range(rows):
        for index, x in enumerate(edges):
            if row == 2 and 1 < index < len(edges) - 1:
                continue
            draw.line((x, top + row * height, x, top + (row + 1) * height), fill=0, width=2)
    return image


def test_the_grid_gives_its_cells_row_by_row_left_to_right():
    columns = [120, 600, 300, 220]
    [table] = find_tables(np.asarray(_ruled_grid(columns, 4)), DPI)
    assert [len(row) for row in table.rows] == [4, 4, 2, 4]
    first_row = table.rows[0]
    assert [box[0] for box in first_row] == sorted(box[0] for box in first_row)
    assert abs((first_row[1][2] - first_row[1][0]) - columns[1]) < 10
    assert all(row[0][1] > previous[0][1] for previous, row in zip(table.rows, table.rows[1:]))


def test_a_page_without_rules_has_no_table():
    assert find_tables(np.asarray(directive_page(DPI)), DPI) == []  # its footnote rule is no table


def _word(text: str, x: int, y: int) -> Word:
    return Word(text=text, bbox=(x, y, x + 20 * len(text), y + 30), confidence=90.0)


def test_words_go_to_the_cells_holding_them_and_each_cell_becomes_a_block_in_place():
    cells = [[(100, 100, 300, 200), (300, 100, 800, 200)], [(100, 200, 300, 300), (300, 200, 800, 300)]]
    table = Table((100, 100, 800, 300), cells)
    before = Line(words=[_word("Trước", 100, 40)], bbox=(100, 40, 200, 70))
    # Tesseract reads a row across: one line over two cells, and a rule as "|".
    across = Line(words=[_word("STT", 110, 120), _word("|", 298, 120), _word("Nhiệm", 320, 120), _word("vụ", 450, 120)], bbox=(110, 120, 500, 150))
    second = Line(words=[_word("1.", 110, 220), _word("Báo", 320, 220), _word("cáo", 420, 220)], bbox=(110, 220, 480, 250))
    after = Line(words=[_word("Sau", 100, 340)], bbox=(100, 340, 160, 370))
    page = Page(source="p", number=1, width=1000, height=1400, dpi=DPI, lines=[before, across, second, after])
    read = read_tables(page, [table], np.full((1400, 1000), 255, np.uint8), lambda image: [])
    assert read.text.split("\n") == ["Trước", "", "STT", "", "Nhiệm vụ", "", "1.", "", "Báo cáo", "", "Sau"]


def test_a_cell_the_page_reading_missed_is_read_on_its_own():
    table = Table((100, 100, 800, 200), [[(100, 100, 300, 200), (300, 100, 800, 200)]])
    image = np.full((400, 1000), 255, np.uint8)
    image[130:170, 150:170] = 0  # a row's number Tesseract's page reading dropped
    page = Page(source="p", number=1, width=1000, height=400, dpi=DPI, lines=[Line(words=[_word("Nhiệm", 320, 120)], bbox=(320, 120, 420, 150))])
    seen = []

    def recognise(strip: np.ndarray) -> list[Line]:
        seen.append(strip)
        return [Line(words=[_word("1", 45, 45)], bbox=(45, 45, 65, 75))]

    read = read_tables(page, [table], image, recognise)
    assert len(seen) == 1 and read.text.split("\n") == ["", "1", "", "Nhiệm", ""]


@pytest.fixture(scope="module")
def table_page(tmp_path_factory):
    [spec] = synth.paginate(_cell_per_block(ROWS), DPI, tables=True)
    image, dpi = synth.damage_page(synth.render(spec, DPI), synth.sample_damage("scan", 3), DPI, 3)
    [job] = page_jobs(save_png(image, tmp_path_factory.mktemp("table") / "table.png", dpi=dpi))
    return job


@pytest.mark.heavy
def test_a_typeset_table_comes_back_one_block_per_cell_in_row_order(table_page):
    blocks = [block.strip() for block in ocr_page(table_page).text.split("\n\n")]
    expected = [INTRODUCTION, *[cell for row in [HEADER, *ROWS] for cell in row]]
    assert len(blocks) == len(expected) + 1  # the closing sentence after the table
    for read, cell in zip(blocks, expected):
        assert SequenceMatcher(None, " ".join(read.split()), cell).ratio() > 0.85, (read, cell)


@pytest.mark.heavy
def test_a_page_without_rules_reads_as_without_the_table_step(tmp_path):
    [job] = page_jobs(save_png(directive_page(150), tmp_path / "page.png", dpi=150))
    state = PageState(job=job, settings=Settings())
    for step in STEPS[:-1]:
        state = step(state)
    before = state.page.text
    assert state.ruled_tables == [] and read_ruled_tables(state).page.text == before == ocr_page(job).text
