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
from collections.abc import Iterator, Mapping
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

    __slots__ = ("articles", "by_uri", "rejects", "sources", "stale")

    def __init__(self, articles: dict[str, str], rejects: set[str], by_uri: dict[str, str] | None = None,
                 stale: dict[str, str] | None = None, sources: pa.Table | None = None) -> None:
        self.articles = articles
        self.rejects = rejects
        self.by_uri = dict(by_uri) if by_uri is not None else {uri: aid for aid, uri in articles.items()}
        self.stale = stale or {}
        self.sources = sources if sources is not None else SOURCE_READINGS.empty_table()  # see `load_sources`

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
        by_uri=by_uri, stale=stale, sources=load_sources(out_root, arts),
    )


# One row per article of each input file's newest reading: whether the article is still in the output under that file's name.
SOURCE_READINGS = pa.schema([("source_uri", pa.string()), ("article_id", pa.string()), ("size_bytes", pa.int64()),
                             ("mtime_ns", pa.int64()), ("ctime_ns", pa.int64()), ("inode", pa.int64()), ("in_output", pa.bool_())])
_STAMP = ("size_bytes", "mtime_ns", "ctime_ns", "inode")


def load_sources(out_root: str, articles: pa.Table | None = None) -> pa.Table:
    """The article rows (`SOURCE_READINGS`) of each input file's newest `sources` reading of the current extractor version.

    `in_output` says whether the article is in `articles` (current extractor version) under this
    file's name. `articles` (its `article_id`, `source_uri`, `extractor_version` columns) is read
    when not given. Arrow throughout: no Python object per article.
    """
    cols = ["source_uri", "article_id", "size_bytes", "mtime_ns", "ctime_ns", "inode", "extractor_version", "recorded_at"]
    src = read_columns(out_root, "sources", cols)
    src = src.filter(pc.equal(src.column("extractor_version"), EXTRACTOR_VERSION))
    if src.num_rows == 0:
        return SOURCE_READINGS.empty_table()
    newest = src.group_by("source_uri").aggregate([("recorded_at", "max")])
    src = src.join(newest, "source_uri")  # a newer reading of a file replaces the older ones
    src = src.filter(pc.equal(src.column("recorded_at"), src.column("recorded_at_max")))
    if articles is None:
        articles = read_columns(out_root, "articles", ["article_id", "source_uri", "extractor_version"])
    current = articles.filter(pc.equal(articles.column("extractor_version"), EXTRACTOR_VERSION))
    current = pa.table({"article_id": current.column("article_id"), "article_uri": current.column("source_uri")})
    src = src.join(current, "article_id", join_type="left outer")
    file_uri, article_uri = src.column("source_uri"), src.column("article_uri")
    same = pc.fill_null(pc.equal(article_uri, file_uri), False)
    in_output = same
    if not pc.all(same).as_py():  # a JSONL line's article is named `file#line`: checked in Python
        flags, articles_at, files_at = same.to_pylist(), article_uri.to_pylist(), file_uri.to_pylist()
        in_output = pa.array([s or _from_file(a, f) for s, a, f in zip(flags, articles_at, files_at, strict=True)], pa.bool_())
    return pa.table([*(src.column(c) for c in ("source_uri", "article_id", *_STAMP)), in_output], schema=SOURCE_READINGS)


def unchanged_files(items: list[InputFile], readings: pa.Table) -> tuple[list[bool], int, pa.Array]:
    """Which listed files are unchanged since their newest reading (`load_sources`), with their articles all still in the output.

    Returns:
        Per item, whether it can be left unread; how many articles those files hold; their ids.
    """
    none = ([False] * len(items), 0, pa.array([], pa.string()))
    if readings.num_rows == 0 or not items:
        return none
    per_file = readings.group_by("source_uri").aggregate(
        [(c, "min") for c in _STAMP] + [(c, "max") for c in _STAMP] + [("in_output", "all"), ("article_id", "count")])
    stamps = [item.stamp if item.stamp is not None and item.problem is None else (None, None, None) for item in items]
    listing = pa.table({
        "source_uri": pa.array([item.uri for item in items], pa.string()),
        "pos": pa.array(range(len(items)), pa.int64()),
        "eligible": pa.array([item.stamp is not None and item.problem is None for item in items], pa.bool_()),
        "size_now": pa.array([item.size for item in items], pa.int64()),
        "mtime_now": pa.array([st[0] for st in stamps], pa.int64()),
        "ctime_now": pa.array([st[1] for st in stamps], pa.int64()),
        "inode_now": pa.array([st[2] for st in stamps], pa.int64()),
    })
    joined = listing.join(per_file, "source_uri", join_type="left outer")
    skip = pc.and_kleene(joined.column("eligible"), pc.fill_null(joined.column("in_output_all"), False))
    for name, now in zip(_STAMP, ("size_now", "mtime_now", "ctime_now", "inode_now"), strict=True):
        lo, hi, value = joined.column(f"{name}_min"), joined.column(f"{name}_max"), joined.column(now)
        # one stamp in the reading, equal to the listing's (both missing counts as equal: remote files have no inode)
        nulls = pc.and_(pc.is_null(value), pc.and_(pc.is_null(lo), pc.is_valid(joined.column("article_id_count"))))
        same = pc.or_(pc.fill_null(pc.and_(pc.equal(lo, value), pc.equal(hi, value)), False), nulls)
        skip = pc.and_(skip, same)
    skip = pc.fill_null(skip, False)
    mask = [False] * len(items)
    for pos in joined.filter(skip).column("pos").to_pylist():
        mask[pos] = True
    skipped = joined.filter(skip)
    n = pc.sum(skipped.column("article_id_count")).as_py() or 0
    ids = readings.filter(pc.is_in(readings.column("source_uri"), value_set=skipped.column("source_uri").combine_chunks())).column("article_id")
    return mask, int(n), ids.combine_chunks()


def has_stale(articles: pa.Table) -> bool:
    """Whether some source URI holds more than one article (an older version of a corrected article is still there)."""
    if articles.num_rows == 0:
        return False
    per_uri = articles.group_by("source_uri").aggregate([("article_id", "count_distinct")])
    return bool(pc.any(pc.greater(per_uri.column("article_id_count_distinct"), 1)).as_py())


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
        if self.full_refresh or self.state.sources.num_rows == 0:
            return list(items), 0
        mask, skipped, ids = unchanged_files(items, self.state.sources)
        self.read_ids.update(ids.to_pylist())
        return [item for item, leave in zip(items, mask, strict=True) if not leave], skipped

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
