"""The table registry: every output table once, with its model, its Arrow type per column and its commit order.

The pandera models are the data dictionary and the one declaration of each column; the Parquet
(Arrow) type of a column follows from its annotation (`Series[pd.Int32Dtype]` → `int32`), or
from `metadata={"arrow": ...}` on its Field where the annotation cannot say (`published_at`,
a Python `date` held as `object`, is `date32[day]`). `etl.tables` builds the Arrow schemas
from `Table.arrow_columns()`; the table lists and the commit order everywhere come from here.
Arrow types are named as pyarrow prints them, so this package needs no pyarrow.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.pandas as pa

from schemas.articles import Articles
from schemas.figures import Figures
from schemas.people import Outlets, People, Quotations, QuoteLinks
from schemas.quotes import Quotes
from schemas.rejects import Rejects
from schemas.runs import Runs
from schemas.sections import Sections
from schemas.sources import Sources

# Annotation → Arrow type name. int32 offsets and positions: articles are capped far below 2**31
# characters by the input size limit. Timestamps take their unit and zone from the Field's dtype_kwargs.
_ARROW_OF: dict[type, str] = {str: "string", float: "double", pd.Int32Dtype: "int32", pd.Int64Dtype: "int64"}

# Which tables are written first when a batch is committed: rejects, then an article's child rows,
# then `articles` (an article present in `articles` has all its rows in place), then `sources` (a file is
# recorded as read once its articles are in place), then `runs`. Derived tables are rebuilt whole from
# everything committed, at the end of a run (`etl.people`).
_COMMIT_RANK = {"reject": 0, "child": 1, "article": 2, "source": 3, "run": 4, "derived": 5}


@dataclass(frozen=True)
class Table:
    """One output table: its name (the dataset folder), model, role, and for child tables the per-article row number."""

    name: str
    model: type[pa.DataFrameModel]
    role: typing.Literal["article", "child", "reject", "source", "run", "derived"]
    position: str | None = None  # child tables: the column numbering an article's rows from 0

    def arrow_columns(self) -> tuple[tuple[str, str], ...]:
        """(column, Arrow type name) in file order: the model's columns, in the model's order."""
        return _arrow_columns(self.model)


@cache
def _arrow_columns(model: type[pa.DataFrameModel]) -> tuple[tuple[str, str], ...]:
    hints = typing.get_type_hints(model)
    out = []
    for name, column in model.to_schema().columns.items():
        explicit = (column.metadata or {}).get("arrow")
        out.append((name, explicit or _arrow_of_annotation(model, name, hints[name], column)))
    return tuple(out)


def _arrow_of_annotation(model: type[pa.DataFrameModel], name: str, hint: object, column: pa.Column) -> str:
    (arg,) = typing.get_args(hint)
    if arg is pd.DatetimeTZDtype:
        dtype = column.dtype.type  # the Field's dtype_kwargs: unit and zone
        return f"timestamp[{dtype.unit}, tz={dtype.tz}]"
    if arg not in _ARROW_OF:
        raise TypeError(f"{model.__name__}.{name}: no Arrow type for {arg!r}; give the Field metadata={{'arrow': ...}}")
    return _ARROW_OF[arg]


# In reading order: the data dictionary and the report list the tables this way.
TABLES: tuple[Table, ...] = (
    Table("articles", Articles, "article"),
    Table("sections", Sections, "child", "section_idx"),
    Table("quotes", Quotes, "child", "quote_idx"),
    Table("figures", Figures, "child", "figure_idx"),
    Table("rejects", Rejects, "reject"),
    Table("runs", Runs, "run"),
    Table("sources", Sources, "source"),
    Table("people", People, "derived"),
    Table("outlets", Outlets, "derived"),
    Table("quotations", Quotations, "derived"),
    Table("quote_links", QuoteLinks, "derived"),
)
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
COMMIT_ORDER: tuple[str, ...] = tuple(t.name for t in sorted(TABLES, key=lambda t: _COMMIT_RANK[t.role]))
CHILD_TABLES: dict[str, str] = {t.name: t.position for t in TABLES if t.position}

DERIVED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES if t.role == "derived")
# Tables left out of the data contract's fingerprint: rebuilt (derived) or bookkeeping (sources).
UNCONTRACTED_TABLES: tuple[str, ...] = (*DERIVED_TABLES, *(t.name for t in TABLES if t.role == "source"))
