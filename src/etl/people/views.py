"""SQL views for analysts: the derived tables, and `quotes` with its person, outlet and quotation ids.

`view_sql(source)` gives each view's SELECT, given how to read a stored table (so `newsetl sql`
can register them over any root it reads); `duckdb_views(out_root)` is the same for a local
output root, as `CREATE VIEW` statements for DuckDB:

    import duckdb
    from etl.people.views import duckdb_views
    con = duckdb.connect()
    for statement in duckdb_views("data/out"):
        con.execute(statement)
    con.sql("select name, quote_count from people order by quote_count desc limit 20")

pandas / Polars users join the files themselves, on both keys:
`quotes.merge(quote_links, on=["article_id", "quote_idx"], how="left")`.
"""

from __future__ import annotations

from collections.abc import Callable

from etl.people.derive import DERIVED_TABLES

_STORED = ("articles", "quotes", *DERIVED_TABLES)


def view_sql(source: Callable[[str], str]) -> dict[str, str]:
    """View name → its SELECT; `source(table)` is a FROM expression reading a stored table.

    `quotes` is the stored quotes with `person_id`, `via_id` and `quotation_id` joined from
    `quote_links` (left join: a quote the last build has not seen yet has nulls there).
    """
    views = {name: f"select * from {source(name)}" for name in DERIVED_TABLES}
    views["quotes"] = (
        f"select q.*, l.person_id, l.via_id, l.quotation_id from {source('quotes')} q "
        f"left join {source('quote_links')} l using (article_id, quote_idx)"
    )
    return views


def parquet_source(out_root: str) -> Callable[[str], str]:
    """A `source` for `view_sql` reading a local output root with DuckDB's `read_parquet`."""
    root = out_root.rstrip("/").replace("'", "''")
    return lambda table: f"read_parquet('{root}/{table}/**/*.parquet', union_by_name = true)"


def duckdb_views(out_root: str) -> list[str]:
    """`CREATE OR REPLACE VIEW` statements for every view of a local output root (after `articles`)."""
    source = parquet_source(out_root)
    statements = [f"create or replace view articles as select * from {source('articles')}"]
    statements += [f"create or replace view {name} as {sql}" for name, sql in view_sql(source).items()]
    return statements
