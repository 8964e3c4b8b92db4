"""Prefect's fixed start-up costs for one task runner, measured in a fresh process, in `newsetl run`'s order.

    .venv/bin/python bench/bench_startup.py process

Prints one JSON object (seconds), for a first run into an empty output (the benchmark's runs):
`imports` (what `newsetl` loads before it launches the temporary server), `server_and_first_flow`
(from the server's launch to a trivial flow run done; meanwhile this process loads the pipeline,
checks the lexicons, forks the default runner's extractor workers and imports Prefect and the
flow, as `newsetl run` does), `flow_floor` (a second trivial flow run, server
up), `pool_start` (a flow that submits one trivial task to the runner, minus the flow floor: the
worker pool's or cluster's start). `bench/bench_pipeline.py` runs it; it is not part of the tests.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time


def measure(runner: str) -> dict[str, float]:
    """Time the start-up steps of a `newsetl run` for `runner` (thread, process or dask)."""
    t0 = time.perf_counter()
    import flows.cli  # noqa: F401 - what `newsetl` imports before it checks the roots (Prefect's defaults first)
    from flows.server import launch_early, prefect_api

    launch_early()  # a first run into an empty output: the server boots while the pipeline loads
    t_import = time.perf_counter()
    import etl.pipeline  # noqa: F401 - `newsetl run` loads the pipeline and checks the lexicons meanwhile
    from etl.runloop import check_lexicons
    from etl.settings import Settings
    from flows.pool import extract_workers
    from flows.runners import local_workers

    check_lexicons()
    with contextlib.ExitStack() as stack:
        def meanwhile() -> None:  # as `newsetl run`: while the server boots in its own process
            stack.enter_context(extract_workers(local_workers() if runner == "thread" else 0))
            import flows.article_etl  # noqa: F401 - imports Prefect

        stack.enter_context(prefect_api(meanwhile=meanwhile))
        from prefect import flow, task

        from flows.article_etl import shared_api_url
        from flows.runners import make_task_runner

        @task
        def noop(x: int) -> int:
            return x

        @flow
        def trivial() -> int:
            return 1

        @flow(task_runner=make_task_runner(Settings(task_runner=runner)))
        def one_task() -> int:
            with shared_api_url():  # as article_etl does: workers use this flow's server
                return noop.submit(1).result()

        trivial()
        t_first = time.perf_counter()
        trivial()
        t_floor = time.perf_counter()
        one_task()
        t_pool = time.perf_counter()
    floor = t_floor - t_first
    return {
        "imports": t_import - t0,
        "server_and_first_flow": t_first - t_import,
        "flow_floor": floor,
        "pool_start": max(0.0, (t_pool - t_floor) - floor),
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1] if len(sys.argv) > 1 else "thread")))
