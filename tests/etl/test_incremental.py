"""Incremental bookkeeping: corrected articles replace their older version in every table, and
incremental runs, full refreshes and extractor-version changes stay coherent (nothing twice)."""

from __future__ import annotations

import pickle
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from etl.incremental import KnownArticles, OutputState, load_output_state
from etl.runloop import run_local
from etl.runs import RunSummary
from etl.settings import Settings
from tests.reliability.helpers import duplicates, orphans

FIRST = "Bridge Reopens After Repairs\n\nThe bridge reopened on Monday after 3 weeks of repairs, the council said.\n"
CORRECTED = "Bridge Reopens After Repairs\n\nThe bridge reopened on Tuesday after 4 weeks of repairs, the council said.\n"
OTHER = "Library Opens New Wing\n\n“It is a good day,” said librarian Ana Lopez. The wing holds 12,000 books.\n"
CHILD_TABLES = ("sections", "quotes", "figures")


def _run(inp: Path, out: Path, **options: object) -> RunSummary:
    return run_local(Settings(input_root=str(inp), output_root=str(out), batch_size=1, **options), lock=False)


def _sql(query: str) -> list[tuple]:
    return duckdb.sql(query).fetchall()


def _articles(out: Path) -> dict[str, tuple[str, str | None]]:
    """file name → (article_id, supersedes)."""
    rows = _sql(f"select source_uri, article_id, supersedes from read_parquet('{out}/articles/**/*.parquet')")
    assert len(rows) == len({uri for uri, _, _ in rows}), "a source is held twice"
    return {uri.rsplit("/", 1)[-1]: (aid, sup) for uri, aid, sup in rows}


def _child_ids(out: Path) -> set[str]:
    ids: set[str] = set()
    for table in CHILD_TABLES:
        ids |= {aid for (aid,) in _sql(f"select distinct article_id from read_parquet('{out}/{table}/**/*.parquet')")}
    return ids


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    (folder / "bridge.txt").write_text(FIRST, encoding="utf-8")
    (folder / "library.txt").write_text(OTHER, encoding="utf-8")
    return folder


def test_corrected_article_replaces_the_older_version_in_every_table(landing: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(landing, out)
    old_id, _ = _articles(out)["bridge.txt"]
    (landing / "bridge.txt").write_text(CORRECTED, encoding="utf-8")
    second = _run(landing, out)
    new_id, supersedes = _articles(out)["bridge.txt"]
    assert new_id != old_id and supersedes == old_id
    assert (second.rows["articles"], second.skipped, second.replaced) == (1, 1, 1)
    assert old_id not in _child_ids(out) and new_id in _child_ids(out)
    text = _sql(f"select text from read_parquet('{out}/figures/**/*.parquet') where article_id = '{new_id}' and kind = 'measure'")
    assert ("4 weeks",) in text
    runs = _sql(f"select articles_new, articles_replaced from read_parquet('{out}/runs/**/*.parquet') order by started_at")
    assert runs == [(2, 0), (1, 1)]
    # a third run finds nothing to do and removes nothing
    third = _run(landing, out)
    assert (third.rows["articles"], third.skipped, third.replaced) == (0, 2, 0)
    assert set(duplicates(out).values()) == {0} and orphans(out) == 0


def test_older_text_still_read_under_another_name_is_kept_and_marked(landing: Path, tmp_path: Path) -> None:
    """The older text is read again this run from another file: it is not lost; the newer row names it in `supersedes`."""
    out = tmp_path / "out"
    _run(landing, out)
    old_id, _ = _articles(out)["bridge.txt"]
    (landing / "bridge-2026.txt").write_text(FIRST, encoding="utf-8")  # the old text, under a new name
    (landing / "bridge.txt").write_text(CORRECTED, encoding="utf-8")
    summary = _run(landing, out)
    rows = _sql(f"select article_id, supersedes from read_parquet('{out}/articles/**/*.parquet') where source_uri like '%bridge.txt'")
    new_id = next(aid for aid, _ in rows if aid != old_id)
    assert sorted(rows, key=str) == sorted([(old_id, None), (new_id, old_id)], key=str) and summary.replaced == 0
    current = _sql(f"select count(*) from read_parquet('{out}/articles/**/*.parquet') a where article_id not in "
                   f"(select supersedes from read_parquet('{out}/articles/**/*.parquet') where supersedes is not null)")
    assert current == [(2,)]  # bridge (new) and library: the README's filter for current versions
    assert old_id in _child_ids(out)
    assert _sql(f"select reason from read_parquet('{out}/rejects/**/*.parquet') where source_uri like '%bridge-2026.txt'") == [("duplicate",)]


def test_a_killed_run_that_wrote_the_new_version_is_healed_by_the_next(landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.incremental import RunLedger

    out = tmp_path / "out"
    _run(landing, out)
    (landing / "bridge.txt").write_text(CORRECTED, encoding="utf-8")
    monkeypatch.setattr(RunLedger, "finish", lambda self: 0)  # killed after its commits, before it removed anything
    _run(landing, out)
    assert len(_sql(f"select * from read_parquet('{out}/articles/**/*.parquet') where source_uri like '%bridge.txt'")) == 2
    monkeypatch.undo()
    summary = _run(landing, out)
    assert summary.replaced == 1 and summary.rows["articles"] == 0
    assert len(_articles(out)) == 2 and orphans(out) == 0


def test_full_refresh_after_a_correction_writes_each_source_once(landing: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(landing, out)
    (landing / "bridge.txt").write_text(CORRECTED, encoding="utf-8")
    _run(landing, out)
    before = {t: _sql(f"select count(*) from read_parquet('{out}/{t}/**/*.parquet')")[0][0] for t in ("articles", *CHILD_TABLES)}
    refreshed = _run(landing, out, full_refresh=True)
    after = {t: _sql(f"select count(*) from read_parquet('{out}/{t}/**/*.parquet')")[0][0] for t in ("articles", *CHILD_TABLES)}
    assert after == before and refreshed.rows["articles"] == 2
    assert all(sup is None for _, sup in _articles(out).values())  # a rebuild starts the history again
    assert set(duplicates(out).values()) == {0} and orphans(out) == 0


def test_older_extractor_version_of_a_corrected_source_is_replaced_too(landing: Path, tmp_path: Path) -> None:
    import pyarrow as pa

    out = tmp_path / "out"
    _run(landing, out)
    for table in ("articles", *CHILD_TABLES):  # as if an older extractor version wrote them
        for path in (out / table).glob("part-*.parquet"):
            t = pq.read_table(path)
            pq.write_table(t.set_column(t.schema.get_field_index("extractor_version"), "extractor_version",
                                        pa.array(["0"] * t.num_rows, pa.string())), path)
    (landing / "bridge.txt").write_text(CORRECTED, encoding="utf-8")
    summary = _run(landing, out)
    assert summary.rows["articles"] == 2 and summary.replaced == 1
    for table in ("articles", *CHILD_TABLES):
        assert _sql(f"select count(*) from read_parquet('{out}/{table}/**/*.parquet') where extractor_version = '0'") == [(0,)], table
    assert len(_articles(out)) == 2 and orphans(out) == 0 and set(duplicates(out).values()) == {0}


def test_state_maps_each_source_to_its_newest_article(landing: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(landing, out)
    state = load_output_state(str(out))
    assert set(state.by_uri) == {str(landing / "bridge.txt"), str(landing / "library.txt")}
    assert state.stale == {} and set(state.articles) == set(state.by_uri.values())
    assert load_output_state(str(out), full_refresh=True).articles == {}


def test_known_articles_pickle_as_a_table_and_act_as_a_mapping() -> None:
    known = KnownArticles({"a" * 16: "x.txt", "b" * 16: "y.txt"})
    back = pickle.loads(pickle.dumps(known))
    assert dict(back) == {"a" * 16: "x.txt", "b" * 16: "y.txt"}
    assert ("a" * 16 in back, "c" * 16 in back, len(back), back["b" * 16]) == (True, False, 2, "y.txt")
    state = OutputState({"a" * 16: "x.txt"}, {"k"})
    assert pickle.loads(pickle.dumps(state)) == state
