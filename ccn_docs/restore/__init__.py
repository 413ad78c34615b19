"""Restoration: put back lost diacritics and mend OCR errors in Vietnamese text.

``Restorer.load()`` reads the model files of ``models/`` once; the module-level
functions use one cached default ``Restorer``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..types import Page, RestoredToken
from ..modeldata import manifest
from .context import ContextModel
from .decode import Decoder, rebuild_line
from .model import Channel, LanguageModel
from .page import restore_page_with


class Restorer:
    def __init__(self, decoder: Decoder) -> None:
        self.decoder = decoder

    @classmethod
    def load(cls, directory: Path | None = None) -> "Restorer":
        """The model files of ``directory`` (default: models/), after the manifest's version check."""
        manifest(directory)
        return cls(Decoder(LanguageModel.load(directory), Channel.load(directory), ContextModel.load(directory)))

    def restore_text(self, text: str) -> str:
        """Restored text with one output line per input line."""
        lines = text.split("\n")
        decoded = self.decoder.decode_lines(lines)
        return "\n".join(rebuild_line(line, units) for line, units in zip(lines, decoded))

    def restore_tokens(self, text: str) -> list[list[RestoredToken]]:
        """Per input line, the restored tokens with confidence and runner-ups."""
        lines = text.split("\n")
        decoded = self.decoder.decode_lines(lines, explain=True)
        return [
            [RestoredToken(u.observed, u.text, u.confidence, u.alternatives) for u in units] for units in decoded
        ]

    def restore_page(self, page: Page) -> Page:
        """The page with each word's text restored, using Tesseract's confidences
        and per-character choices as channel evidence."""
        return restore_page_with(self.decoder, page)


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    return Restorer.load()


def restore_text(text: str) -> str:
    return default_restorer().restore_text(text)


def restore_tokens(text: str) -> list[list[RestoredToken]]:
    return default_restorer().restore_tokens(text)


def restore_page(page: Page) -> Page:
    return default_restorer().restore_page(page)


__all__ = ["Restorer", "restore_page", "restore_text", "restore_tokens", "default_restorer"]
