"""What a run adds to an output root: its state, the articles it knows, commits, superseded rows.

One `RunLedger` per run, in the process that writes:

    ledger = RunLedger.open(out_root, full_refresh)   # clear a killed run's leftovers, read the state
    items, skipped = ledger.unchanged(items)          # leave out files read before and unchanged since
    ... extract batches with `ledger.known` ...
    ledger.commit(batch)                              # in input order, one batch at a time
    ledger.finish()                                   # drop replaced rows, make every table folder

Incremental runs: an article already in the output (same content, current extractor version,
same source) is skipped; rows of an older extractor version are replaced when their article is
processed again (`--full-refresh`: every row not written by this run). A corrected article
(same `source_uri`, new content) replaces the older version: the new `articles` row names it in
`supersedes`, and the older version's rows leave `articles`, `sections`, `quotes` and `figures`
at the end of the run, unless its text was still read in this run from another input
(a renamed file). Rejects are a log of what happened and are not rewritten.

Unchanged files are skipped unread: the `sources` table records, for each input file whose
every record became an article, its size, modification time, change time and inode (its
stamp) and its articles. A file whose stamp equals its newest `sources` row of the current
extractor version, and whose articles are all still in the output under its name, is not read
again; any other file is read, hashed, and skipped by content as before.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from etl import EXTRACTOR_VERSION
from etl.io.parquet import batch_key, commit_tables, drop_articles, drop_superseded, ensure_tables, read_columns, remove_stale_temporaries
from etl.io.read import InputFile
from etl.tables import ARROW_SCHEMAS, CHILD_TABLES, rejects_table

if TYPE_CHECKING:  # `etl.pipeline` loads the extractors and pandera: not on a run that reads nothing
    from etl.pipeline import BatchResult

DATA_TABLES: tuple[str, ...] = ("articles", "sections", "quotes", "figures", "rejects", "sources")

class KnownArticles(Mapping[str, str]):
    """`article_id` → source URI of the articles already in the output, cheap to hand to a task.

    Held as one Arrow table: it pickles as two buffers into a process-pool or Dask worker (a
    dict of 100k ids pickles entry by entry), and Prefect does not walk it looking for futures
    when it is a task argument (it walks every entry of a dict). The lookup dict is built on
    first use in the process that reads it, and never pickled.
    """

    __slots__ = ("_lookup", "_table")

    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        known = known or {}
        self._table = pa.table({"article_id": pa.array(list(known), pa.string()),
                                "source_uri": pa.array(list(known.values()), pa.string())})
        self._lookup: dict[str, str] | None = dict(known)

    def _map(self) -> dict[str, str]:
        if self._lookup is None:
            ids, uris = (self._table.column(c).to_pylist() for c in ("article_id", "source_uri"))
            self._lookup = dict(zip(ids, uris, strict=True))
        return self._lookup

    def __getitem__(self, article_id: str) -> str:
        return self._map()[article_id]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._map()

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return self._table.num_rows

    def __getstate__(self) -> pa.Table:
        return self._table

    def __setstate__(self, table: pa.Table) -> None:
        self._table = table
        self._lookup = None


def reject_key(uri: str | None, stage: str | None, reason: str | None, sha: str | None) -> str:
    """Identity of a reject row: a re-run does not write the same reject twice."""
    return f"{uri}\x1f{stage}\x1f{reason}\x1f{sha or ''}"


class OutputState:
    """What the output root already holds: articles by id (with their URI), reject keys, versions by source.

    `articles` holds the current extractor version's articles (the ones a run skips);
    `by_uri` maps each source URI to the newest article read from it (any version), and
    `stale` holds the older versions an interrupted run left beside a newer one.

    A plain class, not a dataclass: Prefect walks every entry of a dataclass's dicts and sets
    when it is a task argument (looking for futures), and this one grows to every article of
    the run.
    """

    __slots__ = ("articles", "by_uri", "current", "rejects", "stale")

    def __init__(self, articles: dict[str, str], rejects: set[str], by_uri: dict[str, str] | None = None,
                 stale: dict[str, str] | None = None, current: pa.Table | None = None) -> None:
        self.articles = articles
        self.rejects = rejects
        self.by_uri = dict(by_uri) if by_uri is not None else {uri: aid for aid, uri in articles.items()}
        self.stale = stale or {}
        # `articles` as Arrow (`current_articles`), for `unchanged_rows`; None: nothing to skip by stamp
        self.current = current

    def __repr__(self) -> str:
        return f"OutputState({len(self.articles):,} articles, {len(self.rejects):,} reject keys)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OutputState) and (self.articles, self.rejects, self.by_uri) == (other.articles, other.rejects, other.by_uri)

    __hash__ = None  # type: ignore[assignment]  # mutable


def load_output_state(out_root: str, full_refresh: bool = False) -> OutputState:
    """Read the article ids, sources and reject keys already written under `out_root`.

    With `full_refresh`, the state is empty: every input is processed again.
    """
    if full_refresh:
        return OutputState(articles={}, rejects=set())
    arts = read_columns(out_root, "articles", ["article_id", "source_uri", "extractor_version", "ingested_at"])
    ids, uris, versions = (arts.column(c).to_pylist() for c in ("article_id", "source_uri", "extractor_version"))
    articles = {aid: uri for aid, uri, v in zip(ids, uris, versions, strict=True) if v == EXTRACTOR_VERSION}
    by_uri: dict[str, str] = {}
    stale: dict[str, str] = {}
    order = pc.sort_indices(arts, sort_keys=[("ingested_at", "ascending"), ("article_id", "ascending")]).to_pylist()
    for i in order:  # oldest first: the newest article of a source wins
        old = by_uri.get(uris[i])
        if old is not None and old != ids[i]:
            stale[old] = ids[i]
        by_uri[uris[i]] = ids[i]
    rej = read_columns(out_root, "rejects", ["source_uri", "stage", "reason", "content_sha256"])
    return OutputState(
        articles=articles,
        rejects={reject_key(*r) for r in zip(*(rej.column(c).to_pylist() for c in rej.column_names), strict=True)},
        by_uri=by_uri, stale=stale, current=current_articles(arts),
    )


# The listing as one Arrow table: a row per listed file, its size and stamp (`InputFile.stamp`);
# `stamped` is false for a file listed without a stamp or with a problem (it is read every time).
LISTING = pa.schema([("source_uri", pa.string()), ("size_bytes", pa.int64()), ("mtime_ns", pa.int64()),
                     ("ctime_ns", pa.int64()), ("inode", pa.int64()), ("stamped", pa.bool_())])
_STAMP = ("size_bytes", "mtime_ns", "ctime_ns", "inode")


def listing_table(items: Iterable[InputFile], all_stamped: bool = False, chunk: int = 16_384) -> pa.Table | None:
    """The listed files as a `LISTING` table, in the order given; built `chunk` files at a time (no Python object kept per file).

    With `all_stamped`, None as soon as a file has no stamp or a problem (a run would read it).
    """
    names = [f.name for f in LISTING]
    parts: list[pa.RecordBatch] = []
    cols: list[list] = [[] for _ in names]
    for item in items:
        stamped = item.stamp is not None and item.problem is None
        if not stamped and all_stamped:
            return None
        mtime, ctime, inode = item.stamp if stamped else (None, None, None)  # type: ignore[misc]
        for col, value in zip(cols, (item.uri, item.size, mtime, ctime, inode, stamped), strict=True):
            col.append(value)
        if len(cols[0]) >= chunk:
            parts.append(pa.RecordBatch.from_arrays([pa.array(c, f.type) for c, f in zip(cols, LISTING, strict=True)], schema=LISTING))
            cols = [[] for _ in names]
    parts.append(pa.RecordBatch.from_arrays([pa.array(c, f.type) for c, f in zip(cols, LISTING, strict=True)], schema=LISTING))
    return pa.Table.from_batches(parts, schema=LISTING).combine_chunks()


def current_articles(articles: pa.Table) -> pa.Table:
    """(article_id, source_uri) of the articles of the current extractor version, from `articles` rows holding `extractor_version`."""
    current = articles.filter(pc.equal(articles.column("extractor_version"), EXTRACTOR_VERSION))
    return current.select(["article_id", "source_uri"])


def unchanged_rows(listing: pa.Table, out_root: str, current: pa.Table | None = None) -> tuple[pa.BooleanArray, int, pa.Array]:
    """Which listed files (`LISTING` rows) are unchanged since their newest `sources` reading of the current extractor
    version, with every article of that reading still in the output under the file's name.

    `current` (`current_articles`) is read when not given. Arrow kernels on the listed files' readings only:
    no Python object per file (but for JSONL articles, whose names are checked in Python), no join.

    Returns:
        Per listing row, whether the file can be left unread; how many articles those files hold; their ids.
    """
    n = listing.num_rows
    cols = ["source_uri", "article_id", *_STAMP, "extractor_version", "recorded_at"]
    src = read_columns(out_root, "sources", cols)
    src = src.filter(pc.equal(src.column("extractor_version"), EXTRACTOR_VERSION))
    uris = _array(listing, "source_uri")
    pos = pc.index_in(src.column("source_uri"), value_set=uris)
    src = pa.table({"pos": pos, **{c: src.column(c) for c in ("article_id", *_STAMP, "recorded_at")}}).filter(pc.is_valid(pos))
    if src.num_rows == 0:
        return pa.array([False] * n, pa.bool_()), 0, pa.array([], pa.string())
    # The newest reading of each file: rows sorted by file, newest first; a file's rows recorded with its first row's time.
    src = src.take(pc.sort_indices(src, sort_keys=[("pos", "ascending"), ("recorded_at", "descending")]))
    pos, recorded = _array(src, "pos"), _array(src, "recorded_at")
    first = pc.fill_null(pc.not_equal(pos, pa.concat_arrays([pa.nulls(1, pos.type), pos.slice(0, len(pos) - 1)])), True)
    newest = pc.fill_null_forward(pc.if_else(first, recorded, pa.nulls(len(recorded), recorded.type)))
    src = src.filter(pc.equal(recorded, newest))
    pos = _array(src, "pos")
    # A row is good when the file is stamped now, its stamp equals the reading's (both missing counts as equal:
    # remote files have no inode), and its article is in the output under the file's name.
    good = pc.take(_array(listing, "stamped"), pos)
    for name in _STAMP:
        now, then = pc.take(_array(listing, name), pos), _array(src, name)
        same = pc.or_kleene(pc.equal(now, then), pc.and_(pc.is_null(now), pc.is_null(then)))
        good = pc.and_(good, pc.fill_null(same, False))
    good = pc.and_(good, _in_output(_array(src, "article_id"), pc.take(uris, pos), out_root, current))
    listed = pa.array(range(n), pos.type)
    skip = pc.and_(pc.is_in(listed, value_set=pos), pc.invert(pc.is_in(listed, value_set=pos.filter(pc.invert(good)))))
    kept = src.filter(pc.is_in(pos, value_set=listed.filter(skip)))
    return skip, kept.num_rows, _array(kept, "article_id")


def _array(table: pa.Table, column: str) -> pa.Array:
    """One column as a single array."""
    return table.column(column).combine_chunks()


def _in_output(ids: pa.Array, file_uris: pa.Array, out_root: str, current: pa.Table | None) -> pa.Array:
    """Per article id, whether `articles` holds it (current extractor version) under this file's name (itself, or a JSONL line of it)."""
    if current is None:
        current = current_articles(read_columns(out_root, "articles", ["article_id", "source_uri", "extractor_version"]))
    at = pc.index_in(ids, value_set=_array(current, "article_id"))
    article_uris = pc.take(_array(current, "source_uri"), at)
    same = pc.fill_null(pc.equal(article_uris, file_uris), False)
    if pc.all(same).as_py() is not False:
        return same
    # A JSONL line's article is named `file#line`: the rows named otherwise are checked in Python.
    odd = pc.indices_nonzero(pc.invert(same)).to_pylist()
    flags = same.to_pylist()
    for i, a, f in zip(odd, pc.take(article_uris, odd).to_pylist(), pc.take(file_uris, odd).to_pylist(), strict=True):
        flags[i] = _from_file(a, f)
    return pa.array(flags, pa.bool_())


def has_stale(articles: pa.Table) -> bool:
    """Whether some source URI holds more than one article (an older version of a corrected article is still there)."""
    if articles.num_rows == 0:
        return False
    uris = articles.column("source_uri")
    pairs = pc.binary_join_element_wise(uris, articles.column("article_id"), "\x1f")  # distinct (URI, article) pairs
    return bool(pc.count_distinct(pairs).as_py() > pc.count_distinct(uris).as_py())


def _from_file(article_uri: str | None, file_uri: str) -> bool:
    """An article's `source_uri` names this input file (itself, or a JSONL line of it)."""
    return article_uri is not None and (article_uri == file_uri or article_uri.startswith(file_uri + "#"))


def sources_table(rows: list[tuple[InputFile, list[str]]], now: object) -> pa.Table:
    """The `sources` rows for these files read whole (one per article)."""
    cols: dict[str, list] = {f.name: [] for f in ARROW_SCHEMAS["sources"]}
    for item, ids in rows:
        mtime, ctime, inode = item.stamp or (None, None, None)
        for aid in ids:
            for name, value in (("source_uri", item.uri), ("article_id", aid), ("size_bytes", item.size), ("mtime_ns", mtime),
                                ("ctime_ns", ctime), ("inode", inode), ("extractor_version", EXTRACTOR_VERSION), ("recorded_at", now)):
                cols[name].append(value)
    return pa.Table.from_pydict(cols, schema=ARROW_SCHEMAS["sources"])


class RunLedger:
    """The bookkeeping of one run over one output root: what it skips, writes, replaces and removes.

    A plain class (see `OutputState`): the flow hands it to its write tasks once per batch.
    """

    __slots__ = ("full_refresh", "known", "out_root", "read_ids", "removed", "replaced", "state", "written_files")

    def __init__(self, out_root: str, state: OutputState, full_refresh: bool = False) -> None:
        self.out_root = out_root
        self.state = state
        self.full_refresh = full_refresh
        self.known = KnownArticles(state.articles)  # a snapshot: state.articles grows as batches commit
        self.written_files: set[str] = set()
        self.replaced: dict[str, str] = dict(state.stale)  # older article id → the id that replaced it
        self.read_ids: set[str] = set()
        self.removed = 0

    def unchanged(self, items: list[InputFile]) -> tuple[list[InputFile], int]:
        """The inputs to read, leaving out files unchanged since a run read them whole; and how many articles those hold.

        A file is left out when its size and stamp equal its newest `sources` reading and every
        article it gave is still in the output under its name (nothing is left out on a full refresh).
        """
        if self.full_refresh or self.state.current is None or self.state.current.num_rows == 0 or not items:
            return list(items), 0
        listing = listing_table(items)  # never None: not `all_stamped`
        mask, skipped, ids = unchanged_rows(listing, self.out_root, self.state.current)  # type: ignore[arg-type]
        self.read_ids.update(ids.to_pylist())
        return [item for item, leave in zip(items, mask.to_pylist(), strict=True) if not leave], skipped

    @classmethod
    def open(cls, out_root: str, full_refresh: bool = False) -> RunLedger:
        """Clear what a killed run left under `out_root`, then read its state. Hold the output lock first."""
        remove_stale_temporaries(out_root)
        return cls(out_root, load_output_state(out_root, full_refresh), full_refresh)

    def __repr__(self) -> str:
        return f"RunLedger({self.out_root!r}, {self.state!r}, {len(self.written_files):,} files written)"

    def commit(self, batch: BatchResult) -> tuple[dict[str, int], list[str]]:
        """Write one batch's tables, leaving out articles an earlier batch of this run wrote.

        Batches must be committed in input order (the output is then the same with any runner).

        Returns:
            Rows written per table, and the paths of the files written.
        """
        clock = time.perf_counter()
        committed, known_rejects = self.state.articles, self.state.rejects
        tables = dict(batch.tables)
        ids = tables["articles"].column("article_id").to_pylist()
        dup = [i for i, aid in enumerate(ids) if aid in committed]
        if dup:
            arts = tables["articles"]
            uris = arts.column("source_uri").to_pylist()
            shas = arts.column("content_sha256").to_pylist()
            from etl.pipeline import duplicate_reject_of

            now = datetime.now(UTC)
            extra = [duplicate_reject_of(uris[i], ids[i], shas[i], committed[ids[i]], now) for i in dup]
            drop = pa.array([ids[i] for i in dup], pa.string())
            for name in ("articles", *CHILD_TABLES):
                t = tables[name]
                tables[name] = t.filter(pc.invert(pc.is_in(t.column("article_id"), value_set=drop)))
            tables["rejects"] = pa.concat_tables([tables["rejects"], rejects_table(extra)])
        tables["articles"] = self._mark_supersedes(tables["articles"])
        batch.tables["rejects"] = rej = tables["rejects"]  # every reject found, for the run summary
        key_columns = (rej.column(c).to_pylist() for c in ("source_uri", "stage", "reason", "content_sha256"))
        keys = [reject_key(*row) for row in zip(*key_columns, strict=True)]
        fresh: list[bool] = []  # each reject once: not already written, not twice in this batch (a retried commit)
        seen: set[str] = set()
        for k in keys:
            fresh.append(k not in known_rejects and k not in seen)
            seen.add(k)
        tables["rejects"] = rej.filter(pa.array(fresh, type=pa.bool_()))
        new_keys = [k for k, f in zip(keys, fresh, strict=True) if f]
        key = batch_key(tables["articles"].column("content_sha256").to_pylist() + new_keys, EXTRACTOR_VERSION)
        # Files read whole whose articles are committed by now (earlier) or by this commit; `sources`
        # is renamed after `articles`, under a key of its own (a batch of skipped articles writes no articles).
        ids_now = dict(zip(tables["articles"].column("article_id").to_pylist(), tables["articles"].column("source_uri").to_pylist(), strict=True))
        read_whole = [(item, ids) for item, ids in batch.sources
                      if all(_from_file(ids_now.get(aid) or committed.get(aid), item.uri) for aid in ids)]
        own_keys = {}
        if read_whole:
            tables["sources"] = sources_table(read_whole, datetime.now(UTC))
            stamps = [f"{item.uri}\x1f{item.size}\x1f{item.stamp}" for item, _ in read_whole]
            own_keys["sources"] = batch_key(stamps, EXTRACTOR_VERSION)
        written, files = commit_tables(self.out_root, key, tables, own_keys)
        written.pop("sources", None)  # bookkeeping, not rows of the run's tables
        arts = tables["articles"]
        new_ids, new_uris = arts.column("article_id").to_pylist(), arts.column("source_uri").to_pylist()
        committed.update(zip(new_ids, new_uris, strict=True))
        for aid, uri in zip(new_ids, new_uris, strict=True):
            old = self.state.by_uri.get(uri)
            if old is not None and old != aid:
                self.replaced[old] = aid
            self.state.by_uri[uri] = aid
        known_rejects.update(new_keys)
        self.written_files.update(files)
        self.read_ids.update(batch.read_ids)
        batch.seconds["write"] += time.perf_counter() - clock
        return written, files

    def _mark_supersedes(self, articles: pa.Table) -> pa.Table:
        """Fill `supersedes` with the article each row's source held before (null for a new source)."""
        ids, uris = articles.column("article_id").to_pylist(), articles.column("source_uri").to_pylist()
        olds = [self.state.by_uri.get(uri) for uri in uris]
        column = pa.array([old if old != aid else None for aid, old in zip(ids, olds, strict=True)], pa.string())
        return articles.set_column(articles.schema.get_field_index("supersedes"), "supersedes", column)

    def finish(self) -> int:
        """Remove the rows this run replaced, and give every table a file; returns the articles removed.

        Replaced rows: those of an older extractor version whose article this run wrote again
        (every row this run did not write, on a full refresh), and older versions of corrected
        articles whose text this run did not read again.
        """
        reprocessed = None if self.full_refresh else set(self.state.articles) - set(self.known)
        if reprocessed is None or reprocessed:
            drop_superseded(self.out_root, EXTRACTOR_VERSION, self.written_files, reprocessed)
        current = set(self.state.by_uri.values())
        gone = {old for old in self.replaced if old not in self.read_ids and old not in current}
        if gone:
            drop_articles(self.out_root, gone)
            for aid in gone:
                self.state.articles.pop(aid, None)
        self.removed = len(gone)
        ensure_tables(self.out_root, DATA_TABLES)
        return self.removed
