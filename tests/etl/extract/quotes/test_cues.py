"""Cue words in text: the reporting verbs and phrases found, how they take reported speech, and noun uses."""

from __future__ import annotations

import pytest

from etl.extract.quotes.cues import find_cues, noun_use
from etl.extract.quotes.lexicon import QuoteLexicon

# (id, text, [(start, end, word, indirect, bare form, used as a noun)])
CASES = [
    ("reuters-01817-told", "Stepp told reporters that issues which caused the talks to break off are being discussed.", [(6, 10, "told", "free", False, False)]),
    ("bbc-business-071-according-to", "Now, according to Asahi Breweries, the market for so-called beer-like drinks is set to grow 84% this year.",
     [(5, 17, "according to", "phrase", False, False)]),
    ("added-takes-an-object", "He added that prices were falling.", [(3, 8, "added", "object", False, False)]),
    ("noun-after-amid", "The bank denied it amid reports of losses.", [(9, 15, "denied", "that", False, False), (24, 31, "reports", "that", False, True)]),
    ("hyphenated-is-no-cue", "It was a long-said claim.", [(19, 24, "claim", "free", True, False)]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_cues(lex: QuoteLexicon, text: str, want: list[tuple]) -> None:
    got = find_cues(text, 0, len(text), lex)
    assert [(c.start, c.end, c.word, c.indirect, c.bare, noun_use(text, c, lex)) for c in got] == want
    assert all(text[c.start : c.end] == c.word for c in got)
