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
