"""The outlet that relays a quote: `according to Reuters`, `told the BBC`, `the BBC reported`."""

from __future__ import annotations

import pytest

from etl.extract.quotes.context import sentence_of
from etl.extract.quotes.via import via_events, via_for
from tests.etl.extract.quotes.conftest import context_of

CASES = [
    ("reported-by-an-outlet", 'Headline\n\nThe minister called the plan "a disaster for farmers," the BBC reported.', "BBC"),
    ("told-an-outlet", 'Headline\n\n"We will not stop," the mayor told Reuters on Monday.', "Reuters"),
    ("according-to-an-outlet", 'Headline\n\nThe talks stalled, according to The Associated Press. "We tried," one official said.', None),
    ("no-outlet", 'Headline\n\n"We tried," one official said.', None),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_via_of_the_first_quotation(text: str, want: str | None) -> None:
    ctx = context_of(text)
    (para,) = [p for p in ctx.paras if p.quoted]
    events = via_events(ctx, para)
    q = para.quoted[0]
    assert via_for(events, sentence_of(para, q.start)[0], None) == want


def test_a_report_carries_over_the_rest_of_the_paragraph() -> None:
    text = 'Headline\n\nThe strike will go on, it was reported by Reuters. "We tried," one official said.'
    ctx = context_of(text)
    (para,) = [p for p in ctx.paras if p.quoted]
    assert via_for(via_events(ctx, para), sentence_of(para, para.quoted[0].start)[0], None) == "Reuters"
