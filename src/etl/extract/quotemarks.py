"""Quote marks: which characters open or close a quotation, paired into quoted spans.

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
            return ("d", "close") if not opens and closes else ("d", "open")
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
    for m in QUOTE_MARK.finditer(text, lo, hi):
        fr = _role(text, m.start(), m.end(), lo, hi)
        if fr is not None:
            marks.append(Mark(m.start(), m.end(), fr[0], fr[1]))
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


def pair_doubles(text: str, marks: Sequence[Mark], lo: int, hi: int, continues: bool) -> list[Quoted]:
    """Pair the double marks of one paragraph; `continues` says the next paragraph reopens a quote."""
    out: list[Quoted] = []
    opened: Mark | None = None
    for mk in marks:
        if mk.family != "d":
            continue
        if opened is None:
            if mk.role != "close":
                opened = mk
            continue
        low_nine = text[opened.start] == "\u201e" and text[mk.start] == "\u201c"
        if mk.role == "open" and not low_nine:
            opened = mk  # the earlier opening was stray: this one starts the quotation
            continue
        s, e = _trimmed(text, opened.end, mk.start)
        if s < e:
            out.append(Quoted(s, e, opened.start, mk.end, "d"))
        opened = None
    if opened is not None and continues and opened.start == lo:
        s, e = _trimmed(text, opened.end, hi)
        if s < e:
            out.append(Quoted(s, e, opened.start, None, "d"))
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
    marks = [find_marks(text, lo, hi) for lo, hi in paragraphs]
    out: list[list[Quoted]] = []
    for i, (lo, hi) in enumerate(paragraphs):
        continues = i + 1 < len(paragraphs) and _opens_paragraph(marks[i + 1], text, paragraphs[i + 1][0])
        doubles = pair_doubles(text, marks[i], lo, hi, continues)
        singles = pair_singles(text, marks[i], doubles)
        out.append(sorted([*doubles, *singles], key=lambda q: q.start))
    return out
