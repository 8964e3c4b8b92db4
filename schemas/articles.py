"""The `articles` table: one row per distinct article (by normalised content)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._fields import ArticleId, ExtractorVersion


class Articles(pa.DataFrameModel):
    """One row per distinct article, keyed by `article_id` (a hash of its normalised text)."""

    article_id: Series[str] = ArticleId(unique=True)
    source_uri: Series[str] = pa.Field(str_length={"min_value": 1}, description="Where the article was read from: a local path or an fsspec URL (a JSONL line adds `#file`).")
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description="The headline, without a trailing ` | Section` label.")
    section_label: Series[str] = pa.Field(nullable=True, description="The newsroom's section name split off the headline (`World Report`), if any.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The normalised full text (UTF-8, NFC, `\\n` line endings, mojibake repaired); all offsets point into it.")
    content_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$", unique=True, description="SHA-256 (hex) of `text`: the article's content identity, used for incremental runs.")
    n_chars: Series[pd.Int32Dtype] = pa.Field(ge=1, description="Length of `text` in code points.")
    published_at: Series[object] = pa.Field(nullable=True, metadata={"arrow": "date32[day]"}, description="Publication date when the source states it (JSONL `published_at`/`date`, HTML metadata) in a format that can be read (ISO 8601, RFC 2822, Reuters, common written forms), as written in the source's own time zone; used to resolve weekdays.")
    url: Series[str] = pa.Field(nullable=True, description="The article's web address when the source gives one.")
    extractor_version: Series[str] = ExtractorVersion()
    ingested_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When this run read the article (UTC).")
    published_raw: Series[str] = pa.Field(nullable=True, description="The publication date exactly as the source gave it; `published_at` is null where it is set but could not be read (counted in `runs.dates_unreadable`).")
    supersedes: Series[str] = pa.Field(nullable=True, description="The `article_id` of the earlier content of the same `source_uri` (a corrected article) that this row replaced; that version's rows are removed from every table. Null for a source's first version.")

    @pa.dataframe_check
    def n_chars_is_text_length(cls, df: pd.DataFrame) -> Series[bool]:
        """`n_chars` equals the length of `text`."""
        return df["text"].str.len() == df["n_chars"].astype("int64")

    class Config:
        name = "articles"
        title = "Articles"
        description = "One row per distinct article (grain: normalised content); the parent of every other table."
        strict = True
        coerce = False
