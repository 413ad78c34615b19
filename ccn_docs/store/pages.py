"""The pages of ``ccn serve``, in Vietnamese: the task search (``/``), the review
page of a document (``/-/review/<id>``: scan beside restored lines, each task with
a correction form) and the list of corrections (``/-/corrections``)."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import date
from pathlib import Path
from typing import Any, Optional

from datasette.app import Datasette
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from ..vietnamese import WORD_RE, fold, nfc
from .agencies import agency_key
from .calendar import shown_date
from .corrections import FIELDS, STATUSES, by_document, listing
from .load import lead_names, ref_key
from .schema import ROLE_LEAD, ROLE_SUPPORT
from .search import DEADLINES, ROLES, WINDOW, Found, SearchQuery, Understood, find, tasks_of_document, understand
from .web import FILTERS, integer, not_found, read, search_query, url

#: Words whose OCR/restoration confidence (0–100) is below this are highlighted.
LOW_CONFIDENCE = 60.0
#: Width of page images on the review page (keeps responses small).
IMAGE_WIDTH = 1000
#: Task cards per page of results.
PAGE_SIZE = 20
FACET_TITLES = {
    "agency": "Cơ quan", "role": "Vai trò", "deadline": "Thời hạn", "status": "Trạng thái",
    "issuer": "Cơ quan ban hành", "type": "Loại văn bản", "year": "Năm ban hành",
}
#: Labels of the filters a page may carry, for the list of active filters.
FILTER_LABELS = {**FACET_TITLES, "ref": "Căn cứ", "doc": "Văn bản", "number": "Số hiệu", "since": "Từ ngày", "until": "Đến ngày"}
ROLE_LABELS = {ROLE_LEAD: "Chủ trì", ROLE_SUPPORT: "Phối hợp"}


def highlight(text: str, words: set[str]) -> Markup:
    """``text`` escaped, its words whose folded form is among ``words`` marked."""
    if not words:
        return escape(text)
    parts: list[str] = []
    last = 0
    for match in WORD_RE.finditer(text):
        if fold(match.group(0)).lower() in words:
            parts += [str(escape(text[last:match.start()])), f"<mark>{escape(match.group(0))}</mark>"]
            last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def card(record: dict[str, Any], words: set[str], loaded: dict[str, str], today: date, agency: Optional[str] = None) -> dict[str, Any]:
    """What a task card shows. ``loaded``: reference keys → ids of documents in the
    database; ``agency``: the agency searched for, whose role the card names."""
    leads = lead_names(record["agency"])
    role = None
    if agency:
        key = agency_key(agency)
        role = ROLE_LEAD if any(agency_key(name) == key for name in leads) else ROLE_SUPPORT
    refs = []
    for ref in record["legal_refs"]:
        key = ref_key(ref.get("number"), ref["text"])
        refs.append({
            "label": ref.get("number") or ref["text"], "title": ref["text"],
            "document": f"/-/review/{loaded[key]}" if key in loaded else None,
            "citing": url("/", {"ref": ref.get("number") or ref["text"]}),
        })
    line = record["source"]["line_start"]
    review = f"/-/review/{record['document_id']}"
    return {
        **record,
        "leads": leads,
        "role": ROLE_LABELS.get(role or ""),
        "text": highlight(record["task"], words),
        "refs": refs,
        "due": shown_date(record["due_date"]),
        "overdue": bool(record["due_date"] and record["due_date"] < today.isoformat() and record["status"] == "open"),
        "status_label": STATUSES[record["status"]],
        "review": review + (f"#l{line}" if line else ""),
        "edit": f"{review}#task-{record['id']}",
        "document_day": shown_date(record["document_date"]),
        "lines": f"{line}–{record['source']['line_end']}" if line and record["source"]["line_end"] not in (None, line) else (str(line) if line else ""),
    }


def _loaded_documents(db: Any, records: list[dict[str, Any]]) -> dict[str, str]:
    """Reference keys of ``records``' citations → ids of the cited documents loaded."""
    keys = sorted({ref_key(ref.get("number"), ref["text"]) for record in records for ref in record["legal_refs"] if ref.get("number")})
    if not keys:
        return {}
    rows = db.execute(f"SELECT number_key, id FROM documents WHERE number_key IN ({','.join('?' * len(keys))})", keys).fetchall()
    return dict(rows)


async def home(datasette: Datasette, request: Any) -> Response:
    """The task search: one box (agency, number or words), facets, task cards."""
    args = request.args
    box = " ".join((args.get("q") or "").split())
    literal = args.get("as_text") == "1"
    page = integer("page", args.get("page"), 1, 1, 10**6)
    understood = await read(datasette, lambda db: understand(db, box)) if box and not literal else Understood(text=box or None)
    query = search_query(args, limit=PAGE_SIZE)
    query.text = understood.text
    query.agency = query.agency or understood.agency
    query.number = query.number or understood.number
    query.limit, query.offset = PAGE_SIZE, (page - 1) * PAGE_SIZE
    today = date.today()
    query.today = today

    def run(db: Any) -> tuple[Found, dict[str, str]]:
        found = find(db, query)
        return found, _loaded_documents(db, found.tasks)

    found, loaded = await read(datasette, run)
    words = {fold(word).lower() for word in WORD_RE.findall(nfc(query.text or ""))}
    agency = found.agencies[0].name if found.agencies else None
    current = {name: args.get(name) for name in FILTERS} | {"q": box, "as_text": "1" if literal else None}
    context = {
        "box": box,
        "understood": _understood(understood) if box and not literal else [],
        "literal_url": url("/", {**current, "as_text": "1"}) if (understood.agency or understood.number) else None,
        "filters": [(FILTER_LABELS[name], _filter_label(name, value), url("/", {**current, name: None}))
                    for name, value in current.items() if name in FILTER_LABELS and value],
        "facets": _facets(found, current),
        "tasks": [card(record, words, loaded, today, agency) for record in found.tasks],
        "found": found,
        "page": page,
        "previous": url("/", {**current, "page": page - 1}) if page > 1 else None,
        "next": url("/", {**current, "page": page + 1})
        if len(found.tasks) == PAGE_SIZE and (not found.counted_all or query.offset + PAGE_SIZE < found.total) else None,
        "cited": _cited(query.ref, loaded) if query.ref else None,
        "api": url("/tasks.json", _api_args(query, current)),
        "calendar": url("/calendar.ics", _api_args(query, current)),
        "agency_matched": agency,
        "window": WINDOW,
    }
    return Response.html(await datasette.render_template("ccn_home.html", context, request=request))


def _understood(understood: Understood) -> list[tuple[str, str]]:
    parts = []
    if understood.agency:
        parts.append(("Cơ quan", understood.agency))
    if understood.number:
        parts.append(("Số hiệu (văn bản giao hoặc được viện dẫn)", understood.number))
    if understood.text:
        parts.append(("Từ khóa", understood.text))
    return parts


def _filter_label(name: str, value: str) -> str:
    labels = {"role": {k: ROLE_LABELS[v] for k, v in ROLES.items()}, "deadline": DEADLINES, "status": STATUSES}.get(name, {})
    return labels.get(value, value)


def _facets(found: Found, current: dict[str, Any]) -> list[dict[str, Any]]:
    facets = []
    for name, title in FACET_TITLES.items():
        values = [
            {"label": facet.label, "count": facet.count, "selected": current.get(name) == facet.value,
             "url": url("/", {**current, name: None if current.get(name) == facet.value else facet.value})}
            for facet in found.facets.get(name, [])
        ]
        if values:
            facets.append({"name": name, "title": title, "values": values})
    return facets


def _cited(ref: str, loaded: dict[str, str]) -> dict[str, Any]:
    """The heading of "tasks citing this document": its number, and its review page when loaded."""
    key = ref_key(ref, ref)
    return {"number": ref, "document": f"/-/review/{loaded[key]}" if key in loaded else None}


def _api_args(query: SearchQuery, current: dict[str, Any]) -> dict[str, Any]:
    """The JSON API's parameters for what the page shows (the box read as filters)."""
    return {**{name: current.get(name) for name in FILTERS}, "q": query.text, "agency": query.agency, "number": query.number}


async def review(datasette: Datasette, request: Any) -> Response:
    return await render_review(datasette, request, request.url_vars["document_id"])


async def render_review(datasette: Datasette, request: Any, document_id: str, error: Optional[tuple[str, str]] = None, status: int = 200) -> Response:
    """A document's review page; ``error``: (task uid, message) of a correction refused."""

    def load(db: Any) -> Optional[dict[str, Any]]:
        document = next(db.query("SELECT * FROM documents WHERE id = ?", [document_id]), None)
        if document is None:
            return None
        tasks = tasks_of_document(db, document_id)
        return {
            "document": document, "pages": list(db.query("SELECT * FROM pages WHERE document_id = ? ORDER BY number", [document_id])),
            "tasks": tasks, "corrections": by_document(db, document_id), "loaded": _loaded_documents(db, tasks),
        }

    found = await read(datasette, load)
    if found is None:
        raise not_found("văn bản này")
    task_lines: dict[int, list[tuple[int, str]]] = {}  # line → (task position, task id)
    for number, task in enumerate(found["tasks"], start=1):
        start = task["source"]["line_start"]
        if start:
            for line in range(start, (task["source"]["line_end"] or start) + 1):
                task_lines.setdefault(line, []).append((number, task["id"]))
    page_views = []
    for page in found["pages"]:
        lines = []
        for offset, words in enumerate(json.loads(page["lines"] or "[]")):
            number = page["first_line"] + offset
            lines.append({
                "number": number,
                "words": [{"text": text, "confidence": confidence, "low": confidence is not None and confidence < LOW_CONFIDENCE}
                          for text, confidence in words],
                "tasks": task_lines.get(number, []),
            })
        image = f"/-/review/{document_id}/page/{page['number']}.png" if page["image"] else None
        page_views.append({"number": page["number"], "image": image, "lines": lines})
    today = date.today()
    history = found["corrections"]
    tasks = []
    for record in found["tasks"]:
        view = card(record, set(), found["loaded"], today)
        view["history"] = [c for c in history if c.uid == record["uid"]]
        view["form"] = {
            "agency": "; ".join(view["leads"]), "co_agencies": "; ".join(record["co_agencies"]),
            "legal_refs": "; ".join(ref.get("number") or ref["text"] for ref in record["legal_refs"]),
        }
        view["error"] = error[1] if error and error[0] == record["uid"] else None
        tasks.append(view)
    context = {
        "document": found["document"], "pages": page_views, "tasks": tasks, "low_confidence": LOW_CONFIDENCE,
        "orphans": [c for c in history if c.orphaned], "fields": FIELDS, "statuses": STATUSES,
        "saved": request.args.get("saved"), "issued": shown_date(found["document"]["date"]),
        "downloads": [
            {"name": path.name, "url": f"/-/review/{document_id}/files/{path.name}", "kind": ARCHIVE_KINDS[path.suffix.lower()]}
            for path in archive_outputs(found["document"]["json_path"])
        ],
    }
    return Response.html(await datasette.render_template("ccn_review.html", context, request=request), status=status)


#: Archive files offered for download, by suffix: what the page calls them and their media type.
ARCHIVE_KINDS = {".pdf": "PDF/A có lớp chữ", ".xml": "ALTO"}
_MEDIA_TYPES = {".pdf": "application/pdf", ".xml": "application/xml"}


def archive_outputs(json_path: Optional[str]) -> list[Path]:
    """The archive files ``ccn run`` wrote for a document (listed in its JSON) that still exist."""
    try:
        listed = json.loads(Path(json_path).read_text(encoding="utf-8")).get("outputs", []) if json_path else []
    except (OSError, ValueError):
        return []
    return [Path(name) for name in listed if Path(name).suffix.lower() in ARCHIVE_KINDS and Path(name).is_file()]


async def archive_file(datasette: Datasette, request: Any) -> Response:
    """One of a document's archive files; only files its JSON lists are served."""
    document_id, name = request.url_vars["document_id"], request.url_vars["name"]
    row = await read(datasette, lambda db: db.execute("SELECT json_path FROM documents WHERE id = ?", [document_id]).fetchone())
    found = [path for path in archive_outputs(row[0] if row else None) if path.name == name]
    if not found:
        raise not_found("tệp lưu trữ này")
    return Response(
        found[0].read_bytes(),
        content_type=_MEDIA_TYPES[found[0].suffix.lower()],
        headers={"Content-Disposition": f'attachment; filename="{found[0].name}"'},
    )


async def corrections_page(datasette: Datasette, request: Any) -> Response:
    """Every correction, newest first; those of tasks no longer extracted marked."""
    orphaned = request.args.get("orphaned") == "1"
    found = await read(datasette, lambda db: listing(db, orphaned=orphaned))
    context = {"corrections": list(reversed(found)), "orphaned": orphaned, "fields": FIELDS}
    return Response.html(await datasette.render_template("ccn_corrections.html", context, request=request))


async def page_image(datasette: Datasette, request: Any) -> Response:
    document_id, number = request.url_vars["document_id"], int(request.url_vars["number"])
    row = await read(datasette, lambda db: db.execute(
        "SELECT image, image_page FROM pages WHERE document_id = ? AND number = ?", [document_id, number]).fetchone())
    if row is None or not row[0]:
        raise not_found("ảnh quét của trang này")
    png = await asyncio.get_running_loop().run_in_executor(None, _render_page, row[0], row[1] or 1)
    if png is None:
        raise not_found("tệp ảnh quét (đã bị chuyển hoặc xóa)")
    return Response(png, content_type="image/png", headers={"Cache-Control": "max-age=3600"})


def _render_page(path: str, page: int) -> Optional[bytes]:
    """The scan's page as a PNG at review width (None when the scan is gone)."""
    from ..errors import CcnError
    from ..inputs import load_image, page_jobs

    try:
        jobs = page_jobs(Path(path), dpi=100)
        image = load_image(jobs[page - 1])
    except (CcnError, IndexError):
        return None
    if image.width > IMAGE_WIDTH:
        image = image.resize((IMAGE_WIDTH, round(image.height * IMAGE_WIDTH / image.width)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
