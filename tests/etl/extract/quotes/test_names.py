"""The names an article gives: the fullest form of a short name, and the gender of a given name."""

from __future__ import annotations

import pytest

from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.names import NameIndex, gender_of
from tests.etl.extract.quotes.conftest import context_of

TEXT = (
    "Headline\n\nUkrainian President Volodymyr Zelenskyy said talks would start. Zelenskyy added that Michael Greenspan agreed. "
    "Wang Qishan was there. Later Michael spoke and Wang listened."
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    ctx = context_of(TEXT)
    blocks = [(p.lo, p.hi, p.kind, [(q.open_start, q.close_end or p.hi) for q in p.quoted]) for p in ctx.paras]
    return NameIndex(TEXT, blocks, ctx.lex)


@pytest.mark.parametrize(
    ("name", "want"),
    [("Zelenskyy", "Volodymyr Zelenskyy"), ("Greenspan", "Michael Greenspan"), ("Michael", "Michael Greenspan"), ("Wang", "Wang Qishan"), ("Nobody", "Nobody")],
)
def test_fullest(index: NameIndex, name: str, want: str) -> None:
    assert index.fullest(name, len(TEXT)) == want


@pytest.mark.parametrize(("name", "want"), [("Theresa May", "f"), ("Michael Greenspan", "m"), ("Wang Qishan", None), ("Ashley Smith", "f")])
def test_gender_of(lex: QuoteLexicon, name: str, want: str | None) -> None:
    assert gender_of(name, lex) == want


CLINTONS = "Headline\n\nHillary Clinton spoke first. Bill Clinton spoke after her. Then Mrs. Clinton left."


@pytest.mark.parametrize(("gender", "want"), [(None, "Bill Clinton"), ("f", "Hillary Clinton"), ("m", "Bill Clinton")])
def test_fullest_of_a_gender(gender: str | None, want: str) -> None:
    # of two fuller names, the last one named, unless a title gives the gender (`Mrs. Clinton`)
    ctx = context_of(CLINTONS)
    blocks = [(p.lo, p.hi, p.kind, [(q.open_start, q.close_end or p.hi) for q in p.quoted]) for p in ctx.paras]
    index = NameIndex(CLINTONS, blocks, ctx.lex)
    assert index.fullest("Clinton", CLINTONS.index("Mrs."), gender) == want


SPELLED = [
    ("with-its-article", "The Parliamentary Budget Officer released a valuation. Later the PBO added a caveat.", "PBO", "The Parliamentary Budget Officer"),
    ("joiners-skipped", "a ruling by the Securities and Exchange Commission. The SEC said", "SEC", "the Securities and Exchange Commission"),
    ("no-article", "profits at General Motors rose. GM said", "GM", "General Motors"),
    # a sentence-opening word or a weekday is no part of a body's name
    ("not-a-sentence-opener", "And Spanish banks fell. AS said", "AS", None),
    ("not-a-weekday", "Fleming met Furse on Thursday. The FT said", "FT", None),
    # written out only after the initials, or not at all: nothing to stand for
    ("only-after", "GM said it. General Motors", "GM", None),
    ("never-written-out", "The RCMP said it would appeal.", "RCMP", None),
    ("not-initials", "Nato Ltd said. Nato", "Nato", None),
]


@pytest.mark.parametrize(("text", "acronym", "want"), [c[1:] for c in SPELLED], ids=[c[0] for c in SPELLED])
def test_spelled_out(lex: QuoteLexicon, text: str, acronym: str, want: str | None) -> None:
    index = NameIndex(text, [], lex)
    assert index.spelled_out(acronym, text.rindex(acronym)) == want


GLUED_TEXT = (
    "Headline\n\nDespite Ted Cruz winning Iowa, the race went on. Voters came despite the snow. Together Siemens and Philips said so. "
    "They work together on it. Mayor Bill de Blasio spoke. De Blasio said so. New York Stock Exchange officials met. Is it new or old?"
)


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("Cruz", "Ted Cruz"),  # `Despite` stands in lower case too: a sentence opener, not a given name
        ("Siemens", "Siemens"),  # `Together Siemens` is no fuller name of Siemens
        ("Blasio", "De Blasio"),  # a particle (`De`, written `de` elsewhere) is part of a name
        ("Exchange", "New York Stock Exchange"),  # not a person: a body's name keeps its first word
    ],
)
def test_fullest_without_a_sentence_opener(lex: QuoteLexicon, name: str, want: str) -> None:
    assert NameIndex(GLUED_TEXT, [], lex).fullest(name, len(GLUED_TEXT)) == want
