from ccn_docs.extract.header import read_header, split_recipient_line
from ccn_docs.extract.layout import blocks, split_lines
from ccn_docs.types import Directive

from .extract_fixtures import CONG_VAN

MERGED_OCR = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH HA NAM Doc lap - Tu do - Hanh phuc
So: 88 /UBND-KT Ha Nam, ngay 9 thang 10 nam 2024

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


def test_merged_header_columns_without_diacritics():
    d, _ = read(MERGED_OCR)
    assert d.issuer == "Ủy ban nhân dân tỉnh Ha Nam"
    assert (d.number, d.date, d.place) == ("88/UBND-KT", "2024-10-09", "Ha Nam")
    assert d.recipients == ["Cac so, ban, nganh tinh"]


def test_parent_issuer_from_two_header_units():
    d, _ = read("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5/CT-CS\nHà Nội, ngày 1 tháng 2 năm 2025\n")
    assert (d.parent_issuer, d.issuer) == ("Bộ Tài chính", "Cục Thuế")


def test_recipient_line_joined_to_first_paragraph_is_split():
    lines = split_recipient_line(split_lines("Kính gửi: Bộ trưởng Bộ Y tế Xét đề nghị của Bộ Y tế tại Tờ trình số 5/TTr-BYT, Văn phòng Chính phủ thông báo"))
    assert [line.text for line in lines] == ["Kính gửi: Bộ trưởng Bộ Y tế",
                                             "Xét đề nghị của Bộ Y tế tại Tờ trình số 5/TTr-BYT, Văn phòng Chính phủ thông báo"]
