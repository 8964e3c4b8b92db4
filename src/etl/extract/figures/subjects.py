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
MONEY_LEAD = re.compile(r"[ ](?P<p>in|of|for|worth[ ]of)(?:[ ](?:the|its|their|his|her|this|these|a|an))?(?=[ ])")
# A word of a noun phrase read after a figure: `annual`, `13-week`, `GNP`, `company's`.
WORD_AHEAD = re.compile(r"[ ](?P<w>(?:\d+-)?[A-Za-z][A-Za-z'-]*)")
# A conversion or aside right after a figure, stepped over: `$750m (£400m) of his own money`.
ASIDE = re.compile(r"[ ]\([^()\n]{1,24}\)")
# `of the`, `of its` after a count or percentage: what it is a part of follows (`three of the units`).
OF_AHEAD = re.compile(r"[ ]of(?:[ ](?:the|its|their|these|those|all))?(?=[ ])")
IN_OF_AHEAD = re.compile(r"[ ](?P<p>in|of|on)(?:[ ](?:the|its|their))?(?=[ ])")
# An owner named before the thing: `of Commercial Security's outstanding shares`.
OWNER = re.compile(r"[ ](?:[A-Z][A-Za-z.&-]*[ ]){0,3}[A-Z][A-Za-z.&-]*'s(?=[ ])")
WORD_BEFORE = re.compile(r"(?<![A-Za-z])(?P<w>[A-Za-z]+)[ ]\Z")
# A lowercase noun and `at` right before a price: `1.2 mln common shares at 12 dlrs`.
PRICE_AT = re.compile(r"(?<![A-Za-z])(?P<w>[a-z]+)[ ]at(?:[ ](?:about|around|approximately|roughly|only|just))?[ ]\Z")
# A noun of a table's other column right before a figure: `in quarter and loss 572,000` (not after `vs`: `Shr loss 10 cts vs loss 50 cts` is one row).
LABEL_IN_CHAIN = re.compile(r"(?<![A-Za-z])and[ ](?P<w>[a-z]+)[ ]\Z")
# A participle with an object after it is active (`the two units represented 37 votes`), not what befell a count.
ACTIVE_OBJECT = re.compile(r"[ ]\d")
# An -ing word with an object after it is a verb (`for buying the`, `in raising 20`), not a noun (`of additional financing`).
GERUND_OBJECT = re.compile(r"[ ](?:\d|(?:the|a|an|its|their|his|her|up|out|off|back|down)[ ])")
# Not after a lone capital (`the U.S. Treasury`, `J.P. Morgan`): an initial, not the end of a sentence.
SENTENCE_END = re.compile(r"(?<!(?<![A-Za-z])[A-Z])[.!?;:\n][\"'\u201d]?[ ]+|\n")
SENTENCE_CHARS = ".!?;:\n"  # the characters a SENTENCE_END starts with
# `to`/`by` right before a figure, after the thing a verb moves: `increasing the EEP funding ceiling to 2.5 billion dlrs`.
OBJECT_TO = re.compile(r"(?<![A-Za-z])(?:to|by)(?:[ ](?:about|around|nearly|almost|some|roughly|only|just|more[ ]than|less[ ]than))*[ ]\Z")
# A word, an initialism kept whole (`U.S.`), or a comma standing apart (it ends a run of words).
SUBJECT_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'-]*|,")
# The same, less a word cut by the start of the window or glued to a number or word (`5p`, `grains,`); `s` of `1986's` dropped after.
# A comma after a number stands apart: `In 1987, total cargo load increased` (the thing starts after the date).
TIME_UNITS = frozenset(("day", "week", "month", "quarter", "year"))  # the units of a period measure (`nine months`)
AGGREGATE_END = re.compile(r"(?<![\w-])M-?[0-4](?:-?[A-Z])?\Z")  # the same, right before where the scan resumed
# A money aggregate is one word with its digit: `Total M2 rose`, `M-1 fell`, `M1-A`.
WINDOW_TOKEN = re.compile(r"(?<![^\W_])(?:M-?[0-4](?:-?[A-Z])?(?![\w-])|(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'-]*|,)|(?<=\d),(?=[ ])")
# Between a figure and the next one that measures the same thing: `rose 2% to $11.1bn`, `12 cts vs profit 34 cts`,
# `2.31 billion in January and 2.57 billion` (the date between is a figure of its own, stepped over).
CHAIN_GAP = re.compile(
    r"[ ,;()/]*(?:(?:to|from|vs\.?|versus|against|and|or|compared|with|up|down|a|an|year|earlier|ago|before|in|on|at|last|this|the|"
    r"previous|prior|same|period|profit|loss|net|of|respectively|share|shr|per|record|revised|provisional|unadjusted|adjusted|"
    r"seasonally|originally|indicated|reported|estimated|further|quarter|qtr|half|month|months|mths|week|weeks|ended|ending)"
    r"[ ,;()/]+)*"
)
# After a count and its noun: a percentage that is its share (`18,287 votes, or 53 pct`), or the count it is compared with.
OR_SHARE = re.compile(r",?[ ]or[ ]")
NOUN_CHAIN = re.compile(r"[ ,]*(?:from|vs\.?|versus|against|compared[ ]with)[ ]")
# A figure of its own named in the gap (`0.50 dlrs a share vs a loss of 720,000 dlrs`): the verb `of` gives its subject.
LOSS_OF = re.compile(r"(?<![A-Za-z])(?:loss|profit|net|gain)[ ]of[ ]")
_NP_CHARS, _NP_WORDS = 100, 14  # how far back the thing measured is read before its verb
_CHAIN_GAP = 40  # characters at most between two figures of one chain
_CHAIN_FIGURES = 6  # figures looked back over
# A label at the start of a line of a table (`Shr loss 12 cts`, `Net 1,590,000`, `Revs 32.2 mln`).
LINE_LABEL = re.compile(r"(?:^|\n|[ ]-[ ]|[,;:][ ])(?P<l>[A-Za-z][A-Za-z.]*(?:[ ][A-Za-z.]+){0,3})[ ]\Z")
# The rest of a table row after a figure: more numbers (`WHEAT 225 [[300]] 678 678`), no words.
ROW_TAIL = re.compile(r"(?:[ ]+(?:[-\d.,/()%]+|nil|unch|vs|--))+[ ]*")
_ROW_AHEAD = 60  # characters after a figure read for the end of its table row
# The label of a table row run into one line after the last number of the row before (`... 0.83 Production 13.99 15.44`).
ROW_IN_LINE = re.compile(r"(?:\d|nil|NIL)[ ](?P<l>[A-Z][a-z]+\.?(?:[ ][A-Za-z][a-z]+\.?){0,2})[ ]\Z")
ROW_NEXT = re.compile(r"[ ](?:[-\d.,/()]+|nil|NIL)(?:[ ]|\Z)")  # the next cell of the row
# A word of prose after a figure: the line is a sentence (`Court rejects $280bn tobacco case`), not a table row.
PROSE_WORD = re.compile(r"(?!prior\b)[a-z]{4,}")
# How far back (characters) the thing measured is looked for before its figure.
_SUBJECT_REACH = 130
# How close (characters) a count must follow the count whose noun it borrows: `498 troops killed and another 1,600 wounded`.
_BORROW_REACH = 120
_COUNT_AHEAD = 5  # words at most read after a count for its plural noun, an opener and modifiers included
_NP_AHEAD = 4  # words at most of a noun phrase read after a figure
_VERB_REACH = 48  # characters before a figure read for its verb and particles (`amounted to approximately `)


def _plural(lw: str, lex: FigureLexicon) -> bool:
    """Whether lowercase word `lw` reads as a plural noun (`troops`, `people`; not `excess`, `bonus`)."""
    return lw in lex.irregular_plurals or (lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s")))


def _plural_ahead(text: str, end: int, limit: int, words: list[str], lex: FigureLexicon) -> tuple[str | None, int]:
    """The plural noun a count of more than one counts and where it ends, its modifiers put in `words`:
    `498 Russian troops`, `600 office and technical staff`, `four major US television networks`,
    `two more community newspapers` (an opener of `count_openers` read over, not kept); (None, end) when
    no plural noun comes within `_COUNT_AHEAD` words of modifiers (`120 after lunch`, `eight times`)."""
    pos = end
    for i in range(_COUNT_AHEAD):
        m = ANY_WORD.match(text, pos, limit)
        if m is None:
            break
        w = m.group("w").rstrip(".'-")
        lw = w.lower()
        if not w:
            break
        if i == 0 and lw in lex.count_openers and not words:
            pos = m.end()
            continue
        if lw == "and" and words and words[-1][0].islower():
            words.append(w)  # "office and technical staff": modifiers joined
            pos = m.end()
            continue
        if w.isupper() and len(w) > 1:
            words.append(w)  # an acronym, never a function word: `US` (`10 US adults`)
            pos = m.end()
            continue
        if lw in lex.stop_words or w.endswith("'s") or lw in lex.subject_place_preps:
            break
        if w.islower() and _plural(lw, lex) and not (words and words[-1] == "and") and lw not in lex.subject_phrase_end:
            words.append(w)
            return w, m.end()
        if ((w.islower() and lw in lex.subject_skip and lw not in lex.subject_modifiers and lw not in lex.count_openers)
                or w in lex.calendar.weekdays or w in lex.calendar.months):
            break  # "31,730 last year", "98.45 last Monday", "70,000 now": a time word, not a modifier
        if (lw in lex.subject_verbs or lw in lex.subject_phrase_end or (w.islower() and lw.endswith(("ly", "ing", "ed")))) and not (
                (nxt := ANY_WORD.match(text, m.end(), limit)) is not None and (nw := nxt.group("w").rstrip(".'-")).islower()
                and _plural(nw, lex) and nw not in lex.stop_words):
            break  # a verb or adverb, unless a plural noun follows at once (`trading days`, `hourly workers`, `retired employees`)
        words.append(w)  # a modifier: `excess`, `Russian`, `US`, `community`
        pos = m.end()
    words.clear()
    return None, end


def counted(text: str, end: int, limit: int, value: float, prev: list[Figure], start: int, lex: FigureLexicon
             ) -> tuple[str | None, str | None]:
    """The counted noun after a count (`498 Russian troops` -> troops) and the subject phrase."""
    if value == 1 and text.endswith(" at ", 0, start):
        return None, None  # "at one point": a phrase, not a count
    if end - start == 4 and text[start:end].isdigit() and 1900 <= value <= 2099:
        return None, None  # "1985 revs restated": a year before a noun, not a count of it
    words: list[str] = []
    pos = end
    noun = None
    if value != 1:
        noun, pos = _plural_ahead(text, end, limit, words, lex)
    else:
        for _ in range(3):
            m = ANY_WORD.match(text, pos, limit)
            if m is None:
                break
            w = m.group("w").rstrip(".'-")
            lw = w.lower()
            if not w or lw in lex.stop_words:
                break
            if w[0].islower() and not lw.endswith(("ly", "ed", "ing")):
                nxt = ANY_WORD.match(text, m.end(), limit)
                if nxt is not None and nxt.group("w")[0].islower() and nxt.group("w").lower() not in lex.stop_words:
                    words.append(w)  # "one new vaccine": `new` modifies the noun after it
                    pos = m.end()
                    continue
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
            base, _, last = prev[-1].subject.rpartition(" ")
            if not base or lex.participle.fullmatch(" " + last) is None:
                base = prev[-1].subject  # "12 US regions ... 11 showed": no participle to replace
            return None, f"{base} {v.group('v')}"
        return None, None
    v = lex.participle.match(text, pos, limit)
    if v is not None and (ACTIVE_OBJECT.match(text, v.end(), limit) is not None or (
            v.group("v") in lex.subject_said_of and text.startswith((" to ", " with "), v.end()))):
        v = None  # "the two units represented 37 votes": what they did; "two firms are believed to be": what is said of them
    subject = " ".join(words) + (f" {v.group('v')}" if v else "")
    return noun, subject


def _phrase_ahead(text: str, pos: int, limit: int, lex: FigureLexicon, listed: bool) -> tuple[str, int] | None:
    """The noun phrase that starts at `pos` (a space before it) and its end, or None.

    `listed`: the phrase up to its last noun of `subject_nouns_after` (`annual return` in `a 10 pct
    annual return on`); else the whole phrase of lower-case words, which must end where a function
    word, a verb or punctuation does (not in a name) and not on an -ing, -ed or -ly word.
    """
    words: list[str] = []
    ends: list[int] = []
    last = -1
    closed = False
    for _ in range(_NP_AHEAD):
        m = WORD_AHEAD.match(text, pos, limit)
        if m is None:
            closed = True
            break
        w = m.group("w")
        lw = w.lower()
        head = w.islower() and lw in lex.subject_heads
        if not head and (lw in lex.stop_words or lw in lex.subject_verbs or lw in lex.subject_phrase_end or lw in lex.subject_place_preps
                         or (lw.endswith("ly") and w.islower()) or (
                lw in lex.subject_skip and (words or lw not in lex.subject_modifiers))):
            closed = True
            break
        if not (w.islower() or (w.isupper() and 2 <= len(w) <= 4) or (w[0].isupper() and w[1:].islower() and len(words) < 2)):
            break  # a headline word; an acronym (`GNP`) or a name (`French franc bond`) may modify what follows
        words.append(w)
        ends.append(m.end())
        pos = m.end()
        if head:
            last = len(words) - 1
    if listed or (not closed and last >= 0):
        return None if last < 0 else (" ".join(words[: last + 1]), ends[last])
    if len(words) > 1 and words[-1].endswith("ed"):
        words.pop()  # "funds approved by Congress": a participle after the noun
        ends.pop()
    if (not closed or not words or not words[-1].islower() or len(words[-1]) < 3 or words[-1].endswith(("ed", "ly", "'s", "-"))
            or words[0] in lex.calendar.number_words
            or (words[-1].endswith("ing") and GERUND_OBJECT.match(text, ends[-1], limit) is not None)):
        return None
    return " ".join(words), ends[-1]


def _past_aside(text: str, end: int, limit: int) -> int:
    """Where the words after a figure start, past a conversion in brackets (`$750m (£400m) of`)."""
    a = ASIDE.match(text, end, limit)
    return a.end() if a is not None else end


def money_subject(text: str, end: int, limit: int, lex: FigureLexicon) -> str | None:
    """What an amount of money is for: `$5m for new housing projects` -> `new housing projects`,
    `200 mln dlrs of 13-week treasury notes` (not `in quarter`, a time, nor `for the third quarter`)."""
    m = MONEY_LEAD.match(text, _past_aside(text, end, limit), limit)
    if m is None:
        return None
    got = _phrase_ahead(text, m.end(), limit, lex, listed=False)
    if got is None:
        return None
    phrase = got[0]
    w = phrase.split()
    if m.group("p") == "in" and (lex.calendar.period.match(phrase) is not None or any(x in lex.cur_suffix or x in lex.subject_period_abbrevs for x in w)):
        return None
    if any(x in lex.calendar.number_words or x in lex.numbers.ordinal_forms for x in w):
        return None  # "for the three weeks", "for the third quarter": a time, or a number
    return phrase


def _content(tok: str, lex: FigureLexicon) -> bool:
    """Whether `tok` may be part of what a figure measures (no function word, verb, adverb or time word)."""
    low = tok.lower()
    return tok != "," and not (low in lex.stop_words or low in lex.subject_verbs or low in lex.subject_skip or low in lex.subject_not_content
                or low in lex.subject_place_preps or low in lex.calendar.number_words
                or (low.endswith("ly") and tok.islower() and low not in lex.subject_heads))


def _run_before(tokens: list[str], i: int, lex: FigureLexicon) -> int:
    """Start of the run of content words that ends at `i`."""
    j = i
    while j and _content(tokens[j - 1], lex):
        j -= 1
    return j


def _head(tokens: list[str], lex: FigureLexicon, of: bool = False, places: bool = True) -> str | None:
    """What the words before a verb name as the thing measured, or None.

    The last run of content words (`broad money stood` -> `broad money`); past a place or owner
    it names (`Exports to the convertible currency area rose` -> `Exports`; null when the thing is
    out of reach); `X of Y` kept whole (`inflow of long-term capital`); the object of a verb inside
    the run (`attacks pushed claims` -> `claims`). `of`: the verb is `of`, so the word right before
    it is the noun (`forecast of 1.8 pct`, `at a price of`). `places`: False for a table label, read
    whole. None for a headline in capitals.
    """
    i = len(tokens)
    if of:
        if not i or tokens[-1] == "," or tokens[-1].lower() in lex.stop_words or tokens[-1].lower() in lex.subject_skip:
            return None
        j = _run_before(tokens, i - 1, lex)
    else:
        while i and (not _content(tokens[i - 1], lex) or (tokens[i - 1].islower() and tokens[i - 1].endswith("ed") and i < len(tokens))):
            if tokens[i - 1].lower() in lex.subject_pronouns:
                return None  # "bankers expect it to rise to 33": the thing is `it`, named elsewhere
            i -= 1  # "deficit is projected to (shrink)": the verb's helpers and participles
        j = _run_before(tokens, i, lex)
    if j == i or any(t in ("and", "but", "or") for t in tokens[i:]):
        return None  # "The notes have a coupon and were priced at": the verb's subject is further back
    for _ in range(3 if places and not of else 0):
        k = j
        while k and (tokens[k - 1].lower() in lex.subject_determiners or tokens[k - 1].lower() in lex.subject_modifiers):
            k -= 1
        if not (k and tokens[k - 1].lower() in lex.subject_place_preps):
            break
        i = k - 1
        j = _run_before(tokens, i, lex)
        if j == i or (tokens[i - 1].islower() and tokens[i - 1].endswith("ed")):
            return None  # a place or owner, and the thing it belongs to is out of reach or a verb's object
    if j and tokens[j - 1] == "and" and (j2 := _run_before(tokens, j - 1, lex)) < j - 1 and not (
            tokens[j - 2].endswith("ed") or tokens[i - 1].endswith("ed")):
        j = j2  # "liquid assets and government securities"
    k = j
    while k and (tokens[k - 1].lower() in lex.subject_determiners or tokens[k - 1].lower() in lex.subject_modifiers):
        k -= 1
    if k and tokens[k - 1].lower() == "of":
        j2 = _run_before(tokens, k - 1, lex)
        if j2 == k - 1:
            return None  # "for the first five months of the season": what the season has is out of reach
        j = j2  # "inflow of long-term capital"
    run = tokens[j:i]
    if len(run) > 1 and run[0].islower() and run[0].endswith("ed") and run[0] not in lex.subject_heads and j and tokens[j - 1] in ("which", "that", "who"):
        run = run[1:]  # "which included foreign exchange losses of": the verb of a clause
    for n in range(len(run) - 2, 0, -1):
        if run[n].islower() and run[n].endswith("ed") and len(run[n]) > 4 and run[n - 1] != "of":
            run = run[n + 1:]  # "attacks pushed claims": the verb's object
            break
    if run[-1].islower() and run[-1].endswith("ed") and not (len(run) > 2 and run[-2] == "of"):
        if len(run) == 1:
            return None  # "head were placed on feed": a verb, not the thing
        run.pop()  # "US light crude traded (in New York)": a participle after the noun
    if sum(1 for t in run if len(t) > 1 and t.isupper() and "." not in t) >= 2:
        return None  # a headline in capitals
    while run and run[0].lower() in lex.subject_skip:
        run.pop(0)
    return " ".join(run) or None


def _sentence_lo(text: str, lo: int, start: int) -> int:
    """Where the sentence that holds `start` begins, or `lo`: the end of the last `SENTENCE_END`
    in `text[lo:start]`, found from its punctuation backwards (a few `rfind`s, no scan of the span)."""
    hi = start
    while True:
        p = max(text.rfind(c, lo, hi) for c in SENTENCE_CHARS)
        if p < 0:
            return lo
        m = SENTENCE_END.match(text, p, start)
        if m is not None:
            return m.end()
        hi = p


def _continued(text: str, start: int, sent_lo: int, prev: list[Figure], kind: str) -> str | None:
    """The subject of a figure earlier in the sentence that this one continues: `sales rose 2% to
    $11.1bn from $10.9bn`, `Shr 29 cts vs 16 cts`, `207,241 from 238,955 in January`."""
    pos = start
    for f in reversed(prev[-_CHAIN_FIGURES:]):
        gap = f.char_end
        if f.kind == "count" and f.unit and (n := text.find(f.unit, gap, min(pos, gap + _CHAIN_GAP))) >= 0 and (
                OR_SHARE.match(text, n + len(f.unit), pos) if kind == "percent" else kind == "count" and NOUN_CHAIN.fullmatch(text, n + len(f.unit), pos)):
            gap = n + len(f.unit)  # "18,287 votes, or 53 pct", "1.851 mln units from 1.804 mln": the noun of a count read over
        if f.char_end < sent_lo or pos - gap > _CHAIN_GAP or CHAIN_GAP.fullmatch(text, gap, pos) is None or LOSS_OF.search(text, gap, pos):
            return None
        if f.subject and f.kind in ("count", "money", "percent", "measure"):
            return f.subject if kind != "measure" or f.kind == "measure" else None  # not `in the six months`
        if f.kind == "count" and len(f.text) == 4 and f.text.isdigit():
            return None  # "a 1985 loss of 57 mln": a year before the noun of this figure, no link to the one before
        pos = f.char_start
    return None


def measured_subject(text: str, start: int, end: int, floor: int, limit: int, kind: str, prev: list[Figure], lex: FigureLexicon) -> str | None:
    """What a count, amount, percentage or measure measures, in the article's words, or None.

    In order: a noun right after it (`a 21.7% rise in sales`, `a $5bn deal`, `a 10 pct annual
    return`); what it is a part of (`76% of the vote`, `three of the units`); the phrase it modifies
    after a determiner (`a 31 pct devaluation`); the figure before it that it continues (`rose 2% to
    $11.1bn`); the label of a table line (`Shr 35 cts`); the thing named before a verb that leads to
    it (`Profits reached £29.7m`, `sales of $5m`).
    """
    if kind == "count" and end - start == 4 and text[start:end].isdigit() and 1900 <= float(text[start:end]) <= 2099:
        return None  # "a 1986 loss": a year, not a count
    if kind == "count" and (w := ANY_WORD.match(text, end, limit)) is not None and (
            lex.calendar.period.fullmatch(lw := w.group("w").lower()) or lw in lex.subject_period_abbrevs):
        return None  # "in nine mths": a period, not a count of what the sentence measures
    after = _past_aside(text, end, limit)
    if kind in ("money", "percent"):
        pa = lex.money_per_a.match(text, after, limit) if kind == "money" else None
        got = _phrase_ahead(text, after if pa is None else pa.end(), limit, lex, listed=True)  # "a 50 dlrs a share unsolicited bid"
        if got is not None:
            o = IN_OF_AHEAD.match(text, got[1], limit)
            if o is not None and (np := _phrase_ahead(text, o.end(), limit, lex, listed=False)) is not None:
                return f"{got[0]} {o.group('p')} {np[0]}"
            return got[0]
    if kind in ("count", "percent") and (o := OF_AHEAD.match(text, after, limit)) is not None:
        own = OWNER.match(text, o.end(), limit) if kind == "percent" else None
        np = _phrase_ahead(text, own.end() if own else o.end(), limit, lex, listed=False)
        if np is not None and (kind == "percent" or _plural(np[0].rsplit(" ", 1)[-1], lex)):
            return f"{own.group()[1:]} {np[0]}" if own else np[0]
    if kind in ("money", "percent", "count") and (d := WORD_BEFORE.search(text, max(floor, start - 12), start)) is not None and (
            d.group("w").lower() in lex.subject_determiners) and (np := _phrase_ahead(text, after, limit, lex, listed=False)) is not None and (
            not np[0].split(" ", 1)[0].endswith("ed") and np[0].split(" ", 1)[0] not in lex.subject_not_content):
        return np[0]  # "a 31 pct devaluation"
    if prev and prev[-1].char_end == start - 2 and text.startswith("; ", start - 2) and prev[-1].kind == kind and prev[-1].subject:
        return prev[-1].subject  # "a 400m euro ($495m; £275m) loan": one more conversion of the amount before
    lo = max(0, start - _SUBJECT_REACH)
    sent_lo = _sentence_lo(text, lo, start)
    if text.find(" and ", max(sent_lo, start - 24), start) >= 0 and (
            lab := LABEL_IN_CHAIN.search(text, max(sent_lo, start - 24), start)) is not None and lab.group("w") in lex.subject_heads and (
            lab.group("w") not in lex.subject_verbs):
        return lab.group("w")  # "in quarter and loss 572,000 dlrs": the noun right before names it, not the chain it continues
    if prev and prev[-1].char_end >= sent_lo and (cont := _continued(text, start, sent_lo, prev, kind)) is not None:
        return cont
    line_end = text.find("\n", end, min(len(text), end + _ROW_AHEAD))
    if text.startswith((" vs", " versus"), end) or (0 <= line_end - end <= 25 and PROSE_WORD.search(text, end, line_end) is None) or (
            line_end >= 0 and ROW_TAIL.fullmatch(text, end, line_end) is not None and end < line_end):
        lab = LINE_LABEL.search(text, max(0, start - 30), start)
        if lab is not None:
            return _head(SUBJECT_TOKEN.findall(lab.group("l")), lex, places=False) if lab.group("l").lower() not in lex.subject_skip else None
    if ROW_NEXT.match(text, end, limit) is not None and (row := ROW_IN_LINE.search(text, max(0, start - 30), start)) is not None and any(
            w.lower() in lex.subject_heads or w.lower() in lex.subject_row_measures for w in row.group("l").split(" ")):
        return row.group("l")  # "0.83 Production 13.99 15.44": a row of a table run into one line, named by a measure
    if sent_lo < floor < start and text[floor - 1] in "01234ABCDEFGHIJKLMNOPQRSTUVWXYZ" and (
            agg := AGGREGATE_END.search(text, max(sent_lo, floor - 5), floor)) is not None:
        floor = agg.start()  # "Total M2 rose": the scan stepped over `M2` as an identifier, but it is the thing measured
    lo = max(sent_lo, floor if floor < start else sent_lo)
    if prev and prev[-1].char_end == floor and _is_when(prev[-1]):
        lo = sent_lo  # "Total sales in 1986 were": a date between is read over, not a figure that measures
        for f in reversed(prev):
            if f.char_end <= sent_lo:
                break
            if not _is_when(f):
                lo = f.char_end
                break
    m = lex.subject_verb.search(text, max(lo, start - _VERB_REACH), start)  # it ends right at the figure
    if m is None:
        return (_object_moved(text, lo, start, lex) or _label_before(text, lo, start, lex)
                or (_priced_at(text, lo, start, lex) if kind == "money" else None)
                or (_noun_after(text, after, limit, lex) if kind == "percent" else None))
    of = text.startswith("of ", m.start())
    if of and kind == "count" and not (lex.scale_words.search(text, start, end) or (
            (b := WORD_BEFORE.search(text, max(lo, m.start() - 24), m.start())) is not None and b.group("w").lower() in lex.subject_heads)):
        return None  # "a flotilla of 20 small boats": what a count counts follows it; "net loss of 12.92 billion" has it before
    w_lo = max(lo, m.start() - _NP_CHARS)
    tokens = [t for t in WINDOW_TOKEN.findall(text, w_lo, m.start()) if t != "s"]
    return _head(tokens[-_NP_WORDS:], lex, of=of)


def _is_when(f: Figure) -> bool:
    """Whether figure `f` says when or for how long, read over between a thing and its verb: `1986`,
    `February 27`, `first`, `the nine months` (a measure in a unit of time)."""
    return f.kind in ("year", "date", "ordinal") or (f.kind == "measure" and f.unit in TIME_UNITS)


def _priced_at(text: str, lo: int, start: int, lex: FigureLexicon) -> str | None:
    """What a price is the price of, named right before `at`: `sell 1.2 mln common shares at 12 dlrs each` ->
    `common shares` (a plural noun or a noun of `subject_nouns_after`)."""
    a = PRICE_AT.search(text, max(lo, start - 40), start) if text.find(" at ", max(lo, start - 24), start) >= 0 else None
    if a is None:
        return None
    w = a.group("w")
    if w in lex.stop_words or w in lex.subject_skip or w in lex.subject_verbs or w in lex.subject_not_content or not (
            _plural(w, lex) or w in lex.subject_heads):
        return None
    tokens = [t for t in WINDOW_TOKEN.findall(text, max(lo, a.start() - _NP_CHARS), a.start("w") + len(w)) if t != "s"]
    return _head(tokens[-_NP_WORDS:], lex, places=False)


def _label_before(text: str, lo: int, start: int, lex: FigureLexicon) -> str | None:
    """A noun of `subject_nouns_after` right before a figure, with no verb between: `Net excludes
    discontinued operations loss 1,667,000 dlrs`, `includes gain 46 cts per share`, `to yield 9.17 pct`."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].islower():
        return None
    b = WORD_BEFORE.search(text, max(lo, start - 24), start)
    if b is None or not (w := b.group("w")).islower() or w not in lex.subject_heads or w in lex.subject_verbs:
        return None
    tokens = [t for t in WINDOW_TOKEN.findall(text, max(lo, b.start() - _NP_CHARS), b.end()) if t != "s"]
    if w.endswith("ing") or (len(tokens) > 1 and (
            (p := tokens[-2].lower()) in lex.subject_pronouns or p in lex.subject_skip or (p in lex.subject_verb_openers and w != "yield"))):
        return None  # "they pay 5 dlrs", "each pay", "could gain 5 pct", "the CPF holding": a verb (`to yield 9.17 pct` names the yield)
    if len(tokens) > 1 and tokens[-2].islower() and tokens[-2].endswith(("s", "ed")) and tokens[-2] not in lex.subject_heads:
        return w  # "mainly carries cash nil": the verb before the noun is not part of it
    return _head(tokens[-_NP_WORDS:], lex, places=False)


def _noun_after(text: str, after: int, limit: int, lex: FigureLexicon) -> str | None:
    """A noun phrase right after a percentage that nothing before explains: `comprise 1-1/4 pct selling
    concession and`, `containing 90 pct kenaf fibre` (the last word a noun by its form, never `last`, `above`)."""
    np = _phrase_ahead(text, after, limit, lex, listed=False)
    if np is None:
        return None
    words = np[0].split(" ")
    if any(w in lex.subject_skip or w in lex.subject_modifiers or w in lex.subject_not_content for w in words) or words[0].endswith(("ed", "er")):
        return None
    last = words[-1]
    if last in lex.subject_heads or _plural(last, lex) or last.endswith(("ion", "ment", "ship", "ure", "ity", "ance", "ence")):
        return np[0]
    return None


def _held_in(tokens: list[str], j: int, lex: FigureLexicon) -> str | None:
    """The thing a verb moves when a place or company follows it: `lifted its stake in Progressive to`,
    `increase its overall market share in West Germany to` (a possessive after a lower-case verb, the
    thing, then `in` and the place; `tokens[j:]` the place's words)."""
    k = j - 1 if j and tokens[j - 1].lower() in ("the", "its", "their") else j
    if k < 4 or tokens[k - 1] != "in" or k == len(tokens):
        return None
    j2 = _run_before(tokens, k - 1, lex)
    if j2 == k - 1:
        return None
    p = j2 - 1 if j2 and tokens[j2 - 1].lower() in lex.subject_modifiers else j2  # "its overall market share"
    if p < 2 or tokens[p - 1] not in lex.subject_possessives or not _moving_verb(tokens[p - 2], lex):
        return None  # "a cut in its stake in": the noun of a change, read by `_object_moved`
    return _head(tokens[j2:k - 1], lex, places=False)


def _moving_verb(verb: str, lex: FigureLexicon) -> bool:
    """Whether `verb`, right before a possessive, may be the verb that moves its object (`lower`, `lifted`)."""
    return verb.isalpha() and verb.islower() and not (verb in lex.stop_words or verb in lex.subject_place_preps or verb in lex.subject_skip)


def _object_moved(text: str, lo: int, start: int, lex: FigureLexicon) -> str | None:
    """The object of a verb that moves it to or by a figure: `lowered its rate to 15.9 pct`,
    `increasing the EEP funding ceiling to 2.5 billion dlrs` (a determiner after a verb, then the thing)."""
    m = OBJECT_TO.search(text, max(lo, start - _VERB_REACH), start)
    if m is None:
        return None
    tokens = SUBJECT_TOKEN.findall(text, max(lo, m.start() - _NP_CHARS), m.start())
    j = i = len(tokens)
    while j and _content(tokens[j - 1], lex):
        j -= 1
    if (held := _held_in(tokens, j, lex)) is not None:
        return held
    run_lo = j
    while j > 2 and tokens[j - 1].islower() and (tokens[j - 1] in lex.subject_modifiers or tokens[j - 1].endswith("ly")):
        j -= 1  # "increase the quarterly dividend to 58 cts": an adjective of the thing, left out of it
    if run_lo == i or j < 2 or tokens[j - 1].lower() not in lex.subject_determiners or tokens[j - 1].lower() in ("a", "an", "each"):
        return None
    verb = tokens[j - 2]
    change = verb in ("in", "of") and j > 2 and (n := tokens[j - 3]) in lex.subject_heads and (
        n in lex.subject_verbs or n in lex.subject_base_verbs or n in lex.subject_not_content)
    if not change and not (verb.islower() and (verb.endswith(("ed", "ing", "s", "e")) or verb in lex.subject_not_content)
                           and verb not in lex.stop_words and verb not in lex.subject_place_preps) and not (
            tokens[j - 1] in lex.subject_possessives and _moving_verb(verb, lex)):
        return None  # "cut its prime rate to"; "a cut in its discount rate to 2.5 pct" (the noun of a change, then the thing it moves)
    return _head(tokens[run_lo:i], lex, places=False)


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
