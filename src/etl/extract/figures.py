"""Extract the figures of an article: counts, money, percentages, ranges, tallies, ordinals, dates,
years and measures, each with its exact span, value, unit and what it counts.

Hand-written rather than quantulum3 or Recognizers-Text: one pass of compiled patterns anchored on
cheap triggers (digits and a case-sensitive, prefix-factored alternation of number, month and
weekday words) runs 100x faster, and it keeps `Feb. 25, 2022` one date and `141-5` one tally
where those libraries split them into counts. Weekdays resolve against `published_at` when it is
given, else stay partial (`XXXX-WXX-3`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from etl.extract.dates import DateSpan, date_at
from etl.extract.numbers import Number, lexicon, ordinal_forms, read_numeral, read_words, trie
from etl.lexicons import load
from etl.records import CONTENT_KINDS, Figure

PERCENT = re.compile(
    r"""
    [ ]?(?:
        (?P<pp>percentage[ ]points?|pct[ ]points?|percent(?:age)?[ ]points?|pp)   # 3 percentage points
      | %|percents?|per[ ]cent|percentage|pct|pc(?=[ .,])                          # 26.6%, 26.6 percent
    )(?![A-Za-z])
    """,
    re.VERBOSE,
)
PERCENT_OF = re.compile(r"(?:percent|per[ ]cent)[ ]of[ ]\Z")
NEGATIVE = re.compile(r"(?:(?<![\w.,)\]+/-])-|(?<![^\n])-[ ]|(?<![A-Za-z])(?:minus|negative|Minus|Negative)[ ])\Z")
NEGATIVE_WORDS = ("minus ", "negative ", "Minus ", "Negative ")  # what NEGATIVE needs before a number
A_BEFORE = re.compile(r"(?<![A-Za-z])(?:a|an|A|An)[ ]\Z")
BETWEEN = re.compile(r"(?<![A-Za-z])(?:between|Between|from|From)[ ]\Z")
COMPARATOR_PAIR = re.compile(
    r"(?<![A-Za-z])(?P<c1>(?:more|greater|higher|larger|bigger|less|fewer|smaller|lower)[ ]than|above|below|"
    r"over|under|at[ ](?:least|most))[ ]\Z"
)
COMPARATOR_NEXT = re.compile(
    r"[ ]and[ ](?P<c2>(?:more|greater|higher|larger|bigger|less|fewer|smaller|lower)[ ]than|above|below|over|"
    r"under|at[ ](?:least|most))[ ]"
)
LOW_WORDS = ("more", "greater", "higher", "larger", "bigger", "above", "over", "at least")
RANGE_SEP = re.compile(
    r"""
    (?:
        -?[ ]?(?:to|through|thru|till|until)[ ]      # 20 to 30, 8- to 16
      | [ ]?(?:-|\u2013|\u2014|~)[ ]?                  # 20-30, 1000 – 5000
      | [ ]and[ ]                                      # between 20 and 30
      | [ ]?(?:\+/-|±)[ ]?                             # 9.83e-3 +/- 1e-5
    )
    """,
    re.VERBOSE,
)
TALLY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:voted|vote|votes|voting|ruled|ruling|won|win|wins|winning|lost|lose|loses|beat|beats|"
    r"defeated|defeat|victory|score|scored|drew|draw|tied|led|leads|lead|trailed|trail|passed|approved|rejected|"
    r"margin|majority|decision|verdict)(?:[ ][A-Za-z]+){0,2}[ ](?:a[ ]|an[ ])?\Z"
)
TALLY_AFTER = re.compile(
    r"[ ](?:ruling|decision|vote|votes|win|victory|defeat|loss|margin|majority|verdict|scoreline|lead|"
    r"triumph|advantage|result|count)(?![A-Za-z])"
)
PLURAL_NOUN = re.compile(r"[ ](?P<w>[a-z][a-z'-]*)")
ANY_WORD = re.compile(r"[ ](?P<w>[A-Za-z][A-Za-z.'-]*)")
HYPHEN_WORD = re.compile(r"-(?P<w>[a-z]+)(?![A-Za-z])")
PARTICIPLE = re.compile(
    r"[ ](?:(?:have|has|had)[ ]been[ ]|(?:were|was|are|is|been|be)[ ])?(?:(?:so[ ]far|reportedly|also|now)[ ])?"
    r"(?P<v>[a-z]+ed|killed|wounded|hurt|arrested|held|born|slain|shot|taken|made|sold|built|lost|left|won)(?![A-Za-z])"
)
CENTS_AFTER = re.compile(r"(?:[ ]and)?[ ](?P<c>\d{2}|[a-z]+(?:[ -][a-z]+)?)(?:[ ]cents?)?(?![\d]|[.,]\d|[A-Za-z])")
MONEY_PER = re.compile(r"(?:[ ]per[ ]|/)(?:kg|kilo|kilogram|tonne|ton|barrel|share|ounce|oz|lb|pound|gallon|litre|liter|"
                       r"hour|month|year|day|week|head|person|capita|unit)(?![A-Za-z])")
AGE_BEFORE = re.compile(r"(?<![A-Za-z])(?:age|aged|Age|Aged)[ ]\Z")
URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|html?|php|aspx?|pdf|jpe?g|png|gif|xlsx?|docx?|csv|txt|zip|"
                    r"mp[34]|io|co\.uk)(?![A-Za-z])|[A-Za-z]_|_[A-Za-z\d]")
# Matches wherever URLISH matches in a token of the block (and more): one search per block saves
# cutting out the token around every trigger of a block that has no URL, address or file name.
URL_HINT = re.compile(r"://|@|_|\.(?:com|org|net|gov|edu|html?|php|aspx?|pdf|jpe?g|png|gif|xlsx?|docx?|csv|txt|zip|"
                      r"mp[34]|io|co\.uk)|\.(?<=www\.)")
GLUED_ID = re.compile(r"[A-Za-z][A-Za-z]?-?\Z")
ID_PREFIXES = ("USD", "usd", "EUR", "GBP", "JPY", "CNY", "RMB", "cy", "CY", "FY", "mar", "Dec", "dec", "Jan", "jan",
               "Feb", "feb", "Nov", "nov", "Oct", "oct", "Sep", "sep", "Sept", "Aug", "aug", "Apr", "apr", "Jun",
               "jun", "Jul", "jul", "US$", "q", "Q", "H")
MAX_TOKEN = 200
# Prose has letters: a long block that is mostly digits and punctuation is a data dump or a
# table, not sentences, and reading it number by number would cost seconds per megabyte.
PROSE_CHECK_CHARS = 2000
MIN_LETTER_SHARE = 0.3
# Work bound: a block reads at most READS_BASE + 1 trigger per CHARS_PER_READ characters, an
# article at most MAX_READS_PER_ARTICLE. In the dev corpus no block comes above 3/4 of its bound
# and no article above 723 reads (a table of export figures); a megabyte of repeated number
# words, month names or digit chains stops there, well under a second.
READS_BASE = 64
CHARS_PER_READ = 12
MAX_READS_PER_ARTICLE = 3_000
LETTER = re.compile(r"[^\W\d_]")
# Small patterns of the readers below, compiled once (not per trigger).
LETTERS = re.compile(r"[A-Za-z]+")
NONSPACE = re.compile(r"\S*")
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
MONEY_SUFFIX = re.compile(r"(?:m|m\.|b\.|bn|mn|k)(?![A-Za-z\d])")
MONEY_SCALE = re.compile(r"[ ](?P<s>million|billion|thousand|trillion|mn|bn)(?![A-Za-z])")
TEMPERATURE_SCALE = re.compile(r"[ ]?(?P<s>[CF]|[cf](?![A-Za-z])|celsius|Celsius|fahrenheit|Fahrenheit|celcius)"
                               r"(?![A-Za-z])")
FEET_INCHES = re.compile(r"(?:[ ]and)?[ ](?P<i>\d{1,2})[ ]?(?:in|inches|inch|\")(?![A-Za-z])")
INCH = re.compile(r"[ ]in(?P<after>[.]?(?:$|\n)|[ ](?:thick|long|wide|tall|high|deep|across|diameter)(?![A-Za-z])|\.$)")
OVER = re.compile(r"[ ]+(?:over|out[ ]of)[ ]+")
WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ]\Z")
MONEY_SUBJECT = re.compile(r"[ ](?:in|of|for|worth[ ]of)[ ](?P<w>[a-z]+(?:[ ][a-z]+)?)")
DIGIT_CHAIN = re.compile(r"\d[-/]\d")
CHAIN_NEXT = re.compile(r"[-/]\d")
VOTER = re.compile(r"((?:[A-Z][\w.'-]*[ ])+)(?:has[ ]|had[ ])?vot(?:ed|es)\b[^.]*\Z")
VOTE_WORD = re.compile(r"\bvot")


@dataclass(slots=True)
class _Qty:
    """A number with what is written around it: currency, percent sign or unit."""

    start: int
    end: int
    value: float
    kind: str  # count | money | percent | measure | ordinal
    unit: str | None = None
    num: Number | None = None
    num_end: int = 0  # where the bare number ends (before unit or currency word)


@dataclass(frozen=True, slots=True)
class _Lex:
    trigger: re.Pattern[str]
    unit: re.Pattern[str]
    unit_canon: dict[str, str]
    unit_dim: dict[str, str]
    strict: frozenset[str]
    per: re.Pattern[str]
    age: re.Pattern[str]
    cur_before: re.Pattern[str]
    cur_prefix: dict[str, str]
    cur_after: re.Pattern[str]
    cur_suffix: dict[str, str]
    million_codes: frozenset[str]
    minor: dict[str, str]
    ambiguous: frozenset[str]
    not_after_one: frozenset[str]
    not_before_one: frozenset[str]
    scale_words: re.Pattern[str]


@cache
def _lex() -> _Lex:
    """Compile the unit, currency and trigger patterns from the lexicons once."""
    units = load("units")
    cur = load("currencies")
    nums = load("numbers")
    dates = load("dates")
    canon: dict[str, str] = {}
    dim: dict[str, str] = {}
    for name, spec in units["units"].items():
        for form in spec["forms"]:
            canon.setdefault(form, name)
            dim.setdefault(form, spec["dimension"])
    unit_forms = sorted(canon, key=len, reverse=True)
    words: set[str] = set()
    for block in ("units", "teens", "tens", "hundred", "scales", "ordinals", "fractions", "multipliers"):
        words.update(nums[block])
    words.update(w + "s" for w in nums["ordinals"])
    words |= {w.capitalize() for w in words}
    words.update(dates["months"])
    words.update(dates["weekdays"])
    words.update(dates["relative_days"])
    words.update(dates["now_words"])
    words.update(p for p in dates["periods"] if " " not in p)
    words.update(dates["holidays"])  # whole phrases: "New" alone is no trigger, "New Year" is
    words.update(["this", "next", "last", "This", "Next", "Last", "previous", "coming", "earlier", "later"])
    word_trie = trie(sorted(words))
    # Each alternative opens with a literal, so the engine skips to candidate characters in C.
    starts = [re.escape(c) for c in (" ", "\n", "(", "-", "\u201c", '"', "/", "\u2014", "\u2013", "$", "£", "€")]
    trigger = "|".join(
        [*"0123456789", *"½¼¾⅓⅔⅕⅛⅜⅝⅞"] + [f"{s}(?P<w{i}>{word_trie})(?![A-Za-z])" for i, s in enumerate(starts)]
    )
    prefixes = sorted(cur["prefixes"], key=len, reverse=True)
    suffixes = sorted(cur["suffixes"], key=len, reverse=True)
    minor = sorted(cur["minor"], key=len, reverse=True)
    return _Lex(
        trigger=re.compile(trigger),
        unit=re.compile(
            r"(?P<sp>[ ]?-?|[ ]?[\[<{(])(?P<u>" + trie(unit_forms) + r")(?P<close>[\]>})])?"
            r"(?P<sq>\^?[23²³]|[ ]squared)?(?![A-Za-z\d])"
        ),
        unit_canon=canon,
        unit_dim=dim,
        strict=frozenset(units["strict"]),
        per=re.compile(r"(?:/|[ ]per[ ]|[ ]a[ ])(?P<p>" + "|".join(re.escape(u) for u in units["per_units"]
                                                                   + ["week", "hour", "second", "minute"])
                       + r")(?![A-Za-z])"),
        age=re.compile(r"[ -](?:" + "|".join(re.escape(a) for a in units["age"]) + r")(?![A-Za-z])"),
        cur_before=re.compile(
            r"(?:(?<![A-Za-z])(?:" + "|".join(re.escape(p) for p in prefixes if p[0].isalpha())
            + r")|" + "|".join(re.escape(p) for p in prefixes if not p[0].isalpha())
            + r")(?P<neg>[ ]?-)?[ ]?\Z"
        ),
        cur_prefix=cur["prefixes"],
        cur_after=re.compile(
            r"(?P<sp>[ ]?|-)(?P<c>" + trie(sorted({*suffixes, *minor})) + r")(?![A-Za-z])"
        ),
        cur_suffix=cur["suffixes"],
        million_codes=frozenset(cur["million_codes"]),
        minor=cur["minor"],
        ambiguous=frozenset(cur["ambiguous_suffixes"]),
        not_after_one=frozenset(nums["not_after_one"]),
        not_before_one=frozenset(nums["not_before_one"]),
        scale_words=re.compile(r"[ ](?:hundred|thousand|million|billion|trillion|lakh|crore|dozens?|dozs?|bn|mn)"
                               r"(?![A-Za-z])"),
    )


def extract_figures(text: str, sections: Sequence, published_at: date | None = None) -> list[Figure]:
    """Every figure in the content sections of `text`, in text order."""
    out: list[Figure] = []
    budget = [MAX_READS_PER_ARTICLE]
    for sec in sections:
        if sec.kind in CONTENT_KINDS:
            out.extend(_scan(text, sec.char_start, sec.char_end, published_at, budget))
    out.sort(key=lambda f: f.char_start)
    return out


def _trigger_positions(text: str, start: int, end: int) -> Iterator[int]:
    """Where a figure may start, lazily: a scan that stops early never reads the rest of the block."""
    lex = _lex()
    scan_from = start - 1 if start > 0 else start
    if start == 0:
        m = lex.trigger.match(" " + text[: min(end, 40)], 0)
        if m is not None and not text[0].isdigit() and m.lastgroup:
            yield 0
    for m in lex.trigger.finditer(text, scan_from, end):
        p = m.start(m.lastgroup) if m.lastgroup else m.start()
        if p >= start:
            yield p


def _is_prose(text: str, start: int, end: int) -> bool:
    """False for a long block whose sampled head and tail are mostly digits and punctuation."""
    if end - start <= PROSE_CHECK_CHARS:
        return True
    half = PROSE_CHECK_CHARS // 2
    letters = len(LETTER.findall(text, start, start + half)) + len(LETTER.findall(text, end - half, end))
    return letters >= MIN_LETTER_SHARE * PROSE_CHECK_CHARS


def _scan(text: str, start: int, end: int, published: date | None, budget: list[int]) -> list[Figure]:
    """The figures of one block, reading at most `READS_BASE + length / CHARS_PER_READ` triggers of it
    (and of `budget`, what the article has left): prose never comes near, while a block of number
    words, month names or digit chains stops there instead of costing seconds per megabyte."""
    if not _is_prose(text, start, end):
        return []
    figs: list[Figure] = []
    pos = start
    maybe_url = URL_HINT.search(text, start, end) is not None
    reads = min(budget[0], READS_BASE + (end - start) // CHARS_PER_READ)
    left = reads
    for t in _trigger_positions(text, start, end):
        if t < pos:
            continue
        if left <= 0:
            break
        left -= 1
        skip = _inside_token(text, t, start, end, maybe_url)
        if skip is not None:
            pos = skip
            continue
        fig = _figure_at(text, t, pos, end, published, figs)
        if fig is not None:
            figs.append(fig)
            pos = fig.char_end
    budget[0] -= reads - left
    return figs


def _inside_token(text: str, t: int, floor: int, limit: int, maybe_url: bool = True) -> int | None:
    """End of the URL, e-mail, file name or identifier around `t` (not a figure), else None.

    `maybe_url` False says the block has nothing URL_HINT finds: then no token in it is URL-like.
    """
    if maybe_url:
        lo = max(floor, t - MAX_TOKEN)
        back = NONSPACE.match(text[lo:t][::-1])
        ahead = NONSPACE.match(text, t, min(limit, t + MAX_TOKEN))
        a = t - (back.end() if back is not None else 0)
        b = ahead.end() if ahead is not None else t
        if URLISH.search(text[a:b]):
            return b
    if text[t].isdigit() and t > floor:
        prev = text[t - 1]
        if prev.isalpha() or (prev == "-" and t - 2 >= floor and text[t - 2].isalpha()):
            g = GLUED_ID.search(text, max(floor, t - 4), t)
            word_start = t - 1
            while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "$"):
                word_start -= 1
            word = text[word_start:t].rstrip("-")
            if word in ID_PREFIXES or word.lower() in ("usd", "mar", "cy", "fy", "week", "w") or g is None:
                return None
            e = t
            while e < limit and (text[e].isalnum() or text[e] in "-/."):
                e += 1
            return e
    return None


def _figure_at(text: str, t: int, floor: int, limit: int, published: date | None,
               prev: list[Figure]) -> Figure | None:
    d = date_at(text, t, floor, limit, published)
    if d is not None and not _money_before(text, t, floor):
        return _date_figure(text, d)
    q = _quantity(text, t, floor, limit)
    if q is None:
        return None
    return _classify(text, q, floor, limit, prev)


def _date_figure(text: str, d: DateSpan) -> Figure:
    """A date, or a year whose value is the year itself (`1997` → 1997.0; `fiscal 2012–13` → 2012, 2013)."""
    kind, value, high = d.kind, None, None
    if kind == "year":
        years = [int(y) for y in (d.normalized or "").split("/") if y[:4].isdigit() and len(y) == 4]
        if years:
            value, high = float(years[0]), float(years[1]) if len(years) > 1 else None
        else:
            kind = "date"  # no year number to give as its value: keep it a date
    return Figure(kind=kind, text=text[d.start:d.end], char_start=d.start, char_end=d.end,
                  value=value, value_high=high, normalized=d.normalized)


def _money_before(text: str, t: int, floor: int) -> bool:
    return text[t].isdigit() and _lex().cur_before.search(text[max(floor, t - 8):t]) is not None


def _read_number(text: str, t: int, floor: int, limit: int) -> Number | None:
    """The number at trigger `t`, or None where there is none or it is not finite (310 digits)."""
    n = _read_any_number(text, t, floor, limit)
    return n if n is None or math.isfinite(n.value) else None


def _read_any_number(text: str, t: int, floor: int, limit: int) -> Number | None:
    """The number at trigger `t`, read back over `a`/`an` and forward over scale words."""
    ch = text[t]
    if ch.isdigit() or ch == ".":
        if t - 1 >= floor and text[t - 1] == "." and not (t - 2 >= floor and text[t - 2].isdigit()):
            t -= 1  # ".25"
        n = read_numeral(text, t, limit)
        if n is None:
            return None
        if not n.scaled and not n.fraction and _lex().scale_words.match(text, n.end, limit):
            wider = read_words(text, t)
            if wider is not None and wider.end > n.end:
                n = wider
        return n
    if ch in "½¼¾⅓⅔⅕⅛⅜⅝⅞":
        from etl.extract.numbers import VULGAR

        return Number(t, t + 1, VULGAR[ch], fraction=True)
    a = A_BEFORE.search(text, max(floor, t - 3), t) if t > floor and text[t - 1] == " " else None
    lex = lexicon()
    word = LETTERS.match(text, t, t + 20)
    w = word.group().lower() if word else ""
    if a is not None and (w in lex.hundred or w in lex.scales or w in lex.multipliers or w in lex.fractions
                          or (w in ordinal_forms() and not w.endswith("s"))):
        n = read_words(text, a.start())
        if n is not None and n.end > t:
            if n.ordinal:  # "a second time": the ordinal, without the article
                return read_words(text, t)
            return n
    return read_words(text, t)


def _quantity(text: str, t: int, floor: int, limit: int) -> _Qty | None:
    """Read the number at `t` with its currency, percent sign or unit."""
    n = _read_number(text, t, floor, limit)
    if n is None:
        return None
    lex = _lex()
    start, end, value = n.start, n.end, n.value
    neg = None
    if start > floor and (text[start - 1] == "-" or (text[start - 1] == " " and (
            text[start - 2:start - 1] == "-" or text.endswith(NEGATIVE_WORDS, floor, start)))):
        neg = NEGATIVE.search(text, max(floor, start - 12), start)
    if neg is not None and not n.ordinal and (neg.group().strip() != "-" or text[start].isdigit()):
        value = -value
        start -= len(neg.group())
    if n.ordinal:
        return _Qty(start, end, value, "ordinal", num=n, num_end=end)
    # digits ordinal: 21st, 2nd
    if n.digits is not None:
        o = ORDINAL_SUFFIX.match(text[end:end + 3])
        if o is not None:
            return _Qty(start, end + o.end(), value, "ordinal", num=n, num_end=end + o.end())
    cb = lex.cur_before.search(text, max(floor, start - 8), start)
    if cb is not None:
        code = lex.cur_prefix.get(cb.group().strip().rstrip("-").strip(), "USD")
        if cb.group("neg"):
            value = -value
        s = cb.start()
        if s > floor and text[s - 1] == "(" and text[end:end + 1] == ")":  # ($99.99): a loss
            return _Qty(s - 1, end + 1, -abs(value), "money", code, n, end)
        end2, value = _money_tail(text, end, limit, value)
        per = MONEY_PER.match(text, end2, limit)
        if per is not None:
            end2 = per.end()
        return _Qty(s, end2, value, "money", code or None, n, end)
    if text.endswith("of ", floor, start) and (m := PERCENT_OF.search(text, max(floor, start - 16), start)):
        return _Qty(m.start(), end, value, "percent", "%", n, end)
    p = PERCENT.match(text, end, limit)
    if p is not None:
        return _Qty(start, p.end(), value, "percent", "pp" if p.group("pp") else "%", n, end)
    money = _money_after(text, n, start, end, limit, value)
    if money is not None:
        return money
    meas = _measure_after(text, n, start, end, limit, value)
    if meas is not None:
        return meas
    if (text.endswith(("age ", "aged ", "Age ", "Aged "), max(floor, start - 5), start)
            and (a := AGE_BEFORE.search(text, max(floor, start - 5), start))):
        return _Qty(a.start(), end, value, "measure", "year", n, end)
    return _Qty(start, end, value, "count", None, n, end)


def _is_iso_code(s: str) -> bool:
    return s.strip().isupper() and len(s.strip()) == 3


def _money_tail(text: str, end: int, limit: int, value: float) -> tuple[int, float]:
    """After `$5`: a money suffix (`$5m`), a scale word (`$ 75 million`) already read, or a code."""
    m = MONEY_SUFFIX.match(text, end, limit)
    if m is not None:
        mult = {"m": 1e6, "m.": 1e6, "b.": 1e9, "bn": 1e9, "mn": 1e6, "k": 1e3}[m.group()]
        return m.end(), value * mult
    return end, value


def _money_after(text: str, n: Number, start: int, end: int, limit: int, value: float) -> _Qty | None:
    lex = _lex()
    c = lex.cur_after.match(text, end, limit)
    if c is None:
        # "75 USD million" / "528 million francs" are read by the number; "17 USD 25" below
        return None
    word = c.group("c")
    if word in lex.minor:
        if word in ("p", "c") and (c.group("sp") or not n.digits):
            return None
        return _Qty(start, c.end(), value, "money", lex.minor[word], n, end)
    if word in lex.ambiguous and not n.scaled:
        return None
    if word in ("won", "real", "rand", "dong", "mil") and not n.scaled:
        return None  # "won 3", "real 5": verbs and adjectives unless a scale says money
    code = lex.cur_suffix.get(word) or None
    if word in lex.million_codes:
        value *= 1e6
    stop = c.end()
    sc = MONEY_SCALE.match(text, stop, limit)
    if sc is not None:
        value *= {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}[sc.group("s")]
        stop = sc.end()
    elif not n.scaled:
        cents = CENTS_AFTER.match(text, stop, limit)
        if cents is not None and (len(word) < 2 or lex.cur_after.match(text, cents.end(), limit)):
            cents = None
        if cents is not None:
            cv = _small_number(cents.group("c"))
            if cv is not None and 0 <= cv < 100:
                value += cv / 100
                stop = cents.end()
    return _Qty(start, stop, value, "money", code, n, end)


def _small_number(s: str) -> float | None:
    if s.isdigit():
        return float(s)
    w = read_words(s, 0, allow_numeral=False)
    return w.value if w is not None and w.end == len(s) else None


def _measure_after(text: str, n: Number, start: int, end: int, limit: int, value: float) -> _Qty | None:
    lex = _lex()
    m = lex.unit.match(text, end, limit)
    if m is None:
        return _inch(text, n, start, end, limit, value)
    form = m.group("u")
    sp = m.group("sp")
    if form in lex.strict:
        # short forms: only as a separate token, never mid-identifier ("1m isn't", "24703 m212")
        if form in ("m", "b", "B", "t", "h") and not sp and n.digits is not None and form != "h":
            return None
        if form == '"' and not (sp == "" or sp == " "):
            return None
    if form in ("C", "F") or (len(form) == 1 and not sp and form.isupper()):
        return None  # "777F", "732L": model names, not units
    canon = lex.unit_canon[form]
    stop = m.end()
    if any(b in sp for b in "[<{(") and m.group("close") is None:
        return _Qty(start, end, value, "count", None, n, end)
    per = lex.per.match(text, stop, limit)
    if per is not None and lex.unit_dim[form] != "time":
        stop = per.end()
        canon = f"{canon}/{per.group('p')}"
    elif per is not None and form in ("times",):
        stop = per.end()
    age = lex.age.match(text, end if lex.unit_dim[form] == "time" else stop, limit) if lex.unit_dim[form] == "time" else None
    if age is not None:
        stop = age.end()
    # 100 degrees / 40 deg celsius: a temperature when a scale follows
    if canon == "deg":
        t = TEMPERATURE_SCALE.match(text, stop, limit)
        if t is not None:
            stop = t.end()
            canon = "degC" if t.group("s").lower().startswith("c") else "degF"
    # 5 ft 2 in / 5 feet and 2 inches
    if canon in ("ft",):
        fi = FEET_INCHES.match(text, stop, limit)
        if fi is not None:
            value += int(fi.group("i")) / 12
            stop = fi.end()
    return _Qty(start, stop, value, "measure", canon, n, end)


def _inch(text: str, n: Number, start: int, end: int, limit: int, value: float) -> _Qty | None:
    """`2 in` is an inch only where a length reads: `2 in thick`, `is 2 in.` at the end."""
    m = INCH.match(text, end, limit)
    if m is None:
        return None
    stop = end + 3
    return _Qty(start, stop, value, "measure", "in", n, end)


def _classify(text: str, q: _Qty, floor: int, limit: int, prev: list[Figure]) -> Figure | None:
    """Turn a quantity into a figure: a range or tally when a second number follows."""
    r = _range(text, q, floor, limit)
    if r is not None:
        return r
    n = q.num
    if (q.kind == "count" and n is not None and n.words and not n.scaled and not n.fraction and n.value == 1
            and not _one_is_number(text, q, floor, limit)):
        return None
    if q.kind == "ordinal":
        return _ordinal(text, q, limit)
    if q.kind == "count" and n is not None:
        o = OVER.match(text, q.end, limit)
        if o is not None:
            n2 = _read_number(text, o.end(), o.end(), limit)
            if (n2 is not None and n2.value and not n2.ordinal and text[o.end()].isalnum()
                    and ("over" in o.group() or q.value <= n2.value)):
                return Figure(kind="count", text=text[q.start:n2.end], char_start=q.start, char_end=n2.end,
                              value=q.value / n2.value)
    unit, subject = q.unit, None
    if q.kind == "count":
        unit, subject = _counted(text, q.end, limit, q.value, prev, q.start)
    elif q.kind == "money":
        subject = _money_subject(text, q.end, limit)
    return Figure(kind=q.kind, text=text[q.start:q.end], char_start=q.start, char_end=q.end, value=q.value,
                  unit=unit, subject=subject)


def _one_is_number(text: str, q: _Qty, floor: int, limit: int) -> bool:
    """`one` is a pronoun in `one of them`, `that one is`, `the one who`."""
    lex = _lex()
    before = WORD_BEFORE.search(text[max(floor, q.start - 16):q.start])
    if before is not None and before.group(1).lower() in lex.not_before_one:
        return False
    after = ANY_WORD.match(text, q.end, limit)
    if after is None:
        return text[q.end:q.end + 1] in ("", "\n", ".", ",", ";", ")", "!", "?") and False
    return after.group("w").lower().strip(".'") not in lex.not_after_one


def _ordinal(text: str, q: _Qty, limit: int) -> Figure | None:
    end = q.end
    h = HYPHEN_WORD.match(text, end, limit)
    subject = None
    if h is not None and h.group("w") in _not_ordinal_compounds():
        return None  # "Third World" is a name, not a rank
    if h is not None:  # "second-largest"
        end = h.end()
        noun = PLURAL_NOUN.match(text, end, limit)
        subject = f"{h.group('w')} {noun.group('w')}" if noun else h.group("w")
    else:
        noun = PLURAL_NOUN.match(text, end, limit)
        if noun is not None and noun.group("w") not in _stop_words():
            subject = noun.group("w")
    return Figure(kind="ordinal", text=text[q.start:end], char_start=q.start, char_end=end, value=q.value,
                  subject=subject)


@cache
def _stop_words() -> frozenset[str]:
    """Function words and verbs that end the search for a counted noun."""
    return frozenset(load("figures_words")["stop_words"])


@cache
def _not_ordinal_compounds() -> frozenset[str]:
    """`third-world`: an ordinal glued to these is part of a name."""
    return frozenset(load("figures_words")["not_ordinal_compounds"])


@cache
def _irregular_plurals() -> frozenset[str]:
    """Counted nouns that are plural without an -s (`people`, `police`)."""
    return frozenset(load("figures_words")["irregular_plurals"])


def _counted(text: str, end: int, limit: int, value: float, prev: list[Figure], start: int
             ) -> tuple[str | None, str | None]:
    """The counted noun after a count (`498 Russian troops` -> troops) and the subject phrase."""
    words: list[str] = []
    pos = end
    noun = None
    for _ in range(3):
        m = ANY_WORD.match(text, pos, limit)
        if m is None:
            break
        w = m.group("w").rstrip(".'-")
        lw = w.lower()
        if not w or lw in _stop_words():
            break
        if value == 1 and w[0].islower() and not lw.endswith(("ly", "ed", "ing")):
            nxt = ANY_WORD.match(text, m.end(), limit)
            if nxt is not None and nxt.group("w")[0].islower() and nxt.group("w").lower() not in _stop_words():
                words.append(w)  # "one new vaccine": `new` modifies the noun after it
                pos = m.end()
                continue
        if w[0].islower() and (
            lw in _irregular_plurals() or (value != 1 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s")))
            or (value == 1 and not lw.endswith(("ly", "ed", "ing")))
        ):
            noun = w
            words.append(noun)
            pos = m.end()
            break
        if w[0].isupper() or lw.endswith(("ian", "ese", "ish", "al", "ic", "ive", "ern", "-old", "-year")):
            words.append(w)
            pos = m.end()
            continue
        break
    if noun is None:
        # "another 1,600 had been wounded": the noun of the count before it in the sentence
        v = PARTICIPLE.match(text, end, limit)
        if v is not None and prev and prev[-1].kind == "count" and prev[-1].subject and start - prev[-1].char_end < 120:
            base = prev[-1].subject.rsplit(" ", 1)[0] if " " in prev[-1].subject else prev[-1].subject
            return None, f"{base} {v.group('v')}"
        return None, None
    v = PARTICIPLE.match(text, pos, limit)
    subject = " ".join(words) + (f" {v.group('v')}" if v else "")
    return noun, subject


def _money_subject(text: str, end: int, limit: int) -> str | None:
    m = MONEY_SUBJECT.match(text, end, limit)
    if m is None:
        return None
    w = m.group("w").split()
    w = [x for x in w if x not in _stop_words()]
    return " ".join(w) or None


def _range(text: str, q: _Qty, floor: int, limit: int) -> Figure | None:
    """`20 to 30`, `between 20 and 30`, `8- to 16-meter`, `141-5` (a tally), `greater than 100 and below 300`."""
    if q.kind == "ordinal":
        return None
    sep = RANGE_SEP.match(text, q.end, limit)
    if sep is None:
        return _comparator_range(text, q, floor, limit)
    s = sep.group().strip()
    opener = BETWEEN.search(text, max(floor, q.start - 8), q.start)
    if s == "and" and (opener is None or not opener.group().lower().startswith("between")):
        # "greater than 100 and smaller than 300": the `and` joins two comparisons, not two numbers
        return _comparator_range(text, q, floor, limit)
    p2 = sep.end()
    if p2 >= limit or not (text[p2].isalnum() or text[p2] in "$€£-.½"):
        return None
    if (s in ("-", "\u2013") and text[p2 - 1] in "-\u2013" and (q.num and q.num.digits) and
            (DIGIT_CHAIN.search(text, max(floor, q.start - 2), q.start + 1) or
             (q.start > floor and text[q.start - 1] in "+/"))):
        return None  # phone numbers, IDs: 1-222-2222
    q2 = _quantity(text, p2, p2, limit)
    if q2 is None or q2.kind == "ordinal":
        return None
    if q2.end < limit and CHAIN_NEXT.match(text[q2.end:q2.end + 2]) and s in ("-", "\u2013"):
        return None  # a chain: 123-12-1234, +1-222-2222-2222
    if q.kind != "count" and q2.kind != "count" and (q.kind != q2.kind or q.unit != q2.unit):
        return None  # "from 44 ml to 50 mg"
    if q.kind == "count" and q.unit and q2.kind == "count":
        return None
    kind, unit = (q2.kind, q2.unit) if q.kind == "count" else (q.kind, q.unit)
    tally_ctx = TALLY_BEFORE.search(text, max(floor, q.start - 40), q.start) or TALLY_AFTER.match(text, q2.end, limit)
    v1, v2 = q.value, q2.value
    if s in ("+/-", "±"):
        return Figure(kind="range", text=text[q.start:q2.end], char_start=q.start, char_end=q2.end,
                      value=v1 - v2, value_high=v1 + v2, unit=unit)
    both_int = v1 == int(v1) and v2 == int(v2)
    if kind == "count" and both_int and s in ("-", "\u2013", "to") and (tally_ctx or (s != "to" and v1 > v2 >= 0)):
        if s == "to" and not tally_ctx:
            return None
        subject = _tally_subject(text, q.start, floor)
        return Figure(kind="tally", text=text[q.start:q2.end], char_start=q.start, char_end=q2.end,
                      value=v1, value_high=v2, subject=subject)
    if kind == "count" and q2.kind == "count" and s == "to" and v2 < v1 and opener is None:
        return None
    start = opener.start() if opener is not None else q.start
    if q2.num is not None and q2.num.scaled and q.num is not None and not q.num.scaled and v2 > 1000 * abs(v1):
        # "between eight and 12 billion francs": the scale applies to both ends
        scale = next((s for s in (1e12, 1e9, 1e6, 1e3) if 1 <= v2 / s < 1000), 1.0)
        v1 *= scale
    lo, hi = min(v1, v2), max(v1, v2)
    subject = None
    if kind == "count":
        unit, subject = _counted(text, q2.end, limit, hi, [], q.start)
    return Figure(kind="range", text=text[start:q2.end], char_start=start, char_end=q2.end, value=lo,
                  value_high=hi, unit=unit, subject=subject)


def _comparator_range(text: str, q: _Qty, floor: int, limit: int) -> Figure | None:
    """`above 1000 and below 1500`, `at most 100 and at least 20`: two bounds of one range."""
    comp = COMPARATOR_PAIR.search(text, max(floor, q.start - 20), q.start)
    if comp is None:
        return None
    nxt = COMPARATOR_NEXT.match(text, q.end, limit)
    if nxt is None:
        return None
    q2 = _quantity(text, nxt.end(), nxt.end(), limit)
    if q2 is None or q2.kind != q.kind or q2.unit != q.unit:
        return None  # "below 1.80 marks and above 140 yen": two bounds, two currencies
    lo, hi = (q.value, q2.value) if comp.group("c1").startswith(LOW_WORDS) else (q2.value, q.value)
    return Figure(kind="range", text=text[comp.start():q2.end], char_start=comp.start(), char_end=q2.end,
                  value=min(lo, hi), value_high=max(lo, hi), unit=q2.unit)


def _tally_subject(text: str, start: int, floor: int) -> str | None:
    """`the U.N. General Assembly voted overwhelmingly 141-5` -> `U.N. General Assembly vote`."""
    before = text[max(floor, start - 120):start]
    m = VOTER.search(before)
    if m is not None:
        who = m.group(1).strip()
        return (who[4:] if who.startswith("The ") else who) + " vote"
    if VOTE_WORD.search(before[-40:]):
        return "vote"
    return None
