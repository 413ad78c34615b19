"""Inputs → page jobs: discover files, check them, and load one page image.

A ``PageJob`` is small picklable data (source, page number, dpi, optionally the
image bytes), so the same per-page function runs in a local process pool or on
a Dask worker that does not see the file system.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ._exec import poppler
from .errors import InputError, Msg

PDF, IMAGE = "pdf", "image"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
INPUT_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
TEXT_SUFFIXES = frozenset({".txt"})
DEFAULT_DPI = 300  # PDF pages that hold no scanned image
A4_SHORT_SIDE_INCHES = 8.27
PLAUSIBLE_DPI = range(50, 1201)


class TextLayerMode(str, Enum):
    """Which pages of a PDF input are read from its own text instead of OCR'd."""

    AUTO = "auto"  # pages with visible text; pages with none, or only an invisible OCR layer, are OCR'd
    USE = "use"  # every page with any text, an earlier OCR layer included
    IGNORE = "ignore"  # none: every page is OCR'd


@dataclass(frozen=True)
class PageJob:
    """Everything needed to recognise one page, anywhere."""

    source: str
    page: int  # 1-based (PDF page or TIFF frame)
    dpi: int
    kind: str = IMAGE  # PDF or IMAGE
    image: bytes | None = None  # encoded page image, when the worker cannot read ``source``

    @property
    def label(self) -> str:
        return f"{self.source} page {self.page}"


def discover(paths: list[Path], suffixes: frozenset[str] = INPUT_SUFFIXES) -> list[Path]:
    """Files named directly (whatever their type, so a wrong one is reported) and,
    for folders, the files inside with one of ``suffixes`` (default: PDFs and
    images), recursively, in sorted order. Missing paths are kept so that
    whoever reads them reports them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes))
        else:
            found.append(path)
    return found


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"%PDF-" in handle.read(1024)


def _image_dpi(image: Image.Image) -> int:
    """The resolution the file declares, else the one that makes it A4."""
    declared = image.info.get("dpi")
    if declared and round(float(declared[0])) in PLAUSIBLE_DPI:
        return round(float(declared[0]))
    return _plausible(round(min(image.size) / A4_SHORT_SIDE_INCHES))


def _plausible(dpi: int) -> int:
    return min(max(dpi, PLAUSIBLE_DPI.start), PLAUSIBLE_DPI.stop - 1)


def _check_size(path: Path, pixels: int) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    if limit and pixels > limit:
        raise InputError(Msg.INPUT_TOO_LARGE.format(path=path, pixels=pixels, limit=limit))


def _open_image(path: Path, data: bytes | None = None) -> Image.Image:
    """Open (lazily) with Pillow's decompression-bomb guard turned into an InputError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data) if data is not None else path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        raise InputError(
            Msg.INPUT_TOO_LARGE.format(path=path, pixels=int(pixels.group(1)) if pixels else 0, limit=Image.MAX_IMAGE_PIXELS)
        ) from None
    except UnidentifiedImageError:
        raise InputError(Msg.INPUT_UNSUPPORTED.format(path=path, kind="neither a PDF nor an image Pillow can read")) from None
    except OSError as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=error)) from None
    _check_size(path, image.size[0] * image.size[1])
    return image


def page_jobs(path: Path, *, dpi: int | None = None, embed: bool = False) -> list[PageJob]:
    """One job per page of ``path`` (PDF, image or multi-page TIFF).

    ``dpi`` is the rasterising resolution of PDFs; without it each PDF page is rasterised
    at the resolution of the scan it holds (more pixels than the scan has add nothing but
    time), ``DEFAULT_DPI`` when it holds none. Images keep their own.
    ``embed`` puts each page's encoded image into its job. Raises ``InputError``
    naming the file when it is missing, unreadable, encrypted, empty or too large."""
    if not path.exists():
        raise InputError(Msg.INPUT_MISSING.format(path=path))
    try:
        is_pdf = _is_pdf(path)
    except OSError as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=error)) from None
    if is_pdf:
        details = poppler.info(path)
        scanned = {} if dpi else poppler.image_resolutions(path)
        resolutions = {number: dpi or _plausible(scanned.get(number, DEFAULT_DPI)) for number in range(1, details.pages + 1)}
        width, height = (round(side / poppler.POINTS_PER_INCH * max(resolutions.values())) for side in details.page_size_points)
        _check_size(path, width * height)
        jobs = [PageJob(str(path), number, resolution, PDF) for number, resolution in resolutions.items()]
        return [_embedded(job) for job in jobs] if embed else jobs
    with _open_image(path) as image:
        frames = getattr(image, "n_frames", 1)
        if frames == 0:
            raise InputError(Msg.INPUT_EMPTY.format(path=path))
        image_dpi = _image_dpi(image)
    jobs = [PageJob(str(path), number, image_dpi, IMAGE) for number in range(1, frames + 1)]
    return [_embedded(job) for job in jobs] if embed else jobs


def _embedded(job: PageJob) -> PageJob:
    buffer = io.BytesIO()
    load_image(job, colour=True).save(buffer, format="PNG")
    return PageJob(job.source, job.page, job.dpi, IMAGE, buffer.getvalue())


def load_image(job: PageJob, *, colour: bool = False) -> Image.Image:
    """The page as a greyscale Pillow image, or with ``colour`` as RGB when it has colour
    (a colour PDF page, an RGB photo) and greyscale otherwise."""
    if job.kind == PDF and job.image is None:
        return poppler.rasterise(Path(job.source), page=job.page, dpi=job.dpi, colour=colour)
    image = _open_image(Path(job.source), job.image)
    try:
        frame = ImageSequence.Iterator(image)[job.page - 1] if job.image is None else image
        frame = ImageOps.exif_transpose(frame)  # phone photos are stored sideways with an orientation tag
        return frame.convert("RGB" if colour and frame.mode not in ("1", "L", "LA", "I", "I;16", "F") else "L")
    except (OSError, IndexError) as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=job.source, reason=f"page {job.page}: {error}")) from None
