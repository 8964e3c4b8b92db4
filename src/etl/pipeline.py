"""The stage order: read → ingest → sections → quotes → figures → tables → validate → commit.

Kedro-style: each stage is a plain function from `etl`; this module wires them for one batch
of input files, and `flows/` maps batches onto Prefect tasks. Nothing here imports Prefect.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from etl import EXTRACTOR_VERSION
from etl.extract.figures import extract_figures
from etl.extract.quotes import extract_quotes
from etl.extract.sections import split_sections
from etl.io.parquet import batch_key, commit_tables
from etl.io.read import InputFile, read_input
from etl.records import Article, Reject, Section
from etl.settings import Settings
from etl.tables import CHILD_TABLES, articles_table, child_table, rejects_table
from etl.validate import validate_tables

log = logging.getLogger("newsetl")

STAGES: tuple[str, ...] = ("ingest", "sections", "quotes", "figures", "validate", "write")


@dataclass(slots=True)
class BatchResult:
    """What one batch produced: its tables (validated) and counts for the run summary."""

    tables: dict[str, pa.Table]
    inputs: int = 0
    skipped: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))


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


def utcnow() -> datetime:
    """The current time in UTC (the tables store it to the microsecond)."""
    return datetime.now(UTC)


def _extract_all(article: Article, sections: Sequence[Section]) -> dict[str, Callable[[], list]]:
    return {
        "quotes": lambda: extract_quotes(article.text, sections),
        "figures": lambda: extract_figures(article.text, sections, article.published_at),
    }


def extract_batch(items: Sequence[InputFile], settings: Settings, known: Mapping[str, str] | None = None) -> BatchResult:
    """Read, extract and validate one batch of input files.

    Args:
        items: the listed input files of this batch.
        settings: run settings (size limit …).
        known: `article_id` → source URI of articles already in the output; those are
            skipped when read from the same URI again, and rejected as duplicates otherwise.

    Returns:
        The batch's validated tables, `rejects` included, and its counts and stage timings.
    """
    known = known or {}
    now = utcnow()
    result = BatchResult(tables={}, inputs=len(items))
    clock = time.perf_counter()
    articles: list[Article] = []
    rejects: list[Reject] = []
    in_batch: dict[str, str] = {}
    for item in items:
        for rec in read_input(item, settings.max_bytes, now):
            if isinstance(rec, Reject):
                rejects.append(rec)
            elif rec.article_id in known and known[rec.article_id] == rec.source_uri:
                result.skipped += 1
            elif rec.article_id in known or rec.article_id in in_batch:
                first = known.get(rec.article_id) or in_batch[rec.article_id]
                rejects.append(duplicate_reject(rec, first, now))
            else:
                in_batch[rec.article_id] = rec.source_uri
                articles.append(rec)
    result.seconds["ingest"] += time.perf_counter() - clock

    per_table: dict[str, list[tuple[str, list]]] = {name: [] for name in CHILD_TABLES}
    for article in articles:
        clock = time.perf_counter()
        sections = _guarded(lambda a=article: split_sections(a.text), article, "sections", now, rejects)
        result.seconds["sections"] += time.perf_counter() - clock
        per_table["sections"].append((article.article_id, sections))
        for stage, run in _extract_all(article, sections).items():
            clock = time.perf_counter()
            per_table[stage].append((article.article_id, _guarded(run, article, stage, now, rejects)))
            result.seconds[stage] += time.perf_counter() - clock

    clock = time.perf_counter()
    tables = {"articles": articles_table(articles)}
    tables.update({name: child_table(name, rows, EXTRACTOR_VERSION) for name, rows in per_table.items()})
    tables, invalid = validate_tables(tables, {a.article_id: a.source_uri for a in articles}, now)
    tables["rejects"] = rejects_table(rejects + invalid)
    result.seconds["validate"] += time.perf_counter() - clock
    result.tables = tables
    return result


def _guarded(run: Callable[[], list], article: Article, stage: str, now: datetime, rejects: list[Reject]) -> list:
    """Run one extractor on one article; an exception becomes a reject, never a failed batch."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - one bad article must not fail the batch
        log.warning("%s failed on %s: %r", stage, article.source_uri, exc)
        rejects.append(Reject(
            source_uri=article.source_uri, stage=stage, reason="extractor_error",
            detail=f"The {stage} extractor failed on this article ({exc.__class__.__name__}: {exc}); the article is kept without {stage}.",
            rejected_at=now, article_id=article.article_id, content_sha256=article.content_sha256,
        ))
        return []


def duplicate_reject(article: Article, first_uri: str, now: datetime) -> Reject:
    """The reject row for an article whose text was already read from another input."""
    return duplicate_reject_of(article.source_uri, article.article_id, article.content_sha256, first_uri, now)


def duplicate_reject_of(uri: str, article_id: str, sha: str, first_uri: str, now: datetime) -> Reject:
    """The reject row for input `uri` whose text is the article first read from `first_uri`."""
    return Reject(
        source_uri=uri, stage="ingest", reason="duplicate",
        detail=f"Same text (after normalisation) as {first_uri}; it is kept once, under that name.",
        rejected_at=now, article_id=article_id, content_sha256=sha,
    )


def reject_key(uri: str | None, stage: str | None, reason: str | None, sha: str | None) -> str:
    """Identity of a reject row: a re-run does not write the same reject twice."""
    return f"{uri}\x1f{stage}\x1f{reason}\x1f{sha or ''}"


def commit_batch(out_root: str, batch: BatchResult, committed: dict[str, str], known_rejects: set[str]) -> tuple[dict[str, int], list[str]]:
    """Write one batch's tables, leaving out articles another batch of this run already wrote.

    Args:
        out_root: the output root.
        batch: the batch's result.
        committed: `article_id` → source URI of articles written so far in this run; updated.
        known_rejects: `reject_key`s already in the output; updated.

    Returns:
        Rows written per table, and the paths of the files written.
    """
    clock = time.perf_counter()
    tables = dict(batch.tables)
    ids = tables["articles"].column("article_id").to_pylist()
    dup = [i for i, aid in enumerate(ids) if aid in committed]
    if dup:
        arts = tables["articles"]
        uris = arts.column("source_uri").to_pylist()
        shas = arts.column("content_sha256").to_pylist()
        now = utcnow()
        extra = [
            duplicate_reject_of(uris[i], ids[i], shas[i], committed[ids[i]], now) for i in dup
        ]
        drop = pa.array([ids[i] for i in dup])
        for name in ("articles", *CHILD_TABLES):
            t = tables[name]
            tables[name] = t.filter(pc.invert(pc.is_in(t.column("article_id"), value_set=drop)))
        tables["rejects"] = pa.concat_tables([tables["rejects"], rejects_table(extra)])
    batch.tables["rejects"] = rej = tables["rejects"]  # every reject found, for the run summary
    key_columns = (rej.column(c).to_pylist() for c in ("source_uri", "stage", "reason", "content_sha256"))
    keys = [reject_key(*row) for row in zip(*key_columns, strict=True)]
    fresh = [k not in known_rejects for k in keys]
    tables["rejects"] = rej.filter(pa.array(fresh, type=pa.bool_()))
    new_keys = [k for k, f in zip(keys, fresh, strict=True) if f]
    key = batch_key(tables["articles"].column("content_sha256").to_pylist() + new_keys, EXTRACTOR_VERSION)
    written, files = commit_tables(out_root, key, tables)
    committed.update(zip(tables["articles"].column("article_id").to_pylist(), tables["articles"].column("source_uri").to_pylist(), strict=True))
    known_rejects.update(new_keys)
    batch.seconds["write"] += time.perf_counter() - clock
    return written, files


class OutputState:
    """What the output root already holds: articles by id (with their URI) and reject keys.

    A plain class, not a dataclass: Prefect walks every entry of a dataclass's dicts and sets
    when it is a task argument (looking for futures), and this one grows to every article of
    the run; the flow passes it to the write task once per batch.
    """

    __slots__ = ("articles", "rejects")

    def __init__(self, articles: dict[str, str], rejects: set[str]) -> None:
        self.articles = articles
        self.rejects = rejects

    def __repr__(self) -> str:
        return f"OutputState({len(self.articles):,} articles, {len(self.rejects):,} reject keys)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OutputState) and (self.articles, self.rejects) == (other.articles, other.rejects)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces


def load_output_state(out_root: str, full_refresh: bool = False) -> OutputState:
    """Read the article ids and reject keys already written under `out_root` (current extractor version).

    With `full_refresh`, the state is empty: every input is processed again.
    """
    if full_refresh:
        return OutputState(articles={}, rejects=set())
    from etl.io.parquet import read_columns  # local: only the flow's planning step needs it

    arts = read_columns(out_root, "articles", ["article_id", "source_uri", "extractor_version"])
    current = [v == EXTRACTOR_VERSION for v in arts.column("extractor_version").to_pylist()]
    arts = arts.filter(pa.array(current, type=pa.bool_()))
    rej = read_columns(out_root, "rejects", ["source_uri", "stage", "reason", "content_sha256"])
    return OutputState(
        articles=dict(zip(arts.column("article_id").to_pylist(), arts.column("source_uri").to_pylist(), strict=True)),
        rejects={reject_key(*r) for r in zip(*(rej.column(c).to_pylist() for c in rej.column_names), strict=True)},
    )


def rejects_by_reason(batch: BatchResult) -> Counter[str]:
    """How many rejects of each reason code the batch holds."""
    return Counter(batch.tables["rejects"].column("reason").to_pylist())
