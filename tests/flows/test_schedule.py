"""Scheduled runs against a real Prefect server on a loopback port (started and stopped here)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_DIR

pytestmark = pytest.mark.flow
NEWSETL = [sys.executable, "-c", "import sys; from flows.cli import main; sys.exit(main())"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then again (prefect's serve needs two), then SIGKILL."""
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture
def prefect_api(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A `prefect server start` on a free loopback port, with a fast scheduler; yields the env to reach it."""
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PREFECT_API_URL", None)
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("prefect server did not start: " + (tmp_path / "server.log").read_text(errors="replace")[-2000:])
            time.sleep(0.5)
        yield {**env, "PREFECT_API_URL": api}
    finally:
        _stop(server)
        log.close()


async def _deployment_and_runs(name: str, api_url: str) -> tuple[object, list[object]]:
    """The deployment and its flow runs, read from the server at `api_url`.

    Set explicitly: another test's session-wide Prefect test harness may be in force in this process.
    """
    from prefect.client.orchestration import PrefectClient
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    async with PrefectClient(api_url) as client:
        deployment = await client.read_deployment_by_name(name)
        runs = await client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])))
        return deployment, runs


def test_serve_runs_on_schedule(prefect_api: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    serve = subprocess.Popen(
        [*NEWSETL, "serve", str(SAMPLE_DIR), "--out", str(out), "--cron", "* * * * *", "--batch-size", "50", "--name", "test-schedule"],
        env=prefect_api, cwd=ROOT, stdout=(tmp_path / "serve.log").open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300  # a loaded 2-core CI machine: server, serve and the run share it
        completed = []
        deployment = None
        while time.monotonic() < deadline and not completed:
            time.sleep(3)
            assert serve.poll() is None, (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
            try:
                deployment, runs = asyncio.run(_deployment_and_runs("article_etl/test-schedule", prefect_api["PREFECT_API_URL"]))
            except Exception:  # noqa: BLE001 - not registered yet
                continue
            completed = [r for r in runs if r.state and r.state.is_completed()]
        assert deployment is not None, "the deployment never registered: " + (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
        assert deployment.schedules[0].schedule.cron == "* * * * *"
        assert deployment.parameters["input_root"] == str(SAMPLE_DIR)
        assert deployment.parameters["output_root"] == str(out)
        assert deployment.parameters["batch_size"] == 50
        assert completed, "no scheduled run completed in 300 s: " + (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
        assert list((out / "articles").glob("*.parquet")) and list((out / "runs").glob("*.parquet"))
    finally:
        _stop(serve)


def test_serve_explains_what_it_needs_without_a_server(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([*NEWSETL, "serve", "--help"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "prefect server start" in done.stdout and "--cron" in done.stdout


def test_serve_without_a_server_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([*NEWSETL, "serve", str(SAMPLE_DIR), "--out", str(tmp_path / "out")],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "prefect server start" in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()
