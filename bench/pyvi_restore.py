"""pyvi's ``ViUtils.add_accents``, the peer of ``ccn restore``; as a command for
whole-process timings (it imports pyvi and nothing of ccn_docs):

    python -m bench.pyvi_restore INPUT.txt OUTPUT.txt
"""

from __future__ import annotations

import sys
from pathlib import Path


def pyvi_restore(text: str) -> str:
    """pyvi's add_accents line by line; a crash falls back to word by word, and a
    word that still crashes stays as it is."""
    from pyvi import ViUtils

    out = []
    for line in text.split("\n"):
        try:
            out.append(ViUtils.add_accents(line))
        except Exception:  # noqa: BLE001 - the peer's failures are counted, not fatal
            words = []
            for word in line.split(" "):
                try:
                    words.append(ViUtils.add_accents(word))
                except Exception:  # noqa: BLE001
                    words.append(word)
            out.append(" ".join(words))
    return "\n".join(out)


def main() -> None:
    source, target = sys.argv[1:3]
    Path(target).write_text(pyvi_restore(Path(source).read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
