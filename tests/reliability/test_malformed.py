"""Real malformed files (issue 8, point 2): each gets a clear reject reason or is recovered; the rest of the run is unaffected."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import etl.io.read as read_mod
from tests.reliability.driver import run
from tests.reliability.helpers import article_sources, check_readable, duplicates, make_articles

# name → (bytes, the reject reason it must get)
BROKEN: dict[str, tuple[bytes, str]] = {
    "zero-byte.txt": (b"", "empty"),
    "nul-filled.txt": (b"\x00" * 4096, "binary"),
    "truncated-utf8.txt": ("Rail strike ends\n\nWorkers won a 5 % rise, the union’s".encode()[:-2], "truncated"),
    "html-saved-as.txt": (b"<html><head><title>Rail strike</title></head><body><div><p>Workers won.</p></div></body></html>\n", "html_as_text"),
    "html-fragment.txt": (b"<div class='story'>\n<p>One</p><p>Two</p><p>Three</p><p>Four</p><p>Five</p><br/><br/>\n</div>\n", "html_as_text"),
    "utf8-with-bad-bytes.txt": ("Rail strike ends\n\nThe union’s leader".encode() + b"\xff\xfe\xfd said.", "undecodable"),
}
# name → (bytes, a phrase the recovered article text must hold)
RECOVERED: dict[str, tuple[bytes, str]] = {
    "mojibake.txt": ("Rail strike ends\n\nThe union’s leader said the café would reopen.".encode().decode("cp1252", "replace").encode(),
                     "The union’s leader said the café would reopen."),
    "cp1252.txt": ("Rail strike ends\n\nThe union’s leader said the café – closed since May – would reopen.".encode("cp1252"),
                   "The union’s leader said the café – closed since May – would reopen."),
    "utf16-bom.txt": (codecs.BOM_UTF16_LE + "Rail strike ends in Köln\n\n“We won,” she said.".encode("utf-16-le"), "“We won,” she said."),
    "utf16-be-bom.txt": (codecs.BOM_UTF16_BE + "Rail strike ends in Łódź\n\n“We won,” he said.".encode("utf-16-be"), "“We won,” he said."),
    "utf8-bom.txt": (codecs.BOM_UTF8 + "Rail strike ends in Genève\n\nIt lasted 12 days.".encode(), "It lasted 12 days."),
}


def _build(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "in"
    good = make_articles(folder, 8, seed=5)
    for name, (data, _) in {**BROKEN, **RECOVERED}.items():
        (folder / name).write_bytes(data)
    (folder / "x.txt").mkdir()
    (folder / "x.txt" / "inner.txt").write_text("Inner headline\n\nA file inside a folder named like a file.\n")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "locked.txt").write_text("Locked headline\n\nNobody may read this.\n")
    return folder, good


def _outcomes(out: Path) -> tuple[dict[str, str], dict[str, str]]:
    import duckdb

    arts = dict(duckdb.sql(f"select source_uri, text from read_parquet('{out}/articles/*.parquet')").fetchall())
    rej = duckdb.sql(f"select source_uri, reason, detail from read_parquet('{out}/rejects/*.parquet')").fetchall()
    for _, _, detail in rej:
        assert len(detail) > 30 and "\n" not in detail, f"reject detail does not explain itself: {detail!r}"
    rejects = {os.path.relpath(uri, out.parent / "in"): reason for uri, reason, _ in rej}
    return {os.path.relpath(u, out.parent / "in"): t for u, t in arts.items()}, rejects


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """`locked.txt` cannot be opened: chmod 000 when that blocks this user, else a simulated EACCES.

    Tests run as root in CI, where chmod 000 does not stop reads; the simulation raises the
    PermissionError that `open` raises for other users, at the same place.
    """
    real_open = read_mod._open_binary

    def open_(uri: str) -> object:
        if uri.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", uri)
        return real_open(uri)

    if os.geteuid() == 0:
        monkeypatch.setattr(read_mod, "_open_binary", open_)


def test_each_malformed_file_gets_a_clear_reason_and_the_run_goes_on(tmp_path: Path, unreadable: None) -> None:
    folder, good = _build(tmp_path)
    if os.geteuid() != 0:
        (folder / "locked.txt").chmod(0)
    out = tmp_path / "out"
    try:
        run(str(folder), str(out), batch_size=4)
    finally:
        (folder / "locked.txt").chmod(0o644)
    check_readable(out)
    articles, rejects = _outcomes(out)
    expected_rejects = {name: reason for name, (_, reason) in BROKEN.items()} | {
        "x.txt": "not_a_file", "dangling.txt": "broken_link", "locked.txt": "unreadable",
    }
    assert rejects == expected_rejects
    assert set(articles) == set(good) | set(RECOVERED) | {"x.txt/inner.txt"}
    for name, (_, phrase) in RECOVERED.items():
        assert phrase in articles[name], f"{name} was not recovered: {articles[name]!r}"
        assert "â€" not in articles[name] and "\ufffd" not in articles[name]
    assert set(duplicates(out).values()) == {0}
    assert article_sources(out).count("a00000.txt") == 1


def test_a_rerun_over_the_same_malformed_files_adds_nothing(tmp_path: Path, unreadable: None) -> None:
    folder, _ = _build(tmp_path)
    out = tmp_path / "out"
    run(str(folder), str(out), batch_size=3)
    before = check_readable(out)
    run(str(folder), str(out), batch_size=5)
    assert check_readable(out) == before
