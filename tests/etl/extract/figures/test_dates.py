"""Date phrases at a trigger: span, kind and ISO 8601 form, with and without a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from etl.extract.figures.dates import date_at
from etl.extract.figures.lexicon import FigureLexicon

PUBLISHED = date(1987, 3, 4)  # a Wednesday
# (id, text, trigger, (span text, kind, normalized with PUBLISHED, normalized without))
CASES = [
    ("reuters-01938-weekday-and-part", "Iran launched the new offensive, codenamed Karbala-7, on Tuesday night among the snow-capped peaks.", "Tuesday",
     ("Tuesday night", "date", "1987-03-03", "XXXX-WXX-2")),
    ("bbc-business-414-next-week", "The settlement will be put to the courts for approval next week.", "next", ("next week", "date", None, None)),
    ("year-after-in", "Enron went bankrupt in 2001 after it emerged it had hidden debt.", "2001", ("2001", "year", "2001", "2001")),
    ("reuters-01347-dateline-month-day", "SAN FRANCISCO, March 3 - Exports of American wine rose 14.9 per cent last year.", "March", ("March 3", "date", "XXXX-03-03", "XXXX-03-03")),
    ("reuters-06899-lower-case-month", "The congress last january 22 voted 38-29 to approve a non-binding resolution.", "january",
     ("january 22", "date", "XXXX-01-22", "XXXX-01-22")),
    ("iso-date", "The bonds mature on 2020-07-01 and pay twice a year.", "2020", ("2020-07-01", "date", "2020-07-01", "2020-07-01")),
    ("hours-to-a-time", "The meeting runs from 10 to 11:30 tomorrow.", "10", ("from 10 to 11:30 tomorrow", "date", None, None)),
    ("fiscal-season", "Results for fiscal 2012-13 were strong.", "2012", ("fiscal 2012-13", "year", "2012/2013", "2012/2013")),
    ("month-after-in", "Prices rose in May and fell in June.", "May", ("May", "date", "XXXX-05", "XXXX-05")),
    # issue 15: the second end of a range may open with its own modifier; a bare hour that runs to a clock time
    ("reuters-17280-modifier-on-second-end", "About its decision to freeze rice export prices from January to early April, Commerce Minister",
     "January", ("from January to early April", "date", "XXXX-01", "XXXX-01")),
    ("between-modifier-and-modifier", "The range is between the end of 2007 and the end of 2008.", "2007",
     ("between the end of 2007 and the end of 2008", "year", "2007/2008", "2007/2008")),
    ("bbc-mid-decade-glued", "He joined Columbia Records as a producer in the mid-1960s, and also worked", "1960",
     ("mid-1960s", "year", "1960", "1960")),
    ("chicago-short-decade", "victims tortured or abused in '70s and '80s by the notorious police unit", "70", ("'70s", "year", "1970", "1970")),
    ("weekday-from-hour-to-time", "Help me book a meeting Tuesday from 7 to 7:30", "Tuesday",
     ("Tuesday from 7 to 7:30", "date", "1987-03-03", "XXXX-WXX-2")),
]


@pytest.mark.parametrize(("text", "trigger", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_date_at(lex: FigureLexicon, text: str, trigger: str, want: tuple) -> None:
    pos = text.index(trigger)
    with_date, without = (date_at(text, pos, 0, len(text), published, lex.calendar) for published in (PUBLISHED, None))
    assert with_date is not None and without is not None
    assert (text[with_date.start : with_date.end], with_date.kind, with_date.normalized, without.normalized) == want


@pytest.mark.parametrize(("text", "trigger"), [("He may go.", "may"), ("Enron paid 2001 creditors.", "2001"), ("It costs 5 dollars.", "5")])
def test_no_date(lex: FigureLexicon, text: str, trigger: str) -> None:
    assert date_at(text, text.index(trigger), 0, len(text), None, lex.calendar) is None


# (id, text, trigger): no date starts there
NOT_DATES = [
    ("reuters-mid-20s-is-a-price", "prices would remain at about 15-18 dlrs a barrel for several years and then rise to the mid 20s", "20s"),
    ("reuters-late-40s-is-an-age", "Fleet's Terrence Murray is in his late 40's.", "40"),
]


@pytest.mark.parametrize(("text", "trigger"), [c[1:] for c in NOT_DATES], ids=[c[0] for c in NOT_DATES])
def test_not_a_date(lex: FigureLexicon, text: str, trigger: str) -> None:
    assert date_at(text, text.index(trigger), 0, len(text), PUBLISHED, lex.calendar) is None
