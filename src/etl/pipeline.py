"""The stage order for one batch: read → ingest → sections → quotes → figures → tables → validate.

Kedro-style: each stage is a plain function from `etl`; this module wires them for one batch
of input files. Committing a batch and the bookkeeping across batches of a run are in
`etl.incremental`; the run loop over batches is `etl.runloop`. Nothing here imports Prefect.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa

from etl import EXTRACTOR_VERSION
from etl.extract.figures import extract_figures
from etl.extract.quotes import extract_quotes
from etl.extract.sections import split_sections
from etl.ingest import ingest_bytes  # noqa: F401 - `read_input` imports it lazily: loaded here, before workers fork
from etl.io.read import InputFile, read_input
from etl.records import Article, Reject, Section
from etl.settings import Settings
from etl.tables import CHILD_TABLES, articles_table, child_table, rejects_table
from etl.validate import validate_tables

log = logging.getLogger("newsetl")

STAGES: tuple[str, ...] = ("ingest", "sections", "quotes", "figures", "validate", "write")

# Set when the run is asked to stop (Ctrl-C, SIGTERM): a batch extracting in a thread of this
# process stops at its next input instead of finishing. Process and Dask workers finish theirs.
STOP = threading.Event()


class BatchStopped(Exception):
    """A batch gave up part-way because the run was asked to stop (`STOP`); nothing of it is written."""


@dataclass(slots=True)
class BatchResult:
    """What one batch produced: its tables (validated) and counts for the run summary.

    `records` counts what was read (articles, skipped articles and rejects: a JSONL file
    holds many); `read_ids` are the article ids read, whatever became of them; `sources` are
    the input files (with a stamp) whose every record was an article, with those articles' ids.
    """

    tables: dict[str, pa.Table]
    inputs: int = 0
    records: int = 0
    skipped: int = 0
    dates_unreadable: int = 0
    read_ids: set[str] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    sources: list[tuple[InputFile, list[str]]] = field(default_factory=list)


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
        if STOP.is_set():
            raise BatchStopped("the run was asked to stop")
        whole, ids = item.stamp is not None, []  # every record of the file an article: recorded in `sources`
        for rec in read_input(item, settings.max_bytes, now):
            result.records += 1
            if rec.article_id is not None:
                result.read_ids.add(rec.article_id)
            if isinstance(rec, Reject):
                rejects.append(rec)
                whole = False
            elif rec.article_id in known and known[rec.article_id] == rec.source_uri:
                result.skipped += 1
                ids.append(rec.article_id)
            elif rec.article_id in known or rec.article_id in in_batch:
                first = known.get(rec.article_id) or in_batch[rec.article_id]
                rejects.append(duplicate_reject(rec, first, now))
                whole = False
            else:
                ids.append(rec.article_id)
                in_batch[rec.article_id] = rec.source_uri
                articles.append(rec)
                if rec.published_raw is not None and rec.published_at is None:
                    result.dates_unreadable += 1
                    log.warning("%s: publication date %r could not be read; kept in published_raw", rec.source_uri, rec.published_raw[:80])
        if whole and ids:
            result.sources.append((item, ids))
    result.seconds["ingest"] += time.perf_counter() - clock

    per_table: dict[str, list[tuple[str, list]]] = {name: [] for name in CHILD_TABLES}
    for article in articles:
        if STOP.is_set():
            raise BatchStopped("the run was asked to stop")
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


def rejects_by_reason(batch: BatchResult) -> Counter[str]:
    """How many rejects of each reason code the batch holds."""
    return Counter(batch.tables["rejects"].column("reason").to_pylist())
