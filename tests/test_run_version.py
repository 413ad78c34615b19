"""The processing version: model files, package version and the code that reads inputs."""

import shutil

import pytest

from ccn_docs.modeldata import MODEL_VERSION
from ccn_docs.run import version
from ccn_docs.run.version import processing_version

from .model_folders import make_models


def test_processing_version_covers_every_model_file(tmp_path):
    first = make_models(tmp_path / "a", "model A")
    second = make_models(tmp_path / "b", "model A")
    assert processing_version(first) == processing_version(second)
    assert processing_version(first).startswith(f"{MODEL_VERSION}+")
    third = make_models(tmp_path / "c", "model B")
    assert processing_version(third) != processing_version(first)


@pytest.mark.parametrize("module", ["extract/tasks.py", "admin_levels.py", "store/agencies.py"])
def test_processing_version_covers_the_code_of_tasks_and_their_agency_keys(tmp_path, monkeypatch, module):
    models = make_models(tmp_path / "models", "model A")
    package = tmp_path / "ccn_docs"
    shutil.copytree(version.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "PACKAGE", package)
    version._processing_version.cache_clear()
    before = processing_version(models)
    rules = package / module
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# another rule\n", encoding="utf-8")
    version._processing_version.cache_clear()  # as in a new process
    assert processing_version(models) != before
    version._processing_version.cache_clear()
