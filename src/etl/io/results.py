"""A query result given to the operator: an aligned text table, CSV, or a Parquet file (`newsetl sql`)."""

from __future__ import annotations

import io
import uuid
from typing import TextIO

import fsspec
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

MAX_CELL = 60  # characters of a cell shown in the text table; CSV and Parquet keep everything


def write_result(table: pa.Table, fmt: str, output: str | None, stdout: TextIO) -> None:
    """Write `table` as `fmt` (`table`, `csv`, `parquet`) to `output` (path or fsspec URL), or to `stdout`.

    A file is written under a temporary name and renamed into place.

    Raises:
        ValueError: `parquet` without an output file, or an unknown format.
        OSError: the file cannot be written.
    """
    if fmt == "parquet":
        if not output:
            raise ValueError("Parquet is written to a file: give one")
        buf = io.BytesIO()
        pq.write_table(table, buf, compression="zstd")
        _write_file(output, buf.getvalue())
    elif fmt == "csv":
        buf = io.BytesIO()
        pacsv.write_csv(table, buf)
        if output:
            _write_file(output, buf.getvalue())
        else:
            stdout.write(buf.getvalue().decode("utf-8"))
    elif fmt == "table":
        text = render_table(table)
        if output:
            _write_file(output, text.encode("utf-8"))
        else:
            stdout.write(text)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def render_table(table: pa.Table) -> str:
    """The rows as aligned text columns under a header, then a line with the row count."""
    names = table.column_names
    rows = [[_cell(v) for v in row.values()] for row in table.to_pylist()]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    numeric = [pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t) for t in table.schema.types]
    lines = ["  ".join(n.rjust(w) if num else n.ljust(w) for n, w, num in zip(names, widths, numeric, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        lines.append("  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric, strict=True)).rstrip())
    lines.append(f"({len(rows):,} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _write_file(path: str, data: bytes) -> None:
    fs, target = fsspec.core.url_to_fs(path)
    folder, _, name = target.rpartition("/")
    if folder:
        fs.makedirs(folder, exist_ok=True)
    tmp = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.tmp" if folder else f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with fs.open(tmp, "wb") as fh:
            fh.write(data)
        fs.mv(tmp, target)
    except BaseException:
        if fs.exists(tmp):
            fs.rm(tmp)
        raise
