"""The JSON API and calendar: the filters of ``ccn search``, pages, corrections by POST, errors."""

from __future__ import annotations

import json
import logging

import pytest
from icalendar import Calendar

from .datasette_client import Client
from .directives import industry_directive, land_directive, record


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    industry = industry_directive()
    industry.tasks[0].due_date = "2024-06-30"
    industry.tasks[1].rrule, industry.tasks[1].deadline = "FREQ=MONTHLY;BYMONTHDAY=15", "trước ngày 15 hằng tháng"
    return Client(folder, [record(industry, folder), record(land_directive(), folder)])


def tasks(client, query):
    response = client.get(f"/tasks.json?{query}")
    assert response.status_code == 200, response.text
    return response.json()


def test_the_filters_of_ccn_search(client):
    found = tasks(client, "agency=so+tai+chinh")
    assert sorted(task["id"] for task in found["tasks"]) == ["1", "3"] and found["next"] is None
    assert [t["id"] for t in tasks(client, "agency=so+tu+phap&role=chu-tri")["tasks"]] == ["2"]
    assert [t["id"] for t in tasks(client, "agency=so+tu+phap&role=phoi-hop")["tasks"]] == ["3"]
    assert sorted(t["document_number"] for t in tasks(client, "ref=32/2024")["tasks"]) == ["05/CT-UBND", "2029/UBND-KTTH"]
    assert len(tasks(client, "doc=2029/UBND-KTTH")["tasks"]) == 3
    assert {t["document_number"] for t in tasks(client, "since=2025-01-01")["tasks"]} == {"05/CT-UBND"}
    assert {t["document_number"] for t in tasks(client, "until=2024-12-31")["tasks"]} == {"2029/UBND-KTTH"}
    assert [t["id"] for t in tasks(client, "q=giai+ngan&agency=STC")["tasks"]] == ["3"]


def test_rows_have_the_fields_of_ccn_export(client, tmp_path):
    from ccn_docs.store.export import export_tasks

    export_tasks(client.db, tmp_path / "all.jsonl", "jsonl")
    exported = {row["uid"]: row for row in map(json.loads, (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines())}
    for task in tasks(client, "limit=100")["tasks"]:
        assert task == exported[task["uid"]]


def test_pages_follow_with_stable_uids(client):
    first = tasks(client, "limit=2")
    assert len(first["tasks"]) == 2 and first["next"] == "/tasks.json?limit=2&offset=2"
    second = tasks(client, first["next"].split("?", 1)[1])
    third = tasks(client, second["next"].split("?", 1)[1])
    assert third["next"] is None
    uids = [t["uid"] for page in (first, second, third) for t in page["tasks"]]
    assert len(uids) == len(set(uids)) == 5


@pytest.mark.parametrize("query", ["limit=0", "limit=5000", "since=yesterday", "role=lead", "offset=x"])
def test_bad_parameters_are_a_json_400(client, query, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.get(f"/tasks.json?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400 and "không hợp lệ" in body["error"]
    assert "Traceback" not in caplog.text


def test_a_calendar_to_subscribe_to(client):
    response = client.get("/calendar.ics?agency=so+tu+phap")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Nhiệm vụ — Sở Tư pháp"
    [event] = calendar.walk("VEVENT")
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;BYMONTHDAY=15"
    assert str(event["URL"]).startswith("http://localhost/-/review/")
    assert len(Calendar.from_ical(client.get("/calendar.ics").content).walk("VEVENT")) == 2


def test_a_task_and_its_corrections_by_json(client):
    uid = client.uid("05/CT-UBND", "1")
    response = client.post(f"/-/tasks/{uid}", json={"agency": "Sở Xây dựng", "status": "done", "by": "Hệ thống theo dõi"})
    assert response.status_code == 200, response.text
    task = response.json()
    assert (task["agency"], task["status"], task["edited"]) == ("Sở Xây dựng", "done", True)
    assert task["extracted"] == {"agency": "Sở Tài nguyên và Môi trường"}
    assert [(c["field"], c["by"]) for c in task["corrections"]] == [("agency", "Hệ thống theo dõi"), ("status", "Hệ thống theo dõi")]
    assert client.get(f"/-/tasks/{uid}").json() == task
    assert [t["uid"] for t in tasks(client, "agency=so+xay+dung")["tasks"]] == [uid]
    assert [t["uid"] for t in tasks(client, "status=done")["tasks"]] == [uid]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [({"status": "finished"}, 400, "Trạng thái: 'finished' không hợp lệ"), ({"owner": "x"}, 400, "Không sửa được trường 'owner'"),
     (["status"], 400, "đối tượng JSON"), ("{not json", 400, "JSON hợp lệ")],
)
def test_a_correction_refused_is_a_json_400(client, body, status, error):
    uid = client.uid("2029/UBND-KTTH", "1")
    sent = {"content": body, "headers": {"content-type": "application/json"}} if isinstance(body, str) else {"json": body}
    response = client.post(f"/-/tasks/{uid}", **sent)
    assert response.status_code == status and error in response.json()["error"]


def test_an_unknown_task_is_a_json_404(client):
    for response in (client.get("/-/tasks/000000000000-1"), client.post("/-/tasks/000000000000-1", json={"status": "done"})):
        assert response.status_code == 404 and response.json()["error"] == "Không tìm thấy nhiệm vụ này."
