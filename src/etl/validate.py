"""Validate a batch's tables against the pandera contract; failing rows become rejects."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
from pandera.errors import SchemaErrors

from etl.records import Reject
from etl.tables import ARROW_SCHEMAS, CHILD_TABLES
from schemas import MODELS
from schemas.relations import child_of

_TYPES = {pa_arrow.int32(): pd.Int32Dtype(), pa_arrow.int64(): pd.Int64Dtype()}


def to_frame(table: pa_arrow.Table) -> pd.DataFrame:
    """An Arrow table as the pandas frame the pandera models expect (nullable Int32 offsets)."""
    return table.to_pandas(types_mapper=_TYPES.get)


def warm() -> None:
    """Load now what the first validation of each table would load: pandera's backends and every model's schema.

    pandera loads these lazily, at the first `validate` of a process (about 1 s of imports, dask's
    among them when it is installed). Called before worker processes fork, the workers share what the
    parent loaded instead of each loading it again while their first batch waits.
    """
    for name, model in MODELS.items():
        if name in ARROW_SCHEMAS:
            failing_rows(model, to_frame(ARROW_SCHEMAS[name].empty_table()))
    failing_rows(child_of({}), _relation_frame(to_frame(ARROW_SCHEMAS["quotes"].empty_table())))


def _relation_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the cross-table checks read, with the strings as plain Python objects.

    The checks walk these row by row in Python; iterating an Arrow-backed string column makes
    one pyarrow scalar per element (half the validation time), a NumPy object array does not.
    Missing values stay `pd.NA`, as in the Arrow-backed column. A frame that lacks one of the
    columns is returned as it is (the checks then fail it, as before).
    """
    names = ("article_id", "char_start", "char_end", "text")
    if any(name not in frame.columns for name in names):
        return frame
    cols = {}
    for name in names:
        col = frame[name]
        if col.dtype == "str" or isinstance(col.dtype, pd.StringDtype):
            values = col.to_numpy(dtype=object, na_value=pd.NA)
            col = pd.Series(values, index=frame.index, dtype=object, name=name)
        cols[name] = col
    return pd.DataFrame(cols, index=frame.index)


def failing_rows(schema: pa.DataFrameSchema | type[pa.DataFrameModel], frame: pd.DataFrame) -> dict[int, list[str]]:
    """Row position → the checks it failed (`column:check`, or `check` for a row-wide check)."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        failed: dict[int, list[str]] = {}
        whole_frame: list[str] = []
        for context, column, check, index in zip(cases["schema_context"], cases["column"], cases["check"], cases["index"], strict=True):
            label = f"{column}:{check}" if context == "Column" else str(check)
            if pd.isna(index):
                whole_frame.append(label)  # e.g. a missing column or wrong dtype: every row fails
            elif label not in (checks := failed.setdefault(int(index), [])):
                checks.append(label)
        if whole_frame:
            return {i: whole_frame for i in range(len(frame))}
        return failed
    return {}


def validate_tables(
    tables: dict[str, pa_arrow.Table], uri_of: dict[str, str], now: datetime
) -> tuple[dict[str, pa_arrow.Table], list[Reject]]:
    """Validate `articles`, then each child table against the surviving articles.

    Args:
        tables: the batch's Arrow tables by name (`articles` and the child tables).
        uri_of: `article_id` → source URI, for reject rows.
        now: the time stamped on reject rows.

    Returns:
        The tables with failing rows removed (a failing article takes its child rows with it),
        and one `Reject` per failing article or child row.
    """
    rejects: list[Reject] = []
    articles = tables["articles"]
    bad = failing_rows(MODELS["articles"], to_frame(articles))
    ids = articles.column("article_id").to_pylist()
    for pos, checks in bad.items():
        rejects.append(_reject(uri_of.get(ids[pos], ids[pos]), "articles", checks, ids[pos], now))
    articles = _drop(articles, bad)
    texts = dict(zip(articles.column("article_id").to_pylist(), articles.column("text").to_pylist(), strict=True))
    out = {"articles": articles}
    relation = child_of(texts)
    for name in CHILD_TABLES:
        if name not in tables:
            continue
        table = tables[name]
        frame = to_frame(table)
        bad = failing_rows(MODELS[name], frame)
        for pos, checks in failing_rows(relation, _relation_frame(frame)).items():
            bad.setdefault(pos, []).extend(checks)
        child_ids = table.column("article_id").to_pylist()
        per_article: dict[str, list[list[str]]] = defaultdict(list)
        for pos, checks in bad.items():
            per_article[child_ids[pos]].append(checks)
        for aid, failures in per_article.items():
            if aid in texts:  # rows of a rejected article are already accounted for
                checks = list(dict.fromkeys(c for row in failures for c in row))
                rejects.append(_reject(uri_of.get(aid, aid), name, checks, aid, now, len(failures)))
        out[name] = _drop(table, bad)
    return out, rejects


def _drop(table: pa_arrow.Table, bad: dict[int, list[str]]) -> pa_arrow.Table:
    if not bad:
        return table
    keep = [i not in bad for i in range(table.num_rows)]
    return table.filter(pa_arrow.array(keep))


def _reject(uri: str, table: str, checks: list[str], article_id: str, now: datetime, n: int = 1) -> Reject:
    first = checks[0].split(":")[-1].split("(")[0].lower()
    code = f"schema_{table}:" + "".join(c if c.isalnum() else "_" for c in first).strip("_")
    rows = f"{n} {table} rows" if n > 1 else f"a {table} row" if table != "articles" else "the article row"
    names = ", ".join(repr(c) for c in checks[:5])
    return Reject(
        source_uri=uri, stage="validate", reason=code[:80],
        detail=f"{rows[0].upper()}{rows[1:]} failed the data contract ({names}) and {'were' if n > 1 else 'was'} left out.",
        rejected_at=now, article_id=article_id,
    )
