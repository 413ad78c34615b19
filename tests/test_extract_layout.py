from ccn_docs.extract.layout import blocks, cut_blocks_at, cut_footnotes, field_of, split_lines, task_table_at

from .extract_fixtures import FOOTNOTED

WRAPPED = """Công tác quản lý trên địa bàn tỉnh trong thời gian qua được các sở, ngành quan tâm
thực hiện theo quy định!, đến nay đã đạt được những kết quả nhất định. Tuy nhiên, vẫn
còn một số khó khăn cần khắc phục trong thời gian tới.

1 Nghị định số 68/2017/NĐ-CP ngày 25/5/2017 của Chính phủ về quản lý, phát triển cụm công nghiệp; Nghị
định số 66/2020/NĐ-CP ngày 11/6/2020 của Chính phủ.

1. Sở Công Thương

- Rà soát phương án phát triển cụm công nghiệp trong Quy hoạch tỉnh, bảo đảm đầy đủ thông tin
"""


def test_page_breaks_number_pages_and_drop_page_numbers():
    lines = split_lines("trang một\n\f2\ntrang hai")
    assert [(line.page, line.text) for line in lines] == [(1, "trang một"), (2, "trang hai")]
    assert lines[-1].number == 3


def test_footnote_is_cut_and_its_marker_removed():
    layout = cut_footnotes(split_lines(FOOTNOTED))
    (footnote,) = layout.footnotes
    assert footnote.text.startswith("Nghị định số 15/2021/NĐ-CP")
    assert footnote.line == 3 and footnote.marker == "1"
    body = " ".join(line.text for line in layout.lines)
    assert "15/2021" not in body and "quy định," in body and "¹" not in body


def test_sentence_interrupted_by_footnote_and_page_break_reads_through():
    layout = cut_footnotes(split_lines(FOOTNOTED))
    items = [b for b in blocks(layout.lines) if b.marker_kind == "bullet"]
    assert items[0].body == ("Rà soát các công trình theo quy định, bảo đảm không chồng lấn với "
                             "các quy hoạch khác trên địa bàn tỉnh.")
    assert (items[0].page, items[0].line_start, items[0].line_end) == (1, 3, 6)
    assert items[1].body.startswith("Kiểm tra định kỳ")


def test_ocr_footnote_marker_and_small_print_lines():
    layout = cut_footnotes(split_lines(WRAPPED))
    assert len(layout.footnotes) == 1 and layout.footnotes[0].text.endswith("11/6/2020 của Chính phủ.")
    text = " ".join(line.text for line in layout.lines)
    assert "quy định, đến nay" in text


def test_wrapped_lines_join_into_paragraph_and_list_items():
    found = blocks(cut_footnotes(split_lines(WRAPPED)).lines)
    assert [b.marker_kind for b in found] == [None, "number", "bullet"]
    assert found[0].text.endswith("trong thời gian tới.")
    assert found[1].level < found[2].level


def test_lines_longer_than_a_printed_line_are_paragraphs_of_their_own():
    letter = ("Cục Thuế nhận được công văn số 823/DLA-CNTK ngày 17/09/2025 của Thuế tỉnh Đắk Lắk về chính sách "
              "tiền thuê đất. Về vấn đề này, Cục Thuế có ý kiến như sau:\n"
              "Căn cứ điểm e khoản 1 Điều 39, khoản 2 Điều 44 Nghị định số 103/2024/NĐ-CP ngày 30/7/2024 "
              "của Chính phủ quy định về tiền sử dụng đất, tiền thuê đất.\n"
              "Đề nghị Thuế tỉnh Đắk Lắk căn cứ hồ sơ thuê đất của doanh nghiệp, quy định pháp luật về đất đai và quy "
              "trình luân chuyển hồ sơ do UBND cấp tỉnh ban hành để rà soát và xử lý, đảm bảo đúng quy định.\n"
              "Cục Thuế trả lời để Thuế tỉnh Đắk Lắk biết và thực hiện./.\n")
    assert len(blocks(split_lines(letter))) == 4


def test_a_line_ending_on_a_preposition_goes_on_and_a_figure_is_no_item_number():
    text = ("3. Đơn vị thực hiện nhiệm vụ bồi thường có trách nhiệm lập dự toán chi phí bảo đảm cho việc tổ chức "
            "thực hiện bồi thường, hỗ trợ, tái định cư của từng dự án theo hướng dẫn tại\n"
            "Điều 27 Nghị định số 88/2024/NĐ-CP của Chính phủ.\n"
            "- Ngân sách địa phương chiếm khoảng 10% tổng vốn đầu tư (khoảng\n"
            "12.173 tỷ đồng).\n")
    found = blocks(split_lines(text))
    assert [(b.marker_kind, b.line_start, b.line_end) for b in found] == [("number", 1, 2), ("bullet", 3, 4)]
    ranged = blocks(split_lines("3. Chuyển nguồn kinh phí chưa sử dụng hết của giai đoạn 2021\n- 2025 sang giai đoạn 2026 - 2030.\n"))
    assert len(ranged) == 1


def test_a_compounds_dash_wrapped_to_a_lines_start_is_no_bullet():
    text = ("b) Tổ chức tuyên truyền, vận động người hưởng trợ cấp; phối hợp tổ chức chính trị\n"
            "- xã hội tại địa phương thực hiện công tác tuyên truyền.\n"
            "- Đẩy mạnh hoạt động thương mại điện tử;\n"
            "- phát triển hạ tầng số.\n")
    found = blocks(split_lines(text))
    assert [(b.marker_kind, b.line_start, b.line_end) for b in found] == [("letter", 1, 2), ("bullet", 3, 3), ("bullet", 4, 4)]
    assert "tổ chức chính trị - xã hội tại địa phương" in found[0].text


def test_codes_split_over_lines_are_joined_without_space():
    (block,) = blocks(split_lines("thực hiện Nghị định số 32/2024/NĐ-\nCP ngày 15/3/2024"))
    assert "32/2024/NĐ-CP" in block.text


REMENTIONED = """a) Thực hiện các văn bản chỉ đạo của Chính phủ[1], Bộ Y tế[2] về công tác dân số; giảm phát thải CO2, bụi PM2.5.

b) Tổ chức sơ kết các văn bản chỉ đạo của Trung ương1 và 2 giai đoạn 2026 - 2030.

[1] Chỉ thị số 27/CT-TTg ngày 15/7/2024 của Thủ tướng Chính phủ.
[2] Thông tư số 01/2021/TT-BYT ngày 25/01/2021 của Bộ trưởng Bộ Y tế.
"""


def test_a_footnote_pointed_to_again_is_a_mention_and_codes_keep_their_digits():
    layout = cut_footnotes(split_lines(REMENTIONED))
    assert [(f.marker, f.line) for f in layout.footnotes] == [("1", 1), ("2", 1)]
    assert layout.mentions == [(3, "1"), (3, "2")]
    text = " ".join(line.text for line in layout.lines)
    assert "Trung ương giai đoạn" in text and "CO2" in text and "PM2.5" in text


def test_field_of_needs_its_colon_except_for_a_time():
    assert field_of("Chủ trì: Sở Y tế") == ("lead", "Sở Y tế")
    assert field_of("Thời gian thực hiện trong năm 2025") == ("time", "trong năm 2025")
    assert field_of("Chủ trì thực hiện kiểm tra các cơ sở") is None
    assert field_of("Tuyên truyền phòng bệnh") is None


def test_field_of_reads_a_line_that_describes_an_activity_with_its_qualifiers():
    assert field_of("Địa điểm tổ chức: Hội trường Ủy ban nhân dân xã") == ("other", "Hội trường Ủy ban nhân dân xã")
    assert field_of("Thông số, tần suất và số lượng mẫu quan trắc:") == ("other", "")
    assert field_of("Số lượng: 2.000 tờ rơi.") == ("other", "2.000 tờ rơi.")
    # a sentence that opens with such a word and goes on to a duty is no description
    assert field_of("Số lượng hồ sơ tăng, các đơn vị phải: báo cáo ngay") is None


PLAN_OCR = """II. NHIỆM VỤ
CỤ THỂ
1.
Rà soát các quy trình nội bộ của cơ quan, đơn vị theo hướng đơn giản hóa, cắt giảm các bước
không cần thiết và công khai kết quả trên cổng thông tin của đơn vị
Đơn vị chủ trì: Văn phòng Ủy ban nhân dân tỉnh.
- Tổ chức tập huấn kỹ năng số cho công chức làm công tác một cửa ở các xã, phường,
Cơ quan phối hợp: Sở Nội vụ.
Thời gian thực hiện: Quý II năm 2026.
"""


def test_a_number_alone_on_its_line_and_a_plan_line_each_start_a_block():
    found = [(b.marker_kind, b.text.split()[0]) for b in blocks(split_lines(PLAN_OCR))]
    assert found == [("roman", "II."), ("number", "1."), (None, "Đơn"), ("bullet", "-"), (None, "Cơ"), (None, "Thời")]


UNTITLED_ARTICLE = """Điều 6.
1. Sở Tư pháp chủ trì hướng dẫn thực hiện Quyết định này.
2. Sở Nội vụ bố trí kinh phí thực hiện.
Điều 7.
Hiệu lực thi hành
"""


def test_an_article_number_alone_over_a_clause_has_no_title_but_over_its_title_takes_it():
    found = [b.text for b in blocks(split_lines(UNTITLED_ARTICLE))]
    assert found == ["Điều 6.", "1. Sở Tư pháp chủ trì hướng dẫn thực hiện Quyết định này.",
                     "2. Sở Nội vụ bố trí kinh phí thực hiện.", "Điều 7. Hiệu lực thi hành"]


HEADINGS_OCR = """Điều 12. Trách nhiệm của Sở Khoa học và Công nghệ
1.
Tham mưu Ủy ban nhân dân tỉnh thực hiện công tác quản lý, vận hành Hệ thống thư
điện tử công vụ của tỉnh bảo đảm hiệu quả và tuân thủ các quy định hiện hành. Báo
cáo Ủy ban nhân dân tỉnh định kỳ sáu tháng về tình hình sử dụng Hệ thống thư điện
tử công vụ của tỉnh.
4. Thu hồi địa chỉ thư điện tử công vụ
Khi cơ quan, đơn vị giải thể, sáp nhập hoặc khi có văn bản của cấp có thẩm quyền xác
nhận cá nhân không còn công tác tại cơ quan, đơn vị, Trung tâm Chuyển đổi số thực
Hiện khóa chức năng gửi và nhận thư điện tử của hộp thư đó theo quy định hiện hành.
"""


def test_a_line_the_next_word_would_have_fitted_on_ends_its_heading():
    found = [(b.marker_kind, b.line_start, b.line_end) for b in blocks(split_lines(HEADINGS_OCR))]
    # A full line running on to a capital ("thực" / "Hiện") is no paragraph's end.
    assert found == [("article", 1, 1), ("number", 2, 6), ("number", 7, 7), (None, 8, 10)]
    # A pen stroke read as a line of its own ends nothing.
    marked = "2. Sở Dân tộc và Tôn giáo phối hợp Văn phòng Ủy ban nhân dân tỉnh (Trung tâm\n\\U\nThông tin tỉnh) công khai Quyết định này.\n"
    assert len(blocks(split_lines(HEADINGS_OCR + marked))) == 5


MISREAD_MARKERS_OCR = """Điều 8. Trách nhiệm của Ủy viên kiêm Chánh Văn phòng Ban Chỉ đạo
1, Điều hành Văn phòng Ban Chỉ đạo, chịu trách nhiệm trước Trưởng Ban Chỉ đạo về toàn
bộ hoạt động của Văn phòng Ban Chỉ đạo, theo quy định tại khoản 1 và khoản
2, Điều 5 của Quy chế này, bảo đảm đúng thời hạn được giao trong năm kế hoạch.
d) Tổ chức rà soát, cập nhật danh sách thành viên Ban Chỉ đạo theo quy định.
ở) Thực hiện chế độ lưu trữ, sao lưu dự phòng dữ liệu của Ban Chỉ đạo.
"""


def test_a_misread_item_marker_is_read_as_the_one_its_neighbours_leave():
    found = [(b.marker_kind, b.marker, b.line_start) for b in blocks(split_lines(MISREAD_MARKERS_OCR))]
    # "khoản" / "2, Điều 5": a full line goes on, no item's number follows it.
    assert found == [("article", "Điều 8", 1), ("number", "1", 2), ("letter", "d", 5), ("letter", "đ", 6)]
    assert blocks(split_lines(MISREAD_MARKERS_OCR))[-1].body.startswith("Thực hiện chế độ")


MISREAD_PARTS_OCR = """I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng công tác văn thư, lưu trữ của các cơ quan trên địa bàn tỉnh.
Il. NHIỆM VỤ
1. Sở Nội vụ hướng dẫn nghiệp vụ văn thư cho các cơ quan, đơn vị.
~ Tổ chức tập huấn cho công chức làm công tác văn thư.
HI. KINH PHÍ
Kinh phí thực hiện từ nguồn ngân sách tỉnh.
IV. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.
1V. KẾT QUẢ
V. KHEN THƯỞNG
"""

MISREAD_ARTICLES_OCR = """Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ban Chỉ đạo.
Điều 2, Quyết định này có hiệu lực kể từ ngày ký.
Điều 5, Các thành viên Ban Chỉ đạo chịu trách nhiệm thi hành.
Điều 4. Chánh Văn phòng tỉnh chịu trách nhiệm thi hành Quyết định này.
"""


def test_a_misread_part_or_article_marker_is_read_as_the_one_the_sequence_leaves():
    found = [(b.marker_kind, b.marker, b.body[:6]) for b in blocks(split_lines(MISREAD_PARTS_OCR))]
    # the parts' numbers follow from the parts around them, whatever the glyphs; "1V." between "IV." and "V." is none
    assert found == [("roman", "I", "MỤC ĐÍ"), (None, "", "Nâng c"), ("roman", "II", "NHIỆM "),
                     ("number", "1", "Sở Nội"), ("bullet", "-", "Tổ chứ"), ("roman", "III", "KINH P"),
                     (None, "", "Kinh p"), ("roman", "IV", "TỔ CHỨ"), (None, "", "Các cơ"),
                     ("roman", "V", "KHEN T")]
    articles = [(b.marker_kind, b.marker) for b in blocks(split_lines(MISREAD_ARTICLES_OCR))]
    # "Điều 5," between "Điều 2" and "Điều 4" is no article: its number is out of the sequence
    assert articles == [("article", "Điều 1"), ("article", "Điều 2"), (None, ""), ("article", "Điều 4")]


DOTTED_LETTERS = """1. Sở Nông nghiệp và Môi trường quan trắc môi trường vùng nuôi trồng thủy sản.
a. Thời gian thực hiện: từ tháng 3 đến tháng 11 hằng năm.
b. Lấy mẫu nước tại các vùng nuôi chính của tỉnh.

d. Công bố kết quả quan trắc trên Cổng thông tin điện tử.
2. Sở Tài chính bố trí kinh phí thực hiện.

o. Sở Y tế hướng dẫn các biện pháp phòng bệnh.
"""


def test_a_list_letter_with_a_full_stop_is_an_item_in_its_place_in_the_letters():
    paragraph_per_line = "Căn cứ " + "các văn bản hướng dẫn của Bộ, " * 6 + "Ủy ban nhân dân tỉnh ban hành Kế hoạch.\n"
    for text in (DOTTED_LETTERS, paragraph_per_line + DOTTED_LETTERS):
        found = [(b.marker_kind, b.marker, b.body[:6]) for b in blocks(split_lines(text))][-6:]
        # "d." after "b." and "o." after a number are no letters of the list: marks a spoilt number may leave.
        assert found == [("number", "1", "Sở Nôn"), ("letter", "a", "Thời g"), ("letter", "b", "Lấy mẫ"),
                         (None, "", "d. Côn"), ("number", "2", "Sở Tài"), (None, "", "o. Sở ")]


def test_a_block_run_on_over_a_boundary_is_cut_there():
    lines = split_lines("Các đơn vị báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 hằng năm để tổng hợp\n"
                        "(Mẫu báo cáo gửi kèm theo)\nNơi nhận:\n- Như trên;")
    (run_on, recipient) = blocks(lines)
    assert run_on.line_end == 3
    cut = cut_blocks_at([run_on, recipient], lines, 3)
    assert [(b.line_start, b.line_end, b.text[:9]) for b in cut] == [(1, 2, "Các đơn v"), (3, 3, "Nơi nhận:"), (4, 4, "- Như trê")]


SPOILT_NUMBERS = """1. Sở Tài chính bố trí kinh phí thực hiện kế hoạch từ nguồn chi thường xuyên của ngân sách
tỉnh năm 2026.
2. Sở Nội vụ hướng dẫn các cơ quan, đơn vị xét thi đua, khen thưởng các tập thể, cá nhân có
thành tích.
o. Sở Y tế kiểm tra an toàn vệ sinh thực phẩm tại các bếp ăn tập thể của các khu công nghiệp
và trường học.
4. Sở Công Thương chủ trì kiểm tra, kiểm soát thị trường, chống buôn lậu và gian lận thương
mại.
Ự:
Sở Xây dựng rà soát quy hoạch chung của các đô thị, đề xuất điều chỉnh những nội dung không
còn phù hợp.
6. Sở Tư pháp thẩm định các dự thảo văn bản quy phạm pháp luật do các sở, ngành soạn thảo
đúng thời hạn.
"""


def test_an_item_number_spoilt_by_a_mark_takes_the_number_its_neighbours_leave():
    found = [(b.marker_kind, b.marker, b.body[:6]) for b in blocks(split_lines(SPOILT_NUMBERS))]
    assert found == [("number", str(n), body) for n, body in
                     enumerate(["Sở Tài", "Sở Nội", "Sở Y t", "Sở Côn", "Sở Xây", "Sở Tư "], 1)]


def test_an_article_or_chapter_number_alone_takes_its_title_from_the_next_line():
    text = "Chương V\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 21.\nTrách nhiệm của Sở Nội vụ\n\n1. Hướng dẫn lưu trữ hồ sơ điện tử.\n"
    found = blocks(split_lines(text))
    assert [(b.marker_kind, b.body) for b in found] == [
        ("chapter", "TỔ CHỨC THỰC HIỆN"), ("article", "Trách nhiệm của Sở Nội vụ"), ("number", "Hướng dẫn lưu trữ hồ sơ điện tử.")]
    assert blocks(split_lines("Chương trình hành động của tỉnh.\n"))[0].marker_kind is None
    exported = "Chương\nIII\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều\n10. Trách nhiệm của Sở Nội vụ\n\n1. Hướng dẫn lưu trữ.\n"
    assert [(b.marker_kind, b.marker, b.body) for b in blocks(split_lines(exported))] == [
        ("chapter", "Chương III", "TỔ CHỨC THỰC HIỆN"), ("article", "Điều 10", "Trách nhiệm của Sở Nội vụ"),
        ("number", "1", "Hướng dẫn lưu trữ.")]


def test_a_procedure_step_is_an_item():
    (step,) = blocks(split_lines("Bước 2: Sở Y tế trả Phiếu tiếp nhận hồ sơ."))
    assert (step.marker_kind, step.marker, step.body) == ("step", "Bước 2", "Sở Y tế trả Phiếu tiếp nhận hồ sơ.")


def test_a_table_s_cells_part_at_blank_lines_only_until_the_table_ends():
    text = """STT

Nhiệm vụ

Cơ quan chủ trì

I.
NHÓM NHIỆM VỤ VỀ THỂ CHẾ

1.

Nâng cao kỹ năng số

Sở Nội vụ
Sở Tư pháp

II. TỔ CHỨC THỰC HIỆN
- Các sở, ngành triển khai Kế hoạch này.
- Sở Nội vụ tổng hợp, báo cáo kết quả.
"""
    assert [b.text for b in blocks(split_lines(text))] == [
        "STT", "Nhiệm vụ", "Cơ quan chủ trì", "I. NHÓM NHIỆM VỤ VỀ THỂ CHẾ", "1.",
        "Nâng cao kỹ năng số",  # no sentence reads on past "số" into the next cell
        "Sở Nội vụ Sở Tư pháp",  # a cell on two lines
        "II. TỔ CHỨC THỰC HIỆN", "- Các sở, ngành triển khai Kế hoạch này.", "- Sở Nội vụ tổng hợp, báo cáo kết quả."]


def test_a_group_title_wrapped_over_lines_does_not_end_the_table():
    text = """STT

Nhiệm vụ

Cơ quan chủ trì

II. HOÀN
THIỆN CƠ CHẾ, CHÍNH SÁCH

4.

Xây dựng bộ tiêu chí đánh giá

Sở Khoa học và Công nghệ
"""
    assert [b.text for b in blocks(split_lines(text))] == [
        "STT", "Nhiệm vụ", "Cơ quan chủ trì", "II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH", "4.",
        "Xây dựng bộ tiêu chí đánh giá", "Sở Khoa học và Công nghệ"]


def test_a_table_whose_first_column_stands_for_the_task_opens_only_with_its_cells_apart():
    cells = ["STT", "Tên thông tin thống kê", "Thời gian phổ biến", "Đơn vị chịu trách nhiệm phổ biến",
             "1", "Số đơn vị hành chính", "Tháng 6/2026", "Vụ Chính quyền địa phương"]
    assert task_table_at(split_lines("\n\n".join(cells)), 0)
    # OCR'd text with blank lines only where they happen to fall: a wrapped cell and the next row's cells
    # cannot be told apart, so the rows' first cells are not read as tasks
    assert not task_table_at(split_lines("\n".join(cells[:2]) + "\n\n" + "\n".join(cells[2:])), 0)
    # a page's cells typeset one a line and read back with no blank line at all: a line is a cell
    assert task_table_at(split_lines("\n".join(cells)), 0)
    with_task_column = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "1", "Rà soát quy định", "Sở Tư pháp"]
    assert task_table_at(split_lines("\n".join(with_task_column)), 0)


def test_a_tables_cells_typeset_one_a_line_part_at_each_line_but_a_wrapped_or_listed_one():
    body = ("Căn cứ Luật Thống kê và các văn bản hướng dẫn thi hành về phổ biến thông tin thống kê nhà nước;\n"
            "Thủ trưởng các đơn vị thuộc Bộ chịu trách nhiệm tổ chức phổ biến thông tin thống kê đúng thời hạn.\n")
    cells = ["STT", "Tên thông tin thống kê", "Thời gian phổ biến", "Đơn vị chịu trách nhiệm phổ biến", "1",
             "Số người lao động được hỗ trợ tạo việc làm, duy trì và mở rộng việc làm từ Quỹ quốc",
             "gia về việc làm", "Tháng 3/2026", "Cục Việc làm", "2",
             "Số lượt người khai thác và sử dụng tài liệu lưu trữ tại các phòng đọc trong năm:", "- Tại phòng đọc",
             "- Trực tuyến", "Sơ bộ", "Cục Văn thư và Lưu trữ nhà nước"]
    found = blocks(split_lines(body + "\n".join(cells)))[1:]
    assert [b.text for b in found] == [
        "STT", "Tên thông tin thống kê", "Thời gian phổ biến", "Đơn vị chịu trách nhiệm phổ biến", "1",
        "Số người lao động được hỗ trợ tạo việc làm, duy trì và mở rộng việc làm từ Quỹ quốc gia về việc làm",
        "Tháng 3/2026", "Cục Việc làm", "2",
        "Số lượt người khai thác và sử dụng tài liệu lưu trữ tại các phòng đọc trong năm: - Tại phòng đọc - Trực tuyến",
        "Sơ bộ", "Cục Văn thư và Lưu trữ nhà nước"]
    assert all(b.cell for b in found)


def test_an_items_number_alone_after_an_articles_title_that_fills_its_line_starts_the_item():
    page = ("Các cơ quan, đơn vị thực hiện báo cáo định kỳ sáu tháng một lần về tình hình quản lý hệ thống\n"
            "thư điện tử công vụ theo yêu cầu của Sở Khoa học và Công nghệ để tổng hợp, báo cáo.\n"
            "Điều 16. Trách nhiệm cá nhân trong quản lý, sử dụng Hệ thống thư điện tử công vụ tỉnh\n"
            "1.\n"
            "Bảo quản mật khẩu để bảo đảm an toàn cho tài khoản thư điện tử công vụ được cấp cho cá nhân.\n")
    assert [b.text for b in blocks(split_lines(page))][1:] == [
        "Điều 16. Trách nhiệm cá nhân trong quản lý, sử dụng Hệ thống thư điện tử công vụ tỉnh",
        "1. Bảo quản mật khẩu để bảo đảm an toàn cho tài khoản thư điện tử công vụ được cấp cho cá nhân."]
