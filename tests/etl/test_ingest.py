"""Ingest: bytes of one file → an Article or a Reject with a reason a person understands."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from etl.ingest import article_id_for, content_hash, ingest_bytes, looks_like_html
from etl.records import Article, Reject

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def test_article_identity_is_content_hash() -> None:
    a = ingest_bytes(b"Headline | World\n\nBody text.\n", "a.txt", NOW)
    b = ingest_bytes(b"Headline | World\r\n\r\nBody text.\r\n", "b.txt", NOW)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.article_id == b.article_id == article_id_for(content_hash(a.text))
    assert (a.title, a.section_label) == ("Headline", "World")
    assert a.text == "Headline | World\n\nBody text.\n"


REJECTED = [
    ("empty", b"", "empty"),
    ("whitespace-only", b"   \n\n  ", "empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("undecodable", "Zelenskyy’s".encode() + b"\xff\xfe", "undecodable"),
    ("html-document", b"<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>", "html_as_text"),
    ("html-fragment", b"<div class='a'>one</div>\n<p>two</p><p>three</p><span>four</span><br><a href='/x'>five</a>", "html_as_text"),
    ("no-headline-digits", b"12345\n\nSome body text here.", "no_headline"),
    ("no-headline-long-first-line", ("word " * 100).encode(), "no_headline"),
]


@pytest.mark.parametrize(("data", "reason"), [c[1:] for c in REJECTED], ids=[c[0] for c in REJECTED])
def test_bad_input_is_rejected_with_reason(data: bytes, reason: str) -> None:
    got = ingest_bytes(data, "bad.txt", NOW)
    assert isinstance(got, Reject)
    assert (got.reason, got.stage, got.source_uri) == (reason, "ingest", "bad.txt")
    assert len(got.detail) > 20


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Use <b> tags sparingly, the editor said.", False),
        ("The vote was 3 < 5 and 7 > 2.", False),
        ("<html><body>x</body></html>", True),
    ],
)
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html
