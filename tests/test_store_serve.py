"""Datasette configuration: metadata, facets, FTS, canned queries, JSON/CSV, review page."""

from __future__ import annotations

import asyncio
import json

import pytest

from ccn_docs.errors import DatabaseError
from ccn_docs.store import Loader, connect
from ccn_docs.store.serve import build_datasette, metadata

from .directives import industry_directive, land_directive, record


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    db = connect(folder / "ccn.db")
    Loader(db).load([record(industry_directive(), folder), record(land_directive(), folder)])
    datasette = build_datasette(folder / "ccn.db")
    asyncio.run(datasette.invoke_startup())

    def get(path):
        return asyncio.run(datasette.client.get(path))

    get.db = db
    return get


def test_metadata_is_vietnamese_with_facets_fts_and_queries():
    tables = metadata("ccn")["databases"]["ccn"]["tables"]
    assert tables["tasks"]["title"] == "Nhiệm vụ"
    assert {"agency", "document_number", "document_type"} <= set(f for f in tables["tasks"]["facets"] if isinstance(f, str))
    assert {"array": "ref_numbers"} in tables["tasks"]["facets"]
    assert tables["tasks"]["fts_table"] == "tasks_fts"
    assert set(metadata("ccn")["databases"]["ccn"]["queries"]) == {"nhiem_vu_cua_co_quan", "nhiem_vu_theo_can_cu"}


def test_table_page_has_titles_and_facets(client):
    page = client("/ccn/tasks")
    assert page.status_code == 200
    assert "Nhiệm vụ" in page.text and "Sở Tài chính" in page.text
    facets = client("/ccn/tasks.json?_facet=agency").json()["facet_results"]
    assert {"agency", "document_number", "ref_numbers", "document_type"} <= set(facets)


def test_canned_query_finds_an_agency_however_written(client):
    for spelling in ("so tai chinh", "SỞ TÀI CHÍNH", "stc"):
        rows = client(f"/ccn/nhiem_vu_cua_co_quan.json?co_quan={spelling}&_shape=array").json()
        assert {row["agency"] for row in rows} == {"Sở Tài chính", "Sở Tài Chính; UBND các huyện"}, spelling
    assert "Sở Tư pháp" not in client("/ccn/nhiem_vu_cua_co_quan.json?co_quan=so+tai+chinh&_shape=array").text


def test_canned_query_by_reference_and_csv_endpoint(client):
    rows = client("/ccn/nhiem_vu_theo_can_cu.json?so_hieu=32/2024&_shape=array").json()
    assert sorted(row["document_number"] for row in rows) == ["05/CT-UBND", "2029/UBND-KTTH"]
    csv_text = client("/ccn/tasks.csv?_size=max").text
    assert csv_text.splitlines()[0].startswith("rowid,uid,") and len(csv_text.strip().splitlines()) == 6


@pytest.mark.parametrize("query", ['"', "NEAR(", "dau*", "' or 1=1 --", "%22%20OR%20", ""])
def test_search_box_is_safe(client, query):
    response = client(f"/ccn/tasks.json?_search={query}")
    assert response.status_code == 200, response.text


def test_search_box_folds_diacritics_including_d(client):
    with_marks = client("/ccn/tasks.json?_search=đất&_shape=array").json()
    without = client("/ccn/tasks.json?_search=dat&_shape=array").json()
    assert with_marks == without and len(without) == 2


def test_review_page_shows_text_confidence_and_task_links(client):
    doc = client.db.execute("select id from documents where number = '2029/UBND-KTTH'").fetchone()[0]
    page = client(f"/-/review/{doc}")
    assert page.status_code == 200
    assert '<mark class="low" title="độ tin cậy 41">Tài</mark>' in page.text
    assert 'href="#l2"' in page.text and 'id="l2"' in page.text  # task 1 starts at line 2
    assert client("/-/review/000000000000").status_code == 404
    assert f'href="/-/review/{doc}"' in client("/ccn/documents").text
    assert f'href="/-/review/{doc}"' in client("/ccn/tasks").text


def test_serving_a_missing_or_older_database_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match="run 'ccn run' first"):
        build_datasette(tmp_path / "none.db")
    old = tmp_path / "old.db"
    connect(old).execute("PRAGMA user_version = 1")  # as if written by an older ccn
    with pytest.raises(DatabaseError, match="older ccn"):
        build_datasette(old)


def test_review_page_offers_the_archive_files_its_json_lists(tmp_path):
    pdf, alto, secret = tmp_path / "cv.pdf", tmp_path / "cv-0001.alto.xml", tmp_path / "secret.pdf"
    pdf.write_bytes(b"%PDF-1.7 archive copy")
    alto.write_bytes(b"<alto/>")
    secret.write_bytes(b"%PDF-1.7 not listed")
    document = record(industry_directive(), tmp_path)
    document.json_path = str(tmp_path / "cv.json")
    (tmp_path / "cv.json").write_text(json.dumps({"outputs": [str(pdf), str(alto)]}), encoding="utf-8")
    Loader(connect(tmp_path / "ccn.db")).load([document])
    datasette = build_datasette(tmp_path / "ccn.db")
    asyncio.run(datasette.invoke_startup())
    doc = connect(tmp_path / "ccn.db").execute("select id from documents").fetchone()[0]
    page = asyncio.run(datasette.client.get(f"/-/review/{doc}")).text
    assert f'href="/-/review/{doc}/files/cv.pdf"' in page and f'href="/-/review/{doc}/files/cv-0001.alto.xml"' in page
    served = asyncio.run(datasette.client.get(f"/-/review/{doc}/files/cv.pdf"))
    assert served.status_code == 200 and served.content == pdf.read_bytes()
    assert served.headers["content-type"] == "application/pdf"
    assert asyncio.run(datasette.client.get(f"/-/review/{doc}/files/secret.pdf")).status_code == 404
