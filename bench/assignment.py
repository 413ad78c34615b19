"""Benchmark of the task classifier (``ccn_docs.extract.task_classifier``) against the rules alone.

* **Cross-validation** on the training documents (the training annotations and the training-split gold,
  less their held-out lists; ``task_training.training_files``), five folds grouped by document: each fold is
  scored by a model fitted on the other four, its thresholds chosen by cross-validation within those four; task
  P/R/F1 and agency accuracy per fold and pooled, and the agency accuracy of the tasks the classifier added, and
  of those of them that are a node's later sentences.
* **A held-out set** (``--held-out FILE``: annotation or gold paths, one a line): fitted on the training
  documents it does not list, scored on these (in aggregate).
* **Dev gold** (``corpus/gold/*.json``, evaluation only): ``ccn eval extract``'s figures with the
  committed model and with the rules alone, and the wall time of each.

    python -m bench.assignment [--held-out FILE] [--no-dev] [--rules-only]

``--rules-only`` prints the rules' figures alone. Writes ``bench/out/assignment.md``.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from ccn_docs.extract import task_classifier
from ccn_docs.extract.evaluate import evaluate, gold_files
from ccn_docs.restore import restore_text
from ccn_docs.extract.task_training import Document, Score, decide, folds, read_documents, total, train, training_files

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CCN_CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "bench" / "out"
HEADER = ["| set | docs | rules P / R / F1 | rules agency | classifier P / R / F1 | classifier agency | added: matched, agency | added sentences: matched, agency | keep / add |",
          "|---|---:|---|---:|---|---:|---|---|---|"]


def _prf(score: Score) -> str:
    return f"{score.tasks.precision:.3f} / {score.tasks.recall:.3f} / {score.tasks.f1:.3f}"


def row(name: str, documents: Sequence[Document], keeps: Optional[Sequence[np.ndarray]],
        thresholds: str = "") -> tuple[str, Score, Optional[Score]]:
    rules = total(documents, [d.rules for d in documents])
    if keeps is None:
        return f"| {name} | {len(documents)} | {_prf(rules)} | {rules.agency_accuracy:.3f} | | | | | |", rules, None
    model = total(documents, keeps)
    return (f"| {name} | {len(documents)} | {_prf(rules)} | {rules.agency_accuracy:.3f} | {_prf(model)} | "
            f"{model.agency_accuracy:.3f} | {model.added_matched}, {model.added_agency_accuracy:.3f} | "
            f"{model.sentences_matched}, {model.sentence_agency_accuracy:.3f} | {thresholds} |",
            rules, model)


def cross_validation(documents: list[Document], rules_only: bool) -> list[str]:
    lines = ["## Cross-validation on the training documents", "", *HEADER]
    pooled_docs: list[Document] = []
    pooled_keeps: list[np.ndarray] = []
    for number, fold in enumerate(folds(documents), 1):
        test = [documents[i] for i in fold]
        if rules_only:
            lines.append(row(f"fold {number}", test, None)[0])
            continue
        model = train([d for i, d in enumerate(documents) if i not in fold])
        keeps = [decide(model, d) for d in test]
        lines.append(row(f"fold {number}", test, keeps, f"{model.keep_at:.2f} / {model.add_at:.2f}")[0])
        pooled_docs += test
        pooled_keeps += keeps
    if rules_only:
        lines.append(row("**pooled**", documents, None)[0])
    else:
        lines.append(row("**pooled**", pooled_docs, pooled_keeps)[0])
    return lines


def held_out(documents: list[Document], test: list[Document], rules_only: bool) -> list[str]:
    names = {d.name for d in test}
    fitted = [d for d in documents if d.name not in names]
    lines = [f"## Held out: {len(test)} documents, fitted on {len(fitted)} training documents", "", *HEADER]
    if rules_only:
        return lines + [row("held out", test, None)[0]]
    model = train(fitted)
    return lines + [row("held out", test, [decide(model, d) for d in test], f"{model.keep_at:.2f} / {model.add_at:.2f}")[0]]


def dev(rules_only: bool) -> list[str]:
    lines = ["## Dev gold (ccn eval extract)", "", "| extraction | task P / R / F1 | agency | ref P / R | wall s |",
             "|---|---|---:|---|---:|"]
    settings = [("rules alone", None)] + ([] if rules_only else [("with the classifier", task_classifier.load())])
    for name, reviewer in settings:
        started = time.perf_counter()
        with task_classifier.using(reviewer):
            report = evaluate(gold_files(), CORPUS, restorer=restore_text)
        seconds = time.perf_counter() - started
        r = report.row()
        lines.append(f"| {name} | {r['task_precision']:.3f} / {r['task_recall']:.3f} / {r['task_f1']:.3f} | "
                     f"{r['agency_accuracy']:.3f} | {r['ref_precision']:.3f} / {r['ref_recall']:.3f} | {seconds:.1f} |")
    return lines


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", type=Path, help="File listing held-out annotation paths, one a line.")
    parser.add_argument("--no-dev", action="store_true", help="Leave out the dev gold.")
    parser.add_argument("--rules-only", action="store_true", help="Score the rules alone.")
    args = parser.parse_args(argv)
    documents = read_documents(training_files(), CORPUS)
    lines = ["# Task classifier against the rules"]
    sections = [lambda: cross_validation(documents, args.rules_only)]
    if args.held_out:
        listed = [ROOT / line for line in args.held_out.read_text(encoding="utf-8").split()]
        sections.append(lambda: held_out(documents, read_documents(listed, CORPUS), args.rules_only))
    if not args.no_dev:
        sections.append(lambda: dev(args.rules_only))
    print(lines[0], flush=True)
    for section in sections:  # each printed when done: the whole run takes minutes
        found = [""] + section()
        print("\n".join(found), flush=True)
        lines += found
    text = "\n".join(lines) + "\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "assignment.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
