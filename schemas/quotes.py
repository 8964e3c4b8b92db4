"""The `quotes` table: one row per quotation or piece of reported speech."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._fields import QUOTE_KINDS, ArticleId, CharEnd, CharStart, ExtractorVersion, Idx, SpanText
from schemas._spans import SpanRows


class Quotes(SpanRows):
    """One row per quote, keyed by (`article_id`, `quote_idx`)."""

    article_id: Series[str] = ArticleId()
    quote_idx: Series[pd.Int32Dtype] = Idx()
    kind: Series[str] = pa.Field(isin=QUOTE_KINDS, description="`direct`: a whole sentence or more in quote marks; `partial`: a quoted fragment inside the writer's sentence; `indirect`: reported speech without quote marks.")
    text: Series[str] = SpanText(description="The quoted words without the quote marks (for `indirect`, the reported clause); exactly `articles.text[char_start:char_end]`.")
    char_start: Series[pd.Int32Dtype] = CharStart()
    char_end: Series[pd.Int32Dtype] = CharEnd()
    speaker: Series[str] = pa.Field(nullable=True, description="Who said it: the fullest name the article gives, titles dropped, pronouns resolved; a description when no name is given; null when the article does not say.")
    speaker_char_start: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=0, description="Start of the mention the attribution rests on (the `he` or `Biden` beside the cue).")
    speaker_char_end: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=1, description="End of that mention (exclusive).")
    cue: Series[str] = pa.Field(nullable=True, description="The attributing verb or phrase as written: `said`, `told`, `according to`, `insisted`.")
    via: Series[str] = pa.Field(nullable=True, description="The outlet that relayed the words (`Reuters` in `according to Reuters`), else null.")
    parent_quote_idx: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=0, description="For a `partial` quote that sits inside an `indirect` row of the same article (`X said the plan was \"a disaster\"` gives both rows): that row's `quote_idx`; else null. One utterance, two rows: to count utterances (quotes per speaker), count the rows where `parent_quote_idx` is null.")
    extractor_version: Series[str] = ExtractorVersion()

    @pa.dataframe_check
    def speaker_span_is_whole(cls, df: pd.DataFrame) -> Series[bool]:
        """`speaker_char_start` and `speaker_char_end` are both null or both set, in order."""
        s, e = df["speaker_char_start"], df["speaker_char_end"]
        return (s.isna() & e.isna()) | (s.notna() & e.notna() & (e > s)).fillna(False)

    @pa.dataframe_check
    def parent_is_another_quote(cls, df: pd.DataFrame) -> Series[bool]:
        """`parent_quote_idx` is null or the index of another quote of the same article."""
        p = df["parent_quote_idx"]
        # Plain Python lists: iterating the Arrow-backed columns makes one scalar per element (10x slower).
        ids, parents = df["article_id"].tolist(), p.tolist()
        keys = set(zip(ids, df["quote_idx"].tolist(), strict=True))
        found = pd.Series([(a, q) in keys for a, q in zip(ids, parents, strict=True)], index=df.index, dtype=bool)
        return p.isna() | (found & (p != df["quote_idx"])).fillna(False)

    class Config:
        name = "quotes"
        title = "Quotes"
        description = "One row per quotation or piece of reported speech (grain: article_id, quote_idx)."
        strict = True
        coerce = False
        unique = ["article_id", "quote_idx"]
