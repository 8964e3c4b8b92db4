"""Retries (issue 8, point 5): a transient I/O fault is retried by Prefect; a lasting one ends the run cleanly.

The fault is injected where a commit is most fragile: renaming the `articles` file into place,
after the batch's other files are already renamed. The write task has `retries=2` with delays
of 1 s and 5 s (flows/article_etl.py), so the lasting fault costs about 6 s.
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

import pytest
from fsspec.implementations.local import LocalFileSystem

from flows.cli import main
from tests.reliability.helpers import article_sources, check_readable, duplicates, make_articles, orphans


def _fail_articles_rename(monkeypatch: pytest.MonkeyPatch, times: int) -> list[str]:
    """Make the next `times` renames into `articles/` raise OSError; returns the attempts seen."""
    real = LocalFileSystem.mv
    attempts: list[str] = []

    def mv(self: LocalFileSystem, path1: str, path2: str, **kwargs: Any) -> None:
        if "/articles/part-" in path2:
            attempts.append(path2)
            if len(attempts) <= times:
                raise OSError(5, "Input/output error (injected)", path2)
        real(self, path1, path2, **kwargs)

    monkeypatch.setattr(LocalFileSystem, "mv", mv)
    return attempts


@pytest.mark.flow
def test_transient_write_fault_is_retried_and_the_run_succeeds(prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.article_etl import article_etl

    names = make_articles(tmp_path / "in", 12, seed=21, bad=1)
    out = tmp_path / "out"
    attempts = _fail_articles_rename(monkeypatch, times=1)
    result = article_etl(str(tmp_path / "in"), str(out), batch_size=20)
    assert len(attempts) == 2, "the failed write was tried again"
    assert result["rows"]["articles"] == 12
    check_readable(out)
    assert article_sources(out) == sorted(n for n in names if n.startswith("a"))
    assert set(duplicates(out).values()) == {0}
    assert orphans(out) == 0
    assert not glob.glob(f"{out}/**/*.tmp", recursive=True)


@pytest.mark.flow
def test_lasting_write_fault_ends_the_run_with_one_line_and_nothing_half_written(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = make_articles(tmp_path / "in", 12, seed=22, bad=1)
    out = tmp_path / "out"
    attempts = _fail_articles_rename(monkeypatch, times=100)
    code = main(["run", str(tmp_path / "in"), "--out", str(out), "--batch-size", "20", "--no-progress"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(attempts) == 3, "tried once and retried twice"
    assert err[-1].startswith("newsetl: run failed: OSError: ") and "Input/output error (injected)" in err[-1], err
    assert "Traceback" not in "\n".join(err)
    # Nothing half-written: the batch's sections, quotes, figures and rejects were rolled back with it.
    counts = check_readable(out)
    assert counts == dict.fromkeys(("articles", "sections", "quotes", "figures", "rejects"), 0), counts
    assert not glob.glob(f"{out}/**/*.tmp", recursive=True)
    # With the fault gone, the next run writes everything, once.
    monkeypatch.undo()
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 0
    assert article_sources(out) == sorted(n for n in names if n.startswith("a"))
    assert set(duplicates(out).values()) == {0}
