"""What the quote passes share about one article: its content paragraphs, their sentences,
quoted spans and cue words, and each cue's speaker mention (computed once, on demand)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from etl.extract.quotes.cues import Cue, find_cues, noun_use
from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.marks import Quoted, quoted_spans
from etl.extract.quotes.mentions import Mention
from etl.extract.quotes.subjects import after_according, sentence_subject, subject_after, subject_before
from etl.records import CONTENT_KINDS, Section

# Where a sentence may end: terminal punctuation, closing marks, then a capital or an opening mark.
SENTENCE_END = re.compile(
    r"""
    [.!?\u2026][.!?\u2026]*                     # terminal punctuation (a class first, not `+`: `re` skips to it 2x faster)
    [\u201d\u2019"')\]]*                        # closing quote marks or brackets
    (?=[ \t\u00a0]+(?:[\u201c\u2018"'(\[][ ]?)?\[?[A-Z0-9])  # white space, then what opens a sentence
    """,
    re.VERBOSE,
)
# Bounds that keep the stage within its 50 ms an article whatever comes in (10,000 stray marks,
# a 1 MB line). The 19,900 dev articles top out at 3,200 characters in one paragraph, 368
# paragraphs and 34,000 characters: a longer "paragraph" is a dump or a scrape gone wrong and is
# skipped, and past the paragraph or character budget the rest of the text is not read.
MAX_PARAGRAPH_CHARS = 6_000
MAX_PARAGRAPHS = 500
MAX_CONTENT_CHARS = 60_000
# Marks a cue whose subject has not been searched yet (None is a searched, empty result).
_MISSING: Mention | None = Mention(-1, -1, "", "")
# How far (in characters) a cue looks for another cue of its sentence: bounds the work in a
# sentence of a thousand cues.
_NEAR = 300
# A verb coordinated with an earlier one shares its subject: `Tass noted ... and said`.
_COORDINATED = re.compile(r"(?:[ ,](?:and|but|or|then)|,)(?:[ ](?:also|later|then|has|had|would))?[ ]\Z")
# How far back (characters) a cue looks for the conjunction that coordinates it with an earlier verb.
_COORDINATION_REACH = 24


@dataclass(slots=True)
class Paragraph:
    """One content section with its sentences, quoted spans and cues, each sorted by start."""

    lo: int
    hi: int
    kind: str
    quoted: list[Quoted]
    cues: list[Cue]
    sentences: list[tuple[int, int]]
    # the starts of the above, for bisect: every look-up stays logarithmic in a huge paragraph
    quote_starts: list[int] = field(default_factory=list)
    cue_starts: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    """A quote under construction: span, kind and the mention and cue it rests on."""

    kind: str
    start: int
    end: int
    mention: Mention | None = None
    cue: Cue | None = None
    via: str | None = None
    # a cue's second row (the report going on after `, she says,`; the subject before an inserted
    # `according to`): dropped where a row of another cue already covers it
    secondary: bool = False
    # a quotation with no mention of its own: the subject of its sentence, taken when no quoted
    # neighbour in the paragraph gives a speaker (`Cruz coached Trump to "breathe, breathe, breathe."`)
    subject: Mention | None = None


def _sentences(text: str, lo: int, hi: int, starts: Sequence[int], quoted: Sequence[Quoted], lex: QuoteLexicon) -> list[tuple[int, int]]:
    """Sentence spans of text[lo:hi]; never split inside a quotation or after `Mr.`."""
    cuts = [lo]
    for m in SENTENCE_END.finditer(text, lo, hi):
        b = m.end()
        i = bisect_left(starts, b) - 1
        close = quoted[i].close_end if i >= 0 else None
        if i >= 0 and b < (close if close is not None else hi):
            continue
        word_start = text.rfind(" ", lo, m.start()) + 1
        token = text[max(word_start, lo) : m.start() + 1]
        if token in lex.abbreviations or (len(token) == 2 and token[0].isupper()):
            continue
        cuts.append(b)
    cuts.append(hi)
    out = []
    for a, z in pairwise(cuts):
        while a < z and text[a].isspace():
            a += 1
        if a < z:
            out.append((a, z))
    return out


def sentence_of(para: Paragraph, pos: int) -> tuple[int, int]:
    """The sentence of the paragraph that holds `pos` (the whole paragraph when its sentences were not split)."""
    i = bisect_right(para.sentence_starts, pos) - 1
    if i >= 0 and pos < para.sentences[i][1]:
        return para.sentences[i]
    return (para.lo, para.hi)


def inside_quote(para: Paragraph, pos: int) -> bool:
    """True when `pos` is inside one of the paragraph's quotations, marks included."""
    i = bisect_right(para.quote_starts, pos) - 1
    if i < 0:
        return False
    q = para.quoted[i]
    return pos < (q.close_end if q.close_end is not None else para.hi)


def cues_between(para: Paragraph, lo: int, hi: int) -> list[Cue]:
    """The paragraph's cues that start in [lo, hi)."""
    return para.cues[bisect_left(para.cue_starts, lo) : bisect_left(para.cue_starts, hi)]


def build_paragraphs(text: str, sections: Sequence[Section], lex: QuoteLexicon) -> list[Paragraph]:
    """The content sections that will be read, with their quoted spans, cues and sentences."""
    spans = [(s.char_start, s.char_end, s.kind) for s in sections if s.kind in CONTENT_KINDS and s.char_end - s.char_start <= MAX_PARAGRAPH_CHARS][
        :MAX_PARAGRAPHS
    ]
    total = 0
    for n, (lo, hi, _) in enumerate(spans):
        total += hi - lo
        if total > MAX_CONTENT_CHARS:
            spans = spans[:n]
            break
    quoted = quoted_spans(text, [(lo, hi) for lo, hi, _ in spans])
    # one scan for cue words over the whole content (cheaper than one per paragraph), then shared out;
    # a cue word used as a noun (`the report`, `Russia's state media`) is dropped here
    cues = [c for c in find_cues(text, spans[0][0], spans[-1][1], lex) if not noun_use(text, c, lex)] if spans else []
    starts = [c.start for c in cues]
    paras = []
    for (lo, hi, kind), qs in zip(spans, quoted, strict=True):
        para = Paragraph(lo, hi, kind, qs, [], [], [q.open_start for q in qs])
        mine = cues[bisect_left(starts, lo) : bisect_left(starts, hi)]
        para.cues = [c for c in mine if c.end <= hi and (not qs or not inside_quote(para, c.start))]
        para.cue_starts = [c.start for c in para.cues]
        if qs or para.cues:  # sentences only where something may be quoted: most time goes here
            para.sentences = _sentences(text, lo, hi, para.quote_starts, qs, lex)
            para.sentence_starts = [a for a, _ in para.sentences]
        paras.append(para)
    return paras


def _subject(text: str, para: Paragraph, cue: Cue, lex: QuoteLexicon) -> Mention | None:
    """Who the cue attributes to: before the cue, after it (inversion), or after `according to`."""
    s_lo, s_hi = sentence_of(para, cue.start)
    if cue.indirect == "phrase":
        return after_according(text, cue.end, s_hi, lex)
    before = text[max(s_lo, cue.start - 3) : cue.start]
    if cue.word.endswith("ing") and before.rstrip().endswith(","):
        return None  # `Johnson said ..., adding`: the participle shares the sentence's subject
    # right after a quotation or a comma, the speaker follows the cue: `," said Sutopo Nugroho`
    inverted = cue.word not in lex.addressee_verbs  # `told X`: X is told, not telling
    if inverted and (before.rstrip().endswith((",", "\u201d", '"', "'", "\u2019")) or cue.start == s_lo):
        return subject_after(text, cue.end, s_hi, lex) or subject_before(text, s_lo, cue.start, lex)
    found = subject_before(text, s_lo, cue.start, lex)
    if found is not None and cue.word.endswith("ing") and found.text.rsplit(" ", 1)[-1].lower() in lex.documents:
        author = _author(text, s_lo, found, lex)
        if author is not None:
            return author
    return found


def _author(text: str, s_lo: int, document: Mention, lex: QuoteLexicon) -> Mention | None:
    """Who put out the document a participle cue hangs on: `Trump issued a statement saying ...`, `the Trump campaign
    sent out a press release saying` (the document does not speak, its author does); None for a document the
    sentence only mentions (`KLM denied a press report saying`: the report keeps its words)."""
    words = text[s_lo : document.start].split()
    k = len(words)
    while k > 0 and words[k - 1] in lex.issue_verbs:
        k -= 1  # `sent out`: the verb and its particle
    if k == len(words) or k == 0 or words[k] == "out":
        return None
    verb_start = text.rfind(words[k], s_lo, document.start)
    return subject_before(text, s_lo, verb_start, lex)


def _bare_verb_subject(text: str, mention: Mention, cue: Cue, lex: QuoteLexicon) -> bool:
    """True when a base-form cue (`say`) is really a verb after this subject: `they say`, `would say`."""
    if mention.start > cue.start:
        return False
    if mention.text in lex.base_verb_subjects:
        return True
    words = text[mention.end : cue.start].split()
    if words and words[-1] in lex.auxiliaries:
        return True
    plural = mention.text.endswith("s") and not mention.text.endswith("ss")
    if mention.kind == "name" and plural and " " not in mention.text:
        return mention.text.lower() in lex.heads  # `Officials say`, `Experts say`: a plural head capitalised at a sentence's start
    return mention.kind == "desc" and plural


@dataclass(slots=True)
class Context:
    """What the passes over one article share: the text, its paragraphs and cached subjects."""

    text: str
    lex: QuoteLexicon
    paras: list[Paragraph]
    subjects: dict[int, Mention | None] = field(default_factory=dict)
    # the article's paragraphs quote with double marks: its single marks nest or name things
    double_body: bool = False
    # every mention in a span of text read for speaker candidates (`ranking.mentions_in`), by (start, end)
    mentions: dict[tuple[int, int], list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.double_body = any(q.family == "d" for p in self.paras if p.kind == "paragraph" for q in p.quoted)

    def subject(self, para: Paragraph, cue: Cue) -> Mention | None:
        """The cue's speaker mention; a coordinated verb (`noted ... and said`) shares its subject."""
        got = self.subjects.get(cue.start, _MISSING)
        if got is not _MISSING:
            return got
        found = _subject(self.text, para, cue, self.lex)
        if found is not None and cue.bare and not _bare_verb_subject(self.text, found, cue, self.lex):
            found = None  # `Russia's state media`, `the report`: a noun, not a verb
        elif found is None and cue.indirect != "phrase" and _COORDINATED.search(self.text, max(0, cue.start - _COORDINATION_REACH), cue.start):
            s_lo, _ = sentence_of(para, cue.start)
            for prev in reversed(cues_between(para, max(s_lo, cue.start - _NEAR), cue.start)):
                found = self.subject(para, prev) if prev.indirect != "phrase" else None
                if found is not None:
                    break
            else:
                # `Sparkes also criticized the minister, saying ...`: the sentence's subject
                found = sentence_subject(self.text, s_lo, cue.start, self.lex)
        self.subjects[cue.start] = found
        return found
