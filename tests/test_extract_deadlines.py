"""The deadline phrase of a task's text, whole, and never a phrase that is not its deadline."""

from __future__ import annotations

import pytest

from ccn_docs.extract.deadlines import find_cues


def deadlines(text: str) -> list[str]:
    return [text[start:end] for start, end in find_cues(text)["deadline"]]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        # a day, in every written form, its clock time, weekday and year kept
        ("Báo cáo UBND tỉnh trước ngày 15/01/2026.", "trước ngày 15/01/2026"),
        ("gửi Sở Tư pháp trước ngày 25 / 12 / 2025 để tổng hợp", "trước ngày 25 / 12 / 2025"),
        ("hoàn thành trước ngày 25.12.2025;", "trước ngày 25.12.2025"),
        ("nộp hồ sơ trước ngày 25/12/25", "trước ngày 25/12/25"),
        ("gửi báo cáo trước ngày 05 tháng 01 năm 2026.", "trước ngày 05 tháng 01 năm 2026"),
        ("gửi báo cáo trước ngày 05 tháng 12, năm 2025.", "trước ngày 05 tháng 12, năm 2025"),
        ("gửi báo cáo trước ngày 05 tháng 01 để tổng hợp", "trước ngày 05 tháng 01"),
        ("báo cáo trước 17 giờ 00 ngày 05/12/2025", "trước 17 giờ 00 ngày 05/12/2025"),
        ("báo cáo trước ngày thứ Sáu, 28/11/2025", "trước ngày thứ Sáu, 28/11/2025"),
        ("truoc ngay 30/11/2025 gui ve So", "truoc ngay 30/11/2025"),  # diacritics lost
        # every word that makes a time the deadline
        ("chậm nhất đến ngày 01 tháng 7 năm 2027 phải hoàn thành việc bố trí",
         "chậm nhất đến ngày 01 tháng 7 năm 2027"),
        ("gửi Bộ Xây dựng chậm nhất ngày 10 tháng 12 năm 2025, trong đó:", "chậm nhất ngày 10 tháng 12 năm 2025"),
        ("Hạn chót: 10/12/2025.", "Hạn chót: 10/12/2025"),
        ("hạn cuối ngày 15 tháng 12 hàng năm", "hạn cuối ngày 15 tháng 12 hàng năm"),
        ("gửi kết quả không muộn hơn ngày 10/12/2025", "không muộn hơn ngày 10/12/2025"),
        ("phải xong trước ngày 20/12; báo cáo kết quả", "trước ngày 20/12"),  # the verb is the task's
        ("tổ chức hội nghị vào ngày 19 tháng 12 năm 2025 tại Hà Nội", "vào ngày 19 tháng 12 năm 2025"),
        # months, quarters, halves, years and the document's own period
        ("Hoàn thành trong tháng 11 năm 2025.", "trong tháng 11 năm 2025"),
        ("triển khai trong Quý IV/2025 - Quý I/2026", "trong Quý IV/2025 - Quý I/2026"),
        ("hoàn thành trong Quí IV-2025", "trong Quí IV-2025"),
        ("hoàn thành trong 6 tháng đầu năm 2026", "trong 6 tháng đầu năm 2026"),
        ("tổ chức sơ kết vào cuối năm 2027", "vào cuối năm 2027"),
        ("Hoàn thành trong năm nay", "trong năm nay"),
        ("quan trắc vào ngày 15/4 và ngày 15/8 năm 2026; số mẫu", "vào ngày 15/4 và ngày 15/8 năm 2026"),
        ("trước Tết Nguyên đán Bính Ngọ năm 2026 để", "trước Tết Nguyên đán Bính Ngọ năm 2026"),
        # periods counted from an event, ranges, open ends
        ("chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.",
         "chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định"),
        ("Trong thời hạn 03 ngày làm việc, kể từ ngày nhận được hồ sơ, Sở thẩm định",
         "Trong thời hạn 03 ngày làm việc, kể từ ngày nhận được hồ sơ"),
        ("trong 10 ngày kể từ ngày 20/11/2025", "trong 10 ngày kể từ ngày 20/11/2025"),
        ("chậm nhất 03 tháng sau khi tổng kết đề án, báo cáo", "chậm nhất 03 tháng sau khi tổng kết đề án"),
        ("Trong thời hạn 07 ngày làm việc, trước khi triển khai tại hiện trường phải báo cáo Bộ",
         "Trong thời hạn 07 ngày làm việc, trước khi triển khai tại hiện trường"),
        ("Từ ngày 01/12/2025 đến ngày 15/12/2025, tổ chức kiểm tra", "Từ ngày 01/12/2025 đến ngày 15/12/2025"),
        ("từ nay đến hết năm 2025", "từ nay đến hết năm 2025"),
        ("rà soát trong quý IV năm 2025 và các năm tiếp theo.", "trong quý IV năm 2025 và các năm tiếp theo"),
        # recurring: the day is kept with its recurrence
        ("Báo cáo UBND tỉnh trước ngày 20 hằng tháng.", "trước ngày 20 hằng tháng"),
        ("gửi Sở Tài chính trước ngày 15/12 hàng năm để tổng hợp", "trước ngày 15/12 hàng năm"),
        ("báo cáo trước ngày 10 của tháng đầu quý sau", "trước ngày 10 của tháng đầu quý sau"),
        ("báo cáo trước ngày 30 tháng 01 của năm tiếp theo.", "trước ngày 30 tháng 01 của năm tiếp theo"),
        ("Trước ngày 15 tháng 8 năm cuối đối với chương trình", "Trước ngày 15 tháng 8 năm cuối"),
        ("ban hành trong tháng 12 năm (j-1) nhưng không", "trong tháng 12 năm (j-1)"),
    ],
)
def test_the_whole_deadline_phrase(text, deadline):
    assert deadlines(text)[0] == deadline


@pytest.mark.parametrize(
    "text",
    [
        "thực hiện Kế hoạch số 45/KH-UBND ngày 03/11/2025 của UBND tỉnh",  # a cited document's date
        "Văn bản số 163-CV/ĐU ngày 07/11/2025 đã gửi",
        "Thời hạn giải quyết: trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ",  # a processing time
        "rút ngắn thời gian giải quyết còn trong vòng 06 ngày làm việc",
        "Mục tiêu đến năm 2030: 100% hồ sơ được số hóa",  # a target's horizon
        "phấn đấu vào năm 2030 đạt 80%",
        "số liệu tính từ ngày 15 tháng 12 của năm trước kỳ báo cáo đến ngày 14 tháng 12 của kỳ báo cáo",
        "trong 1.5 ngày làm việc",  # a length, not the 1st of May
        "được tuyển dụng trước ngày Luật Cán bộ, công chức năm 2025 có hiệu lực",
    ],
)
def test_no_phrase_that_is_not_a_deadline(text):
    assert deadlines(text) == []


def test_a_stronger_cue_comes_first():
    text = "Đánh giá kết quả trong năm 2025, gửi báo cáo trước ngày 15/12/2025."
    assert deadlines(text) == ["trước ngày 15/12/2025", "trong năm 2025"]


def test_recurrences_as_written():
    text = "Định kỳ hằng quý, báo cáo trước ngày 20 tháng cuối quý"
    assert [text[start:end] for start, end in find_cues(text)["recurrence"]] == ["Định kỳ hằng quý"]


def test_the_pipeline_marks_the_deadline_first():
    from ccn_docs.extract import build_pipeline

    doc = build_pipeline()("Sở Y tế tổng hợp trong năm 2025, báo cáo trước ngày 15/12/2025.")
    # a span covers whole tokens: the full stop stays with the date's token
    assert [span.text for span in doc.spans["deadline"]] == ["trước ngày 15/12/2025.", "trong năm 2025,"]
