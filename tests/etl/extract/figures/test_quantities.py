"""A number with its currency, percent sign or unit: span, value, kind and unit."""

from __future__ import annotations

import pytest

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import quantity

BBC_001 = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December."
REUTERS_01347 = "Exports of American wine rose 14.9 per cent last year to a total of 7.2 million gallons."
# (id, text, trigger, (span text, value, kind, unit))
CASES = [
    ("bbc-business-001-percent", BBC_001, "76", ("76%", 76.0, "percent", "%")),
    ("bbc-business-001-dollars", BBC_001, "1.13", ("$1.13bn", 1.13e9, "money", "USD")),
    ("bbc-business-001-pounds", BBC_001, "600", ("£600m", 600e6, "money", "GBP")),
    ("reuters-01347-per-cent", REUTERS_01347, "14.9", ("14.9 per cent", 14.9, "percent", "%")),
    ("reuters-01347-measure", REUTERS_01347, "7.2", ("7.2 million gallons", 7.2e6, "measure", "gal")),
    ("reuters-05570-dlrs", "Africa paid 13 billion dlrs to service its debt.", "13", ("13 billion dlrs", 13e9, "money", "USD")),
    ("distance", "The quake was felt 120 km away.", "120", ("120 km", 120.0, "measure", "km")),
    ("ordinal-suffix", "The 21st century began.", "21", ("21st", 21.0, "ordinal", None)),
    ("temperature", "a temperature of 40 degrees celsius", "40", ("40 degrees celsius", 40.0, "measure", "degC")),
    ("pounds-without-scale-are-weight", "The parcel weighs 5 pounds.", "5", ("5 pounds", 5.0, "measure", "lb")),
    ("count", "It plans to cut 3,000 jobs.", "3,000", ("3,000", 3000.0, "count", None)),
    # issue 15: `stg` is sterling, a headline quarter in capitals is a rank, not a count
    ("reuters-00325-mln-stg", "Ltd> is issuing a 100 mln stg convertible eurobond due February 20, 2002", "100",
     ("100 mln stg", 100e6, "money", "GBP")),
    ("reuters-00304-billion-stg", "The offer capitalises IC Gas at around one billion stg", "one", ("one billion stg", 1e9, "money", "GBP")),
    ("reuters-00341-stg-alone", "the money market with 37 mln stg assistance in the morning session", "37", ("37 mln stg", 37e6, "money", "GBP")),
    ("reuters-4th-qtr-capitals", "FARMERS GROUP INC <FGRP> 4TH QTR NET", "4", ("4TH", 4.0, "ordinal", None)),
    ("reuters-nine-mths-is-a-period", "Revs 337.3 mln vs 315.2 mln\n\nNine mths\n\nShr 3.07 dlrs vs 3.08 dlrs", "Nine",
     ("Nine mths", 9.0, "measure", "month")),
    ("reuters-1st-qtr-capitals", "OHIO MATTRESS <OMT> MAY HAVE LOWER 1ST QTR NET", "1", ("1ST", 1.0, "ordinal", None)),
    # issue 15 (no dev-corpus sentence has the class): a one-word cents amount after `and`
    ("dollars-and-cents-words", "It only cost two dollars and fifty cents.", "two", ("two dollars and fifty cents", 2.5, "money", "USD")),
]


@pytest.mark.parametrize(("text", "trigger", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quantity(lex: FigureLexicon, text: str, trigger: str, want: tuple) -> None:
    q = quantity(text, text.index(trigger), 0, len(text), lex)
    assert q is not None
    assert (text[q.start : q.end], q.value, q.kind, q.unit) == want
