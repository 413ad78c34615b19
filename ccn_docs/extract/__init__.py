"""Extraction: document fields and (agency, task, legal reference) triples from
a directive's text, with a spaCy pipeline of rule components."""

from __future__ import annotations

from .directive import build_pipeline, extract_file, extract_text

__all__ = ["build_pipeline", "extract_file", "extract_text"]
