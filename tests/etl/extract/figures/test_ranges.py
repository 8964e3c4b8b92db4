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
    # issue 15: a currency or a hedge before the second end; a change and the level it reached is no range
    ("bbc-business-058-currency-both-ends", "which aims to save between £190m and £265m annually from 2009.", "190",
     ("range", "between £190m and £265m", 190e6, 265e6, "GBP", None)),
    ("seattletimes-1-dollar-both-ends", "Fresh halibut fillets routinely sell for $24 to $28 a pound, and often more.", "24",
     ("range", "$24 to $28", 24.0, 28.0, "USD", None)),
    ("bbc-entertainment-346-from", "Sir Cameron Mackintosh's fortune rose from £340m to £400m.", "340",
     ("range", "from £340m to £400m", 340e6, 400e6, "GBP", None)),
    ("bbc-business-277-hedge-not-a-range", "its contribution would rise from less than 5bn euros in 2014 to almost 9bn euros by 2020", "5bn", None),
    ("bbc-business-351-change-then-level", "Light crude oil futures fell $2.86 to $41.32 a barrel on the New York Mercantile Exchange (Nymex)", "2.86", None),
    ("reuters-02697-minus-on-both-ends", "payment date March 9, which was today quoted at -0.90 to -1.10 pct.", "0.90",
     ("range", "-0.90 to -1.10 pct", -1.1, -0.9, "%", None)),
    ("reuters-18940-change-then-level", "it will raise its loan loss reserve by 110 mln dlrs to about 386 mln dlrs", "110", None),
]


@pytest.mark.parametrize(("text", "trigger", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_range_figure(lex: FigureLexicon, text: str, trigger: str, want: tuple | None) -> None:
    q = quantity(text, text.index(trigger), 0, len(text), lex)
    assert q is not None
    f = range_figure(text, q, 0, len(text), lex)
    assert (None if f is None else (f.kind, f.text, f.value, f.value_high, f.unit, f.subject)) == want
