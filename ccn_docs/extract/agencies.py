"""Agency gazetteer and the ``ccn_agency_ruler`` spaCy component.

Names are matched on folded text (diacritics removed, case kept), so restored
text, text without diacritics and OCR text all match the same entries. A
mention is ``[role] name [scope]``: "Chủ tịch" + "UBND" + "các huyện, thị xã,
thành phố" → "Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố". At the
places where an agency is expected (headings, "Agency: ..." labels, sentence
starts) :meth:`Gazetteer.match_start` also matches fuzzily (rapidfuzz) to absorb
OCR damage such as "S¢ Ké hoach va Pau tw".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span

from .patterns import doc_text, fold_key, fold_same_length, load_patterns, records_of

SPAN_KEY = "agencies"
_SEPARATOR = re.compile(r"\s*(?:,|;|\bva\b|\bvà\b)\s*")
_FUZZY_MAX_WORDS = 9
_NAME_NUMBER = re.compile(r"[ \t]+(?:số[ \t]+)?(?:\d{1,3}|[IVX]{1,4})(?![\w/.,-])")
_START_CHARS = 500  # agencies a text starts with fit in this many characters
_SCOPE_STEP = re.compile(
    r"(?P<sep>\s*,\s*|\s+(?:và|va)\s+|[ \t]+)(?P<cac>(?:các|cac)\s+)?(?P<w1>[^\s,;:.]+)(?:[ \t]+(?P<w2>[^\s,;:.]+))?"
)


@dataclass
class AgencyMatch:
    start: int  # character offsets in the matched text
    end: int
    canonical: str


def _alias_regex(alias: str) -> str:
    """Regex for one folded alias: flexible spaces, optional spaces around & and -,
    first letter case-sensitive (so the common word 'công an' is not 'Công an'),
    the rest case-insensitive (headings are in capitals)."""
    folded = fold_same_length(alias)
    parts = []
    for token in folded.split():
        token = re.escape(token).replace("\\&", r"\s*&\s*").replace("\\-", r"\s*-\s*")
        parts.append(token)
    body = r"\s+".join(parts)
    if " " not in alias:
        return body  # an abbreviation: case matters entirely ("CA", "BCT", "UBND")
    return f"{body[0]}(?i:{body[1:]})" if body[0].isalpha() else f"(?i:{body})"


def _term_regex(term: str) -> str:
    """Case-insensitive-ready regex of a folded term, flexible around spaces and hyphens."""
    return re.escape(fold_same_length(term).lower()).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*").replace(
        r"\s+\s*-\s*\s+", r"\s*-\s*")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Gazetteer:
    """Agency names from ``agencies.jsonl`` and the scope/role/collective terms
    from ``agency_terms.jsonl``."""

    def __init__(self) -> None:
        entries = load_patterns("agencies.jsonl")
        self.canonical: dict[str, str] = {}
        self.scoped: dict[str, bool] = {}
        self.needs_scope: set[str] = set()
        alias_patterns = []
        for entry in entries:
            for alias in [entry["canonical"], *entry["aliases"]]:
                key = fold_key(alias)
                self.canonical.setdefault(key, entry["canonical"])
                self.scoped[entry["canonical"]] = entry.get("scoped", True)
                if entry.get("needs_scope"):
                    self.needs_scope.add(entry["canonical"])
                pattern = _alias_regex(alias)
                # Party committees are written "tỉnh ủy" as often as "Tỉnh ủy".
                alias_patterns.append((len(alias), f"(?i:{pattern})" if entry.get("any_case") else pattern))
        alias_patterns.sort(key=lambda item: -item[0])
        terms = {kind: [r["form"] for r in records_of("agency_terms.jsonl", kind)] for kind in
                 ("level", "role", "collective", "proper_head", "task_verb", "not_name", "person_title",
                  "scope_qualifier")}
        # A proper name is capitalised words, but not a capitalised verb that starts
        # the task after a joined heading ("Giao Công an Thành phố Chỉ đạo ...").
        not_name = "|".join(re.escape(fold_same_length(w)).replace(r"\ ", r"\s+")
                            for w in terms["task_verb"] + terms["not_name"])
        self.task_verb = re.compile(
            rf"\s(?:{'|'.join(_term_regex(w) for w in terms['task_verb'])})(?![\w])", re.IGNORECASE)
        proper_word = rf"(?!(?:{not_name})(?![\w]))[A-Z][A-Za-z]*"
        self.proper = rf"{proper_word}(?:[ \t]+{proper_word}){{0,4}}"
        proper = self.proper
        self.levels = {fold_key(form): form for form in terms["level"]}
        # A role names its holder's body: "Chánh Văn phòng UBND tỉnh" → its "unit" + the body
        # (Văn phòng UBND tỉnh); "Bộ trưởng, Thủ trưởng cơ quan ngang bộ" → its "body" kind + the rest.
        self.roles = {fold_key(r["form"]): r for r in records_of("agency_terms.jsonl", "role")}
        self.person_titles = {fold_key(form): form for form in terms["person_title"]}
        self.collectives = {fold_key(form): form for form in terms["collective"]}
        self.heads = {fold_key(form): form for form in terms["proper_head"]}
        roles = "|".join(_alias_regex(r) for r in sorted(terms["role"], key=len, reverse=True))
        heads = "|".join(_alias_regex(h) for h in sorted(terms["proper_head"], key=len, reverse=True))
        level_alt = "|".join(_term_regex(level) for level in sorted(terms["level"], key=len, reverse=True))
        collective_alt = "|".join(_term_regex(c) for c in sorted(terms["collective"], key=len, reverse=True))
        self._unit_role = re.compile(rf"({'|'.join(_alias_regex(r['form']) for r in self.roles.values() if r.get('unit'))})\s+")
        person_titles = "|".join(_alias_regex(t) for t in sorted(terms["person_title"], key=len, reverse=True))
        # A scope may go on with a region ("các tỉnh, thành phố ven biển") and a range ("từ Hà Tĩnh đến Khánh Hòa").
        qualifier_alt = "|".join(_term_regex(q) for q in sorted(terms["scope_qualifier"], key=len, reverse=True))
        region = rf"(?:[ \t]+(?i:{qualifier_alt})(?![\w]))?(?:[ \t]+(?i:tu)[ \t]+{proper}[ \t]+(?i:den)[ \t]+{proper})?"
        self._level_re = re.compile(rf"(?i:(?:cac\s+)?(?:{level_alt}))(?![\w])")
        # Scope: level words ("các huyện, thị xã"), then a proper name ("tỉnh Bắc Giang",
        # "các tỉnh: Gia Lai, Đắk Lắk"); or a proper name alone ("Báo và Phát thanh, Truyền hình Lai Châu").
        scope = (rf"(?:[ \t]+(?i:cac[ \t]+)?(?i:{level_alt})(?![\w])"
                 rf"(?:\s*(?:,|\bva\b)\s*(?i:cac\s+)?(?i:{level_alt})(?![\w]))*"
                 rf"(?:\s+(?i:truc\s+thuoc\s+(?:trung\s+uong|tinh|thanh\s+pho)))?{region}"
                 rf"(?:[ \t]+{proper}|[ \t]*:[ \t]*{proper}(?:(?:\s*,\s*{proper})+(?:\s+va\s+{proper})?"
                 rf"|\s+va\s+{proper}))?"
                 rf"|[ \t]+(?!(?i:cac|cap)\b){proper}(?![ \t]*:))?")
        self.pattern = re.compile(
            rf"(?<![\w&])(?<!\w[-/])(?P<role>(?:(?i:cac)\s+)?(?:(?i:dong chi)\s+)?(?:{roles})(?:\s*,\s*(?:{roles}))*\s+)?(?:"
            rf"(?P<person>{person_titles})[ \t]+(?P<person_name>{proper_word}(?:[ \t]+{proper_word}){{1,3}})"
            rf"|(?P<alias>{'|'.join(p for _, p in alias_patterns)})(?P<scope>{scope})"
            rf"|(?P<head>{heads})[ \t]+(?P<name>{proper})"
            rf"|(?P<collective>(?(role)(?:(?i:cac)\s+)?|(?i:cac)\s+)(?i:{collective_alt})(?:\s*,\s*(?i:{collective_alt}))*"
            rf"(?:\s+(?i:(?:co\s+)?lien\s+quan|thuoc\s+(?:ubnd|uy ban nhan dan)\s+\w+|truc thuoc))?)"
            rf")(?![\w&])"
        )
        self._levels_by_words = {n: [k for k in self.levels if len(k.split()) == n] for n in (1, 2)}
        # Fuzzy candidates by word count and first letter (OCR rarely breaks a name's first letter).
        self._fuzzy_choices: dict[tuple[int, str], list[str]] = {}
        for key in self.canonical:
            if len(key) >= 6 and " " in key:
                self._fuzzy_choices.setdefault((len(key.split()), key[0]), []).append(key)

    # -- exact matching ------------------------------------------------------------------

    def find(self, text: str) -> list[AgencyMatch]:
        """Every agency mention in ``text`` (non-overlapping, left to right)."""
        folded = fold_same_length(text)
        matches = []
        for m in self.pattern.finditer(folded):
            if match := self._resolve(text, m):
                matches.append(match)
        return matches

    def _resolve(self, text: str, m: re.Match[str]) -> Optional[AgencyMatch]:
        canonical = self._canonical(text, m)
        if canonical is None:
            return None
        unscoped = m.group("alias") and not self.scoped.get(self.canonical.get(fold_key(m.group("alias")), ""), True)
        end = m.end("alias") if unscoped else m.end()
        if number := _NAME_NUMBER.match(text, end):  # "Ban Quản lý dự án 85", "Trường THPT số 1"
            canonical += " " + " ".join(number.group(0).split())
            end = number.end()
        return AgencyMatch(m.start(), end, canonical)

    def _canonical(self, text: str, m: re.Match[str]) -> Optional[str]:
        # "Chủ tịch UBND tỉnh", "Bộ trưởng Bộ Y tế": the agency is the body, or the unit the role heads.
        roles = [self.roles[fold_key(r)] for r in re.split(r"\s*,\s*", re.sub(r"(?i)^(?:cac\s+)?(?:dong chi\s+)?", "",
                                                                               m.group("role") or "").strip()) if r]
        role = f"{roles[-1]['unit']} " if roles and roles[-1].get("unit") else ""
        if m.group("person"):  # "Phó Thủ tướng Chính phủ Trần Hồng Hà": a task given to a person
            title = self.person_titles[fold_key(m.group("person"))]
            return f"{title} {' '.join(text[m.start('person_name'):m.end('person_name')].split())}"
        if m.group("alias"):
            name = self.canonical.get(fold_key(m.group("alias")))
            if name is None:
                return None
            scoped = m.group("scope") and self.scoped.get(name, True)
            scope = self._scope(text[m.start("scope"):m.end("scope")]) if scoped else ""
            if name in self.needs_scope and not scope:
                return None
            return f"{role}{name}{scope}"
        if m.group("head"):
            head = self.heads[fold_key(m.group("head"))]
            return f"{role}{head} {text[m.start('name'):m.end('name')]}"
        phrase = " ".join(text[m.start("collective"):m.end("collective")].split())
        if " " not in phrase:
            return None  # a bare "Ban" after a title is the start of an unknown name, not a collective
        kinds = [r["body"] for r in roles[:-1] if r.get("body")]  # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ"
        if kinds:
            phrase = "các " + ", ".join([*kinds, re.sub(r"(?i)^các\s+", "", phrase)])
        return _capitalise(phrase)

    def _scope(self, written: str) -> str:
        """The scope as written, with level words in their canonical spelling
        ('huyen' → 'huyện') and 'các' kept: ' các huyện, thị xã, thành phố'."""
        folded = fold_same_length(written)

        def level(m: re.Match[str]) -> str:
            words = fold_key(m.group(0)).split()
            prefix = "các " if words[0] == "cac" else ""
            rest = " ".join(words[1:] if prefix else words)
            return prefix + self.levels.get(rest, m.group(0))

        out, last = [], 0
        for m in self._level_re.finditer(folded):
            if folded[last:m.start()].strip(" \t,:").lower() not in ("", "va"):
                break  # past the level list: "Hà Tĩnh" in "tỉnh Hà Tĩnh" is a name, not a level word
            out.append(written[last:m.start()])
            out.append(level(m))
            last = m.end()
        out.append(written[last:])
        return " " + " ".join("".join(out).split())

    def role_unit(self, text: str) -> tuple[str, int]:
        """('Văn phòng ', 16) when ``text`` starts with a role heading a unit ('Chánh Văn phòng '):
        the unit and where the rest of the name starts; ('', 0) otherwise."""
        m = self._unit_role.match(fold_same_length(text))
        return (f"{self.roles[fold_key(m.group(1))]['unit']} ", m.end()) if m else ("", 0)

    # -- matching where an agency is expected ----------------------------------------------

    def match_start(self, text: str, fuzzy_cutoff: Optional[float] = 85.0) -> list[AgencyMatch]:
        """The agency or list of agencies that ``text`` starts with ("Sở A, Sở B và
        Báo C: ..."), exact first and fuzzy when OCR damage hides the name."""
        text = text[:_START_CHARS]
        folded = fold_same_length(text)
        found: list[AgencyMatch] = []
        position = 0
        while position < len(text):
            match = self._match_one(text, folded, position, fuzzy_cutoff)
            if match is None:
                break
            members = self.expand_members(text, match)
            found.extend(members)
            separator = _SEPARATOR.match(folded, members[-1].end)
            if not separator:
                break
            position = separator.end()
        return found

    def _match_one(self, text: str, folded: str, position: int,
                   fuzzy_cutoff: Optional[float]) -> Optional[AgencyMatch]:
        m = self.pattern.match(folded, position)
        if m and (match := self._resolve(text, m)):
            if m.group("scope"):  # OCR may have damaged the later level words of a list
                match.end, more = self._fuzzy_scope(text, match.end, continuing=True)
                match.canonical += more
            return match
        return None if fuzzy_cutoff is None else self._fuzzy(text, position, fuzzy_cutoff)

    def expand_members(self, text: str, match: AgencyMatch) -> list[AgencyMatch]:
        """'Các Bộ: Quốc phòng, Tài chính' → Bộ Quốc phòng, Bộ Tài chính."""
        head = fold_key(match.canonical)
        colon = re.compile(r"\s*:\s*").match(text, match.end)
        if head not in ("cac bo", "cac so") or not colon:
            return [match]
        prefix = "Bộ" if head == "cac bo" else "Sở"
        members: list[AgencyMatch] = []
        position = colon.end()
        while True:
            words = list(re.finditer(r"[^\s,;:.]+", text[position:position + 160]))[:9]
            hit = None
            for count in range(len(words), 0, -1):
                canonical = self.canonical.get(fold_key(f"{prefix} {text[position:position + words[count - 1].end()]}"))
                if canonical:
                    hit = AgencyMatch(match.start, position + words[count - 1].end(), canonical)
                    break
            if hit is None:
                break
            members.append(hit)
            separator = _SEPARATOR.match(text, hit.end)
            if not separator:
                break
            position = separator.end()
        return members or [match]

    def _fuzzy(self, text: str, position: int, cutoff: float) -> Optional[AgencyMatch]:
        words = list(re.finditer(r"\S+", text[position:position + 200]))[:_FUZZY_MAX_WORDS]
        best: Optional[tuple[float, int, str]] = None
        first = fold_key(words[0].group(0))[:1] if words else ""
        if not first.isalpha() or not words[0].group(0)[0].isupper():
            return None  # names are capitalised, and OCR keeps capitals
        for count in range(2, len(words) + 1):
            choices = self._fuzzy_choices.get((count, first))
            if not choices:
                continue
            end = words[count - 1].end()
            candidate = fold_key(text[position:position + end])
            hit = process.extractOne(candidate, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit and (best is None or hit[1] >= best[0]):
                best = (hit[1], position + end, hit[0])
        if best is None:
            return None
        _, end, key = best
        end = end - len(text[position:end]) + len(text[position:end].rstrip(",;:."))
        end, scope = self._fuzzy_scope(text, end)
        if self.canonical[key] in self.needs_scope and not scope:
            return None
        return AgencyMatch(position, end, self.canonical[key] + scope)

    def _fuzzy_scope(self, text: str, position: int, continuing: bool = False) -> tuple[int, str]:
        """Level words after a fuzzily matched name, themselves matched fuzzily
        ('huyén, thanh phd, thi xi' → ' huyện, thành phố, thị xã'), then a proper name."""
        parts: list[str] = []
        while m := _SCOPE_STEP.match(text, position):
            if not parts and not continuing and m.group("sep").strip():
                break  # the first level word follows the name directly
            hit = self._fuzzy_level(m.group("w1"), m.group("w2"))
            if hit is None:
                break
            level, used_two = hit
            separator = ", " if "," in m.group("sep") else " và " if m.group("sep").strip() else " "
            parts.append(separator + ("các " if m.group("cac") else "") + level)
            position = m.end("w2") if used_two else m.end("w1")
        if parts and not continuing and (proper := re.compile(rf"[ \t]+{self.proper}").match(fold_same_length(text), position)):
            parts.append(text[proper.start():proper.end()])
            position = proper.end()
        return position, "".join(parts)

    def _fuzzy_level(self, first: str, second: Optional[str]) -> Optional[tuple[str, bool]]:
        if second:
            hit = process.extractOne(fold_key(f"{first} {second}"), self._levels_by_words[2], scorer=fuzz.ratio,
                                     score_cutoff=80)
            if hit:
                return self.levels[hit[0]], True
        key = fold_key(first)
        hit = process.extractOne(key, self._levels_by_words[1], scorer=fuzz.ratio, score_cutoff=90) if key else None
        return (self.levels[hit[0]], False) if hit else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def canonical_agency(name: str) -> str:
    """Comparison form of an agency name: the gazetteer's canonical name when the
    whole string is one mention, folded to lower case without diacritics."""
    matches = gazetteer().match_start(name)
    if len(matches) == 1 and len(name[matches[0].end:].strip(" .,;:")) == 0:
        name = matches[0].canonical
    return fold_key(name).replace("cac ", "")


@Language.factory("ccn_agency_ruler", default_config={"fuzzy_cutoff": 85.0})
def make_agency_ruler(nlp: Language, name: str, fuzzy_cutoff: float) -> "AgencyRuler":
    return AgencyRuler(nlp, name, fuzzy_cutoff)


class AgencyRuler:
    """Adds ``doc.spans["agencies"]``: one span per agency mention, its label the
    canonical name."""

    def __init__(self, nlp: Language, name: str, fuzzy_cutoff: float) -> None:
        self.name = name
        self.fuzzy_cutoff = fuzzy_cutoff
        self.gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match in self.gazetteer.find(doc_text(doc)):
            span = doc.char_span(match.start, match.end, label=match.canonical, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def match_start(self, text: str, fuzzy: bool = True) -> list[AgencyMatch]:
        """Agencies ``text`` starts with; ``fuzzy`` also tolerates OCR damage."""
        return self.gazetteer.match_start(text, self.fuzzy_cutoff if fuzzy else None)


Span.set_extension("legal_ref", default=None, force=True)
