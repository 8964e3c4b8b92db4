"""`newsetl run --task-runner dask --dask-address` on a real cluster: a `dask scheduler` and two
`dask worker` processes on 127.0.0.1, as separate services run them. The tables equal the default
runner's row for row, and a worker killed mid-run loses and duplicates no article (the re-run
completes what the killed run did not commit). Every process of the cluster is stopped by its PID."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from tests.conftest import ROOT
from tests.flows.dask_cluster import dask_cluster, dask_command
from tests.reliability.helpers import article_sources, duplicates, make_articles, orphans

pytestmark = pytest.mark.flow
NEWSETL = [sys.executable, "-c", "import sys; from flows.cli import main; sys.exit(main())"]
N_ARTICLES = 600
BATCH = "50"


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    return env


def _rows(out: Path, table: str) -> list[tuple]:
    """Every row of a table, time stamps and run-specific columns left out, sorted."""
    rel = duckdb.sql(f"select * from read_parquet('{out}/{table}/*.parquet')")
    keep = [c for c in rel.columns if c not in ("ingested_at", "rejected_at", "supersedes")]
    return sorted(rel.select(", ".join(keep)).fetchall(), key=repr)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_real_cluster_gives_the_default_rows_and_a_killed_worker_loses_nothing(tmp_path: Path) -> None:
    pytest.importorskip("prefect_dask")
    if dask_command() is None:
        pytest.skip("the dask command is not installed (pip install 'newsetl[dask]')")
    landing, home = tmp_path / "landing", tmp_path / "prefect-home"
    make_articles(landing, N_ARTICLES, seed=16)
    env = _env(home)
    base = [*NEWSETL, "run", str(landing), "--batch-size", BATCH, "--no-progress"]
    default = subprocess.run([*base, "--out", str(tmp_path / "default")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert default.returncode == 0, default.stderr[-2000:]

    out = tmp_path / "dask"
    with dask_cluster(2, tmp_path / "cluster", env) as cluster:
        pids = cluster.pids()
        cmd = [*base, "--out", str(out), "--task-runner", "dask", "--dask-address", cluster.address]
        run = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 240
        while not list((out / "articles").glob("part-*.parquet")) and run.poll() is None:
            assert time.monotonic() < deadline, "no batch committed in time"
            time.sleep(0.05)
        victim = cluster.workers[0]
        victim.kill()  # mid-run: its batch is lost with it
        victim.wait(timeout=10)
        run.communicate(timeout=300)  # the scheduler may give its batch to the other worker, or the run fails
        again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stderr[-2000:]
    assert not [pid for pid in pids if _alive(pid)], "a process of the cluster is still running"

    assert sorted(article_sources(out)) == sorted(article_sources(tmp_path / "default")) and len(article_sources(out)) == N_ARTICLES
    assert set(duplicates(out).values()) == {0} and orphans(out) == 0
    for table in ("articles", "sections", "quotes", "figures"):
        assert _rows(out, table) == _rows(tmp_path / "default", table), table
