"""Tasks: nodes of the document's outline (:mod:`.outline`) that assign work.

A node's agency is its own subject, else its nearest ancestor's:

* a heading that names bodies ("1. Sở Công Thương", "Các tổ chức chính trị - xã hội:") is no task;
  the items under it are tasks of those bodies, unless an item names its own ("- Sở Tư pháp: …");
* an item that opens with its subject ("3. Bộ Giao thông vận tải: Chỉ đạo …", "Bộ Ngoại giao phối
  hợp …", "Trên cơ sở …, Sở X chủ trì …") or with an assignment ("Giao Sở X …", "Đề nghị Bộ Y …") is
  a task of that subject; a later sentence with a new subject is a task of its own;
* a lead-in that assigns work and ends with ':' ("Sở X chủ trì …, trong đó:") is a task, and its
  agency passes to the items under it; one that only addresses ("Bộ X yêu cầu các cơ quan, đơn vị:")
  passes its addressees;
* a plan activity takes its lead, co-agencies and time from its "Cơ quan chủ trì / phối hợp /
  Thời gian" lines or table cells; an activity that names no one is a task with no agency;
* titles, background, statements in the past and closing formulas ("… chịu trách nhiệm thi hành
  Quyết định này") are no tasks.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Optional

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from ..types import Footnote, LegalRef, SourceSpan, Task
from ..vietnamese import nfc
from .agencies import (DUTY as _DUTY, DUTY_NAMED as _DUTY_NAMED, LOCAL_LEVELS, AgencyMatch, Gazetteer, Token,
                       issuing_locality, tokens)
from .layout import LIST_LETTERS, Block, amends
from .legal import (issued_title, legal_matcher, listed_documents, names_issued, provisions_cited, resolve_anaphora,
                    resolve_short_number, short_citations, short_names)
from . import task_classifier
from .outline import Node, outline
from .patterns import SENTENCE_BREAK, UPPER, doc_text, fold_key, fold_same_length, records_of

_WILL = re.compile(r"(?i)sẽ\s+(?=\w)")
_CLAUSE_BREAK = re.compile(r"(?:;|(?<=[^\W_]{2}[.]))\s+")
_CLAUSE_AFTER_SEMICOLON = re.compile(r";\s+(?=\S)")
_LIST_GOES_ON_WORDS = {"va", "hoac", "do", "giao", "de nghi", "yeu cau"}  # before a body's name the list goes on from
_TOPIC_LABEL = re.compile(r"^(?:Về|Ve|VỀ)\s[^:]{1,600}:\s*(?=\S)")
# "1. Về thuế giá trị gia tăng Đề nghị Thuế tỉnh X …": a topic heading run on into its paragraph, up to the request.
# "Trường hợp cần điều chỉnh Danh mục …: Sở quản lý ngành, lĩnh vực đề xuất …": the case, then who acts in it.
_CASE_LABEL = re.compile(r"^(?:Trường hợp|Trong trường hợp)\s[^:;.]{1,200}:\s*(?=[{UPPER}])".replace("{UPPER}", UPPER))
_OFFICE_OF = re.compile(r"^van phong ")  # folded: an office speaks for the body it serves
_REQUEST_WORD = re.compile(r"^(?:tran trong )?de nghi ")  # folded: a request, not any assignment
_REQUEST = re.compile(r"^(?:Đề nghị|ĐỀ NGHỊ)\s+(?=\S)")  # "Đề nghị Công ty X: Khẩn trương …": a label after the request
_CONCERNING_LABEL = re.compile(r"^(?:Đối với|ĐỐI VỚI)\s[^:]{1,300}:\s*(?=\S)")
_TOPIC_RUN_ON = re.compile(r"^(?:Về|VỀ)\s[^:.;]{1,200}?\s(?=(?:Đề nghị|Yêu cầu|Giao)\s)")
_ORDINAL = re.compile(r"^(?i:thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|một là|hai là|ba là|bốn là|năm là)\s*[,:.]\s*")
# "Các Sở Xây dựng nêu trên", "các Ủy ban nhân dân tỉnh trên": agencies named earlier (the addressees).
_TOPIC = re.compile(r"(?i)đối với\s")
_FIELD_WORDS = 3  # syllables of an activity a name may go on with ("kiểm tra chuyên ngành")
_BARE_PLURAL = re.compile(r"^(?i:các|mọi)\s+")  # "Các tổ chức, đơn vị": the kind the text names
_PASSIVE_DOER = re.compile(r"(?<=\w)\s+do\s+(?=\w)")  # "Hồ sơ do Văn phòng … tiếp nhận": the doer follows
_PASSIVE_SUBJECT_CHARS = 160  # the thing done, named before its doer
_ISSUED = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?ban hanh\b")  # "do Bộ X ban hành": who issued a document
_ARTICLE_NUMBER = re.compile(r"(?:dieu \d+\w* )?")  # an article's folded title, before what it is about
_PREPOSITIONS = {"theo", "tại", "của", "với", "cho", "từ", "trong", "về", "vào", "đối"}  # marked: "tài" is no "tại"
_ASIDES = ("tren co so", "trong pham vi", "voi vai tro", "voi tu cach", "can cu")
_BACK_REFERENCE = re.compile(r"\s*(?i:neu tren|noi tren|tren day)(?![\w])")
_ANAPHORIC_AGENCY = re.compile(r"(?i:cac)\s+(?P<kind>[A-Z][^\s,;:.]*(?:\s+[^\s,;:.]+){0,6}?)\s+(?i:neu tren|noi tren|tren day)(?![\w])")
_PARENTHESIS = re.compile(r"^\s*\([^()]{0,200}\)")
_ASIDE = re.compile(r"\s*\([^()]{0,200}\)")
_SHARES = re.compile(r"\((?:[Tt]rong đó|[Gg]ồm)\s*:\s*([^()]+)\)")
_QUANTITY = re.compile(rf"([{UPPER}][\w&-]*(?: [{UPPER}][\w&-]*)?)\s*:\s*\d")
_QUOTE_MARKS = ("“", '"')
# "Chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1) (4.2) và Phụ lục của Kế hoạch": a lead for parts of the plan
_LEAD_POINTER = re.compile(r"(?i:chủ trì)[^.;:]{0,60}?(?i:nhiệm vụ|nội dung)\s+(?i:tại|thuộc)\s+(?i:mục|phần)\s+"
                           r"(?P<path>\(\s*(?:[IVX]+|\d[\d.]*)\s*\)(?:\s*\(\s*(?:[IVX]+|\d[\d.]*|[a-zđ])\s*\))*)")
_MARKER_KEY = re.compile(r"\(\s*([^()\s]+?)\.?\s*\)")
# The same pointer written out: "Chủ trì, phối hợp … thực hiện các nhiệm vụ quy định tại các mục 1, 2, 3; điểm a, b mục 7
# Phần III Điều 1 Quyết định này"
_WRITTEN_LEAD_POINTER = re.compile(r"(?i:chủ trì)[^.;:]{0,120}?(?i:nhiệm vụ|nội dung)(?:\s+(?i:quy định|nêu))?\s+(?i:tại)\s+"
                                   r"(?P<items>(?:các\s+)?(?:điểm|mục)\s[^.:]{1,200}?)\s+(?i:phần)\s+(?P<part>[IVX]{1,5})\b")
_POINTED_ITEMS = re.compile(r"(?:(?:các\s+)?điểm\s+(?P<points>[a-zđ](?:\s*(?:,|và)\s*[a-zđ])*)\s+)?(?:các\s+)?mục\s+"
                            r"(?P<numbers>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})*)")
_LISTED_KEY = re.compile(r"[a-zđ]|\d{1,2}")
_PLAN_KINDS = ("ke hoach", "chuong trinh", "de an", "phuong an")  # folded kinds of plan a decision issues or approves
_TASKS_PART = re.compile(r"\b(?:nhiem vu|giai phap)\b")  # a plan's part that lists its work, by its folded title
_SECTION_TITLE_WORDS = 20  # a heading longer than this is an item's text, not a section's title
_CLOSING_QUOTE = re.compile(r'[”"]\s*[.;,…]*\s*$')
_PROVISION_LEAD_IN = re.compile(r"\bquy dinh(?:\s+(?:nhu sau|cu the(?: nhu sau)?|ro))?\s*:$")
_AMENDS_DOCUMENT = re.compile(r"\b(?:sua doi|bo sung|bai bo|thay the)\b")
_OPENED_QUOTE = re.compile(r'(?i:quy\s+định(?:\s+như\s+sau)?)\s*:\s*[“"]')
_QUOTED_NAME = re.compile(r'^\s*[“"][^“”"]{1,120}[”"]\s*[^\W\d_]')  # "“Bình dân học vụ số” cho người dân …": a name, the sentence goes on
_PROVISION_PARTS = ("article", "number", "letter", "paren", "plus")
_ARTICLE_LINE = re.compile(r"^(?:Điều\s+\d+|[.…]{1,3}$)")
_ITEM_LABEL = re.compile(r"^([^:]{1,100}):\s*(?=\S)")
# "(1) ", "a) ", "(b) ": an enumeration run into a paragraph
_INLINE_ITEM = re.compile(r"(?:\((?P<number>\d{1,2})\)|(?<![^\s(])\(?(?P<letter>[a-zđ])\))\s*(?=\S)")
_LABEL_WORDS = 6  # a step's label: what it sets ("Thời hạn giải quyết:"), not a clause ending in a colon
_EXAMPLES = re.compile(r"(?i)\b(?:như|gồm|bao gồm)\s*:\s*$")
# What a document, a report or a database holds, listed after its lead-in ("Kế hoạch … gồm những nội dung sau:",
# "… cập nhật … vào Cơ sở dữ liệu … đối với:"): its items describe contents, they are no work of their own.
_CONTENTS = re.compile(r"\b(?:(?:bao\s+)?gom\s+(?:nhung|cac)\s+(?:noi dung|thong tin|tai lieu|giay to)(?:\s+chu yeu|\s+co ban)?"
                       r"(?:\s+sau(?:\s+day)?|\s+nhu sau)?|doi voi)\s*:\s*$")
# A lead-in announcing a list ("Hồ sơ kiểm tra gồm có các văn bản, tài liệu sau đây:"), unless what it lists is work.
_LIST_ANNOUNCED = re.compile(r"(?:\bsau day|\bgom(?:\s+co)?\b[^:;.]{0,80})\s*:\s*$")
_DUTY_WORD = re.compile(r"\b(?:phai|co trach nhiem)\b")
_WORK_LISTED = re.compile(r"\b(?:cong viec|buoc|nhiem vu|giai phap|bien phap|hoat dong)\b[^:;.,]*:\s*$")  # "… các công việc sau đây:"
_NOTICE_TO = re.compile(r"(?i)thong bao (?:de|den|cho)\s")
_PLACE_ONLY = re.compile(r"^(?:tinh|thanh pho|huyen|xa|phuong)(?: [a-z]+){0,3}$")
_SUBJECT_WORDS = 8  # words a kind of body may take before its duty ("Tổ chức kiểm định … có trách nhiệm")
# Only a doer is given a responsibility: the noun phrase before one is a doer, whatever its head.
_RESPONSIBILITY = re.compile(r"\s(?:co|chiu) trach nhiem\s+(?!ve\b|truoc\b|ca nhan\b)\w|\sco nhiem vu\s+\w")
_DOER_WORDS = 10
# A body done to ("phải được huấn luyện"), allowed or able ("được thu", "có thể"), unable ("không thể sửa") or bound
# to obey rules ("… phải tuân thủ Luật Điện lực"), or going on as it is ("… tiếp tục hoạt động cho đến khi …"): no duty
# of its own.
_UNDERGOES = re.compile(r"(?:(?:phai|can|co the)\s+)?(?:duoc|bi)\s+(?!giao\b|phan cong\b|uy quyen\b)|(?:khong|co) the\s"
                        r"|(?:phai|can)\s+(?:nghiem chinh\s+|nghiem tuc\s+)?(?:tuan thu|chap hanh|tuan theo|dap ung"
                        r"|thuc hien (?:dung |nghiem )?(?:cac |moi )?(?:quy dinh|noi quy))\b|tiep tuc hoat dong\b")
_RIGHT = re.compile(r"(?:co|duoc) quyen\b|duoc (?!giao\b|phan cong\b|uy quyen\b|phep\b)\w")  # rights or benefits, not an authorisation
_FEEDBACK = re.compile(r"(?:(?:co trach nhiem|kip thoi|can)\s+)*phan anh\b")
_EVERYONE = re.compile(r"(?:co )?lien quan|khac")
_MUST = re.compile(r"(?:phai|can)\b")  # "Các tổ chức, cá nhân có liên quan": all the text covers
_APPLICANT = re.compile(r"\b(?:de nghi|dang ky|xin|nop ho so)\b")
_ANSWERABLE = re.compile(r"(?:(?:phai|tu|hoan toan)\s+)*chiu trach nhiem\s+(?:ve|truoc)\b")  # a kind of body answerable only
_ROLE_WORDS = 12
_KIND_CHARS = 200  # a kind of body named in common words, with what qualifies it, before the bodies listed after it
# A sentence whose only predicate is answering for the text's implementation, or answering with nothing after.
_ANSWERABLE_ONLY = re.compile(r"^[^;.]{0,200}?\b(?:phai\s+)?chiu trach nhiem(?:\s+(?:truoc\s[^;.]{1,120}?\s)?(?:ve viec\s+)?"
                              r"(?:to chuc\s+)?(?:trien khai\s+)?(?:thuc hien|thi hanh)\s+(?:quy che|quy dinh|quyet dinh|nghi quyet|"
                              r"thong tu|chi thi|ke hoach)\s+nay(?:\s+trong pham vi\s[^;.]{0,80})?)?(?:\s+va bi xu ly\b[^;.]*)?\W*$")
# A right, not a duty: "có quyền" before any duty in its sentence ("Các tổ chức … có quyền được cung cấp thông tin"),
# or an item of benefits ("b) Được miễn phí sử dụng các dịch vụ … do Ủy ban nhân dân Thành phố quản lý.").
_RIGHT_HELD = re.compile(r"^(?:(?!\b(?:phai|co trach nhiem|co nghia vu|chiu trach nhiem)\b)[^;.])*?\b(?:co|duoc) quyen\b(?! han\b)"
                         r"|^duoc (?!giao\b|phan cong\b|uy quyen\b|phep\b)\w")
# A statement of what something is or means, its verb the copula: "Cục loại 1 là tổ chức thuộc bộ …", "Phát triển y tế
# số là một trụ cột …", "Dữ liệu số: Dữ liệu là yếu tố sản xuất …". Not a role in the work ("… là cơ quan đầu mối, chủ
# trì …", "… là người …", "… là đơn vị …"), nor "là" inside a phrase of the clause ("chậm nhất là", "nhất là", "với vai trò là", "yêu cầu là") or of a
# condition or topic ("Trường hợp cơ quan … là cấp trên …", "Đối với tài sản … là …").
_WHAT_IT_MEANS = re.compile(r"(?i)^(?!(?:trong\s+)?(?:trường hợp|khi|nếu|đối với)\s)(?:[^.;:]{0,60}:\s*)?"
                            r"(?P<subject>(?:(?!\b(?:nhất|vai trò|yêu cầu|tư cách|gọi tắt|viết tắt|tức)\s)[^.;:,()“”\"])*?)"
                            r"\slà\s+(?!(?:một\s+)?(?:cơ quan|đơn vị|bộ phận|người|đầu mối|thường trực|chủ trì|nơi)\b)(?P<what>\w+)")
# Who holds a power over a matter, no work given: "Các trường hợp khác do Bộ trưởng Bộ Tư pháp quyết định.", "Việc bổ
# nhiệm … do Chủ tịch Ủy ban nhân dân tỉnh quyết định theo quy định …" (a matter, then its holder and "quyết định").
# Compared with their marks: folded, "mức độ" would read "do".
_DECIDED_BY = re.compile(r"^(?P<matter>[^.;:]{2,300}?)\s(?:thì\s+)?do\s+(?P<holder>[^.;:,]{3,120}?)\s+(?:xem xét,?\s+)?"
                         r"quyết định(?!\w)[^.;:]*\W*$")
# "… do Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp quyết định": the holder's work is putting it forward
_REFERS = re.compile(r"(?<!\w)(?:trình|đề nghị|đề xuất|báo cáo|tham mưu|kiến nghị)(?!\w)")
_TIME_OPENING = re.compile(r"^(?:Sau|Trong|Trước)\s+(?:\d|quý|tháng|năm|ngày)", re.IGNORECASE)  # "Sau 03 ngày làm việc …", "Trước ngày 01 tháng 11 …"
_MAIN_CLAUSE = re.compile(r",\s+|\s+thì\s+|:\s+")  # where a leading condition may end and its main clause start
_CONDITION_CHARS = 400
_DUTY_WRITTEN = re.compile(r"(?<!\w)(?:phải|(?:có|chịu) trách nhiệm|có nhiệm vụ)(?!\w)")  # with its marks: "biệt phái" is none
_THEN = re.compile(r"\s+thì\s+")
_DOER_TOKENS = 24  # a doer's qualifier, up to what it does ("người quản lý Hệ thống … tại cơ quan, đơn vị đó")
_NAME_PUNCTUATION = ("-", "/", "(", ")", ",", "&")
_TITLE_CHARS = 160  # an article's title, and what may follow it on its line
# Words between a kind of body and its duty: adverbs that leave the duty its own ("tự", "hoàn toàn"), and words that
# make what follows no duty of the kind (a negation, a clause: "không có trách nhiệm", "khi gửi …").
_DUTY_ADVERBS = {"tự", "hoàn", "toàn", "cũng", "vẫn", "đều"}
# words that open a clause of their own inside a sentence, or say how or when ("… làm việc theo nguyên tắc tập thể")
_CLAUSE_LINKS = {"để", "thì", "nếu", "khi", "mà", "sau", "trước", "theo"}
_GOVERNING_WORDS = {"được", "bị", "do", "và", "hoặc", "hay"}  # before a name the phrase governs, no subject
_NEGATIONS = {"không", "chưa"}
_CLAUSE_WORDS = {"không", "khi", "nếu", "sau"}  # words a role may take before what it does ("Cá nhân, tổ chức đề nghị cấp phép gửi …")
_SAME_WORDS = 90  # similarity of two statements of one obligation: a word or a subject apart, no other duty
_DUTY_WORDS = 8  # words of further duties after a closing formula that make its item a task
_BLANK_TO_FILL = re.compile(r"(?:\.{3,}|…)\s*\(\d{1,2}\)|^[^.…]{0,40}:\s*[.…]{5,}")  # "Họ và tên: ……": a form's field
_HAS_QUANTITY = re.compile(r"(?:co|gom)\s+(?:(?:tu|toi thieu|toi da|it nhat|khong qua|tren|duoi)\s+)?\d")
_COPULAS = {"là": "la", "có": "co"}  # written with marks, "cơ" of "cơ quan", "cơ sở" is none
_PLURAL_KEYS = ("cac ", "tung ")
_QUALIFIER_WORDS = 16  # how far a verb clause qualifying a kind of body may reach
_ADJUNCT_OPENERS = r"ve\b|de\b|theo\b|tai\b"  # prepositions that close a noun phrase before an adjunct; folded
_BARE_LEVELS = tuple(f" {level}" for level in LOCAL_LEVELS)  # a body's level with no place after it
_LOCAL_LEVEL = re.compile(rf"^(?:{'|'.join(LOCAL_LEVELS)})(?! uy\b)\b")  # a province or city named alone, with or without its place
_LEVEL_COMMITTEES = ("tinh uy", "thanh uy")  # a party committee named by its level ("Thường trực Tỉnh ủy")
# An award quota ("Xét tối đa 2 tập thể và 4 cá nhân", "Mỗi đoàn xét chọn 01 cá nhân"): how many a body may put
# forward, no work of its own.
_QUOTA = re.compile(r"^(?:chi tieu\s+)?(?:moi\s+\w+(?:\s+\w+)?\s+)?(?:(?:xet chon|xet|chon|de nghi)\s+)?"
                    r"(?:toi da\s+|khong qua\s+)?0*\d+\s+(?:tap the|ca nhan|truong hop)\b")
_TARGET = re.compile(r"^(?:phan dau\s+)?(?:(?:co|dat)\s+)?(?:it nhat|toi thieu|tren|khoang|dat)?\s*\d+(?:[.,]\d+)?\s*%")
# Words that end a place name, compared with their marks: folded, "năm" would end "Hà Nam" too.
_PLACE_ENDS = {"về", "tại", "trong", "và", "năm", "ngày", "của", "để", "theo", "nhằm"}
_VISITED = re.compile(rf"(?i:làm việc với)\s+(?:(?i:lãnh đạo|Ban Thường vụ|Thường trực)\s+)?(?P<level>(?i:tỉnh|thành phố))(?:\s+(?i:ủy|uỷ))?\s+"
                      rf"(?P<place>[{UPPER}]\w*(?:\s+(?:[-–]\s+)?[{UPPER}]\w*){{0,4}})")
# A section of criteria, targets or scope ("Tiêu chí thi đua", "Đối tượng áp dụng"): its items say what earns an
# award or whom a rule covers; only a sentence that names a body doing something is a task.
CRITERIA = "criteria"
# A regulation's article of scope, definitions, competence or rights: provisions; only an assignment is a task.
RULES = "rules"
Section = Optional[bool | str]  # True, False, CRITERIA, RULES or None: see _section_kind
# What a law says a kind of body or person must, may or must not do.
_RULE_MODALITY = re.compile(r"(?:\w+ ){0,3}?(?:phai|duoc|khong duoc|co trach nhiem|co nghia vu|chiu trach nhiem)\b")
_OWNER = re.compile(r"\bcua\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|;|và)\s*")
_ASSIGNED_VERBS = {"giao", "phan", "uy"}  # "được giao", "được phân công", "được ủy quyền"
# Marked where the text has diacritics: "đăng ký" is no "đang", "sé" no "sẽ".
_AUTHORITY = re.compile(r"co tham quyen\b")  # "cơ quan có thẩm quyền tuyển dụng"
_TENSE_MARKS = {"đã": "da", "đang": "dang", "vừa": "vua", "sẽ": "se"}
_PAST_MARKS = ("đã", "đang", "vừa")
# A name read on into its clause ends on the clause's first word: a passive ("Công chức được | bố trí …"), a tense
# ("người đang | thực hiện …"), a modal ("Mọi người phải | có trách nhiệm …") or "thì" ("… đơn vị mới thì | việc …").
_CLAUSE_WORD_AT_END = re.compile(r"(?i)\s(?:được|bị|đã|đang|vừa|sẽ|phải|cần|thì)$")
_DECIDES = re.compile(r"^\s*(?:quyet dinh|quyet nghi)\s+(?!ve\b|viec\b)\w")
_WORD = re.compile(r"[^\W\d_]{2,}")
# How a regulation defines its roles: "(sau đây gọi tắt là đơn vị quản lý)", "1. Bên bán điện là …", "… là tổ chức thu …".
_CALLED = re.compile(r"\((?:sau đây\s+)?(?:được\s+)?(?:gọi|viết)\s+(?:tắt|chung)?\s*là\s+[“\"]?([^()“”\"]{2,60}?)[”\"]?\s*\)")
# "Trung tâm Hành động bom mìn quốc gia Việt Nam (VNMAC)": an abbreviation a text gives the body just named
_ABBREVIATED = re.compile(rf"\(\s*([{UPPER}][{UPPER}\d&-]{{1,11}})\s*\)")
_NAMED_AFTER = re.compile(r"\bcua\s|[.;:]\s")  # where the full name a short one stands for may start
_TERM = re.compile(r"^([^\W\d][^,;:()]{2,60}?)\s+là\s")
_DEFINES = re.compile(r"\bla\b")
_LIST_GOES_ON = re.compile(r",?\s*và\s+", re.IGNORECASE)  # a list going on after what qualifies its member
_QUALIFIED = re.compile(r"\s*,?\s+(?:theo (?:dung )?(?:chuc nang|tham quyen)|doi voi|can cu)\b.*$|\s*\([^()]*\)\s*$")
_POINTER_AT_END = re.compile(r"\s+(?:theo\s+)?quy định tại\s.*$", re.IGNORECASE)  # "… theo quy định tại Nghị quyết này"
_ASIDE_AT_END = re.compile(r"\s*\([^()]{1,40}\)\s*[.;]?\s*$")  # "Văn phòng (nếu có);"
_WHAT_IT_IS = re.compile(r"\s*(?:la|(?:khong )?co tu cach|khong co con dau|hoat dong theo che do)\s")
# "Điều 2. Nhiệm vụ và quyền hạn" with no holder: the duties of the body the regulation is about
_OWN_DUTIES = re.compile(r"^(?:dieu \d+ )?(?:chuc nang,? (?:va )?)?nhiem vu,? (?:va )?quyen han$")
_POSITION = re.compile(r"^(?:dieu \d+ )?vi tri,? (?:va )?chuc nang$")  # "Điều 1. Vị trí và chức năng"
_CONDITION = re.compile(r"(?i)^(?:trong\s+)?(?:trường hợp|khi|nếu)\s")  # a case a colon may close ("Trường hợp …: cơ quan …")
_DUTY_AFTER_CONDITION = re.compile(rf"\s(?:{_DUTY_NAMED})")
_PURPOSE_INSIDE = re.compile(r"(?i)\s(?:để|nhằm)\s")  # "… trên địa bàn để người dân …", not the opening "Để …,"
_CLAUSE_OPENER = re.compile(r"(?<=\s)(?:cac|de nghi|yeu cau|giao)\s")
_DUTY_OF = re.compile(r"(?i)^(?:trách nhiệm|nhiệm vụ)(?:,?\s+(?:và\s+)?(?:quyền hạn|quyền lợi|thẩm quyền))?(?:\s+cụ thể)?\s+(?:của|đối với)\s+(.+?)\s*[:.]?$")
# "Trách nhiệm các cơ quan, đơn vị …", "Trách nhiệm cá nhân trong …": the holder follows without "của"
_DUTY_UNMARKED = re.compile(r"(?i)^(?:trách nhiệm|nhiệm vụ)\s+(?!của\b|đối với\b)(.+?)\s*[:.]?$")
# "Trình tự, thủ tục bổ nhiệm … thuộc thẩm quyền quản lý của Bộ, ngành": "của" qualifies the nested phrase, no user
_NESTED_QUALIFIER = re.compile(r"\s(?:thuộc|theo|tại|về)\s", re.IGNORECASE)
_SCOPE_OF_DUTY = re.compile(r"\s+(?:trong|khi)\s+")  # "… cá nhân trong quản lý, sử dụng Hệ thống …": what the duties concern
_HEADING_QUALIFIER = re.compile(r"\s*,\s*(?:trong đó|nhất là|đặc biệt là|gồm|bao gồm)\b[^.;]*$", re.IGNORECASE)
# "Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu …):" names them before the aside
_HEADING_ASIDE = re.compile(r"\s*\(([^()]{1,200})\)\s*[:.;]?\s*$")
_MEMBERS = re.compile(r"(?i)(?:bao gồm|gồm)\s+(?!cả\b)(.+)")
_LISTS_MEMBERS = re.compile(r"(?i)\b(?:bao gồm|gồm)\s*$")  # "Các tổ chức hành nghề công chứng bao gồm: …"
_LAST_NAME = re.compile(rf"\s*(?:,|và)\s*([{UPPER}][^\s,;:]*(?:\s+[{UPPER}][^\s,;:]*){{1,4}})\s*")
# What a lead-in that only names who leads and joins is made of: its subject, "chủ trì, phối hợp với …",
# "chỉ đạo …", "theo chức năng, nhiệm vụ …" — counted in words, the rest must be more.
_COORDINATION = re.compile(r"\b(?:chu tri|phoi hop(?: chat che)?(?: voi)?|chi dao|theo chuc nang|nhiem vu|tham quyen|duoc giao|cac|va)\b")
# "… căn cứ Danh mục được công bố tại Điều 1 Quyết định này có trách nhiệm:": the grounds, then the duties below.
_DUTIES_BELOW = re.compile(r"^\s*(?:(?:can cu|tren co so)\b[^:;]{0,200}?)?(?:co|chiu) trach nhiem\s*(?:thuc hien\s*)?"
                           r"(?:cac nhiem vu sau|sau|nhu sau)?\s*:\s*$")
# "Sở X (sau đây gọi tắt là …) có trách nhiệm:", "… có quyền hạn và trách nhiệm:", "… thực hiện nhiệm vụ, quyền hạn …
# như sau:": the duties are the items below.
_DUTIES_END = re.compile(r"\b(?:co|chiu) (?:(?:quyen han|nhiem vu|quyen loi),? va )?(?:trach nhiem|nhiem vu)(?:,? quyen han)?"
                         r"(?: (?:thuc hien )?(?:cac nhiem vu sau|cac nhiem vu sau day|sau|sau day|nhu sau|cu the nhu sau))?\s*:?$"
                         # "Trung tâm X thực hiện nhiệm vụ, quyền hạn theo quy định của pháp luật về …, cụ thể như sau:"
                         r"|\bthuc hien (?:cac )?nhiem vu,? (?:va )?quyen han\b[^:;]*\bsau(?: day)?\s*:$")
_ANNOUNCE_QUALIFIER = re.compile(r"^\s*(?:(?:neu|noi) tren|tren day|co lien quan|lien quan)?\s*,?\s*(?:theo chuc nang[^,:]*(?:,\s*(?:nhiem vu|tham quyen)[^,:]*)*,?)?\s*")
_ANNOUNCED = re.compile(r"^\s*(?:(?:tap trung|khan truong|nghiem tuc|quan tam)\s+)?(?:(?:thuc hien|trien khai|chi dao|"
                        r"luu y)(?:\s+thuc hien)?\s+)?(?:tot\s+|nghiem\s+|ngay\s+)?(?:mot so|cac|nhung)?\s*(?:nhiem vu|noi dung|"
                        r"yeu cau|giai phap|cong viec|viec|bien phap)\b[^:]{0,80}(?:sau|sau day|nhu sau|cu the|gom)\s*:\s*$")
_REPORTS = re.compile(r"\bbao cao\b")
_REPORT_CHARS = 80  # a periodic report names its report after the frequency and its date ("Định kỳ hằng năm (trước ngày …) báo cáo")
# A closing paragraph's sentences and ";" clauses, each with what ends it.
_CLOSING_CLAUSE = re.compile(rf"[^;]+?(?:(?<=[^\W_]{{2}}[.])(?=\s+[{UPPER}])|;|$)")
# "… thực hiện nghiêm túc", "… khẩn trương triển khai thực hiện Kế hoạch này": the document carried out, no work named
_CARRY_OUT_ONLY = re.compile(r"^(?:(?:khan truong|nghiem tuc|kip thoi|chu dong|to chuc|trien khai|phoi hop)[\s,]+)*thuc hien"
                             r"(?:\s+(?:nghiem tuc|day du|hieu qua|kip thoi|ke hoach nay|van ban nay|cong van nay))*\W*$")
# "… kết luận như sau:", "… yêu cầu:": the issuer announces the items below; no one is assigned yet.
_ANNOUNCEMENT = re.compile(r"^\s*(?:(?:da|se)\s+)?(?:co y kien(?: chi dao)?|ket luan|chi dao|thong bao|yeu cau|de nghi|"
                           r"quyet nghi|quyet dinh|giao nhiem vu|luu y)(?:\s+(?:nhu sau|sau day|cu the(?: nhu sau)?|mot so noi dung(?: sau)?))?\s*:\s*$")


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    def alternation(kind: str, escape: bool, written: Callable[[str], str] = fold_key) -> str:
        """The kind's forms, longest first: written as ``written`` gives them (folded, or lower case with
        their marks) and escaped, or as regular expressions when ``escape`` is false."""
        forms = [written(r["pattern"]) if escape else r["pattern"] for r in records_of("cues.jsonl", kind)]
        forms.sort(key=len, reverse=True)
        return "|".join(re.escape(f).replace(r"\ ", r"\s+") if escape else f for f in forms)

    return {
        "assign": re.compile(rf"^(?:{alternation('assign', True)})(?:\s*:\s*|\s+)", re.IGNORECASE),
        "encourage": re.compile(rf"^(?:{alternation('encourage', True)})\s+", re.IGNORECASE),
        "assign_inside": re.compile(
            rf"(?:[;.:]\s+|,\s+(?:dong thoi\s+)?)(?:(?:{alternation('connective', True)})\s*,?\s+)?"
            rf"(?:{alternation('assign', True)})\s+(?=[A-Za-z])", re.IGNORECASE),
        "address": re.compile(rf"^(?:{alternation('address', True)})\s", re.IGNORECASE),  # words addressing the recipients
        "connective": re.compile(rf"^(?:{alternation('connective', True)})\s*,?\s+", re.IGNORECASE),
        "not_task": re.compile(alternation("not_task", False)),
        "closing": re.compile(alternation("closing", False)),
        # "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan … phản ánh về …": a letter's or a plan's closing,
        # but in a regulation's article a clause asking for feedback, a task
        "feedback_closing": re.compile(alternation("feedback_closing", False)),
        # "Các Bộ trưởng ... chịu trách nhiệm toàn diện trước Chính phủ về ...": accountability for
        # the obligation just given, not a new one.
        "accountability": re.compile(alternation("accountability", False)),
        # "Bộ X … chịu trách nhiệm toàn diện trước Thủ tướng về tính chính xác của số liệu.": answerable
        # for what was reported, asked to do nothing.
        "accountable_only": re.compile(alternation("accountable_only", False)),
        "provisions_above": re.compile(alternation("provisions_above", False)),
        "documents_above": re.compile(alternation("documents_above", False)),
        # "Các sở, ngành theo chức năng, nhiệm vụ được giao": a qualifier of the agencies, not a predicate.
        "qualifier": re.compile(alternation("qualifier", False)),
        # Matched with diacritics: folded, "Nêu" (raise) would read as "Nếu" (if).
        "adverbial": re.compile(rf"^(?:{'|'.join(sorted((re.escape(r['pattern']) for r in records_of('cues.jsonl', 'adverbial')), key=len, reverse=True))})[\s,]",
                                re.IGNORECASE),
        "not_predicate": re.compile(rf"^(?:{alternation('not_predicate', True)})\b"),
        "co_agency": re.compile(rf"(?<![\w])(?:{alternation('co_agency', False)})(?![\w])"),
        "task_section": re.compile(alternation("task_section", False)),
        # "III. PHÁT TRIỂN NỀN MÓNG KINH TẾ SỐ …", "2. Phương án tổ chức cấp phát": a part titled by the work it sets out
        "activity_section": re.compile(rf"^(?:[ivx]+ )?(?:{alternation('activity_section', False)})\b"),
        "criteria_section": re.compile(alternation("criteria_section", False)),
        "background_section": re.compile(alternation("background_section", False)),
        "provision_section": re.compile(alternation("provision_section", False)),
        "description_section": re.compile(alternation("description_section", False)),
        "assignment_section": re.compile(rf"^(?:dieu \d+\w? )?(?:{alternation('assignment_section', False)})\b"),
        "neutral_section": re.compile(alternation("neutral_section", False)),
        "duty_section": re.compile(alternation("duty_section", False)),
        # The verb that opens a procedure's step, with its marks ("Hội đồng tuyển dụng thông báo …").
        "step_verb": re.compile(rf"^(?:{alternation('step_verb', True, str.lower)})(?![\w])"),
        "funding_section": re.compile(rf"^(?:{alternation('funding_section', False)})\b"),
        "obligation": re.compile(rf"^(?:{alternation('obligation', True)})\b"),
        # What a role does by a regulation ("Người nộp phí nộp …", "Cơ quan tiếp nhận hồ sơ thực hiện …").
        "role_duty": re.compile(rf"^(?:{alternation('role_duty', True)})\b"),
        # With diacritics, where the text has them: "cận nghèo" is no "cần", "đăng" no "đang".
        "obligation_marked": re.compile(rf"^(?:{alternation('obligation', True, str.lower)})(?![\w])"),
        "role_duty_marked": re.compile(rf"^(?:{alternation('role_duty', True, str.lower)})(?![\w])"),
        "frequency": re.compile(rf"(?<![\w])(?:{alternation('frequency', False)})(?![\w])"),
    }


def _names(matches: Iterable[AgencyMatch]) -> list[str]:
    names: list[str] = []
    for m in matches:
        if m.canonical not in names:
            names.append(m.canonical)
    return names


@dataclass
class Draft:
    """A task before its fields are read: where it is, who, what."""

    block: Block
    agencies: Optional[list[str]]
    text: str
    co_agencies: list[str] = field(default_factory=list)
    deadline: Optional[str] = None
    recurrence: Optional[str] = None
    offset: int = 0  # where in its block the task starts (a block may hold several)
    assigned_by: str = ""  # a task table's source-document cell: the documents that gave the task


@dataclass
class Reading:
    """What a text says about who: its agencies, where its obligation starts, and whether it only
    addresses them ('Bộ X yêu cầu các cơ quan, đơn vị:')."""

    agencies: list[str]
    start: int = 0  # the task text starts here (after a label "Sở X: ")
    address_only: bool = False
    inside: bool = False  # named by an assignment inside the text ("…; giao Bộ X …"), not at its start
    addressed: bool = False  # "Đề nghị doanh nghiệp …": the letter's recipients, named by no one
    assigned: bool = False  # named as the object of "giao", "đề nghị", "yêu cầu" …, not as the subject
    # a kind of body or role opening the clause, named by what it holds or does ("Cơ quan sử dụng công chức xác
    # định …"): a doer only where the part it sits in sets out duties or a procedure
    acting: bool = False


class TaskFinder:
    """Reads the tasks of a document's body; ``nlp`` supplies the rule components (agency,
    legal-reference and deadline rulers)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.ruler = nlp.get_pipe("ccn_agency_ruler")
        self.grammar: Gazetteer = self.ruler.gazetteer
        self._issuer: Optional[str] = None
        self._default: list[str] = []
        self._recipients: list[str] = []
        self._blocks: list[Block] = []
        self._cited: list[LegalRef] = []
        self._footnotes: list[Footnote] = []
        self._mentions: list[tuple[int, str]] = []
        self._quoting: set[int] = set()
        self._letter = False
        self._lays_down_rules = False
        self._visited: dict[str, str] = {}
        self._roles: list[str] = []
        self._duty_roles: list[str] = []
        self._short_names: dict[str, LegalRef] = {}
        self._issued_title: Optional[str] = None
        self._named_in_full: dict[str, str] = {}
        self._amended: dict[int, LegalRef] = {}
        self._pointed: dict[int, list[str]] = {}
        self._regulated: Optional[str] = None
        self._folded_written = ""

    def find(self, blocks: list[Block], **context: Any) -> list[Task]:
        """The tasks of ``blocks`` (see :meth:`_find` for ``context``), the abbreviations the text gives the bodies it
        names read as those bodies."""
        abbreviated = self._bodies_abbreviated(blocks)
        with self.grammar.defining(abbreviated):
            return self._find(blocks, abbreviated, **context)

    def _find(self, blocks: list[Block], abbreviated: dict[str, str], *, source_file: str, document_key: str,
              own_ref: Optional[LegalRef], recipients: Optional[list[str]] = None,
              issuer: Optional[str] = None, footnotes: Optional[list[Footnote]] = None,
              mentions: Optional[list[tuple[int, str]]] = None, letter: bool = False,
              subject: Optional[str] = None, doers_only: bool = False, genre: Optional[str] = None) -> list[Task]:
        """The tasks of ``blocks``; ``abbreviated``: :meth:`_bodies_abbreviated`; ``mentions``: (line, marker) where
        a footnote is pointed to again; ``letter``: the document is a letter (công văn), whose answers restate the
        law; ``subject``: the document's subject (a notice of a working session names the locality its items speak
        of); ``doers_only``: the document lays down rules (a decision, resolution, decree or circular), whose tasks
        are what it tells a named doer to do, so a duty that names no one, nor under a heading naming one, is a rule
        (but for the activities of a plan the decision issues); ``genre``: the document's type, which the task
        classifier (:mod:`.task_classifier`) weighs."""
        self._issuer = issuer
        self._letter = letter
        self._lays_down_rules = doers_only
        self._visited = _visited_places(subject or "")
        self._footnotes = footnotes or []
        self._mentions = mentions or []
        self._recipients = self._recipient_agencies(recipients or [])
        self._blocks = blocks
        self._default = self._closing_addressee(blocks)
        self._roles = self._defined_roles(blocks)
        self._duty_roles = self._roles_given_duties(blocks)
        self._named_in_full = self._bodies_of_the_issuers_level(blocks) | self._bodies_called_by_head(blocks) \
            | {fold_key(short): full for short, full in abbreviated.items()}
        written = "\n".join(block.text for block in blocks)
        self._short_names = short_names(written)
        self._folded_written = fold_same_length(written).lower()
        self._issued_title = issued_title(subject or "")
        drafts: list[Draft] = []
        quoted, self._quoting = _cited_provisions(blocks)
        self._amended = _amended_documents(blocks, subject or "")
        root = outline([block for block in blocks if id(block) not in quoted])
        self._pointed = self._pointed_leads(root)
        self._regulated = self._regulated_body(root)
        self._children(root, None, drafts, preamble=any(node.marked for node in root.walk()))
        drafts = _assigned_once(_stated_once(_once(drafts, blocks, self._pointed_blocks(root))), root)
        drafts = _outside_descriptions([draft for draft in drafts if not _asks_no_work(draft.text)], root)
        drafts = [draft for draft in drafts if not self._states_competence(draft.text)]
        if (reviewer := task_classifier.active()) is not None:
            drafts = [replace(c.draft, agencies=c.agencies, text=c.text) if c.draft else Draft(c.block, c.agencies, c.text, offset=c.start)
                      for c in task_classifier.review(root, drafts, self.named, genre=genre, doers_only=doers_only,
                                                      reviewer=reviewer)]
        elif doers_only:
            # a plan the decision issues or approves is read as a plan: in its part of tasks or solutions, an
            # activity that names no one is a task of no one named
            activities = self._issued_plan_activities(root)
            drafts = [draft for draft in drafts
                      if draft.agencies or draft.agencies == [] and id(draft.block) in activities]
        drafts.sort(key=lambda d: (d.block.line_start, d.offset))
        drafts = [replace(draft, agencies=[self._kind_in_full(name, draft.block.text) for name in draft.agencies])
                  if draft.agencies else draft for draft in drafts]
        drafts = self._named_as_usual(drafts)
        if doers_only:
            fields = self._fields_regulated(blocks, subject or "")
            drafts = [self._named_with_its_field(draft, fields) for draft in drafts]
        docs = self.nlp.pipe(d.text for d in drafts)
        tasks: list[Task] = []
        seen_refs: list[LegalRef] = []
        # Every document the body cites, so a short citation ("Nghị quyết 347") finds its number.
        self._cited = [ref for block in blocks for _, _, ref, anaphora in legal_matcher().find(block.text) if not anaphora]
        seen_ids: dict[str, int] = {}
        for draft, doc in zip(drafts, docs):
            task = self._task(draft, doc, source_file, document_key, own_ref, seen_refs)
            count = seen_ids.get(task.id, 0)
            seen_ids[task.id] = count + 1
            if count:
                task.id = f"{task.id}-{count + 1}"
            tasks.append(task)
        return tasks

    # -- the tree ---------------------------------------------------------------------------

    def _children(self, node: Node, inherited: Optional[list[str]], out: list[Draft], preamble: bool = False,
                  section: Section = None) -> None:
        """Tasks of ``node``'s children, row by row: items, then the plan lines that describe them.
        ``preamble``: the document's items have not started yet (background, unless it assigns);
        ``section``: True in a section of tasks ("Nhiệm vụ và giải pháp"), where an item that names no
        one is still a task; False in a section of background ("Mục đích, yêu cầu", "Quan điểm"), where
        only an item that assigns ("Giao …", "Đề nghị …") is; CRITERIA in one of criteria or scope ("Tiêu chí
        thi đua"), where an item that names its own subject is too; RULES in a regulation's article of scope,
        definitions, competence or rights, where only an item that assigns is, and not the items under a rule."""
        # The items start at the first marked child, or at the lead-in that holds them ("QUYẾT NGHỊ:").
        first_item = next((i for i, c in enumerate(node.children)
                           if c.marked or c.style == "row" or any(g.marked for g in c.children)), len(node.children))
        items: list[tuple[int, Node]] = []
        fields: list[Node] = []

        def flush() -> None:
            if fields:
                self._segment(node, [item for _, item in items], fields, inherited, out)
            else:
                for index, item in items:
                    self._node(item, inherited, out, preamble=preamble and index < first_item, section=section)
            items.clear()
            fields.clear()

        for index, child in enumerate(node.children):
            if child.style == "row":
                flush()
                self._row(child, inherited, out)
            elif child.plan:
                fields.append(child)
            else:
                if fields:
                    flush()
                items.append((index, child))
        flush()

    def _segment(self, parent: Node, items: list[Node], fields: list[Node], inherited: Optional[list[str]],
                 out: list[Draft]) -> None:
        """Items and the plan lines after them: the lines' lead, co-agencies and time go to the items,
        or to the parent when the lines come first (the parent is the activity)."""
        values = self._field_values(fields)
        if not {"lead", "co", "time", "content"} & set(values):
            for item in items:
                self._node(item, inherited, out)
            return
        content = [f for f in fields if f.plan == "content"]
        drafts: list[Draft] = []
        lead_value = values.get("lead")
        lead = self._lead_cell(lead_value[0]) if lead_value else []
        lead_block = lead_value[1] if lead_value else None
        if lead and lead_block is not None and self._has_predicate(lead_value[0][lead[-1].end:]):
            # "Cơ quan thực hiện: Sở A rà soát …; các sở, ngành … rà soát …": the line itself assigns the
            # work, clause by clause, in place of the row's content.
            for start, end, names in self._clause_obligations(lead_value[0]):
                drafts.append(Draft(lead_block, names, lead_value[0][start:end].strip(" ;")))
        else:
            texts: list[tuple[Block, str]] = []
            for item in content:
                if item.value:
                    texts.append((item.block, item.value))
                texts.extend((child.block, child.body) for child in item.children if not child.plan and child.block)
            agencies = _names(lead) or inherited
            if not texts:
                if items and not (parent.block is not None and all(item.body.endswith(":") for item in items)):
                    for item in items:  # each item, of the lead line's agencies unless it names its own
                        if any(child.plan or self._read(child.body) is not None for child in item.children):
                            # an item with its own plan lines, or whose sub-items name their bodies: read it whole
                            self._node(item, agencies, out)
                            continue
                        reading = self._read(item.body) if not lead else None
                        own = reading.agencies if reading is not None and reading.agencies else agencies
                        drafts.append(Draft(item.block, own, self._with_list(item)[reading.start if reading and own is not agencies else 0:]))
                elif parent.block is not None:
                    # The activity's title is its obligation ("Các hoạt động gồm: + …" lists its parts).
                    texts = [(parent.block, " ".join([parent.body] + [self._with_list(item) for item in items]))]
            for block, text in texts:
                drafts.append(Draft(block, agencies, text))
        co = self.grammar.find(values["co"][0]) if "co" in values else []
        time = values["time"][0].rstrip(" .;") if "time" in values else None
        for draft in drafts:
            draft.co_agencies = _names(co)
            if time:
                _set_time(draft, time)
        out.extend(drafts)

    def _lead_cell(self, cell: str) -> list[AgencyMatch]:
        """The bodies a lead cell or plan line names. A name the grammar cut short runs on to the cell's end
        when only a name's words follow ('Ban Quản lý' + 'các khu công nghệ cao và khu công nghiệp')."""
        found = self.grammar.match_start(cell, subject=True)
        if not found:
            return found
        after = cell[found[-1].end:]
        if (qualifier := _cues()["qualifier"].match(fold_same_length(after).lower())) \
                and (more := _LIST_GOES_ON.match(after, qualifier.end())):
            # "Sở A, các sở, ngành trong phạm vi chức năng, nhiệm vụ của mình và các cơ quan liên quan": the list goes on
            start = found[-1].end + more.end()
            found = found + [AgencyMatch(start + m.start, start + m.end, m.canonical)
                             for m in self.grammar.match_start(cell[start:], subject=True)]
        return self._named_to_end(found, cell)

    def _named_to_end(self, found: list[AgencyMatch], text: str) -> list[AgencyMatch]:
        """``found`` (the bodies ``text`` opens with) when ``text`` is a title, cell or label that only names a body:
        the name the grammar cut short runs on to its end when only a name's words follow ('Ban Quản lý' + 'các khu
        công nghệ cao và khu công nghiệp', 'Trung tâm Xúc tiến' + 'đầu tư, thương mại và du lịch') or the parent the
        unit belongs to ('… thuộc Sở Khoa học và Công nghệ'), as the text writes the name."""
        last = found[-1]
        rest = text[last.end:].rstrip(" .;:")
        toks = tokens(rest)
        if rest[:1] != " " or not toks or fold_key(last.canonical).startswith("cac "):
            return found
        parent = 2 if [t.key for t in toks[:2]] == ["truc", "thuoc"] else 1 if toks[0].key == "thuoc" else 0
        name_words = not toks[0].capital and all(t.word for t in toks) and not any(
            self.grammar.predicates.match(toks, k) or k and self.grammar.stops.match(toks, k) for k in range(len(toks)))
        if not (name_words or self.grammar.closed_by_end(toks, 0)
                or parent and len(toks) > parent and len(self.grammar.whole(rest[toks[parent].start:])) == 1):
            return found
        written = " ".join(text[last.start:last.end].split())
        # a known name goes on in the text's words, not the gazetteer's ("Ngân hàng nhà nước khu vực XII"), unless they
        # abbreviate it ("Sở NN&MT")
        spelled = not any(sum(c.isupper() for c in t.text) > 1 or "&" in t.text for t in tokens(written))
        head = written if spelled and self.grammar.canonical.get(fold_key(written)) == last.canonical else last.canonical
        name = self.grammar.spelled_out(f"{head} {' '.join(rest.split())}")
        return found[:-1] + [AgencyMatch(last.start, last.end + len(rest), name)]

    def _field_values(self, fields: list[Node]) -> dict[str, tuple[str, Optional[Block]]]:
        """Each plan line's value; a line with no value ('b) Cơ quan thực hiện:') gives its sub-lines."""
        values: dict[str, tuple[str, Optional[Block]]] = {}
        for node in fields:
            lines = [node] if node.value or not node.children else [c for c in node.children if c.plan]
            for line in lines:
                if line.plan and line.plan not in values and (line.value or line.plan == "content"):
                    values[line.plan] = (line.value, line.block)
        return values

    def _with_list(self, node: Node, skip_fields: bool = False) -> str:
        """A node's text with the '+' or '-' list under it ('Các nội dung gồm: + …; + …')."""
        parts = [node.body]
        for child in node.children:
            if child.plan and skip_fields:
                continue
            if child.block is not None and not child.plan:
                parts.append(child.block.text.strip())
        return " ".join(parts)

    def _row(self, row: Node, inherited: Optional[list[str]], out: list[Draft]) -> None:
        """A task table's row: its task cell with the lead, co-agency, time and source cells (none when the task
        cell holds only a body's name: the columns are not the ones the header named). A lead cell made of
        assignments with their own subjects ("Sở A chủ trì …; các sở, ngành thực hiện …") gives a task per
        assignment, in place of the task cell."""
        if row.block is None or self.grammar.whole(row.body):
            return
        cell = row.cells.get("lead", "")
        lead = self._lead_cell(cell) if cell else []
        clauses = self._clause_obligations(cell) if self._assigns(cell) else []
        if len(clauses) > 1 and self._assigns(cell[:clauses[0][1]]):
            drafts = [Draft(row.block, names, cell[start:end].strip(" ;.")) for start, end, names in clauses]
        else:
            text = row.body
            if lead and (reading := self._read(text)) is not None and reading.start \
                    and text[:reading.start].rstrip().endswith(":"):
                text = text[reading.start:]  # "Các thành phố …: Rà soát …" under the lead naming them: the work after the label
            drafts = [Draft(row.block, self._qualified_cell(lead, cell) or _names(lead) or inherited, text)]
        for draft in drafts:
            if row.cells.get("co"):
                draft.co_agencies = _names(self.grammar.find(row.cells["co"]))
            if time := row.cells.get("time", "").rstrip(" .;"):
                _set_time(draft, time)
            draft.assigned_by = row.cells.get("source", "")
        out.extend(drafts)

    def _qualified_cell(self, lead: list[AgencyMatch], cell: str) -> Optional[list[str]]:
        """A lead cell that names one kind of body with what qualifies it ("Các địa phương có đảo", "Các địa phương
        chủ trì"): the whole cell, which names no work of its own."""
        rest = " ".join(cell[lead[-1].end:].split()).rstrip(" .;:") if len(lead) == 1 else ""
        toks = tokens(rest)
        if not toks or not self.grammar.is_generic(lead[0].canonical) \
                or not all(t.word and not t.capital for t in toks) or len(toks) > _QUALIFIER_WORDS:
            return None
        return [f"{lead[0].canonical} {rest}"]

    def _assigns(self, clause: str) -> bool:
        """The clause names bodies and what they do ("Sở A chủ trì …"), not bodies alone ("Sở A; Sở B")."""
        lead = self._lead_cell(clause)
        return bool(lead) and self._has_predicate(clause[lead[-1].end:])

    def _node(self, node: Node, inherited: Optional[list[str]], out: list[Draft], preamble: bool = False,
              section: Section = None) -> None:
        """Tasks of one node and of the nodes under it."""
        if node.block is None or node.plan:
            return
        inherited = self._pointed.get(id(node), inherited)
        text = node.body
        if not text:
            self._children(node, inherited, out, section=section)
            return
        outer = section
        if node.heading_like and (len(text.split()) <= _SECTION_TITLE_WORDS or node.style == "article"):
            section = _section_kind(text, section, article=node.style == "article")
        if node.style == "article" and section is True:
            section = None  # a regulation's article ("Kinh phí thực hiện nhiệm vụ …"): its clauses name who, or are rules
        has_fields = any(child.plan for child in node.children)
        reading = self._read(text)
        if reading is None and node.marked:
            reading = self._run_in_reading(text)
        if node.continuation and (reading is None or not reading.agencies):
            if not self._opens_with_verb(text):
                # a paragraph going on with the item before it ("Trường hợp …", "Việc …"): only its later
                # sentences with subjects of their own are tasks
                self._emit(node, None, text, 0, out)
                return
            # "Định kỳ báo cáo …" after "1. Các cơ quan … xây dựng Kế hoạch …": more work of that item's bodies
            inherited = self._item_agencies(node) or inherited
        if reading is not None and reading.acting and (inherited or node.heading_like or not _in_duty_part(node)):
            reading = None  # "Người học theo chế độ cử tuyển …" under "Các trường hợp …": who a rule is about
        if reading is not None and not reading.assigned and self._states_a_rule(text[reading.start:], reading.agencies):
            reading = None  # "Cơ sở kinh doanh phải lập hồ sơ khai thuế riêng …": the law restated, no one assigned
        if reading is not None and reading.assigned and _in_article(node) \
                and _cues()["encourage"].match(fold_same_length(text[reading.start:])):
            # "Khuyến khích các cơ quan …" in a regulation's article: a permission it grants, no duty
            self._children(node, inherited, out, section=section)
            return
        if reading is not None and (reading.inside or reading.addressed) and inherited and self._under_body(node):
            reading = None  # under a body's heading, "… yêu cầu các đơn vị …" is part of that body's task
        elif reading is not None and reading.assigned and inherited and _REQUEST.match(text) and self._under_duties(node):
            reading = None  # "Đề nghị Chủ tịch Ủy ban nhân dân tỉnh quyết định …" among a body's duties: what it proposes
        elif reading is not None and reading.assigned and inherited and _less_specific(reading.agencies, inherited):
            reading.agencies = inherited  # "Khuyến khích các doanh nghiệp …" under "Các doanh nghiệp thứ cấp …"
        if not node.heading_like and not node.children and (len(_WORD.findall(text)) < 2 or self.grammar.whole(text)
                                                             or len(text) < 80 and _ASIDE_AT_END.search(text)
                                                             and self.grammar.whole(_ASIDE_AT_END.sub("", text))):
            return  # a table's stray cell ("STT", "30/06/2025", a body's name, "Thanh tra (nếu có);") assigns nothing
        if reading is None and _WHAT_IT_IS.search(fold_same_length(text[:120]).lower()) and (end := self._kind_end(text)) \
                and _WHAT_IT_IS.match(fold_same_length(text[end:]).lower()):
            # "Cục là tổ chức thuộc bộ …", "Vụ không có tư cách pháp nhân": what a body is, under its heading too
            self._children(node, inherited, out, section=section)
            return
        if reading is None and _RIGHT.match(fold_key(text)):
            self._children(node, inherited, out, section=section)
            return  # "e) Có quyền thu hồi …", "b) Được miễn phí …": what its holder may do or is given, no duty
        if _BLANK_TO_FILL.search(text):
            return  # a form's wording, its blanks to fill ("Điều 2. ....(7) có trách nhiệm …"), assigns no one yet
        if any(_QUOTA.match(fold_same_length(part).strip().lower()) for part in (text, text.partition(":")[2])):
            return  # "Sở X: Xét tối đa 2 tập thể và 4 cá nhân": how many it may put forward for an award
        if reading is None and (lead := self.ruler.match_start(text, fuzzy=False, subject=True)) \
                and _states(text[lead[-1].end:]) and not (self._lays_down_rules and _WILL.match(text[lead[-1].end:].strip())):
            # "Bộ Nội vụ sẽ tổng hợp …", "Tỉnh X đã tổ chức …": what a body did or will do, not what it must;
            # a later sentence may still assign
            self._emit(node, None, text, 0, out)
            self._children(node, inherited, out, section=section)
            return
        criteria = outer is CRITERIA and section is CRITERIA and (reading is None or not reading.assigned)
        if criteria and node.heading_like and (_TOPIC.match(text) or text.endswith(":")):
            # "a) Đối với tập thể:", "Các cơ quan, đơn vị … được phân công tham gia …:": whom the criteria below are for
            self._children(node, None, out, section=section)
            return
        if (node.heading_like or node.marked and node.children and text.endswith(".") and len(text.split()) <= 12) \
                and (named := self._heading_agencies(text) or node.style == "article" and self._user_in_title(text)):
            self._children(node, named, out, section=section)  # "1. Sở Công Thương", "Các tổ chức chính trị - xã hội:"
            return
        if reading is not None and reading.address_only:
            self._children(node, reading.agencies or inherited, out, section=None if reading.agencies else section)
            return
        folded = fold_key(text)
        if reading is not None and reading.assigned:
            # "… Đề nghị Thuế tỉnh X rà soát …. Cục Thuế trả lời để … biết./.": a closing run on after an assignment
            # leaves the assignment a task, unless the assignment is itself the closing
            assignment = fold_key(_first_sentence(text[reading.start:]))
            if not _cues()["not_task"].search(assignment) and not _closing(assignment, node):
                # "Quyết định này có hiệu lực … . Giao Sở X …": what comes before a later sentence's assignment is no part of it
                folded = assignment if reading.inside else fold_key(text[:reading.start]) + " " + assignment
        if self._closing_paragraph(node, text, out):
            return
        if not self._among_body_items(node) and (
                _cues()["not_task"].search(folded) and not _duties_after_closing(text) or node.style == "plain" and (
                _closing(folded, node) or text.startswith("(") and text.endswith(")"))):
            self._children(node, inherited, out, section=section)
            return
        if id(node.block) in self._quoting and (reading is None or not reading.assigned):  # it only cites
            self._children(node, inherited, out, section=section)
            return
        if has_fields:  # a plan activity: its lines make its tasks
            self._children(node, reading.agencies if reading is not None else inherited, out, section=section)
            return
        if preamble and (reading is None or not reading.assigned):
            self._children(node, inherited, out)
            return
        # a title, or a bare lead-in ("2. Vụ Tổ chức cán bộ có trách nhiệm" + "a) …", with its colon or without)
        title = node.heading_like and node.children and (reading is None and (
            not text.endswith(":") or self.grammar.predicates.match(tokens(text), 0) is None
            or self._names_its_recipient_only(text) and self._under_duties(node)
            or self._titles_plan_activities(node, section))
            or reading is not None and (text.endswith(":") and not _has_substance(text[reading.start:])
                                        or _DUTIES_END.search(fold_same_length(text).lower())))
        agencies = reading.agencies if reading is not None else inherited
        if section in (False, RULES) and (reading is None or not reading.assigned) \
                or (section is CRITERIA or _TARGET.match(fold_same_length(text).lower())) and (reading is None or not reading.agencies) \
                or criteria and _TOPIC.match(text):
            # purpose and background ("Mục đích, yêu cầu", "Quan điểm"), criteria, and a target ("Ít nhất 85% người
            # hưởng trợ cấp mở tài khoản …") assign no one
            agencies = None
        elif agencies is None and section is True:
            # An activity that names no one: the bodies its quantities are shared out to ("58 trạm (Trong đó:
            # VNPT: 25 trạm, Viettel: 33 trạm)"), the document's addressee, or no one.
            agencies = _quantity_holders(text) or list(self._default)
        if not title and node.children and self._lists_what_its_task_is_about(node, text):
            # "Nghiên cứu, triển khai … như:" + "- Hệ thống …": the examples, or the contents, belong to the task that
            # lists them.
            self._emit(node, agencies, self._with_list(node), reading.start if reading is not None else 0, out, preamble)
            return
        if not title:
            self._emit(node, agencies, text, reading.start if reading is not None else 0, out, preamble)
        if criteria or section is RULES and (reading is None or not reading.assigned):
            # criteria go on below a criterion naming its holder, rules below a rule ("1. Chủ tịch … phê duyệt …:")
            self._children(node, None, out, section=section)
        elif reading is not None:
            self._children(node, reading.agencies, out)
        else:
            self._children(node, inherited, out, section=section)

    def _titles_plan_activities(self, node: Node, section: Section) -> bool:
        """A lead-in of a plan's part of tasks that names no one and heads the activities below it ("a) Xây dựng,
        phát triển các nền tảng quản trị …:" / "- Hoàn thiện …", "Đào tạo và bồi dưỡng:" / "- Tổ chức …"): a title
        of those activities, which are the tasks, not an obligation of its own. Under a body's heading it is that
        body's lead-in; over examples, things or targets ("… như:" / "- Hệ thống …", "(2) Ít nhất 85% …") it is the
        only work there is."""
        items = [child for child in node.children if not child.plan]
        return section is True and node.body.endswith(":") and not self._under_body(node) \
            and not self._lists_what_its_task_is_about(node, node.body) \
            and any(self.grammar.predicates.match(tokens(item.body), 0) is not None for item in items) \
            and not any(_TARGET.match(fold_same_length(item.body).lower()) for item in items)

    def _lists_what_its_task_is_about(self, node: Node, text: str) -> bool:
        """Whether a lead-in's items belong to its task: examples after "như:", the contents it lists ("… gồm những
        nội dung sau:"), where an item does not start with what to do; or the things a list it announces holds
        ("Hồ sơ kiểm tra gồm có các văn bản, tài liệu sau đây:", "Một số nội dung chính … như sau:"), where its items
        name no doer, no duty and no list of their own and are no work it announces ("… các công việc sau đây:")."""
        folded = fold_same_length(text).lower()
        contents = _EXAMPLES.search(text) or _CONTENTS.search(folded)
        listed = _LIST_ANNOUNCED.search(folded)
        if not contents and not listed and not folded.endswith("nhu sau:"):
            return False
        led = [bool(self.grammar.predicates.match(tokens(child.body), 0)) for child in node.children]
        if contents:
            return not all(led)
        # "như sau:" also announces duties, so only items none of which starts with a predicate are things
        return not (all(led) if listed else any(led)) and not _WORK_LISTED.search(folded) \
            and not any(self._read(child.body) or child.children or _DUTY_WORD.search(fold_same_length(child.body).lower())
                        for child in node.children)

    def _closing_paragraph(self, node: Node, text: str, out: list[Draft]) -> bool:
        """The body's closing paragraph ("… thực hiện./." after the last section), read clause by clause when one
        of its clauses is a closing formula: that and the requests for feedback ask for nothing of their own. A
        clause that gives one named body work ("…; trường hợp vượt thẩm quyền, Sở X tổng hợp báo cáo …") is its
        task, and a periodic report ("Định kỳ hằng năm (trước ngày 30/11) báo cáo …") the task of the bodies the
        closing addresses; a conditional clause addressed to a collective is feedback. True when it was so read."""
        if node.style != "plain" or node.parent is None or node.parent.style != "root" or not text.rstrip().endswith("/."):
            return False
        clauses = [(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.group(0).strip())
                   for m in _CLOSING_CLAUSE.finditer(text) if m.group(0).strip()]
        readings = [self._read(clause) for _, clause in clauses]
        closings = [self._is_closing_clause(clause, reading, node) for (_, clause), reading in zip(clauses, readings)]
        if not any(closings):
            return False
        addressees: Optional[list[str]] = None
        for (start, clause), reading, closing in zip(clauses, readings, closings):
            named = reading.agencies if reading is not None and reading.agencies else None
            if closing:
                addressees = named or addressees
                continue
            opening = fold_same_length(clause).lower()
            conditional = bool(_CONDITION.match(clause) or opening.startswith("trong qua trinh"))
            if named and not (conditional and any(fold_key(name).startswith(_PLURAL_KEYS) for name in named)):
                out.append(Draft(node.block, named, clause.removesuffix("/.").rstrip(" ;"), offset=start))
            elif named is None and addressees and _cues()["frequency"].match(opening) and _REPORTS.search(opening[:_REPORT_CHARS]):
                out.append(Draft(node.block, addressees, clause.removesuffix("/.").rstrip(" ;"), offset=start))
        return True

    def _is_closing_clause(self, clause: str, reading: Optional[Reading], node: Node) -> bool:
        """A closing formula, a request for feedback, or a request to carry out the document and nothing more
        ("Yêu cầu các sở, ngành … thực hiện nghiêm túc"); ``reading`` is the clause's."""
        folded = fold_key(clause)
        if _closing(folded, node) or _cues()["feedback_closing"].search(folded) or _cues()["not_task"].search(folded):
            return True
        found = self.grammar.find(clause)
        return reading is not None and bool(reading.agencies) and bool(found) and bool(
            _CARRY_OUT_ONLY.match(fold_same_length(clause[found[-1].end:]).lower().strip()))

    def _emit(self, node: Node, agencies: Optional[list[str]], text: str, start: int, out: list[Draft],
              preamble: bool = False) -> None:
        """The node's task from ``start`` (when it has agencies), split where a later sentence has an
        obligation of its own, which is a task even when the node's first sentence is none, and at each item of an
        enumeration run into the text ("…: (1) trình …; (2) Sở X chủ trì …"): an item is a task of its own subject,
        or of the bodies the text before it names. A lead-in that names no one over items that each name their own
        subject is their title, no task."""
        # in the node's own paragraph: a list under it joined to its task ("… đối với:" / "a) …" / "b) …") stays there
        items = self._inline_items(text, start, len(node.body))
        if not items:
            self._emit_span(node, agencies, text, start, (0, len(text)), out, preamble)
            return
        lead_in = text[start:items[0][0]]
        if lead_in.strip() and (self._read(lead_in) is not None or not all(names for _, _, _, names in items)):
            self._emit_span(node, agencies, text, start, (0, items[0][0]), out, preamble)
        for _, content, end, names in items:
            self._emit_span(node, names or agencies, text, content, (content, end), out, preamble)

    def _run_in_reading(self, text: str) -> Optional[Reading]:
        """An item whose title runs into its text on the same line ("2. Hoàn thiện thể chế: Các bộ khẩn trương trình
        …"): a title that names work and no one, then a sentence that opens with its own subject, whose task it is.
        A regulation's provision titled so states a rule ("1. Tạm dừng hộp thư: Các cơ quan … vi phạm …, Sở X …")."""
        label = _ITEM_LABEL.match(text)
        if label is None or self._lays_down_rules or not text[label.end():][:1].isupper() \
                or self.grammar.find(label.group(1)) or not self._opens_with_verb(label.group(1)):
            return None
        inner = self._read(text[label.end():])
        if inner is None or not inner.agencies or inner.start or inner.inside or inner.address_only:
            return None
        return replace(inner, start=label.end())

    def _inline_items(self, text: str, start: int, stop: int) -> list[tuple[int, int, int, Optional[list[str]]]]:
        """The items of an enumeration run into ``text`` between ``start`` and ``stop`` ("(1) …; (2) …", "a) …;
        b) …", each marker opening the text or after a colon, semicolon or full stop): (marker, content start, end,
        the item's own subject) for each, when there are two or more and each opens with what to do or with a subject
        of its own. A list of things ("các Luật: (1) Luật A; (2) Luật B") or of findings is none."""
        markers: list[re.Match[str]] = []
        for marker in _INLINE_ITEM.finditer(text, start, stop):
            kind = "letter" if marker.group("letter") else "number"
            following = LIST_LETTERS[len(markers):][:1] if kind == "letter" else str(len(markers) + 1)
            # the next item in the style the enumeration opened with
            if marker.group(kind) == following and (not markers or markers[0].group(kind)) and (
                    not text[start:marker.start()].strip() or text[:marker.start()].rstrip()[-1:] in (":", ";", ".")):
                markers.append(marker)
        if len(markers) < 2:
            return []
        items = []
        for marker, end in zip(markers, [m.start() for m in markers[1:]] + [len(text)]):
            content = text[marker.end():end]
            reading = self._read(content)
            names = reading.agencies if reading is not None and reading.start == 0 and not reading.inside \
                and not reading.address_only else None
            if not names and not self._opens_with_verb(content):
                return []
            items.append((marker.start(), marker.end(), end, names or None))
        return items

    def _emit_span(self, node: Node, agencies: Optional[list[str]], text: str, start: int, bounds: tuple[int, int],
                   out: list[Draft], preamble: bool = False) -> None:
        """:meth:`_emit` within ``bounds`` of ``text`` (the whole text, or one item), its offsets kept in the text."""
        first, stop = bounds
        # A closing formula OCR ran on into the item before it ("… năm 2025. Ủy ban nhân dân tỉnh đề nghị các
        # cơ quan nghiêm túc triển khai thực hiện …") is no task, as it is none on its own line.
        # A sentence after a clause that names the bodies of the task before it ("Trường hợp phát sinh vướng
        # mắc, đề nghị Thuế tỉnh X báo cáo …") is that obligation's fallback.
        later: list[tuple[int, list[str]]] = []
        running = agencies
        # in a part titled by duties or a procedure, a later sentence may open with a doer named by its function
        by_function = not node.heading_like and _in_duty_part(node)
        for cut, names, assigned, framed in self._later_obligations(text[:stop], by_function=by_function):
            if cut < first:
                continue
            # "…; Sở Tài chính bố trí kinh phí …": a clause with a subject of its own, not the same body going on
            new_subject = not text[:cut].rstrip().endswith(";") or running is not None and names != running
            if cut != start and new_subject and (assigned or not preamble and not self._is_issuer(names)) \
                    and not (framed and names == running) \
                    and not _closing(fold_key(_first_sentence(text[cut:])), node):
                later.append((cut, names))
                running = names
        cuts = sorted([cut for cut, _ in later] + [stop])
        if agencies is not None:
            end = next(cut for cut in cuts if cut > start)
            if text[start:end].strip() and not _cues()["accountable_only"].match(fold_same_length(text[start:end].strip()).lower()):
                out.append(Draft(node.block, agencies, text[start:end].strip(), offset=start))
        for cut, names in later:
            end = next(c for c in cuts if c > cut)
            out.append(Draft(node.block, names, text[cut:end].strip(), offset=cut))

    def named(self, node: Node) -> tuple[Optional[list[str]], int, Optional[str]]:
        """The agencies ``node`` names, where its task text starts, and how it names them: "heading" (the bodies
        a heading consists of), "subject", "assigned" ("Giao Sở X …"), or "mentioned" (the first sentence
        names them where the rules read no subject: "Trong thời hạn 05 ngày …, Phòng Kinh tế thẩm định …")."""
        if node.heading_like and (bodies := self._heading_agencies(node.body)):
            return bodies, 0, "heading"
        if (reading := self._read(node.body)) is not None and reading.agencies:
            return reading.agencies, reading.start, "assigned" if reading.assigned else "subject"
        mentioned = _names(self.grammar.find(_first_sentence(node.body)))
        return (mentioned, 0, "mentioned") if mentioned else (None, 0, None)

    def _opens_with_verb(self, text: str) -> bool:
        """The text opens with a verb, or with a time or frequency word and a verb ('Định kỳ báo cáo …')."""
        toks = tokens(text[:60])
        start = 0
        if (frequency := _cues()["frequency"].match(fold_same_length(text[:30]).lower())) is not None:
            start = len(tokens(text[:frequency.end()]))
        return self.grammar.predicates.match(toks, start) is not None

    def _item_agencies(self, node: Node) -> list[str]:
        """The agencies of the list item a continuing paragraph goes on with."""
        siblings = node.parent.children if node.parent is not None else []
        item = next((s for s in reversed(siblings[:siblings.index(node)]) if s.marked), None)
        reading = self._read(item.body) if item is not None else None
        return reading.agencies if reading is not None else []

    def _pointed_leads(self, root: Node) -> dict[int, list[str]]:
        """The parts of a plan its organisation assigns by pointing to them ("3. Sở Nông nghiệp và Môi trường" /
        "Chủ trì triển khai các nhiệm vụ tại mục (IV) (1) của Kế hoạch.", or written out: "… các nhiệm vụ quy định tại
        các mục 1, 2 Phần III …"): the pointing body, by the id of each
        part pointed to, leads the items there that name no one."""
        pointed: dict[int, list[str]] = {}
        for node in root.walk():
            if node.block is None or not (paths := _pointed_paths(node.body)):
                continue
            reading = self._read(node.body)
            lead = reading.agencies if reading is not None and reading.agencies else next(
                (bodies for parent in node.ancestors()
                 if parent.heading_like and (bodies := self._heading_agencies(parent.body))), None)
            if lead:
                for part in (part for path in paths for part in _parts_pointed(root, path)):
                    pointed.setdefault(id(part), lead)
        return pointed

    def _issued_plan_activities(self, root: Node) -> set[int]:
        """The blocks of the parts that list the work of a plan, programme or scheme the decision issues or approves
        ("II. NHIỆM VỤ, GIẢI PHÁP", "III. GIẢI PHÁP"; not its "Nội dung", which describes the plan), where an activity
        that names no one is a task; none when the plan has a task table, whose rows restate the activities with
        their leads in words of their own."""
        if not (self._issued_title or "").startswith(_PLAN_KINDS) or any(node.style == "row" for node in root.walk()):
            return set()
        return {id(node.block) for part in root.walk()
                if part.block is not None and part.heading_like and len(part.body.split()) <= _SECTION_TITLE_WORDS
                and _TASKS_PART.search(fold_key(part.body)) for node in part.walk() if node.block is not None}

    def _pointed_blocks(self, root: Node) -> dict[int, list[str]]:
        """The lead each block of a pointed part takes from the pointer alone, by the block's id."""
        return {id(n.block): lead for part in root.walk() if (lead := self._pointed.get(id(part)))
                for n in part.walk() if n.block is not None}

    def _under_body(self, node: Node) -> bool:
        """``node`` stands under a heading that names a body ("1. Sở Y tế") or a lead-in it is the subject of
        ("Bộ Tài chính chủ trì, phối hợp …:"), whose items are that body's doing; not under the issuer's
        lead-in ("… yêu cầu các bộ, ngành:"), whose items it still speaks."""
        for parent in node.ancestors():
            if parent.heading_like and self._heading_agencies(parent.body):
                return True
            if (reading := self._read(parent.body)) is not None and reading.agencies:
                return not reading.assigned
        return False

    def _among_body_items(self, node: Node) -> bool:
        """``node`` opens the items under a heading that names a body ("3. Sở Văn hóa, Thể thao và Du lịch" / "Định
        hướng … nội dung Kế hoạch này.") or has another after it: that body's work, whatever document it names or
        whoever it lets know, not the text's closing, which comes after the sections."""
        parent = node.parent
        return parent is not None and parent.block is not None and parent.heading_like \
            and (parent.children[0] is node or parent.children[-1] is not node) and bool(self._heading_agencies(parent.body))

    def _names_its_recipient_only(self, text: str) -> bool:
        """A verb and the body it is addressed to, nothing more ("Trình Ủy ban nhân dân tỉnh:"): its items say what."""
        toks = tokens(text)
        verb = self.grammar.predicates.match(toks, 0)
        return verb is not None and 0 < verb[0] < len(toks) and bool(self.grammar.whole(text[toks[verb[0]].start:].rstrip(" :")))

    def _under_duties(self, node: Node) -> bool:
        """``node`` stands under a regulation's title naming whose duties its items are ("Trách nhiệm của Sở X",
        "Nhiệm vụ và quyền hạn")."""
        return self._lays_down_rules and any(parent.heading_like and self._duty_holder(parent.body) for parent in node.ancestors())

    def _heading_agencies(self, text: str) -> Optional[list[str]]:
        """The bodies a heading consists of ('Sở Công Thương', 'Đối với các địa phương:', 'Các Sở Y tế
        nêu trên')."""
        meant = self._addressees_meant(text)
        if meant and not text[meant[-1].end:].strip(" .:;"):
            return _names(meant)
        # "Chủ tịch Ủy ban nhân dân các tỉnh …, trong đó trọng tâm là các tỉnh: …" names its body first,
        # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo" too; "Trách nhiệm của Sở Y tế" names it after.
        text = _HEADING_QUALIFIER.sub("", text)
        if (aside := _HEADING_ASIDE.search(text)) and (members := _MEMBERS.match(aside.group(1))) \
                and (named := _names(self.grammar.whole(members.group(1)))):
            return named  # "Các cơ quan tham mưu quản lý ngành (gồm các Sở: Xây dựng, Tài chính)": those it lists
        text = _HEADING_ASIDE.sub("", text) or text
        if duty := self._duty_holder(text):
            holder = " ".join(duty.split()).rstrip(" :.;")
            if (named := self._named_whole(holder)) and not any(self.grammar.is_generic(name) for name in named):
                return named  # names of their own, with their own commas ("Sở Văn hóa, Thể thao và Du lịch")
            # "Bộ, cơ quan ngang Bộ, Cơ quan quản lý công chức khác": a capital after a comma opens another holder
            return [name for part in re.split(rf"\s*,\s+(?=[{UPPER}])", holder)
                    for name in self._named_whole(part)
                    or map(self._body_of_title, self._coordinated_kinds(_capitalise(part)))]
        if named := self._named_whole(text):
            return named
        name = " ".join(text.split()).rstrip(" :.;")
        # "7. Trung tâm Xúc tiến đầu tư, thương mại và du lịch": the title names one body; "có" would be its verb
        # ("Ủy ban nhân dân Thành phố có quyền hạn và trách nhiệm")
        if (opening := self.grammar.match_start(name, subject=True)) \
                and not any(t.text.lower() == "có" for t in tokens(name[opening[-1].end:])) \
                and (whole := self._named_to_end(opening, name)) is not opening and whole[-1].end == len(name):
            return _names(whole)
        if (people := self.grammar.person_collective(name)) is not None:
            return [people]  # "2. Cán bộ, công chức": the people the items below are for
        toks = tokens(name)
        if toks and toks[0].capital and len(toks) <= _ROLE_WORDS // 2 and all(t.word for t in toks) \
                and (role := self.grammar.roles.match(toks, 0)) and role[0] < len(toks):
            return [name]  # "2. Người nộp phí:": a role, whose duties follow
        # "Đề nghị các tổ chức cung cấp dịch vụ chi trả": the bodies asked, with all that qualifies them
        if (addressed := _cues()["assign"].match(fold_same_length(text))) and text[addressed.end():].strip():
            text = _capitalise(text[addressed.end():])
        return self._qualified_collective(text)

    def _named_whole(self, text: str) -> list[str]:
        """The bodies ``text`` consists of, or the one before a dash ("Sở Tài chính - Cơ quan thường trực …")."""
        return _names(self.grammar.whole(text)) or _names(self.grammar.whole(re.split(r"\s+[-–]\s+", text)[0]))

    def _duty_holder(self, heading: str) -> Optional[str]:
        """Whose duties a heading lists: "Trách nhiệm của Sở Y tế", and without "của" when a kind of body or
        people follows ("Trách nhiệm các cơ quan, đơn vị", not "Trách nhiệm tổ chức thực hiện"), less the
        activity the duties concern ("Trách nhiệm cá nhân trong quản lý, sử dụng Hệ thống …"); with no holder
        ("Nhiệm vụ và quyền hạn"), the body the regulation is about."""
        if self._regulated and _OWN_DUTIES.match(fold_key(heading)):
            return self._regulated
        if duty := _DUTY_OF.match(heading):
            holder = duty.group(1)
        elif duty := _DUTY_UNMARKED.match(heading):
            holder = duty.group(1)
            toks = tokens(holder)
            start = 1 if toks and toks[0].key == "cac" else 0
            if not toks or self.grammar.not_heads.match(toks, start) is not None or not (
                    self.grammar.collectives.match(toks, start) or self.grammar.person_collectives.match(toks, start)):
                return None
        else:
            return None
        for scope in _SCOPE_OF_DUTY.finditer(holder):
            if self.grammar.predicates.match(tokens(holder[scope.end():]), 0) is not None:
                return holder[:scope.start()]
        return holder

    def _user_in_title(self, title: str) -> Optional[list[str]]:
        """A regulation's article on using or running something names who does it after its last "của" ("Sử
        dụng hộp thư điện tử công vụ của cá nhân", "Quản lý, sử dụng … của cơ quan, đơn vị"): its items are
        that doer's, when the title opens with the activity and ends with a kind of body or people."""
        if not self._lays_down_rules or self.grammar.predicates.match(tokens(title), 0) is None:
            return None
        head, of, holder = title.rstrip(" .:;").rpartition(" của ")
        holder = _capitalise(" ".join(holder.split()))
        toks = tokens(holder)
        if not of or not head or _NESTED_QUALIFIER.search(head) or self.grammar.levels.match(toks, 0) is not None \
                or (bare := self.grammar.bare_collectives.match(toks, 0)) is not None and bare[0] == len(toks) \
                or not (self.grammar.is_collective(holder) or self.grammar.person_collective(holder)):
            return None  # "… của tỉnh", "… của địa phương": the place it is for, no doer
        return [holder]

    def _regulated_body(self, root: Node) -> Optional[str]:
        """The body a regulation of functions, duties and powers is about: the subject its article "Vị trí và chức
        năng" opens with, saying what the body is ("1. Sở Tư pháp là cơ quan chuyên môn thuộc …")."""
        article = next((node for node in root.walk() if node.style == "article" and _POSITION.match(fold_key(node.body))), None)
        first = next((node for node in article.walk() if node is not article and node.body), None) if article else None
        if first is None or not (lead := self.ruler.match_start(first.body, subject=True)):
            return None
        rest = first.body[lead[-1].end:]
        rest = rest[aside.end():] if (aside := _ASIDE.match(rest)) else rest
        return lead[-1].canonical if len(lead) == 1 and _WHAT_IT_IS.match(fold_same_length(rest).lower()) else None

    def _qualified_collective(self, text: str) -> Optional[list[str]]:
        """"Các doanh nghiệp thứ cấp đang hoạt động trong KCN", "Sở, ban, ngành liên quan", "Ngân hàng Nhà
        nước chi nhánh …": a kind of body with all that qualifies it, up to the heading's or label's end
        (not "Cấp lại Giấy chứng nhận …", which is an activity); kinds listed with words of their own, one
        doer each (:meth:`_coordinated_kinds`)."""
        name = " ".join(text.split()).rstrip(" :.;")
        toks = tokens(name)
        start = 1 if toks and toks[0].key == "cac" else 0
        kind = self.grammar.collectives.match(toks, start) if toks else None
        not_kind = self.grammar.not_heads.match(toks, start) if toks else None
        # after "các", "tổ chức" is the noun ("Các tổ chức cung cấp dịch vụ"), not the verb; "trường hợp" no "trường"
        if not toks or not toks[0].capital or len(toks) > 40 or kind is None \
                or not_kind is not None and not (start and kind[0] >= not_kind[0]):
            return None
        if len(toks) > start + 1 and (level := self.grammar.levels.match(toks, start + 1)) and level[0] == len(toks):
            return None  # "1. Cấp thành phố", "Cấp xã": a level of government, no body
        # "Chủ đầu tư, tổ chức, đơn vị điều tra, khảo sát …": a title that lists kinds of body names doers by what they do
        listed = kind[0] + 1 < len(toks) and toks[kind[0]].text == "," and self._opens_kind(toks, kind[0] + 1)
        if not (start or listed or self.grammar.is_collective(name) or len(toks) > 1 and toks[1].capital):
            return None
        # A title of "các" + kind qualifies it with verbs too ("2. Các Sở, ngành chủ trì, tham gia thực hiện các
        # dự án thuộc Chương trình"); a lead-in says what they do ("Các sở, ngành triển khai các nội dung sau:").
        if (not (start or listed) or text.rstrip().endswith(":")) and any(
                (p := self.grammar.predicates.match(toks, k)) is not None and not p[1] for k in range(start + 1, len(toks))):
            return None
        return self._coordinated_kinds(name) if listed else [name]

    def _body_of_title(self, name: str) -> str:
        """A title stands for its body: 'Thủ trưởng các đơn vị thuộc Bộ được phân cấp' is 'Các đơn vị thuộc Bộ
        được phân cấp'; a title alone ('Bộ trưởng') in a document of a body of its kind is that body."""
        toks = tokens(name)
        title = self.grammar.titles.match(toks, 0)
        if title is None:
            return name
        end = title[0]
        if end == len(toks):
            kind = title[1].get("body") if isinstance(title[1], dict) else None
            issuer = self._issuer or ""
            return issuer if kind and fold_key(issuer).startswith(fold_key(kind) + " ") else name
        start = end + 1 if toks[end].key in ("cac", "tung") else end
        # a head of a kind of body with the words that make it one ("Trưởng Đoàn kiểm tra"), not a bare head
        head = self.grammar.heads.match(toks, start)
        kind = self.grammar.collectives.match(toks, start) or head is not None and head[0] < len(toks)
        return _capitalise(name[toks[end].start:]) if kind else name

    # -- reading a text ---------------------------------------------------------------------

    def _read(self, text: str) -> Optional[Reading]:
        """Who ``text`` assigns work to, if it names them (see the module doc). The head of a kind of body stands
        for it, however the kind was read ("Người đứng đầu cơ quan sử dụng có trách nhiệm …")."""
        reading = self._reading(text)
        if reading is not None and self._cut_in_its_clause(reading.agencies, text):
            return None  # what follows a name cut there says what its subject undergoes, may or must do: no doer named
        if reading is not None:
            reading.agencies = [self._body_of_title(name) for name in reading.agencies]
        return reading

    @staticmethod
    def _cut_in_its_clause(names: list[str], text: str) -> bool:
        """A name read on into its clause, ending on the clause's first word (see ``_CLAUSE_WORD_AT_END``); not one
        cut at "được" before the work it was given ("Thủ trưởng các đơn vị … được | giao …"), which names a role."""
        folded = fold_key(text)
        return any(_CLAUSE_WORD_AT_END.search(name) and not (
            fold_key(name).endswith(" duoc") and re.search(rf"{re.escape(fold_key(name))} (?:giao|phan cong|uy quyen)\b", folded))
            for name in names)

    def _reading(self, text: str) -> Optional[Reading]:
        """:meth:`_read`, the head's title as written."""
        opening = _strip_opening(text)
        if (concerning := _CONCERNING_LABEL.match(opening)) and not self.ruler.match_start(opening, subject=True):
            opening = opening[concerning.end():]  # "Đối với các nội dung …: Giao Sở X …": the task follows the topic
        offset = len(text) - len(opening)
        label = self._label(opening)
        if label is None and (request := _REQUEST.match(opening)) and (label := self._label(opening[request.end():])):
            label = label[0], request.end() + label[1]
        if label is not None:
            names, rest = label
            inner = self._read(opening[rest:]) if opening[rest:] else None
            if inner is not None and fold_key(opening[rest:])[:12] and _cues()["assign"].match(fold_same_length(opening[rest:])):
                return inner
            return Reading(names, offset + rest)
        subject_text, sentence = self._subject_clause(opening)
        # "Trường hợp cần điều chỉnh Danh mục: Sở X đề xuất …": the case stays in the task
        sentence += 0 if sentence == 0 and _CASE_LABEL.match(text) else offset
        issuer_speaks = False
        lead = self._addressees_meant(subject_text) or self.ruler.match_start(subject_text, subject=True)
        if lead and _TOPIC.match(subject_text) and not _cues()["obligation"].match(
                fold_same_length(subject_text[lead[-1].end:].strip()).lower()):
            lead = []  # "Đối với các tổ chức …, mức giá … được quy định": a topic; "Đối với X cần …": a subject
        if lead:
            lead = self.grammar.list_run_on(subject_text, lead, self._predicate_starts)
        kinds_only = bool(lead) and all(self.grammar.is_generic(match.canonical) for match in lead)
        if len(lead) == 1 and (qualified := self._titled_kind(lead[0], subject_text)) is not None:
            lead = [qualified]
        if lead:
            after = subject_text[lead[-1].end:]
            if _UNDERGOES.match(fold_same_length(after.strip()).lower()):
                return None  # "Các cơ quan … được cấp một tài khoản": what a body is given or may do, no duty
            if all(self._everyone(match.canonical) for match in lead) and not _FEEDBACK.match(fold_key(after)):
                return None  # "Các tổ chức, cá nhân có liên quan có trách nhiệm …": everyone's rule of conduct
            if self._has_predicate(after):
                if (qualified := self._qualified_kind(lead, subject_text)) is not None:
                    return Reading(qualified, sentence)
                assigned = self._assigned(after.strip())
                if assigned is not None and _REQUEST_WORD.match(fold_key(after)) \
                        and not self._speaks_for_document(_names(lead), subject_text):
                    # "Sở Y tế đề nghị Bộ Y tế …": its request is its own work, the body asked only receives it
                    return Reading(_names(lead), sentence)
                if assigned is not None:
                    names, rest = assigned
                    return Reading(names, sentence, address_only=_announces(rest), assigned=True)
                if _ANNOUNCEMENT.match(fold_same_length(after).lower()) or _DECIDES.match(fold_same_length(after).lower()) \
                        and not kinds_only and not (self._lays_down_rules and not text.rstrip().endswith(":")):
                    # "Thủ tướng Chính phủ yêu cầu:" announces the items; "Ủy ban Thường vụ Quốc hội quyết định sắp
                    # xếp … như sau:" decides them: no one is assigned yet. "Người đứng đầu cơ quan … quyết định thành
                    # lập …" and a rule's "Sở X quyết định dung lượng …", deciding what it names, are duties.
                    return Reading([], 0, address_only=True)
                if all(fold_key(m.canonical).startswith("cac ") for m in lead) and (inside := self._assigned_inside(subject_text)):
                    # "Các Bộ, cơ quan thống nhất …; giao Bộ X chủ trì …": the agreement is no task, the assignment is.
                    return Reading(inside[0], sentence + inside[2], assigned=True)
                if not self._is_issuer(_names(lead)) or self._binds_issuers_head(subject_text):
                    return Reading(_names(lead), sentence)
                issuer_speaks = True
                lead = []  # the issuer speaking ("Chính phủ thống nhất …") assigns itself nothing; whom does it assign?
            elif rest := _joined_heading_rest(after):
                return Reading(_names(lead), len(text) - len(rest))
        if (role := self._defined_role(subject_text)) is not None:
            return Reading(self._coordinated_kinds(role), sentence)
        if (forced := self._subject_before_predicate(subject_text, framed=subject_text is not opening)) is not None and (
                not self._is_issuer(forced) or self._own_duty(subject_text[len(forced[0]):])):
            # the issuer's own statements ("Cục Hải quan xác định …") assign nothing; its own duties do
            return Reading(_without_pointer(forced), sentence)
        if (responsible := self._responsible(subject_text)) is not None:
            return Reading(self._coordinated_kinds(responsible[0]), sentence)
        if subject_text is not opening and (doer := self._kind_up_to_duty(subject_text)) is not None:
            return Reading(doer, sentence)
        assigned = self._assigned(subject_text)
        if assigned is not None:
            names, rest = assigned
            if _announces(rest):
                return Reading(names, sentence, address_only=True, assigned=True)
            if joined := _joined_heading_rest(" " + rest):
                return Reading(names, len(text) - len(joined), assigned=True)
            return Reading(names, sentence, assigned=True)
        if _cues()["assign"].match(fold_same_length(subject_text)) and self._recipients and \
                _cues()["address"].match(fold_same_length(subject_text)):
            rest = subject_text[_cues()["assign"].match(fold_same_length(subject_text)).end():]
            if rest.strip(" :"):
                return Reading(self._recipients, 0, addressed=True, assigned=True)  # "Đề nghị doanh nghiệp …": the letter's addressees
            return None
        if (doer := self._passive_doer(subject_text)) is not None:
            return Reading(doer, sentence)
        inside = self._assigned_inside(opening)
        if inside is not None:
            names, sentence_start, _ = inside
            # "… background. Vì vậy, đề nghị UBND các tỉnh …": the task is the assigning sentence on.
            return Reading(names, offset + sentence_start, inside=True, assigned=True)
        if issuer_speaks and text.rstrip().endswith(":"):
            return Reading([], 0, address_only=True)  # "Cục Thuế trả lời như sau:" introduces its own answer
        if self._lays_down_rules and (doer := self._doer_after_condition(opening)) is not None:
            return Reading(doer, offset)  # the condition stays in the task: it says when the step runs
        if self._lays_down_rules and (doer := self._functional_doer(opening, people=False)) is not None:
            return Reading(doer, offset, acting=True)
        return None

    def _doer_after_condition(self, text: str) -> Optional[list[str]]:
        """A procedure's step: a leading condition or time limit ('Trong thời hạn 05 ngày …, Hội đồng thẩm định
        tổ chức …', 'Trường hợp hồ sơ chưa hợp lệ, … Cục X thông báo …', 'Sau 03 ngày làm việc …, Sở Y xác minh …'),
        then the body, office or role that acts, named in any words its head opens, up to what it does."""
        if not (self._adverbial(text) or _TIME_OPENING.match(text)):
            return None
        sentence = text[:next((m.start() for m in SENTENCE_BREAK.finditer(text)), len(text))]
        listed = None  # the doer of the last kind in a list the condition ends with
        segment_start = 0  # where the part of the sentence since the last boundary starts
        for boundary in _MAIN_CLAUSE.finditer(sentence[:_CONDITION_CHARS]):
            before = tokens(sentence[:boundary.start()])
            if re.search(rf"\b(?:{_DUTY.pattern})", fold_key(sentence[:boundary.start()])):
                return None  # the main clause has begun ("Khi xảy ra sự cố, phải áp dụng …, cấp cứu, …")
            segment, segment_start = sentence[segment_start:boundary.start()], boundary.end()
            if boundary.group(0).startswith(",") and _PURPOSE_INSIDE.search(segment):
                continue  # a comma after "để" goes on with the purpose's own subjects ("… để người dân, doanh nghiệp biết")
            clause = sentence[boundary.end():]
            # a kind named up to its duty: "…, tổ chức quản lý trực tiếp có trách nhiệm gửi …"; named by its function:
            # "…, cơ quan, tổ chức, đơn vị có văn bản đề nghị …"
            functional = self._functional_doer(clause)
            if boundary.group(0).startswith(",") and clause[:1].islower() and not fold_key(clause).startswith(_PLURAL_KEYS) \
                    and self._ends_with_kind(before):
                # a list of kinds of body goes on ("… do các cơ quan, tổ chức đề nghị …"), or the condition ended
                # with it ("… đề xuất của cơ quan, bộ phận tham mưu về tổ chức, cán bộ, cấp có thẩm quyền xem xét …")
                listed = self._listed_before(sentence, boundary, functional) or listed
                continue
            if (doer := self._acting_doer(clause) or self._kind_up_to_duty(clause) or functional) is not None \
                    and not self._cut_in_its_clause(doer, text):
                # a name cut in its clause is a kind the condition speaks of ("… hộ gia đình, cá nhân đang sử dụng …")
                return self._listed_before(sentence, boundary, doer)
        return listed

    def _listed_before(self, sentence: str, boundary: re.Match[str], doer: Optional[list[str]]) -> Optional[list[str]]:
        """``doer``, named in common words after the comma ``boundary``, with the kinds the doers' list opened with
        after the condition ("Khi …, công chứng viên, | người có thẩm quyền chứng thực phải …", "Sau khi …, tổ chức, |
        đơn vị điều tra … phải …"): one doer per kind of its own, or one when kinds listed bare share the words after
        the last."""
        if doer is None or not boundary.group(0).startswith(",") or not sentence[boundary.end():][:1].islower() \
                or (start := self._kinds_ending(sentence[:boundary.start()])) is None:
            return doer
        listed = f"{' '.join(sentence[start:boundary.start()].split())}, {doer[0][:1].lower()}{doer[0][1:]}"
        return self._coordinated_kinds(_capitalise(listed)) + doer[1:]

    def _functional_doer(self, clause: str, people: bool = True) -> Optional[list[str]]:
        """A kind of body or person in common words named by what it holds or does, with every word that qualifies
        it, up to the verb of a step ('Cơ quan sử dụng công chức xác định …', 'Cơ quan, tổ chức nơi công chức đang công
        tác có văn bản …', 'Cán bộ kỹ thuật vận hành trạm thu phải …'). Not a body's own name (the other readings'),
        nor what every civil servant must do, nor what a doer is given, may do or answers for. ``people``: a post
        held by people ('cán bộ kỹ thuật …') may be the doer, as it may after a condition that says when it acts."""
        toks = tokens(clause[:_CONDITION_CHARS])
        if not toks or not toks[0].word or self._opens_with_verb(clause) or _CONDITION.match(clause) \
                or _ITEM_LABEL.match(clause) and len(clause[:clause.index(":")].split()) <= _ROLE_WORDS:
            return None  # a case ("Trường hợp …"); a field's label ("Cơ quan phê duyệt: …"), read with its value
        start = 1 if toks[0].key + " " in _PLURAL_KEYS else 0
        head = self.grammar.collectives.match(toks, start) or self.grammar.roles.match(toks, start) \
            or (self.grammar.person_collectives.match(toks, start) if people else None)
        named = self.ruler.match_start(clause, fuzzy=False, subject=True)
        if named and not self.grammar.is_generic(named[-1].canonical):
            return None  # a body's own name ("Ủy ban nhân dân tỉnh phê duyệt …"): the other readings'
        if head is None or head[0] < len(toks) and toks[head[0]].text == "," and (
                not self._opens_kind(toks, head[0] + 1) or toks[head[0] + 1].key == toks[start].key):
            return None  # "Cấp, cấp lại, thu hồi giấy …": acts listed, no kind of body
        for k in range(head[0], min(len(toks), head[0] + _DOER_TOKENS)):
            if not toks[k].word:
                if toks[k].text != "," or self.grammar.collectives.match(toks, k + 1) is not None \
                        and self._listed_kinds(toks, start, k) is None:
                    # a label, an aside or the sentence's end: no step; a kind of body after what qualified the one
                    # before ("sở trường của công chức, cơ quan có thẩm quyền …") opens the doer
                    return None
                continue
            if toks[k].capital or toks[k].exact in _CLAUSE_LINKS:
                return None  # a body's own name inside the qualifier; a clause of purpose or case ("… để hội nghị …")
            step = _cues()["step_verb"].match(clause[toks[k].start:].lower())
            if step is None and _is_one_of(toks[k], _COPULAS) \
                    and not _AUTHORITY.match(fold_key(clause[toks[k].start:toks[k].end + 20])):
                return None  # "Cơ quan, đơn vị có yêu cầu …", "… là …": what the kind has or is
            if step is None or toks[k - 1].text == "," or toks[k - 1].key in ("va", "hoac") \
                    or toks[k - 1].text.lower() in _PREPOSITIONS:
                continue  # "cơ quan, tổ chức …": the kinds go on; "… tham mưu về tổ chức, cán bộ": a qualifier's object
            break
        else:
            return None
        if k == head[0] or self._listed_kinds(toks, start, k):
            return None  # a bare kind ("Đơn vị thực hiện …") names no function; "Cán bộ, công chức phải …": conduct
        rest = fold_same_length(clause[toks[k].start:]).lower()
        name = " ".join(clause[toks[0].start:toks[k - 1].end].split()).rstrip(" ,")
        if _UNDERGOES.match(rest) or _RIGHT.match(rest) or _ANSWERABLE.match(rest) or _ANSWERABLE_ONLY.match(rest) \
                or self._everyone(name) or _APPLICANT.search(fold_key(name)):
            return None
        # "Cơ quan, bộ phận tham mưu … hoặc cấp có thẩm quyền": two doers
        cuts = [0] + [j for j in range(1, k) if toks[j - 1].key in ("va", "hoac") and self._opens_kind(toks, j)] + [k]
        # each part ends before the "và"/"hoặc" that opens the next
        return [_capitalise(" ".join(clause[toks[a].start:toks[b - 2 if b < k else b - 1].end].split()).rstrip(" ,"))
                for a, b in zip(cuts, cuts[1:])]

    def _listed_kinds(self, toks: list[Token], start: int, end: int) -> Optional[bool]:
        """Whether people are among the kinds of body and people ``toks[start:end]`` lists ("cán bộ, công chức");
        None: the words are more than kinds listed."""
        j, people = start, False
        while j < end:
            if toks[j].text == "," or toks[j].key in ("va", "hoac"):
                j += 1
                continue
            person = self.grammar.person_collectives.match(toks, j)
            kind = person or self.grammar.collectives.match(toks, j) or self.grammar.roles.match(toks, j)
            if kind is None:
                return None
            j, people = kind[0], people or person is not None
        return people

    def _kind_lexicons(self) -> tuple:
        """The lexicons of kinds of body, person or role, and of titles."""
        return self.grammar.collectives, self.grammar.roles, self.grammar.person_collectives, self.grammar.titles

    def _opens_kind(self, toks: list[Token], k: int) -> bool:
        """A kind of body, person or role, or a title, starts at ``toks[k]``."""
        return k < len(toks) and any(lexicon.match(toks, k) is not None for lexicon in self._kind_lexicons())

    def _coordinated_kinds(self, name: str, separators: tuple[str, ...] = (",", "va")) -> list[str]:
        """A doer named as kinds of body or roles joined by "và" or a comma, each with words of its own after its
        kind ("Các chủ rừng và lực lượng Kiểm lâm", "Đoàn kiểm tra, thành viên Đoàn kiểm tra"), is one doer per
        kind. Kinds listed bare share what follows the last ("Cơ quan, tổ chức, cá nhân có liên quan") and stay
        one, as do kinds listed bare after one ("Doanh nghiệp viễn thông, tổ chức") and a kind's modifiers
        ("Các cơ quan truyền thông, báo chí"). ``separators``: the joins ("," and "va", folded) that may part doers."""
        toks = tokens(name)
        parts, start, conjunct = [], 0, 0
        for k, tok in enumerate(toks):
            if tok.text != "," and tok.key != "va":
                continue
            if (tok.text if tok.text == "," else tok.key) not in separators:
                conjunct = k + 1
                continue
            own = conjunct + (conjunct < k and toks[conjunct].key + " " in _PLURAL_KEYS)
            following = k + 1 + (k + 1 < len(toks) and toks[k + 1].key + " " in _PLURAL_KEYS)
            if own < k and following < len(toks) and not toks[following].capital \
                    and self._opens_kind_not_modifier(toks, following) \
                    and self._listed_kinds(toks, following, len(toks)) is None and self._kind_of_its_own(toks, own, k):
                parts.append(name[toks[start].start:toks[k - 1].end])
                start = k + 1
            conjunct = k + 1
        if not parts:
            return [name]
        return [_capitalise(part) for part in parts + [name[toks[start].start:]]]

    def _opens_kind_not_modifier(self, toks: list[Token], k: int) -> bool:
        """A kind of body, person or role starts at ``toks[k]``, not a longer modifier of the kind before it
        ("báo chí")."""
        kind = max((found[0] for lexicon in self._kind_lexicons() if (found := lexicon.match(toks, k))),
                   default=_agent_noun_end(toks, k))
        modifier = self.grammar.modifiers.match(toks, k)
        return kind is not None and (modifier is None or modifier[0] <= kind)

    def _kind_of_its_own(self, toks: list[Token], start: int, end: int) -> bool:
        """``toks[start:end]`` names a doer that shares no words with the kinds after it: a role ("chủ rừng",
        "công chứng viên"), or a kind of body or a body's head with words of its own after it ("Doanh nghiệp viễn
        thông"), unless those end in kinds listed on ("Người đứng đầu cơ quan, tổ chức …") or are only a name, a
        scope the list shares ("Tổ chức, doanh nghiệp Việt Nam, cá nhân … có sản phẩm …")."""
        role = self.grammar.roles.match(toks, start)
        if role is not None and role[0] == end or _agent_noun_end(toks, start) == end:
            return True
        kind = next((found for lexicon in (self.grammar.collectives, self.grammar.bare_collectives, self.grammar.roles,
                                           self.grammar.person_collectives, self.grammar.titles, self.grammar.heads)
                     if (found := lexicon.match(toks, start))), None)
        return kind is not None and any(t.word and not t.capital for t in toks[kind[0]:end]) \
            and not self._ends_with_kind(toks[kind[0]:end])

    def _power_end(self, toks: list[Token], k: int) -> Optional[int]:
        """After "có thẩm quyền" at ``toks[k]``, where the doer's name ends: before the verb that follows ("người có
        thẩm quyền | phê duyệt …"), or after it when it names the power and a strong verb or a duty follows ("cơ quan có
        thẩm quyền tuyển dụng | thông báo …", "cấp có thẩm quyền bổ nhiệm | phải …"), but not after a verb that takes
        another ("cấp có thẩm quyền | xem xét bố trí …"). None: no verb follows."""
        power = self.grammar.predicates.match(toks, k)
        if power is None:
            return None
        if self.grammar.light_verbs.match(toks, k):
            return k
        end = power[0]
        if end < len(toks) and ((then := self.grammar.predicates.match(toks, end)) is not None and not then[1]
                                or _DUTY.match(" ".join(t.key for t in toks[end:end + 3]))):
            return end
        return k

    def _ends_with_kind(self, toks: list[Token]) -> bool:
        """The words end with a kind of body ('… của các cơ quan')."""
        return any((kind := lexicon.match(toks, k)) is not None and kind[0] == len(toks)
                   for lexicon in (self.grammar.collectives, self.grammar.heads) for k in range(max(0, len(toks) - 4), len(toks)))

    def _acting_doer(self, clause: str) -> Optional[list[str]]:
        """The doer that opens ``clause`` when a verb of its own follows it: a body the grammar names, a title
        with or without its body, or a head of a kind or role with the words that qualify it ('đơn vị quản lý hệ
        thống thư điện tử công vụ sẽ tạo lập …'). Not everyone the text covers, an applicant, nor a doer that
        is given, may or undergoes something."""
        toks = tokens(clause[:_CONDITION_CHARS])
        if not toks or not toks[0].word:
            return None
        start = 1 if fold_key(clause[:10]).startswith(_PLURAL_KEYS) else 0
        title = self.grammar.titles.match(toks, start)
        named = self.ruler.match_start(clause, fuzzy=False, subject=True)  # a title with its body's name too
        proper = bool(named) and not self.grammar.is_generic(named[-1].canonical)  # a body's own name, no kind
        if named:
            end = next((k for k in range(len(toks)) if toks[k].start >= named[-1].end), len(toks))
        elif title is not None:
            end = title[0]
        else:
            head = self.grammar.collectives.match(toks, start) or self.grammar.roles.match(toks, start)
            if head is None and (head := self.grammar.heads.match(toks, start)) is not None \
                    and not self.grammar.is_name_word(toks, head[0]):
                head = None  # a body's head with no name after it is a common word ("Báo cáo thẩm tra …")
            if head is None or self.grammar.person_collectives.match(toks, start) is not None:
                return None  # what civil servants or workers must do is a rule of their conduct
            end = head[0]
        depth = 0  # inside an aside ("Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ) xử lý …")
        duty = None
        for k in range(end, min(len(toks), end + _DOER_TOKENS)):
            if not toks[k].word:
                if toks[k].text not in _NAME_PUNCTUATION:
                    return None
                depth += {"(": 1, ")": -1}.get(toks[k].text, 0)
                continue
            if depth == 0 and _authority_before(toks, k) and (power := self._power_end(toks, k)) is not None:
                k = power
                break  # "người có thẩm quyền cho ý kiến …": what the holder of the power does
            if depth > 0 or toks[k].text.lower() in _PREPOSITIONS and k + 1 < len(toks) and toks[k + 1].word:
                continue
            if k > end and toks[k - 1].text.lower() in _PREPOSITIONS:
                continue  # "… tiếp nhận cá nhân vào làm việc": the verb of what the qualifier names
            rest = fold_same_length(clause[toks[k].start:]).lower()
            if _UNDERGOES.match(rest) or _RIGHT.match(rest) or _ANSWERABLE.match(rest):
                return None  # what the doer is given, may do or undergoes
            duty = _WILL.match(clause[toks[k].start:]) or _cues()["obligation_marked"].match(clause[toks[k].start:].lower())
            if _AUTHORITY.match(rest) and not any(t.text == "," for t in toks[:k]):
                continue  # "người có thẩm quyền …": the power it holds names the doer, no "có" of having
            if _is_one_of(toks[k], _COPULAS) and not duty:
                return None  # "… có nhu cầu …", "… là …": what the kind of body is or has
            # "… tại Bộ Công Thương có trách nhiệm …": a named duty after the name's first words ends it, and so does
            # any duty of several words; another word of one may be the name's last ("Tổng cục Hậu cần")
            if k > end and _DUTY.match(rest):
                break
            if not (duty and " " in duty.group(0).strip()) and (
                    toks[k - 1].text == "," and self.grammar.collectives.match(toks, k) or toks[k - 1].capital and k > end):
                continue  # "cơ quan, tổ chức, đơn vị …": the list of kinds goes on; "… Hậu cần": a name's word
            predicate = self.grammar.predicates.match(toks, k)
            # after an aside ("Hội đồng tuyển dụng (Ban đề thi) xây dựng …") any verb is the doer's own
            if predicate is not None and (not predicate[1] or toks[k - 1].text == ")") or duty \
                    or proper and not toks[k].capital and predicate is not None:
                break
            if k > end and toks[k].exact in _NEGATIONS and self.grammar.predicates.match(toks, k + 1) is not None:
                break  # "… người có thẩm quyền chứng thực không | thực hiện …": what the doer must not do
        else:
            return None
        if k == 0 or self.grammar.not_heads.match(toks, 0) is not None and not duty:
            return None  # "Báo cáo thẩm tra …", "Tổ chức tập huấn …": an activity's noun, no doer
        name = " ".join(clause[toks[0].start:toks[k - 1].end].split()).rstrip(" ,(")
        if self._everyone(name) or _APPLICANT.search(fold_key(name)) or self._is_issuer([name]):
            return None
        if named and fold_key(name) == fold_key(clause[:named[-1].end]):
            return _names(named)
        if proper and any(t.word and not t.capital and not toks[i - 1].capital for i, t in enumerate(toks[end:k], end)):
            # after a body's own name, lower-case words name more bodies ("… và các đơn vị liên quan") or say how it
            # acts; a name goes on in capitals only ("Cục X/Tổng cục Hậu cần - Kỹ thuật")
            # an aside after the name is its parent body ("Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ)"), no doer
            return _names(self.grammar.find(_ASIDE.sub("", name))) or _names(named)
        if qualified := _QUALIFIED.search(fold_same_length(name).lower()):
            name = name[:qualified.start()]  # "Sở quản lý ngành, lĩnh vực đối với hàng hóa …": how, not who
        # "cơ quan, tổ chức, đơn vị cấp tỉnh và Ủy ban nhân dân cấp xã": two doers
        return [self._body_of_title(_capitalise(part)) for part in re.split(rf"\s+và\s+(?=[{UPPER}])", name)]

    @staticmethod
    def _fields_regulated(blocks: list[Block], subject: str) -> str:
        """The folded words of what a text regulates: its subject and its articles' titles, one per line."""
        titles = [block.body.strip().split("\n")[0][:_TITLE_CHARS] for block in blocks if block.marker_kind == "article"]
        return "\n".join(fold_key(title) for title in [subject, *titles])

    def _named_with_its_field(self, draft: Draft, fields: str) -> Draft:
        """A kind of body or person whose name goes on with the activity the text regulates, which the grammar took
        for its verb ("Các tổ chức, đơn vị | khắc phục hậu quả bom mìn vật nổ sau chiến tranh | thực hiện …", "Người có
        thẩm quyền | đánh giá, xếp loại | giải quyết"): the words the subject or an article's title names are part
        of the name when a verb follows them."""
        if not draft.agencies or len(draft.agencies) != 1 or not self.grammar.is_generic(draft.agencies[0]) \
                or self.grammar.has_level(draft.agencies[0]):
            return draft
        name = draft.agencies[0]
        opening = fold_same_length(draft.text[:_TITLE_CHARS]).lower()
        named = re.search(rf"(?<!\w){re.escape(fold_same_length(_BARE_PLURAL.sub('', name)).lower())}(?=\s)", opening)
        if named is None:
            return draft
        rest = draft.text[named.end():]
        toks = tokens(rest[:_TITLE_CHARS])
        if not toks or not toks[0].word or toks[0].capital or self.grammar.predicates.match(toks, 0) is None:
            return draft  # the name ends where the grammar read it
        # the longest run of words the fields name, then a verb: "… ban hành tiêu chuẩn, định mức sử dụng máy móc …"
        # names the work itself, as the fields do, and goes on past any shorter run
        end = next((end for end in range(len(toks), _FIELD_WORDS - 1, -1) if toks[end - 1].word and re.search(
            rf"(?<!\w){re.escape(fold_key(rest[:toks[end - 1].end]))}(?!\w)", fields)), None)
        if end is None:
            return draft
        after = rest[toks[end - 1].end:]
        if not (_cues()["obligation"].match(fold_same_length(after.strip()).lower())
                or self.grammar.predicates.match(tokens(after[:80]), 0)):
            return draft
        return replace(draft, agencies=[name + " " + " ".join(rest[:toks[end - 1].end].split())])

    @staticmethod
    def _own_duty(predicate: str) -> bool:
        """What follows the issuer's name is a duty ('chủ trì …', 'có trách nhiệm …'), not a statement."""
        rest = fold_same_length(predicate.strip(" ,")).lower()
        return rest.startswith("chu tri") or bool(_cues()["obligation"].match(rest))

    def _defined_roles(self, blocks: list[Block]) -> list[str]:
        """The roles a regulation defines, which its later clauses name as subjects: an article named after one
        ("Điều 3. Tổ chức thu lệ phí" + "… là tổ chức thu lệ phí …"), a term it defines ("1. Bên bán điện là …")
        or one it names for short ("(sau đây gọi tắt là đơn vị quản lý)")."""
        found: list[str] = []
        for index, block in enumerate(blocks):
            body = block.body.strip()
            candidates = [m.group(1) for m in _CALLED.finditer(body)]
            if block.marker_kind == "article":
                toks = tokens(body[:_TITLE_CHARS])
                end = next((k for k in range(1, len(toks)) if toks[k].capital or not toks[k].word), len(toks))
                following = body[toks[end - 1].end:] if toks else ""
                if not following.strip() and index + 1 < len(blocks):
                    following = blocks[index + 1].text
                if toks and _DEFINES.search(fold_same_length(following[:300]).lower()):
                    candidates.append(body[:toks[end - 1].end])
            elif block.marker_kind in ("number", "letter") and (term := _TERM.match(body)) is not None:
                candidates.append(term.group(1))
            for candidate in candidates:
                toks = tokens(candidate)
                head = self.grammar.collectives.match(toks, 0) or self.grammar.roles.match(toks, 0)
                # a head with its qualifier ("Tổ chức thu lệ phí"), not a head alone ("Tổ chức là các đơn vị …")
                if head is not None and head[0] + 2 <= len(toks) <= _ROLE_WORDS // 2 and all(t.word for t in toks):
                    found.append(_capitalise(" ".join(candidate.split())))
        return sorted(set(found), key=len, reverse=True)

    def _roles_given_duties(self, blocks: list[Block]) -> list[str]:
        """In a regulation, the noun phrases a clause opens with and gives a responsibility ("1. Cán bộ kỹ thuật vận
        hành trạm thu dữ liệu viễn thám có trách nhiệm …"), whatever their head: only a doer has one, so the phrase
        names a doer in the regulation's other clauses too ("2. Cán bộ kỹ thuật … gửi yêu cầu …")."""
        if not self._lays_down_rules:
            return []
        found: list[str] = []
        for block in blocks:
            body = block.body.strip()
            if self.ruler.match_start(body, subject=True):
                continue  # a name the grammar knows is read as one, with what qualifies it
            if (responsible := self._responsible(body, _DOER_TOKENS)) is None:
                continue
            name = responsible[0]
            if qualified := _QUALIFIED.search(fold_same_length(name).lower()):
                name = name[:qualified.start()]  # "Cá nhân được giao … căn cứ vào Danh mục hồ sơ": how, not who
            # "Hộp thư … do cá nhân chịu trách nhiệm": the doer of a passive is the one after "do"; "Cơ quan, cá nhân
            # sau khi được cấp …": a clause inside the subject, no name of its own; "Cán bộ, công chức": kinds listed
            # with nothing that qualifies them, everyone the regulation covers
            if 2 <= len(toks := tokens(name)) and all(t.key != "do" and t.exact not in _CLAUSE_WORDS for t in toks) \
                    and self._listed_kinds(toks, 0, len(toks)) is None:
                found.append(name)
        return sorted(set(found), key=len, reverse=True)

    def _bodies_called_by_head(self, blocks: list[Block]) -> dict[str, str]:
        """The bodies a text names in full once and by their bare head after ("Ban Chỉ đạo Nhà nước về Du lịch
        (gọi tắt là Ban Chỉ đạo)", "bộ, cơ quan ngang bộ (sau đây gọi chung là bộ)"): the head's key → the full name."""
        found: dict[str, str] = {}
        for block in blocks:
            for called in _CALLED.finditer(block.text):
                short = " ".join(called.group(1).split())
                toks = tokens(short)
                head = self.grammar.heads.match(toks, 0)
                if head is None or head[0] != len(toks):
                    continue  # a role or kind with its qualifier ("tổ chức kiểm định") is a name of its own
                before = block.text[max(0, called.start() - _TITLE_CHARS):called.start()].rstrip()
                # the full name opens with its head, after "của" or the clause's start
                folded = fold_same_length(before).lower()
                clause = max((m.end() for m in _NAMED_AFTER.finditer(folded)), default=0)
                start = next((m.start() for m in re.finditer(rf"(?<!\w){re.escape(fold_same_length(short).lower())}\b",
                                                             folded[clause:])), None)
                if start is not None and len(full := " ".join(before[clause + start:].split())) > len(short):
                    found[fold_key(short)] = _capitalise(full)
        return found

    def _bodies_abbreviated(self, blocks: list[Block]) -> dict[str, str]:
        """The bodies a text names in full once with the abbreviation it calls them by after ("Trung tâm Hành động
        bom mìn quốc gia Việt Nam (VNMAC)"): the abbreviation as written → the full name. An abbreviation the
        gazetteer knows ("Cục Kiểm soát TTHC (VPCP)") names a body of its own, the one the name belongs to."""
        found: dict[str, set[str]] = {}
        for block in blocks:
            for abbreviated in _ABBREVIATED.finditer(block.text):
                abbreviation = abbreviated.group(1)
                if self.grammar.whole(abbreviation):
                    continue
                before = block.text[max(0, abbreviated.start() - _TITLE_CHARS):abbreviated.start()].rstrip()
                named = self.grammar.find(before)
                if not named or named[-1].end != len(before):
                    continue
                full = " ".join(before[named[-1].start:].split())
                # a name of its own, not a kind ("các doanh nghiệp (DN)"), a post ("Tổng Giám đốc Tập đoàn … (EVN)")
                # or the last part of a longer name ("Cục Cảnh sát …, Bộ Công an (C06)")
                if full[0].isupper() and self.grammar.titles.match(tokens(full), 0) is None \
                        and not before[:named[-1].start].rstrip().endswith(","):
                    found.setdefault(abbreviation, set()).add(full)
        return {short: names.pop() for short, names in found.items() if len(names) == 1}

    def _bodies_of_the_issuers_level(self, blocks: list[Block]) -> dict[str, str]:
        """The body a local text names once with its issuer's level and elsewhere by its bare head ("… các thành viên
        Ban Chỉ đạo tỉnh chịu trách nhiệm", "Trưởng Ban Chỉ đạo"): the head's key → the name with the level. Only
        heads of bodies set up for a purpose (Ban Chỉ đạo, Tổ công tác), and only when the text names no other body
        of that head at that level ("Ban Chỉ đạo tỉnh về chuyển đổi số")."""
        locality = issuing_locality(self._issuer)
        if locality is None:
            return {}
        named: dict[str, set[Optional[str]]] = {}
        for block in blocks:
            toks = tokens(block.text)
            for k, tok in enumerate(toks):
                if not tok.capital or (head := self.grammar.open_heads.match(toks, k)) is None \
                        or (level := self.grammar.levels.match(toks, head[0])) is None \
                        or " ".join(t.key for t in toks[head[0]:level[0]]) != locality[0]:
                    continue
                end = level[0]
                if end < len(toks) and toks[end].capital:
                    continue  # its place named too ("Ban Chỉ đạo tỉnh Hà Nam"): the same body
                ends = end >= len(toks) or not toks[end].word or toks[end].key == "va" \
                    or self.grammar.predicates.match(toks, end) is not None
                named.setdefault(" ".join(t.key for t in toks[k:head[0]]), set()).add(
                    " ".join(t.text for t in toks[k:end]) if ends else None)
        return {key: names.pop() for key, names in named.items() if len(names) == 1 and None not in names}

    def _in_full(self, name: str) -> str:
        """``name`` with a body the text calls by its bare head written in full, alone or as the body a part or an
        office belongs to ("Văn phòng Ban Chỉ đạo", "Phó Trưởng Ban Chỉ đạo" → "… Ban Chỉ đạo Nhà nước về Du lịch")."""
        key = fold_key(name)
        if (full := self._named_in_full.get(key)) is not None:
            return full
        words = name.split()
        for short, full in self._named_in_full.items():
            length = len(short.split())
            # a one-word head ("bộ") also ends names of their own ("Văn phòng Bộ"): only a head of several words,
            # and only a full name that is a name, no clause ("Ban Chỉ đạo chủ trì Phiên họp …")
            if length > 1 and len(words) > length and key.endswith(" " + short) and not self._has_verb(full, after=length):
                return " ".join(words[:-length] + [full])
            # "Ban Chỉ huy cấp xã" where "Ban Chỉ huy" is short for "Ban Chỉ huy phòng thủ dân sự": that body at the
            # level; a full name with a level of its own ("Ban Chỉ đạo … tỉnh") is one body, at no other level
            if length > 1 and len(words) > length and key.startswith(short + " ") \
                    and self.grammar.opens_with_level(" ".join(words[length:])) and not self.grammar.has_level(full):
                return " ".join([full] + words[length:])
        return name

    def _kind_in_full(self, name: str, text: str) -> str:
        """A kind of body or role cut before the verb clause that qualifies it ("người | ra quyết định kiểm tra ban
        hành …"), named with that clause where the document writes the kind so as a whole noun phrase elsewhere: as an
        object closed by punctuation, a duty or a preposition ("báo cáo người ra quyết định kiểm tra về …"), or as a
        label ("Cấp có thẩm quyền quyết định luân chuyển:"). Vietnamese marks no relative clause; a phrase the text
        closes elsewhere tells where the qualifier ends and the predicate, a verb in this clause, begins."""
        named = tokens(name)
        if not self.grammar.is_generic(name) and ((head := self.grammar.heads.match(named, 0)) is None or head[0] < len(named)):
            return name  # a kind of body, or a body by its bare head ("Ban Chỉ đạo"); a name of its own needs no qualifier
        bare = name.split(" ", 1)[1] if fold_key(name).startswith(_PLURAL_KEYS) else name
        folded = fold_same_length(text).lower()
        at = re.search(rf"(?<!\w){re.escape(fold_same_length(bare).lower())}(?!\w)", folded[:_CONDITION_CHARS])
        if at is None:
            return name
        toks = tokens(text[at.end():at.end() + 160])
        if self.grammar.predicates.match(toks, 0) is None:
            return name
        longest = 0
        for n in range(1, min(len(toks), _QUALIFIER_WORDS)):
            word = toks[n - 1]
            inside = folded[at.end() + word.start:]
            if not word.word and word.text != "," or word.capital or _DUTY.match(inside) \
                    or (n == 1) == bool(re.match(_ADJUNCT_OPENERS, inside)) and self._opens_adjunct(text[at.end() + word.start:]):
                # a qualifier opens with a verb ("thực hiện nhiệm vụ …"), not a preposition, and holds no duty, no
                # adverbial clause ("… trước khi …") and no other body's name; "về", "tại" … go on inside it
                break
            following = folded[at.end() + toks[n].start:]
            if not word.word or not (_DUTY.match(following) or self.grammar.predicates.match(toks, n) is not None
                                     and not self._opens_adjunct(text[at.end() + toks[n].start:])) \
                    or any((verb := self.grammar.predicates.match(toks, j)) is not None and verb[0] == n and not verb[1]
                           for j in range(n)):
                continue  # the predicate opens with a duty or a verb of its own; the qualifier ends on its object
            phrase = re.escape(folded[at.start():at.end() + word.end])
            closed = re.compile(rf"(?:\w |, ){phrase}(?=\s*(?:[.;:)\n]|$|{_ADJUNCT_OPENERS}|{_DUTY.pattern}))|(?<!\w){phrase}\s*:")
            # this clause's own words, when a duty follows them here, are no evidence
            if len(closed.findall(self._folded_written)) > bool(_DUTY.match(following)):
                longest = n
        if not longest:
            return name
        return f"{name} {' '.join(text[at.end():at.end() + toks[longest - 1].end].split())}"

    def _named_as_usual(self, drafts: list[Draft]) -> list[Draft]:
        """Each doer a clause writes short ("Cơ quan sử dụng") named as the document mostly writes it, where that is
        another doer's name: the same words with a modifier after them ("… công chức", "… thuộc Sở Khoa học và Công
        nghệ"); the nearest such doer before the clause, else the first after it. Not for a bare head ("Sở", one of
        many), a plural ("các đơn vị": all of them), a longer list ("…, địa phương") or a verb after the words, which
        may open a predicate of their own ("cơ quan có thẩm quyền | tuyển dụng")."""
        doers = [(at, name, fold_key(name)) for at, draft in enumerate(drafts) for name in draft.agencies or []]

        @lru_cache(maxsize=None)
        def written(name: str) -> int:
            return len(re.findall(rf"(?<!\w){re.escape(fold_same_length(name).lower())}(?!\w)", self._folded_written))

        def modified(full: str, length: int) -> bool:
            toks = tokens(full)
            return length < len(toks) and toks[length].word and toks[length].key != "va" \
                and self.grammar.predicates.match(toks, length) is None

        def usual(at: int, name: str) -> str:
            toks = tokens(name)
            if any(t.key + " " in _PLURAL_KEYS for t in toks) \
                    or (head := self.grammar.heads.match(toks, 0)) is not None and head[0] == len(toks):
                return name
            short = fold_key(name) + " "
            longer = [(other, full) for other, full, key in doers
                      if key.startswith(short) and modified(full, len(toks)) and 2 * written(full) > written(name)]
            before = [full for other, full in longer if other < at]
            return before[-1] if before else longer[0][1] if longer else name

        return [replace(draft, agencies=[usual(at, name) for name in draft.agencies]) if draft.agencies else draft
                for at, draft in enumerate(drafts)]

    @staticmethod
    def _opens_adjunct(words: str) -> bool:
        """``words`` open with a duty or an adverbial ("có trách nhiệm", "phải", "theo", "để", "trước khi")."""
        folded = fold_same_length(words).lower()
        return bool(_DUTY.match(folded) or re.match(_ADJUNCT_OPENERS, folded) or _cues()["adverbial"].match(words.lower()))

    def _has_verb(self, name: str, after: int) -> bool:
        """A verb of a clause in ``name`` after its first ``after`` words (its head's: "Ban Chỉ đạo")."""
        toks = tokens(name)
        return any((verb := self.grammar.predicates.match(toks, k)) is not None and not verb[1]
                   for k in range(after, len(toks)))

    def _kind_end(self, text: str) -> int:
        """Where the body or kind of body that opens ``text`` ends ('Sở Tài chính …', 'Vụ …'), or 0."""
        if named := self.ruler.match_start(text, fuzzy=False, subject=True):
            return named[-1].end
        toks = tokens(text[:80])
        kind = self.grammar.collectives.match(toks, 0) if toks and toks[0].capital else None
        return toks[kind[0] - 1].end if kind else 0

    def _everyone(self, name: str) -> bool:
        """``name`` is everyone the text covers ('Các tổ chức, cá nhân có liên quan')."""
        toks = tokens(name)
        start = 1 if toks and toks[0].key in ("cac", "moi") else 0
        public = self.grammar.public_roles.match(toks, start)
        return public is not None and (public[0] == len(toks) or bool(_EVERYONE.match(fold_key(name[toks[public[0] - 1].end:]))))

    def _defined_role(self, text: str) -> Optional[str]:
        """A role the regulation defines, opening ``text`` as the subject of what it does; a role known only by the
        duties it is given, before a verb the grammar knows (not "… chỉ được sử dụng …", "… cấp tỉnh …"). The head of
        such a role stands for it, as a body's head does for the body ("Trưởng Đoàn kiểm tra tổ chức cuộc họp …")."""
        toks = tokens(text[:_TITLE_CHARS])
        title = self.grammar.titles.match(toks, 0)
        held = text[toks[title[0]].start:] if title is not None and title[0] < len(toks) and toks[title[0]].word \
            else None
        for opening in ([held] if held else []) + [text]:
            if (role := self._role_opening(opening)) is not None:
                return role
        return None

    def _role_opening(self, text: str) -> Optional[str]:
        """The role :meth:`_defined_role` looks for, opening ``text``."""
        folded = fold_key(text[:200])
        for role in self._roles + self._duty_roles:
            key = fold_key(role)
            if folded.startswith(key + " "):
                rest = text[len(" ".join(text.split()[:len(role.split())])):]
                if self._has_predicate(rest) and not _UNDERGOES.match(fold_same_length(rest.strip()).lower()) \
                        and ((fold_key(rest).split(" ")[0] if rest.strip() else "") not in _COPULAS.values()
                             or _RESPONSIBILITY.match(" " + fold_key(rest))) \
                        and (role in self._roles or self.grammar.predicates.match(tokens(rest[:80]), 0) is not None):
                    return role
        return None

    def _closing_addressee(self, blocks: list[Block]) -> list[str]:
        """The bodies a notice's closing line names ('Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh
        Phú Thọ và các Bộ, cơ quan liên quan biết, thực hiện'), collectives left out: whom the notice's
        tasks that name no one are for."""
        for block in reversed(blocks[-4:]):
            if m := _NOTICE_TO.search(fold_same_length(block.text)):
                named = self.grammar.find(block.text[m.end():])
                return [name for name in _names(named) if not fold_key(name).startswith("cac ")]
        return []

    def _states_a_rule(self, sentence: str, agencies: list[str]) -> bool:
        """In a letter's answer, a kind of body or person in general ('Doanh nghiệp', 'Cơ sở kinh doanh'), not
        bodies addressed ('Các doanh nghiệp …', a place's, the letter's recipients), that 'phải', 'được' or 'có
        trách nhiệm': the law restated."""
        recipients = {fold_key(name) for name in self._recipients}
        if not self._letter or not agencies or not all(self.grammar.is_generic(name) and not fold_key(name).startswith(_PLURAL_KEYS)
                                   and fold_key(name) not in recipients and not self.grammar.has_level(name)
                                   for name in agencies):
            return False
        folded = fold_same_length(sentence).lower()
        last = fold_same_length(agencies[-1]).lower()
        found = folded.find(last)
        return found >= 0 and bool(_RULE_MODALITY.match(folded[found + len(last):found + len(last) + 60].lstrip(" ,")))

    def _placed(self, name: str) -> str:
        """'Ủy ban nhân dân thành phố' in a notice to 'Ủy ban nhân dân thành phố Đà Nẵng': the one addressee
        it stands for, place and all. A place named alone ('Tỉnh', 'tỉnh Đắk Lắk') in a notice whose closing line
        tells that place's Ủy ban nhân dân to act stands for that committee."""
        key = fold_key(name)
        if _LOCAL_LEVEL.match(key):
            committees = [addressee for addressee in self._default
                          if (fold_key(addressee) + " ").startswith(f"uy ban nhan dan {key} ")]
            if len(committees) == 1:
                return committees[0]
            level = next((level for level in self._visited if fold_key(level) == key), None)
            return f"{name} {self._visited[level]}" if level else name
        if not key.endswith(_BARE_LEVELS + _LEVEL_COMMITTEES) or "," in name or key.startswith(_PLURAL_KEYS):
            return name
        placed = {addressee for addressee in self._default + self._recipients if fold_key(addressee).startswith(key + " ")
                  and addressee[len(name):].strip()[:1].isupper()}
        if level := next((level for level in self._visited
                          if key.endswith((" " + fold_key(level), " " + fold_key(level) + " uy"))), None):
            placed.add(f"{name} {self._visited[level]}")  # "… buổi làm việc với thành phố Đà Nẵng", "Thường trực Tỉnh ủy …"
        return placed.pop() if len(placed) == 1 else name

    def _binds_issuers_head(self, subject_text: str) -> bool:
        """A rule binds the issuer's head too ('Khi xảy ra cháy rừng, Chủ tịch Ủy ban nhân dân thành phố huy động …')."""
        return self._lays_down_rules and self.grammar.titles.match(tokens(subject_text), 0) is not None

    def _speaks_for_document(self, agencies: list[str], subject_text: str) -> bool:
        """The subject is the voice the document speaks in, so what it asks is the document's request: the issuer
        ('Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh …' in a letter of Bộ Nội vụ) or, in a text of its office, the
        body or leader whose words the office conveys ('Phó Thủ tướng Chính phủ đề nghị Bộ X …' in a notice of Văn
        phòng Chính phủ); not the issuer's head in a rule it lays down."""
        if self._binds_issuers_head(subject_text) or not self._issuer or not agencies:
            return False
        principal = _OFFICE_OF.sub("", fold_key(self._issuer))

        def its_leader(name: str) -> bool:  # "Phó Thủ tướng Chính phủ": the words after the post name the principal
            words = fold_key(name).split()
            return any(principal.startswith(" ".join(words[start:])) for start in range(len(words) - 1))

        return self._is_issuer(agencies) or all(its_leader(name) for name in agencies)

    def _is_issuer(self, agencies: list[str]) -> bool:
        """The agencies are the document's issuer ('Ủy ban nhân dân tỉnh' in a plan of Ủy ban nhân dân
        tỉnh Lai Châu, 'Chính phủ' in a resolution of the Government)."""
        if not self._issuer or not agencies:
            return False
        issuer = fold_key(self._issuer)
        return all(issuer == key or issuer.startswith(key + " ") for key in (fold_key(name) for name in agencies))

    def _label(self, text: str) -> Optional[tuple[list[str], int]]:
        """'Sở Tư pháp: Bố trí …' → (['Sở Tư pháp'], offset of 'Bố trí'). A last name the grammar cannot
        read ('…, Bảo Bắc Giang:', OCR damage) is kept as written."""
        colon = text.find(":", 0, 250)
        if colon < 0 or not text[colon + 1:].strip():
            return None
        listed = self.ruler.match_start(text, subject=True)
        if listed and listed[-1].end > colon:
            return None  # "Bộ trưởng các Bộ: Quốc phòng, Công an …": a list after the colon, not a label
        names = _names(self.grammar.whole(text[:colon]))
        if not names and listed and (rest := _LAST_NAME.fullmatch(text[listed[-1].end:colon])):
            names = _names(listed) + [" ".join(rest.group(1).split())]
        if not names and len(listed) == 1 and self.grammar.is_generic(listed[0].canonical) \
                and not self.grammar.find(text[listed[0].end:colon]) and not _LISTS_MEMBERS.search(text[:colon]):
            # "Các cơ quan thông tin, truyền thông của tỉnh: Xây dựng …": a kind of body and what qualifies it
            names = self._qualified_collective(text[:colon + 1]) or []
        if not names and self._lays_down_rules:
            names = self._labelled_kind(text[:colon], text[colon + 1:])
        if not names:
            return None
        return names, colon + 1 + len(text[colon + 1:]) - len(text[colon + 1:].lstrip())

    def _labelled_kind(self, label: str, value: str) -> list[str]:
        """In a regulation, a label naming a kind of body or person by its place or function, whose value is work
        ("Cơ quan nơi đi: Nhận xét, đánh giá …", "Cấp có thẩm quyền quyết định: Lãnh đạo …"): that doer. Not a field
        whose value is a name ("Cơ quan thực hiện: Sở Tư pháp"), a label holding a body's own name, the other
        readings' ("Sở X phối hợp Ban Y: hướng dẫn …"), nor one that lists members ("… bao gồm: …")."""
        name = " ".join(label.split())
        toks = tokens(name)
        value = value.strip()
        if not toks or not toks[0].capital or any(t.capital for t in toks[1:]) or len(toks) > _DOER_TOKENS \
                or not all(t.word or t.text == "," for t in toks) \
                or not (self._opens_with_verb(value) or _cues()["step_verb"].match(value.lower())):
            return []
        head = self.grammar.collectives.match(toks, 0) or self.grammar.roles.match(toks, 0) \
            or self.grammar.person_collectives.match(toks, 0)
        if head is None or self._everyone(name) or _APPLICANT.search(fold_key(name)) or _LISTS_MEMBERS.search(name):
            return []
        return [name]

    def _subject_before_predicate(self, text: str, roles: bool = True, framed: bool = False) -> Optional[list[str]]:
        """A subject the grammar cut short: a name ('Ban Quản lý dự án đầu tư xây dựng các công trình giao
        thông tỉnh chủ trì …') up to the first strong predicate, or a collective with the clause that
        qualifies it ('Các cơ quan được phân công chủ trì … theo Kế hoạch này có trách nhiệm …') up to an
        obligation ('có trách nhiệm', 'phải' …)."""
        toks = tokens(text[:400])
        if self._adverbial(text):
            return None  # "Trường hợp bị thương phải sơ cứu …": a condition, no subject
        if not toks or not (toks[0].capital or toks[0].key == "cac" or framed):
            return None  # after an adverbial clause a kind of body goes on in lower case ("Trong thời hạn …, cơ quan … phải")
        head = self.grammar.heads.match(toks, 0) or self.grammar.aliases.match(toks, 0)
        named = head is not None and self.grammar.is_name_word(toks, head[0])
        start = 1 if toks[0].key == "cac" else 0
        # "Tổ chức kiểm định có trách nhiệm …": a word that also opens an activity is a kind of body when a duty follows
        collective = self.grammar.collectives.match(toks, start) if not named and (
            not self.grammar.not_heads.match(toks, 0) or self._duty_follows(text, toks)) else None
        role = self.grammar.roles.match(toks, start) if not named else None
        public = self.grammar.public_roles.match(toks, start) if role is None and not named else None
        if public is not None:
            rest = fold_key(text[toks[public[0] - 1].end:])
            if _FEEDBACK.match(rest):
                # "…, nếu có vướng mắc, tổ chức, cá nhân phản ánh về Sở X": everyone covered gives feedback
                return [_capitalise(" ".join(text[toks[0].start:toks[public[0] - 1].end].split()))]
            if not _EVERYONE.match(rest) and not _cues()["obligation"].match(rest):
                role = public  # "Tổ chức, cá nhân sản xuất, kinh doanh hàng hóa … có trách nhiệm": a role of its own
        if collective is None:
            collective = role  # "Người nộp phí có trách nhiệm …", "Bộ phận một cửa …", "Tổ chức, cá nhân …"
        if not named and collective is None:
            return None

        def up_to(duty: str, words: int, proper: bool = True) -> Optional[list[str]]:
            condition = None  # where an assigned role's "khi …" opens the case its duty is for
            for k in range(2, min(len(toks), words)):
                if not toks[k].word:
                    if toks[k].text not in ("-", "(", ")", ",") or named and toks[k].text == ",":
                        return None
                    continue
                if toks[k].capital:
                    if not proper:
                        return None  # a role is named in common words ("Người nộp lệ phí Người nộp …" is a title run on)
                    continue
                if named and toks[k].key == "duoc" and k + 1 < len(toks) and toks[k + 1].key in _ASSIGNED_VERBS:
                    # "Văn phòng Ủy ban nhân dân tỉnh được giao quản lý …": a name, then what it was given to do;
                    # "Trung tâm X (Sở Y) được giao …": the body it belongs to is an aside
                    return [_capitalise(_ASIDE_AT_END.sub("", " ".join(text[toks[0].start:toks[k - 1].end].split())))]
                if _is_tense_mark(toks[k]) or toks[k].key == "tran" and k + 1 < len(toks) and toks[k + 1].key == "trong":
                    return None  # "Bộ Nội vụ sẽ tổng hợp …", "Bộ X trân trọng đề nghị …": what it did, will do or asks politely
                if _is_one_of(toks[k], _COPULAS) and condition is None \
                        and not _cues()["obligation"].match(fold_same_length(text[toks[k].start:]).lower()):
                    return None  # "Đại học X là đơn vị …", "Cục Y có kế hoạch …": a statement about the body, no name goes on
                if collective is not None and duty == "role_duty" and _authority_before(toks, k) \
                        and self._power_end(toks, k) == k:
                    pass  # "Người có thẩm quyền phê duyệt …": the role named by its power, then what it does
                elif collective is not None:
                    if toks[k].exact in _CLAUSE_WORDS:
                        if toks[k].exact == "khi" and _assigned_role(toks, k):
                            condition = condition or k  # "Cá nhân được giao quản lý … khi có thay đổi … phải …"
                            continue
                        return None  # "Cơ quan thuế không có trách nhiệm …", "Cá nhân khi gửi …": no duty of the kind
                    if toks[k].exact in _DUTY_ADVERBS:
                        continue  # "Người nộp thuế tự chịu trách nhiệm …": the duty follows
                    if not _cues()[duty].match(fold_same_length(text[toks[k].start:]).lower()) or toks[k].marked \
                            and not _cues()[f"{duty}_marked"].match(text[toks[k].start:].lower()):
                        continue
                elif (predicate := self.grammar.predicates.match(toks, k)) is None or predicate[1]:
                    continue
                end = condition or k
                while end > 2 and toks[end - 1].exact in _DUTY_ADVERBS:
                    end -= 1
                name = " ".join(text[toks[0].start:toks[end - 1].end].split())
                if qualified := _QUALIFIED.search(fold_same_length(name).lower()):
                    name = name[:qualified.start()]  # "Các sở, ban, ngành … theo chức năng, nhiệm vụ …", "… đối với …": how, not who
                if name.endswith(",") or toks[k - 1].key in ("va", "hoac") or not self._has_predicate(text[toks[k - 1].end:]) or head is not None and head[0] >= k:
                    return None
                if collective is not None and (_UNDERGOES.match(after := fold_same_length(text[toks[end].start:]).lower())
                                               or _ANSWERABLE.match(after)):
                    return None  # "Người lao động … phải được huấn luyện", "Đơn vị … được thu …": what it undergoes or may do
                if collective is not None and _APPLICANT.search(fold_key(name)):
                    return None  # "Cơ sở đề nghị cấp phép nộp hồ sơ …": an applicant's instructions, no duty
                name = name[:1].upper() + name[1:]
                # before the verb a comma may join kinds that share the scope closing them; "và" closes the list
                return [name] if named else self._listed_doers(name) or self._coordinated_kinds(name, separators=("va",))
            return None

        lower = not toks[0].capital and start == 0  # a kind of body in common words only, no name inside it
        if self._letter and not named and toks[0].key not in ("cac", "tung"):
            return None  # a letter's answer restates the law for a kind of body or role ("Cơ sở kinh doanh …")
        found = up_to("obligation", 40 if collective else 20, proper=not lower)
        if found is not None and public is not None and _MUST.match(fold_key(text)[len(fold_key(found[0])):].strip()) \
                and not _assigned_role(tokens(found[0]), len(tokens(found[0]))):
            # what everyone covered "phải" do is a rule of conduct ("Tổ chức, cá nhân sử dụng điện phải …"); what the
            # person given a charge must do is a duty of that role ("Cá nhân được giao quản lý hộp thư … phải …")
            return None
        sentence = text.rstrip().endswith((".", ";", ":")) and ":" not in text[:text.find(" ", 60) if len(text) > 60 else None]
        if found is None and roles and sentence and collective is not None and (
                role or not self.grammar.not_heads.match(toks, start)):
            # (not a title, "Đơn vị tính giá … thực hiện công việc", nor a label, "Cơ quan thực hiện TTHC: Sở Tư pháp")
            # "Người nộp phí nộp …", "Cơ quan tiếp nhận hồ sơ thực hiện …": a kind of body or role, then what it does
            found = up_to("role_duty", _ROLE_WORDS, proper=False)
        return found

    def _listed_doers(self, name: str) -> Optional[list[str]]:
        """A subject listing several doers, each whole in itself, before what they were assigned ("Các sở, ngành và Ủy
        ban nhân dân các xã, phường được phân công chủ trì …", "Người có thẩm quyền …, công chức tham mưu … được phân
        công cập nhật …"): one doer each, the assignment saying which of them, not who they are. None: no such list (a
        kind named by its assignment, "Các cơ quan, đơn vị được giao chủ trì", is one doer)."""
        toks = tokens(name)
        assigned = next((j for j in range(1, len(toks) - 1)
                         if toks[j].key == "duoc" and toks[j + 1].key in _ASSIGNED_VERBS), None)
        if assigned is None:
            return None
        listed = name[:toks[assigned - 1].end]
        known = self.ruler.match_start(listed, fuzzy=False, subject=True)
        if len(known) > 1 and known[-1].end == len(listed):
            return _names(known)
        doers = self._coordinated_kinds(listed)
        return doers if len(doers) > 1 else None

    def _responsible(self, text: str, words: int = _DOER_WORDS) -> Optional[list[str]]:
        """'Lưu trữ hiện hành có trách nhiệm kiểm tra …', 'Kiểm toán viên nhà nước có trách nhiệm nộp …': a noun
        phrase opening the clause and given a responsibility is its doer, whether or not the grammar knows its head
        (a title stands for the body after it: 'Thủ trưởng đơn vị trực tiếp quản lý có trách nhiệm …')."""
        folded = fold_same_length(text[:300]).lower()
        m = _RESPONSIBILITY.search(folded)
        if m is None or not text[:1].isupper():
            return None
        toks = tokens(text[:m.start()])
        if not 1 <= len(toks) <= words or any(not t.word and t.text not in (",", "-") for t in toks) \
                or any(_is_tense_mark(t) or t.key in ("khong", "chua") for t in toks) \
                or self._adverbial(text) or _cues()["assign"].match(folded) or self.grammar.predicates.match(toks, 0):
            return None
        if (title := self.grammar.titles.match(toks, 0)) is not None and title[0] < len(toks):
            toks = toks[title[0]:]  # the title stands for its body
        name = _capitalise(" ".join(text[toks[0].start:toks[-1].end].split()))
        if self._everyone(name) or _APPLICANT.search(fold_key(name)):
            return None
        return [name]

    def _kind_up_to_duty(self, clause: str) -> Optional[list[str]]:
        """'(Khi … thì) người được phân công phụ trách quản lý Hệ thống tại cơ quan, đơn vị có trách nhiệm:': after a
        condition, a kind of body or role in common words, with all that qualifies it, up to its duty."""
        duty = _DUTY_AFTER_CONDITION.search(fold_same_length(clause[:_CONDITION_CHARS]).lower())
        toks = tokens(clause[:duty.start()]) if duty else []
        if not toks or toks[0].capital or len(toks) > _DOER_TOKENS or any(t.text in ";.:()" for t in toks):
            return None
        start = 1 if toks[0].key + " " in _PLURAL_KEYS else 0
        if self.grammar.roles.match(toks, start) is None and self.grammar.collectives.match(toks, start) is None:
            return None
        return [_capitalise(" ".join(clause[:toks[-1].end].split()))]

    def _titled_kind(self, lead: AgencyMatch, text: str) -> Optional[AgencyMatch]:
        """'Người đứng đầu cơ quan có thẩm quyền tuyển dụng quyết định …', 'Thủ trưởng cơ quan sử dụng công chức
        chịu trách nhiệm …': the kind of body a head's title names keeps the clause that qualifies it (its authority,
        or a verb with its object), up to the head's own verb. A body named without a title ('UBND cấp xã cấp giấy phép
        …') does its verb itself, and an object with a function word in it ('quyết định số tiết của từng nhà giáo
        được chi trả …', '… sau khi thống nhất') is the head's own clause, not one that qualifies the body."""
        if not self.grammar.is_generic(lead.canonical) or self.grammar.titles.match(tokens(text[lead.start:lead.end]), 0) is None:
            return None
        toks = tokens(text[lead.end:lead.end + 160])
        authority = _AUTHORITY.match(fold_key(text[lead.end:lead.end + 20]))
        k = len(tokens(authority.group(0))) if authority else 0
        j = self._qualifier_end(toks, k, bool(authority))
        if j is None:
            if not authority:
                return None
            j = k  # "… có thẩm quyền | quyết định cho thôi việc": the power alone names the body
        qualifier = " ".join(text[lead.end:lead.end + toks[j - 1].end].split())
        return AgencyMatch(lead.start, lead.end + toks[j - 1].end, f"{lead.canonical} {qualifier}")

    def _qualifier_end(self, toks: list[Token], k: int, authority: bool) -> Optional[int]:
        """Where the clause that qualifies a kind of body at ``toks[k]`` ends, before the head's own verb: a verb, or
        verbs in a row, with their object ("sử dụng công chức", "trực tiếp quản lý công chức"), the power after "có
        thẩm quyền", or a clause of where ("nơi công chức đang công tác"). None: no such clause, or no verb after it."""
        where = k < len(toks) and toks[k].key == "noi"
        if where:
            j, objects = k + 1, 0
        else:
            verb = self.grammar.predicates.match(toks, k)
            if verb is None:
                return None
            j, objects = verb[0], 0
            if not authority and (chained := self.grammar.predicates.match(toks, j)) is not None:
                j = chained[0]  # "trực tiếp quản lý …": a verb that says how, then the verb it qualifies
        while j < len(toks) and toks[j].word and not toks[j].capital and self.grammar.predicates.match(toks, j) is None:
            if self.grammar.stops.match(toks, j) is not None and not (where and _is_tense_mark(toks[j])):
                return None
            j, objects = j + 1, objects + 1
        if not (authority or objects) or j >= len(toks) or self.grammar.predicates.match(toks, j) is None:
            return None
        return j

    def _qualified_kind(self, lead: list[AgencyMatch], text: str) -> Optional[list[str]]:
        """'Các cơ quan, tổ chức, đơn vị chủ trì quản lý tài sản có trách nhiệm …': kinds of body whose
        qualifying clause holds a verb, named up to the obligation that follows it."""
        if not all(self.grammar.is_generic(match.canonical) for match in lead):
            return None
        whole = self._subject_before_predicate(text, roles=False)
        if whole is None or len(whole) != 1 or len(whole[0]) <= lead[-1].end \
                or not _cues()["obligation"].match(fold_key(text)[len(fold_key(whole[0])):].strip()):
            return None  # a kind named up to its duty, not a body's name run on into its work ("… cấp xã tổ chức rà soát")
        clause = tokens(whole[0][lead[-1].end:])  # "theo thẩm quyền" is an adverbial, no qualifying clause
        if len(lead) == 1 and clause and clause[0].text == "," and len(tokens(text[lead[0].start:lead[0].end])) > 3:
            # "Các Sở quản lý ngành, lĩnh vực có trách nhiệm …": the qualifier's objects go on, up to the next body named
            named = next((k for k in range(1, len(clause)) if clause[k].capital and clause[k - 1].text == ","), None)
            if named is None:
                return whole
            tail = whole[0][lead[-1].end + clause[named].start:]
            return [whole[0][:lead[-1].end + clause[named - 1].start]] + _names(self.grammar.find(tail))
        return _without_pointer(whole) if any(self.grammar.predicates.match(clause, k) for k in range(len(clause))) else None

    @staticmethod
    def _duty_follows(text: str, toks: list) -> bool:
        """A few lower-case words, then 'có trách nhiệm', 'có nhiệm vụ' or 'phải': the words before are a subject."""
        for k in range(2, min(len(toks), _SUBJECT_WORDS)):
            if not toks[k].word or toks[k].capital:
                return False
            if _DUTY.match(fold_same_length(text[toks[k].start:]).lower()):
                return True
        return False

    def _has_predicate(self, after: str) -> bool:
        """The words after the lead agencies make them the subject of an obligation
        ('Sở Tài chính, trên cơ sở đề xuất …, chủ trì …' too)."""
        rest = after.strip()
        if m := _PARENTHESIS.match(rest):  # "(cơ quan thường trực)"
            rest = rest[m.end():].strip()
        if qualifier := _cues()["qualifier"].match(fold_same_length(rest).lower()):
            rest = rest[qualifier.end():]
            if _PLACE_ONLY.match(fold_key(rest)):
                return False  # "Ủy ban nhân dân xã, phường trên địa bàn thành phố;": a name and its place, no verb
        if self._lays_down_rules and (will := _WILL.match(rest)):
            rest = rest[will.end():]  # "… kể từ ngày nhận được văn bản, Sở X sẽ thực hiện …": a step a rule sets
        comma_first = rest.startswith(",")
        if comma_first:
            rest = rest[1:].strip()
        # "Sở Tài chính, trên cơ sở …, chủ trì", "Bộ Xây dựng với vai trò là cơ quan thường trực …, chủ động …"
        if comma_first and _cues()["adverbial"].match(rest) or fold_same_length(rest[:14]).lower().startswith(_ASIDES):
            comma = rest.find(",", 0, 160)
            if comma > 0:
                rest = rest[comma + 1:].strip()
        if not rest or not rest[0].isalpha() or rest[0].isupper():
            return False
        # "… có 102 đơn vị hành chính": how many it has, a fact, no obligation
        return not _cues()["not_predicate"].match(fold_key(rest)) and not _HAS_QUANTITY.match(fold_key(rest))

    def _subject_list(self, clause: str) -> list[AgencyMatch]:
        """The agencies ``clause`` opens with, exact names only, with the kinds of body its list goes on with."""
        return self.grammar.list_run_on(clause, self.ruler.match_start(clause, fuzzy=False, subject=True), self._predicate_starts)

    def _states_competence(self, text: str) -> bool:
        """``text`` only says who decides a matter ("Trường hợp đặc biệt do cấp có thẩm quyền xem xét, quyết định."):
        it opens with the matter, neither with work ("Thành lập Tổ kiểm kê do Thủ trưởng … quyết định") nor with a body
        doing it ("Các Sở … chủ trì thẩm định … dự án do Chủ tịch … quyết định đầu tư"), gives it no duty and names the
        holder deciding, not putting it forward to another."""
        m = _DECIDED_BY.match(nfc(text.strip()).lower())
        toks = tokens(text[:80])
        # a verb that may also open a name ("Tổ chức thi …", "Xây dựng …") is read as work, a body named first as a doer
        return bool(m and toks and toks[0].word and self.grammar.predicates.match(toks, 0) is None
                    and not self.ruler.match_start(text, subject=True)
                    and not _DUTY_WORD.search(fold_key(m["matter"])) and not _REFERS.search(m["holder"]))

    def _predicate_starts(self, rest: str) -> bool:
        """``rest`` opens with an obligation or a verb that is no part of a name ('có trách nhiệm …', 'chủ động tổ chức …')."""
        rest = rest.strip()
        toks = tokens(rest[:80])
        predicate = self.grammar.predicates.match(toks, 0) if toks and toks[0].word else None
        return bool(_cues()["obligation"].match(fold_same_length(rest).lower())) or predicate is not None and not predicate[1]

    def _assigned(self, text: str) -> Optional[tuple[list[str], str]]:
        """'Giao Sở X chủ trì …', 'đề nghị Bộ Y …', 'Khuyến khích các doanh nghiệp …' (where a sentence
        opens only) → (the agencies named, the rest)."""
        m = _cues()["assign"].match(fold_same_length(text)) or _cues()["encourage"].match(fold_same_length(text))
        if not m:
            return None
        rest = text[m.end():]
        named = self._addressees_meant(rest) or self.ruler.match_start(rest, subject=True) or self._kind_then_bodies(rest)
        if not named:
            return None
        return _names(named), rest[named[-1].end:]

    def _kind_then_bodies(self, text: str) -> list[AgencyMatch]:
        """'(giao) cơ quan chuyên môn về xây dựng, Ban Quản lý …, Sở Y chủ trì …': a kind of body in common words,
        up to the separator after which the grammar names a body, then the bodies the list goes on with up to
        their verb; [] unless the whole list ends at a predicate."""
        toks = tokens(text[:_KIND_CHARS])
        if not toks or toks[0].capital or self.grammar.collectives.match(toks, 0) is None:
            return []
        for k in range(1, len(toks)):
            if not toks[k].word and toks[k].text not in (",", "-"):
                return []
            if (toks[k].text == "," or toks[k].key == "va") and self.ruler.match_start(text[toks[k].end:], fuzzy=False, subject=True):
                kind = AgencyMatch(0, toks[k - 1].end, _capitalise(" ".join(text[:toks[k - 1].end].split())))
                found = self.grammar.list_run_on(text, [kind], self._predicate_starts)
                return found if len(found) > 1 else []
        return []

    def _subject_clause(self, text: str) -> tuple[str, int]:
        """Where the subject starts when an adverbial clause comes first ('Trên cơ sở kết quả khảo sát,
        Sở Xây dựng chủ trì …' → 'Sở Xây dựng chủ trì …'), and where its sentence starts. A lead-in's
        subject may follow a purpose clause of any kind, in its last sentence."""
        lead_in = text.rstrip().endswith(":")
        adverbial = self._adverbial(text)  # a kind of body in lower case is a subject only after an adverbial clause
        if not adverbial and not lead_in or self._opens_with_subject(text):
            return text, 0
        first = max((m.end() for m in SENTENCE_BREAK.finditer(text)), default=0) if lead_in else 0
        end = next((m.start() for m in SENTENCE_BREAK.finditer(text, first)), len(text))
        # "Trường hợp …, Sở X …", "Trường hợp … thì Sở X …", "Trường hợp …: cơ quan …": the subject after the condition
        for comma in _MAIN_CLAUSE.finditer(text[first:min(end, first + 400)]):
            if comma.group(0).startswith(":") and not _CONDITION.match(text[first:]):
                continue  # "Thực hiện mở tài khoản: …": a topic's label
            if comma.group(0).startswith(",") and _DUTY_WRITTEN.search(text, first, first + comma.start()) \
                    and not _THEN.search(text, first + comma.end(), end):
                # "Khi … thì phải báo cáo ngay cho cơ quan, đơn vị …": the main clause has begun, its objects go on;
                # "Trường hợp … cần phải có tư vấn, phản biện … thì …" is still the condition
                break
            before = text[max(first, first + comma.start() - 120):first + comma.start()]
            found = self.grammar.find(before)
            ending = next((m for m in found if m.end == len(before)), None)
            if comma.group(0).startswith(",") and ending is not None \
                    and not _OWNER.search(fold_same_length(before[:_list_start(found, ending, before)]).lower()):
                # the next name continues a list ("phối hợp với Sở A, Sở B …", "đề nghị các Sở, UBND …"),
                # it is no subject; after "của" it may be ("… của Văn phòng Quốc hội, Bộ Xây dựng làm việc …")
                continue
            clause = _strip_opening(text[first + comma.end():])
            if self._opens_with_subject(clause, mid_sentence=True, framed=adverbial) \
                    or comma.group(0).strip() == "thì" and self._kind_up_to_duty(clause) is not None:
                if len(clause) == len(text) - first - comma.end() and comma.group(0).startswith(","):
                    # "Sau khi …, tổ chức, đơn vị phải báo cáo …": the doer's list began at an earlier comma
                    if (listed := self._kinds_ending(text[first:first + comma.start()])) is not None:
                        clause = text[first + listed:]
                return clause, first
        # "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan … kịp thời phản ánh",
        # "…, nếu có vướng mắc đề nghị các Sở … phản ánh": a subject or an assignment with no comma before it.
        window = text[first:min(end, first + 400)]
        if adverbial and (named := self._name_closing_opening(window)) is not None:
            return text[first + named:], first
        for word in _CLAUSE_OPENER.finditer(fold_same_length(window).lower()):
            if any(_is_tense_mark(t, _PAST_MARKS) for t in tokens(window[:word.start()].rsplit(",", 1)[-1])):
                continue  # "…, Bộ Nội vụ đã có văn bản đề nghị các Bộ …" tells what was done
            previous = tokens(window[:word.start()])[-2:]
            if previous and previous[-1].word and (any(self.grammar.predicates.match(previous, n) for n in range(len(previous)))
                             or self.grammar.stops.match(previous, len(previous) - 1)):
                continue  # "chỉ đạo các cơ sở …", "cùng các doanh nghiệp …": an object, no subject ("…; các sở" is one)
            clause = text[first + word.start():]
            if _REQUEST_WORD.match(word.group(0)) and (asking := self._name_ending(window[:word.start()])) is not None:
                clause = text[first + asking:]  # "Khi cần thiết Chủ tịch Ủy ban nhân dân cấp xã đề nghị …": who asks
            if self._opens_with_subject(clause, mid_sentence=True):
                return clause, first
        return text, 0

    def _name_ending(self, phrase: str) -> Optional[int]:
        """Where the list of bodies that ends ``phrase`` starts, if one does."""
        phrase = phrase.rstrip()
        found = self.grammar.find(phrase)
        if not found or found[-1].end != len(phrase):
            return None
        return _list_start(found, found[-1], phrase)

    def _kinds_ending(self, phrase: str) -> Optional[int]:
        """Where the kinds of body or people in lower case that end ``phrase``, each after a comma, start ('Sau khi …,
        tổ chức' → where 'tổ chức' starts; '…, công chứng viên'); None when it ends with none, or with kinds that go
        on with a list the phrase names. The words before the first comma open the phrase."""
        start = len(phrase)
        while (comma := phrase.rfind(",", 0, start)) >= 0:
            segment = phrase[comma + 1:start]
            toks = tokens(segment)
            if not toks or toks[0].capital or self._listed_kinds(toks, 0, len(toks)) is None \
                    and _agent_noun_end(toks, 0) != len(toks):
                break
            start = comma + 1 + len(segment) - len(segment.lstrip())
        if start < len(phrase) and self._ends_with_kind(tokens(phrase[:start].rstrip(" ,"))):
            return None  # "Căn cứ điều kiện của cơ quan, tổ chức, …": the kinds go on with the list the phrase names
        return start if start < len(phrase) else None

    def _name_closing_opening(self, phrase: str) -> Optional[int]:
        """Where a body's own name, in capitals, closes an opening phrase that no comma closes ('Hằng năm Bộ Quốc
        phòng lập …', 'Trước ngày 01 tháng 11 hằng năm Tập đoàn X có trách nhiệm:'), when its predicate follows. Only
        after a time, a frequency or a case, and only when no later subject was read: a case's own subject ('Trường hợp
        Hội X đề xuất …: …') then does what the main clause says. Not a name the phrase governs, after a preposition,
        a passive or a link inside it ('Khi được Ủy ban nhân dân tỉnh giao, …')."""
        if not (_CONDITION.match(phrase) or _TIME_OPENING.match(phrase) or _cues()["frequency"].match(fold_key(phrase))):
            return None
        toks = tokens(phrase.split(",", 1)[0])  # the words up to the first comma, after which a comma closes it
        for k in range(1, len(toks)):
            previous = toks[k - 1]
            if previous.exact in _PREPOSITIONS or previous.exact in _CLAUSE_LINKS and k > 1 \
                    or previous.exact in _GOVERNING_WORDS:
                return None
            if not toks[k].capital or not previous.word or previous.capital:
                continue
            clause = phrase[toks[k].start:]
            lead = self.ruler.match_start(clause, fuzzy=False, subject=True)
            if lead and not self.grammar.is_generic(lead[-1].canonical) and not clause[lead[-1].end:].lstrip().startswith(",") \
                    and self._has_predicate(clause[lead[-1].end:]):
                return toks[k].start
            return None
        return None

    def _passive_doer(self, text: str) -> Optional[list[str]]:
        """'Việc tổng hợp ý kiến do Sở X thực hiện …', 'Phương án xử lý tài sản do Sở X lập …': the body
        after 'do' that does what the sentence opens with, a noun phrase. Not after an order ('Tổ chức kiểm
        tra các công trình do Sở X quản lý' is the work of whoever the section names) nor after a
        preposition ('… thực hiện theo mẫu do Bộ X ban hành' names a document's author)."""
        sentence = text[:next((m.start() for m in SENTENCE_BREAK.finditer(text)), len(text))]
        m = _PASSIVE_DOER.search(fold_same_length(sentence[:_PASSIVE_SUBJECT_CHARS]).lower())
        if m is None:
            return None
        subject = tokens(sentence[:m.start()])
        if not subject or self.grammar.predicates.match(subject, 0) or any(
                t.text in ",;:" or t.text.lower() in _PREPOSITIONS for t in subject):
            return None
        doer = self.ruler.match_start(sentence[m.end():], fuzzy=False, subject=True)
        if doer and _ISSUED.match(fold_same_length(sentence[m.end():][doer[-1].end:]).lower()):
            return None  # "… các văn bản do Ủy ban nhân dân tỉnh X ban hành": the documents' author, no doer
        if not doer or not self._has_predicate(sentence[m.end():][doer[-1].end:]):
            # a kind of body or role: "… do cơ quan tiếp nhận hồ sơ thực hiện"
            return self._subject_before_predicate(sentence[m.end():], framed=True)
        return _names(doer)

    def _adverbial(self, text: str) -> bool:
        """The text opens with an adverbial ('Theo quy định, …', 'Trên cơ sở …,'), not with a verb that
        begins with the same word ('Theo dõi …')."""
        m = _cues()["adverbial"].match(text)
        if not m:
            return False
        toks = tokens(text[:60])
        predicate = self.grammar.predicates.match(toks, 0)
        return predicate is None or toks[predicate[0] - 1].end <= m.end() - 1

    def _opens_with_subject(self, text: str, mid_sentence: bool = False, framed: bool = False) -> bool:
        """``text`` opens with a subject and its predicate, or an assignment. Mid-sentence, exact names
        only, and a comma after the name must open an adverbial or more bodies ('… của Ban Quản lý dự
        án, các nhà thầu, ý kiến của …' is a list of what was heard, no subject). After an adverbial clause
        (``framed``) a kind of body in lower case is a subject too, and so is a name that goes on in lower case past
        where the exact match stops ('Trung tâm Kiểm định chất lượng và an toàn công trình thành lập …')."""
        lead = self.ruler.match_start(text, fuzzy=False, subject=True)
        after = text[lead[-1].end:].lstrip() if lead else ""
        if mid_sentence and after.startswith(","):
            after = after[1:].strip()
            if not _cues()["adverbial"].match(after) and not self.grammar.collectives.match(tokens(after[:40]), 0):
                return False
        return bool(lead) and self._has_predicate(text[lead[-1].end:]) or bool(_cues()["assign"].match(fold_same_length(text))) \
            or framed and (text[:1].islower() or bool(lead)) and self._subject_before_predicate(text, framed=True) is not None

    def _addressees_meant(self, text: str) -> list[AgencyMatch]:
        """'Các Sở Xây dựng nêu trên …' → the addressees it points back to (the recipients
        whose names start with 'Sở Xây dựng'), as a lead ending after 'nêu trên'."""
        if not self._recipients:
            return []
        m = _ANAPHORIC_AGENCY.match(fold_same_length(text[:200]))
        if m:
            kind = fold_key(m.group("kind"))
            return [AgencyMatch(0, m.end(), name) for name in self._recipients if fold_key(name).startswith(kind + " ")]
        # "Chủ tịch Ủy ban nhân dân các tỉnh nêu trên": the addressees of that kind ("… tỉnh Nghệ An")
        lead = self.ruler.match_start(text[:200], fuzzy=False, subject=True)
        back = _BACK_REFERENCE.match(fold_same_length(text[lead[-1].end:200])) if lead else None
        if back is None:
            return []
        kinds = [fold_key(re.sub(r"(?i)\bcác\s+", "", match.canonical)) for match in lead]
        end = lead[-1].end + back.end()
        return [AgencyMatch(0, end, name) for name in self._recipients
                if any(fold_key(name).startswith(kind + " ") for kind in kinds)]

    def _recipient_agencies(self, recipients: list[str]) -> list[str]:
        names = []
        for recipient in recipients:
            matches = self.grammar.whole(recipient)
            names.extend(_names(matches) if matches else self.grammar.listed_bodies(recipient))
        return names

    def _clause_obligations(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, agencies) of each clause or sentence of ``text`` that has
        its own agency subject; the first clause starts the text."""
        starts = [(0, _names(self.grammar.list_run_on(text, self.ruler.match_start(text, subject=True), self._predicate_starts)))]
        for m in _CLAUSE_BREAK.finditer(text):
            clause = _strip_opening(text[m.end():])
            lead = self._subject_list(clause)
            if lead and self._has_predicate(clause[lead[-1].end:]):
                starts.append((m.end(), _names(lead)))
        ends = [start for start, _ in starts[1:]] + [len(text)]
        return [(start, end, names) for (start, names), end in zip(starts, ends)]

    def _later_obligations(self, text: str, by_function: bool = False) -> list[tuple[int, list[str], bool, bool]]:
        """Sentences after the first that assign an obligation of their own (their
        subject is an agency, or they open with 'Giao/Đề nghị/Yêu cầu' + agency, also after
        an adverbial clause): (start offset, agencies, named by an assignment, after an
        adverbial clause) for each. ``by_function``: a kind of body named by what it holds or
        does is a subject too ('Hội đồng tuyển dụng quyết định thành lập Ban kiểm tra …')."""
        found = []
        breaks = sorted([(m.end(), False) for m in SENTENCE_BREAK.finditer(text)]
                        + [(m.end(), True) for m in _CLAUSE_AFTER_SEMICOLON.finditer(text)])
        for start, after_semicolon in breaks:
            # Exact names only: a fuzzy match at any sentence start would see agencies in OCR noise.
            sentence = _strip_opening(text[start:])
            if after_semicolon and not (sentence[:1].isupper() and self._ends_a_clause(text[:start])):
                # a subject after "; " is named with its capital ("…; Sở X …", not "…; các ngành nghề …"), after a
                # clause of its own (not "Ủy ban Mặt trận Tổ quốc …; các sở, ban, ngành; …": bodies listed)
                continue
            framed = False  # "Để xác định vị trí dự án, Ủy ban nhân dân tỉnh phối hợp …": a subject after the clause
            if self._adverbial(sentence) and (comma := sentence.find(", ", 0, 250)) > 0 and \
                    self._opens_with_subject(clause := _strip_opening(sentence[comma + 2:]), mid_sentence=True, framed=True):
                sentence, framed = clause, True
            lead = self._subject_list(sentence)
            if after_semicolon and lead and (";" in sentence[:lead[-1].end] or _UNDERGOES.match(
                    fold_same_length(sentence[lead[-1].end:].strip()).lower())):
                # the list of bodies runs on past the semicolon to a verb they share; what they are given or may do
                continue
            if lead and self._has_predicate(sentence[lead[-1].end:]):
                if _cues()["accountability"].search(fold_key(sentence[lead[-1].end:])):
                    continue
                assigned = self._assigned(sentence[lead[-1].end:].strip())
                names = assigned[0] if assigned else _names(lead)
            elif after_semicolon:
                continue  # "…; các đơn vị …" is a clause of its own only when it opens with its subject and verb
            else:
                assign = _cues()["assign"].match(fold_same_length(sentence))
                assigned = assign
                names = _names(self.ruler.match_start(sentence[assign.end():], fuzzy=False, subject=True)) if assign else []
                if not names and (not lead or self._lays_down_rules):
                    # "Tổ chức kiểm định có trách nhiệm …", and in a regulation a kind the exact names cut short
                    # ("Các thành viên Ban Chỉ đạo có trách nhiệm góp ý …")
                    names = self._subject_before_predicate(sentence, framed=framed) or []
                if not names and self._lays_down_rules:
                    # a step of a procedure: after a condition or time limit, also after the label of what it
                    # sets ("Thời hạn giải quyết: Trong thời hạn 05 ngày …, Trung tâm X xử lý …"), or done by
                    # the body after "do" ("Tài liệu phục vụ các phiên họp do Văn phòng … chuẩn bị …")
                    step = _strip_opening(text[start:])
                    label = _ITEM_LABEL.match(step)
                    if label is not None and len(label.group(1).split()) > _LABEL_WORDS:
                        label = None
                    step = step[label.end():] if label else step
                    names = self._doer_after_condition(step) or self._passive_doer(step) \
                        or (self._functional_doer(step, people=False) if by_function else None) or []
                    framed = framed or bool(names)
                    if names and label:
                        start = len(text) - len(step)  # the step's text, without its label
            if names:
                found.append((start, [self._body_of_title(name) for name in names], assigned is not None, framed))
        return found

    def _ends_a_clause(self, text: str) -> bool:
        """The clause ``text`` ends with (from its last ';' or sentence break) is one of its own: it does not open
        with a basis or condition of what follows ("Căn cứ …; Cục X thông báo …"), nor end with a body's name
        that a list going on past the semicolon shares a verb with ("… do cơ quan chuyên môn cấp tỉnh; Ủy ban
        nhân dân xã quyết định …", "Giao Văn phòng Ủy ban nhân dân tỉnh; Sở X thực hiện …")."""
        clause = re.split(r";\s+|(?<=[^\W_]{2}[.])\s+", text.rstrip(" ;"))[-1].strip(" ,")
        if len(_WORD.findall(clause)) <= 3 or self._adverbial(clause):
            return False
        found = self.grammar.find(clause)
        if not found or found[-1].end < len(clause.rstrip(" .,")):
            return True
        before = fold_key(clause[:found[-1].start]).split()[-2:]
        # the name closes a list, an assignment or a passive's agent; after any other word it is an object
        return bool(before) and before[-1] not in _LIST_GOES_ON_WORDS and " ".join(before) not in _LIST_GOES_ON_WORDS

    def _assigned_inside(self, text: str) -> Optional[tuple[list[str], int, int]]:
        """An assignment after a clause boundary ('...; giao Bộ X làm chủ ...'): the agencies, where its
        sentence starts when a full stop precedes it, and where the assigning words start."""
        folded = fold_same_length(text)
        for m in _cues()["assign_inside"].finditer(folded):
            names = _names(self.ruler.match_start(text[m.end():], subject=True))
            if names:
                cue = m.start() + len(m.group(0)) - len(m.group(0).lstrip(";.,: "))
                if m.group(0).startswith(":"):
                    return names, cue, cue  # "…, bố trí đủ biên chế: giao Bộ Nội vụ chủ trì …": the issue, then the task
                boundary = text.rfind(". ", 0, m.start() + 2)  # the match may begin at the full stop
                return names, boundary + 2 if boundary >= 0 else 0, cue
        return None

    # -- fields -----------------------------------------------------------------------------

    def _assigning(self, draft: Draft) -> list[LegalRef]:
        """The documents a task table's row names as the ones that gave its task, a short citation ("Kế hoạch 02")
        completed from the body's."""
        return [resolve_short_number(ref, self._cited) for _, _, ref, anaphora in legal_matcher().find(draft.assigned_by)
                if not anaphora]

    def _refs_meant(self, draft: Draft, text: str, refs: list[LegalRef], own_ref: Optional[LegalRef]) -> list[LegalRef]:
        """``refs`` and the documents the task points to without naming them: 'các quy định nêu trên' →
        the provisions cited above it; 'các văn bản nêu trên' → the documents its paragraph cited before
        it; a footnote marker in its lines → the documents the footnote lists; the plan or regulation the
        decision issues, named by its title → the decision."""
        folded = fold_key(text)
        found: list[LegalRef] = short_citations(text, self._short_names)  # "(Điều 7, 8 Nghị định)"
        if own_ref is not None and names_issued(text, self._issued_title):
            found.append(replace(own_ref))
        block = draft.block
        if _cues()["provisions_above"].search(folded):
            found += provisions_cited("\n".join(b.text for b in self._blocks if b.line_end < block.line_start))
        if above := _cues()["documents_above"].search(folded):
            body_start = len(block.text) - len(block.body)
            # not the documents a topic label names ("3. Về đề nghị … tại Quyết định số 1565/QĐ-TTg: …")
            label = _TOPIC_LABEL.match(block.body)
            before = block.text[body_start + (label.end() if label and label.end() <= draft.offset else 0):
                                max(0, body_start + draft.offset)]
            if not before.strip():
                before = next((b.text for b in reversed(self._blocks) if b.line_end < block.line_start), "")
            cited = [ref for _, _, ref, anaphora in legal_matcher().find(before) if not anaphora]
            # "văn bản nêu trên" is one document: the one the paragraph names first, the others describing it
            # ("… nhận văn bản số 16/CV-HHTACN … về việc … triển khai Nghị định số 136/2025/NĐ-CP …")
            found += cited if above.group("plural") else cited[:1]
        for footnote in self._footnotes:
            marked = [footnote.line] + [line for line, marker in self._mentions if marker == footnote.marker]
            if any(line is not None and block.line_start <= line <= block.line_end for line in marked):
                found += listed_documents(footnote.text)
        keys = {r.number or fold_key(r.text) for r in refs}
        for ref in found:
            key = ref.number or fold_key(ref.text)
            if key not in keys:
                keys.add(key)
                refs.append(ref)
        return refs

    def _task(self, draft: Draft, doc: Doc, source_file: str, document_key: str, own_ref: Optional[LegalRef],
              seen_refs: list[LegalRef]) -> Task:
        text = " ".join(draft.text.split()).rstrip(";").removesuffix("./.").removesuffix("/.")
        agencies = [self.grammar.spelled_out(self._placed(self._in_full(name))) for name in draft.agencies or []]
        block = draft.block
        task = Task(
            id=task_id(document_key, agencies, text),
            agency=agencies[0] if len(agencies) == 1 else (agencies or None),
            task=text,
            co_agencies=[self.grammar.spelled_out(self._in_full(name)) for name in draft.co_agencies or _co_agencies(doc)],
            legal_refs=self._refs_meant(draft, text, _legal_refs(doc, self._amended.get(id(block), own_ref), seen_refs,
                                                                 self._cited) + self._assigning(draft), own_ref),
            deadline=draft.deadline,
            recurrence=draft.recurrence,
            source=SourceSpan(file=source_file, page=block.page, line_start=block.line_start, line_end=block.line_end),
        )
        for kind in ("deadline", "recurrence"):
            spans = doc.spans.get(kind, [])
            if spans and getattr(task, kind) is None:
                setattr(task, kind, spans[0].text.strip(" ,;.:()"))
        return task


def _agent_noun_end(toks: list[Token], k: int) -> Optional[int]:
    """Where a person named by what they do ends ("công chứng viên", "nhân viên", "kiểm toán viên"): a word or two
    and "viên", the agent's syllable (written with its mark: "viện" is an institute)."""
    return next((end for end in (k + 2, k + 3) if end <= len(toks) and toks[end - 1].marked
                 and toks[end - 1].exact == "viên" and all(t.word for t in toks[k:end])), None)


def _pointed_paths(text: str) -> list[list[str]]:
    """The parts of a plan a lead-in points its body to, each as the markers from the part down: "(IV) (1)" → [["IV",
    "1"]]; "các mục 1, 2; điểm a, b mục 7 Phần III" → [["III", "1"], ["III", "2"], ["III", "7", "a"], ["III", "7", "b"]]."""
    if pointer := _LEAD_POINTER.search(text):
        return [_MARKER_KEY.findall(pointer.group("path"))]
    if (pointer := _WRITTEN_LEAD_POINTER.search(text)) is None:
        return []
    part = pointer.group("part")
    paths = []
    for items in _POINTED_ITEMS.finditer(pointer.group("items")):
        numbers = _LISTED_KEY.findall(items.group("numbers"))
        if items.group("points"):
            paths += [[part, number, point] for number in numbers for point in _LISTED_KEY.findall(items.group("points"))]
        else:
            paths += [[part, number] for number in numbers]
    return paths


def _parts_pointed(root: Node, keys: list[str]) -> list[Node]:
    """The parts a pointer's markers name, each key inside the part before it ("(IV)(3.4)(a)") or, when not
    there, beside it ("(IV) (4.1) (4.2)"); none when a key names no part."""
    parts: list[Node] = []
    for key in keys:
        scopes = [parts[-1], parts[-1].parent] if parts else [root]
        part = next((n for scope in scopes if scope is not None for n in scope.walk()
                     if n is not scope and n.marked and n.block is not None
                     and n.block.marker.strip("().") == key), None)
        if part is None:
            return []
        if parts and part in parts[-1].walk():
            parts[-1] = part
        else:
            parts.append(part)
    return parts


def _authority_before(toks: list[Token], k: int) -> bool:
    """The words before ``toks[k]`` end with "có thẩm quyền", the power that names a doer."""
    return k >= 3 and bool(_AUTHORITY.fullmatch(" ".join(t.key for t in toks[k - 3:k])))


def _assigned_role(toks: list[Token], end: int) -> bool:
    """The words before ``toks[end]`` name someone by a charge given to them ("cá nhân được giao …", "được phân công")."""
    return any(toks[k].key == "duoc" and toks[k + 1].key in _ASSIGNED_VERBS for k in range(min(end, len(toks)) - 1))


def _list_start(found: list[AgencyMatch], last: AgencyMatch, text: str) -> int:
    """Where the list of bodies ending with ``last`` starts: "… của Sở A và các cơ quan B" starts at Sở A."""
    start = last.start
    for match in reversed([m for m in found if m.end <= last.start]):
        if _LIST_JOIN.fullmatch(text[match.end:start]) is None:
            break
        start = match.start
    return start


def _without_pointer(names: list[str]) -> list[str]:
    """'Các cơ quan, đơn vị quy định tại Điều 2 Quy chế này' → 'Các cơ quan, đơn vị': the provision that names a kind
    of body is no part of its name."""
    return [_POINTER_AT_END.sub("", name) or name for name in names]


def _in_article(node: Node) -> bool:
    """``node`` is an article of a regulation or inside one."""
    while node is not None:
        if node.style == "article":
            return True
        node = node.parent
    return False


def _in_duty_part(node: Node) -> bool:
    """An article, clause or part above ``node`` is titled by duties or a procedure ("Trình tự, thủ tục …",
    "Quy trình …", "Trách nhiệm …", "Bước 2: …")."""
    return any(_cues()["duty_section"].search(fold_key(above.body[:_TITLE_CHARS])) for above in node.ancestors()
               if above.heading_like)


def _visited_places(subject: str) -> dict[str, str]:
    """The locality a notice's working session was held with ('… tại buổi làm việc với lãnh đạo tỉnh Phú
    Thọ'): {level: place}."""
    m = _VISITED.search(subject)
    if not m:
        return {}
    words: list[str] = []
    for word in m.group("place").split():
        if nfc(word.lower()) in _PLACE_ENDS:
            break
        if word in "-–":
            words.append(word)
            continue
        words.append(word.capitalize() if word.isupper() else word)  # a subject in capitals: "ĐÀ NẴNG"
    return {m.group("level").lower(): " ".join(words)} if words else {}


def _closing(folded: str, node: Node) -> bool:
    """``folded`` is a closing formula where ``node`` stands: a request for feedback is one outside a regulation's
    articles only ("Điều 13. Điều khoản thi hành" + "…, nếu có vướng mắc, các cơ quan … phản ánh về Sở X" asks)."""
    if _cues()["closing"].search(folded):
        return True
    if not _cues()["feedback_closing"].search(folded):
        return False
    parent = node.parent
    while parent is not None and parent.style != "article":
        parent = parent.parent
    return parent is None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_one_of(token: Token, words: dict[str, str]) -> bool:
    """``token`` is one of ``words`` (written with marks → folded), compared folded only where the text lost its
    diacritics."""
    return token.exact in words if token.marked else token.key in words.values()


def _is_tense_mark(token: Token, marks: Iterable[str] = tuple(_TENSE_MARKS)) -> bool:
    """'đã', 'đang', 'vừa', 'sẽ'."""
    return _is_one_of(token, {mark: _TENSE_MARKS[mark] for mark in marks})


def _states(predicate: str) -> bool:
    """What follows a body's name tells what it did, does or will do ('đã tổ chức', 'sẽ tổng hợp', 'trân trọng …')."""
    toks = [t for t in tokens(predicate[:40]) if t.word]
    return bool(toks) and (_is_tense_mark(toks[0]) or toks[0].key == "tran" and len(toks) > 1 and toks[1].key == "trong")


def _has_substance(lead_in: str) -> bool:
    """A lead-in ending with ':' carries work of its own, beyond naming who leads and who joins ('Bộ Tài
    chính chủ trì, phối hợp với các bộ, cơ quan liên quan:', 'Bộ X chỉ đạo Bảo hiểm xã hội Việt Nam:')."""
    folded = fold_same_length(lead_in).lower()
    folded = _COORDINATION.sub(" ", folded)
    return len(re.findall(r"\w+", folded)) > 12


def _duties_after_closing(text: str) -> bool:
    """'… có trách nhiệm tổ chức thi hành Nghị quyết này; sắp xếp, ổn định bộ máy …': duties go on after the
    closing formula, so the item is a task."""
    parts = re.split(r";\s*", text)
    for index, part in enumerate(parts):
        folded = fold_key(part)
        if _cues()["not_task"].search(folded):
            return "trach nhiem" in folded and len(_WORD.findall(" ".join(parts[index + 1:]))) >= _DUTY_WORDS
    return False


def _announces(rest: str) -> bool:
    """What follows the agencies only announces the items below ('… nêu trên thực hiện một số nhiệm vụ
    sau:', '… theo chức năng, nhiệm vụ, chỉ đạo:', '… có trách nhiệm:')."""
    folded = fold_same_length(rest).lower()
    folded = _ANNOUNCE_QUALIFIER.sub("", folded)
    return not folded.strip(" :.;") or bool(_ANNOUNCED.match(folded) or _DUTIES_BELOW.match(folded))


def _section_kind(heading: str, inherited: Section, article: bool = False) -> Section:
    """What the items under ``heading`` are: True, tasks of a plan or notice ("II. NHIỆM VỤ VÀ GIẢI
    PHÁP"); False, its purpose or background ("I. MỤC ĐÍCH, YÊU CẦU", "1. Hiện trạng"); CRITERIA, criteria,
    targets or scope ("III. TIÊU CHÍ THI ĐUA"); RULES, a regulation's provisions ("Điều 1. Phạm vi điều chỉnh",
    "Điều 3. Thẩm quyền quyết định …", "Điều 2. Nội dung phân cấp": what each body may decide); None, items that
    need an agency ("III. TỔ CHỨC THỰC HIỆN", and funding whatever work its title names: "Nguồn kinh phí thực hiện
    các nhiệm vụ …:");
    a heading that says none of these: as the section above. An ``article``'s title is of purpose or background
    only where it opens with it ("Điều 3. Nguyên tắc …"): "Điều 10. Báo cáo kết quả kiểm tra" names work done with
    results, whose clauses tell doers what to do; after a document it cites, the words are that document's subject
    ("Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số … quy định … phương pháp xác định …") and still count."""
    folded = fold_key(heading)
    if _cues()["provision_section"].match(folded):
        return RULES
    if inherited is RULES and (_cues()["criteria_section"].search(folded) or _cues()["background_section"].search(folded)):
        return RULES  # "2. Thông tư này áp dụng đối với các đối tượng sau đây:" inside the scope article
    if _cues()["criteria_section"].search(folded):
        return CRITERIA
    background = _cues()["background_section"].search(folded) is not None
    if background and article:
        # the title's own words, before a document it cites, say what the article is about
        own = fold_key(heading[:next((start for start, _, ref, _ in legal_matcher().find(heading) if ref.number),
                                     len(heading))])
        in_own = _cues()["background_section"].search(own)
        background = in_own is None or in_own.start() <= len(_ARTICLE_NUMBER.match(own).group(0))
    if background:
        return False
    if _cues()["funding_section"].match(folded):
        return None  # "Nguồn kinh phí thực hiện các nhiệm vụ …:": where the money comes from, not the tasks it names
    if _cues()["task_section"].search(folded) or inherited in (None, CRITERIA) and _cues()["activity_section"].match(folded):
        return True  # a title naming the work; under purposes and targets it is one of them ("1. Phát triển … đến năm 2030")
    if _cues()["neutral_section"].search(folded):
        return None
    return inherited


def _less_specific(named: list[str], bodies: list[str]) -> bool:
    """Each of ``named`` is a shorter way to say one of ``bodies`` ('Các doanh nghiệp' of 'Các doanh
    nghiệp thứ cấp …', 'Ủy ban nhân dân tỉnh' of 'Ủy ban nhân dân tỉnh Nghệ An')."""
    keys = [fold_key(body) for body in bodies]
    return bool(named) and all(any(key.startswith(fold_key(name) + " ") for key in keys) for name in named)


def _quantity_holders(text: str) -> list[str]:
    """'… 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)' → ['VNPT', 'Viettel']."""
    shares = _SHARES.search(text)
    return _QUANTITY.findall(shares.group(1)) if shares else []


def _once(drafts: list[Draft], blocks: list[Block], pointed: dict[int, list[str]]) -> list[Draft]:
    """An activity that names no one and is restated elsewhere with its lead (a plan's body item and its
    appendix row or "Tổ chức thực hiện" item) is one obligation: the restatement that names the lead. One a later
    part restates as the heading of the rows that detail it (an appendix table's group) is detailed there. An
    activity led only through a pointer to its part (``pointed``: the lead by block id) is one with a restatement
    that names its lead itself, and leads an activity that names no one like any other statement."""
    def key(draft: Draft) -> str:
        text = draft.text.strip()
        if (label := _ITEM_LABEL.match(text)) and len(label.group(1).split()) <= 12:
            text = text[label.end():]
        return fold_key(text)[:60]

    def names_lead(draft: Draft) -> bool:
        return bool(draft.agencies) and draft.agencies != pointed.get(id(draft.block))

    led = [fold_key(d.text) for d in drafts if d.agencies]
    named = [fold_key(d.text) for d in drafts if names_lead(d)]
    drafted = {id(d.block) for d in drafts}
    undrafted = sorted((b.line_start, fold_key(b.body)[:60]) for b in blocks if id(b) not in drafted and b.body.strip())
    starts = [line for line, _ in undrafted]
    headings = [heading for _, heading in undrafted]

    def detailed_later(draft: Draft) -> bool:
        later = headings[bisect_right(starts, draft.block.line_end):]
        return process.extractOne(key(draft), later, scorer=fuzz.ratio, score_cutoff=90) is not None

    def restated(draft: Draft) -> bool:
        """Its opening is in a statement that leads it, or the whole of it is, a word or two apart."""
        whole = fold_key(draft.text)
        return any(fuzz.partial_ratio(key(draft), other) >= 90 or fuzz.ratio(whole, other) >= _SAME_WORDS
                   for other in (named if draft.agencies else led))

    return [d for d in drafts if names_lead(d) or not restated(d) and not detailed_later(d)]


def _stated_once(drafts: list[Draft]) -> list[Draft]:
    """An obligation stated twice in the same words for the same bodies (in two articles of a regulation, in a
    plan's body and again in its appendix table) is one task: the statement that gives its time or partners, or
    the first. Statements with different times or partners are different tasks."""
    def key(draft: Draft) -> tuple:
        return tuple(draft.agencies or ()), fold_key(draft.text)

    def details(draft: Draft) -> tuple:
        return draft.deadline, draft.recurrence, tuple(draft.co_agencies)

    detailed = {key(d) for d in drafts if d.agencies and details(d) != (None, None, ())}
    seen: set[tuple] = set()
    kept: list[Draft] = []
    for draft in drafts:
        if draft.agencies and ((key(draft), details(draft)) in seen
                               or details(draft) == (None, None, ()) and key(draft) in detailed):
            continue
        seen.add((key(draft), details(draft)))
        kept.append(draft)
    return kept


def _assigned_once(drafts: list[Draft], root: Node) -> list[Draft]:
    """An obligation stated in nearly the same words for the same bodies in the text's "Tổ chức thực hiện" part
    and elsewhere (a regulation's article, a plan's body item) is one task, at the explicit assignment: the
    statement in that part."""
    headings = _headings_above(root)

    def in_assignment_part(draft: Draft) -> bool:
        return any(_cues()["assignment_section"].match(fold_key(heading.body)) for heading in headings(draft))

    def bodies(draft: Draft) -> list[str]:
        return [fold_key(name) for name in draft.agencies or ()]

    def obligation(draft: Draft) -> str:
        """The statement without the subject that opens it ("Ủy ban nhân dân Thành phố trình …" / "Trình …")."""
        text = fold_key(draft.text)
        for name in sorted(bodies(draft), key=len, reverse=True):
            if text.startswith(name + " "):
                return text[len(name) + 1:]
        return text

    assigned = [draft for draft in drafts if draft.agencies and in_assignment_part(draft)]
    explicit = {id(draft) for draft in assigned}
    restated: set[int] = set()
    for draft in drafts:
        if not draft.agencies or id(draft) in explicit:
            continue
        for assignment in assigned:
            # the same bodies, also where the assignment's list names one more ("Doanh nghiệp viễn thông, tổ chức")
            if all(name in " ".join(bodies(assignment)) for name in bodies(draft)) \
                    and fuzz.ratio(obligation(draft), obligation(assignment)) >= _SAME_WORDS:
                restated.add(id(draft))
                break
    return [draft for draft in drafts if id(draft) not in restated]


def _answers_only(text: str) -> bool:
    """It does no more than answer for something: "Thủ trưởng các cơ quan chịu trách nhiệm trước Ủy ban nhân dân tỉnh
    về việc triển khai thực hiện Quy chế này.", "…, Thủ trưởng cơ quan phải chịu trách nhiệm." name the answerable,
    as the closing "chịu trách nhiệm thi hành" does, and ask for no work of their own."""
    return bool(_ANSWERABLE_ONLY.match(fold_same_length(text).lower()))


def _says_what_it_means(text: str) -> bool:
    """It says what something is or means (see ``_WHAT_IT_MEANS``): a definition, or a plan's statement of what a
    field is for."""
    # "Thanh lý tài sản công là tài sản cố định …": "là" opening a restrictive clause repeats the noun it follows
    return bool(m := _WHAT_IT_MEANS.match(_first_sentence(text)[:200])) \
        and m.group("what").lower() not in m.group("subject").lower().split()[-3:]


def _holds_a_right(text: str) -> bool:
    """It gives a right or a benefit rather than a duty: the first modal of its sentence is "có quyền", or it opens
    with "Được …" other than an authorisation ("Được giao", "Được phép")."""
    return bool(_RIGHT_HELD.search(fold_same_length(text).lower()))


def _asks_no_work(text: str) -> bool:
    """A draft's text that assigns no work: bare accountability, a statement of meaning, or a right held."""
    return _answers_only(text) or _says_what_it_means(text) or _holds_a_right(text)


def _outside_descriptions(drafts: list[Draft], root: Node) -> list[Draft]:
    """Drafts outside a provision that describes rather than obliges: a body's make-up ("Cơ cấu tổ chức",
    "Số lượng cấp phó") or a format ("Định dạng địa chỉ thư điện tử"). The provision is the draft's heading,
    or one above it reached through lead-ins ending with ':' only: a titled clause in between
    ("2. Số lượng người làm việc") starts a provision of its own."""
    headings = _headings_above(root)

    def described(draft: Draft) -> bool:
        for heading in headings(draft):
            if _cues()["description_section"].match(fold_key(heading.body)):
                return True
            if heading.style == "article" or heading.body and not heading.body.endswith(":"):
                return False
        return False

    return [draft for draft in drafts if not described(draft)]


def _headings_above(root: Node) -> Callable[[Draft], Iterator[Node]]:
    """The headings above a draft in ``root``'s tree, nearest first."""
    parents = {id(node.block): node.parent for node in root.walk() if node.block is not None}

    def headings(draft: Draft) -> Iterator[Node]:
        heading = parents.get(id(draft.block))
        while heading is not None and heading.block is not None:
            yield heading
            heading = heading.parent
    return headings


def _set_time(draft: Draft, time: str) -> None:
    """A plan's time: a frequency ('Thường xuyên', 'Hằng năm') is the recurrence, anything else the
    deadline as written."""
    folded = fold_same_length(time).lower()
    if len(time.split()) <= 12 and _cues()["frequency"].search(folded) and not re.search(r"\d{4}|\d/\d", time):
        draft.recurrence = time
    else:
        draft.deadline = time


def _cited_provisions(blocks: list[Block]) -> tuple[set[int], set[int]]:
    """Provisions of another text that a lead-in cites in full ("Tại khoản 2 Điều 5 Luật … quy định:"
    then "“Điều 5. …", "1. …", "a) …"): they oblige no one by this document, and the lead-in only cites.
    The provision runs while its blocks are quoted or marked as articles and their parts, and ends at a
    block of the lead-in's own kind ("- Tại …" after "- Tại …") or at plain, unquoted text.
    (ids of the provisions' blocks, ids of the lead-ins)."""
    provisions: set[int] = set()
    lead_ins: set[int] = set()
    for index, lead_in in enumerate(blocks[:-1]):
        if id(lead_in) in provisions or not _cites_in_full(lead_in, blocks[index + 1]):
            continue
        # The quotation may open on the lead-in's own line ("… quy định: “Điều 9. …").
        opened = _OPENED_QUOTE.search(lead_in.text)
        quoting = bool(opened) and not _CLOSING_QUOTE.search(lead_in.text[opened.end():])
        taken: list[Block] = []
        # After "… quy định:" the provision's first block may be its bare title ("Nhiệm vụ … bao gồm").
        titled = bool(_PROVISION_LEAD_IN.search(fold_same_length(lead_in.text.rstrip()).lower()))
        for block in blocks[index + 1:]:
            body = block.text.strip()
            if not quoting and lead_in.marker_kind and block.marker_kind == lead_in.marker_kind \
                    and block.level == lead_in.level and (block.marker_kind not in ("bullet", "plus") or block.marker == lead_in.marker):
                break
            if quoting and taken and not body.startswith(_QUOTE_MARKS) and _cues()["assign"].match(fold_same_length(body)):
                break  # a quotation left open ends where the letter asks for something ("Đề nghị Thuế tỉnh …")
            if body.startswith(_QUOTE_MARKS):
                quoting = True
            elif not quoting and block.marker_kind not in _PROVISION_PARTS and not _ARTICLE_LINE.match(body) \
                    and not (titled and not taken and block.marker_kind is None):
                break
            taken.append(block)
            if quoting and len(body) > 1 and _CLOSING_QUOTE.search(body):
                quoting = False
        if taken:
            provisions.update(id(block) for block in taken)
            lead_ins.add(id(lead_in))
    return provisions, lead_ins


def _amended_documents(blocks: list[Block], subject: str) -> dict[int, LegalRef]:
    """The document an amendment's new wording belongs to, by block id: "Thông tư này" in the wording given after
    "Sửa đổi, bổ sung khoản 3 Điều 5 như sau:" is the amended circular, the one the nearest amending article or
    the subject names ("Điều 2. Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BTP")."""
    def named(text: str) -> Optional[LegalRef]:
        if not _AMENDS_DOCUMENT.search(fold_same_length(text).lower()):
            return None
        return next((ref for _, _, ref, anaphora in legal_matcher().find(text) if not anaphora and ref.number), None)

    default = named(subject)
    amended, inside, found = default, False, {}
    for block in blocks:
        text = block.text.strip()
        if not text.startswith(_QUOTE_MARKS):
            if block.marker_kind == "article":
                amended, inside = named(text) or default, False
            elif ref := named(text):
                amended = ref
            if amends(text):
                inside = True
                continue
        if inside and amended is not None:
            found[id(block)] = amended
    return found


def _cites_in_full(block: Block, following: Block) -> bool:
    """``block`` introduces the text of a provision: it ends with 'quy định:', or a quotation follows
    or opens after its colon."""
    text = block.text.rstrip()
    if amends(text):
        return False  # an amendment's new wording is this document's own provision
    if _OPENED_QUOTE.search(text):
        return True
    if not text.endswith(":"):
        return False
    return bool(_PROVISION_LEAD_IN.search(fold_same_length(text).lower())) \
        or following.text.lstrip().startswith(_QUOTE_MARKS) and not _QUOTED_NAME.match(following.text)


def _first_sentence(text: str) -> str:
    m = SENTENCE_BREAK.search(text)
    return text[:m.start()] if m else text


def _strip_opening(text: str) -> str:
    """Text from where its subject may start: without an ordinal ('Thứ nhất, '), a topic label
    ('Về thi công: ') or a connective ('Vì vậy, ')."""
    if m := _ORDINAL.match(text):
        text = text[m.end():]
    if m := _TOPIC_LABEL.match(text) or _TOPIC_RUN_ON.match(text) or _CASE_LABEL.match(text):
        text = text[m.end():]
    if m := _cues()["connective"].match(fold_same_length(text)):
        text = text[m.end():]
    return text


def _joined_heading_rest(after: str) -> Optional[str]:
    """'Giao Sở X Khẩn trương chia sẻ ...': a capitalised word right after the
    agencies means a heading line was joined to its paragraph; the task is the
    paragraph."""
    if re.match(rf"^\s+[{UPPER}]", after) and len(after.split()) >= 4:
        return after.strip()
    return None


def _co_agencies(doc: Doc) -> list[str]:
    """Agencies named right after 'phối hợp (với)', up to the end of the list."""
    folded = fold_same_length(doc_text(doc)).lower()
    names: list[str] = []
    for cue in _cues()["co_agency"].finditer(folded):
        position = cue.end()
        for span in doc.spans.get("agencies", []):
            if span.start_char < position:
                continue
            gap = folded[position:span.start_char]
            if gap.strip(" ,") not in ("", "va", "cac", "va cac", "voi", "voi cac"):
                break
            if span.label_ not in names:
                names.append(span.label_)
            position = span.end_char
    return names


# Kinds of document a "… này" names even when nothing resolves it (not "quy định", "văn bản").
_DOCUMENT_TYPES = {"Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Thông tư", "Quyết định", "Chỉ thị",
                   "Kế hoạch", "Công điện", "Thông báo", "Đề án", "Chương trình"}


def _legal_refs(doc: Doc, own_ref: Optional[LegalRef], seen_refs: list[LegalRef], cited: list[LegalRef]) -> list[LegalRef]:
    """References of one task, one per cited document, anaphora and short numbers resolved ('cited':
    every reference of the document), and a dangling 'Điều 26' attached to the next reference of the
    sentence."""
    refs: list[LegalRef] = []
    for span in doc.spans.get("legal_refs", []):
        ref: LegalRef = span._.legal_ref
        if span.label_ == "anaphora":
            resolved = resolve_anaphora(ref, seen_refs, own_ref)
            if resolved is None and not (fold_key(ref.text).endswith(" nay") and ref.type in _DOCUMENT_TYPES):
                continue
            ref = resolved or ref  # "Pháp lệnh này" of a draft no earlier reference names: as written
        ref = resolve_short_number(ref, cited)
        seen_refs.append(ref)
        key = ref.number or fold_key(ref.text)
        existing = next((r for r in refs if (r.number or fold_key(r.text)) == key), None)
        if existing is None:
            refs.append(ref)
        elif existing.article is None and ref.article:
            existing.article, existing.clause, existing.point = ref.article, ref.clause, ref.point
    return refs


def task_id(document_key: str, agencies: Iterable[str], text: str) -> str:
    """Stable id: the same document, agencies and task opening give the same id."""
    opening = fold_key(text)[:80]
    digest = hashlib.sha1("|".join([document_key, ";".join(agencies), opening]).encode("utf-8"))
    return digest.hexdigest()[:12]
