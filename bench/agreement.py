"""Agreement between the two independent readers of each gold document.

Reader 2's file is scored against reader 1's with the scorer of ``ccn eval
extract`` (task openings matched one to one, agency sets, reference keys), so
the figures read like extraction figures: task F1 is how often the readers cut
the same obligations, agency accuracy how often they name the same leads on
the tasks both found. ``--details`` lists each disagreement, for the
reconciliation; ``--blind`` reads the sealed slice (whose details only its
readers may look at).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ccn_docs.extract.evaluate import Report, load_gold, score_document
from ccn_docs.types import Directive, LegalRef, Task

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"


def as_directive(gold: dict) -> Directive:
    """A reader's file in the shape the scorer takes for predictions."""
    tasks = [
        Task(id=str(index), agency=task.get("agency"), task=task["task"], co_agencies=task.get("co_agencies") or [],
             legal_refs=[LegalRef(**ref) for ref in task.get("legal_refs") or []])
        for index, task in enumerate(gold["tasks"])
    ]
    return Directive(source_file=gold["source_file"], tasks=tasks)


def agreement(folder: Path) -> Report:
    first, second = folder / "readers" / "1", folder / "readers" / "2"
    scores = []
    for path in sorted(first.glob("*.json")):
        other = second / path.name
        if other.exists():
            scores.append(score_document(load_gold(path), as_directive(load_gold(other)), path.name))
    return Report(scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blind", action="store_true", help="the sealed slice")
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    report = agreement(GOLD / "blind" if args.blind else GOLD)
    print(f"# Reader agreement ({'sealed blind slice' if args.blind else 'dev gold'}, "
          f"{len(report.documents)} documents; reader 2 scored against reader 1)\n")
    print(report.to_markdown())
    if args.details:
        for document in report.documents:
            print(f"\n## {document.gold_file}")
            for opening in document.misses:
                print(f"- only reader 1: {opening}")
            for opening in document.extras:
                print(f"- only reader 2: {opening}")
            for opening, first, second in document.agency_errors:
                print(f"- agency at '{opening}': reader 1 {first} / reader 2 {second}")
            for opening, only_first, only_second in document.ref_errors:
                print(f"- references at '{opening}': only reader 1 {only_first} / only reader 2 {only_second}")


if __name__ == "__main__":
    main()
