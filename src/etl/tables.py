"""The output tables' Arrow schemas (the table registry in `schemas/`, as plain data in `etl.table_columns`), and records turned into Arrow tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pyarrow as pa

from etl.records import Article, Figure, Quote, Reject, Section
from etl.table_columns import CHILD_TABLES, COLUMNS, COMMIT_ORDER, DERIVED_TABLES, UNCONTRACTED_TABLES

__all__ = [
    "ARROW_SCHEMAS", "CHILD_TABLES", "COMMIT_ORDER", "DERIVED_TABLES", "TABLES", "UNCONTRACTED_TABLES",
    "arrow_schema", "articles_table", "child_table", "rejects_table",
]

# The Arrow types the table registry may name, by the name pyarrow prints for each.
_ARROW_TYPES: dict[str, pa.DataType] = {
    str(t): t for t in (pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32(), pa.timestamp("us", tz="UTC"), pa.list_(pa.string()))
}


def arrow_schema(table: str, columns: Sequence[tuple[str, str]]) -> pa.Schema:
    """The Arrow schema of one table from its (column, Arrow type name) pairs, in order."""
    fields = []
    for name, type_name in columns:
        if type_name not in _ARROW_TYPES:
            raise TypeError(f"{table}.{name}: unknown Arrow type {type_name!r} (known: {', '.join(_ARROW_TYPES)})")
        fields.append((name, _ARROW_TYPES[type_name]))
    return pa.schema(fields)


ARROW_SCHEMAS: dict[str, pa.Schema] = {name: arrow_schema(name, columns) for name, columns in COLUMNS.items()}
TABLES: tuple[str, ...] = tuple(ARROW_SCHEMAS)


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
