"""Render extraction results as JSON, CSV (one row per task) or a Markdown table."""

from __future__ import annotations

import csv
import io
import json

from ..types import Directive, LegalRef, Task

FORMATS = ("json", "csv", "table")
TABLE_TASK_CHARS = 100
CSV_COLUMNS = ("source_file", "document_number", "document_date", "task_id", "agency", "co_agencies", "task",
               "legal_refs", "deadline", "due_date", "recurrence", "rrule", "page", "line_start", "line_end")


def _agency_text(agency: str | list[str] | None) -> str:
    if agency is None:
        return ""
    return agency if isinstance(agency, str) else "; ".join(agency)


def _refs_text(refs: list[LegalRef]) -> str:
    return "; ".join(ref.number or ref.text for ref in refs)


def _csv_row(directive: Directive, task: Task) -> dict[str, object]:
    source = task.source
    return {
        "source_file": directive.source_file, "document_number": directive.number, "document_date": directive.date,
        "task_id": task.id, "agency": _agency_text(task.agency), "co_agencies": "; ".join(task.co_agencies),
        "task": task.task, "legal_refs": _refs_text(task.legal_refs), "deadline": task.deadline,
        "due_date": task.due_date, "recurrence": task.recurrence, "rrule": task.rrule, "page": source.page if source else None,
        "line_start": source.line_start if source else None, "line_end": source.line_end if source else None,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render(directives: list[Directive], fmt: str) -> str:
    """``json``: one ``{"document", "tasks"}`` object (a list for several inputs);
    ``csv``: a row per task; ``table``: a Markdown table of tasks per document."""
    if fmt == "json":
        outputs = [d.to_output() for d in directives]
        return json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for directive in directives:
            for task in directive.tasks:
                writer.writerow(_csv_row(directive, task))
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    parts = []
    for directive in directives:
        title = " · ".join(x for x in (directive.number, directive.issuer, directive.date) if x)
        lines = [f"{directive.source_file}: {title} — {len(directive.tasks)} tasks", "",
                 "| # | agency | task | legal refs | deadline / recurrence |", "|---:|---|---|---|---|"]
        for number, task in enumerate(directive.tasks, 1):
            when = " / ".join(x for x in (task.deadline, task.recurrence) if x)
            lines.append(f"| {number} | {_cell(_agency_text(task.agency))} | {_cell(_shorten(task.task, TABLE_TASK_CHARS))}"
                         f" | {_cell(_refs_text(task.legal_refs))} | {_cell(when)} |")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
