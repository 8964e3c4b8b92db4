"""Quotation wording keys and excerpt linking, in DuckDB, on quotes of the dev corpus."""

from __future__ import annotations

import duckdb
import pytest

from etl.people.quotations import MIN_EXCERPT_WORDS, excerpt_sql, normalised_sql


@pytest.mark.parametrize(("text", "norm"), [
    ("There is nothing you could ever say to me now that I could ever believe.",   # bbc-entertainment (4 articles)
     "there is nothing you could ever say to me now that i could ever believe"),
    ("“We are   not going to…  give up”", "we are not going to give up"),
    ("significant.", "significant"),
    ("That's what he (Lord Goldsmith) said", "that s what he lord goldsmith said"),
    ("...", ""),
])
def test_normalised_wording(text: str, norm: str) -> None:
    assert duckdb.connect().execute(f"select {normalised_sql('?')}", [text]).fetchone()[0] == norm


LONG = "the stock transfer tax would be a particularly unfortunate approach to the deficit"  # reuters (3 articles)


def _parents(rows: list[tuple[str, str | None]]) -> dict[str, str]:
    con = duckdb.connect()
    con.execute("create table w (norm varchar, n_words integer, person_id varchar)")
    for norm, person in rows:
        con.execute("insert into w values (?, ?, ?)", [norm, len(norm.split()), person])
    return dict(con.execute(excerpt_sql("w")).fetchall())


def test_excerpt_joins_the_longer_quote() -> None:
    excerpt = "would be a particularly unfortunate approach"
    assert _parents([(LONG, "p1"), (excerpt, "p1")]) == {excerpt: LONG}


def test_excerpt_of_another_persons_words_stays_apart() -> None:
    assert _parents([(LONG, "p1"), ("would be a particularly unfortunate approach", "p2")]) == {}


def test_excerpt_with_no_speaker_joins() -> None:
    assert _parents([(LONG, "p1"), ("a particularly unfortunate approach to the deficit", None)]) == {
        "a particularly unfortunate approach to the deficit": LONG}


def test_short_fragments_and_partial_words_do_not_join() -> None:
    short = " ".join(LONG.split()[:MIN_EXCERPT_WORDS - 1])
    assert _parents([(LONG, None), (short, None)]) == {}
    assert _parents([(LONG, None), ("he stock transfer tax would be a", None)]) == {}  # `he` is not a word of it


def test_excerpt_joins_the_longest_of_nested_quotes() -> None:
    middle = LONG + " and would hurt markets"
    longest = "we believe " + middle
    excerpt = "would be a particularly unfortunate approach"
    assert _parents([(LONG, None), (middle, None), (longest, None), (excerpt, None)]) == {
        excerpt: longest, LONG: longest, middle: longest}
