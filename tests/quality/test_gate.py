"""The quality gate: every pinned measure of every suite at or above its floor in `floors.json`.

One run of the pure pipeline per suite (no Prefect), scored by `../shared/eval/score.py`: the
committed table cases (`tests/cases/`) and the dev gold suites of `../shared/eval/cases/` plus
the seed article. A test per suite lists every measure under its floor, naming the floor and
the score. Skipped when `../shared` (the scorer and the dev gold) is not beside the repository; CI has it.
Raise the floors with `bench/pin_floors.py` after an improvement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.quality import floors as fl
from tests.quality.scoring import SHARED, TABLE_CASES, evaluate, shared_suites, table_suites

FLOORS = fl.load()
SHARED_SUITES = tuple(shared_suites())
SUITES = (*SHARED_SUITES, *fl.UNVERSIONED)


@pytest.fixture(scope="session")
def gate_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every available suite scored once, two at a time (the largest first)."""
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"{SHARED} is not beside the repository (CI has it there): its scorer and dev gold score every suite")
    work = tmp_path_factory.mktemp("quality")
    suites = {name: s for name, s in shared_suites().items() if s.available()}
    suites.update(table_suites(work))
    return evaluate(suites, work / "cases", jobs=2)


def _results_of(name: str, gate_results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if name not in gate_results:
        pytest.skip(f"no gold for the {name} suite: {SHARED} is not beside the repository (CI has it there)")
    return gate_results[name]


@pytest.mark.parametrize("name", SUITES)
def test_no_measure_below_its_floor(name: str, gate_results: dict[str, dict[str, Any]]) -> None:
    result = _results_of(name, gate_results)
    if name not in fl.UNVERSIONED:
        pinned = FLOORS["gold"].get(name)
        assert pinned == result["gold_sha256"], (
            f"the {name} gold changed since its floors were pinned (sha256 {pinned} → {result['gold_sha256']}): "
            f"read the change, then re-base with `bench/pin_floors.py --rebase {name}`")
    scores = fl.scores_of({name: result})[name]
    failures = fl.below(FLOORS["floors"].get(name, {}), scores)
    assert not failures, f"{name}: {len(failures)} measures under their floor:\n" + "\n".join(failures)


@pytest.mark.parametrize("name", SUITES)
def test_every_measure_has_a_floor(name: str, gate_results: dict[str, dict[str, Any]]) -> None:
    scores = fl.scores_of({name: _results_of(name, gate_results)})[name]
    missing = fl.unpinned(FLOORS["floors"].get(name, {}), scores)
    assert not missing, f"{name}: measures without a floor (pin them: bench/pin_floors.py): {', '.join(missing)}"


def test_floors_file_covers_every_suite() -> None:
    assert set(FLOORS["floors"]) == set(SUITES)
    assert set(FLOORS["gold"]) == set(SHARED_SUITES)
    assert all(0.0 <= v <= 1.0 for floors in FLOORS["floors"].values() for v in floors.values())


def test_offsets_hold_in_every_output(gate_results: dict[str, dict[str, Any]]) -> None:
    """Every row's `text` is `articles.text[char_start:char_end]` in every suite's output."""
    bad = {name: r["offset_violations"] for name, r in gate_results.items() if r["offset_violations"]}
    assert not bad


def test_table_cases_score_without_shared(tmp_path: Path) -> None:
    """The table suites are built from the repo alone when `../shared` is absent: corpus cases are left out."""
    import json

    suites = table_suites(tmp_path, shared=tmp_path / "no-shared")
    for name, files in (("table-quotes", ["quotes.jsonl", "quotes_reported_speech.jsonl"]), ("table-figures", ["figures.jsonl"])):
        cases = [json.loads(line) for f in files for line in (TABLE_CASES / f).read_text(encoding="utf-8").splitlines() if line]
        inline = {c["id"] for c in cases if "text" in c}
        gold = [json.loads(line) for line in suites[name].gold.read_text(encoding="utf-8").splitlines()]
        assert {i for g in gold for i in g["ids"]} == inline
