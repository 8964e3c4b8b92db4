"""The `runs` table: one row per pipeline run, appended at the end of the run."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

_Count = pa.Field(ge=0)


class Runs(pa.DataFrameModel):
    """One row per run of `article_etl`, keyed by `run_id`."""

    run_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1}, description="newsetl's id for the run (UTC start time and a random suffix).")
    flow_run_id: Series[str] = pa.Field(nullable=True, description="Prefect's flow run id, to find the run in the Prefect UI.")
    started_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the run started (UTC).")
    finished_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the run finished (UTC).")
    input_root: Series[str] = pa.Field(description="The input folder or URL the run read.")
    files_seen: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Input files listed.")
    articles_new: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Articles written by this run.")
    articles_skipped: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Articles already in the output with the current extractor version, not processed again.")
    rejected: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Rejects found by this run (including ones already recorded by an earlier run).")
    rows_articles: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Rows written to `articles`.")
    rows_sections: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Rows written to `sections`.")
    rows_quotes: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Rows written to `quotes`.")
    rows_figures: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Rows written to `figures`.")
    rows_rejects: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Rows written to `rejects` (new rejects only).")
    rejects_by_reason: Series[str] = pa.Field(description="JSON object: reject reason code → count, for this run.")
    duration_s: Series[float] = pa.Field(ge=0, description="Wall-clock seconds from start to finish.")
    package_version: Series[str] = pa.Field(description="Version of newsetl that ran.")
    extractor_version: Series[str] = pa.Field(description="Version of the extractors that ran.")
    dates_unreadable: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True, description="Articles whose publication date was given but could not be read (kept in `articles.published_raw`, `published_at` null); null in rows written before this column existed.")
    articles_replaced: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True, description="Older versions of corrected articles (same `source_uri`, new content) whose rows this run removed; null in rows written before this column existed.")
    stage_seconds: Series[str] = pa.Field(nullable=True, description="JSON object: stage (ingest, sections, quotes, figures, validate, write, people) → seconds it took, summed over the run's batches (workers' time, not wall-clock); null in rows written before this column existed.")

    class Config:
        name = "runs"
        title = "Runs"
        description = "One row per pipeline run, appended when the run ends (grain: run_id)."
        strict = True
        coerce = False
