"""Parquet output: one dataset folder per table, files written atomically and named by content.

A batch's file is `OUT/<table>/part-<key>.parquet`, where `key` hashes the content of the rows
it holds: re-running the same input rewrites the same names, so a re-run (or a run after a
crash) replaces files instead of adding rows. Each file is written under a temporary name
that no `*.parquet` glob matches, then renamed; `articles` is renamed last, so an article
present in `articles` has all its rows in place.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem

from etl.io.read import open_root
from etl.tables import ARROW_SCHEMAS

_COMMIT_ORDER = ("rejects", "sections", "quotes", "figures", "articles", "runs")
_TMP_SUFFIX = ".tmp"


def batch_key(content_hashes: Iterable[str], extractor_version: str) -> str:
    """A file-name key derived from the content the batch holds."""
    h = hashlib.sha256(extractor_version.encode())
    for sha in sorted(content_hashes):
        h.update(sha.encode())
    return h.hexdigest()[:20]


def table_files(fs: AbstractFileSystem, root: str, table: str) -> list[str]:
    """The committed Parquet files of one table (temporary and hidden files left out)."""
    folder = f"{root}/{table}"
    if not fs.exists(folder):
        return []
    return sorted(
        p for p in fs.find(folder)
        if p.endswith(".parquet") and not any(part.startswith((".", "_")) for part in p[len(folder) + 1:].split("/"))
    )


def read_columns(out_root: str, table: str, columns: list[str]) -> pa.Table:
    """Some columns of every committed file of a table (empty when there is none)."""
    fs, root = open_root(out_root)
    schema = pa.schema([ARROW_SCHEMAS[table].field(c) for c in columns])
    parts = []
    for path in table_files(fs, root, table):
        with fs.open(path, "rb") as fh:
            parts.append(pq.read_table(fh, columns=columns).cast(schema))
    return pa.concat_tables(parts) if parts else schema.empty_table()


def commit_tables(out_root: str, key: str, tables: dict[str, pa.Table]) -> tuple[dict[str, int], list[str]]:
    """Write each non-empty table as `<table>/part-<key>.parquet`, atomically, articles last.

    Returns:
        Rows written per table, and the paths of the files written.
    """
    fs, root = open_root(out_root)
    written: dict[str, int] = {}
    staged: list[tuple[str, str]] = []
    token = uuid.uuid4().hex[:8]
    try:
        for name in _COMMIT_ORDER:
            table = tables.get(name)
            if table is None or table.num_rows == 0:
                continue
            folder = f"{root}/{name}"
            fs.makedirs(folder, exist_ok=True)
            final = f"{folder}/part-{key}.parquet"
            tmp = f"{folder}/.part-{key}-{token}.parquet{_TMP_SUFFIX}"
            with fs.open(tmp, "wb") as fh:
                pq.write_table(table.cast(ARROW_SCHEMAS[name]), fh, compression="zstd")
            staged.append((tmp, final))
            written[name] = table.num_rows
        for tmp, final in staged:
            fs.mv(tmp, final)
    except BaseException:
        for tmp, _ in staged:
            if fs.exists(tmp):
                fs.rm(tmp)
        raise
    return written, [final for _, final in staged]


def remove_stale_temporaries(out_root: str) -> int:
    """Delete temporary files a killed run left behind; returns how many."""
    fs, root = open_root(out_root)
    n = 0
    for name in ARROW_SCHEMAS:
        folder = f"{root}/{name}"
        if fs.exists(folder):
            for path in fs.find(folder):
                if path.rsplit("/", 1)[-1].startswith(".part-") and path.endswith(_TMP_SUFFIX):
                    fs.rm(path)
                    n += 1
    return n


def rewrite_without(out_root: str, table: str, path: str, keep: pa.Array) -> None:
    """Atomically rewrite one committed file keeping only the rows where `keep` is true (delete if none)."""
    fs, _ = open_root(out_root)
    with fs.open(path, "rb") as fh:
        data = pq.read_table(fh)
    kept = data.filter(keep)
    if kept.num_rows == 0:
        fs.rm(path)
        return
    tmp = path.rsplit("/", 1)[0] + f"/.rewrite-{uuid.uuid4().hex[:8]}.parquet{_TMP_SUFFIX}"
    with fs.open(tmp, "wb") as fh:
        pq.write_table(kept.cast(ARROW_SCHEMAS[table]), fh, compression="zstd")
    fs.mv(tmp, path)


def drop_superseded(out_root: str, current_version: str, keep_files: set[str], reprocessed: set[str] | None) -> int:
    """Remove rows that this run's output replaces; returns how many files changed.

    Args:
        out_root: the output root.
        current_version: the extractor version of this run.
        keep_files: files this run wrote (never touched here).
        reprocessed: article ids this run (re)wrote; rows of theirs written by another
            extractor version are removed. None means a full refresh: every data file this run
            did not write is removed (the `runs` history is kept).
    """
    import pyarrow.compute as pc

    fs, root = open_root(out_root)
    changed = 0
    for table in ("rejects", "sections", "quotes", "figures", "articles"):
        for path in table_files(fs, root, table):
            if path in keep_files:
                continue
            if reprocessed is None:
                fs.rm(path)
                changed += 1
                continue
            with fs.open(path, "rb") as fh:
                cols = pq.read_table(fh, columns=["article_id", "extractor_version"] if table != "rejects" else ["article_id"])
            if table == "rejects" or cols.num_rows == 0:
                continue
            old = pc.and_(
                pc.not_equal(cols.column("extractor_version"), current_version),
                pc.is_in(cols.column("article_id"), value_set=pa.array(sorted(reprocessed), type=pa.string())),
            )
            if pc.any(old).as_py():
                rewrite_without(out_root, table, path, pc.invert(old))
                changed += 1
    return changed
