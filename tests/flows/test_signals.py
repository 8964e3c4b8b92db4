"""Stopping a real `newsetl run` with real signals: Ctrl-C (SIGINT), SIGTERM and SIGKILL.

Each test starts the command in a session of its own and waits until it has committed a batch.
Ctrl-C is SIGINT to the whole process group, as a terminal sends it; SIGTERM and SIGKILL go to
the main process only, as `kill PID` sends them. Then the test checks the exit status, that it says in one line what
it committed, that no process of the run survives it (Prefect's temporary server and the
task runner's workers included), and that the next run is neither blocked nor confused by
what the stopped one left.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import ROOT
from tests.reliability.helpers import article_sources, duplicates, make_articles, orphans

pytestmark = pytest.mark.flow
NEWSETL = [sys.executable, "-c", "import sys; from flows.cli import main; sys.exit(main())"]
N_ARTICLES = 3000
BATCH = "150"
STOPPED = re.compile(
    r"^newsetl: stopped by (SIGINT|SIGTERM) after committing (\d+) of (\d+) batches \(([\d,]+) new articles, 0 already there\): "
    r"those are complete in the output; run the same command again to continue$"
)


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "landing"
    make_articles(folder, N_ARTICLES)
    return folder


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)  # a temporary server of its own, as on an operator's machine
    return env


def _start(landing: Path, out: Path, home: Path, logs: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*NEWSETL, "run", str(landing), "--out", str(out), "--batch-size", BATCH, *options],
        cwd=ROOT, env=_env(home), stdout=(logs / "stdout").open("w"), stderr=(logs / "stderr").open("w"),
        text=True, start_new_session=True,
    )


def _descendants_once_committed(proc: subprocess.Popen[str], out: Path, timeout: float = 240) -> list[psutil.Process]:
    """Wait until the run has committed a batch; every process it started by then (server, workers)."""
    deadline = time.monotonic() + timeout
    while not list((out / "articles").glob("part-*.parquet")):
        assert proc.poll() is None, f"the run ended before committing a batch (status {proc.returncode})"
        assert time.monotonic() < deadline, "no batch committed in time"
        time.sleep(0.1)
    return psutil.Process(proc.pid).children(recursive=True)


def _survivors(processes: list[psutil.Process], grace: float = 10) -> list[str]:
    """The processes still running after `grace` seconds (zombies count as ended)."""
    deadline = time.monotonic() + grace
    while True:
        alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() > deadline:
            return [" ".join(p.cmdline())[:120] for p in alive if p.is_running()]
        time.sleep(0.2)


def _kill_left(processes: list[psutil.Process]) -> None:
    for p in processes:
        if p.is_running():
            p.kill()


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_sigint_and_sigterm_stop_in_seconds_with_one_line(landing: Path, tmp_path: Path, sig: signal.Signals, status: int) -> None:
    out, home = tmp_path / "out", tmp_path / "prefect-home"
    proc = _start(landing, out, home, tmp_path)
    started = _descendants_once_committed(proc, out)
    assert any("uvicorn" in " ".join(p.cmdline()) for p in started), "Prefect's temporary server is not a child of the run"
    try:
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C in a terminal: every process of the foreground group
        else:
            os.kill(proc.pid, sig)
        proc.wait(timeout=30)  # a few seconds on a quiet machine; the bound allows for a loaded one
        err = (tmp_path / "stderr").read_text()
        lines = err.strip().splitlines()
        assert proc.returncode == status, err
        assert len(lines) == 1, err  # no traceback, no websocket errors, no Prefect crash report
        m = STOPPED.match(lines[0])
        assert m is not None, lines[0]
        assert m.group(1) == sig.name
        batches, total, written = int(m.group(2)), int(m.group(3)), int(m.group(4).replace(",", ""))
        assert total == N_ARTICLES // int(BATCH) and 1 <= batches < total
        assert written == batches * int(BATCH) == len(article_sources(out)), "the line must say what is in the output"
        assert _survivors(started) == []
    finally:
        _kill_left([psutil.Process(proc.pid), *started] if proc.poll() is None else started)
    # the next run continues where this one stopped (in this process: quick to check)
    again = subprocess.run([*NEWSETL, "run", str(landing), "--out", str(out), "--local"], cwd=ROOT, env=_env(home),
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"({written:,} already there)" in again.stdout
    assert len(article_sources(out)) == N_ARTICLES
    assert set(duplicates(out).values()) == {0} and orphans(out) == 0


@pytest.mark.parametrize("runner", ["thread", "process"])
def test_sigkill_leaves_nothing_running_and_the_next_run_finishes(landing: Path, tmp_path: Path, runner: str) -> None:
    out, home = tmp_path / "out", tmp_path / "prefect-home"
    proc = _start(landing, out, home, tmp_path, "--task-runner", runner)
    started = _descendants_once_committed(proc, out)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert _survivors(started) == [], "a process of the killed run is still running"
    finally:
        _kill_left(started)
    # the next run: the lock, temporaries and server the killed one had are no obstacle
    again = _start(landing, out, home, tmp_path)
    try:
        assert again.wait(timeout=400) == 0, (tmp_path / "stderr").read_text()[-2000:]
    finally:
        if again.poll() is None:
            again.kill()
    assert len(article_sources(out)) == N_ARTICLES
    assert set(duplicates(out).values()) == {0} and orphans(out) == 0
    assert not list(out.glob("*/.*.tmp"))


def _catches(pid: int, sig: signal.Signals) -> bool:
    """Whether the process has a handler of its own for `sig` (Linux: the SigCgt mask in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next((int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigCgt:")), 0)
    return bool(mask >> (sig - 1) & 1)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the signal mask from /proc (Linux)")
@pytest.mark.parametrize("moment", ["handler", "server"])
def test_sigterm_in_the_first_moments_exits_143_and_leaves_nothing(landing: Path, tmp_path: Path, moment: str) -> None:
    """SIGTERM as soon as the command handles signals (before its slow imports), or once Prefect's server is booting."""
    out, home = tmp_path / "out", tmp_path / "prefect-home"
    proc = _start(landing, out, home, tmp_path)
    seen: dict[int, psutil.Process] = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"the run ended before the signal (status {proc.returncode})"
            assert time.monotonic() < deadline, f"no {moment} in time"
            children = psutil.Process(proc.pid).children(recursive=True)
            seen.update((p.pid, p) for p in children)
            if moment == "handler" and _catches(proc.pid, signal.SIGTERM):
                break
            if moment == "server" and any("uvicorn" in " ".join(p.cmdline()) for p in children if p.is_running()):
                break
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        err = (tmp_path / "stderr").read_text()
        assert proc.returncode == 143, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "SIGTERM" in lines[0], err
        assert _survivors(list(seen.values())) == []
        assert not list((out / "articles").glob("part-*.parquet")) or "committing" in lines[0]
    finally:
        _kill_left([psutil.Process(proc.pid), *seen.values()] if proc.poll() is None else list(seen.values()))
