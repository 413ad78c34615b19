"""The worker side of a Dask run (``ccn worker`` itself: test_cli_worker)."""

from ccn_docs.run.dask_worker import file_fingerprint, files_not_seen


def test_a_changed_file_is_not_seen_as_the_same(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"x" * 100)
    expected = {str(path): file_fingerprint(str(path))}
    assert files_not_seen(expected) == []
    path.write_bytes(b"y" * 100)
    assert files_not_seen(expected) == [str(path)]
    assert files_not_seen({str(tmp_path / "elsewhere.png"): (1, "0")}) == [str(tmp_path / "elsewhere.png")]
