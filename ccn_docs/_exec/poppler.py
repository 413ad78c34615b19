"""The one place that runs Poppler (``pdfinfo``, ``pdftoppm`` through pdf2image, ``pdfimages``;
``pdftotext`` for a PDF's own text).

Poppler's complaints are turned into ``InputError``s that name the file: an
encrypted PDF, a PDF without pages, a damaged PDF, a page too large to be a page.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdf2image
from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError, PDFPopplerTimeoutError, PDFSyntaxError
from PIL import Image

from ..errors import InputError, Msg, OcrError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120.0
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    page_size_points: tuple[float, float]  # of the first page


def _reason(error: Exception) -> str:
    """Poppler's last meaningful message line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip() and "Unable to get page count" not in line]
    return lines[-1] if lines else type(error).__name__


def info(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> PdfInfo:
    """Page count and first page size; raises ``InputError`` naming ``path``."""
    try:
        details = pdf2image.pdfinfo_from_path(str(path), timeout=timeout)
    except PDFInfoNotInstalledError:
        raise OcrError(Msg.RASTERISER_MISSING) from None
    except PDFPopplerTimeoutError:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=f"pdfinfo timed out after {timeout:g} s")) from None
    except (PDFPageCountError, PDFSyntaxError) as error:
        message = str(error)
        if "Incorrect password" in message:
            raise InputError(Msg.INPUT_ENCRYPTED.format(path=path)) from None
        if "Invalid page count 0" in message:
            raise InputError(Msg.INPUT_EMPTY.format(path=path)) from None
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=_reason(error))) from None
    pages = int(details.get("Pages", 0))
    if pages == 0:
        raise InputError(Msg.INPUT_EMPTY.format(path=path))
    size = re.match(r"([\d.]+) x ([\d.]+)", str(details.get("Page size", "")))
    points = (float(size.group(1)), float(size.group(2))) if size else (595.0, 842.0)
    return PdfInfo(pages=pages, page_size_points=points)


def image_resolutions(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> dict[int, int]:
    """Page number → resolution (ppi) of the largest image drawn on it, from ``pdfimages
    -list``: a scanned page's own resolution. Pages without images are left out, and so is
    everything when the listing fails (the pages are then rasterised at a default)."""
    try:
        done = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.debug("%s: pdfimages -list failed: %s", path, error)
        return {}
    largest: dict[int, tuple[int, int]] = {}
    for line in done.stdout.splitlines()[2:]:
        fields = line.split()
        if len(fields) < 14 or fields[2] != "image" or not fields[12].isdigit():
            continue
        page, pixels, ppi = int(fields[0]), int(fields[3]) * int(fields[4]), int(fields[12])
        if pixels > largest.get(page, (0, 0))[0]:
            largest[page] = (pixels, ppi)
    return {page: ppi for page, (_, ppi) in largest.items()}


def rasterise(path: Path, *, page: int, dpi: int, colour: bool = False, timeout: float = DEFAULT_TIMEOUT) -> Image.Image:
    """One page (1-based) as a greyscale (or ``colour``: RGB) image at ``dpi``."""
    try:
        images = pdf2image.convert_from_path(
            str(path), dpi=dpi, first_page=page, last_page=page, grayscale=not colour, timeout=timeout
        )
    except PDFPopplerTimeoutError:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=f"page {page}: pdftoppm timed out after {timeout:g} s")) from None
    except (PDFPageCountError, PDFSyntaxError) as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=f"page {page}: {_reason(error)}")) from None
    if not images:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=f"page {page}: pdftoppm produced no image"))
    return images[0].convert("RGB" if colour else "L")


def text_boxes(path: Path, *, page: int, timeout: float = DEFAULT_TIMEOUT) -> str:
    """One page's own text as ``pdftotext -bbox-layout`` XHTML: blocks, lines and
    words with their boxes in points, in Poppler's reading order."""
    command = ["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError:
        raise OcrError(Msg.TEXT_READER_MISSING) from None
    except subprocess.TimeoutExpired:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=f"page {page}: pdftotext timed out after {timeout:g} s")) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=f"page {page}: {reason[-1] if reason else 'pdftotext failed'}"))
    return done.stdout.decode("utf-8")
