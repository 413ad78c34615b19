"""bench/extract.py: which gold documents are typeset as scans."""

from pathlib import Path

from bench.extract import dev_names, scan_gold
from ccn_docs.extract.evaluate import gold_files


def _sources(pairs: list[tuple[Path, Path]]) -> set[str]:
    return {source.name for _, source in pairs}


def test_scans_are_dev_split_gold_and_the_real_scans() -> None:
    pairs = scan_gold()
    blind_dir = gold_files(blind=True)[0].parent
    assert all(gold.parent != blind_dir for gold, _ in pairs)
    texts = {source.name for _, source in pairs if source.suffix == ".txt"}
    assert texts and texts <= dev_names()
    assert any(source.suffix == ".pdf" for _, source in pairs)


def test_blind_scans_are_the_sealed_slice_dev_split_documents_only() -> None:
    pairs = scan_gold(blind=True)
    blind_dir = gold_files(blind=True)[0].parent
    assert pairs and all(gold.parent == blind_dir for gold, _ in pairs)
    assert _sources(pairs) <= dev_names()
    assert not _sources(pairs) & _sources(scan_gold())
