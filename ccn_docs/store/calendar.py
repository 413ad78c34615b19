"""Tasks as an iCalendar (RFC 5545) calendar, built with the icalendar library.

One all-day VEVENT per dated task: on its due date, or, for a recurring deadline
that names its day ("trước ngày 15 hằng tháng"), from its first occurrence on or
after the document's date, repeating by its RRULE. Tasks with neither, and tasks a
reviewer marked not applicable, are left out. Each event carries the task's text,
agencies, deadline as written, document number and a link to the review page at
the task's lines; its UID is the task's stable uid, so a calendar subscribed to
updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any, Optional

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event, vRecur

from .load import lead_names

#: Length of an event's title: agency and the start of the task.
SUMMARY_CHARS = 120
DONE_PREFIX = "[Đã xong] "


def shown_date(value: Optional[str]) -> str:
    """An ISO date as Vietnamese write it: 30/06/2025."""
    if not value:
        return ""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def review_url(base_url: str, record: dict[str, Any]) -> str:
    """The review page of a task's document, at its first line."""
    line = record["source"].get("line_start")
    return f"{base_url.rstrip('/')}/-/review/{record['document_id']}" + (f"#l{line}" if line else "")


def first_day(record: dict[str, Any]) -> Optional[date]:
    """The day a task's event starts: its due date, or the first occurrence of its
    rule on or after its document's date when the rule names its day; else None."""
    if record["due_date"]:
        return date.fromisoformat(record["due_date"])
    rule = record["rrule"]
    if not rule or not record["document_date"] or not any(part in rule for part in ("BYMONTHDAY", "BYDAY")):
        return None
    issued = datetime.fromisoformat(record["document_date"])
    occurrence = rrulestr(rule, dtstart=issued).after(issued, inc=True)
    return occurrence.date() if occurrence else None


def event(record: dict[str, Any], base_url: str, stamp: datetime) -> Optional[Event]:
    """The VEVENT of one task record (``search.task_record``), None when it has no day."""
    day = first_day(record)
    if day is None or record["status"] == "not-applicable":
        return None
    leads = lead_names(record["agency"])
    url = review_url(base_url, record)
    summary = f"{'; '.join(leads)}: {record['task']}" if leads else record["task"]
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    lines = [record["task"], ""]
    if leads:
        lines.append(f"Chủ trì: {'; '.join(leads)}")
    if record["co_agencies"]:
        lines.append(f"Phối hợp: {'; '.join(record['co_agencies'])}")
    if record["deadline"] or record["recurrence"]:
        lines.append(f"Thời hạn: {' — '.join(x for x in (record['deadline'], record['recurrence']) if x)}")
    lines += [f"Văn bản: {record['document_number'] or record['source']['file']}" + (f", ngày {shown_date(record['document_date'])}" if record["document_date"] else ""), url]
    item = Event()
    item.add("uid", f"{record['uid']}@ccn-docs")
    item.add("dtstamp", stamp)
    item.add("dtstart", day)
    if record["rrule"]:
        item.add("rrule", vRecur.from_ical(record["rrule"]))
    item.add("summary", (DONE_PREFIX if record["status"] == "done" else "") + summary)
    item.add("description", "\n".join(lines))
    item.add("url", url)
    if leads:
        item.add("categories", leads)
    return item


def calendar(records: Iterable[dict[str, Any]], base_url: str, name: str = "Nhiệm vụ") -> tuple[bytes, int]:
    """The calendar of ``records`` and the number of events in it."""
    cal = Calendar()
    cal.add("prodid", "-//ccn_docs//Nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    count = 0
    for record in records:
        item = event(record, base_url, stamp)
        if item is not None:
            cal.add_component(item)
            count += 1
    return cal.to_ical(), count
