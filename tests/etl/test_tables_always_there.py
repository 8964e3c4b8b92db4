"""Every table folder exists after a run, with the full schema even where a table has no rows,
so that the README's query patterns work in DuckDB, pandas and Polars on any output."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from etl.io.parquet import EMPTY_FILE, remove_stale_temporaries
from etl.runloop import run_local
from etl.settings import Settings
from etl.tables import ARROW_SCHEMAS
from tests.conftest import SAMPLE_DIR


def _run(inp: Path, out: Path, **options: object) -> None:
    run_local(Settings(input_root=str(inp), output_root=str(out), **options), lock=False)


@pytest.fixture
def sample_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    _run(SAMPLE_DIR, out)
    return out


def test_sample_run_has_every_table_folder(sample_out: Path) -> None:
    assert sorted(p.name for p in sample_out.iterdir() if p.is_dir()) == sorted(ARROW_SCHEMAS)
    # the sample has no bad input: rejects is one empty file with the full schema
    assert [p.name for p in (sample_out / "rejects").iterdir()] == [EMPTY_FILE]
    schema = pq.read_schema(sample_out / "rejects" / EMPTY_FILE)
    assert schema.remove_metadata() == ARROW_SCHEMAS["rejects"]
    # tables with rows have no empty file
    assert not (sample_out / "articles" / EMPTY_FILE).exists()


def test_readme_query_pattern_works_in_duckdb_pandas_and_polars(sample_out: Path) -> None:
    pattern = f"{sample_out}/rejects/**/*.parquet"
    assert duckdb.sql(f"select count(*) from read_parquet('{pattern}')").fetchall() == [(0,)]
    assert list(duckdb.sql(f"select * from read_parquet('{pattern}')").columns) == ARROW_SCHEMAS["rejects"].names
    frame = pd.read_parquet(sample_out / "rejects")
    assert len(frame) == 0 and list(frame.columns) == ARROW_SCHEMAS["rejects"].names
    lazy = pl.read_parquet(pattern)
    assert lazy.height == 0 and lazy.columns == ARROW_SCHEMAS["rejects"].names
    assert ds.dataset(sample_out / "rejects").to_table().num_rows == 0


def test_reruns_add_no_empty_files_and_rows_sit_beside_the_empty_file(sample_out: Path, tmp_path: Path) -> None:
    _run(SAMPLE_DIR, sample_out)
    _run(SAMPLE_DIR, sample_out)
    assert [p.name for p in (sample_out / "rejects").iterdir()] == [EMPTY_FILE]
    # a later run that rejects something adds its file beside the empty one; readers see its rows
    more = tmp_path / "more"
    more.mkdir()
    (more / "empty.txt").write_bytes(b"")
    _run(more, sample_out)
    assert duckdb.sql(f"select reason from read_parquet('{sample_out}/rejects/**/*.parquet')").fetchall() == [("empty",)]
    assert len(pd.read_parquet(sample_out / "rejects")) == 1


def test_empty_child_file_is_not_taken_for_a_killed_commit(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "plain.txt").write_text("Short Headline\n\nNo quotes and no numbers here at all.\n", encoding="utf-8")
    out = tmp_path / "out"
    _run(inp, out)
    assert (out / "quotes" / EMPTY_FILE).exists()
    assert remove_stale_temporaries(str(out)) == 0
    assert (out / "quotes" / EMPTY_FILE).exists()


def test_full_refresh_keeps_one_empty_file_per_empty_table(sample_out: Path) -> None:
    _run(SAMPLE_DIR, sample_out, full_refresh=True)
    assert [p.name for p in (sample_out / "rejects").iterdir()] == [EMPTY_FILE]
    assert len(pd.read_parquet(sample_out / "articles")) == len(list(SAMPLE_DIR.glob("*.txt")))
