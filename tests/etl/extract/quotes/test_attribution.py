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
