"""No negative money the text does not state as negative, over every article of the dev corpus.

An analyst sums `value` for `kind = 'money'`: a bracketed conversion (`$280bn (£155bn)`) or an aside
read as a loss corrupts the sum. A money figure may be negative only where its own span says so: a
minus sign or `minus`/`negative` in it, or brackets around it on a line of a table of accounts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.extract import extract_figures
from etl.extract.figures.quantities import MINUS_SIGNS, accounts_bracket
from etl.extract.sections import split_sections
from etl.text.normalize import normalize

DEV = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus" / "dev"
STATED = ("minus", "negative", "Minus", "Negative")


def _stated_negative(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    if any(c in MINUS_SIGNS for c in span) or any(w in span for w in STATED):
        return True
    return span.startswith("(") and span.endswith(")") and accounts_bracket(text, start, end)


def test_no_unstated_negative_money() -> None:
    files = sorted(DEV.glob("*.jsonl"))
    if not files:
        pytest.skip("../shared/corpus/dev is not available on this machine")
    articles = money = 0
    wrong: list[str] = []
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                a = json.loads(line)
                text = normalize(a["text"])
                articles += 1
                for f in extract_figures(text, split_sections(text)):
                    if f.kind != "money" or f.value is None:
                        continue
                    money += 1
                    if f.value < 0 and not _stated_negative(text, f.char_start, f.char_end):
                        wrong.append(f"{a['file']} {f.text!r} {f.value}: {text[max(0, f.char_start - 60):f.char_end + 20]!r}")
    assert articles > 18_000 and money > 10_000, (articles, money)
    assert not wrong, f"{len(wrong)} money figures negative without the text saying so:\n" + "\n".join(wrong[:20])
