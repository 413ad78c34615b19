"""A directive's fields and tasks: a blank Vietnamese spaCy pipeline with the
rule components, and :func:`extract_text` / :func:`extract_file` over it.
Extraction takes text as it is; restoring OCR text first is the caller's step."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..errors import Msg
from ..textio import read_text
from ..types import Directive, LegalRef
from ..vietnamese import WORD_RE
from .agencies import gazetteer
from .due_dates import fill_due_dates
from .header import Header, read_header, split_recipient_line
from .layout import Block, Layout, SourceLine, blocks, cut_blocks_at, cut_footnotes, split_lines, typed_text
from .legal import legal_matcher, named_before
from .patterns import fold_same_length

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
COMPONENTS = ("ccn_agency_ruler", "ccn_legal_ruler", "ccn_deadline_ruler")
_VIETNAMESE_MARKS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
_SPACE = re.compile(r"\s+")
_STRAY_CHARS = 30
# Documents that lay down rules: their tasks are what they tell a named doer (a body, a role) to do.
_RULE_MAKING = {"Quyết định", "Nghị quyết", "Nghị định", "Thông tư"}
# A task table written cell by cell: its first column's head and row numbers ("STT", "1", "II").
_TABLE_CELL = re.compile(r"(?i:s?tt)|(?:\d{1,3}(?:\.\d{1,3}){0,2}|[IVX]{1,5})\.?")
_FOLLOWS_UP = re.compile(r"(?:xet|thuc hien|tiep theo|theo de nghi)\b")
_PART_MARKERS = ("roman", "number")  # the markers of a body's numbered parts
_ISSUED_BY = re.compile(r"\s*,?\s*cua\s+")  # folded: between a cited document and the body that issued it
# folded: what a body's name says it is for, up to the member its list closes with ("… về phát triển khoa học, … và ")
_MATTERS_LISTED = re.compile(r"\s+ve\s+[^;:.()]+(?:,|\sva)\s*$")
# A reply names the document it answers after its opening verb: "Cục Thuế nhận được công văn số …", "Trả lời Văn bản
# số …", "Phúc đáp Công văn số …" (folded and lowered).
_ANSWERS = re.compile(r"\b(?:nhan duoc|tra loi|phuc dap)\s+")
# What may open a paragraph before the provision it rests on: a bullet, "Căn cứ", "Tại", "Theo", "quy định tại", and
# the provisions listed before the one a citation names with its document ("khoản 1, khoản 2 Điều 50 Nghị định …").
_PROVISION_OPENING = re.compile(r"\s*(?:[-+•*]\s*)?(?:(?:can cu|tai|theo)\s+)?(?:(?:cac\s+)?quy dinh tai\s+)?"
                                r"(?:(?:diem|khoan|tiet) [\w.]+\s*(?:,|\bva\b)\s*)*")
_ANSWERED_KIND_WORDS = 6  # "đơn phản ánh kiến nghị số", "Đơn đề nghị xác định mã số số"
_ENACTS = re.compile(r"\bban hanh (?!kem)")  # the enacting formula: "Bộ trưởng Bộ X ban hành Thông tư …"
# "… được sửa đổi, bổ sung (một số điều) bởi Nghị định số …"
_AMENDED_BY = re.compile(r"\b(?:sua doi|bo sung)(?: mot so dieu)? (?:boi|tai|theo)\b[^,;]*$")
_LIST_JOINER = re.compile(r"(?:[,;]|\b(?:va|hoac))\s*(?:cac\s+)?(?:so\s*:?\s*)?$")  # "Luật A, Luật B", "số …; số …"
_NUMBER_OF_NAME = re.compile(r"\bso\s*:?\s*$")
# What opens or goes on with a document's title (folded and lowered): "về việc", "sửa đổi, bổ sung", "thực hiện" …
_TITLE_WORDS = re.compile(r"\b(?:ve|quy dinh|sua doi|bo sung|thuc hien|ban hanh|huong dan|bai bo|phe duyet|trien khai|"
                          r"cong bo|thay the)\b")
_CLAUSE_END = re.compile(r";|\.(?=\s+[a-z])")  # folded and lowered: a sentence's full stop is before a letter
_NOT_LETTER = re.compile(r"[\W\d_]+")
_COMMON_FOLDED = {"cac", "va", "cua", "tinh", "thuc", "hien", "quy", "dinh", "theo", "ngay", "nam", "thang", "co",
                  "quan", "don", "vi", "tren", "dia", "ban", "trong", "de", "cong", "tac", "so", "nghi", "nhan", "dan",
                  "uy", "chu", "tich", "phoi", "hop", "voi", "lien", "viec", "phap", "luat", "nha", "nuoc", "cho"}


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """``spacy.blank("vi")`` without the pyvi word segmenter (syllables are
    enough for rules, and pyvi is slow), plus the rule components. spaCy loads
    here, not with the module: a document's header is read without it."""
    import spacy

    from . import components, deadlines  # noqa: F401  (importing registers the spaCy factories)

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _language_warning(text: str, source_file: str) -> list[str]:
    """Warn when the input hardly looks like Vietnamese text."""
    sample = text[:200_000]
    visible = len(_SPACE.sub("", sample))
    letters = len(_NOT_LETTER.sub("", sample))
    if visible and letters / visible < 0.5:
        return [Msg.EXTRACT_GARBLED.format(path=source_file, share=letters / visible)]
    words = WORD_RE.findall(sample)
    if not words:
        return []
    folded = WORD_RE.findall(fold_same_length(sample).lower())
    vietnamese = sum(bool(_VIETNAMESE_MARKS.search(w)) or f in _COMMON_FOLDED for w, f in zip(words, folded))
    share = vietnamese / len(words)
    return [Msg.EXTRACT_NOT_VIETNAMESE.format(path=source_file, share=share)] if share < 0.25 else []


def extract_header(text: str, *, source_file: str) -> Directive:
    """The document fields of one directive's text (type, number, date, issuer,
    subject, recipients, signer…) as :func:`extract_text` reads them, without its
    tasks: no spaCy pipeline is built and the body is not searched."""
    return _read_fields(text, source_file)[0]


def prepare_header() -> None:
    """Load what :func:`extract_header` reads with (the gazetteer, the legal
    references' codes), so that its first call does not wait for them."""
    gazetteer()
    legal_matcher()


@dataclass
class _Parts:
    """What reading the fields leaves for finding the tasks."""

    layout: Layout
    lines: list[SourceLine]  # the layout's lines, a recipient line split from the paragraph OCR ran on to
    blocks: list[Block]
    header: Header


def _read_fields(text: str, source_file: str) -> tuple[Directive, Optional[_Parts]]:
    """The directive with its document fields, and the parts of the text the
    tasks are looked for in (None for an empty text)."""
    directive = Directive(source_file=source_file)
    if not text.strip():
        directive.warnings.append(Msg.EXTRACT_EMPTY.format(path=source_file))
        return directive, None
    directive.warnings.extend(_language_warning(text, source_file))
    layout = cut_footnotes(split_lines(text))
    directive.footnotes = layout.footnotes
    lines = split_recipient_line(layout.lines)
    body_blocks = blocks(lines)
    header = read_header(lines, body_blocks, directive)
    return directive, _Parts(layout, lines, body_blocks, header)


def extract_text(text: str, *, source_file: str) -> Directive:
    """Document fields and tasks of one directive's text (restored or clean)."""
    directive, parts = _read_fields(text, source_file)
    if parts is None:
        return directive
    nlp = build_pipeline()
    layout, body_blocks, header = parts.layout, parts.blocks, parts.header
    form_bounds = [line for span in header.forms for line in span]
    for boundary in (header.body_start_line, header.body_end_line, header.form_line, *form_bounds):
        body_blocks = cut_blocks_at(body_blocks, parts.lines, boundary)
    # A form, score sheet or template inside the text gives no tasks.
    body_blocks = [b for b in body_blocks if not any(first <= b.line_start < end for first, end in header.forms)]
    if not typed_text(parts.lines):  # a seal's letters or a pen stroke are marks on a scanned page only
        body_blocks = [b for b in body_blocks if not _stray_marks(b)]
    body_end = min(header.body_end_line, header.form_line)
    body = [b for b in body_blocks if header.body_start_line <= b.line_start < body_end]
    # A plan, regulation or appendix issued with the document follows its signature; its tasks count, a form's do not.
    attached = [b for b in body_blocks if header.attachment_line <= b.line_start < header.form_line]
    consolidated = _consolidated(directive)
    own_ref = _own_reference(directive, body, consolidated)
    from .tasks import TaskFinder  # with spaCy, which only the tasks need

    finder = TaskFinder(nlp)
    tasks = finder.find(body + attached, source_file=source_file, document_key=directive.number or source_file,
                        own_ref=own_ref, recipients=directive.recipients, issuer=directive.issuer,
                        # a consolidated text's footnotes name the text each provision's wording comes from
                        footnotes=[] if consolidated else directive.footnotes, mentions=layout.mentions,
                        letter=directive.type == "Công văn",
                        subject=directive.subject, doers_only=directive.type in _RULE_MAKING, genre=directive.type)
    directive.tasks = tasks
    fill_due_dates(directive)
    directive.legal_bases = _legal_bases(nlp, body, tasks)
    if not tasks:
        directive.warnings.append(Msg.EXTRACT_NO_TASKS.format(path=source_file))
    return directive


def _stray_marks(block: Block) -> bool:
    """OCR of a seal's letters or a pen stroke standing as a paragraph ('Z VN VAN', 'A lê j Ả B An'): short,
    unmarked, hardly a word of three letters, and no agency's name ('Sở Y tế'). Not a line ending with ':'
    (an item's number damaged by a mark, 'Ầ:', still parts the items)."""
    text = block.text.strip()
    if block.marker_kind is not None or block.cell or len(text) > _STRAY_CHARS or text.endswith(":") \
            or _TABLE_CELL.fullmatch(text):
        return False
    words = sum(len(word) >= 3 for word in WORD_RE.findall(text))
    return words < 2 and not gazetteer().match_start(text, None)


def _consolidated(directive: Directive) -> bool:
    """A consolidated text (văn bản hợp nhất, "57/VBHN-BCT")."""
    return bool(directive.number) and "VBHN" in re.split(r"[-/]", directive.number)


def _own_reference(directive: Directive, body: list[Block], consolidated: bool) -> LegalRef | None:
    """The document "… này" and a bare "Điều 8" mean: the directive, or the text a consolidated text consolidates,
    which its body opens by naming ("Thông tư số 195/2019/TT-BQP ngày …, được sửa đổi, bổ sung bởi: …")."""
    if not directive.number:
        return None
    if consolidated:
        original = next((ref for block in body[:1] for _, _, ref, anaphora in legal_matcher().find(block.text)
                         if not anaphora and ref.number), None)
        if original is not None:
            return original
    year = int(directive.date[:4]) if directive.date else None
    code = directive.number.split("/")[-1]
    return LegalRef(text=directive.number, type=directive.type, number=directive.number, year=year,
                    issuer_code=code, date=directive.date)


def _legal_bases(nlp: Language, body: list, tasks: list) -> list[LegalRef]:
    """References of the preamble's 'Căn cứ ...' lines, or else of the preamble paragraphs
    before the first task."""
    first_task_line = min((t.source.line_start for t in tasks if t.source), default=10**9)
    # the preamble ends where the body's first numbered part opens ("I. KẾT QUẢ ĐẠT ĐƯỢC"), whatever it recounts
    first_part_line = min((b.line_start for b in body if b.marker_kind in _PART_MARKERS), default=10**9)
    preamble = [b for b in body if b.line_start < min(first_task_line, first_part_line) and b.marker_kind is None]
    # The preamble's grounds: a "Căn cứ …" paragraph after the first task is a task's wording ("Căn cứ chức năng, nhiệm
    # vụ được giao, …") or a form's, and the first task may stand in the preamble's joined block itself.
    grounds = [b for b in body
               if b.line_start <= first_task_line and fold_same_length(b.text[:7]).lower().startswith("can cu")]
    if grounds:  # "Xét đề nghị … tại Tờ trình số …", "Thực hiện …", "Tiếp theo …" after the grounds are bases too
        grounds += [b for b in preamble if b.line_start > grounds[0].line_start and b not in grounds
                    and _FOLLOWS_UP.match(fold_same_length(b.text[:20]).lower())]
        grounds.sort(key=lambda b: b.line_start)
    refs: list[LegalRef] = []
    # A reply's opening paragraph before its grounds names the document it answers, a basis too; its answer rests on
    # the provisions its paragraphs open with ("Tại khoản 1 Điều 26 Nghị định số … quy định:", "- Điều 86 Luật Hải
    # quan số … quy định …"), which stand with its grounds.
    opening = [b for b in preamble if b.line_start < (grounds[0].line_start if grounds else first_task_line)]
    answered = next((found for doc in nlp.pipe(b.text for b in opening)
                     if (found := _answered(doc.text, _citations(doc)))), [])
    _add_references(refs, answered)
    if answered:
        grounds = [b for b in body if b.line_start <= first_task_line and (b in grounds or _opens_with_provision(b.text))]
    for doc in nlp.pipe(b.text for b in (grounds or preamble)):
        cited = _citations(doc)
        cited = _cited_as_grounds(doc.text, cited) if grounds else _without_named_in_titles(doc.text, cited)
        _add_references(refs, cited)
    return refs


def _in_body_name(text: str, span, spans: list) -> bool:
    """``span`` closes the list of matters after the last body named before it in its clause, with no other
    citation between them: part of that body's name. A body that issued the document cited before it ("Nghị định
    số … của Chính phủ về …") names no matters of its own."""
    clause = max(text.rfind(mark, 0, span.start_char) for mark in ".;:(") + 1
    named = gazetteer().find(text[clause:span.start_char])
    if not named:
        return False
    body, after = clause + named[-1].start, clause + named[-1].end
    issued = any(_ISSUED_BY.fullmatch(fold_same_length(text[other.end_char:body]).lower()) for other in spans)
    return not issued and not any(after <= other.start_char < span.start_char for other in spans) \
        and bool(_MATTERS_LISTED.match(fold_same_length(text[after:span.start_char]).lower()))


def _citations(doc) -> list:
    """The documents a paragraph cites, without the pointers to the document at hand, nor a document named among
    the matters a body's name says it is for ("Ban Chỉ đạo … về phát triển khoa học, chuyển đổi số và Đề án 06")."""
    spans = [span for span in doc.spans["legal_refs"] if span.label_ != "anaphora"]
    text = doc.text  # spaCy joins the tokens anew each time it is asked
    return [span for span in spans if not _in_body_name(text, span, spans)]


def _add_references(refs: list[LegalRef], cited: list) -> None:
    for span in cited:
        ref = span._.legal_ref
        if all((r.number or r.text) != (ref.number or ref.text) for r in refs) and not named_before(ref, refs):
            refs.append(ref)


def _opens_with_provision(text: str) -> bool:
    """A paragraph whose subject is a cited provision or document: "Tại khoản 1 Điều 26 Nghị định số …", "- Điều 86
    Luật Hải quan số …", "Theo quy định tại Quyết định số …"."""
    opening = _PROVISION_OPENING.match(fold_same_length(text).lower())
    found = legal_matcher().find(text)
    return bool(found) and found[0][0] == opening.end() and not found[0][3]


def _answered(text: str, cited: list) -> list:
    """The document a reply answers: the first citation after the reply's verb, with only the document's kind and
    name between them ("nhận được đơn phản ánh kiến nghị số PAKN…", "có nhận được Công văn số …"), not a
    document the sentence names further on."""
    folded = fold_same_length(text).lower()
    for verb in _ANSWERS.finditer(folded):
        after = [span for span in cited if span.start_char >= verb.end()]
        between = folded[verb.end():after[0].start_char] if after else ""
        if after and not re.search(r"[.;:]", between) and len(between.split()) <= _ANSWERED_KIND_WORDS:
            return after[:1]
    return []


def _cited_as_grounds(text: str, cited: list) -> list:
    """The citations of a preamble's grounds, read clause by clause (a "Căn cứ …;" line is one clause, and the
    layout may join several), without the enacting formula that closes the preamble ("Bộ trưởng Bộ X ban hành
    Thông tư quy định …", "Ủy ban nhân dân ban hành Quyết định …"): it names the document itself, not a ground. A
    clause without a ground of its own goes on with the list before it ("Căn cứ Luật A;" / "Luật B;", "Theo đề
    nghị …;" / "báo cáo thẩm định số …;")."""
    folded = fold_same_length(text).lower()
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(folded)), len(text)]
    kept = []
    for start, end in zip(bounds, bounds[1:]):
        in_clause = [span for span in cited if start <= span.start_char < end]
        opening = folded[start:end].lstrip()
        grounded = opening.startswith("can cu") or _FOLLOWS_UP.match(opening)
        if in_clause and (grounded or not _ENACTS.search(folded[start:in_clause[0].start_char])):
            kept += _cited_at_line_level(folded, in_clause)
    return kept


def _without_named_in_titles(text: str, cited: list) -> list:
    """The citations of a preamble without grounds ("Thực hiện Quyết định số … ban hành Kế hoạch triển khai thi hành
    Luật Việc làm; …"), without the documents named by kind and name alone in a cited title or in the title of the
    document the enacting formula issues ("Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Luật Việc làm"). The
    numbered ones stand: what such a preamble carries out is cited with what that carries out in turn."""
    folded = fold_same_length(text).lower()
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(folded)), len(text)]
    kept = []
    for start, end in zip(bounds, bounds[1:]):
        in_clause = [span for span in cited if start <= span.start_char < end]
        if in_clause and _ENACTS.search(folded[start:in_clause[0].start_char]):
            in_clause = [span for span in in_clause if span._.legal_ref.number]
        if in_clause:
            kept += _cited_at_line_level(folded, in_clause, numbered_in_title=True)
    return kept


def _cited_at_line_level(folded: str, cited: list, numbered_in_title: bool = False) -> list:
    """The documents a ground's clause cites, without those named by kind and name alone inside a cited document's
    title. The clause's first citation is a ground, and so is one its list goes on with ("Luật A ngày …, Luật B ngày
    …") or that amends it ("… được sửa đổi, bổ sung bởi Luật ngày …"); a document named after title words ("Luật
    sửa đổi, bổ sung một số điều của Luật A và Luật B", "Tờ trình … về việc đề nghị ban hành Nghị quyết quy định …")
    is part of that title, and so are the documents its list goes on with. A numbered one is a ground of its own
    unless the title words that lead to it follow the last ground and it is no newer than that ground ("Quyết định
    số 2/QĐ-X ngày 1/11/2025 về việc sửa đổi Quyết định số 1/QĐ-X ngày 1/10/2025"): a title names only what was
    issued before its document. The number that closes such a title ("… và Luật B số 52/2019/QH14") is the citing
    law's."""
    grounds, at_line_level = [cited[0]], True
    for before, span in zip(cited, cited[1:]):
        ran_over = before.text[-1] if before.text[-1] in ",;" else ""  # a span may end on the list's comma
        gap = ran_over + folded[before.end_char:span.start_char]
        if span.start_char < before.end_char:
            at_line_level = False  # a law named inside an amending law's name
        elif _AMENDED_BY.search(gap):
            at_line_level = True
        elif not _LIST_JOINER.search(gap):
            if not at_line_level and span.text[:1].isdigit() and _NUMBER_OF_NAME.search(gap) and \
                    _takes_number(grounds[-1]._.legal_ref, span._.legal_ref):
                continue
            at_line_level = False
        if at_line_level or span._.legal_ref.number and (numbered_in_title or not _in_title(folded, grounds[-1], span)):
            grounds.append(span)
    return grounds


def _in_title(folded: str, ground, span) -> bool:
    """The numbered ``span`` is named in the title of ``ground``: title words lead from one to the other, and
    ``span`` was issued no later."""
    if not _TITLE_WORDS.search(folded, ground.end_char, span.start_char):
        return False
    named, citing = span._.legal_ref, ground._.legal_ref
    if named.date and citing.date:
        return named.date <= citing.date
    return bool(named.year and citing.year) and named.year <= citing.year


def _takes_number(citing: LegalRef, number: LegalRef) -> bool:
    """Give an unnumbered citing document of the number's kind the number that closes its title ("Luật sửa đổi …
    của Luật A và Luật B số 52/2019/QH14")."""
    if citing.number or citing.type != number.type:
        return False
    citing.number, citing.year, citing.issuer_code = number.number, number.year, number.issuer_code
    return True


def extract_file(path: Path | str) -> Directive:
    """Read a text file (encoding detected by ``ccn_docs.textio``) and extract it
    as it is. Raises ``InputError`` for unreadable input."""
    path = Path(path)
    return extract_text(read_text(path), source_file=str(path))
