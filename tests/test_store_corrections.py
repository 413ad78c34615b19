"""Corrections: typed values read and checked, applied to a task, listed with their history."""

from __future__ import annotations

import pytest

from ccn_docs.errors import CorrectionError, TaskNotFound
from ccn_docs.store import Loader, connect
from ccn_docs.store.corrections import apply, current, history, listing, parse_value, reference, value_of
from ccn_docs.types import LegalRef, Task

from .directives import ND32, industry_directive, record


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        ("agency", "Sở Xây dựng", ["Sở Xây dựng"]),
        ("agency", " Sở Y tế ;  UBND  các huyện ", ["Sở Y tế", "UBND các huyện"]),
        ("co_agencies", ["Sở Tài chính"], ["Sở Tài chính"]),
        ("co_agencies", "", []),
        ("task", "  Rà soát   quỹ đất ", "Rà soát quỹ đất"),
        ("deadline", "trước ngày 30/6/2025", "trước ngày 30/6/2025"),
        ("deadline", "", None),
        ("due_date", "2025-06-30", "2025-06-30"),
        ("due_date", None, None),
        ("rrule", "rrule:freq=monthly;bymonthday=15", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("status", "done", "done"),
        ("legal_refs", "Nghị định 32/2024/NĐ-CP; Luật Đất đai", ["Nghị định 32/2024/NĐ-CP", "Luật Đất đai"]),
    ],
)
def test_values_as_typed_or_as_json(field, raw, value):
    assert parse_value(field, raw) == value


@pytest.mark.parametrize(
    ("field", "raw", "vietnamese"),
    [
        ("source", "x", "Không sửa được trường 'source'"),
        ("task", "  ", "Nội dung nhiệm vụ"),
        ("due_date", "30/6/2025", "YYYY-MM-DD"),
        ("rrule", "every month", "RFC 5545"),
        ("status", "finished", "open, done, not-applicable"),
        ("agency", 5, "danh sách"),
        ("agency", [1, 2], "danh sách"),
        ("deadline", ["a"], "văn bản"),
    ],
)
def test_bad_values_say_what_is_expected_in_both_languages(field, raw, vietnamese):
    with pytest.raises(CorrectionError) as error:
        parse_value(field, raw)
    assert error.value.exit_code == 10
    assert vietnamese in error.value.vietnamese
    assert field in str(error.value)


def test_apply_keeps_the_extracted_values_apart():
    task = Task(id="1", agency="Sở Tư pháp", task="Thẩm định", legal_refs=[ND32], deadline="trước ngày 30/6")
    fixed, status, extracted = apply(task, {"agency": ["Sở Xây dựng", "Sở Y tế"], "legal_refs": ["32/2024/NĐ-CP", "Luật Đất đai"], "status": "done"})
    assert fixed.agency == ["Sở Xây dựng", "Sở Y tế"] and fixed.deadline == "trước ngày 30/6"
    assert fixed.legal_refs[0] is ND32  # the extracted reference it names, with its details
    assert fixed.legal_refs[1] == LegalRef(text="Luật Đất đai", type="Luật")
    assert status == "done"
    assert extracted == {"agency": "Sở Tư pháp", "legal_refs": [ND32.to_dict()]}
    assert apply(task, {"status": "done"}) == (task, "done", None)
    assert value_of(fixed, "agency") == ["Sở Xây dựng", "Sở Y tế"] and value_of(task, "status") == "open"


def test_a_typed_reference_is_read_for_its_number():
    ref = reference("Quyết định số 1234/2025/QĐ-UBND", [])
    assert (ref.type, ref.number, ref.year, ref.issuer_code) == ("Quyết định", "1234/2025/QĐ-UBND", 2025, "QĐ-UBND")
    assert reference("Chỉ thị 31-CT/TU", []).number == "31-CT/TU"


def test_history_current_values_and_orphans(tmp_path):
    db = connect(tmp_path / "ccn.db")
    Loader(db).load([record(industry_directive(), tmp_path)])
    uid = db.execute("SELECT uid FROM tasks WHERE task_id = '2'").fetchone()[0]
    loader = Loader(db)
    assert loader.correct(uid, {"agency": "Sở Xây dựng"}, "Lan") == {"agency": (["Sở Tư pháp"], ["Sở Xây dựng"])}
    assert loader.correct(uid, {"agency": "Sở Y tế", "status": "done"}, "Minh") == {
        "agency": (["Sở Xây dựng"], ["Sở Y tế"]), "status": ("open", "done")}
    assert loader.correct(uid, {"agency": "Sở Y tế"}, "Minh") == {}  # no change, nothing recorded
    assert current(db) == {uid: {"agency": ["Sở Y tế"], "status": "done"}}
    assert [(c.field, c.old, c.new, c.author) for c in history(db, uid)] == [
        ("agency", ["Sở Tư pháp"], ["Sở Xây dựng"], "Lan"), ("agency", ["Sở Xây dựng"], ["Sở Y tế"], "Minh"),
        ("status", "open", "done", "Minh")]
    assert listing(db, orphaned=True) == []
    # The document is read differently: its tasks get other ids, the corrections stay.
    changed = industry_directive()
    for task in changed.tasks:
        task.id = "new-" + task.id
    Loader(db).load([record(changed, tmp_path)])
    assert {c.uid for c in listing(db, orphaned=True)} == {uid}
    assert all(c.orphaned and c.task == "Thẩm định văn bản quy phạm pháp luật về đất đai" for c in listing(db))


def test_unknown_task_and_bad_value_change_nothing(tmp_path):
    db = connect(tmp_path / "ccn.db")
    Loader(db).load([record(industry_directive(), tmp_path)])
    with pytest.raises(TaskNotFound):
        Loader(db).correct("000000000000-9", {"status": "done"}, "Lan")
    uid = db.execute("SELECT uid FROM tasks WHERE task_id = '1'").fetchone()[0]
    with pytest.raises(CorrectionError):
        Loader(db).correct(uid, {"status": "done", "due_date": "soon"}, "Lan")
    assert db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
    assert db.execute("SELECT status FROM tasks WHERE uid = ?", [uid]).fetchone()[0] is None
