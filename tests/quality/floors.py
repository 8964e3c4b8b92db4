"""Quality floors: the lowest score each measure may have, kept in `floors.json`, that only rise.

`bench/pin_floors.py` raises every floor to the current score and never lowers one; the gate
(`test_gate.py`) fails when a score falls below its floor. A floor holds for one version of a
suite's gold (its SHA-256 is kept beside the floors): when the gold changes, the suite's floors
are re-based deliberately (`pin_floors.py --rebase SUITE`), never silently. To accept a drop on
purpose, lower that one floor by hand and say why in the commit message: the diff shows it.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

FLOORS_FILE = Path(__file__).resolve().with_name("floors.json")
DIGITS = 4  # floors are scores rounded down to this many decimals
# Suites built from the repo's own table cases: they change with the cases, whose exact tests
# already require every case to pass, so their floors do not depend on a gold digest.
UNVERSIONED = ("table-quotes", "table-figures")
ABOUT = ("The lowest score each measure may have (tests/quality/test_gate.py fails below it). Raised by "
         "bench/pin_floors.py, which never lowers one; lower a floor only by hand, with the reason in the commit "
         "message. `gold` is the SHA-256 of each suite's gold: when it changes, re-base with pin_floors.py --rebase SUITE.")

Scores = dict[str, dict[str, float | None]]  # suite → "group/measure" → score (None: not measured)


def scores_of(results: dict[str, dict[str, Any]]) -> Scores:
    """Flatten `scoring.evaluate`'s results to suite → `group/measure` → score."""
    return {
        suite: {f"{group}/{m}": v for group, row in r["groups"].items() for m, v in row.items() if m not in ("articles", "rejected")}
        for suite, r in results.items()
    }


def floor_of(score: float) -> float:
    """The floor pinned for a score: rounded down, so that the same output always passes."""
    return math.floor(score * 10**DIGITS) / 10**DIGITS


def load(path: Path = FLOORS_FILE) -> dict[str, Any]:
    """The floors file: `{"gold": {suite: sha256}, "floors": {suite: {"group/measure": floor}}}`."""
    if not path.exists():
        return {"gold": {}, "floors": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"gold": data.get("gold", {}), "floors": data.get("floors", {})}


def save(data: dict[str, Any], path: Path = FLOORS_FILE) -> None:
    """Write the floors file sorted (small diffs), under a temporary name then renamed into place."""
    body = {
        "_about": ABOUT,
        "gold": dict(sorted(data["gold"].items())),
        "floors": {s: dict(sorted(f.items())) for s, f in sorted(data["floors"].items())},
    }
    fd, tmp = tempfile.mkstemp(prefix=".floors-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(body, indent=1, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def raise_floors(floors: dict[str, float], scores: dict[str, float | None]) -> tuple[dict[str, float], list[str]]:
    """Each floor raised to its current score, never lowered; a measure without a floor gets one.

    Returns:
        The new floors, and one line per floor that rose or was added.
    """
    out = dict(floors)
    changes = []
    for key, score in sorted(scores.items()):
        if score is None:
            continue
        new = floor_of(score)
        old = floors.get(key)
        if old is None or new > old:
            out[key] = new
            changes.append(f"{key}: {'new' if old is None else f'{old:.{DIGITS}f}'} → {new:.{DIGITS}f}")
    return out, changes


def below(floors: dict[str, float], scores: dict[str, float | None]) -> list[str]:
    """One line per measure under its floor (or no longer measured), naming the measure, floor and score."""
    out = []
    for key, floor in sorted(floors.items()):
        score = scores.get(key)
        if score is None:
            out.append(f"{key}: no longer measured (floor {floor:.{DIGITS}f})")
        elif score < floor:
            out.append(f"{key}: {score:.{DIGITS}f} is below its floor {floor:.{DIGITS}f}")
    return out


def unpinned(floors: dict[str, float], scores: dict[str, float | None]) -> list[str]:
    """Measured keys that have no floor yet (a new measure, group or suite)."""
    return sorted(k for k, v in scores.items() if v is not None and k not in floors)
