"""ccn_docs: OCR, restoration, task extraction and a searchable task table for
scanned Vietnamese government directives.

Stages, in the order a page becomes a row: ``ocr`` → ``restore`` → ``extract`` → ``store``.
"""

__version__ = "0.1.0"
