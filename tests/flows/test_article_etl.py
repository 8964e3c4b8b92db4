"""The Prefect flow end to end, and the command line around it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from tests.conftest import ROOT
from tests.etl.bad_inputs import MAX_BYTES, expected_articles, expected_rejects, make_input_folder


def _count(out: Path, table: str) -> int:
    return duckdb.sql(f"select count(*) from read_parquet('{out}/{table}/**/*.parquet')").fetchall()[0][0]


@pytest.mark.flow
def test_flow_end_to_end_and_rerun(prefect_server: None, tmp_path: Path) -> None:
    from flows.article_etl import article_etl

    folder = make_input_folder(tmp_path)
    out = tmp_path / "out"
    result = article_etl(str(folder), str(out), batch_size=5, max_bytes=MAX_BYTES)
    assert result["files"] == len(list(folder.iterdir()))
    assert result["rows"]["articles"] == len(expected_articles()) == _count(out, "articles")
    assert sum(result["rejects"].values()) == len(expected_rejects()) == _count(out, "rejects")
    assert result["rejects"]["duplicate"] == 1
    counts = {t: _count(out, t) for t in ("articles", "sections", "rejects")}
    assert _count(out, "quote_links") == _count(out, "quotes") and result["seconds"]["people"] > 0  # the people tables are built
    people = (out / "people" / "people.parquet").read_bytes()

    again = article_etl(str(folder), str(out), batch_size=3, max_bytes=MAX_BYTES)
    assert again["skipped"] == len(expected_articles())
    assert again["rows"].get("articles", 0) == 0
    assert {t: _count(out, t) for t in counts} == counts
    assert (out / "people" / "people.parquet").read_bytes() == people  # nothing new: not rewritten


@pytest.mark.flow
def test_cli_run_exit_zero_with_rejects(prefect_server: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_input_folder(tmp_path)
    code = main(["run", str(folder), "--out", str(tmp_path / "out"), "--max-bytes", str(MAX_BYTES), "--no-progress"])
    assert code == 0
    assert f"{len(expected_rejects())} rejects" in capsys.readouterr().out


def test_a_listing_made_ahead_is_used_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.article_etl as etl_flow

    etl_flow.list_ahead(str(tmp_path / "missing"))  # cannot be listed: nothing kept, the task lists (and says why)
    assert str(tmp_path / "missing") not in etl_flow._listed_ahead
    folder = make_input_folder(tmp_path)
    listed = etl_flow.list_inputs(str(folder))
    etl_flow.list_ahead(str(folder))
    calls: list[str] = []
    monkeypatch.setattr(etl_flow, "list_inputs", lambda root: calls.append(root) or listed)
    assert etl_flow.list_input_files.fn(str(folder)) == listed and calls == []  # the listing made ahead
    assert etl_flow.list_input_files.fn(str(folder)) == listed and calls == [str(folder)]  # once: then listed afresh


def test_cli_missing_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "does not exist" in err
    assert not (tmp_path / "out").exists()


def test_cli_rejects_bad_option_values(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["run", "in", "--out", "out", "--batch-size", "0"])
    assert exc.value.code == 2
    assert "must be greater than 0" in capsys.readouterr().err


def test_module_entry_point_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flows.article_etl", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0
    for option in ("--out", "--batch-size", "--max-bytes", "--no-progress"):
        assert option in done.stdout
