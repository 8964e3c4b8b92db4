"""A number with what is written around it: a currency (`$5m`, `€20`, `75 francs`), a percent sign,
a unit of measure (`5 km`, `40 deg celsius`, `5 ft 2 in`), an ordinal suffix, an age."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from etl.extract.figures.lexicon import FigureLexicon, NumberWords
from etl.extract.figures.numbers import Number, read_numeral, read_words

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
# Minus signs: the hyphen-minus, U+2212 (the typographic minus), U+2012 (figure dash), and the
# small and full-width hyphen-minus; not the en dash, which joins ranges (`2012–13`).
MINUS_SIGNS = "-\u2212\u2012\ufe63\uff0d"
_MINUS = r"\-\u2212\u2012\ufe63\uff0d"  # the same, for a character class
NEGATIVE = re.compile(
    rf"(?:(?<![\w.,)\]+/{_MINUS}])[{_MINUS}]|(?<![^\n])[{_MINUS}][ ]|(?<![A-Za-z])(?:minus|negative|Minus|Negative)[ ])\Z"
)
# A bracketed amount right after another amount or a unit (`$280bn (£155bn)`, `40 km ($5)`) is a conversion.
AMOUNT_BEFORE = re.compile(r"\d(?:[ ]?[A-Za-z%.]{1,6})?[ ]?\Z")
COPULA_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?:is|was|were|are|be|been)[ ]|:[ ]?)\Z")
ACCOUNTS_REACH = 200  # characters either side of a bracketed amount read to tell a table line
NEGATIVE_WORDS = ("minus ", "negative ", "Minus ", "Negative ")  # what NEGATIVE needs before a number
# What follows `a third` when it is a fraction: `of`, or no word (`only a third.`); a noun makes it a rank.
FRACTION_NEXT = re.compile(r"[ ]of(?![A-Za-z])|[ ]?(?:[.,;:!?)]|$)|[ ]?\n")
A_BEFORE = re.compile(r"(?<![A-Za-z])(?:a|an|A|An)[ ]\Z")
CENTS_AFTER = re.compile(r"(?:[ ]and)?[ ](?P<c>\d{2}|[a-z]+(?:[ -](?!cents?(?![A-Za-z]))[a-z]+)?)(?:[ ]cents?)?(?![\d]|[.,]\d|[A-Za-z])")
# `3 and a half dollars`: a simple fraction after a numeral is part of it (`Stages 3 and 4 and
# two-fifths of schools` is a list, so not any fraction).
AND_FRACTION = re.compile(r"[ ]and[ ](?:(?:a|an|one)[ ](?:half|quarter|third)|three[ ]quarters)(?![A-Za-z])")
HALF_A = re.compile(r"(?P<f>[Hh]alf)[ ](?:a|an)(?=[ ])")  # not `quarter a`: `the first quarter a year ago`
WORD_SCALE = re.compile(r"[ ](?P<s>mln|bln|bn|mn|tln|trn)(?![A-Za-z\d])")
RACE_METRES = frozenset({60.0, 100.0, 110.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0})
WORD_AFTER_M = re.compile(r"[A-Za-z]+(?![A-Za-z])")
OF_A = re.compile(r"[ ]of[ ]an?(?=[ ])")
AGE_ABBREV = re.compile(r"[ ]?(?:yo|y/o)(?![A-Za-z\d/])")
AGE_BEFORE = re.compile(r"(?<![A-Za-z])(?:age|aged|Age|Aged)[ ]\Z")
LETTERS = re.compile(r"[A-Za-z]+")
# Also in capitals, as newswire headlines write them (`4TH QTR NET`): a quarter, not a count of 4.
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th|ST|ND|RD|TH)(?![A-Za-z])")
WORD_AFTER = re.compile(r"[ ]([A-Za-z]+)")
MINOR_AFTER = re.compile(r"[ ](?P<m>cents?|pence|paise|kopecks|cts)(?![A-Za-z])")  # a sub-unit word after a currency name
MONEY_SCALE = re.compile(r"[ ](?P<s>million|billion|thousand|trillion|mn|bn)(?![A-Za-z])")
TEMPERATURE_SCALE = re.compile(r"[ ]?(?P<s>[CF]|[cf](?![A-Za-z])|celsius|Celsius|fahrenheit|Fahrenheit|celcius)"
                               r"(?![A-Za-z])")
MAX_INCHES = 10_000  # a number written with `"` at or above this is an identifier in quotes
# Feet and inches in prime marks (`5' 10"`, `6′2″`): one measure in feet; a lone double prime
# before a word (`5'' thick`) is inches.
FEET_PRIME = re.compile(r"['\u2032][ ]?(?P<i>\d{1,2}(?:\.\d+)?)[ ]?(?:\"|\u2033|''|\u201d)(?![A-Za-z\d])")
INCH_PRIME = re.compile(r"(?:\u2033|'')(?=[ ][a-z])")  # `5'' thick`, `a 15″ screen`; not a closing quote (`Dead 2″`)
# What makes a glued `m` metres (`2.5m high`) and a glued `t` tonnes (`100t of steel`): else they are a
# million or a model name (`$5m`, `the 400m`, `T-72`).
GLUED_MEASURE = {
    "m": re.compile(r"[ ](?:long|tall|high|wide|deep|thick|across|in[ ]length|in[ ]diameter|in[ ]height|underground|"
                    r"below|above|beneath|under[ ]water|underwater)(?![A-Za-z])"),
    "t": re.compile(r"[ ]of[ ][a-z]"),
}
GLUED_TEMPERATURE = re.compile(r"[CF](?![A-Za-z\d])")
BELOW_ZERO = re.compile(r"[ ]below[ ](?:zero|freezing)(?![A-Za-z])")
FEET_INCHES = re.compile(r"(?:,?[ ]and|,)?[ ](?P<i>\d{1,2})[ ]?(?:in|inches|inch|\")(?![A-Za-z])")
INCH = re.compile(r"[ ]in(?P<after>[.]?(?:$|\n)|[.]?[ ](?:thick|long|wide|tall|high|deep|across|diameter)(?![A-Za-z])|\.$)")


@dataclass(slots=True)
class Quantity:
    """A number with what is written around it: currency, percent sign or unit."""

    start: int
    end: int
    value: float
    kind: str  # count | money | percent | measure | ordinal
    unit: str | None = None
    num: Number | None = None
    num_end: int = 0  # where the bare number ends (before unit or currency word)


def read_number(text: str, t: int, floor: int, limit: int, lex: FigureLexicon) -> Number | None:
    """The number at trigger `t`, or None where there is none or it is not finite (310 digits)."""
    n = _read_any_number(text, t, floor, limit, lex)
    return n if n is None or math.isfinite(n.value) else None


def _read_any_number(text: str, t: int, floor: int, limit: int, lex: FigureLexicon) -> Number | None:
    """The number at trigger `t`, read back over `a`/`an` and forward over scale words."""
    ch = text[t]
    if ch.isdigit() or ch == ".":
        if t - 1 >= floor and text[t - 1] == "." and not (t - 2 >= floor and (text[t - 2] == "/" or unicodedata.category(text[t - 2])[0] in "LMN")):
            t -= 1  # ".25"; not after a word or sign (`Rs.42`, `No.42`, `B/.42`: the dot ends an abbreviation)
        n = read_numeral(text, t, lex.numbers, limit)
        if n is None:
            return None
        if not n.scaled and not n.fraction and lex.scale_words.match(text, n.end, limit):
            wider = read_words(text, t, lex.numbers)
            if wider is not None and wider.end > n.end:
                n = wider
        elif n.digits is not None and text.startswith(" and ", n.end) and AND_FRACTION.match(text, n.end, limit):
            wider = read_words(text, t, lex.numbers)
            if wider is not None and wider.end > n.end and wider.fraction and wider.end <= limit:
                n = wider  # "3 and a half dollars": the fraction belongs to the numeral
        return n
    if ch in "½¼¾⅓⅔⅕⅛⅜⅝⅞":
        return Number(t, t + 1, lex.numbers.vulgar[ch], fraction=True)
    a = A_BEFORE.search(text, max(floor, t - 3), t) if t > floor and text[t - 1] == " " else None
    nums = lex.numbers
    word = LETTERS.match(text, t, t + 20)
    w = word.group().lower() if word else ""
    if a is not None and (w in nums.hundred or w in nums.scales or w in nums.multipliers or w in nums.fractions
                          or (w in nums.ordinal_forms and not w.endswith("s"))):
        n = read_words(text, a.start(), nums)
        if n is not None and n.end > t:
            if n.ordinal or (w in nums.ordinal_forms and n.fraction and FRACTION_NEXT.match(text, n.end, limit) is None):
                # "a second time", "a seventh season": the ordinal, without the article ("a third of" is a fraction)
                return read_words(text, t, nums)
            return n
    n = read_words(text, t, nums)
    if n is None and text[t] in "Hh" and (h := HALF_A.match(text, t, limit)) is not None and lex.unit.match(text, h.end(), limit) is not None:
        # "half a liter", "half an hour": half of one unit
        return Number(t, h.end(), 0.5, fraction=True, words=True)
    return _with_abbreviated_scale(text, n, limit, nums)


def _with_abbreviated_scale(text: str, n: Number | None, limit: int, nums: NumberWords) -> Number | None:
    """`one mln`, `two bln`: a number in words with a newswire scale abbreviation after it."""
    if n is None or n.ordinal or n.fraction or n.scaled:
        return n
    m = WORD_SCALE.match(text, n.end, limit) if text[n.end + 1:n.end + 2] in ("m", "b", "t") else None
    if m is None:
        return n
    return Number(n.start, m.end(), n.value * nums.suffixes[m.group("s")], words=True, scaled=True)


def quantity(text: str, t: int, floor: int, limit: int, lex: FigureLexicon) -> Quantity | None:
    """Read the number at `t` with its currency, percent sign or unit."""
    n = read_number(text, t, floor, limit, lex)
    if n is None:
        return None
    start, end, value = n.start, n.end, n.value
    neg = None
    if start > floor and (text[start - 1] in MINUS_SIGNS or (text[start - 1] == " " and (
            (start - 2 >= floor and text[start - 2] in MINUS_SIGNS) or text.endswith(NEGATIVE_WORDS, floor, start)))):
        neg = NEGATIVE.search(text, max(floor, start - 12), start)
    if neg is not None and not n.ordinal and (neg.group().strip() not in MINUS_SIGNS or text[start].isdigit()):
        value = -value
        start -= len(neg.group())
    if n.ordinal:
        return Quantity(start, end, value, "ordinal", num=n, num_end=end)
    # digits ordinal: 21st, 2nd
    if n.digits is not None:
        o = ORDINAL_SUFFIX.match(text[end:end + 3])
        if o is not None:
            return Quantity(start, end + o.end(), value, "ordinal", num=n, num_end=end + o.end())
    cb = lex.cur_before.search(text, max(floor, start - 8), start)
    if cb is not None:
        code = lex.cur_prefix.get(cb.group().strip().rstrip("-").strip(), "USD")
        if cb.group("neg"):
            value = -value
        s = cb.start()
        if s > floor and text[s - 1] in MINUS_SIGNS and cb.group("neg") is None and value > 0 and (
                s < 2 or not (text[s - 2].isalnum() or text[s - 2] in ").,%$")):
            value, s = -value, s - 1  # -$5m, but not the second end of `$24-$26`
        end2, value = _money_tail(text, end, limit, value, lex)
        if s > floor and text[s - 1] == "(" and text[end2:end2 + 1] == ")" and accounts_bracket(text, s - 1, end2 + 1):
            return Quantity(s - 1, end2 + 1, -abs(value), "money", code, n, end)  # ($99.99): a loss
        per = lex.money_per.match(text, end2, limit)
        if per is not None:
            end2 = per.end()
        return Quantity(s, end2, value, "money", code or None, n, end)
    if text.endswith("of ", floor, start) and (m := PERCENT_OF.search(text, max(floor, start - 16), start)):
        return Quantity(m.start(), end, value, "percent", "%", n, end)
    p = PERCENT.match(text, end, limit)
    if p is not None:
        return Quantity(start, p.end(), value, "percent", "pp" if p.group("pp") else "%", n, end)
    if text.startswith("m ", end) and not n.words and not n.scaled and _million_before(text, end + 2, limit, value, lex):
        # `77m euros`, `133m text messages`, `1m barrels`: a glued `m` before a currency, a unit or a
        # plural noun is a million (`a 48m yacht`, `300m tall` stay metres)
        n = Number(n.start, end + 1, value * 1e6, scaled=True, decimal=n.decimal)
        end, value = end + 1, value * 1e6
    money = _money_after(text, n, start, end, limit, value, lex)
    if money is not None:
        return money
    if n.fraction and (of := OF_A.match(text, end, limit)) is not None:
        u = lex.unit.match(text, of.end(), limit)
        if u is not None and len(u.group("u")) > 2 and u.group("sp") == " ":
            # "three quarters of a mile", "a third of an hour": the fraction of one unit
            return Quantity(start, u.end(), value, "measure", lex.unit_canon[u.group("u")], n, end)
    meas = _measure_after(text, n, start, end, limit, value, lex)
    if meas is not None:
        return meas
    if text.startswith((" yo", " y/o", "yo", "y/o"), end) and (ya := AGE_ABBREV.match(text, end, limit)) is not None:
        return Quantity(start, ya.end(), value, "measure", "year", n, end)  # "87 yo": an age
    if (text.endswith(("age ", "aged ", "Age ", "Aged "), max(floor, start - 5), start)
            and (a := AGE_BEFORE.search(text, max(floor, start - 5), start))):
        return Quantity(a.start(), end, value, "measure", "year", n, end)
    return Quantity(start, end, value, "count", None, n, end)


def _million_before(text: str, pos: int, limit: int, value: float, lex: FigureLexicon) -> bool:
    """Whether the word at `pos` makes a glued `m` before it a million: a currency (`euros`), a unit
    (`barrels`, `tonnes`) or a plural noun (`people`, `text messages`); before a noun, not a race's
    distance (`the 60m hurdles`, `200m titles`)."""
    w = WORD_AFTER_M.match(text, pos, limit)
    if w is None:
        return False
    word = w.group()
    if word in lex.cur_suffix:
        return True
    if word in lex.unit_canon:
        return lex.unit_dim[word] not in ("length",) or word.endswith("s")  # `1m barrels`; `100m sprint` is no unit
    if value in RACE_METRES:
        return False
    if word in lex.irregular_plurals:
        return True
    if not word.islower() or word in lex.stop_words:
        return False
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return True
    # `133m text messages`, `1.4m cash machines`: a noun, then the plural it qualifies
    w2 = WORD_AFTER_M.match(text, w.end() + 1, limit) if text.startswith(" ", w.end()) else None
    return (w2 is not None and w2.group().islower() and w2.group().endswith("s") and not w2.group().endswith("ss")
            and len(w2.group()) > 3 and w2.group() not in lex.stop_words)


def accounts_bracket(text: str, open_: int, close: int) -> bool:
    """Whether the bracketed amount `text[open_:close]` is a loss: on a line of a table of accounts
    (at least half as many digits as letters), or stated as what something is (`revenue is ($99.99)`,
    `Net loss: ($1.2m)`); never right after another amount (`$280bn (£155bn)` is a conversion)."""
    # The line around the bracket is read past `floor` (the end of the figure before, which may be
    # the amount converted) and `limit`, but not past a line break.
    lo = max(0, open_ - ACCOUNTS_REACH)
    line_start = text.rfind("\n", lo, open_) + 1 or lo
    before = text[max(line_start, open_ - 12):open_]
    if AMOUNT_BEFORE.search(before):
        return False
    if COPULA_BEFORE.search(before):
        return True
    hi = min(len(text), close + ACCOUNTS_REACH)
    line_end = text.find("\n", close, hi)
    line = text[line_start:line_end if line_end >= 0 else hi]
    digits = sum(c.isdigit() for c in line)
    letters = sum(c.isalpha() for c in line)
    return 2 * digits >= letters


def _money_tail(text: str, end: int, limit: int, value: float, lex: FigureLexicon) -> tuple[int, float]:
    """After `$5`: a money suffix (`$5m`), a scale word (`$ 75 million`) already read, or a code."""
    m = lex.money_suffix.match(text, end, limit)
    if m is not None:
        mult = lex.numbers.money_suffixes[m.group()]
        return m.end(), value * mult
    return end, value


def _money_after(text: str, n: Number, start: int, end: int, limit: int, value: float, lex: FigureLexicon) -> Quantity | None:
    c = lex.cur_after.match(text, end, limit)
    if c is None:
        # "75 USD million" / "528 million francs" are read by the number; "17 USD 25" below
        return None
    word = c.group("c")
    if word in lex.minor:
        if word in ("p", "c") and (c.group("sp") or not n.digits):
            return None
        return Quantity(start, c.end(), value / lex.minor_per_major.get(word, 100), "money", lex.minor[word], n, end)
    if word in lex.ambiguous and not n.scaled:
        return None  # "won 3", "real 5", "pounds": verbs, adjectives and weights unless a scale says money
    if word in lex.capitalised_names and (nw := WORD_AFTER.match(text, c.end(), limit)) is not None and (
            nw.group(1) not in lex.stop_words and nw.group(1) not in lex.calendar.first_words):
        return None  # `the 12 Euro zone countries`: a capitalised name before a noun is a name
    code = lex.cur_suffix.get(word) or None
    if code and not n.scaled and (mc := MINOR_AFTER.match(text, c.end(), limit)) is not None and mc.group("m") in lex.minor:
        # `70 euro cents`, `5 Hong Kong cents`: the sub-unit of the currency named, scaled to it
        return Quantity(start, mc.end(), value / lex.minor_per_major.get(mc.group("m"), 100), "money", code, n, end)
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
            cv = _small_number(cents.group("c"), lex)
            if cv is not None and 0 <= cv < 100:
                value += cv / 100
                stop = cents.end()
    return Quantity(start, stop, value, "money", code, n, end)


def _small_number(s: str, lex: FigureLexicon) -> float | None:
    if s.isdigit():
        return float(s)
    w = read_words(s, 0, lex.numbers, allow_numeral=False)
    return w.value if w is not None and w.end == len(s) else None


def _measure_after(text: str, n: Number, start: int, end: int, limit: int, value: float, lex: FigureLexicon) -> Quantity | None:
    m = lex.unit.match(text, end, limit)
    if m is None:
        if n.digits is not None and (fp := FEET_PRIME.match(text, end, limit)) is not None and float(fp.group("i")) < 12:
            return Quantity(start, fp.end(), value + float(fp.group("i")) / 12, "measure", "ft", n, end)
        if ((ip := INCH_PRIME.match(text, end, limit)) is not None and value < MAX_INCHES
                and (ip.group() != "''" or text.rfind("''", max(0, start - 60), start) < 0)):
            # `''` closes a quotation where one opened before the number (`dial ''1'' for English`)
            return Quantity(start, ip.end(), value, "measure", "in", n, end)
        if value < 0 and (g := GLUED_TEMPERATURE.match(text, end, limit)) is not None:
            # "minus 20C", "-5F": a model name is never below zero
            return Quantity(start, g.end(), value, "measure", "degC" if g.group() == "C" else "degF", n, end)
        return _inch(text, n, start, end, limit, value)
    form = m.group("u")
    sp = m.group("sp")
    if form == "t" and not GLUED_MEASURE["t"].match(text, m.end(), limit):
        return None  # `type 2 t test`: a lone `t` is tonnes only before what it weighs
    if form in lex.strict:
        # short forms: only as a separate token, never mid-identifier ("1m isn't", "24703 m212")
        if form in ("m", "b", "B", "t", "h") and not sp and n.digits is not None and form != "h" and not (
                form in GLUED_MEASURE and GLUED_MEASURE[form].match(text, m.end(), limit)):
            return None  # `48m long`, `100t of steel`: a glued `m` or `t` read by the word after it
        if form == '"' and (not (sp == "" or sp == " ") or value >= MAX_INCHES):
            return None  # `tweet-id="783499116076687360"`: an identifier in quotes, not inches
    if form in ("C", "F") or (len(form) == 1 and not sp and form.isupper()):
        return None  # "777F", "732L": model names, not units
    canon = lex.unit_canon[form]
    stop = m.end()
    if any(b in sp for b in "[<{(") and m.group("close") is None:
        return Quantity(start, end, value, "count", None, n, end)
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
        elif (bz := BELOW_ZERO.match(text, stop, limit)) is not None:
            value, stop = -value, bz.end()  # "296 degrees below zero Fahrenheit"
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
    return Quantity(start, stop, value, "measure", canon, n, end)


def _inch(text: str, n: Number, start: int, end: int, limit: int, value: float) -> Quantity | None:
    """`2 in` is an inch only where a length reads: `2 in thick`, `is 2 in.` at the end."""
    m = INCH.match(text, end, limit)
    if m is None:
        return None
    stop = end + 3
    return Quantity(start, stop, value, "measure", "in", n, end)
