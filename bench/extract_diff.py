"""Snapshot what the extractors return on every article we have, and diff two snapshots row by row.

    python bench/extract_diff.py snapshot SNAP_DIR                 # all default inputs, 2 processes
    python bench/extract_diff.py snapshot SNAP_DIR --inputs a.jsonl b.txt --jobs 1
    python bench/extract_diff.py diff OLD_DIR NEW_DIR              # counts, then 10 sampled changes
    python bench/extract_diff.py diff OLD_DIR NEW_DIR --sample 40 --seed 3 --table quotes

`snapshot` runs sections -> quotes -> figures on each article, normalised the way ingest does
(`etl.text.normalize.normalize`; `published_at`/`date` of a JSON line parsed as `etl.io.read` does),
with whichever `etl` the running interpreter imports: run it with another checkout's venv to
snapshot that version (`/elsewhere/.venv/bin/python bench/extract_diff.py snapshot /tmp/old`).
Default inputs: `../shared/corpus/dev/*.jsonl` (~19,000 articles), `../shared/eval/cases/*.jsonl`,
`../shared/corpus/seed/*.txt` and every case of `tests/cases/*.jsonl` that holds or builds a text.
It writes, into SNAP_DIR (replaced): `articles.jsonl.gz` (id and normalised text),
`sections.jsonl.gz`, `quotes.jsonl.gz`, `figures.jsonl.gz` (one JSON list a row: article id, then
every field but `text`, which is `text[char_start:char_end]` and is checked to be), `errors.jsonl.gz`
(an extractor that raised, or a row whose offsets do not give back its text) and `manifest.json`
(git revision, compiled or not, inputs, row counts, seconds). Articles are shared out over
`--jobs` processes (default 2); rows come back in input order, so a snapshot does not depend on it.

`diff` pairs the rows of each table by (article, char_start, char_end) and counts, per table, rows
added, removed and changed (same span, another field differs), then prints `--sample` of them
drawn at random (`--seed`) with the text around the span. Exit status 0 when the snapshots hold
the same rows, 1 when they differ, so a script can gate on it. Review a rule change with it: snapshot
before, change, snapshot after, diff, read the sample.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TABLES = ("sections", "quotes", "figures")
# The fields written per table, after the article id (`text` is left out: it is the span's text).
FIELDS = {
    "sections": ("char_start", "char_end", "kind"),
    "quotes": ("char_start", "char_end", "kind", "speaker", "speaker_char_start", "speaker_char_end", "cue", "via"),
    "figures": ("char_start", "char_end", "kind", "value", "value_high", "unit", "subject", "normalized"),
}
CHUNK = 64  # articles per task handed to a worker process

Article = tuple[str, str, str | None]  # id, raw text, published date (ISO) or None


def default_inputs() -> list[Path]:
    """Every file of articles and cases this project has (missing folders are skipped)."""
    found: list[Path] = []
    for folder, pattern in (
        (SHARED / "corpus" / "dev", "*.jsonl"),
        (SHARED / "eval" / "cases", "*.jsonl"),
        (SHARED / "corpus" / "seed", "*.txt"),
        (ROOT / "tests" / "cases", "*.jsonl"),
    ):
        found += sorted(folder.glob(pattern))
    return found


def read_articles(paths: Iterable[Path]) -> Iterator[Article]:
    """(id, text, published) of every article in `paths`: a `.txt` file is one, a `.jsonl` line one
    with `text` (or a `build` of `head + unit * times + tail`); lines with neither are skipped."""
    for path in paths:
        if path.suffix == ".txt":
            yield f"{path.name}", path.read_text(encoding="utf-8", errors="replace"), None
            continue
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                if isinstance(rec.get("text"), str):
                    text = rec["text"]
                elif isinstance(rec.get("build"), dict):
                    b = rec["build"]
                    text = b["head"] + b["unit"] * b["times"] + b["tail"]
                else:
                    continue
                name = rec.get("file") or rec.get("id") or f"L{lineno}"
                published = rec.get("published_at") or rec.get("date")
                yield f"{path.parent.name}/{path.name}#{name}#L{lineno}", text, published if isinstance(published, str) else None


def parse_date(value: str | None) -> date | None:
    """As `etl.io.read` reads a JSON line's date: ISO 8601, anything else is no date."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _extract(batch: Sequence[Article]) -> list[tuple[str, str, dict[str, list[list[Any]]], list[list[Any]]]]:
    """Normalised text, rows per table and errors of each article of `batch` (runs in a worker)."""
    from etl.extract.figures import extract_figures
    from etl.extract.quotes import extract_quotes
    from etl.extract.sections import split_sections
    from etl.text.normalize import normalize

    out = []
    for aid, raw, published in batch:
        text = normalize(raw)
        rows: dict[str, list[list[Any]]] = {t: [] for t in TABLES}
        errors: list[list[Any]] = []
        sections = _guarded(aid, "sections", partial(split_sections, text), errors)
        got = {
            "sections": sections,
            "quotes": _guarded(aid, "quotes", partial(extract_quotes, text, sections), errors),
            "figures": _guarded(aid, "figures", partial(extract_figures, text, sections, parse_date(published)), errors),
        }
        for table in TABLES:
            for r in got[table]:
                if text[r.char_start : r.char_end] != r.text:
                    errors.append([aid, table, f"text[{r.char_start}:{r.char_end}] is not the row's text {r.text[:60]!r}"])
                rows[table].append([aid, *(getattr(r, f) for f in FIELDS[table])])
        out.append((aid, text, rows, errors))
    return out


def _guarded(aid: str, table: str, run: Callable[[], list], errors: list[list[Any]]) -> list:
    """`run()`, or no rows and an error row when it raises."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - a crash is a difference to report, not to stop on
        errors.append([aid, table, f"{exc.__class__.__name__}: {exc}"])
        return []


def chunks(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def _git_revision(folder: Path) -> str | None:
    """The git revision of the checkout holding `folder` (None outside one)."""
    try:
        rev = subprocess.run(["git", "-C", str(folder), "describe", "--always", "--dirty"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return rev.stdout.strip()


def snapshot(out: Path, inputs: Sequence[Path], jobs: int) -> dict[str, Any]:
    """Write the snapshot of `inputs` into `out` (replaced); returns its manifest."""
    import etl.extract

    t0 = time.perf_counter()
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with ExitStack() as stack:
        names = ("articles", *TABLES, "errors")
        files = {name: stack.enter_context(gzip.open(tmp / f"{name}.jsonl.gz", "wt", encoding="utf-8", compresslevel=3)) for name in names}
        counts = dict.fromkeys(names, 0)
        seen: set[str] = set()
        batches = chunks(read_articles(inputs), CHUNK)
        with multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else _Serial() as pool:
            for done in pool.imap(_extract, batches):
                for aid, text, rows, errors in done:
                    if aid in seen:
                        raise SystemExit(f"extract_diff: two articles have the id {aid!r}")
                    seen.add(aid)
                    files["articles"].write(json.dumps([aid, text], ensure_ascii=False) + "\n")
                    counts["articles"] += 1
                    for table in TABLES:
                        for row in rows[table]:
                            files[table].write(json.dumps(row, ensure_ascii=False) + "\n")
                        counts[table] += len(rows[table])
                    for err in errors:
                        files["errors"].write(json.dumps(err, ensure_ascii=False) + "\n")
                    counts["errors"] += len(errors)
                if counts["articles"] % 2048 < CHUNK:
                    print(f"  {counts['articles']:,} articles", file=sys.stderr)
    manifest = {
        "revision": _git_revision(Path(etl.extract.__file__).parent),
        "etl": str(Path(etl.extract.__file__).parent),
        "compiled": etl.extract.COMPILED,
        "inputs": [str(p) for p in inputs],
        "rows": counts,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return manifest


class _Serial:
    """The `Pool` interface for `--jobs 1`: runs in this process."""

    def __enter__(self) -> _Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def imap(self, fn: Any, items: Iterable[Any]) -> Iterator[Any]:
        return map(fn, items)


def _read(path: Path) -> Iterator[list[Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _rows_by_span(snap: Path, table: str) -> dict[tuple[str, int, int], list[list[Any]]]:
    """The rows of `table`, grouped by (article, char_start, char_end), in snapshot order."""
    out: dict[tuple[str, int, int], list[list[Any]]] = defaultdict(list)
    for row in _read(snap / f"{table}.jsonl.gz"):
        out[(row[0], row[1], row[2])].append(row)
    return out


def _errors(snap: Path) -> set[tuple[str, ...]]:
    return {tuple(e) for e in _read(snap / "errors.jsonl.gz")}


def compare(old: Path, new: Path, tables: Sequence[str]) -> tuple[dict[str, dict[str, int]], list[tuple[str, str, list | None, list | None]]]:
    """Per table: counts of rows added, removed, changed; and every difference as (table, what, old, new)."""
    counts: dict[str, dict[str, int]] = {}
    diffs: list[tuple[str, str, list | None, list | None]] = []
    for table in tables:
        a, b = _rows_by_span(old, table), _rows_by_span(new, table)
        c = {"old": sum(map(len, a.values())), "new": sum(map(len, b.values())), "added": 0, "removed": 0, "changed": 0}
        for key in sorted(a.keys() | b.keys()):
            ra, rb = a.get(key, []), b.get(key, [])
            unmatched_a = [r for r in ra if r not in rb]
            unmatched_b = [r for r in rb if r not in ra]
            for x, y in zip(unmatched_a, unmatched_b, strict=False):
                c["changed"] += 1
                diffs.append((table, "changed", x, y))
            for x in unmatched_a[len(unmatched_b) :]:
                c["removed"] += 1
                diffs.append((table, "removed", x, None))
            for y in unmatched_b[len(unmatched_a) :]:
                c["added"] += 1
                diffs.append((table, "added", None, y))
        counts[table] = c
    return counts, diffs


def _context(texts: dict[str, str], row: list[Any], width: int = 100) -> str:
    text = texts.get(row[0], "")
    s, e = row[1], row[2]
    before = text[max(0, s - width) : s].replace("\n", " / ")
    after = text[e : e + width].replace("\n", " / ")
    return f"...{before}[[{text[s:e]}]]{after}..."


def diff(old: Path, new: Path, tables: Sequence[str], sample: int, seed: int) -> int:
    """Print the counts and a sample of differences; 0 when the snapshots are the same, else 1."""
    counts, diffs = compare(old, new, tables)
    ea, eb = _errors(old), _errors(new)
    arts_a = {r[0] for r in _read(old / "articles.jsonl.gz")}
    arts_b = {r[0] for r in _read(new / "articles.jsonl.gz")}
    print(f"{'table':10} {'old rows':>10} {'new rows':>10} {'added':>8} {'removed':>8} {'changed':>8}")
    for table, c in counts.items():
        print(f"{table:10} {c['old']:>10,} {c['new']:>10,} {c['added']:>8,} {c['removed']:>8,} {c['changed']:>8,}")
    print(f"articles: {len(arts_a):,} old, {len(arts_b):,} new, {len(arts_a - arts_b):,} only in old, {len(arts_b - arts_a):,} only in new")
    print(f"errors: {len(ea):,} old, {len(eb):,} new, {len(eb - ea):,} new ones")
    for e in sorted(eb - ea)[:10]:
        print("  new error:", *e)
    if diffs and sample:
        texts = {r[0]: r[1] for r in _read(new / "articles.jsonl.gz")}
        picked = random.Random(seed).sample(diffs, min(sample, len(diffs)))
        print(f"\n{len(picked)} of {len(diffs):,} differences, drawn with seed {seed}:")
        for table, what, a, b in picked:
            row = b if b is not None else a
            assert row is not None
            print(f"\n[{table} {what}] {row[0]} {row[1]}:{row[2]}")
            fields = FIELDS[table]
            if a is not None:
                print("  old:", dict(zip(fields, a[1:], strict=True)))
            if b is not None:
                print("  new:", dict(zip(fields, b[1:], strict=True)))
            print("  ", _context(texts, row))
    same = not diffs and ea == eb and arts_a == arts_b
    print("\nsame rows" if same else "\nthe snapshots differ")
    return 0 if same else 1


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("snapshot", help="run the extractors on every article and write their rows")
    sp.add_argument("out", type=Path, help="snapshot folder (replaced)")
    sp.add_argument("--inputs", nargs="+", type=Path, help="*.jsonl / *.txt files (default: every corpus and case file)")
    sp.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    dp = sub.add_parser("diff", help="compare two snapshots")
    dp.add_argument("old", type=Path)
    dp.add_argument("new", type=Path)
    dp.add_argument("--sample", type=int, default=10, help="differences to print (default 10)")
    dp.add_argument("--seed", type=int, default=0, help="random seed of the sample")
    dp.add_argument("--table", choices=TABLES, action="append", help="only these tables (repeatable; default all)")
    args = ap.parse_args(argv)
    if args.command == "snapshot":
        inputs = args.inputs or default_inputs()
        missing = [p for p in inputs if not p.exists()]
        if missing:
            print(f"extract_diff: no such input: {missing[0]}", file=sys.stderr)
            return 2
        m = snapshot(args.out, inputs, max(1, args.jobs))
        print(f"{args.out}: {', '.join(f'{k} {v:,}' for k, v in m['rows'].items())}; {m['seconds']} s; compiled {m['compiled']}")
        return 0
    for snap in (args.old, args.new):
        if not (snap / "manifest.json").exists():
            print(f"extract_diff: {snap} is not a snapshot (no manifest.json)", file=sys.stderr)
            return 2
    return diff(args.old, args.new, args.table or TABLES, args.sample, args.seed)


if __name__ == "__main__":
    sys.exit(main())
