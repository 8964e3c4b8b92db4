"""Publication dates as news feeds write them → a calendar date, or None when unreadable.

Formats tried in order, cheapest first (most feed values are one of the first three):
ISO 8601 (`2019-01-03T07:00:02.000Z`), RFC 2822 (`Thu, 26 Feb 1987 15:01:01 +0000`, RSS),
the Reuters-21578 stamp (`26-FEB-1987 15:01:01.79`, with or without trailing desk codes), then python-dateutil's general parser
(`February 26, 1987`, `Feb. 26, 1987 3:01 PM EST`, ...), which costs about 180 µs a value.
dateparser (already installed through trafilatura) also reads other languages and relative
dates, but costs 8 ms to seconds a value here: it is not used. Results are cached by string.

The date is the calendar date as the source wrote it (its own time zone), which is the
date printed on the article and the one that resolves its weekdays.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from dateutil import parser as dateutil_parser

# strptime formats for stamps that neither ISO 8601 nor RFC 2822 covers; %b matches any case.
_FORMATS: tuple[str, ...] = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y")
# A Reuters-21578 stamp at the start of the value: about 50 of the corpus's dates carry desk
# codes or a note after it (`27-MAR-1987 02:17:09.88T C`, `... # date added by S Finch`),
# which strptime refuses; the stamp alone is read. Linear: no nested or overlapping repeats.
_REUTERS_STAMP = re.compile(r"(\d{1,2}-[A-Za-z]{3}-\d{4})(?: (\d\d:\d\d:\d\d)(\.\d{1,6})?)?")
# Two different defaults: a field the value lacks comes out different, so it is detected.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_MAX_CHARS = 80  # longer values are not dates; do not hand them to a general parser


def published_raw(value: object) -> str | None:
    """The raw value as a string to keep in `articles.published_raw` (None when absent or empty)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    return None


@lru_cache(maxsize=65_536)
def parse_published(raw: str) -> date | None:
    """The calendar date a publication-date value names, or None when it cannot be read."""
    text = raw.strip()
    if not text or len(text) > _MAX_CHARS:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text).date()
    except ValueError:
        pass
    if "," in text or text[:3].isalpha():
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    stamp = _REUTERS_STAMP.match(text)
    if stamp is not None:
        try:
            return datetime.strptime(stamp.group(1), "%d-%b-%Y").date()
        except ValueError:
            return None
    return _general(text)


def _general(text: str) -> date | None:
    """python-dateutil's parser, accepting only values that name a year, a month and a day."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names (`EST`): the date is read all the same
        try:
            first, second = (dateutil_parser.parse(text, default=d) for d in _DEFAULTS)
        except (ValueError, OverflowError, TypeError):
            return None
    if first.date() != second.date():
        return None  # a field came from the default: `12`, `March`, `May 2019` are not dates
    return first.date()
