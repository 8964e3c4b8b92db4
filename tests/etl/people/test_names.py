"""Speaker strings read as names: kind, display form and comparison keys, on speakers of the dev corpus."""

from __future__ import annotations

import pytest

from etl.people.names import fold, given_names_compatible, parse_speaker, surname_skeleton

# (speaker as the dev corpus' quotes give it, kind, display, first, middles, surname skeleton)
PEOPLE = [
    ("Tony Blair", "Tony Blair", "tony", (), "blair"),                           # bbc-politics-011.txt
    ("Exchequer Nigel Lawson", "Nigel Lawson", "nigel", (), "lawson"),           # reuters-02725.txt: title remnant dropped
    ("State George Shultz", "George Shultz", "george", (), "shultz"),            # Secretary of State remnant
    ("Undersecretary Daniel Amstutz", "Daniel Amstutz", "daniel", (), "amstutz"),
    ("Investor Martin T. Sosnoff", "Martin T. Sosnoff", "martin", ("t",), "sosnof"),
    ("Karl Otto Poehl", "Karl Otto Poehl", "karl", ("o",), "poehl"),
    ("A. William Reynolds", "A. William Reynolds", "a", ("w",), "reinolds"),
    ("Herman De Croo", "Herman De Croo", "herman", (), "decro"),                # surname particle kept
    ("Du Plessis", "Du Plessis", "", (), "duplesis"),
    ("Reagan", "Reagan", "", (), "reagan"),
    ("Robert Kilroy-Silk", "Robert Kilroy-Silk", "robert", (), "kilroisilk"),
    ("George H.W. Bush", "George H.W. Bush", "george", ("h", "w"), "bush"),     # written: H.W. is two initials
]


@pytest.mark.parametrize(("form", "display", "first", "middles", "surname"), PEOPLE, ids=[p[0] for p in PEOPLE])
def test_person_names(form: str, display: str, first: str, middles: tuple[str, ...], surname: str) -> None:
    name = parse_speaker(form)
    assert (name.kind, name.display, name.first, name.middles, name.surname) == ("person", display, first, middles, surname)


KINDS = [
    ("analysts", "group", "analysts"),
    ("Analysts", "group", "analysts"),                 # sentence-initial capital
    ("the sources", "group", "sources"),
    ("a company spokesman", "group", "company spokesman"),
    ("The company", "group", "company"),
    ("Wall Street analysts", "group", "wall street analysts"),
    ("U.S. Officials", "group", "u s officials"),
    ("The Bank", "group", "bank"),                     # a determiner and one common noun
    ("U.K. Chancellor", "group", "u k chancellor"),    # a title with no name
    ("Standard and Poor's Corp", "organisation", "standard and poor s"),
    ("The Bank of England", "organisation", "bank of england"),
    ("Chrysler Corp", "organisation", "chrysler"),
    ("USAir Group Inc", "organisation", "usair"),
    ("IBM", "organisation", "ibm"),
    ("S and P", "organisation", "sp"),
    ("Duff and Phelps", "organisation", "duff and phelps"),
    ("Iraq", "organisation", "iraq"),                  # a country (CLDR) speaking is its government
    ("Air Canada", "organisation", "air canada"),
    ("Labour", "organisation", "labour"),
]


@pytest.mark.parametrize(("form", "kind", "key"), KINDS, ids=[k[0] for k in KINDS])
def test_kinds_and_keys(form: str, kind: str, key: str) -> None:
    name = parse_speaker(form)
    assert (name.kind, name.key) == (kind, key)


@pytest.mark.parametrize("form", ["Inc>", "Ltd", "One", "Another", "S.", "Corp>", "No one", "", "  "])
def test_forms_that_name_nobody(form: str) -> None:
    assert parse_speaker(form).kind is None


@pytest.mark.parametrize(("surname", "skeleton"), [
    ("Zelensky", "zelenski"), ("Zelenskyy", "zelenski"), ("Zelenskiy", "zelenski"),
    ("Al-Assad", "asad"), ("al-Assad", "asad"), ("Assad", "asad"), ("Müller", "muler"), ("O'Neill", "oneil"),
])
def test_surname_skeleton(surname: str, skeleton: str) -> None:
    assert surname_skeleton(surname) == skeleton


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("william", "bill", True), ("robert", "bob", True), ("b", "boris", True), ("", "boris", True),
    ("boris", "dustin", False), ("alan", "manuel", False), ("j", "boris", False),
])
def test_given_names_compatible(a: str, b: str, expected: bool) -> None:
    assert given_names_compatible(a, b) is expected


def test_fold() -> None:
    assert fold("  Standard & Poor's  ") == "standard and poor s"
    assert fold("Zoë Ball") == "zoe ball"
