"""Prefect's temporary API server for one `newsetl run`, tied to the life of the process that started it.

Prefect 3 starts a temporary server by itself when no `PREFECT_API_URL` is set
(`prefect.server.api.server.SubprocessASGIServer`: `python -m uvicorn ... create_app` in a
child process, stopped by an `atexit` hook). That child shares the terminal's process group
(Ctrl-C kills it while the flow still needs it: websocket errors, then `ConnectError`), and
it outlives a main process ended by SIGKILL or by SIGTERM's default action (about 225 MB
each). `temporary_server` starts the same server the same way, except that:

- it runs in a session of its own, so a Ctrl-C in the terminal reaches only newsetl, which
  stops cleanly while the server still answers;
- on Linux it asks the kernel to SIGKILL it when the process that started it ends, however
  that process ends (`flows.lifetime`, set in the child before it execs uvicorn);
- it is stopped by an `atexit` hook registered before Prefect's own, so Prefect's log and
  event workers flush to a live server first.

Where there is no `prctl` (not Linux), Prefect's own temporary server is used as before.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from flows import lifetime

# Run in the child: die with the parent (the setting survives exec), then become the uvicorn server.
_BOOT = """\
import os, sys
from flows.lifetime import die_with_parent
die_with_parent(int(sys.argv[1]))
os.execv(sys.executable, [sys.executable, "-m", "uvicorn", *sys.argv[2:]])
"""


class ServerStartError(RuntimeError):
    """Prefect's temporary server did not answer in time."""


def configured_api_url() -> str | None:
    """The Prefect API this process already talks to (`PREFECT_API_URL`, a profile, a test harness), if any."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    if "prefect" in sys.modules or "prefect.settings" in sys.modules:
        from prefect.settings import get_current_settings

        url = get_current_settings().api.url
        return str(url) if url else None
    return None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prefect_dir() -> Path:
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ServerStartError("prefect is not installed")
    return Path(spec.origin).parent


class TemporaryServer:
    """One temporary Prefect API server (uvicorn, SQLite under `PREFECT_HOME`) on a free loopback port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None

    @property
    def api_url(self) -> str:
        """The API address to give Prefect clients."""
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, timeout: float) -> None:
        """Start the server and wait until it answers `/health` (at most `timeout` seconds)."""
        self.launch()
        self.wait_ready(timeout)

    def launch(self) -> None:
        """Start the server process and return at once (it boots for several seconds: `wait_ready`)."""
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        env.pop("PREFECT_API_URL", None)
        args = ["--app-dir", str(_prefect_dir().parent), "--factory", "prefect.server.api.server:create_app",
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"]
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server; a pipe nobody reads could fill and stall it
        self.process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(os.getpid()), *args],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._errors,
            start_new_session=True,
        )
        atexit.register(self.stop)

    def wait_ready(self, timeout: float) -> None:
        """Wait until the launched server answers `/health` (at most `timeout` seconds); stop it if it does not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None:
                raise ServerStartError("Prefect's temporary server was stopped before it answered")
            if self.process.poll() is not None:
                raise ServerStartError(f"Prefect's temporary server exited with status {self.process.returncode}: {self._last_error()}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerStartError(f"Prefect's temporary server did not answer within {timeout:g} s "
                               "(raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS on a slow machine)")

    def _last_error(self) -> str:
        if self._errors is None:
            return "no message"
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else "no message"

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 5 s."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._errors is not None:
            self._errors.close()
            self._errors = None


_early: TemporaryServer | None = None  # launched by `launch_early`, not yet taken by `prefect_api`


def launch_early() -> None:
    """Start the temporary server booting now, for this process's next `prefect_api` to use (it boots meanwhile).

    Does nothing when Prefect already has an API or on a system without `prctl`, as `prefect_api`.
    """
    global _early
    if _early is None and not configured_api_url() and lifetime.supported():
        _early = TemporaryServer()
        _early.launch()


def stop_early() -> None:
    """Stop a server `launch_early` started that no `prefect_api` took (the command ended without a flow run)."""
    global _early
    server, _early = _early, None
    if server is not None:
        server.stop()


@contextlib.contextmanager
def prefect_api(meanwhile: Callable[[], object] | None = None) -> Iterator[str | None]:
    """Give this process (and the workers it starts) a Prefect API for the `with` block.

    Yields the API URL of a temporary server started here, or None when Prefect already has an
    API (`PREFECT_API_URL`, a profile, a test harness) or on a system without `prctl` (Prefect
    then starts its own when the flow runs). The server itself stops when this process exits
    (`atexit`, or the kernel on any other end), after Prefect has flushed its logs and events.
    `meanwhile` runs in this process while the server boots in its own (it takes seconds of the
    other core): e.g. importing Prefect and the flow. A server `launch_early` started is used.
    """
    if configured_api_url() or not lifetime.supported():
        if meanwhile is not None:
            meanwhile()
        yield None
        return
    global _early
    server, _early = _early, None
    if server is None:
        server = TemporaryServer()
        server.launch()
    try:
        if meanwhile is not None:
            meanwhile()
        server.wait_ready(float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")))
    except BaseException:
        server.stop()
        raise
    os.environ["PREFECT_API_URL"] = server.api_url  # settings not built yet, and worker processes
    try:
        if "prefect.settings" in sys.modules:  # settings already built in this process: update them too
            from prefect.settings import PREFECT_API_URL, temporary_settings

            with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
                yield server.api_url
        else:
            yield server.api_url
    finally:
        _send_logs()
        os.environ.pop("PREFECT_API_URL", None)


def _send_logs(timeout: float = 5.0) -> None:
    """Send the log records Prefect still holds for the API now, while the temporary server answers.

    Left to the exit, they are sent by `logging.shutdown`, the last exit handler, after the server
    has stopped: the send then waits its full timeout (5 s) for a server that is gone (`newsetl run -v`,
    whose INFO records Prefect sends to the API).
    """
    if "prefect.logging.handlers" not in sys.modules:
        return
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(Exception):  # a log not sent is not a reason to fail a run that completed
        APILogWorker.drain_all(timeout=timeout)
