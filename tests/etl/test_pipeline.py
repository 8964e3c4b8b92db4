"""One run of the plain pipeline (no Prefect): every input ends in articles or rejects, once."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.runloop import run_local
from etl.settings import Settings
from tests.etl.bad_inputs import MAX_BYTES, expected_articles, expected_rejects, make_input_folder

SETTINGS = Settings(max_bytes=MAX_BYTES, batch_size=4)


def run_pipeline(input_dir: Path, out: Path) -> None:
    """One run without Prefect (the run loop the flow's tasks call)."""
    run_local(SETTINGS.model_copy(update={"input_root": str(input_dir), "output_root": str(out)}))


@pytest.fixture
def run_output(tmp_path: Path) -> tuple[Path, Path]:
    folder = make_input_folder(tmp_path)
    out = tmp_path / "out"
    run_pipeline(folder, out)
    return folder, out


def _sql(query: str) -> list[tuple]:
    return duckdb.sql(query).fetchall()


def test_every_input_ends_in_articles_or_rejects(run_output: tuple[Path, Path]) -> None:
    folder, out = run_output
    articles = {os.path.basename(u) for (u,) in _sql(f"select source_uri from read_parquet('{out}/articles/*.parquet')")}
    rejects = dict(_sql(f"select source_uri, reason from read_parquet('{out}/rejects/*.parquet')"))
    rejects = {os.path.basename(u): r for u, r in rejects.items()}
    assert articles == expected_articles()
    assert rejects == expected_rejects()
    assert articles | set(rejects) == {p.name for p in folder.iterdir()}


def test_reject_rows_explain_themselves(run_output: tuple[Path, Path]) -> None:
    _, out = run_output
    rows = pd.read_parquet(out / "rejects")
    assert rows["detail"].str.len().min() > 30
    assert set(rows["stage"]) == {"ingest"}
    assert str(rows["rejected_at"].dtype) == "datetime64[us, UTC]"


def test_rerun_adds_no_rows(run_output: tuple[Path, Path]) -> None:
    folder, out = run_output
    before = {t: _sql(f"select count(*) from read_parquet('{out}/{t}/*.parquet')")[0][0] for t in ("articles", "sections", "rejects")}
    run_pipeline(folder, out)
    after = {t: _sql(f"select count(*) from read_parquet('{out}/{t}/*.parquet')")[0][0] for t in ("articles", "sections", "rejects")}
    assert after == before
    assert _sql(f"select count(*) - count(distinct (article_id, section_idx)) from read_parquet('{out}/sections/*.parquet')") == [(0,)]


def test_parquet_reads_back_typed(run_output: tuple[Path, Path]) -> None:
    _, out = run_output
    arts = pd.read_parquet(out / "articles")
    secs = pd.read_parquet(out / "sections")
    assert len(arts) == len(expected_articles())
    assert str(secs["char_start"].dtype) == "int32"
    assert str(arts["ingested_at"].dtype) == "datetime64[us, UTC]"
    types = dict(_sql(f"select column_name, column_type from (describe select * from read_parquet('{out}/sections/*.parquet'))"))
    assert types["char_start"] == "INTEGER" and types["kind"] == "VARCHAR"
    joined = _sql(
        f"select count(*) from read_parquet('{out}/sections/*.parquet') s join read_parquet('{out}/articles/*.parquet') a "
        "using (article_id) where substr(a.text, s.char_start + 1, s.char_end - s.char_start) <> s.text"
    )
    assert joined == [(0,)]


def test_sample_sections(run_output: tuple[Path, Path]) -> None:
    _, out = run_output
    kinds = dict(_sql(
        f"select kind, count(*) from read_parquet('{out}/sections/*.parquet') s join read_parquet('{out}/articles/*.parquet') a "
        "using (article_id) where a.source_uri like '%harbour-gallery.txt' group by 1"
    ))
    assert kinds == {"headline": 1, "section_label": 1, "paragraph": 3, "gallery_heading": 1, "caption": 1, "credit": 1, "boilerplate": 1}



def test_unreadable_dates_are_logged_and_counted_in_runs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import json

    inp = tmp_path / "in"
    inp.mkdir()
    records = [
        {"file": "a.txt", "text": "Dated Story\n\nBody one.", "date": "26-FEB-1987 15:01:01.79"},
        {"file": "b.txt", "text": "Undated Story\n\nBody two.", "date": "the day after the storm"},
        {"file": "c.txt", "text": "Story Without Date\n\nBody three."},
    ]
    (inp / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    with caplog.at_level("WARNING", logger="newsetl"):
        summary = run_local(SETTINGS.model_copy(update={"input_root": str(inp), "output_root": str(out)}))
    assert summary.dates_unreadable == 1
    assert any("feed.jsonl#b.txt: publication date 'the day after the storm' could not be read" in r.getMessage() for r in caplog.records)
    rows = dict((uri.rsplit("#", 1)[-1], (str(d) if d else None, raw)) for uri, d, raw in
                _sql(f"select source_uri, published_at, published_raw from read_parquet('{out}/articles/*.parquet')"))
    assert rows == {"a.txt": ("1987-02-26", "26-FEB-1987 15:01:01.79"), "b.txt": (None, "the day after the storm"), "c.txt": (None, None)}
    assert _sql(f"select dates_unreadable from read_parquet('{out}/runs/*.parquet')") == [(1,)]
