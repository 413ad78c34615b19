"""Model files: language-model lookups, compact reproducible storage, loud failures."""

import io
import json
import math

import numpy as np
import pytest

from ccn_docs.errors import ModelError
from ccn_docs.modeldata import manifest
from ccn_docs.restore.model import BOW, Channel, LanguageModel, Followers, context_key, npz_bytes
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
    return LanguageModel(vocab=vocab, ngrams=ngrams, candidate=[False, False, False, True, True, True], frequency=[-9.0, -5.0, -9.0, -2.0, -2.0, -4.0])


def test_backoff_through_the_stored_weights():
    lm = tiny_model()
    assert lm.logp(0, 3, 4) == pytest.approx(-0.05, abs=1e-3)  # stored trigram
    assert lm.logp(5, 3, 4) == pytest.approx(-0.1)  # (kê, kế) is no context: its weight is 1
    assert lm.logp(0, 3, 5) == pytest.approx(-0.2 - 0.3 - 4.0)  # bow(<s> kế) + bow(kế) + log P(kê)
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
    assert again.logp(0, 3, 4) == pytest.approx(-0.05, abs=1e-3)
    assert (tmp_path / "restore-lm.npz").read_bytes() == (lm.save(tmp_path) or (tmp_path / "restore-lm.npz")).read_bytes()


def test_followers_read_contexts_from_the_flat_arrays_on_demand():
    keys, values = packed({(1, 2, 3): -0.5, (1, 2, 7): -1.5, (4, 5, 6): -2.0})
    context_keys, context_bows = packed({(1, 2): -0.25, (4, 5): -0.75})
    followers = Followers(keys, values, context_keys, context_bows)
    assert len(followers) == 0 and followers.size == 3
    assert followers[context_key(1, 2)] == {3: -0.5, 7: -1.5, BOW: -0.25}
    assert followers[context_key(4, 5)] == {6: -2.0, BOW: -0.75}
    assert followers[context_key(9, 9)] == {}
    assert len(followers) == 3


def test_npz_bytes_are_reproducible_and_loadable():
    arrays = {"a": np.arange(3), "b": np.array("x\ny")}
    assert npz_bytes(arrays) == npz_bytes(arrays)
    with np.load(io.BytesIO(npz_bytes(arrays))) as data:
        assert data["a"].tolist() == [0, 1, 2]


def test_missing_and_corrupt_files_fail_loudly(tmp_path):
    with pytest.raises(ModelError, match="restore-lm.npz is missing"):
        LanguageModel.load(tmp_path)
    (tmp_path / "restore-channel.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="restore-channel.json cannot be read"):
        Channel.load(tmp_path)


def test_shipped_manifest_matches_code_version():
    data = manifest()
    assert "CC BY-SA 4.0" in data["attribution"]
    assert data["counts"]["trigrams"] > 0 and not math.isnan(data["counts"]["trigrams"])
    assert json.dumps(data)
