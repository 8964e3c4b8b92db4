"""Raise the quality floors (`tests/quality/floors.json`) to today's scores; never lower one.

    .venv/bin/python bench/pin_floors.py                 # score every suite, raise floors, add new measures
    .venv/bin/python bench/pin_floors.py --check         # only say what the gate would say
    .venv/bin/python bench/pin_floors.py --rebase quotes # after ../shared changed that suite's gold

Scores exactly what the gate scores (`tests/quality/scoring.py`: one pure-pipeline run per suite,
the committed table cases and the `../shared/eval/cases/` dev suites). A floor is the score
rounded down to 4 decimals. Floors only rise here: to accept a drop on purpose, lower that floor
by hand and give the reason in the commit message. When a suite's gold changed (its SHA-256 is
kept with the floors), the gate fails until `--rebase SUITE` sets that suite's floors to the
scores on the new gold; `--rebase` refuses a suite whose gold has not changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.quality

from tests.quality import floors as fl
from tests.quality.scoring import SHARED, evaluate, gold_digest, shared_suites, table_suites

CACHE = Path(tempfile.gettempdir()) / "newsetl-eval-cases"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="write nothing: list the measures under their floor and those without one")
    ap.add_argument("--rebase", action="append", default=[], metavar="SUITE", help="set SUITE's floors to today's scores (its gold changed)")
    ap.add_argument("--floors", type=Path, default=fl.FLOORS_FILE, help=f"the floors file (default {fl.FLOORS_FILE})")
    ap.add_argument("--jobs", type=int, default=2, help="suites scored at once (default 2)")
    args = ap.parse_args(argv)

    suites = shared_suites()
    missing = [s.name for s in suites.values() if not s.available()]
    if missing:
        print(f"error: no gold for {', '.join(missing)} under {SHARED}: floors are pinned on every suite at once", file=sys.stderr)
        return 2
    data = fl.load(args.floors)
    for name in args.rebase:
        if name not in suites:
            ap.error(f"--rebase {name}: not a dev gold suite ({', '.join(suites)})")
        if data["gold"].get(name) == gold_digest(suites[name].gold):
            ap.error(f"--rebase {name}: its gold has not changed since the floors were pinned; floors only rise")

    with tempfile.TemporaryDirectory(prefix="newsetl-pin-") as work:
        all_suites = {**suites, **table_suites(Path(work))}
        results = evaluate(all_suites, CACHE, args.jobs)
    scores = fl.scores_of(results)
    gold_changed = [n for n in suites if n in data["gold"] and data["gold"][n] != results[n]["gold_sha256"] and n not in args.rebase]

    if args.check:
        return _check(data, scores, gold_changed)
    if gold_changed:
        print(f"error: the gold of {', '.join(gold_changed)} changed since its floors were pinned: "
              f"read the change, then re-base with --rebase {' --rebase '.join(gold_changed)}", file=sys.stderr)
        return 1
    for name in args.rebase:
        data["floors"][name] = {}
    changes = []
    for name, suite_scores in scores.items():
        data["floors"][name], raised = fl.raise_floors(data["floors"].get(name, {}), suite_scores)
        changes += [f"{name}/{line}" for line in raised]
        if name in suites:
            data["gold"][name] = results[name]["gold_sha256"]
    fl.save(data, args.floors)
    held = [f"{name}/{line}" for name in scores for line in fl.below(data["floors"][name], scores[name])]
    print(f"{len(changes)} floors raised or added" + "".join(f"\n  {c}" for c in changes))
    if held:
        print(f"{len(held)} scores are under a floor, which stays where it was:" + "".join(f"\n  {h}" for h in held))
    return 0


def _check(data: dict, scores: fl.Scores, gold_changed: list[str]) -> int:
    lines = [f"{n}: gold changed since the floors were pinned" for n in gold_changed]
    for name, suite_scores in scores.items():
        floors = data["floors"].get(name, {})
        lines += [f"{name}/{line}" for line in fl.below(floors, suite_scores)]
        lines += [f"{name}/{key}: no floor yet" for key in fl.unpinned(floors, suite_scores)]
    print("\n".join(lines) if lines else "every measure is at or above its floor, and every measure has one")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
