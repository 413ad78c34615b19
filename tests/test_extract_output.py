import csv
import io
import json

from ccn_docs.extract import extract_text
from ccn_docs.extract.output import render

from .extract_fixtures import CONG_VAN


def directive():
    return extract_text(CONG_VAN, source_file="cv.txt")


def test_json_is_document_and_tasks_and_a_list_for_several():
    one = json.loads(render([directive()], "json"))
    assert set(one) == {"document", "tasks"} and one["document"]["number"] == "1234/UBND-KT"
    assert len(json.loads(render([directive(), directive()], "json"))) == 2


def test_csv_has_a_row_per_task():
    rows = list(csv.DictReader(io.StringIO(render([directive()], "csv"))))
    assert len(rows) == 6 and rows[0]["agency"] == "Sở Công Thương" and rows[0]["line_start"] == "17"
    # "trước ngày 25/12 hằng năm": a yearly rule, no single date.
    assert (rows[0]["due_date"], rows[0]["rrule"]) == ("", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25")


def test_table_is_markdown_with_one_row_per_task():
    table = render([directive()], "table")
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| #")]
    assert len(rows) == 6
    assert rows[0].startswith("| 1 | Sở Công Thương | Chủ trì, phối hợp")
    assert "trước ngày 25/12 hằng năm / hằng năm" in rows[0]
