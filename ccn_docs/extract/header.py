"""Document fields of an administrative document (Nghị định 30/2020/NĐ-CP):
issuer and parent issuer, number, place and date, type, subject, recipients,
legal bases, signer and distribution list.

The header is read from the first lines, tolerating OCR that merged the two
header columns onto one line ("UY BAN NHAN DAN CONG HOA XA HOI ...") and lost
diacritics; the closing (Nơi nhận, signature) from the lines after the body.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import Optional

from ..errors import Msg
from ..types import Directive
from .agencies import gazetteer
from .layout import MARKER, TABLE_FIRST, Block, SourceLine, task_table_at
from .legal import iso_date, issued_title, legal_matcher
from .patterns import LOWER, UPPER, fold_key, fold_same_length, number_key

HEADER_LINES = 45
# Right header column: the national motto, which OCR may merge into the left column's lines.
_MOTTO = re.compile(r"(?i)c\S{0,2}ng\s+h\S{0,2}a\s+x\S{0,2}\s+h\S{0,3}i|ch\S{0,2}\s+ngh\S{0,2}a\s+vi\S{0,2}t\s+nam|\S{0,2}\S?c\s+l\S{0,2}p\s*-\s*t\S{0,2}\s+do|h\S{0,2}nh\s+ph\S{0,2}c")
_NUMBER = re.compile(
    r"(?<![\w])S(?:o|O|6)?\S?\s*:?\s*(?P<digits>\d{1,6}|(?=\s*/))(?P<gap>\s*)(?:(?P<slash>[/|])\s*|J\s*(?=[A-Z]{2}))?"
    r"(?P<code>(?:(?:19|20)\d\d\s*/\s*)?[A-Z][A-Za-z&\d]*(?:\s*-\s*[A-Z][A-Za-z&.\d]*)+|(?:19|20)\d\d\s*/\s*[A-Z][A-Za-z&]*)"
)
# A copy's stamp ("SAO Y BẢN CHÍNH", "SAO LỤC") and its own number ("Số: 12/SY-VP"): not the document's.
_COPY_STAMP = re.compile(r"(?i)\b(?:sao y|sao luc|trich sao|ban sao)\b")
_COPY_CODE = re.compile(r"^(?:SY|SL|BS|TS)\b")
# "ngày  tháng 4 năm 2018": a day or month written by hand, read as anything but a number.
_DATE_UNREAD = re.compile(r"(?i)ngay\s+(?P<day>\S{0,6}?)\s*thang\s+(?P<month>\S{0,4}?)\s*nam\s+(?P<year>\d{4})")
_NUMBER_LABEL_ALONE = re.compile(r"^\s*So\s*:?\s*$")  # "Số:" with the number on the next line
_DATE = re.compile(r"(?i)ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")  # "tháng12": a lost space
# "Nghị quyết này được Hội đồng nhân dân … thông qua ngày …": the document's own adoption, within its sentence
_ADOPTED_ON = re.compile(r"\bnay\b[^.;]{0,200}?\bthong qua ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")
# "V/v" as written and as OCR reads it ("VIV", "V/V"), and "VỤ" before a subject in lower case: restoration's word for
# an OCR'd "VIV" (a unit, "Vụ Pháp chế", "VỤ PHÁP CHẾ", is never written so)
_SUBJECT = re.compile(r"(?<![\w])(?:V\s*[/I|l1]\s*[vVy]|v\s*/\s*v|V\.v\.?|Về việc|VU(?=\s+[a-z]))\s*[:.]?\s*")
# The title's joining "về (việc)" in a capitals subject ("VỀ VIỆC BAN HÀNH …", "VỀ DỰ ÁN LUẬT …"): no part of it.
_SUBJECT_JOINER = re.compile(r"(?i)^ve(?:\s+viec)?\s+(?=\w)")
# Offices of a body's head, which both open an enacting authority's line and a signer's title.
_HEADS = ("CHỦ TỊCH", "BỘ TRƯỞNG", "THỦ TƯỚNG", "CỤC TRƯỞNG", "TRƯỞNG BAN", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")
# The enacting authority written in capitals between a decision's subject and its "Căn cứ" preamble
# ("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "THỦ TƯỚNG CHÍNH PHỦ", "CHÍNH PHỦ").
_AUTHORITY_OFFICES = (*_HEADS, "PHÓ CHỦ TỊCH", "TỔNG CỤC TRƯỞNG")
_OFFICES = rf"(?:{'|'.join(fold_same_length(office) for office in _AUTHORITY_OFFICES)})\b"
_OFFICE_LINE = re.compile(rf"^{_OFFICES}")  # an authority named by its office, as a line split in two always begins
_AUTHORITY_LINE = re.compile(rf"^(?:{_OFFICES}|UY BAN NHAN DAN\b|HOI DONG NHAN DAN\b|CHINH PHU$|BAN CHAP HANH\b|BO\s)")
# A công điện's addressee line ("THỦ TƯỚNG CHÍNH PHỦ điện:"), whose authority OCR may begin on the title's last line.
_ADDRESSEE_LINE = re.compile(r"(?i)\s*dien\s*:\s*$")
# Read with its diacritics: folded, "TỪ" would be "TỬ" ("ĐIỆN TỬ").
_OPEN_ENDING = re.compile(r"(?i)\b(?:của|về|và|cho|tại|với|giữa|đối|các|trên|theo|từ|đến|trong|thuộc)$")
_OFFICE_ENDING = re.compile(rf"\b{_OFFICES}$")  # "… CỦA THỦ TƯỚNG" wants its body ("CHÍNH PHỦ") after it
_PREAMBLE_OPENING = re.compile(r"^(?:Can cu|Theo de nghi|Xet)\b")
# "Bộ trưởng Bộ X ban hành Thông tư …" closing the preamble: what stands before it enacts the text
_ENACTING_FORMULA = re.compile(r"(?i)\s+ban hanh (?:thong tu|nghi dinh|nghi quyet|quyet dinh|chi thi)\b")
# A local body written without its place ("ỦY BAN NHÂN DÂN TỈNH"): the header's column names it whole, not this line
_UNPLACED_LOCAL_BODY = re.compile(r"^(?:uy ban|hoi dong) nhan dan(?: (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong))?$")
# A head's office before the body it heads, longest first: an office whose last word the body's name shares is cut to
# its first ("TRƯỞNG BAN CHỈ ĐẠO …" heads the "BAN CHỈ ĐẠO …", "TỔNG KIỂM TOÁN NHÀ NƯỚC" the "KIỂM TOÁN NHÀ NƯỚC"); a
# Thủ tướng issues in his own name
_BODY_HEADS = sorted({*_AUTHORITY_OFFICES, "TRƯỞNG", "TỔNG"} - {"THỦ TƯỚNG", "TRƯỞNG BAN"}, key=lambda office: (-len(office), office))
_HEAD_OFFICE = re.compile(rf"(?i)^(?:{'|'.join(_BODY_HEADS)})\s+")
# "Kính gửi" with OCR's slips in its marks; a word that only begins so ("kênh giao tiếp") is none
_RECIPIENTS = re.compile(r"(?i)k\S{0,2}nh\s+g\S{0,2}i(?![^\W\d_])\s*:?\s*|(?<=\S\s)đi\S{0,2}n\s*:\s*$|(?<=\S\s)dien\s*:\s*$")
_DISTRIBUTION = re.compile(r"(?i)^\W{0,3}n\S{0,2}i\s+nh\S{0,3}n\s*:?\s*")
# A text export may run the distribution list onto one line and lose its "Nơi nhận:" label ("- Chính phủ; - Ủy ban
# TW MTTQ Việt Nam; - …"): three dashed items or more, each closed by ";" before the next one's dash.
_RUN_TOGETHER_ITEMS = re.compile(r"^[-–]\s*\S[^;]*;(?:[^;-]*;)*\s+[-–]\s+\S[^;]*;(?:.*?;)?\s+[-–]\s+\S")
# A consolidated text's authentication heads its signature block ("XÁC" / "THỰC VĂN BẢN HỢP NHẤT" / "KT. BỘ TRƯỞNG").
_AUTHENTICATION = re.compile(r"^XAC\s+THUC\s+VAN\s+BAN\s+HOP\s+NHAT\b")
_RUN_TOGETHER_GAP = re.compile(r"(?<=;)\s+(?=[-–]\s)")
_RUN_ON_SIGNATURE = re.compile(r"(?<=\.)\s+(?:KT|TM|TL|TUQ|Q)\.\s.*$")  # "… Lưu: HC, PLTP. TM. ỦY BAN …" on the same line
# A line the list's dash opens and an item's ";" or "." closes is a recipient of copies however short its words
# ("- Bộ Y tế;", "- Bộ NN&MT;"), not a seal's marks.
_DASHED_ITEM = re.compile(r"^[-–+]\s*\w.*[;.]$")
# A list's dash as OCR reads it in small type: a tilde, alone or before the dash ("~ Văn phòng Quốc hội;", "~- Kho bạc …")
_OCR_DASH = re.compile(r"^~+\s*-?\s*")
# The "Lưu:" entry's units, and the drafter's name or initials that follow them, which are no recipient: after the
# copy count ("NN (2) Khôi", "QHĐP(2b)VQT"), inside it ("(H-02b)", "(cn 02b)"), a name in brackets ("(TP, Loan)";
# a unit's code in brackets, "(PC)", is part of the entry), after a full stop ("KTTH.Định") or joined by a hyphen
# ("NVTHQ-PL-Hưng").
_STORAGE_ENTRY = re.compile(r"(?i)^luu\b")
# The entry's first unit is the records office, "VT" (văn thư), which a scan's OCR reads as "VI" ("Lưu: VI, KT"); no
# storage entry begins with a unit "VI".
_RECORDS_OFFICE_MISREAD = re.compile(r"^(\w+\s*:?\s*)VI(?=\W|$)")
_DRAFTER_IN_COUNT = re.compile(r"\(\s*[^()\d]*?[\s-]\s*(\d{1,2}\s*b?)\s*\)?")
_DRAFTER_AFTER_COUNT = re.compile(r"(\(\s*\d{1,2}\s*b?\s*\))\W*\w.*$")
_DRAFTER_AFTER_UNITS = re.compile(
    rf"(?<=\w)\s*\([^()\d]*\b[{UPPER}][{LOWER}]+\)\s*$|(?<=[{UPPER}\d])\.\s*(?:[{UPPER}]\.)*[{UPPER}]?[{LOWER}]+\.?$"
    rf"|(?<=[{UPPER}])-[{UPPER}][{LOWER}]+\b"
    # initials after a full stop and a space ("NCTH. Ng95", "CN. pvc 19"; a unit's own stop has none, "P.KT"), and one
    # letter in brackets ("VX(M)", "KSTT (N)"): a unit's code has more
    rf"|(?<=[{UPPER}\d])\.\s+[{UPPER}{LOWER}]{{1,4}}\d*(?:\s+\d+)?$|(?<=\w)\s*\(\s*[{UPPER}]\s*\)$")
_SIGNER_OFFICES = (*_HEADS, "CHI CỤC TRƯỞNG", "TRƯỞNG PHÒNG", "CHỦ NHIỆM", "THỦ TRƯỞNG", "BÍ THƯ", "ỦY BAN NHÂN DÂN",
                   "VĂN PHÒNG", "CHÁNH THANH TRA")
# An office's words as a scan gives them: OCR may lose the space between two words in capitals ("CHỦTỊCH").
_OFFICE_WORDS = {office: r"\s*".join(office.split()) for office in _SIGNER_OFFICES}
_SIGNER_TITLE = re.compile(
    rf"^(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?(?:PHÓ\s*)?(?:{'|'.join(sorted(_OFFICE_WORDS.values(), key=len, reverse=True))}|UBND|BAN\s+)",
)
# Marks a scan's seal or signature leaves at the ends of the signature block's lines ("KT. CHỦ TỊCH: '", "PHÓ CHỦ
# TỊCH.", ". Nguyễn Thành Diệu:"), and the full stop of "KT." read as a colon ("KT: BỘ TRƯỞNG").
_SIGNATURE_MARKS = " .,:;'\"`"
_SIGNING_FOR_COLON = re.compile(r"^(KT|TM|TL|TUQ|Q)\s*:\s*")
_TYPES_UPPER = {
    "QUYET DINH": "Quyết định", "CHI THI": "Chỉ thị", "KE HOACH": "Kế hoạch", "CONG DIEN": "Công điện",
    "THONG BAO": "Thông báo", "NGHI QUYET": "Nghị quyết", "THONG TU": "Thông tư", "NGHI DINH": "Nghị định",
    "BAO CAO": "Báo cáo", "TO TRINH": "Tờ trình", "HUONG DAN": "Hướng dẫn", "CHUONG TRINH": "Chương trình",
    "QUY CHE": "Quy chế", "QUY DINH": "Quy định", "LUAT": "Luật", "VAN BAN HOP NHAT": "Văn bản hợp nhất",
}
_TYPE_LINE = re.compile(rf"^\W*(?P<type>{'|'.join(sorted(_TYPES_UPPER, key=len, reverse=True))})(?![A-Za-z])")
_ATTACHMENT_TITLE = re.compile(r"^(?P<kind>KE HOACH|QUY DINH|QUY CHE|PHU LUC|CHUONG TRINH|DE AN|DANH MUC|HUONG DAN|"
                               r"DIEU LE|NOI QUY|PHUONG AN|KICH BAN|QUY TRINH)\b")
# An appendix of tasks, as its title says ("PHỤ LỤC: DANH MỤC NHIỆM VỤ …", "PHÂN CÔNG …").
_TASK_LIST = re.compile(r"NHIEM VU|PHAN CONG|HOAT DONG|KE HOACH|GIAI PHAP")
# "MẪU", "Mẫu số 01", "PHỤ LỤC 02 MẪU", "DANH MỤC BIỂU MẪU", "CÁC BIỂU MẪU"
_FORM_TITLE = re.compile(r"^(?:PHU LUC\s+\S+\s+)?(?:MAU(?:\s+SO\b|\s*$)|Mau so\s+\d|(?:DANH MUC\s+|CAC\s+)?BIEU MAU\b)")
_ATTACHED = re.compile(r"(?i)\(\s*(?:ban hanh )?kem theo\b")
# A form's marks near the national motto it repeats inside the body: blanks to fill ("Số: …../…..", "Năm ......"), a
# placeholder for who fills it ("TÊN CƠ QUAN, TỔ CHỨC", "(Tên Cơ quan)", "<Số, ký hiệu>") or a form's own title.
_MOTTO_END = re.compile(r"(?i)^\W*doc\s*lap\s*[-–]\s*tu\s*do\s*[-–]\s*hanh\s*phuc")
_FORM_MARK = re.compile(r"\.{3}|…|^\s*(?:TEN(?:\s+CQ)?\s|\(\s*Ten\s|<)|^\s*(?:PHIEU|DON|TO KHAI|BIEN BAN|DANH SACH)\b")
# Where an annex or another form begins, ending the form before it ("Phụ lục 02", "Mẫu số 03", "BIỂU 01").
_ANNEX_TITLE = re.compile(r"(?i)^(?:phu luc|mau(?:\s+so)?\s*\d|bieu(?:\s+mau|\s+so|\s*\d))")
_FORM_LOOKAROUND = 8  # lines after the motto that show a form's marks; short title lines before it that belong to it
_ANNEX_TITLE_CHARS = 100
_ISSUED_TITLE_LINES = 3  # a title in capitals wraps over a few lines ("KẾ HOẠCH" / "XUẤT KHẨU …" / "2030")
_ARTICLE_NUMBER = re.compile(r"^Dieu (\d+)\b")
# A document of rules or work under its own header: a plan, a regulation, a model set of rules ("NỘI QUY CHỢ ……"),
# whose duties are fixed even where a name is left blank; a form or contract to fill in or negotiate has none.
_RULES_TITLE = re.compile(r"^(?:KE HOACH|QUY DINH|QUY CHE|NOI QUY|DIEU LE|QUY TRINH|CHUONG TRINH|DE AN|HUONG DAN|PHUONG AN)\b")
_RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+")
_PERSON = re.compile(rf"^(?:[{UPPER}][{LOWER}]+)(?:\s+[{UPPER}][{LOWER}]+){{1,4}}$")


_ON_BEHALF = re.compile(r"^(?:TM|TL|TUQ)\.\s*\S")
# "KT." / "TL." alone on its line, the office it signs for on the next one: no seal's marks however short.
_SIGNING_FOR_ALONE = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.$")
_TITLE_WRAP_LINES = 3  # a narrow signature column wraps a title's words ("KT. BỘ" / "TRƯỞNG", "CHỦ" / "TỊCH")
_ON_BEHALF_LINES = 2  # "TM. ỦY BAN" / "NHÂN DÂN" above the office
_SIGNATURE_REACH = 30  # lines either side of "Nơi nhận:" a signature block spans in a text's reading order
NO_LINE = 10**9  # a line number after every line: the closing or attachment was not found


def _signature_line(text: str) -> str:
    """A line of the signature block without the marks a scan left around it, "KT:" read as "KT." and an office's
    words spaced ("CHỦTỊCH ." → "CHỦ TỊCH")."""
    text = _SIGNING_FOR_COLON.sub(r"\1. ", text.strip(_SIGNATURE_MARKS))
    for office, words in _OFFICE_WORDS.items():
        text = re.sub(rf"\b{words}\b", office, text)
    return text


@dataclass
class Header:
    """Where the header ends and the closing begins (the fields go on the Directive)."""

    body_start_line: int = 0  # first line number of the body
    body_end_line: int = NO_LINE  # first line number of the closing
    attachment_line: int = NO_LINE  # first line of a plan, regulation or appendix issued with it, after the signature
    form_line: int = NO_LINE  # first line of a form issued with it (a template to fill in), which assigns no one
    forms: list[tuple[int, int]] = field(default_factory=list)  # forms inside the text: first line, line after the last


_MOTTO_WORDS = set("cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc".split())


def _opens_date(before: str) -> bool:
    """Whether the words before a date on its line leave it the document's: none, its place and a comma ("Hà Nội,
    ngày …"), or a place alone ("Hà Nội ngày …"). A date after a sentence or a citation is an event's or the cited
    document's ("… nhập khẩu từ ngày …", "Căn cứ Luật Giá ngày …", "Nghị định số 40/2025/NĐ-CP ngày …")."""
    before = before.rstrip()
    if not re.search(r"\w", before) or before.endswith(","):
        return True
    words = [re.sub(r"^\W+", "", word) for word in before.split()]
    place = list(itertools.takewhile(lambda word: word[:1].isupper() and word.isalpha(), reversed(words)))
    return bool(place) and place[-1] != "Luat"


def _noise(text: str) -> bool:
    """A short OCR line of stray marks (a seal, handwriting, speckle): '»h»', 'Bi N S', 'tư' (not
    a short name: 'BỘ Y TẾ')."""
    stripped = text.strip()
    if not stripped or len(stripped) > 24 or _is_whole_agency(stripped):
        return False
    letters = sum(c.isalpha() for c in stripped)
    return letters < 0.4 * len(stripped.replace(" ", "")) or not re.search(r"[^\W\d_]{3,}", stripped)


def _left_column(text: str) -> str:
    """The issuer column of a header line: the motto (right column) cut off,
    whether OCR merged it into this line or it stands on a line of its own."""
    m = _MOTTO.search(fold_same_length(text))
    left = text[:m.start()] if m else text
    words = fold_key(left).split()
    return "" if words and all(w in _MOTTO_WORDS for w in words) else left


def split_recipient_line(lines: list[SourceLine]) -> list[SourceLine]:
    """'Kính gửi: Bộ trưởng Bộ Công Thương Xét đề nghị của ...' (a header line
    joined to the first paragraph) → the recipient line and the paragraph."""
    out = []
    for index, line in enumerate(lines):
        m = _RECIPIENTS.search(fold_same_length(line.text))
        if m and line.number <= HEADER_LINES * 2:
            rest = line.text[m.end():]
            names = gazetteer().match_start(rest)
            if names:
                tail = rest[names[-1].end:]
                # the page's width may wrap the paragraph after its first words: a next line opening in lower case
                # goes on with it ("… Trung ương Căn cứ Luật Tổ" / "chức chính quyền địa phương …")
                following = lines[index + 1].text if index + 1 < len(lines) else ""
                paragraph = f"{tail} {following}" if following[:1].islower() else tail
                if re.match(rf"^[ .;,]*[{UPPER}]\S*\s+\S+\s+\S+", paragraph) and len(paragraph) > 40:
                    cut = len(line.text) - len(tail.lstrip(" .;,"))
                    out.append(SourceLine(line.number, line.page, line.text[:cut].rstrip()))
                    out.append(SourceLine(line.number, line.page, line.text[cut:]))
                    continue
        out.append(line)
    return out


def _title_case_upper(text: str) -> str:
    """'Ủy ban nhân dân tỉnh BẮC GIANG' → 'Ủy ban nhân dân tỉnh Bắc Giang'."""
    return re.sub(r"\b[^\W\d_]{2,}\b", lambda m: m.group(0).capitalize() if m.group(0).isupper() else m.group(0), text)


def _is_whole_agency(text: str) -> bool:
    return bool(gazetteer().whole(text))


def _unit_name(unit: str) -> str:
    matches = gazetteer().whole(unit)
    if matches:
        return _title_case_upper(", ".join(m.canonical for m in matches))
    return _title_case_upper(" ".join(unit.split())).capitalize() if unit.isupper() else " ".join(unit.split())


def read_issuer(lines: list[SourceLine], number_line: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    """Issuer and parent issuer from the left header column above the number:
    a line that starts a new agency ('CỤC THUẾ' under 'BỘ TÀI CHÍNH') starts the issuer."""
    column: list[str] = []
    above = [line for line in lines if number_line is None or line.number < number_line]
    numbered = next((line for line in lines if line.number == number_line), None)
    if numbered is not None and (m := _NUMBER.search(fold_same_length(numbered.text))) and m.start() > 0:
        # a web export ran the header's columns onto the number's line ("CHÍNH PHỦ_____ Số: 170/2025/NĐ-CP …")
        above.append(SourceLine(numbered.number, numbered.page, numbered.text[:m.start()]))
    lefts = [_left_column(line.text).strip(" -_.,;:|") for line in above]
    for index, left in enumerate(lefts):
        written = above[index].text.strip(" -_.,;:|")
        if not left and len(written.split()) == 1 and _name_split(written, lefts[index + 1:]):
            left = written  # a word of the motto's that opens the issuer's name the column wrapped ("HỘI" / "ĐỒNG NHÂN DÂN")
        if not left or not any(c.isalpha() for c in left) or _noise(left) and not (
                _name_split(left, lefts[index + 1:]) or column and _name_split(f"{column[-1]} {left}", lefts[index + 1:])):
            continue  # a short word is kept where it goes on with the lines around it ("BỘ NÔNG NGHIỆP" / "VÀ" / "MÔI TRƯỜNG")
        if left.upper() != left:
            column = []  # the issuer is the run of capitals right above the number
        else:
            column.append(left)
    units: list[str] = []
    for index, left in enumerate(column):
        # a body's kind the column wrapped from its name starts the body too ("CỤC" / "HẢI QUAN")
        starts_agency = bool(gazetteer().match_start(left, None)) or _name_split(left, column[index + 1:])
        if units and not (starts_agency and _is_whole_agency(units[-1])):
            units[-1] += " " + left
        else:
            units.append(left)
    if not units:
        return None, None
    names = [_unit_name(unit) for unit in units]
    return names[-1], (names[-2] if len(names) > 1 else None)


def _enacting_body(lines: list[SourceLine]) -> Optional[str]:
    """The issuer of a text whose header names none (a web export that dropped the issuer's column): the body that
    enacts it, on the capitals line right before the preamble ("ỦY BAN THƯỜNG VỤ QUỐC HỘI") or in the enacting
    formula that closes it ("Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư …"), without its head's office
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" is issued by the Ủy ban nhân dân)."""
    texts = [line.text.strip() for line in lines if line.text.strip()]
    folded = [fold_same_length(text) for text in texts]
    preamble = next((i for i, text in enumerate(folded) if _PREAMBLE_OPENING.match(text)), None)
    candidates = []
    if preamble and texts[preamble - 1].isupper():
        candidates.append(texts[preamble - 1])
    candidates += [texts[i][:m.start()] for i, text in enumerate(folded[preamble or 0:], preamble or 0)
                   if (m := _ENACTING_FORMULA.search(text))]
    for candidate in candidates:
        body = _HEAD_OFFICE.sub("", candidate.strip())
        names = gazetteer().match_start(body, None)
        if names and names[0].start == 0 and names[0].end >= len(body.rstrip(" ,")) and not _UNPLACED_LOCAL_BODY.match(
                fold_key(body)):
            return _unit_name(body)
    return None


def _name_split(left: str, below: list[str]) -> bool:
    """A short word in capitals that starts the issuer's name OCR broke over two lines ('ỦY' / 'BAN NHÂN
    DÂN TỈNH …'), not a stray mark: with the next line it reads as one agency, further than the word."""
    following = next((text for text in below if text), "")
    if not left.isupper() or not following.isupper():
        return False
    names = gazetteer().match_start(f"{left} {following}", None)
    return bool(names) and names[0].start == 0 and names[0].end > len(left) + 1 + len(following.split()[0])


def _date_stated_in_body(lines: list[SourceLine], number: Optional[str]) -> Optional[str]:
    """The document's date where its place-and-date line is missing (a web export that dropped it): the date
    the document gives itself elsewhere, where its own number is cited with a date ("(Kèm theo Nghị định số
    170/2025/NĐ-CP ngày 30 tháng 6 năm 2025 …)") or where it states its adoption ("Nghị quyết này được … thông
    qua ngày …"). Only a single such date; two that differ leave it empty."""
    text = "\n".join(line.text for line in lines)
    dates = set()
    if number:  # the whole text's citations are read only when there is a number to find among them
        own = number_key(number)
        dates = {ref.date for _, _, ref, _ in legal_matcher().find(text) if ref.date and ref.number and number_key(ref.number) == own}
    dates |= {iso_date(f"{m.group(1)}/{m.group(2)}/{m.group(3)}") for m in _ADOPTED_ON.finditer(fold_key(text))}
    dates.discard(None)
    return dates.pop() if len(dates) == 1 else None


def read_header(lines: list[SourceLine], blocks_: list[Block], directive: Directive) -> Header:
    header = Header()
    top = lines[:HEADER_LINES]
    last_header_line = 0
    number_line = None
    number_code: Optional[str] = None
    for index, line in enumerate(top):
        written = line.text
        if fold_same_length(written.lstrip()[:7]).lower().startswith("can cu"):
            break  # the preamble: its documents' numbers and dates are not the header's
        if _NUMBER_LABEL_ALONE.match(fold_same_length(written)) and index + 1 < len(top):
            written += " " + next((l.text for l in top[index + 1:] if l.text.strip()), "")
        folded = fold_same_length(written)
        if _COPY_STAMP.search(folded):
            continue  # a copy's stamp, with its own number and date
        if number_line is None and (m := _NUMBER.search(folded)) and not _COPY_CODE.match(m.group("code")):
            # "2025/ND-CP": the year stays, the code after it is read part by part
            year, slash, code = re.sub(r"\s+", "", m.group("code")).rpartition("/")
            written_code = re.sub(r"\s+", "", written[m.start("code"):m.end("code")]).rpartition("/")[2]
            code = f"{year}{slash}{legal_matcher()._code(code, written_code)}"
            number_code = code
            # "Số: 45 /CV-PA83": digits in the blank before a printed slash were written by hand; a slash
            # OCR read as "J" ("S 2029 JUBND-KTTH") is no blank.
            if m.group("digits") and not (m.group("gap") and m.group("slash")):
                directive.number = f"{m.group('digits')}/{code}"
            else:  # written by hand, or "Số: /CV-PA83": none read
                directive.warnings.append(Msg.EXTRACT_HANDWRITTEN.format(
                    path=directive.source_file, field="number", written=" ".join(line.text[m.start():m.end()].split())))
            number_line = line.number
            last_header_line = max(last_header_line, line.number)
            if m.end() < len(line.text):  # not when the number was read from the next line
                last_header_line = max(last_header_line, _subject_after_number(top[index:], m.end(), directive))
        if directive.date is None and not any("date" in w for w in directive.warnings) and (
                unread := _DATE_UNREAD.search(folded)) and not (_DATE.search(folded)):
            directive.warnings.append(Msg.EXTRACT_HANDWRITTEN.format(
                path=directive.source_file, field="date", written=" ".join(unread.group(0).split())))
        if directive.date is None and (m := next((d for d in _DATE.finditer(folded) if _opens_date(folded[:d.start()])),
                                                 None)):
            directive.date = iso_date(f"{m.group(1)}/{m.group(2)}/{m.group(3)}")
            before = line.text[:m.start()].rstrip(" ,")
            place = re.search(rf"(?:^|(?<=\s))((?:[{UPPER}][^\s,\d/-]*\s*){{1,5}})$", before)
            if place:
                directive.place = _title_case_upper(place.group(1).strip())
            last_header_line = max(last_header_line, line.number)
            if number_line is None:
                number_line = line.number
    if directive.date is None and not any("date" in w for w in directive.warnings):
        directive.date = _date_stated_in_body(lines, directive.number)
    directive.issuer, directive.parent_issuer = read_issuer(top, number_line)
    if directive.issuer is None:
        directive.issuer = _enacting_body(top)
    last_header_line = max(last_header_line, _read_type_and_subject(top, blocks_, directive, number_code))
    last_header_line = max(last_header_line, _read_recipients(lines, directive))
    header.body_start_line = last_header_line + 1
    header.body_end_line = _read_closing(lines, directive, header.body_start_line)
    if header.body_end_line == NO_LINE:
        # no closing found: the body still ends where a document issued with it begins ("PHỤ LỤC" / "(Kèm theo …)")
        header.body_end_line = _attachment_line(lines, header.body_start_line, any_kind=True)
    header.attachment_line = _attachment_line(lines, header.body_end_line - 1,
                                              issued=issued_title(directive.subject or ""))
    header.form_line = _attachment_line(lines, header.body_start_line, any_kind=True, form=True)
    header.forms = form_spans(lines, header.body_start_line)
    return header


def _form_heading(folded: str) -> bool:
    """A line of a form's heading above the motto: the annex's title, or the issuer's column in capitals or left
    blank ("TÊN CƠ QUAN, TỔ CHỨC", "XÃ…..", "(Tên Cơ quan)"); a task table's cells ("Sở Y tế", "Quý IV") are none."""
    letters = [c for c in folded if c.isalpha()]
    return len(folded) <= _ANNEX_TITLE_CHARS and (bool(_ANNEX_TITLE.match(folded) or _FORM_MARK.search(folded))
                                                  or bool(letters) and all(c.isupper() for c in letters))


def _ends_form(folded: str, last_article: Optional[int]) -> bool:
    """The next annex's title, or the text's next article ("Điều 15." after "Điều 14."): a template's own
    "Điều 1." … does not go on with the text's numbering."""
    if len(folded) <= _ANNEX_TITLE_CHARS and _ANNEX_TITLE.match(folded):
        return True
    article = _ARTICLE_NUMBER.match(folded)
    return article is not None and last_article is not None and int(article.group(1)) == last_article + 1


def form_spans(lines: list[SourceLine], body_start: int) -> list[tuple[int, int]]:
    """Forms, score sheets and templates inside the text (an annex of a regulation, where no "(Kèm theo …)"
    marks it as issued with the document): the national motto repeated after the header, with a form's marks
    around it. A form runs from its title (the annex's name and the placeholder lines above the motto) to the
    next annex, the text's next article or the text's end. A plan, a regulation or a model set of rules under a
    header of its own is no form."""
    after = [line for line in lines if line.number >= body_start and line.text.strip()]
    folded = [fold_same_length(line.text.strip()) for line in after]
    starts: list[int] = []
    for index, text in enumerate(folded):
        if not _MOTTO_END.match(text):
            continue
        first = index
        while first > 0 and index - first < _FORM_LOOKAROUND and _form_heading(folded[first - 1]) \
                and not (starts and first - 1 <= starts[-1]):
            first -= 1
            if _ANNEX_TITLE.match(folded[first]):
                break
        around = folded[first:index] + folded[index + 1:index + 1 + _FORM_LOOKAROUND]
        if any(_RULES_TITLE.match(t) for t in folded[index + 1:index + 1 + _FORM_LOOKAROUND]):
            continue  # "KẾ HOẠCH …", "NỘI QUY CHỢ ……": a plan, or rules in full with a name left blank
        if any(_FORM_MARK.search(t) for t in around):
            starts.append(first)
    last_article: list[Optional[int]] = []  # the text's last article number before each line
    current: Optional[int] = None
    for text in folded:
        last_article.append(current)
        if article := _ARTICLE_NUMBER.match(text):
            current = int(article.group(1))
    spans: list[tuple[int, int]] = []
    for number, first in enumerate(starts):
        following = starts[number + 1] if number + 1 < len(starts) else len(after)
        end = next((k for k in range(first + 1, following) if _ends_form(folded[k], last_article[first])), following)
        spans.append((after[first].number, after[end].number if end < len(after) else NO_LINE))
    return spans


def _subject_after_number(lines: list[SourceLine], end: int, directive: Directive) -> int:
    """'Số: 5387/CT-CS v/v trả lời …' (the subject under the number, read onto its line): the subject,
    with the lines that go on with it. Returns the last line used, or 0."""
    tail = _split_subject(_left_column(lines[0].text[end:]))
    label = _SUBJECT.match(fold_same_length(tail))
    if label:
        tail = tail[label.end():]
    if len(tail.split()) < 2 or not tail[0].isalpha():
        return 0
    more = _subject_lines(lines)[1:]
    directive.subject = " ".join(" ".join([tail] + [line.text.strip() for line in more]).split()).strip(" .;")
    return (more[-1] if more else lines[0]).number


def _split_subject(text: str) -> str:
    """The subject without what OCR joined to it: 'Kính gửi: …', '<place>, ngày …'."""
    return re.split(r"\s+(?:Kính gửi|Kinh gui)\b|(?:^|\s+)\S+(?:\s+\S+)?,\s*ngày\s*\d", text.strip())[0].strip()


def _attachment_line(lines: list[SourceLine], closing: int, any_kind: bool = False, form: bool = False,
                     issued: Optional[str] = None) -> int:
    """Where a document issued with this one begins after its signature: a title in capitals ("KẾ
    HOẠCH", "QUY ĐỊNH", "PHỤ LỤC" …) with "(Kèm theo / Ban hành kèm theo …)" under it, or with no such line
    the title of ``issued``, what the subject says the document issues (:func:`.legal.issued_title`: "KẾ
    HOẠCH" / "XUẤT KHẨU SẢN PHẨM …" after "Quyết định ban hành Kế hoạch xuất khẩu sản phẩm …"); ``any_kind``:
    also a list of procedures or figures, whose tasks do not count; ``form``: only a form ("PHỤ LỤC 02" /
    "MẪU" / "ĐƠN ĐỀ NGHỊ …"), a template to fill in."""
    at = [n for n, line in enumerate(lines) if line.number > closing and line.text.strip()]  # where ``after`` stands
    after = [lines[n] for n in at]
    for index, line in enumerate(after):
        title = _ATTACHMENT_TITLE.match(fold_same_length(line.text.strip()))
        if not title and not line.text.strip().isupper():
            continue
        attached = next((n for n in range(index + 1, min(index + 9, len(after)))
                         if _ATTACHED.search(fold_same_length(after[n].text))), None)
        if not title:
            # a title of another kind ("LỊCH PHỔ BIẾN …" / "(Ban hành kèm theo …)") issues a table of who does what
            if not form and attached is not None and all(after[n].text.strip().isupper() for n in range(index, attached)) \
                    and _opens_task_table(lines, at[attached + 1:]):
                return line.number
            continue
        if attached is None and _opens_with_title(after[index:index + _ISSUED_TITLE_LINES], issued):
            attached = index + 1
        if attached is None:
            continue
        heading = fold_same_length(" ".join(l.text for l in after[index:attached])).upper()
        if form and not any(_FORM_TITLE.match(fold_same_length(l.text.strip())) for l in after[index:attached]):
            continue
        kind, procedures = title.group("kind"), "THU TUC HANH CHINH" in heading
        if not any_kind and (kind in ("PHU LUC", "DANH MUC") and (procedures or not _TASK_LIST.search(heading)
                                                                 and not _opens_task_table(lines, at[attached + 1:]))
                             or kind == "QUY TRINH" and procedures):
            # a list of procedures or figures, or the internal steps of administrative procedures: no tasks; a
            # table of figures whose rows name the body responsible for each gives that body's tasks
            continue
        return line.number
    return NO_LINE


def _opens_task_table(lines: list[SourceLine], positions: list[int]) -> bool:
    """A task table (:func:`.layout.task_table_at`, read on ``lines`` with their blank lines) opens at the first of
    ``positions`` (the non-blank lines after the title) or just after the title's last lines."""
    return any(TABLE_FIRST.match(lines[n].text.strip()) and task_table_at(lines, n)
               for n in positions[:_ISSUED_TITLE_LINES])


def _opens_with_title(lines: list[SourceLine], issued: Optional[str]) -> bool:
    """``lines`` open, in capitals, with the title ``issued`` (its kind, then its title's first words)."""
    if not issued:
        return False
    text = " ".join(line.text.strip() for line in lines)
    wanted = _title_words(issued)
    return text[:len(issued)].isupper() and _title_words(fold_key(text))[:len(wanted)] == wanted


def _title_words(folded: str) -> list[str]:
    """The words of a folded title but "về", which joins a kind to its title in a subject ("Quy định về quản lý …")
    and is often left out of the title itself ("QUY ĐỊNH" / "QUẢN LÝ …")."""
    return [word for word in folded.split() if word != "ve"]


def _read_type_and_subject(lines: list[SourceLine], blocks_: list[Block], directive: Directive,
                           number_code: Optional[str] = None) -> int:
    """Type from the title line (or the number's code), subject from 'V/v ...' or
    the block after the title. Returns the last header line used."""
    last = 0
    for index, line in enumerate(lines):
        folded = fold_same_length(line.text.strip())
        title_end = line.number
        if directive.type is None and folded.isalpha() and folded.isupper() and index + 1 < len(lines):
            joined = f"{folded} {fold_same_length(lines[index + 1].text.strip())}"
            if _TYPE_LINE.match(joined) and not _TYPE_LINE.match(folded):  # a title over two lines ("NGHỊ" / "ĐỊNH")
                folded, title_end = joined, lines[index + 1].number
        m = _TYPE_LINE.match(folded)
        if m and directive.type is None and folded[:len(m.group("type"))].isupper() and len(folded) < 40:
            directive.type = _TYPES_UPPER[m.group("type")]
            last = title_end
            own = next((b for b in blocks_ if b.line_start <= line.number <= b.line_end), None)
            following = [b for b in blocks_ if b.line_start > title_end][:6]
            rest = own.text[own.text.find(line.text.strip()) + len(m.group(0).rstrip()):].strip() if own else ""
            if rest and directive.subject is None:  # the subject line joined to the title's block
                more = following[:_title_continuation(rest, following, lines)]
                directive.subject = _without_subject_label(_without_authority(
                    " ".join([rest] + [b.text.strip() for b in more]), (more or [own])[-1], lines,
                    _text_at(following, len(more))))
                last = (more or [own])[-1].line_end
            if following and directive.subject is None and not following[0].text.startswith(("Căn cứ", "Can cu")):
                subject = following[:1 + _title_continuation(following[0].text, following[1:], lines)]
                title = _without_authority(" ".join(b.text.strip() for b in subject), subject[-1], lines,
                                           _text_at(following, len(subject)))
                directive.subject = _without_subject_label(title)
                last = subject[-1].line_end
        if directive.subject is None and (m := _SUBJECT.search(folded)):
            subject_lines = _subject_lines(lines[index:])
            text = " ".join(l.text.strip() for l in subject_lines)
            start = _SUBJECT.search(fold_same_length(text))
            subject = _split_subject(text[start.end():] if start else text)
            directive.subject = " ".join(subject.split()).strip(" .;")
            last = max(last, subject_lines[-1].number)
    if directive.type is None:
        code = directive.number or (f"0/{number_code}" if number_code else None)
        directive.type = _type_from_number(code, directive.subject)
    return last


def _text_at(blocks_: list[Block], index: int) -> str:
    return blocks_[index].text if index < len(blocks_) else ""


def _title_continuation(title: str, blocks_: list[Block], lines: list[SourceLine]) -> int:
    """How many of ``blocks_`` go on with a title in capitals that wraps over several lines: blocks in capitals up to
    the enacting authority before the preamble (a block that only ends with it, "BỘ NỘI VỤ" / "BỘ TRƯỞNG BỘ NỘI VỤ",
    still holds the title's last line), a numbered heading or a line that opens a list ("QUYẾT ĐỊNH:")."""
    count = 0
    for number, block in enumerate(blocks_):
        text, after = block.text.strip(), _text_at(blocks_, number + 1)
        if not (title.isupper() and text.isupper()) or MARKER.match(text) or text.endswith(":") or _enacting_authority(
                text, after) and not (_joined_authority(block, lines, after) or _wants_more(title)):
            break
        title, count = text, count + 1
    return count


def _wants_more(title_line: str) -> bool:
    """A title line that stops on a word wanting more ("… NĂM 2026 CỦA", "… CỦA THỦ TƯỚNG"): the capitals line after
    it ends the title ("BỘ NỘI VỤ", "CHÍNH PHỦ"), it names no enacting authority."""
    return bool(_OPEN_ENDING.search(title_line) or _OFFICE_ENDING.search(fold_same_length(title_line)))


def _enacting_authority(text: str, after: str) -> bool:
    """``text`` names the enacting authority that stands between a decision's title and its preamble,
    which ``after`` opens."""
    return bool(_AUTHORITY_LINE.match(fold_same_length(" ".join(text.split())))
                and _PREAMBLE_OPENING.match(fold_same_length(after.strip())))


def _joined_authority(block: Block, lines: list[SourceLine], after: str) -> str:
    """The enacting authority the layout joined to the title's last lines in ``block``, or "": its last line before
    the preamble ``after`` opens; its last two lines when they begin with an office ("CỤC TRƯỞNG CỤC" / "HẢI QUAN");
    its last line and the start of the công điện's addressee line ``after`` ("… TRUNG BỘ" / "THỦ" + "TƯỚNG CHÍNH
    PHỦ điện:"). Only where the title's lines left still end as a title does ("… CỦA" / "BỘ NỘI VỤ" and "… CỦA THỦ
    TƯỚNG" / "CHÍNH PHỦ" are the title's own end, its authority line lost)."""
    texts = [line.text.strip() for line in lines if block.line_start <= line.number <= block.line_end and line.text.strip()]
    addressee = _ADDRESSEE_LINE.search(fold_same_length(after))
    head = after[:addressee.start()].strip() if addressee else ""
    if _AUTHORITY_LINE.match(fold_same_length(head)):
        head = ""  # the addressee line names the whole authority
    if not head and not _PREAMBLE_OPENING.match(fold_same_length(after.strip())):
        return ""
    for count in range(1, min(3, len(texts))):
        authority = " ".join(texts[-count:])
        pattern = _OFFICE_LINE if count > 1 or head else _AUTHORITY_LINE
        if pattern.match(fold_same_length(f"{authority} {head}".strip())) and not _wants_more(texts[-count - 1]):
            return authority
    return ""


def _without_authority(title: str, block: Block, lines: list[SourceLine], after: str) -> str:
    """The title without the enacting authority the layout joined to the title's ``block`` (:func:`_joined_authority`)."""
    authority = _joined_authority(block, lines, after)
    if authority and title.endswith(authority):
        return title[:-len(authority)].rstrip()
    return title


def _full_width(lines: list[SourceLine]) -> float:
    """How long a line the page's width wrapped runs at least: a header's own lines are short."""
    return max(60, 0.8 * statistics.median([len(l.text.strip()) for l in lines if l.text.strip()] or [0]))


def _wrapped(text: str, full: float) -> bool:
    """A line the page's width wrapped before its item or sentence ended."""
    text = text.strip()
    return len(text) >= full and not text.endswith((";", ".", ":"))


def _subject_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """The 'V/v …' line and the lines that go on with the subject: short lines of the left header
    column, up to a blank, the motto, the date, 'Kính gửi', a copy's stamp or the body (a full-width
    line, or a paragraph's first line). A line after one the page's width wrapped goes on with the subject
    however long or short it runs ("… công chức cấp" / "xã")."""
    full = _full_width(lines)
    found = [lines[0]]
    for line in lines[1:]:
        text = line.text.strip()
        folded = fold_same_length(text)
        wrapped = _wrapped(found[-1].text, full)
        if (not text or not wrapped and (_noise(text) or len(text) >= full) or _MOTTO.search(folded)
                or _DATE.search(folded) or _RECIPIENTS.search(folded) or _COPY_STAMP.search(folded) or MARKER.match(text)
                or text.upper() == text and text.lower() != text):
            break
        found.append(line)
    return found


def _without_subject_label(title: str) -> str:
    """'V/V TẬP TRUNG ...' → 'TẬP TRUNG ...', 'VỀ VIỆC BAN HÀNH …' → 'BAN HÀNH …'."""
    label = _SUBJECT.match(fold_same_length(title)) or _SUBJECT_JOINER.match(fold_same_length(title))
    return title[label.end():] if label else title


def _type_from_number(number: Optional[str], subject: Optional[str]) -> Optional[str]:
    if number is None:
        return "Công văn" if subject else None
    code = number.split("/")[-1]
    first = code.split("-")[0]
    kind = legal_matcher().type_by_code.get(fold_key(first).upper())
    if kind and "-" in code and not subject:
        return kind
    return "Công văn" if "-" in code else kind


def _read_recipients(lines: list[SourceLine], directive: Directive) -> int:
    """'Kính gửi: A' or 'Kính gửi:' followed by '- A;' lines; the 'Kính gửi' line stands among the header's
    lines, and its list may run on past them."""
    last = 0
    for index, line in enumerate(lines[:HEADER_LINES]):
        m = _RECIPIENTS.search(fold_same_length(line.text))
        if not m:
            continue
        rest = line.text[m.end():].strip(" _-")
        items = [rest] if rest else []
        last = line.number
        full = _full_width(lines)
        previous = line
        for following in lines[index + 1:]:
            text = following.text.strip()
            if not text or _noise(text):
                continue  # OCR of a seal or handwriting between the listed recipients
            marker = MARKER.match(text)
            # an item the page's width wrapped goes on to its ";" or "." ("… Tổng công ty trực thuộc" / "Bộ Tài chính."),
            # not into the paragraph split from the item's own line
            wrapped = following.number > previous.number and _wrapped(previous.text, full)
            previous = following
            if marker is None and items and (wrapped or _wraps_on(items[-1], text)):
                items[-1] += " " + text  # an item OCR wrapped onto the next line ("…, Gia Lai, Đắk" / "Lắk, Lâm Đồng;")
                last = following.number
                continue
            if marker is None or marker.group("bullet") is None and marker.group("plus") is None:
                break
            items.append(text)
            last = following.number
        directive.recipients = [r for r in (_clean_item(i) for i in items) if r]
        if index + 1 < len(lines) and lines[index + 1].number == line.number:
            last = line.number - 1  # the line went on with the first paragraph
        break
    return last


def _wraps_on(item: str, line: str) -> bool:
    """``line`` finishes the recipient ``item`` OCR wrapped: the item stops inside a list or a name ('…, Gia
    Lai, Đắk' / 'Lắk, Lâm Đồng;') or the line goes on in lower case, and the line ends as a listed
    recipient does, not as the body's first sentence runs on."""
    last = item.rstrip().split()[-1] if item.strip() else ""
    inside = last.endswith(",") or last[:1].isupper() and not last.endswith((";", ".", ":")) or line[:1].islower()
    return inside and line.endswith((";", ",", ".")) and len(line.split()) <= 20


def _clean_item(text: str) -> str:
    text = MARKER.sub("", text.strip(), count=1) if MARKER.match(text.strip()) else text.strip()
    text = re.sub(r"[;:.]\s*\W{0,2}\w?\W{0,2}$", "", text)  # OCR marks after the item's end ("Như trên; s `")
    return text.strip(" _-;,.:")


def _read_closing(lines: list[SourceLine], directive: Directive, body_start: int) -> int:
    """Distribution list after 'Nơi nhận:' and the signature block; returns the
    first line of the closing."""
    closing = list_end = NO_LINE
    merged_title = ""
    tail = [line for line in lines if line.number >= body_start]
    for index, line in enumerate(tail):
        m = _DISTRIBUTION.match(fold_same_length(line.text.strip()))
        if m:
            closing = line.number
            rest = line.text.strip()[m.end():]
            if _SIGNER_TITLE.match(rest.strip(" _-.|")):  # OCR put the signer's title on the same line
                merged_title = rest.strip(" _-.|")
                rest = ""
            items = [rest] if rest.strip() else []
            list_end = closing
            for position, following in enumerate(tail[index + 1:], start=index + 1):
                list_end = following.number
                text = _OCR_DASH.sub("- ", following.text.strip(), count=1)
                following_lines = [line for line in tail[position:position + 2 * _TITLE_WRAP_LINES] if line.text.strip()]
                # a line that ends as an item does is no signature's, though in capitals ("- Các VP: Thành ủy;" / "UBND TP;")
                item_end = text.endswith(";")
                if text and not item_end and (_opens_title(following_lines) or _AUTHENTICATION.match(
                        fold_same_length(" ".join(line.text.strip() for line in following_lines[:2])))):
                    break  # the signature block, also where its title's words wrapped ("KT. BỘ" / "TRƯỞNG", "TL." / "CỤC TRƯỞNG")
                # an item's last word or years the column wrapped ("… các phòng, đơn" / "vị;", "giai đoạn" / "2021-2025;")
                # are too short to tell from a seal's marks but for the unfinished item above and the item's own end
                wrapped_end = bool(items) and _continues_item(items[-1], text) and text.endswith((";", "."))
                if not text or _noise(text) and not _DASHED_ITEM.match(text) and not wrapped_end:
                    continue
                signature = _signature_line(text)
                if not item_end and (_SIGNER_TITLE.match(text) or _SIGNER_TITLE.match(signature) and signature.isupper()
                                     or _ON_BEHALF.match(signature)
                                     or merged_title and (_RANK.match(text) or _PERSON.match(text))):
                    break  # the signature block ("KT. CHỦ TỊCH", "TM. ỦY BAN" / "NHÂN DÂN") the list stands beside
                if items and _continues_item(items[-1], text):
                    items[-1] += " " + text
                elif items and _sub_item(items[-1], text):
                    items[-1] += " " + MARKER.sub("", text, count=1)
                else:
                    items.append(text)
            directive.distribution = [_without_drafter(_with_records_office(i)) for i in (_clean_item(item) for item in items) if i]
            break
    if closing == NO_LINE and (joined := next((line for line in reversed(tail) if _RUN_TOGETHER_ITEMS.match(line.text.strip())),
                                              None)):
        closing = joined.number
        items = _RUN_TOGETHER_GAP.split(_RUN_ON_SIGNATURE.sub("", joined.text.strip()))
        directive.distribution = [_without_drafter(item) for item in (_clean_item(item) for item in items) if item]
    # The signature stands by the distribution list: at the end of the text, or before an annex the
    # document issues (a decision's regulation), where the end holds none; without a list, the first signature after
    # the body's articles stands before the annex. Read after the list, it follows the list's end, however many lines
    # a narrow column wrapped the list's items onto.
    near_list = [line for line in tail
                 if closing - _SIGNATURE_REACH <= line.number <= max(closing, list_end) + _SIGNATURE_REACH]
    for candidates in (tail[-30:], near_list if closing != NO_LINE else tail):
        if (title_line := _read_signature(candidates, closing, merged_title, directive)) is not None:
            return min(closing, title_line)
    return closing


def _continues_item(item: str, line: str) -> bool:
    """``line`` goes on with the dashed distribution ``item`` OCR or the layout wrapped ("- VPCP: …, các Vụ, Cục:" /
    "TH, KTTH, …;"): it has no dash of its own and the item stops short of its ';'."""
    marker = MARKER.match(item)
    ending = item.rstrip()[-1:]
    unfinished = ending in (",", ":", "-") or ending.isalnum() and not _STORAGE_ENTRY.match(fold_same_length(
        _clean_item(item)))
    return bool(marker and marker.group("bullet")) and MARKER.match(line) is None and unfinished


def _sub_item(item: str, line: str) -> bool:
    """``line`` is one of the units a dashed distribution ``item`` lists after its own colon ("- VP UBND tỉnh:" / "+
    LĐVP, KGVX;", "- VPCP: BTCN, các PCN;" / "các Vụ: CN, KTTH;"): the line has no dash of its own and is no "Lưu:"
    entry, which stands as an item of the list however it is marked."""
    marker, line_marker = MARKER.match(item), MARKER.match(line)
    holds_list = ":" in item and not _STORAGE_ENTRY.match(fold_same_length(_clean_item(item)))
    return (bool(marker and marker.group("bullet")) and holds_list and (line_marker is None or line_marker.group("plus") is not None)
            and not _STORAGE_ENTRY.match(fold_same_length(_clean_item(line))))


def _with_records_office(item: str) -> str:
    """The "Lưu:" entry with its records office "VT" where OCR read "VI"."""
    return _RECORDS_OFFICE_MISREAD.sub(r"\1VT", item) if _STORAGE_ENTRY.match(fold_same_length(item)) else item


def _without_drafter(item: str) -> str:
    """The "Lưu:" entry without the drafter's name or initials after its units."""
    if not _STORAGE_ENTRY.match(fold_same_length(item)):
        return item
    item = _DRAFTER_AFTER_COUNT.sub(r"\1", _DRAFTER_IN_COUNT.sub(r"(\1)", item))
    return _DRAFTER_AFTER_UNITS.sub("", item).strip(" .,")


def _title_line(text: str) -> str:
    """A signature line as :func:`_signature_line` reads it, a signing prefix alone ("TL.") with its full stop."""
    return text.strip() if _SIGNING_FOR_ALONE.match(text.strip()) else _signature_line(text)


def _title_opening(texts: list[str]) -> int:
    """How many of ``texts`` (signature lines, :func:`_signature_line`) open a signer's title: a line that begins with
    an office or the body it signs for ("KT. CHỦ TỊCH", "TM. ỦY BAN"), a signing prefix alone ("TL." / "CỤC
    TRƯỞNG"), or lines in capitals whose words the column wrapped ("KT. BỘ" / "TRƯỞNG", "CHỦ" / "TỊCH"); 0 if none."""
    for count in range(1, min(_TITLE_WRAP_LINES, len(texts)) + 1):
        joined = " ".join(texts[:count])
        if not joined.isupper():
            return 0
        if _SIGNER_TITLE.match(joined) or count == 1 and _SIGNING_FOR_ALONE.match(joined):
            return count
    return 0


def _opens_title(lines: list[SourceLine]) -> bool:
    """The first of ``lines`` opens a signer's title (:func:`_title_opening`), however few letters it holds ("KT. BỘ")."""
    return _title_opening([_title_line(line.text) for line in lines[:_TITLE_WRAP_LINES]]) > 0


def _on_behalf_of(before: list[SourceLine]) -> list[str]:
    """The lines in capitals right above a signer's office that name the body it signs for ("TM. ỦY BAN" /
    "NHÂN DÂN", "TM. CHÍNH PHỦ", "TL. CỤC TRƯỞNG"): part of the signer's title."""
    texts = [_signature_line(line.text) for line in before]
    for start, text in enumerate(texts):
        if _ON_BEHALF.match(text) and all(t.upper() == t for t in texts[start:]):
            return texts[start:]
    return []


def _seal_letters(text: str) -> bool:
    """A few letters of the seal read in lower case as a line of their own among the title's lines in capitals
    ("TM. ỦY BAN" / "nhi" / "NHÂN DÂN"): no line of a signature is so short and in lower case."""
    stripped = text.strip()
    return len(stripped) <= 3 and stripped.islower()


def _read_signature(lines: list[SourceLine], closing: int, merged_title: str, directive: Directive) -> Optional[int]:
    """The signature: title lines in capitals ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and a name right after
    (a rank before it, "Trung tá Ngô Văn Công", is no part of the name). Returns its first line."""
    written = [line for line in lines if line.text.strip()]
    lines_ = [line for index, line in enumerate(written)
              if not (_noise(line.text) or _seal_letters(line.text)) or _opens_title(written[index:])]
    texts = [_title_line(line.text) for line in lines_]
    for index, line in enumerate(lines_):
        text, opening = texts[index], 1
        if merged_title and line.number == closing:
            text = merged_title
        elif not (opening := _title_opening(texts[index:index + _TITLE_WRAP_LINES])):
            continue
        else:
            text = " ".join(texts[index:index + opening])
        titles = _on_behalf_of(lines_[max(0, index - _ON_BEHALF_LINES):index]) + [text]
        for following in lines_[index + opening:index + 8]:
            candidate = _RANK.sub("", _title_line(following.text))
            if _PERSON.match(candidate):
                directive.signer_title, directive.signer = " ".join(titles), candidate
                return line.number
            if following.number > closing and candidate.upper() != candidate and not merged_title:
                break
            if candidate.upper() == candidate and not merged_title:
                titles.append(candidate)
    return None
