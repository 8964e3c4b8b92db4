"""Relaying outlets: the `via` forms of the dev corpus under one outlet each."""

from __future__ import annotations

import pytest

from etl.people.outlets import normalise_outlets

# `via` forms as the dev corpus writes them (bbc.jsonl: bbc-business-242.txt, -030, -034, -428; -257, -445;
# bbc-politics-218.txt; reuters.jsonl: reuters-10623.txt), with how often each occurs.
DEV_VIA = {"Reuters": 630, "the Reuters": 12, "BBC": 77, "the BBC": 67, "BBC News": 39, "the BBC News": 56, "BBC Radio 4": 59,
           "Associated Press": 11, "the Associated Press": 5, "AP": 3, "the Times": 10, "The Times": 1, "Times": 1,
           "Sky News": 2, "Kyodo News": 2, "ABC News": 4, "ABC": 3, "AFP": 1}


@pytest.mark.parametrize(("form", "name", "forms"), [
    ("the BBC News", "BBC", ("BBC", "BBC News", "the BBC", "the BBC News")),
    ("AP", "Associated Press", ("AP", "Associated Press", "the Associated Press")),
    ("the Times", "The Times", ("The Times", "Times", "the Times")),
    ("ABC", "ABC News", ("ABC", "ABC News")),          # the name shown is the form written most
    ("Sky News", "Sky News", ("Sky News",)),          # no `Sky` in the archive: stays itself
    ("Kyodo News", "Kyodo News", ("Kyodo News",)),
    ("BBC Radio 4", "BBC Radio 4", ("BBC Radio 4",)),  # a station of its own
    ("AFP", "Agence France-Presse", ("AFP",)),
])
def test_outlet_forms(form: str, name: str, forms: tuple[str, ...]) -> None:
    outlet = normalise_outlets(DEV_VIA)[form]
    assert (outlet.name, outlet.forms) == (name, forms)


def test_every_form_of_one_outlet_has_one_key() -> None:
    outlets = normalise_outlets(DEV_VIA)
    assert len({o.key for o in outlets.values()}) == 9
    assert outlets["Kyodo News"].key != outlets["BBC"].key


def test_suffix_dropped_only_when_the_shorter_name_occurs() -> None:
    assert normalise_outlets(["Kyodo News", "Kyodo"])["Kyodo News"].forms == ("Kyodo", "Kyodo News")
    assert normalise_outlets(["Global News"])["Global News"].name == "Global News"
