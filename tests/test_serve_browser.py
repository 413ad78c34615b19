"""``ccn serve`` in a real headless browser: Debian's chromium driven by Playwright
(no browser download, no network), against a server started on a free port over a
database ``ccn run`` built. A member of staff searches, filters, opens a review,
corrects an agency, finds the correction in search and export, and keeps it when
``ccn run`` re-extracts the document, also while that run is loading.

Set ``CCN_SCREENSHOTS`` to a folder to keep the screenshots the README shows
(``make screenshots`` writes them to docs/images/).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from typer.testing import CliRunner

from ccn_docs.cli import app
from ccn_docs.store import connect

from .directives import directive_text

pytestmark = pytest.mark.slow  # ccn run, a server and a headless browser

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "samples" / "bac-giang-2029-ubnd-ktth.ocr.txt"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Directives written for this test, beside the sample: deadlines of every kind.
DIRECTIVES = {
    "cong-van-312.txt": """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 312/UBND-NN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 02 tháng 10 năm 2026
V/v chủ động phòng, chống thiên tai trong mùa mưa bão cuối năm 2026
Căn cứ Luật Phòng, chống thiên tai năm 2013 và Nghị định số 66/2021/NĐ-CP ngày 06/7/2021 của Chính phủ;
Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:
1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài chính rà soát phương án ứng phó thiên tai theo cấp độ rủi ro, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.
2. Ủy ban nhân dân các huyện, thị xã, thành phố kiểm tra an toàn đê điều, hồ chứa nước; báo cáo tình hình hằng tuần về Sở Nông nghiệp và Môi trường.
3. Sở Tài chính bố trí kinh phí khắc phục hậu quả thiên tai theo Nghị định số 66/2021/NĐ-CP, hoàn thành trong tháng 11 năm 2026.
4. Công an tỉnh chủ trì xây dựng phương án sơ tán dân cư vùng ngập lụt, hoàn thành trong quý IV năm 2026.

Nơi nhận:
- Như trên;
- Lưu: VT, NN.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Nam
""",
    "ke-hoach-95.txt": """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 95/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 20 tháng 11 năm 2026
KẾ HOẠCH
Chuyển đổi số trong giải quyết thủ tục hành chính năm 2027
Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, hoàn thành trong quý I năm 2027.
2. Văn phòng Ủy ban nhân dân tỉnh tổng hợp kết quả số hóa hồ sơ, báo cáo Ủy ban nhân dân tỉnh trước ngày 25 hằng tháng.
3. Sở Nội vụ đào tạo kỹ năng số cho cán bộ, công chức cấp xã trong năm 2027.
4. Sở Tài chính thẩm định dự toán kinh phí thực hiện Kế hoạch, trình Ủy ban nhân dân tỉnh trước ngày 10/12/2026.

Nơi nhận:
- Như trên;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Bình
""",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ccn(*args: object) -> str:
    """A ccn command in this process (the models load once), which must succeed; its output."""
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result.output


def ccn_process(*args: object) -> subprocess.Popen:
    """A ccn command as a process of its own, in the background."""
    return subprocess.Popen([sys.executable, "-m", "ccn_docs", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    inputs = folder / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / SAMPLE.name)
    for name, text in DIRECTIVES.items():
        (inputs / name).write_text(text, encoding="utf-8")
    (inputs / "cong-van-118.txt").write_text(directive_text(), encoding="utf-8")
    db = folder / "ccn.db"
    ccn("run", inputs, "--db", db, "--jobs", 1)
    port = free_port()
    log = open(folder / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "ccn_docs", "serve", "--db", str(db), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"ccn serve did not start: {(folder / 'serve.log').read_text()[-2000:]}")
            time.sleep(0.3)
    yield {"url": url, "db": db, "inputs": inputs, "folder": folder, "log": folder / "serve.log"}
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def page(site):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        yield tab
        browser.close()


def screenshot(page, name: str) -> None:
    folder = os.environ.get("CCN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


def search(page, site, box: str) -> None:
    page.goto(site["url"] + "/")
    page.fill("input[name=q]", box)
    page.locator("input[name=q]").press("Enter")
    page.wait_for_load_state("networkidle")


def card_agencies(page) -> list[str]:
    return [text.strip() for text in page.locator("article.task header .agency strong").all_inner_texts()]


def exported(site) -> dict[str, dict]:
    target = site["folder"] / "tasks.jsonl"
    ccn("export", "--format", "jsonl", "-o", target, "--db", site["db"])
    return {row["uid"]: row for row in map(json.loads, target.read_text(encoding="utf-8").splitlines())}


def test_home_page_search_and_facet(site, page):
    page.goto(site["url"] + "/")
    expect(page.locator("h3", has_text="Cơ quan").first).to_be_visible()
    screenshot(page, "home.png")
    search(page, site, "so tai chin")  # a typo
    expect(page.locator(".understood")).to_contain_text("Sở Tài chính")
    everyone = page.locator("article.task").count()
    assert everyone >= 2
    screenshot(page, "agency-search.png")
    page.locator("aside.facets a", has_text="Chủ trì").click()
    page.wait_for_load_state("networkidle")
    leading = page.locator("article.task").count()
    assert 1 <= leading < everyone
    assert all("Sở Tài chính" in agency for agency in card_agencies(page))
    expect(page.locator(".filters")).to_contain_text("Vai trò: Chủ trì")


def test_open_review_correct_an_agency_and_keep_it_across_a_run(site, page):
    search(page, site, "Công an tỉnh")
    first = page.locator("article.task").first
    uid = first.get_attribute("id")
    first.locator("footer a", has_text="dòng").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("Đối chiếu văn bản")
    assert page.evaluate("location.hash").startswith("#l")
    item = page.locator(f"li:has(form[action='/-/tasks/{uid}'])")
    item.locator("summary").click()
    item.locator("input[name=agency]").fill("Bộ Chỉ huy Quân sự tỉnh")
    item.locator("input[name=by]").fill("Nguyễn Thị Lan")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".saved")).to_have_text("Đã lưu sửa đổi.")
    item = page.locator(f"li:has(form[action='/-/tasks/{uid}'])")
    item.locator("summary").click()
    expect(item.locator("table.history")).to_contain_text("Công an tỉnh")
    item.scroll_into_view_if_needed()
    screenshot(page, "review-correction.png")

    search(page, site, "bo chi huy quan su")  # the start of its name
    assert page.locator("article.task").evaluate_all("cards => cards.map(c => c.id)") == [uid]
    corrected = exported(site)[uid]
    assert corrected["agency"] == "Bộ Chỉ huy Quân sự tỉnh" and corrected["edited"] is True

    ccn("run", site["inputs"], "--db", site["db"], "--jobs", 1, "--force")
    search(page, site, "bo chi huy quan su")  # the start of its name
    assert page.locator("article.task").evaluate_all("cards => cards.map(c => c.id)") == [uid]
    expect(page.locator(f"[id='{uid}'] .badge.edited")).to_be_visible()
    assert exported(site)[uid]["agency"] == "Bộ Chỉ huy Quân sự tỉnh"


def run_in_progress(db: Path) -> bool:
    with open(str(db) + ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def test_a_correction_is_accepted_while_a_run_loads_the_database(site):
    db = connect(site["db"], create=False)
    before = dict(db.execute("SELECT path, loaded_at FROM documents").fetchall())
    run = ccn_process("run", site["inputs"], "--db", site["db"], "--jobs", 1, "--force")
    try:
        waiting = time.monotonic() + 300
        while True:  # until the run has reloaded one document and not yet all
            now = dict(db.execute("SELECT path, loaded_at FROM documents").fetchall())
            pending = sorted(path for path in before if now.get(path) == before[path])  # in the run's order
            if len(pending) < len(before) and pending:
                break
            assert run.poll() is None and time.monotonic() < waiting, f"the run ended first: {run.communicate()}"
            time.sleep(0.05)
        path = pending[-1]
        uid = db.execute("SELECT uid FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.path = ? ORDER BY seq", [path]).fetchone()[0]
        request = urllib.request.Request(
            f"{site['url']}/-/tasks/{uid}", data=json.dumps({"agency": "Sở Nội vụ", "status": "done", "by": "Trần Minh"}).encode(),
            headers={"content-type": "application/json"}, method="POST")
        assert run_in_progress(site["db"])
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.load(response)
        assert run_in_progress(site["db"]), "the run ended before the correction was answered"
        assert answer["agency"] == "Sở Nội vụ" and time.monotonic() - started < 30
        corrected_at = db.execute("SELECT max(at) FROM corrections").fetchone()[0]
    finally:
        output = run.communicate(timeout=300)
    assert run.returncode == 0, output
    reloaded = db.execute("SELECT loaded_at FROM documents WHERE path = ?", [path]).fetchone()[0]
    assert reloaded >= corrected_at  # the run re-extracted that document after the correction ...
    row = db.execute("SELECT agency, status, edited FROM tasks WHERE uid = ?", [uid]).fetchone()
    assert row == ("Sở Nội vụ", "done", 1)  # ... and the correction is still there


def test_unknown_ids_leave_no_traceback_in_the_server_log(site, page):
    for path in ("/-/review/000000000000", "/-/review/nope", "/-/tasks/nope", "/?page=-3"):
        response = page.goto(site["url"] + path)
        assert response.status in (400, 404)
    expect(page.locator("h1")).to_have_text("Yêu cầu không hợp lệ")
    log = site["log"].read_text(encoding="utf-8")
    assert "Traceback" not in log and "Error" not in log
