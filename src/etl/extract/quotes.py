"""Quotations and reported speech in an article, with speaker, cue and relaying outlet.

`extract_quotes(text, sections)` returns direct, partial and indirect quotes from the content
sections (headline, paragraphs, captions ...). Hand-written rather than spaCy/textacy: one pass of
compiled patterns anchored on quote marks and a case-sensitive cue alternation runs about a
thousand times faster and never raises on an odd quote mark. Imports only `re`, the records, the
lexicons and the sibling modules (`quotemarks`: marks paired into spans; `cues`: cue words and
lexicons; `speakers`: the mention next to a cue; `names`: full names and pronouns;
`quotecontext`: per-article state; `clauses`: reported speech).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from etl.extract.clauses import indirect_rows
from etl.extract.cues import Cue, grammar, lexicon
from etl.extract.names import NameIndex, Tracker
from etl.extract.quotecontext import Context, Paragraph, Row, build_paragraphs, cues_between, sentence_of
from etl.extract.quotemarks import Quoted
from etl.extract.speakers import Mention, clean_name, is_outlet, sentence_subject
from etl.records import Quote, Section


def _quoted_kind(text: str, para: Paragraph, q: Quoted) -> str:
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


def _attribute(ctx: Context, para: Paragraph, q: Quoted) -> tuple[Cue | None, Mention | None]:
    """The cue and speaker mention of a quotation: after its close, before its open, or in its sentence."""
    text = ctx.text
    if q.close_end is not None:
        for c in cues_between(para, q.close_end, q.close_end + 161):
            m = ctx.subject(para, c)
            if c.indirect == "phrase" and (m is None or m.kind == "outlet"):
                continue  # `," according to Reuters`: a relay, the speaker is elsewhere
            lead = c.start if m is None else min(c.start, m.start)
            if m is not None and m.end < c.start and len(text[m.end : c.start].split()) > 2:
                break  # `." Emery retweeted the story, saying`: a new sentence with its own verb
            if text[q.end - 1] == "." and text.startswith(" that ", c.end):
                break  # `..." The company noted that ...`: a new sentence reporting something else
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
    in_sentence = cues_between(para, max(s_lo, q.open_start - 300), min(s_hi, q.start + 300))
    before = [c for c in in_sentence if c.end <= q.open_start]
    if before and before[-1].indirect != "phrase":
        c = before[-1]
        gap = text[c.end : q.open_start]
        m = ctx.subject(para, c)
        if m is not None and len(gap) <= 60 and not any(ch in gap for ch in '.!?\u201c\u201d"'):
            return c, m
    ranked = sorted(
        (c for c in in_sentence if c.indirect != "phrase"),
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


# What may stand between a quotation's close and the name that says it: a role, no clause.
_ROLE_GAP = re.compile(r"[ ](?:(?:[A-Z][\w.\u2019'&-]*|of|the|and|for|at|[a-z-]+)[ ]){1,10}")


def _via_events(ctx: Context, para: Paragraph) -> list[tuple[int, int, str, bool]]:
    """Where an outlet relays the words in a paragraph: (sentence start, position, outlet, carries).

    `carries`: a report (`AP reported that`, `was reported by Reuters`) covers the rest of the
    paragraph; `according to X` and `told X` only their own sentence.
    """
    text, lex = ctx.text, ctx.lex
    events = []
    report_forms = grammar()["report_forms"]
    for c in para.cues:
        if c.indirect == "phrase" or c.word in report_forms:
            m = ctx.subject(para, c)
            if m is not None and m.kind == "outlet":
                events.append((sentence_of(para, c.start)[0], c.start, m.text, c.indirect != "phrase"))
    lo, hi = para.lo, para.hi
    for key, phrases in _RELAY_GROUPS:
        if text.find(key, lo, hi) < 0:
            continue  # no phrase of the group can be there: one `find` for several
        for phrase in phrases:  # `str.find` per phrase: a regex alternation scans 3x slower
            at = text.find(phrase, lo, hi)
            while at >= 0:
                if not (at > 0 and (text[at - 1].isalnum() or text[at - 1] == "-")):
                    om = lex.outlet_re.match(text, at + len(phrase))
                    if om is not None:
                        events.append((sentence_of(para, at)[0], at, om.group(), phrase.endswith(" by ")))
                at = text.find(phrase, at + len(phrase), hi)
    return sorted(events)


# Phrases after which an outlet relays what was said: `reported by Reuters`, `told the BBC`,
# `in an interview with CNN`. A report (`... by`) carries over the rest of the paragraph.
_RELAY_PHRASES = (
    "reported by ", "published by ", "broadcast by ", "quoted by ", "cited by ",
    "told ", "tells ", "telling ",
    "interview with ", "conversation with ",
)  # fmt: skip
# `_RELAY_PHRASES` grouped under a string each of them holds: a paragraph without it skips the group.
_RELAY_GROUPS = (
    ("by ", ("reported by ", "published by ", "broadcast by ", "quoted by ", "cited by ")),
    ("tel", ("tells ", "telling ")),
    ("told ", ("told ",)),
    ("with ", ("interview with ", "conversation with ")),
)


def _via_for(events: Sequence[tuple[int, int, str, bool]], sentence_lo: int, speaker: str | None) -> str | None:
    """The outlet of the quote's sentence, else the last one earlier in the paragraph."""
    # events are few and sorted by sentence: the same sentence first, then the nearest before
    lo = bisect_left(events, (sentence_lo,))
    hi = bisect_left(events, (sentence_lo + 1,))
    found = next((o for _, _, o, _ in events[lo:hi] if o != speaker), None)
    if found is None:
        found = next((o for _, _, o, carries in reversed(events[max(0, lo - 4) : lo]) if carries and o != speaker), None)
    if found is None:
        return None
    for article in ("a ", "an ", "A ", "An "):
        if found.startswith(article):
            return found[len(article) :]
    return found


def _looks_like_label(text: str, q: Quoted, kind: str) -> bool:
    """A short fragment or a title in quote marks (`"rigged"`, `"Face the Nation"`), or markup (`id="7"`)."""
    if q.open_start > 0 and text[q.open_start - 1] == "=":
        return True
    words = text[q.start : q.end].split()
    if len(words) == _MAX_LABEL_WORDS and q.family == "d" and words[0][:1].islower() and words[0].isalpha():
        return False  # `"stand down"`, `"adequate resources"`: a phrase of two words is someone's words
    if len(words) <= _MAX_LABEL_WORDS:
        return True
    if kind == "direct" and len(words) > _MAX_TITLE_WORDS:
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w in grammar()["title_small_words"] for w in words)


def _is_title(text: str, q: Quoted) -> bool:
    """A run of two to eight capitalised words (small words aside) that does not open its sentence: a title."""
    words = text[q.start : q.end].rstrip(".,!?").split()
    if not 2 <= len(words) <= _MAX_TITLE_RUN or not words[0][:1].isupper():
        return False
    small = grammar()["title_small_words"]
    if not all(w[:1].isupper() or w in small or not w[:1].isalpha() for w in words):
        return False
    before = text[max(0, q.open_start - 2) : q.open_start]
    return before[-1:] not in ("", "\n") and before.rstrip()[-1:] not in (":", ".", "\n", "")


# The longest title in quote marks read as a name (`"The Late Show With Stephen Colbert"`).
_MAX_TITLE_RUN = 8


# Fragments this short with nobody attributed are scare quotes or words as words, not quotations.
_MAX_LABEL_WORDS = 2
# A direct quotation this short, in title case and attributed to nobody, is a title (`"Super Mario Run"`).
_MAX_TITLE_WORDS = 6


# A line that opens with a label in capitals and a colon: `READ MORE:`, `WATCH:`, `RELATED:`.
_LABEL_LINE = re.compile(r"[A-Z]{3,}(?:[ ][A-Z]{2,}){0,2}:[ ]")
# A heading made of one quotation is at most this many words (`'Not a lot of units available'`).
_MAX_PULL_QUOTE_WORDS = 12


def _is_pull_quote(text: str, para: Paragraph, q: Quoted) -> bool:
    """A heading that is one short quotation without end punctuation, and names nobody."""
    if q.open_start != para.lo or para.cues:
        return False
    if para.kind in ("headline", "subheading"):
        return True
    whole = q.close_end is not None and q.close_end >= para.hi - 1
    content = text[q.start : q.end]
    return whole and content[-1:] not in ".!?,\u2026" and len(content.split()) <= _MAX_PULL_QUOTE_WORDS


def _listed(text: str, quoted: Sequence[Quoted]) -> set[int]:
    """Indexes of short quotations that are items of a list of three or more (`"toxic," "optics" and "grapple"`)."""
    out: set[int] = set()
    run: list[int] = []
    for n, q in enumerate(quoted):
        short = q.close_end is not None and len(text[q.start : q.end].split()) <= _MAX_LIST_ITEM_WORDS
        joined = bool(run) and short and _LIST_GAP.fullmatch(text, quoted[run[-1]].close_end or 0, q.open_start) is not None
        if joined:
            run.append(n)
            continue
        if len(run) >= _MIN_LIST_ITEMS:
            out.update(run)
        run = [n] if short else []
    if len(run) >= _MIN_LIST_ITEMS:
        out.update(run)
    return out


# A list of words in quote marks: at least three items of at most three words, joined by commas,
# `and`, `or` (`"toxic," "optics" and "grapple"`).
_MIN_LIST_ITEMS = 3
_MAX_LIST_ITEM_WORDS = 3
_LIST_GAP = re.compile(r",?[ ](?:(?:and|or|to|as[ ]well[ ]as)[ ])?|,")


# A name in the possessive right before a quotation: `To head off Musk's "production hell"`.
_POSSESSOR = re.compile(r"(?<![\w-])([A-Z][\w.\u2019'-]*[a-z](?:[ ][A-Z][\w.\u2019'-]*[a-z]){0,3})[\u2019']s[ ]\Z")


def _possessor(ctx: Context, q: Quoted) -> Mention | None:
    """The person whose words a partial quotation gives, named in the possessive just before it."""
    m = _POSSESSOR.search(ctx.text, max(0, q.open_start - 60), q.open_start)
    if m is None:
        return None
    name = clean_name(m.group(1), ctx.lex)
    if not name or name != m.group(1)[-len(name) :] or is_outlet(m.group(1), ctx.lex):
        return None
    if any(w.endswith("ing") for w in name.split()) or name.endswith(("Republican", "Democrat")):
        return None  # `Chasing Trump's`, `the Iowa Republican's`: not a name
    return Mention(m.end(1) - len(name), m.end(1), name, "name")


def _paragraph_rows(ctx: Context, para: Paragraph) -> list[Row]:
    """The quoted and indirect rows of one paragraph, in text order, not yet resolved."""
    rows = []
    # `READ MORE: 'The suffering is getting worse'`: a link to another story quotes nobody here
    labelled = _LABEL_LINE.match(ctx.text, para.lo, para.hi) is not None
    listed = _listed(ctx.text, para.quoted)
    for n, q in enumerate(para.quoted):
        if labelled or _is_pull_quote(ctx.text, para, q):
            continue  # a heading made of a quotation, nobody named: a teaser, not a quotation
        if n in listed:
            continue  # `"wrap my head around," "grapple," "optics"`: words listed as words, not said
        if q.family == "s" and para.kind == "paragraph" and ctx.double_body:
            continue  # an article that quotes with double marks uses single ones for titles and nesting
        cue, mention = _attribute(ctx, para, q)
        kind = _quoted_kind(ctx.text, para, q)
        if mention is None and _looks_like_label(ctx.text, q, kind):
            continue  # scare quotes, titles, words as words: nobody is quoted
        if kind == "partial" and mention is None and para.kind in ("headline", "subheading"):
            continue  # `DNC issues 'deep and sincere apology'`: a headline's tag, nobody quoted
        if para.kind == "paragraph" and _is_title(ctx.text, q):
            continue  # `on CBS's "Face the Nation,"`, `his book "An American Son."`: a name, not words said
        if mention is None and kind == "partial":
            mention = _possessor(ctx, q)
        rows.append(Row(kind, q.start, q.end, mention, cue))
    indirect = [row for c in para.cues for row in indirect_rows(ctx, para, c) if row.end > row.start]
    rows += [r for r in indirect if not r.secondary or not any(o.start < r.end and r.start < o.end for o in indirect if not o.secondary)]
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
    lex = lexicon()
    paras = build_paragraphs(text, sections, lex)
    ctx = Context(text, lex, paras)
    blocks = [(p.lo, p.hi, p.kind, [(q.open_start, q.close_end or p.hi) for q in p.quoted]) for p in paras]
    tracker = Tracker(NameIndex(text, blocks, lex))
    out: list[Quote] = []
    last_speaker: tuple[str | None, Mention | None] = (None, None)
    prev_lo = 0
    for para in paras:
        rows = _paragraph_rows(ctx, para) if para.sentences else []
        events = _via_events(ctx, para) if rows else []
        resolved: list[tuple[Row, str | None]] = []
        for row in rows:
            speaker = tracker.resolve(row.mention, prev_lo, para.lo) if row.mention is not None else None
            resolved.append((row, speaker))
        for i, (row, speaker) in enumerate(resolved):
            mention = row.mention
            if mention is None and row.kind != "indirect":
                speaker, mention = _borrow(resolved, i, last_speaker, row.start == para.lo + 1)
            if speaker is not None:
                last_speaker = (speaker, mention)
            s_lo = sentence_of(para, row.start)[0] if events else 0
            out.append(
                Quote(
                    kind=row.kind,
                    text=text[row.start : row.end],
                    char_start=row.start,
                    char_end=row.end,
                    speaker=speaker,
                    speaker_char_start=mention.start if mention is not None else None,
                    speaker_char_end=mention.end if mention is not None else None,
                    cue=_cue_word(row),
                    via=_via_for(events, s_lo, speaker) if events else None,
                )
            )
        prev_lo = para.lo
    return out


def _cue_word(row: Row) -> str | None:
    """The cue as reported: None for a borrowed speaker, `according to` in lower case."""
    if row.cue is None or row.mention is None:
        return None
    return row.cue.word if row.cue.indirect != "phrase" else row.cue.word.lower()


def _borrow(
    resolved: Sequence[tuple[Row, str | None]],
    i: int,
    last: tuple[str | None, Mention | None],
    opens_paragraph: bool,
) -> tuple[str | None, Mention | None]:
    """Speaker of an unattributed quotation: its paragraph's quoted neighbour, else the one before."""
    for j in [*range(i - 1, max(-1, i - 4), -1), *range(i + 1, min(len(resolved), i + 4))]:
        row, speaker = resolved[j]
        if row.kind != "indirect" and speaker is not None:
            return speaker, row.mention
    for j in range(i - 1, max(-1, i - 4), -1):
        row, speaker = resolved[j]
        if speaker is not None:
            # `Mr. Hemming said his group ... "The purpose ..."`, `Vickers said he's a "long ways ..."`:
            # the words quoted within or after someone's reported speech are theirs
            return speaker, row.mention
    return last if opens_paragraph else (None, None)
