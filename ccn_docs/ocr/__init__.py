"""OCR stage: PDFs and page images → ``Page``s of lines and words with
per-character alternatives, in directive reading order."""

from .batch import Document, Failure, OcrBatch, ocr_paths
from .pipeline import Settings, ocr_page

__all__ = [
    "Document",
    "Failure",
    "OcrBatch",
    "Settings",
    "ocr_page",
    "ocr_paths",
]
