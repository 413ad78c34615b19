"""The JSON API and calendar of ``ccn serve``, for tracking systems.

- ``GET /tasks.json``: the filters of ``ccn search`` as query parameters of the same
  names (``q``, ``agency``, ``role`` = ``chu-tri``/``phoi-hop``, ``ref``, ``doc``,
  ``since``, ``until``, ``limit``) plus ``offset`` and the search page's filters;
  answers ``{"tasks": [...], "next": URL or null}`` with the fields of ``ccn export``.
- ``GET /calendar.ics``: the same filters, as a calendar to subscribe to.
- ``GET /-/tasks/<uid>``: one task with its extracted values and corrections;
  ``POST`` corrects it: a JSON object of fields (and ``"by"``), or the review
  page's form.
"""

from __future__ import annotations

import json
from typing import Any

from datasette.app import Datasette
from datasette.utils.asgi import Response

from .calendar import calendar
from .corrections import FIELDS
from .load import Loader
from .pages import render_review
from .search import match_agencies, search_tasks, task_detail
from .web import ClientError, client_error, not_found, read, search_query, url, write

#: Tasks an API page holds unless ``limit`` says otherwise (as ``ccn search``).
DEFAULT_LIMIT = 100
#: Events a calendar holds at most: the tasks of the newest directives.
CALENDAR_LIMIT = 10_000
#: Who a correction is from when the request does not say.
DEFAULT_AUTHOR = "api"


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8")


async def tasks_json(datasette: Datasette, request: Any) -> Response:
    query = search_query(request.args, limit=DEFAULT_LIMIT)
    limit = query.limit or DEFAULT_LIMIT
    query.limit = limit + 1  # one more tells whether there is a next page
    found = await read(datasette, lambda db: search_tasks(db, query))
    following = None
    if len(found) > limit:
        args = {name: request.args.get(name) for name in request.args.keys()}
        following = url(request.path, {**args, "offset": query.offset + limit, "limit": limit})
    return _json({"tasks": found[:limit], "next": following})


async def calendar_ics(datasette: Datasette, request: Any) -> Response:
    query = search_query(request.args, limit=CALENDAR_LIMIT, max_limit=CALENDAR_LIMIT)
    query.dated = True

    def run(db: Any) -> tuple[list[dict[str, Any]], str]:
        named = match_agencies(db, query.agency) if query.agency else []
        return search_tasks(db, query), f"Nhiệm vụ — {named[0].name}" if named else "Nhiệm vụ"

    records, name = await read(datasette, run)
    data, _ = calendar(records, f"{request.scheme}://{request.host}", name=name)
    return Response(data, content_type="text/calendar; charset=utf-8", headers={"Content-Disposition": 'inline; filename="nhiem-vu.ics"'})


async def task_json(datasette: Datasette, request: Any) -> Response:
    uid = request.url_vars["uid"]
    if request.method == "POST":
        return await _correct(datasette, request, uid)
    detail = await read(datasette, lambda db: task_detail(db, uid))
    if detail is None:
        raise not_found("nhiệm vụ này")
    return _json(detail)


async def _correct(datasette: Datasette, request: Any, uid: str) -> Response:
    """Correct a task from a JSON body (answered with the task as JSON) or from the
    review page's form (answered by the review page, saved or with the error)."""
    if "application/json" in request.headers.get("content-type", ""):
        try:
            body = json.loads(await request.post_body() or b"{}")
        except ValueError:
            raise ClientError(400, "Nội dung yêu cầu không phải JSON hợp lệ.", "the request body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ClientError(400, "Nội dung yêu cầu phải là một đối tượng JSON.", "the request body must be a JSON object")
        author = str(body.pop("by", "") or DEFAULT_AUTHOR)
        await write(datasette, lambda db: Loader(db).correct(uid, body, author))
        return _json(await read(datasette, lambda db: task_detail(db, uid)))
    form = await request.post_vars()
    author = (form.get("by") or "").strip() or DEFAULT_AUTHOR
    changes = {name: form[name] for name in FIELDS if name in form}
    document = await read(datasette, lambda db: db.execute("SELECT document_id, task_id FROM tasks WHERE uid = ?", [uid]).fetchone())
    if document is None:
        raise not_found("nhiệm vụ này")
    try:
        await write(datasette, lambda db: Loader(db).correct(uid, changes, author))
    except Exception as exception:
        error = client_error(exception)
        if error is None:
            raise
        return await render_review(datasette, request, document[0], error=(uid, error.message), status=error.status)
    return Response.redirect(f"/-/review/{document[0]}?saved={uid}#task-{document[1]}", status=303)
