"""HTML pages → article text, with trafilatura (a maintained main-text extractor for news pages).

The text is laid out the way scraped `.txt` articles are: the headline on the first line,
then one block per line with a blank line between blocks, so the same sections, quotes and
figures path applies. trafilatura parses with lxml's HTML parser, which fetches nothing and
resolves no external entities.
"""

from __future__ import annotations

from datetime import datetime

import trafilatura

from etl.ingest import ingest_text
from etl.io.pubdate import parse_published, published_raw
from etl.records import Article, Reject
from etl.text.normalize import DecodeProblem, decode

_MIN_BODY_CHARS = 50  # less than a sentence of body text: a navigation page, not an article


def html_article(data: bytes, source_uri: str, now: datetime) -> Article | Reject:
    """The main text of one HTML page as an `Article`, or a `Reject` when the page has none."""
    decoded = decode(data)
    if isinstance(decoded, DecodeProblem):
        return Reject(source_uri, "ingest", decoded.reason, decoded.detail, now)
    doc = trafilatura.bare_extraction(decoded[0], with_metadata=True, include_comments=False, include_tables=False)
    body = (doc.text or "").strip() if doc is not None else ""
    title = (doc.title or "").strip() if doc is not None else ""
    blocks = [line.strip() for line in body.split("\n") if line.strip()]
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]
    if sum(len(b) for b in blocks[0 if title else 1:]) < _MIN_BODY_CHARS:
        return Reject(source_uri, "ingest", "no_main_text", "No article text was found in this HTML page (only navigation, or an empty page).", now)
    text = "\n\n".join([title or blocks[0], *blocks[0 if title else 1:]]) + "\n"
    raw_date = published_raw(doc.date)
    return ingest_text(text, source_uri, now, allow_html=True, published_at=parse_published(raw_date) if raw_date else None,
                       published_raw=raw_date, url=doc.url, title=title or None)

