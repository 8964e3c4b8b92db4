"""Every word list the figures modules read, built once into one `FigureLexicon` that they are handed.

Sources: `numbers.json` (number words, scales, suffixes), `dates.json` (calendar words),
`units.json` (and `units_pint.json`, generated from pint's unit registry), `currencies.json` and `figures_words.json` (counted-noun, tally and identifier
words); `lexicons/README.md` says what each key is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.extract.text import alternation, trie_pattern
from etl.lexicons import records, table, words

# What a word can open, for the date reader to run only the readers that may match.
MONTH, WEEKDAY, RELATIVE, HOLIDAY, PERIOD, NUMBER, OPENER, DECADE = 1, 2, 4, 8, 16, 32, 64, 128
WORD_RUN = re.compile(r"[A-Za-z]+")
# Letters from the most to the least frequent in news text (counted over the dev corpus): the branches
# of a word trie are tried in this order, so a word that opens no branch fails after fewer tests
# (what matches is the same; the trigger scan, which tries the trie after every space, took 0.81-0.86 of its
# time on a loaded machine, about the same on an idle one: bench/bench_figures.py measures it with the rest).
# A pattern searched back from the end of a window (`...\Z`) is a trie rather than a flat alternation:
# it matches the same span (the leftmost start from which some phrase reaches the end), testing
# one branch per first letter at each start instead of every phrase.
LETTERS = "etainorsldhcumpfgybwvTSAEkRICNOMLBDPUxFGHWJKYqjVzQXZ"


@dataclass(frozen=True, slots=True)
class NumberWords:
    """English number words (lower case) with their values, and the patterns built from them."""

    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    hundred: dict[str, int]
    scales: dict[str, float]
    ordinals: dict[str, float]
    fractions: dict[str, int]
    multipliers: dict[str, int]
    suffixes: dict[str, float]
    money_suffixes: dict[str, float]
    vulgar: dict[str, float]  # `½` -> 0.5
    ordinal_forms: dict[str, float]  # singular and plural ordinal words (`fifth`, `fifths`)
    first_word: re.Pattern[str]  # what can open a number, any case: a cheap test before the word reader


@dataclass(frozen=True, slots=True)
class Calendar:
    """The calendar words of `dates.json` and the patterns of the date reader."""

    nums: NumberWords
    month: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    period: re.Pattern[str]
    opener_before: re.Pattern[str]
    holiday: re.Pattern[str]
    prefix_before: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    need_digits: frozenset[str]
    weekday_need: frozenset[str]
    relative_days: dict[str, int | None]
    first_words: dict[str, int]  # every word an alphabetic atom can open with: which readers (MONTH | ...)
    number_words: frozenset[str]  # words that open a number (`read_words` reads nothing else)
    nonletter_start: bool  # some calendar phrase opens with a character that is not a letter
    scan_openers: tuple[str, ...]  # `this `, `next `, ...: a period or weekday is looked for after them
    now_before: re.Pattern[str]
    day_part: re.Pattern[str]
    duration_after: re.Pattern[str]
    duration_before: re.Pattern[str]
    time_words: re.Pattern[str]
    join: re.Pattern[str]
    range_end: re.Pattern[str]  # a modifier between a range joiner and the second date (`until the end of June`)
    year_prefix: re.Pattern[str]
    noun_after_year: re.Pattern[str]
    decades: dict[str, int]  # `nineties` -> 1990
    decade_before: re.Pattern[str]  # `the `, `the late `: what a decade word needs before it
    clock: re.Pattern[str]  # `half past seven`, `quarter to nine`, `20 minutes past 8`
    clock_after: frozenset[str]  # words that may follow a clock phrase's hour


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    """The figure family's word lists and patterns: numbers, calendar, units, currencies, counted nouns."""

    numbers: NumberWords
    calendar: Calendar
    trigger: re.Pattern[str]
    unit: re.Pattern[str]
    unit_canon: dict[str, str]
    unit_dim: dict[str, str]
    one_units: frozenset[str]  # unit names that `a`/`an` before them may make one of (`a kilogram of flour`)
    one_unit_after: re.Pattern[str]  # what follows such a unit in a measure (`of`, `long`, `away`)
    strict: frozenset[str]
    per: re.Pattern[str]
    age: re.Pattern[str]
    cur_before: re.Pattern[str]
    cur_prefix: dict[str, str]
    cur_after: re.Pattern[str]
    cur_suffix: dict[str, str]
    million_codes: frozenset[str]
    minor: dict[str, str]
    minor_per_major: dict[str, int]  # sub-units not a hundredth of the major unit (`mao`: 10)
    ambiguous: frozenset[str]
    not_after_one: frozenset[str]
    not_before_one: frozenset[str]
    scale_words: re.Pattern[str]
    money_suffix: re.Pattern[str]
    stop_words: frozenset[str]  # function words and verbs that end the search for a counted noun
    irregular_plurals: frozenset[str]  # counted nouns that are plural without an -s (`people`)
    not_ordinal_compounds: frozenset[str]  # `third-world`: an ordinal glued to these is part of a name
    id_prefixes: frozenset[str]
    tally_before: re.Pattern[str]
    tally_after: re.Pattern[str]
    participle: re.Pattern[str]
    money_per: re.Pattern[str]
    money_per_a: re.Pattern[str]  # `a share`, `per barrel` right after an amount (`a 50 dlrs a share bid`)
    change_before: re.Pattern[str]  # `fell `, `by about `: before `X to Y` that is a change and a level, not a range
    subject_verb: re.Pattern[str]  # the verb (and particles) that leads to a figure from what it measures (`reached `)
    subject_skip: frozenset[str]
    subject_verbs: frozenset[str]
    noun_after: re.Pattern[str]  # a noun right after a money or percent figure (`rise in sales`)
    subject_heads: frozenset[str]  # the nouns of `noun_after`, for a phrase read word by word (`a 10 pct annual return`)
    subject_modifiers: frozenset[str]  # words of `subject_skip` that may still open a phrase after a figure
    subject_place_preps: frozenset[str]  # `Exports to the area rose`: what follows these is a place or owner
    subject_possessives: frozenset[str]  # `its`, `their` after a verb: what follows is its object (`lifted its stake in`)
    subject_determiners: frozenset[str]  # `a 31 pct devaluation`: the figure modifies the phrase after it
    subject_not_content: frozenset[str]  # verbs that end the thing measured before a figure's verb (`exclude`)
    subject_phrase_end: frozenset[str]  # words that end a noun phrase after a figure (`due`, `them`)
    subject_pronouns: frozenset[str]  # `it`, `they` right before a figure's verb: the thing is named elsewhere
    subject_period_abbrevs: frozenset[str]  # `nine mths`: a count that is a period
    subject_base_verbs: frozenset[str]  # verbs in their base form (`reach`, `increase`): also the nouns of a change (`a cut in`)
    subject_said_of: frozenset[str]  # `expected`, `believed` before `to`: what is said of a count, not what befell it
    subject_row_measures: frozenset[str]  # the measure of a table row's label besides `subject_nouns_after` (`End Stocks`, `Domes Use`)
    subject_verb_openers: frozenset[str]  # `to`, `could` before a word: the word is a verb (`could gain 5 pct`)
    count_openers: frozenset[str]  # `two more newspapers`: stop words read over between a count and its noun
    capitalised_names: frozenset[str]  # one-word currency names capitalised (`Yuan`): money only where no noun follows
    upper_forms: frozenset[str]  # currency and unit forms in capitals (`DKK`, `MW`): kept when a capitalised line is lowered


def number_words() -> NumberWords:
    """The number words of `lexicons/numbers.json`."""
    blocks = {k: table("numbers", k, (int, float)) for k in ("units", "teens", "tens", "hundred", "scales", "ordinals", "fractions", "multipliers")}
    ordinal_forms: dict[str, float] = {}
    for word, value in blocks["ordinals"].items():
        ordinal_forms[word] = value
        if value >= 3:  # `fifths` is a fraction; `seconds` and `firsts` never are (`five seconds` is a time)
            ordinal_forms[word + "s"] = value
    first: set[str] = {"a", "an"}
    for name in ("units", "teens", "tens", "hundred", "scales", "fractions", "multipliers"):
        first.update(blocks[name])
    first.update(ordinal_forms)
    first |= {w.capitalize() for w in first} | {w.upper() for w in first}
    return NumberWords(
        **blocks,
        suffixes=table("numbers", "suffixes", (int, float)),
        money_suffixes=table("numbers", "money_suffixes", (int, float)),
        vulgar=table("numbers", "vulgar_fractions", (int, float)),
        ordinal_forms=ordinal_forms,
        first_word=re.compile(rf"(?:\d|\.\d|{trie_pattern(sorted(first), LETTERS)}(?![A-Za-z]))"),
    )


def _before(phrases: list[str]) -> re.Pattern[str]:
    """One of `phrases` (not inside a word), a space, then the end of the text searched."""
    return re.compile(r"(?<![A-Za-z])(?:" + trie_pattern(phrases, LETTERS) + r")[ ]\Z")


def calendar(nums: NumberWords) -> Calendar:
    """The calendar patterns of `lexicons/dates.json`."""
    months, weekdays = table("dates", "months", int), table("dates", "weekdays", int)
    relative_days = table("dates", "relative_days", (int, type(None)))
    periods, holidays = words("dates", "periods"), words("dates", "holidays")
    end = r"(?![A-Za-z])"
    openers = sorted(words("dates", "period_openers"), key=len, reverse=True)
    scan_openers = tuple(o + " " for o in words("dates", "scan_openers"))
    phrases = [*months, *weekdays, *relative_days, *periods, *holidays]
    number_words = {"a", "an", *nums.ordinal_forms}
    for block in (nums.units, nums.teens, nums.tens, nums.hundred, nums.scales, nums.fractions, nums.multipliers):
        number_words.update(block)
    number_words |= {w.capitalize() for w in number_words} | {w.upper() for w in number_words}
    now_words = words("dates", "now_words")
    decades = table("dates", "decades", int)
    hours = sorted(table("dates", "clock_hours", int), key=len, reverse=True)
    first: dict[str, int] = {}
    for kind, group in ((MONTH, list(months)), (WEEKDAY, list(weekdays)), (RELATIVE, list(relative_days)), (HOLIDAY, holidays),
                        (PERIOD, periods), (NUMBER, sorted(number_words)), (RELATIVE, now_words), (OPENER, [o.split()[0] for o in scan_openers]),
                        (DECADE, list(decades))):
        for p in group:
            w = WORD_RUN.match(p)
            if w is not None:
                first[w.group()] = first.get(w.group(), 0) | kind
    joiners = words("dates", "range_joiners")
    symbols = alternation(j for j in joiners if not j[0].isalpha())
    joiner_words = alternation(j for j in joiners if j[0].isalpha())
    year_prefixes = words("dates", "year_prefixes")
    return Calendar(
        nums=nums,
        month=re.compile(f"(?:{trie_pattern(months, LETTERS)}){end}"),
        weekday=re.compile(f"(?:{trie_pattern(weekdays, LETTERS)}){end}"),
        relative=re.compile(f"(?:{trie_pattern(relative_days, LETTERS)}){end}"),
        period=re.compile(f"(?:{trie_pattern(periods, LETTERS)}){end}"),
        # an opener right before a period word: "next week", "the last 3 weeks", "earlier this"
        opener_before=re.compile(
            r"(?<![A-Za-z])(?:" + trie_pattern(openers, LETTERS) + r"|(?:[Tt]he[ ])?(?:first|second|third|"
            r"fourth|last|\d{1,2}(?:st|nd|rd|th)))"
            r"[ ](?:(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|few|couple(?:[ ]of)?)[ ])?\Z"
        ),
        holiday=re.compile(f"(?:{trie_pattern(holidays, LETTERS)}){end}"),
        prefix_before=re.compile(
            r"(?<![A-Za-z])(?:" + trie_pattern(words("dates", "modifiers") + words("dates", "prepositions"), LETTERS) + r")[ -]?\Z"
        ),
        months=months,
        weekdays=weekdays,
        need_digits=frozenset(words("dates", "months_need_digits")),
        weekday_need=frozenset(words("dates", "weekdays_need_context")),
        relative_days=relative_days,
        first_words=first,
        number_words=frozenset(number_words),
        nonletter_start=any(not ("a" <= p[:1].lower() <= "z") for p in phrases),
        scan_openers=scan_openers,
        now_before=_before(words("dates", "now_before")),
        day_part=re.compile(rf"[ ](?:(?:{alternation(words('dates', 'day_part_modifiers'))})[ ])?(?:{alternation(words('dates', 'day_parts'))}){end}"),
        duration_after=re.compile(rf"(?:'|[ ](?:{alternation(words('dates', 'duration_after'))})){end}"),
        duration_before=_before(words("dates", "duration_before")),
        time_words=re.compile(rf"[ ]?(?:{alternation(words('dates', 'time_words'))}){end}"),
        join=re.compile(
            rf"""
            (?:
                (?P<comma>[ ]?,[ ]?(?:at[ ]|on[ ])?)  # `tomorrow, at 7 PM`
              | (?P<range>[ ]?(?:{symbols})[ ]?|[ ](?:{joiner_words})[ ])
              | [ ](?P<prep>on|at|of|in|on[ ]the|of[ ]the|in[ ]the|at[ ]the|around|by|before|after|from|the|starting[ ]on|
                       starting[ ]from|starting|for)[ ]
              | (?P<paren>[ ]\()  # `this friday (jun-15)`: a date restated in brackets
              | (?P<space>[ ])
            )
            """,
            re.VERBOSE,
        ),
        range_end=re.compile(r"(?:" + alternation(sorted(words("dates", "range_end_modifiers"), key=len, reverse=True)) + r")(?:[ ]|(?<=-))"),
        year_prefix=re.compile(r"(?<![A-Za-z])(?:" + trie_pattern(year_prefixes, LETTERS) + r"|[qQ][1-4]-?|H[12]-?)[ ]?\Z"),
        noun_after_year=re.compile(rf"[ ](?!(?:{alternation(words('dates', 'not_counted_after_year'))})\b)[a-z]+s\b"),
        decades=decades,
        decade_before=re.compile(r"(?<![A-Za-z])(?:the|The)[ ](?:(?:early|mid|late)(?:[ ]|-))?\Z"),
        # `to` and `before` need a fraction or `minutes` before them: `ten to twelve` is a range
        clock=re.compile(
            r"(?:(?P<frac>(?:[Aa][ ])?[Qq]uarter|[Hh]alf)|(?P<n>twenty-five|twenty|five|ten|Five|Ten|Twenty|[1-5]?\d)(?P<min>[ ]minutes)?)"
            r"[ ](?P<rel>past|after|to|before)[ ](?P<h>" + alternation(hours) + r"|1[0-2]|[1-9])(?![A-Za-z\d-])(?![:.,]\d)"
        ),
        clock_after=frozenset(words("dates", "clock_after")),
    )


def _cases(name: str) -> set[str]:
    """A currency name as written in any case: `kuwaiti dinars`, `Kuwaiti Dinars`, `KUWAITI DINARS`.

    A one-word name is not taken capitalised here: `Million Dollar Baby` and `the 12 Euro zone` are names
    (`figure_lexicon` adds the CLDR ones as `capitalised_names`, read only where no noun follows).
    """
    forms = {name, name.lower(), name.upper()}
    if " " in name:
        forms |= {name.title(), name[:1].upper() + name[1:]}
    return forms


def currency_forms() -> tuple[dict[str, str], dict[str, str]]:
    """What may be written before an amount and what after it, each with its ISO code.

    CLDR (`currencies_cldr.json`, generated from Babel) gives the names, codes and symbols;
    the hand-written `currencies.json` (news usage: `Rs.`, `dlrs`, `bucks`) overrides it form by form.
    """
    codes = {c: c for c in words("currencies_cldr", "codes")}
    symbols = table("currencies_cldr", "symbols", str)
    names: dict[str, str] = {}
    for name, code in table("currencies_cldr", "names", str).items():
        for form in _cases(name):
            names.setdefault(form, code)
    prefixes = {**codes, **symbols, **table("currencies", "prefixes", str)}
    hand = table("currencies", "suffixes", str)
    suffixes = {**names, **codes, **symbols, **hand}
    for form, code in hand.items():  # `Canadian dlrs` also in lower case, as a capitalised headline is read
        if " " in form:
            suffixes.setdefault(form.lower(), code)
        for variant in _cases(form):  # `ESCUDOS` as `escudos`: a news reading wins over CLDR's in every case
            if suffixes.get(variant, code) != code:
                suffixes[variant] = code
    return prefixes, suffixes


def _place_cents() -> dict[str, str]:
    """`Canadian cents`, `Hong Kong cents`: the cent of each dollar CLDR names, by its place word."""
    out: dict[str, str] = {}
    for name, code in table("currencies_cldr", "names", str).items():
        if code and name.endswith(" dollar"):
            for place in _cases(name[: -len(" dollar")]):
                for cent in (" cents", " cent"):
                    out.setdefault(place + cent, code)
                    out.setdefault(place.title() + cent, code)
    return out


@cache
def figure_lexicon() -> FigureLexicon:
    """Build the figure lexicon from the JSON files, once."""
    nums = number_words()
    cal = calendar(nums)
    canon: dict[str, str] = {}
    dim: dict[str, str] = {}
    # the hand-written `units.json` first: its forms win over pint's (`units_pint.json`, generated)
    lengths: list[tuple[str, str]] = []
    for source in ("units", "units_pint"):
        for name, spec in records(source, "units", {"forms": list, "dimension": str}).items():
            for form in spec["forms"]:
                canon.setdefault(form, name)
                dim.setdefault(form, spec["dimension"])
                if spec["dimension"] == "length" and len(form) > 3 and form.isalpha():
                    lengths.append((form, name))
    # every length unit spelled out makes an area and a volume (`square inches`, `cubic yards`), also
    # hyphenated as a modifier (`a 2,000-square-foot house`)
    for form, name in lengths:
        for word, power, dimension in (("square", "2", "area"), ("cubic", "3", "volume")):
            for sep in (" ", "-"):
                canon.setdefault(f"{word}{sep}{form}", name + power)
                dim.setdefault(f"{word}{sep}{form}", dimension)
    for form in [f for f in canon if f.startswith(("sq ", "cu "))]:  # `300 sq. ft`
        canon.setdefault(form[:2] + "." + form[2:], canon[form])
        dim.setdefault(form[:2] + "." + form[2:], dim[form])
    unit_forms = sorted(canon, key=len, reverse=True)
    trigger_words: set[str] = set()
    for block in (nums.units, nums.teens, nums.tens, nums.hundred, nums.scales, nums.ordinals, nums.fractions, nums.multipliers):
        trigger_words.update(block)
    trigger_words.update(w + "s" for w in nums.ordinals)
    trigger_words |= {w.capitalize() for w in trigger_words}
    trigger_words.update(cal.months)
    trigger_words.update(cal.weekdays)
    trigger_words.update(cal.relative_days)
    trigger_words.update(words("dates", "now_words"))
    trigger_words.update(p for p in words("dates", "periods") if " " not in p)
    trigger_words.update(words("dates", "holidays"))  # whole phrases: "New" alone is no trigger, "New Year" is
    trigger_words.update(words("dates", "trigger_words"))
    trigger_words.update(cal.decades)
    # `a kilogram of flour`, `a metre long`: one unit spelled out (not a time: `an hour` is a period)
    one_units = frozenset(f for f in canon if len(f) > 3 and f.isalpha() and f.islower() and not f.endswith("s")
                          and dim[f] not in ("time", "temperature", "angle") and f not in words("units", "not_one_unit"))
    trigger_words.update(one_units)
    word_trie = trie_pattern(sorted(trigger_words), LETTERS)
    # Each alternative opens with a set of characters, so the engine skips to candidates in C; the
    # word (group `w`) follows one of the characters that may come before a word.
    starts = re.escape(" \n(-\u201c\"/\u2014\u2013$£€")
    trigger = f"[0-9½¼¾⅓⅔⅕⅛⅜⅝⅞]|[{starts}](?P<w>{word_trie})(?![A-Za-z])"
    cur_prefix, cur_suffix = currency_forms()
    prefixes = sorted(cur_prefix, key=len, reverse=True)
    # a one-word name capitalised (`42 Yuan`, `42 Ringgits`) is read too; `quantities` takes it only where no noun
    # follows (`the 12 Euro zone countries`, `Million Dollar Baby` are names)
    capitalised = {n.capitalize(): cur_suffix.get(n) or c for n, c in table("currencies_cldr", "names", str).items()
                   if c and " " not in n and n.capitalize() not in cur_suffix}
    cur_suffix = {**capitalised, **cur_suffix}
    suffixes = sorted(cur_suffix, key=len, reverse=True)
    minor = {**_place_cents(), **table("currencies", "minor", str)}
    per_units = words("units", "per_units")
    return FigureLexicon(
        numbers=nums,
        calendar=cal,
        trigger=re.compile(trigger),
        one_units=one_units,
        one_unit_after=re.compile(r"[ ](?:" + alternation(words("units", "one_unit_after")) + r")(?![A-Za-z])"),
        unit=re.compile(
            r"(?P<sp>[ ]?-?|[ ]?(?P<open>[\[<{(]))(?P<u>" + trie_pattern(unit_forms, LETTERS) + r")(?(open)(?P<close>[\]>})])?)"
            r"(?P<sq>\^?[23²³]|[ ]squared)?(?![A-Za-z\d])"
        ),
        unit_canon=canon,
        unit_dim=dim,
        strict=frozenset(words("units", "strict")),
        per=re.compile(r"(?:/|[ ]per[ ]|[ ]a[ ])(?P<p>" + alternation([*per_units, "week", "hour", "second", "minute"]) + r")(?![A-Za-z])"),
        age=re.compile(r"[ -](?:" + alternation(words("units", "age")) + r")(?![A-Za-z])"),
        cur_before=re.compile(
            r"(?:(?<![A-Za-z])(?:" + trie_pattern((p for p in prefixes if p[0].isalpha()), LETTERS) + r")|"
            + trie_pattern((p for p in prefixes if not p[0].isalpha()), LETTERS)
            + r")(?P<neg>[ ]?-)?[ ]?\Z"
        ),
        cur_prefix=cur_prefix,
        cur_after=re.compile(r"(?P<sp>[ ]?|-)(?P<c>" + trie_pattern(sorted({*suffixes, *minor}), LETTERS) + r")(?![A-Za-z])"),
        cur_suffix=cur_suffix,
        million_codes=frozenset(words("currencies", "million_codes")),
        minor=minor,
        minor_per_major=table("currencies", "minor_per_major", int),
        ambiguous=frozenset(f for w in words("currencies", "ambiguous_suffixes") for f in _cases(w)),
        not_after_one=frozenset(words("numbers", "not_after_one")),
        not_before_one=frozenset(words("numbers", "not_before_one")),
        scale_words=re.compile(r"[ ](?:hundred|thousand|million|billion|trillion|quadrillion|lakh|crore|dozens?|dozs?|bn|mn)(?![A-Za-z])"),
        money_suffix=re.compile(rf"(?:{alternation(nums.money_suffixes)})(?![A-Za-z\d])"),
        stop_words=frozenset(words("figures_words", "stop_words")),
        irregular_plurals=frozenset(words("figures_words", "irregular_plurals")),
        not_ordinal_compounds=frozenset(words("figures_words", "not_ordinal_compounds")),
        id_prefixes=frozenset(words("figures_words", "id_prefixes")),
        tally_before=re.compile(r"(?<![A-Za-z])(?:" + trie_pattern(words("figures_words", "tally_before"), LETTERS)
                                + r")(?:[ ][A-Za-z]+){0,2}[ ](?:a[ ]|an[ ])?\Z"),
        tally_after=re.compile(r"[ ](?:" + alternation(words("figures_words", "tally_after")) + r")(?![A-Za-z])"),
        participle=re.compile(
            r"[ ](?:(?:have|has|had)[ ]been[ ]|(?:were|was|are|is|been|be)[ ])?(?:(?:so[ ]far|reportedly|also|now)[ ])?"
            r"(?P<v>[a-z]+ed|" + alternation(words("figures_words", "participles")) + r")(?![A-Za-z])"
        ),
        money_per_a=re.compile(r"[ ](?:a|an|per)[ ](?:" + alternation(words("figures_words", "money_per_units")) + r")(?![A-Za-z])"),
        money_per=re.compile(r"(?:[ ]per[ ]|/)(?:" + alternation(words("figures_words", "money_per_units")) + r")(?![A-Za-z])"),
        change_before=re.compile(r"(?<![A-Za-z])(?:" + trie_pattern(words("figures_words", "change_before_to"), LETTERS)
                                 + r")[ ](?:(?:about|around|roughly|some|nearly|almost|approximately|over|just)[ ])?\Z"),
        subject_verb=re.compile(
            r"(?<![A-Za-z])(?:" + trie_pattern(words("figures_words", "subject_verbs"), LETTERS)
            + r"|(?:(?:will|would|could|may|might|should|can)[ ]|(?<=[ ]to[ ]))(?:" + trie_pattern(words("figures_words", "subject_base_verbs"), LETTERS)
            + r"))(?:[ ](?:by|to|of|at|from|about|around|nearly|almost|just|some|roughly|only|a|an|record|more[ ]than|less[ ]than|over|under|below|above|"
            r"as[ ](?:much|high|low|many)[ ]as|an[ ]estimated|approximately|also|adjusted|[a-z]{3,}ly,?|in[ ](?:" + alternation(cal.months)
            + r"|(?:19|20)\d\d|the[ ](?:quarter|year|month|week|period|half))|(?:last|this)[ ](?:year|month|week|quarter)))*[ ]\Z"
            # `fell sharply, to`, `increased in December to`, `fell in the quarter to`, `dropped sharply last year to`
        ),
        subject_skip=frozenset(words("figures_words", "subject_skip")),
        subject_verbs=frozenset(words("figures_words", "subject_verbs")),
        noun_after=re.compile(
            r"[ -](?P<n>" + trie_pattern(words("figures_words", "subject_nouns_after"), LETTERS) + r")(?![A-Za-z])"
            r"(?:[ ](?P<p>in|of|on|for)[ ](?:the[ ]|its[ ]|their[ ])?(?P<np>[a-z][a-z'-]*(?:[ ][a-z][a-z'-]*)?))?"
        ),
        subject_heads=frozenset(words("figures_words", "subject_nouns_after")),
        subject_modifiers=frozenset(words("figures_words", "subject_modifiers")),
        subject_place_preps=frozenset(words("figures_words", "subject_place_preps")),
        subject_determiners=frozenset(words("figures_words", "subject_determiners")),
        subject_possessives=frozenset(words("figures_words", "subject_possessives")),
        subject_not_content=frozenset(words("figures_words", "subject_not_content")),
        subject_phrase_end=frozenset(words("figures_words", "subject_phrase_end")),
        subject_pronouns=frozenset(words("figures_words", "subject_pronouns")),
        subject_period_abbrevs=frozenset(words("figures_words", "subject_period_abbrevs")),
        subject_verb_openers=frozenset(words("figures_words", "subject_verb_openers")),
        subject_row_measures=frozenset(words("figures_words", "subject_row_measures")),
        subject_said_of=frozenset(words("figures_words", "subject_said_of")),
        subject_base_verbs=frozenset(words("figures_words", "subject_base_verbs")),
        count_openers=frozenset(words("figures_words", "count_openers")),
        capitalised_names=frozenset(capitalised),
        upper_forms=frozenset(f for forms in (cur_prefix, cur_suffix, canon) for f in forms
                              if f.isalpha() and f.isupper() and len(f) > 1 and f.lower() not in forms),
    )
