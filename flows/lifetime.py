"""Child processes that end with the process that started them, however it ends (SIGKILL included).

On Linux, `prctl(PR_SET_PDEATHSIG, SIGKILL)` asks the kernel to kill the calling process when
its parent ends; the setting survives `exec`. newsetl sets it in Prefect's temporary server
(`flows/server.py`) and in the process-pool workers (`flows/runners.py`): without it, a
SIGKILL of `newsetl run` leaves them running (about 225 MB each). Dask's nannies already end
with their parent. Elsewhere these calls do nothing.

`exit_now` ends `newsetl run` without the C++ static destructors that can abort it at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from typing import NoReturn

PR_SET_PDEATHSIG = 1


def supported() -> bool:
    """True where a child can be tied to its parent's life (Linux `prctl`)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return hasattr(ctypes.CDLL(None), "prctl")
    except OSError:
        return False


def die_with_parent(parent: int | None = None) -> None:
    """Be killed (SIGKILL) when the parent process ends; exit at once if it already has.

    Args:
        parent: the pid the caller expects as its parent (default: the current parent). When
            the parent is already gone, the process has been re-parented and exits with 70.
    """
    if not supported():
        return
    expected = os.getppid() if parent is None else parent
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != expected:  # the parent ended before the request took effect
        os._exit(70)


def exit_now(code: int, join_timeout: float = 10.0) -> NoReturn:
    """End this process with `code` once its Python side is wound down, skipping native libraries' static destructors.

    What the interpreter's own exit does first is done here: wait for the threads that are not
    daemons, run the exit handlers (`logging.shutdown`, Prefect's and fsspec's), flush standard
    output and error. Then `os._exit` leaves out the rest: the C++ static destructors, where
    Arrow's and DuckDB's thread pools are torn down after Python has finalised and where a pool
    thread still alive makes `std::terminate` abort a run that completed ("terminate called
    without an active exception", exit -6: apache/arrow#34314). Every output file is closed before this.
    """
    deadline = time.monotonic() + join_timeout
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    try:
        atexit._run_exitfuncs()  # the handlers the interpreter would run (no public API runs them)
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
