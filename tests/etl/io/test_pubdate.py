"""Publication dates as feeds write them: each format read to its calendar date, or None."""

from __future__ import annotations

import json
from datetime import date

import pytest

from etl.io.pubdate import parse_published, published_raw
from tests.conftest import SHARED

CASES: list[tuple[str, date | None]] = [
    # Reuters-21578, as in ../shared/corpus/dev/reuters.jsonl (`date` of reuters-00001.txt and others)
    ("26-FEB-1987 15:01:01.79", date(1987, 2, 26)),
    ("2-MAR-1987 09:43:47.96", date(1987, 3, 2)),
    ("20-MAR-1987 11:18:50.77", date(1987, 3, 20)),
    ("27-MAR-1987 02:17:09.88T C", date(1987, 3, 27)),  # desk codes after the stamp (53 dev records)
    ("9-APR-1987 02:32:29.01 # date added by S Finch as guesswork", date(1987, 4, 9)),
    ("31-FEB-1987 10:00:00.00E F", None),
    # RFC 2822 (RSS `pubDate`, e-mail): the date as written, in the source's own zone
    ("Thu, 26 Feb 1987 15:01:01 +0000", date(1987, 2, 26)),
    ("Thu, 26 Feb 1987 23:30:00 -0500", date(1987, 2, 26)),
    ("26 Feb 1987 15:01:01 GMT", date(1987, 2, 26)),
    # ISO 8601 in the forms ../shared/corpus/dev/readability.jsonl holds
    ("2016-12-22T10:43:37-08:00", date(2016, 12, 22)),
    ("2019-01-03T07:00:02.000Z", date(2019, 1, 3)),
    ("2017-11-03 03:01:00.000000", date(2017, 11, 3)),
    ("2018-04-05T06:00", date(2018, 4, 5)),
    ("2026-11-20", date(2026, 11, 20)),
    # written forms (python-dateutil)
    ("February 26, 1987", date(1987, 2, 26)),
    ("Feb. 26, 1987 3:01 PM EST", date(1987, 2, 26)),
    ("26 February 1987", date(1987, 2, 26)),
    # not a whole date: unreadable rather than a guess filled in from today
    ("yesterday", None),
    ("12", None),
    ("May 2019", None),
    ("1987", None),
    ("not a date", None),
    ("", None),
    ("x" * 200, None),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_feed_date_formats(raw: str, expected: date | None) -> None:
    assert parse_published(raw) == expected


@pytest.mark.parametrize(("value", "raw"), [(" 2026-11-20 ", "2026-11-20"), ("", None), (None, None), (1700000000, "1700000000"), (True, None), ({"d": 1}, None)])
def test_raw_value_kept_as_text(value: object, raw: str | None) -> None:
    assert published_raw(value) == raw


def test_every_dev_corpus_date_is_read() -> None:
    """All 17,058 Reuters dates and the readability pages' dates (silently null before)."""
    unread = []
    for name in ("reuters.jsonl", "readability.jsonl"):
        path = SHARED / "corpus" / "dev" / name
        if not path.exists():
            pytest.skip("../shared/corpus/dev is not beside the repository")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                raw = published_raw(json.loads(line).get("date"))
                if raw is not None and parse_published(raw) is None:
                    unread.append(raw)
    assert unread == []
