"""The examples of the staff's and integrators' pages run as written.

``console`` blocks are shell sessions: each ``$ command`` runs in one bash per
page, in a scratch folder holding the project's ``corpus/``; the lines after it are
its output (stdout and stderr), where ``...`` stands for any text. ``pycon``
blocks are doctests.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # ccn run, a server

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "docs" / name for name in ("staff.md", "api.md", "deadlines.md")]
FENCE = re.compile(r"^```(console|pycon)\n(.*?)^```", re.M | re.S)


def sessions(page: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The page's blocks: (language, [(command or source, expected output)])."""
    found = []
    for language, body in FENCE.findall(page.read_text(encoding="utf-8")):
        if language == "pycon":
            found.append((language, [(body, "")]))
            continue
        steps: list[tuple[str, str]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], ""))
            else:
                command, expected = steps[-1]
                steps[-1] = (command, expected + line + "\n")
        found.append((language, steps))
    return found


def matches(expected: str, output: str) -> bool:
    pattern = ".*?".join(re.escape(part) for part in expected.rstrip("\n").split("..."))
    return re.fullmatch(pattern, output.rstrip("\n"), re.S) is not None


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_examples_run_as_written(page, tmp_path):
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    (tmp_path / "extracted").mkdir()
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "LC_ALL": "C.UTF-8"}
    shell = subprocess.Popen(["bash", "--noprofile", "--norc"], cwd=tmp_path, env=environment, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for language, steps in sessions(page):
            if language == "pycon":
                result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
                result.run(doctest.DocTestParser().get_doctest(steps[0][0], {}, page.name, str(page), 0))
                assert result.failures == 0, f"{page.name}: a pycon example failed"
                continue
            for command, expected in steps:
                marker = f"__done_{uuid.uuid4().hex}__"
                # The command's exit status is kept for a following `echo $?`.
                shell.stdin.write(f"{command}\n__status=$?; printf '\\n{marker}\\n'; (exit $__status)\n")
                shell.stdin.flush()
                lines = []
                for line in shell.stdout:
                    if line.rstrip("\n") == marker:
                        break
                    lines.append(line)
                output = "".join(lines).rstrip("\n")
                assert matches(expected, output), f"{page.name}: $ {command}\nexpected:\n{expected}\ngot:\n{output}"
    finally:
        shell.stdin.write("kill $(jobs -p) 2>/dev/null; wait; exit\n")
        shell.stdin.close()
        shell.wait(timeout=60)
