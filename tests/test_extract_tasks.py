import pytest

from ccn_docs.extract import extract_text
from ccn_docs.extract.directive import build_pipeline
from ccn_docs.extract.layout import Block
from ccn_docs.extract.tasks import RULES, Draft, TaskFinder, _pointed_paths, _section_kind, _stated_once, task_id


PLAN = """II. NỘI DUNG

1. Tập huấn nghiệp vụ quản lý chợ cho cán bộ cấp xã
- Nội dung: Tổ chức 02 lớp tập huấn mỗi năm.
- Cơ quan chủ trì: Sở Công Thương.
- Cơ quan phối hợp: Sở Tài chính; Ủy ban nhân dân các xã.
- Thời gian thực hiện: Quý IV năm 2025.

2. Rà soát văn bản
- Cơ quan thực hiện: Sở Tư pháp rà soát các văn bản liên quan; Ủy ban nhân dân các xã báo cáo kết quả về Sở Tư pháp.

III. TỔ CHỨC THỰC HIỆN
Chính phủ sẽ bố trí kinh phí. Bộ Tài chính chịu trách nhiệm hướng dẫn thanh toán. Yêu cầu các sở, ngành báo cáo hằng quý.
"""


def test_plan_rows_take_their_lead_line_and_sentences_split_by_subject():
    tasks = extract_text(PLAN, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:22]) for t in tasks] == [
        ("Sở Công Thương", "Tổ chức 02 lớp tập huấ"),
        ("Sở Tư pháp", "Sở Tư pháp rà soát các"),
        ("Ủy ban nhân dân các xã", "Ủy ban nhân dân các xã"),
        ("Bộ Tài chính", "Bộ Tài chính chịu trác"),
        ("Các sở, ngành", "Yêu cầu các sở, ngành "),
    ]
    assert tasks[0].co_agencies == ["Sở Tài chính", "Ủy ban nhân dân các xã"]
    assert tasks[0].deadline == "Quý IV năm 2025"
    assert tasks[-1].recurrence == "hằng quý"


def test_task_id_depends_on_document_agency_and_opening():
    base = task_id("1/UBND", ["Sở Y tế"], "Rà soát các cơ sở khám bệnh")
    assert base == task_id("1/UBND", ["Sở Y tế"], "RÀ SOÁT các cơ sở khám bệnh")
    assert base != task_id("2/UBND", ["Sở Y tế"], "Rà soát các cơ sở khám bệnh")
    assert base != task_id("1/UBND", ["Sở Tư pháp"], "Rà soát các cơ sở khám bệnh")


ADDRESSED = """BỘ Y TẾ điện:
- Sở Y tế các tỉnh: Lào Cai, Yên Bái và Tuyên Quang.
1. Các Sở Y tế nêu trên
- Bố trí đủ thuốc, vật tư cho các vùng bị ngập.
2. Chủ tịch UBND các tỉnh chỉ đạo di dời dân cư khỏi vùng nguy hiểm. Các Chủ tịch UBND các tỉnh chịu trách nhiệm toàn diện trước Thủ tướng Chính phủ về kết quả thực hiện.
"""


def test_anaphoric_agency_resolves_to_addressees_and_accountability_does_not_split():
    tasks = extract_text(ADDRESSED, source_file="x.txt").tasks
    assert tasks[0].agency == ["Sở Y tế tỉnh Lào Cai", "Sở Y tế tỉnh Yên Bái", "Sở Y tế tỉnh Tuyên Quang"]
    assert len(tasks) == 2 and tasks[1].task.endswith("về kết quả thực hiện.")


def test_progressive_statement_and_agency_qualifier_are_no_predicates():
    finder = TaskFinder(build_pipeline())
    assert not finder._has_predicate(" đang xây dựng Thông tư hướng dẫn.")
    assert not finder._has_predicate(" theo chức năng, nhiệm vụ quản lý được giao.")
    assert not finder._has_predicate(" trong phạm vi chức năng, nhiệm vụ của mình.")
    assert finder._has_predicate(" trong phạm vi nhiệm vụ, quyền hạn của mình chủ động kiểm tra.")
    assert finder._has_predicate(" theo chức năng, nhiệm vụ chủ động chỉ đạo các đơn vị.")
    assert finder._has_predicate(" khẩn trương ban hành Thông tư hướng dẫn.")


ROWS = """II. NỘI DUNG

1. Tổ chức nghiên cứu, học tập kinh nghiệm quản lý chợ truyền thống của các tỉnh trong khu vực

Tham mưu tổ chức đoàn công tác học tập kinh nghiệm tại các tỉnh bạn.
- Đơn vị chủ trì: Sở Công Thương.

2. Tổ chức các hoạt động hỗ trợ doanh nghiệp
- Các hoạt động gồm:
+ Tư vấn thủ tục đầu tư;
+ Kết nối ngân hàng.
- Cơ quan thực hiện: Các sở, ngành có liên quan theo chức năng, nhiệm vụ quản lý được giao.

III. TỔ CHỨC THỰC HIỆN
1. Sở Công Thương căn cứ quy định nêu trên hướng dẫn doanh nghiệp thực hiện.
"""


def test_plan_row_title_paragraph_and_list_and_provisions_above():
    text = "Căn cứ quy định tại khoản 2 Điều 5 Nghị định số 12/2024/NĐ-CP và Công văn số 8/UBND-KT.\n" + ROWS
    tasks = extract_text(text, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:30]) for t in tasks[:2]] == [
        ("Sở Công Thương", "Tham mưu tổ chức đoàn công tác"),
        ("Các sở, ngành có liên quan", "Tổ chức các hoạt động hỗ trợ d"),
    ]
    assert tasks[1].task.endswith("Kết nối ngân hàng.")
    assert [r.number for r in tasks[-1].legal_refs] == ["12/2024/NĐ-CP"]  # the provision, not the letter


def test_a_lead_line_s_list_goes_on_after_what_qualifies_a_member():
    text = ("II. NỘI DUNG\n\n1. Kiểm tra việc thi hành Luật Quảng cáo trên địa bàn tỉnh\n"
            "- Cơ quan thực hiện: Sở Văn hóa và Thể thao, các sở, ngành tỉnh trong phạm vi chức năng, nhiệm vụ được "
            "giao và Ủy ban nhân dân các xã, phường.\n- Thời gian thực hiện: Năm 2026.\n")
    (task,) = extract_text(text, source_file="kh.txt").tasks
    assert task.agency == ["Sở Văn hóa và Thể thao", "Các sở, ngành tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert task.task.startswith("Kiểm tra việc thi hành") and task.deadline == "Năm 2026"


def paragraphs(text: str) -> str:
    """``text`` written one paragraph per line, set apart as on a page."""
    return "\n\n".join(text.splitlines())


SECTIONS = paragraphs("""KẾ HOẠCH
Quản lý chợ trên địa bàn tỉnh năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu quả quản lý chợ; các sở, ngành phối hợp chặt chẽ trong triển khai.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Rà soát, sắp xếp mạng lưới chợ trên địa bàn tỉnh.
2. Đẩy mạnh chuyển đổi số trong quản lý chợ, như:
- Thanh toán không dùng tiền mặt;
- Hóa đơn điện tử.
III. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của Sở Công Thương
- Theo dõi, đôn đốc việc thực hiện Kế hoạch này.
2. Ủy ban nhân dân tỉnh giao các sở, ngành tổ chức triển khai kế hoạch.
3. Ủy ban nhân dân các huyện, trong phạm vi quản lý, chỉ đạo kiểm tra các chợ. Sở Tài chính bố trí kinh phí.
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo về Sở Công Thương để tổng hợp./.
""")


def test_sections_headings_examples_and_subject_clauses():
    tasks = extract_text(SECTIONS, source_file="kh.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:4])) for t in tasks] == [
        # purpose assigns no one; items of tasks that name no one are tasks for no one named
        (None, "Rà soát, sắp xếp"),
        (None, "Đẩy mạnh chuyển đổi"),
        ("Sở Công Thương", "Theo dõi, đôn đốc"),
        ("Các sở, ngành", "Ủy ban nhân dân"),
        ("Ủy ban nhân dân các huyện", "Ủy ban nhân dân"),
        ("Sở Tài chính", "Sở Tài chính bố"),
    ]  # the general closing is no task
    assert tasks[1].task.endswith("Hóa đơn điện tử.")  # examples after "như:" stay in their task


def _decision(subject: str, *lines: str) -> str:
    return paragraphs("\n".join(["ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 31/2025/QĐ-UBND\nBắc Ninh, ngày 4 tháng 11 năm 2025",
                                  f"QUYẾT ĐỊNH\n{subject}", "QUYẾT ĐỊNH:", *lines]))


def _regulation(*clauses: str) -> str:
    return _decision("Ban hành Quy định quản lý giá", *clauses)


@pytest.mark.parametrize("lead_in", [
    "1. Sở Tài chính chịu trách nhiệm cập nhật các thông tin, dữ liệu vào Cơ sở dữ liệu về giá đối với:",
    "1. Sở Tài chính xây dựng kế hoạch kiểm tra giá hằng năm, trình Ủy ban nhân dân tỉnh phê duyệt. Kế hoạch kiểm tra "
    "gồm những nội dung sau:",
    "1. Sở Tài chính có trách nhiệm lập hồ sơ kiểm tra. Hồ sơ kiểm tra gồm có các văn bản, tài liệu sau đây:",
])
def test_a_lead_in_listing_contents_keeps_its_items_in_its_task(lead_in):
    text = _regulation("Điều 5. Quản lý thông tin về giá", lead_in, "a) Báo cáo giá thị trường của Ủy ban nhân dân tỉnh;",
                       "b) Danh sách các tổ chức thực hiện kê khai giá.", "2. Sở Y tế tổng hợp giá thuốc.")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Sở Tài chính", "Sở Y tế"]
    assert tasks[0].task.endswith("Danh sách các tổ chức thực hiện kê khai giá.")


def test_a_list_of_things_announced_with_nhu_sau_stays_in_its_task():
    text = _regulation("Điều 5. Tập huấn về giá", "1. Hằng năm, Sở Tài chính tập huấn cho các tổ chức kê khai giá. Một số "
                       "nội dung chính của tập huấn như sau:", "a) Các chính sách, pháp luật về giá;",
                       "b) Kỹ năng kê khai giá trên phần mềm.", "2. Sở Y tế tổng hợp giá thuốc.")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Sở Tài chính", "Sở Y tế"]
    assert tasks[0].task.endswith("Kỹ năng kê khai giá trên phần mềm.")


@pytest.mark.parametrize("lead_in, items", [
    ("1. Sở Tài chính hoàn thành các công việc sau đây:", ("a) Thông báo danh sách tổ chức kê khai giá;",
                                                         "b) Danh sách các tổ chức vi phạm gửi Thanh tra tỉnh.")),
    ("1. Sở Tài chính thực hiện chế độ báo cáo như sau:", ("a) Trong thời hạn 07 ngày, Sở Tài chính phải báo cáo giá;",
                                                         "b) Danh sách các tổ chức vi phạm gửi Thanh tra tỉnh.")),
])
def test_a_list_of_work_or_of_duties_gives_a_task_per_item(lead_in, items):
    text = _regulation("Điều 5. Quản lý thông tin về giá", lead_in, *items)
    assert len(extract_text(text, source_file="qd.txt").tasks) == 2


def test_a_right_or_a_benefit_is_no_task_but_a_duty_with_a_right_is():
    text = _regulation("Điều 5. Quản lý thông tin về giá",
                       "1. Các tổ chức kê khai giá trên địa bàn tỉnh có quyền được cung cấp thông tin về giá.",
                       "2. Tổ chức kê khai giá đúng hạn được hưởng các quyền lợi sau:",
                       "a) Được miễn phí sử dụng các dịch vụ do Ủy ban nhân dân tỉnh quản lý.",
                       "3. Sở Tài chính có trách nhiệm cập nhật Cơ sở dữ liệu về giá, có quyền yêu cầu tổ chức kê khai bổ sung.")
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks] == ["Sở Tài chính"]


def test_a_kind_of_doer_goes_on_with_the_activity_the_text_regulates_when_a_verb_follows():
    text = _regulation("Điều 5. Kiểm tra chuyên ngành về giá",
                       "1. Người có thẩm quyền kiểm tra chuyên ngành về giá ban hành kế hoạch kiểm tra hằng năm.",
                       "Điều 6. Ban hành tiêu chuẩn, định mức sử dụng máy móc",
                       "1. Các sở, ban, ngành ban hành tiêu chuẩn, định mức sử dụng máy móc của cơ quan mình.")
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks] == [
        "Người có thẩm quyền kiểm tra chuyên ngành về giá",  # the title's activity, then the verb: the name goes on
        "Các sở, ban, ngành",  # the activity runs on to what follows it, with no verb after: the work itself
    ]


def test_who_decides_a_matter_is_no_task_but_work_and_a_proposal_are():
    text = _regulation("Điều 5. Bổ nhiệm", "1. Sở Nội vụ thẩm định hồ sơ bổ nhiệm.",
                       "2. Trường hợp đặc biệt do cấp có thẩm quyền xem xét, quyết định.",
                       "3. Việc bổ nhiệm Phó Giám đốc Sở do Chủ tịch Ủy ban nhân dân tỉnh quyết định theo quy định của pháp luật.",
                       "4. Mức phụ cấp do Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định.",
                       "5. Các Sở quản lý công trình chủ trì thẩm định dự án do Chủ tịch Ủy ban nhân dân tỉnh quyết định đầu tư.",
                       "6. Trường hợp thi trên máy tính, Hội đồng tuyển dụng lập câu hỏi có mức độ khó khác nhau và quyết định mức điểm.")
    assert [t.task[:16] for t in extract_text(text, source_file="qd.txt").tasks] == [
        "Sở Nội vụ thẩm đ", "Mức phụ cấp do Ủ", "Các Sở quản lý c", "Trường hợp thi t"]


def test_a_lead_in_assigning_work_still_gives_a_task_per_item():
    text = _regulation("Điều 5. Quản lý thông tin về giá", "1. Sở Tài chính thực hiện các nhiệm vụ sau:", "a) Rà soát giá hàng hóa;",
                       "b) Kiểm tra việc kê khai giá.")
    assert [t.task for t in extract_text(text, source_file="qd.txt").tasks] == [
        "Rà soát giá hàng hóa", "Kiểm tra việc kê khai giá."]


def test_kinds_each_with_words_of_their_own_are_one_doer_each_and_kinds_listed_bare_stay_one():
    text = _regulation(
        "Điều 5. Trách nhiệm của công chứng viên, nhân viên nghiệp vụ của tổ chức hành nghề công chứng",
        "1. Cập nhật thông tin về giao dịch được công chứng vào Cơ sở dữ liệu.",
        "Điều 6. Phòng cháy, chữa cháy rừng",
        "1. Các chủ rừng và lực lượng Kiểm lâm có trách nhiệm thường xuyên kiểm tra các vùng trọng điểm cháy.",
        "2. Đoàn kiểm tra, thành viên Đoàn kiểm tra có trách nhiệm bảo mật thông tin, tài liệu.",
        "3. Các cơ quan truyền thông, báo chí có trách nhiệm đưa tin kịp thời về cấp dự báo cháy rừng.",
        "4. Người đứng đầu cơ quan, tổ chức được phân công quản lý rừng có trách nhiệm báo cáo Sở Tài chính.")
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks] == [
        ["Công chứng viên", "Nhân viên nghiệp vụ của tổ chức hành nghề công chứng"],
        ["Các chủ rừng", "Lực lượng Kiểm lâm"],
        ["Đoàn kiểm tra", "Thành viên Đoàn kiểm tra"],
        "Các cơ quan truyền thông, báo chí",  # a kind's modifiers listed
        "Cơ quan, tổ chức được phân công quản lý rừng",  # kinds listed inside the qualifier; the head stands for them
    ]


def test_a_doer_written_short_is_named_as_the_document_mostly_names_it_unless_a_verb_would_go_on():
    text = _regulation(
        "Điều 5. Quản lý hệ thống",
        "1. Trung tâm Dữ liệu thuộc Sở Nội vụ có trách nhiệm vận hành hệ thống.",
        "2. Trung tâm Dữ liệu thuộc Sở Nội vụ có trách nhiệm sao lưu dữ liệu hằng tuần.",
        "Điều 6. Xử lý sự cố",
        "1. Khi hệ thống gặp sự cố, Trung tâm Dữ liệu có trách nhiệm khắc phục trong ngày.",
        "2. Cơ quan có thẩm quyền tuyển dụng có trách nhiệm thông báo kết quả.",
        "3. Cơ quan có thẩm quyền tuyển dụng có trách nhiệm lưu hồ sơ.",
        "4. Cơ quan có thẩm quyền có trách nhiệm xử lý vi phạm.")
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks][2:] == [
        "Trung tâm Dữ liệu thuộc Sở Nội vụ",  # the body the text names in full everywhere else
        "Cơ quan có thẩm quyền tuyển dụng",
        "Cơ quan có thẩm quyền tuyển dụng",
        "Cơ quan có thẩm quyền",  # "tuyển dụng" is a verb: the longer name is a kind of its own
    ]


def test_a_subject_listing_doers_before_their_assignment_or_joined_by_and_is_one_doer_each():
    text = _regulation(
        "Điều 5. Trách nhiệm thi hành",
        "1. Các sở, ngành và Ủy ban nhân dân các xã, phường được phân công chủ trì thực hiện nhiệm vụ tại Quy định này "
        "có trách nhiệm xây dựng kế hoạch chi tiết.",
        "2. Người có thẩm quyền thực hiện chứng thực, công chức tham mưu làm công tác chứng thực được phân công cập nhật "
        "thông tin có trách nhiệm bảo mật tài khoản.",
        "3. Bên bán điện và bên mua điện có trách nhiệm thực hiện đúng hợp đồng.",
        "4. Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành nhiệm vụ đúng tiến độ.",
        "5. Các cơ sở giáo dục đại học công lập, cơ sở giáo dục nghề nghiệp thuộc phạm vi của tỉnh có trách nhiệm kê khai giá.")
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks] == [
        ["Các sở, ngành", "Ủy ban nhân dân các xã, phường"],
        ["Người có thẩm quyền thực hiện chứng thực", "Công chức tham mưu làm công tác chứng thực"],
        ["Bên bán điện", "Bên mua điện"],
        "Các cơ quan, đơn vị được giao chủ trì",  # one kind, named by what it was given
        "Các cơ sở giáo dục đại học công lập, cơ sở giáo dục nghề nghiệp thuộc phạm vi của tỉnh",  # a scope shared
    ]


DESCRIBED_AND_FUNDED = paragraphs("""KẾ HOẠCH
Quan trắc môi trường vùng nuôi năm 2026
II. NỘI DUNG KẾ HOẠCH
1. Quan trắc môi trường nước
a) Vùng nuôi tôm
Địa điểm quan trắc: Lấy mẫu tại 03 cửa sông như sau:
- Cửa sông A: Lấy mẫu 01 vị trí tại khu vực cấp nước.
- Cửa sông B: Lấy mẫu 02 vị trí tại khu vực cấp nước.
- Thông số, tần suất và số lượng mẫu quan trắc:
+ Các thông số: Độ mặn, pH, DO quan trắc 2 lần/tháng.
2. Tuyên truyền về chất lượng nước
- Hình thức: In tài liệu cấp phát cho các xã.
- Số lượng: 2.000 cuốn.
III. KINH PHÍ THỰC HIỆN
Nguồn kinh phí thực hiện các nhiệm vụ của Kế hoạch được quy định như sau:
- Kinh phí quan trắc được bố trí từ ngân sách tỉnh.
- Đối với tài liệu tuyên truyền: Ưu tiên sử dụng ngân sách tỉnh.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường tổ chức lựa chọn đơn vị quan trắc; báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.
""")


def test_a_plan_s_descriptions_of_an_activity_and_its_funding_rules_are_no_tasks():
    tasks = extract_text(DESCRIBED_AND_FUNDED, source_file="kh.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:4])) for t in tasks] == [
        ("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và")]


ACTIVITIES_POINTED_TO = paragraphs("""KẾ HOẠCH
Phát triển kinh tế số năm 2026
I. MỤC TIÊU
1. Phát triển kinh tế số đến năm 2030
- Kinh tế số chiếm 30% GRDP tỉnh.
II. PHÁT TRIỂN HẠ TẦNG SỐ
1. Mạng di động
a) Phủ sóng 5G toàn tỉnh.
b) Triển khai các chương trình:
“Bình dân học vụ số” cho người dân; đào tạo kỹ năng số cho công chức.
2. Nông nghiệp
a) Xây dựng nền tảng dữ liệu số nông nghiệp.
III. PHƯƠNG ÁN HỖ TRỢ, ĐỐI TƯỢNG HỖ TRỢ
1. Phương án tổ chức cấp phát
- Tổ chức bếp ăn cộng đồng tại các điểm sơ tán.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường
Chủ trì triển khai các nhiệm vụ tại mục (II) (2) của Kế hoạch.
""")


def test_a_plan_s_parts_titled_by_their_work_and_the_parts_its_organisation_points_a_lead_to():
    tasks = extract_text(ACTIVITIES_POINTED_TO, source_file="kh.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:3])) for t in tasks] == [
        # a target under "Mục tiêu" is none, though its heading opens with the work
        (None, "Phủ sóng 5G"),
        (None, "Triển khai các"),
        (None, "“Bình dân học"),  # a quoted name opening the next line is no cited provision
        ("Sở Nông nghiệp và Môi trường", "Xây dựng nền"),  # the part the organisation points the Sở to
        (None, "Tổ chức bếp"),  # "Phương án …" under a part of scope is one of work
        ("Sở Nông nghiệp và Môi trường", "Chủ trì triển"),
    ]


ADDRESSED_BY_TITLE = paragraphs("""CÔNG ĐIỆN
Về việc chủ động ứng phó với bão số 5
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Quốc phòng, Công an;
- Chủ tịch Ủy ban nhân dân các tỉnh: Nghệ An, Hà Tĩnh.
Hiện nay bão số 5 đang di chuyển nhanh, các địa phương đã chủ động triển khai các biện pháp ứng phó.
Để chủ động ứng phó với bão, Thủ tướng Chính phủ yêu cầu:
1. Chủ tịch Ủy ban nhân dân các tỉnh nêu trên theo dõi chặt chẽ diễn biến của bão.
2. Bộ Quốc phòng, Bộ Công an chỉ đạo lực lượng sẵn sàng hỗ trợ địa phương.
3. Thủ tướng Chính phủ sẽ trực tiếp chỉ đạo công tác ứng phó.
""")


def test_the_addressees_pointed_back_to_and_the_issuer_speaking():
    tasks = extract_text(ADDRESSED_BY_TITLE, source_file="cd.txt").tasks
    assert [t.agency for t in tasks] == [
        ["Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Hà Tĩnh"],
        ["Bộ Quốc phòng", "Bộ Công an"],
    ]  # background and the issuer's own statement are no tasks


FOOTNOTE_LISTS = paragraphs("""1. Sở Y tế
a) Triển khai các văn bản chỉ đạo của Chính phủ[1] về công tác dân số.
b) Tổ chức sơ kết các văn bản chỉ đạo của Trung ương1 giai đoạn 2026 - 2030.
[1] Chỉ thị số 27/CT-TTg ngày 15/7/2024 của Thủ tướng Chính phủ; Quyết định số 1745/QĐ-TTg ngày 15/8/2025 của Thủ tướng Chính phủ về việc ban hành Kế hoạch thực hiện Kết luận số 149-KL/TW ngày 10/4/2025 của Bộ Chính trị.
""")


def test_a_footnote_gives_the_documents_it_lists_wherever_it_is_pointed_to():
    tasks = extract_text(FOOTNOTE_LISTS, source_file="kh.txt").tasks
    # not the conclusion named in the listed decision's title
    assert [[r.number for r in t.legal_refs] for t in tasks] == [["27/CT-TTg", "1745/QĐ-TTg"]] * 2


HEADINGS = paragraphs("""III. TỔ CHỨC THỰC HIỆN
1. Các Sở, ngành chủ trì, tham gia thực hiện các dự án thuộc Chương trình
- Báo cáo kết quả thực hiện hằng quý.
2. Các doanh nghiệp đang hoạt động trong KCN
- Khuyến khích các doanh nghiệp ứng dụng giải pháp IoT.
3. Khuyến khích các hợp tác xã ứng dụng công nghệ số trong sản xuất.
""")


def test_a_title_qualifying_a_kind_of_body_names_it_whole_and_encouragement_names_whom():
    tasks = extract_text(HEADINGS, source_file="kh.txt").tasks
    assert [t.agency for t in tasks] == [
        "Các Sở, ngành chủ trì, tham gia thực hiện các dự án thuộc Chương trình",
        "Các doanh nghiệp đang hoạt động trong Khu công nghiệp",  # the heading's fuller name
        "Các hợp tác xã",
    ]


NAMED_TITLES = paragraphs("""III. TỔ CHỨC THỰC HIỆN
1. Trung tâm Xúc tiến đầu tư, thương mại và du lịch
- Tổ chức các hội chợ thương mại quảng bá sản phẩm của tỉnh.
2. Trung tâm Chuyển đổi số và Truyền thông thuộc Sở Khoa học và Công nghệ
- Thực hiện quản trị, vận hành Hệ thống thư điện tử công vụ tỉnh.
3. Ngân hàng nhà nước khu vực XII
- Triển khai nhiệm vụ được giao chủ trì tại Phụ lục của Kế hoạch.
4. Ủy ban nhân dân Thành phố có quyền hạn và trách nhiệm
- Cân đối bố trí ngân sách hằng năm để thực hiện Kế hoạch.
5. Sở NN&MT thuộc Ủy ban nhân dân tỉnh
- Tổ chức tập huấn cho cán bộ cấp xã.
""")


def test_a_title_that_only_names_a_body_closes_its_name_at_its_end():
    tasks = extract_text(NAMED_TITLES, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [
        ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", "Tổ chức các hội chợ "),
        ("Trung tâm Chuyển đổi số và Truyền thông thuộc Sở Khoa học và Công nghệ", "Thực hiện quản trị, "),
        ("Ngân hàng nhà nước khu vực XII", "Triển khai nhiệm vụ "),  # the text's words, not the central bank's
        ("Ủy ban nhân dân thành phố", "Cân đối bố trí ngân "),  # "có" is the title's verb
        ("Sở Nông nghiệp và Môi trường thuộc Ủy ban nhân dân tỉnh", "Tổ chức tập huấn cho"),  # spelled out
    ]


NOTICE = paragraphs("""THÔNG BÁO
Kết luận của Phó Thủ tướng Chính phủ tại buổi làm việc với tỉnh Nam Định
I. VỀ CÁC ĐỀ XUẤT, KIẾN NGHỊ
1. Về đề nghị các bộ, ngành sớm ban hành văn bản hướng dẫn về đất đai: Ủy ban nhân dân tỉnh Nam Định cần tiếp tục rà soát các vướng mắc, gửi Bộ Nông nghiệp và Môi trường.
2. Về thi đua khen thưởng: Kết quả đạt được là nhờ nỗ lực của các thành viên. Bộ Nội vụ với vai trò là cơ quan thường trực, chủ động tổng hợp, đề xuất khen thưởng.
3. Đối với các địa phương, mức hỗ trợ được quy định như sau:
- Mức 1: 50 triệu đồng.
Văn phòng Chính phủ xin trân trọng thông báo./.
""")


def test_a_notice_answers_topics_with_their_own_subjects_and_topics_assign_no_one():
    tasks = extract_text(NOTICE, source_file="tb.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:3])) for t in tasks] == [
        ("Ủy ban nhân dân tỉnh Nam Định", "Ủy ban nhân"),  # after the topic "Về đề nghị …:"
        ("Bộ Nội vụ", "Bộ Nội vụ"),  # its role in apposition; the background sentence before is no task
    ]  # "Đối với X, …" only sets a topic; the closing courtesy is no task


RUN_IN_ITEMS = paragraphs("""THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại phiên họp về chuyển đổi số
III. NHIỆM VỤ TRỌNG TÂM
1. Hoàn thiện thể chế về dữ liệu: Các sở khẩn trương trình Ủy ban nhân dân tỉnh ban hành quy định; đồng thời rà soát các văn bản hướng dẫn.
2. Xây dựng chiến lược dữ liệu: (1) Thanh tra tỉnh ban hành kế hoạch trước ngày 25/11/2025; (2) Sở Nội vụ chủ trì, phối hợp các sở hướng dẫn rà soát; Các sở, ngành gửi kết quả về Sở Nội vụ trước ngày 10/12/2025.
3. Sở Tài chính: (1) rà soát nguồn vốn, hoàn thành trong tháng 12/2025; (2) Hướng dẫn các sở lập dự toán.
4. Sở Tư pháp: Rà soát các văn bản: (1) Nghị quyết về phí; (2) Quyết định về giá.
Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan biết, thực hiện./.
""")


def test_an_item_whose_title_runs_into_its_text_gives_a_task_per_subject_and_per_inline_item():
    tasks = extract_text(RUN_IN_ITEMS, source_file="tb.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:3])) for t in tasks] == [
        ("Các sở", "Các sở khẩn"),  # after the title, not the title
        ("Thanh tra tỉnh", "Thanh tra tỉnh"),  # the title over items with their own subjects is no task
        ("Sở Nội vụ", "Sở Nội vụ"),
        ("Các sở, ngành", "Các sở, ngành"),
        ("Sở Tài chính", "rà soát nguồn"),  # items with no subject of their own: the label's body
        ("Sở Tài chính", "Hướng dẫn các"),
        ("Sở Tư pháp", "Rà soát các"),  # a list of things stays in its task
    ]
    assert tasks[1].task == "Thanh tra tỉnh ban hành kế hoạch trước ngày 25/11/2025"
    assert tasks[-1].task.endswith("(2) Quyết định về giá.")


def test_letters_run_into_an_item_are_items_too_but_a_pointer_to_a_point_is_none():
    text = paragraphs("""THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh
II. NHIỆM VỤ
1. Tăng cường quản lý xây dựng: a) Sở Xây dựng kiểm tra công trình; b) Công an tỉnh xử lý vi phạm.
2. Sở Tư pháp thẩm định theo điểm a) khoản 1 Điều 5 Nghị định số 10/2025/NĐ-CP; b) hồ sơ được lưu.""")
    tasks = extract_text(text, source_file="tb.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:3])) for t in tasks] == [
        ("Sở Xây dựng", "Sở Xây dựng"), ("Công an tỉnh", "Công an tỉnh"), ("Sở Tư pháp", "Sở Tư pháp")]


def test_a_part_on_shortcomings_is_background():
    assert _section_kind("II. VỀ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", True) is False


# OCR of a page: each line as printed, the closing paragraph run on after a full-width line, and the
# notice's closing formula with a word misread ('biết' as 'hết').
RUN_ON_CLOSING = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 88/TB-UBND Hà Nam, ngày 9 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về an toàn giao thông
Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
1. Năm 2025, tình hình an toàn giao thông trên địa bàn tỉnh cơ bản ổn định.
2. Giao Sở Giao thông vận tải rà soát hệ thống biển báo trên các tuyến đường tỉnh, hoàn
thành việc thay thế các biển báo hư hỏng và báo cáo kết quả về Ủy ban nhân dân tỉnh
trước ngày 30 tháng 6 năm 2026. Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị
nghiêm túc triển khai thực hiện các nội dung trên.
Văn phòng Ủy ban nhân dân tỉnh thông báo để Giám đốc Sở Giao thông vận tải hết, chỉ đạo thực hiện./.
"""


def test_a_closing_formula_run_on_into_an_item_or_standing_alone_is_no_task():
    tasks = extract_text(RUN_ON_CLOSING, source_file="tb.txt").tasks
    assert [(t.agency, t.task[:30]) for t in tasks] == [("Sở Giao thông vận tải", "Giao Sở Giao thông vận tải rà ")]


CITED_PROVISIONS = """Kính gửi: Sở Tài chính tỉnh Hòa Bình.

Trả lời công văn số 12/STC-QLG của Sở Tài chính, Bộ Xây dựng có ý kiến như sau:
- Tại khoản 4 Điều 9 Nghị định số 10/2021/NĐ-CP ngày 09/02/2021 của Chính phủ quy định:
“Điều 9. Trách nhiệm của chủ đầu tư
1. Chủ đầu tư có trách nhiệm lập dự toán xây dựng.
a) Ủy ban nhân dân cấp tỉnh chỉ đạo thẩm định dự toán.”
- Tại Điều 12 Thông tư số 11/2021/TT-BXD quy định:
Điều 12. Định mức dự toán
1. Sở Xây dựng công bố định mức dự toán.
Đề nghị Sở Tài chính tỉnh Hòa Bình căn cứ các quy định nêu trên để thực hiện.
"""


def test_provisions_quoted_after_a_citation_oblige_no_one():
    tasks = extract_text(CITED_PROVISIONS, source_file="cv.txt").tasks
    assert [(t.agency, t.task[:24]) for t in tasks] == [("Sở Tài chính tỉnh Hòa Bình", "Đề nghị Sở Tài chính tỉn")]


AMENDING_CIRCULAR = """BỘ QUỐC PHÒNG
Số: 1/2025/TT-BQP
THÔNG TƯ
Quy định thủ tục
Điều 1. Sửa đổi, bổ sung khoản 1 Điều 5 như sau:
“1. Trong thời hạn 07 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Cục Quản lý giá quyết định phê duyệt hồ sơ thiết kế.”
Điều 2. Hiệu lực
Thông tư này có hiệu lực từ ngày 01/01/2026.
"""


def test_the_new_wording_an_amending_document_gives_is_its_own_provision():
    tasks = extract_text(AMENDING_CIRCULAR, source_file="tt.txt").tasks
    assert [(t.agency, t.task[:22]) for t in tasks] == [("Cục Quản lý giá", "Trong thời hạn 07 ngày")]


def test_this_document_in_an_amendment_s_new_wording_is_the_amended_one():
    text = AMENDING_CIRCULAR.replace(
        "Điều 1. Sửa đổi, bổ sung khoản 1 Điều 5 như sau:",
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BQP\n1. Sửa đổi, bổ sung khoản 1 Điều 5 như sau:"
    ).replace("hồ sơ thiết kế.”", "hồ sơ thiết kế theo Mẫu số 03 ban hành kèm theo Thông tư này.”")
    (task,) = extract_text(text, source_file="tt.txt").tasks
    assert [ref.number for ref in task.legal_refs] == ["09/2025/TT-BQP"]


def test_a_statement_about_a_body_is_no_task_and_keeps_its_name_whole():
    finder = TaskFinder(build_pipeline())
    assert finder._subject_before_predicate(
        "Trường Cao đẳng Kỹ thuật Miền Núi là đơn vị sự nghiệp công lập trực thuộc Bộ Công Thương.") is None
    assert finder._subject_before_predicate(
        "Các cơ quan được phân công chủ trì theo Kế hoạch này có trách nhiệm báo cáo kết quả.") == [
        "Các cơ quan được phân công chủ trì theo Kế hoạch này"]


def test_a_title_that_holds_its_body_s_head_stands_for_the_body():
    ruler = build_pipeline().get_pipe("ccn_agency_ruler")
    assert [m.canonical for m in ruler.match_start("Giám đốc Công an tỉnh rà soát hồ sơ", subject=True)] == ["Công an tỉnh"]


ANSWER_LETTER = """BỘ TÀI CHÍNH
CỤC THUẾ
Số: 123/CT-CS
V/v chính sách thuế
Hà Nội, ngày 10 tháng 11 năm 2025

Kính gửi: Công ty TNHH Ánh Dương.

Cục Thuế nhận được công văn số 05/AD ngày 01/10/2025 của Công ty TNHH Ánh Dương về chính sách thuế.

Cục Thuế trả lời như sau:

Căn cứ Điều 5 Luật Quản lý thuế số 38/2019/QH14 quy định nghĩa vụ của người nộp thuế.

Cục Thuế ghi nhận kiến nghị của Công ty và sẽ nghiên cứu khi sửa đổi Thông tư hướng dẫn.

Đề nghị Công ty căn cứ quy định nêu trên để thực hiện.

Cục Thuế trả lời để Công ty TNHH Ánh Dương được biết./.
"""


def test_the_issuer_introducing_its_own_answer_assigns_no_one():
    tasks = extract_text(ANSWER_LETTER, source_file="cv.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [("Công ty TNHH Ánh Dương", "Đề nghị Công ty căn ")]


DECISION_ARTICLES = """QUYẾT ĐỊNH:

Điều 1. Phê duyệt Danh mục chợ đầu mối trên địa bàn tỉnh năm 2026.

Điều 2. Giao các cơ quan, đơn vị:

1. Sở Công Thương chủ trì, phối hợp Sở Xây dựng:

Rà soát quy hoạch mạng lưới chợ đầu mối, báo cáo Ủy ban nhân dân tỉnh.

Thời hạn chậm nhất 10 ngày làm việc kể từ ngày ban hành Quyết định.

Điều 3. Thủ trưởng các sở, ngành, Chủ tịch Ủy ban nhân dân các xã và các tổ chức, cá nhân liên quan căn cứ Quyết định này thi hành./.
"""


def test_a_time_line_without_colon_and_the_executors_closing_are_no_tasks():
    tasks = extract_text(DECISION_ARTICLES, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [("Sở Công Thương", "Rà soát quy hoạch mạ")]
    assert tasks[0].deadline == "chậm nhất 10 ngày làm việc kể từ ngày ban hành Quyết định"


def test_the_issuer_s_own_duty_in_an_article_is_a_task():
    finder = TaskFinder(build_pipeline())
    finder._issuer = "Bộ Tài chính"
    reading = finder._read("Bộ Tài chính chủ trì, phối hợp với Bộ Nội vụ[3], Bộ Tư pháp hướng dẫn thực hiện Quyết định này.")
    assert reading is not None and reading.agencies == ["Bộ Tài chính"]
    assert finder._read("Bộ Tài chính xác định kết quả như sau:").agencies == []


def test_answering_for_reported_figures_is_no_task_but_the_duty_after_it_is():
    text = ("QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt điều chỉnh quy hoạch khoáng sản tại các khu vực: mỏ đồng Tả Phời, tỉnh Lào Cai; "
            "mỏ bôxit Thọ Sơn, tỉnh Đồng Nai trong Quy hoạch thời kỳ 2021 - 2030 như sau:\n"
            "1. Điều chỉnh danh mục các dự án khai thác quặng đồng trên địa bàn tỉnh Lào Cai.\n"
            "Điều 2. Bộ Nông nghiệp và Môi trường và Ủy ban nhân dân các tỉnh: Lào Cai, Đồng Nai chịu trách nhiệm toàn diện "
            "trước Thủ tướng Chính phủ về tính chính xác của thông tin, số liệu báo cáo. Bộ Nông nghiệp và Môi trường "
            "thực hiện cấp phép hoạt động khoáng sản đối với khu vực quy định tại Điều 1.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:30]) for t in tasks] == [("Bộ Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Môi trường t")]


def test_a_later_sentence_with_its_subject_after_a_clause_is_a_task_unless_it_is_the_same_body_s_fallback():
    finder = TaskFinder(build_pipeline())
    text = ("Tập đoàn Dầu khí Việt Nam chủ động làm việc với các nhà đầu tư. Để xác định vị trí cụ thể của dự án, "
            "Ủy ban nhân dân tỉnh Thanh Hóa phối hợp với Bộ Công Thương rà soát các quy hoạch. Trường hợp phát sinh "
            "vướng mắc, đề nghị Ủy ban nhân dân tỉnh Thanh Hóa báo cáo Thủ tướng Chính phủ.")
    assert [(names, framed) for _, names, _, framed in finder._later_obligations(text)] == [
        (["Ủy ban nhân dân tỉnh Thanh Hóa"], True), (["Ủy ban nhân dân tỉnh Thanh Hóa"], True)]
    tasks = extract_text("II. KẾT LUẬN\n1. Về dự án kho dầu: " + text + "\n", source_file="tb.txt").tasks
    assert [(t.agency, t.task[:12]) for t in tasks] == [
        ("Tập đoàn Dầu khí Việt Nam", "Tập đoàn Dầu"), ("Ủy ban nhân dân tỉnh Thanh Hóa", "Để xác định ")]


LETTER = """BỘ NỘI VỤ
Số: 10000/BNV-CQĐP
V/v triển khai mô hình chính quyền địa phương
Hà Nội, ngày 10 tháng 11 năm 2025
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Để bảo đảm vận hành thông suốt chính quyền địa phương hai cấp, Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương thực hiện một số nội dung sau:
1. Rà soát, hoàn thiện quy chế làm việc của Ủy ban nhân dân cấp xã, hoàn thành trước ngày 15/12/2025.
Bộ Nội vụ sẽ tổng hợp, báo cáo Thủ tướng Chính phủ xem xét, quyết định.
Căn cứ các quy định nêu trên, cơ sở kinh doanh phải lập hồ sơ khai thuế riêng cho dự án đầu tư. Doanh nghiệp được khấu trừ thuế đầu vào nếu đáp ứng các điều kiện quy định.
Thông tin chi tiết xin liên hệ: đồng chí Nguyễn Văn A, Vụ Chính quyền địa phương, điện thoại 0912345678.
Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các địa phương phản ánh về Bộ Nội vụ để được hướng dẫn.
Bộ Nội vụ trân trọng đề nghị Quý Ủy ban quan tâm, phối hợp thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT, CQĐP.
"""


def test_a_letter_s_own_plans_restated_law_contacts_and_closings_are_no_tasks():
    tasks = extract_text(LETTER, source_file="cv.txt").tasks
    assert [t.task[:20] for t in tasks] == ["Rà soát, hoàn thiện "]


def test_a_paragraph_going_on_with_the_item_before_it_is_no_task_of_its_own():
    text = ("2. Ủy ban nhân dân các tỉnh, thành phố:\na) Rà soát, tổng hợp đầy đủ thiệt hại do thiên tai.\n"
            "Trường hợp không cân đối được nguồn, khẩn trương đề xuất hỗ trợ từ ngân sách trung ương. "
            "Sau khi thực hiện, Bộ Tài chính có trách nhiệm tổng hợp, báo cáo Chính phủ.\n"
            "Tổ chức tiếp nhận và phân phối hàng cứu trợ đến tận tay người dân.\n"
            "b) Bố trí ngân sách địa phương năm 2026.\n")
    tasks = extract_text(text, source_file="nq.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [
        ("Ủy ban nhân dân các tỉnh, thành phố", "Rà soát, tổng hợp đầ"), ("Bộ Tài chính", "Sau khi thực hiện, B"),
        ("Ủy ban nhân dân các tỉnh, thành phố", "Tổ chức tiếp nhận và"),
        ("Ủy ban nhân dân các tỉnh, thành phố", "Bố trí ngân sách địa")]


def test_a_time_clause_before_the_subject_of_an_article_s_item():
    text = ("QUYẾT ĐỊNH:\nĐiều 2. Tổ chức thực hiện\n1. Trong thời hạn 05 ngày làm việc kể từ ngày ban hành Quyết định, "
            "Văn phòng Ủy ban nhân dân tỉnh công khai Quyết định này trên Cổng thông tin điện tử tỉnh.\n"
            "2. Chậm nhất ngày 30/12/2025, Sở Tài chính trình Ủy ban nhân dân tỉnh phương án kinh phí.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Tài chính"]


def test_a_frequency_word_set_off_by_a_comma_before_the_subject_of_an_article_s_item():
    text = ("QUYẾT ĐỊNH:\nĐiều 3. Tổ chức thực hiện\n1. Hàng năm, Ủy ban nhân dân tỉnh có trách nhiệm báo cáo Hội đồng nhân "
            "dân tỉnh kết quả thực hiện.\n2. Định kỳ, Sở Y tế tổng hợp số liệu gửi Bộ Y tế.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task.split(",")[0]) for t in tasks] == [("Ủy ban nhân dân tỉnh", "Hàng năm"),
                                                                ("Sở Y tế", "Định kỳ")]


@pytest.mark.parametrize("opening", ["Hết thời hạn tạm dừng ghi trong quyết định", "Quá thời hạn quy định",
                                     "Trước thời điểm dừng bán hàng", "Sau thời điểm khóa sổ",
                                     "Trong một số trường hợp để ổn định thị trường", "Sau tối đa 05 ngày kể từ khi nhận hồ sơ"])
def test_a_clause_of_time_or_case_before_the_subject_of_an_article_s_item(opening):
    text = (f"QUYẾT ĐỊNH:\nĐiều 2. Tổ chức thực hiện\n1. {opening}, doanh nghiệp gửi thông báo bằng văn bản đến "
            "Sở Công Thương.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:len(opening)]) for t in tasks] == [("Doanh nghiệp", opening)]


def test_a_procedure_clause_names_its_doer_after_do_or_after_a_basis():
    text = ("QUYẾT ĐỊNH:\nĐiều 2. Tổ chức thực hiện\n1. Việc tổng hợp ý kiến các thành viên do Sở Khoa học và Công nghệ "
            "thực hiện trong 05 ngày làm việc.\n2. Hồ sơ do Văn phòng Ủy ban nhân dân tỉnh tiếp nhận và chuyển Sở Tư pháp "
            "thẩm định.\n3. Mức thu thực hiện theo biểu mẫu do Bộ Tài chính ban hành.\n4. Căn cứ vào tình hình thực tế, "
            "Chánh Văn phòng Ủy ban nhân dân tỉnh có trách nhiệm bố trí địa điểm họp.\n5. Phương án xử lý tài sản do Sở "
            "Tài chính lập theo mẫu.\nĐiều 3. Trách nhiệm của Sở Xây dựng\n1. Tổ chức kiểm tra các công trình do Sở Y tế "
            "quản lý.\n")
    assert openings(text, 10) == [
        ("Sở Khoa học và Công nghệ", "Việc tổng "), ("Văn phòng Ủy ban nhân dân tỉnh", "Hồ sơ do V"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Căn cứ vào"), ("Sở Tài chính", "Phương án "), ("Sở Xây dựng", "Tổ chức ki")]


def test_a_document_s_author_after_do_is_no_doer():
    finder = TaskFinder(build_pipeline())
    for text in ("Bãi bỏ các văn bản quy phạm pháp luật do Ủy ban nhân dân tỉnh Quảng Bình ban hành, cụ thể như sau:",
                 "Bãi bỏ các quyết định do Ủy ban nhân dân tỉnh Quảng Trị (cũ) ban hành sau đây:"):
        assert finder._read(text) is None
    assert finder._read("Hồ sơ do Văn phòng Ủy ban nhân dân tỉnh tiếp nhận.").agencies == ["Văn phòng Ủy ban nhân dân tỉnh"]


def test_kinds_of_body_keep_a_qualifying_clause_with_a_verb_up_to_their_obligation():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các cơ quan, tổ chức, đơn vị chủ trì quản lý tài sản có trách nhiệm thực hiện chế độ báo "
                        "cáo.").agencies == ["Các cơ quan, tổ chức, đơn vị chủ trì quản lý tài sản"]
    assert finder._read("Các cơ quan theo thẩm quyền có trách nhiệm xử lý vi phạm.").agencies == ["Các cơ quan"]
    assert finder._read("Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.").agencies == ["Các cơ quan, đơn vị"]


def test_the_kind_of_body_a_head_s_title_names_keeps_its_authority_or_what_it_does_with_what():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Người đứng đầu cơ quan có thẩm quyền tuyển dụng quyết định thành lập Hội đồng tuyển dụng."
                        ).agencies == ["Cơ quan có thẩm quyền tuyển dụng"]
    assert finder._read("Người đứng đầu cơ quan sử dụng công chức chịu trách nhiệm bố trí công tác.").agencies == [
        "Cơ quan sử dụng công chức"]
    # a verb straight after the kind is the head's own ("chỉ đạo thực hiện"); a kind named without a title stays as written
    assert finder._read("Người đứng đầu cơ quan chỉ đạo thực hiện nghiêm các quy định.").agencies == ["Cơ quan"]
    assert finder._read("Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.").agencies == ["Các cơ quan, đơn vị"]


def test_a_body_named_without_a_title_does_its_verb_itself():
    finder = TaskFinder(build_pipeline())
    # an abbreviation spelled out is no title: "cấp phép" is the body's own verb, not a clause qualifying it
    assert finder._read("UBND cấp xã cấp giấy phép xây dựng đối với nhà ở riêng lẻ trên địa bàn.").agencies == [
        "Ủy ban nhân dân cấp xã"]
    assert finder._read("UBND cấp xã tổ chức thực hiện việc rà soát các công trình.").agencies == [
        "Ủy ban nhân dân cấp xã"]


def test_a_titled_head_s_verb_with_a_clause_in_its_object_is_its_own():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Người đứng đầu cơ sở giáo dục quyết định số tiết dạy thêm của từng nhà giáo được chi trả."
                        ).agencies == ["Cơ sở giáo dục"]
    assert finder._read("Chủ tịch Ủy ban nhân dân tỉnh quyết định mức chi cụ thể sau khi thống nhất với Sở Tài chính."
                        ).agencies == ["Ủy ban nhân dân tỉnh"]


def test_the_issuer_assigning_a_kind_of_body_and_named_bodies_assigns_them_all():
    finder = TaskFinder(build_pipeline())
    finder._issuer = "Ủy ban nhân dân tỉnh Hà Giang"
    assert finder._read("UBND tỉnh giao cơ quan chuyên môn về xây dựng, Sở Công Thương, Sở Y tế chủ trì thẩm định "
                        "báo cáo nghiên cứu khả thi.").agencies == [
        "Cơ quan chuyên môn về xây dựng", "Sở Công Thương", "Sở Y tế"]
    # a kind of body alone, with no body the grammar names after it, is left to the other readings
    assert finder._kind_then_bodies("cơ quan chuyên môn về xây dựng chủ trì thẩm định.") == []


def test_a_case_label_stays_in_the_task_of_the_body_after_it():
    finder = TaskFinder(build_pipeline())
    text = "Trường hợp cần điều chỉnh Danh mục hàng hóa: Sở Công Thương đề xuất điều chỉnh Danh mục."
    reading = finder._read(text)
    assert reading.agencies == ["Sở Công Thương"] and reading.start == 0
    assert finder._read("Về thi công: Sở Xây dựng kiểm tra các công trình.").start == len("Về thi công: ")


def test_a_body_deciding_assigns_its_items_to_no_one():
    finder = TaskFinder(build_pipeline())
    reading = finder._read("Trên cơ sở Đề án số 377/ĐA-CP, Ủy ban Thường vụ Quốc hội quyết định sắp xếp để thành lập các "
                           "đơn vị hành chính cấp xã như sau:")
    assert reading is not None and reading.address_only and reading.agencies == []


def test_a_rule_s_body_deciding_what_it_names_has_a_duty_but_deciding_items_below_assigns_no_one():
    text = _regulation("Điều 7. Dung lượng hộp thư điện tử",
                       "1. Sở Khoa học và Công nghệ quyết định dung lượng cấp cho mỗi hộp thư điện tử.",
                       "2. Sở Tài chính quyết định các nội dung sau:", "a) Mức hỗ trợ cho từng hộp thư;",
                       "b) Thời hạn sử dụng hộp thư.")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:31]) for t in tasks] == [("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ quyết ")]


def test_a_paragraph_going_on_with_an_item_in_a_verb_is_more_work_of_that_item_s_bodies():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n\n1. Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai thực hiện phù hợp "
            "với chức năng, nhiệm vụ của từng cơ quan.\n\nĐịnh kỳ báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện Kế hoạch hằng "
            "năm.\n\n2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n")
    tasks = extract_text(text, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:12]) for t in tasks] == [
        ("Các cơ quan, đơn vị, địa phương", "Các cơ quan,"), ("Các cơ quan, đơn vị, địa phương", "Định kỳ báo "),
        ("Sở Tài chính", "Sở Tài chính")]


def test_the_documents_above_are_not_those_a_topic_label_names():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 641/TB-VPCP\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "Kết luận của Phó Thủ tướng Chính phủ tại buổi làm việc với thành phố Đà Nẵng\n"
            "II. KẾT LUẬN\n3. Về đề nghị Bộ Khoa học và Công nghệ triển khai các nhiệm vụ tại Quyết định số 1565/QĐ-TTg "
            "ngày 18 tháng 7 năm 2025 của Thủ tướng Chính phủ: Chính phủ đã ban hành Nghị quyết số 214/NQ-CP ngày 23 "
            "tháng 7 năm 2025. Các bộ, ngành trên cơ sở nhiệm vụ được giao tại các văn bản nêu trên, hoàn thiện cơ sở "
            "dữ liệu quốc gia trong ngành.\n")
    (task,) = extract_text(text, source_file="tb.txt").tasks
    assert [ref.number for ref in task.legal_refs] == ["214/NQ-CP"]


def test_the_documents_above_in_their_other_wordings_and_one_document_above():
    def letter(body: str) -> list:
        return extract_text("BỘ TÀI CHÍNH\nCỤC HẢI QUAN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
                            "Số: 39712/CHQ-GSQL V/v vướng mắc thủ tục hải quan\n\nHà Nội, ngày 03 tháng 12 năm 2025\n\n"
                            "Kính gửi: Chi nhánh Công ty TNHH KGL Việt Nam tại TP. HCM.\n" + body +
                            " Trong quá trình thực hiện nếu phát sinh vướng mắc thì liên hệ đơn vị hải quan nơi Công ty "
                            "làm thủ tục xuất khẩu để được hướng dẫn theo thẩm quyền.\n"
                            "Cục Hải quan trả lời để Công ty biết./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, GSQL.\n",
                            source_file="cv.txt").tasks

    asked = "Trả lời công văn số 01/KGL ngày 20/11/2025 của Công ty, Cục Hải quan có ý kiến như sau:\n"
    (task,) = letter(asked + "- Việc xuất khẩu được hướng dẫn tại các công văn số 695/TCHQ-GSQL ngày 05/02/2021 và "
                     "4032/TCHQ-GSQL ngày 16/8/2021 của Tổng cục Hải quan.\n"
                     "Đề nghị Công ty nghiên cứu các văn bản dẫn trên để thực hiện đúng quy định.")
    assert [ref.number for ref in task.legal_refs] == ["695/TCHQ-GSQL", "4032/TCHQ-GSQL"]
    (task,) = letter(asked + "- Tại khoản 3 Điều 1 Thông tư số 13/2023/TT-BTC của Bộ Tài chính quy định về hồ sơ.\n"
                     "Đề nghị Công ty căn cứ các quy định, hướng dẫn nêu trên để thực hiện đúng quy định.")
    assert [ref.number for ref in task.legal_refs] == ["13/2023/TT-BTC"]
    (task,) = letter("Cục Hải quan nhận văn bản số 16/CV-HHTACN của Công ty về việc đề xuất giải pháp triển khai Nghị "
                     "định số 136/2025/NĐ-CP, Cục Hải quan có ý kiến như sau:\n"
                     "Đề nghị Công ty nghiên cứu kiến nghị tại văn bản nêu trên để thực hiện đúng quy định.")
    assert [ref.number for ref in task.legal_refs] == ["16/CV-HHTACN"]


def test_a_quotation_left_open_ends_where_the_letter_asks_and_duties_announced_are_no_task():
    letter = ("CỤC THUẾ\nSố: 5665/CT-CS\nV/v tiền thuê đất\nHà Nội, ngày 01 tháng 12 năm 2025\nKính gửi: Thuế tỉnh Lào Cai.\n"
              "Cục Thuế có ý kiến như sau:\n- Tại khoản 2 Điều 33 Nghị định số 103/2024/NĐ-CP quy định:\n"
              "“2. Trường hợp chưa hoàn thành nghĩa vụ thì người sử dụng đất phải nộp tiền thuê đất hằng năm.\n"
              "Đề nghị Thuế tỉnh Lào Cai rà soát hồ sơ thuê đất của người sử dụng đất.\n")
    assert [t.agency for t in extract_text(letter, source_file="cv.txt").tasks] == ["Thuế tỉnh Lào Cai"]
    decision = ("QUYẾT ĐỊNH:\nĐiều 2. Giao Sở Khoa học và Công nghệ căn cứ Danh mục thủ tục hành chính được công bố tại "
                "Điều 1 Quyết định này có trách nhiệm:\n1. Cung cấp đúng, đầy đủ quy trình giải quyết thủ tục hành chính.\n"
                "2. Rà soát quy trình nội bộ giải quyết thủ tục hành chính.\n"
                "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị triển khai và thực hiện có hiệu quả các nội dung nêu trên./.\n")
    assert [t.task[:12] for t in extract_text(decision, source_file="qd.txt").tasks] == ["Cung cấp đún", "Rà soát quy "]


EMULATION = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 982/KH-UBND
Nghệ An, ngày 20 tháng 11 năm 2025
KẾ HOẠCH
Phát động đợt thi đua cao điểm

I. MỤC ĐÍCH, YÊU CẦU

1. Các cơ quan, đơn vị phát huy sức mạnh tổng hợp của cả hệ thống chính trị.

II. NỘI DUNG ĐỢT THI ĐUA

1. Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2025.

III. TIÊU CHÍ THI ĐUA

1. Hoàn thành 100% chỉ tiêu kế hoạch năm 2025.

2. Các cơ quan, đơn vị căn cứ thành tích trong Đợt thi đua để bình xét khen thưởng theo thẩm quyền.
"""


def test_emulation_content_is_work_and_criteria_are_not_unless_a_body_is_told_to_act():
    tasks = extract_text(EMULATION, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:16]) for t in tasks] == [
        (None, "Thi đua thực hiệ"), ("Các cơ quan, đơn vị", "Các cơ quan, đơn")]


def test_a_notice_of_a_working_session_places_the_locality_its_items_name_by_level():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 641/TB-VPCP\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI THÀNH PHỐ ĐÀ NẴNG VỀ TÌNH HÌNH SẮP XẾP BỘ MÁY\n"
            "II. NHIỆM VỤ THỜI GIAN TỚI\n1. Ủy ban nhân dân Thành phố chỉ đạo các sở, ngành bám sát cơ sở.\n"
            "2. Liên minh Hợp tác xã cấp tỉnh rà soát phương án khoanh nợ.\n")
    tasks = extract_text(text, source_file="tb.txt").tasks
    assert [t.agency for t in tasks] == ["Ủy ban nhân dân thành phố Đà Nẵng", "Liên minh Hợp tác xã cấp tỉnh"]


def test_a_target_in_figures_assigns_no_one():
    text = ("II. NHIỆM VỤ\n1. Nâng cao nhận thức của người hưởng trợ cấp xã hội về chi trả không dùng tiền mặt, cụ thể:\n"
            "(1) Ít nhất 85% người hưởng trợ cấp xã hội mở mới tài khoản ngân hàng.\n"
            "(2) Ủy ban nhân dân xã, phường trên địa bàn thành phố rà soát danh sách chi trả.\n")
    tasks = extract_text(text, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:12]) for t in tasks] == [(None, "Nâng cao nhậ"), ("Ủy ban nhân dân xã, phường", "Ủy ban nhân ")]


def test_a_lead_in_naming_no_one_titles_the_plan_activities_below_it():
    text = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Phát triển nguồn nhân lực\n\na) Đào tạo và bồi dưỡng:\n\n"
            "- Tổ chức các khóa tập huấn về kỹ năng số cho cán bộ, công chức.\n\n"
            "- Hợp tác với các trường đại học để đào tạo nguồn nhân lực.\n\n"
            "b) Nghiên cứu, triển khai các hệ thống giao thông thông minh như:\n\n"
            "- Hệ thống giám sát, điều hành giao thông.\n\n- Hệ thống thu phí điện tử không dừng.\n\n"
            "2. Sở Xây dựng\n\nChủ trì rà soát hạ tầng giao thông, trong đó:\n\n- Rà soát các cầu yếu.\n")
    assert openings(text, 12) == [(None, "Tổ chức các "), (None, "Hợp tác với "), (None, "Nghiên cứu, "),
                                  ("Sở Xây dựng", "Chủ trì rà s"), ("Sở Xây dựng", "Rà soát các ")]


def test_a_closing_run_on_after_a_letter_s_request_leaves_the_request_a_task():
    text = ("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5000/CT-CS\nV/v chính sách thuế\nHà Nội, ngày 10 tháng 11 năm 2025\n"
            "Kính gửi: Thuế tỉnh Đồng Nai.\nCục Thuế có ý kiến như sau:\n\n"
            "Căn cứ các quy định nêu trên, đề nghị Thuế tỉnh Đồng Nai căn cứ hồ sơ thực tế của doanh nghiệp để xử lý theo "
            "quy định và\nhướng dẫn doanh nghiệp thực hiện đúng quy định của pháp luật hiện hành. Cục Thuế trả lời để Thuế "
            "tỉnh Đồng Nai được biết./.\nNơi nhận:\n- Như trên;\n- Lưu: VT, CS.\n")
    assert [t.agency for t in extract_text(text, source_file="cv.txt").tasks] == ["Thuế tỉnh Đồng Nai"]


def openings(text, width):
    """(agency, the task's first ``width`` characters) of each task of ``text``."""
    return [(t.agency, t.task[:width]) for t in extract_text(text, source_file="doc.txt").tasks]


REGULATION = """QUY CHẾ

Chương I

QUY ĐỊNH CHUNG

Điều 1.
Đối tượng áp dụng

1. Các sở, ban, ngành và Ủy ban nhân dân cấp xã có sử dụng Hệ thống quản lý văn bản.

Chương II

TỔ CHỨC THỰC HIỆN

Điều 2.
Trách nhiệm của Sở Khoa học và Công nghệ

Sở Khoa học và Công nghệ (sau đây gọi tắt là cơ quan quản lý hệ thống) có trách nhiệm:

1. Tổ chức đào tạo, hướng dẫn sử dụng Hệ thống.

2. Bảo đảm hạ tầng kỹ thuật của Hệ thống.

Điều 3.
Trách nhiệm của Sở Nội vụ

Chủ trì hướng dẫn lưu trữ hồ sơ điện tử.
"""


def test_a_regulations_duty_articles_give_a_task_per_clause_and_its_scope_none():
    assert openings(REGULATION, 20) == [
        ("Sở Khoa học và Công nghệ", "Tổ chức đào tạo, hướ"),
        ("Sở Khoa học và Công nghệ", "Bảo đảm hạ tầng kỹ t"),
        ("Sở Nội vụ", "Chủ trì hướng dẫn lư"),
    ]


EMULATION_PLAN = """II. TIÊU CHUẨN KHEN THƯỞNG

a) Đối với tập thể:

- Các cơ quan, đơn vị cấp tỉnh được phân công tham gia tổ chức cuộc bầu cử:

+ Hoàn thành xuất sắc nhiệm vụ được giao.

+ Chấp hành chế độ báo cáo đầy đủ, đúng thời gian.

b) Đối với các xã, phường: Ủy ban nhân dân các xã, phường hoàn thành 100% chỉ tiêu.

III. ĐỐI TƯỢNG THI ĐUA

- Ủy ban nhân dân xã, phường trên địa bàn tỉnh;

IV. SỐ LƯỢNG KHEN THƯỞNG

1. Cấp tỉnh

a) Mỗi sở chọn 02 tập thể.

V. TỔ CHỨC THỰC HIỆN

1. Sở Nội vụ: Hướng dẫn, theo dõi việc thực hiện Kế hoạch này.
"""


def test_an_emulation_plans_criteria_and_award_quotas_are_no_tasks():
    assert openings(EMULATION_PLAN, 20) == [("Sở Nội vụ", "Hướng dẫn, theo dõi ")]


def test_a_heading_of_people_by_their_standing_gives_its_items_to_them():
    text = ("Điều 5. Trách nhiệm của các cơ quan, đơn vị\n\n1. Thủ trưởng các cơ quan, đơn vị\n\n"
            "a) Chỉ đạo thực hiện Quy chế này.\n\n2. Cán bộ, công chức\n\na) Sử dụng Hệ thống để xử lý công việc.\n")
    assert openings(text, 12) == [
        ("Các cơ quan, đơn vị", "Chỉ đạo thực"), ("Cán bộ, công chức", "Sử dụng Hệ t")]


def test_an_assignment_after_the_entry_into_force_in_one_article_is_a_task():
    text = ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Giao Sở Giáo dục và Đào tạo chủ trì công khai "
            "thủ tục hành chính nội bộ nêu tại Điều 1 Quyết định này.\n")
    (task,) = extract_text(text, source_file="qd.txt").tasks
    assert (task.agency, task.task[:20]) == ("Sở Giáo dục và Đào tạo", "Giao Sở Giáo dục và ")


def test_a_body_that_was_given_work_is_the_subject_before_duoc_giao():
    (task,) = extract_text("1. Văn phòng Ủy ban nhân dân tỉnh được giao quản lý danh bạ tài khoản, chịu trách nhiệm "
                           "cấp mới tài khoản.\n", source_file="qc.txt").tasks
    assert task.agency == "Văn phòng Ủy ban nhân dân tỉnh"


def test_an_articles_clauses_that_name_no_doer_are_rules():
    text = ("Chương II\nNHIỆM VỤ VÀ GIẢI PHÁP\n\nĐiều 5. Trình tự, thủ tục lập, thẩm định, phê duyệt dự án, hạng mục, "
            "nhiệm vụ điều tra, khảo sát, rà phá bom mìn vật nổ sau chiến tranh sử dụng vốn ngân sách nhà nước\n\n"
            "1. Lập kế hoạch điều khiển vệ tinh hằng ngày theo yêu cầu thực tế.\n\n"
            "2. Sở Tài chính có trách nhiệm hướng dẫn thanh quyết toán kinh phí.\n")
    assert openings(text, 12) == [("Sở Tài chính", "Sở Tài chính")]


def test_encouragement_in_a_regulation_s_article_is_a_permission_and_elsewhere_a_task():
    article = ("Điều 6. Sử dụng hệ thống\n\n1. Khuyến khích các cơ quan, đơn vị sử dụng chữ ký số trên văn bản điện tử.\n\n"
               "2. Sở Tài chính có trách nhiệm hướng dẫn việc sử dụng hệ thống.\n")
    assert openings(article, 12) == [("Sở Tài chính", "Sở Tài chính")]
    plan = "II. NHIỆM VỤ\n\n1. Khuyến khích các doanh nghiệp ứng dụng chữ ký số trong giao dịch điện tử.\n"
    assert openings(plan, 12) == [("Các doanh nghiệp", "Khuyến khích")]


@pytest.mark.parametrize("title, code, agencies", [
    ("KẾ HOẠCH", "KH-UBND", [None, "Sở Công Thương"]),  # a plan's activity may name no one
    ("QUYẾT ĐỊNH", "QĐ-UBND", ["Sở Công Thương"]),  # a rule-making document tells named doers what to do
])
def test_a_duty_naming_no_one_is_a_task_only_outside_rule_making_documents(title, code, agencies):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/{code}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Hà Nam, ngày 5 tháng 3 năm 2025\n\n{title}\nVề phát triển mạng lưới chợ\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n"
            "1. Rà soát quy hoạch mạng lưới chợ trên địa bàn tỉnh.\n\n2. Sở Công Thương kiểm tra công tác phòng cháy tại các chợ.\n")
    assert [task.agency for task in extract_text(text, source_file="x.txt").tasks] == agencies


PLAN_ISSUED = _decision(
    "Ban hành Kế hoạch phát triển mạng lưới chợ trên địa bàn tỉnh giai đoạn 2026 - 2030",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển mạng lưới chợ trên địa bàn tỉnh giai đoạn 2026 - 2030.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này./.",
    "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn A",
    "KẾ HOẠCH\nPhát triển mạng lưới chợ trên địa bàn tỉnh giai đoạn 2026 - 2030",
    "(Kèm theo Quyết định số 31/2025/QĐ-UBND ngày 4 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh)",
    "I. MỤC TIÊU\n1. Đến năm 2030 mỗi xã có ít nhất một chợ đạt chuẩn.",
    "II. NỘI DUNG CHỦ YẾU\n1. Các dự án đầu tư\nƯu tiên bố trí vốn đầu tư công cho các chợ đầu mối.",
    "III. GIẢI PHÁP\n1. Rà soát quy hoạch mạng lưới chợ trên địa bàn tỉnh.\n2. Đẩy mạnh chuyển đổi số trong quản lý chợ.",
    "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương",
    "Chủ trì, phối hợp với các sở, ngành thực hiện các nhiệm vụ quy định tại mục 2 Phần III Kế hoạch này.",
)


def test_a_plan_a_decision_issues_is_read_as_a_plan_in_its_part_of_solutions():
    tasks = extract_text(PLAN_ISSUED, source_file="qd.txt").tasks
    assert [(t.agency, " ".join(t.task.split()[:3])) for t in tasks] == [
        # its targets and the contents it describes are no tasks; a solution that names no one is a task of no one
        # named, and one the organisation part points a body to is that body's
        (None, "Rà soát quy"),
        ("Sở Công Thương", "Đẩy mạnh chuyển"),
        ("Sở Công Thương", "Chủ trì, phối"),
    ]
    # a decision that issues rules, not a plan, tells named doers what to do
    rules = PLAN_ISSUED.replace("Ban hành Kế hoạch phát", "Ban hành Quy định phát")
    assert [t.agency for t in extract_text(rules, source_file="qd.txt").tasks] == ["Sở Công Thương", "Sở Công Thương"]


def test_an_activity_led_through_a_written_pointer_and_restated_with_its_lead_is_one_task():
    text = ("II. NHIỆM VỤ\n\n1. Rà soát quy hoạch mạng lưới chợ trên địa bàn tỉnh.\n\n2. Đẩy mạnh chuyển đổi số trong quản "
            "lý chợ.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Công Thương\n\nChủ trì thực hiện các nhiệm vụ quy định tại các mục 1, 2 "
            "Phần II Kế hoạch này.\n\n2. Sở Xây dựng\n\nRà soát quy hoạch mạng lưới chợ trên địa bàn tỉnh, báo cáo Ủy ban nhân "
            "dân tỉnh.\n")
    assert openings(text, 12) == [("Sở Công Thương", "Đẩy mạnh chu"), ("Sở Công Thương", "Chủ trì thực"),
                                  ("Sở Xây dựng", "Rà soát quy ")]


@pytest.mark.parametrize("pointer, paths", [
    ("Chủ trì triển khai các nhiệm vụ tại mục (IV) (1) của Kế hoạch.", [["IV", "1"]]),
    ("Chủ trì, phối hợp với các cơ quan liên quan thực hiện các nhiệm vụ quy định tại các mục 1, 2; điểm a, b mục 7 "
     "Phần III Điều 1 Quyết định này.", [["III", "1"], ["III", "2"], ["III", "7", "a"], ["III", "7", "b"]]),
    ("Phối hợp với Bộ Xây dựng thực hiện các nhiệm vụ quy định tại điểm c mục 1 Phần III Điều 1.", []),  # no lead
])
def test_the_parts_a_lead_in_points_its_body_to(pointer, paths):
    assert _pointed_paths(pointer) == paths


def test_a_plans_forms_of_activity_are_its_activities():
    text = ("III. NỘI DUNG, HÌNH THỨC\n\n1. Nội dung\n\n- Tuyên truyền về công tác giảm nghèo.\n\n"
            "2. Hình thức\n\n- Lắp đặt pa - nô, băng rôn tuyên truyền công tác giảm nghèo.\n")
    assert openings(text, 12) == [(None, "Tuyên truyền"), (None, "Lắp đặt pa -")]


def test_duties_after_a_closing_formula_make_a_task_and_people_of_a_body_close_a_list():
    text = ("Điều 3. Tổ chức thực hiện\n\n1. Chính phủ, Ủy ban nhân dân tỉnh Cà Mau có trách nhiệm tổ chức thi hành "
            "Nghị quyết này; sắp xếp, ổn định bộ máy các cơ quan, tổ chức ở địa phương theo quy định.\n\n"
            "2. Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Cà Mau giám sát việc thực hiện Nghị quyết này.\n\n"
            "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.\n")
    assert openings(text, 14) == [
        (["Chính phủ", "Ủy ban nhân dân tỉnh Cà Mau"], "Chính phủ, Ủy "),
        (["Đoàn đại biểu Quốc hội tỉnh Cà Mau", "Đại biểu Quốc hội tỉnh Cà Mau"], "Đoàn đại biểu ")]


def test_a_competence_article_with_a_long_title_and_a_cited_article_on_its_next_line_assigns_nothing():
    text = ("Điều 7. Thẩm quyền quyết định phê duyệt phương án xử lý tài sản đối với tài sản chuyển giao cho Nhà nước "
            "Việt Nam thông qua chính quyền địa phương theo quy định của Nghị định số 77/2025/NĐ-CP, trừ tài sản quy "
            "định tại khoản 1, 2, 3\nĐiều 47 Nghị định số 77/2025/NĐ-CP\n\n"
            "1. Chủ tịch Ủy ban nhân dân thành phố phê duyệt phương án xử lý tài sản đối với:\n\n"
            "a) Tài sản là bất động sản;\n\nb) Tài sản xe ôtô.\n\n"
            "Điều 8. Tổ chức thực hiện\n\n1. Sở Tài chính hướng dẫn các cơ quan thực hiện Quyết định này.\n")
    assert openings(text, 12) == [("Sở Tài chính", "Sở Tài chính")]


def test_a_competence_article_that_sets_out_a_procedure_gives_its_steps_as_tasks():
    text = ("Điều 8. Thẩm quyền, quy trình cấp mới hộp thư điện tử\n\n1. Quy trình cấp mới hộp thư:\n\n"
            "a) Sở Nội vụ tổng hợp danh sách cán bộ được tuyển dụng hằng tháng;\n\n"
            "b) Trung tâm Dữ liệu (Sở Khoa học và Công nghệ) được giao tạo lập hộp thư trong 02 ngày làm việc.\n")
    assert openings(text, 12) == [("Sở Nội vụ", "Sở Nội vụ tổ"), ("Trung tâm Dữ liệu", "Trung tâm Dữ")]


def test_a_body_called_by_its_bare_head_is_named_in_full():
    text = ("Điều 1. Phạm vi điều chỉnh\n\nQuy chế này quy định chế độ làm việc của Ban Chỉ đạo phát triển du lịch "
            "tỉnh (gọi tắt là Ban Chỉ đạo), của bộ, cơ quan ngang bộ (sau đây gọi chung là bộ) và của tổ chức kiểm "
            "định an toàn (sau đây gọi tắt là tổ chức kiểm định).\n\n"
            "Điều 2. Nhiệm vụ\n\n1. Ban Chỉ đạo có trách nhiệm kiểm tra việc thực hiện kế hoạch.\n\n"
            "2. Tổ chức kiểm định có trách nhiệm niêm yết giá.\n\nĐiều 3. Trách nhiệm của bộ\n\n1. Trình Chính phủ dự án luật.\n")
    # a role or kind with its qualifier keeps the short name the text gives it
    assert [agency for agency, _ in openings(text, 10)] == [
        "Ban Chỉ đạo phát triển du lịch tỉnh", "Tổ chức kiểm định", "Bộ, cơ quan ngang bộ"]


def test_a_short_name_the_text_defines_in_quotes_or_as_written_short_is_named_in_full_also_at_a_level():
    text = ("Điều 1. Phạm vi điều chỉnh\n\nQuy định này áp dụng đối với Ban Quản lý các khu công nghệ cao tỉnh Bắc Ninh "
            "(sau đây gọi tắt là “Ban Quản lý”) và Ban Chỉ huy phòng thủ dân sự (viết tắt là Ban chỉ huy) các cấp.\n\n"
            "Điều 2. Trách nhiệm thực hiện\n\n1. Ban Quản lý có trách nhiệm tiếp nhận hồ sơ.\n\n"
            "2. Ban Chỉ huy cấp xã có trách nhiệm tổ chức lực lượng chữa cháy.\n\n"
            "3. Sở Tài chính chủ trì, phối hợp với Ban Quản lý bố trí kinh phí.\n")
    board = "Ban Quản lý các khu công nghệ cao tỉnh Bắc Ninh"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.co_agencies) for t in tasks] == [
        (board, []), ("Ban Chỉ huy phòng thủ dân sự cấp xã", []), ("Sở Tài chính", [board])]


def test_an_abbreviation_the_text_gives_a_body_is_named_in_full():
    text = ("Điều 4. Lập kế hoạch\n\n1. Trung tâm Hành động bom mìn quốc gia Việt Nam (VNMAC) chịu trách nhiệm lập kế "
            "hoạch.\n\n2. Cục Kiểm soát thủ tục hành chính (VPCP) có trách nhiệm hướng dẫn.\n\n"
            "Điều 5. Quản lý dữ liệu\n\n1. VNMAC có trách nhiệm cập nhật cơ sở dữ liệu.\n\n2. VPCP có trách nhiệm theo dõi.\n")
    # an abbreviation the gazetteer knows names the body the name belongs to, not the name
    assert [agency for agency, _ in openings(text, 5)][2:] == [
        "Trung tâm Hành động bom mìn quốc gia Việt Nam", "Văn phòng Chính phủ"]


def test_an_abbreviation_the_text_gives_a_body_is_its_subject_before_any_verb():
    text = ("Điều 4. Thẩm định\n\n1. Trung tâm Điều phối rà phá quốc gia (NCDP) chịu trách nhiệm lập kế hoạch.\n\n"
            "2. NCDP thẩm định phương án thi công các dự án nhóm II.\n\n"
            "3. Tổng Giám đốc NCDP quy định phạm vi dữ liệu được cung cấp.\n")
    assert [agency for agency, _ in openings(text, 5)] == ["Trung tâm Điều phối rà phá quốc gia"] * 3


def test_a_word_that_also_opens_an_activity_is_a_kind_of_body_before_a_duty():
    text = "1. Tổ chức kiểm định có trách nhiệm kê khai giá dịch vụ kiểm định.\n\n2. Tổ chức triển khai thực hiện Thông tư này.\n"
    tasks = extract_text(text, source_file="tt.txt").tasks
    assert [t.agency for t in tasks] == ["Tổ chức kiểm định"]


def test_a_word_that_folds_to_a_tense_mark_is_no_statement():
    finder = TaskFinder(build_pipeline())
    reading = finder._read("Đơn vị cung cấp dịch vụ đăng kiểm có trách nhiệm niêm yết giá dịch vụ.")
    assert reading is not None and reading.agencies == ["Đơn vị cung cấp dịch vụ đăng kiểm"]
    assert finder._read("Đơn vị cung cấp dịch vụ đang niêm yết giá dịch vụ.") is None


def test_a_role_is_the_subject_of_what_a_regulation_says_it_does():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Người nộp phí có trách nhiệm nộp phí đúng thời hạn.").agencies == ["Người nộp phí"]
    assert finder._read("Cơ quan tiếp nhận hồ sơ thực hiện kiểm tra hồ sơ.").agencies == ["Cơ quan tiếp nhận hồ sơ"]
    # an applicant's instructions and everyone's rules of conduct are no duties; everyone's feedback is
    assert finder._read("Tổ chức, cá nhân đề nghị cấp phép gửi hồ sơ trực tuyến.") is None
    assert finder._read("Tổ chức, cá nhân sử dụng điện phải bảo đảm an toàn.") is None
    assert finder._read("Trong quá trình thực hiện, nếu có vướng mắc, tổ chức, cá nhân phản ánh về Bộ Tài chính.").agencies \
        == ["Tổ chức, cá nhân"]
    # after a time clause the role goes on in lower case
    assert finder._read("Trong thời hạn 03 ngày làm việc, bộ phận một cửa có trách nhiệm chuyển hồ sơ.").agencies == [
        "Bộ phận một cửa"]
    # a procedure step's time limit or waiting period, then its doer
    assert finder._read("Trong vòng 02 ngày làm việc, Phòng Kinh tế giao thôn tổ chức họp dân.").agencies == ["Phòng Kinh tế"]
    assert finder._read("Sau thời gian niêm yết công khai, nếu không có khiếu nại thì Ủy ban nhân dân cấp xã trả kết quả."
                        ).agencies == ["Ủy ban nhân dân cấp xã"]
    # what a role undergoes or may do, a title run on into its text, and two verbs joined are no subject
    assert finder._read("Người lao động vận hành hệ thống điện phải được huấn luyện, sát hạch.") is None
    assert finder._read("Đơn vị cung cấp dịch vụ được thu các chi phí lưu trú.") is None
    assert finder._read("Người nộp lệ phí Người nộp lệ phí theo quy định tại Thông tư này là cá nhân.") is None
    assert finder._read("Các đơn vị tổ chức trực ban và thực hiện chế độ báo cáo.").agencies == ["Các đơn vị"]



def test_the_one_who_requests_or_reports_does_the_work_and_the_body_addressed_receives_it():
    finder = TaskFinder(build_pipeline())
    finder._issuer = "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert finder._read("Sở Y tế đề nghị Bộ Y tế hướng dẫn chuyên môn.").agencies == ["Sở Y tế"]
    # the issuer asking is the document's request, for the body asked
    assert finder._read("Ủy ban nhân dân tỉnh đề nghị các sở triển khai.").agencies == ["Các sở"]
    # a clause of time before the one asking, with no comma after it
    assert finder._read("Khi cần thiết Chủ tịch Ủy ban nhân dân cấp xã đề nghị Chủ tịch Ủy ban nhân dân tỉnh tăng "
                        "cường lực lượng.").agencies == ["Ủy ban nhân dân cấp xã"]
    # in a rule the issuer's head asks as one of its doers
    finder._lays_down_rules = True
    assert finder._read("Khi cần thiết Chủ tịch Ủy ban nhân dân tỉnh đề nghị Trung ương chi viện lực lượng.").agencies == [
        "Ủy ban nhân dân tỉnh"]
    # a role reports to the body it names
    assert finder._read("Cơ quan sử dụng công chức báo cáo cơ quan có thẩm quyền quản lý công chức xem xét.").agencies == [
        "Cơ quan sử dụng công chức"]
    # an office conveys the words of the body or leader it serves
    finder._issuer, finder._lays_down_rules = "Văn phòng Chính phủ", False
    assert finder._read("Phó Thủ tướng Chính phủ đề nghị Bộ Xây dựng hướng dẫn các địa phương.").agencies == ["Bộ Xây dựng"]

def test_the_ways_to_do_a_role_s_obligation_are_its_tasks():
    text = ("Điều 5. Kê khai, thu, nộp phí\n1. Người nộp phí thực hiện nộp phí cho tổ chức thu phí bằng một trong các "
            "hình thức sau:\na) Nộp phí vào tài khoản chuyên thu phí.\nb) Nộp phí bằng tiền mặt.\n")
    tasks = extract_text(text, source_file="tt.txt").tasks
    assert [(t.agency, t.task[:9]) for t in tasks] == [
        ("Người nộp phí", "Người nộp"), ("Người nộp phí", "Nộp phí v"), ("Người nộp phí", "Nộp phí b")]


def test_the_subject_after_a_condition_and_the_scope_article_s_list():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Trường hợp hồ sơ chưa đầy đủ thì cơ quan tiếp nhận hồ sơ có trách nhiệm hướng dẫn bổ sung.").agencies \
        == ["Cơ quan tiếp nhận hồ sơ"]
    text = ("THÔNG TƯ\nĐiều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n1. Thông tư này quy định giá dịch vụ phát điện.\n"
            "2. Thông tư này áp dụng đối với các đối tượng sau đây:\na) Các tổ chức, cá nhân sở hữu nhà máy thủy điện\n"
            "b) Các cơ quan, tổ chức, cá nhân khác có liên quan.\nĐiều 2. Trách nhiệm thi hành\n"
            "1. Cục Điện lực có trách nhiệm hướng dẫn thực hiện Thông tư này.\n")
    assert [t.agency for t in extract_text(text, source_file="tt.txt").tasks] == ["Cục Điện lực"]


def test_what_a_body_is_given_or_cannot_do_is_no_duty_and_a_named_heading_may_end_with_a_stop():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các cơ quan, tổ chức, đơn vị cấp trên được cấp một tài khoản quản lý.") is None
    assert finder._read("Sau khi khóa sổ, các cơ quan, tổ chức, đơn vị không thể sửa dữ liệu của các năm trước.") is None
    assert finder._read("Tài khoản được giao cho cơ quan, tổ chức, đơn vị có trách nhiệm quản lý, bao gồm:") is None
    text = ("QUYẾT ĐỊNH:\nĐiều 7. Trách nhiệm thi hành\n4. Các cơ quan, tổ chức, đơn vị còn lại.\n"
            "a) Cập nhật kịp thời dữ liệu tài sản công vào Phần mềm.\n")
    assert [(t.agency, t.task[:9]) for t in extract_text(text, source_file="qd.txt").tasks] == [
        ("Các cơ quan, tổ chức, đơn vị còn lại", "Cập nhật ")]


def test_a_defined_role_and_a_kind_of_body_after_do_are_subjects_and_compliance_is_a_norm():
    text = ("THÔNG TƯ\nQuy định mức thu lệ phí\nĐiều 3. Tổ chức thu lệ phí\n\nCơ quan cấp Chứng chỉ là tổ chức thu lệ phí.\n\n"
            "Điều 5. Kê khai, nộp lệ phí\n\n1. Tổ chức thu lệ phí nộp 100% số tiền lệ phí thu được vào ngân sách nhà nước.\n\n"
            "2. Tổ chức, cá nhân sử dụng dịch vụ phải tuân thủ quy định về an toàn.\n\n"
            "3. Việc thẩm định hồ sơ do cơ quan tiếp nhận hồ sơ thực hiện trong 05 ngày làm việc.\n")
    assert [(t.agency, t.task[:12]) for t in extract_text(text, source_file="tt.txt").tasks] == [
        ("Tổ chức thu lệ phí", "Tổ chức thu "), ("Cơ quan tiếp nhận hồ sơ", "Việc thẩm đị")]


def test_how_a_kind_of_body_works_is_no_part_of_its_name():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các sở, ban, ngành cấp tỉnh theo chức năng, nhiệm vụ và quyền hạn có trách nhiệm phổ biến "
                        "Quyết định.").agencies == ["Các sở, ban, ngành cấp tỉnh"]


def test_a_topic_heading_run_on_into_its_request():
    finder = TaskFinder(build_pipeline())
    reading = finder._read("Về thuế giá trị gia tăng Đề nghị Thuế tỉnh Ninh Bình căn cứ quy định nêu trên để xác định.")
    assert reading.agencies == ["Thuế tỉnh Ninh Bình"]


def test_a_procedure_s_steps_are_items_whose_doers_are_their_subjects():
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế phối hợp\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n"
            "QUY CHẾ\n(Ban hành kèm theo Quyết định số 12/2025/QĐ-UBND)\nĐiều 5. Quy trình phê duyệt danh sách\n"
            "Bước 1: Ủy ban nhân dân cấp xã tổ chức rà soát số liệu hộ nghèo, hộ cận nghèo trên địa bàn.\n"
            "Bước 2: Ủy ban nhân dân tỉnh giao Sở Dân tộc và Tôn giáo tổng hợp, thẩm định.\n"
            "Bước 3: Xác định những nội dung cần tư vấn.\n")
    assert openings(text, 14) == [("Ủy ban nhân dân cấp xã", "Ủy ban nhân dâ"), ("Sở Dân tộc và Tôn giáo", "Ủy ban nhân dâ")]


def test_what_stands_between_a_kind_of_body_and_its_duty():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Người nộp thuế tự chịu trách nhiệm kê khai đúng số thuế.").agencies == ["Người nộp thuế"]
    assert finder._read("Người nộp thuế tự chịu trách nhiệm về tính chính xác của số liệu.") is None  # answerable only
    assert finder._read("Căn cứ quy định nêu trên, cơ quan thuế không có trách nhiệm thông báo.") is None
    assert finder._read("Trường hợp bị thương phải sơ cứu và đưa đi cấp cứu kịp thời.") is None
    assert finder._read("Thương nhân và người đến mua, bán tại chợ phải nghiêm chỉnh thực hiện các quy định sau:") is None
    # a title and a label name no doer
    assert finder._read("Đơn vị tính giá dịch vụ đăng kiểm theo thời gian thực hiện công việc") is None
    assert finder._read("Cơ quan trực tiếp thực hiện TTHC: Sở Tư pháp.") is None
    letter = TaskFinder(build_pipeline())
    letter._letter = True
    assert letter._read("Cơ sở kinh doanh thực hiện kê khai thuế theo tháng.") is None


def test_how_many_a_body_has_is_a_fact():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Phòng thuộc chi cục thuộc cục loại 1 có từ 07 đến 09 biên chế công chức.") is None


def test_a_role_heads_its_duties_and_keeping_records_is_one():
    text = ("THÔNG TƯ\nQuy định về phí\nĐiều 5. Trách nhiệm thi hành\n\n1. Người nộp phí:\n\na) Kê khai, nộp phí đúng thời hạn.\n\n"
            "b) Lưu giữ chứng từ.\n\n2. Tổ chức thực hiện\n\na) Cục Thuế hướng dẫn thực hiện.\n")
    assert [(t.agency, t.task[:8]) for t in extract_text(text, source_file="tt.txt").tasks] == [
        ("Người nộp phí", "Kê khai,"), ("Người nộp phí", "Lưu giữ "), ("Cục Thuế", "Cục Thuế")]


def test_a_form_s_fields_are_no_tasks():
    text = ("NGHỊ QUYẾT\nQuy định chính sách\nĐiều 5. Trách nhiệm thi hành\n\n1. Người đại diện theo pháp luật\n\n"
            "- Họ và tên: ………………………………\n\n- Chức vụ: ………………………\n")
    assert extract_text(text, source_file="nq.txt").tasks == []


def test_everyone_covered_gives_feedback_but_owes_no_rule_of_conduct_and_a_role_may_not_only_answer():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các tổ chức, cá nhân có liên quan có trách nhiệm phổ biến và thực hiện các quy định.") is None
    assert finder._read("Tổ chức, cá nhân sản xuất, kinh doanh hàng hóa, dịch vụ có trách nhiệm kê khai giá.").agencies == [
        "Tổ chức, cá nhân sản xuất, kinh doanh hàng hóa, dịch vụ"]
    assert finder._read("Trong quá trình thực hiện nếu có vướng mắc, tổ chức, cá nhân có trách nhiệm phản ánh về Bộ Công "
                        "Thương.").agencies == ["Tổ chức, cá nhân"]
    assert finder._read("Đơn vị sử dụng có thể đề xuất bổ sung danh mục.") is None


def test_a_party_committee_named_by_its_level_is_the_visited_locality_s():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 634/TB-VPCP\nHà Nội, ngày 22 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI THƯỜNG TRỰC TỈNH ỦY THANH HÓA\n\n"
            "1. Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo thực hiện các nhiệm vụ trọng tâm.\n")
    assert [t.agency for t in extract_text(text, source_file="tb.txt").tasks] == ["Thường trực Tỉnh ủy Thanh Hóa"]


@pytest.mark.parametrize("place", ["THANH HÓA", "NAM ĐỊNH", "HÀ NAM", "QUẢNG NAM"])
def test_a_visited_place_keeps_every_word_of_its_name(place):
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 634/TB-VPCP\nHà Nội, ngày 22 tháng 11 năm 2025\nTHÔNG BÁO\n"
            f"KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI THƯỜNG TRỰC TỈNH ỦY {place} NĂM 2025\n\n"
            "1. Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo thực hiện các nhiệm vụ trọng tâm.\n")
    assert [t.agency for t in extract_text(text, source_file="tb.txt").tasks] == [
        f"Thường trực Tỉnh ủy {place.title()}"]  # the year after it is no part of the name


def test_a_province_named_alone_in_a_notice_is_the_committee_its_closing_line_addresses():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 700/TB-VPCP\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH HÀ GIANG\n\n"
            "1. Về nhà ở xã hội: Tỉnh căn cứ các quy định hiện hành để bố trí quỹ đất.\n"
            "2. Về quy hoạch: tỉnh Hà Giang cần khẩn trương rà soát các quy hoạch theo thẩm quyền.\n"
            "3. Về kinh phí: Giao Bộ Tài chính nghiên cứu kiến nghị của Tỉnh.\n\n"
            "Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Hà Giang và các Bộ, cơ quan liên quan biết, "
            "thực hiện./.\n")
    assert [t.agency for t in extract_text(text, source_file="tb.txt").tasks] == [
        "Ủy ban nhân dân tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang", "Bộ Tài chính"]
    # without a closing line addressing its committee, the place stays as the document names it
    unaddressed = text.replace("Ủy ban nhân dân tỉnh Hà Giang và các Bộ", "các Bộ")
    assert [t.agency for t in extract_text(unaddressed, source_file="tb.txt").tasks][:2] == [
        "Tỉnh Hà Giang", "Tỉnh Hà Giang"]


def test_a_pointer_to_provisions_above_is_not_read_across_a_clause_boundary():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 700/TB-VPCP\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "Kết luận của Phó Thủ tướng Chính phủ\n\n"
            "1. Giao Bộ Nội vụ sửa đổi Nghị định số 76/2019/NĐ-CP.\n"
            "2. Giao Bộ Xây dựng làm việc với các cơ quan theo quy định; trên cơ sở đó, báo cáo Thủ tướng Chính phủ.\n"
            "3. Giao Bộ Tư pháp rà soát các quy định nêu trên.\n")
    refs = [[r.number for r in t.legal_refs] for t in extract_text(text, source_file="tb.txt").tasks]
    assert refs == [["76/2019/NĐ-CP"], [], ["76/2019/NĐ-CP"]]


def test_what_a_body_is_is_no_task_under_its_heading():
    text = ("NGHỊ ĐỊNH\nQuy định tổ chức các cơ quan chuyên môn\nĐiều 6. Vụ thuộc bộ\n\n1. Vụ là tổ chức thuộc bộ, thực hiện "
            "chức năng tham mưu.\n\n2. Vụ không có tư cách pháp nhân, không có con dấu.\n\n3. Vụ trình Bộ trưởng kế hoạch "
            "công tác năm.\n")
    assert [t.task[:9] for t in extract_text(text, source_file="nd.txt").tasks] == ["Vụ trình "]


def test_an_activity_heading_that_opens_with_cap_names_no_body():
    finder = TaskFinder(build_pipeline())
    assert finder._heading_agencies("Cấp lại thẻ") is None


def test_a_kind_of_body_s_topic_is_no_part_of_its_name():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Sở quản lý ngành, lĩnh vực đối với hàng hóa, dịch vụ (quy định tại Phụ lục I) có trách nhiệm lấy "
                        "ý kiến của Sở Tài chính.").agencies == ["Sở quản lý ngành, lĩnh vực"]


def test_a_noun_phrase_given_a_responsibility_is_its_doer_whatever_its_head():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Lưu trữ hiện hành có trách nhiệm kiểm tra, tiếp nhận hồ sơ theo quy định.").agencies == [
        "Lưu trữ hiện hành"]
    assert finder._read("Văn thư cơ quan, đơn vị gửi văn bản có trách nhiệm theo dõi việc tiếp nhận văn bản.").agencies == [
        "Văn thư cơ quan, đơn vị gửi văn bản"]
    # answering for something, a negated duty, an adverbial opening: no doer given a responsibility
    assert finder._read("Kiểm toán viên nhà nước chịu trách nhiệm về thông tin khai báo.") is None
    assert finder._read("Hồ sơ lưu trữ không có trách nhiệm pháp lý.") is None


def test_the_provision_that_names_a_kind_of_body_is_no_part_of_its_name():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các cơ quan, đơn vị quy định tại Điều 3 Quy chế này có trách nhiệm bố trí kinh phí.").agencies == [
        "Các cơ quan, đơn vị"]
    assert finder._read("Các tổ chức, cá nhân tham gia kiểm kê tài sản theo quy định tại Quyết định này có trách nhiệm "
                        "báo cáo kết quả.").agencies == ["Các tổ chức, cá nhân tham gia kiểm kê tài sản"]


def test_a_title_in_an_article_heading_stands_for_its_body():
    finder = TaskFinder(build_pipeline())
    finder._issuer = "Bộ Tư pháp"
    assert finder._heading_agencies("Trách nhiệm của Thủ trưởng các đơn vị thuộc Bộ được phân cấp") == [
        "Các đơn vị thuộc Bộ được phân cấp"]
    assert finder._heading_agencies("Trách nhiệm của Bộ trưởng") == ["Bộ Tư pháp"]
    finder._issuer = "Ủy ban nhân dân tỉnh Hà Nam"
    assert finder._heading_agencies("Trách nhiệm của Bộ trưởng") == ["Bộ trưởng"]


def test_a_duty_heading_keeps_a_name_with_a_comma_of_its_own_and_splits_kinds_at_a_capital():
    finder = TaskFinder(build_pipeline())
    assert finder._heading_agencies("Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch; Ủy ban nhân dân các xã") == [
        "Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các xã"]
    assert finder._heading_agencies("Trách nhiệm của Bộ, cơ quan ngang Bộ, Cơ quan quản lý viên chức khác") == [
        "Bộ, cơ quan ngang Bộ", "Cơ quan quản lý viên chức khác"]


def test_a_kind_of_body_named_up_to_its_duty_keeps_its_qualifier_s_objects_and_its_cơ():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các Sở quản lý ngành, lĩnh vực có trách nhiệm kiểm tra.").agencies == [
        "Các Sở quản lý ngành, lĩnh vực"]
    assert finder._read("Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh, Ủy ban nhân dân các xã, phường có "
                        "trách nhiệm cập nhật dữ liệu.").agencies == [
        "Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert finder._read("Các cơ sở giáo dục đại học công lập, cơ sở giáo dục nghề nghiệp thuộc phạm vi của tỉnh có "
                        "trách nhiệm báo cáo.").agencies == [
        "Các cơ sở giáo dục đại học công lập, cơ sở giáo dục nghề nghiệp thuộc phạm vi của tỉnh"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare lead-in without its colon is no task; its items are
        ("Điều 10. Quản lý thẻ\n\n2. Vụ Tổ chức cán bộ có trách nhiệm\n\n"
         "a) Thẩm định hồ sơ cấp thẻ;\n\nb) Quản lý, sử dụng phôi thẻ.\n",
         [("Vụ Tổ chức cán bộ", "Thẩm định hồ sơ"), ("Vụ Tổ chức cán bộ", "Quản lý, sử dụn")]),
        # a regulation's last clause that ends the text is its article's, and a request for feedback there a task
        ("Chương III\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 25. Trách nhiệm của Sở Tài chính\n\n1. Sở Tài chính chủ trì kiểm tra.\n\n"
         "Điều 26. Sửa đổi, bổ sung Quy chế\n\nTrong quá trình thực hiện Quy chế, nếu có khó khăn, vướng mắc, đề nghị các "
         "cơ quan, đơn vị kịp thời báo cáo về Sở Khoa học và Công nghệ để tổng hợp./.\n",
         [("Sở Tài chính", "Sở Tài chính ch"), ("Các cơ quan, đơn vị", "Trong quá trình")]),
        # an activity that a later part restates as the heading of the rows detailing it is detailed there
        ("II. NỘI DUNG\n\n1. Kiện toàn và hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự.\n\n"
         "2. Diễn tập phòng thủ dân sự các cấp.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính bố trí kinh phí thực hiện.\n\n"
         "IV. NHIỆM VỤ CỤ THỂ\n\n1. Kiện toàn và hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự\n\n"
         "a) Bộ Chỉ huy Quân sự tỉnh tổ chức lại Ban Chỉ huy Phòng thủ dân sự tỉnh.\n\nb) Sở Nội vụ hướng dẫn kiện toàn bộ máy.\n",
         [(None, "Diễn tập phòng "), ("Sở Tài chính", "Sở Tài chính bố"), ("Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân"),
          ("Sở Nội vụ", "Sở Nội vụ hướng")]),
    ],
)
def test_regulation_and_plan_layouts(text, expected):
    assert openings(text, 15) == expected


QUALIFIED_KINDS = """III. TỔ CHỨC THỰC HIỆN

1. Đề nghị các tổ chức cung cấp dịch vụ chi trả
- Bố trí nguồn lực chi trả trực tiếp cho người cao tuổi.

2. Các cơ quan thông tin, truyền thông của tỉnh: Đẩy mạnh tuyên truyền về phong trào thi đua.

3. Các trường hợp được dừng bán hàng
a) Khi có văn bản yêu cầu của cơ quan có thẩm quyền.
"""


def test_a_kind_of_body_heads_or_labels_its_tasks_with_all_that_qualifies_it():
    tasks = extract_text(QUALIFIED_KINDS, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [
        ("Các tổ chức cung cấp dịch vụ chi trả", "Bố trí nguồn lực chi"),
        ("Các cơ quan thông tin, truyền thông của tỉnh", "Đẩy mạnh tuyên truyề"),
    ]


HEADINGS_WITH_ASIDES = """III. TỔ CHỨC THỰC HIỆN

1. Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu của doanh nghiệp):
- Đôn đốc các đơn vị cấp dưới thực hiện kiểm kê.

2. Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Tài chính)
- Cử công chức chuyên môn tham gia tổ công tác.
"""


def test_a_headings_aside_is_no_part_of_the_name_unless_it_lists_the_members():
    tasks = extract_text(HEADINGS_WITH_ASIDES, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:12]) for t in tasks] == [
        ("Các cơ quan quản lý cấp trên", "Đôn đốc các "),
        (["Sở Xây dựng", "Sở Tài chính"], "Cử công chức"),
    ]


def test_bodies_listed_after_of_in_an_opening_clause_are_not_the_subject():
    text = ("1. Căn cứ báo cáo của Sở Nông nghiệp và Môi trường và các cơ quan chuyên môn của Bộ Tài chính, "
            "Cục Bảo tồn thiên nhiên tổng hợp danh mục loài.\n")
    (task,) = extract_text(text, source_file="tt.txt").tasks
    assert task.agency == "Cục Bảo tồn thiên nhiên"


def test_a_body_going_on_as_it_is_has_no_duty():
    text = ("1. Chính quyền địa phương ở đơn vị hành chính cấp xã trước sắp xếp tiếp tục hoạt động cho đến khi "
            "chính quyền địa phương hình thành sau sắp xếp chính thức hoạt động.\n"
            "2. Ủy ban nhân dân tỉnh tiếp tục rà soát các đơn vị hành chính.\n")
    assert [t.agency for t in extract_text(text, source_file="nq.txt").tasks] == ["Ủy ban nhân dân tỉnh"]


def test_an_assignment_after_a_colon_inside_an_item_starts_the_task_there():
    notice = paragraphs("""THÔNG BÁO
Kết luận của Phó Thủ tướng Chính phủ tại buổi làm việc với tỉnh Nam Định
1. Về nâng cấp tuyến đê biển: bổ sung vốn cho dự án, hoàn thành trong năm 2026: giao Bộ Tài chính chủ trì, phối hợp với các cơ quan liên quan xem xét, báo cáo Thủ tướng Chính phủ.
Văn phòng Chính phủ xin trân trọng thông báo./.
""")
    tasks = extract_text(notice, source_file="tb.txt").tasks
    assert [(t.agency, t.task[:30]) for t in tasks] == [("Bộ Tài chính", "giao Bộ Tài chính chủ trì, phố")]


def test_a_name_going_on_in_lower_case_after_a_clause_of_time_is_the_subject():
    text = ("QUYẾT ĐỊNH:\nĐiều 2. Tổ chức thực hiện\n1. Trong thời hạn 05 ngày kể từ ngày nhận đủ hồ sơ, "
            "Trung tâm Kiểm định chất lượng và an toàn công trình thành lập đoàn kiểm tra.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [
        ("Trung tâm Kiểm định chất lượng và an toàn công trình", "Trong thời hạn 05 ng")]


@pytest.mark.parametrize("verb", ["Cấp mới", "Cấp lại", "Cấp đổi", "Khôi phục", "Chấm dứt", "Tra cứu", "Nghiệm thu"])
def test_items_opening_with_a_verb_after_a_lead_in_listing_duties_are_tasks(verb):
    text = ("QUYẾT ĐỊNH:\nĐiều 8. Quản lý phần mềm\n1. Sở Tài chính có trách nhiệm quản lý về nghiệp vụ, bao gồm:\n"
            f"a) {verb} tài khoản của các cơ quan, đơn vị theo quy định.\n"
            "b) Kiểm tra, đôn đốc các cơ quan, đơn vị trong việc nhập liệu.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task.split(",")[0]) for t in tasks][1:] == [
        ("Sở Tài chính", f"{verb} tài khoản của các cơ quan"), ("Sở Tài chính", "Kiểm tra")]


def test_a_step_a_rule_sets_in_the_future_is_a_task_where_a_letter_s_plan_is_none():
    step = ("Trong thời hạn 02 ngày làm việc kể từ ngày nhận được văn bản đề nghị, Sở Khoa học và Công nghệ sẽ "
            "thực hiện khôi phục hộp thư điện tử.")
    rule = extract_text(f"QUYẾT ĐỊNH:\nĐiều 5. Khôi phục hộp thư\n1. {step}\n", source_file="qd.txt").tasks
    assert [(t.agency, t.task[:20]) for t in rule] == [("Sở Khoa học và Công nghệ", "Trong thời hạn 02 ng")]
    letter = extract_text(f"CÔNG VĂN\nVề việc khôi phục hộp thư\n1. {step}\n", source_file="cv.txt").tasks
    assert letter == []


HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: {number}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\nHà Nam, ngày 5 tháng 3 năm 2025\n\n")


def test_award_quotas_are_no_tasks():
    text = HEADER.format(number="12/KH-UBND") + """KẾ HOẠCH
Khen thưởng tổng kết phong trào

I. SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG

1. Sở Tư pháp: Xét tối đa 2 tập thể và 4 cá nhân.

2. Ủy ban nhân dân các xã: Mỗi xã xét chọn 01 cá nhân/01 xã;

3. Các cơ quan, đơn vị cấp tỉnh còn lại có liên quan đến công tác tham mưu tổ chức, triển khai thực hiện phong trào: chọn không quá 01 trường hợp (tập thể hoặc cá nhân).

II. TỔ CHỨC THỰC HIỆN

1. Sở Nội vụ: Tổng hợp hồ sơ đề nghị khen thưởng, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.
"""
    tasks = extract_text(text, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [("Sở Nội vụ", "Tổng hợp hồ sơ đề ng")]


def test_an_obligation_stated_twice_in_the_same_words_is_one_task():
    text = HEADER.format(number="12/2025/QĐ-UBND") + """QUYẾT ĐỊNH
Ban hành Quy định lập quy hoạch

Điều 1. Lập quy hoạch phân khu

Sở Xây dựng có trách nhiệm gửi ý kiến góp ý trong vòng 07 ngày kể từ ngày nhận được đề nghị.

Điều 2. Lập quy hoạch chi tiết

Sở Xây dựng có trách nhiệm gửi ý kiến góp ý trong vòng 07 ngày kể từ ngày nhận được đề nghị.
"""
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:22]) for t in tasks] == [("Sở Xây dựng", "Sở Xây dựng có trách n")]


def test_a_restatement_with_its_time_or_partners_is_kept_over_the_bare_one():
    block = Block("Hỗ trợ doanh nghiệp chuyển đổi số.", page=1, line_start=1, line_end=1)
    bare = Draft(block, ["Sở Công Thương"], block.text)
    timed = Draft(block, ["Sở Công Thương"], block.text, deadline="Quý IV năm 2025")
    later = Draft(block, ["Sở Công Thương"], block.text, deadline="Năm 2026")
    partnered = Draft(block, ["Sở Công Thương"], block.text, co_agencies=["Sở Tài chính"])
    other = Draft(block, ["Sở Tài chính"], block.text)
    assert _stated_once([bare, timed, later, other]) == [timed, later, other]
    assert _stated_once([partnered, bare]) == [partnered]
    assert _stated_once([bare, bare]) == [bare]


def test_an_article_restated_in_the_implementation_part_is_one_task_there():
    text = HEADER.replace("ỦY BAN", "HỘI ĐỒNG").format(number="12/2025/NQ-HĐND") + """NGHỊ QUYẾT
Quy định cơ chế tài chính đối với trường chất lượng cao

Điều 3. Cơ chế tài chính

1. Quy định về học phí đối với cơ sở giáo dục công lập chất lượng cao

Mức học phí được xây dựng trên cơ sở định mức kinh tế - kỹ thuật do cơ quan có thẩm quyền ban hành.

Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quy định mức học phí đối với cơ sở giáo dục công lập chất lượng cao.

Điều 4. Tổ chức thực hiện

1. Giao Ủy ban nhân dân tỉnh:

a) Tổ chức thực hiện Nghị quyết; chỉ đạo làm tốt công tác tuyên truyền về cơ chế tài chính.

b) Trình Hội đồng nhân dân tỉnh quy định mức học phí đối với cơ sở giáo dục công lập chất lượng cao.
"""
    tasks = extract_text(text, source_file="nq.txt").tasks
    assert [t.task[:22] for t in tasks] == ["Tổ chức thực hiện Nghị", "Trình Hội đồng nhân dâ"]


def test_a_plan_item_restated_with_its_lead_a_word_apart_is_one_task():
    text = HEADER.format(number="12/KH-UBND") + """KẾ HOẠCH
Phát triển công nghệ cao

II. NHIỆM VỤ

1. Tổ chức xúc tiến đầu tư, mời gọi các nhà đầu tư trong nước và ngoài nước có tiềm lực trong lĩnh vực công nghệ cao.

III. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Tổ chức xúc tiến đầu tư, thu hút, mời gọi các nhà đầu tư trong và ngoài nước có tiềm lực trong lĩnh vực công nghệ cao.
"""
    tasks = extract_text(text, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:30]) for t in tasks] == [("Sở Khoa học và Công nghệ", "Tổ chức xúc tiến đầu tư, thu h")]


def test_a_topic_label_before_an_assignment_is_no_part_of_its_task():
    text = HEADER.format(number="12/UBND-KSTT") + """Kính gửi: Sở Y tế.

1. Đối với các nội dung đề xuất giảm thời gian giải quyết thủ tục hành chính thuộc lĩnh vực y tế: Giao Sở Y tế chủ động triển khai, đôn đốc thực hiện giảm thời gian xử lý hồ sơ trên thực tế.

2. Đối với Ủy ban nhân dân cấp xã: Niêm yết công khai thủ tục hành chính tại trụ sở.
"""
    tasks = extract_text(text, source_file="cv.txt").tasks
    assert [(t.agency, t.task[:22]) for t in tasks] == [
        ("Sở Y tế", "Giao Sở Y tế chủ động "), ("Ủy ban nhân dân cấp xã", "Niêm yết công khai thủ")]


def test_a_request_before_a_label_leaves_the_task_after_the_label():
    text = HEADER.format(number="14/KH-UBND") + """KẾ HOẠCH
Ứng phó mưa lũ

II. TỔ CHỨC THỰC HIỆN

1. Sở Xây dựng: Kiểm tra các tuyến đường bị sạt lở.

2. Đề nghị Công ty Cấp nước Hà Nam: Bảo đảm nước sạch cho các khu sơ tán.

3. Đề nghị các cấp ủy Đảng và Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh: Vận động Nhân dân ủng hộ vùng bị lũ.
"""
    tasks = extract_text(text, source_file="kh.txt").tasks
    assert [(t.agency, t.task[:16]) for t in tasks] == [
        ("Sở Xây dựng", "Kiểm tra các tuy"),
        ("Công ty Cấp nước Hà Nam", "Bảo đảm nước sạc"),
        (["Các cấp ủy Đảng", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], "Vận động Nhân dâ")]


def test_a_body_called_by_its_head_is_written_in_full_in_its_parts_and_offices():
    text = ("QUYẾT ĐỊNH:\nĐiều 1. Quy chế này quy định về hoạt động của Ban Chỉ đạo Nhà nước về Phát triển Nông thôn "
            "(gọi tắt là Ban Chỉ đạo).\nĐiều 2. Trách nhiệm của Phó Trưởng Ban Chỉ đạo\n"
            "1. Chủ trì các cuộc họp của Ban Chỉ đạo khi được ủy quyền.\nĐiều 3. Trách nhiệm của Văn phòng Ban Chỉ đạo\n"
            "1. Tổng hợp báo cáo định kỳ.\nĐiều 4. Trách nhiệm của Ban Chỉ đạo\n1. Chỉ đạo các bộ, ngành thực hiện.\n")
    full = "Ban Chỉ đạo Nhà nước về Phát triển Nông thôn"
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks] == [
        f"Phó Trưởng {full}", f"Văn phòng {full}", full]


def test_a_full_name_that_runs_on_into_a_clause_is_no_name_for_a_body_s_parts():
    finder = TaskFinder(build_pipeline())
    finder._named_in_full = {"ban chi dao": "Ban Chỉ đạo chủ trì Phiên họp lần thứ 21"}
    assert finder._in_full("Văn phòng Ban Chỉ đạo") == "Văn phòng Ban Chỉ đạo"


LEVEL_BODY = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 12/QĐ-UBND

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch kiểm kê tài sản

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm kê tài sản.
Điều 2. Các thành viên Ban Chỉ đạo tỉnh{also} chịu trách nhiệm thi hành Quyết định này.
KẾ HOẠCH
IV. NHIỆM VỤ CỦA THÀNH VIÊN BAN CHỈ ĐẠO
1. Trưởng Ban Chỉ đạo
- Phụ trách chung, điều hành hoạt động kiểm kê.
"""


@pytest.mark.parametrize("also, agency", [
    ("", "Ban Chỉ đạo tỉnh"),  # the one body of that head the text names at the issuer's level
    (", Ban Chỉ đạo tỉnh về chuyển đổi số", "Ban Chỉ đạo"),  # two of them: the bare head says not which
])
def test_a_bare_head_is_the_body_of_that_head_named_at_the_issuer_s_level(also, agency):
    tasks = extract_text(LEVEL_BODY.format(also=also), source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == [agency]


def test_a_rule_binds_the_issuer_s_head_where_a_letter_of_the_issuer_assigns_it_nothing():
    clause = "Khi xảy ra sự cố, Chủ tịch Ủy ban nhân dân tỉnh huy động lực lượng, phương tiện khắc phục ngay."
    rule = extract_text(HEADER.format(number="12/2025/QĐ-UBND") + f"QUYẾT ĐỊNH\nĐiều 5. Xử lý sự cố\n1. {clause}\n",
                        source_file="qd.txt").tasks
    assert [(t.agency, t.task[:20]) for t in rule] == [("Ủy ban nhân dân tỉnh", "Khi xảy ra sự cố, Ch")]
    letter = extract_text(HEADER.format(number="12/UBND-KT") + f"CÔNG VĂN\nVề việc xử lý sự cố\n1. {clause}\n",
                          source_file="cv.txt").tasks
    assert letter == []


def test_an_item_of_rights_or_benefits_is_no_task_and_an_authorisation_is_one():
    text = ("Điều 5. Trách nhiệm của Sở Khoa học và Công nghệ\n\n"
            "1. Quản lý, vận hành Hệ thống thư điện tử công vụ.\n\n"
            "2. Có quyền thu hồi hộp thư điện tử công vụ trong trường hợp khẩn cấp.\n\n"
            "3. Được phép thực hiện các giải pháp đơn giản hóa thủ tục cấp hộp thư.\n")
    assert openings(text, 20) == [("Sở Khoa học và Công nghệ", "Quản lý, vận hành Hệ"),
                                  ("Sở Khoa học và Công nghệ", "Được phép thực hiện ")]


def test_a_provision_of_make_up_or_format_obliges_no_one_but_a_titled_clause_under_it_may():
    text = ("QUYẾT ĐỊNH:\nĐiều 3. Định dạng địa chỉ thư điện tử công vụ\n"
            "1. Hộp thư của các phòng thuộc sở đặt theo cấu trúc sau:\n"
            "a) Sở Nội vụ sử dụng tên viết tắt của phòng, viết liền, không dấu.\n"
            "Điều 4. Cơ cấu tổ chức\n1. Cơ cấu tổ chức của Trung tâm, gồm:\n"
            "a) Trung tâm Lưu trữ lịch sử có Giám đốc và không quá 02 Phó Giám đốc.\n"
            "2. Số lượng người làm việc\n"
            "a) Trung tâm Lưu trữ lịch sử có trách nhiệm xây dựng kế hoạch số người làm việc hằng năm.\n"
            "Điều 5. Trách nhiệm của Sở Nội vụ\nSở Nội vụ hướng dẫn các cơ quan thực hiện Quy chế.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.task[:30] for t in tasks] == ["Trung tâm Lưu trữ lịch sử có t", "Sở Nội vụ hướng dẫn các cơ qua"]


def test_answering_for_the_regulation_s_implementation_or_for_nothing_more_is_no_task():
    text = ("QUYẾT ĐỊNH:\nĐiều 6. Sử dụng hộp thư\n"
            "1. Nếu để xảy ra việc mất dữ liệu do không sao lưu, Thủ trưởng cơ quan, đơn vị phải chịu trách nhiệm.\n"
            "Điều 9. Tổ chức thực hiện\n"
            "1. Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Ủy ban nhân dân tỉnh về việc tổ chức triển khai "
            "thực hiện Quy chế này trong phạm vi quản lý của mình.\n"
            "2. Các sở, ngành chịu trách nhiệm triển khai thực hiện Quy chế này và báo cáo kết quả về Sở Nội vụ.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.task[:30] for t in tasks] == ["Các sở, ngành chịu trách nhiệm"]


@pytest.mark.parametrize("step, agency", [
    ("Trong thời hạn 05 ngày kể từ ngày được thành lập, Hội đồng thẩm định tổ chức đánh giá hồ sơ.", "Hội đồng thẩm định tổ chức"),
    ("Sau 03 ngày làm việc kể từ khi nhận được văn bản của các cơ quan, đơn vị, Sở Tài chính xác minh hồ sơ.", "Sở Tài chính"),
    ("Trong quý I hằng năm, Sở Nội vụ chủ trì rà soát kết quả chấm điểm.", "Sở Nội vụ"),
    ("Trường hợp hồ sơ chưa hợp lệ, trong thời hạn 03 ngày làm việc, Cục Xe cơ giới/Tổng cục Kỹ thuật thông báo bằng "
     "văn bản đến cơ sở.", "Cục Xe cơ giới/Tổng cục Kỹ thuật"),
    ("Trường hợp cá nhân được tuyển dụng: cơ quan, tổ chức tiếp nhận cá nhân vào làm việc gửi yêu cầu tạo lập hộp thư.",
     "Cơ quan, tổ chức tiếp nhận cá nhân vào làm việc"),
    ("Khi phát hiện trùng tên, đơn vị quản lý hệ thống sẽ tạo lập tên khác.", "Đơn vị quản lý hệ thống"),
    # a verb that names the body's work goes with its name when the body's own verb, duty or an aside follows
    ("Trường hợp thi trên máy vi tính, Hội đồng tuyển dụng quyết định tổ chức thi phỏng vấn.", "Hội đồng tuyển dụng"),
    ("Chậm nhất là 15 ngày kể từ ngày thông báo, Hội đồng tuyển dụng phải tổ chức vấn đáp.", "Hội đồng tuyển dụng"),
    ("Trường hợp thi trên máy vi tính thì Hội đồng tuyển dụng (Ban đề thi) xây dựng các nhóm câu hỏi.",
     "Hội đồng tuyển dụng"),
    # the power names the body, not the verb the holder acts by
    ("Trường hợp người được tuyển dụng không đến nhận việc thì người đứng đầu cơ quan có thẩm quyền tuyển dụng hủy bỏ "
     "quyết định tuyển dụng.", "Cơ quan có thẩm quyền tuyển dụng"),
    ("Sau khi công chức bị miễn nhiệm, cấp có thẩm quyền xem xét bố trí công tác phù hợp.", "Cấp có thẩm quyền"),
    ("Trường hợp không có vị trí việc làm phù hợp thì người đứng đầu cơ quan có thẩm quyền quyết định cho thôi việc.",
     "Cơ quan có thẩm quyền"),
    # a title's kind of body keeps a clause of where and a verb that says how
    ("Hết thời hạn tạm đình chỉ, Thủ trưởng đơn vị trực tiếp quản lý công chức có văn bản đề nghị cấp lại thẻ.",
     "Đơn vị trực tiếp quản lý công chức"),
    ("Khi nhận được đơn, người đứng đầu cơ quan, tổ chức nơi công chức đang công tác quyết định theo thẩm quyền.",
     "Cơ quan, tổ chức nơi công chức đang công tác"),
    # a list of kinds read as one goes on with no verb that also names
    ("Khi nhận được văn bản, Thủ trưởng các cơ quan, đơn vị tổ chức triển khai thực hiện.", "Các cơ quan, đơn vị"),
    ("Trường hợp chưa có định mức thì người đứng đầu cơ sở giáo dục quy định bằng văn bản.", "Cơ sở giáo dục"),
    # a kind the condition speaks of is no doer; the main clause's is
    ("Trường hợp hộ gia đình, cá nhân đang sử dụng đất nông nghiệp thì Ủy ban nhân dân cấp tỉnh quyết định mức hỗ trợ.",
     "Ủy ban nhân dân cấp tỉnh"),
    # the doers' list opens at the comma after the condition: a role of its own is one doer, bare kinds share the rest
    ("Khi phát hiện sai sót về số liệu, kiểm toán viên, người có thẩm quyền phê duyệt phải rà soát lại hồ sơ.",
     ["Kiểm toán viên", "Người có thẩm quyền phê duyệt"]),
    ("Sau khi kết thúc hợp đồng, tổ chức, đơn vị điều tra, đánh giá chất lượng nước phải gửi báo cáo về Sở Nông nghiệp "
     "và Môi trường.", "Tổ chức, đơn vị điều tra, đánh giá chất lượng nước"),
    # a negation opens what the doer must not do
    ("Khi có quyết định tạm dừng, đơn vị kiểm định không thực hiện việc kiểm định thiết bị.", "Đơn vị kiểm định"),
])
def test_a_procedure_step_names_its_doer_after_a_condition_or_time_limit(step, agency):
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự thực hiện\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task) for t in tasks] == [(agency, step)]


@pytest.mark.parametrize("clause", [
    "Khi xảy ra sự cố, phải áp dụng ngay các biện pháp khắc phục, cấp cứu, sơ tán người ra khỏi khu vực nguy hiểm.",
    "Trường hợp bị mất thẻ, cán bộ, công chức phải báo cáo bằng văn bản.",
    "Khi có nhu cầu, tổ chức, cá nhân có liên quan gửi văn bản đề nghị.",
    "Đối với đề án do các cơ quan, tổ chức đề nghị thực hiện phản biện, kinh phí do ngân sách tỉnh bảo đảm.",
    "Trường hợp vụ, cục loại 2 được thành lập trên cơ sở hợp nhất thì số lượng cấp phó được tăng thêm 01 người.",
    "Căn cứ báo cáo của các sở, Báo cáo thẩm tra số 12/BC-HĐND tổng hợp ý kiến.",
    # a kind the clause speaks of, read on into its clause, names no doer
    "Trong thời gian này, công chức được bố trí vào vị trí lãnh đạo thì được xếp ngạch tương ứng.",
    "Khi bồi thường đối với đất do hộ gia đình, cá nhân đang sử dụng thì thời hạn sử dụng đất được tính lại.",
    "Mọi người phải có trách nhiệm thực hiện nghiêm chỉnh các quy định về phòng cháy và chữa cháy.",
])
def test_no_doer_after_a_condition_when_the_main_clause_names_none(clause):
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự thực hiện\n1. {clause}\n"
    assert extract_text(text, source_file="qd.txt").tasks == []


@pytest.mark.parametrize("step, agency", [
    ("Người có thẩm quyền phê duyệt dự thảo văn bản gửi lấy ý kiến.", "Người có thẩm quyền"),
    ("Trường hợp cần chỉnh sửa dự thảo, người có thẩm quyền cho ý kiến trên Hệ thống.", "Người có thẩm quyền"),
    ("Căn cứ nội dung văn bản đến, người có thẩm quyền phân công xử lý.", "Người có thẩm quyền"),
    ("Hết thời hạn nhận phiếu, cơ quan có thẩm quyền tuyển dụng thông báo danh sách thí sinh.",
     "Cơ quan có thẩm quyền tuyển dụng"),
    ("Trường hợp hết thời hạn giữ chức vụ, cấp có thẩm quyền bổ nhiệm phải xem xét bổ nhiệm lại.",
     "Cấp có thẩm quyền bổ nhiệm"),
    # a list in the condition ends at the doer's own comma: "sở trường" opens no body
    ("Căn cứ yêu cầu nhiệm vụ và năng lực, sở trường của công chức, cơ quan có thẩm quyền xây dựng kế hoạch luân chuyển.",
     "Cơ quan có thẩm quyền"),
])
def test_a_doer_named_by_the_power_it_holds(step, agency):
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự thực hiện\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task) for t in tasks] == [(agency, step)]


@pytest.mark.parametrize("step, elsewhere, agency", [
    # the document closes the kind with its qualifier elsewhere: after it a preposition, or a duty, opens
    ("Căn cứ nhu cầu luân chuyển công chức, cơ quan tham mưu về tổ chức, cán bộ tiến hành rà soát đội ngũ công chức.",
     "Cấp có thẩm quyền phê duyệt kế hoạch, gửi cơ quan nơi đi, cơ quan tham mưu về tổ chức, cán bộ để phối hợp.",
     "Cơ quan tham mưu về tổ chức, cán bộ"),
    ("Trong thời hạn 15 ngày kể từ ngày nhận được báo cáo, người ra quyết định kiểm tra ban hành văn bản nhận xét.",
     "Trưởng Đoàn kiểm tra có trách nhiệm báo cáo người ra quyết định kiểm tra về kết quả kiểm tra.",
     "Người ra quyết định kiểm tra"),
    # nowhere else: no telling where the qualifier ends and the predicate begins
    ("Căn cứ nhu cầu luân chuyển công chức, cơ quan tham mưu về tổ chức, cán bộ tiến hành rà soát đội ngũ công chức.",
     "Cấp có thẩm quyền phê duyệt kế hoạch luân chuyển.", "Cơ quan"),
    ("Trong thời hạn 15 ngày kể từ ngày nhận được báo cáo, người ra quyết định kiểm tra ban hành văn bản nhận xét.",
     "Trưởng Đoàn kiểm tra có trách nhiệm báo cáo kết quả kiểm tra.", "Người"),
])
def test_a_kind_cut_before_its_verb_qualifier_keeps_it_where_the_document_closes_the_whole_phrase(step, elsewhere, agency):
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự thực hiện\n1. {step}\n2. {elsewhere}\n"
    assert extract_text(text, source_file="qd.txt").tasks[0].agency == agency


@pytest.mark.parametrize("step, agency", [
    ("Cơ quan sử dụng viên chức thông báo cho người được tiếp nhận.", ["Cơ quan sử dụng viên chức"]),
    ("Cơ quan, tổ chức nơi viên chức đang làm việc có văn bản trao đổi với nơi tiếp nhận.",
     ["Cơ quan, tổ chức nơi viên chức đang làm việc"]),
    ("Bộ phận tham mưu về tổ chức, cán bộ hoặc cấp có thẩm quyền gửi văn bản lấy ý kiến.",
     ["Bộ phận tham mưu về tổ chức, cán bộ", "Cấp có thẩm quyền"]),
])
def test_a_step_s_doer_named_by_its_function_in_a_procedure(step, agency):
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự, thủ tục tiếp nhận viên chức\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency if isinstance(t.agency, list) else [t.agency], t.task) for t in tasks] == [(agency, step)]


@pytest.mark.parametrize("title, clause", [
    # who a rule is about, outside a part of duties or a procedure
    ("Các trường hợp xét tuyển", "Người học theo chế độ cử tuyển về công tác tại địa phương nơi cử đi học."),
    ("Điều kiện tiếp nhận", "Cơ quan sử dụng viên chức thông báo cho người được tiếp nhận."),
    # in a procedure: what the kind undergoes, a field's label, a case, acts listed, what every civil servant must do
    ("Trình tự tiếp nhận", "Bộ phận tham mưu về tổ chức, cán bộ được giao hồ sơ để thẩm định."),
    ("Trình tự tiếp nhận", "Cơ quan phê duyệt: Ủy ban nhân dân tỉnh."),
    ("Trình tự tiếp nhận", "Trường hợp thi trên máy vi tính thì kết quả được thông báo ngay."),
    ("Trình tự tiếp nhận", "Cấp, cấp lại, thu hồi giấy chứng nhận cho tổ chức."),
    ("Trình tự tiếp nhận", "Công chức được đề xuất bổ nhiệm phải kê khai tài sản."),
])
def test_no_functional_doer_outside_a_procedure_or_without_a_step_of_its_own(title, clause):
    text = f"QUYẾT ĐỊNH:\nĐiều 5. {title}\n1. {clause}\n"
    assert extract_text(text, source_file="qd.txt").tasks == []


def test_a_functional_doer_after_a_condition_and_after_a_list_the_condition_ends_with():
    text = ("QUYẾT ĐỊNH:\nĐiều 5. Thôi việc\n1. Trước 03 tháng tính đến ngày nghỉ, người có thẩm quyền quản lý phải ra "
            "thông báo bằng văn bản.\n2. Chậm nhất là 10 ngày kể từ ngày nhận được đề xuất của cơ quan, bộ phận tham mưu "
            "về tổ chức, cán bộ, cấp có thẩm quyền bổ nhiệm xem xét, quyết định.\n3. Khi kết thúc phiên thu, cán bộ kỹ "
            "thuật vận hành trạm phải ghi nhật ký vận hành.\n")
    assert [t.agency for t in extract_text(text, source_file="qd.txt").tasks] == [
        "Người có thẩm quyền quản lý", "Cấp có thẩm quyền bổ nhiệm", "Cán bộ kỹ thuật vận hành trạm"]


def test_a_step_after_a_condition_is_a_task_only_in_a_text_that_lays_down_rules():
    text = ("KẾ HOẠCH\nII. NỘI DUNG\n1. Trong thời hạn 05 ngày, Hội đồng thẩm định tổ chức đánh giá hồ sơ.\n")
    assert extract_text(text, source_file="kh.txt").tasks == []


def test_a_subject_list_goes_on_with_kinds_of_body_named_in_common_words():
    finder = TaskFinder(build_pipeline())
    reading = finder._read("Bộ Công Thương, Ủy ban nhân dân tỉnh Phú Yên, chính quyền địa phương các xã liên quan đến việc "
                           "thực hiện di dời và các cơ quan, tổ chức khác có liên quan có trách nhiệm tổ chức thi hành Nghị quyết này.")
    assert reading is not None and reading.agencies == [
        "Bộ Công Thương", "Ủy ban nhân dân tỉnh Phú Yên", "Chính quyền địa phương các xã liên quan đến việc thực hiện di dời",
        "Các cơ quan, tổ chức khác có liên quan"]
    # a verb straight after the kind qualifies it; the next verb is what the list does
    reading = finder._read("Sở Xây dựng, Ủy ban nhân dân cấp xã, cơ quan đăng ký đất đai gửi thông tin về Sở Tư pháp.")
    assert reading is not None and reading.agencies == ["Sở Xây dựng", "Ủy ban nhân dân cấp xã", "Cơ quan đăng ký đất đai"]
    text = ("Sở Y tế chủ trì; Sở Tư pháp, cơ quan báo chí và Ủy ban nhân dân các xã chủ động tuyên truyền Luật.")
    assert [names for _, _, names in finder._clause_obligations(text)] == [
        ["Sở Y tế"], ["Sở Tư pháp", "Cơ quan báo chí", "Ủy ban nhân dân các xã"]]
    # words that are no kind of body end no list: the subject stays as the grammar names it
    reading = finder._read("Sở Tài chính, căn cứ dự toán được giao, chủ trì thẩm định kinh phí.")
    assert reading is not None and reading.agencies == ["Sở Tài chính"]


def test_the_subject_after_a_case_a_colon_closes_and_a_kind_qualified_up_to_its_duty_after_thi():
    finder = TaskFinder(build_pipeline())
    reading = finder._read("Trường hợp công chức nghỉ hưu: cơ quan, tổ chức quản lý công chức có trách nhiệm thu hồi thẻ.")
    assert reading is not None and reading.agencies == ["Cơ quan, tổ chức quản lý công chức"]
    reading = finder._read("Khi phần mềm xảy ra sự cố thì người được giao quản trị phần mềm tại cơ quan, đơn vị có trách nhiệm:")
    assert reading is not None and reading.agencies == ["Người được giao quản trị phần mềm tại cơ quan, đơn vị"]
    # a topic's label is no condition: the colon does not end it
    text = "Thực hiện mở tài khoản và phát hành thẻ: Ủy ban nhân dân xã phối hợp với các ngân hàng mở tài khoản."
    assert finder._subject_clause(text) == (text, 0)


def test_a_later_sentence_names_its_own_doer_after_a_condition_or_time_limit():
    step = ("Văn phòng Ban Chỉ đạo xây dựng kế hoạch kiểm tra. Trong thời hạn 05 ngày kể từ khi nhận được kế hoạch, "
            "các bộ thành viên Ban Chỉ đạo cử người tham gia đoàn kiểm tra.")
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Kiểm tra\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:40]) for t in tasks] == [
        ("Văn phòng Ban Chỉ đạo", "Văn phòng Ban Chỉ đạo xây dựng kế hoạch "),
        ("Các bộ thành viên Ban Chỉ đạo", "Trong thời hạn 05 ngày kể từ khi nhận đư")]


def test_a_later_step_of_the_same_doer_after_a_condition_stays_in_its_task():
    step = ("Sở Tài chính tiếp nhận hồ sơ. Trường hợp hồ sơ chưa hợp lệ, trong thời hạn 03 ngày làm việc, "
            "Sở Tài chính thông báo bằng văn bản đến tổ chức.")
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự thực hiện\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task) for t in tasks] == [("Sở Tài chính", step)]


def test_a_later_sentence_that_only_answers_for_a_breach_is_no_task():
    step = ("Thủ trưởng đơn vị tăng cường kiểm tra, giám sát công chức thuộc phạm vi quản lý. Trường hợp để xảy ra vi phạm, "
            "thủ trưởng đơn vị và công chức vi phạm phải chịu trách nhiệm và bị xử lý theo quy định.")
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trách nhiệm của đơn vị\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.task[:40] for t in tasks] == ["Thủ trưởng đơn vị tăng cường kiểm tra, g"]


def test_the_parent_body_in_brackets_after_a_doer_is_no_doer_of_its_own():
    step = "Sau 30 ngày, Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ) thực hiện thu hồi hộp thư điện tử công vụ."
    text = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự thực hiện\n1. {step}\n"
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Trung tâm Chuyển đổi số"]


def test_later_steps_of_a_regulation_s_clause_name_their_doers_after_a_label_a_condition_or_do():
    meeting = ("Họp thường kỳ: mỗi quý một lần. Tài liệu họp do Văn phòng Hội đồng chuẩn bị và gửi các thành viên trước 05 "
               "ngày làm việc. Các thành viên Hội đồng có trách nhiệm góp ý bằng văn bản trước 02 ngày làm việc.")
    account = ("Cấp tài khoản: Khi có yêu cầu, cơ quan gửi văn bản đến Sở Tư pháp. Thời hạn giải quyết: Trong thời hạn 03 "
               "ngày làm việc kể từ khi nhận văn bản, Trung tâm Dữ liệu (Sở Tư pháp) xử lý và thông báo cho cơ quan.")
    withdrawal = ("Thu hồi tài khoản: Áp dụng khi cán bộ nghỉ hưu. Trong thời hạn 10 ngày kể từ ngày cán bộ nghỉ hưu, thôi "
                  "việc, tổ chức quản lý trực tiếp có trách nhiệm gửi văn bản đề nghị đến Sở Tư pháp.")
    text = (f"QUYẾT ĐỊNH:\nĐiều 5. Họp Hội đồng\n1. {meeting}\nĐiều 6. Cấp và thu hồi tài khoản\n1. {account}\n"
            f"2. {withdrawal}\n")
    assert openings(text, 24) == [("Văn phòng Hội đồng", "Tài liệu họp do Văn phòn"),
                                  ("Các thành viên Hội đồng", "Các thành viên Hội đồng "),
                                  ("Trung tâm Dữ liệu", "Trong thời hạn 03 ngày l"),
                                  ("Tổ chức quản lý trực tiếp", "Trong thời hạn 10 ngày k")]


def _plan_closing(closing: str) -> list[tuple]:
    text = paragraphs(f"""KẾ HOẠCH
Phát triển chợ trên địa bàn tỉnh
I. NHIỆM VỤ
1. Sở Công Thương rà soát mạng lưới chợ trên địa bàn tỉnh.
{closing}
Nơi nhận:""")
    return [(t.agency, t.task) for t in extract_text(text, source_file="kh.txt").tasks][1:]


def test_a_plan_s_closing_paragraph_gives_only_its_clauses_of_work_of_their_own():
    # carrying out the plan, "nghiêm túc" before or after, is no task; nor is what follows on a ";"
    assert _plan_closing("Yêu cầu các sở, ngành và Ủy ban nhân dân các huyện thực hiện nghiêm túc./.") == []
    assert _plan_closing("Các cơ quan, đơn vị khẩn trương triển khai thực hiện Kế hoạch này; kịp thời báo cáo "
                         "Ủy ban nhân dân tỉnh để xem xét, chỉ đạo./.") == []
    # a periodic report is the addressees' task; a proposal on a condition, addressed to a collective, is feedback
    assert _plan_closing("Trên đây là Kế hoạch phát triển chợ của tỉnh. Đề nghị các cơ quan, đơn vị nghiêm túc triển "
                         "khai thực hiện. Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả thực hiện về Sở "
                         "Công Thương để tổng hợp. Trong quá trình thực hiện, nếu thấy cần sửa đổi, bổ sung các sở, "
                         "ngành chủ động đề xuất gửi Sở Công Thương./.") == [
        ("Các cơ quan, đơn vị", "Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả thực hiện về Sở Công "
                                "Thương để tổng hợp.")]
    # after the request for feedback, the clause that gives one named body work is its task
    assert _plan_closing("Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị các cơ quan, đơn vị phản ánh "
                         "về Sở Công Thương để phối hợp giải quyết; trường hợp vượt thẩm quyền, Sở Công Thương tổng "
                         "hợp báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định./.") == [
        ("Sở Công Thương", "trường hợp vượt thẩm quyền, Sở Công Thương tổng hợp báo cáo Ủy ban nhân dân tỉnh xem "
                           "xét, quyết định.")]


REGULATION_OF_USE = ("QUYẾT ĐỊNH\nBan hành Quy chế sử dụng hệ thống\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
                     "QUY CHẾ\n(Ban hành kèm theo Quyết định số 15/2025/QĐ-UBND)\n")


def test_a_duty_heading_names_its_holder_without_cua_and_less_the_activity():
    text = REGULATION_OF_USE + (
        "Điều 6. Trách nhiệm các cơ quan, đơn vị cấp tỉnh và Ủy ban nhân dân xã, phường\n"
        "1. Tổ chức triển khai thực hiện Quy chế này tại cơ quan, đơn vị mình.\n"
        "Điều 7. Trách nhiệm của các cơ quan, đơn vị trong quản lý, sử dụng hệ thống\n"
        "1. Thực hiện báo cáo định kỳ 06 tháng tình hình sử dụng hệ thống.\n"
        "Điều 8. Trách nhiệm cá nhân trong quản lý, sử dụng hệ thống\n"
        "1. Bảo quản mật khẩu của tài khoản được cấp.\n"
        "Điều 9. Trách nhiệm tổ chức thực hiện\n"
        "1. Rà soát số liệu hằng năm.\n")
    assert openings(text, 14) == [
        (["Các cơ quan, đơn vị cấp tỉnh", "Ủy ban nhân dân xã, phường"], "Tổ chức triển "),
        ("Các cơ quan, đơn vị", "Thực hiện báo "), ("Cá nhân", "Bảo quản mật k")]


def test_an_article_on_using_something_of_a_kind_of_body_gives_its_items_to_that_user():
    text = REGULATION_OF_USE + (
        "Điều 10. Sử dụng hộp thư điện tử công vụ của cá nhân\n"
        "1. Truy cập, kiểm tra hộp thư điện tử công vụ hằng ngày.\n"
        "Điều 11. Sử dụng hộp thư điện tử công vụ của tỉnh\n"
        "1. Thực hiện sao lưu dữ liệu hằng tuần.\n"
        "Điều 12. Trình tự cấp tài khoản thuộc thẩm quyền quản lý của cơ quan, đơn vị\n"
        "1. Tiếp nhận đề nghị cấp tài khoản.\n")
    assert openings(text, 14) == [("Cá nhân", "Truy cập, kiểm")]


def test_a_person_named_by_the_charge_given_to_them_is_a_doer():
    finder = TaskFinder(build_pipeline())
    reading = finder._read("Cá nhân được giao quản lý hộp thư của cơ quan, đơn vị khi có thay đổi vị trí công tác "
                           "phải bàn giao hộp thư cho Thủ trưởng cơ quan.")
    assert reading.agencies == ["Cá nhân được giao quản lý hộp thư của cơ quan, đơn vị"]
    assert finder._read("Cá nhân được giao phải thường xuyên kiểm tra hộp thư.").agencies == ["Cá nhân được giao"]
    # everyone the text covers: a rule of conduct, with or without a case
    assert finder._read("Tổ chức, cá nhân sử dụng điện phải tuân thủ quy định về an toàn điện.") is None
    assert finder._read("Cá nhân khi gửi thư phải kiểm tra địa chỉ nhận.") is None


FUNCTIONS = ("QUYẾT ĐỊNH\nBan hành Quy định chức năng, nhiệm vụ, quyền hạn của Sở Xây dựng\n"
             "Điều 1. Ban hành kèm theo Quyết định này Quy định.\nQUY ĐỊNH\n(Ban hành kèm theo Quyết định số 15/QĐ-UBND)\n"
             "Điều 1.\nVị trí và chức năng\n"
             "1. Sở Xây dựng là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.\n"
             "2. Sở Xây dựng có tư cách pháp nhân, có con dấu và tài khoản riêng.\n")


def test_an_article_of_duties_and_powers_with_no_holder_lists_the_regulated_body_s_duties():
    text = FUNCTIONS + (
        "Điều 2.\nNhiệm vụ và quyền hạn\n"
        "Sở Xây dựng thực hiện nhiệm vụ, quyền hạn theo quy định tại Luật Xây dựng và các nhiệm vụ, quyền hạn sau:\n"
        "1. Về quy hoạch\n"
        "1.1. Trình Ủy ban nhân dân tỉnh\n"
        "a) Dự thảo quyết định về quy hoạch xây dựng;\n"
        "1.2. Trình Chủ tịch Ủy ban nhân dân tỉnh:\n"
        "a) Dự thảo quyết định thành lập các đơn vị;\n"
        "1.3. Tham mưu Ủy ban nhân dân tỉnh quản lý quy hoạch và thực hiện các nhiệm vụ sau:\n"
        "a) Thẩm định đồ án quy hoạch;\n"
        "b) Đề nghị Chủ tịch Ủy ban nhân dân tỉnh thu hồi giấy phép xây dựng trái quy định;\n"
        "2. Cung cấp thông tin quy hoạch; đề nghị Sở Tài chính cung cấp số liệu khi cần thiết.\n"
        "Điều 3. Cơ cấu tổ chức\n"
        "1. Lãnh đạo Sở có Giám đốc và các Phó Giám đốc.\n")
    assert openings(text, 14) == [
        ("Sở Xây dựng", "Dự thảo quyết "), ("Sở Xây dựng", "Dự thảo quyết "), ("Sở Xây dựng", "Tham mưu Ủy ba"),
        ("Sở Xây dựng", "Thẩm định đồ á"),
        ("Sở Xây dựng", "Đề nghị Chủ tị"), ("Sở Xây dựng", "Cung cấp thông")]


def test_a_body_s_statement_of_its_duties_and_powers_is_a_bare_lead_in():
    text = FUNCTIONS.replace("Sở Xây dựng là", "Trung tâm Kiểm định xây dựng (Trung tâm) là") + (
        "Điều 2.\nChức năng, nhiệm vụ, quyền hạn\n"
        "Trung tâm Kiểm định xây dựng thực hiện nhiệm vụ, quyền hạn theo quy định của pháp luật về xây dựng, cụ thể "
        "như sau:\n"
        "1. Kiểm định chất lượng công trình xây dựng.\n")
    assert openings(text, 14) == [("Trung tâm Kiểm định xây dựng", "Kiểm định chất")]


def test_a_capital_after_a_comma_in_a_duty_title_opens_another_holder():
    text = REGULATION_OF_USE + (
        "Điều 6. Nhiệm vụ và quyền hạn của Bộ, cơ quan ngang Bộ, Cơ quan quản lý công chức khác\n"
        "1. Thực hiện thống kê công chức theo quy định.\n")
    assert openings(text, 14) == [(["Bộ, cơ quan ngang Bộ", "Cơ quan quản lý công chức khác"], "Thực hiện thốn")]


def test_a_later_sentence_of_a_procedure_step_opening_with_a_doer_named_by_its_function_is_its_task():
    step = ("Sau khi thông báo tuyển dụng, Ủy ban nhân dân tỉnh quyết định thành lập Hội đồng xét tuyển. Hội đồng xét "
            "tuyển quyết định thành lập Ban kiểm tra hồ sơ.")
    procedure = f"QUYẾT ĐỊNH:\nĐiều 5. Trình tự xét tuyển\n1. {step}\n"
    assert openings(procedure, 20) == [("Ủy ban nhân dân tỉnh", "Sau khi thông báo tu"),
                                       ("Hội đồng xét tuyển", "Hội đồng xét tuyển q")]
    # outside a part of duties or a procedure the sentence stays in the clause's task
    assert openings(procedure.replace("Trình tự xét tuyển", "Hội đồng xét tuyển"), 20) == [
        ("Ủy ban nhân dân tỉnh", "Sau khi thông báo tu")]


@pytest.mark.parametrize("item, expected", [
    # a clause after "; " with a subject and a verb of its own
    ("Sở Tài chính chủ trì hướng dẫn, tổng hợp; Ủy ban nhân dân các xã báo cáo kết quả hằng năm.",
     [("Sở Tài chính", "Sở Tài chính chủ trì"), ("Ủy ban nhân dân các xã", "Ủy ban nhân dân các ")]),
    # the same body going on
    ("Sở Tài chính chủ trì hướng dẫn; Sở Tài chính tổng hợp kết quả hằng năm.",
     [("Sở Tài chính", "Sở Tài chính chủ trì")]),
    # bodies listed before the verb they share, and a list going on after an assignment
    ("Sở Tài chính; Sở Xây dựng; Ủy ban nhân dân các xã tổ chức kiểm tra hằng năm.",
     [(["Sở Tài chính", "Sở Xây dựng", "Ủy ban nhân dân các xã"], "Sở Tài chính; Sở Xây")]),
    ("Giao Sở Tài chính; Sở Xây dựng thực hiện kiểm tra hằng năm.", [(["Sở Tài chính", "Sở Xây dựng"], "Giao Sở Tài chính; S")]),
    # no name with its capital after the semicolon
    ("Sở Tài chính chủ trì hướng dẫn, tổng hợp; các ngành nghề công nghệ cao thu hút vào cụm công nghiệp.",
     [("Sở Tài chính", "Sở Tài chính chủ trì")]),
    # what the body of the later clause may do
    ("Sở Tài chính chủ trì hướng dẫn, tổng hợp; Ủy ban nhân dân các xã được sử dụng dữ liệu.",
     [("Sở Tài chính", "Sở Tài chính chủ trì")]),
])
def test_a_clause_after_a_semicolon_with_a_subject_of_its_own_is_a_task(item, expected):
    assert openings(f"KẾ HOẠCH\nKiểm tra\nI. NHIỆM VỤ\n1. {item}\n", 20) == expected


def _conclusion_with_task_table(number: str, opening: str, rows: str) -> str:
    """A conclusion notice whose one item points to an appendix task table (STT | Nhiệm vụ | Văn bản giao nhiệm vụ |
    Cơ quan chủ trì thực hiện | Thời hạn hoàn thành), typeset one cell a line; ``rows`` from the first row's cells."""
    return HEADER.format(number=number) + f"""THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh
{opening}
1. Các sở, ngành khẩn trương hoàn thành các nhiệm vụ chậm muộn tại Phụ lục kèm theo./.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH
Nguyễn Văn An

PHỤ LỤC
NHIỆM VỤ CHẬM MUỘN
(Kèm theo Thông báo số {number} ngày 5 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh)

STT

Nhiệm vụ

Văn bản giao nhiệm vụ

Cơ quan chủ trì thực hiện

Thời hạn hoàn thành

1.
{rows}"""


def test_a_task_table_row_takes_the_documents_of_its_source_column_and_its_work_after_a_label_or_in_its_lead():
    text = _conclusion_with_task_table("20/TB-UBND", """
Ngày 04 tháng 3 năm 2025, tại trụ sở Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp kiểm điểm tiến độ chuyển đổi số theo Kế hoạch số 02-KH/TU ngày 10/01/2025 của Tỉnh ủy và kết luận như sau:
""", """
Xây dựng cơ sở dữ liệu đất đai

Nghị quyết số 71/NQ-CP

Sở Nông nghiệp và Môi trường

30/09/2025

2.

Các xã, phường: Rà soát hạ tầng viễn thông trên địa bàn

Kế hoạch 02

Ủy ban nhân dân các xã, phường

31/12/2025

3.

Công bố dữ liệu mở của tỉnh

Nghị quyết số 71/NQ-CP

Sở Khoa học và Công nghệ chủ trì hướng dẫn, tổng hợp; các sở, ngành thực hiện công bố dữ liệu

31/12/2025
""")
    rows = extract_text(text, source_file="tb.txt").tasks[1:]
    assert [(t.agency, t.task, t.deadline) for t in rows] == [
        ("Sở Nông nghiệp và Môi trường", "Xây dựng cơ sở dữ liệu đất đai", "30/09/2025"),
        ("Ủy ban nhân dân các xã, phường", "Rà soát hạ tầng viễn thông trên địa bàn", "31/12/2025"),
        # a lead cell made of assignments with their own subjects: a task each, in place of the task cell
        ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ chủ trì hướng dẫn, tổng hợp", "31/12/2025"),
        ("Các sở, ngành", "các sở, ngành thực hiện công bố dữ liệu", "31/12/2025")]
    assert [[(r.text, r.number) for r in t.legal_refs] for t in rows[:3]] == [
        [("Nghị quyết số 71/NQ-CP", "71/NQ-CP")], [("Kế hoạch 02", "02-KH/TU")], [("Nghị quyết số 71/NQ-CP", "71/NQ-CP")]]


def test_a_duty_of_several_words_ends_a_doer_s_name_after_its_capitalised_words():
    text = ("QUYẾT ĐỊNH:\nĐiều 2. Tổ chức thực hiện\n1. Trong thời hạn 10 ngày kể từ ngày nhận được hồ sơ, cơ quan quản "
            "lý nhà nước về hóa chất tại Bộ Công Thương có trách nhiệm thẩm định hồ sơ, trình Bộ trưởng phê duyệt.\n"
            # a one-word obligation after a capitalised word may be the name's own last word
            "2. Trong thời hạn 07 ngày kể từ ngày nhận đủ hồ sơ, Cục Vận tải/Tổng cục Hậu cần - Kỹ thuật thông báo "
            "kết quả cho cơ sở.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [(t.agency, t.task[:20]) for t in tasks] == [
        ("Cơ quan quản lý nhà nước về hóa chất tại Bộ Công Thương", "Trong thời hạn 10 ng"),
        ("Cục Vận tải/Tổng cục Hậu cần - Kỹ thuật", "Trong thời hạn 07 ng")]


def test_a_basis_after_a_doer_s_name_says_how_it_acts_not_who_it_is():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao khẩn trương rà soát, đăng ký "
                        "nhu cầu kinh phí.").agencies == ["Các sở, ngành, địa phương"]
    assert finder._read("Cá nhân được giao nhiệm vụ lập hồ sơ căn cứ vào Danh mục hồ sơ của cơ quan, có trách nhiệm "
                        "nộp lưu hồ sơ đúng hạn.").agencies == ["Cá nhân được giao nhiệm vụ lập hồ sơ"]


def test_a_named_duty_ends_the_name_of_a_doer_after_an_opening_phrase():
    finder = TaskFinder(build_pipeline())
    finder._lays_down_rules = True
    reading = finder._read("Trong thời hạn 10 ngày kể từ ngày nhận đủ hồ sơ, cơ quan quản lý chuyên ngành tại Bộ Y tế có "
                           "trách nhiệm thẩm định hồ sơ, trình Bộ trưởng phê duyệt.")
    assert reading is not None and reading.agencies == ["Cơ quan quản lý chuyên ngành tại Bộ Y tế"]
    # "cần" inside a name ("Hậu cần") is no duty
    reading = finder._read("Trong thời hạn 05 ngày, Cục trưởng Cục Vận tải/Tổng cục Hậu cần - Kỹ thuật quyết định cấp phép.")
    assert reading is not None and reading.agencies == ["Cục Vận tải/Tổng cục Hậu cần - Kỹ thuật"]


def test_a_body_s_name_closes_a_time_or_frequency_phrase_that_no_comma_closes():
    finder = TaskFinder(build_pipeline())
    assert finder._read("Hằng năm Sở Nội vụ tổng hợp nhu cầu đào tạo cán bộ.").agencies == ["Sở Nội vụ"]
    assert finder._read("Định kỳ hằng quý Sở Tài chính báo cáo tình hình giải ngân.").agencies == ["Sở Tài chính"]
    assert finder._read("Trước ngày 30 tháng 6 hằng năm Sở Công Thương gửi báo cáo.").agencies == ["Sở Công Thương"]
    # a name the phrase governs is no subject; the subject follows the comma
    assert finder._read("Khi được Ủy ban nhân dân tỉnh giao, Sở Xây dựng lập phương án.").agencies == ["Sở Xây dựng"]
    assert finder._read("Hằng năm theo đề nghị của Sở Y tế, Sở Tài chính bố trí kinh phí.").agencies == ["Sở Tài chính"]
    # only after a time, a frequency or a case
    assert finder._read("Thực hiện vai trò thường trực Ban Chỉ đạo tỉnh theo quy chế phối hợp.") is None


def test_a_doer_s_list_of_kinds_after_an_opening_phrase_starts_at_its_first_kind():
    finder = TaskFinder(build_pipeline())
    finder._lays_down_rules = True
    reading = finder._read("Sau khi kết thúc đợt kiểm tra, cơ quan, đơn vị phải gửi báo cáo về Sở Nội vụ.")
    assert reading is not None and reading.agencies == ["Cơ quan, đơn vị"]

    # kinds that go on with a list the opening phrase names are no part of the doer
    assert finder._kinds_ending("Căn cứ nhu cầu của cơ quan, tổ chức") is None


BODIES_ITEMS_WORDED_AS_CLOSINGS = paragraphs("""QUYẾT ĐỊNH:
Điều 1. Công bố danh mục thủ tục hành chính kèm theo Quyết định này.
Điều 2. Trách nhiệm thực hiện
1. Ủy ban nhân dân các xã, phường
a) Niêm yết công khai danh mục thủ tục hành chính tại bộ phận một cửa.
b) Thực hiện tuyên truyền rộng rãi trên địa bàn để người dân, doanh nghiệp biết, thực hiện.
c) Phối hợp chặt chẽ với Sở Y tế trong quá trình giải quyết thủ tục hành chính.
2. Sở Văn hóa, Thể thao và Du lịch
Định hướng các cơ quan truyền thông đẩy mạnh tuyên truyền về nội dung Quyết định này.
3. Các doanh nghiệp kinh doanh xăng dầu
Thực hiện nghiêm túc các nội dung tại Quyết định này.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
""")


def test_an_item_under_a_body_s_heading_worded_like_a_closing_is_that_body_s_task():
    # the first paragraph under the heading, or an item another follows, is the body's work, whatever document it
    # names or whom it lets know; the bodies of a purpose clause ("để người dân, doanh nghiệp biết") do not act
    assert openings(BODIES_ITEMS_WORDED_AS_CLOSINGS, 14) == [
        ("Ủy ban nhân dân các xã, phường", "Niêm yết công "),
        ("Ủy ban nhân dân các xã, phường", "Thực hiện tuyê"),
        ("Ủy ban nhân dân các xã, phường", "Phối hợp chặt "),
        ("Sở Văn hóa, Thể thao và Du lịch", "Định hướng các"),
        ("Các doanh nghiệp kinh doanh xăng dầu", "Thực hiện nghi"),
    ]


def test_a_role_a_regulation_gives_a_responsibility_is_a_doer_in_its_other_clauses():
    text = ("THÔNG TƯ\nQuy định kỹ thuật vận hành trạm thu dữ liệu viễn thám\n"
            "Điều 5. Lập yêu cầu thu quét dữ liệu\n"
            "1. Cán bộ kỹ thuật vận hành trạm thu dữ liệu viễn thám có trách nhiệm tiếp nhận kế hoạch thu quét dữ liệu.\n"
            "2. Cán bộ kỹ thuật vận hành trạm thu dữ liệu viễn thám gửi yêu cầu thu quét dữ liệu đến trạm điều khiển.\n"
            "3. Sau khi kết thúc phiên thu, cán bộ kỹ thuật vận hành trạm thu dữ liệu viễn thám kiểm tra thiết bị.\n"
            "4. Cán bộ kỹ thuật vận hành trạm thu dữ liệu viễn thám chỉ được sử dụng thiết bị đã kiểm định.\n")
    tasks = extract_text(text, source_file="tt.txt").tasks
    role = "Cán bộ kỹ thuật vận hành trạm thu dữ liệu viễn thám"
    assert [(t.agency, t.task[:20]) for t in tasks] == [
        (role, "Cán bộ kỹ thuật vận "), (role, "Cán bộ kỹ thuật vận "), (role, "Sau khi kết thúc phi")]
    # in a letter, which lays down no rules, the phrase is no role of its own
    letter = text.replace("THÔNG TƯ\nQuy định", "CÔNG VĂN\nV/v")
    assert not [t for t in extract_text(letter, source_file="cv.txt").tasks if " gửi yêu cầu" in t.task]


def test_the_head_of_a_role_or_of_a_kind_of_body_stands_for_it():
    text = ("THÔNG TƯ\nQuy định về kiểm tra chuyên ngành\n"
            "Điều 5. Tiến hành kiểm tra\n"
            "1. Đoàn kiểm tra có trách nhiệm báo cáo kết quả kiểm tra.\n"
            "2. Trưởng Đoàn kiểm tra tổ chức cuộc họp của Đoàn kiểm tra để phổ biến kế hoạch kiểm tra.\n"
            "3. Trường hợp cần thiết, Trưởng Đoàn kiểm tra yêu cầu đối tượng kiểm tra cung cấp thông tin.\n"
            "4. Người đứng đầu cơ quan sử dụng có trách nhiệm phân công công việc cho công chức.\n")
    assert [(t.agency, t.task[:20]) for t in extract_text(text, source_file="tt.txt").tasks] == [
        ("Đoàn kiểm tra", "Đoàn kiểm tra có trá"), ("Đoàn kiểm tra", "Trưởng Đoàn kiểm tra"),
        ("Đoàn kiểm tra", "Trường hợp cần thiết"), ("Cơ quan sử dụng", "Người đứng đầu cơ qu")]


def test_an_article_is_of_background_only_where_its_title_opens_with_it():
    assert _section_kind("Điều 10. Báo cáo kết quả kiểm tra", None, article=True) is None
    assert _section_kind("Điều 3. Nguyên tắc chung", None, article=True) is False
    assert _section_kind("2. Kết quả đạt được", None) is False
    # after a document the title cites, the words are that document's subject
    assert _section_kind("Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BCT quy định phương pháp "
                         "xác định giá", None, article=True) is False
    text = ("THÔNG TƯ\nQuy định về kiểm tra chuyên ngành\n"
            "Điều 9. Nguyên tắc kiểm tra\n"
            "1. Đoàn kiểm tra thực hiện đúng kế hoạch kiểm tra đã được phê duyệt.\n"
            "Điều 10. Báo cáo kết quả kiểm tra\n"
            "1. Đoàn kiểm tra có trách nhiệm báo cáo kết quả kiểm tra.\n"
            "2. Trong thời hạn 15 ngày, Sở Công Thương ban hành văn bản nhận xét về kết quả kiểm tra.\n")
    assert [(t.agency, t.task[:20]) for t in extract_text(text, source_file="tt.txt").tasks] == [
        ("Đoàn kiểm tra", "Đoàn kiểm tra có trá"), ("Sở Công Thương", "Trong thời hạn 15 ng")]


def test_a_statement_of_what_something_is_is_no_task():
    text = ("II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Phát triển y tế số là một trụ cột quan trọng của kinh tế số.\n"
            "2. Dữ liệu số: Dữ liệu là yếu tố sản xuất, nguồn tài nguyên chiến lược.\n"
            "3. Xây dựng Cổng dữ liệu của tỉnh là đầu mối cung cấp dữ liệu mở.\n"
            "4. Thanh lý tài sản công là tài sản cố định có nguyên giá dưới 01 tỷ đồng.\n")
    # a role in the work and a restrictive "là" ("tài sản công là tài sản cố định") say no such thing
    assert [t.task[:12] for t in extract_text(text, source_file="kh.txt").tasks] == ["Xây dựng Cổn", "Thanh lý tài"]


@pytest.mark.parametrize("duty", [
    "Khi nhận được văn bản thu hồi thì phải báo cáo ngay cho cơ quan, đơn vị thực hiện khóa tài khoản.",
    "Khi phát hiện tài liệu mật phải kịp thời thông báo đến Sở Khoa học và Công nghệ và cơ quan, đơn vị nơi gửi đi "
    "tài liệu đó để gỡ bỏ.",
])
def test_a_body_after_a_comma_once_the_duty_has_begun_is_its_object_and_the_heading_names_the_doer(duty):
    text = ("QUYẾT ĐỊNH:\nĐiều 9. Trách nhiệm của cá nhân sử dụng hộp thư\n"
            f"1. Thường xuyên kiểm tra hộp thư điện tử công vụ.\n2. {duty}\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Cá nhân sử dụng hộp thư"] * 2


def test_a_duty_inside_a_condition_that_then_closes_leaves_the_subject_after_it():
    text = ("QUYẾT ĐỊNH:\nĐiều 5. Tổ chức thực hiện\n1. Trong trường hợp có nội dung cần phải có tư vấn, phản biện "
            "ngoài Chương trình công tác thì Liên hiệp các hội Khoa học và Kỹ thuật tỉnh đề xuất nhiệm vụ.\n")
    tasks = extract_text(text, source_file="qd.txt").tasks
    assert [t.agency for t in tasks] == ["Liên hiệp các hội Khoa học và Kỹ thuật tỉnh"]


def test_results_head_a_background_section_only_as_its_title_s_head_noun():
    assert _section_kind("KẾT QUẢ THỰC HIỆN NĂM 2024", None) is False
    assert _section_kind("Xử lý số liệu, tuyên truyền, báo cáo kết quả quan trắc", True) is True


def test_an_article_of_decentralised_powers_lists_what_each_body_may_decide_not_its_tasks():
    text = ("Điều 2. Nội dung phân cấp\n\n1. Sở Xây dựng\n\n"
            "a) Quyết định điều chuyển máy móc, thiết bị giữa các đơn vị thuộc phạm vi quản lý;\n\n"
            "b) Phê duyệt phương án thanh lý máy móc, thiết bị có nguyên giá dưới 500 triệu đồng.\n\n"
            "2. Ủy ban nhân dân cấp xã\n\na) Quyết định thu hồi máy móc, thiết bị tại các đơn vị thuộc phạm vi quản lý.\n\n"
            "Điều 3. Tổ chức thực hiện\n\n1. Sở Xây dựng hướng dẫn các cơ quan thực hiện Quyết định này.\n")
    assert openings(text, 11) == [("Sở Xây dựng", "Sở Xây dựng")]


def test_an_article_on_the_duties_and_competence_of_a_body_gives_it_a_task_per_clause():
    text = ("Điều 9. Trách nhiệm, thẩm quyền của cơ quan quản lý trạm\n\n"
            "1. Tổ chức vận hành trạm quan trắc theo quy định.\n\n"
            "2. Báo cáo cơ quan cấp trên về kết quả quan trắc hằng quý.\n\n"
            "Điều 10. Hiệu lực thi hành\n\nThông tư này có hiệu lực kể từ ngày 01 tháng 01 năm 2026.\n")
    assert openings(text, 12) == [("Cơ quan quản lý trạm", "Tổ chức vận "), ("Cơ quan quản lý trạm", "Báo cáo cơ q")]


def test_a_label_naming_a_kind_of_doer_by_its_function_gives_its_work_to_it():
    text = _regulation(
        "Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý giá.",
        "Điều 9. Thẩm quyền, trách nhiệm thực hiện kiểm tra giá",
        "1. Thẩm quyền quyết định kiểm tra thực hiện theo quy định về phân cấp quản lý.",
        "2. Trách nhiệm thực hiện:",
        "a) Cơ quan nơi kiểm tra: Lập biên bản kiểm tra, gửi kết quả về Sở Tài chính;",
        "b) Cơ quan, bộ phận tham mưu về giá của đơn vị: Tổng hợp kết quả kiểm tra hằng năm;",
        "c) Sở Tài chính phối hợp Ban Quản lý các khu công nghiệp: hướng dẫn các đơn vị kiểm kê tài sản.")
    assert openings(text, 14) == [
        ("Cơ quan nơi kiểm tra", "Lập biên bản k"),
        ("Cơ quan, bộ phận tham mưu về giá của đơn vị", "Tổng hợp kết q"),
        ("Sở Tài chính", "Sở Tài chính p")]  # a label holding a body's own name is read as a sentence
    finder = TaskFinder(build_pipeline())
    finder._lays_down_rules = True
    assert finder._read("Cơ quan kiểm tra: Sở Tài chính.") is None  # a field whose value is a name
    assert _section_kind("Điều 9. Thẩm quyền, trách nhiệm thực hiện kiểm tra giá", None, article=True) is not RULES
    assert _section_kind("Điều 8. Thẩm quyền quyết định giá", None, article=True) is RULES


def test_a_heading_listing_kinds_of_body_by_their_work_names_them_whole_one_doer_per_kind_of_its_own():
    finder = TaskFinder(build_pipeline())
    # no clause of its own: the verbs after the kinds say which ones, and a role before them is a doer of its own
    assert finder._heading_agencies("Chủ đầu tư, tổ chức, đơn vị thi công, giám sát công trình") == [
        "Chủ đầu tư", "Tổ chức, đơn vị thi công, giám sát công trình"]


def test_a_lead_cell_naming_a_kind_of_body_with_its_qualifier_names_it_whole():
    text = _conclusion_with_task_table("21/TB-UBND", "", """
Lắp đặt thiết bị giám sát hành trình cho tàu cá

Nghị quyết số 71/NQ-CP

Các địa phương có cảng cá

30/09/2025

2.

Xây dựng mô hình điểm về kinh tế biển

Nghị quyết số 71/NQ-CP

Các địa phương chủ trì

31/12/2025
""")
    rows = extract_text(text, source_file="tb.txt").tasks[1:]
    assert [(t.agency, t.task) for t in rows] == [
        ("Các địa phương có cảng cá", "Lắp đặt thiết bị giám sát hành trình cho tàu cá"),
        ("Các địa phương chủ trì", "Xây dựng mô hình điểm về kinh tế biển")]
