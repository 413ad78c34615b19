"""What the pages and the API share: parameters read or refused, errors answered in Vietnamese."""

from __future__ import annotations

import pytest
from datasette.utils.asgi import NotFound

from ccn_docs.errors import CorrectionError, TaskNotFound
from ccn_docs.store.schema import ROLE_SUPPORT
from ccn_docs.store.web import ClientError, client_error, search_query, url


def test_parameters_become_a_search_query():
    query = search_query({"q": "đất", "agency": "STC", "role": "phoi-hop", "since": "2024-01-01", "until": "2024-12-31",
                          "year": "2024", "deadline": "overdue", "status": "done", "limit": "5", "offset": "10"}, limit=100)
    assert (query.text, query.agency, query.role, query.since, query.until) == ("đất", "STC", ROLE_SUPPORT, "2024-01-01", "2024-12-31")
    assert (query.year, query.deadline, query.status, query.limit, query.offset) == (2024, "overdue", "done", 5, 10)
    assert search_query({}, limit=100).limit == 100 and search_query({"q": ""}, limit=1).text is None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [("limit", "0", "từ 1 đến 1000"), ("limit", "many", "số nguyên"), ("offset", "-1", "số nguyên"),
     ("since", "22/04/2024", "YYYY-MM-DD"), ("role", "boss", "chu-tri, phoi-hop"), ("deadline", "late", "overdue"),
     ("status", "closed", "open, done, not-applicable"), ("year", "24", "từ 1900")],
)
def test_a_bad_parameter_is_named_in_vietnamese(name, value, expected):
    with pytest.raises(ClientError) as error:
        search_query({name: value}, limit=100)
    assert error.value.status == 400
    assert f"Tham số {name} không hợp lệ" in error.value.message and expected in error.value.message


def test_errors_a_client_caused():
    assert client_error(NotFound("x")).status == 404
    assert client_error(TaskNotFound("no task x")).message == "Không tìm thấy nhiệm vụ này."
    refused = client_error(CorrectionError("status: 'x' is not ...", "Trạng thái: 'x' không hợp lệ"))
    assert (refused.status, refused.message, refused.detail) == (400, "Trạng thái: 'x' không hợp lệ", "status: 'x' is not ...")
    assert client_error(ValueError("a bug")) is None


def test_url_keeps_the_parameters_that_say_something():
    assert url("/", {"q": "sở tài chính", "page": None, "agency": ""}) == "/?q=s%E1%BB%9F+t%C3%A0i+ch%C3%ADnh"
    assert url("/tasks.json", {}) == "/tasks.json"
