"""Reported speech without quote marks: the clause a cue introduces, and where it ends.

`X said (that) ...`, `..., X said.`, `according to X, ...`, `X denied reports that ...`. The
article's state comes in a `Context`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from etl.extract.quotes.context import Context, Paragraph, Row, cues_between, inside_quote, sentence_of
from etl.extract.quotes.cues import Cue
from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import Mention
from etl.extract.quotes.words import words_after

# What ends a reported clause before the sentence does. Each branch opens with its first character
# (look-behinds moved after it), so `re` skips ahead by that character set: 3x faster a scan.
CLAUSE_STOP = re.compile(
    r"""
      [ ](?:
          (?<=[,\u201d"][ ])according[ ]to[ ]                # ," according to Reuters (the mark stays)
        | \((?=[a-z])                                        # an aside: (both tournaments moved), not ($2bn)
        | (?<=,[\u201d"][ ])\w+ing[ ]                        # ," alluding to ... (the mark stays)
        | (?=pic\.twitter\.com/|https?://)                    # a link: an embedded post's signature follows
      )
    | ,[ ](?:
          which[ ](?=(?:\S+[ ]){0,3}(?:said|confirmed|denied|says|reported))  # , which officials confirmed
        | \w+ing[ ](?=that|the|a|an|\u201c|")                # , warning that ... (participle cue)
      )
    | [ ][\u2014\u2013][ ](?=(?:a|an)[ ](?![^\u2014\u2013\n]*[\u2014\u2013]))   # — a problem compounded ...: an apposition on the report
    | :[ ](?=[a-z])                                           # : she notes that ... (a second clause)
    | ;
    """,
    re.VERBOSE,
)
# A time or occasion between a cue and its clause: `said on Thursday`, `said last week`.
_TIME_ADJUNCT = re.compile(
    r"""
    (?:
      (?:on|last|this|next|late|early|earlier)[ ](?:[A-Z][a-z]+day|week|month|year|night|morning|afternoon|evening|weekend
          |summer|fall|autumn|winter|spring)
    | (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=[ ,.])                   # said Wednesday
    | in[ ](?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})  # in July
    | earlier[ ]this[ ](?:week|month|year)
    | (?:yesterday|today|tonight|recently|previously|repeatedly|again|publicly|privately)
    | (?:in|during)[ ](?:a|an|the|that|his|her|their|its)[ ](?:statement|interview|email|e-mail|news[ ]release|press[ ]release|letter|post|tweet|speech)
        (?:[ ](?:to|with|on)[ ](?:the[ ])?[A-Z][\w.\u2019']*(?:[ ][A-Z][\w.\u2019']*){0,3})?   # in a statement to CBC
    | by[ ](?:text[ ]message|email|e-mail|phone|telephone)                          # by text message
    )
    (?:[ ](?:night|morning|afternoon|evening))?
    (?:,?[ ]|(?=[.;:!?]|\Z))                     # a space before the clause, or the sentence ends
    """,
    re.VERBOSE,
)
# Where a word's clitic starts: `it's` -> `it`.
_APOSTROPHE = re.compile(r"['\u2019]")
# What may follow a trailing attribution before the sentence ends: `, said X, a spokesman.`
_TRAILER = re.compile(
    r"""
    (?:
      [ ](?:on|in|at|as|during|via|to|last|this|earlier|late|early|by|from|after|before)[ ][^\n]{0,60}  # on Monday
    | ,[ ][^\n]{0,160}                                     # , a spokesman for the ministry
    )?
    [ ]?[.!?;]?[\u201d"]?[ ]?\Z
    """,
    re.VERBOSE,
)
# The word right after a cue, when a lower-case word follows it.
_NEXT_WORD = re.compile(r"[ ]([a-z]+)[ ]")
# A number's possessive inside a name: `BBC Radio 4's Today programme`.
_POSSESSIVE_NUMBER = re.compile(r"\d+['\u2019]s")
# One word of the person told after a trailing cue: `told Reuters`, `told the House of Commons energy committee`.
_ADDRESSEE_WORD = re.compile(r"[ ]([\w\u2019'&-]+)")
# The most words of the person told before a trailer's end: `told the House of Commons energy committee`.
_MAX_ADDRESSEE = 6
# A conjunction right before another speaker and cue: the report so far ends there.
_JOINED_SPEAKER = re.compile(r"(?:[ ]but|(?<!even)[ ](?:al)?though)[ ]\Z")
# The longest reported clause read: beyond it a sentence has gone wrong (a list, a dump).
_MAX_CLAUSE = 1_000
# The most a trailing attribution runs after its cue: `, said X, a spokesman for the agency.`
_MAX_TRAILER = 170
# After `Y, according to X` or `Y, she says`: a comma and a lower-case verb, the predicate Y's report goes on with.
_INSERTED_TAIL = re.compile(
    r",[ ](?:also[ ]|still[ ])?(?:is|are|was|were|has|have|had|will|would|could|can|cannot|may|might|must|should|does|did"
    r"|include|includes|included|remain|remains)[ ]"
)
# A cue after a form of `be`: a passive (`The court was told that ...`, `TPA is said to be more effective`), or a
# participle before `to` (`He was responding to rumours that ...`: the rumours are not his).
_PASSIVE_BEFORE = re.compile(r"(?:^|[ ])(?:is|are|was|were|be|been|being)[ ]\Z")
_PASSIVE_AFTER = re.compile(r"[ ]to[ ]")
# A label in capitals before a paragraph's text: `ANALYST'S TAKE: `, `CHINA TALK: `.
_LABEL = re.compile(r"[A-Z][A-Z'\u2019]{2,}(?:[ ][A-Z'\u2019]{2,}){0,3}:[ ]")
# `, and` / `, but` after a trailing attribution: a clause of the same report may follow.
_AND_CLAUSE = re.compile(r",[ ](?:and|but)[ ]")
# An adverb set off by commas between a cue and its `that`: `said, however, that`, `states however, that`.
_ASIDE_THAT = re.compile(r",?[ ]([a-z]+),[ ]that[ ]")
# Indefinite pronouns that open a clause (`said nothing had changed`) as often as they are the verb's object
# (`said nothing about it`): a closed class of English, too small for a lexicon file.
_INDEFINITES = frozenset(("nothing", "something", "everything", "anything", "little", "much"))
# Words a cue reads ahead for its clause: three decide most cues, more only for an addressee or an adjunct.
_FEW_WORDS = 3
_MORE_WORDS = 14
# How far (characters) ahead a `that`-cue looks for its `that`.
_THAT_REACH = 200
# How far back (characters) a trailing attribution looks for the comma before it: `..., X said.`
_TRAILER_COMMA_REACH = 60
# How far (characters) around `according to` the sentence is read for a speaker of its own.
_ACCORDING_REACH = 300
# The most words an adverbial between a cue and its clause holds (`said as RCMP entered the camp, ...`).
_MAX_ADVERBIAL = 8
# The shortest reported clause kept (characters).
_MIN_CLAUSE = 8


def _after_addressee(words: Sequence[tuple[int, int, str]], lex: QuoteLexicon) -> int | None:
    """Index of the first word after the person told: `told reporters (that) ...`, `told MPs the ...`."""
    for k, (_, _, w) in enumerate(words):
        if w == "that" or (0 < k < 6 and w.lower() in lex.clause_subjects):
            return k
        if w[-1] in ',;:.\u201d"' or w[:1] in '\u201c"':
            break
    i = 2 if words[0][2] in lex.determiners else 1
    owned = False
    while i < len(words) and (words[i - 1][2][:1].isupper() or owned) and (words[i][2][:1].isupper() or _POSSESSIVE_NUMBER.fullmatch(words[i][2])):
        owned = _POSSESSIVE_NUMBER.fullmatch(words[i][2]) is not None
        i += 1  # `told HuffPost Canada in an email`: the whole name is the one told
    head = words[i][2] if i + 1 < len(words) else ""
    grammar = head in lex.determiners or head in lex.possessives or head in lex.clause_subjects or head in lex.phrase_prepositions
    if head.isalpha() and head.islower() and not grammar and any(_POSSESSIVE_NUMBER.fullmatch(w) for _, _, w in words[1:i]):
        i += 1  # `told BBC Radio 4's Today programme the US had ...`: the programme is the one told (not `Today the ...`)
    return i if i < len(words) and words[i - 1][2][:1].isalpha() else None


def _clause_start(ctx: Context, para: Paragraph, cue: Cue, hi: int) -> int | None:
    """Where the reported clause after a cue begins, or None when the cue takes no clause."""
    text, lex = ctx.text, ctx.lex
    aside = _ASIDE_THAT.match(text, cue.end, hi)
    if aside is not None and (aside.group(1) in lex.skip_before_cue or aside.group(1).endswith("ly")):
        nxt = words_after(text, aside.end(), hi, 1)
        return nxt[0][0] if nxt and nxt[0][2] not in lex.finite_verbs else None  # `said, however, that the ...`
    if cue.end < hi and text[cue.end] in ",:;.":
        return None
    if cue.indirect == "that" and text.find("that", cue.end, min(hi, cue.end + _THAT_REACH)) < 0:
        return None  # `announced sanctions`: this verb reports speech only with `that`
    # a few words decide most cues; more are read only for an addressee or an adjunct
    words = words_after(text, cue.end, hi, _FEW_WORDS)
    if not words:
        return None
    i = 0
    full = False  # `words` holds the 14 words the longer tests read
    if cue.word in lex.addressee_verbs:
        words, full = words_after(text, cue.end, hi, _MORE_WORDS), True
        found = _after_addressee(words, lex)
        if found is None:
            return None
        i = found
    for _ in range(2):  # `said Wednesday in an interview`, `said in an interview this summer`
        adjunct = _TIME_ADJUNCT.match(text, words[i][0])
        if adjunct is None:
            break
        if not full:
            words, full = words_after(text, cue.end, hi, _MORE_WORDS), True
        # `said on Thursday there were no plans`: the clause starts after the time
        i = next((k for k, wd in enumerate(words) if wd[0] >= adjunct.end()), len(words))
        if i >= len(words):
            return None
    s, _, w = words[i]
    if w in lex.finite_verbs:
        return None  # `a console that it says will revolutionise`: no subject, a relative clause
    if w == "that":
        if i + 1 >= len(words) or words[i + 1][2] in lex.finite_verbs:
            return None  # `announced a list that will be ...`: a relative clause, not speech
        return words[i + 1][0]  # `said that "..."`: a that-clause is reported speech, quoted or not
    if cue.indirect == "that" and w in lex.claim_nouns and i + 1 < len(words) and words[i + 1][2] == "that":
        return s
    bare_w = _APOSTROPHE.split(w.lower(), maxsplit=1)[0]
    if i == 0 and cue.indirect in ("free", "object") and _opens_adverbial(w, lex):
        if not full:
            words, full = words_after(text, cue.end, hi, _MORE_WORDS), True
        if _adverbial_then_clause(words, i, lex):
            # `said as RCMP entered the camp, one person ...`: the adverbial belongs to the report;
            # `said that, if successful, the ...`: the report starts after `that`, as every that-clause does
            return words[i + 1][0] if w == "that," else s
    if cue.indirect == "object":
        # `added three more goals`, `wrote her first cookbook`: a clause only with a pronoun or a verb
        if bare_w in lex.clause_subjects:
            return s
        if not full:
            words, full = words_after(text, cue.end, hi, _MORE_WORDS), True
        # a gerund is the verb's object, not a clause's subject: `admitted using the tax code, he ...`
        noun = w.isalpha() and w.islower() and w not in lex.subject_barrier and not w.endswith("ing")
        if (noun or bare_w in lex.clause_openers or w[:1].isupper() or w[:1].isdigit()) and _verb_follows(words[i + 1 : i + 9], ctx.lex):
            return s
        return _that_after(words, i, lex)
    if cue.indirect == "free" and bare_w in lex.possessives:
        # `said his government was glad`, not `," he said his voice breaking`: the clause needs its verb
        if not full:
            words, full = words_after(text, cue.end, hi, _MORE_WORDS), True
        return s if _verb_follows(words[i + 1 : i + 9], ctx.lex, past=True) else None
    if cue.indirect == "free" and bare_w in _INDEFINITES:
        # `said nothing about supporting the dollar`, `has said little about the plan`: the verb's object, unless a verb follows
        if not full:
            words, full = words_after(text, cue.end, hi, _MORE_WORDS), True
        next_word = words[i + 1][2] if i + 1 < len(words) else ""
        if next_word == "of":
            return s  # `said much of the payment protection was ...`: a subject
        return s if next_word not in lex.phrase_prepositions and _verb_follows(words[i + 1 : i + 4], lex, past=True) else None
    if cue.indirect == "free" and (bare_w in lex.clause_openers or w[:1].isupper() or w[:1].isdigit()):
        return s if w[:1] not in "\u201c\"'\u2018" else _after_fragment(ctx, para, s, hi)
    if w[:1] in "\u201c\"\u2018'":
        return _after_fragment(ctx, para, s, hi) if cue.indirect == "free" else None
    if not full:
        words = words_after(text, cue.end, hi, _MORE_WORDS)
    if cue.indirect == "free" and w.isalpha() and w.islower() and w not in lex.subject_barrier and _verb_follows(words[i + 1 : i + 9], ctx.lex):
        return s  # `said shops were expecting ...`: a noun subject, then its verb
    return _that_after(words, i, lex)


def _opens_adverbial(w: str, lex: QuoteLexicon) -> bool:
    """True for a word that opens an adverbial before a clause: `as`, `because`, `often,`, `separately,`.

    Not a preposition: a phrase it opens is as often the verb's own (`agrees with this sentiment, one which`,
    `told reporters on his plane, referring to`) as an adverbial of the report."""
    bare = w.rstrip(",").lower()
    if bare in lex.subordinators or (len(bare) > 4 and bare.endswith("ly")):
        return True
    return w.endswith(",") and bare in lex.clause_openers  # `said often, paramedics ...`


def _passive(text: str, cue: Cue) -> bool:
    """True for a passive cue (`The court was told that ...`, `it is believed that ...`), whose subject is not the
    speaker, and for a participle before `to` after `be` (`He was responding to rumours that ...`)."""
    if _PASSIVE_BEFORE.search(text, max(0, cue.start - 7), cue.start) is None:
        return False
    return not cue.word.endswith("ing") or _PASSIVE_AFTER.match(text, cue.end) is not None


def _after_phrase(ctx: Context, cue: Cue, hi: int) -> int | None:
    """Where the clause starts after a short prepositional phrase, its comma and a pronoun with its verb
    (`admits in this instance, there were`), or None: a noun there is as often the verb's own business
    (`agrees with this sentiment, one which`, `told reporters on his plane, referring to`)."""
    if cue.indirect not in ("free", "object"):
        return None
    first = _NEXT_WORD.match(ctx.text, cue.end, hi)
    if first is None or first.group(1) not in ctx.lex.phrase_prepositions:
        return None
    words = words_after(ctx.text, cue.end, hi, _MORE_WORDS)
    k = _pronoun_after_phrase(words, ctx.lex)
    return None if k is None else words[k][0]


def _pronoun_after_phrase(words: Sequence[tuple[int, int, str]], lex: QuoteLexicon) -> int | None:
    """Index of the pronoun that opens a clause after a short phrase and its comma, a verb after it, or None."""
    for k in range(1, min(len(words) - 2, _MAX_ADVERBIAL)):
        wk = words[k][2]
        if wk[-1] in ";:.\u201d\"" or wk[:1] in "\u201c\"":
            return None
        if wk.endswith(","):
            nxt = words[k + 1][2]
            if nxt in lex.clause_subjects and _verb_follows(words[k + 2 : k + 6], lex, past=True):
                return k + 1
            return None
    return None


def _adverbial_then_clause(words: Sequence[tuple[int, int, str]], i: int, lex: QuoteLexicon) -> bool:
    """True when an adverbial of a few words, a comma, then a clause's subject follow: `said at 7:30 p.m., there were`."""
    for k in range(i, min(len(words) - 1, i + _MAX_ADVERBIAL)):
        wk = words[k][2]
        if (wk[-1] in ";:.\u201d\"" and not (wk[-1] == "." and len(wk) <= 4)) or wk[:1] in "\u201c\"":
            return False  # a sentence end or a quotation (`p.m.`, `a.m.` go on)
        if wk.endswith(","):
            nxt = words[k + 1][2]
            bare = _APOSTROPHE.split(nxt.lower(), maxsplit=1)[0]
            if bare in lex.clause_subjects or (nxt.islower() and bare in lex.clause_openers):
                return True
            return nxt.isalpha() and nxt.islower() and nxt not in lex.subject_barrier and _verb_follows(words[k + 2 : k + 10], lex)
    return False


def _that_after(words: Sequence[tuple[int, int, str]], i: int, lex: QuoteLexicon) -> int | None:
    """After an adjunct, the clause that `that` opens: `said earlier this week that`, `said in a statement that`;
    not after an infinitive and its object (`urged Congress to reinstate lapsed rules that`: a relative clause)."""
    infinitive = False
    for k in range(i, len(words) - 1):
        wk = words[k][2]
        if wk == "that":
            prev = words[k - 1][2] if k > 0 else ""
            if words[k + 1][2] in lex.finite_verbs or (prev == "of" or (prev in lex.phrase_prepositions and prev not in lex.subordinators)):
                return None  # `that will be ...`: a relative clause; `recalled of that first day`: a determiner (not `said before that`)
            if prev == "so" or (infinitive and prev != "and"):
                return None  # `urged members to accept the offer so that`; `agreed to acquire a firm that performs`
            return words[k + 1][0]
        if wk == "to" and k + 2 < len(words) and _infinitive_object(words[k + 1][2], words[k + 2][2], lex):
            infinitive = True
        if wk[-1] in ',;:.\u201d"' or wk[:1] in '\u201c"':
            return None
    return None


def _infinitive_object(verb: str, nxt: str, lex: QuoteLexicon) -> bool:
    """True for `to` + a verb + its object's determiner (`to acquire a`, `to lift the`), not `to reporters`, `to the`."""
    if not (verb.isalpha() and verb.islower()) or verb in lex.determiners or verb in lex.possessives or verb in lex.clause_subjects:
        return False
    return nxt in lex.determiners or nxt in lex.possessives


def _verb_follows(words: Sequence[tuple[int, int, str]], lex: QuoteLexicon, past: bool = False) -> bool:
    """True when a finite verb (or a past form; with `past`, an irregular one too) comes within these few words, before any cue."""
    finite = lex.finite_verbs
    for _, _, w in words:
        bare = w.rstrip(",.;:")
        if bare in finite or (((bare.endswith("ed") and len(bare) > 4) or (past and bare in lex.past_forms)) and bare not in lex.cue_kind):
            return True
        if w[-1:] in ".;:" or bare in lex.subordinators or bare in lex.cue_kind or bare == "that":
            return False  # a comma may part a list of subjects: `officials, groups, and owners need`
    return False


def _after_fragment(ctx: Context, para: Paragraph, pos: int, hi: int) -> int | None:
    """`said "it's clear" the Russians are ...`: the clause goes on after the quoted fragment."""
    i = bisect_left(para.quote_starts, pos)
    for q in para.quoted[i : i + 1]:
        if q.open_start == pos:
            if q.close_end is None:
                return None
            nxt = words_after(ctx.text, q.close_end, hi, 1)
            if not nxt or nxt[0][0] != q.close_end + 1:
                return None
            w = nxt[0][2]
            if w[:1].isalpha() and w.lower() not in ctx.lex.subordinators and w.lower() in ctx.lex.clause_openers:
                return nxt[0][0]
            return None
    return None


def _reporting(cues: list[Cue]) -> list[Cue]:
    """The cues that bound and relay reported speech: not the broad verbs that only attribute quotations."""
    return [c for c in cues if c.indirect != "quoted"]


def _clause_end(ctx: Context, para: Paragraph, start: int, hi: int, cue: Cue) -> int:
    """Where the reported clause that starts at `start` ends (exclusive, punctuation trimmed)."""
    text = ctx.text
    end = hi = min(hi, start + _MAX_CLAUSE)
    for m in CLAUSE_STOP.finditer(text, start, hi):
        if inside_quote(para, m.start()):
            continue
        if text[m.start() + 1] in "\u2014\u2013" and ("\u2014" in text[start : m.start()] or "\u2013" in text[start : m.start()]):
            continue  # the second dash of a pair (`the slain foreigners — from Italy — a local worker ...`): an aside closes
        end = m.start()
        break
    for c in _reporting(cues_between(para, start + 1, end)):
        if c is not cue and text[c.start - 5 : c.start] == " and " and c.indirect != "phrase":
            end = c.start - 5  # `argued the bill made concessions and said they ...`: a second report
            break
        if c.word.endswith("ing") and text[c.start - 2 : c.start] in (", ", '" ', "\u201d "):
            end = c.start - 1  # `said he sees misinformation, saying ...`: the participle starts its own
            break
        if c is not cue:
            m2 = ctx.subject(para, c)
            lead = min(c.start, m2.start) if m2 is not None else c.start
            if text[lead - 2 : lead] == ", " and not inside_quote(para, lead):
                end = lead - 2
                break
            joined = _JOINED_SPEAKER.search(text, max(start, lead - 9), lead) if m2 is not None and m2.start < c.start else None
            if joined is not None and not inside_quote(para, lead):
                end = joined.start()  # `... in 90 per cent of cases but Chapman says ...`: another speaker's report
                break
    while end > start and text[end - 1] in " ,;:.!?-\u2013\u2014":
        end -= 1
    return end


def indirect_rows(ctx: Context, para: Paragraph, cue: Cue) -> list[Row]:
    """The reported speech a cue introduces (`X said (that) ...`, `..., X said.`): none, one, or two
    for a trailing attribution the report goes on after (`..., she says, and lost his life ...`)."""
    text = ctx.text
    broad = cue.indirect == "quoted"
    if broad:
        if cue.word not in ctx.lex.broad_that_forms:
            return []
        if text.startswith(" that ", cue.end):
            return _broad_that(ctx, para, cue)
        # `..., she pointed out.`: a generated verb of speech closes a report too (not a participle: `, talking
        # about the crisis`); it opens none without `that`
    elif cue.indirect not in ("free", "object", "that", "phrase"):
        return []
    s_lo, s_hi = sentence_of(para, cue.start)
    if cue.indirect == "phrase":
        mention = ctx.subject(para, cue)
        return [] if mention is None else _according(ctx, para, cue, mention, s_lo, s_hi)
    # the cheap tests first: most cue words take no clause, and the subject search costs most
    start = None if broad else _clause_start(ctx, para, cue, s_hi)
    phrased = start is None and not broad and (start := _after_phrase(ctx, cue, s_hi)) is not None
    aside = text[cue.end : cue.end + 2] == ", "  # `..., she says, and lost his life ...`
    if start is None and ((s_hi - cue.end > _MAX_TRAILER and not aside) or text.find(",", max(s_lo, cue.start - _TRAILER_COMMA_REACH), cue.start) < 0):
        return []  # neither a clause after the cue nor a trailing `..., X said.`
    if _passive(text, cue):
        return []
    mention = ctx.subject(para, cue)
    if mention is None:
        return []
    if mention.kind == "outlet" and cue.word in ctx.lex.report_forms:
        return []  # `Reuters reported`: a relay of news, not someone's speech
    if phrased and mention.kind not in ("name", "pronoun"):
        start = None  # `A tweet last week said at 7:30 p.m., there were`: kept to a named speaker (GGT credits a document's author)
    if mention.kind == "pronoun" and _APOSTROPHE.split(mention.text, maxsplit=1)[0] in ctx.lex.self_pronouns and not inside_quote(para, mention.start):
        return []  # `I believe our media ...` outside quote marks: the writer's own voice, nobody quoted
    lead = min(mention.start, cue.start)
    before = text[s_lo:lead].rstrip()
    if before.endswith((" which", " what")) or before in ("Which", "What"):
        return []
    tail = max(cue.end, mention.end)
    if broad and (cue.word.endswith("ing") or text[tail:s_hi].strip(" .!?") != ""):
        return []  # `voters weighed in on their picks`: a generated verb closes a report only where the sentence ends
    going_on_at = _goes_on(text, tail, s_hi, ctx.lex)
    # `In addition, she said, many of those nations ...`: an adverbial phrase is no report; what follows the attribution is
    phrase = _phrase_only(text, s_lo, s_lo + len(before) - 1, ctx.lex)
    if before.endswith((",", ",\u201d", ',"')) and len(before) > 2 and not phrase and (
        going_on_at is not None or _ends_sentence(text, tail, s_hi, ctx.lex, addressee=cue.word in ctx.lex.addressee_verbs and tail == cue.end)
    ):
        # trailing attribution: `Being young can be hard, Lonechild said.`
        clause_lo, clause_hi = s_lo, s_lo + len(before) - (1 if before.endswith(",") else 0)
        label = _LABEL.match(text, clause_lo, clause_hi)
        if label is not None and _is_whole_quote(para, label.end(), clause_hi):
            return []  # `ANALYST'S TAKE: "...," Hussein Sayed said`: a direct quote under a label
        if _is_whole_quote(para, clause_lo, clause_hi) or clause_hi - clause_lo < _MIN_CLAUSE:
            return []
        i = bisect_left(para.quote_starts, clause_lo)
        if i < len(para.quoted) and para.quoted[i].open_start == clause_lo:
            close = para.quoted[i].close_end
            if close is not None and clause_hi - close < 40:
                return []  # `"...," her mother, Fiona, said`: a direct quote and its apposition
        rows = [Row("indirect", clause_lo, clause_hi, mention, cue)]
        if going_on_at is not None:
            # `..., she says, and lost his life ...`, `..., Foster writes; to challenge ...`: the report goes on
            end = _clause_end(ctx, para, going_on_at, s_hi, cue)
            if end - going_on_at >= _MIN_CLAUSE:
                rows.append(Row("indirect", going_on_at, end, mention, cue, secondary=True))
        return rows
    if aside and mention.start < cue.start and before.endswith(",") and text[cue.end + 2 : cue.end + 3].islower():
        # an attribution set off mid-sentence: the report goes on after it (`..., she says, and lost ...`)
        end = _clause_end(ctx, para, cue.end + 2, s_hi, cue)
        return [Row("indirect", cue.end + 2, end, mention, cue)] if end - cue.end > 10 else []
    if mention.start > cue.start or start is None:
        return []  # `," said Matthew Goodwin, a professor`: the speaker, not a clause, follows
    end = _clause_end(ctx, para, start, s_hi, cue)
    if end - start < _MIN_CLAUSE:
        return []
    return [Row("indirect", start, end, mention, cue)]


def _broad_that(ctx: Context, para: Paragraph, cue: Cue) -> list[Row]:
    """`X pointed out that ...`, `X repeated that ...`: a generated verb of speech with `that` right after it reports;
    elsewhere (`related companies`, `talked of reforms to ensure that`) it bounds and reports nothing."""
    text, lex = ctx.text, ctx.lex
    s_lo, s_hi = sentence_of(para, cue.start)
    nxt = words_after(text, cue.end + 6, s_hi, 1)
    if not nxt or nxt[0][2] in lex.finite_verbs or inside_quote(para, cue.start) or _passive(text, cue):
        return []  # `went on that will ...`: a relative clause
    mention = ctx.subject(para, cue)
    if mention is None or mention.start > cue.start or (mention.kind == "outlet" and cue.word in lex.report_forms):
        return []
    if mention.kind == "pronoun" and _APOSTROPHE.split(mention.text, maxsplit=1)[0] in lex.self_pronouns:
        return []  # the writer's own voice
    if text[s_lo : min(mention.start, cue.start)].rstrip().endswith((" which", " what")):
        return []
    start = nxt[0][0]
    end = _clause_end(ctx, para, start, s_hi, cue)
    return [Row("indirect", start, end, mention, cue)] if end - start >= _MIN_CLAUSE else []


def _goes_on(text: str, tail: int, s_hi: int, lex: QuoteLexicon) -> int | None:
    """Where the report goes on after a trailing attribution, or None: `..., she says, and lost his life`,
    `..., Foster writes; to challenge ...`, `..., says Mr Smith, and unemployment will fall` (a clause: its verb follows)."""
    going_on = lex.going_on.match(text, tail, s_hi)
    if going_on is not None:
        return going_on.end()
    joined = _AND_CLAUSE.match(text, tail, s_hi)
    if joined is None:
        return None
    words = words_after(text, joined.end(), s_hi, _FEW_WORDS * 3)
    if not words or words[0][2].lower() in lex.subject_barrier or not words[0][2].isalpha():
        return None
    return tail + 2 if _verb_follows(words[1:], lex) else None


def _phrase_only(text: str, lo: int, hi: int, lex: QuoteLexicon) -> bool:
    """True when text[lo:hi] is an adverbial phrase, no clause: `And despite the received wisdom about budgets`,
    `Combined with the perception by some that ...` (a preposition, or a participle and its preposition, and no comma)."""
    words = text[lo:hi].split(None, 3)
    if "," in text[lo:hi] or len(words) < 2:
        return False
    if words[0] in ("And", "But", "Yet"):
        words = words[1:]
    first = words[0].lower()
    if first in lex.subordinators and len(words) > 1 and words[1] == "of":
        return True  # `Because of these acquisitions, it said, ...`: a compound preposition
    if first in lex.phrase_prepositions:
        # `At least 48 people were ...`, `About 40 people died`, `Over 100 ...`: a count, the subject of a clause
        return len(words) < 2 or not (words[1][:1].isdigit() or words[1] in ("least", "most", "more", "less"))
    return first.endswith("ed") and len(words) > 1 and words[1] in lex.phrase_prepositions


def _ends_sentence(text: str, pos: int, s_hi: int, lex: QuoteLexicon, addressee: bool = False) -> bool:
    """True when only an adjunct or an apposition follows `pos` up to the sentence end; with `addressee`, after
    the person told: `..., Iida told Reuters in an interview.`, `..., he told the annual meeting.`"""
    if s_hi - pos > _MAX_TRAILER:
        return False
    rest = text[pos:s_hi]
    if " that " in rest or _INSERTED_TAIL.match(rest) is not None:
        return False  # `The plan, she says, is sound`: the predicate goes on after an inserted attribution
    if _TRAILER.match(rest) is not None and not _has_clause_subject(rest, lex):
        return True
    at, prev = 0, ""
    for _ in range(_MAX_ADDRESSEE if addressee else 0):
        word = _ADDRESSEE_WORD.match(rest, at)
        if word is None:
            return False
        w = word.group(1)
        if w in lex.finite_verbs or w in lex.subordinators or w in lex.phrase_prepositions or (w == "of" and not prev[:1].isupper()):
            # `told reporters were ...`: a clause; `urged the reinvestigation of at least ...`: an object, not a person told
            return False
        at, prev = word.end(), w
        if _TRAILER.match(rest, at) is not None:
            return True
    return False


def _has_clause_subject(rest: str, lex: QuoteLexicon) -> bool:
    """`In an interview, he said many people ...`: a pronoun after the cue starts a new clause."""
    words = rest.lstrip(" ,").split()
    return bool(words) and words[0].lower().strip(",") in lex.clause_subjects


def _is_whole_quote(para: Paragraph, lo: int, hi: int) -> bool:
    """True when text[lo:hi] is one quotation, marks included: a direct quote, not reported speech."""
    return any(q.open_start == lo and q.close_end is not None and q.close_end >= hi - 1 for q in para.quoted)


def _according(ctx: Context, para: Paragraph, cue: Cue, mention: Mention, s_lo: int, s_hi: int) -> list[Row]:
    """`According to X, ...`, `Y, according to X, is ...` (both sides) and `..., according to X.`: the reported clause."""
    if mention.kind == "outlet":
        return []  # a relay (`according to Reuters`): the outlet becomes the quotes' via
    text = ctx.text
    opens = text[s_lo : cue.start].strip() == ""
    inserted = not opens and text[cue.start - 2 : cue.start] == ", " and _INSERTED_TAIL.match(text, mention.end, s_hi) is not None
    if opens or inserted:
        # `According to the post, the bomb threat had morphed ...`; `The harsh truth, according to
        # experts, is an ill-equipped system`: the predicate after the source is the report
        if not text.startswith(", ", mention.end):
            return []
        start = mention.end + 2
        end = _clause_end(ctx, para, start, s_hi, cue)  # stops at another speaker's cue
        after = _reporting(cues_between(para, end, min(s_hi, end + 60)))
        if text.startswith(",", end) and any(c.indirect != "phrase" and ctx.subject(para, c) is not None for c in after):
            return []  # `According to Boyar, ..., the magazine said`: the sentence is the trailing speaker's
        if inserted:
            subject = text[s_lo : cue.start - 2]
            words = subject.split()
            if not words or words[-1] in ctx.lex.not_subject_end or any(c.indirect != "phrase" for c in _reporting(cues_between(para, s_lo, cue.start))):
                return []  # a relative clause or a sentence with its own cue around `according to`
            if end - start >= _MIN_CLAUSE and len(subject) >= _MIN_CLAUSE:
                return [Row("indirect", s_lo, cue.start - 2, mention, cue, secondary=True), Row("indirect", start, end, mention, cue)]
    else:
        near = _reporting(cues_between(para, max(s_lo, cue.start - _ACCORDING_REACH), min(s_hi, cue.end + _ACCORDING_REACH)))
        if any(c.indirect != "phrase" and ctx.subject(para, c) is not None for c in near):
            return []  # the sentence has its own speaker; `according to` only relays it
        start, end = s_lo, cue.start
        while end > start and text[end - 1] in " ,":
            end -= 1
        if _is_whole_quote(para, start, end):
            return []
    if end - start < _MIN_CLAUSE:
        return []
    return [Row("indirect", start, end, mention, cue)]
