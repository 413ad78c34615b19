"""Search: agency spellings, references, documents, dates, and hostile FTS input."""

from __future__ import annotations

import pytest

from ccn_docs.store import ROLE_LEAD, ROLE_SUPPORT, Loader, SearchQuery, connect, match_agencies, search_tasks
from ccn_docs.store.search import fts_query

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
