"""`newsetl sql`: the tables of an output root as DuckDB views by name, results as text, CSV or Parquet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import fsspec
import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl.query import QueryError, connect, run_query, table_views
from etl.runloop import run_local
from etl.settings import Settings
from flows.cli import main
from tests.conftest import SAMPLE_DIR


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("query") / "out"
    run_local(Settings(input_root=str(SAMPLE_DIR), output_root=str(root)), lock=False)
    return root


def test_every_table_folder_is_a_view_by_name(out: Path) -> None:
    tables = ["articles", "sections", "quotes", "figures", "rejects", "runs", "sources", "people", "outlets", "quotations", "quote_links"]
    assert list(table_views(str(out))) == tables
    con = connect(str(out))
    for name in tables:
        assert con.sql(f"select count(*) from {name}").fetchall()[0][0] == len(pd.read_parquet(out / name))


def test_quotes_carry_the_people_ids(out: Path) -> None:
    con = connect(str(out))
    columns = [c[0] for c in con.sql("describe quotes").fetchall()]
    assert columns[-3:] == ["person_id", "via_id", "quotation_id"]
    n, with_person = con.sql("select count(*), count(person_id) from quotes").fetchall()[0]
    assert n == len(pd.read_parquet(out / "quotes")) and with_person > 0  # a left join: every quote once


def test_extra_views_are_built_on_the_tables(out: Path) -> None:
    views = {"speakers": "select speaker, count(*) as n from quotes where speaker is not null group by 1"}
    got = dict(connect(str(out), views).sql("select * from speakers").fetchall())
    quotes = pd.read_parquet(out / "quotes")
    assert got == quotes["speaker"].dropna().value_counts().to_dict()


def test_a_folder_a_later_version_adds_is_a_view_too(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    fs = fsspec.filesystem("file")
    fs.cp(str(out), str(copy), recursive=True)
    (copy / "speakers").mkdir()
    pq.write_table(pq.read_table(out / "quotes").select(["speaker"]), copy / "speakers" / "part-x.parquet")
    (copy / "_report").mkdir()
    assert list(table_views(str(copy)))[-1] == "speakers"
    assert "_report" not in table_views(str(copy))


def test_memory_root(out: Path) -> None:
    fs = fsspec.filesystem("memory")
    fs.put(str(out), "/query-test/out", recursive=True)
    got = run_query("memory://query-test/out", "select count(*) from articles").fetchall()
    assert got == [(len(list(SAMPLE_DIR.glob("*.txt"))),)]


def test_missing_root_and_bad_sql_are_query_errors(out: Path, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no newsetl tables under"):
        table_views(str(tmp_path / "missing"))
    with pytest.raises(QueryError, match="syntax error"):
        run_query(str(out), "selec 1")


def test_cli_prints_an_aligned_table(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "select kind, count(*) as n from sections group by 1 order by 2 desc, 1", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    kinds = pd.read_parquet(out / "sections")["kind"].value_counts()
    assert lines[0].split() == ["kind", "n"] and set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["paragraph", str(kinds["paragraph"])]
    assert lines[-1] == f"({kinds.size} rows)"
    assert len({len(line) for line in lines[2:-1]}) == 1  # aligned


def test_cli_csv_to_stdout_and_parquet_to_a_file(out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "select article_id, title from articles order by 1", "--out", str(out), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    arts = pd.read_parquet(out / "articles").sort_values("article_id")
    assert [r["title"] for r in rows] == list(arts["title"])
    target = tmp_path / "result" / "figures.parquet"
    assert main(["sql", "select * from figures", "--out", str(out), "--format", "parquet", "--output", str(target)]) == 0
    assert pq.read_table(target).num_rows == len(pd.read_parquet(out / "figures"))
    assert not list(target.parent.glob(".*"))


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["sql", "selec 1", "--out", "{out}"], "Parser Error"),
        (["sql", "select * from nosuch", "--out", "{out}"], "nosuch"),
        (["sql", "select 1", "--out", "{missing}"], "no newsetl tables under"),
        (["sql", "select 1", "--out", "{out}", "--format", "parquet"], "add --output FILE"),
        (["sql", "select 1"], "--out is required"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, argv: list[str], phrase: str) -> None:
    monkeypatch.delenv("NEWSETL_OUTPUT_ROOT", raising=False)
    argv = [a.format(out=out, missing=tmp_path / "missing") for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsetl: error: ") and phrase in err, err
