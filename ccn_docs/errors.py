"""One exception hierarchy for the whole pipeline, one exit code per class.

Messages live in the ``Msg`` catalogue so the wording of every failure a user can
see is in one place (as spaCy's ``Errors``); raise sites only fill in the fields.
"""

from __future__ import annotations


class Msg:
    """Catalogue of user-facing error messages."""

    INPUT_MISSING = "{path}: no such file or folder"
    INPUT_UNREADABLE = "{path}: cannot read input: {reason}"
    INPUT_UNSUPPORTED = "{path}: unsupported input type ({kind})"
    INPUT_ENCRYPTED = "{path}: PDF is encrypted; decrypt it first (e.g. qpdf --decrypt)"
    INPUT_EMPTY = "{path}: input has no pages"
    INPUT_TOO_LARGE = "{path}: image of {pixels:,} pixels is too large to be a page (limit {limit:,})"
    INPUT_ENCODING = "{path}: text is not UTF-8, UTF-16, Windows-1258 or TCVN3"
    INPUT_BINARY = "{path}: looks like binary data, not text"
    OCR_LANGUAGE_MISSING = "Tesseract language data '{lang}' is not installed (apt-get install tesseract-ocr-{lang})"
    OCR_NOT_INSTALLED = "Tesseract is not installed (apt-get install tesseract-ocr)"
    OCR_TIMEOUT = "{path}: page {page}: Tesseract timed out after {seconds:g} s"
    OCR_FAILED = "{path}: page {page}: Tesseract failed: {reason}"
    RASTERISER_MISSING = "pdftoppm is not installed (apt-get install poppler-utils)"
    TEXT_READER_MISSING = "pdftotext is not installed (apt-get install poppler-utils)"
    MODELS_NOT_FOUND = (
        "model folder {path} not found; set CCN_MODELS to a models/ folder "
        "(a ccn_docs checkout has one; an installed wheel does not include it)"
    )
    MODEL_MISSING = "model file {path} is missing; rebuild it with 'ccn model build'"
    MODEL_VERSION = "model in {path} has version {found}, this code expects {expected}; rebuild it with 'ccn model build'"
    MODEL_STALE = "model file {path} was fitted on other features than this code computes; rebuild it with 'ccn model build --tasks-only'"
    MODEL_CORRUPT = "model file {path} cannot be read ({reason}); rebuild it with 'ccn model build'"
    TRAINING_NEEDS_TORCH = "training the context model needs PyTorch ({reason}); install it with pip install -e '.[train]'"
    CORPUS_MISSING = "corpus folder {path} not found (expected admin/ and wiki-vi.txt.xz inside)"
    DATABASE = "database {path}: {reason}"
    DATABASE_LOCKED = "database {path} is in use by another 'ccn run'; wait for it to finish"
    GOLD_INVALID = "{path}: not a valid gold file: {reason}"
    OUTPUT_UNWRITABLE = "{path}: cannot write output: {reason}"
    OUTPUT_IS_INPUT = "{path}: is the input itself; choose another output folder"
    OUTPUT_NOT_PDFA = "{path}: not written: the PDF made does not pass PDF/A-2b validation ({reason})"
    BATCH_FAILED = "{failed} of {total} inputs failed (listed above); the other inputs were processed"
    PATTERNS_INVALID = "pattern file {path}, line {line}: {reason}; reinstall models/patterns"
    EXTRACT_EMPTY = "{path}: no text to extract from"
    EXTRACT_NO_TASKS = "{path}: no tasks found"
    EXTRACT_NOT_VIETNAMESE = "{path}: text does not look like Vietnamese ({share:.0%} Vietnamese words); results may be empty"
    EXTRACT_GARBLED = "{path}: text is mostly non-letters ({share:.0%} letters); results may be empty"
    EXTRACT_HANDWRITTEN = "{path}: the document {field} looks handwritten or unreadable ({written!r}); left empty"
    CLUSTER_UNREACHABLE = "cannot reach the Dask scheduler at {address}: {reason}"
    CLUSTER_NO_WORKERS = (
        "no Dask worker with this processing version joined {address} within {seconds:g} s; "
        "start workers with 'ccn worker {address}'"
    )
    WORKER_VERSION_MISMATCH = (
        "this worker's processing version {found} differs from the client's {expected}; "
        "install the client's ccn_docs version and copy its models/ folder to this host (or set CCN_MODELS), "
        "then start the worker again"
    )
    WORKER_ENVIRONMENT = "worker {worker} cannot run ccn tasks: {reason}"
    SHARED_STORAGE_MISSING = "{path}: worker {worker} does not see this file at the same path; omit --shared-storage to send input bytes instead"
    TASK_NOT_FOUND = "no task {uid} in {path}; 'ccn search' shows the uids"
    CORRECTION_FIELD = "cannot correct '{field}'; the fields are {fields}"
    CORRECTION_VALUE = "{field}: {value!r} is not {expected}"
    #: What a field's value must be (see ``store.corrections``), in English and in Vietnamese.
    CORRECTION_EXPECTED = {
        "list": ("a list of items separated by ';'", "một danh sách, các mục ngăn cách bằng dấu ;"),
        "text": ("non-empty text", "một đoạn văn bản không để trống"),
        "status": ("one of open, done, not-applicable", "một trong: open, done, not-applicable"),
        "date": ("a date YYYY-MM-DD", "một ngày dạng YYYY-MM-DD"),
        "rrule": ("an RFC 5545 rule such as FREQ=MONTHLY;BYMONTHDAY=15", "một quy tắc RFC 5545, ví dụ FREQ=MONTHLY;BYMONTHDAY=15"),
    }

    # The web pages speak Vietnamese to staff.
    VI_NOT_FOUND = "Không tìm thấy {what}."
    VI_BAD_PARAMETER = "Tham số {name} không hợp lệ: {value!r} ({expected})."
    VI_CORRECTION_FIELD = "Không sửa được trường '{field}'; các trường sửa được: {fields}."
    VI_CORRECTION_VALUE = "{label}: {value!r} không hợp lệ; cần {expected}."
    VI_SERVER_ERROR = "Máy chủ gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi vào nhật ký."


class CcnError(Exception):
    """Base of every error the pipeline reports to users."""

    exit_code = 1


class InputError(CcnError):
    """An input file cannot be read, decoded or rasterised."""

    exit_code = 3


class OcrError(CcnError):
    """Tesseract failed or timed out on a page."""

    exit_code = 4


class OcrLanguageMissing(OcrError):
    """Tesseract or its language data is not installed."""

    exit_code = 5


class ModelError(CcnError):
    """A model file is missing, corrupt or of the wrong version."""

    exit_code = 6


class DatabaseError(CcnError):
    """The task database cannot be opened, locked or written."""

    exit_code = 7


class ClusterError(CcnError):
    """The Dask scheduler is unreachable, or a worker's environment does not match the client's."""

    exit_code = 9


class CorrectionError(CcnError):
    """A correction names a field that cannot be corrected or a value it cannot take;
    ``vietnamese`` says the same to staff on the web pages."""

    exit_code = 10

    def __init__(self, message: str, vietnamese: str) -> None:
        super().__init__(message)
        self.vietnamese = vietnamese


class TaskNotFound(CcnError):
    """No task has the uid asked for."""

    exit_code = 11

class OutputError(CcnError):
    """An output file cannot be written, or what was made is not what was promised."""

    exit_code = 12


class BatchFailed(CcnError):
    """Some inputs of a batch failed; the others were processed."""

    exit_code = 8
