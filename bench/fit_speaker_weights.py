"""Fit the weights of the speaker ranking (`src/etl/extract/quotes/ranking.py`) on the FIT part of the quotes gold.

    .venv/bin/python bench/fit_speaker_weights.py            # fit, report fit/check, write speaker_weights.json
    .venv/bin/python bench/fit_speaker_weights.py --dry-run  # fit and report only

Runs the quote pass (sections, then quotes; no Parquet) over `../shared/eval/cases/quotes-dev.jsonl`,
recording the candidate mentions of every quotation as the rules leave it (weights off), labels a
candidate right when it overlaps the mention the gold credits (`speaker_span`), and fits the weights
with an averaged ranking perceptron on the fit part only (PolNeAR train + GGT fit, the split of
`tests/quality/scoring.py`). Pure Python: the features are sparse and binary, a few thousand
quotations, a few seconds. It then reports, on fit and on check, how often the rules' mention and
the ranked mention are right, and writes the weights (the check part is never used to fit).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.quality.scoring: the split

from tests.quality.scoring import SHARED, quotes_half  # noqa: E402

WEIGHTS = ROOT / "src" / "etl" / "lexicons" / "speaker_weights.json"
EPOCHS = 12
SEED = 14
MARGIN = 2.0
FLOOR = 5.0


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def collect(cases: list[dict[str, Any]]) -> list[tuple[str, list[tuple[tuple[str, ...], bool]], int | None]]:
    """One example per gold quotation with a speaker span that the pass finds: (half, [(features, right)], rule's index)."""
    import etl.extract.quotes.extract as ex
    from etl.extract.quotes.lexicon import quote_lexicon
    from etl.extract.sections import split_sections
    from etl.text.normalize import normalize

    calls: dict[tuple[int, int], tuple[list, str]] = {}

    def record(cands, weights, how, span):  # the rules' choice stays: the candidates are recorded as the rules leave them
        calls[span] = (list(cands), how)
        return None

    lex = quote_lexicon()
    if not lex.speaker_weights:
        lex.speaker_weights["bias"] = 0.0  # any weight turns the ranking on; `record` keeps the rules' choice
    ex._choose = record
    # continued quotations (`"...," he said. "..."`) and direct ones that borrow a quoted neighbour's speaker
    # in their paragraph are not ranked at run time (the borrowed speaker is right 99.5 % and 95 % of the
    # time; the ranking gains little there and costs time); they are fitted on all the same
    ex._continues = lambda resolved, i, speaker: False
    ex._neighbours = lambda row, mention, para: False
    examples = []
    for case in cases:
        text = normalize(case["text"])
        if len(text) != len(case["text"]):
            text = case["text"]
        calls.clear()
        out = ex.extract_quotes(text, split_sections(text))
        direct = [q for q in out if q.kind != "indirect"]
        scope = set(case.get("quotes_scope") or [])
        used: set[int] = set()
        for g in case["quotes"]:
            span = g.get("speaker_span")
            if not span or g["kind"] == "indirect":
                continue
            best, best_j = None, 0.5
            for k, q in enumerate(direct):
                if k in used or (scope and q.kind not in scope):
                    continue
                j = _jaccard(tuple(g["span"]), (q.char_start, q.char_end))
                if j >= best_j:
                    best, best_j = k, j
            if best is None:
                continue
            used.add(best)
            q = direct[best]
            if (q.char_start, q.char_end) not in calls:
                continue  # a cue of its own: the rules' mention stands
            cands, how = calls[(q.char_start, q.char_end)]
            labelled = [(c.features, c.mention.start < span[1] and span[0] < c.mention.end) for c in cands]
            rule_right = q.speaker_char_start is not None and q.speaker_char_start < span[1] and span[0] < q.speaker_char_end
            examples.append((quotes_half(case["file"]), labelled, how, rule_right))
    return examples


def fit(examples: list, epochs: int = EPOCHS) -> dict[str, float]:
    """An averaged ranking perceptron: where the top candidate is wrong, move towards the best right one."""
    w: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    stamp: dict[str, int] = defaultdict(int)
    step = 0
    usable = [e for e in examples if any(r for _, r in e[1])]
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(usable)
        for _half, cands, _rule, _ok in usable:
            step += 1
            scores = [sum(w[f] for f in feats) for feats, _ in cands]
            top = max(range(len(cands)), key=lambda i: scores[i])
            if cands[top][1]:
                continue
            good = max((i for i, (_, r) in enumerate(cands) if r), key=lambda i: scores[i])
            for f, delta in [*((f, 1.0) for f in cands[good][0]), *((f, -1.0) for f in cands[top][0])]:
                total[f] += (step - stamp[f]) * w[f]
                stamp[f] = step
                w[f] += delta
    for f in w:
        total[f] += (step - stamp[f]) * w[f]
    return {f: round(total[f] / step, 4) for f in sorted(w) if abs(total[f] / step) >= 5e-5}


def report(examples: list, weights: dict[str, float]) -> dict[str, tuple[int, int, int]]:
    """Per half and per how the rules found the speaker (cue, borrowed, none): (quotations, rules right, ranking right)."""
    out: dict[str, list[int]] = {}
    for half, cands, how, rule_ok in examples:
        row = out.setdefault(f"{half} {how}", [0, 0, 0])
        row[0] += 1
        row[1] += rule_ok
        if cands:
            scores = [sum(weights.get(f, 0.0) for f in feats) for feats, _ in cands]
            top = max(range(len(cands)), key=lambda i: scores[i])
            row[2] += cands[top][1]
        else:
            row[2] += rule_ok
    return {h: (r[0], r[1], r[2]) for h, r in out.items()}


def margins(examples: list, weights: dict[str, float]) -> None:
    """How often the ranking is right on borrowed speakers when it must beat the borrowed one by a margin."""
    for m in (0, 1, 2, 3, 4, 6, 8, 12):
        got = {}
        for half, cands, how, rule_ok in examples:
            if how != "borrowed":
                continue
            scores = [sum(weights.get(f, 0.0) for f in feats) for feats, _ in cands]
            top = max(range(len(cands)), key=lambda i: scores[i]) if cands else None
            rule = next((i for i, (feats, _) in enumerate(cands) if "rule" in feats), None)
            ok = rule_ok
            if top is not None and rule is not None and scores[top] - scores[rule] > m:
                ok = cands[top][1]
            row = got.setdefault(half, [0, 0])
            row[0] += 1
            row[1] += ok
        print(f"margin {m:2d}: " + ", ".join(f"{h} {r[1] / r[0]:.4f}" for h, r in sorted(got.items())))


def floors(examples: list, weights: dict[str, float]) -> None:
    """Where the rules give nobody: the ranking's picks kept and right when the best must score above a floor."""
    for floor in (0, 5, 10, 15):
        got = {}
        for half, cands, how, _rule_ok in examples:
            if how != "none" or not cands:
                continue
            scores = [sum(weights.get(f, 0.0) for f in feats) for feats, _ in cands]
            top = max(range(len(cands)), key=lambda i: scores[i])
            row = got.setdefault(half, [0, 0])
            row[0] += scores[top] > floor
            row[1] += scores[top] > floor and cands[top][1]
        print(f"floor {floor:2d}: " + ", ".join(f"{h} {r[0]} picked, {r[1]} right" for h, r in sorted(got.items())))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true", help="fit and report; do not write the weights")
    ap.add_argument("--margin", type=float, default=MARGIN, help=f"how much a candidate must outscore a borrowed speaker (default {MARGIN}: best on fit)")
    ap.add_argument(
        "--floor", type=float, default=FLOOR, help=f"the score a candidate needs where the rules give nobody (default {FLOOR}: the highest with no loss on fit)"
    )
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args(argv)
    path = args.shared / "eval" / "cases" / "quotes-dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh if line.strip()]
    examples = collect(cases)
    weights = fit([e for e in examples if e[0] == "fit"], args.epochs)
    for half, (n, rules, ranked) in sorted(report(examples, weights).items()):
        print(f"{half:14s} {n:5d} quotations: rules {rules / n:.4f}, ranking {ranked / n:.4f}")
    margins(examples, weights)
    floors(examples, weights)
    if not args.dry_run:
        meta = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("_meta", {})
        doc = {"_meta": meta, "margins": {"borrowed": args.margin, "none": args.floor}, "weights": weights}
        WEIGHTS.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"{len(weights)} weights written to {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
