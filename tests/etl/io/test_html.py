"""HTML pages: main text extracted (trafilatura), then the same article path as plain text."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from etl.extract.sections import split_sections
from etl.io.html import html_article
from etl.records import Article, Reject
from tests.conftest import SHARED

NOW = datetime(2026, 11, 25, tzinfo=UTC)
PAGES = SHARED / "corpus" / "dev" / "html"


def _readability_paragraphs(name: str) -> list[str]:
    """The main-text paragraphs Readability.js finds in a page (../shared, read not copied)."""
    with (SHARED / "corpus" / "dev" / "readability.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            if case["file"] == f"readability-{name}.txt":
                return [p for p in case["text"].split("\n\n")[1:] if len(p) > 80]
    return []


@pytest.mark.parametrize(
    ("name", "title", "published"),
    [
        ("bbc-1", "Obama admits US gun laws are his 'biggest frustration'", date(2015, 7, 24)),
        ("nytimes-1", "United States to Lift Sudan Sanctions", date(2017, 1, 13)),
        ("cnn", "The 'birth lottery' and economic mobility", date(2016, 2, 1)),
    ],
)
def test_real_page_gives_main_text(name: str, title: str, published: date) -> None:
    path = PAGES / f"{name}.html"
    if not path.exists():
        pytest.skip("../shared/corpus/dev/html is not beside the repository")
    got = html_article(path.read_bytes(), str(path), NOW)
    assert isinstance(got, Article)
    assert got.title == title and got.published_at == published
    assert got.text.startswith(title + "\n\n")
    paragraphs = [s.text for s in split_sections(got.text) if s.kind == "paragraph"]
    expected = _readability_paragraphs(name)[:5]
    assert expected, "readability's main text is missing"
    found = sum(any(e[:60] in p for p in paragraphs) for e in expected)
    assert found >= 4, f"only {found} of readability's first 5 paragraphs found"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_main_text"),
        (b"", "empty"),
    ],
)
def test_page_without_article_is_rejected(html: bytes, reason: str) -> None:
    got = html_article(html, "page.html", NOW)
    assert isinstance(got, Reject) and got.reason == reason


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><head><title>Entity test headline</title></head><body><article>"
        "<p>This paragraph is long enough to be the main text of a page about entities &xxe; and more words here.</p>"
        "<p>A second paragraph with enough words in it to count as article text for the extractor.</p>"
        "</article></body></html>"
    ).encode()
    got = html_article(page, "xxe.html", NOW)
    text = got.text if isinstance(got, Article) else got.detail
    assert "TOP-SECRET-CONTENT" not in text
