"""``ccn worker``: a host joins a scheduler only with the client's environment."""

import os
import signal
import subprocess
import sys
import time

import pytest
from distributed import Client
from typer.testing import CliRunner

from ccn_docs._exec import tesseract
from ccn_docs.cli import app
from ccn_docs.run.environment import VERSION_KEY
from ccn_docs.run.version import processing_version

from .dask_clusters import loopback_cluster
from .model_folders import make_models

pytestmark = pytest.mark.slow  # a Dask scheduler and worker processes


@pytest.fixture(scope="module")
def scheduler():
    """A bare scheduler on loopback (workers come from the tests) and a client on it."""
    with loopback_cluster(n_workers=0, processes=False, protocol="tcp") as cluster:
        with Client(cluster) as client:
            yield cluster.scheduler_address, client


@pytest.fixture
def client_models(scheduler, tmp_path):
    """The client's models, published on the scheduler as a run would."""
    _, client = scheduler
    folder = make_models(tmp_path / "client-models", "model A")
    client.set_metadata(VERSION_KEY, processing_version(folder))
    yield folder
    client.set_metadata(VERSION_KEY, None)


def test_worker_with_another_model_refuses_to_join(scheduler, client_models, tmp_path, monkeypatch):
    address, client = scheduler
    monkeypatch.setenv("CCN_MODELS", str(make_models(tmp_path / "worker-models", "model B")))
    result = CliRunner().invoke(app, ["worker", address])
    assert result.exit_code == 9
    assert "differs from the client's" in result.output
    assert processing_version(client_models) in result.output
    assert client.scheduler_info()["workers"] == {}


def test_worker_without_vietnamese_data_refuses_to_join(scheduler, client_models, monkeypatch):
    address, client = scheduler
    monkeypatch.setenv("CCN_MODELS", str(client_models))
    monkeypatch.setattr(tesseract, "languages", lambda: frozenset({"eng", "osd"}))
    result = CliRunner().invoke(app, ["worker", address])
    assert result.exit_code != 0
    assert "'vie' is not installed" in result.output
    assert client.scheduler_info()["workers"] == {}


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CCN_MODELS", str(make_models(tmp_path / "models", "model A")))
    result = CliRunner().invoke(app, ["worker", "tcp://127.0.0.1:9", "--timeout", "1"])
    assert result.exit_code == 9
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_fit_worker_joins_single_threaded_and_stops_on_sigterm(scheduler, client_models):
    address, client = scheduler
    environment = {**os.environ, "CCN_MODELS": str(client_models)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ccn_docs", "worker", address, "--nworkers", "1"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        client.wait_for_workers(1, timeout=60)
        (worker,) = client.scheduler_info()["workers"].values()
        assert worker["nthreads"] == 1
        assert set(client.run(os.getenv, "OMP_THREAD_LIMIT").values()) == {"1"}
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "environment ok" in output
    deadline = time.monotonic() + 10
    while client.scheduler_info()["workers"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.scheduler_info()["workers"] == {}
