"""Quoted text that quotes nobody: scare quotes, titles and words listed as words."""

from __future__ import annotations

import pytest

from etl.extract.quotes.attribution import quoted_kind
from etl.extract.quotes.labels import is_caption, is_title, listed, looks_like_label
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


# (id, paragraph, a caption): photo captions end with the photo's credit (real ones, ../shared/corpus/dev/ and GGT)
CAPTIONS = [
    ("readability-nytimes-3-credit-glued", "A water main break in Manhattan in 2014. \u201cWhen you get a freeze and a thaw, the ground around the water mains"
     " expands,\u201d said Tasos Georgelis of the city's Department of Environmental Protection.Credit\u00c1ngel Franco/The New York Times", True),
    ("credit-in-brackets", "In September, Veterans Affairs Minister Seamus O'Regan said future benefits would not be provided. (Adrian Wyld/Canadian Press)", True),
    ("credit-in-spaced-brackets", "Lawmakers return to the Capitol. ( J. Scott Applewhite / AP )", True),
    ("credit-in-capitals", "Coach Stephen Gillis said the video is the nicest thing. Quyen Cheng/THE CANADIAN PRESS", True),
    ("a-slash-in-a-name-is-no-credit", "He carried the bag for Mike Furyk at this week\u2019s PNC Father/Son Challenge in Orlando.", False),
    ("a-date-is-no-credit", "He said the 9/11 attacks changed everything.", False),
    ("two-credits-are-captions-run-with-text", "Purdy says he walks daily. ( Richard Lautens / Toronto Star ) Farinloye, 50, says he is happy"
     " with the results. ( J.P. MOCZULSKI / For The Toronto Star )", False),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CAPTIONS], ids=[c[0] for c in CAPTIONS])
def test_is_caption(text: str, want: bool) -> None:
    ctx = context_of("Headline\n\n" + text)
    (para,) = [p for p in ctx.paras if p.kind == "paragraph"]
    assert is_caption(ctx.text, para) is want
