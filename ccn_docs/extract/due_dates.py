"""Deadlines a tracking system can schedule: a ``due_date`` (ISO) and an RFC 5545
``RRULE`` read from a task's deadline as written, in its document's context.

- A day: "trước ngày 15/01/2026", "chậm nhất ngày 05 tháng 12 năm 2025", "trước
  01 tháng 12 năm 2025" → that day; without a year ("trước ngày 25/12") the
  document's year, or the next one when the date would fall just after a year end
  the document was written before.
- A period ends on its last day: "trong tháng 11 năm 2025" → 2025-11-30,
  "trong quý I năm 2026" → 2026-03-31, "6 tháng đầu năm 2026" → 2026-06-30,
  "trong năm 2026" and a bare "2026" → 2026-12-31; "(kể) từ … đến hết năm 2025"
  → 2025-12-31.
- A recurring deadline ("trước ngày 15 hằng tháng", "định kỳ hằng năm, trước ngày
  20/12") gets a rule (``FREQ=MONTHLY;BYMONTHDAY=15``) and no date, unless it
  names its first occurrence with a year ("trong quý I năm 2026", "hằng năm").
- Not a deadline: the date of a cited document ("Kế hoạch số 45/KH-UBND ngày
  03/11/2025"), the year of a law's name ("Luật Thủy lợi năm 2017").
- After work done by a date ("hoàn thành trong năm 2026"), a clause of later work
  ("…, cập nhật định kỳ", "… và rà soát trong các năm tiếp theo") keeps the date.
- No date at all when the deadline is relative to an event ("trong 10 ngày kể từ …",
  "sau khi …", "trước ngày Luật … có hiệu lực"), is a start ("từ 01/7/2025"), a
  period of several years, quarters or months ("giai đoạn 2026 - 2030", "tháng 11 -
  12/2025", "Quý III/2025 - Quý I/2026"), open-ended ("… và các năm tiếp theo"), in
  a year not named ("ngày 20 tháng 12 của năm đánh giá"), vague ("đầu năm 2026",
  "tuần đầu tháng 12"), "before" a whole month, quarter or year (whether that month
  is included is not written), names several dates or has one the rules cannot read:
  a wrong date is worse than none.

Patterns are written with their diacritics and also match the same words without
them (OCR text, typed queries), never with other marks: "từ" (from) is not "tư".
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from ..types import Directive
from ..vietnamese import fold, nfc

#: A date without a year is put in the document's year when it falls no more than
#: this before the document (a document may be signed after a deadline it restates) ...
EARLIER_ALLOWED = timedelta(days=31)
#: ... else in the next year, when that is at most this after the document
#: ("trước ngày 15/01" in a December document); otherwise it is left undated.
NEXT_YEAR_WITHIN = timedelta(days=92)

QUARTER_END_MONTH = {"i": 3, "ii": 6, "iii": 9, "iv": 12, "1": 3, "2": 6, "3": 9, "4": 12}
#: "thứ hai" … "thứ bảy", folded, and "chủ nhật".
WEEKDAYS = {"hai": "MO", "ba": "TU", "tu": "WE", "nam": "TH", "sau": "FR", "bay": "SA", None: "SU"}


def _loose(pattern: str) -> re.Pattern[str]:
    """Compile a lower-case pattern so that each marked letter also matches its
    unmarked form ("từ" → "t[ừu]"): text that lost its diacritics still reads."""
    out = []
    for char in nfc(pattern):
        plain = fold(char)
        out.append(f"[{char}{plain}]" if plain != char else char)
    return re.compile("".join(out))


@dataclass(frozen=True)
class Schedule:
    """What a deadline means for a tracking system."""

    due_date: Optional[str] = None  # ISO date
    rrule: Optional[str] = None  # RFC 5545 RRULE value, e.g. "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"


@dataclass(frozen=True)
class _Mention:
    """A date or period named in the deadline; ``day`` None for a period, which
    ends on its last day (``month`` of a year: the year's last month)."""

    start: int
    end: int
    kind: str  # "day", "month", "quarter", "half" or "year"
    year: Optional[int]
    month: int
    day: Optional[int] = None


_YEAR = r"(?:(?:/|-| năm )(\d{4}))?"
_DAY = r"(?:ngày|trước|nhất|hết|chót|đến|hơn|là|hạn)"  # words a bare "25/12" follows when it is a date
_MENTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("day", _loose(r"(?<!tháng )(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/-]|\.\d)")),
    ("monthday", _loose(r"ngày (\d{1,2}) (?:của )?(?:(?:hằng|hàng|mỗi|các) tháng|tháng cuối)")),
    ("day", _loose(r"ngày (\d{1,2}) tháng (\d{1,2})" + _YEAR + r"(?![\d/-])")),
    ("day", _loose(_DAY + r" (\d{1,2})[/.-](\d{1,2})(?![\d/-]|\.\d)")),
    # "trước 01 tháng 12 năm 2025": without "ngày" only with its year, as "trước 06 tháng" is six months
    ("day", _loose(r"(?:trước|nhất|hết|đến|hạn|là) (\d{1,2}) tháng (\d{1,2}) năm (\d{4})(?![\d/-])")),
    ("half", _loose(r"(?:6|sáu) tháng (đầu|cuối)(?: của)? năm" + r"(?: (\d{4}))?")),
    ("half", _loose(r"nửa (đầu|cuối) năm(?: (\d{4}))?")),
    ("quarter", _loose(r"quý (iv|iii|ii|i|[1-4])" + _YEAR + r"(?![\w/-])")),
    ("month", _loose(r"(?<!\d )(?<!\d)tháng (\d{1,2})" + _YEAR + r"(?![\d/-])")),
    ("year", _loose(r"(?<![\d/])năm (\d{4})(?![\d/-])")),
    ("year", re.compile(r"^((?:19|20)\d{2})[.;]?$")),  # a plan table's time column: "2026"
]
_FREQUENCIES: list[tuple[str, re.Pattern[str]]] = [
    ("FREQ=MONTHLY;INTERVAL=6", _loose(r"(?:(?:hằng|hàng|mỗi|định kỳ) (?:6|sáu) tháng|(?:6|sáu) tháng (?:một|1) lần)")),
    ("FREQ=DAILY", _loose(r"(?:hằng|hàng|mỗi) ngày")),
    ("FREQ=WEEKLY", _loose(r"(?:hằng|hàng|mỗi) tuần")),
    ("FREQ=MONTHLY;INTERVAL=3", _loose(r"(?:hằng|hàng|mỗi) quý|tháng cuối (?:của )?(?:mỗi |hằng |hàng )?quý")),
    ("FREQ=MONTHLY", _loose(r"(?:hằng|hàng|mỗi) tháng|ngày \d{1,2} (?:của )?(?:các|mỗi) tháng")),
    ("FREQ=YEARLY", _loose(r"(?:hằng|hàng|mỗi) năm")),
]
_PERIODIC = _loose(r"định kỳ")
_LAST_MONTH_OF_QUARTER = _loose(r"tháng cuối (?:của )?(?:mỗi |hằng |hàng )?quý")
_WEEKDAY = _loose(r"thứ (hai|ba|tư|năm|sáu|bảy)|chủ nhật")
#: After these nothing is dated (see the module docstring); checked with the mentions blanked out.
_UNDATED = _loose(
    r"kể từ|sau khi|trước khi|ngay sau|ngày làm việc|trong vòng|thời hạn \d|\b\d+(?:,\d+)? ?(?:ngày|tuần|tháng|năm)\b"
    r"|tiếp theo|trở đi|giai đoạn|năm học|lộ trình|\b(?:đầu|giữa) (?:tháng|quý|năm|§)|tuần|thường xuyên|\d{4} ?- ?\d{4}"
    r"|tháng \d{1,2} ?- ?\d{1,2}|quý [iv1-4]+ ?- ?[iv1-4]+|§ ?- ?§"
    # a period left unread ("quý iv/2025- §"): the text says more than the mentions
    r"|(?:quý (?:[iv]+|[1-4])|tháng \d{1,2})[/-]\d"
    # a day named by its event ("trước ngày Luật … có hiệu lực") or of a year not named ("ngày § của năm liền kề")
    r"|(?:trước|sau|đến|từ|nhất|hết|là|vào) ngày (?!ngày|thứ|chủ)[^\W\d_]|§,? (?:của )?năm (?!nay)[^\W\d_]"
)
#: A cited document's number, right before its date: "Kế hoạch số 12/KH-UBND ngày 05/11/2025" dates the plan.
_CITED = re.compile(r"\S*\d\S*/\S*[^\W\d_]\S* $")
#: Words that make a date the end of the work ("hoàn thành trong năm 2026"), so that a clause after it
#: ("…, cập nhật định kỳ", "… và rà soát trong các năm tiếp theo") is follow-up work, not its time.
_COMPLETION = _loose(r"hoàn thành|xong|chậm nhất")
_FOLLOW_UP = _loose(r"^(?:,|;| và) (?!(?:các |những )?(?:năm|tháng|quý) )[^§\d]*$")
#: A year that ends a law's name ("Luật Bảo hiểm xã hội năm 2014") names no time.
_LAW_NAME = _loose(r"\bluật\b(?:(?!trong|trước|hoàn thành|xong|đến|hết|chậm nhất)[^;§()]){0,80}$")
#: The start of "(kể) từ … đến X", which does not move X.
_START = _loose(r"(?:^|\s)(?:kể )?từ\s.*?(?=\sđến\s)")
_AFTER = re.compile(r"\bsau\b")  # "sau" (after) as written: "sáu" (six) differs only by its mark
_FROM = _loose(r"(?:^|\s)từ\s")
_UNTIL = _loose(r"đến (?:hết )?$")  # the text just before a mention
_BEFORE = _loose(r"trước $")


def _text(value: str) -> str:
    """Lower case, single spaces, no spaces inside numbers ("30 / 11 / 2025")."""
    text = " ".join(nfc(value).lower().replace("–", "-").split())
    return re.sub(r"(\d) ?([/.-]) ?(?=\d)", r"\1\2", text)


def _mentions(text: str) -> tuple[list[_Mention], str]:
    """Dates and periods named in ``text``, in order, and the text with them
    blanked out ("§"). A month named inside a day is part of the day."""
    found: list[_Mention] = []
    taken = [False] * len(text)
    for kind, pattern in _MENTIONS:
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            mention = _mention(kind, match)
            if mention is None:
                return [], text  # a date that cannot be ("31/02"): nothing here is trusted
            found.append(mention)
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
    blanked = "".join("§" if taken[i] else c for i, c in enumerate(text))
    return sorted(found, key=lambda m: m.start), re.sub("§+", "§", blanked)


def _mention(kind: str, match: re.Match[str]) -> Optional[_Mention]:
    groups = match.groups()

    def year(index: int) -> Optional[int]:
        return int(groups[index]) if len(groups) > index and groups[index] else None

    # A day starts at its number, so the words before it ("trước", "đến hết") can be read.
    start, end = (match.start(1) if kind in ("day", "monthday") else match.start()), match.end()
    if kind == "day":
        mention = _Mention(start, end, "day", year(2), int(groups[1]), int(groups[0]))
    elif kind == "monthday":
        mention = _Mention(start, end, "day", None, 0, int(groups[0]))
    elif kind == "half":
        mention = _Mention(start, end, "half", year(1), 6 if fold(groups[0]) == "dau" else 12)
    elif kind == "quarter":
        mention = _Mention(start, end, "quarter", year(1), QUARTER_END_MONTH[fold(groups[0])])
    elif kind == "month":
        mention = _Mention(start, end, "month", year(1), int(groups[0]))
    else:
        mention = _Mention(start, end, "year", year(0), 12)
    if mention.month and not 1 <= mention.month <= 12:
        return None
    if mention.day is not None and not 1 <= mention.day <= (monthrange(mention.year or 2024, mention.month)[1] if mention.month else 31):
        return None
    return mention


def _last_day(mention: _Mention, year: int) -> date:
    if mention.day is not None:
        return date(year, mention.month, mention.day)
    return date(year, mention.month, monthrange(year, mention.month)[1])


def _resolve(mention: _Mention, document_date: Optional[date]) -> Optional[date]:
    """The date a mention means; a mention without a year is placed by the document's date."""
    if mention.year is not None:
        return _last_day(mention, mention.year)
    if document_date is None or mention.kind == "year" or not mention.month:
        return None
    same_year = _last_day(mention, document_date.year)
    if same_year >= document_date - EARLIER_ALLOWED:
        return same_year
    next_year = _last_day(mention, document_date.year + 1)
    return next_year if next_year - document_date <= NEXT_YEAR_WITHIN else None


def _before(text: str, mention: _Mention) -> str:
    """The text before a mention, "ngày" left out: "đến hết ngày 31/12" → "… đến hết "."""
    return re.sub(r"(?:ngày|ngay) $", "", text[: mention.start])


def _frequency(text: str) -> Optional[str]:
    return next((rule for rule, pattern in _FREQUENCIES if pattern.search(text)), None)


def _rule(frequency: Optional[str], mentions: list[_Mention], text: str, dated: bool) -> Optional[str]:
    """The RRULE of a recurring deadline. Without a dated first occurrence the rule
    carries the day (and month) it recurs on, so it stands alone."""
    if dated:
        return frequency
    days = [m for m in mentions if m.year is None and m.kind in ("day", "month")]
    if frequency is None:  # "định kỳ": the days named say how often
        if not days:
            return None
        frequency = "FREQ=YEARLY" if all(m.month for m in days) else "FREQ=MONTHLY"
    parts = [frequency]
    if frequency == "FREQ=YEARLY" and days and all(m.month for m in days) and len({m.day for m in days}) == 1:
        parts.append("BYMONTH=" + ",".join(str(m) for m in sorted({m.month for m in days})))
        parts.append(f"BYMONTHDAY={days[0].day if days[0].day is not None else -1}")
    elif frequency == "FREQ=MONTHLY" and len(days) == 1 and days[0].day is not None and not days[0].month:
        parts.append(f"BYMONTHDAY={days[0].day}")
    elif frequency == "FREQ=MONTHLY;INTERVAL=3" and _LAST_MONTH_OF_QUARTER.search(text) and len(days) == 1 and days[0].day:
        parts = ["FREQ=YEARLY", "BYMONTH=3,6,9,12", f"BYMONTHDAY={days[0].day}"]
    elif frequency == "FREQ=WEEKLY" and (weekday := _WEEKDAY.search(text)):
        parts.append("BYDAY=" + WEEKDAYS[fold(weekday.group(1)) if weekday.group(1) else None])
    return ";".join(parts)


def schedule(deadline: Optional[str], recurrence: Optional[str] = None, document_date: Optional[str] = None) -> Schedule:
    """The due date and recurrence rule of a deadline as written (see the module
    docstring); ``recurrence`` is the task's recurrence as written ("hằng năm"),
    ``document_date`` its document's ISO date."""
    text = _text(deadline or "")
    both = f"{text} {_text(recurrence or '')}"
    frequency = _frequency(both)
    recurring = frequency is not None or bool(_PERIODIC.search(both))
    mentions, blanked = _mentions(text)
    try:
        issued = date.fromisoformat(document_date) if document_date else None
    except ValueError:
        issued = None
    mentions = [m for m in mentions if not _CITED.search(_before(text, m))
                and not (m.kind == "year" and _LAW_NAME.search(_before(text, m)))]
    until = [m for m in mentions if _UNTIL.search(_before(text, m))]
    if until:  # "(kể từ …) đến (hết) X": X is when it ends, whatever the start
        mentions = until[-1:]
        blanked = _START.sub(" ", blanked)
    elif _FROM.search(text):
        mentions = []  # a start only
    last = blanked.rfind("§")
    if last >= 0 and _COMPLETION.search(blanked[:last]) and _FOLLOW_UP.search(blanked[last + 1:]):
        blanked = blanked[: last + 1]
    undated = bool(_UNDATED.search(blanked) or _AFTER.search(blanked))
    if any(m.kind != "day" and _BEFORE.search(_before(text, m)) for m in mentions):
        undated = True  # "trước tháng 12/2025": is December included?
    if recurring:
        first = [m for m in mentions if m.year is not None]
        dated = len(first) == 1 and not undated
        due = _resolve(first[0], issued) if dated else None
        return Schedule(due.isoformat() if due else None, _rule(frequency, mentions, both, due is not None))
    if undated or not mentions:
        return Schedule()
    dates = {_resolve(m, issued) for m in mentions}
    if len(dates) != 1 or None in dates:
        return Schedule()
    return Schedule(dates.pop().isoformat())  # type: ignore[union-attr]


def fill_due_dates(directive: Directive) -> None:
    """Set every task's ``due_date`` and ``rrule`` from its deadline and recurrence."""
    for task in directive.tasks:
        found = schedule(task.deadline, task.recurrence, directive.date)
        task.due_date, task.rrule = found.due_date, found.rrule
