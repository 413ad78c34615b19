"""Run a benchmark and publish its result as a page of the documentation.

    python -m bench.publish NAME [ARGS...]      (what every ``make bench-NAME`` runs)

runs ``python -m bench.NAME ARGS``, which writes its tables to bench/out/NAME.md,
and writes docs/benchmarks/NAME.md: what the benchmark measures (the module's
docstring), when and on which machine it ran, the load average before and after
(other processes may share the machine), and the tables.
"""

from __future__ import annotations

import ast
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from ccn_docs.textio import write_text_atomically

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PAGES = ROOT / "docs" / "benchmarks"


def machine() -> str:
    """CPU model, cores, memory, operating system, Python and Tesseract versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    memory_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo") if line.startswith("MemTotal")), 0)
    try:
        tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    except OSError:
        tesseract = "no tesseract"
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory_kb / 1024 ** 2:.1f} GiB; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}; {tesseract}"
    )


def _read(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def page(name: str, arguments: list[str], started: datetime, seconds: float, load_before: str, load_after: str) -> str:
    docstring = ast.get_docstring(ast.parse((ROOT / "bench" / f"{name}.py").read_text(encoding="utf-8"))) or ""
    docstring = docstring.replace("``", "`")  # reStructuredText literals as Markdown code
    title, _, description = docstring.partition("\n")
    target = f"bench-{name.replace('_', '-')}"
    command = " ".join(["make", target] if not arguments else ["python", "-m", f"bench.{name}", *arguments])
    return "\n".join(
        [
            f"# {title.rstrip('.')}",
            "",
            f"Written by `make {target}`; run it again to renew this page.",
            "",
            description.strip(),
            "",
            "## Last run",
            "",
            f"- command: `{command}`",
            f"- date: {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} minutes",
            f"- machine: {machine()}",
            f"- load average (1, 5, 15 min): {load_before} before, {load_after} after",
            "",
            demoted((OUT / f"{name}.md").read_text(encoding="utf-8").strip()),
            "",
        ]
    )


def demoted(markdown: str) -> str:
    """The benchmark's own headings one level down, under the page's."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def main() -> None:
    name, arguments = sys.argv[1], sys.argv[2:]
    load_before, started, start = load(), datetime.now(timezone.utc), time.perf_counter()
    subprocess.run([sys.executable, "-m", f"bench.{name}", *arguments], cwd=ROOT, check=True)
    text = page(name, arguments, started, time.perf_counter() - start, load_before, load())
    write_text_atomically(PAGES / f"{name}.md", text)
    print(f"written: {(PAGES / f'{name}.md').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
