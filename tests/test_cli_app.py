"""Every command has working help and is documented in the README (Datasette style)."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ccn_docs.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def command_paths(command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    # typer vendors its own click, so detect groups by shape rather than by class.
    if hasattr(command, "commands"):
        return [path for name, sub in command.commands.items() for path in command_paths(sub, prefix + (name,))]
    return [prefix]


COMMANDS = command_paths(typer.main.get_command(app))


def test_there_are_commands():
    assert ("ocr",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_works_and_describes_the_command(path):
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    assert command.help, f"ccn {' '.join(path)} has no help text"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_readme_documents_the_command(path):
    assert f"ccn {' '.join(path)}" in README


@pytest.mark.slow
def test_python_dash_m_is_the_same_cli():
    module = subprocess.run([sys.executable, "-m", "ccn_docs", "--help"], capture_output=True, text=True, check=True)
    assert "Usage:" in module.stdout
    for path in COMMANDS:
        assert path[0] in module.stdout


def test_the_command_line_starts_without_the_heavy_libraries():
    """``ccn --help`` stays fast: the stages' libraries load when a command runs."""
    heavy = ["spacy", "numba", "torch", "distributed", "dask", "pandas", "datasette", "cv2", "sqlite_utils", "numpy"]
    code = f"import sys, ccn_docs.cli; print(' '.join(sorted(set({heavy!r}) & set(sys.modules))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
