"""The data dictionary, generated from the pandera models in `schemas/`."""

from __future__ import annotations

import pandera.pandas as pa

from etl.tables import ARROW_SCHEMAS
from schemas import MODELS, REASONS


def _checks(column: pa.Column) -> str:
    names = []
    for check in column.checks:
        stats = {k: v for k, v in (check.statistics or {}).items() if v is not None}
        if check.name == "isin":
            names.append("one of: " + ", ".join(f"`{v}`" for v in stats.get("allowed_values", [])))
        elif stats:
            names.append(f"{check.name}(" + ", ".join(f"{k}={v!r}" for k, v in stats.items()) + ")")
        else:
            names.append(check.name)
    if column.unique:
        names.append("unique")
    return "; ".join(names)


def render_markdown() -> str:
    """The data dictionary as Markdown: per table, its grain, then each column's type, nullability, checks and description."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from the pandera models in `schemas/` by `newsetl schema`; do not edit by hand.",
        "Offsets are `[char_start, char_end)` in code points into `articles.text`.",
    ]
    for name, model in MODELS.items():
        schema = model.to_schema()
        arrow = ARROW_SCHEMAS[name]
        lines += ["", f"## `{name}`", "", schema.description or "", ""]
        table_checks = list(schema.checks)
        lines += ["| column | Parquet type | nullable | checks | description |", "|---|---|---|---|---|"]
        for col_name, column in schema.columns.items():
            desc = (column.description or "").replace("|", "\\|").replace("\n", " ")
            checks = _checks(column).replace("|", "\\|")
            lines.append(f"| `{col_name}` | {arrow.field(col_name).type} | {'yes' if column.nullable else 'no'} | {checks} | {desc} |")
        if table_checks or schema.unique:
            lines += ["", "Row checks:"]
            if schema.unique:
                lines.append(f"- unique key: ({', '.join(schema.unique)})")
            lines += [f"- {c.description or c.name}" for c in table_checks]
    lines += ["", "## Reject reasons", "", "The codes `rejects.reason` may hold (the registry in `schemas/reasons.py`).", "",
              "| reason | stage | meaning |", "|---|---|---|"]
    for r in REASONS:
        lines.append(f"| `{r.code}` | {', '.join(r.stages)} | {r.meaning.replace('|', chr(92) + '|')} |")
    return "\n".join(lines) + "\n"
