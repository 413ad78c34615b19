"""What the pages and the JSON API of ``ccn serve`` share: reading a request's
parameters into a ``SearchQuery``, running store functions on Datasette's
connections, and answering a client's mistake with a Vietnamese message and the
right HTTP status (a page, or JSON under the API's paths) without a traceback.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any, Callable, Optional, TypeVar
from urllib.parse import urlencode

import sqlite_utils
from datasette.app import Datasette
from datasette.utils.asgi import Base400, Response

from ..errors import CorrectionError, Msg, TaskNotFound
from .corrections import STATUSES
from .search import DEADLINES, ROLES, SearchQuery

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: API paths: their errors are JSON.
JSON_PATHS = ("/tasks.json", "/-/tasks/")
#: Most tasks one API page holds.
MAX_LIMIT = 1000
#: Filters a request may give, beyond the search box.
FILTERS = ("agency", "role", "ref", "doc", "number", "issuer", "type", "year", "deadline", "status", "since", "until")


class ClientError(Exception):
    """A request the server cannot answer as asked: ``status`` and what to tell the user."""

    def __init__(self, status: int, message: str, detail: Optional[str] = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail  # the same in English, for integrators


def not_found(what: str) -> ClientError:
    return ClientError(404, Msg.VI_NOT_FOUND.format(what=what))


def bad_parameter(name: str, value: str, expected: str) -> ClientError:
    return ClientError(400, Msg.VI_BAD_PARAMETER.format(name=name, value=value, expected=expected))


def _date(name: str, value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad_parameter(name, value, "ngày dạng YYYY-MM-DD") from None


def integer(name: str, value: Optional[str], default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise bad_parameter(name, value, f"số nguyên từ {low} đến {high}")
    return number


def _choice(name: str, value: Optional[str], choices: dict[str, Any]) -> Optional[str]:
    if not value:
        return None
    if value not in choices:
        raise bad_parameter(name, value, "một trong: " + ", ".join(choices))
    return value


def search_query(args: Any, *, limit: int, max_limit: int = MAX_LIMIT) -> SearchQuery:
    """The filters of a request's query string (``args``: Datasette's ``request.args``)
    as a ``SearchQuery``. ``ClientError`` names a parameter that cannot be read."""
    year = args.get("year")
    return SearchQuery(
        text=args.get("q") or None,
        agency=args.get("agency") or None,
        role=ROLES.get(_choice("role", args.get("role"), ROLES) or ""),
        ref=args.get("ref") or None,
        document=args.get("doc") or None,
        number=args.get("number") or None,
        issuer=args.get("issuer") or None,
        document_type=args.get("type") or None,
        year=integer("year", year, 0, 1900, 2999) if year else None,
        deadline=_choice("deadline", args.get("deadline"), DEADLINES),
        status=_choice("status", args.get("status"), STATUSES),
        since=_date("since", args.get("since")),
        until=_date("until", args.get("until")),
        limit=integer("limit", args.get("limit"), limit, 1, max_limit),
        offset=integer("offset", args.get("offset"), 0, 0, 10**9),
    )


def url(path: str, args: dict[str, Any]) -> str:
    """``path`` with the non-empty ``args`` as its query string."""
    query = urlencode({key: value for key, value in args.items() if value not in (None, "")})
    return f"{path}?{query}" if query else path


async def read(datasette: Datasette, fn: Callable[[sqlite_utils.Database], T]) -> T:
    """Run ``fn`` on one of Datasette's read connections to the task database."""
    return await datasette.get_database().execute_fn(lambda conn: fn(sqlite_utils.Database(conn)))


async def write(datasette: Datasette, fn: Callable[[sqlite_utils.Database], T]) -> T:
    """Run ``fn`` on Datasette's write connection; it waits for a run's transaction
    to end rather than failing (a run commits each document as it is loaded)."""

    def run(conn: Any) -> T:
        conn.execute("PRAGMA busy_timeout = 30000")
        return fn(sqlite_utils.Database(conn))

    return await datasette.get_database().execute_write_fn(run, block=True)


def client_error(exception: BaseException) -> Optional[ClientError]:
    """The ``ClientError`` an exception stands for, None for a server fault."""
    if isinstance(exception, ClientError):
        return exception
    if isinstance(exception, CorrectionError):
        return ClientError(400, exception.vietnamese, str(exception))
    if isinstance(exception, TaskNotFound):
        return ClientError(404, Msg.VI_NOT_FOUND.format(what="nhiệm vụ này"), str(exception))
    status = getattr(exception, "status", None)  # Datasette's NotFound, BadRequest, DatasetteError
    if isinstance(exception, Base400) or (isinstance(status, int) and 400 <= status < 500):
        return ClientError(status or 400, Msg.VI_NOT_FOUND.format(what="trang này") if status == 404 else str(exception))
    return None


async def error_response(datasette: Datasette, request: Any, exception: BaseException) -> Response:
    """A Vietnamese answer with the right status: a client's mistake is not logged
    with a traceback, a server fault is."""
    error = client_error(exception)
    if error is None:
        logger.error("%s %s failed", request.method, request.path, exc_info=exception)
        error = ClientError(500, Msg.VI_SERVER_ERROR)
    if request.path.startswith(JSON_PATHS) or "application/json" in request.headers.get("content-type", ""):
        body = {"ok": False, "status": error.status, "error": error.message}
        if error.detail:
            body["detail"] = error.detail
        return Response(json.dumps(body, ensure_ascii=False), status=error.status, content_type="application/json; charset=utf-8")
    page = await datasette.render_template("ccn_error.html", {"status": error.status, "message": error.message}, request=request)
    return Response.html(page, status=error.status)
