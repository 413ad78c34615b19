"""docs/archive.md: every command in its console blocks runs, in order, in one folder
holding the files it names (made here by code), and prints the lines shown."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .ocr_fixtures import born_digital_pdf, directive_page, jpeg_pdf

pytestmark = pytest.mark.slow  # new ccn processes, each loading the models

DOC = Path(__file__).resolve().parent.parent / "docs" / "archive.md"


def examples() -> list[tuple[str, list[str]]]:
    """(command, lines shown after it) for each ``$`` line of the console blocks."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                found[-1][1].append(line)
    return found


def test_the_documented_commands_print_what_the_page_shows(tmp_path):
    jpeg_pdf(directive_page(200), tmp_path / "scan.pdf", dpi=200)
    born_digital_pdf(tmp_path / "born.pdf")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command, shown in examples():
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        printed = (done.stdout + done.stderr).splitlines()
        for line in shown:
            assert line in printed, f"{command}: {line!r} not in {printed}"
