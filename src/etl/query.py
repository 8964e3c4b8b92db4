"""SQL over an output root: every table folder as a DuckDB view by name (`newsetl sql`).

    con = connect("data/out")                      # views articles, sections, quotes, ...
    con.sql("select kind, count(*) from sections group by 1")

`table_views` lists the views (one per table folder that holds a Parquet file; `quotes` carries
the people tables' ids joined from `quote_links` once they are built); `connect` takes
extra derived views by name (`{"speakers": "select ... from quotes ..."}`), created after the
tables so that they can read them.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from etl.io.parquet import table_files
from etl.io.read import _is_local, open_root
from etl.tables import DERIVED_TABLES, TABLES


class QueryError(Exception):
    """The query cannot run: no output there, bad SQL, or an unwritable result file (one-line message)."""


def table_views(out_root: str) -> dict[str, str]:
    """View name → the SQL that reads that table: one per table folder of `out_root` holding a Parquet file.

    Tables of the data contract come first, in contract order; other folders (tables a later
    version added) follow by name. Folders whose names start with `_` or `.` are not tables.

    Raises:
        QueryError: the root cannot be opened or holds no newsetl table.
    """
    try:
        fs, root = open_root(out_root)
        names = [p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(root, detail=False) if fs.isdir(p)] if fs.exists(root) else []
    except (OSError, ValueError, ImportError) as exc:
        raise QueryError(f"output {out_root!r} cannot be opened: {exc}") from None
    names = [n for n in names if not n.startswith(("_", "."))]
    ordered = [t for t in TABLES if t in names] + sorted(n for n in names if n not in TABLES)
    prefix = root if _is_local(fs) else fs.unstrip_protocol(root)
    views = {name: f"select * from read_parquet('{_quote(prefix)}/{name}/**/*.parquet', union_by_name = true)"
             for name in ordered if table_files(fs, root, name)}
    if not views:
        raise QueryError(f"no newsetl tables under {out_root!r}: give the --out folder of a run, or run `newsetl run INPUT --out {out_root}` first")
    return _quotes_with_ids(views)


def _quotes_with_ids(views: dict[str, str]) -> dict[str, str]:
    """`quotes` with `person_id`, `via_id` and `quotation_id` joined from `quote_links`, where the people tables are built."""
    from etl.people.views import view_sql

    reads = {name: sql.removeprefix("select * from ") for name, sql in views.items()}
    if "quotes" not in reads or not all(t in reads for t in DERIVED_TABLES):
        return views
    return {**views, "quotes": view_sql(reads.__getitem__)["quotes"]}


def _quote(text: str) -> str:
    return text.replace("'", "''")


def connect(out_root: str, extra_views: Mapping[str, str] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of `out_root`, then `extra_views` (name → SQL)."""
    views = table_views(out_root)
    con = duckdb.connect()
    fs, _ = open_root(out_root)
    if not _is_local(fs):
        con.register_filesystem(fs)
    for name, sql in {**views, **(extra_views or {})}.items():
        con.execute(f'create view "{name}" as {sql}')
    return con


def run_query(out_root: str, sql: str, extra_views: Mapping[str, str] | None = None) -> duckdb.DuckDBPyRelation:
    """The result of `sql` over the tables of `out_root` (a DuckDB relation: `.fetchall()`, `.df()`, `.arrow()`, ...).

    Raises:
        QueryError: no tables there, or DuckDB refused the query (its first line is kept).
    """
    con = connect(out_root, extra_views)
    try:
        relation = con.sql(sql)
    except duckdb.Error as exc:
        raise QueryError(_first_line(exc)) from None
    if relation is None:
        raise QueryError("the statement returns no rows: give a query (select …)")
    return relation


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
