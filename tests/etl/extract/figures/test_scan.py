"""Table-driven tests of the figures extractor: one case per id from `tests/cases/figures.jsonl`.

Inline cases are sentences written for newsetl (`exact`: the figures found must be exactly these);
corpus cases name an article of `../shared/corpus/dev/` (never copied into the repo) and the
figures that must be among those found in it, with exact span, kind, value, unit and subject.
"""

from __future__ import annotations

import json
import math
import random
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from etl.extract import extract_figures
from etl.extract.figures.lexicon import figure_lexicon
from etl.extract.figures.scan import _caps_lines_lowered
from etl.extract.sections import split_sections
from etl.records import Figure, Section

ROOT = Path(__file__).resolve().parents[4]
CASES = ROOT / "tests" / "cases" / "figures.jsonl"
SHARED = ROOT / ".." / "shared"
KEYS = ("char_start", "char_end", "kind", "text", "value", "value_high", "unit", "subject", "normalized")


def _load_cases() -> list[dict[str, Any]]:
    with CASES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@cache
def _corpus(name: str) -> dict[str, str]:
    path = SHARED / "corpus" / "dev" / name
    with path.open(encoding="utf-8") as fh:
        return {a["file"]: a["text"] for a in map(json.loads, fh)}


def _as_dict(f: Figure, keys: tuple[str, ...] = KEYS) -> dict[str, Any]:
    return {k: getattr(f, k) for k in keys}


def _figures(text: str) -> list[Figure]:
    return extract_figures(text, split_sections(text))


CASE_LIST = _load_cases()


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_case(case: dict[str, Any]) -> None:
    if "corpus" in case:
        if not (SHARED / "corpus" / "dev" / case["corpus"]).exists():
            pytest.skip("../shared/corpus/dev is not available on this machine")
        text = _corpus(case["corpus"])[case["file"]]
    else:
        text = case["text"]
    got = _figures(text)
    for f in got:
        assert text[f.char_start:f.char_end] == f.text
    if case.get("exact"):
        assert [_as_dict(f) for f in got] == case["expect"]
    else:
        found = [_as_dict(f) for f in got]
        for want in case["expect"]:
            assert want in found, f"missing {want}"


def test_cases_cover_every_kind() -> None:
    kinds = {e["kind"] for c in CASE_LIST for e in c["expect"]}
    assert kinds >= {"count", "money", "percent", "range", "tally", "ordinal", "date", "year", "measure"}
    assert len(CASE_LIST) >= 150


def test_weekday_resolves_against_publication_date() -> None:
    from datetime import date

    text = "Officials will meet on Wednesday."
    (fig,) = extract_figures(text, split_sections(text), published_at=date(2022, 3, 3))
    assert fig.normalized == "2022-03-02"


def test_credits_and_boilerplate_are_not_scanned() -> None:
    text = "Headline\n\nThe fund rose 5%.\n\nAdvertisement"
    sections = [Section("credit", "The fund rose 5%.", 10, 27)]
    assert extract_figures(text, sections) == []


def _rng_text(alphabet: str, n: int, seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(alphabet) for _ in range(n))


STRESS: dict[str, str] = {
    "1mb-digits-punctuation": _rng_text("0123456789.,-/:%$()'", 1_000_000, 1),
    "1mb-digits-punctuation-spaces": _rng_text("0123456789.,-/:%$ ", 1_000_000, 2),
    "thousands-of-digits": "9" * 5000,
    "digits-line": "1" * 1_000_000,
    "slash-years": "20/2030 and",
    "quote-digit": "1 '2",
    "dollar-paren": "$99(",
    "paren-dollar": "($99",
    "nested-ranges": "1-2-3-4-5-6-7-8-9-10 to 11 to 12 - 13 – 14",
    "many-months": "May May may March march Jan. Feb. " * 200,
    "number-words": "one two three four five hundred thousand million and a half " * 100,
    "unicode": "½¼¾⅓ €£¥₹ 10 000 40\u202f000 – 5 km² 3°C",
}


@pytest.mark.parametrize("name", list(STRESS), ids=list(STRESS))
def test_does_not_crash_or_hang(name: str) -> None:
    text = STRESS[name]
    t0 = time.perf_counter()
    figs = extract_figures(text, [Section("paragraph", text, 0, len(text))])
    assert time.perf_counter() - t0 < 5.0  # a guard against a runaway pattern; bench/bench_figures.py measures speed
    for f in figs:
        assert text[f.char_start:f.char_end] == f.text
        assert 0 <= f.char_start < f.char_end <= len(text)


def _repeat(unit: str, n: int = 1_000_000) -> str:
    return (unit * (n // len(unit) + 1))[:n]


_PROSE = "The council said on Monday that 12 people were hurt. " * 40
# A megabyte of one pattern, bare and inside prose (the prose check samples only a block's ends).
BIG: dict[str, str] = {
    "number-words": _repeat("one two three four five six seven eight nine ten "),
    "number-words-and": _repeat("one hundred and twenty-three thousand four hundred and fifty-six million "),
    "hyphenated-number-words": _repeat("twenty-one-twenty-two-"),
    "months": _repeat("January February March April May June July August September October November December "),
    "weekdays": _repeat("Monday Tuesday Wednesday Thursday Friday Saturday Sunday "),
    "month-days": _repeat("May 5 June 6 July 7, 2020 "),
    "dollar-signs": _PROSE + _repeat("paid $5 $ $$ US$ 7 $ and ") + _PROSE,
    "percent-signs": _PROSE + _repeat("rose 5% % %% 5 % pc and ") + _PROSE,
    "digit-chain": _PROSE + _repeat("1-2-3-4-5-6-7-8-9-") + _PROSE,
    "long-comma-number": _PROSE + _repeat("1,000,000,000,") + _PROSE,
    "ranges": _repeat("between 1 and 2 and 3 and 4 and 1 to 2 to 3 "),
    "years": _PROSE + _repeat("1999 2000 2001-02 1990s ") + _PROSE,
    "mixed": _repeat("On Monday, 5 people paid $3 million (12%) for 3-4 km on May 5, 2020, the second time. "),
}


@pytest.mark.parametrize("name", list(BIG), ids=list(BIG))
def test_megabyte_stays_under_a_second(name: str) -> None:
    """Work is bounded per block and per article: a 1 MB article of anything takes well under 1 s."""
    text = BIG[name]
    extract_figures("warm up: 3 km on May 5", [Section("paragraph", "warm up: 3 km on May 5", 0, 22)])
    t0 = time.process_time()
    figs = extract_figures(text, [Section("paragraph", text, 0, len(text))])
    assert time.process_time() - t0 < 1.0
    for f in figs:
        assert text[f.char_start:f.char_end] == f.text


@pytest.mark.parametrize("text", ["9^99999999 tonnes", "1e999 km", "2x10^999", "0^-1 and 0.0^-3", "5 x10^-99999"])
def test_huge_powers_do_not_crash(text: str) -> None:
    figs = extract_figures(text, [Section("paragraph", text, 0, len(text))])
    assert all(text[f.char_start:f.char_end] == f.text for f in figs)


def test_number_words_read_in_linear_time() -> None:
    """`… hundred and twenty … and fifty …` used to re-read the rest of the block at every `and`."""
    text = _repeat("one hundred and twenty-three thousand four hundred and fifty-six million ", 5_000)
    t0 = time.process_time()
    extract_figures(text, [Section("paragraph", text, 0, len(text))])
    assert time.process_time() - t0 < 0.5


def test_section_end_past_text_does_not_crash() -> None:
    text = "It rose 5"
    assert [f.text for f in extract_figures(text, [Section("paragraph", text, 0, len(text) + 5)])] == ["5"]


@pytest.mark.parametrize("tail", ["–9", " troops", "%", "-5 vote"])
def test_numbers_too_big_for_a_float_do_not_crash(tail: str) -> None:
    text = "Headline\n\n" + "1" * 310 + tail
    got = extract_figures(text, split_sections(text))
    assert all(math.isfinite(f.value) for f in got if f.value is not None)
    assert all(text[f.char_start : f.char_end] == f.text for f in got)


# Issue 15 classes on real dev-corpus articles: (corpus, file, span text, (kind, value, value_high, unit, normalized)).
# Subject is left out: it is another module's concern (`subjects.py`).
ISSUE15 = [
    ("bbc.jsonl", "bbc-politics-400.txt", "21st century", ("date", None, None, None, "20")),
    ("readability.jsonl", "readability-scrape-wapo-1.txt", "19th-century", ("date", None, None, None, "18")),
    ("bbc.jsonl", "bbc-business-487.txt", "minus 20C", ("measure", -20.0, None, "degC", None)),
    ("bbc.jsonl", "bbc-business-086.txt", "one-and-a-half years", ("measure", 1.5, None, "year", None)),
    ("bbc.jsonl", "bbc-business-058.txt", "between £190m and £265m", ("range", 190e6, 265e6, "GBP", None)),
    ("reuters.jsonl", "reuters-19877.txt", "1,4 mln", ("count", 1.4e6, None, "families", None)),
    ("bbc.jsonl", "bbc-entertainment-141.txt", "5' 10\"", ("measure", 5 + 10 / 12, None, "ft", None)),
    ("reuters.jsonl", "reuters-02697.txt", "-0.90 to -1.10 pct", ("range", -1.1, -0.9, "%", None)),
    ("bbc.jsonl", "bbc-politics-099.txt", "third", ("ordinal", 3.0, None, None, None)),
]


@pytest.mark.parametrize(("corpus", "file", "span", "want"), ISSUE15, ids=[c[1] + ":" + c[2] for c in ISSUE15])
def test_issue15_corpus_class(corpus: str, file: str, span: str, want: tuple) -> None:
    if not (SHARED / "corpus" / "dev" / corpus).exists():
        pytest.skip("../shared/corpus/dev is not available on this machine")
    text = _corpus(corpus)[file]
    found = {f.text: (f.kind, f.value, f.value_high, f.unit, f.normalized) for f in _figures(text)}
    assert found.get(span) == want


@pytest.mark.parametrize(
    ("file", "view_head"),
    [
        # a capitalised headline is read lowered; single letters (`U.K.`) keep their case
        ("reuters-13552.txt", "U.K. money market given 224 mln stg assistance\n\nLONDON, April 7 - The "),
        # the mixed-case body (`100 mln Ecu`, `London`) stays as written
        ("reuters-00301.txt", "merrill lynch issues 100 mln ecu eurobond\n\nLONDON, March 2 - Merrill Lynch and Co is issuing a 100 mln Ecu"),
    ],
)
def test_capitalised_lines_are_read_lowered(file: str, view_head: str) -> None:
    if not (SHARED / "corpus" / "dev" / "reuters.jsonl").exists():
        pytest.skip("../shared/corpus/dev is not available on this machine")
    text = _corpus("reuters.jsonl")[file]
    view = _caps_lines_lowered(text, 0, len(text), figure_lexicon())
    assert view is not None and len(view) == len(text)
    assert view.startswith(view_head)
    head_end = text.index("\n")
    assert view[head_end:] == text[head_end:]


def test_capitalised_line_keeps_currency_codes() -> None:
    text = "NOVO SEES 1987 PROFIT OF 200 MLN DKK\n\nNet profit rose."
    view = _caps_lines_lowered(text, 0, len(text), figure_lexicon())
    assert view == "novo sees 1987 profit of 200 mln DKK\n\nNet profit rose."
