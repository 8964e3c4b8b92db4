"""Cross-article linking rules, one table row per rule, on real dev-corpus names (`tests/cases/people_linking.jsonl`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.people.linking import FormEvidence, link, resolve_in_period, surname_blocks, vowel_variants
from etl.people.names import parse_speaker

CASES = [json.loads(line) for line in (Path(__file__).parents[2] / "cases" / "people_linking.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_linking_rule(case: dict) -> None:
    evidence = {f: FormEvidence(**v) for f, v in case["evidence"].items()} if "evidence" in case else None
    linking = link([parse_speaker(f) for f in case["forms"]], case.get("articles"), outlets=frozenset(case.get("outlets", [])), evidence=evidence)
    people = sorted(sorted(m.form for m in e.members) for e in linking.entities)
    assert people == sorted(case["people"])
    assert sorted(linking.ambiguous) == sorted(case.get("ambiguous", []))
    assert set(linking.of_form) | set(linking.ambiguous) == set(case["forms"])


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("zelenski", "zelenski", True),
    ("gorbachev", "gorbachov", True),   # vowel substituted
    ("bilzerian", "bilizerian", True),  # vowel inserted
    ("mukherje", "mukerje", True),      # h dropped
    ("johnson", "johnston", False),     # a consonant
    ("greaves", "graves", False),       # one side under 7 letters
    ("salomon", "salomons", False),     # s is a consonant
    ("anderson", "andersen", True),
])
def test_vowel_variants(a: str, b: str, expected: bool) -> None:
    assert vowel_variants(a, b) is expected
    assert vowel_variants(b, a) is expected


def test_surname_blocks_close_over_chains() -> None:
    blocks = surname_blocks(["gorbachev", "gorbachov", "gorbachav", "johnson", "johnston"])
    assert blocks["gorbachev"] == blocks["gorbachov"] == blocks["gorbachav"]
    assert blocks["johnson"] != blocks["johnston"]


@pytest.mark.parametrize(("candidates", "present", "expected"), [
    ([3, 7], {7, 9}, 7),      # one of them quoted that month
    ([3, 7], {3, 7}, None),   # both: nobody
    ([3, 7], set(), None),    # neither: nobody
])
def test_resolve_in_period(candidates: list[int], present: set[int], expected: int | None) -> None:
    assert resolve_in_period(candidates, present) == expected
