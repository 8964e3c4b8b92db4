"""One writer per output root: an advisory lock file that two runs on the same output share.

    with output_lock(out_root):          # waits (up to `timeout` s) for a run already writing
        ...plan, extract, commit...

On local disk the lock is `OUT/.newsetl.lock`, held with `fcntl.flock` (the mechanism the
`filelock` package uses on POSIX, without the dependency): the kernel releases it when the
holding process ends in any way, SIGKILL included, so a killed run never leaves a stale lock.
The file records who holds it (pid, host, start time) for the message the waiting run shows.
Its name starts with a dot: no `*.parquet` glob and no dataset reader sees it.

Remote fsspec roots (s3://, gs://, memory://, ...) have no lock primitive that fsspec offers
portably, so there `output_lock` does not lock: it logs a warning and lets the run go on (the
same on a system without `fcntl`, i.e. Windows).
Runs on one remote output must then be kept apart by their scheduler (e.g. one Prefect
deployment with a concurrency limit of 1). Writes stay atomic per file there, and re-runs
rewrite the same content-named files, but two overlapping runs can each clean up the other's
temporaries. Network file systems (NFS) honour `flock` only on some mounts.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from etl.io.read import _is_local, open_root

log = logging.getLogger("newsetl")

LOCK_NAME = ".newsetl.lock"
DEFAULT_TIMEOUT = 600.0
_POLL = 0.1


class OutputLockedError(Exception):
    """Another run holds the output root's lock (and waiting was not asked for, or took too long)."""


def lock_path(out_root: str) -> str | None:
    """The lock file of a local output root, or None where there is no lock (a remote root, or no `fcntl`)."""
    fs, root = open_root(out_root)
    if not _is_local(fs) or importlib.util.find_spec("fcntl") is None:
        return None
    return os.path.join(os.path.abspath(root), LOCK_NAME)


def _holder(fd: int) -> str:
    """Who holds the lock, as the file says: `pid 123 on host since 2026-11-25T09:00:00Z`."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
        return f"pid {info['pid']} on {info['host']} since {info['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


def _try_lock(fd: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


@contextmanager
def output_lock(out_root: str, wait: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the output root's lock for the `with` block: one run writes to an output at a time.

    Args:
        out_root: the output root (folder or fsspec URL); a local folder is created if missing.
        wait: wait for a run that holds the lock to finish (logging once that it waits);
            when False, raise at once.
        timeout: how many seconds to wait at most.

    Raises:
        OutputLockedError: another run holds the lock (`wait=False`, or still after `timeout`),
            with a one-line message that names it and says what to do.
    """
    path = lock_path(out_root)
    if path is None:
        log.warning("output %s cannot be locked (not on local disk, or no fcntl on this system): do not start two runs on it at once", out_root)
        yield
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        told = False
        while not _try_lock(fd):
            holder = _holder(fd)
            if not wait or time.monotonic() >= deadline:
                waited = "" if not wait else f" after waiting {timeout:g} s"
                raise OutputLockedError(
                    f"output {out_root!r} is being written by another newsetl run ({holder}){waited}: "
                    "wait for it to finish, or write to another --out"
                )
            if not told:
                log.warning("output %s is being written by another newsetl run (%s): waiting for it to finish", out_root, holder)
                told = True
            time.sleep(_POLL)
        since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since}).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # unlocking follows when the descriptor is closed
    finally:
        os.close(fd)
