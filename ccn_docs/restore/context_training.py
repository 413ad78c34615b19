"""Train the context model of ``context.py`` with PyTorch (``ccn model build``).

The network reads folded text, as the decoder gives it, and learns which form of
each token the corpus wrote: a cross-entropy over the token's same-letter forms
(the ones the decoder ranks). Windows of 128 tokens are drawn from the training
administrative documents and from Wikipedia (a quarter of them admin: more
overfits the 1M admin tokens), each with 256 tokens drawn from its own document
for the topic summary. Fixed seeds and a fixed thread count make the build
reproducible on one machine (``make model`` lifts the Makefile's one-thread
OpenMP cap, which is for Tesseract). PyTorch is only needed here, not to restore.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional

from ..progress import progress_bar
from .context import CASES, MAX_FORMS, RESERVED_INPUTS, ContextModel, encode
from .model import LanguageModel
from .segment import fold_key, lm_form, spans

log = logging.getLogger(__name__)

DILATIONS = (1, 2, 4, 8)  # four layers of width-3 kernels: 15 tokens to each side
TOPIC_WIDTH = 64
WINDOW = 128
BATCH = 64
TOPIC_SAMPLE = 256
ADMIN_SHARE = 0.25  # of the windows of a batch from the administrative documents, the rest from Wikipedia
DROPOUT = 0.1
PEAK_LEARNING_RATE = 3e-3
SEED = 0
THREADS = 2  # fixed, for reproducible sums; fewer where OMP_THREAD_LIMIT caps them (PyTorch hangs above the cap)


@dataclass
class TokenStream:
    """Encoded texts one after another: inputs, the language-model id of each
    token as written (the target; −1 where there is none) and where each text starts."""

    folds: torch.Tensor
    cases: torch.Tensor
    boundaries: torch.Tensor
    targets: torch.Tensor
    starts: torch.Tensor  # one more than texts: the last is the stream's length

    def sample(self, count: int, generator: torch.Generator) -> tuple[torch.Tensor, ...]:
        """``count`` windows, each with a topic sample drawn from its own text."""
        first = torch.randint(0, len(self.folds) - WINDOW, (count,), generator=generator)
        window = first[:, None] + torch.arange(WINDOW)[None]
        text = torch.searchsorted(self.starts, first, right=True) - 1
        low, high = self.starts[text], self.starts[text + 1]
        topic = low[:, None] + (torch.rand(count, TOPIC_SAMPLE, generator=generator) * (high - low)[:, None].float()).long()
        return self.folds[window], self.cases[window], self.boundaries[window], self.targets[window], self.folds[topic.clamp(max=len(self.folds) - 1)]


def token_stream(texts: Iterable[str], fold_ids: dict[str, int], lm: LanguageModel, *, description: str, total: int) -> TokenStream:
    parts: list[tuple[np.ndarray, ...]] = []
    starts = [0]
    with progress_bar(total, description, "texts") as advance:
        for text in texts:
            lines = [spans(line) for line in text.splitlines()]
            encoded = encode(lines, fold_ids)
            # encode() opens each line that has tokens with a line break, then its tokens.
            targets = [
                target
                for line in lines
                if line
                for target in [-1, *(lm.index.get(lm_form(span.text), -1) for span in line)]
            ]
            parts.append((encoded.folds, encoded.cases, encoded.boundaries, np.asarray(targets, dtype=np.int64)))
            starts.append(starts[-1] + len(targets))
            advance(1)
    columns = [torch.from_numpy(np.concatenate([part[k] for part in parts] or [np.zeros(0, np.int64)])) for k in range(4)]
    return TokenStream(*columns, torch.tensor(starts, dtype=torch.int64))


class ContextNetwork(nn.Module):
    """The network of ``ContextModel.hidden`` in PyTorch, for training."""

    def __init__(self, inputs: int, vocabulary: int, *, width: int, dilations: tuple[int, ...], dropout: float) -> None:
        super().__init__()
        self.fold_embedding = nn.Embedding(inputs, width)
        self.case_embedding = nn.Embedding(CASES, width)
        self.boundary_embedding = nn.Embedding(2, width)
        self.topic_embedding = nn.EmbeddingBag(inputs, TOPIC_WIDTH, mode="mean")
        self.topic_projection = nn.Linear(TOPIC_WIDTH, width)
        self.convolutions = nn.ModuleList(nn.Conv1d(width, 2 * width, 3, dilation=d, padding=d) for d in dilations)
        self.norms = nn.ModuleList(nn.LayerNorm(width) for _ in dilations)
        self.dropout = nn.Dropout(dropout)
        self.output_embedding = nn.Embedding(vocabulary, width)
        self.output_bias = nn.Embedding(vocabulary, 1)
        nn.init.normal_(self.output_embedding.weight, std=0.02)
        nn.init.zeros_(self.output_bias.weight)

    def hidden(self, folds, cases, boundaries, topic_sample):
        x = self.dropout(self.fold_embedding(folds)) + self.case_embedding(cases) + self.boundary_embedding(boundaries)
        x = x + self.topic_projection(self.topic_embedding(topic_sample)).unsqueeze(1)
        for convolution, norm in zip(self.convolutions, self.norms):
            gated = functional.glu(convolution(x.transpose(1, 2)), dim=1).transpose(1, 2)
            x = norm(x + self.dropout(gated))
        return x

    def logits(self, hidden, forms):
        safe = forms.clamp(min=0)
        logits = (self.output_embedding(safe) * hidden.unsqueeze(-2)).sum(-1) + self.output_bias(safe).squeeze(-1)
        return logits.masked_fill(forms < 0, float("-inf"))

    def export(self) -> dict[str, np.ndarray]:
        """The weights under ``ContextModel``'s names."""
        def stacked(modules, name):
            return torch.stack([getattr(m, name) for m in modules]).detach().numpy()

        return {
            "fold_embedding": self.fold_embedding.weight.detach().numpy(),
            "case_embedding": self.case_embedding.weight.detach().numpy(),
            "boundary_embedding": self.boundary_embedding.weight.detach().numpy(),
            "topic_embedding": self.topic_embedding.weight.detach().numpy(),
            "topic_projection": self.topic_projection.weight.detach().numpy(),
            "topic_bias": self.topic_projection.bias.detach().numpy(),
            "convolution": stacked(self.convolutions, "weight"),
            "convolution_bias": stacked(self.convolutions, "bias"),
            "norm_scale": stacked(self.norms, "weight"),
            "norm_bias": stacked(self.norms, "bias"),
            "output_embedding": self.output_embedding.weight.detach().numpy(),
            "output_bias": self.output_bias.weight.detach().numpy()[:, 0],
        }


def ranked_forms(lm: LanguageModel) -> tuple[np.ndarray, np.ndarray]:
    """Per language-model id, the forms ranked against it (its letters' most
    frequent forms, −1 padded) and its own column among them (−1: not trained)."""
    forms = np.full((len(lm.vocab), MAX_FORMS), -1, dtype=np.int64)
    column = np.full(len(lm.vocab), -1, dtype=np.int64)
    for ids in lm.by_fold.values():
        ids = ids[:MAX_FORMS]
        if len(ids) > 1:
            forms[ids, : len(ids)] = ids
            column[ids] = np.arange(len(ids))
    return forms, column


def train_context_model(
    lm: LanguageModel, admin_texts: list[str], wiki_texts: Iterable[str], *, wiki_total: int, steps: int, width: int
) -> tuple[ContextModel, dict]:
    """The trained context model and its statistics for the manifest."""
    torch.manual_seed(SEED)
    torch.set_num_threads(min(THREADS, int(os.environ.get("OMP_THREAD_LIMIT") or THREADS)))
    folds = sorted({fold_key(form) for form in lm.vocab})
    fold_ids = {fold: number + RESERVED_INPUTS for number, fold in enumerate(folds)}
    admin = token_stream(admin_texts, fold_ids, lm, description="encoding admin documents", total=len(admin_texts))
    wiki = token_stream(wiki_texts, fold_ids, lm, description="encoding Wikipedia", total=wiki_total)
    streams = [stream for stream in (admin, wiki) if len(stream.folds) > WINDOW]
    network = ContextNetwork(len(folds) + RESERVED_INPUTS, len(lm.vocab), width=width, dilations=DILATIONS, dropout=DROPOUT)
    forms, column = (torch.from_numpy(a) for a in ranked_forms(lm))
    generator = torch.Generator().manual_seed(SEED)
    optimiser = torch.optim.Adam(network.parameters(), lr=PEAK_LEARNING_RATE)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=PEAK_LEARNING_RATE, total_steps=steps, pct_start=0.05)
    network.train()
    running = 0.0
    with progress_bar(steps, "training the context model", "steps") as advance:
        for step in range(steps):
            admin_windows = int(torch.rand(BATCH, generator=generator).lt(ADMIN_SHARE).sum()) if len(streams) == 2 else BATCH
            counts = (admin_windows, BATCH - admin_windows)
            parts = [stream.sample(count, generator) for stream, count in zip(streams, counts) if count]
            folds_in, cases, boundaries, targets, topic = (torch.cat([part[k] for part in parts]) for k in range(5))
            hidden = network.hidden(folds_in, cases, boundaries, topic)
            safe = targets.clamp(min=0)
            trained = (targets >= 0) & (column[safe] >= 0)
            loss = functional.cross_entropy(network.logits(hidden[trained], forms[safe[trained]]), column[safe[trained]])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            running = loss.item() if step == 0 else 0.98 * running + 0.02 * loss.item()
            if step % 500 == 0 or step == steps - 1:
                log.info("context model step %d: loss %.4f", step, running)
            advance(1)
    network.eval()
    stats = {
        "context_admin_tokens": len(admin.folds),
        "context_wiki_tokens": len(wiki.folds),
        "context_parameters": sum(p.numel() for p in network.parameters()),
        "context_steps": steps,
        "context_final_loss": round(running, 4),
    }
    return ContextModel(folds, DILATIONS, network.export()), stats
