"""Quote marks: which characters open or close a quotation, and their pairing into quoted spans.

One pass over the marks of each paragraph, deciding each mark by its neighbours, so an odd mark
costs only its own span (textacy's `direct_quotations` raises on one and loses the article).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

# Every character (or pair) that may open or close a quotation.
QUOTE_MARK = re.compile(
    r"""
      ''|``                          # two apostrophes or backticks as a double mark (NYT style)
    | ["\u201c\u201d\u201e\u00ab\u00bb]  # double: straight, curly open and close, low-9 („), guillemets
    | ['\u2018\u2019\u201a\u2039\u203a]  # single: straight, curly, low-9 (‚), single guillemets
    """,
    re.VERBOSE,
)
# The same marks as one character class, which `re` scans for far faster than an alternation;
# a doubled `'` or a backtick is paired up by `_scan` (a lone backtick is no mark).
_MARK_CHAR = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019\u201a\u2039\u203a`]")


def _scan(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) of each match `QUOTE_MARK` would give in text[lo:hi], by the faster class scan."""
    out: list[tuple[int, int]] = []
    skip = -1
    for m in _MARK_CHAR.finditer(text, lo, hi):
        start = m.start()
        if start == skip:
            continue
        ch = text[start]
        if ch in "'`":
            if start + 1 < hi and text[start + 1] == ch:
                out.append((start, start + 2))
                skip = start + 1
                continue
            if ch == "`":
                continue
        out.append((start, start + 1))
    return out


# Neighbours that stand for "nothing here": a mark after one of these opens, before one closes.
_OPEN_SIDE = frozenset(" \t\n([{\u2014\u2013-/\u00a0\u202a\u201c\u2018\"'\u201e\u00ab")
_CLOSE_SIDE = frozenset(" \t\n.,;:!?)]}\u2014\u2013-/\u00a0\u201d\u2019\"'\u00bb\u2026")
_DOUBLE = frozenset(['"', "''", "``", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"])
# A single mark written for a dropped letter or digits: `'90s`, `rock 'n' roll`, `'em`.
_ELIDED = re.compile(r"['\u2019\u2018](?:\d\d(?:s|\b)|n['\u2019]|em\b|til\b|cause\b|tis\b|twas\b|bout\b|round\b)")
# The longest a single-quoted span may run: single marks are mostly scare quotes and headlines.
_MAX_SINGLE = 400


class Mark(NamedTuple):
    """One quote mark: `family` is d(ouble) or s(ingle); `role` open, close or either."""

    start: int
    end: int
    family: str
    role: str


class Quoted(NamedTuple):
    """A span of text between quote marks, marks excluded and white space trimmed.

    `close_end` is None when the quotation runs on into the next paragraph (only the last
    paragraph of a multi-paragraph quotation closes).
    """

    start: int
    end: int
    open_start: int
    close_end: int | None
    family: str


def _role(text: str, start: int, end: int, lo: int, hi: int) -> tuple[str, str] | None:
    """Family and role of the mark at text[start:end], or None for an apostrophe."""
    mark = text[start:end]
    left = text[start - 1] if start > lo else " "
    right = text[end] if end < hi else " "
    opens, closes = left in _OPEN_SIDE, right in _CLOSE_SIDE
    if mark in _DOUBLE:
        if mark in ("\u201e", "\u00ab", "``"):
            return "d", "open"
        if mark == "\u00bb":
            return "d", "close"
        if mark == "\u201c":
            # an opening curly mark that ends its paragraph closes (`“They see that. “`): nothing follows to quote
            last = closes and (end >= hi or text[end:hi].isspace())
            return ("d", "close") if (not opens and closes) or last else ("d", "open")
        if mark == "\u201d":
            return ("d", "open") if opens and not closes else ("d", "close")
        if opens and not closes:
            return "d", "open"
        if closes and not opens:
            return "d", "close"
        return "d", "either"
    # single marks: apostrophes inside words (hasn't, O'Brien) and elisions ('90s) are no marks
    if left.isalnum() and right.isalnum():
        return None
    if _ELIDED.match(text, start) or (mark in "'\u2019" and text[max(lo, start - 2) : start] in ("'n", "\u2019n")):
        return None
    if mark in ("\u201a", "\u2039"):
        return "s", "open"
    if mark == "\u203a":
        return "s", "close"
    if opens and not closes:
        return "s", "open"
    if closes and not opens:
        return "s", "close"
    return None


def find_marks(text: str, lo: int, hi: int) -> list[Mark]:
    """Every quote mark in text[lo:hi] with its family and role, in text order."""
    marks = []
    for start, end in _scan(text, lo, hi):
        fr = _role(text, start, end, lo, hi)
        if fr is not None:
            marks.append(Mark(start, end, fr[0], fr[1]))
    return marks


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_paragraph(marks: Sequence[Mark], text: str, lo: int) -> bool:
    """True when the paragraph's first character is an opening double mark."""
    return bool(marks) and marks[0].start == lo and marks[0].family == "d" and marks[0].role != "close"


def _turned(text: str, mk: Mark, doubles: Sequence[Mark], i: int) -> bool:
    """True for a closing curly mark that opens: nothing is open and the next double mark closes too
    (`He says,” there are a lot of people who never get listened to.”`, a paragraph opening with `” …`)."""
    return text[mk.start] == "\u201d" and i + 1 < len(doubles) and doubles[i + 1].role == "close"


def pair_doubles(text: str, marks: Sequence[Mark], lo: int, hi: int, continues: bool) -> list[Quoted]:
    """Pair the double marks of one paragraph; `continues` says the next paragraph reopens a quote.

    One level of nesting is read (`“... the “list” are ...”`): the inner pair belongs to the outer
    quotation and comes out on its own only when the outer one never closes.
    """
    out: list[Quoted] = []
    stack: list[Mark] = []  # open marks, at most two deep
    inner: list[Quoted] = []  # quotations inside the open outer one
    doubles = [mk for mk in marks if mk.family == "d"]
    for i, mk in enumerate(doubles):
        if not stack:
            if mk.role != "close" or _turned(text, mk, doubles, i):
                stack.append(mk)
            continue
        low_nine = text[stack[-1].start] == "\u201e" and text[mk.start] == "\u201c"
        if mk.role == "open" and not low_nine:
            if len(stack) == 2:
                out.extend(inner)  # a third opening: the first was stray, what it held stands alone
                inner = []
                stack.pop(0)
            stack.append(mk)
            continue
        opened = stack.pop()
        s, e = _trimmed(text, opened.end, mk.start)
        if s < e:
            (inner if stack else out).append(Quoted(s, e, opened.start, mk.end, "d"))
        if not stack:
            inner = []
    out.extend(inner)  # the outer quotation never closed: its inner pairs are quotations of their own
    if len(stack) == 1 and continues and stack[0].start == lo:
        s, e = _trimmed(text, stack[0].end, hi)
        if s < e:
            out.append(Quoted(s, e, stack[0].start, None, "d"))
    out.sort(key=lambda q: q.start)
    return out


def pair_singles(text: str, marks: Sequence[Mark], doubles: Sequence[Quoted]) -> list[Quoted]:
    """Pair single marks that stand outside double quotations (`'We will fight,' Zelenskyy says`)."""
    inside = [(q.open_start, q.close_end if q.close_end is not None else q.end) for q in doubles]
    out: list[Quoted] = []
    opened: Mark | None = None
    k = 0  # marks and double quotations are both in text order: one pointer walks them together
    for mk in marks:
        if mk.family != "s":
            continue
        while k < len(inside) and inside[k][1] <= mk.start:
            k += 1
        if k < len(inside) and inside[k][0] <= mk.start:
            continue
        if mk.role == "open":
            opened = mk
        elif opened is not None and mk.start - opened.end <= _MAX_SINGLE:
            s, e = _trimmed(text, opened.end, mk.start)
            if s < e:
                out.append(Quoted(s, e, opened.start, mk.end, "s"))
            opened = None
    return out


def quoted_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[list[Quoted]]:
    """The quoted spans of each paragraph (same order as `paragraphs`), marks excluded."""
    marks = _marks_by_paragraph(text, paragraphs)
    out: list[list[Quoted]] = []
    n = len(paragraphs)
    for i, (lo, hi) in enumerate(paragraphs):
        mine = marks[i]
        if not mine:
            out.append([])  # most paragraphs hold no quote mark at all
            continue
        continues = i + 1 < n and _opens_paragraph(marks[i + 1], text, paragraphs[i + 1][0])
        doubles = pair_doubles(text, mine, lo, hi, continues)
        singles = pair_singles(text, mine, doubles) if any(m.family == "s" for m in mine) else []
        out.append(sorted([*doubles, *singles], key=lambda q: q.start) if singles else doubles)
    return out


def _marks_by_paragraph(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[list[Mark]]:
    """`find_marks` of each paragraph, from one scan of the text they span (paragraphs in text order)."""
    out: list[list[Mark]] = [[] for _ in paragraphs]
    if not paragraphs:
        return out
    k = 0
    lo, hi = paragraphs[0]
    for start, end in _scan(text, paragraphs[0][0], paragraphs[-1][1]):
        while start >= hi and k + 1 < len(paragraphs):
            k += 1
            lo, hi = paragraphs[k]
        if start < lo or end > hi:
            continue  # between paragraphs, or a pair of marks cut by the paragraph's end
        fr = _role(text, start, end, lo, hi)
        if fr is not None:
            out[k].append(Mark(start, end, fr[0], fr[1]))
    return out
