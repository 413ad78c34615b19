"""Loading: schema, incremental replacement in one transaction, lock, faults."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from ccn_docs.errors import DatabaseError
from ccn_docs.store import LineView, Loader, PageView, ROLE_LEAD, SearchQuery, connect, document_id, run_lock, search_tasks, stored_state
from ccn_docs.store.agencies import agency_key, initialism
from ccn_docs.types import LegalRef

from .directives import ND32, content_hash, industry_directive, land_directive, record


def counts(db):
    return {name: db[name].count for name in ("documents", "tasks", "agencies", "task_agencies", "legal_refs", "task_legal_refs", "pages")}


def test_agency_key_folds_case_diacritics_and_abbreviations():
    assert agency_key("Sở Tài chính") == agency_key("SỞ TÀI CHÍNH") == agency_key("so tai chinh") == "so tai chinh"
    assert agency_key("Sở TN&MT") == agency_key("Sở Tài nguyên và Môi trường")
    assert agency_key("UBND tỉnh") == "uy ban nhan dan tinh"
    assert agency_key("Sở Đầu tư") == "so dau tu"  # đ folds to d
    assert initialism(agency_key("Sở Kế hoạch và Đầu tư")) == "skhdt"
    assert agency_key("UBND các tỉnh, thành phố trực thuộc Trung ương") == agency_key("Ủy ban nhân dân cấp tỉnh")
    assert agency_key("Ủy ban nhân dân xã, phường, thị trấn") == "uy ban nhan dan cap xa"


def test_load_creates_rows_indexes_and_fts(tmp_path):
    db = connect(tmp_path / "ccn.db")
    written = Loader(db).load([record(industry_directive(), tmp_path), record(land_directive(), tmp_path)])
    assert written == 5
    found = counts(db)
    assert found["documents"] == 2 and found["tasks"] == 5 and found["pages"] == 2
    # Sở Tài chính / Sở Tài Chính are one agency; its aliases keep both spellings.
    names = [row["name"] for row in db["agencies"].rows]
    assert len(names) == len(set(names))
    assert sum(1 for n in names if agency_key(n) == "so tai chinh") == 1
    roles = db.execute("select role, count(*) from task_agencies group by role order by role").fetchall()
    assert dict(roles) == {"chủ trì": 6, "phối hợp": 2}
    assert db["task_agencies"].count == 8
    indexed = {column for table in ("tasks", "documents", "task_agencies", "task_legal_refs") for index in db[table].indexes for column in index.columns}
    assert {"agency_id", "ref_id", "document_id", "document_date", "date"} <= indexed
    assert db["tasks"].detect_fts() == "tasks_fts"
    # đ → d in the folded column, which FTS5's remove_diacritics would not do.
    fts = "select count(*) from tasks_fts where tasks_fts match ?"
    assert db.execute(fts, ["task_folded : dat"]).fetchone()[0] == 2
    # The folded text is indexed (searches fold their words too), with the agencies' tokens.
    assert [column for _, column, *_ in db.execute("pragma table_info(tasks_fts)")] == ["task_folded", "agency_tokens"]
    finance = db.execute("select id from agencies where key = 'so tai chinh'").fetchone()[0]
    assert db.execute(fts, [f"task_folded : (von) AND agency_tokens : (al{finance})"]).fetchone()[0] == 2
    assert db.execute(fts, [f"agency_tokens : (as{finance})"]).fetchone()[0] == 0


def load_shortened(loader, directive, folder, text=None):
    """Load version v2 of the directive's input, which kept only its first task
    (with ``text`` instead of its own, if given)."""
    directive.tasks = directive.tasks[:1]
    if text:
        directive.tasks[0].task = text
    loader.load([record(directive, folder, version="v2")])
    return directive


def test_reloading_a_changed_document_replaces_its_rows(tmp_path):
    db = connect(tmp_path / "ccn.db")
    loader = Loader(db)
    loader.load([record(industry_directive(), tmp_path), record(land_directive(), tmp_path)])
    changed = load_shortened(loader, industry_directive(), tmp_path, text="Chủ trì bố trí vốn")
    doc = document_id(content_hash(changed, "v2"))
    assert [r["task"] for r in db["tasks"].rows_where("document_id = ?", [doc])] == ["Chủ trì bố trí vốn"]
    assert stored_state(db, tmp_path / "cong-van-2029.txt") == (content_hash(changed, "v2"), "1+test")
    assert db["tasks"].count == 3
    # Sở Tư pháp only had tasks in the old version: it is gone, with its aliases.
    assert not db.execute("select 1 from agencies where key = 'so tu phap'").fetchone()
    assert not db.execute("select 1 from agency_aliases where alias = 'so tu phap'").fetchone()
    # The FTS index followed the replacement (triggers).
    assert db.execute("select count(*) from tasks_fts where tasks_fts match 'giai'").fetchone()[0] == 0
    assert db.execute("select count(*) from tasks_fts").fetchone()[0] == 3
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_same_file_from_another_folder_keeps_its_ids(tmp_path):
    db = connect(tmp_path / "ccn.db")
    loader = Loader(db)
    loader.load([record(industry_directive(), tmp_path / "scans"), record(land_directive(), tmp_path / "scans")])
    uids = [row["uid"] for row in db["tasks"].rows_where(order_by="uid")]
    loader.load([record(industry_directive(), tmp_path / "moved")])
    assert [row["uid"] for row in db["tasks"].rows_where(order_by="uid")] == uids
    assert sum(uid.startswith(document_id(content_hash(industry_directive())) + "-") for uid in uids) == 3
    assert db["documents"].count == 2
    assert stored_state(db, tmp_path / "moved" / "cong-van-2029.txt") == (content_hash(industry_directive()), "1+test")
    assert stored_state(db, tmp_path / "scans" / "cong-van-2029.txt") is None
    assert db.execute("select count(*) from tasks_fts").fetchone()[0] == 5


def test_a_failed_replacement_leaves_the_old_document_whole(tmp_path):
    db = connect(tmp_path / "ccn.db")
    loader = Loader(db)
    loader.load([record(industry_directive(), tmp_path)])
    before = counts(db)
    broken = industry_directive()
    broken.tasks[1].task = None  # not a str: folding fails half-way through the document
    with pytest.raises(AttributeError):
        loader.load([record(broken, tmp_path, version="v2")])
    assert counts(db) == before
    assert stored_state(db, tmp_path / "cong-van-2029.txt") == (content_hash(broken), "1+test")
    loader.load([record(land_directive(), tmp_path)])  # the loader still works afterwards
    assert db["tasks"].count == 5


def test_a_reader_never_sees_half_a_document(tmp_path):
    db_path = tmp_path / "ccn.db"
    db = connect(db_path)
    loader = Loader(db)
    seen = set()
    stop = threading.Event()

    def read():
        reader = sqlite3.connect(db_path)
        while not stop.is_set():
            seen.add(reader.execute("select count(*) from tasks").fetchone()[0])

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for version in range(30):
            loader.load([record(industry_directive(), tmp_path, version=f"v{version}")])
    finally:
        stop.set()
        thread.join()
    assert seen <= {0, 3}


def test_second_writer_fails_clearly_or_waits(tmp_path):
    db_path = tmp_path / "ccn.db"
    with run_lock(db_path):
        with pytest.raises(DatabaseError, match="in use by another 'ccn run'"):
            with run_lock(db_path):
                pass
    released = threading.Event()

    def holder():
        with run_lock(db_path):
            released.wait(0.3)

    thread = threading.Thread(target=holder)
    thread.start()
    released.wait(0.05)
    with run_lock(db_path, wait=True):  # blocks until the holder is done, then succeeds
        pass
    thread.join()


def test_unwritable_database_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="not-a-folder"):
        connect(blocker / "ccn.db")
    with pytest.raises(DatabaseError, match="No such file|Read-only|denied|unable to open"):
        connect(__import__("pathlib").Path("/proc/ccn-test/ccn.db"))
    with pytest.raises(DatabaseError, match="no such database"):
        connect(tmp_path / "missing.db", create=False)
    (tmp_path / "notes.db").write_text("not sqlite at all " * 100)
    with pytest.raises(DatabaseError, match="not a database"):
        connect(tmp_path / "notes.db", create=False)
    sqlite3.connect(tmp_path / "other.db").execute("create table t (x)")
    with pytest.raises(DatabaseError, match="not a ccn task database"):
        connect(tmp_path / "other.db", create=False)
    sqlite3.connect(tmp_path / "old.db").execute("create table task_agencies (task_uid text, agency_id integer)")
    with pytest.raises(DatabaseError, match="older ccn"):
        connect(tmp_path / "old.db")


def test_disk_full_is_a_clear_error_and_keeps_what_was_loaded(tmp_path):
    db = connect(tmp_path / "ccn.db")
    loader = Loader(db)
    loader.load([record(land_directive(), tmp_path)])
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = industry_directive()
    for task in big.tasks:
        task.task = task.task + " " + "nội dung dài " * 3000
    with pytest.raises(DatabaseError, match="full"):
        loader.load([record(big, tmp_path)])
    assert db["tasks"].count == 2
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def search_ids(db):
    """What the searches answer, by task uid: agency, reference and full text."""
    from ccn_docs.store import SearchQuery, search_tasks

    queries = [SearchQuery(agency="so tai chinh"), SearchQuery(ref="32/2024"), SearchQuery(text="dat"), SearchQuery()]
    return [[row["uid"] for row in search_tasks(db, query)] for query in queries]


def test_bulk_load_builds_the_indexes_once_at_the_end(tmp_path):
    single = connect(tmp_path / "single.db")
    Loader(single).load([record(industry_directive(), tmp_path), record(land_directive(), tmp_path)])
    db = connect(tmp_path / "bulk.db")
    loader = Loader(db)
    def secondary_indexes():
        return {index.name for table in ("tasks", "task_agencies", "task_legal_refs") for index in db[table].indexes if not index.name.startswith("sqlite_")}

    indexes = secondary_indexes()
    assert len(indexes) == 8
    with loader.bulk():
        assert not secondary_indexes()  # dropped while loading
        loader.load([record(industry_directive(), tmp_path)], batch_size=1)
        loader.load([record(land_directive(), tmp_path)], batch_size=1)
    assert secondary_indexes() == indexes
    assert search_ids(db) == search_ids(single) and all(search_ids(db))
    # A database that holds tasks keeps its indexes during a bulk load.
    with loader.bulk():
        assert secondary_indexes() == indexes
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_batches_are_committed_one_by_one_and_a_failure_keeps_the_earlier_ones(tmp_path):
    db = connect(tmp_path / "ccn.db")
    loader = Loader(db)
    broken = land_directive()
    broken.tasks[0].task = None  # not a str: building the second batch fails
    with pytest.raises(AttributeError):
        loader.load([record(industry_directive(), tmp_path), record(broken, tmp_path)], batch_size=1)
    assert counts(db)["tasks"] == 3 and counts(db)["documents"] == 1
    assert loader.load([record(land_directive(), tmp_path)]) == 2
    assert db.execute("select count(*) from tasks_fts").fetchone()[0] == 5
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_vacuum_keeps_task_rows_links_and_full_text_index(tmp_path):
    db = connect(tmp_path / "ccn.db")
    loader = Loader(db)
    loader.load([record(land_directive(), tmp_path), record(industry_directive(), tmp_path)])
    load_shortened(loader, land_directive(), tmp_path)  # frees the first row numbers
    before = search_ids(db)
    db.execute("VACUUM")
    assert search_ids(db) == before and all(before[:3])
    assert db.execute("select count(*) from tasks t join task_agencies a on a.task_rowid = t.rowid").fetchone()[0] == db["task_agencies"].count


def test_a_database_of_another_schema_version_is_refused(tmp_path):
    connect(tmp_path / "ccn.db").execute("PRAGMA user_version = 1")
    for create in (True, False):
        with pytest.raises(DatabaseError, match="older ccn"):
            connect(tmp_path / "ccn.db", create=create)
    sqlite3.connect(tmp_path / "ccn.db").execute("PRAGMA user_version = 99")
    with pytest.raises(DatabaseError, match="newer ccn"):
        connect(tmp_path / "ccn.db", create=False)


def links(db):
    return set(db.execute(
        "select t.uid, a.name, l.role, l.document_date from task_agencies l join tasks t on t.rowid = l.task_rowid "
        "join agencies a on a.id = l.agency_id"
    ).fetchall())


def test_each_task_links_each_agency_once_and_a_new_loader_on_the_connection_too(tmp_path):
    land = land_directive()
    # The lead again (abbreviated), a repeated and a blank supporting agency.
    land.tasks[0].co_agencies = ["Sở TN&MT", "Sở Tư pháp", "Sở Tư pháp", " "]
    db = connect(tmp_path / "ccn.db")
    first = Loader(db)
    first.load([record(land, tmp_path)])
    uid = f"{document_id(content_hash(land))}-{land.tasks[0].id}"
    assert {link[1:3] for link in links(db) if link[0] == uid} == {
        ("Sở Tài nguyên và Môi trường", "chủ trì"), ("Sở Tư pháp", "phối hợp")}
    # A second loader on the same connection (a new run), which also replaces a document.
    second = Loader(db)
    second.load([record(industry_directive(), tmp_path)])
    load_shortened(second, industry_directive(), tmp_path)
    alone = connect(tmp_path / "alone.db")
    Loader(alone).load([record(land, tmp_path)])
    load_shortened(Loader(alone), industry_directive(), tmp_path)
    assert links(db) == links(alone) and len(links(db)) == 5


def test_an_older_schema_is_upgraded_in_place(tmp_path):
    db = connect(tmp_path / "ccn.db")
    Loader(db).load([record(land_directive(), tmp_path)])
    # The tables of schema 3: no due dates, corrections or agency tokens; task_folded alone indexed.
    db.execute("DROP TABLE tasks_fts")
    for index in ("idx_tasks_due_date", "idx_tasks_status", "idx_tasks_issuer"):
        db.execute(f"DROP INDEX {index}")
    for column in ("due_date", "rrule", "status", "edited", "extracted", "agency_tokens"):
        db.execute(f"ALTER TABLE tasks DROP COLUMN {column}")
    db.execute("DROP TABLE corrections")
    db.execute('CREATE VIRTUAL TABLE tasks_fts USING FTS5 (task_folded, content="tasks", columnsize=0)')
    db.execute("INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild')")
    db.execute("PRAGMA user_version = 3")
    db.conn.close()
    upgraded = connect(tmp_path / "ccn.db", create=False)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == 4
    assert {"due_date", "rrule", "status", "edited", "extracted", "agency_tokens"} <= set(upgraded["tasks"].columns_dict)
    assert upgraded["corrections"].exists() and upgraded["tasks"].count == 2
    assert {"idx_tasks_due_date", "idx_tasks_status", "idx_tasks_issuer"} <= {index.name for index in upgraded["tasks"].indexes}
    # Words and an agency together find the tasks loaded before the upgrade.
    assert [r["id"] for r in search_tasks(upgraded, SearchQuery(text="dat", agency="Sở TN&MT"))] == ["1"]


def test_due_dates_and_rules_are_stored(tmp_path):
    land = land_directive()
    land.tasks[0].deadline, land.tasks[0].due_date = "trước ngày 30/6/2025", "2025-06-30"
    land.tasks[1].recurrence, land.tasks[1].rrule = "hằng tháng", "FREQ=MONTHLY"
    db = connect(tmp_path / "ccn.db")
    Loader(db).load([record(land, tmp_path)])
    assert db.execute("select task_id, due_date, rrule, status, edited from tasks order by seq").fetchall() == [
        ("1", "2025-06-30", None, None, None), ("2", None, "FREQ=MONTHLY", None, None)]


def test_corrections_are_applied_again_when_the_document_is_loaded_again(tmp_path):
    db = connect(tmp_path / "ccn.db")
    Loader(db).load([record(industry_directive(), tmp_path), record(land_directive(), tmp_path)])
    uid = db.execute("select uid from tasks where task_id = '2' and document_number = '2029/UBND-KTTH'").fetchone()[0]
    Loader(db).correct(uid, {"agency": "Sở Xây dựng", "task": "Thẩm định quy hoạch phân khu", "status": "done"}, "Lan")
    before = db.execute("select agency, task, task_folded, status, edited, extracted from tasks where uid = ?", [uid]).fetchone()
    Loader(db).load([record(industry_directive(), tmp_path)])  # the run re-extracts the document
    assert db.execute("select agency, task, task_folded, status, edited, extracted from tasks where uid = ?", [uid]).fetchone() == before
    assert before[:5] == ("Sở Xây dựng", "Thẩm định quy hoạch phân khu", "Tham dinh quy hoach phan khu", "done", 1)
    assert [r["uid"] for r in search_tasks(db, SearchQuery(agency="so xay dung"))] == [uid]
    assert [r["uid"] for r in search_tasks(db, SearchQuery(text="quy hoach phan khu"))] == [uid]
    assert search_tasks(db, SearchQuery(text="van ban quy pham")) == []  # the extracted text is no longer searched
    assert [r["id"] for r in search_tasks(db, SearchQuery(agency="so tu phap", role=ROLE_LEAD))] == []


def test_a_correction_between_a_loaders_transactions_is_kept_and_its_ids_are_not_reused(tmp_path):
    """A run's loader caches agency ids; a reviewer's correction from another
    connection adds an agency between two of its documents."""
    db = connect(tmp_path / "ccn.db")
    run = Loader(db)
    run.load([record(industry_directive(), tmp_path)])
    uid = db.execute("select uid from tasks where task_id = '2'").fetchone()[0]
    reviewer = connect(tmp_path / "ccn.db", create=False)
    Loader(reviewer).correct(uid, {"co_agencies": "Sở Nội vụ"}, "Lan")  # a new agency, the next free id
    land = land_directive()
    land.tasks[0].co_agencies = ["Sở Ngoại vụ"]  # a new agency for the run too
    run.load([record(land, tmp_path)])
    assert ("Sở Nội vụ", "phối hợp") in {(name, role) for task, name, role, _ in links(db) if task == uid}
    assert db.execute("select count(*) from task_agencies where agency_id not in (select id from agencies)").fetchone()[0] == 0
    assert sorted(db.execute("select name from agencies where name like 'Sở N%'").fetchall()) == [("Sở Ngoại vụ",), ("Sở Nội vụ",)]
    run.load([record(industry_directive(), tmp_path)])  # and the run reloads the corrected document
    assert [r["uid"] for r in search_tasks(db, SearchQuery(agency="so noi vu"))] == [uid]


def test_pages_record_where_their_text_came_from(tmp_path):
    directive = industry_directive()
    document = record(directive, tmp_path)
    document.pages = [PageView(1, [LineView([("Công", 98.0)])], text_source="text-layer"), PageView(2, [], text_source="ocr")]
    database = connect(tmp_path / "ccn.db")
    Loader(database).load([document])
    assert [row["text_source"] for row in database.query("select text_source from pages order by number")] == ["text-layer", "ocr"]


def test_a_database_without_page_sources_gains_the_column(tmp_path):
    database = connect(tmp_path / "ccn.db")
    database.execute("ALTER TABLE pages DROP COLUMN text_source")
    database.conn.close()
    assert "text_source" in connect(tmp_path / "ccn.db")["pages"].columns_dict


def test_a_reference_row_is_the_same_whatever_order_its_citers_load_in(tmp_path):
    """Two documents cite Nghị định 32/2024/NĐ-CP, one in full and one by its number only:
    the reference's row shows the full citation, whichever document loads first, in one
    transaction or in two."""
    short = LegalRef(text="32/2024/NĐ-CP", type="Nghị định", number="32/2024/NĐ-CP", year=2024, issuer_code="NĐ-CP")

    def citers():
        land = land_directive()
        land.tasks[1].legal_refs = [short]
        return [industry_directive(), land]

    def reference_rows(name, directives, one_batch):
        folder = tmp_path / name
        folder.mkdir()
        db = connect(folder / "ccn.db")
        loader = Loader(db)
        for batch in [directives] if one_batch else [[d] for d in directives]:
            loader.load([record(d, folder) for d in batch])
        return sorted(db.execute("SELECT key, number, type, year, issuer_code, date, text, text_folded FROM legal_refs").fetchall())

    orders = [reference_rows(f"{first}-{one}", citers()[::step], one) for first, step in (("industry", 1), ("land", -1)) for one in (True, False)]
    assert all(rows == orders[0] for rows in orders)
    assert ND32.text in {row[6] for row in orders[0]}
