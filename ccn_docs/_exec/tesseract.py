"""The one place that runs the ``tesseract`` program.

Tesseract runs as a subprocess with the page image on stdin and hOCR (or text) on
stdout, ``OMP_THREAD_LIMIT=1`` (one Tesseract per core is faster than Tesseract's
own threads on small machines) and a timeout. Its stderr is mapped to log levels
(as OCRmyPDF does); pytesseract is not used for recognition because it discards
stderr on success. Everything is keyword-only.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import re
import subprocess

from PIL import Image

from ..errors import Msg, OcrError, OcrLanguageMissing

log = logging.getLogger(__name__)

PROGRAM = "tesseract"
DEFAULT_TIMEOUT = 180.0
# Per-character alternatives and boxes: the restoration stage reads them.
CHOICE_CONFIG = ("lstm_choice_mode=2", "hocr_char_boxes=1")

_QUIET = re.compile(r"^(Estimating resolution|Detected \d+ diacritics|Warning: Invalid resolution 0 dpi)")
_NOTICE = re.compile(r"^(Empty page|Too few characters)")
_ERROR = re.compile(r"(Error|error|Failed|Can't|cannot)")


def log_stderr(stderr: str, *, context: str) -> None:
    """Route each stderr line to the log level it deserves."""
    for line in stderr.splitlines():
        line = line.strip()
        if not line:
            continue
        if _QUIET.match(line):
            log.debug("%s: %s", context, line)
        elif _NOTICE.match(line):
            log.info("%s: %s", context, line)
        elif _ERROR.search(line):
            log.error("%s: %s", context, line)
        else:
            log.warning("%s: %s", context, line)


@functools.cache
def languages() -> frozenset[str]:
    """Installed Tesseract language packs."""
    try:
        done = subprocess.run([PROGRAM, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except FileNotFoundError:
        raise OcrLanguageMissing(Msg.OCR_NOT_INSTALLED) from None
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def require_language(*, lang: str) -> None:
    """Fail early, once, when a language pack (``vie+eng`` style allowed) is missing."""
    for part in lang.split("+"):
        if part not in languages():
            raise OcrLanguageMissing(Msg.OCR_LANGUAGE_MISSING.format(lang=part))


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def run(
    image: Image.Image,
    *,
    lang: str,
    dpi: int | None = None,
    psm: int | None = None,
    config: tuple[str, ...] = (),
    output: str = "txt",
    timeout: float = DEFAULT_TIMEOUT,
    path: str = "<image>",
    page: int = 1,
) -> str:
    """Recognise one image; return Tesseract's ``output`` (``txt`` or ``hocr``).

    ``path`` and ``page`` name the image in log lines and errors. Raises
    ``OcrError`` (failure or timeout) or ``OcrLanguageMissing``."""
    require_language(lang=lang)
    command = [PROGRAM, "stdin", "stdout", "-l", lang]
    if dpi:
        command += ["--dpi", str(dpi)]
    if psm is not None:
        command += ["--psm", str(psm)]
    for setting in config:
        command += ["-c", setting]
    if output != "txt":
        command.append(output)
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, input=_png_bytes(image), capture_output=True, timeout=timeout, env=environment, check=False
        )
    except subprocess.TimeoutExpired:
        raise OcrError(Msg.OCR_TIMEOUT.format(path=path, page=page, seconds=timeout)) from None
    except FileNotFoundError:
        raise OcrLanguageMissing(Msg.OCR_NOT_INSTALLED) from None
    stderr = done.stderr.decode("utf-8", "replace")
    log_stderr(stderr, context=f"{path} page {page}")
    if done.returncode != 0:
        reason = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {done.returncode}"
        raise OcrError(Msg.OCR_FAILED.format(path=path, page=page, reason=reason))
    return done.stdout.decode("utf-8")


def image_to_hocr(
    image: Image.Image,
    *,
    lang: str = "vie",
    dpi: int | None = None,
    choices: bool = True,
    psm: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    path: str = "<image>",
    page: int = 1,
) -> str:
    """hOCR with word boxes and confidences, and with ``choices`` per-character
    alternatives (they cost Tesseract about a sixth more time); ``psm`` is Tesseract's
    page segmentation mode (its own default, automatic, when None)."""
    config = CHOICE_CONFIG if choices else ()
    return run(image, lang=lang, dpi=dpi, psm=psm, config=config, output="hocr", timeout=timeout, path=path, page=page)


def image_to_string(image: Image.Image, *, lang: str = "vie", dpi: int | None = None, timeout: float = DEFAULT_TIMEOUT) -> str:
    """Plain text, Tesseract's defaults otherwise (the benchmark's raw baseline)."""
    return run(image, lang=lang, dpi=dpi, timeout=timeout)
