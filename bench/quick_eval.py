"""Score the extractors on a cases file without Prefect, in seconds.

    python bench/quick_eval.py ../shared/eval/cases/figures-dev.jsonl /tmp/figout
    python ../shared/eval/score.py score /tmp/figout ../shared/eval/cases/figures-dev.jsonl --by-suite

Writes the contract's tables (articles, sections, quotes, figures) for the raw case texts
straight from the pure extractors: a fast loop for extractor work. The full pipeline
(`newsetl run`) adds ingest, validation and Prefect, and is what the README's scores use.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.extract import extract_figures, extract_quotes, split_sections
from etl.records import Section


def _extractors() -> dict[str, Callable[[str, list[Section]], list]]:
    """The extractors scored, by table."""
    return {"quotes": extract_quotes, "figures": extract_figures}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", help="a *.jsonl cases file (each line has file and text)")
    ap.add_argument("out", help="output root; replaced")
    args = ap.parse_args()
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    extractors = _extractors()
    tables: dict[str, list[dict]] = {"articles": [], "sections": [], **{k: [] for k in extractors}}
    spent = dict.fromkeys(["sections", *extractors], 0.0)
    with open(args.cases, encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            text = case["text"]
            aid = hashlib.sha256(text.encode()).hexdigest()[:16]
            tables["articles"].append({"article_id": aid, "source_uri": case["file"], "text": text})
            t0 = time.perf_counter()
            secs = split_sections(text)
            spent["sections"] += time.perf_counter() - t0
            for i, s in enumerate(secs):
                tables["sections"].append({"article_id": aid, "section_idx": i, **dataclasses.asdict(s)})
            for name, fn in extractors.items():
                t0 = time.perf_counter()
                rows = fn(text, secs)
                spent[name] += time.perf_counter() - t0
                for i, r in enumerate(rows):
                    tables[name].append({"article_id": aid, f"{name[:-1]}_idx": i, **dataclasses.asdict(r)})
    n = len(tables["articles"])
    for name, rows in tables.items():
        (out / name).mkdir(parents=True, exist_ok=True)
        if rows:
            pq.write_table(pa.Table.from_pylist(rows), out / name / "part-0.parquet")
    print(f"{n} articles -> {out}; " + ", ".join(f"{k} {n / v:,.0f} art/s" for k, v in spent.items() if v))


if __name__ == "__main__":
    main()
