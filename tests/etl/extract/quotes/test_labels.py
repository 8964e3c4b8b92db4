"""Quoted text that quotes nobody: scare quotes, titles and words listed as words."""

from __future__ import annotations

import pytest

from etl.extract.quotes.attribution import quoted_kind
from etl.extract.quotes.labels import is_title, listed, looks_like_label
from tests.etl.extract.quotes.conftest import context_of

# (id, text, [(quoted text, label, title, listed)])
CASES = [
    ("title-of-a-show", 'Headline\n\nHe appeared on CBS\'s "Face the Nation" on Sunday.', [("Face the Nation", True, True, False)]),
    ("words-listed-as-words", 'Headline\n\nHe found the words "toxic," "optics" and "grapple" on the list.',
     [("toxic,", True, False, True), ("optics", True, False, True), ("grapple", True, False, True)]),
    ("reuters-02521-a-quotation", 'Headline\n\n"They will be more aggressive this year than they have ever been," according to Richard Loewy.',
     [("They will be more aggressive this year than they have ever been,", False, False, False)]),
    ("two-words-are-someone's-words", 'Headline\n\nThe leader told them to "stand down" at once.', [("stand down", False, False, False)]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_labels(text: str, want: list[tuple[str, bool, bool, bool]]) -> None:
    ctx = context_of(text)
    (para,) = [p for p in ctx.paras if p.quoted]
    in_list = listed(text, para.quoted)
    got = [
        (text[q.start : q.end], looks_like_label(text, q, quoted_kind(text, para, q), ctx.lex), is_title(text, q, ctx.lex), n in in_list)
        for n, q in enumerate(para.quoted)
    ]
    assert got == want
