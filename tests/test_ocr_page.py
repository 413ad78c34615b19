"""One real degraded page through the OCR steps."""

import pickle

import pytest

from ccn_docs.inputs import page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.scoring import syllable_accuracy
from tests.ocr_fixtures import FOOTNOTE, HEADER, SKEW, directive_page, directive_spec, save_png


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    path = save_png(directive_page(150), tmp_path_factory.mktemp("page") / "directive.png", dpi=150)
    [job] = page_jobs(path)
    return job


@pytest.fixture(scope="module")
def page(job):
    return ocr_page(job)


def test_reads_the_degraded_page(page):
    assert syllable_accuracy(page.text, directive_spec(150).reference_text) >= 0.95
    assert page.skew_degrees == pytest.approx(SKEW, abs=0.15)
    assert (page.number, page.dpi) == (1, 150)


def test_header_columns_first_and_apart(page):
    header = [line for line in page.lines if line.kind == "header"]
    assert [line.column for line in header] == [0] * len(HEADER[0]) + [1] * len(HEADER[1])
    assert syllable_accuracy(" ".join(l.text for l in header), " ".join(HEADER[0] + HEADER[1])) >= 0.9
    assert page.lines[: len(header)] == header


def test_footnote_marked_and_last(page):
    kinds = [line.kind for line in page.lines]
    assert set(kinds[kinds.index("footnote") :]) == {"footnote"}
    notes = " ".join(line.text for line in page.lines if line.kind == "footnote")
    assert syllable_accuracy(notes, FOOTNOTE) >= 0.9


def test_words_keep_boxes_confidences_and_choices(page):
    words = [w for line in page.lines for w in line.words]
    assert all(0 <= w.confidence <= 100 and w.bbox[2] > w.bbox[0] for w in words)
    assert all(len(w.choices) == len(w.text) for w in words)
    assert sum(len(a) > 1 for w in words for a in w.choices) > len(words)


def test_page_is_picklable_for_workers(page, job):
    assert pickle.loads(pickle.dumps(page)) == page
    assert pickle.loads(pickle.dumps(job)) == job


def test_page_steps_given_by_the_caller_run_after_layout(job, page):
    seen = []

    def restore_page(given):
        seen.append(given.text)
        return given

    assert ocr_page(job, after=(restore_page,)).text == page.text
    assert seen == [page.text]
