"""Worker processes that run the extractors for the default (thread) task runner.

The extractors are pure Python: threads share one core (the GIL). `extract_workers` forks one
process per core once the pipeline is imported and its lexicons are loaded, before Prefect
starts its server and threads: the workers share those pages with the flow's process (copy
on write) and hold no Prefect state. Prefect's tasks still orchestrate: `extract_articles`
hands its batch to a worker and waits; the batch comes back as Arrow tables. Every runner
gives the same rows (`etl.pipeline.extract_batch` runs either way).

Workers ignore Ctrl-C (the terminal sends it to the whole process group; the flow's process
stops the run), end with the flow's process however it ends (`flows.lifetime`), and are
killed when the run stops part-way.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from etl.io.read import InputFile
from etl.pipeline import STOP, BatchResult, BatchStopped, extract_batch
from etl.settings import Settings
from etl.validate import warm
from flows.lifetime import die_with_parent

_pool: ProcessPoolExecutor | None = None
_owner: int | None = None  # the pid that forked the workers: a process forked from it (a pool of its own) has none


def _init_worker(parent: int) -> None:
    STOP.clear()  # forked before the run starts: a stop of an earlier run in the same process is not this one's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)


def _ready() -> int:
    return os.getpid()


def available() -> bool:
    """Whether this platform can fork workers that share the parent's memory."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def extract_workers(workers: int) -> Iterator[list[int]]:
    """Fork `workers` extractor processes now (from this thread), for `extract_in_worker` to use; yields their pids.

    With fewer than two workers, or where fork is not available, starts none: batches are
    extracted in the calling thread.
    """
    global _pool, _owner
    if workers < 2 or not available():
        yield []
        return
    warm()  # pandera's lazy imports and schemas, loaded once here and shared, not once per worker at its first batch
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker, initargs=(os.getpid(),))
    # Frozen while forking (as the `gc` docs advise): the workers' collections then never touch the
    # inherited objects' headers, so those pages stay shared instead of being copied into each worker.
    gc.freeze()
    try:
        pool.submit(_ready).result()  # forks every worker now (a fork pool starts them all at the first submit)
    finally:
        gc.unfreeze()  # in this process only: each worker keeps its copy frozen
    pids = list(pool._processes)  # the executor has no public list of its processes
    _pool, _owner = pool, os.getpid()
    stopped = False
    try:
        yield pids
    except BaseException:
        stopped = True
        raise
    finally:
        _pool = _owner = None
        if stopped:  # workers still extracting a batch nobody will commit: end them now
            for proc in list((pool._processes or {}).values()):
                if proc.is_alive():
                    proc.kill()
        pool.shutdown(wait=True, cancel_futures=True)


def stop_workers() -> None:
    """End this process's extractor workers now (the run has no more batches): their memory is free for what follows."""
    global _pool, _owner
    pool = _pool if _owner == os.getpid() else None
    if pool is not None:
        _pool = _owner = None
        pool.shutdown(wait=True)


def extract_in_worker(items: Sequence[InputFile], settings: Settings, known: Mapping[str, str] | None) -> BatchResult:
    """`extract_batch` in one of this process's workers when it has them, else here; gives up when the run stops."""
    pool = _pool if _owner == os.getpid() else None
    if pool is None:
        return extract_batch(items, settings, known)
    future = pool.submit(extract_batch, items, settings, known)
    while True:
        try:
            return future.result(timeout=0.2)
        except TimeoutError:
            if STOP.is_set():
                future.cancel()
                raise BatchStopped("the run was asked to stop") from None
