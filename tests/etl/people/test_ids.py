"""Stable ids: the same names give the same ids, and an earlier id is kept or stays resolvable."""

from __future__ import annotations

from etl.people.ids import carry_over, form_id, outlet_id


def test_ids_are_deterministic_and_namespaced() -> None:
    assert form_id("person", "nigel lawson") == form_id("person", "nigel lawson")
    assert len(form_id("person", "nigel lawson")) == 16
    assert form_id("person", "bbc") != form_id("organisation", "bbc") != outlet_id("bbc")


def test_first_build_uses_each_entity_s_most_specific_form() -> None:
    ids, earlier = carry_over([["a", "b"], ["c"]], ["a", "c"], {})
    assert ids == ["a", "c"] and earlier == [set(), set()]


def test_a_fuller_form_later_keeps_the_earlier_id() -> None:
    # before: `Lawson` alone (id l); now `Nigel Lawson` (id n) joins it and is the most specific form
    ids, earlier = carry_over([["l", "n"]], ["n"], {"l": "l"})
    assert ids == ["l"] and earlier == [{"l"}]


def test_two_people_merged_keep_one_id_and_resolve_the_other() -> None:
    ids, earlier = carry_over([["x", "y", "z"]], ["z"], {"x": "x", "y": "y", "z": "y"})
    assert ids == ["y"]            # two of its forms resolved to y
    assert earlier == [{"x", "y"}]  # x is listed, so it still resolves


def test_an_earlier_id_goes_to_one_entity_only() -> None:
    ids, _ = carry_over([["a", "b"], ["a2", "b2"]], ["a", "a2"], {"a": "p", "a2": "p"})
    assert len(set(ids)) == 2 and "p" in ids
