"""Deadlines a tracking system can schedule: a ``due_date`` (ISO) and an RFC 5545
``RRULE`` read from a task's deadline as written, in its document's context.

- A day: "trước ngày 15/01/2026", "chậm nhất ngày 05 tháng 12 năm 2025", "trước
  01 tháng 12 năm 2025" → that day; without a year ("trước ngày 25/12") the
  document's year, or the next one when the date would fall just after a year end
  the document was written before.
- A period ends on its last day: "trong tháng 11 năm 2025" → 2025-11-30,
  "trong quý I năm 2026" → 2026-03-31, "6 tháng đầu năm 2026" → 2026-06-30,
  "trong năm 2026" and a bare "2026" → 2026-12-31; the document's own period
  ("trong năm nay", "cuối năm", "trong tháng này") ends with its year or month.
- A range ends on its end, whatever its start and length: "(kể) từ … đến hết năm
  2025" → 2025-12-31, "trong 10 ngày làm việc (từ ngày 20/11/2025 đến ngày
  03/12/2025)" → 2025-12-03, "tháng 11 - 12/2025" → 2025-12-31, "Quý III/2025 -
  Quý I/2026" → 2026-03-31.
- A period counted from the document's issue ("chậm nhất 05 ngày làm việc kể từ
  ngày ban hành Quyết định", "trong vòng 10 ngày kể từ ngày ký") or from a day
  written out ("10 ngày kể từ ngày 20/11/2025") ends that many days after that
  date, not counting the day itself: working days are Monday to
  Friday, public holidays not known; a week is 7 days, a month ends on the same
  day of a later month (or that month's last day). Only when the issue is this
  document's: "… này", its own type ("Quyết định" in a decision), or no document
  named in a plan, letter, notice, dispatch or directive, which issue nothing else.
- A recurring deadline ("trước ngày 15 hằng tháng", "định kỳ hằng năm, trước ngày
  20/12", "định kỳ 06 tháng/lần") gets a rule (``FREQ=MONTHLY;BYMONTHDAY=15``) and
  no date, unless it names its first occurrence with a year ("trong quý I năm
  2026", "hằng năm"). The rule carries the days named when they say when each
  occurrence falls ("trước ngày 15/6 và 15/12" of a half-yearly report,
  "ngày 10 của tháng đầu quý sau" of a quarterly one).
- Not a deadline: the date of a cited document ("Kế hoạch số 45/KH-UBND ngày
  03/11/2025"), the year of a law's name ("Luật Thủy lợi năm 2017").
- After work done by a date ("hoàn thành trong năm 2026"), a clause of later work
  ("…, cập nhật định kỳ", "… và rà soát trong các năm tiếp theo") keeps the date.
- No date at all when the deadline is relative to an event ("trong 10 ngày kể từ
  ngày nhận được …", "sau khi …", "trước ngày Luật … có hiệu lực", "kể từ ngày ban
  hành quyết định cấp …"), is a start ("từ 01/7/2025"), a phase of several years
  ("giai đoạn 2026 - 2030", "năm 2026 - 2027"), open-ended ("… và các năm tiếp
  theo"), in a year not named ("ngày 20 tháng 12 của năm đánh giá", "tháng 12 năm
  (j-1)", "ngày 14 tháng 12 của kỳ báo cáo"), vague ("đầu năm 2026", "tuần đầu tháng
  12"), "before" a whole month, quarter or year (whether that month is included is
  not written), names several dates (but a day within the period it names: "trong
  tháng 12/2025, trước ngày 20/12/2025" → 2025-12-20) or has one the rules cannot
  read: a wrong date is worse than none.

Patterns are written with their diacritics and also match the same words without
them (OCR text, typed queries), never with other marks: "từ" (from) is not "tư".
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
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
#: Types of document (folded, lower case) that issue nothing but themselves, so that "kể từ ngày
#: ban hành" naming no document dates from theirs; a regulation counts from the issue of the acts
#: it governs ("kế hoạch kiểm tra … gửi … trong thời hạn 10 ngày làm việc kể từ ngày ban hành").
SELF_ISSUING_TYPES = {"ke hoach", "cong van", "thong bao", "cong dien", "chi thi"}
#: A deadline longer than this many words is a sentence: a date in it is a deadline only after a word
#: that makes it one ("trước", "chậm nhất", "trong" …), not a date of the events it tells.
NARRATIVE_WORDS = 12
#: A year without 29 February: the month ends a yearly rule names are those of most years.
_COMMON_YEAR = 2023
#: Months in a repeating period: "hằng quý" 3, "định kỳ 6 tháng" 6, "hằng năm" 12.
PERIOD_MONTHS = {"FREQ=MONTHLY": 1, "FREQ=MONTHLY;INTERVAL=3": 3, "FREQ=MONTHLY;INTERVAL=6": 6, "FREQ=YEARLY": 12}


def _loose(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a lower-case pattern so that each marked letter also matches its
    unmarked form ("từ" → "t[ừu]"): text that lost its diacritics still reads."""
    out = []
    for char in nfc(pattern):
        plain = fold(char)
        out.append(f"[{char}{plain}]" if plain != char else char)
    return re.compile("".join(out), flags)


@dataclass(frozen=True)
class Schedule:
    """What a deadline means for a tracking system."""

    due_date: Optional[str] = None  # ISO date
    rrule: Optional[str] = None  # RFC 5545 RRULE value, e.g. "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"


@dataclass(frozen=True)
class _Mention:
    """A date or period named in the deadline; ``day`` None for a period, which
    ends on its last day (``month`` of a year: the year's last month). A period
    ``current`` is the document's own ("năm nay"): its year is the document's."""

    start: int
    end: int
    kind: str  # "day", "month", "quarter", "half" or "year"
    year: Optional[int]
    month: int
    day: Optional[int] = None
    current: bool = False


_YEAR = r"(?:(?:/|-| năm )(\d{4}))?"
_DAY = r"(?:ngày|trước|nhất|hết|chót|đến|hơn|là|hạn|và)"  # words a bare "25/12" follows when it is a date
_MENTIONS: list[tuple[str, re.Pattern[str]]] = [
    # "25/12/2025", "25.12.2025", "25-12-25": a two-digit year is this century's
    ("day", _loose(r"(?<!tháng )(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/-]|\.\d)")),
    ("monthday", _loose(r"ngày (\d{1,2}) (?:của )?(?:(?:hằng|hàng|mỗi|các) tháng|tháng (?:cuối|đầu)(?: của)? quý)")),
    ("day", _loose(r"ngày (\d{1,2}) tháng (\d{1,2})" + _YEAR + r"(?![\d/-])")),
    ("day", _loose(_DAY + r" (\d{1,2})[/.-](\d{1,2})(?: năm (\d{4}))?(?![\d/-]|\.\d)")),
    # "trước 01 tháng 12 năm 2025": without "ngày" only with its year, as "trước 06 tháng" is six months
    ("day", _loose(r"(?:trước|nhất|hết|đến|hạn|là) (\d{1,2}) tháng (\d{1,2}) năm (\d{4})(?![\d/-])")),
    ("half", _loose(r"(?:6|sáu) tháng (đầu|cuối)(?: của)? năm" + r"(?: (\d{4}))?")),
    ("half", _loose(r"nửa (đầu|cuối) năm(?: (\d{4}))?")),
    ("quarter", _loose(r"quý (iv|iii|ii|i|[1-4])" + _YEAR + r"(?![\w/]|-\w)")),
    ("month", _loose(r"(?<!\d )(?<!\d)tháng (\d{1,2})" + _YEAR + r"(?![\d/]|-\d)")),
    ("year", _loose(r"(?<![\d/])năm (\d{4})(?![\d/]| ?- ?\d)")),  # "năm 2026 - 2027": a phase
    ("year", re.compile(r"^((?:19|20)\d{2})[.;]?$")),  # a plan table's time column: "2026"
    ("month", re.compile(r"^(\d{1,2})/(\d{4})[.;]?$")),  # and "12/2025"
    # the document's own period: "trong năm nay", "cuối năm", "đến hết năm", "trong tháng này"
    ("current", _loose(r"(năm) nay|(tháng|quý) này|(?:cuối|hết) (năm)(?= ?(?:$|[,;.)]))")),
]
#: "05 ngày làm việc kể từ ngày ban hành Quyết định", "10 ngày kể từ ngày 20/11/2025": a count
#: ("15 (mười lăm)", "mười (10)") of days, weeks or months from an issue (and the document issued,
#: if named) or from a day written out.
_COUNTED = _loose(
    r"(?<![\d,.])(?:(?P<count>\d{1,3})(?: \([^()\d]{1,25}\))?|(?:[^\W\d_]+ ){0,2}\((?P<spelled>\d{1,3})\)) "
    r"(?P<unit>ngày làm việc|ngày|tuần|tháng),? (?:kể |tính )?từ (?:"
    r"(?:ngày|khi) (?:ký|ban hành|phát hành)(?:,? ban hành)?(?: (?P<named>văn bản|quyết định|kế hoạch|công văn"
    r"|thông báo|công điện|chỉ thị|nghị quyết))?(?P<this> này)?(?= ?(?:$|[,;.()]|để ))"
    r"|ngày (?P<day>\d{1,2})(?:[/.-]| tháng )(?P<month>\d{1,2})(?:[/.-]| năm )(?P<year>\d{4})(?![\d/-]))"
)
_FREQUENCIES: list[tuple[str, re.Pattern[str]]] = [
    ("FREQ=MONTHLY;INTERVAL=6", _loose(r"(?:hằng|hàng|mỗi) sáu tháng|sáu tháng (?:một|1) lần")),
    ("FREQ=DAILY", _loose(r"(?:hằng|hàng|mỗi) ngày|(?:01|1|một) lần ?/ ?ngày")),
    ("FREQ=WEEKLY", _loose(r"(?:hằng|hàng|mỗi) tuần|(?:01|1|một) lần ?/ ?tuần")),
    ("FREQ=MONTHLY;INTERVAL=3", _loose(r"(?:hằng|hàng|mỗi) quý|(?:01|1|một) lần ?/ ?quý"
                                        r"|tháng (?:cuối|đầu) (?:của )?(?:mỗi |hằng |hàng )?quý")),
    ("FREQ=MONTHLY", _loose(r"(?:hằng|hàng|mỗi) tháng|(?:01|1|một) lần ?/ ?tháng"
                            r"|ngày \d{1,2} (?:của )?(?:các|mỗi) tháng")),
    ("FREQ=YEARLY", _loose(r"(?:hằng|hàng|mỗi) năm|(?:01|1|một) lần ?/ ?năm")),
]
#: "định kỳ 06 tháng", "mỗi 3 tháng", "03 năm một lần", "6 tháng/lần": every so many months or years.
_EVERY = _loose(r"(?:(?:định kỳ|hằng|hàng|mỗi) (\d{1,2}) (tháng|năm)|(\d{1,2}) (tháng|năm) ?(?:/ ?|một |1 )lần)")
_PERIODIC = _loose(r"định kỳ")
#: The month of each quarter a quarterly deadline's day falls in: "tháng cuối quý", "tháng đầu quý sau".
_MONTH_OF_QUARTER = _loose(r"tháng (cuối|đầu) (?:của )?(?:mỗi |hằng |hàng )?quý( sau| tiếp theo)?")
_WEEKDAY = _loose(r"thứ (hai|ba|tư|năm|sáu|bảy)|chủ nhật")
_DAY_OF_MONTH = _loose(r"ngày (\d{1,2})(?! ?[/.-]? ?\d| tháng)")  # "trước ngày 20" of a monthly report
#: After these nothing is dated (see the module docstring); checked with the mentions blanked out.
_UNDATED = _loose(
    r"kể từ|sau khi|trước khi|ngay sau|ngày làm việc|trong vòng (?!§)|thời hạn \d|\b\d+(?:,\d+)? ?(?:ngày|tuần|tháng|năm)\b"
    r"|tiếp theo|trở đi|giai đoạn|năm học|lộ trình|\b(?:đầu|giữa) (?:tháng|quý|năm|§)|tuần|thường xuyên|\d{4} ?- ?\d{4}"
    r"|§ ?- ?§"
    # a period or date left unread ("quý iv/2025- §", "tháng §, 12/2025"): the text says more than the
    # mentions; not a document's number ("Nghị định số 12/2025/NĐ-CP")
    r"|(?:quý (?:[iv]+|[1-4])|tháng \d{1,2})[/-]\d|\b\d{1,2}[/.-](?:\d{1,2}(?:[/.-]\d{4})?|\d{4})\b(?![/-]?[^\W\d_])"
    # a day named by its event ("trước ngày Luật … có hiệu lực") or of a year not named ("ngày § của năm
    # liền kề", "tháng § năm (j-1)", "ngày § của kỳ báo cáo", "năm trước")
    r"|(?:trước|sau|đến|từ|nhất|hết|là|vào) ngày (?!ngày|thứ|chủ)[^\W\d_]"
    # "trước Tết Nguyên đán năm 2026", "trước kỳ họp …": the year is the event's, not the day's
    r"|\btrước (?!ngày|tháng|quý|năm|thứ|chủ|giờ|cuối|hết|mắt)[^\W\d_]|§,? (?:của )?(?:năm|kỳ) (?!nay)[^\d\s]"
    r"|(?<!hằng )(?<!hàng )(?<!mỗi )năm (?:trước|sau|liền kề)|kỳ báo cáo"
)
#: A cited document's number, right before its date: "Kế hoạch số 12/KH-UBND ngày 05/11/2025" dates the plan.
_CITED = re.compile(r"\S*\d\S*/\S*[^\W\d_]\S* $")
#: Words that make a date the end of the work ("hoàn thành trong năm 2026"), so that a clause after it
#: ("…, cập nhật định kỳ", "… và rà soát trong các năm tiếp theo") is follow-up work, not its time.
_COMPLETION = _loose(r"hoàn thành|xong|chậm nhất")
_FOLLOW_UP = _loose(r"^(?:,|;| và) (?!(?:các |những )?(?:năm|tháng|quý) )[^§\d]*$")
#: A year that ends a law's name ("Luật Bảo hiểm xã hội năm 2014") names no time.
_LAW_NAME = _loose(r"\bluật\b(?:(?!trong|trước|hoàn thành|xong|đến|hết|chậm nhất)[^;§()]){0,80}$")
#: The start of "(kể) từ … đến X", which does not move X, and a length the range is said to last
#: ("trong 10 ngày làm việc (từ … đến …)").
_START = _loose(r"(?:^|[\s(])(?:kể )?từ\s.*?(?=\sđến\s)")
_LENGTH = _loose(r"\b\d+ (?:ngày làm việc|ngày|tuần|tháng|năm),? (?=\(?(?:kể )?từ\s)")
_CLOCK = _loose(r"\b\d{1,2} ?(?:giờ|h(?![^\W\d_])|:) ?(?:\d{2}\b)?(?:'| phút)?")  # "trước 17 giờ 00 ngày …", "16h00"
_AFTER = re.compile(r"\bsau\b")  # "sau" (after) as written: "sáu" (six) differs only by its mark
_FROM = _loose(r"(?:^|[\s(])từ\s")
_UNTIL = _loose(r"đến (?:hết )?$")  # the text just before a mention
#: "tháng 11 - 12/2025", "quý III - IV/2025": the second month or quarter written as such.
_SHARED_UNIT = _loose(r"\b(tháng|quý) ([ivx]+|\d{1,2}) ?- ?(?=(?:[ivx]+|\d{1,2})\b)", re.I)
#: Between the two ends of a range of days, months or quarters: "tháng 11 - tháng 12/2025".
_DASH = _loose(r" ?- ?(?:ngày )?")
_DAY_RANGE = re.compile(r"(?<=\d)-(?=\d{1,2}[/.]\d{1,2}[/.]\d{4})")  # "01/7/2025-31/12/2026", "15-30/11/2025"
_RANGE = _loose(r"(?:(?:kể )?từ )?§ ?- ?(?:ngày )?§")
_BEFORE = _loose(r"trước $")
_ANNOUNCED = _loose(r"\b(?:trước|nhất|chót|cuối|hơn|xong|thành|đến|hết|trong|vào|từ|là|hạn)[ :]*$")
#: "Quí", an older spelling of "Quý" (quarter).
_QUI = re.compile(r"\b[Qq][Uu][íÍ]\b")
_QUI_AS_QUY = str.maketrans("íÍ", "ýÝ")


def _text(value: str) -> str:
    """Single spaces, no spaces inside numbers ("30 / 11 / 2025") but around the dash of
    a range ("15/11 - 30/11/2025"), each end of a range with its unit ("tháng 11 - tháng
    12/2025"); the case as written."""
    text = _QUI.sub(lambda m: m.group().translate(_QUI_AS_QUY), " ".join(nfc(value).replace("–", "-").split()))
    text = re.sub(r"(\d)(?: ?([/.]) ?|(-))(?=\d)", r"\1\2\3", _SHARED_UNIT.sub(r"\1 \2 - \1 ", text))
    return _DAY_RANGE.sub(" - ", text)


def _after(start: date, count: int, unit: str) -> date:
    """The last day of ``count`` units counted from the day after ``start``."""
    if unit == "ngay lam viec":
        day = start
        while count:
            day += timedelta(days=1)
            count -= day.weekday() < 5
        return day
    if unit == "tuan":
        return start + timedelta(weeks=count)
    if unit == "thang":
        month = start.month - 1 + count
        year, month = start.year + month // 12, month % 12 + 1
        return date(year, month, min(start.day, monthrange(year, month)[1]))
    return start + timedelta(days=count)


def _counted(text: str, cased: str, issued: Optional[date], document_type: Optional[str]) -> list[_Mention]:
    """Periods counted from this document's issue or from a day written out, as the
    days they end on. ``cased`` is ``text`` as written: a capitalised "Quyết định" is a
    named decision, a lower-case one any decision."""
    own_type = fold(document_type or "").lower()
    found = []
    for match in _COUNTED.finditer(text):
        named = match.group("named")
        if match.group("day"):
            try:
                start: Optional[date] = date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            except ValueError:
                continue
        elif named and not match.group("this"):
            written = cased[match.start("named"): match.end("named")] if len(cased) == len(text) else ""
            start = issued if written[:1].isupper() and fold(named) == own_type else None
        else:
            start = issued if named or own_type in SELF_ISSUING_TYPES else None
        if start is None:
            continue
        try:
            due = _after(start, int(match.group("count") or match.group("spelled")), fold(match.group("unit")))
        except (OverflowError, ValueError):  # past the calendar's end
            continue
        found.append(_Mention(match.start(), match.end(), "day", due.year, due.month, due.day))
    return found


def _mentions(text: str, counted: list[_Mention]) -> tuple[list[_Mention], str]:
    """Dates and periods named in ``text``, in order, with the ``counted`` ones, and
    the text with them blanked out ("§"). A month named inside a day is part of the day."""
    found = list(counted)
    taken = [False] * len(text)
    for mention in counted:
        taken[mention.start:mention.end] = [True] * (mention.end - mention.start)
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
        if len(groups) <= index or not groups[index]:
            return None
        return int(groups[index]) + (2000 if len(groups[index]) == 2 else 0)

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
    elif kind == "current":
        unit = fold(next(group for group in groups if group))
        mention = _Mention(start, end, {"nam": "year", "thang": "month", "quy": "quarter"}[unit], None, 12, current=True)
    else:
        mention = _Mention(start, end, "year", year(0), 12)
    if kind != "monthday" and not 1 <= mention.month <= 12 or mention.year is not None and mention.year < MINYEAR:
        return None
    if mention.day is not None and not 1 <= mention.day <= (monthrange(mention.year or 2024, mention.month)[1] if mention.month else 31):
        return None
    return mention


def _first_day(mention: _Mention, last: date) -> date:
    """The first day of a period mention that ends on ``last``."""
    return date(last.year, last.month - _months_of(mention) + 1, 1)


def _last_day(mention: _Mention, year: int) -> Optional[date]:
    """The day a mention ends on in ``year``; None for a 29 February the year lacks
    (or a year past the calendar's end)."""
    if year > MAXYEAR:
        return None
    last = monthrange(year, mention.month)[1]
    if mention.day is None:
        return date(year, mention.month, last)
    return date(year, mention.month, mention.day) if mention.day <= last else None


def _resolve(mention: _Mention, document_date: Optional[date]) -> Optional[date]:
    """The date a mention means; a mention without a year is placed by the document's date."""
    if mention.year is not None:
        return _last_day(mention, mention.year)
    if document_date is None or mention.kind == "year" and not mention.current or not mention.month:
        return None
    if mention.current:
        month = {"year": 12, "quarter": (document_date.month + 2) // 3 * 3}.get(mention.kind, document_date.month)
        return date(document_date.year, month, monthrange(document_date.year, month)[1])
    same_year = _last_day(mention, document_date.year)
    if same_year and document_date - same_year <= EARLIER_ALLOWED:
        return same_year
    next_year = _last_day(mention, document_date.year + 1)
    return next_year if next_year and next_year - document_date <= NEXT_YEAR_WITHIN else None


def _ranges(text: str, mentions: list[_Mention]) -> list[tuple[_Mention, _Mention]]:
    """The ranges "X - Y" of days, months or quarters; a range of years is a phase
    ("2026 - 2030"), no time to finish by."""
    return [(first, last) for first, last in zip(mentions, mentions[1:])
            if _DASH.fullmatch(text[first.end:last.start]) and "year" not in (first.kind, last.kind)]


def _in_order(first: _Mention, last: _Mention, document_date: Optional[date]) -> bool:
    """Whether a range starts before it ends; a start without a year is in the end's
    year or the one before ("tháng 12 - tháng 2/2026": December 2025)."""
    end = _resolve(last, document_date)
    if end is None or first.year is None and not first.current and first.month:
        return end is not None
    start = _resolve(first, document_date)
    return start is not None and start < end


def _before(text: str, mention: _Mention) -> str:
    """The text before a mention, "ngày" left out: "đến hết ngày 31/12" → "… đến hết "."""
    return re.sub(r"(?:ngày|ngay) $", "", text[: mention.start])


def _frequency(text: str) -> Optional[str]:
    if every := _EVERY.search(text):
        count, unit = int(every.group(1) or every.group(3)), fold(every.group(2) or every.group(4))
        if unit == "thang" and count % 12 == 0:
            count, unit = count // 12, "nam"
        if count:
            rule = "FREQ=MONTHLY" if unit == "thang" else "FREQ=YEARLY"
            return rule if count == 1 else f"{rule};INTERVAL={count}"
    return next((rule for rule, pattern in _FREQUENCIES if pattern.search(text)), None)


def _months_of(mention: _Mention) -> int:
    """How many months a period mention spans (a day: none)."""
    return {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(mention.kind, 0)


def _rule(frequency: Optional[str], mentions: list[_Mention], text: str, dated: bool) -> Optional[str]:
    """The RRULE of a recurring deadline. Without a dated first occurrence the rule
    carries the day (and months) it recurs on, so it stands alone."""
    if dated:
        return frequency
    days = [m for m in mentions if m.year is None and not m.current and (m.kind == "day" or _months_of(m) < 12)]
    if frequency is None:  # "định kỳ": the days named say how often
        if not days:
            return None
        frequency = "FREQ=YEARLY" if all(m.month for m in days) else "FREQ=MONTHLY"
    period = PERIOD_MONTHS.get(frequency)
    months = sorted({m.month for m in days})
    day_numbers = {m.day if m.day is not None else -1 for m in days}
    if len(day_numbers) > 1 and all(m.day == monthrange(_COMMON_YEAR, m.month)[1] for m in days if m.day and m.month):
        day_numbers = {-1}  # each month's last day: "trước ngày 30/6 và 31/12 hằng năm"
    if period and days and all(m.month for m in days) and len(day_numbers) == 1 and all(
            _months_of(m) < period for m in days) and (period == 12 or len(months) * period == 12 and all(
            later - earlier == period for earlier, later in zip(months, months[1:]))):
        # the day (or month) of each occurrence: "trước ngày 25/12 hằng năm", "trước ngày 15/6 và 15/12"
        # of a half-yearly report
        return f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY={day_numbers.pop()}"
    if frequency == "FREQ=MONTHLY;INTERVAL=3" and len(days) == 1 and days[0].day and not days[0].month and (
            quarter := _MONTH_OF_QUARTER.search(text)):
        first = 3 if fold(quarter.group(1)) == "cuoi" else 1 + 3 * bool(quarter.group(2))
        months = sorted((first + 3 * n - 1) % 12 + 1 for n in range(4))
        return f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY={days[0].day}"
    if frequency == "FREQ=MONTHLY" and not [m for m in days if m.month]:
        named = {m.day for m in days} or {int(day.group(1)) for day in _DAY_OF_MONTH.finditer(text)}
        if len(named) == 1 and 1 <= (day := named.pop()) <= 31:
            return f"{frequency};BYMONTHDAY={day}"
    if frequency == "FREQ=WEEKLY" and (weekday := _WEEKDAY.search(text)):
        return f"{frequency};BYDAY=" + WEEKDAYS[fold(weekday.group(1)) if weekday.group(1) else None]
    return frequency


def schedule(deadline: Optional[str], recurrence: Optional[str] = None, document_date: Optional[str] = None,
             document_type: Optional[str] = None) -> Schedule:
    """The due date and recurrence rule of a deadline as written (see the module
    docstring); ``recurrence`` is the task's recurrence as written ("hằng năm"),
    ``document_date`` its document's ISO date and ``document_type`` its type
    ("Quyết định"), which say when and what "kể từ ngày ban hành" counts from."""
    cased = _text(deadline or "")
    text = cased.lower()
    both = f"{text} {_text(recurrence or '').lower()}"
    frequency = _frequency(both)
    recurring = frequency is not None or bool(_PERIODIC.search(both))
    try:
        issued = date.fromisoformat(document_date) if document_date else None
    except ValueError:
        issued = None
    counted = _counted(text, cased, issued, document_type)
    mentions, blanked = _mentions(text, counted)
    mentions = [m for m in mentions if not _CITED.search(_before(text, m))
                and not (m.kind == "year" and _LAW_NAME.search(_before(text, m)))]
    if len(text.split()) > NARRATIVE_WORDS and not any(
            m in counted or _ANNOUNCED.search(_before(text, m)) for m in mentions):
        mentions = []  # "…, ngày 07/11/2025, Bộ đã gửi …": a date in an account of work done
    ranges = _ranges(text, mentions)
    until = [m for m in mentions if _UNTIL.search(_before(text, m))] + [last for _, last in ranges]
    undated = any(not _in_order(first, last, issued) for first, last in ranges)
    if until:  # "(kể từ …) đến (hết) X", "X - Y": the end is when it ends, whatever the start and length
        end = max(until, key=lambda m: m.start)
        starts = [match.span() for match in _START.finditer(text)] + [(first.start, first.end) for first, _ in ranges]
        # a date outside the range is another date ("trước ngày 30/11/2025, số liệu tính đến 31/10")
        mentions = [end] + [m for m in mentions if m is not end and not any(a <= m.start < b for a, b in starts)]
        blanked = _START.sub(" ", _LENGTH.sub(" ", _RANGE.sub("§", blanked)))
    elif _FROM.search(blanked):
        mentions = []  # a start only
    last = blanked.rfind("§")
    if last >= 0 and _COMPLETION.search(blanked[:last]) and _FOLLOW_UP.search(blanked[last + 1:]):
        blanked = blanked[: last + 1]
    blanked = _CLOCK.sub(" ", blanked)
    undated = undated or bool(_UNDATED.search(blanked) or _AFTER.search(blanked))
    if any(m.kind != "day" and _BEFORE.search(_before(text, m)) for m in mentions):
        undated = True  # "trước tháng 12/2025": is December included?
    if recurring:
        first = [m for m in mentions if m.year is not None]
        dated = len(first) == 1 and not undated
        due = _resolve(first[0], issued) if dated else None
        return Schedule(due.isoformat() if due else None, _rule(frequency, mentions, both, due is not None))
    due = None if undated else _one_date(mentions, issued)
    return Schedule(due.isoformat() if due else None)


def _one_date(mentions: list[_Mention], document_date: Optional[date]) -> Optional[date]:
    """The one date the mentions name: a period named once or twice, or a day alone
    or within the periods also named ("trong tháng 12/2025, trước ngày 20/12/2025")."""
    resolved = [(m, when) for m in mentions if (when := _resolve(m, document_date)) is not None]
    if not mentions or len(resolved) < len(mentions):
        return None
    days = {when for m, when in resolved if m.kind == "day"}
    if not days:
        ends = {when for _, when in resolved}
        return ends.pop() if len(ends) == 1 else None
    day = days.pop()
    return day if not days and all(_first_day(m, when) <= day <= when for m, when in resolved if m.kind != "day") else None

def fill_due_dates(directive: Directive) -> None:
    """Set every task's ``due_date`` and ``rrule`` from its deadline and recurrence."""
    for task in directive.tasks:
        found = schedule(task.deadline, task.recurrence, directive.date, directive.type)
        task.due_date, task.rrule = found.due_date, found.rrule
