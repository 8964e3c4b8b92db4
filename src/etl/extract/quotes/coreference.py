"""Who a speaker mention stands for: the fullest name, and who `he`, `she`, `the mayor` or `the company` point at.

Updated as quotes are read in text order: `he`/`she` resolve to the most recent person of that
gender (by a given-name list) who spoke or was named; `the mayor` to the name the article gives
with that title; `the company` to the last body quoted; a writing (`Foster's book`) to its author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import Mention
from etl.extract.quotes.names import NameIndex, compatible, gender_of, is_person

# How far back (in characters) a pronoun looks for a person named but not yet quoted.
_LOOK_BACK = 2_000
# How many speakers back a pronoun of known gender looks past ones of unknown gender.
_RECENT_SPEAKERS = 4
# How many speakers back a pronoun looks at all.
_RECENT_PEOPLE = 50
# The article and adjectives before a description that left them out: `the lanky, `.
_DEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:the|The)[ ](?:[a-z-]+,?[ ]){0,3}\Z")


def _next_word(text: str, pos: int) -> str:
    """The word after the space at `pos`, punctuation stripped."""
    return text[pos + 1 : pos + 30].split(" ", 1)[0].rstrip(",.;:")


def _document_owner(desc: str, lex: QuoteLexicon) -> str | None:
    """The author of a writing named as a speaker (`Foster's book` -> Foster), or None."""
    words = desc.split()
    if not any(w in lex.documents for w in words):
        return None
    m = lex.doc_from.match(desc) or lex.doc_owned.match(desc)
    if m is None:
        return None
    owner = m.group(1)
    if owner.endswith(("\u2019s", "'s")):
        owner = owner[:-2]
    if owner in lex.owner_non_names:
        return None  # `The data`: nobody named
    if owner.startswith(("The ", "the ")) and owner[4:].isupper():
        return owner  # `The RCMP`
    return owner[4:] if owner.startswith(("The ", "the ")) and " " not in owner[4:] else owner


def _title_gender(text: str, pos: int, lex: QuoteLexicon) -> str | None:
    """The gender the personal title right before `pos` gives (`Mrs. Clinton`: f), or None."""
    before = text[max(0, pos - 6) : pos]
    if not before.endswith(" "):
        return None
    words = before.split()
    return lex.title_genders.get(words[-1]) if words else None


# How far back (characters) `the report said` looks for the naming of the report with its issuer.
_DOCUMENT_REACH = 3_000
_NAME_WORDS = r"[A-Z][\w.\u2019'&-]*(?:[ ][A-Z][\w.\u2019'&-]*){0,3}"
# `economist Philip Cross wrote in a recent report`, `Jason Schultz, technical researcher at Talos, stated in the company's blog post`
_WROTE_IN = re.compile(
    rf"({_NAME_WORDS})(?:,[^,.\n]{{1,60}},)?[ ](?:wrote|writes|stated|states|said|says|noted|notes|argued|argues)[ ]in[ ]"
    rf"(?:(?:an?|the|his|her|their|its)[ ])?(?:[\w.]+[\u2019']s[ ])?(?:[a-z-]+[ ]){{0,2}}\Z"
)
# `a report from the Parliamentary Budget Officer`, `the study by Civic Action`
_DOC_BY = re.compile(rf"[ ](?:from|by)[ ](?:the[ ])?({_NAME_WORDS}(?:[ ](?:of|for|and)[ ]{_NAME_WORDS}){{0,2}})")
# What stands before a place, not a writer: `the Counselor in Buenos Aires said in a report`.
_PLACE_BEFORE = (" in ", " at ", " of ", " for ", " from ", " to ", " near ")
_POSSESSIVE = ("\u2019s", "'s", "s'", "s\u2019")
# `the Civic Action study`, `An August PBO report`: capitalised words right before the document
_DOC_NAMED = re.compile(r"(?<![\w-])((?:[A-Z][\w.\u2019'&-]*[ ]){1,4})\Z")


def _document_issuer(text: str, noun: str, pos: int, lex: QuoteLexicon) -> str | None:
    """Who issued the document `the <noun>` at `pos` stands for: the person or body named with the last
    document of that kind before it (GGT credits the author, never the document), or None."""
    lo = max(0, pos - _DOCUMENT_REACH)
    at = text.rfind(noun, lo, pos)
    while at > lo:
        if not text[at - 1].isalnum() and not text[at + len(noun) : at + len(noun) + 1].isalnum():
            before = text[max(0, at - 160) : at]
            m = _WROTE_IN.search(before)
            if m is not None and not before[: m.start()].endswith(_PLACE_BEFORE):
                return m.group(1) if not m.group(1).endswith(_POSSESSIVE) else None  # not `Counselor in Buenos Aires said in a report`
            m = _DOC_BY.match(text, at + len(noun), at + len(noun) + 90)
            if m is not None:
                return m.group(1) if not m.group(1).endswith(_POSSESSIVE) else None  # not `by the State Department's inspector`
            m = _DOC_NAMED.search(before)
            if m is not None:
                words = m.group(1).split()
                while words and words[0] in lex.name_stop:
                    words = words[1:]  # `An August PBO report`: the body, not its article or month
                if words and not words[-1].endswith(("\u2019s", "'s")):
                    return " ".join(words)
        at = text.rfind(noun, lo, at)
    return None


@dataclass(slots=True)
class Tracker:
    """Who `he`, `she` and `they` point at, updated as quotes are read in text order."""

    index: NameIndex
    people: list[tuple[int, str]] = field(default_factory=list)  # (position, full name) of speakers
    spoken: set[str] = field(default_factory=set)  # the names in `people`, for quick look-up
    group: str | None = None
    org: str | None = None  # the last body named as a speaker (`Facebook`), for `the company`
    descs: list[tuple[str, str]] = field(default_factory=list)  # (head noun, description) of described speakers

    def resolve(self, mention: Mention, prev_lo: int, para_lo: int) -> str | None:
        """The speaker's fullest name for `mention`.

        A pronoun looks back at the speakers so far, the people named in its paragraph, and
        those who open a sentence in the paragraph before (`prev_lo`).
        """
        lex = self.index.lex
        if mention.kind == "pronoun":
            word = mention.text.lower()
            if word in lex.person_genders:
                return self._person(mention.start, prev_lo, para_lo, lex.person_genders[word])
            return self.group or (self.people[-1][1] if self.people else None)
        text = self.index.text
        if mention.kind == "name" and mention.text.split()[-1] in lex.party_members and text[max(0, mention.start - 4) : mention.start] in ("the ", "The "):
            # `the Kentucky Republican said`: a description of the person just named
            named = self.index.last_person(max(prev_lo, mention.start - _LOOK_BACK), prev_lo, mention.start, None, self.spoken, anyone=True)
            if named is not None:
                self.people.append((mention.start, named[1]))
                return named[1]
        if mention.kind == "name":
            full = self.index.fullest(mention.text, mention.start, _title_gender(text, mention.start, lex))
            full = self._spelled(full, mention.start) if full == mention.text else full
            self.people.append((mention.start, full))  # a one-word speaker may be a he or she too
            self.spoken.add(full)
            if not is_person(tuple(full.split()), lex):
                article = self.index.text[max(0, mention.start - 4) : mention.start]
                after = text[mention.end : mention.end + 2]
                if (
                    article in ("the ", "The ")
                    and full == mention.text
                    and " " not in full
                    and not (full.endswith("s") and full[:-1].isupper())
                    and not (after[:1] == " " and after[1:].islower() and not lex.cue_kind.get(_next_word(text, mention.end)))
                ):
                    full = article + full  # `The U.S. said`, `the Kremlin said`: a body keeps its article (not `the MPs`)
                self.org = full
            return full
        words = mention.text.split()
        pronoun = lex.possessive_pronouns.get(words[0].lower()) if mention.kind == "desc" and len(words) > 1 else None
        if pronoun is not None and pronoun != "you" and any(w in lex.documents for w in words[1:]):
            # `her statement said`: the writing speaks for the one `her` points at
            return self.resolve(Mention(mention.start, mention.end, pronoun, "pronoun"), prev_lo, para_lo)
        owner = _document_owner(mention.text, lex) if mention.kind == "desc" else None
        if owner is not None:
            # `Foster's book`, `a statement from the EU`, `The RCMP statement`: who wrote it speaks
            full = self.index.fullest(owner, mention.start) if owner[:1].isupper() else owner
            full = self._spelled(full, mention.start)
            if is_person(tuple(full.split()), lex):
                self.people.append((mention.start, full))
            return full
        if mention.kind == "desc" and len(words) == 2 and words[0] in ("the", "The") and words[1] in lex.documents:
            # `the report said`: whoever the article said issued the report (`a report from the PBO`, `X wrote in a report`)
            issuer = _document_issuer(text, words[1], mention.start, lex)
            if issuer is None and words[1] in lex.research_documents:
                # `A study by the University of Calgary's School of Public Policy ...` then `the report said`
                for other in lex.research_documents:
                    issuer = _document_issuer(text, other, mention.start, lex) if other != words[1] else None
                    if issuer is not None:
                        break
            if issuer is not None:
                full = self.index.fullest(issuer, mention.start) if " " not in issuer else issuer
                if is_person(tuple(full.split()), lex):
                    self.people.append((mention.start, full))
                else:
                    self.group = self.org = full  # `it said` after `the report said`: the same body
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
            if words[-1].lower() in lex.org_nouns and self.org is not None:
                return self.org
            if " ".join(words[1:]) in lex.role_nouns:
                # `the mayor said`, the article naming the mayor only as `McCallum`: the person just named
                named = self.index.last_person(max(prev_lo, mention.start - _LOOK_BACK), para_lo, mention.start, None, self.spoken)
                if named is not None:
                    self.people.append((mention.start, named[1]))
                    return named[1]
        if mention.kind == "desc" and len(words) == 2 and words[0] in ("the", "The") and words[1] in lex.heads and words[1].endswith("s"):
            # `the officials said` after `administration officials unauthorized to speak publicly said`: the same people
            # (plural heads only: for `the spokesman` GGT credits the mention as written, a fuller one lost more than it won)
            fuller = next((d for h, d in reversed(self.descs) if h == words[1] and len(d.split()) > 2), None)
            if fuller is not None:
                self.group = fuller
                return fuller
        if mention.kind == "desc" and words[0] in ("A", "An") and self.index.in_lede(mention.start):
            heads = self.index.text[mention.start : mention.start + 80].split()[1:8]
            if any(w in lex.person_heads and w not in lex.unnamed_heads for w in heads):
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
        if mention.kind == "desc" and (spelled := self._spelled(mention.text, mention.start)) != mention.text:
            self.group = self.org = spelled
            return spelled
        if mention.kind == "desc":
            # its head: the last description noun before a preposition (`a central bank official`, `A spokesman for the Home Office`)
            k = next((i for i, w in enumerate(words) if i > 0 and w in lex.speaker_prepositions), len(words))
            head = next((w for w in reversed(words[:k]) if w in lex.heads), None)
            if head is not None:
                self.descs.append((head, mention.text))
        if mention.kind == "desc" and words[-1].lower() in lex.person_heads:
            self.people.append((mention.start, mention.text))  # `the official spokesman` is a he or she
            self.spoken.add(mention.text)
        else:
            self.group = mention.text
            if mention.text[:1].isupper() and (len(words) == 1 or any(w[:1].isupper() for w in words[1:])):
                self.org = mention.text  # `The U.S. State Department`, `Facebook said`
        return mention.text

    def _spelled(self, name: str, pos: int) -> str:
        """`name` itself, or, for initials (`PBO`, `the PBO`), the name they stand for as the article
        wrote it before `pos` (`The Parliamentary Budget Officer`): GGT credits the body by its name."""
        bare = name[4:] if name.startswith(("the ", "The ")) else name
        return self.index.spelled_out(bare, pos) or name

    def _definite_person(self, mention: Mention, words: list[str]) -> bool:
        """A definite description of one person: `the lanky, bespectacled professor`, `The former coach of X`."""
        # the head comes before a prepositional phrase: `the lawyer for Animal Protection Services`
        lex = self.index.lex
        k = next((i for i, w in enumerate(words) if i > 0 and w in lex.speaker_prepositions), len(words))
        head = words[k - 1].lower()
        if head in lex.anonymous_heads:
            return False  # `the spokesman said`: most often someone left unnamed
        if head not in lex.person_heads and head not in lex.role_nouns and not (k > 2 and words[1] in ("former", "late")):
            return False  # `The former sergeant-at-arms of the House`: a former anything is a person
        if "'s " in mention.text or "\u2019s " in mention.text:
            return False  # `The prime minister's official spokesman`: someone else's aide, not the one named
        if words[0] in ("the", "The"):
            return len(words) <= 8
        return _DEFINITE_BEFORE.search(self.index.text, max(0, mention.start - 40), mention.start) is not None

    def _person(self, pos: int, prev_lo: int, para_lo: int, gender: str | None) -> str | None:
        """The person `he` (`she`, `I`) at `pos` stands for: a recent speaker or someone named since."""
        lex = self.index.lex
        spoke = next(
            ((p, n) for p, n in reversed(self.people[-_RECENT_PEOPLE:]) if p < pos and compatible(n.split(), gender, lex)),
            None,
        )
        if gender is not None and spoke is not None and spoke[1][:1].islower():
            # `a spokesperson`: of the last few speakers, one named and known to be a he (she) is likelier
            known = next(
                ((p, n) for p, n in reversed(self.people[-_RECENT_SPEAKERS:]) if p < pos and gender_of(n, lex) == gender),
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
            if named is not None and named[0] > spoke[0] and gender is not None and gender_of(named[1], lex) == gender:
                return named[1]
        if spoke is None:
            # nobody quoted yet: the last one-word name that opens a sentence (`Morneau was ...`)
            lead = self.index.last_leading(prev_lo, pos)
            if lead is not None:
                return self.index.fullest(lead[1], lead[0])
            if gender is None:
                return None
            # else the last person of this gender (by given name) named anywhere shortly before (`For Fouzia Al
            # Hashish and thousands of other Syrian refugees, ...` two paragraphs before `she said`)
            lo = max(0, pos - _LOOK_BACK)
            named = self.index.last_person(lo, lo, pos, gender, self.spoken)
            if named is None or gender_of(named[1], lex) != gender:
                return None
            last = named[1].rsplit(" ", 1)[-1]
            return None if last in lex.org_heads or f"{last.rstrip('.')}." in lex.name_stop else named[1]  # not `John Labatt Ltd`
        return spoke[1]
