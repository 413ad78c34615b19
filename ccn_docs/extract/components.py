"""The rule components of extraction's spaCy pipeline: agencies and legal references
as span groups over a task's text. Kept apart from the matchers they wrap, so that
reading a document's header needs no spaCy."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .agencies import AgencyMatch, gazetteer
from .legal import legal_matcher
from .patterns import doc_text

AGENCY_SPANS = "agencies"
LEGAL_SPANS = "legal_refs"
Span.set_extension("legal_ref", default=None, force=True)


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
        doc.spans[AGENCY_SPANS] = spans
        return doc

    def match_start(self, text: str, fuzzy: bool = True, subject: bool = False) -> list[AgencyMatch]:
        """Agencies ``text`` starts with; ``fuzzy`` also tolerates OCR damage."""
        return self.gazetteer.match_start(text, self.fuzzy_cutoff if fuzzy else None, subject=subject)


@Language.factory("ccn_legal_ruler", default_config={})
def make_legal_ruler(nlp: Language, name: str) -> "LegalRuler":
    return LegalRuler(name)


class LegalRuler:
    """Adds ``doc.spans["legal_refs"]``; each span's ``._.legal_ref`` is a
    :class:`LegalRef` and its label ``ref`` or ``anaphora`` ("Nghị định này")."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.matcher = legal_matcher()

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, ref, anaphora in self.matcher.find(doc_text(doc)):
            span = doc.char_span(start, end, label="anaphora" if anaphora else "ref", alignment_mode="expand")
            if span is not None:
                span._.legal_ref = ref
                spans.append(span)
        doc.spans[LEGAL_SPANS] = spans
        return doc
