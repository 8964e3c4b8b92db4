"""Floors only rise: unit table of `tests/quality/floors.py` (no pipeline run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.quality import floors as fl


@pytest.mark.parametrize(
    ("floors", "scores", "expected"),
    [
        ({"all/f1": 0.9}, {"all/f1": 0.95}, {"all/f1": 0.95}),  # rises
        ({"all/f1": 0.9}, {"all/f1": 0.85}, {"all/f1": 0.9}),  # never lowered
        ({"all/f1": 0.9}, {"all/f1": None}, {"all/f1": 0.9}),  # unmeasured: kept
        ({}, {"all/p": 0.123456}, {"all/p": 0.1234}),  # new measure: rounded down
        ({"all/p": 0.5}, {"all/r": 0.7}, {"all/p": 0.5, "all/r": 0.7}),  # a floor without a score stays
    ],
    ids=["rises", "never-lowered", "unmeasured-kept", "new-rounded-down", "others-kept"],
)
def test_raise_floors(floors: dict, scores: dict, expected: dict) -> None:
    assert fl.raise_floors(floors, scores)[0] == expected


def test_raise_floors_reports_each_change() -> None:
    _, changes = fl.raise_floors({"a/f1": 0.5, "a/p": 0.9}, {"a/f1": 0.6, "a/p": 0.8, "a/r": 1.0})
    assert changes == ["a/f1: 0.5000 → 0.6000", "a/r: new → 1.0000"]


@pytest.mark.parametrize(
    ("floors", "scores", "expected"),
    [
        ({"all/f1": 0.9}, {"all/f1": 0.9}, []),
        ({"all/f1": 0.9}, {"all/f1": 0.8999}, ["all/f1: 0.8999 is below its floor 0.9000"]),
        ({"all/f1": 0.9}, {"all/f1": None}, ["all/f1: no longer measured (floor 0.9000)"]),
        ({"all/f1": 0.9}, {}, ["all/f1: no longer measured (floor 0.9000)"]),
    ],
    ids=["at-floor", "below", "unmeasured", "gone"],
)
def test_below(floors: dict, scores: dict, expected: list) -> None:
    assert fl.below(floors, scores) == expected


def test_a_pinned_score_passes_its_own_floor() -> None:
    for score in (0.0, 1 / 3, 0.94731, 0.99999, 1.0):
        assert fl.below(fl.raise_floors({}, {"k": score})[0], {"k": score}) == []


def test_unpinned() -> None:
    assert fl.unpinned({"a": 0.5}, {"a": 0.6, "b": 0.1, "c": None}) == ["b"]


def test_scores_of_flattens_groups() -> None:
    results = {"seed": {"groups": {"all": {"articles": 1, "rejected": 0, "f1": 0.5, "p": None}}}}
    assert fl.scores_of(results) == {"seed": {"all/f1": 0.5, "all/p": None}}


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    data = {"gold": {"quotes": "abc"}, "floors": {"quotes": {"b/f1": 0.5, "a/f1": 0.25}}}
    fl.save(data, path)
    assert fl.load(path) == data
    assert list(fl.load(path)["floors"]["quotes"]) == ["a/f1", "b/f1"]  # sorted: small diffs
    assert [p.name for p in tmp_path.iterdir()] == ["floors.json"]  # no temporary left behind
