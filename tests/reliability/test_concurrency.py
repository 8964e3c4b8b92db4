"""Concurrency (issue 8, point 4): two runs on one output serialise on its lock; never corrupt, never duplicate."""

from __future__ import annotations

import logging
import multiprocessing
import subprocess
import threading
import time
from pathlib import Path

import pytest

from etl.io.lock import LOCK_NAME, OutputLockedError, lock_path, output_lock
from tests.reliability.helpers import (
    article_sources,
    check_readable,
    duplicates,
    make_articles,
    orphans,
    start_driver,
)


def test_two_runs_at_once_serialise_and_write_each_article_once(tmp_path: Path) -> None:
    """Two runs started together on one output both succeed, one after the other, each article written once.

    The test holds the lock until both runs have started, so they surely overlap: both say
    that they wait, then one writes everything and the other finds it all written.
    """
    names = make_articles(tmp_path / "in", 60, seed=3, bad=2)
    out = tmp_path / "out"
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(str(out), ready, release))
    holder.start()
    assert ready.wait(30)
    runs = [start_driver(tmp_path / "in", out, "--batch-size", size, "--lock", "--slow-write", "0.01") for size in ("6", "4")]
    for proc in runs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    # Both runs are waiting on the held lock before it is released (not a fixed sleep: a loaded
    # machine may take seconds from "started" to the lock).
    errs = [_Stderr(p) for p in runs]
    for err in errs:
        err.wait_for("waiting for it to finish", timeout=120)
    release.set()
    holder.join(30)
    for p in runs:
        p.wait(timeout=300)  # stdout is a line or two: no pipe fills up
    results = [(p.stdout.read(), err.text()) for p, err in zip(runs, errs, strict=True)]  # type: ignore[union-attr]
    assert [p.returncode for p in runs] == [0, 0], results
    assert all("being written by another newsetl run" in err and "waiting for it to finish" in err for _, err in results)
    assert sorted(out_.split()[-1] for out_, _ in results) == ["0", "60"], "one run wrote, the other found it done"
    check_readable(out)
    assert article_sources(out) == sorted(n for n in names if n.startswith("a"))
    assert set(duplicates(out).values()) == {0}
    assert orphans(out) == 0


class _Stderr:
    """Every stderr line of a process, read by a thread of its own as it comes."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        self.lines: list[str] = []
        self._thread = threading.Thread(target=lambda: self.lines.extend(iter(proc.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
        self._thread.start()

    def wait_for(self, text: str, timeout: float) -> None:
        """Return once a line holds `text`; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in list(self.lines)):
            assert time.monotonic() < deadline, f"no line with {text!r} in time: {''.join(self.lines)}"
            time.sleep(0.05)

    def text(self) -> str:
        """All of it, once the process has closed its stderr."""
        self._thread.join(60)
        return "".join(self.lines)


def _hold(out: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event) -> None:
    with output_lock(out):
        ready.set()
        release.wait(30)


def test_lock_without_waiting_names_the_holder(tmp_path: Path) -> None:
    """`wait=False` raises at once with a one-line message that names the holder and says what to do."""
    out = str(tmp_path / "out")
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(out, ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(OutputLockedError) as exc, output_lock(out, wait=False):
            pass
        message = str(exc.value)
        assert "\n" not in message
        assert f"pid {holder.pid}" in message and "another --out" in message
        started = time.monotonic()
        with pytest.raises(OutputLockedError, match=r"after waiting 0\.3 s"), output_lock(out, timeout=0.3):
            pass
        assert 0.25 <= time.monotonic() - started < 5
    finally:
        release.set()
        holder.join(30)
    with output_lock(out, wait=False):  # released when the holder ended
        pass


def test_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    """A SIGKILLed holder leaves no stale lock: the kernel drops it with the process."""
    out = str(tmp_path / "out")
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(out, ready, release))
    holder.start()
    assert ready.wait(30)
    holder.kill()
    holder.join(30)
    with output_lock(out, wait=False):
        assert (tmp_path / "out" / LOCK_NAME).exists()


def test_lock_file_is_hidden_from_readers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_lock(str(out)):
        assert Path(lock_path(str(out)) or "").name.startswith(".")
        assert check_readable(out) == dict.fromkeys(("articles", "sections", "quotes", "figures", "rejects"), 0)


def test_remote_root_is_not_locked_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    """fsspec roots that are not local disk cannot be locked: the run goes on with a warning."""
    assert lock_path("memory://newsetl-lock-test/out") is None
    with caplog.at_level(logging.WARNING, logger="newsetl"), output_lock("memory://newsetl-lock-test/out", wait=False):
        pass
    assert "cannot be locked" in caplog.text
