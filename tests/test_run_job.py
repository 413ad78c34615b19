"""The main job: inputs → OCR → restoration → extraction → JSON + task table.

Runs the real stages (Tesseract included) on small inputs generated here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ccn_docs.errors import DatabaseError
from ccn_docs.modeldata import models_dir
from ccn_docs.run import version
from ccn_docs.run.job import run_inputs
from ccn_docs.store import connect, run_lock
from ccn_docs.synth import Degradation, degrade, paginate, render

from .directives import BODY, HEADER, directive_text


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cong-van-118.txt").write_text(directive_text(), encoding="utf-8")
    (folder / "cong-van-119.txt").write_text(directive_text("119/UBND-KT"), encoding="utf-8")
    return folder


def loaded(db_path: Path) -> dict:
    db = connect(db_path, create=False)
    return {
        "documents": db["documents"].count,
        "tasks": db["tasks"].count,
        "fts": db.execute("select count(*) from tasks_fts").fetchone()[0],
        "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
    }


def test_text_inputs_are_loaded_with_their_json(inputs, tmp_path):
    db_path = tmp_path / "out" / "ccn.db"
    summary = run_inputs([inputs], db=db_path, jobs=1, progress=False)
    assert summary.documents == 2 and not summary.failures, summary.lines()
    assert summary.tasks >= 2
    state = loaded(db_path)
    assert state["documents"] == 2 and state["tasks"] == summary.tasks == state["fts"]
    output = json.loads((tmp_path / "out" / "cong-van-118.json").read_text(encoding="utf-8"))
    assert set(output) >= {"document", "tasks", "input"}
    assert output["input"]["sha256"] and output["input"]["model_version"]
    db = connect(db_path, create=False)
    uids = {row["uid"] for row in db["tasks"].rows}
    assert {f"{output['input']['document_id']}-{task['id']}" for task in output["tasks"]} <= uids
    assert not list((tmp_path / "out").glob(".*.tmp"))  # atomic writes left no temporaries


def test_rerun_skips_unchanged_and_replaces_changed(inputs, tmp_path):
    db_path = tmp_path / "ccn.db"
    run_inputs([inputs], db=db_path, jobs=1, progress=False)
    uids_before = {row["uid"] for row in connect(db_path)["tasks"].rows}
    again = run_inputs([inputs], db=db_path, jobs=1, progress=False)
    assert (again.documents, again.skipped, again.tasks) == (0, 2, 0)
    assert {row["uid"] for row in connect(db_path)["tasks"].rows} == uids_before  # stable ids
    changed = inputs / "cong-van-119.txt"
    changed.write_text(directive_text("119/UBND-KT", "3. Sở Y tế chủ trì kiểm tra an toàn thực phẩm tại các cụm công nghiệp."), encoding="utf-8")
    third = run_inputs([inputs], db=db_path, jobs=1, progress=False)
    assert (third.documents, third.skipped) == (1, 1)
    db = connect(db_path)
    doc = db.execute("select id, task_count from documents where path = ?", [str(changed.resolve())]).fetchone()
    assert db.execute("select count(*) from tasks where document_id = ?", [doc[0]]).fetchone()[0] == doc[1] == third.tasks
    assert loaded(db_path)["integrity"] == "ok"


def test_a_changed_pattern_file_reprocesses_every_input(inputs, tmp_path, monkeypatch):
    models = tmp_path / "models"
    models.mkdir()
    for path in models_dir().iterdir():
        if path.is_file():
            (models / path.name).symlink_to(path)
    shutil.copytree(models_dir() / "patterns", models / "patterns")
    monkeypatch.setenv("CCN_MODELS", str(models))
    db_path = tmp_path / "ccn.db"
    run_inputs([inputs], db=db_path, jobs=1, progress=False)
    assert run_inputs([inputs], db=db_path, jobs=1, progress=False).skipped == 2
    agencies = models / "patterns" / "agencies.jsonl"
    new_agency = '{"canonical": "Sở Văn hóa và Thể thao", "kind": "department", "aliases": ["SVHTT"], "scoped": false}\n'
    agencies.write_text(agencies.read_text(encoding="utf-8") + new_agency, encoding="utf-8")
    version._processing_version.cache_clear()  # as a new 'ccn run' process computes it
    again = run_inputs([inputs], db=db_path, jobs=1, progress=False)
    assert (again.documents, again.skipped) == (2, 0)
    versions = {row[0] for row in connect(db_path).execute("select model_version from documents")}
    assert versions == {version.processing_version(models)}


def test_bad_inputs_are_failures_and_the_batch_goes_on(inputs, tmp_path):
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    summary = run_inputs([inputs, tmp_path / "missing.pdf"], db=tmp_path / "ccn.db", jobs=1, progress=False)
    failed = {Path(f.source).name: f.message for f in summary.failures}
    assert set(failed) == {"binary.txt", "broken.pdf", "missing.pdf"}
    assert all(name in error for name, error in failed.items())
    assert summary.documents == 2
    assert loaded(tmp_path / "ccn.db")["documents"] == 2


def test_interrupted_run_keeps_finished_documents_and_resumes(inputs, tmp_path):
    db_path = tmp_path / "ccn.db"
    calls = []

    def interrupt(path):
        calls.append(path)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_inputs([inputs], db=db_path, jobs=1, progress=False, on_loaded=interrupt)
    assert len(calls) == 1
    state = loaded(db_path)
    assert state["documents"] == 1 and state["integrity"] == "ok" and state["tasks"] == state["fts"]
    resumed = run_inputs([inputs], db=db_path, jobs=1, progress=False)
    assert (resumed.documents, resumed.skipped) == (1, 1)
    assert loaded(db_path)["documents"] == 2


@pytest.mark.slow
def test_a_second_run_on_the_same_database_fails_clearly_or_waits(inputs, tmp_path):
    db_path = tmp_path / "ccn.db"
    command = [sys.executable, "-m", "ccn_docs", "run", str(inputs), "--db", str(db_path), "--jobs", "1"]
    with run_lock(db_path):  # another 'ccn run' holds the database
        busy = subprocess.run(command, capture_output=True, text=True, timeout=120, env=os.environ)
        assert busy.returncode == DatabaseError.exit_code
        assert "in use by another 'ccn run'" in busy.stderr and "Traceback" not in busy.stderr
        waiting = subprocess.Popen([*command, "--wait"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ)
        time.sleep(1.5)
        assert waiting.poll() is None  # blocked on the lock
    out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    assert "documents: 2 processed" in out
    assert loaded(db_path)["integrity"] == "ok"


def test_a_scan_is_recognised_restored_extracted_and_reviewable(tmp_path):
    left, right = HEADER
    pages = paginate(BODY[:5], 150, first_page_header=(left.split("\n"), right.split("\n")))
    scan = tmp_path / "scan.png"
    degrade(render(pages[0], 150), Degradation.archive(7), 7).save(scan, dpi=(150, 150))
    summary = run_inputs([scan], db=tmp_path / "ccn.db", jobs=1, progress=False)
    assert summary.documents == 1 and summary.pages == 1 and not summary.failures, summary.lines()
    assert summary.ocr_seconds > 0 and summary.overhead is not None
    db = connect(tmp_path / "ccn.db")
    page = db.execute("select image, image_page, lines from pages").fetchone()
    assert page[0] == str(scan.resolve()) and page[1] == 1
    words = [word for line in json.loads(page[2]) for word in line]
    assert words and all(0 <= confidence <= 100 for _, confidence in words)
