"""Browse and search the task table with Datasette, configured through metadata.

Datasette gives the table pages, facets, full-text search and the JSON/CSV
endpoints tracking systems integrate with (``/ccn/tasks.json``, ``.csv``, canned
queries ``/ccn/nhiem_vu_cua_co_quan.json?co_quan=...``). This module adds its
metadata (Vietnamese titles, facets, FTS, canned queries), two SQL functions the
canned queries use, and one plugin page: ``/-/review/<document id>``, the scan
beside its restored text with low-confidence words highlighted and every task
linked to its source lines, and the document's archive files (searchable PDF/A,
ALTO) for download when ``ccn run`` wrote them.
"""

from __future__ import annotations

import asyncio
import html
import io
import json
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils.asgi import Response
from markupsafe import Markup

from ..vietnamese import WORD_RE, fold, nfc
from .agencies import agency_key
from .load import ref_key
from .schema import ROLE_LEAD, connect

#: Words whose OCR/restoration confidence (0–100) is below this are highlighted.
LOW_CONFIDENCE = 60.0
#: Width of page images on the review page (keeps responses small).
IMAGE_WIDTH = 1000
TEMPLATES = Path(__file__).with_name("templates")

TASK_COLUMNS_SQL = (
    "t.uid, t.document_number, t.document_date, t.issuer, t.agency, t.co_agencies, t.task, "
    "t.ref_numbers, t.deadline, t.document_id"
)


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a task database served under the name ``database``."""
    return {
        "title": "Nhiệm vụ trong văn bản chỉ đạo",
        "description": "Nhiệm vụ trích xuất từ văn bản hành chính đã số hóa: cơ quan chủ trì, phối hợp, căn cứ pháp lý, thời hạn.",
        "databases": {
            database: {
                "title": "Bảng nhiệm vụ",
                "description": "Mỗi nhiệm vụ gắn với văn bản nguồn; tải JSON/CSV qua các đường dẫn .json và .csv của từng bảng.",
                "tables": {
                    "tasks": {
                        "title": "Nhiệm vụ",
                        "description": "Nhiệm vụ theo cơ quan chủ trì; tìm kiếm toàn văn có hoặc không dấu (\"so tai chinh\").",
                        "facets": ["agency", "document_number", {"array": "ref_numbers"}, "document_type"],
                        "fts_table": "tasks_fts",
                        "fts_pk": "rowid",
                        "sort_desc": "document_date",
                        "label_column": "task",
                        "size": 50,
                    },
                    "documents": {
                        "title": "Văn bản",
                        "description": "Văn bản đã xử lý; cột id mở trang đối chiếu ảnh quét với văn bản đã phục hồi.",
                        "facets": ["type", "issuer", "kind"],
                        "sort_desc": "date",
                        "label_column": "number",
                    },
                    "agencies": {"title": "Cơ quan", "description": "Tên chuẩn của cơ quan và các cách viết khác (viết tắt, không dấu).", "label_column": "name"},
                    "agency_aliases": {"title": "Tên gọi khác của cơ quan"},
                    "task_agencies": {"title": "Nhiệm vụ – cơ quan", "description": "Vai trò: chủ trì hoặc phối hợp.", "facets": ["role"]},
                    "legal_refs": {"title": "Căn cứ pháp lý", "description": "Văn bản được viện dẫn trong nhiệm vụ.", "facets": ["type", "year"], "label_column": "number"},
                    "task_legal_refs": {"title": "Nhiệm vụ – căn cứ pháp lý"},
                    "pages": {"title": "Trang", "description": "Văn bản đã phục hồi theo trang, kèm độ tin cậy từng từ."},
                },
                "queries": {
                    "nhiem_vu_cua_co_quan": {
                        "title": "Nhiệm vụ của một cơ quan",
                        "description": "Nhập tên cơ quan, tên viết tắt hoặc không dấu, ví dụ: so tai chinh, Sở TN&MT, UBND tỉnh.",
                        "sql": (
                            f"select ta.role as vai_tro, {TASK_COLUMNS_SQL} from agency_aliases x "
                            "join task_agencies ta on ta.agency_id = x.agency_id join tasks t on t.rowid = ta.task_rowid "
                            "where x.alias = ccn_agency_key(:co_quan) "
                            "order by t.document_date desc, t.document_id, t.seq limit 1000"
                        ),
                    },
                    "nhiem_vu_theo_can_cu": {
                        "title": "Nhiệm vụ viện dẫn một văn bản",
                        "description": "Nhập số hiệu văn bản được viện dẫn, ví dụ: 32/2024 hoặc 32/2024/NĐ-CP.",
                        "sql": (
                            f"select r.number as can_cu, {TASK_COLUMNS_SQL} from legal_refs r "
                            "join task_legal_refs l on l.ref_id = r.id join tasks t on t.rowid = l.task_rowid "
                            "where r.key = ccn_ref_key(:so_hieu) or r.key like ccn_ref_key(:so_hieu) || '/%' "
                            "or r.key like ccn_ref_key(:so_hieu) || '-%' "
                            "order by t.document_date desc, t.document_id, t.seq limit 1000"
                        ),
                    },
                },
            }
        },
    }


class ReviewPlugin:
    """Datasette hooks: SQL functions for canned queries, links to review pages,
    and the review page itself."""

    @staticmethod
    @hookimpl(trylast=True)
    def prepare_connection(conn) -> None:  # type: ignore[no-untyped-def]
        conn.create_function("ccn_agency_key", 1, lambda name: agency_key(name or ""), deterministic=True)
        conn.create_function("ccn_ref_key", 1, _ref_prefix, deterministic=True)
        # Replaces Datasette's own escape_fts (registered before this hook runs):
        # theirs fails on a lone '"' and cannot fold đ → d.
        conn.create_function("escape_fts", 1, _search_words, deterministic=True)

    @staticmethod
    @hookimpl
    def render_cell(row, value, column, table, datasette):  # type: ignore[no-untyped-def]
        if (table, column) in {("tasks", "document_id"), ("pages", "document_id")} and value:
            document = value
        elif (table, column) == ("documents", "source_file") and value:
            document = row["id"]
        else:
            return None
        url = datasette.urls.path(f"/-/review/{document}")
        return Markup(f'<a href="{html.escape(url)}" title="đối chiếu ảnh quét và văn bản">{html.escape(str(value))}</a>')

    @staticmethod
    @hookimpl
    def register_routes():  # type: ignore[no-untyped-def]
        return [
            (r"^/-/review/(?P<document_id>[0-9a-f]{12})$", review_page),
            (r"^/-/review/(?P<document_id>[0-9a-f]{12})/page/(?P<number>\d+)\.png$", page_image),
            (r"^/-/review/(?P<document_id>[0-9a-f]{12})/files/(?P<name>[^/]+)$", archive_file),
        ]


def _search_words(query: str | None) -> str:
    """A search box query as FTS5 phrases of its folded words, all required;
    '""' (matches nothing) when it has no words."""
    words = WORD_RE.findall(fold(nfc(query or "")).lower())
    return " ".join(f'"{word}"' for word in words) or '""'


def _ref_prefix(number: str | None) -> str:
    """The key a cited number starts with: '32/2024/NĐ-CP' → '32/2024/ND-CP'."""
    return ref_key(nfc(number or "").strip(" /-"), "") if number and number.strip() else ""


async def review_page(datasette: Datasette, request) -> Response:  # type: ignore[no-untyped-def]
    document_id = request.url_vars["document_id"]
    database = datasette.get_database()
    document = (await database.execute("select * from documents where id = ?", [document_id])).first()
    if document is None:
        return Response.html("<h1>Không tìm thấy văn bản</h1>", status=404)
    pages = (await database.execute("select * from pages where document_id = ? order by number", [document_id])).rows
    tasks = (await database.execute("select * from tasks where document_id = ? order by seq", [document_id])).rows
    task_lines: dict[int, list[tuple[int, str]]] = {}  # line → (task position, task id)
    for task in tasks:
        if task["line_start"]:
            for line in range(task["line_start"], (task["line_end"] or task["line_start"]) + 1):
                task_lines.setdefault(line, []).append((task["seq"], task["task_id"]))
    page_views = []
    for page in pages:
        lines = []
        for offset, words in enumerate(json.loads(page["lines"] or "[]")):
            number = page["first_line"] + offset
            lines.append(
                {
                    "number": number,
                    "words": [
                        {"text": text, "confidence": confidence, "low": confidence is not None and confidence < LOW_CONFIDENCE}
                        for text, confidence in words
                    ],
                    "tasks": task_lines.get(number, []),
                }
            )
        image = datasette.urls.path(f"/-/review/{document_id}/page/{page['number']}.png") if page["image"] else None
        page_views.append({"number": page["number"], "image": image, "lines": lines})
    task_views = [
        {
            "id": task["task_id"],
            "uid": task["uid"],
            "agency": task["agency"],
            "co_agencies": json.loads(task["co_agencies"] or "[]"),
            "task": task["task"],
            "deadline": task["deadline"],
            "refs": json.loads(task["ref_numbers"] or "[]"),
            "line_start": task["line_start"],
            "line_end": task["line_end"],
        }
        for task in tasks
    ]
    downloads = [
        {"name": path.name, "url": datasette.urls.path(f"/-/review/{document_id}/files/{path.name}"), "kind": ARCHIVE_KINDS[path.suffix.lower()]}
        for path in archive_outputs(document["json_path"])
    ]
    body = await datasette.render_template(
        "review.html",
        {"document": dict(document), "pages": page_views, "tasks": task_views, "low_confidence": LOW_CONFIDENCE, "lead": ROLE_LEAD,
         "downloads": downloads},
        request=request,
    )
    return Response.html(body)


#: Archive files offered for download, by suffix: what the page calls them and their media type.
ARCHIVE_KINDS = {".pdf": "PDF/A có lớp chữ", ".xml": "ALTO"}
_MEDIA_TYPES = {".pdf": "application/pdf", ".xml": "application/xml"}


def archive_outputs(json_path: str | None) -> list[Path]:
    """The archive files ``ccn run`` wrote for a document (listed in its JSON) that still exist."""
    try:
        listed = json.loads(Path(json_path).read_text(encoding="utf-8")).get("outputs", []) if json_path else []
    except (OSError, ValueError):
        return []
    return [Path(name) for name in listed if Path(name).suffix.lower() in ARCHIVE_KINDS and Path(name).is_file()]


async def archive_file(datasette: Datasette, request) -> Response:  # type: ignore[no-untyped-def]
    """One of a document's archive files; only files its JSON lists are served."""
    document_id, name = request.url_vars["document_id"], request.url_vars["name"]
    row = (await datasette.get_database().execute("select json_path from documents where id = ?", [document_id])).first()
    found = [path for path in archive_outputs(row["json_path"] if row else None) if path.name == name]
    if not found:
        return Response.text("not found", status=404)
    return Response(
        found[0].read_bytes(),
        content_type=_MEDIA_TYPES[found[0].suffix.lower()],
        headers={"Content-Disposition": f'attachment; filename="{found[0].name}"'},
    )


async def page_image(datasette: Datasette, request) -> Response:  # type: ignore[no-untyped-def]
    document_id, number = request.url_vars["document_id"], int(request.url_vars["number"])
    row = (
        await datasette.get_database().execute(
            "select image, image_page from pages where document_id = ? and number = ?", [document_id, number]
        )
    ).first()
    if row is None or not row["image"]:
        return Response.text("no image", status=404)
    png = await asyncio.get_running_loop().run_in_executor(None, _render_page, row["image"], row["image_page"] or 1)
    if png is None:
        return Response.text("scan not found", status=404)
    return Response(png, content_type="image/png", headers={"Cache-Control": "max-age=3600"})


def _render_page(path: str, page: int) -> bytes | None:
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


def build_datasette(db_path: Path) -> Datasette:
    """A configured Datasette over ``db_path``, which must be a task database of this
    ccn's schema (``DatabaseError`` otherwise)."""
    from datasette.plugins import pm

    db_path = Path(db_path)
    connect(db_path, create=False).close()
    if not pm.is_registered(ReviewPlugin):
        pm.register(ReviewPlugin, name="ccn_review")
    return Datasette(
        [str(db_path)],
        metadata=metadata(db_path.stem),
        template_dir=str(TEMPLATES),
        settings={"default_page_size": 50, "sql_time_limit_ms": 2000, "facet_time_limit_ms": 500},
    )


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve until interrupted."""
    import uvicorn

    datasette = build_datasette(db_path)
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")

