"""The development data beside the checkout (``../shared/corpus``), and a mark
for the tests that read it: they skip, saying why, where it is absent."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

needs_shared_corpus = pytest.mark.skipif(
    not (SHARED / "admin").is_dir(), reason=f"needs the development corpus at {SHARED} (../shared/corpus beside the checkout)"
)
