"""Find date and time expressions at a trigger: `Feb. 25, 2022`, `March 2`, `2022`, `fiscal 2012-13`,
`on Wednesday`, `next week`, `in 5 minutes`, `3:00 to 4:00 tomorrow`.

A date phrase is built from atoms (a month with its day and year, a weekday, a numeric date, a
time, a year, a relative day, a period such as `next week`, a holiday, a duration anchored by
`later`/`ago`/`in`) joined by short connectors (`on`, `at`, `of`, `to`, `-`, `between … and`).
Weekdays and relative days resolve against the publication date when it is given; otherwise
`normalized` stays partial (`XXXX-WXX-3` for a Wednesday, `XXXX-03-02` for March 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from etl.extract.figures.lexicon import DECADE, HOLIDAY, MONTH, NUMBER, OPENER, PERIOD, RELATIVE, WEEKDAY, WORD_RUN, Calendar
from etl.extract.figures.numbers import Number, read_words


@dataclass(slots=True)
class DateSpan:
    """One date phrase: span, kind (`date` or `year`) and ISO 8601 form when one is known."""

    start: int
    end: int
    kind: str
    normalized: str | None = None


@dataclass(slots=True)
class _Atom:
    end: int
    strong: bool  # a date on its own (a bare `3` is only a date next to a strong atom)
    kind: str = "date"  # date | year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int | None = None  # days from publication (yesterday = -1)
    named: bool = False  # starts with a month or weekday name (no comma join before it)
    year_high: int | None = None  # end of a season or year range (2012-13, 2014-2018)


# Numbers read in words at a position during one `date_at` call (several atoms ask for the same one).
WordsMemo = dict[int, Number | None]
# A day number after a month (`Feb. 25`, `Dec31`, `Jan/3`, `Sep-23`, `march 2nd`).
DAY_AFTER_MONTH = re.compile(r"(?:[ ]?|-|/|[ ]the[ ])(?P<day>[0-3]?\d)(?:st|nd|rd|th|d)?(?![\d:.,]\d|[\d%]|[ ]?(?:%|percent))")
# A year after a month or day (`, 2022`, ` 2019`, `-2020`, ` of 1995`, ` in 2016`, `/2019`).
YEAR_AFTER = re.compile(r"(?:,[ ]?|[ ]|-|/|[ ]of[ ]|[ ]in[ ]|[ ],[ ])(?P<year>1[5-9]\d\d|20\d\d|21\d\d)(?![\d])")
YEAR2_AFTER = re.compile(r"(?:[ ]of[ ]|[ ]')(?P<year>\d\d)(?![\d])")
# A day number (or ordinal) before a month: `25 June`, `12 of Nov`, `26th of june`, `22/Jan`.
DAY_BEFORE_MONTH = re.compile(
    r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:[ ]?(?:-|to|and|through)[ ]?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
    r"(?:[ ]of[ ]|[ ]day[ ]of[ ]|[ ]|-|/|\.)(?:the[ ])?(?=[A-Za-z])"
)
# Numeric dates. Alternatives: 2020-07-01 / 2019/08/01; 2019-aug-1; 2020/23/Sep; 01/22/2016, 23.04.2022,
# 10-1-2018; 2016 10 16; 22/04, 5/12; 1995-01; 12-2015.
NUMERIC_DATE = re.compile(
    r"""
    (?:
        (?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d])          # 2020-07-01
      | (?P<ay>\d{4})[-/](?P<amon>[A-Za-z]{3})[-/](?P<ad>\d{1,2})(?![\d])     # 2019-aug-1
      | (?P<by>\d{4})/(?P<bd>\d{1,2})/(?P<bmon>[A-Za-z]{3})(?![A-Za-z])       # 2020/23/Sep
      | (?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])  # 01/22/2016
      | (?P<sy>(?:19|20)\d\d)[ ](?P<sm>[01]?\d)[ ](?P<sd>[0-3]?\d)(?![\d])    # 2016 10 16
      | (?P<c>\d{1,2})/(?P<d>\d{1,2})(?![\d/]|\.\d|,\d)                        # 22/04, 5/12
      | (?P<ym_y>(?:19|20)\d\d)-(?P<ym_m>0[1-9]|1[0-2])(?![\d-])              # 1995-01
      | (?P<my_m>0?[1-9]|1[0-2])-(?P<my_y>(?:19|20)\d\d)(?![\d-])             # 12-2015
    )
    """,
    re.VERBOSE,
)
# Clock times: 8:00am, 3:00, 11:30 am, 8am, 7 PM, 9.30pm, 4 o'clock, 14:55.
TIME = re.compile(
    r"""
    (?:
        (?P<hm>[0-2]?\d:[0-5]\d(?::[0-5]\d)?)(?:[ ]?(?:[ap]\.m\.|[AP]\.M\.|am|pm|AM|PM|a(?![A-Za-z])|p(?![A-Za-z])))?
      | (?P<h>[01]?\d(?:\.[0-5]\d)?)[ ]?(?:[ap]\.m\.|[AP]\.M\.|am|pm|AM|PM)(?![A-Za-z])
      | (?P<oc>[01]?\d)[ ]?o'?clock
      | (?P<dp>[01]?\d(?::[0-5]\d)?)[ ](?:in[ ]the[ ](?:morning|afternoon|evening)|at[ ]night)(?![A-Za-z])  # 5 in the evening
    )
    (?![\d])
    """,
    re.VERBOSE,
)
# A year: 4 digits, optionally a decade (`1990s`, `1990 s`) or a season/quarter (`2012-13`, `2017 q1`, `2019-H2`).
YEAR = re.compile(
    r"""
    (?P<y>1[0-9]\d\d|20\d\d|21\d\d)(?![\d,]\d|\d)
    (?:
        (?P<decade>[ ]?s|'s)(?![A-Za-z])                                  # 1990s, 1990 s
      | [-/\u2013](?P<y2>\d\d(?:\d\d)?)(?![\d/-])                         # 2012-13, 2014-2018
      | (?:[ ]|-)(?P<q>[qQ][1-4]|H[12])(?![A-Za-z\d])                    # 2017 q1, 2019-H2
    )?
    """,
    re.VERBOSE,
)
# A decade in two digits after an apostrophe (`'80s`, `mid-’90s`); without one, `the mid 20s` and
# `in his late 40's` are prices and ages as often as decades.
SHORT_DECADE = re.compile(r"(?P<d>[0-9]0)s(?![A-Za-z\d])")
WEAK = re.compile(r"(?P<n>[01]?\d(?::[0-5]\d)?)(?![\d.,:/%])")
# A bare hour followed by a clock time it runs to (`from 7 to 7:30`): the hour is a time too.
SIGN_WORDS = ("minus ", "Minus ", "negative ", "Negative ")
WEAK_TO_TIME = re.compile(r"[ ]?(?:to|until|till|-|\u2013)[ ]?[0-2]?\d(?::[0-5]\d|[ ]?(?:am|pm|a\.m\.|p\.m\.))")
# `March 4 and after`, `2020 or later`; not `2018 or before 2000`, `January 1986 and before that paid`
# (`later`, `earlier` followed by a word are the next clause's: `in the morning and earlier revised`)
AFTER_LATER = re.compile(r"[ ](?:or|and)[ ](?:(?:later|earlier)(?![A-Za-z])(?![ ][A-Za-z\d])|(?:after|before)(?![A-Za-z])"
                         r"(?![ ](?:\d|[A-Z]|th[a-z]*(?![A-Za-z])|it(?![A-Za-z]))))")
DURATION_UNIT = re.compile(
    r"[ -](?:(?:business|working|upcoming|next|past|previous|last|coming)[ ])?"
    r"(?P<u>minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|decades?|fortnights?|quarters?|seconds?)(?![A-Za-z])"
)
WORD_YEAR = re.compile(
    r"(?:nineteen|twenty)[ -](?:hundred|oh[ -][a-z]+|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -][a-z]+)?)"
    r"|two[ ]thousand(?:[ ]and[ ](?:(?:twenty|thirty|forty|fifty)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen)(?![A-Za-z]))?"  # not `two thousand and returned`
)
# An ISO week by its number (`week 23`, `Week 5`).
WEEK_NUMBER = re.compile(r"[Ww]eek[ ](?P<w>[1-5]?\d)(?![\d:%]|[.,]\d|[ ]?(?:percent|per[ ]cent))")
ORDINAL_DAY = re.compile(r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?![A-Za-z\d])")
ON_THE = re.compile(r"(?<![A-Za-z])(?:on|On)[ ]the[ ]\Z")
DAY_OF = re.compile(r"[ ]day[ ]of[ ](?:the[ ])?(?:next[ ]|this[ ]|last[ ])?(?:month|year)(?![A-Za-z])")
PERIOD_DETERMINER = re.compile(r"(?<![A-Za-z])(?:[Tt]he|[Tt]his|[Tt]hat|[Ll]ast|[Nn]ext|first|second|third|fourth|final|fiscal|its|their|each|every|per)[ ]\Z")
A_BEFORE = re.compile(r"(?<![A-Za-z])[Aa][ ]\Z")
# What a clock phrase may open with, and what follows a number in one: cheap tests before `_clock_at`.
CLOCK_WORDS = frozenset({"half", "Half", "quarter", "Quarter", "five", "Five", "ten", "Ten", "twenty", "Twenty", "twenty-five"})
CLOCK_GUARD = (" past ", " to ", " after ", " before ", " minutes ")  # `a quarter past nine`: the phrase opens at `a`
MAX_CHAIN = 8
MAX_WEAK_RUN = 3  # bare hours or days read before a date word must come (`between 3 and 8 yesterday`)
# Small patterns of the atom readers, compiled once (not per trigger).
DAY_RANGE_TAIL = re.compile(r"[ ]?(?:-|to|through)[ ]?(?P<d2>[0-3]?\d)(?![\d:]|[.,]\d)")
# A newswire dateline before the month (`SALVADOR, Feb 26 - `): what follows ` - ` is the story, not a second day.
DATELINE_BEFORE = re.compile(r"[A-Za-z][A-Za-z .,'()]{0,60},[ ]\Z")
SPACE_THE = re.compile(r"[ ](?:the[ ])?")
DAY_OF_SEP = re.compile(r"(?:[ ]of[ ]|[ ]day[ ]of[ ]|[ ])(?:the[ ])?")
HOUR_MINUTE = re.compile(r"\d{1,2}:\d\d")
PERCENT_WORD = re.compile(r"[ ]?(?:percent|per cent)")
YEAR_AS_COUNT = re.compile(r"[ ](?:over|out[ ]of|to|-|and)[ ]\d")
WEEKDAY_NEXT = re.compile(r"[ ,]+(?:\d|[A-Z][a-z]{2})")
# Weekdays joined (`Mon or Tue`, `thu and fri.`, `Sat-Sun`, `thu, fri.`): each is the other's date context.
WEEKDAY_JOIN = re.compile(r"(?:[ ]?[-\u2013/&][ ]?|,[ ]?|[ ](?:and|or|to|through|thru)[ ])")
WEEKDAY_BEFORE = re.compile(r"(?<![A-Za-z])(?P<w>[A-Za-z]{3,9}\.?)(?:[ ]?[-\u2013/&][ ]?|,[ ]?|[ ](?:and|or|to|through|thru)[ ])\Z")
WEEKDAY_DAY = re.compile(r"[ ](?:the[ ])?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?=[ ]?(?:[.!?,;]|$|at|from|between))")
FOR_THE = re.compile(r"(?<![A-Za-z])(?:for|of|in|during)[ ]the[ ]\Z")
THE_BEFORE = re.compile(r"(?<![A-Za-z])(?:the|The)[ ]\Z")
THE_PERIOD_TAIL = re.compile(r"[ ](?:after[ ]next|to[ ]date|(?:before|after)(?=[ ]?[.,;:!?)]|[ ]?$))(?![A-Za-z])")
PERIOD_TAIL = re.compile(r"[ ](?:after[ ]next|to[ ]date)(?![A-Za-z])")
DURATION_NEXT = re.compile(r"(?:[ ]and)?[ ](?=\d|one|two|three|four|five|six|seven|eight|nine|ten)")
DURATION_NUMBER = re.compile(r"\d{1,3}(?![\d.,:])")
ORDINAL_DAY_NEXT = re.compile(r"[ ](?!of\b|and\b|at\b|[.,])[a-z]")
WORD_YEAR_BEFORE = re.compile(r"(?<![A-Za-z])(?:in|In|since|of|by)[ ]\Z")
CONTEXT_BEFORE = re.compile(r"(?<![A-Za-z])(?:in|In|on|On|of|this|next|last|since|until|by|from|to|"
                            r"through|and|between|after|before|mid|early|late|the)[ -]\Z")


def _words_at(text: str, pos: int, pat: Calendar, memo: WordsMemo) -> Number | None:
    """`read_words(text, pos, allow_numeral=False)`, read once per `date_at` call though several atoms ask for it."""
    if pos in memo:
        return memo[pos]
    w = WORD_RUN.match(text, pos)
    # only a number word opens a number read without numerals
    n = read_words(text, pos, pat.nums, allow_numeral=False) if w is not None and w.group() in pat.number_words else None
    memo[pos] = n
    return n


def _valid_md(m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= 31


def _runs_into_number(text: str, pos: int, limit: int) -> bool:
    """True when a day candidate runs on into a bigger number (`May 5,000`)."""
    return pos < limit and text[pos] == "," and pos + 1 < limit and text[pos + 1].isdigit() and not (
        pos + 5 <= limit and text[pos + 1:pos + 5].isdigit())


def _dateline(text: str, pos: int, floor: int) -> bool:
    """Whether the month at `pos` opens its line after a place name and a comma (`WASHINGTON, Feb 26 - ...`)."""
    line_start = max(floor, text.rfind("\n", max(floor, pos - 64), pos) + 1, pos - 64)
    return (line_start == floor or text[line_start - 1] == "\n") and DATELINE_BEFORE.match(text, line_start, pos) is not None


def _month_at(text: str, pos: int, limit: int, pat: Calendar, memo: WordsMemo, context: bool | None, floor: int = 0
              ) -> _Atom | None:
    m = pat.month.match(text, pos, limit)
    if m is None:
        return None
    word = m.group()
    month = pat.months[word]
    end = m.end()
    day = year = None
    d = DAY_AFTER_MONTH.match(text, end, limit)
    if d is not None and 1 <= int(d.group("day")) <= 31 and not _runs_into_number(text, d.end(), limit):
        day, end = int(d.group("day")), d.end()
        r = DAY_RANGE_TAIL.match(text, end, limit)
        if r is not None and int(r.group("d2")) <= 31 and not (r.group().startswith(" - ") and _dateline(text, pos, floor)):
            end = r.end()
    elif d is None:
        w = _word_day(text, end, limit, pat, memo)
        if w is not None:
            day, end = w
    y = YEAR_AFTER.match(text, end, limit)
    if y is not None:
        year, end = int(y.group("year")), y.end()
    else:
        y2 = YEAR2_AFTER.match(text, end, limit)
        if y2 is not None:
            year, end = 1900 + int(y2.group("year")), y2.end()
        else:
            wy = end < limit and text[end] == " " and WORD_YEAR.match(text, end + 1, limit)
            if wy:
                end = wy.end()
                year = -1
    if day is None and year is None and word in pat.need_digits and not (
            context if context is not None else _has_context(text, pos, floor, pat)):
        return None
    return _Atom(end, True, year=year if year and year > 0 else None, month=month, day=day, named=True)


def _word_day(text: str, pos: int, limit: int, pat: Calendar, memo: WordsMemo) -> tuple[int, int] | None:
    """A day written in words after a month: `march eighteenth`, `january first`, `April the ninth`."""
    m = SPACE_THE.match(text, pos, limit)
    if m is None:
        return None
    n = _words_at(text, m.end(), pat, memo)
    if n is None or not 1 <= n.value <= 31 or n.value != int(n.value) or not (n.ordinal or n.value > 0):
        return None
    if not n.ordinal and text[n.end:n.end + 1].isalpha():
        return None
    return int(n.value), n.end


def _day_month_at(text: str, pos: int, limit: int, pat: Calendar, memo: WordsMemo) -> _Atom | None:
    m = DAY_BEFORE_MONTH.match(text, pos, limit)
    if m is not None:
        day = int(m.group("day"))
        mm = pat.month.match(text, m.end(), limit)
        if mm is not None and 1 <= day <= 31 and not (pos > 0 and text[pos - 1] in ".,"):
            return _finish_day_month(text, mm.end(), limit, pat.months[mm.group()], day)
    n = _words_at(text, pos, pat, memo)
    if n is not None and 1 <= n.value <= 31 and n.value == int(n.value):
        sep = DAY_OF_SEP.match(text, n.end, limit)
        if sep is not None:
            mm = pat.month.match(text, sep.end(), limit)
            if mm is not None:
                return _finish_day_month(text, mm.end(), limit, pat.months[mm.group()], int(n.value))
    return None


def _finish_day_month(text: str, end: int, limit: int, month: int, day: int) -> _Atom:
    year = None
    y = YEAR_AFTER.match(text, end, limit)
    if y is not None:
        year, end = int(y.group("year")), y.end()
    else:
        wy = end < limit and text[end] == " " and WORD_YEAR.match(text, end + 1, limit)
        if wy:
            end = wy.end()
    return _Atom(end, True, year=year, month=month, day=day)


def _numeric_at(text: str, pos: int, limit: int, chained: bool = False) -> _Atom | None:
    """A numeric date (`2020-07-01`, `01/22/2016`, `5/12`); `chained`: it continues a date phrase
    (`from 5/1-5/7`), where a bare `5/7` after a dash is still a date."""
    m = NUMERIC_DATE.match(text, pos, limit)
    if m is None:
        return None
    g = m.group
    if g("iy"):
        y, mo, d = int(g("iy")), int(g("im")), int(g("id"))
        return _Atom(m.end(), True, year=y, month=mo, day=d) if _valid_md(mo, d) else None
    if g("ay") or g("by"):
        return _Atom(m.end(), True, year=int(g("ay") or g("by")))
    if g("a"):
        a, b = int(g("a")), int(g("b"))
        y = int(g("y"))
        if not (_valid_md(a, b) or _valid_md(b, a)):
            return None
        if g("sep") == "." and len(g("y")) == 2:
            return None
        year = y if len(g("y")) == 4 else 2000 + y if y < 50 else 1900 + y
        mo, d = (a, b) if _valid_md(a, b) else (b, a)
        return _Atom(m.end(), True, year=year, month=mo, day=d)
    if g("sy"):
        mo, d = int(g("sm")), int(g("sd"))
        return _Atom(m.end(), True, year=int(g("sy")), month=mo, day=d) if _valid_md(mo, d) else None
    if g("c"):
        a, b = int(g("c")), int(g("d"))
        if (a < b and b in (2, 3, 4, 5, 8, 10, 16, 32)) or not (_valid_md(a, b) or _valid_md(b, a)):
            return None  # 1/4 is a fraction
        if pos > 0 and text[pos - 1] in "/-.+" and not (chained and text[pos - 1] == "-"):
            return None
        mo, d = (a, b) if _valid_md(a, b) else (b, a)
        return _Atom(m.end(), True, month=mo, day=d)
    if g("ym_y"):
        return _Atom(m.end(), True, year=int(g("ym_y")), month=int(g("ym_m")))
    if g("my_y"):
        return _Atom(m.end(), True, year=int(g("my_y")), month=int(g("my_m")))
    return None


def _time_at(text: str, pos: int, limit: int) -> _Atom | None:
    m = TIME.match(text, pos, limit)
    if m is None:
        return None
    if m.group("hm") and pos > 0 and text[pos - 1].isdigit():
        return None
    if m.group("hm") and HOUR_MINUTE.match(m.group("hm")) is None:
        return None
    return _Atom(m.end(), True)


def _year_at(text: str, pos: int, limit: int, floor: int, pat: Calendar) -> _Atom | None:
    m = YEAR.match(text, pos, limit)
    if m is None:
        return None
    y = int(m.group("y"))
    before = text[max(floor, pos - 14):pos]
    has_prefix = pat.year_prefix.search(before) is not None
    if pos > 0 and (text[pos - 1] in "$€£¥#" or (text[pos - 1].isalnum() and not has_prefix)):
        return None
    if pos > 1 and text[pos - 1] == "-" and text[pos - 2].isdigit():
        return None  # `+86 138-2010-2015`: the tail of a digit chain (a phone number, an ID)
    if m.group("y2"):
        y2 = m.group("y2")
        hi = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
        if not (y < hi <= y + 30) and not (len(y2) == 2 and int(y2) == (y + 1) % 100):
            return None
        return _Atom(m.end(), True, kind="year", year=y, year_high=hi)
    if m.group("decade") or m.group("q"):
        return _Atom(m.end(), True, kind="year" if m.group("decade") else "date", year=y)
    after = text[m.end():min(limit, m.end() + 3)]
    if after[:1] in ("%",) or after[:2] == " %" or PERCENT_WORD.match(text[m.end():m.end() + 9]):
        return None
    if not has_prefix:
        if not 1800 <= y <= 2100:
            return None
        if pat.noun_after_year.match(text, m.end(), limit) is not None:
            return None  # "2000 pieces"
        if YEAR_AS_COUNT.match(text, m.end(), limit):
            return None
    return _Atom(m.end(), True, kind="year", year=y)


def _relative_at(text: str, pos: int, limit: int, pat: Calendar) -> _Atom | None:
    m = pat.relative.match(text, pos, limit)
    if m is not None:
        end = m.end()
        d = pat.day_part.match(text, end, limit)
        return _Atom(d.end() if d else end, True, offset=pat.relative_days[m.group()])
    if text.startswith(("now", "Now"), pos) and not text[pos + 3:pos + 4].isalpha():
        before = text[max(0, pos - 12):pos]
        after = text[pos + 3:pos + 4]
        if pat.now_before.search(before) or (after in (".", "!", "?", "\n", "") and pos + 3 >= limit - 1):
            return _Atom(pos + 3, True)
    return None


def _weekday_at(text: str, pos: int, limit: int, pat: Calendar, memo: WordsMemo, context: bool | None, floor: int = 0
                ) -> _Atom | None:
    m = pat.weekday.match(text, pos, limit)
    if m is None:
        return None
    word = m.group()
    end = m.end()
    if (word in pat.weekday_need and not WEEKDAY_NEXT.match(text, end, limit)
            and not (context if context is not None else _has_context(text, pos, floor, pat))
            and not _weekday_pair(text, pos, end, limit, pat)):
        return None
    d = pat.day_part.match(text, end, limit)
    if d is not None:
        end = d.end()
    else:
        od = WEEKDAY_DAY.match(text, end, limit)
        if od is not None and 1 <= int(od.group("d")) <= 31:
            end = od.end()
        else:
            if text.startswith(" the ", end) and end + 5 <= limit:
                n = _words_at(text, end + 5, pat, memo)
                if n is not None and n.ordinal and n.value <= 31:
                    end = n.end
    return _Atom(end, True, weekday=pat.weekdays[word], named=True)


def _weekday_pair(text: str, pos: int, end: int, limit: int, pat: Calendar) -> bool:
    """Whether the weekday at `pos`..`end` is joined to another (`Mon or Tue`, `Sat-Sun`)."""
    j = WEEKDAY_JOIN.match(text, end, limit)
    if j is not None and pat.weekday.match(text, j.end(), limit) is not None:
        return True
    # read back past `floor` (the end of the figure before, which may be that weekday): the
    # pattern holds no line break, so it stays in the block
    b = WEEKDAY_BEFORE.search(text, max(0, pos - 16), pos)
    return b is not None and b.group("w") in pat.weekdays


def _period_at(text: str, pos: int, limit: int, pat: Calendar, floor: int) -> tuple[int, _Atom] | None:
    """`next week`, `this SUMMER`, `the last 3 weeks`: a period word with its opener (start moves back)."""
    m = pat.period.match(text, pos, limit)
    if m is None:
        return None
    if text.startswith(("week ", "Week "), pos) and (wk := WEEK_NUMBER.match(text, pos, limit)) is not None and 1 <= int(wk.group("w")) <= 53:
        return pos, _Atom(wk.end(), True)
    before = text[max(floor, pos - 30):pos]
    o = pat.opener_before.search(before)
    word = m.group()
    if (before.endswith(("the ", "The ")) and (the := THE_BEFORE.search(before)) is not None
            and (tail := THE_PERIOD_TAIL.match(text, m.end(), limit)) is not None):
        # `the week after next`, `the year to date`, `the day before.`: a period told from another
        return pos - (len(before) - the.start()), _Atom(tail.end(), True)
    if o is None:
        if word in ("weekend", "weekends", "fortnight") or text.startswith("fiscal year", pos - 7):
            return pos, _Atom(m.end(), True)
        if FOR_THE.search(before) and word in (
                "day", "month", "year", "week", "weekend", "fortnight"):
            return pos - 4, _Atom(m.end(), True)
        return None
    start = pos - (len(before) - o.start())
    if o.group().strip() == "in the" and word not in ("morning", "afternoon", "evening", "night"):
        return None
    end = m.end()
    after = PERIOD_TAIL.match(text, end, limit)
    if after:
        end = after.end()
    return start, _Atom(end, True)


def _duration_at(text: str, pos: int, limit: int, floor: int, pat: Calendar, memo: WordsMemo) -> tuple[int, _Atom] | None:
    """A duration anchored in time: `in 5 minutes`, `3 weeks later`, `2 weeks before May 13`."""
    end = _duration_end(text, pos, limit, pat, memo)
    if end is None:
        return None
    start = pos
    while True:  # "2 years 1 month 21 days later"
        nxt = DURATION_NEXT.match(text, end, limit)
        if nxt is None:
            break
        e2 = _duration_end(text, nxt.end(), limit, pat, memo)
        if e2 is None:
            break
        end = e2
    b = pat.duration_before.search(text[max(floor, start - 20):start])
    a = pat.duration_after.match(text, end, limit)
    if b is None and a is None:
        return None
    if a is not None and a.group().strip() in ("later", "ago", "earlier", "hence"):
        end = a.end()
    elif b is not None:
        start = start - (min(start, 20) - b.start()) if start - 20 >= floor else floor + b.start()
    return start, _Atom(end, True)


def _duration_end(text: str, pos: int, limit: int, pat: Calendar, memo: WordsMemo) -> int | None:
    if text.startswith(("a ", "an "), pos):
        n_end = pos + (1 if text[pos + 1] == " " else 2)
    elif text.startswith("half an hour", pos):
        return pos + 12
    else:
        m = DURATION_NUMBER.match(text, pos, limit)
        if m is not None:
            n_end = m.end()
        else:
            n = _words_at(text, pos, pat, memo)
            if n is None or n.ordinal or n.fraction:
                return None
            n_end = n.end
    u = DURATION_UNIT.match(text, n_end, limit)
    return u.end() if u else None


def _holiday_at(text: str, pos: int, limit: int, pat: Calendar) -> _Atom | None:
    m = pat.holiday.match(text, pos, limit)
    return _Atom(m.end(), True) if m else None


def _ordinal_day_at(text: str, pos: int, limit: int, floor: int, pat: Calendar, memo: WordsMemo) -> _Atom | None:
    """`on the 18th`, `the 15th day of next month`, `the thirty-first day of the month`."""
    m = ORDINAL_DAY.match(text, pos, limit)
    end = None
    if m is not None:
        end = m.end()
    else:
        n = _words_at(text, pos, pat, memo)
        if n is not None and n.ordinal and n.value <= 31:
            end = n.end
    if end is None:
        return None
    dm = DAY_OF.match(text, end, limit)
    if dm is not None:
        return _Atom(dm.end(), True)
    if ON_THE.search(text[max(floor, pos - 7):pos]) and not text[end:end + 1].isalpha():
        nxt = ORDINAL_DAY_NEXT.match(text, end, limit)
        if nxt is None:
            return _Atom(end, True)
    return None


def _short_decade_at(text: str, pos: int, limit: int, floor: int) -> tuple[int, _Atom] | None:
    """`'80s` (from its apostrophe): the 1980s; `'00s` and `'10s` are this century's."""
    m = SHORT_DECADE.match(text, pos, limit)
    if m is None or pos == floor or text[pos - 1] not in "'\u2019" or (pos - 2 >= floor and text[pos - 2].isalnum()):
        return None
    d = int(m.group("d"))
    return pos - 1, _Atom(m.end(), True, kind="year", year=(2000 if d < 20 else 1900) + d)


def _clock_at(text: str, pos: int, limit: int, pat: Calendar) -> _Atom | None:
    """`half past seven`, `quarter to nine`, `20 minutes past 8`: a time of day told by the hour.
    A bare number before `to`/`before` is no time (`ten to twelve` is a range), nor is a phrase whose
    hour a noun follows (`half past two decades` cannot occur, `ten past seven years` should not read)."""
    m = pat.clock.match(text, pos, limit)
    if m is None:
        return None
    if m.group("n") and not m.group("min") and m.group("rel") in ("to", "before", "after"):
        return None
    if m.group("frac") and (PERIOD_DETERMINER.search(text, max(0, pos - 12), pos) or text[pos - 1:pos] == "-"):
        return None  # "the fourth quarter to 5, from 3": the quarter of a year
    nxt = WORD_RUN.match(text, m.end() + 1, limit) if text[m.end():m.end() + 1] == " " else None
    if nxt is not None and nxt.group() not in pat.clock_after and nxt.group().islower():
        return None
    t = pat.time_words.match(text, m.end(), limit)
    return _Atom(t.end() if t else m.end(), True)


def _decade_at(text: str, pos: int, limit: int, floor: int, pat: Calendar) -> tuple[int, _Atom] | None:
    """`the nineties`, `the late Eighties` (from `the`): the decade as a year, like `the 1990s`."""
    w = WORD_RUN.match(text, pos, limit)
    if w is None or w.group() not in pat.decades:
        return None
    b = pat.decade_before.search(text, max(floor, pos - 10), pos)
    if b is None:
        return None
    return b.start(), _Atom(w.end(), True, kind="year", year=pat.decades[w.group()])


def _atom(text: str, pos: int, limit: int, floor: int, ctx: bool | None, pat: Calendar, memo: WordsMemo) -> tuple[int, _Atom] | None:
    """The date atom that starts at `pos` (the start may move back over an opener), or None."""
    ch = text[pos]
    if ch.isdigit():
        if (dec := _short_decade_at(text, pos, limit, floor)) is not None:
            return dec
        d_end = pos + 2 if text[pos + 1:pos + 2].isdigit() else pos + 1
        if text.startswith(CLOCK_GUARD, d_end) and (c := _clock_at(text, pos, limit, pat)) is not None:
            return pos, c
        a = _numeric_at(text, pos, limit, ctx is True) or _time_at(text, pos, limit)
        if a is not None:
            return pos, a
        a = _day_month_at(text, pos, limit, pat, memo) or _year_at(text, pos, limit, floor, pat)
        if a is not None:
            return pos, a
        d = _duration_at(text, pos, limit, floor, pat, memo)
        if d is not None:
            return d
        a = _ordinal_day_at(text, pos, limit, floor, pat, memo)
        return (pos, a) if a is not None else None
    if not ch.isalpha():
        if not pat.nonletter_start:
            return None
        kinds = MONTH | WEEKDAY | RELATIVE | HOLIDAY | PERIOD
        word = ""
    else:
        w = WORD_RUN.match(text, pos)
        word = w.group() if w is not None else ""
        kinds = pat.first_words.get(word, 0)
        if not kinds:
            return None  # no atom opens with this word: skip the dozen readers below
    # each reader runs only where its lexicon has a phrase opening with this word
    a = _month_at(text, pos, limit, pat, memo, ctx, floor) if kinds & MONTH else None
    if a is None and kinds & WEEKDAY:
        a = _weekday_at(text, pos, limit, pat, memo, ctx, floor)
    if a is None and kinds & RELATIVE:
        a = _relative_at(text, pos, limit, pat)
    if a is None and kinds & HOLIDAY:
        a = _holiday_at(text, pos, limit, pat)
    if a is not None:
        if word == "now" and text.endswith(("right ", "Right "), max(floor, pos - 6), pos) and not (
                pos - 7 >= floor and text[pos - 7].isalpha()):
            return pos - 6, a  # `right now`: the adverb is part of the phrase
        return pos, a
    if kinds & PERIOD:
        p = _period_at(text, pos, limit, pat, floor)
        if p is not None:
            return p
    if kinds & DECADE and (dec := _decade_at(text, pos, limit, floor, pat)) is not None:
        return dec
    if ch.isalpha():
        number = bool(kinds & NUMBER)
        if number and word in CLOCK_WORDS and (c := _clock_at(text, pos, limit, pat)) is not None:
            return (pos - 2, c) if A_BEFORE.search(text, max(floor, pos - 2), pos) else (pos, c)
        if number:
            a = _day_month_at(text, pos, limit, pat, memo)
            if a is not None:
                return pos, a
            d = _duration_at(text, pos, limit, floor, pat, memo)
            if d is not None:
                return d
            a = _ordinal_day_at(text, pos, limit, floor, pat, memo)
            if a is not None:
                return pos, a
        if kinds & OPENER and text.startswith(pat.scan_openers, pos):
            sp = text.index(" ", pos)
            for _ in range(3):
                nxt = sp + 1
                p2 = _period_at(text, nxt, limit, pat, pos)
                if p2 is not None and p2[0] == pos:
                    return p2
                wd = _weekday_at(text, nxt, limit, pat, memo, True)
                if wd is not None:
                    return pos, wd
                sp2 = text.find(" ", nxt, limit)
                if sp2 < 0:
                    break
                sp = sp2
        wy = WORD_YEAR.match(text, pos, limit) if number else None
        if wy is not None and WORD_YEAR_BEFORE.search(text[max(floor, pos - 7):pos]):
            return pos, _Atom(wy.end(), True, kind="year")
    return None


def _atom_at(text: str, pos: int, limit: int, floor: int, pat: Calendar, memo: WordsMemo) -> bool:
    """Whether a date atom starts exactly at `pos` (not one whose opener lies before it)."""
    a = _atom(text, pos, limit, floor, True, pat, memo)
    return a is not None and a[0] == pos


def _weak_at(text: str, pos: int, limit: int, pat: Calendar, memo: WordsMemo) -> int | None:
    """A bare hour or day number that belongs to a neighbouring date (`from 10 to 11:30`, `Monday 6-8`)."""
    if text[pos].isdecimal():
        m = WEAK.match(text, pos, limit)
        if m is not None and 0 <= int(m.group("n").split(":")[0]) <= 31:
            return m.end()
    n = _words_at(text, pos, pat, memo)
    if n is not None and not n.fraction and 0 < n.value <= 31:
        t = pat.time_words.match(text, n.end, limit)
        return t.end() if t else n.end
    return None


def _has_context(text: str, pos: int, floor: int, pat: Calendar) -> bool:
    """A date-opening word right before `pos` (`in May`, `since Monday`): needed only for ambiguous words."""
    before = text[max(floor, pos - 24):pos]
    return pat.prefix_before.search(before) is not None or CONTEXT_BEFORE.search(before) is not None


def date_at(text: str, pos: int, floor: int, limit: int, published: date | None, pat: Calendar) -> DateSpan | None:
    """The date phrase that starts at (or just before) `pos`, within [floor, limit), or None.

    Args:
        text: the article's text.
        pos: where a trigger was found (a digit, a month, weekday or number word ...).
        floor, limit: the block the phrase must stay in (`floor` bounds the look-back for an opener).
        published: the publication date, against which weekdays and relative days resolve.
        pat: the calendar lexicon (`FigureLexicon.calendar`).

    Returns:
        The phrase's span, kind (`date` or `year`) and ISO 8601 form, or None when no date starts there.
    """
    memo: WordsMemo = {}
    found = _atom(text, pos, limit, floor, None, pat, memo)
    weak_start = False
    if found is None:
        # a bare hour or day that a strong atom follows: "five to seven today", "between 3 and 8 yesterday"
        w = _weak_at(text, pos, limit, pat, memo)
        if w is None or text.endswith(SIGN_WORDS, max(floor, pos - 9), pos):
            return None  # `minus five today`: a signed number is no hour
        found = (pos, _Atom(w, False))
        weak_start = True
    start, first = found
    atoms = [first]
    end = first.end
    strong = first.strong  # any strong atom yet
    # the opener before the date (`between`, `since`, `early`) is read only when needed
    before = text[max(floor, pos - 24):pos]
    pre: re.Match[str] | None = None
    pre_read = False  # `pre` is read only when needed
    for _ in range(MAX_CHAIN):
        if weak_start and not strong and len(atoms) >= MAX_WEAK_RUN:
            break  # `21-22-23-24…`: bare numbers that no date word anchors
        j = pat.join.match(text, end, limit)
        if j is None or j.end() >= limit:
            break
        nxt_pos = j.end()
        join = j.lastgroup  # comma | range | prep | paren | space
        if join == "range" and j.group("range") == " - " and len(atoms) == 1 and first.named and _dateline(text, start, floor):
            break  # `BRUSSELS, April 8 - 1986 Year`: the dateline's date, then the story
        if join == "paren" and (weak_start or not strong):
            break  # `the first (Jan. 21-26)`, `6-7 (3/7)`: only a date is restated in brackets
        if join == "range" and "and" in j.group("range") and not weak_start:
            if not pre_read:
                pre, pre_read = _opener(before, pat), True
            if pre is None or pre.group().strip().lower() != "between":
                break
        nxt = _atom(text, nxt_pos, limit, floor, True, pat, memo)
        if nxt is None and join == "range" and (rm := pat.range_end.match(text, nxt_pos, limit)) is not None:
            nxt_pos = rm.end()  # "from April until the end of June": the second end has its own modifier
            nxt = _atom(text, nxt_pos, limit, floor, True, pat, memo)
        if nxt is not None and nxt[0] != nxt_pos:
            nxt = None
        if nxt is not None:
            a = nxt[1]
            if join == "paren":
                if text[a.end:a.end + 1] != ")" or a.end + 1 > limit:
                    break
                a.end += 1
            if join == "comma" and (a.named or (a.kind == "date" and a.year is None and a.month is None
                                    and a.offset is None and not TIME.match(text, nxt_pos, limit))):
                break
            atoms.append(a)
            end = a.end
            strong = strong or a.strong
            continue
        if join in ("range", "space") or (join == "prep" and j.group("prep") in ("at", "from", "around")):
            w = _weak_at(text, nxt_pos, limit, pat, memo)
            if w is not None and (w >= limit or not text[w:w + 2].strip(" ")[:1].isalpha()
                                  or pat.time_words.match(text, w, limit) or WEAK_TO_TIME.match(text, w, limit)
                                  # `from 8am-3 yesterday afternoon`: an hour between a time and a day
                                  or (strong and text[nxt_pos].isdigit() and text[w:w + 1] == " " and w + 1 < limit
                                      and _atom_at(text, w + 1, limit, floor, pat, memo))):
                end = w
                atoms.append(_Atom(w, False))
                continue
        break
    if not strong:
        return None
    if weak_start and len(atoms) < 2:
        return None
    tail = AFTER_LATER.match(text, end, limit)
    if tail is not None:
        end = tail.end()
    if not pre_read:
        pre = _opener(before, pat)
    if pre is not None and (not weak_start or len(atoms) > 1):
        start = min(start, max(floor, pos - (len(before) - pre.start())))
    kind = "year" if all(a.kind == "year" for a in atoms if a.strong) else "date"
    return DateSpan(start, end, kind, _normalize(atoms, published))


def _opener(before: str, pat: Calendar) -> re.Match[str] | None:
    """The word that opens the date phrase ending `before`; `between` or `from` before a modifier
    (`between the end of 2007`) opens it rather than the modifier."""
    pre = pat.prefix_before.search(before)
    if pre is not None and pre.start() > 0 and pre.group().strip().lower() not in ("between", "from"):
        outer = pat.prefix_before.search(before, 0, pre.start())
        if outer is not None and outer.group().strip().lower() in ("between", "from"):
            return outer
    return pre


def _dated(a: _Atom) -> bool:
    """Whether the atom says which day, month or year it is."""
    return a.year is not None or a.month is not None or a.weekday is not None or a.offset is not None


def _normalize(atoms: list[_Atom], published: date | None) -> str | None:
    """ISO 8601 for the first atom, partial when the year or date is unknown."""
    i = 0
    if not _dated(atoms[0]) and atoms[0].strong:
        # `midnight on March 26`, `at 7 PM tomorrow`: the time of day says no date; the atom after it
        # may (not after a bare number: `Six in 2000`; `15-30/4` is a range of days, not the 30th)
        i = next((j for j in range(1, len(atoms)) if _dated(atoms[j])), 0)
    a = atoms[i]
    if a.year_high is not None:
        return f"{a.year:04d}/{a.year_high:04d}"
    if len(atoms) > i + 1 and a.kind == "year" and atoms[i + 1].kind == "year" and atoms[i + 1].year:
        return f"{a.year}/{atoms[i + 1].year}"
    if a.weekday is not None and a.day is None:
        if published is None:
            return f"XXXX-WXX-{a.weekday}"
        delta = (published.isoweekday() - a.weekday) % 7
        return (published - timedelta(days=delta)).isoformat()
    if a.offset is not None:
        return (published + timedelta(days=a.offset)).isoformat() if published else None
    if a.month is not None and a.day is not None:
        y = f"{a.year:04d}" if a.year else "XXXX"
        return f"{y}-{a.month:02d}-{a.day:02d}"
    if a.month is not None:
        return f"{a.year:04d}-{a.month:02d}" if a.year else f"XXXX-{a.month:02d}"
    if a.year is not None:
        return f"{a.year:04d}"
    return None
