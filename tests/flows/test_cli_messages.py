"""Operator mistakes on every command: one line on standard error and a non-zero exit; -v adds the traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from tests.conftest import ROOT, SAMPLE_DIR

NEWSETL = [sys.executable, "-c", "import sys; from flows.cli import main; sys.exit(main())"]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def _newsetl(tmp_path: Path, *argv: str, api: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    if api:
        env["PREFECT_API_URL"] = api
    return subprocess.run([*NEWSETL, *argv], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("cron", ["every day", "61 * * * *", "* * *"])
def test_serve_with_a_bad_cron_is_one_line(tmp_path: Path, cron: str) -> None:
    done = _newsetl(tmp_path, "serve", str(SAMPLE_DIR), "--out", str(tmp_path / "out"), "--cron", cron,
                    api=f"http://127.0.0.1:{_closed_port()}/api")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"newsetl: error: --cron {cron!r} is not a valid cron expression"), done.stderr


def test_serve_with_the_server_down_is_one_line(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{_closed_port()}/api"
    done = _newsetl(tmp_path, "serve", str(SAMPLE_DIR), "--out", str(tmp_path / "out"), api=api)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"newsetl: error: the Prefect server at PREFECT_API_URL={api} does not answer"), done.stderr
    assert "prefect server start" in done.stderr
    assert not (tmp_path / "out").exists()


def test_verbose_shows_the_traceback_then_the_same_line(tmp_path: Path) -> None:
    done = _newsetl(tmp_path, "serve", str(SAMPLE_DIR), "--out", str(tmp_path / "out"), "--cron", "every day", "-v",
                    api=f"http://127.0.0.1:{_closed_port()}/api")
    assert done.returncode == 2
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("newsetl: error: --cron 'every day' is not a valid cron expression")


def test_schema_that_cannot_be_written_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["schema", "--write", str(tmp_path / "file" / "dictionary.md")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsetl: error: cannot write"), err


def test_unexpected_failure_is_one_line_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import etl.datadict

    def broken() -> str:
        raise RuntimeError("the models could not be read\nsecond line of detail")

    monkeypatch.setattr(etl.datadict, "render_markdown", broken)
    assert main(["schema"]) == 1
    err = capsys.readouterr().err
    assert err == "newsetl: schema failed: RuntimeError: the models could not be read (run again with -v for details)\n"
    assert main(["schema", "-v"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and err.splitlines()[-1] == "newsetl: schema failed: RuntimeError: the models could not be read"


def test_run_local_operator_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--local"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsetl: error: input folder") and "does not exist" in err
