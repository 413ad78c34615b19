"""Deadlines as dates and recurrence rules, read in the document's context."""

from __future__ import annotations

import pytest

from ccn_docs.extract.due_dates import Schedule, fill_due_dates, schedule
from ccn_docs.types import Directive, Task

ISSUED = "2025-11-18"


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        ("trước ngày 15/01/2026", "2026-01-15"),
        ("Hoàn thành trước ngày 28/11/2025", "2025-11-28"),
        ("chậm nhất ngày 05 tháng 12 năm 2025", "2025-12-05"),
        ("chậm nhất trước ngày 31/12/2025", "2025-12-31"),
        ("trước 17 giờ ngày 27/11/2025", "2025-11-27"),
        ("trước ngày 30 / 11 / 2025", "2025-11-30"),
        ("đến hết ngày 31.12.2025", "2025-12-31"),
        ("trước ngày 25/12", "2025-12-25"),  # the document's year
        ("trước ngày 10 tháng 12", "2025-12-10"),
        ("trong tháng 11 năm 2025", "2025-11-30"),
        ("hoàn thành trong tháng 12", "2025-12-31"),
        ("Tháng 12/2025", "2025-12-31"),
        ("trong tháng 2 năm 2028", "2028-02-29"),
        ("trong quý I năm 2026", "2026-03-31"),
        ("Quý IV/2025", "2025-12-31"),
        ("trong quý 3 năm 2026", "2026-09-30"),
        ("6 tháng đầu năm 2026", "2026-06-30"),
        ("năm 2026", "2026-12-31"),
        ("Hoàn thành trong năm 2025", "2025-12-31"),
        ("từ nay đến hết năm 2025", "2025-12-31"),
        ("cuối năm 2025", "2025-12-31"),
        ("truoc ngay 30/11/2025", "2025-11-30"),  # diacritics lost
        ("trong quy I nam 2026", "2026-03-31"),
        ("2027", "2027-12-31"),  # a plan table's time column
        ("Chậm nhất 10 tháng 12 năm 2025", "2025-12-10"),  # a day without "ngày"
        ("hoàn thành trước 05 tháng 1 năm 2026", "2026-01-05"),
        ("Hoàn thành trong năm 2026 và cập nhật thường xuyên", "2026-12-31"),  # follow-up work after the date
        ("Hoàn thành trong quý II/2026 và tiếp tục duy trì trong các năm tiếp theo", "2026-06-30"),
        ("Kể từ ngày ký đến hết ngày 30/6/2026", "2026-06-30"),
        ("trong tháng 12/2025 theo Kế hoạch số 45/KH-UBND ngày 03/11/2025", "2025-12-31"),  # the plan's date
        ("ngày 25-12-2025", "2025-12-25"),
        ("trước ngày 25/12/25", "2025-12-25"),  # a two-digit year
        ("hạn chót ngày 25.12.25", "2025-12-25"),
        ("chậm nhất đến ngày 01 tháng 7 năm 2027", "2027-07-01"),
        ("Hạn chót: 10/12/2025", "2025-12-10"),
        ("hạn cuối ngày 15/12/2025", "2025-12-15"),
        ("không muộn hơn ngày 10/12/2025", "2025-12-10"),
        ("xong trước 31/12/2025", "2025-12-31"),
        ("vào ngày 19 tháng 12 năm 2025", "2025-12-19"),
        ("trước ngày 05 tháng 01", "2026-01-05"),  # the next year: the 5th of January has passed
        ("Quí IV-2025", "2025-12-31"),  # "Quí", the older spelling
        ("hoàn thành trong quí I năm 2026", "2026-03-31"),
        ("12/2025", "2025-12-31"),  # a plan table's time column
        ("vào cuối năm 2027", "2027-12-31"),
        ("trước 15/12 năm 2025", "2025-12-15"),
        ("Quý IV-2025", "2025-12-31"),
        ("trước 17 giờ 00 ngày 01/12/2025", "2025-12-01"),  # a time of day is no length
        ("trước 16h00, ngày 28/11/2025 (thứ Sáu)", "2025-11-28"),
        ("Từ ngày 01/01/2026 đến ngày 31/3/2026", "2026-03-31"),  # a range: its end
        ("trong 10 ngày làm việc (từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025)", "2025-12-03"),
        ("trong 03 ngày làm việc (từ ngày 08 đến ngày 10 tháng 12 năm 2025)", "2025-12-10"),
        ("Tháng 11 - 12/2025", "2025-12-31"),
        ("Quý III/2025 - Quý I/2026", "2026-03-31"),
        ("Quý III/2025- Quý I/2026", "2026-03-31"),
        ("tháng 10/2025-tháng 2/2026", "2026-02-28"),
        ("quý I - II/2026", "2026-06-30"),
        ("tháng 12 - tháng 2/2026", "2026-02-28"),  # the start in the end's year, or the one before
        ("ngày 15/11 - 30/11/2025", "2025-11-30"),
        ("ngày 15/11-30/11/2025", "2025-11-30"),
        ("từ 01/7/2025-31/12/2026", "2026-12-31"),
        ("năm 2025, đến hết tháng 12/2025", "2025-12-31"),
        ("trong tháng 12/2025 (trước ngày 20/12/2025)", "2025-12-20"),  # a day within the period named
        ("năm 2026 (hoàn thành trước ngày 30/6/2026)", "2026-06-30"),
        # a sentence: the date after a deadline word
        ("báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 31 tháng 12 năm 2025 để tổng hợp", "2025-12-31"),
        ("trong năm nay", "2025-12-31"),  # the document's own year, month or quarter
        ("cuối năm", "2025-12-31"),
        ("trong tháng này", "2025-11-30"),
        ("trong quý này", "2025-12-31"),
    ],
)
def test_a_deadline_that_names_one_date(deadline, due):
    assert schedule(deadline, None, ISSUED) == Schedule(due, None)


@pytest.mark.parametrize(
    "deadline",
    [
        "trong thời hạn 10 ngày kể từ ngày nhận được hồ sơ",
        "trong thời hạn 07 ngày làm việc",
        "Sau khi Nghị quyết có hiệu lực thi hành",
        "sau ngày 15/12/2025",
        "từ 01/7/2025",
        "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê",
        "giai đoạn 2026 - 2030",
        "năm 2026 - 2027",
        "Năm 2025 và các năm tiếp theo",
        "Quý IV năm 2025 và các năm tiếp theo",
        "Thực hiện thường xuyên",
        "Triển khai đảm bảo theo lộ trình",
        "đầu năm 2026",
        "trong tuần đầu tháng 12",
        "trước năm 2030",  # is 2030 included?
        "trước tháng 6/2026",
        "trước ngày 15/11/2025 và trước ngày 30/11/2025",  # two dates
        "trước ngày 31/02/2026",  # no such day
        "trước ngày 10 tháng 6 năm cuối của chương trình",  # months before the document: not this year's
        "trước ngày 20 tháng 12 của năm đánh giá",  # a year the text does not name
        "tháng 12/2025 - tháng 2/2025",  # a range that ends before it starts
        "Năm 2025 - 2030",  # a range of years is a phase
        "tháng 12/2025-01/2026",  # the end's month not written as one
        "trong tháng 12/2025, trước ngày 20/01/2026",  # a day outside the period named
        "trong tháng 12/2025 và tháng 1/2026",
        "tháng 11, 12/2025",  # a month left unread
        "trước ngày 30/11/2025, số liệu tính đến 31/10",  # a date outside the range
        "trước ngày khai trương Trung tâm dữ liệu năm 2026",  # an event
        "trước ngày 30 tháng 01 của năm tiếp theo",  # a year the text does not name
        "chậm nhất là ngày 15 tháng 8 của năm xét tặng",
        # a date in an account of work done, not after a deadline word
        "- Thực hiện chỉ đạo của Chính phủ, ngày 07/11/2025, Đảng ủy Bộ Xây dựng đã gửi dự thảo báo cáo",
        "- Đã trình Thủ tướng Chính phủ Đề án phát triển các phòng thí nghiệm dùng chung (tháng 7/2025)",
        "trước Tết Nguyên đán Bính Ngọ năm 2026",  # a lunar feast: its year is not its day
        "hoàn thành trước Tết Nguyên đán năm 2026",
        "trước kỳ họp cuối năm 2025 của Hội đồng nhân dân tỉnh",
        "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ",  # a procedure's processing time
        "trước ngày Luật Quy hoạch năm 2017 có hiệu lực",
        "theo Thông tư số 12/2025/TT-BTC ngày 20/12/2025",  # a cited document's date
        "Đề án 2026",
        "Hoàn thành trong năm 2025 và các năm tiếp theo",  # open-ended, though completed
        "Hoàn thành năm 2025 và giai đoạn 2026 - 2030",
        "giai đoạn từ nay đến hết năm 2030",
        "trong tháng 12 năm (j-1)",  # a year the text does not name
        "từ ngày 10 tháng 12 năm trước đến ngày 10 tháng 12 của kỳ báo cáo",
        "trong năm đánh giá",
        "khi có yêu cầu",
        "kịp thời",
        "trong vòng 48 giờ",
        "Theo tiến độ được giao của Luật An ninh mạng 2025",
    ],
)
def test_no_date_rather_than_a_guess(deadline):
    assert schedule(deadline, None, ISSUED).due_date is None


@pytest.mark.parametrize(
    ("deadline", "issued", "document_type", "due"),
    [
        # not the day of issue: working days are Monday to Friday, from a Saturday's document too
        ("chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định", "2025-11-22", "Quyết định", "2025-11-28"),
        ("trong vòng 05 ngày làm việc kể từ ngày ký", "2025-11-21", "Kế hoạch", "2025-11-28"),
        ("Mười (10) ngày làm việc kể từ ngày ban hành Kế hoạch này", "2025-11-26", "Quyết định", "2025-12-10"),
        ("trong thời hạn 15 (mười lăm) ngày kể từ ngày ký, ban hành", "2025-11-26", "Công văn", "2025-12-11"),
        ("trong thời hạn 10 ngày kể từ ngày ký Quyết định này", "2025-11-21", "Nghị quyết", "2025-12-01"),
        ("trong 2 tuần kể từ ngày ban hành", "2025-11-26", "Công điện", "2025-12-10"),
        ("trong 01 tháng kể từ ngày ký", "2026-01-31", "Công văn", "2026-02-28"),  # February has no 31st
        ("trong 03 tháng kể từ ngày ban hành văn bản này", "2025-11-30", "Thông tư", "2026-02-28"),
        ("trong 10 ngày kể từ ngày 20/11/2025", "2025-11-18", None, "2025-11-30"),  # from a day written out
        ("trong vòng 05 ngày làm việc kể từ ngày 21 tháng 11 năm 2025", None, None, "2025-11-28"),
    ],
)
def test_a_period_counted_from_the_documents_issue(deadline, issued, document_type, due):
    assert schedule(deadline, None, issued, document_type) == Schedule(due, None)


@pytest.mark.parametrize(
    ("deadline", "document_type"),
    [
        ("chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định", "Kế hoạch"),  # another decision
        ("trong thời hạn 02 ngày làm việc, kể từ ngày ban hành quyết định", "Quyết định"),  # any decision
        ("trong thời hạn 15 ngày làm việc kể từ ngày ban hành quyết định cấp chứng chỉ", "Quyết định"),
        ("trong thời hạn 10 ngày làm việc kể từ ngày ban hành để theo dõi", "Thông tư"),  # what a regulation governs
        ("trong vòng 05 ngày làm việc kể từ ngày ký", None),
        ("trong 10 ngày kể từ ngày ký hợp đồng", "Kế hoạch"),
        ("trong vòng 10 ngày kể từ ngày nhận được văn bản này", "Công văn"),
        ("trong thời hạn 03 ngày kể từ ngày Quyết định này có hiệu lực", "Quyết định"),
        ("3,5 ngày kể từ ngày ký", "Công văn"),
    ],
)
def test_a_period_counted_from_another_event_has_no_date(deadline, document_type):
    assert schedule(deadline, None, ISSUED, document_type) == Schedule()


def test_a_period_counted_from_the_issue_needs_the_document_date():
    assert schedule("trong 10 ngày kể từ ngày ký", None, None, "Công văn") == Schedule()


@pytest.mark.parametrize(
    ("deadline", "recurrence", "issued"),
    [
        ("tháng 0/2025", None, ISSUED),
        ("tháng 00", "định kỳ 6 tháng", ISSUED),
        ("trước ngày 01/01/0000", None, ISSUED),
        ("năm 0000", None, ISSUED),
        ("tháng 12 - 2", None, "9999-12-31"),  # the next year is past the calendar's end
        ("trong 999 ngày làm việc kể từ ngày ký", None, "9999-12-31"),
    ],
)
def test_impossible_dates_give_no_date_and_no_error(deadline, recurrence, issued):
    assert schedule(deadline, recurrence, issued, "Kế hoạch").due_date is None


def test_a_date_without_a_year_needs_the_document_date():
    assert schedule("trước ngày 25/12", None, None) == Schedule()
    assert schedule("trước ngày 25/12", None, "not a date") == Schedule()


def test_a_date_just_past_the_year_end_is_next_year():
    assert schedule("trước ngày 30 tháng 01", None, "2025-12-01").due_date == "2026-01-30"
    assert schedule("trước ngày 15/11", None, "2025-11-20").due_date == "2025-11-15"  # restated after the fact
    assert schedule("trước ngày 10/6", None, "2025-11-24").due_date is None
    assert schedule("trước ngày 29/2", None, "2027-12-10").due_date == "2028-02-29"
    assert schedule("trước ngày 29/2", None, "2025-11-18").due_date is None  # no 29 February in 2025 or 2026


@pytest.mark.parametrize(
    ("deadline", "recurrence", "rule"),
    [
        ("trước ngày 15 hằng tháng", None, "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("trước ngày 25/12 hằng năm", None, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"),
        ("Trước ngày 15/12 hàng năm", "hàng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15"),
        ("trước ngày 15 tháng 12", "Định kỳ hằng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15"),
        ("trước ngày 31 tháng 12", "định kỳ", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"),
        ("trong tháng 12 hằng năm", None, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"),
        ("trước ngày 20 của tháng cuối quý", "hằng quý", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"),
        (None, "hằng tháng", "FREQ=MONTHLY"),
        (None, "Định kỳ hằng quý", "FREQ=MONTHLY;INTERVAL=3"),
        (None, "định kỳ 6 tháng", "FREQ=MONTHLY;INTERVAL=6"),
        ("thứ Sáu hằng tuần", None, "FREQ=WEEKLY;BYDAY=FR"),
        (None, "hằng ngày", "FREQ=DAILY"),
        (None, "định kỳ", None),  # how often is not written
        ("trước ngày 20", "hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=20"),
        ("trước ngày 10 của tháng đầu quý sau", "hằng quý", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"),
        ("trước ngày 25 tháng cuối của quý", "định kỳ", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=25"),
        ("trước ngày 15/6 và 15/12", "định kỳ 6 tháng", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15"),
        ("trước ngày 15/6 và ngày 15/12 hằng năm", None, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15"),
        ("trước ngày 15/6", "định kỳ 6 tháng", "FREQ=MONTHLY;INTERVAL=6"),
        ("trước ngày 30/6 và 31/12 hằng năm", None, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"),  # each month's end
        ("hạn cuối ngày 15 tháng 12 hàng năm", "hàng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15"),
        ("trước ngày 20 hàng tháng", None, "FREQ=MONTHLY;BYMONTHDAY=20"),  # the other half's day is not written
        ("trong quý I hằng năm", None, "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1"),
        ("Từ tháng 3 đến tháng 11 hằng năm", None, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=-1"),
        (None, "định kỳ 06 tháng/lần", "FREQ=MONTHLY;INTERVAL=6"),
        (None, "định kỳ 03 tháng", "FREQ=MONTHLY;INTERVAL=3"),
        (None, "Định kỳ 03 năm một lần", "FREQ=YEARLY;INTERVAL=3"),
        (None, "định kỳ 12 tháng", "FREQ=YEARLY"),
        (None, "định kỳ (01 lần/ngày)", "FREQ=DAILY"),
        ("trước 15:00 ngày thứ Sáu hàng tuần", None, "FREQ=WEEKLY;BYDAY=FR"),
    ],
)
def test_a_recurring_deadline_gets_a_rule_and_no_date(deadline, recurrence, rule):
    assert schedule(deadline, recurrence, ISSUED) == Schedule(None, rule)


def test_a_recurring_deadline_with_its_first_date():
    assert schedule("trước ngày 20 tháng 11 năm 2025", "hàng tháng", ISSUED) == Schedule("2025-11-20", "FREQ=MONTHLY")
    assert schedule("trong quý I năm 2026", "hằng năm", ISSUED) == Schedule("2026-03-31", "FREQ=YEARLY")
    assert schedule("chậm nhất trong năm 2027, rà soát định kỳ", None, ISSUED) == Schedule("2027-12-31", None)
    assert schedule("Hoàn thành xong trong tháng 3 năm 2026 và bổ sung hằng năm", None, ISSUED) == Schedule(
        "2026-03-31", "FREQ=YEARLY")
    assert schedule("Trước ngày 15 tháng 12 năm 2025; định kỳ hằng năm báo cáo", None, ISSUED) == Schedule(
        "2025-12-15", "FREQ=YEARLY")


def test_the_year_of_a_law_is_not_a_first_date():
    assert schedule("theo Luật Thủy lợi năm 2017, hằng tháng", None, ISSUED) == Schedule(None, "FREQ=MONTHLY")


def test_fill_due_dates_reads_every_task_in_its_document():
    directive = Directive(source_file="x.txt", date="2025-12-01", type="Kế hoạch", tasks=[
        Task(id="1", agency="Sở Tài chính", task="Báo cáo", deadline="trước ngày 15/01"),
        Task(id="2", agency="Sở Y tế", task="Báo cáo", deadline="trước ngày 15 hằng tháng"),
        Task(id="3", agency="Sở Y tế", task="Theo dõi"),
        Task(id="4", agency="Sở Nội vụ", task="Báo cáo", deadline="trong 05 ngày làm việc kể từ ngày ban hành"),
    ])
    fill_due_dates(directive)
    assert [(t.due_date, t.rrule) for t in directive.tasks] == [
        ("2026-01-15", None), (None, "FREQ=MONTHLY;BYMONTHDAY=15"), (None, None), ("2025-12-08", None)]


def test_punctuation_after_a_date():
    assert schedule("trước ngày 05/12/2025./", None, ISSUED).due_date == "2025-12-05"
    assert schedule("ngày 05/12/2025. Sau đó báo cáo", None, ISSUED).due_date is None  # "sau"
    assert schedule("trước ngày 05/12.", None, ISSUED).due_date == "2025-12-05"
