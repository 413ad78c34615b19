"""Cluster benchmark: `ccn run` on a Dask LocalCluster vs the local process pool.

The same scans (two-page TIFFs of dev-split documents, typeset and degraded as in
``bench.ocr``, 150 and 200 dpi) go through the whole job (OCR, restoration,
extraction, load) twice per round: with the local pool (``--jobs 2``) and on a
LocalCluster of 2 single-threaded worker processes. Rounds alternate the two, so
load from other processes on the machine hits both alike. Then a back-of-the-
envelope: pages/hour per worker core against what the single writer absorbs.

    python -m bench.cluster [--pages 40] [--rounds 2]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from distributed import Client, LocalCluster

from ccn_docs import synth
from ccn_docs.run.job import RunSummary, run_inputs

from .ocr import OUT, SEED, TIMING_DPI, dev_documents, layout_document

INPUTS_DIR = OUT / "cluster-inputs"
TABLE_REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks" / "table.md"
WORKERS = 2


@dataclass
class Timing:
    engine: str
    round: int
    seconds: float
    summary: RunSummary

    @property
    def pages_per_hour(self) -> float:
        return self.summary.pages / self.seconds * 3600


def build_inputs(pages: int) -> list[Path]:
    """Two-page scans (multi-page TIFF at their scan resolution) until ``pages``."""
    INPUTS_DIR.mkdir(parents=True, exist_ok=True)
    inputs: list[Path] = []
    for number, (path, meta) in enumerate(dev_documents((pages + 1) // 2)):
        dpi = TIMING_DPI[number % len(TIMING_DPI)]
        specs = layout_document(path, meta, dpi, synth.DIRECTIVE)[: pages - 2 * len(inputs)]
        images = []
        for page_number, spec in enumerate(specs):
            seed = SEED + 100 * number + 10 * page_number + dpi
            image, _ = synth.damage_page(synth.render(spec, dpi), synth.sample_damage("scan", seed), dpi, seed)
            images.append(image)
        target = INPUTS_DIR / f"{path.stem}.tif"
        images[0].save(target, save_all=True, append_images=images[1:], dpi=(dpi, dpi), compression="tiff_deflate")
        inputs.append(target)
    return inputs


def timed(engine: str, round_number: int, inputs: list[Path], **options) -> Timing:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        summary = run_inputs(inputs, db=Path(folder) / "ccn.db", progress=False, **options)
        seconds = time.perf_counter() - start
    if summary.failures:
        raise SystemExit(f"{engine} run failed: {summary.failures}")
    return Timing(engine, round_number, seconds, summary)


def table_load_rate() -> float | None:
    """Tasks/s of the task table benchmark's published page (``make bench-table``), if there is one."""
    if not TABLE_REPORT.exists():
        return None
    match = re.search(r"\| load[^|]*\| ([\d,.]+) tasks/s", TABLE_REPORT.read_text(encoding="utf-8"))
    return float(match.group(1).replace(",", "")) if match else None


def report(timings: list[Timing], cluster_start: float, pages: int) -> str:
    local = [t for t in timings if t.engine == "local pool"]
    remote = [t for t in timings if t.engine == "LocalCluster"]
    local_rate = statistics.median(t.pages_per_hour for t in local)
    cluster_rate = statistics.median(t.pages_per_hour for t in remote)
    per_core = cluster_rate / WORKERS
    lines = [
        f"## Cluster benchmark ({pages} pages, {len(local)} rounds, {WORKERS} workers × 1 thread)",
        "",
        "| round | engine | seconds | pages/hour | tasks |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {t.round} | {t.engine} | {t.seconds:.1f} | {t.pages_per_hour:,.0f} | {t.summary.tasks} |" for t in timings]
    lines += [
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| local pool (`--jobs {WORKERS}`), median | {local_rate:,.0f} pages/hour |",
        f"| LocalCluster ({WORKERS} workers), median | {cluster_rate:,.0f} pages/hour |",
        f"| cluster / local throughput | {cluster_rate / local_rate:.2f} (target ≥ 0.85) |",
        f"| LocalCluster start (not in the runs) | {cluster_start:.1f} s |",
        f"| pages/hour per worker core (cluster) | {per_core:,.0f} |",
        "",
        "### Back-of-the-envelope: how many worker cores one writer serves",
        "",
    ]
    tasks_per_page = sum(t.summary.tasks for t in remote) / sum(t.summary.pages for t in remote)
    load_seconds_per_page = sum(t.summary.load_seconds for t in remote) / sum(t.summary.pages for t in remote)
    writer_rate = 3600 / load_seconds_per_page
    lines += [
        "| quantity | value | source |",
        "| --- | --- | --- |",
        f"| OCR + restore + extract, one core | {per_core:,.0f} pages/hour | this run |",
        f"| tasks per page | {tasks_per_page:.2f} | this run |",
        f"| writer time per page (JSON file + SQLite transaction) | {load_seconds_per_page * 1000:.1f} ms | this run |",
        f"| single writer, per-document transactions | {writer_rate:,.0f} pages/hour → **{writer_rate / per_core:,.0f} worker cores** | this run |",
    ]
    tasks_per_second = table_load_rate()
    if tasks_per_second:
        bulk_rate = tasks_per_second / tasks_per_page * 3600
        lines.append(
            f"| single writer, bulk load ({tasks_per_second:,.0f} tasks/s) | {bulk_rate:,.0f} pages/hour → "
            f"**{bulk_rate / per_core:,.0f} worker cores** | [task table benchmark](table.md) |"
        )
    else:
        lines.append("| single writer, bulk load | — | no task table benchmark page: run `make bench-table` |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    inputs = build_inputs(args.pages)
    start = time.perf_counter()
    with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1") as cluster, Client(cluster):
        cluster_start = time.perf_counter() - start
        timings = []
        for round_number in range(1, args.rounds + 1):
            timings.append(timed("local pool", round_number, inputs, jobs=WORKERS))
            timings.append(timed("LocalCluster", round_number, inputs, scheduler=cluster.scheduler_address))
    text = report(timings, cluster_start, args.pages)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cluster.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
