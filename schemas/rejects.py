"""The `rejects` table: one row per input or row that did not make it into the output."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

STAGES = ["ingest", "sections", "quotes", "figures", "validate"]


class Rejects(pa.DataFrameModel):
    """One row per rejected input file or output row, with the reason."""

    source_uri: Series[str] = pa.Field(str_length={"min_value": 1}, description="The input the reject is about (path or URL, `#file` for a JSONL line).")
    stage: Series[str] = pa.Field(isin=STAGES, description="Where it was rejected: " + ", ".join(STAGES) + ".")
    reason: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_:]*$", description="A short stable code: `empty`, `binary`, `undecodable`, `truncated`, `too_large`, `html_as_text`, `no_headline`, `duplicate`, `schema:<table>:<check>` …")
    detail: Series[str] = pa.Field(str_length={"min_value": 1}, description="A sentence a person understands: what was wrong and what to do.")
    article_id: Series[str] = pa.Field(nullable=True, description="The article concerned, when its text could be read.")
    content_sha256: Series[str] = pa.Field(nullable=True, description="SHA-256 of the normalised text, when it could be read.")
    rejected_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the run rejected it (UTC).")

    class Config:
        name = "rejects"
        title = "Rejects"
        description = "One row per input file or output row that was rejected, with the reason (grain: source_uri, stage, reason)."
        strict = True
        coerce = False
