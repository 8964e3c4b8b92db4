"""Cross-article linking: which speaker forms name the same person, organisation or group.

Rules for people (each has table tests on real dev-corpus names in `tests/etl/people/`):
1. Titles are dropped before comparing (`Exchequer Nigel Lawson` = `Nigel Lawson`).
2. Surnames are compared by their transliteration skeleton (`names.surname_skeleton`: accents,
   an Arabic article, `y` = `i`, doubled letters), and two skeletons are variants of one surname
   when their Levenshtein distance is 0, or 1 with the edit on a vowel and both at least
   `MIN_VARIANT_LEN` letters long (`Gorbachev`/`Gorbachov`; never `Johnson`/`Johnston`).
3. A fuller name takes in a less full one when their given names are compatible (equal, an
   initial, or a nickname from the `nicknames` data: `Bill`/`William`), their middle initials
   agree where both have them, and so do their suffixes (`Jr`).
4. Must not merge: two given names that are not compatible (`Boris Johnson` / `Dustin Johnson`),
   two different middle initials (`George W. Bush` / `George H.W. Bush`).
5. A form that fits several people (`Johnson`, `George Bush`) links per period (calendar month of
   publication, else of ingestion) to the one person of those who is quoted in that period, and
   to nobody when there are several or none; a bare surname with one candidate in the whole
   archive links to it, and one with none stands for a person of its own.

Organisations are keyed by their name without `the` and legal forms (`Chrysler Corp` =
`Chrysler`); an acronym (`GM`, `S and P`) joins the one organisation whose initials it is.
Groups are keyed by their description (`Analysts` = `analysts` = `the analysts`).

Everything here runs over DISTINCT forms (a few thousand), never per quote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from etl.people.names import GROUP, ORGANISATION, PERSON, Name, fold, given_names_compatible

MIN_VARIANT_LEN = 7
MIN_ARTICLES_FOR_SURNAME = 2
VOWELS = frozenset("aeiou")


class FormEvidence(NamedTuple):
    """What the articles show about one speaker form, counted over its quotes' mentions."""

    pronouns: int = 0     # the mention is `he` / `she`
    honorifics: int = 0   # `Mr`, `Mrs`, `Ms`, ... in or right before the mention (peers left out)
    it: int = 0           # the mention is `it`
    peers: int = 0        # `Lord`, `Baroness`, ... before the mention
    direct: int = 0       # the mention is the name itself (not a pronoun or description)


@dataclass(slots=True)
class Entity:
    """One person, organisation or group: the forms that name it."""

    kind: str
    members: list[Name] = field(default_factory=list)

    @property
    def anchor(self) -> Name:
        """The most specific form (the first one added)."""
        return self.members[0]


@dataclass(slots=True)
class Linking:
    """The result of linking: entities, and which entity each form names.

    Attributes:
        entities: every entity, in a deterministic order.
        of_form: form → index into `entities`, for forms that name one entity everywhere.
        ambiguous: form → indexes of the entities it may name; resolved per period.
    """

    entities: list[Entity]
    of_form: dict[str, int]
    ambiguous: dict[str, list[int]]


def vowel_variants(a: str, b: str) -> bool:
    """Two surname skeletons are transliteration variants: equal, or one vowel edit apart and both long enough."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_VARIANT_LEN or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in VOWELS and diff[0][1] in VOWELS
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i, ch in enumerate(long_):
        if long_[:i] + long_[i + 1:] == short:
            return ch in VOWELS or ch == "h"
    return False


def surname_blocks(skeletons: Iterable[str]) -> dict[str, str]:
    """Skeleton → the block it belongs to (the smallest skeleton of its variant group).

    Candidate variants are found through one-deletion neighbourhoods (linear in the number of
    skeletons), then checked with `vowel_variants`; groups are their transitive closure.
    """
    skels = sorted(set(skeletons))
    parent = {s: s for s in skels}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    by_deletion: dict[str, list[str]] = defaultdict(list)
    for s in skels:
        if len(s) >= MIN_VARIANT_LEN:
            by_deletion[s].append(s)
            for i in range(len(s)):
                by_deletion[s[:i] + s[i + 1:]].append(s)
    for group in by_deletion.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a != b and vowel_variants(a, b):
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    return {s: find(s) for s in skels}


def compatible(name: Name, anchor: Name) -> bool:
    """A person form may name the same person as a cluster's most specific form."""
    if not given_names_compatible(name.given, anchor.given):
        return False
    if any(a != b for a, b in zip(name.middles, anchor.middles, strict=False)):
        return False
    return not (name.suffix and anchor.suffix and name.suffix != anchor.suffix)


def link(names: Iterable[Name], articles_of: Mapping[str, int] | None = None, outlets: frozenset[str] = frozenset(),
         evidence: Mapping[str, FormEvidence] | None = None) -> Linking:
    """Link distinct speaker forms into entities (see the module docstring for the rules).

    Args:
        names: one parsed `Name` per distinct speaker form (forms naming nobody are skipped).
        articles_of: articles quoting each form (orders forms of equal specificity; see the bare-surname rule).
        outlets: folded names of the archive's relaying outlets (`bbc`, `reuters`): a one-word
            speaker that is one is an organisation, and an acronym that is one is never read as
            another organisation's initials (`BBC` is not `Bank of British Columbia`).
        evidence: per form, what its quotes' mentions show (`FormEvidence`). When given, a bare
            surname that the articles call `it` more than anything else is an organisation
            (`Sears`), and the bare-surname rule of `_link_people` applies.
    """
    articles_of = articles_of or {}
    entities: list[Entity] = []
    of_form: dict[str, int] = {}
    ambiguous: dict[str, list[int]] = {}
    by_kind: dict[str, list[Name]] = defaultdict(list)
    for n in names:
        ev = evidence.get(n.form, FormEvidence()) if evidence is not None else FormEvidence(pronouns=1)
        if n.kind == PERSON and not n.first and n.key and (fold(n.display) in outlets or ev.it > ev.pronouns + ev.honorifics + ev.peers):
            n = replace(n, kind=ORGANISATION, key=fold(n.display))
        if n.kind is not None:
            by_kind[n.kind].append(n)

    def new(kind: str, n: Name) -> int:
        entities.append(Entity(kind, [n]))
        of_form[n.form] = len(entities) - 1
        return len(entities) - 1

    honorific = frozenset(f for f, ev in (evidence or {}).items() if ev.honorifics > 0)
    unattested = frozenset(n.form for n in by_kind[PERSON] if evidence is not None and not _attested(evidence.get(n.form, FormEvidence())))
    _link_people(by_kind[PERSON], articles_of, unattested, honorific if evidence is not None else None, entities, of_form, ambiguous, new)
    _link_organisations(by_kind[ORGANISATION], entities, of_form, new, outlets)
    by_key: dict[str, int] = {}
    for n in sorted(by_kind[GROUP], key=lambda n: (n.key, n.form)):
        if n.key in by_key:
            entities[by_key[n.key]].members.append(n)
            of_form[n.form] = by_key[n.key]
        else:
            by_key[n.key] = new(GROUP, n)
    return Linking(entities, of_form, ambiguous)


def _attested(ev: FormEvidence) -> bool:
    """A bare surname may be a known person's: named directly at least once, called `he`/`she` or `Mr`/`Mrs`, never `Lord`/`Lady`."""
    return ev.direct > 0 and ev.pronouns + ev.honorifics > 0 and ev.peers == 0


def _link_people(people: list[Name], articles_of: Mapping[str, int], unattested: frozenset[str], honorific: frozenset[str] | None,
                 entities: list[Entity], of_form: dict[str, int], ambiguous: dict[str, list[int]], new: object) -> None:
    """Person forms, most specific first, each into the one compatible person of its surname block.

    The bare-surname rule: a one-word name links to a fuller name only when the articles show
    it is a person (not in `unattested`: see `_attested`) and either `Mr`/`Mrs`/`Ms` stands
    before it (`Mr Blair`) or the fuller name is quoted in at least `MIN_ARTICLES_FOR_SURNAME`
    articles: a journalist writes a bare surname for someone known. One-word speakers that
    fail it are as often a place, a company, a peer (`Lord Browne` is not Des Browne) or an
    extraction error (`London`, `Sears`, `Early`) as someone's surname: they join only other
    bare forms.
    """
    block_of = surname_blocks(n.surname for n in people)
    clusters: dict[str, list[int]] = defaultdict(list)  # block → entity indexes
    bare_of_block: dict[str, int] = {}
    cluster_articles: dict[int, int] = defaultdict(int)
    ordered = sorted(people, key=lambda n: (-n.specificity, -articles_of.get(n.form, 0), n.key, n.form))
    for n in ordered:
        block = block_of[n.surname]
        if n.first:
            fits = [i for i in clusters[block] if entities[i].anchor.first and compatible(n, entities[i].anchor)]
        elif n.form in unattested:
            fits = []
        else:
            fits = [i for i in clusters[block] if entities[i].anchor.first
                    and (honorific is None or n.form in honorific or cluster_articles[i] >= MIN_ARTICLES_FOR_SURNAME)]
        if not n.first and not fits and block in bare_of_block:
            fits = [bare_of_block[block]]
        if len(fits) == 1:
            entities[fits[0]].members.append(n)
            of_form[n.form] = fits[0]
            cluster_articles[fits[0]] += articles_of.get(n.form, 0)
        elif not fits:
            i = new(PERSON, n)  # type: ignore[operator]
            clusters[block].append(i)
            cluster_articles[i] += articles_of.get(n.form, 0)
            if not n.first:
                bare_of_block[block] = i
        else:
            ambiguous[n.form] = fits


def _link_organisations(orgs: list[Name], entities: list[Entity], of_form: dict[str, int], new: object, outlets: frozenset[str]) -> None:
    """Organisations by key; then each acronym into the one organisation whose initials it is."""
    by_key: dict[str, int] = {}
    acronyms = [n for n in orgs if n.is_acronym]
    for n in sorted((n for n in orgs if not n.is_acronym), key=lambda n: (n.key, n.form)):
        if n.key in by_key:
            entities[by_key[n.key]].members.append(n)
            of_form[n.form] = by_key[n.key]
        else:
            by_key[n.key] = new(ORGANISATION, n)  # type: ignore[operator]
    by_initials: dict[str, set[int]] = defaultdict(set)
    for key, i in by_key.items():
        initials = entities[i].anchor.acronym
        if len(initials) >= 2 and len(key.split()) >= 2:
            by_initials[initials].add(i)
    for n in sorted(acronyms, key=lambda n: (n.key, n.form)):
        targets = by_initials.get(n.acronym, set()) if n.key not in outlets else set()
        if n.key in by_key:
            i = by_key[n.key]
        elif len(targets) == 1:
            i = next(iter(targets))
            by_key[n.key] = i
        else:
            by_key[n.key] = new(ORGANISATION, n)  # type: ignore[operator]
            continue
        entities[i].members.append(n)
        of_form[n.form] = i


def resolve_in_period(candidates: list[int], present: set[int]) -> int | None:
    """The one candidate quoted in the period, or None when there are several or none."""
    hits = [i for i in candidates if i in present]
    return hits[0] if len(hits) == 1 else None
