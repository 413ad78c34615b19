import json

from typer.testing import CliRunner

from ccn_docs.cli.app import app

from .extract_fixtures import CONG_VAN

runner = CliRunner()


def test_eval_extract_prints_table_and_json(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "admin").mkdir(parents=True)
    (corpus / "admin" / "cv.txt").write_text(CONG_VAN, encoding="utf-8")
    gold = tmp_path / "cv.json"
    gold.write_text(json.dumps({"source_file": "admin/cv.txt", "tasks": [
        {"agency": "Sở Nội vụ", "task": "Giao Sở Nội vụ chủ trì hướng dẫn sắp xếp ban quản lý chợ.", "legal_refs": []},
    ]}, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["eval", "extract", str(gold), "--corpus", str(corpus), "--details"])
    assert result.exit_code == 0, result.output
    assert "| cv.json | 1/6 | 0.167 | 1.000 |" in result.stdout
    assert "extra:" in result.stdout
    result = runner.invoke(app, ["eval", "extract", str(gold), "--corpus", str(corpus), "--json"])
    assert json.loads(result.stdout)["total"]["task_recall"] == 1.0


def test_blind_slice_is_scored_per_genre_without_its_documents(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "admin").mkdir(parents=True)
    (corpus / "admin" / "cv.txt").write_text(CONG_VAN, encoding="utf-8")
    blind = tmp_path / "gold" / "blind"
    blind.mkdir(parents=True)
    (blind / "cv.json").write_text(json.dumps({"source_file": "admin/cv.txt", "document": {"type": "Công văn"}, "tasks": [
        {"agency": "Sở Nội vụ", "task": "Giao Sở Nội vụ chủ trì hướng dẫn sắp xếp ban quản lý chợ.", "legal_refs": []},
    ]}, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr("ccn_docs.extract.evaluate.GOLD", tmp_path / "gold")
    result = runner.invoke(app, ["eval", "extract", "--blind", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "| *Công văn* (1) | 1/6 |" in result.stdout and "**all**" in result.stdout
    assert "cv.json" not in result.stdout and "sắp xếp" not in result.stdout
    result = runner.invoke(app, ["eval", "extract", "--blind", "--details", "--corpus", str(corpus)])
    assert result.exit_code != 0


def test_eval_extract_missing_gold_fails_cleanly(tmp_path):
    result = runner.invoke(app, ["eval", "extract", str(tmp_path / "none.json")])
    assert result.exit_code == 3
    assert "none.json" in result.stderr


def test_eval_extract_scores_with_the_classifier_or_the_rules_alone(tmp_path, monkeypatch):
    import numpy as np

    from ccn_docs.extract.task_classifier import TaskClassifier, feature_names

    corpus = tmp_path / "corpus"
    (corpus / "admin").mkdir(parents=True)
    (corpus / "admin" / "cv.txt").write_text(CONG_VAN, encoding="utf-8")
    gold = tmp_path / "cv.json"
    gold.write_text(json.dumps({"source_file": "admin/cv.txt", "tasks": []}), encoding="utf-8")
    width = len(feature_names())
    adds_all = TaskClassifier([], np.zeros(width), np.ones(width), np.zeros(width), 0.0, 0.0, 0.0, default=False)
    monkeypatch.setattr("ccn_docs.extract.task_classifier.load", lambda: adds_all)

    def predicted(*options):
        result = runner.invoke(app, ["eval", "extract", str(gold), "--corpus", str(corpus), "--json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["total"]["predicted_tasks"]

    rules = predicted("--rules-only")
    assert predicted() == rules < predicted("--classifier")
