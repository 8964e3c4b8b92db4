"""The `sources` table: which input files a run read, by a cheap key, and the articles each gave."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._fields import ArticleId, ExtractorVersion


class Sources(pa.DataFrameModel):
    """One row per article read from an input file whose every record is in the output (grain: file × article)."""

    source_uri: Series[str] = pa.Field(str_length={"min_value": 1}, description="The input file (local path or fsspec URL), as `articles.source_uri` names it (without a JSONL line's `#...`).")
    article_id: Series[str] = ArticleId()
    size_bytes: Series[pd.Int64Dtype] = pa.Field(ge=0, description="The file's size in bytes when it was read.")
    mtime_ns: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="The file's modification time (ns since the epoch) when it was read; null where the filesystem gives none.")
    ctime_ns: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="The file's inode change time (ns) when it was read (local disk only): a file replaced with the same size and modification time still differs here.")
    inode: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="The file's inode number when it was read (local disk only).")
    extractor_version: Series[str] = ExtractorVersion()
    recorded_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the run that read the file committed its articles (UTC); the newest row of a file is its key.")

    class Config:
        name = "sources"
        title = "Sources"
        description = ("Bookkeeping for incremental runs: a re-run skips an input file unread when its size, modification time, "
                       "change time and inode equal its newest row here and its articles are still in the output "
                       "(grain: input file × article). Rebuilt as files are read; not part of the data contract.")
        strict = True
        coerce = False
