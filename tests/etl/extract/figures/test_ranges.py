"""Ranges and tallies: two numbers that make one figure, and the phone numbers and chains that do not."""

from __future__ import annotations

import pytest

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import quantity
from etl.extract.figures.ranges import range_figure

# (id, text, trigger, (kind, span text, value, value_high, unit, subject) or None)
CASES = [
    ("reuters-04151-tally", "A spokeswoman said the workers voted 543-21 in favor of a new contract.", "543", ("tally", "543-21", 543.0, 21.0, None, "vote")),
    ("reuters-00195-tally-with-voter", "The NRC voted 4-1 to offer the rule.", "4", ("tally", "4-1", 4.0, 1.0, None, "NRC vote")),
    ("reuters-00209-words-and-digits", "Growth of between two and 2.8 per cent was forecast.", "two", ("range", "between two and 2.8 per cent", 2.0, 2.8, "%", None)),
    ("money-range", "Shares traded at 20 to 30 cents.", "20", ("range", "20 to 30 cents", 0.2, 0.3, "USD", None)),
    ("scale-on-both-ends", "Africa expects payments of between 16 and 24 billion dlrs.", "16", ("range", "between 16 and 24 billion dlrs", 16e9, 24e9, "USD", None)),
    ("two-comparisons", "The rate stayed above 1000 and below 1500 points.", "1000", ("range", "above 1000 and below 1500", 1000.0, 1500.0, None, None)),
    ("phone-number", "Call 1-800-222-2222 now.", "1", None),
]


@pytest.mark.parametrize(("text", "trigger", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_range_figure(lex: FigureLexicon, text: str, trigger: str, want: tuple | None) -> None:
    q = quantity(text, text.index(trigger), 0, len(text), lex)
    assert q is not None
    f = range_figure(text, q, 0, len(text), lex)
    assert (None if f is None else (f.kind, f.text, f.value, f.value_high, f.unit, f.subject)) == want
