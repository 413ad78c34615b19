"""Directive texts written for the extraction tests (invented, in the style of
Nghị định 30/2020/NĐ-CP; not taken from the corpus or the sample)."""

from __future__ import annotations

import re

CONG_VAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 1234/UBND-KT
V/v tăng cường quản lý chợ trên địa bàn tỉnh

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nam, ngày 5 tháng 3 năm 2025

Kính gửi:
- Các sở, ban, ngành tỉnh;
- Ủy ban nhân dân các huyện, thành phố.

Thực hiện Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ về phát triển và quản lý chợ, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:

1. Sở Công Thương
- Chủ trì, phối hợp với Sở Tài chính, Sở Xây dựng rà soát quy hoạch mạng lưới chợ, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/12 hằng năm.
- Hằng tháng, tổng hợp tình hình kinh doanh tại các chợ theo quy định tại khoản 2 Điều 9 Nghị định số 60/2024/NĐ-CP.

2. Các sở, ngành liên quan
- Sở Tài chính: Bố trí kinh phí thực hiện theo quy định tại Nghị định này.
- Công an tỉnh: Định kỳ kiểm tra công tác phòng cháy, chữa cháy tại các chợ.

3. Giao Sở Nội vụ chủ trì hướng dẫn sắp xếp ban quản lý chợ.

4. Ủy ban nhân dân các huyện, thành phố chỉ đạo Ủy ban nhân dân cấp xã quản lý chợ trên địa bàn.

Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.

Nơi nhận:
- Như trên;
- TT Tỉnh ủy, TT HĐND tỉnh;
- Lưu: VT, KT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
"""

QUYET_DINH_NO_TASKS = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 56/QĐ-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nam, ngày 7 tháng 3 năm 2025

QUYẾT ĐỊNH
Về việc phê duyệt danh mục chợ năm 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
Căn cứ Nghị định số 60/2024/NĐ-CP ngày 05/6/2024 của Chính phủ;

QUYẾT ĐỊNH:

Điều 1. Phê duyệt danh mục chợ năm 2025 (chi tiết tại Phụ lục kèm theo).
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Chủ tịch Ủy ban nhân dân các huyện chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

CHỦ TỊCH
Nguyễn Văn An
"""

FOOTNOTED = """1. Sở Xây dựng

- Rà soát các công trình theo quy định¹, bảo đảm không chồng lấn với

1 Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng công trình.
\fcác quy hoạch khác trên địa bàn tỉnh.

- Kiểm tra định kỳ hằng quý việc chấp hành quy định về xây dựng.
"""


def long_directive(pages: int) -> str:
    """A directive of about ``pages`` pages of 3,000 characters, pages separated by form feeds; each copy of
    the assignments names its round, as an obligation stated twice in the same words is one task."""
    head, _, rest = CONG_VAN.partition("1. Sở Công Thương")
    body, _, tail = rest.partition("Yêu cầu các cơ quan")
    section = "1. Sở Công Thương" + body
    chunks = [head]
    size = 0
    while size < pages * 3000:
        chunks.append("\f" + re.sub(r"\.$", f" (đợt {len(chunks)}).", section, flags=re.MULTILINE))
        size += len(chunks[-1])
    chunks.append("Yêu cầu các cơ quan" + tail)
    return "".join(chunks)


# A decision, the regulation it issues and a form issued with both.
DECISION_WITH_FORM = "\n\n".join([
    "KIỂM TOÁN NHÀ NƯỚC\nSố: 17/QĐ-KTNN\nHà Nội, ngày 4 tháng 11 năm 2025", "QUYẾT ĐỊNH\nBan hành Quy định về thẻ",
    "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Quy định về thẻ.", "Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.",
    "TỔNG KIỂM TOÁN", "Nguyễn Văn A",
    "QUY ĐỊNH\nVề thẻ\n(Ban hành kèm theo Quyết định số 17/QĐ-KTNN ngày 4 tháng 11 năm 2025)",
    "Điều 1. Vụ Tổ chức cán bộ có trách nhiệm quản lý thẻ.",
    "PHỤ LỤC 02\nMẪU\nĐƠN ĐỀ NGHỊ CẤP LẠI THẺ\n(Ban hành kèm theo Quyết định số 17/QĐ-KTNN ngày 4 tháng 11 năm 2025)",
    "Thủ trưởng đơn vị công tác có trách nhiệm xác nhận đơn.",
]) + "\n"


def regulation_with_annexes(*annexes: str) -> str:
    """A decision issuing a regulation whose annexes follow its last article, with no "(Kèm theo …)" of their own."""
    return "\n\n".join([
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 21/2025/QĐ-UBND\nHải Phòng, ngày 4 tháng 11 năm 2025",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH\nBan hành Quy định đánh giá",
        "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Quy định đánh giá.", "Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.",
        "CHỦ TỊCH", "Nguyễn Văn A",
        "QUY ĐỊNH\nĐánh giá cán bộ\n(Ban hành kèm theo Quyết định số 21/2025/QĐ-UBND)",
        "Điều 1. Trách nhiệm của Sở Nội vụ", "1. Hướng dẫn việc đánh giá cán bộ.",
        "2. Tổng hợp kết quả đánh giá, báo cáo Ủy ban nhân dân thành phố./.", *annexes]) + "\n"


SCORE_SHEET = "\n\n".join([
    "Phụ lục 01", "TÊN CƠ QUAN,\nTỔ CHỨC, ĐƠN VỊ", "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "PHIẾU ĐÁNH GIÁ, XẾP LOẠI ………", "Năm ......", "Họ và tên:", "TT\nTiêu chí chấm điểm\nĐiểm tối đa\nĐiểm tự chấm",
    "a) Chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước", "1,25",
    "b) Cơ quan, đơn vị báo cáo đúng hạn, đầy đủ kết quả công việc", "NGƯỜI TỰ NHẬN XÉT\n(Ký, ghi rõ họ tên)"])


# A consolidated text (văn bản hợp nhất): its body opens with the circular it consolidates and the one amending it;
# a footnote names the amending text of a provision.
CONSOLIDATED = "\n\n".join([
    "BỘ XÂY DỰNG\nSố: 12/VBHN-BXD\nHà Nội, ngày 4 tháng 11 năm 2025", "THÔNG TƯ\nQuy định về thẻ",
    "Thông tư số 50/2020/TT-BXD ngày 3 tháng 5 năm 2020 của Bộ trưởng Bộ Xây dựng quy định về thẻ, "
    "được sửa đổi, bổ sung bởi:",
    "Thông tư số 7/2024/TT-BXD ngày 2 tháng 2 năm 2024 của Bộ trưởng Bộ Xây dựng sửa đổi Thông tư số 50/2020/TT-BXD.",
    "Căn cứ Nghị định số 52/2022/NĐ-CP ngày 8 tháng 8 năm 2022 của Chính phủ;",
    "Điều 1. Trách nhiệm của Cục Quản lý hoạt động xây dựng",
    "Cục Quản lý hoạt động xây dựng có trách nhiệm cấp thẻ theo Điều 3 Thông tư này[1].",
    "Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.",
    "[1] Khoản này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 của Thông tư số 7/2024/TT-BXD.",
]) + "\n"
