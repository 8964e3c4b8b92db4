"""Score the full pure pipeline on gold cases, each suite split into a part to fit on and a part to check.

Shared by `bench/eval_split.py` (the table people read) and `tests/quality/` (the CI gate), so
both measure the same thing the same way. It lives under `tests/` because the gate is its main
user and `bench/` scripts already import test helpers (`bench/fuzz_campaign.py`); it imports
`etl` only in `run_pipeline` and never Prefect.

The split (documented once, here):

- quotes (`quotes-dev.jsonl`): PolNeAR keeps its own train / dev split; GGT's dev files are
  numbered 0000, 0002, 0004, … (the odd numbers are the held-back half nobody here sees), so its
  dev files are split again by their position among them: `number / 2` even (0000, 0004, 0008, …)
  is `ggt-fit`, odd (0002, 0006, …) is `ggt-check`. Fit = PolNeAR train + ggt-fit; check =
  PolNeAR dev + ggt-check.
- figures (`figures-dev.jsonl`): every case of every suite goes to fit or check by the parity
  of the first byte of SHA-256 of its file name: stable (a case never moves when others are
  added), independent of order, about half each.
- everything else (the seed article, the body pages, the committed table cases) is one group.

Scoring is `../shared/eval/score.py`'s own `score()` (imported by path), on the Parquet output of
one pipeline run per suite.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("NEWSETL_SHARED", ROOT.parent / "shared"))
TABLE_CASES = ROOT / "tests" / "cases"

QUOTE_MEASURES = ("quoted_p", "quoted_r", "quoted_f1", "indirect_p", "indirect_r", "indirect_f1",
                  "speaker", "speaker_lenient", "speaker_mention", "cue", "kind", "exact")
FIGURE_MEASURES = ("p", "r", "f1", "value", "value_high", "kind", "unit", "exact")
BODY_MEASURES = ("p", "r", "f1")
SEED_MEASURES = ("sections_f1", "quoted_f1", "indirect_r", "indirect_f1", "speaker", "cue", "via",
                 "figures_f1", "figures_value", "figures_exact")  # indirect P: 3 extra rows the seed gold leaves out (README)
# Table cases state every attribute newsetl has: cue and via for quotes, subject for figures.
TABLE_QUOTE_MEASURES = (*QUOTE_MEASURES, "via")
TABLE_FIGURE_MEASURES = (*FIGURE_MEASURES, "subject")
# Where a case lists only some of what its text holds (`exact: false`, or a window of a corpus
# article), a finding it does not list is not an error: only recall and attributes count.
_PRECISION = re.compile(r"(^|_)(p|f1)$")


# ------------------------------------------------------------------------------ the split

def quotes_part(fname: str) -> str:
    """The part of `quotes-dev.jsonl` a case file belongs to: ggt-fit, ggt-check, polnear-train or polnear-dev."""
    suite, number = _suite_and_number(fname)
    if suite == "ggt":
        return "ggt-fit" if (number // 2) % 2 == 0 else "ggt-check"
    return suite


def quotes_half(fname: str) -> str:
    """`fit` or `check` for a case of `quotes-dev.jsonl`."""
    return "fit" if quotes_part(fname) in ("ggt-fit", "polnear-train") else "check"


def figures_half(fname: str) -> str:
    """`fit` or `check` for a case of `figures-dev.jsonl`: the parity of SHA-256 of its file name."""
    return "fit" if hashlib.sha256(fname.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def _suite_and_number(fname: str) -> tuple[str, int]:
    """`polnear-train-0012.txt` → (`polnear-train`, 12): the grouping `score.py --by-suite` uses."""
    m = re.fullmatch(r"(.*?)-?(\d*)\.\w+", fname)
    if not m:
        return fname, 0
    return m.group(1), int(m.group(2) or 0)


def suite_of(fname: str) -> str:
    """The suite a case file belongs to (its name without number and extension)."""
    return _suite_and_number(fname)[0]


def quote_groups(fname: str) -> list[str]:
    """Every row of the quotes table this case counts in."""
    part = quotes_part(fname)
    return [part, *(["ggt"] if part.startswith("ggt") else []), quotes_half(fname), "all"]


def figure_groups(fname: str) -> list[str]:
    """Every row of the figures table this case counts in."""
    half = figures_half(fname)
    return [f"{suite_of(fname)}/{half}", half, "all"]


# ------------------------------------------------------------------------------ the suites

@dataclass(frozen=True)
class Suite:
    """One gold set, scored on the output of one pipeline run over its texts."""

    name: str
    gold: Path  # a *.jsonl of cases, or a folder of `*.txt` + `*.gold.json`
    groups: Callable[[str], list[str]]  # the rows a case file counts in
    family: Callable[[dict[str, Any]], dict[str, float | None]]  # every measure of one score.py result
    measures: tuple[str, ...]  # the ones shown and guarded
    listing: frozenset[str] = frozenset()  # case files that list only part of what their text holds

    def available(self) -> bool:
        """Whether its gold is on this machine."""
        return self.gold.exists()


def _all(_fname: str) -> list[str]:
    return ["all"]


def shared_suites(shared: Path = SHARED) -> dict[str, Suite]:
    """The dev gold suites in `../shared` (absent on a machine without it: see `Suite.available`)."""
    cases = shared / "eval" / "cases"
    return {
        "quotes": Suite("quotes", cases / "quotes-dev.jsonl", quote_groups, quote_measures, QUOTE_MEASURES),
        "figures": Suite("figures", cases / "figures-dev.jsonl", figure_groups, figure_measures, FIGURE_MEASURES),
        "body": Suite("body", cases / "body-dev.jsonl", _all, body_measures, BODY_MEASURES),
        "seed": Suite("seed", shared / "corpus" / "seed", _all, seed_measures, SEED_MEASURES),
    }


def _table_groups(fname: str) -> list[str]:
    return ["exact" if "-exact-" in fname else "listed", "all"]


def table_suites(work: Path, shared: Path = SHARED) -> dict[str, Suite]:
    """The committed table cases (`tests/cases/`), written as score.py gold under `work`.

    Cases that name an article of `../shared/corpus/dev/` are left out when it is absent.
    """
    out = {}
    for name, files, convert, family, measures in (
        ("table-quotes", ["quotes.jsonl", "quotes_reported_speech.jsonl", "quotes_speaker_ranking.jsonl"], _quote_row, quote_measures, TABLE_QUOTE_MEASURES),
        ("table-figures", ["figures.jsonl"], _figure_row, figure_measures, TABLE_FIGURE_MEASURES),
    ):
        cases = [c for f in files for c in _read_jsonl(TABLE_CASES / f)]
        gold = _table_gold(cases, convert, name.split("-")[1], shared)
        path = work / f"{name}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
        listing = frozenset(g["file"] for g in gold if "-listed-" in g["file"])
        out[name] = Suite(name, path, _table_groups, family, measures, listing)
    return out


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@cache
def _corpus(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        return {a["file"]: a["text"] for a in map(json.loads, fh)}


def _table_gold(cases: list[dict[str, Any]], convert: Callable[[dict, str], dict], key: str, shared: Path) -> list[dict[str, Any]]:
    """One score.py case per distinct text (the pipeline keeps a text once), its cases' rows merged.

    A text is `exact` only when every case on it is exact and covers the whole text (no window).
    """
    by_text: dict[str, dict[str, Any]] = {}
    for case in cases:
        if "corpus" in case:
            path = shared / "corpus" / "dev" / case["corpus"]
            if not path.exists():
                continue
            text = _corpus(path)[case["file"]]
        elif "text" in case:
            text = case["text"]
        else:
            continue  # built inputs (must-not-crash cases): nothing to score
        entry = by_text.setdefault(text, {"text": text, "rows": [], "exact": True, "ids": []})
        entry["exact"] &= bool(case.get("exact")) and "window" not in case
        entry["ids"].append(case["id"])
        for row in case["expect"]:
            converted = convert(row, text)
            if converted not in entry["rows"]:
                entry["rows"].append(converted)
    gold = []
    for i, entry in enumerate(by_text.values()):
        kind = "exact" if entry["exact"] else "listed"
        gold.append({"file": f"case-{kind}-{i:04d}.txt", "ids": entry["ids"], "text": entry["text"], key: entry["rows"]})
    return gold


def _quote_row(row: dict[str, Any], text: str) -> dict[str, Any]:
    span = [row["char_start"], row["char_end"]]
    out = {"kind": row["kind"], "span": span, "text": row.get("text", text[span[0]:span[1]])}
    out.update({k: row[k] for k in ("speaker", "cue", "via") if k in row})
    return out


def _figure_row(row: dict[str, Any], text: str) -> dict[str, Any]:
    span = [row["char_start"], row["char_end"]]
    out = {"span": span, "text": row.get("text", text[span[0]:span[1]])}
    out.update({k: row[k] for k in ("kind", "value", "value_high", "unit", "subject") if k in row})
    return out


# ------------------------------------------------------------------------------ running

def run_pipeline(input_root: Path, out_root: Path) -> None:
    """Run the full pure pipeline (read → ingest → sections → quotes → figures → validate → Parquet) once.

    The one place this module calls the pipeline: the run loop the flow runs, without Prefect.
    """
    from etl.runloop import run_local
    from etl.settings import Settings

    run_local(Settings(input_root=str(input_root), output_root=str(out_root)), lock=False)


@cache
def scorer(shared: Path = SHARED) -> ModuleType:
    """`../shared/eval/score.py`, imported by path (it needs only pyarrow)."""
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("newsetl_eval_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_digest(gold: Path) -> str:
    """SHA-256 of a gold set (a file, or every file of a folder in name order): floors hold only for the same gold."""
    h = hashlib.sha256()
    files = sorted(p for p in gold.iterdir() if p.is_file()) if gold.is_dir() else [gold]
    for p in files:
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


def case_folder(suite: Suite, cache_root: Path) -> Path:
    """The suite's input files, written once per gold version under `cache_root` and reused."""
    if suite.gold.is_dir():
        return suite.gold  # a folder of input files and their gold already
    folder = cache_root / f"{suite.gold.stem}-{gold_digest(suite.gold)[:16]}"
    if folder.exists():
        return folder
    cache_root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=cache_root))
    for case in _read_jsonl(suite.gold):
        (tmp / case["file"]).write_text(case["text"], encoding="utf-8", newline="")  # as score.py materialize
    try:
        tmp.rename(folder)
    except OSError:  # another process made it first: theirs is the same
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def score_suite(suite: Suite, cache_root: Path, shared: Path = SHARED) -> dict[str, Any]:
    """Run the pipeline once on the suite's texts and score every group of it.

    Returns:
        `{"gold_sha256", "groups": {group: {"articles": n, "rejected": n, measure: value or None}},
        "errors": {group: [..]}, "offset_violations": n}`; a measure is None where the group has no gold for it.
    """
    score = scorer(shared)
    inputs = case_folder(suite, cache_root)
    with tempfile.TemporaryDirectory(prefix=f"newsetl-eval-{suite.name}-") as out:
        run_pipeline(inputs, Path(out) / "out")
        output = score.Output(Path(out) / "out")
    gold = score.load_gold([str(suite.gold)])
    members: dict[str, dict[str, dict]] = {}
    for fname, case in gold.items():
        for group in suite.groups(fname):
            members.setdefault(group, {})[fname] = case
    groups, errors, bad_offsets = {}, {}, 0
    for group, cases in members.items():
        found: list[str] = []
        result = score.score(output, cases, found)
        every = suite.family(result)
        measures = {k: every[k] for k in suite.measures}
        if any(f in suite.listing for f in cases):
            measures = {k: (None if _PRECISION.search(k) else v) for k, v in measures.items()}
        groups[group] = {"articles": len(cases), "rejected": result["articles"]["rejected"], **measures}
        errors[group] = found
        bad_offsets = max(bad_offsets, result["offset_violations"])  # "all" holds every case
    return {"gold_sha256": gold_digest(suite.gold), "groups": _ordered(groups), "errors": errors, "offset_violations": bad_offsets}


def evaluate(suites: dict[str, Suite], cache_root: Path, jobs: int = 2, shared: Path = SHARED) -> dict[str, dict[str, Any]]:
    """Score several suites, `jobs` at a time in worker processes (the largest first), each with its seconds.

    Returns:
        suite name → `score_suite`'s result plus `seconds` (wall time of its run and scoring).
    """
    order = sorted(suites, key=lambda n: -_size(suites[n].gold))
    if jobs <= 1 or len(order) == 1:
        return {name: _timed(suites[name], cache_root, shared) for name in order}
    # spawn, not fork: the caller (pytest) may hold pyarrow's threads, which a fork does not copy safely
    with ProcessPoolExecutor(max_workers=min(jobs, len(order)), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {name: pool.submit(_timed, suites[name], cache_root, shared) for name in order}
        return {name: futures[name].result() for name in suites}


def _size(gold: Path) -> int:
    return sum(p.stat().st_size for p in gold.iterdir()) if gold.is_dir() else gold.stat().st_size


def _timed(suite: Suite, cache_root: Path, shared: Path) -> dict[str, Any]:
    clock = time.perf_counter()
    result = score_suite(suite, cache_root, shared)
    result["seconds"] = round(time.perf_counter() - clock, 2)
    return result


def _ordered(groups: dict[str, dict]) -> dict[str, dict]:
    """Rows in reading order: the parts first, then fit, check, all."""
    tail = [g for g in ("ggt", "exact", "listed", "fit", "check", "all") if g in groups]
    return {g: groups[g] for g in [*sorted(g for g in groups if g not in tail), *tail]}


def quote_measures(r: dict[str, Any]) -> dict[str, float | None]:
    """Quote measures of one `score.py` result: P/R/F1 per group of kinds, then rates on matched quotes."""
    m = r["quotes_matched"]
    return {**_prf("quoted_", r["quotes_quoted"]), **_prf("indirect_", r["quotes_indirect"]),
            **{k: m[k] for k in ("speaker", "speaker_lenient", "speaker_mention", "cue", "kind", "exact", "via")}}


def figure_measures(r: dict[str, Any]) -> dict[str, float | None]:
    """Figure measures of one `score.py` result: P/R/F1, then rates on matched figures."""
    m = r["figures_matched"]
    return {**_prf("", r["figures"]), **{k: m[k] for k in ("value", "value_high", "kind", "unit", "exact")},
            "subject": m["subject_token_f1"]}


def body_measures(r: dict[str, Any]) -> dict[str, float | None]:
    """Body-paragraph P/R/F1 of one `score.py` result."""
    return _prf("", r["body_paragraphs"])


def seed_measures(r: dict[str, Any]) -> dict[str, float | None]:
    """A digest of every table on the seed article."""
    q, f = quote_measures(r), figure_measures(r)
    return {"sections_f1": _prf("", r["sections"])["f1"], **q,
            **{"figures_" + k: f[k] for k in ("f1", "value", "exact")}}


def _prf(prefix: str, m: dict[str, Any]) -> dict[str, float | None]:
    """P, R, F1 of one count; None where undefined (P with nothing found, R with no gold)."""
    return {prefix + "p": m["precision"] if m["found"] else None,
            prefix + "r": m["recall"] if m["gold"] else None,
            prefix + "f1": m["f1"] if m["gold"] and m["found"] else (0.0 if m["gold"] or m["found"] else None)}
