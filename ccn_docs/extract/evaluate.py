"""Score extraction against hand-annotated gold files (``corpus/gold/*.json``).

* **Task match.** A predicted task matches a gold task when their openings agree:
  each text loses its list marker ("1.", "a)", "-") and a leading label of at
  most 12 words ended by a colon ("Sở Tư pháp: ...", "Về thi công: ..."), is
  folded (no diacritics, lower case, punctuation → one space), and cut to its
  first :data:`OPENING_CHARS` characters; the two openings must have a
  normalised Indel similarity ≥ :data:`OPENING_SIMILARITY` (at most ~2 edits in
  40 characters, which absorbs a leftover OCR error but not another
  obligation). Pairs are matched one-to-one by an optimal assignment: the most
  pairs, then the highest total similarity, then, among equally good text
  matches, the most pairs whose agencies agree.
* **Agency accuracy** on matched tasks: the sets of agencies (a list for shared
  tasks) are equal after canonicalisation through the gazetteer, compared
  folded (case- and diacritics-insensitive). In a document of a local issuer a body
  of the issuer's locality is the same with or without the place's name ("Ủy ban
  nhân dân thành phố Hà Nội" = "Ủy ban nhân dân Thành phố" when the gold's issuer
  is of thành phố Hà Nội), and with or without the bare level word that stands for
  it ("Sở Tài chính tỉnh" = "Sở Tài chính" in a province's text).
* **Legal references** on matched tasks: precision/recall of reference keys —
  the normalised number (folded, upper case, no spaces: "32/2024/ND-CP"), or
  for an unnumbered reference ("Luật Đất đai") its folded name.
* **Document fields** (:data:`DOCUMENT_FIELDS`), per document: the predicted value
  is *right* when its comparison key equals the gold's (two empty values are
  equal), *null* when it is empty where the gold has a value — the safe failure —
  and *wrong* otherwise. Keys: ``number`` as a reference key is ("32/2024/ND-CP");
  ``date`` as an ISO date; ``issuer`` canonicalised like an agency (without a
  locality: the issuer is what defines it); ``subject`` folded (case, diacritics
  and punctuation do not count), and also scored as a token F1 over its folded
  words, which shows a subject that runs on into the body or stops short;
  ``type``, ``place``, ``signer`` and ``signer_title`` with case, punctuation and
  spacing ignored but diacritics kept (a name or place differs by them);
  ``recipients`` and ``distribution`` as sets of such keys, ``legal_bases`` as a
  set of reference keys. A field's accuracy is the share of documents where it
  is right.

Clean corpus documents are extracted as they are; OCR documents (``samples/``)
go through the ``restorer`` the caller passes first, as ``ccn extract`` restores
by default.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional, Union

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

from ..errors import InputError, Msg
from ..scoring import PRF
from ..types import Directive, LegalRef
from .agencies import canonical_agency, issuing_locality
from .layout import MARKER
from ..vietnamese import normalize_text
from .patterns import fold_key, number_key
from ..textio import read_text
from .directive import extract_text

OPENING_CHARS = 40
OPENING_SIMILARITY = 0.9
_SIMILARITY_STEPS = 10_000  # similarities compared to four decimals
_LABEL = re.compile(r"^([^:]{1,100}):\s*(?=\S)")
_LOCATION = re.compile(r"^(?:diem \w+ )?(?:khoan \d+ )?(?:dieu \d+\w? )?(?:cua )?")
PROJECT = Path(__file__).resolve().parents[2]


GOLD = PROJECT / "corpus" / "gold"


def gold_files(blind: bool = False) -> list[Path]:
    """The project's gold files: the dev gold (``corpus/gold/*.json``) or the sealed blind slice."""
    return sorted((GOLD / "blind" if blind else GOLD).glob("*.json"))


def default_corpus() -> Path:
    return Path(os.environ.get("CCN_CORPUS", PROJECT.parent / "shared" / "corpus"))


def opening(text: str) -> str:
    """The comparison key of a task text (see the module doc)."""
    text = text.strip()
    if m := MARKER.match(text):
        text = text[m.end():]
    if (m := _LABEL.match(text)) and len(m.group(1).split()) <= 12:
        text = text[m.end():]
    return fold_key(text)[:OPENING_CHARS]


def ref_key(ref: Union[LegalRef, dict[str, Any]]) -> str:
    data = ref if isinstance(ref, dict) else ref.to_dict()
    if data.get("number"):
        return number_key(data["number"])
    return _LOCATION.sub("", fold_key(data.get("text") or "")).replace(" so ", " ")


def _text_key(text: str) -> str:
    """Case, punctuation, spacing and the tone mark's place ignored ("UỶ BAN" = "Ủy ban"), diacritics kept."""
    return " ".join(re.findall(r"\w+", normalize_text(text.lower())))


def _date_key(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return text.strip()


_FIELD_KEYS: dict[str, Callable[[Any], Any]] = {
    "issuer": canonical_agency,
    "number": number_key,
    "date": _date_key,
    "type": _text_key,
    "place": _text_key,
    "subject": fold_key,
    "signer": _text_key,
    "signer_title": _text_key,
    "recipients": lambda names: frozenset(map(_text_key, names)),
    "legal_bases": lambda refs: frozenset(map(ref_key, refs)),
    "distribution": lambda names: frozenset(map(_text_key, names)),
}
DOCUMENT_FIELDS = tuple(_FIELD_KEYS)
FIELD_OUTCOMES = ("right", "wrong", "null")


def field_key(name: str, value: Any) -> Any:
    """The comparison key of a document field's value (see the module doc); None when it is empty."""
    return _FIELD_KEYS[name](value) or None if value else None


def field_outcome(name: str, gold: Any, predicted: Any) -> str:
    """"right", "null" (empty where the gold has a value) or "wrong"."""
    gold_key, predicted_key = field_key(name, gold), field_key(name, predicted)
    if gold_key == predicted_key:
        return "right"
    return "null" if predicted_key is None else "wrong"


def subject_tokens(gold: Optional[str], predicted: Optional[str]) -> PRF:
    """The folded words the predicted subject shares with the gold's (counted with repetition)."""
    gold_words, predicted_words = Counter(fold_key(gold or "").split()), Counter(fold_key(predicted or "").split())
    return PRF(sum((gold_words & predicted_words).values()), sum(predicted_words.values()), sum(gold_words.values()))


def _agency_set(agency: Union[str, list[str], None], locality: Optional[tuple[str, str]] = None) -> set[str]:
    if agency is None:
        return set()
    names = [agency] if isinstance(agency, str) else agency
    return {canonical_agency(name, locality) for name in names}


@dataclass
class DocumentScore:
    gold_file: str
    genre: str  # the gold's document.type: Công điện, Kế hoạch, Thông báo …
    tasks: PRF
    agencies_right: int
    agencies_compared: int
    refs: PRF
    misses: list[str] = field(default_factory=list)  # gold task openings not found
    extras: list[str] = field(default_factory=list)  # predicted openings not in gold
    agency_errors: list[tuple[str, str, str]] = field(default_factory=list)  # opening, gold, predicted
    ref_errors: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # document field → right / wrong / null
    subject: PRF = field(default_factory=lambda: PRF(0, 0, 0))  # folded subject words
    field_errors: list[tuple[str, str, str]] = field(default_factory=list)  # field, gold, predicted


@dataclass
class Report:
    documents: list[DocumentScore]

    @property
    def tasks(self) -> PRF:
        return sum((d.tasks for d in self.documents), PRF(0, 0, 0))

    @property
    def refs(self) -> PRF:
        return sum((d.refs for d in self.documents), PRF(0, 0, 0))

    @property
    def agency_accuracy(self) -> float:
        compared = sum(d.agencies_compared for d in self.documents)
        return sum(d.agencies_right for d in self.documents) / compared if compared else 1.0

    def field_counts(self, name: str) -> dict[str, int]:
        """How many documents have the field right, wrong and null."""
        outcomes = Counter(d.fields.get(name) for d in self.documents)
        return {outcome: outcomes[outcome] for outcome in FIELD_OUTCOMES}

    def field_accuracy(self, name: str) -> float:
        return self.field_counts(name)["right"] / len(self.documents) if self.documents else 1.0

    @property
    def subject_tokens(self) -> PRF:
        return sum((d.subject for d in self.documents), PRF(0, 0, 0))

    def by_genre(self) -> dict[str, "Report"]:
        """One report per genre, genres in alphabetical order."""
        genres: dict[str, list[DocumentScore]] = {}
        for document in self.documents:
            genres.setdefault(document.genre, []).append(document)
        return {genre: Report(documents) for genre, documents in sorted(genres.items())}

    def row(self) -> dict[str, Any]:
        tasks, refs = self.tasks, self.refs
        return {"documents": len(self.documents), "gold_tasks": tasks.gold, "predicted_tasks": tasks.predicted,
                "task_precision": tasks.precision, "task_recall": tasks.recall, "task_f1": tasks.f1,
                "agency_accuracy": self.agency_accuracy, "ref_precision": refs.precision, "ref_recall": refs.recall,
                "fields": {name: self.field_counts(name) | {"accuracy": self.field_accuracy(name)} for name in DOCUMENT_FIELDS},
                "subject_token_f1": self.subject_tokens.f1}

    def to_dict(self, per_document: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if per_document:
            data["documents"] = {d.gold_file: Report([d]).row() | {"genre": d.genre} for d in self.documents}
        data["genres"] = {genre: report.row() for genre, report in self.by_genre().items()}
        data["total"] = self.row()
        return data

    def to_markdown(self, per_document: bool = True) -> str:
        """Two tables, each with a row per gold document (unless ``per_document`` is false), a row per
        genre and the total: tasks, agencies and references; then the document fields (a document's
        row marks each field ✓ right, ✗ wrong or ∅ null; the others give its accuracy), and the
        overall right / wrong / null counts per field."""
        lines = ["| gold | tasks gold/pred | task P | task R | task F1 | agency acc. | ref P | ref R |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|"]
        rows = [(d.gold_file, Report([d]).row()) for d in self.documents] if per_document else []
        rows += [(f"*{genre}* ({report.row()['documents']})", report.row()) for genre, report in self.by_genre().items()]
        rows.append(("**all**", self.row()))
        for name, row in rows:
            lines.append(
                f"| {name} | {row['gold_tasks']}/{row['predicted_tasks']} | {row['task_precision']:.3f} | "
                f"{row['task_recall']:.3f} | {row['task_f1']:.3f} | {row['agency_accuracy']:.3f} | "
                f"{row['ref_precision']:.3f} | {row['ref_recall']:.3f} |"
            )
        lines += ["", f"| gold | {' | '.join(DOCUMENT_FIELDS)} | subject word F1 |",
                  f"|---|{'---:|' * (len(DOCUMENT_FIELDS) + 1)}"]
        marks = {"right": "✓", "wrong": "✗", "null": "∅"}
        if per_document:
            for d in self.documents:
                lines.append(f"| {d.gold_file} | {' | '.join(marks[d.fields[n]] for n in DOCUMENT_FIELDS)} | {d.subject.f1:.3f} |")
        for name, report in [*((f"*{g}* ({len(r.documents)})", r) for g, r in self.by_genre().items()), ("**all**", self)]:
            lines.append(f"| {name} | {' | '.join(f'{report.field_accuracy(n):.3f}' for n in DOCUMENT_FIELDS)} | "
                         f"{report.subject_tokens.f1:.3f} |")
        lines += ["", "| field | right | wrong | null | accuracy |", "|---|---:|---:|---:|---:|"]
        for name in DOCUMENT_FIELDS:
            counts = self.field_counts(name)
            lines.append(f"| {name} | {counts['right']} | {counts['wrong']} | {counts['null']} | {self.field_accuracy(name):.3f} |")
        return "\n".join(lines)


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=error.strerror or error)) from None
    except json.JSONDecodeError as error:
        raise InputError(Msg.GOLD_INVALID.format(path=path, reason=error.msg)) from None
    if not isinstance(data, dict) or "source_file" not in data or not isinstance(data.get("tasks"), list):
        raise InputError(Msg.GOLD_INVALID.format(path=path, reason="needs 'source_file' and a 'tasks' list"))
    return data


def gold_input(source_file: str, corpus: Path) -> Path:
    """The document a gold file annotates: ``admin/…`` in the corpus, ``samples/…``
    in the project's ``corpus/samples`` (else next to the corpus)."""
    candidates = [corpus / source_file]
    if source_file.startswith("samples/"):
        candidates.insert(0, PROJECT / "corpus" / source_file)
        candidates.append(corpus.parent / source_file)
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise InputError(Msg.INPUT_MISSING.format(path=candidates[0]))


def pair_tasks(gold_keys: list[str], pred_keys: list[str], same_agency: Callable[[int, int], bool]) -> dict[int, int]:
    """The one-to-one pairing of gold and predicted openings (gold index → predicted index)
    that pairs the most openings similar enough, then has the highest total similarity, then
    the most pairs whose agencies agree: agency agreement only decides among equally good text
    matches, such as one duty given in the same words to several bodies."""
    if not gold_keys or not pred_keys:
        return {}
    similarity = cdist(gold_keys, pred_keys, scorer=Indel.normalized_similarity, dtype=np.float64)
    similar = similarity >= OPENING_SIMILARITY
    # Openings only compete within a group linked by similar pairs; each group is assigned on its own.
    _, group = connected_components(np.block([[np.zeros((len(gold_keys),) * 2), similar],
                                              [similar.T, np.zeros((len(pred_keys),) * 2)]]), directed=False)
    matched: dict[int, int] = {}
    for label in np.unique(group[: len(gold_keys)]):
        rows = np.flatnonzero(group[: len(gold_keys)] == label)
        columns = np.flatnonzero(group[len(gold_keys):] == label)
        if not len(columns):
            continue
        # Integer weights keep the three criteria apart exactly: each outweighs every sum of
        # the ones after it over the group's pairs.
        most = min(len(rows), len(columns)) + 1
        text = np.rint(similarity[np.ix_(rows, columns)] * _SIMILARITY_STEPS) * most
        agency = np.array([[same_agency(int(i), int(j)) for j in columns] for i in rows], dtype=float)
        weights = np.where(similar[np.ix_(rows, columns)], (_SIMILARITY_STEPS + 1) * most * most + text + agency, 0)
        for r, c in zip(*linear_sum_assignment(weights, maximize=True)):
            if weights[r, c] > 0:
                matched[int(rows[r])] = int(columns[c])
    return matched


def score_document(gold: dict[str, Any], predicted: Directive, gold_file: str) -> DocumentScore:
    gold_tasks = gold["tasks"]
    gold_keys = [opening(t["task"]) for t in gold_tasks]
    pred_keys = [opening(t.task) for t in predicted.tasks]
    locality = issuing_locality((gold.get("document") or {}).get("issuer"))
    gold_agencies = [_agency_set(t.get("agency"), locality) for t in gold_tasks]
    pred_agencies = [_agency_set(t.agency, locality) for t in predicted.tasks]
    matched = pair_tasks(gold_keys, pred_keys, lambda i, j: gold_agencies[i] == pred_agencies[j])
    used = set(matched.values())
    gold_document = gold.get("document") or {}
    genre = gold_document.get("type") or "?"
    score = DocumentScore(gold_file, genre, PRF(len(matched), len(pred_keys), len(gold_keys)), 0, 0, PRF(0, 0, 0))
    for name in DOCUMENT_FIELDS:
        gold_value, predicted_value = gold_document.get(name), getattr(predicted, name)
        score.fields[name] = field_outcome(name, gold_value, predicted_value)
        if score.fields[name] != "right":
            score.field_errors.append((name, _shown(gold_value), _shown(predicted_value)))
    score.subject = subject_tokens(gold_document.get("subject"), predicted.subject)
    score.misses = [gold_keys[i] for i in range(len(gold_keys)) if i not in matched]
    score.extras = [pred_keys[j] for j in range(len(pred_keys)) if j not in used]
    for i, j in sorted(matched.items()):
        gold_task, task = gold_tasks[i], predicted.tasks[j]
        score.agencies_compared += 1
        if gold_agencies[i] == pred_agencies[j]:
            score.agencies_right += 1
        else:
            score.agency_errors.append((gold_keys[i], str(gold_task.get("agency")), str(task.agency)))
        gold_refs = {ref_key(r) for r in gold_task.get("legal_refs") or []}
        pred_refs = {ref_key(r) for r in task.legal_refs}
        score.refs += PRF(len(gold_refs & pred_refs), len(pred_refs), len(gold_refs))
        if gold_refs != pred_refs:
            score.ref_errors.append((gold_keys[i], sorted(gold_refs - pred_refs), sorted(pred_refs - gold_refs)))
    return score


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(ref_key(item) if isinstance(item, (dict, LegalRef)) else str(item) for item in value)
    return str(value)


def evaluate(gold_paths: list[Path], corpus: Optional[Path] = None, restore: Optional[bool] = None,
             restorer: Optional[Callable[[str], str]] = None) -> Report:
    """Extract every gold file's document and score it. ``restore`` None means:
    restore OCR samples with ``restorer``, read clean corpus documents as they are."""
    corpus = corpus or default_corpus()
    documents = []
    for path in gold_paths:
        gold = load_gold(path)
        source = gold_input(gold["source_file"], corpus)
        text = read_text(source)
        if gold["source_file"].startswith("samples/") if restore is None else restore:
            if restorer is None:
                raise ValueError("restoring the input needs a restorer")
            text = restorer(text)
        predicted = extract_text(text, source_file=str(source))
        documents.append(score_document(gold, predicted, Path(path).name))
    return Report(documents)
