"""Read one number at a position: numerals (`1,600`, `4.5`, `1.3x10^6`, `2½`) and English number
words (`twenty-six`, `half a million`, `3 hundred and 21`, `two thirds`, `second`).

Hand-written rather than a general NLP number parser: it runs only where the figures extractor
found a trigger, reads a handful of tokens, and never looks further than the number itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.extract.figures.lexicon import NumberWords

# A numeral. Alternatives, in order: thousands with commas (`1,234,567.5`); thousands split by
# a no-break or thin space (`40 000`); the same with an ordinary space, from two leading digits
# (`40 000`, not `May 5 100`) or from one with at least two groups (`1 414 021 100`); thousands
# split by apostrophes (`1'414'021`, Swiss style); a decimal comma with one digit after it (`1,3`,
# `1,4 mln`: a thousands group has three); plain digits with an optional decimal part; a
# bare decimal (`.25`).
NUMERAL = re.compile(
    r"""
    (?:
        (?P<comma>\d{1,3}(?:,\d{3})+)(?![\d])          # 1,234,567
      | (?<![\d,])(?P<ecomma>\d{1,3},\d)(?![\d]|[,.]\d|[ ](?:and|or|&)[ ]\d)  # 1,3: a decimal comma; not a list (1,2 and 3)
      | (?=\d{1,3}[ \u00a0\u202f\u2009'\u2019]\d{3})    # (a group separator ahead: plain numbers skip these three)
        (?:
          (?P<thin>\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+)(?![\d])  # 40 000 (no-break, thin)
        | (?P<space>(?:\d{2,3}(?:[ ]\d{3})+|\d(?:[ ]\d{3}){2,}))(?![\d,]?\d)  # 40 000, 1 414 021, 1 234 567.89
        | (?P<apos>\d{1,3}(?:['\u2019]\d{3})+)(?![\d'\u2019])   # 1'414'021
        )
      | (?P<plain>\d+)
      | (?=\.\d)                                       # .25
    )
    (?:\.(?P<dec>\d+))?
    """,
    re.VERBOSE,
)
# Powers written after a numeral: `x10^6`, `x2^10`, `^23`, `^-1`, `e+14`.
POWER = re.compile(
    r"""
    (?:
        [x×][ ]?(?P<base>\d+)\^(?P<bexp>[+-]?\d+)      # 1.3x10^6
      | \^(?P<exp>[+-]{0,2}\d+)                        # 1.1^23, 2.5^-1
      | [eE](?P<e>[+-]?\d+)(?![A-Za-z\d])              # 12.32e+14
    )
    """,
    re.VERBOSE,
)
# A mixed fraction after a whole number (`10 1/2`, `2  1/4`), or a glued vulgar fraction (`2½`).
MIXED = re.compile(r"(?:[ \t]{1,3}|-)(?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d/])")
FRACTION_DENS = frozenset({2, 3, 4, 5, 8, 10, 16, 32})
SLASH_FRACTION = re.compile(r"(?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d/.])")
# The gap between two number words: spaces, a hyphen (`twenty-six`, `one - fourth`), an em dash
# glued on both sides where a hyphen was meant (`twenty—fifth`), `and`, `&`
# (also hyphenated: `one-and-a-half`), or a comma before a word (`three million, two hundred`).
WORD_GAP = re.compile(r"(?:[ \t]?-[ \t]?|[ \t]{1,4}|,[ \t]|\u2014(?=[a-z]))(?:(?P<and>and|&)(?:[ \t]{1,3}|-(?=[A-Za-z])))?")
WORD = re.compile(r"[A-Za-z]+")
WORD_TAIL = re.compile(r"[A-Za-z]+\Z")
# A suffix scale right after a numeral (`10k`, `1.2bn`, `2.33 k`, `10 bln`); single capitals only
# glued, so that `1500 b` and `5 B` stay with the units.
SUFFIX = re.compile(
    r"""
    (?:
        (?P<glued>bn|mn|mln|bln|tln|trn|mil|tn|MM|[kKMbBGT])        # 10k, 1.2b, 10G
      | [ ](?P<spaced>bn|mn|mln|bln|tln|trn|mil|k|K|M)              # 2.33 k, 10 bln
    )
    (?![A-Za-z\d\u03a9\u2126])                                    # not a unit prefix (`42 k\u03a9`)
    """,
    re.VERBOSE,
)
NON_DIGIT = re.compile(r"\D")
POWER_OPENERS = frozenset("x×^eE")  # POWER starts with one of these
# No number runs past this many tokens (`nine hundred and ninety-nine trillion, nine hundred …` has
# 25): a bound that keeps a block of repeated number words linear.
MAX_WORDS = 40
MAX_FRACTION_WORDS = 6  # `and twenty-three hundredths`: the fraction after `and`


@dataclass(slots=True)
class Number:
    """A number read from the text: its span, value and how it was written."""

    start: int
    end: int
    value: float
    ordinal: bool = False  # "second", "21st"
    fraction: bool = False  # "two thirds", "1/4"
    words: bool = False  # written at least partly in words
    digits: str | None = None  # the bare digits when the number is a plain integer numeral
    scaled: bool = False  # carries a scale word or suffix ("million", "k")
    decimal: bool = False  # has a decimal part


def _numeral_value(m: re.Match[str]) -> float:
    if m.group("ecomma"):
        return float(m.group("ecomma").replace(",", "."))
    whole = m.group("comma") or m.group("thin") or m.group("space") or m.group("apos") or m.group("plain") or "0"
    digits = whole if whole.isdigit() else NON_DIGIT.sub("", whole)
    dec = m.group("dec")
    return float(f"{digits}.{dec}") if dec else float(digits)


def read_numeral(text: str, pos: int, nums: NumberWords, endpos: int | None = None) -> Number | None:
    """Read a numeral starting exactly at `pos` (and ending by `endpos`), with powers, mixed fractions and suffixes."""
    endpos = len(text) if endpos is None else min(endpos, len(text))
    m = NUMERAL.match(text, pos, endpos)
    if m is None or m.end() == pos:
        return None
    end = m.end()
    if text[end - 1] == "." and not m.group("dec"):  # "192." ends a sentence
        end -= 1
    sf = SLASH_FRACTION.match(text, pos, endpos) if "/" in text[pos + 1:pos + 3] else None
    if sf is not None and 0 < int(sf.group("num")) < int(sf.group("den")) and int(sf.group("den")) in FRACTION_DENS:
        return Number(pos, sf.end(), int(sf.group("num")) / int(sf.group("den")), fraction=True)
    value = _numeral_value(m)
    plain = m.group("plain") if m.group("plain") and not m.group("dec") else None
    decimal = bool(m.group("dec") or m.group("ecomma"))
    fraction = scaled = False
    p = POWER.match(text, end, endpos) if text[end:end + 1] in POWER_OPENERS and end < endpos else None
    if p is not None:
        try:
            if p.group("base"):
                value *= float(p.group("base")) ** _signed(p.group("bexp"))
            elif p.group("exp"):
                value = value ** _signed(p.group("exp"))
            else:
                value *= 10.0 ** int(p.group("e"))
        except (OverflowError, ValueError, ZeroDivisionError):
            return None  # `9^99999`: no number a figure can carry
        return Number(pos, p.end(), value, decimal=True)
    if end < endpos and text[end] in nums.vulgar:
        return Number(pos, end + 1, value + nums.vulgar[text[end]], fraction=True)
    if plain is not None and end + 1 < endpos and text[end] == " " and text[end + 1] in nums.vulgar:
        return Number(pos, end + 2, value + nums.vulgar[text[end + 1]], fraction=True)  # `4 ⅓ cups`
    if plain is not None:
        mixed = MIXED.match(text, end, endpos) if "/" in text[end:end + 7] else None
        if mixed is not None and 0 < int(mixed.group("num")) < int(mixed.group("den")):
            return Number(pos, mixed.end(), value + int(mixed.group("num")) / int(mixed.group("den")),
                          fraction=True)
    s = SUFFIX.match(text, end, endpos)
    if s is not None:
        word = s.group("glued") or s.group("spaced")
        value *= nums.suffixes[word]
        end, scaled, plain = s.end(), True, None
    return Number(pos, end, value, digits=plain, scaled=scaled, decimal=decimal or fraction)


def _signed(s: str) -> int:
    """`--23` reads as -23 in the suites' convention (a doubled sign is a typo, not a cancel)."""
    sign = -1 if s.count("-") == 1 else 1
    return sign * int(s.lstrip("+-"))


class _Words:
    """State of a number being read word by word (`three hundred and twenty-one thousand`)."""

    __slots__ = ("any", "end", "fraction", "group", "last", "last_scale", "ordinal", "scaled", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.group = 0.0
        self.last = ""  # unit | teen | tens | hundred | scale | numeral | a
        self.last_scale = float("inf")
        self.end = 0
        self.any = False
        self.ordinal = False
        self.fraction = False
        self.scaled = False

    @property
    def value(self) -> float:
        return self.total + self.group


def _next_word(text: str, pos: int, first: bool) -> tuple[int, int, bool] | None:
    """(start, end, after_and) of the next token (word or numeral) after the gap at `pos`."""
    if first:
        return pos, pos, False
    g = WORD_GAP.match(text, pos)
    if g is None or g.end() == pos:
        return None
    return g.end(), g.end(), g.group("and") is not None


def read_words(text: str, pos: int, nums: NumberWords, allow_numeral: bool = True, _nested: bool = False) -> Number | None:
    """Read a number written in words (possibly mixed with numerals) starting at `pos`.

    Linear in the words read: at most MAX_WORDS tokens, and the look-ahead after `and` for a
    fraction (`one and a half`) reads a few words without looking past another `and`.
    """
    if nums.first_word.match(text, pos) is None:
        return None
    lex = nums
    ords = nums.ordinal_forms
    st = _Words()
    cur = pos
    first = True
    for _ in range(MAX_FRACTION_WORDS if _nested else MAX_WORDS):
        nxt = _next_word(text, cur, first)
        if nxt is None:
            break
        start, _, after_and = nxt
        if after_and and (_nested or st.last not in ("hundred", "scale", "unit", "tens", "teen", "numeral")):
            break
        if after_and:
            sub = read_words(text, start, nums, allow_numeral=False, _nested=True)
            if sub is not None and sub.fraction and not sub.ordinal and not (
                    sub.scaled and st.last == "scale" and sub.value >= st.last_scale):
                # ("one billion and a half million" is one number, "a dozen and half a million" two)
                # "one and a half", "3 million and a half", "twenty and three fifths"
                scale = st.last_scale if st.last == "scale" and not sub.scaled else 1.0
                tail = WORD_TAIL.search(text, start, sub.end) if sub.scaled and st.last != "scale" else None
                if tail is not None and tail.group().lower() in nums.scales:
                    # "one and a half million": the scale multiplies the whole, not only the half
                    st.group = st.value * nums.scales[tail.group().lower()]
                    st.total = 0.0
                    st.scaled = True
                st.group += sub.value * scale
                st.end, st.fraction = sub.end, True
                break
        wm = WORD.match(text, start)
        if wm is None:
            if not allow_numeral or st.last not in ("", "scale", "hundred") or (st.last and not after_and
                                                                                 and st.last != "scale"):
                break
            if "," in text[cur:start]:
                break  # "5 crore, 20 euros": a list, not "five crore and twenty"
            num = read_numeral(text, start, nums)
            if num is None or num.scaled or num.fraction:
                break
            if st.last and num.value >= (st.last_scale if st.last == "scale" else 100):
                break
            if num.decimal and st.last:
                break
            st.group += num.value
            st.last, st.end, st.any = "numeral", num.end, True
            cur, first = num.end, False
            continue
        w = wm.group().lower()
        if wm.end() < len(text) and text[wm.end()] == "'" and w not in ("one",):
            break
        stop = _step(st, w, lex, ords, after_and, text, wm.end())
        if stop is None:
            break
        st.end, st.any = stop, True
        cur, first = stop, False
        if st.ordinal or (st.fraction and st.last == "fraction-final"):
            break
    if not st.any or st.last in ("a", "and", "fracword"):
        return None
    return Number(pos, st.end, st.value, ordinal=st.ordinal, fraction=st.fraction, words=True,
                  scaled=st.scaled)


def _step(st: _Words, w: str, lex: NumberWords, ords: dict[str, float], after_and: bool, text: str,
          wend: int) -> int | None:
    """Feed one word to the number state: where the number now ends, None if it does not go on."""
    if w in lex.tens and st.last in ("unit", "teen", "tens", "hundred", "scale", "a"):
        den = _compound_denominator(text, wend, lex.tens[w], ords, st)
        if den is not None:
            return den
    ok = _feed(st, w, lex, ords, after_and)
    if ok is None and w == "point" and st.last in ("unit", "teen", "tens", "hundred", "scale"):
        return _point(st, text, wend, lex)
    return wend if ok else None


def _compound_denominator(text: str, wend: int, tens: int, ords: dict[str, float], st: _Words) -> int | None:
    """`one hundred thirty fifths` = 100/35, `twenty twenty-fifths` = 20/25, `a twenty-fifth`: a tens word
    and an ordinal that make one denominator after a numerator (the Recognizers-Text reading). Where the
    fraction ends, else None. `second(s)` is left out: `one hundred twenty seconds` is a time."""
    g = WORD_GAP.match(text, wend)
    if g is None or g.group("and") is not None or g.end() == wend:
        return None
    nw = WORD.match(text, g.end())
    if nw is None:
        return None
    o = nw.group().lower()
    unit = ords.get(o)
    if unit is None or not 3 <= unit <= 9:
        return None
    num = 1.0 if st.last == "a" else st.value
    if not o.endswith("s") and num != 1:
        return None
    st.total, st.group = 0.0, num / (tens + unit)
    st.fraction, st.last = True, "fraction-final"
    return nw.end()


def _feed(st: _Words, w: str, lex: NumberWords, ords: dict[str, float], after_and: bool) -> bool | None:
    """Feed one word to the number state; False/None when the word does not continue it."""
    last = st.last
    if w in lex.units:
        u = lex.units[w]
        if last in ("", "hundred", "scale") or (last == "tens" and u > 0 and not after_and) or (last == "tens" and after_and and u > 0):
            st.group += u
        else:
            return False
        st.last = "unit"
        return True
    if w in lex.teens:
        if last not in ("", "hundred", "scale"):
            return False
        st.group += lex.teens[w]
        st.last = "teen"
        return True
    if w in lex.tens:
        if last not in ("", "hundred", "scale") or (after_and and last == ""):
            return False
        st.group += lex.tens[w]
        st.last = "tens"
        return True
    if w in lex.hundred:
        if last not in ("", "unit", "teen", "numeral", "a") or st.group >= 100:
            return False
        if w == "hundreds" and last in ("", "a"):
            return False
        st.group = (st.group or 1) * 100
        st.last = "hundred"
        st.scaled = True
        return True
    if w in lex.scales:
        s = lex.scales[w]
        if w.endswith("s") and last in ("", "a", "fracword"):
            return False  # "millions of" is not a figure
        if last == "scale" and s > st.last_scale:
            st.total *= s  # "three lakh crore"
        elif s < st.last_scale:
            st.total += (st.group or 1) * s
            st.group = 0.0
        else:
            return False
        st.last_scale = s
        st.last = "scale"
        st.scaled = True
        return True
    if w in lex.multipliers:
        if last not in ("unit", "teen", "tens", "numeral", "a", "hundred", "fracword"):  # `half a dozen`
            return False
        st.group *= lex.multipliers[w]
        st.last = "scale"
        st.last_scale = 12.0
        return True
    if w in ("a", "an") and last in ("", "fracword"):
        if last == "":
            st.group = 1.0
        st.last = "a" if last == "" else "fracword"
        return True
    if w in lex.fractions or w in ords:
        return _fraction_or_ordinal(st, w, lex, ords, after_and)
    return None


def _fraction_or_ordinal(st: _Words, w: str, lex: NumberWords, ords: dict[str, float], after_and: bool) -> bool:
    last = st.last
    plural = (w.endswith("s") and w not in ("thousandths",)) or w in ("halves", "quarters")
    if w in lex.fractions:
        den = float(lex.fractions[w])
        if last == "" and w in ("half", "quarter"):  # "half million", "quarter million"
            st.group, st.last, st.fraction = 1 / den, "fracword", True
            return True
        if last not in ("unit", "a", "teen", "tens"):
            return False
        num = _take_numerator(st, after_and)
        st.group += num / den
        st.fraction = True
        st.last = "fraction"
        return True
    value = ords[w]
    if last == "" and not plural:
        st.group = value
        st.ordinal = True
        st.last = "ordinal"
        return True
    if plural or (last in ("a", "unit", "teen") and value < 100 and not (last == "unit" and after_and is False
                                                                       and st.group >= 100)):
        if last not in ("a", "unit", "teen", "tens", "scale", "hundred", "numeral") or value < 3:  # no `a second` half
            return False
        num = _take_numerator(st, after_and)
        st.group += num / value
        st.fraction = True
        st.last = "fraction-final"
        return True
    if last == "a" and value >= 3:  # "a hundredth", "a trillionth"; "a second" is no half
        st.group = 1 / value
        st.fraction = True
        st.last = "fraction-final"
        return True
    if value >= 100:  # "three trillionth", "a hundred trillionth"
        st.group = (st.value or 1) * value
        st.total = 0.0
    elif last in ("tens", "hundred", "scale", "unit"):  # "twenty-first", "hundred twenty-fifth"
        st.group += value
    else:
        return False
    st.ordinal = True
    st.last = "ordinal"
    return True


def _take_numerator(st: _Words, after_and: bool) -> float:
    """Detach the numerator of a fraction word from the number read so far."""
    if st.total and not after_and and st.last == "scale":  # "a hundred thousand trillionths"
        num = st.total + st.group
        st.total = st.group = 0.0
        return num
    if after_and or st.total:
        # "one hundred and three and two thirds": the numerator is the last small group
        num = st.group % 100 if st.group >= 100 else st.group
        st.group -= num
        return num or 1
    num = st.group or 1
    st.group = 0.0
    return num


def _point(st: _Words, text: str, pos: int, lex: NumberWords) -> int | None:
    """Read decimal digits in words after `point` (`point seventy-one`, `point nought four`)."""
    digits = ""
    cur = pos
    end = pos
    while True:
        g = WORD_GAP.match(text, cur)
        if g is None or g.group("and"):
            break
        wm = WORD.match(text, g.end())
        if wm is None:
            break
        w = wm.group().lower()
        if w in lex.units:
            digits += str(lex.units[w])
        elif w in lex.tens:
            digits += str(lex.tens[w] // 10)
            nxt = WORD_GAP.match(text, wm.end())
            nw = WORD.match(text, nxt.end()) if nxt else None
            if nw and nw.group().lower() in lex.units and lex.units[nw.group().lower()] > 0:
                digits += str(lex.units[nw.group().lower()])
                cur = end = nw.end()
                continue
        else:
            break
        cur = end = wm.end()
    if not digits:
        return None
    st.group += float("0." + digits)
    st.last = "point"
    return end
