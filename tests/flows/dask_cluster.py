"""A real Dask cluster on 127.0.0.1 for tests and the benchmark: a `dask scheduler` and `dask worker`
processes, each a process of its own (as separate services run it), every one stopped by its PID."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dask_command() -> list[str] | None:
    """The `dask` command of this interpreter's environment, or None when distributed is not installed."""
    exe = Path(sys.executable).with_name("dask")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("dask")
    return [found] if found else None


@dataclass
class Cluster:
    """The scheduler's address and the processes of the cluster (scheduler first)."""

    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def pids(self) -> list[int]:
        """Every process of the cluster."""
        return [self.scheduler.pid, *(w.pid for w in self.workers)]


def _wait_listening(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dask scheduler ended with status {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"dask scheduler not listening on port {port} after {timeout:.0f}s")


def _wait_workers(address: str, n: int, timeout: float) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(n, timeout=timeout)


@contextlib.contextmanager
def dask_cluster(workers: int, logs: Path, env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[Cluster]:
    """Start a scheduler and `workers` single-threaded workers (no nanny: a worker is one process), stop them all by PID."""
    dask = dask_command()
    if dask is None:
        raise RuntimeError("the dask command is not installed (pip install 'newsetl[dask]')")
    logs.mkdir(parents=True, exist_ok=True)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**(env or os.environ), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    common = {"env": env, "start_new_session": True, "stdin": subprocess.DEVNULL}
    scheduler = subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=(logs / "scheduler.log").open("w"), stderr=subprocess.STDOUT, **common)
    cluster = Cluster(address, scheduler)
    try:
        _wait_listening(port, scheduler, timeout)
        for i in range(workers):
            cluster.workers.append(subprocess.Popen(
                [*dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                 "--name", f"w{i}", "--local-directory", str(logs / f"w{i}")],
                stdout=(logs / f"worker-{i}.log").open("w"), stderr=subprocess.STDOUT, **common))
        _wait_workers(address, workers, timeout)
        yield cluster
    finally:
        stop(cluster)


def stop(cluster: Cluster, grace: float = 10) -> None:
    """Stop every process of the cluster by its PID: SIGTERM, then SIGKILL after `grace` seconds."""
    procs = [*cluster.workers, cluster.scheduler]
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=10)
