import json

import pytest

from ccn_docs.errors import ModelError
from ccn_docs.modeldata import MODEL_VERSION, manifest, model_file


def test_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="missing"):
        model_file("lm.bin", tmp_path)


def test_manifest_of_another_version_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"version": "0-old"}))
    with pytest.raises(ModelError, match=f"expects {MODEL_VERSION}"):
        manifest(tmp_path)


def test_manifest_of_this_version_loads(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"version": MODEL_VERSION, "counts": {"x": 1}}))
    assert manifest(tmp_path)["counts"] == {"x": 1}


def test_missing_model_folder_names_ccn_models(tmp_path, monkeypatch):
    monkeypatch.setenv("CCN_MODELS", str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="CCN_MODELS") as caught:
        model_file("manifest.json")
    assert str(tmp_path / "nowhere") in str(caught.value)
