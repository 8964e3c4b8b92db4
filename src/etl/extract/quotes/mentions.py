"""Mentions of who speaks: the pronoun, name or description that ends at a word, names without titles, outlets.

Hand-written patterns rather than a parser (spaCy, textacy): far faster (README, Benchmark) and
never thrown by odd quote marks.
"""

from __future__ import annotations

from typing import NamedTuple

from etl.extract.quotes.lexicon import QuoteLexicon


class Mention(NamedTuple):
    """The words a speaker is named by next to a cue: a name, a pronoun or a description."""

    start: int
    end: int
    text: str
    kind: str  # name | pronoun | desc | outlet


def clean_name(run: str, lex: QuoteLexicon) -> str:
    """A capitalised run without its titles and leading descriptors: the name itself."""
    if " of " in run:
        # `Sen. Richard Shelby of Alabama`, `Minister of Crown-Indigenous Relations Carolyn Bennett`
        head, _, tail = run.partition(" of ")
        head_words = head.split()
        if head_words and all(w in lex.titles for w in head_words):
            person = _after_office(clean_name(tail, lex), tail, lex)
            if person:
                return person
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
            or (w in lex.name_stop and not (i == len(words) - 1 and i > 0 and words[i - 1] in lex.given_names) and not _given_before_name(words, i, lex))
            or w.endswith(("'s", "\u2019s", "s'"))
            or (i == cut and i < len(words) - 1 and w.lower() in lex.mention_openers)  # `Today Reagan`
            or (w.isupper() and len(w) > 1 and not w.endswith("."))
        ):
            cut = i + 1
    kept = words[cut:] if cut < len(words) else []
    if not kept and len(words) >= 2 and words[-2] in lex.personal_titles:
        kept = words[-1:]  # `Ms King`, `Mr Major`: a surname that is also a title
    kept = kept[-4:]
    while len(kept) > 1 and kept[0] in lex.mention_openers:
        kept = kept[1:]  # `and Industry Hajime Tamura`, what the last four words of a long run start with
    return " ".join(kept)


def _given_before_name(words: list[str], i: int, lex: QuoteLexicon) -> bool:
    """True when `words[i]`, a word that ends names (`Bill`, as in `the Bill`), is a given name before a
    surname: `Bill Morneau`, `President Bill Clinton` (not `Bill C-69`, `Bill Committee`)."""
    if words[i] not in lex.given_names or i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    return nxt[:1].isupper() and nxt[1:2].islower() and nxt not in lex.name_stop and nxt not in lex.titles


def _after_office(name: str, tail: str, lex: QuoteLexicon) -> str:
    """The person in `name`, the cleaned words after `Title of` (`State George Shultz`), or "".

    The office comes first: the name opens at a given name, else is the last two words (the last
    one after a one-word office); a body (`Petroleos de Venezuela`) or a lone office gives "".
    """
    kept = name.split()
    if len(kept) < 2:
        return ""
    if kept[0] != tail.split()[0]:
        return name  # the office was cut already (`Defense` as a title word)
    given = next((k for k in range(1, len(kept) - 1) if kept[k] in lex.given_names), None)
    person = kept[given:] if given is not None else kept[-2:] if len(kept) > 2 else kept[-1:]
    return " ".join(person) if all(w[:1].isupper() for w in person) else ""


def is_outlet(phrase: str, lex: QuoteLexicon) -> bool:
    """True when `phrase` names a news outlet or relay (`the BBC`, `a pool report`)."""
    p = phrase.lower()
    for art in ("the ", "a ", "an "):
        if p.startswith(art):
            p = p[len(art) :]
            break
    return p in lex.outlets or p in lex.relays or ("the " + p) in lex.outlets


def mention_ending_at(text: str, words: list[tuple[int, int]], i: int, lex: QuoteLexicon) -> Mention | None:
    """The pronoun, name or description whose last word is `words[i]`, or None."""
    s, e = words[i]
    word = text[s:e]
    if word.endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return None  # `Russia's state media`: a possessive is no subject
    if word.lower() in lex.subject_pronouns or word in lex.self_pronouns:
        return Mention(s, e, word, "pronoun")
    if word[:1].isupper():
        return name_ending_at(text, words, i, lex)
    return _without_opener(text, _description_ending_at(text, words, i, lex), lex)


def _without_opener(text: str, mention: Mention | None, lex: QuoteLexicon) -> Mention | None:
    """`mention` without the sentence openers it starts with (`But others` -> `others`)."""
    if mention is None:
        return None
    start = mention.start
    while True:
        first, sep, _ = text[start : mention.end].partition(" ")
        if not sep or first.lower() not in lex.mention_openers:
            break
        start += len(first) + 1
    if start == mention.start:
        return mention
    return Mention(start, mention.end, text[start : mention.end], mention.kind)


def name_ending_at(text: str, words: list[tuple[int, int]], i: int, lex: QuoteLexicon) -> Mention | None:
    """The capitalised run that ends with word `i`, titles included in the span."""
    j = i
    while j > 0:
        w = text[words[j - 1][0] : words[j - 1][1]]
        if w and (w[0].isupper() or w in lex.run_joiners) and not w.endswith((",", ";", ":", "\u201d", '"')):
            j -= 1
            continue
        break
    start, end = words[j][0], words[i][1]
    run = text[start:end]
    while run.split()[0] in lex.run_joiners or (run.split()[0].lower() in lex.mention_openers and " " in run):
        # `and`, `de`: a particle; `But`, `Yesterday`: a sentence opener before its subject
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


def _unknown_head(text: str, words: list[tuple[int, int]], i: int, lex: QuoteLexicon) -> Mention | None:
    """A noun phrase whose head is in no list: `Rover bosses`, `The 32-year-old labourer`."""
    head = text[words[i][0] : words[i][1]]
    if not head.replace("-", "").isalpha() or not head.islower() or head in lex.subject_barrier:
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
        if not w.replace("-", "").replace("\u2019", "").replace("'", "").isalnum() or w.lower() in lex.subject_barrier:
            return None
        start = j
    else:
        if start != 0:
            return None  # four words back and neither a determiner, a comma nor the sentence start
    if start == i:
        return None
    return Mention(words[start][0], words[i][1], text[words[start][0] : words[i][1]], "desc")


def _description_ending_at(text: str, words: list[tuple[int, int]], i: int, lex: QuoteLexicon) -> Mention | None:
    """`A Defense Ministry spokesman`, `Russian defense officials`, `the paramedics union`."""
    head = text[words[i][0] : words[i][1]]
    if head.lower() not in lex.heads:
        return _unknown_head(text, words, i, lex)
    j = i
    while j > 0 and i - j < 5:
        w = text[words[j - 1][0] : words[j - 1][1]]
        if w.lower() in lex.subject_barrier or w in lex.pronoun_forms or (w.endswith((",", ";", ":", ".", "\u201d", '"')) and w not in lex.abbreviations):
            break
        j -= 1
        before = text[words[j - 1][0] : words[j - 1][1]] if j > 0 else ""
        if w in lex.determiners and before not in ("of", "for"):
            break  # `Another member of the public`: a determiner after `of` does not open the phrase
    if text[words[j][0] : words[j][1]] in ("of", "for"):
        j += 1
    return Mention(words[j][0], words[i][1], text[words[j][0] : words[i][1]], "desc")
