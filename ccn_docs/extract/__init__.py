"""Extraction: document fields and (agency, task, legal reference) triples from
a directive's text, with a spaCy pipeline of rule components."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .directive import build_pipeline, extract_file, extract_header, extract_text, prepare_header

__all__ = ["build_pipeline", "extract_file", "extract_header", "extract_text", "prepare_header"]


def __getattr__(name: str) -> Any:
    """spaCy is imported on first use, not with the package: the ``ccn`` command
    reads ``extract.output`` at startup."""
    if name in __all__:
        from . import directive

        return getattr(directive, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
