"""Operator mistakes (issue 8, point 7), through the CLI: one line that says what to do, exit 2, no traceback, nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from etl.io.parquet import OUTPUT_MARKER, OutputRootError, check_output_root, contract_fingerprint, read_output_marker, write_output_marker
from flows.cli import main
from tests.reliability.helpers import make_articles


def _tree(root: Path) -> dict[str, float]:
    """Every path under `root` with its modification time: what 'nothing written' compares."""
    return {str(p.relative_to(root)): p.stat().st_mtime for p in root.rglob("*") if not p.is_symlink()}


def _fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], *phrases: str) -> str:
    before = _tree(tmp_path)
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("newsetl: error: "), captured.err
    assert "Traceback" not in captured.err
    for phrase in phrases:
        assert phrase in captured.err, captured.err
    assert _tree(tmp_path) == before, "something was written"
    return captured.err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_articles(tmp_path / "in", 2)
    return tmp_path / "in"


def test_missing_input_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_cleanly(tmp_path, capsys, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "out")],
                   "does not exist", "give the folder that holds the article files")
    assert not (tmp_path / "out").exists()


def test_input_is_a_file(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_cleanly(tmp_path, capsys, ["run", str(folder / "a00000.txt"), "--out", str(tmp_path / "out")], "is a file, not a folder")


def test_output_is_a_file(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out.parquet").write_bytes(b"not a folder")
    _fails_cleanly(tmp_path, capsys, ["run", str(folder), "--out", str(tmp_path / "out.parquet")],
                   "is a file, not a folder", "give a folder for --out")


def test_output_under_a_file_cannot_be_created(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As root nothing is read-only, so 'not writable' is a parent that is a file (mkdir would fail)."""
    (tmp_path / "plain-file").write_text("x")
    _fails_cleanly(tmp_path, capsys, ["run", str(folder), "--out", str(tmp_path / "plain-file" / "out")],
                   "cannot be created", "is a file, not a folder", "give another --out")


def test_output_without_write_permission(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only parent: real for other users; for root (which may write anywhere) `os.access` is made to say no."""
    parent = tmp_path / "readonly"
    parent.mkdir()
    if os.geteuid() == 0:
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == str(parent) else real_access(p, mode, **kw))
    else:
        parent.chmod(0o555)
    try:
        _fails_cleanly(tmp_path, capsys, ["run", str(folder), "--out", str(parent / "out")], "is not writable", "give another --out")
    finally:
        parent.chmod(0o755)


def test_output_inside_input(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_cleanly(tmp_path, capsys, ["run", str(folder), "--out", str(folder / "out")], "inside the input folder", "outside it")


def test_output_written_with_another_data_contract(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    (out / OUTPUT_MARKER).write_text(json.dumps({"format": "newsetl-output", "contract": "0123456789abcdef", "written_by": "newsetl 0.0.1"}))
    err = _fails_cleanly(tmp_path, capsys, ["run", str(folder), "--out", str(out)],
                         "another data contract", "newsetl 0.0.1", "write to a new --out folder", "--full-refresh")
    assert contract_fingerprint() in err


def test_unreadable_contract_marker(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / OUTPUT_MARKER).write_text("{not json")
    _fails_cleanly(tmp_path, capsys, ["run", str(folder), "--out", str(out)], "unreadable", "write to a new --out folder")


def test_unknown_option(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One error line that points to --help; exit 2, no traceback, nothing written."""
    before = _tree(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["run", str(folder), "--out", str(tmp_path / "out"), "--bogus"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert "Traceback" not in err
    assert err.strip().splitlines() == ["newsetl: error: unrecognized arguments: --bogus (see newsetl --help)"]
    assert _tree(tmp_path) == before


def test_contract_marker_is_written_on_first_commit_and_accepted_after(tmp_path: Path, folder: Path) -> None:
    """The marker check passes for outputs this version wrote, and for outputs older than the marker."""
    from tests.reliability.driver import run

    out = tmp_path / "out"
    check_output_root(str(out))  # does not exist yet: fine
    run(str(folder), str(out), batch_size=5)
    marker = read_output_marker(str(out))
    assert marker is not None and marker["format"] == "newsetl-output" and marker["contract"] == contract_fingerprint()
    check_output_root(str(out))
    (out / OUTPUT_MARKER).unlink()  # an output written before the marker existed
    check_output_root(str(out))
    (out / OUTPUT_MARKER).write_text(json.dumps({"contract": "other"}))
    with pytest.raises(OutputRootError):
        check_output_root(str(out))
    check_output_root(str(out), full_refresh=True)
    write_output_marker(str(out))
    assert read_output_marker(str(out))["contract"] == contract_fingerprint()
    assert not list(out.glob(f".{OUTPUT_MARKER}-*")), "no temporary marker left"
