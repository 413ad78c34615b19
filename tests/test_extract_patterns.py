import pytest

from ccn_docs.errors import ModelError
from ccn_docs.extract.patterns import PATTERN_FILES, fold_key, fold_same_length, load_patterns, pattern_counts


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    """An empty models folder in place of the project's, with the loader cache cleared around the test."""
    monkeypatch.setenv("CCN_MODELS", str(tmp_path))
    load_patterns.cache_clear()
    yield tmp_path
    load_patterns.cache_clear()


def test_every_pattern_file_loads_with_records():
    counts = pattern_counts()
    assert set(counts) == set(PATTERN_FILES)
    assert all(count > 0 for count in counts.values())


def test_missing_pattern_file_fails_loudly(models_dir):
    with pytest.raises(ModelError, match="agencies.jsonl"):
        load_patterns("agencies.jsonl")


def test_malformed_pattern_file_names_line(models_dir):
    (models_dir / "patterns").mkdir()
    (models_dir / "patterns" / "cues.jsonl").write_text('{"kind": "deadline", "pattern": "x"}\n{"kind": \n',
                                                        encoding="utf-8")
    with pytest.raises(ModelError, match="line 2"):
        load_patterns("cues.jsonl")


def test_record_without_required_keys_fails_loudly(models_dir):
    (models_dir / "patterns").mkdir()
    (models_dir / "patterns" / "legal.jsonl").write_text('{"kind": "type"}\n', encoding="utf-8")
    with pytest.raises(ModelError, match="missing form"):
        load_patterns("legal.jsonl")


def test_folding_keeps_offsets_and_case():
    text = "Sở Tài chính, Đắk Lắk"
    folded = fold_same_length(text)
    assert folded == "So Tai chinh, Dak Lak"
    assert len(folded) == len(text)
    assert fold_key("  Sở KH&ĐT: ") == "so kh&dt"
    assert fold_key("Bộ Lao động - Thương binh") == "bo lao dong thuong binh"
