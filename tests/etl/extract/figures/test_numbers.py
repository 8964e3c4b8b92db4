"""Numbers at a position: numerals (`1,600`, `12.32e+14`, `2½`, `$1.13bn`) and number words (`twenty-five thousand`)."""

from __future__ import annotations

import pytest

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.numbers import read_numeral, read_words

# (id, text, where the number starts, (end, value, ordinal, fraction, scaled))
WORDS = [
    ("reuters-00209-two", "to between two and 2.8 per cent", "two", (14, 2.0, False, False, False)),
    ("compound-with-scale", "some twenty-five thousand troops", "twenty", (25, 25_000.0, False, False, True)),
    ("half-a-million", "half a million people", "half", (14, 500_000.0, False, True, True)),
    ("hundred-and", "one hundred and twenty-one", "one", (26, 121.0, False, False, True)),
    ("fraction", "two thirds of voters", "two", (10, 2 / 3, False, True, False)),
    ("ordinal", "the second time", "second", (10, 2.0, True, False, False)),
    ("comma-between-groups", "three million, two hundred", "three", (26, 3_000_200.0, False, False, True)),
    ("no-number", "the talks went on", "talks", None),
    # issue 15: a compound denominator after a numerator (the Recognizers-Text reading); `seconds` is a time
    ("compound-denominator", "The answer is minus one hundred thirty fifths", "one", (45, 100 / 35, False, True, True)),
    ("tens-numerator", "twenty twenty fifths", "twenty", (20, 20 / 25, False, True, False)),
    ("bbc-sport-178-seconds-not-halves", "when you go a bit crazy for one or two seconds", "two", (38, 2.0, False, False, False)),
    ("bbc-sport-465-a-second-time", "she was forced off the circuit for a second time", "a second", None),
]


@pytest.mark.parametrize(("text", "at", "want"), [c[1:] for c in WORDS], ids=[c[0] for c in WORDS])
def test_read_words(lex: FigureLexicon, text: str, at: str, want: tuple | None) -> None:
    n = read_words(text, text.index(at), lex.numbers)
    assert (None if n is None else (n.end, n.value, n.ordinal, n.fraction, n.scaled)) == want


# (id, text, where, (end, value, digits, fraction, scaled, decimal))
NUMERALS = [
    ("seed-thousands-comma", "1,600 had been wounded", "1", (5, 1600.0, None, False, False, False)),
    ("plain-digits", "498 Russian troops", "4", (3, 498.0, "498", False, False, False)),
    ("power", "12.32e+14", "1", (9, 1.232e15, None, False, False, True)),
    ("vulgar-fraction", "2½ years", "2", (2, 2.5, None, True, False, False)),
    ("bbc-business-001-suffix", "$1.13bn (£600m)", "1", (7, 1.13e9, None, False, True, True)),
    ("thin-space-thousands", "40\u202f000 troops", "4", (6, 40_000.0, None, False, False, False)),
    ("slash-fraction", "1/4 of", "1", (3, 0.25, None, True, False, False)),
    ("sentence-end-dot", "rose to 192.", "1", (11, 192.0, "192", False, False, False)),
    # issue 15: one digit after a comma is a decimal comma, not a thousands group; a list is not
    ("reuters-19877-decimal-comma", "aimed to resettle 1,4 mln families by 1989", "1,4", (25, 1_400_000.0, None, False, True, True)),
    ("comma-list", "pages 1,2 and 3", "1,2", (7, 1.0, "1", False, False, False)),
]


@pytest.mark.parametrize(("text", "at", "want"), [c[1:] for c in NUMERALS], ids=[c[0] for c in NUMERALS])
def test_read_numeral(lex: FigureLexicon, text: str, at: str, want: tuple) -> None:
    n = read_numeral(text, text.index(at), lex.numbers)
    assert n is not None
    assert (n.end, n.value, n.digits, n.fraction, n.scaled, n.decimal) == want
