"""Scale-out of ``claimcheck index`` on Dask (``dask.distributed``): extract + embed per partition on workers.

Each partition of changed articles is one task running ``claimcheck.store.process_partition`` (the
pipeline's own stage functions); the client gathers the results as they finish and alone writes them
into the store. With no scheduler address a ``LocalCluster`` of ``workers`` single-threaded worker
processes is started for the run and shut down after it. Workers of a real cluster need claimcheck
(and its model packages) installed in the same version as the client.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.config import Config
from claimcheck.errors import UsageError

if TYPE_CHECKING:
    from claimcheck.models import Article
    from claimcheck.stages.embed.encoders import Embedder


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--executor dask needs dask.distributed: pip install 'claimcheck[dask]'",
                         slug="usage-dask-missing") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler: {exc}", path=scheduler,
                             slug="usage-dask-scheduler") from None
    import logging

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def run_partitions(parts: list[list["Article"]], *, config: Config, embedder: "Embedder | None" = None,
                   scheduler: str | None = None, workers: int = 2,
                   cache_dir: str | Path | None = None) -> Iterator[list[tuple]]:
    """Run ``process_partition`` on every partition on a Dask cluster; yield each partition's results
    as it completes (completion order: the store's contents do not depend on it). ``cache_dir`` is handed to
    every worker (each opens the cache itself: a path the workers must reach; SQLite serialises their writes)."""
    from dask.distributed import as_completed

    from claimcheck.store import process_partition

    client, cluster = _client(scheduler, workers)
    try:
        where = None if cache_dir is None else os.path.abspath(cache_dir)
        futures = [client.submit(process_partition, part, config=config, embedder=embedder, cache_dir=where,
                                 pure=False,
                                 key=f"claimcheck-index-{i}-{part[0].id if part else ''}")
                   for i, part in enumerate(parts)]
        for future in as_completed(futures):
            result = future.result()
            future.release()  # the cluster drops its copy: worker memory holds the partitions in flight only
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
