"""Child processes that end with the process that started them, however it ends (SIGKILL included).

On Linux, `prctl(PR_SET_PDEATHSIG, SIGKILL)` asks the kernel to kill the calling process when
its parent ends; the setting survives `exec`. newsetl sets it in Prefect's temporary server
(`flows/server.py`) and in the process-pool workers (`flows/runners.py`): without it, a
SIGKILL of `newsetl run` leaves them running (about 225 MB each). Dask's nannies already end
with their parent. Elsewhere these calls do nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

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
