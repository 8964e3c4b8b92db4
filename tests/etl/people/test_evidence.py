"""Gender and kind from the articles' own evidence: the SQL flags per mention, and the decisions."""

from __future__ import annotations

import duckdb
import pytest

from etl.people.evidence import GENDER_MAJORITY, decide_gender, evidence_sql, refine_kind

# (mention as written, the characters before it, he, she, it, mr, mrs); mentions from the dev corpus
MENTIONS = [
    ("he", "ings, but ", True, False, False, False, False),
    ("She", "\n\n", False, True, False, False, False),
    ("it", "e company ", False, False, True, False, False),
    ("Blair", "said Mr ", False, False, False, True, False),       # bbc-politics: `Mr Blair said`
    ("Jowell", "aid Mrs. ", False, False, False, False, True),
    ("Ms Hewitt", "\n\n", False, False, False, False, True),       # the honorific inside the mention
    ("Hewitt", "Patricia ", False, False, False, False, False),    # a first name is no evidence
    ("Lord Goldsmith", ". ", False, False, False, True, False),
    ("Drummond", "Mrs Drummond's husband, Mr ", False, False, False, True, False),
    ("Mrsomething", "", False, False, False, False, False),
]


@pytest.mark.parametrize(("mention", "before", "he", "she", "it", "mr", "mrs"), MENTIONS, ids=[m[0] + "|" + m[1] for m in MENTIONS])
def test_evidence_flags(mention: str, before: str, he: bool, she: bool, it: bool, mr: bool, mrs: bool) -> None:
    con = duckdb.connect()
    con.execute("create table m (article_id varchar, quote_idx integer, mention varchar, before varchar)")
    con.execute("insert into m values ('a', 0, ?, ?)", [mention, before[-10:]])
    row = con.execute(f"select he, she, it, mr, mrs from ({evidence_sql('m')})").fetchone()
    assert row == (he, she, it, mr, mrs)


@pytest.mark.parametrize(("kind", "male", "female", "expected"), [
    ("person", 1, 0, "male"),
    ("person", 0, 2, "female"),
    ("person", 3, 1, "male"),          # three quarters one way
    ("person", 2, 1, None),            # not enough of a majority
    ("person", 0, 0, None),            # no evidence: never guessed
    ("organisation", 5, 0, None),
    ("group", 0, 5, None),
])
def test_decide_gender(kind: str, male: int, female: int, expected: str | None) -> None:
    assert decide_gender(kind, male, female) == expected


def test_majority_threshold_is_documented_value() -> None:
    assert decide_gender("person", 3, 1) == "male" and GENDER_MAJORITY <= 3 / 4
    assert decide_gender("person", 2, 1) is None and GENDER_MAJORITY > 2 / 3


@pytest.mark.parametrize(("kind", "given", "male", "female", "neuter", "expected"), [
    ("person", False, 0, 0, 3, "organisation"),  # `Dixons`, only ever `it`
    ("person", False, 1, 0, 3, "person"),
    ("person", True, 0, 0, 3, "person"),         # a full name stays a person
    ("group", False, 0, 0, 3, "group"),
])
def test_refine_kind(kind: str, given: bool, male: int, female: int, neuter: int, expected: str) -> None:
    assert refine_kind(kind, given, male, female, neuter) == expected


@pytest.mark.parametrize(("mention", "before", "peer"), [
    ("Browne", "chief executive Lord ", True),   # bbc-business-221.txt: BP's Lord Browne
    ("Barot", "said Mr ", False),
    ("Hattersley", "olleague Lord ", True),
])
def test_peer_flag(mention: str, before: str, peer: bool) -> None:
    con = duckdb.connect()
    con.execute("create table m (article_id varchar, quote_idx integer, mention varchar, before varchar)")
    con.execute("insert into m values ('a', 0, ?, ?)", [mention, before[-10:]])
    assert con.execute(f"select peer from ({evidence_sql('m')})").fetchone()[0] is peer
