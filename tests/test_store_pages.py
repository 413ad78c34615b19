"""The staff's pages: task search with facets and cards, review with corrections, errors in Vietnamese."""

from __future__ import annotations

import logging
import re

import pytest

from ccn_docs.store import Loader, pages
from ccn_docs.types import Directive, Task

from .datasette_client import Client
from .directives import industry_directive, land_directive, record


def decree() -> Directive:
    """The decree the other two directives cite, loaded too."""
    return Directive(
        source_file="nghi-dinh-32.txt", issuer="Chính phủ", number="32/2024/NĐ-CP", date="2024-03-15", type="Nghị định",
        tasks=[Task(id="1", agency="Bộ Công Thương", task="Hướng dẫn quản lý, phát triển cụm công nghiệp",
                    deadline="trong quý I năm 2025", due_date="2025-03-31"),
               Task(id="2", agency="Bộ Y tế", task="Kiểm tra an toàn phóng xạ tại cơ sở y tế"),
               Task(id="3", agency="Bộ Y tế", task="Bố trí phòng làm việc cho xã biên giới", recurrence="hằng quý", rrule="FREQ=MONTHLY;INTERVAL=3")],
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    return Client(folder, [record(industry_directive(), folder), record(land_directive(), folder), record(decree(), folder)])


def cards(response) -> list[str]:
    return re.findall(r'<article class="task" id="([^"]+)"', response.text)


def test_the_home_page_lists_tasks_with_facets(client):
    page = client.get("/")
    assert page.status_code == 200 and '<html lang="vi">' in page.text
    assert len(cards(page)) == 8 and "8 nhiệm vụ" in page.text
    for title in ("Cơ quan", "Thời hạn", "Trạng thái", "Cơ quan ban hành", "Loại văn bản", "Năm ban hành"):
        assert f"<h3>{title}</h3>" in page.text
    assert "Định kỳ" in page.text and "Không có thời hạn" in page.text


@pytest.mark.parametrize("box", ["STC", "so tai chin", "Sở Tài chính", "SO TAI CHINH"])
def test_the_box_finds_an_agencys_tasks_however_written(client, box):
    page = client.get("/", params={"q": box})
    assert "Cơ quan: <strong>Sở Tài chính</strong>" in page.text
    assert sorted(cards(page)) == sorted([client.uid("2029/UBND-KTTH", "1"), client.uid("2029/UBND-KTTH", "3")])
    assert "Vai trò: chủ trì" in page.text
    lead_only = client.get("/", params={"q": box, "role": "chu-tri"})
    assert len(cards(lead_only)) == 2 and "✕ Vai trò: Chủ trì" in lead_only.text


def test_an_agency_and_words_together(client):
    page = client.get("/", params={"q": "STC giải ngân"})
    assert cards(page) == [client.uid("2029/UBND-KTTH", "3")]
    assert "<mark>giải</mark> <mark>ngân</mark>" in page.text
    literal = client.get("/", params={"q": "STC giải ngân", "as_text": "1"})
    assert cards(literal) == []  # "STC" as a word: no task text has it


def test_a_number_finds_citing_tasks_and_the_document_itself(client):
    page = client.get("/", params={"q": "32/2024"})
    assert "Số hiệu (văn bản giao hoặc được viện dẫn): <strong>32/2024</strong>" in page.text
    # Two tasks cite it, three are the decree's own.
    assert len(cards(page)) == 5


def test_references_link_to_the_cited_document_and_to_the_tasks_citing_it(client):
    decree_id = client.db.execute("SELECT id FROM documents WHERE number = '32/2024/NĐ-CP'").fetchone()[0]
    page = client.get("/", params={"q": "so tai chinh"})
    assert f'<a href="/-/review/{decree_id}" title="Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ">32/2024/NĐ-CP</a>' in page.text
    assert 'href="/?ref=32%2F2024%2FN%C4%90-CP"' in page.text
    citing = client.get("/?ref=32%2F2024%2FN%C4%90-CP")
    assert f'Nhiệm vụ viện dẫn <a href="/-/review/{decree_id}">32/2024/NĐ-CP</a>' in citing.text
    assert len(cards(citing)) == 2
    unknown = client.get("/", params={"ref": "132/2024/NĐ-CP"})
    assert "Văn bản 132/2024/NĐ-CP chưa được nạp" in unknown.text and len(cards(unknown)) == 1


def test_words_as_typed_come_first(client):
    page = client.get("/", params={"q": "phóng xạ"})
    assert cards(page)[0] == client.uid("32/2024/NĐ-CP", "2")
    assert len(cards(page)) == 2  # "phòng … xã" still found, after


def test_a_card_shows_the_deadline_as_written_and_as_a_date_and_links_to_its_lines(client):
    page = client.get("/", params={"agency": "Bộ Công Thương"})
    assert "trong quý I năm 2025 → <time datetime=\"2025-03-31\">31/03/2025</time>" in page.text
    assert 'class="badge late">quá hạn' in page.text  # past, and still open
    review = client.get("/", params={"q": "Sở Tư pháp"})
    doc = client.db.execute("SELECT id FROM documents WHERE number = '2029/UBND-KTTH'").fetchone()[0]
    assert f'href="/-/review/{doc}#l4">dòng 4</a>' in review.text
    assert "hằng quý <code" in client.get("/", params={"deadline": "recurring"}).text


def test_paging(client, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    first = client.get("/")
    assert len(cards(first)) == 3 and 'href="/?page=2">Trang sau' in first.text
    last = client.get("/?page=3")
    assert len(cards(last)) == 2 and 'href="/?page=2">← Trang trước' in last.text and "Trang sau" not in last.text


def test_review_page_correct_a_task_and_see_it_everywhere(client):
    uid = client.uid("2029/UBND-KTTH", "2")
    doc = client.db.execute("SELECT id FROM documents WHERE number = '2029/UBND-KTTH'").fetchone()[0]
    review = client.get(f"/-/review/{doc}")
    assert review.status_code == 200 and f'action="/-/tasks/{uid}"' in review.text
    assert '<mark class="low" title="độ tin cậy 41">Tài</mark>' in review.text
    fields = {"agency": "Sở Xây dựng", "co_agencies": "", "task": "Thẩm định văn bản quy phạm pháp luật về đất đai",
              "legal_refs": "Luật Đất đai năm 2024", "deadline": "", "due_date": "2024-09-30", "rrule": "", "status": "open",
              "by": "Nguyễn Thị Lan"}
    saved = client.post_form(f"/-/review/{doc}", f"/-/tasks/{uid}", fields)
    assert saved.status_code == 303 and saved.headers["location"] == f"/-/review/{doc}?saved={uid}#task-2"
    after = client.get(f"/-/review/{doc}?saved={uid}")
    assert "Đã lưu sửa đổi." in after.text and "Sửa nhiệm vụ này (2 lần sửa)" in after.text
    assert "<td>Nguyễn Thị Lan</td><td>Cơ quan chủ trì</td><td>Sở Tư pháp</td><td>Sở Xây dựng</td>" in after.text
    assert cards(client.get("/", params={"q": "so xay dung"})) == [uid]
    assert "đã sửa" in client.get("/", params={"q": "so xay dung"}).text
    refused = client.post_form(f"/-/review/{doc}", f"/-/tasks/{uid}", {**fields, "due_date": "30/9/2024"})
    assert refused.status_code == 400 and "Hạn (ngày): &#39;30/9/2024&#39; không hợp lệ" in refused.text
    listed = client.get("/-/corrections")
    assert listed.status_code == 200 and "Nguyễn Thị Lan" in listed.text


def test_a_form_without_its_token_is_refused(client):
    uid = client.uid("2029/UBND-KTTH", "1")
    cookie = client.get("/-/review/" + uid.split("-")[0]).cookies["ds_csrftoken"]
    response = client.post(f"/-/tasks/{uid}", data={"status": "done", "by": "x"}, cookies={"ds_csrftoken": cookie})
    assert response.status_code == 403
    assert client.db.execute("SELECT status FROM tasks WHERE uid = ?", [uid]).fetchone()[0] is None


def test_corrections_of_tasks_no_longer_extracted_are_listed(tmp_path):
    client = Client(tmp_path, [record(land_directive(), tmp_path)])
    uid = client.uid("05/CT-UBND", "1")
    Loader(client.db).correct(uid, {"agency": "Sở Xây dựng"}, "Lan")
    changed = land_directive()
    changed.tasks[0].id = "1b"
    Loader(client.db).load([record(changed, tmp_path)])
    doc = client.db.execute("SELECT id FROM documents").fetchone()[0]
    review = client.get(f"/-/review/{doc}")
    assert "Sửa đổi của nhiệm vụ không còn được trích xuất" in review.text and "Lan" in review.text
    orphans = client.get("/-/corrections?orphaned=1")
    assert "(không còn được trích xuất)" in orphans.text and "Rà soát quỹ đất sạch phục vụ đầu tư" in orphans.text


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [("/-/review/000000000000", 404, "Không tìm thấy văn bản này."), ("/-/review/not-an-id", 404, "Không tìm thấy văn bản này."),
     ("/-/review/000000000000/page/1.png", 404, "Không tìm thấy ảnh quét"), ("/?page=0", 400, "Tham số page không hợp lệ"),
     ("/?deadline=someday", 400, "Tham số deadline không hợp lệ"), ("/ccn/no_such_table", 404, "Không tìm thấy trang này."),
     ("/no/such/page", 404, "Không tìm thấy trang này.")],
)
def test_client_errors_are_friendly_vietnamese_pages_without_a_traceback(client, path, status, message, caplog, capsys):
    with caplog.at_level(logging.DEBUG):
        response = client.get(path)
    assert response.status_code == status and '<html lang="vi">' in response.text and message in response.text
    # Nothing logged with a traceback, and none printed (as Datasette's own handler prints one with rich).
    assert [record.getMessage() for record in caplog.records if record.exc_info or record.levelno >= logging.ERROR] == []
    assert "Traceback" not in capsys.readouterr().out


def test_a_server_fault_is_logged_and_answered_politely(client, monkeypatch, caplog):
    def broken(db, query):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pages, "find", broken)
    with caplog.at_level(logging.ERROR):
        response = client.get("/")
    assert response.status_code == 500 and "Máy chủ gặp lỗi" in response.text
    assert "RuntimeError: a bug" in caplog.text
