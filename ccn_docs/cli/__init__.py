"""``ccn`` command line: a thin typer layer over the library stages.

Each command module registers itself on ``app``; importing them here wires the CLI.
"""

from __future__ import annotations

# In the order a page becomes a row; help lists commands in this order.
from . import ocr, restore, extract  # noqa: F401  (stages)
from . import run, search, export, serve, task  # noqa: F401  (the task table)
from . import worker  # noqa: F401  (scale-out)
from . import model, evaluate  # noqa: F401  (models and evaluation)
from .app import app


def main() -> None:
    app()
