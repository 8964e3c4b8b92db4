"""Prefect task runners for `--task-runner`: threads (default), a process pool, or Dask."""

from __future__ import annotations

import os
from typing import Any

from etl.settings import Settings


def local_workers() -> int:
    """Worker processes (or threads) of a local runner: one per core, at most two."""
    return max(1, min(2, os.cpu_count() or 1))


def batches_in_flight() -> int:
    """Batches the flow keeps submitted ahead of the one it commits: one per local worker, and one more.

    The flow commits in input order: while it waits for the oldest batch, a worker that finished
    the next one starts the extra batch at once instead of idling (batches differ in cost).
    """
    return local_workers() + 1


def make_task_runner(settings: Settings) -> Any:
    """The task runner the settings ask for; Dask joins `dask_address` or starts a LocalCluster."""
    workers = local_workers()
    if settings.task_runner == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        from flows.lifetime import die_with_parent

        try:  # workers end with the flow's process, even when it is killed (SIGKILL)
            return ProcessPoolTaskRunner(max_workers=workers, initializer=die_with_parent)
        except TypeError:  # an older Prefect whose runner takes no `initializer`
            return ProcessPoolTaskRunner(max_workers=workers)
    if settings.task_runner == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:
            raise RuntimeError("--task-runner dask needs prefect-dask: pip install 'newsetl[dask]'") from exc
        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=batches_in_flight())  # each thread waits for its batch's worker process
