"""The package's floors: the stages stand side by side and import none of each
other, low-level modules sit below them, the main job and the CLI above them,
and no module imports itself back through others.

Read from the source with ``ast``, every import counted, those inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ccn_docs

PACKAGE = Path(ccn_docs.__file__).resolve().parent
STAGES = ("ocr", "restore", "extract", "store")
#: Below the stages: what every stage may use.
LOW = ("types", "errors", "textio", "vietnamese", "admin_levels", "modeldata", "_exec", "inputs", "progress", "scoring", "synth")
#: Above the stages: the main job, then the command line.
ABOVE = ("run", "cli", "__main__")


def module_name(path: Path) -> str:
    parts = ("ccn_docs", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(module: str) -> set[str]:
    """The ccn_docs modules ``module`` imports (a name imported from a package is
    its submodule when there is one)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("ccn_docs"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.startswith("ccn_docs"):
                continue
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source)
    return found - {module}


GRAPH = {module: imports(module) for module in MODULES}


def part(module: str) -> str:
    """The top-level module or package of ``ccn_docs`` a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_is_on_a_floor():
    assert {part(module) for module in MODULES} - {""} <= set(STAGES + LOW + ABOVE)


def test_stages_import_no_other_stage_and_nothing_above():
    crossing = sorted(
        (module, target)
        for module, targets in GRAPH.items()
        if part(module) in STAGES
        for target in targets
        if part(target) != part(module) and part(target) not in LOW
    )
    assert crossing == []


def test_low_level_modules_import_no_stage_and_nothing_above():
    upward = sorted(
        (module, target) for module, targets in GRAPH.items() if part(module) in LOW for target in targets if part(target) not in LOW
    )
    assert upward == []


def test_main_job_does_not_import_the_command_line():
    assert sorted((m, t) for m, targets in GRAPH.items() if part(m) == "run" for t in targets if part(t) in ("cli", "__main__")) == []


def test_no_import_cycle():
    cycles = []
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_checks_see_a_crossing_import(tmp_path, monkeypatch):
    """The walk resolves relative imports, lazy ones included."""
    (tmp_path / "ocr").mkdir()
    (tmp_path / "ocr" / "step.py").write_text("def f():\n    from ..restore import restore_page\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "ccn_docs.ocr.step", tmp_path / "ocr" / "step.py")
    assert imports("ccn_docs.ocr.step") == {"ccn_docs.restore"}
