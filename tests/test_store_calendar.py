"""Calendars: one event per dated task, recurring ones from their first occurrence."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from ccn_docs.store import Loader, connect
from ccn_docs.store.calendar import calendar, first_day, review_url
from ccn_docs.store.search import all_tasks

from .directives import industry_directive, land_directive, record


def dated(tmp_path):
    industry = industry_directive()
    industry.tasks[0].due_date, industry.tasks[0].deadline = "2024-06-30", "trước ngày 30/6/2024"
    industry.tasks[1].rrule, industry.tasks[1].deadline = "FREQ=MONTHLY;BYMONTHDAY=15", "trước ngày 15 hằng tháng"
    industry.tasks[2].rrule = "FREQ=YEARLY"  # recurs, but on no day the text names
    db = connect(tmp_path / "ccn.db")
    Loader(db).load([record(industry, tmp_path), record(land_directive(), tmp_path)])
    return db


def test_one_event_per_dated_task(tmp_path):
    db = dated(tmp_path)
    data, count = calendar(all_tasks(db), "http://tasks.example:8001/", "Nhiệm vụ")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert count == len(events) == 2
    by_uid = {str(e["UID"]): e for e in events}
    first = next(e for uid, e in by_uid.items() if uid.endswith("-1@ccn-docs"))
    assert first.decoded("DTSTART") == date(2024, 6, 30) and "RRULE" not in first
    assert str(first["SUMMARY"]).startswith("Sở Tài chính: Chủ trì tham mưu")
    description = str(first["DESCRIPTION"])
    assert "Phối hợp: Sở KH&ĐT" in description and "Văn bản: 2029/UBND-KTTH, ngày 22/04/2024" in description
    assert str(first["URL"]).startswith("http://tasks.example:8001/-/review/") and str(first["URL"]).endswith("#l2")
    monthly = next(e for uid, e in by_uid.items() if uid.endswith("-2@ccn-docs"))
    # The document is dated 2024-04-22: the first 15th after it.
    assert monthly.decoded("DTSTART") == date(2024, 5, 15)
    assert monthly["RRULE"].to_ical() == b"FREQ=MONTHLY;BYMONTHDAY=15"


def test_done_and_not_applicable_tasks(tmp_path):
    db = dated(tmp_path)
    first, second = [r["uid"] for r in all_tasks(db) if r["document_number"] == "2029/UBND-KTTH"][:2]
    Loader(db).correct(first, {"status": "done"}, "Lan")
    Loader(db).correct(second, {"status": "not-applicable"}, "Lan")
    events = Calendar.from_ical(calendar(all_tasks(db), "http://x")[0]).walk("VEVENT")
    assert [str(e["SUMMARY"])[:10] for e in events] == ["[Đã xong] "]


def test_first_day_needs_a_date_or_a_day_to_recur_on():
    base = {"due_date": None, "rrule": None, "document_date": "2025-11-18"}
    assert first_day(base) is None
    assert first_day({**base, "rrule": "FREQ=MONTHLY"}) is None
    assert first_day({**base, "rrule": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"}) == date(2025, 12, 25)
    assert first_day({**base, "rrule": "FREQ=WEEKLY;BYDAY=FR"}) == date(2025, 11, 21)
    assert first_day({**base, "rrule": "FREQ=MONTHLY;BYMONTHDAY=15", "document_date": None}) is None
    assert first_day({**base, "due_date": "2026-03-31", "rrule": "FREQ=MONTHLY"}) == date(2026, 3, 31)
    assert review_url("http://h/", {"document_id": "abc", "source": {"line_start": None}}) == "http://h/-/review/abc"
