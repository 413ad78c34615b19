"""Legal references (the spaCy component that wraps them is in ``components.py``).

A reference is ``[điểm a] [khoản 2] [Điều 27 (của)] [type] [số] NUMBER [ngày DATE]``
with NUMBER one of the Vietnamese forms: ``32/2024/NĐ-CP``, ``2029/UBND-KTTH``,
``31-CT/TU``; or a named law ("Luật Đất đai"), or "Nghị định này / nêu trên",
which :func:`resolve_anaphora` points at the document meant. Matching runs on
folded text, so "Nghi dinh s6 32/2024/ND-CP" (OCR) gives "32/2024/NĐ-CP".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache
from typing import Callable, Optional

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..types import LegalRef
from .agencies import gazetteer, tokens
from .patterns import fold_key, fold_same_length, records_of

_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+(?i:thang)\s+\d{1,2}\s+(?i:nam)\s+\d{4}"
_CODE = r"[A-Z][A-Za-z&]*(?:(?<=&)[ \t][A-Z][A-Za-z&]*)?\d*"  # "QLN&TTBĐS", written "QLN& TTBĐS" too
_NUMBER = (
    rf"(?P<full>\d{{1,5}}(?:\.\d{{1,2}})?\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*{_CODE}(?:\s*-\s*{_CODE})*)"
    rf"|(?P<party>\d{{1,4}}\s*-\s*{_CODE}\s*/\s*{_CODE})"
    # "0825-05/HW-TCHQ": a sender's own prefix joined to the number by a hyphen is part of it
    rf"|(?P<short>(?:\d{{1,6}}-)?\d{{1,6}}\s*/\s*{_CODE}(?:\s*-\s*{_CODE}(?:\.{_CODE})?)+)"
    # "27/CTTg": the hyphen between the type's and the issuer's code left out
    rf"|(?P<glued>\d{{1,6}}\s*/\s*[A-Z][A-Za-z]{{2,8}})(?![\w/-])"
)
_POINT = r"(?i:diem)\s+[a-zđ](?:\s*,\s*[a-zđ])*"
_CLAUSE = r"(?i:khoan)\s+\d{1,3}(?:\s*,\s*\d{1,3})*"
_ARTICLE_NUMBER = r"\s+\d{1,3}[a-z]?"
_LOCATION = rf"(?:(?P<point>{_POINT})\s*,?\s+)?(?:(?P<clause>{_CLAUSE})\s*,?\s+)?(?P<article>(?i:dieu){_ARTICLE_NUMBER})"
# A provision without its document; the article capitalised ("điều này" in prose is "this matter").
_PROVISION = rf"(?:{_POINT}\s*,?\s+)?(?:{_CLAUSE}\s*,?\s+)?Dieu{_ARTICLE_NUMBER}"
# A section or the appendix of a document: "mục (IV) (4.1) (4.2) và Phụ lục", "mục III", "Phụ lục".
_SECTION = r"(?i:muc)\s+\(?[IVX]{1,5}\)?(?:\s*\(\s*[\d.a-z]{1,5}\s*\))*"
_PART = rf"(?:{_SECTION}(?:\s+(?i:va)\s+(?i:phu\s+luc))?|(?i:phu\s+luc))"
_OWN_PART = re.compile(r"(?:muc|phu luc)\b.* cua [a-z ]+")  # folded: "muc iv 1 cua ke hoach"
_OWN_SECTION = re.compile(r"muc [ivx]+(?: [\da-z]+)*")  # folded: "muc iv 3 4 a"
_OWN_ANNEX = re.compile(r"(?:phu luc|danh muc) ")  # folded: "phu luc ii", "danh muc kem theo"
_LAW_NUMBER = re.compile(r"\s*,?\s*(?i:so)\s*:?\s*(\d{1,3}\s*/\s*(?:19|20)\d\d\s*/\s*QH\d{0,2})")
_LAW_YEAR = re.compile(r"\s+(?i:nam)\s+(?:19|20)\d\d(?!\d)")
_LAW_DATE = re.compile(rf"\s*,?\s*(?i:ngay)\s+({_DATE})")
# A draft law named with what it does to the law in force: "(sửa đổi)", "(thay thế)", "sửa đổi, bổ sung" closing the
# clause.
_REVISED = re.compile(r"\s*(?:\((?i:sua\s+doi(?:\s*,\s*bo\s+sung)?|thay\s+the)\)"
                      r"|(?i:sua\s+doi\s*,\s*bo\s+sung)(?=\s*(?:[,;.]|$)))")
_STOP_AFTER_AND = {"phap", "van", "luat", "chi", "ke", "khoan", "dieu", "diem"}  # "Luật Đầu tư và pháp luật …", "… và khoản 1"
# What opens a document's title after its kind and issuer: "… của Chính phủ về …", "… quy định …".
_TITLE_OPENING = r"(?i:ve|quy\s+dinh|sua\s+doi)(?![\w])"
_KIND_WORDS = 4  # what a document asks for, between its kind and "số": "xác định mã số"
_NAMED_TYPES = ("Bộ luật", "Luật", "Pháp lệnh")
# Documents made of articles, where "Điều 8" alone is a provision of the document itself (not of a letter or a plan).
_ARTICLED_TYPES = ("Quyết định", "Nghị định", "Nghị quyết", "Thông tư", "Thông tư liên tịch", "Luật", "Bộ luật",
                   "Pháp lệnh")
# What a decision or resolution issues with itself: "… này" there is the document at hand.
_ATTACHED_TYPES = ("Quy chế", "Quy định", "Kế hoạch", "Chương trình", "Đề án", "Phương án", "Điều lệ", "Hướng dẫn")
# Words that end a law's name ("Luật Đất đai năm 2024", "Luật Đầu tư và các văn bản ..."); its year or date is read after it.
_NAME_STOP = {"cac", "theo", "tai", "de", "cua", "nam", "ngay", "so", "da", "duoc", "ve", "trong", "nay", "tren", "do",
              "neu", "hien", "thi", "nhung", "voi", "cho", "sua", "doi", "bo", "sung", "nghi", "thong", "quyet", "hoac"}
# With diacritics the same words say more: "về" ends a name, "vệ" goes on ("Luật Bảo vệ …"); "thông" ends one only
# before "tư"/"báo" ("Luật Công nghệ thông tin"); a capitalised word goes on ("Luật Quốc tịch Việt Nam"). The words that
# join the name to the rest of the sentence end it too ("… Luật Đất đai mà …", "… Luật Việc làm thuộc phạm vi …",
# "… Luật Đất đai có hiệu lực …"), where their unmarked forms ("ma túy", "thuốc lá", "cơ sở") would not.
_MARKED_NAME_STOP = {"các", "theo", "tại", "để", "của", "năm", "ngày", "số", "đã", "được", "về", "trong", "này", "trên",
                     "do", "nêu", "hiện", "thì", "những", "với", "cho", "sửa", "mà", "là", "nếu", "khi", "thuộc", "có",
                     "cùng", "hoặc"}
_DOCUMENT_WORDS = {("nghị", "định"), ("nghị", "quyết"), ("thông", "tư"), ("thông", "báo"), ("quyết", "định"), ("bổ", "sung"),
                   ("quy", "định"), ("đối", "với"), ("hoặc", "các")}
# What may close a law's name that a comma runs through ("Luật Trật tự, an toàn giao thông đường bộ và …").
_NAME_CLOSED = re.compile(r"\s*(?:[,;.:)]|$|(?i:va|hoac|so|nam|ngay|quy\s+dinh|doi\s+voi)(?![\w]))")
# … or a preposition after words that open with no verb ("Luật Trật tự, an toàn giao thông đường bộ trên các tuyến …").
_NAME_CLOSED_BY_PLACE = re.compile(r"\s+(?i:tren|de|theo|tai|trong)(?![\w])")
_COMMA_NAME_WORDS = 6
_AMENDING = re.compile(r"(?:bo )?luat sua doi\b|phap lenh sua doi\b")
# A preamble's ground (folded): "Căn cứ Luật …", "- Căn cứ …".
_GROUND_LINE = re.compile(r"\s*(?:[-+]\s*)?(?i:can\s+cu)(?![\w])")
# Where a ground's law opens: after "Căn cứ", after ";", or after the date or number of the law before it ("… ngày
# 16/6/2014, Luật …", "… năm 2019 và Luật …").
_GROUND_OPENING = re.compile(r"(?:^|;|(?i:can\s+cu)|\d\s*(?:,|(?i:va)))\s*$")
# The number or the date that closes the name of a ground's law.
_GROUND_LAW_CLOSE = re.compile(rf"[^;:.()\n]{{1,300}}?(?=\s*,?\s*(?<![\w])"
                               rf"(?:(?i:so)\s*:?\s*\d{{1,3}}\s*/\s*(?:19|20)\d\d\s*/\s*QH|(?i:ngay)\s+(?:{_DATE})))")


def _attached_to_something_else(text: str, annex: re.Match[str]) -> bool:
    """"Phụ lục V đính kèm Hợp đồng này", "phụ lục kèm theo danh sách": what the annex goes with is named after "kèm";
    the annex of the document at hand ends its phrase ("(Phụ lục I kèm theo)", "tại Phụ lục kèm theo có trách nhiệm")."""
    if not fold_key(annex.group()).endswith(("kem", "kem theo")):
        return False
    following = text[annex.end():].split(None, 1)
    word = following[0] if following else ""
    return bool(word) and word[0].isalpha() and word.rstrip(",.;:)") not in _MARKED_NAME_STOP


def _kinds_alternation(types: list[dict], fold: Callable[[str], str]) -> str:
    """A regex alternation of the document kinds' forms, folded by ``fold``, longest first so that "Thông tư liên
    tịch" is tried before "Thông tư"."""
    return "|".join(re.escape(fold(t["form"])).replace(r"\ ", r"\s+")
                    for t in sorted(types, key=lambda t: -len(t["form"])))


class LegalMatcher:
    """Compiled reference patterns built from ``legal.jsonl``."""

    def __init__(self) -> None:
        types = records_of("legal.jsonl", "type")
        self.type_by_key = {fold_key(t["form"]): t["form"] for t in types}
        self.type_by_code = {fold_key(t["code"]).upper(): t["form"] for t in types if t.get("code")}
        self.type_by_code.setdefault("QH", "Luật")
        self.codes = {fold_key(c["form"]).upper().replace(" ", ""): c["form"] for c in records_of("legal.jsonl", "code")}
        # Codes as written: one that folds like another ("HD", Hướng dẫn, and "HĐ") is kept as written.
        self.written_codes = {c["form"] for c in records_of("legal.jsonl", "code")} | {t["code"] for t in types if t.get("code")}
        type_alt = _kinds_alternation(types, fold_key)
        # kinds capitalised, as they name one document ("dự thảo nghị quyết của Hội đồng" is any such draft)
        capitalised_alt = _kinds_alternation(types, fold_same_length)
        normative_alt = _kinds_alternation([t for t in types if t.get("normative")], fold_same_length)
        self.pattern = re.compile(
            rf"(?<![\w/])(?:{_LOCATION}\s+(?:(?i:cua|tai)\s+)?)?"
            rf"(?:(?:(?P<type>(?i:{type_alt}))(?:\s+(?i:lien\s+tich))?\s*[^\w\s]{{0,2}}\s*"
            rf"(?:(?i:so|s)\S{{0,2}}\s*:?\s*)?)?(?P<number>{_NUMBER})"
            # "Đề án 153", "Nghị quyết 347"; not "Kế hoạch 5 năm" (a span of time)
            rf"|(?P<bare_type>(?i:{type_alt}))[ \t]+(?:(?i:so)[ \t]+)?(?P<bare>\d{{1,5}}(?:/(?:19|20)\d\d)?)(?![\w/-]|[.,]\d|\s*/|\s+(?i:nam|thang|ngay|tuan|quy|lan)(?![\w]))"
            # "Quyết định về …" named after a word: opening a sentence, "quyết định" is the verb "decide"
            rf"|(?P<title_type>Nghi\s+dinh|Nghi\s+quyet|Thong\s+tu|(?<=\w\s)Quyet\s+dinh)[ \t]+"
            rf"(?P<title>(?i:quy\s+dinh|ve|sua\s+doi)\s[^.;:()\n]{{5,200}})"
            rf"|(?P<constitution>Hien\s+phap(?:\s+(?i:nuoc\s+Cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+Viet\s+Nam))?)(?![\w])"
            # A party congress's resolution, named by the congress: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng".
            rf"|(?P<congress_type>Nghi\s+quyet)\s+(?P<congress>(?i:cua\s+)?Dai\s+hoi\s[^.;:()\n]{{0,100}}?(?i:lan\s+thu)\s+[IVXLC\d]+"
            rf"(?:\s*,\s*(?i:nhiem\s+ky)\s+\d{{4}}\s*-\s*\d{{4}})?(?:\s+(?i:cua\s+Dang)(?![\w]))?)"
            # A document not issued yet, named by its issuer: "dự thảo Nghị quyết của Quốc hội"; and by its title, up
            # to where the sentence goes on (:func:`_title_end`). A normative document named by its issuer and title
            # needs no "dự thảo" ("ban hành Nghị quyết quy phạm pháp luật của Chính phủ về …", "… của Bộ Chính trị
            # về …").
            rf"|(?:(?P<draft>(?i:du\s+thao))\s+(?P<draft_type>{capitalised_alt})|(?P<titled_type>{normative_alt}))"
            rf"(?:\s+(?i:quy\s+pham\s+phap\s+luat))?\s+(?i:cua)\s+(?P<draft_issuer>[A-Z]\w*\s+\w+(?:\s+[A-Z]\w*\s+\w+"
            rf"|\s+[a-z]+(?=\s+{_TITLE_OPENING}))?)"  # "Bộ Chính trị về …"
            rf"(?:\s+(?P<draft_title>{_TITLE_OPENING}[^.;:()\n]{{5,250}}))?(?(draft)|(?(draft_title)|(?!)))"
            rf"|(?P<named_type>(?i:{type_alt}))\s+(?:(?P<this>(?i:nay|neu\s+tren|noi\s+tren|tren)(?![\w]))"
            # An amending law is named after the law it amends: "Luật sửa đổi, bổ sung một số điều của Luật X".
            rf"|(?P<amends>(?i:sua\s+doi\s*,?\s+bo\s+sung\s+(?:mot\s+so\s+dieu\s+)?(?:cua\s+)?(?:cac\s+)?)"
            rf"(?P<inner_type>Bo\s+luat|Luat|Phap\s+lenh)\s+)?(?P<name>[A-Z][a-z]*(?:\s+(?:[A-Z]{{2,}}|[A-Za-z][a-z]*)|,\s+[a-z]+){{0,13}})"
            # or only by what it amends, named after its kind ("… của 37 luật có liên quan …"): read in a ground
            rf"|(?P<amending>(?i:sua\s+doi\s*,?\s+bo\s+sung)(?![\w]))))"
            rf"(?:\s*,?\s*(?i:ngay)\s+(?P<date>{_DATE}))?"
        )
        self.location = re.compile(rf"(?<![\w])(?:{_LOCATION})(?![\w])")
        # A document's kind capitalised (folded): another document named inside what reads as a law's name.
        self.capitalised_type = re.compile(rf"(?<![\w])(?:{capitalised_alt})(?![\w])")
        # After a type and "số", any number a sender gives its letters: "công văn số 1025-CVHQ", "văn bản số 6006/BGDĐT",
        # "công văn số 838/CCTKV.XII-NVDTPC.HUE".
        # The kind may be followed by what the document asks for ("Đơn đề nghị xác định mã số số 01/CV"), and the
        # number may open with the sender's letters and join its parts with "." or "_" ("số LOR2025/01", "số
        # PAKN.1761647228267", "số TCHQ_2506_XDTHS08-1"): a run with a digit and a separator, or letters and digits.
        self.loose = re.compile(
            rf"(?<![\w/])(?:{_LOCATION}\s+(?:(?i:cua|tai)\s+)?)?(?P<type>(?i:{type_alt}))(?:\s+(?i:so)\s*:?\s*"
            # on the line of the kind, and not through a preposition that names another thing's number ("theo mẫu số")
            rf"|(?:[ \t]+(?!(?:theo|tai|cua|kem)(?![\w]))[a-z]+){{1,{_KIND_WORDS}}}?[ \t]+(?i:so)[ \t]*:?[ \t]*)(?P<number>(?=[\w.&-]*\d)(?:\d[\w.&]*(?:[-/][\w.&]*[\w&])+|[A-Z][A-Za-z]*"
            rf"(?:[._/-]?[\w&]+)*[._/-][\w&]+|[A-Z]+\d[\w]*))(?:\s*,?\s*(?i:ngay)\s+(?P<date>{_DATE}))?")
        # A bare provision ("quy định tại Điều 8", "khoản 4 Điều 4;"), not one of a document named after it.
        self.bare_provision = re.compile(rf"(?<![\w])(?>{_PROVISION}(?:\s*(?:,|(?i:va))\s*{_PROVISION})*)(?![\w])"
                                         rf"(?!\s*,?\s*(?:(?i:cua|tai)\s+)?(?:(?i:{type_alt}|so|khoan|diem)(?![\w])|\d))")
        # A provision of the document at hand: "khoản 2 Điều này", "điểm a khoản 1 Điều này", "điểm a khoản này".
        # Capitalised: "điều này" in prose is "this matter".
        self.own_provision = re.compile(r"(?<![\w])(?:(?i:diem)\s+[a-zđ]\s+)?(?:(?:(?i:khoan)\s+\d{1,3}\s+)?"
                                        r"(?:Dieu|Chuong|Muc)|(?i:khoan))\s+(?i:nay)(?![\w])")
        # A part of the document at hand named by its kind alone ("mục (IV) (1) của Kế hoạch", "Phụ lục của Kế hoạch")
        # or a section named alone ("mục III", "mục (IV)(3.4)(a)"), not one of a document named after it.
        self.own_part = re.compile(rf"(?<![\w])(?:{_PART}\s+(?i:cua)\s+(?P<kind>(?i:{type_alt}))(?![\w])"
                                   rf"(?!\s*(?:(?i:so|nay|neu|tren|noi)(?![\w])|\d))|{_SECTION}(?![\w(])"
                                   rf"(?!\s*,?\s*(?:(?i:cua|tai)\s+)?(?:(?i:{type_alt}|so|khoan|diem|dieu|phu\s+luc)(?![\w])|\d)))")
        # An annex named alone ("theo Phụ lục II", "(Phụ lục 2 đính kèm)", "tại Danh mục kèm theo", "(Chi tiết tại Phụ
        # lục kèm theo)"), not one of a document named after it, directly ("Phụ lục I Thông tư số …", "Phụ lục III ban
        # hành kèm theo Thông tư …") or after the annex's own title ("Phụ lục I Phân loại công trình …, ban hành kèm
        # theo Nghị định số …").
        self.own_annex = re.compile(
            rf"(?<![\w])(?:[Pp]hu\s+luc(?:\s+(?i:so))?\s+(?:[IVX]{{1,5}}|\d{{1,2}}[A-Z]?)(?![\w])(?:\s+(?i:dinh\s+kem|kem\s+theo))?"
            rf"|(?:[Pp]hu\s+luc|[Dd]anh\s+muc)\s+(?i:dinh\s+kem|kem\s+theo))(?![\w])"
            rf"(?!\s+[A-Z][^;:.()\n]{{0,150}}?\s*,?\s*(?:(?i:ban\s+hanh)\s+)?(?i:kem\s+theo)\s+(?i:{type_alt})(?![\w]))"
            rf"(?!\s*,?\s*(?:(?i:ban\s+hanh)\s+)?(?:(?i:kem\s+theo|cua|tai|thuoc)\s+)?(?:(?i:{type_alt}|so|muc|khoan|diem|dieu)(?![\w])|\d))")
        # "mục này" written with its marks ("mức này" folds alike), not "danh mục này", "hạng mục này".
        self.own_section = re.compile(r"(?<![\w])muc\s+nay(?![\w])")

    def find(self, text: str) -> list[tuple[int, int, LegalRef, bool]]:
        """(start, end, reference, is_anaphora) for each reference in ``text``."""
        folded = fold_same_length(text)
        found: list[tuple[int, int, LegalRef, bool]] = []
        position = 0
        while (m := self.pattern.search(folded, position)) is not None:
            position = m.end()
            if found and m.start() < max(end for _, end, _, _ in found[-3:]):
                continue  # inside a reference extended past the match ("Luật X số ...")
            ref = self._build(text, folded, m)
            if ref is None:  # what the pattern ran over may hold one ("hướng dẫn Luật Viễn thông")
                position = m.start() + 1
            if ref is not None and (m.group("title") or m.group("draft_title")):  # the sentence goes on after the title
                position = m.start() + _written_length(text, m.start(), ref.text)
            if ref is not None and m.group("name") and not m.group("inner_type"):
                # a law's name ends before the words the pattern ran on over ("… kỹ thuật và Luật sửa đổi …")
                position = max(m.start() + 1, min(position, m.start() + _written_length(text, m.start(), ref.text)))
            if ref is not None:
                found.append((m.start(), m.start() + _written_length(text, m.start(), ref.text), ref,
                              bool(m.group("this"))))
                if m.group("inner_type") and self._ground_law_end(folded, m) is None:  # the amended law is cited too
                    start = m.start("inner_type")
                    amended = " ".join(text[start:found[-1][1]].split()).rstrip(",;.")
                    kind = self.type_by_key.get(fold_key(m.group("inner_type")))
                    found.append((start, found[-1][1], LegalRef(text=amended, type=kind), False))
            _share_list_date(text, found)
            title = "title" if m.group("title") else "draft_title" if m.group("draft_title") and ref is not None else None
            if title:  # documents the title cites: "... của Luật Tiêu chuẩn ...", "… của Nghị quyết số 136/2024/QH15"
                offset = m.start(title)
                found.extend((start + offset, end + offset, inner, anaphora)
                             for start, end, inner, anaphora in self.find(text[offset:max(offset, position)]))
        for m in self.loose.finditer(folded):
            if not any(start < m.end() and m.start() < end for start, end, _, _ in found):
                found.append((m.start(), m.end(), self._loose(text, m), False))
        for m in self.own_provision.finditer(folded):
            if not any(start < m.end() and m.start() < end for start, end, _, _ in found):
                found.append((m.start(), m.end(), LegalRef(text=" ".join(text[m.start():m.end()].split())), True))
        for start, end, ref in self._own_pointers(text, folded):
            if not any(s < end and start < e for s, e, _, _ in found):
                found.append((start, end, ref, True))
        for m in self.own_part.finditer(folded):
            if not any(start < m.end() and m.start() < end for start, end, _, _ in found):
                kind = self.type_by_key.get(fold_key(m.group("kind"))) if m.group("kind") else None
                found.append((m.start(), m.end(), LegalRef(text=" ".join(text[m.start():m.end()].split()), type=kind), True))
        for m in self.bare_provision.finditer(folded):
            if not any(start < m.end() and m.start() < end for start, end, _, _ in found):
                found.append((m.start(), m.end(), LegalRef(text=" ".join(text[m.start():m.end()].split())), True))
        found.sort(key=lambda item: item[0])
        _number_to_amending_law(text, found)
        return _without_detailed_laws(text, found)

    def _own_pointers(self, text: str, folded: str) -> list[tuple[int, int, LegalRef]]:
        """Pointers to the document at hand the other patterns leave: a bare annex and "mục này"."""
        def written(m: re.Match[str]) -> str:
            return " ".join(text[m.start():m.end()].split())

        pointers = [(m.start(), m.end(), LegalRef(text=written(m))) for m in self.own_annex.finditer(folded)
                    if not _attached_to_something_else(text, m)]
        for m in self.own_section.finditer(folded):
            before = [word.lower() for word in text[:m.start()].split()[-1:]]
            if text[m.start():m.end()].split() == ["mục", "này"] and before not in (["danh"], ["hạng"]):
                pointers.append((m.start(), m.end(), LegalRef(text=written(m))))
        return pointers

    def _ground_law_end(self, folded: str, m: re.Match[str]) -> Optional[int]:
        """Where the name of a law a preamble's ground cites ends: at the law's number or date, the clause having
        nothing else to say before them ("Căn cứ Luật Nhập cảnh, xuất cảnh, … của người nước ngoài tại Việt Nam ngày
        …;"). Such a name holds no number and names no other document, unless the law amends others ("Luật sửa đổi,
        bổ sung một số điều của Luật A và Luật B ngày …"). None outside a ground, or where neither closes the name."""
        line = folded.rfind("\n", 0, m.start()) + 1
        if not _GROUND_LINE.match(folded, line) or not _GROUND_OPENING.search(folded[line:m.start()]):
            return None
        close = _GROUND_LAW_CLOSE.match(folded, m.end("named_type"))
        if close is None:
            return None
        name = folded[m.end("named_type"):close.end()]
        if not _AMENDING.match(fold_key(folded[m.start("named_type"):close.end()])) and (
                re.search(r"\d", name) or self.capitalised_type.search(name)):
            return None
        return close.end()

    def _loose(self, text: str, m: re.Match[str]) -> LegalRef:
        """A reference of the loose form: its number as written, its year where the number has one."""
        number = re.sub(r"^(\d+/(?:19|20)\d\d)(?=[A-ZĐ])", r"\1/", text[m.start("number"):m.end("number")])  # "49/2025TT-BCT"
        year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", number)
        ref = LegalRef(text=" ".join(text[m.start():m.end()].split()).rstrip(",;."),
                       type=self.type_by_key.get(fold_key(m.group("type"))), number=number,
                       year=int(year.group()) if year else None)
        if m.group("date") and (date := iso_date(m.group("date"))):
            ref.date, ref.year = date, ref.year or int(date[:4])
        for group in ("article", "clause", "point"):
            if m.group(group):
                setattr(ref, group, _location_value(m.group(group)))
        return ref

    def _build(self, text: str, folded: str, m: re.Match[str]) -> Optional[LegalRef]:
        written_type = (m.group("type") or m.group("named_type") or m.group("bare_type") or m.group("title_type")
                        or m.group("draft_type") or m.group("titled_type") or m.group("constitution")
                        or m.group("congress_type"))
        kind = self.type_by_key.get(fold_key(written_type)) if written_type else None
        ref = LegalRef(text="", type=kind)
        end = m.end()
        if m.group("glued") and self._unglued(re.sub(r"\s+", "", m.group("glued")).split("/", 1)[1]) is None:
            return None
        if m.group("number"):
            written = re.sub(r"\s+", "", text[m.start("number"):m.end("number")])
            ref.number, ref.issuer_code, ref.year = self._number(m, written)
            ref.type = ref.type or self._type_from_code(ref.issuer_code)
            if m.group("date") and (date := iso_date(m.group("date"))):
                ref.date = date
                ref.year = ref.year or int(date[:4])
        elif m.group("bare"):  # "Đề án 153", "Nghị định 100"
            if not written_type[0].isupper():
                return None
            ref.number = m.group("bare")
        elif m.group("title") or m.group("draft_type") or m.group("titled_type") or m.group("constitution") \
                or m.group("congress"):  # no number
            pass
        elif m.group("this"):
            if kind is None or not written_type[0].isupper() and not fold_key(m.group("this")) == "nay":
                return None  # "pháp luật trên địa bàn" is no "Luật trên"; "kế hoạch này" is the plan
            end = m.end("this")
        else:  # a named law: "Luật Phòng thủ dân sự" (capitalised: "pháp luật về ..." is no reference)
            if kind not in _NAMED_TYPES or not written_type[0].isupper():
                return None
            end = self._ground_law_end(folded, m)
            if end is None and m.group("amending"):
                return None  # "Luật sửa đổi, bổ sung …" named by what it amends only where a ground's date closes it
            if end is None:
                end = _name_end(text, folded, m)
            if revised := _REVISED.match(folded, end):  # "Luật Thuế thu nhập cá nhân (sửa đổi)": the draft
                end = revised.end()
            if numbered := _LAW_NUMBER.match(folded, end):
                number, year, code = re.sub(r"\s+", "", numbered.group(1)).split("/")
                ref.number, ref.year, ref.issuer_code = f"{number}/{year}/{code}", int(year), code
                end = numbered.end()
            # "Luật Đất đai năm 2024", "Luật Giá ngày 19 tháng 6 năm 2023": the year or date names which law
            if dated := _LAW_DATE.match(folded, end):
                if date := iso_date(dated.group(1)):
                    ref.date, ref.year, end = date, int(date[:4]), dated.end()
            elif year := _LAW_YEAR.match(folded, end):
                ref.year, end = int(year.group(0).split()[-1]), year.end()
        for group in ("article", "clause", "point"):
            if m.group(group):
                setattr(ref, group, _location_value(m.group(group)))
        if m.group("title") or m.group("draft_title"):
            end = _title_end(text, m.start("title") if m.group("title") else m.start("draft_title"), end)
        start = m.start("draft_type") if m.group("draft_type") else m.start()  # a draft is named without "dự thảo"
        ref.text = " ".join(text[start:end].split()).rstrip(",;.")
        return ref

    def _number(self, m: re.Match[str], written: str) -> tuple[str, str, Optional[int]]:
        raw = re.sub(r"\s+", "", m.group("number"))  # from the folded text: look-alike letters already Latin
        raw = "".join(self._undamaged(part, original) for part, original in
                      zip(re.split(r"([-/])", raw), re.split(r"([-/])", written)))
        if m.group("full"):
            number, year, code = raw.split("/", 2)
            code = self._code(code, written.split("/", 2)[-1])
            return f"{number}/{year}/{code}", code, int(year)
        if m.group("party"):
            number, code = raw.split("-", 1)
            code = "/".join(self._code(part, original) for part, original in
                            zip(code.split("/"), written.split("-", 1)[-1].split("/")))
            return f"{number}-{code}", code, None
        number, code = raw.split("/", 1)
        if m.group("glued"):
            code = "-".join(self._unglued(code) or [code])
        code = self._code(code, written.split("/", 1)[-1])
        return f"{number}/{code}", code, None

    def _unglued(self, code: str) -> Optional[list[str]]:
        """'QĐTTg' → ['QĐ', 'TTg'], 'CTTg' → ['CT', 'TTg']: a document type's code and a known issuer's
        code written without their hyphen (sharing a letter), or None."""
        return next(([code[:i], issuer] for i in range(1, len(code)) for issuer in (code[i:], code[i - 1:])
                     if code[:i].upper() in self.type_by_code and issuer.upper() in self.codes), None)

    def _undamaged(self, part: str, written: str) -> str:
        """A code part that came back with Vietnamese vowel marks was turned into a
        syllable by OCR or restoration ('NĐ-CẬP'): the nearest known code ('CP')."""
        marked = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", written.replace("Đ", "D").replace("đ", "d")))
        if not marked or part.upper() in self.codes:
            return part
        hit = process.extractOne(part.upper(), list(self.codes), scorer=Levenshtein.distance, score_cutoff=1)
        return hit[0] if hit else part

    def _code(self, code: str, written: Optional[str] = None) -> str:
        """'ND-CP' → 'NĐ-CP', 'QD-TTG' → 'QĐ-TTg': each part in its written form; a part written as a
        known code stays as written ('HD-BNV', not 'HĐ-BNV'). ``written`` is ``code`` as the text has it."""
        originals = written.split("-") if written is not None else []
        if len(originals) != code.count("-") + 1:
            originals = [""] * (code.count("-") + 1)
        parts = []
        for part, original in zip(code.split("-"), originals):
            key = part.upper()
            if original in self.written_codes:
                parts.append(original)
                continue
            parts.append(self.codes.get(key, part if any(c.islower() for c in part[1:]) and key not in self.codes else key))
        return "-".join(parts)

    def _type_from_code(self, code: Optional[str]) -> Optional[str]:
        if not code:
            return None
        parts = re.split(r"[-/]", code)
        if re.fullmatch(r"QH\d*", parts[-1]):
            return "Luật"
        first = fold_key(parts[0]).upper()
        return self.type_by_code.get(first) if len(parts) > 1 or "/" not in code else None


def _name_end(text: str, folded: str, m: re.Match[str]) -> int:
    """Where a named law's name ends in prose: before a function word or the next document, through a comma only
    where its number, year or a few words close the name."""
    words = list(re.finditer(r"\S+", folded[m.start("name"):m.end("name")]))
    written = text[m.start("name"):m.end("name") + 20].split()  # with the word after the name
    marked = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", " ".join(written).replace("đ", "d")))
    kept = 1
    while kept < len(words):
        if words[kept - 1].group(0).endswith(","):
            # "Luật Cán bộ, công chức số 80/2025/QH15", "Luật Phòng, chống thiên tai;": a comma goes on in a
            # name up to the law's number, or when a few words after it close the name (not "Luật Đất đai, bảo đảm
            # tiến độ trên …")
            if not words[kept].group(0)[0].islower():
                break
            rest = kept
            while rest < len(words) and not _name_ends_at(words, written, rest, marked):
                rest += 1
            after = m.start("name") + words[rest - 1].start() + len(words[rest - 1].group(0).rstrip(","))
            closed = _NAME_CLOSED.match(folded, after) or _NAME_CLOSED_BY_PLACE.match(folded, after) and \
                not gazetteer().predicates.match(tokens(text[m.start("name") + words[kept].start():after]), 0)
            if not (_LAW_NUMBER.match(folded, after) or _LAW_YEAR.match(folded, after)
                    or rest - kept <= _COMMA_NAME_WORDS and closed) or rest == kept:
                break
            kept = rest
            continue
        if _name_ends_at(words, written, kept, marked):
            break
        kept += 1
    if words[kept - 1].group(0).lower() == "va":
        kept -= 1
    return m.start("name") + words[kept - 1].end()


def _ends_name(folded: list[re.Match[str]], written: list[str], k: int, marked: bool) -> bool:
    """Word ``k`` of a law's name is where the name ends: a function word or the next document's type."""
    if not marked or len(written) < len(folded) or written[len(folded) - 1] != folded[-1].group(0) and \
            fold_key(written[len(folded) - 1]) != fold_key(folded[-1].group(0)):
        return folded[k].group(0).lower() in _NAME_STOP
    word = written[k].rstrip(",")
    following = written[k + 1].lower() if k + 1 < len(written) else ""
    if word == "số" and following[:1].isalpha():
        return False  # "Luật Chuyển đổi số và …": the name's word, not the number's
    return (word.lower(), following) in _DOCUMENT_WORDS or not word[0].isupper() and word.lower() in _MARKED_NAME_STOP


def _name_ends_at(folded: list[re.Match[str]], written: list[str], k: int, marked: bool) -> bool:
    """A law's name ends before word ``k``: a function word, the next document's type, or "và" before either or
    before another kind of text ("… và pháp luật có liên quan", "… và Luật Đường bộ")."""
    return _ends_name(folded, written, k, marked) or folded[k].group(0).lower() == "va" and k + 1 < len(folded) and (
        _ends_name(folded, written, k + 1, marked) or folded[k + 1].group(0).lower() in _STOP_AFTER_AND)


def _title_end(text: str, start: int, end: int) -> int:
    """Where a document's title running from ``start`` ends: before the comma that opens the sentence's next clause
    with a verb of its own ("… khu vực Trung Bộ, trình Chính phủ …", "…, bảo đảm đúng quy định"), or before "để"
    opening a purpose clause. A comma before a verb that also names an activity ("cơ chế quản lý, tổ chức thực hiện
    …", "tổ chức" being one) or in "sửa đổi, bổ sung" joins words of the title."""
    words = tokens(text[start:end])
    predicates = gazetteer().predicates
    for i, word in enumerate(words):
        if word.text.lower() == "để" and i > 0:
            return start + word.start  # a purpose clause: "… về các vùng kinh tế để có cơ sở báo cáo …"
        if word.text != "," or i < 1:
            continue
        verbs = [weak for _, weak in predicates.matches(words, i + 1)]
        if verbs and not any(verbs) and [w.key for w in words[max(0, i - 2):i]] != ["sua", "doi"]:
            return start + word.start
    return end


def _number_to_amending_law(text: str, found: list[tuple[int, int, LegalRef, bool]]) -> None:
    """'Luật sửa đổi, bổ sung một số điều của Luật A, Luật B, Luật C số 90/2025/QH15': the number after the list
    of amended laws is the amending law's, not the last amended one's."""
    for index, (_, end, ref, _) in enumerate(found):
        if ref.number or not _AMENDING.match(fold_key(ref.text)) or index + 1 == len(found) or \
                found[index + 1][0] >= end:
            continue  # numbered, or not followed by the law it amends within its name (a ground's law ends at its date)
        last = index + 1
        while last + 1 < len(found) and re.fullmatch(r"[^;:.\n]*", text[found[last][1]:found[last + 1][0]]):
            last += 1  # the amended laws, up to the end of the list ("Luật Đấu thầu" is inside the amending law's span)
        start, last_end, listed, anaphora = found[last] if last < len(found) else (0, 0, None, False)
        if listed is None or not listed.number or listed.type not in _NAMED_TYPES or not (
                number := _LAW_NUMBER.search(fold_same_length(text[start:last_end]))):
            continue
        ref.number, ref.year, ref.issuer_code = listed.number, listed.year, listed.issuer_code
        listed.number = listed.year = listed.issuer_code = None
        listed.text = " ".join(text[start:start + number.start()].split()).rstrip(",;.")


# "Nghị định số 15/2018/NĐ-CP … của Chính phủ quy định chi tiết thi hành một số điều của": the laws that follow are
# in the decree's title.
_DETAILING_TITLE = re.compile(r"[^;:.\n]{0,80}?(?<![\w])(?i:quy\s+dinh\s+chi\s+tiet)(?![\w])[^;:.\n]{0,60}?(?i:cua)\s+")
_TITLE_LIST_GAP = re.compile(r"\s*(?:,|(?i:va))\s*")


def _without_detailed_laws(text: str, found: list[tuple[int, int, LegalRef, bool]]) -> list[tuple[int, int, LegalRef, bool]]:
    """``found`` without the laws a numbered document's title says it details: they name the document, the task
    does not cite them."""
    folded = fold_same_length(text)
    kept: list[tuple[int, int, LegalRef, bool]] = []
    titled = None  # the numbered document whose title runs on through the last law dropped
    for item in found:
        start, _, ref, _ = item
        previous = titled or (kept[-1] if kept else None)
        if previous is not None and ref.type in _NAMED_TYPES and not ref.number and (
                _DETAILING_TITLE.fullmatch(folded, previous[1], start) and previous[2].number
                or titled is not None and _TITLE_LIST_GAP.fullmatch(folded, previous[1], start)):
            titled = item
            continue
        titled = None
        kept.append(item)
    return kept


def _share_list_date(text: str, found: list[tuple[int, int, LegalRef, bool]]) -> None:
    """'Công điện số 217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025': the
    date closing a list of numbers belongs to each of them."""
    last = found[-1][2] if found else None
    if last is None or last.date is None:
        return
    for index in range(len(found) - 2, -1, -1):
        start, end, ref, _ = found[index]
        between = text[end:found[index + 1][0]]
        if ref.date is not None or not ref.number or not _LIST_GAP.fullmatch(between):
            break
        ref.date, ref.year = last.date, ref.year or int(last.date[:4])


_LIST_GAP = re.compile(r"\s*(?:,|;|và|va)\s*(?:(?:số|so)\s*)?")


def _written_length(text: str, start: int, normalised: str) -> int:
    """Length in ``text`` from ``start`` of the whitespace-normalised ``normalised``."""
    m = re.match(r"\s*".join(re.escape(word) for word in normalised.split()), text[start:])
    return m.end() if m else len(normalised)


def _location_value(written: str) -> str:
    return " ".join(written.split()[1:])


def iso_date(written: str) -> Optional[str]:
    """'15/3/2024' or '22 tháng 4 năm 2024' → '2024-03-15'; None if not a date."""
    numbers = [int(n) for n in re.findall(r"\d+", written)]
    if len(numbers) != 3:
        return None
    day, month, year = numbers
    try:
        return datetime.date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def resolve_anaphora(ref: LegalRef, earlier: list[LegalRef], own: Optional[LegalRef]) -> Optional[LegalRef]:
    """'Nghị định này' in a Nghị định is the document itself; otherwise, and for
    'nêu trên', the latest earlier reference of the same type. The resolved copy
    keeps the written text and the cited article."""
    target = None
    folded = fold_key(ref.text)
    this = folded.endswith("nay") or ref.type is not None and _OWN_PART.fullmatch(folded)
    if own is not None and not this and ref.type is None and (
            own.type in _ARTICLED_TYPES or _OWN_SECTION.fullmatch(folded) or _OWN_ANNEX.match(folded)):
        # a bare provision ("tại Điều 8") in a text made of articles, a bare section or annex, is one of its own
        target = own
    elif own is not None and this and (ref.type is None or own.type == ref.type or ref.type in _ATTACHED_TYPES):
        # the document itself, what it issues ("Quy chế này" in the regulation a decision issues), or a provision of
        # either ("khoản 2 Điều này")
        target = own
    elif ref.type is not None:
        target = next((r for r in reversed(earlier) if r.type == ref.type and (r.number or r.type in _NAMED_TYPES)), None)
    if target is None:
        return None
    kind = ref.type if this and target is own and ref.type else target.type
    return LegalRef(text=ref.text, type=kind, number=target.number,
                    year=target.year, issuer_code=target.issuer_code, date=target.date, article=ref.article,
                    clause=ref.clause, point=ref.point)


_DATED_NAME_END = re.compile(r" (?:ngay|nam) \d.*$")  # a named law's date or year, folded ("luat gia nam 2023")


def resolve_short_number(ref: LegalRef, known: list[LegalRef]) -> LegalRef:
    """'Nghị quyết 347' or 'Nghị định 70/2025' cited after 'Nghị quyết số 347/NQ-CP' is that document: the full reference
    of the same type whose number starts with the bare one, keeping the written text and location; so is 'Luật Giá'
    cited after 'Luật Giá số 16/2023/QH15', and 'Luật Nhà ở ngày 27/11/2023' after 'Luật Nhà ở số 27/2023/QH15'."""
    if ref.type in _NAMED_TYPES and not ref.number:
        target = _law_of_that_name(ref, known, numbered_only=True)
    elif not ref.number or not re.fullmatch(r"\d+(?:/\d{4})?", ref.number):  # "347", "70/2025"
        return ref
    else:
        # "Kế hoạch 02" after "Kế hoạch số 02-KH/BCĐTW": a party document's number goes on with a hyphen
        target = next((r for r in known if r.type == ref.type and r.number
                       and r.number.startswith((ref.number + "/", ref.number + "-"))), None)
    if target is None:
        return ref
    return LegalRef(text=ref.text, type=target.type, number=target.number, year=target.year,
                    issuer_code=target.issuer_code, date=target.date, article=ref.article, clause=ref.clause,
                    point=ref.point)


def named_before(ref: LegalRef, known: list[LegalRef]) -> bool:
    """A law named without its number ("Luật Quy hoạch") after its citation with a number, date or year ("Luật
    Quy hoạch ngày 24/11/2017") is that one."""
    return ref.type in _NAMED_TYPES and not ref.number and \
        _law_of_that_name(ref, known, numbered_only=False) is not None


def _law_of_that_name(ref: LegalRef, known: list[LegalRef], numbered_only: bool) -> Optional[LegalRef]:
    """The law of ``known`` that ``ref`` names, cited there with its number (or, unless ``numbered_only``, its date
    or year) after the name."""
    name = _DATED_NAME_END.sub("", _name_from_type(ref)) if ref.year else _name_from_type(ref)
    return next((r for r in known if r.type == ref.type and (r.number or not numbered_only and r.year)
                 and ref.year in (None, r.year)
                 and re.match(rf"{re.escape(name)} (?:so |\d|nam \d|ngay )", _name_from_type(r))), None)


def _name_from_type(ref: LegalRef) -> str:
    """The folded reference from its type on: 'khoản 2 Điều 26 Luật Giá' → 'luat gia'."""
    folded = fold_key(ref.text)
    return folded[max(0, folded.find(fold_key(ref.type or ""))):]


# "… về việc …", "… sửa đổi, bổ sung …": a document's title begins (not "được sửa đổi, bổ sung tại …", its amendment).
_TITLE_OPENER = re.compile(r"\b(?:ve|(?<!duoc )sua doi)\b")


def listed_documents(text: str) -> list[LegalRef]:
    """The documents ``text`` lists, one or more per ';' item or line, without those named in a listed
    document's title ('Quyết định số 1745/QĐ-TTg … về việc ban hành Kế hoạch thực hiện Kết luận số
    149-KL/TW …': only the decision)."""
    listed: list[LegalRef] = []
    for item in re.split(r"[;\n]", text):
        end = None
        for start, stop, ref, anaphora in legal_matcher().find(item):
            if anaphora:
                continue
            if end is not None and _TITLE_OPENER.search(fold_key(item[end:start])):
                break
            listed.append(ref)
            end = stop
    return listed


def provisions_cited(text: str) -> list[LegalRef]:
    """The legal normative documents ``text`` cites (Luật, Nghị định, Thông tư ...; not letters or
    plans, nor those only named in a cited document's title), once each: what a later "các quy định
    nêu trên" points back to."""
    normative = {t["form"] for t in records_of("legal.jsonl", "type") if t.get("normative")}
    refs: list[LegalRef] = []
    for ref in listed_documents(text):
        key = ref.number or fold_key(ref.text)
        if ref.type in normative and all((r.number or fold_key(r.text)) != key for r in refs):
            refs.append(ref)
    return refs


# "Nghị định số 200/2025/NĐ-CP … (sau đây viết tắt là Nghị định)": the short name a document gives what it cites.
_SHORT_NAME = re.compile(r"\(\s*(?i:sau\s+day\s+)?(?i:goi|viet)\s+(?i:tat|chung)\s+(?i:la)\s+([A-Z][^()]{1,40}?)\s*\)")
_SHORT_NAME_GAP = 220  # the title between a reference and its short name


def short_names(text: str) -> dict[str, LegalRef]:
    """{folded short name: the document it stands for} for each "(sau đây gọi/viết tắt là …)" after a reference,
    and for each standard named with the text that issues it (:func:`_standard_names`)."""
    folded = fold_same_length(text)
    if not _SHORT_NAME.search(folded) and not _STANDARD.search(folded):
        return {}
    found = legal_matcher().find(text)
    names = _standard_names(folded, found)
    for m in _SHORT_NAME.finditer(folded):
        before = [ref for start, end, ref, anaphora in found
                  if not anaphora and ref.number and end <= m.start() and m.start() - end <= _SHORT_NAME_GAP]
        if before and any(fold_key(m.group(1)).startswith(kind) for kind in legal_matcher().type_by_key):
            names[fold_key(m.group(1))] = before[-1]
    return names


# A technical standard's code: "TCVN 10299:2025", "QCVN 01:2022/BQP".
_STANDARD = re.compile(r"(?<![\w])(?:TCVN|QCVN)\s+\d[\d.-]*\s*:\s*(?:19|20)\d\d(?:/[A-Z]+)?(?![\w])")
_STANDARD_AFTER = re.compile(r"[^;()\n]{0,160}\(\s*")  # "Quyết định số 1269/QĐ-BKHCN … (TCVN 10299:2025)"
_STANDARD_ISSUED_BY = re.compile(r"[^;()\n]{0,160}?(?i:ban\s+hanh|cong\s+bo)\s+(?i:kem\s+theo)\s+")  # "… ban hành kèm theo"


def _standard_key(code: str) -> str:
    return re.sub(r"\s+", "", code)


def _standard_names(folded: str, found: list[tuple[int, int, LegalRef, bool]]) -> dict[str, LegalRef]:
    """{standard key: the text that issues it} where the document names both: the standard's code in brackets
    after the issuing text ("Quyết định số 1269/QĐ-BKHCN … công bố Tiêu chuẩn … (TCVN 10299:2025)"), or before
    "ban hành/công bố kèm theo" and the issuing text ("QCVN 01:2022/BQP … ban hành kèm theo Thông tư số …")."""
    names: dict[str, LegalRef] = {}
    numbered = [(start, end, ref) for start, end, ref, anaphora in found if not anaphora and ref.number]
    for m in _STANDARD.finditer(folded):
        before = next((ref for start, end, ref in reversed(numbered)
                       if end <= m.start() and _STANDARD_AFTER.fullmatch(folded, end, m.start())), None)
        issued = _STANDARD_ISSUED_BY.match(folded, m.end())
        after = next((ref for start, _, ref in numbered if issued and start == issued.end()), None)
        if before or after:
            names.setdefault(_standard_key(m.group()), before or after)
    return names


def short_citations(text: str, names: dict[str, LegalRef]) -> list[LegalRef]:
    """Provisions cited by a short name ("Điều 7, 8 Nghị định", "khoản 4, Điều 51 Nghị định"): the document meant,
    with the provision. A bare short name with no provision is no citation; a standard's code is one of the text
    that issues it ("Phần 8 TCVN 10299:2025")."""
    folded = fold_same_length(text)
    cited: list[LegalRef] = []
    for m in _STANDARD.finditer(folded):
        if ref := names.get(_standard_key(m.group())):
            cited.append(LegalRef(text=" ".join(text[m.start():m.end()].split()), type=ref.type, number=ref.number,
                                  year=ref.year, issuer_code=ref.issuer_code, date=ref.date))
    for key, ref in names.items():
        words = r"\s+".join(re.escape(word) for word in key.split())
        pattern = rf"(?i:(?P<point>diem\s+[a-z](?:\s*,\s*[a-z])*)\s*,?\s+)?(?i:(?P<clause>khoan\s+\d{{1,3}})\s*,?\s+)?" \
                  rf"(?i:dieu)\s+(?P<article>\d{{1,3}})(?:\s*,\s*\d{{1,3}})*\s+(?i:cua\s+)?{words}(?![\w])(?!\s+(?i:so)\b)"
        for m in re.finditer(pattern, folded, re.IGNORECASE):
            cited.append(LegalRef(text=" ".join(text[m.start():m.end()].split()), type=ref.type, number=ref.number,
                                  year=ref.year, issuer_code=ref.issuer_code, date=ref.date, article=m.group("article"),
                                  clause=_location_value(m.group("clause")) if m.group("clause") else None,
                                  point=_location_value(m.group("point")) if m.group("point") else None))
    return cited


_ISSUES = re.compile(r"\b(?:ban hanh|phe duyet) ")
_NUMBERED = re.compile(r"\bso \d|\b\d+ (?:qd|nd|nq|tt|ct|kh)\b")  # another document named by its number (folded)
_TITLE_WORDS = 5  # of an issued document's title after its kind: enough to tell it from prose


def issued_title(subject: str) -> Optional[str]:
    """The folded kind and opening title words of what a decision issues ("ke hoach thuc hien quy hoach mang"),
    read from its subject ("ban hành Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở …"), or None."""
    folded = fold_key(subject)
    if (m := _ISSUES.search(folded)) is None or _NUMBERED.search(folded[:m.start()]):
        return None  # "thực hiện Quyết định số 1899/QĐ-TTg … ban hành Kế hoạch …": the other document issues it
    words = folded[m.end():].split()
    kind = next((fold_key(k) for k in sorted(_ATTACHED_TYPES, key=len, reverse=True)
                 if words[:len(k.split())] == fold_key(k).split()), None)
    if kind is None or len(words) < len(kind.split()) + _TITLE_WORDS:
        return None
    return " ".join(words[:len(kind.split()) + _TITLE_WORDS])


def names_issued(text: str, title: Optional[str]) -> bool:
    """``text`` names the document ``title`` opens (:func:`issued_title`) by its kind, capitalised, and title."""
    if not title:
        return False
    folded = fold_same_length(text)
    pattern = r"\s*[^\w\s]?\s*".join(re.escape(word) for word in title.split())
    return any(text[m.start()].isupper() for m in re.finditer(rf"(?<![\w]){pattern}(?![\w])", folded, re.IGNORECASE))


@lru_cache(maxsize=1)
def legal_matcher() -> LegalMatcher:
    return LegalMatcher()
