"""Options shared by several commands, one per concern (sqlite-utils style)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..inputs import TextLayerMode

Inputs = Annotated[
    list[Path],
    typer.Argument(help="Input files or folders (folders are searched recursively).", show_default=False),
]
Output = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write the result to this file instead of standard output."),
]
Jobs = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", min=1, help="Worker processes, one Tesseract each (default: number of cores).", show_default=False),
]
AsJson = Annotated[bool, typer.Option("--json", help="Write structured JSON instead of plain text.")]
Database = Annotated[
    Path,
    typer.Option("--db", help="SQLite task database.", dir_okay=False),
]
DEFAULT_DB = Path("extracted/ccn.db")
PdfDir = Annotated[
    Optional[Path],
    typer.Option("--pdf-dir", help="Write a searchable PDF/A per scanned input into this folder (<stem>.pdf).", file_okay=False),
]
TextLayer = Annotated[
    TextLayerMode,
    typer.Option(
        "--text-layer",
        help="PDF pages with their own text: 'auto' reads pages whose text is visible and OCRs the rest "
        "(an invisible OCR layer is redone), 'use' reads any text layer, 'ignore' OCRs every page.",
        case_sensitive=False,
    ),
]
