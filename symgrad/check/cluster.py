"""The Dask cluster a class is graded on: ``dask.distributed`` (``pip install 'symgrad[dask]'``).

:func:`client_for` turns what the user gave — a scheduler's address (``tcp://host:8786``), a
``Client`` already made, or ``"local"`` — into a ``Client`` for the length of a ``with``
block.  ``"local"`` starts a ``LocalCluster`` with one single-threaded worker process per core.
A worker checks each answer in a budgeted child process of its own (symgrad's budget), so its
processes must be allowed children: the local cluster's workers are started non-daemonic
(``distributed.worker.daemon: false``); give remote workers the same setting.

>>> with client_for("local", workers=1) as client:
...     client.submit(sum, [1, 2, 3]).result()
6
"""

from __future__ import annotations

from contextlib import contextmanager

from ..errors import UsageError, said
from ..runtime.forkserver import available_cores

__all__ = ["client_for"]


@contextmanager
def client_for(scheduler, workers: int | None = None):
    """A ``dask.distributed.Client`` for ``scheduler`` (closed after the block unless it was
    given as a Client); ``workers``: the size of a ``"local"`` cluster (default: the cores)."""
    try:  # lazy: the optional dask extra, and dask.distributed takes 0.4 s to import
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(said("err.grade.needs-dask")) from None
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler == "local":
        with dask.config.set({"distributed.worker.daemon": False}), \
                LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                             processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, ValueError, TypeError) as e:
        raise UsageError(said("err.grade.cannot-reach-scheduler", scheduler, e)) from None
    with client:
        yield client
