"""Every example in README.md and docs/ runs as written, so none goes stale.

``console`` blocks are shell transcripts: each ``$ command`` runs in one bash per
page, in a scratch folder holding the project's ``corpus/`` (with the sample
scan ``make run`` writes) and ``.venv/``; the lines after it are its output
(stdout and stderr), where ``...`` stands for any text. A ``ccn ...`` command
runs in this process through typer's test runner, as the CLI tests do, so the
models it loads are loaded once for all examples; the shell expands its words
where they hold variables and takes its output on where it is piped or
redirected. A ``ccn`` in the background or in a command substitution runs as a
process. ``pycon`` blocks are doctests (``...`` likewise). A ``<!-- slow -->``
line before a block marks it, and the blocks after it on the page, as slow.
Shell or Python code in any other kind of block is refused: it would not be run.
"""

from __future__ import annotations

import doctest
import fcntl
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccn_docs.cli import app

from .shared_corpus import SHARED

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```", re.M | re.S)
SLOW_MARK = re.compile(r"<!--\s*slow\b[^>]*-->\s*$")
UNRUN = {"sh", "bash", "shell", "zsh", "python", "py", "python3"}
SAMPLE_SCAN = "synthetic-directive.png"
COMMAND_TIMEOUT = 300
SHELL_SYNTAX = set("|&;<>$`*?(){}\\")
VARIABLE = re.compile(r"\$\w+")
#: As in the examples' shell: no CCN_ variable from outside, a fixed terminal width.
ENVIRONMENT = {**{key: None for key in os.environ if key.startswith("CCN_")}, "COLUMNS": "100"}


@dataclass(frozen=True)
class Example:
    page: Path
    line: int  # of the opening fence
    language: str
    text: str
    slow: bool

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def examples(page: Path) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    found, slow = [], False
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rpartition("\n")[2]
        slow = slow or bool(SLOW_MARK.search(before))
        found.append(Example(page, line, match.group(1), match.group(2), slow))
    return found


ALL = [example for page in PAGES if page.exists() for example in examples(page)]
RUN = [example for example in ALL if example.language in ("console", "pycon")]


def test_docs_have_runnable_examples():
    assert any(example.page.name == "README.md" for example in RUN)


def test_no_example_escapes_the_test():
    """Shell or Python code is written as a console transcript or a pycon doctest, which run."""
    assert [f"{e.name} ({e.language})" for e in ALL if e.language in UNRUN] == []


LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """The heading anchors of a Markdown page, as GitHub makes them."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", page.read_text(encoding="utf-8")), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_links_lead_somewhere():
    """Relative links name files of the repository, and their anchors headings."""
    broken = []
    for page in PAGES:
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" in link:
                continue
            path, _, anchor = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            if not target.exists() or (anchor and target.suffix == ".md" and anchor not in anchors(target)):
                broken.append(f"{page.relative_to(ROOT)}: {link}")
    assert broken == []


# --- the scratch folder and its shell ----------------------------------------------------


@pytest.fixture(scope="session")
def sample_scan(tmp_path_factory) -> Path | None:
    """The sample scan ``make run`` writes into corpus/samples (None without the corpus to write it from)."""
    made = ROOT / "corpus" / "samples" / SAMPLE_SCAN
    if made.exists():
        return made
    if not (SHARED / "admin").is_dir():
        return None
    target = tmp_path_factory.mktemp("scan") / SAMPLE_SCAN
    subprocess.run([sys.executable, str(ROOT / "corpus" / "synthetic_scan.py"), "--corpus", str(SHARED), "-o", str(target)], check=True)
    return target


class Shell:
    """One bash, commands in, output back until a marker line."""

    def __init__(self, folder: Path) -> None:
        environment = {key: value for key, value in os.environ.items() if ENVIRONMENT.get(key, "") is not None}
        environment.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}", LC_ALL="C.UTF-8", COLUMNS="100")
        self.process = subprocess.Popen(
            ["bash", "--noprofile", "--norc"], cwd=folder, env=environment, text=True, encoding="utf-8", errors="replace",
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.put(line)

    def run(self, command: str) -> str:
        marker = f"__ccn_docs_{uuid.uuid4().hex}__"
        # The command's exit status is kept for a following `echo $?`.
        self.process.stdin.write(f"{command}\n__status=$?; printf '\\n{marker}\\n'; (exit $__status)\n")  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]
        output = []
        while True:
            try:
                line = self.lines.get(timeout=COMMAND_TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"no answer within {COMMAND_TIMEOUT} s to: {command}") from None
            if line.rstrip("\n") == marker:
                return "".join(output)
            output.append(line)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("kill $(jobs -p) 2>/dev/null; wait; exit\n")  # type: ignore[union-attr]
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, sample_scan):
    """A page's folder like a checkout (corpus/ with the sample scan, .venv/,
    extracted/), its shell and its Python namespace. The previous page's shell
    stops when the next page starts, with whatever it left running."""
    current: dict[Path, tuple[Path, Shell, dict]] = {}

    def get(page: Path) -> tuple[Path, Shell, dict]:
        if page not in current:
            for _, shell, _ in current.values():
                shell.close()
            current.clear()
            folder = tmp_path_factory.mktemp(page.stem)
            (folder / ".venv").symlink_to(Path(sys.prefix))
            (folder / "extracted").mkdir()
            corpus = folder / "corpus"
            corpus.mkdir()
            for child in (ROOT / "corpus").iterdir():
                if child.name != "samples":
                    (corpus / child.name).symlink_to(child)
            samples = corpus / "samples"
            samples.mkdir()
            for sample in [*(ROOT / "corpus" / "samples").iterdir(), *([sample_scan] if sample_scan else [])]:
                if not (samples / sample.name).exists():
                    shutil.copy(sample, samples / sample.name)
            current[page] = (folder, Shell(folder), {})
        return current[page]

    # Examples start servers on fixed ports: one test run at a time runs them.
    with open(Path(tempfile.gettempdir()) / "ccn-docs-examples.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield get
        for _, shell, _ in current.values():
            shell.close()


def in_process_parts(command: str) -> tuple[str, str] | None:
    """``(words, onward)`` of a ``ccn`` command that can run in this process: its words,
    where variables are the only shell syntax, and the pipe or redirections its output
    takes (``| head -1``, ``> /dev/null``), if any; None for anything else."""
    if not command.startswith("ccn "):
        return None
    quote = None
    for at, character in enumerate(command):
        if quote:
            quote = None if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character in "|>":
            words, onward = command[:at], command[at:]
            break
    else:
        words, onward = command, ""
    if SHELL_SYNTAX & set(VARIABLE.sub("", words)) or "&" in onward or (onward and not words.endswith(" ")):
        return None
    return words, onward


def execute(command: str, shell: Shell, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The command's output: a ``ccn`` command through typer's test runner in this
    process where ``in_process_parts`` allows, anything else in the page's shell.
    The shell gets the ccn command's exit status for a following ``echo $?``, and
    its output to take on where the command pipes or redirects it."""
    parts = in_process_parts(command)
    if parts is None:
        return shell.run(command)
    words, onward = parts
    if onward or VARIABLE.search(words):
        arguments = shell.run(f"printf '%s\\0' {words}").removesuffix("\n").split("\0")[:-1]
    else:
        arguments = shlex.split(words)
    monkeypatch.chdir(folder)
    result = CliRunner(env=ENVIRONMENT).invoke(app, arguments[1:])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if not onward:
        shell.run(f"(exit {result.exit_code})")
        return result.output
    with tempfile.TemporaryDirectory() as captured:
        stdout, stderr = Path(captured) / "stdout", Path(captured) / "stderr"
        stdout.write_bytes(result.stdout_bytes)
        stderr.write_bytes(result.stderr_bytes)
        return shell.run(f"{{ cat {stderr} >&2; cat {stdout}; (exit {result.exit_code}); }} {onward}")


def matches(expected: str, actual: str) -> bool:
    """``actual`` is ``expected``, ``...`` standing for any text (trailing blanks ignored)."""
    tidy = lambda text: "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))  # noqa: E731
    pattern = ".*?".join(re.escape(part) for part in tidy(expected).split("..."))
    return re.fullmatch(pattern, tidy(actual), re.S) is not None


def transcript(text: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` of each ``$`` line of a console block."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            assert found, f"output before the first command: {line!r}"
            found[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in found]


@pytest.mark.parametrize(
    "example", [pytest.param(e, marks=[pytest.mark.slow] if e.slow else []) for e in RUN], ids=lambda e: e.name
)
def test_example(example, scratch, sample_scan, monkeypatch):
    if sample_scan is None and "corpus/" in example.text:
        pytest.skip(f"the samples and gold need the development corpus at {SHARED}, which is absent")
    folder, shell, namespace = scratch(example.page)
    if example.language == "console":
        for command, expected in transcript(example.text):
            actual = execute(command, shell, folder, monkeypatch)
            assert matches(expected, actual), f"{example.name}: $ {command}\n--- expected ---\n{expected}\n--- got ---\n{actual}"
        return
    monkeypatch.chdir(folder)
    test = doctest.DocTestParser().get_doctest(example.text, namespace, example.name, str(example.page), example.line)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=report.append, clear_globs=False)
    namespace.update(test.globs)
    assert runner.failures == 0, "".join(report)


def test_a_ccn_command_is_split_from_where_its_output_goes():
    assert in_process_parts("ccn run a.txt > /dev/null") == ("ccn run a.txt ", "> /dev/null")
    assert in_process_parts("ccn task show $uid | grep -E '^  \"(a|b)\"'") == ("ccn task show $uid ", "| grep -E '^  \"(a|b)\"'")
    assert in_process_parts("ccn search --agency 'a|b' | head") is None  # left to the shell, not split inside quotes
    assert in_process_parts("ccn serve --db x.db 2> serve.log &") is None
    assert in_process_parts("ccn search --ref $(date) | head") is None
    assert in_process_parts("uid=$(ccn search | tail -1)") is None


def test_matches_reads_dots_as_any_text():
    assert matches("tasks: ...\ntime: ... s", "tasks: 22\ntime: 7.3 s\n")
    assert matches("first\n...\nlast", "first\nsecond\nthird\nlast")
    assert not matches("tasks: 22", "tasks: 21")
