"""Search: agency spellings, references, documents, dates, and hostile FTS input."""

from __future__ import annotations

from datetime import date

import pytest

from ccn_docs.store import ROLE_LEAD, ROLE_SUPPORT, Loader, SearchQuery, connect, match_agencies, search_tasks
from ccn_docs.store.search import Understood, all_tasks, find, fts_query, task_detail, understand
from ccn_docs.types import Directive, Task

from .directives import industry_directive, land_directive, record


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    database = connect(folder / "ccn.db")
    Loader(database).load([record(industry_directive(), folder), record(land_directive(), folder)])
    return database


def tasks(db, **filters):
    return [(r["document_number"], r["id"]) for r in search_tasks(db, SearchQuery(**filters))]


@pytest.mark.parametrize("spelling", ["so tai chinh", "Sở Tài chính", "SỞ TÀI CHÍNH", "so tai chin", "STC", "  sở   tài chính "])
def test_agency_spellings_find_exactly_that_agency(db, spelling):
    assert sorted(tasks(db, agency=spelling)) == [("2029/UBND-KTTH", "1"), ("2029/UBND-KTTH", "3")]


def test_similar_agency_is_not_confused(db):
    assert [m.name for m in match_agencies(db, "so tai chinh")] == ["Sở Tài chính"]
    assert sorted(tasks(db, agency="so tu phap")) == [("2029/UBND-KTTH", "2"), ("2029/UBND-KTTH", "3")]
    assert tasks(db, agency="so tu phap", role=ROLE_LEAD) == [("2029/UBND-KTTH", "2")]
    assert tasks(db, agency="so tu phap", role=ROLE_SUPPORT) == [("2029/UBND-KTTH", "3")]
    assert tasks(db, agency="Bộ Quốc phòng") == []


def test_abbreviations_match_full_names(db):
    assert tasks(db, agency="Sở TN&MT") == [("05/CT-UBND", "1")]
    assert tasks(db, agency="so ke hoach va dau tu") == [("2029/UBND-KTTH", "1")]
    assert tasks(db, agency="Ủy ban nhân dân tỉnh") == [("05/CT-UBND", "2")]


def test_a_level_is_found_however_its_units_are_listed(tmp_path):
    directive = land_directive()
    directive.tasks[1].agency = "Ủy ban nhân dân các xã, phường, thị trấn"
    database = connect(tmp_path / "ccn.db")
    Loader(database).load([record(directive, tmp_path)])
    assert tasks(database, agency="UBND cấp xã") == [("05/CT-UBND", "2")]
    # found by its key, not by the fuzzy fallback that forgives typos
    assert [(m.name, m.score) for m in match_agencies(database, "UBND cấp xã")] == [
        ("Ủy ban nhân dân các xã, phường, thị trấn", 100.0)]


@pytest.mark.parametrize("ref", ["32/2024", "32/2024/NĐ-CP", "32/2024/ND-CP", "Nghị định 32/2024/NĐ-CP", "nghi dinh so 32/2024"])
def test_reference_search_by_number_prefix(db, ref):
    # 132/2024/NĐ-CP must not match 32/2024.
    assert sorted(tasks(db, ref=ref)) == [("05/CT-UBND", "2"), ("2029/UBND-KTTH", "1")]


def test_reference_search_by_name(db):
    assert tasks(db, ref="luat dat dai") == [("2029/UBND-KTTH", "2")]


def test_document_and_date_filters(db):
    assert len(tasks(db, document="2029/UBND-KTTH")) == 3
    assert len(tasks(db, document="2029")) == 3
    assert tasks(db, document="05/CT-UBND", agency="UBND tỉnh") == [("05/CT-UBND", "2")]
    assert {n for n, _ in tasks(db, since="2025-01-01")} == {"05/CT-UBND"}
    assert {n for n, _ in tasks(db, until="2024-12-31")} == {"2029/UBND-KTTH"}
    assert tasks(db, since="2026-01-01") == []


def test_full_text_without_diacritics(db):
    assert tasks(db, text="dau tu") == tasks(db, text="đầu tư")
    assert sorted(tasks(db, text="dau tu")) == [("05/CT-UBND", "1"), ("2029/UBND-KTTH", "1"), ("2029/UBND-KTTH", "3")]
    assert tasks(db, text="giai ngan", agency="so tai chinh") == [("2029/UBND-KTTH", "3")]


@pytest.mark.parametrize(
    "text", ['"', '"dau tu', "dau*", "NEAR(dau tu", "dau OR tu", "tu)", "-- ; drop table tasks", "' or 1=1 --", "^", "{task}:x", ""]
)
def test_fts_syntax_is_searched_as_text_never_an_error(db, text):
    found = search_tasks(db, SearchQuery(text=text))
    assert isinstance(found, list)
    assert db["tasks"].count == 5


def test_fts_operators_lose_their_meaning(db):
    assert fts_query('NEAR("a" b*') == 'task_folded : ("near" "a" "b")'
    assert fts_query('"*') == ""
    # "OR" is a word to find, not an operator: nothing contains "or".
    assert tasks(db, text="dau OR tu") == []
    # "*" is no prefix operator: "phu*" does not reach "phục" (folded "phuc").
    assert tasks(db, text="phuc") == [("05/CT-UBND", "1")]
    assert tasks(db, text="phu*") == []


def test_the_search_box_reads_agencies_numbers_and_words(db):
    assert understand(db, "STC") == Understood("Sở Tài chính")
    assert understand(db, "so tai chin") == Understood("Sở Tài chính")
    assert understand(db, "Sở TN&MT quỹ đất") == Understood("Sở Tài nguyên và Môi trường", None, "quỹ đất")
    assert understand(db, "giải ngân so tai chinh") == Understood("Sở Tài chính", None, "giải ngân")
    assert understand(db, "32/2024 đất") == Understood(None, "32/2024", "đất")
    assert understand(db, "tai chinh") == Understood(None, None, "tai chinh")  # too far from any agency
    assert understand(db, "so tai nguyen dat") == Understood("Sở Tài nguyên và Môi trường", None, "dat")  # the start of one name
    assert understand(db, "so tai") == Understood(None, None, "so tai")  # the start of two
    assert understand(db, "stc cum") == Understood(None, None, "stc cum")  # an initialism in a sentence: capitals only
    assert understand(db, "") == Understood()


def test_a_number_finds_tasks_citing_it_and_tasks_of_that_document(db):
    assert sorted(tasks(db, number="32/2024")) == [("05/CT-UBND", "2"), ("2029/UBND-KTTH", "1")]
    assert len(tasks(db, number="2029/UBND-KTTH")) == 3
    assert tasks(db, number="132/2024") == [("05/CT-UBND", "1")]


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    """Tasks whose words match "phóng xạ" with and without the same diacritics."""
    folder = tmp_path_factory.mktemp("ranked")
    texts = ["Kiểm tra an toàn bức xạ và phóng xạ tại cơ sở y tế", "Bố trí phòng làm việc cho xã biên giới",
             "Rà soát phòng họp trực tuyến cấp xã", "Quản lý chất thải phóng xạ"]
    directive = Directive(source_file="ranked.txt", number="7/KH-UBND", date="2025-03-01", type="Kế hoạch",
                          tasks=[Task(id=str(i), agency="Sở Y tế", task=text) for i, text in enumerate(texts, 1)])
    database = connect(folder / "ccn.db")
    Loader(database).load([record(directive, folder)])
    return database


def test_words_as_typed_rank_above_the_same_letters_without_their_marks(ranked):
    found = [r["task"] for r in search_tasks(ranked, SearchQuery(text="phóng xạ"))]
    assert found[:2] == ["Quản lý chất thải phóng xạ", "Kiểm tra an toàn bức xạ và phóng xạ tại cơ sở y tế"]
    assert set(found[2:]) == {"Bố trí phòng làm việc cho xã biên giới", "Rà soát phòng họp trực tuyến cấp xã"}
    # Without diacritics the words in order rank first.
    assert [r["id"] for r in search_tasks(ranked, SearchQuery(text="phong xa"))][:2] == ["4", "1"]
    assert [r["id"] for r in search_tasks(ranked, SearchQuery(text="phóng xạ", limit=2, offset=1))] == ["1", "3"]


def test_find_counts_matches_and_facets(db):
    found = find(db, SearchQuery(agency="so tai chinh", limit=1, today=date(2024, 6, 1)))
    assert (found.total, found.counted_all, found.facets_cover_all, len(found.tasks)) == (2, True, True, 1)
    facets = {name: {f.value: f.count for f in values} for name, values in found.facets.items()}
    assert facets["agency"] == {"Sở Tài chính": 2, "Sở KH&ĐT": 1, "UBND các huyện": 1, "Sở Tư pháp": 1}
    assert facets["role"] == {"chu-tri": 2}
    assert facets["issuer"] == {"Ủy ban nhân dân tỉnh Bắc Giang": 2} and facets["year"] == {"2024": 2}
    assert facets["status"] == {"open": 2}
    assert find(db, SearchQuery(agency="Bộ Quốc phòng")).total == 0


def test_facet_filters(db):
    assert tasks(db, document_type="Chỉ thị") == [("05/CT-UBND", "1"), ("05/CT-UBND", "2")]
    assert tasks(db, issuer="Ủy ban nhân dân tỉnh Lạng Sơn", year=2025) == [("05/CT-UBND", "1"), ("05/CT-UBND", "2")]
    assert tasks(db, year=2023) == []
    assert tasks(db, status="done") == []


def test_deadline_states(tmp_path):
    land = land_directive()
    land.tasks[0].due_date = "2025-02-01"
    land.tasks[1].due_date = "2025-03-15"
    industry = industry_directive()
    industry.tasks[1].rrule = "FREQ=MONTHLY"
    database = connect(tmp_path / "ccn.db")
    Loader(database).load([record(land, tmp_path), record(industry, tmp_path)])
    today = date(2025, 3, 1)
    facets = {f.value: f.count for f in find(database, SearchQuery(today=today)).facets["deadline"]}
    # Task 1 of 2029/UBND-KTTH has its deadline as an ISO text but no due date.
    assert facets == {"overdue": 1, "soon": 1, "recurring": 1, "none": 1}
    assert tasks(database, deadline="overdue", today=today) == [("05/CT-UBND", "1")]
    assert tasks(database, deadline="soon", today=today) == [("05/CT-UBND", "2")]
    assert tasks(database, deadline="soon", agency="UBND tỉnh", role=ROLE_LEAD, today=today) == [("05/CT-UBND", "2")]
    assert tasks(database, deadline="soon", agency="UBND tỉnh", role=ROLE_SUPPORT, today=today) == []
    assert tasks(database, deadline="soon", agency="so tai chinh", today=today) == []
    assert tasks(database, deadline="none", today=today) == [("2029/UBND-KTTH", "3")]
    uid = search_tasks(database, SearchQuery(deadline="overdue", today=today))[0]["uid"]
    Loader(database).correct(uid, {"status": "done"}, "Lan")
    assert tasks(database, deadline="overdue", today=today) == []


def test_all_tasks_of_one_agency_and_one_task_in_detail(db):
    assert [r["id"] for r in all_tasks(db, "so tu phap")] == ["2", "3"]
    assert list(all_tasks(db, "Bộ Quốc phòng")) == []
    uid = next(all_tasks(db))["uid"]
    detail = task_detail(db, uid)
    assert detail["uid"] == uid and detail["extracted"] == {} and detail["corrections"] == []
    assert task_detail(db, "nope") is None


def test_find_says_when_there_are_more_matches_than_it_counted(db, monkeypatch):
    from ccn_docs.store import search

    monkeypatch.setattr(search, "WINDOW", 2)
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    everything = find(db, SearchQuery(limit=1))  # the table alone: counted up to COUNT_CAP
    assert (everything.total, everything.counted_all, everything.facets_cover_all) == (3, False, False)
    narrowed = find(db, SearchQuery(text="dau tu", year=2024, limit=1))  # through a filter: as far as the window
    assert (narrowed.total, narrowed.counted_all) == (2, True)
    assert (find(db, SearchQuery(text="dau tu", limit=1)).total, find(db, SearchQuery(agency="STC")).total) == (3, 2)
