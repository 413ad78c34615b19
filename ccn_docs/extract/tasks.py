"""Tasks: one per obligation, found from the document's structure.

* a numbered heading that names agencies ("1. Sở Công Thương", "5. Các sở, cơ
  quan có liên quan") makes each bullet or paragraph under it a task of those
  agencies, unless the item names its own ("- Sở Tư pháp: ...");
* an item or paragraph that starts with agencies and goes on with a predicate
  ("Bộ Y tế chỉ đạo ...", "Sở X có trách nhiệm ...", "UBND các xã ... thực
  hiện ...") or with an assignment word ("Giao Sở X chủ trì ...", "Đề nghị Bộ
  Y ...") is a task of those agencies;
* headings alone, background, closing formulas ("... chịu trách nhiệm thi hành
  Quyết định này") and sentences in the past ("Sở X đã ...") are not tasks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..types import LegalRef, SourceSpan, Task
from .agencies import AgencyMatch
from .layout import Block
from .legal import provisions_cited, resolve_anaphora
from .patterns import doc_text, fold_key, fold_same_length, records_of

_HEADING_WORDS = 40  # a heading is short; an item longer than this is content
_LABEL = re.compile(r"\s*:\s*")
_CLAUSE_BREAK = re.compile(r"(?:;|(?<=[^\W_]{2}[.]))\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[^\W_]{2}[.])\s+(?=[A-ZÀ-ỸĐ])")
_LIST_INTRO = re.compile(r":\s*\+")
_TOPIC_LABEL = re.compile(r"^(?:Về|Ve|Đối với|Doi voi)\s[^:]{1,120}:\s*(?=\S)")


# "Các Sở Xây dựng nêu trên", "các Ủy ban nhân dân tỉnh trên": agencies named earlier (the addressees).
_ANAPHORIC_AGENCY = re.compile(r"(?i:cac)\s+(?P<kind>[A-Z][^\s,;:.]*(?:\s+[^\s,;:.]+){0,6}?)\s+(?i:neu tren|noi tren|tren day)(?![\w])")
# "Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk và Lâm Đồng" → one body per place named.
_LISTED_PLACES = re.compile(r"^(?P<body>[^:]+?)\s+các\s+[^:]+:\s*(?P<places>.+?)[\s.;]*$")


def _listed_bodies(recipient: str) -> list[str]:
    m = _LISTED_PLACES.match(" ".join(recipient.split()))
    if not m:
        return [recipient]
    return [f"{m.group('body')} {place}" for place in re.split(r"\s*,\s*|\s+và\s+", m.group("places")) if place]


def _is_collective(lead: list[AgencyMatch]) -> bool:
    return all(fold_key(m.canonical).startswith("cac ") for m in lead)


def _merge_inner_lists(blocks: list[Block]) -> list[Block]:
    """A bullet that ends with ':' keeps the '+' list under it in its own task
    ('- Các nội dung gồm: + ...; + ...')."""
    merged: list[Block] = []
    open_list = False
    for block in blocks:
        if open_list and block.marker_kind == "plus":
            parent = merged[-1]
            merged[-1] = dataclasses.replace(parent, text=f"{parent.text} {block.text}",
                                             body=f"{parent.body} {block.text}", line_end=block.line_end)
            continue
        merged.append(block)
        open_list = block.marker_kind == "bullet" and block.body.rstrip().endswith(":")
    return merged


def _joined_heading_rest(after: str) -> Optional[str]:
    """'Giao Sở X Khẩn trương chia sẻ ...': a capitalised word right after the
    agencies means a heading line was joined to its paragraph; the task is the
    paragraph."""
    if re.match(r"^\s+[A-ZÀ-ỸĐ]", after) and len(after.split()) >= 4:
        return after.strip()
    return None


def _strip_opening(text: str) -> str:
    """Text from where its subject may start: without a topic label ('Về thi công: ')
    or a connective ('Vì vậy, ')."""
    if m := _TOPIC_LABEL.match(text):
        text = text[m.end():]
    if m := _cues()["connective"].match(fold_same_length(text)):
        text = text[m.end():]
    return text


@dataclass
class Context:
    level: int
    agencies: Optional[list[str]]  # None: a heading that names no agency
    block: Optional[Block] = None
    marked_children: bool = False


@dataclass
class Draft:
    """A task before its fields are read: where it is, who, what."""

    block: Block
    agencies: Optional[list[str]]
    text: str
    co_agencies: list[str] = field(default_factory=list)
    deadline: Optional[str] = None
    recurrence: Optional[str] = None


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    def alternation(kind: str, escape: bool) -> str:
        forms = [fold_key(r["pattern"]) if escape else r["pattern"] for r in records_of("cues.jsonl", kind)]
        forms.sort(key=len, reverse=True)
        return "|".join(re.escape(f).replace(r"\ ", r"\s+") if escape else f for f in forms)

    fields = "|".join(f"(?P<{r['field']}>{r['pattern']})" for r in records_of("cues.jsonl", "field"))
    return {
        "assign": re.compile(rf"^(?:{alternation('assign', True)})\s+", re.IGNORECASE),
        "assign_inside": re.compile(
            rf"(?:^|[;.]\s+|,\s+(?:dong thoi\s+)?)(?:(?:{alternation('connective', True)})\s*,?\s+)?"
            rf"(?:{alternation('assign', True)})\s+(?=[A-Z])", re.IGNORECASE),
        "assign_anywhere": re.compile(rf"(?<![\w])(?:{alternation('assign', True)})\s+(?=[A-Za-z])", re.IGNORECASE),
        "address": re.compile(rf"^(?:{alternation('address', True)})\s", re.IGNORECASE),  # words addressing the recipients
        "connective": re.compile(rf"^(?:{alternation('connective', True)})\s*,?\s+", re.IGNORECASE),
        "not_task": re.compile(alternation("not_task", False)),
        "closing": re.compile(alternation("closing", False)),
        # "Các Bộ trưởng ... chịu trách nhiệm toàn diện trước Chính phủ về ...": accountability for
        # the obligation just given, not a new one.
        "accountability": re.compile(alternation("accountability", False)),
        "provisions_above": re.compile(alternation("provisions_above", False)),
        # "Các sở, ngành theo chức năng, nhiệm vụ được giao": a qualifier of the agencies, not a predicate.
        "qualifier": re.compile(alternation("qualifier", False)),
        # Matched with diacritics: folded, "Nêu" (raise) would read as "Nếu" (if).
        "adverbial": re.compile(rf"^(?:{'|'.join(re.escape(r['pattern']) for r in records_of('cues.jsonl', 'adverbial'))})\s",
                                re.IGNORECASE),
        "not_predicate": re.compile(rf"^(?:{alternation('not_predicate', True)})\b"),
        "co_agency": re.compile(rf"(?<![\w])(?:{alternation('co_agency', False)})(?![\w])"),
        "field": re.compile(rf"^(?:{fields})\s*:\s*", re.IGNORECASE),
    }


def _names(matches: list[AgencyMatch]) -> list[str]:
    names: list[str] = []
    for m in matches:
        if m.canonical not in names:
            names.append(m.canonical)
    return names


class TaskFinder:
    """Walks a document's body blocks and emits tasks; ``nlp`` supplies the rule
    components (agency, legal-reference and deadline rulers)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.agency_ruler = nlp.get_pipe("ccn_agency_ruler")
        self._recipients: list[str] = []
        heads = sorted((r["form"] for r in records_of("agency_terms.jsonl", "heading_head")), key=len, reverse=True)
        self._heading_head = re.compile(rf"^(?:{'|'.join(map(re.escape, heads))})\s+[A-ZÀ-ỸĐ0-9]")
        self._name_head_before = re.compile(rf"(?<![\w])(?i:{'|'.join(re.escape(fold_key(h)) for h in heads)})$")

    def find(self, blocks: list[Block], *, source_file: str, document_key: str,
             own_ref: Optional[LegalRef], recipients: Optional[list[str]] = None) -> list[Task]:
        self._recipients = self._recipient_agencies(recipients or [])
        self._addressees = [name for recipient in recipients or [] for name in _listed_bodies(recipient)]
        self._blocks = blocks
        drafts = self._drafts(blocks)
        docs = self.nlp.pipe(d.text for d in drafts)
        tasks: list[Task] = []
        seen_refs: list[LegalRef] = []
        seen_ids: dict[str, int] = {}
        for draft, doc in zip(drafts, docs):
            task = self._task(draft, doc, source_file, document_key, own_ref, seen_refs)
            count = seen_ids.get(task.id, 0)
            seen_ids[task.id] = count + 1
            if count:
                task.id = f"{task.id}-{count + 1}"
            tasks.append(task)
        return tasks

    # -- structure --------------------------------------------------------------------------

    def _drafts(self, blocks: list[Block]) -> list[Draft]:
        """Tasks in document order. Items of a plan row wait for the row's
        'Cơ quan chủ trì: ...' line to learn their agency."""
        drafts: list[Draft] = []
        stack: list[Context] = []
        waiting: list[Draft] = []  # items with no agency yet
        emitted: list[Draft] = []  # tasks since the last heading: a row's "Cơ quan chủ trì" overrides their subject
        row: list[Draft] = []  # tasks of the current plan row (for its other fields)
        blocks = _merge_inner_lists(blocks)
        fields = [_cues()["field"].match(fold_same_length(block.body.strip())) for block in blocks]
        first_item = next((i for i, (b, f) in enumerate(zip(blocks, fields)) if b.level and f is None), len(blocks))
        items = [i for i, m in enumerate(fields) if m is None]
        # A numbered item followed by deeper items is their heading (or their lead sentence).
        parents = {i for i, j in zip(items, items[1:]) if 0 < blocks[i].level < blocks[j].level}
        for index, (block, field_match) in enumerate(zip(blocks, fields)):
            if field_match:
                waiting, row = self._row_field(block, field_match, stack, waiting + emitted, row, drafts)
                emitted = []
                continue
            if row and not waiting:
                row = []
                emitted = []
            later = self._later_obligations(block.body)
            if later:  # "... Bộ X chịu trách nhiệm ... . Yêu cầu các Bộ ...": one task per obligation
                cut = later[0][0]
                block = dataclasses.replace(block, body=block.body[:cut].rstrip(), text=block.text[:len(block.text) - len(block.body) + cut].rstrip())
            if (index < first_item < len(blocks) and not _cues()["assign"].match(fold_same_length(block.body))
                    and not block.body.rstrip().endswith(":")):
                continue  # the preamble before the numbered items is background, not obligations
            draft = self._classify(block, stack, index in parents)
            if stack and stack[-1].block is block:
                waiting, emitted = [], []  # a new heading: earlier items belong to no later row
            if draft is not None and draft.agencies is None:
                waiting.append(draft)
            elif draft is not None:
                drafts.append(draft)
                emitted.append(draft)
                waiting = []
            for (start, names), (end, _) in zip(later, [*later[1:], (None, None)]):
                drafts.append(Draft(block, names, blocks[index].body[start:end].strip()))
        drafts.sort(key=lambda d: d.block.line_start)
        return drafts

    def _row_field(self, block: Block, m: re.Match[str], stack: list[Context], waiting: list[Draft],
                   row: list[Draft], drafts: list[Draft]) -> tuple[list[Draft], list[Draft]]:
        value = block.body.strip()[m.end():].strip()
        if m.group("content"):
            return waiting + [Draft(block, None, value)], row
        if m.group("lead"):
            lead = self.agency_ruler.match_start(value)
            agencies = _names(lead)
            if not agencies:
                return waiting, row
            if self._has_predicate(value[lead[-1].end:]):
                # "Cơ quan thực hiện: Sở A rà soát ...; các sở, ngành ... rà soát ...": the line itself
                # assigns the work, clause by clause; it replaces the row's content line.
                inline = [Draft(block, names, value[start:end].strip(" ;"))
                          for start, end, names in self._clause_obligations(value)]
                drafts.extend(inline)
                return [], inline
            targets = waiting
            if len(targets) > 1 and targets[0].block.marker_kind not in (None, "bullet", "plus") and \
                    not targets[0].text.rstrip().endswith((".", ";")):
                targets = targets[1:]  # a long numbered title without a full stop above the row's content
            title = stack[-1].block if stack and stack[-1].agencies is None else None
            if title is not None and (not targets or len(targets) == 1 and _LIST_INTRO.search(targets[0].text)):
                # The row's title is its obligation; a single "Nội dung gồm: + ...; + ..." bullet lists its parts.
                parts = f" {targets[0].block.text.strip()}" if targets else ""
                targets = [Draft(title, None, title.body.strip() + parts)]
            for draft in targets:
                if draft.agencies is None:
                    drafts.append(draft)
                draft.agencies = agencies
            return [], targets
        if m.group("co"):
            for draft in row:
                draft.co_agencies = _names(self.agency_ruler.gazetteer.find(value)) or draft.co_agencies
        elif m.group("time"):
            for draft in row:
                draft.deadline = value.rstrip(" .;")
        return waiting, row

    def _classify(self, block: Block, stack: list[Context], has_items: bool) -> Optional[Draft]:
        """A draft task when ``block`` is one (agencies None: an item that may get
        them from its plan row); updates the heading stack."""
        text = block.body.strip()
        level = block.level
        if not text:
            return None
        in_agency_section = bool(stack) and stack[-1].agencies is not None
        subject = self._subject_clause(_strip_opening(text))
        lead = self._addressees_meant(subject) or self.agency_ruler.match_start(subject)
        assign = _cues()["assign"].match(fold_same_length(subject))
        assigned_lead = self.agency_ruler.match_start(subject[assign.end():]) if assign and not lead else []
        words = len(text.split())
        label_rest = None
        if lead:
            label = _LABEL.match(subject[lead[-1].end:])
            if label:
                label_rest = subject[lead[-1].end:][label.end():].strip()
        is_heading = block.marker_kind not in (None, "bullet", "plus") and (
            (lead and (label_rest == "" or len(subject[lead[-1].end:].strip(" .:;")) == 0))
            or (assigned_lead and not subject[assign.end():][assigned_lead[-1].end:].strip(" .:;"))
            or (has_items and words <= 12 and not text.endswith((".", ";")))
            or (not lead and words <= _HEADING_WORDS and (has_items or not text.endswith((".", ";")) and (
                text.endswith(":") or words <= 12 or block.marker_kind == "roman")))
        )
        if is_heading:
            while stack and stack[-1].level >= level:
                stack.pop()
            named = _names(lead or assigned_lead) or self._named_heading(text)
            stack.append(Context(level, named, block))
            return None
        if level:
            while stack and stack[-1].level >= level:
                stack.pop()
        folded = fold_key(text)
        if not level and text.endswith(":"):
            # "Bộ Xây dựng yêu cầu các cơ quan, đơn vị:" — the items below are theirs.
            for cue in _cues()["assign_anywhere"].finditer(fold_same_length(subject)):
                named = _names(self.agency_ruler.match_start(subject[cue.end():], fuzzy=False))
                if named:
                    stack.clear()
                    stack.append(Context(0, named, block))
                    break
            return None
        if _cues()["not_task"].search(folded) or not level and _cues()["closing"].search(folded):
            return None  # a closing formula
        if lead and label_rest:
            return Draft(block, _names(lead), label_rest)
        if lead:
            after = subject[lead[-1].end:]
            if self._has_predicate(after):
                assigned = self._assigned(after.strip())  # "Bộ X đề nghị UBND các tỉnh ..."
                if not assigned and _is_collective(lead) and (inside := self._assigned_inside(subject)):
                    assigned = inside[0]  # "Các Bộ, cơ quan thống nhất ...; giao Bộ X chủ trì ..." names the lead
                draft = Draft(block, assigned or _names(lead), text)
                if text.endswith(":") or has_items:  # "2. UBND các tỉnh ..., trong đó:" — the items are its tasks too
                    stack.append(Context(level, draft.agencies, block))
                return draft
            if rest := _joined_heading_rest(after):
                return Draft(block, _names(lead), rest)
        if assigned_lead:
            rest = _joined_heading_rest(subject[assign.end():][assigned_lead[-1].end:])
            return Draft(block, _names(assigned_lead), rest or text)
        if not lead and (unknown := self._unknown_body_subject(subject)):
            return Draft(block, unknown[0], text)
        inside = None if in_agency_section else self._assigned_inside(subject)
        if inside:
            names, sentence_start = inside
            # "... background. Vì vậy, đề nghị UBND các tỉnh ...": the task is the assigning sentence on.
            return Draft(block, names, subject[sentence_start:] if sentence_start else text)
        if assign and _cues()["address"].match(fold_same_length(subject)) and self._recipients and not in_agency_section:
            return Draft(block, self._recipients, text)  # "Đề nghị doanh nghiệp ...": the letter's addressees
        if not stack or stack[-1].agencies is None:
            # Items below a heading, or the paragraph right under a numbered one, wait for a row's lead line.
            in_plan = bool(stack) and (level > stack[-1].level or level == 0 < stack[-1].level)
            return Draft(block, None, text) if in_plan else None
        context = stack[-1]
        if level == 0 and (context.marked_children or text.endswith("./.")):
            stack.clear()  # a plain paragraph after the items closes the section
            return None
        context.marked_children = context.marked_children or level > 0
        return Draft(block, context.agencies, text)

    def _addressees_meant(self, text: str) -> list[AgencyMatch]:
        """'Các Sở Xây dựng nêu trên ...' → the addressees it points back to (the recipients
        whose names start with 'Sở Xây dựng'), as a lead ending after 'nêu trên'."""
        m = _ANAPHORIC_AGENCY.match(fold_same_length(text[:200]))
        if not m:
            return []
        kind = fold_key(m.group("kind"))
        meant = [name for name in self._addressees if fold_key(name).startswith(kind + " ")]
        return [AgencyMatch(0, m.end(), name) for name in meant]

    def _recipient_agencies(self, recipients: list[str]) -> list[str]:
        names = []
        for recipient in recipients:
            matches = self.agency_ruler.match_start(recipient)
            whole = matches and not recipient[matches[-1].end:].strip(" .,;:")
            names.extend(_names(matches) if whole else [recipient])
        return names

    def _clause_obligations(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, agencies) of each clause or sentence of ``text`` that has
        its own agency subject; the first clause starts the text."""
        starts = [(0, _names(self.agency_ruler.match_start(text)))]
        for m in _CLAUSE_BREAK.finditer(text):
            clause = _strip_opening(text[m.end():])
            lead = self.agency_ruler.match_start(clause, fuzzy=False)
            if lead and self._has_predicate(clause[lead[-1].end:]):
                starts.append((m.end(), _names(lead)))
        ends = [start for start, _ in starts[1:]] + [len(text)]
        return [(start, end, names) for (start, names), end in zip(starts, ends)]

    def _later_obligations(self, text: str) -> list[tuple[int, list[str]]]:
        """Sentences after the first that assign an obligation of their own (their
        subject is an agency, or they open with 'Giao/Đề nghị/Yêu cầu' + agency):
        (start offset, agencies) for each."""
        found = []
        for m in _SENTENCE_BREAK.finditer(text):
            # Exact names only: a fuzzy match at any sentence start would see agencies in OCR noise.
            sentence = _strip_opening(text[m.end():])
            lead = self.agency_ruler.match_start(sentence, fuzzy=False)
            if lead and self._has_predicate(sentence[lead[-1].end:]):
                if _cues()["accountability"].search(fold_key(sentence[lead[-1].end:])):
                    continue
                names = self._assigned(sentence[lead[-1].end:].strip()) or _names(lead)
            else:
                assign = _cues()["assign"].match(fold_same_length(sentence))
                names = _names(self.agency_ruler.match_start(sentence[assign.end():], fuzzy=False)) if assign else []
            if names:
                found.append((m.end(), names))
        return found

    def _subject_clause(self, text: str) -> str:
        """Where the subject starts when an adverbial clause comes first: 'Trên cơ
        sở kết quả khảo sát, Sở Xây dựng chủ trì ...' → 'Sở Xây dựng chủ trì ...'."""
        if not _cues()["adverbial"].match(text):
            return text
        for comma in re.finditer(r",\s+", text[:250]):
            before = text[max(0, comma.start() - 120):comma.start()]
            if any(m.end == len(before) for m in self.agency_ruler.gazetteer.find(before)):
                continue  # the next name continues a list ("phối hợp với Sở A, Sở B ..."), it is no subject
            clause = text[comma.end():]
            lead = self.agency_ruler.match_start(clause, fuzzy=False)  # mid-sentence: exact names only
            if lead and self._has_predicate(clause[lead[-1].end:]):
                return clause
            if _cues()["assign"].match(fold_same_length(clause)):
                return clause
        return text

    def _has_predicate(self, after: str) -> bool:
        """The words after the lead agencies make them the subject of an obligation
        ('Sở Tài chính, trên cơ sở đề xuất ..., chủ trì ...' too)."""
        rest = after.strip()
        if qualifier := _cues()["qualifier"].match(fold_same_length(rest).lower()):
            rest = rest[qualifier.end():]
        if rest.startswith(","):
            rest = rest[1:].strip()
        if not rest or not rest[0].isalpha() or rest[0].isupper():
            return False
        return not _cues()["not_predicate"].match(fold_key(rest))

    def _assigned(self, text: str) -> Optional[list[str]]:
        """'Giao Sở X chủ trì ...', 'Đề nghị Bộ Y ...' → the agencies named."""
        m = _cues()["assign"].match(fold_same_length(text))
        if not m:
            return None
        return _names(self.agency_ruler.match_start(text[m.end():])) or None

    def _unknown_body_subject(self, text: str) -> Optional[tuple[list[str], int]]:
        """'Cục Kết cấu hạ tầng xây dựng tham mưu ...': a body the gazetteer does not
        know, named by an agency head and a capital, up to the verb that starts the task.
        A role that heads a unit names the unit: 'Chánh Văn phòng Ban chỉ đạo ...' → 'Văn phòng Ban chỉ đạo ...'."""
        unit, start = self.agency_ruler.gazetteer.role_unit(text)
        if not self._heading_head.match(unit + text[start:]):
            return None
        # The first verb not inside the name ('Ban chỉ đạo' is a head, not the verb 'chỉ đạo').
        verb = next((v for v in self.agency_ruler.gazetteer.task_verb.finditer(fold_same_length(text[:150]))
                     if not self._name_head_before.search(fold_same_length(text[:v.start()]))), None)
        if verb is None or verb.start() <= start or len(text[:verb.start()].split()) > 12:
            return None
        return [unit + text[start:verb.start()].strip(" ,")], verb.start()

    def _named_heading(self, text: str) -> Optional[list[str]]:
        """A short heading that names a body the gazetteer does not know:
        'Cục Đường bộ Việt Nam', 'Ban Quản lý Dự án 85'."""
        name = text.rstrip(" :.")
        if name.isupper() or len(name.split()) > 12 or not self._heading_head.match(name):
            return None
        return [name]

    def _assigned_inside(self, text: str) -> Optional[tuple[list[str], int]]:
        """An assignment after a clause boundary ('...; giao Bộ X làm chủ ...'): the
        agencies, and where its sentence starts when a full stop precedes it."""
        folded = fold_same_length(text)
        for m in _cues()["assign_inside"].finditer(folded):
            if m.start() == 0:
                continue
            names = _names(self.agency_ruler.match_start(text[m.end():]))
            if names:
                boundary = text.rfind(". ", 0, m.start() + 2)  # the match may begin at the full stop
                return names, boundary + 2 if boundary >= 0 else 0
        return None

    # -- fields -----------------------------------------------------------------------------

    def _provisions_above(self, text: str, block: Block, refs: list[LegalRef]) -> list[LegalRef]:
        """``refs`` and, for 'Đề nghị doanh nghiệp căn cứ quy định nêu trên ...', the provisions
        cited before the task."""
        if not _cues()["provisions_above"].search(fold_key(text)):
            return refs
        keys = {r.number or fold_key(r.text) for r in refs}
        above = provisions_cited("\n".join(b.text for b in self._blocks if b.line_end < block.line_start))
        return refs + [r for r in above if (r.number or fold_key(r.text)) not in keys]

    def _task(self, draft: Draft, doc: Doc, source_file: str, document_key: str, own_ref: Optional[LegalRef],
              seen_refs: list[LegalRef]) -> Task:
        text = " ".join(draft.text.split()).rstrip(";").removesuffix("./.").removesuffix("/.")
        agencies = draft.agencies or []
        block = draft.block
        task = Task(
            id=task_id(document_key, agencies, text),
            agency=agencies[0] if len(agencies) == 1 else agencies,
            task=text,
            co_agencies=draft.co_agencies or _co_agencies(doc),
            legal_refs=self._provisions_above(text, block, _legal_refs(doc, own_ref, seen_refs)),
            deadline=draft.deadline,
            recurrence=draft.recurrence,
            source=SourceSpan(file=source_file, page=block.page, line_start=block.line_start, line_end=block.line_end),
        )
        for kind in ("deadline", "recurrence"):
            spans = doc.spans.get(kind, [])
            if spans and getattr(task, kind) is None:
                setattr(task, kind, spans[0].text.strip(" ,;.:()"))
        return task


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


def _legal_refs(doc: Doc, own_ref: Optional[LegalRef], seen_refs: list[LegalRef]) -> list[LegalRef]:
    """References of one task, one per cited document, anaphora resolved, and a
    dangling 'Điều 26' attached to the next reference of the sentence."""
    refs: list[LegalRef] = []
    for span in doc.spans.get("legal_refs", []):
        ref: LegalRef = span._.legal_ref
        if span.label_ == "anaphora":
            ref = resolve_anaphora(ref, seen_refs, own_ref)
            if ref is None:
                continue
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
