"""The fit/check split and the table-case gold of `tests/quality/scoring.py` (no pipeline run)."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from tests.quality import scoring
from tests.quality.scoring import figure_groups, figures_half, quote_groups, quotes_part


@pytest.mark.parametrize(
    ("fname", "part", "groups"),
    [
        ("ggt-0000.txt", "ggt-fit", ["ggt-fit", "ggt", "fit", "all"]),
        ("ggt-0002.txt", "ggt-check", ["ggt-check", "ggt", "check", "all"]),
        ("ggt-0004.txt", "ggt-fit", ["ggt-fit", "ggt", "fit", "all"]),
        ("ggt-0094.txt", "ggt-check", ["ggt-check", "ggt", "check", "all"]),
        ("polnear-train-0001.txt", "polnear-train", ["polnear-train", "fit", "all"]),
        ("polnear-dev-0082.txt", "polnear-dev", ["polnear-dev", "check", "all"]),
    ],
)
def test_quotes_split(fname: str, part: str, groups: list[str]) -> None:
    assert quotes_part(fname) == part
    assert quote_groups(fname) == groups


def test_ggt_dev_files_split_in_halves() -> None:
    """The 49 GGT dev files (0000, 0002, …, 0096) split 25 / 24."""
    parts = Counter(quotes_part(f"ggt-{n:04d}.txt") for n in range(0, 98, 2))
    assert parts == {"ggt-fit": 25, "ggt-check": 24}


@pytest.mark.parametrize("fname", ["numbermodel-0000.txt", "datetimemodel-0956.txt", "quantulum3-ambiguity-0004.txt"])
def test_figures_half_is_the_hash_parity(fname: str) -> None:
    parity = hashlib.sha256(fname.encode()).digest()[0] % 2
    assert figures_half(fname) == ("fit" if parity == 0 else "check")
    suite = fname.rsplit("-", 1)[0]
    assert figure_groups(fname) == [f"{suite}/{figures_half(fname)}", figures_half(fname), "all"]


def test_figures_halves_are_near_half() -> None:
    halves = Counter(figures_half(f"datetimemodel-{n:04d}.txt") for n in range(0, 962, 2))
    assert 0.4 < halves["fit"] / halves.total() < 0.6


def test_table_gold_merges_cases_on_one_text() -> None:
    cases = [
        {"id": "a", "text": "T\n\nX said it.", "exact": True, "expect": [{"char_start": 3, "char_end": 4, "kind": "indirect", "speaker": "X"}]},
        {"id": "b", "text": "T\n\nX said it.", "exact": False, "expect": [{"char_start": 3, "char_end": 4, "kind": "indirect", "speaker": "X"}]},
        {"id": "c", "text": "T\n\nY.", "exact": True, "expect": []},
        {"id": "d", "build": {"head": "", "unit": "x", "times": 2, "tail": ""}},
    ]
    gold = scoring._table_gold(cases, scoring._quote_row, "quotes", scoring.SHARED)
    assert [(g["file"], g["ids"]) for g in gold] == [("case-listed-0000.txt", ["a", "b"]), ("case-exact-0001.txt", ["c"])]
    assert gold[0]["quotes"] == [{"kind": "indirect", "span": [3, 4], "text": "X", "speaker": "X"}]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "gold": 1, "found": 2}, {"p": 0.5, "r": 1.0, "f1": 2 / 3}),
        ({"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 0, "found": 0}, {"p": None, "r": None, "f1": None}),
        ({"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 3, "found": 0}, {"p": None, "r": 0.0, "f1": 0.0}),
        ({"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 0, "found": 2}, {"p": 0.0, "r": None, "f1": 0.0}),
    ],
    ids=["both", "nothing", "none-found", "no-gold"],
)
def test_prf_is_none_where_undefined(counts: dict, expected: dict) -> None:
    assert scoring._prf("", counts) == expected
