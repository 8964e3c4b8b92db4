"""List and read input files from a folder or any fsspec URL; problems become rejects."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

import fsspec
from fsspec import AbstractFileSystem

from etl.records import Article, Reject

SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".html", ".htm")
# File times tick coarsely (a few ms on Linux, 1-2 s on some network and FAT filesystems): a file
# changed this close to its listing gets no stamp and is read (and hashed) again by the next run.
RACY_NS = 2_000_000_000
NOT_A_FILE = ("not_a_file", "This is a folder whose name ends like an article file; it was not read.")


class InputRootError(Exception):
    """The input root cannot be listed (missing, not a folder, not reachable)."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One listed input: its URI, its size in bytes, a problem found while listing, and its stamp.

    `stamp` is (modification time ns, inode change time ns, inode) on local disk, (modification
    time ns, None, None) where a filesystem gives only that, None where it gives nothing: with the
    size, the cheap key by which a re-run skips a file it has already read (`etl.incremental`).
    A file changed less than `RACY_NS` before it was listed has no stamp: it could change again
    within the same timestamp tick after it is read, and keep its stamp (git's "racy clean" case).
    """

    uri: str
    size: int | None
    problem: tuple[str, str] | None = None
    stamp: tuple[int | None, int | None, int | None] | None = None


def open_root(root: str) -> tuple[AbstractFileSystem, str]:
    """Return the filesystem and the path of an input or output root (path or fsspec URL)."""
    fs, path = fsspec.core.url_to_fs(root)
    return fs, path.rstrip("/") or "/"


def to_uri(fs: AbstractFileSystem, path: str) -> str:
    """The URI under which a file is recorded: a plain path on local disk, else protocol://."""
    if _is_local(fs):
        return os.path.abspath(path)
    return fs.unstrip_protocol(path)


def _is_local(fs: AbstractFileSystem) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def probe_root(root: str) -> tuple[AbstractFileSystem, str, bool, bool]:
    """The filesystem and path of a root, whether it exists and whether it is a folder.

    Raises:
        OSError, ValueError, ImportError: the URL cannot be opened (unknown protocol, no driver).
    """
    fs, path = open_root(root)
    exists = fs.exists(path)
    return fs, path, exists, exists and fs.isdir(path)


def check_input_root(root: str) -> None:
    """Raise `InputRootError` with a one-line reason unless `root` is a folder that can be listed."""
    try:
        _, _, exists, is_dir = probe_root(root)
    except (OSError, ValueError, ImportError) as exc:
        raise InputRootError(f"input {root!r} cannot be opened: {exc}") from None
    if not exists:
        raise InputRootError(f"input folder {root!r} does not exist: give the folder that holds the article files")
    if not is_dir:
        raise InputRootError(f"input {root!r} is a file, not a folder: give the folder that holds the article files")


def list_inputs(root: str, suffixes: tuple[str, ...] = SUFFIXES) -> list[InputFile]:
    """List every input file under `root` in a stable order.

    Raises:
        InputRootError: the root does not exist or is not a folder.
    """
    found = list(iter_inputs(root, suffixes))
    found.sort(key=lambda item: item.uri)
    return found


def iter_inputs(root: str, suffixes: tuple[str, ...] = SUFFIXES) -> Iterator[InputFile]:
    """Every input file under `root`, as `list_inputs` lists them but in no set order, one at a time.

    Raises:
        InputRootError: the root does not exist or is not a folder (when the first item is asked for).
    """
    check_input_root(root)
    fs, path = open_root(root)
    if _is_local(fs):
        yield from _iter_local(path, suffixes)
        return
    fresh = time.time_ns() - RACY_NS
    entries = fs.find(path, withdirs=True, detail=True)
    for name in sorted(entries):
        info = entries[name]
        if not name.lower().endswith(suffixes) or name.rstrip("/") == path:
            continue
        if any(part.startswith(".") for part in os.path.relpath(name, path).split(os.sep)):
            continue  # hidden files and folders (editor swap files, .staging) are not inputs
        uri = to_uri(fs, name)
        if info.get("type") == "directory":
            yield InputFile(uri, None, NOT_A_FILE)
            continue
        yield InputFile(uri, info.get("size"), stamp=_remote_stamp(info, fresh))


def _remote_stamp(info: dict, fresh: int) -> tuple[int | None, None, None] | None:
    """(modification time ns, None, None) from an fsspec listing's entry, when it gives one older than `fresh`."""
    mtime = info.get("mtime", info.get("LastModified", info.get("last_modified")))
    if isinstance(mtime, datetime):
        ns = int(mtime.timestamp() * 1e9)
    elif isinstance(mtime, int | float) and not isinstance(mtime, bool):
        ns = int(mtime * 1e9)
    else:
        return None
    return (ns, None, None) if ns < fresh else None


def _iter_local(path: str, suffixes: tuple[str, ...]) -> Iterator[InputFile]:
    """`iter_inputs` on local disk: one `os.scandir` walk (a stat per input file), the same files as fsspec's `find`.

    Real folders are walked, linked ones are not; hidden files and folders are skipped. Only
    symbolic links can lead outside the root, so only they are resolved. Each entry becomes its
    `InputFile` at once (no directory entry is kept: they weigh about 1 KB each at 100k files).
    """
    fresh = time.time_ns() - RACY_NS
    top = os.path.abspath(path)
    local_root = os.path.realpath(top)
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    if entry.name.startswith("."):
                        continue  # hidden files and folders (editor swap files, .staging) are not inputs
                    try:
                        real_dir = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        real_dir = False
                    if real_dir:
                        folders.append(entry.path)
                    if entry.name.lower().endswith(suffixes):
                        yield _local_input(entry, local_root, fresh)
        except OSError:
            continue  # a folder that cannot be listed (or stops being listable) holds no input, as with fsspec's walk


def _local_input(entry: os.DirEntry, local_root: str, fresh: int) -> InputFile:
    name = entry.path
    if entry.is_symlink():
        problem = _local_problem(name, local_root)
        if problem is not None:
            return InputFile(name, None, problem)
    try:
        is_dir = entry.is_dir()
        st = entry.stat()
    except OSError:
        return InputFile(name, None)  # vanished since the listing: the read says so
    if is_dir:
        return InputFile(name, None, NOT_A_FILE)
    settled = max(st.st_mtime_ns, st.st_ctime_ns) < fresh
    return InputFile(name, st.st_size, stamp=(st.st_mtime_ns, st.st_ctime_ns, st.st_ino) if settled else None)


def _local_problem(path: str, local_root: str) -> tuple[str, str] | None:
    """Broken symbolic links, and paths that resolve outside the input root, on local disk.

    The whole path is resolved, not only its last part: a file reached through a linked folder
    or a `..` that leaves the root is not read either.
    """
    target = os.path.realpath(path)
    if os.path.islink(path) and not os.path.exists(target):
        return ("broken_link", f"This is a symbolic link to {os.readlink(path)!r}, which does not exist.")
    if os.path.commonpath([local_root, target]) != local_root:
        return ("outside_root", "This is a symbolic link to a file outside the input folder (or reached through one); it is not followed.")
    return None


def read_input(item: InputFile, max_bytes: int, now: datetime) -> Iterator[Article | Reject]:
    """Read one listed input file and yield its articles (one per .txt or .html, one per line of .jsonl).

    `max_bytes` limits a .txt or .html file, and each record (line) of a .jsonl file, which is
    read line by line: an archive of any size is read, and an oversized record is rejected alone.
    """
    if item.problem is not None:
        yield Reject(item.uri, "ingest", item.problem[0], item.problem[1], now)
        return
    is_jsonl = item.uri.lower().endswith(".jsonl")
    if not is_jsonl and item.size is not None and item.size > max_bytes:
        detail = f"The file has {item.size:,} bytes, over the limit of {max_bytes:,} (set --max-bytes to raise it); it was not read."
        yield Reject(item.uri, "ingest", "too_large", detail, now)
        return
    lineno = 0
    try:
        with _open_binary(item.uri) as fh:
            if is_jsonl:
                for lineno, raw in _lines(fh, max_bytes):
                    yield _jsonl_record(raw, lineno, item.uri, max_bytes, now)
                return
            data = fh.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        where = f" after line {lineno:,}" if lineno else ""
        yield Reject(item.uri, "ingest", "unreadable", f"The file could not be read{where}: {exc.__class__.__name__}: {exc}.", now)
        return
    if len(data) > max_bytes:
        yield Reject(item.uri, "ingest", "too_large", f"The file has more than {max_bytes:,} bytes (set --max-bytes to raise it); it was not read whole.", now)
        return
    if item.uri.lower().endswith((".html", ".htm")):
        yield _html(data, item.uri, now)
    else:
        from etl.ingest import ingest_bytes  # the extractors' lexicons load only when a file is read (not for a listing)

        yield ingest_bytes(data, item.uri, now)


def _open_binary(uri: str) -> Any:
    """The file at `uri`, opened for reading bytes; a local path (as `to_uri` records local files) directly.

    fsspec parses the URL and looks up its filesystem on every open: about 80 µs per file, more
    than decoding and normalising an article takes.
    """
    if "://" not in uri and "::" not in uri:
        return open(uri, "rb")  # the caller's `with` closes it
    return fsspec.open(uri, "rb")


def _html(data: bytes, uri: str, now: datetime) -> Article | Reject:
    try:
        from etl.io.html import html_article  # trafilatura loads in ~0.3 s: only when there is HTML
    except ImportError as exc:  # a broken installation: say so on each HTML file, keep the run going
        return Reject(uri, "ingest", "html_reader_missing",
                      f"HTML cannot be read on this installation ({exc.__class__.__name__}: {str(exc).splitlines()[0]}); "
                      "reinstall newsetl (pip install -e .) so that its HTML dependencies are present, then run again.", now)
    return html_article(data, uri, now)


_CHUNK = 1 << 20


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-blank line, read in chunks; None for a line over `limit` bytes.

    Holds at most `limit` bytes of a line plus one chunk: an oversized line is skipped, never
    read whole into memory. fsspec's buffered files have no `readline(limit)`, hence the chunks.
    """
    buf = bytearray()
    lineno = 1
    oversized = False
    while chunk := fh.read(_CHUNK):
        start = 0
        while (nl := chunk.find(b"\n", start)) != -1:
            if not oversized and len(buf) + nl - start <= limit:
                buf += chunk[start:nl]
                if buf.strip():
                    yield lineno, bytes(buf)
            else:
                yield lineno, None
            buf.clear()
            oversized = False
            lineno += 1
            start = nl + 1
        if not oversized:
            buf += chunk[start:]
            if len(buf) > limit:
                oversized = True
                buf.clear()
    if oversized:
        yield lineno, None
    elif buf.strip():
        yield lineno, bytes(buf)


def _jsonl_record(raw: bytes | None, lineno: int, uri: str, max_bytes: int, now: datetime) -> Article | Reject:
    """One article from one JSON line: `text` required; `title`, `url`, `published_at`/`date` used."""
    line_uri = f"{uri}#L{lineno}"
    if raw is None:
        return Reject(line_uri, "ingest", "too_large",
                      f"Line {lineno:,} has more than {max_bytes:,} bytes (set --max-bytes to raise it); it was not read. The other lines were.", now)
    try:
        record = json.loads(raw)
    except ValueError as exc:
        return Reject(line_uri, "ingest", "bad_json", f"Line {lineno} is not valid JSON: {exc}.", now)
    text = record.get("text") if isinstance(record, dict) else None
    if not isinstance(text, str):
        return Reject(line_uri, "ingest", "no_text", f"Line {lineno} has no string field 'text'.", now)
    from etl.ingest import ingest_text  # as in `read_input`: only when a file is read
    from etl.io.pubdate import parse_published, published_raw

    name = record.get("file")
    raw_date = published_raw(record.get("published_at") or record.get("date"))
    return ingest_text(
        text, f"{uri}#{name}" if isinstance(name, str) else line_uri, now,
        published_at=parse_published(raw_date) if raw_date else None, published_raw=raw_date,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
    )
