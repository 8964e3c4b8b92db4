"""Safety of inputs (issue 8, point 6): nothing outside the input root is read, HTML fetches nothing, big files are never read whole."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

import etl.io.read as read_mod
from etl.io.read import InputFile, list_inputs, read_input
from etl.records import Reject
from tests.reliability.driver import run
from tests.reliability.helpers import check_readable

SECRET = "TOP-SECRET-PAYLOAD-7f3a"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the input root holding a file that must never be read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"Secret headline\n\n{SECRET}\n")
    return folder


def _all_text(out: Path) -> str:
    import duckdb

    if not list(out.glob("articles/*.parquet")):
        return ""
    return "\n".join(t for (t,) in duckdb.sql(f"select text from read_parquet('{out}/articles/*.parquet')").fetchall())


def test_links_out_of_the_root_are_not_followed(tmp_path: Path, outside: Path) -> None:
    """A link to a file outside, a relative `..` link, and a linked folder: none is read."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "ok.txt").write_text("Local headline\n\nA local article.\n")
    (root / "abs-link.txt").symlink_to(outside / "secret.txt")
    (root / "rel-link.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    (root / "sub").mkdir()
    (root / "sub" / "deep-link.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    (root / "inside-link.txt").symlink_to(root / "ok.txt")  # inside the root: read (then a duplicate)
    items = {os.path.relpath(i.uri, root): i for i in list_inputs(str(root))}
    assert not any(name.startswith("linked-folder") for name in items), "a linked folder was walked"
    for name in ("abs-link.txt", "rel-link.txt", "sub/deep-link.txt"):
        assert items[name].problem is not None and items[name].problem[0] == "outside_root"
    assert items["inside-link.txt"].problem is None
    out = tmp_path / "out"
    run(str(root), str(out), batch_size=2)
    check_readable(out)
    assert SECRET not in _all_text(out)


def test_a_root_given_with_dotdot_reads_only_its_own_files(tmp_path: Path, outside: Path) -> None:
    """`IN/sub/..` is the root `IN`: its files are read, nothing beside it."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "ok.txt").write_text("Local headline\n\nA local article.\n")
    items = list_inputs(str(root / "sub" / ".."))
    assert [os.path.basename(i.uri) for i in items] == ["ok.txt"]
    assert all(os.path.commonpath([str(root), i.uri]) == str(root) for i in items)


def test_jsonl_file_field_with_dotdot_is_only_a_label(tmp_path: Path, outside: Path) -> None:
    """A JSON line's `file` names the article; it is never opened, `..` or not."""
    root = tmp_path / "in"
    root.mkdir()
    line = '{"file": "../outside/secret.txt", "text": "Label headline\\n\\nOnly this text."}\n'
    (root / "batch.jsonl").write_text(line)
    [article] = list(read_input(list_inputs(str(root))[0], 10_000, NOW))
    assert not isinstance(article, Reject)
    assert SECRET not in article.text and article.text.startswith("Label headline")


class _CountingFile:
    """A file object that counts the bytes handed out."""

    def __init__(self, fh: object, counter: list[int]) -> None:
        self._fh, self._counter = fh, counter

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)  # type: ignore[attr-defined]
        self._counter.append(len(data))
        return data

    def __enter__(self) -> _CountingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()  # type: ignore[attr-defined]


def test_size_limit_stops_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the limit: never opened when the listing knows the size; never more than limit + 1 bytes read otherwise."""
    limit = 1_000
    big = tmp_path / "big.txt"
    big.write_bytes(b"Big headline\n\n" + b"x" * 1_000_000)
    opened: list[str] = []
    counted: list[int] = []
    real_open = read_mod._open_binary

    def open_(uri: str) -> _CountingFile:
        opened.append(uri)
        fh = real_open(uri)
        return _CountingFile(fh.open() if hasattr(fh, "fs") else fh, counted)  # fsspec's OpenFile, or a local file

    monkeypatch.setattr(read_mod, "_open_binary", open_)
    [listed] = list_inputs(str(tmp_path))
    [rej] = list(read_input(listed, limit, NOW))
    assert isinstance(rej, Reject) and rej.reason == "too_large"
    assert opened == [], "a file the listing says is too large was opened"
    [rej] = list(read_input(InputFile(str(big), None), limit, NOW))  # size unknown (some remote listings)
    assert isinstance(rej, Reject) and rej.reason == "too_large"
    assert 0 < sum(counted) <= limit + 1
    [rej] = list(read_input(InputFile(str(big), 10), limit, NOW))  # listing wrong: the file grew after it
    assert isinstance(rej, Reject) and rej.reason == "too_large"
    assert sum(counted) <= 2 * (limit + 1)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any connection or name look-up is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use refused by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def _xxe_page(secret: Path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "http://198.51.100.7/evil.dtd">
]>
<html><head><title>Harbour reopens after storm</title>
<link rel="stylesheet" href="http://198.51.100.7/style.css">
<script src="http://198.51.100.7/x.js"></script></head>
<body><article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Monday after a storm closed it for 12 days, the port authority said.</p>
<p>Entity here: &xxe; and &remote; end.</p>
<img src="http://198.51.100.7/pixel.gif">
<iframe src="file://{secret}"></iframe>
<p>“We are open again,” said Mira Tan, who runs the ferry office, adding that 400 boats had waited.</p>
</article></body></html>""".encode()


def test_html_resolves_no_external_entity_and_fetches_nothing(tmp_path: Path, outside: Path, no_network: list[object]) -> None:
    """An HTML page with external entities, remote scripts, images and frames: no entity resolved, no connection."""
    pytest.importorskip("trafilatura", reason="the HTML input path (trafilatura) is not installed")
    if ".html" not in read_mod.SUFFIXES:
        pytest.skip("no HTML input path: .html files are not read")
    root = tmp_path / "in"
    root.mkdir()
    (root / "page.html").write_bytes(_xxe_page(outside / "secret.txt"))
    (root / "page-saved-as.txt").write_bytes(_xxe_page(outside / "secret.txt"))
    out = tmp_path / "out"
    run(str(root), str(out), batch_size=2)
    check_readable(out)
    assert no_network == []
    text = _all_text(out)
    assert SECRET not in text
    assert "harbour reopened" in text, "the page's own text was extracted"
    assert "Entity here:" in text, "the paragraph holding the entities was extracted, so the check above means something"
