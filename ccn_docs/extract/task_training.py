"""Fitting the task classifier (:mod:`.task_classifier`) on the training documents.

The training documents are the training annotations (``corpus/annotations/train/*.json``) and the reconciled
gold of the training-split documents the gold README's "Training-split documents" table lists, less those
that ``held-out.txt`` beside each names (training-split texts only, never a dev-split one). Each is extracted
once with every candidate kept (outline nodes and the later sentences of each node); a candidate is a task
when its opening matches a gold task's as ``ccn eval extract`` matches them. A logistic regression (L2, fitted with ``scipy.optimize``) scores the
candidates; the two thresholds are the pair that gives the best pooled task F1 over cross-validation
folds grouped by document. Used by ``ccn model build --tasks-only`` and ``bench/assignment.py``; the
extraction itself never imports this module.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
from rapidfuzz.distance import Indel
from scipy.optimize import minimize

from ..modeldata import MANIFEST, models_dir
from ..scoring import PRF
from ..textio import read_text
from ..types import Directive, Task
from . import task_classifier
from .agencies import canonical_agency, issuing_locality
from .directive import extract_text
from .evaluate import OPENING_SIMILARITY, PROJECT, load_gold, opening, pair_tasks, score_document
from .task_classifier import Candidate, TaskClassifier, feature_names, opening_words

ANNOTATIONS = PROJECT / "corpus" / "annotations" / "train"
GOLD = PROJECT / "corpus" / "gold"
DEV_SPLIT = PROJECT / "corpus" / "splits" / "dev.txt"
HELD_OUT = "held-out.txt"  # beside the annotations' folder and in the gold's: documents scored, never fitted on
_TRAINING_TABLE = "## Training-split documents"
_TABLE_ROW = re.compile(r"^\|\s*(admin/[^|\s]+\.txt)\s*\|.*\|\s*training\s*\|\s*$")
FOLDS = 5
PENALTY = 30.0  # L2 weight on the standardised coefficients
MIN_GAIN = 0.01  # task F1 the classifier must gain over the rules to be the default
WORD_DOCUMENTS = 8  # a word's weight is learned when it opens candidates in this many training documents
KEEP_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
ADD_GRID = (0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01)  # 1.01: add nothing


class _Recorder:
    """Keeps every candidate, remembering them in the order their tasks come out."""

    def __init__(self) -> None:
        self.candidates: list[Candidate] = []

    def keep(self, candidates: Sequence[Candidate]) -> list[bool]:
        self.candidates = sorted(candidates, key=lambda c: (c.block.line_start, c.offset))
        return [True] * len(candidates)


@dataclass
class Document:
    """One annotated document: its gold, and every candidate with its task, features and label."""

    name: str
    gold: dict[str, Any]
    tasks: list[Task]
    rules: np.ndarray  # bool per candidate: the rules made it
    features: np.ndarray
    words: list[set[str]]  # per candidate: the words opening its text
    labels: np.ndarray  # bool per candidate: its opening matches a gold task's
    scored: dict[bytes, "Score"] = field(default_factory=dict)  # by the candidates kept: thresholds often keep the same

    def directive(self, chosen: np.ndarray) -> Directive:
        return Directive(source_file=self.name, tasks=[t for t, keep in zip(self.tasks, chosen) if keep])


def annotation_files(directory: Path = ANNOTATIONS) -> list[Path]:
    """The training annotations but those ``held-out.txt`` beside their folder names."""
    return _training_only(sorted(directory.glob("*.json")), directory.parent / HELD_OUT)


def training_gold_files(gold: Path = GOLD) -> list[Path]:
    """The gold of the training-split documents in the table of the gold's README, but those its ``held-out.txt``
    names."""
    lines = (gold / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(_TRAINING_TABLE)
    table = itertools.takewhile(lambda line: not line.startswith("## "), lines[start + 1:])
    sources = [m.group(1) for m in map(_TABLE_ROW.match, table) if m]
    return _training_only([gold / f"{Path(source).stem}.json" for source in sources], gold / HELD_OUT)


def training_files() -> list[Path]:
    """Every document the classifier is fitted on: the training annotations and the training-split gold."""
    return annotation_files() + training_gold_files()


def _training_only(files: list[Path], held_out: Path) -> list[Path]:
    """``files`` less those the ``held_out`` list names, refusing any of a dev-split document."""
    dev = set(DEV_SPLIT.read_text(encoding="utf-8").split())
    excluded = {Path(line).name for line in held_out.read_text(encoding="utf-8").split()}
    kept = [path for path in files if path.name not in excluded]
    for path in kept:
        if Path(load_gold(path)["source_file"]).name in dev:
            raise ValueError(f"{path}: annotates a dev-split document, which is never training data")
    return kept


def read_document(path: Path, corpus: Path) -> Document:
    """Extract the annotated document keeping every candidate."""
    gold = load_gold(path)
    recorder = _Recorder()
    with task_classifier.using(recorder):
        directive = extract_text(read_text(corpus / gold["source_file"]), source_file=gold["source_file"])
    candidates = recorder.candidates
    if len(candidates) != len(directive.tasks):
        raise RuntimeError(f"{path}: {len(candidates)} candidates for {len(directive.tasks)} tasks")
    gold_keys = [opening(t["task"]) for t in gold["tasks"]]
    labels = [any(Indel.normalized_similarity(opening(task.task), key) >= OPENING_SIMILARITY for key in gold_keys)
              for task in directive.tasks]
    features = np.stack([c.features for c in candidates]) if candidates else np.zeros((0, len(feature_names())))
    return Document(path.name, gold, directive.tasks, np.array([c.rules for c in candidates], dtype=bool),
                    features, [opening_words(c.text) for c in candidates], np.array(labels, dtype=bool))


def read_documents(paths: Sequence[Path], corpus: Path) -> list[Document]:
    return [read_document(path, corpus) for path in paths]


def fit(documents: Sequence[Document], keep_at: float = 0.0, add_at: float = 1.01) -> TaskClassifier:
    """Logistic regression over the documents' candidates (thresholds as given)."""
    spread = Counter(word for d in documents for word in set().union(*d.words))
    model = TaskClassifier(sorted(w for w, n in spread.items() if n >= WORD_DOCUMENTS), np.zeros(0), np.zeros(0),
                           np.zeros(0), 0.0, keep_at, add_at)
    x = np.concatenate([model.design(d.features, d.words) for d in documents])
    y = np.concatenate([d.labels for d in documents]).astype(float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-1], params[-1]
        margin = z @ w + b
        p = 1.0 / (1.0 + np.exp(-np.clip(margin, -30, 30)))
        value = np.sum(np.logaddexp(0, margin) - y * margin) + PENALTY * 0.5 * w @ w
        grad = np.append(z.T @ (p - y) + PENALTY * w, np.sum(p - y))
        return float(value), grad

    result = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B")
    model.mean, model.scale, model.weights, model.bias = mean, scale, result.x[:-1], float(result.x[-1])
    return model


def folds(documents: Sequence[Document], count: int = FOLDS) -> list[list[int]]:
    """Document indices in ``count`` folds, every ``count``-th document by name."""
    order = sorted(range(len(documents)), key=lambda i: documents[i].name)
    return [order[k::count] for k in range(count)]


def held_out_scores(documents: Sequence[Document], count: int = FOLDS) -> list[np.ndarray]:
    """Each document's candidate scores from a model fitted on the other folds."""
    scores: list[np.ndarray] = [np.zeros(0)] * len(documents)
    for fold in folds(documents, count):
        model = fit([d for i, d in enumerate(documents) if i not in fold])
        for i in fold:
            scores[i] = model.scores(documents[i].features, documents[i].words)
    return scores


def chosen(document: Document, scores: np.ndarray, keep_at: float, add_at: float,
           guarded: Optional[np.ndarray] = None) -> np.ndarray:
    """Which candidates the thresholds keep; ``guarded`` candidates of the rules always stay."""
    keep = np.where(document.rules, scores >= keep_at, scores >= add_at)
    return keep | guarded if guarded is not None else keep


@dataclass
class Score:
    """Task counts over documents, agencies right among the matched tasks, and the same for the tasks the
    classifier added and for those of them that are later sentences of a node."""

    tasks: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    agencies_right: int = 0
    added_matched: int = 0
    added_agencies_right: int = 0
    sentences_matched: int = 0
    sentences_agencies_right: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tasks + other.tasks, self.agencies_right + other.agencies_right,
                     self.added_matched + other.added_matched, self.added_agencies_right + other.added_agencies_right,
                     self.sentences_matched + other.sentences_matched,
                     self.sentences_agencies_right + other.sentences_agencies_right)

    @property
    def agency_accuracy(self) -> float:
        return self.agencies_right / self.tasks.true_positives if self.tasks.true_positives else 1.0

    @property
    def added_agency_accuracy(self) -> float:
        return self.added_agencies_right / self.added_matched if self.added_matched else float("nan")

    @property
    def sentence_agency_accuracy(self) -> float:
        return self.sentences_agencies_right / self.sentences_matched if self.sentences_matched else float("nan")


def score(document: Document, keep: np.ndarray) -> Score:
    """``ccn eval extract``'s figures for the kept candidates, and the agencies of the added ones it matched."""
    key = np.packbits(keep).tobytes() + len(keep).to_bytes(4, "little")
    if key not in document.scored:
        document.scored[key] = _score(document, keep)
    return document.scored[key]


def _score(document: Document, keep: np.ndarray) -> Score:
    result = score_document(document.gold, document.directive(keep), document.name)
    added = [not rules for rules, k in zip(document.rules, keep) if k]
    sentence = document.features[:, feature_names().index("sentence")].astype(bool) if len(keep) else keep
    later = [s for s, k in zip(sentence, keep) if k]
    tasks = [t for t, k in zip(document.tasks, keep) if k]
    locality = issuing_locality((document.gold.get("document") or {}).get("issuer"))

    def agencies(value: Any) -> set[str]:
        names = [] if value is None else [value] if isinstance(value, str) else value
        return {canonical_agency(name, locality) for name in names}

    gold_agencies = [agencies(t.get("agency")) for t in document.gold["tasks"]]
    task_agencies = [agencies(t.agency) for t in tasks]
    pairs = pair_tasks([opening(t["task"]) for t in document.gold["tasks"]], [opening(t.task) for t in tasks],
                       lambda i, j: gold_agencies[i] == task_agencies[j])
    added_pairs = [(i, j) for i, j in pairs.items() if added[j]]
    sentence_pairs = [(i, j) for i, j in added_pairs if later[j]]

    def right(matched: list[tuple[int, int]]) -> int:
        return sum(gold_agencies[i] == task_agencies[j] for i, j in matched)

    return Score(result.tasks, result.agencies_right, len(added_pairs), right(added_pairs), len(sentence_pairs),
                 right(sentence_pairs))


def total(documents: Sequence[Document], keeps: Sequence[np.ndarray]) -> Score:
    return sum((score(d, k) for d, k in zip(documents, keeps)), Score())


def guards(documents: Sequence[Document]) -> list[np.ndarray]:
    """Per document, the rules' tasks that name their own doer and give it work (never dropped)."""
    index = feature_names().index("rules_guarded")
    return [d.features[:, index].astype(bool) if len(d.features) else np.zeros(0, dtype=bool) for d in documents]


def thresholds(documents: Sequence[Document], scores: Sequence[np.ndarray]) -> tuple[float, float]:
    """The (keep, add) pair of the grids with the best pooled task F1 (the stricter pair on ties)."""
    guarded = guards(documents)
    best: tuple[float, float, float] = (-1.0, 0.0, 1.01)
    for keep_at in KEEP_GRID:
        for add_at in ADD_GRID:
            keeps = [chosen(d, s, keep_at, add_at, g) for d, s, g in zip(documents, scores, guarded)]
            f1 = total(documents, keeps).tasks.f1
            if f1 > best[0] + 1e-9:
                best = (f1, keep_at, add_at)
    return best[1], best[2]


def train(documents: Sequence[Document]) -> TaskClassifier:
    """A model fitted on ``documents``, with thresholds chosen by cross-validation over them; it is the
    default when, at those thresholds, its cross-validated task F1 beats the rules' by ``MIN_GAIN`` and its
    agency accuracy is no lower."""
    scores = held_out_scores(documents)
    keep_at, add_at = thresholds(documents, scores)
    guarded = guards(documents)
    model_score = total(documents, [chosen(d, s, keep_at, add_at, g) for d, s, g in zip(documents, scores, guarded)])
    rules_score = total(documents, [d.rules for d in documents])
    model = fit(documents, keep_at, add_at)
    model.default = model_score.tasks.f1 >= rules_score.tasks.f1 + MIN_GAIN \
        and model_score.agency_accuracy >= rules_score.agency_accuracy
    return model


def decide(model: TaskClassifier, document: Document) -> np.ndarray:
    """What the model keeps of a document's candidates, as the extraction decides."""
    return chosen(document, model.scores(document.features, document.words), model.keep_at, model.add_at, guards([document])[0])


def build(corpus: Path, out: Optional[Path] = None) -> dict[str, Any]:
    """Fit on every training document and write ``task-classifier.json`` and its manifest entry."""
    folder = out or models_dir()
    documents = read_documents(training_files(), corpus)
    model = train(documents)
    data = model.to_dict()
    (folder / task_classifier.MODEL_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    counts = {"documents": len(documents), "candidates": int(sum(len(d.labels) for d in documents)),
              "task_candidates": int(sum(d.labels.sum() for d in documents)), "keep": model.keep_at, "add": model.add_at,
              "default": model.default}
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][task_classifier.MODEL_FILE] = (
        "task classifier: logistic weights over outline-node features and the keep/add thresholds (JSON)")
    manifest["tasks"] = {"source": "corpus/annotations/train and the training-split gold of corpus/gold (both less "
                                   "their held-out.txt), with their texts in corpus/admin",
                         "counts": counts}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return counts
