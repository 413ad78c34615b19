"""An in-process client of ``ccn serve`` over a database the test builds."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from ccn_docs.store import DocumentRecord, Loader, connect
from ccn_docs.store.serve import build_datasette


class Client:
    def __init__(self, folder: Path, records: list[DocumentRecord]) -> None:
        self.path = folder / "ccn.db"
        self.db = connect(self.path)
        Loader(self.db).load(records)
        self.datasette = build_datasette(self.path)
        asyncio.run(self.datasette.invoke_startup())

    def get(self, path: str, **kwargs):
        return asyncio.run(self.datasette.client.get(path, **kwargs))

    def post(self, path: str, **kwargs):
        return asyncio.run(self.datasette.client.post(path, **kwargs))

    def post_form(self, page: str, action: str, fields: dict[str, str]):
        """Submit a form of ``page`` as a browser would: with the page's CSRF token and cookie."""
        shown = self.get(page)
        token = re.search(r'name="csrftoken" value="([^"]+)"', shown.text).group(1)
        return self.post(action, data={**fields, "csrftoken": token}, cookies={"ds_csrftoken": shown.cookies["ds_csrftoken"]})

    def uid(self, document_number: str, task_id: str) -> str:
        return self.db.execute("SELECT uid FROM tasks WHERE document_number = ? AND task_id = ?", [document_number, task_id]).fetchone()[0]
