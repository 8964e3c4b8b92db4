"""Running it like production: incremental runs, extractor versions, fsspec roots, Dask, readers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import fsspec
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl import EXTRACTOR_VERSION
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.flow
DATA_TABLES = ("articles", "sections", "quotes", "figures")


def _etl(**options: Any) -> Any:
    """The flow with the task runner that `options` (Settings fields) ask for."""
    from etl.settings import Settings
    from flows.article_etl import article_etl
    from flows.runners import make_task_runner

    return article_etl.with_options(task_runner=make_task_runner(Settings(**options)))


def _rows(out: Path, table: str) -> pd.DataFrame:
    return duckdb.sql(f"select * from read_parquet('{out}/{table}/**/*.parquet')").df()


def _sample_with_extra(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "landing"
    shutil.copytree(SAMPLE_DIR, folder)
    extra = [tmp_path / "new-1.txt", tmp_path / "new-2.txt"]
    extra[0].write_text("Ferry Service Resumes After Storm\n\nThe ferry to Port Ellis resumed on Monday, the operator said.\n", encoding="utf-8")
    extra[1].write_text("Library Opens New Wing\n\nThe city library opened a wing with 12,000 books, officials said.\n", encoding="utf-8")
    return folder, extra


def _assert_each_article_once(out: Path) -> None:
    arts = _rows(out, "articles")
    assert arts["article_id"].is_unique
    for table, key in (("sections", "section_idx"), ("quotes", "quote_idx"), ("figures", "figure_idx")):
        rows = _rows(out, table)
        assert not rows.duplicated(["article_id", key]).any(), table
        assert set(rows["article_id"]) <= set(arts["article_id"]), table


def test_incremental_run_processes_only_new_files(prefect_server: None, tmp_path: Path) -> None:
    folder, extra = _sample_with_extra(tmp_path)
    out = tmp_path / "out"
    first = _etl()(str(folder), str(out))
    n = len(list(SAMPLE_DIR.glob("*.txt")))
    assert first["rows"]["articles"] == n
    for path in extra:
        shutil.copy(path, folder / path.name)
    second = _etl()(str(folder), str(out))
    assert second["rows"]["articles"] == 2
    assert second["skipped"] == n
    _assert_each_article_once(out)
    assert len(_rows(out, "articles")) == n + 2
    runs = _rows(out, "runs").sort_values("started_at")
    assert list(runs["articles_new"]) == [n, 2]
    assert list(runs["articles_skipped"]) == [0, n]


def test_new_extractor_version_replaces_old_rows(prefect_server: None, tmp_path: Path) -> None:
    folder, _ = _sample_with_extra(tmp_path)
    out = tmp_path / "out"
    _etl()(str(folder), str(out))
    before = {t: len(_rows(out, t)) for t in DATA_TABLES}
    # make the output look written by an older extractor version
    for table in DATA_TABLES:
        for path in (out / table).glob("*.parquet"):
            data = pq.read_table(path)
            col = data.schema.get_field_index("extractor_version")
            pq.write_table(data.set_column(col, "extractor_version", pa.array(["0"] * data.num_rows)), path)
    again = _etl()(str(folder), str(out))
    assert again["skipped"] == 0 and again["rows"]["articles"] == before["articles"]
    assert {t: len(_rows(out, t)) for t in DATA_TABLES} == before
    for table in DATA_TABLES:
        assert set(_rows(out, table)["extractor_version"]) == {EXTRACTOR_VERSION}
    _assert_each_article_once(out)


def test_full_refresh_rebuilds_without_duplicates(prefect_server: None, tmp_path: Path) -> None:
    folder, _ = _sample_with_extra(tmp_path)
    out = tmp_path / "out"
    _etl()(str(folder), str(out))
    before = {t: len(_rows(out, t)) for t in DATA_TABLES}
    again = _etl()(str(folder), str(out), full_refresh=True)
    assert again["skipped"] == 0
    assert {t: len(_rows(out, t)) for t in DATA_TABLES} == before
    _assert_each_article_once(out)


def test_memory_and_file_urls(prefect_server: None, tmp_path: Path) -> None:
    mem = fsspec.filesystem("memory")
    for path in SAMPLE_DIR.glob("*.txt"):
        mem.pipe(f"/landing-test/{path.name}", path.read_bytes())
    result = _etl()("memory://landing-test", "memory://out-test")
    assert result["rows"]["articles"] == len(list(SAMPLE_DIR.glob("*.txt")))
    files = [p for p in mem.find("/out-test/articles") if p.endswith(".parquet")]
    with mem.open(files[0], "rb") as fh:
        assert pq.read_table(fh).num_rows == result["rows"]["articles"]
    file_result = _etl()(f"file://{SAMPLE_DIR}", f"file://{tmp_path / 'out'}")
    assert file_result["rows"] == result["rows"]
    assert len(_rows(tmp_path / "out", "articles")) == result["rows"]["articles"]


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    frames = {}
    for table, key in (("articles", ["article_id"]), ("sections", ["article_id", "section_idx"]),
                       ("quotes", ["article_id", "quote_idx"]), ("figures", ["article_id", "figure_idx"])):
        df = _rows(out, table).drop(columns=["ingested_at", "source_uri"], errors="ignore")
        frames[table] = df.sort_values(key).reset_index(drop=True)
    return frames


def test_every_runner_and_the_local_loop_give_identical_tables(prefect_server: None, tmp_path: Path) -> None:
    """`newsetl run --local` (no Prefect) and the flow with threads or processes: the same rows, rejects included."""
    from etl.runloop import run_local
    from etl.settings import Settings
    from tests.etl.bad_inputs import MAX_BYTES, make_input_folder

    folder = make_input_folder(tmp_path)
    run_local(Settings(input_root=str(folder), output_root=str(tmp_path / "local"), batch_size=3, max_bytes=MAX_BYTES))
    _etl()(str(folder), str(tmp_path / "thread"), batch_size=3, max_bytes=MAX_BYTES)
    _etl(task_runner="process")(str(folder), str(tmp_path / "process"), batch_size=3, max_bytes=MAX_BYTES)
    local = _tables(tmp_path / "local")
    rejects = _rows(tmp_path / "local", "rejects").drop(columns=["rejected_at"]).sort_values(["source_uri", "reason"]).reset_index(drop=True)
    assert len(local["articles"]) > 5 and len(rejects) > 5
    for other in ("thread", "process"):
        got = _tables(tmp_path / other)
        for table in local:
            pd.testing.assert_frame_equal(local[table], got[table], check_like=True)
        got_rejects = _rows(tmp_path / other, "rejects").drop(columns=["rejected_at"]).sort_values(["source_uri", "reason"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(rejects, got_rejects)
        assert sorted(p.name for p in (tmp_path / other).iterdir()) == sorted(p.name for p in (tmp_path / "local").iterdir())


def test_dask_runner_gives_identical_tables(prefect_server: None, tmp_path: Path) -> None:
    pytest.importorskip("prefect_dask")
    folder, _ = _sample_with_extra(tmp_path)
    _etl()(str(folder), str(tmp_path / "threads"), batch_size=2)
    _etl(task_runner="dask")(str(folder), str(tmp_path / "dask"), batch_size=2)
    a, b = _tables(tmp_path / "threads"), _tables(tmp_path / "dask")
    for table in a:
        pd.testing.assert_frame_equal(a[table], b[table], check_like=True)


def test_readers_agree_on_types(prefect_server: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _etl()(str(SAMPLE_DIR), str(out))
    for table in ("articles", "sections", "quotes", "figures", "rejects", "runs"):
        if not (out / table).exists():
            continue
        via_duckdb = duckdb.sql(f"select * from read_parquet('{out}/{table}/**/*.parquet', hive_partitioning=true)").df()
        via_polars = pl.read_parquet(f"{out}/{table}/**/*.parquet")
        via_pandas = pd.read_parquet(out / table)
        assert len(via_duckdb) == via_polars.height == len(via_pandas)
    secs = pl.read_parquet(f"{out}/sections/**/*.parquet")
    assert secs.schema["char_start"] == pl.Int32 and secs.schema["kind"] == pl.String
    figs = pl.read_parquet(f"{out}/figures/**/*.parquet")
    assert figs.schema["value"] == pl.Float64
    arts = pl.read_parquet(f"{out}/articles/**/*.parquet")
    assert arts.schema["ingested_at"] == pl.Datetime("us", "UTC")


def test_pyspark_reads_tables(prefect_server: None, tmp_path: Path) -> None:
    pyspark = pytest.importorskip("pyspark", reason="PySpark is optional: pip install pyspark to run this")
    out = tmp_path / "out"
    _etl()(str(SAMPLE_DIR), str(out))
    spark = pyspark.sql.SparkSession.builder.master("local[1]").getOrCreate()
    try:
        assert spark.read.parquet(str(out / "sections")).count() == len(_rows(out, "sections"))
    finally:
        spark.stop()
