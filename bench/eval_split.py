"""Score the full pipeline on the dev gold, split into a part to fit on and a part only to check.

    .venv/bin/python bench/eval_split.py                                  # every suite, both cores
    .venv/bin/python bench/eval_split.py --suites quotes --errors 40      # one suite, errors of its fit part
    .venv/bin/python bench/eval_split.py --json after.json --compare before.json

Runs the pure pipeline (read → ingest/normalise → sections → quotes → figures → validate →
Parquet; no Prefect) once per suite on its case texts and scores the output with
`../shared/eval/score.py`. Quotes: rows per part (ggt-fit, ggt-check, polnear-train,
polnear-dev), all of GGT, fit, check and all; figures: every suite's fit and check halves, then
fit, check, all; the seed article, the body pages and the committed table cases (`tests/cases/`)
one row each. The split is documented in `tests/quality/scoring.py` (shared with the CI gate).

Work on the fit part: `--errors N` prints example errors of fit rows only, never of check rows.
Keep a change only when the check rows improve too. `--compare` puts each measure's change
beside it and lists every drop. Nothing here asserts a time; the gate is `tests/quality/`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.quality

from tests.quality.scoring import ROOT, SHARED, Suite, evaluate, shared_suites, table_suites

SUITES = ("quotes", "figures", "seed", "body", "tables")
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsetl" / "eval-cases"
EPSILON = 5e-4  # changes smaller than the last printed digit are not reported


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suites", default=",".join(SUITES), help=f"comma-separated, of {', '.join(SUITES)} (default: all)")
    ap.add_argument("--json", type=Path, help="also write every score here (the input of --compare)")
    ap.add_argument("--markdown", type=Path, help="also write the tables here")
    ap.add_argument("--compare", type=Path, metavar="BASELINE.json", help="show each measure's change against an earlier --json")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N example errors per suite, from its fit rows only")
    ap.add_argument("--jobs", type=int, default=2, help="suites scored at once, one process each (default 2)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"materialised case folders (default {DEFAULT_CACHE})")
    ap.add_argument("--shared", type=Path, default=SHARED, help=f"the shared data folder (default {SHARED})")
    args = ap.parse_args(argv)

    wanted = [s.strip() for s in args.suites.split(",") if s.strip()]
    if unknown := sorted(set(wanted) - set(SUITES)):
        ap.error(f"unknown suite {', '.join(unknown)}: choose among {', '.join(SUITES)}")
    baseline = _load_baseline(args.compare) if args.compare else None
    if not (args.shared / "eval" / "score.py").exists():
        print(f"error: no scorer at {args.shared / 'eval' / 'score.py'}: give --shared the folder that holds eval/ and corpus/", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="newsetl-eval-tables-") as work:
        suites = _suites(wanted, Path(work), args.shared)
        clock = time.perf_counter()
        results = evaluate(suites, args.cache, args.jobs, args.shared)
        wall = time.perf_counter() - clock

    report = {"meta": _meta(wall), "suites": {name: {k: v for k, v in r.items() if k != "errors"} for name, r in results.items()}}
    text = render(report, baseline)
    print(text)
    if args.errors:
        _print_errors(results, args.errors)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


def _suites(wanted: list[str], work: Path, shared: Path) -> dict[str, Suite]:
    out: dict[str, Suite] = {}
    available = shared_suites(shared)
    for name in wanted:
        if name == "tables":
            out.update(table_suites(work, shared))
        elif available[name].available():
            out[name] = available[name]
        else:
            print(f"skipping {name}: no gold at {available[name].gold}", file=sys.stderr)
    return out


def _load_baseline(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"error: cannot read the baseline {path}: {exc}") from None


def _meta(wall: float) -> dict[str, Any]:
    from etl import EXTRACTOR_VERSION
    from etl.extract import COMPILED

    def git(*cmd: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *cmd], capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "extractor_version": EXTRACTOR_VERSION,
            "compiled": COMPILED, "wall_seconds": round(wall, 2)}


def render(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """Markdown tables, one per suite: a row per group, a column per measure (with its change against `baseline`)."""
    meta = report["meta"]
    lines = [f"# Fit/check scores at {meta['commit']}{' (modified)' if meta['dirty'] else ''}, {meta['measured_at']}",
             "", f"Extractors {'compiled' if meta['compiled'] else 'pure Python'}; {meta['wall_seconds']:.1f} s in all"
             + "".join(f"; {n} {s['seconds']:.1f} s" for n, s in report["suites"].items()) + "."]
    if baseline:
        bm = baseline.get("meta", {})
        lines.append(f"Changes against {bm.get('commit', '?')} ({bm.get('measured_at', '?')}): `+0.012` up, `-0.012` down.")
    drops: list[str] = []
    for name, suite in report["suites"].items():
        base_groups = (baseline or {}).get("suites", {}).get(name, {}).get("groups", {})
        if baseline and (baseline["suites"].get(name) or {}).get("gold_sha256") not in (None, suite["gold_sha256"]):
            lines += ["", f"(the {name} gold changed since the baseline: its changes compare different gold)"]
        measures = [m for m in next(iter(suite["groups"].values())) if m not in ("articles", "rejected")]
        lines += ["", f"## {name}", "", "| group | articles | " + " | ".join(measures) + " |",
                  "|---|---:|" + "---:|" * len(measures)]
        for group, row in suite["groups"].items():
            cells = []
            for m in measures:
                now, before = row.get(m), base_groups.get(group, {}).get(m)
                cells.append(_cell(now, before if baseline else None))
                if baseline and before is not None and (now is None or now < before - EPSILON):
                    drops.append(f"{name} / {group} / {m}: {before:.3f} → {'unmeasured' if now is None else f'{now:.3f}'}")
            rejected = f" ({row['rejected']} rejected)" if row.get("rejected") else ""
            lines.append(f"| {group} | {row['articles']}{rejected} | " + " | ".join(cells) + " |")
    if baseline:
        lines += ["", f"## Drops against the baseline ({len(drops)})", ""] + ([f"- {d}" for d in drops] or ["none"])
    return "\n".join(lines)


def _cell(now: float | None, before: float | None) -> str:
    if now is None:
        return "–" if before is None else f"– (was {before:.3f})"
    text = f"{now:.3f}"
    if before is not None and abs(now - before) >= EPSILON:
        text += f" {now - before:+.3f}"
    return text


def _print_errors(results: dict[str, dict[str, Any]], n: int) -> None:
    """Example errors of each suite's fit rows (or its only row); check rows stay unseen."""
    for name, result in results.items():
        errors = result["errors"]
        group = "fit" if "fit" in errors else "all"
        shown = errors[group][:n]
        print(f"\n## errors: {name}, {group} ({len(errors[group])} in all, {len(shown)} shown)", file=sys.stderr)
        print("\n".join(shown), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
