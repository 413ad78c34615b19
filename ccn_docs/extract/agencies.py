"""Agencies by grammar (the spaCy component that wraps them is in ``components.py``).

An agency mention is a noun phrase, read over words (:func:`tokens`):

* ``[các] [title …] body [scope]``: "Chủ tịch Ủy ban nhân dân các huyện, thị xã" names the body
  ("Ủy ban nhân dân các huyện, thị xã"); a deputy or a named person keeps the office ("Phó Chủ tịch
  Ủy ban nhân dân tỉnh", "Phó Thủ tướng Chính phủ Trần Hồng Hà");
* a body is a head noun (Bộ, Sở, Cục, Trung tâm, Tập đoàn, Hội …) with its name: a capitalised word
  and the words that go on with it, up to a predicate, a function word or the scope ("Trung tâm Phục
  vụ hành chính công" + "tỉnh");
* a head shared by a list is expanded: "Các Bộ: Tài chính, Xây dựng" → Bộ Tài chính, Bộ Xây dựng;
* a collective: "các sở, ban, ngành liên quan", "các doanh nghiệp", and at a subject "Chủ đầu tư";
* at a subject, a place stands for its authority: "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai".

Lists are split at commas, semicolons and "và", and two names of one body at "/" ("Sở A/Sở B tỉnh"). The gazetteer (``agencies.jsonl``) never decides
whether words are an agency: it gives the canonical spelling of names and abbreviations ("UBND" →
"Ủy ban nhân dân", "Sở KH&ĐT" → "Sở Kế hoạch và Đầu tư") and, where an agency is expected (a
heading, a label, a subject), a fuzzy match (rapidfuzz) for names OCR damaged ("S¢ Ké hoach va Pau tw"). An
abbreviation a document gives a body it names in full ("… (VNMAC)") is that body's name while the document is read.
Words are compared folded (no diacritics), so restored, stripped and OCR text read alike.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Optional

from rapidfuzz import fuzz, process

from ..admin_levels import level_names
from ..vietnamese import normalize_syllable
from .patterns import LOWER, UPPER, fold_key, fold_same_length, load_patterns, records_of

_TOKEN = re.compile(rf"\w+(?:[&'’]\w+)*|(?P<comma>[,;][-'’‘`](?=\w)|(?<=\s)\.(?=[{LOWER}]))|[^\w\s]")
_START_CHARS = 600  # the agencies a text starts with fit in this many characters
_NAME_WORDS = 14  # a name longer than this is a sentence
_PERSON_WORDS = 4
_LIST_SEPARATOR = re.compile(r"\s*(?:,|\s(?i:và))\s+(?=\w)")
_RUN_ON_WORDS = 24  # words of a list member named in common words, with the clause that qualifies it
_FUZZY_MAX_WORDS = 9
_DAMAGED = re.compile(r"[^a-z0-9 ,&.()/-]|[a-z]\d|\d[a-z]")  # folded text with marks no Vietnamese word has
_EVERY_LEVEL = ("people_committee", "people_council", "police", "front", "union")  # kinds of body each level has
LOCAL_LEVELS = ("tinh", "thanh pho")  # a place that stands for its authority when named alone
_PLURALS = ("cac", "tung")  # "các sở, ngành", "từng bộ, ngành, địa phương"
_ABBREVIATION = re.compile(r"(?<![\w&])[A-ZĐ]{2,6}(?![\w&])")
_ISSUING_LOCALITY = re.compile(r"\b(?P<level>tinh|thanh pho) (?P<place>[a-z]+(?: [a-z]+){0,3})$")  # folded issuer's end
_LEVEL = r"cấp\s+(?!và\b)\w+(?:\s+(?!và\b)\w+)?"  # "cấp tỉnh", "cấp trung ương"
_LISTED_LEVELS = re.compile(rf"(?P<body>.*?\w)\s+(?P<levels>{_LEVEL}(?:\s*(?:,|và)\s*{_LEVEL})+)")
DUTY_NAMED = r"(?:co|chiu) trach nhiem\b|co nhiem vu\b"  # a duty named as such, without "phải"; folded
DUTY = re.compile(rf"{DUTY_NAMED}|phai\b")
_NAME_NUMBER = re.compile(r"\d{1,3}|[IVX]{1,4}")
# A word of capitals shaped like a syllable ("QUAN", "CO") is a word written without its marks where the text
# around it has them: it compares with its marks ("QUAN" is no "quận"); one that is not ("UBND", "HDND") is an
# abbreviation, compared folded.
_SCOPE_LOOKAHEAD = 7  # words between a name's last known word and the level that closes it
_SYLLABLE = re.compile(r"(?:ngh|gh|gi|kh|ng|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnptiouy])?")
# "<body> các tỉnh, thành phố (trực thuộc trung ương): A, B và C", "Các tỉnh A, B": places sharing a head.
_LISTED_PLACES = re.compile(r"^(?P<body>.*?)\s*(?i:các)\s+(?P<levels>(?:tỉnh|thành phố)(?:\s*(?:,|và)\s*(?:tỉnh|thành phố))*)"
                            rf"(?:\s+trực thuộc [Tt]rung ương)?(?P<colon>\s*:)?\s+(?P<places>[{UPPER}].*)$")


@dataclass
class AgencyMatch:
    start: int  # character offsets in the matched text
    end: int
    canonical: str


@dataclass
class Token:
    start: int
    end: int
    text: str
    key: str  # folded, lower case
    exact: str  # lower case with its diacritics, tone placed one way
    marked: bool  # the text it comes from has diacritics: compare ``exact``

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capital(self) -> bool:
        return self.text[0].isupper()


def tokens(text: str) -> list[Token]:
    """Words (with '&' or an apostrophe inside: 'KH&ĐT', 'Ea H'leo') and single punctuation marks, with offsets.
    Text with diacritics is compared with them ('Tĩnh' is no 'tỉnh', 'Nam' no 'năm'); text without, folded."""
    folded = fold_same_length(text).lower()
    # A list's comma that OCR read as ';-', ";'" or ' .' before the next name ("Quốc phòng;-Công an",
    # "ngang bộ .cơ quan") separates names as a comma does.
    found = [(m.start(), m.end(), "," if m.group("comma") else m.group(0)) for m in _TOKEN.finditer(text)]
    words = [t for _, _, t in found if t[0].isalpha()]
    marked = bool(words) and sum(w != fold_same_length(w) for w in words) >= 0.2 * len(words)
    return [Token(start, end, written, folded[start:end],
                  normalize_syllable(written.lower()) if marked else folded[start:end], marked)
            for start, end, written in found]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    """A name written in capitals, in the case names are written: 'TRUNG TÂM PHỤC VỤ' → 'Trung tâm phục vụ'."""
    return _capitalise(text.lower()) if text.isupper() else text


def _same(token: Token, folded: str, exact: str) -> bool:
    """An abbreviation ('KH&ĐT', 'UBND') compares folded: OCR and typists drop its marks."""
    if not token.marked or token.text.isupper() and len(token.text) > 1 and not token.text.isalpha():
        return token.key == folded
    if token.text.isupper() and len(token.text) > 1 and token.key == token.exact and not _SYLLABLE.fullmatch(token.key):
        return token.key == folded
    return token.exact == exact


class Lexicon:
    """Multi-word forms looked up by their first word. A form matches words of marked text
    with its diacritics, words of unmarked text folded; a ``folded`` lexicon (names, whose
    capitals and context keep them apart from other words) always folded, so a restoration
    slip ('Bảo Bắc Giang') still reads."""

    def __init__(self, forms: dict[str, object], folded: bool = False, exclude: Optional["Lexicon"] = None) -> None:
        self.folded = folded
        self.exclude = exclude  # words these forms begin or end ("giao" in "giao thông", "trình" in "chương trình")
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], object]]] = {}
        for form, value in forms.items():
            toks = tokens(form)
            folded = tuple(t.key for t in toks)
            exact = tuple(normalize_syllable(t.text.lower()) for t in toks)
            self.by_first.setdefault(folded[0], []).append((folded, exact, value))
        for entries in self.by_first.values():
            entries.sort(key=lambda item: -len(item[0]))

    def match(self, toks: list[Token], i: int) -> Optional[tuple[int, object]]:
        """(end index, value) of the longest form starting at token ``i``."""
        return next(self.matches(toks, i), None)

    def matches(self, toks: list[Token], i: int) -> Iterator[tuple[int, object]]:
        """(end index, value) of every form starting at token ``i``, longest first."""
        if i >= len(toks):
            return
        if self.exclude is not None and (self.exclude.match(toks, i) or i and (
                (covering := self.exclude.match(toks, i - 1)) is not None and covering[0] > i)):
            return
        for folded, exact, value in self.by_first.get(toks[i].key, ()):
            end = i + len(folded)
            if end <= len(toks) and all(toks[i + n].key == folded[n] if self.folded else _same(toks[i + n], folded[n], exact[n])
                                        for n in range(len(folded))):
                yield end, value


@dataclass
class _Alias:
    form: str
    canonical: str
    scoped: bool
    first_upper: bool  # a name must start with a capital ("Công an", not "công an")
    open: bool  # a generic name that may go on ("Ban Quản lý dự án" + "đầu tư xây dựng tỉnh")

    @property
    def abbreviation(self) -> bool:
        """One word ("CA", "UBND"): it must be written exactly so."""
        return " " not in self.form.strip()


@dataclass
class _Parse:
    agencies: list[AgencyMatch]
    end: int  # token index after the phrase


class Gazetteer:
    """The agency grammar: lexicons from ``agency_terms.jsonl``, canonical names and aliases from
    ``agencies.jsonl``."""

    def __init__(self) -> None:
        aliases: dict[str, _Alias] = {}
        self.canonical: dict[str, str] = {}
        for entry in load_patterns("agencies.jsonl"):
            for alias in [entry["canonical"], *entry["aliases"]]:
                self.canonical.setdefault(fold_key(alias), entry["canonical"])
                aliases.setdefault(alias, _Alias(alias, entry["canonical"], entry.get("scoped", True),
                                               not entry.get("any_case"), bool(entry.get("open"))))
        self.aliases = Lexicon(aliases, folded=True)
        # the short names the document being read gives its bodies (:meth:`defining`), apart per thread
        self._defined: ContextVar[Lexicon] = ContextVar("defined_names", default=Lexicon({}))
        self.needs_scope = {e["canonical"] for e in load_patterns("agencies.jsonl") if e.get("needs_scope")}
        # Bodies that every level has, named without one ("Hội đồng nhân dân"), and a standing part of one ("Thường trực …").
        bodies = [fold_key(e["canonical"]) for e in load_patterns("agencies.jsonl") if e["kind"] in _EVERY_LEVEL]
        self._level_bodies = set(bodies)
        self._bare_bodies = set(bodies) | {f"{part} {body}" for body in bodies
                                           for part in ("thuong truc", "cac ban cua", "ban thuong vu")}

        def terms(kind: str) -> list[dict]:
            return records_of("agency_terms.jsonl", kind)

        self.levels = Lexicon({r["form"]: r.get("canonical", r["form"]) for r in terms("level")})
        self.heads = Lexicon({r["form"]: r["form"] for r in terms("head")})
        # Heads specific enough to go on in lower case: "Ban chỉ đạo phòng thủ dân sự quốc gia".
        self.open_heads = Lexicon({r["form"]: r["form"] for r in terms("head") if r.get("open")})
        self.titles = Lexicon({r["form"]: r for r in terms("title")})
        self.deputies = Lexicon({r["form"]: r for r in terms("deputy_title")})
        self.collectives = Lexicon({r["form"]: r["form"] for r in terms("collective")})
        # People by their standing ("cán bộ, công chức"): bodies only after "các"/"từng" or in a list of bodies.
        self.person_collectives = Lexicon({r["form"]: r["form"] for r in terms("person_collective")})
        self.bare_collectives = Lexicon({r["form"]: r["form"] for r in terms("bare_collective")})
        # Those a regulation gives duties by their role ("Người nộp phí", "Bộ phận một cửa"): a subject only before a duty.
        self.roles = Lexicon({r["form"]: r["form"] for r in terms("role")})
        # Everyone a text covers ("Tổ chức, cá nhân"): their rules of conduct are no duties, their feedback is.
        self.public_roles = Lexicon({r["form"]: r["form"] for r in terms("public_role")})
        # A modifier may take an object: "thuộc Ủy ban nhân dân tỉnh", "trên địa bàn tỉnh".
        self.modifiers = Lexicon({r["form"]: "object" if r.get("takes_object") else "" for r in terms("collective_modifier")})
        self.qualifiers = Lexicon({r["form"]: r["form"] for r in terms("scope_qualifier")})
        self.emphases = Lexicon({r["form"]: r["form"] for r in terms("emphasis")})  # "…, nhất là Bộ X"
        self.abbreviations = {r["form"]: r["expansion"] for r in terms("abbreviation")}
        self.predicates = Lexicon({r["form"]: bool(r.get("weak")) for r in terms("predicate")},
                                  exclude=Lexicon({r["form"]: r["form"] for r in terms("not_predicate")}))
        # A verb that takes another verb ("tổ chức đánh giá"): before a predicate it opens the predicate, no name goes on.
        self.light_verbs = Lexicon({r["form"]: True for r in terms("predicate") if r.get("light")})
        self.stops = Lexicon({r["form"]: True for r in terms("name_stop")})
        self.not_names = Lexicon({r["form"]: True for r in terms("not_name")})
        self.not_levels = Lexicon({r["form"]: True for r in terms("not_level")})
        self.cities = {fold_key(r["form"]) for r in terms("city")}  # governed by the centre: "thành phố", not "tỉnh"
        # A party committee named by its level takes the places listed with it: (of a tỉnh, of a thành phố).
        self.committees = {"tinh uy": ("Tỉnh ủy", "Thành ủy"), "thanh uy": ("Tỉnh ủy", "Thành ủy"),
                           "tinh uy thanh uy": ("Tỉnh ủy", "Thành ủy")}
        # Words that begin with a head noun but name no body ("Ban hành", "Báo cáo", "TỔ CHỨC").
        self.not_heads = Lexicon({r["form"]: True for r in terms("not_head")})
        # Fuzzy candidates by word count and first letter (OCR rarely breaks a name's first letter).
        self._fuzzy_choices: dict[tuple[int, str], list[str]] = {}
        for key in self.canonical:
            # two-word names are one letter from ordinary words ("Thanh toán" / "Thành đoàn")
            if len(key.split()) >= 3:
                self._fuzzy_choices.setdefault((len(key.split()), key[0]), []).append(key)
        self._level_keys = {fold_key(r["form"]): r.get("canonical", r["form"]) for r in terms("level") if " " in r["form"] or r["form"].islower()}
        self._levels_by_words = {n: [k for k in self._level_keys if len(k.split()) == n] for n in (1, 2)}
        starts = set()
        for lexicon in (self.aliases, self.heads, self.titles, self.deputies, self.bare_collectives):
            starts.update(lexicon.by_first)
        self._starts = starts | set(_PLURALS) | {"dong"}

    # -- the grammar ----------------------------------------------------------------------

    def _upper_context(self, toks: list[Token], i: int) -> bool:
        """Inside a heading in capitals: case says nothing there."""
        window = [t for t in toks[max(0, i - 2):i + 6] if t.word and t.text.isalpha()]
        return len(window) >= 2 and all(t.text.isupper() for t in window)

    @contextmanager
    def defining(self, short_names: dict[str, str]) -> Iterator[None]:
        """Within the block, the abbreviations a document gives the bodies it names in full ("Trung tâm Hành động
        bom mìn quốc gia Việt Nam (VNMAC)": {"VNMAC": the full name}) read as those bodies wherever a name may
        stand."""
        token = self._defined.set(Lexicon({short: _Alias(short, full, False, True, False)
                                           for short, full in short_names.items()}, folded=True))
        try:
            yield
        finally:
            self._defined.reset(token)

    def _known(self, toks: list[Token], i: int) -> Optional[tuple[int, _Alias]]:
        """A name the gazetteer or the document being read knows, at token ``i``."""
        defined = self._defined.get()
        return self.aliases.match(toks, i) or (defined.match(toks, i) if defined.by_first else None)

    def _alias(self, toks: list[Token], i: int, upper: bool) -> Optional[tuple[int, _Alias]]:
        hit = self._known(toks, i)
        if hit is None:
            return None
        end, alias = hit
        if alias.abbreviation:
            if fold_same_length(toks[i].text) != fold_same_length(alias.form) and not (upper and toks[i].text.isupper()):
                return None
        elif alias.first_upper and not (toks[i].capital or upper):
            return None
        return end, alias

    def is_name_word(self, toks: list[Token], j: int) -> bool:
        """A capitalised word that may start or go on with a name."""
        if j >= len(toks):
            return False
        t = toks[j]
        return (t.word and t.capital and t.text[0].isalpha() and self.not_names.match(toks, j) is None
                and self.levels.match(toks, j) is None)

    def _level_at(self, toks: list[Token], j: int) -> bool:
        """A level word ('tỉnh', 'xã') that is not part of another word ('xã hội', 'hợp tác xã')."""
        return self.levels.match(toks, j) is not None and not any(
            (word := self.not_levels.match(toks, j - back)) is not None and word[0] > j for back in range(3) if j >= back)

    def _first_level(self, toks: list[Token]) -> Optional[int]:
        """The first level word after a name's head ('Ủy ban nhân dân *thành phố* Hà Nội'), or None."""
        return next((k for k in range(1, len(toks)) if self._level_at(toks, k)), None)

    def _predicate_at(self, toks: list[Token], j: int) -> Optional[tuple[int, bool]]:
        return self.predicates.match(toks, j)

    def _name_end(self, toks: list[Token], j: int, upper: bool) -> int:
        """Where a name that goes on at token ``j`` ends (its first word is before ``j``): at a
        predicate, a function word, the scope or punctuation. Heads inside a name go on with it
        ('Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', 'Văn phòng Ban chỉ đạo …')."""
        count = 0
        joined = False  # after "-" or "và": a capitalised word goes on with the name
        while j < len(toks) and count < _NAME_WORDS:
            t = toks[j]
            if t.text == "-" and j + 1 < len(toks) and toks[j + 1].word:
                j += 1
                joined = True
                continue
            if t.key == "cac" and count and (level := self._plural_in_name(toks, j)):
                j = level  # "Ban Quản lý các khu công nghiệp tỉnh …": the bodies it manages are part of its name
                continue
            if self._level_at(toks, j):
                return j
            if not t.word or self.stops.match(toks, j) and not t.capital and not self._digital(toks, j):
                return self._closed_by_scope(toks, j) if count else j
            if t.key == "va":
                nxt = j + 1
                if nxt < len(toks) and toks[nxt].word and (toks[nxt].capital or upper) and not self._starts_unit(toks, nxt) \
                        and toks[nxt].key not in _PLURALS:  # "… và các cơ quan": "các" begins the next agency
                    j = nxt
                    joined = True
                    continue
                return self._closed_by_scope(toks, j)
            if (opened := self.open_heads.match(toks, j - 1)) is not None and opened[0] > j:
                j = opened[0]
                count += 1
                continue
            if t.capital and not upper:
                if self._predicate_at(toks, j) and not joined:
                    return j
            elif (predicate := self._predicate_at(toks, j)) is not None and not self._joined_on(toks, j):
                end, weak = predicate
                if not weak or not self._weak_in_name(toks, end, upper) \
                        or self.light_verbs.match(toks, j) and self._predicate_at(toks, end) is not None:
                    return self._closed_by_scope(toks, j) if weak else j
            j += 1
            count += 1
            joined = False
        return j

    def _closed_by_scope(self, toks: list[Token], j: int) -> int:
        """Where a name that would end at ``j`` ends when its scope closes it a few words on: the words up to a level
        ('Trung tâm Quan trắc tài nguyên và môi trường' + 'tỉnh', 'Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch' +
        'tỉnh') are the name's when none of them is a verb of a clause, a function word, 'các' or another body; else
        ``j``."""
        for k in range(j, min(j + _SCOPE_LOOKAHEAD, len(toks))):
            if k > j and self._level_at(toks, k):
                return k
            if not self._closable(toks, k):
                return j
        return j

    def _closable(self, toks: list[Token], k: int) -> bool:
        """Token ``k`` may be one of a name's words that something after them closes: a comma, a dash, 'và' or a word
        that is no verb of a clause, function word, 'các' or another body."""
        t = toks[k]
        if t.text in (",", "-") or t.key == "va":
            return True
        return t.word and t.key not in _PLURALS and not self._starts_unit(toks, k) and not self.stops.match(toks, k) \
            and ((verb := self._predicate_at(toks, k)) is None or verb[1])

    def closed_by_end(self, toks: list[Token], j: int) -> bool:
        """The words from token ``j`` to the end go on with the name before them when the text is a title, a label
        or a cell that only names a body: its end closes them as a scope would ('Trung tâm Xúc tiến' + 'đầu tư,
        thương mại và du lịch', 'Ngân hàng nhà nước' + 'khu vực XII')."""
        return j < len(toks) and toks[j].word and not toks[j].capital and toks[-1].word and toks[-1].key != "va" \
            and all(self._closable(toks, k) for k in range(j, len(toks)))

    def _joined_on(self, toks: list[Token], j: int) -> bool:
        """Lower-case words at ``j`` that a name goes on with: 'và' and a capitalised word that begins no other body
        follow within a few words ('Trung tâm Công nghệ thông tin và Truyền thông tỉnh')."""
        for k in range(j + 1, min(j + 4, len(toks) - 1)):
            if not toks[k].word or toks[k].capital:
                return False
            if toks[k].key == "va":
                return toks[k + 1].capital and toks[k + 1].word and not self._starts_unit(toks, k + 1)
        return False

    def _plural_in_name(self, toks: list[Token], j: int) -> int:
        """At 'các' (token ``j``) inside a name: where a run of words that opens in lower case and ends at a level
        ('các khu công nghệ cao và khu công nghiệp' + 'thành phố …', 'các hội Khoa học và Kỹ thuật' + 'tỉnh') ends,
        or 0 when the words are no such run."""
        k = j + 1
        while k < len(toks) and k - j <= _NAME_WORDS:
            t = toks[k]
            if self._level_at(toks, k):
                return k if k > j + 1 else 0
            if not t.word or t.capital and k == j + 1 or (predicate := self._predicate_at(toks, k)) is not None and not predicate[1]:
                return 0
            k += 1
        return 0

    def _name_word_ends(self, toks: list[Token], j: int) -> bool:
        """What follows a name's last word: the end, punctuation, a level, 'và' or a capitalised word."""
        return j >= len(toks) or not toks[j].word or toks[j].capital and not toks[j].text[0].isdigit() \
            or self._level_at(toks, j) or toks[j].key == "va"

    def _digital(self, toks: list[Token], j: int) -> bool:
        """'số' at ``j`` is a name's last word ("Trung tâm Chuyển đổi số tỉnh", "Doanh nghiệp công nghệ số thực hiện
        …"), no function word before a number ("… số 12"): the name ends after it, or the body's own verb follows."""
        if toks[j].key != "so":
            return False
        verb = self._predicate_at(toks, j + 1) if j + 1 < len(toks) else None
        return self._name_word_ends(toks, j + 1) or verb is not None and not verb[1]

    def _weak_in_name(self, toks: list[Token], j: int, upper: bool) -> bool:
        """A verb that also names ('xây dựng', 'đầu tư') stays in the name when the name ends right
        after it: at a scope, a predicate or punctuation ('Cục Kết cấu hạ tầng xây dựng tham mưu …')."""
        if j >= len(toks) or DUTY.match(" ".join(t.key for t in toks[j:j + 3])):
            return True  # "Hội đồng tuyển dụng phải …": the body's duty follows its name
        t = toks[j]
        if t.text == ",":
            return j + 1 < len(toks) and toks[j + 1].capital
        if not t.word:
            return t.text in (":", ";", ".", ")", "(")
        if self.levels.match(toks, j):
            return True
        if (modifier := self.modifiers.match(toks, j)) is not None and not modifier[1]:
            return self._weak_in_name(toks, modifier[0], upper)  # "… xây dựng chuyên ngành | Thành phố"
        predicate = self._predicate_at(toks, j)
        if predicate is None:
            return False
        end, weak = predicate
        return not weak or self._weak_in_name(toks, end, upper)

    def _starts_unit(self, toks: list[Token], j: int) -> bool:
        t = toks[j]
        if not t.capital:
            return False
        return bool(self.heads.match(toks, j) or self.titles.match(toks, j) or self.deputies.match(toks, j)
                    or self._known(toks, j))

    def _proper(self, toks: list[Token], j: int, upper: bool) -> int:
        """End of a proper name (a place, a person) at ``j``: capitalised words, 'Bà Rịa - Vũng Tàu'."""
        k = j
        words = 0
        while k < len(toks) and words < 5:
            t = toks[k]
            # a capitalised word that is also a verb goes on with the next one ("Cần Thơ"), not alone ("Chủ trì, …")
            if t.word and (t.capital or t.text[0].isdigit()) and (upper or not self._predicate_at(toks, k) or (
                    k + 1 < len(toks) and toks[k + 1].word and toks[k + 1].capital and not self._predicate_at(toks, k + 1)
                    and not self._starts_unit(toks, k + 1))) \
                    and self.not_names.match(toks, k) is None \
                    and not (words and self._starts_unit(toks, k) and self.is_name_word(toks, k + 1)):
                # a head noun with no name of its own goes on with the place ("Hải Phòng", "Hội An")
                k += 1
                words += 1
                continue
            if t.text == "-" and words and k + 1 < len(toks) and toks[k + 1].word and toks[k + 1].capital:
                k += 1
                continue
            break
        return k

    def _scope(self, toks: list[Token], j: int, upper: bool) -> int:
        """End of the scope at ``j``: level words ('các huyện, thị xã', 'các xã/phường'), a range or region, and a
        place ('tỉnh Bắc Giang', 'các tỉnh: Gia Lai, Đắk Lắk'); or a place alone ('Báo Bắc Giang')."""
        k = j
        if k + 1 < len(toks) and toks[k].key == "cac" and toks[k + 1].key == "cap" and self.levels.match(toks, k + 1) is None:
            # "Hội đồng Thi đua - Khen thưởng các cấp": every level; "… các cấp thành phố Hà Nội": of that place
            return self._scope(toks, k + 2, upper) if self._level_at(toks, k + 2) else k + 2
        if k < len(toks) and toks[k].key == "cac" and self.levels.match(toks, k + 1):
            k += 1
        level = self.levels.match(toks, k) if self._level_at(toks, k) else None
        if level is None and (region := self.qualifiers.match(toks, k)) is not None and region[0] < len(toks) \
                and toks[region[0]].word and (toks[region[0]].capital or toks[region[0]].text.isdigit()):
            return self._proper(toks, region[0], upper)  # "chi nhánh khu vực 14", "khu vực Tây Nguyên"
        if level is None:
            if k == j and k < len(toks) and toks[k].word and (toks[k].capital or upper) and not upper:
                end = self._proper(toks, k, upper)
                if end > k and not (end < len(toks) and toks[end].text == ":"):
                    return end
            return j
        k = level[0]
        if k < len(toks) and toks[k].key == "uy" and toks[j].key != "cac":
            k += 1  # "Ban Tuyên giáo và Dân vận Tỉnh ủy": the level's party committee, whose body it is
            return self._proper(toks, k, upper)
        plural = toks[j].key == "cac"
        while True:  # more levels: "huyện, thị xã và thành phố"
            m = k
            if m < len(toks) and toks[m].text in (",", ";", "/") or m < len(toks) and toks[m].key == "va":
                m += 1
                if m < len(toks) and toks[m].key == "va":
                    m += 1
            if m < len(toks) and toks[m].key == "cac":
                m += 1
            if m > k and (nxt := self.levels.match(toks, m)) and not self._starts_unit(toks, m):
                k = nxt[0]
                plural = True
                continue
            break
        for phrase in (("truc", "thuoc", "trung", "uong"), ("truc", "thuoc", "tinh"), ("truc", "thuoc", "thanh", "pho"),
                       ("thuoc", "tinh"), ("thuoc", "thanh", "pho")):
            if tuple(t.key for t in toks[k:k + len(phrase)]) == phrase:
                k += len(phrase)
                break
        if qualifier := self.qualifiers.match(toks, k):
            k = qualifier[0]
        if k + 1 < len(toks) and toks[k].key == "tu" and toks[k + 1].capital:  # "từ Hà Tĩnh đến Quảng Trị"
            end = self._proper(toks, k + 1, upper)
            if end < len(toks) and toks[end].key == "den":
                k = self._proper(toks, end + 1, upper)
        if plural and k < len(toks) and toks[k].text == ":":  # "các tỉnh: Gia Lai, Đắk Lắk và Khánh Hòa"
            end = self._proper(toks, k + 1, upper)
            if end > k + 1:
                k = end
                while k + 1 < len(toks) and (toks[k].text == "," or toks[k].key == "va") and toks[k + 1].capital:
                    nxt = self._proper(toks, k + 1, upper)
                    if nxt == k + 1 or self._starts_unit(toks, k + 1):
                        break
                    k = nxt
            return k
        end = self._proper(toks, k, upper)
        if end > k:
            k = end
            while k + 1 < len(toks) and (toks[k].text == "," or toks[k].key == "va") and toks[k + 1].capital \
                    and toks[j].key == "cac":
                nxt = self._proper(toks, k + 1, upper)
                if nxt == k + 1 or self._starts_unit(toks, k + 1):
                    break
                k = nxt
        return k

    def _name_number(self, toks: list[Token], k: int) -> int:
        """End of a number that ends a name ('Ban Quản lý dự án 85', 'Trường THPT số 1'), or ``k``."""
        m = k + 1 if k < len(toks) and toks[k].key == "so" else k
        if m < len(toks) and _NAME_NUMBER.fullmatch(toks[m].text) and (
                m + 1 >= len(toks) or toks[m + 1].text not in ("/", ".", "-", ",") or m + 2 >= len(toks)
                or not toks[m + 2].text[0].isdigit()):
            return m + 1
        return k

    def _scope_text(self, text: str, toks: list[Token], j: int, k: int) -> str:
        """The scope as written, level words in their canonical spelling ('huyen' → 'huyện')."""
        if k <= j:
            return ""
        out = []
        m = j
        while m < k:
            level = self.levels.match(toks, m)
            if level is not None and level[0] <= k and not (level[0] < k and toks[level[0]].key == "uy"):
                out.append((toks[m].start, toks[level[0] - 1].end, level[1]))
                m = level[0]
            else:
                m += 1
        written = text[toks[j].start:toks[k - 1].end]
        result, last = [], toks[j].start
        for start, end, form in out:
            result.append(text[last:start])
            result.append(form)
            last = end
        result.append(text[last:toks[k - 1].end])
        scope = "".join(result) if out else written
        if toks[j].key == "cac" and not scope.startswith("các"):
            scope = "các" + scope[3:]
        return " " + " ".join(scope.split())

    def _body(self, text: str, toks: list[Token], i: int, upper: bool) -> Optional[tuple[int, str, bool]]:
        """(end, canonical, takes_scope) of an organisation's name at ``i``: a known name, or a head
        noun with its name."""
        alias = self._alias(toks, i, upper)
        if alias is not None and (longer := self._name_through_and(text, toks, i, alias[0], upper)) is not None:
            return longer  # "Ban Dân tộc và Tôn giáo tỉnh": a known name's words go on after "và"
        if alias is not None and not alias[1].open:
            return alias[0], alias[1].canonical, alias[1].scoped
        named = self._named(text, toks, i, upper)
        if alias is not None and (named is None or named[0] <= alias[0] or self._alias_is_whole(toks, alias[0], upper)):
            return alias[0], alias[1].canonical, alias[1].scoped
        return named

    def _name_through_and(self, text: str, toks: list[Token], i: int, end: int,
                          upper: bool) -> Optional[tuple[int, str, bool]]:
        """The grammar's name at ``i`` when it goes on past a known name ending at ``end`` through 'và' ('Ban Dân tộc
        và Tôn giáo'), unless the words after 'và' name a second body of the same head ('Sở Y tế và Giáo dục và Đào
        tạo' is two departments)."""
        if end + 1 >= len(toks) or toks[end].key != "va" or (head := self.heads.match(toks, i)) is None:
            return None
        named = self._named(text, toks, i, upper)
        if named is None or named[0] <= end + 1:
            return None
        second = " ".join(t.text for t in toks[end + 1:named[0]])
        head_form = text[toks[i].start:toks[head[0] - 1].end]
        return None if fold_key(f"{head_form} {second}") in self.canonical else named

    def _named(self, text: str, toks: list[Token], i: int, upper: bool) -> Optional[tuple[int, str, bool]]:
        """A head noun and the name after it: a capitalised word and its modifiers ('Trung tâm Phục vụ
        hành chính công'), or after a head that says enough, modifiers alone ('Ban chỉ đạo phòng thủ
        dân sự quốc gia')."""
        if not (toks[i].capital or upper) or self.not_heads.match(toks, i):
            return None
        for end, head_form in self.heads.matches(toks, i):
            if end < len(toks) and toks[end].key == "cac" and (level := self._plural_in_name(toks, end)):
                # "Liên hiệp các hội Khoa học và Kỹ thuật tỉnh": the bodies it unites are its name
                return self._name(text, toks, i, end, level, str(head_form), upper)
            if end < len(toks) and self.is_name_word(toks, end):
                named_end = self._name_end(toks, end + 1, upper)
                return self._name(text, toks, i, end, named_end, str(head_form), upper)
            if end < len(toks) and (toks[end].capital or upper) and (inner := self._alias(toks, end, upper)) is not None:
                # a head over a body named by a level ("Thường trực Tỉnh ủy", "Văn phòng Huyện ủy")
                whole = f"{head_form} {inner[1].canonical}"
                return inner[0], self.canonical.get(fold_key(whole), whole), True
        opened = self.open_heads.match(toks, i)
        if opened is None:
            return None
        end, head_form = opened
        if end < len(toks) and toks[end].word and not self.stops.match(toks, end) \
                and ((predicate := self._predicate_at(toks, end)) is None or predicate[1]):
            return self._name(text, toks, i, end, self._name_end(toks, end, upper), str(head_form), upper)
        if self._alias_is_whole(toks, end, upper):  # "Ban Chỉ đạo chủ trì": the one named before
            return end, str(head_form), True
        return None

    def _name(self, text: str, toks: list[Token], i: int, end: int, named_end: int, head_form: str,
              upper: bool) -> tuple[int, str, bool]:
        name = " ".join(text[toks[end].start:toks[named_end - 1].end].split()) if named_end > end else ""
        if upper:
            name = _capitalise(_title_case(name))
        canonical = f"{head_form} {name}".strip()
        key = fold_key(canonical)
        if key not in self.canonical and _DAMAGED.search(key):
            # "Sở Kế hoạch và Dﬁuqtu": a name OCR damaged past restoration, read as the known one it is closest to
            choices = [c for words in range(len(key.split()) - 1, len(key.split()) + 2)
                       for c in self._fuzzy_choices.get((words, key[0]), [])]
            hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=85)
            if hit:
                return named_end, self.canonical[hit[0]], True
        return named_end, self.canonical.get(key, canonical), True

    def _alias_is_whole(self, toks: list[Token], end: int, upper: bool) -> bool:
        """A name is whole when what follows is no part of a name."""
        if end >= len(toks):
            return True
        t = toks[end]
        if not t.word or self.levels.match(toks, end) or self.stops.match(toks, end) or t.key == "va":
            return True
        predicate = self._predicate_at(toks, end)
        return predicate is not None and (not predicate[1] or not self._weak_in_name(toks, predicate[0], upper))

    def _collective(self, text: str, toks: list[Token], i: int, lexicon: Lexicon) -> Optional[tuple[int, str]]:
        """'sở, ban, ngành liên quan', 'cơ quan trung ương, địa phương', 'cơ quan ngang bộ, (Thủ trưởng) cơ
        quan thuộc Chính phủ' at ``i`` (after 'các'): nouns, each with its modifiers, joined by commas and
        'và' (a new 'các' begins another agency); the end and the phrase without the titles inside it."""
        first = lexicon.match(toks, i)
        if first is None and lexicon is self.collectives and i and toks[i - 1].key in _PLURALS:
            first = self.person_collectives.match(toks, i)
        if first is None or (word := self.not_heads.match(toks, i)) is not None and word[0] > first[0]:
            return None  # "Báo cáo" is no "báo"
        k = self._modified(text, toks, first[0], listed="," in str(first[1]))  # "cơ quan, đơn vị": a list already
        phrase = [text[toks[i].start:toks[k - 1].end]]
        while k + 1 < len(toks) and (toks[k].text in (",", ";") or toks[k].key == "va"):
            m = k + 1
            if (title := self.titles.match(toks, m)) is not None:
                m = title[0]  # "cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ"
            start = m
            if m < len(toks) and toks[m].key in _PLURALS:
                break  # "các nhà thầu và các bộ, cơ quan": a new "các" begins the next agency
            nxt = self.collectives.match(toks, m) or self.person_collectives.match(toks, m)
            if nxt is None and toks[k].text == "," and (more := self._more_modifiers(text, toks, m)) > m:
                # "các cơ sở sản xuất, kinh doanh", "các trường đại học, cao đẳng trên địa bàn tỉnh": the kind's
                # modifiers go on
                phrase.append(f", {text[toks[m].start:toks[more - 1].end]}")
                k = more
                continue
            if nxt is None or toks[m].capital and (
                    (alias := self.aliases.match(toks, m)) is not None and alias[0] > nxt[0]
                    or self.heads.match(toks, m) and nxt[0] < len(toks) and self.is_name_word(toks, nxt[0])):
                break
            end = self._modified(text, toks, nxt[0], listed=True)
            phrase.append((" và " if toks[k].key == "va" else f"{toks[k].text} ") + text[toks[start].start:toks[end - 1].end])
            k = end
        return k, " ".join("".join(phrase).split())

    def _more_modifiers(self, text: str, toks: list[Token], m: int) -> int:
        """End of the lower-case words at ``m`` that go on modifying the kind before a comma (a few words, no verb of a
        clause, no function word), when what follows them ends the name: a verb, a scope, punctuation; else ``m``."""
        if m >= len(toks) or not toks[m].word or toks[m].capital or self.stops.match(toks, m) or toks[m].key == "va" \
                or (verb := self._predicate_at(toks, m)) is not None and not verb[1]:
            return m
        end = self._modified(text, toks, m, listed=True)
        # a few words of its own; a scope or a place after them may go on ("ngành, lĩnh vực cấp tỉnh")
        own = next((j for j in range(m, end) if self._scope_at(toks, j)), end)
        if own == m or own - m > 3:
            return m
        closes = end >= len(toks) or not toks[end].word or self._predicate_at(toks, end) is not None \
            or self.stops.match(toks, end) or self._level_at(toks, end) \
            or toks[end].key == "va" and end + 1 < len(toks) and (toks[end + 1].capital or toks[end + 1].key in _PLURALS)
        return end if closes else m

    def _scope_at(self, toks: list[Token], j: int) -> bool:
        """A level or a modifier with its object ('cấp tỉnh', 'trên địa bàn tỉnh') begins at ``j``."""
        modifier = self.modifiers.match(toks, j)
        return self._level_at(toks, j) or modifier is not None and modifier[1] == "object"

    def has_level(self, name: str) -> bool:
        """``name`` has a level word ('Ủy ban nhân dân cấp tỉnh', 'Sở, ngành thành phố')."""
        toks = tokens(name)
        return any(self._level_at(toks, k) for k in range(len(toks)))

    def opens_with_level(self, words: str) -> bool:
        """``words`` open with a level ('cấp xã', 'tỉnh'), not another word ('xã hội')."""
        return self._level_at(tokens(words), 0)

    def is_generic(self, name: str) -> bool:
        """``name`` says a kind of body or role ('Nhà đầu tư', 'Các doanh nghiệp'), not which one."""
        toks = tokens(name)
        start = 1 if toks and toks[0].key in _PLURALS else 0
        bare = self.bare_collectives.match(toks, start)
        return bare is not None and bare[0] == len(toks) or self.is_collective(" ".join(name.split()[start:])) \
            or self.roles.match(toks, start) is not None or self.public_roles.match(toks, start) is not None

    def person_collective(self, text: str) -> Optional[str]:
        """``text`` is all people by their standing ('Cán bộ, công chức, viên chức'): its name, else None."""
        toks = tokens(text)
        found = self._collective(text, toks, 0, self.person_collectives) if toks and toks[0].capital else None
        return found[1] if found is not None and found[0] == len(toks) else None

    def is_collective(self, text: str) -> bool:
        """``text`` is all one collective: 'Sở, ban, ngành liên quan' (not 'Cấp mới, đổi thẻ')."""
        toks = tokens(text)
        collective = self._collective(text, toks, 0, self.collectives)
        return collective is not None and collective[0] == len(toks)

    def _modified(self, text: str, toks: list[Token], k: int, listed: bool = False) -> int:
        """End of a collective noun's modifiers from ``k``: 'liên quan', 'thuộc Ủy ban nhân dân tỉnh',
        'truyền thông', 'kinh doanh bảo hiểm' (words up to a predicate or a function word), a scope.
        A verb that also names ('tổ chức', 'xây dựng') is a predicate after a listed noun ('các sở,
        ngành tổ chức …'): lists name kinds of body, not kinds of activity."""
        tail = k
        if k < len(toks) and self._starts_unit(toks, k) and any(
                (people := self.person_collectives.match(toks, k - back)) is not None and people[0] == k for back in (1, 2)):
            # "đại biểu Hội đồng nhân dân tỉnh": the people of a body; "đại biểu Quốc hội tỉnh X": elected there
            end = self._after_of(text, toks, k)
            return self._scope(toks, end, False) if self._level_at(toks, end) else end
        while True:
            if (modifier := self.modifiers.match(toks, k)) is not None:
                if self._opens_predicate(toks, k):
                    break  # "các ngân hàng thương mại | tham gia phối hợp …": a verb before another verb is no modifier
                k = self._after_of(text, toks, modifier[0]) if modifier[1] == "object" else modifier[0]
            elif k < len(toks) and toks[k].word and not toks[k].capital and toks[k].key != "va" \
                    and (not self.stops.match(toks, k) or self._digital(toks, k)) \
                    and not self._level_at(toks, k) and k - tail < 6 and (
                    (predicate := self._predicate_at(toks, k)) is None
                    or predicate[1] and not listed and self._weak_in_name(toks, predicate[0], False)):
                k += 1
            else:
                break
        if self._level_at(toks, k) and not (k + 1 < len(toks) and toks[k].key == "cac"):
            k = self._scope(toks, k, False)
        return k

    def _opens_predicate(self, toks: list[Token], k: int) -> bool:
        """A verb of a clause at ``k`` followed straight by another ('tham gia phối hợp'; not 'tham gia kiểm kê tài sản',
        nor 'quản lý phối hợp', verbs that also name an activity): verbs in a row open a predicate."""
        verb = self._predicate_at(toks, k)
        return verb is not None and not verb[1] and (after := self._predicate_at(toks, verb[0])) is not None and not after[1]

    def _after_of(self, text: str, toks: list[Token], k: int) -> int:
        """After 'thuộc'/'trực thuộc'/'của'/'trên địa bàn': the body or place it names."""
        upper = False
        if k >= len(toks):
            return k
        if (body := self._body(text, toks, k, upper)) is not None:  # "… của Ban Chỉ đạo"
            return self._scope(toks, body[0], upper) if body[2] else body[0]
        if k < len(toks) and (self.levels.match(toks, k) or toks[k].key == "cac"):
            return self._scope(toks, k, upper)
        return self._proper(toks, k, upper)

    def _shared_head(self, text: str, toks: list[Token], i: int) -> Optional[tuple[int, list[tuple[int, int, str]]]]:
        """'Bộ: Tài chính, Xây dựng', 'Bộ, cơ quan: Tài chính, …' / 'Sở Y tế và Giáo dục và Đào tạo' (after 'các'): one name per member,
        grouped by the gazetteer where 'và' is inside a name ('Giáo dục và Đào tạo')."""
        head = self.heads.match(toks, i)
        if head is None or not toks[i].capital:
            return None
        k = head[0]
        if k + 1 < len(toks) and toks[k].text == "," and (kind := self.collectives.match(toks, k + 1)) is not None \
                and kind[0] < len(toks) and toks[kind[0]].text == ":":
            k = kind[0]  # "Các Bộ, cơ quan: Tài chính, …, Tập đoàn X": the kind names the bodies listed with their own head
        colon = k < len(toks) and toks[k].text == ":"
        if colon:
            k += 1
        if k >= len(toks) or not self.is_name_word(toks, k):
            return None
        head_form = text[toks[i].start:toks[head[0] - 1].end]
        members: list[tuple[int, int, str]] = []
        while k < len(toks) and self.is_name_word(toks, k):
            end = self._member_end(toks, k, head_form)
            members.append((k, end, f"{head_form} {' '.join(text[toks[k].start:toks[end - 1].end].split())}"))
            if end + 1 < len(toks) and (toks[end].text in (",", ";") or toks[end].key == "va") and \
                    self.is_name_word(toks, end + 1) and (not self._starts_unit(toks, end + 1) or colon and fold_key(
                        f"{head_form} {toks[end + 1].text} {toks[end + 2].text if end + 2 < len(toks) else ''}") in self.canonical):
                k = end + 1
                continue
            k = end
            break
        if len(members) < 2 and not colon:
            return None
        return k, [(s, e, self.canonical.get(fold_key(name), name)) for s, e, name in members]

    def _member_end(self, toks: list[Token], k: int, head: str) -> int:
        """End of one member of a shared-head list: the longest known name, else up to ',' or 'và'."""
        best = None
        stop = self._name_end(toks, k + 1, False)
        j = k + 1
        while j <= len(toks):
            key = fold_key(head + " " + " ".join(t.text for t in toks[k:j]))
            if toks[j - 1].word and key in self.canonical:
                best = j
            if j >= len(toks) or toks[j].text in (".", ";", ":", "(") or j - k > 10:
                break
            j += 1
        if best is not None:
            return best
        end = k + 1
        while end < stop and toks[end].text not in (",",) and toks[end].key != "va":
            end += 1
        return end

    def _place(self, text: str, toks: list[Token], i: int) -> Optional[tuple[int, str]]:
        """'Thành phố Hà Nội', 'các tỉnh Nghệ An, Quảng Ngãi', 'tỉnh Lâm Đồng': a place as the subject; 'Tỉnh'
        written with a capital before its verb ('Trường hợp còn thiếu, Tỉnh tổng hợp …'): the document's own."""
        k = i + 1 if toks[i].key == "cac" else i
        level = self.levels.match(toks, k)
        if level is not None and k == i and toks[k].capital and fold_key(level[1]) in LOCAL_LEVELS \
                and self._predicate_at(toks, level[0]) is not None:
            return level[0], _capitalise(" ".join(text[toks[k].start:toks[level[0] - 1].end].split()))
        if level is None or level[0] >= len(toks) or not toks[level[0]].capital:
            return None
        end = self._scope(toks, i, False)
        if end <= level[0]:
            return None
        return end, _capitalise(" ".join(text[toks[i].start:toks[end - 1].end].split()))

    def _person(self, toks: list[Token], j: int) -> int:
        """End of a person's name at ``j`` (2–4 capitalised words), or ``j``."""
        k = j
        while k < len(toks) and k - j < _PERSON_WORDS and toks[k].word and toks[k].capital and toks[k].text.isalpha() \
                and not self._starts_unit(toks, k) and not self._predicate_at(toks, k) and not self.levels.match(toks, k):
            k += 1
        return k if k - j >= 2 else j

    def unit(self, text: str, toks: list[Token], i: int, *, subject: bool = False) -> Optional[_Parse]:
        """One agency mention at token ``i`` (a shared head gives several)."""
        if i >= len(toks) or not toks[i].word:
            return None
        start = i
        upper = self._upper_context(toks, i)
        if toks[i].key == "dong" and i + 1 < len(toks) and toks[i + 1].key == "chi":
            i += 2
        cac = i < len(toks) and toks[i].key in _PLURALS
        j = i + 1 if cac else i
        if j < len(toks) and toks[j].key == "dong" and j + 1 < len(toks) and toks[j + 1].key == "chi":
            j += 2
        if j >= len(toks):
            return None
        # A deputy, or a person, is kept with the office.
        if (deputy := self._deputy(text, toks, j, upper)) is not None and (toks[j].capital or upper):
            k = deputy[0]
            record = deputy[1]
            office = self._office(text, toks, k, upper)
            end = office[0] if office else k
            person_end = self._person(toks, end)
            if office is None and person_end == end and not (cac and record.get("office")):
                return None
            parts = [" ".join(text[toks[j].start:toks[deputy[0] - 1].end].split())]
            if office:
                parts.append(office[1])
            elif record.get("office"):  # "Phó Thủ tướng Hồ Đức Phớc" → "Phó Thủ tướng Chính phủ Hồ Đức Phớc"
                parts.append(record["office"])
            if person_end > end:
                parts.append(" ".join(text[toks[end].start:toks[person_end - 1].end].split()))
            name = " ".join(parts)
            return _Parse([AgencyMatch(toks[start].start, toks[person_end - 1].end, f"Các {name}" if cac else name)],
                          person_end)
        # Titles stand for their body: "Chủ tịch UBND tỉnh", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ".
        kinds: list[str] = []
        unit_prefix = ""
        titled = False
        while (title := self.titles.match(toks, j)) is not None and (toks[j].capital or upper or toks[j].key in ("nguoi", "lanh")):
            record = title[1]
            titled = True
            if record.get("body"):
                kinds.append(record["body"])
            unit_prefix = f"{record['unit']} " if record.get("unit") else ""
            j = title[0]
            if j + 1 < len(toks) and (toks[j].text == "," or toks[j].key == "va") and self.titles.match(toks, j + 1):
                j += 1
                continue
            break
        if titled:
            body = self._titled_body(text, toks, j, upper, kinds)
            if body is None and unit_prefix:
                # "Giám đốc Công an tỉnh": the title's own unit heads the body ("Công an tỉnh").
                body = self._titled_body(text, toks, j - len(tokens(unit_prefix)), upper, kinds)
            if body is None:
                return None
            parse, body_start = body
            if unit_prefix:
                # "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh": a body of the unit's kind under another head is the unit
                kind = " ".join(fold_key(unit_prefix).split()[1:])
                for match in parse.agencies:
                    if not fold_key(match.canonical).startswith(fold_key(unit_prefix)) \
                            and not (len(kind.split()) > 1 and f" {kind}" in fold_key(match.canonical)):
                        match.canonical = unit_prefix + match.canonical
            for match in parse.agencies:
                match.start = toks[start].start
            return parse
        body_parse = self._plain_body(text, toks, j, upper, cac, subject)
        if body_parse is None:
            return None
        for match in body_parse.agencies[:1]:
            match.start = toks[start].start
        return body_parse

    def _deputy(self, text: str, toks: list[Token], j: int, upper: bool) -> Optional[tuple[int, dict]]:
        """The longest deputy's title at ``j`` after which an office reads: 'Phó Trưởng ban Thường trực' before
        'Ban Chỉ đạo', but 'Phó Trưởng' before 'Ban Chỉ đạo' in 'Phó Trưởng Ban Chỉ đạo'."""
        found = list(self.deputies.matches(toks, j))
        return next((d for d in found if self._office(text, toks, d[0], upper) is not None), found[0] if found else None)

    def _office(self, text: str, toks: list[Token], k: int, upper: bool) -> Optional[tuple[int, str]]:
        parse = self._plain_body(text, toks, k, upper, False, False)
        if parse is None or len(parse.agencies) != 1:
            return None
        return parse.end, parse.agencies[0].canonical

    def _titled_body(self, text: str, toks: list[Token], j: int, upper: bool,
                     kinds: list[str]) -> Optional[tuple[_Parse, int]]:
        """The body after a title: a name, 'các Sở …', or a collective without 'các' ('cơ quan ngang bộ')."""
        cac = j < len(toks) and toks[j].key in _PLURALS
        k = j + 1 if cac else j
        if k >= len(toks):
            return None
        parse = self._plain_body(text, toks, k, upper, cac, False, collective_ok=True)
        if parse is None:
            return None
        if kinds and len(parse.agencies) == 1 and not parse.agencies[0].canonical.lower().startswith(("bộ ", "sở ")):
            rest = re.sub(r"(?i)^các\s+", "", parse.agencies[0].canonical)
            rest = rest[:1].lower() + rest[1:]
            parse.agencies[0].canonical = "Các " + ", ".join([k for k in kinds if not rest.startswith(k)] + [rest])
        return parse, k

    def _plain_body(self, text: str, toks: list[Token], j: int, upper: bool, cac: bool, subject: bool,
                    collective_ok: bool = False) -> Optional[_Parse]:
        """A body, a shared-head list, a collective or (at a subject) a place, at ``j``."""
        if j >= len(toks):
            return None
        if upper and cac and (collective := self._collective(text, toks, j, self.collectives)) is not None:
            end, phrase = collective  # "CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI": no head to read from case
            body = self._body(text, toks, j, upper)
            if body is None or body[0] <= end:
                return _Parse([AgencyMatch(toks[j].start, toks[end - 1].end, "Các " + phrase.lower())], end)
        if cac or collective_ok:
            shared = self._shared_head(text, toks, j)
            if shared is not None:
                end, members = shared
                found = [AgencyMatch(toks[s].start, toks[e - 1].end, name) for s, e, name in members]
                return _Parse(found, end)
        body = self._body(text, toks, j, upper)
        if body is not None and body[2] and body[0] < len(toks) and self._starts_unit(toks, body[0]) \
                and (inner := self._plain_body(text, toks, body[0], upper, False, False)) is not None and len(inner.agencies) == 1:
            # "Đảng ủy Ủy ban nhân dân tỉnh": a body named straight before another, with no word between, is that one's
            return _Parse([AgencyMatch(toks[j].start, inner.agencies[0].end, f"{body[1]} {inner.agencies[0].canonical}")],
                          inner.end)
        if body is not None:
            end, canonical, takes_scope = body
            scope_end = self._scope(toks, end, upper) if takes_scope else end
            if canonical in self.needs_scope and scope_end == end:
                return None
            scope = self._scope_text(text, toks, end, scope_end)
            if (numbered := self._name_number(toks, scope_end)) > scope_end:  # "Ban Quản lý dự án 85"
                number = " ".join(t.text for t in toks[scope_end:numbered])
                return _Parse([AgencyMatch(toks[j].start, toks[numbered - 1].end, f"{canonical}{scope} {number}")], numbered)
            return _Parse([AgencyMatch(toks[j].start, toks[scope_end - 1].end, canonical + scope)], scope_end)
        if subject and (place := self._place(text, toks, j - 1 if cac else j)) is not None:
            end, phrase = place
            return _Parse([AgencyMatch(toks[j].start, toks[end - 1].end, phrase)], end)
        if cac or collective_ok:
            collective = self._collective(text, toks, j, self.collectives)
            if collective is not None:
                end, phrase = collective
                if " " not in phrase and not cac:
                    return None
                written = f"{toks[j - 1].text} {phrase}" if cac else phrase  # titles inside are dropped
                return _Parse([AgencyMatch(toks[j].start, toks[end - 1].end, _capitalise(" ".join(written.split())))], end)
        if subject and toks[j].capital:  # "Chủ đầu tư phối hợp …", "Sở, ban, ngành thành phố …" open a sentence
            bare = self._collective(text, toks, j, self.bare_collectives)
            if bare is None and (listed := self._collective(text, toks, j, self.collectives)) is not None and "," in listed[1] \
                    and (listed[0] == len(toks) or toks[listed[0]].text == ":" or toks[listed[0]].key == "va"):
                bare = listed  # a heading or label naming kinds of body
            if bare is not None:
                end, phrase = bare
                return _Parse([AgencyMatch(toks[j].start, toks[end - 1].end, _capitalise(phrase))], end)
        return None

    def parse_list(self, text: str, toks: list[Token], i: int, *, subject: bool = False,
                   fuzzy_cutoff: Optional[float] = None) -> _Parse:
        """The agencies listed from token ``i`` on ('Sở A, Sở B và Báo C'); empty when none."""
        found: list[AgencyMatch] = []
        end = i
        while end < len(toks):
            at = end
            parse = self.unit(text, toks, at, subject=subject)
            if parse is None and fuzzy_cutoff is not None:
                parse = self._fuzzy(text, toks, end, fuzzy_cutoff)
            if parse is None:
                break
            if fuzzy_cutoff is not None and self.levels.match(toks, parse.end - 1):
                end, more = self._fuzzy_scope(text, toks, parse.end, continuing=True)
                if more:  # OCR damaged the later level words of a list
                    parse.agencies[-1].canonical += more
                    parse.agencies[-1].end = toks[end - 1].end
                    parse.end = end
            if found and (body := self._body_of_listed_place(found[-1].canonical, toks, at, parse)) is not None:
                parse.agencies[0].canonical = f"{body} {' '.join(text[toks[at].start:parse.agencies[0].end].split())}"
            if found and toks[at - 1].text == "/" and len(parse.agencies) == 1:
                found[-1].canonical += self._scope_of(found[-1].canonical, parse.agencies[0].canonical)
            found.extend(parse.agencies)
            end = parse.end
            k = end
            if k + 1 < len(toks) and toks[k].text == "/" and len(parse.agencies) == 1 \
                    and self._same_head(parse.agencies[0].canonical, toks, k + 1):
                end = k + 1  # "Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao tỉnh": one body by either name
                continue
            if k < len(toks) and toks[k].text == "(":  # "(EVN)", "(cơ quan thường trực)"
                close = next((n for n in range(k, min(k + 12, len(toks))) if toks[n].text == ")"), None)
                if close is not None:
                    if close > k + 1 and len(parse.agencies) == 1 and self.is_generic(parse.agencies[0].canonical) and (
                            named := self.whole(text[toks[k + 1].start:toks[close - 1].end])) \
                            and not any(self.is_generic(m.canonical) for m in named):
                        # "Nhà đầu tư (Tập đoàn Đèo Cả)": the role is held by the body the parenthesis names
                        found[-1:] = [AgencyMatch(found[-1].start, toks[close].end, m.canonical) for m in named]
                    k = close + 1
            if k < len(toks) and (toks[k].text in (",", ";") or toks[k].key in ("va", "cung")):
                k += 1
                if k < len(toks) and toks[k].key in ("va", "voi"):
                    k += 1
                elif (emphasis := self.emphases.match(toks, k)) is not None:
                    k = emphasis[0]  # "các bộ, ngành, nhất là Bộ Xây dựng"
                if k < len(toks) and self.unit(text, toks, k, subject=subject) is not None or (
                        fuzzy_cutoff is not None and self._fuzzy(text, toks, k, fuzzy_cutoff) is not None):
                    end = k
                    continue
                if (people := self._people_of_body(text, toks, k)) is not None:
                    found.extend(people.agencies)  # "Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Cà Mau"
                    end = people.end
                    break
            if k > end and k < len(toks) and toks[k - 1].text == ")":
                end = k
            break
        return _Parse(self._without_deputies_of_listed(_expand_levels(self._expand_places(self._shared_scope(found)))), end if found else i)

    def _body_of_listed_place(self, previous: str, toks: list[Token], i: int, parse: _Parse) -> Optional[str]:
        """'Ủy ban nhân dân' when a place ('thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh', parsed at token ``i``)
        follows a body named with its place ('Ủy ban nhân dân thành phố Hà Nội, Thành phố Hồ Chí Minh và tỉnh Quảng
        Ninh'): the body's head is shared by the places listed after it; else None."""
        if len(parse.agencies) != 1 or not self._level_at(toks, i) or not self.is_name_word(
                toks, self.levels.match(toks, i)[0]):
            return None
        named = tokens(previous)
        level = self._first_level(named)
        if level is None or not self.is_name_word(named, self.levels.match(named, level)[0]) \
                or not self._starts_unit(named, 0):
            return None
        return previous[:named[level].start].strip()

    def _same_head(self, name: str, toks: list[Token], k: int) -> bool:
        """The body at token ``k`` has the head noun ``name`` begins with ('Sở …/Sở …', not 'Cục …/Tổng cục …')."""
        named = tokens(name)
        head = self.heads.match(named, 0)
        other = self.heads.match(toks, k)
        return head is not None and other is not None and toks[k].capital \
            and fold_key(name[:named[head[0] - 1].end]) == fold_key(" ".join(t.text for t in toks[k:other[0]]))

    def _scope_of(self, name: str, alternative: str) -> str:
        """The scope that closes ``alternative`` (' tỉnh, thành phố trực thuộc Trung ương'), which the other name
        of the same body (``name``) shares when it has none; else ''."""
        if self.has_level(name):
            return ""
        named = tokens(alternative)
        level = self._first_level(named)
        return f" {alternative[named[level].start:]}" if level is not None else ""

    def _shared_scope(self, found: list[AgencyMatch]) -> list[AgencyMatch]:
        """'Hội đồng nhân dân, Ủy ban nhân dân tỉnh Cà Mau': the scope that closes a list belongs to the bodies
        before it that are named bare ('Hội đồng nhân dân'), as far back as they go past those that name it
        already, and to a group of the same members ('Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Cà Mau')."""
        if len(found) < 2:
            return found
        last = tokens(found[-1].canonical)
        level = next((k for k in range(1, len(last)) if self._level_at(last, k)), None)
        if level is None:
            return found
        scope = found[-1].canonical[last[level].start:]
        owner = self._owner_of_part(found[-1].canonical, last, level)
        members = " " + fold_key(found[-1].canonical[:last[level].start]).replace("cac ", "", 1).strip()
        for match in reversed(found[:-1]):
            if fold_key(match.canonical).endswith(" " + fold_key(scope)):
                continue  # "…, các Ban của Hội đồng nhân dân Thành phố, …": a part that names the scope already
            if (fold_key(match.canonical) in self._bare_bodies or fold_key(match.canonical).endswith(members)) \
                    and not self.has_level(match.canonical):
                match.canonical = f"{match.canonical} {scope}"
            elif owner is not None and self._is_bare_part(match.canonical):
                match.canonical = f"{match.canonical} {owner} {scope}"
            else:
                break
        return found

    def _owner_of_part(self, name: str, toks: list[Token], level: int) -> Optional[str]:
        """'Hội đồng nhân dân' in 'các đại biểu Hội đồng nhân dân Thành phố': the body of a part or its members
        named straight before it (not '… thuộc Ủy ban …'); the parts listed earlier without a body ('Thường
        trực Hội đồng nhân dân, các Tổ đại biểu và các đại biểu …') are parts of the same body."""
        for start in range(1, level):
            body = name[toks[start].start:toks[level - 1].end]
            if fold_key(body) in self._level_bodies and self._is_bare_part(name[:toks[start].start]):
                return body
        return None

    def _is_bare_part(self, name: str) -> bool:
        """'Các Tổ đại biểu': a kind of part or member named with no body of its own."""
        toks = tokens(name)
        start = 1 if toks and toks[0].key in _PLURALS else 0
        part = self.collectives.match(toks, start) or self.person_collectives.match(toks, start)
        return part is not None and part[0] == len(toks)

    def _people_of_body(self, text: str, toks: list[Token], k: int) -> Optional[_Parse]:
        """People by their standing with the body they belong to ('đại biểu Quốc hội tỉnh Cà Mau'), listed
        after bodies; None for people named without their body."""
        people = self.person_collectives.match(toks, k)
        if people is None or not self._starts_unit(toks, people[0]):
            return None
        end = self._modified(text, toks, people[0])
        return _Parse([AgencyMatch(toks[k].start, toks[end - 1].end, _capitalise(" ".join(text[toks[k].start:toks[end - 1].end].split())))], end)

    def _without_deputies_of_listed(self, found: list[AgencyMatch]) -> list[AgencyMatch]:
        """'Bộ trưởng Bộ Y tế, Thứ trưởng Bộ Y tế phụ trách lĩnh vực': a deputy named with the head of the same
        body (no person named) stands for that body, already listed."""
        keys = {fold_key(m.canonical) for m in found}
        kept = []
        for match in found:
            toks = tokens(match.canonical)
            deputy = self.deputies.match(toks, 0)
            if deputy is not None and deputy[0] < len(toks) and fold_key(match.canonical[toks[deputy[0]].start:]) in keys:
                continue
            kept.append(match)
        return kept

    def _expand_places(self, found: list[AgencyMatch]) -> list[AgencyMatch]:
        """A head shared by listed places is expanded, one agency per place: 'Ủy ban nhân dân các tỉnh,
        thành phố: Gia Lai, Hồ Chí Minh' → 'Ủy ban nhân dân tỉnh Gia Lai', 'Ủy ban nhân dân thành phố Hồ
        Chí Minh'; 'Các tỉnh Nghệ An, Quảng Ngãi' → 'Tỉnh Nghệ An', 'Tỉnh Quảng Ngãi'. A party committee
        coordinated with them takes the same places ('Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh:
        …' → 'Tỉnh ủy Gia Lai' …)."""
        out: list[AgencyMatch] = []
        for index, match in enumerate(found):
            places = self._listed_places(match.canonical)
            if places is None:
                out.append(match)
                continue
            body, listed = places
            if index and (committee := self.committees.get(fold_key(found[index - 1].canonical))) is not None \
                    and out and out[-1] is found[index - 1]:
                out.pop()  # "Bí thư tỉnh ủy và …": the committee of each place
                out.extend(AgencyMatch(found[index - 1].start, found[index - 1].end,
                                       f"{committee[level == 'thành phố']} {place}") for level, place in listed)
            out.extend(AgencyMatch(match.start, match.end, f"{body} {level} {place}".strip() if body else
                                   f"{_capitalise(level)} {place}") for level, place in listed)
        return out

    def spelled_out(self, name: str) -> str:
        """``name`` with the abbreviations inside it written out ('… hoạt động trong KCN' → '… trong Khu
        công nghiệp'); a name that is an abbreviation itself ('VNPT') stays."""
        if " " not in name.strip():
            return name
        return _ABBREVIATION.sub(lambda m: self.abbreviations.get(m.group(0), m.group(0)), name) if self.abbreviations else name

    def listed_bodies(self, name: str) -> list[str]:
        """'Sở Xây dựng các tỉnh: Gia Lai, Lâm Đồng' → ['Sở Xây dựng tỉnh Gia Lai', 'Sở Xây dựng tỉnh Lâm Đồng']."""
        places = self._listed_places(" ".join(name.split()).strip(" .;"))
        if places is None:
            return [name]
        body, listed = places
        return [f"{body} {level} {place}".strip() for level, place in listed]

    def _listed_places(self, canonical: str) -> Optional[tuple[str, list[tuple[str, str]]]]:
        """('Ủy ban nhân dân', [('tỉnh', 'Gia Lai'), ('thành phố', 'Huế')]) for a name with listed places."""
        m = _LISTED_PLACES.match(canonical)
        if not m:
            return None
        levels = [fold_key(level) for level in re.split(r"\s*,\s*|\s+và\s+", m.group("levels"))]
        places = [p for p in re.split(r"\s*,\s*|\s+và\s+", m.group("places").strip(" .;")) if p]
        if len(places) < 2 and m.group("colon") is None:
            return None

        def level(place: str) -> str:
            city = fold_key(place) in self.cities
            if "thanh pho" in levels and (city or "tinh" not in levels):
                return "thành phố"
            return "tỉnh"

        return (m.group("body") or "").strip(), [(level(place), place) for place in places]

    # -- fuzzy matching where an agency is expected -----------------------------------------

    def _fuzzy(self, text: str, toks: list[Token], i: int, cutoff: float) -> Optional[_Parse]:
        if i >= len(toks) or not toks[i].capital or not toks[i].key[:1].isalpha():
            return None  # names are capitalised, and OCR keeps capitals
        words = list(re.finditer(r"\S+", text[toks[i].start:toks[i].start + 200]))[:_FUZZY_MAX_WORDS]
        first = toks[i].key[:1]
        best: Optional[tuple[float, int, str]] = None
        for count in range(2, len(words) + 1):
            choices = self._fuzzy_choices.get((count, first))
            if not choices:
                continue
            candidate = fold_key(text[toks[i].start:toks[i].start + words[count - 1].end()])
            hit = process.extractOne(candidate, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit and (best is None or hit[1] >= best[0]):
                best = (hit[1], toks[i].start + words[count - 1].end(), hit[0])
        if best is None:
            return None
        _, end_char, key = best
        end = next((k for k in range(i, len(toks)) if toks[k].end > end_char), len(toks))
        while end > i + 1 and not toks[end - 1].word:
            end -= 1
        canonical = self.canonical[key]
        end, scope = self._fuzzy_scope(text, toks, end)
        if canonical in self.needs_scope and not scope:
            return None
        return _Parse([AgencyMatch(toks[i].start, toks[end - 1].end, canonical + scope)], end)

    def _fuzzy_scope(self, text: str, toks: list[Token], k: int, continuing: bool = False) -> tuple[int, str]:
        """Level words after a fuzzily matched name, matched fuzzily themselves ('huyén, thanh phd,
        thi xi' → ' huyện, thành phố, thị xã'), then a place."""
        parts: list[str] = []
        while k < len(toks):
            m = k
            separator = " "
            if (parts or continuing) and toks[m].text == ",":
                separator, m = ", ", m + 1
            elif (parts or continuing) and toks[m].key == "va":
                separator, m = " và ", m + 1
            cac = m < len(toks) and toks[m].key == "cac"
            if cac:
                m += 1
            hit = self._fuzzy_level(toks, m) if m >= len(toks) or not self._starts_unit(toks, m) else None
            if hit is None or continuing and not parts and separator == " ":
                break
            level, used = hit
            parts.append(separator + ("các " if cac else "") + level)
            k = m + used
        if parts and not continuing and k < len(toks):
            end = self._proper(toks, k, False)
            if end > k:
                parts.append(" " + " ".join(text[toks[k].start:toks[end - 1].end].split()))
                k = end
        return k, "".join(parts)

    def _fuzzy_level(self, toks: list[Token], m: int) -> Optional[tuple[str, int]]:
        if m >= len(toks) or not toks[m].word:
            return None
        if m + 1 < len(toks) and toks[m + 1].word:
            hit = process.extractOne(f"{toks[m].key} {toks[m + 1].key}", self._levels_by_words[2], scorer=fuzz.ratio,
                                     score_cutoff=80)
            if hit:
                return self._level_keys[hit[0]], 2
        hit = process.extractOne(toks[m].key, self._levels_by_words[1], scorer=fuzz.ratio, score_cutoff=90)
        return (self._level_keys[hit[0]], 1) if hit else None

    # -- entry points ------------------------------------------------------------------------

    def find(self, text: str) -> list[AgencyMatch]:
        """Every agency mention in ``text`` (non-overlapping, left to right)."""
        toks = tokens(text)
        found: list[AgencyMatch] = []
        i = 0
        while i < len(toks):
            if toks[i].key in self._starts or toks[i].key in self._defined.get().by_first \
                    or toks[i].key in self.collectives.by_first and i and toks[i - 1].key == "cac":
                parse = self.unit(text, toks, i)
                if parse is not None and parse.end > i:
                    found.extend(parse.agencies)
                    i = parse.end
                    continue
            i += 1
        return found

    def match_start(self, text: str, fuzzy_cutoff: Optional[float] = 85.0, *, subject: bool = False) -> list[AgencyMatch]:
        """The agency or list of agencies ``text`` starts with ('Sở A, Sở B và Báo C: …'), exact
        first and fuzzy when OCR damage hides a name."""
        text = text[:_START_CHARS]
        toks = tokens(text)
        return self.parse_list(text, toks, _topic_end(toks) if subject else 0, subject=subject, fuzzy_cutoff=fuzzy_cutoff).agencies

    def list_run_on(self, text: str, found: list[AgencyMatch], before_predicate: Callable[[str], bool]) -> list[AgencyMatch]:
        """A subject's list that goes on past the names it knows in kinds of body named in common words ("Chính phủ,
        Ủy ban nhân dân tỉnh X, chính quyền địa phương các đơn vị … và các cơ quan, tổ chức khác có liên quan có trách
        nhiệm …", "…, cơ quan thông tấn báo chí và Ủy ban nhân dân xã chủ động …"): ``found`` with those members added,
        each up to the next separator a known name follows, or up to the clause's predicate; ``found`` itself unless
        the whole list ends where ``before_predicate`` says the predicate starts."""
        if not found:
            return found
        extended = list(found)
        position = found[-1].end
        while (separator := _LIST_SEPARATOR.match(text, position)) is not None:
            start = separator.end()
            if known := self.match_start(text[start:], None, subject=True):
                extended.extend(AgencyMatch(start + m.start, start + m.end, m.canonical) for m in known)
                position = start + known[-1].end
                continue
            toks = tokens(text[start:start + _START_CHARS])
            first = 1 if toks and toks[0].key in _PLURALS else 0
            kind = self.collectives.match(toks, first)
            if kind is None or toks[first].capital:
                return found  # not a kind of body in common words, or a name the grammar could not read
            # a verb straight after the kind qualifies it ("cơ quan đăng ký đất đai gửi …")
            qualifier = self.predicates.match(toks, kind[0])
            end, nominal = None, False
            for k in range(first + 1, min(len(toks), _RUN_ON_WORDS)):
                nominal = nominal or toks[k - 1].key == "viec"  # "… liên quan đến việc thực hiện sắp xếp": a noun
                if toks[k].key == "va" or toks[k].text == ",":
                    if self.match_start(text[start + toks[k].end:], None, subject=True):
                        end = toks[k].start  # the next member is a name the grammar knows
                        break
                elif not nominal and k >= (qualifier[0] if qualifier else kind[0]) \
                        and before_predicate(text[start + toks[k].start:]):
                    end = toks[k].start  # what the list does
                    break
                elif not toks[k].word:
                    return found
            if end is None:
                return found
            name = " ".join(text[start:start + end].split())
            extended.append(AgencyMatch(start, start + len(text[start:start + end].rstrip()), _capitalise(name)))
            position = extended[-1].end
        return extended if len(extended) > len(found) and before_predicate(text[position:]) else found

    def whole(self, text: str) -> list[AgencyMatch]:
        """The agencies ``text`` consists of (a heading, a label, a table cell), or []."""
        stripped = text.strip().rstrip(" .:;,")
        toks = tokens(stripped)
        start = _topic_end(toks)
        if start >= len(toks):
            return []
        parse = self.parse_list(stripped, toks, start, subject=True, fuzzy_cutoff=85.0)
        return parse.agencies if parse.agencies and parse.end == len(toks) else []


def _expand_levels(found: list[AgencyMatch]) -> list[AgencyMatch]:
    """A body named once for several levels is one body per level: 'Ban Chỉ huy Phòng thủ dân sự cấp
    tỉnh, cấp xã' → 'Ban Chỉ huy Phòng thủ dân sự cấp tỉnh', 'Ban Chỉ huy Phòng thủ dân sự cấp xã'."""
    out: list[AgencyMatch] = []
    for match in found:
        m = _LISTED_LEVELS.fullmatch(match.canonical)
        levels = re.split(r"\s*,\s*|\s+và\s+", m.group("levels")) if m else []
        out.extend(AgencyMatch(match.start, match.end, f"{m.group('body')} {level}") for level in levels)
        if not levels:
            out.append(match)
    return out


def _topic_end(toks: list[Token]) -> int:
    """After 'Đối với' opening a subject or heading ('Đối với các chủ đầu tư cần …'), else 0."""
    return 2 if len(toks) > 2 and toks[0].key == "doi" and toks[1].key == "voi" else 0


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def issuing_locality(issuer: Optional[str]) -> Optional[tuple[str, str]]:
    """('thanh pho', 'ha noi') for 'Hội đồng nhân dân thành phố Hà Nội': the level and place of a local
    issuer, folded; None for a central one ('Thủ tướng Chính phủ', 'Bộ Xây dựng')."""
    m = _ISSUING_LOCALITY.search(fold_key(issuer or ""))
    return (m.group("level"), m.group("place")) if m else None


def canonical_agency(name: str, locality: Optional[tuple[str, str]] = None) -> str:
    """Comparison form of an agency name: the gazetteer's canonical name when the
    whole string is one mention, folded to lower case without diacritics. Within a
    document of ``locality`` (see :func:`issuing_locality`) a body of that locality
    is one body with or without the place: 'Ủy ban nhân dân thành phố Hà Nội', 'Ủy ban
    nhân dân Thành phố' and 'Ủy ban nhân dân' compare equal in a resolution of Hà Nội's
    council, as 'Sở Tài chính tỉnh Nam Định', 'Sở Tài chính tỉnh' and 'Sở Tài chính' in a
    text of Nam Định's: the bare level word stands for the place. A whole level is one body
    however its units are listed (:func:`~ccn_docs.admin_levels.level_names`)."""
    matches = gazetteer().whole(name)
    if len(matches) == 1:
        name = matches[0].canonical
    key = fold_key(level_names(name)).replace("cac ", "")
    if locality is not None:
        level, place = locality
        key = re.sub(rf"\b{level} {place}\b", level, key)
        key = re.sub(rf"(?<=\S)(?<!\bcap) {level}$", "", key)  # "cấp tỉnh" is every province
    return key
