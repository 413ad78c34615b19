import pytest

from ccn_docs.extract.layout import blocks, split_lines
from ccn_docs.extract.outline import Node, outline


def tree_of(text: str) -> Node:
    """The outline of ``text`` written one paragraph per line, paragraphs apart as on a page."""
    return outline(blocks(split_lines("\n\n".join(text.splitlines()))))


def shape(node: Node, depth: int = 0) -> list[tuple[int, str]]:
    """(depth, first two words after the marker) of every node below ``node``, in reading order."""
    rows = []
    for child in node.children:
        rows.append((depth, " ".join(child.body.split()[:2])))
        rows.extend(shape(child, depth + 1))
    return rows


def test_marker_styles_nest_and_an_open_style_closes_what_follows_it():
    root = tree_of("""I. NHIỆM VỤ CHUNG
1. Sở Y tế
a) Kiểm tra các cơ sở.
- Báo cáo kết quả.
b) Tuyên truyền phòng bệnh.
2. Sở Tài chính
- Bố trí kinh phí.
II. TỔ CHỨC THỰC HIỆN
Các đơn vị triển khai kế hoạch này.
""")
    assert shape(root) == [
        (0, "NHIỆM VỤ"), (1, "Sở Y"), (2, "Kiểm tra"), (3, "Báo cáo"),
        (2, "Tuyên truyền"), (1, "Sở Tài"), (2, "Bố trí"),
        (0, "TỔ CHỨC"), (1, "Các đơn"),
    ]


def test_a_node_s_ancestors_run_nearest_first_and_stop_below_the_root():
    root = tree_of("""I. NHIỆM VỤ
1. Sở Y tế
a) Kiểm tra các cơ sở.
""")
    check = root.children[0].children[0].children[0]
    assert [" ".join(n.body.split()[:2]) for n in check.ancestors()] == ["Sở Y", "NHIỆM VỤ"]
    assert list(root.children[0].ancestors()) == []


def test_a_skipped_level_still_nests_by_rank():
    # bullets straight under a Roman part, then a number: the number does not go under the bullet
    root = tree_of("""I. NHIỆM VỤ
- Rà soát quy hoạch.
1. Sở Xây dựng
- Hướng dẫn thủ tục.
""")
    assert shape(root) == [(0, "NHIỆM VỤ"), (1, "Rà soát"), (1, "Sở Xây"), (2, "Hướng dẫn")]


def test_a_lead_in_ending_with_a_colon_holds_the_items_after_it():
    root = tree_of("""1. Về phòng chống dịch
Thủ tướng Chính phủ yêu cầu:
a) Bộ Y tế theo dõi diễn biến dịch.
b) Bộ Tài chính bảo đảm kinh phí.
""")
    assert shape(root) == [(0, "Về phòng"), (1, "Thủ tướng"), (2, "Bộ Y"), (2, "Bộ Tài")]


def test_a_paragraph_after_a_list_leaves_the_last_item():
    root = tree_of("""1. Các sở, ngành:
- Kiểm tra hồ sơ.
- Báo cáo kết quả.
Ủy ban nhân dân tỉnh sẽ xem xét kết quả thực hiện.
""")
    (section,) = root.children
    assert [child.style for child in section.children] == ["bullet", "bullet", "plain"]


def test_the_closing_paragraph_belongs_to_no_section():
    root = tree_of("""1. Sở Nội vụ:
- Hướng dẫn sắp xếp.
Yêu cầu các cơ quan nghiêm túc thực hiện./.
""")
    assert root.children[-1].body.startswith("Yêu cầu các cơ quan")


def test_plan_lines_attach_to_their_activity():
    root = tree_of("""1. Tổ chức hội nghị tập huấn
- Cơ quan chủ trì: Sở Tư pháp
- Cơ quan phối hợp: Sở Nội vụ
- Thời gian thực hiện: Quý III năm 2025
2. Rà soát văn bản
Cơ quan thực hiện: Sở Tư pháp
""")
    first, second = root.children
    assert [(n.plan, n.value) for n in first.children] == [
        ("lead", "Sở Tư pháp"), ("co", "Sở Nội vụ"), ("time", "Quý III năm 2025")]
    assert [(n.plan, n.value) for n in second.children] == [("lead", "Sở Tư pháp")]


def test_a_task_table_written_cell_by_cell_gives_a_row_per_task():
    root = tree_of("""II. NHIỆM VỤ

STT

Nội dung công việc

Cơ quan chủ trì

Cơ quan phối hợp

Thời gian hoàn thành

I

NHÓM GIẢI PHÁP VỀ THỂ CHẾ

1

Rà soát quy định về đất đai

Sở Tài nguyên và Môi trường

Sở Tư pháp

Tháng 6/2025

2

Xây dựng cơ sở dữ liệu

Sở Khoa học và Công nghệ

Các sở, ngành

Năm 2025
""")
    (part,) = root.children
    (group,) = part.children
    assert group.body == "NHÓM GIẢI PHÁP VỀ THỂ CHẾ"
    rows = group.children
    assert [row.style for row in rows] == ["row", "row"]
    assert rows[0].body == "Rà soát quy định về đất đai"
    assert rows[0].cells["lead"] == "Sở Tài nguyên và Môi trường"
    assert rows[1].cells["co"] == "Các sở, ngành" and rows[1].cells["time"] == "Năm 2025"


def test_a_row_the_table_left_without_a_number_is_a_row_of_its_own():
    root = tree_of("""STT

Nhiệm vụ

Cơ quan chủ trì

Thời gian

1

Xây dựng hạ tầng công nghệ thông tin

Trung tâm Chuyển đổi số Thành phố

Quý IV/2026

Xây dựng hạ tầng kỹ thuật dự phòng

Trung tâm Chuyển đổi số Thành phố

2

Đầu tư trang thiết bị hiện đại

Sở Tài chính

Quý IV/2026
""")
    rows = [node for node in root.walk() if node.style == "row"]
    assert [(row.body, row.cells["lead"]) for row in rows] == [
        ("Xây dựng hạ tầng công nghệ thông tin", "Trung tâm Chuyển đổi số Thành phố"),
        ("Xây dựng hạ tầng kỹ thuật dự phòng", "Trung tâm Chuyển đổi số Thành phố"),
        ("Đầu tư trang thiết bị hiện đại", "Sở Tài chính")]


def test_a_paragraph_lead_in_s_list_ends_after_its_last_item_not_between_two():
    root = tree_of("""Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh thực hiện một số nội dung sau:
1. Rà soát quy chế làm việc.
Trong đó, chú trọng quy chế của cấp xã.
2. Báo cáo kết quả trước ngày 20/12/2025.
Bộ Nội vụ sẽ tổng hợp, báo cáo Thủ tướng Chính phủ.
""")
    lead_in, after = root.children
    assert [child.style for child in lead_in.children] == ["number0", "plain", "number0"]
    assert after.body.startswith("Bộ Nội vụ sẽ")


def test_a_paragraph_after_an_item_goes_on_with_it_until_the_list_goes_on():
    root = tree_of("""1. Các tỉnh, thành phố:
a) Rà soát thiệt hại do thiên tai.
Trường hợp không cân đối được nguồn, đề xuất hỗ trợ từ ngân sách trung ương.
b) Bố trí ngân sách địa phương.
2. Bộ Tài chính:
a) Tổng hợp đề xuất hỗ trợ.
""")
    first, _ = root.children
    assert [(child.style, child.continuation) for child in first.children] == [
        ("letter", False), ("plain", True), ("letter", False)]


def test_a_line_of_dots_for_rows_left_out_does_not_end_the_table():
    root = tree_of("""STT

Nội dung thực hiện

Cơ quan chủ trì

Thời gian hoàn thành

1

Rà soát quy định về đất đai

Sở Tư pháp

Năm 2025

….................................

2

Xây dựng cơ sở dữ liệu

Sở Khoa học và Công nghệ

Năm 2025
""")
    assert [(row.body, row.cells["lead"]) for row in root.children] == [
        ("Rà soát quy định về đất đai", "Sở Tư pháp"), ("Xây dựng cơ sở dữ liệu", "Sở Khoa học và Công nghệ")]


def test_a_line_that_describes_an_activity_holds_its_list_and_the_next_plan_line_leaves_it():
    root = tree_of("""1. Lấy mẫu nước tại các vùng nuôi
Điểm lấy mẫu: tại các cửa sông như sau:
- Cửa sông A: 02 vị trí;
- Cửa sông B: 01 vị trí.
Thời gian thực hiện: Quý II năm 2026
""")
    (activity,) = root.children
    points, time = activity.children
    assert (points.plan, time.plan) == ("other", "time")
    assert shape(points) == [(0, "Cửa sông"), (0, "Cửa sông")]


def raw_tree(text: str) -> Node:
    """The outline of ``text`` as written, blank lines and all."""
    return outline(blocks(split_lines(text)))


def test_a_table_s_cells_are_the_paragraphs_between_blank_lines():
    root = raw_tree("""PHỤ LỤC

STT

Nhiệm vụ

Văn bản giao nhiệm vụ

Cơ quan chủ trì thực hiện

Thời hạn hoàn thành

1.

Xây dựng kế hoạch chuyển đổi số của ngành.
Yêu cầu hoàn thành đúng hạn.

Nghị quyết số 12/NQ-CP

Bộ Tài chính

30/09/2025

2.

Rà soát quy định về dữ liệu

Các bộ, ngành

31/12/2025
""")
    rows = [node for node in root.walk() if node.style == "row"]
    assert [row.body for row in rows] == [
        "Xây dựng kế hoạch chuyển đổi số của ngành. Yêu cầu hoàn thành đúng hạn.", "Rà soát quy định về dữ liệu"]
    assert rows[0].cells == {"source": "Nghị quyết số 12/NQ-CP", "lead": "Bộ Tài chính", "time": "30/09/2025"}
    # the second row left its source cell empty: each cell goes to the column of its kind
    assert rows[1].cells == {"lead": "Các bộ, ngành", "time": "31/12/2025"}


def test_a_group_row_whose_number_and_title_share_a_cell_heads_the_rows_below_it():
    root = raw_tree("""STT

Tên nhiệm vụ

Cơ quan chủ trì

Thời gian hoàn thành

I.
NÂNG CAO NHẬN THỨC

1

Tổ chức tập huấn kỹ năng số

Sở Nội vụ

Năm 2026
""")
    assert shape(root) == [(0, "NÂNG CAO"), (1, "Tổ chức")]
    (group,) = root.children
    assert group.style == "plain" and group.children[0].cells == {"lead": "Sở Nội vụ", "time": "Năm 2026"}


def test_a_table_that_reports_what_was_done_gives_no_rows():
    table = """STT

Tên nhiệm vụ

Đơn vị chủ trì

Thời hạn

{report}

1

Xây dựng cơ sở dữ liệu

Sở Tài chính

31/10/2025

Đã hoàn thành
"""
    assert not [node for node in raw_tree(table.format(report="Kết quả thực hiện")).walk() if node.style == "row"]
    plan = raw_tree(table.format(report="Sản phẩm"))
    assert [node.body for node in plan.walk() if node.style == "row"] == ["Xây dựng cơ sở dữ liệu"]


def test_a_second_column_of_the_task_s_kind_is_no_task_text():
    root = raw_tree("""STT

Nhiệm vụ

Cơ quan chủ trì

Chỉ tiêu đạt được

I

HOÀN THIỆN THỂ CHẾ

1

Xây dựng Nghị định về quản lý chất thải

Bộ Nông nghiệp và Môi trường

Nghị định được ban hành

2

Rà soát quy chuẩn kỹ thuật

Bộ Xây dựng

100% quy chuẩn được rà soát
""")
    (group,) = root.children
    assert [(row.body, row.cells) for row in group.children] == [
        ("Xây dựng Nghị định về quản lý chất thải", {"lead": "Bộ Nông nghiệp và Môi trường"}),
        ("Rà soát quy chuẩn kỹ thuật", {"lead": "Bộ Xây dựng"})]


def table_of(header: list[str], *rows: list[str]) -> str:
    """A task table written one cell per paragraph: "STT", the header's cells, then each row's cells."""
    return "\n\n".join(["STT", *header, *(cell for row in rows for cell in row)]) + "\n"


def rows_of(text: str) -> list[Node]:
    return [node for node in raw_tree(text).walk() if node.style == "row"]


def test_a_row_of_the_columns_numbers_under_the_header_is_no_column():
    rows = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian", "(1)", "(2)", "(3)", "(4)"],
                            ["1", "Rà soát quy định về đất đai", "Sở Tư pháp", "Năm 2026"],
                            ["2", "Xây dựng cơ sở dữ liệu", "Sở Khoa học và Công nghệ"]))
    assert [(row.body, row.cells["lead"]) for row in rows] == [
        ("Rà soát quy định về đất đai", "Sở Tư pháp"), ("Xây dựng cơ sở dữ liệu", "Sở Khoa học và Công nghệ")]


def test_a_short_row_s_cells_go_to_named_columns_not_to_a_column_the_header_does_not_name():
    (row,) = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Lĩnh vực", "Thời gian"],
                              ["1", "Rà soát quy định về đất đai", "Sở Tư pháp", "Năm 2026"]))
    assert row.cells == {"lead": "Sở Tư pháp", "time": "Năm 2026"}


def test_a_quantity_in_a_cell_is_no_row_number():
    rows = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Kinh phí"],
                            ["1", "Lắp đặt trạm quan trắc", "Sở Nông nghiệp và Môi trường", "120"],
                            ["2", "Đào tạo cán bộ vận hành", "Sở Nội vụ", "45"]))
    assert [(row.body, row.cells["lead"]) for row in rows] == [
        ("Lắp đặt trạm quan trắc", "Sở Nông nghiệp và Môi trường"), ("Đào tạo cán bộ vận hành", "Sở Nội vụ")]


def test_a_task_cell_with_its_list_and_a_lead_cell_of_a_list_are_one_cell_each():
    rows = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
                            ["1", "Xây dựng cơ sở dữ liệu", "- Dữ liệu đất đai;", "- Dữ liệu dân cư.",
                             "Sở Nông nghiệp và Môi trường", "Năm 2026"],
                            ["2", "Đào tạo cán bộ vận hành", "- Sở Nội vụ", "- Công an tỉnh", "Năm 2027"]))
    assert [row.body for row in rows] == [
        "Xây dựng cơ sở dữ liệu - Dữ liệu đất đai; - Dữ liệu dân cư.", "Đào tạo cán bộ vận hành"]
    assert rows[0].cells == {"lead": "Sở Nông nghiệp và Môi trường", "time": "Năm 2026"}
    assert rows[1].cells == {"lead": "- Sở Nội vụ - Công an tỉnh", "time": "Năm 2027"}


def test_a_task_cell_of_several_paragraphs_ends_where_the_row_s_date_falls_in_its_column():
    (row,) = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian", "Sản phẩm"],
                              ["1", "Rà soát quy định về đất đai.", "Đề xuất sửa đổi quy định chưa phù hợp.",
                               "Sở Tư pháp", "Năm 2026"]))
    assert row.body == "Rà soát quy định về đất đai. Đề xuất sửa đổi quy định chưa phù hợp."
    assert row.cells == {"lead": "Sở Tư pháp", "time": "Năm 2026"}


def test_a_cell_left_over_in_a_row_does_not_end_the_table():
    rows = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì"],
                            ["1", "Rà soát quy định về đất đai", "Sở Tư pháp", "Ghi chú của cơ quan soạn thảo"],
                            ["2", "Xây dựng cơ sở dữ liệu", "Sở Khoa học và Công nghệ"]))
    assert [row.body for row in rows] == ["Rà soát quy định về đất đai", "Xây dựng cơ sở dữ liệu"]


def test_a_table_whose_rows_account_for_less_than_half_its_text_is_read_as_paragraphs():
    aside = "Nội dung này được trình bày chi tiết tại văn bản hướng dẫn của các bộ, ngành trung ương ban hành năm trước."
    text = table_of(["Nhiệm vụ", "Cơ quan chủ trì"], ["1", "Rà soát quy định", "Sở Tư pháp", aside],
                    ["2", "Xây dựng dữ liệu", "Sở Nội vụ", aside])
    root = raw_tree(text)
    assert not [node for node in root.walk() if node.style == "row"]
    assert sum(node.body == aside for node in root.walk()) == 2  # the text is kept, read as paragraphs


def test_a_task_table_ends_at_the_next_appendix_the_next_table_or_its_notes():
    first = table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Kinh phí", "Thời gian"],
                     ["1", "Rà soát quy định về đất đai", "Sở Tư pháp", "Sở Tài chính", "Báo cáo", "50", "Năm 2026"],
                     ["2", "Xây dựng cơ sở dữ liệu", "Sở Nội vụ", "Sở Tài chính", "Cơ sở dữ liệu", "80", "Năm 2027"])
    second = table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
                      ["1", "Đầu tư trạm quan trắc", "Sở Nông nghiệp và Môi trường", "Năm 2028"])
    for between in ("PHỤ LỤC II\n\nDANH MỤC DỰ ÁN\n\n", "", "[1] Theo số liệu năm 2025.\n\n"):
        rows = rows_of(first + "\n" + between + second)
        assert [(row.body, row.cells) for row in rows][-1] == (
            "Đầu tư trạm quan trắc", {"lead": "Sở Nông nghiệp và Môi trường", "time": "Năm 2028"}), between
        assert len(rows) == 3, between


def test_text_in_columns_no_field_names_counts_as_read():
    aim = "Bảo đảm dữ liệu đầy đủ, chính xác, cập nhật thường xuyên và được chia sẻ giữa các cơ quan nhà nước."
    rows = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Mục tiêu", "Phạm vi", "Phương thức"],
                            ["1", "Xây dựng cơ sở dữ liệu", "Sở Nội vụ", aim, aim, aim],
                            ["2", "Rà soát quy định", "Sở Tư pháp", aim, aim, aim]))
    assert [(row.body, row.cells["lead"]) for row in rows] == [
        ("Xây dựng cơ sở dữ liệu", "Sở Nội vụ"), ("Rà soát quy định", "Sở Tư pháp")]


def test_a_roman_numeral_or_letter_just_before_a_row_number_is_a_cell_not_a_group():
    rows = rows_of(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian", "Nguồn lực"],
                            ["1", "Rà soát quy định về đất đai", "Sở Tư pháp", "Năm 2026", "I"],
                            ["2", "Xây dựng cơ sở dữ liệu", "Sở Nội vụ", "Năm 2027", "B"],
                            ["3", "Đào tạo cán bộ vận hành", "Sở Khoa học và Công nghệ", "Năm 2028", "III"]))
    assert [(row.body, row.cells["lead"]) for row in rows] == [
        ("Rà soát quy định về đất đai", "Sở Tư pháp"), ("Xây dựng cơ sở dữ liệu", "Sở Nội vụ"),
        ("Đào tạo cán bộ vận hành", "Sở Khoa học và Công nghệ")]


def test_a_group_row_with_a_row_s_worth_of_cells_after_its_title_holds_its_only_row():
    root = raw_tree(table_of(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
                             ["I", "HOÀN THIỆN THỂ CHẾ", "Rà soát quy định về đất đai", "Sở Tư pháp", "Năm 2026"],
                             ["II", "CHUYỂN ĐỔI SỐ", "1", "Xây dựng cơ sở dữ liệu", "Sở Nội vụ", "Năm 2027"],
                             ["2", "Đào tạo cán bộ vận hành", "Sở Khoa học và Công nghệ", "Năm 2028"]))
    groups = [node for node in root.walk() if node.children and all(c.style == "row" for c in node.children)]
    assert [(group.body, [(row.body, row.cells["lead"]) for row in group.children]) for group in groups] == [
        ("HOÀN THIỆN THỂ CHẾ", [("Rà soát quy định về đất đai", "Sở Tư pháp")]),
        ("CHUYỂN ĐỔI SỐ", [("Xây dựng cơ sở dữ liệu", "Sở Nội vụ"),
                           ("Đào tạo cán bộ vận hành", "Sở Khoa học và Công nghệ")])]


def test_a_row_of_several_tasks_sharing_its_lead_and_partners_gives_a_row_per_task():
    rows = rows_of(table_of(["Cơ quan chủ trì", "Cơ quan phối hợp", "Nhiệm vụ", "Chỉ tiêu", "Thời hạn"],
                            ["1", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Lắp đặt trạm quan trắc",
                             "10 trạm", "Năm 2026", "Đào tạo cán bộ vận hành", "50 người", "Năm 2027"],
                            ["2", "Sở Nội vụ", "Sở Tư pháp", "Rà soát quy định", "100%", "Năm 2028"]))
    assert [(row.body, row.cells) for row in rows] == [
        ("Lắp đặt trạm quan trắc", {"lead": "Sở Nông nghiệp và Môi trường", "co": "Sở Tài chính", "time": "Năm 2026"}),
        ("Đào tạo cán bộ vận hành", {"lead": "Sở Nông nghiệp và Môi trường", "co": "Sở Tài chính", "time": "Năm 2027"}),
        ("Rà soát quy định", {"lead": "Sở Nội vụ", "co": "Sở Tư pháp", "time": "Năm 2028"})]


def test_a_project_name_column_is_the_task_column():
    rows = rows_of(table_of(["Tên dự án, nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
                            ["1", "Đầu tư trạm quan trắc", "Sở Nông nghiệp và Môi trường", "Năm 2026"]))
    assert [(row.body, row.cells["lead"]) for row in rows] == [("Đầu tư trạm quan trắc", "Sở Nông nghiệp và Môi trường")]


def test_a_table_that_names_who_is_responsible_for_each_row_takes_its_first_column_as_the_task():
    rows = rows_of(table_of(["Tên thông tin thống kê", "Thời gian phổ biến", "Hình thức phổ biến",
                             "Đơn vị chịu trách nhiệm phổ biến", "A", "B", "1", "2", "3"],
                            ["1", "Số đơn vị hành chính", "Tháng 6/2026", "Cổng thông tin điện tử",
                             "Vụ Chính quyền địa phương"],
                            ["2", "Số vụ tai nạn lao động", "Tháng 3/2026", "Cổng thông tin điện tử", "Cục Việc làm"]))
    assert [(row.body, row.cells["lead"], row.cells["time"]) for row in rows] == [
        ("Số đơn vị hành chính", "Vụ Chính quyền địa phương", "Tháng 6/2026"),
        ("Số vụ tai nạn lao động", "Cục Việc làm", "Tháng 3/2026")]


@pytest.mark.parametrize("procedure", ["Tên thủ tục hành chính", "Tên TTHC", "Tên thủ tục"])
def test_a_list_of_administrative_procedures_and_the_body_that_handles_each_gives_no_rows(procedure):
    assert not rows_of(table_of([procedure, "Lĩnh vực", "Cơ quan thực hiện"],
                                ["1", "Cấp giấy phép hoạt động", "Y tế", "Sở Y tế"],
                                ["2", "Công nhận báo cáo viên pháp luật", "Phổ biến pháp luật", "Sở Tư pháp"]))


def test_a_row_that_leaves_out_its_lead_shares_the_cells_merged_down_from_the_row_above():
    rows = rows_of(table_of(["Tên thông tin thống kê", "Mức độ hoàn chỉnh", "Thời gian phổ biến",
                             "Đơn vị chịu trách nhiệm phổ biến"],
                            ["1", "Số vụ tai nạn lao động", "Chính thức", "Tháng 3/2026", "Cục Việc làm"],
                            ["2", "Số người bị tai nạn lao động", "Chính thức"],
                            ["II", "NGƯỜI CÓ CÔNG"],
                            ["3", "Số hộ người có công được hỗ trợ", "Chính thức"]))
    assert [(row.body, row.cells) for row in rows] == [
        ("Số vụ tai nạn lao động", {"time": "Tháng 3/2026", "lead": "Cục Việc làm"}),
        ("Số người bị tai nạn lao động", {"time": "Tháng 3/2026", "lead": "Cục Việc làm"}),
        ("Số hộ người có công được hỗ trợ", {})]


def test_the_columns_labels_read_by_ocr_as_a_line_of_marks_end_the_header():
    # the labels "A" "B" "1" "2" under the header, run together by OCR, and the first row's number lost with them
    rows = rows_of(table_of(["Tên thông tin thống kê", "Thời gian phổ biến", "Đơn vị chịu trách nhiệm phổ biến", "C2 89 | > ¬"],
                            ["Số đơn vị hành chính", "Tháng 6/2026", "Vụ Chính quyền địa phương"],
                            ["2", "Số vụ tai nạn lao động", "Tháng 3/2026", "Cục Việc làm"]))
    assert [(row.body, row.cells["lead"]) for row in rows] == [
        ("Số đơn vị hành chính", "Vụ Chính quyền địa phương"), ("Số vụ tai nạn lao động", "Cục Việc làm")]
