"""Synthetic scans: pagination, footnote room, reproducible damage."""

from dataclasses import replace

import numpy as np
import pytest
from fontTools.ttLib import TTFont

from ccn_docs import synth
from ccn_docs.vietnamese import TONE_MARKS, nfc

PARAGRAPHS = ["Ủy ban nhân dân tỉnh giao các sở, ngành thực hiện nghiêm túc nội dung chỉ đạo này. " * 6] * 20
NOTE = "1 Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư. " * 2


def test_footnotes_take_room_from_the_body():
    plain = synth.paginate(PARAGRAPHS, 150)
    noted = synth.paginate(PARAGRAPHS, 150, footnotes={1: [NOTE]})
    assert len(noted[1].footnotes) == 2  # wrapped to the text width
    assert len(noted[1].body) < len(plain[1].body)
    assert len(noted[0].body) == len(plain[0].body)
    assert noted[1].reference_text.endswith(noted[1].footnotes[-1])


def test_body_ends_above_the_footnote_rule():
    spec = synth.paginate(PARAGRAPHS, 150, footnotes={0: [NOTE]})[0]
    with_notes = np.asarray(synth.render(spec, 150))
    body_only = np.asarray(synth.render(replace(spec, footnotes=[]), 150))
    last_body_row = np.flatnonzero((body_only < 128).any(axis=1)).max()
    first_note_row = np.flatnonzero((with_notes != body_only).any(axis=1)).min()  # the rule
    assert last_body_row < first_note_row


def test_degradation_is_reproducible():
    image = synth.render(synth.paginate(PARAGRAPHS[:2], 100)[0], 100)
    damage = synth.Degradation.archive(4)
    first, second = synth.degrade(image, damage, 4), synth.degrade(image, damage, 4)
    assert np.array_equal(np.asarray(first), np.asarray(second))
    assert 1.0 <= abs(damage.rotation_degrees) <= 3.0


def _page(dpi: int = 100):
    return synth.render(synth.paginate(PARAGRAPHS[:3], dpi)[0], dpi)


@pytest.mark.heavy
def test_every_family_member_is_reproducible_and_keeps_the_page_readable_in_size():
    page = _page()
    for number, member in enumerate(synth.MEMBERS):
        damage = synth.sample_damage(member, number)
        assert damage == synth.sample_damage(member, number)
        first, dpi = synth.damage_page(page, damage, 100, number)
        second, _ = synth.damage_page(page, damage, 100, number)
        assert np.array_equal(np.asarray(first), np.asarray(second)), member
        assert dpi == (damage.capture_dpi or 100)
        assert first.size[0] >= page.size[0] * dpi / 100 * 0.99


def test_coloured_ink_is_coloured_and_print_stays_grey():
    damage = synth.Damage(seals=2, seal_colour="red", handwriting=4)
    damaged, _ = synth.damage_page(_page(), damage, 100, 5)
    rgb = np.asarray(damaged).astype(int)
    red = (rgb[:, :, 0] - rgb[:, :, 2] > 60).sum()
    blue = (rgb[:, :, 2] - rgb[:, :, 0] > 60).sum()
    assert red > 200 and blue > 50
    clean = np.asarray(synth.damage_page(_page(), synth.Damage(), 100, 5)[0])
    assert clean.ndim == 2  # no colour asked for, a greyscale page


def test_bitonal_pages_are_black_and_white():
    damaged, _ = synth.damage_page(_page(), synth.sample_damage("fax", 3), 100, 3)
    assert damaged.mode == "1"


def test_photos_are_smaller_and_framed_by_the_table():
    damage = synth.Damage(perspective=0.03, capture_dpi=60, illumination=0.3)
    photo, dpi = synth.damage_page(_page(), damage, 100, 1)
    pixels = np.asarray(photo).astype(int)
    assert dpi == 60
    assert np.abs(pixels[2, 2] - np.array(synth.TABLE_COLOUR)).max() < 10  # a corner shows the table


def test_other_typefaces_set_the_same_text_differently():
    noto = synth.Typesetting(family="Noto Serif", line_spacing=1.3)
    default, other = synth.render(synth.paginate(PARAGRAPHS[:2], 100)[0], 100), synth.render(
        synth.paginate(PARAGRAPHS[:2], 100, style=noto)[0], 100, noto
    )
    assert default.size == other.size and not np.array_equal(np.asarray(default), np.asarray(other))


def test_a_combination_draws_two_or_more_paper_and_ink_damages_over_the_scan_damage():
    for seed in range(20):
        damage = synth.sample_damage("combo", seed)
        kinds = [damage.illumination > 0, damage.bleed_through > 0, damage.folds > 0, damage.seals > 0, damage.handwriting > 0]
        assert 2 <= sum(kinds) <= 5
        assert damage.blur_sigma > 0 and damage.noise_sigma > 0 and damage.jpeg_quality
    assert len({synth.sample_damage("combo", seed) for seed in range(20)}) == 20


def test_every_typeface_has_every_vietnamese_letter():
    vowels = "aăâeêioôơuưy"
    letters = {nfc(vowel + mark) for vowel in vowels for mark in ["", *TONE_MARKS]} | {"đ"}
    letters |= {letter.upper() for letter in letters}
    for family, files in synth.FONTS.items():
        for path in files:
            mapped = TTFont(path, fontNumber=0).getBestCmap()
            assert not [letter for letter in letters if ord(letter) not in mapped], (family, path.name)


def test_a_narrower_character_scale_sets_more_words_on_a_line():
    narrow = synth.Typesetting(width_scale=0.85)
    default, condensed = synth.paginate(PARAGRAPHS, 100)[0], synth.paginate(PARAGRAPHS, 100, style=narrow)[0]
    assert len(condensed.body[0].split()) > len(default.body[0].split())
    ink = np.asarray(synth.render(condensed, 100, narrow)) < 128
    right_edge = np.flatnonzero(ink.any(axis=0)).max()
    assert right_edge <= round((synth.A4_INCHES[0] - narrow.margins_inches[2]) * 100) + 2  # the lines still fit


TABLE_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
TABLE_ROW = ["Tổ chức triển khai thực hiện các nhiệm vụ được giao tại kế hoạch này", "Sở Nội vụ", "Tháng 12/2026"]


def _cell_per_block(rows: list[list[str]]) -> list[str]:
    """Text as the corpus writes a table: each cell a block, blocks parted by an empty paragraph."""
    paragraphs = ["Các cơ quan thực hiện các nhiệm vụ sau:", ""]
    for cell in TABLE_HEADER + [cell for row in rows for cell in row]:
        paragraphs += [cell, ""]
    return paragraphs + ["Sở Nội vụ theo dõi, tổng hợp kết quả thực hiện."]


def test_a_table_written_one_cell_per_block_is_drawn_as_a_ruled_grid():
    rows = [[f"{number}.", *TABLE_ROW] for number in range(1, 4)]
    [spec] = synth.paginate(_cell_per_block(rows), 150, tables=True)
    [grid] = [item for item in spec.body if isinstance(item, synth.Grid)]
    assert len(grid.rows) == 4 and all(len(row) == 4 for row in grid.rows)
    assert sum(grid.columns) == synth.DIRECTIVE.text_width(150)
    assert grid.columns[1] > grid.columns[0]  # the task column asks for more room than the number's
    ink = np.asarray(synth.render(spec, 150)) < 128
    ruled = np.flatnonzero(ink.sum(axis=0) >= 0.95 * sum(grid.heights))
    assert len(np.flatnonzero(np.diff(ruled) > 2)) + 1 == len(grid.columns) + 1  # a vertical rule at each column edge
    assert "\n\nSTT\n\nNhiệm vụ\n\n" in spec.reference_text


def test_a_table_cut_by_the_page_end_goes_on_between_rows():
    rows = [[f"{number}.", *TABLE_ROW] for number in range(1, 41)]
    pages = synth.paginate(_cell_per_block(rows), 150, tables=True)
    grids = [item for page in pages for item in page.body if isinstance(item, synth.Grid)]
    assert len(grids) >= 2 and sum(len(grid.rows) for grid in grids) == 41
    assert all(len(row) == 4 for grid in grids for row in grid.rows)


def test_a_table_whose_blocks_do_not_fill_a_grid_is_typeset_as_text():
    rows = [["1.", *TABLE_ROW], ["2.", *TABLE_ROW, "Ghi chú"], ["3.", *TABLE_ROW]]
    paragraphs = _cell_per_block(rows)
    assert synth.find_tables(paragraphs)[0][2] is None
    with_tables = synth.paginate(paragraphs, 150, tables=True)
    assert with_tables == synth.paginate([p for p in paragraphs if p], 150)


def test_text_without_a_table_is_typeset_as_before():
    paragraphs = [p for paragraph in PARAGRAPHS[:5] for p in (paragraph, "")]
    assert synth.paginate(paragraphs, 150, tables=True) == synth.paginate(PARAGRAPHS[:5], 150)
def directive_text(body_paragraphs: int = 6, attachment: bool = False) -> list[str]:
    """A công văn's lines as the corpus writes them: header, body, distribution list, signature."""
    header = ["BỘ TÀI CHÍNH", "CỤC THUẾ", "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Số: 5649/CT-CS V/v hóa đơn điện tử.", "Hà Nội, ngày 01 tháng 12 năm 2025"]
    body = ["Cục Thuế đề nghị Thuế tỉnh Hà Tĩnh căn cứ tình hình thực tế để hướng dẫn đơn vị thực hiện."] * body_paragraphs
    signature = ["Nơi nhận:", "- Như trên;", "- Phó CTr. Đặng Ngọc Minh (để bc);", "- Lưu: VT, CS.",
                 "TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN CHÍNH SÁCH", "PHÓ TRƯỞNG BAN", "Phạm Thị Minh Hiền"]
    return header + body + signature + (["PHỤ LỤC", "Danh mục các đơn vị thực hiện."] if attachment else [])


def ink_columns(image, top: int, bottom: int) -> tuple[bool, bool]:
    """Whether there is print in the left and in the right half of a band of rows."""
    band = np.asarray(image)[top:bottom] < 128
    middle = band.shape[1] // 2
    return bool(band[:, :middle].any()), bool(band[:, middle:].any())


def test_a_directive_text_gets_its_header_and_signature_block_in_two_columns():
    pages = synth.typeset_directive(directive_text(), 100)
    first = pages[0]
    assert first.header_left == ["BỘ TÀI CHÍNH", "CỤC THUẾ", "Số: 5649/CT-CS", "V/v hóa đơn điện tử."]
    assert first.header_right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 01 tháng 12 năm 2025"]
    assert first.header_faces["Hà Nội, ngày 01 tháng 12 năm 2025"] == "italic"
    assert first.body[0].startswith("Cục Thuế đề nghị")
    assert pages[-1].signature_left == ["Nơi nhận:", "- Như trên;", "- Phó CTr. Đặng Ngọc Minh (để bc);", "- Lưu: VT, CS."]
    right = pages[-1].signature_right
    assert right[:3] == ["TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN CHÍNH SÁCH", "PHÓ TRƯỞNG BAN"]
    assert right[-1] == "Phạm Thị Minh Hiền" and right[3:-1] == [""] * synth.SIGNATURE_GAP_ROWS


def test_the_header_and_signature_block_are_drawn_side_by_side():
    spec = synth.typeset_directive(directive_text(), 100)[0]
    image = synth.render(spec, 100)
    line_height = synth.DIRECTIVE.line_height(100)
    top = round(synth.DIRECTIVE.margins_inches[1] * 100)
    assert ink_columns(image, top, top + line_height) == (True, True)  # issuer beside motto
    body_end = top + line_height * (synth._header_rows((spec.header_left, spec.header_right)) + len(spec.body))
    title_row = body_end + line_height
    assert ink_columns(image, title_row, title_row + line_height) == (True, True)  # "Nơi nhận:" beside the title
    name_row = title_row + line_height * (len(spec.signature_right) - 1)
    assert ink_columns(image, name_row, name_row + line_height) == (False, True)  # the name, under the gap


def test_a_signature_block_that_does_not_fit_goes_to_the_next_page_and_an_attachment_after_it():
    fitting = synth.typeset_directive(directive_text(body_paragraphs=10), 100)
    crowded = synth.typeset_directive(directive_text(body_paragraphs=33), 100)
    assert len(fitting) == 1 and fitting[0].signature_right
    assert crowded[-1].body == [] and crowded[-1].signature_right and not crowded[-2].signature_right
    attached = synth.typeset_directive(directive_text(attachment=True), 100)
    assert attached[-2].signature_right and attached[-1].body == ["PHỤ LỤC", "Danh mục các đơn vị thực hiện."]


def test_a_text_without_a_header_or_signature_block_is_set_as_paginate_sets_it():
    unsigned = directive_text()[:-1]  # no signer's name: no signature block
    assert synth.typeset_directive(unsigned, 100)[-1].body[-1] == "PHÓ TRƯỞNG BAN"
    assert not synth.typeset_directive(unsigned, 100)[-1].signature_right
    preamble = ["Xem chi tiết văn bản tại đây.", *unsigned]  # the header does not open the text
    for text in (preamble, PARAGRAPHS):
        assert synth.typeset_directive(text, 100) == synth.paginate(text, 100)
