"""``ccn`` command line: a thin typer layer over the library stages.

Each command module registers itself on ``app``; importing them here wires the CLI.
"""

from __future__ import annotations

from . import ocr  # noqa: F401  (registers commands)
from . import worker  # noqa: F401
from . import run, search, export, serve  # noqa: F401  (task table: issue 5)
from . import model  # noqa: F401
from . import restore  # noqa: F401
from . import extract, evaluate  # noqa: F401  (extraction: issue 4)
from .app import app


def main() -> None:
    app()
