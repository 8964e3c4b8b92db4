"""Who a cue attributes to: the speaker mention before a cue, after it (inversion), after `according to`,
or the subject that opens the sentence.
"""

from __future__ import annotations

import re

from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import Mention, clean_name, is_outlet, mention_ending_at, name_ending_at
from etl.extract.quotes.words import words_before

# One word with its position; the unit of the backward scans below.
_WORD = re.compile(r"[^\s]+")
# A US party tag after a politician's name, one token: `(D)`, `(R-Texas)`, `(D-S.C.)`, `(I-Vt.),`.
_PARTY_TAG = re.compile(r"\([DRI](?:-[A-Z][A-Za-z.]{0,14})?\)[,.;:]?")
# Words read back from a cue for its subject: enough for a name or a description (more for an apposition).
_SUBJECT_WORDS = 8
# Words read back from a cue over an apposition: `Sarah Buckley, who attended ... in 2013, said`.
_APPOSITION_WORDS = 32
# Lower-case words of a role between an inverted cue and a name: `said oil and gas worker Mike Wipf`.
_INVERTED_ROLE = re.compile(r"[ ]((?:[a-z][a-z-]*[ ]){1,5})(?=[A-Z])")
# How far (characters) after an inverted cue its subject is read: `said Rep. Jim McGovern, D-Mass.`
_INVERTED_REACH = 150


def subject_before(text: str, lo: int, cue_start: int, lex: QuoteLexicon) -> Mention | None:
    """The speaker mention that ends right before a cue (`Biden said`, `A Defense Ministry spokesman said`).

    `lo` bounds the look-back (the sentence start). Appositions are passed over
    (`Darian Lonechild, a youth advocate, said`).
    """
    words = words_before(text, lo, cue_start, _SUBJECT_WORDS)
    i = len(words) - 1
    if i >= 0 and text[words[i][0]] == "<" and text[words[i][1] - 1] == ">":
        i -= 1  # `Nixdorf Computer AG <NIXG.F> said`: a ticker symbol
    if i >= 0 and _PARTY_TAG.fullmatch(text, words[i][0], words[i][1]):
        i -= 1  # `state Sen. Jason Holsman (D) said`: a party and state tag
    # Skip adverbs and auxiliaries: `he also said`, `Scheer, however, said`.
    # as written: `Ms. May said` keeps May, the auxiliary `may` is lower case
    skip = lex.skip_before_cue
    while i >= 0 and ((w := text[words[i][0] : words[i][1]].strip(",")) in skip or (w.lower() in skip and w not in lex.name_like_auxiliaries)):
        if text[words[i][0] : words[i][1]] == "however," and i > 0:
            i -= 1
            s, e = words[i]
            if text[e - 1] == ",":
                words[i] = (s, e - 1)
            continue
        i -= 1
    if i >= 1 and _manner_adverb(text, words, i, lex):
        i -= 1  # `Netanyahu strongly warned`, `the commerce ministry quietly told`
        while i >= 0 and (w := text[words[i][0] : words[i][1]]) in skip and w.lower() not in lex.name_like_auxiliaries:
            i -= 1  # `he also bitterly said`
    # Skip a temporal adjunct right before the cue: `officials on Wednesday denied`.
    if (
        i >= 1
        and text[words[i][0] : words[i][1]] in lex.weekdays
        and text[words[i - 1][0] : words[i - 1][1]]
        in (
            "on",
            "last",
            "this",
        )
    ):
        i -= 2
    if i < 0:
        return None
    if text[words[i][1] - 1] in "\u201d\"'\u2019":
        return None  # `Next," said M&S`: the end of a quotation, not a subject
    if text[words[i][1] - 1] == ",":
        # an apposition may run long: `Rep. Lucille Roybal Allard, D-Calif., the incoming chairwoman ...,`
        return _apposition_subject(text, words_before(text, lo, words[i][1], _APPOSITION_WORDS), lex, lo)
    mention = mention_ending_at(text, words, i, lex)
    if mention is not None:
        # `Tim Guest with the Nova Scotia Health Authority says`, `A spokesman for MTV said`,
        # `The unnamed woman from Georgia says`: the one who speaks comes before the preposition
        k = next((j for j in range(i, -1, -1) if words[j][0] <= mention.start), 0)
        if k >= 2 and text[words[k - 1][0] : words[k - 1][1]] in ("the", "The"):
            k -= 1
        if k >= 2 and text[words[k - 1][0] : words[k - 1][1]] in lex.speaker_prepositions:
            head = mention_ending_at(text, words, k - 2, lex)
            if head is not None and head.kind == "name":
                return head
            if head is not None and head.kind == "desc":
                # `a spokesperson for the camp`: a description keeps what it belongs to
                return Mention(head.start, mention.end, text[head.start : mention.end], "desc")
    return mention


def _manner_adverb(text: str, words: list[tuple[int, int]], i: int, lex: QuoteLexicon) -> bool:
    """True when word `i` is an `-ly` adverb between a subject and its cue (`Netanyahu strongly warned`).

    Only after a name, a pronoun or a known head: `the daily`, `his family`, `the former monopoly`
    end with nouns in `-ly`, whose word before is no subject.
    """
    w = text[words[i][0] : words[i][1]]
    if not (len(w) > 4 and w.endswith("ly") and w.isalpha() and w.islower()):
        return False
    if mention_ending_at(text, words, i, lex) is None:
        return False  # only a subject read with the adverb glued on is cleaned: no new rows (`she jokingly tells`)
    j = i - 1
    while j > 0 and text[words[j][0] : words[j][1]] in lex.skip_before_cue:
        j -= 1  # `he also bitterly said`
    before = mention_ending_at(text, words, j, lex)
    if before is None:
        return False
    head = text[words[j][0] : words[j][1]]
    k = next((n for n in range(j, -1, -1) if words[n][0] <= before.start), 0)
    if before.kind == "name" and k > 0 and text[words[k - 1][0] : words[k - 1][1]] in lex.determiners:
        return False  # `the China daily`: a name that modifies a noun in `-ly`
    return before.kind != "desc" or head.isupper() or head.lower() in lex.heads


def _apposition_subject(text: str, words: list[tuple[int, int]], lex: QuoteLexicon, lo: int = -1) -> Mention | None:
    """`NAME, apposition, said`: the mention before the apposition's opening comma.

    A name that opens the sentence (at `lo`) is its subject and wins over names inside the apposition.
    """
    i = len(words) - 1
    s, e = words[i]
    inner = mention_ending_at(text, [*words[:i], (s, e - 1)], i, lex)
    if words[0][0] == lo:
        for j in range(0, min(i, 5)):
            s, e = words[j]
            if text[e - 1] == ",":
                lead = mention_ending_at(text, [*words[:j], (s, e - 1)], j, lex)
                if lead is not None and lead.kind == "name" and lead.start <= words[min(j, 1)][0]:
                    return lead  # `Tareq Hadad, the co-founder ... based in Antigonish, N.S., says`
                break
    first: Mention | None = None
    opened = -1  # where the apposition starts, after its opening comma
    for j in range(i - 1, max(-1, i - 14), -1):
        s, e = words[j]
        if text[e - 1] == ",":
            outer = mention_ending_at(text, [*words[:j], (s, e - 1)], j, lex)
            if outer is not None and outer.kind == "name" and " " in outer.text:
                return outer  # `Rep. Lucille Roybal Allard, D-Calif., the chairwoman ..., said`: the full name
            if first is None:
                first = outer if outer is not None else inner
                opened = e + 1
    # `Darian Lonechild, a youth advocate, said` and `The premier, Blaine Higgs, said`: a name wins,
    # a full one over a single word (`One red-state Democrat, Montana Sen. Jon Tester, said`)
    titled = inner is not None and opened >= 0 and all(w[:1].isupper() for w in text[opened : inner.start].split())
    full = inner is not None and inner.kind == "name" and " " in inner.text and " and " not in inner.text  # not `Cleary, Gottlieb, Steen and Hamilton`
    if inner is not None and full and titled and (first is None or " " not in first.text):
        return inner  # the apposition is the name, titles aside (not `who is ... in England and Wales`)
    for m in (first, inner):
        if m is not None and m.kind == "name":
            return m
    return first


def subject_after(text: str, cue_end: int, hi: int, lex: QuoteLexicon) -> Mention | None:
    """The speaker named right after a cue (`said Biden`, `said a spokesman`, `said he`), or None."""
    m = lex.inverted_pronoun.match(text, cue_end, hi)
    if m is not None:
        return Mention(m.start(1), m.end(1), m.group(1), "pronoun")
    m = _INVERTED_ROLE.match(text, cue_end, hi)
    if m is not None and not any(w in lex.role_stop or w in lex.finite_verbs for w in m.group(1).split()):
        # `," said oil and gas worker Mike Wipf.`: a lower-case role, then the name
        run = lex.name_run.match(text, m.end(1), hi)
        if run is not None and text[run.end() : run.end() + 1] in (".", ",", ";", ""):
            name = clean_name(run.group(), lex)
            if " " in name and not is_outlet(run.group(), lex):
                return Mention(run.end() - len(name), run.end(), name, "name")
    first = text[cue_end + 1 : cue_end + 12].split(" ", 1)[0]
    if first in lex.phrase_prepositions or first in lex.speaker_prepositions:
        return None  # `," Blunt, after a long pause, said of Cruz.`: whom the report is about, not who speaks
    words: list[tuple[int, int]] = []
    closed = False  # the phrase ends at punctuation, not at a clause word
    expect = cue_end + 1  # where the next word must start: one space after the last
    while text.startswith(" ", expect, hi):
        expect += 1  # `said  Yaakov Amidror`: a doubled space after the cue
    for w in _WORD.finditer(text, cue_end, min(hi, cue_end + _INVERTED_REACH)):
        if w.start() != expect:
            break  # a line break or double space: the phrase is over
        expect = w.end() + 1
        token = w.group()
        bare = token.rstrip(',.;:!?\u201d"')
        if bare == "and" and words and text[w.end() + 1 : w.end() + 2].isupper():
            words.append((w.start(), w.end()))  # `says Heart and Stroke senior manager Erin Kim`
            continue
        if bare in lex.finite_verbs:
            return None  # `, said Ms. May will try`: the subject of a reported clause, not inverted
        if not bare or (bare.islower() and bare in lex.inverted_stop):
            break
        if _PARTY_TAG.fullmatch(token):
            closed = True
            break  # `said Rep. Jim Clyburn (D-S.C.), a member`: the tag ends the name
        words.append((w.start(), w.start() + len(bare)))
        if bare != token and not (token.endswith(".") and token in lex.abbreviations):
            closed = True
            break  # punctuation ends the subject: `said Rep. Jim McGovern, D-Mass.`
    else:
        closed = bool(words) and words[-1][1] >= min(hi, cue_end + _INVERTED_REACH) - 1
    if not words:
        return None
    last = text[words[-1][0] : words[-1][1]]
    if closed and last.islower() and text[words[-1][1] : words[-1][1] + 2] == ", ":
        # `said De Telegraaf's image editor, Peter Schoonen.`: the name after the title
        run = lex.name_run.match(text, words[-1][1] + 2, hi)
        if run is not None and text[run.end() : run.end() + 1] in (".", ",", ""):
            name = clean_name(run.group(), lex)
            if name:
                return Mention(run.end() - len(name), run.end(), name, "name")
    if last[:1].isupper():
        mention = name_ending_at(text, words, len(words) - 1, lex)
        if mention is not None and mention.kind != "outlet":
            return mention
    first = text[words[0][0] : words[0][1]]
    if first in lex.determiners and len(words) <= 6 and closed:
        # `, says the Nationwide building society.`
        return Mention(words[0][0], words[-1][1], text[words[0][0] : words[-1][1]], "desc")
    return None


def after_according(text: str, cue_end: int, hi: int, lex: QuoteLexicon) -> Mention | None:
    """The source after `according to`: a name, an outlet or a description, up to the punctuation."""
    m = lex.according_source.match(text, cue_end, hi)
    if m is None:
        return None
    s, e = m.start(1), m.end(1)
    phrase = text[s:e]
    om = lex.outlet_re.match(text, s, e)
    if om is not None and om.end() == e:
        return Mention(s, e, phrase, "outlet")
    words = [(w.start(), w.end()) for w in _WORD.finditer(text, s, e)]
    last = text[words[-1][0] : words[-1][1]] if words else ""
    if last[:1].isupper():
        mention = name_ending_at(text, words, len(words) - 1, lex)
        # the whole phrase is the name, titles aside (`according to Dr. Keith Ahamad`), or a full name
        # closes it (`according to former Bank of Canada governor David Dodge`)
        if mention is not None and mention.kind == "name":
            titled = all(w in lex.titles for w in text[s : mention.start].split())
            if titled or (mention.end == e and " " in mention.text and mention.text.split()[0] in lex.given_names):
                return mention
    return Mention(s, e, phrase, "desc")


def sentence_subject(text: str, lo: int, hi: int, lex: QuoteLexicon) -> Mention | None:
    """The name or pronoun that opens the sentence at `lo` (`Sparkes also criticized ...`), or None."""
    m = _WORD.match(text, lo, hi)
    if m is None:
        return None
    if m.group().lower() in lex.speaking_pronouns:
        return Mention(m.start(), m.end(), m.group(), "pronoun")
    word = m.group()
    if word.endswith(("\u2019s", "'s")) and lex.person_genders.get(word[:-2].lower()) and word[:-2].lower() in lex.speaking_pronouns:
        return Mention(m.start(), m.end() - 2, word[:-2], "pronoun")  # `He\u2019s claiming`: `is`/`has` cut short (not `it's`)
    run = lex.name_run.match(text, lo, hi)
    if run is None:
        return None
    words = [(w.start(), w.end()) for w in _WORD.finditer(text, run.start(), run.end())]
    mention = name_ending_at(text, words, len(words) - 1, lex)
    return mention if mention is not None and mention.kind in ("name", "desc") else None


# The most characters of an opening adjunct before its comma: `During Tuesday night's debate,`, `On the eve
# of his historic election to a fourth term as prime minister in March,` (60 left out that one; 150 and 250
# credit the same 8 more on the fit part and lose none).
_ADJUNCT_REACH = 150


def subject_past_adjunct(text: str, lo: int, hi: int, lex: QuoteLexicon) -> Mention | None:
    """The subject opening the sentence at `lo`, or the one after an opening adjunct that a comma closes
    (`On Monday, Eric Trump knocked a statement ... that an "obscene amount of money"`: Eric Trump)."""
    first = text[lo : lo + 20].split(" ", 1)[0].lower().rstrip(",")
    if first not in lex.adjunct_openers and first not in lex.mention_openers:
        return sentence_subject(text, lo, hi, lex)  # `But Trump ...`: the opener is left out there
    comma = text.find(", ", lo, min(hi, lo + _ADJUNCT_REACH))
    if comma >= 0 and not any(c in text[lo:comma] for c in '"\u201c\u201d'):
        return sentence_subject(text, comma + 2, hi, lex)
    if first in lex.mention_openers:
        return sentence_subject(text, lo, hi, lex)  # `Later Trump said`, `Meanwhile the bank ...`
    return None  # an adjunct's first word (`During`, `Last`) is nobody
