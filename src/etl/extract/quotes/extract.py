"""Quotations and reported speech in an article, with speaker, cue and relaying outlet: the quote pass.

Hand-written rather than spaCy/textacy: one pass of compiled patterns anchored on quote marks and
a case-sensitive cue alternation runs about 200 times faster than textacy with spaCy's small model
(README, Benchmark) and never raises on an odd quote mark. The steps live in the sibling modules:
`marks` (quote marks paired into spans), `cues`, `context` (paragraphs, sentences, each cue's
speaker), `labels` (quoted text that quotes nobody), `attribution` (cue and speaker of a
quotation), `ranking` (the speaker among the mentions around a quotation the rules leave without a
cue-attached one), `reported` (reported speech), `coreference` (full names, pronouns), `via` (outlets).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import partial

from etl.extract.quotes.attribution import attribute, borrow, cue_word, possessor, quoted_kind
from etl.extract.quotes.context import Context, Paragraph, Row, build_paragraphs, sentence_of
from etl.extract.quotes.coreference import Tracker
from etl.extract.quotes.cues import Cue
from etl.extract.quotes.labels import LABEL_LINE, LINK_LINE, is_caption, is_pull_quote, is_title, listed, looks_like_label
from etl.extract.quotes.lexicon import QuoteLexicon, quote_lexicon
from etl.extract.quotes.marks import Quoted
from etl.extract.quotes.mentions import Mention
from etl.extract.quotes.names import NameIndex, gender_of
from etl.extract.quotes.ranking import Candidate, best, candidates, mentions_in, score
from etl.extract.quotes.reported import indirect_rows
from etl.extract.quotes.subjects import sentence_subject, subject_past_adjunct
from etl.extract.quotes.via import via_events, via_for
from etl.records import Quote, Section

# How far (characters) before a paragraph's closing colon its cue may stand: `Trump said on Monday:`.
_COLON_REACH = 80
# Spaces of another width (no-break, thin, narrow no-break, hair, figure): a plain space to every rule
# of the quote pass, so that `,"\u00a0Trump said` reads as `," Trump said`; one character for one.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u200a\u202f"), " ")


# Characters that show nothing (zero-width space and joiners, word joiner, BOM, soft hyphen): left out of a
# speaker's name, where they would make one person two (`Trump` and `Trump\u200b`).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


# The pronouns a partial quotation's `what he called "..."` never credits to the sentence's subject: the writer, the reader.
_NO_ANTECEDENT = frozenset({"i", "we", "you"})
# What the pronoun of a naming clause follows: `condemned what he called a "brazen breach"`.
_NAMING = "what "


def _plain_spaces(text: str) -> str:
    """`text` with every space of another width made a plain space (same length, same offsets)."""
    if text.isascii():
        return text
    # one `in` a space: a fast scan for one character each, together 10x faster than a regex class over the text
    odd = "\u00a0" in text or "\u2007" in text or "\u2009" in text or "\u200a" in text or "\u202f" in text
    return text.translate(_SPACES) if odd else text


# What a paragraph of sentences ends with; a labelled line without it is a link (`READ MORE: ...`),
# with it a labelled paragraph of the article (`ECB WATCH: The ECB wrapped up ...`).
_SENTENCE_END = (".", "!", "?", "\u201d", '"', "\u2019", "'", ")", "\u2026")


# How many words before a cue are read for a relative pronoun: `who earlier today said`.
_RELATIVE_REACH = 4


def _narrated(text: str, cue: Cue, q: Quoted, lex: QuoteLexicon) -> bool:
    """True when a cue with no subject of its own stands before the quotation in a main clause, not a relative one."""
    if cue.end > q.open_start:
        return False
    before = text[max(0, cue.start - 40) : cue.start].split()
    return not any(w in lex.relative_pronouns for w in before[-_RELATIVE_REACH:])


def _own_subject(tracker: Tracker, subject: Mention, prev_lo: int, lo: int, lex: QuoteLexicon) -> tuple[str | None, Mention] | None:
    """The sentence subject as a quotation's speaker, where it names someone: a pronoun, a name of two words
    or more, or one word the article gives in full (`Cruz` -> `Ted Cruz`); not `Federal`, `Within`, `Can Sanders`."""
    first = subject.text.split(" ", 1)[0].lower()
    if first in lex.auxiliaries or first in lex.speaker_prepositions or first in lex.determiners:
        return None
    speaker = tracker.resolve(subject, prev_lo, lo)
    if subject.kind == "pronoun" or (subject.kind == "name" and (" " in subject.text or (speaker is not None and speaker != subject.text))):
        return speaker, subject
    return None


# The most characters between a quotation and the one before for the second to continue the first:
# `"...," he said. "..."` (on the fit part the rules' borrowed speaker is right there 99.5 % of the time,
# the ranking no more often: it is not run).
_CONTINUED = 30


def _continues(resolved: Sequence[tuple[Row, str | None]], i: int, speaker: str | None) -> bool:
    """True when quotation `i` goes on right after quotation `i - 1` and borrowed its speaker."""
    if i == 0 or speaker is None:
        return False
    prev, prev_speaker = resolved[i - 1]
    return prev.kind != "indirect" and prev_speaker == speaker and resolved[i][0].start - prev.end < _CONTINUED


def _sentence_antecedent(ctx: Context, para: Paragraph, pronoun: Mention, index: NameIndex) -> Mention | None:
    """The name or description opening the sentence that a `what he called "..."` pronoun refers back to (`Secretary
    General Ban Ki-moon condemned what he called a "brazen breach"`: the gold credits the name), or None; one of the
    pronoun's gender (`he`: not `Hillary Clinton`), a body for `it`."""
    lex = ctx.lex
    word = pronoun.text.lower()
    if word in _NO_ANTECEDENT or not ctx.text.endswith(_NAMING, 0, pronoun.start):
        return None
    s_lo, s_hi = sentence_of(para, pronoun.start)
    subj = sentence_subject(ctx.text, s_lo, s_hi, lex)
    if subj is None or subj.kind not in ("name", "desc") or subj.end >= pronoun.start:
        return None
    if subj.kind == "name" and " " not in subj.text and index.fullest(subj.text, subj.start) == subj.text:
        return None  # one word the article gives no fuller name for: `Speaking to ...`, `Shadow education secretary ...`
    gender = lex.person_genders.get(word)
    known = next((g for g in (gender_of(w, lex) for w in subj.text.split()) if g is not None), None)
    if (gender is not None and known is not None and known != gender) or (word == "it" and known is not None):
        return None
    return subj


def _neighbours(row: Row, mention: Mention | None, para: Paragraph) -> bool:
    """True when a direct quotation borrowed its speaker from a quoted neighbour in its own paragraph: on the
    fit part that speaker is right 95 % of the time, the ranking adds 1 % (none on check) for nearly half of its
    calls, so it is not run there."""
    return row.kind == "direct" and mention is not None and para.lo <= mention.start < para.hi


def _choose(cands: list[Candidate], weights: dict[str, float], how: str, span: tuple[int, int]) -> Candidate | None:
    """The candidate speaker the weights rank first for the quotation at `span`, whose speaker the rules
    `how` (borrowed, none) found; `bench/fit_speaker_weights.py` replaces this to record the candidates."""
    lex = quote_lexicon()
    if how != "none":
        return best(cands, weights, lex.speaker_margin)
    pick = best(cands, weights)
    return pick if pick is not None and score(pick, weights) > lex.speaker_floor else None  # a weak best is nobody


def _own_sentence(c: Candidate, index: NameIndex) -> bool:
    """True when the candidate is the subject of the quotation's own sentence: a partial quotation
    nobody is credited with (`the "sharing economy"`) is a scare quote unless its sentence's subject speaks."""
    if "dist:0" not in c.features:
        return False
    if "cue_subject" in c.features:
        return True
    # the subject of a sentence with no cue: a person (`Trump` ... `attacking Romney as having "choked like a dog"`),
    # not a thing or a one-word body (`The Mac II uses ... an "open architecture"`)
    m = c.mention
    if "sentence_subject" not in c.features:
        return False
    return m.kind == "pronoun" or (m.kind == "name" and (" " in m.text or index.fullest(m.text, m.start) != m.text))


# How far (characters) before a quotation a borrowed speaker's later mentions are looked for.
_NEAREST_REACH = 600
# What stands before a name that opens a sentence (nothing: the stretch read starts there).
_OPENS_SENTENCE = ("", ".", "!", "?", "\u201d", '"', "\n", ",", ":")


def _nearest_mention(ctx: Context, paras: Sequence[Paragraph], p: int, mention: Mention, speaker: str, start: int) -> Mention:
    """The mention of `speaker` nearest before the quotation at `start` that borrowed it: `says Melissa Roloson, 32, ...
    Roloson supports ... "I'm a college graduate"` rests on `Roloson`, the last time the article names her before it."""
    lo = max(mention.end, start - _NEAREST_REACH, paras[p - 1].lo if p > 0 else paras[p].lo)
    words = speaker.split()
    if lo >= start - 1 or ctx.text.find(words[-1], lo, start) < 0:
        return mention  # the speaker is not named again before the quotation (most often): no mention to read
    holes = [(q.open_start, q.close_end if q.close_end is not None else para.hi) for para in paras[max(0, p - 1) : p + 1] for q in para.quoted]
    for m in reversed(mentions_in(ctx, lo, start - 1, holes)):
        named = m.text.split()
        if m.kind == "name" and words[-len(named) :] == named and ctx.text[lo:m.start].rstrip()[-1:] in _OPENS_SENTENCE:
            return m  # the same name, opening a sentence (not `after Jones assured Trump`, `she told Reeves`)
    return mention


# The most characters between a kept quotation and a short quoted sentence that goes on quoting it
# (`," Burton told state delegates recently. "Donald Trump."`): one attribution's length.
_QUOTING_GAP = 60


def _goes_on_quoting(text: str, q: Quoted, kind: str, rows: Sequence[Row]) -> bool:
    """True for a short sentence in quote marks right after a quotation kept before it, closing its paragraph
    or followed by another quotation: `"...," Tester said. "Very good."` goes on quoting the same speaker."""
    if kind != "direct" or not rows or rows[-1].kind == "indirect" or q.close_end is None:
        return False
    body = text[q.start : q.end].rstrip()
    if not (body[:1].isupper() and body[-1:] in ".!?" and q.open_start - rows[-1].end < _QUOTING_GAP):
        return False
    after = text[q.close_end : q.close_end + 3].lstrip(" ")
    return after[:1] in ("", "\n", "\u201c", '"')  # the paragraph ends or quoting goes on: no attribution of its own follows


def _paragraph_rows(ctx: Context, para: Paragraph) -> list[Row]:
    """The quoted and indirect rows of one paragraph, in text order, not yet resolved."""
    rows: list[Row] = []
    # `READ MORE: 'The suffering is getting worse'`: a link to another story quotes nobody here;
    # `CHINA TALK: ... Wang said that "..."`: a labelled paragraph of the article quotes as any other
    labelled = LABEL_LINE.match(ctx.text, para.lo, para.hi) is not None
    to_link = labelled and LINK_LINE.match(ctx.text, para.lo, para.hi) is not None
    unended = labelled and ctx.text[para.lo : para.hi].rstrip()[-1:] not in _SENTENCE_END
    link = labelled and (to_link or unended)
    # `READ MORE: Justin Trudeau says ...`: a link's headline, not this article's report
    indirect = [] if to_link and unended else [row for c in para.cues for row in indirect_rows(ctx, para, c) if row.end > row.start]
    in_list = listed(ctx.text, para.quoted)
    for n, q in enumerate(para.quoted):
        if link or is_pull_quote(ctx.text, para, q):
            continue  # a heading made of a quotation, nobody named: a teaser, not a quotation
        if n in in_list:
            continue  # `"wrap my head around," "grapple," "optics"`: words listed as words, not said
        if q.family == "s" and para.kind == "paragraph" and ctx.double_body:
            continue  # an article that quotes with double marks uses single ones for titles and nesting
        cue, mention = attribute(ctx, para, q)
        kind = quoted_kind(ctx.text, para, q)
        if cue is not None and cue.indirect == "quoted" and looks_like_label(ctx.text, q, kind, ctx.lex):
            # `blamed "far-left activists"`: a broad verb does not make a label-like phrase a quotation
            cue, mention = attribute(ctx, para, q, broad=False)
        if mention is None and looks_like_label(ctx.text, q, kind, ctx.lex) and not _goes_on_quoting(ctx.text, q, kind, rows):
            continue  # scare quotes, titles, words as words: nobody is quoted
        if labelled and mention is None:
            continue  # `NOTE: ... restated for statement 87 "employer's accounting for pensions."`: a title, nobody quoted
        if kind == "partial" and mention is None and para.kind in ("headline", "subheading"):
            continue  # `DNC issues 'deep and sincere apology'`: a headline's tag, nobody quoted
        if para.kind == "paragraph" and is_title(ctx.text, q, ctx.lex):
            continue  # `on CBS's "Face the Nation,"`, `his book "An American Son."`: a name, not words said
        if mention is None and kind == "partial":
            mention = possessor(ctx, q)
        subject = None
        if mention is None and (cue is None or _narrated(ctx.text, cue, q, ctx.lex)) and kind == "partial" and para.kind == "paragraph":
            # `Cruz coached Trump to "breathe, breathe, breathe."`: words in a sentence that has no cue
            # are its subject's (the label-like ones were dropped above)
            s_lo = sentence_of(para, q.open_start)[0]
            subject = subject_past_adjunct(ctx.text, s_lo, q.open_start, ctx.lex) if s_lo < q.open_start else None
        rows.append(Row(kind, q.start, q.end, mention, cue, subject=subject))
    rows += [r for r in indirect if not r.secondary or not any(o.start < r.end and r.start < o.end for o in indirect if not o.secondary)]
    if len(rows) > 1:
        rows.sort(key=lambda r: (r.start, r.kind != "indirect"))
    return rows


def extract_quotes(text: str, sections: Sequence[Section]) -> list[Quote]:
    """Direct, partial and indirect quotes in the article's content sections, in text order.

    Args:
        text: the article's normalised text (NFC, `\\n` line ends, curly quotes kept).
        sections: its sections from `split_sections`; only `CONTENT_KINDS` are read.

    Returns:
        One `Quote` per quotation or reported clause: `text[q.char_start:q.char_end] == q.text`,
        `speaker` the fullest name the article gives (pronouns resolved) or None, and
        `speaker_char_start/end` the mention the attribution rests on.
    """
    lex = quote_lexicon()
    source = text
    text = _plain_spaces(text)  # same length: every offset holds for `source` too
    paras = build_paragraphs(text, sections, lex)
    ctx = Context(text, lex, paras)
    blocks = [(p.lo, p.hi, p.kind, [(q.open_start, q.close_end or p.hi) for q in p.quoted]) for p in paras]
    tracker = Tracker(NameIndex(text, blocks, lex))
    # (kind, start, end, speaker, speaker start, speaker end, cue, via) a row: made `Quote`s at the end, with their parents
    out: list[tuple[str, int, int, str | None, int | None, int | None, str | None, str | None]] = []
    last_speaker: tuple[str | None, Mention | None] = (None, None)
    prev_lo = 0
    weights = lex.speaker_weights
    for p, para in enumerate(paras):
        rows = _paragraph_rows(ctx, para) if para.sentences else []
        events = via_events(ctx, para) if rows else []
        caption = bool(rows) and para.kind == "paragraph" and is_caption(text, para)
        resolved: list[tuple[Row, str | None]] = []
        for row in rows:
            speaker = tracker.resolve(row.mention, prev_lo, para.lo) if row.mention is not None else None
            resolved.append((row, speaker))
        for i, (row, speaker) in enumerate(resolved):
            mention = row.mention
            if mention is not None and mention.kind == "pronoun" and row.kind == "partial":
                ante = _sentence_antecedent(ctx, para, mention, tracker.index)
                named = tracker.resolve(ante, prev_lo, para.lo) if ante is not None else None
                if named is not None:
                    speaker, mention = named, ante  # `Ban Ki-moon condemned what he called a "brazen breach"`
            if mention is None and row.kind != "indirect":
                own = partial(_own_subject, tracker, row.subject, prev_lo, para.lo, lex) if row.subject is not None else None
                speaker, mention = borrow(resolved, i, last_speaker, row.start == para.lo + 1, own)
            if row.mention is None and row.kind != "indirect" and weights and not _continues(resolved, i, speaker) and not _neighbours(row, mention, para):
                # the rules' cue-attached mention stands (the ranking does no better there on the check part);
                # a borrowed speaker or none is ranked against every mention around the quotation
                how = "borrowed" if mention is not None else "none"
                pick = _choose(candidates(ctx, paras, p, row.start, row.end, mention, how, last_speaker[1]), weights, how, (row.start, row.end))
                if (
                    pick is not None
                    and pick.mention != mention
                    and (how != "none" or row.kind == "direct" or _own_sentence(pick, tracker.index))
                    and (named := tracker.resolve(pick.mention, prev_lo, para.lo)) is not None
                ):
                    speaker, mention = named, pick.mention
                    if pick.cue is not None and pick.cue.indirect != "phrase":
                        row = dataclasses.replace(row, mention=mention, cue=pick.cue)  # its cue: `," one official ... said`
            if speaker is not None:
                last_speaker = (speaker, mention)
            if caption:
                continue  # a photo caption repeats the article: its quotes count where the article gives them
            s_lo = sentence_of(para, row.start)[0] if events else 0
            if row.mention is None and mention is not None and speaker is not None and mention.end < row.start:
                mention = _nearest_mention(ctx, paras, p, mention, speaker, row.start)
            out.append(
                (
                    row.kind,
                    row.start,
                    row.end,
                    _visible(speaker) if speaker else None,
                    mention.start if mention is not None else None,
                    mention.end if mention is not None else None,
                    cue_word(row),
                    via_for(events, s_lo, speaker) if events else None,
                )
            )
        if para.cues and text[para.lo : para.hi].rstrip().endswith(":"):
            # `Trump told the crowd:` ending a paragraph: the quotation that opens the next one is theirs
            c = para.cues[-1]
            m = ctx.subject(para, c) if c.indirect != "phrase" and c.end >= para.hi - _COLON_REACH else None
            if m is not None:
                last_speaker = (tracker.resolve(m, prev_lo, para.lo), m)
        prev_lo = para.lo
    parents = parent_indexes([(r[0], r[1], r[2]) for r in out])
    # each `Quote` built once, its fields by position: keywords and `dataclasses.replace` cost a dict
    # and a Python call per row, a tenth of the stage on the seed article
    return [
        Quote(kind, source[lo:hi], lo, hi, speaker, m_lo, m_hi, cue, via, parent)
        for (kind, lo, hi, speaker, m_lo, m_hi, cue, via), parent in zip(out, parents, strict=True)
    ]


def _visible(speaker: str) -> str | None:
    """The speaker's name without the characters that show nothing, None when nothing is left."""
    # an ASCII name holds none of them: no `translate`, which builds a new string through a dict look-up a character
    return speaker if speaker.isascii() else speaker.translate(_INVISIBLE) or None


def parent_indexes(rows: Sequence[tuple[str, int, int]]) -> list[int | None]:
    """For each (kind, char_start, char_end) row, the index of the indirect row a partial one lies inside, else None.

    The seed's convention reports `X said the plan was "a disaster"` as an indirect row and the
    quoted fragment inside it as a partial row: one utterance, two rows. The partial row points
    at the indirect row (its index in the list, which becomes its `quote_idx`).
    """
    out: list[int | None] = [None] * len(rows)
    indirect = [(i, lo, hi) for i, (kind, lo, hi) in enumerate(rows) if kind == "indirect"]
    if not indirect:
        return out
    for i, (kind, start, end) in enumerate(rows):
        if kind != "partial":
            continue
        for j, lo, hi in indirect:
            # the fragment's quote marks may sit just outside the reported clause
            if lo <= start and end <= hi + 1:
                out[i] = j
                break
    return out


def with_parents(quotes: list[Quote]) -> list[Quote]:
    """The quotes with `parent_quote_idx` set on each partial quote that lies inside an indirect one (`parent_indexes`)."""
    parents = parent_indexes([(q.kind, q.char_start, q.char_end) for q in quotes])
    return [q if j is None else dataclasses.replace(q, parent_quote_idx=j) for q, j in zip(quotes, parents, strict=True)]
