"""The `rejects` table: one row per input or row that did not make it into the output."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.reasons import CODES, REASONS, STAGES

_REASON = ("A short stable code from the reject reason registry (the data dictionary lists each with its meaning): "
           + ", ".join(f"`{r.code}`" for r in REASONS if not r.code.startswith("schema_"))
           + "; `schema_<table>:<check>` for a row that failed the data contract, naming the check.")


class Rejects(pa.DataFrameModel):
    """One row per rejected input file or output row, with the reason."""

    source_uri: Series[str] = pa.Field(str_length={"min_value": 1}, description="The input the reject is about (path or URL, `#file` for a JSONL line).")
    stage: Series[str] = pa.Field(isin=list(STAGES), description="Where it was rejected: " + ", ".join(STAGES) + ".")
    reason: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*(:[a-z0-9_]*)?$", description=_REASON)
    detail: Series[str] = pa.Field(str_length={"min_value": 1}, description="A sentence a person understands: what was wrong and what to do.")
    article_id: Series[str] = pa.Field(nullable=True, description="The article concerned, when its text could be read.")
    content_sha256: Series[str] = pa.Field(nullable=True, description="SHA-256 of the normalised text, when it could be read.")
    rejected_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the run rejected it (UTC).")

    @pa.check("reason", name="registered_code")
    def reason_is_registered(cls, reason: Series[str]) -> Series[bool]:
        """The code (before any `:<check>`) is in the reject reason registry."""
        return reason.str.split(":", n=1).str[0].isin(CODES)

    @pa.dataframe_check(name="stage_of_code")
    def stage_fits_code(cls, df: pd.DataFrame) -> Series[bool]:
        """The stage is one that writes the reason's code."""
        stages = {r.code: r.stages for r in REASONS}
        pairs = zip(df["reason"].str.split(":", n=1).str[0], df["stage"], strict=True)
        return pd.Series([stage in stages.get(code, ()) for code, stage in pairs], index=df.index, dtype=bool)

    class Config:
        name = "rejects"
        title = "Rejects"
        description = "One row per input file or output row that was rejected, with the reason (grain: source_uri, stage, reason)."
        strict = True
        coerce = False
