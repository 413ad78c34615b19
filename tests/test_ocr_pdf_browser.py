"""The searchable PDF in a real browser: Debian's chromium (driven by Playwright, no
browser download) opens it in its PDF viewer, and the text PDFium reads from the
page (the viewer's select-all) holds the words restoration wrote, which the scan
itself does not show."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import sync_playwright

from ccn_docs.inputs import page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.pdf import DocumentInfo, write_searchable_pdf
from ccn_docs.run.archive import restore_keeping_reading

from .ocr_fixtures import jpeg_pdf, text_strip
from .test_serve_browser import CHROMIUM, FLAGS

pytestmark = pytest.mark.slow  # a headless browser

VIEWER_TEXT = "(async () => { const c = window.viewer.currentController; c.selectAll(); return (await c.getSelectedText()).selectedText; })()"


def viewer_text(url: str) -> str:
    """Select all in chromium's PDF viewer and return the text it selected."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(url)
            devtools = browser.new_browser_cdp_session()
            replies: dict = {}
            devtools.on("Target.receivedMessageFromTarget", lambda event: replies.update({json.loads(event["message"]).get("id"): json.loads(event["message"])}))
            deadline = time.monotonic() + 30
            while True:  # the viewer is an extension frame, reached through the DevTools protocol
                viewers = [t for t in devtools.send("Target.getTargets")["targetInfos"] if t["url"].startswith("chrome-extension://")]
                if viewers:
                    target = devtools.send("Target.attachToTarget", {"targetId": viewers[0]["targetId"], "flatten": False})["sessionId"]
                    request = {"id": 1, "method": "Runtime.evaluate", "params": {"expression": VIEWER_TEXT, "awaitPromise": True, "returnByValue": True}}
                    devtools.send("Target.sendMessageToTarget", {"sessionId": target, "message": json.dumps(request)})
                    while 1 not in replies and time.monotonic() < deadline:
                        page.wait_for_timeout(100)
                    result = replies.get(1, {}).get("result", {}).get("result", {})
                    # The viewer answers "" until PDFium has loaded the document's text.
                    if result.get("type") == "string" and (result["value"].strip() or time.monotonic() > deadline):
                        return result["value"]
                    replies.clear()
                if time.monotonic() > deadline:
                    raise TimeoutError("chromium's PDF viewer did not answer")
                page.wait_for_timeout(300)
        finally:
            browser.close()


def test_chromium_finds_the_restored_words(tmp_path):
    scan = jpeg_pdf(text_strip("Uy ban nhan dan tinh Bac Giang bao cao ket qua"), tmp_path / "scan.pdf")
    page = restore_keeping_reading(ocr_page(page_jobs(scan)[0]))
    restored = [word.text for line in page.lines for word in line.words if word.ocr_text]
    assert "Bắc" in restored and "nhân" in restored
    output = tmp_path / "searchable.pdf"
    write_searchable_pdf(scan, [page], output, DocumentInfo("ccn_docs test"))
    text = viewer_text(output.as_uri())
    assert "Ủy ban nhân dân tỉnh Bắc Giang" in text
