import re
from functools import lru_cache

import pytest

from ccn_docs.extract.directive import extract_text
from ccn_docs.extract.header import NO_LINE, read_header, split_recipient_line
from ccn_docs.extract.layout import blocks, split_lines
from ccn_docs.types import Directive

from .extract_fixtures import CONG_VAN, DECISION_WITH_FORM, SCORE_SHEET, regulation_with_annexes
from .shared_corpus import SHARED, needs_shared_corpus

MERGED_OCR = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH HA NAM Doc lap - Tu do - Hanh phuc
So: 88/UBND-KT Ha Nam, ngay 9 thang 10 nam 2024

V/v trien khai ke hoach

Kinh gui: Cac so, ban, nganh tinh.

Noi dung van ban.
"""


def read(text):
    lines = split_recipient_line(split_lines(text))
    directive = Directive(source_file="x.txt")
    header = read_header(lines, blocks(lines), directive)
    return directive, header


def test_header_fields_of_a_cong_van():
    d, header = read(CONG_VAN)
    assert (d.issuer, d.parent_issuer, d.number, d.place, d.date, d.type) == (
        "Ủy ban nhân dân tỉnh Hà Nam", None, "1234/UBND-KT", "Hà Nam", "2025-03-05", "Công văn")
    assert d.subject == "tăng cường quản lý chợ trên địa bàn tỉnh"
    assert d.recipients == ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố"]
    assert d.distribution == ["Như trên", "TT Tỉnh ủy, TT HĐND tỉnh", "Lưu: VT, KT"]
    assert (d.signer, d.signer_title) == ("Trần Văn Bình", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    assert header.body_start_line == 13


def test_a_header_without_its_date_line_ends_at_the_preamble():
    text = ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nSố: 1655/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\nVề việc sắp xếp các đơn vị hành chính\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n\n"
            "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội;\n\nQUYẾT NGHỊ:\n\n"
            "Điều 1. Sắp xếp các đơn vị hành chính cấp xã.\n")
    directive = extract_text(text, source_file="nq.txt")
    assert directive.date is None
    assert [r.number for r in directive.legal_bases] == ["72/2025/QH15", "202/2025/QH15"]


def test_merged_header_columns_without_diacritics():
    d, _ = read(MERGED_OCR)
    assert d.issuer == "Ủy ban nhân dân tỉnh Ha Nam"
    assert (d.number, d.date, d.place) == ("88/UBND-KT", "2024-10-09", "Ha Nam")
    assert d.recipients == ["Cac so, ban, nganh tinh"]


def test_parent_issuer_from_two_header_units():
    d, _ = read("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5/CT-CS\nHà Nội, ngày 1 tháng 2 năm 2025\n")
    assert (d.parent_issuer, d.issuer) == ("Bộ Tài chính", "Cục Thuế")


def test_subject_read_onto_the_number_line_a_lost_space_in_the_date_and_a_short_issuer():
    d, _ = read("BỘ Y TẾ\n\nSố: 5387/BYT-KH v/v trả lời phản ánh\nkiến nghị của cử tri\n\n"
                "Hà Nội, ngày 20 tháng11 năm 2025\n\nKính gửi: Sở Y tế các tỉnh\n")
    assert (d.issuer, d.number, d.date) == ("Bộ Y tế", "5387/BYT-KH", "2025-11-20")
    assert d.subject == "trả lời phản ánh kiến nghị của cử tri"


def test_date_is_read_only_from_the_place_and_date_line_never_from_a_citation_or_a_sentence():
    summary = "Hàng hóa nhập khẩu từ ngày 24 tháng 02 năm 2025.\n\n"
    header = "BỘ CÔNG THƯƠNG\n\nSố: 61/2025/TT-BCT\n\n"
    preamble = ("THÔNG TƯ\n\nQuy định về thuế\n\nCăn cứ Luật Giá ngày 19 tháng 6 năm 2023;\n\n"
                "Căn cứ Luật Quản lý ngoại thương ngày 12 tháng 6 năm 2017;\n")
    for place_and_date in ("Hà Nội, ngày 02 tháng 12 năm 2025", "Hà Nội ngày 02 tháng 12 năm 2025"):
        dated, _ = read(summary + header + place_and_date + "\n\n" + preamble)
        assert (dated.date, dated.place) == ("2025-12-02", "Hà Nội")
    undated, _ = read(header + preamble)
    assert undated.date is None


def test_without_its_place_and_date_line_a_document_takes_the_date_it_gives_itself_in_its_body():
    header = "CHÍNH PHỦ Số: 170/2025/NĐ-CP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nNGHỊ ĐỊNH\n\nQuy định về công chức\n\n"
    body = ("Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
            "Nghị định này quy định về tuyển dụng công chức.\n\n")
    annex = "Phụ lục\n\n(Kèm theo Nghị định số 170/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ)\n"
    assert read(header + body + annex)[0].date == "2025-06-30"
    assert read(header + body)[0].date is None  # the cited law's date is not the document's
    other = annex.replace("170/2025", "171/2025")
    assert read(header + body + other)[0].date is None  # another document's number
    resolution = ("ỦY BAN THƯỜNG VỤ QUỐC HỘI Số: 1655/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\nVề việc sắp xếp\n\n"
                  "Điều 1. Sắp xếp các đơn vị hành chính cấp xã.\n\n"
                  "Nghị quyết này được Ủy ban Thường vụ Quốc hội khóa XV thông qua ngày 16 tháng 6 năm 2025.\n")
    assert read(resolution)[0].date == "2025-06-16"
    assert read(header + body + annex + resolution.replace("16 tháng 6", "17 tháng 6"))[0].date is None  # two dates


def test_a_header_run_onto_the_numbers_line_still_gives_its_issuer():
    d, _ = read("CHÍNH PHỦ__________ Số: 170/2025/NĐ-CP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\n"
                "NGHỊ ĐỊNH\n\nQuy định về công chức\n\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n")
    assert (d.issuer, d.number) == ("Chính phủ", "170/2025/NĐ-CP")


def test_a_header_without_the_issuers_column_takes_the_body_that_enacts_the_text():
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 1655/NQ-UBTVQH15\n\n"
    resolution = motto + "NGHỊ QUYẾT\n\nVề việc sắp xếp\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp;\n"
    assert read(resolution)[0].issuer == "Ủy ban Thường vụ Quốc hội"
    decision = motto + "QUYẾT ĐỊNH\n\nVề việc X\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n\nCăn cứ Luật A;\n"
    assert read(decision)[0].issuer == "Ủy ban nhân dân tỉnh Bắc Ninh"  # issued by the body its head heads
    circular = motto + ("Quy định chế độ trả tiền lương\n\nCăn cứ Luật Giáo dục số 43/2019/QH14;\n\n"
                        "Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định chế độ trả tiền lương.\n")
    assert read(circular)[0].issuer == "Bộ Giáo dục và Đào tạo"
    assert read(motto + "NGHỊ QUYẾT\n\nVề việc sắp xếp\n\nCăn cứ Hiến pháp;\n")[0].issuer is None
    assert read(decision.replace(" BẮC NINH", ""))[0].issuer is None  # no place: the name is not whole


def test_recipient_line_joined_to_first_paragraph_is_split():
    lines = split_recipient_line(split_lines("Kính gửi: Bộ trưởng Bộ Y tế Xét đề nghị của Bộ Y tế tại Tờ trình số 5/TTr-BYT, Văn phòng Chính phủ thông báo"))
    assert [line.text for line in lines] == ["Kính gửi: Bộ trưởng Bộ Y tế",
                                             "Xét đề nghị của Bộ Y tế tại Tờ trình số 5/TTr-BYT, Văn phòng Chính phủ thông báo"]



def test_a_word_that_only_begins_like_kinh_gui_opens_no_recipients():
    notice = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 12/TB-VPCP\nHà Nội, ngày 3 tháng 3 năm 2025\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n"
              "1. Bộ Công an phát triển ứng dụng định danh.\n"
              "2. Bộ Công an phát triển ứng dụng thành kênh giao tiếp chính thức giữa người dân với Nhà nước.\n")
    directive, header = read(notice)
    assert directive.recipients == []
    assert header.body_start_line <= 6  # the body keeps its first item


def test_recipient_line_split_where_the_page_width_wrapped_the_first_paragraph_after_a_few_words():
    lines = split_recipient_line(split_lines(
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương Căn cứ Luật Tổ\n"
        "chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"))
    assert [line.text for line in lines if line.text] == ["Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                                             "Căn cứ Luật Tổ", "chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"]

SCANNED = """CÔNG AN TP ĐÀ NẴNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
- PHÒNG AN NINH KINH TẾ
Độc lập - Tự do - Hạnh phúc
z)
Số: 27 /CV-PA09
Đà Nẵng, ngày 2Ó tháng 5 năm 2019
V/v triển khai công tác bảo vệ
an ninh nội bộ
Kính gửi: - Sở Tài chính thành phố Đà Nẵng;
»h»
- Các cơ sở giáo dục trên địa bàn thành phố.
Thời gian qua, trên địa bàn thành phố đã xảy ra một số vụ việc phức tạp liên quan đến an ninh nội bộ tại các cơ quan, đơn vị.
Đề nghị các cơ quan, đơn vị phối hợp thực hiện.
Nơi nhận: _ TRƯỞNG PHÒNG
- Như trên; s `
- Lưu: VT.
Và `
Thượng tá Trần Văn Nam
"""


def test_scanned_header_leaves_handwritten_number_and_day_empty_and_reads_through_stray_marks():
    d, _ = read(SCANNED)
    assert d.number is None and d.date is None and d.type == "Công văn"
    assert any("number" in w and "27 /CV-PA09" in w for w in d.warnings)
    assert any("date" in w for w in d.warnings)
    assert (d.issuer, d.parent_issuer) == ("Phòng An ninh kinh tế", "Công an thành phố Đà Nẵng")
    assert d.subject == "triển khai công tác bảo vệ an ninh nội bộ"
    assert d.recipients == ["Sở Tài chính thành phố Đà Nẵng", "Các cơ sở giáo dục trên địa bàn thành phố"]
    assert d.distribution == ["Như trên", "Lưu: VT"]
    assert (d.signer_title, d.signer) == ("TRƯỞNG PHÒNG", "Trần Văn Nam")


def test_a_slash_read_as_j_is_no_blank_left_for_handwriting():
    d, _ = read("UY BAN NHAN DAN\nTINH HA NAM\nS 88 JUBND-KT Ha Nam, ngay 9 thang 10 nam 2024\n")
    assert d.number == "88/UBND-KT" and not d.warnings


def test_copy_stamp_is_not_the_document():
    d, _ = read("SAO Y BẢN CHÍNH  Số: 12/SY-VP\nỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 1234/UBND-KT\n"
                "V/v tăng cường quản lý chợ\nHà Nam, ngày 5 tháng 3 năm 2025\n\nNội dung văn bản.\n")
    assert d.number == "1234/UBND-KT" and d.subject == "tăng cường quản lý chợ"


WRAPPED_RECIPIENTS = """BỘ NỘI VỤ
Số: 12/CĐ-BNV Hà Nội, ngày 3 tháng 2 năm 2025
CÔNG ĐIỆN
Về việc chuẩn bị mùa khô
BỘ NỘI VỤ điện:
- Giám đốc Sở Nội vụ các tỉnh, thành phố: Sơn La, Điện Biên, Lai
Châu, Lào Cai, Hà Giang;
- Các Cục: Văn thư và Lưu trữ nhà nước, Tiền lương và Bảo hiểm xã hội,
Công chức, viên chức;
- Trường Đào tạo, bồi dưỡng cán bộ.
Để chủ động ứng phó với mùa khô năm nay, Bộ Nội vụ yêu cầu các cơ quan, đơn vị
thực hiện các việc sau:
"""


def test_a_recipient_wrapped_onto_the_next_line_is_one_recipient():
    d, header = read(WRAPPED_RECIPIENTS)
    assert d.recipients == [
        "Giám đốc Sở Nội vụ các tỉnh, thành phố: Sơn La, Điện Biên, Lai Châu, Lào Cai, Hà Giang",
        "Các Cục: Văn thư và Lưu trữ nhà nước, Tiền lương và Bảo hiểm xã hội, Công chức, viên chức",
        "Trường Đào tạo, bồi dưỡng cán bộ"]
    assert header.body_start_line == 11


def test_the_first_word_of_the_issuer_broken_onto_its_own_line_is_no_stray_mark():
    d, _ = read("SỞ\nGIÁO DỤC VÀ ĐÀO TẠO\nTỈNH HÀ NAM\nSố: 77/SGDĐT-VP Hà Nam, ngày 2 tháng 4 năm 2025\n")
    assert d.issuer == "Sở Giáo dục và Đào tạo tỉnh Hà Nam"
    d, _ = read("ỦY\nBAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 5/UBND-KT Ninh Bình, ngày 2 tháng 4 năm 2025\n")
    assert d.issuer == "Ủy ban nhân dân tỉnh Ninh Bình"
    d, _ = read("Z\nBỘ TƯ PHÁP\nSố: 9/BTP-VP Hà Nội, ngày 2 tháng 4 năm 2025\n")
    assert d.issuer == "Bộ Tư pháp"


def test_with_no_closing_the_body_ends_where_a_list_of_procedures_issued_with_it_begins():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 2691/QĐ-UBND\nQuảng Trị, ngày 18 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "Công bố thủ tục hành chính nội bộ\nQUYẾT ĐỊNH:\nĐiều 1. Công bố kèm theo Quyết định này 02 thủ tục hành chính.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nPHỤ LỤC\nTHỦ TỤC HÀNH CHÍNH NỘI BỘ\n"
            "(Kèm theo Quyết định số 2691/QĐ-UBND ngày 18 tháng 11 năm 2025)\n"
            "Bước 1: Trong thời hạn 05 ngày làm việc, Sở Tư pháp có trách nhiệm thẩm định hồ sơ.\n")
    lines = split_lines(text)
    header = read_header(lines, blocks(lines), Directive(source_file="qd.txt"))
    appendix = next(line.number for line in lines if line.text == "PHỤ LỤC")
    assert header.body_end_line == appendix and header.attachment_line == 10**9


def test_a_title_written_over_two_lines_is_the_type_not_a_later_heading():
    d, _ = read("CHÍNH PHỦ\nSố: 308/2025/NĐ-CP\nHà Nội, ngày 28 tháng 11 năm 2025\n\nNGHỊ\nĐỊNH\n\nQUY\n"
                "ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT DI SẢN VĂN HÓA\n\nCăn cứ Luật Di sản văn hóa;\n\n"
                "Chương I\n\nNHỮNG\nQUY ĐỊNH CHUNG\n")
    assert d.type == "Nghị định"
    assert d.subject.startswith("QUY ĐỊNH CHI TIẾT")



def test_a_form_issued_with_a_regulation_is_found_after_it():
    lines = split_lines(DECISION_WITH_FORM)
    header = read_header(lines, blocks(lines), Directive(source_file="qd.txt"))
    regulation = next(line.number for line in lines if line.text == "QUY ĐỊNH")
    form = next(line.number for line in lines if line.text == "PHỤ LỤC 02")
    assert header.attachment_line == regulation and header.form_line == form


def test_a_form_inside_the_text_runs_from_its_annex_title_to_the_next_annex():
    text = regulation_with_annexes(SCORE_SHEET, SCORE_SHEET.replace("Phụ lục 01", "Phụ lục 02"),
                                   "Phụ lục 03\nDANH MỤC NHIỆM VỤ", "1. Sở Nội vụ rà soát quy định.")
    lines = split_lines(text)
    header = read_header(lines, blocks(lines), Directive(source_file="qd.txt"))
    first, second, third = (next(line.number for line in lines if line.text == f"Phụ lục 0{n}") for n in (1, 2, 3))
    assert header.forms == [(first, second), (second, third)]


@pytest.mark.parametrize("title", ["KẾ HOẠCH\nĐánh giá cán bộ năm 2026\n(Kèm theo Quyết định số 21/2025/QĐ-UBND)",
                                   "NỘI QUY CHỢ ……………"])
def test_a_plan_or_model_rules_under_their_own_header_are_no_form(title):
    text = regulation_with_annexes("Phụ lục 01", "ỦY BAN NHÂN DÂN XÃ ……", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                   "Độc lập - Tự do - Hạnh phúc", title, "Điều 1. Ban quản lý chợ kiểm tra …")
    lines = split_lines(text)
    assert read_header(lines, blocks(lines), Directive(source_file="qd.txt")).forms == []


def test_a_form_between_articles_ends_at_the_next_article_not_at_its_own_template_articles():
    text = regulation_with_annexes(
        "Điều 2. Trách nhiệm của Sở Y tế", "1. Khám sức khỏe cho cán bộ.", SCORE_SHEET, "QUYẾT ĐỊNH\nVề việc xếp loại ……",
        "Điều 1. Xếp loại ông (bà) ……", "Điều 2. ……… chịu trách nhiệm thi hành.",
        "Điều 3. Trách nhiệm của Sở Tài chính", "1. Bố trí kinh phí đánh giá.")
    lines = split_lines(text)
    header = read_header(lines, blocks(lines), Directive(source_file="qd.txt"))
    form = next(line.number for line in lines if line.text == "Phụ lục 01")
    article = next(line.number for line in lines if line.text == "Điều 3. Trách nhiệm của Sở Tài chính")
    assert header.forms == [(form, article)]


def _decision_issuing(*attached: str, subject: str = "Ban hành Quy trình") -> str:
    return "\n\n".join([
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/2025/QĐ-UBND\nHà Nam, ngày 4 tháng 11 năm 2025", f"QUYẾT ĐỊNH\n{subject}",
        "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Quy trình rà soát.", "Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.",
        "CHỦ TỊCH", "Nguyễn Văn A", *attached]) + "\n"


def test_a_procedure_issued_with_a_decision_is_read_and_its_forms_are_not():
    text = _decision_issuing(
        "QUY TRÌNH\nRÀ SOÁT ĐỐI TƯỢNG HỖ TRỢ\n(Ban hành kèm theo Quyết định số 12/2025/QĐ-UBND)",
        "Bước 1. Trong vòng 02 ngày làm việc, Ủy ban nhân dân cấp xã tiếp nhận hồ sơ.",
        "Phụ lục\nDANH MỤC BIỂU MẪU\n(Ban hành kèm theo Quyết định số 12/2025/QĐ-UBND)", "Mẫu số 01", "Tên cơ quan")
    lines = split_lines(text)
    header = read_header(lines, blocks(lines), Directive(source_file="qd.txt"))
    procedure = next(line.number for line in lines if line.text == "QUY TRÌNH")
    forms = next(line.number for line in lines if line.text == "DANH MỤC BIỂU MẪU")
    assert header.attachment_line == procedure and header.form_line == forms


def test_the_internal_steps_of_administrative_procedures_are_no_attachment_to_read():
    text = _decision_issuing(
        "PHỤ LỤC\nQUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n(Kèm theo Quyết định số 12/2025/QĐ-UBND)",
        "Bước 1. Bộ phận một cửa tiếp nhận hồ sơ.")
    lines = split_lines(text)
    assert read_header(lines, blocks(lines), Directive(source_file="qd.txt")).attachment_line == 10**9


_INDICATOR_TABLE = "STT\nChỉ tiêu\nĐơn vị\n{lead}\n1\nTỉ lệ hồ sơ được số hóa\n%\nVăn phòng Chính phủ"


@pytest.mark.parametrize("title", ["PHỤ LỤC I\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ", "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026"])
def test_an_issued_table_whose_rows_name_the_body_responsible_is_read_whatever_its_title(title):
    lines = split_lines(_decision_issuing(f"{title}\n(Kèm theo Quyết định số 12/2025/QĐ-UBND)",
                                          _INDICATOR_TABLE.format(lead="Cơ quan chủ trì theo dõi")))
    first = next(line.number for line in lines if line.text == title.split("\n")[0])
    assert read_header(lines, blocks(lines), Directive(source_file="qd.txt")).attachment_line == first


@pytest.mark.parametrize("title", ["PHỤ LỤC I\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ", "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026"])
def test_an_issued_table_of_figures_that_names_no_one_is_not_read(title):
    lines = split_lines(_decision_issuing(f"{title}\n(Kèm theo Quyết định số 12/2025/QĐ-UBND)",
                                          _INDICATOR_TABLE.format(lead="Ghi chú")))
    assert read_header(lines, blocks(lines), Directive(source_file="qd.txt")).attachment_line == 10**9


@pytest.mark.parametrize("written, number", [
    ("7886/HD-BNV", "7886/HD-BNV"),  # a guidance's own code, not "HĐ"
    ("21/2025/NĐ-CP", "21/2025/NĐ-CP"),
    ("21/2025/ND-CP", "21/2025/NĐ-CP"),  # after the year too, a code that lost its marks is written as known
])
def test_a_numbers_code_is_read_part_by_part(written, number):
    directive, _ = read(CONG_VAN.replace("Số: 1234/UBND-KT", f"Số: {written}"))
    assert directive.number == number


_EXPORT_PLAN = "KẾ HOẠCH\nXUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH HÀ NAM\nGIAI ĐOẠN 2026 - 2030"
_EXPORT_TASK = "1. Sở Công Thương chủ trì xây dựng chương trình xúc tiến thương mại."


@pytest.mark.parametrize("subject, attached", [
    ("Về việc ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Hà Nam giai đoạn 2026 - 2030", _EXPORT_PLAN),
    # the "về" of the subject's "Quy định về …" left out of the title
    ("Ban hành Quy định về quản lý an toàn trong sử dụng điện", "QUY ĐỊNH\nQUẢN\nLÝ AN TOÀN TRONG SỬ DỤNG ĐIỆN"),
], ids=["plan", "regulation"])
def test_a_document_issued_with_no_attached_line_is_found_by_the_title_the_subject_names(subject, attached):
    lines = split_lines(_decision_issuing(attached, _EXPORT_TASK, subject=subject))
    title = next(line.number for line in lines if line.text == attached.split("\n")[0])
    assert read_header(lines, blocks(lines), Directive(source_file="qd.txt")).attachment_line == title


@pytest.mark.parametrize("subject, attached", [
    ("Về việc giao chỉ tiêu xuất khẩu sản phẩm hàng hóa năm 2026", _EXPORT_PLAN),  # the subject issues nothing
    ("Về việc ban hành Kế hoạch phát triển du lịch tỉnh Hà Nam giai đoạn 2026 - 2030", _EXPORT_PLAN),  # another plan
    ("Về việc ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Hà Nam giai đoạn 2026 - 2030",
     "Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Hà Nam được thực hiện từ năm 2026."),  # prose, no title in capitals
], ids=["subject-issues-nothing", "another-plan", "prose"])
def test_a_later_title_the_subject_does_not_name_is_no_issued_document(subject, attached):
    lines = split_lines(_decision_issuing(attached, _EXPORT_TASK, subject=subject))
    assert read_header(lines, blocks(lines), Directive(source_file="qd.txt")).attachment_line == 10**9


# Open decisions issuing a plan or a regulation under "(Kèm theo / Ban hành kèm theo Quyết định …)".
_ISSUING_DECISIONS = [
    "0f98ee482389e59e", "1a434d0a7e14dc93", "322358d6040a153b", "32bf80ce6d1e997e", "3928ef06a8929828",
    "3bc52886147b6a70", "448306af3d3a91f7", "548693349b18e8cf", "5b692e230f990be5", "8d9779edcdd6c422",
    "abc00053e9811268", "c5f09c7770858e97", "cdb6ad27b3c3f13b", "ce4ad96dbd9a518d", "d71b3a48efad6d2c",
    "e5fc434ba0580ac0", "fd4c4d6ec377c4d2",
]
_ATTACHED_LINE = re.compile(r"^\s*\(\s*(?:Ban hành )?[Kk]èm theo Quyết định.*\n", re.MULTILINE)


@lru_cache(maxsize=None)
def _tasks(text: str) -> list[tuple]:
    return sorted((str(task.agency), task.task, task.deadline or "") for task in extract_text(text, source_file="qd.txt").tasks)


@needs_shared_corpus
@pytest.mark.parametrize("stand_in", ["", "(K~m th~o Qu~ết đ~nh s~ 12)\n"], ids=["cut", "misread"])
@pytest.mark.parametrize("name", _ISSUING_DECISIONS)
def test_a_decision_issuing_a_document_reads_it_the_same_when_its_attached_line_is_cut_or_misread(name, stand_in):
    text = (SHARED / "admin" / f"{name}.txt").read_text(encoding="utf-8")
    assert _tasks(text)
    assert _tasks(_ATTACHED_LINE.sub(stand_in, text, count=1)) == _tasks(text)


DECISION_HEAD = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ

Số: 2610/QĐ-UBND

Cần Thơ, ngày 24 tháng 11 năm 2025

QUYẾT ĐỊNH
{title}
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế sử dụng Hệ thống.
"""


@pytest.mark.parametrize("title", [
    "\nVỀ VIỆC BAN HÀNH QUY CHẾ SỬ DỤNG HỆ THỐNG LẤY Ý\nKIẾN ĐIỆN TỬ\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN\nTHƠ\n",
    "VỀ VIỆC BAN HÀNH QUY CHẾ SỬ DỤNG HỆ THỐNG LẤY Ý\nKIẾN ĐIỆN TỬ\nỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
])
def test_a_decisions_subject_drops_its_joining_words_and_stops_before_the_enacting_authority(title):
    d, _ = read(DECISION_HEAD.format(title=title))
    assert d.subject == "BAN HÀNH QUY CHẾ SỬ DỤNG HỆ THỐNG LẤY Ý KIẾN ĐIỆN TỬ"


def test_a_capitals_title_line_that_the_preamble_does_not_follow_stays_in_the_subject():
    title = "\nBAN HÀNH QUY CHẾ PHỐI HỢP CỦA\n\nỦY BAN NHÂN DÂN CÁC PHƯỜNG\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\n"
    d, _ = read(DECISION_HEAD.format(title=title))
    assert d.subject == "BAN HÀNH QUY CHẾ PHỐI HỢP CỦA ỦY BAN NHÂN DÂN CÁC PHƯỜNG"


def test_the_signature_before_the_regulation_a_decision_issues_is_read_with_the_body_it_signs_for():
    closing = "\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nTM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Khởi\n\n"
    regulation = "QUY CHẾ\nSỬ DỤNG HỆ THỐNG\n\n" + "".join(f"Điều {n}. Nội dung điều {n} của quy chế.\n\n" for n in range(1, 40))
    d, _ = read(DECISION_HEAD.format(title="BAN HÀNH QUY CHẾ") + closing + regulation)
    assert (d.signer, d.signer_title) == ("Nguyễn Văn Khởi", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH")


def test_the_distribution_list_ends_where_the_signature_names_the_body_it_signs_for():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN\nNHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Khởi\n")
    assert d.distribution == ["Như Điều 3", "Lưu: VT"]


def test_a_restored_vv_label_before_a_lower_case_subject_is_the_subject_label():
    d, _ = read("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẮC GIANG Độc lập - Tự do - Hạnh phúc\n"
                "Số: 20/UBND-KTTH Bắc Giang, ngày 22 tháng 4 năm 2024\n\nVỤ tăng cường công tác quản lý,\n"
                "phát triển cụm công nghiệp\n\nKính gửi: Sở Công Thương\n")
    assert d.subject == "tăng cường công tác quản lý, phát triển cụm công nghiệp"


def test_a_unit_named_vu_in_the_header_is_no_subject_label():
    d, _ = read("BỘ TÀI CHÍNH\nVỤ PHÁP CHẾ\nSố: 5/VPC\nHà Nội, ngày 1 tháng 2 năm 2025\n\nKính gửi: Sở Tài chính\n")
    assert d.subject is None


@pytest.mark.parametrize("written, kept", [
    ("Lưu: VT, NN (2) Khôi.", "Lưu: VT, NN (2)"),
    ("Lưu: VT, QHĐP(2b)VQT.", "Lưu: VT, QHĐP(2b)"),
    ("Lưu: VT, CN (2). nvv", "Lưu: VT, CN (2)"),
    ("Lưu: VT, PVHCC(H-02b).", "Lưu: VT, PVHCC(02b)"),
    ("Lưu: VT, NC (TP, Loan).", "Lưu: VT, NC"),
    ("Lưu: VT, KTTH.Định", "Lưu: VT, KTTH"),
    ("Lưu: VT, NVTHQ-PL-Hưng (3b).", "Lưu: VT, NVTHQ-PL (3b)"),
    ("Lưu: VT, CT (PC).", "Lưu: VT, CT (PC)"),  # a unit's code in brackets stays
    ("Lưu: VT, P.KT.", "Lưu: VT, P.KT"),
])
def test_the_distribution_drops_the_drafter_after_the_storage_entry_units(written, kept):
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n- Như trên;\n- {written}\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Khởi\n")
    assert d.distribution == ["Như trên", kept]


def test_a_dashed_distribution_item_wrapped_onto_the_next_line_is_one_item():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như trên;\n- VPCP: BTCN, các PCN, các Vụ, Cục:\nTH, KTTH, NN;\n- Lưu: VT, CN (2).\n\n"
                "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn Khởi\n")
    assert d.distribution == ["Như trên", "VPCP: BTCN, các PCN, các Vụ, Cục: TH, KTTH, NN", "Lưu: VT, CN (2)"]


def test_a_distribution_list_read_by_ocr_in_small_type_keeps_its_items_whole():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như trên;\n~ Văn phòng Quốc hội;\n~- Kho bạc Nhà nước các khu vực;\n"
                "- Cơ quan trung ương của các tổ chức chính trị -\nxã hội;\n- Lưu: VT, CN (2).\n\n"
                "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn Khởi\n")
    assert d.distribution == ["Như trên", "Văn phòng Quốc hội", "Kho bạc Nhà nước các khu vực",
                              "Cơ quan trung ương của các tổ chức chính trị - xã hội", "Lưu: VT, CN (2)"]


@pytest.mark.parametrize("kind, title, subject", [
    ("QUYẾT ĐỊNH", "QUY ĐỊNH MỨC CHI ĐẢM\nBẢO CHO VIỆC TỔ CHỨC THỰC HIỆN BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ TRÊN ĐỊA BÀN TỈNH\n\n"
     "ĐỒNG THÁP\n", "QUY ĐỊNH MỨC CHI ĐẢM BẢO CHO VIỆC TỔ CHỨC THỰC HIỆN BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ TRÊN ĐỊA BÀN TỈNH "
     "ĐỒNG THÁP"),
    ("QUYẾT ĐỊNH", "VỀ VIỆC BAN HÀNH LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026 CỦA\n\nBỘ NỘI VỤ\nBỘ TRƯỞNG BỘ NỘI VỤ\n",
     "BAN HÀNH LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026 CỦA BỘ NỘI VỤ"),
    ("THÔNG BÁO", "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ\nCỤC TRƯỞNG CỤC\nHẢI QUAN", "KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ"),
])
def test_a_subject_keeps_its_last_title_line_and_drops_the_authority_joined_to_it(kind, title, subject):
    d, _ = read(DECISION_HEAD.replace("QUYẾT ĐỊNH\n", f"{kind}\n", 1).format(title=title))
    assert d.subject == subject


def test_a_cong_dien_subject_stops_where_the_addressee_lines_authority_begins():
    head = DECISION_HEAD.split("QUYẾT ĐỊNH\n")[0]
    d, _ = read(head + "CÔNG ĐIỆN\nVỀ VIỆC TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ HÀNG DỰ TRỮ QUỐC GIA ĐỂ HỖ\n"
                "TRỢ, ỨNG PHÓ MƯA, LŨ TẠI KHU VỰC TRUNG BỘ\nTHỦ\nTƯỚNG CHÍNH PHỦ điện:\n\n- Bộ trưởng các Bộ:\n")
    assert d.subject == "TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ HÀNG DỰ TRỮ QUỐC GIA ĐỂ HỖ TRỢ, ỨNG PHÓ MƯA, LŨ TẠI KHU VỰC TRUNG BỘ"


@pytest.mark.parametrize("title", ["BAN HÀNH QUY CHẾ LÀM VIỆC CỦA THỦ TƯỚNG\nCHÍNH PHỦ", "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA\nCHÍNH PHỦ"])
def test_a_title_line_that_ends_on_a_word_wanting_more_keeps_the_line_after_it(title):
    d, _ = read(DECISION_HEAD.format(title=title))
    assert d.subject == " ".join(title.split())


def test_a_capitals_block_after_a_title_line_wanting_more_ends_the_title_before_the_preamble():
    d, _ = read(DECISION_HEAD.format(title="\nBAN HÀNH QUY CHẾ LÀM VIỆC CỦA THỦ TƯỚNG\n\nCHÍNH PHỦ\n"))
    assert d.subject == "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA THỦ TƯỚNG CHÍNH PHỦ"


@pytest.mark.parametrize("signature, title, signer", [
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH: '\nPHÓ CHỦ TỊCH.\n. Nguyễn Thành Diệu:", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
     "Nguyễn Thành Diệu"),
    ("KT: BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Sinh Nhật Tân", "KT. BỘ TRƯỞNG THỨ TRƯỞNG", "Nguyễn Sinh Nhật Tân"),
    ("CHỦTỊCH .\nPhùng Thị Hồng Hà .", "CHỦ TỊCH", "Phùng Thị Hồng Hà"),
])
def test_a_scanned_signature_block_is_read_through_the_marks_ocr_left_on_it(signature, title, signer):
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n- Như Điều 5;\n- Lưu: VT, KT.\n{signature}\nPHỤ LỤC\nDANH MỤC THỦ TỤC\n")
    assert (d.signer_title, d.signer) == (title, signer)
    assert d.distribution == ["Như Điều 5", "Lưu: VT, KT"]


def test_a_storage_entry_whose_records_office_ocr_read_as_vi_keeps_vt():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như Điều 4;\n- Lưu: VI, HCC2.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHồ Huy Thành\n")
    assert d.distribution == ["Như Điều 4", "Lưu: VT, HCC2"]


def test_a_dashed_distribution_item_of_short_words_is_no_seals_marks():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như Điều 5;\n- Bộ Y tế;\n- Lưu: VT, KGVX.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Trường Sơn\n")
    assert d.distribution == ["Như Điều 5", "Bộ Y tế", "Lưu: VT, KGVX"]


# A header typeset as a scan's page is: a line to a paragraph, wrapped at the page's width, no blank lines.
WRAPPED_BODY = """Để bảo đảm thống nhất trong thực hiện nhiệm vụ, Bộ Tài chính đã chỉ đạo xây dựng
cẩm nang nghiệp vụ nhằm hỗ trợ công chức cấp xã trong công tác phối hợp với cơ quan
Thuế trong các nội dung quản lý người nộp thuế, quản lý thu và hoàn thuế trên địa bàn
xã; đề nghị Ủy ban nhân dân các tỉnh chỉ đạo các xã, phường triển khai thực hiện
nghiêm túc, báo cáo kết quả về Bộ Tài chính trước ngày 30 tháng 12 năm 2025.
"""


@pytest.mark.parametrize("subject_lines", [
    "Số: 17986/BTC-CT V/v Phổ biến Cẩm nang nghiệp vụ thuế dành cho công chức cấp\nxã",
    "Số: 11414/BTC-CT V/v đẩy nhanh tiến độ Dự án đường cao tốc Bến Lức - Long Thành\n"
    "và Dự án đường cao tốc Biên Hòa - Vũng Tàu giai đoạn 1 thuộc nhiệm vụ của Đoàn kiểm\ntra số 06",
])
def test_a_subject_the_page_width_wrapped_goes_on_to_the_date_line_however_its_lines_run(subject_lines):
    d, _ = read(f"BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{subject_lines}\n"
                f"Hà Nội, ngày 19 tháng 11 năm 2025\nKính gửi: Ủy ban nhân dân các tỉnh\n{WRAPPED_BODY}")
    assert d.subject == " ".join(subject_lines.split("V/v ")[1].split())


def test_a_recipient_the_page_width_wrapped_goes_on_to_its_end_whatever_word_the_line_stops_on():
    d, header = read("THỦ TƯỚNG CHÍNH PHỦ\nSố: 217/CĐ-TTg Hà Nội, ngày 16 tháng 11 năm 2025\nCÔNG ĐIỆN\n"
                     "V/V CHỦ ĐỘNG ỨNG PHÓ MƯA LŨ\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n"
                     "- Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường, Xây dựng, Công\n"
                     "Thương, Giáo dục và Đào tạo, Y tế, Khoa học và Công nghệ, Văn hóa, Thể thao và Du\n"
                     "lịch;\n"
                     "- Chủ tịch Hội đồng thành viên, Tổng giám đốc các Tập đoàn, Tổng công ty trực thuộc\n"
                     f"Bộ Tài chính, Bộ Xây dựng.\n{WRAPPED_BODY}")
    assert d.recipients == [
        "Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường, Xây dựng, Công Thương, Giáo dục và Đào tạo, Y tế, "
        "Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch",
        "Chủ tịch Hội đồng thành viên, Tổng giám đốc các Tập đoàn, Tổng công ty trực thuộc Bộ Tài chính, Bộ Xây dựng"]
    assert header.body_start_line == 11


@pytest.mark.parametrize("units, item", [
    ("- VP UBND tỉnh:\n+ LĐVP, KGVX;\n+ TTTT;\n", "VP UBND tỉnh: LĐVP, KGVX; TTTT"),
    ("- VPCP: BTCN, các PCN;\ncác Vụ: CN, KTTH;\n", "VPCP: BTCN, các PCN; các Vụ: CN, KTTH"),
])
def test_the_units_a_distribution_item_lists_after_its_colon_stay_in_the_item(units, item):
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n- Như Điều 3;\n{units}+ Lưu: VT, KT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Trường Sơn\n")
    assert d.distribution == ["Như Điều 3", item, "Lưu: VT, KT"]


@pytest.mark.parametrize("signature, title", [
    ("TL.\nCỤC TRƯỞNG\nKT.\nTRƯỞNG BAN NGHIỆP VỤ THUẾ\nPHÓ TRƯỞNG BAN", "TL. CỤC TRƯỞNG KT. TRƯỞNG BAN NGHIỆP VỤ THUẾ PHÓ TRƯỞNG BAN"),
    ("KT. BỘ\nTRƯỞNG\nTHỨ TRƯỞNG", "KT. BỘ TRƯỞNG THỨ TRƯỞNG"),
    ("CHỦ\nTỊCH", "CHỦ TỊCH"),
])
def test_a_signers_title_the_signature_column_wrapped_is_read_whole_and_ends_the_distribution(signature, title):
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, NV.\n\n{signature}\nĐào Thu Hương\n\nPHỤ LỤC\nDANH MỤC\n")
    assert (d.signer_title, d.signer) == (title, "Đào Thu Hương")
    assert d.distribution == ["Như trên", "Lưu: VT, NV"]


def test_a_decisions_signature_without_a_distribution_list_is_read_before_the_annex_it_issues():
    annex = "PHỤ LỤC\nDANH MỤC THỦ TỤC HÀNH CHÍNH\n" + "".join(f"{n}. Thủ tục số {n} của danh mục.\n" for n in range(1, 40))
    d, _ = read("Điều 3. Các cơ quan chịu trách nhiệm thi hành Quyết định này./.\n\nKT.\nCHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Nam\n\n"
                + annex)
    assert (d.signer_title, d.signer) == ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Hoàng Nam")


@pytest.mark.parametrize("written, kept", [
    ("Lưu: VT, NCTH. Ng95.", "Lưu: VT, NCTH"),
    ("Lưu: VT, CN. pvc 19", "Lưu: VT, CN"),
    ("Lưu: VT, VX(M).", "Lưu: VT, VX"),
    ("Lưu: VT, KSTT (N).", "Lưu: VT, KSTT"),
])
def test_the_distribution_drops_a_drafters_initials_after_a_full_stop_or_alone_in_brackets(written, kept):
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n- Như trên;\n- {written}\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Khởi\n")
    assert d.distribution == ["Như trên", kept]


@pytest.mark.parametrize("column, issuer, parent", [
    ("BỘ TÀI\nCHÍNH\nCỤC\nHẢI QUAN", "Cục Hải quan", "Bộ Tài chính"),
    ("BỘ NÔNG NGHIỆP\nVÀ\nMÔI TRƯỜNG", "Bộ Nông nghiệp và Môi trường", None),
    ("HỘI\nĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "Hội đồng nhân dân thành phố Hà Nội", None),
])
def test_an_issuers_name_the_header_column_wrapped_keeps_its_short_words(column, issuer, parent):
    d, _ = read(f"{column}\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 37/TB-CHQ\n\n"
                "Hà Nội, ngày 21 tháng 11 năm 2025\n\nTHÔNG BÁO\nVỀ KẾT QUẢ\n")
    assert (d.issuer, d.parent_issuer) == (issuer, parent)



def test_a_distribution_list_run_onto_one_line_without_its_label_is_read_item_by_item():
    d, _ = read("Điều 4. Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này./.\n\n- Thủ tướng, các Phó Thủ tướng Chính phủ; "
                "- Các Bộ, cơ quan ngang Bộ; - Cục Thống kê, Bộ Tài chính; Ủy ban MTTQVN tỉnh; - Lưu: VT, NC (02). "
                "TM. CHÍNH PHỦ THỦ TƯỚNG\n")
    assert d.distribution == ["Thủ tướng, các Phó Thủ tướng Chính phủ", "Các Bộ, cơ quan ngang Bộ",
                              "Cục Thống kê, Bộ Tài chính; Ủy ban MTTQVN tỉnh", "Lưu: VT, NC (02)"]


def test_a_consolidated_texts_authentication_above_its_signature_ends_the_distribution():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Văn phòng Chính phủ;\n- Lưu: VT, QLĐĐ.\n\nXÁC\nTHỰC VĂN BẢN HỢP NHẤT\nKT.\n"
                "BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Thị Phương Hoa\n")
    assert d.distribution == ["Văn phòng Chính phủ", "Lưu: VT, QLĐĐ"]
    assert (d.signer_title, d.signer) == ("KT. BỘ TRƯỞNG THỨ TRƯỞNG", "Nguyễn Thị Phương Hoa")


@pytest.mark.parametrize("written, item", [("VP UBND tỉnh: LĐVP, các phòng, đơn\nvị;", "VP UBND tỉnh: LĐVP, các phòng, đơn vị"),
                                           ("Ban Chỉ đạo các Chương trình giai đoạn\n2021-2025;",
                                            "Ban Chỉ đạo các Chương trình giai đoạn 2021-2025")])
def test_a_distribution_items_last_word_wrapped_alone_onto_the_next_line_stays_in_the_item(written, item):
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n- Như trên;\n- {written}\n- Lưu: VT, NC.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn An\n")
    assert d.distribution == ["Như trên", item, "Lưu: VT, NC"]


def test_a_seals_letters_between_the_titles_lines_do_not_cut_the_body_it_signs_for():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN\nnhi\nNHÂN DÂN\nCHỦ TỊCH\nLê Văn An\n")
    assert (d.signer_title, d.signer) == ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Lê Văn An")


def test_the_signature_after_a_long_list_wrapped_in_a_narrow_column_is_found_before_the_text_that_follows():
    items = "".join(f"- Sở Nông nghiệp và Môi trường các tỉnh, thành phố trực thuộc\ntrung ương số {n};\n" for n in range(20))
    after = "".join(f"Annex line {n} of the English translation that follows the signature.\n" for n in range(40))
    d, _ = read(f"Nội dung.\n\nNơi nhận:\n{items}- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn An\n{after}")
    assert (d.signer_title, d.signer, len(d.distribution)) == ("KT. BỘ TRƯỞNG THỨ TRƯỞNG", "Lê Văn An", 21)


def test_an_items_units_in_capitals_wrapped_onto_the_next_line_are_no_signers_title():
    d, _ = read("Nội dung.\n\nNơi nhận:\n- Như trên;\n- Các VP: Thành ủy, HĐND TP;\nUBND TP;\n- Các sở, ngành;\n- Lưu: VT.\n\n"
                "CHỦ TỊCH\nLê Văn An\n")
    assert d.distribution == ["Như trên", "Các VP: Thành ủy, HĐND TP; UBND TP", "Các sở, ngành", "Lưu: VT"]
    assert (d.signer_title, d.signer) == ("CHỦ TỊCH", "Lê Văn An")


def test_a_recipients_list_runs_on_past_the_header_lines():
    # a page whose header stands low (a quoted page above it, paragraphs parted by blank lines)
    quoted = "\n\n".join(f"Đoạn văn thứ {n} của trang trích dẫn." for n in range(20))
    text = (quoted + "\n\nBỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/BNV-VP Hà Nội, ngày 3 tháng 5 năm 2025\nKính gửi:\n- Bộ Tài chính,\n- Bộ Tư pháp,\n- Bộ Giáo dục và Đào tạo,\n"
            "- Bộ Xây dựng,\n- Bộ Công Thương.\nNội dung văn bản.\n")
    d, _ = read(text)
    assert d.recipients == ["Bộ Tài chính", "Bộ Tư pháp", "Bộ Giáo dục và Đào tạo", "Bộ Xây dựng", "Bộ Công Thương"]
