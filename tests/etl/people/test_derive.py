"""The build over a real output root: tables, counts, stable ids, periods, atomic and incremental writes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import fsspec
import pyarrow.parquet as pq
import pytest

from etl.people import DERIVED_TABLES, build
from etl.people.ids import form_id
from etl.people.views import duckdb_views
from etl.runloop import run_local
from etl.settings import Settings
from tests.conftest import SHARED

DEV_BBC = SHARED / "corpus" / "dev" / "bbc.jsonl"
TRAVELLED = ["bbc-politics-099.txt", "bbc-politics-225.txt", "bbc-politics-260.txt", "bbc-politics-262.txt"]  # one Brown quote, 4 articles
BLAIRS = ["bbc-politics-011.txt", "bbc-politics-194.txt"]  # Tony Blair; Cherie Blair
BARE_BLAIR = "bbc-politics-127.txt"  # only `Blair`
VIA_BBC = ["bbc-business-242.txt", "bbc-business-030.txt", "bbc-business-034.txt", "bbc-business-428.txt"]  # BBC, the BBC, BBC News, the BBC News


def _dev(files: list[str]) -> dict[str, dict]:
    if not DEV_BBC.exists():
        pytest.skip("../shared/corpus/dev is not beside the repository")
    wanted = set(files)
    lines = [json.loads(line) for line in DEV_BBC.read_text(encoding="utf-8").splitlines()]
    return {d["file"]: d for d in lines if d["file"] in wanted}


def _run(out: Path, folder: Path, articles: dict[str, str | None]) -> None:
    """Commit the given dev articles (file → publication date or None) to `out`, without Prefect."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = _dev(list(articles))
    with (folder / "input.jsonl").open("w", encoding="utf-8") as fh:
        for name, day in articles.items():
            fh.write(json.dumps({"file": name, "title": docs[name]["title"], "text": docs[name]["text"], **({"date": day} if day else {})}) + "\n")
    run_local(Settings(input_root=str(folder), output_root=str(out), batch_size=100, max_bytes=50_000_000))


def _read(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / table / f"{table}.parquet").to_pylist()


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("people")
    out = root / "out"
    _run(out, root / "in1", {**dict.fromkeys(TRAVELLED + VIA_BBC), BLAIRS[0]: "2005-03-01", BLAIRS[1]: "2005-04-01", BARE_BLAIR: "2005-03-20"})
    build(str(out))
    return out


def test_every_table_written_once_and_consistent(output: Path) -> None:
    for table in DERIVED_TABLES:
        assert [p.name for p in (output / table).iterdir()] == [f"{table}.parquet"]
    quotes = pq.read_table(output / "quotes").num_rows
    links = _read(output, "quote_links")
    assert len(links) == quotes
    people = _read(output, "people")
    assert sum(p["quote_count"] for p in people) == sum(1 for r in links if r["person_id"])
    assert {r["person_id"] for r in links if r["person_id"]} == {p["person_id"] for p in people}
    quotations = _read(output, "quotations")
    assert sum(q["occurrences"] for q in quotations) == sum(1 for r in links if r["quotation_id"])


def test_outlet_forms_are_one_outlet(output: Path) -> None:
    bbc = [o for o in _read(output, "outlets") if o["name"] == "BBC"]
    assert len(bbc) == 1 and {"BBC", "the BBC", "BBC News", "the BBC News"} <= set(bbc[0]["forms"])


def test_most_travelled_quotation_and_its_first_article(output: Path) -> None:
    top = max(_read(output, "quotations"), key=lambda q: (q["articles"], q["occurrences"]))
    assert top["text"].startswith("There is nothing you could ever say to me now")
    assert top["articles"] == 4
    people = {p["person_id"]: p for p in _read(output, "people")}
    assert people[top["person_id"]]["name"] == "Gordon Brown"  # three of the four articles credit him


def test_bare_surname_links_to_the_one_person_quoted_that_month(output: Path) -> None:
    people = _read(output, "people")
    tony = next(p for p in people if p["name"] == "Tony Blair")
    cherie = next(p for p in people if p["name"] == "Cherie Blair")
    assert "Blair" in tony["aliases"] and "Blair" not in cherie["aliases"]  # March: only Tony Blair is quoted
    assert str(tony["first_seen"]) == "2005-03-01" and str(cherie["first_seen"]) == "2005-04-01"
    assert cherie["gender"] == "female" and cherie["she_mentions"] + cherie["female_honorifics"] >= 1


def test_rebuild_with_nothing_new_changes_nothing(output: Path) -> None:
    before = {t: (output / t / f"{t}.parquet").read_bytes() for t in DERIVED_TABLES}
    stamp = (output / "people" / "people.parquet").stat().st_mtime_ns
    result = build(str(output))
    assert result.unchanged
    assert {t: (output / t / f"{t}.parquet").read_bytes() for t in DERIVED_TABLES} == before
    assert (output / "people" / "people.parquet").stat().st_mtime_ns == stamp


def test_same_input_gives_same_ids(output: Path, tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    for table in ("articles", "quotes"):
        (tmp_path / table).mkdir()
        for part in (output / table).iterdir():
            (tmp_path / table / part.name).write_bytes(part.read_bytes())
    build(str(tmp_path))
    for table in DERIVED_TABLES:
        assert _read(tmp_path, table) == _read(output, table), table


def test_merged_id_stays_resolvable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(out, tmp_path / "in1", {BARE_BLAIR: None})
    build(str(out))
    bare = next(p for p in _read(out, "people") if p["name"] == "Blair")
    _run(out, tmp_path / "in2", {BLAIRS[0]: None})  # the run rebuilds the people tables at its end
    assert build(str(out)).unchanged
    tony = next(p for p in _read(out, "people") if p["name"] == "Tony Blair")
    assert tony["person_id"] == bare["person_id"]  # the earlier id is kept
    assert form_id("person", "tony blair") in tony["merged_ids"]  # and the fuller form's own id resolves here


def test_views_join_ids_onto_quotes(output: Path) -> None:
    con = duckdb.connect()
    for statement in duckdb_views(str(output)):
        con.execute(statement)
    n, with_person = con.execute("select count(*), count(person_id) from quotes").fetchone()
    assert n == pq.read_table(output / "quotes").num_rows and with_person > 0
    top = con.execute("select p.name from quotes q join people p using (person_id) group by 1 order by count(*) desc, 1 limit 1").fetchone()
    assert top is not None


def test_build_on_an_fsspec_root(output: Path) -> None:
    fs = fsspec.filesystem("memory")
    for table in ("articles", "quotes"):
        for part in (output / table).iterdir():
            fs.pipe(f"/people-test/out/{table}/{part.name}", part.read_bytes())
    try:
        result = build("memory://people-test/out")
        assert result.rows["quote_links"] == pq.read_table(output / "quotes").num_rows
        assert not [p for p in fs.find("/people-test/out") if p.endswith(".tmp")]
    finally:
        fs.rm("/people-test", recursive=True)


def test_a_failing_contract_writes_nothing(output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import etl.people.derive as derive

    for table in ("articles", "quotes"):
        (tmp_path / table).mkdir()
        for part in (output / table).iterdir():
            (tmp_path / table / part.name).write_bytes(part.read_bytes())
    real = derive._derive

    def broken(*args: object) -> dict:
        tables = real(*args)
        people = tables["people"]
        tables["people"] = people.set_column(people.schema.get_field_index("kind"), "kind", [["alien"] * people.num_rows])
        return tables

    monkeypatch.setattr(derive, "_derive", broken)
    with pytest.raises(ValueError, match=r"people: \d+ rows fail .*kind:isin"):
        build(str(tmp_path))
    assert not any((tmp_path / t).exists() for t in DERIVED_TABLES)


def test_an_output_without_quotes_builds_empty_tables(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from etl.io.parquet import commit_tables
    from etl.records import Article
    from etl.tables import articles_table

    article = Article("0123456789abcdef", "a.txt", "Headline", None, "Headline\n\nNo one is quoted here.", "0" * 64,
                      datetime(2026, 12, 1, tzinfo=UTC), extractor_version="1")
    commit_tables(str(tmp_path), "k", {"articles": articles_table([article])})
    result = build(str(tmp_path))
    assert result.rows == dict.fromkeys(DERIVED_TABLES, 0)
    assert all((tmp_path / t / f"{t}.parquet").exists() for t in DERIVED_TABLES)
    assert build(str(tmp_path)).unchanged
