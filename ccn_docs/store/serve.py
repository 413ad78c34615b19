"""``ccn serve``: the staff's pages and the integrators' API on the task database,
as a Datasette plugin.

The plugin's routes (``pages``, ``api``) come first: the task search at ``/``, the
review pages, the corrections, ``/tasks.json``, ``/calendar.ics`` and
``/-/tasks/<uid>``. Datasette itself still browses every table under
``/<database>`` (Vietnamese titles, facets, full-text search, canned queries
``nhiem_vu_cua_co_quan`` and ``nhiem_vu_theo_can_cu``, and its ``.json``/``.csv``
forms). The review page offers the document's archive files (searchable PDF/A,
ALTO) when ``ccn run`` wrote them. Every error, Datasette's included, is answered by ``web.error_response``.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from markupsafe import Markup

from ..vietnamese import nfc
from . import api, pages
from .agencies import agency_key
from .load import ref_key
from .schema import connect
from .search import fts_query
from .web import error_response

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


class StaffPlugin:
    """Datasette hooks: the staff pages and API as routes, SQL functions for the
    canned queries, links from the browser's tables to review pages, and errors
    answered in Vietnamese."""

    @staticmethod
    @hookimpl(trylast=True)
    def prepare_connection(conn) -> None:  # type: ignore[no-untyped-def]
        conn.create_function("ccn_agency_key", 1, lambda name: agency_key(name or ""), deterministic=True)
        conn.create_function("ccn_ref_key", 1, _ref_prefix, deterministic=True)
        # Replaces Datasette's own escape_fts (registered before this hook runs):
        # theirs fails on a lone '"' and cannot fold đ → d; ours searches the task's
        # words only, and '""' (nothing) when there are none.
        conn.create_function("escape_fts", 1, lambda query: fts_query(query or "") or '""', deterministic=True)

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
            (r"^/$", pages.home),
            (r"^/tasks\.json$", api.tasks_json),
            (r"^/calendar\.ics$", api.calendar_ics),
            (r"^/-/tasks/(?P<uid>[^/]+)$", api.task_json),
            (r"^/-/corrections$", pages.corrections_page),
            (r"^/-/review/(?P<document_id>[^/]+)/page/(?P<number>\d+)\.png$", pages.page_image),
            (r"^/-/review/(?P<document_id>[^/]+)/files/(?P<name>[^/]+)$", pages.archive_file),
            (r"^/-/review/(?P<document_id>[^/]+)$", pages.review),
        ]

    @staticmethod
    @hookimpl
    def prepare_jinja2_environment(env):  # type: ignore[no-untyped-def]
        env.filters["number"] = lambda value: f"{value:,}".replace(",", ".")  # 10.000, as Vietnamese write it
        env.filters["shown"] = _shown

    @staticmethod
    @hookimpl
    def extra_template_vars(datasette):  # type: ignore[no-untyped-def]
        return {"ccn_database_url": datasette.urls.database(datasette.get_database().name)}

    @staticmethod
    @hookimpl
    def handle_exception(datasette, request, exception):  # type: ignore[no-untyped-def]
        return error_response(datasette, request, exception)

    @staticmethod
    @hookimpl
    def skip_csrf(scope):  # type: ignore[no-untyped-def]
        # The JSON API: a browser sends application/json across sites only after a
        # CORS preflight this server never grants; the review page's form carries its token.
        headers = dict(scope.get("headers") or [])
        return scope["path"].startswith("/-/tasks/") and b"application/json" in headers.get(b"content-type", b"")


def _shown(value: Any) -> str:
    """A corrected field's value as text: lists joined by '; ', nothing for None."""
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def _ref_prefix(number: str | None) -> str:
    """The key a cited number starts with: '32/2024/NĐ-CP' → '32/2024/ND-CP'."""
    return ref_key(nfc(number or "").strip(" /-"), "") if number and number.strip() else ""


def build_datasette(db_path: Path) -> Datasette:
    """A configured Datasette over ``db_path``, which must be a task database of this
    ccn's schema (``DatabaseError`` otherwise)."""
    from datasette.plugins import pm

    db_path = Path(db_path)
    connect(db_path, create=False).close()
    if not pm.is_registered(StaffPlugin):
        pm.register(StaffPlugin, name="ccn_staff")
        # Its answer prints a traceback for every 404; ours logs server faults only.
        pm.unregister(name="datasette.handle_exception")
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

