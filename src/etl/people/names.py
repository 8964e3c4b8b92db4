"""One speaker string → a typed name: its kind (person, organisation, group) and comparison keys.

Kinds:
- `group`: a description, not a name (`analysts`, `the spokesman`, `Wall Street economists`,
  `The company`): the same description in two articles is not one speaker, so groups are keyed by
  the description (lower case, leading determiners dropped) and never linked to a person.
- `organisation`: a name with an organisation word (`Bank`, `Corp`, `Ministry`, lexicon
  `org_words`), an acronym (`IBM`), a name joined by `and` (`Duff and Phelps`) or a country
  (CLDR territory names from Babel: `Iraq` speaking is its government).
- `person`: any other capitalised name; parsed with nameparser (titles, given name, middle
  names, surname, suffix).

A speaker that names nobody (`Inc`, `One`, a lone initial) gets kind None and no person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.lexicons import words

PERSON, ORGANISATION, GROUP = "person", "organisation", "group"
KINDS = (PERSON, ORGANISATION, GROUP)

_TOKEN = re.compile(r"[^\s]+")
_EDGE_PUNCT = "<>\"'“”‘’()[]{},;:!?*|"


@dataclass(frozen=True, slots=True)
class Name:
    """A speaker string read as a name.

    Attributes:
        form: the speaker as written.
        kind: `person`, `organisation`, `group`, or None when it names nobody.
        display: the form without titles, determiners and stray punctuation (`Nigel Lawson`).
        key: the comparison key of organisations and groups, and of a person's full name.
        first: a person's folded given name, or its initial (`g`), or '' when only a surname is given.
        middles: a person's middle-name initials (`('w',)` for `George W. Bush`).
        surname: a person's surname skeleton (see `surname_skeleton`).
        suffix: a person's suffix (`jr`), folded.
        called: the given name a person goes by when it is not the first (`lee` for `R. Lee Taylor`).
        acronym: for an organisation, its initials (`gm` for `General Motors Corp`, `gm` for `GM`).
        is_acronym: the organisation is written as an acronym (`GM`, `S and P`).
    """

    form: str
    kind: str | None
    display: str
    key: str
    first: str = ""
    middles: tuple[str, ...] = ()
    surname: str = ""
    suffix: str = ""
    called: str = ""
    acronym: str = ""
    is_acronym: bool = False

    @property
    def given(self) -> str:
        """The given name compared across forms: the one the person goes by, else the first."""
        return self.called or self.first

    @property
    def has_given_name(self) -> bool:
        """A full given name (not only an initial) is known."""
        return len(self.given) > 1

    @property
    def specificity(self) -> int:
        """How much of a person's name is given: 0 surname only, 1 an initial, 2 a given name, +1 per middle, +1 suffix."""
        return (2 if self.has_given_name else 1 if self.first else 0) + len(self.middles) + (1 if self.suffix else 0)


# The people lexicon's word lists that name parsing reads.
_LISTS = ("determiners", "group_nouns", "extra_titles", "personal_titles", "surname_particles", "arabic_article", "org_words",
          "org_suffixes", "acronym_stopwords", "not_a_name", "honorifics_male", "honorifics_female")


@cache
def _lex() -> dict[str, frozenset[str]]:
    """The people lexicon's word lists as lower-case sets."""
    return {k: frozenset(w.lower() for w in words("people", k)) for k in _LISTS}


@cache
def _titles() -> frozenset[str]:
    """Titles read before a name: nameparser's list and the lexicon's extra ones (without full stops)."""
    from nameparser.config import CONSTANTS

    return frozenset(t.lower().rstrip(".") for t in CONSTANTS.titles) | frozenset(t.rstrip(".") for t in _lex()["extra_titles"])


@cache
def _countries() -> frozenset[str]:
    """English country and territory names from CLDR (Babel), folded."""
    from babel import Locale

    return frozenset(fold(n) for code, n in Locale("en").territories.items() if code.isalpha())


@cache
def _given_names() -> frozenset[str]:
    """English given names known to the `nicknames` data set (canonical names and nicknames)."""
    return frozenset(n for pair in _nickname_pairs() for n in pair)


@cache
def _nickname_pairs() -> frozenset[tuple[str, str]]:
    """(canonical, nickname) pairs of English given names from the `nicknames` package (`william`, `bill`)."""
    from nicknames import name_triplets

    return frozenset((t.name1.lower(), t.name2.lower()) for t in name_triplets())


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, accents stripped, `&` read as `and`, every run of other non-alphanumerics one space."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    out = []
    for ch in text:
        if unicodedata.combining(ch):
            continue
        out.append(ch.lower() if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def surname_skeleton(surname: str) -> str:
    """A surname folded for transliteration variants: accents, an Arabic article, `y`/`i`, doubled letters.

    `Zelensky`, `Zelenskyy` and `Zelenskiy` → `zelenski`; `Al-Assad` and `Assad` → `asad`.
    """
    words = fold(surname).split()
    arabic = _lex()["arabic_article"]
    if len(words) > 1 and words[0] in arabic:
        words = words[1:]
    letters = "".join(words).replace("y", "i")
    out: list[str] = []
    for ch in letters:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _clean_tokens(form: str) -> list[str]:
    """The form's words with stray punctuation (`Inc>`, quotes, brackets) stripped from their edges."""
    tokens = [t.strip(_EDGE_PUNCT) for t in _TOKEN.findall(form)]
    return [t for t in tokens if t and any(c.isalnum() for c in t)]


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _initials(tokens: list[str]) -> str:
    """The initials of a name's significant words (`General Motors Corp` → `gm`)."""
    stop = _lex()["acronym_stopwords"] | _lex()["org_suffixes"]
    return "".join(fold(t)[0] for t in tokens if fold(t) and fold(t) not in stop and fold(t).split()[0] not in stop)


def _strip_determiners(tokens: list[str]) -> tuple[list[str], bool]:
    """Leading determiners (and a stray leading `and`) dropped; whether a determiner was."""
    dets = _lex()["determiners"]
    i, had_det = 0, False
    while i < len(tokens) - 1 and (tokens[i].lower() in dets or tokens[i] in ("and", "or", "but", "&")):
        had_det = had_det or tokens[i].lower() in dets
        i += 1
    return tokens[i:], had_det


def parse_speaker(form: str) -> Name:
    """Read one speaker string as a person, organisation or group name (or as naming nobody)."""
    lex = _lex()
    tokens = _clean_tokens(form)
    if not tokens:
        return Name(form, None, "", "")
    body, had_det = _strip_determiners(tokens)
    folded = [fold(t) for t in body]
    if len(body) == 1 and (folded[0] in lex["not_a_name"] or len(folded[0].replace(" ", "")) < 2):
        return Name(form, None, "", "")
    if all(f in lex["not_a_name"] for f in folded):
        return Name(form, None, "", "")
    name_particles = lex["surname_particles"] | lex["acronym_stopwords"] | lex["arabic_article"]
    lower_words = [t for t in body if t[0].islower() and fold(t) not in name_particles and fold(t).split()[0] not in lex["arabic_article"]]
    last = folded[-1]
    # Descriptions: lower-case words, a group noun at the end, or a determiner before one common noun.
    if (lower_words or (last in lex["group_nouns"] and last not in lex["org_words"])
            or (had_det and len(body) == 1 and last in lex["group_nouns"])
            or (len(body) == 1 and last in lex["group_nouns"] and not body[0].isupper())):
        key = " ".join(folded)
        return Name(form, GROUP, " ".join(body) if not body[0][:1].isupper() or len(body) > 1 else body[0].lower(), key)
    org = _organisation(form, body, folded)
    if org is None and had_det:  # `the Bishop`, `The Spaniard`: a person is never `the Blair`
        return Name(form, GROUP, " ".join(body), " ".join(folded))
    return org or _person(form, body, folded)


def _organisation(form: str, body: list[str], folded: list[str]) -> Name | None:
    """The name read as an organisation, or None when it reads as a person."""
    lex = _lex()
    words = [w for f in folded for w in f.split()]
    is_acronym = all(_is_acronym(t) or len(t.rstrip(".")) == 1 or fold(t) == "and" for t in body) and any(c.isupper() for c in "".join(body))
    if is_acronym and not (len(body) == 1 and len(body[0].rstrip(".")) < 2):
        letters = "".join(fold(t) for t in body if fold(t) != "and").replace(" ", "")
        if 2 <= len(letters) <= 6:
            return Name(form, ORGANISATION, " ".join(body), letters, acronym=letters, is_acronym=True)
    org_hit = [i for i, w in enumerate(folded) if w in lex["org_words"] or w.split()[-1] in lex["org_words"]]
    joined_by_and = "and" in words[1:-1] and all(t[:1].isupper() for t in body if fold(t) != "and")
    looks_person = (len(body) in (2, 3) and folded[0] in _given_names()
                    and not any(folded[i] in lex["org_suffixes"] for i in org_hit) and org_hit and min(org_hit) == len(body) - 1)
    countries = _countries()
    if (org_hit and not looks_person) or joined_by_and or " ".join(folded) in countries or (len(folded) > 1 and folded[-1] in countries):
        suffixes = lex["org_suffixes"]
        keep = list(folded)
        while len(keep) > 1 and keep[-1] in suffixes:
            keep.pop()
        return Name(form, ORGANISATION, " ".join(body), " ".join(keep), acronym=_initials(body))
    return None


def _person(form: str, body: list[str], folded: list[str]) -> Name:
    """The name read as a person: titles dropped, then given name, middles, surname and suffix.

    Titles and suffixes are nameparser's lists (plus the lexicon's `extra_titles`); the split
    itself is done here: nameparser's full parser costs ~0.8 ms a name, this ~20 µs.
    """
    lex = _lex()
    titles = _titles()
    i = 0
    personal = lex["personal_titles"] | lex["honorifics_male"] | lex["honorifics_female"]
    while i < len(body) - 1 and (folded[i].replace(" ", "") in personal
                                 or (i < len(body) - 2 and (folded[i].replace(" ", "") in titles or folded[i] in titles))):
        i += 1  # `Mr Peston`; nameparser's broad titles (`First`, `National`) only before a given name and surname
    body, folded = body[i:], folded[i:]
    suffix = ""
    if len(body) > 2 and folded[-1].replace(" ", "") in _suffixes():
        suffix, body, folded = folded[-1].replace(" ", ""), body[:-1], folded[:-1]
    particles = lex["surname_particles"]
    start = len(body) - 1  # the surname: the last word and the particles before it (`De Croo`, `van Gogh`)
    while start > 1 and folded[start - 1] in particles:
        start -= 1
    if len(body) == 1 or folded[0] in particles:
        start = 0
    surname = " ".join(body[start:])
    skeleton = surname_skeleton(surname)
    if start == 0:
        return Name(form, PERSON, " ".join(body), skeleton, surname=skeleton)
    given = [f.replace(" ", "") for f in folded[:start]]
    first = given[0]
    middles = tuple(ch for tok, g in zip(body[1:start], given[1:], strict=True) if g
                    for ch in (g if "." in tok.rstrip(".") and len(g) <= 3 else g[0]))  # `H.W.` is two initials
    if body[0].replace(".", "").isupper() and 1 < len(first) <= 3:  # `J.R. Ewing`, `JR Ewing`: initials run together
        first, middles = first[0], (*tuple(first[1:]), *middles)
    called = given[1] if len(first) == 1 and len(given) > 1 and len(given[1]) > 1 and "." not in body[1] else ""  # `R. Lee Taylor`
    display = " ".join(body + ([suffix.capitalize() + "."] if suffix in ("jr", "sr") else [suffix.upper()] if suffix else []))
    key = " ".join(p for p in (first, *middles, skeleton, suffix) if p)
    return Name(form, PERSON, display, key, first=first, middles=middles, surname=skeleton, suffix=suffix, called=called)


@cache
def _suffixes() -> frozenset[str]:
    """Name suffixes (`Jr`, `III`) from nameparser, folded."""
    from nameparser.config import CONSTANTS

    return frozenset(s.lower().replace(".", "") for s in CONSTANTS.suffix_not_acronyms) | frozenset({"ii", "iii", "iv"})


def given_names_compatible(a: str, b: str) -> bool:
    """Two folded given names can be one person's: equal, one an initial of the other, or a nickname (`bill`/`william`)."""
    if not a or not b:
        return True
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    pairs = _nickname_pairs()
    return (a, b) in pairs or (b, a) in pairs
