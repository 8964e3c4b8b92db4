"""Two numbers that make one figure: a range (`20 to 30`, `between 8 and 12 billion`, `above 100 and
below 300`) or a tally (`141-5`, `won 3-1`)."""

from __future__ import annotations

import re

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import MINUS_SIGNS, Quantity, quantity
from etl.extract.figures.subjects import counted
from etl.records import Figure

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
BETWEEN = re.compile(r"(?<![A-Za-z])(?:between|Between|from|From)[ ]\Z")
# A hedge before the second end (`between 2.0 l and about 7.0 l`): read past it.
HEDGE = re.compile(r"(?:about|around|roughly|approximately|nearly|almost|some|just|over|under)[ ](?=[\d$\u00a3\u20ac])")
# A currency written before the second end's number (`$24 to $26`, `Rs 5 to Rs 7`): the number is a few
# characters on; `quantity` reads the currency back from it.
CURRENCY_OPENING = re.compile(r"[^\s\d]{1,4}[ ]?(?=\d)")

COMPARATOR_PAIR = re.compile(
    r"(?<![A-Za-z])(?P<c1>(?:more|greater|higher|larger|bigger|less|fewer|smaller|lower)[ ]than|above|below|"
    r"over|under|at[ ](?:least|most))[ ]\Z"
)
COMPARATOR_NEXT = re.compile(
    r"[ ]and[ ](?P<c2>(?:more|greater|higher|larger|bigger|less|fewer|smaller|lower)[ ]than|above|below|over|"
    r"under|at[ ](?:least|most))[ ]"
)
LOW_WORDS = ("more", "greater", "higher", "larger", "bigger", "above", "over", "at least")
DIGIT_CHAIN = re.compile(r"\d[-/]\d")
CHAIN_NEXT = re.compile(r"[-/]\d")
VOTER = re.compile(r"((?:[A-Z][\w.'-]*[ ])+)(?:has[ ]|had[ ])?vot(?:ed|es)\b[^.]*\Z")
SCALE_TOKEN = re.compile(r"[A-Za-z]+")
VOTE_WORD = re.compile(r"\bvot")


def range_figure(text: str, q: Quantity, floor: int, limit: int, lex: FigureLexicon) -> Figure | None:
    """`20 to 30`, `between 20 and 30`, `8- to 16-meter`, `141-5` (a tally), `greater than 100 and below 300`."""
    if q.kind == "ordinal":
        return None
    sep = RANGE_SEP.match(text, q.end, limit)
    if sep is None:
        return _comparator_range(text, q, floor, limit, lex)
    s = sep.group().strip()
    opener = BETWEEN.search(text, max(floor, q.start - 8), q.start)
    if s == "and" and (opener is None or not opener.group().lower().startswith("between")):
        # "greater than 100 and smaller than 300": the `and` joins two comparisons, not two numbers
        return _comparator_range(text, q, floor, limit, lex)
    p2 = sep.end()
    if (h := HEDGE.match(text, p2, limit)) is not None:
        p2 = h.end()
    if p2 >= limit or not (text[p2].isalnum() or text[p2] in "$€£-.½" or text[p2] in MINUS_SIGNS):
        return None
    if (s in ("-", "\u2013") and text[p2 - 1] in "-\u2013" and (q.num and q.num.digits) and
            (DIGIT_CHAIN.search(text, max(floor, q.start - 2), q.start + 1) or
             (q.start > floor and text[q.start - 1] in "+/"))):
        return None  # phone numbers, IDs: 1-222-2222
    q2 = quantity(text, p2, p2, limit, lex)
    if q2 is None and text[p2] in MINUS_SIGNS and p2 + 1 < limit and text[p2 + 1].isdigit():
        q2 = quantity(text, p2 + 1, p2, limit, lex)  # "-5 to -10 degrees": the sign is read back from the number
        if q2 is not None and q2.start != p2:
            q2 = None
    if q2 is None and q.kind == "money" and (c := CURRENCY_OPENING.match(text, p2, limit)) is not None:
        q2 = quantity(text, c.end(), p2, limit, lex)
        if q2 is not None and (q2.kind != "money" or q2.start != p2):
            q2 = None  # the characters before the number are no currency
    if q2 is None or q2.kind == "ordinal":
        return None
    if q2.end < limit and CHAIN_NEXT.match(text[q2.end:q2.end + 2]) and s in ("-", "\u2013"):
        return None  # a chain: 123-12-1234, +1-222-2222-2222
    if q.kind != "count" and q2.kind != "count" and (q.kind != q2.kind or q.unit != q2.unit):
        return None  # "from 44 ml to 50 mg"
    if q.kind == "count" and q.unit and q2.kind == "count":
        return None
    if q.kind == "measure" and q.num is not None and q.num.words and q.num.fraction and q2.kind == "count":
        return None  # "by half an hour to 1300 GMT": a change, then the time it reached
    if q.kind == "percent" and q2.kind == "count" and abs(q2.value) > 100:
        return None  # "off 13.3 pct to 207,241": a change, then the level it reached
    if s == "to" and opener is None and q.kind != "count" and lex.change_before.search(text, max(floor, q.start - 24), q.start):
        # "fell $2.86 to $41.32", "cut by about 3% to 5%": a change, then the level it reached (both ends
        # carry the unit; `rose 20 to 30 percent`, with one unit for both, is a range)
        return None
    kind, unit = (q2.kind, q2.unit) if q.kind == "count" else (q.kind, q.unit)
    tally_ctx = lex.tally_before.search(text, max(floor, q.start - 40), q.start) or lex.tally_after.match(text, q2.end, limit)
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
        # "between eight and 12 billion francs", "7-9 lakh rupees": the scale applies to both ends
        scale = _scale_word(text, q2.num.start, q2.num.end, lex) or next((s for s in (1e12, 1e9, 1e6, 1e3) if 1 <= v2 / s < 1000), 1.0)
        v1 *= scale
    unit_scale = q2.value / q2.num.value if q2.num is not None and q2.num.value else 1.0
    if q.kind == "count" and q.num is not None and not q.num.scaled and unit_scale != 1.0 and unit_scale > 0:
        v1 *= unit_scale  # "20 to 30 cents": the second end's unit scales the first (0.2 to 0.3 USD)
    lo, hi = min(v1, v2), max(v1, v2)
    subject = None
    if kind == "count":
        unit, subject = counted(text, q2.end, limit, hi, [], q.start, lex)
    return Figure(kind="range", text=text[start:q2.end], char_start=start, char_end=q2.end, value=lo,
                  value_high=hi, unit=unit, subject=subject)


def _scale_word(text: str, start: int, end: int, lex: FigureLexicon) -> float | None:
    """The value of the last scale word or suffix in `text[start:end]` (`9 lakh` -> 1e5), if any."""
    found = None
    for w in SCALE_TOKEN.findall(text, start, end):
        v = lex.numbers.scales.get(w.lower()) or lex.numbers.suffixes.get(w)
        if v:
            found = float(v)
    return found


def _comparator_range(text: str, q: Quantity, floor: int, limit: int, lex: FigureLexicon) -> Figure | None:
    """`above 1000 and below 1500`, `at most 100 and at least 20`: two bounds of one range."""
    comp = COMPARATOR_PAIR.search(text, max(floor, q.start - 20), q.start)
    if comp is None:
        return None
    nxt = COMPARATOR_NEXT.match(text, q.end, limit)
    if nxt is None:
        return None
    q2 = quantity(text, nxt.end(), nxt.end(), limit, lex)
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
