"""Deadlines ("trước ngày 25/12 hằng năm", "chậm nhất đến ngày 01 tháng 7 năm 2027")
and recurrences ("hằng tháng", "định kỳ") — the ``ccn_deadline_ruler`` spaCy component.

A deadline is a time expression after a word that makes it one ("trước", "chậm nhất",
"hạn chót", "không muộn hơn", "xong", "hoàn thành", "đến hết", "trong", "vào"): a day
in any written form ("25/12/2025", "25 / 12 / 2025", "25.12.25", "ngày 05 tháng 01"),
a month, quarter, half or year, the document's own period ("cuối năm", "năm nay"),
a range ("từ … đến …", "Quý IV/2025 - Quý I/2026") or a count of days from an event
("trong thời hạn 05 ngày làm việc kể từ ngày ký"), with a recurrence that follows
("… hằng năm"). The whole phrase is taken, so that its day and year are kept. Not
a deadline: a date no such word announces, as a cited document's ("Kế hoạch số
45/KH-UBND ngày 03/11/2025"), and the processing time of a procedure ("thời hạn
giải quyết: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ"). Recurrences are the ``recurrence`` cues of
``cues.jsonl``.

All patterns match folded lower-case text ("truoc ngay"), so text without its
diacritics reads the same; a match maps back to the text as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .patterns import doc_text, fold_same_length, records_of

_YEAR = r"(?:\d{4}|\d{2}(?!\d))"
#: "25/12/2025", "25 / 12 / 2025", "25.12.25", "05-01": a day written in figures.
#: Dots and dashes only with the year: "1.5 ngày" is a length, "15-20" two numbers.
_DAY_FIGURES = (rf"\d{{1,2}}\s*(?:/\s*\d{{1,2}}(?:\s*/\s*{_YEAR}|\s+nam\s+\d{{4}})?|\.\s*\d{{1,2}}\s*\.\s*{_YEAR}|-\s*\d{{1,2}}\s*-\s*{_YEAR})"
                r"(?![\d/])(?!\.\d)")
#: "05 tháng 01", "5 tháng 12, năm 2025", "05 tháng 12/2025".
_DAY_WORDS = r"\d{1,2}\s+thang\s+\d{1,2}(?:,?\s+nam\s+\d{4}|\s*[/-]\s*\d{4})?(?!\d)"
#: A day of each month or quarter: "ngày 20 hằng tháng", "ngày 10 của tháng đầu quý sau".
_DAY_EACH = (r"\d{1,2}\s+(?:cua\s+)?(?:(?:hang|moi|cac)\s+thang"
             r"|thang\s+(?:cuoi|dau)\s+(?:cua\s+)?(?:(?:moi|hang)\s+)?quy(?:\s+(?:sau|tiep\s+theo))?)")
_WEEKDAY = r"(?:thu\s+(?:hai|ba|tu|nam|sau|bay)|chu\s+nhat)\s*,?\s*"
_CLOCK = r"\d{1,2}\s*(?:gio|h|:)\s*(?:\d{2})?\s*(?:'|’|phut)?\s*,?\s*"
#: "… của năm tiếp theo", "… năm cuối", "… năm (j-1)": the year a day or month without one falls in, as written.
_OF_WHICH = r"(?:\s+(?:cua\s+)?(?:nam|ky)(?:\s+(?!(?:va|de|thi|phai|nay|doi|voi)\b)[a-z]+){1,2}|\s+nam\s+\([^()]{1,10}\))?"
_DAY = rf"(?:{_CLOCK})?(?:ngay\s+)?(?:{_WEEKDAY})?(?:{_DAY_WORDS}|{_DAY_FIGURES}|{_DAY_EACH})"
_OF_YEAR = rf"(?:\s*[/-]\s*\d{{4}}|\s+nam\s+\d{{4}})"
#: A month, quarter, half or year, or the document's own: "tháng 11/2025", "quý IV năm 2025",
#: "Quí I", "6 tháng đầu năm 2026", "năm 2026", "cuối năm", "năm nay".
_PERIOD = (rf"(?:(?:cuoi|het)\s+)?(?:thang\s+\d{{1,2}}{_OF_YEAR}?(?![\d/])|qu[yi]\s+(?:iv|iii|ii|i|[1-4]){_OF_YEAR}?(?![\w/])"
           r"|(?:6|sau)\s+thang\s+(?:dau|cuoi)\s+(?:cua\s+)?nam(?:\s+\d{4})?|nua\s+(?:dau|cuoi)\s+nam(?:\s+\d{4})?"
           r"|nam\s+\d{4}(?!\s*-\s*\d)|(?:nam|thang|quy)\s+nay|cuoi\s+(?:nam|thang|quy)(?:\s+\d{4})?)")
_TIME = rf"(?:{_DAY}|{_PERIOD}){_OF_WHICH}"
#: The end of a range written with a dash: "15/11 - 30/11/2025", "tháng 11 - 12/2025", "Quý IV/2025 - Quý I/2026".
_DASH_END = rf"(?:\s*-\s*(?:ngay\s+|thang\s+|qu[yi]\s+)?(?:{_DAY_FIGURES}|\d{{1,2}}{_OF_YEAR}|(?:iv|iii|ii|i){_OF_YEAR}))?"
#: What follows the time and belongs to it: a recurrence ("… hằng năm"), an open end ("… và các năm tiếp theo").
_EVERY = (r"(?:,?\s+(?:hang|moi)\s+(?:ngay|tuan|thang|quy|nam)|,?\s+(?:va\s+)?(?:cac|nhung)\s+(?:nam|thang|quy)\s+tiep\s+theo"
          r"|\s+tro\s+di)?")
#: "05 ngày làm việc kể từ ngày ban hành Quyết định", "10 (mười) ngày kể từ ngày 20/11/2025".
_COUNT = r"\d{1,3}(?:[,.]\d)?(?:\s*\([^()\d]{1,25}\))?\s+(?:ngay\s+lam\s+viec|ngay|tuan|thang)"
#: The event a count is from, up to the clause's end or its verb ("… trước khi triển khai …, phải báo cáo").
_FROM = (r",?\s+(?:(?:ke\s+|tinh\s+)?tu\s+(?:ngay|khi)|(?:sau|truoc)\s+(?:khi|ngay))\s+"
         r"(?:(?!\s(?:phai|thi)\s)[^,;.()]){1,60}")
#: Words that make the time after them the task's deadline, the strongest first.
_STRONG = (r"(?:truoc|cham\s+nhat(?:\s+la)?(?:\s+(?:vao|den|truoc|trong))?|han\s+(?:chot|cuoi)(?:\s+la)?\s*:?"
           r"|khong\s+muon\s+hon|(?:hoan\s+thanh\s+)?xong\s+(?:truoc|trong)|hoan\s+thanh\s+(?:truoc|trong)"
           r"|(?:tu\s+nay\s+)?den\s+het|tu\s+nay\s+den)")
#: Weaker: "trong" a time, "vào" a day or an end ("vào cuối năm 2027"), not "vào năm 2030" (a target's horizon).
_WEAK = r"(?:trong|vao(?=\s+(?:ngay|cuoi|\d)))"
#: "trước Tết Nguyên đán Bính Ngọ năm 2026": a deadline as written, though not a day the rules can tell.
_FEAST = r"truoc\s+tet(?:\s+(?:nguyen\s+dan|duong\s+lich|am\s+lich))?(?:(?:\s+[a-z]+){0,2}\s+(?:nam\s+)?\d{4})?"
#: One time or several ("tháng 4 và tháng 8 năm 2026"), each maybe a range.
_TIMES = rf"{_TIME}{_DASH_END}(?:\s+va\s+{_TIME}{_DASH_END})*"
_RANGE = rf"(?:ke\s+)?tu\s+(?:{_TIME}|ngay\s+\d{{1,2}})\s+den\s+(?:het\s+)?{_TIME}"
_PATTERNS = (
    # strongest first: a phrase found by an earlier pattern is not taken again by a later one
    re.compile(rf"(?<!\w)(?:{_RANGE}|{_STRONG}\s+{_TIMES}){_EVERY}(?!\w)"),
    re.compile(rf"(?<!\w)(?:(?:trong\s+(?:thoi\s+han|vong)|{_STRONG})\s+{_COUNT}(?:{_FROM})?|trong\s+{_COUNT}{_FROM})(?!\w)"),
    re.compile(rf"(?<!\w)(?:{_WEAK}\s+{_TIMES}{_EVERY}|{_FEAST})(?!\w)"),
)
#: The count is a procedure's processing time, not work to do ("thời hạn giải quyết: …", "rút ngắn còn …").
#: A verb of completion before the deadline word is the task's, not its deadline's: "hoàn thành | trước ngày …".
_COMPLETION = re.compile(r"(?:hoan\s+thanh\s+)?(?:xong\s+)?(?=truoc|trong)")
_PROCESSING = re.compile(r"(?:(?:thoi\s+(?:han|gian))\s+(?:giai\s+quyet|xu\s+ly)|(?:rut\s+ngan|giam)\b[^;.]{0,40}\bcon)[^;.]{0,40}$")


@lru_cache(maxsize=1)
def recurrence_pattern() -> re.Pattern[str]:
    """The ``recurrence`` cues of ``cues.jsonl`` as one alternation, on folded lower-case text."""
    alternatives = "|".join(f"(?:{r['pattern']})" for r in records_of("cues.jsonl", "recurrence"))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def deadline_spans(folded: str) -> list[tuple[int, int]]:
    """The deadline phrases of folded lower-case text, the likeliest deadline of its
    task first: a stronger cue, then the earlier phrase."""
    found: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        ranked = []
        for match in pattern.finditer(folded):
            start, end = match.span()
            if lead := _COMPLETION.match(folded, start):
                start = lead.end()
            before = folded[:start]
            if _PROCESSING.search(before):
                continue
            if not any(s < end and start < e for s, e in found + ranked):
                ranked.append((start, end))
        found += ranked
    return found


def find_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    folded = fold_same_length(text).lower()
    return {"deadline": deadline_spans(folded), "recurrence": [m.span() for m in recurrence_pattern().finditer(folded)]}


@Language.factory("ccn_deadline_ruler", default_config={})
def make_deadline_ruler(nlp: Language, name: str) -> "DeadlineRuler":
    return DeadlineRuler(name)


class DeadlineRuler:
    """Adds ``doc.spans["deadline"]`` (the likeliest deadline first) and ``doc.spans["recurrence"]``."""

    def __init__(self, name: str) -> None:
        self.name = name
        recurrence_pattern()  # load (and validate) the data at initialisation

    def __call__(self, doc: Doc) -> Doc:
        for kind, spans in find_cues(doc_text(doc)).items():
            doc.spans[kind] = [
                span for start, end in spans
                if (span := doc.char_span(start, end, label=kind, alignment_mode="expand")) is not None
            ]
        return doc
