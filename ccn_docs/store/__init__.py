"""The task table: SQLite built with sqlite-utils, searched, exported and served."""

from .load import DocumentRecord, LineView, Loader, PageView, document_id, file_hash, run_lock, stored_state
from .schema import ROLE_LEAD, ROLE_SUPPORT, connect
from .search import SearchQuery, all_tasks, match_agencies, search_tasks

__all__ = [
    "DocumentRecord", "LineView", "Loader", "PageView", "ROLE_LEAD", "ROLE_SUPPORT", "SearchQuery",
    "all_tasks", "connect", "document_id", "file_hash", "match_agencies", "run_lock", "search_tasks",
    "stored_state",
]
