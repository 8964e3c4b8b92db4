"""Turn one input file's bytes into an `Article`, or a `Reject` that says why not."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from etl import EXTRACTOR_VERSION
from etl.extract.sections import split_headline
from etl.records import Article, Reject
from etl.text.normalize import DecodeProblem, decode, normalize

# HTML saved as text: a document or element tag at the very start, or markup throughout.
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|meta|div|p|script|table|article|\?xml)\b", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|li|ul|td|tr|img|script|style|h[1-6])\b[^<>\n]{0,300}>", re.IGNORECASE)
_HTML_TAGS_PER_KB = 2.0
_MAX_HEADLINE_CHARS = 300
_LETTER = re.compile(r"[^\W\d_]")


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the identity of an article's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(sha256: str) -> str:
    """A stable, short article id derived from the content hash."""
    return sha256[:16]


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or heavily marked up, not article text."""
    if _HTML_START.match(text):
        return True
    n_tags = sum(1 for _ in _HTML_TAG.finditer(text, 0, 200_000))
    return n_tags >= 5 and n_tags >= _HTML_TAGS_PER_KB * min(len(text), 200_000) / 1000


def _reject(uri: str, reason: str, detail: str, now: datetime, sha: str | None = None) -> Reject:
    return Reject(
        source_uri=uri, stage="ingest", reason=reason, detail=detail, rejected_at=now,
        article_id=article_id_for(sha) if sha else None, content_sha256=sha,
    )


def ingest_text(
    text: str,
    source_uri: str,
    now: datetime,
    *,
    allow_html: bool = False,
    published_at: date | None = None,
    url: str | None = None,
    title: str | None = None,
    published_raw: str | None = None,
) -> Article | Reject:
    """Normalise decoded text into an `Article`; reject HTML and text without a headline.

    A `title` given beside the text (a JSONL `title`, an HTML page's title) is the headline:
    when the text does not already open with it, it is put on the first line and the whole
    text is the body. Without one, the first line of the text is the headline.
    """
    text = normalize(text)
    headline_given = " ".join(normalize(title).split()) if title else ""
    if headline_given and text.strip():
        first = text.strip().split("\n", 1)[0].strip()
        if headline_given not in (first, split_headline(first)[0]):
            text = f"{headline_given}\n\n{text.lstrip()}"
    if not text.strip():
        return _reject(source_uri, "empty", "The file holds no text once control characters and white space are removed.", now)
    sha = content_hash(text)
    if not allow_html and looks_like_html(text):
        return _reject(source_uri, "html_as_text", "The file is HTML, not article text: give it a .html name so that its main text is extracted.", now, sha)
    first_line = text.strip().split("\n", 1)[0].strip()
    if len(first_line) > _MAX_HEADLINE_CHARS or not _LETTER.search(first_line):
        return _reject(
            source_uri, "no_headline",
            f"The first line ({len(first_line)} characters: {first_line[:60]!r}) is not a headline: an article starts with its headline on a line of its own.",
            now, sha,
        )
    headline, label = split_headline(first_line)
    return Article(
        article_id=article_id_for(sha), source_uri=source_uri, title=headline_given or headline,
        section_label=label, text=text, content_sha256=sha, ingested_at=now,
        published_at=published_at, url=url, extractor_version=EXTRACTOR_VERSION, published_raw=published_raw,
    )


def ingest_bytes(data: bytes, source_uri: str, now: datetime) -> Article | Reject:
    """Decode and normalise one plain-text file into an `Article`, or say why it cannot be."""
    decoded = decode(data)
    if isinstance(decoded, DecodeProblem):
        return _reject(source_uri, decoded.reason, decoded.detail, now)
    text, _encoding = decoded
    return ingest_text(text, source_uri, now)
