"""What a figure counts: the noun after a count (`498 Russian troops` -> troops), after money
(`$5m for housing`), or after an ordinal (`second-largest city`)."""

from __future__ import annotations

import re

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import Quantity
from etl.records import Figure

PLURAL_NOUN = re.compile(r"[ ](?P<w>[a-z][a-z'-]*)")
ANY_WORD = re.compile(r"[ ](?P<w>[A-Za-z][A-Za-z.'-]*)")
HYPHEN_WORD = re.compile(r"-(?P<w>[a-z]+)(?![A-Za-z])")
MONEY_SUBJECT = re.compile(r"[ ](?P<p>in|of|for|worth[ ]of)[ ](?P<w>[a-z]+(?:[ ][a-z]+)?)")
SENTENCE_END = re.compile(r"[.!?;:\n][\"'\u201d]?[ ]+|\n")
SUBJECT_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Between a figure and the next one that measures the same thing: `rose 2% to $11.1bn`, `12 cts vs profit 34 cts`,
# `2.31 billion in January and 2.57 billion` (the date between is a figure of its own, stepped over).
CHAIN_GAP = re.compile(
    r"[ ,;()/]*(?:(?:to|from|vs\.?|versus|against|and|or|compared|with|up|down|a|an|year|earlier|ago|before|in|on|at|last|this|the|"
    r"previous|prior|same|period|profit|loss|net|of|respectively)[ ,;()/]+)*"
)
_NP_CHARS, _NP_WORDS = 40, 4  # how far back the thing measured is read before its verb
_CHAIN_GAP = 40  # characters at most between two figures of one chain
_CHAIN_FIGURES = 6  # figures looked back over
# A label at the start of a line of a table (`Shr loss 12 cts`, `Net 1,590,000`, `Revs 32.2 mln`).
LINE_LABEL = re.compile(r"(?:^|\n|[ ]-[ ]|[,;:][ ])(?P<l>[A-Za-z][A-Za-z.]*(?:[ ][A-Za-z.]+){0,3})[ ]\Z")
PERCENT_OF_NP = re.compile(r"[ ]of[ ](?:the[ ]|its[ ]|their[ ]|all[ ])?(?P<np>[a-z][a-z'-]*(?:[ ][a-z][a-z'-]*)?)(?![A-Za-z'-])")
# The rest of a table row after a figure: more numbers (`WHEAT 225 [[300]] 678 678`), no words.
ROW_TAIL = re.compile(r"(?:[ ]+(?:[-\d.,/()%]+|nil|unch|vs|--))+[ ]*")
_ROW_AHEAD = 60  # characters after a figure read for the end of its table row
# A word of prose after a figure: the line is a sentence (`Court rejects $280bn tobacco case`), not a table row.
PROSE_WORD = re.compile(r"(?!prior\b)[a-z]{4,}")
# How far back (characters) the thing measured is looked for before its figure.
_SUBJECT_REACH = 60
# How close (characters) a count must follow the count whose noun it borrows: `498 troops killed and another 1,600 wounded`.
_BORROW_REACH = 120


def _plural(lw: str, lex: FigureLexicon) -> bool:
    """Whether lowercase word `lw` reads as a plural noun (`troops`, `people`; not `excess`, `bonus`)."""
    return lw in lex.irregular_plurals or (lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s")))


def counted(text: str, end: int, limit: int, value: float, prev: list[Figure], start: int, lex: FigureLexicon
             ) -> tuple[str | None, str | None]:
    """The counted noun after a count (`498 Russian troops` -> troops) and the subject phrase."""
    words: list[str] = []
    pos = end
    noun = None
    for _ in range(3):
        m = ANY_WORD.match(text, pos, limit)
        if m is None:
            break
        w = m.group("w").rstrip(".'-")
        lw = w.lower()
        if not w or lw in lex.stop_words:
            break
        if value == 1 and w[0].islower() and not lw.endswith(("ly", "ed", "ing")):
            nxt = ANY_WORD.match(text, m.end(), limit)
            if nxt is not None and nxt.group("w")[0].islower() and nxt.group("w").lower() not in lex.stop_words:
                words.append(w)  # "one new vaccine": `new` modifies the noun after it
                pos = m.end()
                continue
        if value != 1 and w[0].islower() and not _plural(lw, lex) and (nxt := ANY_WORD.match(text, m.end(), limit)) is not None:
            nw = nxt.group("w").rstrip(".'-")
            if nw and nw[0].islower() and nw.lower() not in lex.stop_words and _plural(nw.lower(), lex):
                words.append(w)  # "361,000 excess vehicles": `excess` modifies the plural noun after it
                pos = m.end()
                continue
        if w[0].islower() and (
            lw in lex.irregular_plurals or (value != 1 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s")))
            or (value == 1 and not lw.endswith(("ly", "ed", "ing")))
        ):
            noun = w
            words.append(noun)
            pos = m.end()
            break
        if w[0].isupper() or lw.endswith(("ian", "ese", "ish", "al", "ic", "ive", "ern", "-old", "-year")):
            words.append(w)
            pos = m.end()
            continue
        break
    if noun is None:
        # "another 1,600 had been wounded": the noun of the count before it in the sentence
        v = lex.participle.match(text, end, limit)
        if v is not None and prev and prev[-1].kind == "count" and prev[-1].subject and start - prev[-1].char_end < _BORROW_REACH:
            base = prev[-1].subject.rsplit(" ", 1)[0] if " " in prev[-1].subject else prev[-1].subject
            return None, f"{base} {v.group('v')}"
        return None, None
    v = lex.participle.match(text, pos, limit)
    subject = " ".join(words) + (f" {v.group('v')}" if v else "")
    return noun, subject


def money_subject(text: str, end: int, limit: int, lex: FigureLexicon) -> str | None:
    """What an amount of money is for: `$5m for new housing` -> `new housing` (not `in quarter`, a time)."""
    m = MONEY_SUBJECT.match(text, end, limit)
    if m is None:
        return None
    if m.group("p") == "in" and (lex.calendar.period.search(text, m.start("w"), min(limit, m.start("w") + 25)) is not None
                                 or any(x in lex.cur_suffix or x in lex.calendar.number_words for x in m.group("w").split())):
        return None
    w = m.group("w").split()
    cut = text.startswith("-", m.end()) and not text.startswith("--", m.end())
    if cut or any(x in lex.calendar.number_words or x in lex.numbers.ordinal_forms for x in w):
        return None  # "of five-year bills", "for the third quarter": a word cut from a compound, or a number
    w = [x for x in w if x not in lex.stop_words]
    return " ".join(w) or None


def _clean(np: str, lex: FigureLexicon) -> str | None:
    """The last run of content words of `np` (no function words, verbs or adverbs), less leading
    determiners; None if nothing is left (`broad money stood` -> `broad money`)."""
    tokens: list[str] = SUBJECT_TOKEN.findall(np)

    def content(tok: str) -> bool:
        low = tok.lower()
        return not (low in lex.stop_words or low in lex.subject_verbs or low in lex.subject_skip or low.endswith("ly"))

    while tokens and not content(tokens[-1]):
        tokens.pop()
    keep: list[str] = []
    for tok in reversed(tokens):
        if not content(tok):
            break
        keep.insert(0, tok)
    while keep and keep[0].lower() in lex.subject_skip:
        keep.pop(0)
    return " ".join(keep) or None


def _continued(text: str, start: int, sent_lo: int, prev: list[Figure]) -> str | None:
    """The subject of a figure earlier in the sentence that this one continues: `sales rose 2% to
    $11.1bn from $10.9bn`, `Shr 29 cts vs 16 cts`, `207,241 from 238,955 in January`."""
    pos = start
    for f in reversed(prev[-_CHAIN_FIGURES:]):
        if f.char_end < sent_lo or pos - f.char_end > _CHAIN_GAP or CHAIN_GAP.fullmatch(text, f.char_end, pos) is None:
            return None
        if f.subject and f.kind in ("count", "money", "percent", "measure"):
            return f.subject
        pos = f.char_start
    return None


def measured_subject(text: str, start: int, end: int, floor: int, limit: int, kind: str, prev: list[Figure], lex: FigureLexicon) -> str | None:
    """What a count, amount, percentage or measure measures, in the article's words, or None.

    In order: a noun right after it (`a 21.7% rise in sales`, `a $5bn deal`); the figure before it
    that it continues (`rose 2% to $11.1bn`); the label of a table line (`Shr 35 cts`); the thing
    named before a verb that leads to it (`Profits reached £29.7m`, `sales of $5m`).
    """
    if kind in ("money", "percent"):
        n = lex.noun_after.match(text, end, limit)
        if n is not None:
            if n.group("np") and n.group("p") in ("in", "of", "on") and (np := _clean(n.group("np"), lex)):
                return f"{n.group('n')} {n.group('p')} {np}"
            return n.group("n")
    if kind == "percent" and (o := PERCENT_OF_NP.match(text, end, limit)) is not None and (np := _clean(o.group("np"), lex)):
        if " " in o.group("np") and np == o.group("np").split()[0]:
            return None  # "of the vote went": a verb after the noun; "of refining capacity" stays whole
        return np  # "76% of the vote"
    lo = max(0, start - _SUBJECT_REACH)
    ends = [m.end() for m in SENTENCE_END.finditer(text, lo, start)]
    sent_lo = ends[-1] if ends else lo
    if prev and prev[-1].char_end >= sent_lo and (cont := _continued(text, start, sent_lo, prev)) is not None:
        return cont
    line_end = text.find("\n", end, min(len(text), end + _ROW_AHEAD))
    if text.startswith((" vs", " versus"), end) or (0 <= line_end - end <= 25 and PROSE_WORD.search(text, end, line_end) is None) or (
            line_end >= 0 and ROW_TAIL.fullmatch(text, end, line_end) is not None and end < line_end):
        lab = LINE_LABEL.search(text, max(0, start - 30), start)
        if lab is not None:
            return _clean(lab.group("l"), lex) if lab.group("l").lower() not in lex.subject_skip else None
    lo = max(sent_lo, floor if floor < start else sent_lo)
    m = lex.subject_verb.search(text, lo, start)
    if m is None or (kind == "count" and text.startswith("of ", m.start())):
        return None  # "a flotilla of 20 small boats": what a count counts follows it
    return _clean(" ".join(SUBJECT_TOKEN.findall(text, max(lo, m.start() - _NP_CHARS), m.start())[-_NP_WORDS:]), lex)


def ordinal_figure(text: str, q: Quantity, limit: int, lex: FigureLexicon) -> Figure | None:
    """An ordinal (`third`, `21st`) with the noun it ranks (`second-largest city`); None for a name (`Third World`)."""
    end = q.end
    h = HYPHEN_WORD.match(text, end, limit)
    subject = None
    if h is not None and h.group("w") in lex.not_ordinal_compounds:
        return None  # "Third World" is a name, not a rank
    if h is not None:  # "second-largest"
        end = h.end()
        noun = PLURAL_NOUN.match(text, end, limit)
        subject = f"{h.group('w')} {noun.group('w')}" if noun else h.group("w")
    else:
        noun = PLURAL_NOUN.match(text, end, limit)
        if noun is not None and noun.group("w") not in lex.stop_words:
            subject = noun.group("w")
    return Figure(kind="ordinal", text=text[q.start:end], char_start=q.start, char_end=end, value=q.value,
                  subject=subject)
