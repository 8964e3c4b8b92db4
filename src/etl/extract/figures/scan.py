"""Extract the figures of an article: counts, money, percentages, ranges, tallies, ordinals, dates,
years and measures, each with its exact span, value, unit and what it counts.

Hand-written rather than quantulum3 or Recognizers-Text: one pass of compiled patterns anchored on
cheap triggers (digits and a case-sensitive, prefix-factored alternation of number, month and
weekday words) runs a few hundred times faster (README, Benchmark), and it keeps `Feb. 25, 2022` one date and `141-5` one tally
where those libraries split them into counts. Weekdays resolve against `published_at` when it is
given, else stay partial (`XXXX-WXX-3`). The readers live in the sibling modules: `numbers`,
`dates`, `quantities` (currency, percent, unit), `ranges` (ranges and tallies), `subjects`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date

from etl.extract.figures.dates import DateSpan, date_at
from etl.extract.figures.lexicon import FigureLexicon, figure_lexicon
from etl.extract.figures.quantities import Quantity, quantity, read_number
from etl.extract.figures.ranges import range_figure
from etl.extract.figures.subjects import ANY_WORD, counted, measured_subject, money_subject, ordinal_figure
from etl.records import CONTENT_KINDS, Figure, Section

URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|html?|php|aspx?|pdf|jpe?g|png|gif|xlsx?|docx?|csv|txt|zip|"
                    r"mp[34]|io|co\.uk)(?![A-Za-z])|[A-Za-z]_|_[A-Za-z\d]")
# Matches wherever URLISH matches in a token of the block (and more): one search per block saves
# cutting out the token around every trigger of a block that has no URL, address or file name.
URL_HINT = re.compile(r"://|@|_|\.(?:com|org|net|gov|edu|html?|php|aspx?|pdf|jpe?g|png|gif|xlsx?|docx?|csv|txt|zip|"
                      r"mp[34]|io|co\.uk)|\.(?<=www\.)")
ISO_IN_TOKEN = re.compile(r"(?<!\d)(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)")
GLUED_ID = re.compile(r"[A-Za-z][A-Za-z]?-?\Z")
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
NONSPACE = re.compile(r"\S*")
OVER = re.compile(r"[ ]+(?:over|out[ ]of)[ ]+")
WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ]\Z")
# `Q3 2024` (the Q is read from before the trigger) and `20240315`: dates the date reader does not know.
QUARTER = re.compile(r"(?P<q>[1-4])(?:[ -]?(?P<y>(?:19|20)\d\d)(?![\d,.]?\d)|(?![A-Za-z\d]|[.,]\d))")
# The word before a bare `Q3` (no year): a capitalised one makes it a model name (`Audi Q3`).
CAPITAL_WORD_BEFORE = re.compile(r"[A-Z][A-Za-z]*[ ]\Z")
YYYYMMDD = re.compile(r"(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d,.]?\d|[A-Za-z])")
QUARTERS_OPENER = re.compile(r"(?<![A-Za-z])(?:past|last|next|previous|coming|first|final|consecutive|straight|Past|Last|Next|The[ ]past|"
                             r"The[ ]last|The[ ]next)[ ]\Z")
PHONE = re.compile(
    r"(?:\d{3}(?:\)[ ]?|[-.])\d{3}[-.]\d{4}|0\d{2,4}[ ]\d{3,4}[ ]\d{3,4}|(?P<local>\d{3}-\d{4}))(?![\d-])"
)
PHONE_CUE = re.compile(r"(?<![A-Za-z])(?:call|calling|phone|telephone|tel|Tel|fax|dial|hotline|number|line|on)[.:]?[ ](?:\(?\d{3}\)?[ ])?\Z")
# `the 15th century`, `21st-century`: a date (ISO 8601 century `14`), not a rank.
CENTURY = re.compile(r"(?:[ ]{1,2}|-)(?:century|centuries)(?![A-Za-z])(?P<bc>[ ](?:BC|BCE|B\.C\.))?")
WORD_AT = re.compile(r"[a-z]+")
ONE_BEFORE = re.compile(r"(?<![A-Za-z])(?:an?|An?)[ ]\Z")
PRICE_BEFORE = re.compile(r"(?P<w>\S+)[ ](?:an?)[ ]\Z")
# A word in capitals, and a lower-case letter: a line with two of the first and none of the second is capitalised.
CAPS_WORD = re.compile(r"[A-Z]{2,}")
LOWER = re.compile(r"[a-z]")
# Longer capitalised lines are tables (`OATS OPEN P SETT MAY7 752A`), read as written; headlines are shorter.
CAPS_LINE_MAX = 120
SUBJECT_REACH = 300  # characters either side of a figure where its subject is looked for in the text as written
# How far back (characters) a currency sign before a number is looked for.
_CURRENCY_REACH = 8


def extract_figures(text: str, sections: Sequence[Section], published_at: date | None = None) -> list[Figure]:
    """Every figure in the content sections of `text`, in text order.

    Args:
        text: the article's normalised text.
        sections: its sections from `split_sections`; only `CONTENT_KINDS` are read.
        published_at: the publication date, against which weekdays and relative days resolve.

    Returns:
        One `Figure` per number that carries meaning: `text[f.char_start:f.char_end] == f.text`.
    """
    lex = figure_lexicon()
    out: list[Figure] = []
    budget = [MAX_READS_PER_ARTICLE]
    for sec in sections:
        if sec.kind in CONTENT_KINDS:
            out.extend(_scan(text, sec.char_start, sec.char_end, published_at, budget, lex))
    out.sort(key=lambda f: f.char_start)
    return out


def _trigger_positions(text: str, start: int, end: int, lex: FigureLexicon) -> Iterator[int]:
    """Where a figure may start, lazily: a scan that stops early never reads the rest of the block."""
    # (group `w` is the word after its opening character; it starts at -1 when a digit or fraction matched)
    scan_from = start - 1 if start > 0 else start
    if start == 0:
        m = lex.trigger.match(" " + text[: min(end, 40)], 0)
        if m is not None and not text[0].isdigit() and m.start("w") >= 0:
            yield 0
    for m in lex.trigger.finditer(text, scan_from, end):
        p = m.start("w")
        if p < 0:
            p = m.start()
        if p >= start:
            yield p


def _is_prose(text: str, start: int, end: int) -> bool:
    """False for a long block whose sampled head and tail are mostly digits and punctuation."""
    if end - start <= PROSE_CHECK_CHARS:
        return True
    half = PROSE_CHECK_CHARS // 2
    letters = len(LETTER.findall(text, start, start + half)) + len(LETTER.findall(text, end - half, end))
    return letters >= MIN_LETTER_SHARE * PROSE_CHECK_CHARS


def _scan(text: str, start: int, end: int, published: date | None, budget: list[int], lex: FigureLexicon) -> list[Figure]:
    """The figures of one block, reading at most `READS_BASE + length / CHARS_PER_READ` triggers of it
    (and of `budget`, what the article has left): prose never comes near, while a block of number
    words, month names or digit chains stops there instead of costing seconds per megabyte.

    A line written all in capitals (a newswire headline: `36.7 MLN DLRS`, `12 PCT`, `JAN 31`) is read
    as its lower-case form, so that it gives what the same words give in running text."""
    if not _is_prose(text, start, end):
        return []
    view = _caps_lines_lowered(text, start, end, lex)
    if view is None:
        return _scan_view(text, start, end, published, budget, lex)
    # An ordinal in words opening a capitalised phrase is mostly a name (`FIRST UNION CORP`): not read there, as before.
    return [_from_view(f, text, view) for f in _scan_view(view, start, end, published, budget, lex)
            if not (f.kind == "ordinal" and view[f.char_start].isalpha() and text[f.char_start].isupper())]


def _caps_lines_lowered(text: str, start: int, end: int, lex: FigureLexicon) -> str | None:
    """`text` with the capitalised lines of the block lowered (same length), or None if it has none.

    Lowering the line rather than matching every word list in any case keeps `US`, `IN`, `PCT` in
    mixed-case prose as they are; currency codes (`DKK`) and upper-case unit forms (`MW`) and single
    letters (`U.S.`, `5 C`) keep their case, as the word lists hold them so."""
    # (line by line, cheapest test first: a long line is never read, prose has a lower-case letter
    # within its first few characters; a search of the whole block for capitals cost more than that)
    parts: list[str] = []
    last = start
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if stop - pos <= CAPS_LINE_MAX and LOWER.search(text, pos, stop) is None and len(CAPS_WORD.findall(text, pos, stop)) >= 2:
            parts.append(text[last:pos])
            parts.append(CAPS_WORD.sub(lambda m: m.group() if m.group() in lex.upper_forms else m.group().lower(), text[pos:stop]))
            last = stop
        pos = stop + 1
    if not parts:
        return None
    return text[:start] + "".join(parts) + text[last:]


def _from_view(f: Figure, text: str, view: str) -> Figure:
    """A figure read on the lowered view, with its text (and subject, where found there) as written."""
    subject = f.subject
    if subject is not None:
        lo = max(0, f.char_start - SUBJECT_REACH)
        at = view.find(subject, lo, f.char_end + SUBJECT_REACH)
        if at >= 0:
            subject = text[at:at + len(subject)]
        else:  # a subject joined from words apart (`YUGOSLAV 1990 STEEL OUTPUT`): each word as written
            written = []
            for w in subject.split(" "):
                at = view.find(w, lo, f.char_end + SUBJECT_REACH)
                written.append(text[at:at + len(w)] if at >= 0 else w)
                lo = at + len(w) if at >= 0 else lo
            subject = " ".join(written)
    return replace(f, text=text[f.char_start:f.char_end], subject=subject)


def _scan_view(text: str, start: int, end: int, published: date | None, budget: list[int], lex: FigureLexicon) -> list[Figure]:
    """The figures of one block of `text` (the article, or its view with capitalised lines lowered)."""
    figs: list[Figure] = []
    pos = start
    maybe_url = URL_HINT.search(text, start, end) is not None
    reads = min(budget[0], READS_BASE + (end - start) // CHARS_PER_READ)
    left = reads
    for t in _trigger_positions(text, start, end, lex):
        if t < pos:
            continue
        if left <= 0:
            break
        left -= 1
        skip = _inside_token(text, t, start, end, maybe_url, lex)
        if skip is not None:
            # an ISO date in a file name or URL (`sales_report-2002-10-09.xlsx`) is still a date
            figs.extend(Figure(kind="date", text=m.group(), char_start=m.start(), char_end=m.end(), normalized=m.group())
                        for m in ISO_IN_TOKEN.finditer(text, t, skip))
            pos = skip
            continue
        if text[t].isdigit() and (phone := _phone_end(text, t, pos, end)) is not None:
            pos = phone  # a phone number: neither a range nor counts
            continue
        fig = _figure_at(text, t, pos, end, published, figs, lex)
        if fig is not None:
            figs.append(fig)
            pos = fig.char_end
    budget[0] -= reads - left
    return figs


def _inside_token(text: str, t: int, floor: int, limit: int, maybe_url: bool, lex: FigureLexicon) -> int | None:
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
            if word in lex.id_prefixes or word in lex.cur_prefix or word.lower() in ("usd", "mar", "cy", "fy", "week", "w") or g is None:
                return None
            e = t
            while e < limit and (text[e].isalnum() or text[e] in "-/."):
                e += 1
            return e
    return None


def _compact_date(text: str, t: int, floor: int, limit: int) -> Figure | None:
    """A quarter or half (`Q3 2024` -> 2024-Q3, `Q1`, `H1 2020`) or a compact date (`20240315` -> 2024-03-15) at trigger `t`."""
    if t > floor and text[t - 1] in "qQH" and (t - 1 == floor or not text[t - 2].isalnum()):
        m = QUARTER.match(text, t, limit)
        half = text[t - 1] == "H"
        if m is not None and (m.group("y") or not half) and (not half or m.group("q") in "12") and (
                m.group("y") or CAPITAL_WORD_BEFORE.search(text, max(floor, t - 20), t - 1) is None):
            # `Q3 2024` -> 2024-Q3, `H1 2020` -> 2020-H1 (a half: not ISO 8601, but the reader's
            # notation), a bare `Q3` -> XXXX-Q3; a bare `H2` is as often hydrogen
            return Figure(kind="date", text=text[t - 1:m.end()], char_start=t - 1, char_end=m.end(),
                          normalized=f"{m.group('y') or 'XXXX'}-{'H' if half else 'Q'}{m.group('q')}")
    if t == floor or not (text[t - 1].isalnum() or text[t - 1] in ".,$€£#/-"):
        m = YYYYMMDD.match(text, t, limit)
        if m is not None:
            return Figure(kind="date", text=m.group(), char_start=t, char_end=m.end(),
                          normalized=f"{m.group('y')}-{m.group('m')}-{m.group('d')}")
    return None


def _phone_end(text: str, t: int, floor: int, limit: int) -> int | None:
    """End of a phone number starting at `t` (`(555) 123-4567`, `555-123-4567`, `020 7946 0958`,
    `555-1234` after `call`/`phone`/`tel`), else None: its parts are neither a range nor counts."""
    if t > floor and (text[t - 1].isalnum() or text[t - 1] in "-.$€£"):
        return None
    m = PHONE.match(text, t, limit)
    if m is None:
        return None
    if m.group("local") and PHONE_CUE.search(text, max(floor, t - 24), t) is None:
        return None
    return m.end()


def _figure_at(text: str, t: int, floor: int, limit: int, published: date | None,
               prev: list[Figure], lex: FigureLexicon) -> Figure | None:
    """The figure that starts at trigger `t`: a date if one starts there (and no currency is before it), else a quantity."""
    if text[t] in "1234" and (c := _compact_date(text, t, floor, limit)) is not None:
        return c
    d = date_at(text, t, floor, limit, published, lex.calendar)
    if d is not None and not _money_before(text, t, floor, lex):
        return _date_figure(text, d)
    q = quantity(text, t, floor, limit, lex)
    if q is None:
        # (`a `/`an ` right before: a cheap test before reading the word)
        return _one_unit(text, t, floor, limit, lex) if text.endswith(("a ", "an ", "A ", "An "), floor, t) else None
    if q.kind == "ordinal" and 1 <= q.value <= 30 and (cent := CENTURY.match(text, q.end, limit)) is not None:
        return Figure(kind="date", text=text[q.start:cent.end()], char_start=q.start, char_end=cent.end(),
                      normalized=None if cent.group("bc") else f"{int(q.value) - 1:02d}")
    if q.num is not None and q.num.fraction and text.endswith("quarters", q.start, q.end):
        o = QUARTERS_OPENER.search(text, max(floor, q.start - 16), q.start)
        if o is not None:  # "the past two quarters": a period, not 0.5
            return Figure(kind="date", text=text[o.start():q.end], char_start=o.start(), char_end=q.end)
    return _classify(text, q, floor, limit, prev, lex)


def _one_unit(text: str, t: int, floor: int, limit: int, lex: FigureLexicon) -> Figure | None:
    """`a kilogram of flour`, `a metre long`, `a mile away`: one unit, with `a`/`an` as the number.
    Only with a measure's word after it, and not as a price's unit (`$5 a gallon of`)."""
    w = WORD_AT.match(text, t, limit)
    if w is None or w.group() not in lex.one_units or lex.one_unit_after.match(text, w.end(), limit) is None:
        return None
    a = ONE_BEFORE.search(text, max(floor, t - 3), t)
    p = PRICE_BEFORE.search(text, max(0, t - 24), t)  # read back past the price itself
    before = p.group("w").strip("(),").lower() if p is not None else ""
    if a is None or (p is not None and (any(c.isdigit() for c in before) or before in lex.cur_suffix
                                         or before in lex.minor or before in ("each", "per"))):
        return None
    return Figure(kind="measure", text=text[a.start():w.end()], char_start=a.start(), char_end=w.end(), value=1.0,
                  unit=lex.unit_canon[w.group()])


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


def _money_before(text: str, t: int, floor: int, lex: FigureLexicon) -> bool:
    return text[t].isdigit() and lex.cur_before.search(text[max(floor, t - _CURRENCY_REACH):t]) is not None


def _classify(text: str, q: Quantity, floor: int, limit: int, prev: list[Figure], lex: FigureLexicon) -> Figure | None:
    """Turn a quantity into a figure: a range or tally when a second number follows."""
    r = range_figure(text, q, floor, limit, lex)
    if r is not None:
        return r
    n = q.num
    # `minus one` is a number; `a negative one` (a reaction) is not
    if (q.kind == "count" and n is not None and n.words and not n.scaled and not n.fraction
            and (q.value == 1 or (q.value == -1 and ONE_BEFORE.search(text, max(floor, q.start - 3), q.start) is not None))
            and not _one_is_number(text, q, floor, limit, lex)):
        return None
    if q.kind == "ordinal":
        return ordinal_figure(text, q, limit, lex)
    if q.kind == "count" and n is not None:
        o = OVER.match(text, q.end, limit)
        if o is not None:
            n2 = read_number(text, o.end(), o.end(), limit, lex)
            if (n2 is not None and n2.value and not n2.ordinal and text[o.end()].isalnum()
                    and ("over" in o.group() or q.value <= n2.value)):
                return Figure(kind="count", text=text[q.start:n2.end], char_start=q.start, char_end=n2.end,
                              value=q.value / n2.value)
    unit, subject = q.unit, None
    if q.kind == "count":
        unit, subject = counted(text, q.end, limit, q.value, prev, q.start, lex)
    elif q.kind == "money":
        subject = money_subject(text, q.end, limit, lex)
    if text.endswith("-for-", max(floor, q.start - 5), q.start):
        unit, subject = q.unit, None  # "one-for-two bonus issues": a ratio, not a count of what follows
    elif subject is None and q.kind in ("count", "money", "percent", "measure") and q.unit != "year":
        subject = measured_subject(text, q.start, q.end, floor, limit, q.kind, prev, lex)
    return Figure(kind=q.kind, text=text[q.start:q.end], char_start=q.start, char_end=q.end, value=q.value,
                  unit=unit, subject=subject)


def _one_is_number(text: str, q: Quantity, floor: int, limit: int, lex: FigureLexicon) -> bool:
    """`one` is a pronoun in `one of them`, `that one is`, `the one who`."""
    before = WORD_BEFORE.search(text[max(floor, q.start - 16):q.start])
    if before is not None and before.group(1).lower() in lex.not_before_one:
        return False
    after = ANY_WORD.match(text, q.end, limit)
    if after is None:
        return False
    return after.group("w").lower().strip(".'") not in lex.not_after_one
