"""The context model: encoding, the NumPy forward pass (checked against the
PyTorch network it was trained as), storage, and its use by the decoder."""

import numpy as np
import pytest
import torch

from ccn_docs.errors import ModelError
from ccn_docs.restore import context, default_restorer
from ccn_docs.restore.context import CONTEXT_DIR, LINE_BREAK, UNKNOWN_FOLD, ContextModel, case_class, encode
from ccn_docs.restore.context_training import ContextNetwork
from ccn_docs.restore.segment import fold_key, spans

FOLDS = ["ban", "ke", "hoach", "uy"]


def random_model(seed=1, width=8, vocabulary=10):
    torch.manual_seed(seed)
    network = ContextNetwork(len(FOLDS) + 3, vocabulary, width=width, dilations=(1, 2), dropout=0.0)
    for parameter in network.parameters():  # away from the initial values (LayerNorm 1/0, bias 0)
        torch.nn.init.normal_(parameter, std=0.5)
    network.eval()
    return network, ContextModel(FOLDS, (1, 2), network.export())


def test_case_classes():
    assert [case_class(t) for t in ("ke", "Ke", "UBND", "2024", "A")] == [0, 1, 2, 3, 1]


def test_encode_opens_each_line_with_a_break_and_skips_empty_lines():
    model = random_model()[1]
    lines = [spans("Ke hoach ke"), [], spans("UY ban. xyz")]
    text = encode(lines, model.fold_ids)
    assert text.folds.tolist() == [
        LINE_BREAK, model.fold_ids["ke"], model.fold_ids["hoach"], model.fold_ids["ke"],
        LINE_BREAK, model.fold_ids["uy"], model.fold_ids["ban"], UNKNOWN_FOLD,
    ]
    assert text.cases.tolist() == [3, 1, 0, 0, 3, 2, 0, 0]  # "Ke" and "ke": one fold, two cases
    assert text.boundaries.tolist() == [1, 1, 0, 0, 1, 1, 0, 1]  # "." ends the context before xyz
    assert text.where == {(0, 0, 2): 1, (0, 3, 8): 2, (0, 9, 11): 3, (2, 0, 2): 5, (2, 3, 6): 6, (2, 8, 11): 7}


def test_numpy_forward_pass_equals_the_torch_network():
    network, model = random_model()
    text = encode([spans("Ke hoach uy ban"), spans("ban KE")], model.fold_ids)
    forms = np.array([[3, 5, -1], [1, 2, 7], [4, -1, -1], [0, 9, 8], [6, 3, -1], [2, 2, -1], [5, 1, 0], [7, 8, 9]])  # one row per position
    with torch.no_grad():
        folds = torch.from_numpy(text.folds)[None]
        hidden = network.hidden(folds, torch.from_numpy(text.cases)[None], torch.from_numpy(text.boundaries)[None], folds)[0]
        expected = torch.log_softmax(network.logits(hidden, torch.from_numpy(forms)), -1).numpy()
    ours = model.log_probabilities(model.hidden(text), forms)
    np.testing.assert_allclose(model.hidden(text), hidden.numpy(), atol=1e-4)
    np.testing.assert_allclose(np.where(forms >= 0, ours, 0), np.where(forms >= 0, expected, 0), atol=1e-4)
    assert np.all(np.isneginf(ours[forms < 0]))


def test_blocks_of_the_forward_pass_join_seamlessly(monkeypatch):
    """Blocks shorter than the text, and than the receptive field, give the outputs of one pass."""
    _, model = random_model()
    text = encode([spans("ke hoach uy ban " * 5), spans("ban ke hoach"), spans("uy ban ke")], model.fold_ids)
    whole = model.hidden(text)
    for block in (1, 2, 5):
        monkeypatch.setattr(context, "BLOCK", block)
        np.testing.assert_allclose(model.hidden(text), whole, atol=1e-6)


def test_saved_in_half_precision_and_loaded_back(tmp_path):
    _, model = random_model()
    model.save(tmp_path)
    loaded = ContextModel.load(tmp_path)
    assert loaded.folds == FOLDS and loaded.dilations == (1, 2)
    text = encode([spans("ke hoach uy ban")], model.fold_ids)
    np.testing.assert_allclose(loaded.hidden(text), model.hidden(text), atol=0.05)


def test_missing_or_corrupt_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="missing"):
        ContextModel.load(tmp_path)
    (tmp_path / CONTEXT_DIR).mkdir()
    (tmp_path / CONTEXT_DIR / "folds.txt").write_text("ke", encoding="utf-8")
    (tmp_path / CONTEXT_DIR / "dilations.npy").write_bytes(b"not a numpy file")
    with pytest.raises(ModelError, match="cannot be read"):
        ContextModel.load(tmp_path)


def test_a_model_lacking_weights_is_refused():
    _, model = random_model()
    weights = dict(model.weights)
    del weights["norm_scale"]
    with pytest.raises(ValueError, match="norm_scale"):
        ContextModel(FOLDS, (1, 2), weights)


@pytest.fixture
def decoder():
    return default_restorer().decoder


@pytest.mark.parametrize(
    "line, expected",
    [("ke hoach kiem tra hang nam cua tinh", "hằng"), ("kiem tra chat luong hang hoa luu thong tren thi truong", "hàng")],
)
def test_shipped_model_reads_the_context(decoder, line, expected):
    """The same letters, two forms: the words around "hang" decide."""
    lm, context = decoder.lm, decoder.context
    tokens = spans(line)
    text = encode([tokens], context.fold_ids)
    hang = next(t for t in tokens if t.text == "hang")
    position = text.where[(0, hang.start, hang.end)]
    forms = np.full((1, 12), -1)
    ranked = lm.by_fold["hang"][:12]
    forms[0, : len(ranked)] = ranked
    chances = context.log_probabilities(context.hidden(text)[[position]], forms)
    assert lm.vocab[ranked[int(np.argmax(chances[0, : len(ranked)]))]] == expected


def test_decoder_adds_context_costs_to_stripped_text_only(decoder):
    stripped = decoder.decode_lines(["ke hoach thuc hien nhiem vu"])[0]
    ranked = [unit for unit in stripped if len(decoder.lm.by_fold.get(fold_key(unit.observed), ())) > 1]
    assert len(ranked) >= 4  # ke, hoach, thuc, hien… have several forms each
    assert all(len(unit.context_costs) == len(unit.candidates) for unit in ranked)
    accented = decoder.decode_lines(["Kế hoạch thực hiện nhiệm vụ"])[0]
    assert all(unit.context_costs == () for unit in accented)


def test_context_costs_can_overturn_the_language_model(decoder, monkeypatch):
    """A network sure of a rare form wins over the trigram model's choice."""
    line = "ke hoach thuc hien nhiem vu"
    assert decoder.decode_lines([line])[0][0].text == "kế"
    rare = decoder.lm.index["kê"]
    weights = dict(decoder.context.weights)
    weights["output_bias"] = weights["output_bias"].copy()
    weights["output_bias"][rare] += 1000.0
    monkeypatch.setattr(decoder, "context", ContextModel(decoder.context.folds, decoder.context.dilations, weights))
    assert decoder.decode_lines([line])[0][0].text == "kê"
