"""The output tables' explicit Arrow schemas, and records turned into Arrow tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pyarrow as pa

from etl.records import Article, Figure, Quote, Reject, Section

_UTC_US = pa.timestamp("us", tz="UTC")

# One schema per table; schemas/ (pandera) validates the same columns, and a test keeps the two
# in step. int32 offsets: articles are capped far below 2**31 characters by the size limit.
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", pa.string()), ("source_uri", pa.string()), ("title", pa.string()),
        ("section_label", pa.string()), ("text", pa.string()), ("content_sha256", pa.string()),
        ("n_chars", pa.int32()), ("published_at", pa.date32()), ("url", pa.string()),
        ("extractor_version", pa.string()), ("ingested_at", _UTC_US),
    ]),
    "sections": pa.schema([
        ("article_id", pa.string()), ("section_idx", pa.int32()), ("kind", pa.string()),
        ("text", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
        ("extractor_version", pa.string()),
    ]),
    "quotes": pa.schema([
        ("article_id", pa.string()), ("quote_idx", pa.int32()), ("kind", pa.string()),
        ("text", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
        ("speaker", pa.string()), ("speaker_char_start", pa.int32()), ("speaker_char_end", pa.int32()),
        ("cue", pa.string()), ("via", pa.string()), ("extractor_version", pa.string()),
    ]),
    "figures": pa.schema([
        ("article_id", pa.string()), ("figure_idx", pa.int32()), ("kind", pa.string()),
        ("text", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
        ("value", pa.float64()), ("value_high", pa.float64()), ("unit", pa.string()),
        ("subject", pa.string()), ("normalized", pa.string()), ("extractor_version", pa.string()),
    ]),
    "rejects": pa.schema([
        ("source_uri", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
        ("detail", pa.string()), ("article_id", pa.string()), ("content_sha256", pa.string()),
        ("rejected_at", _UTC_US),
    ]),
    "runs": pa.schema([
        ("run_id", pa.string()), ("flow_run_id", pa.string()), ("started_at", _UTC_US), ("finished_at", _UTC_US),
        ("input_root", pa.string()), ("files_seen", pa.int64()), ("articles_new", pa.int64()),
        ("articles_skipped", pa.int64()), ("rejected", pa.int64()), ("rows_articles", pa.int64()),
        ("rows_sections", pa.int64()), ("rows_quotes", pa.int64()), ("rows_figures", pa.int64()),
        ("rows_rejects", pa.int64()), ("rejects_by_reason", pa.string()), ("duration_s", pa.float64()),
        ("package_version", pa.string()), ("extractor_version", pa.string()),
    ]),
    # Derived from every committed article at the end of a run (etl.people): one file per table.
    "people": pa.schema([
        ("person_id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("aliases", pa.list_(pa.string())),
        ("gender", pa.string()), ("he_mentions", pa.int64()), ("she_mentions", pa.int64()), ("it_mentions", pa.int64()),
        ("male_honorifics", pa.int64()), ("female_honorifics", pa.int64()), ("quote_count", pa.int64()),
        ("article_count", pa.int64()), ("first_seen", pa.date32()), ("last_seen", pa.date32()), ("merged_ids", pa.list_(pa.string())),
    ]),
    "outlets": pa.schema([
        ("via_id", pa.string()), ("name", pa.string()), ("forms", pa.list_(pa.string())), ("quote_count", pa.int64()),
        ("article_count", pa.int64()), ("first_seen", pa.date32()), ("last_seen", pa.date32()), ("merged_ids", pa.list_(pa.string())),
    ]),
    "quotations": pa.schema([
        ("quotation_id", pa.string()), ("text", pa.string()), ("person_id", pa.string()), ("occurrences", pa.int64()),
        ("articles", pa.int64()), ("outlets", pa.int64()), ("first_seen", pa.date32()), ("first_article_id", pa.string()),
        ("merged_ids", pa.list_(pa.string())),
    ]),
    "quote_links": pa.schema([
        ("article_id", pa.string()), ("quote_idx", pa.int32()), ("person_id", pa.string()), ("via_id", pa.string()),
        ("quotation_id", pa.string()),
    ]),
}
TABLES: tuple[str, ...] = tuple(ARROW_SCHEMAS)
CHILD_TABLES: dict[str, str] = {"sections": "section_idx", "quotes": "quote_idx", "figures": "figure_idx"}


def articles_table(articles: Sequence[Article]) -> pa.Table:
    """The `articles` rows for these articles."""
    cols = _columns(articles, ARROW_SCHEMAS["articles"], extra={"n_chars": lambda a: len(a.text)})
    return pa.Table.from_pydict(cols, schema=ARROW_SCHEMAS["articles"])


def child_table(
    name: str, per_article: Sequence[tuple[str, Sequence[Section | Quote | Figure]]], version: str
) -> pa.Table:
    """Rows of a child table (`sections`, `quotes`, `figures`) for many articles, numbered per article."""
    schema = ARROW_SCHEMAS[name]
    idx = CHILD_TABLES[name]
    own = {"article_id", idx, "extractor_version"}
    names = [f.name for f in schema if f.name not in own]
    cols: dict[str, list] = {f.name: [] for f in schema}
    for article_id, records in per_article:
        n = len(records)
        cols["article_id"] += [article_id] * n
        cols[idx] += range(n)
        for col in names:
            cols[col] += [getattr(r, col, None) for r in records]
    cols["extractor_version"] = [version] * len(cols["article_id"])
    return pa.Table.from_pydict(cols, schema=schema)


def rejects_table(rejects: Sequence[Reject]) -> pa.Table:
    """The `rejects` rows for these rejects."""
    return pa.Table.from_pydict(_columns(rejects, ARROW_SCHEMAS["rejects"]), schema=ARROW_SCHEMAS["rejects"])


def _columns(records: Sequence[object], schema: pa.Schema, extra: dict | None = None) -> dict[str, list]:
    extra = extra or {}
    fields = {f.name for f in dataclasses.fields(records[0])} if records else set()
    cols: dict[str, list] = {}
    for f in schema:
        if f.name in extra:
            cols[f.name] = [extra[f.name](r) for r in records]
        elif f.name in fields:
            cols[f.name] = [getattr(r, f.name) for r in records]
        else:
            cols[f.name] = [None] * len(records)
    return cols
