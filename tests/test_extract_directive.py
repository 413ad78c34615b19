import pytest

from ccn_docs.errors import InputError
from ccn_docs.extract import build_pipeline, extract_file, extract_header, extract_text

from .extract_fixtures import (CONG_VAN, CONSOLIDATED, DECISION_WITH_FORM, QUYET_DINH_NO_TASKS, SCORE_SHEET,
                               long_directive, regulation_with_annexes)
from .timing import fastest_cpu_time


def test_pipeline_is_blank_vietnamese_with_rule_components():
    nlp = build_pipeline()
    assert nlp.lang == "vi"
    assert nlp.pipe_names == ["ccn_agency_ruler", "ccn_legal_ruler", "ccn_deadline_ruler"]
    doc = nlp("Giao Sở Tài chính chủ trì theo Nghị định số 60/2024/NĐ-CP trước ngày 25/12 hằng năm")
    assert [s.label_ for s in doc.spans["agencies"]] == ["Sở Tài chính"]
    assert doc.spans["legal_refs"][0]._.legal_ref.number == "60/2024/NĐ-CP"
    assert doc.spans["deadline"][0].text.startswith("trước ngày 25/12")


def test_tasks_of_a_cong_van():
    directive = extract_text(CONG_VAN, source_file="cv.txt")
    got = [(t.agency, t.task[:25]) for t in directive.tasks]
    assert got == [
        ("Sở Công Thương", "Chủ trì, phối hợp với Sở "),
        ("Sở Công Thương", "Hằng tháng, tổng hợp tình"),
        ("Sở Tài chính", "Bố trí kinh phí thực hiện"),
        ("Công an tỉnh", "Định kỳ kiểm tra công tác"),
        ("Sở Nội vụ", "Giao Sở Nội vụ chủ trì hư"),
        ("Ủy ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các huyện"),
    ]
    first, second, third, fourth = directive.tasks[:4]
    assert first.co_agencies == ["Sở Tài chính", "Sở Xây dựng"]
    assert first.deadline == "trước ngày 25/12 hằng năm"
    assert second.recurrence == "Hằng tháng" and fourth.recurrence == "Định kỳ"
    assert [(r.number, r.article, r.clause) for r in second.legal_refs] == [("60/2024/NĐ-CP", "9", "2")]
    assert third.legal_refs[0].number == "60/2024/NĐ-CP"  # "Nghị định này" → the one the letter implements
    assert (first.source.file, first.source.page, first.source.line_start) == ("cv.txt", 1, 17)
    assert [r.number for r in directive.legal_bases] == ["60/2024/NĐ-CP"]


@pytest.mark.parametrize("text", [CONG_VAN, QUYET_DINH_NO_TASKS, long_directive(3)])
def test_the_header_alone_reads_the_fields_extraction_reads(text):
    """A PDF's title needs the fields, not the tasks: the same fields, without the pipeline's work."""
    fields = ("type", "number", "date", "place", "issuer", "parent_issuer", "subject", "recipients", "signer")
    whole, header = extract_text(text, source_file="d.txt"), extract_header(text, source_file="d.txt")
    assert [getattr(header, f) for f in fields] == [getattr(whole, f) for f in fields]
    assert header.number and header.tasks == []


def test_task_ids_are_stable_and_unique():
    first = [t.id for t in extract_text(CONG_VAN, source_file="cv.txt").tasks]
    again = [t.id for t in extract_text(CONG_VAN, source_file="cv.txt").tasks]
    assert first == again and len(set(first)) == len(first)


def test_quyet_dinh_that_only_approves_has_no_tasks_and_warns():
    directive = extract_text(QUYET_DINH_NO_TASKS, source_file="qd.txt")
    assert directive.tasks == []
    assert directive.type == "Quyết định" and directive.number == "56/QĐ-UBND"
    assert any("no tasks" in w for w in directive.warnings)
    assert [r.number for r in directive.legal_bases] == [None, "60/2024/NĐ-CP"]


@pytest.mark.parametrize("grounds, bases", [
    # the enacting formula names the document itself; a clause without a ground goes on with the list before it
    ("Căn cứ Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ;\n"
     "Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 12/TTr-SCT ngày 01/3/2025;\n"
     "báo cáo thẩm định của Sở Tư pháp số 30/BC-STP ngày 02/3/2025;\n"
     "Hội đồng nhân dân tỉnh ban hành Nghị quyết quy định về danh mục chợ năm 2025.\n",
     ["60/2024/NĐ-CP", "12/TTr-SCT", "30/BC-STP"]),
    # documents named by kind and name inside a cited title are part of it
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán số 56/2024/QH15;\n"
     "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14;\n"
     "Căn cứ Luật Giá ngày 19 tháng 6 năm 2023 được sửa đổi, bổ sung bởi Luật Thuế ngày 25 tháng 6 năm 2025;\n"
     "Xét Tờ trình số 12/TTr-SCT ngày 01/3/2025 về việc đề nghị ban hành Nghị quyết quy định về danh mục chợ;\n",
     ["56/2024/QH15", "52/2019/QH14", "Luật Giá ngày 19 tháng 6 năm 2023", "Luật Thuế ngày 25 tháng 6 năm 2025",
      "12/TTr-SCT"]),
    # a numbered document a cited title names is no ground when issued before the citing one; a later one is
    ("Căn cứ Quyết định số 20/QĐ-SCT ngày 10/11/2025 của Sở Công Thương về việc sửa đổi Quyết định số 15/QĐ-SCT "
     "ngày 01/10/2025 của Sở Công Thương;\n"
     "Căn cứ Nghị định số 40/2025/NĐ-CP của Chính phủ quy định chi tiết Luật Thương mại và Nghị định số 55/2026/NĐ-CP "
     "của Chính phủ;\n",
     ["20/QĐ-SCT", "40/2025/NĐ-CP", "55/2026/NĐ-CP"]),
    # a law named again without its number or date is the one already cited
    ("Căn cứ Luật Chợ ngày 10/11/2024;\n"
     "Xét Tờ trình số 12/TTr-SCT ngày 01/3/2025 (để thi hành Điều 3 Nghị định số 60/2024/NĐ-CP; khoản 2 Điều 5 Luật Chợ);\n",
     ["Luật Chợ ngày 10/11/2024", "12/TTr-SCT", "60/2024/NĐ-CP"]),
])
def test_legal_bases_are_the_documents_the_preamble_grounds_cite(grounds, bases):
    text = QUYET_DINH_NO_TASKS.replace("Căn cứ Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ;\n", grounds)
    directive = extract_text(text, source_file="qd.txt")
    assert [r.number or r.text for r in directive.legal_bases] == [
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025", *bases]


def test_a_preamble_without_grounds_leaves_out_laws_named_in_titles_but_not_numbered_documents():
    opening = ("Thực hiện Quyết định số 88/QĐ-TTg ngày 01/02/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai "
               "thi hành Luật Chợ và Nghị định số 60/2024/NĐ-CP; Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Luật "
               "Thương mại, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:")
    text = CONG_VAN.replace(next(line for line in CONG_VAN.splitlines() if line.startswith("Thực hiện")), opening)
    directive = extract_text(text, source_file="cv.txt")
    assert [r.number or r.text for r in directive.legal_bases] == ["88/QĐ-TTg", "60/2024/NĐ-CP"]


def test_a_notice_s_bases_are_in_its_opening_not_in_a_body_s_name_nor_in_its_numbered_parts():
    notice = "\n\n".join([
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 88/TB-UBND\nHà Nam, ngày 9 tháng 3 năm 2026\nTHÔNG BÁO\nKết luận của Chủ tịch",
        "Ngày 5 tháng 3 năm 2026, Chủ tịch Ủy ban nhân dân tỉnh chủ trì phiên họp của Ban Chỉ đạo tỉnh về chuyển đổi số "
        "và Đề án 06 để triển khai Nghị định số 48/2013/NĐ-CP ngày 14/5/2013 của Chính phủ về kiểm soát thủ tục hành "
        "chính và Nghị định số 92/2017/NĐ-CP ngày 07/8/2017. Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:",
        "I. KẾT QUẢ ĐẠT ĐƯỢC", "Việc thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2026 đạt kết quả tốt.",
        "II. NHIỆM VỤ", "1. Sở Nội vụ rà soát thủ tục hành chính, báo cáo trước ngày 30/3/2026.",
        "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan biết, thực hiện./."])
    directive = extract_text(notice, source_file="tb.txt")
    # the steering body's matters name no basis; a document its issuer's subject runs on to still is one
    assert [r.number for r in directive.legal_bases] == ["48/2013/NĐ-CP", "92/2017/NĐ-CP"]


def test_a_reply_rests_on_the_document_it_answers_and_on_its_grounds():
    opening = "Thực hiện Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ về phát triển và quản lý chợ, "
    reply = ("Ủy ban nhân dân tỉnh nhận được công văn số 0825-05/HW-TCHQ ngày 05/9/2025 của Công ty A về việc "
             "đề nghị hướng dẫn, theo Kế hoạch số 12/KH-UBND. Về vấn đề này, Ủy ban nhân dân tỉnh có ý kiến như sau:\n"
             "Căn cứ Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ;\n")
    assert opening in CONG_VAN
    directive = extract_text(CONG_VAN.replace(opening, reply + "Để thực hiện, "), source_file="cv.txt")
    assert [r.number for r in directive.legal_bases] == ["0825-05/HW-TCHQ", "60/2024/NĐ-CP"]


def test_a_reply_rests_on_the_provisions_its_paragraphs_open_with_not_on_background():
    opening = ("Thực hiện Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ về phát triển và quản lý chợ, "
               "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:\n")
    reply = ("Ủy ban nhân dân tỉnh nhận được công văn số 291/STSG-HC ngày 29/9/2025 của Công ty A về đơn giá thuê "
             "đất. Về vấn đề này, Ủy ban nhân dân tỉnh có ý kiến như sau:\n\n"
             "Tại khoản 1, khoản 2 Điều 9 Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ quy định về chợ.\n\n"
             "Ngày 10/10/2024, tại Công văn số 2294/CTVPH-HKDCN của Cục Thuế trả lời Công ty A có nêu việc thuê đất.\n")
    assert opening in CONG_VAN
    directive = extract_text(CONG_VAN.replace(opening, reply), source_file="cv.txt")
    assert [r.number for r in directive.legal_bases] == ["291/STSG-HC", "60/2024/NĐ-CP"]


def test_a_ground_in_a_task_is_no_preamble_ground():
    item = "4. Ủy ban nhân dân các huyện, thành phố chỉ đạo Ủy ban nhân dân cấp xã quản lý chợ trên địa bàn.\n"
    text = CONG_VAN.replace(item, item + "\nCăn cứ chức năng, nhiệm vụ được giao, các sở, ngành chủ động triển khai.\n")
    directive = extract_text(text, source_file="cv.txt")
    assert [r.number for r in directive.legal_bases] == ["60/2024/NĐ-CP"]


@pytest.mark.parametrize(
    "text, warning",
    [("", "no text"), ("   \n\f\n", "no text"),
     ("The committee shall review the budget and report to the board every month.\n" * 20, "Vietnamese"),
     ("#$%^&*()_+{}|:<>?~`-=[];',./" * 200, "non-letters")],
)
def test_bad_text_gives_an_empty_result_with_a_warning(text, warning):
    directive = extract_text(text, source_file="bad.txt")
    assert directive.tasks == []
    assert any(warning in w for w in directive.warnings)


def test_garbage_bytes_are_a_clear_input_error(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(InputError, match="garbage.txt"):
        extract_file(path)


@pytest.mark.heavy
def test_enormous_input_runs_in_linear_time():
    small, large = long_directive(10), long_directive(100)
    small_time, small_result = fastest_cpu_time(lambda: extract_text(small, source_file="s.txt"), runs=3)
    large_time, large_result = fastest_cpu_time(lambda: extract_text(large, source_file="l.txt"), runs=2)
    small_tasks, large_tasks = len(small_result.tasks), len(large_result.tasks)
    assert large_tasks >= 9 * small_tasks > 0
    assert large_time < 20 * max(small_time, 0.05)



# OCR of a page: each line as printed. The lead-in runs on from the last recipient (a full-width line that
# ends a sentence looks like a wrapped one).
RUN_ON_HEADER = """BỘ NỘI VỤ
Số: 40/CĐ-BNV Hà Nội, ngày 8 tháng 5 năm 2026
CÔNG ĐIỆN
Về việc bảo đảm an toàn kho lưu trữ mùa mưa bão
BỘ NỘI VỤ điện:
- Cục Văn thư và Lưu trữ nhà nước;
- Sở Nội vụ các tỉnh, thành phố: Hà Tĩnh, Quảng Bình, Quảng Trị, Huế, Đà Nẵng.
Để bảo đảm an toàn tài liệu lưu trữ trong mùa mưa bão năm nay, Bộ Nội vụ yêu cầu
các cơ quan, đơn vị:
1. Kiểm tra hệ thống chống thấm, thoát nước của các kho lưu trữ trước ngày 30/6/2026.
2. Di chuyển tài liệu ở tầng thấp lên nơi an toàn khi có cảnh báo lũ.
(Các hướng dẫn kỹ thuật gửi kèm theo)
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_paragraph_run_on_into_the_header_is_cut_where_the_header_ends():
    directive = extract_text(RUN_ON_HEADER, source_file="cd.txt")
    assert directive.recipients[-1] == "Sở Nội vụ các tỉnh, thành phố: Hà Tĩnh, Quảng Bình, Quảng Trị, Huế, Đà Nẵng"
    assert [(t.agency, t.task[:20]) for t in directive.tasks] == [
        ("Các cơ quan, đơn vị", "Kiểm tra hệ thống ch"), ("Các cơ quan, đơn vị", "Di chuyển tài liệu ở")]


# OCR of a page stamped and written on: a seal's letters and a pen stroke read as lines of their own.
STRAY_MARKS = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 61/UBND-VX Hà Nam, ngày 4 tháng 6 năm 2026
V/v phòng, chống dịch bệnh mùa hè
Kính gửi: Sở Y tế.
Ủy ban nhân dân tỉnh yêu cầu Sở Y tế:
1. Kiểm tra an toàn thực phẩm tại các chợ đầu mối, bếp ăn tập thể của các khu công nghiệp
và trường học.
Q TN HX
2. Tổ chức tuyên truyền phòng, chống dịch bệnh mùa hè trên các phương tiện thông tin đại
chúng.
ĩ k Ô y
"""


def test_stray_marks_read_as_lines_are_no_tasks():
    tasks = extract_text(STRAY_MARKS, source_file="cv.txt").tasks
    assert [(t.agency, t.task[:16]) for t in tasks] == [("Sở Y tế", "Kiểm tra an toàn"), ("Sở Y tế", "Tổ chức tuyên tr")]


# A plan's appendix: a task table written cell by cell, a blank line between cells.
TABLE_APPENDIX = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 310/KH-UBND Hà Nội, ngày 4 tháng 6 năm 2025
KẾ HOẠCH
Phát triển hạ tầng 5G trong các khu công nghiệp

I. MỤC ĐÍCH
Phát triển hạ tầng số đồng bộ.

TT

Nội dung/nhiệm vụ

Cơ quan chủ trì

Cơ quan phối hợp

Thời gian thực hiện

1

Điều chỉnh quy hoạch hạ tầng viễn thông trong các khu công nghiệp

Ban Quản lý các khu công nghệ cao và khu công nghiệp

Sở Khoa học và Công nghệ

Quý III năm 2026
"""


def test_a_task_table_s_number_cells_are_no_stray_marks_and_its_lead_cell_is_one_whole_name():
    tasks = extract_text(TABLE_APPENDIX, source_file="kh.txt").tasks
    assert [(t.agency, t.co_agencies, t.deadline) for t in tasks] == [
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", ["Sở Khoa học và Công nghệ"], "Quý III năm 2026")]


def test_a_form_issued_with_a_regulation_gives_no_tasks():
    tasks = extract_text(DECISION_WITH_FORM, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Vụ Tổ chức cán bộ"]


def test_a_score_sheet_in_a_regulation_s_annex_gives_no_tasks_and_a_task_annex_after_it_does():
    text = regulation_with_annexes(SCORE_SHEET, "Phụ lục 02\nDANH MỤC NHIỆM VỤ",
                                   "1. Sở Tài chính bố trí kinh phí đánh giá cán bộ.")
    tasks = [(t.agency, t.task[:20]) for t in extract_text(text, source_file="qd.txt").tasks]
    assert tasks[:2] == [("Sở Nội vụ", "Hướng dẫn việc đánh "), ("Sở Nội vụ", "Tổng hợp kết quả đán")]
    assert ("Sở Tài chính", "Sở Tài chính bố trí ") in tasks
    assert not [task for task in tasks if task[1].startswith(("Chấp hành", "Cơ quan, đơn vị báo", "Phụ lục 01", "PHIẾU"))]


def test_a_consolidated_text_cites_the_text_it_consolidates_and_not_its_footnotes():
    directive = extract_text(CONSOLIDATED, source_file="consolidated.txt")
    (task,) = directive.tasks
    assert directive.number == "12/VBHN-BXD"
    assert [(ref.number, ref.article) for ref in task.legal_refs] == [("50/2020/TT-BXD", "3")]


# The same kind of table on a scanned page: the cells typeset one a line, read back with no blank lines.
OCR_TABLE_PAGE = """BỘ NỘI VỤ
Số: 120/QĐ-BNV
Hà Nội, ngày 4 tháng 6 năm 2025
QUYẾT ĐỊNH
Ban hành Lịch phổ biến thông tin thống kê năm 2026
Điều 1. Ban hành kèm theo Quyết định này Lịch phổ biến thông tin thống kê năm 2026 của Bộ.
Điều 2. Quyết định này có hiệu lực từ ngày ký. Các đơn vị thuộc Bộ chịu trách nhiệm thi hành./.
STT
Tên thông tin thống kê
Mức độ hoàn chỉnh
Đơn vị chịu trách nhiệm phổ biến
1
Số lượng hội, tổ chức phi chính phủ hoạt động trên phạm vi cả nước và trong từng tỉnh
Sơ bộ
Vụ Tổ chức phi chính phủ
2
Số người lao động được hỗ trợ tạo việc làm
Chính thức
Cục Việc làm
"""


def test_a_short_cell_of_a_table_on_a_scanned_page_is_no_stray_mark():
    tasks = extract_text(OCR_TABLE_PAGE, source_file="qd.pdf").tasks
    assert [(t.agency, t.task) for t in tasks] == [
        ("Vụ Tổ chức phi chính phủ", "Số lượng hội, tổ chức phi chính phủ hoạt động trên phạm vi cả nước và trong từng tỉnh"),
        ("Cục Việc làm", "Số người lao động được hỗ trợ tạo việc làm")]
