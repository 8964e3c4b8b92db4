"""What the people tables cost and hold: the build's share of a run, and the issue-17 numbers on the dev corpus.

    .venv/bin/python bench/people_bench.py                    # the dev corpus (~19k articles) and 100k
    .venv/bin/python bench/people_bench.py --sizes dev        # the dev corpus only (~3 min)

For `dev`, the three `../shared/corpus/dev/*.jsonl` files are copied to a temporary folder (so
their titles and dates are read as a user's JSONL would be); for `100k`, `bench_pipeline.py`'s
`build_corpus` writes 100,000 `.txt` files cycling the dev texts, each with its own suffix line.
Each corpus is run once with `newsetl run` (the build runs at its end; its seconds are read from
the run's log), then the build alone is timed cold (derived tables removed) `--repeat` times, and
a second `newsetl run` shows the cost of a run that adds nothing. On the dev output it also
reports people per quote, the share of quotes with a `person_id`, and the share of people with a
gender and the evidence behind it. Writes `bench/results/people-<time>.md`. Not part of the test
suite: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_pipeline import CORPUS, RESULTS, build_corpus, load_dev_texts  # noqa: E402

_PEOPLE_LINE = re.compile(r"people tables (rebuilt|unchanged) in ([0-9.]+)s")


def _newsetl() -> list[str]:
    exe = Path(sys.executable).with_name("newsetl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "flows.cli"]


def run_newsetl(inp: Path, out: Path, runner: str, home: Path) -> tuple[float, float | None, str]:
    """`newsetl run` once: wall seconds, the people build's seconds from its log, and whether it rebuilt or found nothing new."""
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    cmd = [*_newsetl(), "run", str(inp), "--out", str(out), "--max-bytes", "500000000", "--task-runner", runner, "--no-progress", "-v"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"newsetl run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    found = _PEOPLE_LINE.findall(proc.stderr + proc.stdout)
    return wall, (float(found[-1][1]) if found else None), (found[-1][0] if found else "not logged")


def cold_builds(out: Path, repeat: int) -> list[float]:
    """The build alone, from scratch (derived tables removed first), `repeat` times."""
    from etl.people import DERIVED_TABLES, build

    times = []
    for _ in range(repeat):
        for table in DERIVED_TABLES:
            shutil.rmtree(out / table, ignore_errors=True)
        started = time.perf_counter()
        build(str(out))
        times.append(time.perf_counter() - started)
    return times


def dev_numbers(out: Path) -> list[str]:
    """People per quote, quotes with a person_id, people with a gender and its evidence, as Markdown lines."""
    con = duckdb.connect()
    for table in ("people", "quote_links"):
        con.execute(f"create view {table} as select * from read_parquet('{out}/{table}/*.parquet')")
    q, with_person, distinct = con.execute("select count(*), count(person_id), count(distinct person_id) from quote_links").fetchone()
    rows = con.execute("""
        select kind, count(*), sum(quote_count), count(gender), count(*) filter (where gender = 'female'),
            count(*) filter (where he_mentions + she_mentions > 0 and gender is not null),
            count(*) filter (where male_honorifics + female_honorifics > 0 and gender is not null),
            count(*) filter (where he_mentions + she_mentions > 0 and male_honorifics + female_honorifics > 0 and gender is not null),
            sum(quote_count) filter (where gender is not null), sum(quote_count) filter (where gender = 'female')
        from people group by kind order by kind
    """).fetchall()
    lines = [f"- quotes: {q:,}; with a `person_id`: {with_person:,} ({100 * with_person / q:.1f} %); "
             f"distinct entries quoted: {distinct:,}; entries per attributed quote: {distinct / with_person:.3f}", "",
             "| kind | entries | quotes | with gender | female | gender from pronouns | from honorifics | from both | quotes with gender | of them women |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for kind, n, quotes, gendered, female, pron, hon, both, gq, fq in rows:
        lines.append(f"| {kind} | {n:,} | {quotes:,} | {gendered:,} ({100 * gendered / n:.1f} %) | {female:,} | {pron:,} | {hon:,} | {both:,} | "
                     f"{gq or 0:,} | {fq or 0:,} |")
    return lines


def bench(size: str, work: Path, args: argparse.Namespace, log: list[str]) -> None:
    inp, out, home = work / f"in-{size}", work / f"out-{size}", work / "prefect"
    inp.mkdir(parents=True, exist_ok=True)
    if size == "dev":
        for path in sorted(CORPUS.glob("*.jsonl")):
            shutil.copy(path, inp / path.name)
    else:
        n = int(size.rstrip("k")) * 1000
        build_corpus(load_dev_texts(), n, inp)
    wall, people_s, _ = run_newsetl(inp, out, args.task_runner, home)
    cold = cold_builds(out, args.repeat)
    again_wall, again_people, what = run_newsetl(inp, out, args.task_runner, home)
    share = f"{100 * people_s / wall:.1f} %" if people_s else "–"
    log += [f"## {size}", "",
            f"- `newsetl run --task-runner {args.task_runner}`: {wall:.1f} s wall, of which the people build "
            f"{people_s if people_s is not None else '–'} s ({share})",
            f"- the build alone, cold (derived tables removed), {args.repeat}×: median {statistics.median(cold):.2f} s "
            f"(min {min(cold):.2f}, max {max(cold):.2f}); share of the run: {100 * statistics.median(cold) / wall:.1f} %",
            f"- a second run that adds nothing: {again_wall:.1f} s wall, people build {again_people} s ({what})", ""]
    if size == "dev":
        log += ["On the dev corpus:", "", *dev_numbers(out), ""]
    print("\n".join(log[-12:]), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="dev,100k", help="comma-separated: dev and/or Nk corpora (default: dev,100k)")
    parser.add_argument("--task-runner", default="process", choices=["thread", "process", "dask"])
    parser.add_argument("--repeat", type=int, default=3, help="cold builds per corpus (default: 3)")
    parser.add_argument("--work", help="keep the corpora and outputs in this folder (default: a temporary one)")
    args = parser.parse_args(argv)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    log = [f"# people tables: cost and contents ({stamp})", "",
           f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores", ""]
    with tempfile.TemporaryDirectory(prefix="people-bench-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        for size in args.sizes.split(","):
            bench(size.strip(), work, args, log)
    log += [f"load average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"people-{stamp}.md"
    path.write_text("\n".join(log) + "\n", encoding="utf-8")
    print(f"written {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
