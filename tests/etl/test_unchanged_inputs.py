"""Re-runs skip input files unchanged since a run read them whole (the `sources` table's cheap key),
and read again every file whose size, modification time, change time or inode differs."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import etl.io.read as read_mod
import etl.pipeline as pipeline_mod
from etl.io.read import list_inputs
from etl.runloop import run_local, unchanged_output
from etl.runs import RunSummary
from etl.settings import Settings
from tests.reliability.helpers import duplicates

BRIDGE = "Bridge Reopens After Repairs\n\nThe bridge reopened on Monday after 3 weeks of repairs, the council said.\n"
BRIDGE_SAME_SIZE = "Bridge Reopens After Repairs\n\nThe bridge reopened on Friday after 5 weeks of repairs, the council said.\n"
LIBRARY = "Library Opens New Wing\n\n“It is a good day,” said librarian Ana Lopez. The wing holds 12,000 books.\n"
PAST_NS = 1_700_000_000_000_000_000  # 2023-11-14: long before any listing


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the input files each run opens (in order); stamps are given to files however new."""
    monkeypatch.setattr(read_mod, "RACY_NS", 0)
    opened: list[str] = []
    real = pipeline_mod.read_input

    def read_input(item: read_mod.InputFile, *args: object) -> object:
        opened.append(os.path.basename(item.uri))
        return real(item, *args)

    monkeypatch.setattr(pipeline_mod, "read_input", read_input)
    return opened


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    for name, text in (("bridge.txt", BRIDGE), ("library.txt", LIBRARY)):
        (folder / name).write_text(text, encoding="utf-8")
        os.utime(folder / name, ns=(PAST_NS, PAST_NS))
    return folder


@pytest.fixture
def no_prefect_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No Prefect API configured, whichever tests ran before: the session's `prefect_server` harness
    sets one in Prefect's settings context (not in the environment) for the rest of the session."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    if "prefect.settings" not in sys.modules:  # as `flows.server.configured_api_url`: Prefect not loaded, nothing configured
        yield
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield


def _run(inp: Path, out: Path, **options: object) -> RunSummary:
    return run_local(Settings(input_root=str(inp), output_root=str(out), batch_size=1, **options), lock=False)


def _texts(out: Path) -> dict[str, str]:
    rows = duckdb.sql(f"select source_uri, text from read_parquet('{out}/articles/**/*.parquet')").fetchall()
    return {os.path.basename(uri): text for uri, text in rows}


def test_a_rerun_over_unchanged_files_reads_none_of_them(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    out = tmp_path / "out"
    first = _run(landing, out)
    assert (sorted(reads), first.rows["articles"]) == (["bridge.txt", "library.txt"], 2)
    before = _texts(out)
    reads.clear()
    again = _run(landing, out)
    assert reads == []
    assert (again.files, again.skipped, again.rows["articles"]) == (2, 2, 0)
    assert _texts(out) == before
    assert set(duplicates(out).values()) == {0}
    recorded = duckdb.sql(f"select source_uri, size_bytes, inode from read_parquet('{out}/sources/**/*.parquet')").fetchall()
    assert {(os.path.basename(u), size, ino) for u, size, ino in recorded} == {
        (p.name, p.stat().st_size, p.stat().st_ino) for p in landing.iterdir()}


def test_a_changed_file_is_read_again_and_replaces_its_older_version(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    out = tmp_path / "out"
    _run(landing, out)
    (landing / "bridge.txt").write_text(BRIDGE.replace("3 weeks", "13 weeks"), encoding="utf-8")
    reads.clear()
    summary = _run(landing, out)
    assert reads == ["bridge.txt"]
    assert (summary.rows["articles"], summary.skipped, summary.replaced) == (1, 1, 1)
    assert "13 weeks" in _texts(out)["bridge.txt"]


def test_after_a_changed_file_is_read_again_the_next_run_has_nothing_new(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    """`sources` then holds two readings of the file: the newest one, not the older one, is compared with the listing."""
    out = tmp_path / "out"
    _run(landing, out)
    assert unchanged_output(str(landing), str(out)) == (2, 2)
    (landing / "bridge.txt").write_text(BRIDGE.replace("3 weeks", "13 weeks"), encoding="utf-8")
    assert unchanged_output(str(landing), str(out)) is None
    _run(landing, out)
    readings = duckdb.sql(f"select count(*) from read_parquet('{out}/sources/**/*.parquet') where source_uri like '%bridge.txt'").fetchall()
    assert readings == [(2,)]
    assert unchanged_output(str(landing), str(out)) == (2, 2)
    reads.clear()
    again = _run(landing, out)
    assert (reads, again.skipped, again.rows["articles"]) == ([], 2, 0)


def test_a_new_file_beside_unchanged_ones_is_the_only_one_read(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    out = tmp_path / "out"
    _run(landing, out)
    (landing / "museum.txt").write_text(LIBRARY.replace("Library", "Museum"), encoding="utf-8")
    os.utime(landing / "museum.txt", ns=(PAST_NS, PAST_NS))
    assert unchanged_output(str(landing), str(out)) is None
    reads.clear()
    summary = _run(landing, out)
    assert (reads, summary.skipped, summary.rows["articles"]) == (["museum.txt"], 2, 1)
    assert unchanged_output(str(landing), str(out)) == (3, 3)


def test_a_file_whose_article_left_the_output_is_read_again(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    """The stamp is unchanged, but the article the file gave is no longer in `articles` (its file was removed)."""
    out = tmp_path / "out"
    _run(landing, out)
    rows = duckdb.sql(f"select filename, source_uri from read_parquet('{out}/articles/*.parquet', filename=true)").fetchall()
    (bridge_part,) = [f for f, uri in rows if uri.endswith("bridge.txt")]
    os.remove(bridge_part)
    assert unchanged_output(str(landing), str(out)) is None
    reads.clear()
    summary = _run(landing, out)
    assert (reads, summary.skipped, summary.rows["articles"]) == (["bridge.txt"], 1, 1)


def test_same_size_and_modification_time_rewritten_in_place_is_read_again(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    """Only the change time tells: the file was rewritten, then its modification time set back."""
    out = tmp_path / "out"
    _run(landing, out)
    path = landing / "bridge.txt"
    inode = path.stat().st_ino
    assert len(BRIDGE_SAME_SIZE.encode()) == len(BRIDGE.encode())
    path.write_text(BRIDGE_SAME_SIZE, encoding="utf-8")
    os.utime(path, ns=(PAST_NS, PAST_NS))
    assert (path.stat().st_ino, path.stat().st_mtime_ns, path.stat().st_size) == (inode, PAST_NS, len(BRIDGE.encode()))
    reads.clear()
    _run(landing, out)
    assert reads == ["bridge.txt"]
    assert "Friday" in _texts(out)["bridge.txt"]


def test_same_size_and_modification_time_replaced_by_another_file_is_read_again(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    """A file renamed over the input (a new inode) with the old size and modification time."""
    out = tmp_path / "out"
    _run(landing, out)
    path, new = landing / "bridge.txt", tmp_path / "bridge.new"
    old_inode = path.stat().st_ino
    new.write_text(BRIDGE_SAME_SIZE, encoding="utf-8")
    os.utime(new, ns=(PAST_NS, PAST_NS))
    os.replace(new, path)
    assert path.stat().st_ino != old_inode and path.stat().st_mtime_ns == PAST_NS
    reads.clear()
    _run(landing, out)
    assert reads == ["bridge.txt"]
    assert "Friday" in _texts(out)["bridge.txt"]


def test_full_refresh_reads_every_file(landing: Path, tmp_path: Path, reads: list[str]) -> None:
    out = tmp_path / "out"
    _run(landing, out)
    reads.clear()
    _run(landing, out, full_refresh=True)
    assert sorted(reads) == ["bridge.txt", "library.txt"]
    assert set(duplicates(out).values()) == {0}


def test_files_with_a_reject_are_read_every_time_and_jsonl_archives_are_skipped_whole(tmp_path: Path, reads: list[str]) -> None:
    folder = tmp_path / "landing"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "dup.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "orig.txt").write_text(BRIDGE, encoding="utf-8")
    lines = [json.dumps({"text": t, "file": f"a{i}.txt"}) for i, t in enumerate((BRIDGE.replace("Monday", "Sunday"), LIBRARY))]
    (folder / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for p in folder.iterdir():
        os.utime(p, ns=(PAST_NS, PAST_NS))
    out = tmp_path / "out"
    _run(folder, out)
    reads.clear()
    summary = _run(folder, out)
    assert sorted(reads) == ["empty.txt", "orig.txt"]  # a reject (empty; a duplicate of dup.txt) is not a file read whole
    assert (summary.skipped, summary.rows["articles"]) == (3, 0)


def test_a_file_listed_right_after_it_changed_gets_no_stamp(tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text(BRIDGE, encoding="utf-8")
    (item,) = list_inputs(str(tmp_path))
    assert item.stamp is None and item.size == len(BRIDGE.encode())


def test_newsetl_run_with_nothing_new_records_the_run_without_starting_prefect(landing: Path, tmp_path: Path, reads: list[str],
                                                                               monkeypatch: pytest.MonkeyPatch, no_prefect_api: None,
                                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import flows.cli as cli
    from flows.server import configured_api_url

    assert configured_api_url() is None
    out = tmp_path / "out"
    _run(landing, out)
    reads.clear()

    flows: list[str] = []

    def no_flow(settings: Settings, progress: object) -> dict:
        flows.append(settings.input_root or "")
        raise RuntimeError("stands in for a flow run")

    monkeypatch.setattr(cli, "_run_flow", no_flow)
    assert cli.main(["run", str(landing), "--out", str(out), "--no-progress"]) == 0
    assert (reads, flows) == ([], [])
    assert "-> 0 new articles (2 already there)" in capsys.readouterr().out
    assert duckdb.sql(f"select count(*) from read_parquet('{out}/runs/*.parquet')").fetchall() == [(2,)]
    (landing / "library.txt").write_text(LIBRARY.replace("12,000", "13,000"), encoding="utf-8")
    assert cli.main(["run", str(landing), "--out", str(out), "--no-progress"]) == 1  # something new: a flow run
    assert flows == [str(landing)]
