"""Figure subjects over the dev corpus: coverage per kind, a random sample to judge by reading, and
the rows whose subject changed between two runs (issue 15).

    python bench/subject_review.py rows OUT.jsonl.gz              # figures of every dev article (2 processes)
    python bench/subject_review.py coverage OUT.jsonl.gz          # subject set, per kind
    python bench/subject_review.py sample OUT.jsonl.gz --n 100 --seed 4545 > sample.jsonl
    python bench/subject_review.py diff OLD.jsonl.gz NEW.jsonl.gz --sample 30 --seed 1

`rows` runs only the figures stage on `../shared/corpus/dev/*.jsonl`, each text normalised as ingest
does, and writes one JSON list a figure: article id, char_start, char_end, kind, text, subject, and
the context (the figure in `[[ ]]`, 80 characters either side). `sample` draws `--n` rows at random
(`--seed`) from the count, money and percent rows whose subject is set, with `right` and `note` left
for the reader (`bench/figures_subject_review/README.md`). `diff` pairs rows by (article, span) and
prints subjects changed, set or dropped, with a random sample of each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # extract_diff: the corpus reader shared by the bench scripts

from extract_diff import SHARED, chunks, parse_date, read_articles

DEV = SHARED / "corpus" / "dev"
KINDS = ("count", "money", "percent")
CONTEXT = 80
CHUNK = 64


def _figures(batch: Sequence[tuple[str, str, str | None]]) -> list[list[Any]]:
    from etl.extract.figures import extract_figures
    from etl.extract.sections import split_sections
    from etl.text.normalize import normalize

    out: list[list[Any]] = []
    for aid, raw, pub in batch:
        text = normalize(raw)
        for f in extract_figures(text, split_sections(text), parse_date(pub)):
            lo, hi = max(0, f.char_start - CONTEXT), f.char_end + CONTEXT
            ctx = text[lo:f.char_start] + "[[" + f.text + "]]" + text[f.char_end:hi]
            out.append([aid, f.char_start, f.char_end, f.kind, f.text, f.subject, ctx])
    return out


def write_rows(out: Path, jobs: int) -> None:
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=3) as fh, multiprocessing.get_context("fork").Pool(jobs) as pool:
        for rows in pool.imap(_figures, chunks(read_articles(sorted(DEV.glob("*.jsonl"))), CHUNK)):
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_rows(path: Path) -> list[list[Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def coverage(rows: list[list[Any]]) -> dict[str, Any]:
    n, s = Counter(), Counter()
    for r in rows:
        if r[3] in KINDS:
            n[r[3]] += 1
            s[r[3]] += r[5] is not None
    out: dict[str, Any] = {k: {"rows": n[k], "set": s[k], "share": round(s[k] / max(1, n[k]), 4)} for k in KINDS}
    total, got = sum(n.values()), sum(s.values())
    out["all"] = {"rows": total, "set": got, "share": round(got / max(1, total), 4)}
    return out


def sample(rows: list[list[Any]], n: int, seed: int) -> list[dict[str, Any]]:
    pool = [r for r in rows if r[3] in KINDS and r[5] is not None]
    picked = random.Random(seed).sample(pool, min(n, len(pool)))
    return [{"n": i, "id": r[0], "span": [r[1], r[2]], "kind": r[3], "text": r[4], "subject": r[5], "context": r[6],
             "right": None, "note": ""} for i, r in enumerate(picked)]


def diff(old: list[list[Any]], new: list[list[Any]], n: int, seed: int) -> None:
    a = {(r[0], r[1], r[2]): r for r in old if r[3] in KINDS}
    b = {(r[0], r[1], r[2]): r for r in new if r[3] in KINDS}
    groups: dict[str, list[tuple[Any, Any]]] = {"set": [], "dropped": [], "changed": []}
    for key in a.keys() & b.keys():
        x, y = a[key][5], b[key][5]
        if x == y:
            continue
        groups["set" if x is None else "dropped" if y is None else "changed"].append((a[key], b[key]))
    rnd = random.Random(seed)
    for name, items in groups.items():
        print(f"== {name}: {len(items)}")
        items.sort(key=lambda p: (p[0][0], p[0][1]))
        for x, y in rnd.sample(items, min(n, len(items))):
            print(f"  {x[3]:7} {x[5]!r} -> {y[5]!r}  | {' '.join(y[6].split())}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("rows")
    p.add_argument("out", type=Path)
    p.add_argument("--jobs", type=int, default=2)
    p = sub.add_parser("coverage")
    p.add_argument("rows", type=Path)
    p = sub.add_parser("sample")
    p.add_argument("rows", type=Path)
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--seed", type=int, required=True)
    p = sub.add_parser("diff")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.cmd == "rows":
        write_rows(args.out, args.jobs)
        print(json.dumps(coverage(read_rows(args.out))))
    elif args.cmd == "coverage":
        print(json.dumps(coverage(read_rows(args.rows)), indent=1))
    elif args.cmd == "sample":
        for rec in sample(read_rows(args.rows), args.n, args.seed):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        diff(read_rows(args.old), read_rows(args.new), args.sample, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
