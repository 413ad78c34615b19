"""``ccn model build`` and ``ccn model info``: the restoration model in models/."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from ..modeldata import manifest, models_dir
from .app import handles_errors, model_app


@model_app.command("build")
@handles_errors
def build_command(
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder with admin/ and wiki-vi.txt.xz.")] = Path("../shared/corpus"),
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder to write the model to (default: models/).")] = None,
    tasks_only: Annotated[bool, typer.Option("--tasks-only", help="Fit only the task classifier on the training "
                                                                  "annotations (seconds), into a folder with a manifest.")] = False,
) -> None:
    """Train the language model and the context model and learn the OCR channel (runs Tesseract and PyTorch; about 40 minutes),
    then the task classifier."""
    from ..extract.patterns import PATTERNS_VERSION, pattern_counts
    from ..extract.task_training import build as build_tasks

    if not tasks_only:
        from ..restore.build import build

        patterns = {
            "version": PATTERNS_VERSION,
            "files": pattern_counts(),
            "source": "hand-written extraction rules (models/patterns/*.jsonl), not rebuilt by 'ccn model build'",
        }
        written = build(corpus, out, sections={"patterns": patterns})
        typer.echo(json.dumps(written["counts"], ensure_ascii=False, indent=1))
    typer.echo(json.dumps({"task_classifier": build_tasks(corpus, out)}, ensure_ascii=False, indent=1))
    typer.echo(f"model written to {out or models_dir()}")


@model_app.command("info")
@handles_errors
def info(
    directory: Annotated[Optional[Path], typer.Option("--dir", help="Model folder (default: models/).")] = None,
) -> None:
    """Show the model's version and the processing version, sources, counts and size, and time its loading."""
    from ..restore import Restorer
    from ..run.version import processing_version

    folder = directory or models_dir()
    data = manifest(folder)
    started, cpu_started = time.perf_counter(), time.process_time()
    Restorer.load(folder)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    typer.echo(f"version {data['version']}, {size / 1e6:.1f} MB on disk, loads in {seconds:.2f} s ({cpu_seconds:.2f} s CPU)")
    typer.echo(f"processing version {processing_version(folder)} (this model, its patterns, ccn_docs {__version__} and its code)")
    for key, value in sorted(data["counts"].items()):
        typer.echo(f"  {key}: {value}")
    typer.echo(data["attribution"])
