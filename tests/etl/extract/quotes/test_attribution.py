"""Who a quotation is by: its kind, its cue and the speaker mention, after the close, before the open or in its sentence."""

from __future__ import annotations

import pytest

from etl.extract.quotes.attribution import attribute, quoted_kind
from etl.extract.quotes.mentions import Mention
from tests.etl.extract.quotes.conftest import context_of

# (id, text, kind, cue, mention)
CASES = [
    ("reuters-02521-according-to-after", 'Headline\n\n"They will be more aggressive this year than they have ever been," according to Richard Loewy, analyst for Prudential-Bache.',
     "direct", "according to", Mention(90, 103, "Richard Loewy", "name")),
    ("bbc-business-317-pronoun-after", 'Headline\n\n"We predict that the next week will continue the same trend," she added.', "direct", "added", Mention(72, 75, "she", "pronoun")),
    ("cue-before-the-open", 'Headline\n\nThe minister called the plan "a disaster for farmers," on Monday.', "partial", "called", Mention(10, 22, "The minister", "desc")),
    ("reuters-08400-next-sentence-reports-anew",
     'Headline\n\nBarreto said, "My objective is put EPAC into the tenders because it has a right to take part." He added the government would be studying the court order to see whether or not the ruling could stop EPAC from participating in future tenders.',
     "direct", "said", Mention(10, 17, "Barreto", "name")),
    ("colon-the-sentence-subject", 'Headline\n\nMartell, the addictions doctor, is more blunt: "We are failing people."', "direct", None, Mention(10, 17, "Martell", "name")),
]


@pytest.mark.parametrize(("text", "kind", "cue", "mention"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_attribute(text: str, kind: str, cue: str | None, mention: Mention) -> None:
    ctx = context_of(text)
    (para,) = [p for p in ctx.paras if p.quoted]
    (q,) = para.quoted
    assert quoted_kind(text, para, q) == kind
    got_cue, got_mention = attribute(ctx, para, q)
    assert (got_cue.word if got_cue else None, got_mention) == (cue, mention)


# Broad reporting verbs (`cues_broad.json`, generated from VerbNet): cues of quotations only.
# (id, text, the quotation's first words, cue, mention)
BROAD_CASES = [
    ("reuters-08272-particle-verb-after", 'Headline\n\n"In selling to retail investors or smaller institutions, you have to make a lot more telephone calls," an investment banker pointed out.',
     "In selling", "pointed out", Mention(113, 133, "an investment banker", "desc")),
    ("reuters-20897-manner-of-speaking-inverted", "Headline\n\n\"I can't believe it,\" mumbled one onlooker.", "I can't", "mumbled", Mention(40, 52, "one onlooker", "desc")),
    ("reuters-01516-judgement-verb-before-partial",
     'Headline\n\nThe Commission blamed the EC\'s new cash crisis on the "considerable reluctance" of governments to pay for decisions they themselves have taken.',
     "considerable", "blamed", Mention(10, 24, "The Commission", "desc")),
    ("bbc-entertainment-311-judgement-verb-before-partial",
     'Headline\n\nAnd last week Only Fools and Horses star David Jason criticised British TV for being "too safe and too cheap".',
     "too safe", "criticised", Mention(51, 62, "David Jason", "name")),
    # a base-form cue right after the close with no subject is no verb: `," state Sen. ... said`
    # (PolNeAR train 0648, from ../shared/eval/cases/quotes-dev.jsonl)
    ("polnear-0648-bare-form-is-no-cue",
     'Headline\n\n"By putting this in the constitution, we are tying their hands," state Sen. Jason Holsman (D) said about halfway through the filibuster.',
     "By putting", "said", Mention(86, 99, "Jason Holsman", "name")),
    # a broad verb after a quotation that ends its sentence belongs to the next sentence
    ("bbc-politics-323-broad-verb-of-the-next-sentence",
     'Headline\n\n"We should be not so afraid to say what we stand for." He also criticised the cult of personality politics: "There\'s far too much interest in celebrities."',
     "We should", None, None),
]


@pytest.mark.parametrize(("text", "first", "cue", "mention"), [c[1:] for c in BROAD_CASES], ids=[c[0] for c in BROAD_CASES])
def test_attribute_with_broad_cues(text: str, first: str, cue: str | None, mention: Mention | None) -> None:
    ctx = context_of(text)
    (para,) = [p for p in ctx.paras if p.quoted]
    (q,) = [q for q in para.quoted if text.startswith(first, q.start)]
    got_cue, got_mention = attribute(ctx, para, q)
    assert (got_cue.word if got_cue else None, got_mention) == (cue, mention)
