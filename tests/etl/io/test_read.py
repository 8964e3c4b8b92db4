"""Listing and reading inputs: .txt, .jsonl (one article per line), problems as rejects."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from etl.io.read import InputRootError, list_inputs, read_input
from etl.records import Article, Reject

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def test_jsonl_lines_become_articles_or_rejects(tmp_path: Path) -> None:
    lines = [
        json.dumps({"file": "a.txt", "text": "Port Reopens\n\nThe port reopened on Monday.", "title": "Port Reopens After Storm",
                    "url": "https://example.com/a", "published_at": "2026-11-23T08:00:00Z"}),
        "{not json",
        json.dumps({"file": "b.txt", "title": "no text field"}),
        "",
        json.dumps({"text": "Second Story\n\nBody of the second story.", "date": "2026-11-20"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    [item] = list_inputs(str(tmp_path))
    got = list(read_input(item, 1_000_000, NOW))
    assert [type(g).__name__ for g in got] == ["Article", "Reject", "Reject", "Article"]
    first, bad_json, no_text, second = got
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source_uri.endswith("feed.jsonl#a.txt") and first.title == "Port Reopens After Storm"
    assert (first.url, first.published_at) == ("https://example.com/a", date(2026, 11, 23))
    assert second.source_uri.endswith("feed.jsonl#L5") and second.published_at == date(2026, 11, 20)
    assert isinstance(bad_json, Reject) and bad_json.reason == "bad_json" and bad_json.source_uri.endswith("#L2")
    assert isinstance(no_text, Reject) and no_text.reason == "no_text"


def test_listing_is_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html", "notes.md", ".hidden.txt"):
        (tmp_path / name).write_text("Headline\n\nBody.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.jsonl").write_text("", encoding="utf-8")
    names = [Path(i.uri).name for i in list_inputs(str(tmp_path))]
    assert names == ["a.txt", "b.txt", "c.html", "d.jsonl"]


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_bad_input_root_raises(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "root"
    if kind == "file":
        root.write_text("x", encoding="utf-8")
    with pytest.raises(InputRootError, match="does not exist" if kind == "missing" else "is a file"):
        list_inputs(str(root))


def _read_jsonl(tmp_path: Path, records: list[object], max_bytes: int = 1_000_000) -> list[Article | Reject]:
    (tmp_path / "feed.jsonl").write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    [item] = list_inputs(str(tmp_path))
    return list(read_input(item, max_bytes, NOW))


def test_jsonl_title_is_the_headline_and_the_text_is_all_body(tmp_path: Path) -> None:
    from etl.extract.sections import split_sections

    body = "The port reopened on Monday after the storm.\n\nShips queued for a day, the harbour master said."
    [got] = _read_jsonl(tmp_path, [{"file": "a.txt", "title": "Port Reopens After Storm", "text": body}])
    assert isinstance(got, Article) and got.title == "Port Reopens After Storm"
    assert got.text.startswith("Port Reopens After Storm\n\nThe port reopened")
    kinds = [(s.kind, s.text[:24]) for s in split_sections(got.text)]
    assert kinds == [("headline", "Port Reopens After Storm"), ("paragraph", "The port reopened on Mon"), ("paragraph", "Ships queued for a day, ")]


def test_jsonl_text_that_opens_with_its_title_is_kept_as_it_is(tmp_path: Path) -> None:
    """As in every line of ../shared/corpus/dev/*.jsonl: the text's first line is the title."""
    text = "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week."
    [got] = _read_jsonl(tmp_path, [{"file": "reuters-00001.txt", "title": "BAHIA COCOA REVIEW", "text": text, "date": "26-FEB-1987 15:01:01.79"}])
    assert isinstance(got, Article) and got.text.rstrip("\n") == text
    assert (got.published_at, got.published_raw) == (date(1987, 2, 26), "26-FEB-1987 15:01:01.79")


def test_unreadable_date_is_kept_raw(tmp_path: Path) -> None:
    [got] = _read_jsonl(tmp_path, [{"text": "Headline\n\nBody.", "date": "sometime last spring"}])
    assert isinstance(got, Article) and (got.published_at, got.published_raw) == (None, "sometime last spring")


def test_jsonl_size_limit_is_per_record(tmp_path: Path) -> None:
    small = {"text": "Small Story\n\nA short body."}
    big = {"text": "Big Story\n\n" + "All work and no play. " * 100}
    records = [small, big, {"text": "Third Story\n\nAnother short body."}]
    got = _read_jsonl(tmp_path, records, max_bytes=500)  # the file is larger than the limit; each small record is not
    assert (tmp_path / "feed.jsonl").stat().st_size > 500
    assert [type(g).__name__ for g in got] == ["Article", "Reject", "Article"]
    reject = got[1]
    assert isinstance(reject, Reject) and reject.reason == "too_large" and reject.source_uri.endswith("feed.jsonl#L2")
    assert "Line 2 has more than 500 bytes" in reject.detail


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 20])
def test_jsonl_lines_read_in_chunks_of_any_size(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    import io

    from etl.io import read

    monkeypatch.setattr(read, "_CHUNK", chunk)
    data = b"first\n\n" + b"x" * 30 + b"\nthird line\n   \nlast without newline"
    got = list(read._lines(io.BytesIO(data), 12))
    assert got == [(1, b"first"), (3, None), (4, b"third line"), (6, None)]
    assert list(read._lines(io.BytesIO(b"a\nbb\n"), 12)) == [(1, b"a"), (2, b"bb")]
    assert list(read._lines(io.BytesIO(b"x" * 40), 12)) == [(1, None)]


def test_html_that_cannot_be_read_on_this_installation_is_a_reject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "etl.io.html", None)  # as when trafilatura fails to import
    (tmp_path / "page.html").write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    [item] = list_inputs(str(tmp_path))
    [got] = list(read_input(item, 1_000_000, NOW))
    assert isinstance(got, Reject) and got.reason == "html_reader_missing" and "pip install" in got.detail
