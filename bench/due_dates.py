"""Deadlines as dates, scored on the dev gold.

Every deadline of the dev gold, as written, with its task's recurrence and its
document's date and type, is given to the normaliser (``ccn_docs.extract.due_dates``),
independently of extraction; the date it gives is compared with the ``due_date``
two readers reconciled. The rules were written from the constructions of deadlines
and from training-split documents, not from the gold.

Run with ``make bench-due-dates`` (``python -m bench.due_dates [GOLD_DIR]``).
Prints a Markdown table and writes it to ``bench/out/due_dates.md``. Only the
gold files directly in the folder are read: never its ``blind/`` slice.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ccn_docs.extract.due_dates import schedule

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
OUT = Path(__file__).resolve().parent / "out"

#: A recurrence as written that says how often ("hằng năm", "hàng tháng"), not only "định kỳ".
STATED_FREQUENCY = re.compile(r"\b(?:hằng|hàng|mỗi) (?:ngày|tuần|tháng|quý|năm)", re.I)

VERDICTS = {
    "date": "the gold's date",
    "none": "no date, as in the gold",
    "missed": "no date where the gold has one",
    "wrong": "a date the gold does not have (another date, or one where the gold has none)",
}


@dataclass(frozen=True)
class Case:
    document: str
    document_date: Optional[str]
    deadline: Optional[str]
    recurrence: Optional[str]
    gold: Optional[str]
    found: Optional[str]
    rrule: Optional[str]

    @property
    def verdict(self) -> str:
        if self.found == self.gold:
            return "date" if self.gold else "none"
        return "missed" if self.found is None else "wrong"


def cases(folder: Path) -> list[Case]:
    """Every gold task with a deadline, a due date or a recurrence, read by the normaliser."""
    found = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        issued, kind = gold["document"].get("date"), gold["document"].get("type")
        for task in gold["tasks"]:
            if task.get("deadline") or task.get("due_date") or task.get("recurrence"):
                result = schedule(task.get("deadline"), task.get("recurrence"), issued, kind)
                found.append(Case(path.stem, issued, task.get("deadline"), task.get("recurrence"), task.get("due_date"),
                                  result.due_date, result.rrule))
    return found


def report(everything: list[Case]) -> list[str]:
    scored = [case for case in everything if case.deadline or case.gold]
    recurring = [case for case in everything if case.recurrence and STATED_FREQUENCY.search(case.recurrence)]
    counts = Counter(case.verdict for case in scored)
    correct = counts["date"] + counts["none"]
    documents = len({case.document for case in scored})
    lines = [
        f"## Deadline normalisation on the dev gold ({len(scored)} deadlines in {documents} documents)",
        "",
        "| result | deadlines |",
        "| --- | ---: |",
    ]
    lines += [f"| {VERDICTS[verdict]} | {counts[verdict]} |" for verdict in VERDICTS]
    lines += [
        f"| **due_date correct** | **{correct} / {len(scored)} = {correct / len(scored):.1%}** (target ≥ 95%) |",
        f"| **wrong dates** | **{counts['wrong']}** (target 0) |",
        "",
        f"Recurring tasks whose recurrence says how often: {sum(bool(case.rrule) for case in recurring)} of {len(recurring)} "
        "given an RRULE.",
    ]
    misses = [case for case in scored if case.verdict in ("missed", "wrong")]
    if misses:
        lines += ["", "| deadline as written | recurrence | document date | gold due_date | found | result |", "| --- | --- | --- | --- | --- | --- |"]
        lines += [
            f"| {case.deadline or ''} | {case.recurrence or ''} | {case.document_date or ''} | {case.gold or ''} | {case.found or ''} | {case.verdict} |"
            for case in misses
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    args = parser.parse_args()
    lines = report(cases(args.gold))
    OUT.mkdir(exist_ok=True)
    (OUT / "due_dates.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
