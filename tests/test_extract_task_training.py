import json

import numpy as np
import pytest

from ccn_docs.extract import task_training
from ccn_docs.extract.task_classifier import feature_names
from ccn_docs.extract.task_training import Document, annotation_files, chosen, fit, folds, score, training_gold_files
from ccn_docs.types import Task

WORK = feature_names().index("word_duty")
PAST = feature_names().index("word_past")


def document(name: str, rows: list[tuple[bool, bool, bool]]) -> Document:
    """Candidates (rules made it, has a duty word, says what was done); a task has the duty word and is not past."""
    features = np.zeros((len(rows), len(feature_names())))
    features[:, WORK] = [duty for _, duty, _ in rows]
    features[:, PAST] = [past for _, _, past in rows]
    labels = np.array([duty and not past for _, duty, past in rows])
    texts = [f"Sở {name} {'có trách nhiệm' if duty else 'ghi nhận'} việc số {i}" for i, (_, duty, _) in enumerate(rows)]
    gold = {"tasks": [{"task": text, "agency": "Sở Y tế"} for text, label in zip(texts, labels) if label]}
    tasks = [Task(id=str(i), agency="Sở Y tế", task=text) for i, text in enumerate(texts)]
    return Document(name, gold, tasks, np.array([r for r, _, _ in rows]), features, [set() for _ in rows], labels)


ROWS = [(True, True, False), (True, True, True), (False, True, False), (False, False, False), (True, False, False)]


def test_the_fitted_weights_learn_what_makes_a_task():
    model = fit([document(f"d{i}", ROWS) for i in range(4)])
    scores = model.scores(np.eye(len(feature_names()))[[WORK, PAST]], [set(), set()])
    assert model.weights[WORK] > 0 > model.weights[PAST] and scores[0] > scores[1]


def test_thresholds_keep_the_rules_tasks_and_add_the_others_separately():
    doc = document("d", ROWS)
    kept = chosen(doc, np.array([0.3, 0.1, 0.7, 0.5, 0.1]), keep_at=0.2, add_at=0.6,
                  guarded=np.array([False, False, False, False, True]))
    assert kept.tolist() == [True, False, True, False, True]


def test_a_kept_set_is_scored_as_ccn_eval_extract_scores_it():
    doc = document("d", ROWS)
    result = score(doc, np.array([True, True, True, False, False]))
    assert (result.tasks.true_positives, result.tasks.predicted, result.tasks.gold) == (2, 3, 2)
    assert result.added_matched == 1 and result.added_agencies_right == 1
    assert result.sentences_matched == 0


def test_an_added_later_sentence_is_counted_apart():
    doc = document("d", ROWS)
    doc.features[2, feature_names().index("sentence")] = 1.0
    result = score(doc, np.array([True, True, True, False, False]))
    assert (result.sentences_matched, result.sentences_agencies_right) == (1, 1)
    assert result.sentence_agency_accuracy == 1.0


def test_folds_part_the_documents_without_overlap():
    docs = [document(f"d{i:02}", ROWS[:1]) for i in range(12)]
    parts = folds(docs, 5)
    assert sorted(i for part in parts for i in part) == list(range(12)) and all(len(p) in (2, 3) for p in parts)


def _annotation(path, source):
    path.write_text(json.dumps({"source_file": source, "tasks": []}), encoding="utf-8")


def _annotations(tmp_path, monkeypatch, dev: str, held_out: str):
    """A folder of annotations with ``held-out.txt`` beside it, and the dev split listing ``dev``."""
    (tmp_path / "dev.txt").write_text(dev, encoding="utf-8")
    monkeypatch.setattr(task_training, "DEV_SPLIT", tmp_path / "dev.txt")
    (tmp_path / "held-out.txt").write_text(held_out, encoding="utf-8")
    train = tmp_path / "train"
    train.mkdir()
    return train


def test_an_annotation_of_a_dev_split_document_is_refused(tmp_path, monkeypatch):
    train = _annotations(tmp_path, monkeypatch, "aaaa.txt\n", "")
    _annotation(train / "x.json", "admin/bbbb.txt")
    assert [p.name for p in annotation_files(train)] == ["x.json"]
    _annotation(train / "y.json", "admin/aaaa.txt")
    with pytest.raises(ValueError, match="dev-split"):
        annotation_files(train)


def test_the_held_out_annotations_are_never_fitted_on(tmp_path, monkeypatch):
    train = _annotations(tmp_path, monkeypatch, "", "corpus/annotations/train/y.json\n")
    for stem in ("x", "y", "z"):
        _annotation(train / f"{stem}.json", f"admin/{stem}.txt")
    assert [p.name for p in annotation_files(train)] == ["x.json", "z.json"]


GOLD_README = """# Gold

## Documents retired from the blind slice

| source file | number | genre | split |
| --- | --- | --- | --- |
| admin/r1.txt | 1/QĐ-UBND | Quyết định | training |

## Training-split documents

Regulations and plans of the training split.

| source file | number | genre | split |
| --- | --- | --- | --- |
| admin/t1.txt | 2/2025/NĐ-CP | Nghị định | training |
| admin/t2.txt | 3/2025/TT-BCT | Thông tư | training |
| admin/t3.txt | 4/KH-UBND | Kế hoạch | training |

One of them is held out.
"""


def test_the_training_split_gold_is_the_readme_table_less_its_held_out_list(tmp_path, monkeypatch):
    dev = tmp_path / "dev.txt"
    dev.write_text("d1.txt\n", encoding="utf-8")
    monkeypatch.setattr(task_training, "DEV_SPLIT", dev)
    (tmp_path / "README.md").write_text(GOLD_README, encoding="utf-8")
    for stem in ("r1", "t1", "t2", "t3"):
        _annotation(tmp_path / f"{stem}.json", f"admin/{stem}.txt")
    (tmp_path / "held-out.txt").write_text("corpus/gold/t2.json\n", encoding="utf-8")
    assert [p.name for p in training_gold_files(tmp_path)] == ["t1.json", "t3.json"]
