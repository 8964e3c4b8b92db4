"""Who is speaking: the speaker mention next to a cue, names without titles, outlets.

Hand-written patterns rather than a parser (spaCy, textacy): about a thousand times faster and
never thrown by odd quote marks. Imports only `re` and the sibling module `cues`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from etl.extract.cues import Lexicon, grammar


class Mention(NamedTuple):
    """The words a speaker is named by next to a cue: a name, a pronoun or a description."""

    start: int
    end: int
    text: str
    kind: str  # name | pronoun | desc | outlet


# A capitalised word of a name: `Zelenskyy`, `O'Brien`, `Crown-Indigenous`, `Mr.`, `J.`, `McKinley`.
_NAME_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z](?:[\w\u2019'-]{0,30}[\w])?)"
# A run of capitalised words, allowing the particles of names (`Ursula von der Leyen`).
NAME_RUN = re.compile(
    rf"""
    {_NAME_WORD}
    (?:[ ](?:(?:de|da|del|della|der|den|di|du|van|von|bin|al|la|le|dos|ten|ter)[ ]){{0,2}}{_NAME_WORD}){{0,6}}
    """,
    re.VERBOSE,
)
# One word with its position; the unit of the backward scans below.
_WORD = re.compile(r"[^\s]+")


def clean_name(run: str, lex: Lexicon) -> str:
    """A capitalised run without its titles and leading descriptors: the name itself."""
    if " of " in run:
        # `Sen. Richard Shelby of Alabama`, `Minister of Crown-Indigenous Relations Carolyn Bennett`
        head, _, tail = run.partition(" of ")
        return clean_name(head, lex) or clean_name(tail, lex)
    words = run.split()
    if words and words[-1].endswith(("'s", "\u2019s")):
        words[-1] = words[-1][:-2]
    # Keep what follows the last title, possessive or non-name word: `Ukrainian President
    # Volodymyr Zelenskyy`, `Vancouver's Bo Horvat`, `IFSD's Azfar Ali Khan`.
    cut = 0
    for i, w in enumerate(words):
        if (
            # a title precedes a name (`Kristin King` keeps King); `Vice-Premier` is two titles
            (i < len(words) - 1 and (w in lex.titles or all(p in lex.titles for p in w.split("-"))))
            or (w in lex.name_stop and not (i == len(words) - 1 and i > 0 and words[i - 1] in lex.given_names))
            or w.endswith(("'s", "\u2019s", "s'"))
            or (w.isupper() and len(w) > 1 and not w.endswith("."))
        ):
            cut = i + 1
    kept = words[cut:] if cut < len(words) else []
    if not kept and len(words) >= 2 and words[-2] in lex.personal_titles:
        kept = words[-1:]  # `Ms King`, `Mr Major`: a surname that is also a title
    return " ".join(kept[-4:])


def is_outlet(phrase: str, lex: Lexicon) -> bool:
    """True when `phrase` names a news outlet or relay (`the BBC`, `a pool report`)."""
    p = phrase.lower()
    for art in ("the ", "a ", "an "):
        if p.startswith(art):
            p = p[len(art) :]
            break
    return p in lex.outlets or p in lex.relays or ("the " + p) in lex.outlets


def subject_before(text: str, lo: int, cue_start: int, lex: Lexicon) -> Mention | None:
    """The speaker mention that ends right before a cue (`Biden said`, `A Defense Ministry spokesman said`).

    `lo` bounds the look-back (the sentence start). Appositions are passed over
    (`Darian Lonechild, a youth advocate, said`).
    """
    words = words_before(text, lo, cue_start, 8)  # enough for a name or a description; more below
    i = len(words) - 1
    if i >= 0 and text[words[i][0]] == "<" and text[words[i][1] - 1] == ">":
        i -= 1  # `Nixdorf Computer AG <NIXG.F> said`: a ticker symbol
    # Skip adverbs and auxiliaries: `he also said`, `Scheer, however, said`.
    # as written: `Ms. May said` keeps May, the auxiliary `may` is lower case
    g = grammar()
    skip = g["skip_before_cue"]
    while i >= 0 and ((w := text[words[i][0] : words[i][1]].strip(",")) in skip or (w.lower() in skip and w not in _NAME_LIKE_AUXILIARIES)):  # `_skippable`
        if text[words[i][0] : words[i][1]] == "however," and i > 0:
            i -= 1
            s, e = words[i]
            if text[e - 1] == ",":
                words[i] = (s, e - 1)
            continue
        i -= 1
    # Skip a temporal adjunct right before the cue: `officials on Wednesday denied`.
    if (
        i >= 1
        and text[words[i][0] : words[i][1]] in g["weekdays"]
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
        if k >= 2 and text[words[k - 1][0] : words[k - 1][1]] in _PREPOSITIONS:
            head = mention_ending_at(text, words, k - 2, lex)
            if head is not None and head.kind == "name":
                return head
            if head is not None and head.kind == "desc":
                # `a spokesperson for the camp`: a description keeps what it belongs to
                return Mention(head.start, mention.end, text[head.start : mention.end], "desc")
    return mention


def _skippable(word: str) -> bool:
    """An adverb or auxiliary between a subject and its cue (`he also said`, `Trump Also Says`).

    Not a capitalised `May` or `Will`, which are names (`Ms. May said`).
    """
    skip = grammar()["skip_before_cue"]
    return word in skip or (word.lower() in skip and word not in _NAME_LIKE_AUXILIARIES)


# Skippable words that, capitalised, are more often names.
_NAME_LIKE_AUXILIARIES = frozenset(("May", "Will", "Might"))


# Prepositions between a speaker and the body or place they belong to.
_PREPOSITIONS = frozenset(("with", "of", "from", "at", "for", "in"))


def words_before(text: str, lo: int, pos: int, n: int) -> list[tuple[int, int]]:
    """Spans of the (at most) `n` space-separated words that end before `pos`, from `lo` on.

    One `split` of a short window rather than a regex: this runs for every cue.
    """
    start = max(lo, pos - _WORD_WINDOW * n)
    chunk = text[start:pos]
    parts = chunk.rsplit(" ", n + 1)  # enough from the right unless empty parts (double spaces) eat them
    if len(parts) == n + 2 and len(parts) - parts.count("") - bool(parts[0]) < n:
        parts = chunk.split(" ")
    out: list[tuple[int, int]] = []
    end = pos
    for k in range(len(parts) - 1, -1, -1):
        part = parts[k]
        s = end - len(part)
        if part and (k > 0 or start == lo or text[start - 1] == " "):  # not a word cut by the window
            out.append((s, end))
            if len(out) == n:
                break
        end = s - 1
    out.reverse()
    return out


def words_after_text(text: str, pos: int, hi: int, n: int) -> list[tuple[int, int, str]]:
    """The (at most) `n` space-separated words that start at or after `pos`, before `hi`: (start, end, word)."""
    stop = min(hi, pos + _WORD_WINDOW * n)
    out: list[tuple[int, int, str]] = []
    s = pos
    chunk = text[pos:stop]
    parts = chunk.split(" ", n + 1)
    if len(parts) == n + 2 and len(parts) - parts.count("") - bool(parts[-1]) < n:
        parts = chunk.split(" ")
    whole = stop == hi or (stop < len(text) and text[stop] == " ")
    for part in parts:
        e = s + len(part)
        if part and (e < stop or whole):
            out.append((s, e, part))
            if len(out) == n:
                break
        s = e + 1
    return out


# Characters of window per word wanted: longer words are rare, and a short window keeps `split` cheap.
_WORD_WINDOW = 24


# Words read back from a cue over an apposition: `Sarah Buckley, who attended ... in 2013, said`.
_APPOSITION_WORDS = 32


def _apposition_subject(text: str, words: list[tuple[int, int]], lex: Lexicon, lo: int = -1) -> Mention | None:
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


def mention_ending_at(text: str, words: list[tuple[int, int]], i: int, lex: Lexicon) -> Mention | None:
    """The pronoun, name or description whose last word is `words[i]`, or None."""
    s, e = words[i]
    word = text[s:e]
    if word.endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return None  # `Russia's state media`: a possessive is no subject
    if word.lower() in ("he", "she", "they", "we", "it") or word == "I":
        return Mention(s, e, word, "pronoun")
    if word[:1].isupper():
        return _name_ending_at(text, words, i, lex)
    return _description_ending_at(text, words, i, lex)


def _name_ending_at(text: str, words: list[tuple[int, int]], i: int, lex: Lexicon) -> Mention | None:
    """The capitalised run that ends with word `i`, titles included in the span."""
    j = i
    while j > 0:
        w = text[words[j - 1][0] : words[j - 1][1]]
        if w and (w[0].isupper() or w in ("de", "van", "von", "der", "bin", "al", "and", "of")) and not w.endswith((",", ";", ":", "\u201d", '"')):
            j -= 1
            continue
        break
    start, end = words[j][0], words[i][1]
    run = text[start:end]
    while run.split()[0] in ("and", "of", "de", "van", "von", "der", "bin", "al"):
        start = start + len(run.split()[0]) + 1
        run = text[start:end]
    if is_outlet(run, lex):
        return Mention(start, end, run, "outlet")
    # a capitalised description head (`The Bank of Canada`): keep as written
    name = clean_name(run, lex)
    last = run.split()[-1]
    if last in lex.org_heads or (" of " in run and any(w in lex.org_heads for w in run.split())):
        if j > 0 and text[words[j - 1][0] : words[j - 1][1]] == "the" and words[j - 1][0] == start - 4:
            start -= 4  # `the Senate National Finance Committee`: a body keeps its article
            run = text[start:end]
        return Mention(start, end, run, "desc")  # `Nova Scotia Health Authority`, `The Bank of Canada`
    if not name:
        # no person's name left: a body (`The AFN Youth Council`) or nothing that speaks (`Monday`)
        last = run.split()[-1]
        if last in lex.org_heads or (last.isupper() and len(last) > 1 and last.replace("&", "").isalpha()):
            return Mention(start, end, run, "desc")  # `The AFN Youth Council`, `LSE`, `the ONS`
        return _description_ending_at(text, words, i, lex) if last.lower() in lex.heads else None
    # the mention span is the name itself, without the title words before it
    offset = run.rfind(name.split()[0]) if name.split()[0] in run else 0
    return Mention(start + offset, end, name, "name")


def _unknown_head(text: str, words: list[tuple[int, int]], i: int, lex: Lexicon) -> Mention | None:
    """A noun phrase whose head is in no list: `Rover bosses`, `The 32-year-old labourer`."""
    head = text[words[i][0] : words[i][1]]
    if not head.replace("-", "").isalpha() or not head.islower() or head in grammar()["subject_barrier"]:
        return None
    if head.endswith("ed") or head in lex.cue_kind:
        return None  # `Tass noted`: a verb, not the head of a noun phrase
    before = text[words[i - 1][0] : words[i - 1][1]] if i > 0 else ""
    if head.endswith("s") and before[:1].isupper() and before.isalpha():
        return Mention(words[i - 1][0], words[i][1], f"{before} {head}", "desc")  # a plural after a name
    start = i
    for j in range(i - 1, max(-1, i - 5), -1):
        w = text[words[j][0] : words[j][1]]
        if w in ("The", "the", "A", "a", "An", "an"):
            return Mention(words[j][0], words[i][1], text[words[j][0] : words[i][1]], "desc")
        if w.endswith(","):
            break  # `..., Cisco System's Talos cybersecurity unit said`: the phrase after the comma
        if not w.replace("-", "").replace("\u2019", "").replace("'", "").isalnum() or w.lower() in grammar()["subject_barrier"]:
            return None
        start = j
    else:
        if start != 0:
            return None  # four words back and neither a determiner, a comma nor the sentence start
    if start == i:
        return None
    return Mention(words[start][0], words[i][1], text[words[start][0] : words[i][1]], "desc")


def _description_ending_at(text: str, words: list[tuple[int, int]], i: int, lex: Lexicon) -> Mention | None:
    """`A Defense Ministry spokesman`, `Russian defense officials`, `the paramedics union`."""
    head = text[words[i][0] : words[i][1]]
    if head.lower() not in lex.heads:
        return _unknown_head(text, words, i, lex)
    j = i
    while j > 0 and i - j < 5:
        w = text[words[j - 1][0] : words[j - 1][1]]
        if w.lower() in grammar()["subject_barrier"] or w in lex.pronouns or (w.endswith((",", ";", ":", ".", "\u201d", '"')) and w not in lex.abbreviations):
            break
        j -= 1
        before = text[words[j - 1][0] : words[j - 1][1]] if j > 0 else ""
        if w in grammar()["determiners"] and before not in ("of", "for"):
            break  # `Another member of the public`: a determiner after `of` does not open the phrase
    if text[words[j][0] : words[j][1]] in ("of", "for"):
        j += 1
    return Mention(words[j][0], words[i][1], text[words[j][0] : words[i][1]], "desc")


# A pronoun right after the cue: `," said he.`
_INVERTED_PRONOUN = re.compile(r"[ ](he|she|they|we)(?=[,.;:!?]|\Z)")


def subject_after(text: str, cue_end: int, hi: int, lex: Lexicon) -> Mention | None:
    """The speaker named right after a cue (`said Biden`, `said a spokesman`, `said he`), or None."""
    m = _INVERTED_PRONOUN.match(text, cue_end, hi)
    if m is not None:
        return Mention(m.start(1), m.end(1), m.group(1), "pronoun")
    m = _INVERTED_ROLE.match(text, cue_end, hi)
    if m is not None and not any(w in _ROLE_STOP or w in grammar()["finite_verbs"] for w in m.group(1).split()):
        # `," said oil and gas worker Mike Wipf.`: a lower-case role, then the name
        run = NAME_RUN.match(text, m.end(1), hi)
        if run is not None and text[run.end() : run.end() + 1] in (".", ",", ";", ""):
            name = clean_name(run.group(), lex)
            if " " in name and not is_outlet(run.group(), lex):
                return Mention(run.end() - len(name), run.end(), name, "name")
    words: list[tuple[int, int]] = []
    closed = False  # the phrase ends at punctuation, not at a clause word
    expect = cue_end + 1  # where the next word must start: one space after the last
    for w in _WORD.finditer(text, cue_end, min(hi, cue_end + 150)):
        if w.start() != expect:
            break  # a line break or double space: the phrase is over
        expect = w.end() + 1
        token = w.group()
        bare = token.rstrip(',.;:!?\u201d"')
        if bare == "and" and words and text[w.end() + 1 : w.end() + 2].isupper():
            words.append((w.start(), w.end()))  # `says Heart and Stroke senior manager Erin Kim`
            continue
        if bare in grammar()["finite_verbs"]:
            return None  # `, said Ms. May will try`: the subject of a reported clause, not inverted
        if not bare or (bare.islower() and bare in grammar()["inverted_stop"]):
            break
        words.append((w.start(), w.start() + len(bare)))
        if bare != token and not (token.endswith(".") and token in lex.abbreviations):
            closed = True
            break  # punctuation ends the subject: `said Rep. Jim McGovern, D-Mass.`
    else:
        closed = bool(words) and words[-1][1] >= min(hi, cue_end + 150) - 1
    if not words:
        return None
    last = text[words[-1][0] : words[-1][1]]
    if closed and last.islower() and text[words[-1][1] : words[-1][1] + 2] == ", ":
        # `said De Telegraaf's image editor, Peter Schoonen.`: the name after the title
        run = NAME_RUN.match(text, words[-1][1] + 2, hi)
        if run is not None and text[run.end() : run.end() + 1] in (".", ",", ""):
            name = clean_name(run.group(), lex)
            if name:
                return Mention(run.end() - len(name), run.end(), name, "name")
    if last[:1].isupper():
        mention = _name_ending_at(text, words, len(words) - 1, lex)
        if mention is not None and mention.kind != "outlet":
            return mention
    first = text[words[0][0] : words[0][1]]
    if first in grammar()["determiners"] and len(words) <= 6 and closed:
        # `, says the Nationwide building society.`
        return Mention(words[0][0], words[-1][1], text[words[0][0] : words[-1][1]], "desc")
    return None


# Lower-case words of a role between an inverted cue and a name: `said oil and gas worker Mike Wipf`.
_INVERTED_ROLE = re.compile(r"[ ]((?:[a-z][a-z-]*[ ]){1,5})(?=[A-Z])")
# Words that start a clause or an adjunct, not a role: `said in Ottawa`, `said that John`.
_ROLE_STOP = frozenset(
    ("that", "to", "in", "on", "at", "by", "with", "for", "from", "after", "before", "when", "while", "as", "if", "because",
     "of", "the", "a", "an", "this", "last", "during", "since", "until", "about", "he", "she", "they", "we", "it", "i")
)  # fmt: skip


# What follows `according to`: up to the punctuation, titles' periods allowed (`Dr. Keith Ahamad`).
_ACCORDING_SOURCE = re.compile(r"[ ]((?:(?:Mr|Ms|Mrs|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|U\.S|U\.K|U\.N)\.|[^,.;:\n\u201c\u201d\"]){1,80})")


def after_according(text: str, cue_end: int, hi: int, lex: Lexicon) -> Mention | None:
    """The source after `according to`: a name, an outlet or a description, up to the punctuation."""
    m = _ACCORDING_SOURCE.match(text, cue_end, hi)
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
        mention = _name_ending_at(text, words, len(words) - 1, lex)
        # the whole phrase is the name, titles aside (`according to Dr. Keith Ahamad`), or a full name
        # closes it (`according to former Bank of Canada governor David Dodge`)
        if mention is not None and mention.kind == "name":
            titled = all(w in lex.titles for w in text[s : mention.start].split())
            if titled or (mention.end == e and " " in mention.text and mention.text.split()[0] in lex.given_names):
                return mention
    return Mention(s, e, phrase, "desc")


def sentence_subject(text: str, lo: int, hi: int, lex: Lexicon) -> Mention | None:
    """The name or pronoun that opens the sentence at `lo` (`Sparkes also criticized ...`), or None."""
    m = _WORD.match(text, lo, hi)
    if m is None:
        return None
    if m.group().lower() in ("he", "she", "they", "we"):
        return Mention(m.start(), m.end(), m.group(), "pronoun")
    run = NAME_RUN.match(text, lo, hi)
    if run is None:
        return None
    words = [(w.start(), w.end()) for w in _WORD.finditer(text, run.start(), run.end())]
    mention = _name_ending_at(text, words, len(words) - 1, lex)
    return mention if mention is not None and mention.kind in ("name", "desc") else None
