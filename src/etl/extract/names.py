"""A light mention tracker: the fullest name an article gives, and who a pronoun stands for.

No coreference model: names are capitalised runs without their titles; a short name resolves to
the nearest longer run ending (or, for East Asian order, starting) with the same words; `he`/`she`
to the most recent person of that gender (by a given-name list) who spoke or was named; `the
mayor` to the name the article gives with that title; `the company` to the last body quoted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from etl.extract.cues import Lexicon
from etl.extract.speakers import NAME_RUN, Mention, clean_name, is_outlet
from etl.lexicons import load

# How far back (in characters) a pronoun looks for a person named but not yet quoted.
_LOOK_BACK = 2_000
# How many speakers back a pronoun of known gender looks past ones of unknown gender.
_RECENT_SPEAKERS = 4
# Names longer than this are a headline or an organisation, not a person.
_MAX_NAME_WORDS = 4
# Characters before a name that put it at the start of a sentence (its subject, most often).
_SENTENCE_LEAD = frozenset('.!?:\n\u201d"')


@cache
def _genders() -> dict[str, str]:
    """Given name -> "f" or "m", from the `quotes_names` lexicon."""
    names = load("quotes_names")["given_names"]
    return {**dict.fromkeys(names["female"], "f"), **dict.fromkeys(names["male"], "m")}


def gender_of(name: str) -> str | None:
    """ "f", "m" or None (unknown) for a full name, by its first word."""
    first = name.split()[0] if name else ""
    return _genders().get(first)


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    words: tuple[str, ...]
    leads: bool  # opens a sentence of a paragraph, as its subject


@dataclass(slots=True)
class NameIndex:
    """The name runs of an article's content blocks, titles removed, read lazily per block.

    Lazy because most articles need the names of only a few paragraphs (where a pronoun speaks)
    and the full names of only a few speakers.
    """

    text: str
    blocks: Sequence[tuple[int, int, str, Sequence[tuple[int, int]]]]  # start, end, kind, quoted
    lex: Lexicon
    full: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    scanned: dict[tuple[int, int, int], list[_Name]] = field(default_factory=dict)

    def _names(self, lo: int, hi: int, kind: str, quoted: Sequence[tuple[int, int]], scan_lo: int, scan_hi: int) -> list[_Name]:
        """`_block_names`, each stretch read once: every pronoun looks back over the same paragraphs."""
        key = (lo, scan_lo, scan_hi)
        found = self.scanned.get(key)
        if found is None:
            found = self.scanned[key] = _block_names(self.text, lo, hi, kind, quoted, self.lex, scan_lo, scan_hi)
        return found

    def fullest(self, name: str, pos: int | None = None) -> str:
        """The fullest name the article gives for `name` (`Zelenskyy` -> `Volodymyr Zelenskyy`).

        Of several (`Ernie LeBlanc`, `Jason Marcel LeBlanc`), the one named last before `pos`,
        else the first after it.
        """
        if name not in self.full:
            self.full[name] = self._fuller(name)
        fuller = self.full[name]
        if not fuller:
            return name
        if pos is None:
            return max(fuller, key=lambda c: len(c[1].split()))[1]
        before = [c for c in fuller if c[0] < pos]
        return (before[-1] if before else fuller[0])[1]

    def _fuller(self, name: str) -> list[tuple[int, str]]:
        """Every (position, name) in the text that ends with the words of `name` and is longer."""
        words = tuple(name.split())
        if not words:
            return []
        n = len(words)
        text = self.text
        found: list[tuple[int, str]] = []
        pos = text.find(words[-1])
        while pos != -1:
            end = pos + len(words[-1])
            m = _RUN_BEFORE.search(text, max(0, pos - 80), end)
            if m is not None and m.end() == end:
                cand = tuple(clean_name(_last_sentence(m.group(), self.lex), self.lex).split())
                if n < len(cand) <= _MAX_NAME_WORDS and cand[-n:] == words:
                    found.append((pos, " ".join(cand)))
            pos = text.find(words[-1], end)
        if not found and n == 1 and gender_of(words[0]) is not None:
            # `Michael` for `Michael Greenspan`: a given name alone stands for the full name given
            wt = _word_then(text, words[0], _GIVEN_THEN)
            if wt is not None and wt[1] not in self.lex.name_stop and wt[1] not in self.lex.titles:
                found.append((wt[0], f"{words[0]} {wt[1]}"))
        if not found and n == 1 and gender_of(words[0]) is None and words[0][1:].islower():
            # `Wang` for `Wang Qishan`: family name first (not `TransCanada Corp`)
            wt = _word_then(text, words[0], _FAMILY_THEN)
            if wt is not None and wt[1] not in self.lex.name_stop and wt[1] not in self.lex.titles:
                found.append((wt[0], f"{words[0]} {wt[1]}"))
        return found

    def last_person(self, lead_lo: int, any_lo: int, hi: int, gender: str | None, spoken: set[str], anyone: bool = False) -> tuple[int, str] | None:
        """The last person named before `hi`: anywhere from `any_lo`, as a sentence's subject from `lead_lo`.

        Only a known given name or someone who has spoken counts: `Santa Monica` is no `he`; with
        `anyone`, every full name of a person does.
        """
        found = None
        again: tuple[int, int, str] | None = None  # (block start, position, name) of a speaker named again
        for lo, b_hi, kind, quoted in self.blocks:
            if b_hi <= lead_lo:
                continue
            if lo >= hi:
                break
            # only the stretch that can matter is read: from `lead_lo` (or the block start) to `hi`
            for cand in self._names(lo, b_hi, kind, quoted, max(lo, lead_lo), min(b_hi, hi)):
                if cand.start < any_lo and not cand.leads:
                    continue
                # a surname stands for the full name given earlier: `Myers also cited` is Ben Myers
                full = self.fullest(" ".join(cand.words), cand.start)
                words = tuple(full.split())
                if not (_is_person(words) and _compatible(words, gender)):
                    continue
                # a sentence's subject with a full name (`Niederreiter has four goals`) may be anyone
                subject = cand.leads and len(words) > 1 and words[-1] == cand.words[-1]
                if gender_of(full) is not None or full in spoken or subject or (anyone and len(words) > 1):
                    found = (cand.start, full)
                    if full in spoken:
                        again = (lo, cand.start, full)
        if found is not None and again is not None and again[0] <= found[0] < self._block_end(again[0]):
            # `Even though Greenspan has co-authored books with ... Julia Child, she maintains`: one who
            # has spoken, named again in the paragraph, stays the one a pronoun means
            return again[1], again[2]
        return found

    def in_lede(self, pos: int) -> bool:
        """True when `pos` is in the article's first two body paragraphs (a photo caption may come first)."""
        ledes = [b for b in self.blocks[:12] if b[2] == "paragraph"][:2]
        return any(lo <= pos < hi for lo, hi, _, _ in ledes)

    def next_person(self, pos: int, blocks: int) -> str | None:
        """The first person who opens a sentence after `pos`, within the next `blocks` paragraphs."""
        seen = 0
        for lo, b_hi, kind, quoted in self.blocks:
            if b_hi <= pos or kind != "paragraph":
                continue
            for cand in self._names(lo, b_hi, kind, quoted, max(lo, pos), b_hi):
                full = self.fullest(" ".join(cand.words), cand.start)
                if cand.leads and cand.start > pos and _is_person(tuple(full.split())) and " " in full:
                    return full
            seen += 1
            if seen > blocks:
                break
        return None

    def _block_end(self, lo: int) -> int:
        """The end of the block that starts at `lo`."""
        return next((b_hi for b_lo, b_hi, _, _ in self.blocks if b_lo == lo), lo)

    def last_leading(self, lo: int, hi: int) -> tuple[int, str] | None:
        """The last name that opens a sentence in text[lo:hi], whatever its gender: a last resort."""
        found = None
        for b_lo, b_hi, kind, quoted in self.blocks:
            if b_hi <= lo or b_lo >= hi:
                continue
            for cand in self._names(b_lo, b_hi, kind, quoted, max(b_lo, lo), min(b_hi, hi)):
                if cand.leads and cand.words[-1] not in self.lex.org_heads:
                    found = (cand.start, " ".join(cand.words))
        return found

    def titled(self, title: str, pos: int) -> str | None:
        """The full name the article gives after `title` (`Prime Minister Justin Trudeau`) before `pos`."""
        if not title or not title.replace(" ", "").isalpha() or title.lower() not in self.index_titles():
            return None
        cap = " ".join(w[:1].upper() + w[1:] for w in title.split())
        found = None
        pattern = re.compile(rf"(?<![\w-]){re.escape(cap)}[ ]((?:[A-Z][\w\u2019'-]+[ ]){{0,2}}[A-Z][\w\u2019'-]+)")
        for m in pattern.finditer(self.text, 0, pos):
            name = clean_name(m.group(1), self.lex)
            if name and " " not in name:
                name = self.fullest(name, m.start())  # `Mayor McCallum`: the full name given elsewhere
            if " " in name:
                found = name
        return found

    def index_titles(self) -> frozenset[str]:
        """Lower-case titles and role nouns that may stand for a named person (`the mayor`)."""
        return self.lex.role_nouns


def _word_then(text: str, word: str, then: re.Pattern[str]) -> tuple[int, str] | None:
    """(start, next word) of the first `word` standing alone, then a space and a word `then` matches.

    What a search with a pattern built per name found, without building one: compiling a pattern
    for every name of every article cost more than the search, and thrashed `re`'s cache.
    """
    step = word + " "
    at = text.find(step)
    while at >= 0:
        if not (at > 0 and _WORD_OR_HYPHEN.match(text, at - 1)):
            m = then.match(text, at + len(step))
            if m is not None:
                return at, m.group()
        at = text.find(step, at + 1)
    return None


_WORD_OR_HYPHEN = re.compile(r"[\w-]")
# The word after a given name (`Michael Greenspan`), and after a family name (`Wang Qishan`).
_GIVEN_THEN = re.compile(r"[A-Z][a-z][\w\u2019'-]*(?![\w-])")
_FAMILY_THEN = re.compile(r"[A-Z][a-z]+(?![\w-])")


# The capitalised run that ends at the search's end: `Ukrainian President Volodymyr Zelenskyy`.
# The first of its 1-5 words written out, so `re` skips ahead to capitals: a third faster a search.
_RUN_BEFORE = re.compile(r"[A-Z][\w.\u2019'-]*[ ](?:[A-Z][\w.\u2019'-]*[ ]){0,4}\S+\Z")


def _last_sentence(run: str, lex: Lexicon) -> str:
    """The part of a run of capitals after its last sentence end (`Colorado. David Rowland`)."""
    words = run.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].endswith(".") and words[i] not in lex.abbreviations and len(words[i]) > 2:
            return " ".join(words[i + 1 :])
    return run


def _block_names(
    text: str,
    lo: int,
    hi: int,
    kind: str,
    quoted: Sequence[tuple[int, int]],
    lex: Lexicon,
    scan_lo: int,
    scan_hi: int,
) -> list[_Name]:
    """The names in text[scan_lo:scan_hi] of the block text[lo:hi], quotations left out."""
    names = []
    opens = [a for a, _ in quoted]
    for m in NAME_RUN.finditer(text, scan_lo, scan_hi):
        k = bisect_right(opens, m.start()) - 1
        if k >= 0 and m.start() < quoted[k][1]:
            continue
        name = clean_name(m.group(), lex)
        words = tuple(name.split())
        if words and len(words) <= _MAX_NAME_WORDS and not is_outlet(name, lex):
            before = text[max(lo, m.start() - 2) : m.start()].strip()
            after = text[m.end() : m.end() + 2]
            leads = (
                kind == "paragraph" and (m.start() == lo or before[-1:] in _SENTENCE_LEAD) and (after[:1] == "," or (after[:1] == " " and after[1:2].islower()))
            )
            names.append(_Name(m.start(), words, leads))
    return names


# Writings that speak for their authors: `the report said`, `a statement from the EU said`.
_DOCUMENTS = frozenset(
    (
        "statement", "report", "study", "memo", "book", "database", "findings", "numbers", "data",
        "survey", "letter", "release", "analysis", "review", "documents",
    )
)  # fmt: skip
_DOC_WORDS = "|".join(sorted(_DOCUMENTS))
# `<document> from|by|of <owner>`, `<Owner>'s <document>`, `The <Owner> <document>`.
_DOC_FROM = re.compile(rf"(?:\w+[ ])*?(?:{_DOC_WORDS})[ ](?:(?!obtained|seen|cited|quoted)\w+[ ]){{0,6}}?(?:from|by|of)[ ]((?:the[ ])?[A-Z][^,]*)\Z")
_DOC_OWNED = re.compile(rf"((?:The[ ]|the[ ])?[A-Z][\w.\u2019'&-]*(?:[ ][A-Z][\w.\u2019'&-]*)*?)(?:[\u2019']s)?(?:[ ][a-z-]+){{0,2}}[ ](?:{_DOC_WORDS})\Z")


def _document_owner(desc: str) -> str | None:
    """The author of a writing named as a speaker (`Foster's book` -> Foster), or None."""
    words = desc.split()
    if not any(w in _DOCUMENTS for w in words):
        return None
    m = _DOC_FROM.match(desc) or _DOC_OWNED.match(desc)
    if m is None:
        return None
    owner = m.group(1)
    if owner.endswith(("\u2019s", "'s")):
        owner = owner[:-2]
    if owner in ("The", "the", "A", "An", "This", "That", "These", "Those", "Her", "His", "Their", "Its", "Our", "My", "Your"):
        return None  # `The data`: nobody named
    if owner.startswith(("The ", "the ")) and owner[4:].isupper():
        return owner  # `The RCMP`
    return owner[4:] if owner.startswith(("The ", "the ")) and " " not in owner[4:] else owner


def _is_person(words: tuple[str, ...]) -> bool:
    """Two or more name-like words (`Lib Dems` aside), or a known given name."""
    if gender_of(words[0]) is not None:
        return True
    return len(words) >= 2 and all(len(w) > 2 and w[1:2].islower() for w in words) and not words[-1].endswith("s")


def _compatible(words: Sequence[str], gender: str | None) -> bool:
    g = gender_of(" ".join(words))
    return gender is None or g is None or g == gender


# The article and adjectives before a description that left them out: `the lanky, `.
_DEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:the|The)[ ](?:[a-z-]+,?[ ]){0,3}\Z")


def _next_word(text: str, pos: int) -> str:
    """The word after the space at `pos`, punctuation stripped."""
    return text[pos + 1 : pos + 30].split(" ", 1)[0].rstrip(",.;:")


# Heads of a description that news writing mostly leaves unnamed: `a company spokesman`, `the official`.
_ANONYMOUS = frozenset(
    ("spokesman", "spokeswoman", "spokesperson", "official", "source", "aide", "adviser", "advisor", "member", "witness",
     "resident", "citizen", "man", "woman", "officer", "lawyer", "attorney", "judge")
)  # fmt: skip
# Of those, the ones a story's first paragraph does not go on to name: `A company spokesman said`.
_UNNAMED = frozenset(("spokesman", "spokeswoman", "spokesperson", "official", "source", "aide", "member"))
# Capitalised nouns for one member of a party: `the Kentucky Republican` is a description, not a name.
_PARTY_MEMBERS = frozenset(("Republican", "Democrat", "Conservative", "Liberal", "Tory"))


@dataclass(slots=True)
class Tracker:
    """Who `he`, `she` and `they` point at, updated as quotes are read in text order."""

    index: NameIndex
    people: list[tuple[int, str]] = field(default_factory=list)  # (position, full name) of speakers
    spoken: set[str] = field(default_factory=set)  # the names in `people`, for quick look-up
    group: str | None = None
    org: str | None = None  # the last body named as a speaker (`Facebook`), for `the company`

    def resolve(self, mention: Mention, prev_lo: int, para_lo: int) -> str | None:
        """The speaker's fullest name for `mention`.

        A pronoun looks back at the speakers so far, the people named in its paragraph, and
        those who open a sentence in the paragraph before (`prev_lo`).
        """
        if mention.kind == "pronoun":
            word = mention.text.lower()
            if word in ("he", "she", "i"):
                return self._person(mention.start, prev_lo, para_lo, {"he": "m", "she": "f"}.get(word))
            return self.group or (self.people[-1][1] if self.people else None)
        text = self.index.text
        if mention.kind == "name" and mention.text.split()[-1] in _PARTY_MEMBERS and text[max(0, mention.start - 4) : mention.start] in ("the ", "The "):
            # `the Kentucky Republican said`: a description of the person just named
            named = self.index.last_person(max(prev_lo, mention.start - _LOOK_BACK), prev_lo, mention.start, None, self.spoken, anyone=True)
            if named is not None:
                self.people.append((mention.start, named[1]))
                return named[1]
        if mention.kind == "name":
            full = self.index.fullest(mention.text, mention.start)
            self.people.append((mention.start, full))  # a one-word speaker may be a he or she too
            self.spoken.add(full)
            if not _is_person(tuple(full.split())):
                article = self.index.text[max(0, mention.start - 4) : mention.start]
                after = text[mention.end : mention.end + 2]
                if (
                    article in ("the ", "The ")
                    and full == mention.text
                    and " " not in full
                    and not (full.endswith("s") and full[:-1].isupper())
                    and not (after[:1] == " " and after[1:].islower() and not self.index.lex.cue_kind.get(_next_word(text, mention.end)))
                ):
                    full = article + full  # `The U.S. said`, `the Kremlin said`: a body keeps its article (not `the MPs`)
                self.org = full
            return full
        words = mention.text.split()
        owner = _document_owner(mention.text) if mention.kind == "desc" else None
        if owner is not None:
            # `Foster's book`, `a statement from the EU`, `The RCMP statement`: who wrote it speaks
            full = self.index.fullest(owner, mention.start) if owner[:1].isupper() else owner
            self.people.append((mention.start, full)) if _is_person(tuple(full.split())) else None
            return full
        if mention.kind == "desc" and words[0] in ("the", "The") and len(words) <= 5 and "-year-old" in mention.text:
            # `The 32-year-old labourer said`: the person the article has just introduced
            named = self.index.last_person(max(0, mention.start - _LOOK_BACK), mention.start, mention.start, None, self.spoken)
            if named is not None:
                return named[1]
        if mention.kind == "desc" and words[0] in ("the", "The") and len(words) <= 3 and " ".join(words[1:]).islower():
            # `the prime minister` -> the name the article gives with that title; `the company` -> the body
            titled = self.index.titled(" ".join(words[1:]), mention.start)
            if titled is not None:
                self.people.append((mention.start, titled))
                self.spoken.add(titled)
                return titled
            if words[-1].lower() in self.index.lex.org_nouns and self.org is not None:
                return self.org
            if " ".join(words[1:]) in self.index.lex.role_nouns:
                # `the mayor said`, the article naming the mayor only as `McCallum`: the person just named
                named = self.index.last_person(max(prev_lo, mention.start - _LOOK_BACK), para_lo, mention.start, None, self.spoken)
                if named is not None:
                    self.people.append((mention.start, named[1]))
                    return named[1]
        if mention.kind == "desc" and words[0] in ("A", "An") and self.index.in_lede(mention.start):
            heads = self.index.text[mention.start : mention.start + 80].split()[1:8]
            if any(w in self.index.lex.person_heads and w not in _UNNAMED for w in heads):
                # `A Vancouver peewee hockey coach says ...` opens the story; the next paragraph names him
                nxt = self.index.next_person(mention.end, 2)
                if nxt is not None:
                    self.people.append((mention.start, nxt))
                    self.spoken.add(nxt)
                    return nxt
        if mention.kind == "desc" and self._definite_person(mention, words):
            # `the lanky, bespectacled professor said`, `The former coach of the Jets said`: the person just named
            named = self.index.last_person(max(prev_lo, mention.start - _LOOK_BACK), para_lo, mention.start, None, self.spoken)
            if named is not None:
                self.people.append((mention.start, named[1]))
                return named[1]
        if mention.kind == "desc" and words[-1].lower() in self.index.lex.person_heads:
            self.people.append((mention.start, mention.text))  # `the official spokesman` is a he or she
            self.spoken.add(mention.text)
        else:
            self.group = mention.text
            if mention.text[:1].isupper() and (len(words) == 1 or any(w[:1].isupper() for w in words[1:])):
                self.org = mention.text  # `The U.S. State Department`, `Facebook said`
        return mention.text

    def _definite_person(self, mention: Mention, words: list[str]) -> bool:
        """A definite description of one person: `the lanky, bespectacled professor`, `The former coach of X`."""
        # the head comes before a prepositional phrase: `the lawyer for Animal Protection Services`
        k = next((i for i, w in enumerate(words) if i > 0 and w in ("of", "for", "with", "at", "from", "in")), len(words))
        head = words[k - 1].lower()
        lex = self.index.lex
        if head in _ANONYMOUS:
            return False  # `the spokesman said`: most often someone left unnamed
        if head not in lex.person_heads and head not in lex.role_nouns and not (k > 2 and words[1] in ("former", "late")):
            return False  # `The former sergeant-at-arms of the House`: a former anything is a person
        if "'s " in mention.text or "\u2019s " in mention.text:
            return False  # `The prime minister's official spokesman`: someone else's aide, not the one named
        if words[0] in ("the", "The"):
            return len(words) <= 8
        return _DEFINITE_BEFORE.search(self.index.text, max(0, mention.start - 40), mention.start) is not None

    def _person(self, pos: int, prev_lo: int, para_lo: int, gender: str | None) -> str | None:
        spoke = next(
            ((p, n) for p, n in reversed(self.people[-50:]) if p < pos and _compatible(n.split(), gender)),
            None,
        )
        if gender is not None and spoke is not None and spoke[1][:1].islower():
            # `a spokesperson`: of the last few speakers, one named and known to be a he (she) is likelier
            known = next(
                ((p, n) for p, n in reversed(self.people[-_RECENT_SPEAKERS:]) if p < pos and gender_of(n) == gender),
                None,
            )
            spoke = known or spoke
        # names before the last speaker's turn cannot be more recent than that speaker: skip them
        after = max(spoke[0] + 1 if spoke is not None else 0, pos - _LOOK_BACK)
        # after a speaker of this paragraph only a new sentence subject takes over, not a name in passing
        any_lo = max(para_lo, after) if spoke is None or spoke[0] < para_lo else pos
        named = self.index.last_person(max(prev_lo, after), any_lo, pos, gender, self.spoken)
        if named is not None and (spoke is None or named[0] > spoke[0]):
            return named[1]
        if spoke is not None and after < prev_lo:
            # a sentence's subject named since the last speaker's turn, with a given name of this
            # gender, is more recent than that speaker (`Trudeau reminded the crowd ...` then `he said`)
            named = self.index.last_person(after, prev_lo, prev_lo, gender, self.spoken)
            if named is not None and named[0] > spoke[0] and gender is not None and gender_of(named[1]) == gender:
                return named[1]
        if spoke is None:
            # nobody quoted yet: the last one-word name that opens a sentence (`Morneau was ...`)
            lead = self.index.last_leading(prev_lo, pos)
            return self.index.fullest(lead[1], lead[0]) if lead is not None else None
        return spoke[1]
