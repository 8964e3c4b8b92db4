"""What a figure counts: the noun after a count, what money is for, what an ordinal ranks."""

from __future__ import annotations

import pytest

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import quantity
from etl.extract.figures.subjects import counted, money_subject, ordinal_figure

COUNTS = [
    ("seed-participle", "A Defense Ministry spokesman said 498 Russian troops have been killed so far.", "498", ("troops", "Russian troops killed")),
    ("plural-noun", "It plans to cut 3,000 jobs by next year.", "3,000", ("jobs", "jobs")),
    ("irregular-plural", "Some 120 people were hurt.", "120", ("people", "people hurt")),
    ("no-noun", "The score stood at 120 after lunch.", "120", (None, None)),
]


@pytest.mark.parametrize(("text", "at", "want"), [c[1:] for c in COUNTS], ids=[c[0] for c in COUNTS])
def test_counted(lex: FigureLexicon, text: str, at: str, want: tuple[str | None, str | None]) -> None:
    q = quantity(text, text.index(at), 0, len(text), lex)
    assert q is not None
    assert counted(text, q.end, len(text), q.value, [], q.start, lex) == want


def test_money_subject(lex: FigureLexicon) -> None:
    text = "The city approved $5m for new housing projects."
    assert money_subject(text, text.index("$5m") + 3, len(text), lex) == "new housing"


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
