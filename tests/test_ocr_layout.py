"""Reading order: header columns are not interleaved, footnotes go last."""

import pytest

from ccn_docs.ocr import layout
from ccn_docs.types import Line, Page, Word

PAGE_HEIGHT = 1754  # A4 at 150 dpi


def line(text: str, x0: int, y0: int, *, height: int = 26, char_width: int = 14, gap: tuple[int, int] = (0, 0)) -> Line:
    """A line of words laid left to right; ``gap`` = (word index, pixels) adds space before that word."""
    words, x = [], x0
    for index, part in enumerate(text.split()):
        if gap[1] and index == gap[0]:
            x += gap[1]
        words.append(Word(part, (x, y0, x + char_width * len(part), y0 + height), 90.0))
        x += char_width * (len(part) + 1)
    return Line(words=words, bbox=(x0, y0, x, y0 + height), text_height=height * 0.8)


def page(lines: list[Line]) -> Page:
    return Page(source="p.png", number=1, width=1240, height=PAGE_HEIGHT, dpi=150, lines=lines)


def texts(result: Page) -> list[tuple[str, str, int]]:
    return [(l.kind, l.text, l.column) for l in result.lines]


BODY = [line(f"Dòng nội dung số {n} của văn bản chỉ đạo", 178, 400 + 40 * n) for n in range(6)]


def test_header_columns_are_read_one_after_the_other():
    tesseract_order = [
        line("ỦY BAN NHÂN DÂN", 250, 120),
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, 118),
        line("TỈNH BẮC GIANG", 260, 160),
        line("Độc lập - Tự do - Hạnh phúc", 660, 162),
        line("Số: 2029/UBND-KTTH", 240, 200),
    ]
    result = layout.arrange(page(tesseract_order + BODY))
    assert texts(result)[:5] == [
        ("header", "ỦY BAN NHÂN DÂN", 0),
        ("header", "TỈNH BẮC GIANG", 0),
        ("header", "Số: 2029/UBND-KTTH", 0),
        ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1),
        ("header", "Độc lập - Tự do - Hạnh phúc", 1),
    ]
    assert [k for k, _, _ in texts(result)[5:]] == ["body"] * len(BODY)


def centred(text: str, centre: int, y0: int) -> Line:
    return line(text, centre - 14 * (len(text) + 1) // 2, y0)


def test_a_left_column_longer_than_the_right_one_is_read_to_its_end_before_it():
    issuer_and_number = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG", "Số: 2029/UBND-KTTH", "V/v tập trung ứng phó", "với mưa lũ"]
    left = [centred(text, 360, 120 + 40 * row) for row, text in enumerate(issuer_and_number)]
    right = [line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, 118), line("Độc lập - Tự do - Hạnh phúc", 660, 162)]
    at_margin = line("Kính gửi: Sở Tài chính, Sở Kế hoạch và Đầu tư", 178, 320)  # as body text is
    tesseract_order = [left[0], right[0], left[1], right[1], *left[2:], at_margin]
    result = layout.arrange(page(tesseract_order + BODY))
    assert [text for _, text, _ in texts(result)[:8]] == issuer_and_number + [l.text for l in right] + [at_margin.text]
    assert [(kind, column) for kind, _, column in texts(result)[:8]] == [("header", 0)] * 5 + [("header", 1)] * 2 + [("body", 0)]


def test_a_header_row_read_as_one_line_is_cut_at_the_column_gap():
    merged = line("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI", 250, 120, gap=(4, 200))
    speck = line("TỈNH BẮC GIANG . Độc lập - Tự do", 260, 160, gap=(4, 200))
    result = layout.arrange(page([merged, speck] + BODY))
    assert texts(result)[:4] == [
        ("header", "ỦY BAN NHÂN DÂN", 0),
        ("header", "TỈNH BẮC GIANG .", 0),
        ("header", "CỘNG HÒA XÃ HỘI", 1),
        ("header", "Độc lập - Tự do", 1),
    ]


def test_a_long_number_nearly_meeting_the_date_is_cut_from_it_and_stays_in_its_column():
    # one and a half text heights between number and date, five times the line's word space;
    # the number reaches under the start of the motto, a row above
    narrow = {"height": 32, "char_width": 10}
    number_and_date = line("Số: 4385/QĐ-BVHTTDL Hà Nội, ngày 18 tháng 11 năm 2025", 240, 200, gap=(2, 30), **narrow)
    rows = [line("BỘ VĂN HÓA, THỂ", 250, 120, **narrow), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 420, 118, **narrow),
            line("THAO VÀ DU LỊCH", 250, 160, **narrow), line("Độc lập - Tự do - Hạnh phúc", 480, 162, **narrow)]
    result = layout.arrange(page(rows + [number_and_date] + BODY))
    assert texts(result)[:6] == [
        ("header", "BỘ VĂN HÓA, THỂ", 0),
        ("header", "THAO VÀ DU LỊCH", 0),
        ("header", "Số: 4385/QĐ-BVHTTDL", 0),
        ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1),
        ("header", "Độc lập - Tự do - Hạnh phúc", 1),
        ("header", "Hà Nội, ngày 18 tháng 11 năm 2025", 1),
    ]


def test_number_and_date_read_as_one_line_are_cut_where_each_piece_is_centred_under_its_column():
    # the gap between number and date is two and a half word spaces, narrower than a column gap,
    # and the line is as wide as body text
    rows = [centred("ỦY BAN NHÂN DÂN", 360, 120), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, 118),
            centred("TỈNH LAI CHÂU", 360, 160), centred("Độc lập - Tự do - Hạnh phúc", 798, 162)]
    number_and_date = line("Số: 88/2025/QĐ-UBND Lai Châu, ngày 21 tháng 11 năm 2025", 220, 200, gap=(2, 22))
    result = layout.arrange(page(rows + [number_and_date] + BODY))
    assert texts(result)[:6] == [
        ("header", "ỦY BAN NHÂN DÂN", 0),
        ("header", "TỈNH LAI CHÂU", 0),
        ("header", "Số: 88/2025/QĐ-UBND", 0),
        ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1),
        ("header", "Độc lập - Tự do - Hạnh phúc", 1),
        ("header", "Lai Châu, ngày 21 tháng 11 năm 2025", 1),
    ]


def test_a_body_line_below_the_header_with_one_wide_space_is_not_cut():
    rows = [centred("ỦY BAN NHÂN DÂN", 360, 120), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, 118)]
    # set from the margin: its first words are not centred under the issuer
    stretched = line("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025 ngày", 178, 160, gap=(3, 20))
    result = layout.arrange(page(rows + [stretched] + BODY))
    assert texts(result)[:3] == [
        ("header", "ỦY BAN NHÂN DÂN", 0), ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1), ("body", stretched.text, 0)
    ]


def test_the_title_after_the_headers_blank_row_is_body_in_tightly_spaced_text():
    # rows 32 px apart, the title two rows below the last: less than one and a half line
    # heights below its bottom, but in a row of its own
    rows = [line("ỦY BAN NHÂN DÂN", 250, 120), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, 118),
            line("TỈNH BẮC NINH", 260, 152), line("Độc lập - Tự do - Hạnh phúc", 660, 152)]
    title = line("QUYẾT ĐỊNH", 178, 216)
    result = layout.arrange(page(rows + [title] + BODY))
    assert [(kind, text) for kind, text, _ in texts(result)[:5]] == [
        ("header", "ỦY BAN NHÂN DÂN"), ("header", "TỈNH BẮC NINH"),
        ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("header", "Độc lập - Tự do - Hạnh phúc"), ("body", "QUYẾT ĐỊNH"),
    ]


def test_a_speck_in_the_middle_of_the_column_gap_does_not_join_the_columns():
    left = line("ỦY BAN NHÂN DÂN TỈNH", 250, 120)
    right = line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 600, 118)
    gap_start = left.words[-1].bbox[2]
    speck = Word("ˆ", (gap_start + 30, 122, gap_start + 36, 130), 20.0)  # closer than a column gap to either side
    merged = Line(words=left.words + [speck] + right.words, bbox=(250, 118, right.bbox[2], 146), text_height=left.text_height)
    result = layout.arrange(page([merged] + BODY))
    assert texts(result)[:2] == [
        ("header", "ỦY BAN NHÂN DÂN TỈNH ˆ", 0),
        ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1),
    ]


def test_a_header_row_is_cut_before_the_motto_even_without_a_column_gap():
    merged = line("ỦY BAN NHÂN DÂN TỈNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 250, 120, gap=(5, 20))
    second = line("TỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc", 300, 160, gap=(3, 60))
    result = layout.arrange(page([merged, second] + BODY))
    assert texts(result)[:4] == [
        ("header", "ỦY BAN NHÂN DÂN TỈNH", 0),
        ("header", "TỈNH BẮC NINH", 0),
        ("header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1),
        ("header", "Độc lập - Tự do - Hạnh phúc", 1),
    ]


def test_body_lines_below_the_header_are_not_columns():
    header = [line("ỦY BAN NHÂN DÂN", 250, 120), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, 118)]
    body = [
        line("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025", 178, 300),
        line("Điều 1. Giao Sở Tài chính chủ trì thực hiện", 178, 340, gap=(4, 220)),  # a stretched justified line
    ]
    result = layout.arrange(page(header + body + BODY))
    assert [k for k, _, _ in texts(result)[:2]] == ["header", "header"]
    assert [k for k, _, _ in texts(result)[2:]] == ["body"] * (len(BODY) + 3)


def test_lines_side_by_side_below_body_text_are_no_header():
    body = [line(f"Dòng nội dung số {n} của văn bản chỉ đạo ban hành kèm theo", 178, 120 + 40 * n) for n in range(5)]
    recipients = line("- Lưu: VT, KHTC.", 178, 330)
    pen_stroke = line("toà -suế", 700, 332)  # a signature or pen note read as letters
    result = layout.arrange(page(body + [recipients, pen_stroke] + BODY))
    assert all(kind == "body" for kind, _, _ in texts(result))
    assert [text for _, text, _ in texts(result)[:7]] == [l.text for l in body + [recipients, pen_stroke]]


def test_dirt_beyond_a_gap_does_not_make_columns():
    dirty = [line("Dòng nội dung đầu tiên của văn bản _", 178, 300, gap=(8, 400))]
    result = layout.arrange(page(dirty + BODY))
    assert all(kind == "body" for kind, _, _ in texts(result))
    assert texts(result)[0][1] == "Dòng nội dung đầu tiên của văn bản"  # the lone "_" fragment was dropped


def test_footnotes_are_marked_and_follow_the_body():
    notes = [
        line("1 Nghị định số 30/2020/NĐ-CP về công tác văn thư,", 178, 1550, height=19, char_width=10),
        line("được sửa đổi, bổ sung năm 2024.", 178, 1575, height=19, char_width=10),
    ]
    last_body = line("Nơi nhận: như trên", 178, 1400)
    result = layout.arrange(page(notes + BODY + [last_body]))
    assert [k for k, _, _ in texts(result)] == ["body"] * (len(BODY) + 1) + ["footnote", "footnote"]
    assert texts(result)[-2][1].startswith("1 Nghị định")


def test_small_text_without_a_number_is_not_a_footnote():
    small = [line("Ghi chú nhỏ ở cuối trang", 178, 1550, height=19, char_width=10)]
    result = layout.arrange(page(BODY + small))
    assert all(kind == "body" for kind, _, _ in texts(result))


def test_pieces_of_a_body_line_read_as_lines_of_their_own_are_joined_in_its_place():
    opening = line("Căn cứ Luật", 178, 906)
    rest = line("Ban hành văn bản quy phạm pháp luật số 64/2025/QH15", 178 + 14 * 12 + 20, 904)
    letter = line("qu", 178, 1361)  # the first letters of a broken word
    broken = line("ết định thu hồi đất; điều tra, khảo sát", 178 + 14 * 3 + 10, 1356)
    result = layout.arrange(page([opening, BODY[0], rest, BODY[1], broken, BODY[2], letter]))
    assert [text for _, text, _ in texts(result)] == [
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15",
        BODY[0].text,
        BODY[1].text,
        "qu ết định thu hồi đất; điều tra, khảo sát",
        BODY[2].text,
    ]


def test_a_signature_block_read_row_by_row_is_read_column_by_column():
    # below the header zone, where only the signature block's own reading cuts rows at their gaps
    body = [line(f"Dòng nội dung số {n} của văn bản chỉ đạo gửi các cơ quan đơn vị liên quan", 178, 800 + 40 * n) for n in range(4)]
    rows = [  # Tesseract's reading: each row of the list runs on into the right column's line beside it
        line("Nơi nhận: KT. BỘ TRƯỞNG", 178, 1000, gap=(2, 420)),
        line("- Như trên; THỨ TRƯỞNG", 178, 1032, height=20, gap=(3, 470)),
        line("- Bộ trưởng (để báo cáo);", 178, 1060, height=20),
        line("- Lưu: VT, KHTC.", 178, 1088, height=20),
        centred("Nguyễn Mạnh Khương", 850, 1200),
    ]
    after = line("PHỤ LỤC DANH MỤC CÁC NHIỆM VỤ GIAO CHO CÁC CƠ QUAN ĐƠN VỊ", 178, 1300)
    result = layout.arrange(page(body + rows + [after]))
    assert [text for _, text, _ in texts(result)] == [l.text for l in body] + [
        "Nơi nhận:", "- Như trên;", "- Bộ trưởng (để báo cáo);", "- Lưu: VT, KHTC.",
        "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Mạnh Khương",
        after.text,
    ]


def test_a_signature_block_down_the_margin_keeps_its_order():
    down_the_margin = [line(text, 178, 1000 + 34 * row) for row, text in enumerate(
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KHTC.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Mạnh Khương"])]
    speck_beside_an_item = line("- Như trên; R", 178, 1034, gap=(3, 500))
    for rows in (down_the_margin, [down_the_margin[0], speck_beside_an_item, *down_the_margin[2:]]):
        assert [text for _, text, _ in texts(layout.arrange(page(BODY + rows)))] == [l.text for l in BODY + rows]


@pytest.mark.parametrize("issuer", [["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ", "HÀ NỘI"], ["BỘ NỘI VỤ"]])
def test_a_blank_row_in_a_header_column_does_not_stretch_the_header_over_the_title(issuer):
    # "Số:" stands level with the date: under an issuer of three lines the motto's column skips a
    # row, under an issuer of one line the issuer's column does
    rows = max(len(issuer), 2)
    left = [centred(text, 360, 120 + 40 * row) for row, text in enumerate(issuer)] + [centred("Số: 80/2025/NQ-HĐND", 360, 120 + 40 * rows)]
    right = [centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 860, 118), centred("Độc lập - Tự do - Hạnh phúc", 860, 160),
             centred("Hà Nội, ngày 27 tháng 11 năm 2025", 860, 120 + 40 * rows)]
    title = line("NGHỊ QUYẾT", 178, 120 + 40 * (rows + 2))  # after the header's blank row, at the margin
    grounds = line("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", 178, 120 + 40 * (rows + 3))
    tesseract_order = sorted(left + right, key=lambda l: (l.bbox[1] // 20, l.bbox[0])) + [title, grounds]
    result = layout.arrange(page(tesseract_order))
    assert [(kind, text) for kind, text, _ in texts(result)][-2:] == [("body", "NGHỊ QUYẾT"), ("body", grounds.text)]
    assert [text for kind, text, _ in texts(result) if kind == "header"] == [l.text for l in left + right]


def test_a_signature_block_heading_a_page_is_not_taken_for_the_header():
    rows = [
        line("Nơi nhận: KT. CHỦ TỊCH", 178, 120, gap=(2, 420)),
        line("- Như Điều 3; PHÓ CHỦ TỊCH", 178, 152, height=20, gap=(4, 430)),
        line("- Lưu: VT, KGVX.", 178, 180, height=20),
        centred("Mai Sơn", 850, 300),
    ]
    attachment = [line("PHỤ LỤC DANH MỤC THỦ TỤC HÀNH CHÍNH NỘI BỘ TRONG LĨNH VỰC CÔNG TÁC", 178, 400 + 40 * n) for n in range(3)]
    result = layout.arrange(page(rows + attachment))
    assert [(kind, text) for kind, text, _ in texts(result)][:6] == [
        ("body", "Nơi nhận:"), ("body", "- Như Điều 3;"), ("body", "- Lưu: VT, KGVX."),
        ("body", "KT. CHỦ TỊCH"), ("body", "PHÓ CHỦ TỊCH"), ("body", "Mai Sơn"),
    ]


def test_an_items_end_read_as_a_line_of_its_own_past_a_dash_stays_in_the_distribution_column():
    body = [line(f"Dòng nội dung số {n} của văn bản chỉ đạo gửi các cơ quan đơn vị liên quan", 178, 800 + 40 * n) for n in range(4)]
    item = line("- Cục Kiểm tra văn bản", 178, 1060, height=20)
    dash = Word("-", (484, 1060, 508, 1080), 60.0)  # its box reaches into the word before it
    item = layout.line_of(item.words + [dash], item)
    rest = line("Bộ Tư pháp;", 520, 1060, height=20)  # Tesseract's line of its own, past the page's first third
    rows = [line("Nơi nhận: KT. BỘ TRƯỞNG", 178, 1000, gap=(2, 420)), line("- Như trên; THỨ TRƯỞNG", 178, 1032, height=20, gap=(3, 470)),
            item, rest, line("- Lưu: VT, KHTC.", 178, 1088, height=20), centred("Nguyễn Mạnh Khương", 850, 1200)]
    result = layout.arrange(page(body + rows))
    assert [text for _, text, _ in texts(result)][len(body):] == [
        "Nơi nhận:", "- Như trên;", "- Cục Kiểm tra văn bản - Bộ Tư pháp;", "- Lưu: VT, KHTC.",
        "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Mạnh Khương"]


def test_an_item_cut_at_a_wide_space_keeps_its_words_in_order_though_its_end_sits_higher():
    body = [line(f"Dòng nội dung số {n} của văn bản chỉ đạo gửi các cơ quan đơn vị liên quan", 178, 800 + 40 * n) for n in range(4)]
    start = line("- UBND", 178, 1062, height=20)
    end = line("các xã, phường;", 178 + 14 * 7 + 30, 1060, height=24)  # read as a line of its own, its accents higher
    rows = [line("Nơi nhận: KT. CHỦ TỊCH", 178, 1000, gap=(2, 420)), line("- Như trên; PHÓ CHỦ TỊCH", 178, 1032, height=20, gap=(3, 470)),
            end, start, line("- Lưu: VT.", 178, 1090, height=20), centred("Lê Văn An", 850, 1200)]
    result = layout.arrange(page(body + rows))
    assert [text for _, text, _ in texts(result)][len(body) + 2:len(body) + 5] == ["- UBND", "các xã, phường;", "- Lưu: VT."]


def _parted(lines: list[Line], tables: list[tuple[int, int, int, int]] = ()) -> list[str]:
    return [line.text for line in layout.part_paragraphs(lines, list(tables))]


def test_a_line_the_next_lines_first_word_would_have_fitted_on_ends_its_paragraph():
    lines = [line(text, 178, 400 + 40 * n) for n, text in enumerate([
        "Ủy ban nhân dân các xã chủ động rà soát, thống kê và báo cáo kết quả",
        "thực hiện về Sở Nông nghiệp và Môi trường trước ngày 15 hằng tháng.",
        "Sở Tài chính bố trí kinh phí thực hiện nhiệm vụ theo quy định hiện hành,",
        "Sở Nội vụ hướng dẫn việc sắp xếp cán bộ làm công tác này tại các xã.",
        "Công an tỉnh phối hợp kiểm tra."])]
    # "Sở" fits after "… hằng tháng."; "Công" does not fit after "… tại các xã.", whose line is nearly full
    assert _parted(lines) == [lines[0].text, lines[1].text, "", lines[2].text, lines[3].text, lines[4].text]


def test_titles_lower_case_lines_short_lines_tables_and_the_signature_block_keep_their_lines():
    lines = [line(text, 178, 400 + 40 * n) for n, text in enumerate([
        "Ủy ban nhân dân các xã chủ động rà soát, thống kê và báo cáo kết quả",
        "III. NHIỆM VỤ VÀ",
        "GIẢI PHÁP",
        "Các sở, ngành theo chức năng, nhiệm vụ được giao chủ trì triển khai",
        "nội dung của kế hoạch này, bảo đảm tiến độ và chất lượng đề ra.",
        "Ủy ban nhân dân các xã chủ động rà soát, thống kê và báo cáo kết quả",
        "Số lượng đơn vị",  # a table's cells typeset one a line
        "Chính thức",
        "Nơi nhận:",
        "Như trên; Bộ trưởng để báo cáo; các Thứ trưởng; Văn phòng Bộ;",
        "Lưu: VT."])]
    table = (170, 555, 1100, 590)  # around "nội dung …", as if a ruled table's cell
    assert _parted(lines, [table]) == [line.text for line in lines]
    # out of a table that line ends its paragraph: "Ủy" would have fitted after "… đề ra."
    assert _parted(lines) == [line.text for line in lines[:5]] + [""] + [line.text for line in lines[5:]]
