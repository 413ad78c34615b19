"""ALTO v4 XML of a recognised page (the Library of Congress layout-and-text format).

One file per page. Boxes are pixels of the page as scanned, at ``Page.dpi``
(turned back from the straightened frame Tesseract saw, ``frame.scanned_box``).
Each ``String`` carries ccn's restored reading as CONTENT, Tesseract's word
confidence as WC (0–1) and, when restoration changed the word, Tesseract's own
reading as an ``ALTERNATIVE``. Lines are grouped into ``TextBlock``s by layout
kind (header column, body, footnote), each tagged with a ``LayoutTag``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from xml.etree import ElementTree

from ..types import BBox, Line, Page
from .frame import scanned_box

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_VERSION = "4.3"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.loc.gov/standards/alto/v4/alto-4-3.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Layout kinds of ``Line.kind`` (and header columns) as ALTO layout tags.
TAGS = {
    ("header", 0): "header-left",
    ("header", 1): "header-right",
    ("body", 0): "body",
    ("footnote", 0): "footnote",
}


def alto_xml(page: Page, *, image_name: str, software_version: str) -> bytes:
    """The page as an ALTO v4 document (UTF-8 bytes); ``image_name`` names the
    scan the coordinates refer to, ``software_version`` ccn_docs's version."""
    ElementTree.register_namespace("", NAMESPACE)
    ElementTree.register_namespace("xsi", _XSI)
    root = _element("alto", {"SCHEMAVERSION": SCHEMA_VERSION, f"{{{_XSI}}}schemaLocation": SCHEMA_LOCATION})
    description = _sub(root, "Description")
    _sub(description, "MeasurementUnit").text = "pixel"
    source = _sub(description, "sourceImageInformation")
    _sub(source, "fileName").text = f"{image_name}#page={page.number}"
    processing = _sub(description, "Processing", {"ID": "ccn"})
    _sub(processing, "processingCategory").text = "contentGeneration"
    _sub(processing, "processingStepDescription").text = (
        "Tesseract 'vie' OCR, diacritics restored by ccn_docs"
        if page.text_source == "ocr"
        else "text read from the PDF's own text layer, diacritics restored by ccn_docs"
    )
    software = _sub(processing, "processingSoftware")
    _sub(software, "softwareName").text = "ccn_docs"
    _sub(software, "softwareVersion").text = software_version
    tags = _sub(root, "Tags")
    for tag in sorted(set(TAGS.values())):
        _sub(tags, "LayoutTag", {"ID": f"tag-{tag}", "LABEL": tag})
    layout = _sub(root, "Layout")
    page_element = _sub(
        layout, "Page",
        {"ID": f"page-{page.number}", "PHYSICAL_IMG_NR": str(page.number), "WIDTH": str(page.width), "HEIGHT": str(page.height)},
    )
    boxes = {id(word): scanned_box(page, word.bbox) for line in page.lines for word in line.words}
    space = _sub(page_element, "PrintSpace", _box_attributes(_union(list(boxes.values())) or (0, 0, page.width, page.height)))
    ids = itertools.count(1)
    for block_number, (tag, lines) in enumerate(_blocks(page.lines), start=1):
        line_boxes = [_union([boxes[id(word)] for word in line.words]) for line in lines]
        block = _sub(space, "TextBlock", {"ID": f"block-{page.number}-{block_number}", **_box_attributes(_union(line_boxes)), "TAGREFS": f"tag-{tag}"})
        for line, line_box in zip(lines, line_boxes):
            text_line = _sub(block, "TextLine", {"ID": f"line-{page.number}-{next(ids)}", **_box_attributes(line_box)})
            for index, word in enumerate(line.words):
                if index:
                    previous = boxes[id(line.words[index - 1])]
                    gap = (previous[2], line_box[1], max(previous[2], boxes[id(word)][0]), line_box[3])
                    _sub(text_line, "SP", {k: v for k, v in _box_attributes(gap).items() if k != "HEIGHT"})
                string = _sub(
                    text_line, "String",
                    {"ID": f"word-{page.number}-{next(ids)}", "CONTENT": word.text, **_box_attributes(boxes[id(word)]), "WC": f"{word.confidence / 100:.2f}"},
                )
                if word.ocr_text is not None and word.ocr_text != word.text:
                    _sub(string, "ALTERNATIVE", {"PURPOSE": "OCR"}).text = word.ocr_text
    ElementTree.indent(root, space=" ")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _blocks(lines: list[Line]) -> Iterator[tuple[str, list[Line]]]:
    """Runs of lines of the same layout kind (a header column is one kind)."""
    keyed = ((TAGS.get((line.kind, line.column if line.kind == "header" else 0), "body"), line) for line in lines if line.words)
    for tag, group in itertools.groupby(keyed, key=lambda pair: pair[0]):
        yield tag, [line for _, line in group]


def _union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _box_attributes(box: BBox) -> dict[str, str]:
    return {"HPOS": str(box[0]), "VPOS": str(box[1]), "WIDTH": str(box[2] - box[0]), "HEIGHT": str(box[3] - box[1])}


def _element(tag: str, attributes: dict[str, str] | None = None) -> ElementTree.Element:
    return ElementTree.Element(f"{{{NAMESPACE}}}{tag}", attributes or {})


def _sub(parent: ElementTree.Element, tag: str, attributes: dict[str, str] | None = None) -> ElementTree.Element:
    return ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes or {})
