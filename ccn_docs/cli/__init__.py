"""``ccn`` command line: a thin typer layer over the library stages.

Each command module registers itself on ``app``; importing them here wires the CLI.
"""

from __future__ import annotations

from . import ocr  # noqa: F401  (registers commands)
from .app import app


def main() -> None:
    app()
