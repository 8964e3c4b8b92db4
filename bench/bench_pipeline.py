"""The newsetl benchmark: I/O floor, each stage, `newsetl run` end to end, and peers, in one run.

    .venv/bin/python bench/bench_pipeline.py                      # N = 1k and 10k (about 5 min)
    .venv/bin/python bench/bench_pipeline.py --sizes 1k,10k,100k  # the full table (about 25 min)

For each N it builds a corpus of N `.txt` files in a temporary folder from the real articles in
`../shared/corpus/dev/` (each copy gets a suffix line, so content hashes differ), then measures on
that corpus:

1. the I/O floor: read every file, hash it, write the texts to one Parquet file, nothing else;
2. each stage on its own (one process, no Prefect): ingest + normalise, sections, quotes,
   figures, validation (tables + pandera), write;
3. `newsetl run` end to end (a subprocess, Prefect included) with each `--task-runner`, and
   Prefect's fixed start-up costs (imports, temporary server, worker pool) as their own rows;
   the default command run again over the output it wrote (a no-op re-run: every file skipped
   by its stamp); and articles/s on a real Dask cluster (`dask scheduler` + 1, 2 `dask worker`
   processes, `--dask-workers`);
4. peers on a sample of the same texts: quantulum3 and Recognizers-Text (figures), textacy
   `direct_quotations` with spaCy `en_core_web_sm` (quotes). They run under `--peers-python`
   (default: this interpreter), so they can live in a separate virtualenv; a peer that is not
   installed is skipped with a message.

Reports articles/s, MB/s, the ratio to the I/O floor and to each peer, peak RSS and PSS (of the
whole process tree for end-to-end runs; PSS counts the pages forked workers share with their parent
once), CPU cores busy, orchestration overhead, and per-article cost at each N. Writes `bench/results/bench-<time>.md` and `.json` and prints the table.
Not part of the test suite: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
RESULTS = ROOT / "bench" / "results"
STAGES = ("ingest", "sections", "quotes", "figures", "validate", "write")
EXTRACT_STAGES = ("ingest", "sections", "quotes", "figures", "validate")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


# --------------------------------------------------------------------------- corpus


def load_dev_texts(corpus: Path = CORPUS) -> list[str]:
    """Every article text of the dev corpus (`*.jsonl`, one `{"text": ...}` per line)."""
    texts: list[str] = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    if not texts:
        raise SystemExit(f"no articles under {corpus}: the benchmark reads ../shared/corpus/dev/*.jsonl")
    return texts


def _tag(i: int) -> str:
    """A letters-only copy tag (no digits, so the figures extractor finds nothing in it)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = _LETTERS[r] + out
        if i == 0:
            return out


def build_corpus(texts: Sequence[str], n: int, folder: Path, seed: int = 7) -> tuple[int, int]:
    """Write `n` `.txt` files into `folder`, cycling the texts in a shuffled order.

    Every file ends with its own suffix line, so no two files have the same content hash.

    Returns:
        The number of files and their total size in bytes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    total = 0
    for i in range(n):
        data = (texts[order[i % len(order)]].rstrip() + f"\n\nArchive copy {_tag(i)}.\n").encode("utf-8")
        (folder / f"{i:07d}.txt").write_bytes(data)
        total += len(data)
    return n, total


def sample_file(folder: Path, k: int, dest: Path) -> int:
    """Write the first `k` corpus files as a JSONL sample for the peers; returns how many."""
    paths = sorted(folder.glob("*.txt"))[:k]
    with dest.open("w", encoding="utf-8") as fh:
        for p in paths:
            fh.write(json.dumps({"text": p.read_text(encoding="utf-8")}) + "\n")
    return len(paths)


# --------------------------------------------------------------------------- measuring


@dataclass(slots=True)
class Measured:
    """One subprocess's wall time, CPU seconds (the whole tree), peak RSS and PSS (the whole tree) and output.

    RSS summed over processes counts pages shared by forked workers once per process; PSS
    (proportional set size) counts each shared page once in all: the tree's real footprint.
    """

    wall: float
    cpu: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    returncode: int
    peak_pss_mb: float = 0.0


def run_measured(cmd: Sequence[str], env: dict[str, str] | None = None, interval: float = 0.1) -> Measured:
    """Run `cmd`, sampling the RSS of it and all its descendants; CPU from the reaped children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peak = peak_pss = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        tick = 0
        while not stop.is_set():
            total = pss = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                        if tick % 5 == 0:  # PSS reads /proc/PID/smaps_rollup: slower, sampled less often
                            pss += p.memory_full_info().pss
            except psutil.Error:
                pass
            peak = max(peak, total / 2**20)
            peak_pss = max(peak_pss, pss / 2**20)
            tick += 1
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peak, out, err, proc.returncode, peak_pss)


def io_floor(folder: Path, dest: Path, chunk: int = 10_000) -> dict[str, float]:
    """Read every file, hash it (SHA-256), write the texts to one Parquet file (zstd), streaming."""
    schema = pa.schema([("name", pa.string()), ("sha256", pa.string()), ("text", pa.string())])
    pq.write_table(schema.empty_table(), dest, compression="zstd")  # warm-up: codec and writer set-up
    t0 = time.perf_counter()
    n = size = 0
    with pq.ParquetWriter(dest, schema, compression="zstd") as writer:
        names: list[str] = []
        shas: list[str] = []
        texts: list[str] = []
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            with open(entry.path, "rb") as fh:
                data = fh.read()
            names.append(entry.name)
            shas.append(hashlib.sha256(data).hexdigest())
            texts.append(data.decode("utf-8"))
            n += 1
            size += len(data)
            if len(names) >= chunk:
                writer.write_table(pa.table([names, shas, texts], schema=schema))
                names, shas, texts = [], [], []
        if names:
            writer.write_table(pa.table([names, shas, texts], schema=schema))
    return {"seconds": time.perf_counter() - t0, "articles": n, "bytes": size}


def stages_one_process(folder: str, out: str, batch_size: int) -> dict[str, Any]:
    """The run loop without Prefect (`etl.runloop.run_local`), in this process: stage seconds summed over batches."""
    from etl.runloop import run_local
    from etl.settings import Settings

    t0 = time.perf_counter()
    summary = run_local(Settings(input_root=folder, output_root=out, batch_size=batch_size))
    seconds = {k: float(summary.seconds.get(k, 0.0)) for k in STAGES}
    return {"wall": time.perf_counter() - t0, "seconds": seconds, "rows": dict(summary.rows), "files": summary.files}


def run_stage_seconds(out: Path) -> dict[str, float]:
    """The stage seconds the last run into `out` recorded in its `runs` row (`stage_seconds`, JSON); {} when none."""
    files = sorted((out / "runs").glob("*.parquet"))
    rows = pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []
    rows = [r for r in rows if r.get("stage_seconds")]
    if not rows:
        return {}
    last = max(rows, key=lambda r: (r["finished_at"], r["run_id"]))
    return {k: float(v) for k, v in json.loads(last["stage_seconds"]).items()}


def table_digest(out: Path, table: str) -> tuple[int, int]:
    """Row count and an order-independent hash of a table's rows, time stamps left out."""
    import duckdb

    files = list((out / table).glob("*.parquet"))
    if not files:
        return (0, 0)
    con = duckdb.connect()
    cols = [r[0] for r in con.execute(f"describe select * from read_parquet('{out}/{table}/*.parquet')").fetchall()]
    keep = [c for c in cols if c not in ("ingested_at", "rejected_at", "detail")]
    row = con.execute(
        f"select count(*), coalesce(sum(hash({', '.join(keep)})), 0) from read_parquet('{out}/{table}/*.parquet')"
    ).fetchone()
    return (int(row[0]), int(row[1]))


def outputs_match(a: Path, b: Path) -> dict[str, bool]:
    """Per table: the same rows, row for row (any order), in both outputs."""
    return {t: table_digest(a, t) == table_digest(b, t) for t in ("articles", "sections", "quotes", "figures", "rejects")}


_PACKAGES = {"etl": ROOT / "src" / "etl", "schemas": ROOT / "schemas", "flows": ROOT / "flows"}


def source_digest(root: Path | None = None) -> str:
    """A hash of the pipeline's source (etl, schemas, flows) under `root` (default: the repo)."""
    h = hashlib.sha256()
    for name, src in _PACKAGES.items():
        folder = root / name if root else src
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".json")):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def snapshot_source(dest: Path) -> Path:
    """Copy the pipeline's packages to `dest`, so every measurement runs the same code.

    Subprocesses get `PYTHONPATH=dest`, which comes before the editable install: edits made
    to the working tree while the benchmark runs (other people's) cannot mix versions.
    """
    for name, src in _PACKAGES.items():
        shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    return dest


# --------------------------------------------------------------------------- runs


@dataclass(slots=True)
class Row:
    """One line of the result table."""

    n: int
    what: str
    seconds: float
    articles: int = 0
    mb: float = 0.0
    peak_rss_mb: float | None = None
    cores_busy: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def per_sec(self) -> float:
        """Articles per second (0 for fixed costs)."""
        return self.articles / self.seconds if self.articles and self.seconds > 0 else 0.0

    @property
    def us_per_article(self) -> float:
        """Microseconds per article (0 for fixed costs)."""
        return 1e6 * self.seconds / self.articles if self.articles else 0.0


def _newsetl() -> list[str]:
    exe = Path(sys.executable).with_name("newsetl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "flows.cli"]


_SNAPSHOT: Path | None = None


def _env(prefect_home: Path | None = None) -> dict[str, str]:
    """The environment of every measured subprocess: the source snapshot, a bench PREFECT_HOME."""
    env = dict(os.environ)
    if _SNAPSHOT is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_SNAPSHOT), env.get("PYTHONPATH")) if p)
    if prefect_home is not None:
        env["PREFECT_HOME"] = str(prefect_home)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    return env


def bench_startups(args: argparse.Namespace, home: Path, log: Any) -> tuple[list[Row], dict[str, list[dict[str, float]]]]:
    """Prefect's fixed start-up costs per runner (they do not depend on N), each measured `startup_repeat` times."""
    rows: list[Row] = []
    first = run_measured([sys.executable, str(ROOT / "bench" / "bench_startup.py"), "thread"], env=_env(home))
    if first.returncode == 0:  # a fresh PREFECT_HOME: the first start also creates the database
        fresh = json.loads(first.stdout.strip().splitlines()[-1])
        rows.append(Row(0, "fixed, once per PREFECT_HOME: first server start (database created) + first flow", fresh["server_and_first_flow"]))
    out: dict[str, list[dict[str, float]]] = {}
    for runner in args.runners:
        for _ in range(args.startup_repeat):
            s = run_measured([sys.executable, str(ROOT / "bench" / "bench_startup.py"), runner], env=_env(home))
            if s.returncode != 0:
                log(f"  start-up of {runner} failed: {s.stderr.strip()[-500:]}")
                break
            out.setdefault(runner, []).append(json.loads(s.stdout.strip().splitlines()[-1]))
        got = out.get(runner, [])
        if not got:
            continue
        med = _median_startup(got)
        spread = {k: _spread([g[k] for g in got]) for k in med}
        rows.append(Row(0, f"fixed: imports before the server starts [{runner}]", med["imports"], note=spread["imports"]))
        rows.append(Row(0, f"fixed: temporary server start + first flow (pipeline, lexicons, workers, Prefect load meanwhile) [{runner}]",
                        med["server_and_first_flow"], note=spread["server_and_first_flow"]))
        rows.append(Row(0, f"fixed: flow run floor, server up [{runner}]", med["flow_floor"], note=spread["flow_floor"]))
        if runner != "thread":
            rows.append(Row(0, f"fixed: worker pool start [{runner}]", med["pool_start"], note=spread["pool_start"]))
        log(f"start-up [{runner}]: " + ", ".join(f"{k} {v:.1f}s" for k, v in med.items()))
    return rows, out


def bench_size(n: int, args: argparse.Namespace, texts: Sequence[str], work: Path, log: Any,
               startups: dict[str, list[dict[str, float]]]) -> tuple[list[Row], dict]:
    """Every measurement at one corpus size; returns the rows and the raw numbers."""
    rows: list[Row] = []
    raw: dict[str, Any] = {"n": n}
    corpus = work / f"corpus-{n}"
    t0 = time.perf_counter()
    files, size = build_corpus(texts, n, corpus)
    mb = size / 2**20
    raw["corpus"] = {"files": files, "bytes": size, "build_seconds": time.perf_counter() - t0}
    log(f"N={n:,}: corpus of {files:,} files, {mb:.1f} MB built in {raw['corpus']['build_seconds']:.1f}s")

    floors = []
    for rep in range(args.repeat):
        floor = io_floor(corpus, work / f"floor-{n}-{rep}.parquet")
        floors.append(floor["seconds"])
        (work / f"floor-{n}-{rep}.parquet").unlink()
    raw["io_floor_seconds"] = floors
    floor_s = min(floors)
    rows.append(Row(n, "I/O floor: read + SHA-256 + one Parquet file", floor_s, n, mb, note=_spread(floors)))
    log(f"  I/O floor {n / floor_s:,.0f} art/s ({_spread(floors)})")

    # Each stage alone: the pipeline's loop in one process, no Prefect.
    ref = work / f"out-ref-{n}"
    cmd = [sys.executable, __file__, "--_stages", str(corpus), str(ref), str(args.batch_size)]
    m = run_measured(cmd, env=_env())
    if m.returncode != 0:
        raise SystemExit(f"one-process run failed:\n{m.stderr[-3000:]}")
    one = json.loads(m.stdout.strip().splitlines()[-1])
    raw["one_process"] = {**one, "peak_rss_mb": m.peak_rss_mb, "cpu": m.cpu}
    labels = {"ingest": "ingest + normalise (read, decode, NFC, hash)", "sections": "sections", "quotes": "quotes",
              "figures": "figures", "validate": "validation (Arrow tables + pandera)", "write": "write (Parquet, atomic)"}
    for stage in STAGES:
        rows.append(Row(n, f"stage: {labels[stage]}", one["seconds"][stage], n, mb))
    rows.append(Row(n, "pipeline, 1 process, no Prefect (sum of stages + loop)", one["wall"], n, mb, m.peak_rss_mb,
                    m.cpu / m.wall if m.wall else None, note=f"CPU {1000 * m.cpu / n:.2f} ms/article"))
    log(f"  one process {n / one['wall']:,.0f} art/s, stages " + ", ".join(f"{k} {v:.1f}s" for k, v in one["seconds"].items()))

    # End to end, each runner: fixed start-up costs first (fresh process, warm PREFECT_HOME).
    home = work / "prefect-home"
    raw["end_to_end"] = {}
    digest = raw["source_digest"] = source_digest(_SNAPSHOT)
    for runner in args.runners:
        starts = startups.get(runner, [])
        walls: list[float] = []
        runs = []
        for rep in range(args.repeat):
            out = work / f"out-{runner}-{n}-{rep}"
            cmd = [*_newsetl(), "run", str(corpus), "--out", str(out), "--task-runner", runner,
                   "--batch-size", str(args.batch_size), "--no-progress"]  # the default command, as an operator runs it
            m = run_measured(cmd, env=_env(home))
            if m.returncode != 0:
                log(f"  newsetl run --task-runner {runner} failed ({m.returncode}): {m.stderr.strip()[-2000:]}")
                break
            same = outputs_match(ref, out)
            if source_digest(_SNAPSHOT) != digest:
                same["_note"] = "pipeline source was edited during the benchmark: outputs are not comparable"
            stage_s = run_stage_seconds(out)
            runs.append({"wall": m.wall, "cpu": m.cpu, "peak_rss_mb": m.peak_rss_mb, "peak_pss_mb": m.peak_pss_mb, "stage_seconds": stage_s,
                         "same_as_one_process": same, "summary": m.stdout.strip().splitlines()[-1:]})
            walls.append(m.wall)
            if rep == 0 and runner == args.runners[0]:
                rows.append(noop_rerun(n, cmd, home, log))
            shutil.rmtree(out, ignore_errors=True)
        raw["end_to_end"][runner] = {"startup": starts, "runs": runs}
        if not runs:
            continue
        best = min(range(len(runs)), key=lambda i: walls[i])
        r = runs[best]
        start = _median_startup(starts)
        fixed = start["imports"] + start["server_and_first_flow"] + start["pool_start"] if start else 0.0
        steady = r["wall"] - fixed
        if steady <= 0.05 * r["wall"]:  # the start-up was measured slower than the whole run: too noisy to split
            steady, fixed = r["wall"], 0.0
        workers = 2  # every runner extracts in two processes (the thread runner in its forked workers)
        ideal = sum(one["seconds"][s] for s in EXTRACT_STAGES) / workers
        overhead = (steady - ideal) / steady
        edited = "_note" in r["same_as_one_process"]
        same = all(v for k, v in r["same_as_one_process"].items() if k != "_note")
        label = "newsetl run (default: thread runner + forked extractor workers)" if runner == "thread" else f"newsetl run --task-runner {runner}"
        rows.append(Row(n, f"{label} (end to end, Prefect included)", r["wall"], n, mb,
                        r["peak_rss_mb"], r["cpu"] / r["wall"], note=_spread(walls) + f"; CPU {1000 * r['cpu'] / n:.2f} ms/article"
                        + f"; peak PSS {r['peak_pss_mb']:,.0f} MB"
                        + ("; output row for row as 1 process" if same else "; code edited during the run, output not comparable" if edited
                           else "; OUTPUT DIFFERS from 1 process: " + ",".join(k for k, v in r["same_as_one_process"].items() if not v)),
                        extra={"same_as_one_process": r["same_as_one_process"]}))
        rows.append(Row(n, f"  steady state (end to end minus fixed start-up) [{runner}]", steady, n, mb,
                        note=f"fixed {fixed:.1f}s taken off; orchestration overhead {100 * overhead:.0f}% "
                        f"(steady wall vs 1-process stage sum / {workers})",
                        extra={"overhead": overhead, "workers": workers}))
        log(f"  {runner}: {r['wall']:.1f}s end to end ({n / r['wall']:,.0f} art/s), fixed {fixed:.1f}s, steady "
            f"{n / steady:,.0f} art/s, overhead {100 * overhead:.0f}%, RSS {r['peak_rss_mb']:.0f} MB, cores {r['cpu'] / r['wall']:.2f}, same={same}")
    if args.dask_workers:
        rows += bench_dask_workers(n, corpus, args, work, log)
    shutil.rmtree(ref, ignore_errors=True)
    shutil.rmtree(corpus, ignore_errors=True)
    return rows, raw


def noop_rerun(n: int, cmd: list[str], home: Path, log: Any) -> Row:
    """The same command again over the output it wrote: nothing new, every file skipped by its stamp."""
    m = run_measured(cmd, env=_env(home))
    ok = m.returncode == 0 and f"({n:,} already there" in m.stdout
    log(f"  no-op re-run: {m.wall:.1f}s, RSS {m.peak_rss_mb:.0f} MB, PSS {m.peak_pss_mb:.0f} MB{'' if ok else ' (FAILED or not a no-op)'}")
    return Row(n, "re-run over the same input, nothing new (default runner, Prefect included)", m.wall, 0, 0.0, m.peak_rss_mb,
               m.cpu / m.wall if m.wall else None,
               note=f"peak PSS {m.peak_pss_mb:,.0f} MB; {n / m.wall:,.0f} files/s" + ("" if ok else "; FAILED or read something"),
               extra={"noop": True})


def bench_dask_workers(n: int, corpus: Path, args: argparse.Namespace, work: Path, log: Any) -> list[Row]:
    """Articles/s against the number of workers of a real Dask cluster (scheduler and workers as separate processes)."""
    sys.path.insert(0, str(ROOT))
    from tests.flows.dask_cluster import dask_cluster, dask_command

    if dask_command() is None:
        log("  dask workers: skipped (dask is not installed)")
        return []
    rows = []
    home = work / "prefect-home"
    for k in args.dask_workers:
        out = work / f"out-dask{k}-{n}"
        with dask_cluster(k, work / f"cluster-{k}", _env(home)) as cluster:
            cmd = [*_newsetl(), "run", str(corpus), "--out", str(out), "--task-runner", "dask", "--dask-address", cluster.address,
                   "--batch-size", str(args.batch_size), "--no-progress"]
            m = run_measured(cmd, env=_env(home))
        shutil.rmtree(out, ignore_errors=True)
        if m.returncode != 0:
            log(f"  dask cluster with {k} workers failed: {m.stderr.strip()[-1000:]}")
            continue
        rows.append(Row(n, f"newsetl run on a real Dask cluster, {k} worker(s) (end to end)", m.wall, n, 0.0,
                        note=f"{k} single-threaded `dask worker` processes beside a `dask scheduler` (not counted in RSS)",
                        extra={"dask_workers": k}))
        log(f"  dask cluster, {k} worker(s): {m.wall:.1f}s ({n / m.wall:,.0f} art/s)")
    return rows


def bench_peers(args: argparse.Namespace, texts: Sequence[str], work: Path, log: Any) -> tuple[list[Row], dict]:
    """newsetl's extractors and the peers on the same sample of corpus texts."""
    folder = work / "peer-corpus"
    build_corpus(texts, args.peer_sample, folder)
    sample = work / "peer-sample.jsonl"
    k = sample_file(folder, args.peer_sample, sample)
    size = sample.stat().st_size / 2**20
    raw: dict[str, Any] = {"sample": k}
    rows: list[Row] = []
    results: dict[str, dict] = {}
    # Peers run under this interpreter and under --peers-python; a peer found in either counts.
    pythons = list(dict.fromkeys([sys.executable, args.peers_python]))
    for mode, python in (("ours", sys.executable), *(("peers", p) for p in pythons)):
        m = run_measured([python, str(ROOT / "bench" / "bench_peers.py"), mode, str(sample)], env=_env())
        if m.returncode != 0:
            log(f"  peers ({mode}) failed under {python}: {m.stderr.strip()[-500:]}")
            continue
        got = json.loads(m.stdout.strip().splitlines()[-1])
        got.pop("_peak_rss_mb", None)
        for name, r in got.items():
            if name not in results or "skipped" in results[name]:
                results[name] = {**r, "python": python}
    raw["tools"] = results
    ours = {"figures": results.get("newsetl figures", {}), "quotes": results.get("newsetl quotes", {})}
    for name, r in results.items():
        if "skipped" in r:
            log(f"  {name}: skipped: {r['skipped']}")
            rows.append(Row(k, f"peer: {name}", 0.0, note=f"skipped: {r['skipped']}", extra={"peer": True}))
            continue
        part = "figures" if "figures" in name else "quotes"
        mine = ours[part].get("seconds", 0) / max(1, ours[part].get("articles", 1))
        done = r["articles"]
        note = f"{done:,} articles, {r['found']:,} found" + (f", gave up on {r['failed']}" if r.get("failed") else "")
        if not name.startswith("newsetl") and mine:
            note += f"; newsetl {part} is {r['seconds'] / done / mine:,.0f}x faster per article"
        rows.append(Row(done, f"{'' if name.startswith('newsetl') else 'peer: '}{name}", r["seconds"], done, size * done / k, note=note,
                        extra={"peer": True}))
        log(f"  {name}: {done / r['seconds']:,.1f} art/s ({note})")
    shutil.rmtree(folder, ignore_errors=True)
    return rows, raw


def _median_startup(starts: list[dict[str, float]]) -> dict[str, float]:
    if not starts:
        return {}
    return {k: sorted(s[k] for s in starts)[len(starts) // 2] for k in starts[0]}


def _spread(values: Sequence[float]) -> str:
    if len(values) < 2:
        return "1 run"
    spread = f"spread {100 * (max(values) - min(values)) / min(values):.0f}%" if min(values) > 0 else f"spread {max(values) - min(values):.2f} s"
    return f"{len(values)} runs: " + " / ".join(f"{v:.2f}" for v in values) + f" s ({spread})"


# --------------------------------------------------------------------------- report


def render(rows: Sequence[Row], floors: dict[int, float], meta: dict[str, Any]) -> str:
    """The Markdown result table (one section per N, then peers and linearity)."""
    head = "| N | what | seconds | articles/s | MB/s | vs I/O floor | peak RSS MB | cores busy | note |\n|---|---|---|---|---|---|---|---|---|"
    lines = [f"newsetl benchmark, {meta['when']}, {meta['machine']}", "", head]
    for r in rows:
        floor = floors.get(r.n)
        peer = r.extra.get("peer", False)
        ratio = f"{r.per_sec / floor:.1%}" if floor and r.per_sec and not peer else ""
        n = "any" if r.n == 0 else f"{r.n:,}" + (" (sample)" if peer else "")
        rate = f"{r.per_sec:,.0f}" if r.per_sec else ""
        mbs = f"{r.mb / r.seconds:.2f}" if r.mb and r.seconds else ""
        lines.append(
            f"| {n} | {r.what} | {r.seconds:.2f} | {rate} | {mbs} | {ratio} | "
            f"{'' if r.peak_rss_mb is None else f'{r.peak_rss_mb:,.0f}'} | {'' if r.cores_busy is None else f'{r.cores_busy:.2f}'} | {r.note} |"
        )
    lin = linearity(rows)
    if lin:
        lines += ["", "Per-article cost (µs) by N (linear: the largest N within 1.2× of the one before):", "",
                  "| what | " + " | ".join(f"N={n:,}" for n in lin["sizes"]) + " | ratio largest/previous |",
                  "|---|" + "---|" * (len(lin["sizes"]) + 1)]
        for what, costs in lin["costs"].items():
            vals = [costs.get(n) for n in lin["sizes"]]
            known = [v for v in vals if v]
            ratio = f"{known[-1] / known[-2]:.2f}" if len(known) >= 2 else ""
            lines.append(f"| {what} | " + " | ".join(f"{v:,.0f}" if v else "" for v in vals) + f" | {ratio} |")
    return "\n".join(lines) + "\n"


def linearity(rows: Sequence[Row]) -> dict[str, Any]:
    """Per-article cost of each measured line at each N."""
    sizes = sorted({r.n for r in rows if r.n and not r.extra.get("peer")})
    costs: dict[str, dict[int, float]] = {}
    for r in rows:
        if r.articles and r.n in sizes and not r.extra.get("peer"):
            costs.setdefault(r.what, {})[r.n] = r.us_per_article
    return {"sizes": sizes, "costs": costs} if len(sizes) > 1 else {}


def _sizes(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        mult = 1000 if part.endswith("k") else 1_000_000 if part.endswith("m") else 1
        out.append(int(float(part.rstrip("km")) * mult))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; prints the Markdown table and writes it (and JSON) under bench/results/."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1k,10k", help="corpus sizes, e.g. 1k,10k,100k (default: 1k,10k)")
    ap.add_argument("--runners", default="thread,process,dask", help="task runners for the end-to-end runs (default: all three)")
    ap.add_argument("--dask-workers", default="1,2", help="worker counts of a real Dask cluster to measure articles/s with ('' to skip; default: 1,2)")
    ap.add_argument("--batch-size", type=int, default=None, help="input files per task (default: the pipeline's default)")
    ap.add_argument("--repeat", type=int, default=1, help="repetitions of the I/O floor and of each end-to-end run (default: 1)")
    ap.add_argument("--startup-repeat", type=int, default=3, help="repetitions of each start-up measurement; the median is used (default: 3)")
    ap.add_argument("--peer-sample", type=int, default=300, help="articles the peers and our extractors run on (0: skip peers)")
    ap.add_argument("--peers-python", default=os.environ.get("NEWSETL_PEERS_PYTHON", sys.executable),
                    help="interpreter that has the peers installed (default: $NEWSETL_PEERS_PYTHON or this one)")
    ap.add_argument("--workdir", default=None, help="where the corpora are built (default: a temporary folder, removed)")
    ap.add_argument("--live-source", action="store_true",
                    help="run the working tree's code as it is at each step (default: a snapshot taken at the start)")
    ap.add_argument("--render", metavar="JSON", help="print the table of an earlier result file and exit")
    ap.add_argument("--_stages", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.render:
        saved = json.loads(Path(args.render).read_text(encoding="utf-8"))
        rows = [Row(**{k: v for k, v in r.items() if k not in ("per_sec", "us_per_article")}) for r in saved["rows"]]
        floors = {int(n): int(n) / min(v["io_floor_seconds"]) for n, v in saved["sizes"].items()}
        print(render(rows, floors, saved["meta"]))
        return 0
    if args._stages:
        folder, out, bs = args._stages
        print(json.dumps(stages_one_process(folder, out, int(bs))))
        return 0
    from etl.settings import DEFAULT_BATCH_SIZE

    args.batch_size = args.batch_size or DEFAULT_BATCH_SIZE
    args.runners = [r.strip() for r in args.runners.split(",") if r.strip()]
    args.dask_workers = [int(k) for k in args.dask_workers.split(",") if k.strip()]
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="newsetl-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    meta = {"when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, Python {sys.version.split()[0]}",
            "load_before": os.getloadavg(), "batch_size": args.batch_size, "repeat": args.repeat}
    global _SNAPSHOT
    if not args.live_source:
        _SNAPSHOT = snapshot_source(work / "source")
    meta["source_digest"] = source_digest(_SNAPSHOT)
    texts = load_dev_texts()
    all_rows: list[Row] = []
    raw: dict[str, Any] = {"meta": meta, "sizes": {}}
    floors: dict[int, float] = {}
    try:
        rows, startups = bench_startups(args, work / "prefect-home", log)
        all_rows += rows
        raw["startups"] = startups
        for n in _sizes(args.sizes):
            rows, r = bench_size(n, args, texts, work, log, startups)
            all_rows += rows
            raw["sizes"][n] = r
            floors[n] = n / min(r["io_floor_seconds"])
        if args.peer_sample:
            log(f"peers on {args.peer_sample} articles:")
            rows, r = bench_peers(args, texts, work, log)
            all_rows += rows
            raw["peers"] = r
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    meta["load_after"] = os.getloadavg()
    table = render(all_rows, floors, meta)
    raw["rows"] = [{**asdict(r), "per_sec": r.per_sec, "us_per_article": r.us_per_article} for r in all_rows]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"bench-{stamp}.md").write_text(table, encoding="utf-8")
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    print(table)
    print(f"written: bench/results/bench-{stamp}.md and .json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
