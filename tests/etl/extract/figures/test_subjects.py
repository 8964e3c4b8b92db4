"""What a figure counts: the noun after a count, what money is for, what an ordinal ranks."""

from __future__ import annotations

import pytest

from etl.extract.figures import extract_figures
from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import quantity
from etl.extract.figures.subjects import counted, money_subject, ordinal_figure
from etl.extract.sections import split_sections

COUNTS = [
    ("seed-participle", "A Defense Ministry spokesman said 498 Russian troops have been killed so far.", "498", ("troops", "Russian troops killed")),
    ("plural-noun", "It plans to cut 3,000 jobs by next year.", "3,000", ("jobs", "jobs")),
    ("irregular-plural", "Some 120 people were hurt.", "120", ("people", "people hurt")),
    ("no-noun", "The score stood at 120 after lunch.", "120", (None, None)),
    # issue 15, dev-corpus sentences: modifiers (joined by `and`, names, acronyms) before the plural noun
    ("reuters-modifiers-and", "The contracts cover 2,600 production workers at Trail and Kimberley and 600 office and technical staff at "
     "the two operations.", " 600", ("staff", "office and technical staff")),
    ("bbc-acronym-modifier", "It follows a two-hour telethon carried by all four major US television networks 10 days after",
     "four", ("networks", "major US television networks")),
    ("reuters-opener-read-over", "He said Hollinger was currently talking to about 10 such newspapers in the U.S.", "10",
     ("newspapers", "newspapers")),
    ("reuters-previous-read-over", "Three previous rounds of talks between rubber producers and consumers", "Three", ("rounds", "rounds")),
    ("reuters-adverb-before-plural", "General Motors Corp said it ordered temporary layoffs of 5,500 hourly workers to cut production",
     "5,500", ("workers", "hourly workers")),
    ("reuters-three-modifiers", "The company also said it is introducing three new mid-range VAX systems.", "three",
     ("systems", "new mid-range VAX systems")),
    ("reuters-said-of-not-befell", "Market analysts today said the other two firms are believed to be foreign oil companies", "two",
     ("firms", "firms")),
    ("reuters-befell-to", "About 8,000 black miners returned to work after a week-long industrial action", "8,000",
     ("miners", "black miners returned")),
    ("reuters-time-word-ends", "Truck sales for the March 1-20 period rose nine pct to 34,585 from 31,730 last year.", "31,730", (None, None)),
]


@pytest.mark.parametrize(("text", "at", "want"), [c[1:] for c in COUNTS], ids=[c[0] for c in COUNTS])
def test_counted(lex: FigureLexicon, text: str, at: str, want: tuple[str | None, str | None]) -> None:
    q = quantity(text, text.index(at) + at.startswith(" "), 0, len(text), lex)  # " 600": not the end of `2,600`
    assert q is not None
    assert counted(text, q.end, len(text), q.value, [], q.start, lex) == want


def test_money_subject(lex: FigureLexicon) -> None:
    text = "The city approved $5m for new housing projects."
    assert money_subject(text, text.index("$5m") + 3, len(text), lex) == "new housing projects"


ORDINALS = [
    ("seed-second-largest", "Kharkiv is Ukraine's second-largest city.", "second", ("second-largest", 2.0, "largest city")),
    ("third-world-is-a-name", "Debt weighs on third-world economies.", "third", None),
    ("ranked-noun", "It is the 21st century.", "21", ("21st", 21.0, "century")),
]


@pytest.mark.parametrize(("text", "at", "want"), [c[1:] for c in ORDINALS], ids=[c[0] for c in ORDINALS])
def test_ordinal_figure(lex: FigureLexicon, text: str, at: str, want: tuple | None) -> None:
    q = quantity(text, text.index(at), 0, len(text), lex)
    assert q is not None
    f = ordinal_figure(text, q, len(text), lex)
    assert (None if f is None else (f.text, f.value, f.subject)) == want


# Sentences of the dev corpus (`../shared/corpus/dev/reuters.jsonl`, `bbc.jsonl`), one class of issue 15 each:
# (id, sentence, figure text, the subject `extract_figures` must give it).
MEASURED = [
    ("place-after-thing", "Exports to the convertible currency area rose 11.6 pct from 1985, while imports rose 17.8 pct.",
     "11.6 pct", "Exports"),
    ("lender-after-thing", "As of November 30, CCC's borrowings from the U.S. Treasury amounted to 13.2 billion dlrs, leaving a "
     "statutory borrowing authority", "13.2 billion dlrs", "CCC's borrowings"),
    ("verb-object", "The damages claimed in 2004 eclipsed previous years, including 2001 when the 11 September attacks pushed "
     "claims up to $37bn.", "$37bn", "claims"),
    ("active-participle", "The spokesman said the two units represented 37 votes out of approximately 2800.", "two", "units"),
    ("year-read-over", "Total sales in 1986 were 46 billion crowns, or 6.8 billion dlrs.", "46 billion crowns", "sales"),
    ("coordinated-of", "Trading bank holdings of liquid assets and government securities rose to 8.68 billion dlrs from 8.51 "
     "billion in January.", "8.68 billion dlrs", "bank holdings of liquid assets and government securities"),
    ("money-of-compound", "The Reserve Bank said it would offer 400 mln dlrs of 13-week treasury notes and 100 mln of 26-week "
     "notes for tender next week.", "400 mln dlrs", "13-week treasury notes"),
    ("noun-phrase-after", "Keihanshin Real Estate Co Ltd is issuing a 25 mln dlr equity warrant eurobond due April 27, 1992.",
     "25 mln dlr", "equity warrant eurobond"),
    ("object-moved-to", "the current three years and increasing the EEP funding ceiling to 2.5 billion dlrs from 1.5 billion at "
     "present.", "2.5 billion dlrs", "EEP funding ceiling"),
    ("participle-after-noun", "Of the $18.4bn in reconstruction funds approved by Congress, less than $2bn has been spent.",
     "$18.4bn", "reconstruction funds"),
    ("percent-of", "It said the operations being sold accounted for about five pct of revenues for the year ended February 28 "
     "and lost money.", "five pct", "revenues"),
    ("listed-noun-after", "The White House welcomed last month's 0.7 pct increase in the Index of Leading Economic Indicators.",
     "0.7 pct", "increase"),
    ("owned-is-no-subject", "Imperial oil <IMO.A>, a 70 pct owned subsidiary of Exxon Corp, said that effective March five it also "
     "raised its", "70 pct", None),
    ("name-modifies-noun", "Finance for Danish Industry is issuing a 300 mln Danish crown eurobond due April 23, 1992",
     "300 mln", "Danish crown eurobond"),
    ("percent-noun-after", "Fees comprise 1-1/4 pct selling concession and 5/8 pct management and underwriting combined.",
     "1-1/4 pct", "selling concession"),
    ("percent-of-owner", "giving the Class B stock about 93 pct of Resorts' voting power.", "93 pct", "Resorts' voting power"),
    ("year-before-noun", "Earlier, Scott reported a 1986 loss of 1.9 mln dlrs compared to a loss of almost 2.2 mln dlrs in 1985.",
     "1986", None),
    ("chain-not-time-word", "Truck sales for the March 1-20 period rose nine pct to 34,585 from 31,730 last year.", "31,730",
     "Truck sales"),
    ("date-between-verb-and-figure", "Hillsdown said capital expenditure rose in 1986 to 60 mln stg from 31.5 mln and would continue",
     "60 mln stg", "capital expenditure"),
    ("adverb-between-verb-and-figure", "The company said earnings from chemical products also fell sharply, to 40 mln dlrs from 72 mln dlrs",
     "40 mln dlrs", "earnings"),
    ("share-of-a-count", "Rosie Barnes, a Social Democratic member of the Alliance, won with 18,287 votes, or 53 pct, and a majority",
     "53 pct", "votes"),
    ("count-compared-past-its-noun", "General Motors Corp said its May North American car production fell 26.3 pct to 328,221 units from "
     "445,440 a year ago", "445,440", "units"),
    ("per-share-continues", "Net income totalled 10.2 mln dlrs or 1.10 dlrs a share in 1986, up from 7.7 mln dlrs or one dlr a share in 1985.",
     "7.7 mln dlrs", "Net income"),
    ("loss-of-is-its-own", "Ericsson returned a net profit of 19bn kronor, compared with a loss of 10.8bn kronor in 2003.", "10.8bn kronor",
     "loss"),
    ("modal-base-verb", "USDA estimates farm subsidies will reach 25.3 billion dlrs in 1987.", "25.3 billion dlrs", "farm subsidies"),
    ("period-between-verb-and-figure", "Loan losses fell in the quarter to 22 mln dlrs, versus 40 mln dlrs a year ago", "22 mln dlrs",
     "Loan losses"),
    ("year-is-no-count", "1985 revs restated to exclude revenues from discontinued coal mining operations.", "1985", None),
    ("noun-right-before", "NOTE: Net excludes discontinued operations loss 1,667,000 dlrs vs profit 42,000 dlrs in quarter",
     "1,667,000 dlrs", "loss"),
    ("noun-right-before-per-share", "NOTE: latest 12 mths net includes gain 46 cts per share for sale of Virginia service territory",
     "46 cts", "gain"),
    ("to-yield", "The seven-year notes were priced at 99.473 with an eight pct coupon to yield 8.10 pct, or 71 points over Treasuries.",
     "8.10 pct", "yield"),
    ("verb-noun-before-is-none", "The selling concession is 1-1/2 pct while management and underwriting each pay 1/2 pct.", "1/2 pct", None),
    ("closed-at", "San Miguel shares closed at 190 pesos, also a historic high, brokers said.", "190 pesos", "San Miguel shares"),
    ("went-to", "Net profit went to 3.2 mln dlrs from 750,000 dlrs in 1985.", "750,000 dlrs", "Net profit"),
    ("chain-past-revised", "API said refinery runs in the week fell to 12.17 mln barrels per day from a revised 12.42 mln and refinery use",
     "12.42 mln", "refinery runs"),
    ("to-base-verb", "In a statement, Janos said core earnings are expected to average 1.5 mln dlrs per quarter, or six mln dlrs for the year",
     "1.5 mln dlrs", "core earnings"),
    ("second-conversion", "Commission officials are to look at Rome's provision of a 400m euro ($495m; £275m) loan to the carrier.", "£275m", "loan"),
    ("chain-past-period", "NOTE: 1986 net includes tax credits of 63,000 dlrs in quarter and 1,365,000 dlrs in year.", "1,365,000 dlrs",
     "tax credits"),
    ("noun-after-and-not-chain", "1985 net includes pretax charge 1,200,000 dlrs in quarter and gain 1,400,000 dlrs in year from restructuring",
     "1,400,000 dlrs", "gain"),
    ("price-of-shares", "Analysts noted Warner owns warrants to purchase 3.25 mln Viacom shares at 35 dlrs and another 1.25 mln shares",
     "35 dlrs", "Viacom shares"),
    ("estimated-at", "The Congressional budget Office last week estimated the 1988 budget deficit at 179.3 billion dlrs.",
     "179.3 billion dlrs", "budget deficit"),
    ("per-share-then-noun", "Chemlawn has rejected Waste Management's 27 dlrs a share bid.", "27 dlrs", "bid"),
    ("object-of-cut", "Preussag cut its 1985 dividend to eight marks from nine marks on 1984 results", "eight marks", "dividend"),
    ("change-noun-in-object", "He added that the government's cut in its top income tax rate to 53 pct from 56 pct in 1988 would make",
     "53 pct", "top income tax rate"),
    ("stake-in-company-to", "At the same time, the Edelman group said it cut its stake in Morse to 8.4 pct from 9.7 pct.", "8.4 pct", "stake"),
    ("share-in-place-to", "Jacobs Suchard increased its market share in West Germany to 44.9 pct from 39.9 pct in 1985", "39.9 pct",
     "market share"),
    ("possessive-after-verb", "Citibank Ltd said it would lower its Australian prime rate to 16 pct from 16.5, effective tomorrow.", "16 pct",
     "Australian prime rate"),
    ("chain-past-period-ended", "However, the company reported net income declined to 17 mln dlrs, or 77 cts a share, in the quarter ended "
     "February 28 from 19 mln dlrs, or 84 cts a year earlier.", "19 mln dlrs", "net income"),
    ("year-then-comma-then-thing", "For all of 1986, productivity increased 0.7 pct from 1985, reflecting rises of 4.3 pct in the first quarter",
     "0.7 pct", "productivity"),
    ("comma-before-of-is-no-subject", "Earlier, the company reported 1986 earnings, ended January 31, of 89.0 mln dlrs, or 1.49 dlrs per share",
     "89.0 mln dlrs", None),
    ("money-aggregate-hyphen", "A bank official said M-3 rose 9.72 pct to a provisional 149.80 billion pesos at the end of December",
     "9.72 pct", "M-3"),
    ("money-aggregate-glued", "Local M1 dropped 6.0 pct to 54.47 billion dlrs after January's rise of 12.3 pct", "54.47 billion dlrs", "M1"),
    ("period-measure-read-over", "Sales in the nine months ended March 31 rose 12 pct to 126 mln dlrs from 112 mln dlrs, the homebuilder said.",
     "12 pct", "Sales"),
    ("adjective-before-moved-object", "Ivey Properties Inc said it raised its quarterly dividend to 18 cts a share from 14 cts", "18 cts",
     "dividend"),
    ("share-in-is-a-place", "The ministry approved a plan to expand the securities industry's share in the syndicate to 26.2 pct from 26 pct",
     "26.2 pct", None),
    ("row-run-into-line", "03/09/87 Start Stcks 0.78 0.53 0.83 0.83 Production 13.99 15.44 17.06 17.14 Imports 0.02 NIL", "15.44",
     "Production"),
    ("row-run-into-line-first", "03/09/87 Start Stcks 0.78 0.53 0.83 0.83 Production 13.99 15.44 17.06 17.14 Imports 0.02 NIL", "13.99",
     "Production"),
]


@pytest.mark.parametrize(("text", "at", "want"), [c[1:] for c in MEASURED], ids=[c[0] for c in MEASURED])
def test_measured_subject(text: str, at: str, want: str | None) -> None:
    got = [f for f in extract_figures(text, split_sections(text)) if f.text == at]
    assert len(got) == 1
    assert got[0].subject == want
