"""OCR stage: page images → ``Page``s of lines and words with per-character
alternatives, in directive reading order."""

from .page import PageStep, Settings, ocr_page

__all__ = ["PageStep", "Settings", "ocr_page"]
