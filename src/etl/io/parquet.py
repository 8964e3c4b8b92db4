"""Parquet output: one dataset folder per table, files written atomically and named by content.

A batch's file is `OUT/<table>/part-<key>.parquet`, where `key` hashes the content of the rows
it holds: re-running the same input rewrites the same names, so a re-run (or a run after a
crash) replaces files instead of adding rows. Each file is written under a temporary name
that no `*.parquet` glob matches, then renamed; `articles` is renamed last, so an article
present in `articles` has all its rows in place. A commit that fails part-way removes the
files it had already renamed into place; one killed part-way (SIGKILL, power loss) leaves
child files without their `articles` file, which `remove_stale_temporaries` removes at the
start of the next run.

A table with no rows at all has one empty file with its full schema, `part-empty.parquet`
(`ensure_tables`), so that every table folder exists and globs such as
`read_parquet('OUT/rejects/**/*.parquet')` work on any output.

`OUT/_newsetl.json` records the data contract (a fingerprint of the Arrow schemas) the output
was written with; `check_output_root` refuses an output written with another one.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem

from etl import __version__
from etl.io.read import _is_local, open_root, probe_root
from etl.tables import ARROW_SCHEMAS, CHILD_TABLES, COMMIT_ORDER, UNCONTRACTED_TABLES

_COMMIT_ORDER = COMMIT_ORDER
_TMP_SUFFIX = ".tmp"
# Tables whose file `part-<key>` belongs to the `articles` file of the same key (same batch).
_CHILDREN = tuple(CHILD_TABLES)
OUTPUT_MARKER = "_newsetl.json"
EMPTY_FILE = "part-empty.parquet"


class OutputRootError(Exception):
    """The output root cannot be used: it is a file, cannot be written, or holds another data contract."""


def contract_fingerprint() -> str:
    """A short fingerprint of the Arrow schema of every table a run commits: it changes when their data contract does.

    The derived tables (`people` ...) are left out: they are rebuilt whole at the end of every run;
    so is `sources`, the incremental runs' bookkeeping (an output without it is read again once).
    """
    h = hashlib.sha256()
    for name in sorted(set(ARROW_SCHEMAS) - set(UNCONTRACTED_TABLES)):
        h.update(name.encode())
        for f in ARROW_SCHEMAS[name]:
            h.update(f"{f.name}:{f.type}:{f.nullable};".encode())
    return h.hexdigest()[:16]


def read_output_marker(out_root: str) -> dict | None:
    """The contents of `OUT/_newsetl.json`, or None when there is none (a new or pre-marker output)."""
    fs, root = open_root(out_root)
    path = f"{root}/{OUTPUT_MARKER}"
    try:
        with fs.open(path, "rb") as fh:
            marker = json.loads(fh.read(65_536))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise OutputRootError(f"output {out_root!r} has an unreadable {OUTPUT_MARKER} ({exc}): write to a new --out folder") from None
    return marker if isinstance(marker, dict) else {}


def write_output_marker(out_root: str) -> None:
    """Write `OUT/_newsetl.json` (atomically) unless it already records the current data contract."""
    fs, root = open_root(out_root)
    contract = contract_fingerprint()
    try:
        current = read_output_marker(out_root)
    except OutputRootError:
        current = None
    if current is not None and current.get("contract") == contract:
        return
    body = json.dumps({"format": "newsetl-output", "contract": contract, "written_by": f"newsetl {__version__}"}, indent=1)
    fs.makedirs(root, exist_ok=True)
    tmp = f"{root}/.{OUTPUT_MARKER}-{uuid.uuid4().hex[:8]}{_TMP_SUFFIX}"
    with fs.open(tmp, "wb") as fh:
        fh.write(body.encode())
    fs.mv(tmp, f"{root}/{OUTPUT_MARKER}")


def check_output_root(out_root: str, full_refresh: bool = False) -> None:
    """Raise `OutputRootError` with a one-line reason (and what to do) unless a run can write to `out_root`.

    Checks, before anything is written: the root is a folder or does not exist yet; on local disk,
    its nearest existing ancestor is a writable folder; the root was not written with another
    data contract (`OUT/_newsetl.json`), unless `full_refresh` asks to rewrite it.
    """
    try:
        fs, root, exists, is_dir = probe_root(out_root)
    except (OSError, ValueError, ImportError) as exc:
        raise OutputRootError(f"output {out_root!r} cannot be opened ({exc}): give a folder path or fsspec URL") from None
    if exists and not is_dir:
        raise OutputRootError(f"output {out_root!r} is a file, not a folder: give a folder for --out (it is created if missing)")
    if _is_local(fs):
        _check_local_writable(out_root, os.path.abspath(root))
    if not exists:
        return
    marker = read_output_marker(out_root)
    if marker is not None and marker.get("contract") != contract_fingerprint() and not full_refresh:
        raise OutputRootError(
            f"output {out_root!r} holds tables written with another data contract ({marker.get('written_by', 'unknown version')}, "
            f"contract {marker.get('contract')!r}, this newsetl writes {contract_fingerprint()!r}): "
            "write to a new --out folder, or add --full-refresh to rewrite it"
        )


def _check_local_writable(out_root: str, path: str) -> None:
    """The nearest existing ancestor of `path` must be a folder this process can write into."""
    probe = path
    while not os.path.exists(probe):
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    if not os.path.isdir(probe):
        raise OutputRootError(f"output {out_root!r} cannot be created: {probe!r} is a file, not a folder: give another --out")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputRootError(f"output {out_root!r} is not writable: no write permission on {probe!r}: give another --out or fix its permissions")


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


def read_parquet(source: Any, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file (an open binary file or a path), all or some of its columns.

    Read by the Parquet file reader alone, not `pq.read_table`, whose dataset scanner (read-ahead
    on Arrow's thread pools: the backtrace of apache/arrow#34314) made more of the processes that
    read and then exit abort in Arrow's pool teardown ("terminate called without an active
    exception", SIGABRT): 7 of 250 against 4 of 500 in a loop. Any Arrow read leaves the pools
    to be torn down at exit; `newsetl run` skips that teardown (`flows.lifetime.exit_now`).
    """
    with pq.ParquetFile(source) as pf:
        return pf.read(columns=columns)


def read_columns(out_root: str, table: str, columns: list[str]) -> pa.Table:
    """Some columns of every committed file of a table (empty when there is none)."""
    fs, root = open_root(out_root)
    schema = pa.schema([ARROW_SCHEMAS[table].field(c) for c in columns])
    parts = []
    for path in table_files(fs, root, table):
        with fs.open(path, "rb") as fh:
            parts.append(read_parquet(fh, columns).cast(schema))
    return pa.concat_tables(parts) if parts else schema.empty_table()


def commit_tables(out_root: str, key: str, tables: dict[str, pa.Table], keys: dict[str, str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Write each non-empty table as `<table>/part-<key>.parquet` (or its own key in `keys`), atomically, in commit order.

    Returns:
        Rows written per table, and the paths of the files written.
    """
    fs, root = open_root(out_root)
    written: dict[str, int] = {}
    staged: list[tuple[str, str]] = []
    created: list[str] = []  # files this commit renamed into place where none was before
    token = uuid.uuid4().hex[:8]
    write_output_marker(out_root)
    try:
        for name in _COMMIT_ORDER:
            table = tables.get(name)
            if table is None or table.num_rows == 0:
                continue
            folder = f"{root}/{name}"
            fs.makedirs(folder, exist_ok=True)
            own = (keys or {}).get(name, key)
            final = f"{folder}/part-{own}.parquet"
            tmp = f"{folder}/.part-{own}-{token}.parquet{_TMP_SUFFIX}"
            with fs.open(tmp, "wb") as fh:
                pq.write_table(table.cast(ARROW_SCHEMAS[name]), fh, compression="zstd")
            staged.append((tmp, final))
            written[name] = table.num_rows
        for tmp, final in staged:
            existed = fs.exists(final)
            fs.mv(tmp, final)
            if not existed:
                created.append(final)
    except BaseException:
        # Leave nothing half-written: no temporaries, and no child file without its articles file.
        # A file that existed before holds the same rows (same key, same content) and is kept.
        for path in [tmp for tmp, _ in staged] + created[::-1]:
            try:
                if fs.exists(path):
                    fs.rm(path)
            except OSError:
                pass  # best effort; remove_stale_temporaries clears what is left at the next start
        raise
    return written, [final for _, final in staged]


def remove_stale_temporaries(out_root: str) -> int:
    """Delete what a killed run left behind; returns how many files.

    That is: temporary files (`.part-*.tmp`, `.rewrite-*.tmp`), and files of a commit killed
    between its renames: a `sections`/`quotes`/`figures` file `part-<key>.parquet` whose
    `articles/part-<key>.parquet` is missing (articles are renamed last, so its batch never
    finished; the next run extracts those articles again). Run it only while no other run
    writes to the same output (see `etl.io.lock.output_lock`).
    """
    fs, root = open_root(out_root)
    n = 0
    for name in ARROW_SCHEMAS:
        folder = f"{root}/{name}"
        if fs.exists(folder):
            for path in fs.find(folder):
                base = path.rsplit("/", 1)[-1]
                if base.startswith((".part-", ".rewrite-")) and base.endswith(_TMP_SUFFIX):
                    fs.rm(path)
                    n += 1
    if fs.exists(root):
        for path in fs.ls(root, detail=False):
            base = path.rsplit("/", 1)[-1]
            if base.startswith(f".{OUTPUT_MARKER}-") and base.endswith(_TMP_SUFFIX):
                fs.rm(path)
                n += 1
    committed = {p.rsplit("/", 1)[-1] for p in table_files(fs, root, "articles")}
    committed.add(EMPTY_FILE)
    for name in _CHILDREN:
        for path in table_files(fs, root, name):
            if path[len(f"{root}/{name}/"):] not in committed and "/" not in path[len(f"{root}/{name}/"):]:
                fs.rm(path)
                n += 1
    return n


def rewrite_without(out_root: str, table: str, path: str, keep: pa.Array) -> None:
    """Atomically rewrite one committed file keeping only the rows where `keep` is true (delete if none)."""
    fs, _ = open_root(out_root)
    with fs.open(path, "rb") as fh:
        data = read_parquet(fh)
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
    fs, root = open_root(out_root)
    changed = 0
    for table in ("rejects", "sections", "quotes", "figures", "articles", "sources"):
        for path in table_files(fs, root, table):
            if path in keep_files:
                continue
            if reprocessed is None:
                fs.rm(path)
                changed += 1
                continue
            with fs.open(path, "rb") as fh:
                cols = read_parquet(fh, ["article_id", "extractor_version"] if table != "rejects" else ["article_id"])
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


def drop_articles(out_root: str, article_ids: set[str]) -> int:
    """Remove every row of these articles from `articles`, `sections`, `quotes` and `figures`; returns files changed."""
    fs, root = open_root(out_root)
    wanted = pa.array(sorted(article_ids), type=pa.string())
    changed = 0
    for table in ("sections", "quotes", "figures", "articles"):  # articles last, as in a commit
        for path in table_files(fs, root, table):
            with fs.open(path, "rb") as fh:
                ids = read_parquet(fh, ["article_id"]).column("article_id")
            hit = pc.is_in(ids, value_set=wanted)
            if pc.any(hit).as_py():
                rewrite_without(out_root, table, path, pc.invert(hit))
                changed += 1
    return changed


def ensure_tables(out_root: str, tables: Iterable[str] = tuple(ARROW_SCHEMAS)) -> list[str]:
    """Give each table that has no file at all one empty file with its full schema; returns the files written.

    A table that has files (even only this empty one) is left alone: re-runs add nothing.
    """
    fs, root = open_root(out_root)
    written = []
    for name in tables:
        if table_files(fs, root, name):
            continue
        folder = f"{root}/{name}"
        fs.makedirs(folder, exist_ok=True)
        tmp = f"{folder}/.{EMPTY_FILE}-{uuid.uuid4().hex[:8]}{_TMP_SUFFIX}"
        with fs.open(tmp, "wb") as fh:
            pq.write_table(ARROW_SCHEMAS[name].empty_table(), fh, compression="zstd")
        fs.mv(tmp, f"{folder}/{EMPTY_FILE}")
        written.append(f"{folder}/{EMPTY_FILE}")
    return written
