"""Model files: language-model lookups, memory-mapped reproducible storage, loud failures."""

import json
import math

import numpy as np
import pytest

from ccn_docs.errors import ModelError
from ccn_docs.modeldata import manifest
from ccn_docs.restore.model import Channel, LanguageModel, Runs, context_key, load_array, save_arrays
from ccn_docs.restore.smoothing import BackoffModel


def packed(ngrams: dict[tuple[int, ...], float]) -> tuple[np.ndarray, np.ndarray]:
    keys = sorted(ngrams)
    flat = [context_key(context_key(*key[:2]), key[2]) if len(key) == 3 else context_key(*key) for key in keys]
    return np.array(flat, dtype=np.int64), np.array([ngrams[key] for key in keys])


def tiny_model():
    vocab = ["<s>", "<num>", "<unk>", "kế", "hoạch", "kê"]
    bigram_keys, bigram_logp = packed({(0, 3): -1.0, (3, 4): -0.1})
    _, bigram_bow = packed({(0, 3): -0.2, (3, 4): 0.0})
    trigram_keys, trigram_logp = packed({(0, 3, 4): -0.05})
    ngrams = BackoffModel(
        keys=[np.arange(6), bigram_keys, trigram_keys],
        logp=[np.array([-9.0, -5.0, -9.0, -2.0, -2.0, -4.0]), bigram_logp, trigram_logp],
        bow=[np.array([-0.5, 0, 0, -0.3, 0, 0]), bigram_bow, np.zeros(1)],
    )
    return LanguageModel.of(vocab, ngrams, [False, False, False, True, True, True], [-9.0, -5.0, -9.0, -2.0, -2.0, -4.0])


def test_backoff_through_the_stored_weights():
    lm = tiny_model()
    assert lm.logp(0, 3, 4) == pytest.approx(-0.05, abs=1e-3)  # stored trigram
    assert lm.logp(5, 3, 4) == pytest.approx(-0.1, abs=1e-3)  # (kê, kế) is no context: its weight is 1
    assert lm.logp(0, 3, 5) == pytest.approx(-0.2 - 0.3 - 4.0, abs=1e-3)  # bow(<s> kế) + bow(kế) + log P(kê), float16 as stored
    assert lm.logp(5, 5, 4) == pytest.approx(-2.0)


def test_candidates_by_folded_letters_most_frequent_first():
    lm = tiny_model()
    assert [lm.vocab[i] for i in lm.by_fold["ke"]] == ["kế", "kê"]
    assert "<num>" not in {lm.vocab[i] for ids in lm.by_fold.values() for i in ids}


def test_save_and_load_round_trip(tmp_path):
    lm = tiny_model()
    lm.save(tmp_path)
    again = LanguageModel.load(tmp_path)
    assert again.vocab == lm.vocab
    for a, b, c in [(0, 3, 4), (5, 3, 4), (0, 3, 5), (5, 5, 4)]:
        assert again.logp(a, b, c) == lm.logp(a, b, c)
    first = {p.name: p.read_bytes() for p in (tmp_path / "restore-lm").iterdir()}
    lm.save(tmp_path)
    assert {p.name: p.read_bytes() for p in (tmp_path / "restore-lm").iterdir()} == first


def test_arrays_load_memory_mapped_and_read_only(tmp_path):
    save_arrays(tmp_path, {"a": np.arange(3), "empty": np.zeros(0, dtype=np.float32)})
    loaded = load_array(tmp_path, "a")
    assert loaded.tolist() == [0, 1, 2] and type(loaded) is np.ndarray and not loaded.flags.writeable
    assert isinstance(loaded.base, np.memmap)
    assert load_array(tmp_path, "empty").shape == (0,)


def test_runs_read_followers_from_the_layout_on_demand():
    runs = Runs(np.array([0, 2, 2, 3]), np.array([4, 7, 1], dtype=np.int32))
    assert len(runs) == 0
    assert runs[0] == {4: 0, 7: 1}
    assert runs[1] == {}
    assert runs[2] == {1: 2}
    assert len(runs) == 3


def test_missing_and_corrupt_files_fail_loudly(tmp_path):
    with pytest.raises(ModelError, match="restore-lm is missing"):
        LanguageModel.load(tmp_path)
    (tmp_path / "restore-channel.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="restore-channel.json cannot be read"):
        Channel.load(tmp_path)


def test_shipped_manifest_matches_code_version():
    data = manifest()
    assert "CC BY-SA 4.0" in data["attribution"]
    assert data["counts"]["trigrams"] > 0 and not math.isnan(data["counts"]["trigrams"])
    assert json.dumps(data)
