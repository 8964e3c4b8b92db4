"""Throughput of the figures stage alone, against a bare digit scan and (if installed) quantulum3.

    python bench/bench_figures.py [--articles 2000] [--repeat 3]

Prints articles/s on the seed article and on a sample of ../shared/corpus/dev/*.jsonl, for
`extract_figures`, for a baseline `re.finditer(r"\\d")` over the same texts, and for quantulum3's
`parser.parse` when it is importable (it is a comparison only, never a dependency of newsetl).
Sections are split before timing: only the figures stage is measured. One core, best of N runs;
the last lines say whether the figures family ran compiled (mypyc) or as its `.py` sources.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from etl.extract import extract_figures, native, split_sections

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "corpus" / "seed" / "000_372a54fb661ea01f.txt"
DIGIT = re.compile(r"\d")


def _dev_sample(n: int, seed: int = 7) -> list[str]:
    texts: list[str] = []
    for path in sorted((SHARED / "corpus" / "dev").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    random.Random(seed).shuffle(texts)
    return texts[:n]


def _rate(fn: Callable[[str, list], object], items: list[tuple[str, list]], repeat: int) -> float:
    """Best articles/s over `repeat` passes."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text, secs in items:
            fn(text, secs)
        best = min(best, time.perf_counter() - t0)
    return len(items) / best


def _quantulum() -> Callable[[str, list], object] | None:
    try:
        from quantulum3 import parser  # comparison only
    except ImportError:
        return None
    return lambda text, _secs: parser.parse(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000, help="dev articles to sample")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quantulum-articles", type=int, default=200, help="sample size for quantulum3 (slow)")
    args = ap.parse_args()
    seed_text = SEED.read_text(encoding="utf-8")
    corpora = {"seed": [seed_text] * 500, "dev sample": _dev_sample(args.articles)}
    quant = _quantulum()
    print(f"{'texts':<12} {'n':>6} {'figures art/s':>14} {'re digit art/s':>14} {'vs digit':>9} "
          f"{'quantulum3 art/s':>17} {'ratio':>8}")
    for name, texts in corpora.items():
        items = [(t, split_sections(t)) for t in texts]
        extract_figures(*items[0])  # compile patterns outside the timing
        ours = _rate(lambda t, s: extract_figures(t, s), items, args.repeat)
        base = _rate(lambda t, _s: sum(1 for _ in DIGIT.finditer(t)), items, args.repeat)
        q_txt, ratio_txt = "skipped", "-"
        if quant is not None:
            sub = items[: args.quantulum_articles]
            quant(*sub[0])
            q = _rate(quant, sub, 1)
            q_txt, ratio_txt = f"{q:,.0f}", f"{ours / q:,.0f}x"
        # the digit scan, timed in the same run, makes runs on a busy machine comparable
        print(f"{name:<12} {len(items):>6} {ours:>14,.0f} {base:>14,.0f} {ours / base:>9.4f} {q_txt:>17} {ratio_txt:>8}")
    if quant is None:
        print("quantulum3 not importable: comparison skipped (pip install quantulum3 to measure it)")
    print(f"extract_figures ran {'compiled (mypyc)' if native.FAMILIES.get('figures') else 'as pure Python'}")
    mean_chars = sum(len(t) for t in corpora["dev sample"]) / max(1, len(corpora["dev sample"]))
    print(f"seed article: {len(seed_text):,} chars; dev sample mean: {mean_chars:,.0f} chars")


if __name__ == "__main__":
    main()
