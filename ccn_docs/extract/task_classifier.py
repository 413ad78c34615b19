"""A trained second opinion on which outline nodes are tasks.

The rules (:mod:`.tasks`) decide first. Every node then becomes a candidate: each task the rules made,
and each node they made none of. A logistic model over features that hold across genres (the node's
place in the outline, the rules' decision around it, whether it names its own doer, obligation,
permission and definition words, the section it stands in, its length, the document's genre) scores
each one; a task of the rules is kept when it scores at least ``keep``, a node the rules passed over is
added when it scores at least ``add``. A task whose text names its own doer and gives it work is
always kept. An added node's agencies are found as the rules find them: its own subject, else its
nearest ancestor's, else the bodies its first sentence names.

The weights are plain JSON in ``models/`` (``task-classifier.json``), fitted on the training
annotations by ``ccn model build --tasks-only``, which also records whether it beat the rules in
cross-validation: extraction uses it by default only then. This module only reads the weights;
:func:`using` sets the reviewer for the extractions in its ``with`` block (None: the rules alone).
"""

from __future__ import annotations

import json
import math
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterator, Optional, Protocol, Sequence

import numpy as np

from ..errors import ModelError, Msg
from ..modeldata import model_file
from .layout import Block
from .outline import Node
from .patterns import SENTENCE_BREAK, fold_key, records_of

MODEL_FILE = "task-classifier.json"
GENRES = ("Công văn", "Chỉ thị", "Công điện", "Kế hoạch", "Thông báo", "Quyết định", "Nghị quyết", "Nghị định",
          "Thông tư")
STYLES = ("article", "roman", "number0", "number1", "letter", "paren", "bullet", "plus", "plain", "row")
_STYLE_OF = {"chapter": "roman", "upper": "roman", "number2": "number1", "step": "paren"}
# Words that give work, allow, define or narrate in any genre, folded.
_WORDS = {
    "duty": r"\b(?:co|chiu) trach nhiem\b|\bco nhiem vu\b",
    "lead": r"\bchu tri\b",
    "join": r"\bphoi hop\b",
    "must": r"\b(?:phai|can)\b",
    "assign": r"^(?:giao|de nghi|yeu cau|phan cong)\b|[,;.]\s+(?:giao|de nghi|yeu cau)\b",
    "urge": r"\b(?:khan truong|chu dong|tiep tuc|kip thoi|thuong xuyen)\b",
    "act": r"^(?:to chuc|trien khai|thuc hien|xay dung|tang cuong|chi dao|ra soat|bao cao|huong dan|kiem tra|"
           r"tham muu|theo doi|day manh|nang cao|hoan thien|tuyen truyen|tong hop|de xuat|ban hanh|cap nhat)\b",
    "permit": r"\bduoc\b(?!\s+(?:giao|phan cong))|\bco quyen\b|\bco the\b",
    "define": r"^[^,.;:]{1,80}?\bla\b|\b(?:duoc hieu la|goi (?:tat |chung )?la)\b",
    "past": r"\b(?:da|dang|vua)\s",
    "future": r"\bse\s",
    "effect": r"\bco hieu luc\b|\bthi hanh\b",
    "target": r"^(?:phan dau\s+)?(?:\w+\s+){0,3}\d+(?:[.,]\d+)?\s*%",
    "deadline": r"\btruoc ngay\b|\bthoi gian\b|\bhoan thanh\b|\bhang (?:nam|thang|quy)\b",
}
_WORD_RES = {name: re.compile(pattern) for name, pattern in _WORDS.items()}
_SECTIONS = ("task_section", "background_section", "criteria_section", "provision_section", "neutral_section")
# An article or part about what a regulation covers, defines, when it takes effect or who implements it.
_ARTICLE_KINDS = {
    "scope": r"\bpham vi\b|\bdoi tuong\b",
    "terms": r"\bgiai thich\b|\btu ngu\b",
    "effect": r"\bhieu luc\b|\bdieu khoan thi hanh\b",
    "implementation": r"\bto chuc thuc hien\b|\btrach nhiem thi hanh\b|\btrach nhiem\b",
    "procedure": r"\btrinh tu\b|\bthu tuc\b|\bquy trinh\b|\bthoi han\b|\bho so\b",
    "criteria": r"\btieu chi\b|\btieu chuan\b|\bdieu kien\b|\bdinh muc\b",
    "powers": r"^(?!.*\bnhiem vu\b).*\bquyen\b",
    "purpose": r"\bnguyen tac\b|\bmuc (?:dich|tieu)\b",
}
_ARTICLE_RES = {name: re.compile(pattern) for name, pattern in _ARTICLE_KINDS.items()}
_SENTENCE = re.compile(r"[.;]\s")
# A later sentence of a node may also start after a semicolon, when a subject of its own follows.
_CLAUSE_END = re.compile(r";\s+(?=\S)")
# A sentence that opens with the case or time it applies in ("Trường hợp …", "Khi nhận được …", "Sau 03 ngày …").
_CONDITION = re.compile(r"^(?:trong )?(?:truong hop|khi|sau|neu|truoc khi|ngay sau|trong thoi han|trong vong|cham nhat|"
                        r"dinh ky|hang (?:nam|thang|quy))\b")
# The blanks of a form to fill in ("Họ và tên: ………", "Ngày …/…/…").
_BLANKS = re.compile(r"\.{5,}|…{2,}|_{4,}")
_MIN_SENTENCE_WORDS = 4
_LABEL = re.compile(r"^[^:]{1,100}:\s*(?=\S)")
OPENING_WORDS = 3
_OWN = ("heading", "subject", "assigned")  # how a node names agencies of its own (see review)


@lru_cache(maxsize=1)
def _section_patterns() -> dict[str, re.Pattern[str]]:
    return {kind: re.compile("|".join(r["pattern"] for r in records_of("cues.jsonl", kind))) for kind in _SECTIONS}


def feature_names() -> list[str]:
    return ["rules", "read_agency", "read_later_sentence", "sentence", "sentence_index", "sentence_subject",
            "sentence_mentions", "node_task", "condition", "blanks", "inherited_doer", "rules_guarded", "own_subject",
            "own_subject_assigned", "mentioned", "agency_known",
            "depth", "heading", "colon_end", "period_end", "continuation", "children", "parent_task",
            "siblings_task", "children_task", "position", "log_chars", "sentences",
            *(f"word_{name}" for name in _WORDS), *(f"section_{kind}" for kind in _SECTIONS),
            *(f"article_{kind}" for kind in _ARTICLE_KINDS), *(f"style_{style}" for style in STYLES),
            *(f"genre_{genre}" for genre in GENRES)]


def opening_words(text: str) -> set[str]:
    """The first words of a task's text after any label ("Sở X: …"), folded, and their pairs: what the
    model learns its own word weights over (only words that open candidates in many documents)."""
    words = fold_key(_LABEL.sub("", text, count=1)).split()[:OPENING_WORDS]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass
class Candidate:
    """A node that may be a task: one the rules made (``draft``), or a node they passed over, with the
    agencies and the start of its text it would have as a task."""

    node: Node
    draft: Any = None  # the task the rules read (a tasks.Draft), or None
    rules: bool = False  # the rules keep it as a task
    agencies: Optional[list[str]] = None
    start: int = 0
    guarded: bool = False  # names its own doer and gives it work: the rules' task stays
    features: np.ndarray = field(default_factory=lambda: np.zeros(0))
    end: Optional[int] = None  # where in the node's body its text ends: at the next task taken from the node

    @property
    def block(self) -> Block:
        return self.node.block  # type: ignore[return-value]

    @property
    def offset(self) -> int:
        return self.draft.offset if self.draft is not None else self.start

    @property
    def text(self) -> str:
        if self.draft is None:
            return self.node.body[self.start:self.end].strip()
        shorter = self.node.body[self.draft.offset:self.end].strip() if self.end is not None else ""
        return shorter if shorter and self.draft.text.startswith(shorter) else self.draft.text


class Named(Protocol):
    def __call__(self, node: Node) -> tuple[Optional[list[str]], int, Optional[str]]: ...


class Reviewer(Protocol):
    def keep(self, candidates: Sequence[Candidate]) -> list[bool]: ...


@dataclass
class TaskClassifier:
    """Logistic weights over standardised features (those of :func:`feature_names`, then one per word of
    ``vocabulary`` opening the text), and the two thresholds."""

    vocabulary: list[str]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    keep_at: float
    add_at: float
    default: bool = False  # extraction uses it unless told otherwise: it beat the rules when it was fitted

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TaskClassifier":
        if data["features"] != feature_names():
            raise ModelError(Msg.MODEL_STALE.format(path=MODEL_FILE))
        return cls(data["vocabulary"], np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]),
                   float(data["bias"]), float(data["keep"]), float(data["add"]), bool(data["default"]))

    def to_dict(self) -> dict[str, Any]:
        return {"features": feature_names(), "vocabulary": self.vocabulary, "mean": _rounded(self.mean),
                "scale": _rounded(self.scale), "weights": _rounded(self.weights), "bias": round(self.bias, 6),
                "keep": self.keep_at, "add": self.add_at, "default": self.default}

    def design(self, features: np.ndarray, words: Sequence[set[str]]) -> np.ndarray:
        """The features with a column per vocabulary word: 1 where it opens the text."""
        index = {word: i for i, word in enumerate(self.vocabulary)}
        opening = np.zeros((len(words), len(self.vocabulary)))
        for row, found in enumerate(words):
            opening[row, [index[w] for w in found if w in index]] = 1.0
        return np.hstack([features, opening])

    def scores(self, features: np.ndarray, words: Sequence[set[str]]) -> np.ndarray:
        """The probability that each candidate (its features, its opening words) is a task."""
        z = (self.design(features, words) - self.mean) / self.scale @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def keep(self, candidates: Sequence[Candidate]) -> list[bool]:
        if not candidates:
            return []
        scores = self.scores(np.stack([c.features for c in candidates]), [opening_words(c.text) for c in candidates])
        return [c.guarded or score >= (self.keep_at if c.rules else self.add_at)
                for c, score in zip(candidates, scores)]


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


@lru_cache(maxsize=1)
def load() -> TaskClassifier:
    """The model in ``models/task-classifier.json``."""
    return TaskClassifier.from_dict(json.loads(model_file(MODEL_FILE).read_text(encoding="utf-8")))


_DEFAULT = object()
_ACTIVE: ContextVar[Any] = ContextVar("task_classifier", default=_DEFAULT)


@contextmanager
def using(reviewer: Optional[Reviewer]) -> Iterator[None]:
    """Extract with ``reviewer`` (a model, or anything with ``keep``) in this block; None: the rules alone."""
    token = _ACTIVE.set(reviewer)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active() -> Optional[Reviewer]:
    """The reviewer :func:`using` set, else the committed model if it is the default, else None (the rules)."""
    reviewer = _ACTIVE.get()
    if reviewer is not _DEFAULT:
        return reviewer
    model = load()
    return model if model.default else None


def review(root: Node, drafts: list[Any], named: Named, *, genre: Optional[str], doers_only: bool,
           reviewer: Reviewer) -> list[Candidate]:
    """The candidates ``reviewer`` keeps, in reading order: the rules' ``drafts`` it keeps and the nodes it adds.
    ``named(node)``: the agencies a node names, where its task text starts, and how it names them (the rules'
    reading: "heading", "subject", "assigned", "mentioned" or None); ``doers_only``: the rules keep no draft without agencies (a document that lays
    down rules), though the reviewer may."""
    candidates = candidates_of(root, drafts, named, genre=genre, doers_only=doers_only)
    kept = [c for c, keep in zip(candidates, reviewer.keep(candidates)) if keep]
    return ended(sorted(kept, key=lambda c: (c.block.line_start, c.offset)))


def ended(kept: list[Candidate]) -> list[Candidate]:
    """``kept`` (in reading order), each text ending where the next one taken from the same node starts."""
    for candidate, following in zip(kept, kept[1:]):
        if following.node is candidate.node and following.offset > candidate.offset:
            candidate.end = following.offset
    return kept


def candidates_of(root: Node, drafts: list[Any], named: Named, *, genre: Optional[str],
                  doers_only: bool) -> list[Candidate]:
    """Every task of the rules and every node they made none of, with its features."""
    by_block: dict[int, list[Any]] = {}
    for draft in drafts:
        by_block.setdefault(id(draft.block), []).append(draft)
    # a plan line ("Đơn vị chủ trì: …") is no task of its own, but the rules may take one from it
    nodes = [n for n in root.walk() if n.block is not None and (not n.plan or id(n.block) in by_block)]
    position = {id(n): i / max(len(nodes) - 1, 1) for i, n in enumerate(nodes)}
    readings: dict[int, tuple[Optional[list[str]], int, Optional[str]]] = {}

    def reading(node: Node) -> tuple[Optional[list[str]], int, Optional[str]]:
        if id(node) not in readings:
            readings[id(node)] = named(node)
        return readings[id(node)]

    candidates: list[Candidate] = []
    for node in nodes:
        own, start, how = reading(node)
        inherited = _ancestors_agencies(node, by_block, reading)
        context = _Context(node, by_block, how, genre, position[id(node)], bool(inherited))
        node_drafts = by_block.get(id(node.block), [])
        # who the node's task would be of, were it added: its own subject, else its nearest ancestor's, else
        # the bodies its first sentence names
        found = own if how in _OWN else inherited or own
        for draft in node_drafts:
            rules = bool(draft.agencies) or not doers_only
            guarded = rules and how in _OWN and draft.offset == start
            agencies = draft.agencies if rules else found
            candidates.append(Candidate(node, draft, rules, agencies, draft.offset, guarded,
                                        context.features(draft, rules, guarded, agencies)))
        if node.plan:
            continue
        if not node_drafts and node.body[start:].strip():
            candidates.append(Candidate(node, None, False, found, start, features=context.features(None, agencies=found)))
        taken = {draft.offset for draft in node_drafts} | {start}
        sentences = [cut for cut in later_sentences(node.body, named, node) if cut > start]
        for index, cut in enumerate(sentences):
            if cut in taken:
                continue
            end = next((c for c in sentences if c > cut), None)
            sentence = node.body[cut:end]
            own_names, _, own_how = named(_sentence_node(node, sentence))
            covering = [d for d in node_drafts if d.offset < cut and d.agencies]
            agencies = own_names if own_how in _OWN else (list(covering[-1].agencies) if covering else found) \
                or own_names
            candidates.append(Candidate(node, None, False, agencies, cut, features=context.features(
                None, agencies=agencies, sentence=(sentence, index + 1, own_how, bool(node_drafts)))))
    return candidates


def later_sentences(body: str, named: Named, node: Node) -> list[int]:
    """Where the sentences of ``body`` after its first start: after each full stop, and after a semicolon
    when the clause names its own doer (``named`` reads it as a subject or an assignment)."""
    cuts = {m.end() for m in SENTENCE_BREAK.finditer(body)}
    for m in _CLAUSE_END.finditer(body):
        if named(_sentence_node(node, body[m.end():m.end() + 300]))[2] in ("subject", "assigned"):
            cuts.add(m.end())
    return sorted(cut for cut in cuts if len(body[cut:].split()) >= _MIN_SENTENCE_WORDS)


def _sentence_node(node: Node, text: str) -> Node:
    """A plain paragraph of ``text`` where ``node`` stands, for reading who a sentence names."""
    block = node.block
    assert block is not None
    return Node(Block(text, block.page, block.line_start, block.line_end, body=text), "plain", parent=node.parent)


def _ancestors_agencies(node: Node, by_block: dict[int, list[Any]],
                        reading: Callable[[Node], tuple[Optional[list[str]], int, Optional[str]]]) -> Optional[list[str]]:
    """The nearest ancestor's agencies: those of its task, else those it names as its own."""
    for parent in node.ancestors():
        for draft in by_block.get(id(parent.block), []):
            if draft.agencies:
                return list(draft.agencies)
        own, _, how = reading(parent)
        if own and how in _OWN:
            return list(own)
    return None


@dataclass
class _Context:
    node: Node
    by_block: dict[int, list[Any]]
    how: Optional[str]  # how the node names its agencies (see review)
    genre: Optional[str]
    position: float
    inherited: bool  # an ancestor names the node's doer: its task's agencies, or the bodies its heading names

    def features(self, draft: Any, rules: bool = False, guarded: bool = False,
                 agencies: Optional[list[str]] = None,
                 sentence: Optional[tuple[str, int, Optional[str], bool]] = None) -> np.ndarray:
        """The candidate's features, in the order of :func:`feature_names`; ``sentence``: for a later sentence of
        the node, its text, its number in the node, how it names its doer (see review) and whether the rules
        made a task of the node."""
        node = self.node
        text = draft.text if draft is not None else sentence[0] if sentence is not None else node.body
        if sentence is not None:
            _, index, how, node_task = sentence
        else:
            index, how, node_task = 0, self.how, bool(self.by_block.get(id(node.block)))
        folded = fold_key(text)
        ancestors = list(node.ancestors())
        siblings = [s for s in (node.parent.children if node.parent else []) if s is not node and s.block is not None]
        children = [c for c in node.children if c.block is not None]
        headings = [fold_key(a.body[:200]) for a in ancestors if a.heading_like]
        articles = [fold_key(a.body[:200]) for a in ancestors if a.style in ("article", "roman", "chapter")]
        style = _STYLE_OF.get(node.style, node.style)
        values = [
            rules, draft is not None and bool(draft.agencies), draft is not None and draft.offset > 0,
            sentence is not None, min(index, 5) / 5, sentence is not None and how in _OWN,
            sentence is not None and how == "mentioned", node_task, bool(_CONDITION.match(folded)),
            bool(_BLANKS.search(text)), self.inherited, guarded,
            how in _OWN, how == "assigned", how == "mentioned",
            bool(agencies),
            min(len(ancestors), 6) / 6, node.heading_like, node.body.endswith(":"), node.body.endswith((".", ";")),
            node.continuation, math.log1p(len(children)),
            bool(node.parent is not None and node.parent.block is not None and self._drafted(node.parent)),
            self._share(siblings), self._share(children), self.position,
            math.log1p(len(text)) / 8, min(len(_SENTENCE.findall(text)), 5) / 5,
            *(bool(pattern.search(folded)) for pattern in _WORD_RES.values()),
            *(any(pattern.search(h) for h in headings) for pattern in _section_patterns().values()),
            *(any(pattern.search(a) for a in articles) for pattern in _ARTICLE_RES.values()),
            *(style == s for s in STYLES),
            *(self.genre == g for g in GENRES),
        ]
        return np.array(values, dtype=float)

    def _drafted(self, node: Node) -> bool:
        return id(node.block) in self.by_block

    def _share(self, nodes: list[Node]) -> float:
        return sum(self._drafted(n) for n in nodes) / len(nodes) if nodes else 0.0
