"""What an operator sees on a terminal: status lines before the bar, and a bar that counts articles."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.flow
NEWSETL = [sys.executable, "-c", "import sys; from flows.cli import main; sys.exit(main())"]


def _on_a_terminal(argv: list[str], env: dict[str, str], timeout: float = 300) -> tuple[int, str]:
    """Run `argv` with a pseudo-terminal as standard output and error; its exit status and everything it printed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a terminal 120 columns wide
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the program ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=30), b"".join(chunks).decode(errors="replace")


@pytest.mark.parametrize("mode", ["flow", "local"])
def test_bar_counts_articles_and_status_comes_first(tmp_path: Path, mode: str) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    for f in range(2):  # 2 JSONL files of 3 articles each, and one text file: 7 articles in 3 files
        lines = [json.dumps({"file": f"{f}-{i}.txt", "text": f"Story {f}-{i} Headline\n\nThe council met {i + 2} times in March."}) for i in range(3)]
        (landing / f"feed-{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (landing / "one.txt").write_text("Single Story Headline\n\nThe ferry carried 900 people.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    extra = ["--local"] if mode == "local" else []
    status, shown = _on_a_terminal([*NEWSETL, "run", str(landing), "--out", str(tmp_path / "out"), *extra], env)
    assert status == 0, shown
    text = shown.replace("\r", "\n")
    bar = text.index("articles:")
    if mode == "flow":
        assert -1 < text.index("newsetl: starting Prefect's temporary server") < bar, text
    assert -1 < text.index(f"newsetl: listing the files under {landing}") < bar, text
    assert -1 < text.index("newsetl: 3 input files, 7 articles to read (0 articles already in the output)") < bar, text
    counts = re.findall(r"articles:\s+\d+%\S*\s+(\d+)/(\d+)", text)
    assert counts and counts[-1] == ("7", "7"), text
    assert {total for _, total in counts} == {"7"}
    assert "newsetl: 3 files -> 7 new articles" in text
