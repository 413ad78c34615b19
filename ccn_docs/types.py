"""Typed data passed between stages, each serialisable to and from JSON.

OCR produces ``Page → Line → Word``; restoration produces ``RestoredToken``;
extraction produces ``Directive → Task → LegalRef``. Everything here is plain
data (picklable, JSON-able) so it can cross process and cluster boundaries.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional, Union

BBox = tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels


class JsonData:
    """Mixin: ``to_dict``/``from_dict`` driven by the dataclass type hints."""

    _hints: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        hints = typing.get_type_hints(cls)
        values = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                values[f.name] = _revive(hints[f.name], data[f.name])
        return cls(**values)

    @classmethod
    def from_json(cls, text: str):
        return cls.from_dict(json.loads(text))


def _revive(hint: Any, value: Any) -> Any:
    """Rebuild nested dataclasses and tuples from their JSON form."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if isinstance(hint, type) and issubclass(hint, JsonData):
        return hint.from_dict(value)
    if origin is list:
        return [_revive(args[0], v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_revive(args[0], v) for v in value)
        return tuple(_revive(a, v) for a, v in zip(args, value))
    if origin is Union:
        for arg in args:
            if arg is type(None):
                continue
            if typing.get_origin(arg) is list and isinstance(value, list):
                return _revive(arg, value)
            if isinstance(arg, type) and issubclass(arg, JsonData) and isinstance(value, dict):
                return arg.from_dict(value)
            if isinstance(arg, type) and isinstance(value, arg):
                return value
        return value
    return value


# --- OCR ------------------------------------------------------------------------------


@dataclass
class Word(JsonData):
    """One recognised word. ``choices[i]`` lists (character, confidence 0–1)
    alternatives Tesseract considered for the i-th character, best first."""

    text: str
    bbox: BBox
    confidence: float  # 0–100, as Tesseract reports it
    choices: list[list[tuple[str, float]]] = field(default_factory=list)
    ocr_text: Optional[str] = None  # Tesseract's reading, when restoration changed ``text``


@dataclass
class Line(JsonData):
    """A text line. ``kind`` is ``body``, ``header`` (left or right header column)
    or ``footnote`` (small text at the page bottom starting with its number)."""

    words: list[Word]
    bbox: BBox
    kind: str = "body"
    column: int = 0
    text_height: float = 0.0  # Tesseract's x_size in pixels; footnotes are smaller than body text

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Page(JsonData):
    """One page of one input, after preprocessing and recognition."""

    source: str
    number: int  # 1-based
    width: int
    height: int
    dpi: int
    lines: list[Line] = field(default_factory=list)
    skew_degrees: float = 0.0
    text_source: str = "ocr"  # "ocr", or "text-layer": read from the PDF's own text

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# --- Restoration ----------------------------------------------------------------------


@dataclass
class RestoredToken(JsonData):
    """One output token of restoration with the evidence for review."""

    original: str
    text: str
    confidence: float  # 0–1
    alternatives: list[tuple[str, float]] = field(default_factory=list)


# --- Extraction -----------------------------------------------------------------------


@dataclass
class LegalRef(JsonData):
    """A cited legal document, e.g. 'khoản 2 Điều 27 Nghị định số 32/2024/NĐ-CP'."""

    text: str
    type: Optional[str] = None  # Luật, Nghị định, Thông tư, Quyết định, Chỉ thị, Kế hoạch, ...
    number: Optional[str] = None  # "32/2024/NĐ-CP"
    year: Optional[int] = None
    issuer_code: Optional[str] = None  # "NĐ-CP"
    date: Optional[str] = None  # ISO
    article: Optional[str] = None
    clause: Optional[str] = None
    point: Optional[str] = None


@dataclass
class SourceSpan(JsonData):
    file: str
    page: Optional[int] = None
    line_start: Optional[int] = None  # 1-based, inclusive
    line_end: Optional[int] = None


@dataclass
class Footnote(JsonData):
    """A footnote cut out of the body; ``line`` is where its marker was."""

    marker: str
    text: str
    page: Optional[int] = None
    line: Optional[int] = None


@dataclass
class Task(JsonData):
    """One obligation: who must do what, under which legal basis, by when."""

    id: str
    agency: Union[str, list[str], None]
    task: str
    co_agencies: list[str] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    deadline: Optional[str] = None  # as written: "trước ngày 25/12 hằng năm"
    recurrence: Optional[str] = None  # as written: "hằng năm", "định kỳ"
    source: Optional[SourceSpan] = None
    due_date: Optional[str] = None  # ISO date the deadline means, None when it names none
    rrule: Optional[str] = None  # RFC 5545 RRULE of a recurring deadline


@dataclass
class Directive(JsonData):
    """Document-level fields following Nghị định 30/2020/NĐ-CP, plus its tasks."""

    source_file: str
    issuer: Optional[str] = None
    parent_issuer: Optional[str] = None
    number: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = None  # ISO
    type: Optional[str] = None
    subject: Optional[str] = None
    recipients: list[str] = field(default_factory=list)
    legal_bases: list[LegalRef] = field(default_factory=list)
    signer: Optional[str] = None
    signer_title: Optional[str] = None
    distribution: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_output(self) -> dict[str, Any]:
        """The public JSON shape: ``{"document": {...}, "tasks": [...]}``."""
        document = self.to_dict()
        tasks = document.pop("tasks")
        return {"document": document, "tasks": tasks}

    @classmethod
    def from_output(cls, data: dict[str, Any]) -> "Directive":
        return cls.from_dict({**data["document"], "tasks": data.get("tasks", [])})
