"""Who a cue attributes to: the subject before it, after it (inversion), after `according to`, or opening the sentence."""

from __future__ import annotations

import pytest

from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import Mention
from etl.extract.quotes.subjects import after_according, sentence_subject, subject_after, subject_before

BEFORE = [
    ("reuters-00203-description", "A Fed spokesman told reporters that there were no large single-day net miss.", "told", Mention(0, 15, "A Fed spokesman", "desc")),
    ("reuters-01817-surname", "Stepp told reporters that issues which caused the talks to break off are being discussed.", "told", Mention(0, 5, "Stepp", "name")),
    ("apposition-passed-over", "Darian Lonechild, a youth advocate, said the program helped.", "said", Mention(0, 16, "Darian Lonechild", "name")),
    ("reuters-00868-trailing", "Sales in 1986 represented 11.8 per cent of the European market share, Whipple said.", "said", Mention(70, 77, "Whipple", "name")),
    ("reuters-01347-body", "Exports of American wine rose 14.9 per cent last year, the Wine Institute said.", "said", Mention(55, 73, "the Wine Institute", "desc")),
    ("reuters-00177-party-tag", '"We\'re going to have a bill to markup, I guarantee you, before the Easter recess," Sen. David Boren (D-Okla.) said.', "said",
     Mention(88, 99, "David Boren", "name")),
    ("reuters-04524-party-tag", "Subcommittee chairman Dan Glickman (D-Kans.) said his committee would be looking at the certificate program later this year.", "said",
     Mention(22, 34, "Dan Glickman", "name")),
    # an `-ly` adverb after a subject is passed over; a noun in `-ly` is the subject's head
    ("polnear-0034-adverb-after-name", "Cruz openly admitted that his pick was politically motivated.", "admitted", Mention(0, 4, "Cruz", "name")),
    ("adverb-after-pronoun-and-also", "Later he also bitterly said that despite the support he was let down.", "said", Mention(6, 8, "he", "pronoun")),
    ("bbc-business-252-noun-in-ly", "Profits rose, the former monopoly said in a statement.", "said", Mention(14, 33, "the former monopoly", "desc")),
    ("reuters-16607-noun-in-ly", "About 2,600 people were evacuated, the daily reported.", "reported", Mention(35, 44, "the daily", "desc")),
    ("reuters-13851-name-then-noun-in-ly", "Prices rose, the China daily said.", "said", Mention(13, 28, "the China daily", "desc")),
    # only a subject read with the adverb glued on is cleaned: no subject where none was read before
    ("polnear-0669-no-new-subject", "Clinton is careful, and she jokingly tells audiences that it is time.", "tells", None),
]


@pytest.mark.parametrize(("text", "cue", "want"), [c[1:] for c in BEFORE], ids=[c[0] for c in BEFORE])
def test_subject_before(lex: QuoteLexicon, text: str, cue: str, want: Mention | None) -> None:
    assert subject_before(text, 0, text.index(cue), lex) == want


AFTER = [
    ("name-and-apposition", '"We predict that the next week will continue the same trend," said Sutopo Nugroho, a spokesman.', Mention(67, 81, "Sutopo Nugroho", "name")),
    ("pronoun", '"No," said he.', Mention(11, 13, "he", "pronoun")),
    ("role-then-name", '"It is over," said oil and gas worker Mike Wipf.', Mention(38, 47, "Mike Wipf", "name")),
    ("a-clause-not-an-inversion", '"It is over," said Ms. May will try.', None),
    ("reuters-06079-party-tag", '"On balance, this is the best new idea I have seen," said Rep. Dan Glickman (D-Kan.), Chairman of the House Agriculture Subcommittee.',
     Mention(63, 75, "Dan Glickman", "name")),
    # PolNeAR train 0241, as written there: a doubled space after the cue
    ("polnear-0241-doubled-space", "''What the Americans did is try to deceive us,'' said  Yaakov Amidror, another former adviser.",
     Mention(55, 69, "Yaakov Amidror", "name")),
    # reuters-18167: whom the report is about, after a preposition, is not who speaks
    ("reuters-18167-said-of", '"He\'s had a lot of experience with inflation," Richard Medley said of Greenspan.', None),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in AFTER], ids=[c[0] for c in AFTER])
def test_subject_after(lex: QuoteLexicon, text: str, want: Mention | None) -> None:
    assert subject_after(text, text.index("said") + 4, len(text), lex) == want


ACCORDING = [
    ("reuters-01884-name", "Opportunities for banks may be dwindling, according to John Rau, president of the Exchange National Bank of Chicago.", Mention(55, 63, "John Rau", "name")),
    ("bbc-business-071-body", "The market is set to grow, according to Asahi Breweries.", Mention(40, 55, "Asahi Breweries", "name")),
    ("outlet", "The talks stalled, according to Reuters.", Mention(32, 39, "Reuters", "outlet")),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in ACCORDING], ids=[c[0] for c in ACCORDING])
def test_after_according(lex: QuoteLexicon, text: str, want: Mention) -> None:
    assert after_according(text, text.index("according to") + 12, len(text), lex) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("He told reporters that volumes in North America increased some 10.5 pct.", Mention(0, 2, "He", "pronoun")),  # reuters-01019
        ("Sparkes also criticized the minister, saying it was late.", Mention(0, 7, "Sparkes", "name")),
        ("the market is set to grow.", None),
    ],
)
def test_sentence_subject(lex: QuoteLexicon, text: str, want: Mention | None) -> None:
    assert sentence_subject(text, 0, len(text), lex) == want
