"""`exit_now`: the process ends with the given status only after what the interpreter's own exit
would have finished: threads that are not daemons, exit handlers, buffered standard output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = """
import atexit, sys, threading, time
from pathlib import Path
from flows.lifetime import exit_now

out = Path(sys.argv[1])
atexit.register(lambda: (out / "handler").write_text("ran"))
def late():
    time.sleep(0.3)
    (out / "thread").write_text("done")
threading.Thread(target=late).start()
sys.stdout.write("buffered, no newline")
exit_now(7)
print("never")
"""


def test_exit_now_finishes_threads_handlers_and_output_then_exits_with_the_status(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (7, "buffered, no newline", "")
    assert (tmp_path / "thread").read_text() == "done"
    assert (tmp_path / "handler").read_text() == "ran"
