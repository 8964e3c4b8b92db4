"""The `sections` table: one row per typed block of an article."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._fields import SECTION_KINDS, ArticleId, CharEnd, CharStart, ExtractorVersion, Idx, SpanText
from schemas._spans import SpanRows


class Sections(SpanRows):
    """One row per section of an article, keyed by (`article_id`, `section_idx`)."""

    article_id: Series[str] = ArticleId()
    section_idx: Series[pd.Int32Dtype] = Idx()
    kind: Series[str] = pa.Field(isin=SECTION_KINDS, description="What the block is: " + ", ".join(SECTION_KINDS) + ".")
    text: Series[str] = SpanText()
    char_start: Series[pd.Int32Dtype] = CharStart()
    char_end: Series[pd.Int32Dtype] = CharEnd()
    extractor_version: Series[str] = ExtractorVersion()

    class Config:
        name = "sections"
        title = "Sections"
        description = "One row per typed block of an article (grain: article_id, section_idx)."
        strict = True
        coerce = False
        unique = ["article_id", "section_idx"]
