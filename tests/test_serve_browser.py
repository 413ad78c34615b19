"""``ccn serve`` in a real headless browser: Debian's chromium driven by Playwright
(no browser download, no network), against a server started on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from ccn_docs.store import Loader, connect

from .directives import industry_directive, land_directive, record

pytestmark = pytest.mark.slow  # a Datasette server and a headless browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    Loader(connect(folder / "ccn.db")).load([record(industry_directive(), folder), record(land_directive(), folder)])
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "ccn_docs", "serve", "--db", str(folder / "ccn.db"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"ccn serve did not start: {process.communicate()[1].decode()[-2000:]}")
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        tab = browser.new_page()
        yield tab
        browser.close()


def agency_cells(page):
    header = [cell.inner_text().strip() for cell in page.locator("table.rows-and-columns thead th").all()]
    column = header.index("agency") + 1
    return [cell.inner_text().strip() for cell in page.locator(f"table.rows-and-columns tbody tr td:nth-child({column})").all()]


def test_search_for_an_agency_in_the_canned_query(server, page):
    page.goto(f"{server}/ccn/nhiem_vu_cua_co_quan")
    assert "Nhiệm vụ của một cơ quan" in page.content()
    page.fill("input[name=co_quan]", "so tai chinh")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_load_state("networkidle")
    agencies = agency_cells(page)
    assert sorted(agencies) == ["Sở Tài Chính; UBND các huyện", "Sở Tài chính"]
    assert "Sở Tư pháp" not in agencies


def test_table_search_box_and_facets(server, page):
    page.goto(f"{server}/ccn/tasks")
    assert "Nhiệm vụ" in page.title() or "Nhiệm vụ" in page.content()
    assert page.locator(".facet-info").count() >= 3  # agency, document, reference, type facets
    page.fill("input[name=_search]", "đất")
    page.locator("input[name=_search]").press("Enter")
    page.wait_for_load_state("networkidle")
    assert len(agency_cells(page)) == 2  # "Luật Đất đai" task and "quỹ đất sạch" task


def test_review_page_from_a_task_row(server, page):
    page.goto(f"{server}/ccn/tasks?document_number=2029%2FUBND-KTTH")
    page.locator("a[title='đối chiếu ảnh quét và văn bản']").first.click()
    page.wait_for_load_state("networkidle")
    assert "Đối chiếu văn bản 2029/UBND-KTTH" in page.content()
    assert page.locator("mark.low").count() >= 1
    page.locator("a.source-link").first.click()
    assert page.evaluate("location.hash") == "#l2"
