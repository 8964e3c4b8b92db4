"""Reported speech: the clause a cue introduces (`told reporters that ...`, `..., X said.`) and where it ends."""

from __future__ import annotations

import pytest

from etl.extract.quotes.reported import indirect_rows
from tests.etl.extract.quotes.conftest import context_of


def _rows(text: str) -> list[tuple[str, str | None, str, bool]]:
    ctx = context_of(text)
    return [
        (text[r.start : r.end], r.mention.text if r.mention else None, cue.word, r.secondary)
        for para in ctx.paras
        for cue in para.cues
        for r in indirect_rows(ctx, para, cue)
    ]


CASES = [
    ("reuters-00203-told-that", "Headline\n\nA Fed spokesman told reporters that there were no large single-day net miss in reserve projections in the latest week.",
     [("there were no large single-day net miss in reserve projections in the latest week", "A Fed spokesman", "told", False)]),
    ("reuters-00868-trailing", "Headline\n\nSales in 1986 represented 11.8 per cent of the European market share, Whipple said.",
     [("Sales in 1986 represented 11.8 per cent of the European market share", "Whipple", "said", False)]),
    ("time-adjunct-then-clause", "Headline\n\nThe minister said on Thursday there were no plans to close the mine.",
     [("there were no plans to close the mine", "The minister", "said", False)]),
    ("report-goes-on-after-the-attribution", "Headline\n\nThe plan is sound, she says, and they will cut costs by a third.",
     [("The plan is sound", "she", "says", False), ("and they will cut costs by a third", "she", "says", True)]),
    ("reuters-00195-voted-is-no-speech", "Headline\n\nThe NRC voted 4-1 to offer the rule for 60 days of public comment.", []),
    ("reuters-15095-adverb-between-cue-and-that", "Headline\n\nThe sources noted, however, that the cocoa industry in Brazil, the world's number two producer, is in private hands.",
     [("the cocoa industry in Brazil, the world's number two producer, is in private hands", "The sources", "noted", False)]),
    ("reuters-09980-as-well-as-inside-the-report", "Headline\n\nThomas and Betts said it is seeking an injunction to prevent the future sale of the connectors, as well as damages.",
     [("it is seeking an injunction to prevent the future sale of the connectors, as well as damages", "Thomas and Betts", "said", False)]),
    ("reuters-15347-generated-cue-with-that", "Headline\n\nHowever, the rating agency pointed out that last quarter's number of downgrades was the lowest since first quarter 1986.",
     [("last quarter's number of downgrades was the lowest since first quarter 1986", "the rating agency", "pointed out", False)]),
    ("reuters-generated-cue-without-that-reports-nothing", "Headline\n\nThe company said it made provision for a potential award and related litigation expenses by taking a charge.",
     [("it made provision for a potential award and related litigation expenses by taking a charge", "The company", "said", False)]),
    ("reuters-generated-cue-closing-the-sentence", "Headline\n\nAnother impediment to new issuance is the lukewarm reception to new issues by institutional and retail investors in recent weeks, traders pointed out.",
     [("Another impediment to new issuance is the lukewarm reception to new issues by institutional and retail investors in recent weeks", "traders", "pointed out", False)]),
    ("generated-cue-with-a-phrase-after-reports-nothing", "Headline\n\nAs caucusing got under way for Democrats in Nevada, voters weighed in on their picks for the party's presidential nominee.", []),
    ("reuters-08839-inserted-attribution-then-predicate", "Headline\n\nAll of those firms, he said, have been establishing themselves in Japan.",
     [("have been establishing themselves in Japan", "he", "said", False)]),
    ("bbc-business-035-plural-head-say", "Headline\n\nAnalysts say the unit sell could sell for up to £350m.",
     [("the unit sell could sell for up to £350m", "Analysts", "say", False)]),
    ("relative-clause-is-no-speech", "Headline\n\nThey announced a list that will be published later.", []),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_indirect_rows(text: str, want: list[tuple[str, str | None, str, bool]]) -> None:
    assert _rows(text) == want
