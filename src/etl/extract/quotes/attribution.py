"""Who a quotation is by: its kind (direct or partial), its cue and speaker mention, or a neighbour's speaker."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from etl.extract.quotes.context import Context, Paragraph, Row, cues_between, sentence_of
from etl.extract.quotes.cues import Cue
from etl.extract.quotes.marks import Quoted
from etl.extract.quotes.mentions import Mention, clean_name, is_outlet
from etl.extract.quotes.subjects import sentence_subject, subject_before

# How far (characters) after a quotation's close its cue may start: `," said the minister of ...`.
_CUE_AFTER_CLOSE = 161
# How far (characters) around a quotation its sentence is read for a cue.
_CUE_AROUND = 300
# The longest gap (characters) between a cue before a quotation and its opening mark: `X said on Monday: "...`.
_CUE_BEFORE_GAP = 60
# How many quotations on each side a quotation nobody is named for borrows a speaker from.
_NEIGHBOURS = 3
# The word right after a cue: a report of its own unless it is punctuation or an adjunct (`He said on Monday.`).
_NEXT_WORD = re.compile(r"[ ]([\w\u2019']+)")
# How far back (characters) a name in the possessive may stand before a partial quotation.
_POSSESSOR_REACH = 60
# What may stand between a quotation's close and the name that says it: a role, no clause.
_ROLE_GAP = re.compile(r"[ ](?:(?:[A-Z][\w.\u2019'&-]*|of|the|and|for|at|[a-z-]+)[ ]){1,10}")
# A name in the possessive right before a quotation: `To head off Musk's "production hell"`.
_POSSESSOR = re.compile(r"(?<![\w-])([A-Z][\w.\u2019'-]*[a-z](?:[ ][A-Z][\w.\u2019'-]*[a-z]){0,3})[\u2019']s[ ]\Z")


def quoted_kind(text: str, para: Paragraph, q: Quoted) -> str:
    """direct when the quotation stands as a sentence of its own (or runs on), else partial."""
    if q.close_end is None:
        return "direct"
    s_lo, _ = sentence_of(para, q.open_start)
    before = text[s_lo : q.open_start].rstrip()
    first = text[q.start]
    if first.islower():
        return "partial"
    if before == "" or before.endswith((":", ",")):
        return "direct"
    return "partial"


def _cues(para: Paragraph, lo: int, hi: int, broad: bool) -> list[Cue]:
    """The paragraph's cues in `[lo, hi)`; without the broad verbs of `cues_broad.json` unless `broad`."""
    found = cues_between(para, lo, hi)
    return found if broad else [c for c in found if c.indirect != "quoted"]


def attribute(ctx: Context, para: Paragraph, q: Quoted, broad: bool = True) -> tuple[Cue | None, Mention | None]:
    """The cue and speaker mention of a quotation: after its close, before its open, or in its sentence.

    `broad=False` reads only the hand-written cues, not the broad verbs of `cues_broad.json`.
    """
    c, m = _attribute(ctx, para, q, broad)
    if (c is None or m is None or c.start < q.open_start) and (m is not None or quoted_kind(ctx.text, para, q) == "direct"):
        # a partial quotation nobody is named for is read by `possessor`, once kept (not `a "global takeover"`)
        got = _relative(ctx, para, q)
        if got is not None:
            return got
    if c is not None and m is not None and m.kind == "pronoun":
        # `Trump said Sunday that he believed ... "admits this is a problem."`: the pronoun of a report nested
        # in another stands for the outer report's subject, whom the gold credits (a name there may be someone
        # else, whose words the outer speaker reports: that one keeps the quotation)
        got = _outer(ctx, para, m)
        if got is not None:
            return got
    return c, m


# How far (characters) before a quotation the relative pronoun of the clause it sits in may stand.
_RELATIVE_REACH = 200


def _relative(ctx: Context, para: Paragraph, q: Quoted) -> tuple[Cue, Mention] | None:
    """The relative pronoun a quotation's clause opens with, standing for its antecedent: `Franklin Graham, who
    has publicly vowed ... because of the organization's "support of ..."` rests on `who` (the gold credits the
    pronoun as written), which names Franklin Graham; None when the clause closed before the quotation
    (`Sarah Buckley, who attended ..., said`)."""
    text, lex = ctx.text, ctx.lex
    s_lo, _ = sentence_of(para, q.open_start)
    lo = max(s_lo, q.open_start - _RELATIVE_REACH)
    pos = -1
    for word in ("who", "which"):
        pos = max(pos, text.rfind(f", {word} ", lo, q.open_start))
    if pos < 0:
        return None
    rel_start = pos + 2
    rel_end = text.index(" ", rel_start)
    between = text[rel_end : q.open_start].rstrip(" ,:")
    for other in para.quoted[bisect_left(para.quote_starts, rel_end) : bisect_left(para.quote_starts, q.open_start)]:
        if (other.close_end or q.open_start) <= q.open_start:
            between = between.replace(text[other.open_start : other.close_end or q.open_start], "")  # `"a" and "b"`
    if any(ch in between for ch in ",;.!?()\u2014"):
        return None  # the clause closed (`, who joined the board last month, said`) or another stands between
    inside = cues_between(para, rel_end, q.open_start)
    if not inside:
        return None  # no cue in the clause: `Washington Post, which hits liberals where they live: "..."`
    nxt = text[rel_end + 1 : rel_end + 20].split(" ", 1)[0]
    if nxt[:1].isupper() or nxt.lower() in lex.pronoun_forms or nxt.lower() in lex.determiners:
        return None  # `which Trump had called a "disaster"`: the pronoun is the object, the clause has a subject of its own
    for c in inside:
        own = ctx.subject(para, c)
        if own is not None and own.start > rel_end:
            return None  # `who forced me ... when she called him "..."`: a subject of its own
    ante = subject_before(text, s_lo, pos, lex)
    if ante is None or ante.kind == "pronoun" or ante.end != pos:
        return None
    before = text[max(s_lo, ante.start - 12) : ante.start].split()[-1:]
    if ante.kind != "name" and before and (before[0] in lex.phrase_prepositions or before[0] in lex.speaker_prepositions):
        return None  # `one Democrat familiar with the discussion, who added`: the clause may be the head's (not `by Beijing, which`)
    # the mention's span is the pronoun as written, its text the antecedent's: what the speaker resolves from
    return inside[-1], Mention(rel_start, rel_end, ante.text, ante.kind)


def _outer(ctx: Context, para: Paragraph, m: Mention) -> tuple[Cue, Mention] | None:
    """The cue and subject of a report that the mention's own report sits in: `Trump said that he believed ...`."""
    text, lex = ctx.text, ctx.lex
    s_lo, _ = sentence_of(para, m.start)
    before = text[max(s_lo, m.start - 12) : m.start].split()
    if before and before[-1].lower() in lex.relative_pronouns and before[-1] != "that":
        return None  # `..., which he called "a cartel"`: a relative clause has its own speaker
    for c0 in reversed(cues_between(para, s_lo, m.start)):
        if c0.end > m.start or c0.indirect in ("phrase", "quoted"):
            continue
        gap = text[c0.end : m.start]
        if any(ch in gap for ch in '.!?;\u201c\u201d"') or " that " not in f"{gap} ":
            return None
        links = lex.subordinators | lex.relative_pronouns | lex.clause_links
        if any(w.split()[0].lower() in links for w in gap.split(", ")[1:] if w.split()):
            return None  # `Netanyahu said that ..., although he tweeted`: a clause of its own
        first = text[s_lo : c0.start].split()[:1]
        if first and first[0].lower() in lex.subordinators:
            return None  # `When Clinton noted that ..., Trump boasted`: the outer report is subordinate
        m0 = ctx.subject(para, c0)
        if m0 is not None and m0.end <= c0.start and m0.start != m.start:
            return c0, m0
        return None
    return None


def _attribute(ctx: Context, para: Paragraph, q: Quoted, broad: bool) -> tuple[Cue | None, Mention | None]:
    """The cue and speaker mention of a quotation as its nearest cue gives them."""
    text = ctx.text
    if q.close_end is not None:
        for c in _cues(para, q.close_end, q.close_end + _CUE_AFTER_CLOSE, broad):
            if c.indirect == "quoted" and not _runs_on(text, q):
                continue  # `a "global takeover." Sparkes also criticized ...`: a broad verb of the next sentence
            m = ctx.subject(para, c)
            if c.indirect == "phrase" and (m is None or m.kind == "outlet"):
                continue  # `," according to Reuters`: a relay, the speaker is elsewhere
            if m is None and c.bare:
                continue  # `," state Sen. Jason Holsman (D) said`: a base form with no subject is no verb
            if m is None and c.word.endswith("ing"):
                break  # `could be "messy," adding`: the participle shares its sentence's subject, read below
            lead = c.start if m is None else min(c.start, m.start)
            if m is not None and m.end < c.start and len(text[m.end : c.start].split()) > 2:
                break  # `." Emery retweeted the story, saying`: a new sentence with its own verb
            if text[q.end - 1] == "." and text.startswith(" that ", c.end):
                break  # `..." The company noted that ...`: a new sentence reporting something else
            if text[q.end - 1] in ".!?" and m is not None and m.start < c.start and text[m.start].isupper() and _reports_anew(ctx, c):
                break  # `to Donald." He also said Trump's ...`: a new sentence with a report of its own
            gap = text[q.close_end : lead]
            if not gap.strip(" ,\u2014\u2013-"):
                return c, m
            opens = q.open_start == para.lo or text[q.start : q.end].rstrip()[-1:] == ","
            if opens and m is not None and m.kind == "name" and m.end <= c.start and _ROLE_GAP.fullmatch(gap):
                # `" University of the Fraser Valley political scientist Hamish Telford said`, for a
                # quotation that opens its paragraph or runs on with a comma (else a new sentence)
                return c, m
            break
    s_lo, s_hi = sentence_of(para, q.open_start)
    in_sentence = _cues(para, max(s_lo, q.open_start - _CUE_AROUND), min(s_hi, q.start + _CUE_AROUND), broad)
    before = [c for c in in_sentence if c.end <= q.open_start]
    if before and before[-1].indirect != "phrase":
        c = before[-1]
        gap = text[c.end : q.open_start]
        m = ctx.subject(para, c)
        if m is not None and len(gap) <= _CUE_BEFORE_GAP and not any(ch in gap for ch in '.!?\u201c\u201d"'):
            return c, m
    ranked = sorted(
        # a broad verb after the quotation's opening is narration more often than its cue:
        # `There was a "whiff" of legal concern when officials ... objected to`
        (c for c in in_sentence if c.indirect != "phrase" and (c.indirect != "quoted" or c.end <= q.open_start)),
        key=lambda c: (c.end > q.open_start, abs(c.start - q.open_start)),
    )
    for c in ranked:
        m = ctx.subject(para, c)
        if m is not None:
            return c, m
    if text[s_lo : q.open_start].rstrip().endswith(":"):
        # `Martell, the addictions doctor, is more blunt: "..."`: the sentence's subject speaks
        m = sentence_subject(text, s_lo, q.open_start, ctx.lex)
        if m is not None:
            return None, m
    return (ranked[0], None) if ranked else (None, None)


def _reports_anew(ctx: Context, c: Cue) -> bool:
    """True when a word that is no adjunct of time or place follows the cue: `He also said Trump's ...`."""
    m = _NEXT_WORD.match(ctx.text, c.end)
    return m is not None and m.group(1) not in ctx.lex.attribution_adjuncts and m.group(1) not in ctx.lex.weekdays


def _runs_on(text: str, q: Quoted) -> bool:
    """True when the sentence goes on after the quotation: it ends with a comma or dash, or lower case follows."""
    if q.close_end is None:
        return False
    last = text[q.start : q.end].rstrip()[-1:]
    return last in ",\u2014\u2013-" or text[q.close_end : q.close_end + 2].strip()[:1].islower()


def possessor(ctx: Context, q: Quoted) -> Mention | None:
    """The person whose words a partial quotation gives, named in the possessive just before it, or the
    relative pronoun of the clause it sits in (`Eyskens, who has described Belgium as a "fiscal Himalaya,"`)."""
    m = _POSSESSOR.search(ctx.text, max(0, q.open_start - _POSSESSOR_REACH), q.open_start)
    if m is None:
        k = bisect_left(ctx.paras, q.open_start + 1, key=lambda p: p.lo) - 1
        got = _relative(ctx, ctx.paras[k], q) if k >= 0 else None
        return got[1] if got is not None else None
    name = clean_name(m.group(1), ctx.lex)
    if not name or name != m.group(1)[-len(name) :] or is_outlet(m.group(1), ctx.lex):
        return None
    if any(w.endswith("ing") for w in name.split()) or name.endswith(("Republican", "Democrat")):
        return None  # `Chasing Trump's`, `the Iowa Republican's`: not a name
    return Mention(m.end(1) - len(name), m.end(1), name, "name")


def cue_word(row: Row) -> str | None:
    """The cue as reported: None for a borrowed speaker, `according to` in lower case."""
    if row.cue is None or row.mention is None:
        return None
    return row.cue.word if row.cue.indirect != "phrase" else row.cue.word.lower()


def borrow(
    resolved: Sequence[tuple[Row, str | None]],
    i: int,
    last: tuple[str | None, Mention | None],
    opens_paragraph: bool,
    own: Callable[[], tuple[str | None, Mention] | None] | None = None,
) -> tuple[str | None, Mention | None]:
    """Speaker of an unattributed quotation: its paragraph's quoted neighbour, else the subject of its own
    sentence (`own()`, resolved only when asked: resolving moves the salience of names), else the row before."""
    for j in [*range(i - 1, max(-1, i - _NEIGHBOURS - 1), -1), *range(i + 1, min(len(resolved), i + _NEIGHBOURS + 1))]:
        row, speaker = resolved[j]
        if row.kind != "indirect" and speaker is not None:
            return speaker, row.mention
    if own is not None and (got := own()) is not None:
        return got
    for j in range(i - 1, max(-1, i - _NEIGHBOURS - 1), -1):
        row, speaker = resolved[j]
        if speaker is not None:
            # `Mr. Hemming said his group ... "The purpose ..."`, `Vickers said he's a "long ways ..."`:
            # the words quoted within or after someone's reported speech are theirs
            return speaker, row.mention
    return last if opens_paragraph else (None, None)
