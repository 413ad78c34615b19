"""Dask clusters on loopback for the tests."""

from distributed import LocalCluster


def loopback_cluster(**options) -> LocalCluster:
    """A LocalCluster on 127.0.0.1 without a dashboard. Its scheduler's HTTP server runs
    even so; it takes a free port rather than 8787, which another cluster may hold."""
    return LocalCluster(host="127.0.0.1", dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, **options)
