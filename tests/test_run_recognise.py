"""A batch recognises what it can and reports every bad input by name."""

import json
import threading
import time
from pathlib import Path

import pytest

from ccn_docs.errors import InputError, OcrError
from ccn_docs.inputs import PageJob
from ccn_docs.ocr import Settings
from ccn_docs.run.local import LocalScheduler
from ccn_docs.run.recognise import ocr_paths
from ccn_docs.run.work import DocumentWork
from ccn_docs.types import Page
from ccn_docs.textio import write_text_atomically as write_atomic
from tests import ocr_fixtures as make


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    good = [
        make.save_png(make.text_strip("Ủy ban nhân dân tỉnh"), folder / "a.png"),
        make.pdf_of([make.text_strip("Trang một"), make.text_strip("Trang hai")], folder / "b.pdf"),
    ]
    bad = [
        make.corrupt_pdf(folder / "corrupt.pdf"),
        make.encrypted_pdf(folder / "encrypted.pdf"),
        make.zero_page_pdf(folder / "empty.pdf"),
        make.non_image(folder / "notes.jpg"),
        make.decompression_bomb(folder / "bomb.png"),
    ]
    return good, bad


@pytest.mark.parametrize("jobs", [1, 2])
def test_good_inputs_survive_bad_ones(inputs, jobs):
    good, bad = inputs
    batch = ocr_paths(bad[:2] + good + bad[2:], jobs=jobs, progress=False, dpi=150)
    assert [d.source for d in batch.documents] == [str(p) for p in good]
    assert [len(d.pages) for d in batch.documents] == [1, 2]
    assert batch.failed_sources == [str(p) for p in bad]
    assert all(f.message.startswith(f.source) and f.exit_code == InputError.exit_code for f in batch.failures)
    assert batch.text().split("\f") == ["Ủy ban nhân dân tỉnh", "Trang một", "Trang hai\n"]


def test_tesseract_timeout_is_a_page_failure(inputs):
    good, _ = inputs
    batch = ocr_paths(good, jobs=1, progress=False, dpi=150, settings=Settings(timeout=0.001))
    assert batch.documents == []
    assert [(f.source, f.page) for f in batch.failures] == [(str(good[0]), 1), (str(good[1]), 1), (str(good[1]), 2)]
    assert all("timed out" in f.message and f.exit_code == OcrError.exit_code for f in batch.failures)


def test_json_keeps_structure(inputs):
    good, bad = inputs
    data = json.loads(ocr_paths([good[0], bad[3]], jobs=1, progress=False).to_json())
    [document] = data["documents"]
    word = document["pages"][0]["lines"][0]["words"][0]
    assert word["text"] == "Ủy" and word["choices"][0][0][0] == "Ủ"
    assert data["failures"][0]["source"] == str(bad[3])


def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "out" / "result.txt"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["result.txt"]


def _blank_page(job: PageJob) -> Page:
    """A worker's page function (module level: it travels to the worker)."""
    time.sleep(0.2)
    return Page(job.source, job.page, 10, 10, job.dpi)


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_in_this_thread_before_any_result_is_awaited(jobs):
    work = DocumentWork(Path("x.pdf"), [PageJob("x.pdf", n, 150) for n in (1, 2, 3)], _blank_page)
    seen: list[int] = []
    calls: list[tuple[bool, int]] = []

    def meanwhile() -> None:
        calls.append((threading.current_thread() is threading.main_thread(), len(seen)))

    with LocalScheduler(jobs) as scheduler:
        [outcome] = scheduler.map_documents([work], on_pages=seen.append, meanwhile=meanwhile)
    assert [page.number for page in outcome.pages] == [1, 2, 3]
    # Called before any page was collected (with one job the pages run as they are handed out).
    assert calls == [(True, 0)]
