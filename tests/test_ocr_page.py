"""One real degraded page through the OCR steps."""

import copy
import pickle
import sys

import numpy as np
import pytest
from PIL import Image, ImageFilter

from ccn_docs import synth
from ccn_docs._exec import tesseract
from ccn_docs.inputs import page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.page import (
    MONOSPACED_SPREAD, SCRIPT_MODEL, UNIFORM_BLOCK, UNSURE_FAINT_PAGE_CONFIDENCE, UNSURE_PAGE_CONFIDENCE, PageState, Settings, clean,
    keep_numbers, load, mean_confidence, pitch_spread, read_layout, recognise, reread_body, reread_faint, reread_monospaced,
)
from ccn_docs.scoring import syllable_accuracy
from ccn_docs.types import Line, Page, Word
from tests.ocr_fixtures import BODY, FOOTNOTE, HEADER, SKEW, directive_page, directive_spec, phone_photo, save_png


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


def test_reads_a_phone_photo_taken_from_afar(tmp_path):
    """At 70 dpi the dot of "ạ" or "ộ" is a blob of two pixels, the size of a speck."""
    path, reference = phone_photo(tmp_path / "far.jpg", capture_dpi=70)
    [far] = page_jobs(path)
    assert syllable_accuracy(ocr_page(far).text, reference) >= 0.94


@pytest.fixture(scope="module")
def fax_state(tmp_path_factory):
    """The degraded page thresholded to black and white, as a fax sends it, read up to layout."""
    fax = directive_page(150).convert("L").point(lambda value: 0 if value < 128 else 255)
    [fax_job] = page_jobs(save_png(fax, tmp_path_factory.mktemp("fax") / "fax.png", dpi=150))
    state = PageState(job=fax_job, settings=Settings())
    for step in (load, clean, recognise, read_layout):
        state = step(state)
    return state


@pytest.fixture(scope="module")
def dim_photo_state(tmp_path_factory):
    """The page as a dim, blurred photo (ink no darker than mid grey, grey paper), read up to layout."""
    blurred = np.asarray(directive_page(150).convert("L").filter(ImageFilter.GaussianBlur(1.2)), np.float32)
    dim = Image.fromarray((140 + blurred * (215 - 140) / 255).astype(np.uint8))
    [dim_job] = page_jobs(save_png(dim, tmp_path_factory.mktemp("dim") / "dim.png", dpi=150))
    state = PageState(job=dim_job, settings=Settings())
    for step in (load, clean, recognise, read_layout):
        state = step(state)
    return state


@pytest.fixture
def tesseract_calls(monkeypatch):
    calls = []
    read = tesseract.image_to_hocr

    def recording(image, **options):
        calls.append((image.height, options.get("psm")))
        return read(image, **options)

    monkeypatch.setattr(tesseract, "image_to_hocr", recording)
    return calls


def _unsure(state: PageState) -> PageState:
    unsure = copy.deepcopy(state)
    for word in (word for line in unsure.page.lines for word in line.words):
        word.confidence = 50.0
    return unsure


def test_an_unsure_bitonal_page_has_its_body_read_again_as_one_block(fax_state, tesseract_calls):
    assert fax_state.bitonal and mean_confidence(fax_state.page) >= UNSURE_PAGE_CONFIDENCE
    header = [line.text for line in fax_state.page.lines if line.kind == "header"]
    top = max(line.bbox[3] for line in fax_state.page.lines if line.kind == "header")
    page = reread_body(_unsure(fax_state)).page
    assert tesseract_calls == [(fax_state.page.height - top, UNIFORM_BLOCK)]
    assert [line.text for line in page.lines if line.kind == "header"] == header
    body = [line for line in page.lines if line.kind != "header"]
    assert all(line.bbox[1] >= top for line in body)
    assert max(word.confidence for line in body for word in line.words) > 50
    assert syllable_accuracy(" ".join(line.text for line in body), " ".join(BODY + [FOOTNOTE])) >= 0.9


def test_a_sure_or_grey_page_keeps_its_first_reading(fax_state, tesseract_calls):
    sure = copy.deepcopy(fax_state)
    grey = _unsure(fax_state)
    grey.bitonal = False
    for state in (sure, grey):
        lines = copy.deepcopy(state.page.lines)
        assert reread_body(state).page.lines == lines
    assert tesseract_calls == []


def test_an_unsure_page_with_faint_ink_is_read_again_and_the_surer_reading_kept(dim_photo_state, tesseract_calls):
    assert dim_photo_state.faint and not dim_photo_state.bitonal
    unsure = _unsure(dim_photo_state)
    kept = reread_faint(unsure)
    assert len(tesseract_calls) == 1
    assert kept is not unsure and mean_confidence(kept.page) > 50
    assert syllable_accuracy(kept.page.text, directive_spec(150).reference_text) >= 0.9


def test_a_sure_page_or_one_with_black_ink_keeps_its_first_reading(dim_photo_state, fax_state, tesseract_calls):
    sure = copy.deepcopy(dim_photo_state)
    for word in (word for line in sure.page.lines for word in line.words):
        word.confidence = UNSURE_FAINT_PAGE_CONFIDENCE
    black = _unsure(fax_state)
    assert not black.faint
    for state in (sure, black):
        assert reread_faint(state) is state
    assert tesseract_calls == []


def _set_in(family: str) -> Page:
    """The body's words laid out in ``family`` at 150 dpi, each word's box as wide as its ink."""
    face = synth.Typesetting(family=family).face(13, 150)
    lines = []
    for row, text in enumerate(BODY):
        words, x = [], 100
        for part in text.split():
            left, _, right, _ = face.getbbox(part)
            words.append(Word(part, (x + left, 100 + 40 * row, x + right, 130 + 40 * row), 90.0))
            x += round(face.getlength(part + " "))
        lines.append(Line(words=words, bbox=(100, 100 + 40 * row, x, 130 + 40 * row)))
    return Page(source="p.png", number=1, width=1240, height=1754, dpi=150, lines=lines)


def test_word_widths_tell_a_monospaced_face_from_a_proportional_one():
    for family in ("Liberation Mono", "FreeMono"):
        assert pitch_spread(_set_in(family)) < MONOSPACED_SPREAD / 2, family
    for family in ("Liberation Serif", "Liberation Sans", "DejaVu Serif"):
        assert pitch_spread(_set_in(family)) > MONOSPACED_SPREAD, family
    few = _set_in("Liberation Mono")
    few.lines = few.lines[:1]
    assert pitch_spread(few) is None


def test_a_page_repeating_a_few_words_is_not_taken_for_a_monospaced_one(monkeypatch):
    """A list of citations ("Căn cứ văn bản số … ngày … và … của cơ quan.") repeats the same few
    words, whose widths fit any pitch: they are counted once each."""
    monkeypatch.setattr(sys.modules[__name__], "BODY", ["Căn cứ văn bản số 87/2024/TT-BTTTT ngày 15/3/2024 và của cơ quan."] * 40)
    assert pitch_spread(_set_in("Liberation Serif")) is None


@pytest.fixture
def tesseract_models(monkeypatch):
    models = []
    read = tesseract.image_to_hocr

    def recording(image, **options):
        models.append(options["lang"])
        return read(image, **options)

    monkeypatch.setattr(tesseract, "image_to_hocr", recording)
    return models


def _typewritten_state(folder) -> PageState:
    style = synth.Typesetting(family="Liberation Mono", header_family="Liberation Mono")
    spec = synth.paginate(BODY, 150, first_page_header=HEADER, style=style)[0]
    image = synth.degrade(synth.render(spec, 150, style), synth.Degradation.archive(7), 7)
    [typed_job] = page_jobs(save_png(image, folder / "typed.png", dpi=150))
    state = PageState(job=typed_job, settings=Settings())
    for step in (load, clean, recognise, read_layout):
        state = step(state)
    return state


@pytest.mark.skipif(SCRIPT_MODEL not in tesseract.languages(), reason="Tesseract's Vietnamese script model is not installed")
def test_a_monospaced_page_is_read_again_with_the_script_model(tmp_path, page, job, tesseract_models):
    typed = _typewritten_state(tmp_path)
    tesseract_models.clear()
    reread = reread_monospaced(typed)
    assert tesseract_models == [f"vie+{SCRIPT_MODEL}"] and reread.settings.lang == f"vie+{SCRIPT_MODEL}"
    assert syllable_accuracy(reread.page.text, " ".join(HEADER[0] + HEADER[1] + BODY)) >= 0.9
    proportional = PageState(job=job, settings=Settings(), page=copy.deepcopy(page))
    assert reread_monospaced(proportional) is proportional and proportional.settings.lang == "vie"
    assert tesseract_models == [f"vie+{SCRIPT_MODEL}"]


def test_numbers_keep_the_first_reading_where_it_read_a_number_too():
    def page(*words: tuple[str, tuple[int, int, int, int]]) -> Page:
        line = Line(words=[Word(text, box, 90.0) for text, box in words], bbox=(100, 100, 900, 130))
        return Page(source="p.png", number=1, width=1240, height=1754, dpi=150, lines=[line])

    first = page(("ngày", (100, 100, 160, 130)), ("2025", (170, 100, 230, 130)), ("Số", (300, 100, 330, 130)), ("lo", (400, 100, 430, 130)))
    second = page(("ngày", (101, 100, 161, 130)), ("2925", (171, 100, 231, 130)), ("S5", (300, 100, 330, 130)), ("1o", (401, 100, 431, 130)), ("7", (700, 100, 715, 130)))
    keep_numbers(second, first)
    assert [word.text for word in second.lines[0].words] == ["ngày", "2025", "S5", "1o", "7"]
