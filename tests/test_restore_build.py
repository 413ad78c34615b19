"""``build``: a tiny but real model build (corpus files, Tesseract, manifest),
reproducible and usable."""

import json
import lzma
import shutil

import pytest

from ccn_docs.errors import InputError
from ccn_docs.modeldata import MODEL_VERSION
from ccn_docs.restore import Restorer
from ccn_docs.restore.build import BuildOptions, build
from ccn_docs.restore.corpus import DEV_SPLIT, dev_names, train_documents

from .shared_corpus import SHARED, needs_shared_corpus

pytestmark = [pytest.mark.slow, needs_shared_corpus]
OPTIONS = BuildOptions(wiki_articles=20, channel_pages=2, context_steps=8, context_width=16)


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "admin").mkdir()
    for path in train_documents(SHARED)[:4]:
        shutil.copy(path, corpus / "admin" / path.name)
    held_out = sorted(dev_names(DEV_SPLIT))[0]
    shutil.copy(SHARED / "admin" / held_out, corpus / "admin" / held_out)
    with lzma.open(SHARED / "wiki-vi.txt.xz", "rt", encoding="utf-8") as stream:
        head = "".join(line for _, line in zip(range(400), stream))
    with lzma.open(corpus / "wiki-vi.txt.xz", "wt", encoding="utf-8") as stream:
        stream.write(head)
    return corpus, held_out


@pytest.fixture(scope="module")
def built(tiny_corpus, tmp_path_factory):
    corpus, _ = tiny_corpus
    out = tmp_path_factory.mktemp("models")
    cache = tmp_path_factory.mktemp("ocr")
    manifest = build(corpus, out, OPTIONS, cache_dir=cache)
    return out, cache, manifest


def test_manifest_records_version_sources_counts_attribution(built):
    out, _, manifest = built
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert manifest["version"] == MODEL_VERSION
    assert "CC BY-SA 4.0" in manifest["attribution"]
    assert manifest["counts"]["admin_documents"] == 4  # the dev document is left out
    assert manifest["counts"]["channel_pages"] == 2
    assert manifest["counts"]["trigrams"] > 0
    assert manifest["counts"]["context_steps"] == OPTIONS.context_steps == 8
    assert manifest["counts"]["context_admin_tokens"] > 0


def test_dev_documents_are_never_trained_on(tiny_corpus):
    corpus, held_out = tiny_corpus
    assert held_out not in [p.name for p in train_documents(corpus)]


def test_build_is_reproducible(built, tiny_corpus, tmp_path):
    out, cache, _ = built
    corpus, _ = tiny_corpus
    build(corpus, tmp_path, OPTIONS, cache_dir=cache)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert {"manifest.json", "restore-channel.json", "restore-lm/vocab.txt", "restore-context/folds.txt"} <= {str(f) for f in files}
    for name in files:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_built_model_restores(built):
    out, _, _ = built
    restorer = Restorer.load(out)
    assert restorer.restore_text("Uy ban nhan dan tinh") == "Ủy ban nhân dân tỉnh"


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="corpus folder"):
        build(tmp_path / "nowhere", tmp_path / "out", OPTIONS)
