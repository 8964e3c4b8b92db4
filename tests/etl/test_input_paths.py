"""Every input path a fresh install must support: its modules import, and one file of each kind
(.txt, .jsonl, .html, on local disk and on fsspec's memory://) goes through a whole run.

This is the check that catches dependency drift on a fresh machine (e.g. an lxml that no longer
ships `lxml.html.clean`, which trafilatura's HTML path needs): nothing here is mocked.
"""

from __future__ import annotations

import importlib
import json
import uuid
from pathlib import Path

import duckdb
import fsspec
import pytest

from etl.runloop import run_local
from etl.settings import Settings

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour Ferry Returns After Repairs</title>
<meta property="article:published_time" content="2026-03-02T08:15:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbour Ferry Returns After Repairs</h1>
<p>The ferry between Port Ellis and Gull Island returned to service on Monday after six weeks of repairs
to its hull, the operator said.</p>
<p>"We are glad to have her back," said harbour master Ines Varga. The repairs cost 1.2 million euros,
paid from the port's maintenance fund.</p>
<p>About 900 passengers a day used the crossing before it closed in January.</p>
</article><footer>Contact us</footer></body></html>
"""
TEXT_FILE = "Library Opens New Wing\n\nThe city library opened a wing with 12,000 books on Tuesday, officials said.\n"
JSONL_LINES = [
    {"file": "one.txt", "title": "Council Approves Budget", "text": "The council approved a budget of 4 million pounds on Monday.", "date": "Mon, 02 Mar 2026 09:00:00 +0000"},
    {"file": "two.txt", "text": "Tram Line Delayed\n\nThe tram line will open in 2027, a year late, the city said."},
]


@pytest.mark.parametrize("module", ["etl.io.html", "etl.io.read", "etl.io.pubdate", "trafilatura", "fsspec.implementations.memory", "duckdb"])
def test_input_path_modules_import(module: str) -> None:
    importlib.import_module(module)


def _write_inputs(fs: fsspec.AbstractFileSystem, root: str) -> None:
    fs.makedirs(root, exist_ok=True)
    with fs.open(f"{root}/library.txt", "wb") as fh:
        fh.write(TEXT_FILE.encode())
    with fs.open(f"{root}/feed.jsonl", "wb") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in JSONL_LINES).encode())
    with fs.open(f"{root}/ferry.html", "wb") as fh:
        fh.write(HTML_PAGE.encode())


def _articles(out: str) -> dict[str, tuple[str, str | None]]:
    """source file name (and JSONL record) → (title, published_at as text) from the written `articles` table."""
    fs, _ = fsspec.core.url_to_fs(out)
    con = duckdb.connect()
    if not out.startswith("/"):
        con.register_filesystem(fs)
    rows = con.sql(f"select source_uri, title, published_at from read_parquet('{out.rstrip('/')}/articles/**/*.parquet')").fetchall()
    return {uri.rsplit("/", 1)[-1]: (title, str(published) if published else None) for uri, title, published in rows}


@pytest.mark.parametrize("where", ["local", "memory"])
def test_one_file_of_each_kind_through_a_run(where: str, tmp_path: Path) -> None:
    if where == "local":
        fs, inp, out = fsspec.filesystem("file"), str(tmp_path / "in"), str(tmp_path / "out")
    else:
        tag = uuid.uuid4().hex[:8]
        fs, inp, out = fsspec.filesystem("memory"), f"memory://paths-{tag}/in", f"memory://paths-{tag}/out"
    _write_inputs(fs, inp.removeprefix("memory://"))
    summary = run_local(Settings(input_root=inp, output_root=out), lock=False)
    assert dict(summary.rejects) == {}
    assert _articles(out) == {
        "library.txt": ("Library Opens New Wing", None),
        "feed.jsonl#one.txt": ("Council Approves Budget", "2026-03-02"),
        "feed.jsonl#two.txt": ("Tram Line Delayed", None),
        "ferry.html": ("Harbour Ferry Returns After Repairs", "2026-03-02"),
    }
