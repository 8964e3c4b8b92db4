"""Shared helpers: generated input folders, a subprocess driver, and checks on an output root."""

from __future__ import annotations

import glob
import os
import random
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from tests.conftest import ROOT

DATA_TABLES = ("articles", "sections", "quotes", "figures", "rejects")
_PEOPLE = ["Ana Lopez", "Ben Okafor", "Chen Wei", "Dana Novak", "Eli Haddad", "Fay Moreau"]
_TOPICS = ["the harbour", "the budget", "the bridge", "the school", "the library", "the tram line"]


def make_articles(folder: Path, n: int, seed: int = 0, bad: int = 0) -> list[str]:
    """Write `n` distinct generated articles (quotes and figures in each) and `bad` empty files.

    Returns the file names written. The text is generated here, never copied from a corpus.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        who, topic = rng.choice(_PEOPLE), rng.choice(_TOPICS)
        body = (
            f"Council report {i} on {topic}\n\n"
            f"The council spent {rng.randint(2, 900)} million on {topic} in {rng.randint(1990, 2025)}, up {rng.randint(1, 60)}%.\n\n"
            f"“We did what we promised,” {who} said on Monday. “Article {i} is proof.”\n\n"
            f"{who} added that {rng.randint(3, 400)} people had signed a petition.\n"
        )
        name = f"a{i:05d}.txt"
        (folder / name).write_text(body, encoding="utf-8")
        names.append(name)
    for i in range(bad):
        name = f"z-empty-{i:03d}.txt"
        (folder / name).write_bytes(b"")
        names.append(name)
    return names


def start_driver(input_dir: Path, out: Path, *args: str) -> subprocess.Popen[str]:
    """Start `tests.reliability.driver` in a new process (stdout and stderr piped)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.driver", str(input_dir), str(out), *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def visible_files(out: Path) -> list[str]:
    """The files the glob `OUT/*/**/*.parquet` matches, as DuckDB would expand it."""
    return sorted(glob.glob(f"{out}/*/**/*.parquet", recursive=True))


def check_readable(out: Path) -> dict[str, int]:
    """Read every visible file with DuckDB (the whole glob, then each table); returns rows per table.

    Raises whatever DuckDB or pyarrow raise on a partial or corrupt file.
    """
    files = visible_files(out)
    for path in files:
        assert not os.path.basename(path).startswith("."), f"hidden temporary visible to the glob: {path}"
        pq.read_metadata(path)  # a half-written file has no footer
    if files:
        duckdb.sql(f"select count(*) from read_parquet('{out}/*/**/*.parquet', union_by_name = true)").fetchall()
    counts = {}
    for table in DATA_TABLES:
        if glob.glob(f"{out}/{table}/**/*.parquet", recursive=True):
            counts[table] = duckdb.sql(f"select count(*) from read_parquet('{out}/{table}/**/*.parquet')").fetchall()[0][0]
        else:
            counts[table] = 0
    return counts


def duplicates(out: Path) -> dict[str, int]:
    """Rows that repeat their table's key, per table (all zero when nothing is duplicated)."""
    keys = {"articles": "article_id", "sections": "article_id, section_idx", "quotes": "article_id, quote_idx",
            "figures": "article_id, figure_idx", "rejects": "source_uri, stage, reason, content_sha256"}
    found = {}
    for table, key in keys.items():
        if not glob.glob(f"{out}/{table}/**/*.parquet", recursive=True):
            found[table] = 0
            continue
        found[table] = duckdb.sql(
            f"select count(*) - count(distinct ({key})) from read_parquet('{out}/{table}/**/*.parquet')"
        ).fetchall()[0][0]
    return found


def orphans(out: Path) -> int:
    """Child rows (sections, quotes, figures) whose article is not in `articles`."""
    if not glob.glob(f"{out}/articles/*.parquet"):
        return sum(len(glob.glob(f"{out}/{t}/*.parquet")) for t in ("sections", "quotes", "figures"))
    n = 0
    for table in ("sections", "quotes", "figures"):
        if glob.glob(f"{out}/{table}/*.parquet"):
            n += duckdb.sql(
                f"select count(*) from read_parquet('{out}/{table}/*.parquet') c "
                f"anti join read_parquet('{out}/articles/*.parquet') a using (article_id)"
            ).fetchall()[0][0]
    return n


def article_sources(out: Path) -> list[str]:
    """The base names of the `articles` rows' source files (with repeats, if any)."""
    if not glob.glob(f"{out}/articles/*.parquet"):
        return []
    rows = duckdb.sql(f"select source_uri from read_parquet('{out}/articles/*.parquet')").fetchall()
    return sorted(os.path.basename(u) for (u,) in rows)
