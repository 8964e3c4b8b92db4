"""Every word list the quote modules read, built once into one `QuoteLexicon` that they are handed.

Sources: `cues.json` (reporting verbs and phrases), `cues_broad.json` (reporting verbs generated from
VerbNet by `bench/build_cue_lexicon.py`: cues of quotations only), `outlets.json` (outlets, relays, relay phrases),
`quotes_names.json` (titles, name words, pronouns, description heads, given names, ...) and
`quotes_grammar.json` (closed-class words of the clause and subject rules), `past_forms.json` (irregular past
forms generated from lemminflect by `bench/build_past_forms.py`); `lexicons/README.md`
says what each key is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.extract.text import alternation, trie_pattern
from etl.lexicons import LexiconError, records, table, words


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """The quote family's word sets and the patterns built from them."""

    # cues: every reporting form -> (how it introduces reported speech, whether it is the base form)
    cue_re: re.Pattern[str]  # ASCII word boundaries: `find_cues` checks the rare non-ASCII letter next to a match
    cue_re_unicode: re.Pattern[str]  # the same with Unicode word boundaries, where one is
    cue_kind: dict[str, tuple[str, bool]]
    # forms of the generated cues (`cues_broad.json`) of speech classes: `that` right after them opens a report
    broad_that_forms: frozenset[str]
    # names and mentions
    titles: frozenset[str]
    name_stop: frozenset[str]
    heads: frozenset[str]
    org_heads: frozenset[str]
    personal_titles: frozenset[str]
    title_genders: dict[str, str]  # `Mrs.` -> f: the gender a personal title gives the name after it
    person_heads: frozenset[str]
    role_nouns: frozenset[str]
    org_nouns: frozenset[str]
    abbreviations: frozenset[str]
    given_names: frozenset[str]  # known first names: `Theresa May` keeps its month-named surname
    genders: dict[str, str]  # given name -> "f" | "m"
    name_run: re.Pattern[str]  # a run of capitalised words, particles of names allowed
    run_joiners: frozenset[str]
    according_source: re.Pattern[str]
    # pronouns (one table in quotes_names.json, read here into the sets each rule tests)
    pronoun_forms: frozenset[str]  # as written, both cases (`he`, `He`, `I`): ends a description read back
    subject_pronouns: frozenset[str]  # lower case: a mention before a cue (`he said`)
    self_pronouns: frozenset[str]  # `I`, as written
    speaking_pronouns: frozenset[str]  # lower case: after a cue (`, said he`) or opening a sentence
    person_genders: dict[str, str | None]  # lower case pronoun of one person -> gender
    base_verb_subjects: frozenset[str]  # a base-form cue after them is a verb (`they say`)
    clause_subjects: frozenset[str]  # lower case: open a reported clause (`said he ...`, `said there ...`)
    possessives: frozenset[str]
    possessive_pronouns: dict[str, str]  # possessive determiner -> its pronoun (`her` -> `she`)
    inverted_pronoun: re.Pattern[str]
    going_on: re.Pattern[str]  # what carries a report on after a trailing attribution
    # outlets and relays
    outlets: frozenset[str]
    outlet_re: re.Pattern[str]
    relays: frozenset[str]
    relay_groups: tuple[tuple[str, tuple[str, ...]], ...]  # (a string every phrase of the group holds, phrases)
    # writings, descriptions and parties (coreference)
    documents: frozenset[str]
    initials_stop: frozenset[str]  # words that open a sentence, never a body's name spelled out (`And`, `Thursday`)
    name_particles: frozenset[str]  # lower-case particles inside a name (`de`, `van`): `De Blasio` opens no sentence
    research_documents: tuple[str, ...]  # nouns an article uses for one piece of research (`study`, `report`)
    doc_from: re.Pattern[str]
    doc_owned: re.Pattern[str]
    owner_non_names: frozenset[str]
    anonymous_heads: frozenset[str]
    unnamed_heads: frozenset[str]
    party_members: frozenset[str]
    # closed-class words of the clause and subject rules (quotes_grammar.json)
    subordinators: frozenset[str]
    addressee_verbs: frozenset[str]
    auxiliaries: frozenset[str]
    noun_makers: frozenset[str]
    report_forms: frozenset[str]
    claim_nouns: frozenset[str]
    title_small_words: frozenset[str]
    skip_before_cue: frozenset[str]
    clause_openers: frozenset[str]
    subject_barrier: frozenset[str]
    determiners: frozenset[str]
    weekdays: frozenset[str]
    attribution_adjuncts: frozenset[str]
    relative_pronouns: frozenset[str]
    clause_links: frozenset[str]  # after a comma, open a clause of its own (`, while`, `, with`)
    issue_verbs: frozenset[str]  # put out a document: `issued a statement saying`
    inverted_stop: frozenset[str]
    finite_verbs: frozenset[str]
    not_subject_end: frozenset[str]
    speaker_prepositions: frozenset[str]
    name_like_auxiliaries: frozenset[str]
    mention_openers: frozenset[str]  # lower case: open a sentence, no part of its subject (`But`, `Yesterday`)
    adjunct_openers: frozenset[str]  # lower case: open an adjunct a comma closes before the subject (`On Monday,`)
    role_stop: frozenset[str]
    past_forms: frozenset[str]  # irregular past forms (`came`, `began`), from `past_forms.json`
    phrase_prepositions: frozenset[str]  # lower case: open an adverbial phrase (`despite`, `with`)
    # the weights of the speaker ranking's features (speaker_weights.json, fitted by bench/fit_speaker_weights.py)
    speaker_weights: dict[str, float]
    speaker_margin: float  # how much a candidate must outscore a borrowed speaker to replace it
    speaker_floor: float  # the score a candidate needs to be the speaker of a quotation the rules give nobody
    mention_ends: frozenset[str]  # lower-case words a speaker candidate may end with: pronouns, description heads


def _grammar(key: str) -> frozenset[str]:
    return frozenset(words("quotes_grammar", key))


def _names(key: str) -> frozenset[str]:
    return frozenset(words("quotes_names", key))


def _margin(key: str) -> float:
    margins = table("speaker_weights", "margins", (int, float))
    if key not in margins:
        raise LexiconError(f"lexicon speaker_weights.json: key 'margins' needs {key!r}")
    return float(margins[key])


def _cue_kinds() -> dict[str, tuple[str, bool]]:
    kind: dict[str, tuple[str, bool]] = {}
    for lemma, entry in records("cues", "verbs", {"forms": list, "indirect": str}).items():
        for form in entry["forms"]:
            kind[form] = (entry["indirect"], form == lemma)
    for entry in records("cues_broad", "verbs", {"forms": list, "class": str}).values():
        for form in entry["forms"]:
            kind.setdefault(form, ("quoted", False))  # a generated reporting verb: a cue of quotations only
    for phrase in words("cues", "phrases"):
        kind[phrase] = ("phrase", False)
        kind[phrase[0].upper() + phrase[1:]] = ("phrase", False)
    return kind


def _broad_that_forms(kind: dict[str, tuple[str, bool]]) -> frozenset[str]:
    """The forms of the generated reporting verbs of speech classes (`pointed out`, `repeated`, `shot back`):
    with `that` right after them they report speech; judgement and inquiry verbs (`praised`, `asked`) do not."""
    classes = _grammar("broad_that_classes")
    entries = records("cues_broad", "verbs", {"forms": list, "class": str}).values()
    return frozenset(f for e in entries if e["class"] in classes for f in e["forms"] if kind.get(f, ("",))[0] == "quoted")


def _relay_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The relay phrases (with their trailing space) grouped under their last word: `via_events` finds that word,
    then tests each phrase of its group where it would end there."""
    groups: dict[str, list[str]] = {}
    for phrase in words("outlets", "relay_phrases"):
        spaced = phrase + " "
        if any(spaced.startswith(spaced[-k:]) for k in range(1, len(spaced))):
            # `via_events` finds a phrase where its last word is: one that overlaps itself would be found twice
            raise LexiconError(f"lexicon outlets.json: relay phrase {phrase!r} overlaps itself")
        groups.setdefault(phrase.rsplit(" ", 1)[-1] + " ", []).append(spaced)
    return tuple((key, tuple(phrases)) for key, phrases in groups.items())


@cache
def quote_lexicon() -> QuoteLexicon:
    """Build the quote lexicon from the JSON files, once."""
    kind = _cue_kinds()
    # Case-sensitive, and as a trie of shared prefixes: a flat alternation of 500 forms runs 8x
    # slower in `re`, and IGNORECASE makes it 4x slower again. `\b` rather than `(?<![\w-])` in
    # front runs a third faster; `find_cues` drops the matches right after a hyphen.
    # `re.ASCII`: the word boundaries test ASCII classes, not Unicode's tables, a third faster on the seed article
    # (`find_cues` goes back to the Unicode pattern when a match touches a non-ASCII letter or digit).
    firsts = re.escape("".join(sorted({w[0] for w in kind})))
    cue_pattern = rf"\b(?=[{firsts}])(?:{trie_pattern(kind)})(?![\w-])"  # the look-ahead: 10 % faster
    outlets, relays = words("outlets", "outlets"), words("outlets", "relays")
    outlet_re = re.compile(rf"(?<![\w-])(?:(?:an?|the|The|A)[ ])?(?:{trie_pattern([*outlets, *relays])})(?![\w-])")
    # A capitalised word of a name: `Zelenskyy`, `O'Brien`, `Crown-Indigenous`, `Mr.`, `J.`, `McKinley`.
    name_word = r"(?:[A-Z][a-z]{0,2}\.|[A-Z](?:[\w\u2019'-]{0,30}[\w])?)"
    particles = alternation(words("quotes_names", "name_particles"))
    name_run = re.compile(rf"{name_word}(?:[ ](?:(?:{particles})[ ]){{0,2}}{name_word}){{0,6}}")
    # What follows `according to`: up to the punctuation, abbreviations' periods allowed (`Dr. Keith Ahamad`).
    abbrevs = alternation(words("quotes_names", "according_abbreviations"))
    according_source = re.compile(rf"[ ]((?:(?:{abbrevs})\.|[^,.;:\n\u201c\u201d\"]){{1,80}})")
    pronoun_fields: dict[str, type | tuple[type, ...]] = {
        "refers_to": str, "possessive": str, "gender": (str, type(None)), "after_cue": (bool, type(None)), "base_verb": (bool, type(None)),
    }
    pronouns = records("quotes_names", "pronouns", pronoun_fields)
    speaking = [p for p, e in pronouns.items() if e.get("after_cue")]
    given = table("quotes_names", "given_names", list)
    documents = words("quotes_names", "document_nouns")
    doc_words = "|".join(sorted(set(documents)))
    return QuoteLexicon(
        cue_re=re.compile(cue_pattern, re.ASCII),
        cue_re_unicode=re.compile(cue_pattern),
        cue_kind=kind,
        broad_that_forms=_broad_that_forms(kind),
        titles=_names("titles"),
        name_stop=_names("name_stop"),
        initials_stop=_names("initials_stop"),
        name_particles=_names("name_particles"),
        heads=_names("description_heads"),
        org_heads=_names("org_heads"),
        personal_titles=_names("personal_titles"),
        title_genders=table("quotes_names", "title_genders", str),
        person_heads=_names("person_heads"),
        role_nouns=_names("role_nouns"),
        org_nouns=_names("org_nouns"),
        abbreviations=_names("abbreviations"),
        given_names=frozenset(n for group in given.values() for n in group),
        genders={**dict.fromkeys(given["female"], "f"), **dict.fromkeys(given["male"], "m")},
        name_run=name_run,
        run_joiners=_names("run_joiners"),
        according_source=according_source,
        pronoun_forms=frozenset(f for p, e in pronouns.items() if e["refers_to"] != "addressee" for f in (p, p[0].upper() + p[1:])),
        subject_pronouns=frozenset(p for p, e in pronouns.items() if e["refers_to"] in ("person", "group")),
        self_pronouns=frozenset(p for p, e in pronouns.items() if e["refers_to"] == "self"),
        speaking_pronouns=frozenset(speaking),
        person_genders={p.lower(): e.get("gender") for p, e in pronouns.items() if e["refers_to"] in ("person", "self")},
        base_verb_subjects=frozenset(f for p, e in pronouns.items() if e.get("base_verb") for f in (p, p[0].upper() + p[1:])),
        clause_subjects=frozenset([*(p.lower() for p in pronouns), *words("quotes_grammar", "expletive_subjects")]),
        possessives=frozenset(e["possessive"] for e in pronouns.values()),
        possessive_pronouns={e["possessive"]: p for p, e in pronouns.items()},
        inverted_pronoun=re.compile(rf"[ ]({'|'.join(speaking)})(?=[,.;:!?]|\Z)"),
        # After a trailing attribution, what carries the report on: `, they ...`, `, and are ...`, `; ...`
        # (not `, but declined to ...`: that is the writer narrating).
        going_on=re.compile(
            rf""",[ ](?=(?:and[ ])?(?:{'|'.join(speaking)})[ ][a-z]
                     | and[ ](?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|must)[ ])
              | ;[ ](?=[a-z])""",
            re.VERBOSE,
        ),
        outlets=frozenset(o.lower() for o in outlets),
        outlet_re=outlet_re,
        relays=frozenset(relays),
        relay_groups=_relay_groups(),
        documents=frozenset(documents),
        research_documents=tuple(words("quotes_names", "research_documents")),
        # `<document> from|by|of <owner>`, `<Owner>'s <document>`, `The <Owner> <document>`.
        doc_from=re.compile(rf"(?:\w+[ ])*?(?:{doc_words})[ ](?:(?!obtained|seen|cited|quoted)\w+[ ]){{0,6}}?(?:from|by|of)[ ]((?:the[ ])?[A-Z][^,]*)\Z"),
        doc_owned=re.compile(rf"((?:The[ ]|the[ ])?[A-Z][\w.\u2019'&-]*(?:[ ][A-Z][\w.\u2019'&-]*)*?)(?:[\u2019']s)?(?:[ ][a-z-]+){{0,2}}[ ](?:{doc_words})\Z"),
        owner_non_names=frozenset([*words("quotes_names", "owner_determiners"), *(e["possessive"].capitalize() for e in pronouns.values())]),
        anonymous_heads=_names("anonymous_heads"),
        unnamed_heads=_names("unnamed_heads"),
        party_members=_names("party_members"),
        subordinators=_grammar("subordinators"),
        addressee_verbs=_grammar("addressee_verbs"),
        auxiliaries=_grammar("auxiliaries"),
        noun_makers=_grammar("noun_makers"),
        report_forms=_grammar("report_forms"),
        claim_nouns=_grammar("claim_nouns"),
        title_small_words=_grammar("title_small_words"),
        skip_before_cue=_grammar("skip_before_cue"),
        clause_openers=_grammar("clause_openers"),
        subject_barrier=_grammar("subject_barrier"),
        determiners=_grammar("determiners"),
        weekdays=_grammar("weekdays"),
        attribution_adjuncts=_grammar("attribution_adjuncts"),
        relative_pronouns=_grammar("relative_pronouns"),
        clause_links=_grammar("clause_links"),
        issue_verbs=_grammar("issue_verbs"),
        inverted_stop=_grammar("inverted_stop"),
        finite_verbs=_grammar("finite_verbs"),
        not_subject_end=_grammar("not_subject_end"),
        speaker_prepositions=_grammar("speaker_prepositions"),
        name_like_auxiliaries=_grammar("name_like_auxiliaries"),
        mention_openers=_grammar("mention_openers"),
        adjunct_openers=_grammar("adjunct_openers"),
        past_forms=frozenset(words("past_forms", "past")),
        phrase_prepositions=_grammar("phrase_prepositions"),
        role_stop=frozenset([*words("quotes_grammar", "role_stop"), *(p.lower() for p, e in pronouns.items() if e["refers_to"] != "addressee")]),
        speaker_weights=table("speaker_weights", "weights", (int, float)),
        speaker_margin=_margin("borrowed"),
        speaker_floor=_margin("none"),
        mention_ends=frozenset(
            [
                *(p for p, e in pronouns.items() if e["refers_to"] in ("person", "group")),
                *_names("description_heads"),
                *_names("person_heads"),
                *_names("anonymous_heads"),
            ]
        ),
    )
