"""``ccn model info`` and ``ccn model build`` errors (a real build is tested in test_restore_build)."""

import json
import shutil

from typer.testing import CliRunner

from ccn_docs.cli.app import app
from ccn_docs.modeldata import MODEL_VERSION, manifest, models_dir

runner = CliRunner()


def test_model_info_shows_version_size_and_load_time():
    result = runner.invoke(app, ["model", "info"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"version {MODEL_VERSION},")
    size = sum(p.stat().st_size for p in models_dir().rglob("*") if p.is_file()) / 1e6  # the arrays are in folders
    assert f"{size:.1f} MB on disk, loads in" in result.output
    assert "CC BY-SA 4.0" in result.output


def test_model_of_another_version_is_a_clear_error(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(models_dir(), folder)
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data["version"] = "0"
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    manifest.cache_clear()
    result = runner.invoke(app, ["model", "info", "--dir", str(folder)])
    assert result.exit_code == 6
    assert "version 0" in result.output and "ccn model build" in result.output


def test_corrupt_model_file_is_a_clear_error(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(models_dir(), folder)
    (folder / "restore-lm" / "bigram_next.npy").write_bytes(b"not a numpy file")
    result = runner.invoke(app, ["model", "info", "--dir", str(folder)])
    assert result.exit_code == 6
    assert "restore-lm" in result.output


def test_build_without_corpus_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["model", "build", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 3
    assert "nowhere" in result.output


def test_model_info_prints_the_processing_version():
    from ccn_docs.run.version import processing_version

    result = runner.invoke(app, ["model", "info"])
    assert result.exit_code == 0, result.output
    assert f"processing version {processing_version()} " in result.output
