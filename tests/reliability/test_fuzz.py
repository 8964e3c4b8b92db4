"""Fuzzed input (issue 8, point 1): whatever the text, the pure pipeline keeps its promises, in bounded time.

`extract_batch` (read → ingest → sections → quotes → figures → validation) gets adversarial
files from `fuzzgen`. Promises checked by `fuzzgen.run_case`: every input ends in `articles` or
`rejects`; every span slices back to `articles.text`; no child row is dropped by validation;
article text is clean NFC. Time, per article and per stage (`BatchResult.seconds`): at most
50 ms for an article of ordinary size (≤ 10,000 characters), at most 1 s for a 1 MB one, each
times a slack factor: `NEWSETL_TIME_SLACK`, default 10. The factor makes these bounds guards
against runaway behaviour (a pattern that backtracks, a quadratic loop), not measurements: a
busy 2-core machine was seen 3.4× slower than a quiet one. The budgets themselves are measured by
`bench/fuzz_campaign.py` on a quiet machine. A stage over its bound is measured twice more and its
fastest time counts, so a single scheduler hiccup does not fail the test.

The bigger campaign (≥ 10,000 cases) is `bench/fuzz_campaign.py`.
"""

from __future__ import annotations

import faulthandler
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.fuzzgen import CaseReport, FuzzCase, cases, run_case, run_cases

SLACK = float(os.environ.get("NEWSETL_TIME_SLACK", "10"))
ORDINARY_CHARS = 10_000
ORDINARY_BOUND = 0.050
MEGABYTE_BOUND = 1.0
TIMED = ("ingest", "sections", "quotes", "figures")
SLOW = bool(os.environ.get("NEWSETL_RELIABILITY_SLOW"))

_folder = tempfile.mkdtemp(prefix="newsetl-fuzz-")


def _warm() -> None:
    """Load lexicons and compile patterns once, so the first example is not timed cold."""
    text = "Warm headline\n\n“We are ready,” Ana Lopez said on 3 March 2024, adding that 12% of 1,200 people agreed.\n"
    run_case(FuzzCase(text.encode(), ".txt", text, "utf-8"), _folder, "warm")


def _bound(n_chars: int) -> float:
    return (ORDINARY_BOUND if n_chars <= ORDINARY_CHARS else max(ORDINARY_BOUND, MEGABYTE_BOUND * n_chars / 1_000_000)) * SLACK


def _timed(case: FuzzCase, first: CaseReport | None = None) -> tuple[dict[str, float], int]:
    """Per-stage seconds of one case (the fastest of up to three runs when a stage is over its bound)."""
    report = first or run_case(case, _folder)
    seconds = {k: report.seconds[k] for k in TIMED}
    for _ in range(2):
        if all(v <= _bound(report.n_chars) for v in seconds.values()):
            break
        again = run_case(case, _folder)
        seconds = {k: min(seconds[k], again.seconds[k]) for k in TIMED}
    return seconds, report.n_chars


@pytest.fixture(scope="module", autouse=True)
def warm() -> Iterator[None]:
    _warm()
    faulthandler.dump_traceback_later(600, exit=True)  # a catastrophic regex must not hang CI for 90 min
    yield
    faulthandler.cancel_dump_traceback_later()


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(st.lists(cases(), min_size=1, max_size=4))
def test_fuzzed_files_keep_every_promise(batch: list[FuzzCase]) -> None:
    """A batch of 1-4 fuzzed files: every promise holds; each ordinary-size article is fast in every stage.

    The batch's stage times bound each article's from above; only when a batch is over the bound
    is each article timed alone.
    """
    report = run_cases(batch, _folder)
    assert report.problems == [], f"{[c.describe() for c in batch]}: {report.problems}"
    if all(v <= _bound(min(report.n_chars, ORDINARY_CHARS)) for k, v in report.seconds.items() if k in TIMED):
        return
    for case in batch:
        seconds, n = _timed(case)
        if n > ORDINARY_CHARS:  # bigger ones: the deterministic megabyte shapes below
            continue
        slow = {k: round(v * 1000, 1) for k, v in seconds.items() if v > _bound(n)}
        assert not slow, f"{case.describe()}: stages over {_bound(n) * 1000:.0f} ms: {slow} (ms)"


def _shape(unit: str, size: int = 1_000_000) -> str:
    return "Megabyte headline\n\n" + unit * (size // len(unit))


# 1 MB articles, one shape each; value: (text, why it is known to be over the bound, or None).
# Measured 2026-11-25 after the extractors' work bounds (figures.MAX_READS_PER_ARTICLE, the quotes
# rewrite): every shape but one is well under 1 s per stage; before them, `quote_said_one_line`
# and `according_to_one_line` were quadratic in quotes (> 60 s), `cue_words_one_line` 7.8 s,
# `figures_one_line` 27 s in figures.
MEGABYTE: dict[str, tuple[str, str | None]] = {
    "prose_one_line": (_shape("the people of Kyiv waited for news of the harbour "), None),
    "digits_one_line": (_shape("1234567890"), None),
    "digit_groups": (_shape("1,234,567 "), None),
    "apostrophes": (_shape("O’Neill’s "), None),
    "rtl_and_emoji": (_shape("😀 مرحبا שלום \u202e "), None),
    "control_chars": (_shape("a\x01b\x7fc\u0085"), None),  # U+0085 is a line break: 166,000 one-word paragraphs
    "control_chars_no_breaks": (_shape("a\x01b\x7f\x1bc\u200b "), None),
    "open_quotes": (_shape("“ "), None),
    "mixed_quote_marks": (_shape("“‘«„\"' "), None),
    "cue_words_one_line": (_shape("says "), None),
    "cue_sentences": (_shape("said said said.\n\n"), None),
    "quote_said_one_line": (_shape("“Yes,” he said. "), None),
    "according_to_one_line": (_shape("according to "), None),
    "figures_one_line": (_shape("12% of $3bn and 1–2 in March 2024 "), None),
    "dense_news_prose": (_shape("“We will not give up,” Volodymyr Zelenskyy told Reuters on Monday, adding that 1,200 troops had arrived.\n\n"), None),
    "mojibake_one_line": (_shape("«" * 5000 + " the union’s â€™ "), None),
}


@pytest.mark.parametrize("shape", list(MEGABYTE))
def test_megabyte_article_stage_times(shape: str, tmp_path: Path) -> None:
    text, known = MEGABYTE[shape]
    if known and not SLOW:
        pytest.skip(f"known over the 1 s bound, reported to the extractor owners: {known}; NEWSETL_RELIABILITY_SLOW=1 runs it")
    case = FuzzCase(text.encode("utf-8", "surrogatepass"), ".txt", text, "utf-8")
    report = run_case(case, str(tmp_path))
    assert report.problems == []
    assert report.n_chars > 500_000, "the article was not kept (control characters aside)"
    seconds, _ = _timed(case, report)
    slow = {k: round(v, 2) for k, v in seconds.items() if v > MEGABYTE_BOUND * SLACK}
    assert not slow, f"{shape}: stages over {MEGABYTE_BOUND * SLACK:.1f} s: {slow}"
