"""ccn_docs: OCR, restoration, task extraction and a searchable task table for
scanned Vietnamese government directives.

Four stages stand side by side and import none of each other: ``ocr`` (page
images to text), ``restore`` (diacritics and letters OCR lost), ``extract``
(tasks from text) and ``store`` (the task table). Below them are the modules
every stage may use (``types``, ``errors``, ``inputs``, ``textio``,
``vietnamese``, ``modeldata``, ``_exec``...); above them ``run``, the main job
that composes them, and ``cli``, the ``ccn`` command.
"""

__version__ = "0.1.0"


def load_tasks(db="extracted/ccn.db"):
    """Every task of the task database as a pandas DataFrame, for analysts.

    One row per task with its stable ``uid``, the document's number, date (as a
    datetime), type and issuer; list columns (``lead_agencies``, ``co_agencies``,
    ``ref_numbers``, ``legal_refs``) hold Python lists.
    """
    import json

    import pandas

    from .store import connect

    database = connect(db, create=False)
    frame = pandas.read_sql_query("SELECT * FROM tasks ORDER BY document_id, seq", database.conn)
    for column in ("lead_agencies", "co_agencies", "ref_numbers", "legal_refs"):
        frame[column] = frame[column].map(lambda text: json.loads(text) if text else [])
    frame["document_date"] = pandas.to_datetime(frame["document_date"], errors="coerce")
    return frame
