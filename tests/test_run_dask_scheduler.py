"""Cluster runs on a LocalCluster of 2 worker processes on loopback."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from distributed import Client
from typer.testing import CliRunner

from ccn_docs import synth
from ccn_docs.cli import app
from ccn_docs.cli.run import SCHEDULER_ENV
from ccn_docs.run.dask_scheduler import batches, publish_environment, shared_storage_in_use
from ccn_docs.run.version import processing_version
from ccn_docs.errors import ClusterError

from .dask_clusters import loopback_cluster
from .model_folders import make_models
from ccn_docs.run.job import run_inputs

pytestmark = pytest.mark.slow  # a Dask cluster on loopback


# --- pieces without a cluster ---------------------------------------------------------


def test_batches_are_consecutive_and_even():
    assert batches(list(range(1, 8)), 6) == [[1, 2, 3, 4], [5, 6, 7]]
    assert batches(list(range(1, 13)), 6) == [list(range(1, 7)), list(range(7, 13))]
    assert batches([1], 6) == [[1]]
    assert batches([], 6) == []


def test_plain_dask_worker_with_another_model_closes_itself(tmp_path):
    """A worker started with `dask worker` skips ccn's check; the guard the client
    installs closes it (and its nanny) instead of letting it take tasks, and a
    run without any fit worker stops with a clear error."""
    client_models = make_models(tmp_path / "client-models", "model A")
    worker_models = make_models(tmp_path / "worker-models", "model B")
    with loopback_cluster(n_workers=0, processes=False, protocol="tcp") as cluster:
        with Client(cluster) as client:
            process = subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address, "--nthreads", "1"],
                env={**os.environ, "CCN_MODELS": str(worker_models)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            with pytest.raises(ClusterError, match="no Dask worker with this processing version joined"):
                publish_environment(client, processing_version(client_models), wait_seconds=5)
            output, _ = process.communicate(timeout=60)
            assert "differs from the client's" in output
            assert client.scheduler_info()["workers"] == {}


# --- `ccn run` on a LocalCluster --------------------------------------------------------

DPI = 150
HEADER = (
    ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "Số: 15/CT-UBND"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nam, ngày 3 tháng 5 năm 2024"],
)
PAGES = [
    ["CHỈ THỊ", "Về việc tăng cường quản lý chi thường xuyên", "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13;"],
    ["1. Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát các khoản chi thường xuyên, "
     "báo cáo Ủy ban nhân dân tỉnh trước ngày 30 tháng 6 năm 2024."],
    ["2. Sở Nội vụ hướng dẫn các cơ quan thực hiện tinh giản biên chế theo Nghị định số 29/2023/NĐ-CP.",
     "3. Ủy ban nhân dân các huyện tổ chức kiểm tra, định kỳ hằng quý báo cáo kết quả về Sở Tài chính."],
]
#: Columns that differ between two runs of the same input by nature (time, output folder).
RUN_COLUMNS = {"loaded_at", "json_path"}


def scan_page(paragraphs: list[str], seed: int, header: bool = False):
    (spec,) = synth.paginate(paragraphs, DPI, first_page_header=HEADER if header else None)
    return synth.degrade(synth.render(spec, DPI), synth.Degradation.archive(seed), seed)


def write_inputs(folder: Path) -> list[Path]:
    """A 2-page PDF and two one-page PNGs of a short directive (4 pages), and the
    directive as a text file (1 page)."""
    folder.mkdir()
    first, second = scan_page(PAGES[0] + PAGES[1], 0, header=True).convert("RGB"), scan_page(PAGES[2], 1).convert("RGB")
    pdf = folder / "chi-thi-15.pdf"
    first.save(pdf, save_all=True, append_images=[second], resolution=DPI)
    paths = [pdf]
    for seed in (1, 2):
        path = folder / f"cong-van-{seed}.png"
        scan_page(PAGES[0] + PAGES[seed], seed + 10, header=True).save(path, dpi=(DPI, DPI))
        paths.append(path)
    text = folder / "chi-thi-15-ban-sao.txt"
    text.write_text("\n".join(HEADER[0] + HEADER[1] + PAGES[0] + PAGES[1] + PAGES[2]), encoding="utf-8")
    return paths + [text]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    return write_inputs(tmp_path_factory.mktemp("inputs") / "inputs")


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory) -> tuple[dict, Path]:
    """The reference: the same inputs through the local process pool, in a fresh
    interpreter that also reports whether anything of Dask got imported."""
    db = tmp_path_factory.mktemp("local") / "ccn.db"
    code = (
        "import json, sys; from pathlib import Path; from ccn_docs.run.job import run_inputs\n"
        f"summary = run_inputs([Path(p) for p in {[str(p) for p in inputs]!r}], db=Path({str(db)!r}), jobs=2, progress=False)\n"
        "print(json.dumps({'documents': summary.documents, 'pages': summary.pages, 'tasks': summary.tasks,"
        " 'failures': [f.message for f in summary.failures],"
        " 'dask': sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'})}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), db


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes on loopback, as the issue asks."""
    with loopback_cluster(n_workers=2, processes=True, threads_per_worker=1) as local:
        # Not the default client: the run must work with its own connection alone.
        with Client(local, set_as_default=False) as client:
            yield local.scheduler_address, client


def table_contents(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without per-run columns, with the surrogate ids
    of agencies, references and task rows replaced by their natural keys (ids are
    handed out in load order)."""
    connection = sqlite3.connect(db)
    agency_key = dict(connection.execute("SELECT id, key FROM agencies"))
    ref_key = dict(connection.execute("SELECT id, key FROM legal_refs"))
    task_uid = dict(connection.execute("SELECT rowid, uid FROM tasks"))
    natural = {"agency_id": agency_key, "ref_id": ref_key, "task_rowid": task_uid}
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%'")]
    contents = {}
    for table in tables:
        cursor = connection.execute(f"SELECT * FROM [{table}]")
        columns = [d[0] for d in cursor.description]
        rows = []
        for row in cursor:
            values = []
            for column, value in zip(columns, row):
                if column in RUN_COLUMNS:
                    continue
                if column in natural:
                    value = natural[column][value]
                elif column == "id" and table in ("agencies", "legal_refs"):
                    value = (agency_key if table == "agencies" else ref_key)[value]
                elif column == "rowid" and table == "tasks":
                    value = task_uid[value]
                values.append(value)
            rows.append(tuple(values))
        contents[table] = sorted(rows, key=repr)
    connection.close()
    return contents


def kill_a_busy_worker(client: Client, killed: list[int], stop: threading.Event) -> None:
    """SIGKILL the process of the first worker seen running a task."""
    while not stop.is_set():
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            return
        time.sleep(0.02)


def test_run_survives_a_killed_worker_and_loads_each_page_once(cluster, inputs, local_run, tmp_path):
    address, client = cluster
    db = tmp_path / "ccn.db"
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=kill_a_busy_worker, args=(client, killed, stop))
    killer.start()
    try:
        summary = run_inputs(inputs, db=db, scheduler=address, progress=False)
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was killed while the run was under way"
    assert summary.failures == []
    assert (summary.documents, summary.pages) == (4, 5)
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (4, 4)
    assert connection.execute("SELECT count(*), count(DISTINCT document_id || '/' || number) FROM pages").fetchone() == (5, 5)
    tasks, distinct = connection.execute("SELECT count(*), count(DISTINCT document_id || '/' || task_id) FROM tasks").fetchone()
    assert tasks == distinct == summary.tasks > 0
    assert connection.execute("SELECT sum(task_count) FROM documents").fetchone()[0] == tasks
    assert table_contents(db) == table_contents(local_run[1])  # rerun work changed nothing
    again = run_inputs(inputs, db=db, scheduler=address, progress=False)
    assert (again.skipped, again.documents) == (4, 0)
    assert table_contents(db) == table_contents(local_run[1])


def test_cluster_run_without_shared_storage_writes_the_same_tables_as_a_local_run(cluster, inputs, local_run, tmp_path):
    """Workers get the input bytes and read private copies; the rows are the same."""
    address, _ = cluster
    local, local_db = local_run
    remote = run_inputs(inputs, db=tmp_path / "ccn.db", scheduler=address, shared_storage=False, progress=False)
    assert local["failures"] == remote.failures == []
    assert (remote.documents, remote.pages, remote.tasks) == (local["documents"], local["pages"], local["tasks"])
    assert table_contents(tmp_path / "ccn.db") == table_contents(local_db)


def test_page_that_keeps_failing_is_reported_and_the_run_completes(cluster, inputs, tmp_path):
    address, _ = cluster
    broken = tmp_path / "broken.png"
    broken.write_bytes(inputs[1].read_bytes()[:4000])  # header intact, image data cut short
    db = tmp_path / "ccn.db"
    result = CliRunner().invoke(app, ["run", str(inputs[1]), str(broken), "--db", str(db)], env={SCHEDULER_ENV: address})
    assert result.exit_code == 8, result.output
    assert f"failed: {broken}: {broken}: cannot read input: page 1: image file is truncated" in result.output
    assert "documents: 1 processed, 0 unchanged, 1 failed" in result.output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_a_local_run_imports_nothing_of_dask(local_run):
    summary, _ = local_run
    assert summary["documents"] == 4 and summary["failures"] == []
    assert summary["dask"] == []


def test_inputs_go_as_paths_when_every_worker_sees_them(cluster, inputs):
    _, client = cluster
    assert shared_storage_in_use(client, inputs, None) is True
    assert shared_storage_in_use(client, inputs, True) is True
    assert shared_storage_in_use(client, inputs, False) is False
