"""Write the bundled sample scan: one training-split directive rendered as an A4
page and degraded like an archive scan, reproducibly (fixed choice and seed).

    python corpus/synthetic_scan.py --corpus ../shared/corpus -o corpus/samples/synthetic-directive.png

The directive is the first training-split document (never one of
corpus/splits/dev.txt) that assigns a task ("chủ trì") and fits on one page.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ccn_docs.synth import Degradation, degrade, paginate, render

HERE = Path(__file__).resolve().parent
DPI = 200
SEED = 2029


def training_directive(corpus: Path) -> tuple[str, list[str]]:
    """(file name, paragraphs) of the chosen document."""
    dev = set((HERE / "splits" / "dev.txt").read_text(encoding="utf-8").split())
    for path in sorted((corpus / "admin").glob("*.txt")):
        if path.name in dev:
            continue
        paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if any("chủ trì" in p for p in paragraphs) and len(paginate(paragraphs, DPI)) == 1:
            return path.name, paragraphs
    raise SystemExit(f"no one-page training directive with a task in {corpus / 'admin'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "samples" / "synthetic-directive.png")
    args = parser.parse_args()
    name, paragraphs = training_directive(args.corpus)
    page = render(paginate(paragraphs, DPI)[0], DPI)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    degrade(page, Degradation.archive(SEED), SEED).save(args.output, dpi=(DPI, DPI))
    print(f"{args.output}: admin/{name}, {DPI} dpi, archive degradation seed {SEED}")


if __name__ == "__main__":
    main()
