"""A large fuzz campaign over the pure pipeline (not a test): cases tried, failures, slowest articles.

    python bench/fuzz_campaign.py --cases 10000 [--batch 20] [--seed 0] [--failures failures.jsonl]

Generates adversarial input files with the strategies of `tests/reliability/fuzzgen.py` (the
same as the CI fuzz test, which runs a bounded number of them), runs them through
`extract_batch` in batches and checks every promise there (`run_cases`). Each article is also
timed alone, stage by stage (read+ingest, sections, quotes, figures: the functions
`extract_batch` calls), so the report names the slowest article per stage and its size.
Failing cases are written as JSON lines (bytes as latin-1 text) for replay, and the slowest
case of each stage to `<failures>.slowest.jsonl`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.reliability

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from etl.extract.figures import extract_figures
from etl.extract.quotes import extract_quotes
from etl.extract.sections import split_sections
from etl.io.read import InputFile, read_input
from etl.records import Article
from tests.reliability.fuzzgen import FuzzCase, cases, run_cases

STAGES = ("ingest", "sections", "quotes", "figures")
ORDINARY_CHARS = 10_000
ORDINARY_BOUND = 0.050


def time_stages(case: FuzzCase, folder: str) -> list[tuple[int, dict[str, float]]]:
    """Per-article stage seconds for one case (a .jsonl case may hold several articles)."""
    path = os.path.join(folder, "timed" + case.suffix)
    with open(path, "wb") as fh:
        fh.write(case.data)
    now = datetime.now(UTC)
    clock = time.perf_counter()
    records = list(read_input(InputFile(path, len(case.data)), 5_000_000, now))
    ingest = (time.perf_counter() - clock) / max(1, len(records))
    out = []
    for rec in records:
        if not isinstance(rec, Article):
            continue
        seconds = {"ingest": ingest}
        clock = time.perf_counter()
        try:
            sections = split_sections(rec.text)
        except Exception:  # noqa: BLE001 - reported by run_cases as an extractor_error
            sections = []
        seconds["sections"] = time.perf_counter() - clock
        stage_runs = (("quotes", lambda a=rec, s=sections: extract_quotes(a.text, s)),
                      ("figures", lambda a=rec, s=sections: extract_figures(a.text, s, a.published_at)))
        for stage, run in stage_runs:
            clock = time.perf_counter()
            with contextlib.suppress(Exception):  # reported by run_cases as an extractor_error
                run()
            seconds[stage] = time.perf_counter() - clock
        out.append((len(rec.text), seconds))
    os.remove(path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", default="fuzz-failures.jsonl")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="newsetl-campaign-")
    stats: Counter[str] = Counter()
    problems: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    slowest: dict[str, tuple[float, int, dict[str, float], str]] = {}
    slowest_data: dict[str, FuzzCase] = {}
    over: Counter[str] = Counter()
    worst_total: tuple[float, int, dict[str, float], str] = (0.0, 0, {}, "")
    started = time.perf_counter()
    fail_log = open(args.failures, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole campaign

    @seed(args.seed)
    @settings(max_examples=max(1, args.cases // args.batch), deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.lists(cases(), min_size=args.batch, max_size=args.batch))
    def campaign(batch: list[FuzzCase]) -> None:
        nonlocal worst_total
        stats["cases"] += len(batch)
        try:
            report = run_cases(batch, folder, "batch")
        except Exception as exc:  # noqa: BLE001 - a crash of the pipeline itself is a failure to report
            problems[f"pipeline raised {exc.__class__.__name__}: {exc}"[:200]] += 1
            for case in batch:
                fail_log.write(json.dumps({"problem": repr(exc), "suffix": case.suffix, "data": case.data.decode("latin-1")}) + "\n")
            return
        for p in report.problems:
            problems[p.split(":")[0][:120]] += 1
        for e in report.extractor_errors:
            errors[e[:160]] += 1
        if report.problems or report.extractor_errors:
            for case in batch:  # which case of the batch: replay one by one
                single = run_cases([case], folder, "single")
                if single.problems or single.extractor_errors:
                    fail_log.write(json.dumps({"problems": single.problems, "errors": single.extractor_errors,
                                               "suffix": case.suffix, "data": case.data.decode("latin-1")}) + "\n")
                    stats["failing cases"] += 1
        for case in batch:
            for n_chars, seconds in time_stages(case, folder):
                stats["articles"] += 1
                for stage, s in seconds.items():
                    if s > slowest.get(stage, (0.0,))[0]:
                        slowest[stage] = (s, n_chars, seconds, case.describe(160))
                        slowest_data[stage] = case
                    if n_chars <= ORDINARY_CHARS and s > ORDINARY_BOUND:
                        over[stage] += 1
                total = sum(seconds.values())
                if total > worst_total[0]:
                    worst_total = (total, n_chars, seconds, case.describe(160))
        if stats["cases"] % 1000 < args.batch:
            print(f"... {stats['cases']:,} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    campaign()
    fail_log.close()
    with open(args.failures + ".slowest.jsonl", "w", encoding="utf-8") as fh:  # the slowest case of each stage, for replay
        for stage, case in slowest_data.items():
            fh.write(json.dumps({"stage": stage, "suffix": case.suffix, "data": case.data.decode("latin-1")}) + "\n")
    ms = lambda d: ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in d.items())  # noqa: E731
    print(f"cases tried: {stats['cases']:,} ({stats['articles']:,} articles) in {time.perf_counter() - started:.0f} s, seed {args.seed}")
    print(f"failing cases: {stats['failing cases']:,} (written to {args.failures})")
    for p, n in problems.most_common():
        print(f"  problem x{n}: {p}")
    for e, n in errors.most_common(20):
        print(f"  extractor_error x{n}: {e}")
    print(f"ordinary-size articles (<= {ORDINARY_CHARS:,} chars) over {ORDINARY_BOUND * 1000:.0f} ms: "
          + (", ".join(f"{k} {v}" for k, v in over.items()) or "none"))
    for stage in STAGES:
        if stage in slowest:
            s, n, seconds, desc = slowest[stage]
            print(f"slowest {stage}: {s * 1000:.1f} ms, {n:,} chars ({ms(seconds)}): {desc}")
    s, n, seconds, desc = worst_total
    print(f"slowest article overall: {s * 1000:.1f} ms, {n:,} chars ({ms(seconds)}): {desc}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
