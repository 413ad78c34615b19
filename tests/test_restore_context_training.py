"""Training the context model: targets line up with the inputs, each form is
ranked against its same-letter forms, and training learns."""


import numpy as np
import pytest
import torch

from ccn_docs.restore import default_restorer
from ccn_docs.restore.context import MAX_FORMS, RESERVED_INPUTS, ContextModel, encode
from ccn_docs.restore.context_training import DILATIONS, ContextNetwork, ranked_forms, token_stream, train_context_model
from ccn_docs.restore.corpus import train_documents
from ccn_docs.restore.segment import fold_key, lm_form, spans

from .shared_corpus import SHARED, needs_shared_corpus


@pytest.fixture(scope="module")
def lm():
    return default_restorer().decoder.lm


@pytest.fixture(scope="module")
def fold_ids(lm):
    return {fold: number + RESERVED_INPUTS for number, fold in enumerate(sorted({fold_key(f) for f in lm.vocab}))}


def test_targets_are_the_forms_as_written(lm, fold_ids):
    stream = token_stream(["Kế hoạch số 12\n\nỦy ban"], fold_ids, lm, description="test", total=1)
    assert stream.starts.tolist() == [0, 8]
    words = ["kế", "hoạch", "số", "<num>", "ủy", "ban"]
    assert stream.targets.tolist() == [-1, *(lm.index[w] for w in words[:4]), -1, *(lm.index[w] for w in words[4:])]
    assert stream.folds[1].item() == fold_ids["ke"]


def test_each_form_is_ranked_against_its_same_letter_forms(lm):
    forms, column = ranked_forms(lm)
    ke = lm.index["kế"]
    row = forms[ke][forms[ke] >= 0].tolist()
    assert row == lm.by_fold["ke"][:MAX_FORMS] and row[column[ke]] == ke
    assert column[lm.index["<num>"]] == -1  # nothing to choose between


@pytest.mark.slow
@needs_shared_corpus
def test_training_learns_the_forms_of_its_texts(lm):
    texts = [path.read_text(encoding="utf-8") for path in train_documents(SHARED)[:3]]
    trained, stats = train_context_model(lm, texts, iter(()), wiki_total=0, steps=25, width=16)
    torch.manual_seed(0)
    untrained = ContextModel(trained.folds, DILATIONS, ContextNetwork(len(trained.folds) + RESERVED_INPUTS, len(lm.vocab), width=16, dilations=DILATIONS, dropout=0).export())
    forms, column = ranked_forms(lm)

    def mean_logp(model):
        """Mean log-probability the model gives the written form of each ranked token."""
        lines = [spans(line) for text in texts for line in text.splitlines()]
        text = encode(lines, model.fold_ids)
        positions, wanted = [], []
        for number, line in enumerate(lines):
            for span in line:
                form = lm.index.get(lm_form(span.text), -1)
                if form >= 0 and column[form] >= 0:
                    positions.append(text.where[(number, span.start, span.end)])
                    wanted.append(form)
        chances = model.log_probabilities(model.hidden(text)[positions], forms[wanted])
        return chances[np.arange(len(wanted)), column[wanted]].mean()

    assert stats["context_steps"] == 25 and stats["context_wiki_tokens"] == 0
    assert mean_logp(trained) > mean_logp(untrained) + 0.3
