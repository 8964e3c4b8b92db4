"""The outlet that relays a quote (`via`): `according to Reuters`, `told the BBC`, `AP reported that`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from etl.extract.quotes.context import Context, Paragraph, sentence_of

# How many relays back, earlier in the paragraph, a quote's sentence without one looks.
_EARLIER_RELAYS = 4


def via_events(ctx: Context, para: Paragraph) -> list[tuple[int, int, str, bool]]:
    """Where an outlet relays the words in a paragraph: (sentence start, position, outlet, carries).

    `carries`: a report (`AP reported that`, `was reported by Reuters`) covers the rest of the
    paragraph; `according to X` and `told X` only their own sentence.
    """
    text, lex = ctx.text, ctx.lex
    events = []
    report_forms = lex.report_forms
    for c in para.cues:
        if c.indirect == "phrase" or c.word in report_forms:
            m = ctx.subject(para, c)
            if m is not None and m.kind == "outlet":
                events.append((sentence_of(para, c.start)[0], c.start, m.text, c.indirect != "phrase"))
    lo, hi = para.lo, para.hi
    for key, phrases in lex.relay_groups:
        # every phrase of the group ends with its key: one `str.find` for the key (a regex alternation scans 3x
        # slower), then each phrase is tested where it would end with that key
        end = text.find(key, lo, hi) + len(key)
        while end >= len(key):
            for phrase in phrases:
                at = end - len(phrase)
                if at >= lo and text.startswith(phrase, at) and not (at > 0 and (text[at - 1].isalnum() or text[at - 1] == "-")):
                    om = lex.outlet_re.match(text, end)
                    if om is not None:
                        events.append((sentence_of(para, at)[0], at, om.group(), phrase.endswith(" by ")))
            end = text.find(key, end, hi) + len(key)
    return sorted(events)


def via_for(events: Sequence[tuple[int, int, str, bool]], sentence_lo: int, speaker: str | None) -> str | None:
    """The outlet of the quote's sentence, else the last one earlier in the paragraph."""
    # events are few and sorted by sentence: the same sentence first, then the nearest before
    lo = bisect_left(events, (sentence_lo,))
    hi = bisect_left(events, (sentence_lo + 1,))
    found: str | None = None
    for k in range(lo, hi):  # loops, not generators: this runs for every quote of a paragraph with a relay
        if events[k][2] != speaker:
            found = events[k][2]
            break
    else:
        for k in range(lo - 1, max(0, lo - _EARLIER_RELAYS) - 1, -1):
            if events[k][3] and events[k][2] != speaker:
                found = events[k][2]
                break
    if found is None:
        return None
    for article in ("a ", "an ", "A ", "An "):
        if found.startswith(article):
            return found[len(article) :]
    return found
