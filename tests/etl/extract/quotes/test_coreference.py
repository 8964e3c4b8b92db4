"""Who a mention stands for: pronouns, `the prime minister`, `the company`, resolved in text order."""

from __future__ import annotations

import pytest

from etl.extract.quotes.coreference import Tracker
from etl.extract.quotes.names import NameIndex
from tests.etl.extract.quotes.conftest import context_of


def _resolved(text: str) -> list[tuple[str, str | None]]:
    """(mention, speaker) of every cue with a subject, resolved in text order as `extract_quotes` does."""
    ctx = context_of(text)
    blocks = [(p.lo, p.hi, p.kind, [(q.open_start, q.close_end or p.hi) for q in p.quoted]) for p in ctx.paras]
    tracker = Tracker(NameIndex(text, blocks, ctx.lex))
    out, prev_lo = [], 0
    for para in ctx.paras:
        for cue in para.cues:
            mention = ctx.subject(para, cue)
            if mention is not None:
                out.append((mention.text, tracker.resolve(mention, prev_lo, para.lo)))
        prev_lo = para.lo
    return out


CASES = [
    ("she-after-a-named-speaker", "Headline\n\nJane Roe, the union's president, said the deal was fair. She said talks would go on.",
     [("Jane Roe", "Jane Roe"), ("She", "Jane Roe")]),
    ("he-across-paragraphs", "Headline\n\nOpportunities may be dwindling, John Rau said on Monday.\n\nHe said banks must merge.",
     [("John Rau", "John Rau"), ("He", "John Rau")]),
    ("title-to-the-named-holder", "Headline\n\nPrime Minister Justin Trudeau visited Ottawa. The prime minister said the talks went well.",
     [("The prime minister", "Justin Trudeau")]),
    ("the-company-to-the-last-body", "Headline\n\nThe company Facebook said it would appeal. The company said the fine was unfair.",
     [("Facebook", "Facebook"), ("The company", "Facebook")]),
    ("writing-to-its-author", "Headline\n\nA statement from the EU said the talks were over.", [("A statement from the EU", "the EU")]),
    # a writing owned through a pronoun speaks for the one the pronoun points at (issue 14: `her statement said`)
    ("her-writing-to-her", "Headline\n\nJane Roe said the deal was fair. Her statement said talks would go on.",
     [("Jane Roe", "Jane Roe"), ("Her statement", "Jane Roe")]),
    ("his-letter-to-him", "Headline\n\nJohn Rau said banks must merge.\n\nHis letter said the plan was sound.",
     [("John Rau", "John Rau"), ("His letter", "John Rau")]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_resolution(text: str, want: list[tuple[str, str | None]]) -> None:
    assert _resolved(text) == want
