"""The order test files are handed out in under ``--dist loadfile``: heaviest first.

A file's tests run in one worker, so a heavy file handed out last keeps the run
going on one core. Each run records in pytest's cache the seconds every file it
ran took; the next run hands the files out from the slowest down. Files without
a record (a fresh checkout, CI) follow, those with more tests marked slow or heavy
first: their count is the estimate the code carries.

Under xdist the controller loads the restorer once while the workers start and
collect, before it hands out the first tests, so the search's kernels are built
once; otherwise, on a fresh checkout, every worker and every ccn process the
tests start would compile it at the same time.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

FILE_SECONDS = "ccn_docs/file-seconds"

#: Seconds of set-up, call and tear-down of each file's tests in this run.
file_seconds: defaultdict[str, float] = defaultdict(float)


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "loadscopereorder"):
        # Else xdist hands the files out by their number of tests, not in collection order.
        config.option.loadscopereorder = False


@pytest.hookimpl(wrapper=True)
def pytest_sessionstart(session: pytest.Session):
    yield  # xdist starts the workers, pytest its clock
    config = session.config
    if config.getoption("dist", "no") != "no" and not hasattr(config, "workerinput"):
        # The workers collect meanwhile; they get their first tests after this.
        from ccn_docs.restore import default_restorer

        default_restorer()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    cache = getattr(config, "cache", None)  # None under -p no:cacheprovider
    recorded = cache.get(FILE_SECONDS, {}) if cache else {}
    weighty: defaultdict[str, int] = defaultdict(int)
    for item in items:
        weighty[file_of(item.nodeid)] += any(item.get_closest_marker(name) for name in ("slow", "heavy"))
    items.sort(key=lambda item: (-recorded.get(file_of(item.nodeid), 0.0), -weighty[file_of(item.nodeid)]))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    file_seconds[file_of(report.nodeid)] += report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    cache = getattr(session.config, "cache", None)
    if cache is None or hasattr(session.config, "workerinput") or not file_seconds:
        return  # workers report to the controller, which records
    cache.set(FILE_SECONDS, {**cache.get(FILE_SECONDS, {}), **file_seconds})
